#include <stddef.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <mdl/conv.h>

int mdl_pool2d_max_forward(const mdl_pool2d_geometry *g, const gsl_matrix *X,
                           gsl_matrix *Y)
{
  (void)g;
  (void)X;
  (void)Y;
  GSL_ERROR("mdl_pool2d_max_forward: not written yet", GSL_EUNIMPL);
}
