#include <gsl/gsl_errno.h>
#include <mdl/numcheck.h>

int mdl_numcheck_diff(const gsl_multimin_function *f, const gsl_vector *x,
                      double h, gsl_vector *d)
{
  (void)f;
  (void)x;
  (void)h;
  (void)d;
  GSL_ERROR("mdl_numcheck_diff: not written yet", GSL_EUNIMPL);
}
