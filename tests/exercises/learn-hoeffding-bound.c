#include <gsl/gsl_errno.h>
#include <gsl/gsl_nan.h>
#include <gsl/gsl_vector.h>
#include <mdl/learn.h>

double mdl_hoeffding_bound(const gsl_vector *a, const gsl_vector *b, double t)
{
  (void)a;
  (void)b;
  (void)t;
  GSL_ERROR_VAL("mdl_hoeffding_bound: not written yet", GSL_EUNIMPL,
                GSL_NAN);
}
