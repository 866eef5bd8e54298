#line 8494 "chapters/02-approximation.nw"
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_matrix.h>
#include <mdl/mdl.h>

static double net_at(mdl_net *net, double t)
{
  double out;
  gsl_matrix_view X = gsl_matrix_view_array(&t, 1, 1);
  gsl_matrix_view Y = gsl_matrix_view_array(&out, 1, 1);
  mdl_net_forward(net, &X.matrix, &Y.matrix);
  return out;
}

static double sup_error(int which, size_t m, double a, double b)
{
  gsl_vector *x = gsl_vector_alloc(m + 1), *y = gsl_vector_alloc(m + 1);
  for (size_t j = 0; j <= m; j++) {
    double xj = a + (b - a) * (double)j / (double)m;
    gsl_vector_set(x, j, xj);
    gsl_vector_set(y, j, which ? sin(xj) : exp(xj));
  }
  mdl_net *net = mdl_approx_relu_interpolant(x, y);
  double worst = 0;
  for (size_t j = 0; j < m; j++) {
    double s = (gsl_vector_get(y, j + 1) - gsl_vector_get(y, j))
               / (gsl_vector_get(x, j + 1) - gsl_vector_get(x, j));
    double xs = which ? acos(s) : log(s);
    worst = fmax(worst, fabs((which ? sin(xs) : exp(xs)) - net_at(net, xs)));
  }
  mdl_net_free(net);
  gsl_vector_free(x);
  gsl_vector_free(y);
  return worst;
}

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/relu-interp.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/relu-interp.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || tex == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  fprintf(dat, "m exp expbound sin sinbound\n");
  double sx = 0, sy[2] = {0, 0}, sxx = 0, sxy[2] = {0, 0};
  int n = 0;
  for (size_t m = 2; m <= 1024; m *= 2) {
    double e0 = sup_error(0, m, 0, 1), e1 = sup_error(1, m, 0, 2);
    fprintf(dat, "%zu %.6e %.6e %.6e %.6e\n", m, e0,
            M_E / (8.0 * (double)m * (double)m), e1,
            4 / (8.0 * (double)m * (double)m));
    double lx = log((double)m), ly[2] = {log(e0), log(e1)};
    sx += lx;
    sxx += lx * lx;
    for (int k = 0; k < 2; k++) {
      sy[k] += ly[k];
      sxy[k] += lx * ly[k];
    }
    n++;
  }
  for (int k = 0; k < 2; k++) {
    double slope = (n * sxy[k] - sx * sy[k]) / (n * sxx - sx * sx);
    fprintf(tex, "\\providecommand\\mdlinterpslope%s{}"
                 "\\renewcommand\\mdlinterpslope%s{$%.3f$}\n",
            k ? "sin" : "exp", k ? "sin" : "exp", slope);
  }
  fclose(dat);
  fclose(tex);
  return 0;
}
