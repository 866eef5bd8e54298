#include <gsl/gsl_errno.h>
#include <gsl/gsl_vector.h>
#include <mdl/optim.h>

int mdl_optim_project_ball(gsl_vector *x, const gsl_vector *center,
                           double radius)
{
  (void)x;
  (void)center;
  (void)radius;
  GSL_ERROR("mdl_optim_project_ball: not written yet", GSL_EUNIMPL);
}
