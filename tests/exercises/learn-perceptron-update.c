#include <gsl/gsl_errno.h>
#include <gsl/gsl_vector.h>
#include <mdl/learn.h>

int mdl_perceptron_update(const gsl_vector *x, double y, gsl_vector *theta,
                          int *mistake)
{
  (void)x;
  (void)y;
  (void)theta;
  (void)mistake;
  GSL_ERROR("mdl_perceptron_update: not written yet", GSL_EUNIMPL);
}
