#line 462 "chapters/01-optimization.nw"
#define _POSIX_C_SOURCE 200809L
#include <float.h>
#include <pthread.h>
#include <unistd.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <mdl/numcheck.h>
#include <mdl/optim.h>
#line 489 "chapters/01-optimization.nw"
enum { MAXBUF = 3 };

typedef double update_rule(const mdl_optim_params *p, size_t t,
                           const double *k, double theta, double g,
                           const double *s, double *s1);

struct mdl_optim_type {
  const char *name;
  size_t nbuf;
  mdl_optim_buffer_id ids[MAXBUF];
  double (*initial)(const mdl_optim_params *p, size_t k);
  int (*valid)(const mdl_optim_params *p);
  update_rule *rule;
  mdl_optim_params defaults;
};

struct mdl_optim {
  const mdl_optim_type *type;
  mdl_optim_params p;
  size_t n, t;
  gsl_vector *state[MAXBUF], *next[MAXBUF];
  gsl_vector *theta;
};

static double *at(gsl_vector *v, size_t i)
{
  return v->data + i * v->stride;
}

static double get(const gsl_vector *v, size_t i)
{
  return v->data[i * v->stride];
}

static int all_finite(const gsl_vector *v)
{
  for (size_t i = 0; i < v->size; i++)
    if (!isfinite(get(v, i)))
      return 0;
  return 1;
}

static double zero_state(const mdl_optim_params *p, size_t k)
{
  (void)p;
  (void)k;
  return 0;
}
#line 546 "chapters/01-optimization.nw"
static inline double rule_gd(const mdl_optim_params *p, size_t t,
                             const double *k, double theta, double g,
                             const double *s, double *s1)
{
  (void)t;
  (void)k;
  (void)s;
  (void)s1;
  return theta - p->lr * g;
}
#line 578 "chapters/01-optimization.nw"
static inline double rule_heavy_ball(const mdl_optim_params *p, size_t t,
                                     const double *k, double theta, double g,
                                     const double *s, double *s1)
{
  (void)k;
  if (p->momentum == 0) {
    s1[0] = s[0];
    return theta - p->lr * g;
  }
  double b = t == 1 ? g : p->momentum * s[0] + (1 - p->dampening) * g;
  s1[0] = b;
  return theta - p->lr * b;
}
#line 604 "chapters/01-optimization.nw"
static inline double rule_nesterov(const mdl_optim_params *p, size_t t,
                                   const double *k, double theta, double g,
                                   const double *s, double *s1)
{
  (void)k;
  double b = t == 1 ? g : p->momentum * s[0] + g;
  s1[0] = b;
  return theta - p->lr * (g + p->momentum * b);
}
#line 631 "chapters/01-optimization.nw"
static inline double rule_nesterov_xy(const mdl_optim_params *p, size_t t,
                                      const double *k, double theta, double g,
                                      const double *s, double *s1)
{
  (void)k;
  double x_prev = t == 1 ? theta : s[0];
  double x = theta - p->lr * g;
  s1[0] = x;
  return x + p->momentum * (x - x_prev);
}
#line 664 "chapters/01-optimization.nw"
static inline double rule_adagrad(const mdl_optim_params *p, size_t t,
                                  const double *k, double theta, double g,
                                  const double *s, double *s1)
{
  (void)t;
  double clr = k[2];
  double sum = s[0] + g * g;
  s1[0] = sum;
  return theta - clr * (g / (sqrt(sum) + p->eps));
}
#line 696 "chapters/01-optimization.nw"
static inline double rule_rmsprop(const mdl_optim_params *p, size_t t,
                                  const double *k, double theta, double g,
                                  const double *s, double *s1)
{
  (void)t;
  (void)k;
  double a = p->alpha;
  double v = a * s[0] + (1 - a) * (g * g);
  double gbar = p->centered ? a * s[1] + (1 - a) * g : s[1];
  double avg = p->centered ? sqrt(fmax(v - gbar * gbar, 0)) : sqrt(v);
  avg += p->eps;
  s1[0] = v;
  s1[1] = gbar;
  if (p->momentum > 0) {
    s1[2] = p->momentum * s[2] + g / avg;
    return theta - p->lr * s1[2];
  }
  s1[2] = s[2];
  return theta - p->lr * (g / avg);
}
#line 759 "chapters/01-optimization.nw"
static inline double adam_common(const mdl_optim_params *p,
                                 const double *k, double theta, double m,
                                 double v)
{
  if (p->no_bias_correction)
    return theta - p->lr * (m / (sqrt(v) + p->eps));
  double denom = sqrt(v) / k[1] + p->eps;
  return theta - k[0] * (m / denom);
}

static inline double rule_adam(const mdl_optim_params *p, size_t t,
                               const double *k, double theta, double g,
                               const double *s, double *s1)
{
  double m = p->beta1 * s[0] + (1 - p->beta1) * g;
  double v = p->beta2 * s[1] + (1 - p->beta2) * (g * g);
  s1[0] = m;
  s1[1] = v;
  (void)t;
  return adam_common(p, k, theta, m, v);
}

static inline double rule_amsgrad(const mdl_optim_params *p, size_t t,
                                  const double *k, double theta, double g,
                                  const double *s, double *s1)
{
  double m = p->beta1 * s[0] + (1 - p->beta1) * g;
  double v = p->beta2 * s[1] + (1 - p->beta2) * (g * g);
  double vmax = fmax(s[2], v);
  s1[0] = m;
  s1[1] = v;
  s1[2] = vmax;
  (void)t;
  return adam_common(p, k, theta, m, vmax);
}
#line 802 "chapters/01-optimization.nw"
static double sign(double x)
{
  return (x > 0) - (x < 0);
}

static inline double rule_signsgd(const mdl_optim_params *p, size_t t,
                                  const double *k, double theta, double g,
                                  const double *s, double *s1)
{
  (void)t;
  (void)k;
  if (p->momentum > 0) {
    s1[0] = p->momentum * s[0] + (1 - p->momentum) * g;
    return theta - p->lr * sign(s1[0]);
  }
  s1[0] = s[0];
  return theta - p->lr * sign(g);
}
#line 827 "chapters/01-optimization.nw"
static int nonneg(double x)
{
  return isfinite(x) && x >= 0;
}

static int unit(double x)
{
  return isfinite(x) && x >= 0 && x < 1;
}

static int valid_common(const mdl_optim_params *p)
{
  return nonneg(p->lr) && nonneg(p->weight_decay) && nonneg(p->max_norm)
         && nonneg(p->radius);
}

static int valid_gd(const mdl_optim_params *p)
{
  return valid_common(p);
}

static int valid_heavy_ball(const mdl_optim_params *p)
{
  return valid_common(p) && nonneg(p->momentum) && isfinite(p->dampening);
}

static int valid_nesterov(const mdl_optim_params *p)
{
  return valid_common(p) && nonneg(p->momentum) && p->momentum > 0
         && p->dampening == 0;
}

static int valid_adagrad(const mdl_optim_params *p)
{
  return valid_common(p) && nonneg(p->lr_decay)
         && nonneg(p->initial_accumulator_value) && nonneg(p->eps);
}

static int valid_rmsprop(const mdl_optim_params *p)
{
  return valid_common(p) && nonneg(p->alpha) && nonneg(p->eps)
         && nonneg(p->momentum);
}

static int valid_adam(const mdl_optim_params *p)
{
  return valid_common(p) && unit(p->beta1) && unit(p->beta2)
         && nonneg(p->eps);
}

static int valid_signsgd(const mdl_optim_params *p)
{
  return valid_common(p) && unit(p->momentum);
}

static double adagrad_state(const mdl_optim_params *p, size_t k)
{
  (void)k;
  return p->initial_accumulator_value;
}
#line 890 "chapters/01-optimization.nw"
static const mdl_optim_type gd_type = {
  "gd", 0, {0}, zero_state, valid_gd, rule_gd,
  {.lr = 1e-2}};
static const mdl_optim_type heavy_ball_type = {
  "heavy_ball", 1, {MDL_OPTIM_MOMENTUM_BUFFER}, zero_state, valid_heavy_ball,
  rule_heavy_ball, {.lr = 1e-2, .momentum = 0.9}};
static const mdl_optim_type nesterov_type = {
  "nesterov", 1, {MDL_OPTIM_MOMENTUM_BUFFER}, zero_state, valid_nesterov,
  rule_nesterov, {.lr = 1e-2, .momentum = 0.9}};
static const mdl_optim_type nesterov_xy_type = {
  "nesterov_xy", 1, {MDL_OPTIM_PREVIOUS_X}, zero_state, valid_heavy_ball,
  rule_nesterov_xy, {.lr = 1e-2, .momentum = 0.9}};
static const mdl_optim_type adagrad_type = {
  "adagrad", 1, {MDL_OPTIM_SUM}, adagrad_state, valid_adagrad, rule_adagrad,
  {.lr = 1e-2, .eps = 1e-10}};
static const mdl_optim_type rmsprop_type = {
  "rmsprop", 3,
  {MDL_OPTIM_SQUARE_AVG, MDL_OPTIM_GRAD_AVG, MDL_OPTIM_MOMENTUM_BUFFER},
  zero_state, valid_rmsprop, rule_rmsprop,
  {.lr = 1e-2, .alpha = 0.99, .eps = 1e-8}};
static const mdl_optim_type adam_type = {
  "adam", 2, {MDL_OPTIM_EXP_AVG, MDL_OPTIM_EXP_AVG_SQ}, zero_state,
  valid_adam, rule_adam, {.lr = 1e-3, .beta1 = 0.9, .beta2 = 0.999, .eps = 1e-8}};
static const mdl_optim_type amsgrad_type = {
  "amsgrad", 3,
  {MDL_OPTIM_EXP_AVG, MDL_OPTIM_EXP_AVG_SQ, MDL_OPTIM_MAX_EXP_AVG_SQ},
  zero_state, valid_adam, rule_amsgrad,
  {.lr = 1e-3, .beta1 = 0.9, .beta2 = 0.999, .eps = 1e-8}};
static const mdl_optim_type signsgd_type = {
  "signsgd", 1, {MDL_OPTIM_MOMENTUM_BUFFER}, zero_state, valid_signsgd,
  rule_signsgd, {.lr = 1e-3}};

const mdl_optim_type *const mdl_optim_gd = &gd_type;
const mdl_optim_type *const mdl_optim_heavy_ball = &heavy_ball_type;
const mdl_optim_type *const mdl_optim_nesterov = &nesterov_type;
const mdl_optim_type *const mdl_optim_nesterov_xy = &nesterov_xy_type;
const mdl_optim_type *const mdl_optim_adagrad = &adagrad_type;
const mdl_optim_type *const mdl_optim_rmsprop = &rmsprop_type;
const mdl_optim_type *const mdl_optim_adam = &adam_type;
const mdl_optim_type *const mdl_optim_amsgrad = &amsgrad_type;
const mdl_optim_type *const mdl_optim_signsgd = &signsgd_type;
#line 934 "chapters/01-optimization.nw"
mdl_optim_params mdl_optim_defaults(const mdl_optim_type *type)
{
  mdl_optim_params zero = {0};
  if (type == NULL) {
    gsl_error("type must not be NULL", __FILE__, __LINE__, GSL_EFAULT);
    return zero;
  }
  return type->defaults;
}

const char *mdl_optim_name(const mdl_optim_type *type)
{
  if (type == NULL)
    GSL_ERROR_NULL("type must not be NULL", GSL_EFAULT);
  return type->name;
}
#line 955 "chapters/01-optimization.nw"
void mdl_optim_free(mdl_optim *opt)
{
  if (opt == NULL)
    return;
  for (size_t k = 0; k < MAXBUF; k++) {
    gsl_vector_free(opt->state[k]);
    gsl_vector_free(opt->next[k]);
  }
  gsl_vector_free(opt->theta);
  free(opt);
}

int mdl_optim_reset(mdl_optim *opt)
{
  if (opt == NULL)
    GSL_ERROR("opt must not be NULL", GSL_EFAULT);
  for (size_t k = 0; k < opt->type->nbuf; k++)
    gsl_vector_set_all(opt->state[k], opt->type->initial(&opt->p, k));
  opt->t = 0;
  return GSL_SUCCESS;
}

mdl_optim *mdl_optim_alloc(const mdl_optim_type *type, size_t n,
                           const mdl_optim_params *params)
{
  if (type == NULL || params == NULL)
    GSL_ERROR_NULL("type and params must not be NULL", GSL_EFAULT);
  if (n == 0)
    GSL_ERROR_NULL("the number of parameters must be positive", GSL_EINVAL);
  if (!type->valid(params))
    GSL_ERROR_NULL("a hyperparameter is out of range", GSL_EINVAL);
  mdl_optim *opt = calloc(1, sizeof *opt);
  if (opt == NULL)
    GSL_ERROR_NULL("cannot allocate the optimizer", GSL_ENOMEM);
  opt->type = type;
  opt->p = *params;
  opt->n = n;
  int ok = (opt->theta = gsl_vector_alloc(n)) != NULL;
  for (size_t k = 0; ok && k < type->nbuf; k++)
    ok = (opt->state[k] = gsl_vector_alloc(n)) != NULL
         && (opt->next[k] = gsl_vector_alloc(n)) != NULL;
  if (!ok) {
    mdl_optim_free(opt);
    GSL_ERROR_NULL("cannot allocate the optimizer's state", GSL_ENOMEM);
  }
  mdl_optim_reset(opt);
  return opt;
}
#line 1221 "chapters/01-optimization.nw"
typedef struct {
  mdl_optim_params p;
  size_t t;
  double k[3], scale;
  const double *theta, *grad, *d;
  const double *state[MAXBUF];
  double *next[MAXBUF], *out;
} pass_args;

typedef void range_pass(const pass_args *a, size_t lo, size_t hi,
                        double sums[2]);

static void range_gd(const pass_args *a, size_t lo, size_t hi,
                     double sums[2])
{
  update_rule *const r = rule_gd;
  enum { nb = 0 };
#line 1333 "chapters/01-optimization.nw"
  const mdl_optim_params pl = a->p, *p = &pl;
  const double k[3] = {a->k[0], a->k[1], a->k[2]}, sc = a->scale;
  const double *th_in = a->theta, *g_in = a->grad, *d = a->d;
  const double *s0 = a->state[0], *s1_ = a->state[1], *s2 = a->state[2];
  double *n0 = a->next[0], *n1 = a->next[1], *n2 = a->next[2];
  const size_t t = a->t;
  double *out = a->out, in = 0, res = 0;
  #pragma omp simd reduction(+ : in, res)
  for (size_t i = lo; i < hi; i++) {
    double th = th_in[i], g = d[i] * sc;
    in += (th - th) + (g_in[i] - g_in[i]);
    double s[MAXBUF] = {nb > 0 ? s0[i] : 0, nb > 1 ? s1_[i] : 0,
                        nb > 2 ? s2[i] : 0};
    double s1[MAXBUF] = {0};
    double o = r(p, t, k, th, g, s, s1);
    out[i] = o;
    res += o - o;
    if (nb > 0) {
      n0[i] = s1[0];
      res += s1[0] - s1[0];
    }
    if (nb > 1) {
      n1[i] = s1[1];
      res += s1[1] - s1[1];
    }
    if (nb > 2) {
      n2[i] = s1[2];
      res += s1[2] - s1[2];
    }
  }
  sums[0] = in;
  sums[1] = res;
#line 1239 "chapters/01-optimization.nw"
}

static void range_heavy_ball(const pass_args *a, size_t lo, size_t hi,
                             double sums[2])
{
  update_rule *const r = rule_heavy_ball;
  enum { nb = 1 };
#line 1333 "chapters/01-optimization.nw"
  const mdl_optim_params pl = a->p, *p = &pl;
  const double k[3] = {a->k[0], a->k[1], a->k[2]}, sc = a->scale;
  const double *th_in = a->theta, *g_in = a->grad, *d = a->d;
  const double *s0 = a->state[0], *s1_ = a->state[1], *s2 = a->state[2];
  double *n0 = a->next[0], *n1 = a->next[1], *n2 = a->next[2];
  const size_t t = a->t;
  double *out = a->out, in = 0, res = 0;
  #pragma omp simd reduction(+ : in, res)
  for (size_t i = lo; i < hi; i++) {
    double th = th_in[i], g = d[i] * sc;
    in += (th - th) + (g_in[i] - g_in[i]);
    double s[MAXBUF] = {nb > 0 ? s0[i] : 0, nb > 1 ? s1_[i] : 0,
                        nb > 2 ? s2[i] : 0};
    double s1[MAXBUF] = {0};
    double o = r(p, t, k, th, g, s, s1);
    out[i] = o;
    res += o - o;
    if (nb > 0) {
      n0[i] = s1[0];
      res += s1[0] - s1[0];
    }
    if (nb > 1) {
      n1[i] = s1[1];
      res += s1[1] - s1[1];
    }
    if (nb > 2) {
      n2[i] = s1[2];
      res += s1[2] - s1[2];
    }
  }
  sums[0] = in;
  sums[1] = res;
#line 1247 "chapters/01-optimization.nw"
}

static void range_nesterov(const pass_args *a, size_t lo, size_t hi,
                           double sums[2])
{
  update_rule *const r = rule_nesterov;
  enum { nb = 1 };
#line 1333 "chapters/01-optimization.nw"
  const mdl_optim_params pl = a->p, *p = &pl;
  const double k[3] = {a->k[0], a->k[1], a->k[2]}, sc = a->scale;
  const double *th_in = a->theta, *g_in = a->grad, *d = a->d;
  const double *s0 = a->state[0], *s1_ = a->state[1], *s2 = a->state[2];
  double *n0 = a->next[0], *n1 = a->next[1], *n2 = a->next[2];
  const size_t t = a->t;
  double *out = a->out, in = 0, res = 0;
  #pragma omp simd reduction(+ : in, res)
  for (size_t i = lo; i < hi; i++) {
    double th = th_in[i], g = d[i] * sc;
    in += (th - th) + (g_in[i] - g_in[i]);
    double s[MAXBUF] = {nb > 0 ? s0[i] : 0, nb > 1 ? s1_[i] : 0,
                        nb > 2 ? s2[i] : 0};
    double s1[MAXBUF] = {0};
    double o = r(p, t, k, th, g, s, s1);
    out[i] = o;
    res += o - o;
    if (nb > 0) {
      n0[i] = s1[0];
      res += s1[0] - s1[0];
    }
    if (nb > 1) {
      n1[i] = s1[1];
      res += s1[1] - s1[1];
    }
    if (nb > 2) {
      n2[i] = s1[2];
      res += s1[2] - s1[2];
    }
  }
  sums[0] = in;
  sums[1] = res;
#line 1255 "chapters/01-optimization.nw"
}

static void range_nesterov_xy(const pass_args *a, size_t lo, size_t hi,
                              double sums[2])
{
  update_rule *const r = rule_nesterov_xy;
  enum { nb = 1 };
#line 1333 "chapters/01-optimization.nw"
  const mdl_optim_params pl = a->p, *p = &pl;
  const double k[3] = {a->k[0], a->k[1], a->k[2]}, sc = a->scale;
  const double *th_in = a->theta, *g_in = a->grad, *d = a->d;
  const double *s0 = a->state[0], *s1_ = a->state[1], *s2 = a->state[2];
  double *n0 = a->next[0], *n1 = a->next[1], *n2 = a->next[2];
  const size_t t = a->t;
  double *out = a->out, in = 0, res = 0;
  #pragma omp simd reduction(+ : in, res)
  for (size_t i = lo; i < hi; i++) {
    double th = th_in[i], g = d[i] * sc;
    in += (th - th) + (g_in[i] - g_in[i]);
    double s[MAXBUF] = {nb > 0 ? s0[i] : 0, nb > 1 ? s1_[i] : 0,
                        nb > 2 ? s2[i] : 0};
    double s1[MAXBUF] = {0};
    double o = r(p, t, k, th, g, s, s1);
    out[i] = o;
    res += o - o;
    if (nb > 0) {
      n0[i] = s1[0];
      res += s1[0] - s1[0];
    }
    if (nb > 1) {
      n1[i] = s1[1];
      res += s1[1] - s1[1];
    }
    if (nb > 2) {
      n2[i] = s1[2];
      res += s1[2] - s1[2];
    }
  }
  sums[0] = in;
  sums[1] = res;
#line 1263 "chapters/01-optimization.nw"
}

static void range_adagrad(const pass_args *a, size_t lo, size_t hi,
                          double sums[2])
{
  update_rule *const r = rule_adagrad;
  enum { nb = 1 };
#line 1333 "chapters/01-optimization.nw"
  const mdl_optim_params pl = a->p, *p = &pl;
  const double k[3] = {a->k[0], a->k[1], a->k[2]}, sc = a->scale;
  const double *th_in = a->theta, *g_in = a->grad, *d = a->d;
  const double *s0 = a->state[0], *s1_ = a->state[1], *s2 = a->state[2];
  double *n0 = a->next[0], *n1 = a->next[1], *n2 = a->next[2];
  const size_t t = a->t;
  double *out = a->out, in = 0, res = 0;
  #pragma omp simd reduction(+ : in, res)
  for (size_t i = lo; i < hi; i++) {
    double th = th_in[i], g = d[i] * sc;
    in += (th - th) + (g_in[i] - g_in[i]);
    double s[MAXBUF] = {nb > 0 ? s0[i] : 0, nb > 1 ? s1_[i] : 0,
                        nb > 2 ? s2[i] : 0};
    double s1[MAXBUF] = {0};
    double o = r(p, t, k, th, g, s, s1);
    out[i] = o;
    res += o - o;
    if (nb > 0) {
      n0[i] = s1[0];
      res += s1[0] - s1[0];
    }
    if (nb > 1) {
      n1[i] = s1[1];
      res += s1[1] - s1[1];
    }
    if (nb > 2) {
      n2[i] = s1[2];
      res += s1[2] - s1[2];
    }
  }
  sums[0] = in;
  sums[1] = res;
#line 1271 "chapters/01-optimization.nw"
}

static void range_rmsprop(const pass_args *a, size_t lo, size_t hi,
                          double sums[2])
{
  update_rule *const r = rule_rmsprop;
  enum { nb = 3 };
#line 1333 "chapters/01-optimization.nw"
  const mdl_optim_params pl = a->p, *p = &pl;
  const double k[3] = {a->k[0], a->k[1], a->k[2]}, sc = a->scale;
  const double *th_in = a->theta, *g_in = a->grad, *d = a->d;
  const double *s0 = a->state[0], *s1_ = a->state[1], *s2 = a->state[2];
  double *n0 = a->next[0], *n1 = a->next[1], *n2 = a->next[2];
  const size_t t = a->t;
  double *out = a->out, in = 0, res = 0;
  #pragma omp simd reduction(+ : in, res)
  for (size_t i = lo; i < hi; i++) {
    double th = th_in[i], g = d[i] * sc;
    in += (th - th) + (g_in[i] - g_in[i]);
    double s[MAXBUF] = {nb > 0 ? s0[i] : 0, nb > 1 ? s1_[i] : 0,
                        nb > 2 ? s2[i] : 0};
    double s1[MAXBUF] = {0};
    double o = r(p, t, k, th, g, s, s1);
    out[i] = o;
    res += o - o;
    if (nb > 0) {
      n0[i] = s1[0];
      res += s1[0] - s1[0];
    }
    if (nb > 1) {
      n1[i] = s1[1];
      res += s1[1] - s1[1];
    }
    if (nb > 2) {
      n2[i] = s1[2];
      res += s1[2] - s1[2];
    }
  }
  sums[0] = in;
  sums[1] = res;
#line 1279 "chapters/01-optimization.nw"
}

static void range_adam(const pass_args *a, size_t lo, size_t hi,
                       double sums[2])
{
  if (a->p.no_bias_correction) {
    enum { ams = 0, nbc = 1 };
#line 1377 "chapters/01-optimization.nw"
    const double b1 = a->p.beta1, b2 = a->p.beta2, c1 = 1 - b1, c2 = 1 - b2;
    const double lr = a->p.lr, eps = a->p.eps, k0 = a->k[0], k1 = a->k[1];
    const double sc = a->scale, *th_in = a->theta, *g_in = a->grad, *d = a->d;
    const double *s0 = a->state[0], *s1 = a->state[1], *s2 = a->state[2];
    double *n0 = a->next[0], *n1 = a->next[1], *n2 = a->next[2];
    double *out = a->out, in = 0, res = 0;
    #pragma omp simd reduction(+ : in, res)
    for (size_t i = lo; i < hi; i++) {
      double th = th_in[i], g = d[i] * sc;
      in += (th - th) + (g_in[i] - g_in[i]);
      double m = b1 * s0[i] + c1 * g;
      double v = b2 * s1[i] + c2 * (g * g);
      n0[i] = m;
      n1[i] = v;
      if (ams) {
        double vmax = fmax(s2[i], v);
        n2[i] = vmax;
        res += vmax - vmax;
        v = vmax;
      }
      double o = nbc ? th - lr * (m / (sqrt(v) + eps))
                     : th - k0 * (m / (sqrt(v) / k1 + eps));
      out[i] = o;
      res += (o - o) + (m - m) + (v - v);
    }
    sums[0] = in;
    sums[1] = res;
#line 1287 "chapters/01-optimization.nw"
  } else {
    enum { ams = 0, nbc = 0 };
#line 1377 "chapters/01-optimization.nw"
    const double b1 = a->p.beta1, b2 = a->p.beta2, c1 = 1 - b1, c2 = 1 - b2;
    const double lr = a->p.lr, eps = a->p.eps, k0 = a->k[0], k1 = a->k[1];
    const double sc = a->scale, *th_in = a->theta, *g_in = a->grad, *d = a->d;
    const double *s0 = a->state[0], *s1 = a->state[1], *s2 = a->state[2];
    double *n0 = a->next[0], *n1 = a->next[1], *n2 = a->next[2];
    double *out = a->out, in = 0, res = 0;
    #pragma omp simd reduction(+ : in, res)
    for (size_t i = lo; i < hi; i++) {
      double th = th_in[i], g = d[i] * sc;
      in += (th - th) + (g_in[i] - g_in[i]);
      double m = b1 * s0[i] + c1 * g;
      double v = b2 * s1[i] + c2 * (g * g);
      n0[i] = m;
      n1[i] = v;
      if (ams) {
        double vmax = fmax(s2[i], v);
        n2[i] = vmax;
        res += vmax - vmax;
        v = vmax;
      }
      double o = nbc ? th - lr * (m / (sqrt(v) + eps))
                     : th - k0 * (m / (sqrt(v) / k1 + eps));
      out[i] = o;
      res += (o - o) + (m - m) + (v - v);
    }
    sums[0] = in;
    sums[1] = res;
#line 1290 "chapters/01-optimization.nw"
  }
}

static void range_amsgrad(const pass_args *a, size_t lo, size_t hi,
                          double sums[2])
{
  if (a->p.no_bias_correction) {
    enum { ams = 1, nbc = 1 };
#line 1377 "chapters/01-optimization.nw"
    const double b1 = a->p.beta1, b2 = a->p.beta2, c1 = 1 - b1, c2 = 1 - b2;
    const double lr = a->p.lr, eps = a->p.eps, k0 = a->k[0], k1 = a->k[1];
    const double sc = a->scale, *th_in = a->theta, *g_in = a->grad, *d = a->d;
    const double *s0 = a->state[0], *s1 = a->state[1], *s2 = a->state[2];
    double *n0 = a->next[0], *n1 = a->next[1], *n2 = a->next[2];
    double *out = a->out, in = 0, res = 0;
    #pragma omp simd reduction(+ : in, res)
    for (size_t i = lo; i < hi; i++) {
      double th = th_in[i], g = d[i] * sc;
      in += (th - th) + (g_in[i] - g_in[i]);
      double m = b1 * s0[i] + c1 * g;
      double v = b2 * s1[i] + c2 * (g * g);
      n0[i] = m;
      n1[i] = v;
      if (ams) {
        double vmax = fmax(s2[i], v);
        n2[i] = vmax;
        res += vmax - vmax;
        v = vmax;
      }
      double o = nbc ? th - lr * (m / (sqrt(v) + eps))
                     : th - k0 * (m / (sqrt(v) / k1 + eps));
      out[i] = o;
      res += (o - o) + (m - m) + (v - v);
    }
    sums[0] = in;
    sums[1] = res;
#line 1299 "chapters/01-optimization.nw"
  } else {
    enum { ams = 1, nbc = 0 };
#line 1377 "chapters/01-optimization.nw"
    const double b1 = a->p.beta1, b2 = a->p.beta2, c1 = 1 - b1, c2 = 1 - b2;
    const double lr = a->p.lr, eps = a->p.eps, k0 = a->k[0], k1 = a->k[1];
    const double sc = a->scale, *th_in = a->theta, *g_in = a->grad, *d = a->d;
    const double *s0 = a->state[0], *s1 = a->state[1], *s2 = a->state[2];
    double *n0 = a->next[0], *n1 = a->next[1], *n2 = a->next[2];
    double *out = a->out, in = 0, res = 0;
    #pragma omp simd reduction(+ : in, res)
    for (size_t i = lo; i < hi; i++) {
      double th = th_in[i], g = d[i] * sc;
      in += (th - th) + (g_in[i] - g_in[i]);
      double m = b1 * s0[i] + c1 * g;
      double v = b2 * s1[i] + c2 * (g * g);
      n0[i] = m;
      n1[i] = v;
      if (ams) {
        double vmax = fmax(s2[i], v);
        n2[i] = vmax;
        res += vmax - vmax;
        v = vmax;
      }
      double o = nbc ? th - lr * (m / (sqrt(v) + eps))
                     : th - k0 * (m / (sqrt(v) / k1 + eps));
      out[i] = o;
      res += (o - o) + (m - m) + (v - v);
    }
    sums[0] = in;
    sums[1] = res;
#line 1302 "chapters/01-optimization.nw"
  }
}

static void range_signsgd(const pass_args *a, size_t lo, size_t hi,
                          double sums[2])
{
  update_rule *const r = rule_signsgd;
  enum { nb = 1 };
#line 1333 "chapters/01-optimization.nw"
  const mdl_optim_params pl = a->p, *p = &pl;
  const double k[3] = {a->k[0], a->k[1], a->k[2]}, sc = a->scale;
  const double *th_in = a->theta, *g_in = a->grad, *d = a->d;
  const double *s0 = a->state[0], *s1_ = a->state[1], *s2 = a->state[2];
  double *n0 = a->next[0], *n1 = a->next[1], *n2 = a->next[2];
  const size_t t = a->t;
  double *out = a->out, in = 0, res = 0;
  #pragma omp simd reduction(+ : in, res)
  for (size_t i = lo; i < hi; i++) {
    double th = th_in[i], g = d[i] * sc;
    in += (th - th) + (g_in[i] - g_in[i]);
    double s[MAXBUF] = {nb > 0 ? s0[i] : 0, nb > 1 ? s1_[i] : 0,
                        nb > 2 ? s2[i] : 0};
    double s1[MAXBUF] = {0};
    double o = r(p, t, k, th, g, s, s1);
    out[i] = o;
    res += o - o;
    if (nb > 0) {
      n0[i] = s1[0];
      res += s1[0] - s1[0];
    }
    if (nb > 1) {
      n1[i] = s1[1];
      res += s1[1] - s1[1];
    }
    if (nb > 2) {
      n2[i] = s1[2];
      res += s1[2] - s1[2];
    }
  }
  sums[0] = in;
  sums[1] = res;
#line 1311 "chapters/01-optimization.nw"
}

static range_pass *vector_pass(update_rule *rule)
{
  update_rule *const rules[] = {rule_gd, rule_heavy_ball, rule_nesterov,
                                rule_nesterov_xy, rule_adagrad, rule_rmsprop,
                                rule_adam, rule_amsgrad, rule_signsgd};
  range_pass *const passes[] = {range_gd, range_heavy_ball, range_nesterov,
                                range_nesterov_xy, range_adagrad, range_rmsprop,
                                range_adam, range_amsgrad, range_signsgd};
  for (size_t j = 0; j < sizeof rules / sizeof rules[0]; j++)
    if (rules[j] == rule)
      return passes[j];
  return NULL;
}
#line 1414 "chapters/01-optimization.nw"
MDL_HOT_LOOP static void range_gd_bound(const pass_args *a, size_t lo,
                                        size_t hi, double sums[2])
{
  const double *th = a->theta, *d = a->d, lr = a->p.lr;
  double st = 0, sd = 0;
#pragma omp simd reduction(+:st, sd)
  for (size_t i = lo; i < hi; i++) {
    st += fabs(th[i]);
    sd += fabs(d[i]);
  }
  sums[0] = st + lr * sd;
  sums[1] = 0;
}

MDL_HOT_LOOP static void range_gd_write(const pass_args *a, size_t lo,
                                        size_t hi, double sums[2])
{
  const double lr = a->p.lr, *d = a->d;
  double *th = a->out;
#pragma omp simd
  for (size_t i = lo; i < hi; i++)
    th[i] = th[i] - lr * d[i];
  sums[0] = sums[1] = 0;
}
#line 1453 "chapters/01-optimization.nw"
enum { MAXTHREADS = 16, MIN_PER_THREAD = 1 << 15 };

static size_t thread_count(size_t n)
{
  const char *names[] = {"MDL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                         "OMP_NUM_THREADS"};
  long want = 0;
  for (size_t j = 0; j < 3 && want <= 0; j++) {
    const char *v = getenv(names[j]);
    want = v != NULL ? strtol(v, NULL, 10) : 0;
  }
  if (want <= 0)
    want = sysconf(_SC_NPROCESSORS_ONLN);
  size_t most = n / MIN_PER_THREAD;
  size_t count = want <= 0 ? 1 : (size_t)want;
  count = count < most ? count : most;
  count = count < MAXTHREADS ? count : MAXTHREADS;
  return count < 1 ? 1 : count;
}

typedef struct {
  range_pass *f;
  const pass_args *a;
  size_t lo, hi;
  double sums[2];
} pass_range;

static void *run_range(void *arg)
{
  pass_range *r = arg;
  r->f(r->a, r->lo, r->hi, r->sums);
  return NULL;
}

static void run_pass(range_pass *f, const pass_args *a, size_t n,
                     double sums[2])
{
  size_t count = thread_count(n);
  pass_range r[MAXTHREADS];
  pthread_t id[MAXTHREADS];
  int started[MAXTHREADS] = {0};
  for (size_t j = 0; j < count; j++) {
    size_t lo = j == 0 ? 0 : (n / count * j) & ~(size_t)7;
    size_t hi = j + 1 == count ? n : (n / count * (j + 1)) & ~(size_t)7;
    r[j] = (pass_range){f, a, lo, hi, {0, 0}};
  }
  for (size_t j = 1; j < count; j++)
    started[j] = pthread_create(&id[j], NULL, run_range, &r[j]) == 0;
  run_range(&r[0]);
  sums[0] = r[0].sums[0];
  sums[1] = r[0].sums[1];
  for (size_t j = 1; j < count; j++) {
    if (started[j])
      pthread_join(id[j], NULL);
    else
      run_range(&r[j]);
    sums[0] += r[j].sums[0];
    sums[1] += r[j].sums[1];
  }
}
#line 1032 "chapters/01-optimization.nw"
static double clip_coef(double total, double max_norm);
static void project(gsl_vector *x, const gsl_vector *center, double radius);
#line 1075 "chapters/01-optimization.nw"
static void step_constants(const mdl_optim_params *p, size_t t, double *k)
{
  k[0] = p->lr / (1 - pow(p->beta1, (double)t));
  k[1] = sqrt(1 - pow(p->beta2, (double)t));
  k[2] = p->lr / (1 + (double)(t - 1) * p->lr_decay);
}

#line 1037 "chapters/01-optimization.nw"
int mdl_optim_step(mdl_optim *opt, gsl_vector *theta, const gsl_vector *grad)
{
  if (opt == NULL || theta == NULL || grad == NULL)
    GSL_ERROR("opt, theta and grad must not be NULL", GSL_EFAULT);
  if (theta->size != opt->n || grad->size != opt->n)
    MDL_ERROR(GSL_EBADLEN, "mdl_optim_step: theta has length %zu and grad %zu,"
              " the optimizer %zu", theta->size, grad->size, opt->n);
  const mdl_optim_params *p = &opt->p;
  size_t t = opt->t + 1;
  double k[3], scale = 1;
  step_constants(p, t, k);
  if (p->max_norm > 0)
    scale = clip_coef(gsl_blas_dnrm2(grad), p->max_norm);
  const double wd = p->weight_decay;
  if (wd != 0) {
#line 1167 "chapters/01-optimization.nw"
    gsl_vector_memcpy(opt->theta, grad);
    if (scale != 1)
      gsl_blas_dscal(scale, opt->theta);
    gsl_blas_daxpy(wd, theta, opt->theta);
#line 1053 "chapters/01-optimization.nw"
  }
  if (opt->type->rule == rule_gd && p->max_norm == 0 && p->radius == 0) {
#line 1141 "chapters/01-optimization.nw"
    pass_args a = {.p = *p, .t = t, .scale = 1, .theta = theta->data,
                   .grad = grad->data, .d = wd != 0 ? opt->theta->data : grad->data,
                   .out = theta->data};
    if (theta->stride == 1 && grad->stride == 1) {
      double sums[2];
      run_pass(range_gd_bound, &a, opt->n, sums);
      if (sums[0] + sums[1] < DBL_MAX / 2) {
        run_pass(range_gd_write, &a, opt->n, sums);
        opt->t = t;
        return GSL_SUCCESS;
      }
    }
#line 1056 "chapters/01-optimization.nw"
  }
  size_t nbuf = opt->type->nbuf;
  double *state[MAXBUF] = {0}, *next[MAXBUF] = {0}, *new_theta = opt->theta->data;
  for (size_t b = 0; b < nbuf; b++) {
    state[b] = opt->state[b]->data;
    next[b] = opt->next[b]->data;
  }
  int bad_in = 0, bad_out = 0;
#line 1179 "chapters/01-optimization.nw"
  range_pass *const vec = theta->stride == 1 && grad->stride == 1
                          ? vector_pass(opt->type->rule) : NULL;
  if (vec != NULL) {
#line 1521 "chapters/01-optimization.nw"
    pass_args a = {.p = *p, .t = t, .k = {k[0], k[1], k[2]},
                   .scale = wd != 0 ? 1 : scale, .theta = theta->data,
                   .grad = grad->data,
                   .d = wd != 0 ? opt->theta->data : grad->data,
                   .out = opt->theta->data};
    for (size_t b = 0; b < nbuf; b++) {
      a.state[b] = state[b];
      a.next[b] = next[b];
    }
    double sums[2];
    run_pass(vec, &a, opt->n, sums);
    bad_in = !(sums[0] == 0);
    bad_out = !(sums[1] == 0);
#line 1183 "chapters/01-optimization.nw"
  } else if (opt->type->rule == rule_gd) {
    update_rule *const r = rule_gd;
#line 1092 "chapters/01-optimization.nw"
    for (size_t i = 0; i < opt->n; i++) {
      double th = get(theta, i), g = get(grad, i);
      bad_in |= !isfinite(th) | !isfinite(g);
      g = wd != 0 ? new_theta[i] : g * scale;
      double s[MAXBUF] = {0}, s1[MAXBUF] = {0};
      for (size_t b = 0; b < nbuf; b++)
        s[b] = state[b][i];
      double out = r(p, t, k, th, g, s, s1);
      new_theta[i] = out;
      int ok = isfinite(out);
      for (size_t b = 0; b < nbuf; b++) {
        next[b][i] = s1[b];
        ok &= isfinite(s1[b]);
      }
      bad_out |= !ok;
    }
#line 1186 "chapters/01-optimization.nw"
  } else if (opt->type->rule == rule_heavy_ball) {
    update_rule *const r = rule_heavy_ball;
#line 1092 "chapters/01-optimization.nw"
    for (size_t i = 0; i < opt->n; i++) {
      double th = get(theta, i), g = get(grad, i);
      bad_in |= !isfinite(th) | !isfinite(g);
      g = wd != 0 ? new_theta[i] : g * scale;
      double s[MAXBUF] = {0}, s1[MAXBUF] = {0};
      for (size_t b = 0; b < nbuf; b++)
        s[b] = state[b][i];
      double out = r(p, t, k, th, g, s, s1);
      new_theta[i] = out;
      int ok = isfinite(out);
      for (size_t b = 0; b < nbuf; b++) {
        next[b][i] = s1[b];
        ok &= isfinite(s1[b]);
      }
      bad_out |= !ok;
    }
#line 1189 "chapters/01-optimization.nw"
  } else if (opt->type->rule == rule_rmsprop) {
    update_rule *const r = rule_rmsprop;
#line 1092 "chapters/01-optimization.nw"
    for (size_t i = 0; i < opt->n; i++) {
      double th = get(theta, i), g = get(grad, i);
      bad_in |= !isfinite(th) | !isfinite(g);
      g = wd != 0 ? new_theta[i] : g * scale;
      double s[MAXBUF] = {0}, s1[MAXBUF] = {0};
      for (size_t b = 0; b < nbuf; b++)
        s[b] = state[b][i];
      double out = r(p, t, k, th, g, s, s1);
      new_theta[i] = out;
      int ok = isfinite(out);
      for (size_t b = 0; b < nbuf; b++) {
        next[b][i] = s1[b];
        ok &= isfinite(s1[b]);
      }
      bad_out |= !ok;
    }
#line 1192 "chapters/01-optimization.nw"
  } else if (opt->type->rule == rule_adam) {
    update_rule *const r = rule_adam;
#line 1092 "chapters/01-optimization.nw"
    for (size_t i = 0; i < opt->n; i++) {
      double th = get(theta, i), g = get(grad, i);
      bad_in |= !isfinite(th) | !isfinite(g);
      g = wd != 0 ? new_theta[i] : g * scale;
      double s[MAXBUF] = {0}, s1[MAXBUF] = {0};
      for (size_t b = 0; b < nbuf; b++)
        s[b] = state[b][i];
      double out = r(p, t, k, th, g, s, s1);
      new_theta[i] = out;
      int ok = isfinite(out);
      for (size_t b = 0; b < nbuf; b++) {
        next[b][i] = s1[b];
        ok &= isfinite(s1[b]);
      }
      bad_out |= !ok;
    }
#line 1195 "chapters/01-optimization.nw"
  } else {
    update_rule *const r = opt->type->rule;
#line 1092 "chapters/01-optimization.nw"
    for (size_t i = 0; i < opt->n; i++) {
      double th = get(theta, i), g = get(grad, i);
      bad_in |= !isfinite(th) | !isfinite(g);
      g = wd != 0 ? new_theta[i] : g * scale;
      double s[MAXBUF] = {0}, s1[MAXBUF] = {0};
      for (size_t b = 0; b < nbuf; b++)
        s[b] = state[b][i];
      double out = r(p, t, k, th, g, s, s1);
      new_theta[i] = out;
      int ok = isfinite(out);
      for (size_t b = 0; b < nbuf; b++) {
        next[b][i] = s1[b];
        ok &= isfinite(s1[b]);
      }
      bad_out |= !ok;
    }
#line 1198 "chapters/01-optimization.nw"
  }
#line 1065 "chapters/01-optimization.nw"
  int status = bad_in ? GSL_EDOM : bad_out ? GSL_ERANGE : GSL_SUCCESS;
  if (status == GSL_EDOM)
    GSL_ERROR("theta and grad must be finite", GSL_EDOM);
  if (status == GSL_SUCCESS && p->radius > 0)
    project(opt->theta, NULL, p->radius);
#line 1537 "chapters/01-optimization.nw"
  if (status != GSL_SUCCESS)
    GSL_ERROR("the step is not finite (overflow, or division by eps = 0)",
              GSL_ERANGE);
  for (size_t b = 0; b < opt->type->nbuf; b++) {
    gsl_vector *tmp = opt->state[b];
    opt->state[b] = opt->next[b];
    opt->next[b] = tmp;
  }
  gsl_vector_memcpy(theta, opt->theta);
  opt->t = t;
  return GSL_SUCCESS;
#line 1071 "chapters/01-optimization.nw"
}
#line 1551 "chapters/01-optimization.nw"
int mdl_optim_set_lr(mdl_optim *opt, double lr)
{
  if (opt == NULL)
    GSL_ERROR("opt must not be NULL", GSL_EFAULT);
  if (!nonneg(lr))
    GSL_ERROR("the learning rate must be finite and nonnegative", GSL_EINVAL);
  opt->p.lr = lr;
  return GSL_SUCCESS;
}

size_t mdl_optim_steps(const mdl_optim *opt)
{
  if (opt == NULL)
    GSL_ERROR_VAL("opt must not be NULL", GSL_EFAULT, 0);
  return opt->t;
}

const gsl_vector *mdl_optim_buffer(const mdl_optim *opt,
                                   mdl_optim_buffer_id which)
{
  if (opt == NULL)
    GSL_ERROR_NULL("opt must not be NULL", GSL_EFAULT);
  if (which < MDL_OPTIM_MOMENTUM_BUFFER || which > MDL_OPTIM_PREVIOUS_X)
    GSL_ERROR_NULL("unknown buffer", GSL_EINVAL);
  for (size_t k = 0; k < opt->type->nbuf; k++)
    if (opt->type->ids[k] == which)
      return opt->state[k];
  return NULL;
}
#line 5168 "chapters/01-optimization.nw"
static double clip_coef(double total, double max_norm)
{
  double coef = max_norm / (total + 1e-6);
  return coef < 1 ? coef : 1;
}

static void clip(gsl_vector *g, double max_norm, double *norm)
{
  double total = gsl_blas_dnrm2(g);
  double coef = clip_coef(total, max_norm);
  if (coef < 1)
    gsl_vector_scale(g, coef);
  if (norm)
    *norm = total;
}

static void project(gsl_vector *x, const gsl_vector *center, double radius)
{
  double d2 = 0;
  for (size_t i = 0; i < x->size; i++) {
    double d = get(x, i) - (center ? get(center, i) : 0);
    d2 += d * d;
  }
  double d = sqrt(d2);
  if (d <= radius)
    return;
  double scale = radius / d;
  for (size_t i = 0; i < x->size; i++) {
    double c = center ? get(center, i) : 0;
    *at(x, i) = c + scale * (get(x, i) - c);
  }
}

int mdl_optim_clip_norm(gsl_vector *g, double max_norm, double *norm)
{
  if (g == NULL)
    GSL_ERROR("g must not be NULL", GSL_EFAULT);
  if (isnan(max_norm) || max_norm < 0)
    GSL_ERROR("max_norm must be nonnegative", GSL_EINVAL);
  if (g->size == 0)
    MDL_ERROR(GSL_EBADLEN, "mdl_optim_clip_norm: g is empty");
  if (!all_finite(g))
    GSL_ERROR("g must be finite", GSL_EDOM);
  clip(g, max_norm, norm);
  return GSL_SUCCESS;
}

int mdl_optim_project_ball(gsl_vector *x, const gsl_vector *center,
                           double radius)
{
  if (x == NULL)
    GSL_ERROR("x must not be NULL", GSL_EFAULT);
  if (center && center->size != x->size)
    GSL_ERROR("center must have the length of x", GSL_EBADLEN);
  if (isnan(radius) || radius < 0)
    GSL_ERROR("radius must be nonnegative", GSL_EINVAL);
  if (x->size == 0)
    MDL_ERROR(GSL_EBADLEN, "mdl_optim_project_ball: x is empty");
  if (!all_finite(x) || (center && !all_finite(center)))
    GSL_ERROR("x and center must be finite", GSL_EDOM);
  project(x, center, radius);
  return GSL_SUCCESS;
}
#line 6738 "chapters/01-optimization.nw"
int mdl_optim_average(gsl_vector *avg, const gsl_vector *x, size_t k)
{
  if (avg == NULL || x == NULL)
    GSL_ERROR("avg and x must not be NULL", GSL_EFAULT);
  if (avg->size != x->size)
    GSL_ERROR("avg and x must have the same length", GSL_EBADLEN);
  if (x->size == 0)
    MDL_ERROR(GSL_EBADLEN, "mdl_optim_average: x is empty");
  if (!all_finite(x) || (k > 0 && !all_finite(avg)))
    GSL_ERROR("avg and x must be finite", GSL_EDOM);
  double w = 1.0 / ((double)k + 1);
  for (size_t i = 0; i < x->size; i++)
    *at(avg, i) = k == 0 ? get(x, i) : get(avg, i) + w * (get(x, i) - get(avg, i));
  return GSL_SUCCESS;
}
#line 5750 "chapters/01-optimization.nw"
struct mdl_optim_sampler {
  mdl_optim_finite_sum f;
  size_t batch;
  int replace, has_snapshot;
  size_t *perm;
  gsl_vector *gi, *gj, *acc, *snap_x, *snap_g, *x_chosen;
};

static int valid_sum(const mdl_optim_finite_sum *f)
{
  return f != NULL && f->gradient != NULL;
}

static int add_gradient(const mdl_optim_finite_sum *f, size_t i,
                        const gsl_vector *x, gsl_vector *gi, double sign,
                        gsl_vector *acc)
{
  if (f->gradient(i, x, f->params, gi) != GSL_SUCCESS || !all_finite(gi))
    return GSL_EBADFUNC;
  for (size_t j = 0; j < acc->size; j++)
    *at(acc, j) += sign * get(gi, j);
  return GSL_SUCCESS;
}

static int full_gradient(const mdl_optim_finite_sum *f, const gsl_vector *x,
                         gsl_vector *gi, gsl_vector *acc)
{
  gsl_vector_set_zero(acc);
  for (size_t i = 0; i < f->n; i++)
    if (add_gradient(f, i, x, gi, 1.0, acc))
      return GSL_EBADFUNC;
  gsl_vector_scale(acc, 1.0 / (double)f->n);
  return GSL_SUCCESS;
}

int mdl_optim_full_gradient(const mdl_optim_finite_sum *f,
                            const gsl_vector *x, gsl_vector *g)
{
  if (!valid_sum(f) || x == NULL || g == NULL)
    GSL_ERROR("f, its gradient, x and g must not be NULL", GSL_EFAULT);
  if (f->n == 0 || f->dim == 0)
    GSL_ERROR("the sum needs n > 0 terms of dimension dim > 0", GSL_EINVAL);
  if (x->size != f->dim || g->size != f->dim)
    GSL_ERROR("x and g must have length f->dim", GSL_EBADLEN);
  size_t bad;
  if (!mdl_numcheck_finite(x, &bad))
    MDL_ERROR(GSL_EDOM, "mdl_optim_full_gradient: x[%zu] = %g is not finite",
              bad, gsl_vector_get(x, bad));
  gsl_vector *gi = gsl_vector_alloc(f->dim), *acc = gsl_vector_alloc(f->dim);
  int status = gi && acc ? full_gradient(f, x, gi, acc) : GSL_ENOMEM;
  if (status == GSL_SUCCESS)
    gsl_vector_memcpy(g, acc);
  gsl_vector_free(gi);
  gsl_vector_free(acc);
  if (status == GSL_ENOMEM)
    GSL_ERROR("cannot allocate the scratch vectors", GSL_ENOMEM);
  if (status)
    GSL_ERROR("a term's gradient failed or is not finite", GSL_EBADFUNC);
  return GSL_SUCCESS;
}
#line 5818 "chapters/01-optimization.nw"
void mdl_optim_sampler_free(mdl_optim_sampler *s)
{
  if (s == NULL)
    return;
  free(s->perm);
  gsl_vector_free(s->gi);
  gsl_vector_free(s->gj);
  gsl_vector_free(s->acc);
  gsl_vector_free(s->snap_x);
  gsl_vector_free(s->snap_g);
  gsl_vector_free(s->x_chosen);
  free(s);
}

mdl_optim_sampler *mdl_optim_sampler_alloc(const mdl_optim_finite_sum *f,
                                           size_t batch, int replace)
{
  if (!valid_sum(f))
    GSL_ERROR_NULL("f and its gradient must not be NULL", GSL_EFAULT);
  if (f->n == 0 || f->dim == 0 || batch == 0 || (!replace && batch > f->n))
    GSL_ERROR_NULL("need n, dim and batch > 0, and batch <= n without"
                   " replacement", GSL_EINVAL);
  mdl_optim_sampler *s = calloc(1, sizeof *s);
  if (s == NULL)
    GSL_ERROR_NULL("cannot allocate the sampler", GSL_ENOMEM);
  s->f = *f;
  s->batch = batch;
  s->replace = replace != 0;
  size_t d = f->dim;
  s->perm = malloc(f->n * sizeof *s->perm);
  if (s->perm == NULL || (s->gi = gsl_vector_alloc(d)) == NULL
      || (s->gj = gsl_vector_alloc(d)) == NULL
      || (s->acc = gsl_vector_alloc(d)) == NULL
      || (s->snap_x = gsl_vector_alloc(d)) == NULL
      || (s->snap_g = gsl_vector_alloc(d)) == NULL
      || (s->x_chosen = gsl_vector_alloc(d)) == NULL) {
    mdl_optim_sampler_free(s);
    GSL_ERROR_NULL("cannot allocate the sampler's vectors", GSL_ENOMEM);
  }
  for (size_t i = 0; i < f->n; i++)
    s->perm[i] = i;
  return s;
}

static size_t draw_index(mdl_optim_sampler *s, size_t j, gsl_rng *r)
{
  size_t n = s->f.n;
  if (s->replace)
    return (size_t)gsl_rng_uniform_int(r, n);
  size_t k = j + (size_t)gsl_rng_uniform_int(r, n - j);
  size_t tmp = s->perm[j];
  s->perm[j] = s->perm[k];
  s->perm[k] = tmp;
  return s->perm[j];
}

static int check_sampler_call(const mdl_optim_sampler *s, const gsl_vector *x,
                              const gsl_vector *g)
{
  if (s == NULL || x == NULL || g == NULL)
    return GSL_EFAULT;
  if (x->size != s->f.dim || g->size != s->f.dim)
    return GSL_EBADLEN;
  return all_finite(x) ? GSL_SUCCESS : GSL_EDOM;
}

static int minibatch(mdl_optim_sampler *s, const gsl_vector *x, gsl_rng *r,
                     int svrg)
{
  gsl_vector_set_zero(s->acc);
  for (size_t j = 0; j < s->batch; j++) {
    size_t i = draw_index(s, j, r);
    if (add_gradient(&s->f, i, x, s->gi, 1.0, s->acc))
      return GSL_EBADFUNC;
    if (svrg && add_gradient(&s->f, i, s->snap_x, s->gj, -1.0, s->acc))
      return GSL_EBADFUNC;
  }
  gsl_vector_scale(s->acc, 1.0 / (double)s->batch);
  if (svrg)
    gsl_vector_add(s->acc, s->snap_g);
  return GSL_SUCCESS;
}

int mdl_optim_sampler_minibatch(mdl_optim_sampler *s, const gsl_vector *x,
                                gsl_rng *r, gsl_vector *g)
{
  int status = check_sampler_call(s, x, g);
  if (status == GSL_SUCCESS && r == NULL)
    status = GSL_EFAULT;
  if (status)
    GSL_ERROR("s, x, r and g must not be NULL; x and g of length dim;"
              " x finite", status);
  if (minibatch(s, x, r, 0))
    GSL_ERROR("a term's gradient failed or is not finite", GSL_EBADFUNC);
  gsl_vector_memcpy(g, s->acc);
  return GSL_SUCCESS;
}

int mdl_optim_sampler_snapshot(mdl_optim_sampler *s, const gsl_vector *x)
{
  if (s == NULL || x == NULL)
    GSL_ERROR("s and x must not be NULL", GSL_EFAULT);
  if (x->size != s->f.dim)
    GSL_ERROR("x must have length dim", GSL_EBADLEN);
  size_t bad;
  if (!mdl_numcheck_finite(x, &bad))
    MDL_ERROR(GSL_EDOM, "mdl_optim_sampler_snapshot: x[%zu] = %g is not finite",
              bad, gsl_vector_get(x, bad));
  if (full_gradient(&s->f, x, s->gi, s->acc))
    GSL_ERROR("a term's gradient failed or is not finite", GSL_EBADFUNC);
  gsl_vector_memcpy(s->snap_g, s->acc);
  gsl_vector_memcpy(s->snap_x, x);
  s->has_snapshot = 1;
  return GSL_SUCCESS;
}

int mdl_optim_sampler_svrg(mdl_optim_sampler *s, const gsl_vector *x,
                           gsl_rng *r, gsl_vector *g)
{
  int status = check_sampler_call(s, x, g);
  if (status == GSL_SUCCESS && r == NULL)
    status = GSL_EFAULT;
  if (status)
    GSL_ERROR("s, x, r and g must not be NULL; x and g of length dim;"
              " x finite", status);
  if (!s->has_snapshot)
    GSL_ERROR("take a snapshot first", GSL_EINVAL);
  if (minibatch(s, x, r, 1))
    GSL_ERROR("a term's gradient failed or is not finite", GSL_EBADFUNC);
  gsl_vector_memcpy(g, s->acc);
  return GSL_SUCCESS;
}
#line 6555 "chapters/01-optimization.nw"
int mdl_optim_svrg_epoch(mdl_optim_sampler *s, mdl_optim *opt,
                         gsl_vector *x, size_t m,
                         mdl_optim_svrg_option option, gsl_rng *r)
{
  if (s == NULL || opt == NULL || x == NULL || r == NULL)
    GSL_ERROR("s, opt, x and r must not be NULL", GSL_EFAULT);
  if (x->size != s->f.dim || opt->n != s->f.dim)
    GSL_ERROR("x and opt must have the sampler's dimension", GSL_EBADLEN);
  if (m == 0 || (option != MDL_OPTIM_SVRG_LAST
                 && option != MDL_OPTIM_SVRG_RANDOM))
    GSL_ERROR("m must be positive and the option known", GSL_EINVAL);
  size_t bad;
  if (!mdl_numcheck_finite(x, &bad))
    MDL_ERROR(GSL_EDOM, "mdl_optim_svrg_epoch: x[%zu] = %g is not finite", bad,
              gsl_vector_get(x, bad));
  gsl_vector *y = gsl_vector_alloc(x->size), *g = gsl_vector_alloc(x->size);
  int status = y && g ? GSL_SUCCESS : GSL_ENOMEM;
  if (status == GSL_SUCCESS)
    status = mdl_optim_sampler_snapshot(s, x);
  size_t chosen = option == MDL_OPTIM_SVRG_RANDOM
                      ? (size_t)gsl_rng_uniform_int(r, m) : m;
  if (status == GSL_SUCCESS)
    gsl_vector_memcpy(y, x);
  for (size_t k = 0; k < m && status == GSL_SUCCESS; k++) {
    if (k == chosen)
      gsl_vector_memcpy(s->x_chosen, y);
    status = mdl_optim_sampler_svrg(s, y, r, g);
    if (status == GSL_SUCCESS)
      status = mdl_optim_step(opt, y, g);
  }
  if (status == GSL_SUCCESS)
    gsl_vector_memcpy(x, chosen < m ? s->x_chosen : y);
  gsl_vector_free(y);
  gsl_vector_free(g);
  if (status == GSL_ENOMEM)
    GSL_ERROR("cannot allocate the inner iterate", GSL_ENOMEM);
  return status;
}
#line 7099 "chapters/01-optimization.nw"
int mdl_optim_newton_step(gsl_vector *x, const gsl_vector *grad,
                          const gsl_matrix *hess)
{
  if (x == NULL || grad == NULL || hess == NULL)
    GSL_ERROR("x, grad and hess must not be NULL", GSL_EFAULT);
  size_t n = x->size;
  if (grad->size != n || hess->size1 != n || hess->size2 != n)
    GSL_ERROR("grad must have the length n of x and hess be n by n",
              GSL_EBADLEN);
  if (n == 0)
    MDL_ERROR(GSL_EBADLEN, "mdl_optim_newton_step: x is empty");
  int finite = all_finite(x) && all_finite(grad);
  for (size_t i = 0; i < n && finite; i++) {
    gsl_vector_const_view row = gsl_matrix_const_row(hess, i);
    finite = all_finite(&row.vector);
  }
  if (!finite)
    GSL_ERROR("x, grad and hess must be finite", GSL_EDOM);
  gsl_matrix *L = gsl_matrix_alloc(n, n);
  gsl_vector *d = gsl_vector_alloc(n);
  if (L == NULL || d == NULL) {
    gsl_matrix_free(L);
    gsl_vector_free(d);
    GSL_ERROR("cannot allocate the factorisation", GSL_ENOMEM);
  }
  gsl_matrix_memcpy(L, hess);
  int status = gsl_linalg_cholesky_decomp1(L);
  if (status == GSL_SUCCESS)
    status = gsl_linalg_cholesky_solve(L, grad, d);
  if (status == GSL_SUCCESS)
    gsl_vector_sub(x, d);
  gsl_matrix_free(L);
  gsl_vector_free(d);
  return status == GSL_SUCCESS ? GSL_SUCCESS : GSL_EDOM;
}
#line 4139 "chapters/01-optimization.nw"
int mdl_optim_random_spd(gsl_matrix *A, gsl_matrix *Q,
                         const gsl_vector *lambda, gsl_rng *r)
{
  if (A == NULL || lambda == NULL || r == NULL)
    GSL_ERROR("A, lambda and r must not be NULL", GSL_EFAULT);
  size_t n = lambda->size;
  if (A->size1 != n || A->size2 != n || (Q && (Q->size1 != n || Q->size2 != n)))
    GSL_ERROR("A and Q must be n by n for lambda of length n", GSL_EBADLEN);
  if (n == 0)
    MDL_ERROR(GSL_EBADLEN, "mdl_optim_random_spd: lambda is empty");
  for (size_t i = 0; i < n; i++)
    if (!(isfinite(get(lambda, i)) && get(lambda, i) > 0))
      GSL_ERROR("the eigenvalues must be positive and finite", GSL_EDOM);
  gsl_matrix *G = gsl_matrix_alloc(n, n), *U = gsl_matrix_alloc(n, n);
  gsl_matrix *R = gsl_matrix_alloc(n, n), *B = gsl_matrix_alloc(n, n);
  gsl_vector *tau = gsl_vector_alloc(n);
  if (!G || !U || !R || !B || !tau) {
    gsl_matrix_free(G);
    gsl_matrix_free(U);
    gsl_matrix_free(R);
    gsl_matrix_free(B);
    gsl_vector_free(tau);
    GSL_ERROR("cannot allocate the scratch matrices", GSL_ENOMEM);
  }
#line 4181 "chapters/01-optimization.nw"
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      gsl_matrix_set(G, i, j, gsl_ran_gaussian(r, 1.0));
  gsl_linalg_QR_decomp(G, tau);
  gsl_linalg_QR_unpack(G, tau, U, R);
  for (size_t j = 0; j < n; j++)
    if (gsl_matrix_get(R, j, j) < 0) {
      gsl_vector_view col = gsl_matrix_column(U, j);
      gsl_vector_scale(&col.vector, -1.0);
    }
#line 4164 "chapters/01-optimization.nw"
#line 4194 "chapters/01-optimization.nw"
  gsl_matrix_memcpy(B, U);
  for (size_t j = 0; j < n; j++) {
    gsl_vector_view col = gsl_matrix_column(B, j);
    gsl_vector_scale(&col.vector, get(lambda, j));
  }
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, B, U, 0.0, A);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < i; j++) {
      double a = 0.5 * (gsl_matrix_get(A, i, j) + gsl_matrix_get(A, j, i));
      gsl_matrix_set(A, i, j, a);
      gsl_matrix_set(A, j, i, a);
    }
#line 4165 "chapters/01-optimization.nw"
  if (Q)
    gsl_matrix_memcpy(Q, U);
  gsl_matrix_free(G);
  gsl_matrix_free(U);
  gsl_matrix_free(R);
  gsl_matrix_free(B);
  gsl_vector_free(tau);
  return GSL_SUCCESS;
}
