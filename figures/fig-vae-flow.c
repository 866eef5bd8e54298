#line 6037 "chapters/06-vae.nw"
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/vae.h>

int main(int argc, char **argv)
{
  enum { N = 200000, BINS = 80, P = 400, L = 3 };
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/vae-flow.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/vae-flow-hist.dat", argv[1]);
  FILE *hist = fopen(path, "w");
  snprintf(path, sizeof path, "%s/vae-flow.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || hist == NULL || tex == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  const double U[L] = {2.0, -0.8, -1.5}, Wt[L] = {1.5, 1.0, -2.0};
  const double B[L] = {0.0, 1.0, -1.5};
  gsl_vector *u[L], *w[L];
  for (int l = 0; l < L; l++) {
    u[l] = gsl_vector_alloc(1);
    w[l] = gsl_vector_alloc(1);
    gsl_vector_set(u[l], 0, U[l]);
    gsl_vector_set(w[l], 0, Wt[l]);
  }
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 60603);
  gsl_matrix *Z = gsl_matrix_alloc(N, 1);
  gsl_vector *ld = gsl_vector_alloc(N);
  for (size_t i = 0; i < N; i++)
    gsl_matrix_set(Z, i, 0, gsl_ran_gaussian(r, 1.0));
  for (int l = 0; l < L; l++)
    if (mdl_vae_planar_forward(u[l], w[l], B[l], Z, Z, ld))
      return 1;
  double count[BINS] = {0}, h = 10.0 / BINS;
  for (size_t i = 0; i < N; i++) {
    double x = gsl_matrix_get(Z, i, 0);
    if (x >= -5 && x < 5)
      count[(int)((x + 5) / h)] += 1;
  }
  fprintf(hist, "x p\n");
  for (int k = 0; k <= BINS; k++)
    fprintf(hist, "%.6f %.6f\n", -5 + k * h,
            k < BINS ? count[k] / (N * h) : 0.0);
  gsl_matrix *X = gsl_matrix_alloc(P, 1);
  gsl_vector *lp = gsl_vector_calloc(P), *l1 = gsl_vector_alloc(P);
  for (size_t i = 0; i < P; i++)
    gsl_matrix_set(X, i, 0, -5 + 10.0 * (i + 0.5) / P);
  gsl_matrix *Xc = gsl_matrix_alloc(P, 1);
  gsl_matrix_memcpy(Xc, X);
  for (int l = L - 1; l >= 0; l--) {
    if (mdl_vae_planar_inverse(u[l], w[l], B[l], X, X, l1))
      return 1;
    gsl_vector_add(lp, l1);
  }
  fprintf(dat, "x p\n");
  for (size_t i = 0; i < P; i++) {
    double z = gsl_matrix_get(X, i, 0);
    fprintf(dat, "%.6f %.8f\n", gsl_matrix_get(Xc, i, 0),
            exp(gsl_vector_get(lp, i) - 0.5 * z * z) / sqrt(2 * M_PI));
  }
  fprintf(tex, "\\providecommand\\mdlvaeflowN{}\\renewcommand\\mdlvaeflowN{%d}\n",
          N);
  for (int l = 0; l < L; l++) {
    gsl_vector_free(u[l]);
    gsl_vector_free(w[l]);
  }
  gsl_matrix_free(Z);
  gsl_matrix_free(X);
  gsl_matrix_free(Xc);
  gsl_vector_free(ld);
  gsl_vector_free(lp);
  gsl_vector_free(l1);
  gsl_rng_free(r);
  fclose(dat);
  fclose(hist);
  fclose(tex);
  return 0;
}
