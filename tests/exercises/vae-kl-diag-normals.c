#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_nan.h>
#include <mdl/vae.h>

double mdl_vae_kl_diag_normals(const gsl_vector *mu1, const gsl_vector *logvar1,
                               const gsl_vector *mu2, const gsl_vector *logvar2)
{
  (void)mu1;
  (void)logvar1;
  (void)mu2;
  (void)logvar2;
  GSL_ERROR_VAL("mdl_vae_kl_diag_normals: not written yet", GSL_EUNIMPL,
                GSL_NAN);
}
