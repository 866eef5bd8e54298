#ifndef MDL_DIVERGENCE_H
#define MDL_DIVERGENCE_H

#include <stddef.h>
#include <gsl/gsl_vector.h>

double mdl_kl(const gsl_vector *p, const gsl_vector *q);
double mdl_js(const gsl_vector *p, const gsl_vector *q);
double mdl_tv(const gsl_vector *p, const gsl_vector *q);
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

int mdl_kl_density(const mdl_density *p, const mdl_density *q, double lo,
                   double hi, double *value, double *abserr);
int mdl_js_density(const mdl_density *p, const mdl_density *q, double lo,
                   double hi, double *value, double *abserr);
int mdl_tv_density(const mdl_density *p, const mdl_density *q, double lo,
                   double hi, double *value, double *abserr);

#endif
