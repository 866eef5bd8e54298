#line 3616 "chapters/03-cnn.nw"
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/conv.h>

static void circ(size_t n, const gsl_vector *w, const gsl_matrix *X, gsl_matrix *Y)
{
  mdl_conv2d_geometry g = {1, 1, n + 4, n + 4, 5, 1, 0};
  gsl_matrix *P = gsl_matrix_alloc(1, (n + 4) * (n + 4));
  mdl_conv_circular_pad(1, n, n, 2, X, P);
  mdl_conv2d_forward(&g, w, NULL, P, Y);
  gsl_matrix_free(P);
}

int main(int argc, char **argv)
{
  enum { N = 24, D1 = 5, D2 = 7 };
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/shift-map.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/shift-map.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || tex == NULL)
    return 1;
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 31);
  gsl_matrix *X = gsl_matrix_calloc(1, N * N), *Xs = gsl_matrix_alloc(1, N * N);
  gsl_matrix *Y = gsl_matrix_alloc(1, N * N), *Ys = gsl_matrix_alloc(1, N * N);
  for (int rect = 0; rect < 2; rect++) {
    size_t i0 = gsl_rng_uniform_int(r, N / 2), j0 = gsl_rng_uniform_int(r, N / 2);
    size_t h = 4 + gsl_rng_uniform_int(r, N / 3), w = 3 + gsl_rng_uniform_int(r, N / 3);
    for (size_t i = i0; i < i0 + h && i < N; i++)
      for (size_t j = j0; j < j0 + w && j < N; j++)
        gsl_matrix_set(X, 0, i * N + j, rect ? -1.0 : 1.0);
  }
  gsl_vector *w = gsl_vector_alloc(25);
  for (size_t u = 0; u < 5; u++)
    for (size_t v = 0; v < 5; v++)
      gsl_vector_set(w, u * 5 + v, ((double)v - 2) * exp(-((double)u - 2) * ((double)u - 2) / 4) / 8);
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < N; j++)
      gsl_matrix_set(Xs, 0, ((i + D1) % N) * N + (j + D2) % N, gsl_matrix_get(X, 0, i * N + j));
  circ(N, w, X, Y);
  circ(N, w, Xs, Ys);
  double scale = fmax(gsl_matrix_max(Y), -gsl_matrix_min(Y)), diff = 0;
  fprintf(dat, "i j x y xs ys\n");
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < N; j++) {
      size_t src = ((i + N - D1) % N) * N + (j + N - D2) % N;
      diff = fmax(diff, fabs(gsl_matrix_get(Ys, 0, i * N + j) - gsl_matrix_get(Y, 0, src)));
      fprintf(dat, "%zu %zu %.6f %.6f %.6f %.6f\n", i, j, gsl_matrix_get(X, 0, i * N + j),
              gsl_matrix_get(Y, 0, i * N + j) / scale, gsl_matrix_get(Xs, 0, i * N + j),
              gsl_matrix_get(Ys, 0, i * N + j) / scale);
    }
  fprintf(tex, "\\providecommand\\mdlshiftn{}\\renewcommand\\mdlshiftn{%d}\n", N);
  fprintf(tex, "\\providecommand\\mdlshiftdy{}\\renewcommand\\mdlshiftdy{%d}\n", D1);
  fprintf(tex, "\\providecommand\\mdlshiftdx{}\\renewcommand\\mdlshiftdx{%d}\n", D2);
  fprintf(tex, "\\providecommand\\mdlshiftdiff{}\\renewcommand\\mdlshiftdiff{$%g$}\n", diff);
  gsl_matrix_free(X);
  gsl_matrix_free(Xs);
  gsl_matrix_free(Y);
  gsl_matrix_free(Ys);
  gsl_vector_free(w);
  gsl_rng_free(r);
  fclose(dat);
  fclose(tex);
  return 0;
}
