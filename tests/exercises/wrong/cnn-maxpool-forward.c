#include <stddef.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <mdl/conv.h>

int mdl_pool2d_max_forward(const mdl_pool2d_geometry *g, const gsl_matrix *X,
                           gsl_matrix *Y)
{
  if (g == NULL || X == NULL || Y == NULL)
    GSL_ERROR("NULL argument", GSL_EFAULT);
  size_t oh, ow;
  int status = mdl_pool2d_output_size(g, &oh, &ow);
  if (status)
    return status;
  if (X->size2 != g->channels * g->height * g->width ||
      Y->size2 != g->channels * oh * ow || Y->size1 != X->size1)
    GSL_ERROR("sizes do not match", GSL_EBADLEN);
  for (size_t b = 0; b < X->size1; b++)
    for (size_t c = 0; c < g->channels; c++)
      for (size_t i = 0; i < oh; i++)
        for (size_t j = 0; j < ow; j++) {
          double best = 0;
          int first = 1;
          for (size_t u = 0; u < g->kernel; u++)
            for (size_t v = 0; v < g->kernel; v++) {
              long ii = (long)(i * g->stride + u) - (long)g->padding;
              long jj = (long)(j * g->stride + v) - (long)g->padding;
              double x = 0;
              if (ii >= 0 && jj >= 0 && ii < (long)g->height && jj < (long)g->width)
                x = gsl_matrix_get(X, b, (c * g->height + (size_t)ii) * g->width + (size_t)jj);
              if (first || x > best)
                best = x;
              first = 0;
            }
          gsl_matrix_set(Y, b, (c * oh + i) * ow + j, best);
        }
  return GSL_SUCCESS;
}
