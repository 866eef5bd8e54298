#line 6136 "chapters/06-vae.nw"
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <mdl/net.h>
#include <mdl/optim.h>
#include <mdl/vae.h>

static FILE *open_out(const char *dir, const char *name)
{
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  if (f == NULL)
    fprintf(stderr, "fig-vae-train: cannot write %s\n", path);
  return f;
}

static void mixture(gsl_rng *r, gsl_matrix *X, int *label)
{
  for (size_t i = 0; i < X->size1; i++) {
    int c = (int)gsl_rng_uniform_int(r, 3);
    double a = M_PI / 2 + 2 * M_PI * c / 3;
    if (label)
      label[i] = c;
    gsl_matrix_set(X, i, 0, 2 * cos(a) + gsl_ran_gaussian(r, 0.3));
    gsl_matrix_set(X, i, 1, 2 * sin(a) + gsl_ran_gaussian(r, 0.3));
  }
}

static void scores(mdl_vae *v, const gsl_matrix *X, gsl_matrix *E, gsl_rng *r,
                   double *elbo, double *iwae)
{
  *elbo = 0;
  for (int t = 0; t < 20; t++) {
    for (size_t i = 0; i < E->size1; i++)
      for (size_t j = 0; j < E->size2; j++)
        gsl_matrix_set(E, i, j, gsl_ran_gaussian(r, 1.0));
    double e;
    mdl_vae_elbo(v, X, E, &e, NULL, NULL);
    *elbo += e / 20;
  }
  mdl_vae_iwae(v, X, 64, r, iwae);
}

int main(int argc, char **argv)
{
  enum { NTE = 512, STEPS = 2000 };
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  FILE *dat = open_out(argv[1], "vae-train.dat");
  FILE *cod = open_out(argv[1], "vae-codes.dat");
  FILE *tex = open_out(argv[1], "vae-train.tex");
  if (dat == NULL || cod == NULL || tex == NULL)
    return 1;
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 60606);
  size_t we[3] = {2, 16, 4}, wd[3] = {2, 16, 2};
  mdl_net_activation acts[2] = {MDL_NET_TANH, MDL_NET_IDENTITY};
  mdl_net *enc = mdl_net_alloc(2, we, acts), *dec = mdl_net_alloc(2, wd, acts);
  mdl_net_init(enc, r);
  mdl_net_init(dec, r);
  mdl_vae *v = mdl_vae_alloc(enc, dec, MDL_VAE_GAUSSIAN);
  if (v == NULL)
    return 1;
  mdl_optim_params p = mdl_optim_defaults(mdl_optim_adam);
  p.lr = 0.005;
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_adam, mdl_vae_params(v)->size,
                                   &p);
  gsl_matrix *Xte = gsl_matrix_alloc(NTE, 2), *E = gsl_matrix_alloc(NTE, 2);
  gsl_matrix *Xb = gsl_matrix_alloc(64, 2);
  gsl_matrix *Mu = gsl_matrix_alloc(NTE, 2), *Lv = gsl_matrix_alloc(NTE, 2);
  int label[NTE];
  mixture(r, Xte, label);
  double elbo = 0, iwae = 0;
  fprintf(dat, "step elbo iwae\n");
  for (size_t t = 0; t <= STEPS; t++) {
    if (t % 100 == 0) {
      scores(v, Xte, E, r, &elbo, &iwae);
      fprintf(dat, "%zu %.6f %.6f\n", t, elbo, iwae);
    }
    if (t == STEPS)
      break;
    if (t == STEPS * 3 / 4)
      mdl_optim_set_lr(opt, 5e-4);
    mixture(r, Xb, NULL);
    if (mdl_vae_train_step(v, opt, Xb, r, NULL))
      return 1;
  }
  mdl_vae_encode(v, Xte, Mu, Lv);
  fprintf(cod, "z1 z2 c\n");
  for (size_t i = 0; i < NTE; i++)
    fprintf(cod, "%.5f %.5f %d\n", gsl_matrix_get(Mu, i, 0),
            gsl_matrix_get(Mu, i, 1), label[i]);
  fprintf(tex, "\\providecommand\\mdlvaetrainsteps{}"
               "\\renewcommand\\mdlvaetrainsteps{%d}\n"
               "\\providecommand\\mdlvaetrainelbo{}"
               "\\renewcommand\\mdlvaetrainelbo{%.2f}\n"
               "\\providecommand\\mdlvaetrainiwae{}"
               "\\renewcommand\\mdlvaetrainiwae{%.2f}\n",
          STEPS, elbo, iwae);
  gsl_matrix_free(Xte);
  gsl_matrix_free(E);
  gsl_matrix_free(Xb);
  gsl_matrix_free(Mu);
  gsl_matrix_free(Lv);
  mdl_optim_free(opt);
  mdl_vae_free(v);
  mdl_net_free(enc);
  mdl_net_free(dec);
  gsl_rng_free(r);
  fclose(dat);
  fclose(cod);
  fclose(tex);
  return 0;
}
