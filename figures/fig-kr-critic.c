#line 4514 "chapters/05-gan.nw"
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <mdl/ot.h>

static double bump(double x, double mu, double s)
{
  double z = (x - mu) / s;
  return exp(-0.5 * z * z);
}

static void normalise(gsl_vector *w)
{
  double s = 0;
  for (size_t i = 0; i < w->size; i++)
    s += gsl_vector_get(w, i);
  gsl_vector_scale(w, 1 / s);
}

static double critic(double t, const gsl_vector *x, const gsl_vector *v)
{
  double f = HUGE_VAL;
  for (size_t j = 0; j < x->size; j++)
    f = fmin(f, fabs(t - gsl_vector_get(x, j)) - gsl_vector_get(v, j));
  return f;
}

int main(int argc, char **argv)
{
  enum { K = 48, FINE = 400 };
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/kr-critic-masses.dat", argv[1]);
  FILE *mass = fopen(path, "w");
  snprintf(path, sizeof path, "%s/kr-critic.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/kr-critic.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (mass == NULL || dat == NULL || tex == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  gsl_vector *x = gsl_vector_alloc(K), *a = gsl_vector_alloc(K);
  gsl_vector *b = gsl_vector_alloc(K), *u = gsl_vector_alloc(K);
  gsl_vector *v = gsl_vector_alloc(K);
  gsl_matrix *C = gsl_matrix_alloc(K, K);
  for (size_t i = 0; i < K; i++) {
    double xi = (i + 0.5) / K;
    gsl_vector_set(x, i, xi);
    gsl_vector_set(a, i, 0.6 * bump(xi, 0.22, 0.07) + 0.4 * bump(xi, 0.72, 0.05));
    gsl_vector_set(b, i, bump(xi, 0.5, 0.12));
  }
  normalise(a);
  normalise(b);
  for (size_t i = 0; i < K; i++)
    for (size_t j = 0; j < K; j++)
      gsl_matrix_set(C, i, j, fabs(gsl_vector_get(x, i) - gsl_vector_get(x, j)));
  double w1;
  if (mdl_ot_solve(a, b, C, NULL, u, v, &w1))
    return 1;
  double gap = 0, lip = 0;
  for (size_t i = 0; i < K; i++) {
    double f = critic(gsl_vector_get(x, i), x, v);
    gap += (gsl_vector_get(a, i) - gsl_vector_get(b, i)) * f;
  }
  fprintf(mass, "x p q\n");
  for (size_t i = 0; i < K; i++)
    fprintf(mass, "%.6f %.9f %.9f\n", gsl_vector_get(x, i),
            gsl_vector_get(a, i), gsl_vector_get(b, i));
  fprintf(dat, "t f cdf\n");
  double prev = 0;
  for (int s = 0; s <= FINE; s++) {
    double t = (double)s / FINE, f = critic(t, x, v), Fp = 0, Fq = 0;
    for (size_t i = 0; i < K; i++)
      if (gsl_vector_get(x, i) <= t) {
        Fp += gsl_vector_get(a, i);
        Fq += gsl_vector_get(b, i);
      }
    if (s > 0)
      lip = fmax(lip, fabs(f - prev) * FINE);
    prev = f;
    fprintf(dat, "%.6f %.9f %.9f\n", t, f, Fq - Fp);
  }
  fprintf(tex, "\\providecommand\\mdlkrK{}\\renewcommand\\mdlkrK{%d}\n", K);
  fprintf(tex, "\\providecommand\\mdlkrW{}\\renewcommand\\mdlkrW{%.6f}\n", w1);
  fprintf(tex, "\\providecommand\\mdlkrgap{}\\renewcommand\\mdlkrgap{%.6f}\n",
          gap);
  fprintf(tex, "\\providecommand\\mdlkrlip{}\\renewcommand\\mdlkrlip{%.6f}\n",
          lip);
  gsl_vector_free(x);
  gsl_vector_free(a);
  gsl_vector_free(b);
  gsl_vector_free(u);
  gsl_vector_free(v);
  gsl_matrix_free(C);
  fclose(mass);
  fclose(dat);
  fclose(tex);
  return 0;
}
