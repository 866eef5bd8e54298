#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <mdl/rnn.h>

int mdl_rnn_positional(gsl_matrix *P)
{
  if (P == NULL)
    GSL_ERROR("mdl_rnn_positional: P is NULL", GSL_EFAULT);
  const double d = (double)P->size2;
  for (size_t t = 0; t < P->size1; t++)
    for (size_t k = 0; k < P->size2; k++) {
      double w = pow(10000.0, (double)k / d);
      gsl_matrix_set(P, t, k, k % 2 == 0 ? sin(w * (double)t) : cos(w * (double)t));
    }
  return GSL_SUCCESS;
}
