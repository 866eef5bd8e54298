#include <math.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_vector.h>
#include <mdl/optim.h>

int mdl_optim_clip_norm(gsl_vector *g, double max_norm, double *norm)
{
  if (g == NULL)
    GSL_ERROR("g must not be NULL", GSL_EFAULT);
  if (isnan(max_norm) || max_norm < 0)
    GSL_ERROR("max_norm must be nonnegative", GSL_EINVAL);
  for (size_t i = 0; i < g->size; i++)
    if (!isfinite(gsl_vector_get(g, i)))
      GSL_ERROR("g must be finite", GSL_EDOM);
  double total = gsl_blas_dnrm2(g);
  gsl_vector_scale(g, max_norm / (total + 1e-6));
  if (norm)
    *norm = total;
  return GSL_SUCCESS;
}
