#line 6051 "chapters/04-rnn.nw"
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/rnn.h>

enum { L = 8, V = 6, DP = 10, E = V + DP, STEPS = 200 };

static void encode(const int *x, const gsl_matrix *PE, gsl_matrix *X)
{
  gsl_matrix_set_zero(X);
  for (size_t s = 0; s < L; s++) {
    gsl_matrix_set(X, s, (size_t)x[s], 1);
    for (size_t j = 0; j < DP; j++)
      gsl_matrix_set(X, s, V + j, gsl_matrix_get(PE, s, j));
  }
}

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/rnn-attention.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/rnn-attention.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || tex == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 4600);
  gsl_matrix *PE = gsl_matrix_alloc(L, DP), *Q = gsl_matrix_calloc(L, E);
  mdl_rnn_positional(PE);
  for (size_t t = 0; t < L; t++)
    for (size_t j = 0; j < DP; j++)
      gsl_matrix_set(Q, t, V + j, gsl_matrix_get(PE, t, j));
  size_t np = mdl_rnn_mha_nparams(E);
  gsl_vector *p = gsl_vector_alloc(np), *g = gsl_vector_alloc(np);
  gsl_vector *sum = gsl_vector_alloc(np);
  for (size_t i = 0; i < np; i++)
    gsl_vector_set(p, i, gsl_ran_flat(r, -1, 1) / sqrt((double)E));
  mdl_optim_params op = mdl_optim_defaults(mdl_optim_adam);
  op.lr = 0.03;
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_adam, np, &op);
  gsl_matrix *X = gsl_matrix_alloc(L, E), *Y = gsl_matrix_alloc(L, E);
  gsl_matrix *dY = gsl_matrix_calloc(L, E), *W = gsl_matrix_alloc(L, L);
  gsl_matrix *T = gsl_matrix_alloc(L, V), *dV = gsl_matrix_alloc(L, V);
  int x[L];
  for (size_t k = 0; k < STEPS; k++) {
    gsl_vector_set_zero(sum);
    for (int b = 0; b < 16; b++) {
      for (int s = 0; s < L; s++)
        x[s] = (int)gsl_rng_uniform_int(r, V);
      encode(x, PE, X);
      mdl_rnn_mha_forward(E, 1, p, Q, X, X, 0, Y, NULL);
      gsl_matrix_view logits = gsl_matrix_submatrix(Y, 0, 0, L, V);
      gsl_matrix_view dlog = gsl_matrix_submatrix(dY, 0, 0, L, V);
      gsl_matrix_set_zero(T);
      for (int t = 0; t < L; t++)
        gsl_matrix_set(T, (size_t)t, (size_t)x[L - 1 - t], 1);
      double v;
      mdl_net_loss_eval(MDL_NET_LOSS_SOFTMAX_CE, &logits.matrix, T, &v, dV);
      gsl_matrix_memcpy(&dlog.matrix, dV);
      mdl_rnn_mha_backward(E, 1, p, Q, X, X, 0, dY, g, NULL, NULL, NULL);
      gsl_vector_add(sum, g);
    }
    gsl_vector_scale(sum, 1.0 / 16);
    mdl_optim_step(opt, p, sum);
  }
  int correct = 0;
  for (int n = 0; n < 200; n++) {
    for (int s = 0; s < L; s++)
      x[s] = (int)gsl_rng_uniform_int(r, V);
    encode(x, PE, X);
    mdl_rnn_mha_forward(E, 1, p, Q, X, X, 0, Y, W);
    for (int t = 0; t < L; t++) {
      size_t best = 0;
      for (size_t c = 1; c < V; c++)
        if (gsl_matrix_get(Y, (size_t)t, c) > gsl_matrix_get(Y, (size_t)t, best))
          best = c;
      correct += (int)best == x[L - 1 - t];
    }
  }
  fprintf(dat, "s t w\n");
  for (size_t t = 0; t < L; t++)
    for (size_t s = 0; s < L; s++)
      fprintf(dat, "%zu %zu %.6f\n", s, t, gsl_matrix_get(W, t, s));
  fprintf(tex, "\\providecommand\\mdlrevaccuracy{}\\renewcommand\\mdlrevaccuracy{%.3f}\n",
          correct / (200.0 * L));
  gsl_matrix *all[8] = {PE, Q, X, Y, dY, W, T, dV};
  for (int k = 0; k < 8; k++)
    gsl_matrix_free(all[k]);
  gsl_vector_free(p);
  gsl_vector_free(g);
  gsl_vector_free(sum);
  mdl_optim_free(opt);
  gsl_rng_free(r);
  fclose(dat);
  fclose(tex);
  return 0;
}
