#line 195 "chapters/06-vae.nw"
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_nan.h>
#include <gsl/gsl_randist.h>
#include <mdl/vae.h>
#line 211 "chapters/06-vae.nw"
static int finite_vec(const gsl_vector *v)
{
  for (size_t i = 0; i < v->size; i++)
    if (!isfinite(gsl_vector_get(v, i)))
      return 0;
  return 1;
}

static int finite_mat(const gsl_matrix *m)
{
  for (size_t i = 0; i < m->size1; i++)
    for (size_t j = 0; j < m->size2; j++)
      if (!isfinite(gsl_matrix_get(m, i, j)))
        return 0;
  return 1;
}

static int check_pair(const char *fn, const gsl_vector *mu,
                      const gsl_vector *logvar, const gsl_vector *x)
{
  char msg[160];
  if (mu == NULL || logvar == NULL) {
    snprintf(msg, sizeof msg, "%s: mu and logvar must not be NULL", fn);
    GSL_ERROR(msg, GSL_EFAULT);
  }
  if (mu->size == 0 || logvar->size != mu->size ||
      (x != NULL && x->size != mu->size)) {
    snprintf(msg, sizeof msg,
             "%s: mu has %zu entries, logvar %zu%s, expected equal", fn,
             mu->size, logvar->size, x != NULL ? " and the third vector" : "");
    GSL_ERROR(msg, GSL_EBADLEN);
  }
  if (!finite_vec(mu) || !finite_vec(logvar) || (x != NULL && !finite_vec(x))) {
    snprintf(msg, sizeof msg, "%s: an entry of mu, logvar or x is not finite",
             fn);
    GSL_ERROR(msg, GSL_EDOM);
  }
  return GSL_SUCCESS;
}
#line 253 "chapters/06-vae.nw"
double mdl_vae_diag_normal_logpdf(const gsl_vector *x, const gsl_vector *mu,
                                  const gsl_vector *logvar)
{
  if (x == NULL) {
    GSL_ERROR_VAL("mdl_vae_diag_normal_logpdf: x must not be NULL", GSL_EFAULT,
                  GSL_NAN);
  }
  if (check_pair("mdl_vae_diag_normal_logpdf", mu, logvar, x))
    return GSL_NAN;
  double s = 0;
  for (size_t j = 0; j < mu->size; j++) {
    double lv = gsl_vector_get(logvar, j);
    double d = gsl_vector_get(x, j) - gsl_vector_get(mu, j);
    s += M_LN2 + M_LNPI + lv + d * d * exp(-lv);
  }
  return -0.5 * s;
}

int mdl_vae_reparameterize(const gsl_vector *mu, const gsl_vector *logvar,
                           const gsl_vector *eps, gsl_vector *z)
{
  if (eps == NULL || z == NULL)
    GSL_ERROR("mdl_vae_reparameterize: eps and z must not be NULL", GSL_EFAULT);
  int status = check_pair("mdl_vae_reparameterize", mu, logvar, eps);
  if (status)
    return status;
  if (z->size != mu->size) {
    char msg[120];
    snprintf(msg, sizeof msg,
             "mdl_vae_reparameterize: z has %zu entries, expected %zu",
             z->size, mu->size);
    GSL_ERROR(msg, GSL_EBADLEN);
  }
  for (size_t j = 0; j < mu->size; j++)
    gsl_vector_set(z, j,
                   gsl_vector_get(mu, j) +
                       exp(0.5 * gsl_vector_get(logvar, j)) *
                           gsl_vector_get(eps, j));
  return GSL_SUCCESS;
}

int mdl_vae_diag_normal_sample(const gsl_vector *mu, const gsl_vector *logvar,
                               const gsl_rng *r, gsl_vector *eps,
                               gsl_vector *z)
{
  if (r == NULL || eps == NULL || z == NULL)
    GSL_ERROR("mdl_vae_diag_normal_sample: r, eps and z must not be NULL",
              GSL_EFAULT);
  int status = check_pair("mdl_vae_diag_normal_sample", mu, logvar, NULL);
  if (status)
    return status;
  if (eps->size != mu->size || z->size != mu->size) {
    char msg[160];
    snprintf(msg, sizeof msg,
             "mdl_vae_diag_normal_sample: eps has %zu entries and z %zu,"
             " expected %zu",
             eps->size, z->size, mu->size);
    GSL_ERROR(msg, GSL_EBADLEN);
  }
  for (size_t j = 0; j < mu->size; j++)
    gsl_vector_set(eps, j, gsl_ran_gaussian_ziggurat(r, 1.0));
  return mdl_vae_reparameterize(mu, logvar, eps, z);
}
#line 323 "chapters/06-vae.nw"
static double kl_term(double mu1, double lv1, double mu2, double lv2)
{
  double d = lv1 - lv2, dm = mu1 - mu2;
  return expm1(d) - d + (dm == 0 ? 0 : dm * dm * exp(-lv2));
}

double mdl_vae_kl_diag_normal(const gsl_vector *mu, const gsl_vector *logvar)
{
  if (check_pair("mdl_vae_kl_diag_normal", mu, logvar, NULL))
    return GSL_NAN;
  double s = 0;
  for (size_t j = 0; j < mu->size; j++)
    s += kl_term(gsl_vector_get(mu, j), gsl_vector_get(logvar, j), 0, 0);
  return 0.5 * s;
}

double mdl_vae_kl_diag_normals(const gsl_vector *mu1, const gsl_vector *logvar1,
                               const gsl_vector *mu2, const gsl_vector *logvar2)
{
  if (check_pair("mdl_vae_kl_diag_normals", mu1, logvar1, NULL) ||
      check_pair("mdl_vae_kl_diag_normals", mu2, logvar2, mu1))
    return GSL_NAN;
  double s = 0;
  for (size_t j = 0; j < mu1->size; j++)
    s += kl_term(gsl_vector_get(mu1, j), gsl_vector_get(logvar1, j),
                 gsl_vector_get(mu2, j), gsl_vector_get(logvar2, j));
  return 0.5 * s;
}
#line 892 "chapters/06-vae.nw"
static int check_model(const char *fn, const gsl_matrix *W,
                       const gsl_vector *mu, const gsl_vector *psi,
                       size_t n_data, int mu_out)
{
  char msg[200];
  if (W == NULL || mu == NULL || psi == NULL) {
    snprintf(msg, sizeof msg, "%s: W, mu and psi must not be NULL", fn);
    GSL_ERROR(msg, GSL_EFAULT);
  }
  size_t n = W->size1;
  if (n == 0 || W->size2 == 0 || mu->size != n || psi->size != n ||
      n_data != n) {
    snprintf(msg, sizeof msg,
             "%s: W has %zu rows, mu %zu entries, psi %zu and the data %zu,"
             " expected equal",
             fn, n, mu->size, psi->size, n_data);
    GSL_ERROR(msg, GSL_EBADLEN);
  }
  if (!finite_mat(W) || (!mu_out && !finite_vec(mu)) || !finite_vec(psi)) {
    snprintf(msg, sizeof msg, "%s: an entry of W, mu or psi is not finite", fn);
    GSL_ERROR(msg, GSL_EDOM);
  }
  for (size_t i = 0; i < n; i++)
    if (!(gsl_vector_get(psi, i) > 0)) {
      snprintf(msg, sizeof msg, "%s: psi[%zu] = %g is not positive", fn, i,
               gsl_vector_get(psi, i));
      GSL_ERROR(msg, GSL_EDOM);
    }
  return GSL_SUCCESS;
}
#line 929 "chapters/06-vae.nw"
static int fa_cholesky(const gsl_matrix *W, const gsl_vector *psi,
                       gsl_matrix *C)
{
  gsl_blas_dsyrk(CblasLower, CblasNoTrans, 1.0, W, 0.0, C);
  for (size_t i = 0; i < C->size1; i++)
    *gsl_matrix_ptr(C, i, i) += gsl_vector_get(psi, i);
  gsl_error_handler_t *old = gsl_set_error_handler_off();
  int status = gsl_linalg_cholesky_decomp1(C);
  gsl_set_error_handler(old);
  if (status)
    return GSL_ESING;
  for (size_t i = 0; i < C->size1; i++)
    if (!(gsl_matrix_get(C, i, i) > 0))
      return GSL_ESING;
  return GSL_SUCCESS;
}

static double fa_loglik_factored(const gsl_matrix *L, const gsl_matrix *X,
                                 const gsl_vector *mu, gsl_matrix *Dt)
{
  size_t n = L->size1, N = X->size1;
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < n; j++)
      gsl_matrix_set(Dt, j, i, gsl_matrix_get(X, i, j) - gsl_vector_get(mu, j));
  gsl_blas_dtrsm(CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, 1.0, L, Dt);
  double logdet = 0, quad = 0;
  for (size_t j = 0; j < n; j++) {
    logdet += log(gsl_matrix_get(L, j, j));
    gsl_vector_view row = gsl_matrix_row(Dt, j);
    double r = gsl_blas_dnrm2(&row.vector);
    quad += r * r;
  }
  return -0.5 * ((double)N * ((double)n * (M_LN2 + M_LNPI) + 2 * logdet) +
                 quad);
}

int mdl_vae_fa_loglik(const gsl_matrix *X, const gsl_matrix *W,
                      const gsl_vector *mu, const gsl_vector *psi,
                      double *loglik)
{
  if (X == NULL || loglik == NULL)
    GSL_ERROR("mdl_vae_fa_loglik: X and loglik must not be NULL", GSL_EFAULT);
  int status = check_model("mdl_vae_fa_loglik", W, mu, psi, X->size2, 0);
  if (status)
    return status;
  if (X->size1 == 0)
    GSL_ERROR("mdl_vae_fa_loglik: X has no rows", GSL_EBADLEN);
  if (!finite_mat(X))
    GSL_ERROR("mdl_vae_fa_loglik: an entry of X is not finite", GSL_EDOM);
  size_t n = W->size1;
  gsl_matrix *C = gsl_matrix_alloc(n, n), *Dt = gsl_matrix_alloc(n, X->size1);
  if (C == NULL || Dt == NULL) {
    gsl_matrix_free(C);
    gsl_matrix_free(Dt);
    GSL_ERROR("mdl_vae_fa_loglik: cannot allocate", GSL_ENOMEM);
  }
  status = fa_cholesky(W, psi, C);
  if (status == GSL_SUCCESS)
    *loglik = fa_loglik_factored(C, X, mu, Dt);
  gsl_matrix_free(C);
  gsl_matrix_free(Dt);
  if (status)
    GSL_ERROR("mdl_vae_fa_loglik: W W^T + diag(psi) is numerically singular",
              GSL_ESING);
  return GSL_SUCCESS;
}
#line 1003 "chapters/06-vae.nw"
static int fa_posterior_work(const gsl_vector *x, const gsl_matrix *W,
                             const gsl_vector *mu, const gsl_vector *psi,
                             gsl_matrix *Ws, gsl_matrix *M, gsl_vector *r,
                             gsl_vector *mean, gsl_matrix *cov)
{
  size_t n = W->size1;
  gsl_matrix_memcpy(Ws, W);
  for (size_t i = 0; i < n; i++) {
    double s = 1 / sqrt(gsl_vector_get(psi, i));
    gsl_vector_view row = gsl_matrix_row(Ws, i);
    gsl_vector_scale(&row.vector, s);
    gsl_vector_set(r, i, (gsl_vector_get(x, i) - gsl_vector_get(mu, i)) * s);
  }
  gsl_matrix_set_identity(M);
  gsl_blas_dsyrk(CblasLower, CblasTrans, 1.0, Ws, 1.0, M);
  gsl_error_handler_t *old = gsl_set_error_handler_off();
  int status = gsl_linalg_cholesky_decomp1(M);
  if (status == GSL_SUCCESS) {
    gsl_blas_dgemv(CblasTrans, 1.0, Ws, r, 0.0, mean);
    status = gsl_linalg_cholesky_svx(M, mean);
  }
  if (status == GSL_SUCCESS && cov != NULL) {
    status = gsl_linalg_cholesky_invert(M);
    if (status == GSL_SUCCESS)
      gsl_matrix_memcpy(cov, M);
  }
  gsl_set_error_handler(old);
  return status ? GSL_ESING : GSL_SUCCESS;
}

int mdl_vae_fa_posterior(const gsl_vector *x, const gsl_matrix *W,
                         const gsl_vector *mu, const gsl_vector *psi,
                         gsl_vector *mean, gsl_matrix *cov)
{
  if (x == NULL || mean == NULL || cov == NULL)
    GSL_ERROR("mdl_vae_fa_posterior: x, mean and cov must not be NULL",
              GSL_EFAULT);
  int status = check_model("mdl_vae_fa_posterior", W, mu, psi, x->size, 0);
  if (status)
    return status;
  size_t n = W->size1, m = W->size2;
  if (mean->size != m || cov->size1 != m || cov->size2 != m) {
    char msg[160];
    snprintf(msg, sizeof msg,
             "mdl_vae_fa_posterior: mean has %zu entries and cov is %zux%zu,"
             " expected %zu and %zux%zu",
             mean->size, cov->size1, cov->size2, m, m, m);
    GSL_ERROR(msg, GSL_EBADLEN);
  }
  if (!finite_vec(x))
    GSL_ERROR("mdl_vae_fa_posterior: an entry of x is not finite", GSL_EDOM);
  gsl_matrix *Ws = gsl_matrix_alloc(n, m), *M = gsl_matrix_alloc(m, m);
  gsl_matrix *Mc = gsl_matrix_alloc(m, m);
  gsl_vector *r = gsl_vector_alloc(n), *t = gsl_vector_alloc(m);
  if (Ws == NULL || M == NULL || Mc == NULL || r == NULL || t == NULL)
    status = GSL_ENOMEM;
  else
    status = fa_posterior_work(x, W, mu, psi, Ws, M, r, t, Mc);
  if (status == GSL_SUCCESS) {
    gsl_vector_memcpy(mean, t);
    gsl_matrix_memcpy(cov, Mc);
  }
  gsl_matrix_free(Ws);
  gsl_matrix_free(M);
  gsl_matrix_free(Mc);
  gsl_vector_free(r);
  gsl_vector_free(t);
  if (status == GSL_ENOMEM)
    GSL_ERROR("mdl_vae_fa_posterior: cannot allocate", GSL_ENOMEM);
  if (status)
    GSL_ERROR("mdl_vae_fa_posterior: I + W^T diag(psi)^-1 W is singular",
              GSL_ESING);
  return GSL_SUCCESS;
}
#line 1085 "chapters/06-vae.nw"
static int check_encoder(const char *fn, const gsl_vector *x,
                         const gsl_matrix *W, const gsl_vector *mu,
                         const gsl_vector *psi, const gsl_vector *qmu,
                         const gsl_vector *qlogvar)
{
  if (x == NULL)
    GSL_ERROR("the point x must not be NULL", GSL_EFAULT);
  int status = check_model(fn, W, mu, psi, x->size, 0);
  if (status)
    return status;
  status = check_pair(fn, qmu, qlogvar, NULL);
  if (status)
    return status;
  if (qmu->size != W->size2) {
    char msg[160];
    snprintf(msg, sizeof msg, "%s: q has %zu entries, W has %zu columns", fn,
             qmu->size, W->size2);
    GSL_ERROR(msg, GSL_EBADLEN);
  }
  if (!finite_vec(x)) {
    char msg[120];
    snprintf(msg, sizeof msg, "%s: an entry of x is not finite", fn);
    GSL_ERROR(msg, GSL_EDOM);
  }
  return GSL_SUCCESS;
}

int mdl_vae_fa_elbo(const gsl_vector *x, const gsl_matrix *W,
                    const gsl_vector *mu, const gsl_vector *psi,
                    const gsl_vector *qmu, const gsl_vector *qlogvar,
                    double *elbo)
{
  if (elbo == NULL)
    GSL_ERROR("mdl_vae_fa_elbo: elbo must not be NULL", GSL_EFAULT);
  int status = check_encoder("mdl_vae_fa_elbo", x, W, mu, psi, qmu, qlogvar);
  if (status)
    return status;
  size_t n = W->size1, m = W->size2;
  gsl_vector *r = gsl_vector_alloc(n);
  if (r == NULL)
    GSL_ERROR("mdl_vae_fa_elbo: cannot allocate", GSL_ENOMEM);
  gsl_vector_memcpy(r, x);
  gsl_vector_sub(r, mu);
  gsl_blas_dgemv(CblasNoTrans, -1.0, W, qmu, 1.0, r);
  double s = 0;
  for (size_t i = 0; i < n; i++) {
    double p = gsl_vector_get(psi, i), ri = gsl_vector_get(r, i), t = 0;
    for (size_t j = 0; j < m; j++) {
      double w = gsl_matrix_get(W, i, j);
      t += w * w * exp(gsl_vector_get(qlogvar, j));
    }
    s += M_LN2 + M_LNPI + log(p) + (ri * ri + t) / p;
  }
  gsl_vector_free(r);
  *elbo = -0.5 * s - mdl_vae_kl_diag_normal(qmu, qlogvar);
  return GSL_SUCCESS;
}
#line 1150 "chapters/06-vae.nw"
int mdl_vae_fa_iwae(const gsl_vector *x, const gsl_matrix *W,
                    const gsl_vector *mu, const gsl_vector *psi,
                    const gsl_vector *qmu, const gsl_vector *qlogvar, size_t k,
                    const gsl_rng *r, double *bound)
{
  if (r == NULL || bound == NULL)
    GSL_ERROR("mdl_vae_fa_iwae: r and bound must not be NULL", GSL_EFAULT);
  int status = check_encoder("mdl_vae_fa_iwae", x, W, mu, psi, qmu, qlogvar);
  if (status)
    return status;
  if (k == 0)
    GSL_ERROR("mdl_vae_fa_iwae: k = 0 samples", GSL_EINVAL);
  size_t n = W->size1, m = W->size2;
  gsl_matrix *Z = gsl_matrix_alloc(k, m), *R = gsl_matrix_alloc(k, n);
  gsl_vector *logw = gsl_vector_alloc(k);
  if (Z == NULL || R == NULL || logw == NULL) {
    gsl_matrix_free(Z);
    gsl_matrix_free(R);
    gsl_vector_free(logw);
    GSL_ERROR("mdl_vae_fa_iwae: cannot allocate", GSL_ENOMEM);
  }
  double logpsi = 0;
  for (size_t i = 0; i < n; i++)
    logpsi += log(gsl_vector_get(psi, i));
  for (size_t l = 0; l < k; l++) {
    double lw = 0;
    for (size_t j = 0; j < m; j++) {
      double e = gsl_ran_gaussian_ziggurat(r, 1.0);
      double lv = gsl_vector_get(qlogvar, j);
      double z = gsl_vector_get(qmu, j) + exp(0.5 * lv) * e;
      gsl_matrix_set(Z, l, j, z);
      lw += lv + e * e - z * z;
    }
    gsl_vector_set(logw, l, 0.5 * lw);
    for (size_t i = 0; i < n; i++)
      gsl_matrix_set(R, l, i, gsl_vector_get(x, i) - gsl_vector_get(mu, i));
  }
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, -1.0, Z, W, 1.0, R);
  double big = GSL_NEGINF;
  for (size_t l = 0; l < k; l++) {
    double q = 0;
    for (size_t i = 0; i < n; i++) {
      double d = gsl_matrix_get(R, l, i);
      q += d * d / gsl_vector_get(psi, i);
    }
    double lw = gsl_vector_get(logw, l) -
                0.5 * ((double)n * (M_LN2 + M_LNPI) + logpsi + q);
    gsl_vector_set(logw, l, lw);
    big = fmax(big, lw);
  }
  double s = 0;
  for (size_t l = 0; l < k; l++)
    s += exp(gsl_vector_get(logw, l) - big);
  *bound = big + log(s / (double)k);
  gsl_matrix_free(Z);
  gsl_matrix_free(R);
  gsl_vector_free(logw);
  return GSL_SUCCESS;
}
#line 1214 "chapters/06-vae.nw"
static int data_moments(const char *fn, const gsl_matrix *X, gsl_vector *xbar,
                        gsl_matrix *S)
{
  size_t N = X->size1, n = X->size2;
  if (!finite_mat(X)) {
    char msg[120];
    snprintf(msg, sizeof msg, "%s: an entry of X is not finite", fn);
    GSL_ERROR(msg, GSL_EDOM);
  }
  gsl_matrix *D = gsl_matrix_alloc(N, n);
  if (D == NULL)
    GSL_ERROR("cannot allocate the centred data", GSL_ENOMEM);
  gsl_vector_set_zero(xbar);
  for (size_t i = 0; i < N; i++) {
    gsl_vector_const_view row = gsl_matrix_const_row(X, i);
    gsl_vector_add(xbar, &row.vector);
  }
  gsl_vector_scale(xbar, 1 / (double)N);
  gsl_matrix_memcpy(D, X);
  for (size_t i = 0; i < N; i++) {
    gsl_vector_view row = gsl_matrix_row(D, i);
    gsl_vector_sub(&row.vector, xbar);
  }
  gsl_blas_dsyrk(CblasLower, CblasTrans, 1 / (double)N, D, 0.0, S);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < i; j++)
      gsl_matrix_set(S, j, i, gsl_matrix_get(S, i, j));
  gsl_matrix_free(D);
  return GSL_SUCCESS;
}
#line 1254 "chapters/06-vae.nw"
int mdl_vae_ppca_mle(const gsl_matrix *X, size_t m, gsl_matrix *W,
                     gsl_vector *mu, double *sigma2)
{
  if (X == NULL || W == NULL || mu == NULL || sigma2 == NULL)
    GSL_ERROR("mdl_vae_ppca_mle: X, W, mu and sigma2 must not be NULL",
              GSL_EFAULT);
  size_t N = X->size1, n = X->size2;
  char msg[200];
  if (m == 0 || m >= n) {
    snprintf(msg, sizeof msg,
             "mdl_vae_ppca_mle: m = %zu latent dimensions, expected 1 to %zu",
             m, n - 1);
    GSL_ERROR(msg, GSL_EINVAL);
  }
  if (W->size1 != n || W->size2 != m || mu->size != n) {
    snprintf(msg, sizeof msg,
             "mdl_vae_ppca_mle: W is %zux%zu and mu has %zu entries,"
             " expected %zux%zu and %zu",
             W->size1, W->size2, mu->size, n, m, n);
    GSL_ERROR(msg, GSL_EBADLEN);
  }
  if (N < 2) {
    snprintf(msg, sizeof msg, "mdl_vae_ppca_mle: X has %zu rows, expected 2"
             " or more", N);
    GSL_ERROR(msg, GSL_EINVAL);
  }
  gsl_matrix *S = gsl_matrix_alloc(n, n), *U = gsl_matrix_alloc(n, n);
  gsl_vector *lambda = gsl_vector_alloc(n), *xbar = gsl_vector_alloc(n);
  gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc(n);
  int status = GSL_SUCCESS;
  if (S == NULL || U == NULL || lambda == NULL || xbar == NULL || ws == NULL)
    status = GSL_ENOMEM;
  else
    status = data_moments("mdl_vae_ppca_mle", X, xbar, S);
  double s2 = 0;
  if (status == GSL_SUCCESS) {
    gsl_eigen_symmv(S, lambda, U, ws);
    gsl_eigen_symmv_sort(lambda, U, GSL_EIGEN_SORT_VAL_DESC);
    for (size_t j = m; j < n; j++)
      s2 += gsl_vector_get(lambda, j);
    s2 /= (double)(n - m);
    if (!(s2 > 64 * (double)n * DBL_EPSILON / 2 * gsl_vector_get(lambda, 0)))
      status = GSL_ESING;
  }
  if (status == GSL_SUCCESS) {
    for (size_t j = 0; j < m; j++) {
      gsl_vector_view u = gsl_matrix_column(U, j);
      size_t big = gsl_blas_idamax(&u.vector);
      double scale = sqrt(fmax(0.0, gsl_vector_get(lambda, j) - s2));
      if (gsl_vector_get(&u.vector, big) < 0)
        scale = -scale;
      for (size_t i = 0; i < n; i++)
        gsl_matrix_set(W, i, j, scale * gsl_matrix_get(U, i, j));
    }
    gsl_vector_memcpy(mu, xbar);
    *sigma2 = s2;
  }
  gsl_matrix_free(S);
  gsl_matrix_free(U);
  gsl_vector_free(lambda);
  gsl_vector_free(xbar);
  if (ws != NULL)
    gsl_eigen_symmv_free(ws);
  if (status == GSL_ENOMEM)
    GSL_ERROR("mdl_vae_ppca_mle: cannot allocate", GSL_ENOMEM);
  if (status == GSL_ESING) {
    snprintf(msg, sizeof msg,
             "mdl_vae_ppca_mle: sigma^2 = %g: the data lie in an affine"
             " subspace of dimension <= m = %zu, the likelihood is unbounded",
             s2, m);
    GSL_ERROR(msg, GSL_ESING);
  }
  return status;
}
#line 1335 "chapters/06-vae.nw"
static int em_step(const gsl_matrix *S, int isotropic, gsl_matrix *W,
                   gsl_vector *psi, gsl_matrix *M, gsl_matrix *beta,
                   gsl_matrix *B, gsl_matrix *A)
{
  size_t n = W->size1, m = W->size2;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < m; j++)
      gsl_matrix_set(beta, j, i,
                     gsl_matrix_get(W, i, j) / gsl_vector_get(psi, i));
  gsl_matrix_set_identity(M);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, beta, W, 1.0, M);
  if (gsl_linalg_cholesky_decomp1(M) || gsl_linalg_cholesky_invert(M))
    return GSL_ESING;
  gsl_matrix_memcpy(B, beta);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, M, B, 0.0, beta);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, beta, S, 0.0, B);
  gsl_matrix_memcpy(A, M);
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, B, beta, 1.0, A);
  if (gsl_linalg_cholesky_decomp1(A))
    return GSL_ESING;
  for (size_t i = 0; i < n; i++) {
    gsl_vector_view b = gsl_matrix_column(B, i);
    gsl_vector_view w = gsl_matrix_row(W, i);
    gsl_vector_memcpy(&w.vector, &b.vector);
    gsl_linalg_cholesky_svx(A, &w.vector);
  }
  double mean = 0;
  for (size_t i = 0; i < n; i++) {
    gsl_vector_view w = gsl_matrix_row(W, i);
    gsl_vector_view b = gsl_matrix_column(B, i);
    double d;
    gsl_blas_ddot(&w.vector, &b.vector, &d);
    gsl_vector_set(psi, i, gsl_matrix_get(S, i, i) - d);
    mean += gsl_matrix_get(S, i, i) - d;
  }
  if (isotropic)
    gsl_vector_set_all(psi, mean / (double)n);
  for (size_t i = 0; i < n; i++)
    if (!(gsl_vector_get(psi, i) > 0))
      return GSL_ESING;
  return GSL_SUCCESS;
}

int mdl_vae_fa_em(const gsl_matrix *X, size_t iters, int isotropic,
                  gsl_matrix *W, gsl_vector *mu, gsl_vector *psi)
{
  if (X == NULL)
    GSL_ERROR("mdl_vae_fa_em: X must not be NULL", GSL_EFAULT);
  int status = check_model("mdl_vae_fa_em", W, mu, psi, X->size2, 1);
  if (status)
    return status;
  size_t N = X->size1, n = W->size1, m = W->size2;
  if (N < 2)
    GSL_ERROR("mdl_vae_fa_em: X has fewer than 2 rows", GSL_EINVAL);
  if (isotropic)
    for (size_t i = 1; i < n; i++)
      if (gsl_vector_get(psi, i) != gsl_vector_get(psi, 0))
        GSL_ERROR("mdl_vae_fa_em: isotropic, but psi has unequal entries",
                  GSL_EINVAL);
  gsl_matrix *S = gsl_matrix_alloc(n, n), *Wt = gsl_matrix_alloc(n, m);
  gsl_matrix *M = gsl_matrix_alloc(m, m), *A = gsl_matrix_alloc(m, m);
  gsl_matrix *beta = gsl_matrix_alloc(m, n), *B = gsl_matrix_alloc(m, n);
  gsl_vector *xbar = gsl_vector_alloc(n), *pt = gsl_vector_alloc(n);
  if (S == NULL || Wt == NULL || M == NULL || A == NULL || beta == NULL ||
      B == NULL || xbar == NULL || pt == NULL)
    status = GSL_ENOMEM;
  else
    status = data_moments("mdl_vae_fa_em", X, xbar, S);
  if (status == GSL_SUCCESS) {
    gsl_matrix_memcpy(Wt, W);
    gsl_vector_memcpy(pt, psi);
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    for (size_t t = 0; t < iters && status == GSL_SUCCESS; t++)
      status = em_step(S, isotropic, Wt, pt, M, beta, B, A);
    gsl_set_error_handler(old);
  }
  if (status == GSL_SUCCESS) {
    gsl_matrix_memcpy(W, Wt);
    gsl_vector_memcpy(psi, pt);
    gsl_vector_memcpy(mu, xbar);
  }
  gsl_matrix_free(S);
  gsl_matrix_free(Wt);
  gsl_matrix_free(M);
  gsl_matrix_free(A);
  gsl_matrix_free(beta);
  gsl_matrix_free(B);
  gsl_vector_free(xbar);
  gsl_vector_free(pt);
  if (status == GSL_ENOMEM)
    GSL_ERROR("mdl_vae_fa_em: cannot allocate", GSL_ENOMEM);
  if (status == GSL_ESING)
    GSL_ERROR("mdl_vae_fa_em: a covariance of the EM step became singular",
              GSL_ESING);
  return status;
}
#line 3056 "chapters/06-vae.nw"
static int check_planar(const char *fn, const gsl_vector *u,
                        const gsl_vector *w, double b, const gsl_matrix *A,
                        const gsl_matrix *B, const gsl_vector *logdet)
{
  char msg[200];
  if (u == NULL || w == NULL || A == NULL || B == NULL || logdet == NULL) {
    snprintf(msg, sizeof msg, "%s: no argument may be NULL", fn);
    GSL_ERROR(msg, GSL_EFAULT);
  }
  if (u->size == 0 || A->size1 == 0 || w->size != u->size ||
      A->size2 != u->size || B->size2 != u->size || B->size1 != A->size1 ||
      logdet->size != A->size1) {
    snprintf(msg, sizeof msg,
             "%s: u has %zu entries, w %zu, the input is %zux%zu, the output"
             " %zux%zu and logdet %zu",
             fn, u->size, w->size, A->size1, A->size2, B->size1, B->size2,
             logdet->size);
    GSL_ERROR(msg, GSL_EBADLEN);
  }
  if (!finite_vec(u) || !finite_vec(w) || !isfinite(b) || !finite_mat(A)) {
    snprintf(msg, sizeof msg, "%s: an entry of u, w, b or the input is not"
             " finite", fn);
    GSL_ERROR(msg, GSL_EDOM);
  }
  return GSL_SUCCESS;
}

int mdl_vae_planar_forward(const gsl_vector *u, const gsl_vector *w, double b,
                           const gsl_matrix *Z, gsl_matrix *X,
                           gsl_vector *logdet)
{
  int status = check_planar("mdl_vae_planar_forward", u, w, b, Z, X, logdet);
  if (status)
    return status;
  size_t N = Z->size1;
  gsl_vector *h = gsl_vector_alloc(N);
  if (h == NULL)
    GSL_ERROR("mdl_vae_planar_forward: cannot allocate", GSL_ENOMEM);
  double c;
  gsl_blas_ddot(w, u, &c);
  gsl_vector_set_all(h, b);
  gsl_blas_dgemv(CblasNoTrans, 1.0, Z, w, 1.0, h);
  for (size_t i = 0; i < N; i++) {
    double t = tanh(gsl_vector_get(h, i));
    gsl_vector_set(h, i, t);
    gsl_vector_set(logdet, i, log(fabs(1 + (1 - t * t) * c)));
  }
  if (X != Z)
    gsl_matrix_memcpy(X, Z);
  gsl_blas_dger(1.0, h, u, X);
  gsl_vector_free(h);
  return GSL_SUCCESS;
}
#line 3125 "chapters/06-vae.nw"
static double planar_alpha(double y, double c, double b)
{
  double lo = y - fabs(c), hi = y + fabs(c), a = y - c * tanh(y + b);
  double width = DBL_EPSILON * (fabs(y) + fabs(c) + fabs(b));
  for (int it = 0; it < 200; it++) {
    double t = tanh(a + b), g = a + c * t - y;
    if (g == 0)
      return a;
    if (g < 0)
      lo = a;
    else
      hi = a;
    double next = a - g / (1 + c * (1 - t * t));
    if (!(next > lo && next < hi))
      next = 0.5 * (lo + hi);
    if (fabs(next - a) <= width || hi - lo <= width)
      return next;
    a = next;
  }
  return a;
}

int mdl_vae_planar_inverse(const gsl_vector *u, const gsl_vector *w, double b,
                           const gsl_matrix *X, gsl_matrix *Z,
                           gsl_vector *logdet)
{
  int status = check_planar("mdl_vae_planar_inverse", u, w, b, X, Z, logdet);
  if (status)
    return status;
  double c;
  gsl_blas_ddot(w, u, &c);
  if (c < -1) {
    char msg[120];
    snprintf(msg, sizeof msg,
             "mdl_vae_planar_inverse: w^T u = %g < -1, f is not invertible", c);
    GSL_ERROR(msg, GSL_EDOM);
  }
  size_t N = X->size1;
  gsl_vector *h = gsl_vector_alloc(N);
  if (h == NULL)
    GSL_ERROR("mdl_vae_planar_inverse: cannot allocate", GSL_ENOMEM);
  gsl_blas_dgemv(CblasNoTrans, 1.0, X, w, 0.0, h);
  for (size_t i = 0; i < N; i++) {
    double t = tanh(planar_alpha(gsl_vector_get(h, i), c, b) + b);
    gsl_vector_set(h, i, t);
    gsl_vector_set(logdet, i, -log(fabs(1 + (1 - t * t) * c)));
  }
  if (Z != X)
    gsl_matrix_memcpy(Z, X);
  gsl_blas_dger(-1.0, h, u, Z);
  gsl_vector_free(h);
  return GSL_SUCCESS;
}
#line 3183 "chapters/06-vae.nw"
static int coupling(const char *fn, mdl_net *st, size_t k, int parity,
                    const gsl_matrix *A, gsl_matrix *B, gsl_vector *logdet,
                    double sign)
{
  char msg[200];
  if (st == NULL || A == NULL || B == NULL || logdet == NULL) {
    snprintf(msg, sizeof msg, "%s: no argument may be NULL", fn);
    GSL_ERROR(msg, GSL_EFAULT);
  }
  size_t N = A->size1, d = A->size2;
  if (k == 0 || k >= d || (parity != 0 && parity != 1)) {
    snprintf(msg, sizeof msg,
             "%s: k = %zu and parity %d, expected 1 <= k < d = %zu and"
             " parity 0 or 1",
             fn, k, parity, d);
    GSL_ERROR(msg, GSL_EINVAL);
  }
  size_t depth = mdl_net_depth(st);
  if (N == 0 || B->size1 != N || B->size2 != d || logdet->size != N ||
      mdl_net_width(st, 0) != k || mdl_net_width(st, depth) != 2 * (d - k)) {
    snprintf(msg, sizeof msg,
             "%s: input %zux%zu, output %zux%zu, logdet %zu, network %zu -> "
             "%zu; expected the network %zu -> %zu",
             fn, N, d, B->size1, B->size2, logdet->size, mdl_net_width(st, 0),
             mdl_net_width(st, depth), k, 2 * (d - k));
    GSL_ERROR(msg, GSL_EBADLEN);
  }
  if (!finite_mat(A)) {
    snprintf(msg, sizeof msg, "%s: an entry of the input is not finite", fn);
    GSL_ERROR(msg, GSL_EDOM);
  }
  size_t pass = parity ? d - k : 0, move = parity ? 0 : k, r = d - k;
  gsl_matrix *O = gsl_matrix_alloc(N, 2 * r);
  if (O == NULL)
    GSL_ERROR("cannot allocate the outputs of s and t", GSL_ENOMEM);
  gsl_matrix_const_view P = gsl_matrix_const_submatrix(A, 0, pass, N, k);
  int status = mdl_net_forward(st, &P.matrix, O);
  if (status) {
    gsl_matrix_free(O);
    return status;
  }
  if (B != A)
    gsl_matrix_memcpy(B, A);
  for (size_t i = 0; i < N; i++) {
    double sum = 0;
    for (size_t j = 0; j < r; j++) {
      double s = gsl_matrix_get(O, i, j), t = gsl_matrix_get(O, i, r + j);
      double a = gsl_matrix_get(A, i, move + j);
      gsl_matrix_set(B, i, move + j,
                     sign > 0 ? a * exp(s) + t : (a - t) * exp(-s));
      sum += s;
    }
    gsl_vector_set(logdet, i, sign * sum);
  }
  gsl_matrix_free(O);
  return GSL_SUCCESS;
}

int mdl_vae_coupling_forward(mdl_net *st, size_t k, int parity,
                             const gsl_matrix *X, gsl_matrix *Y,
                             gsl_vector *logdet)
{
  return coupling("mdl_vae_coupling_forward", st, k, parity, X, Y, logdet, 1);
}

int mdl_vae_coupling_inverse(mdl_net *st, size_t k, int parity,
                             const gsl_matrix *Y, gsl_matrix *X,
                             gsl_vector *logdet)
{
  return coupling("mdl_vae_coupling_inverse", st, k, parity, Y, X, logdet, -1);
}
