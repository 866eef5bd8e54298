#line 11102 "chapters/02-approximation.nw"
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <mdl/mdl.h>

enum { N = 5, PTS = 400, REPS = 40 };

static int spectrum(const gsl_rng *r, void *params, gsl_vector *omega,
                    double *phase)
{
  (void)params;
  double norm = 0;
  for (size_t i = 0; i < N; i++) {
    gsl_vector_set(omega, i, gsl_ran_gaussian(r, 1));
    norm += gsl_pow_2(gsl_vector_get(omega, i));
  }
  gsl_vector_scale(omega, sqrt(gsl_ran_chisq(r, N + 1)) / sqrt(norm));
  *phase = 0;
  return GSL_SUCCESS;
}

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/barron.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/barron.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || tex == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 6180339);
  gsl_matrix *P = gsl_matrix_alloc(PTS, N), *Y = gsl_matrix_alloc(PTS, 1);
  double f[PTS], fvar = 0;
  for (size_t k = 0; k < PTS; k++) {
    double norm = 0, s = 0;
    for (size_t i = 0; i < N; i++) {
      gsl_matrix_set(P, k, i, gsl_ran_gaussian(r, 1));
      norm += gsl_pow_2(gsl_matrix_get(P, k, i));
    }
    double radius = pow(gsl_rng_uniform(r), 1.0 / N);
    for (size_t i = 0; i < N; i++) {
      gsl_matrix_set(P, k, i, gsl_matrix_get(P, k, i) * radius / sqrt(norm));
      s += gsl_pow_2(gsl_matrix_get(P, k, i));
    }
    f[k] = exp(-s / 2);
    fvar += gsl_pow_2(f[k] - 1) / PTS;
  }
  const double cf = sqrt(2.0) * tgamma(3) / tgamma(2.5);
  double z2 = 0;
  for (int k = 0; k < 20000; k++) {
    double w[N], norm = 0, s;
    for (size_t i = 0; i < N; i++) {
      w[i] = gsl_ran_gaussian(r, 1);
      norm += w[i] * w[i];
    }
    double rho = sqrt(gsl_ran_chisq(r, N + 1));
    do
      s = gsl_ran_flat(r, -1, 1);
    while (!(gsl_rng_uniform(r) < fabs(sin(rho * s))));
    double half = floor(rho / M_PI);
    double V = 2 * (2 * half + 1 - cos(rho - M_PI * half)) / rho;
    for (size_t q = 0; q < PTS; q++) {
      double t = 0;
      for (size_t i = 0; i < N; i++)
        t += w[i] / sqrt(norm) * gsl_matrix_get(P, q, i);
      z2 += (s > 0 ? t >= s : t < s) * V * V / PTS / 20000;
    }
  }
  double v_est = cf * cf * z2 - fvar;
  fprintf(dat, "m mean se2 bound v\n");
  gsl_vector *e = gsl_vector_alloc(REPS);
  for (size_t m = 4; m <= 1024; m *= 2) {
    for (int k = 0; k < REPS; k++) {
      mdl_net *net = mdl_approx_barron(spectrum, NULL, N, m, 1, cf, 1, r);
      mdl_net_forward(net, P, Y);
      double err = 0;
      for (size_t q = 0; q < PTS; q++)
        err += gsl_pow_2(gsl_matrix_get(Y, q, 0) - f[q]) / PTS;
      gsl_vector_set(e, k, err);
      mdl_net_free(net);
    }
    mdl_numcheck_estimate est;
    mdl_numcheck_mean(e, &est);
    fprintf(dat, "%zu %.6e %.6e %.6e %.6e\n", m, est.mean, 2 * est.se,
            4 * cf * cf / (double)m, v_est / (double)m);
  }
  fprintf(tex, "\\providecommand\\mdlbarronreps{}\\renewcommand\\mdlbarronreps{%d}\n", REPS);
  fprintf(tex, "\\providecommand\\mdlbarronfactor{}\\renewcommand\\mdlbarronfactor{%.0f}\n",
          4 * cf * cf / v_est);
  gsl_vector_free(e);
  gsl_matrix_free(P);
  gsl_matrix_free(Y);
  gsl_rng_free(r);
  fclose(dat);
  fclose(tex);
  return 0;
}
