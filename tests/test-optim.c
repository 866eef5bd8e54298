#line 952 "chapters/01-optimization.nw"
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

#line 974 "chapters/01-optimization.nw"
static double gamma_k(double k)
{
  const double u = DBL_EPSILON / 2;
  return k * u / (1 - k * u);
}
#line 1341 "chapters/01-optimization.nw"
enum { LMAXM = 64, LMAXD = 8 };

typedef struct {
  size_t m, d;
  double rho;
  double a[LMAXM * LMAXD], y[LMAXM];
} logistic;

static void logistic_draw(logistic *lg, size_t m, size_t d, double rho,
                          gsl_rng *r)
{
  lg->m = m;
  lg->d = d;
  lg->rho = rho;
  double w[LMAXD];
  for (size_t j = 0; j < d; j++)
    w[j] = gsl_ran_gaussian(r, 1.0);
  for (size_t i = 0; i < m; i++) {
    double z = gsl_ran_gaussian(r, 1.0);
    for (size_t j = 0; j < d; j++) {
      lg->a[i * d + j] = gsl_ran_gaussian(r, 1.0);
      z += lg->a[i * d + j] * w[j];
    }
    lg->y[i] = z > 0 ? 1 : -1;
  }
}

static long double ld_u(void)
{
  return LDBL_EPSILON / 2;
}

static long double ld_gamma(long double k)
{
  return k * ld_u() / (1 - k * ld_u());
}

static long double logistic_f(const logistic *lg, const gsl_vector *theta,
                              long double *err)
{
  long double f = 0, e = 0, reg = 0;
  for (size_t i = 0; i < lg->m; i++) {
    long double z = 0, zabs = 0;
    for (size_t j = 0; j < lg->d; j++) {
      long double t = (long double)lg->a[i * lg->d + j] * gsl_vector_get(theta, j);
      z += t;
      zabs += fabsl(t);
    }
    z *= lg->y[i];
    long double li = z >= 0 ? log1pl(expl(-z)) : -z + log1pl(expl(z));
    f += li;
    e += 8 * ld_u() * (li + fabsl(z)) + ld_gamma((long double)lg->d) * zabs;
  }
  for (size_t j = 0; j < lg->d; j++)
    reg += (long double)gsl_vector_get(theta, j) * gsl_vector_get(theta, j);
  f = f / lg->m + lg->rho / 2 * reg;
  if (err)
    *err = e / lg->m + ld_gamma((long double)lg->m + lg->d + 4) * f;
  return f;
}

static void logistic_grad(const logistic *lg, const gsl_vector *theta,
                          long double *g, long double *err)
{
  for (size_t j = 0; j < lg->d; j++) {
    g[j] = 0;
    if (err)
      err[j] = 0;
  }
  for (size_t i = 0; i < lg->m; i++) {
    long double z = 0, zabs = 0;
    for (size_t j = 0; j < lg->d; j++) {
      long double t = (long double)lg->a[i * lg->d + j] * gsl_vector_get(theta, j);
      z += t;
      zabs += fabsl(t);
    }
    long double s = 1 / (1 + expl(lg->y[i] * z));
    long double dz = ld_gamma((long double)lg->d) * zabs;
    for (size_t j = 0; j < lg->d; j++) {
      g[j] -= s * lg->y[i] * lg->a[i * lg->d + j];
      if (err)
        err[j] += fabsl(lg->a[i * lg->d + j])
                  * (dz / 4 + ld_gamma((long double)lg->m + 8) * s);
    }
  }
  for (size_t j = 0; j < lg->d; j++) {
    g[j] = g[j] / lg->m + lg->rho * gsl_vector_get(theta, j);
    if (err)
      err[j] = err[j] / lg->m
               + ld_gamma(4) * (fabsl(g[j]) + lg->rho * fabs(gsl_vector_get(theta, j)));
  }
}

static void logistic_grad_double(const logistic *lg, const gsl_vector *theta,
                                 gsl_vector *g)
{
  long double gl[LMAXD];
  logistic_grad(lg, theta, gl, NULL);
  for (size_t j = 0; j < lg->d; j++)
    gsl_vector_set(g, j, (double)gl[j]);
}

static void logistic_hess(const logistic *lg, const gsl_vector *theta,
                          gsl_matrix *H)
{
  gsl_matrix_set_identity(H);
  gsl_matrix_scale(H, lg->rho);
  for (size_t i = 0; i < lg->m; i++) {
    double z = 0;
    for (size_t j = 0; j < lg->d; j++)
      z += lg->a[i * lg->d + j] * gsl_vector_get(theta, j);
    double s = 1 / (1 + exp(-z)), w = s * (1 - s) / (double)lg->m;
    for (size_t j = 0; j < lg->d; j++)
      for (size_t k = 0; k < lg->d; k++)
        *gsl_matrix_ptr(H, j, k) += w * lg->a[i * lg->d + j]
                                     * lg->a[i * lg->d + k];
  }
}
#line 1468 "chapters/01-optimization.nw"
static double lambda_max_sym(const gsl_matrix *M)
{
  size_t n = M->size1;
  gsl_matrix *C = gsl_matrix_alloc(n, n);
  gsl_vector *ev = gsl_vector_alloc(n);
  gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(n);
  gsl_matrix_memcpy(C, M);
  gsl_eigen_symm(C, ev, w);
  double top = gsl_vector_max(ev);
  gsl_eigen_symm_free(w);
  gsl_vector_free(ev);
  gsl_matrix_free(C);
  return top;
}

static double logistic_L(const logistic *lg)
{
  gsl_matrix *G = gsl_matrix_calloc(lg->d, lg->d);
  for (size_t i = 0; i < lg->m; i++)
    for (size_t j = 0; j < lg->d; j++)
      for (size_t k = 0; k < lg->d; k++)
        *gsl_matrix_ptr(G, j, k) += lg->a[i * lg->d + j] * lg->a[i * lg->d + k]
                                     / (double)lg->m;
  double L = lambda_max_sym(G) / 4 * (1 + 1e-12) + lg->rho;
  gsl_matrix_free(G);
  return L;
}
#line 1944 "chapters/01-optimization.nw"
static double kth_root_tolerance(double rho, double r, int K)
{
  double R = pow(1 + r, K) - 1;
  return rho * fmax(pow(1 + R, 1.0 / K) - 1, 1 - pow(1 - R, 1.0 / K));
}

static double diagonal_gd_rate(const double *lam, size_t n, double eta,
                               size_t coord, double x0, int K, double *tol)
{
  mdl_optim_params p = {.lr = eta};
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, n, &p);
  gsl_vector *x = gsl_vector_calloc(n), *g = gsl_vector_alloc(n);
  gsl_vector_set(x, coord, x0);
  for (int k = 0; k < K; k++) {
    for (size_t i = 0; i < n; i++)
      gsl_vector_set(g, i, lam[i] * gsl_vector_get(x, i));
    mdl_optim_step(opt, x, g);
  }
  double rate = pow(fabs(gsl_vector_get(x, coord) / x0), 1.0 / K);
  double a = eta * lam[coord];
  *tol = kth_root_tolerance(fabs(1 - a), gamma_k(3) * (1 + a) / fabs(1 - a), K);
  mdl_optim_free(opt);
  gsl_vector_free(x);
  gsl_vector_free(g);
  return rate;
}
#line 1018 "chapters/01-optimization.nw"
typedef struct {
  const mdl_optim_type *const *type;
  mdl_optim_params p;
  double expected[4][2];
  double bound[4][2];
} rule_case;

static const rule_case rule_cases[] = {
  
#line 2158 "chapters/01-optimization.nw"
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
#line 1027 "chapters/01-optimization.nw"
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
#line 1096 "chapters/01-optimization.nw"
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
#line 1173 "chapters/01-optimization.nw"
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
#line 1250 "chapters/01-optimization.nw"
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
#line 1535 "chapters/01-optimization.nw"
static long double descent_denominator(const long double *grad,
                                       const long double *gerr,
                                       const gsl_vector *x, const gsl_vector *y,
                                       double L, long double *err)
{
  long double dot = 0, ss = 0, dabs = 0, ge = 0;
  for (size_t j = 0; j < x->size; j++) {
    long double s = (long double)gsl_vector_get(x, j) - gsl_vector_get(y, j);
    dot += grad[j] * s;
    dabs += fabsl(grad[j] * s);
    ge += gerr ? gerr[j] * fabsl(s) : 0;
    ss += s * s;
  }
  *err = ld_gamma(2.0L * x->size + 4) * (dabs + L / 2.0L * ss) + ge;
  return dot - L / 2.0L * ss;
}

static void test_descent_lemma(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(0x9e3779b97f4a7c15UL);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  logistic lg;
  logistic_draw(&lg, 40, 5, 0.05, r);
  double L = logistic_L(&lg);
  const double factors[2] = {1.0, 1.7};
  gsl_vector *x = gsl_vector_alloc(5), *y = gsl_vector_alloc(5);
  gsl_vector *g = gsl_vector_alloc(5);
  for (int c = 0; c < 2; c++) {
    mdl_optim_params p = {.lr = factors[c] / L};
    mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, 5, &p);
    double worst = HUGE_VAL, tol = 0;
    for (int s = 0; s < 200; s++) {
      for (size_t j = 0; j < 5; j++)
        gsl_vector_set(x, j, gsl_ran_flat(r, -3, 3));
      long double grad[LMAXD], gerr[LMAXD], ex, ey, eden;
      logistic_grad(&lg, x, grad, gerr);
      for (size_t j = 0; j < 5; j++)
        gsl_vector_set(g, j, (double)grad[j]);
      gsl_vector_memcpy(y, x);
      mdl_optim_step(opt, y, g);
      long double fx = logistic_f(&lg, x, &ex), fy = logistic_f(&lg, y, &ey);
      long double den = descent_denominator(grad, gerr, x, y, L, &eden);
      worst = fmin(worst, (double)((fx - fy) / den));
      tol = fmax(tol, (double)((ex + ey + eden) / den));
    }
    CLAIM(.id = "optim.descent-lemma", .kind = CLAIM_BOUND,
          .relation = CLAIM_AT_LEAST, .measured = worst, .reference = 1,
          .tolerance = tol, .samples = 200, .seed = seed,
          .note = c == 0 ? "smallest descent ratio, logistic regression,"
                           " step 1/L"
                         : "smallest descent ratio, logistic regression,"
                           " step 1.7/L");
    mdl_optim_free(opt);
  }
  
#line 1603 "chapters/01-optimization.nw"
{
  const double lam[5] = {7.913, 0.3172, 2.048, 5.561, 1.377};
  gsl_vector_set_zero(x);
  gsl_vector_set(x, 0, -1.6184);
  gsl_vector_set_zero(g);
  gsl_vector_set(g, 0, lam[0] * gsl_vector_get(x, 0));
  mdl_optim_params p = {.lr = 1.3 / lam[0]};
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, 5, &p);
  gsl_vector_memcpy(y, x);
  mdl_optim_step(opt, y, g);
  long double fx = 0, fy = 0, grad[5], eden;
  for (size_t j = 0; j < 5; j++) {
    long double xj = gsl_vector_get(x, j), yj = gsl_vector_get(y, j);
    fx += lam[j] * xj * xj / 2;
    fy += lam[j] * yj * yj / 2;
    grad[j] = lam[j] * xj;
  }
  long double den = descent_denominator(grad, NULL, x, y, lam[0], &eden);
  double tol = (double)((ld_gamma(12) * (fx + fy) + eden) / den);
  CLAIM(.id = "optim.descent-lemma", .kind = CLAIM_IDENTITY,
        .measured = (double)((fx - fy) / den), .reference = 1,
        .tolerance = tol,
        .note = "descent ratio on a quadratic along its top eigenvector,"
                " step 1.3/L");
  mdl_optim_free(opt);
}
#line 1592 "chapters/01-optimization.nw"
  gsl_vector_free(x);
  gsl_vector_free(y);
  gsl_vector_free(g);
  gsl_rng_free(r);
}
#line 1665 "chapters/01-optimization.nw"
static void test_smoothness_converse(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(0xbf58476d1ce4e5b9UL);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const double c = 1.37;
  double worst_gap = -HUGE_VAL, gap_tol = 0, min_ratio = HUGE_VAL;
  double ratio_tol = 0;
  for (int s = 0; s < 100; s++) {
    double x[4], y[4], fx = 0, fy = 0, lin = 0, abs_terms = 0, dg = 0, dx = 0;
    for (int j = 0; j < 4; j++) {
      x[j] = gsl_ran_flat(r, -2, 2);
      y[j] = gsl_ran_flat(r, -2, 2);
      fx -= c / 2 * x[j] * x[j];
      fy -= c / 2 * y[j] * y[j];
      lin += -c * x[j] * (y[j] - x[j]);
      abs_terms += c * (x[j] * x[j] + y[j] * y[j]) + c * fabs(x[j] * (y[j] - x[j]));
      dg += (-c * x[j] + c * y[j]) * (-c * x[j] + c * y[j]);
      dx += (x[j] - y[j]) * (x[j] - y[j]);
    }
    worst_gap = fmax(worst_gap, fy - fx - lin);
    gap_tol = fmax(gap_tol, gamma_k(12) * abs_terms);
    double sum_abs = 0;
    for (int j = 0; j < 4; j++)
      sum_abs += (fabs(x[j]) + fabs(y[j])) * (fabs(x[j]) + fabs(y[j]));
    min_ratio = fmin(min_ratio, sqrt(dg / dx));
    ratio_tol = fmax(ratio_tol, gamma_k(2) * c * sqrt(sum_abs / dx)
                                    + gamma_k(8) * c);
  }
  CLAIM(.id = "optim.smoothness-converse", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst_gap, .reference = 0,
        .tolerance = gap_tol, .samples = 100, .seed = seed,
        .note = "largest f(y) - f(x) - <grad f(x), y - x> for f = -c|x|^2/2:"
                " the upper bound holds with L = 0");
  CLAIM(.id = "optim.smoothness-converse", .kind = CLAIM_IDENTITY,
        .measured = min_ratio, .reference = c, .tolerance = ratio_tol,
        .samples = 100, .seed = seed,
        .note = "smallest |grad f(x) - grad f(y)| / |x - y|: the gradient is"
                " c-Lipschitz, not 0-Lipschitz");
  gsl_rng_free(r);
}
#line 1788 "chapters/01-optimization.nw"
static void newton_logistic(const logistic *lg, gsl_vector *x,
                            double *grad_norm)
{
  gsl_matrix *H = gsl_matrix_alloc(lg->d, lg->d);
  gsl_vector *g = gsl_vector_alloc(lg->d);
  long double gl[LMAXD], ge[LMAXD], norm = HUGE_VAL, enorm = 0;
  gsl_vector_set_zero(x);
  for (int it = 0; it < 50 && norm > 1e-15; it++) {
    logistic_grad_double(lg, x, g);
    logistic_hess(lg, x, H);
    mdl_optim_newton_step(x, g, H);
    logistic_grad(lg, x, gl, ge);
    norm = enorm = 0;
    for (size_t j = 0; j < lg->d; j++) {
      norm += gl[j] * gl[j];
      enorm += ge[j] * ge[j];
    }
    norm = sqrtl(norm);
  }
  *grad_norm = (double)(norm + sqrtl(enorm));
  gsl_matrix_free(H);
  gsl_vector_free(g);
}

static double step_rounding(const gsl_vector *x, const gsl_vector *g,
                            double eta)
{
  double s = 0;
  for (size_t j = 0; j < x->size; j++) {
    double gj = fabs(gsl_vector_get(g, j));
    double dj = gamma_k(2) * (fabs(gsl_vector_get(x, j)) + eta * gj)
                + eta * gamma_k(1) * gj;
    s += dj * dj;
  }
  return sqrt(s);
}

static double logistic_step_error(const logistic *lg, const gsl_vector *x,
                                  gsl_vector *g, double eta)
{
  long double gl[LMAXD], ge[LMAXD], e = 0;
  logistic_grad(lg, x, gl, ge);
  for (size_t j = 0; j < lg->d; j++) {
    gsl_vector_set(g, j, (double)gl[j]);
    e += ge[j] * ge[j];
  }
  return step_rounding(x, g, eta) + eta * (double)sqrtl(e);
}

static long double ld_norm_diff(const gsl_vector *a, const gsl_vector *b)
{
  long double s = 0;
  for (size_t j = 0; j < a->size; j++) {
    long double d = (long double)gsl_vector_get(a, j) - gsl_vector_get(b, j);
    s += d * d;
  }
  return sqrtl(s);
}

static void test_gd_rates(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(0x94d049bb133111ebUL);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  logistic lg;
  logistic_draw(&lg, 40, 5, 0.05, r);
  const size_t d = 5;
  double L = logistic_L(&lg), mu = lg.rho, kappa = L / mu, gnorm;
  gsl_vector *xs = gsl_vector_alloc(d), *x = gsl_vector_alloc(d);
  gsl_vector *g = gsl_vector_alloc(d), *x1 = gsl_vector_alloc(d);
  newton_logistic(&lg, xs, &gnorm);
  long double estar, fstar = logistic_f(&lg, xs, &estar);
  double eps_x = gnorm / mu;
  
#line 1874 "chapters/01-optimization.nw"
{
  double q = 1 - 1 / kappa, worst = 0, tol = 0;
  size_t steps = 0;
  mdl_optim_params p = {.lr = 1 / L};
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, d, &p);
  for (int start = 0; start < 10; start++) {
    for (size_t j = 0; j < d; j++)
      gsl_vector_set(x, j, gsl_ran_flat(r, -2, 2));
    long double ek, fk = logistic_f(&lg, x, &ek);
    for (int k = 0; k < 200; k++) {
      double delta = logistic_step_error(&lg, x, g, 1 / L);
      mdl_optim_step(opt, x, g);
      long double e1, f1 = logistic_f(&lg, x, &e1), gl[LMAXD], gn = 0;
      logistic_grad(&lg, x, gl, NULL);
      for (size_t j = 0; j < d; j++)
        gn += gl[j] * gl[j];
      long double slack = sqrtl(gn) * delta + L / 2 * delta * delta;
      long double den = fk - fstar;
      double tol_k = (double)((e1 + q * ek + (1 - q) * estar + slack) / den);
      if (!(den > 0 && tol_k < 1e-6))
        break;
      worst = fmax(worst, (double)((f1 - fstar) / den));
      tol = fmax(tol, tol_k);
      steps++;
      fk = f1;
      ek = e1;
    }
  }
  CLAIM(.id = "optim.gd-rates", .kind = CLAIM_BOUND, .measured = worst,
        .reference = q, .tolerance = tol, .samples = steps, .seed = seed,
        .note = "largest (f(x_k+1) - f*) / (f(x_k) - f*), logistic"
                " regression, step 1/L, against 1 - 1/kappa");
  mdl_optim_free(opt);
}
#line 1863 "chapters/01-optimization.nw"
  
#line 1911 "chapters/01-optimization.nw"
{
  double rho = (kappa - 1) / (kappa + 1), worst = 0, tol = 0;
  double eta = 2 / (mu + L);
  size_t steps = 0;
  mdl_optim_params p = {.lr = eta};
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, d, &p);
  for (int start = 0; start < 10; start++) {
    for (size_t j = 0; j < d; j++)
      gsl_vector_set(x, j, gsl_ran_flat(r, -2, 2));
    for (int k = 0; k < 200; k++) {
      double delta = logistic_step_error(&lg, x, g, eta);
      gsl_vector_memcpy(x1, x);
      mdl_optim_step(opt, x1, g);
      long double d0 = ld_norm_diff(x, xs), d1 = ld_norm_diff(x1, xs);
      long double err = (1 + rho) * eps_x + delta
                        + ld_gamma((long double)d + 2) * (d1 + rho * d0);
      if (!((double)(err / d0) < 1e-6))
        break;
      worst = fmax(worst, (double)(d1 / d0));
      tol = fmax(tol, (double)(err / d0));
      steps++;
      gsl_vector_memcpy(x, x1);
    }
  }
  CLAIM(.id = "optim.gd-rates", .kind = CLAIM_BOUND, .measured = worst,
        .reference = rho, .tolerance = tol, .samples = steps, .seed = seed,
        .note = "largest |x_k+1 - x*| / |x_k - x*|, logistic regression,"
                " step 2/(mu+L), against (kappa-1)/(kappa+1)");
  mdl_optim_free(opt);
}
#line 1864 "chapters/01-optimization.nw"
  
#line 1973 "chapters/01-optimization.nw"
{
  const double lam[5] = {0.3172, 7.913, 2.048, 5.561, 1.377};
  double mu0 = lam[0], L0 = lam[1], k0 = L0 / mu0, tol;
  double rate = diagonal_gd_rate(lam, 5, 1 / L0, 0, 1.8573, 100, &tol);
  CLAIM(.id = "optim.gd-rates", .kind = CLAIM_RATE, .measured = rate,
        .reference = 1 - 1 / k0, .tolerance = tol,
        .note = "contraction per step along the eigenvector of mu, diagonal"
                " quadratic, step 1/L");
  rate = diagonal_gd_rate(lam, 5, 2 / (mu0 + L0), 0, 1.8573, 100, &tol);
  CLAIM(.id = "optim.gd-rates", .kind = CLAIM_RATE, .measured = rate,
        .reference = (k0 - 1) / (k0 + 1), .tolerance = tol,
        .note = "contraction per step along the eigenvector of mu, diagonal"
                " quadratic, step 2/(mu+L)");
}
#line 1865 "chapters/01-optimization.nw"
  gsl_vector_free(xs);
  gsl_vector_free(x);
  gsl_vector_free(g);
  gsl_vector_free(x1);
  gsl_rng_free(r);
}
#line 2009 "chapters/01-optimization.nw"
static void test_gd_divergence(void **state)
{
  (void)state;
  const double lam[5] = {0.3172, 7.913, 2.048, 5.561, 1.377};
  const double factors[2] = {1.98, 2.07};
  for (int c = 0; c < 2; c++) {
    double tol, rate = diagonal_gd_rate(lam, 5, factors[c] / lam[1], 1,
                                        -0.7261, 100, &tol);
    CLAIM(.id = "optim.gd-divergence", .kind = CLAIM_RATE, .measured = rate,
          .reference = fabs(1 - factors[c]), .tolerance = tol,
          .note = c == 0 ? "factor per step along the top eigenvector,"
                           " step 1.98/L (converges)"
                         : "factor per step along the top eigenvector,"
                           " step 2.07/L (diverges)");
  }
}
#line 2076 "chapters/01-optimization.nw"
static double pl_f(double x)
{
  double s = sin(x);
  return x * x + 3 * s * s;
}

static double pl_df(double x)
{
  return 2 * x + 3 * sin(2 * x);
}

static void test_pl(void **state)
{
  (void)state;
  CLAIM(.id = "optim.pl", .kind = CLAIM_IDENTITY,
        .measured = 2 + 6 * cos(3.14159265358979323846), .reference = -4,
        .tolerance = gamma_k(3) * 8,
        .note = "f''(pi/2) = 2 + 6 cos(pi): f = x^2 + 3 sin^2 x is not convex");
  const double h = 1e-4;
  double rmin = HUGE_VAL;
  for (double x = 0.5; x <= 10; x += h)
    rmin = fmin(rmin, 0.5 * pl_df(x) * pl_df(x) / pl_f(x));
  CLAIM(.id = "optim.pl", .kind = CLAIM_BOUND, .relation = CLAIM_AT_LEAST,
        .measured = rmin - 320 * h, .reference = 1.0 / 32, .tolerance = 0,
        .samples = (size_t)(9.5 / h),
        .note = "certified lower bound on f'^2/(2f) for 1/2 <= |x| <= 10: grid"
                " minimum minus 320 h");
  unsigned long seed = claim_seed(0xd6e8feb86659fd93UL);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  mdl_optim_params p = {.lr = 1.0 / 8};
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, 1, &p);
  gsl_vector *x = gsl_vector_alloc(1), *g = gsl_vector_alloc(1);
  const double q = 1 - 1.0 / 256;
  double worst = 0, tol = 0;
  size_t steps = 0, concave = 0;
  for (int s = 0; s < 40; s++) {
    gsl_vector_set(x, 0, gsl_ran_flat(r, -10, 10));
    double xk = gsl_vector_get(x, 0), fk = pl_f(xk);
    for (int k = 0; k < 10000; k++) {
      double gk = pl_df(xk);
      concave += cos(2 * xk) < -1.0 / 3;
      gsl_vector_set(g, 0, gk);
      mdl_optim_step(opt, x, g);
      double x1 = gsl_vector_get(x, 0), f1 = pl_f(x1);
      double delta = gamma_k(1) * fabs(x1)
                     + gamma_k(4) * (2 * fabs(xk) + 3 * fabs(sin(2 * xk))) / 8;
      double slack = fabs(pl_df(x1)) * delta + 4 * delta * delta;
      double tol_k = (gamma_k(8) * (f1 + q * fk) + slack) / fk;
      if (!(tol_k < 1e-6))
        break;
      worst = fmax(worst, f1 / fk);
      tol = fmax(tol, tol_k);
      xk = x1;
      fk = f1;
      steps++;
    }
  }
  CLAIM(.id = "optim.pl", .kind = CLAIM_BOUND, .measured = worst,
        .reference = q, .tolerance = tol, .samples = steps, .seed = seed,
        .note = "largest f(x_k+1)/f(x_k) of gradient descent with step 1/8"
                " on x^2 + 3 sin^2 x, against 1 - mu/L = 1 - 1/256");
  CLAIM(.id = "optim.pl", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = (double)concave,
        .reference = 1, .tolerance = 0, .samples = steps, .seed = seed,
        .note = "iterates in the concave region cos 2x < -1/3");
  mdl_optim_free(opt);
  gsl_vector_free(x);
  gsl_vector_free(g);
  gsl_rng_free(r);
}

#line 941 "chapters/01-optimization.nw"
int main(void)
{
  const struct CMUnitTest tests[] = {
    
#line 1063 "chapters/01-optimization.nw"
cmocka_unit_test(test_update_rules),
#line 1153 "chapters/01-optimization.nw"
cmocka_unit_test(test_heavy_ball_forms),
#line 1230 "chapters/01-optimization.nw"
cmocka_unit_test(test_weight_decay),
#line 1304 "chapters/01-optimization.nw"
cmocka_unit_test(test_amsgrad_monotone),
#line 1632 "chapters/01-optimization.nw"
cmocka_unit_test(test_descent_lemma),
#line 1710 "chapters/01-optimization.nw"
cmocka_unit_test(test_smoothness_converse),
#line 1990 "chapters/01-optimization.nw"
cmocka_unit_test(test_gd_rates),
#line 2028 "chapters/01-optimization.nw"
cmocka_unit_test(test_gd_divergence),
#line 2150 "chapters/01-optimization.nw"
cmocka_unit_test(test_pl),
#line 945 "chapters/01-optimization.nw"
  };
  claim_init();
  return cmocka_run_group_tests_name("optim", tests, NULL, NULL);
}
