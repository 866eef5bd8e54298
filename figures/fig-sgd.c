#line 6883 "chapters/01-optimization.nw"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <mdl/optim.h>

enum { NS = 50, D = 4, RUNS = 500, K = 30000, EPOCHS = 12 };

typedef struct {
  double a[NS * D], y[NS];
} problem;

static int term_gradient(size_t i, const gsl_vector *x, void *params,
                         gsl_vector *g)
{
  const problem *P = params;
  double r = -P->y[i];
  for (size_t j = 0; j < D; j++)
    r += P->a[i * D + j] * gsl_vector_get(x, j);
  for (size_t j = 0; j < D; j++)
    gsl_vector_set(g, j, r * P->a[i * D + j]);
  return GSL_SUCCESS;
}

static double dist2(const gsl_vector *x, const gsl_vector *xs)
{
  double s = 0;
  for (size_t j = 0; j < D; j++) {
    double e = gsl_vector_get(x, j) - gsl_vector_get(xs, j);
    s += e * e;
  }
  return s;
}
#line 6944 "chapters/01-optimization.nw"
static void setup(problem *P, gsl_vector *xs, double *mu, double *supL,
                  double *sigma2, gsl_rng *r)
{
  gsl_matrix *X = gsl_matrix_alloc(NS, D), *G = gsl_matrix_alloc(D, D);
  gsl_vector *y = gsl_vector_alloc(NS), *ev = gsl_vector_alloc(D);
  double w[D];
  for (size_t j = 0; j < D; j++)
    w[j] = gsl_ran_gaussian(r, 1.0);
  *supL = 0;
  for (size_t i = 0; i < NS; i++) {
    double yi = 0.5 * gsl_ran_gaussian(r, 1.0), L = 0;
    for (size_t j = 0; j < D; j++) {
      P->a[i * D + j] = gsl_ran_gaussian(r, 0.5);
      gsl_matrix_set(X, i, j, P->a[i * D + j]);
      yi += P->a[i * D + j] * w[j];
      L += P->a[i * D + j] * P->a[i * D + j];
    }
    P->y[i] = yi;
    gsl_vector_set(y, i, yi);
    *supL = fmax(*supL, L);
  }
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, X, X, 0.0, G);
  gsl_vector *b = gsl_vector_alloc(D);
  gsl_blas_dgemv(CblasTrans, 1.0, X, y, 0.0, b);
  gsl_matrix *C = gsl_matrix_alloc(D, D);
  gsl_matrix_memcpy(C, G);
  gsl_linalg_cholesky_decomp1(C);
  gsl_linalg_cholesky_solve(C, b, xs);
  gsl_matrix_scale(G, 1.0 / NS);
  gsl_eigen_symm_workspace *ws = gsl_eigen_symm_alloc(D);
  gsl_eigen_symm(G, ev, ws);
  *mu = gsl_vector_min(ev);
  *sigma2 = 0;
  for (size_t i = 0; i < NS; i++) {
    double ri = -P->y[i], a2 = 0;
    for (size_t j = 0; j < D; j++) {
      ri += P->a[i * D + j] * gsl_vector_get(xs, j);
      a2 += P->a[i * D + j] * P->a[i * D + j];
    }
    *sigma2 += ri * ri * a2 / NS;
  }
  gsl_eigen_symm_free(ws);
  gsl_matrix_free(X);
  gsl_matrix_free(G);
  gsl_matrix_free(C);
  gsl_vector_free(y);
  gsl_vector_free(ev);
  gsl_vector_free(b);
}
#line 6997 "chapters/01-optimization.nw"
static int run(const char *dir, problem *P, const gsl_vector *xs, double mu,
               double supL, double sigma2, gsl_rng *r)
{
  char path[4096];
  snprintf(path, sizeof path, "%s/sgd.dat", dir);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/svrg.dat", dir);
  FILE *sv = fopen(path, "w");
  snprintf(path, sizeof path, "%s/sgd.tex", dir);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || sv == NULL || tex == NULL) {
    fprintf(stderr, "fig-sgd: cannot write to %s\n", dir);
    return 1;
  }
  mdl_optim_finite_sum F = {term_gradient, NS, D, P};
  double eta = 0.5 / supL, A = 1 - 2 * eta * mu * (1 - eta * supL);
  double B = eta * sigma2 / (mu * (1 - eta * supL));
  double *mse = calloc(K + 1, sizeof *mse), *mavg = calloc(K + 1, sizeof *mavg);
  gsl_vector *x0 = gsl_vector_alloc(D), *x = gsl_vector_alloc(D);
  gsl_vector *g = gsl_vector_alloc(D), *avg = gsl_vector_alloc(D);
  for (size_t j = 0; j < D; j++)
    gsl_vector_set(x0, j, gsl_vector_get(xs, j) + gsl_ran_flat(r, -2, 2));
  mdl_optim_params p = {.lr = eta};
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, D, &p);
  mdl_optim_sampler *s = mdl_optim_sampler_alloc(&F, 1, 1);
  for (int run = 0; run < RUNS; run++) {
    gsl_vector_memcpy(x, x0);
    for (int k = 0; k <= K; k++) {
      mdl_optim_average(avg, x, (size_t)k);
      mse[k] += dist2(x, xs) / RUNS;
      mavg[k] += dist2(avg, xs) / RUNS;
      mdl_optim_sampler_minibatch(s, x, r, g);
      mdl_optim_step(opt, x, g);
    }
  }
  double e0 = dist2(x0, xs), floor = 0;
  fprintf(dat, "k sgd avg bound B\n");
  for (double t = 1; t <= K; t *= pow(10, 1.0 / 40)) {
    int k = (int)t;
    fprintf(dat, "%d %.6e %.6e %.6e %.6e\n", k, mse[k], mavg[k],
            pow(A, k) * e0 + B, B);
  }
  for (int k = K / 2; k <= K; k++)
    floor += mse[k] / (K - K / 2 + 1);
#line 7063 "chapters/01-optimization.nw"
  double L = supL, eta_s = 0.1 / L;
  size_t m = (size_t)ceil(50 * L / mu);
  double ms[EPOCHS + 1] = {0};
  mdl_optim_params ps = {.lr = eta_s};
  mdl_optim *opt_s = mdl_optim_alloc(mdl_optim_gd, D, &ps);
  for (int run = 0; run < RUNS; run++) {
    gsl_vector_memcpy(x, x0);
    ms[0] += dist2(x, xs) / RUNS;
    for (int e = 1; e <= EPOCHS; e++) {
      mdl_optim_svrg_epoch(s, opt_s, x, m, MDL_OPTIM_SVRG_RANDOM, r);
      ms[e] += dist2(x, xs) / RUNS;
    }
  }
  fprintf(sv, "k svrg\n");
  for (int e = 0; e <= EPOCHS; e++)
    fprintf(sv, "%zu %.6e\n", e == 0 ? (size_t)1 : e * (NS + 2 * m), ms[e]);
  mdl_optim_free(opt_s);
#line 7042 "chapters/01-optimization.nw"
  fprintf(tex, "\\providecommand\\mdlsgdruns{}\\renewcommand\\mdlsgdruns{%d}\n",
          RUNS);
  fprintf(tex, "\\providecommand\\mdlsgdfloor{}\\renewcommand\\mdlsgdfloor"
          "{$%.2f$}\n", floor);
  fprintf(tex, "\\providecommand\\mdlsgdB{}\\renewcommand\\mdlsgdB{%.2f}\n", B);
  mdl_optim_free(opt);
  mdl_optim_sampler_free(s);
  gsl_vector_free(x0);
  gsl_vector_free(x);
  gsl_vector_free(g);
  gsl_vector_free(avg);
  free(mse);
  free(mavg);
  fclose(dat);
  fclose(sv);
  fclose(tex);
  return 0;
}

#line 6924 "chapters/01-optimization.nw"
int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 77031);
  static problem P;
  double mu, supL, sigma2;
  gsl_vector *xs = gsl_vector_alloc(D);
  setup(&P, xs, &mu, &supL, &sigma2, r);
  int status = run(argv[1], &P, xs, mu, supL, sigma2, r);
  gsl_vector_free(xs);
  gsl_rng_free(r);
  return status;
}
