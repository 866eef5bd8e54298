#line 887 "chapters/02-approximation.nw"
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
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <mpfr.h>
#include <mdl/mdl.h>
#include <unistd.h>
#include "claims.h"
#line 5671 "chapters/02-approximation.nw"
static const char *msg_want;

#define WANT(text) (msg_want = (text))
#define MSG_CHECK(what)                                                       \
  do {                                                                        \
    claim_reason(__FILE__, __LINE__, __func__, "approx.messages", (what),     \
                 msg_want);                                                   \
    msg_want = NULL;                                                          \
  } while (0)
#line 941 "chapters/02-approximation.nw"
static const double U = DBL_EPSILON / 2;
enum { REF_BITS = 200 };

static double mp_dist(double a, mpfr_srcptr r)
{
  mpfr_t d;
  mpfr_init2(d, REF_BITS);
  mpfr_d_sub(d, a, r, MPFR_RNDA);
  double v = fabs(mpfr_get_d(d, MPFR_RNDA));
  mpfr_clear(d);
  return v;
}

static double mp_reldist(double a, mpfr_srcptr r)
{
  mpfr_t d;
  mpfr_init2(d, REF_BITS);
  mpfr_d_div(d, a, r, MPFR_RNDN);
  mpfr_sub_ui(d, d, 1, MPFR_RNDA);
  double v = fabs(mpfr_get_d(d, MPFR_RNDA));
  mpfr_clear(d);
  return v;
}

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
  mpfr_t hhat, centre, b, t;
  mpfr_inits2(REF_BITS, hhat, centre, b, t, (mpfr_ptr)0);
  mpfr_set_d(hhat, xp, MPFR_RNDN);
  mpfr_sub_d(hhat, hhat, xm, MPFR_RNDN);
  mpfr_div_2ui(hhat, hhat, 1, MPFR_RNDN);
  mpfr_set_d(centre, xp, MPFR_RNDN);
  mpfr_add_d(centre, centre, xm, MPFR_RNDN);
  mpfr_div_2ui(centre, centre, 1, MPFR_RNDN);
  mpfr_sub_d(centre, centre, x, MPFR_RNDN);
  mpfr_abs(centre, centre, MPFR_RNDN);
  mpfr_mul_d(centre, centre, M2, MPFR_RNDU);
  mpfr_sqr(b, hhat, MPFR_RNDU);
  mpfr_mul_d(b, b, M3, MPFR_RNDU);
  mpfr_div_ui(b, b, 6, MPFR_RNDU);
  mpfr_d_div(t, delta, hhat, MPFR_RNDU);
  mpfr_add(b, b, t, MPFR_RNDU);
  mpfr_add(b, b, centre, MPFR_RNDU);
  mpfr_set_d(t, gam(4), MPFR_RNDU);
  mpfr_mul_d(t, t, fabs(D), MPFR_RNDU);
  mpfr_add(b, b, t, MPFR_RNDU);
  mpfr_mul_d(b, b, 1 + 1e-10, MPFR_RNDU);
  double v = mpfr_get_d(b, MPFR_RNDU);
  mpfr_clears(hhat, centre, b, t, (mpfr_ptr)0);
  return v;
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
#line 3979 "chapters/02-approximation.nw"
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
#line 1035 "chapters/02-approximation.nw"
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
  double dsp = 0, diffz = 0, logsig = 0, logit = 0, accurate = 0;
  mpfr_t ref, q;
  mpfr_inits2(REF_BITS, ref, q, (mpfr_ptr)0);
  for (int k = 0; k < N; k++) {
    double z = draw_z(r, k), xp, xm, D, a;
    double s = mdl_net_sigmoid(z), sm = mdl_net_sigmoid(-z);
    sym = claim_fmax(sym, fabs(s + sm - 1) / gam(11));
#line 1065 "chapters/02-approximation.nw"
    D = scalar_diff(f_sigmoid, z, &xp, &xm);
    a = mdl_net_activate_deriv(MDL_NET_SIGMOID, 0, z);
    double E = cd_bound(z, xp, xm, 1.0 / 8, 1 / (6 * s3),
                        gam(10) * fmax(mdl_net_sigmoid(xp), mdl_net_sigmoid(xm)),
                        D);
    dsig = claim_fmax(dsig, fabs(a - D) / (E + gam(16) * fabs(a)));
    double ss = s * sm;
    if (a != ss)
      prod = claim_fmax(prod, fabs(a - ss)
                            / (1.01 * (gam(16) * fabs(a) + (2 * gam(10) + U) * ss)));
    D = scalar_diff(f_tanh, z, &xp, &xm);
    a = mdl_net_activate_deriv(MDL_NET_TANH, 0, z);
    E = cd_bound(z, xp, xm, 2, 4 / (3 * s3),
                 gam(4) * fmax(fabs(tanh(xp)), fabs(tanh(xm))), D);
    dth = claim_fmax(dth, fabs(a - D) / (E + gam(16) * fabs(a)));
    D = scalar_diff(f_softplus, z, &xp, &xm);
    a = mdl_net_activate_deriv(MDL_NET_SOFTPLUS, 0, z);
    E = cd_bound(z, xp, xm, 1 / (6 * s3), 0.25,
                 gam(9) * fmax(mdl_net_softplus(xp), mdl_net_softplus(xm)), D);
    dsp = claim_fmax(dsp, fabs(a - D) / (E + gam(10) * fabs(a)));
#line 1056 "chapters/02-approximation.nw"
#line 1088 "chapters/02-approximation.nw"
    th = claim_fmax(th, fabs(tanh(z) - (2 * mdl_net_sigmoid(2 * z) - 1)) / gam(26));
    if (z != 0)
      notes = fmin(notes, fabs((sinh(z) / z - tanh(z)) / tanh(z)));
    double zp = mdl_net_softplus(z), zm = mdl_net_softplus(-z);
    mpfr_set_d(ref, zm, MPFR_RNDN);
    mpfr_add_d(ref, ref, z, MPFR_RNDN);
    diffz = claim_fmax(diffz, mp_dist(zp, ref) / (gam(9) * (zp + zm)));
    mpfr_set_d(ref, -z, MPFR_RNDN);
    mpfr_exp(ref, ref, MPFR_RNDN);
    mpfr_log1p(ref, ref, MPFR_RNDN);
    mpfr_neg(ref, ref, MPFR_RNDN);
    logsig = claim_fmax(logsig, mp_dist(mdl_net_log_sigmoid(z), ref)
                              / (gam(9) * fabs(mpfr_get_d(ref, MPFR_RNDN))));
    if (fabs(z) <= 30)
      logit = claim_fmax(logit, fabs(mdl_net_logit(s) - z)
                              / (1.01 * gam(10) / sm + gam(3) + gam(5) * fabs(z)));
    mpfr_set_d(ref, z, MPFR_RNDN);
    mpfr_exp(ref, ref, MPFR_RNDN);
    mpfr_add_ui(ref, ref, 1, MPFR_RNDN);
    mpfr_set_d(q, -z, MPFR_RNDN);
    mpfr_exp(q, q, MPFR_RNDN);
    mpfr_add_ui(q, q, 1, MPFR_RNDN);
    mpfr_mul(ref, ref, q, MPFR_RNDN);
    mpfr_ui_div(ref, 1, ref, MPFR_RNDN);
    accurate = fmax(accurate,
                    mp_reldist(mdl_net_activate_deriv(MDL_NET_SIGMOID, 0, z), ref)
                        / gam(16));
    mpfr_set_d(ref, z, MPFR_RNDN);
    mpfr_sech(ref, ref, MPFR_RNDN);
    mpfr_sqr(ref, ref, MPFR_RNDN);
    accurate = fmax(accurate,
                    mp_reldist(mdl_net_activate_deriv(MDL_NET_TANH, 0, z), ref)
                        / gam(16));
#line 1057 "chapters/02-approximation.nw"
  }
#line 1124 "chapters/02-approximation.nw"
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
    {"log sigma(z) against -log1p(exp(-z)) with MPFR, over gamma_9",
     logsig},
    {"logit(sigma(z)) - z over its rounding bound, |z| <= 30", logit},
    {"library sigma' and tanh' against 1/((1 + e^-z)(1 + e^z)) and"
     " 1/cosh^2 z with MPFR, relative error over gamma_16", accurate},
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
#line 1059 "chapters/02-approximation.nw"
  mpfr_clears(ref, q, (mpfr_ptr)0);
  gsl_rng_free(r);
}
#line 1206 "chapters/02-approximation.nw"
static void test_activation_lipschitz(void **state)
{
  (void)state;
  const mdl_net_activation acts[] = {
    MDL_NET_IDENTITY, MDL_NET_RELU, MDL_NET_ABS, MDL_NET_LEAKY_RELU,
    MDL_NET_ELU, MDL_NET_SOFTPLUS, MDL_NET_SIGMOID, MDL_NET_TANH};
  const double alphas[] = {0.01, 0.2, 1.7, 2.385};
  const double h = 1.0 / 1024, u = DBL_EPSILON / 2;
  double hi = 0, lo = HUGE_VAL;
  size_t cases = 0;
  for (size_t a = 0; a < sizeof acts / sizeof acts[0]; a++)
    for (size_t k = 0; k < sizeof alphas / sizeof alphas[0]; k++) {
      double L = mdl_net_activation_lipschitz(acts[a], alphas[k]), sup = 0;
      for (long j = 0; j <= 80 * 1024; j++)
        sup = claim_fmax(sup, fabs(mdl_net_activate_deriv(acts[a], alphas[k],
                                                    -40 + j * h)));
      hi = claim_fmax(hi, sup / L);
      lo = fmin(lo, sup / L);
      cases++;
    }
  CLAIM(.id = "approx.activation-lipschitz", .kind = CLAIM_BOUND,
        .measured = hi, .reference = 1, .tolerance = 4 * u, .samples = cases,
        .note = "largest ratio of the largest |derivative| on the grid to the"
                " constant returned");
  CLAIM(.id = "approx.activation-lipschitz", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = lo,
        .reference = 1 - h - exp(-40.0), .tolerance = 4 * u, .samples = cases,
        .note = "smallest ratio of the largest |derivative| on the grid to the"
                " constant returned");
  int infinite = isinf(mdl_net_activation_lipschitz(MDL_NET_STEP, 0))
                 + isinf(mdl_net_activation_lipschitz(MDL_NET_SIGN, 0))
                 + isinf(mdl_net_activation_lipschitz(MDL_NET_SQUARE, 0));
  CLAIM(.id = "approx.activation-lipschitz", .kind = CLAIM_IDENTITY,
        .measured = infinite, .reference = 3, .tolerance = 0,
        .note = "step, sign and square reported as not Lipschitz (+inf)");
}
#line 1541 "chapters/02-approximation.nw"
static double tau_softmax(const double *z, size_t K, double c)
{
  double mx = -HUGE_VAL, mn = HUGE_VAL, amax = 0;
  for (size_t i = 0; i < K; i++) {
    mx = claim_fmax(mx, z[i]);
    mn = fmin(mn, z[i]);
    amax = claim_fmax(amax, fabs(z[i]));
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
#line 1575 "chapters/02-approximation.nw"
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
        inv = claim_fmax(inv, fabs(gsl_vector_get(sc, i) / gsl_vector_get(s, i) - 1)
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
    two = claim_fmax(two, fabs(gsl_vector_get(s2, 0) / sig - 1) / tol);
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
#line 1631 "chapters/02-approximation.nw"
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
        jac = claim_fmax(jac, fabs(J - Dij) / (E + e));
      }
    }
#line 1683 "chapters/02-approximation.nw"
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
      ce = claim_fmax(ce, fabs(a - Dj) / (E + e));
    }
    gsl_matrix_free(dV);
    gsl_vector_free(d);
#line 1661 "chapters/02-approximation.nw"
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
#line 1718 "chapters/02-approximation.nw"
static void test_softmax_extremes(void **state)
{
  (void)state;
  int wrong = 0;
  double two[2] = {1000, 1000}, three[3] = {1000, -1000, 999};
  gsl_vector_view z2 = gsl_vector_view_array(two, 2);
  mpfr_t ref;
  mpfr_init2(ref, REF_BITS);
  mpfr_set_ui(ref, 2, MPFR_RNDN);
  mpfr_log(ref, ref, MPFR_RNDN);
  mpfr_add_ui(ref, ref, 1000, MPFR_RNDN);
  wrong += !(mp_dist(mdl_net_logsumexp(&z2.vector), ref)
             <= U * 1000.7 + gam(4) * M_LN2);
  gsl_vector_view z3 = gsl_vector_view_array(three, 3);
  gsl_vector *s = gsl_vector_alloc(3);
  mdl_net_softmax(&z3.vector, s);
  double tol = tau_softmax(three, 3, 0) + gam(10);
  for (int k = 0; k <= 2; k += 2) {
    mpfr_set_si(ref, k - 1, MPFR_RNDN);
    mpfr_exp(ref, ref, MPFR_RNDN);
    mpfr_add_ui(ref, ref, 1, MPFR_RNDN);
    mpfr_ui_div(ref, 1, ref, MPFR_RNDN);
    wrong += !(mp_reldist(gsl_vector_get(s, (size_t)k), ref) <= tol);
  }
  mpfr_clear(ref);
  wrong += gsl_vector_get(s, 1) != 0;
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
#line 1772 "chapters/02-approximation.nw"
static void test_softmax_first_max(void **state)
{
  (void)state;
  double z3[3] = {1000, 0.5, -3};
  gsl_vector_view z = gsl_vector_view_array(z3, 3);
  gsl_vector *s = gsl_vector_alloc(3);
  mdl_net_softmax(&z.vector, s);
  int wrong = !(gsl_vector_get(s, 0) == 1) + !(gsl_vector_get(s, 1) == 0)
              + !(gsl_vector_get(s, 2) == 0);
  CLAIM(.id = "approx.softmax", .kind = CLAIM_IDENTITY, .measured = wrong,
        .reference = 0, .tolerance = 0,
        .note = "entries of softmax(1000, 0.5, -3) other than (1, 0, 0)");
  gsl_vector_free(s);
}
#line 2506 "chapters/02-approximation.nw"
enum { BP_B = 3, BP_MAXW = 5, BP_MAXL = 4 };

typedef struct {
  mdl_net *net;
  mdl_net_activation act;
  double alpha;
  mdl_net_loss loss;
  size_t L, w[BP_MAXL + 1];
  gsl_matrix *X, *Y;
} bp_case;
#line 2532 "chapters/02-approximation.nw"
static void mp_sigmoid(mpfr_ptr s, mpfr_srcptr z)
{
  mpfr_neg(s, z, MPFR_RNDN);
  mpfr_exp(s, s, MPFR_RNDN);
  mpfr_add_ui(s, s, 1, MPFR_RNDN);
  mpfr_ui_div(s, 1, s, MPFR_RNDN);
}

static double mp_act(mdl_net_activation act, double alpha, mpfr_srcptr z,
                     mpfr_ptr a, mpfr_ptr d1)
{
  mpfr_t s, t;
  mpfr_inits2(REF_BITS, s, t, (mpfr_ptr)0);
  int pos = mpfr_sgn(z) > 0;
  double d2 = 0;
  switch (act) {
  case MDL_NET_RELU:
    mpfr_set_ui(d1, (unsigned long)pos, MPFR_RNDN);
    mpfr_mul_ui(a, z, (unsigned long)pos, MPFR_RNDN);
    break;
  case MDL_NET_ABS:
    mpfr_set_si(d1, pos ? 1 : -1, MPFR_RNDN);
    mpfr_abs(a, z, MPFR_RNDN);
    break;
  case MDL_NET_LEAKY_RELU:
    mpfr_set_d(d1, pos ? 1 : alpha, MPFR_RNDN);
    mpfr_mul(a, z, d1, MPFR_RNDN);
    break;
  case MDL_NET_ELU:
    if (pos) {
      mpfr_set_ui(d1, 1, MPFR_RNDN);
      mpfr_set(a, z, MPFR_RNDN);
      break;
    }
    mpfr_exp(d1, z, MPFR_RNDN);
    mpfr_mul_d(d1, d1, alpha, MPFR_RNDN);
    d2 = mpfr_get_d(d1, MPFR_RNDN);
    mpfr_expm1(a, z, MPFR_RNDN);
    mpfr_mul_d(a, a, alpha, MPFR_RNDN);
    break;
  case MDL_NET_SOFTPLUS:
    mp_sigmoid(d1, z);
    mpfr_neg(t, z, MPFR_RNDN);
    mp_sigmoid(t, t);
    mpfr_mul(t, t, d1, MPFR_RNDN);
    d2 = mpfr_get_d(t, MPFR_RNDN);
    mpfr_exp(a, z, MPFR_RNDN);
    mpfr_log1p(a, a, MPFR_RNDN);
    break;
  case MDL_NET_SIGMOID:
    mp_sigmoid(a, z);
    mpfr_neg(t, z, MPFR_RNDN);
    mp_sigmoid(t, t);
    mpfr_mul(d1, a, t, MPFR_RNDN);
    mpfr_mul_2ui(s, a, 1, MPFR_RNDN);
    mpfr_ui_sub(s, 1, s, MPFR_RNDN);
    mpfr_mul(s, s, d1, MPFR_RNDN);
    d2 = fabs(mpfr_get_d(s, MPFR_RNDN));
    break;
  case MDL_NET_TANH:
    mpfr_tanh(a, z, MPFR_RNDN);
    mpfr_sech(d1, z, MPFR_RNDN);
    mpfr_sqr(d1, d1, MPFR_RNDN);
    mpfr_mul(s, a, d1, MPFR_RNDN);
    d2 = 2 * fabs(mpfr_get_d(s, MPFR_RNDN));
    break;
  case MDL_NET_SQUARE:
    mpfr_mul_2ui(d1, z, 1, MPFR_RNDN);
    mpfr_sqr(a, z, MPFR_RNDN);
    d2 = 2;
    break;
  default:
    mpfr_set_ui(d1, 1, MPFR_RNDN);
    mpfr_set(a, z, MPFR_RNDN);
  }
  mpfr_clears(s, t, (mpfr_ptr)0);
  return d2;
}
#line 2623 "chapters/02-approximation.nw"
static void mp_loss_grad(mdl_net_loss loss, size_t K, mpfr_t *v,
                         const double *Ea, const double *y, mpfr_t *g,
                         double *e)
{
  mpfr_t m, sum, s, t;
  mpfr_inits2(REF_BITS, m, sum, s, t, (mpfr_ptr)0);
  double Emax = 0, dmax = 0;
  mpfr_set(m, v[0], MPFR_RNDN);
  for (size_t k = 0; k < K; k++) {
    mpfr_max(m, m, v[k], MPFR_RNDN);
    Emax = claim_fmax(Emax, Ea[k]);
  }
  mpfr_set_zero(sum, 1);
  for (size_t k = 0; k < K; k++) {
    mpfr_sub(t, v[k], m, MPFR_RNDN);
    dmax = claim_fmax(dmax, -mpfr_get_d(t, MPFR_RNDN));
    mpfr_exp(t, t, MPFR_RNDN);
    mpfr_add(sum, sum, t, MPFR_RNDN);
  }
  for (size_t k = 0; k < K; k++) {
    double sd;
    switch (loss) {
    case MDL_NET_LOSS_SQUARED:
      mpfr_sub_d(g[k], v[k], y[k], MPFR_RNDN);
      e[k] = Ea[k] + U * fabs(mpfr_get_d(g[k], MPFR_RNDN));
      break;
    case MDL_NET_LOSS_LOGISTIC:
      mpfr_mul_d(t, v[k], -y[k], MPFR_RNDN);
      mp_sigmoid(s, t);
      mpfr_mul_d(g[k], s, -y[k], MPFR_RNDN);
      mpfr_neg(t, t, MPFR_RNDN);
      mp_sigmoid(t, t);
      mpfr_mul(t, t, s, MPFR_RNDN);
      sd = mpfr_get_d(s, MPFR_RNDN);
      e[k] = mpfr_get_d(t, MPFR_RNDN) * Ea[k] + gam(12) * sd;
      break;
    case MDL_NET_LOSS_LOGISTIC01:
      mp_sigmoid(s, v[k]);
      mpfr_sub_d(g[k], s, y[k], MPFR_RNDN);
      mpfr_neg(t, v[k], MPFR_RNDN);
      mp_sigmoid(t, t);
      mpfr_mul(t, t, s, MPFR_RNDN);
      sd = mpfr_get_d(s, MPFR_RNDN);
      e[k] = mpfr_get_d(t, MPFR_RNDN) * Ea[k] + gam(10) * sd
             + U * fabs(mpfr_get_d(g[k], MPFR_RNDN));
      break;
    case MDL_NET_LOSS_SOFTMAX_CE:
      mpfr_sub(t, v[k], m, MPFR_RNDN);
      mpfr_exp(s, t, MPFR_RNDN);
      mpfr_div(s, s, sum, MPFR_RNDN);
      mpfr_sub_d(g[k], s, y[k], MPFR_RNDN);
      sd = mpfr_get_d(s, MPFR_RNDN);
      e[k] = sd * (Ea[k] + Emax)
             + sd * (U * (-mpfr_get_d(t, MPFR_RNDN) + dmax)
                     + gam((double)K + 6))
             + U * fabs(mpfr_get_d(g[k], MPFR_RNDN));
      break;
    case MDL_NET_LOSS_HINGE:
      mpfr_mul_d(t, v[k], y[k], MPFR_RNDN);
      if (mpfr_cmp_ui(t, 1) < 0)
        mpfr_set_d(g[k], -y[k], MPFR_RNDN);
      else
        mpfr_set_zero(g[k], 1);
      e[k] = 0;
      break;
    }
    e[k] += gam(3) * fabs(mpfr_get_d(g[k], MPFR_RNDN));
  }
  mpfr_clears(m, sum, s, t, (mpfr_ptr)0);
}
#line 2704 "chapters/02-approximation.nw"
typedef struct {
  mpfr_t z[BP_MAXL + 1][BP_MAXW], a[BP_MAXL + 1][BP_MAXW];
  mpfr_t d1[BP_MAXL + 1][BP_MAXW];
  double d2[BP_MAXL + 1][BP_MAXW];
  double Ez[BP_MAXL + 1][BP_MAXW], Ea[BP_MAXL + 1][BP_MAXW];
} mp_pass;

static mp_pass *mp_pass_alloc(void)
{
  mp_pass *f = malloc(sizeof *f);
  for (size_t l = 0; l <= BP_MAXL; l++)
    for (size_t i = 0; i < BP_MAXW; i++)
      mpfr_inits2(REF_BITS, f->z[l][i], f->a[l][i], f->d1[l][i], (mpfr_ptr)0);
  return f;
}

static void mp_pass_free(mp_pass *f)
{
  for (size_t l = 0; l <= BP_MAXL; l++)
    for (size_t i = 0; i < BP_MAXW; i++)
      mpfr_clears(f->z[l][i], f->a[l][i], f->d1[l][i], (mpfr_ptr)0);
  free(f);
}

static void mp_forward(const bp_case *c, size_t b, mp_pass *f)
{
  mpfr_t t;
  mpfr_init2(t, REF_BITS);
  for (size_t j = 0; j < c->w[0]; j++) {
    mpfr_set_d(f->a[0][j], gsl_matrix_get(c->X, b, j), MPFR_RNDN);
    f->Ea[0][j] = 0;
  }
  for (size_t l = 1; l <= c->L; l++) {
    gsl_matrix_view W = mdl_net_weight(c->net, NULL, l - 1);
    gsl_vector_view bias = mdl_net_bias(c->net, NULL, l - 1);
    for (size_t i = 0; i < c->w[l]; i++) {
      double bi = gsl_vector_get(&bias.vector, i);
      double mag = fabs(bi), prop = 0;
      mpfr_set_d(f->z[l][i], bi, MPFR_RNDN);
      for (size_t j = 0; j < c->w[l - 1]; j++) {
        double wij = gsl_matrix_get(&W.matrix, i, j);
        mpfr_mul_d(t, f->a[l - 1][j], wij, MPFR_RNDN);
        mpfr_add(f->z[l][i], f->z[l][i], t, MPFR_RNDN);
        mag += fabs(mpfr_get_d(t, MPFR_RNDN));
        prop += fabs(wij) * f->Ea[l - 1][j];
      }
      f->d2[l][i] = mp_act(c->act, c->alpha, f->z[l][i], f->a[l][i],
                           f->d1[l][i]);
      f->Ez[l][i] = gam((double)c->w[l - 1] + 1) * mag + prop;
      f->Ea[l][i] = fabs(mpfr_get_d(f->d1[l][i], MPFR_RNDN)) * f->Ez[l][i]
                    + gam(10) * fabs(mpfr_get_d(f->a[l][i], MPFR_RNDN));
    }
  }
  mpfr_clear(t);
}

static void mp_tangent(const bp_case *c, const mp_pass *f, size_t p,
                       mpfr_t *gL, mpfr_ptr d)
{
  size_t P = mdl_net_nparams(c->net);
  mpfr_t t[BP_MAXW], tn[BP_MAXW], dz, x;
  mpfr_inits2(REF_BITS, dz, x, (mpfr_ptr)0);
  for (size_t i = 0; i < BP_MAXW; i++) {
    mpfr_inits2(REF_BITS, t[i], tn[i], (mpfr_ptr)0);
    mpfr_set_ui(t[i], p >= P && p - P == i, MPFR_RNDN);
  }
  for (size_t l = 1; l <= c->L; l++) {
    gsl_matrix_view W = mdl_net_weight(c->net, NULL, l - 1);
    size_t in = c->w[l - 1], out = c->w[l];
    size_t off = (size_t)(W.matrix.data - mdl_net_params(c->net)->data);
    for (size_t i = 0; i < out; i++) {
      mpfr_set_zero(dz, 1);
      for (size_t j = 0; j < in; j++) {
        mpfr_mul_d(x, t[j], gsl_matrix_get(&W.matrix, i, j), MPFR_RNDN);
        mpfr_add(dz, dz, x, MPFR_RNDN);
      }
      if (p >= off && p < off + out * in && (p - off) / in == i)
        mpfr_add(dz, dz, f->a[l - 1][(p - off) % in], MPFR_RNDN);
      if (p == off + out * in + i)
        mpfr_add_ui(dz, dz, 1, MPFR_RNDN);
      mpfr_mul(tn[i], f->d1[l][i], dz, MPFR_RNDN);
    }
    for (size_t i = 0; i < out; i++)
      mpfr_set(t[i], tn[i], MPFR_RNDN);
  }
  mpfr_set_zero(d, 1);
  for (size_t k = 0; k < c->w[c->L]; k++) {
    mpfr_mul(x, gL[k], t[k], MPFR_RNDN);
    mpfr_add(d, d, x, MPFR_RNDN);
  }
  for (size_t i = 0; i < BP_MAXW; i++)
    mpfr_clears(t[i], tn[i], (mpfr_ptr)0);
  mpfr_clears(dz, x, (mpfr_ptr)0);
}
#line 2803 "chapters/02-approximation.nw"
static int near_kink(const bp_case *c)
{
  int pwl = c->act == MDL_NET_RELU || c->act == MDL_NET_ABS
            || c->act == MDL_NET_LEAKY_RELU || c->act == MDL_NET_ELU;
  mp_pass *f = mp_pass_alloc();
  int near = 0;
  for (size_t b = 0; b < BP_B && !near; b++) {
    mp_forward(c, b, f);
    for (size_t l = 1; l <= c->L; l++)
      for (size_t i = 0; i < c->w[l]; i++) {
        double z = fabs(mpfr_get_d(f->z[l][i], MPFR_RNDN));
        double a = fabs(mpfr_get_d(f->a[l][i], MPFR_RNDN));
        if ((pwl && z < 1e-3) || z < 1e-20 || z > 1e20 || (l == c->L && a > 100))
          near = 1;
      }
    if (c->loss == MDL_NET_LOSS_HINGE)
      for (size_t k = 0; k < c->w[c->L]; k++)
        if (fabs(gsl_matrix_get(c->Y, b, k)
                 * mpfr_get_d(f->a[c->L][k], MPFR_RNDN) - 1) < 1e-3)
          near = 1;
  }
  mp_pass_free(f);
  return near;
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
#line 2881 "chapters/02-approximation.nw"
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
  mpfr_t *ref = malloc(P * sizeof *ref), gL[BP_MAXW], d;
  double *err = calloc(P, sizeof *err), worst = 0;
  for (size_t p = 0; p < P; p++) {
    mpfr_init2(ref[p], REF_BITS);
    mpfr_set_zero(ref[p], 1);
  }
  for (size_t k = 0; k < BP_MAXW; k++)
    mpfr_init2(gL[k], REF_BITS);
  mpfr_init2(d, REF_BITS);
  mp_pass *fp = mp_pass_alloc();
  for (size_t b = 0; b < BP_B; b++) {
    const mp_pass *f = fp;
    mp_forward(c, b, fp);
    double eL[BP_MAXW];
    mp_loss_grad(c->loss, K, fp->a[L], f->Ea[L], c->Y->data + b * c->Y->tda,
                 gL, eL);
    for (size_t k = 0; k < K; k++) {
      mpfr_div_ui(gL[k], gL[k], BP_B, MPFR_RNDN);
      eL[k] /= BP_B;
    }
    for (size_t p = 0; p < P; p++) {
      mp_tangent(c, f, p, gL, d);
      mpfr_add(ref[p], ref[p], d, MPFR_RNDN);
    }
#line 2948 "chapters/02-approximation.nw"
    double G[BP_MAXW], EG[BP_MAXW];
    for (size_t k = 0; k < K; k++)
      G[k] = mpfr_get_d(gL[k], MPFR_RNDN);
    memcpy(EG, eL, K * sizeof *EG);
    for (size_t l = L; l >= 1; l--) {
      gsl_matrix_view W = mdl_net_weight(c->net, NULL, l - 1);
      size_t in = c->w[l - 1], out = c->w[l];
      size_t off = (size_t)(W.matrix.data - mdl_net_params(c->net)->data);
      double D[BP_MAXW], ED[BP_MAXW], Gn[BP_MAXW] = {0}, EGn[BP_MAXW] = {0};
      for (size_t i = 0; i < out; i++) {
        double d1 = mpfr_get_d(f->d1[l][i], MPFR_RNDN);
        D[i] = G[i] * d1;
        ED[i] = fabs(d1) * EG[i]
                + fabs(G[i]) * (f->d2[l][i] * f->Ez[l][i] + gam(16) * fabs(d1));
        for (size_t j = 0; j < in; j++) {
          double a = fabs(mpfr_get_d(f->a[l - 1][j], MPFR_RNDN));
          err[off + i * in + j] += gam(BP_B) * fabs(D[i]) * a + ED[i] * a
                                   + fabs(D[i]) * f->Ea[l - 1][j];
          double wij = fabs(gsl_matrix_get(&W.matrix, i, j));
          Gn[j] += D[i] * gsl_matrix_get(&W.matrix, i, j);
          EGn[j] += gam((double)out) * fabs(D[i]) * wij + ED[i] * wij;
        }
        err[off + out * in + i] += gam(BP_B) * fabs(D[i]) + ED[i];
      }
      memcpy(G, Gn, in * sizeof *G);
      memcpy(EG, EGn, in * sizeof *EG);
    }
    for (size_t j = 0; j < c->w[0]; j++) {
      mp_tangent(c, f, P + j, gL, d);
      double dj = mp_dist(gsl_matrix_get(dX, b, j), d);
      if (dj > 0)
        worst = claim_fmax(worst, dj / (1.01 * EG[j]));
    }
#line 2920 "chapters/02-approximation.nw"
  }
  for (size_t p = 0; p < P; p++) {
    double dp = mp_dist(gsl_vector_get(grad, p), ref[p]);
    if (dp > 0)
      worst = claim_fmax(worst, dp / (1.01 * err[p]));
    mpfr_clear(ref[p]);
  }
  for (size_t k = 0; k < BP_MAXW; k++)
    mpfr_clear(gL[k]);
  mpfr_clear(d);
  mp_pass_free(fp);
  free(ref);
  free(err);
  gsl_vector_free(grad);
  gsl_vector_free(grad2);
  gsl_matrix_free(V);
  gsl_matrix_free(dV);
  gsl_matrix_free(dX);
  return worst;
}
#line 3068 "chapters/02-approximation.nw"
static double loss_of_theta(const gsl_vector *theta, void *params)
{
  bp_case *c = params;
  gsl_vector_memcpy(mdl_net_params(c->net), theta);
  double value;
  mdl_net_gradient(c->net, c->loss, c->X, c->Y, &value, NULL);
  return value;
}
#line 2984 "chapters/02-approximation.nw"
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
        by_act[ai] = claim_fmax(by_act[ai], worst);
        by_loss[li] = claim_fmax(by_loss[li], worst);
#line 3051 "chapters/02-approximation.nw"
        {
          size_t P = mdl_net_nparams(c.net);
          gsl_vector *theta0 = gsl_vector_alloc(P), *g = gsl_vector_alloc(P);
          gsl_vector_memcpy(theta0, mdl_net_params(c.net));
          double value;
          mdl_net_gradient(c.net, c.loss, c.X, c.Y, &value, g);
          gsl_multimin_function F = {loss_of_theta, P, &c};
          mdl_numcheck_report rep;
          mdl_numcheck_gradient(&F, theta0, g, 0, &rep);
          checker = claim_fmax(checker, rep.max_rel_err);
          gsl_vector_memcpy(mdl_net_params(c.net), theta0);
          gsl_vector_free(theta0);
          gsl_vector_free(g);
        }
#line 3012 "chapters/02-approximation.nw"
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
#line 3475 "chapters/02-approximation.nw"
typedef struct {
  mdl_net_graph *g;
  size_t N, M, V;
  int op[400];
  size_t a[400], b[400], out[16];
  double val[400], p0[400], p1[400];
} rand_graph;
#line 3542 "chapters/02-approximation.nw"
static void draw_graph(rand_graph *rg, size_t ops, gsl_vector *x, gsl_rng *r)
{
  const int menu[10] = {2, 2, 2, 4, 4, 1, 1, 0, 0, 3};
  for (;;) {
    rg->g = mdl_net_graph_alloc(rg->N);
    rg->V = rg->N + ops;
    int ok = 1;
    for (size_t i = 0; i < rg->N; i++) {
      rg->op[i] = -1;
      gsl_vector_set(x, i, flat(r, -1, 1));
      rg->val[i] = gsl_vector_get(x, i);
    }
    for (size_t v = rg->N; v < rg->V; v++) {
      size_t lo = v > 10 ? v - 10 : 0, node;
      rg->op[v] = menu[gsl_rng_uniform_int(r, 10)];
      rg->a[v] = gsl_rng_uniform(r) < 0.8 ? lo + gsl_rng_uniform_int(r, v - lo)
                                          : gsl_rng_uniform_int(r, v);
      rg->b[v] = gsl_rng_uniform(r) < 0.8 ? lo + gsl_rng_uniform_int(r, v - lo)
                                          : gsl_rng_uniform_int(r, v);
      if (rg->op[v] > MDL_NET_OP_MUL)
        rg->b[v] = rg->a[v];
      mdl_net_graph_add(rg->g, (mdl_net_op)rg->op[v], rg->a[v], rg->b[v], &node);
      double a = rg->val[rg->a[v]], b = rg->val[rg->b[v]];
      switch (rg->op[v]) {
      case 0: rg->val[v] = a + b; rg->p0[v] = rg->p1[v] = 1; break;
      case 1: rg->val[v] = a * b; rg->p0[v] = b; rg->p1[v] = a; break;
      case 2: rg->val[v] = sin(a); rg->p0[v] = cos(a); break;
      case 3: rg->val[v] = rg->p0[v] = exp(a); break;
      default: rg->val[v] = tanh(a); rg->p0[v] = 1 - rg->val[v] * rg->val[v];
      }
      ok = ok && fabs(rg->val[v]) <= 50 && fabs(rg->p0[v]) <= 50
           && (rg->op[v] > 1 || fabs(rg->p1[v]) <= 50);
    }
    for (size_t i = 0; i < rg->M; i++) {
      rg->out[i] = rg->V - rg->M + i;
      mdl_net_graph_output(rg->g, rg->out[i]);
    }
    if (ok)
      return;
    mdl_net_graph_free(rg->g);
  }
}
#line 3591 "chapters/02-approximation.nw"
static double mode_ratio(const rand_graph *rg, const gsl_matrix *Jf,
                         const gsl_matrix *Jr, size_t *K_r_out)
{
  size_t depth[400] = {0}, fan[400] = {0}, kr[400] = {0}, d = 0, K_r = 0;
  for (size_t v = rg->N; v < rg->V; v++) {
    size_t da = depth[rg->a[v]], db = rg->op[v] <= 1 ? depth[rg->b[v]] : 0;
    depth[v] = 1 + (da > db ? da : db);
    d = depth[v] > d ? depth[v] : d;
    fan[rg->a[v]]++;
    if (rg->op[v] <= 1)
      fan[rg->b[v]]++;
  }
  for (size_t v = rg->V; v-- > 0;) {
    size_t best = 0;
    for (size_t w = v + 1; w < rg->V; w++)
      if (rg->op[w] >= 0 && (rg->a[w] == v || (rg->op[w] <= 1 && rg->b[w] == v)))
        best = kr[w] > best ? kr[w] : best;
    kr[v] = fan[v] ? fan[v] + best : 0;
    K_r = kr[v] > K_r ? kr[v] : K_r;
  }
  *K_r_out = K_r;
  double tol_factor = gam(2.0 * (double)d) + gam((double)K_r), worst = 0;
  mpfr_t *t = malloc(rg->V * sizeof *t), x;
  for (size_t v = 0; v < rg->V; v++)
    mpfr_init2(t[v], REF_BITS);
  mpfr_init2(x, REF_BITS);
  for (size_t j = 0; j < rg->N; j++) {
    for (size_t v = 0; v < rg->V; v++) {
      if (v < rg->N) {
        mpfr_set_ui(t[v], v == j, MPFR_RNDN);
        continue;
      }
      mpfr_mul_d(t[v], t[rg->a[v]], fabs(rg->p0[v]), MPFR_RNDU);
      if (rg->op[v] <= 1) {
        mpfr_mul_d(x, t[rg->b[v]], fabs(rg->p1[v]), MPFR_RNDU);
        mpfr_add(t[v], t[v], x, MPFR_RNDU);
      }
    }
    for (size_t i = 0; i < rg->M; i++) {
      double diff = fabs(gsl_matrix_get(Jf, i, j) - gsl_matrix_get(Jr, i, j));
      mpfr_mul_d(x, t[rg->out[i]], tol_factor, MPFR_RNDU);
      if (diff > 0)
        worst = claim_fmax(worst, diff / mpfr_get_d(x, MPFR_RNDU));
    }
  }
  for (size_t v = 0; v < rg->V; v++)
    mpfr_clear(t[v]);
  mpfr_clear(x);
  free(t);
  return worst;
}
#line 3662 "chapters/02-approximation.nw"
static double exact_ratio(const rand_graph *rg, const gsl_vector *x,
                          const gsl_matrix *Jr, size_t K_r)
{
  size_t V = rg->V;
  mpfr_t *v = malloc(3 * V * sizeof *v), *p0 = v + V, *p1 = v + 2 * V;
  mpfr_t *J = malloc(V * sizeof *J), t;
  double *E = malloc(V * sizeof *E), (*d)[2] = malloc(V * sizeof *d);
  double *T = malloc(V * sizeof *T), *R = malloc(V * sizeof *R);
  for (size_t n = 0; n < 3 * V; n++)
    mpfr_init2(v[n], REF_BITS);
  for (size_t n = 0; n < V; n++)
    mpfr_init2(J[n], REF_BITS);
  mpfr_init2(t, REF_BITS);
  for (size_t n = 0; n < V; n++) {
    if (n < rg->N) {
      mpfr_set_d(v[n], gsl_vector_get(x, n), MPFR_RNDN);
      E[n] = 0;
      continue;
    }
    mpfr_srcptr a = v[rg->a[n]], b = v[rg->b[n]];
    double ad = mpfr_get_d(a, MPFR_RNDN), bd = mpfr_get_d(b, MPFR_RNDN);
    double Ea = E[rg->a[n]], Eb = E[rg->b[n]], vd;
    switch (rg->op[n]) {
    case 0:
      mpfr_add(v[n], a, b, MPFR_RNDN);
      mpfr_set_ui(p0[n], 1, MPFR_RNDN);
      mpfr_set_ui(p1[n], 1, MPFR_RNDN);
      d[n][0] = d[n][1] = 0;
      E[n] = Ea + Eb + U * fabs(mpfr_get_d(v[n], MPFR_RNDN));
      break;
    case 1:
      mpfr_mul(v[n], a, b, MPFR_RNDN);
      mpfr_set(p0[n], b, MPFR_RNDN);
      mpfr_set(p1[n], a, MPFR_RNDN);
      d[n][0] = Eb;
      d[n][1] = Ea;
      E[n] = fabs(bd) * Ea + fabs(ad) * Eb
             + U * fabs(mpfr_get_d(v[n], MPFR_RNDN));
      break;
    case 2:
      mpfr_sin_cos(v[n], p0[n], a, MPFR_RNDN);
      vd = mpfr_get_d(v[n], MPFR_RNDN);
      d[n][0] = fabs(vd) * Ea + 4 * U * fabs(mpfr_get_d(p0[n], MPFR_RNDN));
      E[n] = fabs(mpfr_get_d(p0[n], MPFR_RNDN)) * Ea + 4 * U * fabs(vd);
      break;
    case 3:
      mpfr_exp(v[n], a, MPFR_RNDN);
      mpfr_set(p0[n], v[n], MPFR_RNDN);
      vd = mpfr_get_d(v[n], MPFR_RNDN);
      E[n] = vd * Ea + 4 * U * vd;
      d[n][0] = E[n];
      break;
    default:
      mpfr_tanh(v[n], a, MPFR_RNDN);
      mpfr_sech(p0[n], a, MPFR_RNDN);
      mpfr_sqr(p0[n], p0[n], MPFR_RNDN);
      vd = mpfr_get_d(v[n], MPFR_RNDN);
      E[n] = mpfr_get_d(p0[n], MPFR_RNDN) * Ea + 4 * U * fabs(vd);
      d[n][0] = 2 * fabs(vd) * E[n] + U;
    }
  }
  double worst = 0;
  for (size_t j = 0; j < rg->N; j++) {
    for (size_t n = 0; n < V; n++) {
      if (n < rg->N) {
        mpfr_set_ui(J[n], n == j, MPFR_RNDN);
        T[n] = n == j;
        R[n] = 0;
        continue;
      }
      size_t u = rg->a[n], w = rg->b[n];
      double q0 = fabs(mpfr_get_d(p0[n], MPFR_RNDN));
      mpfr_mul(J[n], p0[n], J[u], MPFR_RNDN);
      T[n] = q0 * T[u];
      R[n] = q0 * R[u] + d[n][0] * T[u];
      if (rg->op[n] <= 1) {
        double q1 = fabs(mpfr_get_d(p1[n], MPFR_RNDN));
        mpfr_mul(t, p1[n], J[w], MPFR_RNDN);
        mpfr_add(J[n], J[n], t, MPFR_RNDN);
        T[n] += q1 * T[w];
        R[n] += q1 * R[w] + d[n][1] * T[w];
      }
    }
    for (size_t i = 0; i < rg->M; i++) {
      size_t o = rg->out[i];
      double diff = mp_dist(gsl_matrix_get(Jr, i, j), J[o]);
      if (diff > 0)
        worst = claim_fmax(worst, diff / (1.01 * (R[o] + gam((double)K_r) * T[o])));
    }
  }
  for (size_t n = 0; n < 3 * V; n++)
    mpfr_clear(v[n]);
  for (size_t n = 0; n < V; n++)
    mpfr_clear(J[n]);
  mpfr_clear(t);
  free(v);
  free(J);
  free(E);
  free(d);
  free(T);
  free(R);
  return worst;
}

#line 3487 "chapters/02-approximation.nw"
static void test_autodiff(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3366114);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const size_t Ns[3] = {1, 4, 16};
  double worst = 0, exact = 0;
  int wrong_fwd = 0, wrong_rev = 0, graphs = 0;
  for (int t = 0; t < 27; t++) {
    rand_graph rg;
    rg.N = Ns[t % 3];
    rg.M = Ns[(t / 3) % 3];
    gsl_vector *x = gsl_vector_alloc(rg.N);
    draw_graph(&rg, 40 + gsl_rng_uniform_int(r, 261), x, r);
    gsl_matrix *Jf = gsl_matrix_alloc(rg.M, rg.N), *Jr = gsl_matrix_alloc(rg.M, rg.N);
    size_t of, orv, V, E, M;
    mdl_net_graph_jacobian(rg.g, x, 0, Jf, &of);
    mdl_net_graph_jacobian(rg.g, x, 1, Jr, &orv);
    mdl_net_graph_size(rg.g, &V, &E, &M);
    wrong_fwd += of != rg.N * (V + E);
    wrong_rev += orv != rg.M * (V + E);
    size_t K_r;
    worst = claim_fmax(worst, mode_ratio(&rg, Jf, Jr, &K_r));
    exact = claim_fmax(exact, exact_ratio(&rg, x, Jr, K_r));
    gsl_matrix_free(Jf);
    gsl_matrix_free(Jr);
    gsl_vector_free(x);
    mdl_net_graph_free(rg.g);
    graphs++;
  }
  CLAIM(.id = "approx.autodiff", .kind = CLAIM_BOUND, .measured = worst,
        .reference = 1, .tolerance = 0, .samples = graphs, .seed = seed,
        .note = "largest |forward-mode J - reverse-mode J| over"
                " (gamma_Kf + gamma_Kr) J_abs, 27 random graphs");
  CLAIM(.id = "approx.autodiff", .kind = CLAIM_BOUND, .measured = exact,
        .reference = 1, .tolerance = 0, .samples = graphs, .seed = seed,
        .note = "largest |reverse-mode J - exact J (MPFR)| over its"
                " first-order rounding bound");
  CLAIM(.id = "approx.autodiff", .kind = CLAIM_IDENTITY, .measured = wrong_fwd,
        .reference = 0, .tolerance = 0, .samples = graphs, .seed = seed,
        .note = "graphs whose forward-mode operation count is not N(V+E)");
  CLAIM(.id = "approx.autodiff", .kind = CLAIM_IDENTITY, .measured = wrong_rev,
        .reference = 0, .tolerance = 0, .samples = graphs, .seed = seed,
        .note = "graphs whose reverse-mode operation count is not M(V+E)");
  gsl_rng_free(r);
}
#line 3994 "chapters/02-approximation.nw"
static double loss_full(mdl_net *net, mdl_net_loss loss, const gsl_matrix *X,
                        const gsl_matrix *Y)
{
  double v;
  mdl_net_gradient(net, loss, X, Y, &v, NULL);
  return v;
}

static void test_train(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(2122334);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
#line 4017 "chapters/02-approximation.nw"
  const size_t w[] = {3, 6, 4, 2};
  const mdl_net_activation acts[] = {MDL_NET_TANH, MDL_NET_RELU,
                                     MDL_NET_IDENTITY};
  mdl_net *net = random_net(3, w, acts, r);
  size_t P = mdl_net_nparams(net);
  gsl_matrix *X = gsl_matrix_alloc(12, 3), *Y = gsl_matrix_alloc(12, 2);
  for (size_t i = 0; i < 36; i++)
    X->data[i] = flat(r, -1, 1);
  for (size_t i = 0; i < 24; i++)
    Y->data[i] = flat(r, -1, 1);
  const double eta = 0.0371;
  mdl_optim_params par = mdl_optim_defaults(mdl_optim_gd);
  par.lr = eta;
  mdl_optim *gd = mdl_optim_alloc(mdl_optim_gd, P, &par);
  gsl_vector *g = gsl_vector_alloc(P), *before = gsl_vector_alloc(P);
  gsl_vector_memcpy(before, mdl_net_params(net));
  double v;
  mdl_net_gradient(net, MDL_NET_LOSS_SQUARED, X, Y, &v, g);
  mdl_net_train_step(net, gd, MDL_NET_LOSS_SQUARED, X, Y, NULL);
  double step_err = 0;
  int inexact = 0;
  mpfr_t ref;
  mpfr_init2(ref, REF_BITS);
  for (size_t p = 0; p < P; p++) {
    double t = gsl_vector_get(before, p), gp = gsl_vector_get(g, p);
    inexact += mpfr_set_d(ref, eta, MPFR_RNDN) != 0;
    inexact += mpfr_mul_d(ref, ref, gp, MPFR_RNDN) != 0;
    inexact += mpfr_d_sub(ref, t, ref, MPFR_RNDN) != 0;
    double d = mp_dist(gsl_vector_get(mdl_net_params(net), p), ref);
    if (d > 0)
      step_err = claim_fmax(step_err, d / (gam(2) * (fabs(t) + fabs(eta * gp))));
  }
  CLAIM(.id = "approx.train", .kind = CLAIM_BOUND, .measured = step_err,
        .reference = 1, .tolerance = 0, .samples = P, .seed = seed,
        .note = "one training step with gradient descent against theta - eta g"
                " (exact, MPFR), over gamma_2 (|theta| + |eta g|)");
  mdl_net *plain = mdl_net_clone(net);
  gsl_vector_memcpy(mdl_net_params(plain), before);
  mdl_net_sgd_step(plain, eta, MDL_NET_LOSS_SQUARED, X, Y, NULL);
  double sgd_err = 0;
  for (size_t p = 0; p < P; p++) {
    double t = gsl_vector_get(before, p), gp = gsl_vector_get(g, p);
    inexact += mpfr_set_d(ref, eta, MPFR_RNDN) != 0;
    inexact += mpfr_mul_d(ref, ref, gp, MPFR_RNDN) != 0;
    inexact += mpfr_d_sub(ref, t, ref, MPFR_RNDN) != 0;
    double d = mp_dist(gsl_vector_get(mdl_net_params(plain), p), ref);
    if (d > 0)
      sgd_err = claim_fmax(sgd_err, d / (gam(2) * (fabs(t) + fabs(eta * gp))));
  }
  mdl_net_free(plain);
  mpfr_clear(ref);
  CLAIM(.id = "approx.train", .kind = CLAIM_BOUND, .measured = sgd_err,
        .reference = 1, .tolerance = 0, .samples = P, .seed = seed,
        .note = "one step of mdl_net_sgd_step against theta - eta g (exact,"
                " MPFR), over gamma_2 (|theta| + |eta g|)");
  CLAIM(.id = "approx.train", .kind = CLAIM_IDENTITY, .measured = inexact,
        .reference = 0, .tolerance = 0, .samples = 2 * P, .seed = seed,
        .note = "roundings in the MPFR reference theta - eta g (it must be"
                " exact)");
#line 4009 "chapters/02-approximation.nw"
#line 4079 "chapters/02-approximation.nw"
  mdl_net *twin = mdl_net_clone(net);
  mdl_optim *gd2 = mdl_optim_alloc(mdl_optim_gd, P, &par);
  gsl_matrix_view X10 = gsl_matrix_submatrix(X, 0, 0, 10, 3);
  gsl_matrix_view Y10 = gsl_matrix_submatrix(Y, 0, 0, 10, 2);
  mdl_net_train_epoch(net, gd, MDL_NET_LOSS_SQUARED, &X10.matrix, &Y10.matrix, 3,
                      NULL, NULL);
  for (size_t start = 0; start < 10; start += 3) {
    size_t B = start + 3 <= 10 ? 3 : 10 - start;
    gsl_matrix_view Xs = gsl_matrix_submatrix(X, start, 0, B, 3);
    gsl_matrix_view Ys = gsl_matrix_submatrix(Y, start, 0, B, 2);
    mdl_net_train_step(twin, gd2, MDL_NET_LOSS_SQUARED, &Xs.matrix, &Ys.matrix,
                       NULL);
  }
  int differ = memcmp(mdl_net_params(net)->data, mdl_net_params(twin)->data,
                      P * sizeof(double)) != 0;
  CLAIM(.id = "approx.train", .kind = CLAIM_IDENTITY, .measured = differ,
        .reference = 0, .tolerance = 0, .samples = 4, .seed = seed,
        .note = "an epoch in the given order, batch 3 of 10, against four"
                " explicit steps: parameters that differ");
  par.lr = 0;
  mdl_optim *still = mdl_optim_alloc(mdl_optim_gd, P, &par);
  double mean;
  mdl_net_train_epoch(net, still, MDL_NET_LOSS_SQUARED, X, Y, 4, r, &mean);
  double full = loss_full(net, MDL_NET_LOSS_SQUARED, X, Y);
  CLAIM(.id = "approx.train", .kind = CLAIM_IDENTITY, .measured = mean,
        .reference = full, .tolerance = gam(20) * full, .samples = 12,
        .seed = seed,
        .note = "step 0, shuffled epoch of batches of 4 over 12 examples: mean"
                " minibatch loss against the full loss");
  mdl_net *in_order = mdl_net_clone(net), *shuffled = mdl_net_clone(net);
  par.lr = eta;
  mdl_optim *o1 = mdl_optim_alloc(mdl_optim_gd, P, &par);
  mdl_optim *o2 = mdl_optim_alloc(mdl_optim_gd, P, &par);
  mdl_net_train_epoch(in_order, o1, MDL_NET_LOSS_SQUARED, X, Y, 3, NULL, NULL);
  mdl_net_train_epoch(shuffled, o2, MDL_NET_LOSS_SQUARED, X, Y, 3, r, NULL);
  CLAIM(.id = "approx.train", .kind = CLAIM_IDENTITY,
        .measured = !gsl_vector_equal(mdl_net_params(in_order),
                                      mdl_net_params(shuffled)),
        .reference = 1, .tolerance = 0, .samples = 12, .seed = seed,
        .note = "an epoch shuffled with r ends elsewhere than the epoch in the"
                " given order (1 if the parameters differ)");
  mdl_net_free(in_order);
  mdl_net_free(shuffled);
  mdl_optim_free(o1);
  mdl_optim_free(o2);
  mdl_optim_free(gd);
  mdl_optim_free(gd2);
  mdl_optim_free(still);
  mdl_net_free(net);
  mdl_net_free(twin);
  gsl_vector_free(g);
  gsl_vector_free(before);
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
#line 4010 "chapters/02-approximation.nw"
#line 4136 "chapters/02-approximation.nw"
  const size_t wi[] = {784, 64, 10};
  const mdl_net_activation ai[] = {MDL_NET_RELU, MDL_NET_IDENTITY};
  mdl_net *init = mdl_net_alloc(2, wi, ai);
  mdl_net_init(init, r);
  gsl_vector *scaled = gsl_vector_alloc(mdl_net_nparams(init));
  double outside = 0;
  for (size_t l = 0, k = 0; l < 2; l++) {
    size_t count = wi[l + 1] * (wi[l] + 1);
    for (size_t i = 0; i < count; i++, k++) {
      double v = gsl_vector_get(mdl_net_params(init), k) * sqrt((double)wi[l]);
      gsl_vector_set(scaled, k, v * v);
      outside += fabs(v) > 1;
    }
  }
  mdl_numcheck_estimate moment;
  mdl_numcheck_mean(scaled, &moment);
  CLAIM(.id = "approx.train", .kind = CLAIM_IDENTITY, .measured = outside,
        .reference = 0, .tolerance = 0, .samples = scaled->size, .seed = seed,
        .note = "initial parameters of layer l outside [-1, 1]/sqrt(n_l)");
  CLAIM(.id = "approx.train", .kind = CLAIM_IDENTITY, .measured = moment.mean,
        .reference = 1.0 / 3, .tolerance = 5 * moment.se, .samples = scaled->size,
        .seed = seed,
        .note = "mean of (theta sqrt(n_l))^2 at initialisation against 1/3, the"
                " second moment of U(-1, 1), within 5 standard errors");
  gsl_vector_free(scaled);
  mdl_net_free(init);
#line 4011 "chapters/02-approximation.nw"
#line 4165 "chapters/02-approximation.nw"
  const size_t ws[] = {1, 32, 32, 1};
  const mdl_net_activation as[] = {MDL_NET_RELU, MDL_NET_RELU,
                                   MDL_NET_IDENTITY};
  mdl_net *small = mdl_net_alloc(3, ws, as);
  mdl_net_init(small, r);
  gsl_matrix *Xs = gsl_matrix_alloc(64, 1), *Ys = gsl_matrix_alloc(64, 1);
  for (size_t i = 0; i < 64; i++) {
    double x = -1 + 2.0 * (double)i / 63;
    gsl_matrix_set(Xs, i, 0, x);
    gsl_matrix_set(Ys, i, 0, sin(3 * x));
  }
  mdl_optim_params ap = mdl_optim_defaults(mdl_optim_adam);
  ap.lr = 1e-2;
  mdl_optim *adam = mdl_optim_alloc(mdl_optim_adam, mdl_net_nparams(small), &ap);
  double first = loss_full(small, MDL_NET_LOSS_SQUARED, Xs, Ys);
  for (int k = 0; k < 500; k++)
    mdl_net_train_step(small, adam, MDL_NET_LOSS_SQUARED, Xs, Ys, NULL);
  double last = loss_full(small, MDL_NET_LOSS_SQUARED, Xs, Ys);
  CLAIM(.id = "approx.train-sin", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = first / last, .reference = 100,
        .tolerance = 0, .samples = 500, .seed = seed,
        .note = "1-32-32-1 ReLU network, Adam lr 1e-2, 500 full-batch steps on"
                " sin 3x: initial loss over final loss");
  mdl_optim_free(adam);
  mdl_net_free(small);
  gsl_matrix_free(Xs);
  gsl_matrix_free(Ys);
#line 4012 "chapters/02-approximation.nw"
  gsl_rng_free(r);
}
#line 4621 "chapters/02-approximation.nw"
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
#line 4676 "chapters/02-approximation.nw"
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
#line 4709 "chapters/02-approximation.nw"
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
#line 4762 "chapters/02-approximation.nw"
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
#line 4744 "chapters/02-approximation.nw"
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
#line 4775 "chapters/02-approximation.nw"
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
#line 4825 "chapters/02-approximation.nw"
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
#line 4809 "chapters/02-approximation.nw"
  CLAIM(.id = "approx.save-load", .kind = CLAIM_IDENTITY, .measured = cut_bad,
        .reference = 0, .tolerance = 0, .samples = n, .seed = seed,
        .note = "cuts of a network file, at every length, not refused with"
                " GSL_EOF");
  CLAIM(.id = "approx.save-load", .kind = CLAIM_IDENTITY, .measured = flip_bad,
        .reference = 0, .tolerance = 0, .samples = flips, .seed = seed,
        .note = "network files with one byte changed not refused with"
                " GSL_EFAILED");
#line 4846 "chapters/02-approximation.nw"
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
#line 4818 "chapters/02-approximation.nw"
  free(buf);
  mdl_net_free(net);
  gsl_rng_free(r);
}
#line 5319 "chapters/02-approximation.nw"
static void test_net_use(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(20261203);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const size_t w[4] = {3, 7, 5, 2};
  const mdl_net_activation a[3] = {MDL_NET_RELU, MDL_NET_TANH,
                                   MDL_NET_IDENTITY};
  mdl_net *net = mdl_net_alloc(3, w, a), *ref = mdl_net_alloc(3, w, a);
  gsl_rng *r0 = gsl_rng_alloc(gsl_rng_mt19937);
  mdl_net_init(ref, r0);
  gsl_vector *d = gsl_vector_alloc(mdl_net_nparams(net));
  gsl_vector_memcpy(d, mdl_net_params(net));
  gsl_vector_sub(d, mdl_net_params(ref));
  enum { B = 9 };
  gsl_matrix *X = gsl_matrix_alloc(B, 3), *Y = gsl_matrix_alloc(B, 2);
  gsl_matrix *V = gsl_matrix_alloc(B, 2), *P = gsl_matrix_alloc(B, 2);
  for (size_t i = 0; i < B; i++) {
    for (size_t j = 0; j < 3; j++)
      gsl_matrix_set(X, i, j, gsl_ran_flat(r, -2, 2));
    for (size_t j = 0; j < 2; j++)
      gsl_matrix_set(Y, i, j, gsl_ran_flat(r, -1, 1));
  }
  gsl_vector *grad = gsl_vector_alloc(mdl_net_nparams(net));
  double value = 0, lv = -1;
  mdl_net_gradient(net, MDL_NET_LOSS_SQUARED, X, Y, &value, grad);
  int every_layer = 1;
  for (size_t l = 0; l < 3; l++) {
    gsl_matrix_view G = mdl_net_weight(net, grad, l);
    every_layer &= !gsl_matrix_isnull(&G.matrix);
  }
  CLAIM(.id = "approx.net-use", .kind = CLAIM_IDENTITY,
        .measured = gsl_vector_isnull(d) && every_layer, .reference = 1,
        .tolerance = 0,
        .note = "mdl_net_alloc: the parameters of mdl_net_init in GSL's default"
                " seed, and a nonzero weight gradient in every layer");
  mdl_net_loss_value(net, MDL_NET_LOSS_SQUARED, X, Y, &lv);
  mdl_net_forward(net, X, V);
  mdl_net_predict(net, X, P);
  gsl_matrix_sub(P, V);
  CLAIM(.id = "approx.net-use", .kind = CLAIM_IDENTITY,
        .measured = gsl_matrix_isnull(P) && lv == value, .reference = 1,
        .tolerance = 0, .seed = seed,
        .note = "mdl_net_predict equals mdl_net_forward, mdl_net_loss_value the"
                " value of mdl_net_gradient, exactly");
  const size_t wi[2] = {3, 3};
  const mdl_net_activation ai[1] = {MDL_NET_IDENTITY};
  mdl_net *id = mdl_net_alloc(1, wi, ai);
  gsl_vector_set_zero(mdl_net_params(id));
  gsl_matrix_view Wi = mdl_net_weight(id, NULL, 0);
  gsl_matrix_set_identity(&Wi.matrix);
  const double xs[4][3] = {{0.3, -2, 5}, {-2, 0.7, 0.7}, {0, 1, -1},
                           {1.5, 0.25, -3}};
  const double pm[4][3] = {{1, -1, 1}, {-1, 1, -1}, {1, 1, -1},
                           {-1, 1, -1}};
  const double zo[4][3] = {{1, 0, 1}, {0, 1, 0}, {1, 1, 0}, {0, 1, 0}};
  const double oh[4][3] = {{0, 0, 1}, {0, 1, 0}, {0, 1, 0}, {0, 1, 0}};
  gsl_matrix *X4 = gsl_matrix_alloc(4, 3), *Y4 = gsl_matrix_alloc(4, 3);
  gsl_matrix *Z4 = gsl_matrix_alloc(4, 3), *H4 = gsl_matrix_alloc(4, 3);
  for (size_t i = 0; i < 4; i++)
    for (size_t j = 0; j < 3; j++) {
      gsl_matrix_set(X4, i, j, xs[i][j]);
      gsl_matrix_set(Y4, i, j, pm[i][j]);
      gsl_matrix_set(Z4, i, j, zo[i][j]);
      gsl_matrix_set(H4, i, j, oh[i][j]);
    }
  double acc_pm = -1, acc_zo = -1, acc_sm = -1;
  mdl_net_accuracy(id, MDL_NET_LOSS_LOGISTIC, X4, Y4, &acc_pm);
  mdl_net_accuracy(id, MDL_NET_LOSS_LOGISTIC01, X4, Z4, &acc_zo);
  mdl_net_accuracy(id, MDL_NET_LOSS_SOFTMAX_CE, X4, H4, &acc_sm);
  CLAIM(.id = "approx.net-use", .kind = CLAIM_IDENTITY,
        .measured = acc_pm == 9.0 / 12 && acc_zo == 9.0 / 12 && acc_sm == 0.5,
        .reference = 1, .tolerance = 0,
        .note = "mdl_net_accuracy on the identity network: 9/12 signs, 9/12"
                " logits, 2/4 rows (a tie and an output 0 count as wrong)");
  gsl_matrix_scale(X4, -1);
  gsl_matrix_scale(Y4, -1);
  double acc_neg = -1;
  mdl_net_accuracy(id, MDL_NET_LOSS_LOGISTIC, X4, Y4, &acc_neg);
  gsl_matrix_scale(X4, -1);
  gsl_matrix_scale(Y4, -1);
  CLAIM(.id = "approx.net-use", .kind = CLAIM_IDENTITY,
        .measured = acc_neg == acc_pm, .reference = 1, .tolerance = 0,
        .note = "mdl_net_accuracy: negating the inputs and the labels keeps "
                "9/12 (an output 0 is wrong for the label -1 too)");
  char path[] = "/tmp/mdl-net-XXXXXX";
  int fd = mkstemp(path);
  if (fd >= 0)
    close(fd);
  mdl_net_save(net, path);
  mdl_net *back = mdl_net_load(path);
  int same = back != NULL && mdl_net_nparams(back) == mdl_net_nparams(net);
  if (same) {
    gsl_vector_memcpy(d, mdl_net_params(back));
    gsl_vector_sub(d, mdl_net_params(net));
    same = gsl_vector_isnull(d);
  }
  CLAIM(.id = "approx.net-use", .kind = CLAIM_IDENTITY, .measured = same,
        .reference = 1, .tolerance = 0,
        .note = "mdl_net_save then mdl_net_load: the same parameters, bit for"
                " bit");
  FILE *fp = fopen(path, "ab");
  if (fp) {
    mdl_net_fwrite(fp, net);
    fclose(fp);
  }
  claim_expect_error();
  mdl_net *two = mdl_net_load(path);
  CLAIM(.id = "approx.net-errors", .kind = CLAIM_ERROR,
        .measured = claim_last_error(), .reference = GSL_EFAILED,
        .untouched = two == NULL,
        .note = "mdl_net_load: a file holding two networks");
  remove(path);
  claim_expect_error();
  two = mdl_net_load(path);
  CLAIM(.id = "approx.net-errors", .kind = CLAIM_ERROR,
        .measured = claim_last_error(), .reference = GSL_EFAILED,
        .untouched = two == NULL, .note = "mdl_net_load: a missing file");
  claim_expect_error();
  two = mdl_net_load(NULL);
  CLAIM(.id = "approx.net-errors", .kind = CLAIM_ERROR,
        .measured = claim_last_error(), .reference = GSL_EFAULT,
        .untouched = two == NULL, .note = "mdl_net_load: path is NULL");
  WANT("path is NULL");
  MSG_CHECK("mdl_net_load: path is NULL");
#define USE_ERR(code, call, untouched_expr, what)                             \
  do {                                                                        \
    claim_expect_error();                                                     \
    int st_ = (call);                                                         \
    CLAIM(.id = "approx.net-errors", .kind = CLAIM_ERROR, .measured = st_,        \
          .reference = (code), .untouched = (untouched_expr), .note = (what));\
    MSG_CHECK(what);                                                          \
  } while (0)
  USE_ERR(GSL_EFAILED, mdl_net_save(net, "/nonexistent-mdl-dir/net.bin"), 1,
          "mdl_net_save: a path in a missing directory");
  WANT("net is NULL");
  USE_ERR(GSL_EFAULT, mdl_net_save(NULL, path), 1, "mdl_net_save: net is NULL");
  const double S = -7.125;
  gsl_matrix_set_all(P, S);
  USE_ERR(GSL_EFAULT, mdl_net_predict(NULL, X, P),
          claim_all_equal_matrix(P, S), "mdl_net_predict: net is NULL");
  WANT("X is 4 x 3 and Y 9 x 2");
  USE_ERR(GSL_EBADLEN, mdl_net_predict(net, X4, P),
          claim_all_equal_matrix(P, S), "mdl_net_predict: X has 4 rows, Y 9");
  gsl_matrix_set(X, 2, 1, NAN);
  USE_ERR(GSL_EDOM, mdl_net_predict(net, X, P), claim_all_equal_matrix(P, S),
          "mdl_net_predict: X[2][1] is NaN");
  double out = S;
  WANT("X[2][1] = nan");
  USE_ERR(GSL_EDOM, mdl_net_loss_value(net, MDL_NET_LOSS_SQUARED, X, Y, &out),
          out == S, "mdl_net_loss_value: X[2][1] is NaN");
  gsl_matrix_set(X, 2, 1, 0.5);
  USE_ERR(GSL_EFAULT, mdl_net_loss_value(net, MDL_NET_LOSS_SQUARED, X, Y,
                                         NULL), 1,
          "mdl_net_loss_value: value is NULL");
  USE_ERR(GSL_EBADLEN, mdl_net_loss_value(net, MDL_NET_LOSS_SQUARED, X4, Y,
                                          &out), out == S,
          "mdl_net_loss_value: 4 inputs for 9 targets");
  WANT("the label Y[0][0] = ");
  USE_ERR(GSL_EDOM, mdl_net_loss_value(net, MDL_NET_LOSS_LOGISTIC, X, Y,
                                       &out), out == S,
          "mdl_net_loss_value: logistic labels that are not +-1");
  USE_ERR(GSL_EINVAL, mdl_net_accuracy(id, MDL_NET_LOSS_SQUARED, X4, Y4,
                                       &out), out == S,
          "mdl_net_accuracy: the squared loss");
  USE_ERR(GSL_EDOM, mdl_net_accuracy(id, MDL_NET_LOSS_LOGISTIC, X4, Z4, &out),
          out == S, "mdl_net_accuracy: a label 0 for the logistic loss");
  gsl_matrix_set(Y4, 3, 0, 0);
  USE_ERR(GSL_EDOM, mdl_net_accuracy(id, MDL_NET_LOSS_LOGISTIC, X4, Y4, &out),
          out == S, "mdl_net_accuracy: a label 0 in column 0 only");
  gsl_matrix_set(Y4, 3, 0, -1);
  WANT("Y is 4 x 3 for 9 rows");
  USE_ERR(GSL_EBADLEN, mdl_net_accuracy(id, MDL_NET_LOSS_LOGISTIC, X, Y4,
                                        &out), out == S,
          "mdl_net_accuracy: X has 3 columns and 9 rows, Y 4 rows");
  WANT("acc is NULL");
  USE_ERR(GSL_EFAULT, mdl_net_accuracy(id, MDL_NET_LOSS_LOGISTIC, X4, Y4,
                                       NULL), 1,
          "mdl_net_accuracy: acc is NULL");
  gsl_matrix_free(X4);
  gsl_matrix_free(Y4);
  gsl_matrix_free(Z4);
  gsl_matrix_free(H4);
  mdl_net_free(id);
  mdl_net_free(back);
  mdl_net_free(net);
  mdl_net_free(ref);
  gsl_vector_free(d);
  gsl_vector_free(grad);
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  gsl_matrix_free(V);
  gsl_matrix_free(P);
  gsl_rng_free(r);
  gsl_rng_free(r0);
}

static void test_data_sets(void **state)
{
  (void)state;
  enum { N = 2000, K = 3 };
  unsigned long seed = claim_seed(77123);
  gsl_matrix *X = gsl_matrix_alloc(N, 2), *X2 = gsl_matrix_alloc(N, 2);
  gsl_vector *y = gsl_vector_alloc(N), *y2 = gsl_vector_alloc(N);
  const double eps = DBL_EPSILON;
  double moon = 0, side = 0, spiral = 0;
  int repro = 1;
  mdl_data_moons(seed, 0, X, y);
  for (size_t i = 0; i < N; i++) {
    double x1 = gsl_matrix_get(X, i, 0), x2 = gsl_matrix_get(X, i, 1);
    int up = gsl_vector_get(y, i) < 0;
    double dist = up ? hypot(x1, x2) : hypot(1 - x1, 0.5 - x2);
    moon = claim_fmax(moon, fabs(dist - 1) / (4 * eps));
    side += up ? x2 < 0 : x2 > 0.5;
  }
  mdl_data_moons(seed, 0.1, X2, y2);
  mdl_data_moons(seed, 0.1, X, y);
  gsl_matrix_sub(X2, X);
  repro &= gsl_matrix_isnull(X2);
  mdl_data_spirals(seed, 0, X, y);
  for (size_t i = 0; i < N; i++) {
    double x1 = gsl_matrix_get(X, i, 0), x2 = gsl_matrix_get(X, i, 1);
    double rad = hypot(x1, x2), c = gsl_vector_get(y, i) > 0 ? 0 : 1;
    double ang = 4 * M_PI * rad + c * M_PI;
    double e = hypot(x1 - rad * cos(ang), x2 - rad * sin(ang));
    spiral = claim_fmax(spiral, e / ((4 * M_PI + 8) * gam(4)));
  }
  mdl_data_spirals(seed, 0.2, X2, y2);
  mdl_data_spirals(seed, 0.2, X, y);
  gsl_matrix_sub(X2, X);
  repro &= gsl_matrix_isnull(X2);
  CLAIM(.id = "approx.net-use", .kind = CLAIM_BOUND, .measured = moon,
        .reference = 1, .tolerance = 0, .samples = N, .seed = seed,
        .note = "mdl_data_moons without noise: largest |distance to the"
                " centre - 1| over 4 eps");
  CLAIM(.id = "approx.net-use", .kind = CLAIM_IDENTITY, .measured = side,
        .reference = 0, .tolerance = 0, .samples = N, .seed = seed,
        .note = "mdl_data_moons without noise: points on the wrong side");
  CLAIM(.id = "approx.net-use", .kind = CLAIM_BOUND, .measured = spiral,
        .reference = 1, .tolerance = 0, .samples = N, .seed = seed,
        .note = "mdl_data_spirals without noise: largest distance to the"
                " spiral's point at the same radius, over (4 pi + 8) gamma_4");
  gsl_matrix *mu = gsl_matrix_alloc(K, 2), *M = gsl_matrix_calloc(K, 2);
  const double mus[K][2] = {{-1.3, 0.4}, {2.1, 2.9}, {0.35, -3.7}};
  for (size_t k = 0; k < K; k++)
    for (size_t j = 0; j < 2; j++)
      gsl_matrix_set(mu, k, j, mus[k][j]);
  const double sigma = 0.85;
  mdl_data_gaussian_mixture(seed, mu, sigma, X, y);
  double dev = 0;
  size_t count[K] = {0}, wrong_label = 0;
  for (size_t i = 0; i < N; i++) {
    size_t k = (size_t)gsl_vector_get(y, i);
    wrong_label += k != i % K;
    count[k % K]++;
    for (size_t j = 0; j < 2; j++)
      gsl_matrix_set(M, k % K, j, gsl_matrix_get(M, k % K, j)
                                      + gsl_matrix_get(X, i, j));
  }
  for (size_t k = 0; k < K; k++)
    for (size_t j = 0; j < 2; j++) {
      double mean = gsl_matrix_get(M, k, j) / (double)count[k];
      dev = claim_fmax(dev, fabs(mean - mus[k][j])
                          / (sigma / sqrt((double)count[k])));
    }
  CLAIM(.id = "approx.net-use", .kind = CLAIM_BOUND, .measured = dev,
        .reference = 5, .tolerance = 0, .samples = N, .seed = seed,
        .note = "mdl_data_gaussian_mixture: largest |sample mean - mu_k| in"
                " standard errors, 3 components in R^2");
  CLAIM(.id = "approx.net-use", .kind = CLAIM_IDENTITY,
        .measured = (double)wrong_label + (repro ? 0 : 1), .reference = 0,
        .tolerance = 0, .samples = N, .seed = seed,
        .note = "mdl_data_*: labels k = i mod K, and the same seed gives the"
                " same data");
  const double S = -7.125;
  gsl_matrix *X3 = gsl_matrix_alloc(4, 3);
  gsl_vector *y4 = gsl_vector_alloc(4), *y5 = gsl_vector_alloc(5);
  gsl_matrix_set_all(X3, S);
  gsl_vector_set_all(y4, S);
#define DATA_ERR(code, call, what)                                            \
  do {                                                                        \
    claim_expect_error();                                                     \
    int st_ = (call);                                                         \
    CLAIM(.id = "approx.net-errors", .kind = CLAIM_ERROR, .measured = st_,        \
          .reference = (code),                                                \
          .untouched = claim_all_equal_matrix(X3, S)                          \
                       && claim_all_equal(y4, S),                             \
          .note = (what));                                                    \
  } while (0)
  DATA_ERR(GSL_EFAULT, mdl_data_moons(1, 0, NULL, y4),
           "mdl_data_moons: X is NULL");
  DATA_ERR(GSL_EBADLEN, mdl_data_moons(1, 0, X3, y4),
           "mdl_data_moons: X has 3 columns");
  gsl_matrix_view X32 = gsl_matrix_submatrix(X3, 0, 0, 4, 2);
  DATA_ERR(GSL_EDOM, mdl_data_spirals(1, -0.1, &X32.matrix, y4),
           "mdl_data_spirals: noise < 0");
  DATA_ERR(GSL_EDOM, mdl_data_spirals(1, NAN, &X32.matrix, y4),
           "mdl_data_spirals: noise is NaN");
  DATA_ERR(GSL_EBADLEN, mdl_data_spirals(1, 0, &X32.matrix, y5),
           "mdl_data_spirals: 5 labels for 4 rows");
  DATA_ERR(GSL_EFAULT, mdl_data_gaussian_mixture(1, NULL, 1, X3, y4),
           "mdl_data_gaussian_mixture: means is NULL");
  DATA_ERR(GSL_EBADLEN, mdl_data_gaussian_mixture(1, mu, 1, X3, y4),
           "mdl_data_gaussian_mixture: means in R^2, X with 3 columns");
  gsl_matrix_set(mu, 1, 0, HUGE_VAL);
  DATA_ERR(GSL_EDOM, mdl_data_gaussian_mixture(1, mu, 1, &X32.matrix, y4),
           "mdl_data_gaussian_mixture: means[1][0] is inf");
  DATA_ERR(GSL_EDOM, mdl_data_gaussian_mixture(1, mu, -1, &X32.matrix, y4),
           "mdl_data_gaussian_mixture: sigma = -1");
#undef DATA_ERR
  gsl_matrix_free(X3);
  gsl_vector_free(y4);
  gsl_vector_free(y5);
  gsl_matrix_free(mu);
  gsl_matrix_free(M);
  gsl_matrix_free(X);
  gsl_matrix_free(X2);
  gsl_vector_free(y);
  gsl_vector_free(y2);
}
#line 5683 "chapters/02-approximation.nw"
#define ERRN(code, call, untouched_expr, what)                                \
  do {                                                                        \
    claim_expect_error();                                                     \
    int status_ = (call);                                                     \
    CLAIM(.id = "approx.net-errors", .kind = CLAIM_ERROR,                     \
          .measured = status_, .reference = (code),                           \
          .untouched = (untouched_expr), .note = (what));                     \
    MSG_CHECK(what);                                                          \
  } while (0)

#define ERRV(code, expr, untouched_expr, what)                                \
  do {                                                                        \
    claim_expect_error();                                                     \
    expr;                                                                     \
    CLAIM(.id = "approx.net-errors", .kind = CLAIM_ERROR,                     \
          .measured = claim_last_error(), .reference = (code),                \
          .untouched = (untouched_expr), .note = (what));                     \
    MSG_CHECK(what);                                                          \
  } while (0)

static int all_equal(const double *p, size_t n, double value)
{
  for (size_t i = 0; i < n; i++)
    if (p[i] != value)
      return 0;
  return 1;
}
#line 5718 "chapters/02-approximation.nw"
static void test_errors_functions(void **state)
{
  (void)state;
  const double S = -7.125;
  double x = 0;
  WANT("p = -0.1");
  ERRV(GSL_EDOM, x = mdl_net_logit(-0.1), isnan(x), "mdl_net_logit: p < 0");
  ERRV(GSL_EDOM, x = mdl_net_logit(NAN), isnan(x), "mdl_net_logit: p is NaN");
  ERRV(GSL_EINVAL, x = mdl_net_activate((mdl_net_activation)99, 0, 1),
       isnan(x), "mdl_net_activate: unknown activation");
  ERRV(GSL_EINVAL, x = mdl_net_activate_deriv((mdl_net_activation)-1, 0, 1),
       isnan(x), "mdl_net_activate_deriv: unknown activation");
  WANT("unknown activation 42");
  ERRV(GSL_EINVAL,
       x = mdl_net_activation_lipschitz((mdl_net_activation)42, 0),
       isnan(x), "mdl_net_activation_lipschitz: unknown activation");
  ERRV(GSL_EINVAL, x = mdl_net_activate_deriv(MDL_NET_STEP, 0, 1), isnan(x),
       "mdl_net_activate_deriv: the step has no gradient");
  ERRV(GSL_EINVAL, x = mdl_net_activate_deriv(MDL_NET_SIGN, 0, 1), isnan(x),
       "mdl_net_activate_deriv: the sign has no gradient");
  ERRV(GSL_EFAULT, x = mdl_net_logsumexp(NULL), isnan(x),
       "mdl_net_logsumexp: z is NULL");
  gsl_vector *z3 = gsl_vector_alloc(3), *s3 = gsl_vector_alloc(3);
  gsl_vector *s2 = gsl_vector_alloc(2);
  gsl_vector_set_all(z3, 0.5);
  gsl_vector_set_all(s3, S);
  gsl_vector_set_all(s2, S);
  ERRN(GSL_EFAULT, mdl_net_softmax(NULL, s3), all_equal(s3->data, 3, S),
       "mdl_net_softmax: z is NULL");
  ERRN(GSL_EFAULT, mdl_net_softmax(z3, NULL), 1, "mdl_net_softmax: s is NULL");
  WANT("z has length 3 and s 2");
  ERRN(GSL_EBADLEN, mdl_net_softmax(z3, s2), all_equal(s2->data, 2, S),
       "mdl_net_softmax: lengths differ");
#line 5759 "chapters/02-approximation.nw"
  gsl_matrix *V = gsl_matrix_alloc(2, 3), *Y = gsl_matrix_calloc(2, 3);
  gsl_matrix *dV = gsl_matrix_alloc(2, 3), *bad = gsl_matrix_alloc(3, 2);
  gsl_matrix_set_all(V, 0.25);
  gsl_matrix_set(Y, 0, 1, 1);
  gsl_matrix_set(Y, 1, 2, 1);
  gsl_matrix_set_all(dV, S);
  double value = S;
  #define LOSS_OK (value == S && all_equal(dV->data, 6, S))
  ERRN(GSL_EFAULT, mdl_net_loss_eval(MDL_NET_LOSS_SQUARED, NULL, Y, &value, dV),
       LOSS_OK, "mdl_net_loss_eval: V is NULL");
  ERRN(GSL_EFAULT, mdl_net_loss_eval(MDL_NET_LOSS_SQUARED, V, NULL, &value, dV),
       LOSS_OK, "mdl_net_loss_eval: Y is NULL");
  ERRN(GSL_EFAULT, mdl_net_loss_eval(MDL_NET_LOSS_SQUARED, V, Y, NULL, dV),
       LOSS_OK, "mdl_net_loss_eval: value is NULL");
  ERRN(GSL_EBADLEN, mdl_net_loss_eval(MDL_NET_LOSS_SQUARED, V, bad, &value, dV),
       LOSS_OK, "mdl_net_loss_eval: Y of another shape");
  ERRN(GSL_EBADLEN, mdl_net_loss_eval(MDL_NET_LOSS_SQUARED, V, Y, &value, bad),
       LOSS_OK, "mdl_net_loss_eval: dV of another shape");
  ERRN(GSL_EINVAL, mdl_net_loss_eval((mdl_net_loss)7, V, Y, &value, dV), LOSS_OK,
       "mdl_net_loss_eval: unknown loss");
  ERRN(GSL_EDOM, mdl_net_loss_eval(MDL_NET_LOSS_LOGISTIC, V, Y, &value, dV),
       LOSS_OK, "mdl_net_loss_eval: logistic label 0 (not -1 or +1)");
  ERRN(GSL_EDOM, mdl_net_loss_eval(MDL_NET_LOSS_HINGE, V, Y, &value, dV),
       LOSS_OK, "mdl_net_loss_eval: hinge label 0 (not -1 or +1)");
  gsl_matrix_set(Y, 1, 2, 1.5);
  WANT("Y[1][2] = 1.5");
  ERRN(GSL_EDOM, mdl_net_loss_eval(MDL_NET_LOSS_LOGISTIC01, V, Y, &value, dV),
       LOSS_OK, "mdl_net_loss_eval: 0/1 target 1.5");
  gsl_matrix_set(Y, 1, 2, 0.9);
  ERRN(GSL_EDOM, mdl_net_loss_eval(MDL_NET_LOSS_SOFTMAX_CE, V, Y, &value, dV),
       LOSS_OK, "mdl_net_loss_eval: a probability row summing to 0.9");
  gsl_matrix_set(Y, 1, 2, 1.1);
  gsl_matrix_set(Y, 1, 1, -0.1);
  ERRN(GSL_EDOM, mdl_net_loss_eval(MDL_NET_LOSS_SOFTMAX_CE, V, Y, &value, dV),
       LOSS_OK, "mdl_net_loss_eval: a negative probability");
  gsl_matrix_set(Y, 0, 0, NAN);
  ERRN(GSL_EDOM, mdl_net_loss_eval(MDL_NET_LOSS_SQUARED, V, Y, &value, dV),
       LOSS_OK, "mdl_net_loss_eval: a NaN target");
  gsl_matrix_set(Y, 0, 0, 0);
  gsl_matrix_set(V, 1, 0, NAN);
  WANT("V[1][0] = nan");
  ERRN(GSL_EDOM, mdl_net_loss_eval(MDL_NET_LOSS_SQUARED, V, Y, &value, dV),
       LOSS_OK, "mdl_net_loss_eval: a NaN output");
  #undef LOSS_OK
  gsl_matrix_free(V);
  gsl_matrix_free(Y);
  gsl_matrix_free(dV);
  gsl_matrix_free(bad);
#line 5752 "chapters/02-approximation.nw"
  gsl_vector_free(z3);
  gsl_vector_free(s3);
  gsl_vector_free(s2);
}
#line 5810 "chapters/02-approximation.nw"
static void test_errors_network(void **state)
{
  (void)state;
  const size_t w[] = {3, 4, 2}, w0[] = {3, 0, 2};
  const mdl_net_activation acts[] = {MDL_NET_RELU, MDL_NET_LEAKY_RELU};
  const mdl_net_activation bad_acts[] = {MDL_NET_RELU, (mdl_net_activation)11};
  const mdl_net_activation bad_first[] = {(mdl_net_activation)11, MDL_NET_RELU};
  const size_t w00[] = {0, 4, 2}, wout0[] = {3, 4, 0};
  mdl_net *got = NULL;
  ERRV(GSL_EFAULT, got = mdl_net_alloc(2, NULL, acts), got == NULL,
       "mdl_net_alloc: widths is NULL");
  ERRV(GSL_EFAULT, got = mdl_net_alloc(2, w, NULL), got == NULL,
       "mdl_net_alloc: acts is NULL");
  ERRV(GSL_EINVAL, got = mdl_net_alloc(0, w, acts), got == NULL,
       "mdl_net_alloc: depth 0");
  WANT("widths[1] = 0");
  ERRV(GSL_EINVAL, got = mdl_net_alloc(2, w0, acts), got == NULL,
       "mdl_net_alloc: a width of 0");
  ERRV(GSL_EINVAL, got = mdl_net_alloc(2, w, bad_acts), got == NULL,
       "mdl_net_alloc: unknown activation");
  ERRV(GSL_EINVAL, got = mdl_net_alloc(2, w, bad_first), got == NULL,
       "mdl_net_alloc: unknown activation in the first layer");
  ERRV(GSL_EINVAL, got = mdl_net_alloc(2, w00, acts), got == NULL,
       "mdl_net_alloc: an input width of 0");
  ERRV(GSL_EINVAL, got = mdl_net_alloc(2, wout0, acts), got == NULL,
       "mdl_net_alloc: an output width of 0");
  WANT("net is NULL");
  ERRV(GSL_EFAULT, got = mdl_net_clone(NULL), got == NULL,
       "mdl_net_clone: net is NULL");
  mdl_net *net = mdl_net_alloc(2, w, acts);
  gsl_vector *theta = mdl_net_params(net);
  gsl_vector_set_all(theta, -7.125);
  double x = 0;
  ERRN(GSL_EFAULT, mdl_net_set_alpha(NULL, 1, 0.2), 1,
       "mdl_net_set_alpha: net is NULL");
  WANT("layer l = 2; the network has layers 0 to 1");
  ERRN(GSL_EINVAL, mdl_net_set_alpha(net, 2, 0.2),
       mdl_net_alpha(net, 1) == 0.01, "mdl_net_set_alpha: no layer 2");
  ERRN(GSL_EINVAL, mdl_net_set_alpha(net, 0, 0.2),
       mdl_net_alpha(net, 0) == 0, "mdl_net_set_alpha: a ReLU layer");
  ERRN(GSL_EINVAL, mdl_net_set_alpha(net, 1, INFINITY),
       mdl_net_alpha(net, 1) == 0.01, "mdl_net_set_alpha: infinite alpha");
  ERRV(GSL_EFAULT, x = mdl_net_alpha(NULL, 0), isnan(x),
       "mdl_net_alpha: net is NULL");
  WANT("layer l = 2");
  ERRV(GSL_EINVAL, x = mdl_net_alpha(net, 2), isnan(x),
       "mdl_net_alpha: no layer 2");
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  ERRN(GSL_EFAULT, mdl_net_init(NULL, r), 1, "mdl_net_init: net is NULL");
  WANT("r is NULL");
  ERRN(GSL_EFAULT, mdl_net_init(net, NULL), all_equal(theta->data, 26, -7.125),
       "mdl_net_init: r is NULL");
  size_t n = 1;
  WANT("net is NULL");
  ERRV(GSL_EFAULT, n = mdl_net_depth(NULL), n == 0,
       "mdl_net_depth: net is NULL");
  n = 1;
  ERRV(GSL_EFAULT, n = mdl_net_width(NULL, 0), n == 0,
       "mdl_net_width: net is NULL");
  n = 1;
  WANT("l = 3; the network has widths 0 to 2");
  ERRV(GSL_EINVAL, n = mdl_net_width(net, 3), n == 0,
       "mdl_net_width: no width 3 in a network of depth 2");
  n = 1;
  WANT("net is NULL");
  ERRV(GSL_EFAULT, n = mdl_net_nparams(NULL), n == 0,
       "mdl_net_nparams: net is NULL");
  gsl_vector *v = theta;
  WANT("net is NULL");
  ERRV(GSL_EFAULT, v = mdl_net_params(NULL), v == NULL,
       "mdl_net_params: net is NULL");
  mdl_net_activation act = MDL_NET_SIGN;
  ERRN(GSL_EFAULT, mdl_net_get_activation(NULL, 0, &act), act == MDL_NET_SIGN,
       "mdl_net_get_activation: net is NULL");
  WANT("layer l = 2");
  ERRN(GSL_EINVAL, mdl_net_get_activation(net, 2, &act), act == MDL_NET_SIGN,
       "mdl_net_get_activation: no layer 2");
#line 5894 "chapters/02-approximation.nw"
  gsl_vector *short_v = gsl_vector_alloc(25), *long_v = gsl_vector_alloc(52);
  gsl_vector_view strided = gsl_vector_subvector_with_stride(long_v, 0, 2, 26);
  gsl_matrix_view mv;
  gsl_vector_view vv;
  ERRV(GSL_EFAULT, mv = mdl_net_weight(NULL, NULL, 0), mv.matrix.data == NULL,
       "mdl_net_weight: net is NULL");
  ERRV(GSL_EINVAL, mv = mdl_net_weight(net, NULL, 2), mv.matrix.data == NULL,
       "mdl_net_weight: no layer 2");
  WANT("v has length 25, the network 26");
  ERRV(GSL_EBADLEN, mv = mdl_net_weight(net, short_v, 0),
       mv.matrix.data == NULL, "mdl_net_weight: v of length 25, not 26");
  ERRV(GSL_EINVAL, mv = mdl_net_weight(net, &strided.vector, 0),
       mv.matrix.data == NULL, "mdl_net_weight: v with stride 2");
  ERRV(GSL_EINVAL, vv = mdl_net_bias(net, NULL, 2), vv.vector.data == NULL,
       "mdl_net_bias: no layer 2");
  WANT("v has length 25, the network 26");
  ERRV(GSL_EBADLEN, vv = mdl_net_bias(net, short_v, 1), vv.vector.data == NULL,
       "mdl_net_bias: v of length 25, not 26");
  gsl_vector_free(short_v);
  gsl_vector_free(long_v);
#line 5888 "chapters/02-approximation.nw"
  gsl_rng_free(r);
  mdl_net_free(net);
}
#line 5917 "chapters/02-approximation.nw"
static void test_errors_passes(void **state)
{
  (void)state;
  const double S = -7.125;
  const size_t w[] = {3, 4, 2};
  const mdl_net_activation acts[] = {MDL_NET_TANH, MDL_NET_IDENTITY};
  const mdl_net_activation step_acts[] = {MDL_NET_STEP, MDL_NET_IDENTITY};
  mdl_net *net = mdl_net_alloc(2, w, acts);
  mdl_net *stepnet = mdl_net_alloc(2, w, step_acts);
  gsl_matrix *X = gsl_matrix_alloc(5, 3), *Y = gsl_matrix_alloc(5, 2);
  gsl_matrix *X4 = gsl_matrix_alloc(5, 4), *Y3 = gsl_matrix_alloc(5, 3);
  gsl_matrix *Y4 = gsl_matrix_alloc(4, 2), *dX = gsl_matrix_alloc(5, 3);
  gsl_matrix *dX2 = gsl_matrix_alloc(5, 2);
  gsl_vector *g = gsl_vector_alloc(26), *g25 = gsl_vector_alloc(25);
  gsl_vector *g52 = gsl_vector_alloc(52);
  gsl_vector_view gs = gsl_vector_subvector_with_stride(g52, 0, 2, 26);
  gsl_matrix_set_all(X, 0.5);
  gsl_matrix_set_all(Y, S);
  gsl_matrix_set_all(dX, S);
  gsl_vector_set_all(g, S);
  ERRN(GSL_EFAULT, mdl_net_forward(NULL, X, Y), all_equal(Y->data, 10, S),
       "mdl_net_forward: net is NULL");
  ERRN(GSL_EFAULT, mdl_net_forward(net, NULL, Y), all_equal(Y->data, 10, S),
       "mdl_net_forward: X is NULL");
  WANT("Y is NULL");
  ERRN(GSL_EFAULT, mdl_net_forward(net, X, NULL), 1,
       "mdl_net_forward: Y is NULL");
  ERRN(GSL_EBADLEN, mdl_net_forward(net, X4, Y), all_equal(Y->data, 10, S),
       "mdl_net_forward: X with 4 columns, not 3");
  ERRN(GSL_EBADLEN, mdl_net_forward(net, X, Y4), 1,
       "mdl_net_forward: Y with 4 rows for a batch of 5");
  ERRN(GSL_EINVAL, mdl_net_backward(net, Y, g, dX),
       all_equal(g->data, 26, S) && all_equal(dX->data, 15, S),
       "mdl_net_backward: no forward pass yet");
#line 5969 "chapters/02-approximation.nw"
  gsl_matrix *out = gsl_matrix_alloc(5, 2);
  mdl_net_forward(net, X, out);
  mdl_net_forward(stepnet, X, out);
  gsl_matrix_set_all(out, 0.25);
  #define BACK_OK (all_equal(g->data, 26, S) && all_equal(dX->data, 15, S))
  ERRN(GSL_EFAULT, mdl_net_backward(NULL, out, g, dX), BACK_OK,
       "mdl_net_backward: net is NULL");
  ERRN(GSL_EFAULT, mdl_net_backward(net, NULL, g, dX), BACK_OK,
       "mdl_net_backward: dY is NULL");
  WANT("activation 8 of layer 0");
  ERRN(GSL_EINVAL, mdl_net_backward(stepnet, out, g, dX), BACK_OK,
       "mdl_net_backward: a step layer");
  ERRN(GSL_EBADLEN, mdl_net_backward(net, Y4, g, dX), BACK_OK,
       "mdl_net_backward: dY with 4 rows after a batch of 5");
  ERRN(GSL_EBADLEN, mdl_net_backward(net, out, g25, dX), BACK_OK,
       "mdl_net_backward: grad of length 25, not 26");
  WANT("grad has stride 2");
  ERRN(GSL_EINVAL, mdl_net_backward(net, out, &gs.vector, dX), BACK_OK,
       "mdl_net_backward: grad with stride 2");
  ERRN(GSL_EBADLEN, mdl_net_backward(net, out, g, dX2),
       all_equal(g->data, 26, S), "mdl_net_backward: dX with 2 columns, not 3");
  #undef BACK_OK
  gsl_matrix_free(out);
#line 5952 "chapters/02-approximation.nw"
#line 5995 "chapters/02-approximation.nw"
  double value = S;
  gsl_matrix_set_all(Y, 0.5);
  ERRN(GSL_EFAULT, mdl_net_gradient(NULL, MDL_NET_LOSS_SQUARED, X, Y, &value, g),
       value == S && all_equal(g->data, 26, S), "mdl_net_gradient: net is NULL");
  ERRN(GSL_EFAULT, mdl_net_gradient(net, MDL_NET_LOSS_SQUARED, X, Y, NULL, g),
       all_equal(g->data, 26, S), "mdl_net_gradient: value is NULL");
  ERRN(GSL_EBADLEN, mdl_net_gradient(net, MDL_NET_LOSS_SQUARED, X, Y3, &value,
                                     g),
       value == S && all_equal(g->data, 26, S),
       "mdl_net_gradient: Y with 3 columns, not 2");
  ERRN(GSL_EBADLEN, mdl_net_gradient(net, MDL_NET_LOSS_SQUARED, X, Y, &value,
                                     g25),
       value == S, "mdl_net_gradient: grad of length 25");
  WANT("the label Y[0][0] = 0.5");
  ERRN(GSL_EDOM, mdl_net_gradient(net, MDL_NET_LOSS_HINGE, X, Y, &value, g),
       value == S && all_equal(g->data, 26, S),
       "mdl_net_gradient: hinge labels 0.5");
  ERRN(GSL_EINVAL, mdl_net_gradient(stepnet, MDL_NET_LOSS_SQUARED, X, Y, &value,
                                    g),
       value == S && all_equal(g->data, 26, S),
       "mdl_net_gradient: a step layer");
  mdl_optim_params par = mdl_optim_defaults(mdl_optim_gd);
  par.lr = 0.1;
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, 26, &par);
  mdl_optim *opt25 = mdl_optim_alloc(mdl_optim_gd, 25, &par);
  gsl_vector *theta = mdl_net_params(net), *theta0 = gsl_vector_alloc(26);
  gsl_vector_memcpy(theta0, theta);
  #define SAME_THETA (gsl_vector_equal(theta, theta0))
  WANT("opt is NULL");
  ERRN(GSL_EFAULT, mdl_net_train_step(net, NULL, MDL_NET_LOSS_SQUARED, X, Y,
                                      &value),
       SAME_THETA && value == S, "mdl_net_train_step: opt is NULL");
  ERRN(GSL_EBADLEN, mdl_net_train_step(net, opt, MDL_NET_LOSS_SQUARED, X, Y3,
                                       &value),
       SAME_THETA && value == S, "mdl_net_train_step: Y with 3 columns");
  WANT("mdl_optim_step: theta has length 26 and grad 26, the optimizer 25");
  ERRN(GSL_EBADLEN, mdl_net_train_step(net, opt25, MDL_NET_LOSS_SQUARED, X, Y,
                                       &value),
       SAME_THETA && value == S,
       "mdl_net_train_step: an optimizer for 25 parameters (its step refuses)");
  ERRN(GSL_EFAULT, mdl_net_train_epoch(net, opt, MDL_NET_LOSS_SQUARED, NULL, Y,
                                       2, NULL, &value),
       SAME_THETA && value == S, "mdl_net_train_epoch: X is NULL");
  WANT("batch = 0");
  ERRN(GSL_EINVAL, mdl_net_train_epoch(net, opt, MDL_NET_LOSS_SQUARED, X, Y, 0,
                                       NULL, &value),
       SAME_THETA && value == S, "mdl_net_train_epoch: batch size 0");
  WANT("X is 5 x 3 and Y 4 x 2");
  ERRN(GSL_EBADLEN, mdl_net_train_epoch(net, opt, MDL_NET_LOSS_SQUARED, X, Y4,
                                        2, NULL, &value),
       SAME_THETA && value == S, "mdl_net_train_epoch: 4 targets for 5 inputs");
  ERRN(GSL_EFAULT, mdl_net_sgd_step(NULL, 0.1, MDL_NET_LOSS_SQUARED, X, Y,
                                    &value),
       SAME_THETA && value == S, "mdl_net_sgd_step: net is NULL");
  ERRN(GSL_EINVAL, mdl_net_sgd_step(net, -0.1, MDL_NET_LOSS_SQUARED, X, Y,
                                    &value),
       SAME_THETA && value == S, "mdl_net_sgd_step: negative step");
  WANT("lr = nan");
  ERRN(GSL_EINVAL, mdl_net_sgd_step(net, NAN, MDL_NET_LOSS_SQUARED, X, Y,
                                    &value),
       SAME_THETA && value == S, "mdl_net_sgd_step: NaN step");
  WANT("X is 5 x 3 and Y 5 x 3");
  ERRN(GSL_EBADLEN, mdl_net_sgd_step(net, 0.1, MDL_NET_LOSS_SQUARED, X, Y3,
                                     &value),
       SAME_THETA && value == S, "mdl_net_sgd_step: Y with 3 columns");
  #undef SAME_THETA
  mdl_optim_free(opt);
  mdl_optim_free(opt25);
  gsl_vector_free(theta0);
#line 5953 "chapters/02-approximation.nw"
  mdl_net_free(net);
  mdl_net_free(stepnet);
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  gsl_matrix_free(X4);
  gsl_matrix_free(Y3);
  gsl_matrix_free(Y4);
  gsl_matrix_free(dX);
  gsl_matrix_free(dX2);
  gsl_vector_free(g);
  gsl_vector_free(g25);
  gsl_vector_free(g52);
}
#line 6067 "chapters/02-approximation.nw"
static void test_errors_files(void **state)
{
  (void)state;
  const size_t w[] = {2, 2};
  const mdl_net_activation acts[] = {MDL_NET_IDENTITY};
  mdl_net *net = mdl_net_alloc(1, w, acts), *got = net;
  FILE *fp = tmpfile();
  ERRN(GSL_EFAULT, mdl_net_fwrite(NULL, net), 1,
       "mdl_net_fwrite: stream is NULL");
  WANT("net is NULL");
  ERRN(GSL_EFAULT, mdl_net_fwrite(fp, NULL), ftell(fp) == 0,
       "mdl_net_fwrite: net is NULL");
  FILE *ro = fopen("/dev/null", "rb");
  ERRN(GSL_EFAILED, mdl_net_fwrite(ro, net), 1,
       "mdl_net_fwrite: a stream open for reading only");
  fclose(ro);
  WANT("stream is NULL");
  ERRV(GSL_EFAULT, got = mdl_net_fread(NULL), got == NULL,
       "mdl_net_fread: stream is NULL");
  got = net;
  ERRV(GSL_EOF, got = mdl_net_fread(fp), got == NULL,
       "mdl_net_fread: an empty stream");
  fputs("#!/bin/sh\necho this is not a network\n", fp);
  rewind(fp);
  got = net;
  ERRV(GSL_EFAILED, got = mdl_net_fread(fp), got == NULL,
       "mdl_net_fread: a text file (wrong magic number)");
  fclose(fp);
  mdl_net_free(net);
}
#line 6100 "chapters/02-approximation.nw"
static void test_errors_graphs(void **state)
{
  (void)state;
  mdl_net_graph *g = NULL, *got = NULL;
  WANT("ninputs = 0");
  ERRV(GSL_EINVAL, got = mdl_net_graph_alloc(0), got == NULL,
       "mdl_net_graph_alloc: no inputs");
  g = mdl_net_graph_alloc(2);
  size_t node = 99, V, E, M;
  ERRN(GSL_EFAULT, mdl_net_graph_add(NULL, MDL_NET_OP_ADD, 0, 1, &node),
       node == 99, "mdl_net_graph_add: g is NULL");
  WANT("node is NULL");
  ERRN(GSL_EFAULT, mdl_net_graph_add(g, MDL_NET_OP_ADD, 0, 1, NULL), 1,
       "mdl_net_graph_add: node is NULL");
  ERRN(GSL_EINVAL, mdl_net_graph_add(g, (mdl_net_op)5, 0, 1, &node),
       node == 99, "mdl_net_graph_add: unknown operation");
  WANT("b = 2 must be earlier nodes, below 2");
  ERRN(GSL_EINVAL, mdl_net_graph_add(g, MDL_NET_OP_MUL, 0, 2, &node),
       node == 99, "mdl_net_graph_add: argument 2 is not an earlier node");
  mdl_net_graph_add(g, MDL_NET_OP_MUL, 0, 1, &node);
  ERRN(GSL_EFAULT, mdl_net_graph_output(NULL, 2), 1,
       "mdl_net_graph_output: g is NULL");
  WANT("node 3; the graph has nodes 0 to 2");
  ERRN(GSL_EINVAL, mdl_net_graph_output(g, 3),
       (mdl_net_graph_size(g, &V, &E, &M), M == 0),
       "mdl_net_graph_output: no node 3");
  mdl_net_graph_output(g, 2);
  WANT("edges is NULL");
  ERRN(GSL_EFAULT, mdl_net_graph_size(g, &V, NULL, &M), 1,
       "mdl_net_graph_size: edges is NULL");
  gsl_vector *x2 = gsl_vector_alloc(2), *x3 = gsl_vector_alloc(3);
  gsl_vector *y1 = gsl_vector_alloc(1), *y2 = gsl_vector_alloc(2);
  gsl_matrix *J = gsl_matrix_alloc(1, 2), *Jt = gsl_matrix_alloc(2, 1);
  gsl_vector_set_all(x2, 0.5);
  gsl_vector_set_all(y1, -7.125);
  gsl_matrix_set_all(J, -7.125);
  ERRN(GSL_EFAULT, mdl_net_graph_eval(g, NULL, y1),
       gsl_vector_get(y1, 0) == -7.125, "mdl_net_graph_eval: x is NULL");
  WANT("x has length 3, the graph 2 inputs");
  ERRN(GSL_EBADLEN, mdl_net_graph_eval(g, x3, y1),
       gsl_vector_get(y1, 0) == -7.125, "mdl_net_graph_eval: x of length 3");
  ERRN(GSL_EBADLEN, mdl_net_graph_eval(g, x2, y2), 1,
       "mdl_net_graph_eval: y of length 2 for one output");
  ERRN(GSL_EFAULT, mdl_net_graph_jacobian(NULL, x2, 1, J, NULL),
       all_equal(J->data, 2, -7.125), "mdl_net_graph_jacobian: g is NULL");
  WANT("J is 2 x 1, expected 1 x 2");
  ERRN(GSL_EBADLEN, mdl_net_graph_jacobian(g, x2, 1, Jt, NULL), 1,
       "mdl_net_graph_jacobian: J transposed");
  mdl_net_graph_free(g);
  gsl_vector_free(x2);
  gsl_vector_free(x3);
  gsl_vector_free(y1);
  gsl_vector_free(y2);
  gsl_matrix_free(J);
  gsl_matrix_free(Jt);
}
#line 6174 "chapters/02-approximation.nw"
static void test_bad_input_net(void **state)
{
  (void)state;
  const double S = -7.125;
  double v = 0;
  CLAIM(.id = "approx.net-errors", .kind = CLAIM_IDENTITY,
        .measured = isnan(mdl_net_sigmoid(NAN)) && mdl_net_sigmoid(HUGE_VAL) == 1
                    && mdl_net_sigmoid(-HUGE_VAL) == 0,
        .reference = 1, .tolerance = 0,
        .note = "mdl_net_sigmoid: NaN gives NaN, no error; +-inf give 1 and 0");
  CLAIM(.id = "approx.net-errors", .kind = CLAIM_IDENTITY,
        .measured = isnan(mdl_net_softplus(NAN)) && mdl_net_softplus(HUGE_VAL) == HUGE_VAL
                    && mdl_net_softplus(-HUGE_VAL) == 0,
        .reference = 1, .tolerance = 0,
        .note = "mdl_net_softplus: NaN gives NaN, no error; +-inf give inf and 0");
  CLAIM(.id = "approx.net-errors", .kind = CLAIM_IDENTITY,
        .measured = isnan(mdl_net_log_sigmoid(NAN)) && mdl_net_log_sigmoid(HUGE_VAL) == 0
                    && mdl_net_log_sigmoid(-HUGE_VAL) == -HUGE_VAL,
        .reference = 1, .tolerance = 0,
        .note = "mdl_net_log_sigmoid: NaN gives NaN, no error; +-inf give 0 and -inf");
  WANT("z = nan");
  ERRV(GSL_EDOM, v = mdl_net_activate(MDL_NET_STEP, 0, NAN), isnan(v),
       "mdl_net_activate: the step of NaN");
  ERRV(GSL_EINVAL, v = mdl_net_activate(MDL_NET_LEAKY_RELU, HUGE_VAL, -1), isnan(v),
       "mdl_net_activate: alpha = inf");
  WANT("z = nan");
  ERRV(GSL_EDOM, v = mdl_net_activate_deriv(MDL_NET_RELU, 0, NAN), isnan(v),
       "mdl_net_activate_deriv: z is NaN");
  ERRV(GSL_EINVAL, v = mdl_net_activation_lipschitz(MDL_NET_ELU, NAN), isnan(v),
       "mdl_net_activation_lipschitz: alpha is NaN");
  gsl_vector e = claim_empty_vector();
  gsl_vector *z = gsl_vector_alloc(3), *s = gsl_vector_alloc(3);
  gsl_vector_set(z, 0, 0.3);
  gsl_vector_set(z, 1, NAN);
  gsl_vector_set(z, 2, -1.2);
  gsl_vector_set_all(s, S);
  ERRV(GSL_EBADLEN, v = mdl_net_logsumexp(&e), isnan(v),
       "mdl_net_logsumexp: an empty vector");
  WANT("z[1] = nan");
  ERRV(GSL_EDOM, v = mdl_net_logsumexp(z), isnan(v), "mdl_net_logsumexp: z holds NaN");
  ERRN(GSL_EBADLEN, mdl_net_softmax(&e, &e), 1, "mdl_net_softmax: empty vectors");
  ERRN(GSL_EDOM, mdl_net_softmax(z, s), claim_all_equal(s, S),
       "mdl_net_softmax: z holds NaN");
  gsl_vector_set(z, 1, HUGE_VAL);
  ERRN(GSL_EDOM, mdl_net_softmax(z, s), claim_all_equal(s, S),
       "mdl_net_softmax: z holds +inf");
  gsl_matrix E0 = claim_empty_matrix(0, 2);
  ERRN(GSL_EBADLEN, mdl_net_loss_eval(MDL_NET_LOSS_SQUARED, &E0, &E0, &v, NULL), 1,
       "mdl_net_loss_eval: a batch of 0 rows");
  gsl_matrix *V1 = gsl_matrix_alloc(2, 2), *Y1 = gsl_matrix_alloc(2, 2);
  gsl_matrix_set_all(V1, 0.5);
  gsl_matrix_set_all(Y1, 0.25);
  gsl_matrix_set(Y1, 1, 0, -HUGE_VAL);
  v = S;
  ERRN(GSL_EDOM, mdl_net_loss_eval(MDL_NET_LOSS_SQUARED, V1, Y1, &v, NULL), v == S,
       "mdl_net_loss_eval: a squared-loss target -inf");
  gsl_matrix_free(V1);
  gsl_matrix_free(Y1);

  const size_t w[] = {3, 4, 2};
  const mdl_net_activation acts[] = {MDL_NET_TANH, MDL_NET_IDENTITY};
  mdl_net *net = mdl_net_alloc(2, w, acts);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  mdl_net_init(net, r);
  gsl_vector *theta0 = gsl_vector_alloc(mdl_net_nparams(net));
  gsl_vector_memcpy(theta0, mdl_net_params(net));
  gsl_matrix X0 = claim_empty_matrix(0, 3), Y0 = claim_empty_matrix(0, 2);
  gsl_matrix *X = gsl_matrix_alloc(5, 3), *Y = gsl_matrix_alloc(5, 2);
  gsl_matrix *T = gsl_matrix_alloc(5, 2);
  gsl_vector *g = gsl_vector_alloc(mdl_net_nparams(net));
  gsl_matrix_set_all(X, 0.5);
  gsl_matrix_set_all(T, 0.25);
  gsl_matrix_set_all(Y, S);
  gsl_vector_set_all(g, S);
  ERRN(GSL_EBADLEN, mdl_net_forward(net, &X0, &Y0), 1,
       "mdl_net_forward: a batch of 0 rows");
  gsl_matrix_set(X, 3, 1, NAN);
  ERRN(GSL_EDOM, mdl_net_forward(net, X, Y), claim_all_equal_matrix(Y, S),
       "mdl_net_forward: X[3][1] is NaN");
  gsl_matrix_set(X, 3, 1, -HUGE_VAL);
  ERRN(GSL_EDOM, mdl_net_forward(net, X, Y), claim_all_equal_matrix(Y, S),
       "mdl_net_forward: X[3][1] is -inf");
  v = S;
  ERRN(GSL_EDOM, mdl_net_gradient(net, MDL_NET_LOSS_SQUARED, X, T, &v, g),
       v == S && claim_all_equal(g, S), "mdl_net_gradient: X holds -inf");
  ERRN(GSL_EBADLEN, mdl_net_gradient(net, MDL_NET_LOSS_SQUARED, &X0, &Y0, &v, g),
       v == S && claim_all_equal(g, S), "mdl_net_gradient: a batch of 0 rows");
  ERRN(GSL_EDOM, mdl_net_sgd_step(net, 0.1, MDL_NET_LOSS_SQUARED, X, T, &v),
       v == S && gsl_vector_equal(mdl_net_params(net), theta0),
       "mdl_net_sgd_step: X holds -inf");
  mdl_optim_params op = mdl_optim_defaults(mdl_optim_gd);
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, mdl_net_nparams(net), &op);
  ERRN(GSL_EBADLEN, mdl_net_train_step(net, opt, MDL_NET_LOSS_SQUARED, &X0, &Y0, &v),
       v == S && gsl_vector_equal(mdl_net_params(net), theta0),
       "mdl_net_train_step: a batch of 0 rows");
  ERRN(GSL_EBADLEN,
       mdl_net_train_epoch(net, opt, MDL_NET_LOSS_SQUARED, &X0, &Y0, 2, r, &v),
       v == S && gsl_vector_equal(mdl_net_params(net), theta0),
       "mdl_net_train_epoch: 0 examples");
  gsl_matrix_set(X, 3, 1, 0.5);
  mdl_net_forward(net, X, Y);
  gsl_matrix_set_all(T, 0.25);
  gsl_matrix_set(T, 0, 0, NAN);
  ERRN(GSL_EDOM, mdl_net_backward(net, T, g, NULL), claim_all_equal(g, S),
       "mdl_net_backward: dY[0][0] is NaN");
  mdl_net_graph *gr = mdl_net_graph_alloc(2);
  size_t node;
  mdl_net_graph_add(gr, MDL_NET_OP_MUL, 0, 1, &node);
  mdl_net_graph_output(gr, node);
  gsl_vector *x2 = gsl_vector_alloc(2), *y1 = gsl_vector_alloc(1);
  gsl_matrix *J = gsl_matrix_alloc(1, 2);
  gsl_vector_set(x2, 0, 0.5);
  gsl_vector_set(x2, 1, NAN);
  gsl_vector_set_all(y1, S);
  gsl_matrix_set_all(J, S);
  ERRN(GSL_EDOM, mdl_net_graph_eval(gr, x2, y1), claim_all_equal(y1, S),
       "mdl_net_graph_eval: x[1] is NaN");
  ERRN(GSL_EDOM, mdl_net_graph_jacobian(gr, x2, 0, J, NULL),
       claim_all_equal_matrix(J, S), "mdl_net_graph_jacobian: x[1] is NaN");
  mdl_net_graph *mute = mdl_net_graph_alloc(2);
  mdl_net_graph_add(mute, MDL_NET_OP_ADD, 0, 1, &node);
  gsl_vector_set(x2, 1, 0.25);
  WANT("0 outputs");
  ERRN(GSL_EBADLEN, mdl_net_graph_eval(mute, x2, &e), 1,
       "mdl_net_graph_eval: a graph with no output");
  mdl_net_graph_free(mute);
  mdl_net_graph_free(NULL);
  mdl_net_free(NULL);
  CLAIM(.id = "approx.net-errors", .kind = CLAIM_IDENTITY, .measured = 1,
        .reference = 1, .tolerance = 0,
        .note = "mdl_net_free and mdl_net_graph_free: NULL does nothing");
  CLAIM(.id = "approx.net-errors", .kind = CLAIM_IDENTITY, .measured = 1,
        .reference = 1, .tolerance = 0,
        .note = "mdl_net_graph_free: NULL does nothing");
  mdl_net_graph_free(gr);
  mdl_optim_free(opt);
  mdl_net_free(net);
  gsl_rng_free(r);
  gsl_vector_free(theta0);
  gsl_vector_free(z);
  gsl_vector_free(s);
  gsl_vector_free(g);
  gsl_vector_free(x2);
  gsl_vector_free(y1);
  gsl_matrix_free(J);
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  gsl_matrix_free(T);
}
#line 6926 "chapters/02-approximation.nw"
static void data_file(char *path, const void *bytes, size_t n)
{
  strcpy(path, "/tmp/mdl-data-XXXXXX");
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  FILE *fp = fdopen(fd, "wb");
  assert_non_null(fp);
  assert_true(fwrite(bytes, 1, n, fp) == n);
  assert_true(fclose(fp) == 0);
}

static void data_text(char *path, const char *text)
{
  data_file(path, text, strlen(text));
}

static size_t idx_file_bytes(unsigned char *out, uint32_t magic,
                             const uint32_t *dims, const unsigned char *data,
                             size_t n)
{
  size_t k = 0;
  uint32_t words[4] = {magic, dims[0], dims[1], dims[2]};
  for (unsigned w = 0; w < 1 + (magic & 0xff); w++)
    for (int s = 24; s >= 0; s -= 8)
      out[k++] = (unsigned char)(words[w] >> s);
  memcpy(out + k, data, n);
  return k + n;
}

static char data_reason[512];

static void data_capture(const char *reason, const char *file, int line,
                         int code)
{
  (void)file;
  (void)line;
  (void)code;
  snprintf(data_reason, sizeof data_reason, "%s", reason);
}
#line 6971 "chapters/02-approximation.nw"
static void test_data_roundtrip(void **state)
{
  (void)state;
  enum { R = 200, C = 5 };
  unsigned long seed = claim_seed(1414);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  gsl_matrix *A = gsl_matrix_alloc(R, C);
  for (size_t i = 0; i < R; i++)
    for (size_t j = 0; j < C; j++) {
      double m = (double)(gsl_rng_get(r) >> 6) * 0x1p-26
                 + (double)(gsl_rng_get(r) >> 5) * 0x1p-53;
      int ex = (int)gsl_rng_uniform_int(r, 201) - 100;
      gsl_matrix_set(A, i, j, (gsl_rng_uniform_int(r, 2) ? -1 : 1) * ldexp(m, ex));
    }
  const double special[] = {-0.0, 0x1p-1074, DBL_MAX, 0.1, 1.0 / 3};
  for (size_t j = 0; j < C; j++)
    gsl_matrix_set(A, 2, j, special[j]);
  static char text[R * C * 40 + 64];
  char *t = text;
  t += sprintf(t, "x1,x2 , x3,x4,x5\n");
  for (size_t i = 0; i < R; i++) {
    for (size_t j = 0; j < C; j++)
      t += sprintf(t, "%s%.17g%s%s", j == 1 ? " " : "", gsl_matrix_get(A, i, j),
                   j == 1 ? "\t" : "", j + 1 < C ? "," : "");
    t += sprintf(t, i % 2 ? "\r\n" : i == 3 ? "\n  \n" : "\n");
  }
  char path[32];
  data_text(path, text);
  gsl_matrix *X = NULL, *Y = NULL;
  int status = mdl_data_csv_read(path, 1, &X);
  FILE *fp = fopen(path, "r");
  assert_non_null(fp);
  int status2 = mdl_data_csv_fread(fp, 1, &Y);
  fclose(fp);
  remove(path);
  double differ = 0;
  for (size_t i = 0; i < R; i++)
    for (size_t j = 0; j < C; j++) {
      double a = gsl_matrix_get(A, i, j);
      differ += X == NULL || X->size1 != R || X->size2 != C
                || memcmp(&a, gsl_matrix_ptr(X, i, j), sizeof a) != 0;
      differ += Y == NULL || Y->size1 != R || Y->size2 != C
                || memcmp(&a, gsl_matrix_ptr(Y, i, j), sizeof a) != 0;
    }
  CLAIM(.id = "approx.data-roundtrip", .kind = CLAIM_IDENTITY,
        .measured = differ + (status != 0) + (status2 != 0), .reference = 0,
        .tolerance = 0, .samples = R * C, .seed = seed,
        .note = "mdl_data_csv_read, mdl_data_csv_fread: entries of a 200 x 5 "
                "matrix (a 20 kB file) not read back bit for bit (or a "
                "failed read)");
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  gsl_matrix_free(A);
  gsl_rng_free(r);
#line 7035 "chapters/02-approximation.nw"
  enum { N = 100, H = 28, W = 28, L = 7 };
  static unsigned char pix[N * H * W], file[16 + N * H * W];
  unsigned char lab[L];
  double bad = 0;
  for (int shift = 0; shift < 256; shift += N * H * W) {
    for (size_t k = 0; k < N * H * W; k++)
      pix[k] = (unsigned char)(255 - (k + shift) % 256);
    const uint32_t dims[3] = {N, H, W};
    size_t n = idx_file_bytes(file, 0x803, dims, pix, sizeof pix);
    data_file(path, file, n);
    for (int scale = 0; scale <= 1; scale++) {
      gsl_matrix *P = NULL, *Q = NULL;
      bad += mdl_data_idx_read_images(path, scale, &P) != 0;
      fp = fopen(path, "rb");
      assert_non_null(fp);
      bad += mdl_data_idx_fread_images(fp, scale, &Q) != 0;
      fclose(fp);
      for (size_t i = 0; i < N; i++)
        for (size_t j = 0; j < H * W; j++) {
          unsigned char b = pix[i * H * W + j];
          double want = scale ? b / 255.0 : b;
          bad += P == NULL || P->size1 != N || P->size2 != H * W
                 || gsl_matrix_get(P, i, j) != want;
          bad += Q == NULL || Q->size1 != N || Q->size2 != H * W
                 || gsl_matrix_get(Q, i, j) != want;
        }
      gsl_matrix_free(P);
      gsl_matrix_free(Q);
    }
    remove(path);
  }
  for (size_t k = 0; k < L; k++)
    lab[k] = (unsigned char)(k * 42 + 3);
  const uint32_t ldims[3] = {L, 1, 1};
  size_t n = idx_file_bytes(file, 0x801, ldims, lab, sizeof lab);
  data_file(path, file, n);
  gsl_vector *y = NULL, *z = NULL;
  bad += mdl_data_idx_read_labels(path, &y) != 0;
  fp = fopen(path, "rb");
  assert_non_null(fp);
  bad += mdl_data_idx_fread_labels(fp, &z) != 0;
  fclose(fp);
  remove(path);
  for (size_t k = 0; k < L; k++) {
    bad += y == NULL || y->size != L || gsl_vector_get(y, k) != lab[k];
    bad += z == NULL || z->size != L || gsl_vector_get(z, k) != lab[k];
  }
  gsl_vector_free(y);
  gsl_vector_free(z);
  CLAIM(.id = "approx.data-roundtrip", .kind = CLAIM_IDENTITY, .measured = bad,
        .reference = 0, .tolerance = 0, .samples = 2 * N * H * W + L,
        .note = "mdl_data_idx_read_images, mdl_data_idx_fread_images, "
                "mdl_data_idx_read_labels, mdl_data_idx_fread_labels: bytes "
                "not read back exactly as b or b/255 (or a failed read)");
#line 7027 "chapters/02-approximation.nw"
}
#line 7097 "chapters/02-approximation.nw"
#define DATA_ERR(code, out, sentinel, call, what)                             \
  do {                                                                        \
    out = sentinel;                                                           \
    claim_expect_error();                                                     \
    int status_ = (call);                                                     \
    CLAIM(.id = "approx.data-errors", .kind = CLAIM_ERROR,                    \
          .measured = status_, .reference = (code),                           \
          .untouched = out == sentinel, .note = (what));                      \
  } while (0)
#define CSV_ERR(code, text, header, what)                                     \
  do {                                                                        \
    data_file(path, text, sizeof(text) - 1);                                  \
    DATA_ERR(code, X, SX, mdl_data_csv_read(path, header, &X), what);         \
    if (X != SX)                                                              \
      gsl_matrix_free(X);                                                     \
    remove(path);                                                             \
  } while (0)
#define IDX_ERR(code, bytes, n, labels, what)                                 \
  do {                                                                        \
    data_file(path, bytes, n);                                                \
    if (labels)                                                               \
      DATA_ERR(code, y, SY, mdl_data_idx_read_labels(path, &y), what);        \
    else                                                                      \
      DATA_ERR(code, X, SX, mdl_data_idx_read_images(path, 1, &X), what);     \
    if (X != SX)                                                              \
      gsl_matrix_free(X);                                                     \
    if (y != SY)                                                              \
      gsl_vector_free(y);                                                     \
    remove(path);                                                             \
  } while (0)

static void test_data_errors(void **state)
{
  (void)state;
  static gsl_matrix sentinel_matrix;
  static gsl_vector sentinel_vector;
  gsl_matrix *const SX = &sentinel_matrix, *X = SX;
  gsl_vector *const SY = &sentinel_vector, *y = SY;
  char path[32], missing[32];
  data_text(missing, "");
  remove(missing);
#line 7145 "chapters/02-approximation.nw"
  DATA_ERR(GSL_EFAULT, X, SX, mdl_data_csv_read(NULL, 0, &X),
           "mdl_data_csv_read: path is NULL");
  DATA_ERR(GSL_EFAULT, X, SX, mdl_data_csv_read(missing, 0, NULL),
           "mdl_data_csv_read: X is NULL");
  DATA_ERR(GSL_EINVAL, X, SX, mdl_data_csv_read(missing, 2, &X),
           "mdl_data_csv_read: header 2");
  DATA_ERR(GSL_EFAILED, X, SX, mdl_data_csv_read(missing, 0, &X),
           "mdl_data_csv_read: a missing file");
  CSV_ERR(GSL_EFAILED, "1,2\n3,abc\n", 0, "mdl_data_csv_read: a cell abc");
  CSV_ERR(GSL_EFAILED, "1,2\n3,1.5x\n", 0, "mdl_data_csv_read: a cell 1.5x");
  CSV_ERR(GSL_EFAILED, "1,,2\n", 0, "mdl_data_csv_read: an empty cell");
  CSV_ERR(GSL_EFAILED, "1,2,\n", 0, "mdl_data_csv_read: a comma at the end");
  CSV_ERR(GSL_EFAILED, "1,2\n3,4\0\n", 0, "mdl_data_csv_read: a zero byte");
  CSV_ERR(GSL_EBADLEN, "1,2,3\n4,5\n", 0, "mdl_data_csv_read: a ragged row");
  CSV_ERR(GSL_EBADLEN, "1\n2\n3,4\n", 0, "mdl_data_csv_read: a longer row");
  CSV_ERR(GSL_EDOM, "1,2\nnan,4\n", 0, "mdl_data_csv_read: a NaN cell");
  CSV_ERR(GSL_EDOM, "1,-inf\n", 0, "mdl_data_csv_read: an infinite cell");
  CSV_ERR(GSL_EDOM, "1,1e999\n", 0, "mdl_data_csv_read: a cell 1e999 overflows");
  CSV_ERR(GSL_EBADLEN, "", 0, "mdl_data_csv_read: an empty file");
  CSV_ERR(GSL_EBADLEN, "\n \r\n", 0, "mdl_data_csv_read: only blank lines");
  CSV_ERR(GSL_EBADLEN, "a,b\n", 1, "mdl_data_csv_read: a header and no row");
  CSV_ERR(GSL_EBADLEN, "a,b,c\n1,2\n", 1,
          "mdl_data_csv_read: 3 column names, 2 cells a row");
  FILE *fp = fopen(missing, "w+");
  assert_non_null(fp);
  fputs("1,2\n3\n", fp);
  rewind(fp);
  DATA_ERR(GSL_EFAULT, X, SX, mdl_data_csv_fread(NULL, 0, &X),
           "mdl_data_csv_fread: fp is NULL");
  DATA_ERR(GSL_EFAULT, X, SX, mdl_data_csv_fread(fp, 0, NULL),
           "mdl_data_csv_fread: X is NULL");
  DATA_ERR(GSL_EINVAL, X, SX, mdl_data_csv_fread(fp, -1, &X),
           "mdl_data_csv_fread: header -1");
  DATA_ERR(GSL_EBADLEN, X, SX, mdl_data_csv_fread(fp, 0, &X),
           "mdl_data_csv_fread: a ragged row");
  rewind(fp);
  fputs("1,2\n3,NaN\n", fp);
  rewind(fp);
  DATA_ERR(GSL_EDOM, X, SX, mdl_data_csv_fread(fp, 0, &X),
           "mdl_data_csv_fread: a NaN cell");
  rewind(fp);
  fputs("1,2\n3,4x\n", fp);
  rewind(fp);
  DATA_ERR(GSL_EFAILED, X, SX, mdl_data_csv_fread(fp, 0, &X),
           "mdl_data_csv_fread: a cell 4x");
  fclose(fp);
  remove(missing);
#line 7139 "chapters/02-approximation.nw"
#line 7198 "chapters/02-approximation.nw"
  const unsigned char px[8] = {0, 1, 2, 3, 252, 253, 254, 255};
  unsigned char f[64];
  const uint32_t d223[3] = {2, 2, 2}, d023[3] = {2, 0, 2},
                 dhuge[3] = {0xffffffffu, 0xffffffffu, 0xffffffffu},
                 dmany[3] = {0xffffffffu, 28, 28}, d8[3] = {8, 1, 1},
                 d0[3] = {0, 1, 1};
  DATA_ERR(GSL_EFAULT, X, SX, mdl_data_idx_read_images(NULL, 0, &X),
           "mdl_data_idx_read_images: path is NULL");
  DATA_ERR(GSL_EFAULT, X, SX, mdl_data_idx_read_images(missing, 0, NULL),
           "mdl_data_idx_read_images: X is NULL");
  DATA_ERR(GSL_EINVAL, X, SX, mdl_data_idx_read_images(missing, 2, &X),
           "mdl_data_idx_read_images: scale 2");
  DATA_ERR(GSL_EFAILED, X, SX, mdl_data_idx_read_images(missing, 0, &X),
           "mdl_data_idx_read_images: a missing file");
  size_t n = idx_file_bytes(f, 0x801, d8, px, 8);
  IDX_ERR(GSL_EFAILED, f, n, 0, "mdl_data_idx_read_images: a labels file");
  n = idx_file_bytes(f, 0x803, d223, px, 8);
  f[2] = 0x09;
  IDX_ERR(GSL_EFAILED, f, n, 0, "mdl_data_idx_read_images: type 0x09, not bytes");
  f[2] = 0x08;
  IDX_ERR(GSL_EOF, f, 0, 0, "mdl_data_idx_read_images: an empty file");
  IDX_ERR(GSL_EOF, f, 3, 0, "mdl_data_idx_read_images: cut in the magic number");
  IDX_ERR(GSL_EOF, f, 10, 0, "mdl_data_idx_read_images: cut in the dimensions");
  IDX_ERR(GSL_EOF, f, n - 1, 0, "mdl_data_idx_read_images: one data byte short");
  f[n] = 7;
  IDX_ERR(GSL_EFAILED, f, n + 1, 0, "mdl_data_idx_read_images: a byte too many");
  n = idx_file_bytes(f, 0x803, d023, px, 8);
  IDX_ERR(GSL_EBADLEN, f, n, 0, "mdl_data_idx_read_images: 0 rows an image");
  n = idx_file_bytes(f, 0x803, dhuge, px, 8);
  IDX_ERR(GSL_EBADLEN, f, n, 0,
          "mdl_data_idx_read_images: (2^32-1)^3 bytes overflow the memory");
  n = idx_file_bytes(f, 0x803, dmany, px, 8);
  IDX_ERR(GSL_EOF, f, n, 0,
          "mdl_data_idx_read_images: 2^32-1 images announced, 8 bytes there");
  n = idx_file_bytes(f, 0x803, d223, px, 8);
  fp = fopen(missing, "w+b");
  assert_non_null(fp);
  fwrite(f, 1, n - 2, fp);
  rewind(fp);
  DATA_ERR(GSL_EFAULT, X, SX, mdl_data_idx_fread_images(NULL, 0, &X),
           "mdl_data_idx_fread_images: fp is NULL");
  DATA_ERR(GSL_EFAULT, X, SX, mdl_data_idx_fread_images(fp, 0, NULL),
           "mdl_data_idx_fread_images: X is NULL");
  DATA_ERR(GSL_EINVAL, X, SX, mdl_data_idx_fread_images(fp, -1, &X),
           "mdl_data_idx_fread_images: scale -1");
  DATA_ERR(GSL_EOF, X, SX, mdl_data_idx_fread_images(fp, 0, &X),
           "mdl_data_idx_fread_images: two data bytes short");
  rewind(fp);
  DATA_ERR(GSL_EFAILED, y, SY, mdl_data_idx_fread_labels(fp, &y),
           "mdl_data_idx_fread_labels: an images file");
  DATA_ERR(GSL_EFAULT, y, SY, mdl_data_idx_fread_labels(NULL, &y),
           "mdl_data_idx_fread_labels: fp is NULL");
  DATA_ERR(GSL_EFAULT, y, SY, mdl_data_idx_fread_labels(fp, NULL),
           "mdl_data_idx_fread_labels: y is NULL");
  fclose(fp);
  remove(missing);
  DATA_ERR(GSL_EFAULT, y, SY, mdl_data_idx_read_labels(NULL, &y),
           "mdl_data_idx_read_labels: path is NULL");
  DATA_ERR(GSL_EFAULT, y, SY, mdl_data_idx_read_labels(missing, NULL),
           "mdl_data_idx_read_labels: y is NULL");
  DATA_ERR(GSL_EFAILED, y, SY, mdl_data_idx_read_labels(missing, &y),
           "mdl_data_idx_read_labels: a missing file");
  IDX_ERR(GSL_EFAILED, f, n, 1, "mdl_data_idx_read_labels: an images file");
  n = idx_file_bytes(f, 0x801, d8, px, 8);
  IDX_ERR(GSL_EOF, f, n - 1, 1, "mdl_data_idx_read_labels: one label short");
  f[n] = 1;
  IDX_ERR(GSL_EFAILED, f, n + 1, 1, "mdl_data_idx_read_labels: a byte too many");
  n = idx_file_bytes(f, 0x801, d0, px, 0);
  IDX_ERR(GSL_EBADLEN, f, n, 1, "mdl_data_idx_read_labels: 0 labels");
#line 7140 "chapters/02-approximation.nw"
#line 7270 "chapters/02-approximation.nw"
  const struct {
    const char *text;
    int idx;
    const char *expect;
  } msgs[] = {
    {"1,2\n\n3,x7\n", 0, "line 3, column 2: \"x7\""},
    {"1,2,3\n4,5,6\n7,8\n", 0, "line 3 has 2 cells, line 1 has 3"},
    {"\x00\x00\x08\x01\x00\x00\x00\x02", 1,
     "magic number 0x00000801, expected 0x00000803"},
    {"\x00\x00\x08\x03\x00\x00\x00\x02\x00\x00\x00\x02\x00\x00\x00\x02\x05", 2,
     "ends after 1 of its 8 data bytes"},
    {" \n\n\t\n", 0, "has no row of numbers in 3 lines"},
  };
  double found = 0;
  for (size_t k = 0; k < sizeof msgs / sizeof msgs[0]; k++) {
    if (msgs[k].idx == 0)
      data_text(path, msgs[k].text);
    else
      data_file(path, msgs[k].text, msgs[k].idx == 1 ? 8 : 17);
    data_reason[0] = '\0';
    gsl_error_handler_t *old = gsl_set_error_handler(data_capture);
    X = SX;
    int status = msgs[k].idx ? mdl_data_idx_read_images(path, 0, &X)
                             : mdl_data_csv_read(path, 0, &X);
    gsl_set_error_handler(old);
    remove(path);
    found += status != 0 && X == SX && strstr(data_reason, msgs[k].expect) != NULL;
    if (strstr(data_reason, msgs[k].expect) == NULL)
      print_message("message \"%s\" does not hold \"%s\"\n", data_reason,
                    msgs[k].expect);
  }
  CLAIM(.id = "approx.data-errors", .kind = CLAIM_IDENTITY, .measured = found,
        .reference = 5, .tolerance = 0,
        .note = "mdl_data_csv_read, mdl_data_idx_read_images: messages that name "
                "the line and column, the cell counts, the magic numbers, the "
                "byte counts, the number of lines");
#line 7141 "chapters/02-approximation.nw"
}
#line 7627 "chapters/02-approximation.nw"
static void test_boolean(void **state)
{
  (void)state;
  int wrong = 0, wrong_width = 0;
  size_t functions = 0;
  for (size_t n = 1; n <= 4; n++) {
    size_t size = (size_t)1 << n, count = (size_t)1 << size;
    gsl_vector *table = gsl_vector_alloc(size);
    gsl_matrix *X = gsl_matrix_alloc(size, n), *Y = gsl_matrix_alloc(size, 1);
    for (size_t k = 0; k < size; k++)
      for (size_t i = 0; i < n; i++)
        gsl_matrix_set(X, k, i, (double)((k >> i) & 1));
    for (size_t f = 0; f < count; f++) {
      size_t ones = 0;
      for (size_t k = 0; k < size; k++) {
        gsl_vector_set(table, k, (double)((f >> k) & 1));
        ones += (f >> k) & 1;
      }
      mdl_net *net = mdl_approx_boolean(table);
      mdl_net_forward(net, X, Y);
      for (size_t k = 0; k < size; k++)
        wrong += gsl_matrix_get(Y, k, 0) != gsl_vector_get(table, k);
      wrong_width += mdl_net_width(net, 1) != (ones ? ones : 1);
      mdl_net_free(net);
      functions++;
    }
    gsl_vector_free(table);
    gsl_matrix_free(X);
    gsl_matrix_free(Y);
  }
  CLAIM(.id = "approx.boolean", .kind = CLAIM_IDENTITY, .measured = wrong,
        .reference = 0, .tolerance = 0, .samples = functions,
        .note = "outputs of the DNF threshold networks that differ from the"
                " truth table, all Boolean functions of 1 to 4 inputs");
  CLAIM(.id = "approx.boolean", .kind = CLAIM_IDENTITY,
        .measured = wrong_width, .reference = 0, .tolerance = 0,
        .samples = functions,
        .note = "networks whose hidden width is not the number of true"
                " entries (1 for the constant 0)");
  int seen[16] = {0}, distinct = 0;
  for (int w1 = -2; w1 <= 2; w1++)
    for (int w2 = -2; w2 <= 2; w2++)
      for (int theta = -3; theta <= 3; theta++) {
        int f = 0;
        for (int k = 0; k < 4; k++)
          f |= (w1 * (k & 1) + w2 * (k >> 1) >= theta) << k;
        distinct += !seen[f];
        seen[f] = 1;
      }
  CLAIM(.id = "approx.boolean", .kind = CLAIM_IDENTITY, .measured = distinct,
        .reference = 14, .tolerance = 0, .samples = 175,
        .note = "distinct functions of 2 inputs computed by one threshold unit,"
                " integer weights in [-2, 2], thresholds in [-3, 3]");
  CLAIM(.id = "approx.boolean", .kind = CLAIM_IDENTITY,
        .measured = seen[6] + seen[9], .reference = 0, .tolerance = 0,
        .samples = 175,
        .note = "of XOR and its complement, how many one threshold unit"
                " computed");
}
#line 7727 "chapters/02-approximation.nw"
static int exact_rank(long long *A, size_t m, size_t n)
{
  int rank = 0;
  long long prev = 1;
  for (size_t col = 0; col < n && (size_t)rank < m; col++) {
    size_t pivot = (size_t)rank;
    while (pivot < m && A[pivot * n + col] == 0)
      pivot++;
    if (pivot == m)
      continue;
    for (size_t j = 0; j < n; j++) {
      long long t = A[pivot * n + j];
      A[pivot * n + j] = A[(size_t)rank * n + j];
      A[(size_t)rank * n + j] = t;
    }
    size_t r0 = (size_t)rank;
    for (size_t i = r0 + 1; i < m; i++) {
      for (size_t j = col + 1; j < n; j++)
        A[i * n + j] = (A[r0 * n + col] * A[i * n + j]
                        - A[i * n + col] * A[r0 * n + j]) / prev;
      A[i * n + col] = 0;
    }
    prev = A[r0 * n + col];
    rank++;
  }
  return rank;
}

static void test_linear(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(1234321);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  int excess = -100, wrong = 0;
  for (int t = 0; t < 200; t++) {
    size_t L = 2 + gsl_rng_uniform_int(r, 2), w[4], narrow = 100;
    mdl_net_activation acts[3];
    size_t bottleneck = 1 + gsl_rng_uniform_int(r, L - 1);
    for (size_t l = 0; l <= L; l++) {
      w[l] = l == bottleneck ? 1 + gsl_rng_uniform_int(r, 3)
                             : 2 + gsl_rng_uniform_int(r, 4);
      narrow = w[l] < narrow ? w[l] : narrow;
    }
    for (size_t l = 0; l < L; l++)
      acts[l] = MDL_NET_IDENTITY;
    mdl_net *net = mdl_net_alloc(L, w, acts);
    if (net)
      gsl_vector_set_zero(mdl_net_params(net));
    gsl_matrix *M = gsl_matrix_alloc(w[L], w[0]);
    gsl_matrix_set_identity(M);
    for (size_t l = 0; l < L; l++) {
      gsl_matrix_view W = mdl_net_weight(net, NULL, l);
      for (size_t i = 0; i < w[l + 1] * w[l]; i++)
        W.matrix.data[i] = (double)gsl_rng_uniform_int(r, 3) - 1;
    }
#line 7807 "chapters/02-approximation.nw"
    gsl_matrix *P = gsl_matrix_alloc(w[1], w[0]);
    gsl_matrix_view W1 = mdl_net_weight(net, NULL, 0);
    gsl_matrix_memcpy(P, &W1.matrix);
    for (size_t l = 1; l < L; l++) {
      gsl_matrix_view Wl = mdl_net_weight(net, NULL, l);
      gsl_matrix *Q = gsl_matrix_alloc(w[l + 1], w[0]);
      gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1, &Wl.matrix, P, 0, Q);
      gsl_matrix_free(P);
      P = Q;
    }
    gsl_matrix_memcpy(M, P);
    gsl_matrix_free(P);
    gsl_matrix *I = gsl_matrix_alloc(w[0], w[0]), *Y = gsl_matrix_alloc(w[0], w[L]);
    gsl_matrix_set_identity(I);
    mdl_net_forward(net, I, Y);
    for (size_t i = 0; i < w[L]; i++)
      for (size_t j = 0; j < w[0]; j++)
        wrong += gsl_matrix_get(Y, j, i) != gsl_matrix_get(M, i, j);
    gsl_matrix_free(I);
    gsl_matrix_free(Y);
#line 7784 "chapters/02-approximation.nw"
    long long A[25];
    for (size_t i = 0; i < w[L] * w[0]; i++)
      A[i] = (long long)M->data[i];
    int rank = exact_rank(A, w[L], w[0]);
    excess = rank - (int)narrow > excess ? rank - (int)narrow : excess;
    gsl_matrix_free(M);
    mdl_net_free(net);
  }
  CLAIM(.id = "approx.linear", .kind = CLAIM_BOUND, .measured = excess,
        .reference = 0, .tolerance = 0, .samples = 200, .seed = seed,
        .note = "largest rank of W_L...W_1 minus the narrowest width, integer"
                " weights, exact elimination");
  CLAIM(.id = "approx.linear", .kind = CLAIM_IDENTITY, .measured = wrong,
        .reference = 0, .tolerance = 0, .samples = 200, .seed = seed,
        .note = "entries where the forward pass on the identity differs from"
                " the transposed product of the weights");
  gsl_rng_free(r);
}
#line 8098 "chapters/02-approximation.nw"
static double pl_value(const gsl_vector *x, const gsl_vector *y, double t)
{
  size_t j = 0;
  while (j + 2 < x->size && t >= gsl_vector_get(x, j + 1))
    j++;
  double s = (gsl_vector_get(y, j + 1) - gsl_vector_get(y, j))
             / (gsl_vector_get(x, j + 1) - gsl_vector_get(x, j));
  return gsl_vector_get(y, j) + s * (t - gsl_vector_get(x, j));
}

static double net1(mdl_net *net, double t)
{
  gsl_matrix_view X = gsl_matrix_view_array(&t, 1, 1);
  double out;
  gsl_matrix_view Y = gsl_matrix_view_array(&out, 1, 1);
  mdl_net_forward(net, &X.matrix, &Y.matrix);
  return out;
}

static void test_cpwl(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(7771313);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  int relu_bad = 0, abs_bad = 0, dc_bad = 0, convex_bad = 0, points = 0;
  for (int t = 0; t < 300; t++) {
    size_t m = 1 + gsl_rng_uniform_int(r, 12);
    gsl_vector *x = gsl_vector_alloc(m + 1), *y = gsl_vector_alloc(m + 1);
    gsl_vector_set(x, 0, -1);
    for (size_t j = 0; j <= m; j++) {
      if (j > 0)
        gsl_vector_set(x, j, gsl_vector_get(x, j - 1)
                                 + ldexp(1, -1 - (int)gsl_rng_uniform_int(r, 5)));
      gsl_vector_set(y, j, ldexp((double)gsl_rng_uniform_int(r, 257) - 128, -6));
    }
    mdl_net *relu = mdl_approx_relu_interpolant(x, y);
    mdl_net *absn = mdl_approx_abs_interpolant(x, y);
    gsl_matrix *G = gsl_matrix_alloc(m, 2), *H = gsl_matrix_alloc(m, 2);
    mdl_approx_dc(x, y, G, H);
    for (size_t j = 1; j < m; j++)
      convex_bad += gsl_matrix_get(G, j, 0) < gsl_matrix_get(G, j - 1, 0)
                    || gsl_matrix_get(H, j, 0) < gsl_matrix_get(H, j - 1, 0);
    for (size_t k = 0; k < m + 1 + 40; k++) {
      double x0 = gsl_vector_get(x, 0), xm = gsl_vector_get(x, m);
      double tt = k <= m ? gsl_vector_get(x, k)
                         : x0 + ldexp((double)gsl_rng_uniform_int(
                                          r, (unsigned long)ldexp(xm - x0, 12) + 1),
                                      -12);
      double want = pl_value(x, y, tt);
      relu_bad += net1(relu, tt) != want;
      abs_bad += net1(absn, tt) != want;
      dc_bad += mdl_approx_max_affine(G, tt) - mdl_approx_max_affine(H, tt)
                != want;
      points++;
    }
    mdl_net_free(relu);
    mdl_net_free(absn);
    gsl_matrix_free(G);
    gsl_matrix_free(H);
    gsl_vector_free(x);
    gsl_vector_free(y);
  }
#line 8167 "chapters/02-approximation.nw"
  CLAIM(.id = "approx.cpwl", .kind = CLAIM_IDENTITY, .measured = relu_bad,
        .reference = 0, .tolerance = 0, .samples = points, .seed = seed,
        .note = "points where the rectifier network differs in any bit from the"
                " piecewise-linear function (dyadic data, exact arithmetic)");
  CLAIM(.id = "approx.cpwl", .kind = CLAIM_IDENTITY, .measured = abs_bad,
        .reference = 0, .tolerance = 0, .samples = points, .seed = seed,
        .note = "points where the absolute-value network differs in any bit");
  CLAIM(.id = "approx.cpwl", .kind = CLAIM_IDENTITY, .measured = dc_bad,
        .reference = 0, .tolerance = 0, .samples = points, .seed = seed,
        .note = "points where max-affine g minus max-affine h differs in any"
                " bit");
  CLAIM(.id = "approx.cpwl", .kind = CLAIM_IDENTITY, .measured = convex_bad,
        .reference = 0, .tolerance = 0, .samples = 300, .seed = seed,
        .note = "decreasing slopes in the convex parts g and h");
  double worst_max = 0;
  for (int k = 0; k < 1000; k++) {
    double u = flat(r, -10, 10), v = flat(r, -10, 10);
    double lhs = (u + v) + fabs(u - v);
    worst_max = claim_fmax(worst_max, fabs(lhs - 2 * fmax(u, v))
                                    / (gam(3) * (2 * fabs(u) + 2 * fabs(v))));
  }
  CLAIM(.id = "approx.cpwl", .kind = CLAIM_BOUND, .measured = worst_max,
        .reference = 1, .tolerance = 0, .samples = 1000, .seed = seed,
        .note = "|(u + v) + |u - v| - 2 max(u, v)| over gamma_3 (2|u| + 2|v|)");
  double kx[3] = {-1, 0, 1}, ky[3] = {0, 0, 1.25};
  gsl_vector_view X = gsl_vector_view_array(kx, 3), Y = gsl_vector_view_array(ky, 3);
  mdl_net *jump = mdl_approx_relu_interpolant(&X.vector, &Y.vector);
  gsl_matrix_view V = mdl_net_weight(jump, NULL, 1);
  gsl_matrix_set(&V.matrix, 0, 1, 0.25);
  CLAIM(.id = "approx.cpwl", .kind = CLAIM_IDENTITY,
        .measured = 1 + 0.5 / 4 - net1(jump, 0.5), .reference = 1,
        .tolerance = 0,
        .note = "a function with a jump of 1 at 0 (slopes 0 and 1/4): the"
                " notes' formula from its slopes misses it by 1 at t = 1/2");
  mdl_net_free(jump);
#line 8162 "chapters/02-approximation.nw"
  gsl_rng_free(r);
}
#line 8213 "chapters/02-approximation.nw"
static void test_knot_order(void **state)
{
  (void)state;
  double xr[4] = {0, 0.375, 0.375, 1}, yr[4] = {1.5, -0.25, 2, 0.75};
  double x4[4] = {0, 0.375, 0.5, 1};
  gsl_vector_view XR = gsl_vector_view_array(xr, 4);
  gsl_vector_view X4 = gsl_vector_view_array(x4, 4);
  gsl_vector_view Y = gsl_vector_view_array(yr, 4);
  claim_expect_error();
  mdl_net *net = mdl_approx_relu_interpolant(&XR.vector, &Y.vector);
  CLAIM(.id = "approx.approx-errors", .kind = CLAIM_ERROR,
        .measured = claim_last_error(), .reference = GSL_EDOM,
        .untouched = net == NULL,
        .note = "mdl_approx_relu_interpolant: a repeated knot");
  mdl_net_free(net);
  claim_expect_error();
  net = mdl_approx_abs_interpolant(&XR.vector, &Y.vector);
  CLAIM(.id = "approx.approx-errors", .kind = CLAIM_ERROR,
        .measured = claim_last_error(), .reference = GSL_EDOM,
        .untouched = net == NULL,
        .note = "mdl_approx_abs_interpolant: a repeated knot");
  mdl_net_free(net);
  const size_t shapes[4][4] = {
      {3, 2, 3, 2}, {3, 3, 3, 2}, {3, 2, 2, 2}, {3, 2, 3, 3}};
  const char *what[4] = {"mdl_approx_dc: a repeated knot",
                         "mdl_approx_dc: g with 3 columns",
                         "mdl_approx_dc: h with 2 rows for 3 pieces",
                         "mdl_approx_dc: h with 3 columns"};
  for (int k = 0; k < 4; k++) {
    gsl_matrix *G = gsl_matrix_alloc(shapes[k][0], shapes[k][1]);
    gsl_matrix *H = gsl_matrix_alloc(shapes[k][2], shapes[k][3]);
    gsl_matrix_set_all(G, -7.125);
    gsl_matrix_set_all(H, -7.125);
    claim_expect_error();
    int status = mdl_approx_dc(k == 0 ? &XR.vector : &X4.vector, &Y.vector,
                               G, H);
    CLAIM(.id = "approx.approx-errors", .kind = CLAIM_ERROR,
          .measured = claim_last_error(),
          .reference = k == 0 ? GSL_EDOM : GSL_EBADLEN,
          .untouched = status != GSL_SUCCESS
                       && claim_all_equal_matrix(G, -7.125)
                       && claim_all_equal_matrix(H, -7.125),
          .note = what[k]);
    gsl_matrix_free(G);
    gsl_matrix_free(H);
  }
}
#line 8357 "chapters/02-approximation.nw"
typedef struct {
  int (*f)(mpfr_ptr, mpfr_srcptr, mpfr_rnd_t);
  int (*argmax)(mpfr_ptr, mpfr_srcptr, mpfr_rnd_t);
  double a, b, M2;
} interp_case;

static int mp_exp(mpfr_ptr y, mpfr_srcptr x, mpfr_rnd_t r) { return mpfr_exp(y, x, r); }
static int mp_log(mpfr_ptr y, mpfr_srcptr x, mpfr_rnd_t r) { return mpfr_log(y, x, r); }
static int mp_sin(mpfr_ptr y, mpfr_srcptr x, mpfr_rnd_t r) { return mpfr_sin(y, x, r); }
static int mp_acos(mpfr_ptr y, mpfr_srcptr x, mpfr_rnd_t r) { return mpfr_acos(y, x, r); }

static void mp_f_at(const interp_case *c, mpfr_ptr y, double x)
{
  mpfr_set_d(y, x, MPFR_RNDN);
  c->f(y, y, MPFR_RNDN);
}

static double interp_errors(const interp_case *c, size_t m, mpfr_ptr E)
{
  gsl_vector *x = gsl_vector_alloc(m + 1), *y = gsl_vector_alloc(m + 1);
  mpfr_t *fx = malloc((m + 1) * sizeof *fx), *cex = malloc(m * sizeof *cex);
  mpfr_t s, sp, xs, L, e, fd, dev, t;
  mpfr_inits2(REF_BITS, s, sp, xs, L, e, fd, dev, t, (mpfr_ptr)0);
  double hmax = 0, worst = 0;
  for (size_t j = 0; j <= m; j++) {
    gsl_vector_set(x, j, c->a + (c->b - c->a) * (double)j / (double)m);
    mpfr_init2(fx[j], REF_BITS);
    mp_f_at(c, fx[j], gsl_vector_get(x, j));
    gsl_vector_set(y, j, mpfr_get_d(fx[j], MPFR_RNDN));
  }
  mdl_net *net = mdl_approx_relu_interpolant(x, y);
  gsl_matrix_view V = mdl_net_weight(net, NULL, 1);
  mpfr_set_zero(E, 1);
  for (size_t i = 0; i < m; i++) {
    double xi = gsl_vector_get(x, i), xn = gsl_vector_get(x, i + 1);
    hmax = claim_fmax(hmax, xn - xi);
    mpfr_sub(s, fx[i + 1], fx[i], MPFR_RNDN);
    mpfr_div_d(s, s, xn - xi, MPFR_RNDN);
    mpfr_init2(cex[i], REF_BITS);
    if (i == 0)
      mpfr_set(cex[i], s, MPFR_RNDN);
    else
      mpfr_sub(cex[i], s, sp, MPFR_RNDN);
    mpfr_set(sp, s, MPFR_RNDN);
    c->argmax(xs, s, MPFR_RNDN);
    mpfr_sub_d(L, xs, xi, MPFR_RNDN);
    mpfr_mul(L, L, s, MPFR_RNDN);
    mpfr_add(L, L, fx[i], MPFR_RNDN);
    c->f(e, xs, MPFR_RNDN);
    mpfr_sub(e, e, L, MPFR_RNDN);
    mpfr_abs(e, e, MPFR_RNDN);
    mpfr_max(E, E, e, MPFR_RNDN);
    double xd = mpfr_get_d(xs, MPFR_RNDN);
    mpfr_d_sub(dev, gsl_vector_get(y, 0), fx[0], MPFR_RNDA);
    mpfr_abs(dev, dev, MPFR_RNDN);
    double mag = fabs(gsl_vector_get(y, 0));
    for (size_t k = 0; k <= i; k++) {
      double d = xd - gsl_vector_get(x, k);
      double ck = gsl_matrix_get(&V.matrix, 0, k);
      mpfr_d_sub(t, ck, cex[k], MPFR_RNDA);
      mpfr_abs(t, t, MPFR_RNDN);
      mpfr_mul_d(t, t, d, MPFR_RNDU);
      mpfr_add(dev, dev, t, MPFR_RNDU);
      mag += fabs(ck) * d;
    }
    double tau = mpfr_get_d(dev, MPFR_RNDU) + gam((double)m + 3) * mag;
    mp_f_at(c, fd, xd);
    double got = mp_dist(net1(net, xd), fd);
    worst = claim_fmax(worst, got / (hmax * hmax * c->M2 / 8 + tau));
  }
  for (size_t j = 0; j <= m; j++)
    mpfr_clear(fx[j]);
  for (size_t i = 0; i < m; i++)
    mpfr_clear(cex[i]);
  free(fx);
  free(cex);
  mpfr_clears(s, sp, xs, L, e, fd, dev, t, (mpfr_ptr)0);
  mdl_net_free(net);
  gsl_vector_free(x);
  gsl_vector_free(y);
  return worst;
}
#line 8442 "chapters/02-approximation.nw"
static void test_relu_interp(void **state)
{
  (void)state;
  const interp_case cases[2] = {{mp_exp, mp_log, 0, 1, M_E},
                                {mp_sin, mp_acos, 0, 2, 1}};
  enum { J = 7 };
  for (int k = 0; k < 2; k++) {
    double t[J], lgE[J], worst = 0;
    mpfr_t E;
    mpfr_init2(E, REF_BITS);
    for (int j = 0; j < J; j++) {
      size_t m = (size_t)4 << j;
      worst = claim_fmax(worst, interp_errors(&cases[k], m, E));
      t[j] = log((double)m);
      mpfr_log(E, E, MPFR_RNDN);
      lgE[j] = mpfr_get_d(E, MPFR_RNDN);
    }
    mpfr_clear(E);
    double tm = 0, stt = 0, slope = 0, tol = 0;
    for (int j = 0; j < J; j++)
      tm += t[j] / J;
    for (int j = 0; j < J; j++)
      stt += (t[j] - tm) * (t[j] - tm);
    for (int j = 0; j < J; j++) {
      double w = (t[j] - tm) / stt, h = (cases[k].b - cases[k].a) / exp(t[j]);
      double eta = k == 0 ? M_E * (1 - exp(-h)) : h * h / 2;
      slope += w * lgE[j];
      tol += fabs(w) * (fabs(log(1 - eta / cases[k].M2)) + 1e-13);
    }
    CLAIM(.id = "approx.relu-interp", .kind = CLAIM_BOUND, .measured = worst,
          .reference = 1, .tolerance = 0, .samples = J,
          .note = k == 0 ? "exp on [0,1]: largest network error at the"
                           " maximisers over h^2 M2/8 plus rounding, m = 4..256"
                         : "sin on [0,2]: largest network error at the"
                           " maximisers over h^2 M2/8 plus rounding, m = 4..256");
    CLAIM(.id = "approx.relu-interp", .kind = CLAIM_RATE, .measured = slope,
          .reference = -2, .tolerance = tol, .samples = J,
          .note = k == 0 ? "exp on [0,1]: fitted log-log slope of the sup"
                           " error against m, m = 4..256"
                         : "sin on [0,2]: fitted log-log slope of the sup"
                           " error against m, m = 4..256");
  }
}
#line 8707 "chapters/02-approximation.nw"
static double f_kink(double x) { return fabs(x - 0.5); }
static double f_square(double x) { return x * x; }
static double f_sin7(double x) { return sin(7 * x); }

static void test_bernstein(void **state)
{
  (void)state;
  scalar_fn *fs[3] = {f_kink, f_square, f_sin7};
  const double Ls[3] = {1, 2, 7};
  double worst = 0, mid = 0;
  int inexact = 0;
  for (int k = 0; k < 3; k++)
    for (size_t n = 4; n <= 256; n *= 4) {
      gsl_vector *f = gsl_vector_alloc(n + 1);
      double fmaxabs = 0;
      for (size_t j = 0; j <= n; j++) {
        gsl_vector_set(f, j, fs[k]((double)j / (double)n));
        fmaxabs = claim_fmax(fmaxabs, fabs(gsl_vector_get(f, j)));
      }
      double sup = 0, d = 1 / sqrt((double)n), omega;
      for (int g = 0; g <= 1000; g++) {
        double x = g / 1000.0;
        sup = claim_fmax(sup, fabs(mdl_approx_bernstein(f, x) - fs[k](x)));
      }
      sup += Ls[k] * 1e-3 + gam(3.0 * (double)n) * fmaxabs;
      omega = k == 0 ? d : k == 1 ? 2 * d - d * d : 2 * sin(fmin(3.5 * d, M_PI / 2));
      worst = claim_fmax(worst, sup / (1.5 * omega));
      if (k == 0) {
        mpz_t bin;
        mpfr_t ref;
        mpz_init(bin);
        mpfr_init2(ref, 400);
        mpz_bin_uiui(bin, n, n / 2);
        inexact += mpfr_set_z(ref, bin, MPFR_RNDN) != 0;
        inexact += mpfr_div_2ui(ref, ref, n + 1, MPFR_RNDN) != 0;
        inexact += mpfr_d_sub(ref, mdl_approx_bernstein(f, 0.5), ref,
                              MPFR_RNDN) != 0;
        mid = claim_fmax(mid, fabs(mpfr_get_d(ref, MPFR_RNDA))
                            / (gam(3.0 * (double)n) * fmaxabs));
        mpfr_clear(ref);
        mpz_clear(bin);
      }
      gsl_vector_free(f);
    }
  CLAIM(.id = "approx.bernstein", .kind = CLAIM_BOUND, .measured = worst,
        .reference = 1, .tolerance = 0, .samples = 12,
        .note = "largest sup |B_n f - f| over (3/2) omega(f, n^-1/2):"
                " |x - 1/2|, x^2, sin 7x, n = 4..256");
  CLAIM(.id = "approx.bernstein", .kind = CLAIM_BOUND, .measured = mid,
        .reference = 1, .tolerance = 0, .samples = 4,
        .note = "|B_n f(1/2) - binom(n, n/2) 2^(-n-1)| over its tolerance,"
                " f = |x - 1/2|, n = 4..256");
  CLAIM(.id = "approx.bernstein", .kind = CLAIM_IDENTITY, .measured = inexact,
        .reference = 0, .tolerance = 0, .samples = 4,
        .note = "roundings in the exact reference binom(n, n/2) 2^(-n-1) and"
                " its difference from B_n f(1/2) (GMP, MPFR at 400 bits)");
}
#line 8965 "chapters/02-approximation.nw"
static double f_kink3(double x) { return fabs(x - 0.3); }
static double f_sqrt(double x) { return sqrt(x); }

static double omega_of(int k, double d)
{
  return k == 0 ? d : k == 1 ? 2 * sin(fmin(3.5 * d, M_PI / 2)) : sqrt(d);
}

static void test_sigmoid(void **state)
{
  (void)state;
  scalar_fn *fs[3] = {f_kink3, f_sin7, f_sqrt};
  const double kappa = 20, dg = 1.0 / 10000;
  double worst = 0, at_nodes = 0;
  for (int k = 0; k < 3; k++)
    for (size_t m = 8; m <= 128; m *= 4) {
      double h = 1.0 / (double)m, steep = kappa / h;
      gsl_vector *x = gsl_vector_alloc(m + 1), *y = gsl_vector_alloc(m + 1);
      double absw = 0;
      for (size_t i = 0; i <= m; i++) {
        gsl_vector_set(x, i, (double)i * h);
        gsl_vector_set(y, i, fs[k]((double)i * h));
        absw += i ? fabs(gsl_vector_get(y, i) - gsl_vector_get(y, i - 1))
                  : fabs(gsl_vector_get(y, 0));
      }
      mdl_net *net = mdl_approx_sigmoid_staircase(x, y, steep);
      gsl_matrix *X = gsl_matrix_alloc(10001, 1), *Y = gsl_matrix_alloc(10001, 1);
      for (size_t g = 0; g <= 10000; g++)
        gsl_matrix_set(X, g, 0, (double)g * dg);
      mdl_net_forward(net, X, Y);
      double sup = 0;
      for (size_t g = 0; g <= 10000; g++)
        sup = claim_fmax(sup, fabs(gsl_matrix_get(Y, g, 0) - fs[k]((double)g * dg)));
      double tails = exp(-kappa / 2) + 2 * exp(-kappa) / (1 - exp(-kappa));
      double bound = omega_of(k, h / 2) + omega_of(k, h) * (0.5 + tails);
      double between = omega_of(k, dg / 2)
                       + dg / 2 * steep * omega_of(k, h)
                             * (0.25 + 2 * exp(-kappa / 2) / (1 - exp(-kappa)));
      worst = claim_fmax(worst, (sup + between + gam((double)m + 8) * absw) / bound);
      double node_tail = omega_of(k, h) * 2 * exp(-kappa / 2) / (1 - exp(-kappa));
      for (size_t i = 0; i <= m; i++) {
        double xi = (double)i * h;
        at_nodes = claim_fmax(at_nodes, fabs(net1(net, xi) - fs[k](xi))
                                      / (node_tail + gam((double)m + 8) * absw));
      }
      mdl_net_free(net);
      gsl_matrix_free(X);
      gsl_matrix_free(Y);
      gsl_vector_free(x);
      gsl_vector_free(y);
    }
  CLAIM(.id = "approx.sigmoid", .kind = CLAIM_BOUND, .measured = worst,
        .reference = 1, .tolerance = 0, .samples = 9,
        .note = "largest sup error of the sigmoid staircase over"
                " omega(h/2) + omega(h)(1/2 + tails): |x - 0.3|, sin 7x,"
                " sqrt x; m = 8, 32, 128; kh = 20");
  CLAIM(.id = "approx.sigmoid", .kind = CLAIM_BOUND, .measured = at_nodes,
        .reference = 1, .tolerance = 0, .samples = 9,
        .note = "largest error at the nodes over omega(h) 2e^(-kh/2)/(1 -"
                " e^(-kh)) plus rounding: only the tails remain there");
}
#line 9029 "chapters/02-approximation.nw"
static double square_net_bound(mdl_net *net, double x)
{
  size_t n = mdl_net_width(net, 1);
  gsl_matrix_view W = mdl_net_weight(net, NULL, 0);
  gsl_vector_view b = mdl_net_bias(net, NULL, 0);
  gsl_matrix_view V = mdl_net_weight(net, NULL, 1);
  gsl_vector_view c = mdl_net_bias(net, NULL, 1);
  mdl_net_activation act;
  mdl_net_get_activation(net, 0, &act);
  int square = act == MDL_NET_SQUARE;
  double sum = fabs(gsl_vector_get(&c.vector, 0)), prop = 0;
  for (size_t i = 0; i < n; i++) {
    double w = gsl_matrix_get(&W.matrix, i, 0), bi = gsl_vector_get(&b.vector, i);
    double z = w * x + bi, v = fabs(gsl_matrix_get(&V.matrix, 0, i));
    double dz = gam(2) * (fabs(w * x) + fabs(bi));
    sum += v * (square ? z * z : fabs(z));
    prop += v * (square ? 2 * fabs(z) * dz + U * z * z : dz);
  }
  return 1.01 * (prop + gam((double)n + 1) * sum);
}

static double fit_abs(mdl_net *net, const double *pts, int npts)
{
  size_t n = mdl_net_width(net, 1);
  gsl_matrix *A = gsl_matrix_alloc(201, n + 1), *cov = gsl_matrix_alloc(n + 1, n + 1);
  gsl_vector *yv = gsl_vector_alloc(201), *coef = gsl_vector_alloc(n + 1);
  gsl_matrix_view V = mdl_net_weight(net, NULL, 1);
  gsl_vector_view c = mdl_net_bias(net, NULL, 1);
  gsl_matrix_set_zero(&V.matrix);
  gsl_vector_set_zero(&c.vector);
  for (int g = 0; g <= 200; g++) {
    double x = -1 + g / 100.0;
    for (size_t i = 0; i < n; i++) {
      gsl_matrix_set(&V.matrix, 0, i, 1);
      gsl_matrix_set(A, g, i, net1(net, x));
      gsl_matrix_set(&V.matrix, 0, i, 0);
    }
    gsl_matrix_set(A, g, n, 1);
    gsl_vector_set(yv, g, fabs(x));
  }
  double chisq;
  gsl_multifit_linear_workspace *ws = gsl_multifit_linear_alloc(201, n + 1);
  gsl_multifit_linear(A, yv, coef, cov, &chisq, ws);
  gsl_multifit_linear_free(ws);
  for (size_t i = 0; i < n; i++)
    gsl_matrix_set(&V.matrix, 0, i, gsl_vector_get(coef, i));
  gsl_vector_set(&c.vector, 0, gsl_vector_get(coef, n));
  double err = HUGE_VAL, worst = 0, tau = 0;
  for (int j = 0; j < npts; j++) {
    worst = claim_fmax(worst, fabs(net1(net, pts[j]) - fabs(pts[j])));
    tau = claim_fmax(tau, square_net_bound(net, pts[j]));
  }
  err = worst + tau;
  gsl_matrix_free(A);
  gsl_matrix_free(cov);
  gsl_vector_free(yv);
  gsl_vector_free(coef);
  return err;
}
#line 9096 "chapters/02-approximation.nw"
static void test_polynomial(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4142135);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  double quad = 0;
  const size_t sizes[3] = {3, 10, 50};
  for (int t = 0; t < 3; t++) {
    const size_t w[3] = {1, sizes[t], 1};
    const mdl_net_activation acts[2] = {MDL_NET_SQUARE, MDL_NET_IDENTITY};
    mdl_net *net = random_net(2, w, acts, r);
    double n0 = net1(net, -1), n1 = net1(net, 0), n2 = net1(net, 1);
    double t0 = square_net_bound(net, -1), t1 = square_net_bound(net, 0);
    double t2 = square_net_bound(net, 1);
    for (int k = 0; k < 100; k++) {
      double x = flat(r, -1, 1);
      double l0 = x * (x - 1) / 2, l1 = 1 - x * x, l2 = x * (x + 1) / 2;
      double q = n0 * l0 + n1 * l1 + n2 * l2;
      double tol = square_net_bound(net, x) + 1.25 * fmax(t0, fmax(t1, t2))
                   + gam(4) * (fabs(n0 * l0) + fabs(n1 * l1) + fabs(n2 * l2))
                   + gam(3) * (fabs(n0) + fabs(n1) + fabs(n2));
      quad = claim_fmax(quad, fabs(net1(net, x) - q) / tol);
    }
    mdl_net_free(net);
  }
  CLAIM(.id = "approx.polynomial", .kind = CLAIM_BOUND, .measured = quad,
        .reference = 1, .tolerance = 0, .samples = 300, .seed = seed,
        .note = "square-unit networks (3, 10, 50 units) against the quadratic"
                " through their values at -1, 0, 1, over the rounding bound");
#line 9132 "chapters/02-approximation.nw"
  const double five[5] = {-1, -0.5, 0, 0.5, 1}, three[3] = {-1, 0, 1};
  double best2 = HUGE_VAL, best1 = HUGE_VAL;
  for (size_t n = 2; n <= 32; n *= 4) {
    const size_t w[3] = {1, n, 1};
    const mdl_net_activation sq[2] = {MDL_NET_SQUARE, MDL_NET_IDENTITY};
    const mdl_net_activation id[2] = {MDL_NET_IDENTITY, MDL_NET_IDENTITY};
    mdl_net *a = random_net(2, w, sq, r), *b = random_net(2, w, id, r);
    best2 = fmin(best2, fit_abs(a, five, 5));
    best1 = fmin(best1, fit_abs(b, three, 3));
    mdl_net_free(a);
    mdl_net_free(b);
  }
  CLAIM(.id = "approx.polynomial", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = best2, .reference = 0.125,
        .tolerance = 0, .samples = 3, .seed = seed,
        .note = "square units (2, 8, 32) fitted to |x| by least squares: smallest"
                " largest error on the alternation points (plus rounding), >= 1/8");
  CLAIM(.id = "approx.polynomial", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = best1, .reference = 0.5,
        .tolerance = 0, .samples = 3, .seed = seed,
        .note = "linear networks fitted to |x|: smallest largest error on"
                " -1, 0, 1 (plus rounding), >= 1/2");
  double kx[3] = {-1, 0, 1}, ky[3] = {1, 0, 1};
  gsl_vector_view KX = gsl_vector_view_array(kx, 3), KY = gsl_vector_view_array(ky, 3);
  mdl_net *relu = mdl_approx_relu_interpolant(&KX.vector, &KY.vector);
  double relu_err = 0;
  for (int g = 0; g <= 2000; g++) {
    double x = -1 + g / 1000.0;
    x = ldexp(round(ldexp(x, 10)), -10);
    relu_err = claim_fmax(relu_err, fabs(net1(relu, x) - fabs(x)));
  }
  mdl_net_free(relu);
  CLAIM(.id = "approx.polynomial", .kind = CLAIM_IDENTITY, .measured = relu_err,
        .reference = 0, .tolerance = 0, .samples = 2001,
        .note = "rectifier network of (-1,1), (0,0), (1,1): largest error against"
                " |x| at dyadic points of [-1, 1]");
#line 9127 "chapters/02-approximation.nw"
  gsl_rng_free(r);
}
#line 9486 "chapters/02-approximation.nw"
static double tent(double x)
{
  return x <= 0.5 ? 2 * x : 2 - 2 * x;
}

static void test_tent(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(2718282);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  int count_bad = 0, indep_bad = 0, value_bad = 0, shallow_bad = 0;
  for (size_t k = 1; k <= 16; k++) {
    mdl_net *net = mdl_approx_sawtooth(k);
    size_t pieces;
    mdl_approx_pieces(net, 0, 1, &pieces);
    count_bad += pieces != ((size_t)1 << k);
#line 9522 "chapters/02-approximation.nw"
    size_t n = (size_t)1 << (k + 1);
    gsl_matrix *X = gsl_matrix_alloc(n + 1, 1), *Y = gsl_matrix_alloc(n + 1, 1);
    for (size_t j = 0; j <= n; j++)
      gsl_matrix_set(X, j, 0, ldexp((double)j, -(int)k - 1));
    mdl_net_forward(net, X, Y);
    size_t changes = 0;
    double prev = gsl_matrix_get(Y, 1, 0) - gsl_matrix_get(Y, 0, 0);
    for (size_t j = 1; j < n; j++) {
      double d = gsl_matrix_get(Y, j + 1, 0) - gsl_matrix_get(Y, j, 0);
      changes += d != prev;
      prev = d;
    }
    indep_bad += changes + 1 != ((size_t)1 << k);
    gsl_matrix_free(X);
    gsl_matrix_free(Y);
#line 9504 "chapters/02-approximation.nw"
    for (int t = 0; t < 1000; t++) {
      double x = ldexp((double)gsl_rng_uniform_int(r, 1u << 20), -20), y = x;
      for (size_t s = 0; s < k; s++)
        y = tent(y);
      value_bad += net1(net, x) != y;
    }
    if (k <= 10) {
#line 9540 "chapters/02-approximation.nw"
      size_t np = ((size_t)1 << k) + 1;
      gsl_vector *kx = gsl_vector_alloc(np), *ky = gsl_vector_alloc(np);
      for (size_t j = 0; j < np; j++) {
        gsl_vector_set(kx, j, ldexp((double)j, -(int)k));
        gsl_vector_set(ky, j, (double)(j % 2));
      }
      mdl_net *shallow = mdl_approx_relu_interpolant(kx, ky);
      shallow_bad += mdl_net_width(shallow, 1) != ((size_t)1 << k);
      for (int t = 0; t < 1000; t++) {
        double x = ldexp((double)gsl_rng_uniform_int(r, 1u << 20), -20), y = x;
        for (size_t s = 0; s < k; s++)
          y = tent(y);
        shallow_bad += net1(shallow, x) != y;
      }
      mdl_net_free(shallow);
      gsl_vector_free(kx);
      gsl_vector_free(ky);
#line 9512 "chapters/02-approximation.nw"
    }
    mdl_net_free(net);
  }
#line 9566 "chapters/02-approximation.nw"
  int one_bad = 0, one_over = 0;
  for (int t = 0; t < 300; t++) {
    size_t m = 1 + gsl_rng_uniform_int(r, 20);
    const size_t w[3] = {1, m, 1};
    const mdl_net_activation acts[2] = {MDL_NET_RELU, MDL_NET_IDENTITY};
    mdl_net *net = random_net(2, w, acts, r);
    gsl_matrix_view W = mdl_net_weight(net, NULL, 0);
    gsl_vector_view b = mdl_net_bias(net, NULL, 0);
    for (size_t i = 0; i < m; i++)
      gsl_vector_set(&b.vector, i, 3 * gsl_vector_get(&b.vector, i));
    size_t kinks = 0, pieces;
    for (size_t i = 0; i < m; i++) {
      double kink = -gsl_vector_get(&b.vector, i) / gsl_matrix_get(&W.matrix, i, 0);
      kinks += kink > -3 && kink < 3;
    }
    mdl_approx_pieces(net, -3, 3, &pieces);
    one_bad += pieces != kinks + 1;
    one_over += pieces > m + 1;
    mdl_net_free(net);
  }
  size_t abs_pieces = 0;
  {
    const size_t w[3] = {1, 2, 1};
    const mdl_net_activation acts[2] = {MDL_NET_RELU, MDL_NET_IDENTITY};
    mdl_net *net = mdl_net_alloc(2, w, acts);
    gsl_vector_set_zero(mdl_net_params(net));
    gsl_matrix_view W = mdl_net_weight(net, NULL, 0);
    gsl_matrix_view V = mdl_net_weight(net, NULL, 1);
    gsl_matrix_set(&W.matrix, 0, 0, 1);
    gsl_matrix_set(&W.matrix, 1, 0, -1);
    gsl_matrix_set_all(&V.matrix, 1);
    mdl_approx_pieces(net, -1, 2, &abs_pieces);
    mdl_net_free(net);
  }
  double deep_ratio = 0;
  const mdl_net_activation pwl[3] = {MDL_NET_RELU, MDL_NET_ABS,
                                     MDL_NET_LEAKY_RELU};
  for (int t = 0; t < 300; t++) {
    size_t L = 2 + gsl_rng_uniform_int(r, 4), w[6];
    mdl_net_activation acts[5];
    double bound = 1;
    w[0] = w[L] = 1;
    for (size_t l = 1; l < L; l++) {
      w[l] = 1 + gsl_rng_uniform_int(r, 4);
      bound *= (double)(w[l] + 1);
    }
    for (size_t l = 0; l < L; l++)
      acts[l] = l + 1 < L ? pwl[gsl_rng_uniform_int(r, 3)] : MDL_NET_IDENTITY;
    mdl_net *net = random_net(L, w, acts, r);
    size_t pieces;
    mdl_approx_pieces(net, -3, 3, &pieces);
    deep_ratio = claim_fmax(deep_ratio, (double)pieces / bound);
    mdl_net_free(net);
  }
#line 9516 "chapters/02-approximation.nw"
#line 9623 "chapters/02-approximation.nw"
  CLAIM(.id = "approx.tent", .kind = CLAIM_IDENTITY, .measured = count_bad,
        .reference = 0, .tolerance = 0, .samples = 16, .seed = seed,
        .note = "k = 1..16 for which mdl_approx_pieces does not find 2^k pieces"
                " in the k-fold tent map");
  CLAIM(.id = "approx.tent", .kind = CLAIM_IDENTITY, .measured = indep_bad,
        .reference = 0, .tolerance = 0, .samples = 16, .seed = seed,
        .note = "k = 1..16 for which the slope changes at dyadic points do not"
                " give 2^k pieces");
  CLAIM(.id = "approx.tent", .kind = CLAIM_IDENTITY, .measured = value_bad,
        .reference = 0, .tolerance = 0, .samples = 16000, .seed = seed,
        .note = "dyadic points where the deep network (2 units per layer)"
                " differs in any bit from the iterated tent map");
  CLAIM(.id = "approx.tent", .kind = CLAIM_IDENTITY, .measured = shallow_bad,
        .reference = 0, .tolerance = 0, .samples = 10000, .seed = seed,
        .note = "k = 1..10: shallow networks not of width 2^k, or differing in"
                " any bit from the tent map at dyadic points");
  CLAIM(.id = "approx.tent", .kind = CLAIM_IDENTITY, .measured = abs_pieces,
        .reference = 2, .tolerance = 0,
        .note = "|x| = relu(x) + relu(-x) on [-1, 2]: two kinks at 0, 2 pieces");
  CLAIM(.id = "approx.tent", .kind = CLAIM_IDENTITY, .measured = one_bad,
        .reference = 0, .tolerance = 0, .samples = 300, .seed = seed,
        .note = "one hidden layer: networks whose piece count is not the number"
                " of kinks inside (-3, 3) plus 1");
  CLAIM(.id = "approx.tent", .kind = CLAIM_IDENTITY, .measured = one_over,
        .reference = 0, .tolerance = 0, .samples = 300, .seed = seed,
        .note = "one hidden layer of m units: networks with more than m + 1"
                " pieces");
  CLAIM(.id = "approx.tent", .kind = CLAIM_BOUND, .measured = deep_ratio,
        .reference = 1, .tolerance = 0, .samples = 300, .seed = seed,
        .note = "depth 2-5: largest number of pieces over prod (n_l + 1)");
#line 9517 "chapters/02-approximation.nw"
  gsl_rng_free(r);
}
#line 9940 "chapters/02-approximation.nw"
static void test_yarotsky(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(1618034);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  int node_bad = 0, mid_bad = 0, shallow_bad = 0, piece_bad = 0;
  double worst = 0, worst_prod = 0;
  for (size_t m = 1; m <= 12; m++) {
    mdl_net *net = mdl_approx_square(m);
    double err = ldexp(1, -2 * (int)m - 2);
    for (size_t j = 0; j <= ((size_t)1 << m); j++) {
      double x = ldexp((double)j, -(int)m), xm = ldexp(2.0 * (double)j + 1, -(int)m - 1);
      node_bad += net1(net, x) - x * x != 0;
      if (j < ((size_t)1 << m))
        mid_bad += net1(net, xm) - xm * xm != err;
    }
    for (int t = 0; t < 2000; t++) {
      double x = ldexp((double)gsl_rng_uniform_int(r, 1u << 20), -20);
      worst = claim_fmax(worst, fabs(net1(net, x) - x * x) / err);
    }
    size_t pieces;
    mdl_approx_pieces(net, 0, 1, &pieces);
    piece_bad += pieces != ((size_t)1 << m);
#line 9976 "chapters/02-approximation.nw"
    size_t n = (size_t)1 << m;
    gsl_vector *kx = gsl_vector_alloc(n + 1), *ky = gsl_vector_alloc(n + 1);
    for (size_t j = 0; j <= n; j++) {
      double x = ldexp((double)j, -(int)m);
      gsl_vector_set(kx, j, x);
      gsl_vector_set(ky, j, x * x);
    }
    mdl_net *shallow = mdl_approx_relu_interpolant(kx, ky);
    for (size_t j = 0; j < n; j++) {
      double xm = ldexp(2.0 * (double)j + 1, -(int)m - 1);
      shallow_bad += net1(shallow, xm) - xm * xm != 1 / (4.0 * (double)n * (double)n);
    }
    mdl_net_free(shallow);
    gsl_vector_free(kx);
    gsl_vector_free(ky);
#line 9965 "chapters/02-approximation.nw"
    if (m <= 10) {
#line 9994 "chapters/02-approximation.nw"
      mdl_net *prod = mdl_approx_product(m);
      gsl_matrix *X = gsl_matrix_alloc(2000, 2), *Y = gsl_matrix_alloc(2000, 1);
      for (size_t i = 0; i < 4000; i++)
        X->data[i] = ldexp((double)gsl_rng_uniform_int(r, 1u << 20), -20);
      mdl_net_forward(prod, X, Y);
      for (size_t i = 0; i < 2000; i++) {
        double x = gsl_matrix_get(X, i, 0), y = gsl_matrix_get(X, i, 1);
        worst_prod = claim_fmax(worst_prod, fabs(gsl_matrix_get(Y, i, 0) - x * y)
                                          / (3 * err));
      }
      mdl_net_free(prod);
      gsl_matrix_free(X);
      gsl_matrix_free(Y);
#line 9967 "chapters/02-approximation.nw"
    }
    mdl_net_free(net);
  }
#line 10010 "chapters/02-approximation.nw"
  CLAIM(.id = "approx.yarotsky", .kind = CLAIM_IDENTITY, .measured = node_bad,
        .reference = 0, .tolerance = 0, .samples = 12,
        .note = "m = 1..12: nodes j 2^-m where f_m(x) - x^2 is not exactly 0");
  CLAIM(.id = "approx.yarotsky", .kind = CLAIM_IDENTITY, .measured = mid_bad,
        .reference = 0, .tolerance = 0, .samples = 12,
        .note = "m = 1..12: midpoints where f_m(x) - x^2 is not exactly"
                " 2^(-2m-2)");
  CLAIM(.id = "approx.yarotsky", .kind = CLAIM_BOUND, .measured = worst,
        .reference = 1, .tolerance = 0, .samples = 24000, .seed = seed,
        .note = "largest |f_m(x) - x^2| over 2^(-2m-2) at random dyadic points,"
                " m = 1..12 (exact arithmetic)");
  CLAIM(.id = "approx.yarotsky", .kind = CLAIM_IDENTITY, .measured = shallow_bad,
        .reference = 0, .tolerance = 0, .samples = 12,
        .note = "midpoints where the one-layer interpolant with n = 2^m units"
                " misses x^2 by other than 1/(4 n^2)");
  CLAIM(.id = "approx.yarotsky", .kind = CLAIM_IDENTITY, .measured = piece_bad,
        .reference = 0, .tolerance = 0, .samples = 12,
        .note = "m = 1..12 for which f_m does not have 2^m pieces");
  CLAIM(.id = "approx.product", .kind = CLAIM_BOUND, .measured = worst_prod,
        .reference = 1, .tolerance = 0, .samples = 20000, .seed = seed,
        .note = "largest |P_m(x, y) - xy| over 3 2^(-2m-2) at random dyadic"
                " points of [0,1]^2, m = 1..10 (exact arithmetic)");
  double pol = 0;
  for (int t = 0; t < 1000; t++) {
    double x = flat(r, -4, 4), y = flat(r, -4, 4);
    double s = x + y, d = x - y, rhs = 0.25 * (s * s - d * d);
    pol = claim_fmax(pol, fabs(rhs - x * y) / (gam(4) * (x + y) * (x + y) / 4
                                         + gam(4) * (x - y) * (x - y) / 4
                                         + U * fabs(x * y)));
  }
  CLAIM(.id = "approx.product", .kind = CLAIM_BOUND, .measured = pol,
        .reference = 1, .tolerance = 0, .samples = 1000, .seed = seed,
        .note = "xy against ((x+y)^2 - (x-y)^2)/4 in floating point, over"
                " gamma_4 ((x+y)^2 + (x-y)^2)/4 + u|xy|");
#line 9971 "chapters/02-approximation.nw"
  gsl_rng_free(r);
}
#line 10068 "chapters/02-approximation.nw"
static double net2(mdl_net *net, double x, double y)
{
  double in[2] = {x, y}, out;
  gsl_matrix_view X = gsl_matrix_view_array(in, 1, 2);
  gsl_matrix_view Y = gsl_matrix_view_array(&out, 1, 1);
  mdl_net_forward(net, &X.matrix, &Y.matrix);
  return out;
}

static void test_product_sharp(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(2718282);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  double hi = -HUGE_VAL, lo = HUGE_VAL;
  int top_bad = 0, bottom_bad = 0;
  for (size_t m = 1; m <= 10; m++) {
    mdl_net *prod = mdl_approx_product(m);
    double delta = ldexp(1, -2 * (int)m - 2);
    for (int t = 0; t < 4000; t++) {
      double x = ldexp((double)gsl_rng_uniform_int(r, 1u << 20), -20);
      double y = ldexp((double)gsl_rng_uniform_int(r, 1u << 20), -20);
      double e = (net2(prod, x, y) - x * y) / delta;
      hi = claim_fmax(hi, e);
      lo = fmin(lo, e);
    }
    for (size_t j = 0; j < ((size_t)1 << m); j++) {
      double x = ldexp((double)j, -(int)m), y = ldexp((double)j + 1, -(int)m);
      double e = (net2(prod, x, y) - x * y) / delta;
      top_bad += e != 2;
      hi = claim_fmax(hi, e);
    }
    double x = ldexp(1, -(int)m - 1), y = ldexp(3, -(int)m - 1);
    double e = (net2(prod, x, y) - x * y) / delta;
    bottom_bad += e != -1;
    lo = fmin(lo, e);
    mdl_net_free(prod);
  }
  CLAIM(.id = "approx.product-sharp", .kind = CLAIM_BOUND, .measured = hi,
        .reference = 2, .tolerance = 0, .samples = 40000 + 2046, .seed = seed,
        .note = "largest (P_m(x,y) - xy)/2^(-2m-2), m = 1..10, random dyadic"
                " points and adjacent nodes: at most 2, and equal to 2");
  CLAIM(.id = "approx.product-sharp", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = lo, .reference = -1,
        .tolerance = 0, .samples = 40000 + 10, .seed = seed,
        .note = "smallest (P_m(x,y) - xy)/2^(-2m-2), m = 1..10");
  CLAIM(.id = "approx.product-sharp", .kind = CLAIM_IDENTITY,
        .measured = top_bad, .reference = 0, .tolerance = 0, .samples = 2046,
        .note = "adjacent node pairs (j 2^-m, (j+1) 2^-m) where the error is"
                " not exactly 2 2^(-2m-2)");
  CLAIM(.id = "approx.product-sharp", .kind = CLAIM_IDENTITY,
        .measured = bottom_bad, .reference = 0, .tolerance = 0, .samples = 10,
        .note = "m for which the error at (2^(-m-1), 3 2^(-m-1)) is not"
                " exactly -2^(-2m-2)");
  gsl_rng_free(r);
}
#line 10294 "chapters/02-approximation.nw"
typedef struct {
  long long a, b, c;
} line;

static int sgn(long long v)
{
  return (v > 0) - (v < 0);
}

static int general_position(const line *l, size_t m)
{
  for (size_t i = 0; i < m; i++) {
    if (l[i].a == 0 && l[i].b == 0)
      return 0;
    for (size_t j = i + 1; j < m; j++) {
      if (l[i].a * l[j].b - l[j].a * l[i].b == 0)
        return 0;
      for (size_t k = j + 1; k < m; k++) {
        long long det = l[i].a * (l[j].b * l[k].c - l[k].b * l[j].c)
                        - l[i].b * (l[j].a * l[k].c - l[k].a * l[j].c)
                        + l[i].c * (l[j].a * l[k].b - l[k].a * l[j].b);
        if (det == 0)
          return 0;
      }
    }
  }
  return 1;
}

static int cmp_u32(const void *x, const void *y)
{
  uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
  return (a > b) - (a < b);
}

static size_t distinct(uint32_t *v, size_t n)
{
  qsort(v, n, sizeof *v, cmp_u32);
  size_t k = n ? 1 : 0;
  for (size_t i = 1; i < n; i++)
    k += v[i] != v[i - 1];
  return k;
}
#line 10343 "chapters/02-approximation.nw"
static size_t vertex_regions(const line *l, size_t m, mdl_net *layer,
                             int *pattern_bad)
{
  uint32_t v[4 * 66];
  size_t n = 0;
  for (size_t i = 0; i < m; i++)
    for (size_t j = i + 1; j < m; j++) {
      long long D = l[i].a * l[j].b - l[j].a * l[i].b;
      long long X = l[i].b * l[j].c - l[j].b * l[i].c;
      long long Y = l[j].a * l[i].c - l[i].a * l[j].c;
      uint32_t base = 0;
      for (size_t k = 0; k < m; k++)
        if (k != i && k != j)
          base |= (uint32_t)(sgn(l[k].a * X + l[k].b * Y + l[k].c * D) * sgn(D) > 0) << k;
      for (int si = -1; si <= 1; si += 2)
        for (int sj = -1; sj <= 1; sj += 2) {
          uint32_t code = base | (uint32_t)(si > 0) << i | (uint32_t)(sj > 0) << j;
          v[n++] = code;
          double px = (double)(si * l[j].b - sj * l[i].b) / (double)D;
          double py = (double)(sj * l[i].a - si * l[j].a) / (double)D;
          double pt[2] = {(double)X / (double)D + 1e-7 * px,
                          (double)Y / (double)D + 1e-7 * py}, out[12];
          gsl_matrix_view P = gsl_matrix_view_array(pt, 1, 2);
          gsl_matrix_view O = gsl_matrix_view_array(out, 1, m);
          mdl_net_forward(layer, &P.matrix, &O.matrix);
          uint32_t got = 0;
          for (size_t k = 0; k < m; k++)
            got |= (uint32_t)(out[k] > 0) << k;
          *pattern_bad += got != code;
        }
    }
  return distinct(v, n);
}
#line 10379 "chapters/02-approximation.nw"
typedef struct {
  double angle;
  long long x, y;
} ray;

static int cmp_ray(const void *p, const void *q)
{
  double a = ((const ray *)p)->angle, b = ((const ray *)q)->angle;
  return (a > b) - (a < b);
}

static size_t sector_regions(const line *l, size_t m)
{
  ray r[24];
  uint32_t v[24];
  for (size_t k = 0; k < m; k++)
    for (int s = 0; s < 2; s++) {
      long long x = s ? l[k].b : -l[k].b, y = s ? -l[k].a : l[k].a;
      r[2 * k + s] = (ray){atan2((double)y, (double)x), x, y};
    }
  qsort(r, 2 * m, sizeof *r, cmp_ray);
  for (size_t q = 0; q < 2 * m; q++) {
    long long px = r[q].x + r[(q + 1) % (2 * m)].x;
    long long py = r[q].y + r[(q + 1) % (2 * m)].y;
    uint32_t code = 0;
    for (size_t k = 0; k < m; k++)
      code |= (uint32_t)(l[k].a * px + l[k].b * py > 0) << k;
    v[q] = code;
  }
  return distinct(v, 2 * m);
}

static void test_regions(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(5772157);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  int count_bad = 0, pattern_bad = 0, central_bad = 0, patterns = 0;
  for (size_t m = 2; m <= 12; m++)
    for (int t = 0; t < 10; t++) {
      line l[12];
      do {
        for (size_t k = 0; k < m; k++)
          l[k] = (line){(long long)gsl_rng_uniform_int(r, 41) - 20,
                        (long long)gsl_rng_uniform_int(r, 41) - 20,
                        (long long)gsl_rng_uniform_int(r, 41) - 20};
      } while (!general_position(l, m));
      const size_t w[2] = {2, m};
      const mdl_net_activation act[1] = {MDL_NET_RELU};
      mdl_net *layer = mdl_net_alloc(1, w, act);
      gsl_matrix_view W = mdl_net_weight(layer, NULL, 0);
      gsl_vector_view b = mdl_net_bias(layer, NULL, 0);
      for (size_t k = 0; k < m; k++) {
        gsl_matrix_set(&W.matrix, k, 0, (double)l[k].a);
        gsl_matrix_set(&W.matrix, k, 1, (double)l[k].b);
        gsl_vector_set(&b.vector, k, (double)l[k].c);
      }
      size_t regions = vertex_regions(l, m, layer, &pattern_bad);
      count_bad += regions != 1 + m + m * (m - 1) / 2;
      patterns += (int)(4 * m * (m - 1) / 2);
      mdl_net_free(layer);
      for (size_t k = 0; k < m; k++)
        l[k].c = 0;
      central_bad += sector_regions(l, m) != 2 * m;
    }
  CLAIM(.id = "approx.regions", .kind = CLAIM_IDENTITY, .measured = count_bad,
        .reference = 0, .tolerance = 0, .samples = 110, .seed = seed,
        .note = "arrangements of m = 2..12 lines in general position whose"
                " exact region count is not 1 + m + m(m-1)/2");
  CLAIM(.id = "approx.regions", .kind = CLAIM_IDENTITY,
        .measured = pattern_bad, .reference = 0, .tolerance = 0,
        .samples = (size_t)patterns, .seed = seed,
        .note = "points inside the regions where the ReLU layer's activation"
                " pattern differs from the region's sign vector");
  CLAIM(.id = "approx.regions", .kind = CLAIM_IDENTITY,
        .measured = central_bad, .reference = 0, .tolerance = 0,
        .samples = 110, .seed = seed,
        .note = "the same lines moved through the origin (no biases):"
                " arrangements with other than 2m regions");
  gsl_rng_free(r);
}
#line 10814 "chapters/02-approximation.nw"
enum { BAR_N = 5, BAR_PTS = 400 };

static int gaussian_spectrum(const gsl_rng *r, void *params, gsl_vector *omega,
                             double *phase)
{
  (void)params;
  double norm = 0;
  for (size_t i = 0; i < BAR_N; i++) {
    gsl_vector_set(omega, i, gsl_ran_gaussian(r, 1));
    norm += gsl_pow_2(gsl_vector_get(omega, i));
  }
  gsl_vector_scale(omega, sqrt(gsl_ran_chisq(r, BAR_N + 1)) / sqrt(norm));
  *phase = 0;
  return GSL_SUCCESS;
}

static int half_pi_spectrum(const gsl_rng *r, void *params, gsl_vector *omega,
                            double *phase)
{
  (void)r;
  (void)params;
  gsl_vector_set_all(omega, M_PI / 2);
  *phase = 0;
  return GSL_SUCCESS;
}

static void ball_points(gsl_matrix *P, gsl_rng *r)
{
  for (size_t k = 0; k < P->size1; k++) {
    double norm = 0;
    for (size_t i = 0; i < BAR_N; i++) {
      gsl_matrix_set(P, k, i, gsl_ran_gaussian(r, 1));
      norm += gsl_pow_2(gsl_matrix_get(P, k, i));
    }
    double radius = pow(gsl_rng_uniform(r), 1.0 / BAR_N);
    for (size_t i = 0; i < BAR_N; i++)
      gsl_matrix_set(P, k, i, gsl_matrix_get(P, k, i) * radius / sqrt(norm));
  }
}

static double gauss_f(const gsl_matrix *P, size_t k)
{
  double s = 0;
  for (size_t i = 0; i < BAR_N; i++)
    s += gsl_pow_2(gsl_matrix_get(P, k, i));
  return exp(-s / 2);
}
#line 10871 "chapters/02-approximation.nw"
static double z_squared_mean(const gsl_matrix *P, gsl_rng *r)
{
  double w[BAR_N], norm = 0;
  for (size_t i = 0; i < BAR_N; i++) {
    w[i] = gsl_ran_gaussian(r, 1);
    norm += w[i] * w[i];
  }
  double rho = sqrt(gsl_ran_chisq(r, BAR_N + 1)), s;
  do
    s = flat(r, -1, 1);
  while (!(gsl_rng_uniform(r) < fabs(sin(rho * s))));
  double half = floor(rho / M_PI), V = 2 * (2 * half + 1 - cos(rho - M_PI * half)) / rho;
  double total = 0;
  for (size_t k = 0; k < P->size1; k++) {
    double t = 0;
    for (size_t i = 0; i < BAR_N; i++)
      t += w[i] / sqrt(norm) * gsl_matrix_get(P, k, i);
    double active = s > 0 ? t >= s : t < s;
    total += active * V * V;
  }
  return total / (double)P->size1;
}
#line 10896 "chapters/02-approximation.nw"
static void test_barron(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6180339);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  gsl_matrix *P = gsl_matrix_alloc(BAR_PTS, BAR_N), *Y = gsl_matrix_alloc(BAR_PTS, 1);
  ball_points(P, r);
  const double cf = sqrt(2.0) * tgamma(3) / tgamma(2.5), bound = 4 * cf * cf;
  /* One frequency rho = pi/2, phase 0, radius r = 2: every outer weight is
     +-(cf/m) int_{-2}^{2} |sin(pi s/2)| ds = +-8/pi (cf = m = 1); rho, rho r
     and the cosine at 0 carry at most an ulp each, so 8 eps covers them. */
  mdl_net *one = mdl_approx_barron(half_pi_spectrum, NULL, 1, 1, 2, 1, 0, r);
  gsl_matrix_view C1 = mdl_net_weight(one, NULL, 1);
  CLAIM(.id = "approx.barron", .kind = CLAIM_BOUND,
        .measured = fabs(fabs(gsl_matrix_get(&C1.matrix, 0, 0)) * M_PI / 8 - 1),
        .reference = 0, .tolerance = 8 * DBL_EPSILON, .seed = seed,
        .note = "the outer weight at radius 2 is int_{-2}^{2} |sin(pi s/2)| ds"
                " = 8/pi");
  mdl_net_free(one);
  double fvar = 0;
  for (size_t k = 0; k < BAR_PTS; k++)
    fvar += gsl_pow_2(gauss_f(P, k) - 1) / BAR_PTS;
  enum { K = 10000, REPS = 400, J = 4 };
  const double k_se = 6;
  gsl_vector *zs = gsl_vector_alloc(K);
  for (size_t k = 0; k < K; k++)
    gsl_vector_set(zs, k, z_squared_mean(P, r));
  mdl_numcheck_estimate ez;
  mdl_numcheck_mean(zs, &ez);
  double v = cf * cf * ez.mean - fvar, v_se = cf * cf * ez.se;
  double t[J], y[J], rel[J];
  gsl_vector *errs = gsl_vector_alloc(REPS);
  for (int j = 0; j < J; j++) {
    size_t m = (size_t)10 << (2 * j);
#line 10943 "chapters/02-approximation.nw"
    for (int k = 0; k < REPS; k++) {
      mdl_net *net = mdl_approx_barron(gaussian_spectrum, NULL, BAR_N, m, 1, cf, 1,
                                       r);
      mdl_net_forward(net, P, Y);
      double e = 0;
      for (size_t q = 0; q < BAR_PTS; q++)
        e += gsl_pow_2(gsl_matrix_get(Y, q, 0) - gauss_f(P, q)) / BAR_PTS;
      gsl_vector_set(errs, k, (double)m * e);
      mdl_net_free(net);
    }
    mdl_numcheck_estimate est;
    mdl_numcheck_mean(errs, &est);
    char note[160];
    snprintf(note, sizeof note, "m = %zu: mean of m times the L2(mu) error over"
             " %d networks, against (2 r C_f)^2", m, REPS);
    CLAIM(.id = "approx.barron", .kind = CLAIM_BOUND, .measured = est.mean,
          .reference = bound, .tolerance = 5 * est.se, .samples = REPS,
          .seed = seed, .note = note);
    snprintf(note, sizeof note, "m = %zu: mean of m times the error against"
             " Maurey's constant v, estimated independently", m);
    CLAIM(.id = "approx.barron", .kind = CLAIM_IDENTITY, .measured = est.mean,
          .reference = v, .tolerance = k_se * sqrt(est.se * est.se + v_se * v_se),
          .samples = REPS, .seed = seed, .note = note);
    t[j] = log((double)m);
    y[j] = log(est.mean / (double)m);
    rel[j] = est.se / est.mean;
#line 10932 "chapters/02-approximation.nw"
  }
#line 10972 "chapters/02-approximation.nw"
  double tm = 0, stt = 0, slope = 0, var = 0;
  for (int j = 0; j < J; j++)
    tm += t[j] / J;
  for (int j = 0; j < J; j++)
    stt += (t[j] - tm) * (t[j] - tm);
  for (int j = 0; j < J; j++) {
    double w = (t[j] - tm) / stt;
    slope += w * y[j];
    var += w * w * rel[j] * rel[j];
  }
  CLAIM(.id = "approx.barron", .kind = CLAIM_RATE, .measured = slope,
        .reference = -1, .tolerance = k_se * sqrt(var), .samples = J * REPS,
        .seed = seed,
        .note = "fitted slope of log mean L2(mu) error against log m,"
                " m = 10, 40, 160, 640, Gaussian on R^5");
#line 10934 "chapters/02-approximation.nw"
  gsl_vector_free(errs);
  gsl_vector_free(zs);
  gsl_matrix_free(P);
  gsl_matrix_free(Y);
  gsl_rng_free(r);
}
#line 11006 "chapters/02-approximation.nw"
static const double barron_x0[BAR_N] = {0.6, -0.3, 0.2, 0, 0.1};

static int shifted_spectrum(const gsl_rng *r, void *params, gsl_vector *omega,
                            double *phase)
{
  gaussian_spectrum(r, params, omega, phase);
  double dot = 0;
  for (size_t i = 0; i < BAR_N; i++)
    dot += gsl_vector_get(omega, i) * barron_x0[i];
  *phase = -dot;
  return GSL_SUCCESS;
}

static double shifted_f(const gsl_matrix *P, size_t k)
{
  double s = 0;
  for (size_t i = 0; i < BAR_N; i++)
    s += gsl_pow_2(gsl_matrix_get(P, k, i) - barron_x0[i]);
  return exp(-s / 2);
}

static void test_barron_unbiased(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(2718281);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { PTS = 5, REPS = 20000 };
  gsl_matrix *P = gsl_matrix_alloc(PTS, BAR_N), *Y = gsl_matrix_alloc(PTS, 1);
  ball_points(P, r);
  const double cf = sqrt(2.0) * tgamma(3) / tgamma(2.5);
  double f0 = 0;
  for (size_t i = 0; i < BAR_N; i++)
    f0 += barron_x0[i] * barron_x0[i];
  f0 = exp(-f0 / 2);
  gsl_matrix *out = gsl_matrix_alloc(PTS, REPS);
  const size_t ms[2] = {1, 7};
  for (int c = 0; c < 2; c++) {
    for (size_t k = 0; k < REPS; k++) {
      mdl_net *net = mdl_approx_barron(shifted_spectrum, NULL, BAR_N, ms[c], 1,
                                       cf, f0, r);
      mdl_net_forward(net, P, Y);
      for (size_t q = 0; q < PTS; q++)
        gsl_matrix_set(out, q, k, gsl_matrix_get(Y, q, 0));
      mdl_net_free(net);
    }
    for (size_t q = 0; q < PTS; q++) {
      gsl_vector_view row = gsl_matrix_row(out, q);
      mdl_numcheck_estimate est;
      mdl_numcheck_mean(&row.vector, &est);
      char note[160];
      snprintf(note, sizeof note, "m = %zu, point %zu: mean of f_m(x) over"
               " %d networks against f(x), shifted Gaussian (phase != 0),"
               " 5 standard errors", ms[c], q, REPS);
      CLAIM(.id = "approx.barron", .kind = CLAIM_IDENTITY,
            .measured = est.mean, .reference = shifted_f(P, q),
            .tolerance = 5 * est.se, .samples = REPS, .seed = seed,
            .note = note);
    }
  }
  gsl_matrix_free(out);
  gsl_matrix_free(P);
  gsl_matrix_free(Y);
  gsl_rng_free(r);
}
#line 11236 "chapters/02-approximation.nw"
#define ERRA(code, expr, untouched_expr, what)                                \
  do {                                                                        \
    claim_expect_error();                                                     \
    expr;                                                                     \
    CLAIM(.id = "approx.approx-errors", .kind = CLAIM_ERROR,                  \
          .measured = claim_last_error(), .reference = (code),                \
          .untouched = (untouched_expr), .note = (what));                     \
    MSG_CHECK(what);                                                          \
  } while (0)

static int failing_spectrum(const gsl_rng *r, void *params, gsl_vector *omega,
                            double *phase)
{
  (void)r;
  (void)params;
  (void)omega;
  *phase = 0;
  return GSL_EDOM;
}

static int constant_spectrum(const gsl_rng *r, void *params, gsl_vector *omega,
                             double *phase)
{
  (void)r;
  gsl_vector_set_all(omega, *(const double *)params);
  *phase = 0;
  return GSL_SUCCESS;
}
#line 11270 "chapters/02-approximation.nw"
static void test_errors_approx_pl(void **state)
{
  (void)state;
  mdl_net *net = NULL;
  double t3[3] = {0, 1, 0}, t4[4] = {0, 1, 2, 0};
  gsl_vector_view T3 = gsl_vector_view_array(t3, 3), T4 = gsl_vector_view_array(t4, 4);
  ERRA(GSL_EFAULT, net = mdl_approx_boolean(NULL), net == NULL,
       "mdl_approx_boolean: table is NULL");
  WANT("table has length 3");
  ERRA(GSL_EBADLEN, net = mdl_approx_boolean(&T3.vector), net == NULL,
       "mdl_approx_boolean: a table of length 3");
  WANT("table[2] = 2");
  ERRA(GSL_EDOM, net = mdl_approx_boolean(&T4.vector), net == NULL,
       "mdl_approx_boolean: an entry 2");
  double x3[3] = {0, 0.5, 1}, y3[3] = {1, 2, 0}, xd[3] = {0, 1, 0.5};
  double yn[3] = {1, NAN, 0}, x1[1] = {0}, y2[2] = {1, 2};
  gsl_vector_view X3 = gsl_vector_view_array(x3, 3), Y3 = gsl_vector_view_array(y3, 3);
  gsl_vector_view XD = gsl_vector_view_array(xd, 3), YN = gsl_vector_view_array(yn, 3);
  gsl_vector_view X1 = gsl_vector_view_array(x1, 1), Y2 = gsl_vector_view_array(y2, 2);
  ERRA(GSL_EFAULT, net = mdl_approx_relu_interpolant(NULL, &Y3.vector),
       net == NULL, "mdl_approx_relu_interpolant: x is NULL");
  WANT("x has length 3 and y 2");
  ERRA(GSL_EBADLEN, net = mdl_approx_relu_interpolant(&X3.vector, &Y2.vector),
       net == NULL, "mdl_approx_relu_interpolant: 3 knots, 2 values");
  ERRA(GSL_EBADLEN, net = mdl_approx_relu_interpolant(&X1.vector, &X1.vector),
       net == NULL, "mdl_approx_relu_interpolant: one knot");
  ERRA(GSL_EDOM, net = mdl_approx_relu_interpolant(&XD.vector, &Y3.vector),
       net == NULL, "mdl_approx_relu_interpolant: knots not increasing");
  ERRA(GSL_EDOM, net = mdl_approx_relu_interpolant(&X3.vector, &YN.vector),
       net == NULL, "mdl_approx_relu_interpolant: a NaN value");
  ERRA(GSL_EFAULT, net = mdl_approx_abs_interpolant(&X3.vector, NULL),
       net == NULL, "mdl_approx_abs_interpolant: y is NULL");
  ERRA(GSL_EDOM, net = mdl_approx_abs_interpolant(&XD.vector, &Y3.vector),
       net == NULL, "mdl_approx_abs_interpolant: knots not increasing");
  gsl_matrix *G = gsl_matrix_alloc(2, 2), *H = gsl_matrix_alloc(2, 2);
  gsl_matrix *G3 = gsl_matrix_alloc(3, 2);
  gsl_matrix_set_all(G, -7.125);
  gsl_matrix_set_all(H, -7.125);
  int status = 0;
#define DC_OK (all_equal(G->data, 4, -7.125) && all_equal(H->data, 4, -7.125))
  ERRA(GSL_EFAULT, status = mdl_approx_dc(&X3.vector, &Y3.vector, NULL, H),
       DC_OK && status, "mdl_approx_dc: g is NULL");
  WANT("g is 3 x 2 and h 2 x 2; both must be 2 x 2");
  ERRA(GSL_EBADLEN, status = mdl_approx_dc(&X3.vector, &Y3.vector, G3, H),
       DC_OK && status, "mdl_approx_dc: g with 3 rows for 2 pieces");
  ERRA(GSL_EDOM, status = mdl_approx_dc(&XD.vector, &Y3.vector, G, H),
       DC_OK && status, "mdl_approx_dc: knots not increasing");
#undef DC_OK
  double v = 0;
  gsl_matrix *A3 = gsl_matrix_alloc(2, 3);
  ERRA(GSL_EFAULT, v = mdl_approx_max_affine(NULL, 0.5), isnan(v),
       "mdl_approx_max_affine: A is NULL");
  WANT("A has 3 columns, expected 2");
  ERRA(GSL_EBADLEN, v = mdl_approx_max_affine(A3, 0.5), isnan(v),
       "mdl_approx_max_affine: A with 3 columns");
  gsl_matrix_free(G);
  gsl_matrix_free(H);
  gsl_matrix_free(G3);
  gsl_matrix_free(A3);
  ERRA(GSL_EFAULT, v = mdl_approx_bernstein(NULL, 0.5), isnan(v),
       "mdl_approx_bernstein: f is NULL");
  WANT("x = 1.5");
  ERRA(GSL_EDOM, v = mdl_approx_bernstein(&Y3.vector, 1.5), isnan(v),
       "mdl_approx_bernstein: x = 1.5");
  ERRA(GSL_EDOM, v = mdl_approx_bernstein(&Y3.vector, NAN), isnan(v),
       "mdl_approx_bernstein: x is NaN");
  ERRA(GSL_EINVAL, net = mdl_approx_sigmoid_staircase(&X3.vector, &Y3.vector, 0),
       net == NULL, "mdl_approx_sigmoid_staircase: k = 0");
  WANT("k = inf");
  ERRA(GSL_EINVAL,
       net = mdl_approx_sigmoid_staircase(&X3.vector, &Y3.vector, INFINITY),
       net == NULL, "mdl_approx_sigmoid_staircase: infinite k");
  WANT("x[1] = 1 and x[2] = 0.5");
  ERRA(GSL_EDOM, net = mdl_approx_sigmoid_staircase(&XD.vector, &Y3.vector, 5),
       net == NULL, "mdl_approx_sigmoid_staircase: knots not increasing");
}
#line 11349 "chapters/02-approximation.nw"
static void test_errors_approx_deep(void **state)
{
  (void)state;
  mdl_net *net = NULL;
  WANT("k = 0");
  ERRA(GSL_EINVAL, net = mdl_approx_sawtooth(0), net == NULL,
       "mdl_approx_sawtooth: k = 0");
  WANT("m = 0");
  ERRA(GSL_EINVAL, net = mdl_approx_square(0), net == NULL,
       "mdl_approx_square: m = 0");
  WANT("m = 0");
  ERRA(GSL_EINVAL, net = mdl_approx_product(0), net == NULL,
       "mdl_approx_product: m = 0");
  mdl_net *tent3 = mdl_approx_sawtooth(3), *prod = mdl_approx_product(2);
  const size_t w[3] = {1, 4, 1};
  const mdl_net_activation sig[2] = {MDL_NET_SIGMOID, MDL_NET_IDENTITY};
  mdl_net *smooth = mdl_net_alloc(2, w, sig);
  size_t count = 99;
  int status = 0;
  ERRA(GSL_EFAULT, status = mdl_approx_pieces(NULL, 0, 1, &count),
       count == 99 && status, "mdl_approx_pieces: net is NULL");
  ERRA(GSL_EFAULT, status = mdl_approx_pieces(tent3, 0, 1, NULL), status,
       "mdl_approx_pieces: count is NULL");
  WANT("maps R^2 to R^1");
  ERRA(GSL_EBADLEN, status = mdl_approx_pieces(prod, 0, 1, &count),
       count == 99 && status, "mdl_approx_pieces: a network of two inputs");
  ERRA(GSL_EINVAL, status = mdl_approx_pieces(smooth, 0, 1, &count),
       count == 99 && status, "mdl_approx_pieces: sigmoid units");
  ERRA(GSL_EDOM, status = mdl_approx_pieces(tent3, 1, 1, &count),
       count == 99 && status, "mdl_approx_pieces: a = b");
  ERRA(GSL_EDOM, status = mdl_approx_pieces(tent3, -INFINITY, 1, &count),
       count == 99 && status, "mdl_approx_pieces: a = -infinity");
  mdl_net_free(tent3);
  mdl_net_free(prod);
  mdl_net_free(smooth);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  double zero = 0, tiny = 1e-150;
  ERRA(GSL_EFAULT, net = mdl_approx_barron(NULL, NULL, 2, 4, 1, 1, 0, r),
       net == NULL, "mdl_approx_barron: draw is NULL");
  WANT("rng is NULL");
  ERRA(GSL_EFAULT,
       net = mdl_approx_barron(gaussian_spectrum, NULL, 5, 4, 1, 1, 0, NULL),
       net == NULL, "mdl_approx_barron: rng is NULL");
  ERRA(GSL_EINVAL, net = mdl_approx_barron(gaussian_spectrum, NULL, 0, 4, 1, 1, 0, r),
       net == NULL, "mdl_approx_barron: n = 0");
  ERRA(GSL_EINVAL, net = mdl_approx_barron(gaussian_spectrum, NULL, 5, 0, 1, 1, 0, r),
       net == NULL, "mdl_approx_barron: m = 0");
  ERRA(GSL_EINVAL, net = mdl_approx_barron(gaussian_spectrum, NULL, 5, 4, 0, 1, 0, r),
       net == NULL, "mdl_approx_barron: r = 0");
  WANT("C_f = nan");
  ERRA(GSL_EINVAL, net = mdl_approx_barron(gaussian_spectrum, NULL, 5, 4, 1, NAN, 0, r),
       net == NULL, "mdl_approx_barron: C_f is NaN");
  WANT("unit 0 of ");
  ERRA(GSL_EBADFUNC, net = mdl_approx_barron(failing_spectrum, NULL, 5, 4, 1, 1, 0, r),
       net == NULL, "mdl_approx_barron: the sampler fails");
  ERRA(GSL_EBADFUNC, net = mdl_approx_barron(constant_spectrum, &zero, 5, 4, 1, 1, 0, r),
       net == NULL, "mdl_approx_barron: the sampler returns frequency 0");
  ERRA(GSL_EMAXITER, net = mdl_approx_barron(constant_spectrum, &tiny, 5, 4, 1, 1, 0, r),
       net == NULL, "mdl_approx_barron: frequency 1e-150, every s rejected");
  gsl_rng_free(r);
}
#line 11420 "chapters/02-approximation.nw"
static void test_bad_input_approx(void **state)
{
  (void)state;
  const double S = -7.125;
  mdl_net *net = NULL;
  double v = 0;
  gsl_vector e = claim_empty_vector();
  double t4[4] = {0, 1, NAN, 0}, xs[3] = {0, 0.5, 1}, ys[3] = {0.2, NAN, 0.7};
  gsl_vector_view T4 = gsl_vector_view_array(t4, 4);
  gsl_vector_view X3 = gsl_vector_view_array(xs, 3), Y3 = gsl_vector_view_array(ys, 3);
  ERRA(GSL_EBADLEN, net = mdl_approx_boolean(&e), net == NULL,
       "mdl_approx_boolean: an empty table");
  ERRA(GSL_EDOM, net = mdl_approx_boolean(&T4.vector), net == NULL,
       "mdl_approx_boolean: an entry NaN");
  ERRA(GSL_EBADLEN, net = mdl_approx_relu_interpolant(&e, &e), net == NULL,
       "mdl_approx_relu_interpolant: no knots");
  ERRA(GSL_EBADLEN, net = mdl_approx_abs_interpolant(&e, &e), net == NULL,
       "mdl_approx_abs_interpolant: no knots");
  WANT("y[1] = nan");
  ERRA(GSL_EDOM, net = mdl_approx_abs_interpolant(&X3.vector, &Y3.vector),
       net == NULL, "mdl_approx_abs_interpolant: a NaN value");
  gsl_matrix *G = gsl_matrix_alloc(2, 2), *H = gsl_matrix_alloc(2, 2);
  gsl_matrix_set_all(G, S);
  gsl_matrix_set_all(H, S);
  ERRA(GSL_EDOM, v = mdl_approx_dc(&X3.vector, &Y3.vector, G, H),
       claim_all_equal_matrix(G, S) && claim_all_equal_matrix(H, S),
       "mdl_approx_dc: a NaN value");
  gsl_matrix E0 = claim_empty_matrix(0, 2);
  ERRA(GSL_EBADLEN, mdl_approx_dc(&e, &e, &E0, &E0), 1, "mdl_approx_dc: no knots");
  gsl_matrix_set_all(G, 0.5);
  ERRA(GSL_EDOM, v = mdl_approx_max_affine(G, NAN), isnan(v),
       "mdl_approx_max_affine: t is NaN");
  ERRA(GSL_EBADLEN, v = mdl_approx_max_affine(&E0, 0.5), isnan(v),
       "mdl_approx_max_affine: A has no rows");
  gsl_matrix_set(G, 1, 0, HUGE_VAL);
  ERRA(GSL_EDOM, v = mdl_approx_max_affine(G, 0.5), isnan(v),
       "mdl_approx_max_affine: A[1][0] = inf");
  ERRA(GSL_EBADLEN, v = mdl_approx_bernstein(&e, 0.5), isnan(v),
       "mdl_approx_bernstein: an empty vector f");
  ERRA(GSL_EDOM, v = mdl_approx_bernstein(&Y3.vector, 0.5), isnan(v),
       "mdl_approx_bernstein: f(1/2) is NaN");
  ERRA(GSL_EBADLEN, net = mdl_approx_sigmoid_staircase(&e, &e, 10), net == NULL,
       "mdl_approx_sigmoid_staircase: no knots");
  ERRA(GSL_EDOM, net = mdl_approx_sigmoid_staircase(&X3.vector, &Y3.vector, 10),
       net == NULL, "mdl_approx_sigmoid_staircase: a NaN value");
  ys[1] = 0.4;
  ERRA(GSL_EINVAL, net = mdl_approx_sigmoid_staircase(&X3.vector, &Y3.vector, NAN),
       net == NULL, "mdl_approx_sigmoid_staircase: k is NaN");
  mdl_net *tent = mdl_approx_sawtooth(2);
  size_t count = 99;
  ERRA(GSL_EDOM, mdl_approx_pieces(tent, NAN, 1, &count), count == 99,
       "mdl_approx_pieces: a is NaN");
  gsl_vector_set(mdl_net_params(tent), 2, NAN);
  WANT("layer 1 is not finite: b[0] = nan");
  ERRA(GSL_EDOM, mdl_approx_pieces(tent, 0, 1, &count), count == 99,
       "mdl_approx_pieces: a NaN weight");
  data_reason[0] = '\0';
  gsl_error_handler_t *old_handler = gsl_set_error_handler(data_capture);
  mdl_approx_pieces(tent, 0, 1, &count);
  gsl_set_error_handler(old_handler);
  CLAIM(.id = "approx.tent", .kind = CLAIM_IDENTITY,
        .measured = strstr(data_reason, "layer 1 is not finite") != NULL,
        .reference = 1, .tolerance = 0,
        .note = "mdl_approx_pieces: the message names layer 1 (1-based) of a "
                "NaN bias in the first layer");
  mdl_net_free(tent);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  ERRA(GSL_EINVAL, net = mdl_approx_barron(gaussian_spectrum, NULL, 5, 4, NAN, 1, 0, r),
       net == NULL, "mdl_approx_barron: r is NaN");
  ERRA(GSL_EINVAL, net = mdl_approx_barron(gaussian_spectrum, NULL, 5, 4, 1, 1, NAN, r),
       net == NULL, "mdl_approx_barron: f(0) is NaN");
  gsl_rng_free(r);
  gsl_matrix_free(G);
  gsl_matrix_free(H);
}

#line 876 "chapters/02-approximation.nw"
int main(void)
{
  const struct CMUnitTest tests[] = {
#line 1171 "chapters/02-approximation.nw"
    cmocka_unit_test(test_sigmoid_identities),
#line 1245 "chapters/02-approximation.nw"
    cmocka_unit_test(test_activation_lipschitz),
#line 1761 "chapters/02-approximation.nw"
    cmocka_unit_test(test_softmax_identities),
    cmocka_unit_test(test_softmax_derivatives),
    cmocka_unit_test(test_softmax_extremes),
#line 1789 "chapters/02-approximation.nw"
    cmocka_unit_test(test_softmax_first_max),
#line 3079 "chapters/02-approximation.nw"
    cmocka_unit_test(test_backprop),
#line 3768 "chapters/02-approximation.nw"
    cmocka_unit_test(test_autodiff),
#line 4195 "chapters/02-approximation.nw"
    cmocka_unit_test(test_train),
#line 4885 "chapters/02-approximation.nw"
    cmocka_unit_test(test_save_roundtrip),
    cmocka_unit_test(test_save_refusals),
#line 5643 "chapters/02-approximation.nw"
    cmocka_unit_test(test_net_use),
    cmocka_unit_test(test_data_sets),
#line 6326 "chapters/02-approximation.nw"
    cmocka_unit_test(test_bad_input_net),
#line 6330 "chapters/02-approximation.nw"
    cmocka_unit_test(test_errors_graphs),
    cmocka_unit_test(test_errors_functions),
    cmocka_unit_test(test_errors_network),
    cmocka_unit_test(test_errors_passes),
    cmocka_unit_test(test_errors_files),
#line 7309 "chapters/02-approximation.nw"
    cmocka_unit_test(test_data_roundtrip),
    cmocka_unit_test(test_data_errors),
#line 7689 "chapters/02-approximation.nw"
    cmocka_unit_test(test_boolean),
#line 7830 "chapters/02-approximation.nw"
    cmocka_unit_test(test_linear),
#line 8205 "chapters/02-approximation.nw"
    cmocka_unit_test(test_cpwl),
#line 8263 "chapters/02-approximation.nw"
    cmocka_unit_test(test_knot_order),
#line 8488 "chapters/02-approximation.nw"
    cmocka_unit_test(test_relu_interp),
#line 8767 "chapters/02-approximation.nw"
    cmocka_unit_test(test_bernstein),
#line 9171 "chapters/02-approximation.nw"
    cmocka_unit_test(test_sigmoid),
    cmocka_unit_test(test_polynomial),
#line 9656 "chapters/02-approximation.nw"
    cmocka_unit_test(test_tent),
#line 10053 "chapters/02-approximation.nw"
    cmocka_unit_test(test_yarotsky),
#line 10128 "chapters/02-approximation.nw"
    cmocka_unit_test(test_product_sharp),
#line 10464 "chapters/02-approximation.nw"
    cmocka_unit_test(test_regions),
#line 10990 "chapters/02-approximation.nw"
    cmocka_unit_test(test_barron),
#line 11074 "chapters/02-approximation.nw"
    cmocka_unit_test(test_barron_unbiased),
#line 11498 "chapters/02-approximation.nw"
    cmocka_unit_test(test_bad_input_approx),
#line 11502 "chapters/02-approximation.nw"
    cmocka_unit_test(test_errors_approx_pl),
    cmocka_unit_test(test_errors_approx_deep),
#line 880 "chapters/02-approximation.nw"
  };
  claim_init();
  return cmocka_run_group_tests_name("approx", tests, NULL, NULL);
}
