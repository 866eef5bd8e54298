#line 5867 "chapters/06-vae.nw"
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/vae.h>

static FILE *open_out(const char *dir, const char *name)
{
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  if (f == NULL)
    fprintf(stderr, "fig-vae-ppca: cannot write %s\n", path);
  return f;
}

int main(int argc, char **argv)
{
  enum { N = 60 };
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  FILE *dat = open_out(argv[1], "vae-ppca.dat");
  FILE *tex = open_out(argv[1], "vae-ppca.tex");
  if (dat == NULL || tex == NULL)
    return 1;
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 60601);
  gsl_matrix *X = gsl_matrix_alloc(N, 2), *W = gsl_matrix_alloc(2, 1);
  gsl_matrix *W0 = gsl_matrix_alloc(2, 1), *cov = gsl_matrix_alloc(1, 1);
  gsl_vector *mu = gsl_vector_alloc(2), *psi = gsl_vector_alloc(2);
  gsl_vector *m1 = gsl_vector_alloc(1), *m0 = gsl_vector_alloc(1);
  for (size_t i = 0; i < N; i++) {
    double z = gsl_ran_gaussian(r, 1.0);
    gsl_matrix_set(X, i, 0, 1 + 1.6 * z + gsl_ran_gaussian(r, 0.55));
    gsl_matrix_set(X, i, 1, 0.5 + 0.9 * z + gsl_ran_gaussian(r, 0.55));
  }
  double s2;
  if (mdl_vae_ppca_mle(X, 1, W, mu, &s2))
    return 1;
  double w0 = gsl_matrix_get(W, 0, 0), w1 = gsl_matrix_get(W, 1, 0);
  double lam = w0 * w0 + w1 * w1 + s2, small = 1e-8;
  gsl_matrix_set(W0, 0, 0, w0 * sqrt((lam - small) / (lam - s2)));
  gsl_matrix_set(W0, 1, 0, w1 * sqrt((lam - small) / (lam - s2)));
  fprintf(dat, "x1 x2 r1 r2 p1 p2\n");
  for (size_t i = 0; i < N; i++) {
    gsl_vector_view x = gsl_matrix_row(X, i);
    gsl_vector_set_all(psi, s2);
    mdl_vae_fa_posterior(&x.vector, W, mu, psi, m1, cov);
    gsl_vector_set_all(psi, small);
    mdl_vae_fa_posterior(&x.vector, W0, mu, psi, m0, cov);
    double z1 = gsl_vector_get(m1, 0), z0 = gsl_vector_get(m0, 0);
    fprintf(dat, "%.6f %.6f %.6f %.6f %.6f %.6f\n", gsl_vector_get(&x.vector, 0),
            gsl_vector_get(&x.vector, 1), gsl_vector_get(mu, 0) + w0 * z1,
            gsl_vector_get(mu, 1) + w1 * z1,
            gsl_vector_get(mu, 0) + gsl_matrix_get(W0, 0, 0) * z0,
            gsl_vector_get(mu, 1) + gsl_matrix_get(W0, 1, 0) * z0);
  }
  fprintf(tex, "\\providecommand\\mdlvaeppcasigma{}"
               "\\renewcommand\\mdlvaeppcasigma{%.3f}\n", s2);
  gsl_matrix_free(X);
  gsl_matrix_free(W);
  gsl_matrix_free(W0);
  gsl_matrix_free(cov);
  gsl_vector_free(mu);
  gsl_vector_free(psi);
  gsl_vector_free(m1);
  gsl_vector_free(m0);
  gsl_rng_free(r);
  fclose(dat);
  fclose(tex);
  return 0;
}
