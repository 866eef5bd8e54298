#line 8796 "chapters/05-gan.nw"
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_rng.h>
#include <mdl/gan.h>
#include <mdl/net.h>
#include <mdl/ot.h>
#line 8753 "chapters/05-gan.nw"
static int fig_line(const gsl_rng *r, gsl_matrix *x, void *params)
{
  double x1 = *(const double *)params;
  for (size_t i = 0; i < x->size1; i++) {
    gsl_matrix_set(x, i, 0, x1);
    gsl_matrix_set(x, i, 1, gsl_rng_uniform(r));
  }
  return GSL_SUCCESS;
}

static int fig_codes(const gsl_rng *r, gsl_matrix *z, void *params)
{
  (void)params;
  for (size_t i = 0; i < z->size1; i++)
    for (size_t j = 0; j < z->size2; j++)
      gsl_matrix_set(z, i, j, gsl_rng_uniform(r));
  return GSL_SUCCESS;
}

static mdl_net *fig_critic(gsl_rng *r)
{
  const size_t w[4] = {2, 32, 32, 1};
  const mdl_net_activation a[3] = {MDL_NET_RELU, MDL_NET_RELU,
                                   MDL_NET_IDENTITY};
  mdl_net *f = mdl_net_alloc(3, w, a);
  mdl_net_init(f, r);
  return f;
}

static void fig_number(FILE *tex, const char *name, double x)
{
  int e = (int)floor(log10(fabs(x)));
  if (e >= -2 && e <= 2)
    fprintf(tex, "\\providecommand\\%s{}\\renewcommand\\%s{$%.3g$}\n", name,
            name, x);
  else
    fprintf(tex,
            "\\providecommand\\%s{}\\renewcommand\\%s{$%.1f\\times10^{%d}$}\n",
            name, name, x / pow(10, e), e);
}

#line 8805 "chapters/05-gan.nw"
enum { ITERS = 6000, EVERY = 100, NS = 500 };

static void run(mdl_gan_loss loss, double lr_critic, double *w1, double *est)
{
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 7741923);
  const size_t gw[4] = {1, 32, 32, 2};
  const mdl_net_activation a[3] = {MDL_NET_RELU, MDL_NET_RELU,
                                   MDL_NET_IDENTITY};
  mdl_net *gen = mdl_net_alloc(3, gw, a), *critic = fig_critic(r);
  mdl_net_init(gen, r);
  mdl_gan_params p = mdl_gan_defaults(loss);
  p.lr_critic = lr_critic;
  mdl_gan *gan = mdl_gan_alloc(gen, critic, &p);
  double one = 1;
  mdl_gan_source data = {fig_line, &one}, prior = {fig_codes, NULL};
  gsl_matrix *X = gsl_matrix_alloc(NS, 2), *Z = gsl_matrix_alloc(NS, 1);
  gsl_matrix *G = gsl_matrix_alloc(NS, 2), *Xb = gsl_matrix_alloc(64, 2);
  gsl_matrix *Zb = gsl_matrix_alloc(64, 1);
  for (int t = 0, c = 0; t <= ITERS; t++) {
    if (t % EVERY == 0) {
      fig_line(r, X, &one);
      fig_codes(r, Z, NULL);
      mdl_net_forward(gen, Z, G);
      w1[c] = mdl_ot_w1(X, G);
      est[c] = 0;
      for (int b = 0; b < 16; b++) {
        double v;
        fig_line(r, Xb, &one);
        fig_codes(r, Zb, NULL);
        mdl_gan_objective(gan, Xb, Zb, &v);
        est[c] += v / 16;
      }
      c++;
    }
    if (t < ITERS)
      mdl_gan_iterate(gan, &data, &prior, r, NULL);
  }
  gsl_matrix_free(X);
  gsl_matrix_free(Z);
  gsl_matrix_free(G);
  gsl_matrix_free(Xb);
  gsl_matrix_free(Zb);
  mdl_gan_free(gan);
  mdl_net_free(gen);
  mdl_net_free(critic);
  gsl_rng_free(r);
}

int main(int argc, char **argv)
{
  enum { C = ITERS / EVERY + 1 };
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/wgan-training.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/wgan-training.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || tex == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  static double w1[C], est[C], ws[C], wse[C], gs[C], gse[C], gw[C], gwe[C];
  run(MDL_GAN_WASSERSTEIN, 0, w1, est);
  run(MDL_GAN_WASSERSTEIN, 1e-3, ws, wse);
  run(MDL_GAN_MINIMAX, 1e-3, gs, gse);
  run(MDL_GAN_MINIMAX, 0, gw, gwe);
  double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
  for (int c = 1; c < C; c++) {
    mx += w1[c] / (C - 1);
    my += est[c] / (C - 1);
  }
  for (int c = 1; c < C; c++) {
    sxy += (w1[c] - mx) * (est[c] - my);
    sxx += (w1[c] - mx) * (w1[c] - mx);
    syy += (est[c] - my) * (est[c] - my);
  }
  fprintf(dat, "t w1 est wstrong gstrong gweak\n");
  for (int c = 1; c < C; c++)
    fprintf(dat, "%d %.6f %.6f %.6f %.6f %.6f\n", c * EVERY, w1[c],
            1e4 * est[c], ws[c], gs[c], gw[c]);
  fprintf(
      tex,
      "\\providecommand\\mdlwgansamples{}\\renewcommand\\mdlwgansamples{%d}\n",
      NS);
  fprintf(tex,
          "\\providecommand\\mdlwganiters{}\\renewcommand\\mdlwganiters{%d}\n",
          ITERS);
  fig_number(tex, "mdlwgancorr", sxy / sqrt(sxx * syy));
  fig_number(tex, "mdlwganstall", gs[C - 1]);
  fig_number(tex, "mdlwganwstrong", ws[C - 1]);
  fig_number(tex, "mdlwgangweak", gw[C - 1]);
  fig_number(tex, "mdlwganwfinal", w1[C - 1]);
  fclose(dat);
  fclose(tex);
  return 0;
}
