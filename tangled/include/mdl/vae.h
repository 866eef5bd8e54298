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
typedef enum {
  MDL_VAE_GAUSSIAN = 0,
  MDL_VAE_BERNOULLI = 1
} mdl_vae_decoder;

typedef struct mdl_vae mdl_vae;

/* mdl_vae_alloc: a VAE with copies of the encoder enc (n -> 2m: mean, then
   log-variance of q(z|x)) and the decoder dec (m -> n: Gaussian mean or
   Bernoulli logits); parameters [enc; dec; s], s = 0 for a Gaussian decoder.
   Errors: returns NULL after GSL_EFAULT (NULL network), GSL_EBADLEN (widths
   that do not fit n -> 2m, m -> n), GSL_EINVAL (unknown decoder, or a step or
   sign layer, which has no gradient), GSL_ENOMEM.  Book: ch. 6, "A
   variational autoencoder". */
mdl_vae *mdl_vae_alloc(const mdl_net *enc, const mdl_net *dec,
                       mdl_vae_decoder type);
/* mdl_vae_free: frees a VAE; NULL is allowed.  Errors: none.  Book: ch. 6,
   "A variational autoencoder". */
void mdl_vae_free(mdl_vae *vae);
/* mdl_vae_params: the parameter vector of the VAE itself (not a copy).
   Errors: returns NULL after GSL_EFAULT for a NULL VAE.  Book: ch. 6, "A
   variational autoencoder". */
gsl_vector *mdl_vae_params(mdl_vae *vae);
/* mdl_vae_elbo: mean over the rows of X of the reparameterized one-sample
   ELBO log p(x|z) - KL(q(z|x) || N(0, I)), z = mu + exp(logvar/2) * eps with
   eps the rows of E; the mean KL and the gradient in all parameters.
   Errors: GSL_EFAULT (NULL vae, X, E or elbo), GSL_EBADLEN (X not B x n, E
   not B x m, B = 0, grad not of the parameters' length), GSL_EDOM
   (non-finite entry, or an entry of X outside [0, 1] for a Bernoulli
   decoder), GSL_ERANGE (the estimate overflows), GSL_ENOMEM.  Book: ch. 6,
   "A variational autoencoder". */
int mdl_vae_elbo(mdl_vae *vae, const gsl_matrix *X, const gsl_matrix *E,
                 double *elbo, double *kl, gsl_vector *grad);
/* mdl_vae_train_step: one step of opt on minus the one-sample ELBO of the
   batch X, with eps drawn from r; the estimate before the step to elbo.
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (X not B x n, B = 0),
   GSL_EDOM (a non-finite entry), as mdl_vae_elbo, and the optimizer's.
   Book: ch. 6, "A variational autoencoder". */
int mdl_vae_train_step(mdl_vae *vae, mdl_optim *opt, const gsl_matrix *X,
                       const gsl_rng *r, double *elbo);
/* mdl_vae_iwae: mean over the rows of X of one draw of the importance-
   weighted bound log (1/k) sum_l p(x, z_l) / q(z_l | x), z_l drawn from r.
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (X not B x n, B = 0),
   GSL_EINVAL (k = 0), GSL_EDOM (as mdl_vae_elbo), GSL_ERANGE, GSL_ENOMEM.
   Book: ch. 6, "A variational autoencoder". */
int mdl_vae_iwae(mdl_vae *vae, const gsl_matrix *X, size_t k,
                 const gsl_rng *r, double *bound);
/* mdl_vae_encode: the encoder's mean and log-variance of every row of X.
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (X not B x n, Mu or Logvar
   not B x m, B = 0), GSL_EDOM (non-finite entry of X).  Book: ch. 6, "A
   variational autoencoder". */
int mdl_vae_encode(mdl_vae *vae, const gsl_matrix *X, gsl_matrix *Mu,
                   gsl_matrix *Logvar);
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
typedef enum {
  MDL_VAE_FLOW_PLANAR = 0,
  MDL_VAE_FLOW_COUPLING = 1
} mdl_vae_flow_kind;

typedef struct {
  mdl_vae_flow_kind kind;
  const gsl_vector *u, *w;
  double b;
  mdl_net *st;
  size_t k;
  int parity;
} mdl_vae_flow_layer;

/* mdl_vae_flow_loglik: log p_X(x) = log N(z_0; 0, I)
   - sum_l log|det dF_l(z_{l-1})| for every row x of X, x = F_L(...F_1(z_0)),
   through the layers' inverses; the codes z_0 to Z0 unless it is NULL.
   Errors: GSL_EFAULT (NULL X or loglik, NULL layers with L > 0), GSL_EBADLEN
   (X empty, loglik or Z0 of the wrong size, a layer's sizes), GSL_EINVAL
   (unknown kind, a coupling layer's k or parity), GSL_EDOM (non-finite entry,
   a planar layer with w^T u < -1), GSL_ENOMEM.  Book: ch. 6, "Normalizing
   flows". */
int mdl_vae_flow_loglik(const mdl_vae_flow_layer *layers, size_t L,
                        const gsl_matrix *X, gsl_vector *loglik,
                        gsl_matrix *Z0);

#ifdef __cplusplus
}
#endif
#endif
