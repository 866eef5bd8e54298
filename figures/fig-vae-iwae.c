#line 5951 "chapters/06-vae.nw"
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/vae.h>

int main(int argc, char **argv)
{
  enum { n = 4, m = 2, R = 1000 };
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/vae-iwae.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/vae-iwae.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || tex == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 60602);
  gsl_matrix *W = gsl_matrix_alloc(n, m), *X = gsl_matrix_alloc(1, n);
  gsl_matrix *cov = gsl_matrix_alloc(m, m);
  gsl_vector *mu = gsl_vector_alloc(n), *psi = gsl_vector_alloc(n);
  gsl_vector *b = gsl_vector_alloc(m), *lv = gsl_vector_alloc(m);
  for (size_t i = 0; i < n; i++) {
    for (size_t j = 0; j < m; j++)
      gsl_matrix_set(W, i, j, -1.5 + 3 * gsl_rng_uniform(r));
    gsl_vector_set(mu, i, -1 + 2 * gsl_rng_uniform(r));
    gsl_vector_set(psi, i, 0.2 + gsl_rng_uniform(r));
  }
  for (size_t i = 0; i < n; i++)
    gsl_matrix_set(X, 0, i, gsl_vector_get(mu, i) +
                                gsl_ran_gaussian(r, 1.5));
  gsl_vector_view x = gsl_matrix_row(X, 0);
  if (mdl_vae_fa_posterior(&x.vector, W, mu, psi, b, cov))
    return 1;
  for (size_t j = 0; j < m; j++) {
    gsl_vector_set(b, j, gsl_vector_get(b, j) + 0.5);
    gsl_vector_set(lv, j, log(gsl_matrix_get(cov, j, j)) + 0.4);
  }
  double lp, elbo;
  mdl_vae_fa_loglik(X, W, mu, psi, &lp);
  mdl_vae_fa_elbo(&x.vector, W, mu, psi, b, lv, &elbo);
  fprintf(dat, "k lk se logp elbo\n");
  for (size_t k = 1; k <= 256; k *= 2) {
    double s = 0, s2 = 0;
    for (int i = 0; i < R; i++) {
      double v;
      mdl_vae_fa_iwae(&x.vector, W, mu, psi, b, lv, k, r, &v);
      s += v;
      s2 += v * v;
    }
    double mean = s / R, se = sqrt(fmax(s2 / R - mean * mean, 0) / (R - 1));
    fprintf(dat, "%zu %.9f %.9f %.9f %.9f\n", k, mean, se, lp, elbo);
  }
  fprintf(tex, "\\providecommand\\mdlvaeiwaelogp{}"
               "\\renewcommand\\mdlvaeiwaelogp{%.4f}\n", lp);
  fprintf(tex, "\\providecommand\\mdlvaeiwaeelbo{}"
               "\\renewcommand\\mdlvaeiwaeelbo{%.4f}\n", elbo);
  gsl_matrix_free(W);
  gsl_matrix_free(X);
  gsl_matrix_free(cov);
  gsl_vector_free(mu);
  gsl_vector_free(psi);
  gsl_vector_free(b);
  gsl_vector_free(lv);
  gsl_rng_free(r);
  fclose(dat);
  fclose(tex);
  return 0;
}
