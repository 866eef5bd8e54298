#line 10492 "chapters/02-approximation.nw"
#include <math.h>
#include <stdio.h>
#include <mdl/mdl.h>

enum { M = 6, GRID = 56, COUNT = 800 };

static void patterns(mdl_net *layer, double x0, double x1, double y0,
                     double y1, size_t n, unsigned *code)
{
  gsl_matrix *X = gsl_matrix_alloc(n * n, 2), *Y = gsl_matrix_alloc(n * n, M);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      gsl_matrix_set(X, i * n + j, 0, x0 + (x1 - x0) * ((double)j + 0.5) / (double)n);
      gsl_matrix_set(X, i * n + j, 1, y0 + (y1 - y0) * ((double)i + 0.5) / (double)n);
    }
  mdl_net_forward(layer, X, Y);
  for (size_t p = 0; p < n * n; p++) {
    code[p] = 0;
    for (size_t k = 0; k < M; k++)
      code[p] |= (unsigned)(gsl_matrix_get(Y, p, k) > 0) << k;
  }
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
}

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  FILE *f[3];
  const char *names[3] = {"regions.dat", "regions-lines.tex", "regions.tex"};
  for (int i = 0; i < 3; i++) {
    snprintf(path, sizeof path, "%s/%s", argv[1], names[i]);
    f[i] = fopen(path, "w");
    if (f[i] == NULL) {
      fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
      return 1;
    }
  }
  const double deg[M] = {3, 31, 64, 92, 121, 152};
  const double off[M] = {0.42, -0.77, 0.18, -0.35, 0.91, -0.56};
  double a[M], b[M];
  const size_t widths[2] = {2, M};
  const mdl_net_activation act[1] = {MDL_NET_RELU};
  mdl_net *layer = mdl_net_alloc(1, widths, act);
  gsl_matrix_view W = mdl_net_weight(layer, NULL, 0);
  gsl_vector_view bias = mdl_net_bias(layer, NULL, 0);
  double lo[2] = {HUGE_VAL, HUGE_VAL}, hi[2] = {-HUGE_VAL, -HUGE_VAL};
  for (int k = 0; k < M; k++) {
    a[k] = cos(deg[k] * 3.14159265358979323846 / 180);
    b[k] = sin(deg[k] * 3.14159265358979323846 / 180);
    gsl_matrix_set(&W.matrix, k, 0, a[k]);
    gsl_matrix_set(&W.matrix, k, 1, b[k]);
    gsl_vector_set(&bias.vector, k, off[k]);
  }
  for (int i = 0; i < M; i++)
    for (int j = i + 1; j < M; j++) {
      double D = a[i] * b[j] - a[j] * b[i];
      double v[2] = {(b[i] * off[j] - b[j] * off[i]) / D,
                     (a[j] * off[i] - a[i] * off[j]) / D};
      for (int c = 0; c < 2; c++) {
        lo[c] = fmin(lo[c], v[c]);
        hi[c] = fmax(hi[c], v[c]);
      }
    }
  double cx = (lo[0] + hi[0]) / 2, cy = (lo[1] + hi[1]) / 2;
  double r = 0.6 * fmax(hi[0] - lo[0], hi[1] - lo[1]) + 0.3;
  double x0 = cx - r, x1 = cx + r, y0 = cy - r, y1 = cy + r;
  static unsigned code[COUNT * COUNT];
  patterns(layer, x0, x1, y0, y1, GRID, code);
  fprintf(f[0], "x y colour\n");
  for (size_t i = 0; i < GRID; i++)
    for (size_t j = 0; j < GRID; j++)
      fprintf(f[0], "%.5f %.5f %u\n", x0 + (x1 - x0) * ((double)j + 0.5) / GRID,
              y0 + (y1 - y0) * ((double)i + 0.5) / GRID,
              (code[i * GRID + j] * 37u) % 64u);
  patterns(layer, x0, x1, y0, y1, COUNT, code);
  int seen[1 << M] = {0}, found = 0;
  for (size_t p = 0; p < (size_t)COUNT * COUNT; p++)
    if (!seen[code[p]]) {
      seen[code[p]] = 1;
      found++;
    }
  for (int k = 0; k < M; k++) {
    double px, py, qx, qy;
    if (fabs(b[k]) > fabs(a[k])) {
      px = x0;
      qx = x1;
      py = -(off[k] + a[k] * px) / b[k];
      qy = -(off[k] + a[k] * qx) / b[k];
    } else {
      py = y0;
      qy = y1;
      px = -(off[k] + b[k] * py) / a[k];
      qx = -(off[k] + b[k] * qy) / a[k];
    }
    fprintf(f[1], "\\addplot[black, thin, forget plot] coordinates"
                  " {(%.5f,%.5f) (%.5f,%.5f)};\n", px, py, qx, qy);
  }
  fprintf(f[2], "\\providecommand\\mdlregionsm{}\\renewcommand\\mdlregionsm{%d}\n", M);
  fprintf(f[2], "\\providecommand\\mdlregionsgrid{}\\renewcommand\\mdlregionsgrid{%d}\n", GRID);
  fprintf(f[2], "\\providecommand\\mdlregionscount{}\\renewcommand\\mdlregionscount{%d}\n", COUNT);
  fprintf(f[2], "\\providecommand\\mdlregionsfound{}\\renewcommand\\mdlregionsfound{%d}\n", found);
  fprintf(f[2], "\\providecommand\\mdlregionsformula{}\\renewcommand\\mdlregionsformula{%d}\n",
          1 + M + M * (M - 1) / 2);
  fprintf(f[2], "\\providecommand\\mdlregionstwom{}\\renewcommand\\mdlregionstwom{%d}\n", 1 << M);
  mdl_net_free(layer);
  for (int i = 0; i < 3; i++)
    fclose(f[i]);
  return 0;
}
