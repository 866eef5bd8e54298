#line 4331 "chapters/01-optimization.nw"
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <mdl/optim.h>

enum { N = 50, K = 600 };

static double gap(const gsl_matrix *A, const gsl_vector *x,
                  const gsl_vector *xs, gsl_vector *e, gsl_vector *Ae)
{
  double f;
  gsl_vector_memcpy(e, x);
  gsl_vector_sub(e, xs);
  gsl_blas_dsymv(CblasLower, 1.0, A, e, 0.0, Ae);
  gsl_blas_ddot(e, Ae, &f);
  return f / 2;
}
#line 4379 "chapters/01-optimization.nw"
static int write_rates(const char *dir, const gsl_matrix *A,
                       const gsl_vector *xs, double mu, double L, gsl_rng *r)
{
  char path[4096];
  snprintf(path, sizeof path, "%s/rates.dat", dir);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/rates.tex", dir);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || tex == NULL) {
    fprintf(stderr, "fig-rates: cannot write to %s\n", dir);
    return 1;
  }
  double kappa = L / mu, sk = sqrt(kappa);
  double rho = (sk - 1) / (sk + 1);
  mdl_optim_params pg = {.lr = 1 / L};
  mdl_optim_params pn = {.lr = 1 / L, .momentum = (sk - 1) / (sk + 1)};
  mdl_optim_params ph = {.lr = 4 / ((sqrt(L) + sqrt(mu)) * (sqrt(L) + sqrt(mu))),
                         .momentum = rho * rho};
  mdl_optim *gd = mdl_optim_alloc(mdl_optim_gd, N, &pg);
  mdl_optim *nes = mdl_optim_alloc(mdl_optim_nesterov_xy, N, &pn);
  mdl_optim *hb = mdl_optim_alloc(mdl_optim_heavy_ball, N, &ph);
  gsl_vector *x[3], *g = gsl_vector_alloc(N), *e = gsl_vector_alloc(N);
  gsl_vector *Ae = gsl_vector_alloc(N);
  for (int m = 0; m < 3; m++)
    x[m] = gsl_vector_alloc(N);
  for (size_t i = 0; i < N; i++)
    gsl_vector_set(x[0], i, gsl_ran_gaussian(r, 1.0));
  gsl_vector_memcpy(x[1], x[0]);
  gsl_vector_memcpy(x[2], x[0]);
  double f0 = gap(A, x[0], xs, e, Ae), d0;
  gsl_blas_ddot(e, e, &d0);
  double C = (f0 + mu / 2 * d0) / f0, last[3] = {1, 1, 1};
  mdl_optim *opt[3] = {gd, nes, hb};
  fprintf(dat, "k gd nest hb bgd bnest rhb\n");
  for (int k = 0; k <= K; k++) {
    if (k > 0)
      for (int m = 0; m < 3; m++) {
        gsl_vector_memcpy(e, x[m]);
        gsl_vector_sub(e, xs);
        gsl_blas_dsymv(CblasLower, 1.0, A, e, 0.0, g);
        mdl_optim_step(opt[m], x[m], g);
      }
    const gsl_vector *xn = k > 0 ? mdl_optim_buffer(nes, MDL_OPTIM_PREVIOUS_X)
                                 : x[1];
    last[0] = gap(A, x[0], xs, e, Ae) / f0;
    last[1] = gap(A, xn, xs, e, Ae) / f0;
    last[2] = gap(A, x[2], xs, e, Ae) / f0;
    if (k % 5 == 0)
      fprintf(dat, "%d %.6e %.6e %.6e %.6e %.6e %.6e\n", k,
              fmax(last[0], 1e-300), fmax(last[1], 1e-300),
              fmax(last[2], 1e-300), pow(1 - 1 / kappa, k),
              C * pow(1 - 1 / sk, k), pow(rho, 2.0 * k));
  }
  fprintf(tex, "\\providecommand\\mdlratessteps{}\\renewcommand\\mdlratessteps{%d}\n", K);
  const char *names[3] = {"gd", "nest", "hb"};
  for (int m = 0; m < 3; m++) {
    int ex = (int)floor(log10(1 / last[m]));
    fprintf(tex, "\\providecommand\\mdlrates%s{}\\renewcommand\\mdlrates%s"
            "{$%.1f\\times10^{%d}$}\n", names[m], names[m],
            1 / last[m] / pow(10, ex), ex);
  }
  for (int m = 0; m < 3; m++) {
    mdl_optim_free(opt[m]);
    gsl_vector_free(x[m]);
  }
  gsl_vector_free(g);
  gsl_vector_free(e);
  gsl_vector_free(Ae);
  fclose(dat);
  fclose(tex);
  return 0;
}

#line 4353 "chapters/01-optimization.nw"
int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 20240601);
  gsl_matrix *A = gsl_matrix_alloc(N, N);
  gsl_vector *lam = gsl_vector_alloc(N), *xs = gsl_vector_alloc(N);
  const double L = 1, kappa = 1000, mu = L / kappa;
  for (size_t i = 0; i < N; i++)
    gsl_vector_set(lam, i, mu * pow(kappa, (double)i / (N - 1)));
  mdl_optim_random_spd(A, NULL, lam, r);
  for (size_t i = 0; i < N; i++)
    gsl_vector_set(xs, i, gsl_ran_gaussian(r, 1.0));
  int status = write_rates(argv[1], A, xs, mu, L, r);
  gsl_matrix_free(A);
  gsl_vector_free(lam);
  gsl_vector_free(xs);
  gsl_rng_free(r);
  return status;
}
