#ifndef MDL_DIVERGENCE_H
#define MDL_DIVERGENCE_H

#include <stddef.h>
#include <gsl/gsl_vector.h>

double mdl_kl(const gsl_vector *p, const gsl_vector *q);
double mdl_js(const gsl_vector *p, const gsl_vector *q);
double mdl_tv(const gsl_vector *p, const gsl_vector *q);
double mdl_w1_1d(const gsl_vector *x, const gsl_vector *y);
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
