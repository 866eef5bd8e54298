#line 3086 "chapters/07-generalization.nw"
#include <math.h>
#include <stdio.h>
#include <mdl/learn.h>

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  const size_t dims[4] = {2, 10, 50, 250};
  for (int k = 0; k < 4; k++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/cover-%zu.dat", argv[1], dims[k]);
    FILE *dat = fopen(path, "w");
    if (dat == NULL) {
      fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
      return 1;
    }
    fprintf(dat, "ratio frac\n");
    for (size_t s = 1; s <= 4 * dims[k]; s++)
      fprintf(dat, "%.6f %.6e\n", (double)s / (double)dims[k],
              mdl_cover_count(s, dims[k]) / ldexp(1.0, (int)s));
    fclose(dat);
  }
  return 0;
}
