#ifndef MDL_NUMCHECK_H
#define MDL_NUMCHECK_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#ifdef __cplusplus
extern "C" {
#endif

/* mdl_numcheck_step: the base step h* = (3 eps)^(1/3) of central
   differences.  Errors: none.  Book: ch. 0, "Central differences". */
double mdl_numcheck_step(void);
/* mdl_numcheck_diff: the central differences of f at x along every
   coordinate, step h max(1, |x_i|) (h = 0 means h*), into d.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an invalid
   parameter), GSL_EBADFUNC (a callback that fails or returns a non-finite
   value), GSL_ENOMEM (out of memory).  Book: ch. 0, "Central differences". */
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

/* mdl_numcheck_gradient: checks the gradient grad of f at x against
   central differences; the largest errors and where into report.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an invalid
   parameter), GSL_EBADFUNC (a callback that fails or returns a non-finite
   value), GSL_ENOMEM (out of memory).  Book: ch. 0, "Checking a gradient
   and a Jacobian". */
int mdl_numcheck_gradient(const gsl_multimin_function *f, const gsl_vector *x,
                          const gsl_vector *grad, double h,
                          mdl_numcheck_report *report);
/* mdl_numcheck_jacdiff: the m x n matrix of central differences of F at x,
   into J.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do
   not match), GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL
   (an invalid parameter), GSL_EBADFUNC (a callback that fails or returns a
   non-finite value), GSL_ENOMEM (out of memory).  Book: ch. 0, "Checking a
   gradient and a Jacobian". */
int mdl_numcheck_jacdiff(const mdl_vector_function *F, const gsl_vector *x,
                         double h, gsl_matrix *J);
/* mdl_numcheck_jacobian: checks the Jacobian J of F at x against central
   differences, row by row; the largest errors and where into report.
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not
   match), GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an
   invalid parameter), GSL_EBADFUNC (a callback that fails or returns a
   non-finite value), GSL_ENOMEM (out of memory).  Book: ch. 0, "Checking a
   gradient and a Jacobian". */
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

/* mdl_numcheck_mc_mean: the Monte Carlo mean, standard deviation and
   standard error of n draws of `sample`, into est.  Errors: GSL_EFAULT
   (NULL argument), GSL_EINVAL (an invalid parameter), GSL_EBADFUNC (a
   callback that fails or returns a non-finite value).  Book: ch. 0, "Monte
   Carlo estimates and their standard errors". */
int mdl_numcheck_mc_mean(mdl_numcheck_sampler *sample, void *params,
                         const gsl_rng *r, size_t n,
                         mdl_numcheck_estimate *est);
/* mdl_numcheck_mean: the mean, standard deviation and standard error of
   the values x, into est.  Errors: GSL_EFAULT (NULL argument), GSL_EDOM (a
   non-finite or out-of-range value), GSL_EINVAL (an invalid parameter).
   Book: ch. 0, "Monte Carlo estimates and their standard errors". */
int mdl_numcheck_mean(const gsl_vector *x, mdl_numcheck_estimate *est);
/* mdl_numcheck_within: 1 when |mean - value| <= k standard errors, 0
   otherwise.  Errors: GSL_EFAULT (NULL argument), GSL_EDOM (a non-finite
   or out-of-range value), GSL_EINVAL (an invalid parameter); returns 0 on
   error.  Book: ch. 0, "Monte Carlo estimates and their standard errors". */
int mdl_numcheck_within(const mdl_numcheck_estimate *est, double value,
                        double k);
/* mdl_numcheck_interval: the asymptotic confidence interval mean -+ z se
   at the given level, into lo and hi.  Errors: GSL_EFAULT (NULL argument),
   GSL_EDOM (a non-finite or out-of-range value).  Book: ch. 0, "Monte
   Carlo estimates and their standard errors". */
int mdl_numcheck_interval(const mdl_numcheck_estimate *est, double level,
                          double *lo, double *hi);
#define MDL_REPORT_(code, reason)                                             \
  do {                                                                        \
    const char *mdl_r_ = (reason);                                            \
    char mdl_named_[320];                                                     \
    if (strncmp(__func__, "mdl_", 4) == 0 && strncmp(mdl_r_, "mdl_", 4) != 0) { \
      snprintf(mdl_named_, sizeof mdl_named_, "%s: %s", __func__, mdl_r_);    \
      mdl_r_ = mdl_named_;                                                    \
    }                                                                         \
    gsl_error(mdl_r_, __FILE__, __LINE__, (code));                            \
  } while (0)
#define MDL_ERROR_VAL(value, code, ...)                                       \
  do {                                                                        \
    char mdl_reason_[256];                                                    \
    snprintf(mdl_reason_, sizeof mdl_reason_, __VA_ARGS__);                   \
    MDL_REPORT_((code), mdl_reason_);                                         \
    return (value);                                                           \
  } while (0)
#define MDL_ERROR(code, ...) MDL_ERROR_VAL((code), (code), __VA_ARGS__)
#ifdef MDL_BUILDING_LIBMDL
#undef GSL_ERROR
#undef GSL_ERROR_VAL
#undef GSL_ERROR_NULL
#undef GSL_ERROR_VOID
#define GSL_ERROR(reason, code)                                               \
  do {                                                                        \
    MDL_REPORT_((code), (reason));                                            \
    return (code);                                                            \
  } while (0)
#define GSL_ERROR_VAL(reason, code, value)                                    \
  do {                                                                        \
    MDL_REPORT_((code), (reason));                                            \
    return (value);                                                           \
  } while (0)
#define GSL_ERROR_VOID(reason, code)                                          \
  do {                                                                        \
    MDL_REPORT_((code), (reason));                                            \
    return;                                                                   \
  } while (0)
#define GSL_ERROR_NULL(reason, code) GSL_ERROR_VAL(reason, code, 0)
static _Thread_local char relay_reason[256];
static _Thread_local gsl_error_handler_t *relay_old;

static inline void relay_capture(const char *reason, const char *file,
                                 int line, int code)
{
  (void)file;
  (void)line;
  (void)code;
  if (relay_reason[0] == '\0')
    snprintf(relay_reason, sizeof relay_reason, "%s", reason);
}

static inline void relay_begin(void)
{
  relay_reason[0] = '\0';
  relay_old = gsl_set_error_handler(relay_capture);
}

static inline int relay_end(const char *fn, int status)
{
  gsl_set_error_handler(relay_old);
  if (status == GSL_SUCCESS)
    return GSL_SUCCESS;
  MDL_ERROR(status, "%s: %.200s", fn,
            relay_reason[0] ? relay_reason : gsl_strerror(status));
}
#if defined(__x86_64__) && defined(__GNUC__) && defined(__linux__)
#define MDL_HOT_LOOP                                                          \
  __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3",          \
                               "default")))
#else
#define MDL_HOT_LOOP
#endif
#endif
/* mdl_numcheck_finite: 1 when every entry of v is finite; otherwise 0 and
   the index of the first that is not into *i (may be NULL).  Errors:
   GSL_EFAULT (NULL argument); returns 0 on error.  Book: ch. 0, "Bad
   input, in every module". */
int mdl_numcheck_finite(const gsl_vector *v, size_t *i);
/* mdl_numcheck_finite_matrix: 1 when every entry of m is finite; otherwise
   0 and the row and column of the first that is not into *i, *j (may be
   NULL).  Errors: GSL_EFAULT (NULL argument); returns 0 on error.  Book:
   ch. 0, "Bad input, in every module". */
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

#ifdef __cplusplus
}
#endif
#endif
