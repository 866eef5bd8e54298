#ifndef MDL_GAN_H
#define MDL_GAN_H

#include <stddef.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/divergence.h>
#include <mdl/net.h>
#include <mdl/optim.h>
#ifdef __cplusplus
extern "C" {
#endif

/* mdl_gan_value: the value V(G, D) of the GAN game for discrete p_r, p_g
   and the critic's logits.  Errors: GSL_EFAULT (NULL argument),
   GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite or
   out-of-range value); returns NaN on error.  Book: ch. 5, "The GAN game
   and its divergence". */
double mdl_gan_value(const gsl_vector *p_r, const gsl_vector *p_g,
                     const gsl_vector *logit);
/* mdl_gan_optimal_logit: the logits of the optimal critic D* = p_r / (p_r
   + p_g), log p_r - log p_g.  Errors: GSL_EFAULT (NULL argument),
   GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite or
   out-of-range value).  Book: ch. 5, "The GAN game and its divergence". */
int mdl_gan_optimal_logit(const gsl_vector *p_r, const gsl_vector *p_g,
                          gsl_vector *logit);
/* mdl_gan_value_density: the value V(G, D) of the GAN game for densities
   on the line and a logit function, integrated over [lo, hi].  Errors:
   GSL_EFAULT (NULL argument), GSL_EINVAL (an invalid parameter),
   GSL_EBADFUNC (a callback that fails or returns a non-finite value),
   GSL_ENOMEM (out of memory).  Book: ch. 5, "The GAN game and its
   divergence". */
int mdl_gan_value_density(const mdl_density *p_r, const mdl_density *p_g,
                          const gsl_function *logit, double lo, double hi,
                          double *value, double *abserr);
typedef enum {
  MDL_GAN_MINIMAX = 0,
  MDL_GAN_NONSATURATING = 1,
  MDL_GAN_WASSERSTEIN = 2
} mdl_gan_loss;

typedef enum {
  MDL_GAN_ALGORITHM1 = 0,
  MDL_GAN_RELEASED_CODE = 1
} mdl_gan_schedule;

typedef struct {
  mdl_gan_loss loss;
  double lr;
  double lr_critic;
  double clip;
  size_t batch;
  size_t n_critic;
  mdl_gan_schedule schedule;
} mdl_gan_params;

typedef struct {
  int (*sample)(const gsl_rng *r, gsl_matrix *x, void *params);
  void *params;
} mdl_gan_source;

typedef struct mdl_gan mdl_gan;

/* mdl_gan_defaults: the paper's hyperparameters for a loss (RMSProp 5e-5,
   clip 0.01 for Wasserstein, m = 64, 5 critic iterations).  Errors:
   GSL_EINVAL (an invalid parameter); returns all zeros on error.  Book:
   ch. 5, "Critics: Lipschitz constants, gradients and saturation". */
mdl_gan_params mdl_gan_defaults(mdl_gan_loss loss);
/* mdl_gan_alloc: a GAN trainer (Algorithm 1 of Arjovsky et al.) for the
   given generator and critic networks; does not own the networks.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EINVAL (an invalid parameter), GSL_ENOMEM (out of memory); returns
   NULL on error.  Book: ch. 5, "Critics: Lipschitz constants, gradients
   and saturation". */
mdl_gan *mdl_gan_alloc(mdl_net *generator, mdl_net *critic,
                       const mdl_gan_params *params);
/* mdl_gan_free: frees a GAN trainer, not its networks; NULL does nothing.
   Errors: none (NULL does nothing).  Book: ch. 5, "Critics: Lipschitz
   constants, gradients and saturation". */
void mdl_gan_free(mdl_gan *gan);
/* mdl_gan_critic_step: one critic iteration: draw m data and m codes, one
   RMSProp step up the critic's objective, then clip.  Errors: GSL_EFAULT
   (NULL argument), GSL_EBADFUNC (a callback that fails or returns a
   non-finite value).  Book: ch. 5, "Critics: Lipschitz constants,
   gradients and saturation". */
int mdl_gan_critic_step(mdl_gan *gan, const mdl_gan_source *data,
                        const mdl_gan_source *prior, const gsl_rng *r,
                        double *objective);
/* mdl_gan_generator_step: one generator iteration: draw m codes and one
   RMSProp step on the generator's loss.  Errors: GSL_EFAULT (NULL
   argument), GSL_EBADFUNC (a callback that fails or returns a non-finite
   value).  Book: ch. 5, "Critics: Lipschitz constants, gradients and
   saturation". */
int mdl_gan_generator_step(mdl_gan *gan, const mdl_gan_source *prior,
                           const gsl_rng *r);
/* mdl_gan_iterate: one pass of the outer loop: the scheduled critic
   iterations, then one generator iteration.  Errors: GSL_EFAULT (NULL
   argument), GSL_EBADFUNC (a callback that fails or returns a non-finite
   value).  Book: ch. 5, "Critics: Lipschitz constants, gradients and
   saturation". */
int mdl_gan_iterate(mdl_gan *gan, const mdl_gan_source *data,
                    const mdl_gan_source *prior, const gsl_rng *r,
                    double *objective);
/* mdl_gan_critic_iterations: the number of critic iterations the schedule
   prescribes at generator iteration t.  Errors: GSL_EFAULT (NULL
   argument); returns 0 on error.  Book: ch. 5, "Critics: Lipschitz
   constants, gradients and saturation". */
size_t mdl_gan_critic_iterations(const mdl_gan *gan, size_t t);
/* mdl_gan_counts: the number of generator iterations taken so far; writes
   the number of critic iterations to *critic_iterations.  Errors:
   GSL_EFAULT (NULL argument); returns 0 on error.  Book: ch. 5, "Critics:
   Lipschitz constants, gradients and saturation". */
size_t mdl_gan_counts(const mdl_gan *gan, size_t *critic_iterations);
/* mdl_gan_objective: the critic's objective on the data rows X and the
   code rows Z, changing nothing.  Errors: GSL_EFAULT (NULL argument),
   GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite or
   out-of-range value).  Book: ch. 5, "Critics: Lipschitz constants,
   gradients and saturation". */
int mdl_gan_objective(mdl_gan *gan, const gsl_matrix *X, const gsl_matrix *Z,
                      double *value);
/* mdl_gan_critic_gradient: the gradient of the critic's objective with
   respect to the critic's parameters, on X and Z.  Errors: GSL_EFAULT
   (NULL argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a
   non-finite or out-of-range value).  Book: ch. 5, "Critics: Lipschitz
   constants, gradients and saturation". */
int mdl_gan_critic_gradient(mdl_gan *gan, const gsl_matrix *X,
                            const gsl_matrix *Z, gsl_vector *grad);
/* mdl_gan_generator_gradient: the gradient of the generator's loss with
   respect to the generator's parameters, on the codes Z.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value).  Book: ch. 5, "Critics:
   Lipschitz constants, gradients and saturation". */
int mdl_gan_generator_gradient(mdl_gan *gan, const gsl_matrix *Z,
                               gsl_vector *grad);
/* mdl_gan_clip: clamps every weight and bias of a network to [-c, c]
   (weight clipping).  Errors: GSL_EFAULT (NULL argument), GSL_EDOM (a
   non-finite or out-of-range value), GSL_EINVAL (an invalid parameter).
   Book: ch. 5, "Critics: Lipschitz constants, gradients and saturation". */
int mdl_gan_clip(mdl_net *net, double c);
/* mdl_gan_lipschitz_bound: the upper bound prod_l ||W_l||_2 prod_l
   Lip(phi_l) on a network's Lipschitz constant.  Errors: GSL_EFAULT (NULL
   argument), GSL_EDOM (a non-finite or out-of-range value), GSL_ENOMEM
   (out of memory); returns NaN on error.  Book: ch. 5, "Critics: Lipschitz
   constants, gradients and saturation". */
double mdl_gan_lipschitz_bound(const mdl_net *net);
/* mdl_gan_input_gradient: the gradient of a one-output network with
   respect to its input, at every row of X.  Errors: GSL_EFAULT (NULL
   argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite
   or out-of-range value), GSL_EINVAL (an invalid parameter), GSL_ENOMEM
   (out of memory).  Book: ch. 5, "Critics: Lipschitz constants, gradients
   and saturation". */
int mdl_gan_input_gradient(mdl_net *net, const gsl_matrix *X, gsl_matrix *dX);

#ifdef __cplusplus
}
#endif
#endif
