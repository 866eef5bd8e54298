#include <gsl/gsl_errno.h>
#include <mdl/numcheck.h>

int mdl_numcheck_interval(const mdl_numcheck_estimate *est, double level,
                          double *lo, double *hi)
{
  (void)est;
  (void)level;
  (void)lo;
  (void)hi;
  GSL_ERROR("mdl_numcheck_interval: not written yet", GSL_EUNIMPL);
}
