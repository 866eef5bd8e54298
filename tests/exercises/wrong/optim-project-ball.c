#include <math.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_vector.h>
#include <mdl/optim.h>

int mdl_optim_project_ball(gsl_vector *x, const gsl_vector *center,
                           double radius)
{
  if (x == NULL)
    GSL_ERROR("x must not be NULL", GSL_EFAULT);
  if (center && center->size != x->size)
    GSL_ERROR("center must have the length of x", GSL_EBADLEN);
  if (isnan(radius) || radius < 0)
    GSL_ERROR("radius must be nonnegative", GSL_EINVAL);
  for (size_t i = 0; i < x->size; i++)
    if (!isfinite(gsl_vector_get(x, i))
        || (center && !isfinite(gsl_vector_get(center, i))))
      GSL_ERROR("x and center must be finite", GSL_EDOM);
  double d = gsl_blas_dnrm2(x);
  if (d > radius)
    gsl_vector_scale(x, radius / d);
  return GSL_SUCCESS;
}
