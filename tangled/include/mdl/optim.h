#ifndef MDL_OPTIM_H
#define MDL_OPTIM_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>

typedef struct mdl_optim_type mdl_optim_type;
typedef struct mdl_optim mdl_optim;

typedef struct {
  double lr;
  double momentum;
  double alpha;
  double beta1, beta2;
  double eps;
  double weight_decay;
  double dampening;
  double lr_decay;
  double initial_accumulator_value;
  int centered;
  int no_bias_correction;
  double max_norm;
  double radius;
} mdl_optim_params;

extern const mdl_optim_type *const mdl_optim_gd;
extern const mdl_optim_type *const mdl_optim_heavy_ball;
extern const mdl_optim_type *const mdl_optim_nesterov;
extern const mdl_optim_type *const mdl_optim_nesterov_xy;
extern const mdl_optim_type *const mdl_optim_adagrad;
extern const mdl_optim_type *const mdl_optim_rmsprop;
extern const mdl_optim_type *const mdl_optim_adam;
extern const mdl_optim_type *const mdl_optim_amsgrad;
extern const mdl_optim_type *const mdl_optim_signsgd;
typedef enum {
  MDL_OPTIM_MOMENTUM_BUFFER = 1,
  MDL_OPTIM_SUM,
  MDL_OPTIM_SQUARE_AVG,
  MDL_OPTIM_GRAD_AVG,
  MDL_OPTIM_EXP_AVG,
  MDL_OPTIM_EXP_AVG_SQ,
  MDL_OPTIM_MAX_EXP_AVG_SQ,
  MDL_OPTIM_PREVIOUS_X
} mdl_optim_buffer_id;

mdl_optim_params mdl_optim_defaults(const mdl_optim_type *type);
const char *mdl_optim_name(const mdl_optim_type *type);
mdl_optim *mdl_optim_alloc(const mdl_optim_type *type, size_t n,
                           const mdl_optim_params *params);
int mdl_optim_step(mdl_optim *opt, gsl_vector *theta, const gsl_vector *grad);
int mdl_optim_set_lr(mdl_optim *opt, double lr);
int mdl_optim_reset(mdl_optim *opt);
size_t mdl_optim_steps(const mdl_optim *opt);
const gsl_vector *mdl_optim_buffer(const mdl_optim *opt,
                                   mdl_optim_buffer_id which);
void mdl_optim_free(mdl_optim *opt);
int mdl_optim_clip_norm(gsl_vector *g, double max_norm, double *norm);
int mdl_optim_project_ball(gsl_vector *x, const gsl_vector *center,
                           double radius);
int mdl_optim_average(gsl_vector *avg, const gsl_vector *x, size_t k);
typedef struct {
  int (*gradient)(size_t i, const gsl_vector *x, void *params, gsl_vector *g);
  size_t n;
  size_t dim;
  void *params;
} mdl_optim_finite_sum;

typedef struct mdl_optim_sampler mdl_optim_sampler;

typedef enum {
  MDL_OPTIM_SVRG_LAST = 1,
  MDL_OPTIM_SVRG_RANDOM
} mdl_optim_svrg_option;

int mdl_optim_full_gradient(const mdl_optim_finite_sum *f,
                            const gsl_vector *x, gsl_vector *g);
mdl_optim_sampler *mdl_optim_sampler_alloc(const mdl_optim_finite_sum *f,
                                           size_t batch, int replace);
int mdl_optim_sampler_minibatch(mdl_optim_sampler *s, const gsl_vector *x,
                                gsl_rng *r, gsl_vector *g);
int mdl_optim_sampler_snapshot(mdl_optim_sampler *s, const gsl_vector *x);
int mdl_optim_sampler_svrg(mdl_optim_sampler *s, const gsl_vector *x,
                           gsl_rng *r, gsl_vector *g);
int mdl_optim_svrg_epoch(mdl_optim_sampler *s, mdl_optim *opt,
                         gsl_vector *x, size_t m,
                         mdl_optim_svrg_option option, gsl_rng *r);
void mdl_optim_sampler_free(mdl_optim_sampler *s);
int mdl_optim_newton_step(gsl_vector *x, const gsl_vector *grad,
                          const gsl_matrix *hess);
int mdl_optim_random_spd(gsl_matrix *A, gsl_matrix *Q,
                         const gsl_vector *lambda, gsl_rng *r);

#endif
