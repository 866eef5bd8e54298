#ifndef MDL_NET_H
#define MDL_NET_H

#include <stddef.h>
#include <stdio.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/optim.h>

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

double mdl_net_sigmoid(double z);
double mdl_net_log_sigmoid(double z);
double mdl_net_softplus(double z);
double mdl_net_logit(double p);
double mdl_net_activate(mdl_net_activation act, double alpha, double z);
double mdl_net_activate_deriv(mdl_net_activation act, double alpha, double z);
double mdl_net_activation_lipschitz(mdl_net_activation act, double alpha);
typedef enum {
  MDL_NET_LOSS_SQUARED = 0,
  MDL_NET_LOSS_LOGISTIC = 1,
  MDL_NET_LOSS_LOGISTIC01 = 2,
  MDL_NET_LOSS_SOFTMAX_CE = 3,
  MDL_NET_LOSS_HINGE = 4
} mdl_net_loss;

double mdl_net_logsumexp(const gsl_vector *z);
int mdl_net_softmax(const gsl_vector *z, gsl_vector *s);
int mdl_net_loss_eval(mdl_net_loss loss, const gsl_matrix *V,
                      const gsl_matrix *Y, double *value, gsl_matrix *dV);
typedef struct mdl_net mdl_net;

mdl_net *mdl_net_alloc(size_t depth, const size_t *widths,
                       const mdl_net_activation *acts);
void mdl_net_free(mdl_net *net);
mdl_net *mdl_net_clone(const mdl_net *net);
int mdl_net_set_alpha(mdl_net *net, size_t l, double alpha);
double mdl_net_alpha(const mdl_net *net, size_t l);
int mdl_net_init(mdl_net *net, const gsl_rng *r);
size_t mdl_net_depth(const mdl_net *net);
size_t mdl_net_width(const mdl_net *net, size_t l);
size_t mdl_net_nparams(const mdl_net *net);
int mdl_net_get_activation(const mdl_net *net, size_t l,
                           mdl_net_activation *act);
gsl_vector *mdl_net_params(mdl_net *net);
gsl_matrix_view mdl_net_weight(const mdl_net *net, gsl_vector *v, size_t l);
gsl_vector_view mdl_net_bias(const mdl_net *net, gsl_vector *v, size_t l);
int mdl_net_forward(mdl_net *net, const gsl_matrix *X, gsl_matrix *Y);
int mdl_net_backward(mdl_net *net, const gsl_matrix *dY, gsl_vector *grad,
                     gsl_matrix *dX);
int mdl_net_gradient(mdl_net *net, mdl_net_loss loss, const gsl_matrix *X,
                     const gsl_matrix *Y, double *value, gsl_vector *grad);
int mdl_net_sgd_step(mdl_net *net, double lr, mdl_net_loss loss,
                     const gsl_matrix *X, const gsl_matrix *Y, double *value);
int mdl_net_train_step(mdl_net *net, mdl_optim *opt, mdl_net_loss loss,
                       const gsl_matrix *X, const gsl_matrix *Y,
                       double *value);
int mdl_net_train_epoch(mdl_net *net, mdl_optim *opt, mdl_net_loss loss,
                        const gsl_matrix *X, const gsl_matrix *Y,
                        size_t batch, const gsl_rng *r, double *mean_loss);
/* mdl_net_predict: the outputs Y of the batch X, from a const network (no
   state kept for a backward pass).  Errors: GSL_EFAULT (NULL), GSL_EBADLEN
   (shapes, empty X), GSL_EDOM (non-finite X), GSL_ENOMEM.  Book: ch. 2,
   "Using a network, and data to train it on". */
int mdl_net_predict(const mdl_net *net, const gsl_matrix *X, gsl_matrix *Y);
/* mdl_net_loss_value: the mean loss of the batch (X, Y), without a gradient.
   Errors: those of mdl_net_predict and mdl_net_loss_eval.  Book: ch. 2,
   "Using a network, and data to train it on". */
int mdl_net_loss_value(const mdl_net *net, mdl_net_loss loss,
                       const gsl_matrix *X, const gsl_matrix *Y,
                       double *value);
/* mdl_net_accuracy: the fraction of correct predictions for a classification
   loss.  Errors: GSL_EFAULT, GSL_EBADLEN, GSL_EDOM (a label or target
   without a class), GSL_EINVAL (the squared loss), GSL_ENOMEM.  Book: ch. 2,
   "Using a network, and data to train it on". */
int mdl_net_accuracy(const mdl_net *net, mdl_net_loss loss,
                     const gsl_matrix *X, const gsl_matrix *Y, double *acc);
/* mdl_data_moons: two interleaving half circles with labels -1, +1, noise
   N(0, noise^2), drawn from seed.  Errors: GSL_EFAULT, GSL_EBADLEN (X not
   n x 2, y not of length n, n = 0), GSL_EDOM (noise < 0 or not finite).
   Book: ch. 2, "Using a network, and data to train it on". */
int mdl_data_moons(unsigned long seed, double noise, gsl_matrix *X,
                   gsl_vector *y);
/* mdl_data_spirals: two spirals with labels +1, -1, noise N(0, noise^2),
   drawn from seed.  Errors: as mdl_data_moons.  Book: ch. 2, "Using a
   network, and data to train it on". */
int mdl_data_spirals(unsigned long seed, double noise, gsl_matrix *X,
                     gsl_vector *y);
/* mdl_data_gaussian_mixture: row i from N(mu_k, sigma^2 I), k = i mod K,
   label k, drawn from seed.  Errors: GSL_EFAULT, GSL_EBADLEN (shapes, empty),
   GSL_EDOM (sigma < 0 or not finite, a non-finite mean), GSL_ENOMEM.
   Book: ch. 2, "Using a network, and data to train it on". */
int mdl_data_gaussian_mixture(unsigned long seed, const gsl_matrix *means,
                              double sigma, gsl_matrix *X, gsl_vector *y);
int mdl_net_fwrite(FILE *stream, const mdl_net *net);
mdl_net *mdl_net_fread(FILE *stream);
/* mdl_net_save: write net to the file path.  Errors: GSL_EFAULT (NULL),
   GSL_EFAILED (cannot open, write or close; no file is left).  Book: ch. 2,
   "Using a network, and data to train it on". */
int mdl_net_save(const mdl_net *net, const char *path);
/* mdl_net_load: read a network from the file path; NULL on error.
   Errors: GSL_EFAULT (NULL path), GSL_EFAILED (cannot open, not exactly one
   network), and those of mdl_net_fread.  Book: ch. 2, "Using a network, and
   data to train it on". */
mdl_net *mdl_net_load(const char *path);
typedef enum {
  MDL_NET_OP_ADD = 0,
  MDL_NET_OP_MUL = 1,
  MDL_NET_OP_SIN = 2,
  MDL_NET_OP_EXP = 3,
  MDL_NET_OP_TANH = 4
} mdl_net_op;

typedef struct mdl_net_graph mdl_net_graph;

mdl_net_graph *mdl_net_graph_alloc(size_t ninputs);
void mdl_net_graph_free(mdl_net_graph *g);
int mdl_net_graph_add(mdl_net_graph *g, mdl_net_op op, size_t a, size_t b,
                      size_t *node);
int mdl_net_graph_output(mdl_net_graph *g, size_t node);
int mdl_net_graph_size(const mdl_net_graph *g, size_t *nodes, size_t *edges,
                       size_t *outputs);
int mdl_net_graph_eval(mdl_net_graph *g, const gsl_vector *x, gsl_vector *y);
int mdl_net_graph_jacobian(mdl_net_graph *g, const gsl_vector *x, int reverse,
                           gsl_matrix *J, size_t *ops);

#endif
