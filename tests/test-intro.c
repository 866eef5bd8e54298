#line 1309 "chapters/00-intro.nw"
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
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <mdl/numcheck.h>
#include <mpfr.h>
#include "claims.h"
#line 1336 "chapters/00-intro.nw"
enum { QMAXN = 16, QMAXK = 16, QBITS = 128 };

typedef struct {
  size_t n, K;
  double w[QMAXK], b[QMAXK], a[QMAXK * QMAXN];
} quartic;

static void quartic_draw(quartic *q, size_t n, size_t K, gsl_rng *r)
{
  q->n = n;
  q->K = K;
  for (size_t k = 0; k < K; k++) {
    q->w[k] = gsl_ran_flat(r, -1, 1);
    q->b[k] = gsl_ran_flat(r, -1, 1);
    for (size_t j = 0; j < n; j++)
      q->a[k * n + j] = gsl_ran_gaussian(r, 1 / sqrt((double)n));
  }
}

static double quartic_f(const gsl_vector *x, void *params)
{
  const quartic *q = params;
  double s = 0;
  for (size_t k = 0; k < q->K; k++) {
    double t = 0;
    for (size_t j = 0; j < q->n; j++)
      t += q->a[k * q->n + j] * gsl_vector_get(x, j);
    t += q->b[k];
    double t2 = t * t;
    s += q->w[k] * (t2 * t2);
  }
  return 0.25 * s;
}

static double quartic_t(const quartic *q, size_t k, const gsl_vector *x,
                        mpfr_t t)
{
  double abs_t = fabs(q->b[k]);
  mpfr_t p;
  mpfr_init2(p, QBITS);
  if (t)
    mpfr_set_d(t, q->b[k], MPFR_RNDN);
  for (size_t j = 0; j < q->n; j++) {
    double a = q->a[k * q->n + j], xj = gsl_vector_get(x, j);
    abs_t += fabs(a * xj);
    if (t) {
      mpfr_set_d(p, a, MPFR_RNDN);
      mpfr_mul_d(p, p, xj, MPFR_RNDN);
      mpfr_add(t, t, p, MPFR_RNDN);
    }
  }
  mpfr_clear(p);
  return abs_t;
}

static void quartic_grad(const quartic *q, const gsl_vector *x, size_t i,
                         mpfr_t g)
{
  mpfr_t t, p;
  mpfr_inits2(QBITS, t, p, (mpfr_ptr)0);
  mpfr_set_zero(g, 1);
  for (size_t k = 0; k < q->K; k++) {
    quartic_t(q, k, x, t);
    mpfr_pow_ui(p, t, 3, MPFR_RNDN);
    mpfr_mul_d(p, p, q->w[k], MPFR_RNDN);
    mpfr_mul_d(p, p, q->a[k * q->n + i], MPFR_RNDN);
    mpfr_add(g, g, p, MPFR_RNDN);
  }
  mpfr_clears(t, p, (mpfr_ptr)0);
}
#line 1418 "chapters/00-intro.nw"
static double gamma_k(double k, double unit)
{
  return k * unit / (1 - k * unit);
}

static double quartic_delta(const quartic *q, const gsl_vector *y)
{
  double s = 0;
  for (size_t k = 0; k < q->K; k++) {
    double T = quartic_t(q, k, y, NULL);
    s += fabs(q->w[k]) * T * T * T * T / 4;
  }
  return gamma_k(4.0 * q->n + q->K + 7, DBL_EPSILON / 2) * s;
}

static double cd_bound(const quartic *q, const gsl_vector *x, size_t i,
                       double h, double d, double *exact, double *err,
                       double *round)
{
  double xi = gsl_vector_get(x, i);
  double hi = h * fmax(1.0, fabs(xi));
  double xp = xi + hi, xm = xi - hi;
  double hhat = (xp - xm) / 2, reach = fmax(xp - xi, xi - xm);
  mpfr_t ref, e;
  mpfr_inits2(QBITS, ref, e, (mpfr_ptr)0);
  mpfr_clear_inexflag();
  mpfr_set_d(e, xp, MPFR_RNDN);
  mpfr_add_d(e, e, xm, MPFR_RNDN);
  mpfr_div_ui(e, e, 2, MPFR_RNDN);
  mpfr_sub_d(e, e, xi, MPFR_RNDN);
  assert_false(mpfr_inexflag_p());
  double centre = fabs(mpfr_get_d(e, MPFR_RNDA));
  double M2 = 0, M3 = 0, ref_err = 0;
  for (size_t k = 0; k < q->K; k++) {
    double aki = fabs(q->a[k * q->n + i]), T, t;
    T = quartic_t(q, k, x, ref);
    t = fabs(mpfr_get_d(ref, MPFR_RNDA));
    double tau = t + aki * reach;
    M3 += 6 * fabs(q->w[k]) * aki * aki * aki * tau;
    M2 += 3 * fabs(q->w[k]) * aki * aki * tau * tau;
    ref_err += fabs(q->w[k]) * aki * T * T * T;
  }
  gsl_vector *y = gsl_vector_alloc(q->n);
  gsl_vector_memcpy(y, x);
  gsl_vector_set(y, i, xp);
  double delta = quartic_delta(q, y);
  gsl_vector_set(y, i, xm);
  delta = claim_fmax(delta, quartic_delta(q, y));
  gsl_vector_free(y);
  ref_err *= gamma_k(4.0 * q->n + q->K + 8, 0x1p-128);
  quartic_grad(q, x, i, ref);
  *exact = mpfr_get_d(ref, MPFR_RNDN);
  mpfr_d_sub(e, d, ref, MPFR_RNDN);
  *err = fabs(mpfr_get_d(e, MPFR_RNDA));
  mpfr_d_sub(e, *exact, ref, MPFR_RNDN);
  *round = fabs(mpfr_get_d(e, MPFR_RNDA));
  mpfr_clears(ref, e, (mpfr_ptr)0);
  double bound = M3 * hhat * hhat / 6 + delta / hhat
                 + gamma_k(4, DBL_EPSILON / 2) * fabs(d) + M2 * centre
                 + ref_err;
  return bound * (1 + 1e-10);
}
#line 1494 "chapters/00-intro.nw"
static double identity_f(const gsl_vector *x, void *params)
{
  (void)params;
  return gsl_vector_get(x, 0);
}

static int identity_map(const gsl_vector *x, void *params, gsl_vector *fx)
{
  (void)params;
  gsl_vector_memcpy(fx, x);
  return GSL_SUCCESS;
}

static void test_cd_bound(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3141592);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { N = 12, K = 9, DRAWS = 20, STEPS = 25 };
  quartic q;
  gsl_vector *x = gsl_vector_alloc(N), *d = gsl_vector_alloc(N);
  double worst = 0;
  for (int draw = 0; draw < DRAWS; draw++) {
    quartic_draw(&q, N, K, r);
    for (size_t j = 0; j < N; j++)
      gsl_vector_set(x, j, gsl_ran_flat(r, -1.5, 1.5));
    gsl_multimin_function f = {quartic_f, N, &q};
    for (int s = 0; s < STEPS; s++) {
      double h = pow(10.0, -13 + 0.5 * s);
      mdl_numcheck_diff(&f, x, h, d);
      for (size_t i = 0; i < N; i++) {
        double exact, err, round;
        double di = gsl_vector_get(d, i);
        double bound = cd_bound(&q, x, i, h, di, &exact, &err, &round);
        worst = claim_fmax(worst, err / bound);
      }
    }
  }
  CLAIM(.id = "intro.cd-bound", .kind = CLAIM_BOUND, .measured = worst,
        .reference = 1, .tolerance = 0, .samples = DRAWS * STEPS * N,
        .seed = seed,
        .note = "largest ratio of the error of a central difference to the"
                " bound of the theorem, quartic ridge functions, steps 1e-13 to 1e-1");
  gsl_vector *y = gsl_vector_alloc(1), *dy = gsl_vector_alloc(1);
  gsl_multimin_function identity = {identity_f, 1, NULL};
  double worst_linear = 0;
  for (int p = 0; p < 200; p++) {
    gsl_vector_set(y, 0, gsl_ran_flat(r, -100, 100));
    for (int s = 0; s < STEPS; s++) {
      mdl_numcheck_diff(&identity, y, pow(10.0, -13 + 0.5 * s), dy);
      double dd = gsl_vector_get(dy, 0);
      double bound = gamma_k(4, DBL_EPSILON / 2) * fabs(dd);
      worst_linear = claim_fmax(worst_linear, fabs(dd - 1) / bound);
    }
  }
  CLAIM(.id = "intro.cd-bound", .kind = CLAIM_BOUND, .measured = worst_linear,
        .reference = 1, .tolerance = 0, .samples = 200 * STEPS, .seed = seed,
        .note = "largest ratio of the error to the bound for f(x) = x, where"
                " the bound is gamma_4 |D|, points in (-100, 100)");
  gsl_vector_free(y);
  gsl_vector_free(dy);
  gsl_vector *z = gsl_vector_alloc(5);
  gsl_matrix *Dz = gsl_matrix_alloc(5, 5);
  mdl_vector_function id_map = {identity_map, 5, 5, NULL};
  double worst_map = 0;
  for (int p = 0; p < 40; p++) {
    for (size_t j = 0; j < 5; j++)
      gsl_vector_set(z, j, gsl_ran_flat(r, -100, 100));
    for (int s = 0; s < STEPS; s++) {
      mdl_numcheck_jacdiff(&id_map, z, pow(10.0, -13 + 0.5 * s), Dz);
      for (size_t i = 0; i < 5; i++)
        for (size_t j = 0; j < 5; j++) {
          double dij = gsl_matrix_get(Dz, i, j), err = fabs(dij - (i == j));
          double bound = gamma_k(4, DBL_EPSILON / 2) * fabs(dij);
          worst_map = claim_fmax(worst_map, err == 0 ? 0 : err / bound);
        }
    }
  }
  CLAIM(.id = "intro.cd-bound", .kind = CLAIM_BOUND, .measured = worst_map,
        .reference = 1, .tolerance = 0, .samples = 40 * STEPS * 25,
        .seed = seed,
        .note = "largest ratio of the error to the bound for the Jacobian"
                " differences of the identity map of R^5");
  gsl_vector_free(z);
  gsl_matrix_free(Dz);
  gsl_vector_free(x);
  gsl_vector_free(d);
  gsl_rng_free(r);
}
#line 1599 "chapters/00-intro.nw"
static double fd_exp(const gsl_vector *x, void *params)
{
  (void)params;
  return exp(gsl_vector_get(x, 0));
}

static double fd_sin(const gsl_vector *x, void *params)
{
  (void)params;
  return sin(gsl_vector_get(x, 0));
}

static void test_cd_rate(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(2718281);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { J = 11, POINTS = 8 };
  const double hmin = 1e-3, hmax = 1e-1;
  gsl_vector *x = gsl_vector_alloc(1), *d = gsl_vector_alloc(1);
  for (int fn = 0; fn < 2; fn++) {
    gsl_multimin_function f = {fn == 0 ? fd_exp : fd_sin, 1, NULL};
    double worst_share = -1, worst_slope = 0, worst_tol = 0, worst_x = 0;
    for (int p = 0; p < POINTS; p++) {
      double x0 = fn == 0 ? gsl_ran_flat(r, -0.9, 0.9) : gsl_ran_flat(r, 0.2, 0.95);
      gsl_vector_set(x, 0, x0);
      double deriv = fn == 0 ? exp(x0) : cos(x0);
      double c = fn == 0 ? 1 : fabs(cos(x0) / sin(x0));
      double t[J], y[J], sum_w;
      for (int j = 0; j < J; j++) {
        double h = hmin * pow(hmax / hmin, (double)j / (J - 1));
        mdl_numcheck_diff(&f, x, h, d);
        t[j] = log(h);
        y[j] = log(fabs(gsl_vector_get(d, 0) - deriv));
      }
      double slope = claim_slope(t, y, J, &sum_w);
      double trunc = hmax * hmax / 10 / (1 - hmax * hmax / 20);
      double rho = (8 * DBL_EPSILON / hmin + 9 * DBL_EPSILON * c)
                   / (c * hmin * hmin / 6);
      double tol = trunc + 2 * rho * sum_w;
      double share = isfinite(slope) ? fabs(slope - 2) / tol : HUGE_VAL;
      if (share > worst_share) {
        worst_share = share;
        worst_slope = slope;
        worst_tol = tol;
        worst_x = x0;
      }
    }
    char note[160];
    snprintf(note, sizeof note, "fitted log-log slope of the error of %s,"
             " h from 1e-3 to 1e-1, at the worst of %d random points"
             " (x = %.3f)", fn == 0 ? "exp" : "sin", POINTS, worst_x);
    CLAIM(.id = "intro.cd-rate", .kind = CLAIM_RATE, .measured = worst_slope,
          .reference = 2, .tolerance = worst_tol, .samples = J * POINTS,
          .seed = seed, .note = note);
  }
  gsl_vector_free(x);
  gsl_vector_free(d);
  gsl_rng_free(r);
}
#line 1668 "chapters/00-intro.nw"
static void test_cd_optimal_step(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(1414213);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { POINTS = 4096, STEPS = 101 };
  static double x0[POINTS];
  for (int p = 0; p < POINTS; p++)
    x0[p] = gsl_ran_flat(r, -0.9, 0.9);
  gsl_vector *x = gsl_vector_alloc(1), *d = gsl_vector_alloc(1);
  gsl_multimin_function f = {fd_exp, 1, NULL};
  double best_h = 0, best_err = HUGE_VAL;
  for (int s = 0; s < STEPS; s++) {
    double h = pow(10.0, -8 + s / 20.0), err = 0;
    for (int p = 0; p < POINTS; p++) {
      gsl_vector_set(x, 0, x0[p]);
      mdl_numcheck_diff(&f, x, h, d);
      err += fabs(gsl_vector_get(d, 0) - exp(x0[p])) / exp(x0[p]) / POINTS;
    }
    if (err < best_err) {
      best_err = err;
      best_h = h;
    }
  }
  CLAIM(.id = "intro.cd-optimal-step", .kind = CLAIM_IDENTITY,
        .measured = log10(best_h), .reference = log10(mdl_numcheck_step()),
        .tolerance = log10(3.0), .samples = POINTS, .seed = seed,
        .note = "log10 of the step with the smallest mean relative error of"
                " exp, against log10 of (3 eps)^(1/3)");
  gsl_vector_free(x);
  gsl_vector_free(d);
  gsl_rng_free(r);
}
#line 2010 "chapters/00-intro.nw"
static double row_floor(const double *a, const double *d, size_t n, double h)
{
  double scale = 0;
  for (size_t j = 0; j < n; j++)
    scale = claim_fmax(scale, fmax(fabs(a[j]), fabs(d[j])));
  return h * scale;
}

static double accept_bound(const double *a, const double *d, const double *E,
                           size_t n, double h)
{
  double sigma = row_floor(a, d, n, h), tau = 0;
  for (size_t j = 0; j < n; j++)
    tau = claim_fmax(tau, E[j] / fmax(fmax(fabs(a[j]), fabs(d[j])), sigma));
  return tau;
}
#line 2184 "chapters/00-intro.nw"
typedef struct {
  double worst_margin, zero_dev;
  size_t tried, promised, missed, zeroed;
} detection;

static void check_detection(const gsl_multimin_function *f,
                            const mdl_vector_function *F, const gsl_vector *x,
                            gsl_vector *g, gsl_matrix *J, const double *a,
                            const double *d, const double *E, size_t n,
                            size_t row, double tau_others, gsl_rng *r,
                            detection *det)
{
  mdl_numcheck_report rep;
  double h = mdl_numcheck_step(), tau = accept_bound(a, d, E, n, h);
  double sigma = row_floor(a, d, n, h);
  size_t candidates[QMAXN], nc = 0;
  for (size_t j = 0; j < n; j++)
    if (fabs(a[j]) >= sigma && E[j] <= 1e-3 * fabs(a[j]))
      candidates[nc++] = j;
  if (nc == 0)
    return;
  size_t k = candidates[gsl_rng_uniform_int(r, nc)];
  det->tried += 3;
  const double deltas[3] = {1e-2, 1e4 * tau, 100 * tau};
  for (int t = 0; t < 3; t++) {
    double wrong[QMAXN], delta = deltas[t];
    memcpy(wrong, a, n * sizeof *wrong);
    wrong[k] = a[k] * (1 + delta);
    if (f) {
      gsl_vector_set(g, k, wrong[k]);
      mdl_numcheck_gradient(f, x, g, 0, &rep);
      gsl_vector_set(g, k, a[k]);
    } else {
      gsl_matrix_set(J, row, k, wrong[k]);
      mdl_numcheck_jacobian(F, x, J, 0, &rep);
      gsl_matrix_set(J, row, k, a[k]);
    }
    double sigma2 = row_floor(wrong, d, n, h);
    double L = (fabs(wrong[k] - a[k]) - E[k])
               / fmax(fmax(fabs(wrong[k]), fabs(a[k]) + E[k]), sigma2)
               * (1 - 4 * DBL_EPSILON);
    double tau2 = fmax(accept_bound(wrong, d, E, n, h), tau_others);
    det->worst_margin = fmin(det->worst_margin, rep.max_rel_err / L);
    if (L > tau2) {
      size_t got = f ? rep.worst_i : rep.worst_j;
      det->promised++;
      det->missed += got != k || (!f && rep.worst_i != row);
    }
  }
  double zeroed[QMAXN];
  memcpy(zeroed, a, n * sizeof *zeroed);
  zeroed[k] = 0;
  if (fabs(d[k]) < row_floor(zeroed, d, n, h))
    return;
  if (f) {
    gsl_vector_set(g, k, 0);
    mdl_numcheck_gradient(f, x, g, 0, &rep);
    gsl_vector_set(g, k, a[k]);
  } else {
    gsl_matrix_set(J, row, k, 0);
    mdl_numcheck_jacobian(F, x, J, 0, &rep);
    gsl_matrix_set(J, row, k, a[k]);
  }
  det->zeroed++;
  det->zero_dev = claim_fmax(det->zero_dev, fabs(rep.max_rel_err - 1));
}

#line 2029 "chapters/00-intro.nw"
static double zero_entry_f(const gsl_vector *x, void *params)
{
  (void)params;
  double c = gsl_vector_get(x, 1) - 0.5;
  return 2.385 * gsl_vector_get(x, 0) + c * c * c;
}

static double const_f(const gsl_vector *x, void *params)
{
  (void)x;
  (void)params;
  return 0.75;
}

static void test_gradcheck_floor(void **state)
{
  (void)state;
  gsl_multimin_function f = {zero_entry_f, 2, NULL};
  gsl_vector *x = gsl_vector_alloc(2), *g = gsl_vector_alloc(2);
  gsl_vector *d = gsl_vector_alloc(2);
  gsl_vector_set(x, 0, 0.3);
  gsl_vector_set(x, 1, 0.5);
  gsl_vector_set(g, 0, 2.385);
  gsl_vector_set(g, 1, 0);
  mdl_numcheck_report rep;
  mdl_numcheck_gradient(&f, x, g, 0, &rep);
  mdl_numcheck_diff(&f, x, 0, d);
  double a[2] = {2.385, 0}, dd[2] = {gsl_vector_get(d, 0), gsl_vector_get(d, 1)};
  double sigma = row_floor(a, dd, 2, mdl_numcheck_step()), expected = 0;
  for (int j = 0; j < 2; j++)
    if (a[j] != dd[j])
      expected = claim_fmax(expected, fabs(a[j] - dd[j])
                                    / fmax(fmax(fabs(a[j]), fabs(dd[j])), sigma));
  CLAIM(.id = "intro.gradcheck-floor", .kind = CLAIM_IDENTITY,
        .measured = rep.max_rel_err, .reference = expected,
        .tolerance = 4 * DBL_EPSILON * expected,
        .note = "reported relative error of a correct gradient with a zero"
                " entry, against Definition with the floor");
  gsl_vector_set(g, 1, NAN);
  mdl_numcheck_gradient(&f, x, g, 0, &rep);
  CLAIM(.id = "intro.gradcheck-detects", .kind = CLAIM_IDENTITY,
        .measured = rep.max_rel_err, .reference = HUGE_VAL, .tolerance = 0,
        .note = "reported relative error of a gradient with a NaN entry");
  CLAIM(.id = "intro.gradcheck-detects", .kind = CLAIM_IDENTITY,
        .measured = (double)rep.worst_i, .reference = 1, .tolerance = 0,
        .note = "reported position of the NaN entry");
  /* A constant function has central differences exactly 0, so a claimed
     gradient (1, 0) differs by exactly 1 in entry 0 and 0 in entry 1: the
     Definition gives 1 / max(1, 0, h) = 1 and 0, relative error 1. */
  gsl_multimin_function fc = {const_f, 2, NULL};
  gsl_vector_set(g, 0, 1);
  gsl_vector_set(g, 1, 0);
  mdl_numcheck_gradient(&fc, x, g, 0, &rep);
  CLAIM(.id = "intro.gradcheck-detects", .kind = CLAIM_IDENTITY,
        .measured = rep.max_rel_err, .reference = 1, .tolerance = 0,
        .note = "reported relative error of the gradient (1, 0) of a constant"
                " function, by the Definition exactly 1");
  CLAIM(.id = "intro.gradcheck-detects", .kind = CLAIM_IDENTITY,
        .measured = rep.max_abs_err, .reference = 1, .tolerance = 0,
        .note = "reported absolute error of the gradient (1, 0) of a constant"
                " function, exactly 1");
  gsl_vector_free(x);
  gsl_vector_free(g);
  gsl_vector_free(d);
}

static void test_gradcheck(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(1732050);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { N = 12, K = 9, DRAWS = 40 };
  quartic q;
  gsl_vector *x = gsl_vector_alloc(N), *g = gsl_vector_alloc(N);
  gsl_vector *d = gsl_vector_alloc(N);
  double a[N], dd[N], E[N], worst_accept = 0;
  double largest_rel = 0, largest_tau = 0;
  detection det = {HUGE_VAL, 0, 0, 0, 0, 0};
  for (int draw = 0; draw < DRAWS; draw++) {
    quartic_draw(&q, N, K, r);
    for (size_t j = 0; j < N; j++)
      gsl_vector_set(x, j, gsl_ran_flat(r, -1.5, 1.5));
    gsl_multimin_function f = {quartic_f, N, &q};
    mdl_numcheck_diff(&f, x, 0, d);
    for (size_t j = 0; j < N; j++) {
      double err, round;
      dd[j] = gsl_vector_get(d, j);
      E[j] = cd_bound(&q, x, j, mdl_numcheck_step(), dd[j], &a[j], &err,
                      &round);
      E[j] += round * (1 + 1e-10);
      gsl_vector_set(g, j, a[j]);
    }
    mdl_numcheck_report rep;
    mdl_numcheck_gradient(&f, x, g, 0, &rep);
    double tau = accept_bound(a, dd, E, N, mdl_numcheck_step());
    worst_accept = claim_fmax(worst_accept, rep.max_rel_err / tau);
    largest_rel = claim_fmax(largest_rel, rep.max_rel_err);
    largest_tau = claim_fmax(largest_tau, tau);
    check_detection(&f, NULL, x, g, NULL, a, dd, E, N, 0, 0, r,
                    &det);
  }
  CLAIM(.id = "intro.gradcheck-accepts", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst_accept, .reference = 1,
        .tolerance = 0, .samples = DRAWS, .seed = seed,
        .note = "largest ratio of the reported relative error of a correct"
                " gradient to its bound");
  CLAIM(.id = "intro.gradcheck-accepts", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = largest_rel,
        .reference = largest_tau, .tolerance = 0, .samples = DRAWS,
        .seed = seed,
        .note = "largest reported relative error of a correct gradient against"
                " the largest bound");
  CLAIM(.id = "intro.gradcheck-detects", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = det.worst_margin,
        .reference = 1, .tolerance = 0, .samples = det.tried, .seed = seed,
        .note = "smallest ratio of the reported relative error of a gradient"
                " with one wrong entry to its lower bound");
  CLAIM(.id = "intro.gradcheck-detects", .kind = CLAIM_IDENTITY,
        .measured = (double)det.missed, .reference = 0, .tolerance = 0,
        .samples = det.promised, .seed = seed,
        .note = "wrong entries reported at another position, among those"
                " whose position the proposition promises");
  CLAIM(.id = "intro.gradcheck-detects", .kind = CLAIM_IDENTITY,
        .measured = det.zero_dev, .reference = 0, .tolerance = 0,
        .samples = det.zeroed, .seed = seed,
        .note = "largest deviation from 1 of the reported relative error of a"
                " gradient with one entry set to zero");
  gsl_vector_free(x);
  gsl_vector_free(g);
  gsl_vector_free(d);
  gsl_rng_free(r);
}
#line 2258 "chapters/00-intro.nw"
enum { JM = 7, JN = 5 };

static int ridge_map(const gsl_vector *x, void *params, gsl_vector *fx)
{
  const quartic *q = params;
  for (size_t i = 0; i < JM; i++)
    gsl_vector_set(fx, i, quartic_f(x, (void *)&q[i]));
  return GSL_SUCCESS;
}

static void test_jaccheck(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(2236067);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { DRAWS = 30 };
  quartic q[JM];
  gsl_vector *x = gsl_vector_alloc(JN);
  gsl_matrix *J = gsl_matrix_alloc(JM, JN), *D = gsl_matrix_alloc(JM, JN);
  mdl_vector_function F = {ridge_map, JN, JM, q};
  double worst_accept = 0;
  detection det = {HUGE_VAL, 0, 0, 0, 0, 0};
  for (int draw = 0; draw < DRAWS; draw++) {
    for (size_t i = 0; i < JM; i++)
      quartic_draw(&q[i], JN, 1, r);
    for (size_t j = 0; j < JN; j++)
      gsl_vector_set(x, j, gsl_ran_flat(r, -1.5, 1.5));
    mdl_numcheck_jacdiff(&F, x, 0, D);
    double a[JM][JN], dd[JM][JN], E[JM][JN];
    for (size_t i = 0; i < JM; i++)
      for (size_t j = 0; j < JN; j++) {
        double err, round;
        dd[i][j] = gsl_matrix_get(D, i, j);
        E[i][j] = cd_bound(&q[i], x, j, mdl_numcheck_step(), dd[i][j],
                           &a[i][j], &err, &round);
        E[i][j] += round * (1 + 1e-10);
        gsl_matrix_set(J, i, j, a[i][j]);
      }
    double tau[JM], tau_all = 0;
    for (size_t i = 0; i < JM; i++) {
      tau[i] = accept_bound(a[i], dd[i], E[i], JN, mdl_numcheck_step());
      tau_all = claim_fmax(tau_all, tau[i]);
    }
    mdl_numcheck_report rep;
    mdl_numcheck_jacobian(&F, x, J, 0, &rep);
    worst_accept = claim_fmax(worst_accept, rep.max_rel_err / tau_all);
    for (size_t i = 0; i < JM; i++) {
      double others = 0;
      for (size_t k = 0; k < JM; k++)
        if (k != i)
          others = claim_fmax(others, tau[k]);
      check_detection(NULL, &F, x, NULL, J, a[i], dd[i], E[i], JN, i, others,
                      r, &det);
    }
  }
  CLAIM(.id = "intro.jaccheck", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst_accept, .reference = 1,
        .tolerance = 0, .samples = DRAWS, .seed = seed,
        .note = "largest ratio of the reported relative error of a correct"
                " Jacobian to its bound");
  CLAIM(.id = "intro.jaccheck", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = det.worst_margin,
        .reference = 1, .tolerance = 0, .samples = det.tried, .seed = seed,
        .note = "smallest ratio of the reported relative error of a Jacobian"
                " with one wrong entry to its lower bound");
  CLAIM(.id = "intro.jaccheck", .kind = CLAIM_IDENTITY,
        .measured = (double)det.missed, .reference = 0, .tolerance = 0,
        .samples = det.promised, .seed = seed,
        .note = "wrong entries reported at another row or column, among those"
                " whose position the proposition promises");
  CLAIM(.id = "intro.jaccheck", .kind = CLAIM_IDENTITY,
        .measured = det.zero_dev, .reference = 0, .tolerance = 0,
        .samples = det.zeroed, .seed = seed,
        .note = "largest deviation from 1 of the reported relative error of a"
                " Jacobian with one entry set to zero");
  gsl_vector_free(x);
  gsl_matrix_free(J);
  gsl_matrix_free(D);
  gsl_rng_free(r);
}
#line 2362 "chapters/00-intro.nw"
static double largest_abs_diff(const gsl_matrix *A, const gsl_matrix *B)
{
  double m = 0;
  for (size_t i = 0; i < A->size1; i++)
    for (size_t j = 0; j < A->size2; j++)
      m = claim_fmax(m, fabs(gsl_matrix_get(A, i, j) - gsl_matrix_get(B, i, j)));
  return m;
}

static int one_side_fails(const gsl_vector *x, void *params, gsl_vector *fx)
{
  const double *side = params;
  int bad = (gsl_vector_get(x, 0) - 0.3) * side[0] > 0;
  gsl_vector_set_all(fx, 0.75);
  if (bad && side[1] > 0)
    gsl_vector_set(fx, 1, NAN);
  return bad && side[1] == 0 ? GSL_EDOM : GSL_SUCCESS;
}

static void test_report_fields(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(1414213);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { DRAWS = 10 };
  quartic q[JM];
  gsl_vector *x = gsl_vector_alloc(JN);
  gsl_matrix *J = gsl_matrix_alloc(JM, JN), *D = gsl_matrix_alloc(JM, JN);
  mdl_vector_function F = {ridge_map, JN, JM, q};
  gsl_multimin_function f = {quartic_f, JN, &q[0]};
  const double steps[2] = {0, 1e-4};
  double abs_dev = 0, h_dev = 0, nan_abs = HUGE_VAL;
  size_t exact_not_first = 0;
  mdl_numcheck_report rep0;
  for (int draw = 0; draw < DRAWS; draw++) {
    for (size_t i = 0; i < JM; i++)
      quartic_draw(&q[i], JN, 1, r);
    for (size_t j = 0; j < JN; j++)
      gsl_vector_set(x, j, gsl_ran_flat(r, -1.5, 1.5));
    for (int s = 0; s < 2; s++) {
      double h = steps[s], used = h == 0 ? mdl_numcheck_step() : h;
      mdl_numcheck_report rep;
      mdl_numcheck_jacdiff(&F, x, h, D);
      for (size_t i = 0; i < JM; i++)
        for (size_t j = 0; j < JN; j++)
          gsl_matrix_set(J, i, j, gsl_matrix_get(D, i, j)
                                      * (1 + gsl_ran_gaussian(r, 1e-3)));
      mdl_numcheck_jacobian(&F, x, J, h, &rep);
      abs_dev = claim_fmax(abs_dev, fabs(rep.max_abs_err - largest_abs_diff(J, D)));
      h_dev = claim_fmax(h_dev, fabs(rep.h - used));
      if (isnan(rep.max_abs_err) || isnan(rep.h))
        abs_dev = h_dev = GSL_NAN;
      gsl_vector_view g = gsl_matrix_row(J, 0), d = gsl_matrix_row(D, 0);
      gsl_matrix_const_view g1 = gsl_matrix_const_view_vector(&g.vector, 1, JN);
      gsl_matrix_view d1 = gsl_matrix_view_vector(&d.vector, 1, JN);
      mdl_numcheck_diff(&f, x, h, &d.vector);
      mdl_numcheck_gradient(&f, x, &g.vector, h, &rep);
      abs_dev = claim_fmax(abs_dev, fabs(rep.max_abs_err
                                   - largest_abs_diff(&g1.matrix, &d1.matrix)));
      h_dev = claim_fmax(h_dev, fabs(rep.h - used));
      if (isnan(rep.max_abs_err) || isnan(rep.h))
        abs_dev = h_dev = GSL_NAN;
    }
    gsl_matrix_set(J, draw % JM, (size_t)draw % JN, NAN);
    mdl_numcheck_report rep;
    mdl_numcheck_jacobian(&F, x, J, 1e-4, &rep);
    nan_abs = fmin(nan_abs, rep.max_abs_err);
    mdl_numcheck_jacdiff(&F, x, 0, D);
    mdl_numcheck_jacobian(&F, x, D, 0, &rep);
    exact_not_first += rep.max_rel_err != 0 || rep.worst_i || rep.worst_j;
    gsl_vector_view d0 = gsl_matrix_row(D, 0);
    mdl_numcheck_gradient(&f, x, &d0.vector, 0, &rep);
    exact_not_first += rep.max_rel_err != 0 || rep.worst_i || rep.worst_j;
  }
  CLAIM(.id = "intro.jaccheck", .kind = CLAIM_IDENTITY, .measured = abs_dev,
        .reference = 0, .tolerance = 0, .samples = 4 * DRAWS, .seed = seed,
        .note = "largest |max_abs_err - max |J - D||, Jacobians and gradients,"
                " default step and h = 1e-4");
  CLAIM(.id = "intro.jaccheck", .kind = CLAIM_IDENTITY, .measured = h_dev,
        .reference = 0, .tolerance = 0, .samples = 4 * DRAWS, .seed = seed,
        .note = "largest |reported step - step used|");
  CLAIM(.id = "intro.jaccheck", .kind = CLAIM_IDENTITY, .measured = nan_abs,
        .reference = HUGE_VAL, .tolerance = 0, .samples = DRAWS, .seed = seed,
        .note = "smallest max_abs_err of a Jacobian with a NaN entry");
  {
    gsl_vector *x3 = gsl_vector_alloc(3);
    gsl_matrix_set_all(J, -7.125);
    claim_expect_error();
    mdl_numcheck_jacobian(&F, x3, J, 0, &rep0);
    CLAIM(.id = "intro.jaccheck", .kind = CLAIM_ERROR,
          .measured = claim_last_error(), .reference = GSL_EBADLEN,
          .untouched = claim_all_equal_matrix(J, -7.125),
          .note = "mdl_numcheck_jacobian: x of length 3 for F->n = 5");
    gsl_vector_free(x3);
  }
  const double sides[4][2] = {{1, 0}, {-1, 0}, {1, 1}, {-1, 1}};
  const char *fails[4] = {"mdl_numcheck_jacdiff: F fails at x + h e_0 only",
                          "mdl_numcheck_jacdiff: F fails at x - h e_0 only",
                          "mdl_numcheck_jacdiff: F is NaN at x + h e_0 only",
                          "mdl_numcheck_jacdiff: F is NaN at x - h e_0 only"};
  for (int k = 0; k < 4; k++) {
    mdl_vector_function Fs = {one_side_fails, 2, 3, (void *)sides[k]};
    gsl_vector *xs = gsl_vector_alloc(2);
    gsl_matrix *Js = gsl_matrix_alloc(3, 2);
    gsl_vector_set(xs, 0, 0.3);
    gsl_vector_set(xs, 1, -1.25);
    gsl_matrix_set_all(Js, -7.125);
    claim_expect_error();
    mdl_numcheck_jacdiff(&Fs, xs, 0, Js);
    CLAIM(.id = "intro.jaccheck", .kind = CLAIM_ERROR,
          .measured = claim_last_error(), .reference = GSL_EBADFUNC,
          .untouched = claim_all_equal_matrix(Js, -7.125),
          .note = fails[k]);
    gsl_vector_free(xs);
    gsl_matrix_free(Js);
  }
  CLAIM(.id = "intro.jaccheck", .kind = CLAIM_IDENTITY,
        .measured = (double)exact_not_first, .reference = 0, .tolerance = 0,
        .samples = 2 * DRAWS, .seed = seed,
        .note = "analytic rows equal to their differences whose report is not"
                " error 0 at the first entry (0, 0)");
  gsl_vector_free(x);
  gsl_matrix_free(J);
  gsl_matrix_free(D);
  gsl_rng_free(r);
}
#line 2643 "chapters/00-intro.nw"
static double draw_uniform(const gsl_rng *r, void *params)
{
  (void)params;
  return gsl_rng_uniform(r);
}

static double draw_exponential(const gsl_rng *r, void *params)
{
  (void)params;
  return gsl_ran_exponential(r, 1.0);
}

static double draw_bernoulli(const gsl_rng *r, void *params)
{
  return gsl_ran_bernoulli(r, *(const double *)params);
}

static double var_log_sd(double kappa, double n)
{
  return (kappa - 1 + 2 / (n - 1)) / (4 * n);
}
#line 2672 "chapters/00-intro.nw"
static void test_mc_mean(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(1618033);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const size_t N = 100000;
  double p = 0.3;
  struct {
    mdl_numcheck_sampler *draw;
    void *params;
    double mean, sd, kappa;
    const char *name;
  } cases[3] = {
    {draw_uniform, NULL, 0.5, sqrt(1.0 / 12), 9.0 / 5, "U(0,1)"},
    {draw_exponential, NULL, 1.0, 1.0, 9.0, "Exp(1)"},
    {draw_bernoulli, &p, 0.3, sqrt(0.3 * 0.7),
     (1 - 6 * 0.3 * 0.7) / (0.3 * 0.7) + 3, "Bernoulli(0.3)"},
  };
  for (int c = 0; c < 3; c++) {
    mdl_numcheck_estimate est;
    mdl_numcheck_mc_mean(cases[c].draw, cases[c].params, r, N, &est);
    char note[160];
    snprintf(note, sizeof note, "%s: mean within 5 standard errors,"
             " as decided by mdl_numcheck_within", cases[c].name);
    CLAIM(.id = "intro.mc-mean", .kind = CLAIM_IDENTITY,
          .measured = mdl_numcheck_within(&est, cases[c].mean, 5),
          .reference = 1, .tolerance = 0, .samples = N, .seed = seed,
          .note = note);
    snprintf(note, sizeof note, "%s: estimated mean against the true mean,"
             " tolerance 5 standard errors", cases[c].name);
    CLAIM(.id = "intro.mc-mean", .kind = CLAIM_IDENTITY, .measured = est.mean,
          .reference = cases[c].mean, .tolerance = 5 * est.se, .samples = N,
          .seed = seed, .note = note);
    snprintf(note, sizeof note, "%s: standard error over sigma/sqrt(N),"
             " tolerance 5 sd of s_N/sigma", cases[c].name);
    CLAIM(.id = "intro.mc-mean", .kind = CLAIM_IDENTITY,
          .measured = est.se / (cases[c].sd / sqrt((double)N)), .reference = 1,
          .tolerance = 5 * sqrt(var_log_sd(cases[c].kappa, (double)N)),
          .samples = N, .seed = seed, .note = note);
  }
  /* The documented test is |mean - value| <= k se, boundary included: with
     mean 1, se 0.5 and value 2 both sides are exactly 1 at k = 2. */
  mdl_numcheck_estimate edge = {1.0, 2.0, 0.5, 16};
  CLAIM(.id = "intro.mc-mean", .kind = CLAIM_IDENTITY,
        .measured = mdl_numcheck_within(&edge, 2.0, 2), .reference = 1,
        .tolerance = 0,
        .note = "mdl_numcheck_within at |mean - value| = k se exactly: 1");
  CLAIM(.id = "intro.mc-mean", .kind = CLAIM_IDENTITY,
        .measured = mdl_numcheck_within(&edge, 2.0, 1.5), .reference = 0,
        .tolerance = 0,
        .note = "mdl_numcheck_within at |mean - value| > k se: 0");
  gsl_rng_free(r);
}
#line 2729 "chapters/00-intro.nw"
static double abs_to(double x, const mpfr_t ref)
{
  mpfr_t e;
  mpfr_init2(e, 256);
  mpfr_d_sub(e, x, ref, MPFR_RNDN);
  mpfr_abs(e, e, MPFR_RNDN);
  double d = mpfr_get_d(e, MPFR_RNDU);
  mpfr_clear(e);
  return d;
}

static double rel_to(double x, const mpfr_t ref)
{
  mpfr_t e;
  mpfr_init2(e, 256);
  mpfr_d_sub(e, x, ref, MPFR_RNDN);
  mpfr_abs(e, e, MPFR_RNDN);
  mpfr_div(e, e, ref, MPFR_RNDU);
  double d = mpfr_get_d(e, MPFR_RNDU);
  mpfr_clear(e);
  return d;
}

static void test_welford(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(1234577);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const size_t sizes[3] = {10, 1000, 1000};
  const double offsets[3] = {0, 1e4, 1e8};
  const double u = DBL_EPSILON / 2;
  mpfr_t mean, S, dev;
  mpfr_inits2(256, mean, S, dev, (mpfr_ptr)0);
  for (int c = 0; c < 3; c++) {
    size_t n = sizes[c];
    gsl_vector *x = gsl_vector_alloc(n);
    double X = 0, naive_sum = 0, naive_sq = 0;
    mpfr_set_zero(mean, 1);
    mpfr_set_zero(S, 1);
    for (size_t i = 0; i < n; i++) {
      gsl_vector_set(x, i, offsets[c] + gsl_rng_uniform(r));
      mpfr_add_d(mean, mean, gsl_vector_get(x, i), MPFR_RNDN);
      X = claim_fmax(X, fabs(gsl_vector_get(x, i)));
    }
    mpfr_div_ui(mean, mean, (unsigned long)n, MPFR_RNDN);
    for (size_t i = 0; i < n; i++) {
      mpfr_d_sub(dev, gsl_vector_get(x, i), mean, MPFR_RNDN);
      mpfr_fma(S, dev, dev, S, MPFR_RNDN);
      naive_sum += gsl_vector_get(x, i);
      naive_sq += gsl_vector_get(x, i) * gsl_vector_get(x, i);
    }
    mpfr_sqr(dev, mean, MPFR_RNDN);
    mpfr_mul_ui(dev, dev, (unsigned long)n, MPFR_RNDN);
    mpfr_div(dev, dev, S, MPFR_RNDN);
    mpfr_add_ui(dev, dev, 1, MPFR_RNDN);
    mpfr_sqrt(dev, dev, MPFR_RNDN);
    double kappa = mpfr_get_d(dev, MPFR_RNDN);
    mdl_numcheck_estimate est;
    mdl_numcheck_mean(x, &est);
    double S_welford = est.sd * est.sd * (double)(n - 1);
    char note[160];
    snprintf(note, sizeof note, "N = %zu, offset %g: relative error of S"
             " against twice N kappa u", n, offsets[c]);
    CLAIM(.id = "intro.welford", .kind = CLAIM_BOUND,
          .measured = rel_to(S_welford, S),
          .reference = 2 * n * kappa * u, .tolerance = 0, .samples = n,
          .seed = seed, .note = note);
    snprintf(note, sizeof note, "N = %zu, offset %g: error of the mean"
             " against twice 3 N u max|x|", n, offsets[c]);
    CLAIM(.id = "intro.welford", .kind = CLAIM_BOUND,
          .measured = abs_to(est.mean, mean),
          .reference = 2 * 3 * n * u * X, .tolerance = 0, .samples = n,
          .seed = seed, .note = note);
    if (c == 2) {
      double S_naive = naive_sq - naive_sum * naive_sum / (double)n;
      CLAIM(.id = "intro.welford", .kind = CLAIM_EXPERIMENT,
            .relation = CLAIM_AT_LEAST,
            .measured = rel_to(S_naive, S), .reference = 1e-3,
            .tolerance = 0, .samples = n, .seed = seed,
            .note = "offset 1e8: relative error of S by the textbook formula,"
                    " sum of squares minus N times the squared mean");
    }
    gsl_vector_free(x);
  }
  mpfr_clears(mean, S, dev, (mpfr_ptr)0);
  gsl_rng_free(r);
}
#line 2899 "chapters/00-intro.nw"
typedef struct {
  const gsl_vector *x;
  size_t next;
} replay;

static double draw_replay(const gsl_rng *r, void *params)
{
  (void)r;
  replay *p = params;
  return gsl_vector_get(p->x, p->next++);
}

static double draw_constant(const gsl_rng *r, void *params)
{
  (void)r;
  return *(const double *)params;
}

static void test_mc_replay(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(2718282);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const size_t sizes[3] = {2, 10, 1000};
  size_t differ = 0;
  for (int c = 0; c < 3; c++) {
    gsl_vector *x = gsl_vector_alloc(sizes[c]);
    for (size_t i = 0; i < sizes[c]; i++)
      gsl_vector_set(x, i, 3 + 4 * gsl_rng_uniform(r));
    mdl_numcheck_estimate a = {GSL_NAN, GSL_NAN, GSL_NAN, 0}, b = a;
    replay p = {x, 0};
    int status = mdl_numcheck_mean(x, &a);
    status |= mdl_numcheck_mc_mean(draw_replay, &p, r, sizes[c], &b);
    differ += !(a.mean == b.mean) + !(a.sd == b.sd) + !(a.se == b.se)
              + (a.n != b.n) + (status != GSL_SUCCESS);
    gsl_vector_free(x);
  }
  CLAIM(.id = "intro.welford", .kind = CLAIM_IDENTITY,
        .measured = (double)differ, .reference = 0, .tolerance = 0,
        .samples = 12, .seed = seed,
        .note = "fields of mdl_numcheck_mc_mean's estimate that differ from"
                " mdl_numcheck_mean's on the same values, or failed calls,"
                " N = 2, 10 and 1000");
  /* On n equal values c the recurrence is exact: its first step sets the
     mean to 0 + (c - 0)/1 = c and q to 0, and every later delta is 0. */
  double c = 1e-20;
  mdl_numcheck_estimate e = {GSL_NAN, GSL_NAN, GSL_NAN, 0};
  mdl_numcheck_mc_mean(draw_constant, &c, r, 10, &e);
  CLAIM(.id = "intro.welford", .kind = CLAIM_IDENTITY, .measured = e.mean,
        .reference = c, .tolerance = 0,
        .note = "mdl_numcheck_mc_mean of 10 draws equal to 1e-20: the mean");
  CLAIM(.id = "intro.welford", .kind = CLAIM_IDENTITY, .measured = e.sd,
        .reference = 0, .tolerance = 0,
        .note = "mdl_numcheck_mc_mean of 10 draws equal to 1e-20: the sd");
  gsl_rng_free(r);
}
#line 2820 "chapters/00-intro.nw"
static void test_mc_se_rate(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(2645751);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { J = 5 };
  double t[J], y[J], v[J], total = 0;
  for (int j = 0; j < J; j++) {
    double n = pow(10.0, j + 2);
    mdl_numcheck_estimate est;
    mdl_numcheck_mc_mean(draw_uniform, NULL, r, (size_t)n, &est);
    t[j] = log(n);
    y[j] = log(est.se);
    v[j] = var_log_sd(9.0 / 5, n);
    total += n;
  }
  double slope = claim_slope(t, y, J, NULL), tm = 0, stt = 0, var = 0;
  for (int j = 0; j < J; j++)
    tm += t[j] / J;
  for (int j = 0; j < J; j++)
    stt += (t[j] - tm) * (t[j] - tm);
  for (int j = 0; j < J; j++)
    var += (t[j] - tm) * (t[j] - tm) / (stt * stt) * v[j];
  CLAIM(.id = "intro.mc-se-rate", .kind = CLAIM_RATE, .measured = slope,
        .reference = -0.5, .tolerance = 5 * sqrt(var), .samples = (size_t)total,
        .seed = seed,
        .note = "fitted slope of log se against log N, N = 1e2 to 1e6, U(0,1)");
  gsl_rng_free(r);
}
#line 2853 "chapters/00-intro.nw"
static void test_mc_coverage(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3316624);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const unsigned R = 4000, N = 400;
  const double level = 0.95, alpha = 1e-6;
  unsigned covered = 0;
  for (unsigned k = 0; k < R; k++) {
    mdl_numcheck_estimate est;
    double lo, hi;
    mdl_numcheck_mc_mean(draw_uniform, NULL, r, N, &est);
    mdl_numcheck_interval(&est, level, &lo, &hi);
    covered += lo <= 0.5 && 0.5 <= hi;
  }
  unsigned klo = 0, khi = R;
  while (klo < R && gsl_cdf_binomial_P(klo, level, R) <= alpha / 2)
    klo++;
  while (khi > 0 && gsl_cdf_binomial_Q(khi - 1, level, R) <= alpha / 2)
    khi--;
  double tol = fmax(level - (double)klo / R, (double)khi / R - level);
  CLAIM(.id = "intro.mc-coverage", .kind = CLAIM_IDENTITY,
        .measured = (double)covered / R, .reference = level, .tolerance = tol,
        .samples = (size_t)R * N, .seed = seed,
        .note = "fraction of 4000 nominal 95% intervals, each from 400 U(0,1)"
                " draws, that contain the mean; exact binomial tolerance at 1e-6 a side");
  gsl_rng_free(r);
}
#line 2969 "chapters/00-intro.nw"
static double nan_f(const gsl_vector *x, void *params)
{
  (void)params;
  return gsl_vector_get(x, 0) > 0.5 ? NAN : 1.0;
}

static int failing_map(const gsl_vector *x, void *params, gsl_vector *fx)
{
  (void)x;
  (void)params;
  gsl_vector_set_all(fx, 1.0);
  return GSL_EDOM;
}

static double inf_sampler(const gsl_rng *r, void *params)
{
  (void)r;
  (void)params;
  return HUGE_VAL;
}

#define ERR(code, call, untouched_expr, what)                                 \
  do {                                                                        \
    claim_expect_error();                                                     \
    int status_ = (call);                                                     \
    CLAIM(.id = "intro.numcheck-errors", .kind = CLAIM_ERROR,                 \
          .measured = status_, .reference = (code),                           \
          .untouched = (untouched_expr), .note = (what));                     \
  } while (0)

static void test_numcheck_errors(void **state)
{
  (void)state;
  const double S = -7.125;
  quartic q;
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  quartic_draw(&q, 3, 2, r);
  gsl_multimin_function f = {quartic_f, 3, &q}, fnull = {NULL, 3, &q};
  gsl_multimin_function fnan = {nan_f, 1, NULL};
  gsl_vector *x3 = gsl_vector_alloc(3), *x2 = gsl_vector_alloc(2);
  gsl_vector *d3 = gsl_vector_alloc(3), *d2 = gsl_vector_alloc(2);
  gsl_vector *x1 = gsl_vector_alloc(1), *d1 = gsl_vector_alloc(1);
  gsl_vector_set_all(x3, 0.25);
  gsl_vector_set_all(x2, 0.25);
  gsl_vector_set(x1, 0, 0.5);
  mdl_numcheck_report rep, rep0;
  memset(&rep0, 0x5a, sizeof rep0);

  gsl_vector_set_all(d3, S);
  ERR(GSL_EFAULT, mdl_numcheck_diff(NULL, x3, 0, d3), claim_all_equal(d3, S),
      "mdl_numcheck_diff: f is NULL");
  ERR(GSL_EFAULT, mdl_numcheck_diff(&fnull, x3, 0, d3), claim_all_equal(d3, S),
      "mdl_numcheck_diff: f->f is NULL");
  ERR(GSL_EFAULT, mdl_numcheck_diff(&f, NULL, 0, d3), claim_all_equal(d3, S),
      "mdl_numcheck_diff: x is NULL");
  ERR(GSL_EFAULT, mdl_numcheck_diff(&f, x3, 0, NULL), 1,
      "mdl_numcheck_diff: d is NULL");
  ERR(GSL_EBADLEN, mdl_numcheck_diff(&f, x2, 0, d3), claim_all_equal(d3, S),
      "mdl_numcheck_diff: x shorter than f->n");
  gsl_vector_set_all(d2, S);
  ERR(GSL_EBADLEN, mdl_numcheck_diff(&f, x3, 0, d2), claim_all_equal(d2, S),
      "mdl_numcheck_diff: d shorter than f->n");
  ERR(GSL_EINVAL, mdl_numcheck_diff(&f, x3, -1e-6, d3), claim_all_equal(d3, S),
      "mdl_numcheck_diff: negative step");
  ERR(GSL_EINVAL, mdl_numcheck_diff(&f, x3, NAN, d3), claim_all_equal(d3, S),
      "mdl_numcheck_diff: NaN step");
  ERR(GSL_EINVAL, mdl_numcheck_diff(&f, x3, HUGE_VAL, d3), claim_all_equal(d3, S),
      "mdl_numcheck_diff: infinite step");
  gsl_vector_set_all(d1, S);
  ERR(GSL_EBADFUNC, mdl_numcheck_diff(&fnan, x1, 0, d1), claim_all_equal(d1, S),
      "mdl_numcheck_diff: f returns NaN");

  rep = rep0;
  ERR(GSL_EFAULT, mdl_numcheck_gradient(&f, x3, NULL, 0, &rep),
      memcmp(&rep, &rep0, sizeof rep) == 0, "mdl_numcheck_gradient: grad is NULL");
  ERR(GSL_EFAULT, mdl_numcheck_gradient(&f, x3, d3, 0, NULL), 1,
      "mdl_numcheck_gradient: report is NULL");
  ERR(GSL_EBADLEN, mdl_numcheck_gradient(&f, x3, d2, 0, &rep),
      memcmp(&rep, &rep0, sizeof rep) == 0,
      "mdl_numcheck_gradient: grad shorter than f->n");
  ERR(GSL_EINVAL, mdl_numcheck_gradient(&f, x3, d3, -1, &rep),
      memcmp(&rep, &rep0, sizeof rep) == 0, "mdl_numcheck_gradient: negative step");
  ERR(GSL_EBADFUNC, mdl_numcheck_gradient(&fnan, x1, d1, 0, &rep),
      memcmp(&rep, &rep0, sizeof rep) == 0,
      "mdl_numcheck_gradient: f returns NaN");

#line 3103 "chapters/00-intro.nw"
  quartic qs[JM];
  for (size_t i = 0; i < JM; i++)
    quartic_draw(&qs[i], JN, 1, r);
  mdl_vector_function F = {ridge_map, JN, JM, qs};
  mdl_vector_function Fnull = {NULL, JN, JM, qs};
  mdl_vector_function Ffail = {failing_map, JN, JM, NULL};
  gsl_vector *xj = gsl_vector_alloc(JN);
  gsl_matrix *J = gsl_matrix_alloc(JM, JN), *Jt = gsl_matrix_alloc(JN, JM);
  gsl_vector_set_all(xj, 0.25);
  gsl_matrix_set_all(J, S);
  gsl_matrix_set_all(Jt, S);
  ERR(GSL_EFAULT, mdl_numcheck_jacdiff(NULL, xj, 0, J), claim_all_equal_matrix(J, S),
      "mdl_numcheck_jacdiff: F is NULL");
  ERR(GSL_EFAULT, mdl_numcheck_jacdiff(&Fnull, xj, 0, J), claim_all_equal_matrix(J, S),
      "mdl_numcheck_jacdiff: F->f is NULL");
  ERR(GSL_EFAULT, mdl_numcheck_jacdiff(&F, xj, 0, NULL), 1,
      "mdl_numcheck_jacdiff: J is NULL");
  ERR(GSL_EBADLEN, mdl_numcheck_jacdiff(&F, x3, 0, J), claim_all_equal_matrix(J, S),
      "mdl_numcheck_jacdiff: x of the wrong length");
  ERR(GSL_EBADLEN, mdl_numcheck_jacdiff(&F, xj, 0, Jt), claim_all_equal_matrix(Jt, S),
      "mdl_numcheck_jacdiff: J transposed");
  ERR(GSL_EINVAL, mdl_numcheck_jacdiff(&F, xj, -0.5, J), claim_all_equal_matrix(J, S),
      "mdl_numcheck_jacdiff: negative step");
  ERR(GSL_EBADFUNC, mdl_numcheck_jacdiff(&Ffail, xj, 0, J), claim_all_equal_matrix(J, S),
      "mdl_numcheck_jacdiff: F returns an error");
  rep = rep0;
  ERR(GSL_EFAULT, mdl_numcheck_jacobian(&F, xj, NULL, 0, &rep),
      memcmp(&rep, &rep0, sizeof rep) == 0, "mdl_numcheck_jacobian: J is NULL");
  ERR(GSL_EFAULT, mdl_numcheck_jacobian(&F, xj, J, 0, NULL), 1,
      "mdl_numcheck_jacobian: report is NULL");
  ERR(GSL_EBADLEN, mdl_numcheck_jacobian(&F, xj, Jt, 0, &rep),
      memcmp(&rep, &rep0, sizeof rep) == 0, "mdl_numcheck_jacobian: J transposed");
  ERR(GSL_EINVAL, mdl_numcheck_jacobian(&F, xj, J, NAN, &rep),
      memcmp(&rep, &rep0, sizeof rep) == 0, "mdl_numcheck_jacobian: NaN step");
  ERR(GSL_EBADFUNC, mdl_numcheck_jacobian(&Ffail, xj, J, 0, &rep),
      memcmp(&rep, &rep0, sizeof rep) == 0,
      "mdl_numcheck_jacobian: F returns an error");
  gsl_vector_free(xj);
  gsl_matrix_free(J);
  gsl_matrix_free(Jt);
#line 3056 "chapters/00-intro.nw"
#line 3146 "chapters/00-intro.nw"
  mdl_numcheck_estimate est, est0;
  memset(&est0, 0x5a, sizeof est0);
  est = est0;
  ERR(GSL_EFAULT, mdl_numcheck_mc_mean(NULL, NULL, r, 10, &est),
      memcmp(&est, &est0, sizeof est) == 0, "mdl_numcheck_mc_mean: sampler is NULL");
  ERR(GSL_EFAULT, mdl_numcheck_mc_mean(draw_uniform, NULL, NULL, 10, &est),
      memcmp(&est, &est0, sizeof est) == 0, "mdl_numcheck_mc_mean: rng is NULL");
  ERR(GSL_EFAULT, mdl_numcheck_mc_mean(draw_uniform, NULL, r, 10, NULL), 1,
      "mdl_numcheck_mc_mean: est is NULL");
  ERR(GSL_EINVAL, mdl_numcheck_mc_mean(draw_uniform, NULL, r, 1, &est),
      memcmp(&est, &est0, sizeof est) == 0, "mdl_numcheck_mc_mean: n = 1");
  ERR(GSL_EBADFUNC, mdl_numcheck_mc_mean(inf_sampler, NULL, r, 10, &est),
      memcmp(&est, &est0, sizeof est) == 0,
      "mdl_numcheck_mc_mean: sampler returns infinity");
  ERR(GSL_EFAULT, mdl_numcheck_mean(NULL, &est),
      memcmp(&est, &est0, sizeof est) == 0, "mdl_numcheck_mean: x is NULL");
  ERR(GSL_EINVAL, mdl_numcheck_mean(x1, &est),
      memcmp(&est, &est0, sizeof est) == 0, "mdl_numcheck_mean: one value");
  gsl_vector_set(x3, 1, NAN);
  ERR(GSL_EDOM, mdl_numcheck_mean(x3, &est),
      memcmp(&est, &est0, sizeof est) == 0, "mdl_numcheck_mean: a NaN value");
  mdl_numcheck_estimate good = {1.0, 2.0, 0.5, 16};
  claim_expect_error();
  int answer = mdl_numcheck_within(&good, 1.0, -1);
  CLAIM(.id = "intro.numcheck-errors", .kind = CLAIM_ERROR,
        .measured = claim_last_error(), .reference = GSL_EINVAL,
        .untouched = answer == 0, .note = "mdl_numcheck_within: k < 0 returns 0");
  claim_expect_error();
  answer = mdl_numcheck_within(&good, NAN, 5);
  CLAIM(.id = "intro.numcheck-errors", .kind = CLAIM_ERROR,
        .measured = claim_last_error(), .reference = GSL_EINVAL,
        .untouched = answer == 0, .note = "mdl_numcheck_within: NaN value returns 0");
  claim_expect_error();
  answer = mdl_numcheck_within(NULL, 1.0, 5);
  CLAIM(.id = "intro.numcheck-errors", .kind = CLAIM_ERROR,
        .measured = claim_last_error(), .reference = GSL_EFAULT,
        .untouched = answer == 0, .note = "mdl_numcheck_within: est is NULL returns 0");
  double lo = S, hi = S;
  ERR(GSL_EDOM, mdl_numcheck_interval(&good, 1.0, &lo, &hi),
      lo == S && hi == S, "mdl_numcheck_interval: level 1");
  ERR(GSL_EDOM, mdl_numcheck_interval(&good, NAN, &lo, &hi),
      lo == S && hi == S, "mdl_numcheck_interval: NaN level");
  ERR(GSL_EFAULT, mdl_numcheck_interval(&good, 0.9, NULL, &hi), hi == S,
      "mdl_numcheck_interval: lo is NULL");
#line 3057 "chapters/00-intro.nw"
#line 3074 "chapters/00-intro.nw"
  gsl_vector_set(x3, 1, NAN);
  CLAIM_MESSAGE("intro.numcheck-errors", mdl_numcheck_diff(&f, x3, 0, d3),
                "x[1] = nan", "mdl_numcheck_diff: x[1] is NaN");
  CLAIM_MESSAGE("intro.numcheck-errors", mdl_numcheck_gradient(&f, x3, d3, 0, &rep),
                "x[1] = nan", "mdl_numcheck_gradient: x[1] is NaN");
  gsl_vector_set(x3, 1, 0.25);
  CLAIM_MESSAGE("intro.numcheck-errors", mdl_numcheck_diff(&f, x2, 0, d3),
                "x has length 2 and d 3, f->n is 3",
                "mdl_numcheck_diff: x of length 2");
  CLAIM_MESSAGE("intro.numcheck-errors", mdl_numcheck_diff(&f, x3, -0.5, d3),
                "h = -0.5", "mdl_numcheck_diff: step -0.5");
  CLAIM_MESSAGE("intro.numcheck-errors", mdl_numcheck_gradient(&fnan, x1, d1, 0, &rep),
                "f returned nan", "mdl_numcheck_gradient: f returns NaN");
  CLAIM_MESSAGE("intro.numcheck-errors", mdl_numcheck_gradient(&f, x3, d3, 0, NULL),
                "report is NULL", "mdl_numcheck_gradient: report is NULL");
  {
    mdl_numcheck_estimate est = {0.5, 1, 0.25, 16};
    double lo = S, hi = S;
    CLAIM_MESSAGE("intro.numcheck-errors",
                  mdl_numcheck_interval(&est, 1.5, &lo, &hi), "level = 1.5",
                  "mdl_numcheck_interval: level 1.5");
    gsl_vector_set(x3, 2, -HUGE_VAL);
    CLAIM_MESSAGE("intro.numcheck-errors", mdl_numcheck_mean(x3, &est),
                  "x[2] = -inf", "mdl_numcheck_mean: x[2] is -infinity");
    gsl_vector_set(x3, 2, 0.25);
  }

#line 3059 "chapters/00-intro.nw"
  gsl_vector_free(x3);
  gsl_vector_free(x2);
  gsl_vector_free(d3);
  gsl_vector_free(d2);
  gsl_vector_free(x1);
  gsl_vector_free(d1);
  gsl_rng_free(r);
}
#line 4441 "chapters/00-intro.nw"
static void test_claim_fmax(void **state)
{
  (void)state;
  assert_true(isnan(claim_fmax(0.5, NAN)));
  assert_true(isnan(claim_fmax(NAN, 0.5)));
  assert_true(isnan(claim_fmax(NAN, -HUGE_VAL)));
  assert_true(claim_fmax(0.5, 2.0) == 2.0 && claim_fmax(2.0, 0.5) == 2.0);
  assert_true(claim_fmax(-HUGE_VAL, -1.0) == -1.0);
  assert_false(isnan(fmax(0.5, NAN)));
}
#line 3611 "chapters/00-intro.nw"
static void test_numcheck_bad_input(void **state)
{
  (void)state;
  const double S = -7.125;
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  quartic q;
  quartic_draw(&q, JN, 2, r);
  gsl_multimin_function f = {quartic_f, JN, &q}, f0 = {quartic_f, 0, &q};
  gsl_vector e = claim_empty_vector();
  gsl_matrix E = claim_empty_matrix(0, JN);
  gsl_vector *x = gsl_vector_alloc(JN), *d = gsl_vector_alloc(JN);
  gsl_vector_set_all(x, 0.25);
  gsl_vector_set_all(d, S);
  claim_expect_error();
  int answer = mdl_numcheck_finite(NULL, NULL);
  CLAIM(.id = "intro.numcheck-errors", .kind = CLAIM_ERROR,
        .measured = claim_last_error(), .reference = GSL_EFAULT,
        .untouched = answer == 0, .note = "mdl_numcheck_finite: v is NULL, returns 0");
  claim_expect_error();
  answer = mdl_numcheck_finite_matrix(NULL, NULL, NULL);
  CLAIM(.id = "intro.numcheck-errors", .kind = CLAIM_ERROR,
        .measured = claim_last_error(), .reference = GSL_EFAULT,
        .untouched = answer == 0,
        .note = "mdl_numcheck_finite_matrix: m is NULL, returns 0");
  CLAIM(.id = "intro.numcheck-errors", .kind = CLAIM_IDENTITY,
        .measured = mdl_numcheck_step(), .reference = cbrt(3 * DBL_EPSILON),
        .tolerance = 0, .note = "mdl_numcheck_step: no argument, always (3 eps)^(1/3)");
  size_t i = 99, j = 99;
  gsl_vector_set(x, 2, -HUGE_VAL);
  CLAIM(.id = "intro.numcheck-errors", .kind = CLAIM_IDENTITY,
        .measured = mdl_numcheck_finite(x, &i) == 0 && i == 2
                    && mdl_numcheck_finite(&e, NULL) == 1,
        .reference = 1, .tolerance = 0,
        .note = "mdl_numcheck_finite: finds x[2] = -inf; an empty vector is finite");
  gsl_matrix *J = gsl_matrix_alloc(JM, JN);
  gsl_matrix_set_all(J, 0.5);
  gsl_matrix_set(J, 1, 0, NAN);
  CLAIM(.id = "intro.numcheck-errors", .kind = CLAIM_IDENTITY,
        .measured = mdl_numcheck_finite_matrix(J, &i, &j) == 0 && i == 1 && j == 0,
        .reference = 1, .tolerance = 0,
        .note = "mdl_numcheck_finite_matrix: finds J[1][0] = NaN");
#line 3728 "chapters/00-intro.nw"
  {
    gsl_matrix *wide = gsl_matrix_alloc(5, 40);
    gsl_matrix_set_all(wide, NAN);
    gsl_matrix_view v = gsl_matrix_submatrix(wide, 0, 0, 5, 37);
    for (size_t r2 = 0; r2 < 5; r2++)
      for (size_t c2 = 0; c2 < 37; c2++)
        gsl_matrix_set(&v.matrix, r2, c2, (double)(r2 * 37 + c2) - 90);
    gsl_matrix_set(&v.matrix, 0, 5, DBL_MAX);
    gsl_matrix_set(&v.matrix, 2, 36, -DBL_MAX);
    gsl_matrix_set(&v.matrix, 4, 0, 0x1p-1074);
    gsl_matrix_set(&v.matrix, 1, 3, -0.0);
    int all_finite = mdl_numcheck_finite_matrix(&v.matrix, NULL, NULL);
    gsl_matrix_set(&v.matrix, 3, 29, HUGE_VAL);
    gsl_matrix_set(&v.matrix, 3, 33, NAN);
    i = j = 99;
    int found = mdl_numcheck_finite_matrix(&v.matrix, &i, &j) == 0 && i == 3
                && j == 29;
    CLAIM(.id = "intro.numcheck-errors", .kind = CLAIM_IDENTITY,
          .measured = all_finite == 1 && found, .reference = 1, .tolerance = 0,
          .note = "mdl_numcheck_finite_matrix: a 5 x 37 view with NaN beyond"
                  " its rows and +-DBL_MAX is finite; +inf at [3][29] before a"
                  " NaN at [3][33] is the one found");
    gsl_matrix_free(wide);
  }

#line 3654 "chapters/00-intro.nw"
  ERR(GSL_EBADLEN, mdl_numcheck_diff(&f0, &e, 0, &e), 1,
      "mdl_numcheck_diff: an empty problem (f->n = 0)");
  ERR(GSL_EDOM, mdl_numcheck_diff(&f, x, 0, d), claim_all_equal(d, S),
      "mdl_numcheck_diff: x holds -infinity");
  gsl_vector_set(x, 2, 0.25);
  mdl_numcheck_report rep, rep0;
  memset(&rep0, 0x5a, sizeof rep0);
  rep = rep0;
  ERR(GSL_EFAULT, mdl_numcheck_gradient(&f, NULL, d, 0, &rep),
      memcmp(&rep, &rep0, sizeof rep) == 0, "mdl_numcheck_gradient: x is NULL");
  ERR(GSL_EBADLEN, mdl_numcheck_gradient(&f0, &e, &e, 0, &rep),
      memcmp(&rep, &rep0, sizeof rep) == 0,
      "mdl_numcheck_gradient: an empty problem (f->n = 0)");
  gsl_vector_set_all(d, 0.5);
  gsl_vector_set(x, 0, NAN);
  ERR(GSL_EDOM, mdl_numcheck_gradient(&f, x, d, 0, &rep),
      memcmp(&rep, &rep0, sizeof rep) == 0, "mdl_numcheck_gradient: x holds NaN");

  quartic qs[JM];
  for (size_t k = 0; k < JM; k++)
    quartic_draw(&qs[k], JN, 1, r);
  mdl_vector_function F = {ridge_map, JN, JM, qs}, F0 = {ridge_map, JN, 0, qs};
  gsl_matrix_set_all(J, S);
  ERR(GSL_EBADLEN, mdl_numcheck_jacdiff(&F0, x, 0, &E), 1,
      "mdl_numcheck_jacdiff: an empty map (F->m = 0)");
  ERR(GSL_EDOM, mdl_numcheck_jacdiff(&F, x, 0, J), claim_all_equal_matrix(J, S),
      "mdl_numcheck_jacdiff: x holds NaN");
  gsl_vector_set(x, 0, 0.25);
  rep = rep0;
  ERR(GSL_EFAULT, mdl_numcheck_jacobian(&F, NULL, J, 0, &rep),
      memcmp(&rep, &rep0, sizeof rep) == 0, "mdl_numcheck_jacobian: x is NULL");
  ERR(GSL_EBADLEN, mdl_numcheck_jacobian(&F0, x, &E, 0, &rep),
      memcmp(&rep, &rep0, sizeof rep) == 0,
      "mdl_numcheck_jacobian: an empty map (F->m = 0)");
  gsl_vector_set(x, 3, HUGE_VAL);
  ERR(GSL_EDOM, mdl_numcheck_jacobian(&F, x, J, 0, &rep),
      memcmp(&rep, &rep0, sizeof rep) == 0, "mdl_numcheck_jacobian: x holds +infinity");

  mdl_numcheck_estimate est, est0;
  memset(&est0, 0x5a, sizeof est0);
  est = est0;
  ERR(GSL_EINVAL, mdl_numcheck_mc_mean(draw_uniform, NULL, r, 0, &est),
      memcmp(&est, &est0, sizeof est) == 0, "mdl_numcheck_mc_mean: n = 0");
  ERR(GSL_EINVAL, mdl_numcheck_mean(&e, &est),
      memcmp(&est, &est0, sizeof est) == 0, "mdl_numcheck_mean: an empty vector");
  mdl_numcheck_estimate bad = {1.0, NAN, NAN, 16};
  claim_expect_error();
  answer = mdl_numcheck_within(&bad, 1.0, 5);
  CLAIM(.id = "intro.numcheck-errors", .kind = CLAIM_ERROR,
        .measured = claim_last_error(), .reference = GSL_EDOM,
        .untouched = answer == 0,
        .note = "mdl_numcheck_within: a NaN standard error returns 0");
  double lo = S, hi = S;
  ERR(GSL_EFAULT, mdl_numcheck_interval(NULL, 0.9, &lo, &hi), lo == S && hi == S,
      "mdl_numcheck_interval: est is NULL");
  ERR(GSL_EFAULT, mdl_numcheck_interval(&bad, 0.9, &lo, NULL), lo == S,
      "mdl_numcheck_interval: hi is NULL");
  ERR(GSL_EDOM, mdl_numcheck_interval(&bad, 0.9, &lo, &hi), lo == S && hi == S,
      "mdl_numcheck_interval: a NaN standard error");
  gsl_vector_free(x);
  gsl_vector_free(d);
  gsl_matrix_free(J);
  gsl_rng_free(r);
}
#line 3485 "chapters/00-intro.nw"
static double prob_sum(const double *p, size_t n, int order)
{
  if (order == 0) {
    double s = 0;
    for (size_t k = 0; k < n; k++)
      s += p[k];
    return s;
  }
  if (order == 1) {
    double s = 0;
    for (size_t k = n; k-- > 0;)
      s += p[k];
    return s;
  }
  if (n == 1)
    return p[0];
  return prob_sum(p, n / 2, 2) + prob_sum(p + n / 2, n - n / 2, 2);
}

static void test_probability_tol(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(1414);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const double u = DBL_EPSILON / 2;
  enum { NMAX = 2000 };
  double *w = malloc(NMAX * sizeof *w), *p = malloc(NMAX * sizeof *p);
  double worst = 0;
  size_t rejected = 0, cases = 0;
  for (int rep = 0; rep < 300; rep++) {
    size_t n = rep < 4 ? (size_t)rep + 1 : 1 + gsl_rng_uniform_int(r, NMAX);
    int kind = rep % 4;
    for (size_t k = 0; k < n; k++) {
      double z = gsl_rng_uniform_pos(r);
      w[k] = kind == 0 ? z : kind == 1 ? -log(z) : kind == 2 ? pow(z, -1.5)
                                                              : 30 * (z - 0.5);
    }
    double m = w[0];
    for (size_t k = 0; k < n; k++)
      m = claim_fmax(m, w[k]);
    if (kind == 3)
      for (size_t k = 0; k < n; k++)
        w[k] = exp(w[k] - m);
    for (int order = 0; order < 3; order++) {
      double W = prob_sum(w, n, order);
      for (size_t k = 0; k < n; k++)
        p[k] = w[k] / W;
      gsl_vector_view pv = gsl_vector_view_array(p, n);
      cases++;
      if (!mdl_numcheck_probability(&pv.vector, NULL, NULL))
        rejected++;
      double g = 2.0 * (double)n - 1;
      g = g * u / (1 - g * u);
      for (int o2 = 0; o2 < 3; o2++)
        worst = claim_fmax(worst, fabs(prob_sum(p, n, o2) - 1) / g);
    }
  }
  CLAIM(.id = "intro.prob-tol", .kind = CLAIM_BOUND, .measured = worst,
        .reference = 1, .tolerance = 0, .samples = cases, .seed = seed,
        .note = "max |sum p - 1| / gamma_{2n-1} over normalised vectors, "
                "three summation orders");
  CLAIM(.id = "intro.prob-tol", .kind = CLAIM_IDENTITY,
        .measured = (double)rejected, .reference = 0, .tolerance = 0,
        .samples = cases, .seed = seed,
        .note = "normalised vectors rejected by mdl_numcheck_probability");
  double e4[4] = {0.25, 0.25, 0.25, 0.25 + 16 * DBL_EPSILON};
  gsl_vector_view ev = gsl_vector_view_array(e4, 4);
  size_t i = 99;
  double s = 0;
  int at16 = mdl_numcheck_probability(&ev.vector, &i, &s);
  e4[3] = 0.25 + 17 * DBL_EPSILON;
  int at17 = mdl_numcheck_probability(&ev.vector, &i, &s);
  CLAIM(.id = "intro.prob-tol", .kind = CLAIM_IDENTITY,
        .measured = at16 == 1 && at17 == 0 && i == 4
                    && s == 1 + 17 * DBL_EPSILON,
        .reference = 1, .tolerance = 0,
        .note = "sum 1 + 16 eps passes, 1 + 17 eps fails (n = 4, i = n)");
  e4[3] = 0.25;
  e4[2] = -0.0625;
  int neg = mdl_numcheck_probability(&ev.vector, &i, NULL);
  size_t ineg = i;
  e4[2] = NAN;
  int nan = mdl_numcheck_probability(&ev.vector, &i, NULL);
  gsl_vector e = claim_empty_vector();
  size_t iempty = 99;
  int empty = mdl_numcheck_probability(&e, &iempty, NULL);
  CLAIM(.id = "intro.prob-tol", .kind = CLAIM_IDENTITY,
        .measured = neg == 0 && ineg == 2 && nan == 0 && i == 2 && empty == 0
                    && iempty == 0,
        .reference = 1, .tolerance = 0,
        .note = "a negative entry, a NaN (index 2) and an empty vector fail");
  claim_expect_error();
  int answer = mdl_numcheck_probability(NULL, NULL, NULL);
  CLAIM(.id = "intro.numcheck-errors", .kind = CLAIM_ERROR,
        .measured = claim_last_error(), .reference = GSL_EFAULT,
        .untouched = answer == 0,
        .note = "mdl_numcheck_probability: p is NULL, returns 0");
  free(w);
  free(p);
  gsl_rng_free(r);
}

#line 1298 "chapters/00-intro.nw"
int main(void)
{
  const struct CMUnitTest tests[] = {
#line 1587 "chapters/00-intro.nw"
    cmocka_unit_test(test_cd_bound),
#line 1663 "chapters/00-intro.nw"
    cmocka_unit_test(test_cd_rate),
#line 1705 "chapters/00-intro.nw"
    cmocka_unit_test(test_cd_optimal_step),
#line 2165 "chapters/00-intro.nw"
    cmocka_unit_test(test_gradcheck_floor),
    cmocka_unit_test(test_gradcheck),
#line 2342 "chapters/00-intro.nw"
    cmocka_unit_test(test_jaccheck),
#line 2492 "chapters/00-intro.nw"
    cmocka_unit_test(test_report_fields),
#line 2885 "chapters/00-intro.nw"
    cmocka_unit_test(test_mc_mean),
    cmocka_unit_test(test_welford),
    cmocka_unit_test(test_mc_se_rate),
    cmocka_unit_test(test_mc_coverage),
#line 2959 "chapters/00-intro.nw"
    cmocka_unit_test(test_mc_replay),
#line 3193 "chapters/00-intro.nw"
    cmocka_unit_test(test_numcheck_errors),
#line 3590 "chapters/00-intro.nw"
    cmocka_unit_test(test_probability_tol),
#line 3755 "chapters/00-intro.nw"
    cmocka_unit_test(test_numcheck_bad_input),
#line 4454 "chapters/00-intro.nw"
    cmocka_unit_test(test_claim_fmax),
#line 1302 "chapters/00-intro.nw"
  };
  claim_init();
  return cmocka_run_group_tests_name("intro", tests, NULL, NULL);
}
