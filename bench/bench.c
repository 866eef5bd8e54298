/* bench/bench.c: the libmdl side of make bench (issue 15).

   bench-mdl ROW REPS runs the operation of one row of the table REPS times,
   after two untimed runs, and prints the median time of one run in seconds.
   The Python side is bench/ref.py; bench/run.sh runs both alternately.
   Not part of make check: it times, it checks nothing. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <mdl/mdl.h>

static double now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void die(const char *what)
{
  fprintf(stderr, "bench-mdl: %s failed\n", what);
  exit(1);
}

/* Each row: set up once, then op() is timed. */
typedef struct {
  gsl_rng *r;
  /* MLP */
  mdl_net *net;
  mdl_optim *opt;
  gsl_matrix *X, *Y;
  size_t batch_index;
  int way; /* 0 sgd_step, 1 train_step */
  /* GEMMs alone */
  gsl_matrix *A[4], *Z[4], *dZ[4], *W[4], *dW[4];
  /* vectors */
  gsl_vector *theta, *grad, *p, *q;
  /* OT */
  gsl_vector *a, *b, *u, *v;
  gsl_matrix *cost, *plan;
  /* conv */
  mdl_conv2d_geometry g;
  gsl_matrix *cX, *cY, *cdY, *cdX;
  gsl_vector *cw, *cb, *cdw, *cdb;
  /* lstm */
  gsl_vector *lp, *ldp;
  gsl_matrix *lX, *lH, *ldH, *ldX;
  mdl_rnn_tape *tape;
  double sink;
} state;

static const size_t widths[] = {784, 256, 256, 10};
enum { NDATA = 3200, BATCH = 64, NPAR = 269322 };

static void setup_mlp(state *s, const mdl_optim_type *type, double lr)
{
  const mdl_net_activation acts[] = {MDL_NET_RELU, MDL_NET_RELU,
                                     MDL_NET_IDENTITY};
  s->net = mdl_net_alloc(3, widths, acts);
  if (s->net == NULL || mdl_net_init(s->net, s->r))
    die("mdl_net_alloc");
  s->X = gsl_matrix_alloc(NDATA, 784);
  s->Y = gsl_matrix_calloc(NDATA, 10);
  for (size_t i = 0; i < NDATA; i++) {
    for (size_t j = 0; j < 784; j++)
      gsl_matrix_set(s->X, i, j, gsl_ran_gaussian(s->r, 1));
    gsl_matrix_set(s->Y, i, gsl_rng_uniform_int(s->r, 10), 1);
  }
  if (type != NULL) {
    mdl_optim_params par = mdl_optim_defaults(type);
    par.lr = lr;
    s->opt = mdl_optim_alloc(type, mdl_net_nparams(s->net), &par);
    if (s->opt == NULL)
      die("mdl_optim_alloc");
  }
}

static void op_mlp(state *s)
{
  size_t b = s->batch_index++ % (NDATA / BATCH);
  gsl_matrix_const_view Xb = gsl_matrix_const_submatrix(s->X, b * BATCH, 0, BATCH, 784);
  gsl_matrix_const_view Yb = gsl_matrix_const_submatrix(s->Y, b * BATCH, 0, BATCH, 10);
  int status = s->way == 0
                   ? mdl_net_sgd_step(s->net, 0.01, MDL_NET_LOSS_SOFTMAX_CE,
                                      &Xb.matrix, &Yb.matrix, NULL)
                   : mdl_net_train_step(s->net, s->opt, MDL_NET_LOSS_SOFTMAX_CE,
                                        &Xb.matrix, &Yb.matrix, NULL);
  if (status)
    die("the MLP step");
}

/* The eight GEMMs of one step of the 784-256-256-10 network on a batch of
   64: three forward (Z = A W^T), three weight gradients (dW = dZ^T A), two
   input gradients (dA = dZ W); the floor the step could reach. */
static void setup_gemms(state *s)
{
  for (int l = 0; l < 4; l++) {
    s->A[l] = gsl_matrix_alloc(BATCH, widths[l]);
    s->dZ[l] = gsl_matrix_alloc(BATCH, widths[l]);
    for (size_t i = 0; i < BATCH * widths[l]; i++) {
      s->A[l]->data[i] = gsl_ran_gaussian(s->r, 1);
      s->dZ[l]->data[i] = gsl_ran_gaussian(s->r, 1);
    }
    if (l > 0) {
      s->W[l] = gsl_matrix_alloc(widths[l], widths[l - 1]);
      s->dW[l] = gsl_matrix_alloc(widths[l], widths[l - 1]);
      for (size_t i = 0; i < widths[l] * widths[l - 1]; i++)
        s->W[l]->data[i] = gsl_ran_gaussian(s->r, 0.05);
    }
  }
}

static void op_gemms(state *s)
{
  for (int l = 1; l < 4; l++)
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1, s->A[l - 1], s->W[l], 0, s->A[l]);
  for (int l = 3; l >= 1; l--) {
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1, s->dZ[l], s->A[l - 1], 0, s->dW[l]);
    if (l > 1)
      gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1, s->dZ[l], s->W[l], 0, s->dZ[l - 1]);
  }
}

static void setup_step(state *s, const mdl_optim_type *type, double lr)
{
  s->theta = gsl_vector_alloc(NPAR);
  s->grad = gsl_vector_alloc(NPAR);
  for (size_t i = 0; i < NPAR; i++) {
    s->theta->data[i] = gsl_ran_gaussian(s->r, 0.05);
    s->grad->data[i] = gsl_ran_gaussian(s->r, 1e-3);
  }
  mdl_optim_params par = mdl_optim_defaults(type);
  par.lr = lr;
  s->opt = mdl_optim_alloc(type, NPAR, &par);
  if (s->opt == NULL)
    die("mdl_optim_alloc");
}

static void op_step(state *s)
{
  if (mdl_optim_step(s->opt, s->theta, s->grad))
    die("mdl_optim_step");
}

static void setup_ot(state *s, size_t n, int squared)
{
  gsl_matrix *x = gsl_matrix_alloc(n, 2), *y = gsl_matrix_alloc(n, 2);
  for (size_t i = 0; i < 2 * n; i++) {
    x->data[i] = gsl_rng_uniform(s->r);
    y->data[i] = gsl_rng_uniform(s->r);
  }
  s->cost = gsl_matrix_alloc(n, n);
  s->plan = gsl_matrix_alloc(n, n);
  if (mdl_ot_distances(x, y, s->cost))
    die("mdl_ot_distances");
  if (squared)
    gsl_matrix_mul_elements(s->cost, s->cost);
  s->a = gsl_vector_alloc(n);
  s->b = gsl_vector_alloc(n);
  gsl_vector_set_all(s->a, 1.0 / (double)n);
  gsl_vector_set_all(s->b, 1.0 / (double)n);
  s->u = gsl_vector_alloc(n);
  s->v = gsl_vector_alloc(n);
  gsl_matrix_free(x);
  gsl_matrix_free(y);
}

static void op_ot(state *s)
{
  double value;
  if (mdl_ot_solve(s->a, s->b, s->cost, s->plan, s->u, s->v, &value))
    die("mdl_ot_solve");
  s->sink += value;
}

static void setup_prob(state *s, size_t n, int samples)
{
  s->p = gsl_vector_alloc(n);
  s->q = gsl_vector_alloc(n);
  double sp = 0, sq = 0;
  for (size_t i = 0; i < n; i++) {
    if (samples) {
      s->p->data[i] = gsl_ran_gaussian(s->r, 1);
      s->q->data[i] = 0.5 + gsl_ran_gaussian(s->r, 1.5);
    } else {
      sp += s->p->data[i] = gsl_rng_uniform_pos(s->r);
      sq += s->q->data[i] = gsl_rng_uniform_pos(s->r);
    }
  }
  if (!samples) {
    gsl_vector_scale(s->p, 1 / sp);
    gsl_vector_scale(s->q, 1 / sq);
  }
}

static void op_kl(state *s) { s->sink += mdl_kl(s->p, s->q); }
static void op_js(state *s) { s->sink += mdl_js(s->p, s->q); }
static void op_tv(state *s) { s->sink += mdl_tv(s->p, s->q); }
static void op_w1(state *s) { s->sink += mdl_w1_1d(s->p, s->q); }

static void setup_conv(state *s)
{
  const size_t B = 64, C = 32, H = 32;
  s->g = (mdl_conv2d_geometry){C, C, H, H, 3, 1, 1};
  s->cX = gsl_matrix_alloc(B, C * H * H);
  s->cY = gsl_matrix_alloc(B, C * H * H);
  s->cdY = gsl_matrix_alloc(B, C * H * H);
  s->cdX = gsl_matrix_alloc(B, C * H * H);
  s->cw = gsl_vector_alloc(C * C * 9);
  s->cb = gsl_vector_calloc(C);
  s->cdw = gsl_vector_alloc(C * C * 9);
  s->cdb = gsl_vector_alloc(C);
  for (size_t i = 0; i < B * C * H * H; i++) {
    s->cX->data[i] = gsl_ran_gaussian(s->r, 1);
    s->cdY->data[i] = gsl_ran_gaussian(s->r, 1);
  }
  for (size_t i = 0; i < C * C * 9; i++)
    s->cw->data[i] = gsl_ran_gaussian(s->r, 0.1);
}

static void op_conv(state *s)
{
  if (mdl_conv2d_forward(&s->g, s->cw, s->cb, s->cX, s->cY)
      || mdl_conv2d_backward(&s->g, s->cw, s->cX, s->cdY, s->cdw, s->cdb, s->cdX))
    die("mdl_conv2d");
}

enum { LN = 128, LH = 256, LB = 32, LT = 50 };

static void setup_lstm(state *s)
{
  size_t np = mdl_rnn_nparams(MDL_RNN_LSTM, LN, LH);
  s->lp = gsl_vector_alloc(np);
  s->ldp = gsl_vector_alloc(np);
  s->lX = gsl_matrix_alloc(LT * LB, LN);
  s->lH = gsl_matrix_alloc(LT * LB, LH);
  s->ldH = gsl_matrix_alloc(LT * LB, LH);
  s->ldX = gsl_matrix_alloc(LT * LB, LN);
  for (size_t i = 0; i < np; i++)
    s->lp->data[i] = (2 * gsl_rng_uniform(s->r) - 1) / 16;
  for (size_t i = 0; i < LT * LB * LN; i++)
    s->lX->data[i] = gsl_rng_uniform(s->r) - 0.5;
  for (size_t i = 0; i < LT * LB * LH; i++)
    s->ldH->data[i] = gsl_rng_uniform(s->r) - 0.5;
  s->tape = mdl_rnn_tape_alloc(MDL_RNN_LSTM, LN, LH, LB, LT);
  if (s->tape == NULL)
    die("mdl_rnn_tape_alloc");
}

/* Training keeps the forward pass for the backward one, as torch's autograd
   does: the tape (chapter 4, "Speed") is the path a training loop uses. */
static void op_lstm(state *s)
{
  if (mdl_rnn_forward_tape(s->tape, s->lp, s->lX, NULL, NULL, s->lH)
      || mdl_rnn_backward_tape(s->tape, s->lp, s->lX, NULL, NULL, s->ldH,
                               s->ldp, s->ldX, NULL, NULL))
    die("mdl_rnn tape");
}

int main(int argc, char **argv)
{
  if (argc != 3) {
    fprintf(stderr, "usage: %s ROW REPS\n", argv[0]);
    return 2;
  }
  const char *row = argv[1];
  int reps = atoi(argv[2]);
  if (reps < 1)
    reps = 1;
  gsl_set_error_handler_off();
  state s = {0};
  s.r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(s.r, 20240601);
  void (*op)(state *) = NULL;
  size_t n;
  if (strcmp(row, "mlp-sgd") == 0) {
    setup_mlp(&s, NULL, 0);
    s.way = 0;
    op = op_mlp;
  } else if (strcmp(row, "mlp-gd") == 0) {
    setup_mlp(&s, mdl_optim_gd, 0.01);
    s.way = 1;
    op = op_mlp;
  } else if (strcmp(row, "mlp-adam") == 0) {
    setup_mlp(&s, mdl_optim_adam, 1e-3);
    s.way = 1;
    op = op_mlp;
  } else if (strcmp(row, "mlp-gemms") == 0) {
    setup_gemms(&s);
    op = op_gemms;
  } else if (strcmp(row, "adam-step") == 0) {
    setup_step(&s, mdl_optim_adam, 1e-3);
    op = op_step;
  } else if (strcmp(row, "gd-step") == 0) {
    setup_step(&s, mdl_optim_gd, 1e-3);
    op = op_step;
  } else if (sscanf(row, "ot-euclid-%zu", &n) == 1) {
    setup_ot(&s, n, 0);
    op = op_ot;
  } else if (sscanf(row, "ot-sqeuclid-%zu", &n) == 1) {
    setup_ot(&s, n, 1);
    op = op_ot;
  } else if (strcmp(row, "w1-line") == 0) {
    setup_prob(&s, 1000000, 1);
    op = op_w1;
  } else if (strcmp(row, "kl") == 0 || strcmp(row, "js") == 0
             || strcmp(row, "tv") == 0) {
    setup_prob(&s, 1000000, 0);
    op = row[0] == 'k' ? op_kl : row[0] == 'j' ? op_js : op_tv;
  } else if (strcmp(row, "conv") == 0) {
    setup_conv(&s);
    op = op_conv;
  } else if (strcmp(row, "lstm") == 0) {
    setup_lstm(&s);
    op = op_lstm;
  } else {
    fprintf(stderr, "bench-mdl: unknown row %s\n", row);
    return 2;
  }
  double *t = malloc((size_t)reps * sizeof *t);
  if (t == NULL)
    die("malloc");
  for (int k = -2; k < reps; k++) {
    double t0 = now();
    op(&s);
    double t1 = now();
    if (k >= 0)
      t[k] = t1 - t0;
  }
  qsort(t, (size_t)reps, sizeof *t, cmp);
  printf("%.6e\n", t[reps / 2]);
  if (s.sink != s.sink)
    fprintf(stderr, "bench-mdl: %s returned NaN\n", row);
  free(t);
  /* The process ends here; the operating system frees the rest. */
  return 0;
}
