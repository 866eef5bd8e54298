#line 2159 "chapters/01-optimization.nw"
#include <math.h>
#include <stdio.h>
#include <mdl/optim.h>

enum { STEPS = 20 };

static double quad(double A[2][2], const double *x, double *g)
{
  g[0] = A[0][0] * x[0] + A[0][1] * x[1];
  g[1] = A[1][0] * x[0] + A[1][1] * x[1];
  return (x[0] * g[0] + x[1] * g[1]) / 2;
}

static int run(const mdl_optim_type *type, const mdl_optim_params *p,
               double A[2][2], const double *x0, FILE *dat)
{
  mdl_optim *opt = mdl_optim_alloc(type, 2, p);
  gsl_vector *x = gsl_vector_alloc(2), *g = gsl_vector_alloc(2);
  double gg[2], f0 = quad(A, x0, gg);
  gsl_vector_set(x, 0, x0[0]);
  gsl_vector_set(x, 1, x0[1]);
  if (dat)
    fprintf(dat, "x y\n%.6f %.6f\n", x0[0], x0[1]);
  int k = 0;
  for (; k < 100000; k++) {
    double xv[2] = {gsl_vector_get(x, 0), gsl_vector_get(x, 1)};
    if (quad(A, xv, gg) <= 1e-6 * f0)
      break;
    gsl_vector_set(g, 0, gg[0]);
    gsl_vector_set(g, 1, gg[1]);
    mdl_optim_step(opt, x, g);
    if (dat && k < STEPS)
      fprintf(dat, "%.6f %.6f\n", gsl_vector_get(x, 0), gsl_vector_get(x, 1));
  }
  mdl_optim_free(opt);
  gsl_vector_free(x);
  gsl_vector_free(g);
  return k;
}

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  FILE *f[4];
  const char *names[4] = {"zigzag-levels.dat", "zigzag-gd.dat",
                          "zigzag-hb.dat", "zigzag.tex"};
  for (int i = 0; i < 4; i++) {
    snprintf(path, sizeof path, "%s/%s", argv[1], names[i]);
    f[i] = fopen(path, "w");
    if (f[i] == NULL) {
      fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
      return 1;
    }
  }
  const double pi = 3.14159265358979323846;
  const double mu = 1, L = 12, alpha = pi / 12;
  const double e[2] = {cos(alpha), sin(alpha)}, n[2] = {-sin(alpha), cos(alpha)};
  double A[2][2];
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 2; j++)
      A[i][j] = mu * e[i] * e[j] + L * n[i] * n[j];
  const double x0[2] = {4.5 * e[0] + 0.9 * n[0], 4.5 * e[1] + 0.9 * n[1]};
  double gg[2], f0 = quad(A, x0, gg);
  fprintf(f[0], "t");
  for (int k = 1; k <= 7; k++)
    fprintf(f[0], " x%d y%d", k, k);
  fprintf(f[0], "\n");
  for (int j = 0; j <= 200; j++) {
    double t = 2 * pi * j / 200;
    fprintf(f[0], "%.4f", t);
    for (int k = 1; k <= 7; k++) {
      double level = f0 * pow(0.3, k - 1);
      double u = sqrt(2 * level / mu) * cos(t), v = sqrt(2 * level / L) * sin(t);
      fprintf(f[0], " %.6f %.6f", u * e[0] + v * n[0], u * e[1] + v * n[1]);
    }
    fprintf(f[0], "\n");
  }
  mdl_optim_params gd = {.lr = 2 / (mu + L)};
  double sk = sqrt(L / mu), beta = (sk - 1) / (sk + 1);
  mdl_optim_params hb = {.lr = 4 / ((sqrt(L) + sqrt(mu)) * (sqrt(L) + sqrt(mu))),
                         .momentum = beta * beta};
  int kgd = run(mdl_optim_gd, &gd, A, x0, f[1]);
  int khb = run(mdl_optim_heavy_ball, &hb, A, x0, f[2]);
  fprintf(f[3], "\\providecommand\\mdlzigzagL{}\\renewcommand\\mdlzigzagL{%g}\n", L);
  fprintf(f[3], "\\providecommand\\mdlzigzagsteps{}\\renewcommand\\mdlzigzagsteps{%d}\n", STEPS);
  fprintf(f[3], "\\providecommand\\mdlzigzaggd{}\\renewcommand\\mdlzigzaggd{%d}\n", kgd);
  fprintf(f[3], "\\providecommand\\mdlzigzaghb{}\\renewcommand\\mdlzigzaghb{%d}\n", khb);
  for (int i = 0; i < 4; i++)
    fclose(f[i]);
  return 0;
}
