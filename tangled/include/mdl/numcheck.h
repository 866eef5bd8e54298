#ifndef MDL_NUMCHECK_H
#define MDL_NUMCHECK_H

#include <stddef.h>
#include <stdio.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>

double mdl_numcheck_step(void);
int mdl_numcheck_diff(const gsl_multimin_function *f, const gsl_vector *x,
                      double h, gsl_vector *d);
typedef struct {
  int (*f)(const gsl_vector *x, void *params, gsl_vector *fx);
  size_t n;
  size_t m;
  void *params;
} mdl_vector_function;

typedef struct {
  double max_rel_err;
  double max_abs_err;
  size_t worst_i;
  size_t worst_j;
  double h;
} mdl_numcheck_report;

int mdl_numcheck_gradient(const gsl_multimin_function *f, const gsl_vector *x,
                          const gsl_vector *grad, double h,
                          mdl_numcheck_report *report);
int mdl_numcheck_jacdiff(const mdl_vector_function *F, const gsl_vector *x,
                         double h, gsl_matrix *J);
int mdl_numcheck_jacobian(const mdl_vector_function *F, const gsl_vector *x,
                          const gsl_matrix *J, double h,
                          mdl_numcheck_report *report);
typedef double mdl_numcheck_sampler(const gsl_rng *r, void *params);

typedef struct {
  double mean;
  double sd;
  double se;
  size_t n;
} mdl_numcheck_estimate;

int mdl_numcheck_mc_mean(mdl_numcheck_sampler *sample, void *params,
                         const gsl_rng *r, size_t n,
                         mdl_numcheck_estimate *est);
int mdl_numcheck_mean(const gsl_vector *x, mdl_numcheck_estimate *est);
int mdl_numcheck_within(const mdl_numcheck_estimate *est, double value,
                        double k);
int mdl_numcheck_interval(const mdl_numcheck_estimate *est, double level,
                          double *lo, double *hi);
#define MDL_ERROR_VAL(value, code, ...)                                       \
  do {                                                                        \
    char mdl_reason_[256];                                                    \
    snprintf(mdl_reason_, sizeof mdl_reason_, __VA_ARGS__);                   \
    gsl_error(mdl_reason_, __FILE__, __LINE__, (code));                       \
    return (value);                                                           \
  } while (0)
#define MDL_ERROR(code, ...) MDL_ERROR_VAL((code), (code), __VA_ARGS__)
int mdl_numcheck_finite(const gsl_vector *v, size_t *i);
int mdl_numcheck_finite_matrix(const gsl_matrix *m, size_t *i, size_t *j);
/* mdl_numcheck_probability: 1 when p is a probability vector (finite,
   nonnegative entries summing to 1 within MDL_PROBABILITY_TOL(n)), else 0.
   Errors: GSL_EFAULT (p is NULL; returns 0).  Book: ch. 0, "Bad input, in
   every module". */
int mdl_numcheck_probability(const gsl_vector *p, size_t *i, double *sum);
#define MDL_PROBABILITY_TOL(n) (4.0 * (double)(n) * 0x1p-52)
#define MDL_CHECK_PROBABILITY(value, fn, name, p)                             \
  do {                                                                        \
    size_t mdl_i_ = 0;                                                        \
    double mdl_s_ = 0;                                                        \
    if (!mdl_numcheck_probability((p), &mdl_i_, &mdl_s_)) {                   \
      if (mdl_i_ < (p)->size)                                                 \
        MDL_ERROR_VAL((value), GSL_EDOM,                                      \
                      "%s: %s[%zu] = %g is not a probability (negative or "   \
                      "not finite)", (fn), (name), mdl_i_,                    \
                      gsl_vector_get((p), mdl_i_));                           \
      MDL_ERROR_VAL((value), GSL_EDOM,                                        \
                    "%s: %s (length %zu) sums to 1 %+.3g, beyond the "        \
                    "tolerance 4 n eps = %.3g of a probability vector",       \
                    (fn), (name), (p)->size, mdl_s_ - 1,                      \
                    MDL_PROBABILITY_TOL((p)->size));                          \
    }                                                                         \
  } while (0)

#endif
