#ifndef MDL_OPTIM_H
#define MDL_OPTIM_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#ifdef __cplusplus
extern "C" {
#endif

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

/* mdl_optim_defaults: PyTorch's default hyperparameters for an optimizer
   type (the book's choice for SGD's learning rate).  Errors: GSL_EFAULT
   (NULL argument); returns all zeros on error.  Book: ch. 1, "Optimizers
   and their hyperparameters". */
mdl_optim_params mdl_optim_defaults(const mdl_optim_type *type);
/* mdl_optim_name: the name of an optimizer type, such as "adam".  Errors:
   GSL_EFAULT (NULL argument); returns NULL on error.  Book: ch. 1,
   "Optimizers and their hyperparameters". */
const char *mdl_optim_name(const mdl_optim_type *type);
/* mdl_optim_alloc: an optimizer of the given type for parameter vectors of
   length n.  Errors: GSL_EFAULT (NULL argument), GSL_EINVAL (an invalid
   parameter), GSL_ENOMEM (out of memory); returns NULL on error.  Book:
   ch. 1, "Optimizers and their hyperparameters". */
mdl_optim *mdl_optim_alloc(const mdl_optim_type *type, size_t n,
                           const mdl_optim_params *params);
/* mdl_optim_step: one step of the optimizer: moves theta given the
   gradient grad at theta.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN
   (sizes that do not match), GSL_EDOM (a non-finite or out-of-range
   value), GSL_ERANGE (a result that overflows).  Book: ch. 1, "Optimizers
   and their hyperparameters". */
int mdl_optim_step(mdl_optim *opt, gsl_vector *theta, const gsl_vector *grad);
/* mdl_optim_set_lr: changes the learning rate between steps, for a
   schedule.  Errors: GSL_EFAULT (NULL argument), GSL_EINVAL (an invalid
   parameter).  Book: ch. 1, "Optimizers and their hyperparameters". */
int mdl_optim_set_lr(mdl_optim *opt, double lr);
/* mdl_optim_reset: returns the optimizer's state to that of a new one.
   Errors: GSL_EFAULT (NULL argument).  Book: ch. 1, "Optimizers and their
   hyperparameters". */
int mdl_optim_reset(mdl_optim *opt);
/* mdl_optim_steps: the number of steps taken since allocation or the last
   reset.  Errors: GSL_EFAULT (NULL argument); returns 0 on error.  Book:
   ch. 1, "Optimizers and their hyperparameters". */
size_t mdl_optim_steps(const mdl_optim *opt);
/* mdl_optim_size: the dimension n of the parameter vector the optimizer was
   allocated for.  Errors: GSL_EFAULT (NULL argument); returns 0 on error.
   Book: ch. 1, "Optimizers and their hyperparameters". */
size_t mdl_optim_size(const mdl_optim *opt);
/* mdl_optim_buffer: read-only access to a state vector of the optimizer
   under PyTorch's name (NULL without error when the type has none).
   Errors: GSL_EFAULT (NULL argument), GSL_EINVAL (an invalid parameter);
   returns NULL on error.  Book: ch. 1, "Optimizers and their
   hyperparameters". */
const gsl_vector *mdl_optim_buffer(const mdl_optim *opt,
                                   mdl_optim_buffer_id which);
/* mdl_optim_free: frees an optimizer; NULL does nothing.  Errors: none
   (NULL does nothing).  Book: ch. 1, "Optimizers and their
   hyperparameters". */
void mdl_optim_free(mdl_optim *opt);
/* mdl_optim_clip_norm: rescales g to norm at most max_norm as torch's
   clip_grad_norm_ does; the norm before clipping into *norm (may be NULL).
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not
   match), GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an
   invalid parameter).  Book: ch. 1, "Clipping, projection and averaging". */
int mdl_optim_clip_norm(gsl_vector *g, double max_norm, double *norm);
/* mdl_optim_project_ball: the projection of x onto the closed ball of
   radius `radius` around center (the origin when NULL), in place.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an invalid
   parameter).  Book: ch. 1, "Clipping, projection and averaging". */
int mdl_optim_project_ball(gsl_vector *x, const gsl_vector *center,
                           double radius);
/* mdl_optim_average: the running average avg += (x - avg)/(k + 1) after k
   vectors.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do
   not match), GSL_EDOM (a non-finite or out-of-range value).  Book: ch. 1,
   "Clipping, projection and averaging". */
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

/* mdl_optim_full_gradient: the full gradient of a finite sum f = (1/N) sum
   f_i at x.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that
   do not match), GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL
   (an invalid parameter), GSL_EBADFUNC (a callback that fails or returns a
   non-finite value), GSL_ENOMEM (out of memory).  Book: ch. 1, "Finite
   sums". */
int mdl_optim_full_gradient(const mdl_optim_finite_sum *f,
                            const gsl_vector *x, gsl_vector *g);
/* mdl_optim_sampler_alloc: a minibatch sampler of `batch` indices, with or
   without replacement, for a finite sum.  Errors: GSL_EFAULT (NULL
   argument), GSL_EINVAL (an invalid parameter), GSL_ENOMEM (out of
   memory); returns NULL on error.  Book: ch. 1, "Finite sums". */
mdl_optim_sampler *mdl_optim_sampler_alloc(const mdl_optim_finite_sum *f,
                                           size_t batch, int replace);
/* mdl_optim_sampler_minibatch: the minibatch gradient (1/r) sum_{i in B}
   grad f_i(x) for a fresh minibatch B drawn from r.  Errors: GSL_EFAULT
   (NULL argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a
   non-finite or out-of-range value), GSL_EBADFUNC (a callback that fails
   or returns a non-finite value).  Book: ch. 1, "Finite sums". */
int mdl_optim_sampler_minibatch(mdl_optim_sampler *s, const gsl_vector *x,
                                gsl_rng *r, gsl_vector *g);
/* mdl_optim_sampler_snapshot: stores the SVRG snapshot x~ and its full
   gradient.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that
   do not match), GSL_EDOM (a non-finite or out-of-range value),
   GSL_EBADFUNC (a callback that fails or returns a non-finite value).
   Book: ch. 1, "Finite sums". */
int mdl_optim_sampler_snapshot(mdl_optim_sampler *s, const gsl_vector *x);
/* mdl_optim_sampler_svrg: the SVRG variance-reduced gradient estimate at
   x, for a fresh minibatch drawn from r.  Errors: GSL_EFAULT (NULL
   argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite
   or out-of-range value), GSL_EINVAL (an invalid parameter), GSL_EBADFUNC
   (a callback that fails or returns a non-finite value).  Book: ch. 1,
   "Finite sums". */
int mdl_optim_sampler_svrg(mdl_optim_sampler *s, const gsl_vector *x,
                           gsl_rng *r, gsl_vector *g);
/* mdl_optim_svrg_epoch: one outer iteration of SVRG: a snapshot at x, then
   m steps of opt; x becomes the last or the average inner iterate.
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not
   match), GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an
   invalid parameter), GSL_EBADFUNC (a callback that fails or returns a
   non-finite value), GSL_ENOMEM (out of memory).  Book: ch. 1, "Finite
   sums". */
int mdl_optim_svrg_epoch(mdl_optim_sampler *s, mdl_optim *opt,
                         gsl_vector *x, size_t m,
                         mdl_optim_svrg_option option, gsl_rng *r);
/* mdl_optim_sampler_free: frees a sampler; NULL does nothing.  Errors:
   none (NULL does nothing).  Book: ch. 1, "Finite sums". */
void mdl_optim_sampler_free(mdl_optim_sampler *s);
/* mdl_optim_newton_step: Newton's step x -= H^(-1) g for a symmetric
   positive definite H, through a Cholesky factorisation.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value), GSL_ENOMEM (out of
   memory).  Book: ch. 1, "Newton's step and random quadratics". */
int mdl_optim_newton_step(gsl_vector *x, const gsl_vector *grad,
                          const gsl_matrix *hess);
/* mdl_optim_random_spd: A = Q diag(lambda) Q^T with Q Haar-distributed
   orthogonal, drawn from r; Q into Q (may be NULL).  Errors: GSL_EFAULT
   (NULL argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a
   non-finite or out-of-range value), GSL_ENOMEM (out of memory).  Book:
   ch. 1, "Newton's step and random quadratics". */
int mdl_optim_random_spd(gsl_matrix *A, gsl_matrix *Q,
                         const gsl_vector *lambda, gsl_rng *r);

#ifdef __cplusplus
}
#endif
#endif
