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

double mdl_gan_value(const gsl_vector *p_r, const gsl_vector *p_g,
                     const gsl_vector *logit);
int mdl_gan_optimal_logit(const gsl_vector *p_r, const gsl_vector *p_g,
                          gsl_vector *logit);
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

mdl_gan_params mdl_gan_defaults(mdl_gan_loss loss);
mdl_gan *mdl_gan_alloc(mdl_net *generator, mdl_net *critic,
                       const mdl_gan_params *params);
void mdl_gan_free(mdl_gan *gan);
int mdl_gan_critic_step(mdl_gan *gan, const mdl_gan_source *data,
                        const mdl_gan_source *prior, const gsl_rng *r,
                        double *objective);
int mdl_gan_generator_step(mdl_gan *gan, const mdl_gan_source *prior,
                           const gsl_rng *r);
int mdl_gan_iterate(mdl_gan *gan, const mdl_gan_source *data,
                    const mdl_gan_source *prior, const gsl_rng *r,
                    double *objective);
size_t mdl_gan_critic_iterations(const mdl_gan *gan, size_t t);
size_t mdl_gan_counts(const mdl_gan *gan, size_t *critic_iterations);
int mdl_gan_objective(mdl_gan *gan, const gsl_matrix *X, const gsl_matrix *Z,
                      double *value);
int mdl_gan_critic_gradient(mdl_gan *gan, const gsl_matrix *X,
                            const gsl_matrix *Z, gsl_vector *grad);
int mdl_gan_generator_gradient(mdl_gan *gan, const gsl_matrix *Z,
                               gsl_vector *grad);
int mdl_gan_clip(mdl_net *net, double c);
double mdl_gan_lipschitz_bound(const mdl_net *net);
int mdl_gan_input_gradient(mdl_net *net, const gsl_matrix *X, gsl_matrix *dX);
/* mdl_gan_train_critic: steps of opt on the critic to maximise
   mean f(X) - mean f(Y), clipping to [-clip, clip] when clip > 0; writes the
   final objective.  Errors: GSL_EFAULT (NULL), GSL_EBADLEN (shapes, empty
   samples, more than one output), GSL_EINVAL (clip < 0 or NaN), and those of
   the network and the optimizer.  Book: ch. 5, "Histograms, and a critic
   between two samples". */
int mdl_gan_train_critic(mdl_net *critic, mdl_optim *opt, const gsl_matrix *X,
                         const gsl_matrix *Y, double clip, size_t steps,
                         double *objective);

#endif
