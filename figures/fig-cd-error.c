#line 1710 "chapters/00-intro.nw"
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <mdl/numcheck.h>

static double fig_exp(const gsl_vector *x, void *params)
{
  (void)params;
  return exp(gsl_vector_get(x, 0));
}

int main(int argc, char **argv)
{
  enum { POINTS = 1024, STEPS = 121 };
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/cd-error.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/cd-error.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || tex == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 1414213);
  static double x0[POINTS];
  for (int p = 0; p < POINTS; p++)
    x0[p] = gsl_ran_flat(r, -0.9, 0.9);
  gsl_vector *x = gsl_vector_alloc(1), *d = gsl_vector_alloc(1);
  gsl_multimin_function f = {fig_exp, 1, NULL};
  fprintf(dat, "h err trunc round\n");
  for (int s = 0; s < STEPS; s++) {
    double h = pow(10.0, -13 + s / 10.0), err = 0;
    for (int p = 0; p < POINTS; p++) {
      gsl_vector_set(x, 0, x0[p]);
      mdl_numcheck_diff(&f, x, h, d);
      err += fabs(gsl_vector_get(d, 0) - exp(x0[p])) / exp(x0[p]) / POINTS;
    }
    fprintf(dat, "%.6e %.6e %.6e %.6e\n", h, err, h * h / 6, DBL_EPSILON / h);
  }
  double hstar = mdl_numcheck_step();
  double estar = 0.5 * cbrt(9 * DBL_EPSILON * DBL_EPSILON);
  double trunc = 0.01 / 10 / (1 - 0.01 / 20);
  fprintf(tex, "\\providecommand\\mdlcdhstar{}\\renewcommand\\mdlcdhstar{%.1f\\times10^{%d}}\n",
          hstar / pow(10, floor(log10(hstar))), (int)floor(log10(hstar)));
  fprintf(tex, "\\providecommand\\mdlcdhstarnum{}\\renewcommand\\mdlcdhstarnum{%.6e}\n", hstar);
  fprintf(tex, "\\providecommand\\mdlcderrstar{}\\renewcommand\\mdlcderrstar{%.1f\\times10^{%d}}\n",
          estar / pow(10, floor(log10(estar))), (int)floor(log10(estar)));
  fprintf(tex, "\\providecommand\\mdlcdratetrunc{}\\renewcommand\\mdlcdratetrunc{%.4f\\times10^{%d}}\n",
          trunc / pow(10, floor(log10(trunc))), (int)floor(log10(trunc)));
  fprintf(tex, "\\providecommand\\mdlcdpoints{}\\renewcommand\\mdlcdpoints{%d}\n", POINTS);
  gsl_vector_free(x);
  gsl_vector_free(d);
  gsl_rng_free(r);
  fclose(dat);
  fclose(tex);
  return 0;
}
