#ifndef MDL_LEARN_H
#define MDL_LEARN_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/net.h>
#include <mdl/numcheck.h>
#ifdef __cplusplus
extern "C" {
#endif

/* mdl_perceptron_update: one perceptron update: theta += y x when y
   x.theta <= 0; *mistake (may be NULL) says whether it did.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value).  Book: ch. 7, "The
   perceptron and Novikoff's theorem". */
int mdl_perceptron_update(const gsl_vector *x, double y, gsl_vector *theta,
                          int *mistake);
/* mdl_perceptron_train: cyclic perceptron passes over the rows of X from
   the given theta until a pass without mistakes; the number of updates to
   *mistakes.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that
   do not match), GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL
   (an invalid parameter), GSL_EMAXITER (the iteration limit reached),
   GSL_ENOMEM (out of memory).  Book: ch. 7, "The perceptron and Novikoff's
   theorem". */
int mdl_perceptron_train(const gsl_matrix *X, const gsl_vector *y,
                         gsl_vector *theta, size_t max_epochs,
                         size_t *mistakes);
/* mdl_margin: the margin min_i y_i x_i.theta / ||theta|| of theta on the
   rows of X.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that
   do not match), GSL_EDOM (a non-finite or out-of-range value); returns
   NaN on error.  Book: ch. 7, "The perceptron and Novikoff's theorem". */
double mdl_margin(const gsl_matrix *X, const gsl_vector *y,
                  const gsl_vector *theta);
/* mdl_halfspace_separable: decides whether the labels y of the rows of X
   are separable by a homogeneous halfspace; writes 1 or 0.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value), GSL_ENOMEM (out of
   memory).  Book: ch. 7, "Cover's function counting theorem". */
int mdl_halfspace_separable(const gsl_matrix *X, const gsl_vector *y,
                            int *separable);
/* mdl_halfspace_dichotomies: the number of homogeneously separable
   dichotomies of the rows of X, by enumerating all 2^s.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an invalid
   parameter), GSL_ENOMEM (out of memory).  Book: ch. 7, "Cover's function
   counting theorem". */
int mdl_halfspace_dichotomies(const gsl_matrix *X, double *count);
/* mdl_halfspace_shatters: writes 1 when homogeneous halfspaces shatter the
   rows of X, 0 otherwise.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN
   (sizes that do not match), GSL_EDOM (a non-finite or out-of-range
   value).  Book: ch. 7, "Cover's function counting theorem". */
int mdl_halfspace_shatters(const gsl_matrix *X, int *shattered);
/* mdl_cover_count: Cover's count C(s, n) = 2 sum_{k<n} binom(s-1, k) of
   separable dichotomies of s points in general position in R^n.  Errors:
   GSL_EDOM (a non-finite or out-of-range value); returns NaN on error.
   Book: ch. 7, "Cover's function counting theorem". */
double mdl_cover_count(size_t s, size_t n);
/* mdl_sauer_bound: the Sauer-Shelah bound Phi_d(s) = sum_{i<=d} binom(s,
   i) on the growth function.  Errors: none (every pair of sizes is valid).
   Book: ch. 7, "Cover's function counting theorem". */
double mdl_sauer_bound(size_t s, size_t d);
/* mdl_hoeffding_bound: Hoeffding's bound exp(-2 n^2 t^2 / sum (b_i -
   a_i)^2) on P(mean - E mean >= t) for n variables with ranges [a_i, b_i].
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not
   match), GSL_EDOM (a non-finite or out-of-range value); returns NaN on
   error.  Book: ch. 7, "Concentration and uniform convergence". */
double mdl_hoeffding_bound(const gsl_vector *a, const gsl_vector *b,
                           double t);
/* mdl_finite_class_bound: the deviation term sqrt((ln size + ln(1/delta))
   / (2n)) of the uniform bound for a finite class.  Errors: GSL_EDOM (a
   non-finite or out-of-range value), GSL_EINVAL (an invalid parameter);
   returns NaN on error.  Book: ch. 7, "Concentration and uniform
   convergence". */
double mdl_finite_class_bound(double size, size_t n, double delta);
/* mdl_vc_bound: the deviation term of the VC bound, given the logarithm ln
   S(2n) of the growth function.  Errors: GSL_EDOM (a non-finite or
   out-of-range value), GSL_EINVAL (an invalid parameter); returns NaN on
   error.  Book: ch. 7, "Concentration and uniform convergence". */
double mdl_vc_bound(double log_growth, size_t n, double delta);
/* mdl_rademacher_linear_sup: sup over ||w|| <= B of (1/s) sum_i sigma_i
   w.x_i, and the maximiser into w (may be NULL).  Errors: GSL_EFAULT (NULL
   argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite
   or out-of-range value), GSL_ENOMEM (out of memory); returns NaN on
   error.  Book: ch. 7, "Rademacher complexity". */
double mdl_rademacher_linear_sup(const gsl_matrix *X, const gsl_vector *sigma,
                                 double B, gsl_vector *w);
/* mdl_rademacher_linear: a Monte Carlo estimate of the empirical
   Rademacher complexity of the linear class of norm B on the rows of X.
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not
   match), GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an
   invalid parameter), GSL_ENOMEM (out of memory).  Book: ch. 7,
   "Rademacher complexity". */
int mdl_rademacher_linear(const gsl_matrix *X, double B, size_t draws,
                          const gsl_rng *r, mdl_numcheck_estimate *est);
/* mdl_dv_kl: the Kullback-Leibler divergence KL(q || p) of two probability
   vectors (+inf when some q_i > 0 = p_i).  Errors: GSL_EFAULT (NULL
   argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite
   or out-of-range value); returns NaN on error.  Book: ch. 7, "PAC-Bayes
   bounds". */
double mdl_dv_kl(const gsl_vector *q, const gsl_vector *p);
/* mdl_dv_log_mgf: ln E_p[exp(phi)], the log moment generating function of
   phi under the probability vector p.  Errors: GSL_EFAULT (NULL argument),
   GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite or
   out-of-range value); returns NaN on error.  Book: ch. 7, "PAC-Bayes
   bounds". */
double mdl_dv_log_mgf(const gsl_vector *p, const gsl_vector *phi);
/* mdl_dv_gibbs: the Gibbs distribution q_i proportional to p_i exp(phi_i),
   the maximiser in the Donsker-Varadhan formula.  Errors: GSL_EFAULT (NULL
   argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite
   or out-of-range value).  Book: ch. 7, "PAC-Bayes bounds". */
int mdl_dv_gibbs(const gsl_vector *p, const gsl_vector *phi, gsl_vector *q);

/* mdl_kl_bernoulli: kl(q || p), the divergence between Bernoulli
   distributions of means q and p.  Errors: GSL_EDOM (a non-finite or
   out-of-range value); returns NaN on error.  Book: ch. 7, "PAC-Bayes
   bounds". */
double mdl_kl_bernoulli(double q, double p);
/* mdl_kl_bernoulli_inverse: the kl inverse max{p : kl(q || p) <= c},
   rounded up to the next double.  Errors: GSL_EDOM (a non-finite or
   out-of-range value); returns NaN on error.  Book: ch. 7, "PAC-Bayes
   bounds". */
double mdl_kl_bernoulli_inverse(double q, double c);

typedef enum {
  MDL_PAC_BAYES_KL = 1,
  MDL_PAC_BAYES_SQRT,
  MDL_PAC_BAYES_MCALLESTER
} mdl_pac_bayes_form;

/* mdl_pac_bayes_bound: the PAC-Bayes bound on the risk L(Q) in the chosen
   form, from the empirical risk, KL(Q || P), m and delta.  Errors:
   GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an invalid
   parameter); returns NaN on error.  Book: ch. 7, "PAC-Bayes bounds". */
double mdl_pac_bayes_bound(mdl_pac_bayes_form form, double risk, double kl,
                           size_t m, double delta);
/* mdl_pac_bayes_gibbs_risk: the empirical risk of the Gibbs classifier
   with weights drawn from N(mu, sigma^2 I), on the rows of X.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value); returns NaN on error.
   Book: ch. 7, "PAC-Bayes bounds". */
double mdl_pac_bayes_gibbs_risk(const gsl_matrix *X, const gsl_vector *y,
                                const gsl_vector *mu, double sigma);
/* mdl_pac_bayes_kl_gauss: KL(N(mu, sigma^2 I) || N(mu0, sigma0^2 I)).
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not
   match), GSL_EDOM (a non-finite or out-of-range value); returns NaN on
   error.  Book: ch. 7, "PAC-Bayes bounds". */
double mdl_pac_bayes_kl_gauss(const gsl_vector *mu, double sigma,
                              const gsl_vector *mu0, double sigma0);
/* mdl_dual_norm_maximizer: the maximiser v* of z.v over the unit ball of
   the l_p norm (p = GSL_POSINF for l_inf); v = 0 when z = 0.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value).  Book: ch. 7, "Margins,
   perturbations and spectral norms". */
int mdl_dual_norm_maximizer(const gsl_vector *z, double p, gsl_vector *v);
/* mdl_deepfool_linear: the smallest l_p perturbation r that moves x onto
   the decision boundary of the linear classifier w.x + b.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value).  Book: ch. 7, "Margins,
   perturbations and spectral norms". */
int mdl_deepfool_linear(const gsl_vector *w, double b, const gsl_vector *x,
                        double p, gsl_vector *r);
/* mdl_spectral_norm: the spectral norm ||A||_2 by power iteration on A^T
   A, to relative tolerance tol; the top right singular vector into v (may
   be NULL).  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that
   do not match), GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL
   (an invalid parameter), GSL_EMAXITER (the iteration limit reached),
   GSL_ENOMEM (out of memory).  Book: ch. 7, "Margins, perturbations and
   spectral norms". */
int mdl_spectral_norm(const gsl_matrix *A, double tol, size_t max_iter,
                      const gsl_rng *rng, double *sigma, gsl_vector *v);
/* mdl_lipschitz_bound: the Lipschitz bound prod_l ||W_l||_2 Lip(phi_l) of
   a network, each norm by mdl_spectral_norm; the norms into `norms` (may
   be NULL).  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that
   do not match), GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL
   (an invalid parameter), GSL_EMAXITER (the iteration limit reached),
   GSL_ENOMEM (out of memory).  Book: ch. 7, "The margin of a ReLU
   network". */
int mdl_lipschitz_bound(const mdl_net *net, double tol, size_t max_iter,
                        const gsl_rng *rng, gsl_vector *norms, double *lip);
/* mdl_margin_certificate: the certified robustness radius of each row of X
   for its label, from the output margin and the Lipschitz constant lip.
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not
   match), GSL_EDOM (a non-finite or out-of-range value), GSL_ENOMEM (out
   of memory).  Book: ch. 7, "The margin of a ReLU network". */
int mdl_margin_certificate(mdl_net *net, double lip, const gsl_matrix *X,
                           const gsl_vector *labels, gsl_vector *radius);
/* mdl_arccos_kernel: the arc-cosine kernel k(x, y) of a random ReLU layer
   (0 when x or y is 0).  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN
   (sizes that do not match), GSL_EDOM (a non-finite or out-of-range
   value); returns NaN on error.  Book: ch. 7, "Random ReLU layers and
   angles". */
double mdl_arccos_kernel(const gsl_vector *x, const gsl_vector *y);
/* mdl_relu_angle: the angle between the images of two vectors at angle
   theta under a wide random ReLU layer.  Errors: GSL_EDOM (a non-finite or
   out-of-range value); returns NaN on error.  Book: ch. 7, "Random ReLU
   layers and angles". */
double mdl_relu_angle(double theta);
/* mdl_relu_distance_ratio: the ratio D(theta) by which a wide random ReLU
   layer scales the distance of two unit vectors at angle theta.  Errors:
   GSL_EDOM (a non-finite or out-of-range value); returns NaN on error.
   Book: ch. 7, "Random ReLU layers and angles". */
double mdl_relu_distance_ratio(double theta);
/* mdl_hopfield_hebb: the Hebbian weights W = Xi^T Xi - s I of a Hopfield
   network storing the s rows of +-1 patterns.  Errors: GSL_EFAULT (NULL
   argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite
   or out-of-range value).  Book: ch. 7, "Associative memories". */
int mdl_hopfield_hebb(const gsl_matrix *patterns, gsl_matrix *W);
/* mdl_hopfield_energy: the Hopfield energy E(x) = -x^T W x / 2 - b.x (b
   may be NULL for zero thresholds).  Errors: GSL_EFAULT (NULL argument),
   GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite or
   out-of-range value); returns NaN on error.  Book: ch. 7, "Associative
   memories". */
double mdl_hopfield_energy(const gsl_matrix *W, const gsl_vector *b,
                           const gsl_vector *x);
/* mdl_hopfield_update: the asynchronous update of unit i of x; *flipped
   (may be NULL) says whether it changed.  Errors: GSL_EFAULT (NULL
   argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite
   or out-of-range value), GSL_EINVAL (an invalid parameter).  Book: ch. 7,
   "Associative memories". */
int mdl_hopfield_update(const gsl_matrix *W, const gsl_vector *b,
                        gsl_vector *x, size_t i, int *flipped);
/* mdl_hopfield_sync: the synchronous update of all units of x at once.
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not
   match), GSL_EDOM (a non-finite or out-of-range value), GSL_ENOMEM (out
   of memory).  Book: ch. 7, "Associative memories". */
int mdl_hopfield_sync(const gsl_matrix *W, const gsl_vector *b,
                      gsl_vector *x);
/* mdl_hopfield_run: asynchronous sweeps over the units until a sweep
   changes nothing; the number of sweeps to *sweeps (may be NULL).  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an invalid
   parameter), GSL_EMAXITER (the iteration limit reached), GSL_ENOMEM (out
   of memory).  Book: ch. 7, "Associative memories". */
int mdl_hopfield_run(const gsl_matrix *W, const gsl_vector *b, gsl_vector *x,
                     size_t max_sweeps, size_t *sweeps);
/* mdl_willshaw_store: the binary weights Theta of a Willshaw associative
   memory storing the pattern pairs (rows of X, rows of Y).  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value).  Book: ch. 7,
   "Associative memories". */
int mdl_willshaw_store(const gsl_matrix *X, const gsl_matrix *Y,
                       gsl_matrix *Theta);
/* mdl_willshaw_recall: the recall of a Willshaw memory for the cue x, into
   y.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not
   match), GSL_EDOM (a non-finite or out-of-range value), GSL_ENOMEM (out
   of memory).  Book: ch. 7, "Associative memories". */
int mdl_willshaw_recall(const gsl_matrix *Theta, const gsl_vector *x,
                        gsl_vector *y);
/* mdl_bootstrap_distinct: the expected fraction 1 - (1 - 1/n)^n of
   distinct points in a bootstrap sample of size n.  Errors: GSL_EDOM (a
   non-finite or out-of-range value); returns NaN on error.  Book: ch. 7,
   "Bootstrap samples". */
double mdl_bootstrap_distinct(size_t n);

#ifdef __cplusplus
}
#endif
#endif
