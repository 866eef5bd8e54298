#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_vector.h>
#include <mdl/gan.h>

int mdl_gan_optimal_logit(const gsl_vector *p_r, const gsl_vector *p_g,
                          gsl_vector *logit)
{
  if (p_r == NULL || p_g == NULL || logit == NULL)
    GSL_ERROR("mdl_gan_optimal_logit: NULL argument", GSL_EFAULT);
  if (p_r->size != p_g->size || logit->size != p_r->size)
    GSL_ERROR("mdl_gan_optimal_logit: lengths differ", GSL_EBADLEN);
  for (size_t i = 0; i < logit->size; i++) {
    double a = gsl_vector_get(p_r, i), b = gsl_vector_get(p_g, i);
    gsl_vector_set(logit, i, a + b == 0 ? 0 : log(a / (a + b)));
  }
  return GSL_SUCCESS;
}
