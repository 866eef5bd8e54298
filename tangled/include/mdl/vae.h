#ifndef MDL_VAE_H
#define MDL_VAE_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/net.h>

double mdl_vae_diag_normal_logpdf(const gsl_vector *x, const gsl_vector *mu,
                                  const gsl_vector *logvar);
int mdl_vae_reparameterize(const gsl_vector *mu, const gsl_vector *logvar,
                           const gsl_vector *eps, gsl_vector *z);
int mdl_vae_diag_normal_sample(const gsl_vector *mu, const gsl_vector *logvar,
                               const gsl_rng *r, gsl_vector *eps,
                               gsl_vector *z);
double mdl_vae_kl_diag_normal(const gsl_vector *mu, const gsl_vector *logvar);
double mdl_vae_kl_diag_normals(const gsl_vector *mu1, const gsl_vector *logvar1,
                               const gsl_vector *mu2,
                               const gsl_vector *logvar2);
int mdl_vae_fa_loglik(const gsl_matrix *X, const gsl_matrix *W,
                      const gsl_vector *mu, const gsl_vector *psi,
                      double *loglik);
int mdl_vae_fa_posterior(const gsl_vector *x, const gsl_matrix *W,
                         const gsl_vector *mu, const gsl_vector *psi,
                         gsl_vector *mean, gsl_matrix *cov);
int mdl_vae_fa_elbo(const gsl_vector *x, const gsl_matrix *W,
                    const gsl_vector *mu, const gsl_vector *psi,
                    const gsl_vector *qmu, const gsl_vector *qlogvar,
                    double *elbo);
int mdl_vae_fa_iwae(const gsl_vector *x, const gsl_matrix *W,
                    const gsl_vector *mu, const gsl_vector *psi,
                    const gsl_vector *qmu, const gsl_vector *qlogvar, size_t k,
                    const gsl_rng *r, double *bound);
int mdl_vae_ppca_mle(const gsl_matrix *X, size_t m, gsl_matrix *W,
                     gsl_vector *mu, double *sigma2);
int mdl_vae_fa_em(const gsl_matrix *X, size_t iters, int isotropic,
                  gsl_matrix *W, gsl_vector *mu, gsl_vector *psi);
int mdl_vae_planar_forward(const gsl_vector *u, const gsl_vector *w, double b,
                           const gsl_matrix *Z, gsl_matrix *X,
                           gsl_vector *logdet);
int mdl_vae_planar_inverse(const gsl_vector *u, const gsl_vector *w, double b,
                           const gsl_matrix *X, gsl_matrix *Z,
                           gsl_vector *logdet);
int mdl_vae_coupling_forward(mdl_net *st, size_t k, int parity,
                             const gsl_matrix *X, gsl_matrix *Y,
                             gsl_vector *logdet);
int mdl_vae_coupling_inverse(mdl_net *st, size_t k, int parity,
                             const gsl_matrix *Y, gsl_matrix *X,
                             gsl_vector *logdet);

#endif
