#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_nan.h>
#include <mdl/rnn.h>

int mdl_rnn_positional(gsl_matrix *P)
{
  (void)P;
  GSL_ERROR("mdl_rnn_positional: not written yet", GSL_EUNIMPL);
}
