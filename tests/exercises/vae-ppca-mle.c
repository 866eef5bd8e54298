#include <gsl/gsl_errno.h>
#include <mdl/vae.h>

int mdl_vae_ppca_mle(const gsl_matrix *X, size_t m, gsl_matrix *W,
                     gsl_vector *mu, double *sigma2)
{
  (void)X;
  (void)m;
  (void)W;
  (void)mu;
  (void)sigma2;
  GSL_ERROR("mdl_vae_ppca_mle: not written yet", GSL_EUNIMPL);
}
