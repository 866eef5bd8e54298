#include <stddef.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <mdl/conv.h>

int mdl_conv_global_avg_pool(size_t channels, const gsl_matrix *X,
                             gsl_matrix *Y)
{
  if (X == NULL || Y == NULL)
    GSL_ERROR("NULL argument", GSL_EFAULT);
  if (channels == 0 || X->size2 % channels != 0 || Y->size2 != channels ||
      Y->size1 != X->size1)
    GSL_ERROR("sizes do not match", GSL_EBADLEN);
  const size_t n = X->size2 / channels;
  for (size_t b = 0; b < X->size1; b++)
    for (size_t c = 0; c < channels; c++) {
      double s = 0;
      for (size_t q = 0; q < n; q++)
        s += gsl_matrix_get(X, b, c * n + q);
      gsl_matrix_set(Y, b, c, s / (double)X->size2);
    }
  return GSL_SUCCESS;
}
