#line 4227 "chapters/02-approximation.nw"
#include <stdio.h>
#include <time.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <mdl/mdl.h>

static double seconds(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  enum { N = 3200, B = 64, WARM = 30, STEPS = 300 };
  const size_t w[] = {784, 256, 256, 10};
  const mdl_net_activation acts[] = {MDL_NET_RELU, MDL_NET_RELU,
                                     MDL_NET_IDENTITY};
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 20240601);
  mdl_net *net = mdl_net_alloc(3, w, acts);
  mdl_net_init(net, r);
  gsl_matrix *X = gsl_matrix_alloc(N, 784), *Y = gsl_matrix_calloc(N, 10);
  for (size_t i = 0; i < N; i++) {
    for (size_t j = 0; j < 784; j++)
      gsl_matrix_set(X, i, j, gsl_ran_gaussian(r, 1));
    gsl_matrix_set(Y, i, gsl_rng_uniform_int(r, 10), 1);
  }
  mdl_optim_params par = mdl_optim_defaults(mdl_optim_gd);
  par.lr = 0.01;
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, mdl_net_nparams(net), &par);
  double elapsed[2];
  for (int way = 0; way < 2; way++) {
    double start = 0;
    for (int k = 0; k < WARM + STEPS; k++) {
      if (k == WARM)
        start = seconds();
      size_t b = (size_t)k % (N / B);
      gsl_matrix_const_view Xb = gsl_matrix_const_submatrix(X, b * B, 0, B, 784);
      gsl_matrix_const_view Yb = gsl_matrix_const_submatrix(Y, b * B, 0, B, 10);
      int status = way == 0
                       ? mdl_net_sgd_step(net, 0.01, MDL_NET_LOSS_SOFTMAX_CE,
                                          &Xb.matrix, &Yb.matrix, NULL)
                       : mdl_net_train_step(net, opt, MDL_NET_LOSS_SOFTMAX_CE,
                                            &Xb.matrix, &Yb.matrix, NULL);
      if (status != GSL_SUCCESS)
        return 1;
    }
    elapsed[way] = seconds() - start;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/speed.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (tex == NULL) {
    fprintf(stderr, "%s: cannot write %s\n", argv[0], path);
    return 1;
  }
  fprintf(tex, "\\providecommand\\mdlspeedsteps{}"
               "\\renewcommand\\mdlspeedsteps{%.0f}\n", STEPS / elapsed[0]);
  fprintf(tex, "\\providecommand\\mdlspeedms{}"
               "\\renewcommand\\mdlspeedms{%.2f}\n", 1e3 * elapsed[0] / STEPS);
  fprintf(tex, "\\providecommand\\mdlspeedoptim{}"
               "\\renewcommand\\mdlspeedoptim{%.0f}\n", STEPS / elapsed[1]);
  fclose(tex);
  mdl_optim_free(opt);
  mdl_net_free(net);
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  gsl_rng_free(r);
  return 0;
}
