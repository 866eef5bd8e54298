#line 409 "chapters/06-vae.nw"
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
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <mdl/divergence.h>
#include <mdl/net.h>
#include <mdl/numcheck.h>
#include <mdl/optim.h>
#include <mdl/vae.h>
#include "claims.h"
#line 1934 "chapters/06-vae.nw"
#include <gsl/gsl_eigen.h>
#line 2726 "chapters/06-vae.nw"
#include <stdlib.h>
#line 437 "chapters/06-vae.nw"
#define U (DBL_EPSILON / 2)

static gsl_rng *new_rng(unsigned long seed)
{
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  return r;
}

static void rvec(gsl_rng *r, gsl_vector *v, double a, double b)
{
  for (size_t i = 0; i < v->size; i++)
    gsl_vector_set(v, i, a + (b - a) * gsl_rng_uniform(r));
}

static void rmat(gsl_rng *r, gsl_matrix *m, double a, double b)
{
  for (size_t i = 0; i < m->size1; i++)
    for (size_t j = 0; j < m->size2; j++)
      gsl_matrix_set(m, i, j, a + (b - a) * gsl_rng_uniform(r));
}
#line 1489 "chapters/06-vae.nw"
typedef struct {
  gsl_matrix *C, *Cinv;
  double logdet, kappa;
} fa_dense_t;

static fa_dense_t fa_dense(const gsl_matrix *W, const gsl_vector *psi)
{
  size_t n = W->size1, m = W->size2;
  fa_dense_t d;
  d.C = gsl_matrix_alloc(n, n);
  d.Cinv = gsl_matrix_alloc(n, n);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      double s = i == j ? gsl_vector_get(psi, i) : 0;
      for (size_t l = 0; l < m; l++)
        s += gsl_matrix_get(W, i, l) * gsl_matrix_get(W, j, l);
      gsl_matrix_set(d.C, i, j, s);
    }
  gsl_matrix *LU = gsl_matrix_alloc(n, n);
  gsl_permutation *p = gsl_permutation_alloc(n);
  int sign;
  gsl_matrix_memcpy(LU, d.C);
  gsl_linalg_LU_decomp(LU, p, &sign);
  gsl_linalg_LU_invert(LU, p, d.Cinv);
  d.logdet = gsl_linalg_LU_lndet(LU);
  double n1 = 0, n2 = 0;
  for (size_t j = 0; j < n; j++) {
    double a = 0, b = 0;
    for (size_t i = 0; i < n; i++) {
      a += fabs(gsl_matrix_get(d.C, i, j));
      b += fabs(gsl_matrix_get(d.Cinv, i, j));
    }
    n1 = claim_fmax(n1, a);
    n2 = claim_fmax(n2, b);
  }
  d.kappa = n1 * n2;
  gsl_matrix_free(LU);
  gsl_permutation_free(p);
  return d;
}

static void fa_dense_free(fa_dense_t *d)
{
  gsl_matrix_free(d->C);
  gsl_matrix_free(d->Cinv);
}

static double dense_logpdf(const fa_dense_t *d, const gsl_vector *x,
                           const gsl_vector *mu, double *scale)
{
  size_t n = x->size;
  double q = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      q += (gsl_vector_get(x, i) - gsl_vector_get(mu, i)) *
           gsl_matrix_get(d->Cinv, i, j) *
           (gsl_vector_get(x, j) - gsl_vector_get(mu, j));
  *scale += 0.5 * ((double)n * log(2 * M_PI) + fabs(d->logdet) + fabs(q));
  return -0.5 * ((double)n * log(2 * M_PI) + d->logdet + q);
}

static void fa_random(gsl_rng *r, gsl_matrix *W, gsl_vector *mu,
                      gsl_vector *psi)
{
  rmat(r, W, -1.5, 1.5);
  rvec(r, mu, -1, 1);
  rvec(r, psi, 0.2, 1.2);
}

static double tol_lin(size_t n, double kappa)
{
  return 64 * (double)n * kappa * U;
}
#line 474 "chapters/06-vae.nw"
static void test_diag_normal(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6010001);
  gsl_rng *r = new_rng(seed);
  double worst = 0;
  for (int t = 0; t < 200; t++) {
    size_t m = 1 + (size_t)t % 7;
    gsl_vector *x = gsl_vector_alloc(m), *mu = gsl_vector_alloc(m);
    gsl_vector *lv = gsl_vector_alloc(m);
    rvec(r, mu, -2, 2);
    rvec(r, lv, -3, 3);
    double ref = 0, scale = 0;
    for (size_t j = 0; j < m; j++) {
      double s = exp(0.5 * gsl_vector_get(lv, j));
      double e = gsl_ran_gaussian(r, 2.0);
      gsl_vector_set(x, j, gsl_vector_get(mu, j) + s * e);
      double term = log(gsl_ran_gaussian_pdf(s * e, s));
      ref += term;
      scale += fabs(term) + 1;
    }
    double got = mdl_vae_diag_normal_logpdf(x, mu, lv);
    worst = claim_fmax(worst, fabs(got - ref) / (16 * (double)m * U * scale));
    gsl_vector_free(x);
    gsl_vector_free(mu);
    gsl_vector_free(lv);
  }
  CLAIM(.id = "vae.diag-normal-logpdf", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .samples = 200, .seed = seed,
        .note = "max |logpdf - sum log gsl_ran_gaussian_pdf| over its"
                " tolerance 16 m u sum|terms|, 200 Gaussians");
  enum { N = 20000, M = 4 };
  gsl_vector *mu = gsl_vector_alloc(M), *lv = gsl_vector_alloc(M);
  gsl_vector *eps = gsl_vector_alloc(M), *z = gsl_vector_alloc(M);
  rvec(r, mu, -2, 2);
  rvec(r, lv, -2, 2);
  double s1[M] = {0}, s2[M] = {0}, exact = 0;
  for (int i = 0; i < N; i++) {
    mdl_vae_diag_normal_sample(mu, lv, r, eps, z);
    for (size_t j = 0; j < M; j++) {
      double d = gsl_vector_get(z, j) - gsl_vector_get(mu, j);
      double back = gsl_vector_get(mu, j) +
                    exp(0.5 * gsl_vector_get(lv, j)) * gsl_vector_get(eps, j);
      exact = claim_fmax(exact, fabs(back - gsl_vector_get(z, j)));
      s1[j] += d;
      s2[j] += d * d;
    }
  }
  double zmean = 0, zvar = 0;
  for (size_t j = 0; j < M; j++) {
    double v = exp(gsl_vector_get(lv, j));
    zmean = claim_fmax(zmean, fabs(s1[j] / N) / sqrt(v / N));
    zvar = claim_fmax(zvar, fabs(s2[j] / N - v) / (v * sqrt(2.0 / N)));
  }
  CLAIM(.id = "vae.reparam-moments", .kind = CLAIM_IDENTITY,
        .measured = exact, .reference = 0, .tolerance = 0, .samples = N,
        .seed = seed,
        .note = "max |z - (mu + exp(logvar/2) eps)| for the returned eps");
  CLAIM(.id = "vae.reparam-moments", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = fmax(zmean, zvar),
        .reference = 5, .samples = N, .seed = seed,
        .note = "max over coordinates of |sample mean - mu| and |sample"
                " variance - e^logvar| in standard errors");
  gsl_vector_free(mu);
  gsl_vector_free(lv);
  gsl_vector_free(eps);
  gsl_vector_free(z);
  gsl_rng_free(r);
}
#line 555 "chapters/06-vae.nw"
static double kl_mc_ratio(gsl_rng *r, const gsl_vector *mu1,
                          const gsl_vector *lv1, const gsl_vector *mu2,
                          const gsl_vector *lv2, double closed, size_t N)
{
  size_t m = mu1->size;
  gsl_vector *eps = gsl_vector_alloc(m), *z = gsl_vector_alloc(m);
  gsl_vector *v = gsl_vector_alloc(N);
  for (size_t i = 0; i < N; i++) {
    mdl_vae_diag_normal_sample(mu1, lv1, r, eps, z);
    gsl_vector_set(v, i,
                   mdl_vae_diag_normal_logpdf(z, mu1, lv1) -
                       mdl_vae_diag_normal_logpdf(z, mu2, lv2));
  }
  mdl_numcheck_estimate est;
  mdl_numcheck_mean(v, &est);
  gsl_vector_free(eps);
  gsl_vector_free(z);
  gsl_vector_free(v);
  return fabs(closed - est.mean) / est.se;
}

static void test_kl_mc(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6010002);
  gsl_rng *r = new_rng(seed);
  enum { PAIRS = 20, N = 20000 };
  double worst0 = 0, worst = 0, self = 0;
  for (int t = 0; t < PAIRS; t++) {
    size_t m = 1 + (size_t)t % 6;
    gsl_vector *mu1 = gsl_vector_alloc(m), *lv1 = gsl_vector_alloc(m);
    gsl_vector *mu2 = gsl_vector_alloc(m), *lv2 = gsl_vector_alloc(m);
    rvec(r, mu1, -1.5, 1.5);
    rvec(r, lv1, -1, 1);
    rvec(r, mu2, -1.5, 1.5);
    rvec(r, lv2, -1, 1);
    gsl_vector *zero = gsl_vector_calloc(m);
    worst0 = claim_fmax(worst0, kl_mc_ratio(r, mu1, lv1, zero, zero,
                                      mdl_vae_kl_diag_normal(mu1, lv1), N));
    worst = claim_fmax(worst, kl_mc_ratio(r, mu1, lv1, mu2, lv2,
                                    mdl_vae_kl_diag_normals(mu1, lv1, mu2, lv2),
                                    N));
    self = claim_fmax(self, fabs(mdl_vae_kl_diag_normals(mu1, lv1, mu1, lv1)));
    gsl_vector_free(mu1);
    gsl_vector_free(lv1);
    gsl_vector_free(mu2);
    gsl_vector_free(lv2);
    gsl_vector_free(zero);
  }
  CLAIM(.id = "vae.kl-standard-mc", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst0, .reference = 5,
        .samples = PAIRS * N, .seed = seed,
        .note = "max |KL(q||N(0,I)) - Monte Carlo| in standard errors,"
                " 20 Gaussians, 20000 draws each");
  CLAIM(.id = "vae.kl-pair-mc", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = worst, .reference = 5, .samples = PAIRS * N, .seed = seed,
        .note = "max |KL(q1||q2) - Monte Carlo| in standard errors,"
                " 20 pairs, 20000 draws each");
  CLAIM(.id = "vae.kl-self-zero", .kind = CLAIM_IDENTITY, .measured = self,
        .reference = 0, .tolerance = 0, .samples = PAIRS, .seed = seed,
        .note = "max |KL(q||q)| over 20 Gaussians, exactly 0");
  gsl_rng_free(r);
}
#line 625 "chapters/06-vae.nw"
static double log_normal_1d(double x, void *params)
{
  const double *p = params;
  double d = x - p[0];
  return -0.5 * (M_LN2 + M_LNPI + p[1] + d * d * exp(-p[1]));
}

static void test_kl_quadrature(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6010003);
  gsl_rng *r = new_rng(seed);
  double worst = 0;
  for (int t = 0; t < 20; t++) {
    double p1[2], p2[2];
    p1[0] = -2 + 4 * gsl_rng_uniform(r);
    p1[1] = -1.5 + 3 * gsl_rng_uniform(r);
    p2[0] = -2 + 4 * gsl_rng_uniform(r);
    p2[1] = -1.5 + 3 * gsl_rng_uniform(r);
    gsl_vector_view m1 = gsl_vector_view_array(p1, 1);
    gsl_vector_view l1 = gsl_vector_view_array(p1 + 1, 1);
    gsl_vector_view m2 = gsl_vector_view_array(p2, 1);
    gsl_vector_view l2 = gsl_vector_view_array(p2 + 1, 1);
    double closed = mdl_vae_kl_diag_normals(&m1.vector, &l1.vector,
                                            &m2.vector, &l2.vector);
    mdl_density q1 = {log_normal_1d, p1}, q2 = {log_normal_1d, p2};
    double s = exp(0.5 * p1[1]), value, abserr;
    mdl_kl_density(&q1, &q2, p1[0] - 40 * s, p1[0] + 40 * s, &value, &abserr);
    worst = claim_fmax(worst, fabs(closed - value) / (10 * abserr + 1e-12));
  }
  CLAIM(.id = "vae.kl-discretised", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .samples = 20, .seed = seed,
        .note = "max |closed-form KL - mdl_kl_density| over its tolerance"
                " 10 abserr + 1e-12, 20 pairs on the line");
  gsl_rng_free(r);
}
#line 1573 "chapters/06-vae.nw"
static void fa_sample(gsl_rng *r, const gsl_matrix *W, const gsl_vector *mu,
                      const gsl_vector *psi, gsl_matrix *X)
{
  size_t n = W->size1, m = W->size2;
  for (size_t k = 0; k < X->size1; k++) {
    double z[16];
    for (size_t l = 0; l < m; l++)
      z[l] = gsl_ran_gaussian(r, 1.0);
    for (size_t i = 0; i < n; i++) {
      double x = gsl_vector_get(mu, i) +
                 gsl_ran_gaussian(r, sqrt(gsl_vector_get(psi, i)));
      for (size_t l = 0; l < m; l++)
        x += gsl_matrix_get(W, i, l) * z[l];
      gsl_matrix_set(X, k, i, x);
    }
  }
}

typedef struct {
  const gsl_vector *x, *mu, *psi;
  const gsl_matrix *W;
  double shift;
  int power;
} joint_1d;

static double joint_integrand(double z, void *params)
{
  const joint_1d *j = params;
  double s = -0.5 * (M_LN2 + M_LNPI + z * z);
  for (size_t i = 0; i < j->x->size; i++) {
    double d = gsl_vector_get(j->x, i) - gsl_vector_get(j->mu, i) -
               gsl_matrix_get(j->W, i, 0) * z;
    double p = gsl_vector_get(j->psi, i);
    s -= 0.5 * (M_LN2 + M_LNPI + log(p) + d * d / p);
  }
  return pow(z, j->power) * exp(s - j->shift);
}

static double joint_integral(joint_1d *j, int power, double *abserr)
{
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
  gsl_function F = {joint_integrand, j};
  double value;
  j->power = power;
  gsl_integration_qagi(&F, 0, 1e-12, 1000, w, &value, abserr);
  gsl_integration_workspace_free(w);
  return value;
}

static void test_fa_marginal(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6020001);
  gsl_rng *r = new_rng(seed);
  double worst = 0, worst_rot = 0, worst_quad = 0;
  for (int t = 0; t < 100; t++) {
    size_t n = 2 + (size_t)t % 7, m = 1 + (size_t)t % 3, N = 7;
    if (m >= n)
      m = n - 1;
    gsl_matrix *W = gsl_matrix_alloc(n, m), *X = gsl_matrix_alloc(N, n);
    gsl_vector *mu = gsl_vector_alloc(n), *psi = gsl_vector_alloc(n);
    fa_random(r, W, mu, psi);
    fa_sample(r, W, mu, psi, X);
    fa_dense_t d = fa_dense(W, psi);
    double ref = 0, scale = 0, got;
    for (size_t k = 0; k < N; k++) {
      gsl_vector_view x = gsl_matrix_row(X, k);
      ref += dense_logpdf(&d, &x.vector, mu, &scale);
    }
    mdl_vae_fa_loglik(X, W, mu, psi, &got);
    double tol = tol_lin(n, d.kappa) * scale;
    worst = claim_fmax(worst, fabs(got - ref) / tol);
    gsl_matrix *A = gsl_matrix_alloc(m, m), *Q = gsl_matrix_alloc(m, m);
    gsl_matrix *R = gsl_matrix_alloc(m, m), *WQ = gsl_matrix_alloc(n, m);
    gsl_vector *tau = gsl_vector_alloc(m);
    for (size_t i = 0; i < m; i++)
      for (size_t j = 0; j < m; j++)
        gsl_matrix_set(A, i, j, gsl_ran_gaussian(r, 1.0));
    gsl_linalg_QR_decomp(A, tau);
    gsl_linalg_QR_unpack(A, tau, Q, R);
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, W, Q, 0.0, WQ);
    double rot;
    mdl_vae_fa_loglik(X, WQ, mu, psi, &rot);
    worst_rot = claim_fmax(worst_rot, fabs(rot - got) / (2 * tol));
    if (m == 1) {
      gsl_vector_view x = gsl_matrix_row(X, 0);
      gsl_matrix_view X0 = gsl_matrix_submatrix(X, 0, 0, 1, n);
      double one, e0;
      mdl_vae_fa_loglik(&X0.matrix, W, mu, psi, &one);
      joint_1d j = {&x.vector, mu, psi, W, one, 0};
      double I0 = joint_integral(&j, 0, &e0);
      worst_quad = claim_fmax(worst_quad, fabs(log(I0)) / (10 * e0 / I0 + 1e-10));
    }
    fa_dense_free(&d);
    gsl_matrix_free(W);
    gsl_matrix_free(X);
    gsl_vector_free(mu);
    gsl_vector_free(psi);
    gsl_matrix_free(A);
    gsl_matrix_free(Q);
    gsl_matrix_free(R);
    gsl_matrix_free(WQ);
    gsl_vector_free(tau);
  }
  CLAIM(.id = "vae.fa-marginal", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .samples = 100, .seed = seed,
        .note = "max |mdl_vae_fa_loglik - dense Gaussian log density| over its"
                " tolerance 64 n kappa u sum|terms|, 100 models");
  CLAIM(.id = "vae.fa-marginal", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst_quad, .reference = 1,
        .samples = 100, .seed = seed,
        .note = "max |log p(x) - log of the quadrature of p(x|z)p(z)| over"
                " 10 relerr + 1e-10, m = 1");
  CLAIM(.id = "vae.fa-rotation", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst_rot, .reference = 1,
        .samples = 100, .seed = seed,
        .note = "max |loglik(WQ) - loglik(W)| over its tolerance, random"
                " orthogonal Q, 100 models");
  gsl_rng_free(r);
}
#line 1706 "chapters/06-vae.nw"
static void test_fa_posterior(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6020002);
  gsl_rng *r = new_rng(seed);
  double worst = 0, worst_bayes = 0;
  for (int t = 0; t < 100; t++) {
    size_t n = 2 + (size_t)t % 7, m = 1 + (size_t)t % 4;
    if (m >= n)
      m = n - 1;
    gsl_matrix *W = gsl_matrix_alloc(n, m), *X = gsl_matrix_alloc(1, n);
    gsl_vector *mu = gsl_vector_alloc(n), *psi = gsl_vector_alloc(n);
    gsl_vector *mean = gsl_vector_alloc(m);
    gsl_matrix *cov = gsl_matrix_alloc(m, m);
    fa_random(r, W, mu, psi);
    fa_sample(r, W, mu, psi, X);
    gsl_vector_view x = gsl_matrix_row(X, 0);
    mdl_vae_fa_posterior(&x.vector, W, mu, psi, mean, cov);
    fa_dense_t d = fa_dense(W, psi);
    double tol = tol_lin(n, d.kappa);
    for (size_t j = 0; j < m; j++) {
      double ref = 0, scale = 0;
      for (size_t i = 0; i < n; i++) {
        double ci = 0;
        for (size_t l = 0; l < n; l++)
          ci += gsl_matrix_get(d.Cinv, i, l) *
                (gsl_vector_get(&x.vector, l) - gsl_vector_get(mu, l));
        ref += gsl_matrix_get(W, i, j) * ci;
        scale += fabs(gsl_matrix_get(W, i, j) * ci);
      }
      worst = claim_fmax(worst, fabs(gsl_vector_get(mean, j) - ref) / (tol * scale));
      for (size_t k = 0; k < m; k++) {
        double c = j == k ? 1 : 0, cs = 1;
        for (size_t i = 0; i < n; i++)
          for (size_t l = 0; l < n; l++) {
            double p = gsl_matrix_get(W, i, j) * gsl_matrix_get(d.Cinv, i, l) *
                       gsl_matrix_get(W, l, k);
            c -= p;
            cs += fabs(p);
          }
        worst = claim_fmax(worst, fabs(gsl_matrix_get(cov, j, k) - c) / (tol * cs));
      }
    }
    if (m == 1) {
      double lp, e0, e1, e2;
      mdl_vae_fa_loglik(X, W, mu, psi, &lp);
      joint_1d jj = {&x.vector, mu, psi, W, lp, 0};
      double I0 = joint_integral(&jj, 0, &e0);
      double I1 = joint_integral(&jj, 1, &e1);
      double I2 = joint_integral(&jj, 2, &e2);
      double bm = I1 / I0, bv = I2 / I0 - bm * bm;
      double tq = 10 * (e0 + e1 + e2) * (1 + fabs(bm)) / I0 + 1e-10;
      worst_bayes = fmax(worst_bayes,
                         fmax(fabs(bm - gsl_vector_get(mean, 0)),
                              fabs(bv - gsl_matrix_get(cov, 0, 0))) / tq);
    }
    fa_dense_free(&d);
    gsl_matrix_free(W);
    gsl_matrix_free(X);
    gsl_vector_free(mu);
    gsl_vector_free(psi);
    gsl_vector_free(mean);
    gsl_matrix_free(cov);
  }
  CLAIM(.id = "vae.fa-posterior", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .samples = 100, .seed = seed,
        .note = "max |Woodbury posterior - W^T C^-1 forms| (mean and"
                " covariance entries) over their tolerances, 100 models");
  CLAIM(.id = "vae.fa-posterior-bayes", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst_bayes, .reference = 1,
        .samples = 100, .seed = seed,
        .note = "max |posterior mean, variance - Bayes' rule by quadrature|"
                " over 10 (quadrature errors) + 1e-10, m = 1");
  gsl_rng_free(r);
}
#line 1793 "chapters/06-vae.nw"
static double ppca_loglik(const gsl_matrix *X, const gsl_matrix *W,
                          const gsl_vector *mu, double s2)
{
  gsl_vector *psi = gsl_vector_alloc(W->size1);
  gsl_vector_set_all(psi, s2);
  double L;
  mdl_vae_fa_loglik(X, W, mu, psi, &L);
  gsl_vector_free(psi);
  return L;
}

static double ppca_tol(const gsl_matrix *X, const gsl_matrix *W,
                       const gsl_vector *mu, double s2)
{
  gsl_vector *psi = gsl_vector_alloc(W->size1);
  gsl_vector_set_all(psi, s2);
  fa_dense_t d = fa_dense(W, psi);
  double scale = 0;
  for (size_t k = 0; k < X->size1; k++) {
    gsl_vector_const_view x = gsl_matrix_const_row(X, k);
    dense_logpdf(&d, &x.vector, mu, &scale);
  }
  double tol = tol_lin(W->size1, d.kappa) * scale;
  fa_dense_free(&d);
  gsl_vector_free(psi);
  return tol;
}

static void ppca_data(gsl_rng *r, gsl_matrix *X)
{
  size_t n = X->size2;
  gsl_matrix *W = gsl_matrix_alloc(n, 2);
  gsl_vector *mu = gsl_vector_alloc(n), *psi = gsl_vector_alloc(n);
  rmat(r, W, -1.5, 1.5);
  for (size_t i = 0; i < n; i++)
    *gsl_matrix_ptr(W, i, 0) *= 1.5;
  rvec(r, mu, -1, 1);
  gsl_vector_set_all(psi, 0.3);
  fa_sample(r, W, mu, psi, X);
  gsl_matrix_free(W);
  gsl_vector_free(mu);
  gsl_vector_free(psi);
}

static double worst_ascent(gsl_rng *r, const gsl_matrix *X,
                           const gsl_matrix *W, const gsl_vector *mu,
                           double s2, double L, double tol)
{
  size_t n = W->size1, m = W->size2;
  gsl_matrix *D = gsl_matrix_alloc(n, m), *Wp = gsl_matrix_alloc(n, m);
  double worst = -HUGE_VAL;
  for (int t = 0; t < 300; t++) {
    double nd = 0, nw = 0;
    for (size_t i = 0; i < n; i++)
      for (size_t j = 0; j < m; j++) {
        double g = gsl_ran_gaussian(r, 1.0);
        gsl_matrix_set(D, i, j, g);
        nd += g * g;
        nw += gsl_matrix_get(W, i, j) * gsl_matrix_get(W, i, j);
      }
    gsl_matrix_scale(D, sqrt(nw / nd));
    double ds = gsl_ran_gaussian(r, 1.0);
    for (double eps = 1e-6; eps < 0.2; eps *= 10) {
      gsl_matrix_memcpy(Wp, D);
      gsl_matrix_scale(Wp, eps);
      gsl_matrix_add(Wp, W);
      double Lp = ppca_loglik(X, Wp, mu, s2 * exp(eps * ds));
      worst = claim_fmax(worst, (Lp - L) / (2 * tol));
    }
  }
  gsl_matrix_free(D);
  gsl_matrix_free(Wp);
  return worst;
}

static void test_ppca_maximum(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6020003);
  gsl_rng *r = new_rng(seed);
  enum { N = 200, n = 5, m = 2 };
  gsl_matrix *X = gsl_matrix_alloc(N, n), *W = gsl_matrix_alloc(n, m);
  gsl_vector *mu = gsl_vector_alloc(n);
  double s2;
  ppca_data(r, X);
  mdl_vae_ppca_mle(X, m, W, mu, &s2);
  double L = ppca_loglik(X, W, mu, s2), tol = ppca_tol(X, W, mu, s2);
  double worst = worst_ascent(r, X, W, mu, s2, L, tol);
  CLAIM(.id = "vae.ppca-mle-maximum", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .samples = 1800, .seed = seed,
        .note = "max (loglik(perturbed) - loglik(closed form)) over twice"
                " its rounding tolerance, 300 directions x 6 steps");
  gsl_matrix *S = gsl_matrix_alloc(n, n), *Uv = gsl_matrix_alloc(n, n);
  gsl_vector *lam = gsl_vector_alloc(n);
  gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc(n);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      double s = 0;
      for (size_t k = 0; k < N; k++)
        s += (gsl_matrix_get(X, k, i) - gsl_vector_get(mu, i)) *
             (gsl_matrix_get(X, k, j) - gsl_vector_get(mu, j));
      gsl_matrix_set(S, i, j, s / N);
    }
  gsl_matrix *Sk = gsl_matrix_alloc(n, n);
  gsl_matrix_memcpy(Sk, S);
  gsl_eigen_symmv(Sk, lam, Uv, ws);
  gsl_matrix_free(Sk);
  gsl_eigen_symmv_sort(lam, Uv, GSL_EIGEN_SORT_VAL_DESC);
  double wrong = 0;
  for (size_t j = 1; j < n; j++)
    wrong += gsl_vector_get(lam, j) / (n - 1);
  gsl_matrix *Ww = gsl_matrix_alloc(n, m);
  for (size_t j = 0; j < m; j++)
    for (size_t i = 0; i < n; i++)
      gsl_matrix_set(Ww, i, j,
                     gsl_matrix_get(Uv, i, j) *
                         sqrt(gsl_vector_get(lam, j) - wrong));
  double Lw = ppca_loglik(X, Ww, mu, wrong);
  double probe = worst_ascent(r, X, Ww, mu, wrong, Lw,
                              ppca_tol(X, Ww, mu, wrong));
  CLAIM(.id = "vae.ppca-mle-maximum", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = probe, .reference = 1,
        .samples = 1800, .seed = seed,
        .note = "hypothesis probe: sigma^2 = mean of all eigenvalues but the"
                " first; max ascent over its tolerance must exceed 1");
#line 2071 "chapters/06-vae.nw"
  double drop = -HUGE_VAL, above = -HUGE_VAL, below = 0;
  for (int start = 0; start < 3; start++) {
    gsl_matrix *We = gsl_matrix_alloc(n, m);
    gsl_vector *me = gsl_vector_alloc(n), *pe = gsl_vector_alloc(n);
    rmat(r, We, -1, 1);
    gsl_vector_set_all(pe, 0.5 + gsl_rng_uniform(r));
    double prev = -HUGE_VAL;
    for (int t = 0; t < 500; t++) {
      mdl_vae_fa_em(X, 1, 1, We, me, pe);
      double Lt = ppca_loglik(X, We, me, gsl_vector_get(pe, 0));
      if (t > 0)
        drop = claim_fmax(drop, (prev - Lt) / tol);
      prev = Lt;
    }
    above = claim_fmax(above, (prev - L) / tol);
    below = claim_fmax(below, (L - prev) / fabs(L));
    gsl_matrix_free(We);
    gsl_vector_free(me);
    gsl_vector_free(pe);
  }
  {
    gsl_matrix *Wf = gsl_matrix_alloc(n, m), *Xf = gsl_matrix_alloc(N, n);
    gsl_vector *mf = gsl_vector_alloc(n), *pf = gsl_vector_alloc(n);
    fa_random(r, Wf, mf, pf);
    fa_sample(r, Wf, mf, pf, Xf);
    rmat(r, Wf, -1, 1);
    gsl_vector_set_all(pf, 1);
    double prev = -HUGE_VAL;
    for (int t = 0; t < 200; t++) {
      mdl_vae_fa_em(Xf, 1, 0, Wf, mf, pf);
      double Lt;
      mdl_vae_fa_loglik(Xf, Wf, mf, pf, &Lt);
      if (t > 0)
        drop = claim_fmax(drop, (prev - Lt) / tol);
      prev = Lt;
    }
    gsl_matrix_free(Wf);
    gsl_matrix_free(Xf);
    gsl_vector_free(mf);
    gsl_vector_free(pf);
  }
  {
    double ga_above = -HUGE_VAL, ga_below = 0;
    for (int start = 0; start < 3; start++) {
      gsl_vector *th = gsl_vector_alloc(n * m + 1), *g = gsl_vector_alloc(n * m + 1);
      rvec(r, th, -1, 1);
      gsl_vector_set(th, n * m, 0);
      mdl_optim_params op = mdl_optim_defaults(mdl_optim_adam);
      op.lr = 0.02;
      mdl_optim *opt = mdl_optim_alloc(mdl_optim_adam, n * m + 1, &op);
      gsl_matrix_view Wg = gsl_matrix_view_vector(th, n, m);
      gsl_matrix_view Gw = gsl_matrix_view_vector(g, n, m);
      gsl_matrix *A = gsl_matrix_alloc(n, m), *B = gsl_matrix_alloc(n, m);
      gsl_matrix *SC = gsl_matrix_alloc(n, n), *CSC = gsl_matrix_alloc(n, n);
      gsl_vector *psi = gsl_vector_alloc(n);
      for (int t = 0; t < 6000; t++) {
        if (t == 3000)
          mdl_optim_set_lr(opt, 0.002);
        double s2g = exp(gsl_vector_get(th, n * m));
        gsl_vector_set_all(psi, s2g);
        fa_dense_t d = fa_dense(&Wg.matrix, psi);
        gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, S, d.Cinv, 0.0, SC);
        gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, d.Cinv, SC, 0.0, CSC);
        gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, CSC, &Wg.matrix, 0.0, A);
        gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, d.Cinv, &Wg.matrix, 0.0, B);
        gsl_matrix_sub(A, B);
        gsl_matrix_memcpy(&Gw.matrix, A);
        gsl_matrix_scale(&Gw.matrix, -1.0);
        double tr = 0;
        for (size_t i = 0; i < n; i++)
          tr += gsl_matrix_get(CSC, i, i) - gsl_matrix_get(d.Cinv, i, i);
        gsl_vector_set(g, n * m, -0.5 * s2g * tr);
        fa_dense_free(&d);
        mdl_optim_step(opt, th, g);
      }
      double Lg = ppca_loglik(X, &Wg.matrix, mu, exp(gsl_vector_get(th, n * m)));
      ga_above = claim_fmax(ga_above, (Lg - L) / tol);
      ga_below = claim_fmax(ga_below, (L - Lg) / fabs(L));
      mdl_optim_free(opt);
      gsl_vector_free(th);
      gsl_vector_free(g);
      gsl_vector_free(psi);
      gsl_matrix_free(A);
      gsl_matrix_free(B);
      gsl_matrix_free(SC);
      gsl_matrix_free(CSC);
    }
    CLAIM(.id = "vae.ppca-mle-maximum", .kind = CLAIM_BOUND,
          .relation = CLAIM_AT_MOST, .measured = ga_above, .reference = 1,
          .samples = 3, .seed = seed,
          .note = "max (gradient-ascent loglik - closed form) over the"
                  " rounding tolerance, 3 random starts, Adam, 6000 steps");
    CLAIM(.id = "vae.ppca-mle-maximum", .kind = CLAIM_EXPERIMENT,
          .relation = CLAIM_AT_MOST, .measured = ga_below, .reference = 1e-6,
          .samples = 3, .seed = seed,
          .note = "max (closed form - gradient-ascent loglik) / |loglik|,"
                  " 3 random starts, Adam, 6000 steps");
  }
  CLAIM(.id = "vae.ppca-em", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = drop, .reference = 1, .samples = 1700, .seed = seed,
        .note = "max decrease of the log-likelihood over one EM step, over"
                " its rounding tolerance (PPCA and FA)");
  CLAIM(.id = "vae.ppca-em", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = above, .reference = 1, .samples = 3, .seed = seed,
        .note = "max (EM loglik - closed-form loglik) over the rounding"
                " tolerance, 3 random starts, 500 steps");
  CLAIM(.id = "vae.ppca-em", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = below, .reference = 1e-6,
        .samples = 3, .seed = seed,
        .note = "max (closed form - EM) / |loglik| after 500 EM steps,"
                " 3 random starts");
#line 1920 "chapters/06-vae.nw"
#line 2187 "chapters/06-vae.nw"
  double dev = 0;
  {
    gsl_vector_view x = gsl_matrix_row(X, 0);
    gsl_vector *c = gsl_vector_alloc(n), *pm = gsl_vector_alloc(m);
    gsl_vector *psi = gsl_vector_alloc(n);
    gsl_matrix *cov = gsl_matrix_alloc(m, m), *Wl = gsl_matrix_alloc(n, m);
    gsl_vector_memcpy(c, &x.vector);
    gsl_vector_sub(c, mu);
    for (double s = 1e-1; s > 5e-7; s /= 10) {
      for (size_t j = 0; j < m; j++)
        for (size_t i = 0; i < n; i++)
          gsl_matrix_set(Wl, i, j,
                         gsl_matrix_get(Uv, i, j) *
                             sqrt(gsl_vector_get(lam, j) - s));
      gsl_vector_set_all(psi, s);
      mdl_vae_fa_posterior(&x.vector, Wl, mu, psi, pm, cov);
      double num = 0, den = 0;
      for (size_t i = 0; i < n; i++) {
        double wz = 0, proj = 0;
        for (size_t j = 0; j < m; j++) {
          double uc = 0;
          for (size_t l = 0; l < n; l++)
            uc += gsl_matrix_get(Uv, l, j) * gsl_vector_get(c, l);
          wz += gsl_matrix_get(Wl, i, j) * gsl_vector_get(pm, j);
          proj += gsl_matrix_get(Uv, i, j) * uc;
          if (i == 0)
            den += pow(uc / gsl_vector_get(lam, j), 2);
        }
        num += (wz - proj) * (wz - proj);
      }
      dev = claim_fmax(dev, fabs(sqrt(num) / (s * sqrt(den)) - 1));
    }
    gsl_vector_free(c);
    gsl_vector_free(pm);
    gsl_vector_free(psi);
    gsl_matrix_free(cov);
    gsl_matrix_free(Wl);
  }
  CLAIM(.id = "vae.ppca-pca-limit", .kind = CLAIM_IDENTITY, .measured = dev,
        .reference = 0, .tolerance = 1e-6, .samples = 6, .seed = seed,
        .note = "max |distance(W E[z|x], PCA projection) / (sigma^2"
                " |Lambda^-1 U^T (x - mean)|) - 1|, sigma^2 = 1e-1..1e-6");
#line 1921 "chapters/06-vae.nw"
  gsl_matrix_free(X);
  gsl_matrix_free(W);
  gsl_vector_free(mu);
  gsl_matrix_free(S);
  gsl_matrix_free(Uv);
  gsl_matrix_free(Ww);
  gsl_vector_free(lam);
  gsl_eigen_symmv_free(ws);
  gsl_rng_free(r);
}
#line 1941 "chapters/06-vae.nw"
static double em_dense(const gsl_matrix *X, gsl_matrix *W, gsl_vector *psi,
                       int iso, double *scale)
{
  size_t N = X->size1, n = W->size1, m = W->size2;
  gsl_matrix *S = gsl_matrix_calloc(n, n), *beta = gsl_matrix_alloc(m, n);
  gsl_matrix *E = gsl_matrix_alloc(m, m), *BS = gsl_matrix_alloc(m, n);
  gsl_matrix *Ei = gsl_matrix_alloc(m, m), *Wn = gsl_matrix_alloc(n, m);
  gsl_permutation *p = gsl_permutation_alloc(m);
  double xb[16] = {0};
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < n; j++)
      xb[j] += gsl_matrix_get(X, i, j) / (double)N;
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < n; j++)
      for (size_t k = 0; k < n; k++)
        *gsl_matrix_ptr(S, j, k) += (gsl_matrix_get(X, i, j) - xb[j]) *
                                    (gsl_matrix_get(X, i, k) - xb[k]) /
                                    (double)N;
  fa_dense_t d = fa_dense(W, psi);
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, W, d.Cinv, 0.0, beta);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, beta, S, 0.0, BS);
  gsl_matrix_set_identity(E);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, -1.0, beta, W, 1.0, E);
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, BS, beta, 1.0, E);
  int sign;
  double n1 = 0, n2 = 0;
  gsl_matrix *LU = gsl_matrix_alloc(m, m);
  gsl_matrix_memcpy(LU, E);
  gsl_linalg_LU_decomp(LU, p, &sign);
  gsl_linalg_LU_invert(LU, p, Ei);
  for (size_t j = 0; j < m; j++) {
    double a = 0, b = 0;
    for (size_t i = 0; i < m; i++) {
      a += fabs(gsl_matrix_get(E, i, j));
      b += fabs(gsl_matrix_get(Ei, i, j));
    }
    n1 = claim_fmax(n1, a);
    n2 = claim_fmax(n2, b);
  }
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, BS, Ei, 0.0, Wn);
  double mean = 0, big = 0;
  for (size_t i = 0; i < n; i++) {
    double t = gsl_matrix_get(S, i, i);
    for (size_t j = 0; j < m; j++)
      t -= gsl_matrix_get(Wn, i, j) * gsl_matrix_get(BS, j, i);
    gsl_vector_set(psi, i, t);
    mean += t / (double)n;
    for (size_t k = 0; k < n; k++)
      big = claim_fmax(big, fabs(gsl_matrix_get(S, i, k)));
  }
  if (iso)
    gsl_vector_set_all(psi, mean);
  gsl_matrix_memcpy(W, Wn);
  double wmax = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < m; j++)
      wmax = claim_fmax(wmax, fabs(gsl_matrix_get(Wn, i, j)));
  *scale = 64 * (double)n * (d.kappa + n1 * n2) * U * big * (1 + wmax) *
           (1 + wmax);
  fa_dense_free(&d);
  gsl_matrix_free(S);
  gsl_matrix_free(beta);
  gsl_matrix_free(E);
  gsl_matrix_free(BS);
  gsl_matrix_free(Ei);
  gsl_matrix_free(Wn);
  gsl_matrix_free(LU);
  gsl_permutation_free(p);
  return 0;
}

static void test_fa_em_step(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6020004);
  gsl_rng *r = new_rng(seed);
  double worst = 0;
  for (int t = 0; t < 50; t++) {
    size_t n = 3 + (size_t)t % 5, m = 1 + (size_t)t % 2, N = 40;
    int iso = t % 2;
    gsl_matrix *W = gsl_matrix_alloc(n, m), *X = gsl_matrix_alloc(N, n);
    gsl_matrix *W2 = gsl_matrix_alloc(n, m);
    gsl_vector *mu = gsl_vector_alloc(n), *psi = gsl_vector_alloc(n);
    gsl_vector *psi2 = gsl_vector_alloc(n);
    fa_random(r, W, mu, psi);
    fa_sample(r, W, mu, psi, X);
    rmat(r, W, -1, 1);
    if (iso)
      gsl_vector_set_all(psi, 0.3 + gsl_rng_uniform(r));
    gsl_matrix_memcpy(W2, W);
    gsl_vector_memcpy(psi2, psi);
    mdl_vae_fa_em(X, 1, iso, W, mu, psi);
    double scale;
    em_dense(X, W2, psi2, iso, &scale);
    for (size_t i = 0; i < n; i++) {
      worst = claim_fmax(worst, fabs(gsl_vector_get(psi, i) -
                               gsl_vector_get(psi2, i)) / scale);
      for (size_t j = 0; j < m; j++)
        worst = claim_fmax(worst, fabs(gsl_matrix_get(W, i, j) -
                                 gsl_matrix_get(W2, i, j)) / scale);
    }
    gsl_matrix_free(W);
    gsl_matrix_free(W2);
    gsl_matrix_free(X);
    gsl_vector_free(mu);
    gsl_vector_free(psi);
    gsl_vector_free(psi2);
  }
  CLAIM(.id = "vae.fa-em-step", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .samples = 50, .seed = seed,
        .note = "max |one EM step of the library - the dense update| (W"
                " and psi entries) over its tolerance, FA and PPCA");
  gsl_rng_free(r);
}
#line 2435 "chapters/06-vae.nw"
static double kl_to_posterior(const gsl_vector *b, const gsl_vector *lv,
                              const gsl_vector *a, const gsl_matrix *Sig,
                              double *scale, double *kappa)
{
  size_t m = b->size;
  gsl_matrix *LU = gsl_matrix_alloc(m, m), *Si = gsl_matrix_alloc(m, m);
  gsl_permutation *p = gsl_permutation_alloc(m);
  int sign;
  gsl_matrix_memcpy(LU, Sig);
  gsl_linalg_LU_decomp(LU, p, &sign);
  gsl_linalg_LU_invert(LU, p, Si);
  double ld = gsl_linalg_LU_lndet(LU), tr = 0, quad = 0, slv = 0;
  double n1 = 0, n2 = 0;
  for (size_t i = 0; i < m; i++) {
    tr += gsl_matrix_get(Si, i, i) * exp(gsl_vector_get(lv, i));
    slv += gsl_vector_get(lv, i);
    double c1 = 0, c2 = 0;
    for (size_t j = 0; j < m; j++) {
      quad += (gsl_vector_get(a, i) - gsl_vector_get(b, i)) *
              gsl_matrix_get(Si, i, j) *
              (gsl_vector_get(a, j) - gsl_vector_get(b, j));
      c1 += fabs(gsl_matrix_get(Sig, j, i));
      c2 += fabs(gsl_matrix_get(Si, j, i));
    }
    n1 = claim_fmax(n1, c1);
    n2 = claim_fmax(n2, c2);
  }
  *kappa += n1 * n2;
  *scale += 0.5 * (fabs(tr) + fabs(quad) + (double)m + fabs(ld) + fabs(slv));
  gsl_matrix_free(LU);
  gsl_matrix_free(Si);
  gsl_permutation_free(p);
  return 0.5 * (tr + quad - (double)m + ld - slv);
}

static void dense_posterior(const fa_dense_t *d, const gsl_matrix *W,
                            const gsl_vector *x, const gsl_vector *mu,
                            gsl_vector *a, gsl_matrix *Sig)
{
  size_t n = W->size1, m = W->size2;
  for (size_t j = 0; j < m; j++) {
    double s = 0;
    for (size_t i = 0; i < n; i++)
      for (size_t l = 0; l < n; l++)
        s += gsl_matrix_get(W, i, j) * gsl_matrix_get(d->Cinv, i, l) *
             (gsl_vector_get(x, l) - gsl_vector_get(mu, l));
    gsl_vector_set(a, j, s);
    for (size_t k = 0; k < m; k++) {
      double c = j == k ? 1 : 0;
      for (size_t i = 0; i < n; i++)
        for (size_t l = 0; l < n; l++)
          c -= gsl_matrix_get(W, i, j) * gsl_matrix_get(d->Cinv, i, l) *
               gsl_matrix_get(W, l, k);
      gsl_matrix_set(Sig, j, k, c);
    }
  }
}

static void test_elbo_linear(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6030001);
  gsl_rng *r = new_rng(seed);
  double worst = 0, tight = 0, gap = HUGE_VAL;
  for (int t = 0; t < 200; t++) {
    size_t n = 2 + (size_t)t % 7, m = t % 2 ? 1 : 1 + (size_t)t % 4;
    if (m >= n)
      m = n - 1;
    gsl_matrix *W = gsl_matrix_alloc(n, m), *X = gsl_matrix_alloc(1, n);
    gsl_vector *mu = gsl_vector_alloc(n), *psi = gsl_vector_alloc(n);
    gsl_vector *b = gsl_vector_alloc(m), *lv = gsl_vector_alloc(m);
    gsl_vector *a = gsl_vector_alloc(m);
    gsl_matrix *Sig = gsl_matrix_alloc(m, m);
    fa_random(r, W, mu, psi);
    fa_sample(r, W, mu, psi, X);
    gsl_vector_view x = gsl_matrix_row(X, 0);
    rvec(r, b, -1, 1);
    rvec(r, lv, -2, 0.5);
    fa_dense_t d = fa_dense(W, psi);
    dense_posterior(&d, W, &x.vector, mu, a, Sig);
    double lp, elbo, scale = 0, kappa = d.kappa;
    mdl_vae_fa_loglik(X, W, mu, psi, &lp);
    mdl_vae_fa_elbo(&x.vector, W, mu, psi, b, lv, &elbo);
    double kl = kl_to_posterior(b, lv, a, Sig, &scale, &kappa);
    scale += fabs(lp) + fabs(elbo) + kl;
    double tol = tol_lin(n, kappa) * scale;
    worst = claim_fmax(worst, fabs(lp - elbo - kl) / tol);
    gap = fmin(gap, (lp - elbo) / tol);
    if (m == 1) {
      gsl_vector_set(lv, 0, log(gsl_matrix_get(Sig, 0, 0)));
      mdl_vae_fa_elbo(&x.vector, W, mu, psi, a, lv, &elbo);
      tight = claim_fmax(tight, fabs(lp - elbo) / tol);
    }
    fa_dense_free(&d);
    gsl_matrix_free(W);
    gsl_matrix_free(X);
    gsl_vector_free(mu);
    gsl_vector_free(psi);
    gsl_vector_free(b);
    gsl_vector_free(lv);
    gsl_vector_free(a);
    gsl_matrix_free(Sig);
  }
  CLAIM(.id = "vae.elbo-identity", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .samples = 200, .seed = seed,
        .note = "max |log p(x) - ELBO - KL(q||posterior)| over its tolerance"
                " 64 n kappa u sum|terms|, 200 linear models");
  CLAIM(.id = "vae.elbo-tight", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = tight, .reference = 1,
        .samples = 100, .seed = seed,
        .note = "max |log p(x) - ELBO(posterior)| over its tolerance, m = 1");
  CLAIM(.id = "vae.elbo-tight", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = gap, .reference = 1,
        .samples = 200, .seed = seed,
        .note = "min (log p(x) - ELBO(q)) over its tolerance for random q:"
                " the gap is positive");
  gsl_rng_free(r);
}
#line 2564 "chapters/06-vae.nw"
typedef struct {
  double x, tau, mq, lvq, logpx;
} nl_model;

static double nl_logjoint(double z, const nl_model *p)
{
  double g = 2 * tanh(1.5 * z) + 0.3 * z, d = p->x - g;
  return -0.5 * (2 * (M_LN2 + M_LNPI) + z * z + 2 * log(p->tau) +
                 d * d / (p->tau * p->tau));
}

static double nl_logq(double z, const nl_model *p)
{
  double d = z - p->mq;
  return -0.5 * (M_LN2 + M_LNPI + p->lvq + d * d * exp(-p->lvq));
}

static double nl_joint(double z, void *params)
{
  return exp(nl_logjoint(z, params));
}

static double nl_elbo_integrand(double z, void *params)
{
  const nl_model *p = params;
  double lq = nl_logq(z, p);
  double w = exp(lq);
  return w == 0 ? 0 : w * (nl_logjoint(z, p) - lq);
}

static double nl_logpost(double z, void *params)
{
  const nl_model *p = params;
  return nl_logjoint(z, p) - p->logpx;
}

static double nl_logq_density(double z, void *params)
{
  return nl_logq(z, params);
}

static void test_elbo_nonlinear(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6030002);
  gsl_rng *r = new_rng(seed);
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
  double worst = 0;
  for (int t = 0; t < 12; t++) {
    nl_model p = {-2.5 + 5 * gsl_rng_uniform(r), 0.5,
                  -1 + 2 * gsl_rng_uniform(r), -2 + 2 * gsl_rng_uniform(r), 0};
    gsl_function F = {nl_joint, &p}, G = {nl_elbo_integrand, &p};
    double px, e1, elbo, e2, kl, e3;
    gsl_integration_qagi(&F, 0, 1e-12, 1000, w, &px, &e1);
    p.logpx = log(px);
    gsl_integration_qagi(&G, 1e-13, 1e-12, 1000, w, &elbo, &e2);
    mdl_density q = {nl_logq_density, &p}, post = {nl_logpost, &p};
    double s = exp(0.5 * p.lvq);
    mdl_kl_density(&q, &post, p.mq - 40 * s, p.mq + 40 * s, &kl, &e3);
    double tol = 10 * (e1 / px + e2 + e3) + 1e-9;
    worst = claim_fmax(worst, fabs(p.logpx - elbo - kl) / tol);
  }
  gsl_integration_workspace_free(w);
  CLAIM(.id = "vae.elbo-nonlinear", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .samples = 12, .seed = seed,
        .note = "max |log p(x) - ELBO - KL| by three quadratures over 10"
                " (their error estimates) + 1e-9, 12 (x, q)");
  gsl_rng_free(r);
}
#line 2644 "chapters/06-vae.nw"
typedef struct {
  double mean, se, var, se_var;
} grad_stats_t;

static grad_stats_t grad_stats(gsl_rng *r, int score, int cosine, double mu,
                               double sigma, double omega, size_t N)
{
  double *g = malloc(N * sizeof *g), s = 0;
  for (size_t i = 0; i < N; i++) {
    double e = gsl_ran_gaussian(r, 1.0), z = mu + sigma * e;
    if (!cosine)
      g[i] = score ? z * z * e / sigma : 2 * z;
    else
      g[i] = score ? cos(omega * z) * e / sigma : -omega * sin(omega * z);
    s += g[i];
  }
  grad_stats_t st;
  st.mean = s / (double)N;
  double m2 = 0, m4 = 0;
  for (size_t i = 0; i < N; i++) {
    double d = g[i] - st.mean;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  m2 /= (double)N;
  m4 /= (double)N;
  st.var = m2 * (double)N / (double)(N - 1);
  st.se = sqrt(st.var / (double)N);
  st.se_var = sqrt(fmax(m4 - m2 * m2, 0) / (double)N);
  free(g);
  return st;
}

static void test_grad_estimators(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6030003);
  gsl_rng *r = new_rng(seed);
  const size_t N = 100000;
  const double mu = 0.7, sigma = 0.8, omega = 6, muc = 0.3, sc = 1;
  grad_stats_t rep = grad_stats(r, 0, 0, mu, sigma, 0, N);
  grad_stats_t sf = grad_stats(r, 1, 0, mu, sigma, 0, N);
  grad_stats_t repc = grad_stats(r, 0, 1, muc, sc, omega, N);
  grad_stats_t sfc = grad_stats(r, 1, 1, muc, sc, omega, N);
  double dq = 2 * mu;
  double dc = -omega * sin(omega * muc) * exp(-omega * omega * sc * sc / 2);
  double bias = fmax(fmax(fabs(rep.mean - dq) / rep.se,
                          fabs(sf.mean - dq) / sf.se),
                     fmax(fabs(repc.mean - dc) / repc.se,
                          fabs(sfc.mean - dc) / sfc.se));
  CLAIM(.id = "vae.grad-unbiased", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = bias, .reference = 5,
        .samples = 4 * N, .seed = seed,
        .note = "max |mean of estimator - exact derivative| in standard"
                " errors, reparameterization and score function, z^2 and"
                " cos(6z)");
  double vq_sf = pow(mu, 4) / (sigma * sigma) + 14 * mu * mu +
                 15 * sigma * sigma;
  double exact = fmax(fabs(rep.var - 4 * sigma * sigma) / rep.se_var,
                      fabs(sf.var - vq_sf) / sf.se_var);
  CLAIM(.id = "vae.reparam-variance", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = exact, .reference = 5,
        .samples = 2 * N, .seed = seed,
        .note = "max |sample variance - exact variance| in standard errors,"
                " both estimators for z^2");
  double z_q = (sf.var - rep.var) / hypot(sf.se_var, rep.se_var);
  CLAIM(.id = "vae.reparam-variance", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = z_q, .reference = 5,
        .samples = 2 * N, .seed = seed,
        .note = "(Var score - Var reparam) in standard errors of the"
                " difference, f = z^2: reparameterization wins");
  double z_c = (repc.var - sfc.var) / hypot(repc.se_var, sfc.se_var);
  CLAIM(.id = "vae.reparam-variance-probe", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = z_c, .reference = 5,
        .samples = 2 * N, .seed = seed,
        .note = "(Var reparam - Var score) in standard errors of the"
                " difference, f = cos(6z): the score function wins");
  gsl_rng_free(r);
}
#line 2735 "chapters/06-vae.nw"
static double iwae_direct(const gsl_vector *x, const gsl_matrix *W,
                          const gsl_vector *mu, const gsl_vector *psi,
                          const gsl_vector *b, const gsl_vector *lv, size_t k,
                          gsl_rng *r, double *scale)
{
  size_t n = W->size1, m = W->size2;
  double lw[64], big = -HUGE_VAL, z[8];
  *scale = 0;
  for (size_t l = 0; l < k; l++) {
    double lq = 0, lpz = 0, lpx = 0, sc = 0;
    for (size_t j = 0; j < m; j++) {
      double e = gsl_ran_gaussian_ziggurat(r, 1.0);
      double s = exp(0.5 * gsl_vector_get(lv, j));
      z[j] = gsl_vector_get(b, j) + s * e;
      lq += -0.5 * log(2 * M_PI) - 0.5 * gsl_vector_get(lv, j) - 0.5 * e * e;
      lpz += -0.5 * log(2 * M_PI) - 0.5 * z[j] * z[j];
      sc += 2 + fabs(gsl_vector_get(lv, j)) + e * e + z[j] * z[j];
    }
    for (size_t i = 0; i < n; i++) {
      double d = gsl_vector_get(x, i) - gsl_vector_get(mu, i), p;
      for (size_t j = 0; j < m; j++)
        d -= gsl_matrix_get(W, i, j) * z[j];
      p = gsl_vector_get(psi, i);
      lpx += -0.5 * (log(2 * M_PI) + log(p) + d * d / p);
      sc += 1 + fabs(log(p)) + d * d / p;
    }
    lw[l] = lpx + lpz - lq;
    if (lw[l] > big) {
      big = lw[l];
      *scale = sc;
    }
  }
  double s = 0;
  for (size_t l = 0; l < k; l++)
    s += exp(lw[l] - big);
  return big + log(s / (double)k);
}

static void test_iwae_estimate(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6030005);
  gsl_rng *r = new_rng(seed);
  double worst = 0;
  for (int t = 0; t < 100; t++) {
    size_t n = 2 + (size_t)t % 6, m = 1 + (size_t)t % 3, k = 1 + (size_t)t % 50;
    if (m >= n)
      m = n - 1;
    gsl_matrix *W = gsl_matrix_alloc(n, m), *X = gsl_matrix_alloc(1, n);
    gsl_vector *mu = gsl_vector_alloc(n), *psi = gsl_vector_alloc(n);
    gsl_vector *b = gsl_vector_alloc(m), *lv = gsl_vector_alloc(m);
    fa_random(r, W, mu, psi);
    fa_sample(r, W, mu, psi, X);
    rvec(r, b, -1, 1);
    rvec(r, lv, -1.5, 0.5);
    gsl_vector_view x = gsl_matrix_row(X, 0);
    gsl_rng *copy = gsl_rng_clone(r);
    double got, scale;
    mdl_vae_fa_iwae(&x.vector, W, mu, psi, b, lv, k, r, &got);
    double ref = iwae_direct(&x.vector, W, mu, psi, b, lv, k, copy, &scale);
    double tol = 64 * (double)(n + m) * U * scale + 4 * U * log((double)k) + U;
    worst = claim_fmax(worst, fabs(got - ref) / tol);
    gsl_rng_free(copy);
    gsl_matrix_free(W);
    gsl_matrix_free(X);
    gsl_vector_free(mu);
    gsl_vector_free(psi);
    gsl_vector_free(b);
    gsl_vector_free(lv);
  }
  CLAIM(.id = "vae.iwae-estimate", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .samples = 100, .seed = seed,
        .note = "max |mdl_vae_fa_iwae - the same codes' log mean weight by"
                " direct loops| over its rounding tolerance, k <= 50");
  gsl_rng_free(r);
}
#line 2816 "chapters/06-vae.nw"
static void test_iwae(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6030004);
  gsl_rng *r = new_rng(seed);
  enum { n = 4, m = 2, R = 4000, K = 9 };
  gsl_matrix *W = gsl_matrix_alloc(n, m), *X = gsl_matrix_alloc(1, n);
  gsl_vector *mu = gsl_vector_alloc(n), *psi = gsl_vector_alloc(n);
  gsl_vector *b = gsl_vector_alloc(m), *lv = gsl_vector_alloc(m);
  gsl_matrix *cov = gsl_matrix_alloc(m, m);
  fa_random(r, W, mu, psi);
  fa_sample(r, W, mu, psi, X);
  gsl_vector_view x = gsl_matrix_row(X, 0);
  mdl_vae_fa_posterior(&x.vector, W, mu, psi, b, cov);
  for (size_t j = 0; j < m; j++) {
    gsl_vector_set(b, j, gsl_vector_get(b, j) + 0.5);
    gsl_vector_set(lv, j, log(gsl_matrix_get(cov, j, j)) + 0.4);
  }
  double lp, elbo;
  mdl_vae_fa_loglik(X, W, mu, psi, &lp);
  mdl_vae_fa_elbo(&x.vector, W, mu, psi, b, lv, &elbo);
  gsl_vector *v = gsl_vector_alloc(R);
  mdl_numcheck_estimate est[K];
  size_t k = 1;
  for (int s = 0; s < K; s++, k *= 2) {
    for (size_t i = 0; i < R; i++) {
      double bound;
      mdl_vae_fa_iwae(&x.vector, W, mu, psi, b, lv, k, r, &bound);
      gsl_vector_set(v, i, bound);
    }
    mdl_numcheck_mean(v, &est[s]);
  }
  CLAIM(.id = "vae.iwae-elbo", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = fabs(est[0].mean - elbo) / est[0].se, .reference = 5,
        .samples = R, .seed = seed,
        .note = "|mean of L_1 estimates - closed-form ELBO| in standard"
                " errors");
  double dec = -HUGE_VAL, over = -HUGE_VAL;
  for (int s = 0; s < K; s++) {
    over = claim_fmax(over, (est[s].mean - lp) / est[s].se);
    if (s > 0)
      dec = claim_fmax(dec, (est[s - 1].mean - est[s].mean) /
                          hypot(est[s - 1].se, est[s].se));
  }
  CLAIM(.id = "vae.iwae-monotone", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = dec, .reference = 5,
        .samples = R * K, .seed = seed,
        .note = "max (L_k - L_2k) in standard errors of the difference,"
                " k = 1..128");
  CLAIM(.id = "vae.iwae-monotone", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = over, .reference = 5,
        .samples = R * K, .seed = seed,
        .note = "max (L_k - log p(x)) in standard errors, k = 1..256");
  enum { NV = 100000 };
  gsl_vector *wv = gsl_vector_alloc(NV);
  for (size_t i = 0; i < NV; i++) {
    double bound;
    mdl_vae_fa_iwae(&x.vector, W, mu, psi, b, lv, 1, r, &bound);
    gsl_vector_set(wv, i, exp(bound - lp));
  }
  mdl_numcheck_estimate wst;
  mdl_numcheck_mean(wv, &wst);
  double V = wst.sd * wst.sd, kk = 256;
  double scaled = kk * (lp - est[K - 1].mean);
  CLAIM(.id = "vae.iwae-limit", .kind = CLAIM_EXPERIMENT,
        .measured = scaled, .reference = V / 2,
        .tolerance = 5 * kk * est[K - 1].se + 0.25 * V / 2,
        .samples = R + NV, .seed = seed,
        .note = "k (log p(x) - L_k) at k = 256 against Var(w/p(x))/2 (delta"
                " method), within 5 se + 25%");
  gsl_vector_free(wv);
  gsl_vector_free(v);
  gsl_matrix_free(W);
  gsl_matrix_free(X);
  gsl_vector_free(mu);
  gsl_vector_free(psi);
  gsl_vector_free(b);
  gsl_vector_free(lv);
  gsl_matrix_free(cov);
  gsl_rng_free(r);
}
#line 3571 "chapters/06-vae.nw"
typedef struct {
  mdl_net *enc, *dec;
  size_t n, h, m, pe, pd;
  int bern;
} vae_arch;

#define VMAX 8

static double vae_direct(const vae_arch *A, gsl_vector *theta,
                         const gsl_matrix *X, const gsl_matrix *E,
                         gsl_vector *g, gsl_vector *gm, double *vmag)
{
  const size_t n = A->n, h = A->h, m = A->m, B = X->size1;
  gsl_vector_view te = gsl_vector_subvector(theta, 0, A->pe);
  gsl_vector_view td = gsl_vector_subvector(theta, A->pe, A->pd);
  gsl_vector_view ge = gsl_vector_subvector(g, 0, A->pe);
  gsl_vector_view gdv = gsl_vector_subvector(g, A->pe, A->pd);
  gsl_vector_view me = gsl_vector_subvector(gm, 0, A->pe);
  gsl_vector_view md = gsl_vector_subvector(gm, A->pe, A->pd);
  gsl_matrix_view W1 = mdl_net_weight(A->enc, &te.vector, 0);
  gsl_vector_view b1 = mdl_net_bias(A->enc, &te.vector, 0);
  gsl_matrix_view W2 = mdl_net_weight(A->enc, &te.vector, 1);
  gsl_vector_view b2 = mdl_net_bias(A->enc, &te.vector, 1);
  gsl_matrix_view W3 = mdl_net_weight(A->dec, &td.vector, 0);
  gsl_vector_view b3 = mdl_net_bias(A->dec, &td.vector, 0);
  gsl_matrix_view W4 = mdl_net_weight(A->dec, &td.vector, 1);
  gsl_vector_view b4 = mdl_net_bias(A->dec, &td.vector, 1);
  gsl_matrix_view G1 = mdl_net_weight(A->enc, &ge.vector, 0);
  gsl_vector_view c1 = mdl_net_bias(A->enc, &ge.vector, 0);
  gsl_matrix_view G2 = mdl_net_weight(A->enc, &ge.vector, 1);
  gsl_vector_view c2 = mdl_net_bias(A->enc, &ge.vector, 1);
  gsl_matrix_view G3 = mdl_net_weight(A->dec, &gdv.vector, 0);
  gsl_vector_view c3 = mdl_net_bias(A->dec, &gdv.vector, 0);
  gsl_matrix_view G4 = mdl_net_weight(A->dec, &gdv.vector, 1);
  gsl_vector_view c4 = mdl_net_bias(A->dec, &gdv.vector, 1);
  gsl_matrix_view N1 = mdl_net_weight(A->enc, &me.vector, 0);
  gsl_vector_view d1 = mdl_net_bias(A->enc, &me.vector, 0);
  gsl_matrix_view N2 = mdl_net_weight(A->enc, &me.vector, 1);
  gsl_vector_view d2 = mdl_net_bias(A->enc, &me.vector, 1);
  gsl_matrix_view N3 = mdl_net_weight(A->dec, &md.vector, 0);
  gsl_vector_view d3 = mdl_net_bias(A->dec, &md.vector, 0);
  gsl_matrix_view N4 = mdl_net_weight(A->dec, &md.vector, 1);
  gsl_vector_view d4 = mdl_net_bias(A->dec, &md.vector, 1);
  gsl_vector_set_zero(g);
  gsl_vector_set_zero(gm);
#define Wg(M, i, j) gsl_matrix_get(&(M).matrix, i, j)
#define Vg(v, i) gsl_vector_get(&(v).vector, i)
#define ADDM(M, i, j, a) gsl_matrix_set(&(M).matrix, i, j, Wg(M, i, j) + (a))
#define ADDV(v, i, a) gsl_vector_set(&(v).vector, i, Vg(v, i) + (a))
  const double s = A->bern ? 0 : gsl_vector_get(theta, theta->size - 1);
  const double is = exp(-s), l2pi = log(2 * M_PI);
  double total = 0, tmag = 0, gs = 0, gsm = 0;
  for (size_t b = 0; b < B; b++) {
    double x[VMAX], a1[VMAX], h1[VMAX], m1[VMAX], o[VMAX], mo[VMAX];
    double sd[VMAX], msd[VMAX], z[VMAX], mz[VMAX], eps[VMAX];
    double h3[VMAX], m3[VMAX], d[VMAX], mdd[VMAX], gd[VMAX], mgd[VMAX];
    for (size_t i = 0; i < n; i++)
      x[i] = gsl_matrix_get(X, b, i);
    for (size_t j = 0; j < m; j++)
      eps[j] = gsl_matrix_get(E, b, j);
#line 3652 "chapters/06-vae.nw"
    for (size_t k = 0; k < h; k++) {
      double acc = Vg(b1, k), mag = fabs(Vg(b1, k));
      for (size_t i = 0; i < n; i++) {
        acc += Wg(W1, k, i) * x[i];
        mag += fabs(Wg(W1, k, i) * x[i]);
      }
      a1[k] = acc;
      h1[k] = tanh(acc);
      m1[k] = fabs(h1[k]) + (1 - h1[k] * h1[k]) * mag;
    }
    for (size_t j = 0; j < 2 * m; j++) {
      double acc = Vg(b2, j), mag = fabs(Vg(b2, j));
      for (size_t k = 0; k < h; k++) {
        acc += Wg(W2, j, k) * h1[k];
        mag += fabs(Wg(W2, j, k)) * m1[k];
      }
      o[j] = acc;
      mo[j] = mag;
    }
    for (size_t j = 0; j < m; j++) {
      sd[j] = exp(0.5 * o[m + j]);
      msd[j] = sd[j] * (1 + 0.5 * mo[m + j]);
      z[j] = o[j] + sd[j] * eps[j];
      mz[j] = mo[j] + msd[j] * fabs(eps[j]);
    }
    for (size_t k = 0; k < h; k++) {
      double acc = Vg(b3, k), mag = fabs(Vg(b3, k));
      for (size_t j = 0; j < m; j++) {
        acc += Wg(W3, k, j) * z[j];
        mag += fabs(Wg(W3, k, j)) * mz[j];
      }
      h3[k] = tanh(acc);
      m3[k] = fabs(h3[k]) + (1 - h3[k] * h3[k]) * mag;
    }
    for (size_t i = 0; i < n; i++) {
      double acc = Vg(b4, i), mag = fabs(Vg(b4, i));
      for (size_t k = 0; k < h; k++) {
        acc += Wg(W4, i, k) * h3[k];
        mag += fabs(Wg(W4, i, k)) * m3[k];
      }
      d[i] = acc;
      mdd[i] = mag;
    }
    (void)a1;
#line 3632 "chapters/06-vae.nw"
#line 3699 "chapters/06-vae.nw"
    for (size_t i = 0; i < n; i++) {
      if (!A->bern) {
        double r = x[i] - d[i], mr = fabs(x[i]) + mdd[i];
        total -= 0.5 * (l2pi + s + r * r * is);
        tmag += 0.5 * (l2pi + fabs(s) + (r * r + 2 * fabs(r) * mr) * is);
        gs -= 0.5 * (1 - r * r * is);
        gsm += 0.5 * (1 + (r * r + 2 * fabs(r) * mr) * is);
        gd[i] = r * is / B;
        mgd[i] = mr * is / B;
      } else {
        double sg = 1 / (1 + exp(-d[i])), sp = log1p(exp(-fabs(d[i]))) +
                                               fmax(d[i], 0);
        total += x[i] * d[i] - sp;
        tmag += fabs(x[i] * d[i]) + sp + (fabs(x[i]) + sg) * mdd[i];
        gd[i] = (x[i] - sg) / B;
        mgd[i] = (fabs(x[i]) + sg + sg * (1 - sg) * mdd[i]) / B;
      }
    }
    for (size_t j = 0; j < m; j++) {
      double mu = o[j], lv = o[m + j];
      total -= 0.5 * (mu * mu + expm1(lv) - lv);
      tmag += 0.5 * (mu * mu + 2 * fabs(mu) * mo[j] + exp(lv) * (1 + mo[m + j]) +
                     1 + fabs(lv) + mo[m + j]);
    }
#line 3633 "chapters/06-vae.nw"
#line 3726 "chapters/06-vae.nw"
    double gz[VMAX] = {0}, mgz[VMAX] = {0}, go[VMAX], mgo[VMAX];
    for (size_t k = 0; k < h; k++) {
      double gh = 0, mgh = 0;
      for (size_t i = 0; i < n; i++) {
        ADDM(G4, i, k, gd[i] * h3[k]);
        ADDM(N4, i, k, mgd[i] * fabs(h3[k]) + fabs(gd[i]) * m3[k]);
        gh += Wg(W4, i, k) * gd[i];
        mgh += fabs(Wg(W4, i, k)) * mgd[i];
      }
      double t = 1 - h3[k] * h3[k];
      double ga = gh * t, mga = mgh * t + fabs(gh) * 2 * fabs(h3[k]) * m3[k];
      ADDV(c3, k, ga);
      ADDV(d3, k, mga);
      for (size_t j = 0; j < m; j++) {
        ADDM(G3, k, j, ga * z[j]);
        ADDM(N3, k, j, mga * fabs(z[j]) + fabs(ga) * mz[j]);
        gz[j] += Wg(W3, k, j) * ga;
        mgz[j] += fabs(Wg(W3, k, j)) * mga;
      }
    }
    for (size_t i = 0; i < n; i++) {
      ADDV(c4, i, gd[i]);
      ADDV(d4, i, mgd[i]);
    }
    for (size_t j = 0; j < m; j++) {
      double mu = o[j], lv = o[m + j];
      go[j] = gz[j] - mu / B;
      mgo[j] = mgz[j] + mo[j] / B;
      go[m + j] = 0.5 * gz[j] * eps[j] * sd[j] - 0.5 * expm1(lv) / B;
      mgo[m + j] = 0.5 * fabs(eps[j]) * (mgz[j] * sd[j] + fabs(gz[j]) * msd[j]) +
                   0.5 * (exp(lv) * (1 + mo[m + j]) + 1) / B;
    }
    for (size_t k = 0; k < h; k++) {
      double gh = 0, mgh = 0;
      for (size_t j = 0; j < 2 * m; j++) {
        ADDM(G2, j, k, go[j] * h1[k]);
        ADDM(N2, j, k, mgo[j] * fabs(h1[k]) + fabs(go[j]) * m1[k]);
        gh += Wg(W2, j, k) * go[j];
        mgh += fabs(Wg(W2, j, k)) * mgo[j];
      }
      double t = 1 - h1[k] * h1[k];
      double ga = gh * t, mga = mgh * t + fabs(gh) * 2 * fabs(h1[k]) * m1[k];
      ADDV(c1, k, ga);
      ADDV(d1, k, mga);
      for (size_t i = 0; i < n; i++) {
        ADDM(G1, k, i, ga * x[i]);
        ADDM(N1, k, i, mga * fabs(x[i]));
      }
    }
    for (size_t j = 0; j < 2 * m; j++) {
      ADDV(c2, j, go[j]);
      ADDV(d2, j, mgo[j]);
    }
#line 3634 "chapters/06-vae.nw"
  }
  if (!A->bern) {
    gsl_vector_set(g, g->size - 1, gs / B);
    gsl_vector_set(gm, gm->size - 1, gsm / B);
  }
#undef Wg
#undef Vg
#undef ADDM
#undef ADDV
  *vmag = tmag / B;
  return total / B;
}
#line 3786 "chapters/06-vae.nw"
static void test_vae_elbo_exact(void **state)
{
  (void)state;
  enum { n = 4, h = 5, m = 2, B = 6, CASES = 20 };
  unsigned long seed = claim_seed(6060001);
  gsl_rng *r = new_rng(seed);
  const double K = 16.0 * (2 * m > h ? 2 * m : h) + 16.0 * (B + 12);
  double worst_v = 0, worst_g = 0;
  for (int bern = 0; bern <= 1; bern++)
    for (int c = 0; c < CASES; c++) {
      size_t we[3] = {n, h, 2 * m}, wd[3] = {m, h, n};
      mdl_net_activation acts[2] = {MDL_NET_TANH, MDL_NET_IDENTITY};
      vae_arch A = {mdl_net_alloc(2, we, acts), mdl_net_alloc(2, wd, acts),
                    n, h, m, 0, 0, bern};
      A.pe = mdl_net_nparams(A.enc);
      A.pd = mdl_net_nparams(A.dec);
      rvec(r, mdl_net_params(A.enc), -0.8, 0.8);
      rvec(r, mdl_net_params(A.dec), -0.8, 0.8);
      mdl_vae *v = mdl_vae_alloc(A.enc, A.dec,
                                 bern ? MDL_VAE_BERNOULLI : MDL_VAE_GAUSSIAN);
      gsl_vector *theta = mdl_vae_params(v);
      if (!bern)
        gsl_vector_set(theta, theta->size - 1, -1 + 2 * gsl_rng_uniform(r));
      size_t P = theta->size;
      gsl_matrix *X = gsl_matrix_alloc(B, n), *E = gsl_matrix_alloc(B, m);
      for (size_t b = 0; b < B; b++) {
        for (size_t i = 0; i < n; i++)
          gsl_matrix_set(X, b, i, bern ? (double)(gsl_rng_uniform(r) < 0.5)
                                       : gsl_ran_gaussian(r, 1.5));
        for (size_t j = 0; j < m; j++)
          gsl_matrix_set(E, b, j, gsl_ran_gaussian(r, 1.0));
      }
      gsl_vector *g = gsl_vector_alloc(P), *gr = gsl_vector_alloc(P);
      gsl_vector *gm = gsl_vector_alloc(P);
      double elbo, kl, vmag;
      assert_int_equal(mdl_vae_elbo(v, X, E, &elbo, &kl, g), GSL_SUCCESS);
      double ref = vae_direct(&A, theta, X, E, gr, gm, &vmag);
      worst_v = claim_fmax(worst_v, fabs(elbo - ref) / (K * U * vmag));
      for (size_t p = 0; p < P; p++) {
        double err = fabs(gsl_vector_get(g, p) - gsl_vector_get(gr, p));
        double tol = K * U * gsl_vector_get(gm, p);
        worst_g = claim_fmax(worst_g, tol > 0 ? err / tol : (err > 0 ? HUGE_VAL : 0));
      }
      gsl_vector_free(g);
      gsl_vector_free(gr);
      gsl_vector_free(gm);
      gsl_matrix_free(X);
      gsl_matrix_free(E);
      mdl_vae_free(v);
      mdl_net_free(A.enc);
      mdl_net_free(A.dec);
    }
  CLAIM(.id = "vae.vae-elbo-exact", .kind = CLAIM_BOUND, .measured = worst_v,
        .reference = 1, .samples = 2 * CASES, .seed = seed,
        .note = "largest |ELBO estimate - explicit loops| in units of its"
                " rounding bound, Gaussian and Bernoulli decoders");
  CLAIM(.id = "vae.vae-gradient", .kind = CLAIM_BOUND, .measured = worst_g,
        .reference = 1, .samples = 2 * CASES, .seed = seed,
        .note = "largest |gradient entry - explicit backpropagation| in units"
                " of its rounding bound, over all parameters");
  gsl_rng_free(r);
}
#line 3862 "chapters/06-vae.nw"
static void test_vae_iwae_exact(void **state)
{
  (void)state;
  enum { n = 4, m = 2, B = 5, CASES = 20 };
  unsigned long seed = claim_seed(6060005);
  gsl_rng *r = new_rng(seed);
  double worst = 0;
  for (int c = 0; c < 2 * CASES; c++) {
    int bern = c % 2;
    size_t k = 1 + gsl_rng_uniform_int(r, 40);
    size_t we[2] = {n, 2 * m}, wd[2] = {m, n};
    mdl_net_activation id = MDL_NET_IDENTITY;
    mdl_net *enc = mdl_net_alloc(1, we, &id), *dec = mdl_net_alloc(1, wd, &id);
    rvec(r, mdl_net_params(enc), -0.7, 0.7);
    rvec(r, mdl_net_params(dec), -0.7, 0.7);
    mdl_vae *v = mdl_vae_alloc(enc, dec,
                               bern ? MDL_VAE_BERNOULLI : MDL_VAE_GAUSSIAN);
    gsl_vector *theta = mdl_vae_params(v);
    const double s = bern ? 0 : -0.5 + gsl_rng_uniform(r);
    if (!bern)
      gsl_vector_set(theta, theta->size - 1, s);
    gsl_matrix *X = gsl_matrix_alloc(B, n);
    for (size_t b = 0; b < B; b++)
      for (size_t i = 0; i < n; i++)
        gsl_matrix_set(X, b, i, bern ? (double)(gsl_rng_uniform(r) < 0.5)
                                     : gsl_ran_gaussian(r, 1.5));
    gsl_rng *r2 = gsl_rng_clone(r);
    double bound;
    assert_int_equal(mdl_vae_iwae(v, X, k, r, &bound), GSL_SUCCESS);
    gsl_matrix_view W1 = mdl_net_weight(enc, NULL, 0), W2 = mdl_net_weight(dec, NULL, 0);
    gsl_vector_view b1 = mdl_net_bias(enc, NULL, 0), b2 = mdl_net_bias(dec, NULL, 0);
    double o[B][2 * m], lw[B][40], mag = 0, ref = 0;
    for (size_t b = 0; b < B; b++)
      for (size_t j = 0; j < 2 * m; j++) {
        double a = gsl_vector_get(&b1.vector, j);
        for (size_t i = 0; i < n; i++)
          a += gsl_matrix_get(&W1.matrix, j, i) * gsl_matrix_get(X, b, i);
        o[b][j] = a;
      }
    for (size_t l = 0; l < k; l++)
      for (size_t b = 0; b < B; b++) {
        double z[m], a = 0, am = 0;
        for (size_t j = 0; j < m; j++) {
          double e = gsl_ran_gaussian_ziggurat(r2, 1.0), lv = o[b][m + j];
          z[j] = o[b][j] + exp(0.5 * lv) * e;
          a += 0.5 * (lv + e * e - z[j] * z[j]);
          am += 0.5 * (fabs(lv) + e * e + z[j] * z[j]);
        }
        for (size_t i = 0; i < n; i++) {
          double d = gsl_vector_get(&b2.vector, i), x = gsl_matrix_get(X, b, i);
          for (size_t j = 0; j < m; j++)
            d += gsl_matrix_get(&W2.matrix, i, j) * z[j];
          if (bern) {
            double sp = log1p(exp(-fabs(d))) + fmax(d, 0);
            a += x * d - sp;
            am += fabs(x * d) + sp;
          } else {
            a -= 0.5 * (log(2 * M_PI) + s + (x - d) * (x - d) * exp(-s));
            am += 0.5 * (log(2 * M_PI) + fabs(s) + (x - d) * (x - d) * exp(-s));
          }
        }
        lw[b][l] = a;
        mag = claim_fmax(mag, am);
      }
    for (size_t b = 0; b < B; b++) {
      double big = -HUGE_VAL, sum = 0;
      for (size_t l = 0; l < k; l++)
        big = claim_fmax(big, lw[b][l]);
      for (size_t l = 0; l < k; l++)
        sum += exp(lw[b][l] - big);
      ref += (big + log(sum / (double)k)) / B;
    }
    double tol = 64.0 * (n + m) * U * mag + 4 * U * log((double)k) + 4 * U * fabs(ref);
    worst = claim_fmax(worst, fabs(bound - ref) / tol);
    gsl_matrix_free(X);
    gsl_rng_free(r2);
    mdl_vae_free(v);
    mdl_net_free(enc);
    mdl_net_free(dec);
  }
  CLAIM(.id = "vae.vae-iwae-exact", .kind = CLAIM_BOUND, .measured = worst,
        .reference = 1, .samples = 2 * CASES, .seed = seed,
        .note = "largest |mdl_vae_iwae - explicit loops with the same draws|"
                " in units of its rounding bound, linear VAEs, k <= 40");
  gsl_rng_free(r);
}
#line 3958 "chapters/06-vae.nw"
static mdl_vae *linear_vae_fit(const gsl_matrix *X, size_t m, gsl_rng *r,
                               mdl_net **enc, mdl_net **dec)
{
  enum { T1 = 3000, T2 = 1000 };
  size_t n = X->size2, we[2] = {n, 2 * m}, wd[2] = {m, n};
  mdl_net_activation id = MDL_NET_IDENTITY;
  *enc = mdl_net_alloc(1, we, &id);
  *dec = mdl_net_alloc(1, wd, &id);
  mdl_net_init(*enc, r);
  mdl_net_init(*dec, r);
  mdl_vae *v = mdl_vae_alloc(*enc, *dec, MDL_VAE_GAUSSIAN);
  gsl_vector *theta = mdl_vae_params(v);
  mdl_optim_params p = mdl_optim_defaults(mdl_optim_adam);
  p.lr = 0.01;
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_adam, theta->size, &p);
  gsl_vector *avg = gsl_vector_alloc(theta->size);
  for (size_t t = 0; t < T1 + T2; t++) {
    if (t == T1)
      mdl_optim_set_lr(opt, 0.001);
    mdl_vae_train_step(v, opt, X, r, NULL);
    if (t >= T1)
      mdl_optim_average(avg, theta, t - T1);
  }
  gsl_vector_memcpy(theta, avg);
  gsl_vector_free(avg);
  mdl_optim_free(opt);
  return v;
}
#line 3992 "chapters/06-vae.nw"
static void linear_vae_scores(mdl_vae *v, mdl_net *enc, mdl_net *dec,
                              const gsl_matrix *X, double *loglik,
                              double *elbo)
{
  size_t N = X->size1, n = X->size2, m = mdl_net_width(dec, 0);
  gsl_vector *theta = mdl_vae_params(v);
  gsl_vector_view td = gsl_vector_subvector(theta, mdl_net_nparams(enc),
                                            mdl_net_nparams(dec));
  gsl_matrix_view W = mdl_net_weight(dec, &td.vector, 0);
  gsl_vector_view b = mdl_net_bias(dec, &td.vector, 0);
  gsl_vector *psi = gsl_vector_alloc(n);
  gsl_vector_set_all(psi, exp(gsl_vector_get(theta, theta->size - 1)));
  mdl_vae_fa_loglik(X, &W.matrix, &b.vector, psi, loglik);
  gsl_matrix *Mu = gsl_matrix_alloc(N, m), *Lv = gsl_matrix_alloc(N, m);
  mdl_vae_encode(v, X, Mu, Lv);
  *elbo = 0;
  for (size_t i = 0; i < N; i++) {
    gsl_vector_const_view x = gsl_matrix_const_row(X, i);
    gsl_vector_view qm = gsl_matrix_row(Mu, i), ql = gsl_matrix_row(Lv, i);
    double e;
    mdl_vae_fa_elbo(&x.vector, &W.matrix, &b.vector, psi, &qm.vector,
                    &ql.vector, &e);
    *elbo += e;
  }
  gsl_matrix_free(Mu);
  gsl_matrix_free(Lv);
  gsl_vector_free(psi);
}
#line 4026 "chapters/06-vae.nw"
static void test_linear_vae(void **state)
{
  (void)state;
  enum { N = 400, n = 5, m = 2 };
  unsigned long seed = claim_seed(6060002);
  gsl_rng *r = new_rng(seed);
  gsl_matrix *X = gsl_matrix_alloc(N, n), *Wt = gsl_matrix_alloc(n, m);
  gsl_matrix *W = gsl_matrix_alloc(n, m);
  gsl_vector *mu = gsl_vector_alloc(n), *psi = gsl_vector_alloc(n);
  rmat(r, Wt, -1.5, 1.5);
  for (size_t i = 0; i < N; i++) {
    double z[m];
    for (size_t j = 0; j < m; j++)
      z[j] = gsl_ran_gaussian(r, 1.0);
    for (size_t k = 0; k < n; k++) {
      double x = 1.0 + gsl_ran_gaussian(r, sqrt(0.3));
      for (size_t j = 0; j < m; j++)
        x += gsl_matrix_get(Wt, k, j) * z[j];
      gsl_matrix_set(X, i, k, x);
    }
  }
  double s2, lmax;
  assert_int_equal(mdl_vae_ppca_mle(X, m, W, mu, &s2), GSL_SUCCESS);
  gsl_vector_set_all(psi, s2);
  mdl_vae_fa_loglik(X, W, mu, psi, &lmax);
  mdl_net *enc, *dec;
  mdl_vae *v = linear_vae_fit(X, m, r, &enc, &dec);
  double lvae, elbo;
  linear_vae_scores(v, enc, dec, X, &lvae, &elbo);
  double p = n * m - m * (m - 1) / 2 + n + 1;
  double tol = gsl_cdf_chisq_Pinv(0.999, p) / 2;
  CLAIM(.id = "vae.linear-vae-ppca", .kind = CLAIM_BOUND,
        .measured = lmax - lvae, .reference = 0, .tolerance = tol,
        .samples = N, .seed = seed,
        .note = "log-likelihood of the PPCA maximum minus that of the trained"
                " linear VAE's decoder (nats, all points), against"
                " chi2(p, 0.999)/2");
  CLAIM(.id = "vae.linear-vae-ppca", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = lmax - lvae, .reference = 0,
        .tolerance = 64 * n * U * fabs(lmax), .samples = N, .seed = seed,
        .note = "the same difference is not negative (the PPCA maximum is a"
                " maximum), within rounding");
  CLAIM(.id = "vae.linear-vae-tight", .kind = CLAIM_BOUND,
        .measured = lvae - elbo, .reference = 0, .tolerance = tol,
        .samples = N, .seed = seed,
        .note = "exact log-likelihood minus exact ELBO of the trained linear"
                " VAE (nats, all points), against chi2(p, 0.999)/2");
  mdl_vae_free(v);
  mdl_net_free(enc);
  mdl_net_free(dec);
  gsl_matrix_free(X);
  gsl_matrix_free(Wt);
  gsl_matrix_free(W);
  gsl_vector_free(mu);
  gsl_vector_free(psi);
  gsl_rng_free(r);
}
#line 4096 "chapters/06-vae.nw"
static void mixture_data(gsl_rng *r, gsl_matrix *X, int kind, int *label)
{
  for (size_t i = 0; i < X->size1; i++) {
    int c = (int)gsl_rng_uniform_int(r, 3);
    double a = M_PI / 2 + 2 * M_PI * c / 3;
    if (label)
      label[i] = c;
    for (size_t j = 0; j < 2; j++) {
      double centre = kind ? 0 : 2 * (j ? sin(a) : cos(a));
      double sd = kind ? sqrt(2.0 + 0.09) : 0.3;
      gsl_matrix_set(X, i, j, centre + gsl_ran_gaussian(r, sd));
    }
  }
}

static mdl_vae *mlp_vae(gsl_rng *r)
{
  size_t we[3] = {2, 16, 4}, wd[3] = {2, 16, 2};
  mdl_net_activation acts[2] = {MDL_NET_TANH, MDL_NET_IDENTITY};
  mdl_net *enc = mdl_net_alloc(2, we, acts), *dec = mdl_net_alloc(2, wd, acts);
  mdl_net_init(enc, r);
  mdl_net_init(dec, r);
  mdl_vae *v = mdl_vae_alloc(enc, dec, MDL_VAE_GAUSSIAN);
  mdl_net_free(enc);
  mdl_net_free(dec);
  return v;
}

static void mlp_vae_train(mdl_vae *v, mdl_optim *opt, int kind, size_t steps,
                          gsl_rng *r)
{
  gsl_matrix *Xb = gsl_matrix_alloc(64, 2);
  for (size_t t = 0; t < steps; t++) {
    if (t == steps * 3 / 4)
      mdl_optim_set_lr(opt, 5e-4);
    mixture_data(r, Xb, kind, NULL);
    mdl_vae_train_step(v, opt, Xb, r, NULL);
  }
  gsl_matrix_free(Xb);
}
#line 4141 "chapters/06-vae.nw"
static void heldout_scores(mdl_vae *v, const gsl_matrix *X, gsl_rng *r,
                           double *elbo, double *iwae, double *kl)
{
  gsl_matrix *E = gsl_matrix_alloc(X->size1, 2);
  *elbo = 0;
  for (int t = 0; t < 20; t++) {
    for (size_t i = 0; i < X->size1; i++)
      for (size_t j = 0; j < 2; j++)
        gsl_matrix_set(E, i, j, gsl_ran_gaussian(r, 1.0));
    double e;
    mdl_vae_elbo(v, X, E, &e, kl, NULL);
    *elbo += e / 20;
  }
  mdl_vae_iwae(v, X, 64, r, iwae);
  gsl_matrix_free(E);
}

static void test_vae_experiment(void **state)
{
  (void)state;
  enum { NTE = 512, STEPS = 2000 };
  unsigned long seed = claim_seed(6060003);
  gsl_rng *r = new_rng(seed);
  double kl[2], rise_e = 0, rise_w = 0;
  for (int kind = 0; kind <= 1; kind++) {
    gsl_matrix *Xte = gsl_matrix_alloc(NTE, 2);
    mixture_data(r, Xte, kind, NULL);
    mdl_vae *v = mlp_vae(r);
    mdl_optim_params p = mdl_optim_defaults(mdl_optim_adam);
    p.lr = 0.005;
    mdl_optim *opt = mdl_optim_alloc(mdl_optim_adam,
                                     mdl_vae_params(v)->size, &p);
    double e0, w0, k0, e1, w1;
    heldout_scores(v, Xte, r, &e0, &w0, &k0);
    mlp_vae_train(v, opt, kind, STEPS, r);
    heldout_scores(v, Xte, r, &e1, &w1, &kl[kind]);
    if (kind == 0) {
      rise_e = e1 - e0;
      rise_w = w1 - w0;
    }
    mdl_optim_free(opt);
    mdl_vae_free(v);
    gsl_matrix_free(Xte);
  }
  CLAIM(.id = "vae.vae-heldout", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = rise_e, .reference = 1,
        .samples = NTE, .seed = seed,
        .note = "rise of the held-out ELBO (nats per point) over 2000 steps"
                " on the 2-D mixture");
  CLAIM(.id = "vae.vae-heldout", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = rise_w, .reference = 1,
        .samples = NTE, .seed = seed,
        .note = "rise of the held-out importance-weighted estimate L_64 (nats"
                " per point) over 2000 steps");
  CLAIM(.id = "vae.posterior-collapse", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = kl[0], .reference = 1,
        .samples = NTE, .seed = seed,
        .note = "mean KL(q(z|x) || p(z)) on held-out points, mixture data:"
                " the codes carry information");
  CLAIM(.id = "vae.posterior-collapse", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = kl[1], .reference = 0.2 * kl[0],
        .samples = NTE, .seed = seed,
        .note = "mean KL(q(z|x) || p(z)) on held-out points, isotropic"
                " Gaussian data the decoder models alone, against a fifth of"
                " the mixture's");
  gsl_rng_free(r);
}
#line 4749 "chapters/06-vae.nw"
typedef struct {
  int kind[4];
  gsl_vector *u[4], *w[4];
  double b[4];
  mdl_net *st[4];
  size_t k[4];
  int parity[4];
  size_t L, d;
} flow_t;

static void flow_forward(const flow_t *F, gsl_matrix *Z, gsl_vector *logdet)
{
  gsl_vector *ld = gsl_vector_alloc(Z->size1);
  gsl_vector_set_zero(logdet);
  for (size_t l = 0; l < F->L; l++) {
    if (F->kind[l] == 0)
      mdl_vae_planar_forward(F->u[l], F->w[l], F->b[l], Z, Z, ld);
    else
      mdl_vae_coupling_forward(F->st[l], F->k[l], F->parity[l], Z, Z, ld);
    gsl_vector_add(logdet, ld);
  }
  gsl_vector_free(ld);
}

static int flow_vf(const gsl_vector *x, void *params, gsl_vector *fx)
{
  const flow_t *F = params;
  gsl_matrix *Z = gsl_matrix_alloc(1, F->d);
  gsl_vector *ld = gsl_vector_alloc(1);
  gsl_vector_view row = gsl_matrix_row(Z, 0);
  gsl_vector_memcpy(&row.vector, x);
  flow_forward(F, Z, ld);
  gsl_vector_memcpy(fx, &row.vector);
  gsl_matrix_free(Z);
  gsl_vector_free(ld);
  return GSL_SUCCESS;
}

static void planar_random(gsl_rng *r, flow_t *F, size_t l, double cmin)
{
  F->kind[l] = 0;
  F->u[l] = gsl_vector_alloc(F->d);
  F->w[l] = gsl_vector_alloc(F->d);
  rvec(r, F->u[l], -1.2, 1.2);
  rvec(r, F->w[l], -1.5, 1.5);
  F->b[l] = -1 + 2 * gsl_rng_uniform(r);
  double c;
  gsl_blas_ddot(F->w[l], F->u[l], &c);
  if (c < cmin)
    gsl_vector_scale(F->u[l], -1);
}

static void coupling_random(gsl_rng *r, flow_t *F, size_t l, size_t k,
                            int parity)
{
  F->kind[l] = 1;
  F->k[l] = k;
  F->parity[l] = parity;
  size_t widths[3] = {k, 6, 2 * (F->d - k)};
  mdl_net_activation acts[2] = {MDL_NET_TANH, MDL_NET_IDENTITY};
  F->st[l] = mdl_net_alloc(2, widths, acts);
  gsl_vector_view p = gsl_vector_view_array(
      mdl_net_params(F->st[l])->data, mdl_net_nparams(F->st[l]));
  rvec(r, &p.vector, -0.6, 0.6);
}

static void flow_free(flow_t *F)
{
  for (size_t l = 0; l < F->L; l++)
    if (F->kind[l] == 0) {
      gsl_vector_free(F->u[l]);
      gsl_vector_free(F->w[l]);
    } else {
      mdl_net_free(F->st[l]);
    }
}
#line 4833 "chapters/06-vae.nw"
static double logdet_error(const flow_t *F, const gsl_vector *x,
                           double logdet, const int *mask, size_t *nonzero)
{
  size_t d = F->d;
  mdl_vector_function vf = {flow_vf, d, d, (void *)F};
  gsl_matrix *J = gsl_matrix_alloc(d, d), *Ji = gsl_matrix_alloc(d, d);
  gsl_permutation *p = gsl_permutation_alloc(d);
  int sign;
  mdl_numcheck_jacdiff(&vf, x, 0, J);
  for (size_t i = 0; mask != NULL && i < d; i++)
    for (size_t j = 0; j < d; j++)
      if (mask[i * d + j] == 0 && gsl_matrix_get(J, i, j) != 0)
        ++*nonzero;
  gsl_linalg_LU_decomp(J, p, &sign);
  double ld = gsl_linalg_LU_lndet(J);
  gsl_linalg_LU_invert(J, p, Ji);
  double big = 0;
  for (size_t i = 0; i < d; i++)
    for (size_t j = 0; j < d; j++)
      big = claim_fmax(big, fabs(gsl_matrix_get(Ji, i, j)));
  gsl_matrix_free(J);
  gsl_matrix_free(Ji);
  gsl_permutation_free(p);
  double tol = 10 * (double)(d * d) * 1e-7 * big + 16 * U * fabs(logdet);
  return fabs(ld - logdet) / tol;
}

static void test_flow_logdet(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6040001);
  gsl_rng *r = new_rng(seed);
  double planar = 0, coup = 0, comp = 0, exact = 0;
  size_t nonzero = 0;
  for (int t = 0; t < 30; t++) {
    flow_t P = {.L = 1, .d = 2 + (size_t)t % 4};
    planar_random(r, &P, 0, -1);
    flow_t C = {.L = 1, .d = 2 + (size_t)t % 4};
    size_t k = 1 + (size_t)t % (C.d - 1);
    int parity = t % 2;
    coupling_random(r, &C, 0, k, parity);
    flow_t G = {.L = 4, .d = 4};
    planar_random(r, &G, 0, -1);
    coupling_random(r, &G, 1, 2, 0);
    planar_random(r, &G, 2, -1);
    coupling_random(r, &G, 3, 1, 1);
    gsl_matrix *Z = gsl_matrix_alloc(1, P.d);
    gsl_vector *ld = gsl_vector_alloc(1);
    gsl_vector_view z = gsl_matrix_row(Z, 0);
    rvec(r, &z.vector, -2, 2);
    gsl_vector *x = gsl_vector_alloc(P.d);
    gsl_vector_memcpy(x, &z.vector);
    mdl_vae_planar_forward(P.u[0], P.w[0], P.b[0], Z, Z, ld);
    planar = claim_fmax(planar, logdet_error(&P, x, gsl_vector_get(ld, 0), NULL,
                                       &nonzero));
    gsl_vector_memcpy(&z.vector, x);
    int mask[36];
    size_t pass = parity ? C.d - k : 0;
    for (size_t i = 0; i < C.d; i++)
      for (size_t j = 0; j < C.d; j++)
        mask[i * C.d + j] = i == j || (j >= pass && j < pass + k &&
                                       !(i >= pass && i < pass + k));
    gsl_vector *ldi = gsl_vector_alloc(1);
    mdl_vae_coupling_forward(C.st[0], k, parity, Z, Z, ld);
    coup = claim_fmax(coup, logdet_error(&C, x, gsl_vector_get(ld, 0), mask,
                                   &nonzero));
    mdl_vae_coupling_inverse(C.st[0], k, parity, Z, Z, ldi);
    exact = claim_fmax(exact, fabs(gsl_vector_get(ld, 0) + gsl_vector_get(ldi, 0)));
    gsl_matrix *Z4 = gsl_matrix_alloc(1, 4);
    gsl_vector *x4 = gsl_vector_alloc(4);
    gsl_vector_view z4 = gsl_matrix_row(Z4, 0);
    rvec(r, &z4.vector, -2, 2);
    gsl_vector_memcpy(x4, &z4.vector);
    flow_forward(&G, Z4, ld);
    comp = claim_fmax(comp, logdet_error(&G, x4, gsl_vector_get(ld, 0), NULL,
                                   &nonzero));
    gsl_matrix_free(Z);
    gsl_matrix_free(Z4);
    gsl_vector_free(x4);
    gsl_vector_free(ld);
    gsl_vector_free(ldi);
    gsl_vector_free(x);
    flow_free(&P);
    flow_free(&C);
    flow_free(&G);
  }
  CLAIM(.id = "vae.planar-logdet", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = planar, .reference = 1,
        .samples = 30, .seed = seed,
        .note = "max |log(1 + h' u^T w) - log|det| of the numerical"
                " Jacobian| over its tolerance, 30 layers, d = 2..5");
  CLAIM(.id = "vae.coupling-triangular", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = coup, .reference = 1,
        .samples = 30, .seed = seed,
        .note = "max |sum s - log|det| of the numerical Jacobian| over its"
                " tolerance, 30 coupling layers");
  CLAIM(.id = "vae.coupling-triangular", .kind = CLAIM_IDENTITY,
        .measured = (double)nonzero, .reference = 0, .tolerance = 0,
        .samples = 30, .seed = seed,
        .note = "number of non-zero numerical Jacobian entries where the"
                " triangular structure puts a zero");
  CLAIM(.id = "vae.coupling-inverse", .kind = CLAIM_IDENTITY,
        .measured = exact, .reference = 0, .tolerance = 0, .samples = 30,
        .seed = seed,
        .note = "max |logdet(forward) + logdet(inverse)|, exactly 0");
  CLAIM(.id = "vae.composition-logdet", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = comp, .reference = 1,
        .samples = 30, .seed = seed,
        .note = "max |sum of the layers' log-determinants - log|det| of the"
                " numerical Jacobian of the composition| over its tolerance");
  gsl_rng_free(r);
}
#line 4958 "chapters/06-vae.nw"
static void test_flow_inverse(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6040002);
  gsl_rng *r = new_rng(seed);
  enum { N = 500 };
  double planar = 0, coup = 0;
  for (int t = 0; t < 20; t++) {
    size_t d = 2 + (size_t)t % 4;
    flow_t P = {.L = 1, .d = d}, C = {.L = 1, .d = d};
    planar_random(r, &P, 0, -0.5);
    size_t k = 1 + (size_t)t % (d - 1);
    int parity = t % 2;
    coupling_random(r, &C, 0, k, parity);
    gsl_matrix *Z = gsl_matrix_alloc(N, d), *X = gsl_matrix_alloc(N, d);
    gsl_matrix *Zb = gsl_matrix_alloc(N, d);
    gsl_vector *ld = gsl_vector_alloc(N);
    rmat(r, Z, -3, 3);
    mdl_vae_planar_forward(P.u[0], P.w[0], P.b[0], Z, X, ld);
    mdl_vae_planar_inverse(P.u[0], P.w[0], P.b[0], X, Zb, ld);
    double c, un = 0;
    gsl_blas_ddot(P.w[0], P.u[0], &c);
    for (size_t j = 0; j < d; j++)
      un = claim_fmax(un, fabs(gsl_vector_get(P.u[0], j)));
    for (size_t i = 0; i < N; i++) {
      double xn = 0, wx = 0, err = 0;
      for (size_t j = 0; j < d; j++) {
        xn = claim_fmax(xn, fabs(gsl_matrix_get(X, i, j)));
        wx += fabs(gsl_vector_get(P.w[0], j) * gsl_matrix_get(X, i, j));
        err = claim_fmax(err, fabs(gsl_matrix_get(Zb, i, j) - gsl_matrix_get(Z, i, j)));
      }
      double tol = 32 * U * (xn + un * (1 + fabs(c) + fabs(P.b[0]) + wx));
      planar = claim_fmax(planar, err / tol);
    }
    mdl_vae_coupling_forward(C.st[0], k, parity, Z, X, ld);
    mdl_vae_coupling_inverse(C.st[0], k, parity, X, Zb, ld);
    size_t pass = parity ? d - k : 0, move = parity ? 0 : k, rr = d - k;
    gsl_matrix *O = gsl_matrix_alloc(N, 2 * rr);
    gsl_matrix_view Pz = gsl_matrix_submatrix(Z, 0, pass, N, k);
    mdl_net_forward(C.st[0], &Pz.matrix, O);
    for (size_t i = 0; i < N; i++)
      for (size_t j = 0; j < d; j++) {
        double e = fabs(gsl_matrix_get(Zb, i, j) - gsl_matrix_get(Z, i, j));
        if (j < move || j >= move + rr) {
          coup = claim_fmax(coup, e == 0 ? 0 : HUGE_VAL);
          continue;
        }
        double s = gsl_matrix_get(O, i, j - move);
        double tt = gsl_matrix_get(O, i, rr + j - move);
        double tol = 16 * U * (fabs(gsl_matrix_get(Z, i, j)) +
                               (fabs(gsl_matrix_get(X, i, j)) + fabs(tt)) *
                                   exp(-s));
        coup = claim_fmax(coup, e / tol);
      }
    gsl_matrix_free(O);
    gsl_matrix_free(Z);
    gsl_matrix_free(X);
    gsl_matrix_free(Zb);
    gsl_vector_free(ld);
    flow_free(&P);
    flow_free(&C);
  }
  CLAIM(.id = "vae.planar-inverse", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = planar, .reference = 1,
        .samples = 20 * N, .seed = seed,
        .note = "max |f^-1(f(z)) - z| over its rounding tolerance, planar,"
                " w^T u >= -1/2");
  CLAIM(.id = "vae.coupling-inverse", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = coup, .reference = 1,
        .samples = 20 * N, .seed = seed,
        .note = "max |f^-1(f(x)) - x| over its rounding tolerance, coupling"
                " layers");
  gsl_rng_free(r);
}
#line 5043 "chapters/06-vae.nw"
static void test_planar_noninjective(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6040003);
  gsl_rng *r = new_rng(seed);
  double worst = 0, apart = HUGE_VAL;
  for (int t = 0; t < 20; t++) {
    size_t d = 1 + (size_t)t % 4;
    gsl_vector *u = gsl_vector_alloc(d), *w = gsl_vector_alloc(d);
    rvec(r, u, -1, 1);
    rvec(r, w, 0.5, 1.5);
    double b = -1 + 2 * gsl_rng_uniform(r), c, ww, target;
    gsl_blas_ddot(w, u, &c);
    while (fabs(c) < 0.05) {
      rvec(r, u, -1, 1);
      gsl_blas_ddot(w, u, &c);
    }
    target = -(1.5 + gsl_rng_uniform(r));
    gsl_vector_scale(u, target / c);
    gsl_blas_ddot(w, u, &c);
    gsl_blas_ddot(w, w, &ww);
    double lo = 1e-6, hi = 1, a = fabs(c);
    for (int it = 0; it < 200; it++) {
      double mid = 0.5 * (lo + hi);
      if (tanh(a * mid) - mid > 0)
        lo = mid;
      else
        hi = mid;
    }
    double s = 0.5 * (lo + hi);
    gsl_matrix *Z = gsl_matrix_alloc(3, d), *X = gsl_matrix_alloc(3, d);
    gsl_vector *ld = gsl_vector_alloc(3);
    double zn = 0, un = 0;
    for (size_t j = 0; j < d; j++) {
      double z0 = -b * gsl_vector_get(w, j) / ww;
      gsl_matrix_set(Z, 0, j, z0);
      gsl_matrix_set(Z, 1, j, z0 + s * gsl_vector_get(u, j));
      gsl_matrix_set(Z, 2, j, z0 - s * gsl_vector_get(u, j));
      zn = claim_fmax(zn, fabs(z0));
      un = claim_fmax(un, fabs(gsl_vector_get(u, j)));
    }
    mdl_vae_planar_forward(u, w, b, Z, X, ld);
    double tol = 16 * U * (zn + 2 * un) + 4 * un * (hi - lo);
    for (size_t j = 0; j < d; j++) {
      double x0 = gsl_matrix_get(X, 0, j);
      worst = claim_fmax(worst, fmax(fabs(gsl_matrix_get(X, 1, j) - x0),
                               fabs(gsl_matrix_get(X, 2, j) - x0)) / tol);
    }
    apart = fmin(apart, s * sqrt(c * c / ww));
    gsl_vector_free(u);
    gsl_vector_free(w);
    gsl_matrix_free(Z);
    gsl_matrix_free(X);
    gsl_vector_free(ld);
  }
  CLAIM(.id = "vae.planar-noninjective", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .samples = 20, .seed = seed,
        .note = "w^T u < -1: max |f(z0 +- s* u) - f(z0)| over its rounding"
                " tolerance: three codes, one image");
  CLAIM(.id = "vae.planar-noninjective", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = apart, .reference = 0.01,
        .samples = 20, .seed = seed,
        .note = "min distance |s* u| between the codes with the same image");
  gsl_rng_free(r);
}
#line 5119 "chapters/06-vae.nw"
static double cov_logdensity_batch(const flow_t *F, gsl_matrix *X,
                                   gsl_vector *out)
{
  gsl_vector *ld = gsl_vector_alloc(X->size1);
  gsl_vector_set_zero(out);
  for (size_t l = F->L; l-- > 0;) {
    mdl_vae_planar_inverse(F->u[l], F->w[l], F->b[l], X, X, ld);
    gsl_vector_add(out, ld);
  }
  for (size_t i = 0; i < X->size1; i++) {
    double s = 0;
    for (size_t j = 0; j < X->size2; j++)
      s += gsl_matrix_get(X, i, j) * gsl_matrix_get(X, i, j);
    *gsl_vector_ptr(out, i) -= 0.5 * ((double)X->size2 * (M_LN2 + M_LNPI) + s);
  }
  gsl_vector_free(ld);
  return 0;
}

static double cov_density_1d(double x, void *params)
{
  gsl_matrix *X = gsl_matrix_alloc(1, 1);
  gsl_vector *o = gsl_vector_alloc(1);
  gsl_matrix_set(X, 0, 0, x);
  cov_logdensity_batch(params, X, o);
  double v = exp(gsl_vector_get(o, 0));
  gsl_matrix_free(X);
  gsl_vector_free(o);
  return v;
}

static double grid_mass(const flow_t *F, double R, size_t G)
{
  gsl_matrix *X = gsl_matrix_alloc(G * G, 2);
  gsl_vector *o = gsl_vector_alloc(G * G);
  double h = 2 * R / (double)G, s = 0;
  for (size_t i = 0; i < G; i++)
    for (size_t j = 0; j < G; j++) {
      gsl_matrix_set(X, i * G + j, 0, -R + (i + 0.5) * h);
      gsl_matrix_set(X, i * G + j, 1, -R + (j + 0.5) * h);
    }
  cov_logdensity_batch(F, X, o);
  for (size_t i = 0; i < G * G; i++)
    s += exp(gsl_vector_get(o, i));
  gsl_matrix_free(X);
  gsl_vector_free(o);
  return s * h * h;
}

static void test_change_of_variables(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6040004);
  gsl_rng *r = new_rng(seed);
  gsl_integration_workspace *ws = gsl_integration_workspace_alloc(1000);
  double worst1 = 0, worst2 = 0;
  for (int t = 0; t < 4; t++) {
    flow_t F = {.L = 3, .d = 1};
    for (size_t l = 0; l < 3; l++)
      planar_random(r, &F, l, -0.5);
    gsl_function f = {cov_density_1d, &F};
    double mass, err;
    gsl_integration_qagi(&f, 1e-12, 1e-10, 1000, ws, &mass, &err);
    worst1 = claim_fmax(worst1, fabs(mass - 1) / (10 * err + 1e-9));
    flow_free(&F);
    flow_t F2 = {.L = 3, .d = 2};
    double Usum = 0;
    for (size_t l = 0; l < 3; l++) {
      planar_random(r, &F2, l, -0.5);
      Usum += fmax(fabs(gsl_vector_get(F2.u[l], 0)),
                   fabs(gsl_vector_get(F2.u[l], 1)));
    }
    double R = Usum + 7;
    double fine = grid_mass(&F2, R, 300), coarse = grid_mass(&F2, R, 150);
    worst2 = claim_fmax(worst2, fabs(fine - 1) / (fabs(fine - coarse) + 1e-9));
    flow_free(&F2);
  }
  gsl_integration_workspace_free(ws);
  CLAIM(.id = "vae.change-of-variables", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst1, .reference = 1,
        .samples = 4, .seed = seed,
        .note = "max |integral of p_X - 1| over 10 abserr + 1e-9, three"
                " planar layers on the line");
  CLAIM(.id = "vae.change-of-variables", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst2, .reference = 1,
        .samples = 4, .seed = seed,
        .note = "max |grid integral of p_X - 1| over |fine - coarse| + 1e-9,"
                " three planar layers in the plane");
  gsl_rng_free(r);
}
#line 5224 "chapters/06-vae.nw"
static void test_flow_loglik(void **state)
{
  (void)state;
  enum { N = 20, d = 4 };
  unsigned long seed = claim_seed(6060004);
  gsl_rng *r = new_rng(seed);
  double worst = 0, back = 0;
  for (int t = 0; t < 10; t++) {
    flow_t G = {.L = 4, .d = d};
    planar_random(r, &G, 0, -1);
    coupling_random(r, &G, 1, 2, t % 2);
    planar_random(r, &G, 2, -1);
    coupling_random(r, &G, 3, 1, 1 - t % 2);
    mdl_vae_flow_layer lay[4];
    for (size_t l = 0; l < 4; l++)
      lay[l] = (mdl_vae_flow_layer){
          .kind = G.kind[l] ? MDL_VAE_FLOW_COUPLING : MDL_VAE_FLOW_PLANAR,
          .u = G.u[l], .w = G.w[l], .b = G.b[l], .st = G.st[l], .k = G.k[l],
          .parity = G.parity[l]};
    gsl_matrix *X = gsl_matrix_alloc(N, d), *Z0 = gsl_matrix_alloc(N, d);
    gsl_matrix *Xb = gsl_matrix_alloc(N, d);
    gsl_vector *ll = gsl_vector_alloc(N), *ld = gsl_vector_alloc(N);
    rmat(r, X, -2.5, 2.5);
    assert_int_equal(mdl_vae_flow_loglik(lay, 4, X, ll, Z0), GSL_SUCCESS);
    gsl_matrix_memcpy(Xb, Z0);
    flow_forward(&G, Xb, ld);
    for (size_t i = 0; i < N; i++) {
      gsl_vector_view z = gsl_matrix_row(Z0, i);
      double sq = 0, xm = 0;
      for (size_t j = 0; j < d; j++) {
        sq += gsl_vector_get(&z.vector, j) * gsl_vector_get(&z.vector, j);
        xm = claim_fmax(xm, fabs(gsl_matrix_get(X, i, j)));
        back = claim_fmax(back, fabs(gsl_matrix_get(Xb, i, j) -
                               gsl_matrix_get(X, i, j)) / (1e-9 * (1 + xm)));
      }
      double logn = -0.5 * (d * log(2 * M_PI) + sq);
      size_t nz = 0;
      worst = claim_fmax(worst, logdet_error(&G, &z.vector,
                                       logn - gsl_vector_get(ll, i), NULL,
                                       &nz));
    }
    gsl_matrix_free(X);
    gsl_matrix_free(Z0);
    gsl_matrix_free(Xb);
    gsl_vector_free(ll);
    gsl_vector_free(ld);
    flow_free(&G);
  }
  CLAIM(.id = "vae.flow-loglik", .kind = CLAIM_BOUND, .measured = worst,
        .reference = 1, .samples = 10 * N, .seed = seed,
        .note = "max |flow log-likelihood - (log N(z0) - log|det| of the"
                " numerical Jacobian)| over its tolerance, 4 layers in R^4");
  CLAIM(.id = "vae.flow-loglik", .kind = CLAIM_BOUND, .measured = back,
        .reference = 1, .samples = 10 * N, .seed = seed,
        .note = "max |F(z0) - x| over 1e-9 (1 + |x|): the layers are inverted"
                " in the right order");
  gsl_rng_free(r);
}
#line 5303 "chapters/06-vae.nw"
#define ERR(id, code, call, untouched_expr, what)                             \
  do {                                                                        \
    claim_expect_error();                                                     \
    int status_ = (call);                                                     \
    CLAIM(.id = (id), .kind = CLAIM_ERROR, .measured = status_,               \
          .reference = (code), .untouched = (untouched_expr),                 \
          .note = (what));                                                    \
  } while (0)

#define ERR_NAN(id, code, call, what)                                         \
  do {                                                                        \
    claim_expect_error();                                                     \
    double value_ = (call);                                                   \
    CLAIM(.id = (id), .kind = CLAIM_ERROR, .measured = claim_last_error(),    \
          .reference = (code), .untouched = isnan(value_), .note = (what));   \
  } while (0)

static void test_gaussian_errors(void **state)
{
  (void)state;
  const char *id = "vae.gaussian-errors";
  gsl_vector *a = gsl_vector_alloc(3), *b = gsl_vector_alloc(3);
  gsl_vector *c = gsl_vector_alloc(2), *nan = gsl_vector_alloc(3);
  gsl_vector *z = gsl_vector_alloc(3), *e = gsl_vector_alloc(3);
  gsl_rng *r = new_rng(1);
  gsl_vector_set_all(a, 0.25);
  gsl_vector_set_all(b, -0.5);
  gsl_vector_set_all(c, 0.1);
  gsl_vector_set_all(nan, 0.1);
  gsl_vector_set(nan, 1, NAN);
  gsl_vector ev = claim_empty_vector();
  ERR_NAN(id, GSL_EBADLEN, mdl_vae_kl_diag_normal(&ev, &ev),
          "mdl_vae_kl_diag_normal: empty mu and logvar");
  ERR_NAN(id, GSL_EBADLEN, mdl_vae_kl_diag_normals(&ev, &ev, &ev, &ev),
          "mdl_vae_kl_diag_normals: empty vectors");
  ERR_NAN(id, GSL_EBADLEN, mdl_vae_diag_normal_logpdf(&ev, &ev, &ev),
          "mdl_vae_diag_normal_logpdf: empty vectors");
  ERR_NAN(id, GSL_EFAULT, mdl_vae_kl_diag_normal(NULL, b), "mdl_vae_kl_diag_normal: mu NULL");
  ERR_NAN(id, GSL_EFAULT, mdl_vae_kl_diag_normal(a, NULL), "mdl_vae_kl_diag_normal: logvar NULL");
  ERR_NAN(id, GSL_EBADLEN, mdl_vae_kl_diag_normal(a, c), "mdl_vae_kl_diag_normal: 3 vs 2 entries");
  ERR_NAN(id, GSL_EDOM, mdl_vae_kl_diag_normal(a, nan), "mdl_vae_kl_diag_normal: NaN logvar");
  ERR_NAN(id, GSL_EDOM, mdl_vae_kl_diag_normal(nan, b), "mdl_vae_kl_diag_normal: NaN mu");
  gsl_vector_set(nan, 1, HUGE_VAL);
  ERR_NAN(id, GSL_EDOM, mdl_vae_kl_diag_normal(a, nan), "mdl_vae_kl_diag_normal: infinite logvar");
  ERR_NAN(id, GSL_EFAULT, mdl_vae_kl_diag_normals(a, b, NULL, b),
          "mdl_vae_kl_diag_normals: mu2 NULL");
  ERR_NAN(id, GSL_EFAULT, mdl_vae_kl_diag_normals(a, NULL, a, b),
          "mdl_vae_kl_diag_normals: logvar1 NULL");
  ERR_NAN(id, GSL_EBADLEN, mdl_vae_kl_diag_normals(a, b, c, c),
          "mdl_vae_kl_diag_normals: pair 2 has 2 entries, pair 1 has 3");
  ERR_NAN(id, GSL_EBADLEN, mdl_vae_kl_diag_normals(a, b, a, c),
          "mdl_vae_kl_diag_normals: logvar2 has 2 entries");
  ERR_NAN(id, GSL_EDOM, mdl_vae_kl_diag_normals(a, b, a, nan),
          "mdl_vae_kl_diag_normals: infinite logvar2");
  ERR_NAN(id, GSL_EDOM, mdl_vae_kl_diag_normals(nan, b, a, b),
          "mdl_vae_kl_diag_normals: infinite mu1");
  ERR_NAN(id, GSL_EFAULT, mdl_vae_diag_normal_logpdf(NULL, a, b),
          "mdl_vae_diag_normal_logpdf: x NULL");
  ERR_NAN(id, GSL_EBADLEN, mdl_vae_diag_normal_logpdf(c, a, b),
          "mdl_vae_diag_normal_logpdf: x has 2 entries");
  ERR_NAN(id, GSL_EDOM, mdl_vae_diag_normal_logpdf(nan, a, b),
          "mdl_vae_diag_normal_logpdf: infinite x");
  gsl_vector_set_all(z, 7.5);
  gsl_vector_set_all(e, 7.5);
  ERR(id, GSL_EFAULT, mdl_vae_reparameterize(a, b, NULL, z),
      claim_all_equal(z, 7.5), "mdl_vae_reparameterize: eps NULL");
  ERR(id, GSL_EFAULT, mdl_vae_reparameterize(a, b, a, NULL), 1,
      "mdl_vae_reparameterize: z NULL");
  ERR(id, GSL_EBADLEN, mdl_vae_reparameterize(a, b, c, z),
      claim_all_equal(z, 7.5), "mdl_vae_reparameterize: eps has 2 entries");
  ERR(id, GSL_EBADLEN, mdl_vae_reparameterize(c, c, c, z),
      claim_all_equal(z, 7.5), "mdl_vae_reparameterize: z has 3 entries, mu 2");
  ERR(id, GSL_EDOM, mdl_vae_reparameterize(a, nan, a, z),
      claim_all_equal(z, 7.5), "mdl_vae_reparameterize: infinite logvar");
  ERR(id, GSL_EFAULT, mdl_vae_diag_normal_sample(a, b, NULL, e, z),
      claim_all_equal(z, 7.5) && claim_all_equal(e, 7.5), "mdl_vae_diag_normal_sample: r NULL");
  ERR(id, GSL_EBADLEN, mdl_vae_diag_normal_sample(a, b, r, c, z),
      claim_all_equal(z, 7.5), "mdl_vae_diag_normal_sample: eps has 2 entries");
  ERR(id, GSL_EDOM, mdl_vae_diag_normal_sample(a, nan, r, e, z),
      claim_all_equal(z, 7.5) && claim_all_equal(e, 7.5),
      "mdl_vae_diag_normal_sample: infinite logvar");
#line 5399 "chapters/06-vae.nw"
  gsl_vector_set(nan, 1, NAN);
  CLAIM_MESSAGE(id, mdl_vae_kl_diag_normal(nan, a), "mu[1] = nan",
                "mdl_vae_kl_diag_normal: mu[1] is NaN");
  CLAIM_MESSAGE(id, mdl_vae_kl_diag_normals(a, b, a, nan), "logvar2[1] = nan",
                "mdl_vae_kl_diag_normals: logvar2[1] is NaN");
  CLAIM_MESSAGE(id, mdl_vae_kl_diag_normals(a, b, c, c),
                "mu1 has 3 entries, expected 2 (the length of mu2)",
                "mdl_vae_kl_diag_normals: q2 of length 2");
  CLAIM_MESSAGE(id, mdl_vae_reparameterize(a, b, NULL, z), "eps is NULL",
                "mdl_vae_reparameterize: eps is NULL");
  CLAIM_MESSAGE(id, mdl_vae_diag_normal_logpdf(a, nan, b), "mu[1] = nan",
                "mdl_vae_diag_normal_logpdf: mu[1] is NaN");
  {
    gsl_matrix *X1 = gsl_matrix_alloc(1, 3), *W = gsl_matrix_alloc(3, 1);
    gsl_vector *psi = gsl_vector_alloc(3), *mu = gsl_vector_alloc(3);
    gsl_matrix_set_all(X1, 0.5);
    gsl_matrix_set_all(W, 0.25);
    gsl_vector_set_all(psi, 1);
    gsl_vector_set_all(mu, 0);
    CLAIM_MESSAGE(id, mdl_vae_fa_em(X1, 5, 0, W, mu, psi),
                  "X has 1 rows, expected at least 2",
                  "mdl_vae_fa_em: X with 1 row");
    gsl_vector_set(psi, 2, -1);
    double ll = 0;
    CLAIM_MESSAGE(id, mdl_vae_fa_loglik(X1, W, mu, psi, &ll),
                  "psi[2] = -1", "mdl_vae_fa_loglik: psi[2] = -1");
    gsl_vector *u = gsl_vector_alloc(2), *w = gsl_vector_alloc(2);
    gsl_matrix *Z = gsl_matrix_alloc(3, 2);
    gsl_vector_set_all(u, 1);
    gsl_vector_set_all(w, -1);
    gsl_matrix_set_all(Z, 0.5);
    CLAIM_MESSAGE(id, mdl_vae_planar_inverse(u, w, 0.5, Z, Z, e),
                  "w^T u = -2 < -1", "mdl_vae_planar_inverse: w^T u = -2");
    gsl_matrix_set(Z, 2, 1, HUGE_VAL);
    CLAIM_MESSAGE(id, mdl_vae_planar_forward(u, u, 0.5, Z, Z, e),
                  "the input[2][1] = inf",
                  "mdl_vae_planar_forward: an infinite input");
    gsl_vector_free(u);
    gsl_vector_free(w);
    gsl_matrix_free(Z);
    gsl_matrix_free(X1);
    gsl_matrix_free(W);
    gsl_vector_free(psi);
    gsl_vector_free(mu);
  }
#line 5385 "chapters/06-vae.nw"
  gsl_vector_free(a);
  gsl_vector_free(b);
  gsl_vector_free(c);
  gsl_vector_free(nan);
  gsl_vector_free(z);
  gsl_vector_free(e);
  gsl_rng_free(r);
}
#line 5451 "chapters/06-vae.nw"
static void test_linear_errors(void **state)
{
  (void)state;
  const char *id = "vae.linear-errors";
  enum { N = 6, n = 3, m = 1 };
  gsl_matrix *X = gsl_matrix_alloc(N, n), *W = gsl_matrix_alloc(n, m);
  gsl_matrix *W2 = gsl_matrix_alloc(n, 2), *cov = gsl_matrix_alloc(m, m);
  gsl_matrix *Wn = gsl_matrix_alloc(n, n), *Xl = gsl_matrix_alloc(N, n);
  gsl_matrix *X1 = gsl_matrix_alloc(1, n), *Xn = gsl_matrix_alloc(N, n);
  gsl_vector *mu = gsl_vector_alloc(n), *psi = gsl_vector_alloc(n);
  gsl_vector *psi0 = gsl_vector_alloc(n), *short_ = gsl_vector_alloc(2);
  gsl_vector *x = gsl_vector_alloc(n), *mean = gsl_vector_alloc(m);
  gsl_vector *qm = gsl_vector_alloc(m), *ql = gsl_vector_alloc(m);
  gsl_vector *q2 = gsl_vector_alloc(2), *psiu = gsl_vector_alloc(n);
  gsl_rng *r = new_rng(2);
  rmat(r, X, -1, 1);
  rmat(r, W, -1, 1);
  rmat(r, W2, -1, 1);
  rvec(r, mu, -1, 1);
  rvec(r, x, -1, 1);
  gsl_matrix_set_all(Wn, 7.5);
  gsl_vector_set_all(psi, 0.5);
  gsl_vector_set_all(psi0, 0.5);
  gsl_vector_set(psi0, 2, 0);
  gsl_vector_set_all(psiu, 0.5);
  gsl_vector_set(psiu, 0, 0.7);
  gsl_vector_set_all(qm, 0.1);
  gsl_vector_set_all(ql, -0.2);
  gsl_vector_set_all(q2, 0.1);
  gsl_matrix_memcpy(Xn, X);
  gsl_matrix_set(Xn, 3, 1, NAN);
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < n; j++)
      gsl_matrix_set(Xl, i, j, (double)i * (1.0 + (double)j));
  double v = 7.5;
  gsl_matrix E0 = claim_empty_matrix(0, n);
  ERR(id, GSL_EBADLEN, mdl_vae_fa_loglik(&E0, W, mu, psi, &v), v == 7.5,
      "mdl_vae_fa_loglik: X has no rows");
  ERR(id, GSL_EFAULT, mdl_vae_fa_loglik(NULL, W, mu, psi, &v), v == 7.5,
      "mdl_vae_fa_loglik: X NULL");
  ERR(id, GSL_EFAULT, mdl_vae_fa_loglik(X, W, NULL, psi, &v), v == 7.5,
      "mdl_vae_fa_loglik: mu NULL");
  ERR(id, GSL_EBADLEN, mdl_vae_fa_loglik(X, W, short_, psi, &v), v == 7.5,
      "mdl_vae_fa_loglik: mu has 2 entries, W 3 rows");
  ERR(id, GSL_EDOM, mdl_vae_fa_loglik(X, W, mu, psi0, &v), v == 7.5,
      "mdl_vae_fa_loglik: psi[2] = 0, a singular noise covariance");
  ERR(id, GSL_EDOM, mdl_vae_fa_loglik(Xn, W, mu, psi, &v), v == 7.5,
      "mdl_vae_fa_loglik: NaN in X");
  gsl_vector_set_all(mean, 7.5);
  gsl_matrix_set_all(cov, 7.5);
  ERR(id, GSL_EFAULT, mdl_vae_fa_posterior(x, W, mu, psi, NULL, cov),
      claim_all_equal_matrix(cov, 7.5), "mdl_vae_fa_posterior: mean NULL");
  ERR(id, GSL_EBADLEN, mdl_vae_fa_posterior(x, W2, mu, psi, mean, cov),
      claim_all_equal(mean, 7.5) && claim_all_equal_matrix(cov, 7.5),
      "mdl_vae_fa_posterior: W has 2 columns, mean 1 entry");
  ERR(id, GSL_EDOM, mdl_vae_fa_posterior(x, W, mu, psi0, mean, cov),
      claim_all_equal(mean, 7.5) && claim_all_equal_matrix(cov, 7.5),
      "mdl_vae_fa_posterior: psi[2] = 0");
  ERR(id, GSL_EFAULT, mdl_vae_fa_elbo(NULL, W, mu, psi, qm, ql, &v), v == 7.5,
      "mdl_vae_fa_elbo: x NULL");
  ERR(id, GSL_EBADLEN, mdl_vae_fa_elbo(x, W, mu, psi, q2, q2, &v), v == 7.5,
      "mdl_vae_fa_elbo: q has 2 entries, W 1 column");
  gsl_vector_set(ql, 0, NAN);
  ERR(id, GSL_EDOM, mdl_vae_fa_elbo(x, W, mu, psi, qm, ql, &v), v == 7.5,
      "mdl_vae_fa_elbo: NaN log-variance of q");
  ERR(id, GSL_EDOM, mdl_vae_fa_iwae(x, W, mu, psi, qm, ql, 4, r, &v),
      v == 7.5, "mdl_vae_fa_iwae: NaN log-variance of q");
  gsl_vector_set(ql, 0, -0.2);
  ERR(id, GSL_EINVAL, mdl_vae_fa_iwae(x, W, mu, psi, qm, ql, 0, r, &v),
      v == 7.5, "mdl_vae_fa_iwae: k = 0");
  ERR(id, GSL_EFAULT, mdl_vae_fa_iwae(x, W, mu, psi, qm, ql, 4, NULL, &v),
      v == 7.5, "mdl_vae_fa_iwae: r NULL");
  double s2 = 7.5;
  gsl_matrix_set_all(W, 7.5);
  gsl_vector_set_all(mu, 7.5);
  ERR(id, GSL_EFAULT, mdl_vae_ppca_mle(NULL, 1, W, mu, &s2), s2 == 7.5,
      "mdl_vae_ppca_mle: X NULL");
  ERR(id, GSL_EINVAL, mdl_vae_ppca_mle(X, 3, Wn, mu, &s2),
      s2 == 7.5 && claim_all_equal_matrix(Wn, 7.5) &&
          claim_all_equal(mu, 7.5),
      "mdl_vae_ppca_mle: m = 3 >= n = 3");
  ERR(id, GSL_EINVAL, mdl_vae_ppca_mle(X, 0, W, mu, &s2),
      s2 == 7.5 && claim_all_equal_matrix(W, 7.5), "mdl_vae_ppca_mle: m = 0");
  ERR(id, GSL_EBADLEN, mdl_vae_ppca_mle(X, 2, W, mu, &s2),
      s2 == 7.5 && claim_all_equal_matrix(W, 7.5),
      "mdl_vae_ppca_mle: W has 1 column, m = 2");
  ERR(id, GSL_EINVAL, mdl_vae_ppca_mle(X1, 1, W, mu, &s2),
      s2 == 7.5 && claim_all_equal_matrix(W, 7.5), "mdl_vae_ppca_mle: 1 point");
  ERR(id, GSL_EDOM, mdl_vae_ppca_mle(Xn, 1, W, mu, &s2),
      s2 == 7.5 && claim_all_equal_matrix(W, 7.5), "mdl_vae_ppca_mle: NaN in X");
  ERR(id, GSL_ESING, mdl_vae_ppca_mle(Xl, 1, W, mu, &s2),
      s2 == 7.5 && claim_all_equal_matrix(W, 7.5) && claim_all_equal(mu, 7.5),
      "mdl_vae_ppca_mle: the points lie on a line, m = 1: singular covariance");
  rmat(r, W, -1, 1);
  gsl_vector_set_all(mu, 7.5);
  gsl_matrix *Wc = gsl_matrix_alloc(n, m);
  gsl_matrix_memcpy(Wc, W);
  ERR(id, GSL_EINVAL, mdl_vae_fa_em(X, 5, 1, W, mu, psiu),
      gsl_matrix_equal(W, Wc) && claim_all_equal(mu, 7.5),
      "mdl_vae_fa_em: isotropic with unequal psi");
  ERR(id, GSL_EFAULT, mdl_vae_fa_em(NULL, 5, 1, W, mu, psi),
      gsl_matrix_equal(W, Wc) && claim_all_equal(mu, 7.5), "mdl_vae_fa_em: X NULL");
  ERR(id, GSL_EDOM, mdl_vae_fa_em(Xn, 5, 0, W, mu, psi),
      gsl_matrix_equal(W, Wc) && claim_all_equal(mu, 7.5),
      "mdl_vae_fa_em: NaN in X");
  ERR(id, GSL_EBADLEN, mdl_vae_fa_em(X, 5, 0, W, mu, short_),
      gsl_matrix_equal(W, Wc) && claim_all_equal(mu, 7.5),
      "mdl_vae_fa_em: psi has 2 entries");
  gsl_matrix_free(Wc);
  gsl_matrix_free(X);
  gsl_matrix_free(W);
  gsl_matrix_free(W2);
  gsl_matrix_free(cov);
  gsl_matrix_free(Wn);
  gsl_matrix_free(Xl);
  gsl_matrix_free(X1);
  gsl_matrix_free(Xn);
  gsl_vector_free(mu);
  gsl_vector_free(psi);
  gsl_vector_free(psi0);
  gsl_vector_free(short_);
  gsl_vector_free(x);
  gsl_vector_free(mean);
  gsl_vector_free(qm);
  gsl_vector_free(ql);
  gsl_vector_free(q2);
  gsl_vector_free(psiu);
  gsl_rng_free(r);
}
#line 5587 "chapters/06-vae.nw"
static void test_flow_errors(void **state)
{
  (void)state;
  const char *id = "vae.flow-errors";
  enum { N = 4, d = 3 };
  gsl_vector *u = gsl_vector_alloc(d), *w = gsl_vector_alloc(d);
  gsl_vector *s2 = gsl_vector_alloc(2), *ld = gsl_vector_alloc(N);
  gsl_matrix *Z = gsl_matrix_alloc(N, d), *X = gsl_matrix_alloc(N, d);
  gsl_matrix *X2 = gsl_matrix_alloc(N, 2), *Zn = gsl_matrix_alloc(N, d);
  gsl_rng *r = new_rng(3);
  rmat(r, Z, -1, 1);
  gsl_matrix_memcpy(Zn, Z);
  gsl_matrix_set(Zn, 1, 1, HUGE_VAL);
  gsl_vector_set_all(u, 0.5);
  gsl_vector_set_all(w, 0.5);
  gsl_matrix_set_all(X, 7.5);
  gsl_vector_set_all(ld, 7.5);
#define UNTOUCHED (claim_all_equal_matrix(X, 7.5) && claim_all_equal(ld, 7.5))
  gsl_matrix Ze = claim_empty_matrix(0, d);
  gsl_vector le = claim_empty_vector();
  ERR(id, GSL_EBADLEN, mdl_vae_planar_forward(u, w, 0.1, &Ze, &Ze, &le), 1,
      "mdl_vae_planar_forward: a batch of no rows");
  ERR(id, GSL_EBADLEN, mdl_vae_planar_inverse(u, w, 0.1, &Ze, &Ze, &le), 1,
      "mdl_vae_planar_inverse: a batch of no rows");
  ERR(id, GSL_EFAULT, mdl_vae_planar_forward(NULL, w, 0.1, Z, X, ld),
      UNTOUCHED, "mdl_vae_planar_forward: u NULL");
  ERR(id, GSL_EFAULT, mdl_vae_planar_forward(u, w, 0.1, Z, X, NULL),
      claim_all_equal_matrix(X, 7.5), "mdl_vae_planar_forward: logdet NULL");
  ERR(id, GSL_EBADLEN, mdl_vae_planar_forward(s2, w, 0.1, Z, X, ld),
      UNTOUCHED, "mdl_vae_planar_forward: u has 2 entries, d = 3");
  ERR(id, GSL_EBADLEN, mdl_vae_planar_forward(u, w, 0.1, Z, X2, ld),
      claim_all_equal(ld, 7.5), "mdl_vae_planar_forward: output has 2 columns");
  ERR(id, GSL_EDOM, mdl_vae_planar_forward(u, w, NAN, Z, X, ld), UNTOUCHED,
      "mdl_vae_planar_forward: b is NaN");
  ERR(id, GSL_EDOM, mdl_vae_planar_forward(u, w, 0.1, Zn, X, ld), UNTOUCHED,
      "mdl_vae_planar_forward: infinite input");
  ERR(id, GSL_EFAULT, mdl_vae_planar_inverse(u, NULL, 0.1, Z, X, ld),
      UNTOUCHED, "mdl_vae_planar_inverse: w NULL");
  ERR(id, GSL_EDOM, mdl_vae_planar_inverse(u, w, 0.1, Zn, X, ld), UNTOUCHED,
      "mdl_vae_planar_inverse: infinite input");
  gsl_vector_set_all(u, -1.0);
  ERR(id, GSL_EDOM, mdl_vae_planar_inverse(u, w, 0.1, Z, X, ld), UNTOUCHED,
      "mdl_vae_planar_inverse: w^T u = -1.5 < -1, not invertible");
  size_t widths[3] = {1, 4, 4};
  mdl_net_activation acts[2] = {MDL_NET_TANH, MDL_NET_IDENTITY};
  mdl_net *st = mdl_net_alloc(2, widths, acts);
  mdl_net_init(st, r);
  ERR(id, GSL_EFAULT, mdl_vae_coupling_forward(NULL, 1, 0, Z, X, ld),
      UNTOUCHED, "mdl_vae_coupling_forward: network NULL");
  ERR(id, GSL_EFAULT, mdl_vae_coupling_inverse(st, 1, 0, NULL, X, ld),
      UNTOUCHED, "mdl_vae_coupling_inverse: input NULL");
  ERR(id, GSL_EINVAL, mdl_vae_coupling_forward(st, 0, 0, Z, X, ld), UNTOUCHED,
      "mdl_vae_coupling_forward: k = 0");
  ERR(id, GSL_EINVAL, mdl_vae_coupling_forward(st, 3, 0, Z, X, ld), UNTOUCHED,
      "mdl_vae_coupling_forward: k = 3 = d");
  ERR(id, GSL_EINVAL, mdl_vae_coupling_forward(st, 1, 2, Z, X, ld), UNTOUCHED,
      "mdl_vae_coupling_forward: parity 2");
  ERR(id, GSL_EBADLEN, mdl_vae_coupling_forward(st, 2, 0, Z, X, ld),
      UNTOUCHED, "mdl_vae_coupling_forward: network 1 -> 4, expected 2 -> 2");
  ERR(id, GSL_EBADLEN, mdl_vae_coupling_inverse(st, 1, 0, Z, X2, ld),
      claim_all_equal(ld, 7.5), "mdl_vae_coupling_inverse: output has 2 columns");
  ERR(id, GSL_EDOM, mdl_vae_coupling_inverse(st, 1, 1, Zn, X, ld), UNTOUCHED,
      "mdl_vae_coupling_inverse: infinite input");
#undef UNTOUCHED
  mdl_net_free(st);
  gsl_vector_free(u);
  gsl_vector_free(w);
  gsl_vector_free(s2);
  gsl_vector_free(ld);
  gsl_matrix_free(Z);
  gsl_matrix_free(X);
  gsl_matrix_free(X2);
  gsl_matrix_free(Zn);
  gsl_rng_free(r);
}
#line 5669 "chapters/06-vae.nw"
static void test_vae_errors(void **state)
{
  (void)state;
  const char *id = "vae.vae-errors";
  enum { B = 3, n = 3, m = 2 };
  size_t we[2] = {n, 2 * m}, wd[2] = {m, n}, wbad[2] = {n, 3};
  mdl_net_activation id_act = MDL_NET_IDENTITY, step = MDL_NET_STEP;
  mdl_net *enc = mdl_net_alloc(1, we, &id_act);
  mdl_net *dec = mdl_net_alloc(1, wd, &id_act);
  mdl_net *bad = mdl_net_alloc(1, wbad, &id_act);
  mdl_net *stp = mdl_net_alloc(1, wd, &step);
  gsl_rng *r = new_rng(5);
  mdl_net_init(enc, r);
  mdl_net_init(dec, r);
  claim_expect_error();
  mdl_vae *v0 = mdl_vae_alloc(NULL, dec, MDL_VAE_GAUSSIAN);
  CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
        .reference = GSL_EFAULT, .untouched = v0 == NULL,
        .note = "mdl_vae_alloc: encoder NULL");
  claim_expect_error();
  v0 = mdl_vae_alloc(bad, dec, MDL_VAE_GAUSSIAN);
  CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
        .reference = GSL_EBADLEN, .untouched = v0 == NULL,
        .note = "mdl_vae_alloc: encoder 3 -> 3, expected 3 -> 4");
  claim_expect_error();
  v0 = mdl_vae_alloc(enc, stp, MDL_VAE_GAUSSIAN);
  CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
        .reference = GSL_EINVAL, .untouched = v0 == NULL,
        .note = "mdl_vae_alloc: a step layer in the decoder");
  claim_expect_error();
  v0 = mdl_vae_alloc(enc, dec, (mdl_vae_decoder)7);
  CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
        .reference = GSL_EINVAL, .untouched = v0 == NULL,
        .note = "mdl_vae_alloc: decoder type 7");
  mdl_vae *v = mdl_vae_alloc(enc, dec, MDL_VAE_GAUSSIAN);
  mdl_vae *vb = mdl_vae_alloc(enc, dec, MDL_VAE_BERNOULLI);
  size_t P = mdl_vae_params(v)->size;
  gsl_matrix *X = gsl_matrix_alloc(B, n), *E = gsl_matrix_alloc(B, m);
  gsl_matrix *X2 = gsl_matrix_alloc(B, 2), *E3 = gsl_matrix_alloc(B, 3);
  gsl_matrix *Mu = gsl_matrix_alloc(B, m), *Lv = gsl_matrix_alloc(B, m);
  gsl_vector *g = gsl_vector_alloc(P), *g1 = gsl_vector_alloc(P + 1);
  gsl_vector *th = gsl_vector_alloc(P);
  gsl_vector_memcpy(th, mdl_vae_params(v));
  rmat(r, X, 0.1, 0.9);
  rmat(r, E, -1, 1);
  double val = 7.5, kl = 7.5;
  gsl_vector_set_all(g, 7.5);
  gsl_matrix_set_all(Mu, 7.5);
  gsl_matrix_set_all(Lv, 7.5);
#define UNTOUCHED (val == 7.5 && kl == 7.5 && claim_all_equal(g, 7.5))
  ERR(id, GSL_EFAULT, mdl_vae_elbo(NULL, X, E, &val, &kl, g), UNTOUCHED,
      "mdl_vae_elbo: vae NULL");
  ERR(id, GSL_EFAULT, mdl_vae_elbo(v, X, NULL, &val, &kl, g), UNTOUCHED,
      "mdl_vae_elbo: E NULL");
  ERR(id, GSL_EBADLEN, mdl_vae_elbo(v, X2, E, &val, &kl, g), UNTOUCHED,
      "mdl_vae_elbo: X has 2 columns, expected 3");
  ERR(id, GSL_EBADLEN, mdl_vae_elbo(v, X, E3, &val, &kl, g), UNTOUCHED,
      "mdl_vae_elbo: E has 3 columns, expected m = 2");
  ERR(id, GSL_EBADLEN, mdl_vae_elbo(v, X, E, &val, &kl, g1), UNTOUCHED,
      "mdl_vae_elbo: grad one entry too long");
  gsl_matrix Xe = claim_empty_matrix(0, n);
  ERR(id, GSL_EBADLEN, mdl_vae_elbo(v, &Xe, E, &val, &kl, g), UNTOUCHED,
      "mdl_vae_elbo: X has no rows");
  gsl_matrix_set(X, 1, 2, NAN);
  ERR(id, GSL_EDOM, mdl_vae_elbo(v, X, E, &val, &kl, g), UNTOUCHED,
      "mdl_vae_elbo: X[1][2] is NaN");
  gsl_matrix_set(X, 1, 2, 1.5);
  ERR(id, GSL_EDOM, mdl_vae_elbo(vb, X, E, &val, &kl, g), UNTOUCHED,
      "mdl_vae_elbo: X[1][2] = 1.5 outside [0, 1], Bernoulli decoder");
  gsl_matrix_set(X, 1, 2, 0.5);
  gsl_matrix_set(E, 0, 1, HUGE_VAL);
  ERR(id, GSL_EDOM, mdl_vae_elbo(v, X, E, &val, &kl, g), UNTOUCHED,
      "mdl_vae_elbo: E[0][1] infinite");
  gsl_matrix_set(E, 0, 1, 0.5);
  gsl_vector_view te = gsl_vector_subvector(mdl_vae_params(v), 0,
                                            mdl_net_nparams(enc));
  gsl_vector_view eb = mdl_net_bias(enc, &te.vector, 0);
  gsl_vector_set(&eb.vector, m, 710.0);
  ERR(id, GSL_ERANGE, mdl_vae_elbo(v, X, E, &val, &kl, g), UNTOUCHED,
      "mdl_vae_elbo: a log-variance of 710 overflows");
  gsl_vector_set(&eb.vector, m, 0.0);
  mdl_optim_params p = mdl_optim_defaults(mdl_optim_adam);
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_adam, P, &p);
  gsl_vector_memcpy(th, mdl_vae_params(v));
  ERR(id, GSL_EFAULT, mdl_vae_train_step(v, NULL, X, r, &val), val == 7.5,
      "mdl_vae_train_step: optimizer NULL");
  ERR(id, GSL_EBADLEN, mdl_vae_train_step(v, opt, X2, r, &val),
      val == 7.5 && gsl_vector_equal(th, mdl_vae_params(v)),
      "mdl_vae_train_step: X has 2 columns, expected 3");
  ERR(id, GSL_EFAULT, mdl_vae_iwae(v, X, 4, NULL, &val), val == 7.5,
      "mdl_vae_iwae: r NULL");
  ERR(id, GSL_EINVAL, mdl_vae_iwae(v, X, 0, r, &val), val == 7.5,
      "mdl_vae_iwae: k = 0");
  ERR(id, GSL_EBADLEN, mdl_vae_iwae(v, X2, 4, r, &val), val == 7.5,
      "mdl_vae_iwae: X has 2 columns, expected 3");
  ERR(id, GSL_EFAULT, mdl_vae_encode(v, X, NULL, Lv), claim_all_equal_matrix(Lv, 7.5),
      "mdl_vae_encode: Mu NULL");
  ERR(id, GSL_EBADLEN, mdl_vae_encode(v, X, Mu, E3),
      claim_all_equal_matrix(Mu, 7.5), "mdl_vae_encode: Logvar has 3 columns");
  claim_expect_error();
  gsl_vector *pp = mdl_vae_params(NULL);
  CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
        .reference = GSL_EFAULT, .untouched = pp == NULL,
        .note = "mdl_vae_params: vae NULL");
#undef UNTOUCHED
  mdl_vae_free(NULL);
  CLAIM(.id = id, .kind = CLAIM_IDENTITY, .measured = 1, .reference = 1,
        .tolerance = 0, .note = "mdl_vae_free (NULL) does nothing");
  mdl_optim_free(opt);
  mdl_vae_free(v);
  mdl_vae_free(vb);
  mdl_net_free(enc);
  mdl_net_free(dec);
  mdl_net_free(bad);
  mdl_net_free(stp);
  gsl_matrix_free(X);
  gsl_matrix_free(E);
  gsl_matrix_free(X2);
  gsl_matrix_free(E3);
  gsl_matrix_free(Mu);
  gsl_matrix_free(Lv);
  gsl_vector_free(g);
  gsl_vector_free(g1);
  gsl_vector_free(th);
  gsl_rng_free(r);
}

static void test_flow_loglik_errors(void **state)
{
  (void)state;
  const char *id = "vae.flow-errors";
  enum { N = 3, d = 2 };
  gsl_vector *u = gsl_vector_alloc(d), *w = gsl_vector_alloc(d);
  gsl_vector *ll = gsl_vector_alloc(N), *l2 = gsl_vector_alloc(N + 1);
  gsl_matrix *X = gsl_matrix_alloc(N, d), *Z0 = gsl_matrix_alloc(N, d);
  gsl_vector *u3 = gsl_vector_alloc(3);
  gsl_vector_set_all(u, 0.5);
  gsl_vector_set_all(w, 0.5);
  gsl_vector_set_all(u3, 0.5);
  gsl_matrix_set_all(X, 0.25);
  gsl_vector_set_all(ll, 7.5);
  gsl_matrix_set_all(Z0, 7.5);
  gsl_vector_set_all(l2, 7.5);
  mdl_vae_flow_layer lay[2] = {
      {.kind = MDL_VAE_FLOW_PLANAR, .u = u, .w = w, .b = 0.1},
      {.kind = MDL_VAE_FLOW_PLANAR, .u = u, .w = w, .b = -0.2}};
#define UNTOUCHED (claim_all_equal(ll, 7.5) && claim_all_equal_matrix(Z0, 7.5))
  ERR(id, GSL_EFAULT, mdl_vae_flow_loglik(NULL, 2, X, ll, Z0), UNTOUCHED,
      "mdl_vae_flow_loglik: layers NULL");
  ERR(id, GSL_EFAULT, mdl_vae_flow_loglik(lay, 2, NULL, ll, Z0), UNTOUCHED,
      "mdl_vae_flow_loglik: X NULL");
  ERR(id, GSL_EBADLEN, mdl_vae_flow_loglik(lay, 2, X, l2, Z0),
      claim_all_equal(l2, 7.5) && claim_all_equal_matrix(Z0, 7.5),
      "mdl_vae_flow_loglik: loglik has 4 entries, X 3 rows");
  lay[1].kind = (mdl_vae_flow_kind)5;
  ERR(id, GSL_EINVAL, mdl_vae_flow_loglik(lay, 2, X, ll, Z0), UNTOUCHED,
      "mdl_vae_flow_loglik: layer 1 of kind 5");
  lay[1].kind = MDL_VAE_FLOW_PLANAR;
  lay[1].u = u3;
  ERR(id, GSL_EBADLEN, mdl_vae_flow_loglik(lay, 2, X, ll, Z0), UNTOUCHED,
      "mdl_vae_flow_loglik: layer 1's u has 3 entries, d = 2");
  lay[1].u = u;
  gsl_vector_set_all(u3, -3);
  gsl_vector *um = gsl_vector_alloc(d);
  gsl_vector_set_all(um, -2);
  lay[0].u = um;
  ERR(id, GSL_EDOM, mdl_vae_flow_loglik(lay, 2, X, ll, Z0), UNTOUCHED,
      "mdl_vae_flow_loglik: layer 0 has w^T u = -2 < -1");
  lay[0].u = u;
  gsl_matrix_set(X, 2, 0, NAN);
  ERR(id, GSL_EDOM, mdl_vae_flow_loglik(lay, 2, X, ll, Z0), UNTOUCHED,
      "mdl_vae_flow_loglik: X[2][0] is NaN");
#undef UNTOUCHED
  gsl_vector_free(um);
  gsl_vector_free(u);
  gsl_vector_free(w);
  gsl_vector_free(u3);
  gsl_vector_free(ll);
  gsl_vector_free(l2);
  gsl_matrix_free(X);
  gsl_matrix_free(Z0);
}

#line 398 "chapters/06-vae.nw"
int main(void)
{
  const struct CMUnitTest tests[] = {
#line 547 "chapters/06-vae.nw"
    cmocka_unit_test(test_diag_normal),
#line 621 "chapters/06-vae.nw"
    cmocka_unit_test(test_kl_mc),
#line 665 "chapters/06-vae.nw"
    cmocka_unit_test(test_kl_quadrature),
#line 1697 "chapters/06-vae.nw"
    cmocka_unit_test(test_fa_marginal),
#line 1785 "chapters/06-vae.nw"
    cmocka_unit_test(test_fa_posterior),
#line 2059 "chapters/06-vae.nw"
    cmocka_unit_test(test_fa_em_step),
#line 2063 "chapters/06-vae.nw"
    cmocka_unit_test(test_ppca_maximum),
#line 2557 "chapters/06-vae.nw"
    cmocka_unit_test(test_elbo_linear),
#line 2637 "chapters/06-vae.nw"
    cmocka_unit_test(test_elbo_nonlinear),
#line 2730 "chapters/06-vae.nw"
    cmocka_unit_test(test_grad_estimators),
#line 2900 "chapters/06-vae.nw"
    cmocka_unit_test(test_iwae_estimate),
    cmocka_unit_test(test_iwae),
#line 3851 "chapters/06-vae.nw"
    cmocka_unit_test(test_vae_elbo_exact),
#line 3951 "chapters/06-vae.nw"
    cmocka_unit_test(test_vae_iwae_exact),
#line 4086 "chapters/06-vae.nw"
    cmocka_unit_test(test_linear_vae),
#line 4211 "chapters/06-vae.nw"
    cmocka_unit_test(test_vae_experiment),
#line 4948 "chapters/06-vae.nw"
    cmocka_unit_test(test_flow_logdet),
#line 5035 "chapters/06-vae.nw"
    cmocka_unit_test(test_flow_inverse),
#line 5112 "chapters/06-vae.nw"
    cmocka_unit_test(test_planar_noninjective),
#line 5212 "chapters/06-vae.nw"
    cmocka_unit_test(test_change_of_variables),
#line 5285 "chapters/06-vae.nw"
    cmocka_unit_test(test_flow_loglik),
#line 5447 "chapters/06-vae.nw"
    cmocka_unit_test(test_gaussian_errors),
#line 5583 "chapters/06-vae.nw"
    cmocka_unit_test(test_linear_errors),
#line 5665 "chapters/06-vae.nw"
    cmocka_unit_test(test_flow_errors),
#line 5854 "chapters/06-vae.nw"
    cmocka_unit_test(test_vae_errors),
    cmocka_unit_test(test_flow_loglik_errors),
#line 402 "chapters/06-vae.nw"
  };
  claim_init();
  return cmocka_run_group_tests_name("vae", tests, NULL, NULL);
}
