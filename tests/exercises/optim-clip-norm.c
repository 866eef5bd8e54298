#include <gsl/gsl_errno.h>
#include <gsl/gsl_vector.h>
#include <mdl/optim.h>

int mdl_optim_clip_norm(gsl_vector *g, double max_norm, double *norm)
{
  (void)g;
  (void)max_norm;
  (void)norm;
  GSL_ERROR("mdl_optim_clip_norm: not written yet", GSL_EUNIMPL);
}
