#line 7864 "chapters/03-cnn.nw"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_vector.h>
#include <mdl/conv.h>

static int cmp(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
  enum { ROUNDS = 7 };
  const size_t B = 64, C = 32, H = 32;
  mdl_conv2d_geometry g = {C, C, H, H, 3, 1, 1};
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_matrix *X = gsl_matrix_alloc(B, C * H * H), *Y = gsl_matrix_alloc(B, C * H * H);
  gsl_matrix *dY = gsl_matrix_alloc(B, C * H * H), *dX = gsl_matrix_alloc(B, C * H * H);
  gsl_vector *w = gsl_vector_alloc(C * C * 9), *b = gsl_vector_alloc(C);
  gsl_vector *dw = gsl_vector_alloc(C * C * 9), *db = gsl_vector_alloc(C);
  for (size_t i = 0; i < X->size1 * X->size2; i++) {
    X->data[i] = gsl_ran_gaussian(r, 1);
    dY->data[i] = gsl_ran_gaussian(r, 1);
  }
  for (size_t i = 0; i < w->size; i++)
    w->data[i] = gsl_ran_gaussian(r, 0.1);
  gsl_vector_set_zero(b);
  double t[ROUNDS];
  for (int k = 0; k < ROUNDS; k++) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (mdl_conv2d_forward(&g, w, b, X, Y) || mdl_conv2d_backward(&g, w, X, dY, dw, db, dX))
      return 1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    t[k] = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-6;
  }
  qsort(t, ROUNDS, sizeof *t, cmp);
  printf("conv2d 3x3 32->32, 64 x 32 x 32, forward + backward: median %.1f ms\n", t[ROUNDS / 2]);
  if (argc == 2) {
    char path[4096];
    snprintf(path, sizeof path, "%s/conv-speed.tex", argv[1]);
    FILE *tex = fopen(path, "w");
    if (tex == NULL)
      return 1;
    fprintf(tex, "\\providecommand\\mdlspeedms{}\\renewcommand\\mdlspeedms{%.0f}\n", t[ROUNDS / 2]);
    fprintf(tex, "\\providecommand\\mdlspeedrounds{}\\renewcommand\\mdlspeedrounds{%d}\n", ROUNDS);
    fclose(tex);
  }
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  gsl_matrix_free(dY);
  gsl_matrix_free(dX);
  gsl_vector_free(w);
  gsl_vector_free(b);
  gsl_vector_free(dw);
  gsl_vector_free(db);
  gsl_rng_free(r);
  return 0;
}
