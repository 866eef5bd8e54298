#line 1800 "chapters/03-cnn.nw"
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <mdl/conv.h>
#include <mdl/numcheck.h>
#include "claims.h"
#line 1827 "chapters/03-cnn.nw"
static double gam(double m)
{
  const double u = DBL_EPSILON / 2;
  return m * u / (1 - m * u);
}

static void fill(gsl_rng *r, gsl_matrix *A)
{
  for (size_t i = 0; i < A->size1; i++)
    for (size_t j = 0; j < A->size2; j++)
      gsl_matrix_set(A, i, j, gsl_ran_gaussian(r, 1.0));
}

static void fillv(gsl_rng *r, gsl_vector *v)
{
  for (size_t i = 0; i < v->size; i++)
    gsl_vector_set(v, i, gsl_ran_gaussian(r, 1.0));
}

static void mat_abs(gsl_matrix *A)
{
  for (size_t i = 0; i < A->size1; i++)
    for (size_t j = 0; j < A->size2; j++)
      gsl_matrix_set(A, i, j, fabs(gsl_matrix_get(A, i, j)));
}

static void vec_abs(gsl_vector *v)
{
  for (size_t i = 0; i < v->size; i++)
    gsl_vector_set(v, i, fabs(gsl_vector_get(v, i)));
}

static void direct_conv(const mdl_conv2d_geometry *g, const double *w,
                        const double *bias, const double *x, double *y,
                        double *yabs)
{
  const size_t C = g->in_channels, O = g->out_channels, H = g->height;
  const size_t W = g->width, k = g->kernel, s = g->stride, p = g->padding;
  const size_t OH = (H + 2 * p - k) / s + 1, OW = (W + 2 * p - k) / s + 1;
  for (size_t o = 0; o < O; o++)
    for (size_t i = 0; i < OH; i++)
      for (size_t j = 0; j < OW; j++) {
        double acc = bias ? bias[o] : 0, abs = bias ? fabs(bias[o]) : 0;
        for (size_t c = 0; c < C; c++)
          for (size_t u = 0; u < k; u++)
            for (size_t v = 0; v < k; v++) {
              long ii = (long)(i * s + u) - (long)p;
              long jj = (long)(j * s + v) - (long)p;
              if (ii < 0 || jj < 0 || ii >= (long)H || jj >= (long)W)
                continue;
              double t = w[((o * C + c) * k + u) * k + v] *
                         x[(c * H + (size_t)ii) * W + (size_t)jj];
              acc += t;
              abs += fabs(t);
            }
        y[(o * OH + i) * OW + j] = acc;
        if (yabs)
          yabs[(o * OH + i) * OW + j] = abs;
      }
}
#line 1892 "chapters/03-cnn.nw"
static mdl_conv2d_geometry random_geometry(gsl_rng *r)
{
  mdl_conv2d_geometry g;
  do {
    g = (mdl_conv2d_geometry){1 + gsl_rng_uniform_int(r, 3),
                              1 + gsl_rng_uniform_int(r, 3),
                              1 + gsl_rng_uniform_int(r, 9),
                              1 + gsl_rng_uniform_int(r, 9),
                              1 + gsl_rng_uniform_int(r, 5),
                              1 + gsl_rng_uniform_int(r, 3),
                              gsl_rng_uniform_int(r, 3)};
  } while (g.kernel > g.height + 2 * g.padding ||
           g.kernel > g.width + 2 * g.padding);
  return g;
}

static size_t out_size(size_t i, size_t k, size_t s, size_t p)
{
  return (i + 2 * p - k) / s + 1;
}
#line 1915 "chapters/03-cnn.nw"
static void test_conv_forward(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3100417);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { CASES = 400 };
  double worst = 0;
  for (int t = 0; t < CASES; t++) {
    mdl_conv2d_geometry g = random_geometry(r);
    size_t B = 1 + gsl_rng_uniform_int(r, 3);
    size_t OH = out_size(g.height, g.kernel, g.stride, g.padding);
    size_t OW = out_size(g.width, g.kernel, g.stride, g.padding);
    size_t K = g.in_channels * g.kernel * g.kernel;
    size_t nout = g.out_channels * OH * OW;
    gsl_matrix *X = gsl_matrix_alloc(B, g.in_channels * g.height * g.width);
    gsl_matrix *Y = gsl_matrix_alloc(B, nout);
    gsl_vector *w = gsl_vector_alloc(g.out_channels * K);
    gsl_vector *b = gsl_vector_alloc(g.out_channels);
    double *ref = malloc(nout * sizeof *ref), *abs = malloc(nout * sizeof *abs);
    fill(r, X);
    fillv(r, w);
    fillv(r, b);
    assert_int_equal(mdl_conv2d_forward(&g, w, b, X, Y), GSL_SUCCESS);
    for (size_t n = 0; n < B; n++) {
      direct_conv(&g, w->data, b->data, X->data + n * X->tda, ref, abs);
      for (size_t q = 0; q < nout; q++) {
        double d = fabs(gsl_matrix_get(Y, n, q) - ref[q]);
        double tol = 2 * gam((double)K + 2) * abs[q];
        if (d > 0)
          worst = fmax(worst, tol > 0 ? d / tol : HUGE_VAL);
      }
    }
    gsl_matrix_free(X);
    gsl_matrix_free(Y);
    gsl_vector_free(w);
    gsl_vector_free(b);
    free(ref);
    free(abs);
  }
  CLAIM(.id = "cnn.conv-forward", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .tolerance = 0, .samples = CASES, .seed = seed,
        .note = "largest |im2col layer - six-loop definition| over its"
                " tolerance 2 gamma_{Ck^2+2} S, 400 random geometries");
  gsl_rng_free(r);
}

#line 2036 "chapters/03-cnn.nw"
typedef enum { L_CONV2D, L_CONV1D, L_MAXPOOL, L_AVGPOOL, L_GAP, L_RESIDUAL } layer_kind;

typedef struct {
  layer_kind kind;
  mdl_conv2d_geometry g;
  size_t B, nin, nout, nparams;
  gsl_matrix *G;
} layer_case;

static void split_theta(const layer_case *c, const gsl_vector *theta,
                        int absolute, gsl_vector **params, gsl_matrix **X)
{
  *params = c->nparams ? gsl_vector_alloc(c->nparams) : NULL;
  *X = gsl_matrix_alloc(c->B, c->nin);
  for (size_t i = 0; i < c->nparams; i++)
    gsl_vector_set(*params, i, gsl_vector_get(theta, i));
  for (size_t b = 0; b < c->B; b++)
    for (size_t j = 0; j < c->nin; j++)
      gsl_matrix_set(*X, b, j,
                     gsl_vector_get(theta, c->nparams + b * c->nin + j));
  if (absolute) {
    if (*params)
      vec_abs(*params);
    mat_abs(*X);
  }
}
#line 2068 "chapters/03-cnn.nw"
static int layer_forward(const layer_case *c, const gsl_vector *p,
                         const gsl_matrix *X, gsl_matrix *Y)
{
  const mdl_conv2d_geometry *g = &c->g;
  size_t nw = g->out_channels * g->in_channels * g->kernel *
              (c->kind == L_CONV1D ? 1 : g->kernel);
  mdl_pool2d_geometry pg = {g->in_channels, g->height, g->width, g->kernel,
                            g->stride, g->padding};
  mdl_conv1d_geometry g1 = {g->in_channels, g->out_channels, g->width,
                            g->kernel, g->stride, g->padding};
  switch (c->kind) {
  case L_CONV2D:
  case L_CONV1D: {
    gsl_vector_const_view w = gsl_vector_const_subvector(p, 0, nw);
    gsl_vector_const_view b = gsl_vector_const_subvector(p, nw, g->out_channels);
    return c->kind == L_CONV2D
               ? mdl_conv2d_forward(g, &w.vector, &b.vector, X, Y)
               : mdl_conv1d_forward(&g1, &w.vector, &b.vector, X, Y);
  }
  case L_MAXPOOL:
    return mdl_pool2d_max_forward(&pg, X, Y);
  case L_AVGPOOL:
    return mdl_pool2d_avg_forward(&pg, X, Y);
  case L_GAP:
    return mdl_conv_global_avg_pool(g->in_channels, X, Y);
  case L_RESIDUAL:
    return mdl_conv_residual_forward(g, p, X, Y);
  }
  return GSL_EINVAL;
}

static double case_loss(const layer_case *c, const gsl_vector *theta,
                        int absolute)
{
  gsl_vector *p;
  gsl_matrix *X, *Y = gsl_matrix_alloc(c->B, c->nout);
  split_theta(c, theta, absolute, &p, &X);
  assert_int_equal(layer_forward(c, p, X, Y), GSL_SUCCESS);
  double L = 0;
  for (size_t b = 0; b < c->B; b++)
    for (size_t j = 0; j < c->nout; j++) {
      double gj = gsl_matrix_get(c->G, b, j), y = gsl_matrix_get(Y, b, j);
      L += absolute ? fabs(gj) * fabs(y) : gj * y;
    }
  gsl_vector_free(p);
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  return L;
}
#line 2123 "chapters/03-cnn.nw"
static void case_grad(const layer_case *c, const gsl_vector *theta,
                      int absolute, gsl_vector *grad)
{
  const mdl_conv2d_geometry *g = &c->g;
  gsl_vector *p;
  gsl_matrix *X, *dX = gsl_matrix_alloc(c->B, c->nin);
  gsl_matrix *G = gsl_matrix_alloc(c->B, c->nout);
  gsl_vector *dp = c->nparams ? gsl_vector_alloc(c->nparams) : NULL;
  split_theta(c, theta, absolute, &p, &X);
  gsl_matrix_memcpy(G, c->G);
  if (absolute)
    mat_abs(G);
  size_t nw = c->nparams >= g->out_channels ? c->nparams - g->out_channels : 0;
  mdl_pool2d_geometry pg = {g->in_channels, g->height, g->width, g->kernel,
                            g->stride, g->padding};
  mdl_conv1d_geometry g1 = {g->in_channels, g->out_channels, g->width,
                            g->kernel, g->stride, g->padding};
  int status = GSL_EINVAL;
  switch (c->kind) {
  case L_CONV2D:
  case L_CONV1D: {
    gsl_vector_const_view w = gsl_vector_const_subvector(p, 0, nw);
    gsl_vector_view dw = gsl_vector_subvector(dp, 0, nw);
    gsl_vector_view db = gsl_vector_subvector(dp, nw, g->out_channels);
    status = c->kind == L_CONV2D
                 ? mdl_conv2d_backward(g, &w.vector, X, G, &dw.vector,
                                       &db.vector, dX)
                 : mdl_conv1d_backward(&g1, &w.vector, X, G, &dw.vector,
                                       &db.vector, dX);
    break;
  }
  case L_MAXPOOL:
    status = mdl_pool2d_max_backward(&pg, X, G, dX);
    break;
  case L_AVGPOOL:
    status = mdl_pool2d_avg_backward(&pg, G, dX);
    break;
  case L_GAP:
    status = mdl_conv_global_avg_pool_backward(g->in_channels, G, dX);
    break;
  case L_RESIDUAL:
    status = mdl_conv_residual_backward(g, p, X, G, dp, dX);
    break;
  }
  assert_int_equal(status, GSL_SUCCESS);
  for (size_t i = 0; i < c->nparams; i++)
    gsl_vector_set(grad, i, gsl_vector_get(dp, i));
  for (size_t b = 0; b < c->B; b++)
    for (size_t j = 0; j < c->nin; j++)
      gsl_vector_set(grad, c->nparams + b * c->nin + j, gsl_matrix_get(dX, b, j));
  gsl_vector_free(p);
  gsl_vector_free(dp);
  gsl_matrix_free(X);
  gsl_matrix_free(dX);
  gsl_matrix_free(G);
}
#line 2186 "chapters/03-cnn.nw"
static unsigned long relu_pattern(const layer_case *c, const gsl_vector *theta)
{
  const mdl_conv2d_geometry *g = &c->g;
  gsl_vector *p;
  gsl_matrix *X, *H = gsl_matrix_alloc(c->B, c->nin);
  split_theta(c, theta, 0, &p, &X);
  size_t nw = g->out_channels * g->in_channels * g->kernel * g->kernel;
  gsl_vector_const_view w = gsl_vector_const_subvector(p, 0, nw);
  gsl_vector_const_view b = gsl_vector_const_subvector(p, nw, g->out_channels);
  assert_int_equal(mdl_conv2d_forward(g, &w.vector, &b.vector, X, H), 0);
  unsigned long hash = 1469598103ul;
  for (size_t i = 0; i < H->size1; i++)
    for (size_t j = 0; j < H->size2; j++)
      hash = (hash ^ (gsl_matrix_get(H, i, j) > 0)) * 1099511628211ul;
  gsl_vector_free(p);
  gsl_matrix_free(X);
  gsl_matrix_free(H);
  return hash;
}

static double cd_check(const layer_case *c, gsl_vector *theta, double h,
                       double m, size_t *skipped)
{
  size_t n = theta->size;
  gsl_vector *g = gsl_vector_alloc(n), *gabs = gsl_vector_alloc(n);
  case_grad(c, theta, 0, g);
  case_grad(c, theta, 1, gabs);
  unsigned long base = c->kind == L_RESIDUAL ? relu_pattern(c, theta) : 0;
  double worst = 0;
  for (size_t j = 0; j < n; j++) {
    double t = gsl_vector_get(theta, j), tp = t + h, tm = t - h;
    gsl_vector_set(theta, j, tp);
    double Lp = case_loss(c, theta, 0), Sp = case_loss(c, theta, 1);
    int crossed = c->kind == L_RESIDUAL && relu_pattern(c, theta) != base;
    gsl_vector_set(theta, j, tm);
    double Lm = case_loss(c, theta, 0), Sm = case_loss(c, theta, 1);
    crossed = crossed || (c->kind == L_RESIDUAL && relu_pattern(c, theta) != base);
    gsl_vector_set(theta, j, t);
    if (crossed) {
      (*skipped)++;
      continue;
    }
    double step = tp - tm, cd = (Lp - Lm) / step;
    double tol = 1.01 * (gam(m) * (Sp + Sm) / fabs(step) + gam(3) * fabs(cd) +
                         gam(m) * gsl_vector_get(gabs, j));
    double d = fabs(cd - gsl_vector_get(g, j));
    if (d > 0)
      worst = fmax(worst, d / tol);
  }
  gsl_vector_free(g);
  gsl_vector_free(gabs);
  return worst;
}
#line 2245 "chapters/03-cnn.nw"
static double run_case(gsl_rng *r, layer_kind kind, mdl_conv2d_geometry g,
                       size_t B, double h, size_t *skipped, size_t *coords)
{
  layer_case c = {.kind = kind, .g = g, .B = B};
  size_t k2 = kind == L_CONV1D ? g.kernel : g.kernel * g.kernel;
  size_t OH = kind == L_CONV1D ? 1 : out_size(g.height, g.kernel, g.stride, g.padding);
  size_t OW = out_size(g.width, g.kernel, g.stride, g.padding);
  c.nin = g.in_channels * g.height * g.width;
  double m;
  switch (kind) {
  case L_CONV2D:
  case L_CONV1D:
    c.nout = g.out_channels * OH * OW;
    c.nparams = g.out_channels * g.in_channels * k2 + g.out_channels;
    m = (double)(g.in_channels * k2 + 2 + g.out_channels * k2 + B * c.nout);
    break;
  case L_MAXPOOL:
  case L_AVGPOOL:
    c.nout = g.in_channels * OH * OW;
    m = (double)(k2 + 2 + B * c.nout);
    break;
  case L_GAP:
    c.nout = g.in_channels;
    m = (double)(c.nin + 2 + B * c.nout);
    break;
  default:
    c.nout = c.nin;
    c.nparams = mdl_conv_residual_nparams(&g);
    m = (double)(2 * (g.in_channels * k2 + 2 + g.out_channels * k2) + 2 + B * c.nout);
  }
  c.G = gsl_matrix_alloc(B, c.nout);
  fill(r, c.G);
  gsl_vector *theta = gsl_vector_alloc(c.nparams + B * c.nin);
  fillv(r, theta);
  if (kind == L_MAXPOOL) {
    size_t n = theta->size;
    double *v = malloc(n * sizeof *v);
    for (size_t i = 0; i < n; i++)
      v[i] = ((double)i - (double)n / 2) / 8;
    gsl_ran_shuffle(r, v, n, sizeof *v);
    for (size_t i = 0; i < n; i++)
      gsl_vector_set(theta, i, v[i]);
    free(v);
  }
  double worst = cd_check(&c, theta, h, m, skipped);
  *coords += theta->size;
  gsl_vector_free(theta);
  gsl_matrix_free(c.G);
  return worst;
}
#line 2298 "chapters/03-cnn.nw"
static void test_conv_backward(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3100631);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const char *names[] = {"conv2d", "conv1d", "max pooling", "average pooling",
                         "global average pooling", "residual block"};
  double worst[6] = {0};
  size_t skipped[6] = {0}, coords[6] = {0}, cases[6] = {0};
  for (size_t k = 1; k <= 5; k++)
    for (size_t s = 1; s <= 3; s++)
      for (size_t p = 0; p <= 2; p++) {
        size_t H = k + 1 + gsl_rng_uniform_int(r, 3);
        H = H < 4 ? 4 : H;
        mdl_conv2d_geometry g = {2, 2, H, H + 1, k, s, p};
        worst[0] = fmax(worst[0], run_case(r, L_CONV2D, g, 2, 0.0625,
                                           &skipped[0], &coords[0]));
        cases[0]++;
        mdl_conv2d_geometry g1 = {2, 2, 1, H + 3, k, s, p};
        worst[1] = fmax(worst[1], run_case(r, L_CONV1D, g1, 2, 0.0625,
                                           &skipped[1], &coords[1]));
        cases[1]++;
        if (p <= k / 2) {
          mdl_conv2d_geometry gp = {2, 2, H, H + 1, k, s, p};
          worst[2] = fmax(worst[2], run_case(r, L_MAXPOOL, gp, 2, 1.0 / 64,
                                             &skipped[2], &coords[2]));
          worst[3] = fmax(worst[3], run_case(r, L_AVGPOOL, gp, 2, 0.0625,
                                             &skipped[3], &coords[3]));
          cases[2]++;
          cases[3]++;
        }
      }
  for (size_t H = 1; H <= 4; H++) {
    mdl_conv2d_geometry g = {3, 3, H, H + 2, 1, 1, 0};
    worst[4] = fmax(worst[4], run_case(r, L_GAP, g, 2, 0.0625, &skipped[4],
                                       &coords[4]));
    cases[4]++;
  }
  for (size_t k = 1; k <= 5; k += 2) {
    mdl_conv2d_geometry g = {2, 2, 4, 5, k, 1, (k - 1) / 2};
    worst[5] = fmax(worst[5], run_case(r, L_RESIDUAL, g, 2, 1.0 / 65536,
                                       &skipped[5], &coords[5]));
    cases[5]++;
  }
  char note[200];
  for (int i = 0; i < 6; i++) {
    snprintf(note, sizeof note, "%s: largest |central difference - backward|"
             " over its rounding tolerance, %zu cases, %zu coordinates, %zu"
             " skipped at a kink", names[i], cases[i], coords[i], skipped[i]);
    CLAIM(.id = "cnn.conv-backward", .kind = CLAIM_BOUND,
          .relation = CLAIM_AT_MOST, .measured = worst[i], .reference = 1,
          .tolerance = 0, .samples = coords[i], .seed = seed, .note = note);
  }
  CLAIM(.id = "cnn.conv-backward", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = (double)skipped[5],
        .reference = 0.1 * (double)coords[5], .tolerance = 0,
        .samples = coords[5], .seed = seed,
        .note = "residual block: coordinates skipped at a kink, at most a"
                " tenth of all");
  gsl_rng_free(r);
}





#line 2385 "chapters/03-cnn.nw"
#define ERR(id, code, call, untouched_expr, what)                             \
  do {                                                                        \
    claim_expect_error();                                                     \
    int status_ = (call);                                                     \
    CLAIM(.id = (id), .kind = CLAIM_ERROR, .measured = status_,               \
          .reference = (code), .untouched = (untouched_expr),                 \
          .note = (what));                                                    \
  } while (0)

static const double SENT = -7.125;

static int same_vec(const gsl_vector *v)
{
  return v == NULL || claim_all_equal(v, SENT);
}

static int same_mat(const gsl_matrix *m)
{
  return m == NULL || claim_all_equal_matrix(m, SENT);
}

static gsl_matrix *sent_mat(size_t r, size_t c)
{
  gsl_matrix *m = gsl_matrix_alloc(r, c);
  gsl_matrix_set_all(m, SENT);
  return m;
}

static gsl_vector *sent_vec(size_t n)
{
  gsl_vector *v = gsl_vector_alloc(n);
  gsl_vector_set_all(v, SENT);
  return v;
}

static gsl_matrix *ones_mat(size_t r, size_t c, double x)
{
  gsl_matrix *m = gsl_matrix_alloc(r, c);
  gsl_matrix_set_all(m, x);
  return m;
}

static gsl_vector *ones_vec(size_t n, double x)
{
  gsl_vector *v = gsl_vector_alloc(n);
  gsl_vector_set_all(v, x);
  return v;
}
#line 2438 "chapters/03-cnn.nw"
static void test_conv_errors(void **state)
{
  (void)state;
  const char *id = "cnn.conv-errors";
  mdl_conv2d_geometry g = {2, 3, 5, 4, 3, 2, 1};
  gsl_matrix *X = ones_mat(2, 40, 0.5), *dY = ones_mat(2, 18, 0.25);
  gsl_vector *w = ones_vec(54, 0.1), *b = ones_vec(3, 0.3);
  gsl_matrix *Y = sent_mat(2, 18), *dX = sent_mat(2, 40);
  gsl_vector *dw = sent_vec(54), *db = sent_vec(3);
  gsl_matrix *Xbad = ones_mat(2, 39, 0.5), *Ybad = sent_mat(3, 18);
  gsl_vector *wbad = ones_vec(53, 0.1), *bbad = ones_vec(2, 0.1);
  size_t oh = 99, ow = 99;
#define UNTOUCHED (same_mat(Y) && same_mat(dX) && same_vec(dw) && same_vec(db) && oh == 99 && ow == 99)
  ERR(id, GSL_EFAULT, mdl_conv2d_output_size(NULL, &oh, &ow), UNTOUCHED,
      "output_size: the geometry is NULL");
  ERR(id, GSL_EFAULT, mdl_conv2d_output_size(&g, NULL, &ow), UNTOUCHED,
      "output_size: out_h is NULL");
  const struct { mdl_conv2d_geometry g; const char *what; } bad[] = {
    {{0, 3, 5, 4, 3, 2, 1}, "0 input channels"},
    {{2, 0, 5, 4, 3, 2, 1}, "0 output channels"},
    {{2, 3, 0, 4, 3, 2, 1}, "height 0"},
    {{2, 3, 5, 0, 3, 2, 1}, "width 0"},
    {{2, 3, 5, 4, 0, 2, 1}, "kernel 0"},
    {{2, 3, 5, 4, 3, 0, 1}, "stride 0"},
    {{2, 3, 5, 4, 7, 1, 1}, "kernel 7 larger than the padded 7 x 6 image"},
    {{2, 3, 5, 4, 5, 1, 0}, "kernel 5 larger than the unpadded 5 x 4 image"}};
  char note[160];
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    snprintf(note, sizeof note, "output_size: %s", bad[i].what);
    ERR(id, GSL_EINVAL, mdl_conv2d_output_size(&bad[i].g, &oh, &ow),
        UNTOUCHED, note);
    snprintf(note, sizeof note, "forward: %s", bad[i].what);
    ERR(id, GSL_EINVAL, mdl_conv2d_forward(&bad[i].g, w, b, X, Y), UNTOUCHED,
        note);
    snprintf(note, sizeof note, "backward: %s", bad[i].what);
    ERR(id, GSL_EINVAL, mdl_conv2d_backward(&bad[i].g, w, X, dY, dw, db, dX),
        UNTOUCHED, note);
  }
  ERR(id, GSL_EFAULT, mdl_conv2d_forward(NULL, w, b, X, Y), UNTOUCHED,
      "forward: geometry NULL");
  ERR(id, GSL_EFAULT, mdl_conv2d_forward(&g, NULL, b, X, Y), UNTOUCHED,
      "forward: weights NULL");
  ERR(id, GSL_EFAULT, mdl_conv2d_forward(&g, w, b, NULL, Y), UNTOUCHED,
      "forward: X NULL");
  ERR(id, GSL_EFAULT, mdl_conv2d_forward(&g, w, b, X, NULL), UNTOUCHED,
      "forward: Y NULL");
  ERR(id, GSL_EBADLEN, mdl_conv2d_forward(&g, wbad, b, X, Y), UNTOUCHED,
      "forward: 53 weights, expected 54");
  ERR(id, GSL_EBADLEN, mdl_conv2d_forward(&g, w, bbad, X, Y), UNTOUCHED,
      "forward: 2 biases, expected 3");
  ERR(id, GSL_EBADLEN, mdl_conv2d_forward(&g, w, b, Xbad, Y), UNTOUCHED,
      "forward: X has 39 columns, expected 40");
  ERR(id, GSL_EBADLEN, mdl_conv2d_forward(&g, w, b, X, dX), UNTOUCHED,
      "forward: Y has 40 columns, expected 18");
  ERR(id, GSL_EBADLEN, mdl_conv2d_forward(&g, w, b, X, Ybad), UNTOUCHED,
      "forward: Y has 3 rows, X 2");
  ERR(id, GSL_EFAULT, mdl_conv2d_backward(&g, NULL, X, dY, dw, db, dX),
      UNTOUCHED, "backward: weights NULL");
  ERR(id, GSL_EFAULT, mdl_conv2d_backward(&g, w, NULL, dY, dw, db, dX),
      UNTOUCHED, "backward: X NULL");
  ERR(id, GSL_EFAULT, mdl_conv2d_backward(&g, w, X, NULL, dw, db, dX),
      UNTOUCHED, "backward: dY NULL");
  ERR(id, GSL_EBADLEN, mdl_conv2d_backward(&g, w, X, dY, wbad, db, dX),
      UNTOUCHED, "backward: dweights has 53 entries");
  ERR(id, GSL_EBADLEN, mdl_conv2d_backward(&g, w, X, dY, dw, bbad, dX),
      UNTOUCHED, "backward: dbias has 2 entries");
  ERR(id, GSL_EBADLEN, mdl_conv2d_backward(&g, w, X, dY, dw, db, Xbad),
      UNTOUCHED, "backward: dX has 39 columns");
  ERR(id, GSL_EBADLEN, mdl_conv2d_backward(&g, w, X, Ybad, dw, db, dX),
      UNTOUCHED, "backward: dY has 3 rows");
  const double nonfinite[2] = {NAN, HUGE_VAL};
  for (int k = 0; k < 2; k++) {
    const char *nm = k ? "an infinity" : "a NaN";
    gsl_matrix_set(X, 1, 17, nonfinite[k]);
    snprintf(note, sizeof note, "forward: %s in X", nm);
    ERR(id, GSL_EDOM, mdl_conv2d_forward(&g, w, b, X, Y), UNTOUCHED, note);
    snprintf(note, sizeof note, "backward: %s in X", nm);
    ERR(id, GSL_EDOM, mdl_conv2d_backward(&g, w, X, dY, dw, db, dX), UNTOUCHED,
        note);
    gsl_matrix_set(X, 1, 17, 0.5);
    gsl_vector_set(w, 7, nonfinite[k]);
    snprintf(note, sizeof note, "forward: %s in the weights", nm);
    ERR(id, GSL_EDOM, mdl_conv2d_forward(&g, w, b, X, Y), UNTOUCHED, note);
    gsl_vector_set(w, 7, 0.1);
    gsl_vector_set(b, 2, nonfinite[k]);
    snprintf(note, sizeof note, "forward: %s in the bias", nm);
    ERR(id, GSL_EDOM, mdl_conv2d_forward(&g, w, b, X, Y), UNTOUCHED, note);
    gsl_vector_set(b, 2, 0.3);
    gsl_matrix_set(dY, 0, 5, nonfinite[k]);
    snprintf(note, sizeof note, "backward: %s in dY", nm);
    ERR(id, GSL_EDOM, mdl_conv2d_backward(&g, w, X, dY, dw, db, dX), UNTOUCHED,
        note);
    gsl_matrix_set(dY, 0, 5, 0.25);
  }
#line 2553 "chapters/03-cnn.nw"
  {
    mdl_conv1d_geometry g1 = {2, 3, 10, 3, 2, 1};
    mdl_conv1d_geometry z1 = {2, 3, 10, 3, 0, 1};
    mdl_conv1d_geometry big = {2, 3, 10, 13, 1, 1};
    gsl_matrix *X1 = ones_mat(2, 20, 0.5), *dY1 = ones_mat(2, 15, 0.5);
    gsl_matrix *Y1 = sent_mat(2, 15), *dX1 = sent_mat(2, 20);
    gsl_vector *w1 = ones_vec(18, 0.2), *dw1 = sent_vec(18);
  #define UNTOUCHED1 (same_mat(Y1) && same_mat(dX1) && same_vec(dw1))
    ERR(id, GSL_EFAULT, mdl_conv1d_forward(NULL, w1, NULL, X1, Y1), UNTOUCHED1,
        "conv1d forward: geometry NULL");
    ERR(id, GSL_EINVAL, mdl_conv1d_forward(&z1, w1, NULL, X1, Y1), UNTOUCHED1,
        "conv1d forward: stride 0");
    ERR(id, GSL_EINVAL, mdl_conv1d_forward(&big, w1, NULL, X1, Y1), UNTOUCHED1,
        "conv1d forward: kernel 13 longer than the padded length 12");
    ERR(id, GSL_EBADLEN, mdl_conv1d_forward(&g1, w1, NULL, X1, dX1), UNTOUCHED1,
        "conv1d forward: Y has 20 columns, expected 15");
    ERR(id, GSL_EBADLEN, mdl_conv1d_backward(&g1, w1, X1, dY1, dw1, NULL, dY1),
        UNTOUCHED1, "conv1d backward: dX has 15 columns, expected 20");
    gsl_matrix_set(X1, 0, 3, NAN);
    ERR(id, GSL_EDOM, mdl_conv1d_backward(&g1, w1, X1, dY1, dw1, NULL, dX1),
        UNTOUCHED1, "conv1d backward: a NaN in X");
    ERR(id, GSL_EDOM, mdl_conv1d_forward(&g1, w1, NULL, X1, Y1), UNTOUCHED1,
        "conv1d forward: a NaN in X");
  #undef UNTOUCHED1
    gsl_matrix_free(X1);
    gsl_matrix_free(dY1);
    gsl_matrix_free(Y1);
    gsl_matrix_free(dX1);
    gsl_vector_free(w1);
    gsl_vector_free(dw1);
  }
#line 2533 "chapters/03-cnn.nw"
#undef UNTOUCHED
  gsl_matrix_free(X);
  gsl_matrix_free(dY);
  gsl_matrix_free(Y);
  gsl_matrix_free(dX);
  gsl_matrix_free(Xbad);
  gsl_matrix_free(Ybad);
  gsl_vector_free(w);
  gsl_vector_free(b);
  gsl_vector_free(dw);
  gsl_vector_free(db);
  gsl_vector_free(wbad);
  gsl_vector_free(bbad);
}
#line 2595 "chapters/03-cnn.nw"
static void test_layer_errors(void **state)
{
  (void)state;
  const char *id = "cnn.layer-errors";
  mdl_pool2d_geometry pg = {2, 5, 4, 3, 2, 1};
  mdl_pool2d_geometry pbad[] = {{2, 5, 4, 3, 0, 1}, {2, 5, 4, 3, 2, 2},
                                {0, 5, 4, 3, 2, 1}, {2, 5, 4, 8, 2, 1}};
  const char *pwhat[] = {"stride 0", "padding 2 > kernel 3 / 2", "0 channels",
                         "kernel 8 larger than the padded image"};
  gsl_matrix *X = ones_mat(2, 40, 0.5), *dY = ones_mat(2, 12, 0.5);
  gsl_matrix *Y = sent_mat(2, 12), *dX = sent_mat(2, 40);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  char note[160];
  size_t oh = 99, ow = 99;
#define UT (same_mat(Y) && same_mat(dX) && oh == 99 && ow == 99)
  for (int i = 0; i < 4; i++) {
    snprintf(note, sizeof note, "pool output_size: %s", pwhat[i]);
    ERR(id, GSL_EINVAL, mdl_pool2d_output_size(&pbad[i], &oh, &ow), UT, note);
    snprintf(note, sizeof note, "max pool forward: %s", pwhat[i]);
    ERR(id, GSL_EINVAL, mdl_pool2d_max_forward(&pbad[i], X, Y), UT, note);
    snprintf(note, sizeof note, "avg pool backward: %s", pwhat[i]);
    ERR(id, GSL_EINVAL, mdl_pool2d_avg_backward(&pbad[i], dY, dX), UT, note);
  }
  ERR(id, GSL_EFAULT, mdl_pool2d_max_forward(NULL, X, Y), UT,
      "max pool forward: geometry NULL");
  ERR(id, GSL_EFAULT, mdl_pool2d_avg_forward(&pg, NULL, Y), UT,
      "avg pool forward: X NULL");
  ERR(id, GSL_EFAULT, mdl_pool2d_max_backward(&pg, X, NULL, dX), UT,
      "max pool backward: dY NULL");
  ERR(id, GSL_EBADLEN, mdl_pool2d_max_forward(&pg, X, dX), UT,
      "max pool forward: Y has 40 columns, expected 12");
  ERR(id, GSL_EBADLEN, mdl_pool2d_max_backward(&pg, X, X, dX), UT,
      "max pool backward: dY has 40 columns, expected 12");
  ERR(id, GSL_EBADLEN, mdl_pool2d_avg_forward(&pg, dY, Y), UT,
      "avg pool forward: X has 12 columns, expected 40");
  gsl_matrix_set(X, 1, 9, NAN);
  ERR(id, GSL_EDOM, mdl_pool2d_max_forward(&pg, X, Y), UT,
      "max pool forward: a NaN in X");
  ERR(id, GSL_EDOM, mdl_pool2d_avg_forward(&pg, X, Y), UT,
      "avg pool forward: a NaN in X");
  gsl_matrix *Yc = sent_mat(2, 2);
  ERR(id, GSL_EDOM, mdl_conv_global_avg_pool(2, X, Yc), UT && same_mat(Yc),
      "global average pool: a NaN in X");
  gsl_matrix_free(Yc);
  gsl_matrix_set(X, 1, 9, 0.5);
  gsl_matrix_set(dY, 0, 1, -HUGE_VAL);
  ERR(id, GSL_EDOM, mdl_pool2d_max_backward(&pg, X, dY, dX), UT,
      "max pool backward: an infinity in dY");
  ERR(id, GSL_EDOM, mdl_pool2d_avg_backward(&pg, dY, dX), UT,
      "avg pool backward: an infinity in dY");
  gsl_matrix_set(dY, 0, 1, 0.5);
  ERR(id, GSL_EBADLEN, mdl_conv_global_avg_pool(3, X, Y), UT,
      "global average pool: 40 columns are not 3 channels");
  ERR(id, GSL_EBADLEN, mdl_conv_global_avg_pool(2, X, Y), UT,
      "global average pool: Y has 12 columns, expected 2");
  ERR(id, GSL_EFAULT, mdl_conv_global_avg_pool_backward(2, NULL, dX), UT,
      "global average pool backward: dY NULL");
#line 2664 "chapters/03-cnn.nw"
  {
    gsl_vector *g2 = ones_vec(2, 1.5), *b2 = ones_vec(2, 0.5);
    gsl_vector *g40 = ones_vec(40, 1.5), *b40 = ones_vec(40, 0.5);
    gsl_vector *dg = sent_vec(40), *db = sent_vec(40);
    gsl_matrix *Z = sent_mat(2, 40), *M = sent_mat(2, 40);
    gsl_matrix *Xv = gsl_matrix_alloc(2, 40);
    for (size_t j = 0; j < 40; j++) {
      gsl_matrix_set(Xv, 0, j, 0.25 * (double)j);
      gsl_matrix_set(Xv, 1, j, -0.5 * (double)j);
    }
  #define UTN (same_mat(Z) && same_mat(M) && same_vec(dg) && same_vec(db))
    ERR(id, GSL_EFAULT, mdl_conv_batchnorm_forward(2, 1e-5, NULL, b2, Xv, Z),
        UTN, "batchnorm forward: gamma NULL");
    ERR(id, GSL_EINVAL, mdl_conv_batchnorm_forward(2, -1e-5, g2, b2, Xv, Z),
        UTN, "batchnorm forward: eps -1e-5");
    ERR(id, GSL_EINVAL, mdl_conv_batchnorm_forward(2, NAN, g2, b2, Xv, Z), UTN,
        "batchnorm forward: eps NaN");
    ERR(id, GSL_EBADLEN, mdl_conv_batchnorm_forward(3, 1e-5, g2, b2, Xv, Z),
        UTN, "batchnorm forward: 40 columns are not 3 channels");
    ERR(id, GSL_EBADLEN, mdl_conv_batchnorm_forward(2, 1e-5, g40, b2, Xv, Z),
        UTN, "batchnorm forward: gamma has 40 entries, expected 2");
    ERR(id, GSL_EDOM, mdl_conv_batchnorm_forward(2, 0, g2, b2, X, Z), UTN,
        "batchnorm forward: a constant channel with eps 0");
    ERR(id, GSL_EBADLEN, mdl_conv_batchnorm_backward(2, 1e-5, g2, Xv, Xv, Y, NULL,
                                                     NULL), UTN && same_mat(Y),
        "batchnorm backward: dX has 12 columns, expected 40");
    gsl_matrix_set(Xv, 1, 3, NAN);
    ERR(id, GSL_EDOM, mdl_conv_batchnorm_forward(2, 1e-5, g2, b2, Xv, Z), UTN,
        "batchnorm forward: a NaN in X");
    ERR(id, GSL_EDOM, mdl_conv_layernorm_forward(1e-5, g40, b40, Xv, Z), UTN,
        "layernorm forward: a NaN in X");
    ERR(id, GSL_EDOM, mdl_conv_layernorm_backward(1e-5, g40, Xv, Xv, Z, dg, db),
        UTN, "layernorm backward: a NaN in X");
    gsl_matrix_set(Xv, 1, 3, -1.5);
    ERR(id, GSL_EBADLEN, mdl_conv_layernorm_forward(1e-5, g2, b2, Xv, Z), UTN,
        "layernorm forward: gamma has 2 entries, expected 40");
    ERR(id, GSL_EDOM, mdl_conv_layernorm_forward(0, g40, b40, X, Z), UTN,
        "layernorm forward: a constant row with eps 0");
    ERR(id, GSL_EINVAL, mdl_conv_layernorm_backward(HUGE_VAL, g40, Xv, Xv, Z, dg,
                                                    db), UTN,
        "layernorm backward: eps infinite");
    ERR(id, GSL_EFAULT, mdl_conv_layernorm_backward(1e-5, g40, Xv, NULL, Z, dg,
                                                    db), UTN,
        "layernorm backward: dY NULL");
    ERR(id, GSL_EFAULT, mdl_conv_dropout(0.5, NULL, Xv, M, Z), UTN,
        "dropout: r NULL");
    ERR(id, GSL_EDOM, mdl_conv_dropout(1.5, r, Xv, M, Z), UTN,
        "dropout: p = 1.5");
    ERR(id, GSL_EDOM, mdl_conv_dropout(NAN, r, Xv, M, Z), UTN, "dropout: p NaN");
    ERR(id, GSL_EBADLEN, mdl_conv_dropout(0.5, r, Xv, Y, Z), UTN && same_mat(Y),
        "dropout: mask is 2 x 12, X 2 x 40");
    gsl_matrix_set(Xv, 0, 0, HUGE_VAL);
    ERR(id, GSL_EDOM, mdl_conv_dropout(0.5, r, Xv, M, Z), UTN,
        "dropout: an infinity in X");
  #undef UTN
    gsl_vector_free(g2);
    gsl_vector_free(b2);
    gsl_vector_free(g40);
    gsl_vector_free(b40);
    gsl_vector_free(dg);
    gsl_vector_free(db);
    gsl_matrix_free(Z);
    gsl_matrix_free(M);
    gsl_matrix_free(Xv);
  }
#line 2653 "chapters/03-cnn.nw"
#line 2732 "chapters/03-cnn.nw"
  {
    mdl_conv2d_geometry rg = {2, 2, 5, 4, 3, 1, 1};
    mdl_conv2d_geometry rbad[] = {{2, 3, 5, 4, 3, 1, 1}, {2, 2, 5, 4, 3, 2, 1},
                                  {2, 2, 5, 4, 2, 1, 1}, {2, 2, 5, 4, 3, 1, 0}};
    const char *rwhat[] = {"2 -> 3 channels", "stride 2", "even kernel 2",
                           "padding 0 with kernel 3"};
    size_t n = mdl_conv_residual_nparams(&rg);
    gsl_vector *th = ones_vec(n, 0.1), *dth = sent_vec(n), *thb = ones_vec(n - 1, 0.1);
    gsl_matrix *Z = sent_mat(2, 40);
  #define UTR (same_mat(Z) && same_vec(dth))
    for (int i = 0; i < 4; i++) {
      snprintf(note, sizeof note, "residual forward: %s", rwhat[i]);
      ERR(id, GSL_EINVAL, mdl_conv_residual_forward(&rbad[i], th, X, Z), UTR,
          note);
    }
    CLAIM(.id = id, .kind = CLAIM_IDENTITY,
          .measured = (double)mdl_conv_residual_nparams(&rbad[0]), .reference = 0,
          .tolerance = 0, .note = "residual nparams of an invalid geometry is 0");
    ERR(id, GSL_EBADLEN, mdl_conv_residual_forward(&rg, thb, X, Z), UTR,
        "residual forward: theta has one entry too few");
    ERR(id, GSL_EFAULT, mdl_conv_residual_backward(&rg, th, X, NULL, dth, Z),
        UTR, "residual backward: dY NULL");
    ERR(id, GSL_EBADLEN, mdl_conv_residual_backward(&rg, th, X, X, thb, Z), UTR,
        "residual backward: dtheta has one entry too few");
    gsl_vector_set(th, 4, NAN);
    ERR(id, GSL_EDOM, mdl_conv_residual_backward(&rg, th, X, X, dth, Z), UTR,
        "residual backward: a NaN in theta");
  #undef UTR
    gsl_vector_free(th);
    gsl_vector_free(dth);
    gsl_vector_free(thb);
    gsl_matrix_free(Z);
    gsl_vector *w = ones_vec(2 * 3 * 9, 0.1), *sv = sent_vec(4 * 4 * 2);
    gsl_vector *svb = sent_vec(31);
  #define UTS (same_vec(sv) && same_vec(svb))
    ERR(id, GSL_EINVAL, mdl_conv_circular_singular_values(2, 3, 2, 3, w, sv),
        UTS, "singular values: kernel 3 larger than n = 2");
    ERR(id, GSL_EINVAL, mdl_conv_circular_singular_values(0, 3, 4, 3, w, sv),
        UTS, "singular values: 0 output channels");
    ERR(id, GSL_EBADLEN, mdl_conv_circular_singular_values(2, 3, 4, 3, w, svb),
        UTS, "singular values: sv has 31 entries, expected 32");
    ERR(id, GSL_EFAULT, mdl_conv_circular_singular_values(2, 3, 4, 3, NULL, sv),
        UTS, "singular values: weights NULL");
    gsl_vector_set(w, 0, NAN);
    ERR(id, GSL_EDOM, mdl_conv_circular_singular_values(2, 3, 4, 3, w, sv),
        UTS, "singular values: a NaN weight");
  #undef UTS
    gsl_vector_free(w);
    gsl_vector_free(sv);
    gsl_vector_free(svb);
    gsl_matrix *A = ones_mat(3, 3, 1), *Ah = sent_mat(3, 3), *A23 = ones_mat(2, 3, 1);
    gsl_matrix *F = ones_mat(3, 2, 1), *T = ones_mat(2, 4, 1), *Yg = sent_mat(3, 4);
  #define UTG (same_mat(Ah) && same_mat(Yg))
    ERR(id, GSL_ENOTSQR, mdl_conv_graph_renormalize(A23, Ah), UTG,
        "renormalize: A is 2 x 3");
    ERR(id, GSL_EFAULT, mdl_conv_graph_renormalize(NULL, Ah), UTG,
        "renormalize: A NULL");
    gsl_matrix_set(A, 0, 2, 2);
    ERR(id, GSL_EDOM, mdl_conv_graph_renormalize(A, Ah), UTG,
        "renormalize: A[0][2] = 2 but A[2][0] = 1");
    gsl_matrix_set(A, 0, 2, -1);
    gsl_matrix_set(A, 2, 0, -1);
    ERR(id, GSL_EDOM, mdl_conv_graph_renormalize(A, Ah), UTG,
        "renormalize: a negative weight");
    gsl_matrix_set(A, 0, 2, NAN);
    ERR(id, GSL_EDOM, mdl_conv_graph_renormalize(A, Ah), UTG,
        "renormalize: a NaN weight");
    gsl_matrix_set_all(A, 1);
    ERR(id, GSL_EBADLEN, mdl_conv_graph_forward(A, F, F, Yg), UTG,
        "graph forward: Theta 3 x 2 after X 3 x 2");
    ERR(id, GSL_EFAULT, mdl_conv_graph_forward(A, F, T, NULL), UTG,
        "graph forward: Y NULL");
    gsl_matrix_set(F, 1, 1, NAN);
    ERR(id, GSL_EDOM, mdl_conv_graph_forward(A, F, T, Yg), UTG,
        "graph forward: a NaN in X");
  #undef UTG
    gsl_matrix_free(A);
    gsl_matrix_free(Ah);
    gsl_matrix_free(A23);
    gsl_matrix_free(F);
    gsl_matrix_free(T);
    gsl_matrix_free(Yg);
    gsl_vector *x = ones_vec(4, 1), *h = ones_vec(3, 1), *y6 = sent_vec(6),
               *y4 = sent_vec(4), *y5 = sent_vec(5);
    gsl_matrix *P = sent_mat(2, 2 * 7 * 6);
  #define UTC (same_vec(y6) && same_vec(y4) && same_vec(y5) && same_mat(P))
    ERR(id, GSL_EBADLEN, mdl_conv_full(x, h, y5), UTC,
        "full convolution: y has 5 entries, expected 6");
    ERR(id, GSL_EFAULT, mdl_conv_full(NULL, h, y6), UTC,
        "full convolution: x NULL");
    ERR(id, GSL_EBADLEN, mdl_conv_circular(x, h, y4), UTC,
        "circular convolution: lengths 4 and 3");
    gsl_vector_set(x, 2, NAN);
    ERR(id, GSL_EDOM, mdl_conv_circular(x, x, y4), UTC,
        "circular convolution: a NaN in x");
    ERR(id, GSL_EDOM, mdl_conv_full(h, x, y6), UTC,
        "full convolution: a NaN in h");
    ERR(id, GSL_EINVAL, mdl_conv_circular_pad(2, 5, 4, 5, X, P), UTC,
        "circular pad: padding 5 exceeds the 5 x 4 image");
    ERR(id, GSL_EBADLEN, mdl_conv_circular_pad(2, 5, 4, 2, X, P), UTC,
        "circular pad: Xpad has 84 columns, padding 2 needs 144");
  #undef UTC
    gsl_vector_free(x);
    gsl_vector_free(h);
    gsl_vector_free(y6);
    gsl_vector_free(y4);
    gsl_vector_free(y5);
    gsl_matrix_free(P);
  }
#line 2654 "chapters/03-cnn.nw"
#undef UT
  gsl_matrix_free(X);
  gsl_matrix_free(dY);
  gsl_matrix_free(Y);
  gsl_matrix_free(dX);
  gsl_rng_free(r);
}

#line 1783 "chapters/03-cnn.nw"
int main(void)
{
  const struct CMUnitTest tests[] = {
#line 1965 "chapters/03-cnn.nw"
    cmocka_unit_test(test_conv_forward),
#line 2363 "chapters/03-cnn.nw"
    cmocka_unit_test(test_conv_backward),
#line 2587 "chapters/03-cnn.nw"
    cmocka_unit_test(test_conv_errors),
    cmocka_unit_test(test_layer_errors),
#line 1787 "chapters/03-cnn.nw"
  };
  claim_init();
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int failed = cmocka_run_group_tests_name("cnn", tests, NULL, NULL);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("test-cnn: %.2f s\n",
         (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));
  return failed;
}
