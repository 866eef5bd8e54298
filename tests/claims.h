#ifndef MDL_TESTS_CLAIMS_H
#define MDL_TESTS_CLAIMS_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

typedef enum {
  CLAIM_IDENTITY = 1,
  CLAIM_BOUND,
  CLAIM_RATE,
  CLAIM_LIMIT,
  CLAIM_ERROR,
  CLAIM_EXPERIMENT
} claim_kind;

typedef enum {
  CLAIM_DEFAULT = 0,
  CLAIM_NEAR,
  CLAIM_AT_MOST,
  CLAIM_AT_LEAST
} claim_relation;
typedef struct {
  const char *id;
  claim_kind kind;
  claim_relation relation;
  double measured;
  double reference;
  double tolerance;
  size_t samples;
  unsigned long seed;
  int untouched;
  const char *note;
} claim;

#define CLAIM(...) \
  claim_check(__FILE__, __LINE__, __func__, &(const claim){__VA_ARGS__})
void claim_init(void);
unsigned long claim_seed(unsigned long base);
void claim_expect_error(void);
int claim_last_error(void);
const char *claim_last_reason(void);
int claim_error_reports(void);
int claim_check(const char *file, int line, const char *test, const claim *c);
int claim_message(const char *file, int line, const char *test,
                  const char *id, const char *want, const char *note);
int claim_reason(const char *file, int line, const char *test,
                 const char *id, const char *what, const char *want);
#define CLAIM_MESSAGE(id, call, want, note)                                  \
  do {                                                                        \
    claim_expect_error();                                                     \
    (void)(call);                                                             \
    claim_message(__FILE__, __LINE__, __func__, (id), (want), (note));        \
  } while (0)
double claim_slope(const double *t, const double *y, int n,
                   double *abs_weights);
double claim_fmax(double a, double b);
int claim_all_equal(const gsl_vector *v, double value);
int claim_all_equal_matrix(const gsl_matrix *m, double value);
gsl_vector claim_empty_vector(void);
gsl_matrix claim_empty_matrix(size_t rows, size_t cols);
static inline const char *claim_gsl_name(int code)
{
  static const char *const names[] = {
    "GSL_SUCCESS", "GSL_EDOM", "GSL_ERANGE", "GSL_EFAULT", "GSL_EINVAL",
    "GSL_EFAILED", "GSL_EFACTOR", "GSL_ESANITY", "GSL_ENOMEM", "GSL_EBADFUNC",
    "GSL_ERUNAWAY", "GSL_EMAXITER", "GSL_EZERODIV", "GSL_EBADTOL", "GSL_ETOL",
    "GSL_EUNDRFLW", "GSL_EOVRFLW", "GSL_ELOSS", "GSL_EROUND", "GSL_EBADLEN",
    "GSL_ENOTSQR", "GSL_ESING", "GSL_EDIVERGE", "GSL_EUNSUP", "GSL_EUNIMPL",
    "GSL_ECACHE", "GSL_ETABLE", "GSL_ENOPROG", "GSL_ENOPROGJ", "GSL_ETOLF",
    "GSL_ETOLX", "GSL_ETOLG", "GSL_EOF"
  };
  if (code == -1)
    return "GSL_FAILURE";
  if (code == -2)
    return "GSL_CONTINUE";
  if (code >= 0 && (size_t)code < sizeof names / sizeof names[0])
    return names[code];
  return "an unknown code";
}

#endif
