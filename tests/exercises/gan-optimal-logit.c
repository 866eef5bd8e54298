#include <gsl/gsl_errno.h>
#include <gsl/gsl_vector.h>
#include <mdl/gan.h>

int mdl_gan_optimal_logit(const gsl_vector *p_r, const gsl_vector *p_g,
                          gsl_vector *logit)
{
  (void)p_r;
  (void)p_g;
  (void)logit;
  GSL_ERROR("mdl_gan_optimal_logit: not written yet", GSL_EUNIMPL);
}
