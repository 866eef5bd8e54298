#line 340 "chapters/05-gan.nw"
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_sf_log.h>
#include <mdl/divergence.h>
#include <mdl/numcheck.h>
#line 355 "chapters/05-gan.nw"
static int check_prob(const gsl_vector *p)
{
  double sum = 0;
  for (size_t i = 0; i < p->size; i++) {
    double pi = gsl_vector_get(p, i);
    if (!(pi >= 0) || !isfinite(pi))
      return GSL_EDOM;
    sum += pi;
  }
  return fabs(sum - 1) <= 8 * (double)p->size * DBL_EPSILON ? GSL_SUCCESS
                                                            : GSL_EDOM;
}

static int check_pair(const gsl_vector *p, const gsl_vector *q)
{
  if (p == NULL || q == NULL)
    return GSL_EFAULT;
  if (p->size != q->size || p->size == 0)
    return GSL_EBADLEN;
  if (check_prob(p) || check_prob(q))
    return GSL_EDOM;
  return GSL_SUCCESS;
}

#define CHECK_PAIR(p, q, name)                                                \
  do {                                                                        \
    switch (check_pair(p, q)) {                                               \
    case GSL_EFAULT:                                                          \
      GSL_ERROR_VAL(name ": p and q must not be NULL", GSL_EFAULT, GSL_NAN);  \
    case GSL_EBADLEN:                                                         \
      GSL_ERROR_VAL(name ": p and q must have the same length, not 0",        \
                    GSL_EBADLEN,                                              \
                    GSL_NAN);                                                 \
    case GSL_EDOM:                                                            \
      GSL_ERROR_VAL(name ": p and q must be probability vectors", GSL_EDOM,   \
                    GSL_NAN);                                                 \
    default:                                                                  \
      break;                                                                  \
    }                                                                         \
  } while (0)
#line 416 "chapters/05-gan.nw"
static double kl_term(double p, double q)
{
  if (p == 0)
    return q;
  if (p > 2 * q)
    return p * (log(p) - log(q)) - p + q;
  double d = (p - q) / q;
  return q * (d * log1p(d) + gsl_sf_log_1plusx_mx(d));
}

double mdl_kl(const gsl_vector *p, const gsl_vector *q)
{
  CHECK_PAIR(p, q, "mdl_kl");
  double sum = 0;
  for (size_t i = 0; i < p->size; i++) {
    double pi = gsl_vector_get(p, i), qi = gsl_vector_get(q, i);
    if (pi > 0 && qi == 0)
      return GSL_POSINF;
    sum += kl_term(pi, qi);
  }
  return sum;
}
#line 453 "chapters/05-gan.nw"
static double js_g(double d)
{
  return 2 * d * atanh(d) + log1p(-d * d);
}

static double js_term(double p, double q)
{
  double s = p + q;
  if (s == 0)
    return 0;
  double d = (p - q) / s;
  if (fabs(d) <= 0.5)
    return s / 4 * js_g(d);
  double tp = p > 0 ? p * log(2 * p / s) : 0;
  double tq = q > 0 ? q * log(2 * q / s) : 0;
  return (tp + tq) / 2;
}

double mdl_js(const gsl_vector *p, const gsl_vector *q)
{
  CHECK_PAIR(p, q, "mdl_js");
  double sum = 0;
  for (size_t i = 0; i < p->size; i++)
    sum += js_term(gsl_vector_get(p, i), gsl_vector_get(q, i));
  return sum;
}
#line 482 "chapters/05-gan.nw"
double mdl_tv(const gsl_vector *p, const gsl_vector *q)
{
  CHECK_PAIR(p, q, "mdl_tv");
  double sum = 0;
  for (size_t i = 0; i < p->size; i++)
    sum += fabs(gsl_vector_get(p, i) - gsl_vector_get(q, i));
  return sum / 2;
}
#line 560 "chapters/05-gan.nw"
static int compare_doubles(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double *sorted_copy(const gsl_vector *x)
{
  double *s = malloc(x->size * sizeof *s);
  if (s == NULL)
    return NULL;
  for (size_t i = 0; i < x->size; i++)
    s[i] = gsl_vector_get(x, i);
  qsort(s, x->size, sizeof *s, compare_doubles);
  return s;
}

static int finite_vector(const gsl_vector *x)
{
  for (size_t i = 0; i < x->size; i++)
    if (!isfinite(gsl_vector_get(x, i)))
      return 0;
  return 1;
}

double mdl_w1_1d(const gsl_vector *x, const gsl_vector *y)
{
  if (x == NULL || y == NULL)
    GSL_ERROR_VAL("mdl_w1_1d: x and y must not be NULL", GSL_EFAULT, GSL_NAN);
  if (x->size == 0 || y->size == 0)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "mdl_w1_1d: samples of sizes %zu and %zu",
                  x->size, y->size);
  if (!finite_vector(x) || !finite_vector(y))
    GSL_ERROR_VAL("mdl_w1_1d: the samples must be finite", GSL_EDOM, GSL_NAN);
  double *a = sorted_copy(x), *b = sorted_copy(y);
  if (a == NULL || b == NULL) {
    free(a);
    free(b);
    GSL_ERROR_VAL("mdl_w1_1d: cannot copy the samples", GSL_ENOMEM, GSL_NAN);
  }
  size_t n = x->size, m = y->size, i = 0, j = 0;
  double nm = (double)n * (double)m, sum = 0, t = fmin(a[0], b[0]);
  while (i < n || j < m) {
    if (j == m || (i < n && a[i] <= b[j]))
      i++;
    else
      j++;
    if (i == n && j == m)
      break;
    double next = j == m || (i < n && a[i] <= b[j]) ? a[i] : b[j];
    double im = (double)i * (double)m, jn = (double)j * (double)n;
    sum += fabs(im - jn) / nm * (next - t);
    t = next;
  }
  free(a);
  free(b);
  return sum;
}
#line 634 "chapters/05-gan.nw"
enum { DIV_KL, DIV_JS, DIV_TV };

typedef struct {
  const mdl_density *p, *q;
  int kind, bad, infinite;
} div_integrand;

static double div_eval(double x, void *params)
{
  div_integrand *d = params;
  double lp = d->p->log_density(x, d->p->params);
  double lq = d->q->log_density(x, d->q->params);
  if (isnan(lp) || isnan(lq) || lp == GSL_POSINF || lq == GSL_POSINF) {
    d->bad = 1;
    return 0;
  }
  if (lp == GSL_NEGINF && lq == GSL_NEGINF)
    return 0;
  switch (d->kind) {
  case DIV_KL:
    if (lp == GSL_NEGINF)
      return 0;
    if (lq == GSL_NEGINF) {
      d->infinite = 1;
      return 0;
    }
    return exp(lp) * (lp - lq);
  case DIV_JS:
    return js_term(exp(lp), exp(lq));
  default:
    return -0.5 * exp(fmax(lp, lq)) * expm1(-fabs(lp - lq));
  }
}

static int div_integrate(int kind, const mdl_density *p, const mdl_density *q,
                         double lo, double hi, double *value, double *abserr)
{
  if (p == NULL || q == NULL || p->log_density == NULL
      || q->log_density == NULL || value == NULL)
    GSL_ERROR("the densities, their functions and value must not be NULL",
              GSL_EFAULT);
  if (!isfinite(lo) || !isfinite(hi) || !(lo < hi))
    GSL_ERROR("the interval must be finite with lo < hi", GSL_EINVAL);
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
  if (w == NULL)
    GSL_ERROR("cannot allocate the integration workspace", GSL_ENOMEM);
  div_integrand d = {p, q, kind, 0, 0};
  gsl_function F = {div_eval, &d};
  double result, err;
  int status = gsl_integration_qags(&F, lo, hi, 1e-12, 1e-10, 1000, w,
                                    &result, &err);
  gsl_integration_workspace_free(w);
  if (d.bad)
    GSL_ERROR("a log-density returned NaN or +infinity", GSL_EBADFUNC);
  if (d.infinite) {
    result = GSL_POSINF;
    err = 0;
  } else if (status) {
    return status;
  }
  *value = result;
  if (abserr)
    *abserr = err;
  return GSL_SUCCESS;
}

int mdl_kl_density(const mdl_density *p, const mdl_density *q, double lo,
                   double hi, double *value, double *abserr)
{
  return div_integrate(DIV_KL, p, q, lo, hi, value, abserr);
}

int mdl_js_density(const mdl_density *p, const mdl_density *q, double lo,
                   double hi, double *value, double *abserr)
{
  return div_integrate(DIV_JS, p, q, lo, hi, value, abserr);
}

int mdl_tv_density(const mdl_density *p, const mdl_density *q, double lo,
                   double hi, double *value, double *abserr)
{
  return div_integrate(DIV_TV, p, q, lo, hi, value, abserr);
}
