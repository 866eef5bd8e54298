#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_vector.h>
#include <mdl/approx.h>

mdl_net *mdl_approx_relu_interpolant(const gsl_vector *x, const gsl_vector *y)
{
  if (x == NULL || y == NULL)
    GSL_ERROR_NULL("x and y must not be NULL", GSL_EFAULT);
  if (x->size != y->size || x->size < 2)
    GSL_ERROR_NULL("x and y need the same length, at least 2", GSL_EBADLEN);
  for (size_t i = 0; i < x->size; i++) {
    if (!isfinite(gsl_vector_get(x, i)) || !isfinite(gsl_vector_get(y, i)))
      GSL_ERROR_NULL("knots and values must be finite", GSL_EDOM);
    if (i > 0 && !(gsl_vector_get(x, i) > gsl_vector_get(x, i - 1)))
      GSL_ERROR_NULL("knots must be strictly increasing", GSL_EDOM);
  }
  size_t m = x->size - 1;
  const size_t widths[3] = {1, m, 1};
  const mdl_net_activation acts[2] = {MDL_NET_RELU, MDL_NET_IDENTITY};
  mdl_net *net = mdl_net_alloc(2, widths, acts);
  if (net)
    gsl_vector_set_zero(mdl_net_params(net));
  if (net == NULL)
    return NULL;
  gsl_matrix_view W = mdl_net_weight(net, NULL, 0);
  gsl_vector_view b = mdl_net_bias(net, NULL, 0);
  gsl_matrix_view V = mdl_net_weight(net, NULL, 1);
  gsl_vector_view c = mdl_net_bias(net, NULL, 1);
  for (size_t i = 0; i < m; i++) {
    double s = (gsl_vector_get(y, i + 1) - gsl_vector_get(y, i))
               / (gsl_vector_get(x, i + 1) - gsl_vector_get(x, i));
    gsl_matrix_set(&W.matrix, i, 0, 1);
    gsl_vector_set(&b.vector, i, -gsl_vector_get(x, i));
    gsl_matrix_set(&V.matrix, 0, i, s);
  }
  gsl_vector_set(&c.vector, 0, gsl_vector_get(y, 0));
  return net;
}
