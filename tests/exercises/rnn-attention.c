#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_nan.h>
#include <mdl/rnn.h>

int mdl_attention(const gsl_matrix *Q, const gsl_matrix *K,
                  const gsl_matrix *V, int causal, gsl_matrix *Y,
                  gsl_matrix *weights)
{
  (void)Q;
  (void)K;
  (void)V;
  (void)causal;
  (void)Y;
  (void)weights;
  GSL_ERROR("mdl_attention: not written yet", GSL_EUNIMPL);
}
