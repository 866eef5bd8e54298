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
#include <mdl/numcheck.h>
#include <mdl/vae.h>
#line 212 "chapters/06-vae.nw"
static int finite_vec(const gsl_vector *v)
{
  for (size_t i = 0; i < v->size; i++)
    if (!isfinite(gsl_vector_get(v, i)))
      return 0;
  return 1;
}

static int nonfinite_vec(const char *fn, const char *name,
                         const gsl_vector *v)
{
  for (size_t i = 0; i < v->size; i++)
    if (!isfinite(gsl_vector_get(v, i)))
      MDL_ERROR(GSL_EDOM, "%s: %s[%zu] = %g is not finite", fn, name, i,
                gsl_vector_get(v, i));
  return GSL_SUCCESS;
}

static int nonfinite_mat(const char *fn, const char *name,
                         const gsl_matrix *m)
{
  for (size_t i = 0; i < m->size1; i++)
    for (size_t j = 0; j < m->size2; j++)
      if (!isfinite(gsl_matrix_get(m, i, j)))
        MDL_ERROR(GSL_EDOM, "%s: %s[%zu][%zu] = %g is not finite", fn, name,
                  i, j, gsl_matrix_get(m, i, j));
  return GSL_SUCCESS;
}

static int finite_mat(const gsl_matrix *m)
{
  for (size_t i = 0; i < m->size1; i++)
    for (size_t j = 0; j < m->size2; j++)
      if (!isfinite(gsl_matrix_get(m, i, j)))
        return 0;
  return 1;
}

static int check_pair(const char *fn, const char *const *name,
                      const gsl_vector *mu, const gsl_vector *logvar,
                      const gsl_vector *x)
{
  if (mu == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: %s is NULL", fn, name[0]);
  if (logvar == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: %s is NULL", fn, name[1]);
  if (mu->size == 0 || logvar->size != mu->size)
    MDL_ERROR(GSL_EBADLEN, "%s: %s has %zu entries and %s %zu; they must be"
              " equal and positive", fn, name[0], mu->size, name[1],
              logvar->size);
  if (x != NULL && x->size != mu->size)
    MDL_ERROR(GSL_EBADLEN, "%s: %s has %zu entries, expected %zu (the length"
              " of %s)", fn, name[2], x->size, mu->size, name[0]);
  int status = nonfinite_vec(fn, name[0], mu);
  if (status == GSL_SUCCESS)
    status = nonfinite_vec(fn, name[1], logvar);
  if (status == GSL_SUCCESS && x != NULL)
    status = nonfinite_vec(fn, name[2], x);
  return status;
}
#line 275 "chapters/06-vae.nw"
double mdl_vae_diag_normal_logpdf(const gsl_vector *x, const gsl_vector *mu,
                                  const gsl_vector *logvar)
{
  if (x == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "x is NULL");
  if (check_pair(__func__, (const char *[]){"mu", "logvar", "x"}, mu, logvar,
                 x))
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
  if (eps == NULL)
    MDL_ERROR(GSL_EFAULT, "eps is NULL");
  if (z == NULL)
    MDL_ERROR(GSL_EFAULT, "z is NULL");
  int status = check_pair(__func__, (const char *[]){"mu", "logvar", "eps"},
                          mu, logvar, eps);
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
  if (r == NULL)
    MDL_ERROR(GSL_EFAULT, "r is NULL");
  if (eps == NULL)
    MDL_ERROR(GSL_EFAULT, "eps is NULL");
  if (z == NULL)
    MDL_ERROR(GSL_EFAULT, "z is NULL");
  int status = check_pair(__func__, (const char *[]){"mu", "logvar", NULL},
                          mu, logvar, NULL);
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
#line 351 "chapters/06-vae.nw"
static double kl_term(double mu1, double lv1, double mu2, double lv2)
{
  double d = lv1 - lv2, dm = mu1 - mu2;
  return expm1(d) - d + (dm == 0 ? 0 : dm * dm * exp(-lv2));
}

double mdl_vae_kl_diag_normal(const gsl_vector *mu, const gsl_vector *logvar)
{
  if (check_pair(__func__, (const char *[]){"mu", "logvar", NULL}, mu, logvar,
                 NULL))
    return GSL_NAN;
  double s = 0;
  for (size_t j = 0; j < mu->size; j++)
    s += kl_term(gsl_vector_get(mu, j), gsl_vector_get(logvar, j), 0, 0);
  return 0.5 * s;
}

double mdl_vae_kl_diag_normals(const gsl_vector *mu1, const gsl_vector *logvar1,
                               const gsl_vector *mu2, const gsl_vector *logvar2)
{
  if (check_pair(__func__, (const char *[]){"mu1", "logvar1", NULL}, mu1,
                 logvar1, NULL) ||
      check_pair(__func__, (const char *[]){"mu2", "logvar2", "mu1"}, mu2,
                 logvar2, mu1))
    return GSL_NAN;
  double s = 0;
  for (size_t j = 0; j < mu1->size; j++)
    s += kl_term(gsl_vector_get(mu1, j), gsl_vector_get(logvar1, j),
                 gsl_vector_get(mu2, j), gsl_vector_get(logvar2, j));
  return 0.5 * s;
}
#line 925 "chapters/06-vae.nw"
static int check_model(const char *fn, const gsl_matrix *W,
                       const gsl_vector *mu, const gsl_vector *psi,
                       size_t n_data, int mu_out)
{
  char msg[200];
  if (W == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: W is NULL", fn);
  if (mu == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: mu is NULL", fn);
  if (psi == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: psi is NULL", fn);
  size_t n = W->size1;
  if (n == 0 || W->size2 == 0 || mu->size != n || psi->size != n ||
      n_data != n) {
    snprintf(msg, sizeof msg,
             "%s: W has %zu rows, mu %zu entries, psi %zu and the data %zu,"
             " expected equal",
             fn, n, mu->size, psi->size, n_data);
    GSL_ERROR(msg, GSL_EBADLEN);
  }
  int status = nonfinite_mat(fn, "W", W);
  if (status == GSL_SUCCESS && !mu_out)
    status = nonfinite_vec(fn, "mu", mu);
  if (status == GSL_SUCCESS)
    status = nonfinite_vec(fn, "psi", psi);
  if (status)
    return status;
  for (size_t i = 0; i < n; i++)
    if (!(gsl_vector_get(psi, i) > 0)) {
      snprintf(msg, sizeof msg, "%s: psi[%zu] = %g is not positive", fn, i,
               gsl_vector_get(psi, i));
      GSL_ERROR(msg, GSL_EDOM);
    }
  return GSL_SUCCESS;
}
#line 967 "chapters/06-vae.nw"
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
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "X is NULL");
  if (loglik == NULL)
    MDL_ERROR(GSL_EFAULT, "loglik is NULL");
  int status = check_model("mdl_vae_fa_loglik", W, mu, psi, X->size2, 0);
  if (status)
    return status;
  if (X->size1 == 0)
    MDL_ERROR(GSL_EBADLEN, "X has 0 rows");
  if (!finite_mat(X))
    return nonfinite_mat(__func__, "X", X);
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
#line 1043 "chapters/06-vae.nw"
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
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "x is NULL");
  if (mean == NULL)
    MDL_ERROR(GSL_EFAULT, "mean is NULL");
  if (cov == NULL)
    GSL_ERROR("mdl_vae_fa_posterior: cov is NULL",
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
    return nonfinite_vec(__func__, "x", x);
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
#line 1129 "chapters/06-vae.nw"
static int check_encoder(const char *fn, const gsl_vector *x,
                         const gsl_matrix *W, const gsl_vector *mu,
                         const gsl_vector *psi, const gsl_vector *qmu,
                         const gsl_vector *qlogvar)
{
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: x is NULL", fn);
  int status = check_model(fn, W, mu, psi, x->size, 0);
  if (status)
    return status;
  status = check_pair(fn, (const char *[]){"qmu", "qlogvar", NULL}, qmu,
                      qlogvar, NULL);
  if (status)
    return status;
  if (qmu->size != W->size2) {
    char msg[160];
    snprintf(msg, sizeof msg, "%s: qmu has %zu entries, W has %zu columns",
             fn, qmu->size, W->size2);
    GSL_ERROR(msg, GSL_EBADLEN);
  }
  return nonfinite_vec(fn, "x", x);
}

int mdl_vae_fa_elbo(const gsl_vector *x, const gsl_matrix *W,
                    const gsl_vector *mu, const gsl_vector *psi,
                    const gsl_vector *qmu, const gsl_vector *qlogvar,
                    double *elbo)
{
  if (elbo == NULL)
    MDL_ERROR(GSL_EFAULT, "elbo is NULL");
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
#line 1190 "chapters/06-vae.nw"
int mdl_vae_fa_iwae(const gsl_vector *x, const gsl_matrix *W,
                    const gsl_vector *mu, const gsl_vector *psi,
                    const gsl_vector *qmu, const gsl_vector *qlogvar, size_t k,
                    const gsl_rng *r, double *bound)
{
  if (r == NULL)
    MDL_ERROR(GSL_EFAULT, "r is NULL");
  if (bound == NULL)
    MDL_ERROR(GSL_EFAULT, "bound is NULL");
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
#line 1256 "chapters/06-vae.nw"
static int data_moments(const char *fn, const gsl_matrix *X, gsl_vector *xbar,
                        gsl_matrix *S)
{
  size_t N = X->size1, n = X->size2;
  if (!finite_mat(X))
    return nonfinite_mat(fn, "X", X);
  gsl_matrix *D = gsl_matrix_alloc(N, n);
  if (D == NULL)
    MDL_ERROR(GSL_ENOMEM, "%s: cannot allocate the %zu x %zu centred data",
              fn, N, n);
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
#line 1294 "chapters/06-vae.nw"
int mdl_vae_ppca_mle(const gsl_matrix *X, size_t m, gsl_matrix *W,
                     gsl_vector *mu, double *sigma2)
{
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "X is NULL");
  if (W == NULL)
    MDL_ERROR(GSL_EFAULT, "W is NULL");
  if (mu == NULL)
    MDL_ERROR(GSL_EFAULT, "mu is NULL");
  if (sigma2 == NULL)
    GSL_ERROR("mdl_vae_ppca_mle: sigma2 is NULL",
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
#line 1381 "chapters/06-vae.nw"
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
    MDL_ERROR(GSL_EFAULT, "X is NULL");
  int status = check_model("mdl_vae_fa_em", W, mu, psi, X->size2, 1);
  if (status)
    return status;
  size_t N = X->size1, n = W->size1, m = W->size2;
  if (N < 2)
    MDL_ERROR(GSL_EINVAL, "X has %zu rows, expected at least 2", N);
  if (isotropic)
    for (size_t i = 1; i < n; i++)
      if (gsl_vector_get(psi, i) != gsl_vector_get(psi, 0))
        MDL_ERROR(GSL_EINVAL, "isotropic, but psi[%zu] = %g differs from"
                  " psi[0] = %g", i, gsl_vector_get(psi, i),
                  gsl_vector_get(psi, 0));
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
#line 3154 "chapters/06-vae.nw"
struct mdl_vae {
  mdl_net *enc, *dec;
  mdl_vae_decoder type;
  size_t n, m, pe, pd, np;
  gsl_vector *theta, *g;
};

void mdl_vae_free(mdl_vae *vae)
{
  if (vae == NULL)
    return;
  mdl_net_free(vae->enc);
  mdl_net_free(vae->dec);
  if (vae->theta)
    gsl_vector_free(vae->theta);
  if (vae->g)
    gsl_vector_free(vae->g);
  free(vae);
}

static int vae_net_ok(const mdl_net *net)
{
  for (size_t l = 0; l < mdl_net_depth(net); l++) {
    mdl_net_activation a;
    mdl_net_get_activation(net, l, &a);
    if (a == MDL_NET_STEP || a == MDL_NET_SIGN)
      return 0;
  }
  return 1;
}

mdl_vae *mdl_vae_alloc(const mdl_net *enc, const mdl_net *dec,
                       mdl_vae_decoder type)
{
  if (enc == NULL)
    MDL_ERROR_VAL(NULL, GSL_EFAULT, "enc is NULL");
  if (dec == NULL)
    MDL_ERROR_VAL(NULL, GSL_EFAULT, "dec is NULL");
  if (type != MDL_VAE_GAUSSIAN && type != MDL_VAE_BERNOULLI)
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "mdl_vae_alloc: unknown decoder type %d",
                  (int)type);
  size_t n = mdl_net_width(enc, 0), e = mdl_net_width(enc, mdl_net_depth(enc));
  size_t m = mdl_net_width(dec, 0), o = mdl_net_width(dec, mdl_net_depth(dec));
  if (e != 2 * m || o != n)
    MDL_ERROR_VAL(NULL, GSL_EBADLEN, "mdl_vae_alloc: the encoder maps %zu to"
                  " %zu and the decoder %zu to %zu, expected n -> 2m and"
                  " m -> n", n, e, m, o);
  if (!vae_net_ok(enc))
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "the encoder has a step or sign layer,"
                  " which has no gradient");
  if (!vae_net_ok(dec))
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "the decoder has a step or sign layer,"
                  " which has no gradient");
  mdl_vae *v = calloc(1, sizeof *v);
  if (v == NULL)
    GSL_ERROR_NULL("mdl_vae_alloc: out of memory", GSL_ENOMEM);
  v->type = type;
  v->n = n;
  v->m = m;
  v->enc = mdl_net_clone(enc);
  v->dec = mdl_net_clone(dec);
  if (v->enc == NULL || v->dec == NULL) {
    mdl_vae_free(v);
    GSL_ERROR_NULL("mdl_vae_alloc: out of memory", GSL_ENOMEM);
  }
  v->pe = mdl_net_nparams(v->enc);
  v->pd = mdl_net_nparams(v->dec);
  v->np = v->pe + v->pd + (type == MDL_VAE_GAUSSIAN);
  v->theta = gsl_vector_calloc(v->np);
  v->g = gsl_vector_alloc(v->np);
  if (v->theta == NULL || v->g == NULL) {
    mdl_vae_free(v);
    GSL_ERROR_NULL("mdl_vae_alloc: out of memory", GSL_ENOMEM);
  }
  gsl_vector_view te = gsl_vector_subvector(v->theta, 0, v->pe);
  gsl_vector_view td = gsl_vector_subvector(v->theta, v->pe, v->pd);
  gsl_vector_memcpy(&te.vector, mdl_net_params(v->enc));
  gsl_vector_memcpy(&td.vector, mdl_net_params(v->dec));
  return v;
}

gsl_vector *mdl_vae_params(mdl_vae *vae)
{
  if (vae == NULL)
    MDL_ERROR_VAL(NULL, GSL_EFAULT, "vae is NULL");
  return vae->theta;
}

static void vae_sync(mdl_vae *v)
{
  gsl_vector_const_view te = gsl_vector_const_subvector(v->theta, 0, v->pe);
  gsl_vector_const_view td = gsl_vector_const_subvector(v->theta, v->pe, v->pd);
  gsl_vector_memcpy(mdl_net_params(v->enc), &te.vector);
  gsl_vector_memcpy(mdl_net_params(v->dec), &td.vector);
}

static int vae_check_x(const char *fn, const mdl_vae *v, const gsl_matrix *X)
{
  if (X->size1 == 0 || X->size2 != v->n)
    MDL_ERROR(GSL_EBADLEN, "%s: X is %zu x %zu, expected B x %zu with B > 0",
              fn, X->size1, X->size2, v->n);
  size_t bi, bj;
  if (!mdl_numcheck_finite_matrix(X, &bi, &bj))
    MDL_ERROR(GSL_EDOM, "%s: X[%zu][%zu] = %g is not finite", fn, bi, bj,
              gsl_matrix_get(X, bi, bj));
  if (v->type == MDL_VAE_BERNOULLI)
    for (size_t b = 0; b < X->size1; b++)
      for (size_t i = 0; i < X->size2; i++) {
        double x = gsl_matrix_get(X, b, i);
        if (x < 0 || x > 1)
          MDL_ERROR(GSL_EDOM, "%s: X[%zu][%zu] = %g is outside [0, 1] for a"
                    " Bernoulli decoder", fn, b, i, x);
      }
  return GSL_SUCCESS;
}
#line 3288 "chapters/06-vae.nw"
static int vae_pass(mdl_vae *v, const gsl_matrix *X, const gsl_matrix *E,
                    double *elbo, double *kl, gsl_vector *grad)
{
  const size_t B = X->size1, n = v->n, m = v->m;
  gsl_matrix *H = gsl_matrix_alloc(B, 2 * m), *Z = gsl_matrix_alloc(B, m);
  gsl_matrix *D = gsl_matrix_alloc(B, n), *dZ = gsl_matrix_alloc(B, m);
  int status = GSL_ENOMEM;
  if (H == NULL || Z == NULL || D == NULL || dZ == NULL)
    goto done;
  vae_sync(v);
  if ((status = mdl_net_forward(v->enc, X, H)) != GSL_SUCCESS)
    goto done;
  for (size_t b = 0; b < B; b++)
    for (size_t j = 0; j < m; j++)
      gsl_matrix_set(Z, b, j, gsl_matrix_get(H, b, j) +
                     exp(0.5 * gsl_matrix_get(H, b, m + j)) *
                     gsl_matrix_get(E, b, j));
  if ((status = mdl_net_forward(v->dec, Z, D)) != GSL_SUCCESS)
    goto done;
  const double s = v->type == MDL_VAE_GAUSSIAN
                   ? gsl_vector_get(v->theta, v->np - 1) : 0;
  double rec = 0, klsum = 0, ds = 0;
#line 3341 "chapters/06-vae.nw"
  const double is = exp(-s);
  for (size_t b = 0; b < B; b++)
    for (size_t i = 0; i < n; i++) {
      double x = gsl_matrix_get(X, b, i), d = gsl_matrix_get(D, b, i), gd;
      if (v->type == MDL_VAE_GAUSSIAN) {
        double r = x - d;
        rec -= 0.5 * (M_LN2 + M_LNPI + s + r * r * is);
        ds -= 0.5 * (1 - r * r * is);
        gd = r * is;
      } else {
        rec += x * d - mdl_net_softplus(d);
        gd = x - mdl_net_sigmoid(d);
      }
      gsl_matrix_set(D, b, i, gd / B);
    }
#line 3311 "chapters/06-vae.nw"
  for (size_t b = 0; b < B; b++)
    for (size_t j = 0; j < m; j++) {
      double mu = gsl_matrix_get(H, b, j), lv = gsl_matrix_get(H, b, m + j);
      klsum += 0.5 * (mu * mu + expm1(lv) - lv);
    }
  double value = (rec - klsum) / B;
  if (!isfinite(value)) {
    status = GSL_ERANGE;
    gsl_error("mdl_vae_elbo: the estimate is not finite (the log-variances"
              " overflow)", __FILE__, __LINE__, status);
    goto done;
  }
  if (grad != NULL) {
#line 3360 "chapters/06-vae.nw"
    gsl_vector_view gd = gsl_vector_subvector(v->g, v->pe, v->pd);
    if ((status = mdl_net_backward(v->dec, D, &gd.vector, dZ)) != GSL_SUCCESS)
      goto done;
    for (size_t b = 0; b < B; b++)
      for (size_t j = 0; j < m; j++) {
        double mu = gsl_matrix_get(H, b, j), lv = gsl_matrix_get(H, b, m + j);
        double gz = gsl_matrix_get(dZ, b, j), eps = gsl_matrix_get(E, b, j);
        gsl_matrix_set(H, b, j, gz - mu / B);
        gsl_matrix_set(H, b, m + j,
                       0.5 * gz * eps * exp(0.5 * lv) - 0.5 * expm1(lv) / B);
      }
    gsl_vector_view ge = gsl_vector_subvector(v->g, 0, v->pe);
    if ((status = mdl_net_backward(v->enc, H, &ge.vector, NULL)) != GSL_SUCCESS)
      goto done;
    if (v->type == MDL_VAE_GAUSSIAN)
      gsl_vector_set(v->g, v->np - 1, ds / B);
#line 3325 "chapters/06-vae.nw"
    gsl_vector_memcpy(grad, v->g);
  }
  *elbo = value;
  if (kl != NULL)
    *kl = klsum / B;
done:
  gsl_matrix_free(H);
  gsl_matrix_free(Z);
  gsl_matrix_free(D);
  gsl_matrix_free(dZ);
  return status;
}
#line 3379 "chapters/06-vae.nw"
int mdl_vae_elbo(mdl_vae *vae, const gsl_matrix *X, const gsl_matrix *E,
                 double *elbo, double *kl, gsl_vector *grad)
{
  if (vae == NULL)
    MDL_ERROR(GSL_EFAULT, "vae is NULL");
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "X is NULL");
  if (E == NULL)
    MDL_ERROR(GSL_EFAULT, "E is NULL");
  if (elbo == NULL)
    MDL_ERROR(GSL_EFAULT, "elbo is NULL");
  int status = vae_check_x("mdl_vae_elbo", vae, X);
  if (status)
    return status;
  if (E->size1 != X->size1 || E->size2 != vae->m)
    MDL_ERROR(GSL_EBADLEN, "mdl_vae_elbo: E is %zu x %zu, expected %zu x %zu",
              E->size1, E->size2, X->size1, vae->m);
  if (grad != NULL && grad->size != vae->np)
    MDL_ERROR(GSL_EBADLEN, "mdl_vae_elbo: grad has %zu entries, the VAE %zu"
              " parameters", grad->size, vae->np);
  size_t bi, bj;
  if (!mdl_numcheck_finite_matrix(E, &bi, &bj))
    MDL_ERROR(GSL_EDOM, "mdl_vae_elbo: E[%zu][%zu] = %g is not finite", bi, bj,
              gsl_matrix_get(E, bi, bj));
  return vae_pass(vae, X, E, elbo, kl, grad);
}

int mdl_vae_train_step(mdl_vae *vae, mdl_optim *opt, const gsl_matrix *X,
                       const gsl_rng *r, double *elbo)
{
  if (vae == NULL)
    MDL_ERROR(GSL_EFAULT, "vae is NULL");
  if (opt == NULL)
    MDL_ERROR(GSL_EFAULT, "opt is NULL");
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "X is NULL");
  if (r == NULL)
    MDL_ERROR(GSL_EFAULT, "r is NULL");
  int status = vae_check_x("mdl_vae_train_step", vae, X);
  if (status)
    return status;
  gsl_matrix *E = gsl_matrix_alloc(X->size1, vae->m);
  gsl_vector *g = gsl_vector_alloc(vae->np);
  double value = 0;
  status = GSL_ENOMEM;
  if (E != NULL && g != NULL) {
    for (size_t b = 0; b < E->size1; b++)
      for (size_t j = 0; j < E->size2; j++)
        gsl_matrix_set(E, b, j, gsl_ran_gaussian_ziggurat(r, 1.0));
    status = vae_pass(vae, X, E, &value, NULL, g);
    if (status == GSL_SUCCESS) {
      gsl_vector_scale(g, -1.0);
      status = mdl_optim_step(opt, vae->theta, g);
    }
  }
  if (status == GSL_SUCCESS && elbo != NULL)
    *elbo = value;
  gsl_matrix_free(E);
  gsl_vector_free(g);
  return status;
}

int mdl_vae_encode(mdl_vae *vae, const gsl_matrix *X, gsl_matrix *Mu,
                   gsl_matrix *Logvar)
{
  if (vae == NULL)
    MDL_ERROR(GSL_EFAULT, "vae is NULL");
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "X is NULL");
  if (Mu == NULL)
    MDL_ERROR(GSL_EFAULT, "Mu is NULL");
  if (Logvar == NULL)
    MDL_ERROR(GSL_EFAULT, "Logvar is NULL");
  int status = vae_check_x("mdl_vae_encode", vae, X);
  if (status)
    return status;
  if (Mu->size1 != X->size1 || Mu->size2 != vae->m ||
      Logvar->size1 != X->size1 || Logvar->size2 != vae->m)
    MDL_ERROR(GSL_EBADLEN, "mdl_vae_encode: Mu is %zu x %zu and Logvar %zu x"
              " %zu, expected %zu x %zu", Mu->size1, Mu->size2, Logvar->size1,
              Logvar->size2, X->size1, vae->m);
  gsl_matrix *H = gsl_matrix_alloc(X->size1, 2 * vae->m);
  if (H == NULL)
    GSL_ERROR("mdl_vae_encode: out of memory", GSL_ENOMEM);
  vae_sync(vae);
  status = mdl_net_forward(vae->enc, X, H);
  if (status == GSL_SUCCESS) {
    gsl_matrix_const_view hm = gsl_matrix_const_submatrix(H, 0, 0, X->size1,
                                                          vae->m);
    gsl_matrix_const_view hl = gsl_matrix_const_submatrix(H, 0, vae->m,
                                                          X->size1, vae->m);
    gsl_matrix_memcpy(Mu, &hm.matrix);
    gsl_matrix_memcpy(Logvar, &hl.matrix);
  }
  gsl_matrix_free(H);
  return status;
}
#line 3483 "chapters/06-vae.nw"
int mdl_vae_iwae(mdl_vae *vae, const gsl_matrix *X, size_t k,
                 const gsl_rng *r, double *bound)
{
  if (vae == NULL)
    MDL_ERROR(GSL_EFAULT, "vae is NULL");
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "X is NULL");
  if (r == NULL)
    MDL_ERROR(GSL_EFAULT, "r is NULL");
  if (bound == NULL)
    MDL_ERROR(GSL_EFAULT, "bound is NULL");
  int status = vae_check_x("mdl_vae_iwae", vae, X);
  if (status)
    return status;
  if (k == 0)
    MDL_ERROR(GSL_EINVAL, "k = 0 samples; it must be positive");
  const size_t B = X->size1, n = vae->n, m = vae->m;
  gsl_matrix *H = gsl_matrix_alloc(B, 2 * m), *Z = gsl_matrix_alloc(B, m);
  gsl_matrix *D = gsl_matrix_alloc(B, n);
  double *lw = malloc(3 * B * sizeof *lw);
  status = GSL_ENOMEM;
  if (H == NULL || Z == NULL || D == NULL || lw == NULL)
    goto done;
  double *cur = lw, *mx = lw + B, *acc = lw + 2 * B;
  vae_sync(vae);
  if ((status = mdl_net_forward(vae->enc, X, H)) != GSL_SUCCESS)
    goto done;
  const double s = vae->type == MDL_VAE_GAUSSIAN
                   ? gsl_vector_get(vae->theta, vae->np - 1) : 0;
  const double is = exp(-s), l2pi = M_LN2 + M_LNPI;
  for (size_t l = 0; l < k; l++) {
    for (size_t b = 0; b < B; b++) {
      double a = 0;
      for (size_t j = 0; j < m; j++) {
        double e = gsl_ran_gaussian_ziggurat(r, 1.0);
        double lv = gsl_matrix_get(H, b, m + j);
        double z = gsl_matrix_get(H, b, j) + exp(0.5 * lv) * e;
        gsl_matrix_set(Z, b, j, z);
        a += 0.5 * (lv + e * e - z * z);
      }
      cur[b] = a;
    }
    if ((status = mdl_net_forward(vae->dec, Z, D)) != GSL_SUCCESS)
      goto done;
    for (size_t b = 0; b < B; b++) {
      double a = cur[b];
      for (size_t i = 0; i < n; i++) {
        double x = gsl_matrix_get(X, b, i), d = gsl_matrix_get(D, b, i);
        a += vae->type == MDL_VAE_GAUSSIAN
             ? -0.5 * (l2pi + s + (x - d) * (x - d) * is)
             : x * d - mdl_net_softplus(d);
      }
      if (l == 0 || a > mx[b]) {
        acc[b] = l == 0 ? 1 : acc[b] * exp(mx[b] - a) + 1;
        mx[b] = a;
      } else {
        acc[b] += exp(a - mx[b]);
      }
    }
  }
  double total = 0;
  for (size_t b = 0; b < B; b++)
    total += mx[b] + log(acc[b]) - log((double)k);
  if (!isfinite(total)) {
    status = GSL_ERANGE;
    gsl_error("mdl_vae_iwae: the estimate is not finite", __FILE__, __LINE__,
              status);
    goto done;
  }
  *bound = total / B;
done:
  gsl_matrix_free(H);
  gsl_matrix_free(Z);
  gsl_matrix_free(D);
  free(lw);
  return status;
}
#line 4528 "chapters/06-vae.nw"
static int check_planar(const char *fn, const gsl_vector *u,
                        const gsl_vector *w, double b, const gsl_matrix *A,
                        const gsl_matrix *B, const gsl_vector *logdet)
{
  char msg[200];
  if (u == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: u is NULL", fn);
  if (w == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: w is NULL", fn);
  if (A == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: the input is NULL", fn);
  if (B == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: the output is NULL", fn);
  if (logdet == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: logdet is NULL", fn);
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
  if (!isfinite(b))
    MDL_ERROR(GSL_EDOM, "%s: b = %g is not finite", fn, b);
  int status = nonfinite_vec(fn, "u", u);
  if (status == GSL_SUCCESS)
    status = nonfinite_vec(fn, "w", w);
  if (status == GSL_SUCCESS)
    status = nonfinite_mat(fn, "the input", A);
  return status;
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
#line 4605 "chapters/06-vae.nw"
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

static int planar_inverse(const char *fn, const gsl_vector *u,
                          const gsl_vector *w, double b, const gsl_matrix *X,
                          gsl_matrix *Z, gsl_vector *logdet)
{
  int status = check_planar(fn, u, w, b, X, Z, logdet);
  if (status)
    return status;
  double c;
  gsl_blas_ddot(w, u, &c);
  if (c < -1)
    MDL_ERROR(GSL_EDOM, "%s: w^T u = %g < -1, f is not invertible", fn, c);
  size_t N = X->size1;
  gsl_vector *h = gsl_vector_alloc(N);
  if (h == NULL)
    MDL_ERROR(GSL_ENOMEM, "%s: cannot allocate %zu entries", fn, X->size1);
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

int mdl_vae_planar_inverse(const gsl_vector *u, const gsl_vector *w, double b,
                           const gsl_matrix *X, gsl_matrix *Z,
                           gsl_vector *logdet)
{
  return planar_inverse(__func__, u, w, b, X, Z, logdet);
}
#line 4464 "chapters/06-vae.nw"
static int coupling(const char *fn, mdl_net *st, size_t k, int parity,
                    const gsl_matrix *A, gsl_matrix *B, gsl_vector *logdet,
                    double sign);

int mdl_vae_flow_loglik(const mdl_vae_flow_layer *layers, size_t L,
                        const gsl_matrix *X, gsl_vector *loglik,
                        gsl_matrix *Z0)
{
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "X is NULL");
  if (loglik == NULL)
    MDL_ERROR(GSL_EFAULT, "loglik is NULL");
  if (layers == NULL && L > 0)
    MDL_ERROR(GSL_EFAULT, "layers is NULL and L = %zu", L);
  const size_t N = X->size1, d = X->size2;
  if (N == 0 || d == 0 || loglik->size != N ||
      (Z0 != NULL && (Z0->size1 != N || Z0->size2 != d)))
    MDL_ERROR(GSL_EBADLEN, "mdl_vae_flow_loglik: X is %zu x %zu, loglik has"
              " %zu entries and Z0 is %zu x %zu, expected N, and N x d", N, d,
              loglik->size, Z0 ? Z0->size1 : N, Z0 ? Z0->size2 : d);
  if (!finite_mat(X))
    return nonfinite_mat(__func__, "X", X);
  for (size_t l = 0; l < L; l++)
    if (layers[l].kind != MDL_VAE_FLOW_PLANAR &&
        layers[l].kind != MDL_VAE_FLOW_COUPLING)
      MDL_ERROR(GSL_EINVAL, "mdl_vae_flow_loglik: layer %zu has unknown kind"
                " %d", l, (int)layers[l].kind);
  gsl_matrix *Z = gsl_matrix_alloc(N, d);
  gsl_vector *acc = gsl_vector_calloc(N), *ld = gsl_vector_alloc(N);
  int status = GSL_ENOMEM;
  if (Z == NULL || acc == NULL || ld == NULL)
    goto done;
  gsl_matrix_memcpy(Z, X);
  for (size_t l = L; l-- > 0;) {
    const mdl_vae_flow_layer *f = &layers[l];
    status = f->kind == MDL_VAE_FLOW_PLANAR
             ? planar_inverse(__func__, f->u, f->w, f->b, Z, Z, ld)
             : coupling(__func__, f->st, f->k, f->parity, Z, Z, ld, -1);
    if (status)
      goto done;
    gsl_vector_add(acc, ld);
  }
  for (size_t i = 0; i < N; i++) {
    gsl_vector_const_view z = gsl_matrix_const_row(Z, i);
    double sq;
    gsl_blas_ddot(&z.vector, &z.vector, &sq);
    gsl_vector_set(acc, i, gsl_vector_get(acc, i) -
                   0.5 * (d * (M_LN2 + M_LNPI) + sq));
  }
  gsl_vector_memcpy(loglik, acc);
  if (Z0 != NULL)
    gsl_matrix_memcpy(Z0, Z);
  status = GSL_SUCCESS;
done:
  gsl_matrix_free(Z);
  gsl_vector_free(acc);
  gsl_vector_free(ld);
  return status;
}
#line 4666 "chapters/06-vae.nw"
static int coupling(const char *fn, mdl_net *st, size_t k, int parity,
                    const gsl_matrix *A, gsl_matrix *B, gsl_vector *logdet,
                    double sign)
{
  char msg[200];
  if (st == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: st is NULL", fn);
  if (A == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: the input is NULL", fn);
  if (B == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: the output is NULL", fn);
  if (logdet == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: logdet is NULL", fn);
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
  if (!finite_mat(A))
    return nonfinite_mat(fn, "the input", A);
  size_t pass = parity ? d - k : 0, move = parity ? 0 : k, r = d - k;
  gsl_matrix *O = gsl_matrix_alloc(N, 2 * r);
  if (O == NULL)
    MDL_ERROR(GSL_ENOMEM, "%s: cannot allocate the %zu x %zu outputs of s"
              " and t", fn, N, 2 * r);
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
