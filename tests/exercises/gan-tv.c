#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_nan.h>
#include <gsl/gsl_vector.h>
#include <mdl/divergence.h>

double mdl_tv(const gsl_vector *p, const gsl_vector *q)
{
  (void)p;
  (void)q;
  GSL_ERROR_VAL("mdl_tv: not written yet", GSL_EUNIMPL, GSL_NAN);
}
