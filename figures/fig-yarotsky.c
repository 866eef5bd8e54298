#line 10162 "chapters/02-approximation.nw"
#include <math.h>
#include <stdio.h>
#include <mdl/mdl.h>

static double eval(mdl_net *net, double t)
{
  double out;
  gsl_matrix_view X = gsl_matrix_view_array(&t, 1, 1);
  gsl_matrix_view Y = gsl_matrix_view_array(&out, 1, 1);
  mdl_net_forward(net, &X.matrix, &Y.matrix);
  return out;
}

static double max_error(mdl_net *net)
{
  double worst = 0;
  for (int j = 0; j <= 4096; j++) {
    double x = j / 4096.0;
    worst = fmax(worst, fabs(eval(net, x) - x * x));
  }
  return worst;
}

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/yarotsky.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/yarotsky-err.dat", argv[1]);
  FILE *err = fopen(path, "w");
  snprintf(path, sizeof path, "%s/yarotsky.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || err == NULL || tex == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  mdl_net *f1 = mdl_approx_square(1), *f2 = mdl_approx_square(2);
  fprintf(dat, "x sq f1 f2\n");
  for (int j = 0; j <= 256; j++) {
    double x = j / 256.0;
    fprintf(dat, "%.6f %.6f %.6f %.6f\n", x, x * x, eval(f1, x), eval(f2, x));
  }
  mdl_net_free(f1);
  mdl_net_free(f2);
  fprintf(err, "units deep shallow\n");
  double deep = 0, shallow = 0;
  size_t M = 6;
  for (size_t m = 1; m <= M; m++) {
    mdl_net *net = mdl_approx_square(m);
    size_t n = 3 * m;
    gsl_vector *kx = gsl_vector_alloc(n + 1), *ky = gsl_vector_alloc(n + 1);
    for (size_t j = 0; j <= n; j++) {
      gsl_vector_set(kx, j, (double)j / (double)n);
      gsl_vector_set(ky, j, gsl_pow_2((double)j / (double)n));
    }
    mdl_net *one = mdl_approx_relu_interpolant(kx, ky);
    deep = max_error(net);
    shallow = max_error(one);
    fprintf(err, "%zu %.6e %.6e\n", n, deep, shallow);
    mdl_net_free(net);
    mdl_net_free(one);
    gsl_vector_free(kx);
    gsl_vector_free(ky);
  }
  fprintf(tex, "\\providecommand\\mdlyarm{}\\renewcommand\\mdlyarm{%zu}\n", M);
  fprintf(tex, "\\providecommand\\mdlyarunits{}\\renewcommand\\mdlyarunits{%zu}\n", 3 * M);
  fprintf(tex, "\\providecommand\\mdlyardeep{}\\renewcommand\\mdlyardeep{$%.2f\\times10^{%d}$}\n",
          deep / pow(10, floor(log10(deep))), (int)floor(log10(deep)));
  fprintf(tex, "\\providecommand\\mdlyarshallow{}\\renewcommand\\mdlyarshallow{$%.2f\\times10^{%d}$}\n",
          shallow / pow(10, floor(log10(shallow))), (int)floor(log10(shallow)));
  fclose(dat);
  fclose(err);
  fclose(tex);
  return 0;
}
