#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_nan.h>
#include <gsl/gsl_vector.h>
#include <mdl/approx.h>

double mdl_approx_bernstein(const gsl_vector *f, double x)
{
  if (f == NULL)
    GSL_ERROR_VAL("f must not be NULL", GSL_EFAULT, GSL_NAN);
  if (!(x >= 0 && x <= 1))
    GSL_ERROR_VAL("x must lie in [0, 1]", GSL_EDOM, GSL_NAN);
  size_t n = f->size - 1;
  double *b = malloc(f->size * sizeof *b);
  if (b == NULL)
    GSL_ERROR_VAL("cannot allocate", GSL_ENOMEM, GSL_NAN);
  for (size_t k = 0; k <= n; k++)
    b[k] = gsl_vector_get(f, k);
  for (size_t level = n; level > 0; level--)
    for (size_t k = 0; k < level; k++)
      b[k] = x * b[k] + (1 - x) * b[k + 1];
  double value = b[0];
  free(b);
  return value;
}
