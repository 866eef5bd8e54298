#line 947 "chapters/01-optimization.nw"
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <mdl/numcheck.h>
#include <mdl/optim.h>
#include "claims.h"

#line 969 "chapters/01-optimization.nw"
static double gamma_k(double k)
{
  const double u = DBL_EPSILON / 2;
  return k * u / (1 - k * u);
}
#line 1013 "chapters/01-optimization.nw"
typedef struct {
  const mdl_optim_type *const *type;
  mdl_optim_params p;
  double expected[4][2];
  double bound[4][2];
} rule_case;

static const rule_case rule_cases[] = {
  
#line 1305 "chapters/01-optimization.nw"
{&mdl_optim_gd,
 {.lr = 0.05, .weight_decay = 0.01},
 {{7.23743399999999926e-01, -1.12844024999999992e+00},
  {7.34651528300000023e-01, -1.12993602987500008e+00},
  {7.08754202535849975e-01, -1.13293106186006254e+00},
  {7.01704825434582014e-01, -1.06000959632913250e+00}},
 {{8.47e-17, 1.39e-16},
  {1.69e-16, 2.65e-16},
  {2.53e-16, 3.91e-16},
  {3.33e-16, 5.26e-16}}},
{&mdl_optim_gd,
 {.lr = 0.25, .weight_decay = 0.01, .max_norm = 0.9, .radius = 1.1},
 {{6.26584379137477332e-01, -9.04097348641672682e-01},
  {6.58307677101181987e-01, -8.81266703257104878e-01},
  {5.29011907908429002e-01, -8.96863536498962111e-01},
  {5.06958724311006970e-01, -6.70578590846707789e-01}},
 {{6.85e-16, 1.11e-15},
  {1.94e-15, 2.77e-15},
  {2.04e-15, 2.88e-15},
  {2.12e-15, 3.22e-15}}},
{&mdl_optim_heavy_ball,
 {.lr = 0.05, .momentum = 0.9, .dampening = 0.1, .weight_decay = 0.01},
 {{7.23743399999999926e-01, -1.12844024999999992e+00},
  {7.16049775469999927e-01, -1.07483267688750006e+00},
  {6.85826290994038468e-01, -1.02930618638165061e+00},
  {6.52291033134725806e-01, -9.22749657142514446e-01}},
 {{8.47e-17, 1.39e-16},
  {1.73e-16, 2.83e-16},
  {2.72e-16, 4.31e-16},
  {3.75e-16, 6.09e-16}}},
{&mdl_optim_nesterov,
 {.lr = 0.05, .momentum = 0.9, .weight_decay = 0.01},
 {{7.06232459999999951e-01, -1.07348647499999994e+00},
  {7.11214693163000011e-01, -1.02692226534874997e+00},
  {6.56690853658195128e-01, -9.89431969424293678e-01},
  {6.17572088404818809e-01, -8.14534357740736792e-01}},
 {{9.28e-17, 1.64e-16},
  {1.80e-16, 3.11e-16},
  {2.83e-16, 4.59e-16},
  {3.82e-16, 6.53e-16}}},
{&mdl_optim_nesterov_xy,
 {.lr = 0.05, .momentum = 0.9},
 {{7.06938500000000025e-01, -1.07461650000000009e+00},
  {7.12892650000000017e-01, -1.02955384999999988e+00},
  {6.59601384999999985e-01, -9.93907464999999934e-01},
  {6.21895746499999902e-01, -8.21147218499999942e-01}},
 {{2.39e-16, 3.82e-16},
  {7.63e-16, 1.20e-15},
  {1.97e-15, 3.07e-15},
  {4.71e-15, 7.33e-15}}},
{&mdl_optim_adagrad,
 {.lr = 0.1, .lr_decay = 0.05, .initial_accumulator_value = 0.2,
  .eps = 1e-10, .weight_decay = 0.02},
 {{6.76853309799678504e-01, -1.09549173110670650e+00},
  {7.08671262763699072e-01, -1.09689219195564913e+00},
  {6.50713322517872172e-01, -1.10030364226816024e+00},
  {6.35434485035362262e-01, -1.03546246302746359e+00}},
 {{1.36e-16, 2.14e-16},
  {2.46e-16, 3.38e-16},
  {3.79e-16, 4.64e-16},
  {4.67e-16, 6.50e-16}}},
{&mdl_optim_rmsprop,
 {.lr = 0.01, .alpha = 0.99, .eps = 1e-8},
 {{6.43200026198578412e-01, -1.08950000826924609e+00},
  {6.94237423221117478e-01, -1.09292209558492615e+00},
  {6.18441457047130161e-01, -1.09885531613364273e+00},
  {5.98851618019361043e-01, -1.02172191790739730e+00}},
 {{1.38e-16, 1.88e-16},
  {2.53e-16, 3.12e-16},
  {3.79e-16, 4.39e-16},
  {4.62e-16, 6.14e-16}}},
{&mdl_optim_rmsprop,
 {.lr = 0.01, .alpha = 0.9, .eps = 1e-8, .momentum = 0.5,
  .centered = 1},
 {{7.09866669577620346e-01, -1.15616666758547182e+00},
  {7.09975411316750571e-01, -1.14068529669718988e+00},
  {6.84054087481439921e-01, -1.13507665523507617e+00},
  {6.63961036109644631e-01, -1.10425790255128553e+00}},
 {{1.09e-16, 1.58e-16},
  {2.15e-16, 3.04e-16},
  {3.30e-16, 4.43e-16},
  {4.35e-16, 6.05e-16}}},
{&mdl_optim_adam,
 {.lr = 0.01, .beta1 = 0.8, .beta2 = 0.95, .eps = 1e-8,
  .weight_decay = 0.03},
 {{7.33200000247527184e-01, -1.17950000008032219e+00},
  {7.31103104823956240e-01, -1.17316969023983764e+00},
  {7.24760066530446889e-01, -1.16874658145404808e+00},
  {7.18500530348585076e-01, -1.16149557767730238e+00}},
 {{1.29e-16, 1.78e-16},
  {2.20e-16, 3.31e-16},
  {3.20e-16, 4.75e-16},
  {4.19e-16, 6.24e-16}}},
{&mdl_optim_amsgrad,
 {.lr = 0.01, .beta1 = 0.9, .beta2 = 0.6, .eps = 1e-8},
 {{7.33200000261985840e-01, -1.17950000008269251e+00},
  {7.31139634046488185e-01, -1.17373512999645513e+00},
  {7.25703000404101295e-01, -1.17001319337587040e+00},
  {7.20660568416671032e-01, -1.16385283858510125e+00}},
 {{1.18e-16, 1.68e-16},
  {2.07e-16, 3.14e-16},
  {3.01e-16, 4.54e-16},
  {3.94e-16, 5.97e-16}}},
{&mdl_optim_amsgrad,
 {.lr = 0.01, .beta2 = 0.9, .no_bias_correction = 1},
 {{7.11577223398316194e-01, -1.15787722339831611e+00},
  {7.28288171188732791e-01, -1.15895458914378002e+00},
  {7.03504387460704761e-01, -1.16081644450972710e+00},
  {6.97005075589997913e-01, -1.13509862400476602e+00}},
 {{1.11e-16, 1.60e-16},
  {2.10e-16, 2.90e-16},
  {3.14e-16, 4.21e-16},
  {3.99e-16, 5.75e-16}}},
{&mdl_optim_signsgd,
 {.lr = 0.01, .weight_decay = 0.1},
 {{7.33199999999999963e-01, -1.17949999999999999e+00},
  {7.43199999999999972e-01, -1.16949999999999998e+00},
  {7.33199999999999963e-01, -1.15949999999999998e+00},
  {7.23199999999999954e-01, -1.14949999999999997e+00}},
 {{8.25e-17, 1.32e-16},
  {1.66e-16, 2.63e-16},
  {2.49e-16, 3.93e-16},
  {3.30e-16, 5.22e-16}}},
{&mdl_optim_signsgd,
 {.lr = 0.01, .momentum = 0.7},
 {{7.33199999999999963e-01, -1.17949999999999999e+00},
  {7.23199999999999954e-01, -1.16949999999999998e+00},
  {7.13199999999999945e-01, -1.15949999999999998e+00},
  {7.03199999999999936e-01, -1.14949999999999997e+00}},
 {{8.25e-17, 1.32e-16},
  {1.64e-16, 2.63e-16},
  {2.44e-16, 3.93e-16},
  {3.23e-16, 5.22e-16}}},
#line 1022 "chapters/01-optimization.nw"
};

static void test_update_rules(void **state)
{
  (void)state;
  const double g[4][2] = {{0.3817, -1.2093}, {-0.2254, 0.0412},
                          {0.5106, 0.0712}, {0.1339, -1.4471}};
  gsl_vector *theta = gsl_vector_alloc(2), *grad = gsl_vector_alloc(2);
  for (size_t c = 0; c < sizeof rule_cases / sizeof rule_cases[0]; c++) {
    const rule_case *rc = &rule_cases[c];
    mdl_optim *opt = mdl_optim_alloc(*rc->type, 2, &rc->p);
    gsl_vector_set(theta, 0, 0.7432);
    gsl_vector_set(theta, 1, -1.1895);
    double worst = 0;
    for (int t = 0; t < 4; t++) {
      gsl_vector_set(grad, 0, g[t][0]);
      gsl_vector_set(grad, 1, g[t][1]);
      mdl_optim_step(opt, theta, grad);
      for (int i = 0; i < 2; i++)
        worst = fmax(worst, fabs(gsl_vector_get(theta, (size_t)i)
                                 - rc->expected[t][i]) / rc->bound[t][i]);
    }
    char note[160];
    snprintf(note, sizeof note, "case %zu, %s: largest deviation from the"
             " 60-digit reference over its running error bound", c,
             mdl_optim_name(*rc->type));
    CLAIM(.id = "optim.update-rules", .kind = CLAIM_BOUND, .measured = worst,
          .reference = 1, .tolerance = 0, .note = note);
    mdl_optim_free(opt);
  }
  gsl_vector_free(theta);
  gsl_vector_free(grad);
}
#line 1091 "chapters/01-optimization.nw"
static void test_heavy_ball_forms(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(0x5eed4b1f1a5c0de1UL);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { N = 6, T = 200 };
  const double eta = 0.0371, mu = 0.8314, taus[2] = {0, 0.2683};
  for (int c = 0; c < 2; c++) {
    double tau = taus[c];
    mdl_optim_params p = {.lr = eta, .momentum = mu, .dampening = tau};
    mdl_optim *opt = mdl_optim_alloc(mdl_optim_heavy_ball, N, &p);
    gsl_vector *theta = gsl_vector_alloc(N), *g = gsl_vector_alloc(N);
    double x[N], xprev[N], b[N] = {0}, bound_x[N] = {0}, bound_t[N] = {0};
    double bound_b[N] = {0}, worst = 0;
    for (size_t i = 0; i < N; i++) {
      x[i] = xprev[i] = gsl_ran_flat(r, -2, 2);
      gsl_vector_set(theta, i, x[i]);
    }
    for (int t = 1; t <= T; t++) {
      for (size_t i = 0; i < N; i++)
        gsl_vector_set(g, i, gsl_ran_gaussian(r, 1.0));
      for (size_t i = 0; i < N; i++) {
        double gi = gsl_vector_get(g, i), th = gsl_vector_get(theta, i);
        double step = t == 1 ? eta * gi : eta * (1 - tau) * gi;
        double next = x[i] - step + mu * (x[i] - xprev[i]);
        bound_x[i] += gamma_k(6) * (fabs(x[i]) + fabs(step)
                                    + mu * fabs(x[i] - xprev[i]));
        b[i] = t == 1 ? gi : mu * b[i] + (1 - tau) * gi;
        bound_b[i] += eta * gamma_k(3) * (mu * fabs(b[i]) + fabs(gi))
                      / (1 - mu);
        bound_t[i] += gamma_k(2) * (fabs(th) + eta * fabs(b[i]));
        xprev[i] = x[i];
        x[i] = next;
      }
      mdl_optim_step(opt, theta, g);
      for (size_t i = 0; i < N; i++) {
        double tol = bound_x[i] / (1 - mu) + bound_t[i] + bound_b[i];
        worst = fmax(worst, fabs(gsl_vector_get(theta, i) - x[i]) / tol);
      }
    }
    CLAIM(.id = "optim.heavy-ball-forms", .kind = CLAIM_BOUND,
          .measured = worst, .reference = 1, .tolerance = 0,
          .samples = N * T, .seed = seed,
          .note = c == 0 ? "largest |torch - Polyak| over its propagated"
                           " rounding bound, dampening 0"
                         : "largest |torch - Polyak| over its propagated"
                           " rounding bound, dampening 0.2683");
    mdl_optim_free(opt);
    gsl_vector_free(theta);
    gsl_vector_free(g);
  }
  gsl_rng_free(r);
}
#line 1168 "chapters/01-optimization.nw"
static const mdl_optim_type *const *all_types[] = {
  &mdl_optim_gd, &mdl_optim_heavy_ball, &mdl_optim_nesterov,
  &mdl_optim_nesterov_xy, &mdl_optim_adagrad, &mdl_optim_rmsprop,
  &mdl_optim_adam, &mdl_optim_amsgrad, &mdl_optim_signsgd
};
enum { NTYPES = sizeof all_types / sizeof all_types[0] };

static void test_weight_decay(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(0x77d3c0a1b2e4f659UL);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { N = 5, T = 50 };
  const double lambda = 0.0437;
  for (size_t k = 0; k < NTYPES; k++) {
    const mdl_optim_type *type = *all_types[k];
    mdl_optim_params p = mdl_optim_defaults(type), q;
    p.lr = 0.0213;
    q = p;
    p.weight_decay = lambda;
    mdl_optim *a = mdl_optim_alloc(type, N, &p), *b = mdl_optim_alloc(type, N, &q);
    gsl_vector *ta = gsl_vector_alloc(N), *tb = gsl_vector_alloc(N);
    gsl_vector *g = gsl_vector_alloc(N), *gb = gsl_vector_alloc(N);
    for (size_t i = 0; i < N; i++)
      gsl_vector_set(ta, i, gsl_ran_flat(r, -3, 3));
    gsl_vector_memcpy(tb, ta);
    double dev = 0;
    for (int t = 0; t < T; t++) {
      for (size_t i = 0; i < N; i++) {
        double gi = gsl_ran_gaussian(r, 1.0);
        gsl_vector_set(g, i, gi);
        gsl_vector_set(gb, i, gi + lambda * gsl_vector_get(tb, i));
      }
      mdl_optim_step(a, ta, g);
      mdl_optim_step(b, tb, gb);
      for (size_t i = 0; i < N; i++)
        dev = fmax(dev, fabs(gsl_vector_get(ta, i) - gsl_vector_get(tb, i)));
    }
    char note[128];
    snprintf(note, sizeof note, "%s: largest |decayed - penalised| over %d"
             " steps", mdl_optim_name(type), T);
    CLAIM(.id = "optim.weight-decay", .kind = CLAIM_IDENTITY, .measured = dev,
          .reference = 0, .tolerance = 0, .samples = N * T, .seed = seed,
          .note = note);
    mdl_optim_free(a);
    mdl_optim_free(b);
    gsl_vector_free(ta);
    gsl_vector_free(tb);
    gsl_vector_free(g);
    gsl_vector_free(gb);
  }
  gsl_rng_free(r);
}
#line 1245 "chapters/01-optimization.nw"
static void test_amsgrad_monotone(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(0x3c6ef372fe94f82bUL);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { N = 4, T = 2000 };
  mdl_optim_params p = mdl_optim_defaults(mdl_optim_amsgrad);
  mdl_optim *ams = mdl_optim_alloc(mdl_optim_amsgrad, N, &p);
  mdl_optim *adam = mdl_optim_alloc(mdl_optim_adam, N, &p);
  gsl_vector *t1 = gsl_vector_calloc(N), *t2 = gsl_vector_calloc(N);
  gsl_vector *g = gsl_vector_alloc(N);
  double prev[N] = {0}, prev_v[N] = {0}, runmax[N] = {0}, dev = 0;
  size_t decreases = 0, adam_decreases = 0;
  for (int t = 0; t < T; t++) {
    double scale = pow(10.0, gsl_ran_flat(r, -1, 1));
    for (size_t i = 0; i < N; i++)
      gsl_vector_set(g, i, scale * gsl_ran_gaussian(r, 1.0));
    mdl_optim_step(ams, t1, g);
    mdl_optim_step(adam, t2, g);
    const gsl_vector *vhat = mdl_optim_buffer(ams, MDL_OPTIM_MAX_EXP_AVG_SQ);
    const gsl_vector *v = mdl_optim_buffer(ams, MDL_OPTIM_EXP_AVG_SQ);
    const gsl_vector *va = mdl_optim_buffer(adam, MDL_OPTIM_EXP_AVG_SQ);
    for (size_t i = 0; i < N; i++) {
      decreases += gsl_vector_get(vhat, i) < prev[i];
      prev[i] = gsl_vector_get(vhat, i);
      runmax[i] = fmax(runmax[i], gsl_vector_get(v, i));
      dev = fmax(dev, fabs(gsl_vector_get(vhat, i) - runmax[i]));
      adam_decreases += gsl_vector_get(va, i) < prev_v[i];
      prev_v[i] = gsl_vector_get(va, i);
    }
  }
  CLAIM(.id = "optim.amsgrad-monotone", .kind = CLAIM_IDENTITY,
        .measured = (double)decreases, .reference = 0, .tolerance = 0,
        .samples = N * T, .seed = seed,
        .note = "coordinate-steps at which AMSGrad's max_exp_avg_sq decreased");
  CLAIM(.id = "optim.amsgrad-monotone", .kind = CLAIM_IDENTITY,
        .measured = dev, .reference = 0, .tolerance = 0, .samples = N * T,
        .seed = seed,
        .note = "largest |max_exp_avg_sq - running max of exp_avg_sq|");
  CLAIM(.id = "optim.amsgrad-monotone", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = (double)adam_decreases,
        .reference = 1, .tolerance = 0, .samples = N * T, .seed = seed,
        .note = "coordinate-steps at which Adam's exp_avg_sq decreased");
  mdl_optim_free(ams);
  mdl_optim_free(adam);
  gsl_vector_free(t1);
  gsl_vector_free(t2);
  gsl_vector_free(g);
  gsl_rng_free(r);
}

#line 936 "chapters/01-optimization.nw"
int main(void)
{
  const struct CMUnitTest tests[] = {
    
#line 1058 "chapters/01-optimization.nw"
cmocka_unit_test(test_update_rules),
#line 1148 "chapters/01-optimization.nw"
cmocka_unit_test(test_heavy_ball_forms),
#line 1225 "chapters/01-optimization.nw"
cmocka_unit_test(test_weight_decay),
#line 1299 "chapters/01-optimization.nw"
cmocka_unit_test(test_amsgrad_monotone),
#line 940 "chapters/01-optimization.nw"
  };
  claim_init();
  return cmocka_run_group_tests_name("optim", tests, NULL, NULL);
}
