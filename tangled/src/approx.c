#line 4328 "chapters/02-approximation.nw"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <mdl/approx.h>

#line 4350 "chapters/02-approximation.nw"
mdl_net *mdl_approx_boolean(const gsl_vector *table)
{
  if (table == NULL)
    GSL_ERROR_NULL("table must not be NULL", GSL_EFAULT);
  size_t n = 0, size = table->size;
  while (((size_t)1 << n) < size && n < 8 * sizeof(size_t) - 1)
    n++;
  if (size < 2 || ((size_t)1 << n) != size)
    GSL_ERROR_NULL("the table length must be a power of two, at least 2",
                   GSL_EBADLEN);
  size_t ones = 0;
  for (size_t k = 0; k < size; k++) {
    double v = gsl_vector_get(table, k);
    if (v != 0 && v != 1)
      GSL_ERROR_NULL("a truth table holds 0 and 1", GSL_EDOM);
    ones += v == 1;
  }
  size_t hidden = ones ? ones : 1;
  const size_t widths[3] = {n, hidden, 1};
  const mdl_net_activation acts[2] = {MDL_NET_STEP, MDL_NET_STEP};
  mdl_net *net = mdl_net_alloc(2, widths, acts);
  if (net == NULL)
    return NULL;
  gsl_matrix_view W = mdl_net_weight(net, NULL, 0);
  gsl_vector_view b = mdl_net_bias(net, NULL, 0);
  if (ones == 0)
    gsl_vector_set(&b.vector, 0, -1);
  for (size_t k = 0, unit = 0; k < size; k++) {
    if (gsl_vector_get(table, k) != 1)
      continue;
    double theta = 0;
    for (size_t i = 0; i < n; i++) {
      int bit = (k >> i) & 1;
      gsl_matrix_set(&W.matrix, unit, i, bit ? 1 : -1);
      theta += bit;
    }
    gsl_vector_set(&b.vector, unit++, -theta);
  }
  gsl_matrix_view V = mdl_net_weight(net, NULL, 1);
  gsl_matrix_set_all(&V.matrix, 1);
  gsl_vector_view c = mdl_net_bias(net, NULL, 1);
  gsl_vector_set(&c.vector, 0, -1);
  return net;
}







