#line 4855 "chapters/03-cnn.nw"
#include <math.h>
#include <stdio.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/conv.h>

enum { N = 1024, K = 16, CASES = 60 };

static double rms(const gsl_vector *v)
{
  return gsl_blas_dnrm2(v) / sqrt((double)v->size);
}

static void smooth(const gsl_vector *phi, const gsl_vector *x, gsl_vector *y)
{
  mdl_conv_circular(phi, x, y);
  gsl_vector_scale(y, 1.0 / (double)x->size);
}

int main(int argc, char **argv)
{
  if (argc != 2)
    return 2;
  char path[4096];
  snprintf(path, sizeof path, "%s/deformation.dat", argv[1]);
  FILE *dat = fopen(path, "w");
  snprintf(path, sizeof path, "%s/deformation.tex", argv[1]);
  FILE *tex = fopen(path, "w");
  if (dat == NULL || tex == NULL)
    return 1;
  const double width = 0.05, xi = 256;
  gsl_vector *phi = gsl_vector_alloc(N), *psi = gsl_vector_alloc(N);
  gsl_vector *x = gsl_vector_alloc(N), *y = gsl_vector_alloc(N);
  gsl_vector *a = gsl_vector_alloc(N), *b = gsl_vector_alloc(N);
  double sum = 0;
  for (size_t i = 0; i < N; i++) {
    double u = (double)i / N, v = 0;
    for (int m = -3; m <= 3; m++)
      v += exp(-(u + m) * (u + m) / (2 * width * width));
    gsl_vector_set(phi, i, v);
    sum += v;
  }
  gsl_vector_scale(phi, (double)N / sum);
  for (size_t i = 0; i < N; i++)
    gsl_vector_set(psi, i, gsl_vector_get(phi, i) * cos(2 * M_PI * xi * (double)i / N));
  double dphi = 2 * gsl_vector_max(phi);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 3104603);
  fprintf(dat, "grad ident high low bound\n");
  for (int t = 0; t < CASES; t++) {
    double bx[K + 1], sx[K + 1], amp[3], th[3], c = gsl_ran_gaussian(r, 0.02);
    double target = 0.5 * (t + 0.5) / CASES, gsum = 0, tinf = fabs(c);
    for (int f = 1; f <= K; f++) {
      bx[f] = gsl_ran_gaussian(r, 1);
      sx[f] = gsl_ran_gaussian(r, 1);
    }
    for (int k = 0; k < 3; k++) {
      amp[k] = gsl_rng_uniform(r);
      th[k] = 2 * M_PI * gsl_rng_uniform(r);
      gsum += 2 * M_PI * (k + 1) * amp[k];
    }
    for (int k = 0; k < 3; k++) {
      amp[k] *= target / gsum;
      tinf += amp[k];
    }
    double xh[N], yh[N];
    for (size_t i = 0; i < N; i++) {
      double u = (double)i / N, tu = c, vx = 0, vy = 0;
      for (int k = 0; k < 3; k++)
        tu += amp[k] * sin(2 * M_PI * (k + 1) * u + th[k]);
      for (int f = 1; f <= K; f++) {
        vx += bx[f] * cos(2 * M_PI * f * u) + sx[f] * sin(2 * M_PI * f * u);
        vy += bx[f] * cos(2 * M_PI * f * (u - tu)) + sx[f] * sin(2 * M_PI * f * (u - tu));
      }
      gsl_vector_set(x, i, vx);
      gsl_vector_set(y, i, vy);
      xh[i] = cos(2 * M_PI * xi * u);
      yh[i] = cos(2 * M_PI * xi * (u - tu));
    }
    double nx = rms(x);
    gsl_vector_memcpy(a, y);
    gsl_vector_sub(a, x);
    double ident = rms(a) / nx;
    smooth(phi, x, a);
    smooth(phi, y, b);
    gsl_vector_sub(b, a);
    double low = rms(b) / nx;
    gsl_vector_view xv = gsl_vector_view_array(xh, N), yv = gsl_vector_view_array(yh, N);
    smooth(psi, &xv.vector, a);
    smooth(psi, &yv.vector, b);
    gsl_vector_sub(b, a);
    double high = rms(b) / rms(&xv.vector);
    fprintf(dat, "%.6f %.6f %.6f %.6f %.6f\n", target, ident, high, low,
            (tinf * dphi + target) / (1 - target));
  }
  fprintf(tex, "\\providecommand\\mdldefn{}\\renewcommand\\mdldefn{%d}\n", CASES);
  fprintf(tex, "\\providecommand\\mdldefK{}\\renewcommand\\mdldefK{%d}\n", K);
  fprintf(tex, "\\providecommand\\mdldefxi{}\\renewcommand\\mdldefxi{%g}\n", xi);
  fprintf(tex, "\\providecommand\\mdldefs{}\\renewcommand\\mdldefs{%g}\n", width);
  fclose(dat);
  fclose(tex);
  return 0;
}
