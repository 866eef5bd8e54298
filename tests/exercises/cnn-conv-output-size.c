#include <stddef.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_nan.h>
#include <mdl/conv.h>

int mdl_conv2d_output_size(const mdl_conv2d_geometry *g, size_t *out_h,
                           size_t *out_w)
{
  (void)g;
  (void)out_h;
  (void)out_w;
  GSL_ERROR("mdl_conv2d_output_size: not written yet", GSL_EUNIMPL);
}
