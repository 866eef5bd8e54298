#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <mdl/numcheck.h>

int mdl_numcheck_interval(const mdl_numcheck_estimate *est, double level,
                          double *lo, double *hi)
{
  if (est == NULL || lo == NULL || hi == NULL)
    GSL_ERROR("est, lo and hi must not be NULL", GSL_EFAULT);
  if (!(level > 0 && level < 1))
    GSL_ERROR("the level must lie in (0, 1)", GSL_EDOM);
  double z = gsl_cdf_ugaussian_Pinv(level);
  *lo = est->mean - z * est->se;
  *hi = est->mean + z * est->se;
  return GSL_SUCCESS;
}
