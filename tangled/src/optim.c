#line 469 "chapters/01-optimization.nw"
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
#line 496 "chapters/01-optimization.nw"
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

static int report_nonfinite(const char *fn, const char *name,
                            const gsl_vector *v)
{
  for (size_t i = 0; i < v->size; i++)
    if (!isfinite(get(v, i)))
      MDL_ERROR(GSL_EDOM, "%s: %s[%zu] = %g is not finite", fn, name, i,
                get(v, i));
  return GSL_SUCCESS;
}

static double zero_state(const mdl_optim_params *p, size_t k)
{
  (void)p;
  (void)k;
  return 0;
}
#line 563 "chapters/01-optimization.nw"
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
#line 595 "chapters/01-optimization.nw"
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
#line 621 "chapters/01-optimization.nw"
static inline double rule_nesterov(const mdl_optim_params *p, size_t t,
                                   const double *k, double theta, double g,
                                   const double *s, double *s1)
{
  (void)k;
  double b = t == 1 ? g : p->momentum * s[0] + g;
  s1[0] = b;
  return theta - p->lr * (g + p->momentum * b);
}
#line 648 "chapters/01-optimization.nw"
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
#line 681 "chapters/01-optimization.nw"
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
#line 713 "chapters/01-optimization.nw"
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
#line 776 "chapters/01-optimization.nw"
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
#line 819 "chapters/01-optimization.nw"
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
#line 844 "chapters/01-optimization.nw"
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

static const struct {
  const char *name;
  size_t offset;
} hyperparameters[] = {
  {"lr", offsetof(mdl_optim_params, lr)},
  {"weight_decay", offsetof(mdl_optim_params, weight_decay)},
  {"max_norm", offsetof(mdl_optim_params, max_norm)},
  {"radius", offsetof(mdl_optim_params, radius)},
  {"momentum", offsetof(mdl_optim_params, momentum)},
  {"dampening", offsetof(mdl_optim_params, dampening)},
  {"lr_decay", offsetof(mdl_optim_params, lr_decay)},
  {"initial_accumulator_value",
   offsetof(mdl_optim_params, initial_accumulator_value)},
  {"eps", offsetof(mdl_optim_params, eps)},
  {"alpha", offsetof(mdl_optim_params, alpha)},
  {"beta1", offsetof(mdl_optim_params, beta1)},
  {"beta2", offsetof(mdl_optim_params, beta2)},
};

static const char *hyperparameter_range(const mdl_optim_type *type,
                                        const char *name)
{
  if (strcmp(name, "beta1") == 0 || strcmp(name, "beta2") == 0)
    return "[0, 1)";
  if (strcmp(name, "momentum") == 0 && type->valid == valid_signsgd)
    return "[0, 1)";
  if (strcmp(name, "momentum") == 0 && type->valid == valid_nesterov)
    return "(0, inf)";
  if (strcmp(name, "dampening") == 0 && type->valid == valid_nesterov)
    return "{0} (Nesterov's momentum has no dampening)";
  if (strcmp(name, "dampening") == 0)
    return "the finite numbers";
  return "[0, inf)";
}

static void describe_invalid(const mdl_optim_type *type,
                             const mdl_optim_params *p, char *buf,
                             size_t size)
{
  size_t n = sizeof hyperparameters / sizeof hyperparameters[0];
  for (size_t k = 0; k < n; k++) {
    mdl_optim_params q = type->defaults;
    size_t off = hyperparameters[k].offset;
    memcpy((char *)&q + off, (const char *)p + off, sizeof(double));
    if (!type->valid(&q)) {
      double v;
      memcpy(&v, (const char *)p + off, sizeof v);
      snprintf(buf, size, "%s = %g is out of range for %s; it must lie in %s",
               hyperparameters[k].name, v, type->name,
               hyperparameter_range(type, hyperparameters[k].name));
      return;
    }
  }
  snprintf(buf, size, "the hyperparameters are out of range for %s",
           type->name);
}

static double adagrad_state(const mdl_optim_params *p, size_t k)
{
  (void)k;
  return p->initial_accumulator_value;
}
#line 964 "chapters/01-optimization.nw"
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
#line 1008 "chapters/01-optimization.nw"
mdl_optim_params mdl_optim_defaults(const mdl_optim_type *type)
{
  mdl_optim_params zero = {0};
  if (type == NULL) {
    MDL_REPORT_(GSL_EFAULT, "type is NULL");
    return zero;
  }
  return type->defaults;
}

const char *mdl_optim_name(const mdl_optim_type *type)
{
  if (type == NULL)
    MDL_ERROR_VAL(NULL, GSL_EFAULT, "type is NULL");
  return type->name;
}
#line 1029 "chapters/01-optimization.nw"
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
    MDL_ERROR(GSL_EFAULT, "opt is NULL");
  for (size_t k = 0; k < opt->type->nbuf; k++)
    gsl_vector_set_all(opt->state[k], opt->type->initial(&opt->p, k));
  opt->t = 0;
  return GSL_SUCCESS;
}

mdl_optim *mdl_optim_alloc(const mdl_optim_type *type, size_t n,
                           const mdl_optim_params *params)
{
  if (type == NULL)
    MDL_ERROR_VAL(NULL, GSL_EFAULT, "type is NULL");
  if (params == NULL)
    MDL_ERROR_VAL(NULL, GSL_EFAULT, "params is NULL");
  if (n == 0)
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "n = 0 parameters; it must be positive");
  if (!type->valid(params)) {
    char what[160];
    describe_invalid(type, params, what, sizeof what);
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "%s", what);
  }
  mdl_optim *opt = calloc(1, sizeof *opt);
  if (opt == NULL)
    MDL_ERROR_VAL(NULL, GSL_ENOMEM, "cannot allocate the optimizer");
  opt->type = type;
  opt->p = *params;
  opt->n = n;
  int ok = (opt->theta = gsl_vector_alloc(n)) != NULL;
  for (size_t k = 0; ok && k < type->nbuf; k++)
    ok = (opt->state[k] = gsl_vector_alloc(n)) != NULL
         && (opt->next[k] = gsl_vector_alloc(n)) != NULL;
  if (!ok) {
    mdl_optim_free(opt);
    MDL_ERROR_VAL(NULL, GSL_ENOMEM, "cannot allocate the optimizer's state"
                  " for n = %zu parameters", n);
  }
  mdl_optim_reset(opt);
  return opt;
}
#line 1308 "chapters/01-optimization.nw"
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
#line 1420 "chapters/01-optimization.nw"
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
#line 1326 "chapters/01-optimization.nw"
}

static void range_heavy_ball(const pass_args *a, size_t lo, size_t hi,
                             double sums[2])
{
  update_rule *const r = rule_heavy_ball;
  enum { nb = 1 };
#line 1420 "chapters/01-optimization.nw"
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
#line 1334 "chapters/01-optimization.nw"
}

static void range_nesterov(const pass_args *a, size_t lo, size_t hi,
                           double sums[2])
{
  update_rule *const r = rule_nesterov;
  enum { nb = 1 };
#line 1420 "chapters/01-optimization.nw"
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
#line 1342 "chapters/01-optimization.nw"
}

static void range_nesterov_xy(const pass_args *a, size_t lo, size_t hi,
                              double sums[2])
{
  update_rule *const r = rule_nesterov_xy;
  enum { nb = 1 };
#line 1420 "chapters/01-optimization.nw"
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
#line 1350 "chapters/01-optimization.nw"
}

static void range_adagrad(const pass_args *a, size_t lo, size_t hi,
                          double sums[2])
{
  update_rule *const r = rule_adagrad;
  enum { nb = 1 };
#line 1420 "chapters/01-optimization.nw"
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
#line 1358 "chapters/01-optimization.nw"
}

static void range_rmsprop(const pass_args *a, size_t lo, size_t hi,
                          double sums[2])
{
  update_rule *const r = rule_rmsprop;
  enum { nb = 3 };
#line 1420 "chapters/01-optimization.nw"
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
#line 1366 "chapters/01-optimization.nw"
}

static void range_adam(const pass_args *a, size_t lo, size_t hi,
                       double sums[2])
{
  if (a->p.no_bias_correction) {
    enum { ams = 0, nbc = 1 };
#line 1464 "chapters/01-optimization.nw"
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
#line 1374 "chapters/01-optimization.nw"
  } else {
    enum { ams = 0, nbc = 0 };
#line 1464 "chapters/01-optimization.nw"
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
#line 1377 "chapters/01-optimization.nw"
  }
}

static void range_amsgrad(const pass_args *a, size_t lo, size_t hi,
                          double sums[2])
{
  if (a->p.no_bias_correction) {
    enum { ams = 1, nbc = 1 };
#line 1464 "chapters/01-optimization.nw"
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
#line 1386 "chapters/01-optimization.nw"
  } else {
    enum { ams = 1, nbc = 0 };
#line 1464 "chapters/01-optimization.nw"
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
#line 1389 "chapters/01-optimization.nw"
  }
}

static void range_signsgd(const pass_args *a, size_t lo, size_t hi,
                          double sums[2])
{
  update_rule *const r = rule_signsgd;
  enum { nb = 1 };
#line 1420 "chapters/01-optimization.nw"
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
#line 1398 "chapters/01-optimization.nw"
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
#line 1501 "chapters/01-optimization.nw"
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
#line 1540 "chapters/01-optimization.nw"
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
#line 1112 "chapters/01-optimization.nw"
static double clip_coef(double total, double max_norm);
static void project(gsl_vector *x, const gsl_vector *center, double radius);
#line 1162 "chapters/01-optimization.nw"
static void step_constants(const mdl_optim_params *p, size_t t, double *k)
{
  k[0] = p->lr / (1 - pow(p->beta1, (double)t));
  k[1] = sqrt(1 - pow(p->beta2, (double)t));
  k[2] = p->lr / (1 + (double)(t - 1) * p->lr_decay);
}

#line 1117 "chapters/01-optimization.nw"
int mdl_optim_step(mdl_optim *opt, gsl_vector *theta, const gsl_vector *grad)
{
  if (opt == NULL)
    MDL_ERROR(GSL_EFAULT, "opt is NULL");
  if (theta == NULL)
    MDL_ERROR(GSL_EFAULT, "theta is NULL");
  if (grad == NULL)
    MDL_ERROR(GSL_EFAULT, "grad is NULL");
  if (theta->size != opt->n || grad->size != opt->n)
    MDL_ERROR(GSL_EBADLEN, "theta has length %zu and grad %zu, the optimizer"
              " %zu", theta->size, grad->size, opt->n);
  const mdl_optim_params *p = &opt->p;
  size_t t = opt->t + 1;
  double k[3], scale = 1;
  step_constants(p, t, k);
  if (p->max_norm > 0)
    scale = clip_coef(gsl_blas_dnrm2(grad), p->max_norm);
  const double wd = p->weight_decay;
  if (wd != 0) {
#line 1254 "chapters/01-optimization.nw"
    gsl_vector_memcpy(opt->theta, grad);
    if (scale != 1)
      gsl_blas_dscal(scale, opt->theta);
    gsl_blas_daxpy(wd, theta, opt->theta);
#line 1137 "chapters/01-optimization.nw"
  }
  if (opt->type->rule == rule_gd && p->max_norm == 0 && p->radius == 0) {
#line 1228 "chapters/01-optimization.nw"
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
#line 1140 "chapters/01-optimization.nw"
  }
  size_t nbuf = opt->type->nbuf;
  double *state[MAXBUF] = {0}, *next[MAXBUF] = {0}, *new_theta = opt->theta->data;
  for (size_t b = 0; b < nbuf; b++) {
    state[b] = opt->state[b]->data;
    next[b] = opt->next[b]->data;
  }
  int bad_in = 0, bad_out = 0;
#line 1266 "chapters/01-optimization.nw"
  range_pass *const vec = theta->stride == 1 && grad->stride == 1
                          ? vector_pass(opt->type->rule) : NULL;
  if (vec != NULL) {
#line 1608 "chapters/01-optimization.nw"
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
#line 1270 "chapters/01-optimization.nw"
  } else if (opt->type->rule == rule_gd) {
    update_rule *const r = rule_gd;
#line 1179 "chapters/01-optimization.nw"
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
#line 1273 "chapters/01-optimization.nw"
  } else if (opt->type->rule == rule_heavy_ball) {
    update_rule *const r = rule_heavy_ball;
#line 1179 "chapters/01-optimization.nw"
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
#line 1276 "chapters/01-optimization.nw"
  } else if (opt->type->rule == rule_rmsprop) {
    update_rule *const r = rule_rmsprop;
#line 1179 "chapters/01-optimization.nw"
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
#line 1279 "chapters/01-optimization.nw"
  } else if (opt->type->rule == rule_adam) {
    update_rule *const r = rule_adam;
#line 1179 "chapters/01-optimization.nw"
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
#line 1282 "chapters/01-optimization.nw"
  } else {
    update_rule *const r = opt->type->rule;
#line 1179 "chapters/01-optimization.nw"
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
#line 1285 "chapters/01-optimization.nw"
  }
#line 1149 "chapters/01-optimization.nw"
  int status = bad_in ? GSL_EDOM : bad_out ? GSL_ERANGE : GSL_SUCCESS;
  if (status == GSL_EDOM) {
    report_nonfinite(__func__, "theta", theta);
    report_nonfinite(__func__, "grad", grad);
    return GSL_EDOM;
  }
  if (status == GSL_SUCCESS && p->radius > 0)
    project(opt->theta, NULL, p->radius);
#line 1624 "chapters/01-optimization.nw"
  if (status != GSL_SUCCESS)
    MDL_ERROR(GSL_ERANGE, "step %zu is not finite (an overflow, or a division"
              " by eps = %g)", t, opt->p.eps);
  for (size_t b = 0; b < opt->type->nbuf; b++) {
    gsl_vector *tmp = opt->state[b];
    opt->state[b] = opt->next[b];
    opt->next[b] = tmp;
  }
  gsl_vector_memcpy(theta, opt->theta);
  opt->t = t;
  return GSL_SUCCESS;
#line 1158 "chapters/01-optimization.nw"
}
#line 1638 "chapters/01-optimization.nw"
int mdl_optim_set_lr(mdl_optim *opt, double lr)
{
  if (opt == NULL)
    MDL_ERROR(GSL_EFAULT, "opt is NULL");
  if (!nonneg(lr))
    MDL_ERROR(GSL_EINVAL, "lr = %g; it must be finite and >= 0", lr);
  opt->p.lr = lr;
  return GSL_SUCCESS;
}

size_t mdl_optim_steps(const mdl_optim *opt)
{
  if (opt == NULL)
    MDL_ERROR_VAL(0, GSL_EFAULT, "opt is NULL");
  return opt->t;
}

size_t mdl_optim_size(const mdl_optim *opt)
{
  if (opt == NULL)
    MDL_ERROR_VAL(0, GSL_EFAULT, "opt is NULL");
  return opt->n;
}

const gsl_vector *mdl_optim_buffer(const mdl_optim *opt,
                                   mdl_optim_buffer_id which)
{
  if (opt == NULL)
    MDL_ERROR_VAL(NULL, GSL_EFAULT, "opt is NULL");
  if (which < MDL_OPTIM_MOMENTUM_BUFFER || which > MDL_OPTIM_PREVIOUS_X)
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "which = %d is not a buffer id (%d to %d)",
                  (int)which, (int)MDL_OPTIM_MOMENTUM_BUFFER,
                  (int)MDL_OPTIM_PREVIOUS_X);
  for (size_t k = 0; k < opt->type->nbuf; k++)
    if (opt->type->ids[k] == which)
      return opt->state[k];
  return NULL;
}
#line 5274 "chapters/01-optimization.nw"
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
    MDL_ERROR(GSL_EFAULT, "g is NULL");
  if (isnan(max_norm) || max_norm < 0)
    MDL_ERROR(GSL_EINVAL, "max_norm = %g; it must be >= 0", max_norm);
  if (g->size == 0)
    MDL_ERROR(GSL_EBADLEN, "g has length 0");
  if (!all_finite(g))
    return report_nonfinite(__func__, "g", g);
  clip(g, max_norm, norm);
  return GSL_SUCCESS;
}

int mdl_optim_project_ball(gsl_vector *x, const gsl_vector *center,
                           double radius)
{
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "x is NULL");
  if (center && center->size != x->size)
    MDL_ERROR(GSL_EBADLEN, "center has length %zu and x %zu", center->size,
              x->size);
  if (isnan(radius) || radius < 0)
    MDL_ERROR(GSL_EINVAL, "radius = %g; it must be >= 0", radius);
  if (x->size == 0)
    MDL_ERROR(GSL_EBADLEN, "x has length 0");
  if (!all_finite(x))
    return report_nonfinite(__func__, "x", x);
  if (center && !all_finite(center))
    return report_nonfinite(__func__, "center", center);
  project(x, center, radius);
  return GSL_SUCCESS;
}
#line 6883 "chapters/01-optimization.nw"
int mdl_optim_average(gsl_vector *avg, const gsl_vector *x, size_t k)
{
  if (avg == NULL)
    MDL_ERROR(GSL_EFAULT, "avg is NULL");
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "x is NULL");
  if (avg->size != x->size)
    MDL_ERROR(GSL_EBADLEN, "avg has length %zu and x %zu", avg->size,
              x->size);
  if (x->size == 0)
    MDL_ERROR(GSL_EBADLEN, "x has length 0");
  if (!all_finite(x))
    return report_nonfinite(__func__, "x", x);
  if (k > 0 && !all_finite(avg))
    return report_nonfinite(__func__, "avg", avg);
  double w = 1.0 / ((double)k + 1);
  for (size_t i = 0; i < x->size; i++)
    *at(avg, i) = k == 0 ? get(x, i) : get(avg, i) + w * (get(x, i) - get(avg, i));
  return GSL_SUCCESS;
}
#line 5859 "chapters/01-optimization.nw"
struct mdl_optim_sampler {
  mdl_optim_finite_sum f;
  size_t batch;
  int replace, has_snapshot;
  size_t *perm;
  gsl_vector *gi, *gj, *acc, *snap_x, *snap_g, *x_chosen;
};

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
  if (f == NULL)
    MDL_ERROR(GSL_EFAULT, "f is NULL");
  if (f->gradient == NULL)
    MDL_ERROR(GSL_EFAULT, "f->gradient is NULL");
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "x is NULL");
  if (g == NULL)
    MDL_ERROR(GSL_EFAULT, "g is NULL");
  if (f->n == 0 || f->dim == 0)
    MDL_ERROR(GSL_EINVAL, "f has n = %zu terms of dimension dim = %zu; both"
              " must be positive", f->n, f->dim);
  if (x->size != f->dim || g->size != f->dim)
    MDL_ERROR(GSL_EBADLEN, "x has length %zu and g %zu, expected f->dim ="
              " %zu", x->size, g->size, f->dim);
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
    MDL_ERROR(GSL_ENOMEM, "cannot allocate 2 scratch vectors of length %zu",
              f->dim);
  if (status)
    MDL_ERROR(GSL_EBADFUNC, "the gradient of a term (of n = %zu) failed or"
              " is not finite", f->n);
  return GSL_SUCCESS;
}
#line 5932 "chapters/01-optimization.nw"
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
  if (f == NULL)
    MDL_ERROR_VAL(NULL, GSL_EFAULT, "f is NULL");
  if (f->gradient == NULL)
    MDL_ERROR_VAL(NULL, GSL_EFAULT, "f->gradient is NULL");
  if (f->n == 0 || f->dim == 0 || batch == 0 || (!replace && batch > f->n))
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "n = %zu, dim = %zu, batch = %zu,"
                  " replace = %d; n, dim and batch must be positive, and batch"
                  " <= n without replacement", f->n, f->dim, batch, replace);
  mdl_optim_sampler *s = calloc(1, sizeof *s);
  if (s == NULL)
    MDL_ERROR_VAL(NULL, GSL_ENOMEM, "cannot allocate the sampler");
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
    MDL_ERROR_VAL(NULL, GSL_ENOMEM, "cannot allocate the sampler's vectors"
                  " (n = %zu, dim = %zu)", f->n, d);
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

static int check_sampler_call(const char *fn, const mdl_optim_sampler *s,
                              const gsl_vector *x, gsl_rng *r,
                              const gsl_vector *g)
{
  if (s == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: s is NULL", fn);
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: x is NULL", fn);
  if (r == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: r is NULL", fn);
  if (g == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: g is NULL", fn);
  if (x->size != s->f.dim || g->size != s->f.dim)
    MDL_ERROR(GSL_EBADLEN, "%s: x has length %zu and g %zu, expected the"
              " sampler's dim = %zu", fn, x->size, g->size, s->f.dim);
  return report_nonfinite(fn, "x", x);
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

static int take_snapshot(const char *fn, mdl_optim_sampler *s,
                         const gsl_vector *x)
{
  if (full_gradient(&s->f, x, s->gi, s->acc))
    MDL_ERROR(GSL_EBADFUNC, "%s: the gradient of a term (of n = %zu) failed"
              " or is not finite", fn, s->f.n);
  gsl_vector_memcpy(s->snap_g, s->acc);
  gsl_vector_memcpy(s->snap_x, x);
  s->has_snapshot = 1;
  return GSL_SUCCESS;
}

int mdl_optim_sampler_minibatch(mdl_optim_sampler *s, const gsl_vector *x,
                                gsl_rng *r, gsl_vector *g)
{
  int status = check_sampler_call(__func__, s, x, r, g);
  if (status)
    return status;
  if (minibatch(s, x, r, 0))
    MDL_ERROR(GSL_EBADFUNC, "the gradient of a term (of n = %zu) failed or"
              " is not finite", s->f.n);
  gsl_vector_memcpy(g, s->acc);
  return GSL_SUCCESS;
}

int mdl_optim_sampler_snapshot(mdl_optim_sampler *s, const gsl_vector *x)
{
  if (s == NULL)
    MDL_ERROR(GSL_EFAULT, "s is NULL");
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "x is NULL");
  if (x->size != s->f.dim)
    MDL_ERROR(GSL_EBADLEN, "x has length %zu, expected the sampler's dim ="
              " %zu", x->size, s->f.dim);
  size_t bad;
  if (!mdl_numcheck_finite(x, &bad))
    MDL_ERROR(GSL_EDOM, "mdl_optim_sampler_snapshot: x[%zu] = %g is not finite",
              bad, gsl_vector_get(x, bad));
  return take_snapshot(__func__, s, x);
}

int mdl_optim_sampler_svrg(mdl_optim_sampler *s, const gsl_vector *x,
                           gsl_rng *r, gsl_vector *g)
{
  int status = check_sampler_call(__func__, s, x, r, g);
  if (status)
    return status;
  if (!s->has_snapshot)
    MDL_ERROR(GSL_EINVAL, "s has no snapshot; call"
              " mdl_optim_sampler_snapshot first");
  if (minibatch(s, x, r, 1))
    MDL_ERROR(GSL_EBADFUNC, "the gradient of a term (of n = %zu) failed or"
              " is not finite", s->f.n);
  gsl_vector_memcpy(g, s->acc);
  return GSL_SUCCESS;
}
#line 6688 "chapters/01-optimization.nw"
int mdl_optim_svrg_epoch(mdl_optim_sampler *s, mdl_optim *opt,
                         gsl_vector *x, size_t m,
                         mdl_optim_svrg_option option, gsl_rng *r)
{
  if (s == NULL)
    MDL_ERROR(GSL_EFAULT, "s is NULL");
  if (opt == NULL)
    MDL_ERROR(GSL_EFAULT, "opt is NULL");
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "x is NULL");
  if (r == NULL)
    MDL_ERROR(GSL_EFAULT, "r is NULL");
  if (x->size != s->f.dim || opt->n != s->f.dim)
    MDL_ERROR(GSL_EBADLEN, "x has length %zu and opt %zu, expected the"
              " sampler's dim = %zu", x->size, opt->n, s->f.dim);
  if (m == 0)
    MDL_ERROR(GSL_EINVAL, "m = 0 inner steps; it must be positive");
  if (option != MDL_OPTIM_SVRG_LAST && option != MDL_OPTIM_SVRG_RANDOM)
    MDL_ERROR(GSL_EINVAL, "option = %d is not an mdl_optim_svrg_option",
              (int)option);
  size_t bad;
  if (!mdl_numcheck_finite(x, &bad))
    MDL_ERROR(GSL_EDOM, "mdl_optim_svrg_epoch: x[%zu] = %g is not finite", bad,
              gsl_vector_get(x, bad));
  gsl_vector *y = gsl_vector_alloc(x->size), *g = gsl_vector_alloc(x->size);
  int status = y && g ? GSL_SUCCESS : GSL_ENOMEM;
  if (status == GSL_SUCCESS)
    status = take_snapshot(__func__, s, x);
  size_t chosen = option == MDL_OPTIM_SVRG_RANDOM
                      ? (size_t)gsl_rng_uniform_int(r, m) : m;
  if (status == GSL_SUCCESS)
    gsl_vector_memcpy(y, x);
  for (size_t k = 0; k < m && status == GSL_SUCCESS; k++) {
    if (k == chosen)
      gsl_vector_memcpy(s->x_chosen, y);
    if (minibatch(s, y, r, 1))
      MDL_ERROR(GSL_EBADFUNC, "the gradient of a term (of n = %zu) failed or"
                " is not finite at inner step %zu", s->f.n, k);
    gsl_vector_memcpy(g, s->acc);
    status = mdl_optim_step(opt, y, g);
  }
  if (status == GSL_SUCCESS)
    gsl_vector_memcpy(x, chosen < m ? s->x_chosen : y);
  gsl_vector_free(y);
  gsl_vector_free(g);
  if (status == GSL_ENOMEM)
    MDL_ERROR(GSL_ENOMEM, "cannot allocate the inner iterate of length %zu",
              x->size);
  return status;
}
#line 7258 "chapters/01-optimization.nw"
static int cholesky_lower(gsl_matrix *L, size_t *j_bad, double *pivot)
{
  size_t n = L->size1, tda = L->tda;
  double *a = L->data;
  for (size_t j = 0; j < n; j++) {
    double *lj = a + j * tda;
    double s = lj[j];
    for (size_t k = 0; k < j; k++)
      s -= lj[k] * lj[k];
    if (!(s > 0) || !isfinite(s)) {
      *j_bad = j;
      *pivot = s;
      return GSL_EDOM;
    }
    double ljj = sqrt(s);
    lj[j] = ljj;
    for (size_t i = j + 1; i < n; i++) {
      double *li = a + i * tda;
      double t = li[j];
      for (size_t k = 0; k < j; k++)
        t -= li[k] * lj[k];
      li[j] = t / ljj;
    }
  }
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++)
      a[i * tda + j] = a[j * tda + i];
  return GSL_SUCCESS;
}

int mdl_optim_newton_step(gsl_vector *x, const gsl_vector *grad,
                          const gsl_matrix *hess)
{
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "x is NULL");
  if (grad == NULL)
    MDL_ERROR(GSL_EFAULT, "grad is NULL");
  if (hess == NULL)
    MDL_ERROR(GSL_EFAULT, "hess is NULL");
  size_t n = x->size;
  if (grad->size != n || hess->size1 != n || hess->size2 != n)
    MDL_ERROR(GSL_EBADLEN, "x has length %zu, grad %zu and hess is %zu x %zu;"
              " expected %zu and %zu x %zu", n, grad->size, hess->size1,
              hess->size2, n, n, n);
  if (n == 0)
    MDL_ERROR(GSL_EBADLEN, "x has length 0");
  if (!all_finite(x))
    return report_nonfinite(__func__, "x", x);
  if (!all_finite(grad))
    return report_nonfinite(__func__, "grad", grad);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      if (!isfinite(gsl_matrix_get(hess, i, j)))
        MDL_ERROR(GSL_EDOM, "hess[%zu][%zu] = %g is not finite", i, j,
                  gsl_matrix_get(hess, i, j));
  gsl_matrix *L = gsl_matrix_alloc(n, n);
  gsl_vector *d = gsl_vector_alloc(n);
  if (L == NULL || d == NULL) {
    gsl_matrix_free(L);
    gsl_vector_free(d);
    MDL_ERROR(GSL_ENOMEM, "cannot allocate the %zu x %zu factorisation", n,
              n);
  }
  gsl_matrix_memcpy(L, hess);
  size_t j_bad = 0;
  double pivot = 0;
  int status = cholesky_lower(L, &j_bad, &pivot);
  if (status == GSL_SUCCESS)
    status = gsl_linalg_cholesky_solve(L, grad, d);
  if (status == GSL_SUCCESS)
    gsl_vector_sub(x, d);
  gsl_matrix_free(L);
  gsl_vector_free(d);
  if (status)
    MDL_ERROR(GSL_EDOM, "hess is not positive definite: pivot %zu of its"
              " Cholesky factorisation is %g", j_bad, pivot);
  return GSL_SUCCESS;
}
#line 4235 "chapters/01-optimization.nw"
int mdl_optim_random_spd(gsl_matrix *A, gsl_matrix *Q,
                         const gsl_vector *lambda, gsl_rng *r)
{
  if (A == NULL)
    MDL_ERROR(GSL_EFAULT, "A is NULL");
  if (lambda == NULL)
    MDL_ERROR(GSL_EFAULT, "lambda is NULL");
  if (r == NULL)
    MDL_ERROR(GSL_EFAULT, "r is NULL");
  size_t n = lambda->size;
  if (A->size1 != n || A->size2 != n)
    MDL_ERROR(GSL_EBADLEN, "A is %zu x %zu, expected %zu x %zu (lambda has"
              " length %zu)", A->size1, A->size2, n, n, n);
  if (Q && (Q->size1 != n || Q->size2 != n))
    MDL_ERROR(GSL_EBADLEN, "Q is %zu x %zu, expected %zu x %zu (lambda has"
              " length %zu)", Q->size1, Q->size2, n, n, n);
  if (n == 0)
    MDL_ERROR(GSL_EBADLEN, "lambda has length 0");
  for (size_t i = 0; i < n; i++)
    if (!(isfinite(get(lambda, i)) && get(lambda, i) > 0))
      MDL_ERROR(GSL_EDOM, "lambda[%zu] = %g; the eigenvalues must be positive"
                " and finite", i, get(lambda, i));
  gsl_matrix *G = gsl_matrix_alloc(n, n), *U = gsl_matrix_alloc(n, n);
  gsl_matrix *R = gsl_matrix_alloc(n, n), *B = gsl_matrix_alloc(n, n);
  gsl_vector *tau = gsl_vector_alloc(n);
  if (!G || !U || !R || !B || !tau) {
    gsl_matrix_free(G);
    gsl_matrix_free(U);
    gsl_matrix_free(R);
    gsl_matrix_free(B);
    gsl_vector_free(tau);
    MDL_ERROR(GSL_ENOMEM, "cannot allocate the %zu x %zu scratch matrices",
              n, n);
  }
#line 4287 "chapters/01-optimization.nw"
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
#line 4270 "chapters/01-optimization.nw"
#line 4300 "chapters/01-optimization.nw"
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
#line 4271 "chapters/01-optimization.nw"
  if (Q)
    gsl_matrix_memcpy(Q, U);
  gsl_matrix_free(G);
  gsl_matrix_free(U);
  gsl_matrix_free(R);
  gsl_matrix_free(B);
  gsl_vector_free(tau);
  return GSL_SUCCESS;
}
