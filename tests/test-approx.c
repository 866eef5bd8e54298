#line 659 "chapters/02-approximation.nw"
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <mdl/mdl.h>
#include "claims.h"

#line 689 "chapters/02-approximation.nw"
static const double U = DBL_EPSILON / 2;

static double gam(double k)
{
  return k * U / (1 - k * U);
}

typedef double scalar_fn(double);

static double scalar_eval(const gsl_vector *x, void *params)
{
  scalar_fn **f = params;
  return (*f)(gsl_vector_get(x, 0));
}

static double scalar_diff(scalar_fn *f, double x, double *xp, double *xm)
{
  gsl_vector *v = gsl_vector_alloc(1), *d = gsl_vector_alloc(1);
  gsl_vector_set(v, 0, x);
  gsl_multimin_function F = {scalar_eval, 1, &f};
  mdl_numcheck_diff(&F, v, 0, d);
  double D = gsl_vector_get(d, 0);
  double hi = mdl_numcheck_step() * fmax(1.0, fabs(x));
  *xp = x + hi;
  *xm = x - hi;
  gsl_vector_free(v);
  gsl_vector_free(d);
  return D;
}

static double cd_bound(double x, double xp, double xm, double M3, double M2,
                       double delta, double D)
{
  long double hhat = ((long double)xp - xm) / 2;
  long double centre = fabsl(((long double)xp + xm) / 2 - x);
  long double b = M3 * hhat * hhat / 6 + delta / hhat + gam(4) * fabs(D)
                  + M2 * centre;
  return (double)(b * (1 + 1e-10L));
}

static double flat(gsl_rng *r, double a, double b)
{
  double v = gsl_rng_uniform(r) + gsl_rng_uniform(r) * 0x1p-32;
  return a + (b - a) * v;
}

static double draw_z(gsl_rng *r, int k)
{
  return k % 2 ? flat(r, -40, 40) : gsl_ran_gaussian(r, 1);
}
#line 742 "chapters/02-approximation.nw"
static double f_sigmoid(double z) { return mdl_net_sigmoid(z); }
static double f_softplus(double z) { return mdl_net_softplus(z); }
static double f_tanh(double z) { return tanh(z); }

static void test_sigmoid_identities(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(7305521);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { N = 2000 };
  const double s3 = sqrt(3.0);
  double sym = 0, dsig = 0, prod = 0, th = 0, notes = HUGE_VAL, dth = 0;
  double dsp = 0, diffz = 0, logsig = 0, logit = 0;
  for (int k = 0; k < N; k++) {
    double z = draw_z(r, k), xp, xm, D, a;
    double s = mdl_net_sigmoid(z), sm = mdl_net_sigmoid(-z);
    sym = fmax(sym, fabs(s + sm - 1) / gam(11));
    
#line 769 "chapters/02-approximation.nw"
D = scalar_diff(f_sigmoid, z, &xp, &xm);
a = mdl_net_activate_deriv(MDL_NET_SIGMOID, 0, z);
double E = cd_bound(z, xp, xm, 1.0 / 8, 1 / (6 * s3),
                    gam(10) * fmax(mdl_net_sigmoid(xp), mdl_net_sigmoid(xm)),
                    D);
dsig = fmax(dsig, fabs(a - D) / (E + gam(16) * fabs(a)));
double ss = s * sm;
if (a != ss)
  prod = fmax(prod, fabs(a - ss)
                        / (1.01 * (gam(16) * fabs(a) + (2 * gam(10) + U) * ss)));
D = scalar_diff(f_tanh, z, &xp, &xm);
a = mdl_net_activate_deriv(MDL_NET_TANH, 0, z);
E = cd_bound(z, xp, xm, 2, 4 / (3 * s3),
             gam(4) * fmax(fabs(tanh(xp)), fabs(tanh(xm))), D);
dth = fmax(dth, fabs(a - D) / (E + gam(16) * fabs(a)));
D = scalar_diff(f_softplus, z, &xp, &xm);
a = mdl_net_activate_deriv(MDL_NET_SOFTPLUS, 0, z);
E = cd_bound(z, xp, xm, 1 / (6 * s3), 0.25,
             gam(9) * fmax(mdl_net_softplus(xp), mdl_net_softplus(xm)), D);
dsp = fmax(dsp, fabs(a - D) / (E + gam(10) * fabs(a)));
#line 761 "chapters/02-approximation.nw"
    
#line 792 "chapters/02-approximation.nw"
th = fmax(th, fabs(tanh(z) - (2 * mdl_net_sigmoid(2 * z) - 1)) / gam(26));
if (z != 0)
  notes = fmin(notes, fabs((sinh(z) / z - tanh(z)) / tanh(z)));
double zp = mdl_net_softplus(z), zm = mdl_net_softplus(-z);
diffz = fmax(diffz, (double)(fabsl((long double)zp - zm - z)
                             / (gam(9) * (zp + zm))));
long double ref = -log1pl(expl(-(long double)z));
logsig = fmax(logsig, (double)(fabsl(mdl_net_log_sigmoid(z) - ref)
                               / (gam(10) * fabsl(ref))));
if (fabs(z) <= 30)
  logit = fmax(logit, fabs(mdl_net_logit(s) - z)
                          / (1.01 * gam(10) / sm + gam(3) + gam(5) * fabs(z)));
#line 762 "chapters/02-approximation.nw"
  }
  
#line 807 "chapters/02-approximation.nw"
struct { double got, want; } exact[] = {
  {mdl_net_sigmoid(1000), 1}, {mdl_net_sigmoid(-1000), 0},
  {mdl_net_softplus(1000), 1000}, {mdl_net_softplus(-1000), 0},
  {mdl_net_log_sigmoid(1000), 0}, {mdl_net_log_sigmoid(-1000), -1000},
  {tanh(1000), 1}, {tanh(-1000), -1},
  {mdl_net_activate_deriv(MDL_NET_SIGMOID, 0, 1000), 0},
  {mdl_net_activate_deriv(MDL_NET_SIGMOID, 0, -1000), 0},
  {mdl_net_activate_deriv(MDL_NET_TANH, 0, 1000), 0},
  {mdl_net_activate_deriv(MDL_NET_SOFTPLUS, 0, -1000), 0},
};
int wrong = 0;
for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
  wrong += exact[i].got != exact[i].want;
const struct { const char *note; double value; } rows[] = {
  {"sigma(z) + sigma(-z) - 1 over gamma_11", sym},
  {"library sigma' against central differences of sigma, over its bound",
   dsig},
  {"library sigma' against sigma(z) sigma(-z), over the rounding bound", prod},
  {"tanh z - (2 sigma(2z) - 1) over gamma_26", th},
  {"library tanh' against central differences of tanh, over its bound", dth},
  {"library softplus' (= sigma) against central differences of softplus,"
   " over its bound", dsp},
  {"softplus(z) - softplus(-z) - z over gamma_9 (softplus(z) + softplus(-z))",
   diffz},
  {"log sigma(z) against -log1p(exp(-z)) in long double, over gamma_10",
   logsig},
  {"logit(sigma(z)) - z over its rounding bound, |z| <= 30", logit},
};
for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
  CLAIM(.id = "approx.activations", .kind = CLAIM_BOUND,
        .measured = rows[i].value, .reference = 1, .tolerance = 0,
        .samples = N, .seed = seed, .note = rows[i].note);
CLAIM(.id = "approx.activations", .kind = CLAIM_BOUND,
      .relation = CLAIM_AT_LEAST, .measured = notes,
      .reference = sqrt(2.0) - 1, .tolerance = 8 * U, .samples = N,
      .seed = seed,
      .note = "smallest relative error of the notes' tanh, sinh(z)/z,"
              " against tanh z: at least sqrt 2 - 1");
CLAIM(.id = "approx.activations", .kind = CLAIM_IDENTITY,
      .measured = wrong, .reference = 0, .tolerance = 0,
      .note = "values at z = +-1000 that differ from the correctly rounded"
              " result (sigma, softplus, log sigma, tanh, derivatives)");
#line 764 "chapters/02-approximation.nw"
  gsl_rng_free(r);
}
#line 1107 "chapters/02-approximation.nw"
static double tau_softmax(const double *z, size_t K, double c)
{
  double mx = -HUGE_VAL, mn = HUGE_VAL, amax = 0;
  for (size_t i = 0; i < K; i++) {
    mx = fmax(mx, z[i]);
    mn = fmin(mn, z[i]);
    amax = fmax(amax, fabs(z[i]));
  }
  return 2 * U * (amax + fabs(c) + mx - mn) + gam((double)K + 7);
}

static int softmax_map(const gsl_vector *x, void *params, gsl_vector *fx)
{
  (void)params;
  return mdl_net_softmax(x, fx);
}

static double ce_loss(const gsl_vector *x, void *params)
{
  const gsl_vector *y = params;
  gsl_matrix_const_view V = gsl_matrix_const_view_vector(x, 1, x->size);
  gsl_matrix_const_view Y = gsl_matrix_const_view_vector(y, 1, y->size);
  double value;
  mdl_net_loss_eval(MDL_NET_LOSS_SOFTMAX_CE, &V.matrix, &Y.matrix, &value,
                    NULL);
  return value;
}

#line 1141 "chapters/02-approximation.nw"
static void test_softmax_identities(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4410937);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  double inv = 0, two = 0;
  for (int t = 0; t < 300; t++) {
    size_t K = 2 + gsl_rng_uniform_int(r, 7);
    gsl_vector *z = gsl_vector_alloc(K), *zc = gsl_vector_alloc(K);
    gsl_vector *s = gsl_vector_alloc(K), *sc = gsl_vector_alloc(K);
    for (size_t i = 0; i < K; i++)
      gsl_vector_set(z, i, flat(r, -20, 20));
    mdl_net_softmax(z, s);
    const double shifts[3] = {flat(r, -50, 50), 1000, -1000};
    for (int k = 0; k < 3; k++) {
      for (size_t i = 0; i < K; i++)
        gsl_vector_set(zc, i, gsl_vector_get(z, i) + shifts[k]);
      mdl_net_softmax(zc, sc);
      double tol = 1.01 * (tau_softmax(z->data, K, shifts[k])
                           + tau_softmax(z->data, K, 0));
      for (size_t i = 0; i < K; i++)
        inv = fmax(inv, fabs(gsl_vector_get(sc, i) / gsl_vector_get(s, i) - 1)
                            / tol);
    }
    gsl_vector_free(z);
    gsl_vector_free(zc);
    gsl_vector_free(s);
    gsl_vector_free(sc);
  }
  gsl_vector *z2 = gsl_vector_alloc(2), *s2 = gsl_vector_alloc(2);
  for (int t = 0; t < 500; t++) {
    double z1 = flat(r, -40, 40), z0 = flat(r, -40, 40);
    gsl_vector_set(z2, 0, z1);
    gsl_vector_set(z2, 1, z0);
    mdl_net_softmax(z2, s2);
    double sig = mdl_net_sigmoid(z1 - z0);
    double tol = 1.01 * (tau_softmax(z2->data, 2, 0) + gam(10)
                         + U * fabs(z1 - z0));
    two = fmax(two, fabs(gsl_vector_get(s2, 0) / sig - 1) / tol);
  }
  gsl_vector_free(z2);
  gsl_vector_free(s2);
  CLAIM(.id = "approx.softmax", .kind = CLAIM_BOUND, .measured = inv,
        .reference = 1, .tolerance = 0, .samples = 900, .seed = seed,
        .note = "relative change of the softmax under a shift of its input,"
                " over its rounding bound");
  CLAIM(.id = "approx.softmax", .kind = CLAIM_BOUND, .measured = two,
        .reference = 1, .tolerance = 0, .samples = 500, .seed = seed,
        .note = "two classes: softmax_1 against sigma(z_1 - z_2), over the"
                " rounding bound");
  gsl_rng_free(r);
}
#line 1197 "chapters/02-approximation.nw"
static void test_softmax_derivatives(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(9921057);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const double M3j = 1.0 / 8, M2j = 1 / (6 * sqrt(3.0));
  double jac = 0, ce = 0;
  for (int t = 0; t < 200; t++) {
    size_t K = 2 + gsl_rng_uniform_int(r, 5);
    gsl_vector *z = gsl_vector_alloc(K), *s = gsl_vector_alloc(K);
    gsl_vector *y = gsl_vector_calloc(K);
    gsl_matrix *D = gsl_matrix_alloc(K, K);
    for (size_t i = 0; i < K; i++)
      gsl_vector_set(z, i, flat(r, -8, 8));
    mdl_net_softmax(z, s);
    mdl_vector_function F = {softmax_map, K, K, NULL};
    mdl_numcheck_jacdiff(&F, z, 0, D);
    double tau = 1.01 * tau_softmax(z->data, K, 0) + 2 * U;
    for (size_t j = 0; j < K; j++) {
      double zj = gsl_vector_get(z, j), hj = mdl_numcheck_step() * fmax(1, fabs(zj));
      for (size_t i = 0; i < K; i++) {
        double si = gsl_vector_get(s, i), sj = gsl_vector_get(s, j);
        double J = si * ((i == j) - sj), Dij = gsl_matrix_get(D, i, j);
        double E = cd_bound(zj, zj + hj, zj - hj, M3j, M2j, tau, Dij);
        double e = 1.01 * (3 * tau + 2 * U) * (si * (i == j) + si * sj);
        jac = fmax(jac, fabs(J - Dij) / (E + e));
      }
    }
    
#line 1248 "chapters/02-approximation.nw"
if (t % 2)
  gsl_vector_set(y, gsl_rng_uniform_int(r, K), 1);
else {
  for (size_t i = 0; i < K; i++)
    gsl_vector_set(y, i, gsl_rng_uniform_pos(r));
  gsl_vector_scale(y, 1 / gsl_blas_dasum(y));
}
gsl_matrix_view V = gsl_matrix_view_vector(z, 1, K);
gsl_matrix_view Y = gsl_matrix_view_vector(y, 1, K);
gsl_matrix *dV = gsl_matrix_alloc(1, K);
gsl_vector *d = gsl_vector_alloc(K);
double value;
mdl_net_loss_eval(MDL_NET_LOSS_SOFTMAX_CE, &V.matrix, &Y.matrix, &value, dV);
gsl_multimin_function L = {ce_loss, K, y};
mdl_numcheck_diff(&L, z, 0, d);
for (size_t j = 0; j < K; j++) {
  double zj = gsl_vector_get(z, j), hj = mdl_numcheck_step() * fmax(1, fabs(zj));
  double a = gsl_matrix_get(dV, 0, j), Dj = gsl_vector_get(d, j);
  double delta = gam((double)K + 8) * (value + 1 + hj);
  double E = cd_bound(zj, zj + hj, zj - hj, 1 / (6 * sqrt(3.0)), 0.25, delta,
                      Dj);
  double e = tau * gsl_vector_get(s, j) + U * fabs(a);
  ce = fmax(ce, fabs(a - Dj) / (E + e));
}
gsl_matrix_free(dV);
gsl_vector_free(d);
#line 1227 "chapters/02-approximation.nw"
    gsl_vector_free(z);
    gsl_vector_free(s);
    gsl_vector_free(y);
    gsl_matrix_free(D);
  }
  CLAIM(.id = "approx.softmax", .kind = CLAIM_BOUND, .measured = jac,
        .reference = 1, .tolerance = 0, .samples = 200, .seed = seed,
        .note = "diag(s) - s s^T against central differences of the softmax,"
                " over the bound of the central-difference theorem");
  CLAIM(.id = "approx.softmax", .kind = CLAIM_BOUND, .measured = ce,
        .reference = 1, .tolerance = 0, .samples = 200, .seed = seed,
        .note = "cross-entropy gradient of mdl_net_loss_eval against central"
                " differences of its loss, over their bound");
  gsl_rng_free(r);
}
#line 1279 "chapters/02-approximation.nw"
static void test_softmax_extremes(void **state)
{
  (void)state;
  int wrong = 0;
  double two[2] = {1000, 1000}, three[3] = {1000, -1000, 999};
  gsl_vector_view z2 = gsl_vector_view_array(two, 2);
  long double ref = 1000 + logl(2);
  wrong += !(fabsl(mdl_net_logsumexp(&z2.vector) - ref)
             <= U * 1000.7 + gam(4) * logl(2));
  gsl_vector_view z3 = gsl_vector_view_array(three, 3);
  gsl_vector *s = gsl_vector_alloc(3);
  mdl_net_softmax(&z3.vector, s);
  double tol = tau_softmax(three, 3, 0) + gam(10);
  long double s0 = 1 / (1 + expl(-1)), s2 = 1 / (1 + expl(1));
  wrong += !(fabsl(gsl_vector_get(s, 0) / s0 - 1) <= tol);
  wrong += gsl_vector_get(s, 1) != 0;
  wrong += !(fabsl(gsl_vector_get(s, 2) / s2 - 1) <= tol);
  double v[2] = {1000, -1000}, yv[2] = {0, 1}, g[2];
  gsl_matrix_view V = gsl_matrix_view_array(v, 1, 2);
  gsl_matrix_view Y = gsl_matrix_view_array(yv, 1, 2);
  gsl_matrix_view G = gsl_matrix_view_array(g, 1, 2);
  double value;
  mdl_net_loss_eval(MDL_NET_LOSS_SOFTMAX_CE, &V.matrix, &Y.matrix, &value,
                    &G.matrix);
  wrong += value != 2000 || g[0] != 1 || g[1] != -1;
  CLAIM(.id = "approx.softmax", .kind = CLAIM_IDENTITY, .measured = wrong,
        .reference = 0, .tolerance = 0,
        .note = "log-sum-exp, softmax and cross-entropy at inputs of +-1000"
                " that miss their reference");
  gsl_vector_free(s);
}
#line 1881 "chapters/02-approximation.nw"
enum { BP_B = 3, BP_MAXW = 5, BP_MAXL = 4 };

typedef struct {
  mdl_net *net;
  mdl_net_activation act;
  double alpha;
  mdl_net_loss loss;
  size_t L, w[BP_MAXL + 1];
  gsl_matrix *X, *Y;
} bp_case;

#line 1903 "chapters/02-approximation.nw"
static long double ld_sigmoid(long double z)
{
  return 1 / (1 + expl(-z));
}

static long double ld_act(mdl_net_activation act, long double alpha,
                          long double z, long double *d1, long double *d2)
{
  long double s, t;
  *d2 = 0;
  switch (act) {
  case MDL_NET_RELU: *d1 = z > 0; return z > 0 ? z : 0;
  case MDL_NET_ABS: *d1 = z > 0 ? 1 : -1; return fabsl(z);
  case MDL_NET_LEAKY_RELU: *d1 = z > 0 ? 1 : alpha; return z > 0 ? z : alpha * z;
  case MDL_NET_ELU:
    if (z > 0) { *d1 = 1; return z; }
    *d1 = *d2 = alpha * expl(z);
    return alpha * expm1l(z);
  case MDL_NET_SOFTPLUS:
    s = ld_sigmoid(z);
    *d1 = s;
    *d2 = s * (1 - s);
    return log1pl(expl(z));
  case MDL_NET_SIGMOID:
    s = ld_sigmoid(z);
    *d1 = s * (1 - s);
    *d2 = fabsl(*d1 * (1 - 2 * s));
    return s;
  case MDL_NET_TANH:
    t = tanhl(z);
    *d1 = 1 - t * t;
    *d2 = fabsl(2 * t * *d1);
    return t;
  case MDL_NET_SQUARE: *d1 = 2 * z; *d2 = 2; return z * z;
  default: *d1 = 1; return z;
  }
}
#line 1953 "chapters/02-approximation.nw"
static void ld_loss_grad(mdl_net_loss loss, size_t K, const long double *v,
                         const long double *Ea, const double *y,
                         long double *g, long double *e)
{
  long double m = v[0], sum = 0, Emax = 0, dmax = 0;
  for (size_t k = 0; k < K; k++) {
    m = fmaxl(m, v[k]);
    Emax = fmaxl(Emax, Ea[k]);
  }
  for (size_t k = 0; k < K; k++) {
    sum += expl(v[k] - m);
    dmax = fmaxl(dmax, m - v[k]);
  }
  for (size_t k = 0; k < K; k++) {
    long double s;
    switch (loss) {
    case MDL_NET_LOSS_SQUARED:
      g[k] = v[k] - y[k];
      e[k] = Ea[k] + U * fabsl(g[k]);
      break;
    case MDL_NET_LOSS_LOGISTIC:
      s = ld_sigmoid(-y[k] * v[k]);
      g[k] = -y[k] * s;
      e[k] = s * (1 - s) * Ea[k] + gam(12) * s;
      break;
    case MDL_NET_LOSS_LOGISTIC01:
      s = ld_sigmoid(v[k]);
      g[k] = s - y[k];
      e[k] = s * (1 - s) * Ea[k] + gam(10) * s + U * fabsl(g[k]);
      break;
    case MDL_NET_LOSS_SOFTMAX_CE:
      s = expl(v[k] - m) / sum;
      g[k] = s - y[k];
      e[k] = s * (Ea[k] + Emax) + s * (U * (m - v[k] + dmax)
                                       + gam((double)K + 6))
             + U * fabsl(g[k]);
      break;
    case MDL_NET_LOSS_HINGE:
      g[k] = y[k] * v[k] < 1 ? -y[k] : 0;
      e[k] = 0;
      break;
    }
    e[k] += gam(3) * fabsl(g[k]);
  }
}
#line 2007 "chapters/02-approximation.nw"
typedef struct {
  long double z[BP_MAXL + 1][BP_MAXW], a[BP_MAXL + 1][BP_MAXW];
  long double d1[BP_MAXL + 1][BP_MAXW], d2[BP_MAXL + 1][BP_MAXW];
  long double Ez[BP_MAXL + 1][BP_MAXW], Ea[BP_MAXL + 1][BP_MAXW];
} ld_pass;

static void ld_forward(const bp_case *c, size_t b, ld_pass *f)
{
  for (size_t j = 0; j < c->w[0]; j++) {
    f->a[0][j] = gsl_matrix_get(c->X, b, j);
    f->Ea[0][j] = 0;
  }
  for (size_t l = 1; l <= c->L; l++) {
    gsl_matrix_view W = mdl_net_weight(c->net, NULL, l - 1);
    gsl_vector_view bias = mdl_net_bias(c->net, NULL, l - 1);
    for (size_t i = 0; i < c->w[l]; i++) {
      long double z = gsl_vector_get(&bias.vector, i);
      long double mag = fabsl(z), prop = 0;
      for (size_t j = 0; j < c->w[l - 1]; j++) {
        long double wij = gsl_matrix_get(&W.matrix, i, j);
        z += wij * f->a[l - 1][j];
        mag += fabsl(wij * f->a[l - 1][j]);
        prop += fabsl(wij) * f->Ea[l - 1][j];
      }
      f->z[l][i] = z;
      f->a[l][i] = ld_act(c->act, c->alpha, z, &f->d1[l][i], &f->d2[l][i]);
      f->Ez[l][i] = gam((double)c->w[l - 1] + 1) * mag + prop;
      f->Ea[l][i] = fabsl(f->d1[l][i]) * f->Ez[l][i]
                    + gam(10) * fabsl(f->a[l][i]);
    }
  }
}

static long double ld_tangent(const bp_case *c, const ld_pass *f, size_t p,
                              const long double *gL)
{
  size_t P = mdl_net_nparams(c->net);
  long double t[BP_MAXW] = {0}, tn[BP_MAXW];
  if (p >= P)
    t[p - P] = 1;
  for (size_t l = 1; l <= c->L; l++) {
    gsl_matrix_view W = mdl_net_weight(c->net, NULL, l - 1);
    size_t in = c->w[l - 1], out = c->w[l];
    size_t off = (size_t)(W.matrix.data - mdl_net_params(c->net)->data);
    for (size_t i = 0; i < out; i++) {
      long double dz = 0;
      for (size_t j = 0; j < in; j++)
        dz += gsl_matrix_get(&W.matrix, i, j) * t[j];
      if (p >= off && p < off + out * in && (p - off) / in == i)
        dz += f->a[l - 1][(p - off) % in];
      if (p == off + out * in + i)
        dz += 1;
      tn[i] = f->d1[l][i] * dz;
    }
    memcpy(t, tn, out * sizeof *t);
  }
  long double d = 0;
  for (size_t k = 0; k < c->w[c->L]; k++)
    d += gL[k] * t[k];
  return d;
}
#line 2073 "chapters/02-approximation.nw"
static int near_kink(const bp_case *c)
{
  int pwl = c->act == MDL_NET_RELU || c->act == MDL_NET_ABS
            || c->act == MDL_NET_LEAKY_RELU || c->act == MDL_NET_ELU;
  for (size_t b = 0; b < BP_B; b++) {
    ld_pass f;
    ld_forward(c, b, &f);
    for (size_t l = 1; l <= c->L; l++)
      for (size_t i = 0; i < c->w[l]; i++)
        if (pwl && fabsl(f.z[l][i]) < 1e-3)
          return 1;
    if (c->loss == MDL_NET_LOSS_HINGE)
      for (size_t k = 0; k < c->w[c->L]; k++)
        if (fabsl(gsl_matrix_get(c->Y, b, k) * f.a[c->L][k] - 1) < 1e-3)
          return 1;
  }
  return 0;
}

static void draw_case(bp_case *c, gsl_rng *r)
{
  c->w[0] = 3;
  for (size_t l = 1; l < c->L; l++)
    c->w[l] = 2 + gsl_rng_uniform_int(r, 4);
  c->w[c->L] = c->loss == MDL_NET_LOSS_SOFTMAX_CE ? 2 + gsl_rng_uniform_int(r, 3)
                                                   : 1 + gsl_rng_uniform_int(r, 3);
  mdl_net_activation acts[BP_MAXL];
  for (size_t l = 0; l < c->L; l++)
    acts[l] = c->act;
  c->net = mdl_net_alloc(c->L, c->w, acts);
  for (size_t l = 0; l < c->L; l++)
    if (c->act == MDL_NET_LEAKY_RELU || c->act == MDL_NET_ELU)
      mdl_net_set_alpha(c->net, l, c->alpha);
  for (size_t l = 0; l < c->L; l++) {
    gsl_matrix_view W = mdl_net_weight(c->net, NULL, l);
    gsl_vector_view bias = mdl_net_bias(c->net, NULL, l);
    double h = 1.5 / sqrt((double)c->w[l]);
    for (size_t i = 0; i < c->w[l + 1]; i++) {
      for (size_t j = 0; j < c->w[l]; j++)
        gsl_matrix_set(&W.matrix, i, j, flat(r, -h, h));
      gsl_vector_set(&bias.vector, i, flat(r, -h, h));
    }
  }
  size_t K = c->w[c->L];
  c->X = gsl_matrix_alloc(BP_B, c->w[0]);
  c->Y = gsl_matrix_calloc(BP_B, K);
  for (size_t b = 0; b < BP_B; b++)
    for (size_t k = 0; k < K; k++) {
      double y = flat(r, -1, 1);
      switch (c->loss) {
      case MDL_NET_LOSS_LOGISTIC:
      case MDL_NET_LOSS_HINGE: y = y < 0 ? -1 : 1; break;
      case MDL_NET_LOSS_LOGISTIC01: y = (y + 1) / 2; break;
      case MDL_NET_LOSS_SOFTMAX_CE: y = k == b % K; break;
      default: break;
      }
      gsl_matrix_set(c->Y, b, k, y);
    }
  do {
    for (size_t b = 0; b < BP_B; b++)
      for (size_t j = 0; j < c->w[0]; j++)
        gsl_matrix_set(c->X, b, j, flat(r, -1, 1));
  } while (near_kink(c));
}
#line 2145 "chapters/02-approximation.nw"
static double bp_compare(const bp_case *c, int *mismatch)
{
  const size_t L = c->L, K = c->w[L], P = mdl_net_nparams(c->net);
  gsl_vector *grad = gsl_vector_alloc(P), *grad2 = gsl_vector_alloc(P);
  gsl_matrix *V = gsl_matrix_alloc(BP_B, K), *dV = gsl_matrix_alloc(BP_B, K);
  gsl_matrix *dX = gsl_matrix_alloc(BP_B, c->w[0]);
  double value, value2;
  mdl_net_gradient(c->net, c->loss, c->X, c->Y, &value, grad);
  mdl_net_forward(c->net, c->X, V);
  mdl_net_loss_eval(c->loss, V, c->Y, &value2, dV);
  mdl_net_backward(c->net, dV, grad2, dX);
  for (size_t p = 0; p < P; p++)
    *mismatch += gsl_vector_get(grad, p) != gsl_vector_get(grad2, p);
  *mismatch += value != value2;
  long double *ref = calloc(P, sizeof *ref), *err = calloc(P, sizeof *err);
  double worst = 0;
  for (size_t b = 0; b < BP_B; b++) {
    ld_pass f;
    ld_forward(c, b, &f);
    long double gL[BP_MAXW], eL[BP_MAXW];
    ld_loss_grad(c->loss, K, f.a[L], f.Ea[L], c->Y->data + b * c->Y->tda, gL,
                 eL);
    for (size_t k = 0; k < K; k++) {
      gL[k] /= BP_B;
      eL[k] /= BP_B;
    }
    for (size_t p = 0; p < P; p++)
      ref[p] += ld_tangent(c, &f, p, gL);
    
#line 2197 "chapters/02-approximation.nw"
long double G[BP_MAXW], EG[BP_MAXW];
memcpy(G, gL, K * sizeof *G);
memcpy(EG, eL, K * sizeof *EG);
for (size_t l = L; l >= 1; l--) {
  gsl_matrix_view W = mdl_net_weight(c->net, NULL, l - 1);
  size_t in = c->w[l - 1], out = c->w[l];
  size_t off = (size_t)(W.matrix.data - mdl_net_params(c->net)->data);
  long double D[BP_MAXW], ED[BP_MAXW], Gn[BP_MAXW] = {0}, EGn[BP_MAXW] = {0};
  for (size_t i = 0; i < out; i++) {
    D[i] = G[i] * f.d1[l][i];
    ED[i] = fabsl(f.d1[l][i]) * EG[i]
            + fabsl(G[i]) * (f.d2[l][i] * f.Ez[l][i]
                             + gam(16) * fabsl(f.d1[l][i]));
    for (size_t j = 0; j < in; j++) {
      long double a = fabsl(f.a[l - 1][j]);
      err[off + i * in + j] += gam(BP_B) * fabsl(D[i]) * a + ED[i] * a
                               + fabsl(D[i]) * f.Ea[l - 1][j];
      long double wij = fabsl(gsl_matrix_get(&W.matrix, i, j));
      Gn[j] += D[i] * gsl_matrix_get(&W.matrix, i, j);
      EGn[j] += gam((double)out) * fabsl(D[i]) * wij + ED[i] * wij;
    }
    err[off + out * in + i] += gam(BP_B) * fabsl(D[i]) + ED[i];
  }
  memcpy(G, Gn, in * sizeof *G);
  memcpy(EG, EGn, in * sizeof *EG);
}
for (size_t j = 0; j < c->w[0]; j++) {
  long double refx = ld_tangent(c, &f, P + j, gL);
  long double d = fabsl(gsl_matrix_get(dX, b, j) - refx);
  if (d > 0)
    worst = fmax(worst, (double)(d / (1.01L * EG[j])));
}
#line 2174 "chapters/02-approximation.nw"
  }
  for (size_t p = 0; p < P; p++) {
    long double d = fabsl(gsl_vector_get(grad, p) - ref[p]);
    if (d > 0)
      worst = fmax(worst, (double)(d / (1.01L * err[p])));
  }
  free(ref);
  free(err);
  gsl_vector_free(grad);
  gsl_vector_free(grad2);
  gsl_matrix_free(V);
  gsl_matrix_free(dV);
  gsl_matrix_free(dX);
  return worst;
}
#line 2316 "chapters/02-approximation.nw"
static double loss_of_theta(const gsl_vector *theta, void *params)
{
  bp_case *c = params;
  gsl_vector_memcpy(mdl_net_params(c->net), theta);
  double value;
  mdl_net_gradient(c->net, c->loss, c->X, c->Y, &value, NULL);
  return value;
}
#line 2232 "chapters/02-approximation.nw"
static void test_backprop(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6029317);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const mdl_net_activation acts[] = {
    MDL_NET_IDENTITY, MDL_NET_RELU, MDL_NET_ABS, MDL_NET_LEAKY_RELU,
    MDL_NET_ELU, MDL_NET_SOFTPLUS, MDL_NET_SIGMOID, MDL_NET_TANH,
    MDL_NET_SQUARE};
  const char *act_names[] = {"identity", "ReLU", "absolute value",
                             "leaky ReLU (alpha 0.07)", "ELU (alpha 1.3)",
                             "softplus", "sigmoid", "tanh", "square"};
  const char *loss_names[] = {"squared", "logistic", "logistic 0/1",
                              "softmax cross-entropy", "hinge"};
  enum { NA = 9, NL = 5 };
  double by_act[NA] = {0}, by_loss[NL] = {0}, checker = 0;
  int mismatch = 0, cases = 0;
  for (int ai = 0; ai < NA; ai++)
    for (int li = 0; li < NL; li++)
      for (size_t depth = 1; depth <= BP_MAXL; depth++) {
        bp_case c = {.act = acts[ai], .loss = (mdl_net_loss)li, .L = depth,
                     .alpha = acts[ai] == MDL_NET_ELU ? 1.3 : 0.07};
        draw_case(&c, r);
        double worst = bp_compare(&c, &mismatch);
        by_act[ai] = fmax(by_act[ai], worst);
        by_loss[li] = fmax(by_loss[li], worst);
        
#line 2299 "chapters/02-approximation.nw"
{
  size_t P = mdl_net_nparams(c.net);
  gsl_vector *theta0 = gsl_vector_alloc(P), *g = gsl_vector_alloc(P);
  gsl_vector_memcpy(theta0, mdl_net_params(c.net));
  double value;
  mdl_net_gradient(c.net, c.loss, c.X, c.Y, &value, g);
  gsl_multimin_function F = {loss_of_theta, P, &c};
  mdl_numcheck_report rep;
  mdl_numcheck_gradient(&F, theta0, g, 0, &rep);
  checker = fmax(checker, rep.max_rel_err);
  gsl_vector_memcpy(mdl_net_params(c.net), theta0);
  gsl_vector_free(theta0);
  gsl_vector_free(g);
}
#line 2260 "chapters/02-approximation.nw"
        mdl_net_free(c.net);
        gsl_matrix_free(c.X);
        gsl_matrix_free(c.Y);
        cases++;
      }
  char note[200];
  for (int ai = 0; ai < NA; ai++) {
    snprintf(note, sizeof note, "%s: largest |backprop - forward mode| over"
             " its rounding bound, all losses, depths 1-4", act_names[ai]);
    CLAIM(.id = "approx.backprop", .kind = CLAIM_BOUND, .measured = by_act[ai],
          .reference = 1, .tolerance = 0, .samples = NL * BP_MAXL,
          .seed = seed, .note = note);
  }
  for (int li = 0; li < NL; li++) {
    snprintf(note, sizeof note, "%s loss: largest |backprop - forward mode|"
             " over its rounding bound, all activations, depths 1-4",
             loss_names[li]);
    CLAIM(.id = "approx.backprop", .kind = CLAIM_BOUND,
          .measured = by_loss[li], .reference = 1, .tolerance = 0,
          .samples = NA * BP_MAXL, .seed = seed, .note = note);
  }
  CLAIM(.id = "approx.backprop", .kind = CLAIM_IDENTITY, .measured = mismatch,
        .reference = 0, .tolerance = 0, .samples = cases, .seed = seed,
        .note = "entries where mdl_net_gradient and forward + loss + backward"
                " differ in any bit");
  CLAIM(.id = "approx.backprop", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = checker, .reference = 1e-2,
        .tolerance = 0, .samples = cases, .seed = seed,
        .note = "largest relative error that mdl_numcheck_gradient reports for"
                " the backpropagated gradients, against the 1e-2 of a wrong"
                " derivative");
  gsl_rng_free(r);
}
#line 2640 "chapters/02-approximation.nw"
static uint32_t crc32_bitwise(const unsigned char *p, size_t n)
{
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++)
      c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
  }
  return ~c;
}

static uint32_t le32(const unsigned char *p)
{
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16
         | (uint32_t)p[3] << 24;
}

static void put_le32(unsigned char *p, uint32_t x)
{
  for (int i = 0; i < 4; i++)
    p[i] = (unsigned char)(x >> (8 * i));
}

static unsigned char *net_to_bytes(const mdl_net *net, size_t *n)
{
  FILE *fp = tmpfile();
  mdl_net_fwrite(fp, net);
  *n = (size_t)ftell(fp);
  unsigned char *buf = malloc(*n);
  rewind(fp);
  size_t got = fread(buf, 1, *n, fp);
  assert_int_equal(got, *n);
  fclose(fp);
  return buf;
}

static mdl_net *net_from_bytes(const unsigned char *buf, size_t n)
{
  FILE *fp = tmpfile();
  if (n)
    fwrite(buf, 1, n, fp);
  rewind(fp);
  mdl_net *net = mdl_net_fread(fp);
  fclose(fp);
  return net;
}

#line 2696 "chapters/02-approximation.nw"
static int net_differences(mdl_net *a, mdl_net *b, gsl_rng *r)
{
  int diff = mdl_net_depth(a) != mdl_net_depth(b)
             || mdl_net_nparams(a) != mdl_net_nparams(b);
  if (diff)
    return diff;
  size_t L = mdl_net_depth(a);
  for (size_t l = 0; l <= L; l++)
    diff += mdl_net_width(a, l) != mdl_net_width(b, l);
  for (size_t l = 0; l < L; l++) {
    double x = mdl_net_alpha(a, l), y = mdl_net_alpha(b, l);
    diff += memcmp(&x, &y, sizeof x) != 0;
  }
  diff += memcmp(mdl_net_params(a)->data, mdl_net_params(b)->data,
                 mdl_net_nparams(a) * sizeof(double)) != 0;
  gsl_matrix *X = gsl_matrix_alloc(7, mdl_net_width(a, 0));
  gsl_matrix *Ya = gsl_matrix_alloc(7, mdl_net_width(a, L));
  gsl_matrix *Yb = gsl_matrix_alloc(7, mdl_net_width(a, L));
  for (size_t i = 0; i < X->size1 * X->size2; i++)
    X->data[i] = flat(r, -2, 2);
  mdl_net_forward(a, X, Ya);
  mdl_net_forward(b, X, Yb);
  diff += memcmp(Ya->data, Yb->data, Ya->size1 * Ya->size2 * sizeof(double))
          != 0;
  gsl_matrix_free(X);
  gsl_matrix_free(Ya);
  gsl_matrix_free(Yb);
  return diff;
}

static mdl_net *random_net(size_t L, const size_t *w,
                           const mdl_net_activation *acts, gsl_rng *r)
{
  mdl_net *net = mdl_net_alloc(L, w, acts);
  gsl_vector *theta = mdl_net_params(net);
  for (size_t i = 0; i < theta->size; i++)
    gsl_vector_set(theta, i, flat(r, -1, 1));
  for (size_t l = 0; l < L; l++)
    if (acts[l] == MDL_NET_LEAKY_RELU || acts[l] == MDL_NET_ELU)
      mdl_net_set_alpha(net, l, flat(r, 0.01, 2));
  return net;
}
#line 2741 "chapters/02-approximation.nw"
static void test_save_roundtrip(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(5551013);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const size_t w1[] = {3, 5, 2}, w2[] = {4, 6, 6, 3}, w3[] = {1, 1};
  const size_t w4[] = {2, 3, 3, 3, 3, 1}, w5[] = {784, 64, 10};
  const mdl_net_activation a1[] = {MDL_NET_RELU, MDL_NET_IDENTITY};
  const mdl_net_activation a2[] = {MDL_NET_LEAKY_RELU, MDL_NET_ELU,
                                   MDL_NET_SIGMOID};
  const mdl_net_activation a3[] = {MDL_NET_STEP};
  const mdl_net_activation a4[] = {MDL_NET_ABS, MDL_NET_SOFTPLUS, MDL_NET_TANH,
                                   MDL_NET_SQUARE, MDL_NET_SIGN};
  const mdl_net_activation a5[] = {MDL_NET_RELU, MDL_NET_IDENTITY};
  mdl_net *nets[5] = {random_net(2, w1, a1, r), random_net(3, w2, a2, r),
                      random_net(1, w3, a3, r), random_net(5, w4, a4, r),
                      random_net(2, w5, a5, r)};
  int diff = 0, layout = 0;
  FILE *fp = tmpfile();
  mdl_net_fwrite(fp, nets[0]);
  mdl_net_fwrite(fp, nets[1]);
  rewind(fp);
  for (int k = 0; k < 2; k++) {
    mdl_net *back = mdl_net_fread(fp);
    diff += back == NULL ? 1 : net_differences(nets[k], back, r);
    mdl_net_free(back);
  }
  fclose(fp);
  for (int k = 2; k < 5; k++) {
    size_t n;
    unsigned char *buf = net_to_bytes(nets[k], &n);
    mdl_net *back = net_from_bytes(buf, n);
    diff += back == NULL ? 1 : net_differences(nets[k], back, r);
    
#line 2794 "chapters/02-approximation.nw"
static const unsigned char magic[8] = {0x89, 'M', 'D', 'L', 'N', 'E', 'T',
                                       '\n'};
size_t L = mdl_net_depth(nets[k]), h = 20 + 8 * (L + 1) + 12 * L;
layout += memcmp(buf, magic, 8) != 0;
layout += le32(buf + 8) != 1 || le32(buf + 12) != L;
layout += le32(buf + 16) != crc32_bitwise(buf, 16);
layout += le32(buf + h) != crc32_bitwise(buf, h);
layout += n != h + 4 + 8 + 8 * mdl_net_nparams(nets[k]) + 4;
layout += le32(buf + n - 4) != crc32_bitwise(buf, n - 4);
layout += crc32_bitwise((const unsigned char *)"123456789", 9) != 0xCBF43926u;
#line 2776 "chapters/02-approximation.nw"
    mdl_net_free(back);
    free(buf);
  }
  for (int k = 0; k < 5; k++)
    mdl_net_free(nets[k]);
  CLAIM(.id = "approx.save-load", .kind = CLAIM_IDENTITY, .measured = diff,
        .reference = 0, .tolerance = 0, .samples = 5, .seed = seed,
        .note = "differences in architecture, alpha, parameter bits or output"
                " bits after a round trip through a file, 5 networks");
  CLAIM(.id = "approx.save-load", .kind = CLAIM_IDENTITY, .measured = layout,
        .reference = 0, .tolerance = 0, .samples = 3, .seed = seed,
        .note = "fields of the written file that differ from the documented"
                " layout (magic, version, depth, three CRC-32 values)");
  gsl_rng_free(r);
}
#line 2807 "chapters/02-approximation.nw"
static int refused(const unsigned char *buf, size_t n, int code)
{
  claim_expect_error();
  mdl_net *net = net_from_bytes(buf, n);
  int ok = net == NULL && claim_last_error() == code;
  mdl_net_free(net);
  return ok;
}

static void test_save_refusals(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(8675309);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const size_t w[] = {3, 4, 2, 2};
  const mdl_net_activation acts[] = {MDL_NET_LEAKY_RELU, MDL_NET_ELU,
                                     MDL_NET_SIGMOID};
  mdl_net *net = random_net(3, w, acts, r);
  size_t n;
  unsigned char *buf = net_to_bytes(net, &n);
  int cut_bad = 0, flip_bad = 0, flips = 0;
  for (size_t t = 0; t < n; t++)
    cut_bad += !refused(buf, t, GSL_EOF);
  for (size_t k = 0; k < n; k++) {
    unsigned char keep = buf[k];
    buf[k] = keep ^ 1;
    flip_bad += !refused(buf, n, GSL_EFAILED);
    buf[k] = (unsigned char)(keep + 1 + gsl_rng_uniform_int(r, 255));
    flip_bad += !refused(buf, n, GSL_EFAILED);
    buf[k] = keep;
    flips += 2;
  }
  
#line 2857 "chapters/02-approximation.nw"
const size_t wl[] = {100, 50, 10};
const mdl_net_activation al[] = {MDL_NET_TANH, MDL_NET_IDENTITY};
mdl_net *large = random_net(2, wl, al, r);
size_t nl;
unsigned char *bl = net_to_bytes(large, &nl);
for (int k = 0; k < 200; k++) {
  size_t pos = gsl_rng_uniform_int(r, nl);
  unsigned char keep = bl[pos];
  bl[pos] = (unsigned char)(keep + 1 + gsl_rng_uniform_int(r, 255));
  flip_bad += !refused(bl, nl, GSL_EFAILED);
  bl[pos] = keep;
  flips++;
}
free(bl);
mdl_net_free(large);
#line 2841 "chapters/02-approximation.nw"
  CLAIM(.id = "approx.save-load", .kind = CLAIM_IDENTITY, .measured = cut_bad,
        .reference = 0, .tolerance = 0, .samples = n, .seed = seed,
        .note = "cuts of a network file, at every length, not refused with"
                " GSL_EOF");
  CLAIM(.id = "approx.save-load", .kind = CLAIM_IDENTITY, .measured = flip_bad,
        .reference = 0, .tolerance = 0, .samples = flips, .seed = seed,
        .note = "network files with one byte changed not refused with"
                " GSL_EFAILED");
  
#line 2878 "chapters/02-approximation.nw"
unsigned char *bad = malloc(n);
size_t h = 20 + 8 * 4 + 12 * 3;
memcpy(bad, buf, n);
put_le32(bad + 8, 2);
put_le32(bad + 16, crc32_bitwise(bad, 16));
put_le32(bad + h, crc32_bitwise(bad, h));
put_le32(bad + n - 4, crc32_bitwise(bad, n - 4));
claim_expect_error();
mdl_net *got = net_from_bytes(bad, n);
CLAIM(.id = "approx.save-load", .kind = CLAIM_ERROR,
      .measured = claim_last_error(), .reference = GSL_EUNSUP,
      .untouched = got == NULL,
      .note = "mdl_net_fread: version 2 with valid checksums");
mdl_net_free(got);
memcpy(bad, buf, n);
memset(bad + 20 + 8, 0, 8);
put_le32(bad + h, crc32_bitwise(bad, h));
put_le32(bad + n - 4, crc32_bitwise(bad, n - 4));
claim_expect_error();
got = net_from_bytes(bad, n);
CLAIM(.id = "approx.save-load", .kind = CLAIM_ERROR,
      .measured = claim_last_error(), .reference = GSL_EFAILED,
      .untouched = got == NULL,
      .note = "mdl_net_fread: a width of zero with valid checksums");
mdl_net_free(got);
memcpy(bad, buf, n);
bad[h + 4] ^= 1;
put_le32(bad + n - 4, crc32_bitwise(bad, n - 4));
claim_expect_error();
got = net_from_bytes(bad, n);
CLAIM(.id = "approx.save-load", .kind = CLAIM_ERROR,
      .measured = claim_last_error(), .reference = GSL_EFAILED,
      .untouched = got == NULL,
      .note = "mdl_net_fread: a wrong parameter count with a valid checksum");
mdl_net_free(got);
free(bad);
#line 2850 "chapters/02-approximation.nw"
  free(buf);
  mdl_net_free(net);
  gsl_rng_free(r);
}



#line 648 "chapters/02-approximation.nw"
int main(void)
{
  const struct CMUnitTest tests[] = {
    
#line 852 "chapters/02-approximation.nw"
cmocka_unit_test(test_sigmoid_identities),
#line 1313 "chapters/02-approximation.nw"
cmocka_unit_test(test_softmax_identities),
cmocka_unit_test(test_softmax_derivatives),
cmocka_unit_test(test_softmax_extremes),
#line 2327 "chapters/02-approximation.nw"
cmocka_unit_test(test_backprop),
#line 2917 "chapters/02-approximation.nw"
cmocka_unit_test(test_save_roundtrip),
cmocka_unit_test(test_save_refusals),
#line 652 "chapters/02-approximation.nw"
  };
  claim_init();
  return cmocka_run_group_tests_name("approx", tests, NULL, NULL);
}
