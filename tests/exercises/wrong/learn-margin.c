#include <math.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_nan.h>
#include <gsl/gsl_vector.h>
#include <mdl/learn.h>

double mdl_margin(const gsl_matrix *X, const gsl_vector *y,
                  const gsl_vector *theta)
{
  if (X == NULL || y == NULL || theta == NULL)
    GSL_ERROR_VAL("X, y and theta must not be NULL", GSL_EFAULT, GSL_NAN);
  if (X->size1 != y->size || X->size2 != theta->size)
    GSL_ERROR_VAL("shapes differ", GSL_EBADLEN, GSL_NAN);
  double m = INFINITY;
  for (size_t i = 0; i < X->size1; i++) {
    gsl_vector_const_view xi = gsl_matrix_const_row(X, i);
    double score;
    gsl_blas_ddot(&xi.vector, theta, &score);
    m = fmin(m, gsl_vector_get(y, i) * score);
  }
  return m;
}
