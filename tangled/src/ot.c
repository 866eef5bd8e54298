#line 2537 "chapters/05-gan.nw"
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <mdl/numcheck.h>
#include <mdl/ot.h>
#line 2561 "chapters/05-gan.nw"
typedef struct {
  size_t m, n, real;
  long root;
  const gsl_matrix *C;
  double art;
  double *supply, *flow, *pi, *err, *pcost;
  long *parent, *parc, *depth, *child, *next, *prev, *path, *stack, *cycle;
  char *up, *pup;
} ot_state;

static int points_up(const ot_state *s, long w)
{
  return s->pup[w];
}
#line 2583 "chapters/05-gan.nw"
static void detach(ot_state *s, long w)
{
  long p = s->parent[w];
  if (s->prev[w] >= 0)
    s->next[s->prev[w]] = s->next[w];
  else
    s->child[p] = s->next[w];
  if (s->next[w] >= 0)
    s->prev[s->next[w]] = s->prev[w];
}

static void attach(ot_state *s, long w, long p)
{
  s->parent[w] = p;
  s->prev[w] = -1;
  s->next[w] = s->child[p];
  if (s->child[p] >= 0)
    s->prev[s->child[p]] = w;
  s->child[p] = w;
}

static void set_potential(ot_state *s, long w)
{
  long p = s->parent[w];
  double c = s->pcost[w];
  s->pi[w] = points_up(s, w) ? s->pi[p] + c : s->pi[p] - c;
  s->err[w] = s->err[p] + DBL_EPSILON * fabs(s->pi[w]);
  s->depth[w] = s->depth[p] + 1;
}

static void update_subtree(ot_state *s, long q)
{
  long top = 0;
  s->stack[top++] = q;
  while (top > 0) {
    long w = s->stack[--top];
    set_potential(s, w);
    for (long c = s->child[w]; c >= 0; c = s->next[c])
      s->stack[top++] = c;
  }
}
#line 2627 "chapters/05-gan.nw"
static int ot_check(const char *fn, const gsl_vector *a, const gsl_vector *b,
                    const gsl_matrix *C, const gsl_matrix *plan,
                    const gsl_vector *u, const gsl_vector *v, double *cmax)
{
  if (a == NULL || b == NULL || C == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: %s is NULL", fn,
              a == NULL ? "a" : b == NULL ? "b" : "cost");
  size_t m = a->size, n = b->size;
  if (C->size1 != m || C->size2 != n)
    MDL_ERROR(GSL_EBADLEN, "%s: a has %zu atoms and b %zu, cost is %zu x %zu",
              fn, m, n, C->size1, C->size2);
  if (plan && (plan->size1 != m || plan->size2 != n))
    MDL_ERROR(GSL_EBADLEN, "%s: plan is %zu x %zu, expected %zu x %zu", fn,
              plan->size1, plan->size2, m, n);
  if ((u && u->size != m) || (v && v->size != n))
    MDL_ERROR(GSL_EBADLEN, "%s: u has length %zu and v %zu, expected %zu and"
              " %zu", fn, u ? u->size : m, v ? v->size : n, m, n);
  if (m == 0 || n == 0)
    MDL_ERROR(GSL_EBADLEN, "%s: the measures have %zu and %zu atoms", fn, m,
              n);
  double sa = 0, sb = 0;
  for (size_t i = 0; i < m; i++) {
    double x = gsl_vector_get(a, i);
    if (!(x >= 0) || !isfinite(x))
      MDL_ERROR(GSL_EDOM, "%s: a[%zu] = %g; the masses must be finite and"
                " nonnegative", fn, i, x);
    sa += x;
  }
  for (size_t j = 0; j < n; j++) {
    double x = gsl_vector_get(b, j);
    if (!(x >= 0) || !isfinite(x))
      MDL_ERROR(GSL_EDOM, "%s: b[%zu] = %g; the masses must be finite and"
                " nonnegative", fn, j, x);
    sb += x;
  }
  if (fabs(sa - sb) > 8 * (double)(m + n) * DBL_EPSILON * fmax(sa, sb))
    MDL_ERROR(GSL_EDOM, "%s: the total masses are %.17g and %.17g; they must"
              " be equal", fn, sa, sb);
  double big = 0;
  int finite = 1;
  for (size_t i = 0; i < m; i++) {
    const double *c = C->data + i * C->tda;
    for (size_t j = 0; j < n; j++) {
      double x = fabs(c[j]);
      finite &= x <= DBL_MAX;
      big = x > big ? x : big;
    }
  }
  size_t ci = 0, cj = 0;
  if (!finite && !mdl_numcheck_finite_matrix(C, &ci, &cj))
    MDL_ERROR(GSL_EDOM, "%s: cost[%zu][%zu] = %g is not finite", fn, ci, cj,
              gsl_matrix_get(C, ci, cj));
  *cmax = big;
  return GSL_SUCCESS;
}
#line 2685 "chapters/05-gan.nw"
static void ot_free(ot_state *s)
{
  free(s->supply);
  free(s->flow);
  free(s->pi);
  free(s->err);
  free(s->pcost);
  free(s->parent);
  free(s->parc);
  free(s->depth);
  free(s->child);
  free(s->next);
  free(s->prev);
  free(s->path);
  free(s->stack);
  free(s->cycle);
  free(s->up);
  free(s->pup);
}

static int ot_alloc(ot_state *s, size_t N)
{
  s->supply = malloc(N * sizeof(double));
  s->flow = malloc(N * sizeof(double));
  s->pi = malloc(N * sizeof(double));
  s->err = malloc(N * sizeof(double));
  s->pcost = malloc(N * sizeof(double));
  s->parent = malloc(N * sizeof(long));
  s->parc = malloc(N * sizeof(long));
  s->depth = malloc(N * sizeof(long));
  s->child = malloc(N * sizeof(long));
  s->next = malloc(N * sizeof(long));
  s->prev = malloc(N * sizeof(long));
  s->path = malloc(N * sizeof(long));
  s->stack = malloc(N * sizeof(long));
  s->cycle = malloc(N * sizeof(long));
  s->up = malloc(N);
  s->pup = malloc(N);
  if (!s->supply || !s->flow || !s->pi || !s->err || !s->pcost
      || !s->parent || !s->parc || !s->depth || !s->child || !s->next || !s->prev || !s->path
      || !s->stack || !s->cycle || !s->up || !s->pup) {
    ot_free(s);
    return GSL_ENOMEM;
  }
  return GSL_SUCCESS;
}
#line 2737 "chapters/05-gan.nw"
static void ot_start(ot_state *s, const gsl_vector *a, const gsl_vector *b,
                     double cmax)
{
  size_t m = s->m, n = s->n;
  long R = s->root;
  s->art = cmax > 0 ? 2.0 * (double)(m + n + 1) * cmax : 1.0;
  for (size_t i = 0; i < m; i++)
    s->supply[i] = gsl_vector_get(a, i);
  for (size_t j = 0; j < n; j++)
    s->supply[m + j] = -gsl_vector_get(b, j);
  for (long w = 0; w <= R; w++)
    s->child[w] = -1;
  s->pi[R] = 0;
  s->err[R] = 0;
  s->depth[R] = 0;
  s->parent[R] = -1;
  s->parc[R] = -1;
  for (long w = 0; w < R; w++) {
    s->up[w] = s->supply[w] >= 0;
    s->pup[w] = s->up[w];
    s->pcost[w] = s->up[w] ? 0.0 : s->art;
    s->parc[w] = (long)s->real + w;
    s->flow[w] = fabs(s->supply[w]);
    attach(s, w, R);
    set_potential(s, w);
  }
}
#line 2773 "chapters/05-gan.nw"
static long ot_price(const ot_state *s, size_t block, size_t *next)
{
  size_t m = s->m, n = s->n, tda = s->C->tda, inblock = 0;
  size_t i = *next / n, j = *next % n;
  const double *pd = s->pi + m, *ed = s->err + m;
  long enter = -1;
  double best = 0;
  for (size_t seen = 0; seen < s->real;) {
    size_t len = n - j;
    if (len > block - inblock)
      len = block - inblock;
    if (len > s->real - seen)
      len = s->real - seen;
    const double *c = s->C->data + i * tda;
    double pii = s->pi[i];
    for (size_t t = j; t < j + len; t++) {
      double r = c[t] - pii + pd[t];
      if (r < best) {
        double tau = s->err[i] + ed[t]
                     + DBL_EPSILON * (fabs(c[t]) + fabs(pii) + fabs(pd[t]));
        long k = (long)(i * n + t);
        if (r < -tau && s->parc[i] != k && s->parc[m + t] != k) {
          best = r;
          enter = k;
        }
      }
    }
    seen += len;
    inblock += len;
    j += len;
    if (j == n) {
      j = 0;
      i = i + 1 == m ? 0 : i + 1;
    }
    if (inblock == block) {
      if (enter >= 0)
        break;
      inblock = 0;
    }
  }
  *next = i * n + j;
  return enter;
}
#line 2831 "chapters/05-gan.nw"
static int ot_pivot(ot_state *s, long enter)
{
  long sn = enter / (long)s->n, tn = (long)s->m + enter % (long)s->n;
  long x = sn, y = tn;
  while (x != y) {
    if (s->depth[x] >= s->depth[y])
      x = s->parent[x];
    else
      y = s->parent[y];
  }
  long apex = x, c = -1;
  int on_t = 0;
  double delta = HUGE_VAL;
  for (long w = sn; w != apex; w = s->parent[w])
    if (points_up(s, w) && s->flow[w] < delta)
      delta = s->flow[w];
  for (long w = tn; w != apex; w = s->parent[w])
    if (!points_up(s, w) && s->flow[w] < delta)
      delta = s->flow[w];
  for (long w = tn; w != apex; w = s->parent[w])
    if (!points_up(s, w) && s->flow[w] == delta) {
      c = w;
      on_t = 1;
    }
  if (c < 0)
    for (long w = sn; w != apex; w = s->parent[w])
      if (points_up(s, w) && s->flow[w] == delta) {
        c = w;
        break;
      }
#line 2868 "chapters/05-gan.nw"
  long ncycle = 0;
  for (long w = sn; w != apex; w = s->parent[w])
    s->cycle[ncycle++] = w;
  for (long w = tn; w != apex; w = s->parent[w])
    s->cycle[ncycle++] = w;
  if (delta > 0) {
    for (long w = sn; w != apex; w = s->parent[w])
      s->flow[w] += points_up(s, w) ? -delta : delta;
    for (long w = tn; w != apex; w = s->parent[w])
      s->flow[w] += points_up(s, w) ? delta : -delta;
  }
#line 2862 "chapters/05-gan.nw"
#line 2890 "chapters/05-gan.nw"
  long q = on_t ? tn : sn, o = on_t ? sn : tn, len = 0;
  for (long w = q;; w = s->parent[w]) {
    s->path[len++] = w;
    if (w == c)
      break;
  }
  long arc = enter, parent = o;
  double flow = delta, cost = s->C->data[(size_t)sn * s->C->tda
                                         + (size_t)(tn - (long)s->m)];
  char dir = q == sn;
  for (long k = 0; k < len; k++) {
    long w = s->path[k], old_arc = s->parc[w];
    double old_flow = s->flow[w], old_cost = s->pcost[w];
    char old_dir = s->pup[w];
    detach(s, w);
    attach(s, w, parent);
    s->parc[w] = arc;
    s->flow[w] = flow;
    s->pup[w] = dir;
    s->pcost[w] = cost;
    arc = old_arc;
    flow = old_flow;
    cost = old_cost;
    dir = !old_dir;
    parent = w;
  }
  update_subtree(s, q);
#line 2863 "chapters/05-gan.nw"
#line 2924 "chapters/05-gan.nw"
  for (long k = 0; k < ncycle; k++) {
    long w = s->cycle[k];
    if (s->flow[w] == 0 && !points_up(s, w))
      return GSL_ESANITY;
  }
  return GSL_SUCCESS;
#line 2864 "chapters/05-gan.nw"
}
#line 2939 "chapters/05-gan.nw"
static double ot_flows(ot_state *s, gsl_matrix *plan)
{
  long R = s->root, cnt = 0;
  s->path[cnt++] = R;
  for (long k = 0; k < cnt; k++)
    for (long c = s->child[s->path[k]]; c >= 0; c = s->next[c])
      s->path[cnt++] = c;
  for (long w = 0; w < R; w++)
    s->flow[w] = s->supply[w];
  if (plan)
    gsl_matrix_set_zero(plan);
  double total = 0;
  for (long k = cnt - 1; k > 0; k--) {
    long w = s->path[k], e = s->parc[w];
    double f = points_up(s, w) ? s->flow[w] : -s->flow[w];
    if (s->parent[w] != R)
      s->flow[s->parent[w]] += s->flow[w];
    if ((size_t)e < s->real && f > 0) {
      if (plan)
        gsl_matrix_set(plan, (size_t)e / s->n, (size_t)e % s->n, f);
      total += s->pcost[w] * f;
    }
  }
  return total;
}

static void ot_potentials(const ot_state *s, const gsl_vector *a,
                          double *u, double *v)
{
  size_t m = s->m, n = s->n;
  const gsl_matrix *C = s->C;
  double shift = GSL_NEGINF, any = GSL_NEGINF;
  for (size_t i = 0; i < m; i++) {
    any = fmax(any, s->pi[i]);
    if (gsl_vector_get(a, i) > 0)
      shift = fmax(shift, s->pi[i]);
  }
  if (shift == GSL_NEGINF)
    shift = any;
  for (size_t i = 0; i < m; i++)
    u[i] = s->pi[i] - shift;
  for (size_t j = 0; j < n; j++)
    v[j] = GSL_POSINF;
  for (size_t i = 0; i < m; i++) {
    const double *c = C->data + i * C->tda;
    double ui = u[i];
    for (size_t j = 0; j < n; j++) {
      double x = c[j] - ui;
      v[j] = x < v[j] ? x : v[j];
    }
  }
  for (size_t i = 0; i < m; i++) {
    const double *c = C->data + i * C->tda;
    double best = GSL_POSINF;
    for (size_t j = 0; j < n; j++) {
      double x = c[j] - v[j];
      best = x < best ? x : best;
    }
    u[i] = best;
  }
}
#line 3003 "chapters/05-gan.nw"
static int ot_simplex(const char *fn, const gsl_vector *a,
                      const gsl_vector *b, const gsl_matrix *cost,
                      size_t max_pivots, gsl_matrix *plan, gsl_vector *u,
                      gsl_vector *v, double *value, size_t *pivots)
{
  double cmax;
  int status = ot_check(fn, a, b, cost, plan, u, v, &cmax);
  if (status)
    return status;
  size_t m = a->size, n = b->size, N = m + n + 1;
  ot_state s = {.m = m, .n = n, .real = m * n, .root = (long)(m + n),
                .C = cost};
  double *du = malloc((m + n) * sizeof *du);
  if (du == NULL || ot_alloc(&s, N)) {
    free(du);
    MDL_ERROR(GSL_ENOMEM, "%s: cannot allocate the spanning tree of %zu"
              " nodes", fn, N);
  }
  ot_start(&s, a, b, cmax);
  if (max_pivots == 0)
    max_pivots = 1000 * N;
  size_t block = (size_t)ceil(sqrt((double)s.real) / 2), next = 0, count = 0;
  if (block < 10)
    block = 10;
  long enter;
  int broken = GSL_SUCCESS;
  while ((enter = ot_price(&s, block, &next)) >= 0 && count < max_pivots
         && broken == GSL_SUCCESS) {
    broken = ot_pivot(&s, enter);
    count++;
  }
  if (broken || enter >= 0) {
    ot_free(&s);
    free(du);
    if (broken)
      MDL_ERROR(GSL_ESANITY, "%s: the spanning tree is no longer strongly"
                " feasible after %zu pivots", fn, count);
    MDL_ERROR(GSL_EMAXITER, "%s: the pivot limit of %zu was reached", fn,
              max_pivots);
  }
  double total = ot_flows(&s, plan);
  ot_potentials(&s, a, du, du + m);
  for (size_t i = 0; u && i < m; i++)
    gsl_vector_set(u, i, du[i]);
  for (size_t j = 0; v && j < n; j++)
    gsl_vector_set(v, j, du[m + j]);
  if (value)
    *value = total;
  if (pivots)
    *pivots = count;
  ot_free(&s);
  free(du);
  return GSL_SUCCESS;
}

int mdl_ot_simplex(const gsl_vector *a, const gsl_vector *b,
                   const gsl_matrix *cost, size_t max_pivots,
                   gsl_matrix *plan, gsl_vector *u, gsl_vector *v,
                   double *value, size_t *pivots)
{
  return ot_simplex(__func__, a, b, cost, max_pivots, plan, u, v, value,
                    pivots);
}

int mdl_ot_solve(const gsl_vector *a, const gsl_vector *b,
                 const gsl_matrix *cost, gsl_matrix *plan, gsl_vector *u,
                 gsl_vector *v, double *value)
{
  return ot_simplex(__func__, a, b, cost, 0, plan, u, v, value, NULL);
}
#line 3081 "chapters/05-gan.nw"
static int distances(const char *fn, const gsl_matrix *x,
                     const gsl_matrix *y, gsl_matrix *cost)
{
  if (x == NULL || y == NULL || cost == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: %s is NULL", fn,
              x == NULL ? "x" : y == NULL ? "y" : "cost");
  if (x->size2 != y->size2 || cost->size1 != x->size1
      || cost->size2 != y->size1)
    MDL_ERROR(GSL_EBADLEN, "%s: x is %zu x %zu, y %zu x %zu and cost %zu x"
              " %zu; x and y need the same dimension, cost their row counts",
              fn, x->size1, x->size2, y->size1, y->size2, cost->size1,
              cost->size2);
  if (x->size1 == 0 || y->size1 == 0 || x->size2 == 0)
    MDL_ERROR(GSL_EBADLEN, "%s: x is %zu x %zu, y is %zu x %zu", fn,
              x->size1, x->size2, y->size1, y->size2);
  size_t bi, bj;
  if (!mdl_numcheck_finite_matrix(x, &bi, &bj))
    MDL_ERROR(GSL_EDOM, "%s: x[%zu][%zu] = %g is not finite", fn, bi, bj,
              gsl_matrix_get(x, bi, bj));
  if (!mdl_numcheck_finite_matrix(y, &bi, &bj))
    MDL_ERROR(GSL_EDOM, "%s: y[%zu][%zu] = %g is not finite", fn, bi, bj,
              gsl_matrix_get(y, bi, bj));
  for (size_t i = 0; i < x->size1; i++) {
    const double *xi = x->data + i * x->tda;
    double *ci = cost->data + i * cost->tda;
    for (size_t j = 0; j < y->size1; j++) {
      const double *yj = y->data + j * y->tda;
      double s = 0;
      for (size_t k = 0; k < x->size2; k++) {
        double d = xi[k] - yj[k];
        s += d * d;
      }
      ci[j] = sqrt(s);
    }
  }
  return GSL_SUCCESS;
}

int mdl_ot_distances(const gsl_matrix *x, const gsl_matrix *y,
                     gsl_matrix *cost)
{
  return distances(__func__, x, y, cost);
}

double mdl_ot_w1(const gsl_matrix *x, const gsl_matrix *y)
{
  if (x == NULL || y == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "mdl_ot_w1: %s is NULL",
                  x == NULL ? "x" : "y");
  if (x->size2 != y->size2)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "mdl_ot_w1: x is %zu x %zu and y %zu"
                  " x %zu; they need the same dimension", x->size1, x->size2,
                  y->size1, y->size2);
  if (x->size1 == 0 || y->size1 == 0 || x->size2 == 0)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN,
                  "mdl_ot_w1: x is %zu x %zu, y is %zu x %zu", x->size1,
                  x->size2, y->size1, y->size2);
  gsl_matrix *C = gsl_matrix_alloc(x->size1, y->size1);
  gsl_vector *a = gsl_vector_alloc(x->size1), *b = gsl_vector_alloc(y->size1);
  if (C == NULL || a == NULL || b == NULL) {
    gsl_matrix_free(C);
    gsl_vector_free(a);
    gsl_vector_free(b);
    GSL_ERROR_VAL("mdl_ot_w1: cannot allocate", GSL_ENOMEM, GSL_NAN);
  }
  gsl_vector_set_all(a, 1.0 / (double)x->size1);
  gsl_vector_set_all(b, 1.0 / (double)y->size1);
  double value = GSL_NAN;
  int status = distances(__func__, x, y, C);
  if (status == GSL_SUCCESS)
    status = ot_simplex(__func__, a, b, C, 0, NULL, NULL, NULL, &value, NULL);
  gsl_matrix_free(C);
  gsl_vector_free(a);
  gsl_vector_free(b);
  return status ? GSL_NAN : value;
}
