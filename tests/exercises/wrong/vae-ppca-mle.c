#include <math.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <mdl/vae.h>

int mdl_vae_ppca_mle(const gsl_matrix *X, size_t m, gsl_matrix *W,
                     gsl_vector *mu, double *sigma2)
{
  if (X == NULL || W == NULL || mu == NULL || sigma2 == NULL)
    GSL_ERROR("no argument may be NULL", GSL_EFAULT);
  size_t N = X->size1, n = X->size2;
  if (m == 0 || m >= n || N < 2)
    GSL_ERROR("need 1 <= m < n and 2 points", GSL_EINVAL);
  if (W->size1 != n || W->size2 != m || mu->size != n)
    GSL_ERROR("W must be n x m and mu of length n", GSL_EBADLEN);
  gsl_matrix *S = gsl_matrix_calloc(n, n), *U = gsl_matrix_alloc(n, n);
  gsl_vector *lam = gsl_vector_alloc(n), *xbar = gsl_vector_calloc(n);
  gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc(n);
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < n; j++)
      *gsl_vector_ptr(xbar, j) += gsl_matrix_get(X, i, j) / (double)N;
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < n; j++)
      for (size_t k = 0; k < n; k++)
        *gsl_matrix_ptr(S, j, k) +=
            (gsl_matrix_get(X, i, j) - gsl_vector_get(xbar, j)) *
            (gsl_matrix_get(X, i, k) - gsl_vector_get(xbar, k)) / (double)N;
  gsl_eigen_symmv(S, lam, U, ws);
  gsl_eigen_symmv_sort(lam, U, GSL_EIGEN_SORT_VAL_DESC);
  double s2 = 0;
  for (size_t j = m; j < n; j++)
    s2 += gsl_vector_get(lam, j) / (double)(n - m);
  for (size_t j = 0; j < m; j++)
    for (size_t i = 0; i < n; i++)
      gsl_matrix_set(W, i, j,
                     gsl_matrix_get(U, i, j) * sqrt(gsl_vector_get(lam, j)));
  gsl_vector_memcpy(mu, xbar);
  *sigma2 = s2;
  gsl_matrix_free(S);
  gsl_matrix_free(U);
  gsl_vector_free(lam);
  gsl_vector_free(xbar);
  gsl_eigen_symmv_free(ws);
  return GSL_SUCCESS;
}
