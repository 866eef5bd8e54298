#include <gsl/gsl_errno.h>
#include <gsl/gsl_vector.h>
#include <mdl/approx.h>

mdl_net *mdl_approx_relu_interpolant(const gsl_vector *x, const gsl_vector *y)
{
  (void)x;
  (void)y;
  GSL_ERROR_NULL("mdl_approx_relu_interpolant: not written yet", GSL_EUNIMPL);
}
