#ifndef MDL_LEARN_H
#define MDL_LEARN_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/net.h>
#include <mdl/numcheck.h>

int mdl_perceptron_update(const gsl_vector *x, double y, gsl_vector *theta,
                          int *mistake);
int mdl_perceptron_train(const gsl_matrix *X, const gsl_vector *y,
                         gsl_vector *theta, size_t max_epochs,
                         size_t *mistakes);
/* mdl_perceptron_train_bias: the perceptron for sign(theta . x + b), run on
   the rows (x_i, R), R = max |x_i|; theta and *bias are read as the start
   and written back, also on GSL_EMAXITER; mistakes may be NULL.
   Errors: GSL_EFAULT (NULL X, y, theta or bias), GSL_EBADLEN (sizes),
   GSL_EDOM (a label not +-1, a non-finite entry), GSL_EINVAL (max_epochs =
   0), GSL_EMAXITER (no clean pass), GSL_ENOMEM.  Book: ch. 7, "The
   perceptron". */
int mdl_perceptron_train_bias(const gsl_matrix *X, const gsl_vector *y,
                              gsl_vector *theta, double *bias,
                              size_t max_epochs, size_t *mistakes);
double mdl_margin(const gsl_matrix *X, const gsl_vector *y,
                  const gsl_vector *theta);
/* mdl_data_separable: s points of norm <= 1 in R^n, labelled by a random unit
   vector w with margin y w.x >= margin (as computed), drawn from seed.
   Errors: GSL_EFAULT (NULL X or y), GSL_EBADLEN (sizes, empty X), GSL_EDOM
   (margin not in (0, 1)), GSL_ENOMEM.  Book: ch. 7, "The perceptron". */
int mdl_data_separable(unsigned long seed, double margin, gsl_matrix *X,
                       gsl_vector *y, gsl_vector *w);
int mdl_halfspace_separable(const gsl_matrix *X, const gsl_vector *y,
                            int *separable);
int mdl_halfspace_dichotomies(const gsl_matrix *X, double *count);
int mdl_halfspace_shatters(const gsl_matrix *X, int *shattered);
double mdl_cover_count(size_t s, size_t n);
double mdl_sauer_bound(size_t s, size_t d);
/* mdl_log_cover_count: ln C(s, n), the log of Cover's count of the
   homogeneous dichotomies of s points in general position in R^n, without
   overflow.  Errors: GSL_EDOM (s = 0 or n = 0; returns NaN).  Book: ch. 7,
   "Cover's function counting theorem". */
double mdl_log_cover_count(size_t s, size_t n);
/* mdl_log_sauer_bound: ln Phi_d(s) = ln sum_{i<=d} binom(s, i), the log of
   the Sauer--Shelah bound on the growth function, without overflow.
   Errors: none.  Book: ch. 7, "Cover's function counting theorem". */
double mdl_log_sauer_bound(size_t s, size_t d);
double mdl_hoeffding_bound(const gsl_vector *a, const gsl_vector *b,
                           double t);
double mdl_finite_class_bound(double size, size_t n, double delta);
double mdl_vc_bound(double log_growth, size_t n, double delta);
double mdl_rademacher_linear_sup(const gsl_matrix *X, const gsl_vector *sigma,
                                 double B, gsl_vector *w);
int mdl_rademacher_linear(const gsl_matrix *X, double B, size_t draws,
                          const gsl_rng *r, mdl_numcheck_estimate *est);
#include <mdl/divergence.h>
#define mdl_dv_kl mdl_kl
double mdl_dv_log_mgf(const gsl_vector *p, const gsl_vector *phi);
int mdl_dv_gibbs(const gsl_vector *p, const gsl_vector *phi, gsl_vector *q);

double mdl_kl_bernoulli(double q, double p);
double mdl_kl_bernoulli_inverse(double q, double c);

typedef enum {
  MDL_PAC_BAYES_KL = 1,
  MDL_PAC_BAYES_SQRT,
  MDL_PAC_BAYES_MCALLESTER
} mdl_pac_bayes_form;

double mdl_pac_bayes_bound(mdl_pac_bayes_form form, double risk, double kl,
                           size_t m, double delta);
double mdl_pac_bayes_gibbs_risk(const gsl_matrix *X, const gsl_vector *y,
                                const gsl_vector *mu, double sigma);
double mdl_pac_bayes_kl_gauss(const gsl_vector *mu, double sigma,
                              const gsl_vector *mu0, double sigma0);
int mdl_dual_norm_maximizer(const gsl_vector *z, double p, gsl_vector *v);
int mdl_deepfool_linear(const gsl_vector *w, double b, const gsl_vector *x,
                        double p, gsl_vector *r);
int mdl_spectral_norm(const gsl_matrix *A, double tol, size_t max_iter,
                      const gsl_rng *rng, double *sigma, gsl_vector *v);
int mdl_lipschitz_bound(const mdl_net *net, double tol, size_t max_iter,
                        const gsl_rng *rng, gsl_vector *norms, double *lip);
int mdl_margin_certificate(mdl_net *net, double lip, const gsl_matrix *X,
                           const gsl_vector *labels, gsl_vector *radius);
double mdl_arccos_kernel(const gsl_vector *x, const gsl_vector *y);
double mdl_relu_angle(double theta);
double mdl_relu_distance_ratio(double theta);
int mdl_hopfield_hebb(const gsl_matrix *patterns, gsl_matrix *W);
double mdl_hopfield_energy(const gsl_matrix *W, const gsl_vector *b,
                           const gsl_vector *x);
int mdl_hopfield_update(const gsl_matrix *W, const gsl_vector *b,
                        gsl_vector *x, size_t i, int *flipped);
int mdl_hopfield_sync(const gsl_matrix *W, const gsl_vector *b,
                      gsl_vector *x);
int mdl_hopfield_run(const gsl_matrix *W, const gsl_vector *b, gsl_vector *x,
                     size_t max_sweeps, size_t *sweeps);
int mdl_willshaw_store(const gsl_matrix *X, const gsl_matrix *Y,
                       gsl_matrix *Theta);
int mdl_willshaw_recall(const gsl_matrix *Theta, const gsl_vector *x,
                        gsl_vector *y);
double mdl_bootstrap_distinct(size_t n);

#endif
