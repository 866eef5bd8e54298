#line 1633 "chapters/01-optimization.nw"
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
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort_vector.h>
#include <mdl/numcheck.h>
#include <mdl/optim.h>
#include <mpfr.h>
#include "claims.h"
#line 1658 "chapters/01-optimization.nw"
static double gamma_k(double k)
{
  const double u = DBL_EPSILON / 2;
  return k * u / (1 - k * u);
}
#line 2297 "chapters/01-optimization.nw"
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

static double gamma_p(double k)
{
  const double u = 0x1p-128;
  return k * u / (1 - k * u);
}

enum { RBITS = 128 };

static double ref_gamma(double k)
{
  return 2 * gamma_p(k);
}

static void refs_init(mpfr_t *v, size_t n)
{
  for (size_t j = 0; j < n; j++)
    mpfr_init2(v[j], RBITS);
}

static void refs_clear(mpfr_t *v, size_t n)
{
  for (size_t j = 0; j < n; j++)
    mpfr_clear(v[j]);
}

static double ref_norm(mpfr_t *v, size_t n)
{
  mpfr_t s;
  mpfr_init2(s, RBITS);
  mpfr_set_zero(s, 1);
  for (size_t j = 0; j < n; j++)
    mpfr_fma(s, v[j], v[j], s, MPFR_RNDU);
  mpfr_sqrt(s, s, MPFR_RNDU);
  double r = mpfr_get_d(s, MPFR_RNDU);
  mpfr_clear(s);
  return r;
}

static double ref_norm_diff(const gsl_vector *a, const gsl_vector *b,
                            mpfr_t out)
{
  mpfr_t s, d;
  mpfr_inits2(RBITS, s, d, (mpfr_ptr)0);
  mpfr_set_zero(s, 1);
  for (size_t j = 0; j < a->size; j++) {
    mpfr_set_d(d, gsl_vector_get(a, j), MPFR_RNDN);
    mpfr_sub_d(d, d, gsl_vector_get(b, j), MPFR_RNDN);
    mpfr_fma(s, d, d, s, MPFR_RNDN);
  }
  mpfr_sqrt(s, s, MPFR_RNDN);
  if (out)
    mpfr_set(out, s, MPFR_RNDN);
  double r = mpfr_get_d(s, MPFR_RNDN);
  mpfr_clears(s, d, (mpfr_ptr)0);
  return r;
}

static void ref_add_mul(mpfr_t r, const mpfr_t a, double b, const mpfr_t c)
{
  mpfr_t t;
  mpfr_init2(t, RBITS);
  mpfr_mul_d(t, a, b, MPFR_RNDN);
  mpfr_add(r, c, t, MPFR_RNDN);
  mpfr_clear(t);
}

static void ref_dist(const gsl_vector *x, mpfr_t *y, mpfr_t out)
{
  mpfr_t d;
  mpfr_init2(d, RBITS);
  mpfr_set_zero(out, 1);
  for (size_t j = 0; j < x->size; j++) {
    mpfr_d_sub(d, gsl_vector_get(x, j), y[j], MPFR_RNDN);
    mpfr_fma(out, d, d, out, MPFR_RNDN);
  }
  mpfr_sqrt(out, out, MPFR_RNDN);
  mpfr_clear(d);
}

static double ref_quotient(const mpfr_t a, const mpfr_t b)
{
  mpfr_t q;
  mpfr_init2(q, RBITS);
  mpfr_div(q, a, b, MPFR_RNDN);
  double r = mpfr_get_d(q, MPFR_RNDN);
  mpfr_clear(q);
  return r;
}

static double ref_diff_quotient(const mpfr_t a, const mpfr_t b,
                                const mpfr_t c)
{
  mpfr_t q;
  mpfr_init2(q, RBITS);
  mpfr_sub(q, a, b, MPFR_RNDN);
  mpfr_div(q, q, c, MPFR_RNDN);
  double r = mpfr_get_d(q, MPFR_RNDN);
  mpfr_clear(q);
  return r;
}

static void logistic_margin(const logistic *lg, const gsl_vector *theta,
                            size_t i, mpfr_t z, mpfr_t t, double *zabs)
{
  mpfr_set_zero(z, 1);
  *zabs = 0;
  for (size_t j = 0; j < lg->d; j++) {
    double aij = lg->a[i * lg->d + j], tj = gsl_vector_get(theta, j);
    mpfr_set_d(t, aij, MPFR_RNDN);
    mpfr_mul_d(t, t, tj, MPFR_RNDN);
    mpfr_add(z, z, t, MPFR_RNDN);
    *zabs += fabs(aij * tj);
  }
}

static double logistic_f(const logistic *lg, const gsl_vector *theta,
                         mpfr_t f)
{
  mpfr_t z, t, li;
  mpfr_inits2(RBITS, z, t, li, (mpfr_ptr)0);
  double e = 0, zabs;
  mpfr_set_zero(f, 1);
  for (size_t i = 0; i < lg->m; i++) {
    logistic_margin(lg, theta, i, z, t, &zabs);
    mpfr_mul_d(z, z, lg->y[i], MPFR_RNDN);
    mpfr_abs(t, z, MPFR_RNDN);
    mpfr_neg(t, t, MPFR_RNDN);
    mpfr_exp(t, t, MPFR_RNDN);
    mpfr_log1p(li, t, MPFR_RNDN);
    if (mpfr_sgn(z) < 0)
      mpfr_sub(li, li, z, MPFR_RNDN);
    mpfr_add(f, f, li, MPFR_RNDN);
    e += 8 * 0x1p-127 * (mpfr_get_d(li, MPFR_RNDU) + fabs(mpfr_get_d(z, MPFR_RNDA)))
         + ref_gamma((double)lg->d) * zabs;
  }
  mpfr_div_ui(f, f, lg->m, MPFR_RNDN);
  mpfr_set_zero(z, 1);
  for (size_t j = 0; j < lg->d; j++) {
    mpfr_set_d(t, gsl_vector_get(theta, j), MPFR_RNDN);
    mpfr_fma(z, t, t, z, MPFR_RNDN);
  }
  mpfr_mul_d(z, z, lg->rho / 2, MPFR_RNDN);
  mpfr_add(f, f, z, MPFR_RNDN);
  e = e / lg->m + ref_gamma((double)lg->m + lg->d + 4) * fabs(mpfr_get_d(f, MPFR_RNDA));
  mpfr_clears(z, t, li, (mpfr_ptr)0);
  return e;
}

static void logistic_grad(const logistic *lg, const gsl_vector *theta,
                          mpfr_t *g, double *err)
{
  mpfr_t z, t, s;
  mpfr_inits2(RBITS, z, t, s, (mpfr_ptr)0);
  for (size_t j = 0; j < lg->d; j++) {
    mpfr_set_zero(g[j], 1);
    if (err)
      err[j] = 0;
  }
  for (size_t i = 0; i < lg->m; i++) {
    double zabs;
    logistic_margin(lg, theta, i, z, t, &zabs);
    mpfr_mul_d(t, z, lg->y[i], MPFR_RNDN);
    mpfr_exp(t, t, MPFR_RNDN);
    mpfr_add_ui(t, t, 1, MPFR_RNDN);
    mpfr_ui_div(s, 1, t, MPFR_RNDN);
    double dz = ref_gamma((double)lg->d) * zabs, sd = mpfr_get_d(s, MPFR_RNDU);
    for (size_t j = 0; j < lg->d; j++) {
      mpfr_mul_d(t, s, lg->y[i] * lg->a[i * lg->d + j], MPFR_RNDN);
      mpfr_sub(g[j], g[j], t, MPFR_RNDN);
      if (err)
        err[j] += fabs(lg->a[i * lg->d + j])
                  * (dz / 4 + ref_gamma((double)lg->m + 8) * sd);
    }
  }
  for (size_t j = 0; j < lg->d; j++) {
    double tj = gsl_vector_get(theta, j);
    mpfr_div_ui(g[j], g[j], lg->m, MPFR_RNDN);
    mpfr_set_d(t, lg->rho, MPFR_RNDN);
    mpfr_mul_d(t, t, tj, MPFR_RNDN);
    mpfr_add(g[j], g[j], t, MPFR_RNDN);
    if (err)
      err[j] = err[j] / lg->m
               + ref_gamma(4) * (fabs(mpfr_get_d(g[j], MPFR_RNDA))
                                 + lg->rho * fabs(tj));
  }
  mpfr_clears(z, t, s, (mpfr_ptr)0);
}

static void logistic_grad_double(const logistic *lg, const gsl_vector *theta,
                                 gsl_vector *g)
{
  mpfr_t gl[LMAXD];
  refs_init(gl, lg->d);
  logistic_grad(lg, theta, gl, NULL);
  for (size_t j = 0; j < lg->d; j++)
    gsl_vector_set(g, j, mpfr_get_d(gl[j], MPFR_RNDN));
  refs_clear(gl, lg->d);
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
#line 2548 "chapters/01-optimization.nw"
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
#line 3088 "chapters/01-optimization.nw"
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
#line 3603 "chapters/01-optimization.nw"
typedef struct {
  int K;
  double h[1601], c[1601];
} propagation;

static void propagation_init(propagation *pr, double a, double b, int K)
{
  double ell[1601];
  pr->K = K;
  pr->h[0] = 1;
  pr->h[1] = a;
  ell[0] = 0;
  ell[1] = gamma_k(7) * fabs(a);
  for (int m = 2; m <= K; m++) {
    pr->h[m] = a * pr->h[m - 1] - b * pr->h[m - 2];
    ell[m] = gamma_k(7) * (fabs(a * pr->h[m - 1]) + fabs(b * pr->h[m - 2]));
  }
  for (int m = K; m >= 1; m--) {
    double E = 0;
    for (int j = 1; j <= m; j++)
      E += fabs(pr->h[m - j]) * ell[j];
    pr->h[m] = fabs(pr->h[m]) + 2 * E;
  }
  for (int m = 0; m <= K; m++)
    pr->c[m] = 0;
}

static double propagation_bound(const propagation *pr, int k)
{
  double s = 0;
  for (int j = 1; j <= k; j++)
    s += pr->h[k - j] * pr->c[j];
  return s * (1 + gamma_k(2.0 * k + 4));
}
#line 3640 "chapters/01-optimization.nw"
typedef struct {
  size_t n;
  double lam[8], eta, beta;
  gsl_vector *y, *g;
  mdl_optim *opt;
  double xprev[8];
  propagation pr[8];
} nesterov_run;

static void nesterov_run_init(nesterov_run *nr, const double *lam, size_t n,
                              double eta, double beta, const double *x0, int K)
{
  nr->n = n;
  nr->eta = eta;
  nr->beta = beta;
  mdl_optim_params p = {.lr = eta, .momentum = beta};
  nr->opt = mdl_optim_alloc(mdl_optim_nesterov_xy, n, &p);
  nr->y = gsl_vector_alloc(n);
  nr->g = gsl_vector_alloc(n);
  for (size_t i = 0; i < n; i++) {
    nr->lam[i] = lam[i];
    nr->xprev[i] = x0[i];
    gsl_vector_set(nr->y, i, x0[i]);
    double q = 1 - eta * lam[i];
    propagation_init(&nr->pr[i], q * (1 + beta), q * beta, K);
  }
}

static void nesterov_run_step(nesterov_run *nr, int t, double *x)
{
  double y[8];
  for (size_t i = 0; i < nr->n; i++) {
    y[i] = gsl_vector_get(nr->y, i);
    gsl_vector_set(nr->g, i, nr->lam[i] * y[i]);
  }
  mdl_optim_step(nr->opt, nr->y, nr->g);
  const gsl_vector *xs = mdl_optim_buffer(nr->opt, MDL_OPTIM_PREVIOUS_X);
  for (size_t i = 0; i < nr->n; i++) {
    x[i] = gsl_vector_get(xs, i);
    double gi = nr->lam[i] * y[i];
    double lx = gamma_k(3) * (fabs(y[i]) + nr->eta * fabs(gi));
    double ly = gamma_k(3) * (fabs(x[i]) + nr->beta * fabs(x[i] - nr->xprev[i]));
    double q = fabs(1 - nr->eta * nr->lam[i]);
    nr->pr[i].c[t] += lx;
    if (t + 1 <= nr->pr[i].K)
      nr->pr[i].c[t + 1] += q * ly;
    nr->xprev[i] = x[i];
  }
}

static void nesterov_run_free(nesterov_run *nr)
{
  mdl_optim_free(nr->opt);
  gsl_vector_free(nr->y);
  gsl_vector_free(nr->g);
}
#line 4793 "chapters/01-optimization.nw"
typedef struct {
  gsl_matrix *X, *Xabs;
  gsl_vector *y, *yabs, *r;
  size_t n, d;
} lsq;

static double frobenius(const gsl_matrix *M)
{
  double s = 0;
  for (size_t i = 0; i < M->size1; i++)
    for (size_t j = 0; j < M->size2; j++)
      s += gsl_matrix_get(M, i, j) * gsl_matrix_get(M, i, j);
  return sqrt(s);
}

static double frobenius_up(const gsl_matrix *M)
{
  return frobenius(M) * (1 + gamma_k((double)(M->size1 * M->size2 + 2)));
}

static void lsq_init(lsq *q, size_t n, size_t d)
{
  q->n = n;
  q->d = d;
  q->X = gsl_matrix_alloc(n, d);
  q->Xabs = gsl_matrix_alloc(n, d);
  q->y = gsl_vector_alloc(n);
  q->yabs = gsl_vector_alloc(n);
  q->r = gsl_vector_alloc(n);
}

static void lsq_finish(lsq *q)
{
  for (size_t i = 0; i < q->n; i++) {
    for (size_t j = 0; j < q->d; j++)
      gsl_matrix_set(q->Xabs, i, j, fabs(gsl_matrix_get(q->X, i, j)));
    gsl_vector_set(q->yabs, i, fabs(gsl_vector_get(q->y, i)));
  }
}

static void lsq_free(lsq *q)
{
  gsl_matrix_free(q->X);
  gsl_matrix_free(q->Xabs);
  gsl_vector_free(q->y);
  gsl_vector_free(q->yabs);
  gsl_vector_free(q->r);
}

static void lsq_grad(lsq *q, const gsl_vector *theta, gsl_vector *g)
{
  gsl_vector_memcpy(q->r, q->y);
  gsl_blas_dgemv(CblasNoTrans, 1.0, q->X, theta, -1.0, q->r);
  gsl_blas_dgemv(CblasTrans, 1.0 / (double)q->n, q->X, q->r, 0.0, g);
}

static void lsq_grad_error(lsq *q, const gsl_vector *theta, gsl_vector *e)
{
  gsl_vector *ta = gsl_vector_alloc(q->d);
  for (size_t j = 0; j < q->d; j++)
    gsl_vector_set(ta, j, fabs(gsl_vector_get(theta, j)));
  gsl_vector_memcpy(q->r, q->yabs);
  gsl_blas_dgemv(CblasNoTrans, 1.0, q->Xabs, ta, 1.0, q->r);
  gsl_blas_dgemv(CblasTrans, 1.0 / (double)q->n, q->Xabs, q->r, 0.0, e);
  gsl_vector_scale(e, gamma_k((double)(q->n + q->d + 2)) * (1 + 1e-8));
  gsl_vector_free(ta);
}
#line 5996 "chapters/01-optimization.nw"
static double cholesky_normal(const gsl_matrix *X, const gsl_vector *y,
                              double nmu, gsl_vector *x)
{
  size_t n = X->size1, d = X->size2;
  gsl_matrix *A = gsl_matrix_alloc(d, d), *Aa = gsl_matrix_alloc(d, d);
  gsl_matrix *Xa = gsl_matrix_alloc(n, d), *C = gsl_matrix_alloc(d, d);
  gsl_vector *b = gsl_vector_alloc(d), *ba = gsl_vector_alloc(d);
  gsl_vector *ya = gsl_vector_alloc(n), *ev = gsl_vector_alloc(d);
  for (size_t i = 0; i < n; i++) {
    for (size_t j = 0; j < d; j++)
      gsl_matrix_set(Xa, i, j, fabs(gsl_matrix_get(X, i, j)));
    gsl_vector_set(ya, i, fabs(gsl_vector_get(y, i)));
  }
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, X, X, 0.0, A);
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, Xa, Xa, 0.0, Aa);
  for (size_t j = 0; j < d; j++)
    *gsl_matrix_ptr(A, j, j) += nmu;
  gsl_blas_dgemv(CblasTrans, 1.0, X, y, 0.0, b);
  gsl_blas_dgemv(CblasTrans, 1.0, Xa, ya, 0.0, ba);
  gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(d);
  gsl_matrix_memcpy(C, A);
  gsl_eigen_symm(C, ev, w);
  gsl_eigen_symm_free(w);
  double margin = gamma_k((double)n + 2) * frobenius_up(Aa)
                  + 10 * (double)d * gamma_k(1) * gsl_vector_max(ev);
  double lmin = gsl_vector_min(ev) - margin, normA = gsl_vector_max(ev) + margin;
  gsl_linalg_cholesky_decomp1(A);
  gsl_linalg_cholesky_solve(A, b, x);
  double dA = gamma_k((double)n + 1) * frobenius_up(Aa) + gamma_k(1) * nmu
              + gamma_k(3.0 * d + 1) * (double)d * normA
                    / (1 - (double)d * gamma_k((double)d + 1));
  double err = (dA * gsl_blas_dnrm2(x) + gamma_k((double)n) * gsl_blas_dnrm2(ba))
               / lmin;
  gsl_matrix_free(A);
  gsl_matrix_free(Aa);
  gsl_matrix_free(Xa);
  gsl_matrix_free(C);
  gsl_vector_free(b);
  gsl_vector_free(ba);
  gsl_vector_free(ya);
  gsl_vector_free(ev);
  return err;
}
#line 6042 "chapters/01-optimization.nw"
enum { FMAXN = 64, FMAXD = 8 };

typedef struct {
  size_t n, d;
  double a[FMAXN * FMAXD], y[FMAXN];
  double mu, supL, sigma2, max_r2, xstar_err, H[FMAXD * FMAXD];
  gsl_vector *xstar;
  mdl_optim_finite_sum sum;
} fsum;

static int fsum_gradient(size_t i, const gsl_vector *x, void *params,
                         gsl_vector *g)
{
  const fsum *F = params;
  double r = -F->y[i];
  for (size_t j = 0; j < F->d; j++)
    r += F->a[i * F->d + j] * gsl_vector_get(x, j);
  for (size_t j = 0; j < F->d; j++)
    gsl_vector_set(g, j, r * F->a[i * F->d + j]);
  return GSL_SUCCESS;
}

static void fsum_setup(fsum *F, size_t n, size_t d, double scale,
                       double noise, gsl_rng *r)
{
  F->n = n;
  F->d = d;
  gsl_matrix *X = gsl_matrix_alloc(n, d), *G = gsl_matrix_alloc(d, d);
  gsl_vector *y = gsl_vector_alloc(n);
  double w[FMAXD];
  for (size_t j = 0; j < d; j++)
    w[j] = gsl_ran_gaussian(r, 1.0);
  F->supL = 0;
  for (size_t i = 0; i < n; i++) {
    double yi = noise * gsl_ran_gaussian(r, 1.0), L = 0;
    for (size_t j = 0; j < d; j++) {
      double aij = gsl_ran_gaussian(r, scale);
      F->a[i * d + j] = aij;
      gsl_matrix_set(X, i, j, aij);
      yi += aij * w[j];
      L += aij * aij;
    }
    F->y[i] = yi;
    gsl_vector_set(y, i, yi);
    F->supL = claim_fmax(F->supL, L * (1 + gamma_k((double)d + 1)));
  }
  F->xstar = gsl_vector_alloc(d);
  F->xstar_err = cholesky_normal(X, y, 0, F->xstar);
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0 / (double)n, X, X, 0.0, G);
  for (size_t j = 0; j < d * d; j++)
    F->H[j] = G->data[j];
  double lmin = 0;
  {
    gsl_vector *ev = gsl_vector_alloc(d);
    gsl_eigen_symm_workspace *ws = gsl_eigen_symm_alloc(d);
    gsl_eigen_symm(G, ev, ws);
    lmin = gsl_vector_min(ev) * (1 - 1e-12);
    gsl_eigen_symm_free(ws);
    gsl_vector_free(ev);
  }
  F->mu = lmin;
  F->sigma2 = 0;
  F->max_r2 = 0;
  for (size_t i = 0; i < n; i++) {
    double ri = -F->y[i], a2 = 0;
    for (size_t j = 0; j < d; j++) {
      ri += F->a[i * d + j] * gsl_vector_get(F->xstar, j);
      a2 += F->a[i * d + j] * F->a[i * d + j];
    }
    F->sigma2 += ri * ri * a2 / (double)n;
    F->max_r2 = claim_fmax(F->max_r2, ri * ri);
  }
  F->sum = (mdl_optim_finite_sum){fsum_gradient, n, d, F};
  gsl_matrix_free(X);
  gsl_matrix_free(G);
  gsl_vector_free(y);
}

static double fsum_dist2(const fsum *F, const gsl_vector *x)
{
  double s = 0;
  for (size_t j = 0; j < F->d; j++) {
    double e = gsl_vector_get(x, j) - gsl_vector_get(F->xstar, j);
    s += e * e;
  }
  return s;
}

static double fsum_gap(const fsum *F, const gsl_vector *x)
{
  double e[FMAXD], s = 0;
  for (size_t j = 0; j < F->d; j++)
    e[j] = gsl_vector_get(x, j) - gsl_vector_get(F->xstar, j);
  for (size_t j = 0; j < F->d; j++)
    for (size_t k = 0; k < F->d; k++)
      s += e[j] * F->H[j * F->d + k] * e[k];
  return s / 2;
}
#line 6465 "chapters/01-optimization.nw"
static void sgd_moments(const fsum *F, double eta, const gsl_vector *x0,
                        int K, double *mse)
{
  size_t d = F->d, n = F->n;
  double m[FMAXD], M[FMAXD * FMAXD], ra[FMAXD] = {0}, r[FMAXN];
  for (size_t j = 0; j < d; j++)
    m[j] = gsl_vector_get(x0, j) - gsl_vector_get(F->xstar, j);
  for (size_t j = 0; j < d; j++)
    for (size_t l = 0; l < d; l++)
      M[j * d + l] = m[j] * m[l];
  for (size_t i = 0; i < n; i++) {
    r[i] = F->y[i];
    for (size_t j = 0; j < d; j++)
      r[i] -= F->a[i * d + j] * gsl_vector_get(F->xstar, j);
    for (size_t j = 0; j < d; j++)
      ra[j] += r[i] * F->a[i * d + j] / n;
  }
  for (int k = 0; k <= K; k++) {
    mse[k] = 0;
    for (size_t j = 0; j < d; j++)
      mse[k] += M[j * d + j];
    if (k == K)
      break;
    double M1[FMAXD * FMAXD] = {0}, m1[FMAXD];
    for (size_t j = 0; j < d; j++) {
      m1[j] = m[j] + eta * ra[j];
      for (size_t l = 0; l < d; l++)
        m1[j] -= eta * F->H[j * d + l] * m[l];
    }
    for (size_t i = 0; i < n; i++) {
      const double *a = &F->a[i * d];
      double v[FMAXD], av = 0, am = 0, Pm[FMAXD];
      for (size_t j = 0; j < d; j++) {
        v[j] = 0;
        for (size_t l = 0; l < d; l++)
          v[j] += M[j * d + l] * a[l];
        av += a[j] * v[j];
        am += a[j] * m[j];
      }
      for (size_t j = 0; j < d; j++)
        Pm[j] = m[j] - eta * a[j] * am;
      for (size_t j = 0; j < d; j++)
        for (size_t l = 0; l < d; l++)
          M1[j * d + l] += (M[j * d + l] - eta * (a[j] * v[l] + v[j] * a[l])
                            + eta * eta * av * a[j] * a[l]
                            + eta * r[i] * (Pm[j] * a[l] + a[j] * Pm[l])
                            + eta * eta * r[i] * r[i] * a[j] * a[l]) / n;
    }
    for (size_t j = 0; j < d * d; j++)
      M[j] = M1[j];
    for (size_t j = 0; j < d; j++)
      m[j] = m1[j];
  }
}
#line 1708 "chapters/01-optimization.nw"
typedef struct {
  const mdl_optim_type *const *type;
  mdl_optim_params p;
  double expected[4][2];
  double bound[4][2];
} rule_case;

static const rule_case rule_cases[] = {
#line 9625 "chapters/01-optimization.nw"
  {&mdl_optim_gd,
   {.lr = 0.05, .weight_decay = 0.01},
   {{7.23743399999999926e-01, -1.12844024999999992e+00},
    {7.34651528300000023e-01, -1.12993602987500008e+00},
    {7.08754202535849975e-01, -1.13293106186006254e+00},
    {7.01704825434582014e-01, -1.06000959632913250e+00}},
   {{9.20e-17, 1.51e-16},
    {1.77e-16, 2.77e-16},
    {2.61e-16, 4.03e-16},
    {3.40e-16, 5.37e-16}}},
  {&mdl_optim_gd,
   {.lr = 0.25, .weight_decay = 0.01, .max_norm = 0.9, .radius = 1.1},
   {{6.26584379137477332e-01, -9.04097348641672682e-01},
    {6.58307677101181987e-01, -8.81266703257104878e-01},
    {5.29011907908429002e-01, -8.96863536498962111e-01},
    {5.06958724311006970e-01, -6.70578590846707789e-01}},
   {{6.91e-16, 1.12e-15},
    {1.96e-15, 2.79e-15},
    {2.05e-15, 2.90e-15},
    {2.13e-15, 3.23e-15}}},
  {&mdl_optim_heavy_ball,
   {.lr = 0.05, .momentum = 0.9, .dampening = 0.1, .weight_decay = 0.01},
   {{7.23743399999999926e-01, -1.12844024999999992e+00},
    {7.16049775469999927e-01, -1.07483267688750006e+00},
    {6.85826290994038468e-01, -1.02930618638165061e+00},
    {6.52291033134725806e-01, -9.22749657142514446e-01}},
   {{9.20e-17, 1.51e-16},
    {1.81e-16, 2.94e-16},
    {2.79e-16, 4.41e-16},
    {3.82e-16, 6.19e-16}}},
  {&mdl_optim_nesterov,
   {.lr = 0.05, .momentum = 0.9, .weight_decay = 0.01},
   {{7.06232459999999951e-01, -1.07348647499999994e+00},
    {7.11214693163000011e-01, -1.02692226534874997e+00},
    {6.56690853658195128e-01, -9.89431969424293678e-01},
    {6.17572088404818809e-01, -8.14534357740736792e-01}},
   {{9.99e-17, 1.75e-16},
    {1.88e-16, 3.21e-16},
    {2.90e-16, 4.69e-16},
    {3.89e-16, 6.62e-16}}},
  {&mdl_optim_nesterov_xy,
   {.lr = 0.05, .momentum = 0.9},
   {{7.06938500000000025e-01, -1.07461650000000009e+00},
    {7.12892650000000017e-01, -1.02955384999999988e+00},
    {6.59601384999999985e-01, -9.93907464999999934e-01},
    {6.21895746499999902e-01, -8.21147218499999942e-01}},
   {{2.47e-16, 3.94e-16},
    {7.70e-16, 1.21e-15},
    {1.98e-15, 3.08e-15},
    {4.72e-15, 7.34e-15}}},
  {&mdl_optim_adagrad,
   {.lr = 0.1, .lr_decay = 0.05, .initial_accumulator_value = 0.2,
    .eps = 1e-10, .weight_decay = 0.02},
   {{6.76853309799678504e-01, -1.09549173110670650e+00},
    {7.08671262763699072e-01, -1.09689219195564913e+00},
    {6.50713322517872172e-01, -1.10030364226816024e+00},
    {6.35434485035362262e-01, -1.03546246302746359e+00}},
   {{1.43e-16, 2.26e-16},
    {2.54e-16, 3.49e-16},
    {3.86e-16, 4.76e-16},
    {4.74e-16, 6.61e-16}}},
  {&mdl_optim_rmsprop,
   {.lr = 0.01, .alpha = 0.99, .eps = 1e-8},
   {{6.43200026198578412e-01, -1.08950000826924609e+00},
    {6.94237423221117478e-01, -1.09292209558492615e+00},
    {6.18441457047130161e-01, -1.09885531613364273e+00},
    {5.98851618019361043e-01, -1.02172191790739730e+00}},
   {{1.45e-16, 1.99e-16},
    {2.61e-16, 3.23e-16},
    {3.85e-16, 4.50e-16},
    {4.68e-16, 6.25e-16}}},
  {&mdl_optim_rmsprop,
   {.lr = 0.01, .alpha = 0.9, .eps = 1e-8, .momentum = 0.5,
    .centered = 1},
   {{7.09866669577620346e-01, -1.15616666758547182e+00},
    {7.09975411316750571e-01, -1.14068529669718988e+00},
    {6.84054087481439921e-01, -1.13507665523507617e+00},
    {6.63961036109644631e-01, -1.10425790255128553e+00}},
   {{1.16e-16, 1.70e-16},
    {2.22e-16, 3.16e-16},
    {3.37e-16, 4.55e-16},
    {4.42e-16, 6.16e-16}}},
  {&mdl_optim_adam,
   {.lr = 0.01, .beta1 = 0.8, .beta2 = 0.95, .eps = 1e-8,
    .weight_decay = 0.03},
   {{7.33200000247527184e-01, -1.17950000008032219e+00},
    {7.31103104823956240e-01, -1.17316969023983764e+00},
    {7.24760066530446889e-01, -1.16874658145404808e+00},
    {7.18500530348585076e-01, -1.16149557767730238e+00}},
   {{1.37e-16, 1.90e-16},
    {2.28e-16, 3.43e-16},
    {3.28e-16, 4.87e-16},
    {4.26e-16, 6.36e-16}}},
  {&mdl_optim_amsgrad,
   {.lr = 0.01, .beta1 = 0.9, .beta2 = 0.6, .eps = 1e-8},
   {{7.33200000261985840e-01, -1.17950000008269251e+00},
    {7.31139634046488185e-01, -1.17373512999645513e+00},
    {7.25703000404101295e-01, -1.17001319337587040e+00},
    {7.20660568416671032e-01, -1.16385283858510125e+00}},
   {{1.26e-16, 1.80e-16},
    {2.15e-16, 3.26e-16},
    {3.09e-16, 4.66e-16},
    {4.01e-16, 6.09e-16}}},
  {&mdl_optim_amsgrad,
   {.lr = 0.01, .beta2 = 0.9, .no_bias_correction = 1},
   {{7.11577223398316194e-01, -1.15787722339831611e+00},
    {7.28288171188732791e-01, -1.15895458914378002e+00},
    {7.03504387460704761e-01, -1.16081644450972710e+00},
    {6.97005075589997913e-01, -1.13509862400476602e+00}},
   {{1.18e-16, 1.72e-16},
    {2.17e-16, 3.02e-16},
    {3.22e-16, 4.33e-16},
    {4.06e-16, 5.87e-16}}},
  {&mdl_optim_signsgd,
   {.lr = 0.01, .weight_decay = 0.1},
   {{7.33199999999999963e-01, -1.17949999999999999e+00},
    {7.43199999999999972e-01, -1.16949999999999998e+00},
    {7.33199999999999963e-01, -1.15949999999999998e+00},
    {7.23199999999999954e-01, -1.14949999999999997e+00}},
   {{8.99e-17, 1.44e-16},
    {1.74e-16, 2.75e-16},
    {2.56e-16, 4.05e-16},
    {3.38e-16, 5.34e-16}}},
  {&mdl_optim_signsgd,
   {.lr = 0.01, .momentum = 0.7},
   {{7.33199999999999963e-01, -1.17949999999999999e+00},
    {7.23199999999999954e-01, -1.16949999999999998e+00},
    {7.13199999999999945e-01, -1.15949999999999998e+00},
    {7.03199999999999936e-01, -1.14949999999999997e+00}},
   {{8.99e-17, 1.44e-16},
    {1.72e-16, 2.75e-16},
    {2.52e-16, 4.05e-16},
    {3.31e-16, 5.34e-16}}},
#line 1717 "chapters/01-optimization.nw"
};

static void test_update_rules(void **state)
{
  (void)state;
  const double g[4][2] = {{0.3817, -1.2093}, {-0.2254, 0.0412},
                          {0.5106, 0.0712}, {0.1339, -1.4471}};
  gsl_vector *theta = gsl_vector_alloc(2), *grad = gsl_vector_alloc(2);
  gsl_vector *wide_th = gsl_vector_alloc(4), *wide_g = gsl_vector_alloc(4);
  gsl_vector_view sth = gsl_vector_subvector_with_stride(wide_th, 0, 2, 2);
  gsl_vector_view sg = gsl_vector_subvector_with_stride(wide_g, 0, 2, 2);
  for (size_t c = 0; c < sizeof rule_cases / sizeof rule_cases[0]; c++) {
    const rule_case *rc = &rule_cases[c];
    mdl_optim *opt = mdl_optim_alloc(*rc->type, 2, &rc->p);
    mdl_optim *sopt = mdl_optim_alloc(*rc->type, 2, &rc->p);
    gsl_vector_set(theta, 0, 0.7432);
    gsl_vector_set(theta, 1, -1.1895);
    gsl_vector_memcpy(&sth.vector, theta);
    double worst = 0;
    for (int t = 0; t < 4; t++) {
      gsl_vector_set(grad, 0, g[t][0]);
      gsl_vector_set(grad, 1, g[t][1]);
      gsl_vector_memcpy(&sg.vector, grad);
      mdl_optim_step(opt, theta, grad);
      mdl_optim_step(sopt, &sth.vector, &sg.vector);
      for (int i = 0; i < 2; i++) {
        worst = claim_fmax(worst, fabs(gsl_vector_get(theta, (size_t)i)
                                 - rc->expected[t][i]) / rc->bound[t][i]);
        worst = claim_fmax(worst,
                           fabs(gsl_vector_get(&sth.vector, (size_t)i)
                                - rc->expected[t][i]) / rc->bound[t][i]);
      }
    }
    mdl_optim_free(sopt);
    char note[160];
    snprintf(note, sizeof note, "case %zu, %s: largest deviation from the"
             " 60-digit reference over its running error bound", c,
             mdl_optim_name(*rc->type));
    CLAIM(.id = "optim.update-rules", .kind = CLAIM_BOUND, .measured = worst,
          .reference = 1, .tolerance = 0, .note = note);
    mdl_optim_free(opt);
  }
  mdl_optim_params pr = mdl_optim_defaults(mdl_optim_rmsprop);
  size_t nonzero = 0;
  for (int view = 0; view < 2; view++) {
    mdl_optim *opt = mdl_optim_alloc(mdl_optim_rmsprop, 2, &pr);
    gsl_vector *th = view ? &sth.vector : theta, *gr = view ? &sg.vector : grad;
    gsl_vector_set_all(th, 0.5);
    for (int t = 0; t < 2; t++) {
      gsl_vector_set(gr, 0, g[t][0]);
      gsl_vector_set(gr, 1, g[t][1]);
      nonzero += mdl_optim_step(opt, th, gr) != GSL_SUCCESS;
    }
    const gsl_vector *buf = mdl_optim_buffer(opt, MDL_OPTIM_MOMENTUM_BUFFER);
    for (size_t i = 0; i < 2; i++)
      nonzero += gsl_vector_get(buf, i) != 0;
    mdl_optim_free(opt);
  }
  CLAIM(.id = "optim.update-rules", .kind = CLAIM_IDENTITY,
        .measured = (double)nonzero, .reference = 0, .tolerance = 0,
        .note = "RMSProp with momentum 0: nonzero entries of the momentum"
                " buffer after two steps, contiguous and stride 2");
  gsl_vector_free(theta);
  gsl_vector_free(grad);
  gsl_vector_free(wide_th);
  gsl_vector_free(wide_g);
}
#line 1801 "chapters/01-optimization.nw"
static void test_update_threads(void **state)
{
  (void)state;
  enum { N = 3 * (1 << 15) + 5, STEPS = 3 };
  const mdl_optim_type *const *types[] = {
      &mdl_optim_gd, &mdl_optim_heavy_ball, &mdl_optim_rmsprop,
      &mdl_optim_adam, &mdl_optim_amsgrad};
  unsigned long seed = claim_seed(5550123);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  gsl_vector *theta0 = gsl_vector_alloc(N), *grad = gsl_vector_alloc(N);
  gsl_vector *theta[2] = {gsl_vector_alloc(N), gsl_vector_alloc(N)};
  for (size_t i = 0; i < N; i++)
    gsl_vector_set(theta0, i, gsl_ran_gaussian(r, 1));
  const char *saved = getenv("MDL_NUM_THREADS");
  char *keep = saved != NULL ? strdup(saved) : NULL;
  size_t differ = 0;
  for (size_t c = 0; c < sizeof types / sizeof types[0]; c++) {
    mdl_optim_params p = mdl_optim_defaults(*types[c]);
    mdl_optim *opt[2];
    for (int k = 0; k < 2; k++) {
      opt[k] = mdl_optim_alloc(*types[c], N, &p);
      gsl_vector_memcpy(theta[k], theta0);
    }
    for (int t = 0; t < STEPS; t++) {
      for (size_t i = 0; i < N; i++)
        gsl_vector_set(grad, i, gsl_ran_gaussian(r, 1));
      for (int k = 0; k < 2; k++) {
        setenv("MDL_NUM_THREADS", k == 0 ? "1" : "3", 1);
        differ += mdl_optim_step(opt[k], theta[k], grad) != GSL_SUCCESS;
      }
    }
    for (size_t i = 0; i < N; i++)
      differ += gsl_vector_get(theta[0], i) != gsl_vector_get(theta[1], i);
    const mdl_optim_buffer_id ids[] = {
        MDL_OPTIM_MOMENTUM_BUFFER, MDL_OPTIM_SQUARE_AVG, MDL_OPTIM_EXP_AVG,
        MDL_OPTIM_EXP_AVG_SQ, MDL_OPTIM_MAX_EXP_AVG_SQ};
    for (size_t b = 0; b < sizeof ids / sizeof ids[0]; b++) {
      const gsl_vector *s0 = mdl_optim_buffer(opt[0], ids[b]);
      const gsl_vector *s1 = mdl_optim_buffer(opt[1], ids[b]);
      if (s0 != NULL && s1 != NULL)
        for (size_t i = 0; i < N; i++)
          differ += gsl_vector_get(s0, i) != gsl_vector_get(s1, i);
    }
    mdl_optim_free(opt[0]);
    mdl_optim_free(opt[1]);
  }
  if (keep != NULL)
    setenv("MDL_NUM_THREADS", keep, 1);
  else
    unsetenv("MDL_NUM_THREADS");
  free(keep);
  CLAIM(.id = "optim.update-rules", .kind = CLAIM_IDENTITY,
        .measured = (double)differ, .reference = 0, .tolerance = 0,
        .samples = N, .seed = seed,
        .note = "coordinates of theta and of the state that differ between"
                " one and three threads, five rules, three steps, n = 3*2^15+5");
  gsl_vector_free(theta0);
  gsl_vector_free(grad);
  gsl_vector_free(theta[0]);
  gsl_vector_free(theta[1]);
  gsl_rng_free(r);
}
#line 1896 "chapters/01-optimization.nw"
static void test_heavy_ball_forms(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(2236067);
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
        worst = claim_fmax(worst, fabs(gsl_vector_get(theta, i) - x[i]) / tol);
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
#line 1987 "chapters/01-optimization.nw"
static const mdl_optim_type *const *all_types[] = {
  &mdl_optim_gd, &mdl_optim_heavy_ball, &mdl_optim_nesterov,
  &mdl_optim_nesterov_xy, &mdl_optim_adagrad, &mdl_optim_rmsprop,
  &mdl_optim_adam, &mdl_optim_amsgrad, &mdl_optim_signsgd
};
enum { NTYPES = sizeof all_types / sizeof all_types[0] };

static void test_weight_decay(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(2449489);
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
      for (size_t i = 0; i < N; i++)
        gsl_vector_set(g, i, gsl_ran_gaussian(r, 1.0));
      gsl_vector_memcpy(gb, g);
      gsl_blas_daxpy(lambda, tb, gb);
      mdl_optim_step(a, ta, g);
      mdl_optim_step(b, tb, gb);
      for (size_t i = 0; i < N; i++)
        dev = claim_fmax(dev, fabs(gsl_vector_get(ta, i) - gsl_vector_get(tb, i)));
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
#line 2063 "chapters/01-optimization.nw"
static void test_amsgrad_monotone(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(2828427);
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
      runmax[i] = claim_fmax(runmax[i], gsl_vector_get(v, i));
      dev = claim_fmax(dev, fabs(gsl_vector_get(vhat, i) - runmax[i]));
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
#line 2616 "chapters/01-optimization.nw"
static double descent_denominator(mpfr_t *grad, const double *gerr,
                                  const gsl_vector *x, const gsl_vector *y,
                                  double L, mpfr_t den)
{
  double dabs = 0, ge = 0, ssd;
  mpfr_t sj, ss;
  mpfr_inits2(RBITS, sj, ss, (mpfr_ptr)0);
  mpfr_set_zero(den, 1);
  mpfr_set_zero(ss, 1);
  for (size_t j = 0; j < x->size; j++) {
    mpfr_set_d(sj, gsl_vector_get(x, j), MPFR_RNDN);
    mpfr_sub_d(sj, sj, gsl_vector_get(y, j), MPFR_RNDN);
    mpfr_fma(den, grad[j], sj, den, MPFR_RNDN);
    double sd = fabs(mpfr_get_d(sj, MPFR_RNDA));
    dabs += fabs(mpfr_get_d(grad[j], MPFR_RNDA)) * sd;
    ge += gerr ? gerr[j] * sd : 0;
    mpfr_fma(ss, sj, sj, ss, MPFR_RNDN);
  }
  ssd = mpfr_get_d(ss, MPFR_RNDU);
  mpfr_mul_d(ss, ss, L / 2, MPFR_RNDN);
  mpfr_sub(den, den, ss, MPFR_RNDN);
  mpfr_clears(sj, ss, (mpfr_ptr)0);
  return ref_gamma(2.0 * x->size + 4) * (dabs + L / 2 * ssd) + ge;
}

static void test_descent_lemma(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3605551);
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
      mpfr_t grad[LMAXD], fx, fy, den;
      double gerr[LMAXD];
      refs_init(grad, 5);
      mpfr_inits2(RBITS, fx, fy, den, (mpfr_ptr)0);
      logistic_grad(&lg, x, grad, gerr);
      for (size_t j = 0; j < 5; j++)
        gsl_vector_set(g, j, mpfr_get_d(grad[j], MPFR_RNDN));
      gsl_vector_memcpy(y, x);
      mdl_optim_step(opt, y, g);
      double ex = logistic_f(&lg, x, fx), ey = logistic_f(&lg, y, fy);
      double eden = descent_denominator(grad, gerr, x, y, L, den);
      worst = fmin(worst, ref_diff_quotient(fx, fy, den));
      tol = claim_fmax(tol, (ex + ey + eden) / mpfr_get_d(den, MPFR_RNDN));
      refs_clear(grad, 5);
      mpfr_clears(fx, fy, den, (mpfr_ptr)0);
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
#line 2708 "chapters/01-optimization.nw"
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
    mpfr_t fx, fy, den, sj, t;
    mpfr_inits2(512, fx, fy, den, sj, t, (mpfr_ptr)0);
    mpfr_set_zero(fx, 1);
    mpfr_set_zero(fy, 1);
    mpfr_set_zero(den, 1);
    int inexact = 0;
    for (size_t j = 0; j < 5; j++) {
      double xj = gsl_vector_get(x, j), yj = gsl_vector_get(y, j);
      inexact |= mpfr_set_d(t, xj, MPFR_RNDN);
      inexact |= mpfr_sqr(t, t, MPFR_RNDN);
      inexact |= mpfr_mul_d(t, t, lam[j] / 2, MPFR_RNDN);
      inexact |= mpfr_add(fx, fx, t, MPFR_RNDN);
      inexact |= mpfr_set_d(t, yj, MPFR_RNDN);
      inexact |= mpfr_sqr(t, t, MPFR_RNDN);
      inexact |= mpfr_mul_d(t, t, lam[j] / 2, MPFR_RNDN);
      inexact |= mpfr_add(fy, fy, t, MPFR_RNDN);
      inexact |= mpfr_set_d(sj, xj, MPFR_RNDN);
      inexact |= mpfr_sub_d(sj, sj, yj, MPFR_RNDN);
      inexact |= mpfr_mul_d(t, sj, lam[j], MPFR_RNDN);
      inexact |= mpfr_mul_d(t, t, xj, MPFR_RNDN);
      inexact |= mpfr_add(den, den, t, MPFR_RNDN);
      inexact |= mpfr_sqr(t, sj, MPFR_RNDN);
      inexact |= mpfr_mul_d(t, t, lam[0] / 2, MPFR_RNDN);
      inexact |= mpfr_sub(den, den, t, MPFR_RNDN);
    }
    inexact |= mpfr_sub(fx, fx, fy, MPFR_RNDN);
    mpfr_div(t, fx, den, MPFR_RNDN);
    double ratio = mpfr_get_d(t, MPFR_RNDN);
    mpfr_clears(fx, fy, den, sj, t, (mpfr_ptr)0);
    CLAIM(.id = "optim.descent-lemma", .kind = CLAIM_IDENTITY,
          .measured = inexact ? GSL_NAN : ratio, .reference = 1,
          .tolerance = 0,
          .note = "descent ratio on a quadratic along its top eigenvector,"
                  " step 1.3/L, evaluated exactly (MPFR, 512 bits)");
    mdl_optim_free(opt);
  }
#line 2686 "chapters/01-optimization.nw"
  gsl_vector_free(x);
  gsl_vector_free(y);
  gsl_vector_free(g);
  gsl_rng_free(r);
}
#line 2790 "chapters/01-optimization.nw"
static void test_smoothness_converse(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3872983);
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
    worst_gap = claim_fmax(worst_gap, fy - fx - lin);
    gap_tol = claim_fmax(gap_tol, gamma_k(12) * abs_terms);
    double sum_abs = 0;
    for (int j = 0; j < 4; j++)
      sum_abs += (fabs(x[j]) + fabs(y[j])) * (fabs(x[j]) + fabs(y[j]));
    min_ratio = fmin(min_ratio, sqrt(dg / dx));
    ratio_tol = claim_fmax(ratio_tol, gamma_k(2) * c * sqrt(sum_abs / dx)
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
#line 2934 "chapters/01-optimization.nw"
static void newton_logistic(const logistic *lg, gsl_vector *x,
                            double *grad_norm)
{
  gsl_matrix *H = gsl_matrix_alloc(lg->d, lg->d);
  gsl_vector *g = gsl_vector_alloc(lg->d);
  mpfr_t gl[LMAXD];
  double ge[LMAXD], norm = HUGE_VAL, enorm = 0;
  refs_init(gl, lg->d);
  gsl_vector_set_zero(x);
  for (int it = 0; it < 50 && norm > 1e-15; it++) {
    logistic_grad_double(lg, x, g);
    logistic_hess(lg, x, H);
    mdl_optim_newton_step(x, g, H);
    logistic_grad(lg, x, gl, ge);
    norm = ref_norm(gl, lg->d);
    enorm = 0;
    for (size_t j = 0; j < lg->d; j++)
      enorm += ge[j] * ge[j];
  }
  refs_clear(gl, lg->d);
  *grad_norm = (norm + sqrt(enorm)) * (1 + DBL_EPSILON);
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
  mpfr_t gl[LMAXD];
  double ge[LMAXD], e = 0;
  refs_init(gl, lg->d);
  logistic_grad(lg, x, gl, ge);
  for (size_t j = 0; j < lg->d; j++) {
    gsl_vector_set(g, j, mpfr_get_d(gl[j], MPFR_RNDN));
    e += ge[j] * ge[j];
  }
  refs_clear(gl, lg->d);
  return step_rounding(x, g, eta) + eta * sqrt(e);
}

static void test_gd_rates(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4123105);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  logistic lg;
  logistic_draw(&lg, 40, 5, 0.05, r);
  const size_t d = 5;
  double L = logistic_L(&lg), mu = lg.rho, kappa = L / mu, gnorm;
  gsl_vector *xs = gsl_vector_alloc(d), *x = gsl_vector_alloc(d);
  gsl_vector *g = gsl_vector_alloc(d), *x1 = gsl_vector_alloc(d);
  newton_logistic(&lg, xs, &gnorm);
  mpfr_t fstar, fk, f1, gl[LMAXD];
  mpfr_inits2(RBITS, fstar, fk, f1, (mpfr_ptr)0);
  refs_init(gl, d);
  double estar = logistic_f(&lg, xs, fstar);
  double eps_x = gnorm / mu;
#line 3019 "chapters/01-optimization.nw"
  {
    double q = 1 - 1 / kappa, worst = 0, tol = 0;
    size_t steps = 0;
    mdl_optim_params p = {.lr = 1 / L};
    mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, d, &p);
    for (int start = 0; start < 10; start++) {
      for (size_t j = 0; j < d; j++)
        gsl_vector_set(x, j, gsl_ran_flat(r, -2, 2));
      double ek = logistic_f(&lg, x, fk);
      for (int k = 0; k < 200; k++) {
        double delta = logistic_step_error(&lg, x, g, 1 / L);
        mdl_optim_step(opt, x, g);
        double e1 = logistic_f(&lg, x, f1);
        logistic_grad(&lg, x, gl, NULL);
        double slack = ref_norm(gl, d) * delta + L / 2 * delta * delta;
        mpfr_sub(fk, fk, fstar, MPFR_RNDN);
        double den = mpfr_get_d(fk, MPFR_RNDN);
        double tol_k = (e1 + q * ek + (1 - q) * estar + slack) / den;
        if (!(den > 0 && tol_k < 1e-6))
          break;
        worst = claim_fmax(worst, ref_diff_quotient(f1, fstar, fk));
        tol = claim_fmax(tol, tol_k);
        steps++;
        mpfr_set(fk, f1, MPFR_RNDN);
        ek = e1;
      }
    }
    CLAIM(.id = "optim.gd-rates", .kind = CLAIM_BOUND, .measured = worst,
          .reference = q, .tolerance = tol, .samples = steps, .seed = seed,
          .note = "largest (f(x_k+1) - f*) / (f(x_k) - f*), logistic"
                  " regression, step 1/L, against 1 - 1/kappa");
    mdl_optim_free(opt);
  }
#line 3006 "chapters/01-optimization.nw"
#line 3055 "chapters/01-optimization.nw"
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
        double d0 = ref_norm_diff(x, xs, fk), d1 = ref_norm_diff(x1, xs, f1);
        double err = (1 + rho) * eps_x + delta
                     + ref_gamma((double)d + 2) * (d1 + rho * d0);
        if (!(err / d0 < 1e-6))
          break;
        worst = claim_fmax(worst, ref_quotient(f1, fk));
        tol = claim_fmax(tol, err / d0);
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
#line 3007 "chapters/01-optimization.nw"
#line 3117 "chapters/01-optimization.nw"
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
#line 3008 "chapters/01-optimization.nw"
  mpfr_clears(fstar, fk, f1, (mpfr_ptr)0);
  refs_clear(gl, d);
  gsl_vector_free(xs);
  gsl_vector_free(x);
  gsl_vector_free(g);
  gsl_vector_free(x1);
  gsl_rng_free(r);
}
#line 3156 "chapters/01-optimization.nw"
static void test_gd_value_rate(void **state)
{
  (void)state;
  const double lam[5] = {0.3172, 7.913, 2.048, 5.561, 1.377};
  const int K = 100;
  double q = 1 - lam[0] / lam[1], x0 = 1.8573;
  mdl_optim_params p = {.lr = 1 / lam[1]};
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, 5, &p);
  gsl_vector *x = gsl_vector_calloc(5), *g = gsl_vector_alloc(5);
  gsl_vector_set(x, 0, x0);
  double f0 = 0.5 * lam[0] * x0 * x0;
  for (int k = 0; k < K; k++) {
    for (size_t i = 0; i < 5; i++)
      gsl_vector_set(g, i, lam[i] * gsl_vector_get(x, i));
    mdl_optim_step(opt, x, g);
  }
  double fK = 0;
  for (size_t i = 0; i < 5; i++)
    fK += 0.5 * lam[i] * gsl_vector_get(x, i) * gsl_vector_get(x, i);
  double rate = pow(fK / f0, 1.0 / K);
  double a = lam[0] / lam[1], r = gamma_k(3) * (1 + a) / (1 - a);
  double R = pow(1 + r, 2 * K) * (1 + gamma_k(6)) - 1;
  double tol = q * q * fmax(pow(1 + R, 1.0 / K) - 1, 1 - pow(1 - R, 1.0 / K))
               + gamma_k(2) * q * q;
  CLAIM(.id = "optim.gd-value-rate", .kind = CLAIM_RATE, .measured = rate,
        .reference = q * q, .tolerance = tol,
        .note = "(f(x_K)/f(x_0))^(1/K), diagonal quadratic from the eigenvector"
                " of mu, step 1/L, against (1-1/kappa)^2 (1-1/kappa = 0.960)");
  mdl_optim_free(opt);
  gsl_vector_free(x);
  gsl_vector_free(g);
#line 3192 "chapters/01-optimization.nw"
  unsigned long seed = claim_seed(4127219);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, seed);
  logistic lg;
  logistic_draw(&lg, 40, 5, 0.05, rng);
  const size_t d = 5;
  double L = logistic_L(&lg), kappa = L / lg.rho, gnorm, worst = 0, wtol = 0;
  double q2 = (1 - 1 / kappa) * (1 - 1 / kappa);
  size_t steps = 0;
  gsl_vector *xs = gsl_vector_alloc(d), *y = gsl_vector_alloc(d);
  gsl_vector *h = gsl_vector_alloc(d);
  newton_logistic(&lg, xs, &gnorm);
  mpfr_t fstar, fk, f1, gl[LMAXD];
  mpfr_inits2(RBITS, fstar, fk, f1, (mpfr_ptr)0);
  refs_init(gl, d);
  double estar = logistic_f(&lg, xs, fstar);
  mdl_optim_params pl = {.lr = 1 / L};
  mdl_optim *gd = mdl_optim_alloc(mdl_optim_gd, d, &pl);
  for (int start = 0; start < 10; start++) {
    for (size_t j = 0; j < d; j++)
      gsl_vector_set(y, j, gsl_ran_flat(rng, -2, 2));
    double ek = logistic_f(&lg, y, fk);
    for (int k = 0; k < 200; k++) {
      double delta = logistic_step_error(&lg, y, h, 1 / L);
      mdl_optim_step(gd, y, h);
      double e1 = logistic_f(&lg, y, f1);
      logistic_grad(&lg, y, gl, NULL);
      double slack = ref_norm(gl, d) * delta + L / 2 * delta * delta;
      mpfr_sub(fk, fk, fstar, MPFR_RNDN);
      double den = mpfr_get_d(fk, MPFR_RNDN);
      double tol_k = (e1 + q2 * ek + (1 - q2) * estar + slack) / den;
      if (!(den > 0 && tol_k < 1e-6))
        break;
      worst = claim_fmax(worst, ref_diff_quotient(f1, fstar, fk));
      wtol = claim_fmax(wtol, tol_k);
      steps++;
      mpfr_set(fk, f1, MPFR_RNDN);
      ek = e1;
    }
  }
  mpfr_clears(fstar, fk, f1, (mpfr_ptr)0);
  refs_clear(gl, d);
  CLAIM(.id = "optim.gd-value-rate", .kind = CLAIM_BOUND, .measured = worst,
        .reference = q2, .tolerance = wtol, .samples = steps, .seed = seed,
        .note = "largest (f(x_k+1) - f*) / (f(x_k) - f*), logistic regression,"
                " step 1/L, against the exact worst case (1-1/kappa)^2");
  mdl_optim_free(gd);
  gsl_vector_free(xs);
  gsl_vector_free(y);
  gsl_vector_free(h);
  gsl_rng_free(rng);
#line 3188 "chapters/01-optimization.nw"
}
#line 3265 "chapters/01-optimization.nw"
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
#line 3332 "chapters/01-optimization.nw"
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
  unsigned long seed = claim_seed(4358898);
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
      worst = claim_fmax(worst, f1 / fk);
      tol = claim_fmax(tol, tol_k);
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
#line 4226 "chapters/01-optimization.nw"
static void test_random_spd(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(5196152);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { N = 3, M = 4000 };
  gsl_matrix *A = gsl_matrix_alloc(N, N), *Q = gsl_matrix_alloc(N, N);
  gsl_vector *lam = gsl_vector_alloc(N), *q1 = gsl_vector_alloc(M);
  gsl_vector *q2 = gsl_vector_alloc(M), *ev = gsl_vector_alloc(N);
  const double l[N] = {0.713, 2.219, 5.087};
  for (size_t i = 0; i < N; i++)
    gsl_vector_set(lam, i, l[i]);
  for (size_t k = 0; k < M; k++) {
    mdl_optim_random_spd(A, Q, lam, r);
    gsl_vector_set(q1, k, gsl_matrix_get(Q, 0, 0));
    gsl_vector_set(q2, k, gsl_matrix_get(Q, 0, 0) * gsl_matrix_get(Q, 0, 0));
  }
  mdl_numcheck_estimate e1, e2;
  mdl_numcheck_mean(q1, &e1);
  mdl_numcheck_mean(q2, &e2);
  CLAIM(.id = "optim.random-spd", .kind = CLAIM_IDENTITY, .measured = e1.mean,
        .reference = 0, .tolerance = 5 * e1.se, .samples = M, .seed = seed,
        .note = "mean of q_11 over 4000 Haar matrices, n = 3, 5 se");
  CLAIM(.id = "optim.random-spd", .kind = CLAIM_IDENTITY, .measured = e2.mean,
        .reference = 1.0 / N, .tolerance = 5 * e2.se, .samples = M,
        .seed = seed, .note = "mean of q_11^2, against 1/n, 5 se");
  double weyl = 0;
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < N; j++) {
      double s = 0;
      for (size_t k = 0; k < N; k++)
        s += fabs(gsl_matrix_get(Q, i, k)) * l[k] * fabs(gsl_matrix_get(Q, j, k));
      weyl += s * s;
    }
  weyl = gamma_k(N + 1) * sqrt(weyl) * (1 + gamma_k(2 * N + 2))
         + 10 * N * gamma_k(1) * l[N - 1];
  gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(N);
  gsl_eigen_symm(A, ev, w);
  gsl_sort_vector(ev);
  double dev = 0;
  for (size_t i = 0; i < N; i++)
    dev = claim_fmax(dev, fabs(gsl_vector_get(ev, i) - l[i]));
  CLAIM(.id = "optim.random-spd", .kind = CLAIM_IDENTITY, .measured = dev,
        .reference = 0, .tolerance = weyl, .seed = seed,
        .note = "largest |eigenvalue of A - lambda|");
  gsl_eigen_symm_free(w);
  gsl_matrix_free(A);
  gsl_matrix_free(Q);
  gsl_vector_free(lam);
  gsl_vector_free(q1);
  gsl_vector_free(q2);
  gsl_vector_free(ev);
  gsl_rng_free(r);
}
#line 3466 "chapters/01-optimization.nw"
static void test_nesterov_forms(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4582575);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { N = 6, T = 300 };
  const double eta = 0.0413, mu = 0.8719;
  mdl_optim_params p = {.lr = eta, .momentum = mu};
  mdl_optim *a = mdl_optim_alloc(mdl_optim_nesterov, N, &p);
  mdl_optim *b = mdl_optim_alloc(mdl_optim_nesterov_xy, N, &p);
  gsl_vector *ta = gsl_vector_alloc(N), *tb = gsl_vector_alloc(N);
  gsl_vector *g = gsl_vector_alloc(N);
  double sum_a[N] = {0}, sum_b[N] = {0}, sum_xy[N] = {0}, xprev[N];
  double worst_theta = 0, worst_buffer = 0;
  for (size_t i = 0; i < N; i++) {
    gsl_vector_set(ta, i, gsl_ran_flat(r, -2, 2));
    xprev[i] = gsl_vector_get(ta, i);
  }
  gsl_vector_memcpy(tb, ta);
  for (int t = 1; t <= T; t++) {
    for (size_t i = 0; i < N; i++)
      gsl_vector_set(g, i, gsl_ran_gaussian(r, 1.0));
    double th_a[N], y_b[N], bprev[N];
    const gsl_vector *buf = mdl_optim_buffer(a, MDL_OPTIM_MOMENTUM_BUFFER);
    for (size_t i = 0; i < N; i++) {
      th_a[i] = gsl_vector_get(ta, i);
      y_b[i] = gsl_vector_get(tb, i);
      bprev[i] = gsl_vector_get(buf, i);
    }
    mdl_optim_step(a, ta, g);
    mdl_optim_step(b, tb, g);
    buf = mdl_optim_buffer(a, MDL_OPTIM_MOMENTUM_BUFFER);
    const gsl_vector *xs = mdl_optim_buffer(b, MDL_OPTIM_PREVIOUS_X);
    for (size_t i = 0; i < N; i++) {
      double gi = gsl_vector_get(g, i), bi = gsl_vector_get(buf, i);
      double x = gsl_vector_get(xs, i);
      sum_b[i] += gamma_k(2) * (mu * fabs(bprev[i]) + fabs(gi));
      sum_a[i] += gamma_k(4) * (fabs(th_a[i]) + eta * fabs(gi)
                                + eta * mu * fabs(bi));
      sum_xy[i] += gamma_k(2) * (fabs(y_b[i]) + eta * fabs(gi))
                   + gamma_k(3) * (fabs(x) + mu * fabs(x - xprev[i]));
      double tol_a = sum_a[i] + eta * mu * sum_b[i] / (1 - mu);
      double tol_b = (1 + 2 * mu) * sum_xy[i] / (1 - mu);
      double dev = fabs(gsl_vector_get(ta, i) - gsl_vector_get(tb, i));
      worst_theta = claim_fmax(worst_theta, dev / (tol_a + tol_b));
      double db = fabs(eta * bi - (xprev[i] - x));
      double tol_buf = eta * sum_b[i] / (1 - mu) + tol_b
                       + gamma_k(3) * (eta * fabs(bi) + fabs(xprev[i]) + fabs(x));
      worst_buffer = claim_fmax(worst_buffer, db / tol_buf);
      xprev[i] = x;
    }
  }
  CLAIM(.id = "optim.nesterov-forms", .kind = CLAIM_BOUND,
        .measured = worst_theta, .reference = 1, .tolerance = 0,
        .samples = N * T, .seed = seed,
        .note = "largest |theta (torch) - y (two sequences)| over its"
                " propagated rounding bound");
  CLAIM(.id = "optim.nesterov-forms", .kind = CLAIM_BOUND,
        .measured = worst_buffer, .reference = 1, .tolerance = 0,
        .samples = N * T, .seed = seed,
        .note = "largest |eta b_t - (x_t-1 - x_t)| over its propagated"
                " rounding bound");
  mdl_optim_free(a);
  mdl_optim_free(b);
  gsl_vector_free(ta);
  gsl_vector_free(tb);
  gsl_vector_free(g);
  gsl_rng_free(r);
}
#line 3699 "chapters/01-optimization.nw"
static void test_nesterov_rate(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4795831);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { N = 6, K = 400 };
  const double L = 2, beta = 0.8173;
  mpfr_t sk, C0, rate, fk, bound, t;
  mpfr_inits2(RBITS, sk, C0, rate, fk, bound, t, (mpfr_ptr)0);
  mpfr_set_d(sk, 1 + beta, MPFR_RNDN);
  mpfr_div_d(sk, sk, 1 - beta, MPFR_RNDN);
  mpfr_sqr(t, sk, MPFR_RNDN);
  mpfr_d_div(t, L, t, MPFR_RNDN);
  double mu = mpfr_get_d(t, MPFR_RNDN);
  double lam[N] = {L, mu * (1 + 1e-9)}, x0[N], x[N];
  for (size_t i = 2; i < N; i++)
    lam[i] = gsl_ran_flat(r, lam[1], L);
  mpfr_set_zero(C0, 1);
  for (size_t i = 0; i < N; i++) {
    x0[i] = gsl_ran_flat(r, -1, 1);
    mpfr_set_d(t, x0[i], MPFR_RNDN);
    mpfr_sqr(t, t, MPFR_RNDN);
    mpfr_div_ui(t, t, 2, MPFR_RNDN);
    ref_add_mul(C0, t, lam[i], C0);
    ref_add_mul(C0, t, mu, C0);
  }
  nesterov_run *nr = malloc(sizeof *nr);
  nesterov_run_init(nr, lam, N, 1 / L, beta, x0, K);
  mpfr_ui_div(rate, 1, sk, MPFR_RNDN);
  mpfr_ui_sub(rate, 1, rate, MPFR_RNDN);
  double worst = 0, tol = 0;
  for (int k = 1; k <= K; k++) {
    nesterov_run_step(nr, k, x);
    double err = 0;
    mpfr_set_zero(fk, 1);
    for (size_t i = 0; i < N; i++) {
      double D = propagation_bound(&nr->pr[i], k);
      mpfr_set_d(t, x[i], MPFR_RNDN);
      mpfr_sqr(t, t, MPFR_RNDN);
      mpfr_mul_d(t, t, lam[i], MPFR_RNDN);
      mpfr_div_ui(t, t, 2, MPFR_RNDN);
      mpfr_add(fk, fk, t, MPFR_RNDN);
      err += lam[i] * (fabs(x[i]) * D + D * D / 2);
    }
    mpfr_pow_ui(bound, rate, (unsigned long)k, MPFR_RNDN);
    mpfr_mul(bound, bound, C0, MPFR_RNDN);
    err += ref_gamma(12.0 + 8 * k) * mpfr_get_d(fk, MPFR_RNDU);
    worst = claim_fmax(worst, ref_quotient(fk, bound));
    tol = claim_fmax(tol, err / mpfr_get_d(bound, MPFR_RNDN) * (1 + gamma_k(4.0 * N + 6)));
  }
  mpfr_clears(sk, C0, rate, fk, bound, t, (mpfr_ptr)0);
  CLAIM(.id = "optim.nesterov-rate", .kind = CLAIM_BOUND, .measured = worst,
        .reference = 1, .tolerance = tol, .samples = K, .seed = seed,
        .note = "largest f(x_k) over (1 - 1/sqrt kappa)^k (f(x_0) - f* +"
                " mu/2 |x_0 - x*|^2), quadratic with kappa near 99");
  nesterov_run_free(nr);
  free(nr);
  gsl_rng_free(r);
}
#line 3828 "chapters/01-optimization.nw"
static size_t nesterov_closed_form(double kappa)
{
  mpfr_t sk, z, zk, t;
  mpfr_inits2(RBITS, sk, z, zk, t, (mpfr_ptr)0);
  mpfr_set_d(sk, kappa, MPFR_RNDN);
  mpfr_sqrt(sk, sk, MPFR_RNDN);
  mpfr_ui_div(z, 1, sk, MPFR_RNDN);
  mpfr_ui_sub(z, 1, z, MPFR_RNDN);
  mpfr_set_ui(zk, 1, MPFR_RNDN);
  size_t n = 0;
  for (;;) {
    mpfr_ui_div(t, (unsigned long)n, sk, MPFR_RNDN);
    mpfr_add_ui(t, t, 1, MPFR_RNDN);
    mpfr_mul(t, t, zk, MPFR_RNDN);
    if (mpfr_cmp_d(t, 1e-4) <= 0)
      break;
    mpfr_mul(zk, zk, z, MPFR_RNDN);
    n++;
  }
  mpfr_clears(sk, z, zk, t, (mpfr_ptr)0);
  return n;
}

static double nesterov_threshold(double delta)
{
  double lo = 1, hi = 100;
  for (int it = 0; it < 200; it++) {
    double s = (lo + hi) / 2;
    if (log1p(s) - s * (1 + delta) <= -4 * log(10.0))
      hi = s;
    else
      lo = s;
  }
  return hi;
}

static void test_sqrt_kappa(void **state)
{
  (void)state;
  enum { J = 4 };
  double t[J], ngd[J], nn[J], eps_gd = 0, eps_n = 0;
  const double s0 = nesterov_threshold(0);
  for (int j = 0; j < J; j++) {
    double kappa = pow(10.0, j + 2), L = 1, mu = L / kappa;
    double beta = (sqrt(kappa) - 1) / (sqrt(kappa) + 1);
    gsl_vector *x = gsl_vector_alloc(1), *g = gsl_vector_alloc(1);
    mdl_optim_params p = {.lr = 1 / L, .momentum = beta};
    mdl_optim *gd = mdl_optim_alloc(mdl_optim_gd, 1, &p);
    mdl_optim *nes = mdl_optim_alloc(mdl_optim_nesterov_xy, 1, &p);
    const double x0 = 1.3719;
    size_t k = 0;
    gsl_vector_set(x, 0, x0);
    while (fabs(gsl_vector_get(x, 0)) > 1e-4 * x0) {
      gsl_vector_set(g, 0, mu * gsl_vector_get(x, 0));
      mdl_optim_step(gd, x, g);
      k++;
    }
    ngd[j] = (double)k;
    k = 0;
    gsl_vector_set(x, 0, x0);
    double xk = x0;
    while (fabs(xk) > 1e-4 * x0) {
      gsl_vector_set(g, 0, mu * gsl_vector_get(x, 0));
      mdl_optim_step(nes, x, g);
      xk = gsl_vector_get(mdl_optim_buffer(nes, MDL_OPTIM_PREVIOUS_X), 0);
      k++;
    }
    nn[j] = (double)k;
    t[j] = log(kappa);
    double cf_gd = ceil(4 * log(10.0) / -log1p(-1 / kappa));
    size_t cf_n = nesterov_closed_form(kappa);
    char note[128];
    snprintf(note, sizeof note, "steps of gradient descent to 1e-8,"
             " kappa = %g, against the closed form", kappa);
    CLAIM(.id = "optim.nesterov-sqrt-kappa", .kind = CLAIM_IDENTITY,
          .measured = ngd[j], .reference = cf_gd, .tolerance = 1,
          .note = note);
    snprintf(note, sizeof note, "steps of Nesterov's method to 1e-8,"
             " kappa = %g, against the closed form", kappa);
    CLAIM(.id = "optim.nesterov-sqrt-kappa", .kind = CLAIM_IDENTITY,
          .measured = nn[j], .reference = (double)cf_n, .tolerance = 1,
          .note = note);
    double sd = nesterov_threshold(1 / sqrt(kappa));
    eps_gd = claim_fmax(eps_gd, 1 / kappa + log1p(1 / ngd[j]));
    eps_n = claim_fmax(eps_n, fmax(log(s0 / sd), log1p(1 / (s0 * sqrt(kappa))))
                            + log1p(1 / nn[j]));
    mdl_optim_free(gd);
    mdl_optim_free(nes);
    gsl_vector_free(x);
    gsl_vector_free(g);
  }
  double lgd[J], ln[J], sum_w;
  for (int j = 0; j < J; j++) {
    lgd[j] = log(ngd[j]);
    ln[j] = log(nn[j]);
  }
  double slope_gd = claim_slope(t, lgd, J, &sum_w);
  CLAIM(.id = "optim.nesterov-sqrt-kappa", .kind = CLAIM_RATE,
        .measured = slope_gd, .reference = 1, .tolerance = sum_w * eps_gd,
        .note = "slope of log(steps to 1e-8) against log kappa, gradient"
                " descent, kappa = 1e2..1e5");
  double slope_n = claim_slope(t, ln, J, &sum_w);
  CLAIM(.id = "optim.nesterov-sqrt-kappa", .kind = CLAIM_RATE,
        .measured = slope_n, .reference = 0.5, .tolerance = sum_w * eps_n,
        .note = "slope of log(steps to 1e-8) against log kappa, Nesterov,"
                " kappa = 1e2..1e5");
}
#line 4001 "chapters/01-optimization.nw"
static void test_heavy_ball_radius(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(5099019);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { N = 6, K = 300 };
  const double mu = 0.02137, L = 2.137, kappa = L / mu;
  const double eta = 4 / ((sqrt(L) + sqrt(mu)) * (sqrt(L) + sqrt(mu)));
  const double sb = (sqrt(kappa) - 1) / (sqrt(kappa) + 1), beta = sb * sb;
  double lam[N] = {mu, L};
  for (size_t i = 2; i < N; i++)
    lam[i] = gsl_ran_flat(r, mu, L);
#line 4021 "chapters/01-optimization.nw"
  {
    double radius = 0, tol = 0;
    for (size_t i = 0; i < N; i++) {
      mpfr_t t, D, m;
      mpfr_inits2(RBITS, t, D, m, (mpfr_ptr)0);
      mpfr_set_d(t, eta, MPFR_RNDN);
      mpfr_mul_d(t, t, -lam[i], MPFR_RNDN);
      mpfr_add_d(t, t, beta, MPFR_RNDN);
      mpfr_add_ui(t, t, 1, MPFR_RNDN);
      mpfr_sqr(D, t, MPFR_RNDN);
      mpfr_set_d(m, beta, MPFR_RNDN);
      mpfr_mul_ui(m, m, 4, MPFR_RNDN);
      mpfr_sub(D, D, m, MPFR_RNDN);
      if (mpfr_sgn(D) <= 0) {
        mpfr_set_d(m, beta, MPFR_RNDN);
        mpfr_sqrt(m, m, MPFR_RNDN);
      } else {
        mpfr_sqrt(D, D, MPFR_RNDN);
        mpfr_abs(m, t, MPFR_RNDN);
        mpfr_add(m, m, D, MPFR_RNDN);
        mpfr_div_ui(m, m, 2, MPFR_RNDN);
      }
      radius = claim_fmax(radius, mpfr_get_d(m, MPFR_RNDN));
      double at = fabs(mpfr_get_d(t, MPFR_RNDA));
      mpfr_clears(t, D, m, (mpfr_ptr)0);
      double dt = gamma_k(6) * (beta + eta * lam[i]);
      double dD = 2 * at * dt + dt * dt + 4 * gamma_k(6) * beta;
      tol = claim_fmax(tol, (0.5 * (dt + sqrt(dD)) + gamma_k(6) * sb) * (1 + gamma_k(8)));
    }
    CLAIM(.id = "optim.heavy-ball-radius", .kind = CLAIM_IDENTITY,
          .measured = radius, .reference = sb, .tolerance = tol,
          .samples = N, .seed = seed,
          .note = "largest modulus of the roots of the six blocks, against"
                  " (sqrt kappa - 1)/(sqrt kappa + 1), kappa = 100");
  }
#line 4015 "chapters/01-optimization.nw"
#line 4059 "chapters/01-optimization.nw"
  {
    mdl_optim_params p = {.lr = eta, .momentum = beta};
    mdl_optim *opt = mdl_optim_alloc(mdl_optim_heavy_ball, N, &p);
    gsl_vector *x = gsl_vector_alloc(N), *g = gsl_vector_alloc(N);
    propagation *pd = malloc(N * sizeof *pd), *pl = malloc(N * sizeof *pl);
    mpfr_t xl[N], xlp[N], next, t;
    refs_init(xl, N);
    refs_init(xlp, N);
    mpfr_inits2(RBITS, next, t, (mpfr_ptr)0);
    double lprev[N] = {0}, worst = 0;
    for (size_t i = 0; i < N; i++) {
      double x0 = gsl_ran_flat(r, -1, 1);
      mpfr_set_d(xl[i], x0, MPFR_RNDN);
      mpfr_set_d(xlp[i], x0, MPFR_RNDN);
      gsl_vector_set(x, i, x0);
      double a = 1 + beta - eta * lam[i];
      propagation_init(&pd[i], a, beta, K);
      propagation_init(&pl[i], a, beta, K);
    }
    for (int tt = 1; tt <= K; tt++) {
      double th[N], bprev[N];
      const gsl_vector *b = mdl_optim_buffer(opt, MDL_OPTIM_MOMENTUM_BUFFER);
      for (size_t i = 0; i < N; i++) {
        th[i] = gsl_vector_get(x, i);
        bprev[i] = gsl_vector_get(b, i);
        gsl_vector_set(g, i, lam[i] * th[i]);
      }
      mdl_optim_step(opt, x, g);
      b = mdl_optim_buffer(opt, MDL_OPTIM_MOMENTUM_BUFFER);
      for (size_t i = 0; i < N; i++) {
        double gi = lam[i] * th[i], bi = gsl_vector_get(b, i);
        double lt = gamma_k(2) * (fabs(th[i]) + eta * fabs(bi));
        double lb = gamma_k(2) * (beta * fabs(bprev[i]) + fabs(gi));
        pd[i].c[tt] = beta * lprev[i] + eta * lb + lt + eta * gamma_k(1) * fabs(gi);
        lprev[i] = lt;
        mpfr_sub(t, xl[i], xlp[i], MPFR_RNDN);
        double xa = fabs(mpfr_get_d(xl[i], MPFR_RNDA));
        pl[i].c[tt] = ref_gamma(6) * (xa + eta * lam[i] * xa
                                      + beta * fabs(mpfr_get_d(t, MPFR_RNDA)));
        mpfr_mul_d(t, t, beta, MPFR_RNDN);
        mpfr_mul_d(next, xl[i], lam[i], MPFR_RNDN);
        mpfr_mul_d(next, next, -eta, MPFR_RNDN);
        mpfr_add(next, next, xl[i], MPFR_RNDN);
        mpfr_add(next, next, t, MPFR_RNDN);
        mpfr_set(xlp[i], xl[i], MPFR_RNDN);
        mpfr_set(xl[i], next, MPFR_RNDN);
        double tol = (propagation_bound(&pd[i], tt) + propagation_bound(&pl[i], tt))
                     * (1 + gamma_k(1));
        mpfr_d_sub(t, gsl_vector_get(x, i), xl[i], MPFR_RNDN);
        worst = claim_fmax(worst, fabs(mpfr_get_d(t, MPFR_RNDA)) / tol);
      }
    }
    CLAIM(.id = "optim.heavy-ball-radius", .kind = CLAIM_BOUND,
          .measured = worst, .reference = 1, .tolerance = 0,
          .samples = N * K, .seed = seed,
          .note = "largest |library heavy ball - Polyak's recursion in MPFR|"
                  " over the propagated rounding bounds");
    refs_clear(xl, N);
    refs_clear(xlp, N);
    mpfr_clears(next, t, (mpfr_ptr)0);
    free(pd);
    free(pl);
    mdl_optim_free(opt);
    gsl_vector_free(x);
    gsl_vector_free(g);
  }
#line 4016 "chapters/01-optimization.nw"
  gsl_rng_free(r);
}
#line 4534 "chapters/01-optimization.nw"
typedef struct {
  double regret, bound, bound_tol, worst_start, sum_abs;
} reddi_result;

static reddi_result reddi_run(const mdl_optim_type *type, double C,
                              double alpha, double beta2, int torch_form,
                              long T)
{
  mdl_optim_params p = {.beta1 = 0, .beta2 = beta2, .radius = 1};
  if (torch_form)
    p.eps = 1e-8;
  else
    p.no_bias_correction = 1;
  mdl_optim *opt = mdl_optim_alloc(type, 1, &p);
  gsl_vector *x = gsl_vector_alloc(1), *g = gsl_vector_alloc(1);
  gsl_vector_set(x, 0, 1.0);
  reddi_result res = {0, 0, 0, 0, 0};
  double sum_steps = 0, h = 0, tol = 0;
  for (long t = 1; t <= T; t++) {
    double xt = gsl_vector_get(x, 0), gt = t % 3 == 1 ? C : -1;
    if (t % 3 == 1)
      res.worst_start = claim_fmax(res.worst_start, fabs(xt - 1));
    res.regret += gt * (xt + 1);
    res.sum_abs = claim_fmax(res.sum_abs, fabs(gt * (xt + 1)));
    double eta = alpha / sqrt((double)t);
    mdl_optim_set_lr(opt, eta);
    gsl_vector_set(g, 0, gt);
    mdl_optim_step(opt, x, g);
    const gsl_vector *vh = mdl_optim_buffer(opt, MDL_OPTIM_MAX_EXP_AVG_SQ);
    if (vh) {
      h = eta / sqrt(gsl_vector_get(vh, 0));
      sum_steps += h * gt * gt;
      tol += C * gamma_k(8) * (fabs(xt) + h * fabs(gt));
    }
  }
  res.bound = 4 / (2 * h) + sum_steps / 2;
  res.bound_tol = tol + gamma_k((double)T) * (res.bound + fabs(res.regret));
  mdl_optim_free(opt);
  gsl_vector_free(x);
  gsl_vector_free(g);
  return res;
}

static void test_reddi(void **state)
{
  (void)state;
  const double C = 3, beta2 = 1 / (1 + C * C), alpha = 0.5 * sqrt(1 - beta2);
  const long T = 30000;
  reddi_result adam = reddi_run(mdl_optim_adam, C, alpha, beta2, 0, T);
  CLAIM(.id = "optim.adam-nonconvergence", .kind = CLAIM_IDENTITY,
        .measured = adam.worst_start, .reference = 0, .tolerance = gamma_k(4),
        .samples = (size_t)T,
        .note = "Adam (Reddi's form), C = 3: largest |x_t - 1| at t = 1 mod 3");
  CLAIM(.id = "optim.adam-nonconvergence", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = adam.regret / (double)T,
        .reference = 2 * (C - 2) / 3,
        .tolerance = C / 3 * gamma_k(4) + gamma_k((double)T) * adam.sum_abs,
        .samples = (size_t)T,
        .note = "Adam (Reddi's form), C = 3: average regret R_T/T, T = 30000");
  for (long TT = 3000; TT <= 300000; TT *= 10) {
    reddi_result ams = reddi_run(mdl_optim_amsgrad, C, alpha, beta2, 0, TT);
    char note[128];
    snprintf(note, sizeof note, "AMSGrad (Reddi's form), C = 3: regret R_T"
             " against the bound of the theorem, T = %ld", TT);
    CLAIM(.id = "optim.adam-nonconvergence", .kind = CLAIM_BOUND,
          .measured = ams.regret, .reference = ams.bound,
          .tolerance = ams.bound_tol, .samples = (size_t)TT, .note = note);
  }
  reddi_result ta = reddi_run(mdl_optim_adam, C, alpha, beta2, 1, T);
  reddi_result tm = reddi_run(mdl_optim_amsgrad, C, alpha, beta2, 1, T);
  CLAIM(.id = "optim.adam-nonconvergence", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = ta.regret / (double)T,
        .reference = 0.9 * 2 * (C - 2) / 3, .tolerance = 0,
        .samples = (size_t)T,
        .note = "torch's Adam (bias correction, eps 1e-8): average regret stays"
                " above 90% of 2(C-2)/3");
  CLAIM(.id = "optim.adam-nonconvergence", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = tm.regret / (double)T,
        .reference = 0.1 * 2 * (C - 2) / 3, .tolerance = 0,
        .samples = (size_t)T,
        .note = "torch's AMSGrad: average regret below 10% of 2(C-2)/3");
}
#line 4863 "chapters/01-optimization.nw"
static void test_ridge(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(5385164);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { NS = 30, D = 6 };
  const double mu = 0.0731;
  lsq q;
  lsq_init(&q, NS, D);
  for (size_t i = 0; i < NS; i++) {
    for (size_t j = 0; j < D; j++)
      gsl_matrix_set(q.X, i, j, gsl_ran_gaussian(r, 1.0));
    gsl_vector_set(q.y, i, gsl_ran_gaussian(r, 1.0));
  }
  lsq_finish(&q);
#line 4888 "chapters/01-optimization.nw"
  gsl_matrix *G = gsl_matrix_alloc(D, D), *Ga = gsl_matrix_alloc(D, D);
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0 / NS, q.X, q.X, 0.0, G);
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0 / NS, q.Xabs, q.Xabs, 0.0, Ga);
  gsl_vector *ev = gsl_vector_alloc(D);
  gsl_matrix *C = gsl_matrix_alloc(D, D);
  gsl_eigen_symm_workspace *ws = gsl_eigen_symm_alloc(D);
  gsl_matrix_memcpy(C, G);
  gsl_eigen_symm(C, ev, ws);
  gsl_eigen_symm_free(ws);
  double delta = gamma_k(NS + 2) * frobenius_up(Ga)
                 + 10 * D * gamma_k(1) * gsl_vector_max(ev);
  double lmax = gsl_vector_max(ev) + mu + delta;
  double lmin = gsl_vector_min(ev) + mu - delta;
  double eta = 1 / lmax, rho = 1 - eta * lmin;
#line 4880 "chapters/01-optimization.nw"
#line 4905 "chapters/01-optimization.nw"
  mdl_optim_params p = {.lr = eta, .weight_decay = mu};
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, D, &p);
  gsl_vector *theta = gsl_vector_calloc(D), *g = gsl_vector_alloc(D);
  gsl_vector *ge = gsl_vector_alloc(D), *b = gsl_vector_alloc(D);
  gsl_blas_dgemv(CblasTrans, 1.0 / NS, q.X, q.y, 0.0, b);
  double Delta = gsl_blas_dnrm2(b) * (1 + gamma_k(NS + 2)) / lmin;
  int K = (int)ceil(log(1e-20) / log(rho));
  for (int k = 0; k < K; k++) {
    lsq_grad(&q, theta, g);
    lsq_grad_error(&q, theta, ge);
    double ell = 0;
    for (size_t j = 0; j < D; j++) {
      double t = fabs(gsl_vector_get(theta, j)), gj = fabs(gsl_vector_get(g, j));
      double geff = gj + mu * t;
      double lj = gamma_k(2) * (t + eta * geff) + eta * gamma_k(2) * geff
                  + eta * gsl_vector_get(ge, j);
      ell += lj * lj;
    }
    Delta = rho * Delta + sqrt(ell);
    mdl_optim_step(opt, theta, g);
  }
  gsl_vector *be = gsl_vector_alloc(D);
  gsl_blas_dgemv(CblasTrans, gamma_k(NS + 2) / NS, q.Xabs, q.yabs, 0.0, be);
  mpfr_t res, rs, xt, t;
  mpfr_inits2(RBITS, res, rs, xt, t, (mpfr_ptr)0);
  mpfr_set_zero(res, 1);
  double res_err = 0;
  for (size_t j = 0; j < D; j++) {
    double sa = 0, tj = gsl_vector_get(theta, j);
    mpfr_set_d(rs, mu, MPFR_RNDN);
    mpfr_mul_d(rs, rs, tj, MPFR_RNDN);
    mpfr_sub_d(rs, rs, gsl_vector_get(b, j), MPFR_RNDN);
    for (size_t k = 0; k < NS; k++) {
      mpfr_set_zero(xt, 1);
      for (size_t l = 0; l < D; l++) {
        mpfr_set_d(t, gsl_matrix_get(q.X, k, l), MPFR_RNDN);
        ref_add_mul(xt, t, gsl_vector_get(theta, l), xt);
      }
      mpfr_mul_d(t, xt, gsl_matrix_get(q.X, k, j), MPFR_RNDN);
      mpfr_div_ui(t, t, NS, MPFR_RNDN);
      mpfr_add(rs, rs, t, MPFR_RNDN);
      sa += fabs(mpfr_get_d(t, MPFR_RNDA));
    }
    mpfr_fma(res, rs, rs, res, MPFR_RNDN);
    res_err += ref_gamma(NS + D + 4) * (sa + fabs(mu * tj))
               + gsl_vector_get(be, j);
  }
  gsl_vector_free(be);
  mpfr_sqrt(res, res, MPFR_RNDN);
  double res_norm = mpfr_get_d(res, MPFR_RNDN);
  mpfr_clears(res, rs, xt, t, (mpfr_ptr)0);
  CLAIM(.id = "optim.ridge", .kind = CLAIM_IDENTITY, .measured = res_norm,
        .reference = 0, .tolerance = (lmax * Delta + res_err) * (1 + gamma_k(D + 2)),
        .samples = (size_t)K, .seed = seed,
        .note = "residual |H theta - X^T y / n| of gradient descent with weight"
                " decay, after it converged");
#line 4881 "chapters/01-optimization.nw"
#line 4967 "chapters/01-optimization.nw"
  gsl_matrix *A = gsl_matrix_alloc(D, D);
  gsl_vector *Xty = gsl_vector_alloc(D), *tc = gsl_vector_alloc(D);
  gsl_vector *Xya = gsl_vector_alloc(D);
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, q.X, q.X, 0.0, A);
  for (size_t j = 0; j < D; j++)
    *gsl_matrix_ptr(A, j, j) += NS * mu;
  gsl_blas_dgemv(CblasTrans, 1.0, q.X, q.y, 0.0, Xty);
  gsl_blas_dgemv(CblasTrans, 1.0, q.Xabs, q.yabs, 0.0, Xya);
  double normA = NS * (lmax + delta);
  gsl_linalg_cholesky_decomp1(A);
  gsl_linalg_cholesky_solve(A, Xty, tc);
  double dA = gamma_k(NS + 1) * NS * frobenius_up(Ga) + gamma_k(1) * NS * mu
              + gamma_k(3 * D + 1) * D * normA / (1 - D * gamma_k(D + 1));
  double chol_err = (dA * gsl_blas_dnrm2(tc) + gamma_k(NS) * gsl_blas_dnrm2(Xya))
                    / (NS * lmin);
  gsl_vector_sub(tc, theta);
  CLAIM(.id = "optim.ridge", .kind = CLAIM_IDENTITY,
        .measured = gsl_blas_dnrm2(tc), .reference = 0,
        .tolerance = Delta + chol_err, .samples = (size_t)K, .seed = seed,
        .note = "|theta (gradient descent with weight decay) - (X^T X + n mu"
                " I)^-1 X^T y (Cholesky)|");
  mdl_optim_free(opt);
  gsl_matrix_free(G);
  gsl_matrix_free(Ga);
  gsl_matrix_free(C);
  gsl_matrix_free(A);
  gsl_vector_free(ev);
  gsl_vector_free(theta);
  gsl_vector_free(g);
  gsl_vector_free(ge);
  gsl_vector_free(b);
  gsl_vector_free(Xty);
  gsl_vector_free(Xya);
  gsl_vector_free(tc);
#line 4882 "chapters/01-optimization.nw"
  lsq_free(&q);
  gsl_rng_free(r);
}
#line 5069 "chapters/01-optimization.nw"
static void test_early_stopping(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(5567764);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { NS = 20, D = 7, K = 1000 };
  const double mu = 0.0137, eta = 1 / (K * mu);
  lsq q;
  lsq_init(&q, NS, D);
  gsl_matrix_set_zero(q.X);
  double lam[D];
  for (size_t i = 0; i < D; i++) {
    gsl_matrix_set(q.X, i, i, sqrt(NS * mu * pow(10.0, (double)i - 3)));
    lam[i] = gsl_matrix_get(q.X, i, i) * gsl_matrix_get(q.X, i, i) / NS;
  }
  for (size_t i = 0; i < NS; i++)
    gsl_vector_set(q.y, i, gsl_ran_gaussian(r, 1.0));
  lsq_finish(&q);
  mdl_optim_params p = {.lr = eta};
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, D, &p);
  gsl_vector *theta = gsl_vector_calloc(D), *g = gsl_vector_alloc(D);
  double err[D] = {0};
  for (int k = 0; k < K; k++) {
    lsq_grad(&q, theta, g);
    for (size_t i = 0; i < D; i++) {
      double t = fabs(gsl_vector_get(theta, i));
      double bi = fabs(gsl_matrix_get(q.X, i, i) * gsl_vector_get(q.y, i)) / NS;
      err[i] += gamma_k(NS + 4) * (t + eta * lam[i] * t + eta * bi);
    }
    mdl_optim_step(opt, theta, g);
  }
  double lo = HUGE_VAL, hi = 0, tol = 0, worst = 0;
  mpfr_t l, ls, sgd, sr, scf, x;
  mpfr_inits2(128, l, ls, sgd, sr, scf, x, (mpfr_ptr)0);
  for (size_t i = 0; i < D; i++) {
    double xi = gsl_matrix_get(q.X, i, i);
    mpfr_set_d(l, xi, MPFR_RNDN);
    mpfr_sqr(l, l, MPFR_RNDN);
    mpfr_div_ui(l, l, NS, MPFR_RNDN);
    mpfr_set_d(ls, gsl_vector_get(q.y, i), MPFR_RNDN);
    mpfr_div_d(ls, ls, xi, MPFR_RNDN);
    mpfr_set_d(sgd, gsl_vector_get(theta, i), MPFR_RNDN);
    mpfr_div(sgd, sgd, ls, MPFR_RNDN);
    mpfr_add_d(x, l, mu, MPFR_RNDN);
    mpfr_div(sr, l, x, MPFR_RNDN);
    mpfr_mul_d(x, l, eta, MPFR_RNDN);
    mpfr_ui_sub(x, 1, x, MPFR_RNDN);
    mpfr_pow_ui(x, x, K, MPFR_RNDN);
    mpfr_ui_sub(scf, 1, x, MPFR_RNDN);
    double es = err[i] / fabs(mpfr_get_d(ls, MPFR_RNDN)) * (1 + gamma_k(2))
                + gamma_p(8);
    mpfr_div(x, sgd, sr, MPFR_RNDN);
    double ratio = mpfr_get_d(x, MPFR_RNDN);
    lo = fmin(lo, ratio);
    hi = claim_fmax(hi, ratio);
    tol = claim_fmax(tol, ratio * (es / mpfr_get_d(sgd, MPFR_RNDN) + gamma_p(6)
                             + gamma_k(1)));
    mpfr_sub(x, sgd, scf, MPFR_RNDN);
    mpfr_abs(x, x, MPFR_RNDN);
    worst = claim_fmax(worst, mpfr_get_d(x, MPFR_RNDU) / (es + gamma_p(4.0 * K)));
  }
  mpfr_clears(l, ls, sgd, sr, scf, x, (mpfr_ptr)0);
  CLAIM(.id = "optim.early-stopping", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = lo, .reference = 1,
        .tolerance = tol, .samples = D, .seed = seed,
        .note = "smallest ratio of early stopping's shrinkage to ridge's,"
                " k = 1/(eta mu), lambda/mu from 1e-3 to 1e3");
  CLAIM(.id = "optim.early-stopping", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = hi, .reference = 2,
        .tolerance = tol, .samples = D, .seed = seed,
        .note = "largest ratio of early stopping's shrinkage to ridge's");
  CLAIM(.id = "optim.early-stopping", .kind = CLAIM_BOUND, .measured = worst,
        .reference = 1, .tolerance = 0, .samples = D, .seed = seed,
        .note = "largest |s_GD (library) - (1 - (1 - eta lambda)^k)| over its"
                " rounding bound");
  mdl_optim_free(opt);
  gsl_vector_free(theta);
  gsl_vector_free(g);
  lsq_free(&q);
  gsl_rng_free(r);
}
#line 5268 "chapters/01-optimization.nw"
static void test_projection(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(5744562);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { D = 5 };
  const double rad = 1.37;
  gsl_vector *c = gsl_vector_alloc(D), *x = gsl_vector_alloc(D);
  gsl_vector *P = gsl_vector_alloc(D);
  for (size_t j = 0; j < D; j++)
    gsl_vector_set(c, j, gsl_ran_flat(r, -1, 1));
  double min_gap = HUGE_VAL, max_inner = -HUGE_VAL, max_sphere = 0;
  double tol_gap = 0, tol_inner = 0, tol_sphere = 0;
  size_t moved = 0;
  for (int s = 0; s < 200; s++) {
    int outside = s < 100;
    double u[D], nu = 0, scale;
    for (size_t j = 0; j < D; j++) {
      u[j] = gsl_ran_gaussian(r, 1.0);
      nu += u[j] * u[j];
    }
    scale = (outside ? gsl_ran_flat(r, 1.05, 3) : gsl_ran_flat(r, 0, 0.9))
            * rad / sqrt(nu);
    for (size_t j = 0; j < D; j++)
      gsl_vector_set(x, j, gsl_vector_get(c, j) + scale * u[j]);
    gsl_vector_memcpy(P, x);
    mdl_optim_project_ball(P, c, rad);
    if (!outside) {
      for (size_t j = 0; j < D; j++)
        moved += gsl_vector_get(P, j) != gsl_vector_get(x, j);
      continue;
    }
#line 5328 "chapters/01-optimization.nw"
    mpfr_t dpc, dxp, dxz, dzp, inner, rz, zj, e;
    mpfr_inits2(RBITS, dpc, dxp, dxz, dzp, inner, rz, zj, e, (mpfr_ptr)0);
    double dxc = ref_norm_diff(x, c, NULL), delta = 0;
    ref_norm_diff(P, c, dpc);
    double dxpd = ref_norm_diff(x, P, dxp);
    for (size_t j = 0; j < D; j++) {
      double dj = gamma_k(D + 6) * (fabs(gsl_vector_get(c, j))
                                    + fabs(gsl_vector_get(P, j))
                                    + rad * fabs(gsl_vector_get(x, j)
                                                 - gsl_vector_get(c, j))
                                          / dxc);
      delta += dj * dj;
    }
    delta = sqrt(delta) * (1 + gamma_k(2.0 * D + 12));
    mpfr_sub_d(e, dpc, rad, MPFR_RNDN);
    max_sphere = claim_fmax(max_sphere, fabs(mpfr_get_d(e, MPFR_RNDA)));
    tol_sphere = claim_fmax(tol_sphere, delta);
    for (int t = 0; t < 100; t++) {
      double z[D];
      mpfr_set_zero(e, 1);
      for (size_t j = 0; j < D; j++) {
        z[j] = gsl_ran_gaussian(r, 1.0);
        mpfr_set_d(zj, z[j], MPFR_RNDN);
        mpfr_fma(e, zj, zj, e, MPFR_RNDN);
      }
      mpfr_sqrt(e, e, MPFR_RNDN);
      mpfr_set_d(rz, gsl_rng_uniform(r), MPFR_RNDN);
      mpfr_rootn_ui(rz, rz, D, MPFR_RNDN);
      mpfr_mul_d(rz, rz, rad, MPFR_RNDN);
      mpfr_div(rz, rz, e, MPFR_RNDN);
      mpfr_set_zero(dxz, 1);
      mpfr_set_zero(dzp, 1);
      mpfr_set_zero(inner, 1);
      for (size_t j = 0; j < D; j++) {
        mpfr_mul_d(zj, rz, z[j], MPFR_RNDN);
        mpfr_add_d(zj, zj, gsl_vector_get(c, j), MPFR_RNDN);
        mpfr_d_sub(e, gsl_vector_get(x, j), zj, MPFR_RNDN);
        mpfr_fma(dxz, e, e, dxz, MPFR_RNDN);
        mpfr_sub_d(zj, zj, gsl_vector_get(P, j), MPFR_RNDN);
        mpfr_fma(dzp, zj, zj, dzp, MPFR_RNDN);
        mpfr_set_d(e, gsl_vector_get(x, j), MPFR_RNDN);
        mpfr_sub_d(e, e, gsl_vector_get(P, j), MPFR_RNDN);
        mpfr_fma(inner, e, zj, inner, MPFR_RNDN);
      }
      mpfr_sqrt(dxz, dxz, MPFR_RNDN);
      mpfr_sqrt(dzp, dzp, MPFR_RNDN);
      mpfr_sub(e, dxz, dxp, MPFR_RNDN);
      min_gap = fmin(min_gap, mpfr_get_d(e, MPFR_RNDN));
      double dxzd = mpfr_get_d(dxz, MPFR_RNDU), dzpd = mpfr_get_d(dzp, MPFR_RNDU);
      tol_gap = claim_fmax(tol_gap, (delta + ref_gamma(2.0 * D + 4) * (dxzd + dxpd))
                              * (1 + gamma_k(3)));
      max_inner = claim_fmax(max_inner, mpfr_get_d(inner, MPFR_RNDN));
      tol_inner = claim_fmax(tol_inner, (delta * (dxpd + dzpd + delta)
                                   + ref_gamma(2.0 * D + 4) * dxpd * dzpd)
                                  * (1 + gamma_k(5)));
    }
    mpfr_clears(dpc, dxp, dxz, dzp, inner, rz, zj, e, (mpfr_ptr)0);
#line 5302 "chapters/01-optimization.nw"
  }
  CLAIM(.id = "optim.projection", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = min_gap, .reference = 0,
        .tolerance = tol_gap, .samples = 100 * 100, .seed = seed,
        .note = "smallest |x - z| - |x - P(x)| over z in the ball");
  CLAIM(.id = "optim.projection", .kind = CLAIM_BOUND, .measured = max_inner,
        .reference = 0, .tolerance = tol_inner, .samples = 100 * 100,
        .seed = seed,
        .note = "largest <x - P(x), z - P(x)> over z in the ball");
  CLAIM(.id = "optim.projection", .kind = CLAIM_IDENTITY,
        .measured = max_sphere, .reference = 0, .tolerance = tol_sphere,
        .samples = 100, .seed = seed,
        .note = "largest | |P(x) - c| - r | for x outside");
  CLAIM(.id = "optim.projection", .kind = CLAIM_IDENTITY,
        .measured = (double)moved, .reference = 0, .tolerance = 0,
        .samples = 100, .seed = seed,
        .note = "coordinates of points inside the ball changed by the"
                " projection");
  gsl_vector_free(c);
  gsl_vector_free(x);
  gsl_vector_free(P);
  gsl_rng_free(r);
}
#line 5422 "chapters/01-optimization.nw"
static void test_projected_gd(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(5830951);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { D = 5, K = 400 };
  const double lam[D] = {0.37, 2.91, 1.23, 4.07, 0.88}, L = 4.07, mu = 0.37;
  double a[D], na = 0;
  for (size_t j = 0; j < D; j++) {
    a[j] = gsl_ran_gaussian(r, 1.0);
    na += a[j] * a[j];
  }
  for (size_t j = 0; j < D; j++)
    a[j] = a[j] * 2.3 / sqrt(na);
  mpfr_t lo, hi, nu, sum, t, xs[D];
  mpfr_inits2(RBITS, lo, hi, nu, sum, t, (mpfr_ptr)0);
  refs_init(xs, D);
  mpfr_set_zero(lo, 1);
  mpfr_set_ui(hi, 100, MPFR_RNDN);
  for (int it = 0; it < 200; it++) {
    mpfr_add(nu, lo, hi, MPFR_RNDN);
    mpfr_div_ui(nu, nu, 2, MPFR_RNDN);
    mpfr_set_zero(sum, 1);
    for (size_t j = 0; j < D; j++) {
      mpfr_add_d(t, nu, lam[j], MPFR_RNDN);
      mpfr_d_div(t, lam[j] * a[j], t, MPFR_RNDN);
      mpfr_fma(sum, t, t, sum, MPFR_RNDN);
    }
    mpfr_set(mpfr_cmp_ui(sum, 1) > 0 ? lo : hi, nu, MPFR_RNDN);
  }
  double deriv = 0, dx = 0, nx = 0;
  for (size_t j = 0; j < D; j++) {
    mpfr_add_d(t, hi, lam[j], MPFR_RNDN);
    mpfr_set_d(xs[j], lam[j], MPFR_RNDN);
    mpfr_mul_d(xs[j], xs[j], a[j], MPFR_RNDN);
    mpfr_div(xs[j], xs[j], t, MPFR_RNDN);
    double x = mpfr_get_d(xs[j], MPFR_RNDN), l = mpfr_get_d(t, MPFR_RNDN);
    deriv += 2 * x * x / l;
    dx += (x / l) * (x / l);
    nx += x * x;
  }
  double eps_star = (sqrt(dx) * ref_gamma(3 * D + 8) / deriv
                     + ref_gamma(4) * sqrt(nx)) * 2;
  mdl_optim_params p = {.lr = 1 / L, .radius = 1};
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, D, &p);
  gsl_vector *x = gsl_vector_calloc(D), *g = gsl_vector_alloc(D);
  const double q = 1 - mu / L;
  double worst = 0, tol = 0, acc = 0, d_final = 0;
  acc = ref_norm(xs, D);
  for (int k = 0; k < K; k++) {
    double ell = 0;
    for (size_t j = 0; j < D; j++) {
      double xj = gsl_vector_get(x, j), gj = lam[j] * (xj - a[j]);
      gsl_vector_set(g, j, gj);
      double lj = gamma_k(D + 8) * (fabs(xj) + fabs(gj) / L + fabs(a[j]));
      ell += lj * lj;
    }
    ell = sqrt(ell) * (1 + gamma_k(D + 2));
    ref_dist(x, xs, lo);
    mdl_optim_step(opt, x, g);
    ref_dist(x, xs, hi);
    double dk = mpfr_get_d(lo, MPFR_RNDN), dk1 = mpfr_get_d(hi, MPFR_RNDN);
    acc = q * acc + ell;
    d_final = dk1;
    double tol_k = (ell + (1 + q) * eps_star
                    + ref_gamma(2 * D + 4) * (dk + dk1)) / dk;
    if (tol_k < 1e-6) {
      worst = claim_fmax(worst, ref_quotient(hi, lo));
      tol = claim_fmax(tol, tol_k);
    }
  }
  mpfr_clears(lo, hi, nu, sum, t, (mpfr_ptr)0);
  refs_clear(xs, D);
  CLAIM(.id = "optim.projected-gd", .kind = CLAIM_BOUND, .measured = worst,
        .reference = q, .tolerance = tol, .samples = K, .seed = seed,
        .note = "largest ratio of successive distances to the constrained"
                " minimiser, against 1 - mu/L");
  CLAIM(.id = "optim.projected-gd", .kind = CLAIM_IDENTITY,
        .measured = d_final, .reference = 0, .tolerance = acc + eps_star,
        .samples = K,
        .seed = seed,
        .note = "distance to the constrained minimiser after 400 projected"
                " steps, against the accumulated bound");
  mdl_optim_free(opt);
  gsl_vector_free(x);
  gsl_vector_free(g);
  gsl_rng_free(r);
}
#line 5537 "chapters/01-optimization.nw"
static void test_clipping(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(5916079);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { D = 8 };
  const double c = 1.7;
  gsl_vector *g = gsl_vector_alloc(D), *h = gsl_vector_alloc(D);
  double worst_norm = 0, worst_cos = 1, worst_rel = 0;
  size_t changed = 0;
  for (int s = 0; s < 300; s++) {
    double scale = pow(10.0, gsl_ran_flat(r, -3, 3)), norm, n2 = 0;
    for (size_t j = 0; j < D; j++) {
      gsl_vector_set(g, j, scale * gsl_ran_gaussian(r, 1.0));
      n2 += gsl_vector_get(g, j) * gsl_vector_get(g, j);
    }
    gsl_vector_memcpy(h, g);
    mdl_optim_clip_norm(h, c, &norm);
    mpfr_t dot, gg, hh, a, b;
    mpfr_inits2(RBITS, dot, gg, hh, a, b, (mpfr_ptr)0);
    mpfr_set_zero(dot, 1);
    mpfr_set_zero(gg, 1);
    mpfr_set_zero(hh, 1);
    for (size_t j = 0; j < D; j++) {
      mpfr_set_d(a, gsl_vector_get(g, j), MPFR_RNDN);
      mpfr_set_d(b, gsl_vector_get(h, j), MPFR_RNDN);
      mpfr_fma(dot, a, b, dot, MPFR_RNDN);
      mpfr_fma(gg, a, a, gg, MPFR_RNDN);
      mpfr_fma(hh, b, b, hh, MPFR_RNDN);
    }
    mpfr_sqrt(gg, gg, MPFR_RNDN);
    mpfr_sqrt(hh, hh, MPFR_RNDN);
    mpfr_div_d(a, hh, c, MPFR_RNDN);
    worst_norm = claim_fmax(worst_norm, mpfr_get_d(a, MPFR_RNDN));
    mpfr_mul(a, gg, hh, MPFR_RNDN);
    mpfr_div(a, dot, a, MPFR_RNDN);
    worst_cos = fmin(worst_cos, mpfr_get_d(a, MPFR_RNDN));
    mpfr_d_sub(a, norm, gg, MPFR_RNDN);
    mpfr_div(a, a, gg, MPFR_RNDN);
    worst_rel = claim_fmax(worst_rel, fabs(mpfr_get_d(a, MPFR_RNDN)));
    mpfr_clears(dot, gg, hh, a, b, (mpfr_ptr)0);
    if (sqrt(n2) < c - 1e-6 - 1e-9)
      for (size_t j = 0; j < D; j++)
        changed += gsl_vector_get(h, j) != gsl_vector_get(g, j);
  }
  CLAIM(.id = "optim.clipping", .kind = CLAIM_BOUND, .measured = worst_norm,
        .reference = 1, .tolerance = gamma_k(2 * D + 8), .samples = 300,
        .seed = seed, .note = "largest |clipped g| / c");
  CLAIM(.id = "optim.clipping", .kind = CLAIM_IDENTITY, .measured = worst_cos,
        .reference = 1, .tolerance = gamma_k(2 * D + 8), .samples = 300,
        .seed = seed, .note = "smallest cosine between g and clipped g");
  CLAIM(.id = "optim.clipping", .kind = CLAIM_IDENTITY,
        .measured = (double)changed, .reference = 0, .tolerance = 0,
        .samples = 300, .seed = seed,
        .note = "coordinates changed in gradients below the threshold");
  CLAIM(.id = "optim.clipping", .kind = CLAIM_IDENTITY, .measured = worst_rel,
        .reference = 0, .tolerance = gamma_k(D + 2), .samples = 300,
        .seed = seed, .note = "largest relative error of the returned norm");
  gsl_vector_free(g);
  gsl_vector_free(h);
  gsl_rng_free(r);
}
#line 5631 "chapters/01-optimization.nw"
static void test_sign_steepest(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6082762);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { D = 10 };
  mdl_optim_params p = {.lr = 0.5};
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_signsgd, D, &p);
  gsl_vector *theta = gsl_vector_alloc(D), *g = gsl_vector_alloc(D);
  double worst_gap = 0, worst_l1 = 0, tol = 0;
  size_t extra = 0;
  for (int s = 0; s < 50; s++) {
    double l1 = 0;
    for (size_t j = 0; j < D; j++) {
      gsl_vector_set(g, j, gsl_ran_gaussian(r, 1.0));
      l1 += fabs(gsl_vector_get(g, j));
    }
    gsl_vector_set_zero(theta);
    mdl_optim_reset(opt);
    mdl_optim_step(opt, theta, g);
    double at_sign = 0, best = -HUGE_VAL;
    for (size_t j = 0; j < D; j++)
      at_sign += gsl_vector_get(g, j) * (-2 * gsl_vector_get(theta, j));
    size_t count = 0;
    for (unsigned v = 0; v < (1u << D); v++) {
      double val = 0;
      for (size_t j = 0; j < D; j++)
        val += gsl_vector_get(g, j) * ((v >> j) & 1 ? 1.0 : -1.0);
      if (val > best + gamma_k(2 * D) * l1) {
        best = val;
        count = 1;
      } else if (val >= best - gamma_k(2 * D) * l1) {
        count++;
        best = claim_fmax(best, val);
      }
    }
    extra += count - 1;
    worst_gap = claim_fmax(worst_gap, best - at_sign);
    worst_l1 = claim_fmax(worst_l1, fabs(at_sign - l1));
    tol = claim_fmax(tol, gamma_k(D) * l1);
  }
  CLAIM(.id = "optim.sign-steepest", .kind = CLAIM_BOUND,
        .measured = worst_gap, .reference = 0, .tolerance = 2 * tol,
        .samples = 50 << D, .seed = seed,
        .note = "largest max over the 1024 vertices of <g, d> minus <g, sign g>,"
                " sign g from the SignSGD step");
  CLAIM(.id = "optim.sign-steepest", .kind = CLAIM_IDENTITY,
        .measured = worst_l1, .reference = 0, .tolerance = 2 * tol,
        .samples = 50, .seed = seed, .note = "largest |<g, sign g> - |g|_1|");
  CLAIM(.id = "optim.sign-steepest", .kind = CLAIM_IDENTITY,
        .measured = (double)extra, .reference = 0, .tolerance = 0,
        .samples = 50 << D, .seed = seed,
        .note = "vertices other than sign g attaining the maximum");
  mdl_optim_free(opt);
  gsl_vector_free(theta);
  gsl_vector_free(g);
  gsl_rng_free(r);
}
#line 5703 "chapters/01-optimization.nw"
static void test_sign_zero(void **state)
{
  (void)state;
  double g5[5] = {1.5, 0, -0.25, 0, -0.0}, x5[5] = {0.375, -0.75, 0.125, 2, 1};
  const double want[5] = {-0.125, -0.75, 0.625, 2, 1};
  gsl_vector_view g = gsl_vector_view_array(g5, 5);
  gsl_vector_view theta = gsl_vector_view_array(x5, 5);
  mdl_optim_params p = {.lr = 0.5};
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_signsgd, 5, &p);
  mdl_optim_step(opt, &theta.vector, &g.vector);
  size_t wrong = 0;
  for (size_t j = 0; j < 5; j++)
    wrong += !(x5[j] == want[j]);
  CLAIM(.id = "optim.sign-steepest", .kind = CLAIM_IDENTITY,
        .measured = (double)wrong, .reference = 0, .tolerance = 0, .samples = 5,
        .note = "coordinates of a SignSGD step with zero partial derivatives"
                " that differ from theta - eta sign(g), sign(0) = 0");
  mdl_optim_free(opt);
}
#line 6152 "chapters/01-optimization.nw"
static void check_sampler_frequencies(gsl_rng *r, unsigned long seed);

static void test_minibatch_variance(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6164414);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  fsum F;
  fsum_setup(&F, 50, 4, 0.5, 0.5, r);
  enum { M = 20000 };
  gsl_vector *x = gsl_vector_alloc(4), *g = gsl_vector_alloc(4);
  gsl_vector *full = gsl_vector_alloc(4), *gi = gsl_vector_alloc(4);
  gsl_vector *vals = gsl_vector_alloc(M);
  for (size_t j = 0; j < 4; j++)
    gsl_vector_set(x, j, gsl_ran_flat(r, -2, 2));
  mdl_optim_full_gradient(&F.sum, x, full);
  double V = 0;
  for (size_t i = 0; i < F.n; i++) {
    fsum_gradient(i, x, &F, gi);
    gsl_vector_sub(gi, full);
    V += gsl_blas_dnrm2(gi) * gsl_blas_dnrm2(gi) / (double)F.n;
  }
  const size_t sizes[3] = {1, 4, 16};
  for (int rep = 1; rep >= 0; rep--)
    for (int c = 0; c < 3; c++) {
      size_t b = sizes[c];
      mdl_optim_sampler *s = mdl_optim_sampler_alloc(&F.sum, b, rep);
      for (size_t m = 0; m < M; m++) {
        mdl_optim_sampler_minibatch(s, x, r, g);
        gsl_vector_sub(g, full);
        gsl_vector_set(vals, m, gsl_blas_dnrm2(g) * gsl_blas_dnrm2(g));
      }
      mdl_numcheck_estimate est;
      mdl_numcheck_mean(vals, &est);
      double expected = V / (double)b
                        * (rep ? 1 : (double)(F.n - b) / (double)(F.n - 1));
      char note[128];
      snprintf(note, sizeof note, "mean |g_B - grad f|^2, r = %zu, %s"
               " replacement, against the formula, 5 se", b,
               rep ? "with" : "without");
      CLAIM(.id = "optim.minibatch-variance", .kind = CLAIM_IDENTITY,
            .measured = est.mean, .reference = expected,
            .tolerance = 5 * est.se, .samples = M, .seed = seed,
            .note = note);
      mdl_optim_sampler_free(s);
    }
  gsl_vector_free(x);
  gsl_vector_free(g);
  gsl_vector_free(full);
  gsl_vector_free(gi);
  gsl_vector_free(vals);
  gsl_vector_free(F.xstar);
  check_sampler_frequencies(r, seed);
  gsl_rng_free(r);
}
#line 6224 "chapters/01-optimization.nw"
static int indicator_term(size_t i, const gsl_vector *x, void *params,
                          gsl_vector *g)
{
  (void)x;
  (void)params;
  gsl_vector_set_basis(g, i);
  return GSL_SUCCESS;
}

static void check_sampler_frequencies(gsl_rng *r, unsigned long seed)
{
  enum { N = 50, M = 20000 };
  mdl_optim_finite_sum f = {indicator_term, N, N, NULL};
  gsl_vector *x = gsl_vector_calloc(N), *g = gsl_vector_alloc(N);
  for (int rep = 1; rep >= 0; rep--) {
    size_t b = rep ? 1 : 16;
    double p = (double)b / N, alpha = 1e-6 / (2.0 * N), counts[N] = {0};
    mdl_optim_sampler *s = mdl_optim_sampler_alloc(&f, b, rep);
    for (size_t m = 0; m < M; m++) {
      mdl_optim_sampler_minibatch(s, x, r, g);
      for (size_t i = 0; i < N; i++)
        counts[i] += (double)b * gsl_vector_get(g, i);
    }
    unsigned klo = 0, khi = M;
    while (klo < M && gsl_cdf_binomial_P(klo, p, M) <= alpha)
      klo++;
    while (khi > 0 && gsl_cdf_binomial_Q(khi - 1, p, M) <= alpha)
      khi--;
    size_t outside = 0;
    for (size_t i = 0; i < N; i++)
      outside += counts[i] < klo - 0.5 || counts[i] > khi + 0.5;
    CLAIM(.id = "optim.minibatch-variance", .kind = CLAIM_IDENTITY,
          .measured = (double)outside, .reference = 0, .tolerance = 0,
          .samples = M, .seed = seed,
          .note = rep ? "indices drawn outside their exact binomial range,"
                        " with replacement, r = 1"
                      : "indices drawn outside their exact binomial range,"
                        " without replacement, r = 16");
    mdl_optim_sampler_free(s);
  }
  gsl_vector_free(x);
  gsl_vector_free(g);
}
#line 6354 "chapters/01-optimization.nw"
static void test_sgd_bound(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6244997);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  fsum F;
  fsum_setup(&F, 50, 4, 0.5, 0.5, r);
  enum { R = 2000, K = 300, NC = 4 };
  const int checks[NC] = {10, 30, 100, 300};
  const double eta = 0.5 / F.supL;
  const double A = 1 - 2 * eta * F.mu * (1 - eta * F.supL);
  const double B = eta * F.sigma2 / (F.mu * (1 - eta * F.supL));
  const double B_notes = eta * F.sigma2 / (F.mu - eta * F.supL);
  gsl_vector *x0 = gsl_vector_alloc(4), *x = gsl_vector_alloc(4);
  gsl_vector *g = gsl_vector_alloc(4), *vals[NC];
  for (int c = 0; c < NC; c++)
    vals[c] = gsl_vector_alloc(R);
  for (size_t j = 0; j < 4; j++)
    gsl_vector_set(x0, j, gsl_vector_get(F.xstar, j) + gsl_ran_flat(r, -2, 2));
  double e0 = fsum_dist2(&F, x0);
  mdl_optim_params p = {.lr = eta};
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, 4, &p);
  mdl_optim_sampler *s = mdl_optim_sampler_alloc(&F.sum, 1, 1);
  for (size_t run = 0; run < R; run++) {
    gsl_vector_memcpy(x, x0);
    for (int k = 1, c = 0; k <= K; k++) {
      mdl_optim_sampler_minibatch(s, x, r, g);
      mdl_optim_step(opt, x, g);
      if (k == checks[c])
        gsl_vector_set(vals[c++], run, fsum_dist2(&F, x));
    }
  }
  double dstar = F.xstar_err, exact[K + 1];
  sgd_moments(&F, eta, x0, K, exact);
  for (int c = 0; c < NC; c++) {
    mdl_numcheck_estimate est;
    mdl_numcheck_mean(vals[c], &est);
    char note2[128];
    snprintf(note2, sizeof note2, "mean |x_k - x*|^2 over %d runs, k = %d,"
             " against the exact second moment, 5 se", R, checks[c]);
    CLAIM(.id = "optim.sgd-second-moment", .kind = CLAIM_IDENTITY,
          .measured = est.mean, .reference = exact[checks[c]],
          .tolerance = 5 * est.se + gamma_k(20.0 * checks[c]) * est.mean,
          .samples = R, .seed = seed, .note = note2);
    double bound = pow(A, checks[c]) * e0 + B;
    char note[128];
    snprintf(note, sizeof note, "mean |x_k - x*|^2 over %d runs, k = %d,"
             " against A^k |x_0 - x*|^2 + B", R, checks[c]);
    CLAIM(.id = "optim.sgd-bound", .kind = CLAIM_BOUND, .measured = est.mean,
          .reference = bound,
          .tolerance = 5 * est.se + 2 * sqrt(est.mean) * dstar + dstar * dstar,
          .samples = R, .seed = seed, .note = note);
    if (c == NC - 1)
      CLAIM(.id = "optim.sgd-bound", .kind = CLAIM_BOUND,
            .relation = CLAIM_AT_LEAST,
            .measured = est.mean - 5 * est.se - 2 * sqrt(est.mean) * dstar,
            .reference = B_notes, .tolerance = 0, .samples = R, .seed = seed,
            .note = "lower 5-se limit of mean |x_300 - x*|^2 against the notes'"
                    " floor B = eta sigma^2/(mu - eta L), which is negative");
  }
  mdl_optim_free(opt);
  mdl_optim_sampler_free(s);
  for (int c = 0; c < NC; c++)
    gsl_vector_free(vals[c]);
  gsl_vector_free(x0);
  gsl_vector_free(x);
  gsl_vector_free(g);
  gsl_vector_free(F.xstar);
  gsl_rng_free(r);
}
#line 6606 "chapters/01-optimization.nw"
static void test_svrg(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6403124);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  fsum F;
  fsum_setup(&F, 50, 4, 0.5, 0.5, r);
  enum { R = 200, S = 10 };
  const double L = F.supL, eta = 0.1 / L;
  const size_t m = (size_t)ceil(50 * L / F.mu);
  const double alpha = 1 / (F.mu * eta * (1 - 2 * L * eta) * (double)m)
                       + 2 * L * eta / (1 - 2 * L * eta);
  gsl_vector *x0 = gsl_vector_alloc(4), *x = gsl_vector_alloc(4);
  gsl_vector *gaps[S + 1], *dist = gsl_vector_alloc(R);
  for (int s = 0; s <= S; s++)
    gaps[s] = gsl_vector_alloc(R);
  for (size_t j = 0; j < 4; j++)
    gsl_vector_set(x0, j, gsl_vector_get(F.xstar, j) + gsl_ran_flat(r, -2, 2));
  mdl_optim_params p = {.lr = eta};
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, 4, &p);
  mdl_optim_sampler *smp = mdl_optim_sampler_alloc(&F.sum, 1, 1);
  for (size_t run = 0; run < R; run++) {
    gsl_vector_memcpy(x, x0);
    gsl_vector_set(gaps[0], run, fsum_gap(&F, x));
    for (int s = 1; s <= S; s++) {
      mdl_optim_svrg_epoch(smp, opt, x, m, MDL_OPTIM_SVRG_RANDOM, r);
      gsl_vector_set(gaps[s], run, fsum_gap(&F, x));
    }
    gsl_vector_set(dist, run, fsum_dist2(&F, x));
  }
  double gap0 = fsum_gap(&F, x0);
  const int at[3] = {2, 5, 10};
  for (int c = 0; c < 3; c++) {
    mdl_numcheck_estimate est;
    mdl_numcheck_mean(gaps[at[c]], &est);
    char note[128];
    snprintf(note, sizeof note, "mean f(x_s) - f* after %d epochs of SVRG"
             " (option II), against alpha^s (f(x_0) - f*)", at[c]);
    CLAIM(.id = "optim.svrg", .kind = CLAIM_BOUND, .measured = est.mean,
          .reference = pow(alpha, at[c]) * gap0,
          .tolerance = 5 * est.se + gamma_k(40) * gap0, .samples = R,
          .seed = seed, .note = note);
  }
  double floor_mse[3001];
  sgd_moments(&F, eta, x0, 3000, floor_mse);
  mdl_numcheck_estimate est;
  mdl_numcheck_mean(dist, &est);
  CLAIM(.id = "optim.svrg", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = est.mean + 5 * est.se,
        .reference = 1e-6 * floor_mse[3000], .tolerance = 0, .samples = R,
        .seed = seed,
        .note = "upper 5-se limit of mean |x_10 - x*|^2 of SVRG, against a"
                " millionth of the floor of SGD with the same step");
#line 6689 "chapters/01-optimization.nw"
  {
    const mdl_optim_svrg_option option[2] = {MDL_OPTIM_SVRG_LAST,
                                             MDL_OPTIM_SVRG_RANDOM};
    gsl_vector *y = gsl_vector_alloc(4), *yk = gsl_vector_alloc(4);
    gsl_vector *gk = gsl_vector_alloc(4);
    for (int o = 0; o < 2; o++) {
      double diff = 0;
      for (int rep = 0; rep < 5; rep++) {
        gsl_rng *r2 = gsl_rng_clone(r);
        gsl_vector_memcpy(x, x0);
        mdl_optim_svrg_epoch(smp, opt, x, m, option[o], r);
        mdl_optim_sampler_snapshot(smp, x0);
        size_t chosen = option[o] == MDL_OPTIM_SVRG_RANDOM
                            ? (size_t)gsl_rng_uniform_int(r2, m) : m;
        gsl_vector_memcpy(y, x0);
        for (size_t k = 0; k < m; k++) {
          if (k == chosen)
            gsl_vector_memcpy(yk, y);
          mdl_optim_sampler_svrg(smp, y, r2, gk);
          mdl_optim_step(opt, y, gk);
        }
        if (chosen == m)
          gsl_vector_memcpy(yk, y);
        for (size_t j = 0; j < 4; j++)
          diff = claim_fmax(diff, fabs(gsl_vector_get(x, j) - gsl_vector_get(yk, j)));
        gsl_rng_free(r2);
      }
      CLAIM(.id = "optim.svrg", .kind = CLAIM_IDENTITY, .measured = diff,
            .reference = 0, .tolerance = 0, .samples = 5, .seed = seed,
            .note = o == 0 ? "option I: the epoch returns the last inner iterate"
                           : "option II: the epoch returns the inner iterate of"
                             " the index drawn first");
    }
    gsl_vector_free(y);
    gsl_vector_free(yk);
    gsl_vector_free(gk);
  }
#line 6661 "chapters/01-optimization.nw"
  mdl_optim_free(opt);
  mdl_optim_sampler_free(smp);
  for (int s = 0; s <= S; s++)
    gsl_vector_free(gaps[s]);
  gsl_vector_free(dist);
  gsl_vector_free(x0);
  gsl_vector_free(x);
  gsl_vector_free(F.xstar);
  gsl_rng_free(r);
}
#line 6784 "chapters/01-optimization.nw"
static void test_averaging(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6480740);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  fsum F;
  fsum_setup(&F, 50, 4, 0.5, 0.5, r);
  enum { R = 300, N = 5000 };
  const double gamma = 1 / (4 * F.supL);
  gsl_vector *x0 = gsl_vector_alloc(4), *x = gsl_vector_alloc(4);
  gsl_vector *avg = gsl_vector_alloc(4), *g = gsl_vector_alloc(4);
  gsl_vector *gap_avg = gsl_vector_alloc(R), *diff = gsl_vector_alloc(R);
  for (size_t j = 0; j < 4; j++)
    gsl_vector_set(x0, j, gsl_vector_get(F.xstar, j) + gsl_ran_flat(r, -2, 2));
  mdl_optim_params p = {.lr = gamma};
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, 4, &p);
  mdl_optim_sampler *s = mdl_optim_sampler_alloc(&F.sum, 1, 1);
  for (size_t run = 0; run < R; run++) {
    gsl_vector_memcpy(x, x0);
    for (size_t k = 0; k < N; k++) {
      mdl_optim_average(avg, x, k);
      mdl_optim_sampler_minibatch(s, x, r, g);
      mdl_optim_step(opt, x, g);
    }
    double ga = fsum_gap(&F, avg);
    gsl_vector_set(gap_avg, run, ga);
    gsl_vector_set(diff, run, fsum_gap(&F, x) - ga);
  }
  double bound = 2.0 / N * pow(sqrt(F.max_r2 * 4)
                               + sqrt(F.supL * fsum_dist2(&F, x0)), 2);
  mdl_numcheck_estimate est;
  mdl_numcheck_mean(gap_avg, &est);
  CLAIM(.id = "optim.averaging", .kind = CLAIM_BOUND, .measured = est.mean,
        .reference = bound, .tolerance = 5 * est.se, .samples = R,
        .seed = seed,
        .note = "mean f(average of x_0..x_4999) - f* over 300 runs, step"
                " 1/(4R^2), against (2/N)(sigma sqrt d + R |x_0 - x*|)^2");
  mdl_numcheck_mean(diff, &est);
  CLAIM(.id = "optim.averaging", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = est.mean - 5 * est.se,
        .reference = 0, .tolerance = 0, .samples = R, .seed = seed,
        .note = "lower 5-se limit of the mean of f(x_N) - f(average): the"
                " average beats the last iterate");
  mdl_optim_free(opt);
  mdl_optim_sampler_free(s);
  gsl_vector_free(x0);
  gsl_vector_free(x);
  gsl_vector_free(avg);
  gsl_vector_free(g);
  gsl_vector_free(gap_avg);
  gsl_vector_free(diff);
  gsl_vector_free(F.xstar);
  gsl_rng_free(r);
}
#line 7160 "chapters/01-optimization.nw"
static void test_newton_quadratic(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6557438);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { N = 8 };
  gsl_matrix *A = gsl_matrix_alloc(N, N), *Q = gsl_matrix_alloc(N, N);
  gsl_matrix *Aq = gsl_matrix_alloc(N, N), *Aa = gsl_matrix_alloc(N, N);
  gsl_vector *lam = gsl_vector_alloc(N), *xs = gsl_vector_alloc(N);
  gsl_vector *x = gsl_vector_alloc(N), *b = gsl_vector_alloc(N);
  gsl_vector *g = gsl_vector_alloc(N), *ax = gsl_vector_alloc(N);
  gsl_vector *t = gsl_vector_alloc(N);
  for (size_t i = 0; i < N; i++)
    gsl_vector_set(lam, i, 0.01 * pow(1000.0, (double)i / (N - 1)));
  mdl_optim_random_spd(A, Q, lam, r);
  for (size_t i = 0; i < N; i++) {
    gsl_vector_set(xs, i, gsl_ran_gaussian(r, 1.0));
    gsl_vector_set(x, i, gsl_ran_gaussian(r, 1.0));
    for (size_t j = 0; j < N; j++) {
      double qij = fabs(gsl_matrix_get(Q, i, j));
      gsl_matrix_set(Aq, i, j, qij * gsl_vector_get(lam, j));
      gsl_matrix_set(Aa, i, j, fabs(gsl_matrix_get(A, i, j)));
    }
  }
  gsl_matrix *QQ = gsl_matrix_alloc(N, N);
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < N; j++)
      gsl_matrix_set(QQ, i, j, fabs(gsl_matrix_get(Q, i, j)));
  gsl_matrix *E = gsl_matrix_alloc(N, N);
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, Aq, QQ, 0.0, E);
  double weyl = gamma_k(N + 1) * frobenius_up(E);
  double lmin = 0.01 - weyl, lmax = 10 + weyl;
  gsl_blas_dgemv(CblasNoTrans, 1.0, A, xs, 0.0, b);
  gsl_vector_memcpy(g, b);
  gsl_blas_dgemv(CblasNoTrans, 1.0, A, x, -1.0, g);
  double e_b = 0, e_g = 0;
  for (size_t i = 0; i < N; i++)
    gsl_vector_set(t, i, fabs(gsl_vector_get(xs, i)));
  gsl_blas_dgemv(CblasNoTrans, gamma_k(N), Aa, t, 0.0, ax);
  e_b = gsl_blas_dnrm2(ax);
  for (size_t i = 0; i < N; i++)
    gsl_vector_set(t, i, fabs(gsl_vector_get(x, i)));
  gsl_blas_dgemv(CblasNoTrans, 1.0, Aa, t, 0.0, ax);
  for (size_t i = 0; i < N; i++) {
    double ei = gamma_k(N + 1) * (gsl_vector_get(ax, i) + fabs(gsl_vector_get(b, i)));
    e_g += ei * ei;
  }
  e_g = sqrt(e_g);
  gsl_vector *x0 = gsl_vector_alloc(N);
  gsl_vector_memcpy(x0, x);
  mdl_optim_newton_step(x, g, A);
  gsl_vector_memcpy(t, x0);
  gsl_vector_sub(t, x);
  double dnorm = gsl_blas_dnrm2(t);
  double chol = gamma_k(3 * N + 1) * N * lmax / (1 - N * gamma_k(N + 1));
  double tol = (e_b + e_g + chol * dnorm) / lmin
               + gamma_k(1) * (gsl_blas_dnrm2(x0) + dnorm);
  gsl_vector_sub(x, xs);
  CLAIM(.id = "optim.newton-quadratic", .kind = CLAIM_IDENTITY,
        .measured = gsl_blas_dnrm2(x) / gsl_blas_dnrm2(xs), .reference = 0,
        .tolerance = tol / gsl_blas_dnrm2(xs), .seed = seed,
        .note = "|x_1 - x*| / |x*| after one Newton step, kappa = 1000, n = 8");
  gsl_matrix_free(A);
  gsl_matrix_free(Q);
  gsl_matrix_free(Aq);
  gsl_matrix_free(Aa);
  gsl_matrix_free(QQ);
  gsl_matrix_free(E);
  gsl_vector_free(lam);
  gsl_vector_free(xs);
  gsl_vector_free(x);
  gsl_vector_free(x0);
  gsl_vector_free(b);
  gsl_vector_free(g);
  gsl_vector_free(ax);
  gsl_vector_free(t);
  gsl_rng_free(r);
}
#line 7278 "chapters/01-optimization.nw"
static void test_newton_local(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6633249);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  logistic lg;
  logistic_draw(&lg, 40, 5, 0.05, r);
  const size_t d = 5;
  double M = 0, gnorm;
  for (size_t i = 0; i < lg.m; i++) {
    double a2 = 0;
    for (size_t j = 0; j < d; j++)
      a2 += lg.a[i * d + j] * lg.a[i * d + j];
    M += pow(a2, 1.5) / (6 * sqrt(3.0)) / (double)lg.m;
  }
  M *= 1 + gamma_k(10);
  gsl_vector *xstar = gsl_vector_alloc(d), *x = gsl_vector_alloc(d);
  gsl_vector *x1 = gsl_vector_alloc(d), *g = gsl_vector_alloc(d);
  gsl_matrix *H = gsl_matrix_alloc(d, d);
  newton_logistic(&lg, xstar, &gnorm);
  double eps_x = gnorm / lg.rho;
  logistic_hess(&lg, xstar, H);
  double mu = 0;
  {
    gsl_matrix *C = gsl_matrix_alloc(d, d);
    gsl_vector *ev = gsl_vector_alloc(d);
    gsl_eigen_symm_workspace *ws = gsl_eigen_symm_alloc(d);
    gsl_matrix_memcpy(C, H);
    gsl_eigen_symm(C, ev, ws);
    mu = gsl_vector_min(ev) * (1 - 1e-12) - M * eps_x;
    gsl_eigen_symm_free(ws);
    gsl_vector_free(ev);
    gsl_matrix_free(C);
  }
  double rbar = 2 * mu / (3 * M), worst = 0, tol = 0;
  size_t counted = 0;
  for (int start = 0; start < 10; start++) {
#line 7340 "chapters/01-optimization.nw"
    double u[LMAXD], nu = 0;
    for (size_t j = 0; j < d; j++) {
      u[j] = gsl_ran_gaussian(r, 1.0);
      nu += u[j] * u[j];
    }
    for (size_t j = 0; j < d; j++)
      gsl_vector_set(x, j, gsl_vector_get(xstar, j) + 0.9 * rbar * u[j] / sqrt(nu));
#line 7317 "chapters/01-optimization.nw"
    for (int k = 0; k < 8; k++) {
#line 7350 "chapters/01-optimization.nw"
      mpfr_t gl[LMAXD];
      double ge[LMAXD], e = 0;
      refs_init(gl, d);
      logistic_grad(&lg, x, gl, ge);
      for (size_t j = 0; j < d; j++) {
        double gj = mpfr_get_d(gl[j], MPFR_RNDN);
        gsl_vector_set(g, j, gj);
        e += ge[j] * ge[j] + pow(gamma_k(1) * gj * (1 + DBL_EPSILON), 2);
      }
      refs_clear(gl, d);
      logistic_hess(&lg, x, H);
      double hnorm = lambda_max_sym(H) * (1 + 1e-12);
      gsl_vector_memcpy(x1, x);
      mdl_optim_newton_step(x1, g, H);
      double dk = ref_norm_diff(x, xstar, NULL) + eps_x;
      double dk1 = ref_norm_diff(x1, xstar, NULL) - eps_x;
      double step = ref_norm_diff(x1, x, NULL);
      double step_err = (gamma_k(3 * d + 1) * d * hnorm * step + sqrt(e)) / mu
                        + gamma_k(1) * (gsl_blas_dnrm2(x) + step);
      double bound = M * dk * dk / (2 * (mu - M * dk));
      if (!(dk < rbar) || bound < 1e6 * step_err)
        break;
      worst = claim_fmax(worst, dk1 / bound);
      tol = claim_fmax(tol, step_err / bound);
      counted++;
      gsl_vector_memcpy(x, x1);
#line 7319 "chapters/01-optimization.nw"
    }
  }
  CLAIM(.id = "optim.newton-local", .kind = CLAIM_BOUND, .measured = worst,
        .reference = 1, .tolerance = tol, .samples = counted, .seed = seed,
        .note = "largest |x_k+1 - x*| over M |x_k - x*|^2 / (2 (mu - M |x_k -"
                " x*|)), Newton on logistic regression, ten starts");
  CLAIM(.id = "optim.newton-local", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = (double)counted,
        .reference = 10, .tolerance = 0, .seed = seed,
        .note = "Newton steps inside the radius 2 mu / (3 M) whose bound is"
                " above rounding");
  gsl_vector_free(xstar);
  gsl_vector_free(x);
  gsl_vector_free(x1);
  gsl_vector_free(g);
  gsl_matrix_free(H);
  gsl_rng_free(r);
}
#line 7449 "chapters/01-optimization.nw"
static void relu_layer(const gsl_matrix *W, const gsl_matrix *Z,
                       const gsl_vector *b, gsl_matrix *out, int relu)
{
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, W, Z, 0.0, out);
  for (size_t i = 0; i < out->size1; i++)
    for (size_t j = 0; j < out->size2; j++) {
      double v = gsl_matrix_get(out, i, j) + (b ? gsl_vector_get(b, i) : 0);
      gsl_matrix_set(out, i, j, relu ? fmax(v, 0) : v);
    }
}

static void network(gsl_matrix *const *W, gsl_vector *const *b,
                    const gsl_matrix *X, double alpha, gsl_matrix **Z)
{
  const gsl_matrix *in = X;
  for (int l = 0; l < 3; l++) {
    gsl_matrix *Ws = gsl_matrix_alloc(W[l]->size1, W[l]->size2);
    gsl_vector *bs = NULL;
    gsl_matrix_memcpy(Ws, W[l]);
    gsl_matrix_scale(Ws, alpha);
    if (b) {
      bs = gsl_vector_alloc(b[l]->size);
      gsl_vector_memcpy(bs, b[l]);
      gsl_vector_scale(bs, alpha);
    }
    relu_layer(Ws, in, bs, Z[l], l < 2);
    in = Z[l];
    gsl_matrix_free(Ws);
    gsl_vector_free(bs);
  }
}

static void test_homogeneity(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6782329);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const size_t w[4] = {5, 7, 6, 3}, S = 10;
  gsl_matrix *W[3], *Wa[3], *Z[3], *Za[3], *Zabs[3];
  gsl_vector *b[3];
  gsl_matrix *X = gsl_matrix_alloc(w[0], S), *Xa = gsl_matrix_alloc(w[0], S);
  for (int l = 0; l < 3; l++) {
    W[l] = gsl_matrix_alloc(w[l + 1], w[l]);
    Wa[l] = gsl_matrix_alloc(w[l + 1], w[l]);
    Z[l] = gsl_matrix_alloc(w[l + 1], S);
    Za[l] = gsl_matrix_alloc(w[l + 1], S);
    Zabs[l] = gsl_matrix_alloc(w[l + 1], S);
    b[l] = gsl_vector_alloc(w[l + 1]);
    for (size_t i = 0; i < w[l + 1]; i++) {
      gsl_vector_set(b[l], i, gsl_ran_gaussian(r, 1.0));
      for (size_t j = 0; j < w[l]; j++) {
        gsl_matrix_set(W[l], i, j, gsl_ran_gaussian(r, 1.0));
        gsl_matrix_set(Wa[l], i, j, fabs(gsl_matrix_get(W[l], i, j)));
      }
    }
  }
  for (size_t i = 0; i < w[0]; i++)
    for (size_t j = 0; j < S; j++) {
      gsl_matrix_set(X, i, j, gsl_ran_gaussian(r, 1.0));
      gsl_matrix_set(Xa, i, j, fabs(gsl_matrix_get(X, i, j)));
    }
  const gsl_matrix *in = Xa;
  for (int l = 0; l < 3; l++) {
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, Wa[l], in, 0.0, Zabs[l]);
    in = Zabs[l];
  }
  const double alphas[3] = {0.37, 1.61, 2.9};
  double worst = 0, worst_bias = HUGE_VAL;
  for (int c = 0; c < 3; c++) {
    double a = alphas[c], a3 = a * a * a;
    network(W, NULL, X, 1.0, Z);
    network(W, NULL, X, a, Za);
    for (size_t i = 0; i < w[3]; i++)
      for (size_t j = 0; j < S; j++) {
        double lhs = gsl_matrix_get(Za[2], i, j);
        double rhs = a3 * gsl_matrix_get(Z[2], i, j);
        double bound = gamma_k(2 * (5 + 7 + 6) + 3 + 4) * a3
                       * gsl_matrix_get(Zabs[2], i, j);
        worst = claim_fmax(worst, fabs(lhs - rhs) / bound);
      }
    network(W, b, X, 1.0, Z);
    network(W, b, X, a, Za);
    double num = 0, den = 0;
    for (size_t i = 0; i < w[3]; i++)
      for (size_t j = 0; j < S; j++) {
        double d = gsl_matrix_get(Za[2], i, j) - a3 * gsl_matrix_get(Z[2], i, j);
        num += d * d;
        den += a3 * a3 * gsl_matrix_get(Z[2], i, j) * gsl_matrix_get(Z[2], i, j);
      }
    if (a != 1)
      worst_bias = fmin(worst_bias, sqrt(num / den));
  }
  CLAIM(.id = "optim.homogeneity", .kind = CLAIM_BOUND, .measured = worst,
        .reference = 1, .tolerance = 0, .samples = 3 * 3 * 10, .seed = seed,
        .note = "largest |Phi(alpha W) - alpha^3 Phi(W)| over its rounding"
                " bound, ReLU network without biases, L = 3");
  CLAIM(.id = "optim.homogeneity", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = worst_bias, .reference = 1e-2,
        .tolerance = 0, .samples = 3 * 3 * 10, .seed = seed,
        .note = "smallest relative deviation from homogeneity with biases");
  for (int l = 0; l < 3; l++) {
    gsl_matrix_free(W[l]);
    gsl_matrix_free(Wa[l]);
    gsl_matrix_free(Z[l]);
    gsl_matrix_free(Za[l]);
    gsl_matrix_free(Zabs[l]);
    gsl_vector_free(b[l]);
  }
  gsl_matrix_free(X);
  gsl_matrix_free(Xa);
  gsl_rng_free(r);
}
#line 7609 "chapters/01-optimization.nw"
static void test_nuclear(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6855654);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { P = 6, Qn = 5 };
  gsl_matrix *Z = gsl_matrix_alloc(P, Qn), *Pm = gsl_matrix_alloc(P, Qn);
  gsl_matrix *Qm = gsl_matrix_alloc(Qn, Qn), *U = gsl_matrix_alloc(P, Qn);
  gsl_matrix *V = gsl_matrix_alloc(Qn, Qn), *UV = gsl_matrix_alloc(P, Qn);
  gsl_matrix *R = gsl_matrix_alloc(Qn, Qn), *Ri = gsl_matrix_alloc(Qn, Qn);
  gsl_matrix *U2 = gsl_matrix_alloc(P, Qn), *V2 = gsl_matrix_alloc(Qn, Qn);
  gsl_vector *s = gsl_vector_alloc(Qn), *work = gsl_vector_alloc(Qn);
  gsl_permutation *perm = gsl_permutation_alloc(Qn);
  for (size_t i = 0; i < P; i++)
    for (size_t j = 0; j < Qn; j++)
      gsl_matrix_set(Z, i, j, gsl_ran_gaussian(r, 1.0));
  gsl_matrix_memcpy(Pm, Z);
  gsl_linalg_SV_decomp(Pm, Qm, s, work);
  double nuc = 0;
  for (size_t i = 0; i < Qn; i++) {
    double si = sqrt(gsl_vector_get(s, i));
    nuc += gsl_vector_get(s, i);
    for (size_t k = 0; k < P; k++)
      gsl_matrix_set(U, k, i, gsl_matrix_get(Pm, k, i) * si);
    for (size_t k = 0; k < Qn; k++)
      gsl_matrix_set(V, k, i, gsl_matrix_get(Qm, k, i) * si);
  }
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, U, V, 0.0, UV);
  gsl_matrix_sub(UV, Z);
  double back = frobenius(UV), zn = frobenius(Z);
  CLAIM(.id = "optim.nuclear-variational", .kind = CLAIM_BOUND,
        .measured = back, .reference = 10 * P * Qn * gamma_k(1) * zn,
        .tolerance = 0, .seed = seed,
        .note = "|P Sigma^(1/2) (Q Sigma^(1/2))^T - Z|_F: GSL's SVD is backward"
                " stable");
  double value = 0.5 * (frobenius(U) * frobenius(U) + frobenius(V) * frobenius(V));
  CLAIM(.id = "optim.nuclear-variational", .kind = CLAIM_IDENTITY,
        .measured = value, .reference = nuc,
        .tolerance = gamma_k(2 * P * Qn + 2) * nuc + sqrt(5.0) * back
                     + 2 * gamma_k(P * Qn + 2) * value,
        .seed = seed,
        .note = "(|U|^2 + |V|^2)/2 at the balanced factors against the sum of"
                " the singular values");
  double worst = HUGE_VAL, tol = 0;
  for (int t = 0; t < 200; t++) {
    int sg;
    for (size_t i = 0; i < Qn; i++)
      for (size_t j = 0; j < Qn; j++)
        gsl_matrix_set(R, i, j, gsl_ran_gaussian(r, 1.0));
    gsl_matrix_memcpy(Ri, R);
    gsl_linalg_LU_decomp(Ri, perm, &sg);
    gsl_matrix *Rinv = gsl_matrix_alloc(Qn, Qn);
    gsl_linalg_LU_invert(Ri, perm, Rinv);
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, U, R, 0.0, U2);
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, V, Rinv, 0.0, V2);
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, U2, V2, 0.0, UV);
    gsl_matrix_sub(UV, Z);
    double val = 0.5 * (frobenius(U2) * frobenius(U2)
                        + frobenius(V2) * frobenius(V2));
    worst = fmin(worst, val - nuc);
    tol = claim_fmax(tol, sqrt(5.0) * frobenius(UV) + gamma_k(P * Qn + 2) * val
                        + gamma_k(2 * P * Qn + 2) * nuc + sqrt(5.0) * back);
    gsl_matrix_free(Rinv);
  }
  CLAIM(.id = "optim.nuclear-variational", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = worst, .reference = 0,
        .tolerance = tol, .samples = 200, .seed = seed,
        .note = "smallest (|UR|^2 + |VR^-T|^2)/2 - |Z|_* over random invertible R");
  gsl_matrix_free(Z);
  gsl_matrix_free(Pm);
  gsl_matrix_free(Qm);
  gsl_matrix_free(U);
  gsl_matrix_free(V);
  gsl_matrix_free(UV);
  gsl_matrix_free(R);
  gsl_matrix_free(Ri);
  gsl_matrix_free(U2);
  gsl_matrix_free(V2);
  gsl_vector_free(s);
  gsl_vector_free(work);
  gsl_permutation_free(perm);
  gsl_rng_free(r);
}
#line 7756 "chapters/01-optimization.nw"
typedef struct {
  const gsl_matrix *Y;
  size_t p, q, r;
  double lambda;
} factorised;

static double factorised_value(const factorised *fp, const gsl_vector *theta,
                               gsl_vector *grad, gsl_matrix *Rm)
{
  gsl_matrix_const_view U = gsl_matrix_const_view_vector(theta, fp->p, fp->r);
  gsl_vector_const_view vv = gsl_vector_const_subvector(theta, fp->p * fp->r,
                                                        fp->q * fp->r);
  gsl_matrix_const_view V = gsl_matrix_const_view_vector(&vv.vector, fp->q,
                                                         fp->r);
  gsl_matrix_memcpy(Rm, fp->Y);
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, -1.0, &U.matrix, &V.matrix, 1.0, Rm);
  gsl_vector_const_view uv = gsl_vector_const_subvector(theta, 0,
                                                        fp->p * fp->r);
  double nu = 0, nv = 0, nr = frobenius(Rm);
  gsl_blas_ddot(&uv.vector, &uv.vector, &nu);
  gsl_blas_ddot(&vv.vector, &vv.vector, &nv);
  if (grad) {
    gsl_matrix_view gU = gsl_matrix_view_vector(grad, fp->p, fp->r);
    gsl_vector_view gvv = gsl_vector_subvector(grad, fp->p * fp->r,
                                               fp->q * fp->r);
    gsl_matrix_view gV = gsl_matrix_view_vector(&gvv.vector, fp->q, fp->r);
    gsl_matrix_memcpy(&gU.matrix, &U.matrix);
    gsl_matrix_memcpy(&gV.matrix, &V.matrix);
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, -1.0, Rm, &V.matrix,
                   fp->lambda, &gU.matrix);
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, -1.0, Rm, &U.matrix,
                   fp->lambda, &gV.matrix);
  }
  return 0.5 * nr * nr + 0.5 * fp->lambda * (nu + nv);
}

static double op_norm(const gsl_matrix *M)
{
  gsl_matrix *A = gsl_matrix_alloc(M->size1, M->size2);
  gsl_matrix *V = gsl_matrix_alloc(M->size2, M->size2);
  gsl_vector *s = gsl_vector_alloc(M->size2), *w = gsl_vector_alloc(M->size2);
  gsl_matrix_memcpy(A, M);
  gsl_linalg_SV_decomp(A, V, s, w);
  double top = gsl_vector_get(s, 0);
  gsl_matrix_free(A);
  gsl_matrix_free(V);
  gsl_vector_free(s);
  gsl_vector_free(w);
  return top;
}

static void test_factorised(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(7141428);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { Pn = 8, Qn = 6 };
  const double sv[Qn] = {5.1, 3.7, 2.2, 1.1, 0.6, 0.2}, lambda = 0.9;
#line 7828 "chapters/01-optimization.nw"
  gsl_matrix *Q1 = gsl_matrix_alloc(Pn, Pn), *Q2 = gsl_matrix_alloc(Qn, Qn);
  gsl_matrix *A1 = gsl_matrix_alloc(Pn, Pn), *A2 = gsl_matrix_alloc(Qn, Qn);
  gsl_vector *one1 = gsl_vector_alloc(Pn), *one2 = gsl_vector_alloc(Qn);
  gsl_vector_set_all(one1, 1.0);
  gsl_vector_set_all(one2, 1.0);
  mdl_optim_random_spd(A1, Q1, one1, r);
  mdl_optim_random_spd(A2, Q2, one2, r);
  gsl_matrix *Y = gsl_matrix_calloc(Pn, Qn);
  for (size_t i = 0; i < Pn; i++)
    for (size_t j = 0; j < Qn; j++)
      for (size_t k = 0; k < Qn; k++)
        *gsl_matrix_ptr(Y, i, j) += gsl_matrix_get(Q1, i, k) * sv[k]
                                    * gsl_matrix_get(Q2, j, k);
  gsl_matrix *Ys = gsl_matrix_alloc(Pn, Qn), *Vs = gsl_matrix_alloc(Qn, Qn);
  gsl_vector *s = gsl_vector_alloc(Qn), *work = gsl_vector_alloc(Qn);
  gsl_matrix_memcpy(Ys, Y);
  gsl_linalg_SV_decomp(Ys, Vs, s, work);
  double pstar = 0, sv_err = 10 * Pn * Qn * gamma_k(1) * frobenius(Y), ds = 0;
  for (size_t i = 0; i < Qn; i++) {
    double si = gsl_vector_get(s, i);
    pstar += si > lambda ? lambda * si - lambda * lambda / 2 : si * si / 2;
    ds += sv_err;
  }
  double pstar_tol = (gsl_vector_get(s, 0) + lambda) * ds
                     + gamma_k(2 * Qn + 2) * pstar;
  gsl_matrix_free(Q1);
  gsl_matrix_free(Q2);
  gsl_matrix_free(A1);
  gsl_matrix_free(A2);
  gsl_vector_free(one1);
  gsl_vector_free(one2);
#line 7816 "chapters/01-optimization.nw"
#line 7862 "chapters/01-optimization.nw"
  {
    factorised fp = {Y, Pn, Qn, Qn, lambda};
    gsl_vector *theta = gsl_vector_calloc((Pn + Qn) * Qn);
    gsl_matrix *Rm = gsl_matrix_alloc(Pn, Qn);
    for (size_t k = 0; k < Qn; k++) {
      double z = sqrt(fmax(gsl_vector_get(s, k) - lambda, 0));
      for (size_t i = 0; i < Pn; i++)
        gsl_vector_set(theta, i * Qn + k, gsl_matrix_get(Ys, i, k) * z);
      for (size_t j = 0; j < Qn; j++)
        gsl_vector_set(theta, Pn * Qn + j * Qn + k, gsl_matrix_get(Vs, j, k) * z);
    }
    double F = factorised_value(&fp, theta, NULL, Rm);
    CLAIM(.id = "optim.factorised-global", .kind = CLAIM_IDENTITY,
          .measured = F, .reference = pstar,
          .tolerance = pstar_tol + gamma_k(Pn * Qn + (Pn + Qn) * Qn + Qn + 4) * F
                       + 2 * frobenius(Y) * sv_err * sqrt((double)Qn),
          .seed = seed,
          .note = "factorised objective at the balanced soft-thresholded factors"
                  " against p*");
    gsl_vector_free(theta);
    gsl_matrix_free(Rm);
  }
#line 7817 "chapters/01-optimization.nw"
#line 7889 "chapters/01-optimization.nw"
  double min_gap = HUGE_VAL, worst_rel = 0, worst_cert = -HUGE_VAL;
  double cert_tol = 0, min_gap_small = HUGE_VAL, tol_value = 0;
  for (int run = 0; run < 12; run++) {
    size_t rk = run < 8 ? Qn : 3;
    factorised fp = {Y, Pn, Qn, rk, lambda};
    size_t n = (Pn + Qn) * rk;
    gsl_vector *theta = gsl_vector_alloc(n), *g = gsl_vector_alloc(n);
    gsl_matrix *Rm = gsl_matrix_alloc(Pn, Qn);
    for (size_t i = 0; i < n; i++)
      gsl_vector_set(theta, i, gsl_ran_gaussian(r, 0.3));
    mdl_optim_params p = {.lr = 0.05};
    mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, n, &p);
    double F = 0;
    for (int k = 0; k <= 4000; k++) {
      F = factorised_value(&fp, theta, g, Rm);
      double tv = gamma_k(Pn * Qn + (Pn + Qn) * rk + Qn + 4) * F;
      tol_value = claim_fmax(tol_value, tv);
      min_gap = fmin(min_gap, F - pstar);
      if (k < 4000)
        mdl_optim_step(opt, theta, g);
    }
    if (rk == Qn) {
      worst_rel = claim_fmax(worst_rel, (F - pstar) / pstar);
      double gap = fmax(F - pstar + pstar_tol + tol_value, 0);
      worst_cert = claim_fmax(worst_cert, op_norm(Rm) - lambda - sqrt(2 * gap));
      cert_tol = claim_fmax(cert_tol, 10 * Pn * Qn * gamma_k(1) * frobenius(Rm));
    } else {
      min_gap_small = fmin(min_gap_small, F - pstar);
    }
    mdl_optim_free(opt);
    gsl_vector_free(theta);
    gsl_vector_free(g);
    gsl_matrix_free(Rm);
  }
  CLAIM(.id = "optim.factorised-global", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = min_gap, .reference = 0,
        .tolerance = pstar_tol + tol_value, .samples = 12 * 4001, .seed = seed,
        .note = "smallest F(U_k, V_k) - p* over all iterates of all runs");
  CLAIM(.id = "optim.factorised-global", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = worst_rel, .reference = 1e-10,
        .tolerance = 0, .samples = 8, .seed = seed,
        .note = "largest (F(U_K, V_K) - p*)/p* after 4000 steps, r = 6, eight"
                " random starts");
  CLAIM(.id = "optim.factorised-global", .kind = CLAIM_BOUND,
        .measured = worst_cert, .reference = 0, .tolerance = cert_tol,
        .samples = 8, .seed = seed,
        .note = "largest |Y - U_K V_K^T|_op - lambda - sqrt(2 gap): the global"
                " optimality certificate");
  CLAIM(.id = "optim.factorised-global", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = min_gap_small,
        .reference = 0.5 * pow(gsl_vector_get(s, 3) - lambda, 2),
        .tolerance = pstar_tol + tol_value
                     + (gsl_vector_get(s, 3) - lambda) * sv_err,
        .samples = 4,
        .seed = seed,
        .note = "smallest final gap with r = 3 < 4 singular values above lambda,"
                " against (1.1 - lambda)^2 / 2");
#line 7818 "chapters/01-optimization.nw"
  gsl_matrix_free(Y);
  gsl_matrix_free(Ys);
  gsl_matrix_free(Vs);
  gsl_vector_free(s);
  gsl_vector_free(work);
  gsl_rng_free(r);
}
#line 8016 "chapters/01-optimization.nw"
typedef struct {
  const gsl_matrix *X;
  size_t n, m, s;
} autoencoder;

static double autoencoder_value(const autoencoder *ae, const gsl_vector *theta,
                                gsl_vector *grad, gsl_matrix *Rm,
                                gsl_matrix *Z, gsl_matrix *CX)
{
  gsl_matrix_const_view C = gsl_matrix_const_view_vector(theta, ae->m, ae->n);
  gsl_vector_const_view dv = gsl_vector_const_subvector(theta, ae->m * ae->n,
                                                        ae->n * ae->m);
  gsl_matrix_const_view D = gsl_matrix_const_view_vector(&dv.vector, ae->n,
                                                         ae->m);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &C.matrix, ae->X, 0.0, CX);
  gsl_matrix_memcpy(Rm, ae->X);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, -1.0, &D.matrix, CX, 1.0, Rm);
  double nr = frobenius(Rm);
  if (grad) {
    gsl_matrix_view gC = gsl_matrix_view_vector(grad, ae->m, ae->n);
    gsl_vector_view gdv = gsl_vector_subvector(grad, ae->m * ae->n,
                                               ae->n * ae->m);
    gsl_matrix_view gD = gsl_matrix_view_vector(&gdv.vector, ae->n, ae->m);
    double w = 1.0 / (double)ae->s;
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, -w, Rm, CX, 0.0, &gD.matrix);
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, Rm, ae->X, 0.0, Z);
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, -w, &D.matrix, Z, 0.0, &gC.matrix);
  }
  return 0.5 * nr * nr / (double)ae->s;
}
#line 8190 "chapters/01-optimization.nw"
typedef struct {
  size_t n, m;
  double x[8];
} ae_example;

static void ae_residual(const ae_example *e, const gsl_vector *theta,
                        mpfr_t *res, mpfr_t *cx)
{
  for (size_t i = 0; i < e->m; i++) {
    mpfr_set_zero(cx[i], 1);
    for (size_t k = 0; k < e->n; k++) {
      mpfr_set_d(res[0], gsl_vector_get(theta, i * e->n + k), MPFR_RNDN);
      ref_add_mul(cx[i], res[0], e->x[k], cx[i]);
    }
  }
  for (size_t k = 0; k < e->n; k++) {
    mpfr_set_d(res[k], -e->x[k], MPFR_RNDN);
    for (size_t i = 0; i < e->m; i++)
      ref_add_mul(res[k], cx[i],
                  gsl_vector_get(theta, e->m * e->n + k * e->m + i), res[k]);
  }
}

static double ae_loss(const gsl_vector *theta, void *params)
{
  const ae_example *e = params;
  mpfr_t res[8], cx[8], l;
  refs_init(res, e->n);
  refs_init(cx, e->m);
  mpfr_init2(l, RBITS);
  ae_residual(e, theta, res, cx);
  mpfr_set_zero(l, 1);
  for (size_t k = 0; k < e->n; k++)
    mpfr_fma(l, res[k], res[k], l, MPFR_RNDN);
  mpfr_div_ui(l, l, 2, MPFR_RNDN);
  double v = mpfr_get_d(l, MPFR_RNDN);
  refs_clear(res, e->n);
  refs_clear(cx, e->m);
  mpfr_clear(l);
  return v;
}

static void ae_notes_gradient(const ae_example *e, const gsl_vector *theta,
                              gsl_vector *g, int slip)
{
  mpfr_t res[8], cx[8], s, yx;
  refs_init(res, e->n);
  refs_init(cx, e->m);
  mpfr_inits2(RBITS, s, yx, (mpfr_ptr)0);
  ae_residual(e, theta, res, cx);
  for (size_t i = 0; i < e->m; i++)
    for (size_t k = 0; k < e->n; k++) {
      mpfr_set_zero(s, 1);
      for (size_t l = 0; l < e->n; l++) {
        if (slip)
          mpfr_mul_d(yx, res[k], e->x[l], MPFR_RNDN);
        else
          mpfr_mul_d(yx, res[l], e->x[k], MPFR_RNDN);
        ref_add_mul(s, yx, gsl_vector_get(theta, e->m * e->n + l * e->m + i), s);
      }
      gsl_vector_set(g, i * e->n + k, mpfr_get_d(s, MPFR_RNDN));
    }
  for (size_t k = 0; k < e->n; k++)
    for (size_t i = 0; i < e->m; i++) {
      mpfr_mul(s, res[k], cx[i], MPFR_RNDN);
      gsl_vector_set(g, e->m * e->n + k * e->m + i, mpfr_get_d(s, MPFR_RNDN));
    }
  refs_clear(res, e->n);
  refs_clear(cx, e->m);
  mpfr_clears(s, yx, (mpfr_ptr)0);
}

static void check_autoencoder_gradients(gsl_rng *r, unsigned long seed)
{
  ae_example e = {6, 3, {0}};
  size_t n = 2 * e.m * e.n;
  gsl_vector *theta = gsl_vector_alloc(n), *a = gsl_vector_alloc(n);
  gsl_vector *d = gsl_vector_alloc(n), *y = gsl_vector_alloc(n);
  for (size_t k = 0; k < e.n; k++)
    e.x[k] = gsl_ran_gaussian(r, 1.0);
  for (size_t j = 0; j < n; j++)
    gsl_vector_set(theta, j, gsl_ran_gaussian(r, 1.0));
  gsl_multimin_function f = {ae_loss, n, &e};
  ae_notes_gradient(&e, theta, a, 0);
  mdl_numcheck_diff(&f, theta, 0, d);
  mdl_numcheck_report rep;
  mdl_numcheck_gradient(&f, theta, a, 0, &rep);
#line 8298 "chapters/01-optimization.nw"
  double hstar = mdl_numcheck_step(), scale = 0, bound = 0;
  for (size_t j = 0; j < n; j++)
    scale = claim_fmax(scale, fmax(fabs(gsl_vector_get(a, j)), fabs(gsl_vector_get(d, j))));
  double sigma = hstar * scale;
  mpfr_t res[8], cx[8];
  refs_init(res, e.n);
  refs_init(cx, e.m);
  ae_residual(&e, theta, res, cx);
  for (size_t j = 0; j < n; j++) {
    double tj = gsl_vector_get(theta, j), hj = hstar * fmax(1, fabs(tj));
    double xp = tj + hj, xm = tj - hj, c = (xp + xm) / 2, M2;
    gsl_vector_memcpy(y, theta);
    gsl_vector_set(y, j, xp);
    double lp = ae_loss(y, &e);
    gsl_vector_set(y, j, xm);
    double lm = ae_loss(y, &e);
    if (j < e.m * e.n) {
      size_t i = j / e.n, k = j % e.n;
      double dd = 0;
      for (size_t l = 0; l < e.n; l++)
        dd += pow(gsl_vector_get(theta, e.m * e.n + l * e.m + i), 2);
      M2 = dd * e.x[k] * e.x[k];
    } else {
      size_t i = (j - e.m * e.n) % e.m;
      M2 = pow(mpfr_get_d(cx[i], MPFR_RNDA), 2);
    }
    double dj = gsl_vector_get(d, j), aj = gsl_vector_get(a, j);
    double E = 2 * gamma_k(1) * (fabs(lp) + fabs(lm)) / (xp - xm)
               + gamma_k(4) * fabs(dj) + M2 * fabs(c - tj) * (1 + gamma_k(4));
    bound = claim_fmax(bound, (E + 2 * gamma_k(1) * fabs(aj))
                            / fmax(fmax(fabs(aj), fabs(dj)), sigma));
  }
  refs_clear(res, e.n);
  refs_clear(cx, e.m);
#line 8278 "chapters/01-optimization.nw"
  CLAIM(.id = "optim.linear-autoencoder", .kind = CLAIM_BOUND,
        .measured = rep.max_rel_err, .reference = bound, .tolerance = 0,
        .seed = seed,
        .note = "gradient checker's relative error for the notes' gradients"
                " of l = |x - DCx|^2/2, against what a correct gradient scores");
  ae_notes_gradient(&e, theta, a, 1);
  mdl_numcheck_gradient(&f, theta, a, 0, &rep);
  CLAIM(.id = "optim.linear-autoencoder", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = rep.max_rel_err,
        .reference = 1e-2, .tolerance = 0, .seed = seed,
        .note = "relative error of dl/dC with x (y - x)^T for (y - x) x^T:"
                " the slip is flagged");
  gsl_vector_free(theta);
  gsl_vector_free(a);
  gsl_vector_free(d);
  gsl_vector_free(y);
}

#line 8049 "chapters/01-optimization.nw"
static void test_linear_autoencoder(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(7211102);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { Nf = 6, S = 40, M = 3 };
  const double sv[Nf] = {4.1, 3.2, 2.5, 1.7, 0.9, 0.4};
#line 8071 "chapters/01-optimization.nw"
  gsl_matrix *Q1 = gsl_matrix_alloc(Nf, Nf), *A1 = gsl_matrix_alloc(Nf, Nf);
  gsl_matrix *G = gsl_matrix_alloc(S, Nf), *T = gsl_matrix_alloc(S, Nf);
  gsl_vector *one = gsl_vector_alloc(Nf), *tau = gsl_vector_alloc(Nf);
  gsl_vector_set_all(one, 1.0);
  mdl_optim_random_spd(A1, Q1, one, r);
  for (size_t i = 0; i < S; i++)
    for (size_t j = 0; j < Nf; j++)
      gsl_matrix_set(G, i, j, gsl_ran_gaussian(r, 1.0));
  gsl_linalg_QR_decomp(G, tau);
  gsl_matrix *Qs = gsl_matrix_alloc(S, S), *Rr = gsl_matrix_alloc(S, Nf);
  gsl_linalg_QR_unpack(G, tau, Qs, Rr);
  gsl_matrix *X = gsl_matrix_calloc(Nf, S);
  for (size_t i = 0; i < Nf; i++)
    for (size_t j = 0; j < S; j++)
      for (size_t k = 0; k < Nf; k++)
        *gsl_matrix_ptr(X, i, j) += gsl_matrix_get(Q1, i, k) * sv[k] * sqrt((double)S)
                                    * gsl_matrix_get(Qs, j, k);
  gsl_matrix *Ux = gsl_matrix_alloc(S, Nf), *Vx = gsl_matrix_alloc(Nf, Nf);
  gsl_vector *sx = gsl_vector_alloc(Nf), *work = gsl_vector_alloc(Nf);
  gsl_matrix_transpose_memcpy(Ux, X);
  gsl_linalg_SV_decomp(Ux, Vx, sx, work);
  double sv_err = 10 * Nf * S * gamma_k(1) * frobenius(X);
  double minimum = 0, below = 0, min_tol = 0;
  for (size_t i = 0; i < Nf; i++) {
    double si = gsl_vector_get(sx, i);
    if (i >= M)
      minimum += si * si / (2.0 * S);
    if (i >= M - 1)
      below += si * si / (2.0 * S);
    min_tol += (i >= M - 1 ? 2 * si * sv_err / (2.0 * S) : 0);
  }
  min_tol += gamma_k(2 * Nf) * minimum;
  gsl_matrix_free(Q1);
  gsl_matrix_free(A1);
  gsl_matrix_free(G);
  gsl_matrix_free(T);
  gsl_vector_free(one);
  gsl_vector_free(tau);
  gsl_matrix_free(Qs);
  gsl_matrix_free(Rr);
#line 8058 "chapters/01-optimization.nw"
#line 8117 "chapters/01-optimization.nw"
  autoencoder ae = {X, Nf, M, S};
  gsl_matrix *Rm = gsl_matrix_alloc(Nf, S), *Zm = gsl_matrix_alloc(Nf, Nf);
  gsl_matrix *CX = gsl_matrix_alloc(M, S);
  double value_tol = gamma_k(Nf + M + S + 4);
  {
    gsl_vector *theta = gsl_vector_alloc(2 * M * Nf);
    for (size_t i = 0; i < M; i++)
      for (size_t j = 0; j < Nf; j++) {
        gsl_vector_set(theta, i * Nf + j, gsl_matrix_get(Vx, j, i));
        gsl_vector_set(theta, M * Nf + j * M + i, gsl_matrix_get(Vx, j, i));
      }
    double v = autoencoder_value(&ae, theta, NULL, Rm, Zm, CX);
    CLAIM(.id = "optim.linear-autoencoder", .kind = CLAIM_IDENTITY,
          .measured = v, .reference = minimum,
          .tolerance = min_tol + value_tol * v
                       + 2 * sqrt(2 * v / S) * sv_err * sqrt((double)Nf),
          .seed = seed,
          .note = "loss at D = U_m, C = U_m^T against the sum of the discarded"
                  " squared singular values / 2s");
    gsl_vector_free(theta);
  }
#line 8059 "chapters/01-optimization.nw"
#line 8141 "chapters/01-optimization.nw"
  double min_value = HUGE_VAL, worst_rel = 0, best_final = HUGE_VAL;
  size_t n = 2 * M * Nf;
  for (int run = 0; run < 6; run++) {
    gsl_vector *theta = gsl_vector_alloc(n), *g = gsl_vector_alloc(n);
    for (size_t i = 0; i < n; i++)
      gsl_vector_set(theta, i, gsl_ran_gaussian(r, 0.1));
    mdl_optim_params p = {.lr = 0.02};
    mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, n, &p);
    double v = 0;
    for (int k = 0; k <= 8000; k++) {
      v = autoencoder_value(&ae, theta, g, Rm, Zm, CX);
      min_value = fmin(min_value, v * (1 + value_tol));
      if (k < 8000)
        mdl_optim_step(opt, theta, g);
    }
    worst_rel = claim_fmax(worst_rel, (v - minimum) / minimum);
    best_final = fmin(best_final, v);
    mdl_optim_free(opt);
    gsl_vector_free(theta);
    gsl_vector_free(g);
  }
  CLAIM(.id = "optim.linear-autoencoder", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = min_value, .reference = minimum,
        .tolerance = min_tol, .samples = 6 * 8001, .seed = seed,
        .note = "smallest loss over all iterates of six runs, against the"
                " Eckart-Young minimum");
  CLAIM(.id = "optim.linear-autoencoder", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = worst_rel, .reference = 1e-10,
        .tolerance = 0, .samples = 6, .seed = seed,
        .note = "largest relative gap to the minimum after 8000 steps, six"
                " random starts");
  CLAIM(.id = "optim.linear-autoencoder", .kind = CLAIM_BOUND,
        .measured = best_final,
        .reference = below - 0.5 * (below - minimum), .tolerance = 0,
        .samples = 6, .seed = seed,
        .note = "best final loss against the notes' minimum over rank < m,"
                " less half of sigma_m^2/2s: the notes' Eckart-Young fails");
  gsl_matrix_free(Rm);
  gsl_matrix_free(Zm);
  gsl_matrix_free(CX);
#line 8060 "chapters/01-optimization.nw"
  check_autoencoder_gradients(r, seed);
  gsl_matrix_free(X);
  gsl_matrix_free(Ux);
  gsl_matrix_free(Vx);
  gsl_vector_free(sx);
  gsl_vector_free(work);
  gsl_rng_free(r);
}
#line 8386 "chapters/01-optimization.nw"
static double ref_frob2(mpfr_t *A, size_t n, mpfr_t out)
{
  mpfr_set_zero(out, 1);
  for (size_t i = 0; i < n; i++)
    mpfr_fma(out, A[i], A[i], out, MPFR_RNDN);
  return mpfr_get_d(out, MPFR_RNDU);
}

static void test_saxe(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(7280109);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { D = 5, M = 3, S = 20 };
#line 8429 "chapters/01-optimization.nw"
  gsl_matrix *G = gsl_matrix_alloc(S, D), *Qf = gsl_matrix_alloc(S, S);
  gsl_matrix *Rr = gsl_matrix_alloc(S, D), *X = gsl_matrix_alloc(D, S);
  gsl_matrix *Y = gsl_matrix_alloc(D, S), *Gam = gsl_matrix_alloc(D, D);
  gsl_vector *tau = gsl_vector_alloc(D), *sg = gsl_vector_alloc(D);
  gsl_vector *work = gsl_vector_alloc(D);
  for (size_t i = 0; i < S; i++)
    for (size_t j = 0; j < D; j++)
      gsl_matrix_set(G, i, j, gsl_ran_gaussian(r, 1.0));
  gsl_linalg_QR_decomp(G, tau);
  gsl_linalg_QR_unpack(G, tau, Qf, Rr);
  for (size_t i = 0; i < D; i++)
    for (size_t j = 0; j < S; j++) {
      gsl_matrix_set(X, i, j, sqrt((double)S) * gsl_matrix_get(Qf, j, i));
      gsl_matrix_set(Y, i, j, gsl_ran_gaussian(r, 1.0));
    }
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0 / S, Y, X, 0.0, Gam);
  gsl_matrix *Us = gsl_matrix_alloc(D, D), *Vs = gsl_matrix_alloc(D, D);
  gsl_matrix_memcpy(Us, Gam);
  gsl_linalg_SV_decomp(Us, Vs, sg, work);
  mpfr_t E[D * D], eU[D * D], eV[D * D], Gl[D * D], UGV[D * D], y2, cconst, t;
  refs_init(E, D * D);
  refs_init(eU, D * D);
  refs_init(eV, D * D);
  refs_init(Gl, D * D);
  refs_init(UGV, D * D);
  mpfr_inits2(RBITS, y2, cconst, t, (mpfr_ptr)0);
  for (size_t i = 0; i < D; i++)
    for (size_t j = 0; j < D; j++) {
      size_t ij = i * D + j;
      mpfr_set_si(E[ij], -(i == j), MPFR_RNDN);
      mpfr_set_si(eU[ij], -(i == j), MPFR_RNDN);
      mpfr_set_si(eV[ij], -(i == j), MPFR_RNDN);
      mpfr_set_zero(Gl[ij], 1);
      for (size_t k = 0; k < S; k++) {
        mpfr_set_d(t, gsl_matrix_get(X, j, k), MPFR_RNDN);
        mpfr_div_ui(t, t, S, MPFR_RNDN);
        ref_add_mul(E[ij], t, gsl_matrix_get(X, i, k), E[ij]);
        ref_add_mul(Gl[ij], t, gsl_matrix_get(Y, i, k), Gl[ij]);
      }
      for (size_t k = 0; k < D; k++) {
        mpfr_set_d(t, gsl_matrix_get(Us, k, i), MPFR_RNDN);
        ref_add_mul(eU[ij], t, gsl_matrix_get(Us, k, j), eU[ij]);
        mpfr_set_d(t, gsl_matrix_get(Vs, k, i), MPFR_RNDN);
        ref_add_mul(eV[ij], t, gsl_matrix_get(Vs, k, j), eV[ij]);
      }
    }
  for (size_t i = 0; i < D; i++)
    for (size_t j = 0; j < D; j++) {
      size_t ij = i * D + j;
      mpfr_set_d(UGV[ij], i == j ? -gsl_vector_get(sg, i) : 0, MPFR_RNDN);
      for (size_t k = 0; k < D; k++)
        for (size_t l = 0; l < D; l++) {
          mpfr_set_d(t, gsl_matrix_get(Us, k, i), MPFR_RNDN);
          mpfr_mul_d(t, t, gsl_matrix_get(Gam, k, l), MPFR_RNDN);
          ref_add_mul(UGV[ij], t, gsl_matrix_get(Vs, l, j), UGV[ij]);
        }
    }
  double normE = sqrt(ref_frob2(E, D * D, t)) * (1 + gamma_k(1));
  double e_U = sqrt(ref_frob2(eU, D * D, t)) * (1 + gamma_k(1));
  double e_V = sqrt(ref_frob2(eV, D * D, t)) * (1 + gamma_k(1));
  double delta = sqrt(ref_frob2(UGV, D * D, t)) * (1 + gamma_k(1));
  double gl2 = ref_frob2(Gl, D * D, t);
  mpfr_set_zero(y2, 1);
  for (size_t i = 0; i < D; i++)
    for (size_t k = 0; k < S; k++) {
      mpfr_set_d(cconst, gsl_matrix_get(Y, i, k), MPFR_RNDN);
      mpfr_fma(y2, cconst, cconst, y2, MPFR_RNDN);
    }
  mpfr_div_ui(cconst, y2, 2 * S, MPFR_RNDN);
  mpfr_div_ui(t, t, 2, MPFR_RNDN);
  mpfr_sub(cconst, cconst, t, MPFR_RNDN);
  double y2s = mpfr_get_d(y2, MPFR_RNDU) / S;
  refs_clear(E, D * D);
  refs_clear(eU, D * D);
  refs_clear(eV, D * D);
  refs_clear(UGV, D * D);
  gsl_matrix_free(G);
  gsl_matrix_free(Qf);
  gsl_matrix_free(Rr);
  gsl_vector_free(tau);
  gsl_vector_free(work);
#line 8402 "chapters/01-optimization.nw"
  double worst1 = 0, worst2 = 0;
  for (int t = 0; t < 5; t++) {
#line 8513 "chapters/01-optimization.nw"
    double W1[M * D], W2[D * M];
    mpfr_t Th[D * D], A[D * D], Ag[D * D], Dt[D * M], Ct[M * D], x, y;
    refs_init(Th, D * D);
    refs_init(A, D * D);
    refs_init(Ag, D * D);
    refs_init(Dt, D * M);
    refs_init(Ct, M * D);
    mpfr_inits2(RBITS, x, y, (mpfr_ptr)0);
    for (size_t i = 0; i < M * D; i++) {
      W1[i] = gsl_ran_gaussian(r, 1.0);
      W2[i] = gsl_ran_gaussian(r, 1.0);
    }
    for (size_t i = 0; i < D; i++)
      for (size_t j = 0; j < D; j++) {
        mpfr_set_zero(Th[i * D + j], 1);
        for (size_t k = 0; k < M; k++) {
          mpfr_set_d(x, W2[i * M + k], MPFR_RNDN);
          ref_add_mul(Th[i * D + j], x, W1[k * D + j], Th[i * D + j]);
        }
        mpfr_sub(A[i * D + j], Th[i * D + j], Gl[i * D + j], MPFR_RNDN);
        mpfr_sub_d(Ag[i * D + j], Th[i * D + j], gsl_matrix_get(Gam, i, j), MPFR_RNDN);
      }
    double labs = 0;
    mpfr_set_zero(y, 1);
    for (size_t i = 0; i < D; i++)
      for (size_t k = 0; k < S; k++) {
        double pa = 0, yik = gsl_matrix_get(Y, i, k);
        mpfr_set_d(x, -yik, MPFR_RNDN);
        for (size_t j = 0; j < D; j++) {
          ref_add_mul(x, Th[i * D + j], gsl_matrix_get(X, j, k), x);
          pa += fabs(mpfr_get_d(Th[i * D + j], MPFR_RNDA) * gsl_matrix_get(X, j, k));
        }
        mpfr_fma(y, x, x, y, MPFR_RNDN);
        labs += (fabs(yik) + pa) * (fabs(yik) + pa) / (2 * S);
      }
    mpfr_div_ui(y, y, 2 * S, MPFR_RNDN);
    double th2 = ref_frob2(Th, D * D, x);
    ref_frob2(A, D * D, x);
    mpfr_div_ui(x, x, 2, MPFR_RNDN);
    mpfr_sub(y, y, x, MPFR_RNDN);
    mpfr_sub(y, y, cconst, MPFR_RNDN);
    double tol1 = (normE * th2 / 2 + ref_gamma(4.0 * (S + D) + 16)
                                     * (labs + th2 + gl2 + y2s))
                  * (1 + gamma_k(4.0 * D * S + 8));
    worst1 = claim_fmax(worst1, fabs(mpfr_get_d(y, MPFR_RNDA)) / tol1);
    for (size_t rr = 0; rr < D; rr++)
      for (size_t k = 0; k < M; k++) {
        mpfr_set_zero(Dt[rr * M + k], 1);
        mpfr_set_zero(Ct[k * D + rr], 1);
        for (size_t i = 0; i < D; i++) {
          mpfr_set_d(x, gsl_matrix_get(Us, i, rr), MPFR_RNDN);
          ref_add_mul(Dt[rr * M + k], x, W2[i * M + k], Dt[rr * M + k]);
          mpfr_set_d(x, gsl_matrix_get(Vs, i, rr), MPFR_RNDN);
          ref_add_mul(Ct[k * D + rr], x, W1[k * D + i], Ct[k * D + rr]);
        }
      }
    mpfr_t dc, coop, comp;
    mpfr_inits2(RBITS, dc, coop, comp, (mpfr_ptr)0);
    mpfr_set_zero(coop, 1);
    mpfr_set_zero(comp, 1);
    for (size_t rr = 0; rr < D; rr++)
      for (size_t q = 0; q < D; q++) {
        mpfr_set_zero(dc, 1);
        for (size_t k = 0; k < M; k++)
          mpfr_fma(dc, Dt[rr * M + k], Ct[k * D + q], dc, MPFR_RNDN);
        if (rr == q) {
          mpfr_sub_d(dc, dc, gsl_vector_get(sg, rr), MPFR_RNDN);
          mpfr_fma(coop, dc, dc, coop, MPFR_RNDN);
        } else {
          mpfr_fma(comp, dc, dc, comp, MPFR_RNDN);
        }
      }
    mpfr_add(coop, coop, comp, MPFR_RNDN);
    mpfr_div_ui(coop, coop, 2, MPFR_RNDN);
    double cc = mpfr_get_d(coop, MPFR_RNDU);
    double a2 = ref_frob2(Ag, D * D, x);
    mpfr_div_ui(x, x, 2, MPFR_RNDN);
    mpfr_sub(coop, coop, x, MPFR_RNDN);
    double tol2 = (a2 / 2 * ((1 + e_U) * (1 + e_V) - 1) + sqrt(a2 + 1) * delta
                   + delta * delta / 2
                   + ref_gamma(8.0 * D + 16) * (cc + a2 + th2))
                  * (1 + gamma_k(12));
    worst2 = claim_fmax(worst2, fabs(mpfr_get_d(coop, MPFR_RNDA)) / tol2);
    refs_clear(Th, D * D);
    refs_clear(A, D * D);
    refs_clear(Ag, D * D);
    refs_clear(Dt, D * M);
    refs_clear(Ct, M * D);
    mpfr_clears(x, y, dc, coop, comp, (mpfr_ptr)0);
#line 8405 "chapters/01-optimization.nw"
  }
  CLAIM(.id = "optim.saxe-decomposition", .kind = CLAIM_BOUND,
        .measured = worst1, .reference = 1, .tolerance = 0, .samples = 5,
        .seed = seed,
        .note = "largest |loss - |Theta - Gamma|^2/2 - c| over its bound,"
                " whitened X");
  CLAIM(.id = "optim.saxe-decomposition", .kind = CLAIM_BOUND,
        .measured = worst2, .reference = 1, .tolerance = 0, .samples = 5,
        .seed = seed,
        .note = "largest |(cooperative + competitive terms) -"
                " |Theta - Gamma|^2/2| over its bound");
  refs_clear(Gl, D * D);
  mpfr_clears(y2, cconst, t, (mpfr_ptr)0);
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  gsl_matrix_free(Gam);
  gsl_matrix_free(Us);
  gsl_matrix_free(Vs);
  gsl_vector_free(sg);
  gsl_rng_free(r);
}
#line 8629 "chapters/01-optimization.nw"
static int same(const gsl_vector *v, double value)
{
  for (size_t i = 0; i < v->size; i++)
    if (gsl_vector_get(v, i) != value)
      return 0;
  return 1;
}

static int same_m(const gsl_matrix *m, double value)
{
  for (size_t i = 0; i < m->size1; i++)
    for (size_t j = 0; j < m->size2; j++)
      if (gsl_matrix_get(m, i, j) != value)
        return 0;
  return 1;
}

static int failing_term(size_t i, const gsl_vector *x, void *params,
                        gsl_vector *g)
{
  (void)x;
  (void)params;
  gsl_vector_set_all(g, 1.0);
  return i == 2 ? GSL_EDOM : GSL_SUCCESS;
}

static int nan_term(size_t i, const gsl_vector *x, void *params,
                    gsl_vector *g)
{
  (void)x;
  (void)params;
  gsl_vector_set_all(g, i == 1 ? NAN : 1.0);
  return GSL_SUCCESS;
}

static int good_term(size_t i, const gsl_vector *x, void *params,
                     gsl_vector *g)
{
  (void)params;
  for (size_t j = 0; j < x->size; j++)
    gsl_vector_set(g, j, gsl_vector_get(x, j) - (double)(i + j) / 7);
  return GSL_SUCCESS;
}

#define ERR(code, call, untouched_expr, what)                                 \
  do {                                                                        \
    claim_expect_error();                                                     \
    int status_ = (call);                                                     \
    CLAIM(.id = "optim.errors", .kind = CLAIM_ERROR, .measured = status_,     \
          .reference = (code), .untouched = (untouched_expr), .note = (what)); \
  } while (0)

#define ERR_PTR(code, call, what)                                             \
  do {                                                                        \
    claim_expect_error();                                                     \
    const void *ptr_ = (call);                                                \
    CLAIM(.id = "optim.errors", .kind = CLAIM_ERROR,                          \
          .measured = claim_last_error(), .reference = (code),                \
          .untouched = ptr_ == NULL, .note = (what));                         \
  } while (0)

static void test_optim_errors(void **state)
{
  (void)state;
  const double S = -7.125;
#line 8708 "chapters/01-optimization.nw"
  mdl_optim_params good = {.lr = 0.1, .momentum = 0.5};
  claim_expect_error();
  mdl_optim_params zero = mdl_optim_defaults(NULL);
  CLAIM(.id = "optim.errors", .kind = CLAIM_ERROR,
        .measured = claim_last_error(), .reference = GSL_EFAULT,
        .untouched = zero.lr == 0 && zero.beta2 == 0 && zero.eps == 0,
        .note = "mdl_optim_defaults: type is NULL, returns zeros");
  ERR_PTR(GSL_EFAULT, mdl_optim_name(NULL), "mdl_optim_name: type is NULL");
  ERR_PTR(GSL_EFAULT, mdl_optim_alloc(NULL, 3, &good),
          "mdl_optim_alloc: type is NULL");
  ERR_PTR(GSL_EFAULT, mdl_optim_alloc(mdl_optim_gd, 3, NULL),
          "mdl_optim_alloc: params is NULL");
  ERR_PTR(GSL_EINVAL, mdl_optim_alloc(mdl_optim_gd, 0, &good),
          "mdl_optim_alloc: n = 0");
  struct {
    const mdl_optim_type *const *type;
    mdl_optim_params p;
    const char *what;
  } bad[] = {
    {&mdl_optim_gd, {.lr = -0.1}, "mdl_optim_alloc: negative step"},
    {&mdl_optim_gd, {.lr = NAN}, "mdl_optim_alloc: NaN step"},
    {&mdl_optim_gd, {.lr = 0.1, .weight_decay = HUGE_VAL},
     "mdl_optim_alloc: infinite weight decay"},
    {&mdl_optim_gd, {.lr = 0.1, .weight_decay = -1e-3},
     "mdl_optim_alloc: negative weight decay"},
    {&mdl_optim_gd, {.lr = 0.1, .max_norm = -1}, "mdl_optim_alloc: negative max_norm"},
    {&mdl_optim_gd, {.lr = 0.1, .radius = -1}, "mdl_optim_alloc: negative radius"},
    {&mdl_optim_heavy_ball, {.lr = 0.1, .momentum = -0.5},
     "mdl_optim_alloc: negative momentum"},
    {&mdl_optim_nesterov, {.lr = 0.1, .momentum = 0},
     "mdl_optim_alloc: Nesterov without momentum"},
    {&mdl_optim_nesterov, {.lr = 0.1, .momentum = 0.9, .dampening = 0.1},
     "mdl_optim_alloc: Nesterov with dampening"},
    {&mdl_optim_adagrad, {.lr = 0.1, .lr_decay = -1},
     "mdl_optim_alloc: negative lr_decay"},
    {&mdl_optim_adagrad, {.lr = 0.1, .initial_accumulator_value = -1},
     "mdl_optim_alloc: negative initial accumulator"},
    {&mdl_optim_rmsprop, {.lr = 0.1, .alpha = -0.9}, "mdl_optim_alloc: negative alpha"},
    {&mdl_optim_adam, {.lr = 0.1, .beta1 = 1, .beta2 = 0.9},
     "mdl_optim_alloc: beta1 = 1"},
    {&mdl_optim_amsgrad, {.lr = 0.1, .beta1 = 0.9, .beta2 = -0.1},
     "mdl_optim_alloc: negative beta2"},
    {&mdl_optim_adam, {.lr = 0.1, .beta1 = 0.9, .beta2 = 0.99, .eps = -1e-8},
     "mdl_optim_alloc: negative eps"},
    {&mdl_optim_signsgd, {.lr = 0.1, .momentum = 1}, "mdl_optim_alloc: Signum momentum 1"},
  };
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
    ERR_PTR(GSL_EINVAL, mdl_optim_alloc(*bad[k].type, 3, &bad[k].p), bad[k].what);
#line 8764 "chapters/01-optimization.nw"
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_heavy_ball, 3, &good);
  gsl_vector *th = gsl_vector_alloc(3), *g = gsl_vector_alloc(3);
  gsl_vector *th2 = gsl_vector_alloc(2), *g2 = gsl_vector_alloc(2);
  gsl_vector_set_all(th, 0.25);
  gsl_vector_set_all(g, 0.5);
  mdl_optim_step(opt, th, g);
  double b0 = gsl_vector_get(mdl_optim_buffer(opt, MDL_OPTIM_MOMENTUM_BUFFER), 0);
  gsl_vector_set_all(th, S);
  #define UNCHANGED (same(th, S) && mdl_optim_steps(opt) == 1 &&                \
                     gsl_vector_get(mdl_optim_buffer(opt,                       \
                                    MDL_OPTIM_MOMENTUM_BUFFER), 0) == b0)
  ERR(GSL_EFAULT, mdl_optim_step(NULL, th, g), same(th, S),
      "mdl_optim_step: opt is NULL");
  ERR(GSL_EFAULT, mdl_optim_step(opt, NULL, g), UNCHANGED,
      "mdl_optim_step: theta is NULL");
  ERR(GSL_EFAULT, mdl_optim_step(opt, th, NULL), UNCHANGED,
      "mdl_optim_step: grad is NULL");
  ERR(GSL_EBADLEN, mdl_optim_step(opt, th2, g), UNCHANGED,
      "mdl_optim_step: theta of the wrong length");
  ERR(GSL_EBADLEN, mdl_optim_step(opt, th, g2), UNCHANGED,
      "mdl_optim_step: grad of the wrong length");
  gsl_vector_set(g, 1, NAN);
  ERR(GSL_EDOM, mdl_optim_step(opt, th, g), UNCHANGED,
      "mdl_optim_step: grad holds NaN");
  gsl_vector_set(g, 1, 0.5);
  gsl_vector_set(th, 2, HUGE_VAL);
  ERR(GSL_EDOM, mdl_optim_step(opt, th, g), gsl_vector_get(th, 2) == HUGE_VAL
      && mdl_optim_steps(opt) == 1, "mdl_optim_step: theta holds an infinity");
  gsl_vector_set_all(th, S);
  gsl_vector_set_all(g, 1e300);
  mdl_optim_set_lr(opt, 1e300);
  ERR(GSL_ERANGE, mdl_optim_step(opt, th, g), UNCHANGED,
      "mdl_optim_step: the step overflows");
  mdl_optim_params pz = {.lr = 0.1, .beta1 = 0.9, .beta2 = 0.99, .eps = 0};
  mdl_optim *adam = mdl_optim_alloc(mdl_optim_adam, 3, &pz);
  gsl_vector_set_zero(g);
  ERR(GSL_ERANGE, mdl_optim_step(adam, th, g), same(th, S)
      && mdl_optim_steps(adam) == 0, "mdl_optim_step: 0/0 in Adam with eps = 0");
  mdl_optim_params p1 = {.lr = 1};
  mdl_optim *plain = mdl_optim_alloc(mdl_optim_gd, 3, &p1);
  gsl_vector_set_zero(th);
  gsl_vector_set_zero(g);
  gsl_vector_set(th, 0, 1e308);
  gsl_vector_set(g, 0, -1e308);
  ERR(GSL_ERANGE, mdl_optim_step(plain, th, g), gsl_vector_get(th, 0) == 1e308
      && gsl_vector_get(th, 1) == 0 && mdl_optim_steps(plain) == 0,
      "mdl_optim_step: plain step 1e308 + 1e308 overflows (contiguous)");
  mdl_optim_free(plain);
#line 8857 "chapters/01-optimization.nw"
  {
    enum { NLONG = 3 * (1 << 15) + 5 };
    const char *was = getenv("MDL_NUM_THREADS");
    char saved[32] = "";
    if (was != NULL)
      snprintf(saved, sizeof saved, "%s", was);
    setenv("MDL_NUM_THREADS", "3", 1);
    mdl_optim *lg = mdl_optim_alloc(mdl_optim_gd, NLONG, &p1);
    gsl_vector *tl = gsl_vector_alloc(NLONG), *gl = gsl_vector_alloc(NLONG);
    gsl_vector *keep = gsl_vector_alloc(NLONG);
    for (size_t k = 0; k < NLONG; k++) {
      gsl_vector_set(tl, k, k % 11 == 0 ? -0.0 : (double)(k % 97) / 7 - 5);
      gsl_vector_set(gl, k, (double)(k % 89) / 3 - 14);
    }
    gsl_vector_set(tl, NLONG - 1, 1e308);
    gsl_vector_set(gl, NLONG - 1, -1e308);
    gsl_vector_memcpy(keep, tl);
    ERR(GSL_ERANGE, mdl_optim_step(lg, tl, gl),
        memcmp(tl->data, keep->data, NLONG * sizeof(double)) == 0
        && mdl_optim_steps(lg) == 0,
        "mdl_optim_step: plain step overflows in the last of 98309 coordinates,"
        " 3 threads: theta unchanged bit for bit");
    gsl_vector_set(tl, NLONG - 1, 1);
    gsl_vector_set(gl, NLONG - 1, NAN);
    gsl_vector_memcpy(keep, tl);
    ERR(GSL_EDOM, mdl_optim_step(lg, tl, gl),
        memcmp(tl->data, keep->data, NLONG * sizeof(double)) == 0
        && mdl_optim_steps(lg) == 0,
        "mdl_optim_step: plain step with a NaN gradient in the last of 98309"
        " coordinates, 3 threads: theta unchanged bit for bit");
    if (was != NULL)
      setenv("MDL_NUM_THREADS", saved, 1);
    else
      unsetenv("MDL_NUM_THREADS");
    gsl_vector_free(tl);
    gsl_vector_free(gl);
    gsl_vector_free(keep);
    mdl_optim_free(lg);
  }
#line 8813 "chapters/01-optimization.nw"
  #undef UNCHANGED
  ERR(GSL_EFAULT, mdl_optim_set_lr(NULL, 0.1), 1, "mdl_optim_set_lr: opt is NULL");
  mdl_optim_set_lr(opt, 0.1);
  ERR(GSL_EINVAL, mdl_optim_set_lr(opt, -0.1), 1,
      "mdl_optim_set_lr: negative step");
  gsl_vector_set_all(th, 0.25);
  gsl_vector_set_all(g, 0.5);
  mdl_optim_reset(opt);
  mdl_optim_step(opt, th, g);
  CLAIM(.id = "optim.errors", .kind = CLAIM_IDENTITY,
        .measured = gsl_vector_get(th, 0), .reference = 0.25 - 0.1 * 0.5,
        .tolerance = gamma_k(2) * 0.3,
        .note = "mdl_optim_set_lr: the step after a rejected rate uses the old one");
  ERR(GSL_EINVAL, mdl_optim_set_lr(opt, NAN), 1, "mdl_optim_set_lr: NaN step");
  ERR(GSL_EFAULT, mdl_optim_reset(NULL), 1, "mdl_optim_reset: opt is NULL");
  claim_expect_error();
  size_t steps = mdl_optim_steps(NULL);
  CLAIM(.id = "optim.errors", .kind = CLAIM_ERROR,
        .measured = claim_last_error(), .reference = GSL_EFAULT,
        .untouched = steps == 0, .note = "mdl_optim_steps: opt is NULL, returns 0");
  ERR_PTR(GSL_EFAULT, mdl_optim_buffer(NULL, MDL_OPTIM_SUM),
          "mdl_optim_buffer: opt is NULL");
  ERR_PTR(GSL_EINVAL, mdl_optim_buffer(opt, (mdl_optim_buffer_id)99),
          "mdl_optim_buffer: unknown buffer");
  CLAIM(.id = "optim.errors", .kind = CLAIM_IDENTITY,
        .measured = mdl_optim_buffer(opt, MDL_OPTIM_EXP_AVG) == NULL,
        .reference = 1, .tolerance = 0,
        .note = "mdl_optim_buffer: a buffer the type does not keep is NULL,"
                " without an error");
  mdl_optim_free(NULL);
  mdl_optim_free(opt);
  mdl_optim_free(adam);
#line 8695 "chapters/01-optimization.nw"
#line 8899 "chapters/01-optimization.nw"
    double norm = S;
    gsl_vector_set_all(g, 2.0);
    ERR(GSL_EFAULT, mdl_optim_clip_norm(NULL, 1, &norm), norm == S,
        "mdl_optim_clip_norm: g is NULL");
    ERR(GSL_EINVAL, mdl_optim_clip_norm(g, -1, &norm), same(g, 2.0) && norm == S,
        "mdl_optim_clip_norm: negative max_norm");
    ERR(GSL_EINVAL, mdl_optim_clip_norm(g, NAN, &norm), same(g, 2.0) && norm == S,
        "mdl_optim_clip_norm: NaN max_norm");
    gsl_vector_set(g, 0, NAN);
    ERR(GSL_EDOM, mdl_optim_clip_norm(g, 1, &norm), norm == S
        && gsl_vector_get(g, 1) == 2.0, "mdl_optim_clip_norm: g holds NaN");
    gsl_vector_set_all(th, S);
    ERR(GSL_EFAULT, mdl_optim_project_ball(NULL, NULL, 1), 1,
        "mdl_optim_project_ball: x is NULL");
    ERR(GSL_EBADLEN, mdl_optim_project_ball(th, th2, 1), same(th, S),
        "mdl_optim_project_ball: center of the wrong length");
    ERR(GSL_EINVAL, mdl_optim_project_ball(th, NULL, -1), same(th, S),
        "mdl_optim_project_ball: negative radius");
    ERR(GSL_EINVAL, mdl_optim_project_ball(th, NULL, NAN), same(th, S),
        "mdl_optim_project_ball: NaN radius");
    gsl_vector *c3 = gsl_vector_alloc(3);
    gsl_vector_set_all(c3, NAN);
    ERR(GSL_EDOM, mdl_optim_project_ball(th, c3, 1), same(th, S),
        "mdl_optim_project_ball: center holds NaN");
    gsl_vector_set_all(g, 0.5);
    ERR(GSL_EFAULT, mdl_optim_average(NULL, g, 3), 1,
        "mdl_optim_average: avg is NULL");
    ERR(GSL_EFAULT, mdl_optim_average(th, NULL, 3), same(th, S),
        "mdl_optim_average: x is NULL");
    ERR(GSL_EBADLEN, mdl_optim_average(th, g2, 3), same(th, S),
        "mdl_optim_average: x of the wrong length");
    ERR(GSL_EDOM, mdl_optim_average(th, c3, 3), same(th, S),
        "mdl_optim_average: x holds NaN");
    gsl_vector_free(c3);
#line 8696 "chapters/01-optimization.nw"
#line 8936 "chapters/01-optimization.nw"
    mdl_optim_finite_sum fs = {good_term, 5, 3, NULL};
    mdl_optim_finite_sum fnull = {NULL, 5, 3, NULL};
    mdl_optim_finite_sum fzero = {good_term, 0, 3, NULL};
    mdl_optim_finite_sum ffail = {failing_term, 5, 3, NULL};
    mdl_optim_finite_sum fnan = {nan_term, 5, 3, NULL};
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_vector_set_all(th, 0.25);
    gsl_vector_set_all(g, S);
    ERR(GSL_EFAULT, mdl_optim_full_gradient(NULL, th, g), same(g, S),
        "mdl_optim_full_gradient: f is NULL");
    ERR(GSL_EFAULT, mdl_optim_full_gradient(&fnull, th, g), same(g, S),
        "mdl_optim_full_gradient: f->gradient is NULL");
    ERR(GSL_EFAULT, mdl_optim_full_gradient(&fs, NULL, g), same(g, S),
        "mdl_optim_full_gradient: x is NULL");
    ERR(GSL_EINVAL, mdl_optim_full_gradient(&fzero, th, g), same(g, S),
        "mdl_optim_full_gradient: n = 0");
    ERR(GSL_EBADLEN, mdl_optim_full_gradient(&fs, th2, g), same(g, S),
        "mdl_optim_full_gradient: x of the wrong length");
    ERR(GSL_EBADFUNC, mdl_optim_full_gradient(&ffail, th, g), same(g, S),
        "mdl_optim_full_gradient: a term's gradient fails");
    ERR(GSL_EBADFUNC, mdl_optim_full_gradient(&fnan, th, g), same(g, S),
        "mdl_optim_full_gradient: a term's gradient is NaN");
    ERR_PTR(GSL_EFAULT, mdl_optim_sampler_alloc(NULL, 1, 1),
            "mdl_optim_sampler_alloc: f is NULL");
    ERR_PTR(GSL_EINVAL, mdl_optim_sampler_alloc(&fs, 0, 1),
            "mdl_optim_sampler_alloc: batch = 0");
    ERR_PTR(GSL_EINVAL, mdl_optim_sampler_alloc(&fs, 6, 0),
            "mdl_optim_sampler_alloc: batch > n without replacement");
    ERR_PTR(GSL_EINVAL, mdl_optim_sampler_alloc(&fzero, 1, 1),
            "mdl_optim_sampler_alloc: n = 0");
    mdl_optim_sampler *smp = mdl_optim_sampler_alloc(&fs, 2, 0);
    mdl_optim_sampler *sfail = mdl_optim_sampler_alloc(&ffail, 5, 0);
    ERR(GSL_EFAULT, mdl_optim_sampler_minibatch(NULL, th, r, g), same(g, S),
        "mdl_optim_sampler_minibatch: s is NULL");
    ERR(GSL_EFAULT, mdl_optim_sampler_minibatch(smp, th, NULL, g), same(g, S),
        "mdl_optim_sampler_minibatch: r is NULL");
    ERR(GSL_EFAULT, mdl_optim_sampler_minibatch(smp, th, r, NULL), 1,
        "mdl_optim_sampler_minibatch: g is NULL");
    ERR(GSL_EBADLEN, mdl_optim_sampler_minibatch(smp, th, r, g2), 1,
        "mdl_optim_sampler_minibatch: g of the wrong length");
    ERR(GSL_EBADFUNC, mdl_optim_sampler_minibatch(sfail, th, r, g), same(g, S),
        "mdl_optim_sampler_minibatch: a term's gradient fails");
    ERR(GSL_EINVAL, mdl_optim_sampler_svrg(smp, th, r, g), same(g, S),
        "mdl_optim_sampler_svrg: no snapshot");
    ERR(GSL_EFAULT, mdl_optim_sampler_snapshot(NULL, th), 1,
        "mdl_optim_sampler_snapshot: s is NULL");
    ERR(GSL_EBADLEN, mdl_optim_sampler_snapshot(smp, th2), 1,
        "mdl_optim_sampler_snapshot: x of the wrong length");
    ERR(GSL_EBADFUNC, mdl_optim_sampler_snapshot(sfail, th), 1,
        "mdl_optim_sampler_snapshot: a term's gradient fails");
    mdl_optim_sampler_snapshot(smp, th);
    ERR(GSL_EFAULT, mdl_optim_sampler_svrg(smp, NULL, r, g), same(g, S),
        "mdl_optim_sampler_svrg: x is NULL");
    ERR(GSL_EBADLEN, mdl_optim_sampler_svrg(smp, th2, r, g), same(g, S),
        "mdl_optim_sampler_svrg: x of the wrong length");
    mdl_optim_params pg = {.lr = 0.1};
    mdl_optim *o3 = mdl_optim_alloc(mdl_optim_gd, 3, &pg);
    mdl_optim *o2 = mdl_optim_alloc(mdl_optim_gd, 2, &pg);
    gsl_vector_set_all(th, S);
    ERR(GSL_EFAULT, mdl_optim_svrg_epoch(smp, NULL, th, 4, MDL_OPTIM_SVRG_LAST, r),
        same(th, S), "mdl_optim_svrg_epoch: opt is NULL");
    ERR(GSL_EBADLEN, mdl_optim_svrg_epoch(smp, o2, th, 4, MDL_OPTIM_SVRG_LAST, r),
        same(th, S), "mdl_optim_svrg_epoch: optimizer of the wrong size");
    ERR(GSL_EINVAL, mdl_optim_svrg_epoch(smp, o3, th, 0, MDL_OPTIM_SVRG_LAST, r),
        same(th, S), "mdl_optim_svrg_epoch: m = 0");
    ERR(GSL_EINVAL, mdl_optim_svrg_epoch(smp, o3, th, 4, (mdl_optim_svrg_option)7,
                                         r),
        same(th, S), "mdl_optim_svrg_epoch: unknown option");
    ERR(GSL_EBADFUNC, mdl_optim_svrg_epoch(sfail, o3, th, 4, MDL_OPTIM_SVRG_RANDOM,
                                           r),
        same(th, S), "mdl_optim_svrg_epoch: a term's gradient fails");
    mdl_optim_sampler_free(NULL);
    mdl_optim_sampler_free(smp);
    mdl_optim_sampler_free(sfail);
    mdl_optim_free(o3);
    mdl_optim_free(o2);
    gsl_rng_free(r);
#line 8697 "chapters/01-optimization.nw"
#line 9016 "chapters/01-optimization.nw"
    gsl_matrix *H = gsl_matrix_alloc(3, 3), *H2 = gsl_matrix_alloc(2, 2);
    gsl_matrix *Q = gsl_matrix_alloc(3, 3);
    gsl_matrix_set_identity(H);
    gsl_matrix_set_identity(H2);
    gsl_vector_set_all(th, S);
    gsl_vector_set_all(g, 0.5);
    ERR(GSL_EFAULT, mdl_optim_newton_step(NULL, g, H), 1,
        "mdl_optim_newton_step: x is NULL");
    ERR(GSL_EFAULT, mdl_optim_newton_step(th, g, NULL), same(th, S),
        "mdl_optim_newton_step: hess is NULL");
    ERR(GSL_EBADLEN, mdl_optim_newton_step(th, g2, H), same(th, S),
        "mdl_optim_newton_step: grad of the wrong length");
    ERR(GSL_EBADLEN, mdl_optim_newton_step(th, g, H2), same(th, S),
        "mdl_optim_newton_step: hess of the wrong size");
    gsl_matrix_set(H, 1, 1, -2.5);
    ERR(GSL_EDOM, mdl_optim_newton_step(th, g, H), same(th, S),
        "mdl_optim_newton_step: hess not positive definite");
    gsl_matrix_set(H, 1, 1, NAN);
    ERR(GSL_EDOM, mdl_optim_newton_step(th, g, H), same(th, S),
        "mdl_optim_newton_step: hess holds NaN");
    gsl_rng *rq = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_vector *lam = gsl_vector_alloc(3);
    gsl_vector_set_all(lam, 2.0);
    gsl_matrix_set_all(H, S);
    gsl_matrix_set_all(Q, S);
    ERR(GSL_EFAULT, mdl_optim_random_spd(NULL, Q, lam, rq), same_m(Q, S),
        "mdl_optim_random_spd: A is NULL");
    ERR(GSL_EFAULT, mdl_optim_random_spd(H, Q, lam, NULL),
        same_m(H, S) && same_m(Q, S), "mdl_optim_random_spd: r is NULL");
    ERR(GSL_EBADLEN, mdl_optim_random_spd(H2, Q, lam, rq), same_m(Q, S),
        "mdl_optim_random_spd: A of the wrong size");
    {
      gsl_matrix *A34 = gsl_matrix_alloc(3, 4);
      gsl_matrix_set_all(A34, S);
      ERR(GSL_EBADLEN, mdl_optim_random_spd(A34, Q, lam, rq),
          same_m(A34, S) && same_m(Q, S),
          "mdl_optim_random_spd: A 3 x 4 for lambda of length 3 (rows right)");
      gsl_matrix_free(A34);
    }
    ERR(GSL_EBADLEN, mdl_optim_random_spd(H, H2, lam, rq), same_m(H, S),
        "mdl_optim_random_spd: Q of the wrong size");
    gsl_vector_set(lam, 1, -1.0);
    ERR(GSL_EDOM, mdl_optim_random_spd(H, Q, lam, rq),
        same_m(H, S) && same_m(Q, S), "mdl_optim_random_spd: negative eigenvalue");
    gsl_vector_set(lam, 1, NAN);
    ERR(GSL_EDOM, mdl_optim_random_spd(H, Q, lam, rq),
        same_m(H, S) && same_m(Q, S), "mdl_optim_random_spd: NaN eigenvalue");
    gsl_vector_free(lam);
    gsl_rng_free(rq);
    gsl_matrix_free(H);
    gsl_matrix_free(H2);
    gsl_matrix_free(Q);
    gsl_vector_free(th);
    gsl_vector_free(g);
    gsl_vector_free(th2);
    gsl_vector_free(g2);
#line 8698 "chapters/01-optimization.nw"
  }
#line 9081 "chapters/01-optimization.nw"
  static void test_optim_bad_input(void **state)
  {
    (void)state;
    const double S = -7.125;
    gsl_vector e = claim_empty_vector();
    gsl_vector *th = gsl_vector_alloc(3), *g = gsl_vector_alloc(3);
    double norm = S;
    mdl_optim_params good = {.lr = 0.1, .momentum = 0.5};
    mdl_optim *opt = mdl_optim_alloc(mdl_optim_heavy_ball, 3, &good);
    ERR(GSL_EINVAL, mdl_optim_set_lr(opt, HUGE_VAL), 1, "mdl_optim_set_lr: lr = inf");
    ERR(GSL_EBADLEN, mdl_optim_clip_norm(&e, 1, &norm), norm == S,
        "mdl_optim_clip_norm: an empty vector");
    ERR(GSL_EBADLEN, mdl_optim_project_ball(&e, NULL, 1), 1,
        "mdl_optim_project_ball: an empty vector");
    gsl_vector_set_all(th, 0.5);
    gsl_vector_set(th, 1, NAN);
    ERR(GSL_EDOM, mdl_optim_project_ball(th, NULL, 1), isnan(gsl_vector_get(th, 1))
        && gsl_vector_get(th, 0) == 0.5 && gsl_vector_get(th, 2) == 0.5,
        "mdl_optim_project_ball: x holds NaN");
    gsl_vector_set_all(g, S);
    ERR(GSL_EBADLEN, mdl_optim_average(&e, &e, 2), 1,
        "mdl_optim_average: empty vectors");
    ERR(GSL_EDOM, mdl_optim_average(g, th, 2), same(g, S),
        "mdl_optim_average: x holds NaN");
    {
      /* The contract: with k = 0 the average copies x, whatever avg held. */
      gsl_vector *av = gsl_vector_alloc(3), *xv = gsl_vector_alloc(3);
      gsl_vector_set_all(av, NAN);
      gsl_vector_set(xv, 0, 0.75);
      gsl_vector_set(xv, 1, -2.5);
      gsl_vector_set(xv, 2, 1e-300);
      assert_int_equal(mdl_optim_average(av, xv, 0), GSL_SUCCESS);
      assert_true(gsl_vector_equal(av, xv));
      gsl_vector_set_all(av, NAN);
      ERR(GSL_EDOM, mdl_optim_average(av, xv, 1),
          isnan(gsl_vector_get(av, 0)) && isnan(gsl_vector_get(av, 2)),
          "mdl_optim_average: avg holds NaN at k = 1");
      /* Three steps give the mean of three vectors; these values make every
         operation exact, so the comparison is exact. */
      const double xs3[3][3] = {{1, 2, 4}, {3, -2, 0}, {5, 3, 2}};
      for (size_t k = 0; k < 3; k++) {
        for (size_t j = 0; j < 3; j++)
          gsl_vector_set(xv, j, xs3[k][j]);
        assert_int_equal(mdl_optim_average(av, xv, k), GSL_SUCCESS);
      }
      assert_true(gsl_vector_get(av, 0) == 3 && gsl_vector_get(av, 1) == 1
                  && gsl_vector_get(av, 2) == 2);
      /* Nothing is written past the end of avg: a view of the first three
         entries of four leaves the fourth alone. */
      gsl_vector *big = gsl_vector_alloc(4);
      gsl_vector_set_all(big, S);
      gsl_vector_view head = gsl_vector_subvector(big, 0, 3);
      assert_int_equal(mdl_optim_average(&head.vector, xv, 0), GSL_SUCCESS);
      assert_true(gsl_vector_get(big, 3) == S);
      gsl_vector_free(big);
      gsl_vector_free(av);
      gsl_vector_free(xv);
    }
    mdl_optim_finite_sum fs = {good_term, 5, 3, NULL};
    ERR(GSL_EDOM, mdl_optim_full_gradient(&fs, th, g), same(g, S),
        "mdl_optim_full_gradient: x holds NaN");
    mdl_optim_sampler *smp = mdl_optim_sampler_alloc(&fs, 2, 0);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    ERR(GSL_EDOM, mdl_optim_sampler_minibatch(smp, th, r, g), same(g, S),
        "mdl_optim_sampler_minibatch: x holds NaN");
    ERR(GSL_EDOM, mdl_optim_sampler_snapshot(smp, th), 1,
        "mdl_optim_sampler_snapshot: x holds NaN");
    gsl_vector_set_all(th, 0.25);
    mdl_optim_sampler_snapshot(smp, th);
    gsl_vector_set(th, 0, -HUGE_VAL);
    ERR(GSL_EDOM, mdl_optim_sampler_svrg(smp, th, r, g), same(g, S),
        "mdl_optim_sampler_svrg: x holds -inf");
    ERR(GSL_EDOM, mdl_optim_svrg_epoch(smp, opt, th, 4, MDL_OPTIM_SVRG_LAST, r),
        gsl_vector_get(th, 0) == -HUGE_VAL && mdl_optim_steps(opt) == 0,
        "mdl_optim_svrg_epoch: x holds -inf");
    gsl_matrix *H = gsl_matrix_alloc(3, 3);
    gsl_matrix_set_identity(H);
    gsl_vector_set_all(th, S);
    gsl_vector_set_all(g, 0.5);
    gsl_vector_set(g, 2, NAN);
    ERR(GSL_EDOM, mdl_optim_newton_step(th, g, H), same(th, S),
        "mdl_optim_newton_step: grad holds NaN");
    gsl_vector_set(g, 2, 0.5);
    gsl_vector_set(th, 2, HUGE_VAL);
    ERR(GSL_EDOM, mdl_optim_newton_step(th, g, H), gsl_vector_get(th, 2) == HUGE_VAL
        && gsl_vector_get(th, 0) == S, "mdl_optim_newton_step: x holds inf");
    gsl_matrix E = claim_empty_matrix(0, 0);
    ERR(GSL_EBADLEN, mdl_optim_newton_step(&e, &e, &E), 1,
        "mdl_optim_newton_step: an empty problem");
    gsl_matrix *Q = gsl_matrix_alloc(3, 3);
    gsl_vector *lam = gsl_vector_alloc(3);
    gsl_vector_set_all(lam, 2.0);
    gsl_vector_set(lam, 0, HUGE_VAL);
    gsl_matrix_set_all(H, S);
    gsl_matrix_set_all(Q, S);
    ERR(GSL_EDOM, mdl_optim_random_spd(H, Q, lam, r), same_m(H, S) && same_m(Q, S),
        "mdl_optim_random_spd: an infinite eigenvalue");
    ERR(GSL_EBADLEN, mdl_optim_random_spd(&E, &E, &e, r), 1,
        "mdl_optim_random_spd: an empty matrix");
    mdl_optim_free(NULL);
    mdl_optim_sampler_free(NULL);
    CLAIM(.id = "optim.errors", .kind = CLAIM_IDENTITY, .measured = 1,
          .reference = 1, .tolerance = 0, .note = "mdl_optim_free: NULL does nothing");
    CLAIM(.id = "optim.errors", .kind = CLAIM_IDENTITY, .measured = 1,
          .reference = 1, .tolerance = 0,
          .note = "mdl_optim_sampler_free: NULL does nothing");
    mdl_optim_sampler_free(smp);
    mdl_optim_free(opt);
    gsl_rng_free(r);
    gsl_matrix_free(H);
    gsl_matrix_free(Q);
    gsl_vector_free(lam);
    gsl_vector_free(th);
    gsl_vector_free(g);
  }

#line 1622 "chapters/01-optimization.nw"
  int main(void)
  {
    const struct CMUnitTest tests[] = {
#line 1787 "chapters/01-optimization.nw"
      cmocka_unit_test(test_update_rules),
      cmocka_unit_test(test_update_threads),
#line 1953 "chapters/01-optimization.nw"
      cmocka_unit_test(test_heavy_ball_forms),
#line 2043 "chapters/01-optimization.nw"
      cmocka_unit_test(test_weight_decay),
#line 2117 "chapters/01-optimization.nw"
      cmocka_unit_test(test_amsgrad_monotone),
#line 2757 "chapters/01-optimization.nw"
      cmocka_unit_test(test_descent_lemma),
#line 2835 "chapters/01-optimization.nw"
      cmocka_unit_test(test_smoothness_converse),
#line 3134 "chapters/01-optimization.nw"
      cmocka_unit_test(test_gd_rates),
#line 3246 "chapters/01-optimization.nw"
      cmocka_unit_test(test_gd_value_rate),
#line 3284 "chapters/01-optimization.nw"
      cmocka_unit_test(test_gd_divergence),
#line 3406 "chapters/01-optimization.nw"
      cmocka_unit_test(test_pl),
#line 3539 "chapters/01-optimization.nw"
      cmocka_unit_test(test_nesterov_forms),
#line 3762 "chapters/01-optimization.nw"
      cmocka_unit_test(test_nesterov_rate),
#line 4128 "chapters/01-optimization.nw"
      cmocka_unit_test(test_sqrt_kappa),
      cmocka_unit_test(test_heavy_ball_radius),
#line 4284 "chapters/01-optimization.nw"
      cmocka_unit_test(test_random_spd),
#line 4619 "chapters/01-optimization.nw"
      cmocka_unit_test(test_reddi),
#line 5004 "chapters/01-optimization.nw"
      cmocka_unit_test(test_ridge),
#line 5154 "chapters/01-optimization.nw"
      cmocka_unit_test(test_early_stopping),
#line 5388 "chapters/01-optimization.nw"
      cmocka_unit_test(test_projection),
#line 5514 "chapters/01-optimization.nw"
      cmocka_unit_test(test_projected_gd),
#line 5603 "chapters/01-optimization.nw"
      cmocka_unit_test(test_clipping),
#line 5693 "chapters/01-optimization.nw"
      cmocka_unit_test(test_sign_steepest),
#line 5725 "chapters/01-optimization.nw"
      cmocka_unit_test(test_sign_zero),
#line 6270 "chapters/01-optimization.nw"
      cmocka_unit_test(test_minibatch_variance),
#line 6428 "chapters/01-optimization.nw"
      cmocka_unit_test(test_sgd_bound),
#line 6674 "chapters/01-optimization.nw"
      cmocka_unit_test(test_svrg),
#line 6842 "chapters/01-optimization.nw"
      cmocka_unit_test(test_averaging),
#line 7242 "chapters/01-optimization.nw"
      cmocka_unit_test(test_newton_quadratic),
#line 7379 "chapters/01-optimization.nw"
      cmocka_unit_test(test_newton_local),
#line 7565 "chapters/01-optimization.nw"
      cmocka_unit_test(test_homogeneity),
#line 7696 "chapters/01-optimization.nw"
      cmocka_unit_test(test_nuclear),
#line 7949 "chapters/01-optimization.nw"
      cmocka_unit_test(test_factorised),
#line 8184 "chapters/01-optimization.nw"
      cmocka_unit_test(test_linear_autoencoder),
#line 8605 "chapters/01-optimization.nw"
      cmocka_unit_test(test_saxe),
#line 8702 "chapters/01-optimization.nw"
      cmocka_unit_test(test_optim_errors),
#line 9199 "chapters/01-optimization.nw"
      cmocka_unit_test(test_optim_bad_input),
#line 1626 "chapters/01-optimization.nw"
    };
    claim_init();
    return cmocka_run_group_tests_name("optim", tests, NULL, NULL);
  }
