#line 166 "chapters/03-cnn.nw"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <mdl/conv.h>
#include <mdl/numcheck.h>
#line 190 "chapters/03-cnn.nw"
typedef struct {
  size_t C, O, H, W, kh, kw, sh, sw, ph, pw, OH, OW;
} geom;

static int finite_matrix(const char *fn, const char *name, const gsl_matrix *A)
{
  for (size_t i = 0; i < A->size1; i++) {
    const double *row = A->data + i * A->tda;
    for (size_t j = 0; j < A->size2; j++)
      if (!isfinite(row[j]))
        MDL_ERROR(GSL_EDOM, "%s: %s[%zu][%zu] is %g, not finite", fn,
                         name, i, j, row[j]);
  }
  return GSL_SUCCESS;
}

static int finite_vector(const char *fn, const char *name, const gsl_vector *v)
{
  for (size_t i = 0; i < v->size; i++) {
    double x = v->data[i * v->stride];
    if (!isfinite(x))
      MDL_ERROR(GSL_EDOM, "%s: %s[%zu] is %g, not finite", fn, name, i,
                       x);
  }
  return GSL_SUCCESS;
}
#line 223 "chapters/03-cnn.nw"
static int make_geom(const char *fn, size_t C, size_t O, size_t H, size_t W,
                     size_t kh, size_t kw, size_t sh, size_t sw, size_t ph,
                     size_t pw, geom *G)
{
  if (C == 0 || O == 0 || H == 0 || W == 0)
    MDL_ERROR(GSL_EINVAL,
                     "%s: sizes must be positive, got %zu input channels, %zu"
                     " output channels, height %zu, width %zu",
                     fn, C, O, H, W);
  if (kh == 0 || kw == 0)
    MDL_ERROR(GSL_EINVAL, "%s: the kernel is %zu x %zu, must be at"
                     " least 1 x 1", fn, kh, kw);
  if (sh == 0 || sw == 0)
    MDL_ERROR(GSL_EINVAL, "%s: stride %zu x %zu, must be at least 1",
                     fn, sh, sw);
  if (H > SIZE_MAX / 4 || W > SIZE_MAX / 4 || ph > SIZE_MAX / 4 ||
      pw > SIZE_MAX / 4)
    MDL_ERROR(GSL_EINVAL, "%s: the image %zu x %zu with padding %zu x %zu is"
              " too large", fn, H, W, ph, pw);
  if (kh > H + 2 * ph || kw > W + 2 * pw)
    MDL_ERROR(GSL_EINVAL,
                     "%s: kernel %zu x %zu is larger than the padded image"
                     " %zu x %zu",
                     fn, kh, kw, H + 2 * ph, W + 2 * pw);
  *G = (geom){C, O, H, W, kh, kw, sh, sw, ph, pw,
              (H + 2 * ph - kh) / sh + 1, (W + 2 * pw - kw) / sw + 1};
  return GSL_SUCCESS;
}

static int conv2d_geom(const char *fn, const mdl_conv2d_geometry *g, geom *G)
{
  if (g == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: the geometry is NULL", fn);
  return make_geom(fn, g->in_channels, g->out_channels, g->height, g->width,
                   g->kernel, g->kernel, g->stride, g->stride, g->padding,
                   g->padding, G);
}

int mdl_conv2d_output_size(const mdl_conv2d_geometry *g, size_t *out_h,
                           size_t *out_w)
{
  geom G = {0};
  if (out_h == NULL)
    MDL_ERROR(GSL_EFAULT, "out_h is NULL");
  if (out_w == NULL)
    MDL_ERROR(GSL_EFAULT, "out_w is NULL");
  int status = conv2d_geom("mdl_conv2d_output_size", g, &G);
  if (status)
    return status;
  *out_h = G.OH;
  *out_w = G.OW;
  return GSL_SUCCESS;
}
#line 288 "chapters/03-cnn.nw"
static void im2col(const geom *G, const double *x, double *cols)
{
  const size_t P = G->OH * G->OW;
  for (size_t c = 0; c < G->C; c++)
    for (size_t u = 0; u < G->kh; u++)
      for (size_t v = 0; v < G->kw; v++) {
        double *dst = cols + ((c * G->kh + u) * G->kw + v) * P;
        for (size_t i = 0; i < G->OH; i++, dst += G->OW) {
          ptrdiff_t ii = (ptrdiff_t)(i * G->sh + u) - (ptrdiff_t)G->ph;
          if (ii < 0 || ii >= (ptrdiff_t)G->H) {
            memset(dst, 0, G->OW * sizeof *dst);
            continue;
          }
          const double *src = x + (c * G->H + (size_t)ii) * G->W;
          for (size_t j = 0; j < G->OW; j++) {
            ptrdiff_t jj = (ptrdiff_t)(j * G->sw + v) - (ptrdiff_t)G->pw;
            dst[j] = jj >= 0 && jj < (ptrdiff_t)G->W ? src[jj] : 0.0;
          }
        }
      }
}

static void col2im(const geom *G, const double *cols, double *x)
{
  const size_t P = G->OH * G->OW;
  memset(x, 0, G->C * G->H * G->W * sizeof *x);
  for (size_t c = 0; c < G->C; c++)
    for (size_t u = 0; u < G->kh; u++)
      for (size_t v = 0; v < G->kw; v++) {
        const double *src = cols + ((c * G->kh + u) * G->kw + v) * P;
        for (size_t i = 0; i < G->OH; i++, src += G->OW) {
          ptrdiff_t ii = (ptrdiff_t)(i * G->sh + u) - (ptrdiff_t)G->ph;
          if (ii < 0 || ii >= (ptrdiff_t)G->H)
            continue;
          double *dst = x + (c * G->H + (size_t)ii) * G->W;
          for (size_t j = 0; j < G->OW; j++) {
            ptrdiff_t jj = (ptrdiff_t)(j * G->sw + v) - (ptrdiff_t)G->pw;
            if (jj >= 0 && jj < (ptrdiff_t)G->W)
              dst[jj] += src[j];
          }
        }
      }
}
#line 340 "chapters/03-cnn.nw"
static int check_layer(const char *fn, const geom *G, const gsl_vector *weights,
                       const gsl_vector *bias, const gsl_matrix *X,
                       const gsl_matrix *Y)
{
  const size_t K = G->C * G->kh * G->kw, in = G->C * G->H * G->W;
  const size_t out = G->O * G->OH * G->OW;
  if (weights != NULL && weights->size != G->O * K)
    MDL_ERROR(GSL_EBADLEN, "%s: weights has %zu entries, expected"
                     " O*C*k*k = %zu", fn, weights->size, G->O * K);
  if (bias != NULL && bias->size != G->O)
    MDL_ERROR(GSL_EBADLEN, "%s: bias has %zu entries, expected O = %zu",
                     fn, bias->size, G->O);
  if (X != NULL && X->size2 != in)
    MDL_ERROR(GSL_EBADLEN, "%s: X has %zu columns, expected C*H*W = %zu",
                     fn, X->size2, in);
  if (Y != NULL && Y->size2 != out)
    MDL_ERROR(GSL_EBADLEN, "%s: the output has %zu columns, expected"
                     " O*H'*W' = %zu", fn, Y->size2, out);
  if (X != NULL && Y != NULL && X->size1 != Y->size1)
    MDL_ERROR(GSL_EBADLEN, "%s: X has %zu rows and the output %zu", fn,
                     X->size1, Y->size1);
  return GSL_SUCCESS;
}

static gsl_matrix *copy_weights(const geom *G, const gsl_vector *weights)
{
  const size_t K = G->C * G->kh * G->kw;
  gsl_matrix *Wm = gsl_matrix_alloc(G->O, K);
  if (Wm != NULL)
    for (size_t o = 0; o < G->O; o++)
      for (size_t r = 0; r < K; r++)
        Wm->data[o * K + r] = weights->data[(o * K + r) * weights->stride];
  return Wm;
}
#line 382 "chapters/03-cnn.nw"
static int lowered_forward(const geom *G, const gsl_vector *weights,
                           const gsl_vector *bias, const gsl_matrix *X,
                           gsl_matrix *Y)
{
  const size_t K = G->C * G->kh * G->kw, P = G->OH * G->OW;
  gsl_matrix *Wm = copy_weights(G, weights);
  gsl_matrix *cols = gsl_matrix_alloc(K, P);
  if (Wm == NULL || cols == NULL) {
    gsl_matrix_free(Wm);
    gsl_matrix_free(cols);
    GSL_ERROR("cannot allocate the lowered images", GSL_ENOMEM);
  }
  for (size_t b = 0; b < X->size1; b++) {
    im2col(G, X->data + b * X->tda, cols->data);
    gsl_matrix_view Yb = gsl_matrix_view_array(Y->data + b * Y->tda, G->O, P);
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, Wm, cols, 0.0, &Yb.matrix);
    if (bias != NULL)
      for (size_t o = 0; o < G->O; o++) {
        const double bo = bias->data[o * bias->stride];
        double *y = Yb.matrix.data + o * P;
        for (size_t q = 0; q < P; q++)
          y[q] += bo;
      }
  }
  gsl_matrix_free(Wm);
  gsl_matrix_free(cols);
  return GSL_SUCCESS;
}

static int checked_forward(const char *fn, int status, const geom *G,
                           const gsl_vector *weights, const gsl_vector *bias,
                           const gsl_matrix *X, gsl_matrix *Y)
{
  if (status)
    return status;
  if (weights == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: weights is NULL", fn);
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: X is NULL", fn);
  if (Y == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: Y is NULL", fn);
  if ((status = check_layer(fn, G, weights, bias, X, Y)) ||
      (status = finite_vector(fn, "weights", weights)) ||
      (bias != NULL && (status = finite_vector(fn, "bias", bias))) ||
      (status = finite_matrix(fn, "X", X)))
    return status;
  return lowered_forward(G, weights, bias, X, Y);
}

int mdl_conv2d_forward(const mdl_conv2d_geometry *g, const gsl_vector *weights,
                       const gsl_vector *bias, const gsl_matrix *X,
                       gsl_matrix *Y)
{
  geom G = {0};
  int status = conv2d_geom("mdl_conv2d_forward", g, &G);
  return checked_forward("mdl_conv2d_forward", status, &G, weights, bias, X, Y);
}
#line 461 "chapters/03-cnn.nw"
static int lowered_backward(const geom *G, const gsl_vector *weights,
                            const gsl_matrix *X, const gsl_matrix *dY,
                            gsl_vector *dweights, gsl_vector *dbias,
                            gsl_matrix *dX)
{
  const size_t K = G->C * G->kh * G->kw, P = G->OH * G->OW;
  gsl_matrix *Wm = copy_weights(G, weights);
  gsl_matrix *cols = gsl_matrix_alloc(K, P);
  gsl_matrix *dW = gsl_matrix_calloc(G->O, K);
  if (Wm == NULL || cols == NULL || dW == NULL) {
    gsl_matrix_free(Wm);
    gsl_matrix_free(cols);
    gsl_matrix_free(dW);
    GSL_ERROR("cannot allocate the lowered images", GSL_ENOMEM);
  }
  for (size_t b = 0; b < X->size1; b++) {
    gsl_matrix_const_view dYb =
        gsl_matrix_const_view_array(dY->data + b * dY->tda, G->O, P);
    if (dweights != NULL) {
      const double beta = b == 0 ? 0.0 : 1.0;
      im2col(G, X->data + b * X->tda, cols->data);
      gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, &dYb.matrix, cols, beta,
                     dW);
    }
    if (dX != NULL) {
      gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, Wm, &dYb.matrix, 0.0,
                     cols);
      col2im(G, cols->data, dX->data + b * dX->tda);
    }
  }
  if (dweights != NULL)
    for (size_t r = 0; r < G->O * K; r++)
      dweights->data[r * dweights->stride] = dW->data[r];
  if (dbias != NULL)
    for (size_t o = 0; o < G->O; o++) {
      double s = 0;
      for (size_t b = 0; b < dY->size1; b++) {
        const double *d = dY->data + b * dY->tda + o * P;
        for (size_t q = 0; q < P; q++)
          s += d[q];
      }
      dbias->data[o * dbias->stride] = s;
    }
  gsl_matrix_free(Wm);
  gsl_matrix_free(cols);
  gsl_matrix_free(dW);
  return GSL_SUCCESS;
}
#line 517 "chapters/03-cnn.nw"
static int checked_backward(const char *fn, int status, const geom *G,
                            const gsl_vector *weights, const gsl_matrix *X,
                            const gsl_matrix *dY, gsl_vector *dweights,
                            gsl_vector *dbias, gsl_matrix *dX)
{
  if (status)
    return status;
  if (weights == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: weights is NULL", fn);
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: X is NULL", fn);
  if (dY == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: dY is NULL", fn);
  if ((status = check_layer(fn, G, weights, dbias, X, dY)) ||
      (status = check_layer(fn, G, dweights, NULL, dX, NULL)))
    return status;
  if (dX != NULL && dX->size1 != X->size1)
    MDL_ERROR(GSL_EBADLEN, "%s: dX has %zu rows, X has %zu", fn,
                     dX->size1, X->size1);
  if ((status = finite_vector(fn, "weights", weights)) ||
      (status = finite_matrix(fn, "X", X)) ||
      (status = finite_matrix(fn, "dY", dY)))
    return status;
  return lowered_backward(G, weights, X, dY, dweights, dbias, dX);
}

int mdl_conv2d_backward(const mdl_conv2d_geometry *g, const gsl_vector *weights,
                        const gsl_matrix *X, const gsl_matrix *dY,
                        gsl_vector *dweights, gsl_vector *dbias,
                        gsl_matrix *dX)
{
  geom G = {0};
  int status = conv2d_geom("mdl_conv2d_backward", g, &G);
  return checked_backward("mdl_conv2d_backward", status, &G, weights, X, dY,
                          dweights, dbias, dX);
}
#line 611 "chapters/03-cnn.nw"
static int conv1d_geom(const char *fn, const mdl_conv1d_geometry *g, geom *G)
{
  if (g == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: the geometry is NULL", fn);
  return make_geom(fn, g->in_channels, g->out_channels, 1, g->length, 1,
                   g->kernel, 1, g->stride, 0, g->padding, G);
}

int mdl_conv1d_forward(const mdl_conv1d_geometry *g, const gsl_vector *weights,
                       const gsl_vector *bias, const gsl_matrix *X,
                       gsl_matrix *Y)
{
  geom G = {0};
  int status = conv1d_geom("mdl_conv1d_forward", g, &G);
  return checked_forward("mdl_conv1d_forward", status, &G, weights, bias, X, Y);
}

int mdl_conv1d_backward(const mdl_conv1d_geometry *g, const gsl_vector *weights,
                        const gsl_matrix *X, const gsl_matrix *dY,
                        gsl_vector *dweights, gsl_vector *dbias,
                        gsl_matrix *dX)
{
  geom G = {0};
  int status = conv1d_geom("mdl_conv1d_backward", g, &G);
  return checked_backward("mdl_conv1d_backward", status, &G, weights, X, dY,
                          dweights, dbias, dX);
}
#line 644 "chapters/03-cnn.nw"
int mdl_conv_circular_pad(size_t channels, size_t height, size_t width,
                          size_t pad, const gsl_matrix *X, gsl_matrix *Xpad)
{
  const char *fn = "mdl_conv_circular_pad";
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: X is NULL", fn);
  if (Xpad == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: Xpad is NULL", fn);
  if (channels == 0 || height == 0 || width == 0)
    MDL_ERROR(GSL_EINVAL, "%s: %zu channels of %zu x %zu pixels", fn,
                     channels, height, width);
  if (pad > height || pad > width)
    MDL_ERROR(GSL_EINVAL, "%s: padding %zu exceeds the image %zu x %zu",
                     fn, pad, height, width);
  const size_t Hp = height + 2 * pad, Wp = width + 2 * pad;
  if (X->size2 != channels * height * width)
    MDL_ERROR(GSL_EBADLEN, "%s: X has %zu columns, expected %zu", fn,
                     X->size2, channels * height * width);
  if (Xpad->size1 != X->size1 || Xpad->size2 != channels * Hp * Wp)
    MDL_ERROR(GSL_EBADLEN, "%s: Xpad is %zu x %zu, expected %zu x %zu",
                     fn, Xpad->size1, Xpad->size2, X->size1,
                     channels * Hp * Wp);
  int status = finite_matrix(fn, "X", X);
  if (status)
    return status;
  for (size_t b = 0; b < X->size1; b++)
    for (size_t c = 0; c < channels; c++) {
      const double *x = X->data + b * X->tda + c * height * width;
      double *y = Xpad->data + b * Xpad->tda + c * Hp * Wp;
      for (size_t i = 0; i < Hp; i++) {
        const double *row = x + ((i + height - pad) % height) * width;
        for (size_t j = 0; j < Wp; j++)
          y[i * Wp + j] = row[(j + width - pad) % width];
      }
    }
  return GSL_SUCCESS;
}

int mdl_conv_full(const gsl_vector *x, const gsl_vector *h, gsl_vector *y)
{
  const char *fn = "mdl_conv_full";
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: x is NULL", fn);
  if (h == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: h is NULL", fn);
  if (y == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: y is NULL", fn);
  if (y->size != x->size + h->size - 1)
    MDL_ERROR(GSL_EBADLEN, "%s: y has %zu entries, expected %zu", fn,
                     y->size, x->size + h->size - 1);
  int status;
  if ((status = finite_vector(fn, "x", x)) ||
      (status = finite_vector(fn, "h", h)))
    return status;
  for (size_t n = 0; n < y->size; n++) {
    double s = 0;
    size_t lo = n + 1 > h->size ? n + 1 - h->size : 0;
    for (size_t m = lo; m <= n && m < x->size; m++)
      s += x->data[m * x->stride] * h->data[(n - m) * h->stride];
    y->data[n * y->stride] = s;
  }
  return GSL_SUCCESS;
}

int mdl_conv_circular(const gsl_vector *x, const gsl_vector *h, gsl_vector *y)
{
  const char *fn = "mdl_conv_circular";
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: x is NULL", fn);
  if (h == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: h is NULL", fn);
  if (y == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: y is NULL", fn);
  const size_t N = x->size;
  if (h->size != N || y->size != N)
    MDL_ERROR(GSL_EBADLEN, "%s: lengths %zu, %zu and %zu differ", fn, N,
                     h->size, y->size);
  int status;
  if ((status = finite_vector(fn, "x", x)) ||
      (status = finite_vector(fn, "h", h)))
    return status;
  double *tmp = malloc(N * sizeof *tmp);
  if (tmp == NULL)
    GSL_ERROR("cannot allocate the result", GSL_ENOMEM);
  for (size_t n = 0; n < N; n++) {
    double s = 0;
    for (size_t m = 0; m < N; m++)
      s += x->data[m * x->stride] * h->data[((n + N - m) % N) * h->stride];
    tmp[n] = s;
  }
  for (size_t n = 0; n < N; n++)
    y->data[n * y->stride] = tmp[n];
  free(tmp);
  return GSL_SUCCESS;
}
#line 805 "chapters/03-cnn.nw"
static int pool_geom(const char *fn, const mdl_pool2d_geometry *g, geom *G)
{
  if (g == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: the geometry is NULL", fn);
  if (g->padding > g->kernel / 2)
    MDL_ERROR(GSL_EINVAL, "%s: padding %zu exceeds half the kernel %zu",
                     fn, g->padding, g->kernel);
  return make_geom(fn, g->channels, g->channels, g->height, g->width,
                   g->kernel, g->kernel, g->stride, g->stride, g->padding,
                   g->padding, G);
}

int mdl_pool2d_output_size(const mdl_pool2d_geometry *g, size_t *out_h,
                           size_t *out_w)
{
  geom G = {0};
  if (out_h == NULL)
    MDL_ERROR(GSL_EFAULT, "out_h is NULL");
  if (out_w == NULL)
    MDL_ERROR(GSL_EFAULT, "out_w is NULL");
  int status = pool_geom("mdl_pool2d_output_size", g, &G);
  if (status)
    return status;
  *out_h = G.OH;
  *out_w = G.OW;
  return GSL_SUCCESS;
}

static int pool_check(const char *fn, const mdl_pool2d_geometry *g, geom *G,
                      const gsl_matrix *In, size_t in_cols,
                      const gsl_matrix *Out, size_t out_cols)
{
  int status = pool_geom(fn, g, G);
  if (status)
    return status;
  if (In == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: the input is NULL", fn);
  if (Out == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: the output is NULL", fn);
  size_t want_in = in_cols ? G->C * G->OH * G->OW : G->C * G->H * G->W;
  size_t want_out = out_cols ? G->C * G->OH * G->OW : G->C * G->H * G->W;
  if (In->size2 != want_in)
    MDL_ERROR(GSL_EBADLEN, "%s: the input has %zu columns, expected %zu",
                     fn, In->size2, want_in);
  if (Out->size2 != want_out || Out->size1 != In->size1)
    MDL_ERROR(GSL_EBADLEN, "%s: the output is %zu x %zu, expected"
                     " %zu x %zu", fn, Out->size1, Out->size2, In->size1,
                     want_out);
  return finite_matrix(fn, "the input", In);
}
#line 860 "chapters/03-cnn.nw"
static size_t window_argmax(const geom *G, const double *x, size_t c, size_t i,
                            size_t j)
{
  size_t best = SIZE_MAX;
  double bestv = 0;
  for (size_t u = 0; u < G->kh; u++) {
    ptrdiff_t ii = (ptrdiff_t)(i * G->sh + u) - (ptrdiff_t)G->ph;
    if (ii < 0 || ii >= (ptrdiff_t)G->H)
      continue;
    for (size_t v = 0; v < G->kw; v++) {
      ptrdiff_t jj = (ptrdiff_t)(j * G->sw + v) - (ptrdiff_t)G->pw;
      if (jj < 0 || jj >= (ptrdiff_t)G->W)
        continue;
      size_t idx = (c * G->H + (size_t)ii) * G->W + (size_t)jj;
      if (best == SIZE_MAX || x[idx] > bestv) {
        best = idx;
        bestv = x[idx];
      }
    }
  }
  return best;
}

int mdl_pool2d_max_forward(const mdl_pool2d_geometry *g, const gsl_matrix *X,
                           gsl_matrix *Y)
{
  geom G = {0};
  int status = pool_check("mdl_pool2d_max_forward", g, &G, X, 0, Y, 1);
  if (status)
    return status;
  for (size_t b = 0; b < X->size1; b++) {
    const double *x = X->data + b * X->tda;
    double *y = Y->data + b * Y->tda;
    for (size_t c = 0; c < G.C; c++)
      for (size_t i = 0; i < G.OH; i++)
        for (size_t j = 0; j < G.OW; j++)
          y[(c * G.OH + i) * G.OW + j] = x[window_argmax(&G, x, c, i, j)];
  }
  return GSL_SUCCESS;
}

int mdl_pool2d_max_backward(const mdl_pool2d_geometry *g, const gsl_matrix *X,
                            const gsl_matrix *dY, gsl_matrix *dX)
{
  const char *fn = "mdl_pool2d_max_backward";
  geom G = {0};
  int status = pool_check(fn, g, &G, X, 0, dX, 0);
  if (status)
    return status;
  if (dY == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: dY is NULL", fn);
  if (dY->size1 != X->size1 || dY->size2 != G.C * G.OH * G.OW)
    MDL_ERROR(GSL_EBADLEN, "%s: dY is %zu x %zu, expected %zu x %zu",
                     fn, dY->size1, dY->size2, X->size1, G.C * G.OH * G.OW);
  if ((status = finite_matrix(fn, "dY", dY)))
    return status;
  for (size_t b = 0; b < X->size1; b++) {
    const double *x = X->data + b * X->tda, *dy = dY->data + b * dY->tda;
    double *dx = dX->data + b * dX->tda;
    memset(dx, 0, dX->size2 * sizeof *dx);
    for (size_t c = 0; c < G.C; c++)
      for (size_t i = 0; i < G.OH; i++)
        for (size_t j = 0; j < G.OW; j++)
          dx[window_argmax(&G, x, c, i, j)] += dy[(c * G.OH + i) * G.OW + j];
  }
  return GSL_SUCCESS;
}
#line 934 "chapters/03-cnn.nw"
int mdl_pool2d_avg_forward(const mdl_pool2d_geometry *g, const gsl_matrix *X,
                           gsl_matrix *Y)
{
  geom G = {0};
  int status = pool_check("mdl_pool2d_avg_forward", g, &G, X, 0, Y, 1);
  if (status)
    return status;
  geom G1 = G;
  G1.C = 1;
  const size_t K = G.kh * G.kw, P = G.OH * G.OW;
  double *cols = malloc(K * P * sizeof *cols);
  if (cols == NULL)
    GSL_ERROR("cannot allocate the lowered image", GSL_ENOMEM);
  for (size_t b = 0; b < X->size1; b++)
    for (size_t c = 0; c < G.C; c++) {
      im2col(&G1, X->data + b * X->tda + c * G.H * G.W, cols);
      double *y = Y->data + b * Y->tda + c * P;
      for (size_t q = 0; q < P; q++)
        y[q] = 0;
      for (size_t r = 0; r < K; r++)
        for (size_t q = 0; q < P; q++)
          y[q] += cols[r * P + q];
      for (size_t q = 0; q < P; q++)
        y[q] /= (double)K;
    }
  free(cols);
  return GSL_SUCCESS;
}

int mdl_pool2d_avg_backward(const mdl_pool2d_geometry *g, const gsl_matrix *dY,
                            gsl_matrix *dX)
{
  geom G = {0};
  int status = pool_check("mdl_pool2d_avg_backward", g, &G, dY, 1, dX, 0);
  if (status)
    return status;
  geom G1 = G;
  G1.C = 1;
  const size_t K = G.kh * G.kw, P = G.OH * G.OW;
  double *cols = malloc(K * P * sizeof *cols);
  if (cols == NULL)
    GSL_ERROR("cannot allocate the lowered image", GSL_ENOMEM);
  for (size_t b = 0; b < dY->size1; b++)
    for (size_t c = 0; c < G.C; c++) {
      const double *dy = dY->data + b * dY->tda + c * P;
      for (size_t r = 0; r < K; r++)
        for (size_t q = 0; q < P; q++)
          cols[r * P + q] = dy[q] / (double)K;
      col2im(&G1, cols, dX->data + b * dX->tda + c * G.H * G.W);
    }
  free(cols);
  return GSL_SUCCESS;
}
#line 993 "chapters/03-cnn.nw"
static int gap_check(const char *fn, size_t channels, const gsl_matrix *Big,
                     const gsl_matrix *Small)
{
  if (Big == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: the image matrix is NULL", fn);
  if (Small == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: the channel matrix is NULL", fn);
  if (channels == 0 || Big->size2 % channels != 0)
    MDL_ERROR(GSL_EBADLEN, "%s: %zu columns are not a positive number"
                     " of channels of %zu", fn, Big->size2, channels);
  if (Small->size2 != channels || Small->size1 != Big->size1)
    MDL_ERROR(GSL_EBADLEN, "%s: the channel matrix is %zu x %zu,"
                     " expected %zu x %zu", fn, Small->size1, Small->size2,
                     Big->size1, channels);
  return GSL_SUCCESS;
}

int mdl_conv_global_avg_pool(size_t channels, const gsl_matrix *X,
                             gsl_matrix *Y)
{
  const char *fn = "mdl_conv_global_avg_pool";
  int status = gap_check(fn, channels, X, Y);
  if (status || (status = finite_matrix(fn, "X", X)))
    return status;
  const size_t n = X->size2 / channels;
  for (size_t b = 0; b < X->size1; b++)
    for (size_t c = 0; c < channels; c++) {
      const double *x = X->data + b * X->tda + c * n;
      double s = 0;
      for (size_t q = 0; q < n; q++)
        s += x[q];
      Y->data[b * Y->tda + c] = s / (double)n;
    }
  return GSL_SUCCESS;
}

int mdl_conv_global_avg_pool_backward(size_t channels, const gsl_matrix *dY,
                                      gsl_matrix *dX)
{
  const char *fn = "mdl_conv_global_avg_pool_backward";
  int status = gap_check(fn, channels, dX, dY);
  if (status || (status = finite_matrix(fn, "dY", dY)))
    return status;
  const size_t n = dX->size2 / channels;
  for (size_t b = 0; b < dY->size1; b++)
    for (size_t c = 0; c < channels; c++) {
      const double d = dY->data[b * dY->tda + c] / (double)n;
      double *dx = dX->data + b * dX->tda + c * n;
      for (size_t q = 0; q < n; q++)
        dx[q] = d;
    }
  return GSL_SUCCESS;
}
#line 1146 "chapters/03-cnn.nw"
typedef struct {
  const double *x;
  size_t nb, len, step;
} group;

static void group_stats(const group *g, double *mean, double *var)
{
  double s = 0;
  for (size_t b = 0; b < g->nb; b++)
    for (size_t q = 0; q < g->len; q++)
      s += g->x[b * g->step + q];
  const double N = (double)(g->nb * g->len), mu = s / N;
  double v = 0;
  for (size_t b = 0; b < g->nb; b++)
    for (size_t q = 0; q < g->len; q++) {
      const double d = g->x[b * g->step + q] - mu;
      v += d * d;
    }
  *mean = mu;
  *var = v / N;
}

static int norm_scale(const char *fn, double eps, double var, size_t which,
                      double *inv)
{
  if (!(var + eps > 0))
    MDL_ERROR(GSL_EDOM, "%s: group %zu has variance 0 and eps is 0", fn,
                     which);
  *inv = 1 / sqrt(var + eps);
  return GSL_SUCCESS;
}

static int norm_check(const char *fn, double eps, const gsl_vector *gamma,
                      size_t ng, const gsl_vector *beta, const gsl_matrix *X,
                      const gsl_matrix *Y)
{
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: X is NULL", fn);
  if (gamma == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: gamma is NULL", fn);
  if (Y == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: the output is NULL", fn);
  if (!(eps >= 0) || !isfinite(eps))
    MDL_ERROR(GSL_EINVAL, "%s: eps is %g, must be finite and >= 0", fn,
                     eps);
  if (gamma->size != ng || (beta != NULL && beta->size != ng))
    MDL_ERROR(GSL_EBADLEN, "%s: gamma has %zu entries%s, expected %zu",
                     fn, gamma->size, beta != NULL && beta->size != ng
                     ? " or beta the wrong number" : "", ng);
  if (Y->size1 != X->size1 || Y->size2 != X->size2)
    MDL_ERROR(GSL_EBADLEN, "%s: X is %zu x %zu and the output"
                     " %zu x %zu", fn, X->size1, X->size2, Y->size1, Y->size2);
  int status;
  if ((status = finite_matrix(fn, "X", X)) ||
      (status = finite_vector(fn, "gamma", gamma)) ||
      (beta != NULL && (status = finite_vector(fn, "beta", beta))))
    return status;
  return GSL_SUCCESS;
}
#line 1210 "chapters/03-cnn.nw"
static int bn_channels(const char *fn, size_t channels, const gsl_matrix *X)
{
  if (channels == 0 || X->size2 % channels != 0)
    MDL_ERROR(GSL_EBADLEN, "%s: X has %zu columns, not a positive"
                     " multiple of %zu channels", fn, X->size2, channels);
  return GSL_SUCCESS;
}

static int bn_stats(const char *fn, size_t channels, double eps,
                    const gsl_matrix *X, double *mu, double *inv)
{
  const size_t n = X->size2 / channels;
  for (size_t c = 0; c < channels; c++) {
    group g = {X->data + c * n, X->size1, n, X->tda};
    double var;
    group_stats(&g, &mu[c], &var);
    int status = norm_scale(fn, eps, var, c, &inv[c]);
    if (status)
      return status;
  }
  return GSL_SUCCESS;
}

int mdl_conv_batchnorm_forward(size_t channels, double eps,
                               const gsl_vector *gamma, const gsl_vector *beta,
                               const gsl_matrix *X, gsl_matrix *Y)
{
  const char *fn = "mdl_conv_batchnorm_forward";
  int status;
  if (X != NULL && (status = bn_channels(fn, channels, X)))
    return status;
  if (beta == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: beta is NULL", fn);
  if ((status = norm_check(fn, eps, gamma, channels, beta, X, Y)))
    return status;
  double *mu = malloc(2 * channels * sizeof *mu);
  if (mu == NULL)
    GSL_ERROR("cannot allocate the statistics", GSL_ENOMEM);
  double *inv = mu + channels;
  if ((status = bn_stats(fn, channels, eps, X, mu, inv)) == GSL_SUCCESS) {
    const size_t n = X->size2 / channels;
    for (size_t b = 0; b < X->size1; b++)
      for (size_t c = 0; c < channels; c++) {
        const double gc = gamma->data[c * gamma->stride] * inv[c];
        const double bc = beta->data[c * beta->stride];
        const double *x = X->data + b * X->tda + c * n;
        double *y = Y->data + b * Y->tda + c * n;
        for (size_t q = 0; q < n; q++)
          y[q] = gc * (x[q] - mu[c]) + bc;
      }
  }
  free(mu);
  return status;
}
#line 1284 "chapters/03-cnn.nw"
int mdl_conv_batchnorm_backward(size_t channels, double eps,
                                const gsl_vector *gamma, const gsl_matrix *X,
                                const gsl_matrix *dY, gsl_matrix *dX,
                                gsl_vector *dgamma, gsl_vector *dbeta)
{
  const char *fn = "mdl_conv_batchnorm_backward";
  int status;
  if (X != NULL && (status = bn_channels(fn, channels, X)))
    return status;
  if ((status = norm_check(fn, eps, gamma, channels, NULL, X, dY)))
    return status;
  if ((dX != NULL && (dX->size1 != X->size1 || dX->size2 != X->size2)) ||
      (dgamma != NULL && dgamma->size != channels) ||
      (dbeta != NULL && dbeta->size != channels))
    MDL_ERROR(GSL_EBADLEN, "%s: dX must be %zu x %zu and dgamma, dbeta"
                     " have %zu entries", fn, X->size1, X->size2, channels);
  if ((status = finite_matrix(fn, "dY", dY)))
    return status;
  double *mu = malloc(4 * channels * sizeof *mu);
  if (mu == NULL)
    GSL_ERROR("cannot allocate the statistics", GSL_ENOMEM);
  double *inv = mu + channels, *sd = inv + channels, *sdx = sd + channels;
  if ((status = bn_stats(fn, channels, eps, X, mu, inv)) == GSL_SUCCESS) {
    const size_t n = X->size2 / channels;
    const double N = (double)(X->size1 * n);
    for (size_t c = 0; c < channels; c++) {
      sd[c] = sdx[c] = 0;
      for (size_t b = 0; b < X->size1; b++) {
        const double *x = X->data + b * X->tda + c * n;
        const double *d = dY->data + b * dY->tda + c * n;
        for (size_t q = 0; q < n; q++) {
          sd[c] += d[q];
          sdx[c] += d[q] * (x[q] - mu[c]) * inv[c];
        }
      }
    }
    for (size_t b = 0; dX != NULL && b < X->size1; b++)
      for (size_t c = 0; c < channels; c++) {
        const double gc = gamma->data[c * gamma->stride] * inv[c];
        const double *x = X->data + b * X->tda + c * n;
        const double *d = dY->data + b * dY->tda + c * n;
        double *dx = dX->data + b * dX->tda + c * n;
        for (size_t q = 0; q < n; q++) {
          const double xh = (x[q] - mu[c]) * inv[c];
          dx[q] = gc * (d[q] - sd[c] / N - xh * sdx[c] / N);
        }
      }
    for (size_t c = 0; c < channels; c++) {
      if (dgamma != NULL)
        dgamma->data[c * dgamma->stride] = sdx[c];
      if (dbeta != NULL)
        dbeta->data[c * dbeta->stride] = sd[c];
    }
  }
  free(mu);
  return status;
}
#line 1347 "chapters/03-cnn.nw"
static int ln_stats(const char *fn, double eps, const gsl_matrix *X,
                    double *mu, double *inv)
{
  for (size_t b = 0; b < X->size1; b++) {
    group g = {X->data + b * X->tda, 1, X->size2, 0};
    double var;
    group_stats(&g, &mu[b], &var);
    int status = norm_scale(fn, eps, var, b, &inv[b]);
    if (status)
      return status;
  }
  return GSL_SUCCESS;
}

int mdl_conv_layernorm_forward(double eps, const gsl_vector *gamma,
                               const gsl_vector *beta, const gsl_matrix *X,
                               gsl_matrix *Y)
{
  const char *fn = "mdl_conv_layernorm_forward";
  int status;
  if (beta == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: beta is NULL", fn);
  if ((status = norm_check(fn, eps, gamma, X != NULL ? X->size2 : 0, beta, X,
                           Y)))
    return status;
  double *mu = malloc(2 * X->size1 * sizeof *mu);
  if (mu == NULL)
    GSL_ERROR("cannot allocate the statistics", GSL_ENOMEM);
  double *inv = mu + X->size1;
  if ((status = ln_stats(fn, eps, X, mu, inv)) == GSL_SUCCESS)
    for (size_t b = 0; b < X->size1; b++) {
      const double *x = X->data + b * X->tda;
      double *y = Y->data + b * Y->tda;
      for (size_t j = 0; j < X->size2; j++)
        y[j] = gamma->data[j * gamma->stride] * (x[j] - mu[b]) * inv[b] +
               beta->data[j * beta->stride];
    }
  free(mu);
  return status;
}

int mdl_conv_layernorm_backward(double eps, const gsl_vector *gamma,
                                const gsl_matrix *X, const gsl_matrix *dY,
                                gsl_matrix *dX, gsl_vector *dgamma,
                                gsl_vector *dbeta)
{
  const char *fn = "mdl_conv_layernorm_backward";
  int status;
  if ((status = norm_check(fn, eps, gamma, X != NULL ? X->size2 : 0, NULL, X,
                           dY)))
    return status;
  const size_t D = X->size2;
  if ((dX != NULL && (dX->size1 != X->size1 || dX->size2 != D)) ||
      (dgamma != NULL && dgamma->size != D) ||
      (dbeta != NULL && dbeta->size != D))
    MDL_ERROR(GSL_EBADLEN, "%s: dX must be %zu x %zu and dgamma, dbeta"
                     " have %zu entries", fn, X->size1, D, D);
  if ((status = finite_matrix(fn, "dY", dY)))
    return status;
  double *mu = malloc((2 * X->size1 + 2 * D) * sizeof *mu);
  if (mu == NULL)
    GSL_ERROR("cannot allocate the statistics", GSL_ENOMEM);
  double *inv = mu + X->size1, *dg = inv + X->size1, *db = dg + D;
  if ((status = ln_stats(fn, eps, X, mu, inv)) == GSL_SUCCESS) {
    for (size_t j = 0; j < D; j++)
      dg[j] = db[j] = 0;
    for (size_t b = 0; b < X->size1; b++) {
      const double *x = X->data + b * X->tda, *d = dY->data + b * dY->tda;
      double sd = 0, sdx = 0;
      for (size_t j = 0; j < D; j++) {
        const double xh = (x[j] - mu[b]) * inv[b];
        const double gd = gamma->data[j * gamma->stride] * d[j];
        sd += gd;
        sdx += gd * xh;
        dg[j] += d[j] * xh;
        db[j] += d[j];
      }
      if (dX != NULL) {
        double *dx = dX->data + b * dX->tda;
        for (size_t j = 0; j < D; j++) {
          const double xh = (x[j] - mu[b]) * inv[b];
          const double gd = gamma->data[j * gamma->stride] * d[j];
          dx[j] = inv[b] * (gd - sd / (double)D - xh * sdx / (double)D);
        }
      }
    }
    for (size_t j = 0; j < D; j++) {
      if (dgamma != NULL)
        dgamma->data[j * dgamma->stride] = dg[j];
      if (dbeta != NULL)
        dbeta->data[j * dbeta->stride] = db[j];
    }
  }
  free(mu);
  return status;
}
#line 1449 "chapters/03-cnn.nw"
int mdl_conv_dropout(double p, const gsl_rng *r, const gsl_matrix *X,
                     gsl_matrix *mask, gsl_matrix *Y)
{
  const char *fn = "mdl_conv_dropout";
  if (r == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: r is NULL", fn);
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: X is NULL", fn);
  if (Y == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: Y is NULL", fn);
  if (!(p >= 0 && p <= 1))
    MDL_ERROR(GSL_EDOM, "%s: p is %g, must lie in [0, 1]", fn, p);
  if (Y->size1 != X->size1 || Y->size2 != X->size2 ||
      (mask != NULL && (mask->size1 != X->size1 || mask->size2 != X->size2)))
    MDL_ERROR(GSL_EBADLEN, "%s: X is %zu x %zu; Y and mask must match",
                     fn, X->size1, X->size2);
  int status = finite_matrix(fn, "X", X);
  if (status)
    return status;
  const double scale = p < 1 ? 1 / (1 - p) : 0;
  for (size_t i = 0; i < X->size1; i++)
    for (size_t j = 0; j < X->size2; j++) {
      const double m = gsl_rng_uniform(r) >= p ? scale : 0.0;
      if (mask != NULL)
        mask->data[i * mask->tda + j] = m;
      Y->data[i * Y->tda + j] = m * X->data[i * X->tda + j];
    }
  return GSL_SUCCESS;
}
#line 1481 "chapters/03-cnn.nw"
static int wn_check(const char *fn, double g, const gsl_vector *v,
                    const gsl_vector *w, double *norm)
{
  if (v == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: v is NULL", fn);
  if (w == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: w is NULL", fn);
  if (w->size != v->size)
    MDL_ERROR(GSL_EBADLEN, "%s: v has %zu entries and w %zu", fn,
                     v->size, w->size);
  if (!isfinite(g))
    MDL_ERROR(GSL_EDOM, "%s: g is %g", fn, g);
  int status = finite_vector(fn, "v", v);
  if (status)
    return status;
  *norm = gsl_blas_dnrm2(v);
  if (!(*norm > 0) || !isfinite(*norm))
    MDL_ERROR(GSL_EDOM, "%s: ||v|| is %g", fn, *norm);
  return GSL_SUCCESS;
}

int mdl_conv_weightnorm(double g, const gsl_vector *v, gsl_vector *w)
{
  double norm = 0;
  int status = wn_check("mdl_conv_weightnorm", g, v, w, &norm);
  if (status)
    return status;
  for (size_t i = 0; i < v->size; i++)
    w->data[i * w->stride] = g * v->data[i * v->stride] / norm;
  return GSL_SUCCESS;
}

int mdl_conv_weightnorm_backward(double g, const gsl_vector *v,
                                 const gsl_vector *dw, gsl_vector *dv,
                                 double *dg)
{
  const char *fn = "mdl_conv_weightnorm_backward";
  double norm = 0;
  int status = wn_check(fn, g, v, dw, &norm);
  if (status)
    return status;
  if (dv != NULL && dv->size != v->size)
    MDL_ERROR(GSL_EBADLEN, "%s: dv has %zu entries, v %zu", fn,
                     dv->size, v->size);
  if ((status = finite_vector(fn, "dw", dw)))
    return status;
  double dot;
  gsl_blas_ddot(dw, v, &dot);
  const double c = dot / (norm * norm);
  if (dv != NULL)
    for (size_t i = 0; i < v->size; i++)
      dv->data[i * dv->stride] =
          g / norm * (dw->data[i * dw->stride] - c * v->data[i * v->stride]);
  if (dg != NULL)
    *dg = dot / norm;
  return GSL_SUCCESS;
}
#line 1579 "chapters/03-cnn.nw"
static int residual_geom(const char *fn, const mdl_conv2d_geometry *g,
                         geom *G)
{
  int status = conv2d_geom(fn, g, G);
  if (status)
    return status;
  if (g->in_channels != g->out_channels || g->stride != 1 ||
      g->kernel % 2 == 0 || 2 * g->padding + 1 != g->kernel)
    MDL_ERROR(GSL_EINVAL, "%s: a residual block needs C -> C channels,"
                     " stride 1, an odd kernel and padding (k-1)/2; got %zu ->"
                     " %zu, stride %zu, kernel %zu, padding %zu", fn,
                     g->in_channels, g->out_channels, g->stride, g->kernel,
                     g->padding);
  return GSL_SUCCESS;
}

size_t mdl_conv_residual_nparams(const mdl_conv2d_geometry *g)
{
  geom G = {0};
  if (residual_geom("mdl_conv_residual_nparams", g, &G))
    return 0;
  return 2 * (G.O * G.C * G.kh * G.kw + G.O);
}
#line 1608 "chapters/03-cnn.nw"
typedef struct {
  gsl_vector w1, b1, w2, b2;
} residual_views;

static int residual_parts(const char *fn, const mdl_conv2d_geometry *g,
                          geom *G, const gsl_vector *theta, const gsl_matrix *X,
                          const gsl_matrix *Y, residual_views *v)
{
  int status = residual_geom(fn, g, G);
  if (status)
    return status;
  if (theta == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: theta is NULL", fn);
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: X is NULL", fn);
  if (Y == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: the output is NULL", fn);
  const size_t nw = G->O * G->C * G->kh * G->kw, n = 2 * (nw + G->O);
  if (theta->size != n)
    MDL_ERROR(GSL_EBADLEN, "%s: theta has %zu entries, expected %zu",
                     fn, theta->size, n);
  if ((status = check_layer(fn, G, NULL, NULL, X, Y)))
    return status;
  if ((status = finite_vector(fn, "theta", theta)) ||
      (status = finite_matrix(fn, "X", X)))
    return status;
  v->w1 = gsl_vector_const_subvector(theta, 0, nw).vector;
  v->b1 = gsl_vector_const_subvector(theta, nw, G->O).vector;
  v->w2 = gsl_vector_const_subvector(theta, nw + G->O, nw).vector;
  v->b2 = gsl_vector_const_subvector(theta, 2 * nw + G->O, G->O).vector;
  return GSL_SUCCESS;
}

static int residual_hidden(const geom *G, const residual_views *v,
                           const gsl_matrix *X, gsl_matrix *H, gsl_matrix *A)
{
  int status = lowered_forward(G, &v->w1, &v->b1, X, H);
  if (status)
    return status;
  for (size_t b = 0; b < H->size1; b++)
    for (size_t j = 0; j < H->size2; j++) {
      const double h = H->data[b * H->tda + j];
      A->data[b * A->tda + j] = h > 0 ? h : 0.0;
    }
  return GSL_SUCCESS;
}

int mdl_conv_residual_forward(const mdl_conv2d_geometry *g,
                              const gsl_vector *theta, const gsl_matrix *X,
                              gsl_matrix *Y)
{
  geom G = {0};
  residual_views v;
  int status = residual_parts("mdl_conv_residual_forward", g, &G, theta, X, Y,
                              &v);
  if (status)
    return status;
  gsl_matrix *H = gsl_matrix_alloc(X->size1, X->size2);
  gsl_matrix *A = gsl_matrix_alloc(X->size1, X->size2);
  gsl_matrix *F = gsl_matrix_alloc(X->size1, X->size2);
  if (H == NULL || A == NULL || F == NULL)
    status = GSL_ENOMEM;
  if (status == GSL_SUCCESS)
    status = residual_hidden(&G, &v, X, H, A);
  if (status == GSL_SUCCESS)
    status = lowered_forward(&G, &v.w2, &v.b2, A, F);
  if (status == GSL_SUCCESS) {
    gsl_matrix_memcpy(Y, X);
    gsl_matrix_add(Y, F);
  }
  gsl_matrix_free(H);
  gsl_matrix_free(A);
  gsl_matrix_free(F);
  if (status == GSL_ENOMEM)
    GSL_ERROR("cannot allocate the hidden activations", GSL_ENOMEM);
  return status;
}
#line 1692 "chapters/03-cnn.nw"
int mdl_conv_residual_backward(const mdl_conv2d_geometry *g,
                               const gsl_vector *theta, const gsl_matrix *X,
                               const gsl_matrix *dY, gsl_vector *dtheta,
                               gsl_matrix *dX)
{
  const char *fn = "mdl_conv_residual_backward";
  geom G = {0};
  residual_views v;
  int status = residual_parts(fn, g, &G, theta, X, dY, &v);
  if (status)
    return status;
  if (dtheta != NULL && dtheta->size != theta->size)
    MDL_ERROR(GSL_EBADLEN, "%s: dtheta has %zu entries, expected %zu",
                     fn, dtheta->size, theta->size);
  if (dX != NULL && (dX->size1 != X->size1 || dX->size2 != X->size2))
    MDL_ERROR(GSL_EBADLEN, "%s: dX is %zu x %zu, expected %zu x %zu",
                     fn, dX->size1, dX->size2, X->size1, X->size2);
  if ((status = finite_matrix(fn, "dY", dY)))
    return status;
  const size_t nw = G.O * G.C * G.kh * G.kw;
  gsl_matrix *H = gsl_matrix_alloc(X->size1, X->size2);
  gsl_matrix *A = gsl_matrix_alloc(X->size1, X->size2);
  gsl_matrix *dX1 = gsl_matrix_alloc(X->size1, X->size2);
  gsl_vector *dt = gsl_vector_alloc(theta->size);
  if (H == NULL || A == NULL || dX1 == NULL || dt == NULL)
    status = GSL_ENOMEM;
  if (status == GSL_SUCCESS)
    status = residual_hidden(&G, &v, X, H, A);
  if (status == GSL_SUCCESS) {
    gsl_vector_view dw2 = gsl_vector_subvector(dt, nw + G.O, nw);
    gsl_vector_view db2 = gsl_vector_subvector(dt, 2 * nw + G.O, G.O);
    status = lowered_backward(&G, &v.w2, A, dY, &dw2.vector,
                              &db2.vector, dX1);
  }
  if (status == GSL_SUCCESS) {
    for (size_t b = 0; b < H->size1; b++)
      for (size_t j = 0; j < H->size2; j++)
        if (!(H->data[b * H->tda + j] > 0))
          dX1->data[b * dX1->tda + j] = 0;
    gsl_vector_view dw1 = gsl_vector_subvector(dt, 0, nw);
    gsl_vector_view db1 = gsl_vector_subvector(dt, nw, G.O);
    status = lowered_backward(&G, &v.w1, X, dX1, &dw1.vector,
                              &db1.vector, A);
  }
  if (status == GSL_SUCCESS) {
    if (dtheta != NULL)
      gsl_vector_memcpy(dtheta, dt);
    if (dX != NULL) {
      gsl_matrix_memcpy(dX, dY);
      gsl_matrix_add(dX, A);
    }
  }
  gsl_matrix_free(H);
  gsl_matrix_free(A);
  gsl_matrix_free(dX1);
  gsl_vector_free(dt);
  if (status == GSL_ENOMEM)
    GSL_ERROR("cannot allocate the hidden activations", GSL_ENOMEM);
  return status;
}
#line 1781 "chapters/03-cnn.nw"
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_sort_vector.h>

int mdl_conv_circular_singular_values(size_t out_channels, size_t in_channels,
                                      size_t n, size_t kernel,
                                      const gsl_vector *weights,
                                      gsl_vector *sv)
{
  const char *fn = "mdl_conv_circular_singular_values";
  if (weights == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: weights is NULL", fn);
  if (sv == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: sv is NULL", fn);
  const size_t O = out_channels, C = in_channels, k = kernel;
  if (O == 0 || C == 0 || n == 0 || k == 0 || k > n)
    MDL_ERROR(GSL_EINVAL, "%s: %zu -> %zu channels, n = %zu, kernel"
                     " %zu; all must be positive and kernel <= n", fn, C, O, n,
                     k);
  const size_t m = O < C ? O : C;
  if (weights->size != O * C * k * k || sv->size != n * n * m)
    MDL_ERROR(GSL_EBADLEN, "%s: weights has %zu entries (expected %zu)"
                     " and sv %zu (expected %zu)", fn, weights->size,
                     O * C * k * k, sv->size, n * n * m);
  int status = finite_vector(fn, "weights", weights);
  if (status)
    return status;
  const int tall = O >= C;
  const size_t R = 2 * (tall ? O : C), Q = 2 * m;
  double *cs = malloc(2 * n * sizeof *cs);
  gsl_matrix *M = gsl_matrix_alloc(R, Q), *V = gsl_matrix_alloc(Q, Q);
  gsl_vector *S = gsl_vector_alloc(Q), *work = gsl_vector_alloc(Q);
  gsl_vector *out = gsl_vector_alloc(n * n * m);
  if (cs == NULL || M == NULL || V == NULL || S == NULL || work == NULL ||
      out == NULL)
    status = GSL_ENOMEM;
  for (size_t t = 0; status == GSL_SUCCESS && t < n; t++) {
    cs[2 * t] = cos(2 * M_PI * (double)t / (double)n);
    cs[2 * t + 1] = sin(2 * M_PI * (double)t / (double)n);
  }
  for (size_t f = 0; status == GSL_SUCCESS && f < n * n; f++) {
    const size_t f1 = f / n, f2 = f % n;
    for (size_t o = 0; o < O; o++)
      for (size_t c = 0; c < C; c++) {
        double re = 0, im = 0;
        const double *w = weights->data;
        for (size_t u = 0; u < k; u++)
          for (size_t v = 0; v < k; v++) {
            const double x = w[(((o * C + c) * k + u) * k + v) * weights->stride];
            const size_t t = (f1 * u + f2 * v) % n;
            re += x * cs[2 * t];
            im += x * cs[2 * t + 1];
          }
        const size_t i = tall ? o : c, j = tall ? c : o, a = R / 2, bq = Q / 2;
        const double sim = tall ? im : -im;
        gsl_matrix_set(M, i, j, re);
        gsl_matrix_set(M, i + a, j + bq, re);
        gsl_matrix_set(M, i, j + bq, -sim);
        gsl_matrix_set(M, i + a, j, sim);
      }
    status = gsl_linalg_SV_decomp(M, V, S, work);
    for (size_t q = 0; status == GSL_SUCCESS && q < m; q++)
      gsl_vector_set(out, f * m + q, gsl_vector_get(S, 2 * q));
  }
  if (status == GSL_SUCCESS) {
    gsl_sort_vector(out);
    gsl_vector_reverse(out);
    gsl_vector_memcpy(sv, out);
  }
  free(cs);
  gsl_matrix_free(M);
  gsl_matrix_free(V);
  gsl_vector_free(S);
  gsl_vector_free(work);
  gsl_vector_free(out);
  if (status == GSL_ENOMEM)
    GSL_ERROR("cannot allocate the Fourier matrices", GSL_ENOMEM);
  return status;
}
#line 1888 "chapters/03-cnn.nw"
int mdl_conv_graph_renormalize(const gsl_matrix *A, gsl_matrix *Ahat)
{
  const char *fn = "mdl_conv_graph_renormalize";
  if (A == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: A is NULL", fn);
  if (Ahat == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: Ahat is NULL", fn);
  const size_t N = A->size1;
  if (A->size2 != N)
    MDL_ERROR(GSL_ENOTSQR, "%s: A is %zu x %zu, not square", fn, N,
                     A->size2);
  if (Ahat->size1 != N || Ahat->size2 != N)
    MDL_ERROR(GSL_EBADLEN, "%s: Ahat is %zu x %zu, expected %zu x %zu",
                     fn, Ahat->size1, Ahat->size2, N, N);
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < N; j++) {
      const double a = gsl_matrix_get(A, i, j);
      if (!isfinite(a) || a < 0 || a != gsl_matrix_get(A, j, i))
        MDL_ERROR(GSL_EDOM, "%s: A[%zu][%zu] = %g; A must be finite,"
                         " nonnegative and symmetric", fn, i, j, a);
    }
  double *d = malloc(N * sizeof *d);
  if (d == NULL)
    GSL_ERROR("cannot allocate the degrees", GSL_ENOMEM);
  for (size_t i = 0; i < N; i++) {
    double s = 1;
    for (size_t j = 0; j < N; j++)
      s += gsl_matrix_get(A, i, j);
    d[i] = 1 / sqrt(s);
  }
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < N; j++)
      gsl_matrix_set(Ahat, i, j,
                     (gsl_matrix_get(A, i, j) + (i == j)) * d[i] * d[j]);
  free(d);
  return GSL_SUCCESS;
}

int mdl_conv_graph_forward(const gsl_matrix *Ahat, const gsl_matrix *X,
                           const gsl_matrix *Theta, gsl_matrix *Y)
{
  const char *fn = "mdl_conv_graph_forward";
  if (Ahat == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: Ahat is NULL", fn);
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: X is NULL", fn);
  if (Theta == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: Theta is NULL", fn);
  if (Y == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: Y is NULL", fn);
  if (Ahat->size1 != Ahat->size2 || X->size1 != Ahat->size1 ||
      Theta->size1 != X->size2 || Y->size1 != X->size1 ||
      Y->size2 != Theta->size2)
    MDL_ERROR(GSL_EBADLEN, "%s: Ahat %zu x %zu, X %zu x %zu, Theta"
                     " %zu x %zu and Y %zu x %zu do not chain", fn,
                     Ahat->size1, Ahat->size2, X->size1, X->size2,
                     Theta->size1, Theta->size2, Y->size1, Y->size2);
  int status;
  if ((status = finite_matrix(fn, "Ahat", Ahat)) ||
      (status = finite_matrix(fn, "X", X)) ||
      (status = finite_matrix(fn, "Theta", Theta)))
    return status;
  gsl_matrix *T = gsl_matrix_alloc(X->size1, Theta->size2);
  if (T == NULL)
    GSL_ERROR("cannot allocate the product", GSL_ENOMEM);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, X, Theta, 0.0, T);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, Ahat, T, 0.0, Y);
  gsl_matrix_free(T);
  return GSL_SUCCESS;
}
#line 6661 "chapters/03-cnn.nw"
#include <mdl/net.h>
#include <gsl/gsl_randist.h>

typedef enum {
  K_CONV = 1, K_RELU, K_MAXPOOL, K_AVGPOOL, K_GAP, K_RESIDUAL, K_DENSE
} layer_kind;

typedef struct {
  layer_kind kind;
  size_t C, H, W, OC, OH, OW, a, k, s, p, offset, n;
} layer;

struct mdl_conv_model {
  size_t C, H, W, nlayers, cap;
  layer *layers;
  gsl_vector *theta;
  gsl_matrix **acts;
  size_t batch;
};

mdl_conv_model *mdl_conv_model_alloc(size_t channels, size_t height,
                                     size_t width)
{
  if (channels == 0 || height == 0 || width == 0)
    MDL_ERROR_VAL(NULL, GSL_EINVAL,
                  "mdl_conv_model_alloc: input shape %zu x %zu x %zu",
                  channels, height, width);
  mdl_conv_model *m = calloc(1, sizeof *m);
  if (m == NULL)
    GSL_ERROR_NULL("cannot allocate the model", GSL_ENOMEM);
  m->C = channels;
  m->H = height;
  m->W = width;
  return m;
}

static void free_acts(mdl_conv_model *m)
{
  if (m->acts != NULL)
    for (size_t l = 0; l <= m->nlayers; l++)
      gsl_matrix_free(m->acts[l]);
  free(m->acts);
  m->acts = NULL;
  m->batch = 0;
}

void mdl_conv_model_free(mdl_conv_model *m)
{
  if (m == NULL)
    return;
  free_acts(m);
  free(m->layers);
  gsl_vector_free(m->theta);
  free(m);
}
#line 6722 "chapters/03-cnn.nw"
static void out_shape(const mdl_conv_model *m, size_t *C, size_t *H, size_t *W)
{
  if (m->nlayers == 0) {
    *C = m->C;
    *H = m->H;
    *W = m->W;
  } else {
    const layer *L = &m->layers[m->nlayers - 1];
    *C = L->OC;
    *H = L->OH;
    *W = L->OW;
  }
}

static int append(mdl_conv_model *m, layer L)
{
  if (m->nlayers == m->cap) {
    size_t cap = m->cap ? 2 * m->cap : 8;
    layer *p = realloc(m->layers, cap * sizeof *p);
    if (p == NULL)
      GSL_ERROR("cannot grow the model", GSL_ENOMEM);
    m->layers = p;
    m->cap = cap;
  }
  size_t old = m->theta ? m->theta->size : 0;
  L.offset = old;
  if (L.n > 0) {
    gsl_vector *t = gsl_vector_calloc(old + L.n);
    if (t == NULL)
      GSL_ERROR("cannot grow the parameters", GSL_ENOMEM);
    for (size_t i = 0; i < old; i++)
      t->data[i] = m->theta->data[i];
    gsl_vector_free(m->theta);
    m->theta = t;
  }
  free_acts(m);
  m->layers[m->nlayers++] = L;
  return GSL_SUCCESS;
}
#line 6766 "chapters/03-cnn.nw"
#define MODEL_START(fn)                                                       \
  if (m == NULL)                                                              \
    MDL_ERROR(GSL_EFAULT, "%s: the model is NULL", fn);                \
  layer L = {0};                                                              \
  out_shape(m, &L.C, &L.H, &L.W);                                             \
  geom G = {0};                                                               \
  (void)G

int mdl_conv_model_add_conv(mdl_conv_model *m, size_t out_channels,
                            size_t kernel, size_t stride, size_t padding)
{
  MODEL_START("mdl_conv_model_add_conv");
  int status = make_geom("mdl_conv_model_add_conv", L.C, out_channels, L.H,
                         L.W, kernel, kernel, stride, stride, padding, padding,
                         &G);
  if (status)
    return status;
  L.kind = K_CONV;
  L.k = kernel;
  L.s = stride;
  L.p = padding;
  L.OC = out_channels;
  L.OH = G.OH;
  L.OW = G.OW;
  L.n = out_channels * L.C * kernel * kernel + out_channels;
  return append(m, L);
}

int mdl_conv_model_add_relu(mdl_conv_model *m)
{
  MODEL_START("mdl_conv_model_add_relu");
  L.kind = K_RELU;
  L.OC = L.C;
  L.OH = L.H;
  L.OW = L.W;
  return append(m, L);
}

static int add_pool(mdl_conv_model *m, layer_kind kind, size_t kernel,
                    size_t stride, const char *fn)
{
  MODEL_START(fn);
  mdl_pool2d_geometry pg = {L.C, L.H, L.W, kernel, stride, 0};
  int status = pool_geom(fn, &pg, &G);
  if (status)
    return status;
  L.kind = kind;
  L.k = kernel;
  L.s = stride;
  L.OC = L.C;
  L.OH = G.OH;
  L.OW = G.OW;
  return append(m, L);
}

int mdl_conv_model_add_maxpool(mdl_conv_model *m, size_t kernel, size_t stride)
{
  return add_pool(m, K_MAXPOOL, kernel, stride, "mdl_conv_model_add_maxpool");
}

int mdl_conv_model_add_avgpool(mdl_conv_model *m, size_t kernel, size_t stride)
{
  return add_pool(m, K_AVGPOOL, kernel, stride, "mdl_conv_model_add_avgpool");
}

int mdl_conv_model_add_gap(mdl_conv_model *m)
{
  MODEL_START("mdl_conv_model_add_gap");
  L.kind = K_GAP;
  L.OC = L.C;
  L.OH = L.OW = 1;
  return append(m, L);
}

int mdl_conv_model_add_residual(mdl_conv_model *m, size_t kernel)
{
  MODEL_START("mdl_conv_model_add_residual");
  mdl_conv2d_geometry g = {L.C, L.C, L.H, L.W, kernel, 1, kernel / 2};
  int status = residual_geom("mdl_conv_model_add_residual", &g, &G);
  if (status)
    return status;
  L.kind = K_RESIDUAL;
  L.k = kernel;
  L.s = 1;
  L.p = kernel / 2;
  L.OC = L.C;
  L.OH = L.H;
  L.OW = L.W;
  L.n = 2 * (L.C * L.C * kernel * kernel + L.C);
  return append(m, L);
}

int mdl_conv_model_add_dense(mdl_conv_model *m, size_t outputs)
{
  MODEL_START("mdl_conv_model_add_dense");
  if (outputs == 0)
    MDL_ERROR(GSL_EINVAL, "mdl_conv_model_add_dense: 0 outputs");
  L.kind = K_DENSE;
  L.a = L.C * L.H * L.W;
  L.OC = outputs;
  L.OH = L.OW = 1;
  L.n = outputs * L.a + outputs;
  return append(m, L);
}
#line 6873 "chapters/03-cnn.nw"
size_t mdl_conv_model_nparams(const mdl_conv_model *m)
{
  if (m == NULL)
    GSL_ERROR_VAL("mdl_conv_model_nparams: m is NULL", GSL_EFAULT, 0);
  return m->theta == NULL ? 0 : m->theta->size;
}

size_t mdl_conv_model_input_size(const mdl_conv_model *m)
{
  if (m == NULL)
    GSL_ERROR_VAL("mdl_conv_model_input_size: m is NULL", GSL_EFAULT, 0);
  return m->C * m->H * m->W;
}

size_t mdl_conv_model_output_size(const mdl_conv_model *m)
{
  if (m == NULL)
    GSL_ERROR_VAL("mdl_conv_model_output_size: m is NULL", GSL_EFAULT, 0);
  size_t C, H, W;
  out_shape(m, &C, &H, &W);
  return C * H * W;
}

gsl_vector *mdl_conv_model_params(mdl_conv_model *m)
{
  if (m == NULL)
    GSL_ERROR_NULL("mdl_conv_model_params: m is NULL", GSL_EFAULT);
  return m->theta;
}

int mdl_conv_model_init(mdl_conv_model *m, const gsl_rng *r)
{
  if (m == NULL)
    MDL_ERROR(GSL_EFAULT, "m is NULL");
  if (r == NULL)
    MDL_ERROR(GSL_EFAULT, "r is NULL");
  for (size_t l = 0; l < m->nlayers; l++) {
    const layer *L = &m->layers[l];
    size_t fan = L->kind == K_DENSE ? L->a : L->C * L->k * L->k;
    for (size_t i = 0; i < L->n; i++) {
      double b = 1 / sqrt((double)fan);
      m->theta->data[L->offset + i] = gsl_ran_flat(r, -b, b);
    }
  }
  return GSL_SUCCESS;
}
#line 6927 "chapters/03-cnn.nw"
static int model_layer_forward(const mdl_conv_model *m, const layer *L,
                               const gsl_matrix *X, gsl_matrix *Y)
{
  mdl_conv2d_geometry g = {L->C, L->OC, L->H, L->W, L->k, L->s, L->p};
  mdl_pool2d_geometry pg = {L->C, L->H, L->W, L->k, L->s, 0};
  gsl_vector_const_view th = gsl_vector_const_subvector(m->theta, L->offset, L->n ? L->n : 1);
  switch (L->kind) {
  case K_CONV: {
    size_t nw = L->n - L->OC;
    gsl_vector_const_view w = gsl_vector_const_subvector(m->theta, L->offset, nw);
    gsl_vector_const_view b = gsl_vector_const_subvector(m->theta, L->offset + nw, L->OC);
    return mdl_conv2d_forward(&g, &w.vector, &b.vector, X, Y);
  }
  case K_RELU:
    for (size_t i = 0; i < X->size1; i++)
      for (size_t j = 0; j < X->size2; j++) {
        double v = X->data[i * X->tda + j];
        Y->data[i * Y->tda + j] = v > 0 ? v : 0.0;
      }
    return GSL_SUCCESS;
  case K_MAXPOOL:
    return mdl_pool2d_max_forward(&pg, X, Y);
  case K_AVGPOOL:
    return mdl_pool2d_avg_forward(&pg, X, Y);
  case K_GAP:
    return mdl_conv_global_avg_pool(L->C, X, Y);
  case K_RESIDUAL:
    return mdl_conv_residual_forward(&g, &th.vector, X, Y);
  case K_DENSE: {
    gsl_matrix_const_view Wm = gsl_matrix_const_view_array(m->theta->data + L->offset, L->OC, L->a);
    for (size_t i = 0; i < X->size1; i++)
      for (size_t o = 0; o < L->OC; o++)
        Y->data[i * Y->tda + o] = m->theta->data[L->offset + L->OC * L->a + o];
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, X, &Wm.matrix, 1.0, Y);
    return GSL_SUCCESS;
  }
  }
  return GSL_EINVAL;
}

static int model_layer_backward(const mdl_conv_model *m, const layer *L,
                                const gsl_matrix *X, const gsl_matrix *dY,
                                gsl_vector *grad, gsl_matrix *dX)
{
  mdl_conv2d_geometry g = {L->C, L->OC, L->H, L->W, L->k, L->s, L->p};
  mdl_pool2d_geometry pg = {L->C, L->H, L->W, L->k, L->s, 0};
  switch (L->kind) {
  case K_CONV: {
    size_t nw = L->n - L->OC;
    gsl_vector_const_view w = gsl_vector_const_subvector(m->theta, L->offset, nw);
    gsl_vector_view dw = gsl_vector_subvector(grad, L->offset, nw);
    gsl_vector_view db = gsl_vector_subvector(grad, L->offset + nw, L->OC);
    return mdl_conv2d_backward(&g, &w.vector, X, dY, &dw.vector, &db.vector, dX);
  }
  case K_RELU:
    for (size_t i = 0; i < X->size1; i++)
      for (size_t j = 0; j < X->size2; j++)
        dX->data[i * dX->tda + j] =
            X->data[i * X->tda + j] > 0 ? dY->data[i * dY->tda + j] : 0.0;
    return GSL_SUCCESS;
  case K_MAXPOOL:
    return mdl_pool2d_max_backward(&pg, X, dY, dX);
  case K_AVGPOOL:
    return mdl_pool2d_avg_backward(&pg, dY, dX);
  case K_GAP:
    return mdl_conv_global_avg_pool_backward(L->C, dY, dX);
  case K_RESIDUAL: {
    gsl_vector_const_view th = gsl_vector_const_subvector(m->theta, L->offset, L->n);
    gsl_vector_view dth = gsl_vector_subvector(grad, L->offset, L->n);
    return mdl_conv_residual_backward(&g, &th.vector, X, dY, &dth.vector, dX);
  }
  case K_DENSE: {
    gsl_matrix_const_view Wm = gsl_matrix_const_view_array(m->theta->data + L->offset, L->OC, L->a);
    gsl_matrix_view dW = gsl_matrix_view_array(grad->data + L->offset, L->OC, L->a);
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, dY, X, 0.0, &dW.matrix);
    for (size_t o = 0; o < L->OC; o++) {
      double s = 0;
      for (size_t i = 0; i < dY->size1; i++)
        s += dY->data[i * dY->tda + o];
      grad->data[L->offset + L->OC * L->a + o] = s;
    }
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, dY, &Wm.matrix, 0.0, dX);
    return GSL_SUCCESS;
  }
  }
  return GSL_EINVAL;
}
#line 7021 "chapters/03-cnn.nw"
static int model_check(const char *fn, const mdl_conv_model *m)
{
  if (m == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: the model is NULL", fn);
  if (m->nlayers == 0)
    MDL_ERROR(GSL_EINVAL, "%s: the model has no layers", fn);
  return GSL_SUCCESS;
}

int mdl_conv_model_forward(mdl_conv_model *m, const gsl_matrix *X,
                           gsl_matrix *Y)
{
  const char *fn = "mdl_conv_model_forward";
  int status = model_check(fn, m);
  if (status)
    return status;
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: X is NULL", fn);
  if (Y == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: Y is NULL", fn);
  if (X->size2 != mdl_conv_model_input_size(m) || Y->size1 != X->size1 ||
      Y->size2 != mdl_conv_model_output_size(m))
    MDL_ERROR(GSL_EBADLEN, "%s: X is %zu x %zu and Y %zu x %zu;"
                     " expected B x %zu and B x %zu", fn, X->size1, X->size2,
                     Y->size1, Y->size2, mdl_conv_model_input_size(m),
                     mdl_conv_model_output_size(m));
  if ((status = finite_matrix(fn, "X", X)) ||
      (status = finite_vector(fn, "the parameters", m->theta != NULL ? m->theta : &(gsl_vector){0})))
    return status;
  if (m->batch != X->size1) {
    free_acts(m);
    m->acts = calloc(m->nlayers + 1, sizeof *m->acts);
    if (m->acts == NULL)
      GSL_ERROR("cannot allocate the activations", GSL_ENOMEM);
    for (size_t l = 0; l <= m->nlayers; l++) {
      size_t n = l == 0 ? m->C * m->H * m->W
                        : m->layers[l - 1].OC * m->layers[l - 1].OH * m->layers[l - 1].OW;
      m->acts[l] = gsl_matrix_alloc(X->size1, n);
      if (m->acts[l] == NULL) {
        free_acts(m);
        GSL_ERROR("cannot allocate the activations", GSL_ENOMEM);
      }
    }
    m->batch = X->size1;
  }
  gsl_matrix_memcpy(m->acts[0], X);
  for (size_t l = 0; l < m->nlayers && status == GSL_SUCCESS; l++)
    status = model_layer_forward(m, &m->layers[l], m->acts[l], m->acts[l + 1]);
  if (status == GSL_SUCCESS)
    gsl_matrix_memcpy(Y, m->acts[m->nlayers]);
  return status;
}

int mdl_conv_model_backward(mdl_conv_model *m, const gsl_matrix *dY,
                            gsl_vector *grad, gsl_matrix *dX)
{
  const char *fn = "mdl_conv_model_backward";
  int status = model_check(fn, m);
  if (status)
    return status;
  if (dY == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: dY is NULL", fn);
  if (m->batch == 0 || dY->size1 != m->batch ||
      dY->size2 != mdl_conv_model_output_size(m))
    MDL_ERROR(GSL_EBADLEN, "%s: dY is %zu x %zu, the last forward pass"
                     " gave %zu x %zu", fn, dY->size1, dY->size2, m->batch,
                     mdl_conv_model_output_size(m));
  if ((grad != NULL && grad->size != mdl_conv_model_nparams(m)) ||
      (dX != NULL && (dX->size1 != m->batch || dX->size2 != mdl_conv_model_input_size(m))))
    MDL_ERROR(GSL_EBADLEN, "%s: grad must have %zu entries and dX be"
                     " %zu x %zu", fn, mdl_conv_model_nparams(m), m->batch,
                     mdl_conv_model_input_size(m));
  if ((status = finite_matrix(fn, "dY", dY)))
    return status;
  size_t P = mdl_conv_model_nparams(m);
  gsl_vector *g = gsl_vector_calloc(P ? P : 1);
  gsl_matrix *d = gsl_matrix_alloc(dY->size1, dY->size2);
  if (g == NULL || d == NULL) {
    gsl_vector_free(g);
    gsl_matrix_free(d);
    GSL_ERROR("cannot allocate the gradients", GSL_ENOMEM);
  }
  gsl_matrix_memcpy(d, dY);
  for (size_t l = m->nlayers; l-- > 0 && status == GSL_SUCCESS;) {
    gsl_matrix *dprev = gsl_matrix_alloc(m->batch, m->acts[l]->size2);
    if (dprev == NULL)
      status = GSL_ENOMEM;
    else
      status = model_layer_backward(m, &m->layers[l], m->acts[l], d, g, dprev);
    gsl_matrix_free(d);
    d = dprev;
  }
  if (status == GSL_SUCCESS) {
    if (grad != NULL)
      for (size_t i = 0; i < P; i++)
        grad->data[i * grad->stride] = g->data[i];
    if (dX != NULL)
      gsl_matrix_memcpy(dX, d);
  }
  gsl_vector_free(g);
  gsl_matrix_free(d);
  if (status == GSL_ENOMEM)
    GSL_ERROR("cannot allocate the gradients", GSL_ENOMEM);
  return status;
}

int mdl_conv_model_gradient(mdl_conv_model *m, int loss, const gsl_matrix *X,
                            const gsl_matrix *Y, double *value,
                            gsl_vector *grad)
{
  const char *fn = "mdl_conv_model_gradient";
  int status = model_check(fn, m);
  if (status)
    return status;
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: X is NULL", fn);
  if (Y == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: Y is NULL", fn);
  if (value == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: value is NULL", fn);
  if (Y->size1 != X->size1 || Y->size2 != mdl_conv_model_output_size(m))
    MDL_ERROR(GSL_EBADLEN, "%s: Y is %zu x %zu, expected %zu x %zu", fn,
                     Y->size1, Y->size2, X->size1, mdl_conv_model_output_size(m));
  gsl_matrix *V = gsl_matrix_alloc(Y->size1, Y->size2);
  gsl_matrix *dV = gsl_matrix_alloc(Y->size1, Y->size2);
  if (V == NULL || dV == NULL)
    status = GSL_ENOMEM;
  double val = 0;
  if (status == GSL_SUCCESS)
    status = mdl_conv_model_forward(m, X, V);
  if (status == GSL_SUCCESS)
    status = mdl_net_loss_eval((mdl_net_loss)loss, V, Y, &val, grad ? dV : NULL);
  if (status == GSL_SUCCESS && grad != NULL)
    status = mdl_conv_model_backward(m, dV, grad, NULL);
  if (status == GSL_SUCCESS)
    *value = val;
  gsl_matrix_free(V);
  gsl_matrix_free(dV);
  if (status == GSL_ENOMEM)
    GSL_ERROR("cannot allocate the outputs", GSL_ENOMEM);
  return status;
}
#line 7171 "chapters/03-cnn.nw"
static const unsigned char model_magic[8] = {0x89, 'M', 'D', 'L', 'C', 'N', 'N', '\n'};
enum { MODEL_VERSION = 1 };

static int put_word(FILE *f, uint64_t w)
{
  unsigned char b[8];
  for (int i = 0; i < 8; i++)
    b[i] = (unsigned char)(w >> (8 * i));
  return fwrite(b, 1, 8, f) == 8 ? 0 : -1;
}

static int get_word(FILE *f, uint64_t *w)
{
  unsigned char b[8];
  if (fread(b, 1, 8, f) != 8)
    return -1;
  *w = 0;
  for (int i = 0; i < 8; i++)
    *w |= (uint64_t)b[i] << (8 * i);
  return 0;
}

int mdl_conv_model_fwrite(FILE *stream, const mdl_conv_model *m)
{
  if (stream == NULL)
    MDL_ERROR(GSL_EFAULT, "stream is NULL");
  if (m == NULL)
    MDL_ERROR(GSL_EFAULT, "m is NULL");
  int bad = fwrite(model_magic, 1, 8, stream) != 8;
  bad |= put_word(stream, MODEL_VERSION) | put_word(stream, m->C) |
         put_word(stream, m->H) | put_word(stream, m->W) |
         put_word(stream, m->nlayers);
  for (size_t l = 0; l < m->nlayers; l++) {
    const layer *L = &m->layers[l];
    bad |= put_word(stream, (uint64_t)L->kind) | put_word(stream, L->OC) |
           put_word(stream, L->k) | put_word(stream, L->s) | put_word(stream, L->p);
  }
  size_t P = mdl_conv_model_nparams(m);
  bad |= put_word(stream, P);
  for (size_t i = 0; i < P; i++) {
    uint64_t w;
    memcpy(&w, &m->theta->data[i], 8);
    bad |= put_word(stream, w);
  }
  if (bad)
    MDL_ERROR(GSL_EFAILED, "mdl_conv_model_fwrite: write error");
  return GSL_SUCCESS;
}
#line 7224 "chapters/03-cnn.nw"
#define READ_FAIL(...)                                                        \
  do {                                                                        \
    char reason_[256];                                                        \
    snprintf(reason_, sizeof reason_, __VA_ARGS__);                           \
    mdl_conv_model_free(m);                                                   \
    gsl_error(reason_, __FILE__, __LINE__, GSL_EFAILED);                      \
    return NULL;                                                              \
  } while (0)

mdl_conv_model *mdl_conv_model_fread(FILE *stream)
{
  const char *fn = "mdl_conv_model_fread";
  mdl_conv_model *m = NULL;
  if (stream == NULL)
    MDL_ERROR_VAL(NULL, GSL_EFAULT, "%s: stream is NULL", fn);
  unsigned char magic[8];
  uint64_t ver, C, H, W, n;
  if (fread(magic, 1, 8, stream) != 8 || memcmp(magic, model_magic, 8) != 0)
    READ_FAIL("%s: not a model file (wrong or missing magic number)", fn);
  if (get_word(stream, &ver) || get_word(stream, &C) || get_word(stream, &H) ||
      get_word(stream, &W) || get_word(stream, &n))
    READ_FAIL("%s: the file is truncated in its header", fn);
  if (ver != MODEL_VERSION)
    READ_FAIL("%s: version %llu, this library reads version %d", fn,
              (unsigned long long)ver, MODEL_VERSION);
  if (C == 0 || H == 0 || W == 0 || C > 1u << 20 || H > 1u << 20 ||
      W > 1u << 20 || n > 1u << 16)
    READ_FAIL("%s: implausible shape %llu x %llu x %llu or %llu layers", fn,
              (unsigned long long)C, (unsigned long long)H,
              (unsigned long long)W, (unsigned long long)n);
  gsl_error_handler_t *old = gsl_set_error_handler_off();
  m = mdl_conv_model_alloc(C, H, W);
  gsl_set_error_handler(old);
  if (m == NULL)
    READ_FAIL("%s: cannot allocate the model", fn);
  for (uint64_t l = 0; l < n; l++) {
    uint64_t kind, a, k, s, p;
    if (get_word(stream, &kind) || get_word(stream, &a) || get_word(stream, &k) ||
        get_word(stream, &s) || get_word(stream, &p))
      READ_FAIL("%s: the file is truncated in layer %llu", fn, (unsigned long long)l);
    if (a > 1u << 24 || k > 1u << 16 || s > 1u << 16 || p > 1u << 16)
      READ_FAIL("%s: layer %llu has implausible sizes", fn, (unsigned long long)l);
    old = gsl_set_error_handler_off();
    int status;
    switch (kind) {
    case K_CONV: status = mdl_conv_model_add_conv(m, a, k, s, p); break;
    case K_RELU: status = mdl_conv_model_add_relu(m); break;
    case K_MAXPOOL: status = mdl_conv_model_add_maxpool(m, k, s); break;
    case K_AVGPOOL: status = mdl_conv_model_add_avgpool(m, k, s); break;
    case K_GAP: status = mdl_conv_model_add_gap(m); break;
    case K_RESIDUAL: status = mdl_conv_model_add_residual(m, k); break;
    case K_DENSE: status = mdl_conv_model_add_dense(m, a); break;
    default: status = GSL_EINVAL;
    }
    gsl_set_error_handler(old);
    if (status)
      READ_FAIL("%s: layer %llu (kind %llu) does not fit the model", fn,
                (unsigned long long)l, (unsigned long long)kind);
  }
  uint64_t P;
  if (get_word(stream, &P))
    READ_FAIL("%s: the file is truncated before the parameters", fn);
  if (P != mdl_conv_model_nparams(m))
    READ_FAIL("%s: %llu parameters, the architecture has %zu", fn,
              (unsigned long long)P, mdl_conv_model_nparams(m));
  for (size_t i = 0; i < P; i++) {
    uint64_t w;
    double x;
    if (get_word(stream, &w))
      READ_FAIL("%s: the file is truncated in parameter %zu of %llu", fn, i,
                (unsigned long long)P);
    memcpy(&x, &w, 8);
    if (!isfinite(x))
      READ_FAIL("%s: parameter %zu is not finite", fn, i);
    m->theta->data[i] = x;
  }
  return m;
}
