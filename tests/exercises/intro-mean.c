#include <gsl/gsl_errno.h>
#include <mdl/numcheck.h>

int mdl_numcheck_mean(const gsl_vector *x, mdl_numcheck_estimate *est)
{
  (void)x;
  (void)est;
  GSL_ERROR("mdl_numcheck_mean: not written yet", GSL_EUNIMPL);
}
