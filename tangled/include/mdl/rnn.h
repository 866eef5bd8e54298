#ifndef MDL_RNN_H
#define MDL_RNN_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/net.h>
#include <mdl/optim.h>

typedef enum {
  MDL_RNN_ELMAN_TANH = 0,
  MDL_RNN_ELMAN_RELU = 1,
  MDL_RNN_LSTM = 2,
  MDL_RNN_GRU = 3
} mdl_rnn_cell;

size_t mdl_rnn_gates(mdl_rnn_cell cell);
size_t mdl_rnn_nparams(mdl_rnn_cell cell, size_t n_in, size_t n_hidden);
int mdl_rnn_forward(mdl_rnn_cell cell, size_t n_in, size_t n_hidden,
                    size_t batch, const gsl_vector *params,
                    const gsl_matrix *X, const gsl_matrix *H0,
                    const gsl_matrix *C0, gsl_matrix *H);
int mdl_rnn_forward_cells(mdl_rnn_cell cell, size_t n_in, size_t n_hidden,
                          size_t batch, const gsl_vector *params,
                          const gsl_matrix *X, const gsl_matrix *H0,
                          const gsl_matrix *C0, gsl_matrix *H, gsl_matrix *C);
int mdl_rnn_backward(mdl_rnn_cell cell, size_t n_in, size_t n_hidden,
                     size_t batch, const gsl_vector *params,
                     const gsl_matrix *X, const gsl_matrix *H0,
                     const gsl_matrix *C0, const gsl_matrix *dH,
                     gsl_vector *dparams, gsl_matrix *dX, gsl_matrix *dH0,
                     gsl_matrix *dC0);
int mdl_attention(const gsl_matrix *Q, const gsl_matrix *K,
                  const gsl_matrix *V, int causal, gsl_matrix *Y,
                  gsl_matrix *weights);
int mdl_attention_backward(const gsl_matrix *Q, const gsl_matrix *K,
                           const gsl_matrix *V, int causal,
                           const gsl_matrix *dY, gsl_matrix *dQ,
                           gsl_matrix *dK, gsl_matrix *dV);
size_t mdl_rnn_mha_nparams(size_t d_model);
int mdl_rnn_mha_forward(size_t d_model, size_t heads,
                        const gsl_vector *params, const gsl_matrix *Xq,
                        const gsl_matrix *Xk, const gsl_matrix *Xv,
                        int causal, gsl_matrix *Y, gsl_matrix *weights);
int mdl_rnn_mha_backward(size_t d_model, size_t heads,
                         const gsl_vector *params, const gsl_matrix *Xq,
                         const gsl_matrix *Xk, const gsl_matrix *Xv,
                         int causal, const gsl_matrix *dY,
                         gsl_vector *dparams, gsl_matrix *dXq,
                         gsl_matrix *dXk, gsl_matrix *dXv);
int mdl_rnn_positional(gsl_matrix *P);
typedef struct mdl_rnn_model mdl_rnn_model;

mdl_rnn_model *mdl_rnn_model_alloc(mdl_rnn_cell cell, size_t n_in,
                                   size_t n_hidden, size_t n_out,
                                   int every_step);
void mdl_rnn_model_free(mdl_rnn_model *m);
int mdl_rnn_model_init(mdl_rnn_model *m, const gsl_rng *r);
size_t mdl_rnn_model_nparams(const mdl_rnn_model *m);
gsl_vector *mdl_rnn_model_params(mdl_rnn_model *m);
int mdl_rnn_model_forward(mdl_rnn_model *m, size_t batch,
                          const gsl_matrix *X, gsl_matrix *Y);
int mdl_rnn_model_gradient(mdl_rnn_model *m, mdl_net_loss loss,
                           size_t batch, const gsl_matrix *X,
                           const gsl_matrix *Y, double *value,
                           gsl_vector *grad);
int mdl_rnn_model_train_step(mdl_rnn_model *m, mdl_optim *opt,
                             mdl_net_loss loss, size_t batch,
                             const gsl_matrix *X, const gsl_matrix *Y,
                             double *value);

#endif
