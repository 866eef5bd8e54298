#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_nan.h>
#include <gsl/gsl_vector.h>
#include <mdl/learn.h>

double mdl_hoeffding_bound(const gsl_vector *a, const gsl_vector *b, double t)
{
  if (a == NULL || b == NULL)
    GSL_ERROR_VAL("a and b must not be NULL", GSL_EFAULT, GSL_NAN);
  if (a->size != b->size)
    GSL_ERROR_VAL("a and b must have the same length", GSL_EBADLEN, GSL_NAN);
  double w2 = 0;
  for (size_t i = 0; i < a->size; i++) {
    double w = gsl_vector_get(b, i) - gsl_vector_get(a, i);
    w2 += w * w;
  }
  if (t <= 0)
    return 1;
  if (w2 == 0)
    return 0;
  return exp(-2 * (double)a->size * t * t / w2);
}
