#ifndef MDL_VAE_H
#define MDL_VAE_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/net.h>
#ifdef __cplusplus
extern "C" {
#endif

/* mdl_vae_diag_normal_logpdf: log q(x) for q = N(mu, diag exp(logvar)).
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not
   match), GSL_EDOM (a non-finite or out-of-range value); returns NaN on
   error.  Book: ch. 6, "Gaussians with diagonal covariance". */
double mdl_vae_diag_normal_logpdf(const gsl_vector *x, const gsl_vector *mu,
                                  const gsl_vector *logvar);
/* mdl_vae_reparameterize: the reparameterised sample z = mu +
   exp(logvar/2) .* eps for a given eps.  Errors: GSL_EFAULT (NULL
   argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite
   or out-of-range value).  Book: ch. 6, "Gaussians with diagonal
   covariance". */
int mdl_vae_reparameterize(const gsl_vector *mu, const gsl_vector *logvar,
                           const gsl_vector *eps, gsl_vector *z);
/* mdl_vae_diag_normal_sample: draws eps ~ N(0, I) from r and writes it and
   z = mu + exp(logvar/2) .* eps.  Errors: GSL_EFAULT (NULL argument),
   GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite or
   out-of-range value).  Book: ch. 6, "Gaussians with diagonal covariance". */
int mdl_vae_diag_normal_sample(const gsl_vector *mu, const gsl_vector *logvar,
                               const gsl_rng *r, gsl_vector *eps,
                               gsl_vector *z);
/* mdl_vae_kl_diag_normal: KL(N(mu, diag exp(logvar)) || N(0, I)) in closed
   form.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do
   not match), GSL_EDOM (a non-finite or out-of-range value); returns NaN
   on error.  Book: ch. 6, "Gaussians with diagonal covariance". */
double mdl_vae_kl_diag_normal(const gsl_vector *mu, const gsl_vector *logvar);
/* mdl_vae_kl_diag_normals: KL(q1 || q2) of two Gaussians with diagonal
   covariance, in closed form.  Errors: GSL_EFAULT (NULL argument),
   GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite or
   out-of-range value); returns NaN on error.  Book: ch. 6, "Gaussians with
   diagonal covariance". */
double mdl_vae_kl_diag_normals(const gsl_vector *mu1, const gsl_vector *logvar1,
                               const gsl_vector *mu2,
                               const gsl_vector *logvar2);
/* mdl_vae_fa_loglik: the log-likelihood of the rows of X under factor
   analysis x = W z + mu + noise, noise ~ N(0, diag psi).  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value), GSL_ESING (a singular
   matrix), GSL_ENOMEM (out of memory).  Book: ch. 6, "Linear factor
   analysis and probabilistic PCA". */
int mdl_vae_fa_loglik(const gsl_matrix *X, const gsl_matrix *W,
                      const gsl_vector *mu, const gsl_vector *psi,
                      double *loglik);
/* mdl_vae_fa_posterior: the posterior mean and covariance of the factor z
   given one point x, by the Woodbury forms.  Errors: GSL_EFAULT (NULL
   argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite
   or out-of-range value), GSL_ESING (a singular matrix), GSL_ENOMEM (out
   of memory).  Book: ch. 6, "Linear factor analysis and probabilistic
   PCA". */
int mdl_vae_fa_posterior(const gsl_vector *x, const gsl_matrix *W,
                         const gsl_vector *mu, const gsl_vector *psi,
                         gsl_vector *mean, gsl_matrix *cov);
/* mdl_vae_fa_elbo: the ELBO of factor analysis for one point x and the
   encoder N(qmu, diag exp(qlogvar)), in closed form.  Errors: GSL_EFAULT
   (NULL argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a
   non-finite or out-of-range value), GSL_ENOMEM (out of memory).  Book:
   ch. 6, "Linear factor analysis and probabilistic PCA". */
int mdl_vae_fa_elbo(const gsl_vector *x, const gsl_matrix *W,
                    const gsl_vector *mu, const gsl_vector *psi,
                    const gsl_vector *qmu, const gsl_vector *qlogvar,
                    double *elbo);
/* mdl_vae_fa_iwae: one draw of the importance-weighted bound L_k with k
   samples from r.  Errors: GSL_EFAULT (NULL argument), GSL_EDOM (a
   non-finite or out-of-range value), GSL_EINVAL (an invalid parameter),
   GSL_ENOMEM (out of memory).  Book: ch. 6, "Linear factor analysis and
   probabilistic PCA". */
int mdl_vae_fa_iwae(const gsl_vector *x, const gsl_matrix *W,
                    const gsl_vector *mu, const gsl_vector *psi,
                    const gsl_vector *qmu, const gsl_vector *qlogvar, size_t k,
                    const gsl_rng *r, double *bound);
/* mdl_vae_ppca_mle: the maximum-likelihood W, mu and sigma^2 of
   probabilistic PCA with m factors, in closed form (Tipping and Bishop).
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not
   match), GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an
   invalid parameter), GSL_ESING (a singular matrix), GSL_ENOMEM (out of
   memory).  Book: ch. 6, "Linear factor analysis and probabilistic PCA". */
int mdl_vae_ppca_mle(const gsl_matrix *X, size_t m, gsl_matrix *W,
                     gsl_vector *mu, double *sigma2);
/* mdl_vae_fa_em: `iters` EM iterations for factor analysis (isotropic
   noise: probabilistic PCA), from the W and psi given.  Errors: GSL_EFAULT
   (NULL argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a
   non-finite or out-of-range value), GSL_EINVAL (an invalid parameter),
   GSL_ESING (a singular matrix), GSL_ENOMEM (out of memory).  Book: ch. 6,
   "Linear factor analysis and probabilistic PCA". */
int mdl_vae_fa_em(const gsl_matrix *X, size_t iters, int isotropic,
                  gsl_matrix *W, gsl_vector *mu, gsl_vector *psi);
/* mdl_vae_planar_forward: the planar flow x = z + u tanh(w.z + b) on the
   rows of Z, and log |det| of each Jacobian into logdet (may be NULL).
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not
   match), GSL_EDOM (a non-finite or out-of-range value), GSL_ENOMEM (out
   of memory).  Book: ch. 6, "Normalizing flows". */
int mdl_vae_planar_forward(const gsl_vector *u, const gsl_vector *w, double b,
                           const gsl_matrix *Z, gsl_matrix *X,
                           gsl_vector *logdet);
/* mdl_vae_planar_inverse: the inverse of the planar flow on the rows of X
   (needs w.u >= -1), and the log-determinants into logdet (may be NULL).
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not
   match), GSL_EDOM (a non-finite or out-of-range value), GSL_ENOMEM (out
   of memory).  Book: ch. 6, "Normalizing flows". */
int mdl_vae_planar_inverse(const gsl_vector *u, const gsl_vector *w, double b,
                           const gsl_matrix *X, gsl_matrix *Z,
                           gsl_vector *logdet);
/* mdl_vae_coupling_forward: an affine coupling layer on the rows of X, s
   and t computed by the network st from k coordinates; log |det| into
   logdet (may be NULL).  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN
   (sizes that do not match), GSL_EINVAL (an invalid parameter).  Book: ch.
   6, "Normalizing flows". */
int mdl_vae_coupling_forward(mdl_net *st, size_t k, int parity,
                             const gsl_matrix *X, gsl_matrix *Y,
                             gsl_vector *logdet);
/* mdl_vae_coupling_inverse: the inverse of an affine coupling layer on the
   rows of Y; the log-determinants into logdet (may be NULL).  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value).  Book: ch. 6,
   "Normalizing flows". */
int mdl_vae_coupling_inverse(mdl_net *st, size_t k, int parity,
                             const gsl_matrix *Y, gsl_matrix *X,
                             gsl_vector *logdet);

#ifdef __cplusplus
}
#endif
#endif
