#line 8650 "chapters/05-gan.nw"
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_rng.h>
#include <mdl/gan.h>
#include <mdl/net.h>
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

#line 8659 "chapters/05-gan.nw"
static mdl_net *fig_line_generator(double theta)
{
  const size_t w[2] = {1, 2};
  const mdl_net_activation a[1] = {MDL_NET_IDENTITY};
  mdl_net *g = mdl_net_alloc(1, w, a);
  gsl_vector *th = mdl_net_params(g);
  gsl_vector_set(th, 0, 0);
  gsl_vector_set(th, 1, 1);
  gsl_vector_set(th, 2, theta);
  gsl_vector_set(th, 3, 0);
  return g;
}
#line 7687 "chapters/05-gan.nw"
static double discriminator_error(mdl_net *D, const gsl_matrix *Z)
{
  size_t m = Z->size1;
  gsl_matrix *X = gsl_matrix_alloc(m, 2), *Y = gsl_matrix_alloc(m, 1);
  gsl_matrix *dX = gsl_matrix_alloc(m, 2);
  double dev = 0, grad = 0;
  for (int side = 0; side < 2; side++) {
    for (size_t i = 0; i < m; i++) {
      gsl_matrix_set(X, i, 0, side);
      gsl_matrix_set(X, i, 1, gsl_matrix_get(Z, i, 0));
    }
    mdl_net_forward(D, X, Y);
    mdl_gan_input_gradient(D, X, dX);
    for (size_t i = 0; i < m; i++) {
      double l = gsl_matrix_get(Y, i, 0);
      dev = fmax(dev, fabs(mdl_net_sigmoid(l) - (side ? 0 : 1)));
      grad = fmax(grad, mdl_net_sigmoid(l) * mdl_net_sigmoid(-l)
                            * hypot(gsl_matrix_get(dX, i, 0),
                                    gsl_matrix_get(dX, i, 1)));
    }
  }
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  gsl_matrix_free(dX);
  return dev + grad;
}

#line 8674 "chapters/05-gan.nw"
int main(int argc, char **argv)
{
  enum { POINTS = 40, STEPS = 3200 };
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/saturation.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/saturation.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || tex == NULL) {
    fprintf(stderr, "%s: cannot write to %s\n", argv[0], argv[1]);
    return 1;
  }
  int at[POINTS];
  for (int k = 0; k < POINTS; k++) {
    at[k] = (int)lround(pow((double)STEPS, (double)k / (POINTS - 1)));
    if (k > 0 && at[k] <= at[k - 1])
      at[k] = at[k - 1] + 1;
  }
  double grad[3][POINTS], bound[POINTS], eps_last = 0;
  gsl_matrix *Z = gsl_matrix_alloc(64, 1);
  gsl_vector *g = gsl_vector_alloc(4);
  for (size_t i = 0; i < 64; i++)
    gsl_matrix_set(Z, i, 0, (i + 0.5) / 64);
  double M = 0;
  for (size_t i = 0; i < 64; i++)
    M += (1 + gsl_matrix_get(Z, i, 0) * gsl_matrix_get(Z, i, 0)) / 64;
  M = sqrt(M);
  double x1 = 0;
  mdl_gan_source data = {fig_line, &x1}, prior = {fig_codes, NULL};
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  const mdl_gan_loss losses[3] = {MDL_GAN_MINIMAX, MDL_GAN_NONSATURATING,
                                  MDL_GAN_WASSERSTEIN};
  for (int li = 0; li < 3; li++) {
    gsl_rng_set(r, 1190347);
    mdl_net *D = fig_critic(r), *gen = fig_line_generator(1);
    mdl_gan_params par = mdl_gan_defaults(losses[li]);
    par.lr_critic = 1e-3;
    mdl_gan *gan = mdl_gan_alloc(gen, D, &par);
    for (int k = 0, t = 0; k < POINTS; k++) {
      for (; t < at[k]; t++)
        mdl_gan_critic_step(gan, &data, &prior, r, NULL);
      mdl_gan_generator_gradient(gan, Z, g);
      grad[li][k] = gsl_blas_dnrm2(g);
      if (li == 0) {
        double eps = discriminator_error(D, Z);
        bound[k] = eps < 1 ? M * eps / (1 - eps) : NAN;
        eps_last = eps;
      }
    }
    mdl_gan_free(gan);
    mdl_net_free(D);
    mdl_net_free(gen);
  }
  fprintf(dat, "t minimax bound nonsat wgan\n");
  for (int k = 0; k < POINTS; k++)
    fprintf(dat, "%d %.6e %.6e %.6e %.6e\n", at[k], grad[0][k], bound[k],
            grad[1][k], grad[2][k]);
  fprintf(tex,
          "\\providecommand\\mdlsatsteps{}\\renewcommand\\mdlsatsteps{%d}\n",
          STEPS);
  fig_number(tex, "mdlsateps", eps_last);
  fig_number(tex, "mdlsatgrad", grad[0][POINTS - 1]);
  fig_number(tex, "mdlsatwgan", grad[2][POINTS - 1]);
  gsl_matrix_free(Z);
  gsl_vector_free(g);
  gsl_rng_free(r);
  fclose(dat);
  fclose(tex);
  return 0;
}
