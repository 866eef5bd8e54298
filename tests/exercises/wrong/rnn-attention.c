#include <math.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <mdl/rnn.h>

int mdl_attention(const gsl_matrix *Q, const gsl_matrix *K,
                  const gsl_matrix *V, int causal, gsl_matrix *Y,
                  gsl_matrix *weights)
{
  if (Q == NULL || K == NULL || V == NULL || Y == NULL)
    GSL_ERROR("mdl_attention: NULL argument", GSL_EFAULT);
  gsl_matrix *P = gsl_matrix_alloc(Q->size1, K->size1);
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, Q, K, 0.0, P);
  for (size_t i = 0; i < P->size1; i++) {
    size_t last = causal ? i + 1 : P->size2;
    double m = gsl_matrix_get(P, i, 0), s = 0;
    for (size_t j = 1; j < last; j++)
      m = claim_fmax(m, gsl_matrix_get(P, i, j));
    for (size_t j = 0; j < P->size2; j++) {
      double e = j < last ? exp(gsl_matrix_get(P, i, j) - m) : 0;
      gsl_matrix_set(P, i, j, e);
      s += e;
    }
    for (size_t j = 0; j < P->size2; j++)
      gsl_matrix_set(P, i, j, gsl_matrix_get(P, i, j) / s);
  }
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, P, V, 0.0, Y);
  if (weights != NULL)
    gsl_matrix_memcpy(weights, P);
  gsl_matrix_free(P);
  return GSL_SUCCESS;
}
