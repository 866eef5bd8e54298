#line 4301 "chapters/05-gan.nw"
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <mdl/divergence.h>
#include <mdl/ot.h>

int main(int argc, char **argv)
{
  enum { K = 64, POINTS = 200 };
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/parallel-lines.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/parallel-lines.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || tex == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  gsl_vector *p = gsl_vector_calloc(2 * K), *q = gsl_vector_calloc(2 * K);
  gsl_vector *a = gsl_vector_alloc(K);
  gsl_matrix *C = gsl_matrix_alloc(K, K);
  gsl_vector_set_all(a, 1.0 / K);
  for (size_t k = 0; k < K; k++) {
    gsl_vector_set(p, k, 1.0 / K);
    gsl_vector_set(q, K + k, 1.0 / K);
  }
  double dev = 0;
  fprintf(dat, "theta w1 js tv\n");
  for (int s = 0; s < POINTS; s++) {
    double theta = -1 + (s + 0.5) * 2.0 / POINTS, w1;
    for (size_t k = 0; k < K; k++)
      for (size_t l = 0; l < K; l++) {
        double dz = (double)k / K - (double)l / K;
        gsl_matrix_set(C, k, l, sqrt(theta * theta + dz * dz));
      }
    if (mdl_ot_solve(a, a, C, NULL, NULL, NULL, &w1))
      return 1;
    dev = fmax(dev, fabs(w1 - fabs(theta)));
    fprintf(dat, "%.6f %.9f %.9f %.9f\n", theta, w1, mdl_js(p, q),
            mdl_tv(p, q));
  }
  fprintf(tex, "\\providecommand\\mdllinesK{}\\renewcommand\\mdllinesK{%d}\n",
          K);
  fprintf(tex,
          "\\providecommand\\mdllinespoints{}"
          "\\renewcommand\\mdllinespoints{%d}\n",
          POINTS);
  if (dev == 0)
    fprintf(
        tex,
        "\\providecommand\\mdllinesdev{}\\renewcommand\\mdllinesdev{$0$}\n");
  else
    fprintf(tex,
            "\\providecommand\\mdllinesdev{}"
            "\\renewcommand\\mdllinesdev{$%.1f\\times10^{%d}$}\n",
            dev / pow(10, floor(log10(dev))), (int)floor(log10(dev)));
  gsl_vector_free(p);
  gsl_vector_free(q);
  gsl_vector_free(a);
  gsl_matrix_free(C);
  fclose(dat);
  fclose(tex);
  return 0;
}
