#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <mdl/vae.h>

int mdl_vae_flow_loglik(const mdl_vae_flow_layer *layers, size_t L,
                        const gsl_matrix *X, gsl_vector *loglik,
                        gsl_matrix *Z0)
{
  if (X == NULL || loglik == NULL || (layers == NULL && L > 0))
    GSL_ERROR("X, loglik and layers must not be NULL", GSL_EFAULT);
  size_t N = X->size1, d = X->size2;
  if (N == 0 || loglik->size != N ||
      (Z0 != NULL && (Z0->size1 != N || Z0->size2 != d)))
    GSL_ERROR("sizes do not match", GSL_EBADLEN);
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < d; j++)
      if (!isfinite(gsl_matrix_get(X, i, j)))
        GSL_ERROR("X is not finite", GSL_EDOM);
  for (size_t l = 0; l < L; l++)
    if (layers[l].kind != MDL_VAE_FLOW_PLANAR &&
        layers[l].kind != MDL_VAE_FLOW_COUPLING)
      GSL_ERROR("unknown layer kind", GSL_EINVAL);
  gsl_matrix *Z = gsl_matrix_alloc(N, d);
  gsl_vector *acc = gsl_vector_calloc(N), *ld = gsl_vector_alloc(N);
  gsl_matrix_memcpy(Z, X);
  int status = GSL_SUCCESS;
  for (size_t l = 0; l < L && status == GSL_SUCCESS; l++) {
    const mdl_vae_flow_layer *f = &layers[l];
    status = f->kind == MDL_VAE_FLOW_PLANAR
             ? mdl_vae_planar_inverse(f->u, f->w, f->b, Z, Z, ld)
             : mdl_vae_coupling_inverse(f->st, f->k, f->parity, Z, Z, ld);
    if (status == GSL_SUCCESS)
      gsl_vector_add(acc, ld);
  }
  if (status == GSL_SUCCESS) {
    for (size_t i = 0; i < N; i++) {
      double sq = 0;
      for (size_t j = 0; j < d; j++)
        sq += gsl_matrix_get(Z, i, j) * gsl_matrix_get(Z, i, j);
      gsl_vector_set(loglik, i, gsl_vector_get(acc, i) -
                     0.5 * ((double)d * log(2 * M_PI) + sq));
    }
    if (Z0 != NULL)
      gsl_matrix_memcpy(Z0, Z);
  }
  gsl_matrix_free(Z);
  gsl_vector_free(acc);
  gsl_vector_free(ld);
  return status;
}
