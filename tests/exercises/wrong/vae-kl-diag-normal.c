#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_nan.h>
#include <mdl/vae.h>

double mdl_vae_kl_diag_normal(const gsl_vector *mu, const gsl_vector *logvar)
{
  if (mu == NULL || logvar == NULL)
    GSL_ERROR_VAL("mu and logvar must not be NULL", GSL_EFAULT, GSL_NAN);
  if (mu->size != logvar->size)
    GSL_ERROR_VAL("mu and logvar differ in length", GSL_EBADLEN, GSL_NAN);
  double s = 0;
  for (size_t j = 0; j < mu->size; j++) {
    double m = gsl_vector_get(mu, j), lv = gsl_vector_get(logvar, j);
    if (!isfinite(m) || !isfinite(lv))
      GSL_ERROR_VAL("an entry is not finite", GSL_EDOM, GSL_NAN);
    s += m * m + exp(lv) - lv;
  }
  return 0.5 * s;
}
