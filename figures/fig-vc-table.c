#line 4274 "chapters/07-generalization.nw"
#include <math.h>
#include <stdio.h>
#include <mdl/learn.h>

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/vc-table.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (tex == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  const char *names[3] = {"784--100--1", "784--300--100--1", "784--1000--1"};
  const double params[3] = {784.0 * 100 + 100 + 100 + 1,
                            784.0 * 300 + 300 + 300.0 * 100 + 100 + 100 + 1,
                            784.0 * 1000 + 1000 + 1000 + 1};
  const size_t first[3] = {100, 300, 1000};
  const double ns[4] = {1e3, 1e4, 6e4, 1e6};
  fprintf(tex, "\\begin{tabular}{@{}lrrrrrr@{}}\n\\toprule\n"
               "network & $W$ & $d\\ge$ &"
               " \\multicolumn{4}{c}{$B_{\\mathrm{low}}$ for $n=$}\\\\\n"
               " & & & $10^3$ & $10^4$ & $6\\cdot10^4$ & $10^6$\\\\\n"
               "\\midrule\n");
  for (int a = 0; a < 3; a++) {
    double d = (double)(first[a] / 3) * 784;
    fprintf(tex, "%s & %.0f & %.0f", names[a], params[a], d);
    for (int k = 0; k < 4; k++)
      fprintf(tex, " & %.2f", mdl_vc_bound(fmin(d, 2 * ns[k]) * log(2.0),
                                            (size_t)ns[k], 0.05));
    fprintf(tex, "\\\\\n");
  }
  fprintf(tex, "\\bottomrule\n\\end{tabular}\n");
  fclose(tex);
  return 0;
}
