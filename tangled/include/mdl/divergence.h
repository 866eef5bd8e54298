#ifndef MDL_DIVERGENCE_H
#define MDL_DIVERGENCE_H

#include <stddef.h>
#include <gsl/gsl_vector.h>
#ifdef __cplusplus
extern "C" {
#endif

/* mdl_kl: the Kullback-Leibler divergence KL(p || q) of two probability
   vectors, in nats (+inf when some p_i > 0 = q_i).  Errors: GSL_EFAULT
   (NULL argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a
   non-finite or out-of-range value); returns NaN on error.  Book: ch. 5,
   "Distances between distributions". */
double mdl_kl(const gsl_vector *p, const gsl_vector *q);
/* mdl_js: the Jensen-Shannon divergence JS(p, q) of two probability
   vectors, in nats.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN
   (sizes that do not match), GSL_EDOM (a non-finite or out-of-range
   value); returns NaN on error.  Book: ch. 5, "Distances between
   distributions". */
double mdl_js(const gsl_vector *p, const gsl_vector *q);
/* mdl_tv: the total variation distance of two probability vectors, half
   their l1 distance.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN
   (sizes that do not match), GSL_EDOM (a non-finite or out-of-range
   value); returns NaN on error.  Book: ch. 5, "Distances between
   distributions". */
double mdl_tv(const gsl_vector *p, const gsl_vector *q);
/* mdl_w1_1d: the Wasserstein distance W_1 between the empirical measures
   of two samples of real numbers, of any sizes.  Errors: GSL_EFAULT (NULL
   argument), GSL_EBADLEN (an empty sample), GSL_EDOM (a non-finite
   value), GSL_ENOMEM (out of memory); returns NaN on error.  Book: ch. 5, "Distances between distributions". */
double mdl_w1_1d(const gsl_vector *x, const gsl_vector *y);
/* mdl_histogram: the probability vector p_k = c_k / n of the sample x on
   p->size equal bins of [lo, hi] (x = hi in the last bin).  Errors:
   GSL_EFAULT (NULL), GSL_EBADLEN (empty x or p), GSL_EINVAL (lo < hi not
   finite), GSL_EDOM (a sample not finite or outside [lo, hi]).  Book: ch. 5,
   "Histograms, and a critic between two samples". */
int mdl_histogram(const gsl_vector *x, double lo, double hi, gsl_vector *p);
typedef struct {
  double (*log_density)(double x, void *params);
  void *params;
} mdl_density;

/* mdl_kl_density: KL(p || q) of two densities on the line, integrated over
   [lo, hi] by adaptive quadrature (QAGS), with its error estimate.
   Errors: GSL_EFAULT (NULL argument), GSL_EINVAL (an invalid parameter),
   GSL_EBADFUNC (a callback that fails or returns a non-finite value),
   GSL_EDIVERGE (an integral that diverges).  Book: ch. 5, "Distances
   between distributions". */
int mdl_kl_density(const mdl_density *p, const mdl_density *q, double lo,
                   double hi, double *value, double *abserr);
/* mdl_js_density: JS(p, q) of two densities on the line, integrated over
   [lo, hi] by adaptive quadrature, with its error estimate.  Errors:
   GSL_EFAULT (NULL argument), GSL_EINVAL (an invalid parameter),
   GSL_EBADFUNC (a callback that fails or returns a non-finite value).
   Book: ch. 5, "Distances between distributions". */
int mdl_js_density(const mdl_density *p, const mdl_density *q, double lo,
                   double hi, double *value, double *abserr);
/* mdl_tv_density: the total variation distance of two densities on the
   line, integrated over [lo, hi], with its error estimate.  Errors:
   GSL_EFAULT (NULL argument), GSL_EINVAL (an invalid parameter),
   GSL_EBADFUNC (a callback that fails or returns a non-finite value).
   Book: ch. 5, "Distances between distributions". */
int mdl_tv_density(const mdl_density *p, const mdl_density *q, double lo,
                   double hi, double *value, double *abserr);

#ifdef __cplusplus
}
#endif
#endif
