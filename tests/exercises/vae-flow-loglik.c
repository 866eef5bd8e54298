#include <gsl/gsl_errno.h>
#include <mdl/vae.h>

int mdl_vae_flow_loglik(const mdl_vae_flow_layer *layers, size_t L,
                        const gsl_matrix *X, gsl_vector *loglik,
                        gsl_matrix *Z0)
{
  (void)layers;
  (void)L;
  (void)X;
  (void)loglik;
  (void)Z0;
  GSL_ERROR("mdl_vae_flow_loglik: not written yet", GSL_EUNIMPL);
}
