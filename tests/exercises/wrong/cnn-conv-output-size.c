#include <stddef.h>
#include <gsl/gsl_errno.h>
#include <mdl/conv.h>

int mdl_conv2d_output_size(const mdl_conv2d_geometry *g, size_t *out_h,
                           size_t *out_w)
{
  if (g == NULL || out_h == NULL || out_w == NULL)
    GSL_ERROR("NULL argument", GSL_EFAULT);
  if (g->in_channels == 0 || g->out_channels == 0 || g->height == 0 ||
      g->width == 0 || g->kernel == 0 || g->stride == 0 ||
      g->kernel > g->height + 2 * g->padding ||
      g->kernel > g->width + 2 * g->padding)
    GSL_ERROR("invalid geometry", GSL_EINVAL);
  *out_h = g->height >= g->kernel ? (g->height - g->kernel) / g->stride + 1 : 1;
  *out_w = g->width >= g->kernel ? (g->width - g->kernel) / g->stride + 1 : 1;
  return GSL_SUCCESS;
}
