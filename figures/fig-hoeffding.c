#line 3745 "chapters/07-generalization.nw"
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <mdl/learn.h>

int main(int argc, char **argv)
{
  enum { R = 1000000, NB = 20, NU = 10 };
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/hoeffding-bern.dat", argv[1]);
  FILE *bern = fopen(path, "w");
  snprintf(path, sizeof path, "%s/hoeffding-unif.dat", argv[1]);
  FILE *unif = fopen(path, "w");
  if (bern == NULL || unif == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 1963);
  gsl_vector *lo = gsl_vector_calloc(NB), *hi = gsl_vector_alloc(NB);
  gsl_vector_set_all(hi, 1.0);
  static unsigned hist[NB + 1];
  for (unsigned k = 0; k < R; k++)
    hist[gsl_ran_binomial(r, 0.5, NB)]++;
  fprintf(bern, "t bound exact mc\n");
  for (unsigned j = 0; j <= 10; j++) {
    unsigned K = 0;
    for (unsigned k = 10 + j; k <= NB; k++)
      K += hist[k];
    double t = (double)j / NB;
    fprintf(bern, "%.4f %.6e %.6e ", t, mdl_hoeffding_bound(lo, hi, t),
            gsl_cdf_binomial_Q(10 + j - 1, 0.5, NB));
    if (K > 0)
      fprintf(bern, "%.6e\n", (double)K / R);
    else
      fprintf(bern, "nan\n");
  }
  gsl_vector *a = gsl_vector_alloc(NU), *b = gsl_vector_alloc(NU);
  double mean = 0;
  for (size_t i = 0; i < NU; i++) {
    double ai = gsl_ran_flat(r, -1, 1), wi = gsl_ran_flat(r, 0.2, 2);
    gsl_vector_set(a, i, ai);
    gsl_vector_set(b, i, ai + wi);
    mean += (ai + wi / 2) / NU;
  }
  enum { T = 16 };
  static unsigned K[T];
  for (unsigned k = 0; k < R; k++) {
    double m = 0;
    for (size_t i = 0; i < NU; i++)
      m += (gsl_vector_get(a, i)
            + (gsl_vector_get(b, i) - gsl_vector_get(a, i))
              * gsl_rng_uniform(r)) / NU;
    for (int l = 0; l < T; l++)
      K[l] += m - mean >= 0.03 * l;
  }
  fprintf(unif, "t bound mc\n");
  for (int l = 0; l < T; l++) {
    fprintf(unif, "%.4f %.6e ", 0.03 * l, mdl_hoeffding_bound(a, b, 0.03 * l));
    if (K[l] > 0)
      fprintf(unif, "%.6e\n", (double)K[l] / R);
    else
      fprintf(unif, "nan\n");
  }
  gsl_vector_free(lo);
  gsl_vector_free(hi);
  gsl_vector_free(a);
  gsl_vector_free(b);
  gsl_rng_free(r);
  fclose(bern);
  fclose(unif);
  return 0;
}
