#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_nan.h>
#include <gsl/gsl_vector.h>
#include <mdl/learn.h>

double mdl_margin(const gsl_matrix *X, const gsl_vector *y,
                  const gsl_vector *theta)
{
  (void)X;
  (void)y;
  (void)theta;
  GSL_ERROR_VAL("mdl_margin: not written yet", GSL_EUNIMPL, GSL_NAN);
}
