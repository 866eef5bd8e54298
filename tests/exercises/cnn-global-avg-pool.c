#include <stddef.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <mdl/conv.h>

int mdl_conv_global_avg_pool(size_t channels, const gsl_matrix *X,
                             gsl_matrix *Y)
{
  (void)channels;
  (void)X;
  (void)Y;
  GSL_ERROR("mdl_conv_global_avg_pool: not written yet", GSL_EUNIMPL);
}
