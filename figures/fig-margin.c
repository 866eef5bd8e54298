#line 1746 "chapters/07-generalization.nw"
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/learn.h>

static int write_line(const char *dir, const char *name, const gsl_vector *th,
                      double offset)
{
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  if (f == NULL)
    return 1;
  double n = gsl_blas_dnrm2(th), c = gsl_vector_get(th, 0) / n,
         s = gsl_vector_get(th, 1) / n;
  fprintf(f, "x1 x2\n");
  for (int e = -1; e <= 1; e += 2)
    fprintf(f, "%.6f %.6f\n", offset * c - 1.5 * e * s,
            offset * s + 1.5 * e * c);
  fclose(f);
  return 0;
}

int main(int argc, char **argv)
{
  enum { POINTS = 30, ANGLES = 7200 };
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  const double gap = 0.12, phi_star = 0.6;
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 1958);
  gsl_matrix *X = gsl_matrix_alloc(POINTS, 2);
  gsl_vector *y = gsl_vector_alloc(POINTS), *star = gsl_vector_alloc(2);
  gsl_vector *theta = gsl_vector_calloc(2), *dir = gsl_vector_alloc(2);
  gsl_vector *best = gsl_vector_alloc(2);
  gsl_vector_set(star, 0, cos(phi_star));
  gsl_vector_set(star, 1, sin(phi_star));
  for (size_t i = 0; i < POINTS; i++) {
    double x1, x2, score;
    do {
      x1 = gsl_ran_flat(r, -1, 1);
      x2 = gsl_ran_flat(r, -1, 1);
      score = x1 * cos(phi_star) + x2 * sin(phi_star);
    } while (x1 * x1 + x2 * x2 > 1 || fabs(score) < gap);
    gsl_matrix_set(X, i, 0, x1);
    gsl_matrix_set(X, i, 1, x2);
    gsl_vector_set(y, i, score > 0 ? 1 : -1);
  }
  size_t updates;
  if (mdl_perceptron_train(X, y, theta, 10000, &updates))
    return 1;
  double m_perc = mdl_margin(X, y, theta), m_star = mdl_margin(X, y, star);
  double m_best = -HUGE_VAL;
  for (int k = 0; k < ANGLES; k++) {
    double phi = 2 * M_PI * k / ANGLES;
    gsl_vector_set(dir, 0, cos(phi));
    gsl_vector_set(dir, 1, sin(phi));
    double m = mdl_margin(X, y, dir);
    if (m > m_best) {
      m_best = m;
      gsl_vector_memcpy(best, dir);
    }
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/margin-pos.dat", argv[1]);
  FILE *pos = fopen(path, "w");
  snprintf(path, sizeof path, "%s/margin-neg.dat", argv[1]);
  FILE *neg = fopen(path, "w");
  snprintf(path, sizeof path, "%s/margin.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (pos == NULL || neg == NULL || tex == NULL
      || write_line(argv[1], "margin-max.dat", best, 0)
      || write_line(argv[1], "margin-max-plus.dat", best, m_best)
      || write_line(argv[1], "margin-max-minus.dat", best, -m_best)
      || write_line(argv[1], "margin-perceptron.dat", theta, 0)) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  fprintf(pos, "x1 x2\n");
  fprintf(neg, "x1 x2\n");
  for (size_t i = 0; i < POINTS; i++)
    fprintf(gsl_vector_get(y, i) > 0 ? pos : neg, "%.6f %.6f\n",
            gsl_matrix_get(X, i, 0), gsl_matrix_get(X, i, 1));
  fprintf(tex, "\\providecommand\\mdlmarginpoints{}"
               "\\renewcommand\\mdlmarginpoints{%d}\n", POINTS);
  fprintf(tex, "\\providecommand\\mdlmarginangles{}"
               "\\renewcommand\\mdlmarginangles{%d}\n", ANGLES);
  fprintf(tex, "\\providecommand\\mdlmarginstar{}"
               "\\renewcommand\\mdlmarginstar{%.3f}\n", m_star);
  fprintf(tex, "\\providecommand\\mdlmarginmax{}"
               "\\renewcommand\\mdlmarginmax{%.3f}\n", m_best);
  fprintf(tex, "\\providecommand\\mdlmarginperc{}"
               "\\renewcommand\\mdlmarginperc{%.3f}\n", m_perc);
  fprintf(tex, "\\providecommand\\mdlmarginupdates{}"
               "\\renewcommand\\mdlmarginupdates{%zu}\n", updates);
  double R = 0;
  for (size_t i = 0; i < POINTS; i++)
    R = fmax(R, hypot(gsl_matrix_get(X, i, 0), gsl_matrix_get(X, i, 1)));
  fprintf(tex, "\\providecommand\\mdlmarginR{}"
               "\\renewcommand\\mdlmarginR{%.3f}\n", R);
  fprintf(tex, "\\providecommand\\mdlmarginbound{}"
               "\\renewcommand\\mdlmarginbound{%.1f}\n",
          R * R / (m_best * m_best));
  gsl_matrix_free(X);
  gsl_vector_free(y);
  gsl_vector_free(star);
  gsl_vector_free(theta);
  gsl_vector_free(dir);
  gsl_vector_free(best);
  gsl_rng_free(r);
  fclose(pos);
  fclose(neg);
  fclose(tex);
  return 0;
}
