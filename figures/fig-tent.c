#line 9694 "chapters/02-approximation.nw"
#include <stdio.h>
#include <mdl/mdl.h>

static double eval(mdl_net *net, double t)
{
  double out;
  gsl_matrix_view X = gsl_matrix_view_array(&t, 1, 1);
  gsl_matrix_view Y = gsl_matrix_view_array(&out, 1, 1);
  mdl_net_forward(net, &X.matrix, &Y.matrix);
  return out;
}

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/tent.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/tent-pieces.dat", argv[1]);
  FILE *pcs = fopen(path, "w");
  snprintf(path, sizeof path, "%s/tent.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || pcs == NULL || tex == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  mdl_net *g[4];
  for (int k = 0; k < 4; k++)
    g[k] = mdl_approx_sawtooth((size_t)k + 1);
  fprintf(dat, "x g1 g2 g3 g4\n");
  for (int j = 0; j <= 512; j++) {
    double x = j / 512.0;
    fprintf(dat, "%.6f", x);
    for (int k = 0; k < 4; k++)
      fprintf(dat, " %.6f", eval(g[k], x));
    fprintf(dat, "\n");
  }
  for (int k = 0; k < 4; k++)
    mdl_net_free(g[k]);
  fprintf(pcs, "k pieces shallow\n");
  size_t last = 0, K = 14;
  for (size_t k = 1; k <= K; k++) {
    mdl_net *net = mdl_approx_sawtooth(k);
    mdl_approx_pieces(net, 0, 1, &last);
    fprintf(pcs, "%zu %zu %zu\n", k, last, 2 * k + 1);
    mdl_net_free(net);
  }
  fprintf(tex, "\\providecommand\\mdltentpieces{}\\renewcommand\\mdltentpieces{%zu}\n", last);
  fprintf(tex, "\\providecommand\\mdltentshallow{}\\renewcommand\\mdltentshallow{%zu}\n", 2 * K + 1);
  fprintf(tex, "\\providecommand\\mdltentk{}\\renewcommand\\mdltentk{%zu}\n", K);
  fclose(dat);
  fclose(pcs);
  fclose(tex);
  return 0;
}
