#ifndef MDL_NET_H
#define MDL_NET_H

#include <stddef.h>
#include <stdio.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/optim.h>
#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  MDL_NET_IDENTITY = 0,
  MDL_NET_RELU = 1,
  MDL_NET_ABS = 2,
  MDL_NET_LEAKY_RELU = 3,
  MDL_NET_ELU = 4,
  MDL_NET_SOFTPLUS = 5,
  MDL_NET_SIGMOID = 6,
  MDL_NET_TANH = 7,
  MDL_NET_STEP = 8,
  MDL_NET_SIGN = 9,
  MDL_NET_SQUARE = 10
} mdl_net_activation;

/* mdl_net_sigmoid: the logistic function 1/(1 + exp(-z)), for every
   double, without overflow.  Errors: none (NaN in, NaN out).  Book: ch. 2,
   "The network core". */
double mdl_net_sigmoid(double z);
/* mdl_net_log_sigmoid: log sigma(z) = -softplus(-z), for every double,
   without overflow.  Errors: none (NaN in, NaN out).  Book: ch. 2, "The
   network core". */
double mdl_net_log_sigmoid(double z);
/* mdl_net_softplus: softplus(z) = log(1 + exp(z)), for every double,
   without overflow.  Errors: none (NaN in, NaN out).  Book: ch. 2, "The
   network core". */
double mdl_net_softplus(double z);
/* mdl_net_logit: the inverse of the sigmoid, log(p/(1 - p)); -inf at p = 0
   and +inf at p = 1.  Errors: GSL_EDOM (a non-finite or out-of-range
   value); returns NaN on error.  Book: ch. 2, "The network core". */
double mdl_net_logit(double p);
/* mdl_net_activate: the activation act (with parameter alpha when it has
   one) at z.  Errors: GSL_EDOM (a non-finite or out-of-range value),
   GSL_EINVAL (an invalid parameter); returns NaN on error.  Book: ch. 2,
   "The network core". */
double mdl_net_activate(mdl_net_activation act, double alpha, double z);
/* mdl_net_activate_deriv: the derivative of the activation act (with
   parameter alpha) at z.  Errors: GSL_EDOM (a non-finite or out-of-range
   value), GSL_EINVAL (an invalid parameter); returns NaN on error.  Book:
   ch. 2, "The network core". */
double mdl_net_activate_deriv(mdl_net_activation act, double alpha, double z);
/* mdl_net_activation_lipschitz: the Lipschitz constant of the activation
   act (+inf for the step, the sign and the square).  Errors: GSL_EINVAL
   (an invalid parameter); returns NaN on error.  Book: ch. 2, "The network
   core". */
double mdl_net_activation_lipschitz(mdl_net_activation act, double alpha);
typedef enum {
  MDL_NET_LOSS_SQUARED = 0,
  MDL_NET_LOSS_LOGISTIC = 1,
  MDL_NET_LOSS_LOGISTIC01 = 2,
  MDL_NET_LOSS_SOFTMAX_CE = 3,
  MDL_NET_LOSS_HINGE = 4
} mdl_net_loss;

/* mdl_net_logsumexp: log sum_i exp(z_i), without overflow.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value); returns NaN on error.
   Book: ch. 2, "The network core". */
double mdl_net_logsumexp(const gsl_vector *z);
/* mdl_net_softmax: the softmax s_i = exp(z_i) / sum_j exp(z_j), without
   overflow; s may be z.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN
   (sizes that do not match), GSL_EDOM (a non-finite or out-of-range
   value).  Book: ch. 2, "The network core". */
int mdl_net_softmax(const gsl_vector *z, gsl_vector *s);
/* mdl_net_loss_eval: the loss of the outputs V against the targets Y, and
   its gradient dV (may be NULL) that starts backpropagation.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an invalid
   parameter).  Book: ch. 2, "The network core". */
int mdl_net_loss_eval(mdl_net_loss loss, const gsl_matrix *V,
                      const gsl_matrix *Y, double *value, gsl_matrix *dV);
typedef struct mdl_net mdl_net;

/* mdl_net_alloc: a network of the given depth, widths and activations, all
   parameters zero (call mdl_net_init before training).  Errors: GSL_EFAULT
   (NULL argument), GSL_EINVAL (an invalid parameter), GSL_ENOMEM (out of
   memory); returns NULL on error.  Book: ch. 2, "The network core". */
mdl_net *mdl_net_alloc(size_t depth, const size_t *widths,
                       const mdl_net_activation *acts);
/* mdl_net_free: frees a network; NULL does nothing.  Errors: none (NULL
   does nothing).  Book: ch. 2, "The network core". */
void mdl_net_free(mdl_net *net);
/* mdl_net_clone: an independent copy of a network with the same
   parameters.  Errors: GSL_EFAULT (NULL argument); returns NULL on error.
   Book: ch. 2, "The network core". */
mdl_net *mdl_net_clone(const mdl_net *net);
/* mdl_net_set_alpha: sets the parameter alpha of the activation of layer
   l.  Errors: GSL_EFAULT (NULL argument), GSL_EINVAL (an invalid
   parameter).  Book: ch. 2, "The network core". */
int mdl_net_set_alpha(mdl_net *net, size_t l, double alpha);
/* mdl_net_alpha: the parameter alpha of the activation of layer l.
   Errors: GSL_EFAULT (NULL argument), GSL_EINVAL (an invalid parameter);
   returns NaN on error.  Book: ch. 2, "The network core". */
double mdl_net_alpha(const mdl_net *net, size_t l);
/* mdl_net_init: draws every weight and bias of layer l from
   U(-1/sqrt(n_(l-1)), 1/sqrt(n_(l-1))), PyTorch's default.  Errors:
   GSL_EFAULT (NULL argument).  Book: ch. 2, "The network core". */
int mdl_net_init(mdl_net *net, const gsl_rng *r);
/* mdl_net_depth: the number of layers L of a network.  Errors: GSL_EFAULT
   (NULL argument); returns 0 on error.  Book: ch. 2, "The network core". */
size_t mdl_net_depth(const mdl_net *net);
/* mdl_net_width: the width n_l of layer l, for l from 0 (inputs) to the
   depth.  Errors: GSL_EFAULT (NULL argument), GSL_EINVAL (an invalid
   parameter); returns 0 on error.  Book: ch. 2, "The network core". */
size_t mdl_net_width(const mdl_net *net, size_t l);
/* mdl_net_nparams: the number of parameters (weights and biases) of a
   network.  Errors: GSL_EFAULT (NULL argument); returns 0 on error.  Book:
   ch. 2, "The network core". */
size_t mdl_net_nparams(const mdl_net *net);
/* mdl_net_get_activation: writes the activation of layer l to *act.
   Errors: GSL_EFAULT (NULL argument), GSL_EINVAL (an invalid parameter).
   Book: ch. 2, "The network core". */
int mdl_net_get_activation(const mdl_net *net, size_t l,
                           mdl_net_activation *act);
/* mdl_net_params: the parameter vector theta itself (not a copy), for an
   optimizer to update in place.  Errors: GSL_EFAULT (NULL argument);
   returns NULL on error.  Book: ch. 2, "The network core". */
gsl_vector *mdl_net_params(mdl_net *net);
/* mdl_net_weight: a view of the weight matrix W_l of layer l inside v (a
   vector laid out like theta) or inside theta when v is NULL.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EINVAL (an invalid parameter); returns a view whose data is NULL on
   error.  Book: ch. 2, "The network core". */
gsl_matrix_view mdl_net_weight(const mdl_net *net, gsl_vector *v, size_t l);
/* mdl_net_bias: a view of the bias b_l of layer l inside v (laid out like
   theta) or inside theta when v is NULL.  Errors: GSL_EBADLEN (sizes that
   do not match), GSL_EINVAL (an invalid parameter); returns a view whose
   data is NULL on error.  Book: ch. 2, "The network core". */
gsl_vector_view mdl_net_bias(const mdl_net *net, gsl_vector *v, size_t l);
/* mdl_net_forward: the outputs Y of a batch X (one example per row),
   keeping the activations for mdl_net_backward.  Errors: GSL_EFAULT (NULL
   argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite
   or out-of-range value).  Book: ch. 2, "The network core". */
int mdl_net_forward(mdl_net *net, const gsl_matrix *X, gsl_matrix *Y);
/* mdl_net_backward: backpropagation of dY through the last forward pass:
   dL/dtheta into grad and dL/dX into dX (either may be NULL).  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an invalid
   parameter).  Book: ch. 2, "The network core". */
int mdl_net_backward(mdl_net *net, const gsl_matrix *dY, gsl_vector *grad,
                     gsl_matrix *dX);
/* mdl_net_gradient: the loss of the network on X against Y and its
   gradient with respect to the parameters (forward, loss, backward).
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not
   match), GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an
   invalid parameter).  Book: ch. 2, "The network core". */
int mdl_net_gradient(mdl_net *net, mdl_net_loss loss, const gsl_matrix *X,
                     const gsl_matrix *Y, double *value, gsl_vector *grad);
/* mdl_net_sgd_step: one plain gradient step theta -= lr * grad of the loss
   on X, Y; the loss before the step into *value (may be NULL).  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an invalid
   parameter), GSL_ENOMEM (out of memory).  Book: ch. 2, "The network
   core". */
int mdl_net_sgd_step(mdl_net *net, double lr, mdl_net_loss loss,
                     const gsl_matrix *X, const gsl_matrix *Y, double *value);
/* mdl_net_train_step: one step of the optimizer opt on the loss of the
   batch X, Y; the loss before the step into *value (may be NULL).  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_ENOMEM (out of memory).  Book: ch. 2, "The network core". */
int mdl_net_train_step(mdl_net *net, mdl_optim *opt, mdl_net_loss loss,
                       const gsl_matrix *X, const gsl_matrix *Y,
                       double *value);
/* mdl_net_train_epoch: one pass over the rows of X, Y in minibatches of
   `batch` rows, shuffled with r (in order when r is NULL); the mean loss
   to *mean_loss.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes
   that do not match), GSL_EDOM (a non-finite or out-of-range value),
   GSL_EINVAL (an invalid parameter), GSL_ENOMEM (out of memory).  Book:
   ch. 2, "The network core". */
int mdl_net_train_epoch(mdl_net *net, mdl_optim *opt, mdl_net_loss loss,
                        const gsl_matrix *X, const gsl_matrix *Y,
                        size_t batch, const gsl_rng *r, double *mean_loss);
/* mdl_net_fwrite: writes a network to a binary stream (the format of the
   book, with checksums).  Errors: GSL_EFAULT (NULL argument), GSL_EFAILED
   (a stream that fails or a corrupted file).  Book: ch. 2, "The network
   core". */
int mdl_net_fwrite(FILE *stream, const mdl_net *net);
/* mdl_net_fread: reads a network written by mdl_net_fwrite.  Errors:
   GSL_EFAULT (NULL argument), GSL_EFAILED (a stream that fails or a
   corrupted file), GSL_EOF (a file that ends early), GSL_EUNSUP (an
   unknown format version), GSL_ENOMEM (out of memory); returns NULL on
   error.  Book: ch. 2, "The network core". */
mdl_net *mdl_net_fread(FILE *stream);
typedef enum {
  MDL_NET_OP_ADD = 0,
  MDL_NET_OP_MUL = 1,
  MDL_NET_OP_SIN = 2,
  MDL_NET_OP_EXP = 3,
  MDL_NET_OP_TANH = 4
} mdl_net_op;

typedef struct mdl_net_graph mdl_net_graph;

/* mdl_net_graph_alloc: a computational graph whose first ninputs nodes are
   the inputs.  Errors: GSL_EINVAL (an invalid parameter), GSL_ENOMEM (out
   of memory); returns NULL on error.  Book: ch. 2, "Forward and reverse
   mode". */
mdl_net_graph *mdl_net_graph_alloc(size_t ninputs);
/* mdl_net_graph_free: frees a computational graph; NULL does nothing.
   Errors: none (NULL does nothing).  Book: ch. 2, "Forward and reverse
   mode". */
void mdl_net_graph_free(mdl_net_graph *g);
/* mdl_net_graph_add: appends a node computing op of nodes a and b (b
   ignored by unary operations); its index into *node.  Errors: GSL_EFAULT
   (NULL argument), GSL_EINVAL (an invalid parameter), GSL_ENOMEM (out of
   memory).  Book: ch. 2, "Forward and reverse mode". */
int mdl_net_graph_add(mdl_net_graph *g, mdl_net_op op, size_t a, size_t b,
                      size_t *node);
/* mdl_net_graph_output: marks a node as the graph's next output.  Errors:
   GSL_EFAULT (NULL argument), GSL_EINVAL (an invalid parameter),
   GSL_ENOMEM (out of memory).  Book: ch. 2, "Forward and reverse mode". */
int mdl_net_graph_output(mdl_net_graph *g, size_t node);
/* mdl_net_graph_size: the numbers of nodes, edges and outputs of a graph.
   Errors: GSL_EFAULT (NULL argument).  Book: ch. 2, "Forward and reverse
   mode". */
int mdl_net_graph_size(const mdl_net_graph *g, size_t *nodes, size_t *edges,
                       size_t *outputs);
/* mdl_net_graph_eval: the graph's outputs at x, into y.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value).  Book: ch. 2, "Forward
   and reverse mode". */
int mdl_net_graph_eval(mdl_net_graph *g, const gsl_vector *x, gsl_vector *y);
/* mdl_net_graph_jacobian: the M x N Jacobian of the graph at x by reverse
   (reverse != 0) or forward mode, and the operation count into *ops (may
   be NULL).  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that
   do not match), GSL_EDOM (a non-finite or out-of-range value).  Book: ch.
   2, "Forward and reverse mode". */
int mdl_net_graph_jacobian(mdl_net_graph *g, const gsl_vector *x, int reverse,
                           gsl_matrix *J, size_t *ops);

#ifdef __cplusplus
}
#endif
#endif
