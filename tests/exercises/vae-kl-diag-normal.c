#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_nan.h>
#include <mdl/vae.h>

double mdl_vae_kl_diag_normal(const gsl_vector *mu, const gsl_vector *logvar)
{
  (void)mu;
  (void)logvar;
  GSL_ERROR_VAL("mdl_vae_kl_diag_normal: not written yet", GSL_EUNIMPL,
                GSL_NAN);
}
