#line 2612 "chapters/04-rnn.nw"
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/rnn.h>

enum { N = 4, H = 16, K = 100 };

static double norm2(const gsl_matrix *A)
{
  gsl_matrix *U = gsl_matrix_alloc(H, H), *V = gsl_matrix_alloc(H, H);
  gsl_vector *s = gsl_vector_alloc(H), *w = gsl_vector_alloc(H);
  gsl_matrix_memcpy(U, A);
  gsl_linalg_SV_decomp(U, V, s, w);
  double m = gsl_vector_get(s, 0);
  gsl_matrix_free(U);
  gsl_matrix_free(V);
  gsl_vector_free(s);
  gsl_vector_free(w);
  return m;
}

static double jac(mdl_rnn_cell cell, const gsl_vector *p, const gsl_matrix *x,
                  const gsl_vector *h0, const gsl_vector *c0, size_t k)
{
  int lstm = cell == MDL_RNN_LSTM;
  gsl_matrix *X = gsl_matrix_alloc(k * H, N), *H0 = gsl_matrix_alloc(H, H);
  gsl_matrix *C0 = gsl_matrix_alloc(H, H), *dH = gsl_matrix_calloc(k * H, H);
  gsl_matrix *J = gsl_matrix_alloc(H, H), *Jc = gsl_matrix_alloc(H, H);
  for (size_t b = 0; b < H; b++) {
    for (size_t t = 0; t < k; t++)
      for (size_t j = 0; j < N; j++)
        gsl_matrix_set(X, t * H + b, j, gsl_matrix_get(x, t, j));
    for (size_t j = 0; j < H; j++) {
      gsl_matrix_set(H0, b, j, gsl_vector_get(h0, j));
      gsl_matrix_set(C0, b, j, gsl_vector_get(c0, j));
    }
    gsl_matrix_set(dH, (k - 1) * H + b, b, 1);
  }
  mdl_rnn_backward(cell, N, H, H, p, X, H0, lstm ? C0 : NULL, dH, NULL, NULL,
                   J, lstm ? Jc : NULL);
  double n = norm2(lstm ? Jc : J);
  gsl_matrix_free(X);
  gsl_matrix_free(H0);
  gsl_matrix_free(C0);
  gsl_matrix_free(dH);
  gsl_matrix_free(J);
  gsl_matrix_free(Jc);
  return n;
}

static void fig_number(FILE *tex, const char *name, double x)
{
  int e = (int)floor(log10(x));
  fprintf(tex, "\\providecommand\\%s{}\\renewcommand\\%s{$%.1f\\times10^{%d}$}\n",
          name, name, x / pow(10, e), e);
}

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/rnn-lag.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/rnn-lag.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || tex == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 4401);
  gsl_vector *pe = gsl_vector_alloc(mdl_rnn_nparams(MDL_RNN_ELMAN_TANH, N, H));
  gsl_vector *px = gsl_vector_alloc(pe->size);
  gsl_vector *pl = gsl_vector_alloc(mdl_rnn_nparams(MDL_RNN_LSTM, N, H));
  gsl_matrix *x = gsl_matrix_alloc(K, N);
  gsl_vector *h0 = gsl_vector_alloc(H), *c0 = gsl_vector_alloc(H);
  for (size_t i = 0; i < pe->size; i++)
    gsl_vector_set(pe, i, gsl_ran_flat(r, -0.25, 0.25));
  for (size_t i = 0; i < pl->size; i++)
    gsl_vector_set(pl, i, gsl_ran_flat(r, -0.1, 0.1));
  for (size_t j = 0; j < H; j++) {
    gsl_vector_set(pl, 4 * H * (N + H) + H + j, 3);
    gsl_vector_set(h0, j, gsl_ran_flat(r, -0.5, 0.5));
    gsl_vector_set(c0, j, gsl_ran_flat(r, -0.5, 0.5));
  }
  for (size_t t = 0; t < K; t++)
    for (size_t j = 0; j < N; j++)
      gsl_matrix_set(x, t, j, gsl_ran_flat(r, -1, 1));
  gsl_vector_memcpy(px, pe);
  gsl_matrix_view W = gsl_matrix_view_array(pe->data + H * N, H, H);
  gsl_matrix_view Wx = gsl_matrix_view_array(px->data + H * N, H, H);
  double s = norm2(&W.matrix);
  gsl_matrix_scale(&W.matrix, 0.9 / s);
  gsl_matrix_scale(&Wx.matrix, 1.5 / s);
  double sw = norm2(&W.matrix), last_e = 0, last_l = 0;
  fprintf(dat, "k elman bound lstm exploding\n");
  for (size_t k = 1; k <= K; k++) {
    double e = jac(MDL_RNN_ELMAN_TANH, pe, x, h0, c0, k);
    double l = jac(MDL_RNN_LSTM, pl, x, h0, c0, k);
    double xe = jac(MDL_RNN_ELMAN_TANH, px, x, h0, c0, k);
    fprintf(dat, "%zu %.6e %.6e %.6e %.6e\n", k, fmax(e, 1e-40),
            pow(sw, (double)k), fmax(l, 1e-40), fmax(xe, 1e-40));
    last_e = e;
    last_l = l;
  }
  fig_number(tex, "mdlrnnlagelman", fmax(last_e, 1e-300));
  fig_number(tex, "mdlrnnlaglstm", fmax(last_l, 1e-300));
  gsl_vector_free(pe);
  gsl_vector_free(px);
  gsl_vector_free(pl);
  gsl_vector_free(h0);
  gsl_vector_free(c0);
  gsl_matrix_free(x);
  gsl_rng_free(r);
  fclose(dat);
  fclose(tex);
  return 0;
}
