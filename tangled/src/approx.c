#line 4329 "chapters/02-approximation.nw"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <mdl/approx.h>

#line 4351 "chapters/02-approximation.nw"
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
#line 4685 "chapters/02-approximation.nw"
static int check_knots(const gsl_vector *x, const gsl_vector *y)
{
  if (x == NULL || y == NULL)
    GSL_ERROR("x and y must not be NULL", GSL_EFAULT);
  if (x->size != y->size || x->size < 2)
    GSL_ERROR("x and y need the same length, at least 2", GSL_EBADLEN);
  for (size_t i = 0; i < x->size; i++) {
    if (!isfinite(gsl_vector_get(x, i)) || !isfinite(gsl_vector_get(y, i)))
      GSL_ERROR("knots and values must be finite", GSL_EDOM);
    if (i > 0 && !(gsl_vector_get(x, i) > gsl_vector_get(x, i - 1)))
      GSL_ERROR("knots must be strictly increasing", GSL_EDOM);
  }
  return GSL_SUCCESS;
}

static double slope(const gsl_vector *x, const gsl_vector *y, size_t j)
{
  return (gsl_vector_get(y, j + 1) - gsl_vector_get(y, j))
         / (gsl_vector_get(x, j + 1) - gsl_vector_get(x, j));
}

static mdl_net *one_hidden_layer(size_t m, mdl_net_activation act)
{
  const size_t widths[3] = {1, m, 1};
  const mdl_net_activation acts[2] = {act, MDL_NET_IDENTITY};
  mdl_net *net = mdl_net_alloc(2, widths, acts);
  if (net == NULL)
    return NULL;
  gsl_matrix_view W = mdl_net_weight(net, NULL, 0);
  gsl_matrix_set_all(&W.matrix, 1);
  return net;
}

mdl_net *mdl_approx_relu_interpolant(const gsl_vector *x, const gsl_vector *y)
{
  if (check_knots(x, y))
    return NULL;
  size_t m = x->size - 1;
  mdl_net *net = one_hidden_layer(m, MDL_NET_RELU);
  if (net == NULL)
    return NULL;
  gsl_vector_view b = mdl_net_bias(net, NULL, 0);
  gsl_matrix_view V = mdl_net_weight(net, NULL, 1);
  gsl_vector_view c = mdl_net_bias(net, NULL, 1);
  for (size_t i = 0; i < m; i++) {
    gsl_vector_set(&b.vector, i, -gsl_vector_get(x, i));
    double ci = i == 0 ? slope(x, y, 0) : slope(x, y, i) - slope(x, y, i - 1);
    gsl_matrix_set(&V.matrix, 0, i, ci);
  }
  gsl_vector_set(&c.vector, 0, gsl_vector_get(y, 0));
  return net;
}

mdl_net *mdl_approx_abs_interpolant(const gsl_vector *x, const gsl_vector *y)
{
  if (check_knots(x, y))
    return NULL;
  size_t m = x->size - 1;
  mdl_net *net = one_hidden_layer(m, MDL_NET_ABS);
  if (net == NULL)
    return NULL;
  gsl_vector_view b = mdl_net_bias(net, NULL, 0);
  gsl_matrix_view V = mdl_net_weight(net, NULL, 1);
  gsl_vector_view c = mdl_net_bias(net, NULL, 1);
  double d0 = slope(x, y, 0), beta = gsl_vector_get(y, 0);
  for (size_t i = 1; i < m; i++) {
    double di = (slope(x, y, i) - slope(x, y, i - 1)) / 2;
    gsl_matrix_set(&V.matrix, 0, i, di);
    d0 += di;
    beta -= di * (gsl_vector_get(x, i) - gsl_vector_get(x, 0));
  }
  for (size_t i = 0; i < m; i++)
    gsl_vector_set(&b.vector, i, -gsl_vector_get(x, i));
  gsl_matrix_set(&V.matrix, 0, 0, d0);
  gsl_vector_set(&c.vector, 0, beta);
  return net;
}
#line 4768 "chapters/02-approximation.nw"
int mdl_approx_dc(const gsl_vector *x, const gsl_vector *y, gsl_matrix *g,
                  gsl_matrix *h)
{
  int status = check_knots(x, y);
  if (status)
    return status;
  if (g == NULL || h == NULL)
    GSL_ERROR("g and h must not be NULL", GSL_EFAULT);
  size_t m = x->size - 1;
  if (g->size1 != m || g->size2 != 2 || h->size1 != m || h->size2 != 2)
    GSL_ERROR("g and h must be m x 2 for m pieces", GSL_EBADLEN);
  double ag = slope(x, y, 0), ah = 0, vg = gsl_vector_get(y, 0), vh = 0;
  for (size_t j = 0; j < m; j++) {
    if (j > 0) {
      double c = slope(x, y, j) - slope(x, y, j - 1);
      if (c > 0)
        ag += c;
      else
        ah -= c;
    }
    double xj = gsl_vector_get(x, j);
    gsl_matrix_set(g, j, 0, ag);
    gsl_matrix_set(g, j, 1, vg - ag * xj);
    gsl_matrix_set(h, j, 0, ah);
    gsl_matrix_set(h, j, 1, vh - ah * xj);
    double width = gsl_vector_get(x, j + 1) - xj;
    vg += ag * width;
    vh += ah * width;
  }
  return GSL_SUCCESS;
}

double mdl_approx_max_affine(const gsl_matrix *A, double t)
{
  if (A == NULL)
    GSL_ERROR_VAL("A must not be NULL", GSL_EFAULT, GSL_NAN);
  if (A->size2 != 2)
    GSL_ERROR_VAL("A must have two columns", GSL_EBADLEN, GSL_NAN);
  double best = GSL_NEGINF;
  for (size_t j = 0; j < A->size1; j++)
    best = fmax(best, gsl_matrix_get(A, j, 0) * t + gsl_matrix_get(A, j, 1));
  return best;
}
#line 5262 "chapters/02-approximation.nw"
double mdl_approx_bernstein(const gsl_vector *f, double x)
{
  if (f == NULL)
    GSL_ERROR_VAL("f must not be NULL", GSL_EFAULT, GSL_NAN);
  if (!(x >= 0 && x <= 1))
    GSL_ERROR_VAL("x must lie in [0, 1]", GSL_EDOM, GSL_NAN);
  size_t n = f->size - 1;
  double *b = malloc(f->size * sizeof *b);
  if (b == NULL)
    GSL_ERROR_VAL("cannot allocate the de Casteljau table", GSL_ENOMEM,
                  GSL_NAN);
  for (size_t k = 0; k <= n; k++)
    b[k] = gsl_vector_get(f, k);
  for (size_t level = n; level > 0; level--)
    for (size_t k = 0; k < level; k++)
      b[k] = (1 - x) * b[k] + x * b[k + 1];
  double value = b[0];
  free(b);
  return value;
}
#line 5504 "chapters/02-approximation.nw"
mdl_net *mdl_approx_sigmoid_staircase(const gsl_vector *x, const gsl_vector *y,
                                      double k)
{
  if (check_knots(x, y))
    return NULL;
  if (!(k > 0) || !isfinite(k))
    GSL_ERROR_NULL("the steepness k must be positive and finite", GSL_EINVAL);
  size_t m = x->size - 1;
  mdl_net *net = one_hidden_layer(m, MDL_NET_SIGMOID);
  if (net == NULL)
    return NULL;
  gsl_matrix_view W = mdl_net_weight(net, NULL, 0);
  gsl_vector_view b = mdl_net_bias(net, NULL, 0);
  gsl_matrix_view V = mdl_net_weight(net, NULL, 1);
  gsl_vector_view c = mdl_net_bias(net, NULL, 1);
  for (size_t i = 1; i <= m; i++) {
    double t = (gsl_vector_get(x, i - 1) + gsl_vector_get(x, i)) / 2;
    gsl_matrix_set(&W.matrix, i - 1, 0, k);
    gsl_vector_set(&b.vector, i - 1, -k * t);
    gsl_matrix_set(&V.matrix, 0, i - 1,
                   gsl_vector_get(y, i) - gsl_vector_get(y, i - 1));
  }
  gsl_vector_set(&c.vector, 0, gsl_vector_get(y, 0));
  return net;
}



