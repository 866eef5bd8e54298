#line 258 "chapters/04-rnn.nw"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <mdl/rnn.h>
#line 274 "chapters/04-rnn.nw"
typedef struct {
  mdl_rnn_cell cell;
  size_t n, h, B, T, G;
  gsl_vector *copy;
  gsl_matrix Wih, Whh;
  gsl_vector bih, bhh;
} cell_shape;

static size_t gates_of(mdl_rnn_cell cell)
{
  switch (cell) {
  case MDL_RNN_ELMAN_TANH:
  case MDL_RNN_ELMAN_RELU:
    return 1;
  case MDL_RNN_LSTM:
    return 4;
  case MDL_RNN_GRU:
    return 3;
  }
  return 0;
}

size_t mdl_rnn_gates(mdl_rnn_cell cell)
{
  size_t G = gates_of(cell);
  if (G == 0)
    MDL_ERROR_VAL(0, GSL_EINVAL, "mdl_rnn_gates: cell = %d is not a cell (0"
                  " to 3)", (int)cell);
  return G;
}

size_t mdl_rnn_nparams(mdl_rnn_cell cell, size_t n_in, size_t n_hidden)
{
  size_t G = gates_of(cell);
  if (G == 0)
    MDL_ERROR_VAL(0, GSL_EINVAL, "mdl_rnn_nparams: cell = %d is not a cell (0"
                  " to 3)", (int)cell);
  if (n_in == 0 || n_hidden == 0)
    MDL_ERROR_VAL(0, GSL_EINVAL, "mdl_rnn_nparams: n_in = %zu, n_hidden = %zu;"
                  " both must be positive", n_in, n_hidden);
  return G * n_hidden * (n_in + n_hidden + 2);
}

static int shape_is(const gsl_matrix *A, size_t r, size_t c)
{
  return A == NULL || (A->size1 == r && A->size2 == c);
}

#define RNN_FAIL(code, ...)                                                   \
  do {                                                                        \
    char msg_[200];                                                           \
    snprintf(msg_, sizeof msg_, __VA_ARGS__);                                 \
    GSL_ERROR(msg_, code);                                                    \
  } while (0)

static int cell_known(mdl_rnn_cell cell)
{
  return cell == MDL_RNN_ELMAN_TANH || cell == MDL_RNN_ELMAN_RELU ||
         cell == MDL_RNN_LSTM || cell == MDL_RNN_GRU;
}

static int finite_report(const char *fn, const char *name,
                         const gsl_matrix *A)
{
  size_t i = 0, j = 0;
  if (A == NULL || mdl_numcheck_finite_matrix(A, &i, &j))
    return GSL_SUCCESS;
  RNN_FAIL(GSL_EDOM, "%s: %s[%zu][%zu] = %g is not finite", fn, name, i, j,
           gsl_matrix_get(A, i, j));
}

static int vec_finite_report(const char *fn, const char *name,
                             const gsl_vector *v)
{
  size_t i = 0;
  if (v == NULL || mdl_numcheck_finite(v, &i))
    return GSL_SUCCESS;
  RNN_FAIL(GSL_EDOM, "%s: %s[%zu] = %g is not finite", fn, name, i,
           gsl_vector_get(v, i));
}
#line 359 "chapters/04-rnn.nw"
static int cell_check(const char *fn, mdl_rnn_cell cell, size_t n_in,
                      size_t n_hidden, size_t batch, const gsl_vector *params,
                      const gsl_matrix *X, const gsl_matrix *H0,
                      const gsl_matrix *C0, cell_shape *s)
{
  if (params == NULL)
    RNN_FAIL(GSL_EFAULT, "%s: params is NULL", fn);
  if (X == NULL)
    RNN_FAIL(GSL_EFAULT, "%s: X is NULL", fn);
  if (!cell_known(cell))
    RNN_FAIL(GSL_EINVAL, "%s: cell = %d is not a cell (0 to 3)", fn,
             (int)cell);
  if (n_in == 0 || n_hidden == 0 || batch == 0)
    RNN_FAIL(GSL_EINVAL, "%s: n_in = %zu, n_hidden = %zu, batch = %zu must"
             " be positive", fn, n_in, n_hidden, batch);
  if (C0 != NULL && cell != MDL_RNN_LSTM)
    RNN_FAIL(GSL_EINVAL, "%s: C0 is given to cell %d; it is for the LSTM"
             " (cell 2) only", fn, (int)cell);
  size_t np = mdl_rnn_nparams(cell, n_in, n_hidden);
  if (params->size != np)
    RNN_FAIL(GSL_EBADLEN, "%s: params has %zu entries, expected %zu", fn,
             params->size, np);
  if (X->size2 != n_in)
    RNN_FAIL(GSL_EBADLEN, "%s: X has %zu columns, expected n_in = %zu", fn,
             X->size2, n_in);
  if (X->size1 % batch != 0)
    RNN_FAIL(GSL_EBADLEN, "%s: X has %zu rows, not a multiple of batch = %zu",
             fn, X->size1, batch);
  if (!shape_is(H0, batch, n_hidden))
    RNN_FAIL(GSL_EBADLEN, "%s: H0 is %zu x %zu, expected %zu x %zu", fn,
             H0->size1, H0->size2, batch, n_hidden);
  if (!shape_is(C0, batch, n_hidden))
    RNN_FAIL(GSL_EBADLEN, "%s: C0 is %zu x %zu, expected %zu x %zu", fn,
             C0->size1, C0->size2, batch, n_hidden);
  int bad = vec_finite_report(fn, "params", params);
  if (!bad)
    bad = finite_report(fn, "X", X);
  if (!bad)
    bad = finite_report(fn, "H0", H0);
  if (!bad)
    bad = finite_report(fn, "C0", C0);
  if (bad)
    return bad;
  s->cell = cell;
  s->n = n_in;
  s->h = n_hidden;
  s->B = batch;
  s->T = X->size1 / batch;
  s->G = mdl_rnn_gates(cell);
  s->copy = NULL;
  const double *p = params->data;
  if (params->stride != 1) {
    s->copy = gsl_vector_alloc(np);
    if (s->copy == NULL)
      RNN_FAIL(GSL_ENOMEM, "%s: no memory for a copy of params", fn);
    gsl_vector_memcpy(s->copy, params);
    p = s->copy->data;
  }
  size_t Gh = s->G * n_hidden;
  s->Wih = gsl_matrix_const_view_array(p, Gh, n_in).matrix;
  s->Whh = gsl_matrix_const_view_array(p + Gh * n_in, Gh, n_hidden).matrix;
  s->bih = gsl_vector_const_view_array(p + Gh * (n_in + n_hidden), Gh).vector;
  s->bhh = gsl_vector_const_view_array(p + Gh * (n_in + n_hidden + 1), Gh).vector;
  return GSL_SUCCESS;
}
#line 7177 "chapters/04-rnn.nw"
#if defined(__GNUC__)
#define GATE_INLINE static inline __attribute__((always_inline))
#else
#define GATE_INLINE static inline
#endif

GATE_INLINE double gate_double(uint64_t w)
{
  double d;
  memcpy(&d, &w, sizeof d);
  return d;
}

GATE_INLINE double gate_pow2(double k)
{
  uint64_t w;
  double d = k + 0x1.8p52;
  memcpy(&w, &d, sizeof w);
  return gate_double((w + 1023) << 52);
}

GATE_INLINE double gate_exp(double w)
{
  w = w < -746 ? -746 : w;
  double k = w * 0x1.71547652b82fep+0 + 0x1.8p52 - 0x1.8p52;
  double r = w - k * 0x1.62e42fee00000p-1;
  r = r - k * 0x1.a39ef35793c76p-33;
  double q = 0x1.6124613a86d09p-33;
  q = 0x1.1eed8eff8d898p-29 + r * q;
  q = 0x1.ae64567f544e4p-26 + r * q;
  q = 0x1.27e4fb7789f5cp-22 + r * q;
  q = 0x1.71de3a556c734p-19 + r * q;
  q = 0x1.a01a01a01a01ap-16 + r * q;
  q = 0x1.a01a01a01a01ap-13 + r * q;
  q = 0x1.6c16c16c16c17p-10 + r * q;
  q = 0x1.1111111111111p-7 + r * q;
  q = 0x1.5555555555555p-5 + r * q;
  q = 0x1.5555555555555p-3 + r * q;
  q = 0x1p-1 + r * q;
  q = 1 + r * q;
  double k1 = k * 0.5 + 0x1.8p52 - 0x1.8p52;
  return (1 + r * q) * gate_pow2(k1) * gate_pow2(k - k1);
}

GATE_INLINE double gate_sigm(double z)
{
  double e = gate_exp(-fabs(z));
  return (z >= 0 ? 1 : e) / (1 + e);
}

GATE_INLINE double gate_tanh(double x)
{
  double ax = fabs(x);
  ax = ax > 20 ? 20 : ax;
  double y = 2 * ax;
  double q = 0x1.2f49b46814157p-57;
  q = 0x1.6827863b97d97p-53 + y * q;
  q = 0x1.952c77030ad4ap-49 + y * q;
  q = 0x1.ae7f3e733b81fp-45 + y * q;
  q = 0x1.ae7f3e733b81fp-41 + y * q;
  q = 0x1.93974a8c07c9dp-37 + y * q;
  q = 0x1.6124613a86d09p-33 + y * q;
  q = 0x1.1eed8eff8d898p-29 + y * q;
  q = 0x1.ae64567f544e4p-26 + y * q;
  q = 0x1.27e4fb7789f5cp-22 + y * q;
  q = 0x1.71de3a556c734p-19 + y * q;
  q = 0x1.a01a01a01a01ap-16 + y * q;
  q = 0x1.a01a01a01a01ap-13 + y * q;
  q = 0x1.6c16c16c16c17p-10 + y * q;
  q = 0x1.1111111111111p-7 + y * q;
  q = 0x1.5555555555555p-5 + y * q;
  q = 0x1.5555555555555p-3 + y * q;
  q = 0x1p-1 + y * q;
  q = 1 + y * q;
  double em = y * q, near = em / (em + 2);
  double far = 1 - 2 / (1 + gate_exp(y));
  return copysign(ax < 0.55 ? near : far, x);
}
#line 447 "chapters/04-rnn.nw"
static void add_row_vector(gsl_matrix *A, const gsl_vector *b)
{
  for (size_t i = 0; i < A->size1; i++) {
    double *a = A->data + i * A->tda;
    for (size_t j = 0; j < A->size2; j++)
      a[j] += b->data[j * b->stride];
  }
}

MDL_HOT_LOOP static void tanh_row(size_t h, double *a, double *hy)
{
#pragma omp simd
  for (size_t j = 0; j < h; j++)
    hy[j] = a[j] = gate_tanh(a[j]);
}

MDL_HOT_LOOP static void lstm_row(size_t h, double *a, const double *cx,
                                  double *cy, double *hy, double *tc)
{
#pragma omp simd
  for (size_t j = 0; j < 2 * h; j++)
    a[j] = gate_sigm(a[j]);
#pragma omp simd
  for (size_t j = 2 * h; j < 3 * h; j++)
    a[j] = gate_tanh(a[j]);
#pragma omp simd
  for (size_t j = 3 * h; j < 4 * h; j++)
    a[j] = gate_sigm(a[j]);
  const double *i = a, *f = a + h, *g = a + 2 * h, *o = a + 3 * h;
  if (cx != NULL) {
#pragma omp simd
    for (size_t j = 0; j < h; j++)
      cy[j] = f[j] * cx[j] + i[j] * g[j];
  } else {
#pragma omp simd
    for (size_t j = 0; j < h; j++)
      cy[j] = i[j] * g[j];
  }
#pragma omp simd
  for (size_t j = 0; j < h; j++) {
    tc[j] = gate_tanh(cy[j]);
    hy[j] = o[j] * tc[j];
  }
}

MDL_HOT_LOOP static void gru_row(size_t h, double *a, const double *r,
                                 const double *hx, double *nh, double *hy)
{
#pragma omp simd
  for (size_t j = 0; j < 2 * h; j++)
    a[j] = gate_sigm(a[j] + r[j]);
#pragma omp simd
  for (size_t j = 0; j < h; j++) {
    double n = gate_tanh(a[2 * h + j] + a[j] * r[2 * h + j]);
    a[2 * h + j] = n;
    nh[j] = r[2 * h + j];
  }
  const double *z = a + h, *n = a + 2 * h;
  if (hx != NULL) {
#pragma omp simd
    for (size_t j = 0; j < h; j++)
      hy[j] = n[j] + z[j] * (hx[j] - n[j]);
  } else {
#pragma omp simd
    for (size_t j = 0; j < h; j++)
      hy[j] = n[j] + z[j] * -n[j];
  }
}

static void cell_steps(const cell_shape *s, const gsl_matrix *X,
                       const gsl_matrix *H0, const gsl_matrix *C0,
                       gsl_matrix *A, gsl_matrix *gh, gsl_matrix *H,
                       gsl_matrix *C, gsl_matrix *N, gsl_matrix *TC)
{
  const size_t h = s->h, B = s->B, Gh = s->G * h;
  const int gru = s->cell == MDL_RNN_GRU;
  double *bias = gh->data;
  for (size_t j = 0; j < Gh; j++)
    bias[j] = gru ? s->bih.data[j] : s->bih.data[j] + s->bhh.data[j];
  for (size_t i = 0; i < A->size1; i++)
    memcpy(A->data + i * A->tda, bias, Gh * sizeof *bias);
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, X, &s->Wih, 1.0, A);
  for (size_t t = 0; t < s->T; t++) {
    gsl_matrix_view At = gsl_matrix_submatrix(A, t * B, 0, B, Gh);
    gsl_matrix_view Ht = gsl_matrix_submatrix(H, t * B, 0, B, h);
    gsl_matrix_view Hp, Ct, Cp;
    const gsl_matrix *hprev = H0, *cprev = C0;
    if (t > 0) {
      Hp = gsl_matrix_submatrix(H, (t - 1) * B, 0, B, h);
      hprev = &Hp.matrix;
      if (C != NULL) {
        Cp = gsl_matrix_submatrix(C, (t - 1) * B, 0, B, h);
        cprev = &Cp.matrix;
      }
    }
    if (gru) {
      for (size_t b = 0; b < B; b++)
        memcpy(gh->data + b * gh->tda, s->bhh.data, Gh * sizeof(double));
      if (hprev != NULL)
        gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, hprev, &s->Whh, 1.0,
                       gh);
    } else if (hprev != NULL)
      gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, hprev, &s->Whh, 1.0,
                     &At.matrix);
    if (C != NULL)
      Ct = gsl_matrix_submatrix(C, t * B, 0, B, h);
    for (size_t b = 0; b < B; b++) {
      double *a = At.matrix.data + b * At.matrix.tda;
      double *hy = Ht.matrix.data + b * Ht.matrix.tda;
      const double *hx = hprev ? hprev->data + b * hprev->tda : NULL;
      switch (s->cell) {
      case MDL_RNN_ELMAN_TANH:
        tanh_row(h, a, hy);
        break;
      case MDL_RNN_ELMAN_RELU:
        for (size_t j = 0; j < h; j++)
          hy[j] = a[j] = a[j] > 0 ? a[j] : 0;
        break;
      case MDL_RNN_LSTM:
        lstm_row(h, a, cprev ? cprev->data + b * cprev->tda : NULL,
                 Ct.matrix.data + b * Ct.matrix.tda, hy,
                 TC ? TC->data + (t * B + b) * TC->tda
                    : gh->data + b * gh->tda);
        break;
      case MDL_RNN_GRU:
        gru_row(h, a, gh->data + b * gh->tda, hx,
                N->data + (t * B + b) * N->tda, hy);
        break;
      }
    }
  }
}
#line 585 "chapters/04-rnn.nw"
static int forward_cells(const char *fn, mdl_rnn_cell cell, size_t n_in,
                         size_t n_hidden, size_t batch,
                         const gsl_vector *params, const gsl_matrix *X,
                         const gsl_matrix *H0, const gsl_matrix *C0,
                         gsl_matrix *H, gsl_matrix *C)
{
  if (H == NULL)
    RNN_FAIL(GSL_EFAULT, "%s: H is NULL", fn);
  cell_shape s;
  int status = cell_check(fn, cell, n_in, n_hidden, batch, params, X, H0, C0,
                          &s);
  if (status)
    return status;
  status = GSL_SUCCESS;
  size_t TB = X->size1, h = n_hidden, Gh = s.G * h;
  gsl_matrix *A = NULL, *gh = NULL, *Cb = NULL, *N = NULL;
  if (H->size1 != TB || H->size2 != h) {
    char msg[200];
    snprintf(msg, sizeof msg, "%s: H is %zu x %zu, expected %zu x %zu", fn,
             H->size1, H->size2, TB, h);
    gsl_error(msg, __FILE__, __LINE__, GSL_EBADLEN);
    status = GSL_EBADLEN;
  } else if (C != NULL && cell != MDL_RNN_LSTM) {
    char msg[200];
    snprintf(msg, sizeof msg, "%s: C is given to cell %d; it is for the LSTM"
             " (cell 2) only", fn, (int)cell);
    gsl_error(msg, __FILE__, __LINE__, GSL_EINVAL);
    status = GSL_EINVAL;
  } else if (C != NULL && (C->size1 != TB || C->size2 != h)) {
    char msg[200];
    snprintf(msg, sizeof msg, "%s: C is %zu x %zu, expected %zu x %zu", fn,
             C->size1, C->size2, TB, h);
    gsl_error(msg, __FILE__, __LINE__, GSL_EBADLEN);
    status = GSL_EBADLEN;
  }
  if (status == GSL_SUCCESS) {
    A = gsl_matrix_alloc(TB, Gh);
    gh = gsl_matrix_alloc(batch, Gh);
    if (cell == MDL_RNN_LSTM && C == NULL)
      C = Cb = gsl_matrix_alloc(TB, h);
    if (cell == MDL_RNN_GRU)
      N = gsl_matrix_alloc(TB, h);
    if (A == NULL || gh == NULL || (cell == MDL_RNN_LSTM && C == NULL) ||
        (cell == MDL_RNN_GRU && N == NULL)) {
      char msg[200];
      snprintf(msg, sizeof msg, "%s: out of memory", fn);
      gsl_error(msg, __FILE__, __LINE__, GSL_ENOMEM);
      status = GSL_ENOMEM;
    } else
      cell_steps(&s, X, H0, C0, A, gh, H, C, N, NULL);
  }
  gsl_matrix_free(A);
  gsl_matrix_free(gh);
  gsl_matrix_free(Cb);
  gsl_matrix_free(N);
  gsl_vector_free(s.copy);
  return status;
}

int mdl_rnn_forward_cells(mdl_rnn_cell cell, size_t n_in, size_t n_hidden,
                          size_t batch, const gsl_vector *params,
                          const gsl_matrix *X, const gsl_matrix *H0,
                          const gsl_matrix *C0, gsl_matrix *H, gsl_matrix *C)
{
  return forward_cells("mdl_rnn_forward_cells", cell, n_in, n_hidden, batch,
                       params, X, H0, C0, H, C);
}

int mdl_rnn_forward(mdl_rnn_cell cell, size_t n_in, size_t n_hidden,
                    size_t batch, const gsl_vector *params,
                    const gsl_matrix *X, const gsl_matrix *H0,
                    const gsl_matrix *C0, gsl_matrix *H)
{
  return forward_cells("mdl_rnn_forward", cell, n_in, n_hidden, batch, params,
                       X, H0, C0, H, NULL);
}
#line 1263 "chapters/04-rnn.nw"
MDL_HOT_LOOP static void lstm_back_row(size_t h, const double *up,
                                       const double *rec, const double *a,
                                       const double *tc, const double *cp,
                                       double *dcb, double *gi)
{
  const double *cq = cp ? cp : tc, keep = cp ? 1 : 0;
#pragma omp simd
  for (size_t j = 0; j < h; j++) {
    double i = a[j], f = a[h + j], g = a[2 * h + j], o = a[3 * h + j];
    double dh = up[j] + rec[j], t = tc[j];
    double dcj = dcb[j] + dh * o * (1 - t * t);
    gi[j] = dcj * g * i * (1 - i);
    gi[h + j] = dcj * (cq[j] * keep) * f * (1 - f);
    gi[2 * h + j] = dcj * i * (1 - g * g);
    gi[3 * h + j] = dh * t * o * (1 - o);
    dcb[j] = dcj * f;
  }
}

static void cell_back_step(const cell_shape *s, size_t t,
                           const gsl_matrix *dH, const gsl_matrix *A,
                           const gsl_matrix *H, const gsl_matrix *H0,
                           const gsl_matrix *TC, const gsl_matrix *C,
                           const gsl_matrix *C0, const gsl_matrix *N,
                           const gsl_matrix *dhn, gsl_matrix *dc,
                           gsl_matrix *dGi, gsl_matrix *dGh, gsl_matrix *nxt)
{
  const size_t h = s->h, B = s->B;
  for (size_t b = 0; b < B; b++) {
    size_t row = t * B + b;
    const double *up = dH->data + row * dH->tda;
    const double *rec = dhn->data + b * dhn->tda;
    const double *a = A->data + row * A->tda;
    double *gi = dGi->data + row * dGi->tda;
    double *gr = dGh->data + row * dGh->tda;
    switch (s->cell) {
    case MDL_RNN_ELMAN_TANH:
      for (size_t j = 0; j < h; j++)
        gi[j] = (up[j] + rec[j]) * (1 - a[j] * a[j]);
      break;
    case MDL_RNN_ELMAN_RELU:
      for (size_t j = 0; j < h; j++)
        gi[j] = a[j] > 0 ? up[j] + rec[j] : 0;
      break;
    case MDL_RNN_LSTM:
      lstm_back_row(h, up, rec, a, TC->data + row * TC->tda,
                    t > 0 ? C->data + (row - B) * C->tda
                    : C0 ? C0->data + b * C0->tda : NULL,
                    dc->data + b * dc->tda, gi);
      break;
    case MDL_RNN_GRU: {
      const double *hp = t > 0 ? H->data + (row - B) * H->tda
                               : H0 ? H0->data + b * H0->tda : NULL;
      const double *nh = N->data + row * N->tda;
      double *nx = nxt->data + b * nxt->tda;
      for (size_t j = 0; j < h; j++) {
        double r = a[j], z = a[h + j], n = a[2 * h + j];
        double dh = up[j] + rec[j], hpj = hp ? hp[j] : 0;
        double dan = dh * (1 - z) * (1 - n * n);
        double dar = dan * nh[j] * r * (1 - r);
        double daz = dh * (hpj - n) * z * (1 - z);
        gi[j] = gr[j] = dar;
        gi[h + j] = gr[h + j] = daz;
        gi[2 * h + j] = dan;
        gr[2 * h + j] = dan * r;
        nx[j] = dh * z;
      }
      break;
    }
    }
  }
}

typedef struct {
  gsl_matrix *A, *H, *C, *TC, *N, *dGi, *dGh, *w1, *w2, *w3, *dc, *WT;
  gsl_vector *ones;
} cell_work;

static void work_free(cell_work *w)
{
  gsl_matrix_free(w->A);
  gsl_matrix_free(w->H);
  gsl_matrix_free(w->C);
  gsl_matrix_free(w->TC);
  gsl_matrix_free(w->N);
  if (w->dGh != w->dGi)
    gsl_matrix_free(w->dGh);
  gsl_matrix_free(w->dGi);
  gsl_matrix_free(w->w1);
  gsl_matrix_free(w->w2);
  gsl_matrix_free(w->w3);
  gsl_matrix_free(w->dc);
  gsl_matrix_free(w->WT);
  gsl_vector_free(w->ones);
}

static int work_alloc(const char *fn, const cell_shape *s, cell_work *w)
{
  const size_t TB = s->T * s->B, h = s->h, Gh = s->G * h;
  memset(w, 0, sizeof *w);
  w->A = gsl_matrix_alloc(TB, Gh);
  w->H = gsl_matrix_alloc(TB, h);
  w->C = s->cell == MDL_RNN_LSTM ? gsl_matrix_alloc(TB, h) : NULL;
  w->TC = s->cell == MDL_RNN_LSTM ? gsl_matrix_alloc(TB, h) : NULL;
  w->N = s->cell == MDL_RNN_GRU ? gsl_matrix_alloc(TB, h) : NULL;
  w->dGi = gsl_matrix_alloc(TB, Gh);
  w->dGh = s->cell == MDL_RNN_GRU ? gsl_matrix_alloc(TB, Gh) : w->dGi;
  w->w1 = gsl_matrix_alloc(s->B, Gh);
  w->w2 = gsl_matrix_alloc(s->B, h);
  w->w3 = gsl_matrix_alloc(s->B, h);
  w->dc = gsl_matrix_alloc(s->B, h);
  w->WT = gsl_matrix_alloc(s->n > h ? s->n : h, Gh);
  w->ones = gsl_vector_alloc(TB);
  if (w->A == NULL || w->H == NULL ||
      (s->cell == MDL_RNN_LSTM && (!w->C || !w->TC)) ||
      (s->cell == MDL_RNN_GRU && !w->N) || !w->dGi || !w->dGh || !w->w1 ||
      !w->w2 || !w->w3 || !w->dc || !w->WT || !w->ones) {
    work_free(w);
    memset(w, 0, sizeof *w);
    RNN_FAIL(GSL_ENOMEM, "%s: out of memory", fn);
  }
  gsl_vector_set_all(w->ones, 1.0);
  return GSL_SUCCESS;
}

static void transpose_into(const gsl_matrix *T, gsl_matrix *D)
{
  for (size_t i = 0; i < T->size1; i++) {
    const double *t = T->data + i * T->tda;
    for (size_t j = 0; j < T->size2; j++)
      D->data[j * D->tda + i] = t[j];
  }
}

static void cell_backward(const cell_shape *s, const gsl_matrix *X,
                          const gsl_matrix *H0, const gsl_matrix *C0,
                          const gsl_matrix *dH, cell_work *w, double *dp,
                          gsl_matrix *dX, gsl_matrix *dH0, gsl_matrix *dC0)
{
  const size_t h = s->h, B = s->B, T = s->T, Gh = s->G * h;
  const gsl_matrix *A = w->A, *H = w->H, *C = w->C, *N = w->N, *TC = w->TC;
  gsl_matrix *dGi = w->dGi, *dGh = w->dGh, *dhn = w->w2, *nxt = w->w3;
  gsl_matrix *dc = w->dc;
  gsl_vector *ones = w->ones;
  gsl_matrix_set_zero(dhn);
  gsl_matrix_set_zero(dc);
  for (size_t t = T; t-- > 0;) {
    cell_back_step(s, t, dH, A, H, H0, TC, C, C0, N, dhn, dc, dGi, dGh,
                   nxt);
    if (t == 0 && dH0 == NULL)
      break;
    gsl_matrix_const_view g =
        gsl_matrix_const_submatrix(dGh, t * B, 0, B, Gh);
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &g.matrix,
                   &s->Whh, s->cell == MDL_RNN_GRU ? 1.0 : 0.0, nxt);
    gsl_matrix tmp = *dhn;
    *dhn = *nxt;
    *nxt = tmp;
  }
  if (dH0 != NULL)
    gsl_matrix_memcpy(dH0, dhn);
  if (dC0 != NULL)
    gsl_matrix_memcpy(dC0, dc);
  if (dp != NULL) {
    gsl_matrix_view dWih = gsl_matrix_view_array(dp, Gh, s->n);
    gsl_matrix_view dWhh = gsl_matrix_view_array(dp + Gh * s->n, Gh, h);
    gsl_vector_view dbih = gsl_vector_view_array(dp + Gh * (s->n + h), Gh);
    gsl_vector_view dbhh =
        gsl_vector_view_array(dp + Gh * (s->n + h + 1), Gh);
    gsl_matrix_view Ti = gsl_matrix_submatrix(w->WT, 0, 0, s->n, Gh);
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, X, dGi, 0.0, &Ti.matrix);
    transpose_into(&Ti.matrix, &dWih.matrix);
    gsl_blas_dgemv(CblasTrans, 1.0, dGi, ones, 0.0, &dbih.vector);
    if (dGh == dGi)
      gsl_vector_memcpy(&dbhh.vector, &dbih.vector);
    else
      gsl_blas_dgemv(CblasTrans, 1.0, dGh, ones, 0.0, &dbhh.vector);
    gsl_matrix_view Th = gsl_matrix_submatrix(w->WT, 0, 0, h, Gh);
    gsl_matrix_set_zero(&Th.matrix);
    if (T > 1) {
      gsl_matrix_const_view g =
          gsl_matrix_const_submatrix(dGh, B, 0, (T - 1) * B, Gh);
      gsl_matrix_const_view hp =
          gsl_matrix_const_submatrix(H, 0, 0, (T - 1) * B, h);
      gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &hp.matrix, &g.matrix,
                     0.0, &Th.matrix);
    }
    if (H0 != NULL) {
      gsl_matrix_const_view g = gsl_matrix_const_submatrix(dGh, 0, 0, B, Gh);
      gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, H0, &g.matrix, 1.0,
                     &Th.matrix);
    }
    transpose_into(&Th.matrix, &dWhh.matrix);
  }
  if (dX != NULL)
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, dGi, &s->Wih,
                   0.0, dX);
}
#line 1466 "chapters/04-rnn.nw"
static int backward_check(const char *fn, const cell_shape *s, size_t np,
                          const gsl_matrix *dH, const gsl_vector *dparams,
                          const gsl_matrix *dX, const gsl_matrix *dH0,
                          const gsl_matrix *dC0)
{
  const size_t TB = s->T * s->B, h = s->h;
  char msg[200];
  msg[0] = '\0';
  int status = GSL_EBADLEN;
  if (dC0 != NULL && s->cell != MDL_RNN_LSTM) {
    snprintf(msg, sizeof msg, "%s: dC0 is given to cell %d; it is for the"
             " LSTM (cell 2) only", fn, (int)s->cell);
    status = GSL_EINVAL;
  } else if (dH->size1 != TB || dH->size2 != h)
    snprintf(msg, sizeof msg, "%s: dH is %zu x %zu, expected %zu x %zu", fn,
             dH->size1, dH->size2, TB, h);
  else if (dparams != NULL && dparams->size != np)
    snprintf(msg, sizeof msg, "%s: dparams has %zu entries, expected %zu",
             fn, dparams->size, np);
  else if (!shape_is(dX, TB, s->n))
    snprintf(msg, sizeof msg, "%s: dX is %zu x %zu, expected %zu x %zu", fn,
             dX->size1, dX->size2, TB, s->n);
  else if (!shape_is(dH0, s->B, h))
    snprintf(msg, sizeof msg, "%s: dH0 is %zu x %zu, expected %zu x %zu",
             fn, dH0->size1, dH0->size2, s->B, h);
  else if (!shape_is(dC0, s->B, h))
    snprintf(msg, sizeof msg, "%s: dC0 is %zu x %zu, expected %zu x %zu",
             fn, dC0->size1, dC0->size2, s->B, h);
  if (msg[0] != '\0')
    GSL_ERROR(msg, status);
  return finite_report(fn, "dH", dH);
}

static int backward_run(const char *fn, const cell_shape *s,
                        const gsl_matrix *X, const gsl_matrix *H0,
                        const gsl_matrix *C0, const gsl_matrix *dH,
                        cell_work *w, gsl_vector *dparams, gsl_matrix *dX,
                        gsl_matrix *dH0, gsl_matrix *dC0)
{
  gsl_vector *dp = NULL;
  if (dparams != NULL && dparams->stride != 1) {
    dp = gsl_vector_alloc(dparams->size);
    if (dp == NULL)
      RNN_FAIL(GSL_ENOMEM, "%s: out of memory", fn);
  }
  double *out = dparams == NULL ? NULL : dp != NULL ? dp->data
                                                    : dparams->data;
  cell_backward(s, X, H0, C0, dH, w, out, dX, dH0, dC0);
  if (dp != NULL)
    gsl_vector_memcpy(dparams, dp);
  gsl_vector_free(dp);
  return GSL_SUCCESS;
}

int mdl_rnn_backward(mdl_rnn_cell cell, size_t n_in, size_t n_hidden,
                     size_t batch, const gsl_vector *params,
                     const gsl_matrix *X, const gsl_matrix *H0,
                     const gsl_matrix *C0, const gsl_matrix *dH,
                     gsl_vector *dparams, gsl_matrix *dX, gsl_matrix *dH0,
                     gsl_matrix *dC0)
{
  const char *fn = "mdl_rnn_backward";
  if (dH == NULL)
    RNN_FAIL(GSL_EFAULT, "%s: dH is NULL", fn);
  if (dC0 != NULL && cell == MDL_RNN_ELMAN_TANH)
    RNN_FAIL(GSL_EINVAL, "%s: dC0 is given to cell %d; it is for the LSTM"
             " (cell 2) only", fn, (int)cell);
  if (dC0 != NULL && (cell == MDL_RNN_ELMAN_RELU || cell == MDL_RNN_GRU))
    RNN_FAIL(GSL_EINVAL, "%s: dC0 is given to cell %d; it is for the LSTM"
             " (cell 2) only", fn, (int)cell);
  cell_shape s;
  int status = cell_check(fn, cell, n_in, n_hidden, batch, params, X, H0, C0,
                          &s);
  if (status)
    return status;
  status = backward_check(fn, &s, params->size, dH, dparams, dX, dH0, dC0);
  if (status) {
    gsl_vector_free(s.copy);
    return status;
  }
  cell_work w;
  status = work_alloc(fn, &s, &w);
  if (status == GSL_SUCCESS) {
    cell_steps(&s, X, H0, C0, w.A, w.w1, w.H, w.C, w.N, w.TC);
    status = backward_run(fn, &s, X, H0, C0, dH, &w, dparams, dX, dH0, dC0);
  }
  work_free(&w);
  gsl_vector_free(s.copy);
  return status;
}
#line 7468 "chapters/04-rnn.nw"
struct mdl_rnn_tape {
  cell_shape s;
  cell_work w;
  int filled;
  const gsl_vector *params;
  const gsl_matrix *X, *H0, *C0;
};

mdl_rnn_tape *mdl_rnn_tape_alloc(mdl_rnn_cell cell, size_t n_in,
                                 size_t n_hidden, size_t batch, size_t steps)
{
  if (!cell_known(cell))
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "mdl_rnn_tape_alloc: cell = %d is not a"
                  " cell (0 to 3)", (int)cell);
  if (n_in == 0 || n_hidden == 0 || batch == 0 || steps == 0)
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "mdl_rnn_tape_alloc: n_in = %zu,"
                  " n_hidden = %zu, batch = %zu, steps = %zu; each must be"
                  " positive", n_in, n_hidden, batch, steps);
  mdl_rnn_tape *t = malloc(sizeof *t);
  if (t == NULL)
    GSL_ERROR_NULL("mdl_rnn_tape_alloc: out of memory", GSL_ENOMEM);
  memset(t, 0, sizeof *t);
  t->s.cell = cell;
  t->s.n = n_in;
  t->s.h = n_hidden;
  t->s.B = batch;
  t->s.T = steps;
  t->s.G = mdl_rnn_gates(cell);
  if (work_alloc("mdl_rnn_tape_alloc", &t->s, &t->w) != GSL_SUCCESS) {
    free(t);
    return NULL;
  }
  return t;
}

void mdl_rnn_tape_free(mdl_rnn_tape *tape)
{
  if (tape == NULL)
    return;
  work_free(&tape->w);
  free(tape);
}

static int tape_check(const char *fn, const mdl_rnn_tape *tape,
                      const gsl_vector *params, const gsl_matrix *X,
                      const gsl_matrix *H0, const gsl_matrix *C0,
                      cell_shape *s)
{
  if (tape == NULL)
    RNN_FAIL(GSL_EFAULT, "%s: tape is NULL", fn);
  const cell_shape *g = &tape->s;
  int status = cell_check(fn, g->cell, g->n, g->h, g->B, params, X, H0, C0,
                          s);
  if (status)
    return status;
  if (s->T != g->T) {
    gsl_vector_free(s->copy);
    RNN_FAIL(GSL_EBADLEN, "%s: X has %zu rows, the tape is for %zu steps of"
             " batch %zu", fn, X->size1, g->T, g->B);
  }
  return GSL_SUCCESS;
}

int mdl_rnn_forward_tape(mdl_rnn_tape *tape, const gsl_vector *params,
                         const gsl_matrix *X, const gsl_matrix *H0,
                         const gsl_matrix *C0, gsl_matrix *H)
{
  const char *fn = "mdl_rnn_forward_tape";
  cell_shape s;
  int status = tape_check(fn, tape, params, X, H0, C0, &s);
  if (status)
    return status;
  if (!shape_is(H, X->size1, s.h)) {
    gsl_vector_free(s.copy);
    RNN_FAIL(GSL_EBADLEN, "%s: H is %zu x %zu, expected %zu x %zu", fn,
             H->size1, H->size2, X->size1, s.h);
  }
  cell_work *w = &tape->w;
  cell_steps(&s, X, H0, C0, w->A, w->w1, w->H, w->C, w->N, w->TC);
  if (H != NULL)
    gsl_matrix_memcpy(H, w->H);
  tape->filled = 1;
  tape->params = params;
  tape->X = X;
  tape->H0 = H0;
  tape->C0 = C0;
  gsl_vector_free(s.copy);
  return GSL_SUCCESS;
}

int mdl_rnn_backward_tape(mdl_rnn_tape *tape, const gsl_vector *params,
                          const gsl_matrix *X, const gsl_matrix *H0,
                          const gsl_matrix *C0, const gsl_matrix *dH,
                          gsl_vector *dparams, gsl_matrix *dX,
                          gsl_matrix *dH0, gsl_matrix *dC0)
{
  const char *fn = "mdl_rnn_backward_tape";
  if (tape == NULL)
    RNN_FAIL(GSL_EFAULT, "%s: tape is NULL", fn);
  if (dH == NULL)
    RNN_FAIL(GSL_EFAULT, "%s: dH is NULL", fn);
  if (!tape->filled)
    RNN_FAIL(GSL_EINVAL, "%s: no forward pass has filled the tape", fn);
  if (params != tape->params || X != tape->X || H0 != tape->H0 ||
      C0 != tape->C0)
    RNN_FAIL(GSL_EINVAL, "%s: params, X, H0 and C0 must be those of the"
             " forward pass that filled the tape", fn);
  cell_shape s;
  int status = tape_check(fn, tape, params, X, H0, C0, &s);
  if (status == GSL_SUCCESS)
    status = backward_check(fn, &s, params->size, dH, dparams, dX, dH0, dC0);
  if (status == GSL_SUCCESS)
    status = backward_run(fn, &s, X, H0, C0, dH, &tape->w, dparams, dX, dH0,
                          dC0);
  gsl_vector_free(s.copy);
  return status;
}
#line 3883 "chapters/04-rnn.nw"
static void attend(const gsl_matrix *Q, const gsl_matrix *K,
                   const gsl_matrix *V, int causal, gsl_matrix *P,
                   gsl_matrix *Y)
{
  const size_t Lq = Q->size1, Lk = K->size1;
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0 / sqrt((double)Q->size2), Q,
                 K, 0.0, P);
  for (size_t i = 0; i < Lq; i++) {
    double *p = P->data + i * P->tda;
    size_t last = causal ? i + 1 : Lk;
    double m = p[0], sum = 0;
    for (size_t j = 1; j < last; j++)
      m = p[j] > m ? p[j] : m;
    for (size_t j = 0; j < last; j++)
      sum += p[j] = exp(p[j] - m);
    for (size_t j = 0; j < last; j++)
      p[j] /= sum;
    for (size_t j = last; j < Lk; j++)
      p[j] = 0;
  }
  if (Y != NULL)
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, P, V, 0.0, Y);
}

static void attend_backward(const gsl_matrix *Q, const gsl_matrix *K,
                            const gsl_matrix *V, const gsl_matrix *P,
                            const gsl_matrix *dY, gsl_matrix *dP,
                            gsl_matrix *dQ, gsl_matrix *dK, gsl_matrix *dV)
{
  const double scale = 1.0 / sqrt((double)Q->size2);
  if (dV != NULL)
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, P, dY, 0.0, dV);
  if (dQ == NULL && dK == NULL)
    return;
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, dY, V, 0.0, dP);
  for (size_t i = 0; i < P->size1; i++) {
    const double *p = P->data + i * P->tda;
    double *d = dP->data + i * dP->tda, dot = 0;
    for (size_t j = 0; j < P->size2; j++)
      dot += p[j] * d[j];
    for (size_t j = 0; j < P->size2; j++)
      d[j] = p[j] * (d[j] - dot);
  }
  if (dQ != NULL)
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, scale, dP, K, 0.0, dQ);
  if (dK != NULL)
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, scale, dP, Q, 0.0, dK);
}
#line 3936 "chapters/04-rnn.nw"
static int attention_check(const char *fn, const gsl_matrix *Q,
                           const gsl_matrix *K, const gsl_matrix *V,
                           int causal, const gsl_matrix *Y)
{
  const char *y = strstr(fn, "backward") ? "dY" : "Y";
  const char *nul = Q == NULL ? "Q" : K == NULL ? "K" : V == NULL ? "V"
                    : Y == NULL ? y : NULL;
  if (nul != NULL)
    RNN_FAIL(GSL_EFAULT, "%s: %s is NULL", fn, nul);
  if (K->size2 != Q->size2)
    RNN_FAIL(GSL_EBADLEN, "%s: K has %zu columns, Q has %zu", fn, K->size2,
             Q->size2);
  if (V->size1 != K->size1)
    RNN_FAIL(GSL_EBADLEN, "%s: V has %zu rows, K has %zu", fn, V->size1,
             K->size1);
  if (causal && Q->size1 != K->size1)
    RNN_FAIL(GSL_EBADLEN, "%s: causal attention needs Lq = Lk, not %zu and"
             " %zu", fn, Q->size1, K->size1);
  if (Y->size1 != Q->size1 || Y->size2 != V->size2)
    RNN_FAIL(GSL_EBADLEN, "%s: %s is %zu x %zu, expected %zu x %zu", fn,
             strstr(fn, "backward") ? "dY" : "Y", Y->size1, Y->size2,
             Q->size1, V->size2);
  int bad = finite_report(fn, "Q", Q);
  if (!bad)
    bad = finite_report(fn, "K", K);
  if (!bad)
    bad = finite_report(fn, "V", V);
  return bad;
}

int mdl_attention(const gsl_matrix *Q, const gsl_matrix *K,
                  const gsl_matrix *V, int causal, gsl_matrix *Y,
                  gsl_matrix *weights)
{
  int status = attention_check("mdl_attention", Q, K, V, causal, Y);
  if (status)
    return status;
  if (!shape_is(weights, Q->size1, K->size1))
    RNN_FAIL(GSL_EBADLEN, "mdl_attention: weights is %zu x %zu, expected %zu"
             " x %zu", weights->size1, weights->size2, Q->size1, K->size1);
  gsl_matrix *P = gsl_matrix_alloc(Q->size1, K->size1);
  if (P == NULL)
    GSL_ERROR("mdl_attention: out of memory", GSL_ENOMEM);
  attend(Q, K, V, causal, P, Y);
  if (weights != NULL)
    gsl_matrix_memcpy(weights, P);
  gsl_matrix_free(P);
  return GSL_SUCCESS;
}

int mdl_attention_backward(const gsl_matrix *Q, const gsl_matrix *K,
                           const gsl_matrix *V, int causal,
                           const gsl_matrix *dY, gsl_matrix *dQ,
                           gsl_matrix *dK, gsl_matrix *dV)
{
  const char *fn = "mdl_attention_backward";
  int status = attention_check(fn, Q, K, V, causal, dY);
  if (status)
    return status;
  status = finite_report(fn, "dY", dY);
  if (status)
    return status;
  const gsl_matrix *in[3] = {Q, K, V}, *out[3] = {dQ, dK, dV};
  const char *const nm[3] = {"Q", "K", "V"};
  for (int k = 0; k < 3; k++)
    if (!shape_is(out[k], in[k]->size1, in[k]->size2))
      RNN_FAIL(GSL_EBADLEN, "%s: d%s is %zu x %zu, expected %zu x %zu (the"
               " shape of %s)", fn, nm[k], out[k]->size1, out[k]->size2,
               in[k]->size1, in[k]->size2, nm[k]);
  gsl_matrix *P = gsl_matrix_alloc(Q->size1, K->size1);
  gsl_matrix *dP = gsl_matrix_alloc(Q->size1, K->size1);
  if (P == NULL || dP == NULL) {
    gsl_matrix_free(P);
    gsl_matrix_free(dP);
    GSL_ERROR("mdl_attention_backward: out of memory", GSL_ENOMEM);
  }
  attend(Q, K, V, causal, P, NULL);
  attend_backward(Q, K, V, P, dY, dP, dQ, dK, dV);
  gsl_matrix_free(P);
  gsl_matrix_free(dP);
  return GSL_SUCCESS;
}
#line 4027 "chapters/04-rnn.nw"
size_t mdl_rnn_mha_nparams(size_t d_model)
{
  if (d_model == 0)
    GSL_ERROR_VAL("mdl_rnn_mha_nparams: d_model = 0; it must be positive",
                  GSL_EINVAL, 0);
  return 4 * d_model * d_model + 4 * d_model;
}

typedef struct {
  size_t E, H, Lq, Lk;
  gsl_vector *copy;
  gsl_matrix W[4];
  gsl_vector b[4];
  gsl_matrix *QKVO[4], *P, *dP;
} mha_work;

static void mha_free(mha_work *w)
{
  for (int k = 0; k < 4; k++)
    gsl_matrix_free(w->QKVO[k]);
  gsl_matrix_free(w->P);
  gsl_matrix_free(w->dP);
  gsl_vector_free(w->copy);
}

static int mha_setup(const char *fn, size_t E, size_t H,
                     const gsl_vector *params, const gsl_matrix *Xq,
                     const gsl_matrix *Xk, const gsl_matrix *Xv, int causal,
                     const gsl_matrix *Y, mha_work *w)
{
  memset(w, 0, sizeof *w);
  const char *y = strstr(fn, "backward") ? "dY" : "Y";
  const char *nul = params == NULL ? "params" : Xq == NULL ? "Xq"
                    : Xk == NULL ? "Xk" : Xv == NULL ? "Xv"
                    : Y == NULL ? y : NULL;
  if (nul != NULL)
    RNN_FAIL(GSL_EFAULT, "%s: %s is NULL", fn, nul);
  if (E == 0 || H == 0 || E % H != 0)
    RNN_FAIL(GSL_EINVAL, "%s: %zu heads do not divide d_model = %zu", fn, H,
             E);
  if (params->size != 4 * E * E + 4 * E)
    RNN_FAIL(GSL_EBADLEN, "%s: params has %zu entries, expected %zu", fn,
             params->size, 4 * E * E + 4 * E);
  if (Xq->size2 != E || Xk->size2 != E || Xv->size2 != E)
    RNN_FAIL(GSL_EBADLEN, "%s: Xq, Xk, Xv have %zu, %zu, %zu columns,"
             " expected d_model = %zu", fn, Xq->size2, Xk->size2, Xv->size2,
             E);
  if (Xv->size1 != Xk->size1)
    RNN_FAIL(GSL_EBADLEN, "%s: Xv has %zu rows, Xk has %zu", fn, Xv->size1,
             Xk->size1);
  if (causal && Xq->size1 != Xk->size1)
    RNN_FAIL(GSL_EBADLEN, "%s: causal attention needs Lq = Lk, not %zu and"
             " %zu", fn, Xq->size1, Xk->size1);
  if (Y->size1 != Xq->size1 || Y->size2 != E)
    RNN_FAIL(GSL_EBADLEN, "%s: %s is %zu x %zu, expected %zu x %zu", fn,
             strstr(fn, "backward") ? "dY" : "Y", Y->size1, Y->size2,
             Xq->size1, E);
  int bad = vec_finite_report(fn, "params", params);
  if (!bad)
    bad = finite_report(fn, "Xq", Xq);
  if (!bad)
    bad = finite_report(fn, "Xk", Xk);
  if (!bad)
    bad = finite_report(fn, "Xv", Xv);
  if (bad)
    return bad;
  w->E = E;
  w->H = H;
  w->Lq = Xq->size1;
  w->Lk = Xk->size1;
  const double *p = params->data;
  if (params->stride != 1) {
    w->copy = gsl_vector_alloc(params->size);
    if (w->copy == NULL)
      RNN_FAIL(GSL_ENOMEM, "%s: out of memory", fn);
    gsl_vector_memcpy(w->copy, params);
    p = w->copy->data;
  }
  for (int k = 0; k < 3; k++) {
    w->W[k] = gsl_matrix_const_view_array(p + k * E * E, E, E).matrix;
    w->b[k] = gsl_vector_const_view_array(p + 3 * E * E + k * E, E).vector;
  }
  w->W[3] = gsl_matrix_const_view_array(p + 3 * E * E + 3 * E, E, E).matrix;
  w->b[3] = gsl_vector_const_view_array(p + 4 * E * E + 3 * E, E).vector;
  size_t rows[4] = {w->Lq, w->Lk, w->Lk, w->Lq};
  for (int k = 0; k < 4; k++)
    w->QKVO[k] = gsl_matrix_alloc(rows[k], E);
  w->P = gsl_matrix_alloc(w->Lq, w->Lk);
  w->dP = gsl_matrix_alloc(w->Lq, w->Lk);
  for (int k = 0; k < 4; k++)
    if (w->QKVO[k] == NULL) {
      mha_free(w);
      RNN_FAIL(GSL_ENOMEM, "%s: out of memory", fn);
    }
  if (w->P == NULL || w->dP == NULL) {
    mha_free(w);
    RNN_FAIL(GSL_ENOMEM, "%s: out of memory", fn);
  }
  const gsl_matrix *X[3] = {Xq, Xk, Xv};
  for (int k = 0; k < 3; k++) {
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, X[k], &w->W[k], 0.0,
                   w->QKVO[k]);
    add_row_vector(w->QKVO[k], &w->b[k]);
  }
  return GSL_SUCCESS;
}

static gsl_matrix_view head(gsl_matrix *A, const mha_work *w, size_t j)
{
  size_t dh = w->E / w->H;
  return gsl_matrix_submatrix(A, 0, j * dh, A->size1, dh);
}
#line 4142 "chapters/04-rnn.nw"
int mdl_rnn_mha_forward(size_t d_model, size_t heads,
                        const gsl_vector *params, const gsl_matrix *Xq,
                        const gsl_matrix *Xk, const gsl_matrix *Xv,
                        int causal, gsl_matrix *Y, gsl_matrix *weights)
{
  const char *fn = "mdl_rnn_mha_forward";
  if (weights != NULL && Xq != NULL && Xk != NULL &&
      !shape_is(weights, Xq->size1, Xk->size1))
    RNN_FAIL(GSL_EBADLEN, "%s: weights is %zu x %zu, expected %zu x %zu", fn,
             weights->size1, weights->size2, Xq->size1, Xk->size1);
  mha_work w;
  int status =
      mha_setup(fn, d_model, heads, params, Xq, Xk, Xv, causal, Y, &w);
  if (status)
    return status;
  if (weights != NULL)
    gsl_matrix_set_zero(weights);
  for (size_t j = 0; j < heads; j++) {
    gsl_matrix_view q = head(w.QKVO[0], &w, j), k = head(w.QKVO[1], &w, j);
    gsl_matrix_view v = head(w.QKVO[2], &w, j), o = head(w.QKVO[3], &w, j);
    attend(&q.matrix, &k.matrix, &v.matrix, causal, w.P, &o.matrix);
    if (weights != NULL)
      gsl_matrix_add(weights, w.P);
  }
  if (weights != NULL)
    gsl_matrix_scale(weights, 1.0 / (double)heads);
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, w.QKVO[3], &w.W[3],
                 0.0, Y);
  add_row_vector(Y, &w.b[3]);
  mha_free(&w);
  return GSL_SUCCESS;
}
#line 4179 "chapters/04-rnn.nw"
int mdl_rnn_mha_backward(size_t d_model, size_t heads,
                         const gsl_vector *params, const gsl_matrix *Xq,
                         const gsl_matrix *Xk, const gsl_matrix *Xv,
                         int causal, const gsl_matrix *dY,
                         gsl_vector *dparams, gsl_matrix *dXq,
                         gsl_matrix *dXk, gsl_matrix *dXv)
{
  const char *fn = "mdl_rnn_mha_backward";
  int bad = finite_report(fn, "dY", dY);
  if (bad)
    return bad;
  if (dparams != NULL && dparams->size != 4 * d_model * d_model + 4 * d_model)
    RNN_FAIL(GSL_EBADLEN, "%s: dparams has %zu entries, expected %zu", fn,
             dparams->size, 4 * d_model * d_model + 4 * d_model);
  const gsl_matrix *in[3] = {Xq, Xk, Xv}, *out[3] = {dXq, dXk, dXv};
  const char *const nm[3] = {"Xq", "Xk", "Xv"};
  for (int k = 0; k < 3; k++)
    if (in[k] != NULL && !shape_is(out[k], in[k]->size1, in[k]->size2))
      RNN_FAIL(GSL_EBADLEN, "%s: d%s is %zu x %zu, expected %zu x %zu (the"
               " shape of %s)", fn, nm[k], out[k]->size1, out[k]->size2,
               in[k]->size1, in[k]->size2, nm[k]);
  mha_work w;
  int status =
      mha_setup(fn, d_model, heads, params, Xq, Xk, Xv, causal, dY, &w);
  if (status)
    return status;
  const size_t E = d_model;
  gsl_matrix *G[3] = {gsl_matrix_alloc(w.Lq, E), gsl_matrix_alloc(w.Lk, E),
                      gsl_matrix_alloc(w.Lk, E)};
  gsl_matrix *dO = gsl_matrix_alloc(w.Lq, E);
  gsl_vector *ones = gsl_vector_alloc(w.Lq > w.Lk ? w.Lq : w.Lk);
  gsl_vector *dp = dparams != NULL ? gsl_vector_alloc(dparams->size) : NULL;
  if (G[0] == NULL || G[1] == NULL || G[2] == NULL || dO == NULL ||
      ones == NULL || (dparams != NULL && dp == NULL)) {
    status = GSL_ENOMEM;
    gsl_error("mdl_rnn_mha_backward: out of memory", __FILE__, __LINE__,
              status);
  } else {
    gsl_vector_set_all(ones, 1.0);
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, dY, &w.W[3], 0.0,
                   dO);
    for (size_t j = 0; j < heads; j++) {
      gsl_matrix_view q = head(w.QKVO[0], &w, j), k = head(w.QKVO[1], &w, j);
      gsl_matrix_view v = head(w.QKVO[2], &w, j), o = head(w.QKVO[3], &w, j);
      gsl_matrix_view dq = head(G[0], &w, j), dk = head(G[1], &w, j);
      gsl_matrix_view dv = head(G[2], &w, j), dop = head(dO, &w, j);
      attend(&q.matrix, &k.matrix, &v.matrix, causal, w.P, &o.matrix);
      attend_backward(&q.matrix, &k.matrix, &v.matrix, w.P, &dop.matrix,
                      w.dP, &dq.matrix, &dk.matrix, &dv.matrix);
    }
    const gsl_matrix *X[3] = {Xq, Xk, Xv};
    gsl_matrix *dX[3] = {dXq, dXk, dXv};
    if (dp != NULL) {
      for (int k = 0; k < 3; k++) {
        gsl_matrix_view dW = gsl_matrix_view_array(dp->data + k * E * E, E, E);
        gsl_vector_view db =
            gsl_vector_view_array(dp->data + 3 * E * E + k * E, E);
        gsl_vector_const_view one =
            gsl_vector_const_subvector(ones, 0, X[k]->size1);
        gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, G[k], X[k], 0.0,
                       &dW.matrix);
        gsl_blas_dgemv(CblasTrans, 1.0, G[k], &one.vector, 0.0, &db.vector);
      }
      gsl_matrix_view dWo =
          gsl_matrix_view_array(dp->data + 3 * E * E + 3 * E, E, E);
      gsl_vector_view dbo =
          gsl_vector_view_array(dp->data + 4 * E * E + 3 * E, E);
      gsl_vector_const_view one = gsl_vector_const_subvector(ones, 0, w.Lq);
      gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, dY, w.QKVO[3], 0.0,
                     &dWo.matrix);
      gsl_blas_dgemv(CblasTrans, 1.0, dY, &one.vector, 0.0, &dbo.vector);
      gsl_vector_memcpy(dparams, dp);
    }
    for (int k = 0; k < 3; k++)
      if (dX[k] != NULL)
        gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, G[k], &w.W[k],
                       0.0, dX[k]);
  }
  for (int k = 0; k < 3; k++)
    gsl_matrix_free(G[k]);
  gsl_matrix_free(dO);
  gsl_vector_free(ones);
  gsl_vector_free(dp);
  mha_free(&w);
  return status;
}
#line 4270 "chapters/04-rnn.nw"
int mdl_rnn_positional(gsl_matrix *P)
{
  if (P == NULL)
    GSL_ERROR("mdl_rnn_positional: P is NULL", GSL_EFAULT);
  const size_t d = P->size2;
  for (size_t j = 0; j < d; j += 2) {
    double freq = pow(10000.0, (double)j / (double)d);
    for (size_t t = 0; t < P->size1; t++) {
      double angle = (double)t / freq;
      P->data[t * P->tda + j] = sin(angle);
      if (j + 1 < d)
        P->data[t * P->tda + j + 1] = cos(angle);
    }
  }
  return GSL_SUCCESS;
}
#line 2824 "chapters/04-rnn.nw"
struct mdl_rnn_model {
  mdl_rnn_cell cell;
  size_t n, h, m, ncell;
  int every_step;
  gsl_vector *theta;
};

mdl_rnn_model *mdl_rnn_model_alloc(mdl_rnn_cell cell, size_t n_in,
                                   size_t n_hidden, size_t n_out,
                                   int every_step)
{
  if (!cell_known(cell))
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "mdl_rnn_model_alloc: cell = %d is not a"
                  " cell (0 to 3)", (int)cell);
  if (n_in == 0 || n_hidden == 0 || n_out == 0)
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "mdl_rnn_model_alloc: n_in = %zu,"
                  " n_hidden = %zu, n_out = %zu; each must be positive", n_in,
                  n_hidden, n_out);
  size_t nc = mdl_rnn_nparams(cell, n_in, n_hidden);
  if (nc == 0)
    return NULL;
  mdl_rnn_model *m = malloc(sizeof *m);
  if (m == NULL)
    GSL_ERROR_NULL("mdl_rnn_model_alloc: out of memory", GSL_ENOMEM);
  m->theta = gsl_vector_calloc(nc + n_out * n_hidden + n_out);
  if (m->theta == NULL) {
    free(m);
    GSL_ERROR_NULL("mdl_rnn_model_alloc: out of memory", GSL_ENOMEM);
  }
  m->cell = cell;
  m->n = n_in;
  m->h = n_hidden;
  m->m = n_out;
  m->ncell = nc;
  m->every_step = every_step != 0;
  return m;
}

void mdl_rnn_model_free(mdl_rnn_model *m)
{
  if (m == NULL)
    return;
  gsl_vector_free(m->theta);
  free(m);
}

int mdl_rnn_model_init(mdl_rnn_model *m, const gsl_rng *r)
{
  if (m == NULL)
    GSL_ERROR("mdl_rnn_model_init: m is NULL", GSL_EFAULT);
  if (r == NULL)
    GSL_ERROR("mdl_rnn_model_init: r is NULL", GSL_EFAULT);
  double a = 1 / sqrt((double)m->h);
  for (size_t i = 0; i < m->theta->size; i++)
    gsl_vector_set(m->theta, i, a * (2 * gsl_rng_uniform(r) - 1));
  return GSL_SUCCESS;
}

size_t mdl_rnn_model_nparams(const mdl_rnn_model *m)
{
  if (m == NULL)
    GSL_ERROR_VAL("mdl_rnn_model_nparams: m is NULL", GSL_EFAULT, 0);
  return m->theta->size;
}

gsl_vector *mdl_rnn_model_params(mdl_rnn_model *m)
{
  if (m == NULL)
    GSL_ERROR_NULL("mdl_rnn_model_params: m is NULL", GSL_EFAULT);
  return m->theta;
}
#line 2904 "chapters/04-rnn.nw"
static int model_pass(const char *fn, mdl_rnn_model *m, size_t batch,
                      const gsl_matrix *X, gsl_matrix *Yhat,
                      mdl_net_loss loss, const gsl_matrix *Y, double *value,
                      gsl_vector *grad)
{
  if (X == NULL)
    RNN_FAIL(GSL_EFAULT, "%s: X is NULL", fn);
  if (batch == 0)
    RNN_FAIL(GSL_EINVAL, "%s: batch = 0; it must be positive", fn);
  if (X->size1 % batch != 0 || X->size2 != m->n)
    RNN_FAIL(GSL_EBADLEN, "%s: X is %zu x %zu, expected a multiple of batch ="
             " %zu rows and %zu columns", fn, X->size1, X->size2, batch,
             m->n);
  const size_t TB = X->size1, rows = m->every_step ? TB : batch;
  gsl_vector_view pc = gsl_vector_subvector(m->theta, 0, m->ncell);
  gsl_matrix_view Wo =
      gsl_matrix_view_array(m->theta->data + m->ncell, m->m, m->h);
  gsl_vector_view bo =
      gsl_vector_subvector(m->theta, m->ncell + m->m * m->h, m->m);
  cell_shape s;
  int status = cell_check(fn, m->cell, m->n, m->h, batch, &pc.vector, X,
                          NULL, NULL, &s);
  if (status)
    return status;
  cell_work w;
  gsl_matrix *V = gsl_matrix_alloc(rows, m->m);
  gsl_matrix *dV = grad ? gsl_matrix_alloc(rows, m->m) : NULL;
  gsl_matrix *dH = grad ? gsl_matrix_calloc(TB, m->h) : NULL;
  status = work_alloc(fn, &s, &w);
  if (status == GSL_SUCCESS && (V == NULL || (grad && (!dV || !dH)))) {
    char msg[200];
    snprintf(msg, sizeof msg, "%s: out of memory", fn);
    gsl_error(msg, __FILE__, __LINE__, GSL_ENOMEM);
    status = GSL_ENOMEM;
  }
  if (status)
    goto done;
  cell_steps(&s, X, NULL, NULL, w.A, w.w1, w.H, w.C, w.N, w.TC);
  gsl_matrix_view Hs = gsl_matrix_submatrix(w.H, TB - rows, 0, rows, m->h);
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, &Hs.matrix, &Wo.matrix, 0.0,
                 V);
  add_row_vector(V, &bo.vector);
  if (Yhat != NULL) {
    gsl_matrix_memcpy(Yhat, V);
    goto done;
  }
  status = mdl_net_loss_eval(loss, V, Y, value, dV);
  if (status)
    goto done;
  gsl_matrix_view dHs = gsl_matrix_submatrix(dH, TB - rows, 0, rows, m->h);
  gsl_matrix_view dWo =
      gsl_matrix_view_array(grad->data + m->ncell, m->m, m->h);
  gsl_vector_view dbo =
      gsl_vector_subvector(grad, m->ncell + m->m * m->h, m->m);
  gsl_vector_const_view one = gsl_vector_const_subvector(w.ones, 0, rows);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, dV, &Wo.matrix, 0.0,
                 &dHs.matrix);
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, dV, &Hs.matrix, 0.0,
                 &dWo.matrix);
  gsl_blas_dgemv(CblasTrans, 1.0, dV, &one.vector, 0.0, &dbo.vector);
  cell_backward(&s, X, NULL, NULL, dH, &w, grad->data, NULL, NULL, NULL);
done:
  work_free(&w);
  gsl_matrix_free(V);
  gsl_matrix_free(dV);
  gsl_matrix_free(dH);
  gsl_vector_free(s.copy);
  return status;
}
#line 2976 "chapters/04-rnn.nw"
/* Y (the outputs, or the targets) is one row per output of the model: every
   step's or the last step's; X and batch are checked by model_pass. */
static int check_y(const char *fn, const mdl_rnn_model *m, size_t batch,
                   const gsl_matrix *X, const gsl_matrix *Y)
{
  if (Y == NULL)
    RNN_FAIL(GSL_EFAULT, "%s: Y is NULL", fn);
  if (X != NULL && batch > 0
      && (Y->size1 != (m->every_step ? X->size1 : batch) || Y->size2 != m->m))
    RNN_FAIL(GSL_EBADLEN, "%s: Y is %zu x %zu, expected %zu x %zu (the"
             " model's outputs)", fn, Y->size1, Y->size2,
             m->every_step ? X->size1 : batch, m->m);
  return GSL_SUCCESS;
}

int mdl_rnn_model_forward(mdl_rnn_model *m, size_t batch,
                          const gsl_matrix *X, gsl_matrix *Y)
{
  if (m == NULL)
    GSL_ERROR("mdl_rnn_model_forward: m is NULL", GSL_EFAULT);
  int status = check_y("mdl_rnn_model_forward", m, batch, X, Y);
  if (status)
    return status;
  return model_pass("mdl_rnn_model_forward", m, batch, X, Y,
                    MDL_NET_LOSS_SQUARED, NULL, NULL, NULL);
}

static int model_gradient(const char *fn, mdl_rnn_model *m,
                          mdl_net_loss loss, size_t batch,
                          const gsl_matrix *X, const gsl_matrix *Y,
                          double *value, gsl_vector *grad)
{
  int status = check_y(fn, m, batch, X, Y);
  if (status)
    return status;
  size_t yi, yj;
  if (!mdl_numcheck_finite_matrix(Y, &yi, &yj))
    RNN_FAIL(GSL_EDOM, "%s: Y[%zu][%zu] = %g is not finite", fn, yi, yj,
             gsl_matrix_get(Y, yi, yj));
  if (grad->size != m->theta->size || grad->stride != 1)
    RNN_FAIL(GSL_EBADLEN, "%s: grad has %zu entries (stride %zu), expected"
             " %zu (stride 1)", fn, grad->size, grad->stride, m->theta->size);
  gsl_vector *g = gsl_vector_alloc(grad->size);
  if (g == NULL)
    RNN_FAIL(GSL_ENOMEM, "%s: out of memory", fn);
  double v;
  status = model_pass(fn, m, batch, X, NULL, loss, Y, &v, g);
  if (status == GSL_SUCCESS) {
    gsl_vector_memcpy(grad, g);
    *value = v;
  }
  gsl_vector_free(g);
  return status;
}

int mdl_rnn_model_gradient(mdl_rnn_model *m, mdl_net_loss loss,
                           size_t batch, const gsl_matrix *X,
                           const gsl_matrix *Y, double *value,
                           gsl_vector *grad)
{
  if (m == NULL)
    GSL_ERROR("mdl_rnn_model_gradient: m is NULL", GSL_EFAULT);
  if (value == NULL)
    GSL_ERROR("mdl_rnn_model_gradient: value is NULL", GSL_EFAULT);
  if (grad == NULL)
    GSL_ERROR("mdl_rnn_model_gradient: grad is NULL", GSL_EFAULT);
  return model_gradient("mdl_rnn_model_gradient", m, loss, batch, X, Y,
                        value, grad);
}

int mdl_rnn_model_train_step(mdl_rnn_model *m, mdl_optim *opt,
                             mdl_net_loss loss, size_t batch,
                             const gsl_matrix *X, const gsl_matrix *Y,
                             double *value)
{
  if (m == NULL)
    GSL_ERROR("mdl_rnn_model_train_step: m is NULL", GSL_EFAULT);
  if (opt == NULL)
    GSL_ERROR("mdl_rnn_model_train_step: opt is NULL", GSL_EFAULT);
  if (value == NULL)
    GSL_ERROR("mdl_rnn_model_train_step: value is NULL", GSL_EFAULT);
  if (mdl_optim_size(opt) != m->theta->size)
    RNN_FAIL(GSL_EBADLEN, "mdl_rnn_model_train_step: the optimizer is for %zu"
             " parameters, the model has %zu", mdl_optim_size(opt),
             m->theta->size);
  gsl_vector *g = gsl_vector_alloc(m->theta->size);
  if (g == NULL)
    GSL_ERROR("mdl_rnn_model_train_step: out of memory", GSL_ENOMEM);
  double v;
  int status = model_gradient("mdl_rnn_model_train_step", m, loss, batch, X,
                              Y, &v, g);
  if (status == GSL_SUCCESS)
    status = mdl_optim_step(opt, m->theta, g);
  if (status == GSL_SUCCESS)
    *value = v;
  gsl_vector_free(g);
  return status;
}
