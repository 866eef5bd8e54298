#line 8304 "chapters/07-generalization.nw"
#include <stdio.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_rng.h>
#include <mdl/learn.h>

int main(int argc, char **argv)
{
  enum { N = 400, TESTED = 20 };
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/hopfield.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/hopfield.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || tex == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 1982);
  fprintf(dat, "alpha overlap\n");
  gsl_matrix *W = gsl_matrix_alloc(N, N);
  gsl_vector *x = gsl_vector_alloc(N);
  for (int k = 1; k <= 15; k++) {
    size_t s = (size_t)(0.02 * k * N + 0.5);
    gsl_matrix *P = gsl_matrix_alloc(s, N);
    for (size_t t = 0; t < s; t++)
      for (size_t i = 0; i < N; i++)
        gsl_matrix_set(P, t, i, gsl_rng_uniform(r) < 0.5 ? -1.0 : 1.0);
    mdl_hopfield_hebb(P, W);
    double mean = 0;
    size_t tested = s < TESTED ? s : TESTED;
    for (size_t t = 0; t < tested; t++) {
      gsl_vector_view row = gsl_matrix_row(P, t);
      gsl_vector_memcpy(x, &row.vector);
      size_t sweeps;
      mdl_hopfield_run(W, NULL, x, 1000, &sweeps);
      double m;
      gsl_blas_ddot(x, &row.vector, &m);
      mean += m / N / (double)tested;
    }
    fprintf(dat, "%.3f %.5f\n", 0.02 * k, mean);
    gsl_matrix_free(P);
  }
  fprintf(tex, "\\providecommand\\mdlhopfieldn{}"
               "\\renewcommand\\mdlhopfieldn{%d}\n", N);
  gsl_matrix_free(W);
  gsl_vector_free(x);
  gsl_rng_free(r);
  fclose(dat);
  fclose(tex);
  return 0;
}
