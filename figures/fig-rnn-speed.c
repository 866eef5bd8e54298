#line 7823 "chapters/04-rnn.nw"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/rnn.h>

enum { N = 128, H = 256, B = 32, T = 50, RUNS = 7 };

static double now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/rnn-speed.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (tex == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  size_t np = mdl_rnn_nparams(MDL_RNN_LSTM, N, H);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_vector *p = gsl_vector_alloc(np), *dp = gsl_vector_alloc(np);
  gsl_matrix *X = gsl_matrix_alloc(T * B, N), *Hs = gsl_matrix_alloc(T * B, H);
  gsl_matrix *dH = gsl_matrix_alloc(T * B, H), *dX = gsl_matrix_alloc(T * B, N);
  for (size_t i = 0; i < np; i++)
    gsl_vector_set(p, i, (2 * gsl_rng_uniform(r) - 1) / 16);
  for (size_t i = 0; i < T * B; i++) {
    for (size_t j = 0; j < N; j++)
      gsl_matrix_set(X, i, j, gsl_rng_uniform(r) - 0.5);
    for (size_t j = 0; j < H; j++)
      gsl_matrix_set(dH, i, j, gsl_rng_uniform(r) - 0.5);
  }
  mdl_rnn_tape *tape = mdl_rnn_tape_alloc(MDL_RNN_LSTM, N, H, B, T);
  if (tape == NULL) {
    fprintf(stderr, "%s: out of memory\n", argv[0]);
    return 1;
  }
  double fwd[RUNS], bwd[RUNS], tap[RUNS];
  for (int k = 0; k < RUNS; k++) {
    double t0 = now();
    mdl_rnn_forward(MDL_RNN_LSTM, N, H, B, p, X, NULL, NULL, Hs);
    double t1 = now();
    mdl_rnn_backward(MDL_RNN_LSTM, N, H, B, p, X, NULL, NULL, dH, dp, dX, NULL,
                     NULL);
    double t2 = now();
    mdl_rnn_forward_tape(tape, p, X, NULL, NULL, Hs);
    mdl_rnn_backward_tape(tape, p, X, NULL, NULL, dH, dp, dX, NULL, NULL);
    double t3 = now();
    fwd[k] = t1 - t0;
    bwd[k] = t2 - t1;
    tap[k] = t3 - t2;
  }
  qsort(fwd, RUNS, sizeof fwd[0], cmp);
  qsort(bwd, RUNS, sizeof bwd[0], cmp);
  qsort(tap, RUNS, sizeof tap[0], cmp);
  fprintf(tex, "\\providecommand\\mdlrnnspeedtape{}\\renewcommand\\mdlrnnspeedtape{%.0f\\,ms}\n",
          1e3 * tap[RUNS / 2]);
  mdl_rnn_tape_free(tape);
  fprintf(tex, "\\providecommand\\mdlrnnspeedfwd{}\\renewcommand\\mdlrnnspeedfwd{%.0f\\,ms}\n",
          1e3 * fwd[RUNS / 2]);
  fprintf(tex, "\\providecommand\\mdlrnnspeedbwd{}\\renewcommand\\mdlrnnspeedbwd{%.0f\\,ms}\n",
          1e3 * bwd[RUNS / 2]);
  fprintf(tex, "\\providecommand\\mdlrnnspeedruns{}\\renewcommand\\mdlrnnspeedruns{%d}\n",
          RUNS);
  gsl_vector_free(p);
  gsl_vector_free(dp);
  gsl_matrix_free(X);
  gsl_matrix_free(Hs);
  gsl_matrix_free(dH);
  gsl_matrix_free(dX);
  gsl_rng_free(r);
  fclose(tex);
  return 0;
}
