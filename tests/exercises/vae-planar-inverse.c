#include <gsl/gsl_errno.h>
#include <mdl/vae.h>

int mdl_vae_planar_inverse(const gsl_vector *u, const gsl_vector *w, double b,
                           const gsl_matrix *X, gsl_matrix *Z,
                           gsl_vector *logdet)
{
  (void)u;
  (void)w;
  (void)b;
  (void)X;
  (void)Z;
  (void)logdet;
  GSL_ERROR("mdl_vae_planar_inverse: not written yet", GSL_EUNIMPL);
}
