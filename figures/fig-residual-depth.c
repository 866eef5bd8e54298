#line 5217 "chapters/03-cnn.nw"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/conv.h>

enum { C = 4, K = 3, N = 8, LMAX = 30 };

static double bound(const double *w)
{
  double ro = 0, co = 0;
  for (int o = 0; o < C; o++) {
    double s = 0, t = 0;
    for (int q = 0; q < C * K * K; q++)
      s += fabs(w[o * C * K * K + q]);
    for (int c = 0; c < C; c++)
      for (int q = 0; q < K * K; q++)
        t += fabs(w[(c * C + o) * K * K + q]);
    ro = fmax(ro, s);
    co = fmax(co, t);
  }
  return sqrt(ro * co);
}

static void relu(gsl_matrix *A, const gsl_matrix *H)
{
  for (size_t i = 0; i < H->size1; i++)
    for (size_t j = 0; j < H->size2; j++)
      gsl_matrix_set(A, i, j, fmax(gsl_matrix_get(H, i, j), 0));
}

int main(int argc, char **argv)
{
  if (argc != 2)
    return 2;
  char path[4096];
  snprintf(path, sizeof path, "%s/residual-depth.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/residual-depth.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || tex == NULL)
    return 1;
  mdl_conv2d_geometry g = {C, C, N, N, K, 1, 1};
  const size_t np = mdl_conv_residual_nparams(&g), nw = C * C * K * K, n = C * N * N;
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 3103001);
  gsl_vector *th[LMAX];
  double eps[LMAX];
  for (int l = 0; l < LMAX; l++) {
    th[l] = gsl_vector_alloc(np);
    for (size_t q = 0; q < np; q++)
      gsl_vector_set(th[l], q, gsl_ran_gaussian(r, 0.01));
    eps[l] = bound(th[l]->data) * bound(th[l]->data + nw + C);
  }
  gsl_matrix *X[LMAX + 1], *Xp[LMAX + 1], *Hp[LMAX];
  for (int l = 0; l <= LMAX; l++) {
    X[l] = gsl_matrix_alloc(1, n);
    Xp[l] = gsl_matrix_alloc(1, n);
  }
  for (size_t j = 0; j < n; j++)
    gsl_matrix_set(X[0], 0, j, gsl_ran_gaussian(r, 1));
  gsl_matrix_memcpy(Xp[0], X[0]);
  gsl_matrix *A = gsl_matrix_alloc(1, n), *dA = gsl_matrix_alloc(1, n);
  for (int l = 0; l < LMAX; l++) {
    Hp[l] = gsl_matrix_alloc(1, n);
    gsl_vector_view w1 = gsl_vector_subvector(th[l], 0, nw), b1 = gsl_vector_subvector(th[l], nw, C);
    gsl_vector_view w2 = gsl_vector_subvector(th[l], nw + C, nw), b2 = gsl_vector_subvector(th[l], 2 * nw + C, C);
    mdl_conv_residual_forward(&g, th[l], X[l], X[l + 1]);
    mdl_conv2d_forward(&g, &w1.vector, &b1.vector, Xp[l], Hp[l]);
    relu(A, Hp[l]);
    mdl_conv2d_forward(&g, &w2.vector, &b2.vector, A, Xp[l + 1]);
  }
  gsl_matrix *dY = gsl_matrix_alloc(1, n), *dr = gsl_matrix_alloc(1, n), *dp = gsl_matrix_alloc(1, n), *t = gsl_matrix_alloc(1, n);
  for (size_t j = 0; j < n; j++)
    gsl_matrix_set(dY, 0, j, gsl_ran_gaussian(r, 1));
  gsl_vector_view v0 = gsl_matrix_row(dY, 0);
  double n0 = gsl_blas_dnrm2(&v0.vector), res = 0, plain = 0;
  fprintf(dat, "depth residual plain lower upper\n");
  for (int L = 1; L <= LMAX; L++) {
    gsl_matrix_memcpy(dr, dY);
    gsl_matrix_memcpy(dp, dY);
    for (int l = L - 1; l >= 0; l--) {
      mdl_conv_residual_backward(&g, th[l], X[l], dr, NULL, t);
      gsl_matrix_memcpy(dr, t);
      gsl_vector_view w1 = gsl_vector_subvector(th[l], 0, nw), w2 = gsl_vector_subvector(th[l], nw + C, nw);
      relu(A, Hp[l]);
      mdl_conv2d_backward(&g, &w2.vector, A, dp, NULL, NULL, dA);
      for (size_t j = 0; j < n; j++)
        if (!(gsl_matrix_get(Hp[l], 0, j) > 0))
          gsl_matrix_set(dA, 0, j, 0);
      mdl_conv2d_backward(&g, &w1.vector, Xp[l], dA, NULL, NULL, dp);
    }
    double lo = 1, hi = 1;
    for (int l = 0; l < L; l++) {
      lo *= 1 - eps[l];
      hi *= eps[l];
    }
    gsl_vector_view vr = gsl_matrix_row(dr, 0), vp = gsl_matrix_row(dp, 0);
    res = gsl_blas_dnrm2(&vr.vector) / n0;
    plain = gsl_blas_dnrm2(&vp.vector) / n0;
    fprintf(dat, "%d %.6e %.6e %.6e %.6e\n", L, res, plain, lo, hi);
  }
  fprintf(tex, "\\providecommand\\mdlresdepth{}\\renewcommand\\mdlresdepth{%d}\n", LMAX);
  fprintf(tex, "\\providecommand\\mdlresplain{}\\renewcommand\\mdlresplain{$%.1f\\times10^{%d}$}\n",
          plain / pow(10, floor(log10(plain))), (int)floor(log10(plain)));
  fprintf(tex, "\\providecommand\\mdlresres{}\\renewcommand\\mdlresres{$%.3f$}\n", res);
  fclose(dat);
  fclose(tex);
  return 0;
}
