#line 695 "chapters/04-rnn.nw"
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
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <mpfr.h>
#include <mdl/numcheck.h>
#include <mdl/optim.h>
#include <mdl/rnn.h>
#include "claims.h"
#line 725 "chapters/04-rnn.nw"
static double gam(double k)
{
  const double u = DBL_EPSILON / 2;
  return k * u / (1 - k * u);
}

static void fill(gsl_matrix *A, gsl_rng *r, double a)
{
  for (size_t i = 0; i < A->size1; i++)
    for (size_t j = 0; j < A->size2; j++)
      gsl_matrix_set(A, i, j, gsl_ran_flat(r, -a, a));
}

static void fillv(gsl_vector *v, gsl_rng *r, double a)
{
  for (size_t i = 0; i < v->size; i++)
    gsl_vector_set(v, i, gsl_ran_flat(r, -a, a));
}

static gsl_rng *new_rng(unsigned long seed)
{
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  return r;
}

static double sig(double z)
{
  return 1 / (1 + exp(-z));
}

enum { MP_BITS = 200 };

static mpfr_t *mp_alloc(size_t n)
{
  mpfr_t *a = malloc(n * sizeof *a);
  for (size_t i = 0; i < n; i++)
    mpfr_init2(a[i], MP_BITS);
  return a;
}

static void mp_free(mpfr_t *a, size_t n)
{
  for (size_t i = 0; i < n; i++)
    mpfr_clear(a[i]);
  free(a);
}
#line 775 "chapters/04-rnn.nw"
#define ERR(id, code, call, untouched_expr, what)                             \
  do {                                                                        \
    claim_expect_error();                                                     \
    int status_ = (call);                                                     \
    CLAIM(.id = (id), .kind = CLAIM_ERROR, .measured = status_,               \
          .reference = (code), .untouched = (untouched_expr),                 \
          .note = (what));                                                    \
  } while (0)

#define SENT -7.125

static int same(const gsl_matrix *m)
{
  return m == NULL || claim_all_equal_matrix(m, SENT);
}
#line 7278 "chapters/04-rnn.nw"
#define GATE_SIG_ERR (5.55 * DBL_EPSILON / 2)
#define GATE_TANH_ERR (6.55 * DBL_EPSILON / 2)
#define LIBM_SIG_ERR (6 * DBL_EPSILON / 2)
#define LIBM_TANH_ERR (4 * DBL_EPSILON / 2)
#line 793 "chapters/04-rnn.nw"
typedef struct {
  mdl_rnn_cell cell;
  size_t n, h, G;
  const double *Wih, *Whh, *bih, *bhh;
} ref_cell;

static ref_cell ref_of(mdl_rnn_cell cell, size_t n, size_t h,
                       const gsl_vector *p)
{
  size_t G = mdl_rnn_gates(cell), Gh = G * h;
  ref_cell c = {cell, n, h, G, p->data, p->data + Gh * n,
                p->data + Gh * (n + h), p->data + Gh * (n + h + 1)};
  return c;
}

static void ref_dot(const ref_cell *c, size_t g, const double *x,
                    const double *hp, double *ai, double *mi, double *ah,
                    double *mh)
{
  double s = c->bih[g], m = fabs(c->bih[g]);
  for (size_t j = 0; j < c->n; j++) {
    s += c->Wih[g * c->n + j] * x[j];
    m += fabs(c->Wih[g * c->n + j] * x[j]);
  }
  *ai = s;
  *mi = m;
  s = c->bhh[g];
  m = fabs(c->bhh[g]);
  for (size_t j = 0; hp != NULL && j < c->h; j++) {
    s += c->Whh[g * c->h + j] * hp[j];
    m += fabs(c->Whh[g * c->h + j] * hp[j]);
  }
  *ah = s;
  *mh = m;
}

static void ref_step(const ref_cell *c, const double *x, const double *hp,
                     const double *cp, double *hy, double *cy, double *eh,
                     double *ec, double *gates)
{
  const size_t h = c->h;
  const double u = DBL_EPSILON / 2, K = (double)(c->n + h + 3);
  const double SIG_BOTH = GATE_SIG_ERR + LIBM_SIG_ERR;
  const double TANH_BOTH = GATE_TANH_ERR + LIBM_TANH_ERR;
  for (size_t j = 0; j < h; j++) {
    double ai[4], mi[4], ah[4], mh[4], a[4], e[4];
    for (size_t g = 0; g < c->G; g++) {
      ref_dot(c, g * h + j, x, hp, &ai[g], &mi[g], &ah[g], &mh[g]);
      a[g] = ai[g] + ah[g];
      e[g] = 2 * gam(K) * (mi[g] + mh[g]);
    }
    double hpj = hp ? hp[j] : 0, cpj = cp ? cp[j] : 0;
    switch (c->cell) {
    case MDL_RNN_ELMAN_TANH:
      hy[j] = tanh(a[0]);
      eh[j] = e[0] + TANH_BOTH * fabs(hy[j]);
      break;
    case MDL_RNN_ELMAN_RELU:
      hy[j] = a[0] > 0 ? a[0] : 0;
      eh[j] = e[0];
      break;
    case MDL_RNN_LSTM: {
      double i = sig(a[0]), f = sig(a[1]), g = tanh(a[2]), o = sig(a[3]);
      double di = e[0] / 4 + SIG_BOTH * i, df = e[1] / 4 + SIG_BOTH * f;
      double dg = e[2] + TANH_BOTH * fabs(g), dO = e[3] / 4 + SIG_BOTH * o;
      double cc = f * cpj + i * g;
      double dc = df * fabs(cpj) + di * fabs(g) + (i + di) * dg +
                  2 * gam(2) * (fabs(f * cpj) + fabs(i * g));
      double tc = tanh(cc);
      hy[j] = o * tc;
      cy[j] = cc;
      ec[j] = dc;
      eh[j] = dO * fabs(tc) + (o + dO) * (dc + TANH_BOTH * fabs(tc)) +
              2 * u * fabs(hy[j]);
      if (gates) {
        gates[j] = f;
        gates[h + j] = df;
      }
      break;
    }
    case MDL_RNN_GRU: {
      double r = sig(a[0]), z = sig(a[1]);
      double dr = e[0] / 4 + SIG_BOTH * r, dz = e[1] / 4 + SIG_BOTH * z;
      double gin = 2 * gam(K) * mi[2], ghn = 2 * gam(K) * mh[2];
      double an = ai[2] + r * ah[2];
      double dan = gin + dr * fabs(ah[2]) + (r + dr) * ghn +
                   2 * gam(2) * (fabs(ai[2]) + fabs(r * ah[2]));
      double nn = tanh(an), dn = dan + TANH_BOTH * fabs(nn);
      hy[j] = (1 - z) * nn + z * hpj;
      eh[j] = dz * fabs(hpj - nn) + 2 * dz * dn + (1 - z) * dn +
              2 * gam(3) * (fabs(nn) + z * fabs(nn) + z * fabs(hpj));
      break;
    }
    }
  }
}
#line 896 "chapters/04-rnn.nw"
typedef struct {
  mdl_rnn_cell cell;
  size_t n, h, B, T;
  gsl_vector *p;
  gsl_matrix *X, *H0, *C0;
} cell_case;

static cell_case cell_case_alloc(mdl_rnn_cell cell, size_t n, size_t h,
                                 size_t B, size_t T, int states, gsl_rng *r,
                                 double scale)
{
  cell_case c = {cell, n, h, B, T, gsl_vector_alloc(mdl_rnn_nparams(cell, n, h)),
                 gsl_matrix_alloc(T * B, n), NULL, NULL};
  fillv(c.p, r, scale);
  fill(c.X, r, 2);
  if (states) {
    c.H0 = gsl_matrix_alloc(B, h);
    fill(c.H0, r, 1);
    if (cell == MDL_RNN_LSTM) {
      c.C0 = gsl_matrix_alloc(B, h);
      fill(c.C0, r, 1.5);
    }
  }
  return c;
}

static void cell_case_free(cell_case *c)
{
  gsl_vector_free(c->p);
  gsl_matrix_free(c->X);
  gsl_matrix_free(c->H0);
  gsl_matrix_free(c->C0);
}

static double step_ratio(const cell_case *c, const gsl_matrix *H,
                         const gsl_matrix *C)
{
  ref_cell rc = ref_of(c->cell, c->n, c->h, c->p);
  double hy[16], cy[16], eh[16], ec[16], worst = 0;
  for (size_t t = 0; t < c->T; t++)
    for (size_t b = 0; b < c->B; b++) {
      size_t row = t * c->B + b;
      const double *hp = t > 0 ? gsl_matrix_const_ptr(H, row - c->B, 0)
                         : c->H0 ? gsl_matrix_const_ptr(c->H0, b, 0) : NULL;
      const double *cp = NULL;
      if (c->cell == MDL_RNN_LSTM)
        cp = t > 0 ? gsl_matrix_const_ptr(C, row - c->B, 0)
             : c->C0 ? gsl_matrix_const_ptr(c->C0, b, 0) : NULL;
      ref_step(&rc, gsl_matrix_const_ptr(c->X, row, 0), hp, cp, hy, cy, eh,
               ec, NULL);
      for (size_t j = 0; j < c->h; j++) {
        double d = fabs(gsl_matrix_get(H, row, j) - hy[j]);
        if (d > 0)
          worst = claim_fmax(worst, d / eh[j]);
        if (c->cell == MDL_RNN_LSTM) {
          d = fabs(gsl_matrix_get(C, row, j) - cy[j]);
          if (d > 0)
            worst = claim_fmax(worst, d / ec[j]);
        }
      }
    }
  return worst;
}

#line 985 "chapters/04-rnn.nw"
static const mdl_rnn_cell all_cells[4] = {MDL_RNN_ELMAN_TANH,
                                          MDL_RNN_ELMAN_RELU, MDL_RNN_LSTM,
                                          MDL_RNN_GRU};
static const char *const cell_names[4] = {"Elman tanh", "Elman ReLU", "LSTM",
                                          "GRU"};

static void test_cell_equations(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4100);
  gsl_rng *r = new_rng(seed);
  for (int k = 0; k < 4; k++) {
    double worst = 0;
    for (int rep = 0; rep < 10; rep++) {
      cell_case c = cell_case_alloc(all_cells[k], 3, 4, 3, 5, rep % 2, r, 1);
      gsl_matrix *H = gsl_matrix_alloc(15, 4), *C = gsl_matrix_alloc(15, 4);
      mdl_rnn_forward_cells(c.cell, 3, 4, 3, c.p, c.X, c.H0, c.C0, H,
                            c.cell == MDL_RNN_LSTM ? C : NULL);
      worst = claim_fmax(worst, step_ratio(&c, H, C));
      gsl_matrix_free(H);
      gsl_matrix_free(C);
      cell_case_free(&c);
    }
    char note[160];
    snprintf(note, sizeof note, "%s: largest |library - loops| over its"
             " rounding bound, one step from the library's state, 10 runs",
             cell_names[k]);
    CLAIM(.id = "rnn.cell-equations", .kind = CLAIM_BOUND,
          .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
          .tolerance = 0, .samples = 10, .seed = seed, .note = note);
  }
  gsl_rng_free(r);
}
#line 1031 "chapters/04-rnn.nw"
static void gru_cho(const ref_cell *c, const double *x, const double *hp,
                    double *hy)
{
  const size_t h = c->h;
  for (size_t j = 0; j < h; j++) {
    double ai[3], mi[3], ah[3], mh[3];
    for (size_t g = 0; g < 2; g++)
      ref_dot(c, g * h + j, x, hp, &ai[g], &mi[g], &ah[g], &mh[g]);
    ref_dot(c, 2 * h + j, x, NULL, &ai[2], &mi[2], &ah[2], &mh[2]);
    double r_j[16], s = ai[2];
    for (size_t k = 0; k < h; k++) {
      double ak[3], mk[3], bk[3], nk[3];
      ref_dot(c, k, x, hp, &ak[0], &mk[0], &bk[0], &nk[0]);
      r_j[k] = sig(ak[0] + bk[0]);
      s += c->Whh[(2 * h + j) * h + k] * r_j[k] * hp[k];
    }
    double z = sig(ai[1] + ah[1]), n = tanh(s);
    hy[j] = (1 - z) * n + z * hp[j];
  }
}

static void test_gru_variant(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4103);
  gsl_rng *r = new_rng(seed);
  double least = HUGE_VAL;
  for (int rep = 0; rep < 10; rep++) {
    cell_case c = cell_case_alloc(MDL_RNN_GRU, 3, 4, 3, 1, 1, r, 1);
    gsl_matrix *H = gsl_matrix_alloc(3, 4);
    mdl_rnn_forward(MDL_RNN_GRU, 3, 4, 3, c.p, c.X, c.H0, NULL, H);
    ref_cell rc = ref_of(MDL_RNN_GRU, 3, 4, c.p);
    double worst = 0;
    for (size_t b = 0; b < 3; b++) {
      double hy[4], ho[4], cy[4], eh[4], ec[4];
      ref_step(&rc, gsl_matrix_const_ptr(c.X, b, 0),
               gsl_matrix_const_ptr(c.H0, b, 0), NULL, hy, cy, eh, ec, NULL);
      gru_cho(&rc, gsl_matrix_const_ptr(c.X, b, 0),
              gsl_matrix_const_ptr(c.H0, b, 0), ho);
      for (size_t j = 0; j < 4; j++)
        worst = claim_fmax(worst, fabs(gsl_matrix_get(H, b, j) - ho[j]) / eh[j]);
    }
    least = fmin(least, worst);
    gsl_matrix_free(H);
    cell_case_free(&c);
  }
  CLAIM(.id = "rnn.gru-variant", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = least, .reference = 1e6,
        .tolerance = 0, .samples = 10, .seed = seed,
        .note = "Cho et al.'s GRU (reset before W_hn): smallest largest"
                " |library - it| over the library's rounding bound");
  gsl_rng_free(r);
}
#line 1101 "chapters/04-rnn.nw"
static void test_unroll(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4101);
  gsl_rng *r = new_rng(seed);
  for (int k = 0; k < 4; k++) {
    double worst = 0;
    for (int rep = 0; rep < 6; rep++) {
      const size_t n = 3, h = 4, B = 2, T = 6;
      cell_case c = cell_case_alloc(all_cells[k], n, h, B, T, rep % 2, r, 1);
      int lstm = c.cell == MDL_RNN_LSTM;
      gsl_matrix *H = gsl_matrix_alloc(T * B, h), *C = gsl_matrix_alloc(T * B, h);
      gsl_matrix *Hs = gsl_matrix_alloc(T * B, h), *Cs = gsl_matrix_alloc(T * B, h);
      mdl_rnn_forward_cells(c.cell, n, h, B, c.p, c.X, c.H0, c.C0, H,
                            lstm ? C : NULL);
      for (size_t t = 0; t < T; t++) {
        gsl_matrix_const_view x = gsl_matrix_const_submatrix(c.X, t * B, 0, B, n);
        gsl_matrix_const_view hp = gsl_matrix_const_submatrix(H, (t ? t - 1 : 0) * B, 0, B, h);
        gsl_matrix_const_view cp = gsl_matrix_const_submatrix(C, (t ? t - 1 : 0) * B, 0, B, h);
        gsl_matrix_view ho = gsl_matrix_submatrix(Hs, t * B, 0, B, h);
        gsl_matrix_view co = gsl_matrix_submatrix(Cs, t * B, 0, B, h);
        mdl_rnn_forward_cells(c.cell, n, h, B, c.p, &x.matrix,
                              t ? &hp.matrix : c.H0,
                              lstm ? (t ? &cp.matrix : c.C0) : NULL,
                              &ho.matrix, lstm ? &co.matrix : NULL);
      }
      ref_cell rc = ref_of(c.cell, n, h, c.p);
      double hy[4], cy[4], eh[4], ec[4];
      for (size_t row = 0; row < T * B; row++) {
        size_t t = row / B, b = row % B;
        const double *hp = t ? gsl_matrix_const_ptr(H, row - B, 0)
                           : c.H0 ? gsl_matrix_const_ptr(c.H0, b, 0) : NULL;
        const double *cp = !lstm ? NULL
                           : t ? gsl_matrix_const_ptr(C, row - B, 0)
                           : c.C0 ? gsl_matrix_const_ptr(c.C0, b, 0) : NULL;
        ref_step(&rc, gsl_matrix_const_ptr(c.X, row, 0), hp, cp, hy, cy, eh,
                 ec, NULL);
        for (size_t j = 0; j < h; j++) {
          double d = fabs(gsl_matrix_get(H, row, j) - gsl_matrix_get(Hs, row, j));
          if (d > 0)
            worst = claim_fmax(worst, d / eh[j]);
          if (lstm) {
            d = fabs(gsl_matrix_get(C, row, j) - gsl_matrix_get(Cs, row, j));
            if (d > 0)
              worst = claim_fmax(worst, d / ec[j]);
          }
        }
      }
      gsl_matrix_free(H);
      gsl_matrix_free(C);
      gsl_matrix_free(Hs);
      gsl_matrix_free(Cs);
      cell_case_free(&c);
    }
    char note[160];
    snprintf(note, sizeof note, "%s: largest |T-step run - T one-step runs|"
             " over the rounding bound of one step, T = 6", cell_names[k]);
    CLAIM(.id = "rnn.unroll", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
          .measured = worst, .reference = 1, .tolerance = 0, .samples = 6,
          .seed = seed, .note = note);
  }
  gsl_rng_free(r);
}
#line 1600 "chapters/04-rnn.nw"
typedef struct {
  double v, e;
} ev;

static ev ev_c(double v)
{
  return (ev){v, 0};
}

static ev ev_add(ev a, ev b)
{
  double v = a.v + b.v;
  return (ev){v, a.e + b.e + DBL_EPSILON / 2 * fabs(v)};
}

static ev ev_sub(ev a, ev b)
{
  double v = a.v - b.v;
  return (ev){v, a.e + b.e + DBL_EPSILON / 2 * fabs(v)};
}

static ev ev_mul(ev a, ev b)
{
  double v = a.v * b.v;
  return (ev){v, fabs(b.v) * a.e + fabs(a.v) * b.e + DBL_EPSILON / 2 * fabs(v)};
}

static ev ev_tanh(ev a)
{
  double v = tanh(a.v);
  return (ev){v, (1 - v * v) * a.e + GATE_TANH_ERR * fabs(v)};
}

static ev ev_sigm(ev a)
{
  double v = sig(a.v);
  return (ev){v, v * (1 - v) * a.e + GATE_SIG_ERR * v};
}

/* the input part x.W_ih[k] + b_ih[k] and the recurrent part
   hp.W_hh[k] + b_hh[k] of row k of the gates, with the rounding of each
   bounded by gamma_cin, gamma_crec times the sum of absolute values */
static void ev_pre(const ref_cell *rc, size_t k, const double *x, const ev *hp,
                   double cin, double crec, ev *zi, ev *zh)
{
  double s = rc->bih[k], m = fabs(rc->bih[k]);
  for (size_t j = 0; j < rc->n; j++) {
    s += rc->Wih[k * rc->n + j] * x[j];
    m += fabs(rc->Wih[k * rc->n + j] * x[j]);
  }
  *zi = (ev){s, gam(cin) * m};
  s = rc->bhh[k];
  m = fabs(rc->bhh[k]);
  double e = 0;
  for (size_t j = 0; hp != NULL && j < rc->h; j++) {
    s += rc->Whh[k * rc->h + j] * hp[j].v;
    m += fabs(rc->Whh[k * rc->h + j] * hp[j].v);
    e += fabs(rc->Whh[k * rc->h + j]) * hp[j].e;
  }
  *zh = (ev){s, gam(crec) * m + e};
}

/* sum of a column of products g[row][k] y[row][m] over rows, with bound */
static double ev_colsum(const ev *g, size_t ldg, size_t k, const ev *y,
                        size_t ldy, size_t m, size_t rows, double count)
{
  double mag = 0, prop = 0;
  for (size_t r = 0; r < rows; r++) {
    ev a = g[r * ldg + k], b = y ? y[r * ldy + m] : ev_c(1);
    mag += fabs(a.v * b.v);
    prop += a.e * fabs(b.v) + fabs(a.v) * b.e;
  }
  return gam(count) * mag + prop;
}

/* the first-order bound of the prose on the rounding of mdl_rnn_backward
   with the upstream gradient dH (values and bounds), for the entries of
   (dparams, dX, dH0, dC0) in the order of bptt_case; the states with their
   bounds go to Hout if it is not NULL */
static void bptt_bound(const cell_case *c, const ev *dH, double *bound,
                       ev *Hout)
{
  const size_t n = c->n, h = c->h, B = c->B, T = c->T, TB = T * B;
  const size_t Gh = mdl_rnn_gates(c->cell) * h;
  const mdl_rnn_cell cell = c->cell;
  const double K = (double)(n + h + 3);
  ref_cell rc = ref_of(cell, n, h, c->p);
  ev *A = calloc(TB * Gh, sizeof *A), *H = calloc(TB * h, sizeof *H);
  ev *C = calloc(TB * h, sizeof *C), *RN = calloc(TB * h, sizeof *RN);
  ev *gi = calloc(TB * Gh, sizeof *gi), *gr = calloc(TB * Gh, sizeof *gr);
  ev *X = calloc(TB * n, sizeof *X), *H0 = calloc(B * h, sizeof *H0);
  ev *C0 = calloc(B * h, sizeof *C0), *dhn = calloc(B * h, sizeof *dhn);
  ev *nxt = calloc(B * h, sizeof *nxt), *dc = calloc(B * h, sizeof *dc);
  for (size_t i = 0; i < TB * n; i++)
    X[i] = ev_c(c->X->data[(i / n) * c->X->tda + i % n]);
  for (size_t i = 0; i < B * h; i++) {
    H0[i] = ev_c(c->H0 ? gsl_matrix_get(c->H0, i / h, i % h) : 0);
    C0[i] = ev_c(c->C0 ? gsl_matrix_get(c->C0, i / h, i % h) : 0);
  }
  for (size_t t = 0; t < T; t++)
    for (size_t b = 0; b < B; b++) {
      size_t row = t * B + b;
      const ev *hp = t > 0 ? H + (row - B) * h : c->H0 ? H0 + b * h : NULL;
      const ev *cp = t > 0 ? C + (row - B) * h : C0 + b * h;
      const double *x = c->X->data + row * c->X->tda;
      ev *a = A + row * Gh;
      for (size_t j = 0; j < h; j++) {
        ev zi[4], zh[4], z[4];
        for (size_t g = 0; g * h < Gh; g++) {
          int gru_n = cell == MDL_RNN_GRU && g == 2;
          ev_pre(&rc, g * h + j, x, hp, gru_n ? (double)n + 1 : K,
                 gru_n ? (double)h + 1 : K, &zi[g], &zh[g]);
          z[g] = (ev){zi[g].v + zh[g].v, zi[g].e + zh[g].e};
        }
        switch (cell) {
        case MDL_RNN_ELMAN_TANH:
          H[row * h + j] = a[j] = ev_tanh(z[0]);
          break;
        case MDL_RNN_ELMAN_RELU:
          H[row * h + j] = a[j] = z[0].v > 0 ? z[0] : ev_c(0);
          break;
        case MDL_RNN_LSTM: {
          ev i = ev_sigm(z[0]), f = ev_sigm(z[1]), g = ev_tanh(z[2]);
          ev o = ev_sigm(z[3]);
          ev cc = ev_add(ev_mul(f, cp[j]), ev_mul(i, g));
          a[j] = i;
          a[h + j] = f;
          a[2 * h + j] = g;
          a[3 * h + j] = o;
          C[row * h + j] = cc;
          H[row * h + j] = ev_mul(o, ev_tanh(cc));
          break;
        }
        case MDL_RNN_GRU: {
          ev r = ev_sigm(z[0]), zz = ev_sigm(z[1]);
          ev nn = ev_tanh(ev_add(zi[2], ev_mul(r, zh[2])));
          ev hpj = hp ? hp[j] : ev_c(0);
          a[j] = r;
          a[h + j] = zz;
          a[2 * h + j] = nn;
          RN[row * h + j] = zh[2];
          H[row * h + j] = ev_add(nn, ev_mul(zz, ev_sub(hpj, nn)));
          break;
        }
        }
      }
    }
  for (size_t t = T; t-- > 0;) {
    for (size_t b = 0; b < B; b++) {
      size_t row = t * B + b;
      const ev *a = A + row * Gh;
      ev *g = gi + row * Gh, *q = gr + row * Gh;
      for (size_t j = 0; j < h; j++) {
        ev dh = ev_add(dH[row * h + j], dhn[b * h + j]);
        switch (cell) {
        case MDL_RNN_ELMAN_TANH:
          q[j] = g[j] = ev_mul(dh, ev_sub(ev_c(1), ev_mul(a[j], a[j])));
          break;
        case MDL_RNN_ELMAN_RELU:
          q[j] = g[j] = a[j].v > 0 ? dh : ev_c(0);
          break;
        case MDL_RNN_LSTM: {
          ev i = a[j], f = a[h + j], gg = a[2 * h + j], o = a[3 * h + j];
          ev cpj = t > 0 ? C[(row - B) * h + j] : C0[b * h + j];
          int has_cp = t > 0 || c->C0 != NULL;
          ev tc = ev_tanh(C[row * h + j]);
          ev dcj = ev_add(dc[b * h + j],
                          ev_mul(ev_mul(dh, o),
                                 ev_sub(ev_c(1), ev_mul(tc, tc))));
          g[j] = ev_mul(ev_mul(ev_mul(dcj, gg), i), ev_sub(ev_c(1), i));
          g[h + j] = has_cp ? ev_mul(ev_mul(ev_mul(dcj, cpj), f),
                                     ev_sub(ev_c(1), f))
                            : ev_c(0);
          g[2 * h + j] = ev_mul(ev_mul(dcj, i),
                                ev_sub(ev_c(1), ev_mul(gg, gg)));
          g[3 * h + j] = ev_mul(ev_mul(ev_mul(dh, tc), o), ev_sub(ev_c(1), o));
          for (size_t k = 0; k < 4; k++)
            q[k * h + j] = g[k * h + j];
          dc[b * h + j] = ev_mul(dcj, f);
          break;
        }
        case MDL_RNN_GRU: {
          ev r = a[j], z = a[h + j], nn = a[2 * h + j];
          ev hpj = t > 0 ? H[(row - B) * h + j] : H0[b * h + j];
          ev dan = ev_mul(ev_mul(dh, ev_sub(ev_c(1), z)),
                          ev_sub(ev_c(1), ev_mul(nn, nn)));
          ev dar = ev_mul(ev_mul(ev_mul(dan, RN[row * h + j]), r),
                          ev_sub(ev_c(1), r));
          ev daz = ev_mul(ev_mul(ev_mul(dh, ev_sub(hpj, nn)), z),
                          ev_sub(ev_c(1), z));
          g[j] = q[j] = dar;
          g[h + j] = q[h + j] = daz;
          g[2 * h + j] = dan;
          q[2 * h + j] = ev_mul(dan, r);
          nxt[b * h + j] = ev_mul(dh, z);
          break;
        }
        }
      }
    }
    for (size_t b = 0; b < B; b++)
      for (size_t j = 0; j < h; j++) {
        const ev *q = gr + (t * B + b) * Gh;
        double s = 0, mag = 0, prop = 0;
        for (size_t k = 0; k < Gh; k++) {
          double w = rc.Whh[k * h + j];
          s += q[k].v * w;
          mag += fabs(q[k].v * w);
          prop += q[k].e * fabs(w);
        }
        ev add = cell == MDL_RNN_GRU ? nxt[b * h + j] : ev_c(0);
        double cnt = cell == MDL_RNN_GRU ? (double)Gh + 1 : (double)Gh;
        nxt[b * h + j] = (ev){s + add.v, gam(cnt) * (mag + fabs(add.v)) +
                                             prop + add.e};
      }
    memcpy(dhn, nxt, B * h * sizeof *dhn);
  }
  size_t o = 0;
  for (size_t k = 0; k < Gh; k++)
    for (size_t m = 0; m < n; m++)
      bound[o++] = ev_colsum(gi, Gh, k, X, n, m, TB, (double)TB);
  for (size_t k = 0; k < Gh; k++)
    for (size_t j = 0; j < h; j++) {
      double e = T > 1 ? ev_colsum(gr + B * Gh, Gh, k, H, h, j, (T - 1) * B,
                                   (double)TB + 1)
                       : 0;
      if (c->H0)
        e += ev_colsum(gr, Gh, k, H0, h, j, B, (double)TB + 1);
      bound[o++] = e;
    }
  for (size_t k = 0; k < Gh; k++)
    bound[o++] = ev_colsum(gi, Gh, k, NULL, 0, 0, TB, (double)TB);
  for (size_t k = 0; k < Gh; k++)
    bound[o++] = ev_colsum(gr, Gh, k, NULL, 0, 0, TB, (double)TB);
  for (size_t row = 0; row < TB; row++)
    for (size_t m = 0; m < n; m++) {
      double mag = 0, prop = 0;
      for (size_t k = 0; k < Gh; k++) {
        mag += fabs(gi[row * Gh + k].v * rc.Wih[k * n + m]);
        prop += gi[row * Gh + k].e * fabs(rc.Wih[k * n + m]);
      }
      bound[o++] = gam((double)Gh) * mag + prop;
    }
  for (size_t i = 0; c->H0 && i < B * h; i++)
    bound[o++] = dhn[i].e;
  for (size_t i = 0; c->C0 && i < B * h; i++)
    bound[o++] = dc[i].e;
  if (Hout != NULL)
    memcpy(Hout, H, TB * h * sizeof *H);
  ev *all[12] = {A, H, C, RN, gi, gr, X, H0, C0, dhn, nxt, dc};
  for (int k = 0; k < 12; k++)
    free(all[k]);
}

static void mp_sigm(mpfr_t y, const mpfr_t z)
{
  mpfr_neg(y, z, MPFR_RNDN);
  mpfr_exp(y, y, MPFR_RNDN);
  mpfr_add_ui(y, y, 1, MPFR_RNDN);
  mpfr_ui_div(y, 1, y, MPFR_RNDN);
}

/* y = w * (1 - w) * x (logistic) or (1 - w^2) * x (tanh) */
static void mp_dact(mpfr_t y, const mpfr_t w, const mpfr_t x, int logistic,
                    mpfr_t tmp)
{
  if (logistic) {
    mpfr_ui_sub(tmp, 1, w, MPFR_RNDN);
    mpfr_mul(tmp, tmp, w, MPFR_RNDN);
  } else {
    mpfr_sqr(tmp, w, MPFR_RNDN);
    mpfr_ui_sub(tmp, 1, tmp, MPFR_RNDN);
  }
  mpfr_mul(y, tmp, x, MPFR_RNDN);
}

/* the upstream gradient dH (TB x h, MPFR) of a loss, from the states H */
typedef void bptt_upstream(const cell_case *c, mpfr_t *H, mpfr_t *dH,
                           void *arg);

static void upstream_given(const cell_case *c, mpfr_t *H, mpfr_t *dH,
                           void *arg)
{
  const gsl_matrix *G = arg;
  (void)H;
  for (size_t i = 0; i < c->T * c->B * c->h; i++)
    mpfr_set_d(dH[i], gsl_matrix_get(G, i / c->h, i % c->h), MPFR_RNDN);
}

/* forward-mode gradient of a loss with upstream gradient up(H) with respect
   to (params, X, H0, C0), in the order of bptt_case, rounded to double */
static void bptt_reference(const cell_case *c, bptt_upstream *up, void *arg,
                           double *g)
{
  const size_t n = c->n, h = c->h, B = c->B, T = c->T, TB = T * B;
  const size_t Gh = mdl_rnn_gates(c->cell) * h;
  const mdl_rnn_cell cell = c->cell;
  ref_cell rc = ref_of(cell, n, h, c->p);
  const size_t np = c->p->size, nz = np + TB * n + (c->H0 ? B * h : 0) +
                                     (c->C0 ? B * h : 0);
  /* primal: gates (or h for Elman) A, states H, C, the GRU's W_hn h + b_hn
     in RN, tanh(c) in TC, pre-activations Z (input part ZI for the GRU) */
  mpfr_t *A = mp_alloc(TB * Gh), *H = mp_alloc(TB * h), *C = mp_alloc(TB * h);
  mpfr_t *RN = mp_alloc(TB * h), *TC = mp_alloc(TB * h);
  mpfr_t *Z = mp_alloc(Gh), *ZH = mp_alloc(Gh);
  mpfr_t *dA = mp_alloc(Gh), *dHs = mp_alloc(TB * h), *dCs = mp_alloc(TB * h);
  mpfr_t *dH0 = mp_alloc(B * h), *dC0 = mp_alloc(B * h), *dZH = mp_alloc(Gh);
  mpfr_t *dH = mp_alloc(TB * h);
  mpfr_t t1, t2, t3, acc;
  mpfr_inits2(MP_BITS, t1, t2, t3, acc, (mpfr_ptr)0);
  for (size_t t = 0; t < T; t++)
    for (size_t b = 0; b < B; b++) {
      size_t row = t * B + b;
      const double *x = c->X->data + row * c->X->tda;
      for (size_t k = 0; k < Gh; k++) {
        mpfr_set_d(Z[k], rc.bih[k], MPFR_RNDN);
        for (size_t m = 0; m < n; m++) {
          mpfr_set_d(t1, rc.Wih[k * n + m], MPFR_RNDN);
          mpfr_mul_d(t1, t1, x[m], MPFR_RNDN);
          mpfr_add(Z[k], Z[k], t1, MPFR_RNDN);
        }
        mpfr_set_d(ZH[k], rc.bhh[k], MPFR_RNDN);
        for (size_t j = 0; j < h; j++) {
          if (t > 0) {
            mpfr_mul_d(t1, H[(row - B) * h + j], rc.Whh[k * h + j], MPFR_RNDN);
          } else {
            mpfr_set_d(t1, c->H0 ? gsl_matrix_get(c->H0, b, j) : 0, MPFR_RNDN);
            mpfr_mul_d(t1, t1, rc.Whh[k * h + j], MPFR_RNDN);
          }
          mpfr_add(ZH[k], ZH[k], t1, MPFR_RNDN);
        }
        if (cell != MDL_RNN_GRU || k < 2 * h)
          mpfr_add(Z[k], Z[k], ZH[k], MPFR_RNDN);
      }
      for (size_t j = 0; j < h; j++) {
        mpfr_t *a = A + row * Gh;
        switch (cell) {
        case MDL_RNN_ELMAN_TANH:
          mpfr_tanh(a[j], Z[j], MPFR_RNDN);
          mpfr_set(H[row * h + j], a[j], MPFR_RNDN);
          break;
        case MDL_RNN_ELMAN_RELU:
          if (mpfr_sgn(Z[j]) > 0)
            mpfr_set(a[j], Z[j], MPFR_RNDN);
          else
            mpfr_set_zero(a[j], 1);
          mpfr_set(H[row * h + j], a[j], MPFR_RNDN);
          break;
        case MDL_RNN_LSTM:
          mp_sigm(a[j], Z[j]);
          mp_sigm(a[h + j], Z[h + j]);
          mpfr_tanh(a[2 * h + j], Z[2 * h + j], MPFR_RNDN);
          mp_sigm(a[3 * h + j], Z[3 * h + j]);
          if (t > 0)
            mpfr_mul(t1, a[h + j], C[(row - B) * h + j], MPFR_RNDN);
          else
            mpfr_mul_d(t1, a[h + j], c->C0 ? gsl_matrix_get(c->C0, b, j) : 0,
                       MPFR_RNDN);
          mpfr_mul(t2, a[j], a[2 * h + j], MPFR_RNDN);
          mpfr_add(C[row * h + j], t1, t2, MPFR_RNDN);
          mpfr_tanh(TC[row * h + j], C[row * h + j], MPFR_RNDN);
          mpfr_mul(H[row * h + j], a[3 * h + j], TC[row * h + j], MPFR_RNDN);
          break;
        case MDL_RNN_GRU:
          mp_sigm(a[j], Z[j]);
          mp_sigm(a[h + j], Z[h + j]);
          mpfr_set(RN[row * h + j], ZH[2 * h + j], MPFR_RNDN);
          mpfr_mul(t1, a[j], ZH[2 * h + j], MPFR_RNDN);
          mpfr_add(t1, t1, Z[2 * h + j], MPFR_RNDN);
          mpfr_tanh(a[2 * h + j], t1, MPFR_RNDN);
          /* h = n + z (hp - n) */
          if (t > 0)
            mpfr_set(t2, H[(row - B) * h + j], MPFR_RNDN);
          else
            mpfr_set_d(t2, c->H0 ? gsl_matrix_get(c->H0, b, j) : 0, MPFR_RNDN);
          mpfr_sub(t2, t2, a[2 * h + j], MPFR_RNDN);
          mpfr_mul(t2, t2, a[h + j], MPFR_RNDN);
          mpfr_add(H[row * h + j], a[2 * h + j], t2, MPFR_RNDN);
          break;
        }
      }
    }
  up(c, H, dH, arg);
  /* tangents, one coordinate at a time */
  for (size_t q = 0; q < nz; q++) {
    for (size_t i = 0; i < B * h; i++) {
      mpfr_set_zero(dH0[i], 1);
      mpfr_set_zero(dC0[i], 1);
    }
    size_t o = np + TB * n;
    if (c->H0 && q >= o && q < o + B * h)
      mpfr_set_ui(dH0[q - o], 1, MPFR_RNDN);
    o += c->H0 ? B * h : 0;
    if (c->C0 && q >= o && q < o + B * h)
      mpfr_set_ui(dC0[q - o], 1, MPFR_RNDN);
    mpfr_set_zero(acc, 1);
    for (size_t t = 0; t < T; t++)
      for (size_t b = 0; b < B; b++) {
        size_t row = t * B + b;
        const double *x = c->X->data + row * c->X->tda;
        mpfr_t *dhp = t > 0 ? dHs + (row - B) * h : dH0 + b * h;
        mpfr_t *dcp = t > 0 ? dCs + (row - B) * h : dC0 + b * h;
        for (size_t k = 0; k < Gh; k++) {
          /* input side: seeds of W_ih, b_ih and X */
          mpfr_set_zero(dA[k], 1);
          if (q < Gh * n && q / n == k)
            mpfr_set_d(dA[k], x[q % n], MPFR_RNDN);
          if (q == Gh * (n + h) + k)
            mpfr_set_ui(dA[k], 1, MPFR_RNDN);
          if (q >= np && q < np + TB * n && (q - np) / n == row)
            mpfr_set_d(dA[k], rc.Wih[k * n + (q - np) % n], MPFR_RNDN);
          /* recurrent side: seeds of W_hh, b_hh, and W_hh dh_prev */
          mpfr_set_zero(dZH[k], 1);
          if (q >= Gh * n && q < Gh * (n + h) && (q - Gh * n) / h == k) {
            size_t j = (q - Gh * n) % h;
            if (t > 0)
              mpfr_set(dZH[k], H[(row - B) * h + j], MPFR_RNDN);
            else
              mpfr_set_d(dZH[k], c->H0 ? gsl_matrix_get(c->H0, b, j) : 0,
                         MPFR_RNDN);
          }
          if (q == Gh * (n + h + 1) + k)
            mpfr_add_ui(dZH[k], dZH[k], 1, MPFR_RNDN);
          for (size_t j = 0; j < h; j++) {
            mpfr_mul_d(t1, dhp[j], rc.Whh[k * h + j], MPFR_RNDN);
            mpfr_add(dZH[k], dZH[k], t1, MPFR_RNDN);
          }
          if (cell != MDL_RNN_GRU || k < 2 * h)
            mpfr_add(dA[k], dA[k], dZH[k], MPFR_RNDN);
        }
        mpfr_t *a = A + row * Gh;
        for (size_t j = 0; j < h; j++) {
          mpfr_t *dh = &dHs[row * h + j];
          switch (cell) {
          case MDL_RNN_ELMAN_TANH:
            mp_dact(*dh, a[j], dA[j], 0, t1);
            break;
          case MDL_RNN_ELMAN_RELU:
            if (mpfr_sgn(a[j]) > 0)
              mpfr_set(*dh, dA[j], MPFR_RNDN);
            else
              mpfr_set_zero(*dh, 1);
            break;
          case MDL_RNN_LSTM: {
            /* dc = df c_prev + f dc_prev + di g + i dg */
            mpfr_t *dc = &dCs[row * h + j];
            mp_dact(t2, a[h + j], dA[h + j], 1, t1);
            if (t > 0)
              mpfr_mul(t2, t2, C[(row - B) * h + j], MPFR_RNDN);
            else
              mpfr_mul_d(t2, t2, c->C0 ? gsl_matrix_get(c->C0, b, j) : 0,
                         MPFR_RNDN);
            mpfr_mul(t3, a[h + j], dcp[j], MPFR_RNDN);
            mpfr_add(*dc, t2, t3, MPFR_RNDN);
            mp_dact(t2, a[j], dA[j], 1, t1);
            mpfr_mul(t2, t2, a[2 * h + j], MPFR_RNDN);
            mpfr_add(*dc, *dc, t2, MPFR_RNDN);
            mp_dact(t2, a[2 * h + j], dA[2 * h + j], 0, t1);
            mpfr_mul(t2, t2, a[j], MPFR_RNDN);
            mpfr_add(*dc, *dc, t2, MPFR_RNDN);
            /* dh = do tanh(c) + o (1 - tanh^2 c) dc */
            mp_dact(t2, a[3 * h + j], dA[3 * h + j], 1, t1);
            mpfr_mul(t2, t2, TC[row * h + j], MPFR_RNDN);
            mp_dact(t3, TC[row * h + j], *dc, 0, t1);
            mpfr_mul(t3, t3, a[3 * h + j], MPFR_RNDN);
            mpfr_add(*dh, t2, t3, MPFR_RNDN);
            break;
          }
          case MDL_RNN_GRU: {
            /* dn = (1 - n^2)(da_n + dr rn + r drn); dh = dn + dz (hp - n)
               + z (dhp - dn) */
            mp_dact(t2, a[j], dA[j], 1, t1);
            mpfr_mul(t2, t2, RN[row * h + j], MPFR_RNDN);
            mpfr_mul(t3, a[j], dZH[2 * h + j], MPFR_RNDN);
            mpfr_add(t2, t2, t3, MPFR_RNDN);
            mpfr_add(t2, t2, dA[2 * h + j], MPFR_RNDN);
            mp_dact(t3, a[2 * h + j], t2, 0, t1);
            if (t > 0)
              mpfr_set(t2, H[(row - B) * h + j], MPFR_RNDN);
            else
              mpfr_set_d(t2, c->H0 ? gsl_matrix_get(c->H0, b, j) : 0,
                         MPFR_RNDN);
            mpfr_sub(t2, t2, a[2 * h + j], MPFR_RNDN);
            mp_dact(t1, a[h + j], dA[h + j], 1, *dh);
            mpfr_mul(t2, t2, t1, MPFR_RNDN);
            mpfr_sub(t1, dhp[j], t3, MPFR_RNDN);
            mpfr_mul(t1, t1, a[h + j], MPFR_RNDN);
            mpfr_add(t1, t1, t2, MPFR_RNDN);
            mpfr_add(*dh, t1, t3, MPFR_RNDN);
            break;
          }
          }
          mpfr_mul(t1, *dh, dH[row * h + j], MPFR_RNDN);
          mpfr_add(acc, acc, t1, MPFR_RNDN);
        }
      }
    g[q] = mpfr_get_d(acc, MPFR_RNDN);
  }
  mp_free(A, TB * Gh);
  mp_free(H, TB * h);
  mp_free(C, TB * h);
  mp_free(RN, TB * h);
  mp_free(TC, TB * h);
  mp_free(Z, Gh);
  mp_free(ZH, Gh);
  mp_free(dA, Gh);
  mp_free(dHs, TB * h);
  mp_free(dCs, TB * h);
  mp_free(dH0, B * h);
  mp_free(dC0, B * h);
  mp_free(dZH, Gh);
  mp_free(dH, TB * h);
  mpfr_clears(t1, t2, t3, acc, (mpfr_ptr)0);
}

static double relu_margin(const cell_case *c)
{
  gsl_matrix *H = gsl_matrix_alloc(c->T * c->B, c->h);
  mdl_rnn_forward(c->cell, c->n, c->h, c->B, c->p, c->X, c->H0, NULL, H);
  ref_cell rc = ref_of(c->cell, c->n, c->h, c->p);
  double m = HUGE_VAL;
  for (size_t row = 0; row < c->T * c->B; row++)
    for (size_t j = 0; j < c->h; j++) {
      const double *hp = row >= c->B ? gsl_matrix_const_ptr(H, row - c->B, 0)
                         : c->H0 ? gsl_matrix_const_ptr(c->H0, row, 0) : NULL;
      double ai, mi, ah, mh;
      ref_dot(&rc, j, gsl_matrix_const_ptr(c->X, row, 0), hp, &ai, &mi, &ah,
              &mh);
      m = fmin(m, fabs(ai + ah));
    }
  gsl_matrix_free(H);
  return m;
}

static double bptt_case(cell_case *c, gsl_rng *r)
{
  const size_t np = c->p->size, TB = c->T * c->B;
  size_t nz = np + TB * c->n + (c->H0 ? c->B * c->h : 0) +
              (c->C0 ? c->B * c->h : 0);
  gsl_vector *g = gsl_vector_alloc(nz);
  gsl_matrix *dH = gsl_matrix_alloc(TB, c->h);
  gsl_matrix *dX = gsl_matrix_alloc(TB, c->n);
  gsl_matrix *dH0 = c->H0 ? gsl_matrix_alloc(c->B, c->h) : NULL;
  gsl_matrix *dC0 = c->C0 ? gsl_matrix_alloc(c->B, c->h) : NULL;
  gsl_vector_view gp = gsl_vector_subvector(g, 0, np);
  fill(dH, r, 1);
  mdl_rnn_backward(c->cell, c->n, c->h, c->B, c->p, c->X, c->H0, c->C0, dH,
                   &gp.vector, dX, dH0, dC0);
  size_t o = np;
  for (size_t i = 0; i < TB; i++)
    for (size_t j = 0; j < c->n; j++, o++)
      gsl_vector_set(g, o, gsl_matrix_get(dX, i, j));
  for (size_t i = 0; dH0 && i < c->B; i++)
    for (size_t j = 0; j < c->h; j++, o++)
      gsl_vector_set(g, o, gsl_matrix_get(dH0, i, j));
  for (size_t i = 0; dC0 && i < c->B; i++)
    for (size_t j = 0; j < c->h; j++, o++)
      gsl_vector_set(g, o, gsl_matrix_get(dC0, i, j));
  double *ref = malloc(nz * sizeof *ref), *bound = malloc(nz * sizeof *bound);
  ev *dHe = malloc(TB * c->h * sizeof *dHe);
  for (size_t i = 0; i < TB * c->h; i++)
    dHe[i] = ev_c(gsl_matrix_get(dH, i / c->h, i % c->h));
  bptt_reference(c, upstream_given, dH, ref);
  bptt_bound(c, dHe, bound, NULL);
  free(dHe);
  double worst = 0;
  for (size_t i = 0; i < nz; i++) {
    double diff = fabs(gsl_vector_get(g, i) - ref[i]);
    double tol = 1.01 * (bound[i] + DBL_EPSILON / 2 * fabs(ref[i]));
    worst = claim_fmax(worst, tol > 0 ? diff / tol : diff > 0 ? HUGE_VAL : 0);
  }
  free(ref);
  free(bound);
  gsl_vector_free(g);
  gsl_matrix_free(dH);
  gsl_matrix_free(dX);
  gsl_matrix_free(dH0);
  gsl_matrix_free(dC0);
  return worst;
}

static void test_bptt(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4102);
  gsl_rng *r = new_rng(seed);
  const size_t Ts[3] = {1, 2, 5};
  for (int k = 0; k < 4; k++) {
    double worst = 0;
    int cases = 0;
    for (int ti = 0; ti < 3; ti++)
      for (int states = 0; states < 2; states++) {
        cell_case c;
        do {
          c = cell_case_alloc(all_cells[k], 3, 4, 2, Ts[ti], states, r, 1);
          if (c.cell != MDL_RNN_ELMAN_RELU || relu_margin(&c) > 0.05)
            break;
          cell_case_free(&c);
        } while (1);
        worst = claim_fmax(worst, bptt_case(&c, r));
        cases++;
        cell_case_free(&c);
      }
    char note[160];
    snprintf(note, sizeof note, "%s: largest |BPTT - forward mode (MPFR)|"
             " over its rounding bound, T = 1, 2, 5, with and without H0, C0",
             cell_names[k]);
    CLAIM(.id = "rnn.bptt", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
          .measured = worst, .reference = 1, .tolerance = 0,
          .samples = (size_t)cases, .seed = seed, .note = note);
  }
  gsl_rng_free(r);
}
#line 2329 "chapters/04-rnn.nw"
static double sigma_max(const gsl_matrix *A)
{
  gsl_matrix *U = gsl_matrix_alloc(A->size1, A->size2);
  gsl_matrix *Vm = gsl_matrix_alloc(A->size2, A->size2);
  gsl_vector *s = gsl_vector_alloc(A->size2), *w = gsl_vector_alloc(A->size2);
  gsl_matrix_memcpy(U, A);
  gsl_linalg_SV_decomp(U, Vm, s, w);
  double m = gsl_vector_get(s, 0);
  gsl_matrix_free(U);
  gsl_matrix_free(Vm);
  gsl_vector_free(s);
  gsl_vector_free(w);
  return m;
}

static void lag_jacobian(mdl_rnn_cell cell, size_t n, size_t h,
                         const gsl_vector *p, const gsl_matrix *x,
                         const double *h0, const double *c0, size_t k,
                         gsl_matrix *J, gsl_matrix *Jc)
{
  gsl_matrix *X = gsl_matrix_alloc(k * h, n), *H0 = gsl_matrix_alloc(h, h);
  gsl_matrix *C0 = cell == MDL_RNN_LSTM ? gsl_matrix_alloc(h, h) : NULL;
  gsl_matrix *dH = gsl_matrix_calloc(k * h, h);
  for (size_t t = 0; t < k; t++)
    for (size_t b = 0; b < h; b++)
      for (size_t j = 0; j < n; j++)
        gsl_matrix_set(X, t * h + b, j, gsl_matrix_get(x, t, j));
  for (size_t b = 0; b < h; b++) {
    for (size_t j = 0; j < h; j++) {
      gsl_matrix_set(H0, b, j, h0[j]);
      if (C0)
        gsl_matrix_set(C0, b, j, c0[j]);
    }
    gsl_matrix_set(dH, (k - 1) * h + b, b, 1);
  }
  mdl_rnn_backward(cell, n, h, h, p, X, H0, C0, dH, NULL, NULL, J,
                   C0 ? Jc : NULL);
  gsl_matrix_free(X);
  gsl_matrix_free(H0);
  gsl_matrix_free(C0);
  gsl_matrix_free(dH);
}
#line 2413 "chapters/04-rnn.nw"
static double hadamard_sign(size_t i, size_t j)
{
  int sign = 1;
  for (size_t b = i & j; b != 0; b >>= 1)
    sign = b & 1 ? -sign : sign;
  return sign;
}

static double norm2_loop(const double *v, size_t n, size_t stride)
{
  double s = 0;
  for (size_t i = 0; i < n; i++)
    s += v[i * stride] * v[i * stride];
  return sqrt(s);
}

static void test_vanishing(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4300);
  gsl_rng *r = new_rng(seed);
  const size_t n = 3, h = 8, K = 40;
  const double scales[2] = {0.8, 1.5}, u = DBL_EPSILON / 2;
  gsl_vector *p = gsl_vector_alloc(mdl_rnn_nparams(MDL_RNN_ELMAN_TANH, n, h));
  gsl_matrix *x = gsl_matrix_alloc(K, n), *J = gsl_matrix_alloc(h, h);
  gsl_matrix *Vs = gsl_matrix_alloc(h, h), *dH = gsl_matrix_alloc(K, h);
  gsl_matrix *dH0 = gsl_matrix_alloc(1, h);
  gsl_vector *sv = gsl_vector_alloc(h), *work = gsl_vector_alloc(h);
  double h0[8], d1[8], d2[8];
  for (int s = 0; s < 2; s++) {
    double worst = 0;
    for (int rep = 0; rep < 3; rep++) {
      fillv(p, r, 1);
      fill(x, r, 1);
      for (size_t j = 0; j < h; j++) {
        h0[j] = gsl_ran_flat(r, -1, 1);
        d1[j] = gsl_rng_uniform(r) < 0.5 ? -1 : 1;
        d2[j] = gsl_rng_uniform(r) < 0.5 ? -1 : 1;
      }
      const double c = scales[s] / sqrt(8.0);
      gsl_matrix_view W = gsl_matrix_view_array(p->data + h * n, h, h);
      for (size_t i = 0; i < h; i++)
        for (size_t j = 0; j < h; j++)
          gsl_matrix_set(&W.matrix, i, j, c * d1[i] * d2[j] * hadamard_sign(i, j));
      const double sig_w = c * sqrt(8.0);
      double pw = 1;
      gsl_matrix_const_view H0 = gsl_matrix_const_view_array(h0, 1, h);
      for (size_t k = 1; k <= K; k++) {
        pw = k == 1 ? sig_w : pw * sig_w;
        lag_jacobian(MDL_RNN_ELMAN_TANH, n, h, p, x, h0, NULL, k, J, NULL);
        gsl_linalg_SV_decomp(J, Vs, sv, work);
        gsl_matrix_const_view xk = gsl_matrix_const_submatrix(x, 0, 0, k, n);
        gsl_matrix_view dHk = gsl_matrix_submatrix(dH, 0, 0, k, h);
        gsl_matrix_set_zero(&dHk.matrix);
        for (size_t j = 0; j < h; j++)
          gsl_matrix_set(&dHk.matrix, k - 1, j, gsl_matrix_get(J, j, 0));
        mdl_rnn_backward(MDL_RNN_ELMAN_TANH, n, h, 1, p, &xk.matrix,
                         &H0.matrix, NULL, &dHk.matrix, NULL, NULL, dH0, NULL);
        double ratio = norm2_loop(dH0->data, h, 1) /
                       norm2_loop(J->data, h, J->tda) / pw;
        worst = claim_fmax(worst, ratio);
      }
    }
    double bound = pow(1 + u, 4) * sqrt(1 + gam(2.0 * (double)h)) *
                   pow((1 + u) * (1 + sqrt((double)h) * gam((double)h)),
                       (double)K) /
                   (pow(1 - u, 2.0 * (double)K) * (1 - gam((double)K - 1)));
    char note[160];
    snprintf(note, sizeof note, "Elman tanh, sigma_max(W) = %.1f: largest"
             " ||u^T dh_k/dh_0||_2 / (||u||_2 sigma_max^k) over lags 1-40",
             scales[s]);
    CLAIM(.id = "rnn.vanishing-bound", .kind = CLAIM_BOUND,
          .relation = CLAIM_AT_MOST, .measured = worst, .reference = bound,
          .tolerance = 0, .samples = 3 * K, .seed = seed, .note = note);
  }
  gsl_vector_free(p);
  gsl_vector_free(sv);
  gsl_vector_free(work);
  gsl_matrix_free(x);
  gsl_matrix_free(J);
  gsl_matrix_free(Vs);
  gsl_matrix_free(dH);
  gsl_matrix_free(dH0);
  gsl_rng_free(r);
}
#line 2515 "chapters/04-rnn.nw"
static void test_vanishing_unbounded(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4301);
  gsl_rng *r = new_rng(seed);
  const size_t h = 6, K = 20;
  gsl_matrix *A = gsl_matrix_alloc(h, h), *Q = gsl_matrix_alloc(h, h);
  gsl_matrix *R = gsl_matrix_alloc(h, h), *J = gsl_matrix_alloc(h, h);
  gsl_matrix *F = gsl_matrix_alloc(h, h), *T = gsl_matrix_alloc(h, h);
  gsl_vector *tau = gsl_vector_alloc(h);
  fill(A, r, 1);
  gsl_linalg_QR_decomp(A, tau);
  gsl_linalg_QR_unpack(A, tau, Q, R);
  gsl_matrix_scale(Q, 0.9);
  gsl_matrix_set_identity(J);
  for (size_t t = 0; t < K; t++) {
    for (size_t i = 0; i < h; i++) {
      double a = gsl_ran_flat(r, 1, 2) * (gsl_rng_uniform(r) < 0.5 ? -1 : 1);
      for (size_t j = 0; j < h; j++)
        gsl_matrix_set(F, i, j, cosh(a) * gsl_matrix_get(Q, i, j));
    }
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, F, J, 0.0, T);
    gsl_matrix_memcpy(J, T);
  }
  double ratio = sigma_max(J) / pow(0.9, (double)K);
  CLAIM(.id = "rnn.vanishing-needs-bounded-derivative", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = ratio, .reference = 1,
        .tolerance = 0, .seed = seed,
        .note = "phi = sinh, sigma_max(W) = 0.9: ||J_20||_2 / (phi'(0)"
                " sigma_max)^20, which the bound would keep below 1");
  gsl_matrix *all[6] = {A, Q, R, J, F, T};
  for (int k = 0; k < 6; k++)
    gsl_matrix_free(all[k]);
  gsl_vector_free(tau);
  gsl_rng_free(r);
}
#line 2564 "chapters/04-rnn.nw"
static void test_exploding_not_sufficient(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4302);
  gsl_rng *r = new_rng(seed);
  const size_t n = 3, h = 2;
  gsl_vector *p = gsl_vector_alloc(mdl_rnn_nparams(MDL_RNN_ELMAN_TANH, n, h));
  gsl_matrix *x = gsl_matrix_alloc(6, n), *J = gsl_matrix_alloc(h, h);
  double h0[2], worst = 0, sw = 0;
  for (int rep = 0; rep < 10; rep++) {
    fillv(p, r, 1);
    fill(x, r, 1);
    h0[0] = gsl_ran_flat(r, -1, 1);
    h0[1] = gsl_ran_flat(r, -1, 1);
    gsl_matrix_view W = gsl_matrix_view_array(p->data + h * n, h, h);
    gsl_matrix_set_zero(&W.matrix);
    gsl_matrix_set(&W.matrix, 0, 1, 5);
    sw = sigma_max(&W.matrix);
    for (size_t k = 2; k <= 6; k++) {
      lag_jacobian(MDL_RNN_ELMAN_TANH, n, h, p, x, h0, NULL, k, J, NULL);
      for (size_t i = 0; i < h; i++)
        for (size_t j = 0; j < h; j++)
          worst = claim_fmax(worst, fabs(gsl_matrix_get(J, i, j)));
    }
  }
  CLAIM(.id = "rnn.exploding-not-sufficient", .kind = CLAIM_IDENTITY,
        .measured = worst, .reference = 0, .tolerance = 0, .samples = 50,
        .seed = seed,
        .note = "largest entry of dh_k/dh_0, lags 2-6, W_hh = [0 5; 0 0]"
                " with sigma_max = 5");
  CLAIM(.id = "rnn.exploding-not-sufficient", .kind = CLAIM_IDENTITY,
        .measured = sw, .reference = 5, .tolerance = 4 * DBL_EPSILON * 5,
        .note = "sigma_max of that W_hh, by SVD");
  gsl_vector_free(p);
  gsl_matrix_free(x);
  gsl_matrix_free(J);
  gsl_rng_free(r);
}
#line 3441 "chapters/04-rnn.nw"
static void test_lstm_carousel(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4400);
  gsl_rng *r = new_rng(seed);
  const size_t n = 3, h = 4, B = 2;
  const double delta = ldexp(1.0, -10);
  double worst = 0, off = 0;
  for (int rep = 0; rep < 10; rep++) {
    cell_case c = cell_case_alloc(MDL_RNN_LSTM, n, h, B, 1, 1, r, 1);
    for (size_t b = 0; b < B; b++)
      for (size_t j = 0; j < h; j++)
        gsl_matrix_set(c.C0, b, j,
                       ldexp(round(ldexp(gsl_matrix_get(c.C0, b, j), 30)), -30));
    ref_cell rc = ref_of(MDL_RNN_LSTM, n, h, c.p);
    gsl_matrix *H = gsl_matrix_alloc(B, h), *Cp = gsl_matrix_alloc(B, h);
    gsl_matrix *Cm = gsl_matrix_alloc(B, h);
    for (size_t b = 0; b < B; b++) {
      double hy[4], cy[4], eh[4], ec[4], gates[8];
      ref_step(&rc, gsl_matrix_const_ptr(c.X, b, 0),
               gsl_matrix_const_ptr(c.H0, b, 0), gsl_matrix_const_ptr(c.C0, b, 0),
               hy, cy, eh, ec, gates);
      for (size_t k = 0; k < h; k++) {
        double c0 = gsl_matrix_get(c.C0, b, k);
        gsl_matrix_set(c.C0, b, k, c0 + delta);
        mdl_rnn_forward_cells(MDL_RNN_LSTM, n, h, B, c.p, c.X, c.H0, c.C0, H, Cp);
        gsl_matrix_set(c.C0, b, k, c0 - delta);
        mdl_rnn_forward_cells(MDL_RNN_LSTM, n, h, B, c.p, c.X, c.H0, c.C0, H, Cm);
        gsl_matrix_set(c.C0, b, k, c0);
        for (size_t bb = 0; bb < B; bb++)
          for (size_t j = 0; j < h; j++) {
            double D = (gsl_matrix_get(Cp, bb, j) - gsl_matrix_get(Cm, bb, j)) /
                       (2 * delta);
            if (bb != b || j != k) {
              off = claim_fmax(off, fabs(D));
              continue;
            }
            double f = gates[j], i_g = fabs(cy[j] - f * c0);
            double tol = 2 * gam(2) * (f * (fabs(c0) + delta) + i_g + 1e-300) /
                             (2 * delta) + DBL_EPSILON / 2 * fabs(D) + gates[h + j];
            worst = claim_fmax(worst, fabs(D - f) / tol);
          }
      }
    }
    gsl_matrix_free(H);
    gsl_matrix_free(Cp);
    gsl_matrix_free(Cm);
    cell_case_free(&c);
  }
  CLAIM(.id = "rnn.lstm-carousel", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .tolerance = 0, .samples = 80, .seed = seed,
        .note = "largest |dc_t/dc_{t-1} (central difference) - f_t| on the"
                " diagonal, over its rounding bound");
  CLAIM(.id = "rnn.lstm-carousel", .kind = CLAIM_IDENTITY, .measured = off,
        .reference = 0, .tolerance = 0, .samples = 80, .seed = seed,
        .note = "largest off-diagonal entry of dc_t/dc_{t-1}, h_{t-1} fixed:"
                " exact zeros");
  gsl_rng_free(r);
}
#line 3515 "chapters/04-rnn.nw"
static void long_lag(gsl_rng *r, size_t K, double *elman, double *lstm)
{
  const size_t n = 4, h = 16;
  gsl_vector *pe = gsl_vector_alloc(mdl_rnn_nparams(MDL_RNN_ELMAN_TANH, n, h));
  gsl_vector *pl = gsl_vector_alloc(mdl_rnn_nparams(MDL_RNN_LSTM, n, h));
  gsl_matrix *x = gsl_matrix_alloc(K, n), *J = gsl_matrix_alloc(h, h);
  gsl_matrix *Jc = gsl_matrix_alloc(h, h);
  double h0[16], c0[16];
  fillv(pe, r, 1 / sqrt((double)h));
  fillv(pl, r, 0.1);
  fill(x, r, 1);
  for (size_t j = 0; j < h; j++) {
    h0[j] = gsl_ran_flat(r, -0.5, 0.5);
    c0[j] = gsl_ran_flat(r, -0.5, 0.5);
    gsl_vector_set(pl, 4 * h * (n + h) + h + j, 3);
  }
  gsl_matrix_view W = gsl_matrix_view_array(pe->data + h * n, h, h);
  gsl_matrix_scale(&W.matrix, 0.9 / sigma_max(&W.matrix));
  lag_jacobian(MDL_RNN_ELMAN_TANH, n, h, pe, x, h0, NULL, K, J, NULL);
  *elman = sigma_max(J);
  lag_jacobian(MDL_RNN_LSTM, n, h, pl, x, h0, c0, K, J, Jc);
  *lstm = sigma_max(Jc);
  gsl_vector_free(pe);
  gsl_vector_free(pl);
  gsl_matrix_free(x);
  gsl_matrix_free(J);
  gsl_matrix_free(Jc);
}

static void test_long_lag(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4401);
  gsl_rng *r = new_rng(seed);
  double e, l;
  long_lag(r, 100, &e, &l);
  CLAIM(.id = "rnn.lstm-long-lag", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = l / e, .reference = 100,
        .tolerance = 0, .seed = seed,
        .note = "lag 100: ||dh_T/dc_0|| of an LSTM with forget bias 3 over"
                " ||dh_T/dh_0|| of Elman with sigma_max(W) = 0.9");
  gsl_rng_free(r);
}
#line 3571 "chapters/04-rnn.nw"
static double max_abs_rows(const gsl_matrix *A, size_t r0, size_t r1)
{
  double m = 0;
  for (size_t i = r0; i < r1; i++)
    for (size_t j = 0; j < A->size2; j++)
      m = claim_fmax(m, fabs(gsl_matrix_get(A, i, j)));
  return m;
}

static void test_gru_bound(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4402);
  gsl_rng *r = new_rng(seed);
  const size_t n = 3, h = 4, B = 8, T = 50;
  double worst = 0, relu = HUGE_VAL;
  for (int rep = 0; rep < 10; rep++) {
    cell_case c = cell_case_alloc(MDL_RNN_GRU, n, h, B, T, 1, r, 3);
    gsl_matrix_scale(c.X, 2.5);
    gsl_matrix_scale(c.H0, 2);
    gsl_matrix *H = gsl_matrix_alloc(T * B, h);
    mdl_rnn_forward(MDL_RNN_GRU, n, h, B, c.p, c.X, c.H0, NULL, H);
    double M = fmax(max_abs_rows(c.H0, 0, B), 1);
    worst = claim_fmax(worst, max_abs_rows(H, 0, T * B) / M);
    gsl_vector *pr = gsl_vector_alloc(mdl_rnn_nparams(MDL_RNN_ELMAN_RELU, n, h));
    fillv(pr, r, 2);
    mdl_rnn_forward(MDL_RNN_ELMAN_RELU, n, h, B, pr, c.X, c.H0, NULL, H);
    relu = fmin(relu, max_abs_rows(H, 0, T * B) / M);
    gsl_vector_free(pr);
    gsl_matrix_free(H);
    cell_case_free(&c);
  }
  CLAIM(.id = "rnn.gru-bound", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = worst, .reference = pow(1 + gam(8), (double)T),
        .tolerance = 0, .samples = 10, .seed = seed,
        .note = "largest ||h_t||_inf / max(||h_0||_inf, 1) of a GRU, 50 steps,"
                " saturating parameters and inputs");
  CLAIM(.id = "rnn.gru-bound-needs-tanh", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = relu, .reference = 2,
        .tolerance = 0, .samples = 10, .seed = seed,
        .note = "Elman ReLU on the same inputs: smallest (over 10 runs)"
                " largest ||h_t||_inf / max(||h_0||_inf, 1)");
  gsl_rng_free(r);
}
#line 3104 "chapters/04-rnn.nw"
/* the read-out of a model: rows = B (last step) or TB (every step) */
typedef struct {
  size_t m, rows;
  const double *Wo, *bo;
  const gsl_matrix *Y;
  double *g;  /* out: gradient of W_o, then b_o */
} readout;

/* exact V = H W_o^T + b_o on the read rows, dV = (V - Y)/rows, dH = dV W_o,
   and the read-out's gradient dV^T H, dV^T 1 */
static void upstream_readout(const cell_case *c, mpfr_t *H, mpfr_t *dH,
                             void *arg)
{
  const readout *ro = arg;
  const size_t h = c->h, TB = c->T * c->B, first = TB - ro->rows;
  mpfr_t *dV = mp_alloc(ro->rows * ro->m), *gW = mp_alloc(ro->m * (h + 1));
  mpfr_t t;
  mpfr_init2(t, MP_BITS);
  for (size_t i = 0; i < TB * h; i++)
    mpfr_set_zero(dH[i], 1);
  for (size_t i = 0; i < ro->m * (h + 1); i++)
    mpfr_set_zero(gW[i], 1);
  for (size_t r = 0; r < ro->rows; r++)
    for (size_t k = 0; k < ro->m; k++) {
      mpfr_t *v = &dV[r * ro->m + k];
      mpfr_set_d(*v, ro->bo[k], MPFR_RNDN);
      for (size_t j = 0; j < h; j++) {
        mpfr_mul_d(t, H[(first + r) * h + j], ro->Wo[k * h + j], MPFR_RNDN);
        mpfr_add(*v, *v, t, MPFR_RNDN);
      }
      mpfr_sub_d(*v, *v, gsl_matrix_get(ro->Y, r, k), MPFR_RNDN);
      mpfr_div_ui(*v, *v, (unsigned long)ro->rows, MPFR_RNDN);
      for (size_t j = 0; j < h; j++) {
        mpfr_mul_d(t, *v, ro->Wo[k * h + j], MPFR_RNDN);
        mpfr_add(dH[(first + r) * h + j], dH[(first + r) * h + j], t,
                 MPFR_RNDN);
        mpfr_mul(t, *v, H[(first + r) * h + j], MPFR_RNDN);
        mpfr_add(gW[k * h + j], gW[k * h + j], t, MPFR_RNDN);
      }
      mpfr_add(gW[ro->m * h + k], gW[ro->m * h + k], *v, MPFR_RNDN);
    }
  for (size_t i = 0; i < ro->m * (h + 1); i++)
    ro->g[i] = mpfr_get_d(gW[i], MPFR_RNDN);
  mp_free(dV, ro->rows * ro->m);
  mp_free(gW, ro->m * (h + 1));
  mpfr_clear(t);
}

/* the rounding bound of mdl_rnn_model_gradient for the squared loss, over
   (cell parameters, W_o, b_o) */
static void model_bound(const cell_case *c, const readout *ro, double *bound)
{
  const size_t h = c->h, TB = c->T * c->B, first = TB - ro->rows, m = ro->m;
  const size_t np = c->p->size, nb = np + TB * c->n;
  const double u = DBL_EPSILON / 2, scale = 1.0 / (double)ro->rows;
  ev *H = malloc(TB * h * sizeof *H), *dH = calloc(TB * h, sizeof *dH);
  ev *dV = malloc(ro->rows * m * sizeof *dV);
  double *cb = malloc(nb * sizeof *cb);
  bptt_bound(c, dH, cb, H);
  for (size_t r = 0; r < ro->rows; r++)
    for (size_t k = 0; k < m; k++) {
      double v = ro->bo[k], mag = fabs(ro->bo[k]), prop = 0;
      for (size_t j = 0; j < h; j++) {
        v += H[(first + r) * h + j].v * ro->Wo[k * h + j];
        mag += fabs(H[(first + r) * h + j].v * ro->Wo[k * h + j]);
        prop += H[(first + r) * h + j].e * fabs(ro->Wo[k * h + j]);
      }
      ev V = {v, gam((double)h + 1) * mag + prop};
      ev res = ev_sub(V, ev_c(gsl_matrix_get(ro->Y, r, k)));
      dV[r * m + k] = ev_mul(res, (ev){scale, u * scale});
    }
  for (size_t r = 0; r < ro->rows; r++)
    for (size_t j = 0; j < h; j++) {
      double v = 0, mag = 0, prop = 0;
      for (size_t k = 0; k < m; k++) {
        v += dV[r * m + k].v * ro->Wo[k * h + j];
        mag += fabs(dV[r * m + k].v * ro->Wo[k * h + j]);
        prop += dV[r * m + k].e * fabs(ro->Wo[k * h + j]);
      }
      dH[(first + r) * h + j] = (ev){v, gam((double)m) * mag + prop};
    }
  bptt_bound(c, dH, cb, NULL);
  memcpy(bound, cb, np * sizeof *bound);
  for (size_t k = 0; k < m; k++)
    for (size_t j = 0; j < h; j++)
      bound[np + k * h + j] = ev_colsum(dV, m, k, H + first * h, h, j,
                                        ro->rows, (double)ro->rows);
  for (size_t k = 0; k < m; k++)
    bound[np + m * h + k] = ev_colsum(dV, m, k, NULL, 0, 0, ro->rows,
                                      (double)ro->rows);
  free(H);
  free(dH);
  free(dV);
  free(cb);
}

static void test_model_gradient(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4500);
  gsl_rng *r = new_rng(seed);
  double worst = 0;
  for (int k = 0; k < 8; k++) {
    mdl_rnn_cell cell = all_cells[k % 4];
    int every = k / 4;
    const size_t n = 2, h = 3, m = 2, B = 2, T = 4;
    mdl_rnn_model *model = mdl_rnn_model_alloc(cell, n, h, m, every);
    gsl_matrix *X = gsl_matrix_alloc(T * B, n);
    gsl_matrix *Y = gsl_matrix_alloc(every ? T * B : B, m);
    size_t np = mdl_rnn_model_nparams(model);
    size_t ncell = mdl_rnn_nparams(cell, n, h);
    cell_case c = {cell, n, h, B, T, gsl_vector_alloc(ncell), X, NULL, NULL};
    do {
      mdl_rnn_model_init(model, r);
      fill(X, r, 1);
      gsl_vector_const_view pc =
          gsl_vector_const_subvector(mdl_rnn_model_params(model), 0, ncell);
      gsl_vector_memcpy(c.p, &pc.vector);
    } while (cell == MDL_RNN_ELMAN_RELU && relu_margin(&c) <= 0.05);
    fill(Y, r, 1);
    gsl_vector *g = gsl_vector_alloc(np);
    double v, *ref = malloc(np * sizeof *ref), *bound = malloc(np * sizeof *bound);
    double *dummy = malloc((ncell + T * B * n) * sizeof *dummy);
    mdl_rnn_model_gradient(model, MDL_NET_LOSS_SQUARED, B, X, Y, &v, g);
    const double *theta = mdl_rnn_model_params(model)->data;
    readout ro = {m, every ? T * B : B, theta + ncell, theta + ncell + m * h,
                  Y, ref + ncell};
    bptt_reference(&c, upstream_readout, &ro, dummy);
    memcpy(ref, dummy, ncell * sizeof *ref);
    model_bound(&c, &ro, bound);
    for (size_t i = 0; i < np; i++) {
      double diff = fabs(gsl_vector_get(g, i) - ref[i]);
      double tol = 1.01 * (bound[i] + DBL_EPSILON / 2 * fabs(ref[i]));
      worst = claim_fmax(worst, tol > 0 ? diff / tol : diff > 0 ? HUGE_VAL : 0);
    }
    free(ref);
    free(bound);
    free(dummy);
    gsl_vector_free(g);
    gsl_vector_free(c.p);
    gsl_matrix_free(X);
    gsl_matrix_free(Y);
    mdl_rnn_model_free(model);
  }
  CLAIM(.id = "rnn.model-gradient", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .tolerance = 0, .samples = 8, .seed = seed,
        .note = "model with read-out: largest |gradient - forward mode (MPFR)|"
                " over its rounding bound, all four cells");
  gsl_rng_free(r);
}
#line 3276 "chapters/04-rnn.nw"
static int finite_vec(const gsl_vector *v)
{
  for (size_t i = 0; i < v->size; i++)
    if (!isfinite(gsl_vector_get(v, i)) || fabs(gsl_vector_get(v, i)) > 1e100)
      return 0;
  return 1;
}

static void test_clipping(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4501);
  gsl_rng *r = new_rng(seed);
  const size_t n = 1, h = 8, B = 16, T = 30, STEPS = 50;
  const double eta = 1e-3, c = 1;
  mdl_rnn_model *m = mdl_rnn_model_alloc(MDL_RNN_ELMAN_RELU, n, h, 1, 0);
  mdl_rnn_model_init(m, r);
  gsl_vector *theta = mdl_rnn_model_params(m);
  gsl_matrix_view W = gsl_matrix_view_array(theta->data + h * n, h, h);
  for (size_t i = 0; i < h; i++)
    for (size_t j = 0; j < h; j++)
      gsl_matrix_set(&W.matrix, i, j, (i == j ? 1.5 : 0) + gsl_ran_flat(r, -0.01, 0.01));
  gsl_vector *start = gsl_vector_alloc(theta->size), *prev = gsl_vector_alloc(theta->size);
  gsl_vector *g = gsl_vector_alloc(theta->size);
  gsl_vector_memcpy(start, theta);
  gsl_matrix *X = gsl_matrix_alloc(T * B, n), *Y = gsl_matrix_calloc(B, 1);
  for (size_t t = 0; t < T; t++)
    for (size_t b = 0; b < B; b++) {
      double x = gsl_rng_uniform(r);
      gsl_matrix_set(X, t * B + b, 0, x);
      gsl_matrix_set(Y, b, 0, gsl_matrix_get(Y, b, 0) + x);
    }
  double max_step = 0, max_theta = gsl_blas_dnrm2(theta), value;
  int clipped_finite = 1, diverged = 0;
  for (int clip = 1; clip >= 0; clip--) {
    gsl_vector_memcpy(theta, start);
    mdl_optim_params op = mdl_optim_defaults(mdl_optim_gd);
    op.lr = eta;
    op.max_norm = clip ? c : 0;
    mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, theta->size, &op);
    for (size_t k = 0; k < STEPS; k++) {
      if (!finite_vec(theta)) {
        diverged = 1;
        break;
      }
      gsl_vector_memcpy(prev, theta);
      if (!clip) {
        mdl_rnn_model_gradient(m, MDL_NET_LOSS_SQUARED, B, X, Y, &value, g);
        if (!isfinite(value) || !finite_vec(g)) {
          diverged = 1;
          break;
        }
        mdl_optim_step(opt, theta, g);
      } else
        mdl_rnn_model_train_step(m, opt, MDL_NET_LOSS_SQUARED, B, X, Y, &value);
      if (clip) {
        gsl_vector_sub(prev, theta);
        max_step = claim_fmax(max_step, gsl_blas_dnrm2(prev));
        max_theta = claim_fmax(max_theta, gsl_blas_dnrm2(theta));
        clipped_finite = clipped_finite && isfinite(value) && finite_vec(theta);
      }
    }
    if (!clip && finite_vec(theta) == 0)
      diverged = 1;
    mdl_optim_free(opt);
  }
  CLAIM(.id = "rnn.clipping", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = max_step,
        .reference = eta * c * (1 + gam(4)) + DBL_EPSILON * max_theta,
        .tolerance = 0, .samples = STEPS, .seed = seed,
        .note = "largest ||theta_{k+1} - theta_k|| over 50 clipped steps,"
                " exploding Elman ReLU, eta = 1e-3, c = 1");
  CLAIM(.id = "rnn.clipping", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = clipped_finite, .reference = 1,
        .tolerance = 0, .samples = STEPS, .seed = seed,
        .note = "1 if every clipped iterate and loss stayed finite");
  CLAIM(.id = "rnn.clipping-removed", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = diverged, .reference = 1,
        .tolerance = 0, .samples = STEPS, .seed = seed,
        .note = "1 if, without clipping, an iterate or a gradient left the"
                " range |x| <= 1e100 within 50 steps");
  gsl_vector_free(start);
  gsl_vector_free(prev);
  gsl_vector_free(g);
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  mdl_rnn_model_free(m);
  gsl_rng_free(r);
}
#line 3654 "chapters/04-rnn.nw"
enum { ADD_T = 30, ADD_H = 16, ADD_B = 32, ADD_STEPS = 1000 };

static void adding_batch(gsl_rng *r, size_t T, size_t B, gsl_matrix *X,
                         gsl_matrix *Y)
{
  for (size_t b = 0; b < B; b++) {
    size_t a1 = gsl_rng_uniform_int(r, T / 2);
    size_t a2 = T / 2 + gsl_rng_uniform_int(r, T - T / 2);
    double y = 0;
    for (size_t t = 0; t < T; t++) {
      double v = gsl_rng_uniform(r), mk = (t == a1 || t == a2) ? 1 : 0;
      gsl_matrix_set(X, t * B + b, 0, v);
      gsl_matrix_set(X, t * B + b, 1, mk);
      y += mk * v;
    }
    gsl_matrix_set(Y, b, 0, y);
  }
}

static double adding_run(mdl_rnn_cell cell, unsigned long seed, size_t steps)
{
  gsl_rng *r = new_rng(seed);
  mdl_rnn_model *m = mdl_rnn_model_alloc(cell, 2, ADD_H, 1, 0);
  mdl_rnn_model_init(m, r);
  mdl_optim_params op = mdl_optim_defaults(mdl_optim_adam);
  op.lr = 3e-2;
  op.max_norm = 1;
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_adam, mdl_rnn_model_nparams(m), &op);
  gsl_matrix *X = gsl_matrix_alloc(ADD_T * ADD_B, 2), *Y = gsl_matrix_alloc(ADD_B, 1);
  double v;
  for (size_t k = 0; k < steps; k++) {
    adding_batch(r, ADD_T, ADD_B, X, Y);
    mdl_rnn_model_train_step(m, opt, MDL_NET_LOSS_SQUARED, ADD_B, X, Y, &v);
  }
  gsl_matrix *Xt = gsl_matrix_alloc(ADD_T * 512, 2), *Yt = gsl_matrix_alloc(512, 1);
  gsl_vector *g = gsl_vector_alloc(mdl_rnn_model_nparams(m));
  adding_batch(r, ADD_T, 512, Xt, Yt);
  mdl_rnn_model_gradient(m, MDL_NET_LOSS_SQUARED, 512, Xt, Yt, &v, g);
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  gsl_matrix_free(Xt);
  gsl_matrix_free(Yt);
  gsl_vector_free(g);
  mdl_optim_free(opt);
  mdl_rnn_model_free(m);
  gsl_rng_free(r);
  return v;
}

static void test_adding(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4502);
  double lstm = adding_run(MDL_RNN_LSTM, seed, ADD_STEPS);
  double elman = adding_run(MDL_RNN_ELMAN_TANH, seed, ADD_STEPS);
  CLAIM(.id = "rnn.adding", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = lstm, .reference = 0.03,
        .tolerance = 0, .samples = 512, .seed = seed,
        .note = "adding problem, T = 30: test loss of the LSTM after 1000 Adam"
                " steps (constant predictor: 1/12)");
  CLAIM(.id = "rnn.adding", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = elman, .reference = 0.05,
        .tolerance = 0, .samples = 512, .seed = seed,
        .note = "the same for the Elman network, same seed and budget");
}
#line 7285 "chapters/04-rnn.nw"
static size_t gate_points(gsl_rng *r, int for_tanh, double *z)
{
  const double ln2 = 0.6931471805599453;
  const double wide = for_tanh ? 25 : 708, step = for_tanh ? ln2 / 2 : ln2;
  const double special[] = {0, -0.0, 1e-300, 5e-324, 1e-17, 0.55, 19.1, 20,
                            20.5, 36.7, 37.5, 700, 708};
  size_t k = 0;
  for (size_t i = 0; i < 3000; i++) {
    z[k++] = gsl_ran_flat(r, -1, 1);
    z[k++] = gsl_ran_flat(r, -40, 40);
    z[k++] = gsl_ran_flat(r, -wide, wide);
  }
  for (size_t i = 0; i < 2000; i++) {
    double j = floor(gsl_ran_flat(r, 0, for_tanh ? 58 : 1021));
    double d = gsl_ran_flat(r, -1e-13, 1e-13);
    z[k++] = (i % 2 ? -1 : 1) * ((j + 0.5) * step + d);
    z[k++] = (i % 2 ? -1 : 1) * (0.55 + 1e3 * d);
  }
  for (size_t i = 0; i < sizeof special / sizeof *special; i++) {
    z[k++] = special[i];
    z[k++] = -special[i];
  }
  for (size_t i = 0; i < k; i++)
    if (!for_tanh && z[i] < -708)
      z[i] = -708;
  return k;
}

static double gate_error(const double *z, const double *v, size_t m,
                         int for_tanh, double eps)
{
  mpfr_t x, y, d;
  mpfr_inits2(MP_BITS, x, y, d, (mpfr_ptr)0);
  double worst = 0;
  for (size_t i = 0; i < m; i++) {
    mpfr_set_d(x, z[i], MPFR_RNDN);
    if (for_tanh)
      mpfr_tanh(y, x, MPFR_RNDN);
    else
      mp_sigm(y, x);
    mpfr_sub_d(d, y, v[i], MPFR_RNDN);
    mpfr_abs(d, d, MPFR_RNDN);
    if (mpfr_zero_p(y)) {
      worst = claim_fmax(worst, mpfr_zero_p(d) ? 0 : HUGE_VAL);
      continue;
    }
    mpfr_div(d, d, y, MPFR_RNDN);
    mpfr_abs(d, d, MPFR_RNDN);
    worst = claim_fmax(worst, mpfr_get_d(d, MPFR_RNDU) / eps);
  }
  mpfr_clears(x, y, d, (mpfr_ptr)0);
  return worst;
}

static void gate_run(mdl_rnn_cell cell, const double *w, const double *z,
                     size_t m, double *v)
{
  size_t np = mdl_rnn_nparams(cell, 1, 1);
  gsl_vector_const_view p = gsl_vector_const_view_array(w, np);
  gsl_matrix_const_view X = gsl_matrix_const_view_array(z, m, 1);
  gsl_matrix *H = gsl_matrix_alloc(m, 1), *C = gsl_matrix_alloc(m, 1);
  mdl_rnn_forward_cells(cell, 1, 1, m, &p.vector, &X.matrix, NULL, NULL, H,
                        cell == MDL_RNN_LSTM ? C : NULL);
  for (size_t i = 0; i < m; i++)
    v[i] = gsl_matrix_get(cell == MDL_RNN_LSTM ? C : H, i, 0);
  gsl_matrix_free(H);
  gsl_matrix_free(C);
}

static void test_gate_functions(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4140);
  gsl_rng *r = new_rng(seed);
  enum { MAXPTS = 14000 };
  double *z = malloc(MAXPTS * sizeof *z), *v = malloc(MAXPTS * sizeof *v);
  const double sig_i[16] = {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 30, 0, 0, 0, 0, 0};
  const double tanh_g[16] = {0, 0, 1, 0, 0, 0, 0, 0, 40, 0, 0, 0, 0, 0, 0, 0};
  const double elman[4] = {1, 0, 0, 0};
  size_t m = gate_points(r, 0, z);
  gate_run(MDL_RNN_LSTM, sig_i, z, m, v);
  double ws = gate_error(z, v, m, 0, GATE_SIG_ERR);
  m = gate_points(r, 1, z);
  gate_run(MDL_RNN_LSTM, tanh_g, z, m, v);
  double wt = gate_error(z, v, m, 1, GATE_TANH_ERR);
  gate_run(MDL_RNN_ELMAN_TANH, elman, z, m, v);
  wt = claim_fmax(wt, gate_error(z, v, m, 1, GATE_TANH_ERR));
  CLAIM(.id = "rnn.gate-functions", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = ws, .reference = 1,
        .tolerance = 0, .samples = m, .seed = seed,
        .note = "logistic (LSTM input gate): largest relative error against"
                " MPFR over 5.55 u");
  CLAIM(.id = "rnn.gate-functions", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = wt, .reference = 1,
        .tolerance = 0, .samples = m, .seed = seed,
        .note = "tanh (LSTM cell gate and Elman cell): largest relative error"
                " against MPFR over 6.55 u");
  free(z);
  free(v);
  gsl_rng_free(r);
}
#line 4308 "chapters/04-rnn.nw"
static void scores(const gsl_matrix *Q, const gsl_matrix *K, gsl_matrix *S,
                   gsl_matrix *Sabs)
{
  double c = 1 / sqrt((double)Q->size2);
  for (size_t i = 0; i < Q->size1; i++)
    for (size_t j = 0; j < K->size1; j++) {
      double s = 0, a = 0;
      for (size_t k = 0; k < Q->size2; k++) {
        s += gsl_matrix_get(Q, i, k) * gsl_matrix_get(K, j, k);
        a += fabs(gsl_matrix_get(Q, i, k) * gsl_matrix_get(K, j, k));
      }
      gsl_matrix_set(S, i, j, c * s);
      if (Sabs)
        gsl_matrix_set(Sabs, i, j, c * a);
    }
}

static void attn_tol(const gsl_matrix *S, const gsl_matrix *ES,
                     const gsl_matrix *P, const gsl_matrix *V,
                     const gsl_matrix *EV, int causal, gsl_matrix *tol)
{
  const double u = DBL_EPSILON / 2;
  const size_t Lq = P->size1, Lk = P->size2;
  for (size_t i = 0; i < Lq; i++) {
    size_t last = causal ? i + 1 : Lk;
    double m = -HUGE_VAL, eps = 0, spread = 0;
    for (size_t j = 0; j < last; j++) {
      m = claim_fmax(m, gsl_matrix_get(S, i, j));
      eps = claim_fmax(eps, gsl_matrix_get(ES, i, j));
    }
    for (size_t j = 0; j < last; j++)
      spread = claim_fmax(spread, m - gsl_matrix_get(S, i, j));
    double kappa = u * (spread + 2 * eps) + 2 * u + gam((double)Lk) + u;
    double rho = expm1(2 * eps) + 2 * kappa;
    for (size_t c = 0; c < V->size2; c++) {
      double pv = 0, pe = 0;
      for (size_t j = 0; j < last; j++) {
        pv += gsl_matrix_get(P, i, j) * fabs(gsl_matrix_get(V, j, c));
        pe += gsl_matrix_get(P, i, j) * (EV ? gsl_matrix_get(EV, j, c) : 0);
      }
      gsl_matrix_set(tol, i, c,
                     1.01 * ((rho + 2 * gam((double)Lk)) * pv + pe));
    }
  }
}
#line 4378 "chapters/04-rnn.nw"
static void test_attention_simplex(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4200);
  gsl_rng *r = new_rng(seed);
  double worst = 0, masked = 0, neg = 0;
  for (int rep = 0; rep < 40; rep++) {
    int causal = rep % 2;
    size_t Lq = 1 + (size_t)rep % 7, d = 1 + (size_t)rep % 5;
    size_t Lk = causal ? Lq : 1 + (size_t)(rep * 3) % 9;
    gsl_matrix *Q = gsl_matrix_alloc(Lq, d), *K = gsl_matrix_alloc(Lk, d);
    gsl_matrix *V = gsl_matrix_alloc(Lk, 2), *Y = gsl_matrix_alloc(Lq, 2);
    gsl_matrix *P = gsl_matrix_alloc(Lq, Lk);
    fill(Q, r, 3);
    fill(K, r, 3);
    fill(V, r, 1);
    mdl_attention(Q, K, V, causal, Y, P);
    for (size_t i = 0; i < Lq; i++) {
      double s = 0;
      for (size_t j = 0; j < Lk; j++) {
        double p = gsl_matrix_get(P, i, j);
        if (causal && j > i)
          masked = claim_fmax(masked, fabs(p));
        else
          s += p;
        neg = claim_fmax(neg, -p);
      }
      worst = claim_fmax(worst, fabs(s - 1) / gam(2.0 * (double)Lk + 2));
    }
    gsl_matrix_free(Q);
    gsl_matrix_free(K);
    gsl_matrix_free(V);
    gsl_matrix_free(Y);
    gsl_matrix_free(P);
  }
  CLAIM(.id = "rnn.attention-simplex", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .tolerance = 0, .samples = 40, .seed = seed,
        .note = "largest |sum of a row of weights - 1| over gamma_{2Lk+2}");
  CLAIM(.id = "rnn.attention-simplex", .kind = CLAIM_IDENTITY,
        .measured = neg, .reference = 0, .tolerance = 0, .samples = 40,
        .seed = seed, .note = "largest negative part of a weight");
  CLAIM(.id = "rnn.attention-simplex", .kind = CLAIM_IDENTITY,
        .measured = masked, .reference = 0, .tolerance = 0, .samples = 20,
        .seed = seed, .note = "largest masked weight, causal: exact zeros");
  gsl_rng_free(r);
}
#line 4478 "chapters/04-rnn.nw"
typedef struct {
  size_t Lq, Lk, d, dv;
  int causal;
  gsl_matrix *Q, *K, *V, *Y, *dY;
} attn_fn;

static int attn_visible(const attn_fn *a, size_t i, size_t j)
{
  return !a->causal || j <= i;
}

/* forward-mode gradient of <dY, Y> with respect to (Q, K, V), in the
   order of their entries, and Y, rounded to double */
static void attn_reference(const attn_fn *a, double *g, gsl_matrix *Y)
{
  const size_t Lq = a->Lq, Lk = a->Lk, d = a->d, dv = a->dv;
  mpfr_t *E = mp_alloc(Lq * Lk), *Sd = mp_alloc(Lq * Lk), *Z = mp_alloc(Lq);
  mpfr_t c, t, u, acc, zd, pd, dl;
  mpfr_inits2(MP_BITS, c, t, u, acc, zd, pd, dl, (mpfr_ptr)0);
  mpfr_set_ui(c, (unsigned long)d, MPFR_RNDN);
  mpfr_rec_sqrt(c, c, MPFR_RNDN);
  for (size_t i = 0; i < Lq; i++) {
    mpfr_set_zero(Z[i], 1);
    for (size_t j = 0; j < Lk; j++) {
      mpfr_set_zero(acc, 1);
      for (size_t k = 0; k < d; k++) {
        mpfr_set_d(t, gsl_matrix_get(a->Q, i, k), MPFR_RNDN);
        mpfr_mul_d(t, t, gsl_matrix_get(a->K, j, k), MPFR_RNDN);
        mpfr_add(acc, acc, t, MPFR_RNDN);
      }
      mpfr_mul(acc, acc, c, MPFR_RNDN);
      mpfr_exp(E[i * Lk + j], acc, MPFR_RNDN);
      if (!attn_visible(a, i, j))
        mpfr_set_zero(E[i * Lk + j], 1);
      mpfr_add(Z[i], Z[i], E[i * Lk + j], MPFR_RNDN);
    }
  }
  for (size_t i = 0; i < Lq; i++)
    for (size_t k = 0; k < dv; k++) {
      mpfr_set_zero(acc, 1);
      for (size_t j = 0; j < Lk; j++) {
        mpfr_div(t, E[i * Lk + j], Z[i], MPFR_RNDN);
        mpfr_mul_d(t, t, gsl_matrix_get(a->V, j, k), MPFR_RNDN);
        mpfr_add(acc, acc, t, MPFR_RNDN);
      }
      gsl_matrix_set(Y, i, k, mpfr_get_d(acc, MPFR_RNDN));
    }
  size_t o = 0;
  for (int m = 0; m < 3; m++) {
    const gsl_matrix *M = m == 0 ? a->Q : m == 1 ? a->K : a->V;
    for (size_t r = 0; r < M->size1; r++)
      for (size_t col = 0; col < M->size2; col++, o++) {
        for (size_t i = 0; i < Lq; i++)
          for (size_t j = 0; j < Lk; j++) {
            double w = m == 0 && i == r ? gsl_matrix_get(a->K, j, col)
                       : m == 1 && j == r ? gsl_matrix_get(a->Q, i, col) : 0;
            mpfr_mul_d(Sd[i * Lk + j], c, w, MPFR_RNDN);
          }
        mpfr_set_zero(dl, 1);
        for (size_t i = 0; i < Lq; i++) {
          mpfr_set_zero(zd, 1);
          for (size_t j = 0; j < Lk; j++) {
            mpfr_mul(t, E[i * Lk + j], Sd[i * Lk + j], MPFR_RNDN);
            mpfr_add(zd, zd, t, MPFR_RNDN);
          }
          for (size_t j = 0; j < Lk; j++) {
            /* dP = (e s' Z - e Z') / Z^2, then dY_i . (dP_ij V_j + P_ij dV_j) */
            mpfr_mul(t, Sd[i * Lk + j], Z[i], MPFR_RNDN);
            mpfr_sub(t, t, zd, MPFR_RNDN);
            mpfr_mul(t, t, E[i * Lk + j], MPFR_RNDN);
            mpfr_div(t, t, Z[i], MPFR_RNDN);
            mpfr_div(pd, t, Z[i], MPFR_RNDN);
            for (size_t k = 0; k < dv; k++) {
              mpfr_mul_d(t, pd, gsl_matrix_get(a->V, j, k), MPFR_RNDN);
              if (m == 2 && j == r && k == col) {
                mpfr_div(u, E[i * Lk + j], Z[i], MPFR_RNDN);
                mpfr_add(t, t, u, MPFR_RNDN);
              }
              mpfr_mul_d(t, t, gsl_matrix_get(a->dY, i, k), MPFR_RNDN);
              mpfr_add(dl, dl, t, MPFR_RNDN);
            }
          }
        }
        g[o] = mpfr_get_d(dl, MPFR_RNDN);
      }
  }
  mp_free(E, Lq * Lk);
  mp_free(Sd, Lq * Lk);
  mp_free(Z, Lq);
  mpfr_clears(c, t, u, acc, zd, pd, dl, (mpfr_ptr)0);
}

/* the first-order bound of the prose on the library's rounding, for the
   entries of (dQ, dK, dV) in the order of attn_reference, and for Y */
static void attn_backward_bound(const attn_fn *a, double *bound,
                                gsl_matrix *EY)
{
  const size_t Lq = a->Lq, Lk = a->Lk, d = a->d, dv = a->dv;
  const double u = DBL_EPSILON / 2, c = 1 / sqrt((double)d);
  gsl_matrix *S = gsl_matrix_alloc(Lq, Lk), *Sabs = gsl_matrix_alloc(Lq, Lk);
  gsl_matrix *P = gsl_matrix_calloc(Lq, Lk), *dP = gsl_matrix_alloc(Lq, Lk);
  gsl_matrix *eP = gsl_matrix_alloc(Lq, Lk), *dS = gsl_matrix_alloc(Lq, Lk);
  gsl_matrix *eS = gsl_matrix_alloc(Lq, Lk);
  gsl_vector *rho = gsl_vector_alloc(Lq);
  scores(a->Q, a->K, S, Sabs);
  for (size_t i = 0; i < Lq; i++) {
    double mx = -HUGE_VAL, mn = HUGE_VAL, eps = 0, z = 0;
    for (size_t j = 0; j < Lk && attn_visible(a, i, j); j++) {
      mx = claim_fmax(mx, gsl_matrix_get(S, i, j));
      mn = fmin(mn, gsl_matrix_get(S, i, j));
      eps = claim_fmax(eps, gam((double)d + 3) * gsl_matrix_get(Sabs, i, j));
    }
    for (size_t j = 0; j < Lk && attn_visible(a, i, j); j++)
      z += exp(gsl_matrix_get(S, i, j) - mx);
    for (size_t j = 0; j < Lk && attn_visible(a, i, j); j++)
      gsl_matrix_set(P, i, j, exp(gsl_matrix_get(S, i, j) - mx) / z);
    double kappa = 2 * (u * (mx - mn + 2 * eps) + 2 * u) + gam((double)Lk) + u;
    gsl_vector_set(rho, i, expm1(2 * eps) + kappa);
  }
  for (size_t i = 0; i < Lq; i++) {
    double dot = 0, edot = 0, r = gsl_vector_get(rho, i);
    for (size_t j = 0; j < Lk; j++) {
      double dp = 0, abs = 0;
      for (size_t k = 0; k < dv; k++) {
        dp += gsl_matrix_get(a->dY, i, k) * gsl_matrix_get(a->V, j, k);
        abs += fabs(gsl_matrix_get(a->dY, i, k) * gsl_matrix_get(a->V, j, k));
      }
      gsl_matrix_set(dP, i, j, dp);
      gsl_matrix_set(eP, i, j, gam((double)dv) * abs);
      dot += gsl_matrix_get(P, i, j) * dp;
    }
    for (size_t j = 0; j < Lk; j++)
      edot += gsl_matrix_get(P, i, j) *
              ((r + gam((double)Lk)) * fabs(gsl_matrix_get(dP, i, j)) +
               gsl_matrix_get(eP, i, j));
    for (size_t j = 0; j < Lk; j++) {
      double p = gsl_matrix_get(P, i, j), dp = gsl_matrix_get(dP, i, j);
      gsl_matrix_set(dS, i, j, p * (dp - dot));
      gsl_matrix_set(eS, i, j, p * ((r + gam(2)) * fabs(dp - dot) +
                                    gsl_matrix_get(eP, i, j) + edot));
    }
  }
  size_t o = 0;
  for (size_t i = 0; i < Lq; i++)
    for (size_t k = 0; k < d; k++, o++) {
      double e = 0;
      for (size_t j = 0; j < Lk; j++)
        e += (gsl_matrix_get(eS, i, j) +
              gam((double)Lk + 3) * fabs(gsl_matrix_get(dS, i, j))) *
             fabs(gsl_matrix_get(a->K, j, k));
      bound[o] = c * e;
    }
  for (size_t j = 0; j < Lk; j++)
    for (size_t k = 0; k < d; k++, o++) {
      double e = 0;
      for (size_t i = 0; i < Lq; i++)
        e += (gsl_matrix_get(eS, i, j) +
              gam((double)Lq + 3) * fabs(gsl_matrix_get(dS, i, j))) *
             fabs(gsl_matrix_get(a->Q, i, k));
      bound[o] = c * e;
    }
  for (size_t j = 0; j < Lk; j++)
    for (size_t k = 0; k < dv; k++, o++) {
      double e = 0;
      for (size_t i = 0; i < Lq; i++)
        e += (gsl_vector_get(rho, i) + gam((double)Lq)) *
             gsl_matrix_get(P, i, j) * fabs(gsl_matrix_get(a->dY, i, k));
      bound[o] = e;
    }
  for (size_t i = 0; i < Lq; i++)
    for (size_t k = 0; k < dv; k++) {
      double e = 0;
      for (size_t j = 0; j < Lk; j++)
        e += (gsl_vector_get(rho, i) + gam((double)Lk)) *
             gsl_matrix_get(P, i, j) * fabs(gsl_matrix_get(a->V, j, k));
      gsl_matrix_set(EY, i, k, e);
    }
  gsl_matrix *all[7] = {S, Sabs, P, dP, eP, dS, eS};
  for (int k = 0; k < 7; k++)
    gsl_matrix_free(all[k]);
  gsl_vector_free(rho);
}

static void test_attention_backward(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4201);
  gsl_rng *r = new_rng(seed);
  const double u = DBL_EPSILON / 2;
  double worst[2] = {0, 0}, worst_y = 0;
  for (int rep = 0; rep < 12; rep++) {
    attn_fn a;
    a.causal = rep % 2;
    a.Lq = 2 + rep % 4;
    a.Lk = a.causal ? a.Lq : 1 + (size_t)rep % 5;
    a.d = 1 + rep % 3;
    a.dv = 2;
    a.Q = gsl_matrix_alloc(a.Lq, a.d);
    a.K = gsl_matrix_alloc(a.Lk, a.d);
    a.V = gsl_matrix_alloc(a.Lk, a.dv);
    a.Y = gsl_matrix_alloc(a.Lq, a.dv);
    a.dY = gsl_matrix_alloc(a.Lq, a.dv);
    gsl_matrix *dQ = gsl_matrix_alloc(a.Lq, a.d), *dK = gsl_matrix_alloc(a.Lk, a.d);
    gsl_matrix *dV = gsl_matrix_alloc(a.Lk, a.dv);
    fill(a.Q, r, 1.5);
    fill(a.K, r, 1.5);
    fill(a.V, r, 1);
    fill(a.dY, r, 1);
    mdl_attention_backward(a.Q, a.K, a.V, a.causal, a.dY, dQ, dK, dV);
    size_t nz = a.Lq * a.d + a.Lk * a.d + a.Lk * a.dv, o = 0;
    double *ref = malloc(nz * sizeof *ref), *bound = malloc(nz * sizeof *bound);
    gsl_matrix *Yref = gsl_matrix_alloc(a.Lq, a.dv), *EY = gsl_matrix_alloc(a.Lq, a.dv);
    attn_reference(&a, ref, Yref);
    attn_backward_bound(&a, bound, EY);
    mdl_attention(a.Q, a.K, a.V, a.causal, a.Y, NULL);
    for (size_t i = 0; i < a.Lq; i++)
      for (size_t k = 0; k < a.dv; k++) {
        double yr = gsl_matrix_get(Yref, i, k);
        double diff = fabs(gsl_matrix_get(a.Y, i, k) - yr);
        double tol = 1.01 * (gsl_matrix_get(EY, i, k) + u * fabs(yr));
        worst_y = claim_fmax(worst_y, tol > 0 ? diff / tol : diff > 0 ? HUGE_VAL : 0);
      }
    gsl_matrix_free(Yref);
    gsl_matrix_free(EY);
    gsl_matrix *D[3] = {dQ, dK, dV};
    for (int k = 0; k < 3; k++)
      for (size_t i = 0; i < D[k]->size1; i++)
        for (size_t j = 0; j < D[k]->size2; j++, o++) {
          double diff = fabs(gsl_matrix_get(D[k], i, j) - ref[o]);
          double tol = 1.01 * (bound[o] + u * fabs(ref[o]));
          worst[a.causal] = fmax(worst[a.causal],
                                 tol > 0 ? diff / tol : diff > 0 ? HUGE_VAL : 0);
        }
    free(ref);
    free(bound);
    gsl_matrix *all[8] = {a.Q, a.K, a.V, a.Y, a.dY, dQ, dK, dV};
    for (int k = 0; k < 8; k++)
      gsl_matrix_free(all[k]);
  }
  for (int c = 0; c < 2; c++)
    CLAIM(.id = "rnn.attention-backward", .kind = CLAIM_BOUND,
          .relation = CLAIM_AT_MOST, .measured = worst[c], .reference = 1,
          .tolerance = 0, .samples = 6, .seed = seed,
          .note = c ? "causal: largest |backward - forward mode (MPFR)| over"
                      " its rounding bound"
                    : "largest |backward - forward mode (MPFR)| over its"
                      " rounding bound");
  CLAIM(.id = "rnn.attention-backward", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst_y, .reference = 1,
        .tolerance = 0, .samples = 12, .seed = seed,
        .note = "the function differentiated: largest |Y of mdl_attention -"
                " Y (MPFR)| over its rounding bound");
  gsl_rng_free(r);
}
#line 4772 "chapters/04-rnn.nw"
static void test_dot_variance(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4202);
  gsl_rng *r = new_rng(seed);
  const size_t ds[3] = {4, 64, 256};
  const size_t N = 20000;
  for (int k = 0; k < 3; k++) {
    double d = (double)ds[k], sum = 0;
    for (size_t s = 0; s < N; s++) {
      double dot = 0;
      for (size_t i = 0; i < ds[k]; i++)
        dot += gsl_ran_gaussian_ziggurat(r, 1) * gsl_ran_gaussian_ziggurat(r, 1);
      sum += dot * dot;
    }
    double se = sqrt((2 * d * d + 6 * d) / (double)N);
    char note[128];
    snprintf(note, sizeof note, "mean of (q.k)^2 for d = %zu against d,"
             " 5 standard errors", ds[k]);
    CLAIM(.id = "rnn.dot-variance", .kind = CLAIM_IDENTITY,
          .measured = sum / (double)N, .reference = d, .tolerance = 5 * se,
          .samples = N, .seed = seed, .note = note);
  }
  gsl_rng_free(r);
}
#line 4809 "chapters/04-rnn.nw"
static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double softmax_jacobian_norm(const gsl_matrix *P)
{
  double s = 0;
  for (size_t i = 0; i < P->size2; i++)
    for (size_t j = 0; j < P->size2; j++) {
      double pi = gsl_matrix_get(P, 0, i), pj = gsl_matrix_get(P, 0, j);
      double J = (i == j ? pi : 0) - pi * pj;
      s += J * J;
    }
  return sqrt(s);
}

static void saturation(gsl_rng *r, size_t d, size_t M, double *med_scaled,
                       double *med_unscaled)
{
  const size_t L = 16;
  gsl_matrix *q = gsl_matrix_alloc(1, d), *K = gsl_matrix_alloc(L, d);
  gsl_matrix *V = gsl_matrix_alloc(L, 1), *Y = gsl_matrix_alloc(1, 1);
  gsl_matrix *P = gsl_matrix_alloc(1, L);
  double *a = malloc(M * sizeof *a), *b = malloc(M * sizeof *b);
  gsl_matrix_set_zero(V);
  for (size_t s = 0; s < M; s++) {
    for (size_t i = 0; i < d; i++)
      gsl_matrix_set(q, 0, i, gsl_ran_gaussian_ziggurat(r, 1));
    for (size_t j = 0; j < L; j++)
      for (size_t i = 0; i < d; i++)
        gsl_matrix_set(K, j, i, gsl_ran_gaussian_ziggurat(r, 1));
    mdl_attention(q, K, V, 0, Y, P);
    a[s] = softmax_jacobian_norm(P);
    gsl_matrix_scale(q, sqrt((double)d));
    mdl_attention(q, K, V, 0, Y, P);
    b[s] = softmax_jacobian_norm(P);
  }
  qsort(a, M, sizeof *a, cmp_double);
  qsort(b, M, sizeof *b, cmp_double);
  *med_scaled = a[M / 2];
  *med_unscaled = b[M / 2];
  free(a);
  free(b);
  gsl_matrix_free(q);
  gsl_matrix_free(K);
  gsl_matrix_free(V);
  gsl_matrix_free(Y);
  gsl_matrix_free(P);
}

static void test_saturation(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4203);
  gsl_rng *r = new_rng(seed);
  double s4, u4, s1024, u1024;
  saturation(r, 4, 201, &s4, &u4);
  saturation(r, 1024, 201, &s1024, &u1024);
  CLAIM(.id = "rnn.softmax-saturation", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = u1024 / s1024,
        .reference = 1e-2, .tolerance = 0, .samples = 201, .seed = seed,
        .note = "median softmax Jacobian norm without 1/sqrt(d) over the"
                " median with it, d = 1024, 16 keys");
  CLAIM(.id = "rnn.softmax-saturation", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = s1024 / s4,
        .reference = 0.5, .tolerance = 0, .samples = 201, .seed = seed,
        .note = "median softmax Jacobian norm with 1/sqrt(d): d = 1024 over"
                " d = 4");
  gsl_rng_free(r);
}
#line 4960 "chapters/04-rnn.nw"
static void permute_rows(const gsl_matrix *A, const size_t *pi, gsl_matrix *B)
{
  for (size_t i = 0; i < A->size1; i++)
    for (size_t j = 0; j < A->size2; j++)
      gsl_matrix_set(B, i, j, gsl_matrix_get(A, pi[i], j));
}

static double equivariance(gsl_rng *r, int with_pe)
{
  const size_t L = 7, E = 4;
  gsl_matrix *X = gsl_matrix_alloc(L, E), *Xp = gsl_matrix_alloc(L, E);
  gsl_matrix *PE = gsl_matrix_alloc(L, E), *A[3], *M[3], *Mp[3];
  gsl_matrix *Y = gsl_matrix_alloc(L, E), *Yp = gsl_matrix_alloc(L, E);
  gsl_matrix *P = gsl_matrix_alloc(L, L), *S = gsl_matrix_alloc(L, L);
  gsl_matrix *Sa = gsl_matrix_alloc(L, L), *tol = gsl_matrix_alloc(L, E);
  size_t pi[7] = {0, 1, 2, 3, 4, 5, 6};
  gsl_ran_shuffle(r, pi, L, sizeof pi[0]);
  fill(X, r, 1);
  permute_rows(X, pi, Xp);
  mdl_rnn_positional(PE);
  if (with_pe) {
    gsl_matrix_add(X, PE);
    gsl_matrix_add(Xp, PE);
  }
  for (int k = 0; k < 3; k++) {
    A[k] = gsl_matrix_alloc(E, E);
    M[k] = gsl_matrix_alloc(L, E);
    Mp[k] = gsl_matrix_alloc(L, E);
    fill(A[k], r, 1.2);
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, X, A[k], 0.0, M[k]);
    if (with_pe)
      gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, Xp, A[k], 0.0, Mp[k]);
    else
      permute_rows(M[k], pi, Mp[k]);
  }
  mdl_attention(M[0], M[1], M[2], 0, Y, P);
  mdl_attention(Mp[0], Mp[1], Mp[2], 0, Yp, NULL);
  scores(M[0], M[1], S, Sa);
  gsl_matrix_scale(Sa, 2 * gam((double)E + 1));
  attn_tol(S, Sa, P, M[2], NULL, 0, tol);
  double worst = 0;
  for (size_t i = 0; i < L; i++)
    for (size_t j = 0; j < E; j++) {
      double d = fabs(gsl_matrix_get(Yp, i, j) - gsl_matrix_get(Y, pi[i], j));
      if (d > 0)
        worst = claim_fmax(worst, d / gsl_matrix_get(tol, pi[i], j));
    }
  gsl_matrix *all[10] = {X, Xp, PE, Y, Yp, P, S, Sa, tol, NULL};
  for (int k = 0; k < 9; k++)
    gsl_matrix_free(all[k]);
  for (int k = 0; k < 3; k++) {
    gsl_matrix_free(A[k]);
    gsl_matrix_free(M[k]);
    gsl_matrix_free(Mp[k]);
  }
  return worst;
}

static void test_equivariance(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4204);
  gsl_rng *r = new_rng(seed);
  double worst = 0, least = HUGE_VAL;
  for (int rep = 0; rep < 20; rep++) {
    worst = claim_fmax(worst, equivariance(r, 0));
    least = fmin(least, equivariance(r, 1));
  }
  CLAIM(.id = "rnn.permutation-equivariance", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .tolerance = 0, .samples = 20, .seed = seed,
        .note = "largest |attention(perm X) - perm attention(X)| over its"
                " rounding bound, 7 tokens, 20 permutations");
  CLAIM(.id = "rnn.pe-breaks-equivariance", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = least, .reference = 1e6,
        .tolerance = 0, .samples = 20, .seed = seed,
        .note = "with positional encodings added: smallest (over 20"
                " permutations) largest deviation over the rounding bound");
  gsl_rng_free(r);
}
#line 5055 "chapters/04-rnn.nw"
static void test_causal(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4205);
  gsl_rng *r = new_rng(seed);
  const size_t L = 7, E = 6, H = 2;
  gsl_vector *p = gsl_vector_alloc(mdl_rnn_mha_nparams(E));
  gsl_matrix *X = gsl_matrix_alloc(L, E), *X2 = gsl_matrix_alloc(L, E);
  gsl_matrix *Y = gsl_matrix_alloc(L, E), *Y2 = gsl_matrix_alloc(L, E);
  gsl_matrix *dY = gsl_matrix_calloc(L, E), *dX[3];
  for (int k = 0; k < 3; k++)
    dX[k] = gsl_matrix_alloc(L, E);
  double ahead[2] = {0, 0}, grad_ahead = 0;
  for (int rep = 0; rep < 10; rep++) {
    fillv(p, r, 0.8);
    fill(X, r, 1);
    for (int causal = 1; causal >= 0; causal--) {
      mdl_rnn_mha_forward(E, H, p, X, X, X, causal, Y, NULL);
      for (size_t i = 0; i + 1 < L; i++) {
        gsl_matrix_memcpy(X2, X);
        for (size_t j = i + 1; j < L; j++)
          for (size_t c = 0; c < E; c++)
            gsl_matrix_set(X2, j, c, gsl_ran_flat(r, -5, 5));
        mdl_rnn_mha_forward(E, H, p, X2, X2, X2, causal, Y2, NULL);
        for (size_t t = 0; t <= i; t++)
          for (size_t c = 0; c < E; c++)
            ahead[causal] = claim_fmax(ahead[causal], fabs(gsl_matrix_get(Y2, t, c) -
                                                     gsl_matrix_get(Y, t, c)));
        if (causal) {
          gsl_matrix_set_zero(dY);
          for (size_t c = 0; c < E; c++)
            gsl_matrix_set(dY, i, c, gsl_ran_flat(r, -1, 1));
          mdl_rnn_mha_backward(E, H, p, X, X, X, 1, dY, NULL, dX[0], dX[1],
                               dX[2]);
          for (int k = 0; k < 3; k++)
            for (size_t j = i + 1; j < L; j++)
              for (size_t c = 0; c < E; c++)
                grad_ahead = claim_fmax(grad_ahead, fabs(gsl_matrix_get(dX[k], j, c)));
        }
      }
    }
  }
  CLAIM(.id = "rnn.causal-mask", .kind = CLAIM_IDENTITY, .measured = ahead[1],
        .reference = 0, .tolerance = 0, .samples = 60, .seed = seed,
        .note = "largest change of outputs 0..i when inputs after i are"
                " redrawn, causal multi-head attention");
  CLAIM(.id = "rnn.causal-mask", .kind = CLAIM_IDENTITY, .measured = grad_ahead,
        .reference = 0, .tolerance = 0, .samples = 60, .seed = seed,
        .note = "largest entry of the Jacobian block d y_i / d x_j, j > i,"
                " from the backward pass");
  CLAIM(.id = "rnn.causal-mask-removed", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = ahead[0], .reference = 1e-3,
        .tolerance = 0, .samples = 60, .seed = seed,
        .note = "without the mask: largest change of outputs 0..i when"
                " inputs after i are redrawn");
  gsl_vector_free(p);
  gsl_matrix *all[8] = {X, X2, Y, Y2, dY, dX[0], dX[1], dX[2]};
  for (int k = 0; k < 8; k++)
    gsl_matrix_free(all[k]);
  gsl_rng_free(r);
}
#line 5133 "chapters/04-rnn.nw"
static void test_positional(void **state)
{
  (void)state;
  const double u = DBL_EPSILON / 2;
  const size_t dims[2] = {16, 7}, L = 80, lags[3] = {1, 5, 17};
  double worst = 0;
  for (int di = 0; di < 2; di++) {
    size_t d = dims[di];
    gsl_matrix *P = gsl_matrix_alloc(L, d);
    mdl_rnn_positional(P);
    for (int ki = 0; ki < 3; ki++) {
      size_t k = lags[ki];
      for (size_t t = 0; t + k < L; t++)
        for (size_t j = 0; j + 1 < d; j += 2) {
          double sk = gsl_matrix_get(P, k, j), ck = gsl_matrix_get(P, k, j + 1);
          double st = gsl_matrix_get(P, t, j), ct = gsl_matrix_get(P, t, j + 1);
          double rs = ck * st + sk * ct, rc = ck * ct - sk * st;
          double e1 = 13 * u * (double)(t + k) + u;
          double tol = e1 + M_SQRT2 * (13 * u * (double)t + u) +
                       M_SQRT2 * (13 * u * (double)k + u) + 3 * u;
          worst = claim_fmax(worst, fabs(gsl_matrix_get(P, t + k, j) - rs) / tol);
          worst = claim_fmax(worst, fabs(gsl_matrix_get(P, t + k, j + 1) - rc) / tol);
        }
    }
    gsl_matrix_free(P);
  }
  double notes = HUGE_VAL;
  for (size_t k = 1; k <= 5; k++) {
    double dev = 0;
    for (size_t t = 0; t + k < 16; t++)
      for (size_t j = 0; j + 1 < 16; j += 2) {
        double wj = pow(10000.0, (double)j / 16), wj1 = pow(10000.0, (double)(j + 1) / 16);
        double sk = sin(wj * (double)k), ck = cos(wj1 * (double)k);
        double st = sin(wj * (double)t), ct = cos(wj1 * (double)t);
        double tol = 13 * u * (double)(t + k) * wj1 + M_SQRT2 * 26 * u * (double)(t + k) * wj1 + 3 * u;
        dev = claim_fmax(dev, fabs(sin(wj * (double)(t + k)) - (ck * st + sk * ct)) / tol);
      }
    notes = fmin(notes, dev);
  }
  CLAIM(.id = "rnn.positional-notes-frequencies", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = notes, .reference = 1e3,
        .tolerance = 0, .samples = 5,
        .note = "the notes' frequencies 10000^(k/n): smallest over k = 1..5 of"
                " the largest |PE(t+k) - R(k) PE(t)| over a rounding bound");
  CLAIM(.id = "rnn.positional-rotation", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .tolerance = 0, .samples = 2 * 3 * 80,
        .note = "largest |PE(t+k) - R(k) PE(t)| over its rounding bound,"
                " d = 16 and 7, k = 1, 5, 17, t + k < 80");
}
#line 5241 "chapters/04-rnn.nw"
static void proj(const gsl_matrix *X, const double *W, const double *b,
                 size_t E, gsl_matrix *Y, gsl_matrix *EY)
{
  for (size_t i = 0; i < X->size1; i++)
    for (size_t o = 0; o < E; o++) {
      double s = b[o], a = fabs(b[o]);
      for (size_t k = 0; k < E; k++) {
        s += W[o * E + k] * gsl_matrix_get(X, i, k);
        a += fabs(W[o * E + k] * gsl_matrix_get(X, i, k));
      }
      gsl_matrix_set(Y, i, o, s);
      gsl_matrix_set(EY, i, o, 2 * gam((double)E + 1) * a);
    }
}

static double mha_reference_ratio(gsl_rng *r, size_t E, size_t H, size_t Lq,
                                  size_t Lk, int causal, double *wratio)
{
  const size_t dh = E / H;
  gsl_vector *p = gsl_vector_alloc(mdl_rnn_mha_nparams(E));
  gsl_matrix *X[3] = {gsl_matrix_alloc(Lq, E), gsl_matrix_alloc(Lk, E),
                      gsl_matrix_alloc(Lk, E)};
  gsl_matrix *M[3], *EM[3];
  gsl_matrix *O = gsl_matrix_alloc(Lq, E), *EO = gsl_matrix_alloc(Lq, E);
  gsl_matrix *Y = gsl_matrix_alloc(Lq, E), *W = gsl_matrix_alloc(Lq, Lk);
  gsl_matrix *Wref = gsl_matrix_calloc(Lq, Lk), *Wtol = gsl_matrix_calloc(Lq, Lk);
  fillv(p, r, 0.9);
  for (int k = 0; k < 3; k++) {
    fill(X[k], r, 1.5);
    M[k] = gsl_matrix_alloc(X[k]->size1, E);
    EM[k] = gsl_matrix_alloc(X[k]->size1, E);
    proj(X[k], p->data + k * E * E, p->data + 3 * E * E + k * E, E, M[k],
         EM[k]);
  }
  mdl_rnn_mha_forward(E, H, p, X[0], X[1], X[2], causal, Y, W);
  gsl_matrix *S = gsl_matrix_alloc(Lq, Lk), *ES = gsl_matrix_alloc(Lq, Lk);
  gsl_matrix *P = gsl_matrix_alloc(Lq, Lk), *T = gsl_matrix_alloc(Lq, dh);
  for (size_t j = 0; j < H; j++) {
    gsl_matrix_view q = gsl_matrix_submatrix(M[0], 0, j * dh, Lq, dh);
    gsl_matrix_view k = gsl_matrix_submatrix(M[1], 0, j * dh, Lk, dh);
    gsl_matrix_view v = gsl_matrix_submatrix(M[2], 0, j * dh, Lk, dh);
    gsl_matrix_view ev = gsl_matrix_submatrix(EM[2], 0, j * dh, Lk, dh);
    const double c = 1 / sqrt((double)dh), u = DBL_EPSILON / 2;
    for (size_t a = 0; a < Lq; a++) {
      double m = -HUGE_VAL, sum = 0;
      size_t last = causal ? a + 1 : Lk;
      for (size_t b = 0; b < Lk; b++) {
        double s = 0, e = 0;
        for (size_t t = 0; t < dh; t++) {
          double qa = gsl_matrix_get(&q.matrix, a, t), kb = gsl_matrix_get(&k.matrix, b, t);
          double eq = gsl_matrix_get(EM[0], a, j * dh + t);
          double ek = gsl_matrix_get(EM[1], b, j * dh + t);
          s += qa * kb;
          e += eq * fabs(kb) + fabs(qa) * ek + eq * ek +
               2 * gam((double)dh + 1) * fabs(qa * kb);
        }
        gsl_matrix_set(S, a, b, c * s);
        gsl_matrix_set(ES, a, b, c * e + 2 * u * fabs(c * s));
        if (b < last)
          m = claim_fmax(m, c * s);
      }
      for (size_t b = 0; b < Lk; b++) {
        double e = b < last ? exp(gsl_matrix_get(S, a, b) - m) : 0;
        gsl_matrix_set(P, a, b, e);
        sum += e;
      }
      for (size_t b = 0; b < Lk; b++)
        gsl_matrix_set(P, a, b, gsl_matrix_get(P, a, b) / sum);
    }
    attn_tol(S, ES, P, &v.matrix, &ev.matrix, causal, T);
    for (size_t a = 0; a < Lq; a++) {
      double eps = 0, m = -HUGE_VAL, spread = 0;
      size_t last = causal ? a + 1 : Lk;
      for (size_t b = 0; b < last; b++) {
        eps = claim_fmax(eps, gsl_matrix_get(ES, a, b));
        m = claim_fmax(m, gsl_matrix_get(S, a, b));
      }
      for (size_t b = 0; b < last; b++)
        spread = claim_fmax(spread, m - gsl_matrix_get(S, a, b));
      double rho = expm1(2 * eps) + 2 * (u * (spread + 2 * eps) + 3 * u +
                                         gam((double)Lk));
      for (size_t b = 0; b < Lk; b++) {
        double pab = gsl_matrix_get(P, a, b);
        gsl_matrix_set(Wref, a, b, gsl_matrix_get(Wref, a, b) + pab / (double)H);
        gsl_matrix_set(Wtol, a, b, gsl_matrix_get(Wtol, a, b) +
                       (rho + gam((double)H + 2)) * pab / (double)H);
      }
      for (size_t t = 0; t < dh; t++) {
        double o = 0;
        for (size_t b = 0; b < Lk; b++)
          o += gsl_matrix_get(P, a, b) * gsl_matrix_get(&v.matrix, b, t);
        gsl_matrix_set(O, a, j * dh + t, o);
        gsl_matrix_set(EO, a, j * dh + t, gsl_matrix_get(T, a, t));
      }
    }
  }
  const double *Wo = p->data + 3 * E * E + 3 * E, *bo = p->data + 4 * E * E + 3 * E;
  double worst = 0;
  for (size_t a = 0; a < Lq; a++)
    for (size_t o = 0; o < E; o++) {
      double s = bo[o], mag = fabs(bo[o]), prop = 0;
      for (size_t k = 0; k < E; k++) {
        s += Wo[o * E + k] * gsl_matrix_get(O, a, k);
        mag += fabs(Wo[o * E + k] * gsl_matrix_get(O, a, k));
        prop += fabs(Wo[o * E + k]) * gsl_matrix_get(EO, a, k);
      }
      double tol = 1.01 * (prop + 2 * gam((double)E + 1) * mag);
      double d = fabs(gsl_matrix_get(Y, a, o) - s);
      if (d > 0)
        worst = claim_fmax(worst, d / tol);
    }
  *wratio = 0;
  for (size_t a = 0; a < Lq; a++)
    for (size_t b = 0; b < Lk; b++) {
      double d = fabs(gsl_matrix_get(W, a, b) - gsl_matrix_get(Wref, a, b));
      if (d > 0)
        *wratio = fmax(*wratio, d / (1.01 * gsl_matrix_get(Wtol, a, b)));
    }
  gsl_vector_free(p);
  for (int k = 0; k < 3; k++) {
    gsl_matrix_free(X[k]);
    gsl_matrix_free(M[k]);
    gsl_matrix_free(EM[k]);
  }
  gsl_matrix *all[10] = {O, EO, Y, W, Wref, Wtol, S, ES, P, T};
  for (int k = 0; k < 10; k++)
    gsl_matrix_free(all[k]);
  return worst;
}

static void test_mha_reference(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4206);
  gsl_rng *r = new_rng(seed);
  double worst = 0, wworst = 0;
  for (int rep = 0; rep < 24; rep++) {
    size_t H = 1 + rep % 3, E = H * (1 + rep % 4);
    int causal = rep % 2;
    size_t Lq = 1 + (size_t)rep % 5;
    size_t Lk = causal ? Lq : 1 + (size_t)(rep * 7) % 6;
    double w;
    worst = claim_fmax(worst, mha_reference_ratio(r, E, H, Lq, Lk, causal, &w));
    wworst = claim_fmax(wworst, w);
  }
  CLAIM(.id = "rnn.mha-reference", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .tolerance = 0, .samples = 24, .seed = seed,
        .note = "largest |library - loops| of multi-head attention's output"
                " over its rounding bound, 1-3 heads, causal or not");
  CLAIM(.id = "rnn.mha-reference", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = wworst, .reference = 1,
        .tolerance = 0, .samples = 24, .seed = seed,
        .note = "largest |library - loops| of the head-averaged weights over"
                " its rounding bound");
  gsl_rng_free(r);
}
#line 5405 "chapters/04-rnn.nw"
static ev ev_div(ev a, ev b)
{
  double v = a.v / b.v;
  return (ev){v, a.e / fabs(b.v) + fabs(v) * b.e / fabs(b.v) +
                     DBL_EPSILON / 2 * fabs(v)};
}

/* C = alpha op(A) op(B) for ev matrices given as arrays: entry (i, j) is
   sum_k A(i, k) B(k, j) with A(i, k) = A[i * sa + k * ta] and likewise B;
   extra roundings: 'more' (the scaling by a computed alpha) */
static void ev_gemm(size_t m, size_t n, size_t K, double alpha, const ev *A,
                    size_t sa, size_t ta, const ev *B, size_t sb, size_t tb,
                    double more, ev *C, size_t sc)
{
  for (size_t i = 0; i < m; i++)
    for (size_t j = 0; j < n; j++) {
      double v = 0, mag = 0, prop = 0;
      for (size_t k = 0; k < K; k++) {
        ev a = A[i * sa + k * ta], b = B[k * sb + j * tb];
        v += a.v * b.v;
        mag += fabs(a.v * b.v);
        prop += a.e * fabs(b.v) + fabs(a.v) * b.e;
      }
      C[i * sc + j] = (ev){alpha * v, fabs(alpha) * (gam((double)K + more) *
                                                      mag + prop)};
    }
}

/* the library's attend and attend_backward on one head, on (value, bound)
   pairs: Q (Lq x dh), K, V (Lk x dh), dO (Lq x dh), all with row stride s;
   outputs O, dQ, dK, dV with the same stride */
static void ev_head(size_t Lq, size_t Lk, size_t dh, int causal, size_t s,
                    const ev *Q, const ev *K, const ev *V, const ev *dO,
                    ev *O, ev *dQ, ev *dK, ev *dV)
{
  const double c = 1 / sqrt((double)dh);
  ev *S = malloc(Lq * Lk * sizeof *S), *P = malloc(Lq * Lk * sizeof *P);
  ev *dP = malloc(Lq * Lk * sizeof *dP);
  ev_gemm(Lq, Lk, dh, c, Q, s, 1, K, 1, s, 3, S, Lk);
  for (size_t i = 0; i < Lq; i++) {
    size_t last = causal ? i + 1 : Lk;
    ev m = S[i * Lk];
    double em = 0;
    for (size_t j = 0; j < last; j++) {
      m.v = fmax(m.v, S[i * Lk + j].v);
      em = claim_fmax(em, S[i * Lk + j].e);
    }
    m.e = em;
    ev sum = ev_c(0);
    double mag = 0;
    for (size_t j = 0; j < last; j++) {
      ev x = ev_sub(S[i * Lk + j], m);
      double ex = exp(x.v);
      P[i * Lk + j] = (ev){ex, ex * x.e + DBL_EPSILON * ex};
      sum.v += ex;
      sum.e += P[i * Lk + j].e;
      mag += ex;
    }
    sum.e += gam((double)Lk) * mag;
    for (size_t j = 0; j < Lk; j++)
      P[i * Lk + j] = j < last ? ev_div(P[i * Lk + j], sum) : ev_c(0);
  }
  ev_gemm(Lq, dh, Lk, 1, P, Lk, 1, V, s, 1, 0, O, s);
  ev_gemm(Lk, dh, Lq, 1, P, 1, Lk, dO, s, 1, 0, dV, s);
  ev_gemm(Lq, Lk, dh, 1, dO, s, 1, V, 1, s, 0, dP, Lk);
  for (size_t i = 0; i < Lq; i++) {
    double v = 0, mag = 0, prop = 0;
    for (size_t j = 0; j < Lk; j++) {
      ev a = P[i * Lk + j], b = dP[i * Lk + j];
      v += a.v * b.v;
      mag += fabs(a.v * b.v);
      prop += a.e * fabs(b.v) + fabs(a.v) * b.e;
    }
    ev dot = {v, gam((double)Lk) * mag + prop};
    for (size_t j = 0; j < Lk; j++)
      dP[i * Lk + j] = ev_mul(P[i * Lk + j], ev_sub(dP[i * Lk + j], dot));
  }
  ev_gemm(Lq, dh, Lk, c, dP, Lk, 1, K, s, 1, 3, dQ, s);
  ev_gemm(Lk, dh, Lq, c, dP, 1, Lk, Q, s, 1, 3, dK, s);
  free(S);
  free(P);
  free(dP);
}

/* the rounding bound of mdl_rnn_mha_backward, for (dparams, dXq, dXk,
   dXv) in order */
static void mha_bound(size_t E, size_t H, int causal, const gsl_vector *p,
                      gsl_matrix *const X[3], const gsl_matrix *dY,
                      double *bound)
{
  const size_t Lq = X[0]->size1, Lk = X[1]->size1, dh = E / H;
  const size_t rows[3] = {Lq, Lk, Lk};
  ev *M[4], *G[3], *Xe[3], *W[4], *dYe = malloc(Lq * E * sizeof *dYe);
  ev *dO = malloc(Lq * E * sizeof *dO), *one = malloc((Lq + Lk) * sizeof *one);
  for (size_t i = 0; i < Lq + Lk; i++)
    one[i] = ev_c(1);
  for (size_t i = 0; i < Lq * E; i++)
    dYe[i] = ev_c(gsl_matrix_get(dY, i / E, i % E));
  for (int k = 0; k < 4; k++) {
    W[k] = malloc(E * E * sizeof *W[k]);
    const double *w = p->data + (k < 3 ? k * E * E : 3 * E * E + 3 * E);
    for (size_t i = 0; i < E * E; i++)
      W[k][i] = ev_c(w[i]);
  }
  for (int k = 0; k < 3; k++) {
    Xe[k] = malloc(rows[k] * E * sizeof *Xe[k]);
    M[k] = malloc(rows[k] * E * sizeof *M[k]);
    G[k] = malloc(rows[k] * E * sizeof *G[k]);
    for (size_t i = 0; i < rows[k] * E; i++)
      Xe[k][i] = ev_c(gsl_matrix_get(X[k], i / E, i % E));
    ev_gemm(rows[k], E, E, 1, Xe[k], E, 1, W[k], 1, E, 1, M[k], E);
    const double *b = p->data + 3 * E * E + k * E;
    for (size_t i = 0; i < rows[k]; i++)
      for (size_t o = 0; o < E; o++) {
        ev *m = &M[k][i * E + o];
        m->e += gam((double)E + 1) * fabs(b[o]);
        m->v += b[o];
      }
  }
  M[3] = malloc(Lq * E * sizeof *M[3]);
  ev_gemm(Lq, E, E, 1, dYe, E, 1, W[3], E, 1, 0, dO, E);
  for (size_t j = 0; j < H; j++)
    ev_head(Lq, Lk, dh, causal, E, M[0] + j * dh, M[1] + j * dh,
            M[2] + j * dh, dO + j * dh, M[3] + j * dh, G[0] + j * dh,
            G[1] + j * dh, G[2] + j * dh);
  size_t o = 0;
  ev *tmp = malloc(E * E * sizeof *tmp);
  for (int k = 0; k < 3; k++) {
    ev_gemm(E, E, rows[k], 1, G[k], 1, E, Xe[k], E, 1, 0, tmp, E);
    for (size_t i = 0; i < E * E; i++)
      bound[o + i] = tmp[i].e;
    o += E * E;
  }
  for (int k = 0; k < 3; k++) {
    ev_gemm(E, 1, rows[k], 1, G[k], 1, E, one, 1, 1, 0, tmp, 1);
    for (size_t i = 0; i < E; i++)
      bound[o + i] = tmp[i].e;
    o += E;
  }
  ev_gemm(E, E, Lq, 1, dYe, 1, E, M[3], E, 1, 0, tmp, E);
  for (size_t i = 0; i < E * E; i++)
    bound[o + i] = tmp[i].e;
  o += E * E;
  ev_gemm(E, 1, Lq, 1, dYe, 1, E, one, 1, 1, 0, tmp, 1);
  for (size_t i = 0; i < E; i++)
    bound[o + i] = tmp[i].e;
  o += E;
  for (int k = 0; k < 3; k++) {
    ev *dX = malloc(rows[k] * E * sizeof *dX);
    ev_gemm(rows[k], E, E, 1, G[k], E, 1, W[k], E, 1, 0, dX, E);
    for (size_t i = 0; i < rows[k] * E; i++)
      bound[o + i] = dX[i].e;
    o += rows[k] * E;
    free(dX);
  }
  for (int k = 0; k < 3; k++) {
    free(Xe[k]);
    free(M[k]);
    free(G[k]);
  }
  for (int k = 0; k < 4; k++)
    free(W[k]);
  free(M[3]);
  free(dYe);
  free(dO);
  free(one);
  free(tmp);
}

/* forward-mode gradient of <dY, Y> for multi-head attention, with respect
   to (params, Xq, Xk, Xv) in order, rounded to double */
static void mha_reference(size_t E, size_t H, int causal, const gsl_vector *p,
                          gsl_matrix *const X[3], const gsl_matrix *dY,
                          double *g)
{
  const size_t Lq = X[0]->size1, Lk = X[1]->size1, dh = E / H;
  const size_t rows[3] = {Lq, Lk, Lk}, np = p->size;
  const double *Wo = p->data + 3 * E * E + 3 * E;
  mpfr_t *M[3], *dM[3], *Ex = mp_alloc(H * Lq * Lk), *Z = mp_alloc(H * Lq);
  mpfr_t *O = mp_alloc(Lq * E), *dO = mp_alloc(Lq * E), *Sd = mp_alloc(Lk);
  mpfr_t c, t, u, acc, zd, pd, dl;
  mpfr_inits2(MP_BITS, c, t, u, acc, zd, pd, dl, (mpfr_ptr)0);
  mpfr_set_ui(c, (unsigned long)dh, MPFR_RNDN);
  mpfr_rec_sqrt(c, c, MPFR_RNDN);
  for (int k = 0; k < 3; k++) {
    M[k] = mp_alloc(rows[k] * E);
    dM[k] = mp_alloc(rows[k] * E);
    for (size_t i = 0; i < rows[k]; i++)
      for (size_t o = 0; o < E; o++) {
        mpfr_t *m = &M[k][i * E + o];
        mpfr_set_d(*m, p->data[3 * E * E + k * E + o], MPFR_RNDN);
        for (size_t l = 0; l < E; l++) {
          mpfr_set_d(t, p->data[k * E * E + o * E + l], MPFR_RNDN);
          mpfr_mul_d(t, t, gsl_matrix_get(X[k], i, l), MPFR_RNDN);
          mpfr_add(*m, *m, t, MPFR_RNDN);
        }
      }
  }
  for (size_t hd = 0; hd < H; hd++)
    for (size_t i = 0; i < Lq; i++) {
      mpfr_set_zero(Z[hd * Lq + i], 1);
      for (size_t j = 0; j < Lk; j++) {
        mpfr_t *e = &Ex[(hd * Lq + i) * Lk + j];
        mpfr_set_zero(*e, 1);
        if (causal && j > i)
          continue;
        for (size_t a = 0; a < dh; a++) {
          mpfr_mul(t, M[0][i * E + hd * dh + a], M[1][j * E + hd * dh + a],
                   MPFR_RNDN);
          mpfr_add(*e, *e, t, MPFR_RNDN);
        }
        mpfr_mul(*e, *e, c, MPFR_RNDN);
        mpfr_exp(*e, *e, MPFR_RNDN);
        mpfr_add(Z[hd * Lq + i], Z[hd * Lq + i], *e, MPFR_RNDN);
      }
      for (size_t a = 0; a < dh; a++) {
        mpfr_t *o = &O[i * E + hd * dh + a];
        mpfr_set_zero(*o, 1);
        for (size_t j = 0; j < Lk; j++) {
          mpfr_mul(t, Ex[(hd * Lq + i) * Lk + j], M[2][j * E + hd * dh + a],
                   MPFR_RNDN);
          mpfr_add(*o, *o, t, MPFR_RNDN);
        }
        mpfr_div(*o, *o, Z[hd * Lq + i], MPFR_RNDN);
      }
    }
  size_t nz = np + (Lq + 2 * Lk) * E;
  for (size_t q = 0; q < nz; q++) {
    /* tangents of the projections */
    for (int k = 0; k < 3; k++) {
      for (size_t i = 0; i < rows[k] * E; i++)
        mpfr_set_zero(dM[k][i], 1);
      size_t w0 = k * E * E, b0 = 3 * E * E + k * E;
      size_t x0 = np + (k == 0 ? 0 : k == 1 ? Lq * E : (Lq + Lk) * E);
      for (size_t i = 0; i < rows[k]; i++)
        for (size_t o = 0; o < E; o++) {
          double d = 0;
          if (q >= w0 && q < w0 + E * E && (q - w0) / E == o)
            d += gsl_matrix_get(X[k], i, (q - w0) % E);
          if (q == b0 + o)
            d += 1;
          if (q >= x0 && q < x0 + rows[k] * E && (q - x0) / E == i)
            d += p->data[w0 + o * E + (q - x0) % E];
          mpfr_set_d(dM[k][i * E + o], d, MPFR_RNDN);
        }
    }
    /* tangents of the heads' outputs */
    for (size_t hd = 0; hd < H; hd++)
      for (size_t i = 0; i < Lq; i++) {
        mpfr_set_zero(zd, 1);
        for (size_t j = 0; j < Lk; j++) {
          mpfr_set_zero(Sd[j], 1);
          for (size_t a = 0; a < dh; a++) {
            size_t qi = i * E + hd * dh + a, kj = j * E + hd * dh + a;
            mpfr_mul(t, dM[0][qi], M[1][kj], MPFR_RNDN);
            mpfr_add(Sd[j], Sd[j], t, MPFR_RNDN);
            mpfr_mul(t, M[0][qi], dM[1][kj], MPFR_RNDN);
            mpfr_add(Sd[j], Sd[j], t, MPFR_RNDN);
          }
          mpfr_mul(Sd[j], Sd[j], c, MPFR_RNDN);
          mpfr_mul(t, Ex[(hd * Lq + i) * Lk + j], Sd[j], MPFR_RNDN);
          mpfr_add(zd, zd, t, MPFR_RNDN);
        }
        for (size_t a = 0; a < dh; a++)
          mpfr_set_zero(dO[i * E + hd * dh + a], 1);
        for (size_t j = 0; j < Lk; j++) {
          mpfr_t *e = &Ex[(hd * Lq + i) * Lk + j], *z = &Z[hd * Lq + i];
          /* dP = (e s' Z - e Z') / Z^2 */
          mpfr_mul(t, Sd[j], *z, MPFR_RNDN);
          mpfr_sub(t, t, zd, MPFR_RNDN);
          mpfr_mul(t, t, *e, MPFR_RNDN);
          mpfr_div(t, t, *z, MPFR_RNDN);
          mpfr_div(pd, t, *z, MPFR_RNDN);
          mpfr_div(u, *e, *z, MPFR_RNDN);
          for (size_t a = 0; a < dh; a++) {
            size_t vj = j * E + hd * dh + a;
            mpfr_mul(t, pd, M[2][vj], MPFR_RNDN);
            mpfr_add(dO[i * E + hd * dh + a], dO[i * E + hd * dh + a], t,
                     MPFR_RNDN);
            mpfr_mul(t, u, dM[2][vj], MPFR_RNDN);
            mpfr_add(dO[i * E + hd * dh + a], dO[i * E + hd * dh + a], t,
                     MPFR_RNDN);
          }
        }
      }
    /* dL = sum dY (dO Wo^T + O dWo^T + dbo) */
    mpfr_set_zero(dl, 1);
    size_t wo0 = 3 * E * E + 3 * E, bo0 = 4 * E * E + 3 * E;
    for (size_t i = 0; i < Lq; i++)
      for (size_t o = 0; o < E; o++) {
        mpfr_set_zero(acc, 1);
        for (size_t k = 0; k < E; k++) {
          mpfr_mul_d(t, dO[i * E + k], Wo[o * E + k], MPFR_RNDN);
          mpfr_add(acc, acc, t, MPFR_RNDN);
        }
        if (q >= wo0 && q < wo0 + E * E && (q - wo0) / E == o)
          mpfr_add(acc, acc, O[i * E + (q - wo0) % E], MPFR_RNDN);
        if (q == bo0 + o)
          mpfr_add_ui(acc, acc, 1, MPFR_RNDN);
        mpfr_mul_d(acc, acc, gsl_matrix_get(dY, i, o), MPFR_RNDN);
        mpfr_add(dl, dl, acc, MPFR_RNDN);
      }
    g[q] = mpfr_get_d(dl, MPFR_RNDN);
  }
  for (int k = 0; k < 3; k++) {
    mp_free(M[k], rows[k] * E);
    mp_free(dM[k], rows[k] * E);
  }
  mp_free(Ex, H * Lq * Lk);
  mp_free(Z, H * Lq);
  mp_free(O, Lq * E);
  mp_free(dO, Lq * E);
  mp_free(Sd, Lk);
  mpfr_clears(c, t, u, acc, zd, pd, dl, (mpfr_ptr)0);
}

static void test_mha_backward(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4207);
  gsl_rng *r = new_rng(seed);
  double worst = 0;
  for (int rep = 0; rep < 6; rep++) {
    size_t H = 1 + (size_t)rep % 3, E = 2 * H;
    int causal = rep % 2;
    size_t Lq = 3 + (size_t)rep % 2;
    size_t Lk = causal ? Lq : 2 + (size_t)rep % 3;
    gsl_vector *p = gsl_vector_alloc(mdl_rnn_mha_nparams(E));
    size_t rows[3] = {Lq, Lk, Lk};
    gsl_matrix *X[3], *dX[3];
    for (int k = 0; k < 3; k++) {
      X[k] = gsl_matrix_alloc(rows[k], E);
      dX[k] = gsl_matrix_alloc(rows[k], E);
      fill(X[k], r, 1);
    }
    gsl_matrix *dY = gsl_matrix_alloc(Lq, E);
    fillv(p, r, 0.8);
    fill(dY, r, 1);
    size_t nz = p->size + (Lq + 2 * Lk) * E, o = p->size;
    gsl_vector *g = gsl_vector_alloc(nz);
    gsl_vector_view gp = gsl_vector_subvector(g, 0, p->size);
    mdl_rnn_mha_backward(E, H, p, X[0], X[1], X[2], causal, dY, &gp.vector,
                         dX[0], dX[1], dX[2]);
    for (int k = 0; k < 3; k++)
      for (size_t i = 0; i < rows[k]; i++)
        for (size_t j = 0; j < E; j++, o++)
          gsl_vector_set(g, o, gsl_matrix_get(dX[k], i, j));
    double *ref = malloc(nz * sizeof *ref), *bound = malloc(nz * sizeof *bound);
    mha_reference(E, H, causal, p, X, dY, ref);
    mha_bound(E, H, causal, p, X, dY, bound);
    for (size_t i = 0; i < nz; i++) {
      double diff = fabs(gsl_vector_get(g, i) - ref[i]);
      double tol = 1.01 * (bound[i] + DBL_EPSILON / 2 * fabs(ref[i]));
      worst = claim_fmax(worst, tol > 0 ? diff / tol : diff > 0 ? HUGE_VAL : 0);
    }
    free(ref);
    free(bound);
    gsl_vector_free(g);
    gsl_vector_free(p);
    for (int k = 0; k < 3; k++) {
      gsl_matrix_free(X[k]);
      gsl_matrix_free(dX[k]);
    }
    gsl_matrix_free(dY);
  }
  CLAIM(.id = "rnn.mha-backward", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .tolerance = 0, .samples = 6, .seed = seed,
        .note = "largest |backward - forward mode (MPFR)| over its rounding"
                " bound, 1-3 heads, parameters and inputs");
  gsl_rng_free(r);
}
#line 5784 "chapters/04-rnn.nw"
static void test_one_head(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4208);
  gsl_rng *r = new_rng(seed);
  const size_t L = 6, E = 5;
  const double u = DBL_EPSILON / 2;
  double worst = 0, unscaled = HUGE_VAL;
  gsl_vector *p = gsl_vector_calloc(mdl_rnn_mha_nparams(E));
  gsl_matrix *X = gsl_matrix_alloc(L, E), *Y = gsl_matrix_alloc(L, E);
  gsl_matrix *Wq = gsl_matrix_alloc(E, E), *Wk = gsl_matrix_alloc(E, E);
  gsl_matrix *Wv = gsl_matrix_alloc(E, E), *A = gsl_matrix_alloc(E, E);
  gsl_matrix *XA = gsl_matrix_alloc(L, E), *S = gsl_matrix_alloc(L, L);
  gsl_matrix *ES = gsl_matrix_alloc(L, L), *V = gsl_matrix_alloc(L, E);
  gsl_matrix *EV = gsl_matrix_alloc(L, E), *P = gsl_matrix_alloc(L, L);
  gsl_matrix *Yn = gsl_matrix_alloc(L, E), *tol = gsl_matrix_alloc(L, E);
  for (int rep = 0; rep < 10; rep++) {
    fill(X, r, 1);
    fill(Wq, r, 1);
    fill(Wk, r, 1);
    fill(Wv, r, 1);
    gsl_vector_set_zero(p);
    for (size_t i = 0; i < E; i++)
      for (size_t j = 0; j < E; j++) {
        gsl_vector_set(p, i * E + j, gsl_matrix_get(Wq, j, i));
        gsl_vector_set(p, E * E + i * E + j, gsl_matrix_get(Wk, j, i));
        gsl_vector_set(p, 2 * E * E + i * E + j, gsl_matrix_get(Wv, j, i));
      }
    for (size_t i = 0; i < E; i++)
      gsl_vector_set(p, 3 * E * E + 3 * E + i * E + i, 1);
    mdl_rnn_mha_forward(E, 1, p, X, X, X, 0, Y, NULL);
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, Wq, Wk, 0.0, A);
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, X, A, 0.0, XA);
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1 / sqrt((double)E), XA, X, 0.0, S);
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, X, Wv, 0.0, V);
    for (size_t i = 0; i < L; i++) {
      double m = -HUGE_VAL, sum = 0;
      for (size_t j = 0; j < L; j++)
        m = claim_fmax(m, gsl_matrix_get(S, i, j));
      for (size_t j = 0; j < L; j++)
        sum += exp(gsl_matrix_get(S, i, j) - m);
      for (size_t j = 0; j < L; j++) {
        gsl_matrix_set(P, i, j, exp(gsl_matrix_get(S, i, j) - m) / sum);
        double a = 0;
        for (size_t k = 0; k < E; k++)
          for (size_t l = 0; l < E; l++)
            for (size_t t = 0; t < E; t++)
              a += fabs(gsl_matrix_get(X, i, k) * gsl_matrix_get(Wq, k, t) *
                        gsl_matrix_get(Wk, l, t) * gsl_matrix_get(X, j, l));
        gsl_matrix_set(ES, i, j, 2 * gam(2.0 * (double)E + 2) * a / sqrt((double)E) +
                       2 * u * fabs(gsl_matrix_get(S, i, j)));
      }
      for (size_t c = 0; c < E; c++) {
        double a = 0;
        for (size_t k = 0; k < E; k++)
          a += fabs(gsl_matrix_get(X, i, k) * gsl_matrix_get(Wv, k, c));
        gsl_matrix_set(EV, i, c, 2 * gam((double)E + 1) * a);
      }
    }
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, P, V, 0.0, Yn);
    attn_tol(S, ES, P, V, EV, 0, tol);
    for (size_t i = 0; i < L; i++)
      for (size_t c = 0; c < E; c++) {
        double d = fabs(gsl_matrix_get(Y, i, c) - gsl_matrix_get(Yn, i, c));
        double pv = 0;
        for (size_t j = 0; j < L; j++)
          pv += gsl_matrix_get(P, i, j) * fabs(gsl_matrix_get(V, j, c));
        if (d > 0)
          worst = claim_fmax(worst, d / (gsl_matrix_get(tol, i, c) +
                                   2 * gam((double)L) * pv));
      }
    gsl_matrix_scale(S, sqrt((double)E));
    double dev = 0;
    for (size_t i = 0; i < L; i++) {
      double m = -HUGE_VAL, sum = 0;
      for (size_t j = 0; j < L; j++)
        m = claim_fmax(m, gsl_matrix_get(S, i, j));
      for (size_t j = 0; j < L; j++)
        sum += exp(gsl_matrix_get(S, i, j) - m);
      for (size_t j = 0; j < L; j++)
        gsl_matrix_set(P, i, j, exp(gsl_matrix_get(S, i, j) - m) / sum);
    }
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, P, V, 0.0, Yn);
    for (size_t i = 0; i < L; i++)
      for (size_t c = 0; c < E; c++)
        dev = claim_fmax(dev, fabs(gsl_matrix_get(Y, i, c) - gsl_matrix_get(Yn, i, c)) /
                            gsl_matrix_get(tol, i, c));
    unscaled = fmin(unscaled, dev);
  }
  CLAIM(.id = "rnn.mha-one-head", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .tolerance = 0, .samples = 10, .seed = seed,
        .note = "largest |one-head attention - softmax(X Wq Wk^T X^T/sqrt d)"
                " X Wv| over its rounding bound");
  CLAIM(.id = "rnn.mha-one-head", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = unscaled, .reference = 1e6,
        .tolerance = 0, .samples = 10, .seed = seed,
        .note = "the notes' form without 1/sqrt d: smallest largest"
                " deviation over the rounding bound");
  gsl_vector_free(p);
  gsl_matrix *all[14] = {X, Y, Wq, Wk, Wv, A, XA, S, ES, V, EV, P, Yn, tol};
  for (int k = 0; k < 14; k++)
    gsl_matrix_free(all[k]);
  gsl_rng_free(r);
}
#line 5947 "chapters/04-rnn.nw"
enum { REV_L = 8, REV_V = 6, REV_DP = 10, REV_E = REV_V + REV_DP };

static void rev_encode(const int *x, const gsl_matrix *PE, int positions,
                       gsl_matrix *X)
{
  gsl_matrix_set_zero(X);
  for (size_t s = 0; s < REV_L; s++) {
    gsl_matrix_set(X, s, (size_t)x[s], 1);
    for (size_t j = 0; positions && j < REV_DP; j++)
      gsl_matrix_set(X, s, REV_V + j, gsl_matrix_get(PE, s, j));
  }
}

static double reversal(unsigned long seed, int positions, size_t steps)
{
  gsl_rng *r = new_rng(seed);
  gsl_matrix *PE = gsl_matrix_alloc(REV_L, REV_DP);
  gsl_matrix *Q = gsl_matrix_calloc(REV_L, REV_E);
  mdl_rnn_positional(PE);
  for (size_t t = 0; positions && t < REV_L; t++)
    for (size_t j = 0; j < REV_DP; j++)
      gsl_matrix_set(Q, t, REV_V + j, gsl_matrix_get(PE, t, j));
  size_t np = mdl_rnn_mha_nparams(REV_E);
  gsl_vector *p = gsl_vector_alloc(np), *g = gsl_vector_alloc(np);
  gsl_vector *sum = gsl_vector_alloc(np);
  fillv(p, r, 1 / sqrt((double)REV_E));
  mdl_optim_params op = mdl_optim_defaults(mdl_optim_adam);
  op.lr = 0.03;
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_adam, np, &op);
  gsl_matrix *X = gsl_matrix_alloc(REV_L, REV_E), *Y = gsl_matrix_alloc(REV_L, REV_E);
  gsl_matrix *dY = gsl_matrix_calloc(REV_L, REV_E);
  gsl_matrix *T = gsl_matrix_alloc(REV_L, REV_V), *dV = gsl_matrix_alloc(REV_L, REV_V);
  int x[REV_L];
  for (size_t k = 0; k < steps; k++) {
    gsl_vector_set_zero(sum);
    for (int b = 0; b < 16; b++) {
      for (int s = 0; s < REV_L; s++)
        x[s] = (int)gsl_rng_uniform_int(r, REV_V);
      rev_encode(x, PE, positions, X);
      mdl_rnn_mha_forward(REV_E, 1, p, Q, X, X, 0, Y, NULL);
      gsl_matrix_view logits = gsl_matrix_submatrix(Y, 0, 0, REV_L, REV_V);
      gsl_matrix_view dlog = gsl_matrix_submatrix(dY, 0, 0, REV_L, REV_V);
      gsl_matrix_set_zero(T);
      for (int t = 0; t < REV_L; t++)
        gsl_matrix_set(T, (size_t)t, (size_t)x[REV_L - 1 - t], 1);
      double v;
      mdl_net_loss_eval(MDL_NET_LOSS_SOFTMAX_CE, &logits.matrix, T, &v, dV);
      gsl_matrix_memcpy(&dlog.matrix, dV);
      mdl_rnn_mha_backward(REV_E, 1, p, Q, X, X, 0, dY, g, NULL, NULL, NULL);
      gsl_vector_add(sum, g);
    }
    gsl_vector_scale(sum, 1.0 / 16);
    mdl_optim_step(opt, p, sum);
  }
  int correct = 0;
  for (int n = 0; n < 200; n++) {
    for (int s = 0; s < REV_L; s++)
      x[s] = (int)gsl_rng_uniform_int(r, REV_V);
    rev_encode(x, PE, positions, X);
    mdl_rnn_mha_forward(REV_E, 1, p, Q, X, X, 0, Y, NULL);
    for (int t = 0; t < REV_L; t++) {
      size_t best = 0;
      for (size_t c = 1; c < REV_V; c++)
        if (gsl_matrix_get(Y, (size_t)t, c) > gsl_matrix_get(Y, (size_t)t, best))
          best = c;
      correct += (int)best == x[REV_L - 1 - t];
    }
  }
  gsl_matrix *all[7] = {PE, Q, X, Y, dY, T, dV};
  for (int k = 0; k < 7; k++)
    gsl_matrix_free(all[k]);
  gsl_vector_free(p);
  gsl_vector_free(g);
  gsl_vector_free(sum);
  mdl_optim_free(opt);
  gsl_rng_free(r);
  return correct / (200.0 * REV_L);
}

static void test_reversal(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4600);
  CLAIM(.id = "rnn.reversal", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = reversal(seed, 1, 200),
        .reference = 0.99, .tolerance = 0, .samples = 200 * REV_L,
        .seed = seed,
        .note = "token accuracy of one trained attention head reversing"
                " 200 fresh sequences of 8 tokens");
  CLAIM(.id = "rnn.reversal-needs-positions", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = reversal(seed, 0, 200),
        .reference = 0.5, .tolerance = 0, .samples = 200 * REV_L,
        .seed = seed,
        .note = "the same without positional encodings");
}
#line 6289 "chapters/04-rnn.nw"
enum { S2S_L = 6, S2S_V = 6, S2S_P = 8, S2S_H = 16, S2S_B = 16,
       S2S_NE = S2S_V + S2S_P, S2S_ND = S2S_V + 1 + S2S_P, S2S_EVAL = 100 };

typedef struct {
  gsl_matrix *PE, *Xe, *He, *Xd, *Hd, *Z, *logits, *T, *dlog, *dZ, *dHe,
      *dHd, *dH0, *Q, *K, *Y, *dQ, *dK, *dV, *h0;
  gsl_vector *p, *g;
  size_t ne, nd;
} s2s;

static void s2s_alloc(s2s *m)
{
  const size_t LB = S2S_L * S2S_B, h = S2S_H;
  m->ne = mdl_rnn_nparams(MDL_RNN_GRU, S2S_NE, h);
  m->nd = mdl_rnn_nparams(MDL_RNN_GRU, S2S_ND, h);
  size_t np = m->ne + m->nd + S2S_V * 2 * h + S2S_V;
  m->p = gsl_vector_alloc(np);
  m->g = gsl_vector_alloc(np);
  m->PE = gsl_matrix_alloc(S2S_L, S2S_P);
  mdl_rnn_positional(m->PE);
  m->Xe = gsl_matrix_alloc(LB, S2S_NE);
  m->He = gsl_matrix_alloc(LB, h);
  m->Xd = gsl_matrix_alloc(LB, S2S_ND);
  m->Hd = gsl_matrix_alloc(LB, h);
  m->Z = gsl_matrix_alloc(LB, 2 * h);
  m->logits = gsl_matrix_alloc(LB, S2S_V);
  m->T = gsl_matrix_alloc(LB, S2S_V);
  m->dlog = gsl_matrix_alloc(LB, S2S_V);
  m->dZ = gsl_matrix_alloc(LB, 2 * h);
  m->dHe = gsl_matrix_alloc(LB, h);
  m->dHd = gsl_matrix_alloc(LB, h);
  m->dH0 = gsl_matrix_alloc(S2S_B, h);
  m->h0 = gsl_matrix_alloc(S2S_B, h);
  m->Q = gsl_matrix_alloc(S2S_L, h);
  m->K = gsl_matrix_alloc(S2S_L, h);
  m->Y = gsl_matrix_alloc(S2S_L, h);
  m->dQ = gsl_matrix_alloc(S2S_L, h);
  m->dK = gsl_matrix_alloc(S2S_L, h);
  m->dV = gsl_matrix_alloc(S2S_L, h);
}

static void s2s_free(s2s *m)
{
  gsl_matrix *all[20] = {m->PE, m->Xe, m->He, m->Xd, m->Hd, m->Z, m->logits,
                         m->T, m->dlog, m->dZ, m->dHe, m->dHd, m->dH0, m->h0,
                         m->Q, m->K, m->Y, m->dQ, m->dK, m->dV};
  for (int k = 0; k < 20; k++)
    gsl_matrix_free(all[k]);
  gsl_vector_free(m->p);
  gsl_vector_free(m->g);
}

/* views of the parameter vector v (p or g) */
static gsl_vector_view s2s_enc(const s2s *m, gsl_vector *v)
{
  return gsl_vector_subvector(v, 0, m->ne);
}
static gsl_vector_view s2s_dec(const s2s *m, gsl_vector *v)
{
  return gsl_vector_subvector(v, m->ne, m->nd);
}
static gsl_matrix_view s2s_wo(const s2s *m, gsl_vector *v)
{
  return gsl_matrix_view_array(v->data + m->ne + m->nd, S2S_V, 2 * S2S_H);
}
static gsl_vector_view s2s_bo(const s2s *m, gsl_vector *v)
{
  return gsl_vector_subvector(v, m->ne + m->nd + S2S_V * 2 * S2S_H, S2S_V);
}

/* rows t*B+b, t < L, of A into the L x n matrix S */
static void s2s_gather(const gsl_matrix *A, size_t b, size_t rows,
                       gsl_matrix *S)
{
  for (size_t t = 0; t < rows; t++) {
    gsl_vector_const_view a = gsl_matrix_const_row(A, t * S2S_B + b);
    gsl_matrix_set_row(S, t, &a.vector);
  }
}

/* encoder input row (t,b): one-hot of x then PE_t; decoder input row (t,b):
   one-hot of the previous token (S2S_V = start) then PE_t */
static void s2s_encode(s2s *m, const int (*x)[S2S_L])
{
  gsl_matrix_set_zero(m->Xe);
  for (size_t t = 0; t < S2S_L; t++)
    for (size_t b = 0; b < S2S_B; b++) {
      gsl_matrix_set(m->Xe, t * S2S_B + b, (size_t)x[b][t], 1);
      for (size_t j = 0; j < S2S_P; j++)
        gsl_matrix_set(m->Xe, t * S2S_B + b, S2S_V + j,
                       gsl_matrix_get(m->PE, t, j));
    }
  gsl_vector_view pe = s2s_enc(m, m->p);
  mdl_rnn_forward(MDL_RNN_GRU, S2S_NE, S2S_H, S2S_B, &pe.vector, m->Xe, NULL,
                  NULL, m->He);
  gsl_matrix_const_view last =
      gsl_matrix_const_submatrix(m->He, (S2S_L - 1) * S2S_B, 0, S2S_B, S2S_H);
  gsl_matrix_memcpy(m->h0, &last.matrix);
}

static void s2s_set_input(s2s *m, size_t t, size_t b, int prev)
{
  gsl_vector_view row = gsl_matrix_row(m->Xd, t * S2S_B + b);
  gsl_vector_set_zero(&row.vector);
  gsl_vector_set(&row.vector, (size_t)prev, 1);
  for (size_t j = 0; j < S2S_P; j++)
    gsl_vector_set(&row.vector, S2S_V + 1 + j, gsl_matrix_get(m->PE, t, j));
}

/* attention of decoder rows < rows over the encoder states, then logits */
static void s2s_readout(s2s *m, size_t rows)
{
  const size_t h = S2S_H;
  for (size_t b = 0; b < S2S_B; b++) {
    gsl_matrix_view q = gsl_matrix_submatrix(m->Q, 0, 0, rows, h);
    gsl_matrix_view y = gsl_matrix_submatrix(m->Y, 0, 0, rows, h);
    s2s_gather(m->Hd, b, rows, &q.matrix);
    s2s_gather(m->He, b, S2S_L, m->K);
    mdl_attention(&q.matrix, m->K, m->K, 0, &y.matrix, NULL);
    for (size_t t = 0; t < rows; t++)
      for (size_t j = 0; j < h; j++) {
        gsl_matrix_set(m->Z, t * S2S_B + b, j,
                       gsl_matrix_get(m->Hd, t * S2S_B + b, j));
        gsl_matrix_set(m->Z, t * S2S_B + b, h + j, gsl_matrix_get(m->Y, t, j));
      }
  }
  gsl_matrix_view wo = s2s_wo(m, m->p);
  gsl_vector_view bo = s2s_bo(m, m->p);
  gsl_matrix_view z = gsl_matrix_submatrix(m->Z, 0, 0, rows * S2S_B, 2 * h);
  gsl_matrix_view lg =
      gsl_matrix_submatrix(m->logits, 0, 0, rows * S2S_B, S2S_V);
  for (size_t i = 0; i < rows * S2S_B; i++) {
    gsl_vector_view row = gsl_matrix_row(&lg.matrix, i);
    gsl_vector_memcpy(&row.vector, &bo.vector);
  }
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, &z.matrix, &wo.matrix, 1.0,
                 &lg.matrix);
}

static int s2s_argmax(const s2s *m, size_t row)
{
  size_t best = 0;
  for (size_t c = 1; c < S2S_V; c++)
    if (gsl_matrix_get(m->logits, row, c) >
        gsl_matrix_get(m->logits, row, best))
      best = c;
  return (int)best;
}

/* decoder inputs: teacher forcing feeds y[b][t-1]; free running feeds the
   model's own argmax, one step at a time.  Leaves Hd, Z, logits set. */
static void s2s_decode(s2s *m, const int (*y)[S2S_L], int teacher)
{
  gsl_vector_view pd = s2s_dec(m, m->p);
  if (teacher) {
    for (size_t t = 0; t < S2S_L; t++)
      for (size_t b = 0; b < S2S_B; b++)
        s2s_set_input(m, t, b, t == 0 ? S2S_V : y[b][t - 1]);
  } else {
    for (size_t t = 0; t < S2S_L; t++) {
      for (size_t b = 0; b < S2S_B; b++)
        s2s_set_input(m, t, b,
                      t == 0 ? S2S_V : s2s_argmax(m, (t - 1) * S2S_B + b));
      gsl_matrix_view x = gsl_matrix_submatrix(m->Xd, 0, 0, (t + 1) * S2S_B,
                                               S2S_ND);
      gsl_matrix_view hd = gsl_matrix_submatrix(m->Hd, 0, 0, (t + 1) * S2S_B,
                                                S2S_H);
      mdl_rnn_forward(MDL_RNN_GRU, S2S_ND, S2S_H, S2S_B, &pd.vector, &x.matrix,
                      m->h0, NULL, &hd.matrix);
      s2s_readout(m, t + 1);
    }
  }
  mdl_rnn_forward(MDL_RNN_GRU, S2S_ND, S2S_H, S2S_B, &pd.vector, m->Xd, m->h0,
                  NULL, m->Hd);
  s2s_readout(m, S2S_L);
}

/* gradient of the mean cross-entropy at the current decoder inputs */
static double s2s_backward(s2s *m, const int (*y)[S2S_L])
{
  const size_t h = S2S_H, LB = S2S_L * S2S_B;
  gsl_matrix_set_zero(m->T);
  for (size_t t = 0; t < S2S_L; t++)
    for (size_t b = 0; b < S2S_B; b++)
      gsl_matrix_set(m->T, t * S2S_B + b, (size_t)y[b][t], 1);
  double loss;
  mdl_net_loss_eval(MDL_NET_LOSS_SOFTMAX_CE, m->logits, m->T, &loss, m->dlog);
  gsl_matrix_view wo = s2s_wo(m, m->p), dwo = s2s_wo(m, m->g);
  gsl_vector_view dbo = s2s_bo(m, m->g);
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, m->dlog, m->Z, 0.0,
                 &dwo.matrix);
  gsl_vector_set_zero(&dbo.vector);
  for (size_t i = 0; i < LB; i++) {
    gsl_vector_const_view row = gsl_matrix_const_row(m->dlog, i);
    gsl_vector_add(&dbo.vector, &row.vector);
  }
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, m->dlog, &wo.matrix, 0.0,
                 m->dZ);
  gsl_matrix_const_view dzh = gsl_matrix_const_submatrix(m->dZ, 0, 0, LB, h);
  gsl_matrix_memcpy(m->dHd, &dzh.matrix);
  gsl_matrix_set_zero(m->dHe);
  for (size_t b = 0; b < S2S_B; b++) {
    s2s_gather(m->Hd, b, S2S_L, m->Q);
    s2s_gather(m->He, b, S2S_L, m->K);
    for (size_t t = 0; t < S2S_L; t++)
      for (size_t j = 0; j < h; j++)
        gsl_matrix_set(m->Y, t, j, gsl_matrix_get(m->dZ, t * S2S_B + b, h + j));
    mdl_attention_backward(m->Q, m->K, m->K, 0, m->Y, m->dQ, m->dK, m->dV);
    for (size_t t = 0; t < S2S_L; t++)
      for (size_t j = 0; j < h; j++) {
        size_t row = t * S2S_B + b;
        gsl_matrix_set(m->dHd, row, j, gsl_matrix_get(m->dHd, row, j)
                                           + gsl_matrix_get(m->dQ, t, j));
        gsl_matrix_set(m->dHe, row, j, gsl_matrix_get(m->dK, t, j)
                                           + gsl_matrix_get(m->dV, t, j));
      }
  }
  gsl_vector_view pd = s2s_dec(m, m->p), gd = s2s_dec(m, m->g);
  gsl_vector_view pe = s2s_enc(m, m->p), ge = s2s_enc(m, m->g);
  mdl_rnn_backward(MDL_RNN_GRU, S2S_ND, h, S2S_B, &pd.vector, m->Xd, m->h0,
                   NULL, m->dHd, &gd.vector, NULL, m->dH0, NULL);
  gsl_matrix_view last =
      gsl_matrix_submatrix(m->dHe, (S2S_L - 1) * S2S_B, 0, S2S_B, h);
  gsl_matrix_add(&last.matrix, m->dH0);
  mdl_rnn_backward(MDL_RNN_GRU, S2S_NE, h, S2S_B, &pe.vector, m->Xe, NULL,
                   NULL, m->dHe, &ge.vector, NULL, NULL, NULL);
  return loss;
}

static void s2s_draw(gsl_rng *r, int (*x)[S2S_L], int (*y)[S2S_L])
{
  for (size_t b = 0; b < S2S_B; b++) {
    for (size_t t = 0; t < S2S_L; t++)
      x[b][t] = (int)gsl_rng_uniform_int(r, S2S_V);
    for (size_t t = 0; t < S2S_L; t++)
      y[b][t] = x[b][S2S_L - 1 - t];
  }
}

/* token accuracy on 1600 fresh sequences drawn from q, decoded with teacher
   forcing (acc[0]) and free running (acc[1]) */
static void s2s_eval(s2s *m, gsl_rng *q, double acc[2])
{
  int x[S2S_B][S2S_L], y[S2S_B][S2S_L], right[2] = {0, 0};
  for (int n = 0; n < S2S_EVAL; n++) {
    s2s_draw(q, x, y);
    s2s_encode(m, (const int(*)[S2S_L])x);
    for (int mode = 0; mode < 2; mode++) {
      s2s_decode(m, (const int(*)[S2S_L])y, mode == 0);
      for (size_t b = 0; b < S2S_B; b++)
        for (size_t t = 0; t < S2S_L; t++)
          right[mode] += s2s_argmax(m, t * S2S_B + b) == y[b][t];
    }
  }
  for (int mode = 0; mode < 2; mode++)
    acc[mode] = right[mode] / (double)(S2S_EVAL * S2S_B * S2S_L);
}

/* trains with teacher forcing (teacher = 1) or on the model's own
   predictions for steps[0], then steps[1] steps, evaluating into acc[0]
   and (if steps[1] > 0) acc[1] */
static void s2s_run(unsigned long seed, int teacher, const size_t steps[2],
                    double acc[2][2])
{
  gsl_rng *r = new_rng(seed), *q = new_rng(seed + 1);
  s2s m;
  s2s_alloc(&m);
  fillv(m.p, r, 1 / sqrt((double)S2S_H));
  mdl_optim_params op = mdl_optim_defaults(mdl_optim_adam);
  op.lr = 0.01;
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_adam, m.p->size, &op);
  int x[S2S_B][S2S_L], y[S2S_B][S2S_L];
  for (int phase = 0; phase < 2 && (phase == 0 || steps[phase] > 0);
       phase++) {
    for (size_t k = 0; k < steps[phase]; k++) {
      s2s_draw(r, x, y);
      s2s_encode(&m, (const int(*)[S2S_L])x);
      s2s_decode(&m, (const int(*)[S2S_L])y, teacher);
      s2s_backward(&m, (const int(*)[S2S_L])y);
      mdl_optim_step(opt, m.p, m.g);
    }
    s2s_eval(&m, q, acc[phase]);
  }
  mdl_optim_free(opt);
  s2s_free(&m);
  gsl_rng_free(r);
  gsl_rng_free(q);
}

#line 6250 "chapters/04-rnn.nw"
static void test_seq2seq(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4700);
  double tf[2][2], fr[2][2];
  const size_t tf_steps[2] = {100, 200}, fr_steps[2] = {100, 0};
  s2s_run(seed, 1, tf_steps, tf);
  s2s_run(seed, 0, fr_steps, fr);
  CLAIM(.id = "rnn.seq2seq-reversal", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = tf[1][1], .reference = 0.99,
        .tolerance = 0, .samples = S2S_EVAL * S2S_B * S2S_L, .seed = seed,
        .note = "token accuracy, decoding freely, of the GRU encoder-decoder"
                " with attention after 300 teacher-forced steps");
  CLAIM(.id = "rnn.exposure-bias", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = tf[0][0] - tf[0][1],
        .reference = 0.06, .tolerance = 0,
        .samples = S2S_EVAL * S2S_B * S2S_L, .seed = seed,
        .note = "after 100 teacher-forced steps: accuracy fed true tokens"
                " minus accuracy fed own predictions");
  CLAIM(.id = "rnn.exposure-bias-own-predictions", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = fabs(fr[0][0] - fr[0][1]),
        .reference = 0.06, .tolerance = 0,
        .samples = S2S_EVAL * S2S_B * S2S_L, .seed = seed,
        .note = "the same gap, in absolute value, after 100 steps trained on"
                " the model's own predictions");
}
#line 6735 "chapters/04-rnn.nw"
static void test_attention_errors(void **state)
{
  (void)state;
  const char *id = "rnn.errors";
  gsl_matrix *Q = gsl_matrix_alloc(3, 2), *K = gsl_matrix_alloc(4, 2);
  gsl_matrix *V = gsl_matrix_alloc(4, 3), *Y = gsl_matrix_alloc(3, 3);
  gsl_matrix *W = gsl_matrix_alloc(3, 4), *K3 = gsl_matrix_alloc(4, 3);
  gsl_matrix *V5 = gsl_matrix_alloc(5, 3), *Yw = gsl_matrix_alloc(3, 2);
  gsl_matrix *Ww = gsl_matrix_alloc(4, 4), *dQ = gsl_matrix_alloc(3, 2);
  gsl_matrix *dK = gsl_matrix_alloc(4, 2), *dV = gsl_matrix_alloc(4, 3);
  gsl_matrix *X = gsl_matrix_alloc(3, 4), *X5 = gsl_matrix_alloc(3, 5);
  gsl_matrix *Xk = gsl_matrix_alloc(2, 4), *Ym = gsl_matrix_alloc(3, 4);
  gsl_vector *p = gsl_vector_alloc(mdl_rnn_mha_nparams(4));
  gsl_vector *dp = gsl_vector_alloc(p->size), *p5 = gsl_vector_alloc(5);
  gsl_matrix *all[14] = {Q, K, V, K3, V5, X, X5, Xk, Y, W, Yw, Ww, dQ, dK};
  for (int k = 0; k < 8; k++)
    gsl_matrix_set_all(all[k], 0.375);
  gsl_vector_set_all(p, 0.125);
#define RESET()                                                               \
  do {                                                                        \
    gsl_matrix *o_[7] = {Y, W, Yw, Ww, dQ, dK, dV};                           \
    for (int k_ = 0; k_ < 7; k_++)                                            \
      gsl_matrix_set_all(o_[k_], SENT);                                       \
    gsl_matrix_set_all(Ym, SENT);                                             \
    gsl_vector_set_all(dp, SENT);                                             \
  } while (0)
#define CLEAN (same(Y) && same(W) && same(Yw) && same(Ww) && same(dQ) &&      \
               same(dK) && same(dV) && same(Ym) && claim_all_equal(dp, SENT))
  RESET();
  ERR(id, GSL_EFAULT, mdl_attention(NULL, K, V, 0, Y, W), CLEAN,
      "mdl_attention: Q is NULL");
  ERR(id, GSL_EFAULT, mdl_attention(Q, K, V, 0, NULL, W), CLEAN,
      "mdl_attention: Y is NULL");
  ERR(id, GSL_EBADLEN, mdl_attention(Q, K3, V, 0, Y, W), CLEAN,
      "mdl_attention: K has 3 columns, Q has 2");
  ERR(id, GSL_EBADLEN, mdl_attention(Q, K, V5, 0, Y, W), CLEAN,
      "mdl_attention: V has 5 rows, K has 4");
  ERR(id, GSL_EBADLEN, mdl_attention(Q, K, V, 1, Y, W), CLEAN,
      "mdl_attention: causal with Lq = 3, Lk = 4");
  ERR(id, GSL_EBADLEN, mdl_attention(Q, K, V, 0, Yw, W), CLEAN,
      "mdl_attention: Y has 2 columns, V has 3");
  ERR(id, GSL_EBADLEN, mdl_attention(Q, K, V, 0, Y, Ww), CLEAN,
      "mdl_attention: weights is 4 x 4, expected 3 x 4");
  gsl_matrix_set(K, 2, 1, NAN);
  ERR(id, GSL_EDOM, mdl_attention(Q, K, V, 0, Y, W), CLEAN,
      "mdl_attention: a NaN in K");
  ERR(id, GSL_EDOM, mdl_attention_backward(Q, K, V, 0, Y, dQ, dK, dV), CLEAN,
      "mdl_attention_backward: a NaN in K");
  gsl_matrix_set(K, 2, 1, 0.375);
  ERR(id, GSL_EFAULT, mdl_attention_backward(Q, K, V, 0, NULL, dQ, dK, dV),
      CLEAN, "mdl_attention_backward: dY is NULL");
  ERR(id, GSL_EBADLEN, mdl_attention_backward(Q, K, V, 0, Y, dK, dQ, dV),
      CLEAN, "mdl_attention_backward: dQ is 4 x 2, Q is 3 x 2");
  ERR(id, GSL_EBADLEN, mdl_attention_backward(Q, K, V, 0, Yw, dQ, dK, dV),
      CLEAN, "mdl_attention_backward: dY has 2 columns, V has 3");
  gsl_matrix_set_all(Y, HUGE_VAL);
  ERR(id, GSL_EDOM, mdl_attention_backward(Q, K, V, 0, Y, dQ, dK, dV),
      claim_all_equal_matrix(dQ, SENT) && same(dK) && same(dV),
      "mdl_attention_backward: an infinite dY");
  RESET();
  ERR(id, GSL_EINVAL, mdl_rnn_mha_forward(4, 3, p, X, X, X, 0, Ym, NULL),
      CLEAN, "mdl_rnn_mha_forward: 3 heads, d_model 4");
  ERR(id, GSL_EBADLEN, mdl_rnn_mha_forward(4, 2, p5, X, X, X, 0, Ym, NULL),
      CLEAN, "mdl_rnn_mha_forward: params has 5 entries");
  ERR(id, GSL_EBADLEN, mdl_rnn_mha_forward(4, 2, p, X5, X, X, 0, Ym, NULL),
      CLEAN, "mdl_rnn_mha_forward: Xq has 5 columns, d_model 4");
  ERR(id, GSL_EBADLEN, mdl_rnn_mha_forward(4, 2, p, X, X, Xk, 0, Ym, NULL),
      CLEAN, "mdl_rnn_mha_forward: Xv has 2 rows, Xk has 3");
  ERR(id, GSL_EBADLEN, mdl_rnn_mha_forward(4, 2, p, X, Xk, Xk, 1, Yw, NULL),
      CLEAN, "mdl_rnn_mha_forward: causal with Lq = 3, Lk = 2");
  ERR(id, GSL_EBADLEN, mdl_rnn_mha_forward(4, 2, p, X, X, X, 0, Ym, Ww),
      CLEAN, "mdl_rnn_mha_forward: weights is 4 x 4, expected 3 x 3");
  ERR(id, GSL_EFAULT, mdl_rnn_mha_forward(4, 2, NULL, X, X, X, 0, Ym, NULL),
      CLEAN, "mdl_rnn_mha_forward: params is NULL");
  gsl_vector_set(p, 9, NAN);
  ERR(id, GSL_EDOM, mdl_rnn_mha_forward(4, 2, p, X, X, X, 0, Ym, NULL),
      CLEAN, "mdl_rnn_mha_forward: a NaN parameter");
  ERR(id, GSL_EDOM, mdl_rnn_mha_backward(4, 2, p, X, X, X, 0, Ym, dp, NULL,
                                         NULL, NULL),
      CLEAN, "mdl_rnn_mha_backward: a NaN parameter");
  gsl_vector_set(p, 9, 0.125);
  ERR(id, GSL_EFAULT, mdl_rnn_mha_backward(4, 2, p, X, X, X, 0, NULL, dp,
                                           NULL, NULL, NULL),
      CLEAN, "mdl_rnn_mha_backward: dY is NULL");
  ERR(id, GSL_EBADLEN, mdl_rnn_mha_backward(4, 2, p, X, X, X, 0, Ym, p5, NULL,
                                            NULL, NULL),
      CLEAN, "mdl_rnn_mha_backward: dparams has 5 entries");
  ERR(id, GSL_EBADLEN, mdl_rnn_mha_backward(4, 2, p, X, X, X, 0, Ym, dp, Xk,
                                            NULL, NULL),
      CLEAN, "mdl_rnn_mha_backward: dXq is 2 x 4, Xq is 3 x 4");
  gsl_matrix_set(Ym, 0, 0, NAN);
  ERR(id, GSL_EDOM, mdl_rnn_mha_backward(4, 2, p, X, X, X, 0, Ym, dp, NULL,
                                         NULL, NULL),
      claim_all_equal(dp, SENT), "mdl_rnn_mha_backward: a NaN in dY");
  claim_expect_error();
  size_t np = mdl_rnn_mha_nparams(0);
  CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
        .reference = GSL_EINVAL, .untouched = np == 0,
        .note = "mdl_rnn_mha_nparams: d_model 0 gives 0");
  ERR(id, GSL_EFAULT, mdl_rnn_positional(NULL), 1,
      "mdl_rnn_positional: P is NULL");
#undef RESET
#undef CLEAN
  for (int k = 0; k < 14; k++)
    gsl_matrix_free(all[k]);
  gsl_matrix_free(dV);
  gsl_matrix_free(Ym);
  gsl_vector_free(p);
  gsl_vector_free(dp);
  gsl_vector_free(p5);
}
#line 6595 "chapters/04-rnn.nw"
static void test_cell_errors(void **state)
{
  (void)state;
  const char *id = "rnn.errors";
  const size_t n = 3, h = 2, B = 2, T = 3;
  const mdl_rnn_cell L = MDL_RNN_LSTM, E = MDL_RNN_ELMAN_TANH;
  gsl_vector *p = gsl_vector_alloc(mdl_rnn_nparams(L, n, h));
  gsl_vector *pe = gsl_vector_alloc(mdl_rnn_nparams(E, n, h));
  gsl_vector *dp = gsl_vector_alloc(p->size), *short_p = gsl_vector_alloc(5);
  gsl_matrix *X = gsl_matrix_alloc(T * B, n), *X5 = gsl_matrix_alloc(5, n);
  gsl_matrix *Xw = gsl_matrix_alloc(T * B, n + 1);
  gsl_matrix *H = gsl_matrix_alloc(T * B, h), *Hw = gsl_matrix_alloc(T * B, h + 1);
  gsl_matrix *H0 = gsl_matrix_alloc(B, h), *H0w = gsl_matrix_alloc(B + 1, h);
  gsl_matrix *dH = gsl_matrix_alloc(T * B, h), *dX = gsl_matrix_alloc(T * B, n);
  gsl_matrix *dH0 = gsl_matrix_alloc(B, h), *dC0 = gsl_matrix_alloc(B, h);
  gsl_vector_set_all(p, 0.25);
  gsl_vector_set_all(pe, 0.25);
  gsl_matrix_set_all(X, 0.5);
  gsl_matrix_set_all(X5, 0.5);
  gsl_matrix_set_all(Xw, 0.5);
  gsl_matrix_set_all(H0, 0.5);
  gsl_matrix_set_all(H0w, 0.5);
  gsl_matrix_set_all(dH, 1);
#define RESET()                                                               \
  do {                                                                        \
    gsl_matrix_set_all(H, SENT);                                              \
    gsl_matrix_set_all(Hw, SENT);                                             \
    gsl_matrix_set_all(dX, SENT);                                             \
    gsl_matrix_set_all(dH0, SENT);                                            \
    gsl_matrix_set_all(dC0, SENT);                                            \
    gsl_vector_set_all(dp, SENT);                                             \
  } while (0)
#define CLEAN (same(H) && same(Hw) && same(dX) && same(dH0) && same(dC0) &&   \
               claim_all_equal(dp, SENT))
  RESET();
  ERR(id, GSL_EFAULT, mdl_rnn_forward(L, n, h, B, NULL, X, NULL, NULL, H),
      CLEAN, "mdl_rnn_forward: params is NULL");
  ERR(id, GSL_EFAULT, mdl_rnn_forward(L, n, h, B, p, NULL, NULL, NULL, H),
      CLEAN, "mdl_rnn_forward: X is NULL");
  ERR(id, GSL_EFAULT, mdl_rnn_forward(L, n, h, B, p, X, NULL, NULL, NULL),
      CLEAN, "mdl_rnn_forward: H is NULL");
  ERR(id, GSL_EINVAL, mdl_rnn_forward((mdl_rnn_cell)7, n, h, B, p, X, NULL,
                                      NULL, H),
      CLEAN, "mdl_rnn_forward: an unknown cell");
  ERR(id, GSL_EINVAL, mdl_rnn_forward(L, n, h, 0, p, X, NULL, NULL, H),
      CLEAN, "mdl_rnn_forward: batch 0");
  ERR(id, GSL_EINVAL, mdl_rnn_forward(E, n, h, B, pe, X, NULL, H0, H),
      CLEAN, "mdl_rnn_forward: C0 given to an Elman cell");
  ERR(id, GSL_EBADLEN, mdl_rnn_forward(L, n, h, B, pe, X, NULL, NULL, H),
      CLEAN, "mdl_rnn_forward: params of an Elman cell for an LSTM");
  ERR(id, GSL_EBADLEN, mdl_rnn_forward(L, n, h, B, p, X5, NULL, NULL, H),
      CLEAN, "mdl_rnn_forward: X has 5 rows, batch 2");
  ERR(id, GSL_EBADLEN, mdl_rnn_forward(L, n, h, B, p, Xw, NULL, NULL, H),
      CLEAN, "mdl_rnn_forward: X has 4 columns, n_in 3");
  ERR(id, GSL_EBADLEN, mdl_rnn_forward(L, n, h, B, p, X, H0w, NULL, H),
      CLEAN, "mdl_rnn_forward: H0 has 3 rows, batch 2");
  ERR(id, GSL_EBADLEN, mdl_rnn_forward(L, n, h, B, p, X, NULL, H0w, H),
      CLEAN, "mdl_rnn_forward: C0 has 3 rows, batch 2");
  ERR(id, GSL_EBADLEN, mdl_rnn_forward(L, n, h, B, p, X, NULL, NULL, Hw),
      CLEAN, "mdl_rnn_forward: H has 3 columns, n_hidden 2");
  ERR(id, GSL_EINVAL, mdl_rnn_forward_cells(E, n, h, B, pe, X, NULL, NULL, H,
                                            dX),
      CLEAN, "mdl_rnn_forward_cells: C given to an Elman cell");
  ERR(id, GSL_EBADLEN, mdl_rnn_forward_cells(L, n, h, B, p, X, NULL, NULL, H,
                                             Hw),
      CLEAN, "mdl_rnn_forward_cells: C has 3 columns, n_hidden 2");
  gsl_matrix_set(X, 4, 1, NAN);
  ERR(id, GSL_EDOM, mdl_rnn_forward(L, n, h, B, p, X, NULL, NULL, H), CLEAN,
      "mdl_rnn_forward: a NaN in X");
  gsl_matrix_set(X, 4, 1, 0.5);
  gsl_vector_set(p, 7, HUGE_VAL);
  ERR(id, GSL_EDOM, mdl_rnn_forward(L, n, h, B, p, X, NULL, NULL, H), CLEAN,
      "mdl_rnn_forward: an infinite parameter");
  gsl_vector_set(p, 7, 0.25);
  gsl_matrix_set(H0, 1, 1, NAN);
  ERR(id, GSL_EDOM, mdl_rnn_forward(L, n, h, B, p, X, H0, NULL, H), CLEAN,
      "mdl_rnn_forward: a NaN in H0");
  ERR(id, GSL_EDOM, mdl_rnn_backward(L, n, h, B, p, X, NULL, H0, dH, dp, dX,
                                     dH0, dC0),
      CLEAN, "mdl_rnn_backward: a NaN in C0");
  gsl_matrix_set(H0, 1, 1, 0.5);
  ERR(id, GSL_EFAULT, mdl_rnn_backward(L, n, h, B, p, X, NULL, NULL, NULL, dp,
                                       dX, dH0, dC0),
      CLEAN, "mdl_rnn_backward: dH is NULL");
  ERR(id, GSL_EINVAL, mdl_rnn_backward(MDL_RNN_GRU, n, h, B, p, X, NULL, NULL,
                                       dH, NULL, NULL, NULL, dC0),
      CLEAN, "mdl_rnn_backward: dC0 asked of a GRU");
  ERR(id, GSL_EBADLEN, mdl_rnn_backward(L, n, h, B, p, X, NULL, NULL, H0, dp,
                                        dX, dH0, dC0),
      CLEAN, "mdl_rnn_backward: dH has 2 rows, expected 6");
  ERR(id, GSL_EBADLEN, mdl_rnn_backward(L, n, h, B, p, X, NULL, NULL, dH,
                                        short_p, dX, dH0, dC0),
      CLEAN, "mdl_rnn_backward: dparams has 5 entries");
  ERR(id, GSL_EBADLEN, mdl_rnn_backward(L, n, h, B, p, X, NULL, NULL, dH, dp,
                                        H, dH0, dC0),
      CLEAN, "mdl_rnn_backward: dX has 2 columns, n_in 3");
  ERR(id, GSL_EBADLEN, mdl_rnn_backward(L, n, h, B, p, X, NULL, NULL, dH, dp,
                                        dX, H0w, dC0),
      CLEAN, "mdl_rnn_backward: dH0 has 3 rows, batch 2");
  ERR(id, GSL_EBADLEN, mdl_rnn_backward(L, n, h, B, p, X5, NULL, NULL, dH, dp,
                                        dX, dH0, dC0),
      CLEAN, "mdl_rnn_backward: X has 5 rows, batch 2");
  gsl_matrix_set(dH, 2, 0, -HUGE_VAL);
  ERR(id, GSL_EDOM, mdl_rnn_backward(L, n, h, B, p, X, NULL, NULL, dH, dp, dX,
                                     dH0, dC0),
      CLEAN, "mdl_rnn_backward: an infinite entry in dH");
  claim_expect_error();
  size_t np = mdl_rnn_nparams((mdl_rnn_cell)9, 3, 3);
  CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
        .reference = GSL_EINVAL, .untouched = np == 0,
        .note = "mdl_rnn_nparams: an unknown cell gives 0");
  claim_expect_error();
  np = mdl_rnn_nparams(MDL_RNN_GRU, 0, 3);
  CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
        .reference = GSL_EINVAL, .untouched = np == 0,
        .note = "mdl_rnn_nparams: n_in = 0 gives 0");
#undef RESET
#undef CLEAN
  gsl_vector_free(p);
  gsl_vector_free(pe);
  gsl_vector_free(dp);
  gsl_vector_free(short_p);
  gsl_matrix_free(X);
  gsl_matrix_free(X5);
  gsl_matrix_free(Xw);
  gsl_matrix_free(H);
  gsl_matrix_free(Hw);
  gsl_matrix_free(H0);
  gsl_matrix_free(H0w);
  gsl_matrix_free(dH);
  gsl_matrix_free(dX);
  gsl_matrix_free(dH0);
  gsl_matrix_free(dC0);
}
#line 6853 "chapters/04-rnn.nw"
static void test_model_errors(void **state)
{
  (void)state;
  const char *id = "rnn.errors";
  mdl_rnn_model *m = mdl_rnn_model_alloc(MDL_RNN_GRU, 2, 3, 1, 0);
  gsl_vector *theta = mdl_rnn_model_params(m);
  gsl_vector_set_all(theta, 0.25);
  gsl_vector *g = gsl_vector_alloc(theta->size), *g5 = gsl_vector_alloc(5);
  gsl_vector *before = gsl_vector_alloc(theta->size);
  gsl_vector_memcpy(before, theta);
  gsl_matrix *X = gsl_matrix_alloc(6, 2), *X5 = gsl_matrix_alloc(5, 2);
  gsl_matrix *Y = gsl_matrix_alloc(2, 1), *Yw = gsl_matrix_alloc(3, 1);
  gsl_matrix_set_all(X, 0.5);
  gsl_matrix_set_all(X5, 0.5);
  gsl_matrix_set_all(Y, 1);
  double v = SENT;
  gsl_vector_set_all(g, SENT);
  gsl_matrix_set_all(Yw, SENT);
  mdl_optim_params op = mdl_optim_defaults(mdl_optim_gd);
  op.lr = 0.1;
  mdl_optim *opt5 = mdl_optim_alloc(mdl_optim_gd, 5, &op);
#define CLEAN (claim_all_equal(g, SENT) && same(Yw) && v == SENT &&           \
               gsl_vector_equal(theta, before))
  claim_expect_error();
  mdl_rnn_model *bad = mdl_rnn_model_alloc(MDL_RNN_LSTM, 2, 3, 0, 0);
  CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
        .reference = GSL_EINVAL, .untouched = bad == NULL,
        .note = "mdl_rnn_model_alloc: n_out = 0 gives NULL");
  claim_expect_error();
  bad = mdl_rnn_model_alloc((mdl_rnn_cell)5, 2, 3, 1, 0);
  CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
        .reference = GSL_EINVAL, .untouched = bad == NULL,
        .note = "mdl_rnn_model_alloc: an unknown cell gives NULL");
  claim_expect_error();
  size_t G = mdl_rnn_gates((mdl_rnn_cell)5);
  CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
        .reference = GSL_EINVAL, .untouched = G == 0,
        .note = "mdl_rnn_gates: an unknown cell gives 0");
  ERR(id, GSL_EFAULT, mdl_rnn_model_init(m, NULL), CLEAN,
      "mdl_rnn_model_init: r is NULL");
  claim_expect_error();
  size_t np = mdl_rnn_model_nparams(NULL);
  CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
        .reference = GSL_EFAULT, .untouched = np == 0,
        .note = "mdl_rnn_model_nparams: NULL model gives 0");
  claim_expect_error();
  gsl_vector *pn = mdl_rnn_model_params(NULL);
  CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
        .reference = GSL_EFAULT, .untouched = pn == NULL,
        .note = "mdl_rnn_model_params: NULL model gives NULL");
  ERR(id, GSL_EBADLEN, mdl_rnn_model_forward(m, 2, X, Yw), CLEAN,
      "mdl_rnn_model_forward: Y has 3 rows, batch 2");
  ERR(id, GSL_EBADLEN, mdl_rnn_model_forward(m, 2, X5, Yw), CLEAN,
      "mdl_rnn_model_forward: X has 5 rows, batch 2");
  ERR(id, GSL_EINVAL, mdl_rnn_model_gradient(m, MDL_NET_LOSS_SQUARED, 0, X, Y,
                                             &v, g),
      CLEAN, "mdl_rnn_model_gradient: batch 0");
  ERR(id, GSL_EFAULT, mdl_rnn_model_gradient(m, MDL_NET_LOSS_SQUARED, 2, NULL,
                                             Y, &v, g),
      CLEAN, "mdl_rnn_model_gradient: X is NULL");
  ERR(id, GSL_EBADLEN, mdl_rnn_model_gradient(m, MDL_NET_LOSS_SQUARED, 2, X, Y,
                                              &v, g5),
      CLEAN, "mdl_rnn_model_gradient: grad has 5 entries");
  ERR(id, GSL_EBADLEN, mdl_rnn_model_gradient(m, MDL_NET_LOSS_SQUARED, 2, X,
                                              Yw, &v, g),
      CLEAN, "mdl_rnn_model_gradient: targets have 3 rows, outputs 2");
  gsl_matrix_set(X, 3, 1, NAN);
  ERR(id, GSL_EDOM, mdl_rnn_model_gradient(m, MDL_NET_LOSS_SQUARED, 2, X, Y,
                                           &v, g),
      CLEAN, "mdl_rnn_model_gradient: a NaN in X");
  gsl_matrix_set(X, 3, 1, 0.5);
  double y01 = gsl_matrix_get(Y, 0, 0);
  gsl_matrix_set(Y, 0, 0, HUGE_VAL);
  ERR(id, GSL_EDOM, mdl_rnn_model_gradient(m, MDL_NET_LOSS_SQUARED, 2, X, Y,
                                           &v, g),
      CLEAN && strstr(claim_last_reason(), "Y[0][0] = inf") != NULL,
      "mdl_rnn_model_gradient: an infinite target, named with its place");
  gsl_matrix_set(Y, 0, 0, y01);
  ERR(id, GSL_EFAULT, mdl_rnn_model_train_step(m, NULL, MDL_NET_LOSS_SQUARED,
                                               2, X, Y, &v),
      CLEAN, "mdl_rnn_model_train_step: opt is NULL");
  ERR(id, GSL_EBADLEN, mdl_rnn_model_train_step(m, opt5, MDL_NET_LOSS_SQUARED,
                                                2, X, Y, &v),
      CLEAN, "mdl_rnn_model_train_step: an optimizer of dimension 5");
#undef CLEAN
  mdl_optim_free(opt5);
  mdl_rnn_model_free(m);
  claim_expect_error();
  mdl_rnn_model_free(NULL);
  CLAIM(.id = id, .kind = CLAIM_IDENTITY, .measured = claim_last_error(),
        .reference = 0, .tolerance = 0,
        .note = "mdl_rnn_model_free: NULL does nothing (error code seen)");
  gsl_vector_free(g);
  gsl_vector_free(g5);
  gsl_vector_free(before);
  gsl_matrix_free(X);
  gsl_matrix_free(X5);
  gsl_matrix_free(Y);
  gsl_matrix_free(Yw);
}
#line 6968 "chapters/04-rnn.nw"
static char caught_reason[256];
static int caught_code;

static void catch_reason(const char *reason, const char *file, int line,
                         int gsl_errno)
{
  (void)file;
  (void)line;
  if (caught_reason[0] == '\0') {
    snprintf(caught_reason, sizeof caught_reason, "%s", reason);
    caught_code = gsl_errno;
  }
}

#define MSG(code, call, expect)                                               \
  do {                                                                        \
    caught_reason[0] = '\0';                                                  \
    caught_code = 0;                                                          \
    gsl_error_handler_t *old_ = gsl_set_error_handler(catch_reason);          \
    (void)(call);                                                             \
    gsl_set_error_handler(old_);                                              \
    CLAIM(.id = "rnn.errors", .kind = CLAIM_IDENTITY,                         \
          .measured = caught_code == (code) &&                                \
                      strstr(caught_reason, (expect)) != NULL,                \
          .reference = 1, .tolerance = 0,                                     \
          .note = "the message of " #call " contains \"" expect "\"");       \
  } while (0)

static void test_rnn_messages(void **state)
{
  (void)state;
  const mdl_rnn_cell L = MDL_RNN_LSTM, E = MDL_RNN_ELMAN_TANH;
  gsl_vector *p = gsl_vector_calloc(mdl_rnn_nparams(L, 2, 3));
  gsl_vector *pe = gsl_vector_calloc(mdl_rnn_nparams(E, 2, 3));
  gsl_matrix *X = gsl_matrix_calloc(4, 2), *H = gsl_matrix_calloc(4, 3);
  gsl_matrix *dH = gsl_matrix_calloc(4, 3), *dC0 = gsl_matrix_calloc(2, 3);
  gsl_matrix *Q = gsl_matrix_calloc(2, 3), *dK = gsl_matrix_calloc(2, 2);
  gsl_vector *pm = gsl_vector_calloc(mdl_rnn_mha_nparams(4));
  gsl_matrix *Xm = gsl_matrix_calloc(2, 4), *Ym = gsl_matrix_calloc(2, 4);
  gsl_matrix *Y1 = gsl_matrix_calloc(2, 1);
  mdl_rnn_tape *tape = mdl_rnn_tape_alloc(L, 2, 3, 2, 2);
  mdl_rnn_model *m = mdl_rnn_model_alloc(L, 2, 3, 1, 0);
  double v = 0;
  gsl_rng *r = new_rng(claim_seed(4199));
  MSG(GSL_EINVAL, mdl_rnn_gates((mdl_rnn_cell)7), "mdl_rnn_gates: cell = 7");
  MSG(GSL_EINVAL, mdl_rnn_nparams(L, 0, 3), "mdl_rnn_nparams: n_in = 0");
  MSG(GSL_EFAULT, mdl_rnn_forward(L, 2, 3, 2, NULL, X, NULL, NULL, H),
      "mdl_rnn_forward: params is NULL");
  gsl_matrix_set(X, 1, 0, NAN);
  MSG(GSL_EDOM, mdl_rnn_forward(L, 2, 3, 2, p, X, NULL, NULL, H),
      "mdl_rnn_forward: X[1][0] = nan");
  gsl_matrix_set(X, 1, 0, 0);
  gsl_matrix_set(dH, 0, 2, INFINITY);
  MSG(GSL_EDOM, mdl_rnn_backward(L, 2, 3, 2, p, X, NULL, NULL, dH, NULL, NULL,
                                 NULL, NULL),
      "mdl_rnn_backward: dH[0][2] = inf");
  gsl_matrix_set(dH, 0, 2, 0);
  MSG(GSL_EINVAL, mdl_rnn_backward(E, 2, 3, 2, pe, X, NULL, NULL, dH, NULL,
                                   NULL, NULL, dC0),
      "mdl_rnn_backward: dC0 is given to cell 0");
  MSG(GSL_EINVAL, mdl_rnn_tape_alloc(L, 2, 3, 0, 4),
      "mdl_rnn_tape_alloc: n_in = 2, n_hidden = 3, batch = 0");
  MSG(GSL_EINVAL, mdl_rnn_tape_alloc((mdl_rnn_cell)9, 2, 3, 2, 4),
      "mdl_rnn_tape_alloc: cell = 9");
  MSG(GSL_EFAULT, mdl_rnn_forward_tape(NULL, p, X, NULL, NULL, H),
      "mdl_rnn_forward_tape: tape is NULL");
  MSG(GSL_EFAULT, mdl_rnn_backward_tape(tape, p, X, NULL, NULL, NULL, NULL,
                                        NULL, NULL, NULL),
      "mdl_rnn_backward_tape: dH is NULL");
  MSG(GSL_EINVAL, mdl_rnn_model_alloc(L, 2, 3, 0, 0),
      "mdl_rnn_model_alloc: n_in = 2, n_hidden = 3, n_out = 0");
  MSG(GSL_EFAULT, mdl_rnn_model_init(NULL, r), "mdl_rnn_model_init: m is NULL");
  MSG(GSL_EINVAL, mdl_rnn_model_forward(m, 0, X, Y1),
      "mdl_rnn_model_forward: batch = 0");
  MSG(GSL_EFAULT, mdl_rnn_model_gradient(m, MDL_NET_LOSS_SQUARED, 2, X, NULL,
                                         &v, p),
      "mdl_rnn_model_gradient: Y is NULL");
  MSG(GSL_EFAULT, mdl_attention(Q, Q, NULL, 0, Q, NULL),
      "mdl_attention: V is NULL");
  MSG(GSL_EBADLEN, mdl_attention_backward(Q, Q, Q, 0, Q, NULL, dK, NULL),
      "mdl_attention_backward: dK is 2 x 2, expected 2 x 3");
  MSG(GSL_EINVAL, mdl_rnn_mha_nparams(0), "mdl_rnn_mha_nparams: d_model = 0");
  gsl_matrix_set(Xm, 1, 3, NAN);
  MSG(GSL_EDOM, mdl_rnn_mha_forward(4, 2, pm, Ym, Xm, Ym,
                                    0, Ym, NULL),
      "mdl_rnn_mha_forward: Xk[1][3] = nan");
  MSG(GSL_EFAULT, mdl_rnn_positional(NULL), "mdl_rnn_positional: P is NULL");
  gsl_rng_free(r);
  mdl_rnn_model_free(m);
  mdl_rnn_tape_free(tape);
  gsl_vector_free(p);
  gsl_vector_free(pe);
  gsl_vector_free(pm);
  gsl_matrix_free(X);
  gsl_matrix_free(H);
  gsl_matrix_free(dH);
  gsl_matrix_free(dC0);
  gsl_matrix_free(Q);
  gsl_matrix_free(dK);
  gsl_matrix_free(Xm);
  gsl_matrix_free(Ym);
  gsl_matrix_free(Y1);
}
#line 7602 "chapters/04-rnn.nw"
static double max_diff(const gsl_matrix *a, const gsl_matrix *b)
{
  double d = 0;
  for (size_t i = 0; i < a->size1; i++)
    for (size_t j = 0; j < a->size2; j++) {
      double x = gsl_matrix_get(a, i, j), y = gsl_matrix_get(b, i, j);
      d = x == y ? d : fmax(d, isnan(x - y) ? HUGE_VAL : fabs(x - y));
    }
  return d;
}

static void test_tape(void **state)
{
  (void)state;
  const mdl_rnn_cell cells[] = {MDL_RNN_ELMAN_TANH, MDL_RNN_ELMAN_RELU,
                                MDL_RNN_LSTM, MDL_RNN_GRU};
  const size_t n = 3, h = 4, B = 2;
  unsigned long seed = claim_seed(4700);
  gsl_rng *r = new_rng(seed);
  double worst = 0;
  for (size_t k = 0; k < 4; k++)
    for (size_t init = 0; init < 2; init++) {
      const mdl_rnn_cell cell = cells[k];
      const int lstm = cell == MDL_RNN_LSTM;
      const size_t T = init ? 4 : 1, np = mdl_rnn_nparams(cell, n, h);
      gsl_matrix *p = gsl_matrix_alloc(np, 2);
      gsl_vector_view pv = gsl_matrix_column(p, 0);
      gsl_matrix *X = gsl_matrix_alloc(T * B, n);
      gsl_matrix *H0 = gsl_matrix_alloc(B, h), *C0 = gsl_matrix_alloc(B, h);
      const gsl_matrix *h0 = init ? H0 : NULL, *c0 = init && lstm ? C0 : NULL;
      gsl_matrix *Ha = gsl_matrix_alloc(T * B, h), *Hb = gsl_matrix_alloc(T * B, h);
      gsl_matrix *dH = gsl_matrix_alloc(T * B, h);
      gsl_matrix *dpa = gsl_matrix_alloc(np, 1), *dpb = gsl_matrix_alloc(np, 2);
      gsl_vector_view dva = gsl_matrix_column(dpa, 0);
      gsl_vector_view dvb = gsl_matrix_column(dpb, 1);
      gsl_matrix *dXa = gsl_matrix_alloc(T * B, n), *dXb = gsl_matrix_alloc(T * B, n);
      gsl_matrix *dHa = gsl_matrix_alloc(B, h), *dHb = gsl_matrix_alloc(B, h);
      gsl_matrix *dCa = gsl_matrix_alloc(B, h), *dCb = gsl_matrix_alloc(B, h);
      gsl_matrix_set_zero(dCa);
      gsl_matrix_set_zero(dCb);
      fillv(&pv.vector, r, 0.8);
      fill(X, r, 1);
      fill(H0, r, 1);
      fill(C0, r, 1);
      mdl_rnn_tape *tape = mdl_rnn_tape_alloc(cell, n, h, B, T);
      mdl_rnn_forward(cell, n, h, B, &pv.vector, X, h0, c0, Ha);
      mdl_rnn_forward_tape(tape, &pv.vector, X, h0, c0, Hb);
      worst = fmax(worst, max_diff(Ha, Hb));
      for (int rep = 0; rep < 2; rep++) {
        fill(dH, r, 1);
        mdl_rnn_backward(cell, n, h, B, &pv.vector, X, h0, c0, dH,
                         &dva.vector, dXa, dHa, lstm ? dCa : NULL);
        mdl_rnn_backward_tape(tape, &pv.vector, X, h0, c0, dH, &dvb.vector,
                              dXb, dHb, lstm ? dCb : NULL);
        gsl_matrix_view c1 = gsl_matrix_submatrix(dpb, 0, 1, np, 1);
        worst = fmax(worst, max_diff(dpa, &c1.matrix));
        worst = fmax(worst, max_diff(dXa, dXb));
        worst = fmax(worst, max_diff(dHa, dHb));
        worst = fmax(worst, max_diff(dCa, dCb));
      }
      mdl_rnn_tape_free(tape);
      gsl_matrix_free(p);
      gsl_matrix_free(X);
      gsl_matrix_free(H0);
      gsl_matrix_free(C0);
      gsl_matrix_free(Ha);
      gsl_matrix_free(Hb);
      gsl_matrix_free(dH);
      gsl_matrix_free(dpa);
      gsl_matrix_free(dpb);
      gsl_matrix_free(dXa);
      gsl_matrix_free(dXb);
      gsl_matrix_free(dHa);
      gsl_matrix_free(dHb);
      gsl_matrix_free(dCa);
      gsl_matrix_free(dCb);
    }
  CLAIM(.id = "rnn.tape", .kind = CLAIM_IDENTITY, .measured = worst,
        .reference = 0, .tolerance = 0, .samples = 8, .seed = seed,
        .note = "largest difference between the tape's states and gradients"
                " and those of mdl_rnn_forward and mdl_rnn_backward, 4 cells,"
                " T = 1 and 4, two dH per tape, strided params");
  gsl_rng_free(r);
}

static void test_tape_errors(void **state)
{
  (void)state;
  const char *id = "rnn.errors";
  const size_t n = 3, h = 2, B = 2, T = 3;
  const mdl_rnn_cell L = MDL_RNN_LSTM, E = MDL_RNN_ELMAN_TANH;
  gsl_vector *p = gsl_vector_alloc(mdl_rnn_nparams(L, n, h));
  gsl_vector *pe = gsl_vector_alloc(mdl_rnn_nparams(E, n, h));
  gsl_vector *p2 = gsl_vector_alloc(p->size), *dp = gsl_vector_alloc(p->size);
  gsl_matrix *X = gsl_matrix_alloc(T * B, n), *X4 = gsl_matrix_alloc(4 * B, n);
  gsl_matrix *Xw = gsl_matrix_alloc(T * B, n + 1);
  gsl_matrix *H = gsl_matrix_alloc(T * B, h), *Hw = gsl_matrix_alloc(T * B, h + 1);
  gsl_matrix *H0 = gsl_matrix_alloc(B, h);
  gsl_matrix *dH = gsl_matrix_alloc(T * B, h), *dX = gsl_matrix_alloc(T * B, n);
  gsl_matrix *dH0 = gsl_matrix_alloc(B, h), *dC0 = gsl_matrix_alloc(B, h);
  gsl_vector_set_all(p, 0.25);
  gsl_vector_set_all(p2, 0.25);
  gsl_vector_set_all(pe, 0.25);
  gsl_matrix_set_all(X, 0.5);
  gsl_matrix_set_all(X4, 0.5);
  gsl_matrix_set_all(Xw, 0.5);
  gsl_matrix_set_all(H0, 0.5);
  gsl_matrix_set_all(dH, 1);
  gsl_matrix_set_all(H, SENT);
  gsl_matrix_set_all(Hw, SENT);
  gsl_matrix_set_all(dX, SENT);
  gsl_matrix_set_all(dH0, SENT);
  gsl_matrix_set_all(dC0, SENT);
  gsl_vector_set_all(dp, SENT);
  mdl_rnn_tape *tape = mdl_rnn_tape_alloc(L, n, h, B, T);
  mdl_rnn_tape *fresh = mdl_rnn_tape_alloc(L, n, h, B, T);
  mdl_rnn_tape *gru = mdl_rnn_tape_alloc(MDL_RNN_GRU, n, h, B, T);
  mdl_rnn_tape *t4 = mdl_rnn_tape_alloc(L, n, h, B, 4);
  mdl_rnn_forward_tape(tape, p, X, H0, NULL, NULL);
#define CLEAN (same(H) && same(Hw) && same(dX) && same(dH0) && same(dC0) &&   \
               claim_all_equal(dp, SENT))
  claim_expect_error();
  mdl_rnn_tape *bad = mdl_rnn_tape_alloc((mdl_rnn_cell)6, n, h, B, T);
  CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
        .reference = GSL_EINVAL, .untouched = bad == NULL,
        .note = "mdl_rnn_tape_alloc: an unknown cell gives NULL");
  claim_expect_error();
  bad = mdl_rnn_tape_alloc(L, n, h, B, 0);
  CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
        .reference = GSL_EINVAL, .untouched = bad == NULL,
        .note = "mdl_rnn_tape_alloc: 0 steps gives NULL");
  ERR(id, GSL_EFAULT, mdl_rnn_forward_tape(NULL, p, X, NULL, NULL, H), CLEAN,
      "mdl_rnn_forward_tape: tape is NULL");
  ERR(id, GSL_EFAULT, mdl_rnn_forward_tape(tape, NULL, X, NULL, NULL, H),
      CLEAN, "mdl_rnn_forward_tape: params is NULL");
  ERR(id, GSL_EFAULT, mdl_rnn_forward_tape(tape, p, NULL, NULL, NULL, H),
      CLEAN, "mdl_rnn_forward_tape: X is NULL");
  ERR(id, GSL_EBADLEN, mdl_rnn_forward_tape(t4, p, X, NULL, NULL, H), CLEAN,
      "mdl_rnn_forward_tape: X of 3 steps, a tape of 4 steps");
  ERR(id, GSL_EBADLEN, mdl_rnn_forward_tape(tape, p, X4, NULL, NULL, H),
      CLEAN, "mdl_rnn_forward_tape: X of 4 steps, a tape of 3 steps");
  ERR(id, GSL_EBADLEN, mdl_rnn_forward_tape(tape, pe, X, NULL, NULL, H),
      CLEAN, "mdl_rnn_forward_tape: Elman params, an LSTM tape");
  ERR(id, GSL_EBADLEN, mdl_rnn_forward_tape(gru, p, X, NULL, NULL, H),
      CLEAN, "mdl_rnn_forward_tape: LSTM params, a GRU tape");
  ERR(id, GSL_EBADLEN, mdl_rnn_forward_tape(tape, p, Xw, NULL, NULL, H),
      CLEAN, "mdl_rnn_forward_tape: X has 4 columns, n_in 3");
  ERR(id, GSL_EBADLEN, mdl_rnn_forward_tape(tape, p, X, NULL, NULL, Hw),
      CLEAN, "mdl_rnn_forward_tape: H has 3 columns, n_hidden 2");
  ERR(id, GSL_EINVAL, mdl_rnn_forward_tape(gru, p, X, NULL, H0, H), CLEAN,
      "mdl_rnn_forward_tape: C0 given to a GRU tape");
  gsl_matrix_set(X, 4, 1, NAN);
  ERR(id, GSL_EDOM, mdl_rnn_forward_tape(fresh, p, X, NULL, NULL, H), CLEAN,
      "mdl_rnn_forward_tape: a NaN in X");
  gsl_matrix_set(X, 4, 1, 0.5);
  ERR(id, GSL_EINVAL, mdl_rnn_backward_tape(fresh, p, X, NULL, NULL, dH, dp,
                                            dX, dH0, dC0),
      CLEAN, "mdl_rnn_backward_tape: a tape that no forward pass filled (the"
             " failed one did not)");
  ERR(id, GSL_EFAULT, mdl_rnn_backward_tape(NULL, p, X, H0, NULL, dH, dp, dX,
                                            dH0, dC0),
      CLEAN, "mdl_rnn_backward_tape: tape is NULL");
  ERR(id, GSL_EFAULT, mdl_rnn_backward_tape(tape, p, X, H0, NULL, NULL, dp,
                                            dX, dH0, dC0),
      CLEAN, "mdl_rnn_backward_tape: dH is NULL");
  ERR(id, GSL_EINVAL, mdl_rnn_backward_tape(tape, p2, X, H0, NULL, dH, dp,
                                            dX, dH0, dC0),
      CLEAN, "mdl_rnn_backward_tape: params other than the forward pass's");
  ERR(id, GSL_EINVAL, mdl_rnn_backward_tape(tape, p, X, NULL, NULL, dH, dp,
                                            dX, dH0, dC0),
      CLEAN, "mdl_rnn_backward_tape: H0 NULL, the forward pass had one");
  ERR(id, GSL_EBADLEN, mdl_rnn_backward_tape(tape, p, X, H0, NULL, H0, dp, dX,
                                             dH0, dC0),
      CLEAN, "mdl_rnn_backward_tape: dH has 2 rows, expected 6");
  ERR(id, GSL_EBADLEN, mdl_rnn_backward_tape(tape, p, X, H0, NULL, dH, dp, H,
                                             dH0, dC0),
      CLEAN, "mdl_rnn_backward_tape: dX has 2 columns, n_in 3");
  gsl_matrix_set(dH, 5, 1, NAN);
  ERR(id, GSL_EDOM, mdl_rnn_backward_tape(tape, p, X, H0, NULL, dH, dp, dX,
                                          dH0, dC0),
      CLEAN, "mdl_rnn_backward_tape: a NaN in dH");
  gsl_matrix_set(dH, 5, 1, 1);
  int status = mdl_rnn_backward_tape(tape, p, X, H0, NULL, dH, dp, dX, dH0,
                                     dC0);
  CLAIM(.id = "rnn.tape", .kind = CLAIM_IDENTITY, .measured = status,
        .reference = GSL_SUCCESS, .tolerance = 0,
        .note = "status of mdl_rnn_backward_tape on the tape filled before"
                " the bad calls above");
#undef CLEAN
  mdl_rnn_tape_free(tape);
  mdl_rnn_tape_free(fresh);
  mdl_rnn_tape_free(gru);
  mdl_rnn_tape_free(t4);
  claim_expect_error();
  mdl_rnn_tape_free(NULL);
  CLAIM(.id = id, .kind = CLAIM_IDENTITY, .measured = claim_last_error(),
        .reference = 0, .tolerance = 0,
        .note = "mdl_rnn_tape_free: NULL does nothing (error code seen)");
  gsl_vector_free(p);
  gsl_vector_free(pe);
  gsl_vector_free(p2);
  gsl_vector_free(dp);
  gsl_matrix_free(X);
  gsl_matrix_free(X4);
  gsl_matrix_free(Xw);
  gsl_matrix_free(H);
  gsl_matrix_free(Hw);
  gsl_matrix_free(H0);
  gsl_matrix_free(dH);
  gsl_matrix_free(dX);
  gsl_matrix_free(dH0);
  gsl_matrix_free(dC0);
}

#line 678 "chapters/04-rnn.nw"
int main(void)
{
  const struct CMUnitTest tests[] = {
#line 1021 "chapters/04-rnn.nw"
    cmocka_unit_test(test_cell_equations),
#line 1087 "chapters/04-rnn.nw"
    cmocka_unit_test(test_gru_variant),
#line 1167 "chapters/04-rnn.nw"
    cmocka_unit_test(test_unroll),
#line 2216 "chapters/04-rnn.nw"
    cmocka_unit_test(test_bptt),
#line 2501 "chapters/04-rnn.nw"
    cmocka_unit_test(test_vanishing),
#line 2554 "chapters/04-rnn.nw"
    cmocka_unit_test(test_vanishing_unbounded),
#line 2605 "chapters/04-rnn.nw"
    cmocka_unit_test(test_exploding_not_sufficient),
#line 3258 "chapters/04-rnn.nw"
    cmocka_unit_test(test_model_gradient),
#line 3368 "chapters/04-rnn.nw"
    cmocka_unit_test(test_clipping),
#line 3504 "chapters/04-rnn.nw"
    cmocka_unit_test(test_lstm_carousel),
#line 3561 "chapters/04-rnn.nw"
    cmocka_unit_test(test_long_lag),
#line 3618 "chapters/04-rnn.nw"
    cmocka_unit_test(test_gru_bound),
#line 3722 "chapters/04-rnn.nw"
    cmocka_unit_test(test_adding),
#line 4428 "chapters/04-rnn.nw"
    cmocka_unit_test(test_attention_simplex),
#line 4735 "chapters/04-rnn.nw"
    cmocka_unit_test(test_attention_backward),
#line 4800 "chapters/04-rnn.nw"
    cmocka_unit_test(test_dot_variance),
#line 4884 "chapters/04-rnn.nw"
    cmocka_unit_test(test_saturation),
#line 5043 "chapters/04-rnn.nw"
    cmocka_unit_test(test_equivariance),
#line 5119 "chapters/04-rnn.nw"
    cmocka_unit_test(test_causal),
#line 5186 "chapters/04-rnn.nw"
    cmocka_unit_test(test_positional),
#line 5401 "chapters/04-rnn.nw"
    cmocka_unit_test(test_mha_reference),
#line 5780 "chapters/04-rnn.nw"
    cmocka_unit_test(test_mha_backward),
#line 5892 "chapters/04-rnn.nw"
    cmocka_unit_test(test_one_head),
#line 6045 "chapters/04-rnn.nw"
    cmocka_unit_test(test_reversal),
#line 6279 "chapters/04-rnn.nw"
    cmocka_unit_test(test_seq2seq),
#line 6732 "chapters/04-rnn.nw"
    cmocka_unit_test(test_cell_errors),
#line 6849 "chapters/04-rnn.nw"
    cmocka_unit_test(test_attention_errors),
#line 6956 "chapters/04-rnn.nw"
    cmocka_unit_test(test_model_errors),
#line 7074 "chapters/04-rnn.nw"
    cmocka_unit_test(test_rnn_messages),
#line 7389 "chapters/04-rnn.nw"
    cmocka_unit_test(test_gate_functions),
#line 7818 "chapters/04-rnn.nw"
    cmocka_unit_test(test_tape),
    cmocka_unit_test(test_tape_errors),
#line 682 "chapters/04-rnn.nw"
  };
  claim_init();
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int failed = cmocka_run_group_tests_name("rnn", tests, NULL, NULL);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("test-rnn: %.2f s\n",
         (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));
  return failed;
}
