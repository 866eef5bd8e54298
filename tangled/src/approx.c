#line 7545 "chapters/02-approximation.nw"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <mdl/approx.h>
#include <mdl/numcheck.h>
#line 7569 "chapters/02-approximation.nw"
mdl_net *mdl_approx_boolean(const gsl_vector *table)
{
  if (table == NULL)
    GSL_ERROR_NULL("table is NULL", GSL_EFAULT);
  size_t n = 0, size = table->size;
  while (((size_t)1 << n) < size && n < 8 * sizeof(size_t) - 1)
    n++;
  if (size < 2 || ((size_t)1 << n) != size)
    MDL_ERROR_VAL(NULL, GSL_EBADLEN, "table has length %zu; it must be a"
                  " power of two, at least 2", size);
  size_t ones = 0;
  for (size_t k = 0; k < size; k++) {
    double v = gsl_vector_get(table, k);
    if (v != 0 && v != 1)
      MDL_ERROR_VAL(NULL, GSL_EDOM, "table[%zu] = %g; a truth table holds 0"
                    " and 1", k, v);
    ones += v == 1;
  }
  size_t hidden = ones ? ones : 1;
  const size_t widths[3] = {n, hidden, 1};
  const mdl_net_activation acts[2] = {MDL_NET_STEP, MDL_NET_STEP};
  mdl_net *net = mdl_net_alloc(2, widths, acts);
  if (net)
    gsl_vector_set_zero(mdl_net_params(net));
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
#line 7929 "chapters/02-approximation.nw"
static int check_knots(const char *fn, const gsl_vector *x,
                       const gsl_vector *y)
{
  if (x == NULL || y == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: %s is NULL", fn, x == NULL ? "x" : "y");
  if (x->size != y->size || x->size < 2)
    MDL_ERROR(GSL_EBADLEN, "%s: x has length %zu and y %zu; they need the"
              " same length, at least 2", fn, x->size, y->size);
  for (size_t i = 0; i < x->size; i++) {
    double xi = gsl_vector_get(x, i), yi = gsl_vector_get(y, i);
    if (!isfinite(xi) || !isfinite(yi))
      MDL_ERROR(GSL_EDOM, "%s: %s[%zu] = %g is not finite", fn,
                isfinite(xi) ? "y" : "x", i, isfinite(xi) ? yi : xi);
    if (i > 0 && !(xi > gsl_vector_get(x, i - 1)))
      MDL_ERROR(GSL_EDOM, "%s: the knots must increase strictly, but x[%zu]"
                " = %g and x[%zu] = %g", fn, i - 1, gsl_vector_get(x, i - 1),
                i, xi);
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
  if (net)
    gsl_vector_set_zero(mdl_net_params(net));
  if (net == NULL)
    return NULL;
  gsl_matrix_view W = mdl_net_weight(net, NULL, 0);
  gsl_matrix_set_all(&W.matrix, 1);
  return net;
}

mdl_net *mdl_approx_relu_interpolant(const gsl_vector *x, const gsl_vector *y)
{
  if (check_knots(__func__, x, y))
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
  if (check_knots(__func__, x, y))
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
#line 8020 "chapters/02-approximation.nw"
int mdl_approx_dc(const gsl_vector *x, const gsl_vector *y, gsl_matrix *g,
                  gsl_matrix *h)
{
  int status = check_knots(__func__, x, y);
  if (status)
    return status;
  if (g == NULL || h == NULL)
    MDL_ERROR(GSL_EFAULT, "%s is NULL", g == NULL ? "g" : "h");
  size_t m = x->size - 1;
  if (g->size1 != m || g->size2 != 2 || h->size1 != m || h->size2 != 2)
    MDL_ERROR(GSL_EBADLEN, "g is %zu x %zu and h %zu x %zu; both must be"
              " %zu x 2 for %zu knots", g->size1, g->size2, h->size1,
              h->size2, m, x->size);
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
    GSL_ERROR_VAL("A is NULL", GSL_EFAULT, GSL_NAN);
  if (A->size2 != 2)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "A has %zu columns, expected 2",
                  A->size2);
  if (A->size1 == 0)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "mdl_approx_max_affine: A has 0 rows");
  size_t bi, bj;
  if (!isfinite(t))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "mdl_approx_max_affine: t = %g", t);
  if (!mdl_numcheck_finite_matrix(A, &bi, &bj))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM,
                  "mdl_approx_max_affine: A[%zu][%zu] = %g is not finite", bi,
                  bj, gsl_matrix_get(A, bi, bj));
  double best = GSL_NEGINF;
  for (size_t j = 0; j < A->size1; j++)
    best = fmax(best, gsl_matrix_get(A, j, 0) * t + gsl_matrix_get(A, j, 1));
  return best;
}
#line 8629 "chapters/02-approximation.nw"
double mdl_approx_bernstein(const gsl_vector *f, double x)
{
  if (f == NULL)
    GSL_ERROR_VAL("f is NULL", GSL_EFAULT, GSL_NAN);
  if (!(x >= 0 && x <= 1))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "x = %g; it must lie in [0, 1]", x);
  if (f->size == 0)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "mdl_approx_bernstein: f has length"
                  " 0");
  size_t bad;
  if (!mdl_numcheck_finite(f, &bad))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "mdl_approx_bernstein: f[%zu] = %g", bad,
                  gsl_vector_get(f, bad));
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
#line 8903 "chapters/02-approximation.nw"
mdl_net *mdl_approx_sigmoid_staircase(const gsl_vector *x, const gsl_vector *y,
                                      double k)
{
  if (check_knots(__func__, x, y))
    return NULL;
  if (!(k > 0) || !isfinite(k))
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "the steepness k = %g; it must be"
                  " positive and finite", k);
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
#line 9251 "chapters/02-approximation.nw"
static void tent_rows(gsl_matrix *W, gsl_vector *b, size_t row, size_t col)
{
  for (size_t i = 0; i < 2; i++) {
    gsl_matrix_set(W, row + i, col, 2);
    gsl_matrix_set(W, row + i, col + 1, -4);
  }
  gsl_vector_set(b, row + 1, -0.5);
}

mdl_net *mdl_approx_sawtooth(size_t k)
{
  if (k == 0)
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "k = 0 compositions; k must be"
                  " positive");
  size_t *w = malloc((k + 2) * sizeof *w);
  mdl_net_activation *acts = malloc((k + 1) * sizeof *acts);
  mdl_net *net = NULL;
  if (w && acts) {
    w[0] = w[k + 1] = 1;
    for (size_t l = 0; l <= k; l++) {
      if (l > 0)
        w[l] = 2;
      acts[l] = l < k ? MDL_NET_RELU : MDL_NET_IDENTITY;
    }
    net = mdl_net_alloc(k + 1, w, acts);
    if (net)
      gsl_vector_set_zero(mdl_net_params(net));
  }
  free(w);
  free(acts);
  if (net == NULL)
    GSL_ERROR_NULL("cannot allocate the sawtooth network", GSL_ENOMEM);
  gsl_matrix_view W0 = mdl_net_weight(net, NULL, 0);
  gsl_vector_view b0 = mdl_net_bias(net, NULL, 0);
  gsl_matrix_set_all(&W0.matrix, 1);
  gsl_vector_set(&b0.vector, 1, -0.5);
  for (size_t l = 1; l < k; l++) {
    gsl_matrix_view W = mdl_net_weight(net, NULL, l);
    gsl_vector_view b = mdl_net_bias(net, NULL, l);
    tent_rows(&W.matrix, &b.vector, 0, 0);
  }
  gsl_matrix_view Wk = mdl_net_weight(net, NULL, k);
  gsl_matrix_set(&Wk.matrix, 0, 0, 2);
  gsl_matrix_set(&Wk.matrix, 0, 1, -4);
  return net;
}
#line 9853 "chapters/02-approximation.nw"
static mdl_net *yarotsky(const char *fn, size_t m, size_t in, size_t stacks,
                         const double *lambda, const double *mu)
{
  if (m == 0)
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "%s: m = 0 compositions; m must be"
                  " positive", fn);
  size_t *w = malloc((m + 2) * sizeof *w);
  mdl_net_activation *acts = malloc((m + 1) * sizeof *acts);
  mdl_net *net = NULL;
  if (w && acts) {
    w[0] = in;
    w[m + 1] = 1;
    for (size_t l = 0; l <= m; l++) {
      if (l > 0)
        w[l] = 3 * stacks;
      acts[l] = l < m ? MDL_NET_RELU : MDL_NET_IDENTITY;
    }
    net = mdl_net_alloc(m + 1, w, acts);
    if (net)
      gsl_vector_set_zero(mdl_net_params(net));
  }
  free(w);
  free(acts);
  if (net == NULL)
    MDL_ERROR_VAL(NULL, GSL_ENOMEM, "%s: cannot allocate the network of %zu"
                  " layers", fn, m + 1);
  for (size_t l = 0; l <= m; l++) {
    gsl_matrix_view W = mdl_net_weight(net, NULL, l);
    gsl_vector_view b = mdl_net_bias(net, NULL, l);
    double scale = ldexp(1, -2 * (int)l);
    for (size_t q = 0; q < stacks; q++) {
      size_t r = 3 * q;
#line 9910 "chapters/02-approximation.nw"
      if (l == 0) {
        for (size_t i = 0; i < 3; i++)
          for (size_t j = 0; j < in; j++)
            gsl_matrix_set(&W.matrix, r + i, j, lambda[2 * q + j]);
        gsl_vector_set(&b.vector, r + 1, -0.5);
      } else if (l < m) {
        tent_rows(&W.matrix, &b.vector, r, r);
        gsl_matrix_set(&W.matrix, r + 2, r, -2 * scale);
        gsl_matrix_set(&W.matrix, r + 2, r + 1, 4 * scale);
        gsl_matrix_set(&W.matrix, r + 2, r + 2, 1);
      } else {
        gsl_matrix_set(&W.matrix, 0, r, -2 * scale * mu[q]);
        gsl_matrix_set(&W.matrix, 0, r + 1, 4 * scale * mu[q]);
        gsl_matrix_set(&W.matrix, 0, r + 2, mu[q]);
      }
#line 9886 "chapters/02-approximation.nw"
    }
  }
  return net;
}

mdl_net *mdl_approx_square(size_t m)
{
  const double lambda[2] = {1, 0}, mu[1] = {1};
  return yarotsky(__func__, m, 1, 1, lambda, mu);
}

mdl_net *mdl_approx_product(size_t m)
{
  const double lambda[6] = {0.5, 0.5, 1, 0, 0, 1}, mu[3] = {2, -0.5, -0.5};
  return yarotsky(__func__, m, 2, 3, lambda, mu);
}
#line 9302 "chapters/02-approximation.nw"
typedef struct {
  size_t n, cap, width;
  double *lo, *hi, *S, *C;
} piece_list;

static void pieces_free(piece_list *p)
{
  free(p->lo);
  free(p->hi);
  free(p->S);
  free(p->C);
}

static int pieces_push(piece_list *p, double lo, double hi)
{
  if (p->n == p->cap) {
    size_t cap = p->cap ? 2 * p->cap : 64;
    double *nlo = realloc(p->lo, cap * sizeof *nlo);
    if (nlo)
      p->lo = nlo;
    double *nhi = realloc(p->hi, cap * sizeof *nhi);
    if (nhi)
      p->hi = nhi;
    double *nS = realloc(p->S, cap * p->width * sizeof *nS);
    if (nS)
      p->S = nS;
    double *nC = realloc(p->C, cap * p->width * sizeof *nC);
    if (nC)
      p->C = nC;
    if (!nlo || !nhi || !nS || !nC)
      return GSL_ENOMEM;
    p->cap = cap;
  }
  p->lo[p->n] = lo;
  p->hi[p->n] = hi;
  p->n++;
  return GSL_SUCCESS;
}

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}
#line 9349 "chapters/02-approximation.nw"
static int is_pwl(mdl_net_activation act)
{
  return act == MDL_NET_IDENTITY || act == MDL_NET_RELU || act == MDL_NET_ABS
         || act == MDL_NET_LEAKY_RELU;
}

int mdl_approx_pieces(const mdl_net *net, double a, double b, size_t *count)
{
  if (net == NULL || count == NULL)
    MDL_ERROR(GSL_EFAULT, "%s is NULL", net == NULL ? "net" : "count");
  size_t L = mdl_net_depth(net);
  if (mdl_net_width(net, 0) != 1 || mdl_net_width(net, L) != 1)
    MDL_ERROR(GSL_EBADLEN, "the network maps R^%zu to R^%zu; it must map R"
              " to R (widths 1 and 1)", mdl_net_width(net, 0),
              mdl_net_width(net, L));
  for (size_t l = 0; l < L; l++) {
    mdl_net_activation act;
    mdl_net_get_activation(net, l, &act);
    if (!is_pwl(act))
      MDL_ERROR(GSL_EINVAL, "layer %zu has activation %d, which is not"
                " piecewise linear", l + 1, (int)act);
  }
  if (!(a < b) || !isfinite(a) || !isfinite(b))
    MDL_ERROR(GSL_EDOM, "the interval [a, b] = [%g, %g] must be finite with"
              " a < b", a, b);
  for (size_t l = 0; l < L; l++) {
    gsl_matrix_view W = mdl_net_weight(net, NULL, l);
    gsl_vector_view c = mdl_net_bias(net, NULL, l);
    size_t i, j;
    if (!mdl_numcheck_finite_matrix(&W.matrix, &i, &j))
      MDL_ERROR(GSL_EDOM, "mdl_approx_pieces: a parameter of layer %zu is not"
                " finite: W[%zu][%zu] = %g", l + 1, i, j,
                gsl_matrix_get(&W.matrix, i, j));
    if (!mdl_numcheck_finite(&c.vector, &i))
      MDL_ERROR(GSL_EDOM, "mdl_approx_pieces: a parameter of layer %zu is not"
                " finite: b[%zu] = %g", l + 1, i, gsl_vector_get(&c.vector, i));
  }
  piece_list cur = {0, 0, 1, NULL, NULL, NULL, NULL};
  int status = pieces_push(&cur, a, b);
  if (status == GSL_SUCCESS) {
    cur.S[0] = 1;
    cur.C[0] = 0;
  }
  for (size_t l = 0; l < L && status == GSL_SUCCESS; l++) {
#line 9413 "chapters/02-approximation.nw"
    mdl_net_activation act;
    mdl_net_get_activation(net, l, &act);
    double alpha = act == MDL_NET_LEAKY_RELU ? mdl_net_alpha(net, l) : 0;
    gsl_matrix_view W = mdl_net_weight(net, NULL, l);
    gsl_vector_view bias = mdl_net_bias(net, NULL, l);
    size_t in = mdl_net_width(net, l), out = mdl_net_width(net, l + 1);
    piece_list next = {0, 0, out, NULL, NULL, NULL, NULL};
    double *Sz = malloc(out * sizeof *Sz), *Cz = malloc(out * sizeof *Cz);
    double *cut = malloc((out + 2) * sizeof *cut);
    if (Sz == NULL || Cz == NULL || cut == NULL)
      status = GSL_ENOMEM;
    for (size_t p = 0; p < cur.n && status == GSL_SUCCESS; p++) {
      size_t ncut = 0;
      cut[ncut++] = cur.lo[p];
      for (size_t i = 0; i < out; i++) {
        Sz[i] = 0;
        Cz[i] = gsl_vector_get(&bias.vector, i);
        for (size_t j = 0; j < in; j++) {
          double wij = gsl_matrix_get(&W.matrix, i, j);
          Sz[i] += wij * cur.S[p * in + j];
          Cz[i] += wij * cur.C[p * in + j];
        }
        if (act != MDL_NET_IDENTITY && Sz[i] != 0) {
          double t = -Cz[i] / Sz[i];
          if (t > cur.lo[p] && t < cur.hi[p])
            cut[ncut++] = t;
        }
      }
      qsort(cut + 1, ncut - 1, sizeof *cut, cmp_double);
      cut[ncut++] = cur.hi[p];
      for (size_t q = 0; q + 1 < ncut && status == GSL_SUCCESS; q++) {
        if (!(cut[q + 1] > cut[q]))
          continue;
        status = pieces_push(&next, cut[q], cut[q + 1]);
        if (status)
          break;
        double mid = cut[q] + (cut[q + 1] - cut[q]) / 2;
        for (size_t i = 0; i < out; i++) {
          double z = Sz[i] * mid + Cz[i], f = 1;
          if (act == MDL_NET_RELU)
            f = z > 0;
          else if (act == MDL_NET_ABS)
            f = z >= 0 ? 1 : -1;
          else if (act == MDL_NET_LEAKY_RELU)
            f = z > 0 ? 1 : alpha;
          next.S[(next.n - 1) * out + i] = f * Sz[i];
          next.C[(next.n - 1) * out + i] = f * Cz[i];
        }
      }
    }
    free(Sz);
    free(Cz);
    free(cut);
    pieces_free(&cur);
    cur = next;
#line 9394 "chapters/02-approximation.nw"
  }
  if (status == GSL_SUCCESS) {
    size_t pieces = cur.n ? 1 : 0;
    for (size_t p = 1; p < cur.n; p++)
      pieces += cur.S[p] != cur.S[p - 1];
    *count = pieces;
  }
  pieces_free(&cur);
  if (status)
    GSL_ERROR("cannot allocate the pieces", GSL_ENOMEM);
  return GSL_SUCCESS;
}
#line 10698 "chapters/02-approximation.nw"
static double abs_sin_integral(double u)
{
  if (u < 0)
    return -abs_sin_integral(-u);
  double k = floor(u / M_PI);
  return 2 * k + 1 - cos(u - M_PI * k);
}

mdl_net *mdl_approx_barron(mdl_approx_spectral_sampler *draw, void *params,
                           size_t n, size_t m, double r, double cf,
                           double f0, const gsl_rng *rng)
{
  if (draw == NULL || rng == NULL)
    MDL_ERROR_VAL(NULL, GSL_EFAULT, "%s is NULL", draw == NULL ? "draw" : "rng");
  if (n == 0 || m == 0 || !(r > 0) || !isfinite(r) || !(cf > 0)
      || !isfinite(cf) || !isfinite(f0))
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "n = %zu, m = %zu, r = %g, C_f = %g, f0"
                  " = %g; n, m, r and C_f must be positive, all finite", n, m,
                  r, cf, f0);
  const size_t widths[3] = {n, m, 1};
  const mdl_net_activation acts[2] = {MDL_NET_STEP, MDL_NET_IDENTITY};
  mdl_net *net = mdl_net_alloc(2, widths, acts);
  if (net)
    gsl_vector_set_zero(mdl_net_params(net));
  gsl_vector *omega = gsl_vector_alloc(n);
  if (net == NULL || omega == NULL) {
    mdl_net_free(net);
    gsl_vector_free(omega);
    GSL_ERROR_NULL("cannot allocate the network", GSL_ENOMEM);
  }
  gsl_matrix_view W = mdl_net_weight(net, NULL, 0);
  gsl_vector_view b = mdl_net_bias(net, NULL, 0);
  gsl_matrix_view C = mdl_net_weight(net, NULL, 1);
  gsl_vector_view c0 = mdl_net_bias(net, NULL, 1);
  int status = GSL_SUCCESS;
  size_t unit = 0;
  for (size_t j = 0; j < m && status == GSL_SUCCESS; j++) {
    unit = j;
#line 10754 "chapters/02-approximation.nw"
    double theta = 0;
    if (draw(rng, params, omega, &theta) != GSL_SUCCESS || !isfinite(theta)) {
      status = GSL_EBADFUNC;
      break;
    }
    double rho = gsl_blas_dnrm2(omega);
    if (!(rho > 0) || !isfinite(rho)) {
      status = GSL_EBADFUNC;
      break;
    }
    double V = (abs_sin_integral(rho * r + theta)
                - abs_sin_integral(-rho * r + theta)) / rho;
    double s = 0;
    int accepted = 0;
    for (long tries = 0; tries < 1000000 && !accepted; tries++) {
      s = gsl_ran_flat(rng, -r, r);
      accepted = gsl_rng_uniform(rng) < fabs(sin(rho * s + theta));
    }
    if (!accepted) {
      status = GSL_EMAXITER;
      break;
    }
    double sign = -sin(rho * s + theta) > 0 ? 1 : -1, dir = s > 0 ? 1 : -1;
    for (size_t i = 0; i < n; i++)
      gsl_matrix_set(&W.matrix, j, i, dir * gsl_vector_get(omega, i) / rho);
    gsl_vector_set(&b.vector, j, -dir * s);
    gsl_matrix_set(&C.matrix, 0, j, dir * sign * V * cf / (double)m);
#line 10737 "chapters/02-approximation.nw"
  }
  gsl_vector_set(&c0.vector, 0, f0);
  gsl_vector_free(omega);
  if (status) {
    mdl_net_free(net);
    if (status == GSL_EMAXITER)
      MDL_ERROR_VAL(NULL, GSL_EMAXITER, "unit %zu of %zu: no point s accepted"
                    " in 10^6 proposals", unit, m);
    MDL_ERROR_VAL(NULL, GSL_EBADFUNC, "unit %zu of %zu: the spectral sampler"
                  " failed or returned a bad frequency", unit, m);
  }
  return net;
}
