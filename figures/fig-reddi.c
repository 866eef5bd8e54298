#line 4654 "chapters/01-optimization.nw"
#include <math.h>
#include <stdio.h>
#include <mdl/optim.h>

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/reddi.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/reddi.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || tex == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  const double C = 3, beta2 = 1 / (1 + C * C), alpha = 0.5 * sqrt(1 - beta2);
  const long T = 3000000;
#line 4683 "chapters/01-optimization.nw"
  const mdl_optim_type *types[4] = {mdl_optim_adam, mdl_optim_amsgrad,
                                    mdl_optim_adam, mdl_optim_amsgrad};
  mdl_optim *opt[4];
  gsl_vector *x[4], *g = gsl_vector_alloc(1);
  double regret[4] = {0}, sum_steps = 0, h = 0;
  for (int m = 0; m < 4; m++) {
    mdl_optim_params p = {.beta2 = beta2, .radius = 1};
    if (m < 2)
      p.no_bias_correction = 1;
    else
      p.eps = 1e-8;
    opt[m] = mdl_optim_alloc(types[m], 1, &p);
    x[m] = gsl_vector_alloc(1);
    gsl_vector_set(x[m], 0, 1.0);
  }
  fprintf(dat, "t adam ams tadam tams bound\n");
  long next = 3;
  for (long t = 1; t <= T; t++) {
    double gt = t % 3 == 1 ? C : -1, eta = alpha / sqrt((double)t);
    gsl_vector_set(g, 0, gt);
    for (int m = 0; m < 4; m++) {
      regret[m] += gt * (gsl_vector_get(x[m], 0) + 1);
      mdl_optim_set_lr(opt[m], eta);
      mdl_optim_step(opt[m], x[m], g);
    }
    h = eta / sqrt(gsl_vector_get(mdl_optim_buffer(opt[1],
                                                   MDL_OPTIM_MAX_EXP_AVG_SQ), 0));
    sum_steps += h * gt * gt;
    if (t == next) {
      fprintf(dat, "%ld %.6e %.6e %.6e %.6e %.6e\n", t, regret[0] / t,
              regret[1] / t, regret[2] / t, regret[3] / t,
              (4 / (2 * h) + sum_steps / 2) / t);
      next = (long)ceil(next * 1.2 / 3) * 3;
    }
  }
  fprintf(tex, "\\providecommand\\mdlreddisteps{}\\renewcommand\\mdlreddisteps"
          "{$3\\times10^{6}$}\n");
  fprintf(tex, "\\providecommand\\mdlreddiams{}\\renewcommand\\mdlreddiams"
          "{$%.2g$}\n", regret[1] / T);
  for (int m = 0; m < 4; m++) {
    mdl_optim_free(opt[m]);
    gsl_vector_free(x[m]);
  }
  gsl_vector_free(g);
#line 4676 "chapters/01-optimization.nw"
  fclose(dat);
  fclose(tex);
  return 0;
}
