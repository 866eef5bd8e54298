#include <math.h>
#include <gsl/gsl_errno.h>
#include <mdl/numcheck.h>

int mdl_numcheck_diff(const gsl_multimin_function *f, const gsl_vector *x,
                      double h, gsl_vector *d)
{
  if (f == NULL || f->f == NULL || x == NULL || d == NULL)
    GSL_ERROR("f, its function, x and d must not be NULL", GSL_EFAULT);
  if (x->size != f->n || d->size != f->n)
    GSL_ERROR("x and d must have the length f->n", GSL_EBADLEN);
  if (h == 0)
    h = mdl_numcheck_step();
  if (!(h > 0) || !isfinite(h))
    GSL_ERROR("step h must be positive and finite, or 0", GSL_EINVAL);
  gsl_vector *y = gsl_vector_alloc(x->size);
  gsl_vector *tmp = gsl_vector_alloc(x->size);
  if (y == NULL || tmp == NULL) {
    gsl_vector_free(y);
    gsl_vector_free(tmp);
    GSL_ERROR("cannot allocate the scratch vectors", GSL_ENOMEM);
  }
  gsl_vector_memcpy(y, x);
  int status = GSL_SUCCESS;
  for (size_t i = 0; i < x->size && status == GSL_SUCCESS; i++) {
    double xi = gsl_vector_get(x, i);
    double hi = h * fmax(1.0, fabs(xi));
    gsl_vector_set(y, i, xi + hi);
    double fp = f->f(y, f->params);
    gsl_vector_set(y, i, xi - hi);
    double fm = f->f(y, f->params);
    gsl_vector_set(y, i, xi);
    if (!isfinite(fp) || !isfinite(fm))
      status = GSL_EBADFUNC;
    else
      gsl_vector_set(tmp, i, (fp - fm) / (2 * hi));
  }
  if (status == GSL_SUCCESS)
    gsl_vector_memcpy(d, tmp);
  gsl_vector_free(y);
  gsl_vector_free(tmp);
  if (status)
    GSL_ERROR("f returned NaN or an infinity next to x", GSL_EBADFUNC);
  return GSL_SUCCESS;
}
