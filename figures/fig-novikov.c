#line 1900 "chapters/07-generalization.nw"
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_rng.h>
#include <mdl/learn.h>

static long fig_int(gsl_rng *r, long lo, long hi)
{
  return lo + (long)gsl_rng_uniform_int(r, (unsigned long)(hi - lo + 1));
}

static double fig_ratio(size_t n, size_t s, double B, gsl_rng *r)
{
  gsl_matrix *X = gsl_matrix_alloc(s, n);
  gsl_vector *y = gsl_vector_alloc(s), *star = gsl_vector_alloc(n);
  gsl_vector *x = gsl_vector_alloc(n), *theta = gsl_vector_calloc(n);
  double star2 = 0, g = HUGE_VAL, R2 = 0;
  while (star2 == 0) {
    for (size_t j = 0; j < n; j++)
      gsl_vector_set(star, j, (double)fig_int(r, -5, 5));
    gsl_blas_ddot(star, star, &star2);
  }
  double g0 = ceil(sqrt(64.0 * n * star2 / B));
  for (size_t i = 0; i < s; i++) {
    double score, x2, sign = gsl_rng_uniform(r) < 0.5 ? -1.0 : 1.0;
    for (size_t j = 0; j < n; j++)
      gsl_vector_set(x, j, (double)fig_int(r, -8, 8));
    gsl_blas_ddot(x, star, &score);
    gsl_blas_daxpy(sign * fmax(0, ceil((g0 - sign * score) / star2)), star, x);
    gsl_blas_ddot(x, star, &score);
    gsl_matrix_set_row(X, i, x);
    gsl_vector_set(y, i, sign);
    gsl_blas_ddot(x, x, &x2);
    g = fmin(g, sign * score);
    R2 = fmax(R2, x2);
  }
  size_t k = 0;
  mdl_perceptron_train(X, y, theta, 100000, &k);
  gsl_matrix_free(X);
  gsl_vector_free(y);
  gsl_vector_free(star);
  gsl_vector_free(x);
  gsl_vector_free(theta);
  return (double)k * g * g / (R2 * star2);
}

int main(int argc, char **argv)
{
  enum { SETS = 4000, BINS = 21 };
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/novikov.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/novikov.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || tex == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 1962);
  unsigned count[BINS] = {0};
  double worst = 0;
  for (int k = 0; k < SETS; k++) {
    size_t n = (size_t)fig_int(r, 2, 30), s = (size_t)fig_int(r, 2, 150);
    double ratio = fig_ratio(n, s, 4 * pow(500.0, gsl_rng_uniform(r)), r);
    worst = fmax(worst, ratio);
    int b = (int)(ratio * 20);
    count[b < BINS - 1 ? b : BINS - 1]++;
  }
  fprintf(dat, "lo count\n");
  for (int b = 0; b < BINS; b++)
    fprintf(dat, "%.3f %u\n", b / 20.0, count[b]);
  fprintf(dat, "%.3f %u\n", BINS / 20.0, count[BINS - 1]);
  fprintf(tex, "\\providecommand\\mdlnovikovsets{}"
               "\\renewcommand\\mdlnovikovsets{%d}\n", SETS);
  fprintf(tex, "\\providecommand\\mdlnovikovmax{}"
               "\\renewcommand\\mdlnovikovmax{%.3f}\n", worst);
  unsigned top = 0;
  for (int b = 0; b < BINS; b++)
    top = count[b] > top ? count[b] : top;
  fprintf(tex, "\\providecommand\\mdlnovikovtop{}"
               "\\renewcommand\\mdlnovikovtop{%u}\n", top);
  gsl_rng_free(r);
  fclose(dat);
  fclose(tex);
  return 0;
}
