#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_nan.h>
#include <gsl/gsl_sort_vector.h>
#include <gsl/gsl_vector.h>
#include <mdl/divergence.h>

double mdl_w1_1d(const gsl_vector *x, const gsl_vector *y)
{
  if (x == NULL || y == NULL)
    GSL_ERROR_VAL("mdl_w1_1d: x and y must not be NULL", GSL_EFAULT, GSL_NAN);
  gsl_vector *a = gsl_vector_alloc(x->size), *b = gsl_vector_alloc(y->size);
  gsl_vector_memcpy(a, x);
  gsl_vector_memcpy(b, y);
  gsl_sort_vector(a);
  gsl_sort_vector(b);
  size_t k = x->size < y->size ? x->size : y->size;
  double sum = 0;
  for (size_t i = 0; i < k; i++)
    sum += fabs(gsl_vector_get(a, i) - gsl_vector_get(b, i));
  gsl_vector_free(a);
  gsl_vector_free(b);
  return sum / (double)k;
}
