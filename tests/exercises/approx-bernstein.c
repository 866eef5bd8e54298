#include <gsl/gsl_errno.h>
#include <gsl/gsl_nan.h>
#include <gsl/gsl_vector.h>
#include <mdl/approx.h>

double mdl_approx_bernstein(const gsl_vector *f, double x)
{
  (void)f;
  (void)x;
  GSL_ERROR_VAL("mdl_approx_bernstein: not written yet", GSL_EUNIMPL, GSL_NAN);
}
