#include <math.h>
#include <gsl/gsl_errno.h>
#include <mdl/numcheck.h>

int mdl_numcheck_mean(const gsl_vector *x, mdl_numcheck_estimate *est)
{
  if (x == NULL || est == NULL)
    GSL_ERROR("x and est must not be NULL", GSL_EFAULT);
  if (x->size < 2)
    GSL_ERROR("a standard error needs at least 2 values", GSL_EINVAL);
  double s = 0, s2 = 0, n = (double)x->size;
  for (size_t i = 0; i < x->size; i++) {
    double xi = gsl_vector_get(x, i);
    if (!isfinite(xi))
      GSL_ERROR("the values must be finite", GSL_EDOM);
    s += xi;
    s2 += xi * xi;
  }
  est->mean = s / n;
  est->sd = sqrt(fmax(0.0, (s2 - n * est->mean * est->mean) / (n - 1)));
  est->se = est->sd / sqrt(n);
  est->n = x->size;
  return GSL_SUCCESS;
}
