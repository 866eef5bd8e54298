#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_nan.h>
#include <mdl/vae.h>

double mdl_vae_kl_diag_normals(const gsl_vector *mu1, const gsl_vector *logvar1,
                               const gsl_vector *mu2, const gsl_vector *logvar2)
{
  if (mu1 == NULL || logvar1 == NULL || mu2 == NULL || logvar2 == NULL)
    GSL_ERROR_VAL("no vector may be NULL", GSL_EFAULT, GSL_NAN);
  size_t m = mu1->size;
  if (logvar1->size != m || mu2->size != m || logvar2->size != m)
    GSL_ERROR_VAL("the vectors differ in length", GSL_EBADLEN, GSL_NAN);
  double s = 0;
  for (size_t j = 0; j < m; j++) {
    double a = gsl_vector_get(mu1, j), b = gsl_vector_get(mu2, j);
    double l1 = gsl_vector_get(logvar1, j), l2 = gsl_vector_get(logvar2, j);
    if (!isfinite(a) || !isfinite(b) || !isfinite(l1) || !isfinite(l2))
      GSL_ERROR_VAL("an entry is not finite", GSL_EDOM, GSL_NAN);
    double d = l1 - l2;
    s += expm1(d) - d + (a - b) * (a - b) * exp(-l1);
  }
  return 0.5 * s;
}
