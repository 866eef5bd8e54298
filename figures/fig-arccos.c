#line 7352 "chapters/07-generalization.nw"
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <mdl/learn.h>

int main(int argc, char **argv)
{
  enum { N = 10, M = 2000, POINTS = 25 };
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/arccos.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  if (dat == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 2009);
  gsl_matrix *W = gsl_matrix_alloc(M, N);
  for (size_t i = 0; i < M; i++)
    for (size_t j = 0; j < N; j++)
      gsl_matrix_set(W, i, j, gsl_ran_gaussian(r, 1));
  gsl_vector *x = gsl_vector_calloc(N), *y = gsl_vector_calloc(N);
  gsl_vector *fx = gsl_vector_alloc(M), *fy = gsl_vector_alloc(M);
  fprintf(dat, "theta kernel mc se hat ratio\n");
  for (int k = 0; k <= POINTS; k++) {
    double theta = M_PI * k / POINTS;
    gsl_vector_set(x, 0, 1);
    gsl_vector_set(y, 0, cos(theta));
    gsl_vector_set(y, 1, sin(theta));
    gsl_blas_dgemv(CblasNoTrans, 1.0, W, x, 0.0, fx);
    gsl_blas_dgemv(CblasNoTrans, 1.0, W, y, 0.0, fy);
    double mean = 0, sq = 0;
    for (size_t i = 0; i < M; i++) {
      double t = fmax(0, gsl_vector_get(fx, i))
                 * fmax(0, gsl_vector_get(fy, i));
      mean += t / M;
      sq += t * t / M;
    }
    fprintf(dat, "%.5f %.6f %.6f %.6f %.6f %.6f\n", theta,
            mdl_arccos_kernel(x, y), mean, sqrt((sq - mean * mean) / (M - 1)),
            mdl_relu_angle(theta), mdl_relu_distance_ratio(theta));
  }
  gsl_matrix_free(W);
  gsl_vector_free(x);
  gsl_vector_free(y);
  gsl_vector_free(fx);
  gsl_vector_free(fy);
  gsl_rng_free(r);
  fclose(dat);
  return 0;
}
