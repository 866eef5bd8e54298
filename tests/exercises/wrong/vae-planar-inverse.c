#include <math.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <mdl/vae.h>

int mdl_vae_planar_inverse(const gsl_vector *u, const gsl_vector *w, double b,
                           const gsl_matrix *X, gsl_matrix *Z,
                           gsl_vector *logdet)
{
  if (u == NULL || w == NULL || X == NULL || Z == NULL || logdet == NULL)
    GSL_ERROR("no argument may be NULL", GSL_EFAULT);
  size_t N = X->size1, d = X->size2;
  if (u->size != d || w->size != d || Z->size1 != N || Z->size2 != d ||
      logdet->size != N)
    GSL_ERROR("sizes do not match", GSL_EBADLEN);
  double c;
  gsl_blas_ddot(w, u, &c);
  if (c < -1 || !isfinite(b))
    GSL_ERROR("w^T u < -1 or b not finite", GSL_EDOM);
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < d; j++)
      if (!isfinite(gsl_matrix_get(X, i, j)))
        GSL_ERROR("the input is not finite", GSL_EDOM);
  for (size_t i = 0; i < N; i++) {
    gsl_vector_const_view x = gsl_matrix_const_row(X, i);
    double wx, alpha;
    gsl_blas_ddot(w, &x.vector, &wx);
    alpha = wx;
    for (int it = 0; it < 60; it++)
      alpha = wx - c * tanh(alpha + b);
    double t = tanh(alpha + b);
    for (size_t j = 0; j < d; j++)
      gsl_matrix_set(Z, i, j,
                     gsl_vector_get(&x.vector, j) - gsl_vector_get(u, j) * t);
    gsl_vector_set(logdet, i, -log(fabs(1 + (1 - t * t) * c)));
  }
  return GSL_SUCCESS;
}
