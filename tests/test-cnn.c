#line 2038 "chapters/03-cnn.nw"
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
#include <mdl/net.h>
#include <mdl/optim.h>
#include "claims.h"
#line 2062 "chapters/03-cnn.nw"
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
#line 2125 "chapters/03-cnn.nw"
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
#line 2148 "chapters/03-cnn.nw"
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
          worst = claim_fmax(worst, tol > 0 ? d / tol : HUGE_VAL);
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
#line 2754 "chapters/03-cnn.nw"
static void int_vec(gsl_rng *r, gsl_vector *v)
{
  for (size_t i = 0; i < v->size; i++)
    gsl_vector_set(v, i, (double)gsl_rng_uniform_int(r, 17) - 8);
}

static size_t count_diff(const gsl_vector *a, const gsl_vector *b)
{
  size_t n = 0;
  for (size_t i = 0; i < a->size; i++)
    n += gsl_vector_get(a, i) != gsl_vector_get(b, i);
  return n;
}

static void test_conv_algebra(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3101009);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { TRIPLES = 300 };
  size_t diff[6] = {0}, flipdiff = 0;
  for (int t = 0; t < TRIPLES; t++) {
    size_t n = 1 + gsl_rng_uniform_int(r, 16), m = 1 + gsl_rng_uniform_int(r, 8);
    size_t q = 1 + gsl_rng_uniform_int(r, 8);
    gsl_vector *x = gsl_vector_alloc(n), *h = gsl_vector_alloc(m),
               *g = gsl_vector_alloc(m), *f = gsl_vector_alloc(q);
    int_vec(r, x);
    int_vec(r, h);
    int_vec(r, g);
    int_vec(r, f);
    double al = (double)gsl_rng_uniform_int(r, 7) - 3, be = (double)gsl_rng_uniform_int(r, 7) - 3;
    gsl_vector *xh = gsl_vector_alloc(n + m - 1), *hx = gsl_vector_alloc(n + m - 1);
    gsl_vector *xg = gsl_vector_alloc(n + m - 1), *comb = gsl_vector_alloc(m);
    gsl_vector *xc = gsl_vector_alloc(n + m - 1), *lhs = gsl_vector_alloc(n + m + q - 2);
    gsl_vector *hf = gsl_vector_alloc(m + q - 1), *rhs = gsl_vector_alloc(n + m + q - 2);
    mdl_conv_full(x, h, xh);
    mdl_conv_full(h, x, hx);
    mdl_conv_full(x, g, xg);
    gsl_vector_memcpy(comb, h);
    gsl_vector_scale(comb, al);
    gsl_blas_daxpy(be, g, comb);
    mdl_conv_full(x, comb, xc);
    gsl_vector_scale(xh, al);
    gsl_blas_daxpy(be, xg, xh);
    diff[0] += count_diff(xc, xh);
    mdl_conv_full(x, h, xh);
    diff[1] += count_diff(xh, hx);
    mdl_conv_full(xh, f, lhs);
    mdl_conv_full(h, f, hf);
    mdl_conv_full(x, hf, rhs);
    diff[2] += count_diff(lhs, rhs);
#line 2841 "chapters/03-cnn.nw"
    {
      gsl_vector *a = gsl_vector_alloc(n), *b = gsl_vector_alloc(n),
                 *c = gsl_vector_alloc(n), *ab = gsl_vector_alloc(n),
                 *ba = gsl_vector_alloc(n), *t1 = gsl_vector_alloc(n),
                 *t2 = gsl_vector_alloc(n), *bc = gsl_vector_alloc(n);
      int_vec(r, a);
      int_vec(r, b);
      int_vec(r, c);
      mdl_conv_circular(a, b, ab);
      mdl_conv_circular(b, a, ba);
      diff[4] += count_diff(ab, ba);
      mdl_conv_circular(ab, c, t1);
      mdl_conv_circular(b, c, bc);
      mdl_conv_circular(a, bc, t2);
      diff[5] += count_diff(t1, t2);
      gsl_vector_memcpy(t1, b);
      gsl_vector_scale(t1, al);
      gsl_blas_daxpy(be, c, t1);
      mdl_conv_circular(a, t1, t2);
      mdl_conv_circular(a, c, t1);
      gsl_vector_scale(ab, al);
      gsl_blas_daxpy(be, t1, ab);
      diff[3] += count_diff(ab, t2);
      gsl_vector_free(a);
      gsl_vector_free(b);
      gsl_vector_free(c);
      gsl_vector_free(ab);
      gsl_vector_free(ba);
      gsl_vector_free(t1);
      gsl_vector_free(t2);
      gsl_vector_free(bc);
    }
#line 2807 "chapters/03-cnn.nw"
#line 2876 "chapters/03-cnn.nw"
    {
      mdl_conv1d_geometry g1 = {1, 1, n, m, 1, m - 1};
      gsl_matrix_view X1 = gsl_matrix_view_vector(x, 1, n);
      gsl_matrix *Y1 = gsl_matrix_alloc(1, n + m - 1);
      gsl_vector *flipped = gsl_vector_alloc(m);
      for (size_t j = 0; j < m; j++)
        gsl_vector_set(flipped, j, gsl_vector_get(h, m - 1 - j));
      assert_int_equal(mdl_conv1d_forward(&g1, h, NULL, &X1.matrix, Y1), 0);
      mdl_conv_full(x, flipped, xh);
      gsl_vector_view y1 = gsl_matrix_row(Y1, 0);
      flipdiff += count_diff(&y1.vector, xh);
      gsl_matrix_free(Y1);
      gsl_vector_free(flipped);
    }
#line 2808 "chapters/03-cnn.nw"
    gsl_vector_free(x);
    gsl_vector_free(h);
    gsl_vector_free(g);
    gsl_vector_free(f);
    gsl_vector_free(xh);
    gsl_vector_free(hx);
    gsl_vector_free(xg);
    gsl_vector_free(comb);
    gsl_vector_free(xc);
    gsl_vector_free(lhs);
    gsl_vector_free(hf);
    gsl_vector_free(rhs);
  }
  const char *what[6] = {"full: linearity", "full: commutativity",
                         "full: associativity", "circular: linearity",
                         "circular: commutativity", "circular: associativity"};
  char note[160];
  for (int i = 0; i < 6; i++) {
    snprintf(note, sizeof note, "%s, entries that differ over %d random"
             " integer triples", what[i], TRIPLES);
    CLAIM(.id = "cnn.conv-algebra", .kind = CLAIM_IDENTITY,
          .measured = (double)diff[i], .reference = 0, .tolerance = 0,
          .samples = TRIPLES, .seed = seed, .note = note);
  }
  CLAIM(.id = "cnn.flip", .kind = CLAIM_IDENTITY, .measured = (double)flipdiff,
        .reference = 0, .tolerance = 0, .samples = TRIPLES, .seed = seed,
        .note = "entries where the conv1d layer (padding k-1) differs from"
                " x * reversed kernel, integer sequences");
  gsl_rng_free(r);
}
#line 2972 "chapters/03-cnn.nw"
#include <gsl/gsl_fft_complex.h>

static void fft(const gsl_vector *x, double *z)
{
  size_t N = x->size;
  for (size_t t = 0; t < N; t++) {
    z[2 * t] = gsl_vector_get(x, t);
    z[2 * t + 1] = 0;
  }
  gsl_fft_complex_wavetable *wt = gsl_fft_complex_wavetable_alloc(N);
  gsl_fft_complex_workspace *ws = gsl_fft_complex_workspace_alloc(N);
  assert_int_equal(gsl_fft_complex_forward(z, 1, N, wt, ws), 0);
  gsl_fft_complex_wavetable_free(wt);
  gsl_fft_complex_workspace_free(ws);
}

static void test_convolution_theorem(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3101213);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const double u = DBL_EPSILON / 2, mu = 2 * M_PI * gam(2) + 2 * u;
  const double eta = mu + gam(4) * (sqrt(2) + mu);
  double worst = 0;
  int cases = 0;
  for (int j = 1; j <= 9; j++)
    for (int rep = 0; rep < 5; rep++, cases++) {
      size_t N = (size_t)1 << j;
      gsl_vector *x = gsl_vector_alloc(N), *h = gsl_vector_alloc(N),
                 *c = gsl_vector_alloc(N);
      int_vec(r, x);
      int_vec(r, h);
      mdl_conv_circular(x, h, c);
      double *X = malloc(2 * N * sizeof *X), *Hh = malloc(2 * N * sizeof *Hh),
             *Cc = malloc(2 * N * sizeof *Cc);
      fft(x, X);
      fft(h, Hh);
      fft(c, Cc);
      double diff = 0, nC = 0, nX = 0, nH = 0, mX = 0, mH = 0, nP = 0;
      for (size_t k = 0; k < N; k++) {
        double pr = X[2 * k] * Hh[2 * k] - X[2 * k + 1] * Hh[2 * k + 1];
        double pi = X[2 * k] * Hh[2 * k + 1] + X[2 * k + 1] * Hh[2 * k];
        diff += gsl_pow_2(Cc[2 * k] - pr) + gsl_pow_2(Cc[2 * k + 1] - pi);
        nC += gsl_pow_2(Cc[2 * k]) + gsl_pow_2(Cc[2 * k + 1]);
        nP += pr * pr + pi * pi;
        double ax = hypot(X[2 * k], X[2 * k + 1]), ah = hypot(Hh[2 * k], Hh[2 * k + 1]);
        nX += ax * ax;
        nH += ah * ah;
        mX = claim_fmax(mX, ax);
        mH = claim_fmax(mH, ah);
      }
      double eps = j * eta / (1 - j * eta);
      double tol = 1.01 * (eps * (sqrt(nC) + sqrt(nX) * mH + mX * sqrt(nH)) +
                           sqrt(2) * gam(2) * sqrt(nP));
      worst = claim_fmax(worst, sqrt(diff) / tol);
      free(X);
      free(Hh);
      free(Cc);
      gsl_vector_free(x);
      gsl_vector_free(h);
      gsl_vector_free(c);
    }
  CLAIM(.id = "cnn.convolution-theorem", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .tolerance = 0, .samples = (size_t)cases, .seed = seed,
        .note = "largest ||FFT(x circ h) - FFT(x) .* FFT(h)||_2 over its"
                " FFT error bound, N = 2..512");
  gsl_rng_free(r);
}
#line 3099 "chapters/03-cnn.nw"
static void shift_images(const gsl_matrix *X, size_t C, size_t H, size_t W,
                         size_t d1, size_t d2, gsl_matrix *Y)
{
  for (size_t b = 0; b < X->size1; b++)
    for (size_t c = 0; c < C; c++)
      for (size_t i = 0; i < H; i++)
        for (size_t j = 0; j < W; j++)
          gsl_matrix_set(Y, b, (c * H + (i + d1) % H) * W + (j + d2) % W,
                         gsl_matrix_get(X, b, (c * H + i) * W + j));
}

static void int_mat(gsl_rng *r, gsl_matrix *A, int range)
{
  for (size_t i = 0; i < A->size1; i++)
    for (size_t j = 0; j < A->size2; j++)
      gsl_matrix_set(A, i, j,
                     (double)gsl_rng_uniform_int(r, 2 * range + 1) - range);
}

static void circular_layer(const mdl_conv2d_geometry *g, const gsl_vector *w,
                           const gsl_vector *b, const gsl_matrix *X,
                           gsl_matrix *Y)
{
  mdl_conv2d_geometry gp = *g;
  gp.height += 2 * g->padding;
  gp.width += 2 * g->padding;
  gp.padding = 0;
  gsl_matrix *P = gsl_matrix_alloc(X->size1, g->in_channels * gp.height * gp.width);
  assert_int_equal(mdl_conv_circular_pad(g->in_channels, g->height, g->width,
                                         g->padding, X, P), 0);
  assert_int_equal(mdl_conv2d_forward(&gp, w, b, P, Y), 0);
  gsl_matrix_free(P);
}
#line 3135 "chapters/03-cnn.nw"
static void test_shift_equivariance(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3101447);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const size_t C = 2, O = 3, H = 7, W = 6;
  size_t circ = 0, inner = 0, checked_inner = 0, shifts = 0;
  double border = 0;
  for (size_t k = 1; k <= 5; k += 2) {
    mdl_conv2d_geometry g = {C, O, H, W, k, 1, (k - 1) / 2};
    gsl_vector *w = gsl_vector_alloc(O * C * k * k), *b = gsl_vector_alloc(O);
    gsl_matrix_view wm = gsl_matrix_view_vector(w, O, C * k * k);
    int_mat(r, &wm.matrix, 3);
    gsl_vector_set_all(b, 2);
    gsl_matrix *X = gsl_matrix_alloc(2, C * H * W), *Xs = gsl_matrix_alloc(2, C * H * W);
    gsl_matrix *Y = gsl_matrix_alloc(2, O * H * W), *Ys = gsl_matrix_alloc(2, O * H * W);
    gsl_matrix *TY = gsl_matrix_alloc(2, O * H * W);
    int_mat(r, X, 5);
    for (size_t d1 = 0; d1 < H; d1++)
      for (size_t d2 = 0; d2 < W; d2++, shifts++) {
        shift_images(X, C, H, W, d1, d2, Xs);
        circular_layer(&g, w, b, X, Y);
        circular_layer(&g, w, b, Xs, Ys);
        shift_images(Y, O, H, W, d1, d2, TY);
        for (size_t i = 0; i < 2; i++)
          for (size_t j = 0; j < O * H * W; j++)
            circ += gsl_matrix_get(Ys, i, j) != gsl_matrix_get(TY, i, j);
        assert_int_equal(mdl_conv2d_forward(&g, w, b, X, Y), 0);
        assert_int_equal(mdl_conv2d_forward(&g, w, b, Xs, Ys), 0);
        shift_images(Y, O, H, W, d1, d2, TY);
        size_t p = g.padding;
        for (size_t bb = 0; bb < 2; bb++)
          for (size_t o = 0; o < O; o++)
            for (size_t i = 0; i < H; i++)
              for (size_t j = 0; j < W; j++) {
                size_t i0 = (i + H - d1) % H, j0 = (j + W - d2) % W;
                int in1 = i >= p && i + p < H && j >= p && j + p < W;
                int in0 = i0 >= p && i0 + p < H && j0 >= p && j0 + p < W;
                int wrap = i < d1 || j < d2;
                size_t q = (o * H + i) * W + j;
                double d = fabs(gsl_matrix_get(Ys, bb, q) - gsl_matrix_get(TY, bb, q));
                if (in1 && in0 && !wrap) {
                  inner += d != 0;
                  checked_inner++;
                } else
                  border = claim_fmax(border, d);
              }
      }
    gsl_vector_free(w);
    gsl_vector_free(b);
    gsl_matrix_free(X);
    gsl_matrix_free(Xs);
    gsl_matrix_free(Y);
    gsl_matrix_free(Ys);
    gsl_matrix_free(TY);
  }
  CLAIM(.id = "cnn.shift-equivariance", .kind = CLAIM_IDENTITY,
        .measured = (double)circ, .reference = 0, .tolerance = 0,
        .samples = shifts, .seed = seed,
        .note = "circular layer: entries where conv(shift x) != shift conv(x),"
                " all shifts, kernels 1, 3, 5");
  CLAIM(.id = "cnn.shift-equivariance", .kind = CLAIM_IDENTITY,
        .measured = (double)inner, .reference = 0, .tolerance = 0,
        .samples = checked_inner, .seed = seed,
        .note = "zero padding: differing entries whose windows stay inside the"
                " image before and after the shift");
  CLAIM(.id = "cnn.shift-equivariance", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = border, .reference = 1,
        .tolerance = 0, .samples = shifts, .seed = seed,
        .note = "probe, zero padding: largest |conv(shift x) - shift conv(x)|"
                " at the border, at least 1 (integers)");
  gsl_rng_free(r);
}
#line 3212 "chapters/03-cnn.nw"
static void test_circulant(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3101621);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  size_t noncomm = 0, notconv = 0, probe = 0, cases = 0;
  for (size_t N = 2; N <= 12; N++)
    for (int rep = 0; rep < 4; rep++, cases++) {
      gsl_matrix *M = gsl_matrix_alloc(N, N), *A = gsl_matrix_calloc(N, N);
      int_mat(r, M, 9);
      for (size_t s = 0; s < N; s++)
        for (size_t i = 0; i < N; i++)
          for (size_t j = 0; j < N; j++)
            *gsl_matrix_ptr(A, i, j) += gsl_matrix_get(M, (i + s) % N, (j + s) % N);
      for (size_t i = 0; i < N; i++)
        for (size_t j = 0; j < N; j++)
          noncomm += gsl_matrix_get(A, (i + 1) % N, (j + 1) % N) != gsl_matrix_get(A, i, j);
      gsl_vector *x = gsl_vector_alloc(N), *h = gsl_vector_alloc(N),
                 *Ax = gsl_vector_alloc(N), *hx = gsl_vector_alloc(N);
      int_vec(r, x);
      gsl_vector_view a0 = gsl_matrix_column(A, 0);
      gsl_vector_memcpy(h, &a0.vector);
      gsl_blas_dgemv(CblasNoTrans, 1.0, A, x, 0.0, Ax);
      mdl_conv_circular(h, x, hx);
      notconv += count_diff(Ax, hx);
      gsl_vector_view m0 = gsl_matrix_column(M, 0);
      gsl_vector_memcpy(h, &m0.vector);
      gsl_blas_dgemv(CblasNoTrans, 1.0, M, x, 0.0, Ax);
      mdl_conv_circular(h, x, hx);
      probe += count_diff(Ax, hx) > 0;
      gsl_matrix_free(M);
      gsl_matrix_free(A);
      gsl_vector_free(x);
      gsl_vector_free(h);
      gsl_vector_free(Ax);
      gsl_vector_free(hx);
    }
  CLAIM(.id = "cnn.circulant", .kind = CLAIM_IDENTITY, .measured = (double)noncomm,
        .reference = 0, .tolerance = 0, .samples = cases, .seed = seed,
        .note = "entries where A T != T A for A = sum of conjugates of M");
  CLAIM(.id = "cnn.circulant", .kind = CLAIM_IDENTITY, .measured = (double)notconv,
        .reference = 0, .tolerance = 0, .samples = cases, .seed = seed,
        .note = "entries where A x != (A e_0) circ x, N = 2..12");
  CLAIM(.id = "cnn.circulant", .kind = CLAIM_BOUND, .relation = CLAIM_AT_LEAST,
        .measured = (double)probe, .reference = 0.9 * (double)cases,
        .tolerance = 0, .samples = cases, .seed = seed,
        .note = "probe: random non-equivariant M with M x != (M e_0) circ x,"
                " at least 90% of cases");
  gsl_rng_free(r);
}
#line 3305 "chapters/03-cnn.nw"
static gsl_matrix *toeplitz(const mdl_conv2d_geometry *g, const gsl_vector *w)
{
  const size_t C = g->in_channels, O = g->out_channels, H = g->height;
  const size_t W = g->width, k = g->kernel, s = g->stride, p = g->padding;
  const size_t OH = out_size(H, k, s, p), OW = out_size(W, k, s, p);
  gsl_matrix *T = gsl_matrix_calloc(O * OH * OW, C * H * W);
  for (size_t o = 0; o < O; o++)
    for (size_t i = 0; i < OH; i++)
      for (size_t j = 0; j < OW; j++)
        for (size_t c = 0; c < C; c++)
          for (size_t i2 = 0; i2 < H; i2++)
            for (size_t j2 = 0; j2 < W; j2++) {
              long u = (long)i2 - (long)(i * s) + (long)p;
              long v = (long)j2 - (long)(j * s) + (long)p;
              if (u >= 0 && v >= 0 && u < (long)k && v < (long)k)
                gsl_matrix_set(T, (o * OH + i) * OW + j, (c * H + i2) * W + j2,
                               gsl_vector_get(w, ((o * C + c) * k + (size_t)u) * k + (size_t)v));
            }
  return T;
}

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void test_toeplitz(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3101811);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { CASES = 100 };
  double worst = 0;
  size_t structure = 0, count_bad = 0, nnz_bad = 0;
  for (int t = 0; t < CASES; t++) {
    mdl_conv2d_geometry g = random_geometry(r);
    if (t % 2)
      g.stride = 1;
    const size_t C = g.in_channels, O = g.out_channels, k = g.kernel;
    const size_t OH = out_size(g.height, k, g.stride, g.padding);
    const size_t OW = out_size(g.width, k, g.stride, g.padding);
    gsl_vector *w = gsl_vector_alloc(O * C * k * k), *b = gsl_vector_alloc(O);
    fillv(r, w);
    fillv(r, b);
    gsl_matrix *T = toeplitz(&g, w);
    gsl_matrix *X = gsl_matrix_alloc(2, C * g.height * g.width);
    gsl_matrix *Y = gsl_matrix_alloc(2, O * OH * OW), *Yd = gsl_matrix_alloc(2, O * OH * OW);
    gsl_matrix *Ya = gsl_matrix_alloc(2, O * OH * OW);
    fill(r, X);
    assert_int_equal(mdl_conv2d_forward(&g, w, b, X, Y), 0);
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, X, T, 0.0, Yd);
    gsl_vector *wa = gsl_vector_alloc(w->size), *ba = gsl_vector_alloc(O);
    gsl_matrix *Xa = gsl_matrix_alloc(X->size1, X->size2);
    gsl_vector_memcpy(wa, w);
    gsl_vector_memcpy(ba, b);
    gsl_matrix_memcpy(Xa, X);
    vec_abs(wa);
    vec_abs(ba);
    mat_abs(Xa);
    assert_int_equal(mdl_conv2d_forward(&g, wa, ba, Xa, Ya), 0);
    double m = (double)(C * g.height * g.width + 2);
    for (size_t i = 0; i < 2; i++)
      for (size_t q = 0; q < O * OH * OW; q++) {
        double yd = gsl_matrix_get(Yd, i, q) + gsl_vector_get(b, q / (OH * OW));
        double d = fabs(yd - gsl_matrix_get(Y, i, q));
        if (d > 0)
          worst = claim_fmax(worst, d / (1.01 * 2 * gam(m) * gsl_matrix_get(Ya, i, q)));
      }
#line 3416 "chapters/03-cnn.nw"
    {
      size_t nnz = 0, n = T->size1 * T->size2;
      double *vals = malloc(n * sizeof *vals);
      for (size_t i = 0; i < T->size1; i++)
        for (size_t j = 0; j < T->size2; j++)
          if (gsl_matrix_get(T, i, j) != 0)
            vals[nnz++] = gsl_matrix_get(T, i, j);
      qsort(vals, nnz, sizeof *vals, cmp_double);
      size_t distinct = nnz > 0;
      for (size_t i = 1; i < nnz; i++)
        distinct += vals[i] != vals[i - 1];
      free(vals);
      size_t reach = 0;
      for (size_t u = 0; u < k; u++)
        for (size_t v = 0; v < k; v++) {
          int ru = 0, rv = 0;
          for (size_t i = 0; i < OH; i++)
            ru |= i * g.stride + u >= g.padding && i * g.stride + u < g.padding + g.height;
          for (size_t j = 0; j < OW; j++)
            rv |= j * g.stride + v >= g.padding && j * g.stride + v < g.padding + g.width;
          reach += ru && rv;
        }
      count_bad += distinct != O * C * reach;
      size_t full = O * OH * OW * C * k * k;
      nnz_bad += nnz > full || (g.padding == 0 && nnz != full);
      if (g.stride == 1)
        for (size_t o = 0; o < O; o++)
          for (size_t c = 0; c < C; c++)
            for (size_t i = 0; i + 1 < OH; i++)
              for (size_t j = 0; j + 1 < OW; j++)
                for (size_t i2 = 0; i2 + 1 < g.height; i2++)
                  for (size_t j2 = 0; j2 + 1 < g.width; j2++)
                    structure +=
                        gsl_matrix_get(T, (o * OH + i) * OW + j, (c * g.height + i2) * g.width + j2) !=
                        gsl_matrix_get(T, (o * OH + i + 1) * OW + j + 1,
                                       (c * g.height + i2 + 1) * g.width + j2 + 1);
    }
#line 3376 "chapters/03-cnn.nw"
    gsl_vector_free(wa);
    gsl_vector_free(ba);
    gsl_matrix_free(Xa);
    gsl_matrix_free(Ya);
    gsl_matrix_free(T);
    gsl_matrix_free(X);
    gsl_matrix_free(Y);
    gsl_matrix_free(Yd);
    gsl_vector_free(w);
    gsl_vector_free(b);
  }
  CLAIM(.id = "cnn.toeplitz", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = worst, .reference = 1, .tolerance = 0, .samples = CASES,
        .seed = seed,
        .note = "largest |layer - explicit Toeplitz matrix times x + b| over"
                " 2 gamma_{CHW+2} S, 100 geometries");
  CLAIM(.id = "cnn.toeplitz", .kind = CLAIM_IDENTITY,
        .measured = (double)structure, .reference = 0, .tolerance = 0,
        .samples = CASES / 2, .seed = seed,
        .note = "stride 1: pairs of entries on one diagonal of a block that"
                " differ (doubly block Toeplitz)");
  CLAIM(.id = "cnn.param-count", .kind = CLAIM_IDENTITY,
        .measured = (double)count_bad, .reference = 0, .tolerance = 0,
        .samples = CASES, .seed = seed,
        .note = "geometries where the distinct nonzero values of T are not"
                " O C k^2 (kernel entries that reach the image)");
  CLAIM(.id = "cnn.param-count", .kind = CLAIM_IDENTITY,
        .measured = (double)nnz_bad, .reference = 0, .tolerance = 0,
        .samples = CASES, .seed = seed,
        .note = "geometries where nnz(T) exceeds O H'W' C k^2, or differs"
                " from it without padding");
  gsl_rng_free(r);
}
#line 3498 "chapters/03-cnn.nw"
static void test_backward_as_convolution(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3102003);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  double worst_x = 0, worst_w = 0;
  size_t cases = 0;
  for (size_t k = 1; k <= 5; k++)
    for (size_t p = 0; p < k; p++, cases++) {
      const size_t C = 2, O = 3, B = 2, H = 6;
      mdl_conv2d_geometry g = {C, O, H, H, k, 1, p};
      const size_t OH = out_size(H, k, 1, p);
      gsl_matrix *X = gsl_matrix_alloc(B, C * H * H), *dY = gsl_matrix_alloc(B, O * OH * OH);
      gsl_vector *w = gsl_vector_alloc(O * C * k * k);
      fill(r, X);
      fill(r, dY);
      fillv(r, w);
      gsl_matrix *dX = gsl_matrix_alloc(B, C * H * H), *dXc = gsl_matrix_alloc(B, C * H * H);
      gsl_matrix *dXa = gsl_matrix_alloc(B, C * H * H);
      gsl_vector *dw = gsl_vector_alloc(w->size);
      assert_int_equal(mdl_conv2d_backward(&g, w, X, dY, dw, NULL, dX), 0);
      gsl_vector *wf = gsl_vector_alloc(w->size), *wfa = gsl_vector_alloc(w->size);
      for (size_t o = 0; o < O; o++)
        for (size_t c = 0; c < C; c++)
          for (size_t u = 0; u < k; u++)
            for (size_t v = 0; v < k; v++)
              gsl_vector_set(wf, ((c * O + o) * k + (k - 1 - u)) * k + (k - 1 - v),
                             gsl_vector_get(w, ((o * C + c) * k + u) * k + v));
      mdl_conv2d_geometry gt = {O, C, OH, OH, k, 1, k - 1 - p};
      assert_int_equal(mdl_conv2d_forward(&gt, wf, NULL, dY, dXc), 0);
      gsl_matrix *dYa = gsl_matrix_alloc(B, O * OH * OH);
      gsl_matrix_memcpy(dYa, dY);
      mat_abs(dYa);
      gsl_vector_memcpy(wfa, wf);
      vec_abs(wfa);
      assert_int_equal(mdl_conv2d_forward(&gt, wfa, NULL, dYa, dXa), 0);
      for (size_t i = 0; i < B; i++)
        for (size_t q = 0; q < C * H * H; q++) {
          double d = fabs(gsl_matrix_get(dX, i, q) - gsl_matrix_get(dXc, i, q));
          if (d > 0)
            worst_x = claim_fmax(worst_x, d / (1.01 * 2 * gam((double)(O * k * k + 2)) * gsl_matrix_get(dXa, i, q)));
        }
#line 3573 "chapters/03-cnn.nw"
      for (size_t c = 0; c < C; c++) {
        gsl_matrix *Xc = gsl_matrix_alloc(1, B * H * H), *Xca = gsl_matrix_alloc(1, B * H * H);
        gsl_vector *ker = gsl_vector_alloc(O * B * OH * OH), *kera = gsl_vector_alloc(O * B * OH * OH);
        gsl_matrix *G = gsl_matrix_alloc(1, O * k * k), *Ga = gsl_matrix_alloc(1, O * k * k);
        for (size_t b = 0; b < B; b++)
          for (size_t q = 0; q < H * H; q++)
            gsl_matrix_set(Xc, 0, b * H * H + q, gsl_matrix_get(X, b, c * H * H + q));
        for (size_t o = 0; o < O; o++)
          for (size_t b = 0; b < B; b++)
            for (size_t q = 0; q < OH * OH; q++)
              gsl_vector_set(ker, (o * B + b) * OH * OH + q, gsl_matrix_get(dY, b, o * OH * OH + q));
        mdl_conv2d_geometry gw = {B, O, H, H, OH, 1, p};
        assert_int_equal(mdl_conv2d_forward(&gw, ker, NULL, Xc, G), 0);
        gsl_matrix_memcpy(Xca, Xc);
        mat_abs(Xca);
        gsl_vector_memcpy(kera, ker);
        vec_abs(kera);
        assert_int_equal(mdl_conv2d_forward(&gw, kera, NULL, Xca, Ga), 0);
        for (size_t o = 0; o < O; o++)
          for (size_t q = 0; q < k * k; q++) {
            double d = fabs(gsl_matrix_get(G, 0, o * k * k + q) - gsl_vector_get(dw, (o * C + c) * k * k + q));
            if (d > 0)
              worst_w = claim_fmax(worst_w, d / (1.01 * 2 * gam((double)(B * OH * OH + 2)) * gsl_matrix_get(Ga, 0, o * k * k + q)));
          }
        gsl_matrix_free(Xc);
        gsl_matrix_free(Xca);
        gsl_vector_free(ker);
        gsl_vector_free(kera);
        gsl_matrix_free(G);
        gsl_matrix_free(Ga);
      }
#line 3542 "chapters/03-cnn.nw"
      gsl_matrix_free(X);
      gsl_matrix_free(dY);
      gsl_matrix_free(dYa);
      gsl_matrix_free(dX);
      gsl_matrix_free(dXc);
      gsl_matrix_free(dXa);
      gsl_vector_free(w);
      gsl_vector_free(dw);
      gsl_vector_free(wf);
      gsl_vector_free(wfa);
    }
  CLAIM(.id = "cnn.backward-as-convolution", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst_x, .reference = 1,
        .tolerance = 0, .samples = cases, .seed = seed,
        .note = "input gradient: largest |backward - full convolution with"
                " the flipped kernel| over 2 gamma_m S");
  CLAIM(.id = "cnn.backward-as-convolution", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst_w, .reference = 1,
        .tolerance = 0, .samples = cases, .seed = seed,
        .note = "weight gradient: largest |backward - correlation of x with"
                " dY| over 2 gamma_m S");
  gsl_rng_free(r);
}
#line 3750 "chapters/03-cnn.nw"
static void test_output_size(void **state)
{
  (void)state;
  size_t mismatch = 0, special = 0, refused = 0, cases = 0;
  for (size_t i = 1; i <= 12; i++)
    for (size_t k = 1; k <= 6; k++)
      for (size_t s = 1; s <= 4; s++)
        for (size_t p = 0; p <= 3; p++) {
          if (k > i + 2 * p)
            continue;
          cases++;
          size_t count = 0;
          for (size_t t = 0; t * s + k <= i + 2 * p; t++)
            count++;
          mdl_conv2d_geometry g = {1, 1, i, i + 1, k, s, p};
          size_t oh, ow;
          assert_int_equal(mdl_conv2d_output_size(&g, &oh, &ow), 0);
          size_t count_w = 0;
          for (size_t t = 0; t * s + k <= i + 1 + 2 * p; t++)
            count_w++;
          mismatch += oh != count || ow != count_w;
          if (s == 1 && k % 2 == 1 && p == (k - 1) / 2)
            special += oh != i;
          if (s == 1 && p == k - 1)
            special += oh != i + k - 1;
          gsl_matrix *X = gsl_matrix_alloc(1, i * (i + 1));
          gsl_matrix *Y = gsl_matrix_alloc(1, count * count_w);
          gsl_matrix *Y1 = gsl_matrix_alloc(1, count * count_w + 1);
          gsl_vector *w = gsl_vector_alloc(k * k);
          gsl_matrix_set_all(X, 1);
          gsl_vector_set_all(w, 1);
          mismatch += mdl_conv2d_forward(&g, w, NULL, X, Y) != GSL_SUCCESS;
          gsl_error_handler_t *old = gsl_set_error_handler_off();
          refused += mdl_conv2d_forward(&g, w, NULL, X, Y1) == GSL_EBADLEN;
          gsl_set_error_handler(old);
          gsl_matrix_free(X);
          gsl_matrix_free(Y);
          gsl_matrix_free(Y1);
          gsl_vector_free(w);
        }
  CLAIM(.id = "cnn.output-size", .kind = CLAIM_IDENTITY,
        .measured = (double)mismatch, .reference = 0, .tolerance = 0,
        .samples = cases,
        .note = "cases where floor((i+2p-k)/s)+1 differs from the brute-force"
                " count of windows or the layer refuses it");
  CLAIM(.id = "cnn.output-size", .kind = CLAIM_IDENTITY,
        .measured = (double)special, .reference = 0, .tolerance = 0,
        .samples = cases,
        .note = "same padding with o != i, or full padding with o != i+k-1");
  CLAIM(.id = "cnn.output-size", .kind = CLAIM_IDENTITY,
        .measured = (double)refused, .reference = (double)cases, .tolerance = 0,
        .samples = cases,
        .note = "cases where an output one column too wide is refused with"
                " GSL_EBADLEN");
}
#line 3808 "chapters/03-cnn.nw"
static void test_receptive_field(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3102203);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { STACKS = 60 };
  size_t mismatch = 0;
  for (int t = 0; t < STACKS; t++) {
    size_t L = 1 + gsl_rng_uniform_int(r, 4), k[4], s[4], n[5];
    size_t rf = 1;
    for (size_t l = 0; l < L; l++) {
      k[l] = 1 + gsl_rng_uniform_int(r, 4);
      s[l] = 1 + gsl_rng_uniform_int(r, 3);
    }
    for (size_t l = L; l-- > 0;)
      rf = s[l] * rf + (k[l] - s[l]);
    n[0] = rf + 3 + gsl_rng_uniform_int(r, 4);
    for (size_t l = 0; l < L; l++)
      n[l + 1] = out_size(n[l], k[l], s[l], 0);
    gsl_matrix *d = gsl_matrix_calloc(1, n[L] * n[L]);
    gsl_matrix_set(d, 0, 0, 1);
    for (size_t l = L; l-- > 0;) {
      mdl_conv2d_geometry g = {1, 1, n[l], n[l], k[l], s[l], 0};
      gsl_vector *w = gsl_vector_alloc(k[l] * k[l]);
      for (size_t q = 0; q < w->size; q++)
        gsl_vector_set(w, q, 0.5 + gsl_rng_uniform(r));
      gsl_matrix *X = gsl_matrix_alloc(1, n[l] * n[l]), *dX = gsl_matrix_alloc(1, n[l] * n[l]);
      gsl_matrix_set_all(X, 1);
      assert_int_equal(mdl_conv2d_backward(&g, w, X, d, NULL, NULL, dX), 0);
      gsl_matrix_free(d);
      gsl_matrix_free(X);
      gsl_vector_free(w);
      d = dX;
    }
    size_t maxi = 0, maxj = 0, mini = SIZE_MAX, minj = SIZE_MAX;
    for (size_t i = 0; i < n[0]; i++)
      for (size_t j = 0; j < n[0]; j++)
        if (gsl_matrix_get(d, 0, i * n[0] + j) != 0) {
          maxi = i > maxi ? i : maxi;
          maxj = j > maxj ? j : maxj;
          mini = i < mini ? i : mini;
          minj = j < minj ? j : minj;
        }
    mismatch += mini != 0 || minj != 0 || maxi + 1 != rf || maxj + 1 != rf;
    gsl_matrix_free(d);
  }
  CLAIM(.id = "cnn.receptive-field", .kind = CLAIM_IDENTITY,
        .measured = (double)mismatch, .reference = 0, .tolerance = 0,
        .samples = STACKS, .seed = seed,
        .note = "stacks where the support of dy/dx (by backpropagation) is not"
                " the r_0 x r_0 window of the recursion");
  gsl_rng_free(r);
}
#line 2269 "chapters/03-cnn.nw"
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
#line 2298 "chapters/03-cnn.nw"
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
#line 2350 "chapters/03-cnn.nw"
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
#line 2409 "chapters/03-cnn.nw"
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
      worst = claim_fmax(worst, d / tol);
  }
  gsl_vector_free(g);
  gsl_vector_free(gabs);
  return worst;
}
#line 2465 "chapters/03-cnn.nw"
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
#line 2518 "chapters/03-cnn.nw"
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
        worst[0] = claim_fmax(worst[0], run_case(r, L_CONV2D, g, 2, 0.0625,
                                           &skipped[0], &coords[0]));
        cases[0]++;
        mdl_conv2d_geometry g1 = {2, 2, 1, H + 3, k, s, p};
        worst[1] = claim_fmax(worst[1], run_case(r, L_CONV1D, g1, 2, 0.0625,
                                           &skipped[1], &coords[1]));
        cases[1]++;
        if (p <= k / 2) {
          mdl_conv2d_geometry gp = {2, 2, H, H + 1, k, s, p};
          worst[2] = claim_fmax(worst[2], run_case(r, L_MAXPOOL, gp, 2, 1.0 / 64,
                                             &skipped[2], &coords[2]));
          worst[3] = claim_fmax(worst[3], run_case(r, L_AVGPOOL, gp, 2, 0.0625,
                                             &skipped[3], &coords[3]));
          cases[2]++;
          cases[3]++;
        }
      }
  for (size_t H = 1; H <= 4; H++) {
    mdl_conv2d_geometry g = {3, 3, H, H + 2, 1, 1, 0};
    worst[4] = claim_fmax(worst[4], run_case(r, L_GAP, g, 2, 0.0625, &skipped[4],
                                       &coords[4]));
    cases[4]++;
  }
  for (size_t k = 1; k <= 5; k += 2) {
    mdl_conv2d_geometry g = {2, 2, 4, 5, k, 1, (k - 1) / 2};
    worst[5] = claim_fmax(worst[5], run_case(r, L_RESIDUAL, g, 2, 1.0 / 65536,
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
#line 2594 "chapters/03-cnn.nw"
static void test_maxpool_ties(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3105401);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  size_t mismatch = 0, cases = 0;
  for (int t = 0; t < 200; t++) {
    size_t k = 1 + gsl_rng_uniform_int(r, 4), s = 1 + gsl_rng_uniform_int(r, 3);
    size_t p = gsl_rng_uniform_int(r, k / 2 + 1), H = k + gsl_rng_uniform_int(r, 5);
    size_t W = k + gsl_rng_uniform_int(r, 5), C = 2, B = 2;
    mdl_pool2d_geometry g = {C, H, W, k, s, p};
    size_t OH = out_size(H, k, s, p), OW = out_size(W, k, s, p);
    gsl_matrix *X = gsl_matrix_alloc(B, C * H * W), *Y = gsl_matrix_alloc(B, C * OH * OW);
    gsl_matrix *dY = gsl_matrix_alloc(B, C * OH * OW), *dX = gsl_matrix_alloc(B, C * H * W);
    gsl_matrix *ref = gsl_matrix_calloc(B, C * H * W);
    for (size_t i = 0; i < X->size1 * X->size2; i++)
      X->data[i] = (double)gsl_rng_uniform_int(r, 3);
    int_mat(r, dY, 9);
    assert_int_equal(mdl_pool2d_max_forward(&g, X, Y), 0);
    assert_int_equal(mdl_pool2d_max_backward(&g, X, dY, dX), 0);
    for (size_t b = 0; b < B; b++)
      for (size_t c = 0; c < C; c++)
        for (size_t i = 0; i < OH; i++)
          for (size_t j = 0; j < OW; j++) {
            long best = -1;
            for (size_t u = 0; u < k; u++)
              for (size_t v = 0; v < k; v++) {
                long ii = (long)(i * s + u) - (long)p, jj = (long)(j * s + v) - (long)p;
                if (ii < 0 || jj < 0 || ii >= (long)H || jj >= (long)W)
                  continue;
                long idx = (long)((c * H + (size_t)ii) * W + (size_t)jj);
                if (best < 0 || gsl_matrix_get(X, b, (size_t)idx) > gsl_matrix_get(X, b, (size_t)best))
                  best = idx;
              }
            size_t q = (c * OH + i) * OW + j;
            mismatch += gsl_matrix_get(Y, b, q) != gsl_matrix_get(X, b, (size_t)best);
            *gsl_matrix_ptr(ref, b, (size_t)best) += gsl_matrix_get(dY, b, q);
          }
    for (size_t q = 0; q < B * C * H * W; q++)
      mismatch += ref->data[q] != dX->data[q];
    cases++;
    gsl_matrix_free(X);
    gsl_matrix_free(Y);
    gsl_matrix_free(dY);
    gsl_matrix_free(dX);
    gsl_matrix_free(ref);
  }
  CLAIM(.id = "cnn.maxpool-ties", .kind = CLAIM_IDENTITY,
        .measured = (double)mismatch, .reference = 0, .tolerance = 0,
        .samples = cases, .seed = seed,
        .note = "entries where max pooling (forward or backward) differs from"
                " the first-maximiser rule, inputs in {0,1,2} with many ties");
  gsl_rng_free(r);
}
#line 4011 "chapters/03-cnn.nw"
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_sort_vector.h>

/* Frobenius norm by a plain sum of squares: relative error at most
   gamma_{size+2}, so the exact norm is below frob(M) (1 + gamma_{size+2}). */
static double frob(const gsl_matrix *M)
{
  double s = 0;
  for (size_t i = 0; i < M->size1; i++)
    for (size_t j = 0; j < M->size2; j++)
      s += gsl_pow_2(gsl_matrix_get(M, i, j));
  return sqrt(s) * (1 + gam((double)(M->size1 * M->size2 + 2)));
}

/* An upper bound on ||Q^T Q - I||_2 for the computed Q (rows x cols):
   the computed Gram matrix minus I, plus its rounding
   gamma_{rows+1} (|Q|^T |Q| + I), whose Frobenius norm is at most
   gamma_{rows+1} (||Q||_F^2 + sqrt(cols)). */
static double orthogonality_defect(const gsl_matrix *Q)
{
  size_t n = Q->size2;
  gsl_matrix *G = gsl_matrix_alloc(n, n);
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, Q, Q, 0.0, G);
  for (size_t i = 0; i < n; i++)
    *gsl_matrix_ptr(G, i, i) -= 1;
  double q = frob(Q), eta = frob(G) + gam((double)(Q->size1 + 1)) * (q * q + sqrt((double)n));
  gsl_matrix_free(G);
  return eta;
}

/* The SVD of B (m x n, m >= n) by GSL, with a bound rad[i] on
   |sigma_i(B) - S[i]| derived a posteriori from the residual
   R = B V - U S and the orthogonality defects of U and V (the
   enclosure below).  U (m x n) and V (n x n) are returned. */
static void certified_svd(const gsl_matrix *B, gsl_matrix *U, gsl_matrix *V,
                          gsl_vector *S, gsl_vector *rad)
{
  size_t m = B->size1, n = B->size2;
  gsl_vector *work = gsl_vector_alloc(n);
  gsl_matrix *R = gsl_matrix_alloc(m, n);
  gsl_matrix_memcpy(U, B);
  assert_int_equal(gsl_linalg_SV_decomp(U, V, S, work), 0);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, B, V, 0.0, R);
  for (size_t i = 0; i < m; i++)
    for (size_t j = 0; j < n; j++)
      *gsl_matrix_ptr(R, i, j) -= gsl_matrix_get(U, i, j) * gsl_vector_get(S, j);
  double smax = gsl_vector_get(S, 0);
  double rho = frob(R) + gam((double)(n + 1)) * (frob(B) * frob(V) + frob(U) * smax);
  double eu = orthogonality_defect(U), ev = orthogonality_defect(V);
  assert_true(eu < 0.5 && ev < 0.5);
  for (size_t i = 0; i < n; i++) {
    double s = gsl_vector_get(S, i);
    double hi = (sqrt(1 + eu) * s + rho) / sqrt(1 - ev) - s;
    double lo = s - (sqrt(1 - eu) * s - rho) / sqrt(1 + ev);
    gsl_vector_set(rad, i, fmax(hi, lo) + gam(8) * smax);
  }
  gsl_matrix_free(R);
  gsl_vector_free(work);
}

static gsl_matrix *circular_matrix(size_t O, size_t C, size_t n, size_t k,
                                   const gsl_vector *w)
{
  gsl_matrix *A = gsl_matrix_calloc(O * n * n, C * n * n);
  for (size_t o = 0; o < O; o++)
    for (size_t c = 0; c < C; c++)
      for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
          for (size_t u = 0; u < k; u++)
            for (size_t v = 0; v < k; v++)
              *gsl_matrix_ptr(A, (o * n + i) * n + j,
                              (c * n + (i + u) % n) * n + (j + v) % n) +=
                  gsl_vector_get(w, ((o * C + c) * k + u) * k + v);
  return A;
}

/* The test's own Fourier side: for every frequency the real 2O x 2C
   embedding [Re P, -Im P; Im P, Re P] of P(f) (transposed when O < C),
   whose singular values are those of P(f), each twice; certified SVD;
   fp receives the n^2 min(O, C) values in decreasing order and *rf the
   largest radius. */
static void fourier_values(size_t O, size_t C, size_t n, size_t k,
                           const gsl_vector *w, gsl_vector *fp, double *rf)
{
  size_t m = O < C ? O : C, M = O < C ? C : O;
  gsl_matrix *E = gsl_matrix_alloc(2 * M, 2 * m), *U = gsl_matrix_alloc(2 * M, 2 * m);
  gsl_matrix *V = gsl_matrix_alloc(2 * m, 2 * m);
  gsl_vector *S = gsl_vector_alloc(2 * m), *rad = gsl_vector_alloc(2 * m);
  *rf = 0;
  for (size_t f = 0; f < n * n; f++) {
    for (size_t o = 0; o < O; o++)
      for (size_t c = 0; c < C; c++) {
        double re = 0, im = 0;
        for (size_t u = 0; u < k; u++)
          for (size_t v = 0; v < k; v++) {
            double a = 2 * M_PI * (double)(((f / n) * u + (f % n) * v) % n) / (double)n;
            double x = gsl_vector_get(w, ((o * C + c) * k + u) * k + v);
            re += x * cos(a);
            im += x * sin(a);
          }
        size_t i = O < C ? c : o, j = O < C ? o : c;
        gsl_matrix_set(E, i, j, re);
        gsl_matrix_set(E, i + M, j + m, re);
        gsl_matrix_set(E, i, j + m, -im);
        gsl_matrix_set(E, i + M, j, im);
      }
    certified_svd(E, U, V, S, rad);
    for (size_t q = 0; q < m; q++) {
      /* the pair S[2q], S[2q+1] is one singular value of P(f), twice */
      gsl_vector_set(fp, f * m + q, gsl_vector_get(S, 2 * q));
      *rf = fmax(*rf, gsl_vector_get(rad, 2 * q));
    }
  }
  gsl_sort_vector(fp);
  gsl_vector_reverse(fp);
  gsl_matrix_free(E);
  gsl_matrix_free(U);
  gsl_matrix_free(V);
  gsl_vector_free(S);
  gsl_vector_free(rad);
}

static void test_circular_singular_values(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3102411);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const double u = DBL_EPSILON / 2;
  double worst = 0, worst1 = 0, lib = 0, lip = 0, reach = 0;
  size_t layer_diff = 0, cases = 0;
  for (size_t n = 3; n <= 6; n++)
    for (size_t O = 1; O <= 3; O++)
      for (size_t C = 1; C <= 3; C++) {
        size_t k = 1 + gsl_rng_uniform_int(r, 3), m = O < C ? O : C;
        gsl_vector *w = gsl_vector_alloc(O * C * k * k);
        fillv(r, w);
        gsl_matrix *A = circular_matrix(O, C, n, k, w);
#line 4227 "chapters/03-cnn.nw"
        if (k % 2 == 1) {
          size_t p = (k - 1) / 2;
          mdl_conv2d_geometry g = {C, O, n, n, k, 1, p};
          gsl_matrix *E = gsl_matrix_alloc(C * n * n, C * n * n);
          gsl_matrix *Y = gsl_matrix_alloc(C * n * n, O * n * n);
          gsl_matrix_set_identity(E);
          circular_layer(&g, w, NULL, E, Y);
          for (size_t q = 0; q < C * n * n; q++)
            for (size_t o = 0; o < O; o++)
              for (size_t i = 0; i < n; i++)
                for (size_t j = 0; j < n; j++)
                  layer_diff += gsl_matrix_get(Y, q, (o * n + (i + p) % n) * n + (j + p) % n) !=
                                gsl_matrix_get(A, (o * n + i) * n + j, q);
          gsl_matrix_free(E);
          gsl_matrix_free(Y);
        }
#line 4150 "chapters/03-cnn.nw"
        int tall = O >= C;
        size_t rows = tall ? A->size1 : A->size2, cols = tall ? A->size2 : A->size1;
        gsl_matrix *B = gsl_matrix_alloc(rows, cols);
        gsl_matrix *U = gsl_matrix_alloc(rows, cols), *V = gsl_matrix_alloc(cols, cols);
        gsl_vector *S = gsl_vector_alloc(cols), *rad = gsl_vector_alloc(cols);
        if (tall)
          gsl_matrix_memcpy(B, A);
        else
          gsl_matrix_transpose_memcpy(B, A);
        certified_svd(B, U, V, S, rad);
        gsl_vector *sv = gsl_vector_alloc(n * n * m), *fp = gsl_vector_alloc(n * n * m);
        assert_int_equal(mdl_conv_circular_singular_values(O, C, n, k, w, sv), 0);
        double rf, wmax = fmax(gsl_vector_max(w), -gsl_vector_min(w));
        fourier_values(O, C, n, k, w, fp, &rf);
        /* rounding of the entries of P(f): ||Delta P||_2 <= ||Delta P||_F */
        double eP = sqrt(2.0 * (double)(O * C)) *
                    (2 * M_PI * gam(3) + 2 * u + gam((double)(k * k))) * (double)(k * k) * wmax;
        double tol_lib = 2 * eP + 2 * rf;
        for (size_t i = 0; i < sv->size; i++) {
          double d = fabs(gsl_vector_get(fp, i) - gsl_vector_get(S, i)) /
                     (gsl_vector_get(rad, i) + rf + eP);
          worst = claim_fmax(worst, d);
          if (O == 1 && C == 1)
            worst1 = claim_fmax(worst1, d);
          lib = claim_fmax(lib, fabs(gsl_vector_get(sv, i) - gsl_vector_get(fp, i)) / tol_lib);
        }
        double tol = gsl_vector_get(rad, 0) + rf + eP;
#line 4249 "chapters/03-cnn.nw"
        {
          gsl_vector *x = gsl_vector_alloc(A->size2), *y = gsl_vector_alloc(A->size1);
          double ltol = tol + gam((double)(C * k * k + 4)) * frob(A) + 2 * eP + 2 * rf;
          for (int t = 0; t < 200; t++) {
            fillv(r, x);
            gsl_blas_dgemv(CblasNoTrans, 1.0, A, x, 0.0, y);
            double ratio = gsl_blas_dnrm2(y) / gsl_blas_dnrm2(x);
            lip = claim_fmax(lip, (ratio - gsl_vector_get(sv, 0)) / ltol);
          }
          gsl_vector_view v1 = tall ? gsl_matrix_column(V, 0) : gsl_matrix_column(U, 0);
          gsl_vector_memcpy(x, &v1.vector);
          gsl_blas_dgemv(CblasNoTrans, 1.0, A, x, 0.0, y);
          reach = claim_fmax(reach, fabs(gsl_blas_dnrm2(y) / gsl_blas_dnrm2(x) - gsl_vector_get(sv, 0)) / ltol);
          gsl_vector_free(x);
          gsl_vector_free(y);
        }
#line 4178 "chapters/03-cnn.nw"
        gsl_vector_free(w);
        gsl_vector_free(sv);
        gsl_vector_free(fp);
        gsl_vector_free(S);
        gsl_vector_free(rad);
        gsl_matrix_free(B);
        gsl_matrix_free(U);
        gsl_matrix_free(V);
        gsl_matrix_free(A);
        cases++;
      }
  CLAIM(.id = "cnn.circular-singular-values", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .tolerance = 0, .samples = cases, .seed = seed,
        .note = "largest |singular value of P(f) - SVD of the explicit matrix|"
                " over its certified tolerance, n = 3..6, 1-3 channels");
  CLAIM(.id = "cnn.circular-singular-values", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst1, .reference = 1,
        .tolerance = 0, .samples = 4, .seed = seed,
        .note = "one channel: largest |modulus of the kernel's DFT - singular"
                " value| over its certified tolerance");
  CLAIM(.id = "cnn.circular-singular-values", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = lib, .reference = 1,
        .tolerance = 0, .samples = cases, .seed = seed,
        .note = "largest |mdl_conv_circular_singular_values - the test's"
                " Fourier values| over 2 (entry rounding + certified radius)");
  CLAIM(.id = "cnn.circular-singular-values", .kind = CLAIM_IDENTITY,
        .measured = (double)layer_diff, .reference = 0, .tolerance = 0,
        .samples = cases, .seed = seed,
        .note = "entries where the circular layer's matrix differs from the"
                " formula (odd kernels)");
  CLAIM(.id = "cnn.lipschitz", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = lip, .reference = 1, .tolerance = 0, .samples = cases * 200,
        .seed = seed,
        .note = "largest (||A x|| / ||x|| - sigma_max) over its tolerance, 200"
                " random x per layer");
  CLAIM(.id = "cnn.lipschitz", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = reach, .reference = 1, .tolerance = 0, .samples = cases,
        .seed = seed,
        .note = "largest |(||A v_1|| - sigma_max)| over its tolerance at the"
                " top right singular vector");
  gsl_rng_free(r);
}
#line 4327 "chapters/03-cnn.nw"
static void gap_net(const mdl_conv2d_geometry *g1, const gsl_vector *w1,
                    const mdl_conv2d_geometry *g2, const gsl_vector *w2,
                    int circular, const gsl_matrix *X, gsl_matrix *out)
{
  gsl_matrix *H = gsl_matrix_alloc(X->size1, g1->out_channels * g1->height * g1->width);
  gsl_matrix *Z = gsl_matrix_alloc(X->size1, g2->out_channels * g2->height * g2->width);
  if (circular)
    circular_layer(g1, w1, NULL, X, H);
  else
    assert_int_equal(mdl_conv2d_forward(g1, w1, NULL, X, H), 0);
  for (size_t i = 0; i < H->size1; i++)
    for (size_t j = 0; j < H->size2; j++)
      gsl_matrix_set(H, i, j, fmax(gsl_matrix_get(H, i, j), 0));
  if (circular)
    circular_layer(g2, w2, NULL, H, Z);
  else
    assert_int_equal(mdl_conv2d_forward(g2, w2, NULL, H, Z), 0);
  assert_int_equal(mdl_conv_global_avg_pool(g2->out_channels, Z, out), 0);
  gsl_matrix_free(H);
  gsl_matrix_free(Z);
}

static void test_gap_invariance(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3102607);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const size_t H = 6, W = 5;
  mdl_conv2d_geometry g1 = {1, 2, H, W, 3, 1, 1}, g2 = {2, 3, H, W, 3, 1, 1};
  gsl_vector *w1 = gsl_vector_alloc(18), *w2 = gsl_vector_alloc(54);
  gsl_matrix_view m1 = gsl_matrix_view_vector(w1, 2, 9), m2 = gsl_matrix_view_vector(w2, 3, 18);
  gsl_matrix *X = gsl_matrix_alloc(3, H * W), *Xs = gsl_matrix_alloc(3, H * W);
  gsl_matrix *G = gsl_matrix_alloc(3, 3), *Gs = gsl_matrix_alloc(3, 3);
  size_t changed = 0, zero_changed = 0, shifts = 0;
  for (int rep = 0; rep < 4; rep++) {
    int_mat(r, &m1.matrix, 3);
    int_mat(r, &m2.matrix, 3);
    int_mat(r, X, 5);
    for (size_t d1 = 0; d1 < H; d1++)
      for (size_t d2 = 0; d2 < W; d2++, shifts++) {
        shift_images(X, 1, H, W, d1, d2, Xs);
        for (int circ = 1; circ >= 0; circ--) {
          gap_net(&g1, w1, &g2, w2, circ, X, G);
          gap_net(&g1, w1, &g2, w2, circ, Xs, Gs);
          size_t n = 0;
          for (size_t i = 0; i < 3; i++)
            for (size_t j = 0; j < 3; j++)
              n += gsl_matrix_get(G, i, j) != gsl_matrix_get(Gs, i, j);
          if (circ)
            changed += n;
          else
            zero_changed += n > 0;
        }
      }
  }
  CLAIM(.id = "cnn.gap-invariance", .kind = CLAIM_IDENTITY,
        .measured = (double)changed, .reference = 0, .tolerance = 0,
        .samples = shifts, .seed = seed,
        .note = "channel means that change under a shift, circular conv-ReLU-"
                "conv-GAP, integer inputs, all shifts");
  CLAIM(.id = "cnn.gap-invariance", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = (double)zero_changed,
        .reference = 1, .tolerance = 0, .samples = shifts, .seed = seed,
        .note = "probe, zero padding: shifts that change some channel mean");
  gsl_vector_free(w1);
  gsl_vector_free(w2);
  gsl_matrix_free(X);
  gsl_matrix_free(Xs);
  gsl_matrix_free(G);
  gsl_matrix_free(Gs);
  gsl_rng_free(r);
}
#line 4403 "chapters/03-cnn.nw"
static int pool_hyp(const double *x, size_t n, size_t k, size_t d1, size_t d2)
{
  for (size_t a = 0; a < n; a += k)
    for (size_t b = 0; b < n; b += k) {
      size_t mi = a, mj = b;
      for (size_t i = a; i < a + k; i++)
        for (size_t j = b; j < b + k; j++)
          if (x[i * n + j] > x[mi * n + mj]) {
            mi = i;
            mj = j;
          }
      size_t si = (mi + d1) % n, sj = (mj + d2) % n;
      if (si < a || si >= a + k || sj < b || sj >= b + k)
        return 0;
      for (size_t i = a; i < a + k; i++)
        for (size_t j = b; j < b + k; j++) {
          size_t pi = (i + n - d1) % n, pj = (j + n - d2) % n;
          int inside = pi >= a && pi < a + k && pj >= b && pj < b + k;
          if (!inside && x[pi * n + pj] > x[mi * n + mj])
            return 0;
        }
    }
  return 1;
}

static void test_maxpool_shift(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3102809);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const size_t n = 8;
  size_t hyp = 0, violated = 0, one_px = 0, one_px_changed = 0;
  gsl_matrix *X = gsl_matrix_alloc(1, n * n), *Xs = gsl_matrix_alloc(1, n * n);
  for (size_t k = 2; k <= 4; k += 2) {
    mdl_pool2d_geometry pg = {1, n, n, k, k, 0};
    gsl_matrix *P = gsl_matrix_alloc(1, (n / k) * (n / k)), *Ps = gsl_matrix_alloc(1, (n / k) * (n / k));
    for (int rep = 0; rep < 100; rep++) {
      fill(r, X);
      assert_int_equal(mdl_pool2d_max_forward(&pg, X, P), 0);
      for (size_t d1 = 0; d1 < n; d1++)
        for (size_t d2 = 0; d2 < n; d2++) {
          size_t a1 = d1 <= n / 2 ? d1 : n - d1, a2 = d2 <= n / 2 ? d2 : n - d2;
          if (a1 > 2 || a2 > 2)
            continue;
          shift_images(X, 1, n, n, d1, d2, Xs);
          assert_int_equal(mdl_pool2d_max_forward(&pg, Xs, Ps), 0);
          int same = 1;
          for (size_t q = 0; q < P->size2; q++)
            same &= gsl_matrix_get(P, 0, q) == gsl_matrix_get(Ps, 0, q);
          if (pool_hyp(X->data, n, k, d1, d2)) {
            hyp++;
            violated += !same;
          }
          if (a1 + a2 == 1) {
            one_px++;
            one_px_changed += !same;
          }
        }
    }
    gsl_matrix_free(P);
    gsl_matrix_free(Ps);
  }
#line 4492 "chapters/03-cnn.nw"
  double counter;
  {
    const double xs[8] = {0, 0, 0, 5, 1, 1, 1, 1};
    gsl_matrix *x4 = gsl_matrix_alloc(1, 32), *xs4 = gsl_matrix_alloc(1, 32);
    gsl_matrix *p = gsl_matrix_alloc(1, 2), *ps = gsl_matrix_alloc(1, 2);
    for (size_t i = 0; i < 4; i++)
      for (size_t j = 0; j < 8; j++) {
        gsl_matrix_set(x4, 0, i * 8 + j, xs[j]);
        gsl_matrix_set(xs4, 0, i * 8 + (j + 1) % 8, xs[j]);
      }
    mdl_pool2d_geometry g4 = {1, 4, 8, 4, 4, 0};
    assert_int_equal(mdl_pool2d_max_forward(&g4, x4, p), 0);
    assert_int_equal(mdl_pool2d_max_forward(&g4, xs4, ps), 0);
    counter = fabs(gsl_matrix_get(p, 0, 0) - gsl_matrix_get(ps, 0, 0)) +
              fabs(gsl_matrix_get(p, 0, 1) - gsl_matrix_get(ps, 0, 1));
    gsl_matrix_free(x4);
    gsl_matrix_free(xs4);
    gsl_matrix_free(p);
    gsl_matrix_free(ps);
  }
#line 4467 "chapters/03-cnn.nw"
  CLAIM(.id = "cnn.maxpool-shift", .kind = CLAIM_IDENTITY,
        .measured = (double)violated, .reference = 0, .tolerance = 0,
        .samples = hyp, .seed = seed,
        .note = "shifts satisfying the hypotheses that change the max-pooled"
                " output (8x8 images, windows 2 and 4)");
  CLAIM(.id = "cnn.maxpool-shift", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = (double)hyp, .reference = 1,
        .tolerance = 0, .samples = hyp, .seed = seed,
        .note = "number of (image, shift) pairs that satisfy the hypotheses");
  CLAIM(.id = "cnn.maxpool-shift", .kind = CLAIM_IDENTITY,
        .measured = counter, .reference = 8, .tolerance = 0, .samples = 1,
        .note = "probe, the counterexample: sum |pool(T_1 x) - pool(x)| ="
                " |1-5| + |5-1|");
  CLAIM(.id = "cnn.maxpool-shift", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = (double)one_px_changed / (double)one_px,
        .reference = 0.5, .tolerance = 0, .samples = one_px, .seed = seed,
        .note = "experiment: fraction of one-pixel shifts of a random image"
                " that change the max-pooled output");
  gsl_matrix_free(X);
  gsl_matrix_free(Xs);
  gsl_rng_free(r);
}
#line 5036 "chapters/03-cnn.nw"
static double conv_norm_bound(size_t O, size_t C, size_t k, const double *w)
{
  double ro = 0, co = 0;
  for (size_t o = 0; o < O; o++) {
    double s = 0;
    for (size_t q = 0; q < C * k * k; q++)
      s += fabs(w[o * C * k * k + q]);
    ro = fmax(ro, s);
  }
  for (size_t c = 0; c < C; c++) {
    double s = 0;
    for (size_t o = 0; o < O; o++)
      for (size_t q = 0; q < k * k; q++)
        s += fabs(w[(o * C + c) * k * k + q]);
    co = claim_fmax(co, s);
  }
  return sqrt(ro * co);
}

static void plain_block(const mdl_conv2d_geometry *g, const gsl_vector *th,
                        const gsl_matrix *X, gsl_matrix *H, gsl_matrix *Y)
{
  size_t nw = g->out_channels * g->in_channels * g->kernel * g->kernel, O = g->out_channels;
  gsl_vector_const_view w1 = gsl_vector_const_subvector(th, 0, nw);
  gsl_vector_const_view b1 = gsl_vector_const_subvector(th, nw, O);
  gsl_vector_const_view w2 = gsl_vector_const_subvector(th, nw + O, nw);
  gsl_vector_const_view b2 = gsl_vector_const_subvector(th, 2 * nw + O, O);
  assert_int_equal(mdl_conv2d_forward(g, &w1.vector, &b1.vector, X, H), 0);
  gsl_matrix *A = gsl_matrix_alloc(H->size1, H->size2);
  for (size_t i = 0; i < H->size1; i++)
    for (size_t j = 0; j < H->size2; j++)
      gsl_matrix_set(A, i, j, fmax(gsl_matrix_get(H, i, j), 0));
  assert_int_equal(mdl_conv2d_forward(g, &w2.vector, &b2.vector, A, Y), 0);
  gsl_matrix_free(A);
}

static void plain_block_backward(const mdl_conv2d_geometry *g,
                                 const gsl_vector *th, const gsl_matrix *X,
                                 const gsl_matrix *H, const gsl_matrix *dY,
                                 gsl_matrix *dX)
{
  size_t nw = g->out_channels * g->in_channels * g->kernel * g->kernel, O = g->out_channels;
  gsl_vector_const_view w1 = gsl_vector_const_subvector(th, 0, nw);
  gsl_vector_const_view w2 = gsl_vector_const_subvector(th, nw + O, nw);
  gsl_matrix *A = gsl_matrix_alloc(H->size1, H->size2), *dA = gsl_matrix_alloc(H->size1, H->size2);
  for (size_t i = 0; i < H->size1; i++)
    for (size_t j = 0; j < H->size2; j++)
      gsl_matrix_set(A, i, j, fmax(gsl_matrix_get(H, i, j), 0));
  assert_int_equal(mdl_conv2d_backward(g, &w2.vector, A, dY, NULL, NULL, dA), 0);
  for (size_t i = 0; i < H->size1; i++)
    for (size_t j = 0; j < H->size2; j++)
      if (!(gsl_matrix_get(H, i, j) > 0))
        gsl_matrix_set(dA, i, j, 0);
  assert_int_equal(mdl_conv2d_backward(g, &w1.vector, X, dA, NULL, NULL, dX), 0);
  gsl_matrix_free(A);
  gsl_matrix_free(dA);
}
#line 5096 "chapters/03-cnn.nw"
static void stack_gradients(const mdl_conv2d_geometry *g, size_t L,
                            gsl_vector *const *th, const gsl_matrix *X0,
                            const gsl_matrix *dY, double *res, double *plain)
{
  const size_t B = X0->size1, n = X0->size2;
  gsl_matrix **Xr = malloc((L + 1) * sizeof *Xr), **Xp = malloc((L + 1) * sizeof *Xp);
  gsl_matrix **Hp = malloc(L * sizeof *Hp);
  for (size_t l = 0; l <= L; l++) {
    Xr[l] = gsl_matrix_alloc(B, n);
    Xp[l] = gsl_matrix_alloc(B, n);
  }
  gsl_matrix_memcpy(Xr[0], X0);
  gsl_matrix_memcpy(Xp[0], X0);
  for (size_t l = 0; l < L; l++) {
    Hp[l] = gsl_matrix_alloc(B, n);
    assert_int_equal(mdl_conv_residual_forward(g, th[l], Xr[l], Xr[l + 1]), 0);
    plain_block(g, th[l], Xp[l], Hp[l], Xp[l + 1]);
  }
  gsl_matrix *dr = gsl_matrix_alloc(B, n), *dp = gsl_matrix_alloc(B, n), *t = gsl_matrix_alloc(B, n);
  gsl_matrix_memcpy(dr, dY);
  gsl_matrix_memcpy(dp, dY);
  for (size_t l = L; l-- > 0;) {
    assert_int_equal(mdl_conv_residual_backward(g, th[l], Xr[l], dr, NULL, t), 0);
    gsl_matrix_memcpy(dr, t);
    plain_block_backward(g, th[l], Xp[l], Hp[l], dp, t);
    gsl_matrix_memcpy(dp, t);
  }
  gsl_vector_view v0 = gsl_vector_view_array(dY->data, B * n);
  gsl_vector_view vr = gsl_vector_view_array(dr->data, B * n);
  gsl_vector_view vp = gsl_vector_view_array(dp->data, B * n);
  double n0 = gsl_blas_dnrm2(&v0.vector);
  *res = gsl_blas_dnrm2(&vr.vector) / n0;
  *plain = gsl_blas_dnrm2(&vp.vector) / n0;
  for (size_t l = 0; l <= L; l++) {
    gsl_matrix_free(Xr[l]);
    gsl_matrix_free(Xp[l]);
  }
  for (size_t l = 0; l < L; l++)
    gsl_matrix_free(Hp[l]);
  free(Xr);
  free(Xp);
  free(Hp);
  gsl_matrix_free(dr);
  gsl_matrix_free(dp);
  gsl_matrix_free(t);
}
#line 5145 "chapters/03-cnn.nw"
static void test_residual_gradient(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3103001);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { LMAX = 20 };
  const size_t C = 4, k = 3, H = 8;
  mdl_conv2d_geometry g = {C, C, H, H, k, 1, 1};
  size_t np = mdl_conv_residual_nparams(&g), nw = C * C * k * k;
  gsl_vector *th[LMAX];
  double eps[LMAX];
  for (size_t l = 0; l < LMAX; l++) {
    th[l] = gsl_vector_alloc(np);
    for (size_t q = 0; q < np; q++)
      gsl_vector_set(th[l], q, gsl_ran_gaussian(r, 0.01));
    eps[l] = conv_norm_bound(C, C, k, th[l]->data) *
             conv_norm_bound(C, C, k, th[l]->data + nw + C);
  }
  gsl_matrix *X = gsl_matrix_alloc(2, C * H * H), *dY = gsl_matrix_alloc(2, C * H * H);
  fill(r, X);
  fill(r, dY);
  double m = 2.0 * (double)(C * k * k + 2) + 2, worst_lo = 0, worst_hi = 0, worst_plain = 0;
  double lo = 1, hi = 1, pl = 1, slack_lo = 1, slack_hi = 1, res_L = 0, plain_L = 0;
  for (size_t L = 1; L <= LMAX; L++) {
    double e = eps[L - 1], d = gam(m) * (1 + e) / (1 - e);
    lo *= 1 - e;
    hi *= 1 + e;
    pl *= e;
    slack_lo *= 1 - d;
    slack_hi *= 1 + d;
    double res, plain;
    stack_gradients(&g, L, th, X, dY, &res, &plain);
    worst_lo = claim_fmax(worst_lo, lo * slack_lo / res);
    worst_hi = claim_fmax(worst_hi, res / (hi * slack_hi));
    worst_plain = claim_fmax(worst_plain, plain / (pl * slack_hi));
    res_L = res;
    plain_L = plain;
  }
  CLAIM(.id = "cnn.residual-gradient", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst_lo, .reference = 1,
        .tolerance = 0, .samples = LMAX, .seed = seed,
        .note = "residual: largest prod(1-eps_l) / (gradient norm ratio),"
                " depths 1-20");
  CLAIM(.id = "cnn.residual-gradient", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst_hi, .reference = 1,
        .tolerance = 0, .samples = LMAX, .seed = seed,
        .note = "residual: largest (gradient norm ratio) / prod(1+eps_l)");
  CLAIM(.id = "cnn.residual-gradient", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst_plain, .reference = 1,
        .tolerance = 0, .samples = LMAX, .seed = seed,
        .note = "plain: largest (gradient norm ratio) / prod(eps_l)");
  CLAIM(.id = "cnn.residual-gradient", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = plain_L / res_L,
        .reference = 1e-6, .tolerance = 0, .samples = 1, .seed = seed,
        .note = "experiment: plain / residual gradient norm at depth 20");
  for (size_t l = 0; l < LMAX; l++)
    gsl_vector_free(th[l]);
  gsl_matrix_free(X);
  gsl_matrix_free(dY);
  gsl_rng_free(r);
}
#line 4666 "chapters/03-cnn.nw"
typedef struct {
  double c, a[3], th[3];
} deformation;

typedef struct {
  int K;
  double b[17], s[17];
} trig_poly;

static double tau_at(const deformation *t, double u)
{
  double v = t->c;
  for (int k = 0; k < 3; k++)
    v += t->a[k] * sin(2 * M_PI * (k + 1) * u + t->th[k]);
  return v;
}

static double poly_at(const trig_poly *x, double u)
{
  double v = 0;
  for (int f = 1; f <= x->K; f++)
    v += x->b[f] * cos(2 * M_PI * f * u) + x->s[f] * sin(2 * M_PI * f * u);
  return v;
}

static double rms(const gsl_vector *v)
{
  return gsl_blas_dnrm2(v) / sqrt((double)v->size);
}

static void periodic_gaussian(gsl_vector *phi, double width)
{
  size_t N = phi->size;
  double sum = 0;
  for (size_t i = 0; i < N; i++) {
    double u = (double)i / (double)N, v = 0;
    for (int m = -3; m <= 3; m++)
      v += exp(-gsl_pow_2(u + m) / (2 * width * width));
    gsl_vector_set(phi, i, v);
    sum += v;
  }
  gsl_vector_scale(phi, (double)N / sum);
}
#line 4712 "chapters/03-cnn.nw"
static void smooth(const gsl_vector *phi, const gsl_vector *x, gsl_vector *y)
{
  assert_int_equal(mdl_conv_circular(phi, x, y), 0);
  gsl_vector_scale(y, 1.0 / (double)x->size);
}

static void test_deformation_stability(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3104603);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { N = 1024, CASES = 40 };
  gsl_vector *phi = gsl_vector_alloc(N), *x = gsl_vector_alloc(N), *y = gsl_vector_alloc(N);
  gsl_vector *Ax = gsl_vector_alloc(N), *Ay = gsl_vector_alloc(N);
  periodic_gaussian(phi, 0.05);
  double dphi = 2 * gsl_vector_max(phi), worst = 0;
  for (int t = 0; t < CASES; t++) {
    trig_poly xp = {16, {0}, {0}};
    for (int f = 1; f <= 16; f++) {
      xp.b[f] = gsl_ran_gaussian(r, 1);
      xp.s[f] = gsl_ran_gaussian(r, 1);
    }
    deformation d = {gsl_ran_gaussian(r, 0.02), {0}, {0}};
    double target = 0.5 * gsl_rng_uniform(r), gsum = 0, tinf = fabs(d.c);
    for (int k = 0; k < 3; k++) {
      d.a[k] = gsl_rng_uniform(r);
      d.th[k] = 2 * M_PI * gsl_rng_uniform(r);
      gsum += 2 * M_PI * (k + 1) * d.a[k];
    }
    for (int k = 0; k < 3; k++) {
      d.a[k] *= target / gsum;
      tinf += d.a[k];
    }
    for (size_t i = 0; i < N; i++) {
      double u = (double)i / N;
      gsl_vector_set(x, i, poly_at(&xp, u));
      gsl_vector_set(y, i, poly_at(&xp, u - tau_at(&d, u)));
    }
    smooth(phi, x, Ax);
    smooth(phi, y, Ay);
    gsl_vector_sub(Ay, Ax);
    double bound = (tinf * dphi + target) / (1 - target) * rms(x);
#line 4787 "chapters/03-cnn.nw"
    const double u0 = DBL_EPSILON / 2, K = 16, width = 0.05, a = width;
    double S = 0, b = a;
    for (int f = 1; f <= 16; f++)
      S += fabs(xp.b[f]) + fabs(xp.s[f]);
    for (int k = 0; k < 3; k++)
      b += d.a[k] * sinh(2 * M_PI * (k + 1) * a);
    double e_tau = tinf * (8 * M_PI * gam(4) + 2 * u0 + gam(4));
    double e_x = S * (2 * M_PI * K * gam(3) + 2 * u0 + gam(2 * K + 2));
    double e_y = S * (2 * M_PI * K * ((1 + tinf) * gam(4) + e_tau) + 2 * u0 + gam(2 * K + 2));
    double eps_phi = 50 * gam(3) + 2 * u0 + gam(7) + gam(N + 2);
    double round_err = (e_x + e_y) * (1 + eps_phi) + 2 * eps_phi * S +
                       2 * gam(N) * (1 + eps_phi) * S + gam(N + 3) * rms(Ay) +
                       1.01 * bound / rms(x) * e_x;
    double decay = 2 / expm1(2 * M_PI * a * N);
    double M1 = exp(0.5) * (dphi / 2) * S * cosh(2 * M_PI * K * b);
    double M2 = gsl_pow_2(2 * exp(0.5) * S);
    double quad_err = 2 * M1 * decay + sqrt(M2 * decay) + bound * exp(0.5) * (dphi / 2) * decay;
    double err = round_err + quad_err;
#line 4756 "chapters/03-cnn.nw"
    worst = claim_fmax(worst, rms(Ay) / (bound * (1 + eps_phi + gam(12)) + err));
  }
#line 4810 "chapters/03-cnn.nw"
  double ident, high, ident_tol;
  {
    for (size_t i = 0; i < N; i++) {
      double u = (double)i / N;
      gsl_vector_set(x, i, cos(2 * M_PI * 16 * u));
      gsl_vector_set(y, i, cos(2 * M_PI * 16 * (u - 1.0 / 32)));
    }
    gsl_vector_memcpy(Ay, y);
    gsl_vector_sub(Ay, x);
    ident = rms(Ay) / rms(x);
    {
      /* each sample of cos(2 pi 16 u) and of its shift is off by at most
         e1 (the angle rounded with gamma_3, cos within 2u); the rms of the
         difference is sqrt 2 and that of x is 1/sqrt 2, each up to the
         sample errors and gamma_{N+2}; the quotient adds a rounding */
      const double u0 = DBL_EPSILON / 2, e1 = 2 * M_PI * 16 * gam(3) + 2 * u0;
      ident_tol = 1.01 * sqrt(2) * (4 * e1 + 2 * u0 + 2 * sqrt(2) * gam(N + 2)) + 4 * u0;
    }
    const double xi = 256, eps = 0.05;
    gsl_vector *psi = gsl_vector_alloc(N);
    for (size_t i = 0; i < N; i++)
      gsl_vector_set(psi, i, gsl_vector_get(phi, i) * cos(2 * M_PI * xi * (double)i / N));
    for (size_t i = 0; i < N; i++) {
      double u = (double)i / N, tu = eps / (2 * M_PI) * sin(2 * M_PI * u);
      gsl_vector_set(x, i, cos(2 * M_PI * xi * u));
      gsl_vector_set(y, i, cos(2 * M_PI * xi * (u - tu)));
    }
    smooth(psi, x, Ax);
    smooth(psi, y, Ay);
    gsl_vector_sub(Ay, Ax);
    double bound = (eps / (2 * M_PI) * dphi + eps) / (1 - eps) * rms(x);
    high = rms(Ay) / bound;
    gsl_vector_free(psi);
  }
#line 4759 "chapters/03-cnn.nw"
  CLAIM(.id = "cnn.deformation-stability", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .tolerance = 0, .samples = CASES, .seed = seed,
        .note = "largest ||A L_tau x - A x|| over (||tau|| ||phi'||_1 +"
                " ||tau'||)/(1 - ||tau'||) ||x||, 40 random deformations");
  CLAIM(.id = "cnn.deformation-stability", .kind = CLAIM_IDENTITY,
        .measured = ident, .reference = 2, .tolerance = ident_tol,
        .samples = 1,
        .note = "probe, identity: ||L_tau x - x|| / ||x|| for tau = 1/32,"
                " x = cos(2 pi 16 u), while tau' = 0");
  CLAIM(.id = "cnn.deformation-stability", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = high, .reference = 1,
        .tolerance = 0, .samples = 1,
        .note = "probe, band-pass filter at frequency 256: change over the"
                " bound of the proposition for the average");
  gsl_vector_free(phi);
  gsl_vector_free(x);
  gsl_vector_free(y);
  gsl_vector_free(Ax);
  gsl_vector_free(Ay);
  gsl_rng_free(r);
}
#line 5418 "chapters/03-cnn.nw"
static double norm_dual(const double *x, size_t N, size_t j, const double *gamma,
                        double eps, const double *G)
{
  double mu = 0, mud = 1.0 / (double)N, var = 0, vard = 0, Ld = 0;
  for (size_t i = 0; i < N; i++)
    mu += x[i];
  mu /= (double)N;
  for (size_t i = 0; i < N; i++) {
    double dv = x[i] - mu, dd = (i == j) - mud;
    var += dv * dv;
    vard += 2 * dv * dd;
  }
  var /= (double)N;
  vard /= (double)N;
  double s = sqrt(var + eps), sd = vard / (2 * s);
  for (size_t i = 0; i < N; i++) {
    double dv = x[i] - mu, dd = (i == j) - mud;
    Ld += G[i] * gamma[i] * (dd * s - dv * sd) / (s * s);
  }
  return Ld;
}
#line 5442 "chapters/03-cnn.nw"
static void norm_bound(const double *z, const double *delta, size_t N,
                       double eps, double *d, double *a, double *xh)
{
  double mu = 0, mabs = 0, var = 0, mg = 0, mga = 0;
  for (size_t i = 0; i < N; i++) {
    mu += z[i];
    mabs += fabs(z[i]);
  }
  mu /= (double)N;
  mabs /= (double)N;
  for (size_t i = 0; i < N; i++)
    var += (z[i] - mu) * (z[i] - mu);
  double sigma = sqrt(var / (double)N + eps);
  for (size_t i = 0; i < N; i++) {
    xh[i] = (z[i] - mu) / sigma;
    a[i] = fabs(xh[i]) + (fabs(z[i]) + mabs) / sigma;
    mg += fabs(delta[i]) / (double)N;
    mga += fabs(delta[i]) * a[i] / (double)N;
  }
  for (size_t i = 0; i < N; i++)
    d[i] = (fabs(delta[i]) + mg + (fabs(xh[i]) + a[i]) * mga) / sigma;
}
#line 5468 "chapters/03-cnn.nw"
typedef struct {
  gsl_matrix *G;
  gsl_vector *gamma, *beta;
} bn_loss_ctx;

static double bn_loss(const gsl_vector *x, void *params)
{
  bn_loss_ctx *c = params;
  gsl_matrix_const_view X = gsl_matrix_const_view_vector(x, 6, 3);
  gsl_matrix *Y = gsl_matrix_alloc(6, 3);
  assert_int_equal(mdl_conv_batchnorm_forward(3, 1e-5, c->gamma, c->beta, &X.matrix, Y), 0);
  double L = 0;
  for (size_t i = 0; i < 6; i++)
    for (size_t j = 0; j < 3; j++)
      L += gsl_matrix_get(c->G, i, j) * gsl_matrix_get(Y, i, j);
  gsl_matrix_free(Y);
  return L;
}
#line 5495 "chapters/03-cnn.nw"
static void test_norm_backward(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3103203);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  double worst_bn = 0, worst_ln = 0, worst_wn = 0, worst_par = 0, cd = 0;
  const double eps = 1e-5;
  enum { CASES = 40 };
  for (int t = 0; t < CASES; t++) {
    size_t B = 2 + gsl_rng_uniform_int(r, 6), C = 1 + gsl_rng_uniform_int(r, 3);
    size_t n = 1 + gsl_rng_uniform_int(r, 4), N = B * n;
    gsl_matrix *X = gsl_matrix_alloc(B, C * n), *G = gsl_matrix_alloc(B, C * n);
    gsl_matrix *dX = gsl_matrix_alloc(B, C * n);
    gsl_vector *ga = gsl_vector_alloc(C), *dga = gsl_vector_alloc(C), *dbe = gsl_vector_alloc(C);
    fill(r, X);
    gsl_matrix_scale(X, 3);
    gsl_matrix_add_constant(X, 1.5);
    fill(r, G);
    fillv(r, ga);
    assert_int_equal(mdl_conv_batchnorm_backward(C, eps, ga, X, G, dX, dga, dbe), 0);
    double *z = malloc(N * sizeof *z), *g = malloc(N * sizeof *g), *gm = malloc(N * sizeof *gm);
    double *d = malloc(N * sizeof *d), *a = malloc(N * sizeof *a), *xh = malloc(N * sizeof *xh);
    for (size_t c = 0; c < C; c++) {
      double gc = gsl_vector_get(ga, c), sd = 0, sdx = 0, sabs = 0, sxabs = 0;
      for (size_t b = 0; b < B; b++)
        for (size_t q = 0; q < n; q++) {
          z[b * n + q] = gsl_matrix_get(X, b, c * n + q);
          g[b * n + q] = gsl_matrix_get(G, b, c * n + q) * gc;
          gm[b * n + q] = gc;
        }
      norm_bound(z, g, N, eps, d, a, xh);
      for (size_t i = 0; i < N; i++) {
        double Gi = gsl_matrix_get(G, i / n, c * n + i % n);
        double fm = norm_dual(z, N, i, gm, eps, g) / gc;
        double lib = gsl_matrix_get(dX, i / n, c * n + i % n);
        worst_bn = claim_fmax(worst_bn, fabs(fm - lib) / (2 * gam((double)(2 * N + 10)) * d[i]));
        sd += Gi;
        sdx += Gi * xh[i];
        sabs += fabs(Gi);
        sxabs += fabs(Gi) * a[i];
      }
      worst_par = claim_fmax(worst_par, fabs(gsl_vector_get(dbe, c) - sd) / (2 * gam((double)N + 2) * sabs));
      worst_par = claim_fmax(worst_par, fabs(gsl_vector_get(dga, c) - sdx) / (2 * gam(3.0 * (double)N + 8) * sxabs));
    }
    free(z);
    free(g);
    free(gm);
    free(d);
    free(a);
    free(xh);
    gsl_matrix_free(X);
    gsl_matrix_free(G);
    gsl_matrix_free(dX);
    gsl_vector_free(ga);
    gsl_vector_free(dga);
    gsl_vector_free(dbe);
#line 5590 "chapters/03-cnn.nw"
    {
      size_t D = 2 + gsl_rng_uniform_int(r, 10), R = 1 + gsl_rng_uniform_int(r, 3);
      gsl_matrix *Xl = gsl_matrix_alloc(R, D), *Gl = gsl_matrix_alloc(R, D), *dXl = gsl_matrix_alloc(R, D);
      gsl_vector *gl = gsl_vector_alloc(D);
      fill(r, Xl);
      gsl_matrix_add_constant(Xl, -0.75);
      fill(r, Gl);
      fillv(r, gl);
      assert_int_equal(mdl_conv_layernorm_backward(eps, gl, Xl, Gl, dXl, NULL, NULL), 0);
      double *dl = malloc(D * sizeof *dl), *al = malloc(D * sizeof *al), *xl = malloc(D * sizeof *xl);
      double *gg = malloc(D * sizeof *gg);
      for (size_t b = 0; b < R; b++) {
        for (size_t j = 0; j < D; j++)
          gg[j] = gsl_matrix_get(Gl, b, j) * gsl_vector_get(gl, j);
        norm_bound(Xl->data + b * D, gg, D, eps, dl, al, xl);
        for (size_t j = 0; j < D; j++) {
          double fm = norm_dual(Xl->data + b * D, D, j, gl->data, eps, Gl->data + b * D);
          worst_ln = claim_fmax(worst_ln, fabs(fm - gsl_matrix_get(dXl, b, j)) /
                                        (2 * gam((double)(2 * D + 10)) * dl[j]));
        }
      }
      gsl_vector *v = gsl_vector_alloc(D), *c = gsl_vector_alloc(D), *dv = gsl_vector_alloc(D);
      fillv(r, v);
      fillv(r, c);
      double gw = 0.5 + gsl_rng_uniform(r), dg, nv = gsl_blas_dnrm2(v), sa = 0, dgf = 0;
      assert_int_equal(mdl_conv_weightnorm_backward(gw, v, c, dv, &dg), 0);
      for (size_t i = 0; i < D; i++) {
        sa += fabs(gsl_vector_get(c, i) * gsl_vector_get(v, i));
        dgf += gsl_vector_get(c, i) * gsl_vector_get(v, i) / nv;
      }
      for (size_t j = 0; j < D; j++) {
        double vj = gsl_vector_get(v, j), fm = 0;
        for (size_t i = 0; i < D; i++)
          fm += gsl_vector_get(c, i) * gw * ((i == j) * nv - gsl_vector_get(v, i) * vj / nv) / (nv * nv);
        double bound = fabs(gw) / nv * (fabs(gsl_vector_get(c, j)) + sa * fabs(vj) / (nv * nv));
        worst_wn = claim_fmax(worst_wn, fabs(fm - gsl_vector_get(dv, j)) / (2 * gam((double)D + 6) * bound));
      }
      worst_wn = claim_fmax(worst_wn, fabs(dg - dgf) / (2 * gam((double)D + 6) * sa / nv));
      free(dl);
      free(al);
      free(xl);
      free(gg);
      gsl_matrix_free(Xl);
      gsl_matrix_free(Gl);
      gsl_matrix_free(dXl);
      gsl_vector_free(gl);
      gsl_vector_free(v);
      gsl_vector_free(c);
      gsl_vector_free(dv);
    }
#line 5553 "chapters/03-cnn.nw"
  }
#line 5643 "chapters/03-cnn.nw"
  {
    bn_loss_ctx ctx = {gsl_matrix_alloc(6, 3), gsl_vector_alloc(3), gsl_vector_alloc(3)};
    fill(r, ctx.G);
    fillv(r, ctx.gamma);
    fillv(r, ctx.beta);
    gsl_vector *x = gsl_vector_alloc(18), *grad = gsl_vector_alloc(18);
    fillv(r, x);
    gsl_matrix_view Xv = gsl_matrix_view_vector(x, 6, 3);
    gsl_matrix_view dXv = gsl_matrix_view_vector(grad, 6, 3);
    assert_int_equal(mdl_conv_batchnorm_backward(3, eps, ctx.gamma, &Xv.matrix, ctx.G,
                                                 &dXv.matrix, NULL, NULL), 0);
    gsl_multimin_function F = {bn_loss, 18, &ctx};
    mdl_numcheck_report rep;
    assert_int_equal(mdl_numcheck_gradient(&F, x, grad, 0, &rep), 0);
    cd = rep.max_rel_err;
    gsl_matrix_free(ctx.G);
    gsl_vector_free(ctx.gamma);
    gsl_vector_free(ctx.beta);
    gsl_vector_free(x);
    gsl_vector_free(grad);
  }
#line 5555 "chapters/03-cnn.nw"
  CLAIM(.id = "cnn.norm-backward", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = worst_bn, .reference = 1, .tolerance = 0, .samples = CASES,
        .seed = seed,
        .note = "batchnorm dX: largest |backward - forward-mode derivative|"
                " over 2 gamma_{2N+10} d_i");
  CLAIM(.id = "cnn.norm-backward", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = worst_par, .reference = 1, .tolerance = 0, .samples = CASES,
        .seed = seed,
        .note = "batchnorm dgamma, dbeta: largest |backward - direct sum| over"
                " its tolerance");
  CLAIM(.id = "cnn.norm-backward", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = worst_ln, .reference = 1, .tolerance = 0, .samples = CASES,
        .seed = seed,
        .note = "layernorm dX: largest |backward - forward-mode derivative|"
                " over 2 gamma_{2N+10} d_i");
  CLAIM(.id = "cnn.norm-backward", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = worst_wn, .reference = 1, .tolerance = 0, .samples = CASES,
        .seed = seed,
        .note = "weightnorm dv and dg: largest |backward - forward mode| over"
                " its tolerance");
  CLAIM(.id = "cnn.norm-backward", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = cd, .reference = 1e-6,
        .tolerance = 0, .samples = 1, .seed = seed,
        .note = "experiment: relative error that mdl_numcheck_gradient (central"
                " differences) reports for batchnorm; a wrong formula gives 1e-2");
  gsl_rng_free(r);
}
#line 5685 "chapters/03-cnn.nw"
static double frob_dot(const gsl_matrix *A, const gsl_matrix *B)
{
  double s = 0;
  for (size_t i = 0; i < A->size1; i++)
    for (size_t j = 0; j < A->size2; j++)
      s += gsl_matrix_get(A, i, j) * gsl_matrix_get(B, i, j);
  return s;
}

static size_t count_ne(const gsl_matrix *A, const gsl_matrix *B)
{
  size_t n = 0;
  for (size_t i = 0; i < A->size1; i++)
    for (size_t j = 0; j < A->size2; j++)
      n += gsl_matrix_get(A, i, j) != gsl_matrix_get(B, i, j);
  return n;
}
#line 5705 "chapters/03-cnn.nw"
static double norm_grad(int kind, double eps, const gsl_matrix *X,
                        const gsl_matrix *W, const gsl_vector *ga,
                        const gsl_vector *be, const gsl_matrix *G,
                        gsl_matrix *Y, gsl_matrix *dW)
{
  size_t B = X->size1, F = W->size2;
  gsl_matrix *Z = gsl_matrix_alloc(B, F), *dZ = gsl_matrix_alloc(B, F);
  gsl_matrix *Xa = gsl_matrix_alloc(B, X->size2), *Wa = gsl_matrix_alloc(W->size1, F);
  gsl_matrix *Za = gsl_matrix_alloc(B, F);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, X, W, 0.0, Z);
  if (kind == 0) {
    assert_int_equal(mdl_conv_batchnorm_forward(F, eps, ga, be, Z, Y), 0);
    assert_int_equal(mdl_conv_batchnorm_backward(F, eps, ga, Z, G, dZ, NULL, NULL), 0);
  } else {
    assert_int_equal(mdl_conv_layernorm_forward(eps, ga, be, Z, Y), 0);
    assert_int_equal(mdl_conv_layernorm_backward(eps, ga, Z, G, dZ, NULL, NULL), 0);
  }
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, X, dZ, 0.0, dW);
  gsl_matrix_memcpy(Xa, X);
  gsl_matrix_memcpy(Wa, W);
  mat_abs(Xa);
  mat_abs(Wa);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, Xa, Wa, 0.0, Za);
  size_t N = kind == 0 ? B : F, groups = kind == 0 ? F : B;
  double *z = calloc(N, sizeof *z), *dl = calloc(N, sizeof *dl), *d = malloc(N * sizeof *d);
  double *a = malloc(N * sizeof *a), *xh = malloc(N * sizeof *xh), S = 0;
  for (size_t gi = 0; gi < groups; gi++) {
    for (size_t i = 0; i < N; i++) {
      size_t b = kind == 0 ? i : gi, j = kind == 0 ? gi : i;
      z[i] = gsl_matrix_get(Z, b, j);
      dl[i] = gsl_matrix_get(G, b, j) * gsl_vector_get(ga, kind == 0 ? gi : i);
    }
    norm_bound(z, dl, N, eps, d, a, xh);
    for (size_t i = 0; i < N; i++) {
      size_t b = kind == 0 ? i : gi, j = kind == 0 ? gi : i;
      S += (d[i] + fabs(gsl_matrix_get(dZ, b, j))) * gsl_matrix_get(Za, b, j);
    }
  }
  free(z);
  free(dl);
  free(d);
  free(a);
  free(xh);
  gsl_matrix_free(Z);
  gsl_matrix_free(dZ);
  gsl_matrix_free(Xa);
  gsl_matrix_free(Wa);
  gsl_matrix_free(Za);
  return S;
}
#line 5758 "chapters/03-cnn.nw"
static void test_norm_scale_invariance(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3103409);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const double alphas[4] = {0x1p-10, 0x1p-3, 0x1p5, 0x1p12};
  size_t changed[2] = {0, 0}, gscale[2] = {0, 0};
  double orth[2] = {0, 0}, probe = 0;
  const size_t Bs[2] = {16, 5}, Fs[2] = {1, 8}, n = 6;
  for (int kind = 0; kind < 2; kind++)
    for (int rep = 0; rep < 10; rep++) {
      size_t B = Bs[kind], F = Fs[kind];
      gsl_matrix *X = gsl_matrix_alloc(B, n), *W = gsl_matrix_alloc(n, F), *Wa = gsl_matrix_alloc(n, F);
      gsl_matrix *G = gsl_matrix_alloc(B, F), *Y = gsl_matrix_alloc(B, F), *Ya = gsl_matrix_alloc(B, F);
      gsl_matrix *dW = gsl_matrix_alloc(n, F), *dWa = gsl_matrix_alloc(n, F);
      gsl_vector *ga = gsl_vector_alloc(F), *be = gsl_vector_alloc(F);
      fill(r, X);
      gsl_matrix_add_constant(X, 0.8);
      fill(r, W);
      fill(r, G);
      fillv(r, ga);
      fillv(r, be);
      double S = norm_grad(kind, 0, X, W, ga, be, G, Y, dW);
      double dot = frob_dot(dW, W);
      double m = (double)(2 * (kind ? F : B) + 10 + B + n * F);
      orth[kind] = claim_fmax(orth[kind], fabs(dot) / (2 * gam(m) * S));
      for (int k = 0; k < 4; k++) {
        gsl_matrix_memcpy(Wa, W);
        gsl_matrix_scale(Wa, alphas[k]);
        norm_grad(kind, 0, X, Wa, ga, be, G, Ya, dWa);
        changed[kind] += count_ne(Y, Ya);
        gsl_matrix_scale(dWa, alphas[k]);
        gscale[kind] += count_ne(dW, dWa);
        if (kind == 0 && k == 0) {
          norm_grad(0, 0.1, X, W, ga, be, G, Y, dW);
          norm_grad(0, 0.1, X, Wa, ga, be, G, Ya, dWa);
          for (size_t i = 0; i < B; i++)
            probe = claim_fmax(probe, fabs(gsl_matrix_get(Y, i, 0) - gsl_matrix_get(Ya, i, 0)));
          norm_grad(kind, 0, X, W, ga, be, G, Y, dW);
        }
      }
      gsl_matrix_free(X);
      gsl_matrix_free(W);
      gsl_matrix_free(Wa);
      gsl_matrix_free(G);
      gsl_matrix_free(Y);
      gsl_matrix_free(Ya);
      gsl_matrix_free(dW);
      gsl_matrix_free(dWa);
      gsl_vector_free(ga);
      gsl_vector_free(be);
    }
#line 5844 "chapters/03-cnn.nw"
  double wn_orth = 0, wn_scale = 0;
  for (int rep = 0; rep < 10; rep++) {
    const size_t B = 16, D = 6;
    gsl_matrix *X = gsl_matrix_alloc(B, D);
    gsl_vector *v = gsl_vector_alloc(D), *va = gsl_vector_alloc(D), *c = gsl_vector_alloc(B);
    gsl_vector *w = gsl_vector_alloc(D), *z = gsl_vector_alloc(B), *dz = gsl_vector_alloc(B);
    gsl_vector *dw = gsl_vector_alloc(D), *dv = gsl_vector_alloc(D), *dva = gsl_vector_alloc(D);
    fill(r, X);
    fillv(r, v);
    fillv(r, c);
    double g = 1.7;
    for (int k = 0; k < 5; k++) {
      double alpha = k == 0 ? 1 : 0.37 * pow(10, k - 2);
      gsl_vector_memcpy(va, v);
      gsl_vector_scale(va, alpha);
      assert_int_equal(mdl_conv_weightnorm(g, va, w), 0);
      gsl_blas_dgemv(CblasNoTrans, 1.0, X, w, 0.0, z);
      for (size_t b = 0; b < B; b++)
        gsl_vector_set(dz, b, gsl_vector_get(z, b) > 0 ? gsl_vector_get(c, b) : 0);
      gsl_blas_dgemv(CblasTrans, 1.0, X, dz, 0.0, dw);
      assert_int_equal(mdl_conv_weightnorm_backward(g, va, dw, k == 0 ? dv : dva, NULL), 0);
      double nv = gsl_blas_dnrm2(va), S = 0, dot;
      for (size_t j = 0; j < D; j++)
        S += fabs(gsl_vector_get(dw, j) * gsl_vector_get(va, j));
      double bnorm = 0, borth = 0;
      for (size_t j = 0; j < D; j++) {
        double bj = g / nv * (fabs(gsl_vector_get(dw, j)) + S * fabs(gsl_vector_get(va, j)) / (nv * nv));
        bnorm += bj * bj;
        borth += bj * fabs(gsl_vector_get(va, j));
      }
      gsl_blas_ddot(k == 0 ? dv : dva, va, &dot);
      wn_orth = claim_fmax(wn_orth, fabs(dot) / (2 * gam((double)(2 * D + 8)) * borth));
      if (k > 0)
        wn_scale = claim_fmax(wn_scale, fabs(alpha * gsl_blas_dnrm2(dva) - gsl_blas_dnrm2(dv)) /
                                      (4 * gam((double)(2 * D + 8)) * alpha * sqrt(bnorm)));
    }
    gsl_matrix_free(X);
    gsl_vector_free(v);
    gsl_vector_free(va);
    gsl_vector_free(c);
    gsl_vector_free(w);
    gsl_vector_free(z);
    gsl_vector_free(dz);
    gsl_vector_free(dw);
    gsl_vector_free(dv);
    gsl_vector_free(dva);
  }
  CLAIM(.id = "cnn.norm-scale-invariance", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = wn_orth, .reference = 1,
        .tolerance = 0, .samples = 50, .seed = seed,
        .note = "weight norm: largest |<grad_v L, v>| over its rounding tolerance");
  CLAIM(.id = "cnn.norm-scale-invariance", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = wn_scale, .reference = 1,
        .tolerance = 0, .samples = 40, .seed = seed,
        .note = "weight norm: largest |alpha ||grad L(alpha v)|| - ||grad L(v)|||"
                " over its tolerance, alpha = 0.0037 .. 37");
#line 5812 "chapters/03-cnn.nw"
  const char *names[2] = {"batch norm", "layer norm"};
  char note[200];
  for (int kind = 0; kind < 2; kind++) {
    snprintf(note, sizeof note, "%s, eps 0: outputs that change when W is"
             " scaled by 2^-10, 2^-3, 2^5, 2^12", names[kind]);
    CLAIM(.id = "cnn.norm-scale-invariance", .kind = CLAIM_IDENTITY,
          .measured = (double)changed[kind], .reference = 0, .tolerance = 0,
          .samples = 40, .seed = seed, .note = note);
    snprintf(note, sizeof note, "%s: entries where alpha grad L(alpha W) !="
             " grad L(W)", names[kind]);
    CLAIM(.id = "cnn.norm-scale-invariance", .kind = CLAIM_IDENTITY,
          .measured = (double)gscale[kind], .reference = 0, .tolerance = 0,
          .samples = 40, .seed = seed, .note = note);
    snprintf(note, sizeof note, "%s: largest |<grad L, W>| over its rounding"
             " tolerance", names[kind]);
    CLAIM(.id = "cnn.norm-scale-invariance", .kind = CLAIM_BOUND,
          .relation = CLAIM_AT_MOST, .measured = orth[kind], .reference = 1,
          .tolerance = 0, .samples = 10, .seed = seed, .note = note);
  }
  CLAIM(.id = "cnn.norm-scale-invariance", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = probe, .reference = 0.1,
        .tolerance = 0, .samples = 10, .seed = seed,
        .note = "probe, batch norm with eps 0.1: largest change of an output"
                " when w is scaled by 2^-10");
  gsl_rng_free(r);
}
#line 5945 "chapters/03-cnn.nw"
static void test_dropout_unbiased(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3103607);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const double ps[3] = {0.1, 0.5, 0.8};
  gsl_matrix *X = gsl_matrix_alloc(200, 500), *M = gsl_matrix_alloc(200, 500),
             *Y = gsl_matrix_alloc(200, 500);
  gsl_matrix_set_all(X, 1);
  gsl_vector *all = gsl_vector_alloc(200 * 500);
  for (int k = 0; k < 3; k++) {
    assert_int_equal(mdl_conv_dropout(ps[k], r, X, M, Y), 0);
    size_t bad = 0;
    for (size_t i = 0; i < 200; i++)
      for (size_t j = 0; j < 500; j++) {
        double m = gsl_matrix_get(M, i, j);
        bad += m != 0 && m != 1 / (1 - ps[k]);
        bad += gsl_matrix_get(Y, i, j) != m;
        gsl_vector_set(all, i * 500 + j, gsl_matrix_get(Y, i, j));
      }
    mdl_numcheck_estimate est;
    assert_int_equal(mdl_numcheck_mean(all, &est), 0);
    char note[160];
    snprintf(note, sizeof note, "p = %.1f: |mean of inverted dropout of ones"
             " - 1| in standard errors, 10^5 entries", ps[k]);
    CLAIM(.id = "cnn.dropout-unbiased", .kind = CLAIM_BOUND,
          .relation = CLAIM_AT_MOST, .measured = fabs(est.mean - 1) / est.se,
          .reference = 5, .tolerance = 0, .samples = est.n, .seed = seed,
          .note = note);
    snprintf(note, sizeof note, "p = %.1f: mask entries not in {0, 1/(1-p)}"
             " or outputs not equal to them", ps[k]);
    CLAIM(.id = "cnn.dropout-unbiased", .kind = CLAIM_IDENTITY,
          .measured = (double)bad, .reference = 0, .tolerance = 0,
          .samples = est.n, .seed = seed, .note = note);
  }
  gsl_matrix_free(X);
  gsl_matrix_free(M);
  gsl_matrix_free(Y);
  gsl_vector_free(all);
  gsl_rng_free(r);
}
#line 5990 "chapters/03-cnn.nw"
static void test_dropout_ensemble(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3103811);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { n = 10, O = 3 };
  const double p = 0.3, s = 1 / (1 - p);
  double worst = 0, gap_ratio = 0, max_gap = 0;
  for (int rep = 0; rep < 10; rep++) {
    double W[O][n], x[n], b[O];
    for (int o = 0; o < O; o++) {
      b[o] = gsl_ran_gaussian(r, 1);
      for (int i = 0; i < n; i++)
        W[o][i] = gsl_ran_gaussian(r, 1);
    }
    for (int i = 0; i < n; i++)
      x[i] = gsl_ran_gaussian(r, 1);
    double lin[O] = {0}, rel[O] = {0}, absavg[O] = {0};
    for (unsigned long mask = 0; mask < (1ul << n); mask++) {
      double P = 1;
      for (int i = 0; i < n; i++)
        P *= (mask >> i & 1) ? 1 - p : p;
      for (int o = 0; o < O; o++) {
        double z = b[o], za = fabs(b[o]);
        for (int i = 0; i < n; i++)
          if (mask >> i & 1) {
            z += W[o][i] * (x[i] * s);
            za += fabs(W[o][i] * x[i] * s);
          }
        lin[o] += P * z;
        rel[o] += P * fmax(z, 0);
        absavg[o] += P * za;
      }
    }
    for (int o = 0; o < O; o++) {
      double z = b[o], za = fabs(b[o]);
      for (int i = 0; i < n; i++) {
        z += W[o][i] * x[i];
        za += fabs(W[o][i] * x[i]);
      }
      double tol = gam((double)((1 << n) + 2 * n + 4)) * absavg[o] + gam(n + 1) * za;
      worst = claim_fmax(worst, fabs(lin[o] - z) / tol);
      double gap = rel[o] - fmax(z, 0);
      gap_ratio = claim_fmax(gap_ratio, gap / tol);
      max_gap = claim_fmax(max_gap, gap);
    }
  }
  CLAIM(.id = "cnn.dropout-ensemble", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .tolerance = 0, .samples = 10, .seed = seed,
        .note = "affine layer: largest |average over all 2^10 masks - (Wx+b)|"
                " over its rounding tolerance");
  CLAIM(.id = "cnn.dropout-ensemble", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = gap_ratio, .reference = 10,
        .tolerance = 0, .samples = 30, .seed = seed,
        .note = "probe, after a ReLU: largest (E relu - relu E) over the"
                " rounding tolerance, at least 10");
  CLAIM(.id = "cnn.dropout-ensemble", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = max_gap, .reference = 0,
        .tolerance = 0, .samples = 30, .seed = seed,
        .note = "experiment: largest gap E relu - relu E over the 30 outputs");
  gsl_rng_free(r);
}
#line 6183 "chapters/03-cnn.nw"
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_permutation.h>

/* The extreme eigenvalues of the symmetric S by GSL's symmetric
   eigensolver, and a radius certified a posteriori (the symmetric
   enclosure of the text): every |lambda_i(S) - computed lambda_i| <= *rad. */
static void eigen_range(const gsl_matrix *S, double *lmin, double *lmax,
                        double *rad)
{
  size_t N = S->size1;
  gsl_matrix *T = gsl_matrix_alloc(N, N), *Q = gsl_matrix_alloc(N, N),
             *R = gsl_matrix_alloc(N, N);
  gsl_vector *ev = gsl_vector_alloc(N);
  gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc(N);
  gsl_matrix_memcpy(T, S);
  assert_int_equal(gsl_eigen_symmv(T, ev, Q, ws), 0);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, S, Q, 0.0, R);
  double lam = fmax(gsl_vector_max(ev), -gsl_vector_min(ev));
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < N; j++)
      *gsl_matrix_ptr(R, i, j) -= gsl_matrix_get(Q, i, j) * gsl_vector_get(ev, j);
  double rho = frob(R) + gam((double)(N + 1)) * (frob(S) + lam) * frob(Q);
  double eta = orthogonality_defect(Q);
  assert_true(eta < 0.5);
  *rad = (rho + 2 * eta * lam) / sqrt(1 - eta) + gam(4) * lam;
  *lmin = gsl_vector_min(ev);
  *lmax = gsl_vector_max(ev);
  gsl_eigen_symmv_free(ws);
  gsl_vector_free(ev);
  gsl_matrix_free(T);
  gsl_matrix_free(Q);
  gsl_matrix_free(R);
}

static gsl_matrix *random_graph(gsl_rng *r, size_t N, int kind)
{
  gsl_matrix *A = gsl_matrix_calloc(N, N);
  for (size_t i = 0; i < N; i++)
    for (size_t j = i + 1; j < N; j++) {
      int edge = kind == 0   ? gsl_rng_uniform(r) < 0.3
                 : kind == 1 ? (i % 2 != j % 2) && gsl_rng_uniform(r) < 0.5
                             : j == i + 1 || (i == 0 && j == N - 1);
      if (edge) {
        gsl_matrix_set(A, i, j, 1);
        gsl_matrix_set(A, j, i, 1);
      }
    }
  if (kind != 2)
    for (size_t i = 0; i + 1 < N; i++)
      if (gsl_matrix_get(A, i, i + 1) == 0 && gsl_rng_uniform(r) < 0.2 &&
          (kind == 0 || i % 2 != (i + 1) % 2)) {
        gsl_matrix_set(A, i, i + 1, 1);
        gsl_matrix_set(A, i + 1, i, 1);
      }
  return A;
}
#line 6242 "chapters/03-cnn.nw"
static void test_gcn_spectrum(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3104003);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  double top = 0, low = 0, probe = 0, ptol = 0;
  size_t cases = 0;
  for (size_t N = 4; N <= 30; N += 2)
    for (int kind = 0; kind < 3; kind++, cases++) {
      gsl_matrix *A = random_graph(r, N, kind), *Ah = gsl_matrix_alloc(N, N);
      assert_int_equal(mdl_conv_graph_renormalize(A, Ah), 0);
      double lmin, lmax, dmax = 0, rad;
      eigen_range(Ah, &lmin, &lmax, &rad);
      /* the computed entries of A hat carry relative errors gamma_4 */
      double tol = rad + gam(4) * frob(Ah);
      for (size_t i = 0; i < N; i++) {
        double d = 1;
        for (size_t j = 0; j < N; j++)
          d += gsl_matrix_get(A, i, j);
        dmax = claim_fmax(dmax, d);
      }
      top = claim_fmax(top, fabs(lmax - 1) / tol);
      low = claim_fmax(low, (-1 + 2 / dmax - lmin) / tol);
      int isolated = 0;
      gsl_vector *dinv = gsl_vector_alloc(N);
      for (size_t i = 0; i < N; i++) {
        double d = 0;
        for (size_t j = 0; j < N; j++)
          d += gsl_matrix_get(A, i, j);
        isolated |= d == 0;
        gsl_vector_set(dinv, i, d > 0 ? 1 / sqrt(d) : 0);
      }
      if (!isolated) {
        gsl_matrix *S = gsl_matrix_alloc(N, N);
        for (size_t i = 0; i < N; i++)
          for (size_t j = 0; j < N; j++)
            gsl_matrix_set(S, i, j, (i == j) + gsl_matrix_get(A, i, j) *
                                                   gsl_vector_get(dinv, i) * gsl_vector_get(dinv, j));
        eigen_range(S, &lmin, &lmax, &rad);
        probe = claim_fmax(probe, lmax);
        ptol = claim_fmax(ptol, rad + gam(7) * frob(S));
        gsl_matrix_free(S);
      }
      gsl_vector_free(dinv);
      gsl_matrix_free(A);
      gsl_matrix_free(Ah);
    }
  CLAIM(.id = "cnn.gcn-spectrum", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = top, .reference = 1, .tolerance = 0, .samples = cases,
        .seed = seed,
        .note = "largest |lambda_max(A hat) - 1| over its certified tolerance,"
                " random, bipartite and cycle graphs, N = 4..30");
  CLAIM(.id = "cnn.gcn-spectrum", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = low, .reference = 1, .tolerance = 0, .samples = cases,
        .seed = seed,
        .note = "largest (-1 + 2/d_max - lambda_min(A hat)) over the same"
                " tolerance (at most 1: lambda_min > -1)");
  CLAIM(.id = "cnn.gcn-spectrum", .kind = CLAIM_IDENTITY, .measured = probe,
        .reference = 2, .tolerance = ptol,
        .samples = cases, .seed = seed,
        .note = "probe: largest eigenvalue of I + D^-1/2 A D^-1/2, which"
                " reaches 2");
  gsl_rng_free(r);
}
#line 6310 "chapters/03-cnn.nw"
static void test_gcn_permutation(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3104201);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  size_t adiff = 0, cases = 0;
  double worst = 0;
  for (size_t N = 3; N <= 20; N++, cases++) {
    const size_t F = 3, Fo = 2;
    gsl_matrix *A = random_graph(r, N, 0), *PA = gsl_matrix_alloc(N, N);
    gsl_matrix *Ah = gsl_matrix_alloc(N, N), *PAh = gsl_matrix_alloc(N, N);
    gsl_matrix *X = gsl_matrix_alloc(N, F), *PX = gsl_matrix_alloc(N, F);
    gsl_matrix *T = gsl_matrix_alloc(F, Fo), *Y = gsl_matrix_alloc(N, Fo), *PY = gsl_matrix_alloc(N, Fo);
    gsl_matrix *Aa = gsl_matrix_alloc(N, N), *Xa = gsl_matrix_alloc(N, F), *Ta = gsl_matrix_alloc(F, Fo);
    gsl_matrix *Ya = gsl_matrix_alloc(N, Fo);
    gsl_permutation *perm = gsl_permutation_alloc(N);
    gsl_permutation_init(perm);
    gsl_ran_shuffle(r, perm->data, N, sizeof(size_t));
    fill(r, X);
    fill(r, T);
    for (size_t i = 0; i < N; i++) {
      size_t pi = gsl_permutation_get(perm, i);
      for (size_t j = 0; j < N; j++)
        gsl_matrix_set(PA, pi, gsl_permutation_get(perm, j), gsl_matrix_get(A, i, j));
      for (size_t f = 0; f < F; f++)
        gsl_matrix_set(PX, pi, f, gsl_matrix_get(X, i, f));
    }
    assert_int_equal(mdl_conv_graph_renormalize(A, Ah), 0);
    assert_int_equal(mdl_conv_graph_renormalize(PA, PAh), 0);
    for (size_t i = 0; i < N; i++)
      for (size_t j = 0; j < N; j++)
        adiff += gsl_matrix_get(PAh, gsl_permutation_get(perm, i), gsl_permutation_get(perm, j)) !=
                 gsl_matrix_get(Ah, i, j);
    assert_int_equal(mdl_conv_graph_forward(Ah, X, T, Y), 0);
    assert_int_equal(mdl_conv_graph_forward(PAh, PX, T, PY), 0);
    gsl_matrix_memcpy(Aa, Ah);
    gsl_matrix_memcpy(Xa, X);
    gsl_matrix_memcpy(Ta, T);
    mat_abs(Xa);
    mat_abs(Ta);
    assert_int_equal(mdl_conv_graph_forward(Aa, Xa, Ta, Ya), 0);
    for (size_t i = 0; i < N; i++)
      for (size_t f = 0; f < Fo; f++) {
        double d = fabs(gsl_matrix_get(PY, gsl_permutation_get(perm, i), f) - gsl_matrix_get(Y, i, f));
        if (d > 0)
          worst = claim_fmax(worst, d / (1.01 * 2 * gam((double)(N + F + 2)) * gsl_matrix_get(Ya, i, f)));
      }
    gsl_permutation_free(perm);
    gsl_matrix_free(A);
    gsl_matrix_free(PA);
    gsl_matrix_free(Ah);
    gsl_matrix_free(PAh);
    gsl_matrix_free(X);
    gsl_matrix_free(PX);
    gsl_matrix_free(T);
    gsl_matrix_free(Y);
    gsl_matrix_free(PY);
    gsl_matrix_free(Aa);
    gsl_matrix_free(Xa);
    gsl_matrix_free(Ta);
    gsl_matrix_free(Ya);
  }
  CLAIM(.id = "cnn.gcn-permutation", .kind = CLAIM_IDENTITY,
        .measured = (double)adiff, .reference = 0, .tolerance = 0,
        .samples = cases, .seed = seed,
        .note = "entries where renormalize(P A P^T) != P renormalize(A) P^T,"
                " 0/1 graphs, N = 3..20");
  CLAIM(.id = "cnn.gcn-permutation", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .tolerance = 0, .samples = cases, .seed = seed,
        .note = "largest |layer(PAP^T, PX) - P layer(A, X)| over"
                " 2 gamma_{N+F+2} |A||X||Theta|");
  gsl_rng_free(r);
}
#line 6388 "chapters/03-cnn.nw"
/* The number of singular values of M certified to be positive: those
   with S_i > rad_i + e, e a bound on ||M - M_exact||_F from the rounding
   of M's entries. */
static size_t svd_rank(const gsl_matrix *M, double e)
{
  size_t n = M->size2;
  gsl_matrix *U = gsl_matrix_alloc(M->size1, n), *V = gsl_matrix_alloc(n, n);
  gsl_vector *S = gsl_vector_alloc(n), *rad = gsl_vector_alloc(n);
  certified_svd(M, U, V, S, rad);
  size_t rank = 0;
  for (size_t i = 0; i < n; i++)
    rank += gsl_vector_get(S, i) > gsl_vector_get(rad, i) + e;
  gsl_matrix_free(U);
  gsl_matrix_free(V);
  gsl_vector_free(S);
  gsl_vector_free(rad);
  return rank;
}

static void test_gcn_commuting(void **state)
{
  (void)state;
  size_t mismatch = 0, cases = 0, probe = 0;
  for (int cyc = 0; cyc < 2; cyc++)
    for (size_t N = 3; N <= 7; N++, cases++) {
      gsl_matrix *A = gsl_matrix_calloc(N, N);
      for (size_t i = 0; i + 1 < N; i++) {
        gsl_matrix_set(A, i, i + 1, 1);
        gsl_matrix_set(A, i + 1, i, 1);
      }
      if (cyc) {
        gsl_matrix_set(A, 0, N - 1, 1);
        gsl_matrix_set(A, N - 1, 0, 1);
      }
      gsl_matrix *K = gsl_matrix_calloc(N * N, N * N);
      for (size_t i = 0; i < N; i++)
        for (size_t j = 0; j < N; j++)
          for (size_t k = 0; k < N; k++) {
            *gsl_matrix_ptr(K, i * N + j, k * N + j) += gsl_matrix_get(A, i, k);
            *gsl_matrix_ptr(K, i * N + j, i * N + k) -= gsl_matrix_get(A, k, j);
          }
      /* K has integer entries, exact */
      size_t commutant = N * N - svd_rank(K, 0);
      gsl_matrix *Kr = gsl_matrix_alloc(N * N, N), *P = gsl_matrix_alloc(N, N), *T = gsl_matrix_alloc(N, N);
      gsl_matrix_set_identity(P);
      for (size_t k = 0; k < N; k++) {
        double nrm = 0;
        for (size_t q = 0; q < N * N; q++)
          nrm += gsl_pow_2(P->data[q]);
        for (size_t q = 0; q < N * N; q++)
          gsl_matrix_set(Kr, q, k, P->data[q] / sqrt(nrm));
        gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, A, P, 0.0, T);
        gsl_matrix_memcpy(P, T);
      }
      /* the columns of Kr are integer vectors scaled by computed norms:
         relative error gamma_{N^2+2}, so ||Delta Kr||_F <= gamma sqrt N */
      size_t poly = svd_rank(Kr, gam((double)(N * N + 2)) * sqrt((double)N) * 1.01);
      size_t expect_comm, expect_poly;
      if (!cyc) {
        expect_comm = N;
        expect_poly = N;
      } else {
        size_t distinct = N / 2 + 1;
        expect_poly = distinct;
        expect_comm = N % 2 ? 1 + 4 * (N - 1) / 2 : 2 + 4 * (N - 2) / 2;
      }
      mismatch += commutant != expect_comm || poly != expect_poly;
      probe += cyc && commutant > poly;
      gsl_matrix_free(A);
      gsl_matrix_free(K);
      gsl_matrix_free(Kr);
      gsl_matrix_free(P);
      gsl_matrix_free(T);
    }
  CLAIM(.id = "cnn.gcn-commuting", .kind = CLAIM_IDENTITY,
        .measured = (double)mismatch, .reference = 0, .tolerance = 0,
        .samples = cases,
        .note = "graphs where dim commutant != sum m_i^2 or dim polynomials"
                " != r (paths and cycles, N = 3..7)");
  CLAIM(.id = "cnn.gcn-commuting", .kind = CLAIM_IDENTITY,
        .measured = (double)probe, .reference = 5, .tolerance = 0,
        .samples = 5,
        .note = "probe: cycles (repeated eigenvalues) whose commutant is"
                " larger than the polynomials in A");
}
#line 6476 "chapters/03-cnn.nw"
static void test_gcn_cycle(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3104409);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  double worst = 0;
  size_t cases = 0;
  for (size_t N = 3; N <= 40; N++, cases++) {
    gsl_matrix *A = random_graph(r, N, 2), *Ah = gsl_matrix_alloc(N, N);
    gsl_matrix *X = gsl_matrix_alloc(N, 1), *I1 = gsl_matrix_alloc(1, 1), *Y = gsl_matrix_alloc(N, 1);
    gsl_vector *h = gsl_vector_calloc(N), *x = gsl_vector_alloc(N), *y = gsl_vector_alloc(N);
    gsl_matrix_set_identity(I1);
    assert_int_equal(mdl_conv_graph_renormalize(A, Ah), 0);
    fill(r, X);
    assert_int_equal(mdl_conv_graph_forward(Ah, X, I1, Y), 0);
    gsl_vector_set(h, 0, 1.0 / 3);
    gsl_vector_set(h, 1, 1.0 / 3);
    gsl_vector_set(h, N - 1, gsl_vector_get(h, N - 1) + 1.0 / 3);
    gsl_vector_view xc = gsl_matrix_column(X, 0);
    gsl_vector_memcpy(x, &xc.vector);
    assert_int_equal(mdl_conv_circular(h, x, y), 0);
    for (size_t i = 0; i < N; i++) {
      double s = fabs(gsl_vector_get(x, (i + N - 1) % N)) + fabs(gsl_vector_get(x, i)) +
                 fabs(gsl_vector_get(x, (i + 1) % N));
      double d = fabs(gsl_matrix_get(Y, i, 0) - gsl_vector_get(y, i));
      if (d > 0)
        worst = claim_fmax(worst, d / (2 * gam((double)N + 4) * s / 3 * 1.01));
    }
    gsl_matrix_free(A);
    gsl_matrix_free(Ah);
    gsl_matrix_free(X);
    gsl_matrix_free(I1);
    gsl_matrix_free(Y);
    gsl_vector_free(h);
    gsl_vector_free(x);
    gsl_vector_free(y);
  }
  CLAIM(.id = "cnn.gcn-cycle", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = worst, .reference = 1, .tolerance = 0, .samples = cases,
        .seed = seed,
        .note = "largest |graph layer on C_N - circular convolution with"
                " (e_0 + e_1 + e_{N-1})/3| over 2 gamma_{N+4} sum|terms|");
  gsl_rng_free(r);
}
#line 7953 "chapters/03-cnn.nw"
#define ERR(id, code, call, untouched_expr, what)                             \
  do {                                                                        \
    char note_[512];                                                          \
    claim_expect_error();                                                     \
    int status_ = (call);                                                     \
    call_note(note_, sizeof note_, #call, (what));                            \
    CLAIM(.id = (id), .kind = CLAIM_ERROR, .measured = status_,               \
          .reference = (code), .untouched = (untouched_expr),                 \
          .note = note_);                                                     \
  } while (0)

static void call_note(char *buf, size_t size, const char *call,
                      const char *what)
{
  size_t n = strcspn(call, "( ");
  if (strncmp(what, call, n) == 0 && what[n] == ':') {
    snprintf(buf, size, "%s", what);
    return;
  }
  const char *colon = strstr(what, ": ");
  size_t m = colon == NULL ? 0 : (size_t)(colon - what);
  if (m > 0 && m <= n && strncmp(call + n - m, what, m) == 0 &&
      strcspn(what, " ") >= m)
    what = colon + 2;
  snprintf(buf, size, "%.*s: %s", (int)n, call, what);
}

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
#line 8024 "chapters/03-cnn.nw"
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
      "mdl_conv2d_output_size: the geometry is NULL");
  ERR(id, GSL_EFAULT, mdl_conv2d_output_size(&g, NULL, &ow), UNTOUCHED,
      "mdl_conv2d_output_size: out_h is NULL");
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
      "mdl_conv2d_forward: geometry NULL");
  ERR(id, GSL_EFAULT, mdl_conv2d_forward(&g, NULL, b, X, Y), UNTOUCHED,
      "mdl_conv2d_forward: weights NULL");
  ERR(id, GSL_EFAULT, mdl_conv2d_forward(&g, w, b, NULL, Y), UNTOUCHED,
      "mdl_conv2d_forward: X NULL");
  ERR(id, GSL_EFAULT, mdl_conv2d_forward(&g, w, b, X, NULL), UNTOUCHED,
      "mdl_conv2d_forward: Y NULL");
  ERR(id, GSL_EBADLEN, mdl_conv2d_forward(&g, wbad, b, X, Y), UNTOUCHED,
      "mdl_conv2d_forward: 53 weights, expected 54");
  ERR(id, GSL_EBADLEN, mdl_conv2d_forward(&g, w, bbad, X, Y), UNTOUCHED,
      "mdl_conv2d_forward: 2 biases, expected 3");
  ERR(id, GSL_EBADLEN, mdl_conv2d_forward(&g, w, b, Xbad, Y), UNTOUCHED,
      "mdl_conv2d_forward: X has 39 columns, expected 40");
  ERR(id, GSL_EBADLEN, mdl_conv2d_forward(&g, w, b, X, dX), UNTOUCHED,
      "mdl_conv2d_forward: Y has 40 columns, expected 18");
  ERR(id, GSL_EBADLEN, mdl_conv2d_forward(&g, w, b, X, Ybad), UNTOUCHED,
      "mdl_conv2d_forward: Y has 3 rows, X 2");
  ERR(id, GSL_EFAULT, mdl_conv2d_backward(&g, NULL, X, dY, dw, db, dX),
      UNTOUCHED, "mdl_conv2d_backward: weights NULL");
  ERR(id, GSL_EFAULT, mdl_conv2d_backward(&g, w, NULL, dY, dw, db, dX),
      UNTOUCHED, "mdl_conv2d_backward: X NULL");
  ERR(id, GSL_EFAULT, mdl_conv2d_backward(&g, w, X, NULL, dw, db, dX),
      UNTOUCHED, "mdl_conv2d_backward: dY NULL");
  ERR(id, GSL_EBADLEN, mdl_conv2d_backward(&g, w, X, dY, wbad, db, dX),
      UNTOUCHED, "mdl_conv2d_backward: dweights has 53 entries");
  ERR(id, GSL_EBADLEN, mdl_conv2d_backward(&g, w, X, dY, dw, bbad, dX),
      UNTOUCHED, "mdl_conv2d_backward: dbias has 2 entries");
  ERR(id, GSL_EBADLEN, mdl_conv2d_backward(&g, w, X, dY, dw, db, Xbad),
      UNTOUCHED, "mdl_conv2d_backward: dX has 39 columns");
  ERR(id, GSL_EBADLEN, mdl_conv2d_backward(&g, w, X, Ybad, dw, db, dX),
      UNTOUCHED, "mdl_conv2d_backward: dY has 3 rows");
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
#line 8139 "chapters/03-cnn.nw"
  {
    mdl_conv1d_geometry g1 = {2, 3, 10, 3, 2, 1};
    mdl_conv1d_geometry z1 = {2, 3, 10, 3, 0, 1};
    mdl_conv1d_geometry big = {2, 3, 10, 13, 1, 1};
    mdl_conv1d_geometry k0 = {2, 3, 10, 0, 1, 1};
    gsl_matrix *X1 = ones_mat(2, 20, 0.5), *dY1 = ones_mat(2, 15, 0.5);
    gsl_matrix *Y1 = sent_mat(2, 15), *dX1 = sent_mat(2, 20);
    gsl_vector *w1 = ones_vec(18, 0.2), *dw1 = sent_vec(18);
  #define UNTOUCHED1 (same_mat(Y1) && same_mat(dX1) && same_vec(dw1))
    ERR(id, GSL_EFAULT, mdl_conv1d_forward(NULL, w1, NULL, X1, Y1), UNTOUCHED1,
        "mdl_conv1d_forward: conv1d forward: geometry NULL");
    ERR(id, GSL_EINVAL, mdl_conv1d_forward(&z1, w1, NULL, X1, Y1), UNTOUCHED1,
        "mdl_conv1d_forward: conv1d forward: stride 0");
    ERR(id, GSL_EINVAL, mdl_conv1d_forward(&big, w1, NULL, X1, Y1), UNTOUCHED1,
        "mdl_conv1d_forward: conv1d forward: kernel 13 longer than the padded length 12");
    ERR(id, GSL_EINVAL, mdl_conv1d_forward(&k0, w1, NULL, X1, Y1), UNTOUCHED1,
        "mdl_conv1d_forward: conv1d forward: kernel 0");
    ERR(id, GSL_EBADLEN, mdl_conv1d_forward(&g1, w1, NULL, X1, dX1), UNTOUCHED1,
        "mdl_conv1d_forward: conv1d forward: Y has 20 columns, expected 15");
    ERR(id, GSL_EBADLEN, mdl_conv1d_backward(&g1, w1, X1, dY1, dw1, NULL, dY1),
        UNTOUCHED1, "mdl_conv1d_backward: conv1d backward: dX has 15 columns, expected 20");
    gsl_matrix_set(X1, 0, 3, NAN);
    ERR(id, GSL_EDOM, mdl_conv1d_backward(&g1, w1, X1, dY1, dw1, NULL, dX1),
        UNTOUCHED1, "mdl_conv1d_backward: conv1d backward: a NaN in X");
    ERR(id, GSL_EDOM, mdl_conv1d_forward(&g1, w1, NULL, X1, Y1), UNTOUCHED1,
        "mdl_conv1d_forward: conv1d forward: a NaN in X");
  #undef UNTOUCHED1
    gsl_matrix_free(X1);
    gsl_matrix_free(dY1);
    gsl_matrix_free(Y1);
    gsl_matrix_free(dX1);
    gsl_vector_free(w1);
    gsl_vector_free(dw1);
  }
#line 8119 "chapters/03-cnn.nw"
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
#line 8184 "chapters/03-cnn.nw"
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
      "mdl_pool2d_max_forward: max pool forward: geometry NULL");
  ERR(id, GSL_EFAULT, mdl_pool2d_avg_forward(&pg, NULL, Y), UT,
      "mdl_pool2d_avg_forward: avg pool forward: X NULL");
  ERR(id, GSL_EFAULT, mdl_pool2d_max_backward(&pg, X, NULL, dX), UT,
      "mdl_pool2d_max_backward: max pool backward: dY NULL");
  ERR(id, GSL_EBADLEN, mdl_pool2d_max_forward(&pg, X, dX), UT,
      "mdl_pool2d_max_forward: max pool forward: Y has 40 columns, expected 12");
  ERR(id, GSL_EBADLEN, mdl_pool2d_max_backward(&pg, X, X, dX), UT,
      "mdl_pool2d_max_backward: max pool backward: dY has 40 columns, expected 12");
  ERR(id, GSL_EBADLEN, mdl_pool2d_avg_forward(&pg, dY, Y), UT,
      "mdl_pool2d_avg_forward: avg pool forward: X has 12 columns, expected 40");
  gsl_matrix_set(X, 1, 9, NAN);
  ERR(id, GSL_EDOM, mdl_pool2d_max_forward(&pg, X, Y), UT,
      "mdl_pool2d_max_forward: max pool forward: a NaN in X");
  ERR(id, GSL_EDOM, mdl_pool2d_avg_forward(&pg, X, Y), UT,
      "mdl_pool2d_avg_forward: avg pool forward: a NaN in X");
  gsl_matrix *Yc = sent_mat(2, 2);
  ERR(id, GSL_EDOM, mdl_conv_global_avg_pool(2, X, Yc), UT && same_mat(Yc),
      "mdl_conv_global_avg_pool: global average pool: a NaN in X");
  gsl_matrix_free(Yc);
  gsl_matrix_set(X, 1, 9, 0.5);
  gsl_matrix_set(dY, 0, 1, -HUGE_VAL);
  ERR(id, GSL_EDOM, mdl_pool2d_max_backward(&pg, X, dY, dX), UT,
      "mdl_pool2d_max_backward: max pool backward: an infinity in dY");
  ERR(id, GSL_EDOM, mdl_pool2d_avg_backward(&pg, dY, dX), UT,
      "mdl_pool2d_avg_backward: avg pool backward: an infinity in dY");
  gsl_matrix_set(dY, 0, 1, 0.5);
  ERR(id, GSL_EBADLEN, mdl_conv_global_avg_pool(3, X, Y), UT,
      "mdl_conv_global_avg_pool: global average pool: 40 columns are not 3 channels");
  ERR(id, GSL_EBADLEN, mdl_conv_global_avg_pool(2, X, Y), UT,
      "mdl_conv_global_avg_pool: global average pool: Y has 12 columns, expected 2");
  ERR(id, GSL_EFAULT, mdl_conv_global_avg_pool_backward(2, NULL, dX), UT,
      "mdl_conv_global_avg_pool_backward: global average pool backward: dY NULL");
#line 8253 "chapters/03-cnn.nw"
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
        UTN, "mdl_conv_batchnorm_forward: batchnorm forward: gamma NULL");
    ERR(id, GSL_EINVAL, mdl_conv_batchnorm_forward(2, -1e-5, g2, b2, Xv, Z),
        UTN, "mdl_conv_batchnorm_forward: batchnorm forward: eps -1e-5");
    ERR(id, GSL_EINVAL, mdl_conv_batchnorm_forward(2, NAN, g2, b2, Xv, Z), UTN,
        "mdl_conv_batchnorm_forward: batchnorm forward: eps NaN");
    ERR(id, GSL_EBADLEN, mdl_conv_batchnorm_forward(3, 1e-5, g2, b2, Xv, Z),
        UTN, "mdl_conv_batchnorm_forward: batchnorm forward: 40 columns are not 3 channels");
    ERR(id, GSL_EBADLEN, mdl_conv_batchnorm_forward(2, 1e-5, g40, b2, Xv, Z),
        UTN, "mdl_conv_batchnorm_forward: batchnorm forward: gamma has 40 entries, expected 2");
    ERR(id, GSL_EDOM, mdl_conv_batchnorm_forward(2, 0, g2, b2, X, Z), UTN,
        "mdl_conv_batchnorm_forward: batchnorm forward: a constant channel with eps 0");
    ERR(id, GSL_EBADLEN, mdl_conv_batchnorm_backward(2, 1e-5, g2, Xv, Xv, Y, NULL,
                                                     NULL), UTN && same_mat(Y),
        "mdl_conv_batchnorm_backward: batchnorm backward: dX has 12 columns, expected 40");
    gsl_matrix_set(Xv, 1, 3, NAN);
    ERR(id, GSL_EDOM, mdl_conv_batchnorm_forward(2, 1e-5, g2, b2, Xv, Z), UTN,
        "mdl_conv_batchnorm_forward: batchnorm forward: a NaN in X");
    ERR(id, GSL_EDOM, mdl_conv_layernorm_forward(1e-5, g40, b40, Xv, Z), UTN,
        "mdl_conv_layernorm_forward: layernorm forward: a NaN in X");
    ERR(id, GSL_EDOM, mdl_conv_layernorm_backward(1e-5, g40, Xv, Xv, Z, dg, db),
        UTN, "mdl_conv_layernorm_backward: layernorm backward: a NaN in X");
    gsl_matrix_set(Xv, 1, 3, -1.5);
    ERR(id, GSL_EBADLEN, mdl_conv_layernorm_forward(1e-5, g2, b2, Xv, Z), UTN,
        "mdl_conv_layernorm_forward: layernorm forward: gamma has 2 entries, expected 40");
    {
      gsl_matrix *W41 = sent_mat(2, 41);
      gsl_matrix_view Yv = gsl_matrix_submatrix(W41, 0, 0, 2, 40);
      int st = mdl_conv_layernorm_forward(1e-5, g40, b40, Xv, &Yv.matrix);
      gsl_matrix_view edge = gsl_matrix_submatrix(W41, 0, 40, 2, 1);
      CLAIM(.id = id, .kind = CLAIM_IDENTITY,
            .measured = st == GSL_SUCCESS && same_mat(&edge.matrix), .reference = 1,
            .tolerance = 0,
            .note = "mdl_conv_layernorm_forward: a successful call into the first"
                    " 40 columns of a 2 x 41 matrix leaves column 41 alone");
      gsl_matrix_free(W41);
    }
    ERR(id, GSL_EDOM, mdl_conv_layernorm_forward(0, g40, b40, X, Z), UTN,
        "mdl_conv_layernorm_forward: layernorm forward: a constant row with eps 0");
    ERR(id, GSL_EINVAL, mdl_conv_layernorm_backward(HUGE_VAL, g40, Xv, Xv, Z, dg,
                                                    db), UTN,
        "mdl_conv_layernorm_backward: layernorm backward: eps infinite");
    ERR(id, GSL_EFAULT, mdl_conv_layernorm_backward(1e-5, g40, Xv, NULL, Z, dg,
                                                    db), UTN,
        "mdl_conv_layernorm_backward: layernorm backward: dY NULL");
    ERR(id, GSL_EFAULT, mdl_conv_dropout(0.5, NULL, Xv, M, Z), UTN,
        "mdl_conv_dropout: r NULL");
    ERR(id, GSL_EDOM, mdl_conv_dropout(1.5, r, Xv, M, Z), UTN,
        "mdl_conv_dropout: p = 1.5");
    ERR(id, GSL_EDOM, mdl_conv_dropout(NAN, r, Xv, M, Z), UTN, "mdl_conv_dropout: p NaN");
    ERR(id, GSL_EBADLEN, mdl_conv_dropout(0.5, r, Xv, Y, Z), UTN && same_mat(Y),
        "mdl_conv_dropout: mask is 2 x 12, X 2 x 40");
    gsl_matrix_set(Xv, 0, 0, HUGE_VAL);
    ERR(id, GSL_EDOM, mdl_conv_dropout(0.5, r, Xv, M, Z), UTN,
        "mdl_conv_dropout: an infinity in X");
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
#line 8242 "chapters/03-cnn.nw"
#line 8333 "chapters/03-cnn.nw"
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
    claim_expect_error();
    size_t nbad = mdl_conv_residual_nparams(&rbad[0]);
    CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
          .reference = GSL_EINVAL, .untouched = nbad == 0,
          .note = "mdl_conv_residual_nparams: 2 -> 3 channels reported, 0 returned");
    ERR(id, GSL_EBADLEN, mdl_conv_residual_forward(&rg, thb, X, Z), UTR,
        "mdl_conv_residual_forward: residual forward: theta has one entry too few");
    ERR(id, GSL_EFAULT, mdl_conv_residual_backward(&rg, th, X, NULL, dth, Z),
        UTR, "mdl_conv_residual_backward: residual backward: dY NULL");
    ERR(id, GSL_EBADLEN, mdl_conv_residual_backward(&rg, th, X, X, thb, Z), UTR,
        "mdl_conv_residual_backward: residual backward: dtheta has one entry too few");
    gsl_vector_set(th, 4, NAN);
    ERR(id, GSL_EDOM, mdl_conv_residual_backward(&rg, th, X, X, dth, Z), UTR,
        "mdl_conv_residual_backward: residual backward: a NaN in theta");
  #undef UTR
    gsl_vector_free(th);
    gsl_vector_free(dth);
    gsl_vector_free(thb);
    gsl_matrix_free(Z);
    gsl_vector *w = ones_vec(2 * 3 * 9, 0.1), *sv = sent_vec(4 * 4 * 2);
    gsl_vector *svb = sent_vec(31);
  #define UTS (same_vec(sv) && same_vec(svb))
    ERR(id, GSL_EINVAL, mdl_conv_circular_singular_values(2, 3, 2, 3, w, sv),
        UTS, "mdl_conv_circular_singular_values: singular values: kernel 3 larger than n = 2");
    ERR(id, GSL_EINVAL, mdl_conv_circular_singular_values(0, 3, 4, 3, w, sv),
        UTS, "mdl_conv_circular_singular_values: singular values: 0 output channels");
    ERR(id, GSL_EBADLEN, mdl_conv_circular_singular_values(2, 3, 4, 3, w, svb),
        UTS, "mdl_conv_circular_singular_values: singular values: sv has 31 entries, expected 32");
    ERR(id, GSL_EFAULT, mdl_conv_circular_singular_values(2, 3, 4, 3, NULL, sv),
        UTS, "mdl_conv_circular_singular_values: singular values: weights NULL");
    gsl_vector_set(w, 0, NAN);
    ERR(id, GSL_EDOM, mdl_conv_circular_singular_values(2, 3, 4, 3, w, sv),
        UTS, "mdl_conv_circular_singular_values: singular values: a NaN weight");
  #undef UTS
    gsl_vector_free(w);
    gsl_vector_free(sv);
    gsl_vector_free(svb);
    gsl_matrix *A = ones_mat(3, 3, 1), *Ah = sent_mat(3, 3), *A23 = ones_mat(2, 3, 1);
    gsl_matrix *F = ones_mat(3, 2, 1), *T = ones_mat(2, 4, 1), *Yg = sent_mat(3, 4);
  #define UTG (same_mat(Ah) && same_mat(Yg))
    ERR(id, GSL_ENOTSQR, mdl_conv_graph_renormalize(A23, Ah), UTG,
        "mdl_conv_graph_renormalize: A is 2 x 3");
    ERR(id, GSL_EFAULT, mdl_conv_graph_renormalize(NULL, Ah), UTG,
        "mdl_conv_graph_renormalize: A NULL");
    gsl_matrix_set(A, 0, 2, 2);
    ERR(id, GSL_EDOM, mdl_conv_graph_renormalize(A, Ah), UTG,
        "mdl_conv_graph_renormalize: A[0][2] = 2 but A[2][0] = 1");
    gsl_matrix_set(A, 0, 2, -1);
    gsl_matrix_set(A, 2, 0, -1);
    ERR(id, GSL_EDOM, mdl_conv_graph_renormalize(A, Ah), UTG,
        "mdl_conv_graph_renormalize: a negative weight");
    gsl_matrix_set(A, 0, 2, NAN);
    ERR(id, GSL_EDOM, mdl_conv_graph_renormalize(A, Ah), UTG,
        "mdl_conv_graph_renormalize: a NaN weight");
    gsl_matrix_set_all(A, 1);
    ERR(id, GSL_EBADLEN, mdl_conv_graph_forward(A, F, F, Yg), UTG,
        "mdl_conv_graph_forward: graph forward: Theta 3 x 2 after X 3 x 2");
    ERR(id, GSL_EFAULT, mdl_conv_graph_forward(A, F, T, NULL), UTG,
        "mdl_conv_graph_forward: graph forward: Y NULL");
    gsl_matrix_set(F, 1, 1, NAN);
    ERR(id, GSL_EDOM, mdl_conv_graph_forward(A, F, T, Yg), UTG,
        "mdl_conv_graph_forward: graph forward: a NaN in X");
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
        "mdl_conv_full: full convolution: y has 5 entries, expected 6");
    {
      claim_expect_error();
      int st = mdl_conv_full(x, h, y5);
      CLAIM(.id = id, .kind = CLAIM_IDENTITY,
            .measured = st == GSL_EBADLEN && claim_error_reports() == 1 &&
                        strstr(claim_last_reason(),
                               "y has 5 entries, expected 6") != NULL,
            .reference = 1, .tolerance = 0,
            .note = "mdl_conv_full: the message for a 5-entry y with |x| = 4,"
                    " |h| = 3 names 5 and the full length 4 + 3 - 1 = 6");
    }
    ERR(id, GSL_EFAULT, mdl_conv_full(NULL, h, y6), UTC,
        "mdl_conv_full: full convolution: x NULL");
    ERR(id, GSL_EBADLEN, mdl_conv_circular(x, h, y4), UTC,
        "mdl_conv_circular: circular convolution: lengths 4 and 3");
    gsl_vector_set(x, 2, NAN);
    ERR(id, GSL_EDOM, mdl_conv_circular(x, x, y4), UTC,
        "mdl_conv_circular: circular convolution: a NaN in x");
    ERR(id, GSL_EDOM, mdl_conv_full(h, x, y6), UTC,
        "mdl_conv_full: full convolution: a NaN in h");
    ERR(id, GSL_EINVAL, mdl_conv_circular_pad(2, 5, 4, 5, X, P), UTC,
        "mdl_conv_circular_pad: circular pad: padding 5 exceeds the 5 x 4 image");
    ERR(id, GSL_EBADLEN, mdl_conv_circular_pad(2, 5, 4, 2, X, P), UTC,
        "mdl_conv_circular_pad: circular pad: Xpad has 84 columns, padding 2 needs 144");
  #undef UTC
    gsl_vector_free(x);
    gsl_vector_free(h);
    gsl_vector_free(y6);
    gsl_vector_free(y4);
    gsl_vector_free(y5);
    gsl_matrix_free(P);
  }
#line 8243 "chapters/03-cnn.nw"
#undef UT
  gsl_matrix_free(X);
  gsl_matrix_free(dY);
  gsl_matrix_free(Y);
  gsl_matrix_free(dX);
  gsl_rng_free(r);
}
#line 7337 "chapters/03-cnn.nw"
static double model_loss_abs(mdl_conv_model *m, const gsl_matrix *X,
                             const gsl_matrix *G, int absolute)
{
  gsl_matrix *Xc = gsl_matrix_alloc(X->size1, X->size2);
  gsl_matrix *Y = gsl_matrix_alloc(G->size1, G->size2);
  gsl_vector *keep = gsl_vector_alloc(mdl_conv_model_nparams(m));
  gsl_vector_memcpy(keep, mdl_conv_model_params(m));
  gsl_matrix_memcpy(Xc, X);
  if (absolute) {
    mat_abs(Xc);
    vec_abs(mdl_conv_model_params(m));
  }
  assert_int_equal(mdl_conv_model_forward(m, Xc, Y), 0);
  double L = 0;
  for (size_t i = 0; i < Y->size1; i++)
    for (size_t j = 0; j < Y->size2; j++)
      L += absolute ? fabs(gsl_matrix_get(G, i, j)) * gsl_matrix_get(Y, i, j)
                    : gsl_matrix_get(G, i, j) * gsl_matrix_get(Y, i, j);
  gsl_vector_memcpy(mdl_conv_model_params(m), keep);
  gsl_vector_free(keep);
  gsl_matrix_free(Xc);
  gsl_matrix_free(Y);
  return L;
}

static void model_grad_abs(mdl_conv_model *m, const gsl_matrix *X,
                           const gsl_matrix *G, int absolute, gsl_vector *g)
{
  gsl_matrix *Xc = gsl_matrix_alloc(X->size1, X->size2), *Gc = gsl_matrix_alloc(G->size1, G->size2);
  gsl_matrix *Y = gsl_matrix_alloc(G->size1, G->size2);
  gsl_vector *keep = gsl_vector_alloc(mdl_conv_model_nparams(m));
  gsl_vector_memcpy(keep, mdl_conv_model_params(m));
  gsl_matrix_memcpy(Xc, X);
  gsl_matrix_memcpy(Gc, G);
  if (absolute) {
    mat_abs(Xc);
    mat_abs(Gc);
    vec_abs(mdl_conv_model_params(m));
  }
  assert_int_equal(mdl_conv_model_forward(m, Xc, Y), 0);
  assert_int_equal(mdl_conv_model_backward(m, Gc, g, NULL), 0);
  gsl_vector_memcpy(mdl_conv_model_params(m), keep);
  gsl_vector_free(keep);
  gsl_matrix_free(Xc);
  gsl_matrix_free(Gc);
  gsl_matrix_free(Y);
}
#line 7413 "chapters/03-cnn.nw"
typedef struct {
  mdl_conv_model *m;
  const gsl_matrix *X, *Y;
} model_ctx;

static double model_objective(const gsl_vector *theta, void *params)
{
  model_ctx *c = params;
  gsl_vector_memcpy(mdl_conv_model_params(c->m), theta);
  double v;
  assert_int_equal(mdl_conv_model_gradient(c->m, MDL_NET_LOSS_SOFTMAX_CE, c->X, c->Y, &v, NULL), 0);
  return v;
}

static void test_model_gradient(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3104807);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  mdl_conv_model *m = mdl_conv_model_alloc(2, 8, 8);
  assert_int_equal(mdl_conv_model_add_conv(m, 3, 3, 1, 1), 0);
  size_t end1 = mdl_conv_model_nparams(m);
  assert_int_equal(mdl_conv_model_add_avgpool(m, 2, 2), 0);
  assert_int_equal(mdl_conv_model_add_conv(m, 2, 3, 2, 0), 0);
  size_t end2 = mdl_conv_model_nparams(m);
  assert_int_equal(mdl_conv_model_add_dense(m, 3), 0);
  gsl_vector_set_all(mdl_conv_model_params(m), 10);
  assert_int_equal(mdl_conv_model_init(m, r), 0);
#line 7397 "chapters/03-cnn.nw"
  {
    const gsl_vector *t0 = mdl_conv_model_params(m);
    size_t outside = 0, P0 = mdl_conv_model_nparams(m);
    for (size_t j = 0; j < P0; j++) {
      double fan = j < end1 ? 18 : j < end2 ? 27 : 2;
      outside += !(fabs(gsl_vector_get(t0, j)) <= 1 / sqrt(fan));
    }
    CLAIM(.id = "cnn.model-init", .kind = CLAIM_IDENTITY,
          .measured = (double)outside, .reference = 0, .tolerance = 0,
          .samples = P0, .seed = seed,
          .note = "parameters outside +-1/sqrt(fan-in) after filling with 10"
                  " and mdl_conv_model_init");
  }
#line 7443 "chapters/03-cnn.nw"
  gsl_matrix *X = gsl_matrix_alloc(2, 128), *G = gsl_matrix_alloc(2, 3);
  fill(r, X);
  fill(r, G);
  size_t P = mdl_conv_model_nparams(m);
  gsl_vector *g = gsl_vector_alloc(P), *ga = gsl_vector_alloc(P), *th = mdl_conv_model_params(m);
  model_grad_abs(m, X, G, 0, g);
  model_grad_abs(m, X, G, 1, ga);
  double mm = (double)(18 + 2 + 4 + 2 + 27 + 2 + 8 + 2 + 6), h = 0.0625, worst = 0;
  for (size_t j = 0; j < P; j++) {
    double t = gsl_vector_get(th, j), tp = t + h, tm = t - h;
    gsl_vector_set(th, j, tp);
    double Lp = model_loss_abs(m, X, G, 0), Sp = model_loss_abs(m, X, G, 1);
    gsl_vector_set(th, j, tm);
    double Lm = model_loss_abs(m, X, G, 0), Sm = model_loss_abs(m, X, G, 1);
    gsl_vector_set(th, j, t);
    double step = tp - tm, cd = (Lp - Lm) / step;
    double tol = 1.01 * (gam(mm) * (Sp + Sm) / fabs(step) + gam(3) * fabs(cd) +
                         gam(mm) * gsl_vector_get(ga, j));
    double d = fabs(cd - gsl_vector_get(g, j));
    if (d > 0)
      worst = claim_fmax(worst, d / tol);
  }
  CLAIM(.id = "cnn.model-gradient", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = worst, .reference = 1, .tolerance = 0, .samples = P,
        .seed = seed,
        .note = "linear model: largest |central difference - backward| over its"
                " rounding tolerance, every parameter");
  mdl_conv_model_free(m);
#line 7481 "chapters/03-cnn.nw"
  {
    mdl_conv_model *n = mdl_conv_model_alloc(2, 8, 8);
    assert_int_equal(mdl_conv_model_add_conv(n, 3, 3, 1, 1), 0);
    assert_int_equal(mdl_conv_model_add_relu(n), 0);
    assert_int_equal(mdl_conv_model_add_maxpool(n, 2, 2), 0);
    assert_int_equal(mdl_conv_model_add_residual(n, 3), 0);
    assert_int_equal(mdl_conv_model_add_gap(n), 0);
    assert_int_equal(mdl_conv_model_add_dense(n, 3), 0);
    assert_int_equal(mdl_conv_model_init(n, r), 0);
    gsl_matrix *Y = gsl_matrix_calloc(2, 3);
    gsl_matrix_set(Y, 0, 1, 1);
    gsl_matrix_set(Y, 1, 2, 1);
    size_t Q = mdl_conv_model_nparams(n);
    gsl_vector *theta0 = gsl_vector_alloc(Q), *grad = gsl_vector_alloc(Q);
    gsl_vector_memcpy(theta0, mdl_conv_model_params(n));
    double v;
    assert_int_equal(mdl_conv_model_gradient(n, MDL_NET_LOSS_SOFTMAX_CE, X, Y, &v, grad), 0);
    model_ctx ctx = {n, X, Y};
    gsl_multimin_function F = {model_objective, Q, &ctx};
    mdl_numcheck_report rep;
    assert_int_equal(mdl_numcheck_gradient(&F, theta0, grad, 0, &rep), 0);
    CLAIM(.id = "cnn.model-gradient", .kind = CLAIM_EXPERIMENT,
          .relation = CLAIM_AT_MOST, .measured = rep.max_rel_err, .reference = 1e-5,
          .tolerance = 0, .samples = Q, .seed = seed,
          .note = "experiment: relative error that mdl_numcheck_gradient reports"
                  " for conv-ReLU-maxpool-residual-GAP-dense with cross-entropy");
    gsl_vector_free(theta0);
    gsl_vector_free(grad);
    gsl_matrix_free(Y);
    mdl_conv_model_free(n);
  }
#line 7472 "chapters/03-cnn.nw"
  gsl_matrix_free(X);
  gsl_matrix_free(G);
  gsl_vector_free(g);
  gsl_vector_free(ga);
  gsl_rng_free(r);
}
#line 7518 "chapters/03-cnn.nw"
static mdl_conv_model *read_bytes(const unsigned char *buf, size_t len, int *code)
{
  FILE *f = tmpfile();
  fwrite(buf, 1, len, f);
  rewind(f);
  claim_expect_error();
  mdl_conv_model *m = mdl_conv_model_fread(f);
  *code = claim_last_error();
  fclose(f);
  return m;
}

static void test_model_io(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3105001);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  mdl_conv_model *m = mdl_conv_model_alloc(1, 9, 9);
  assert_int_equal(mdl_conv_model_add_conv(m, 2, 3, 1, 1), 0);
  assert_int_equal(mdl_conv_model_add_relu(m), 0);
  assert_int_equal(mdl_conv_model_add_residual(m, 3), 0);
  assert_int_equal(mdl_conv_model_add_maxpool(m, 3, 3), 0);
  assert_int_equal(mdl_conv_model_add_avgpool(m, 2, 1), 0);
  assert_int_equal(mdl_conv_model_add_gap(m), 0);
  assert_int_equal(mdl_conv_model_add_dense(m, 3), 0);
  assert_int_equal(mdl_conv_model_init(m, r), 0);
  FILE *f = tmpfile();
  assert_int_equal(mdl_conv_model_fwrite(f, m), 0);
  long len = ftell(f);
  unsigned char *buf = malloc((size_t)len);
  rewind(f);
  assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
  fclose(f);
  int code;
  mdl_conv_model *m2 = read_bytes(buf, (size_t)len, &code);
  assert_non_null(m2);
  size_t P = mdl_conv_model_nparams(m), diff = P != mdl_conv_model_nparams(m2);
  for (size_t i = 0; !diff && i < P; i++)
    diff += gsl_vector_get(mdl_conv_model_params(m), i) != gsl_vector_get(mdl_conv_model_params(m2), i);
  gsl_matrix *X = gsl_matrix_alloc(3, 81), *Y = gsl_matrix_alloc(3, 3), *Y2 = gsl_matrix_alloc(3, 3);
  fill(r, X);
  assert_int_equal(mdl_conv_model_forward(m, X, Y), 0);
  assert_int_equal(mdl_conv_model_forward(m2, X, Y2), 0);
  diff += count_ne(Y, Y2);
  CLAIM(.id = "cnn.model-io", .kind = CLAIM_IDENTITY, .measured = (double)diff,
        .reference = 0, .tolerance = 0, .samples = P, .seed = seed,
        .note = "parameters and outputs that differ after writing and reading"
                " a model with every kind of layer");
  size_t accepted = 0, wrong_code = 0;
  for (long cut = 0; cut < len; cut++) {
    mdl_conv_model *t = read_bytes(buf, (size_t)cut, &code);
    accepted += t != NULL;
    wrong_code += code != GSL_EFAILED;
    mdl_conv_model_free(t);
  }
  CLAIM(.id = "cnn.model-io", .kind = CLAIM_IDENTITY,
        .measured = (double)(accepted + wrong_code), .reference = 0,
        .tolerance = 0, .samples = (size_t)len,
        .note = "proper prefixes of the file that are accepted or not refused"
                " with GSL_EFAILED");
  const struct { long at; unsigned char byte; const char *what; } bad[] = {
    {1, 'X', "mdl_conv_model_fread: wrong magic"},
    {8, 2, "mdl_conv_model_fread: version 2"},
    {48, 99, "mdl_conv_model_fread: layer kind 99"},
    {len - 1, 0xff, "mdl_conv_model_fread: a NaN as the last parameter"}};
  for (int b = 0; b < 4; b++) {
    unsigned char *copy = malloc((size_t)len);
    memcpy(copy, buf, (size_t)len);
    copy[bad[b].at] = bad[b].byte;
    if (b == 3)
      copy[len - 2] = 0xff;
    mdl_conv_model *t = read_bytes(copy, (size_t)len, &code);
    CLAIM(.id = "cnn.model-io", .kind = CLAIM_ERROR, .measured = code,
          .reference = GSL_EFAILED, .untouched = t == NULL, .note = bad[b].what);
    mdl_conv_model_free(t);
    free(copy);
  }
  free(buf);
#line 7608 "chapters/03-cnn.nw"
  {
    const char *id = "cnn.model-errors";
    size_t n0 = mdl_conv_model_nparams(m), out0 = mdl_conv_model_output_size(m);
  #define SAME (mdl_conv_model_nparams(m) == n0 && mdl_conv_model_output_size(m) == out0)
    ERR(id, GSL_EINVAL, mdl_conv_model_add_conv(m, 2, 3, 1, 0), SAME,
        "mdl_conv_model_add_conv: kernel 3 on a 1 x 1 image");
    ERR(id, GSL_EINVAL, mdl_conv_model_add_maxpool(m, 2, 2), SAME,
        "mdl_conv_model_add_maxpool: window 2 on a 1 x 1 image");
    ERR(id, GSL_EINVAL, mdl_conv_model_add_dense(m, 0), SAME, "mdl_conv_model_add_dense: 0 outputs");
    ERR(id, GSL_EFAULT, mdl_conv_model_add_relu(NULL), SAME, "mdl_conv_model_add_relu: NULL model");
    gsl_matrix *Yb = sent_mat(3, 3), *Xb = gsl_matrix_alloc(3, 80);
    gsl_matrix_set_all(Xb, 0.5);
    ERR(id, GSL_EBADLEN, mdl_conv_model_forward(m, Xb, Yb), same_mat(Yb),
        "mdl_conv_model_forward: X has 80 columns, expected 81");
    gsl_matrix_set(X, 2, 40, NAN);
    ERR(id, GSL_EDOM, mdl_conv_model_forward(m, X, Yb), same_mat(Yb),
        "mdl_conv_model_forward: a NaN in X");
    gsl_vector *gb = sent_vec(n0);
    gsl_matrix *dYb = ones_mat(2, 3, 0.5);
    ERR(id, GSL_EBADLEN, mdl_conv_model_backward(m, dYb, gb, NULL), same_vec(gb),
        "mdl_conv_model_backward: dY has 2 rows, the last forward pass 3");
    double v = SENT;
    ERR(id, GSL_EFAULT, mdl_conv_model_gradient(m, 3, X, NULL, &v, gb),
        same_vec(gb) && v == SENT, "mdl_conv_model_gradient: Y NULL");
    mdl_conv_model *e = mdl_conv_model_alloc(1, 2, 2);
    ERR(id, GSL_EINVAL, mdl_conv_model_forward(e, Xb, Yb), same_mat(Yb),
        "mdl_conv_model_forward: a model without layers");
    claim_expect_error();
    mdl_conv_model *z = mdl_conv_model_alloc(0, 2, 2);
    CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
          .reference = GSL_EINVAL, .untouched = z == NULL,
          .note = "mdl_conv_model_alloc: 0 channels gives NULL");
    ERR(id, GSL_EINVAL, mdl_conv_model_add_avgpool(m, 2, 2), SAME,
        "mdl_conv_model_add_avgpool: window 2 on a 1 x 1 image");
    ERR(id, GSL_EFAULT, mdl_conv_model_add_gap(NULL), SAME,
        "mdl_conv_model_add_gap: NULL model");
    ERR(id, GSL_EFAULT, mdl_conv_model_add_residual(NULL, 3), SAME,
        "mdl_conv_model_add_residual: NULL model");
    ERR(id, GSL_EINVAL, mdl_conv_model_add_residual(e, 2), mdl_conv_model_nparams(e) == 0,
        "mdl_conv_model_add_residual: an even kernel 2");
    gsl_vector *keep = gsl_vector_alloc(n0);
    gsl_vector_memcpy(keep, mdl_conv_model_params(m));
    ERR(id, GSL_EFAULT, mdl_conv_model_init(m, NULL),
        gsl_vector_equal(keep, mdl_conv_model_params(m)),
        "mdl_conv_model_init: NULL generator");
    gsl_vector_free(keep);
    ERR(id, GSL_EFAULT, mdl_conv_model_fwrite(NULL, m), SAME,
        "mdl_conv_model_fwrite: NULL stream");
    claim_expect_error();
    mdl_conv_model *rn = mdl_conv_model_fread(NULL);
    CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
          .reference = GSL_EFAULT, .untouched = rn == NULL,
          .note = "mdl_conv_model_fread: NULL stream gives NULL");
    claim_expect_error();
    size_t got = mdl_conv_model_nparams(NULL);
    CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
          .reference = GSL_EFAULT, .untouched = got == 0,
          .note = "mdl_conv_model_nparams: NULL model gives 0");
    claim_expect_error();
    got = mdl_conv_model_input_size(NULL);
    CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
          .reference = GSL_EFAULT, .untouched = got == 0,
          .note = "mdl_conv_model_input_size: NULL model gives 0");
    claim_expect_error();
    got = mdl_conv_model_output_size(NULL);
    CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
          .reference = GSL_EFAULT, .untouched = got == 0,
          .note = "mdl_conv_model_output_size: NULL model gives 0");
    claim_expect_error();
    mdl_conv_model_free(NULL);
    CLAIM(.id = id, .kind = CLAIM_IDENTITY, .measured = claim_last_error(),
          .reference = 0, .tolerance = 0,
          .note = "mdl_conv_model_free: NULL does nothing (error code seen)");
    claim_expect_error();
    gsl_vector *none = mdl_conv_model_params(NULL);
    CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
          .reference = GSL_EFAULT, .untouched = none == NULL,
          .note = "mdl_conv_model_params: NULL model gives NULL");
    mdl_conv_model_free(e);
    gsl_matrix_free(Yb);
    gsl_matrix_free(Xb);
    gsl_matrix_free(dYb);
    gsl_vector_free(gb);
  #undef SAME
  }
  {
    const char *id = "cnn.model-errors";
    size_t oh = 7, ow = 7;
    mdl_pool2d_geometry pg = {2, 3, 3, 4, 1, 0};
    ERR(id, GSL_EINVAL, mdl_pool2d_output_size(&pg, &oh, &ow), oh == 7 && ow == 7,
        "mdl_pool2d_output_size: window 4 on a 3 x 3 image");
    ERR(id, GSL_EFAULT, mdl_pool2d_output_size(&pg, NULL, &ow), ow == 7,
        "mdl_pool2d_output_size: out_h NULL");
    mdl_conv2d_geometry rg = {2, 3, 4, 4, 3, 1, 1};
    claim_expect_error();
    size_t np = mdl_conv_residual_nparams(&rg);
    CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
          .reference = GSL_EINVAL, .untouched = np == 0,
          .note = "mdl_conv_residual_nparams: 2 -> 3 channels gives 0");
    gsl_vector *v0 = gsl_vector_calloc(4), *w = sent_vec(4), *dv = sent_vec(4);
    gsl_vector *v3 = gsl_vector_alloc(3);
    gsl_vector_set_all(v3, 0.75);
    double dg = SENT;
    ERR(id, GSL_EDOM, mdl_conv_weightnorm(1.5, v0, w), same_vec(w),
        "mdl_conv_weightnorm: v = 0 has no direction");
    ERR(id, GSL_EDOM, mdl_conv_weightnorm(NAN, v3, v3), gsl_vector_get(v3, 0) == 0.75,
        "mdl_conv_weightnorm: g is NaN");
    ERR(id, GSL_EBADLEN, mdl_conv_weightnorm_backward(1.5, v3, w, dv, &dg),
        same_vec(dv) && dg == SENT,
        "mdl_conv_weightnorm_backward: dw has 4 entries, v 3");
    gsl_vector_free(v0);
    gsl_vector_free(v3);
    gsl_vector_free(w);
    gsl_vector_free(dv);
  }
#line 7598 "chapters/03-cnn.nw"
  mdl_conv_model_free(m);
  mdl_conv_model_free(m2);
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  gsl_matrix_free(Y2);
  gsl_rng_free(r);
}
#line 7754 "chapters/03-cnn.nw"
static void make_patterns(gsl_rng *r, size_t n, gsl_matrix *X, gsl_matrix *Y)
{
  static const int plus[9] = {0, 1, 0, 1, 1, 1, 0, 1, 0};
  static const int cross[9] = {1, 0, 1, 0, 1, 0, 1, 0, 1};
  gsl_matrix_set_zero(Y);
  for (size_t b = 0; b < n; b++) {
    int cls = (int)gsl_rng_uniform_int(r, 2);
    size_t i0 = gsl_rng_uniform_int(r, 8), j0 = gsl_rng_uniform_int(r, 8);
    for (size_t q = 0; q < 100; q++)
      gsl_matrix_set(X, b, q, gsl_ran_gaussian(r, 0.3));
    for (size_t u = 0; u < 3; u++)
      for (size_t v = 0; v < 3; v++)
        *gsl_matrix_ptr(X, b, (i0 + u) * 10 + j0 + v) += (cls ? cross : plus)[u * 3 + v];
    gsl_matrix_set(Y, b, (size_t)cls, 1);
  }
}

static double accuracy(const gsl_matrix *V, const gsl_matrix *Y)
{
  size_t ok = 0;
  for (size_t b = 0; b < V->size1; b++)
    ok += (gsl_matrix_get(V, b, 1) > gsl_matrix_get(V, b, 0)) == (gsl_matrix_get(Y, b, 1) > 0.5);
  return (double)ok / (double)V->size1;
}

static void test_cnn_vs_mlp(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3105203);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { NTRAIN = 200, NTEST = 1000, STEPS = 400 };
  gsl_matrix *X = gsl_matrix_alloc(NTRAIN, 100), *Y = gsl_matrix_alloc(NTRAIN, 2);
  gsl_matrix *Xt = gsl_matrix_alloc(NTEST, 100), *Yt = gsl_matrix_alloc(NTEST, 2);
  gsl_matrix *V = gsl_matrix_alloc(NTEST, 2);
  make_patterns(r, NTRAIN, X, Y);
  make_patterns(r, NTEST, Xt, Yt);
  mdl_conv_model *cnn = mdl_conv_model_alloc(1, 10, 10);
  assert_int_equal(mdl_conv_model_add_conv(cnn, 4, 3, 1, 1), 0);
  assert_int_equal(mdl_conv_model_add_relu(cnn), 0);
  assert_int_equal(mdl_conv_model_add_gap(cnn), 0);
  assert_int_equal(mdl_conv_model_add_dense(cnn, 2), 0);
  assert_int_equal(mdl_conv_model_init(cnn, r), 0);
  const size_t widths[3] = {100, 4, 2};
  const mdl_net_activation acts[2] = {MDL_NET_RELU, MDL_NET_IDENTITY};
  mdl_net *mlp = mdl_net_alloc(2, widths, acts);
  assert_int_equal(mdl_net_init(mlp, r), 0);
  size_t Pc = mdl_conv_model_nparams(cnn), Pm = mdl_net_nparams(mlp);
  mdl_optim_params op = mdl_optim_defaults(mdl_optim_adam);
  op.lr = 0.03;
  mdl_optim *oc = mdl_optim_alloc(mdl_optim_adam, Pc, &op);
  mdl_optim *om = mdl_optim_alloc(mdl_optim_adam, Pm, &op);
  gsl_vector *gc = gsl_vector_alloc(Pc), *gm = gsl_vector_alloc(Pm);
  double v;
  for (int t = 0; t < STEPS; t++) {
    assert_int_equal(mdl_conv_model_gradient(cnn, MDL_NET_LOSS_SOFTMAX_CE, X, Y, &v, gc), 0);
    assert_int_equal(mdl_optim_step(oc, mdl_conv_model_params(cnn), gc), 0);
    assert_int_equal(mdl_net_gradient(mlp, MDL_NET_LOSS_SOFTMAX_CE, X, Y, &v, gm), 0);
    assert_int_equal(mdl_optim_step(om, mdl_net_params(mlp), gm), 0);
  }
  assert_int_equal(mdl_conv_model_forward(cnn, Xt, V), 0);
  double acc_cnn = accuracy(V, Yt);
  assert_int_equal(mdl_net_forward(mlp, Xt, V), 0);
  double acc_mlp = accuracy(V, Yt);
  char note[200];
  snprintf(note, sizeof note, "experiment: test accuracy of the CNN (%zu"
           " parameters) minus that of the MLP (%zu); CNN %.3f, MLP %.3f",
           Pc, Pm, acc_cnn, acc_mlp);
  CLAIM(.id = "cnn.cnn-vs-mlp", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = acc_cnn - acc_mlp,
        .reference = 0.15, .tolerance = 0, .samples = NTEST, .seed = seed,
        .note = note);
  CLAIM(.id = "cnn.cnn-vs-mlp", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = (double)Pc, .reference = (double)Pm, .tolerance = 0,
        .samples = 1, .note = "parameters of the CNN, at most those of the MLP");
  mdl_conv_model_free(cnn);
  mdl_net_free(mlp);
  mdl_optim_free(oc);
  mdl_optim_free(om);
  gsl_vector_free(gc);
  gsl_vector_free(gm);
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  gsl_matrix_free(Xt);
  gsl_matrix_free(Yt);
  gsl_matrix_free(V);
  gsl_rng_free(r);
}

#line 2021 "chapters/03-cnn.nw"
int main(void)
{
  const struct CMUnitTest tests[] = {
#line 2198 "chapters/03-cnn.nw"
    cmocka_unit_test(test_conv_forward),
#line 2583 "chapters/03-cnn.nw"
    cmocka_unit_test(test_conv_backward),
#line 2652 "chapters/03-cnn.nw"
    cmocka_unit_test(test_maxpool_ties),
#line 2893 "chapters/03-cnn.nw"
    cmocka_unit_test(test_conv_algebra),
#line 3045 "chapters/03-cnn.nw"
    cmocka_unit_test(test_convolution_theorem),
#line 3266 "chapters/03-cnn.nw"
    cmocka_unit_test(test_shift_equivariance),
    cmocka_unit_test(test_circulant),
#line 3456 "chapters/03-cnn.nw"
    cmocka_unit_test(test_toeplitz),
#line 3607 "chapters/03-cnn.nw"
    cmocka_unit_test(test_backward_as_convolution),
#line 3865 "chapters/03-cnn.nw"
    cmocka_unit_test(test_output_size),
    cmocka_unit_test(test_receptive_field),
#line 4268 "chapters/03-cnn.nw"
    cmocka_unit_test(test_circular_singular_values),
#line 4515 "chapters/03-cnn.nw"
    cmocka_unit_test(test_gap_invariance),
    cmocka_unit_test(test_maxpool_shift),
#line 4847 "chapters/03-cnn.nw"
    cmocka_unit_test(test_deformation_stability),
#line 5210 "chapters/03-cnn.nw"
    cmocka_unit_test(test_residual_gradient),
#line 5668 "chapters/03-cnn.nw"
    cmocka_unit_test(test_norm_backward),
#line 5903 "chapters/03-cnn.nw"
    cmocka_unit_test(test_norm_scale_invariance),
#line 6057 "chapters/03-cnn.nw"
    cmocka_unit_test(test_dropout_unbiased),
    cmocka_unit_test(test_dropout_ensemble),
#line 6524 "chapters/03-cnn.nw"
    cmocka_unit_test(test_gcn_spectrum),
    cmocka_unit_test(test_gcn_permutation),
    cmocka_unit_test(test_gcn_commuting),
    cmocka_unit_test(test_gcn_cycle),
#line 7726 "chapters/03-cnn.nw"
    cmocka_unit_test(test_model_gradient),
    cmocka_unit_test(test_model_io),
#line 7845 "chapters/03-cnn.nw"
    cmocka_unit_test(test_cnn_vs_mlp),
#line 8176 "chapters/03-cnn.nw"
    cmocka_unit_test(test_conv_errors),
    cmocka_unit_test(test_layer_errors),
#line 2025 "chapters/03-cnn.nw"
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
