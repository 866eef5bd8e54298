#line 8771 "chapters/02-approximation.nw"
#include <math.h>
#include <stdio.h>
#include <mdl/mdl.h>

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/bernstein.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/bernstein.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || tex == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  const size_t ns[4] = {4, 16, 64, 256};
  gsl_vector *f[4];
  for (int i = 0; i < 4; i++) {
    f[i] = gsl_vector_alloc(ns[i] + 1);
    for (size_t k = 0; k <= ns[i]; k++)
      gsl_vector_set(f[i], k, fabs((double)k / (double)ns[i] - 0.5));
  }
  fprintf(dat, "x f b4 b16 b64 b256\n");
  for (int g = 0; g <= 400; g++) {
    double x = g / 400.0;
    fprintf(dat, "%.4f %.6f", x, fabs(x - 0.5));
    for (int i = 0; i < 4; i++)
      fprintf(dat, " %.6f", mdl_approx_bernstein(f[i], x));
    fprintf(dat, "\n");
  }
  fprintf(tex, "\\providecommand\\mdlbernsteinerr{}"
               "\\renewcommand\\mdlbernsteinerr{%.4f}\n",
          mdl_approx_bernstein(f[3], 0.5));
  for (int i = 0; i < 4; i++)
    gsl_vector_free(f[i]);
  fclose(dat);
  fclose(tex);
  return 0;
}
