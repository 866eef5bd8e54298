#ifndef MDL_RNN_H
#define MDL_RNN_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/net.h>
#include <mdl/optim.h>
#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  MDL_RNN_ELMAN_TANH = 0,
  MDL_RNN_ELMAN_RELU = 1,
  MDL_RNN_LSTM = 2,
  MDL_RNN_GRU = 3
} mdl_rnn_cell;

/* mdl_rnn_gates: the number of gate blocks G of a recurrent cell (1 for
   Elman, 3 for the GRU, 4 for the LSTM).  Errors: GSL_EINVAL (an invalid
   parameter); returns 0 on error.  Book: ch. 4, "Recurrent cells". */
size_t mdl_rnn_gates(mdl_rnn_cell cell);
/* mdl_rnn_nparams: the number of parameters G h (n + h + 2) of a recurrent
   cell with n inputs and h hidden units.  Errors: GSL_EINVAL (an invalid
   parameter); returns 0 on error.  Book: ch. 4, "Recurrent cells". */
size_t mdl_rnn_nparams(mdl_rnn_cell cell, size_t n_in, size_t n_hidden);
/* mdl_rnn_forward: runs the cell over the sequence X (T*B x n) from H0
   (and C0 for the LSTM; NULL means zero) and writes the hidden states H.
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not
   match), GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an
   invalid parameter).  Book: ch. 4, "Recurrent cells". */
int mdl_rnn_forward(mdl_rnn_cell cell, size_t n_in, size_t n_hidden,
                    size_t batch, const gsl_vector *params,
                    const gsl_matrix *X, const gsl_matrix *H0,
                    const gsl_matrix *C0, gsl_matrix *H);
/* mdl_rnn_forward_cells: mdl_rnn_forward that also writes the LSTM's cell
   states into C (may be NULL).  Errors: GSL_EFAULT (NULL argument),
   GSL_EBADLEN (sizes that do not match), GSL_EINVAL (an invalid
   parameter), GSL_ENOMEM (out of memory).  Book: ch. 4, "Recurrent cells". */
int mdl_rnn_forward_cells(mdl_rnn_cell cell, size_t n_in, size_t n_hidden,
                          size_t batch, const gsl_vector *params,
                          const gsl_matrix *X, const gsl_matrix *H0,
                          const gsl_matrix *C0, gsl_matrix *H, gsl_matrix *C);
/* mdl_rnn_backward: backpropagation through time of dH: the gradients with
   respect to the parameters, X, H0 and C0 (each may be NULL).  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an invalid
   parameter), GSL_ENOMEM (out of memory).  Book: ch. 4, "Recurrent cells". */
int mdl_rnn_backward(mdl_rnn_cell cell, size_t n_in, size_t n_hidden,
                     size_t batch, const gsl_vector *params,
                     const gsl_matrix *X, const gsl_matrix *H0,
                     const gsl_matrix *C0, const gsl_matrix *dH,
                     gsl_vector *dparams, gsl_matrix *dX, gsl_matrix *dH0,
                     gsl_matrix *dC0);
typedef struct mdl_rnn_tape mdl_rnn_tape;

/* mdl_rnn_tape_alloc: a tape that keeps the activations of one forward
   pass (cell, n inputs, h hidden units, batch B, T steps) for the backward
   pass.  Errors: GSL_EINVAL (an invalid parameter), GSL_ENOMEM (out of
   memory); returns NULL on error.  Book: ch. 4, "Speed". */
mdl_rnn_tape *mdl_rnn_tape_alloc(mdl_rnn_cell cell, size_t n_in,
                                 size_t n_hidden, size_t batch, size_t steps);
/* mdl_rnn_tape_free: frees a tape; NULL does nothing.  Errors: none (NULL
   does nothing).  Book: ch. 4, "Speed". */
void mdl_rnn_tape_free(mdl_rnn_tape *tape);
/* mdl_rnn_forward_tape: mdl_rnn_forward with the tape's cell and sizes;
   fills the tape and writes the hidden states H (may be NULL).  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match the
   tape), GSL_EDOM (a non-finite value), GSL_EINVAL (an invalid
   parameter).  Book: ch. 4, "Speed". */
int mdl_rnn_forward_tape(mdl_rnn_tape *tape, const gsl_vector *params,
                         const gsl_matrix *X, const gsl_matrix *H0,
                         const gsl_matrix *C0, gsl_matrix *H);
/* mdl_rnn_backward_tape: mdl_rnn_backward from the activations on the
   tape, filled by mdl_rnn_forward_tape with these params, X, H0, C0.
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not
   match), GSL_EDOM (a non-finite value), GSL_EINVAL (a tape not filled,
   or filled with other arguments), GSL_ENOMEM (out of memory).  Book:
   ch. 4, "Speed". */
int mdl_rnn_backward_tape(mdl_rnn_tape *tape, const gsl_vector *params,
                          const gsl_matrix *X, const gsl_matrix *H0,
                          const gsl_matrix *C0, const gsl_matrix *dH,
                          gsl_vector *dparams, gsl_matrix *dX,
                          gsl_matrix *dH0, gsl_matrix *dC0);
/* mdl_attention: scaled dot-product attention Y = softmax(Q K^T / sqrt(d))
   V, causal when asked; the weights into `weights` (may be NULL).  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value), GSL_ENOMEM (out of
   memory).  Book: ch. 4, "Attention". */
int mdl_attention(const gsl_matrix *Q, const gsl_matrix *K,
                  const gsl_matrix *V, int causal, gsl_matrix *Y,
                  gsl_matrix *weights);
/* mdl_attention_backward: the gradients of attention with respect to Q, K
   and V given dY (each may be NULL).  Errors: GSL_EFAULT (NULL argument),
   GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite or
   out-of-range value), GSL_ENOMEM (out of memory).  Book: ch. 4,
   "Attention". */
int mdl_attention_backward(const gsl_matrix *Q, const gsl_matrix *K,
                           const gsl_matrix *V, int causal,
                           const gsl_matrix *dY, gsl_matrix *dQ,
                           gsl_matrix *dK, gsl_matrix *dV);
/* mdl_rnn_mha_nparams: the number of parameters 4E^2 + 4E of multi-head
   attention of width E.  Errors: GSL_EINVAL (an invalid parameter);
   returns 0 on error.  Book: ch. 4, "Attention". */
size_t mdl_rnn_mha_nparams(size_t d_model);
/* mdl_rnn_mha_forward: multi-head attention of one example (projections,
   `heads` heads, output projection) into Y; the mean weights into
   `weights` (may be NULL).  Errors: GSL_EFAULT (NULL argument),
   GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite or
   out-of-range value), GSL_EINVAL (an invalid parameter).  Book: ch. 4,
   "Attention". */
int mdl_rnn_mha_forward(size_t d_model, size_t heads,
                        const gsl_vector *params, const gsl_matrix *Xq,
                        const gsl_matrix *Xk, const gsl_matrix *Xv,
                        int causal, gsl_matrix *Y, gsl_matrix *weights);
/* mdl_rnn_mha_backward: the gradients of multi-head attention with respect
   to the parameters and the three inputs (each may be NULL).  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value), GSL_ENOMEM (out of
   memory).  Book: ch. 4, "Attention". */
int mdl_rnn_mha_backward(size_t d_model, size_t heads,
                         const gsl_vector *params, const gsl_matrix *Xq,
                         const gsl_matrix *Xk, const gsl_matrix *Xv,
                         int causal, const gsl_matrix *dY,
                         gsl_vector *dparams, gsl_matrix *dXq,
                         gsl_matrix *dXk, gsl_matrix *dXv);
/* mdl_rnn_positional: the sinusoidal positional encodings of Vaswani et
   al., row t for position t, into P.  Errors: GSL_EFAULT (NULL argument).
   Book: ch. 4, "Attention". */
int mdl_rnn_positional(gsl_matrix *P);
typedef struct mdl_rnn_model mdl_rnn_model;

/* mdl_rnn_model_alloc: a recurrent model (a cell and a linear read-out, at
   every step or the last) with all parameters zero.  Errors: GSL_EINVAL
   (an invalid parameter), GSL_ENOMEM (out of memory); returns NULL on
   error.  Book: ch. 4, "A model, and gradient clipping". */
mdl_rnn_model *mdl_rnn_model_alloc(mdl_rnn_cell cell, size_t n_in,
                                   size_t n_hidden, size_t n_out,
                                   int every_step);
/* mdl_rnn_model_free: frees a recurrent model; NULL does nothing.  Errors:
   none (NULL does nothing).  Book: ch. 4, "A model, and gradient
   clipping". */
void mdl_rnn_model_free(mdl_rnn_model *m);
/* mdl_rnn_model_init: draws every parameter from U(-1/sqrt(h), 1/sqrt(h)),
   PyTorch's default.  Errors: GSL_EFAULT (NULL argument).  Book: ch. 4, "A
   model, and gradient clipping". */
int mdl_rnn_model_init(mdl_rnn_model *m, const gsl_rng *r);
/* mdl_rnn_model_nparams: the number of parameters of a recurrent model.
   Errors: GSL_EFAULT (NULL argument); returns 0 on error.  Book: ch. 4, "A
   model, and gradient clipping". */
size_t mdl_rnn_model_nparams(const mdl_rnn_model *m);
/* mdl_rnn_model_params: the model's parameter vector itself (not a copy),
   for an optimizer to update in place.  Errors: GSL_EFAULT (NULL
   argument); returns NULL on error.  Book: ch. 4, "A model, and gradient
   clipping". */
gsl_vector *mdl_rnn_model_params(mdl_rnn_model *m);
/* mdl_rnn_model_forward: the outputs of a recurrent model for a batch of
   sequences X.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes
   that do not match).  Book: ch. 4, "A model, and gradient clipping". */
int mdl_rnn_model_forward(mdl_rnn_model *m, size_t batch,
                          const gsl_matrix *X, gsl_matrix *Y);
/* mdl_rnn_model_gradient: a loss of the model's outputs against Y and its
   gradient with respect to the parameters.  Errors: GSL_EFAULT (NULL
   argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite
   or out-of-range value), GSL_EINVAL (an invalid parameter), GSL_ENOMEM
   (out of memory).  Book: ch. 4, "A model, and gradient clipping". */
int mdl_rnn_model_gradient(mdl_rnn_model *m, mdl_net_loss loss,
                           size_t batch, const gsl_matrix *X,
                           const gsl_matrix *Y, double *value,
                           gsl_vector *grad);
/* mdl_rnn_model_train_step: one step of opt on the loss of the batch
   (clipping the gradient when opt's max_norm is set); the loss into *value
   (may be NULL).  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes
   that do not match), GSL_ENOMEM (out of memory).  Book: ch. 4, "A model,
   and gradient clipping". */
int mdl_rnn_model_train_step(mdl_rnn_model *m, mdl_optim *opt,
                             mdl_net_loss loss, size_t batch,
                             const gsl_matrix *X, const gsl_matrix *Y,
                             double *value);

#ifdef __cplusplus
}
#endif
#endif
