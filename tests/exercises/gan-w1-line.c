#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_nan.h>
#include <gsl/gsl_vector.h>
#include <mdl/divergence.h>

double mdl_w1_1d(const gsl_vector *x, const gsl_vector *y)
{
  (void)x;
  (void)y;
  GSL_ERROR_VAL("mdl_w1_1d: not written yet", GSL_EUNIMPL, GSL_NAN);
}
