#line 1380 "chapters/05-gan.nw"
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include <time.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <mpfr.h>
#include <mdl/divergence.h>
#include "claims.h"
#line 3260 "chapters/05-gan.nw"
#include <mdl/ot.h>
#line 4059 "chapters/05-gan.nw"
#include <mdl/numcheck.h>
#line 5238 "chapters/05-gan.nw"
#include <gsl/gsl_min.h>
#include <gsl/gsl_multimin.h>
#include <mdl/gan.h>
#line 7808 "chapters/05-gan.nw"
#include <gsl/gsl_blas.h>
#line 8938 "chapters/05-gan.nw"
static const char *msg_want;

#define WANT(text) (msg_want = (text))
#define MSG_CHECK(id, what)                                                   \
  do {                                                                        \
    (void)(id);                                                               \
    claim_reason(__FILE__, __LINE__, __func__, "gan.messages", (what),        \
                 msg_want);                                                   \
    msg_want = NULL;                                                          \
  } while (0)
#line 1406 "chapters/05-gan.nw"
static double gam(double k)
{
  const double u = DBL_EPSILON / 2;
  return k * u / (1 - k * u);
}

static void dyadic_from_weights(const double *w, size_t n, gsl_vector *p)
{
  const double total = 1073741824.0;
  double sum = 0, assigned = 0;
  size_t big = 0;
  for (size_t i = 0; i < n; i++) {
    sum += w[i];
    if (w[i] > w[big])
      big = i;
  }
  for (size_t i = 0; i < n; i++) {
    double k = floor(w[i] / sum * total);
    gsl_vector_set(p, i, k);
    assigned += k;
  }
  gsl_vector_set(p, big, gsl_vector_get(p, big) + (total - assigned));
  gsl_vector_scale(p, 1 / total);
}

static void dyadic_prob(gsl_rng *r, size_t n, int zeros, gsl_vector *p)
{
  double w[64] = {0};
  for (size_t i = 0; i < n; i++) {
    w[i] = -log(gsl_rng_uniform_pos(r));
    if (zeros && gsl_rng_uniform(r) < 1.0 / 3)
      w[i] = 0;
  }
  w[gsl_rng_uniform_int(r, n)] += 0.5;
  dyadic_from_weights(w, n, p);
}
#line 3175 "chapters/05-gan.nw"
typedef struct {
  double marginals, feasibility, slackness, gap;
} ot_report;

static void ot_measure(const gsl_vector *a, const gsl_vector *b,
                       const gsl_matrix *C, const gsl_matrix *P,
                       const gsl_vector *u, const gsl_vector *v, double value,
                       ot_report *rep)
{
  size_t m = a->size, n = b->size;
  double N = (double)(m + n + 1), mass = 0, cbar = 0, su = 0, sv = 0;
  double au = 0, bv = 0, dual = 0;
  for (size_t i = 0; i < m; i++) {
    mass += gsl_vector_get(a, i);
    su += fabs(gsl_vector_get(u, i));
    au += gsl_vector_get(a, i) * fabs(gsl_vector_get(u, i));
    dual += gsl_vector_get(a, i) * gsl_vector_get(u, i);
  }
  for (size_t j = 0; j < n; j++) {
    sv += fabs(gsl_vector_get(v, j));
    bv += gsl_vector_get(b, j) * fabs(gsl_vector_get(v, j));
    dual += gsl_vector_get(b, j) * gsl_vector_get(v, j);
  }
  for (size_t i = 0; i < m; i++)
    for (size_t j = 0; j < n; j++)
      cbar = claim_fmax(cbar, fabs(gsl_matrix_get(C, i, j)));
  double omega = 32 * N * N * DBL_EPSILON * cbar;
  double mtol = 5 * gam(N) * mass;
  for (size_t i = 0; i < m; i++) {
    double s = 0;
    for (size_t j = 0; j < n; j++) {
      double p = gsl_matrix_get(P, i, j), c = gsl_matrix_get(C, i, j);
      double ui = gsl_vector_get(u, i), vj = gsl_vector_get(v, j);
      double excess = ui + vj - c;
      double ftol = DBL_EPSILON * (fabs(c) + fabs(ui) + fabs(vj));
      if (p < 0)
        rep->marginals = HUGE_VAL;
      if (excess > 0)
        rep->feasibility = fmax(rep->feasibility,
                                ftol > 0 ? excess / ftol : HUGE_VAL);
      if (p > 0 && -excess > 0)
        rep->slackness = fmax(rep->slackness,
                              omega > 0 ? -excess / omega : HUGE_VAL);
      s += p;
    }
    double d = fabs(s - gsl_vector_get(a, i));
    if (d > 0)
      rep->marginals = claim_fmax(rep->marginals, mtol > 0 ? d / mtol : HUGE_VAL);
  }
  for (size_t j = 0; j < n; j++) {
    double s = 0;
    for (size_t i = 0; i < m; i++)
      s += gsl_matrix_get(P, i, j);
    double d = fabs(s - gsl_vector_get(b, j));
    if (d > 0)
      rep->marginals = claim_fmax(rep->marginals, mtol > 0 ? d / mtol : HUGE_VAL);
  }
  double gtol = mass * omega + 4 * gam(N) * mass * (su + sv)
                + gam(N) * (au + bv + fabs(value));
  double d = fabs(value - dual);
  if (d > 0)
    rep->gap = claim_fmax(rep->gap, gtol > 0 ? d / gtol : HUGE_VAL);
}

static void ot_claim_report(const ot_report *rep, const char *id,
                            size_t samples, unsigned long seed,
                            const char *what)
{
  const double *ratio[4] = {&rep->marginals, &rep->feasibility,
                            &rep->slackness, &rep->gap};
  const char *name[4] = {"(a) marginals", "(b) dual feasibility",
                         "(c) complementary slackness",
                         "(d) primal-dual gap"};
  for (int k = 0; k < 4; k++) {
    char note[200];
    snprintf(note, sizeof note, "%s: largest ratio of the measured error to"
             " its bound, %s", name[k], what);
    CLAIM(.id = id, .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
          .measured = *ratio[k], .reference = 1, .tolerance = 0,
          .samples = samples, .seed = seed, .note = note);
  }
}
#line 3856 "chapters/05-gan.nw"
enum { LINES_K = 64 };

static void lines_discrete(double theta, gsl_vector **p, gsl_vector **q,
                           gsl_matrix **C)
{
  size_t K = LINES_K, len = theta == 0 ? K : 2 * K;
  *p = gsl_vector_calloc(len);
  *q = gsl_vector_calloc(len);
  *C = gsl_matrix_alloc(K, K);
  for (size_t k = 0; k < K; k++) {
    gsl_vector_set(*p, k, 1.0 / K);
    gsl_vector_set(*q, len - K + k, 1.0 / K);
    for (size_t l = 0; l < K; l++) {
      double dz = (double)k / K - (double)l / K;
      gsl_matrix_set(*C, k, l, sqrt(theta * theta + dz * dz));
    }
  }
}

static double ot_tolerance(size_t n, double cbar, double value)
{
  double N = 2.0 * n + 1;
  return 32 * N * N * DBL_EPSILON * cbar + 8 * N * gam(N) * cbar
         + gam(N) * fabs(value);
}
#line 4125 "chapters/05-gan.nw"
static void random_metric(gsl_rng *r, gsl_matrix *D)
{
  size_t N = D->size1;
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j <= i; j++) {
      double d = i == j ? 0 : 0.1 + 0.9 * gsl_rng_uniform(r);
      gsl_matrix_set(D, i, j, d);
      gsl_matrix_set(D, j, i, d);
    }
  for (size_t k = 0; k < N; k++)
    for (size_t i = 0; i < N; i++)
      for (size_t j = 0; j < N; j++)
        gsl_matrix_set(D, i, j, fmin(gsl_matrix_get(D, i, j),
                                     gsl_matrix_get(D, i, k)
                                     + gsl_matrix_get(D, k, j)));
}
#line 7125 "chapters/05-gan.nw"
enum { NET_MAXL = 5 };

static mdl_net *rand_net(size_t depth, const size_t *w, mdl_net_activation h,
                         double s, gsl_rng *r, mdl_net_activation *acts)
{
  for (size_t l = 0; l < depth; l++)
    acts[l] = l + 1 < depth ? h : MDL_NET_IDENTITY;
  mdl_net *net = mdl_net_alloc(depth, w, acts);
  if (h == MDL_NET_LEAKY_RELU)
    for (size_t l = 0; l + 1 < depth; l++)
      mdl_net_set_alpha(net, l, 0.2);
  gsl_vector *theta = mdl_net_params(net);
  for (size_t k = 0; k < theta->size; k++)
    gsl_vector_set(theta, k, gsl_ran_flat(r, -s, s));
  return net;
}

static mdl_net *abs_linear(mdl_net *net)
{
  size_t depth = mdl_net_depth(net), w[NET_MAXL + 1];
  mdl_net_activation acts[NET_MAXL];
  for (size_t l = 0; l <= depth; l++)
    w[l] = mdl_net_width(net, l);
  for (size_t l = 0; l < depth; l++)
    acts[l] = MDL_NET_IDENTITY;
  mdl_net *a = mdl_net_alloc(depth, w, acts);
  gsl_vector *src = mdl_net_params(net), *dst = mdl_net_params(a);
  for (size_t k = 0; k < src->size; k++)
    gsl_vector_set(dst, k, fabs(gsl_vector_get(src, k)));
  return a;
}
#line 7491 "chapters/05-gan.nw"
static mdl_net *line_generator(double theta)
{
  const size_t w[2] = {1, 2};
  const mdl_net_activation a[1] = {MDL_NET_IDENTITY};
  mdl_net *g = mdl_net_alloc(1, w, a);
  gsl_vector *th = mdl_net_params(g);
  gsl_vector_set(th, 0, 0);
  gsl_vector_set(th, 1, 1);
  gsl_vector_set(th, 2, theta);
  gsl_vector_set(th, 3, 0);
  return g;
}

static void line_codes(gsl_matrix *Z)
{
  for (size_t i = 0; i < Z->size1; i++)
    gsl_matrix_set(Z, i, 0, (i + 0.5) / (double)Z->size1);
}

static int draw_line0(const gsl_rng *r, gsl_matrix *x, void *params)
{
  double x1 = params ? *(const double *)params : 0;
  for (size_t i = 0; i < x->size1; i++) {
    gsl_matrix_set(x, i, 0, x1);
    gsl_matrix_set(x, i, 1, gsl_rng_uniform(r));
  }
  return GSL_SUCCESS;
}

static int draw_uniform_codes(const gsl_rng *r, gsl_matrix *z, void *params)
{
  (void)params;
  for (size_t i = 0; i < z->size1; i++)
    for (size_t j = 0; j < z->size2; j++)
      gsl_matrix_set(z, i, j, gsl_rng_uniform(r));
  return GSL_SUCCESS;
}

static mdl_net *relu_critic(size_t width, gsl_rng *r)
{
  const size_t w[4] = {2, width, width, 1};
  const mdl_net_activation a[3] = {MDL_NET_RELU, MDL_NET_RELU,
                                   MDL_NET_IDENTITY};
  mdl_net *f = mdl_net_alloc(3, w, a);
  mdl_net_init(f, r);
  return f;
}
#line 7687 "chapters/05-gan.nw"
static double discriminator_error(mdl_net *D, const gsl_matrix *Z)
{
  size_t m = Z->size1;
  gsl_matrix *X = gsl_matrix_alloc(m, 2), *Y = gsl_matrix_alloc(m, 1);
  gsl_matrix *dX = gsl_matrix_alloc(m, 2);
  double dev = 0, grad = 0;
  for (int side = 0; side < 2; side++) {
    for (size_t i = 0; i < m; i++) {
      gsl_matrix_set(X, i, 0, side);
      gsl_matrix_set(X, i, 1, gsl_matrix_get(Z, i, 0));
    }
    mdl_net_forward(D, X, Y);
    mdl_gan_input_gradient(D, X, dX);
    for (size_t i = 0; i < m; i++) {
      double l = gsl_matrix_get(Y, i, 0);
      dev = fmax(dev, fabs(mdl_net_sigmoid(l) - (side ? 0 : 1)));
      grad = fmax(grad, mdl_net_sigmoid(l) * mdl_net_sigmoid(-l)
                            * hypot(gsl_matrix_get(dX, i, 0),
                                    gsl_matrix_get(dX, i, 1)));
    }
  }
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  gsl_matrix_free(dX);
  return dev + grad;
}
#line 8043 "chapters/05-gan.nw"
static mdl_gan *small_gan(mdl_gan_schedule schedule, gsl_rng *r,
                          mdl_net **gen, mdl_net **critic)
{
  const size_t gw[3] = {1, 4, 2}, cw[3] = {2, 4, 1};
  const mdl_net_activation a[2] = {MDL_NET_RELU, MDL_NET_IDENTITY};
  *gen = mdl_net_alloc(2, gw, a);
  *critic = mdl_net_alloc(2, cw, a);
  mdl_net_init(*gen, r);
  mdl_net_init(*critic, r);
  mdl_gan_params p = mdl_gan_defaults(MDL_GAN_WASSERSTEIN);
  p.schedule = schedule;
  return mdl_gan_alloc(*gen, *critic, &p);
}
#line 8509 "chapters/05-gan.nw"
static int draw_segment(const gsl_rng *r, gsl_matrix *x, void *params)
{
  (void)params;
  for (size_t i = 0; i < x->size1; i++) {
    gsl_matrix_set(x, i, 0, 1);
    gsl_matrix_set(x, i, 1, gsl_rng_uniform(r));
  }
  return GSL_SUCCESS;
}

enum { RUN_CHECKS = 11 };

static void train_run(mdl_gan_loss loss, double lr_critic, int iterations,
                      unsigned long seed, double *w1, double *est)
{
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const size_t gw[4] = {1, 32, 32, 2};
  const mdl_net_activation a[3] = {MDL_NET_RELU, MDL_NET_RELU,
                                   MDL_NET_IDENTITY};
  mdl_net *gen = mdl_net_alloc(3, gw, a), *critic = relu_critic(32, r);
  mdl_net_init(gen, r);
  mdl_gan_params p = mdl_gan_defaults(loss);
  p.lr_critic = lr_critic;
  mdl_gan *gan = mdl_gan_alloc(gen, critic, &p);
  mdl_gan_source data = {draw_segment, NULL},
                 prior = {draw_uniform_codes, NULL};
  gsl_matrix *X = gsl_matrix_alloc(256, 2), *Z = gsl_matrix_alloc(256, 1);
  gsl_matrix *G = gsl_matrix_alloc(256, 2), *Xb = gsl_matrix_alloc(64, 2);
  gsl_matrix *Zb = gsl_matrix_alloc(64, 1);
  int every = iterations / (RUN_CHECKS - 1);
  for (int t = 0, c = 0; t <= iterations; t++) {
    if (t % every == 0 && c < RUN_CHECKS) {
      draw_segment(r, X, NULL);
      draw_uniform_codes(r, Z, NULL);
      mdl_net_forward(gen, Z, G);
      w1[c] = mdl_ot_w1(X, G);
      est[c] = 0;
      for (int b = 0; b < 16; b++) {
        double v;
        draw_segment(r, Xb, NULL);
        draw_uniform_codes(r, Zb, NULL);
        mdl_gan_objective(gan, Xb, Zb, &v);
        est[c] += v / 16;
      }
      c++;
    }
    if (t < iterations)
      mdl_gan_iterate(gan, &data, &prior, r, NULL);
  }
  gsl_matrix_free(X);
  gsl_matrix_free(Z);
  gsl_matrix_free(G);
  gsl_matrix_free(Xb);
  gsl_matrix_free(Zb);
  mdl_gan_free(gan);
  mdl_net_free(gen);
  mdl_net_free(critic);
  gsl_rng_free(r);
}
#line 1457 "chapters/05-gan.nw"
static void test_tv_events(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(7193011);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { PAIRS = 300 };
  double worst = 0;
  for (int k = 0; k < PAIRS; k++) {
    size_t n = 1 + (size_t)k % 12;
    gsl_vector *p = gsl_vector_alloc(n), *q = gsl_vector_alloc(n);
    dyadic_prob(r, n, k % 2, p);
    dyadic_prob(r, n, k % 3 == 0, q);
    double best = 0;
    for (unsigned long A = 0; A < (1ul << n); A++) {
      double d = 0;
      for (size_t i = 0; i < n; i++)
        if (A >> i & 1)
          d += gsl_vector_get(p, i) - gsl_vector_get(q, i);
      best = claim_fmax(best, fabs(d));
    }
    double tv = mdl_tv(p, q), tol = 2 * gam((double)n) * best;
    if (best != tv)
      worst = claim_fmax(worst, tol > 0 ? fabs(best - tv) / tol : HUGE_VAL);
    gsl_vector_free(p);
    gsl_vector_free(q);
  }
  CLAIM(.id = "gan.tv-events", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = worst, .reference = 1, .tolerance = 0, .samples = PAIRS,
        .seed = seed,
        .note = "largest |max over events of |P(A)-Q(A)| - mdl_tv| over its"
                " tolerance 2 gamma_n tv, n <= 12, all 2^n events");
  gsl_rng_free(r);
}
#line 1502 "chapters/05-gan.nw"
static void div_pair(gsl_rng *r, size_t n, int kind, gsl_vector *p,
                     gsl_vector *q)
{
  if (kind == 2) {
    double w[64], v[64];
    size_t cut = 1 + gsl_rng_uniform_int(r, n - 1);
    for (size_t i = 0; i < n; i++) {
      w[i] = i < cut ? 0.1 + gsl_rng_uniform(r) : 0;
      v[i] = i < cut ? 0 : 0.1 + gsl_rng_uniform(r);
    }
    dyadic_from_weights(w, n, p);
    dyadic_from_weights(v, n, q);
    return;
  }
  dyadic_prob(r, n, kind == 1, p);
  if (kind != 3) {
    dyadic_prob(r, n, kind == 1, q);
    return;
  }
  const double unit = 1.0 / 1073741824.0;
  gsl_vector_memcpy(q, p);
  double scale = pow(10.0, -9 + 6 * gsl_rng_uniform(r));
  for (size_t i = 0; i + 1 < n; i += 2) {
    double pi = gsl_vector_get(p, i), pj = gsl_vector_get(p, i + 1);
    double k = floor(scale * fmin(pi, pj) / unit);
    gsl_vector_set(q, i, pi + k * unit);
    gsl_vector_set(q, i + 1, pj - k * unit);
  }
}

static void test_divergence_inequalities(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4402917);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { PAIRS = 2000 };
  const double c = 32;
  double js_min = HUGE_VAL, js_max = 0, sym = 0, pinsker = 0, upper = 0;
  double lower = 0;
  size_t triangle = 0;
  for (int k = 0; k < PAIRS; k++) {
    size_t n = 2 + gsl_rng_uniform_int(r, 39);
    gsl_vector *p = gsl_vector_alloc(n), *q = gsl_vector_alloc(n);
    gsl_vector *s = gsl_vector_alloc(n);
    div_pair(r, n, k % 4, p, q);
    double g = gam(n + c), g2 = (1 + g) * (1 + g);
    double kl = mdl_kl(p, q), js = mdl_js(p, q), tv = mdl_tv(p, q);
    double js_back = mdl_js(q, p);
    js_min = fmin(js_min, js);
    js_max = claim_fmax(js_max, js / (M_LN2 * (1 + g)));
    sym = claim_fmax(sym, js == js_back ? 0 : fabs(js - js_back) / (2 * g * js));
    if (tv > 0) {
      pinsker = claim_fmax(pinsker, isinf(kl) ? 0 : tv / (sqrt(kl / 2) * g2));
      upper = claim_fmax(upper, js / (tv * M_LN2 * g2));
      lower = claim_fmax(lower, tv * tv / 2 / (js * g2 * (1 + g)));
    }
    dyadic_prob(r, n, k % 2, s);
    double a = sqrt(mdl_js(p, s)), b = sqrt(mdl_js(p, q)) + sqrt(mdl_js(q, s));
    triangle += a > b * g2;
    gsl_vector_free(p);
    gsl_vector_free(q);
    gsl_vector_free(s);
  }
  CLAIM(.id = "gan.divergence-inequalities", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = js_min, .reference = 0,
        .tolerance = 0, .samples = PAIRS, .seed = seed,
        .note = "smallest JS over random pairs: JS >= 0");
  CLAIM(.id = "gan.divergence-inequalities", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = js_max, .reference = 1,
        .tolerance = 0, .samples = PAIRS, .seed = seed,
        .note = "largest JS / (log 2 (1 + gamma_{n+c})): JS <= log 2");
  CLAIM(.id = "gan.divergence-inequalities", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = sym, .reference = 1,
        .tolerance = 0, .samples = PAIRS, .seed = seed,
        .note = "largest |JS(p,q) - JS(q,p)| / (2 gamma_{n+c} JS): symmetry");
  CLAIM(.id = "gan.divergence-inequalities", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = pinsker, .reference = 1,
        .tolerance = 0, .samples = PAIRS, .seed = seed,
        .note = "largest TV / (sqrt(KL/2) (1 + gamma)^2): Pinsker");
  CLAIM(.id = "gan.divergence-inequalities", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = upper, .reference = 1,
        .tolerance = 0, .samples = PAIRS, .seed = seed,
        .note = "largest JS / (TV log 2 (1 + gamma)^2): JS <= TV log 2,"
                " attained by the disjoint pairs");
  CLAIM(.id = "gan.divergence-inequalities", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = lower, .reference = 1,
        .tolerance = 0, .samples = PAIRS, .seed = seed,
        .note = "largest (TV^2/2) / (JS (1 + gamma)^3): JS >= TV^2/2,"
                " nearly attained by the close pairs");
  CLAIM(.id = "gan.divergence-inequalities", .kind = CLAIM_IDENTITY,
        .measured = (double)triangle, .reference = 0, .tolerance = 0,
        .samples = PAIRS, .seed = seed,
        .note = "random triples violating the triangle inequality of"
                " sqrt(JS) beyond rounding");
#line 1603 "chapters/05-gan.nw"
  gsl_vector *e1 = gsl_vector_alloc(2), *e2 = gsl_vector_alloc(2);
  gsl_vector *half = gsl_vector_alloc(2);
  gsl_vector_set(e1, 0, 1);
  gsl_vector_set(e1, 1, 0);
  gsl_vector_set(e2, 0, 0);
  gsl_vector_set(e2, 1, 1);
  gsl_vector_set_all(half, 0.5);
  double excess = mdl_js(e1, e2) - mdl_js(e1, half) - mdl_js(half, e2);
  CLAIM(.id = "gan.divergence-inequalities", .kind = CLAIM_IDENTITY,
        .measured = excess, .reference = M_LN2 - 1.5 * log(4.0 / 3),
        .tolerance = 4 * gam(2 + c),
        .note = "JS(d1,d2) - JS(d1,mix) - JS(mix,d2) = log 2 - 1.5 log(4/3) > 0:"
                " JS violates the triangle inequality");
  gsl_vector_free(e1);
  gsl_vector_free(e2);
  gsl_vector_free(half);
#line 1598 "chapters/05-gan.nw"
  gsl_rng_free(r);
}
#line 1634 "chapters/05-gan.nw"
enum { REF_BITS = 128 };

static void ref_kl(const gsl_vector *p, const gsl_vector *q, mpfr_t sum)
{
  mpfr_t pi, qi, d, t, dk, x;
  mpfr_inits2(REF_BITS, pi, qi, d, t, dk, x, (mpfr_ptr)0);
  mpfr_set_zero(sum, 1);
  for (size_t i = 0; i < p->size; i++) {
    mpfr_set_d(pi, gsl_vector_get(p, i), MPFR_RNDN);
    mpfr_set_d(qi, gsl_vector_get(q, i), MPFR_RNDN);
    if (mpfr_zero_p(pi)) {
      mpfr_add(sum, sum, qi, MPFR_RNDN);
      continue;
    }
    mpfr_sub(d, pi, qi, MPFR_RNDN);
    mpfr_div(d, d, qi, MPFR_RNDN);
    if (fabs(mpfr_get_d(d, MPFR_RNDN)) < 0.1) {
      mpfr_set_zero(t, 1);
      mpfr_sqr(dk, d, MPFR_RNDN);
      for (int k = 2; k < 42; k++) {
        mpfr_div_ui(x, dk, (unsigned long)(k * (k - 1)), MPFR_RNDN);
        mpfr_add(t, t, x, MPFR_RNDN);
        mpfr_mul(dk, dk, d, MPFR_RNDN);
        mpfr_neg(dk, dk, MPFR_RNDN);
      }
      mpfr_fma(sum, qi, t, sum, MPFR_RNDN);
    } else {
      mpfr_div(x, pi, qi, MPFR_RNDN);
      mpfr_log(x, x, MPFR_RNDN);
      mpfr_fma(sum, pi, x, sum, MPFR_RNDN);
      mpfr_sub(sum, sum, pi, MPFR_RNDN);
      mpfr_add(sum, sum, qi, MPFR_RNDN);
    }
  }
  mpfr_clears(pi, qi, d, t, dk, x, (mpfr_ptr)0);
}

static void ref_js(const gsl_vector *p, const gsl_vector *q, mpfr_t sum)
{
  mpfr_t pi, qi, s, d, t, d2, dk, x;
  mpfr_inits2(REF_BITS, pi, qi, s, d, t, d2, dk, x, (mpfr_ptr)0);
  mpfr_set_zero(sum, 1);
  for (size_t i = 0; i < p->size; i++) {
    mpfr_set_d(pi, gsl_vector_get(p, i), MPFR_RNDN);
    mpfr_set_d(qi, gsl_vector_get(q, i), MPFR_RNDN);
    mpfr_add(s, pi, qi, MPFR_RNDN);
    if (mpfr_zero_p(s))
      continue;
    mpfr_sub(d, pi, qi, MPFR_RNDN);
    mpfr_div(d, d, s, MPFR_RNDN);
    if (fabs(mpfr_get_d(d, MPFR_RNDN)) < 0.1) {
      mpfr_set_zero(t, 1);
      mpfr_sqr(d2, d, MPFR_RNDN);
      mpfr_set_ui(dk, 1, MPFR_RNDN);
      for (int k = 1; k < 40; k++) {
        mpfr_mul(dk, dk, d2, MPFR_RNDN);
        mpfr_div_ui(x, dk, (unsigned long)(k * (2 * k - 1)), MPFR_RNDN);
        mpfr_add(t, t, x, MPFR_RNDN);
      }
      mpfr_mul(x, s, t, MPFR_RNDN);
      mpfr_div_ui(x, x, 4, MPFR_RNDN);
      mpfr_add(sum, sum, x, MPFR_RNDN);
    } else {
      mpfr_t *const side[2] = {&pi, &qi};
      for (int k = 0; k < 2; k++) {
        if (mpfr_zero_p(*side[k]))
          continue;
        mpfr_mul_ui(x, *side[k], 2, MPFR_RNDN);
        mpfr_div(x, x, s, MPFR_RNDN);
        mpfr_log(x, x, MPFR_RNDN);
        mpfr_mul(x, x, *side[k], MPFR_RNDN);
        mpfr_div_ui(x, x, 2, MPFR_RNDN);
        mpfr_add(sum, sum, x, MPFR_RNDN);
      }
    }
  }
  mpfr_clears(pi, qi, s, d, t, d2, dk, x, (mpfr_ptr)0);
}

static double ref_dev(double x, const mpfr_t r)
{
  mpfr_t e;
  mpfr_init2(e, REF_BITS);
  mpfr_sub_d(e, r, x, MPFR_RNDN);
  mpfr_abs(e, e, MPFR_RNDN);
  mpfr_div(e, e, r, MPFR_RNDU);
  double dev = fabs(mpfr_get_d(e, MPFR_RNDU));
  mpfr_clear(e);
  return dev;
}

static double naive_kl(const gsl_vector *p, const gsl_vector *q)
{
  double sum = 0;
  for (size_t i = 0; i < p->size; i++)
    if (gsl_vector_get(p, i) > 0)
      sum += gsl_vector_get(p, i)
             * log(gsl_vector_get(p, i) / gsl_vector_get(q, i));
  return sum;
}

static void test_divergence_accuracy(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(9021877);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { PAIRS = 1200 };
  const double c = 32, ul = ldexp(1, -REF_BITS);
  double worst[3] = {0, 0, 0}, naive = 0;
  mpfr_t rk, rj, rt, x;
  mpfr_inits2(REF_BITS, rk, rj, rt, x, (mpfr_ptr)0);
  for (int k = 0; k < PAIRS; k++) {
    size_t n = 2 + gsl_rng_uniform_int(r, 39);
    gsl_vector *p = gsl_vector_alloc(n), *q = gsl_vector_alloc(n);
    div_pair(r, n, k < PAIRS / 2 ? k % 2 : 3, p, q);
    double g = gam(ceil(log2((double)n)) + 2 + c),
           gl = (n + 8) * ul / (1 - (n + 8) * ul);
    ref_kl(p, q, rk);
    ref_js(p, q, rj);
    mpfr_set_zero(rt, 1);
    for (size_t i = 0; i < n; i++) {
      mpfr_set_d(x, gsl_vector_get(p, i), MPFR_RNDN);
      mpfr_sub_d(x, x, gsl_vector_get(q, i), MPFR_RNDN);
      mpfr_abs(x, x, MPFR_RNDN);
      mpfr_add(rt, rt, x, MPFR_RNDN);
    }
    mpfr_div_ui(rt, rt, 2, MPFR_RNDN);
    if (isfinite(mdl_kl(p, q)) && mpfr_sgn(rk) > 0)
      worst[0] = claim_fmax(worst[0], ref_dev(mdl_kl(p, q), rk) / (g + gl));
    if (mpfr_sgn(rj) > 0)
      worst[1] = claim_fmax(worst[1], ref_dev(mdl_js(p, q), rj) / (g + gl));
    if (mpfr_sgn(rt) > 0)
      worst[2] = claim_fmax(worst[2], ref_dev(mdl_tv(p, q), rt) / (g + gl));
    if (k >= PAIRS / 2 && mpfr_sgn(rk) > 0)
      naive = claim_fmax(naive, ref_dev(naive_kl(p, q), rk));
    gsl_vector_free(p);
    gsl_vector_free(q);
  }
  mpfr_clears(rk, rj, rt, x, (mpfr_ptr)0);
  const char *names[3] = {"mdl_kl", "mdl_js", "mdl_tv"};
  for (int f = 0; f < 3; f++) {
    char note[160];
    snprintf(note, sizeof note, "largest relative error of %s against a"
             " 128-bit MPFR reference, over gamma_{ceil(log2 n)+2+32} plus the"
             " reference's error", names[f]);
    CLAIM(.id = "gan.divergence-accuracy", .kind = CLAIM_BOUND,
          .relation = CLAIM_AT_MOST, .measured = worst[f], .reference = 1,
          .tolerance = 0, .samples = PAIRS, .seed = seed, .note = note);
  }
  CLAIM(.id = "gan.divergence-accuracy", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = naive, .reference = 1e-6,
        .tolerance = 0, .samples = PAIRS / 2, .seed = seed,
        .note = "largest relative error of the naive sum p log(p/q) on the"
                " close pairs: digits lost to cancellation");
  gsl_rng_free(r);
}
#line 1806 "chapters/05-gan.nw"
static void test_divergence_long(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(7730291);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { N = 1 << 17, NK = 1 << 15, ONE_BITS = 40 };
  gsl_vector *pq[2] = {gsl_vector_alloc(NK), gsl_vector_alloc(NK)};
  for (int s = 0; s < 2; s++) {
    unsigned long long total = 0;
    for (size_t i = 0; i + 1 < NK; i++) {
      unsigned long long k = 1 + gsl_rng_uniform_int(r, 1UL << 23);
      total += k;
      gsl_vector_set(pq[s], i, ldexp((double)k, -ONE_BITS));
    }
    gsl_vector_set(pq[s], NK - 1,
                   ldexp((double)((1ULL << ONE_BITS) - total), -ONE_BITS));
  }
  const double ul = ldexp(1, -REF_BITS);
  mpfr_t ref[3], x;
  mpfr_inits2(REF_BITS, ref[0], ref[1], ref[2], x, (mpfr_ptr)0);
  ref_kl(pq[0], pq[1], ref[0]);
  ref_js(pq[0], pq[1], ref[1]);
  gsl_vector *fine[2] = {gsl_vector_alloc(N), gsl_vector_alloc(N)};
  for (int s = 0; s < 2; s++) {
    for (size_t i = 0; i < N; i++)
      gsl_vector_set(fine[s], i, gsl_rng_uniform_pos(r));
    gsl_vector_scale(fine[s], 1 / gsl_blas_dasum(fine[s]));
  }
  mpfr_set_zero(ref[2], 1);
  for (size_t i = 0; i < N; i++) {
    mpfr_set_d(x, gsl_vector_get(fine[0], i), MPFR_RNDN);
    mpfr_sub_d(x, x, gsl_vector_get(fine[1], i), MPFR_RNDN);
    mpfr_abs(x, x, MPFR_RNDN);
    mpfr_add(ref[2], ref[2], x, MPFR_RNDN);
  }
  mpfr_div_ui(ref[2], ref[2], 2, MPFR_RNDN);
  double (*const div[3])(const gsl_vector *, const gsl_vector *) = {
      mdl_kl, mdl_js, mdl_tv};
  const char *names[3] = {"mdl_kl", "mdl_js", "mdl_tv"};
  const double c[3] = {32, 32, 1};
  for (int f = 0; f < 3; f++) {
    gsl_vector **v = f < 2 ? pq : fine;
    double n = (double)v[0]->size, L = ceil(log2(n)) + 2;
    double dev = ref_dev(div[f](v[0], v[1]), ref[f]);
    char note[200];
    snprintf(note, sizeof note, "relative error of %s on two probability"
             " vectors of length 2^%.0f (TV: full-precision entries) against"
             " a 128-bit MPFR sum, over"
             " gamma_{ceil(log2 n)+2+%.0f} plus the reference's error",
             names[f], log2(n), c[f]);
    CLAIM(.id = "gan.divergence-accuracy", .kind = CLAIM_BOUND,
          .relation = CLAIM_AT_MOST, .measured = dev / (gam(L + c[f]) + (n + 8) * ul),
          .reference = 1, .tolerance = 0, .samples = (size_t)n, .seed = seed,
          .note = note);
  }
  enum { NS = 1000 };
  gsl_vector *sh[2] = {gsl_vector_alloc(NS), gsl_vector_alloc(NS)};
  for (int s = 0; s < 2; s++) {
    unsigned long long total = 0;
    for (size_t i = 0; i + 1 < NS; i++) {
      unsigned long long k = 1 + gsl_rng_uniform_int(r, 1UL << 23);
      total += k;
      gsl_vector_set(sh[s], i, ldexp((double)k, -ONE_BITS));
    }
    gsl_vector_set(sh[s], NS - 1,
                   ldexp((double)((1ULL << ONE_BITS) - total), -ONE_BITS));
  }
  ref_kl(sh[0], sh[1], ref[0]);
  ref_js(sh[0], sh[1], ref[1]);
  for (int f = 0; f < 2; f++) {
    double n = NS, L = ceil(log2(n)) + 2;
    double dev = ref_dev(div[f](sh[0], sh[1]), ref[f]);
    char note[160];
    snprintf(note, sizeof note, "relative error of %s at length 1000 (not a"
             " power of two) against a 128-bit MPFR sum, over"
             " gamma_{ceil(log2 n)+2+32} plus the reference's error", names[f]);
    CLAIM(.id = "gan.divergence-accuracy", .kind = CLAIM_BOUND,
          .relation = CLAIM_AT_MOST, .measured = dev / (gam(L + 32) + (n + 8) * ul),
          .reference = 1, .tolerance = 0, .samples = NS, .seed = seed,
          .note = note);
  }
  gsl_vector_free(sh[0]);
  gsl_vector_free(sh[1]);
#line 1908 "chapters/05-gan.nw"
  {
    const double tiny = 0x1p-1074;
    gsl_vector *a = gsl_vector_alloc(3), *b = gsl_vector_alloc(3);
    gsl_vector_set(a, 0, 0.5);
    gsl_vector_set(a, 1, 0.5);
    gsl_vector_set(a, 2, 3 * tiny);
    gsl_vector_set(b, 0, 5 * tiny);
    gsl_vector_set(b, 1, 0.5);
    gsl_vector_set(b, 2, 0.5);
    ref_kl(a, b, ref[0]);
    double dev = ref_dev(mdl_kl(a, b), ref[0]);
    CLAIM(.id = "gan.divergence-accuracy", .kind = CLAIM_BOUND,
          .relation = CLAIM_AT_MOST,
          .measured = dev / (gam(ceil(log2(3.0)) + 2 + 32) + 11 * ul),
          .reference = 1, .tolerance = 0, .samples = 3,
          .note = "relative error of mdl_kl with ratios p/q that overflow and"
                  " that are subnormal, against a 128-bit MPFR sum");
    gsl_vector_free(a);
    gsl_vector_free(b);
  }
#line 1891 "chapters/05-gan.nw"
  mpfr_clears(ref[0], ref[1], ref[2], x, (mpfr_ptr)0);
  gsl_vector_free(pq[0]);
  gsl_vector_free(pq[1]);
  gsl_vector_free(fine[0]);
  gsl_vector_free(fine[1]);
  gsl_rng_free(r);
}

#line 1931 "chapters/05-gan.nw"
static void test_divergence_support(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3141593);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  double (*const div[3])(const gsl_vector *, const gsl_vector *) = {
      mdl_kl, mdl_js, mdl_tv};
  size_t changed = 0, nonzero = 0;
  for (int k = 0; k < 200; k++) {
    size_t n = 2 + gsl_rng_uniform_int(r, 20), at = gsl_rng_uniform_int(r, n + 1);
    gsl_vector *p = gsl_vector_alloc(n), *q = gsl_vector_alloc(n);
    gsl_vector *pz = gsl_vector_calloc(n + 1), *qz = gsl_vector_calloc(n + 1);
    div_pair(r, n, k % 2, p, q);
    for (size_t i = 0; i < n; i++) {
      gsl_vector_set(pz, i < at ? i : i + 1, gsl_vector_get(p, i));
      gsl_vector_set(qz, i < at ? i : i + 1, gsl_vector_get(q, i));
    }
    for (int f = 0; f < 3; f++) {
      double a = div[f](p, q), b = div[f](pz, qz);
      changed += !(a == b || (isinf(a) && isinf(b)));
    }
    gsl_vector_set_basis(pz, at);
    for (int f = 0; f < 3; f++)
      nonzero += !(div[f](pz, pz) == 0);
    gsl_vector_free(p);
    gsl_vector_free(q);
    gsl_vector_free(pz);
    gsl_vector_free(qz);
  }
  CLAIM(.id = "gan.divergence-accuracy", .kind = CLAIM_IDENTITY,
        .measured = (double)changed, .reference = 0, .tolerance = 0,
        .samples = 600, .seed = seed,
        .note = "KL, JS and TV values changed by a point of zero mass in both"
                " p and q, 200 dyadic pairs");
  CLAIM(.id = "gan.divergence-accuracy", .kind = CLAIM_IDENTITY,
        .measured = (double)nonzero, .reference = 0, .tolerance = 0,
        .samples = 600, .seed = seed,
        .note = "KL, JS and TV of a point mass from itself that are not"
                " exactly 0");
  gsl_rng_free(r);
}
#line 750 "chapters/05-gan.nw"
static inline double div_log(double x)
{
  const double ln2_hi = 0x1.62e42feep-1, ln2_lo = 0x1.a39ef35793c76p-33;
  uint64_t bits, big, eb, mb;
  double eo, m;
  memcpy(&bits, &x, sizeof bits);
  mb = (bits & UINT64_C(0x000fffffffffffff)) | UINT64_C(0x3ff0000000000000);
  big = (UINT64_C(0x3ff6a09e667f3bcd) - mb) >> 63;
  eb = ((bits >> 52) + big) | UINT64_C(0x4330000000000000);
  mb -= big << 52;
  memcpy(&eo, &eb, sizeof eo);
  memcpy(&m, &mb, sizeof m);
  double e = (eo - 0x1p52) - 1023;
  double f = m - 1, s = f / (2 + f), z = s * s, a = s + s;
  double Q = 1.0 / 21;
  Q = Q * z + 1.0 / 19;
  Q = Q * z + 1.0 / 17;
  Q = Q * z + 1.0 / 15;
  Q = Q * z + 1.0 / 13;
  Q = Q * z + 1.0 / 11;
  Q = Q * z + 1.0 / 9;
  Q = Q * z + 1.0 / 7;
  Q = Q * z + 1.0 / 5;
  Q = Q * z + 1.0 / 3;
  double lm = a + a * z * Q;
  return e * ln2_hi + (e * ln2_lo + lm);
}

#line 785 "chapters/05-gan.nw"
static void log_dev(double x, mpfr_t ref, mpfr_t e, double worst[2])
{
  const double u = DBL_EPSILON / 2;
  mpfr_set_d(ref, x, MPFR_RNDN);
  mpfr_log(ref, ref, MPFR_RNDN);
  mpfr_sub_d(e, ref, div_log(x), MPFR_RNDN);
  mpfr_abs(e, e, MPFR_RNDN);
  double err = mpfr_get_d(e, MPFR_RNDU), lx = mpfr_get_d(ref, MPFR_RNDN);
  double rel = err / (u * fabs(lx)) * (1 + 4 * u);
  double ulps = err / ldexp(1, ilogb(lx) - 52) * (1 + 4 * u);
  worst[0] = claim_fmax(worst[0], rel);
  worst[1] = claim_fmax(worst[1], ulps);
}

static void test_divergence_log(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6021943);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { FINE = 1 << 13 };
  const double c = 0x1.6a09e667f3bcdp+0;
  double worst[2] = {0, 0};
  size_t count = 0;
  mpfr_t ref, e;
  mpfr_inits2(REF_BITS, ref, e, (mpfr_ptr)0);
  const int edge[4] = {-3, -2, 1, 2};
  for (int k = 0; k < 4; k++) {
    for (size_t i = 0; i < FINE; i++, count++)
      log_dev(ldexp(1 + (double)i / FINE, edge[k]), ref, e, worst);
    double mc = ldexp(c, edge[k]);
    log_dev(mc, ref, e, worst);
    log_dev(nextafter(mc, 0), ref, e, worst);
    log_dev(nextafter(mc, 8), ref, e, worst);
    count += 3;
  }
  const double ends[8] = {0.5, nextafter(0.5, 0), 2, nextafter(2, 8),
                          DBL_MIN, nextafter(DBL_MIN, 1), DBL_MAX,
                          nextafter(DBL_MAX, 0)};
  for (int k = 0; k < 8; k++, count++)
    log_dev(ends[k], ref, e, worst);
  for (int k = DBL_MIN_EXP - 1; k < DBL_MAX_EXP; k++) {
    if (k >= -3 && k <= 2)
      continue;
    for (int j = 0; j < 8; j++, count++)
      log_dev(ldexp(1 + gsl_rng_uniform(r), k), ref, e, worst);
  }
  mpfr_clears(ref, e, (mpfr_ptr)0);
  CLAIM(.id = "gan.divergence-log", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst[0], .reference = 2.5,
        .tolerance = 0, .samples = count, .seed = seed,
        .note = "largest |div_log(x) - log x| / (u |log x|) over a grid of D"
                " against a 128-bit MPFR log");
  CLAIM(.id = "gan.divergence-log", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst[1], .reference = 2.5,
        .tolerance = 0, .samples = count, .seed = seed,
        .note = "largest |div_log(x) - log x| in units in the last place of"
                " log x, same grid");
  gsl_rng_free(r);
}
#line 1985 "chapters/05-gan.nw"
static void quantile_w1(const double *a, size_t n, const double *b,
                        size_t m, mpfr_t sum)
{
  size_t i = 1, j = 1;
  mpfr_t s0, s1, x;
  mpfr_inits2(REF_BITS, s0, s1, x, (mpfr_ptr)0);
  mpfr_set_zero(sum, 1);
  mpfr_set_zero(s0, 1);
  while (i <= n && j <= m) {
    if (i * m <= j * n)
      mpfr_set_ui(s1, (unsigned long)i, MPFR_RNDN), mpfr_div_ui(s1, s1, (unsigned long)n, MPFR_RNDN);
    else
      mpfr_set_ui(s1, (unsigned long)j, MPFR_RNDN), mpfr_div_ui(s1, s1, (unsigned long)m, MPFR_RNDN);
    mpfr_set_d(x, a[i - 1], MPFR_RNDN);
    mpfr_sub_d(x, x, b[j - 1], MPFR_RNDN);
    mpfr_abs(x, x, MPFR_RNDN);
    mpfr_sub(s0, s1, s0, MPFR_RNDN);
    mpfr_fma(sum, x, s0, sum, MPFR_RNDN);
    mpfr_set(s0, s1, MPFR_RNDN);
    if (i * m == j * n) {
      i++;
      j++;
    } else if (i * m < j * n) {
      i++;
    } else {
      j++;
    }
  }
  mpfr_clears(s0, s1, x, (mpfr_ptr)0);
}

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void test_w1_line(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(5531871);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { CASES = 400 };
  const double ul = ldexp(1, -REF_BITS);
  double worst = 0;
  mpfr_t ref;
  mpfr_init2(ref, REF_BITS);
  for (int k = 0; k < CASES; k++) {
    size_t n = 1 + gsl_rng_uniform_int(r, 300),
           m = 1 + gsl_rng_uniform_int(r, 300);
    gsl_vector *x = gsl_vector_alloc(n), *y = gsl_vector_alloc(m);
    double a[300], b[300], shift = gsl_ran_gaussian(r, 1.0);
    for (size_t i = 0; i < n; i++) {
      a[i] = k % 2 ? (double)gsl_rng_uniform_int(r, 41) / 8 - 2.5
                   : gsl_ran_gaussian(r, 1.0);
      gsl_vector_set(x, i, a[i]);
    }
    for (size_t j = 0; j < m; j++) {
      b[j] = k % 2 ? (double)gsl_rng_uniform_int(r, 41) / 8 - 2.5
                   : shift + gsl_ran_gaussian(r, 1.5);
      gsl_vector_set(y, j, b[j]);
    }
    qsort(a, n, sizeof *a, cmp_double);
    qsort(b, m, sizeof *b, cmp_double);
    quantile_w1(a, n, b, m, ref);
    double w = mdl_w1_1d(x, y);
    double gl = (n + m + 4) * ul / (1 - (n + m + 4) * ul);
    if (mpfr_cmp_d(ref, w) != 0)
      worst = claim_fmax(worst, mpfr_sgn(ref) > 0
                              ? ref_dev(w, ref) / (gam(n + m + 1) + gl)
                              : HUGE_VAL);
    gsl_vector_free(x);
    gsl_vector_free(y);
  }
  mpfr_clear(ref);
  CLAIM(.id = "gan.w1-line", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = worst, .reference = 1, .tolerance = 0, .samples = CASES,
        .seed = seed,
        .note = "largest |mdl_w1_1d - quantile formula in MPFR| over"
                " its tolerance, sizes 1 to 300, with ties");
  gsl_rng_free(r);
}
#line 2077 "chapters/05-gan.nw"
typedef struct {
  double mu, sigma;
} gauss;

static double log_gauss(double x, void *params)
{
  const gauss *g = params;
  double z = (x - g->mu) / g->sigma;
  return -0.5 * z * z - log(g->sigma) - 0.5 * log(2 * M_PI);
}

typedef struct {
  double lo, hi;
} interval;

static double log_uniform(double x, void *params)
{
  const interval *u = params;
  return x >= u->lo && x <= u->hi ? -log(u->hi - u->lo) : GSL_NEGINF;
}

static double quad_ratio(double value, double exact, double abserr)
{
  return fabs(value - exact) / (3 * abserr + 1e-12);
}

static void test_density_divergences(void **state)
{
  (void)state;
  const gauss g[6] = {{0, 1},   {1, 2},     {-1.5, 0.5},
                      {2, 1.3}, {0.3, 0.7}, {0.3, 0.7}};
  double worst = 0, value, err;
  int cases = 0;
  for (int k = 0; k < 6; k += 2) {
    mdl_density p = {log_gauss, (void *)&g[k]},
                q = {log_gauss, (void *)&g[k + 1]};
    double s1 = g[k].sigma, s2 = g[k + 1].sigma, dm = g[k].mu - g[k + 1].mu;
    double exact = log(s2 / s1) + (s1 * s1 + dm * dm) / (2 * s2 * s2) - 0.5;
    mdl_kl_density(&p, &q, -30, 30, &value, &err);
    worst = claim_fmax(worst, quad_ratio(value, exact, err));
    cases++;
  }
  const gauss h[4] = {{0, 1}, {1.7, 1}, {-2, 0.5}, {1, 0.5}};
  for (int k = 0; k < 4; k += 2) {
    mdl_density p = {log_gauss, (void *)&h[k]},
                q = {log_gauss, (void *)&h[k + 1]};
    double exact =
        2 * gsl_cdf_ugaussian_P(fabs(h[k].mu - h[k + 1].mu) / (2 * h[k].sigma))
        - 1;
    mdl_tv_density(&p, &q, -30, 30, &value, &err);
    worst = claim_fmax(worst, quad_ratio(value, exact, err));
    cases++;
  }
  const double shifts[4] = {0, 0.3, 0.77, 1};
  int infinite = 0;
  for (int k = 0; k < 4; k++) {
    interval u = {0, 1}, v = {shifts[k], 1 + shifts[k]};
    mdl_density p = {log_uniform, &u}, q = {log_uniform, &v};
    mdl_js_density(&p, &q, -30, 30, &value, &err);
    worst = claim_fmax(worst, quad_ratio(value, shifts[k] * M_LN2, err));
    mdl_tv_density(&p, &q, -30, 30, &value, &err);
    worst = claim_fmax(worst, quad_ratio(value, shifts[k], err));
    mdl_kl_density(&p, &q, -30, 30, &value, &err);
    if (shifts[k] > 0)
      infinite += isinf(value) && value > 0;
    else
      worst = claim_fmax(worst, quad_ratio(value, 0, err));
    cases += 3;
  }
  CLAIM(.id = "gan.density-divergences", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .tolerance = 0, .samples = (size_t)cases,
        .note = "largest |integrated - closed form| / (3 abserr + 1e-12):"
                " Gaussian KL and TV, uniform JS, TV and KL");
  CLAIM(.id = "gan.density-divergences", .kind = CLAIM_IDENTITY,
        .measured = infinite, .reference = 3, .tolerance = 0,
        .note = "shifted uniforms whose KL is returned as +infinity");
}
#line 2174 "chapters/05-gan.nw"
static void test_nested_uniforms(void **state)
{
  (void)state;
  const interval outer[3] = {{-0.5, 1.5}, {-2.25, 1}, {0, 7.3}};
  interval u = {0, 1};
  double worst = 0, value, err;
  int nan = 0;
  for (int k = 0; k < 3; k++) {
    mdl_density p = {log_uniform, &u}, q = {log_uniform, (void *)&outer[k]};
    double L = outer[k].hi - outer[k].lo;
    double js = 0.5 * (log(2 * L / (L + 1)) + log(2 / (L + 1)) / L
                       + (L - 1) / L * M_LN2);
    mdl_kl_density(&p, &q, -30, 30, &value, &err);
    worst = claim_fmax(worst, quad_ratio(value, log(L), err));
    nan += isnan(value);
    mdl_tv_density(&p, &q, -30, 30, &value, &err);
    worst = claim_fmax(worst, quad_ratio(value, 1 - 1 / L, err));
    nan += isnan(value);
    mdl_js_density(&p, &q, -30, 30, &value, &err);
    worst = claim_fmax(worst, quad_ratio(value, js, err));
    nan += isnan(value);
  }
  if (nan)
    worst = GSL_NAN;
  CLAIM(.id = "gan.density-divergences", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .tolerance = 0, .samples = 9,
        .note = "largest |integrated - closed form| / (3 abserr + 1e-12):"
                " KL, TV and JS of U[0,1] against a uniform on an interval"
                " containing it");
}
#line 3274 "chapters/05-gan.nw"
static void random_masses(gsl_rng *r, gsl_vector *a, int zeros, double total)
{
  double s = 0;
  for (size_t i = 0; i < a->size; i++) {
    double w = (double)gsl_rng_uniform_int(r, 5);
    if (zeros && gsl_rng_uniform(r) < 1.0 / 3)
      w = 0;
    gsl_vector_set(a, i, w);
    s += w;
  }
  if (s == 0) {
    gsl_vector_set(a, a->size - 1, 1);
    s = 1;
  }
  gsl_vector_scale(a, total / s);
}

static void test_ot_certificate(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6620981);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { CASES = 3000 };
  ot_report rep = {0, 0, 0, 0};
  for (int k = 0; k < CASES; k++) {
    size_t m = 1 + gsl_rng_uniform_int(r, 9), n = 1 + gsl_rng_uniform_int(r, 9);
    int kind = k % 6;
    gsl_vector *a = gsl_vector_alloc(m), *b = gsl_vector_alloc(n);
    gsl_vector *u = gsl_vector_alloc(m), *v = gsl_vector_alloc(n);
    gsl_matrix *C = gsl_matrix_alloc(m, n), *P = gsl_matrix_alloc(m, n);
    double total = kind == 4 ? 3.7 : 1;
    random_masses(r, a, kind >= 4, total);
    random_masses(r, b, kind >= 4, total);
    if (kind == 5) {
      gsl_vector_set_zero(a);
      gsl_vector_set_zero(b);
    }
    for (size_t i = 0; i < m; i++)
      for (size_t j = 0; j < n; j++) {
        double c = kind == 1 ? (double)gsl_rng_uniform_int(r, 2)
                   : kind == 2 ? 0
                   : kind == 3 ? gsl_rng_uniform(r) * 4 - 3
                               : gsl_rng_uniform(r);
        gsl_matrix_set(C, i, j, c);
      }
    double value;
    mdl_ot_solve(a, b, C, P, u, v, &value);
    ot_measure(a, b, C, P, u, v, value, &rep);
    gsl_vector_free(a);
    gsl_vector_free(b);
    gsl_vector_free(u);
    gsl_vector_free(v);
    gsl_matrix_free(C);
    gsl_matrix_free(P);
  }
  ot_claim_report(&rep, "gan.ot-certificate", CASES, seed,
                  "3000 instances with ties, zero masses, negative costs");
  gsl_rng_free(r);
}
#line 3346 "chapters/05-gan.nw"
static double brute_force_assignment(const gsl_matrix *C)
{
  size_t n = C->size1, c[8] = {0}, p[8];
  for (size_t i = 0; i < n; i++)
    p[i] = i;
  mpfr_t best, s;
  mpfr_inits2(4096, best, s, (mpfr_ptr)0);
  mpfr_set_zero(best, 1);
  for (size_t i = 0; i < n; i++)
    mpfr_add_d(best, best, gsl_matrix_get(C, i, p[i]), MPFR_RNDN);
  size_t i = 0;
  while (i < n) {
    if (c[i] < i) {
      size_t k = i % 2 == 0 ? 0 : c[i], t = p[k];
      p[k] = p[i];
      p[i] = t;
      mpfr_set_zero(s, 1);
      for (size_t j = 0; j < n; j++)
        mpfr_add_d(s, s, gsl_matrix_get(C, j, p[j]), MPFR_RNDN);
      if (mpfr_less_p(s, best))
        mpfr_set(best, s, MPFR_RNDN);
      c[i]++;
      i = 0;
    } else {
      c[i] = 0;
      i++;
    }
  }
  mpfr_div_ui(best, best, (unsigned long)n, MPFR_RNDN);
  double value = mpfr_get_d(best, MPFR_RNDN);
  mpfr_clears(best, s, (mpfr_ptr)0);
  return value;
}

static void test_ot_brute_force(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(8122607);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { PER_SIZE = 400 };
  double worst = 0;
  size_t not_permutation = 0, cases = 0;
  for (size_t n = 1; n <= 7; n++)
    for (int k = 0; k < PER_SIZE; k++) {
      gsl_vector *a = gsl_vector_alloc(n), *b = gsl_vector_alloc(n);
      gsl_matrix *C = gsl_matrix_alloc(n, n), *P = gsl_matrix_alloc(n, n);
      gsl_vector_set_all(a, 1.0 / n);
      gsl_vector_set_all(b, 1.0 / n);
      double cbar = 0;
      for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
          double c = k % 2 ? (double)gsl_rng_uniform_int(r, 3)
                           : gsl_rng_uniform(r);
          gsl_matrix_set(C, i, j, c);
          cbar = claim_fmax(cbar, c);
        }
      double value, N = 2.0 * n + 1;
      mdl_ot_solve(a, b, C, P, NULL, NULL, &value);
      double best = brute_force_assignment(C);
      double omega = 32 * N * N * DBL_EPSILON * cbar;
      double tol = omega + 8 * N * gam(N) * cbar + gam(N) * fabs(value);
      if (value != best)
        worst = claim_fmax(worst, tol > 0 ? fabs(value - best) / tol : HUGE_VAL);
      for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
          double x = n * gsl_matrix_get(P, i, j);
          not_permutation += fmin(fabs(x), fabs(x - 1)) > 4 * n * gam(N);
        }
      for (size_t i = 0; i < n; i++) {
        double s = 0;
        for (size_t j = 0; j < n; j++)
          s += fabs(n * gsl_matrix_get(P, i, j)) > 0.5;
        not_permutation += s != 1;
      }
      cases++;
      gsl_vector_free(a);
      gsl_vector_free(b);
      gsl_matrix_free(C);
      gsl_matrix_free(P);
    }
  CLAIM(.id = "gan.ot-brute-force", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .tolerance = 0, .samples = cases, .seed = seed,
        .note = "largest |OT value - min over all permutations| over its"
                " tolerance, n = 1 to 7, uniform weights");
  CLAIM(.id = "gan.ot-brute-force", .kind = CLAIM_IDENTITY,
        .measured = (double)not_permutation, .reference = 0, .tolerance = 0,
        .samples = cases, .seed = seed,
        .note = "entries of n P not within rounding of 0 or 1, plus rows of"
                " n P without exactly one 1: the plans are permutations");
  gsl_rng_free(r);
}
#line 3457 "chapters/05-gan.nw"
static void test_ot_scaling(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(5772156);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { M = 3, N = 4 };
  gsl_vector *a = gsl_vector_alloc(M), *b = gsl_vector_alloc(N);
  gsl_vector *as = gsl_vector_alloc(M), *bs = gsl_vector_alloc(N);
  gsl_matrix *C = gsl_matrix_alloc(M, N), *P = gsl_matrix_alloc(M, N);
  double sa = 0, sb = 0;
  for (size_t i = 0; i < M; i++) {
    gsl_vector_set(a, i, gsl_ran_exponential(r, 1));
    sa += gsl_vector_get(a, i);
  }
  for (size_t j = 0; j < N; j++) {
    gsl_vector_set(b, j, gsl_ran_exponential(r, 1));
    sb += gsl_vector_get(b, j);
  }
  gsl_vector_scale(a, 1 / sa);
  gsl_vector_scale(b, (1 + 2 * DBL_EPSILON) / sb);
  const double g = gam(2 * (M + N + 1)), mass = fmax(1, 1 + 2 * DBL_EPSILON);
  gsl_matrix_set_zero(C);
  double value = -1, worst = 0;
  int status = mdl_ot_solve(a, b, C, P, NULL, NULL, &value);
  for (size_t i = 0; i < M; i++) {
    gsl_vector_view row = gsl_matrix_row(P, i);
    worst = claim_fmax(worst, fabs(gsl_vector_get(a, i) - gsl_blas_dasum(&row.vector))
                            / (4 * gam(M + N + 1) * mass));
  }
  for (size_t j = 0; j < N; j++) {
    gsl_vector_view col = gsl_matrix_column(P, j);
    worst = claim_fmax(worst, fabs(gsl_vector_get(b, j) - gsl_blas_dasum(&col.vector))
                            / (4 * gam(M + N + 1) * mass));
  }
  CLAIM(.id = "gan.ot-certificate", .kind = CLAIM_BOUND,
        .measured = status || value != 0 ? GSL_NAN : worst, .reference = 1,
        .tolerance = 0, .samples = M + N, .seed = seed,
        .note = "zero costs: largest error of a marginal of the plan over its"
                " rounding bound (value must be 0)");
  for (size_t i = 0; i < M; i++)
    for (size_t j = 0; j < N; j++)
      gsl_matrix_set(C, i, j, gsl_rng_uniform(r));
  double v1, dev = 0;
  status = mdl_ot_solve(a, b, C, NULL, NULL, NULL, &v1);
  const double lambdas[2] = {1000, 1e-3};
  for (int k = 0; k < 2; k++) {
    double vl = GSL_NAN;
    gsl_vector_memcpy(as, a);
    gsl_vector_memcpy(bs, b);
    gsl_vector_scale(as, lambdas[k]);
    gsl_vector_scale(bs, lambdas[k]);
    status |= mdl_ot_solve(as, bs, C, NULL, NULL, NULL, &vl);
    double tol = 2 * (g + 8 * DBL_EPSILON) * lambdas[k] * v1;
    dev = claim_fmax(dev, fabs(vl - lambdas[k] * v1) / tol);
    if (isnan(vl))
      status = 1;
  }
  CLAIM(.id = "gan.ot-certificate", .kind = CLAIM_BOUND,
        .measured = status ? GSL_NAN : dev, .reference = 1, .tolerance = 0,
        .samples = 2, .seed = seed,
        .note = "|value(lambda a, lambda b) - lambda value(a, b)| over its"
                " rounding bound, lambda = 1000 and 1e-3, totals 2 eps apart");
  gsl_vector_free(a);
  gsl_vector_free(b);
  gsl_vector_free(as);
  gsl_vector_free(bs);
  gsl_matrix_free(C);
  gsl_matrix_free(P);
  gsl_rng_free(r);
}
#line 3535 "chapters/05-gan.nw"
static double seconds_since(const struct timespec *t0)
{
  struct timespec t1;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
  return (double)(t1.tv_sec - t0->tv_sec) + 1e-9 * (t1.tv_nsec - t0->tv_nsec);
}

static void test_ot_speed(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3017773);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { N = 500 };
  gsl_matrix *x = gsl_matrix_alloc(N, 2), *y = gsl_matrix_alloc(N, 2);
  gsl_matrix *C = gsl_matrix_alloc(N, N), *P = gsl_matrix_alloc(N, N);
  gsl_vector *a = gsl_vector_alloc(N), *b = gsl_vector_alloc(N);
  gsl_vector *u = gsl_vector_alloc(N), *v = gsl_vector_alloc(N);
  for (size_t i = 0; i < N; i++)
    for (size_t k = 0; k < 2; k++) {
      gsl_matrix_set(x, i, k, gsl_rng_uniform(r));
      gsl_matrix_set(y, i, k, gsl_rng_uniform(r));
    }
  gsl_vector_set_all(a, 1.0 / N);
  gsl_vector_set_all(b, 1.0 / N);
  mdl_ot_distances(x, y, C);
  const char *slow = getenv("MDL_SLOWDOWN");
  double budget = slow != NULL && atof(slow) >= 1 ? atof(slow) : 1;
  struct timespec t0;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
  double value;
  size_t pivots;
  mdl_ot_simplex(a, b, C, 0, P, u, v, &value, &pivots);
  double elapsed = seconds_since(&t0);
  ot_report rep = {0, 0, 0, 0};
  ot_measure(a, b, C, P, u, v, value, &rep);
  CLAIM(.id = "gan.ot-speed", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = elapsed, .reference = budget,
        .tolerance = 0, .samples = N, .seed = seed,
        .note = "seconds of processor time to solve 500 by 500 points in the"
                " unit square (the limit is 1 s times MDL_SLOWDOWN)");
  CLAIM(.id = "gan.ot-speed", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = (double)pivots,
        .reference = 1000.0 * (2 * N + 1), .tolerance = 0, .samples = N,
        .seed = seed, .note = "pivots taken, against the default limit");
  ot_claim_report(&rep, "gan.ot-speed", N, seed, "500 by 500 points");
  gsl_matrix_free(x);
  gsl_matrix_free(y);
  gsl_matrix_free(C);
  gsl_matrix_free(P);
  gsl_vector_free(a);
  gsl_vector_free(b);
  gsl_vector_free(u);
  gsl_vector_free(v);
  gsl_rng_free(r);
}
#line 3891 "chapters/05-gan.nw"
static void test_parallel_lines(void **state)
{
  (void)state;
  const double thetas[7] = {-1, -0.3, -1e-3, 0, 1e-6, 0.25, 1};
  double w1_dev = 0, tv_dev = 0, js_dev = 0;
  int kl_right = 0;
  for (int t = 0; t < 7; t++) {
    double theta = thetas[t];
    gsl_vector *p, *q, *a = gsl_vector_alloc(LINES_K);
    gsl_matrix *C;
    lines_discrete(theta, &p, &q, &C);
    gsl_vector_set_all(a, 1.0 / LINES_K);
    double w1, cbar = sqrt(theta * theta + 1);
    mdl_ot_solve(a, a, C, NULL, NULL, NULL, &w1);
    w1_dev = claim_fmax(w1_dev, fabs(w1 - fabs(theta))
                              / ot_tolerance(LINES_K, cbar, w1));
    double tv = theta == 0 ? 0 : 1, js = theta == 0 ? 0 : M_LN2;
    tv_dev = claim_fmax(tv_dev, fabs(mdl_tv(p, q) - tv) / gam(2 * LINES_K));
    js_dev = claim_fmax(js_dev, fabs(mdl_js(p, q) - js) / gam(2 * LINES_K + 32));
    double kl1 = mdl_kl(p, q), kl2 = mdl_kl(q, p);
    kl_right += theta == 0 ? kl1 == 0 && kl2 == 0
                           : isinf(kl1) && kl1 > 0 && isinf(kl2) && kl2 > 0;
    gsl_vector_free(p);
    gsl_vector_free(q);
    gsl_vector_free(a);
    gsl_matrix_free(C);
  }
  CLAIM(.id = "gan.parallel-lines", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = w1_dev, .reference = 1,
        .tolerance = 0, .samples = 7,
        .note = "largest |W1 by the network simplex - |theta|| over the"
                " solver's tolerance, K = 64 points per line");
  CLAIM(.id = "gan.parallel-lines", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = tv_dev, .reference = 1,
        .tolerance = 0, .samples = 7,
        .note = "largest |TV - (1 or 0)| / gamma_2K");
  CLAIM(.id = "gan.parallel-lines", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = js_dev, .reference = 1,
        .tolerance = 0, .samples = 7,
        .note = "largest |JS - (log 2 or 0)| / gamma_{2K+32}");
  CLAIM(.id = "gan.parallel-lines", .kind = CLAIM_IDENTITY,
        .measured = kl_right, .reference = 7, .tolerance = 0, .samples = 7,
        .note = "values of theta at which both KLs are +inf (theta != 0) or"
                " both 0 (theta = 0)");
}
#line 3948 "chapters/05-gan.nw"
static double beta_diff_fourth(double i, double n)
{
  double al = i, be = n + 1 - i, s = al + be;
  double var = al * be / (s * s * (s + 1));
  double kappa = 6 * ((al - be) * (al - be) * (s + 1) - al * be * (s + 2))
                 / (al * be * (s + 2) * (s + 3));
  return 2 * var * var * (3 + kappa) + 6 * var * var;
}

static void test_lines_samples(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(1571003);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { SIZES = 5, R = 150 };
  const double theta = 0.5;
  double t[SIZES], y[SIZES], v[SIZES], hi_slope[SIZES], width = 0;
  double interval = 0, sorted_dev = 0;
  size_t total = 0;
  mpfr_t sorted, term;
  mpfr_inits2(REF_BITS, sorted, term, (mpfr_ptr)0);
  for (int s = 0; s < SIZES; s++) {
    size_t n = (size_t)16 << s;
    gsl_matrix *x = gsl_matrix_alloc(n, 2), *z = gsl_matrix_alloc(n, 2);
    gsl_vector *excess = gsl_vector_alloc(R);
    double za[256], zb[256];
    for (int k = 0; k < R; k++) {
      for (size_t i = 0; i < n; i++) {
        za[i] = gsl_rng_uniform(r);
        zb[i] = gsl_rng_uniform(r);
        gsl_matrix_set(x, i, 0, 0);
        gsl_matrix_set(x, i, 1, za[i]);
        gsl_matrix_set(z, i, 0, theta);
        gsl_matrix_set(z, i, 1, zb[i]);
      }
      double w = mdl_ot_w1(x, z);
      qsort(za, n, sizeof *za, cmp_double);
      qsort(zb, n, sizeof *zb, cmp_double);
      mpfr_set_zero(sorted, 1);
      for (size_t i = 0; i < n; i++) {
        mpfr_set_d(term, za[i], MPFR_RNDN);
        mpfr_sub_d(term, term, zb[i], MPFR_RNDN);
        mpfr_sqr(term, term, MPFR_RNDN);
        mpfr_add_d(term, term, theta * theta, MPFR_RNDN);
        mpfr_sqrt(term, term, MPFR_RNDN);
        mpfr_add(sorted, sorted, term, MPFR_RNDN);
      }
      mpfr_div_ui(sorted, sorted, (unsigned long)n, MPFR_RNDN);
      mpfr_sub_d(term, sorted, w, MPFR_RNDN);
      mpfr_abs(term, term, MPFR_RNDN);
      sorted_dev =
          fmax(sorted_dev, mpfr_get_d(term, MPFR_RNDU)
                               / ot_tolerance(n, sqrt(theta * theta + 1), w));
      gsl_vector_set(excess, k, w - theta);
    }
    mdl_numcheck_estimate est;
    mdl_numcheck_mean(excess, &est);
    double hi = 1 / (6 * theta * (n + 1)), fourth = 0;
    for (size_t i = 1; i <= n; i++)
      fourth += beta_diff_fourth((double)i, (double)n);
    double lo = hi - fourth / (8 * theta * theta * theta * n);
    double below = lo - 5 * est.se - est.mean,
           above = est.mean - hi - 5 * est.se;
    interval = claim_fmax(interval, fmax(below, above) / (5 * est.se) + 1);
    t[s] = log((double)n);
    y[s] = log(est.mean);
    v[s] = est.se * est.se / (est.mean * est.mean);
    hi_slope[s] = log(hi);
    width = claim_fmax(width, log(hi / lo));
    total += R * n;
    gsl_matrix_free(x);
    gsl_matrix_free(z);
    gsl_vector_free(excess);
  }
  mpfr_clears(sorted, term, (mpfr_ptr)0);
  double tm = 0, stt = 0, slope = 0, ref = 0, var = 0;
  for (int s = 0; s < SIZES; s++)
    tm += t[s] / SIZES;
  for (int s = 0; s < SIZES; s++)
    stt += (t[s] - tm) * (t[s] - tm);
  for (int s = 0; s < SIZES; s++) {
    double w = (t[s] - tm) / stt;
    slope += w * y[s];
    ref += w * hi_slope[s];
    var += w * w * v[s];
  }
  double wsum = 0;
  for (int s = 0; s < SIZES; s++)
    wsum += fabs(t[s] - tm) / stt;
  CLAIM(.id = "gan.parallel-lines-samples", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = sorted_dev, .reference = 1,
        .tolerance = 0, .samples = SIZES * R, .seed = seed,
        .note = "largest |mdl_ot_w1 - monotone matching formula| over the"
                " solver's tolerance");
  CLAIM(.id = "gan.parallel-lines-samples", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = interval, .reference = 1,
        .tolerance = 0, .samples = total, .seed = seed,
        .note = "largest distance of the mean excess from the interval of"
                " the proposition, in units of 5 standard errors, plus 1");
  CLAIM(.id = "gan.parallel-lines-samples", .kind = CLAIM_RATE,
        .measured = slope, .reference = ref,
        .tolerance = 5 * sqrt(var) + wsum * width, .samples = total,
        .seed = seed,
        .note = "fitted slope of log(E W - |theta|) against log n, n = 16 to"
                " 256, against the slope of 1/(6 |theta| (n+1))");
  gsl_rng_free(r);
}
#line 4067 "chapters/05-gan.nw"
static void test_continuity(void **state)
{
  (void)state;
  enum { STEPS = 41 };
  double w1_dev = 0, tv_min = HUGE_VAL, js_min = HUGE_VAL, last = 0;
  double last_tol = 0;
  int kl_inf = 0;
  for (int t = 0; t < STEPS; t++) {
    double theta = ldexp(1.0, -t);
    gsl_vector *p, *q, *a = gsl_vector_alloc(LINES_K);
    gsl_matrix *C;
    lines_discrete(theta, &p, &q, &C);
    gsl_vector_set_all(a, 1.0 / LINES_K);
    double w1;
    mdl_ot_solve(a, a, C, NULL, NULL, NULL, &w1);
    w1_dev =
        fmax(w1_dev, fabs(w1 - theta)
                         / ot_tolerance(LINES_K, sqrt(theta * theta + 1), w1));
    last = w1;
    last_tol = theta + ot_tolerance(LINES_K, sqrt(theta * theta + 1), w1);
    tv_min = fmin(tv_min, mdl_tv(p, q));
    js_min = fmin(js_min, mdl_js(p, q));
    kl_inf += isinf(mdl_kl(p, q)) && isinf(mdl_kl(q, p));
    gsl_vector_free(p);
    gsl_vector_free(q);
    gsl_vector_free(a);
    gsl_matrix_free(C);
  }
  CLAIM(.id = "gan.continuity", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = w1_dev, .reference = 1, .tolerance = 0, .samples = STEPS,
        .note = "largest |W1 - theta_t| over the solver's tolerance,"
                " theta_t = 2^-t, t = 0..40");
  CLAIM(.id = "gan.continuity", .kind = CLAIM_LIMIT, .measured = last,
        .reference = 0, .tolerance = last_tol, .samples = STEPS,
        .note = "W1 at theta = 2^-40 against 0, within theta plus the"
                " solver's tolerance: tends to 0");
  CLAIM(.id = "gan.continuity", .kind = CLAIM_BOUND, .relation = CLAIM_AT_LEAST,
        .measured = tv_min, .reference = 1, .tolerance = gam(2 * LINES_K),
        .samples = STEPS, .note = "smallest TV along the sequence: stays 1");
  CLAIM(.id = "gan.continuity", .kind = CLAIM_BOUND, .relation = CLAIM_AT_LEAST,
        .measured = js_min, .reference = M_LN2,
        .tolerance = M_LN2 * gam(2 * LINES_K + 32), .samples = STEPS,
        .note = "smallest JS along the sequence: stays log 2");
  CLAIM(.id = "gan.continuity", .kind = CLAIM_IDENTITY, .measured = kl_inf,
        .reference = STEPS, .tolerance = 0, .samples = STEPS,
        .note = "steps at which KL and reverse KL are both +inf");
}
#line 4148 "chapters/05-gan.nw"
static void test_topologies(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(2290111);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { SPACES = 40, KMAX = 20 };
  double tv_dev = 0, w_dev = 0, rkl = 0, js_ratio = 0;
  size_t kl_inf = 0, steps = 0;
  for (int sp = 0; sp < SPACES; sp++) {
    size_t N = 3 + gsl_rng_uniform_int(r, 10);
    gsl_matrix *D = gsl_matrix_alloc(N, N);
    gsl_vector *p = gsl_vector_alloc(N), *q = gsl_vector_alloc(N);
    gsl_vector *pn = gsl_vector_alloc(N);
    random_metric(r, D);
    size_t hole;
    do {
      dyadic_prob(r, N, 1, p);
      hole = gsl_rng_uniform_int(r, N);
    } while (gsl_vector_get(p, hole) != 0);
    double w[64];
    for (size_t i = 0; i < N; i++)
      w[i] = gsl_rng_uniform(r) + (i == hole);
    dyadic_from_weights(w, N, q);
    double tv_pq = mdl_tv(p, q), w_pq, diam = gsl_matrix_max(D);
    mdl_ot_solve(p, q, D, NULL, NULL, NULL, &w_pq);
    for (int k = 1; k <= KMAX; k++) {
      double t = ldexp(1.0, -k);
      for (size_t i = 0; i < N; i++)
        gsl_vector_set(pn, i, (1 - t) * gsl_vector_get(p, i)
                                  + t * gsl_vector_get(q, i));
      double tv = mdl_tv(pn, p), wn, js = mdl_js(pn, p);
      mdl_ot_solve(pn, p, D, NULL, NULL, NULL, &wn);
      tv_dev = claim_fmax(tv_dev, fabs(tv - t * tv_pq) / (2 * gam(N) * t * tv_pq));
      w_dev = claim_fmax(w_dev, fabs(wn - t * w_pq)
                              / (ot_tolerance(N, diam, wn)
                                 + t * ot_tolerance(N, diam, w_pq)));
      rkl = claim_fmax(rkl, mdl_kl(p, pn) / (-log1p(-t) * (1 + gam(N + 32))));
      kl_inf += isinf(mdl_kl(pn, p));
      js_ratio = claim_fmax(js_ratio, js / (tv * M_LN2 * (1 + gam(N + 32))
                                      * (1 + gam(N + 32))));
      steps++;
    }
    gsl_matrix_free(D);
    gsl_vector_free(p);
    gsl_vector_free(q);
    gsl_vector_free(pn);
  }
  CLAIM(.id = "gan.topologies", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = tv_dev, .reference = 1, .tolerance = 0, .samples = steps,
        .seed = seed,
        .note = "largest |TV(P_n,P) - TV(P,Q)/n| over 2 gamma_N TV/n");
  CLAIM(.id = "gan.topologies", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = w_dev, .reference = 1, .tolerance = 0, .samples = steps,
        .seed = seed,
        .note = "largest |W1(P_n,P) - W1(P,Q)/n| over the solvers' tolerance");
  CLAIM(.id = "gan.topologies", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = rkl, .reference = 1, .tolerance = 0, .samples = steps,
        .seed = seed,
        .note = "largest KL(P||P_n) / (-log(1 - 1/n) (1 + gamma)): reverse KL"
                " tends to 0");
  CLAIM(.id = "gan.topologies", .kind = CLAIM_IDENTITY,
        .measured = (double)kl_inf, .reference = (double)steps, .tolerance = 0,
        .samples = steps, .seed = seed,
        .note = "steps at which KL(P_n||P) = +inf although P_n -> P in TV");
  CLAIM(.id = "gan.topologies", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = js_ratio, .reference = 1, .tolerance = 0, .samples = steps,
        .seed = seed,
        .note = "largest JS(P_n,P) / (TV log 2 (1 + gamma)^2): JS tends to 0"
                " with TV");
  gsl_rng_free(r);
}
#line 4235 "chapters/05-gan.nw"
static double witness_log_density(double x, void *params)
{
  double t = *(const double *)params;
  if (x >= 0 && x <= 1 - t)
    return 0;
  if (x >= 1.5 && x <= 2)
    return log(2 * t);
  return GSL_NEGINF;
}

static void test_topologies_witness(void **state)
{
  (void)state;
  enum { KMAX = 20, PIECES = 4 };
  double tv_dev = 0, js_dev = 0;
  size_t both_infinite = 0;
  interval unit = {0, 1};
  mdl_density p = {log_uniform, &unit};
  for (int k = 1; k <= KMAX; k++) {
    double t = ldexp(1.0, -k);
    mdl_density pn = {witness_log_density, &t};
    const double cut[PIECES + 1] = {0, 1 - t, 1, 1.5, 2};
    double tv = 0, js = 0, tv_tol = 0, js_tol = 0, kl_fwd = 0, kl_rev = 0;
    for (int s = 0; s < PIECES; s++) {
      double value, err;
      mdl_tv_density(&pn, &p, cut[s], cut[s + 1], &value, &err);
      tv += value;
      tv_tol += 3 * err + 1e-12;
      mdl_js_density(&pn, &p, cut[s], cut[s + 1], &value, &err);
      js += value;
      js_tol += 3 * err + 1e-12;
      mdl_kl_density(&pn, &p, cut[s], cut[s + 1], &value, &err);
      kl_fwd += value;
      mdl_kl_density(&p, &pn, cut[s], cut[s + 1], &value, &err);
      kl_rev += value;
    }
    tv_dev = claim_fmax(tv_dev, fabs(tv - t) / tv_tol);
    js_dev = claim_fmax(js_dev, fabs(js - t * M_LN2) / js_tol);
    both_infinite += isinf(kl_fwd) && kl_fwd > 0 && isinf(kl_rev) && kl_rev > 0;
  }
  CLAIM(.id = "gan.topologies", .kind = CLAIM_IDENTITY,
        .measured = (double)both_infinite, .reference = KMAX, .tolerance = 0,
        .samples = KMAX,
        .note = "n = 2^k, k <= 20, at which both KL(P_n||P) and KL(P||P_n)"
                " are +inf while TV = 1/n");
  CLAIM(.id = "gan.topologies", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = tv_dev, .reference = 1, .tolerance = 0, .samples = KMAX,
        .note = "witness on [0,2]: largest |TV(P_n,P) - 1/n| over"
                " sum(3 abserr + 1e-12)");
  CLAIM(.id = "gan.topologies", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = js_dev, .reference = 1, .tolerance = 0, .samples = KMAX,
        .note = "witness on [0,2]: largest |JS(P_n,P) - log 2/n| over"
                " sum(3 abserr + 1e-12)");
}
#line 4626 "chapters/05-gan.nw"
static void test_kr_finite(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(7345229);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { SPACES = 200, CONES = 20 };
  double value_dev = 0, lip = 0, others = 0, scale_dev = 0, upper = 0;
  double lower = 0;
  for (int sp = 0; sp < SPACES; sp++) {
    size_t N = 2 + gsl_rng_uniform_int(r, 11);
    gsl_matrix *D = gsl_matrix_alloc(N, N), *P = gsl_matrix_alloc(N, N);
    gsl_matrix *KD = gsl_matrix_alloc(N, N);
    gsl_vector *a = gsl_vector_alloc(N), *b = gsl_vector_alloc(N);
    gsl_vector *u = gsl_vector_alloc(N), *v = gsl_vector_alloc(N);
    random_metric(r, D);
    dyadic_prob(r, N, sp % 2, a);
    dyadic_prob(r, N, sp % 3 == 0, b);
    double w, diam = gsl_matrix_max(D), dmin = HUGE_VAL;
    mdl_ot_solve(a, b, D, P, u, v, &w);
    double su = 0, crit = 0;
    for (size_t i = 0; i < N; i++)
      su += fabs(gsl_vector_get(u, i)) + fabs(gsl_vector_get(v, i));
    double N1 = 2.0 * N + 1, omega = 32 * N1 * N1 * DBL_EPSILON * diam;
    double tol = omega + 4 * gam(N1) * su + gam(N1) * (su + fabs(w));
    for (size_t i = 0; i < N; i++)
      crit += (gsl_vector_get(a, i) - gsl_vector_get(b, i))
              * gsl_vector_get(u, i);
    value_dev = claim_fmax(value_dev, fabs(crit - w) / (tol + gam(N1) * su));
    for (size_t i = 0; i < N; i++)
      for (size_t j = 0; j < N; j++) {
        double fi = gsl_vector_get(u, i), fj = gsl_vector_get(u, j);
        double d = gsl_matrix_get(D, i, j);
        if (i != j)
          dmin = fmin(dmin, d);
        if (fi - fj - d > 0)
          lip = claim_fmax(lip, (fi - fj - d)
                              / (3 * DBL_EPSILON * (fabs(fi) + fabs(fj) + d)));
      }
    for (int c = 0; c < CONES; c++) {
      double h[16], e = 0, hs = 0;
      for (size_t i = 0; i < N; i++)
        h[i] = HUGE_VAL;
      for (int k = 0; k < 3; k++) {
        size_t x = gsl_rng_uniform_int(r, N);
        double c0 = gsl_ran_gaussian(r, 1.0);
        for (size_t i = 0; i < N; i++)
          h[i] = fmin(h[i], c0 + gsl_matrix_get(D, x, i));
      }
      for (size_t i = 0; i < N; i++) {
        e += (gsl_vector_get(a, i) - gsl_vector_get(b, i)) * h[i];
        hs += fabs(h[i]);
      }
      if (e > w)
        others = claim_fmax(others, (e - w) / (tol + 2 * gam(N1) * hs));
    }
    const double Ks[2] = {0.01, 3.7};
    for (int k = 0; k < 2; k++) {
      double wk;
      gsl_matrix_memcpy(KD, D);
      gsl_matrix_scale(KD, Ks[k]);
      mdl_ot_solve(a, b, KD, NULL, NULL, NULL, &wk);
      scale_dev = claim_fmax(scale_dev, fabs(wk - Ks[k] * w)
                                      / (ot_tolerance(N, Ks[k] * diam, wk)
                                         + Ks[k] * ot_tolerance(N, diam, w)));
    }
    double tv = mdl_tv(a, b), wt = ot_tolerance(N, diam, w);
    upper = claim_fmax(upper, (w - wt) / (diam * tv * (1 + gam(N))));
    if (w > 0)
      lower = claim_fmax(lower, dmin * tv * (1 - gam(N)) / (w + wt));
    gsl_matrix_free(D);
    gsl_matrix_free(P);
    gsl_matrix_free(KD);
    gsl_vector_free(a);
    gsl_vector_free(b);
    gsl_vector_free(u);
    gsl_vector_free(v);
  }
  CLAIM(.id = "gan.kantorovich-rubinstein", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = value_dev, .reference = 1,
        .tolerance = 0, .samples = SPACES, .seed = seed,
        .note = "largest |E_P u - E_Q u - W1| over the gap bound: the solver's"
                " potential u attains the supremum");
  CLAIM(.id = "gan.kantorovich-rubinstein", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = lip, .reference = 1,
        .tolerance = 0, .samples = SPACES, .seed = seed,
        .note = "largest violation of u_i - u_j <= d_ij over its rounding:"
                " u is 1-Lipschitz");
  CLAIM(.id = "gan.kantorovich-rubinstein", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = others, .reference = 1,
        .tolerance = 0, .samples = SPACES * CONES, .seed = seed,
        .note = "largest excess of E_P h - E_Q h over W1 for random"
                " 1-Lipschitz h, over the tolerance");
  CLAIM(.id = "gan.kantorovich-rubinstein", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = scale_dev, .reference = 1,
        .tolerance = 0, .samples = 2 * SPACES, .seed = seed,
        .note = "largest |W(K d) - K W(d)| over the tolerance, K = 0.01, 3.7:"
                " K-Lipschitz critics give K W1");
  CLAIM(.id = "gan.w1-tv", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = upper, .reference = 1, .tolerance = 0, .samples = SPACES,
        .seed = seed, .note = "largest W1 / (diam TV), W1 reduced by its"
                              " tolerance: W1 <= diam TV");
  CLAIM(.id = "gan.w1-tv", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = lower, .reference = 1, .tolerance = 0, .samples = SPACES,
        .seed = seed, .note = "largest d_min TV / W1, W1 increased by its"
                              " tolerance: W1 >= d_min TV");
  gsl_rng_free(r);
}
#line 4744 "chapters/05-gan.nw"
static void test_kr_line(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4121387);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { CASES = 150 };
  double w_dev = 0, slope_dev = 0;
  size_t intervals = 0;
  for (int k = 0; k < CASES; k++) {
    size_t n = 1 + gsl_rng_uniform_int(r, 60),
           m = 1 + gsl_rng_uniform_int(r, 60);
    gsl_vector *x = gsl_vector_alloc(n), *y = gsl_vector_alloc(m);
    gsl_vector *a = gsl_vector_alloc(n), *b = gsl_vector_alloc(m);
    gsl_vector *u = gsl_vector_alloc(n), *v = gsl_vector_alloc(m);
    gsl_matrix *C = gsl_matrix_alloc(n, m);
    double shift = gsl_ran_gaussian(r, 1.0);
    for (size_t i = 0; i < n; i++)
      gsl_vector_set(x, i, gsl_ran_gaussian(r, 1.0));
    for (size_t j = 0; j < m; j++)
      gsl_vector_set(y, j, shift + gsl_ran_gaussian(r, 0.7));
    gsl_vector_set_all(a, 1.0 / n);
    gsl_vector_set_all(b, 1.0 / m);
    double cbar = 0;
    for (size_t i = 0; i < n; i++)
      for (size_t j = 0; j < m; j++) {
        double c = fabs(gsl_vector_get(x, i) - gsl_vector_get(y, j));
        gsl_matrix_set(C, i, j, c);
        cbar = claim_fmax(cbar, c);
      }
    double w, w1 = mdl_w1_1d(x, y);
    mdl_ot_solve(a, b, C, NULL, u, v, &w);
    size_t N = n > m ? n : m;
    double tol = ot_tolerance(N, cbar, w);
    w_dev = claim_fmax(w_dev, fabs(w - w1) / (tol + gam(n + m + 1) * w1));
#line 4810 "chapters/05-gan.nw"
    double t[120];
    size_t nt = 0;
    for (size_t i = 0; i < n; i++)
      t[nt++] = gsl_vector_get(x, i);
    for (size_t j = 0; j < m; j++)
      t[nt++] = gsl_vector_get(y, j);
    qsort(t, nt, sizeof *t, cmp_double);
    double eta = tol * (double)(n * m);
    for (size_t s = 0; s + 1 < nt; s++) {
      double Fp = 0, Fq = 0, f[2];
      for (size_t i = 0; i < n; i++)
        Fp += gsl_vector_get(x, i) <= t[s];
      for (size_t j = 0; j < m; j++)
        Fq += gsl_vector_get(y, j) <= t[s];
      double diff = Fq / m - Fp / n;
      if (Fq * n == Fp * m)
        continue;
      for (int e = 0; e < 2; e++) {
        f[e] = HUGE_VAL;
        for (size_t j = 0; j < m; j++)
          f[e] = fmin(f[e], fabs(t[s + e] - gsl_vector_get(y, j))
                                - gsl_vector_get(v, j));
      }
      double ell = t[s + 1] - t[s], sign = diff > 0 ? 1 : -1;
      double dev = fabs(f[1] - f[0] - sign * ell);
      double rtol = eta + 4 * DBL_EPSILON * (fabs(f[0]) + fabs(f[1]) + cbar
                                             + fabs(t[s]) + fabs(t[s + 1]));
      slope_dev = claim_fmax(slope_dev, dev / rtol);
      intervals++;
    }
#line 4780 "chapters/05-gan.nw"
    gsl_vector_free(x);
    gsl_vector_free(y);
    gsl_vector_free(a);
    gsl_vector_free(b);
    gsl_vector_free(u);
    gsl_vector_free(v);
    gsl_matrix_free(C);
  }
  CLAIM(.id = "gan.kantorovich-rubinstein", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = w_dev, .reference = 1,
        .tolerance = 0, .samples = CASES, .seed = seed,
        .note = "largest |OT cost with |x - y| - mdl_w1_1d| over the"
                " tolerance: on the line W1 is the area between the CDFs");
  CLAIM(.id = "gan.kantorovich-rubinstein", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = slope_dev, .reference = 1,
        .tolerance = 0, .samples = intervals, .seed = seed,
        .note = "largest deviation of the critic's increment from"
                " sign(F_Q - F_P) times the gap, over its tolerance");
  gsl_rng_free(r);
}
#line 5250 "chapters/05-gan.nw"
static double game_tolerance(const gsl_vector *p, const gsl_vector *q)
{
  double s = 0;
  for (size_t i = 0; i < p->size; i++) {
    double a = gsl_vector_get(p, i), b = gsl_vector_get(q, i);
    s +=
        (a + b) * (1 + (a > 0 ? fabs(log(a)) : 0) + (b > 0 ? fabs(log(b)) : 0));
  }
  return gam(p->size + 64) * s;
}

typedef struct {
  mdl_density *r, *g;
} logit_pair;

static double optimal_logit(double x, void *params)
{
  logit_pair *d = params;
  return d->r->log_density(x, d->r->params)
         - d->g->log_density(x, d->g->params);
}

typedef struct {
  double w, m1, s1, m2, s2;
} mixture;

static double log_mixture(double x, void *params)
{
  const mixture *m = params;
  gauss g1 = {m->m1, m->s1}, g2 = {m->m2, m->s2};
  double a = log(m->w) + log_gauss(x, &g1),
         b = log1p(-m->w) + log_gauss(x, &g2);
  return fmax(a, b) + log1p(exp(-fabs(a - b)));
}

static void test_optimal_discriminator(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3388127);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { PAIRS = 500, PERTURB = 20 };
  double ident = 0, increase = 0, excess = HUGE_VAL, away = 0, equal_dev = 0;
  for (int k = 0; k < PAIRS; k++) {
    size_t n = 1 + gsl_rng_uniform_int(r, 30);
    gsl_vector *pr = gsl_vector_alloc(n), *pg = gsl_vector_alloc(n);
    gsl_vector *l = gsl_vector_alloc(n), *l2 = gsl_vector_alloc(n);
    dyadic_prob(r, n, k % 3 == 0, pr);
    if (k % 5 == 0)
      gsl_vector_memcpy(pg, pr);
    else
      dyadic_prob(r, n, k % 3 == 1, pg);
    mdl_gan_optimal_logit(pr, pg, l);
    double v = mdl_gan_value(pr, pg, l), js = mdl_js(pr, pg);
    double tol = game_tolerance(pr, pg) + 2 * gam(n + 32) * js;
    double d = fabs(v - (2 * js - log(4.0)));
    if (d > 0)
      ident = claim_fmax(ident, d / tol);
    for (int t = 0; t < PERTURB; t++) {
      for (size_t i = 0; i < n; i++)
        gsl_vector_set(l2, i, gsl_vector_get(l, i) + gsl_ran_gaussian(r, 1.0));
      double v2 = mdl_gan_value(pr, pg, l2);
      if (v2 > v)
        increase = claim_fmax(increase, (v2 - v) / (2 * game_tolerance(pr, pg)));
    }
    if (k % 5 == 0) {
      equal_dev = claim_fmax(equal_dev, fabs(v + log(4.0)) / tol);
    } else if (js > 0) {
      excess = fmin(excess, v + log(4.0));
      for (size_t i = 0; i < n; i++) {
        double a = gsl_vector_get(pr, i), b = gsl_vector_get(pg, i);
        if (a + b > 0)
          away = claim_fmax(away, fabs(a / (a + b) - 0.5));
      }
    }
    gsl_vector_free(pr);
    gsl_vector_free(pg);
    gsl_vector_free(l);
    gsl_vector_free(l2);
  }
  CLAIM(.id = "gan.optimal-discriminator", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = ident, .reference = 1,
        .tolerance = 0, .samples = PAIRS, .seed = seed,
        .note = "largest |V(G,D*) - (2 JS - log 4)| over its tolerance");
  CLAIM(.id = "gan.optimal-discriminator", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = increase, .reference = 1,
        .tolerance = 0, .samples = PAIRS * PERTURB, .seed = seed,
        .note = "largest increase of V by perturbing the optimal logits, over"
                " twice the rounding: D* is the maximiser");
  CLAIM(.id = "gan.optimal-discriminator", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = equal_dev, .reference = 1,
        .tolerance = 0, .samples = PAIRS / 5, .seed = seed,
        .note = "largest |V(G,D*) + log 4| over its tolerance when p_g = p_r");
  CLAIM(.id = "gan.optimal-discriminator", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = excess, .reference = 0,
        .tolerance = 0, .samples = PAIRS, .seed = seed,
        .note = "smallest V(G,D*) + log 4 when p_g != p_r: positive, so"
                " V(G,D*) = -2 log 2 only at p_g = p_r (note 004)");
  CLAIM(.id = "gan.optimal-discriminator", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = away, .reference = 0,
        .tolerance = 0, .samples = PAIRS, .seed = seed,
        .note = "largest |D* - 1/2| when p_g != p_r: D* is not 1/2 (note 004)");
#line 5358 "chapters/05-gan.nw"
  gauss std = {0, 1}, wide = {1, 1.5};
  mixture two = {0.5, -2, 0.5, 2, 0.5};
  mdl_density real = {log_gauss, &std};
  mdl_density gens[3] = {{log_gauss, &wide}, {log_gauss, &std},
                         {log_mixture, &two}};
  double worst = 0;
  for (int k = 0; k < 3; k++) {
    logit_pair pair = {&real, &gens[k]};
    gsl_function lf = {optimal_logit, &pair};
    double v, ve, js, je;
    mdl_gan_value_density(&real, &gens[k], &lf, -30, 30, &v, &ve);
    mdl_js_density(&real, &gens[k], -30, 30, &js, &je);
    worst = claim_fmax(worst, fabs(v - (2 * js - log(4.0)))
                            / (3 * (ve + 2 * je) + 1e-12));
  }
  CLAIM(.id = "gan.optimal-discriminator", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst, .reference = 1,
        .tolerance = 0, .samples = 3,
        .note = "largest |V(G,D*) - (2 JS - log 4)| for densities over three"
                " times the quadrature error estimates plus 1e-12");
#line 5353 "chapters/05-gan.nw"
  gsl_rng_free(r);
}
#line 5389 "chapters/05-gan.nw"
enum { MLE_K = 20, MLE_M = 500 };

typedef struct {
  const gsl_vector *phat;
  gsl_vector *model;
} mle_data;

static void binomial_model(double theta, gsl_vector *model)
{
  double s = 0;
  for (unsigned k = 0; k <= MLE_K; k++) {
    gsl_vector_set(model, k, gsl_ran_binomial_pdf(k, theta, MLE_K));
    s += gsl_vector_get(model, k);
  }
  gsl_vector_scale(model, 1 / s);
}

static double mle_kl(double theta, void *params)
{
  mle_data *d = params;
  binomial_model(theta, d->model);
  return mdl_kl(d->phat, d->model);
}

static void test_mle_kl(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(6050811);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  unsigned x[MLE_M];
  gsl_vector *phat = gsl_vector_calloc(MLE_K + 1);
  gsl_vector *model = gsl_vector_alloc(MLE_K + 1);
  double mean = 0;
  for (int i = 0; i < MLE_M; i++) {
    x[i] = gsl_ran_binomial(r, gsl_rng_uniform(r) < 0.5 ? 0.2 : 0.7, MLE_K);
    gsl_vector_set(phat, x[i], gsl_vector_get(phat, x[i]) + 1.0 / MLE_M);
    mean += (double)x[i] / MLE_M;
  }
  double s = 0;
  for (unsigned k = 0; k <= MLE_K; k++)
    s += gsl_vector_get(phat, k);
  gsl_vector_scale(phat, 1 / s);
  double H = 0, ident = 0;
  for (unsigned k = 0; k <= MLE_K; k++) {
    double p = gsl_vector_get(phat, k);
    if (p > 0)
      H -= p * log(p);
  }
  for (int t = 1; t < 100; t++) {
    double theta = t / 100.0, nll = 0;
    binomial_model(theta, model);
    for (int i = 0; i < MLE_M; i++)
      nll -= log(gsl_vector_get(model, x[i])) / MLE_M;
    double kl = mdl_kl(phat, model);
    ident = claim_fmax(ident, fabs(nll - (kl + H)) / (gam(MLE_M + 64) * nll));
  }
  mle_data d = {phat, model};
  gsl_function F = {mle_kl, &d};
  gsl_min_fminimizer *mn = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
  gsl_min_fminimizer_set(mn, &F, 0.5, 0.01, 0.99);
  for (int it = 0; it < 200; it++) {
    gsl_min_fminimizer_iterate(mn);
    if (gsl_min_fminimizer_x_upper(mn) - gsl_min_fminimizer_x_lower(mn) < 1e-8)
      break;
  }
  double lo = gsl_min_fminimizer_x_lower(mn),
         hi = gsl_min_fminimizer_x_upper(mn);
  double mle = mean / MLE_K, nll[3];
  const double at[3] = {lo - 1e-4, (lo + hi) / 2, hi + 1e-4};
  for (int k = 0; k < 3; k++) {
    binomial_model(at[k], model);
    nll[k] = 0;
    for (int i = 0; i < MLE_M; i++)
      nll[k] -= log(gsl_vector_get(model, x[i])) / MLE_M;
  }
  CLAIM(.id = "gan.mle-kl", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = ident, .reference = 1, .tolerance = 0, .samples = 99,
        .seed = seed,
        .note = "largest |NLL - (KL(phat||p_theta) + H(phat))| over"
                " gamma_{m+64} NLL, 99 values of theta");
  CLAIM(.id = "gan.mle-kl", .kind = CLAIM_IDENTITY,
        .measured = lo <= mle && mle <= hi, .reference = 1, .tolerance = 0,
        .samples = MLE_M, .seed = seed,
        .note = "the Brent bracket of the minimiser of KL(phat||p_theta)"
                " contains the maximum-likelihood estimate mean/K");
  CLAIM(.id = "gan.mle-kl", .kind = CLAIM_BOUND, .relation = CLAIM_AT_LEAST,
        .measured = fmin(nll[0], nll[2]) - nll[1], .reference = 0,
        .tolerance = 0, .samples = MLE_M, .seed = seed,
        .note = "NLL at the bracket shifted outwards by 1e-4 minus NLL at the"
                " minimiser: the minimiser of KL minimises, not maximises,"
                " the negative log-likelihood (note 004's sign)");
  gsl_min_fminimizer_free(mn);
  gsl_vector_free(phat);
  gsl_vector_free(model);
  gsl_rng_free(r);
}
#line 5495 "chapters/05-gan.nw"
typedef struct {
  mixture *p;
  int kind;
} fit_problem;

static double fit_objective(const gsl_vector *v, void *params)
{
  fit_problem *f = params;
  gauss g = {gsl_vector_get(v, 0), exp(gsl_vector_get(v, 1))};
  mdl_density p = {log_mixture, f->p}, q = {log_gauss, &g};
  double val, err;
  if (f->kind == 0)
    mdl_kl_density(&p, &q, -30, 30, &val, &err);
  else if (f->kind == 1)
    mdl_kl_density(&q, &p, -30, 30, &val, &err);
  else
    mdl_js_density(&p, &q, -30, 30, &val, &err);
  return val;
}

static void best_fit(fit_problem *f, double *mu, double *sigma)
{
  const double starts[3][2] = {{0, 0}, {1.5, -0.5}, {-1.5, -0.5}};
  double best = HUGE_VAL;
  gsl_multimin_fminimizer *mm =
      gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, 2);
  gsl_vector *x = gsl_vector_alloc(2), *step = gsl_vector_alloc(2);
  gsl_multimin_function F = {fit_objective, 2, f};
  for (int s = 0; s < 3; s++) {
    gsl_vector_set(x, 0, starts[s][0]);
    gsl_vector_set(x, 1, starts[s][1]);
    gsl_vector_set_all(step, 0.3);
    gsl_multimin_fminimizer_set(mm, &F, x, step);
    for (int it = 0; it < 500; it++) {
      gsl_multimin_fminimizer_iterate(mm);
      if (gsl_multimin_fminimizer_size(mm) < 1e-7)
        break;
    }
    if (mm->fval < best) {
      best = mm->fval;
      *mu = gsl_vector_get(mm->x, 0);
      *sigma = exp(gsl_vector_get(mm->x, 1));
    }
  }
  gsl_multimin_fminimizer_free(mm);
  gsl_vector_free(x);
  gsl_vector_free(step);
}

static void test_fits(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(5512339);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const double weights[2] = {0.5, 0.7};
  double moment_dev = 0, ident = 0, bound = 0, mm_excess = HUGE_VAL;
  int locked = 0, heavier = 0, between = 0, js_covers = 0, js_locks = 0;
  for (int c = 0; c < 2; c++) {
    mixture p = {weights[c], -2, 0.5, 2, 0.5};
    double m = p.w * p.m1 + (1 - p.w) * p.m2;
    double s = sqrt(p.w * (p.s1 * p.s1 + p.m1 * p.m1)
                    + (1 - p.w) * (p.s2 * p.s2 + p.m2 * p.m2) - m * m);
#line 5617 "chapters/05-gan.nw"
    gauss qm = {m, s};
    mdl_density pd = {log_mixture, &p}, qmd = {log_gauss, &qm};
    double base, be;
    mdl_kl_density(&pd, &qmd, -30, 30, &base, &be);
    for (int k = 0; k < 10; k++) {
      gauss g = {gsl_ran_gaussian(r, 1.5), 0.4 + 2 * gsl_rng_uniform(r)};
      mdl_density qd = {log_gauss, &g};
      double v, ve;
      mdl_kl_density(&pd, &qd, -30, 30, &v, &ve);
      double exact = log(g.sigma / s)
                     + (s * s + (m - g.mu) * (m - g.mu)) / (2 * g.sigma * g.sigma)
                     - 0.5;
      ident = claim_fmax(ident, fabs(v - base - exact) / (3 * (ve + be) + 1e-12));
    }
#line 5559 "chapters/05-gan.nw"
#line 5634 "chapters/05-gan.nw"
    gauss comp[2] = {{p.m1, p.s1}, {p.m2, p.s2}};
    double wk[2] = {p.w, 1 - p.w};
    for (int k = 0; k < 2; k++) {
      mdl_density cd = {log_gauss, &comp[k]};
      double v, ve;
      mdl_kl_density(&cd, &pd, -30, 30, &v, &ve);
      bound = claim_fmax(bound, (v - 3 * ve) / -log(wk[k]));
    }
    double v, ve;
    mdl_kl_density(&qmd, &pd, -30, 30, &v, &ve);
    mm_excess = fmin(mm_excess, v - 3 * ve + log(fmax(wk[0], wk[1])));
#line 5560 "chapters/05-gan.nw"
    double mu[3], sigma[3];
    for (int kind = 0; kind < 3; kind++) {
      fit_problem f = {&p, kind};
      best_fit(&f, &mu[kind], &sigma[kind]);
    }
    moment_dev = claim_fmax(moment_dev, fmax(fabs(mu[0] - m), fabs(sigma[0] - s)));
    int lock1 = fabs(mu[1] - p.m1) < p.s1 && sigma[1] < 2 * p.s1;
    int lock2 = fabs(mu[1] - p.m2) < p.s2 && sigma[1] < 2 * p.s2;
    locked += lock1 || lock2;
    heavier += c == 0 || lock1;
    double slack = 1e-4;
    between += sigma[1] <= sigma[2] + slack && sigma[2] <= sigma[0] + slack
               && (mu[2] - mu[1] + slack) * (mu[0] - mu[2] + slack) >= 0;
    if (c == 0)
      js_covers += fabs(mu[2] - m) < 0.1 && sigma[2] > s / 2;
    else
      js_locks += fabs(mu[2] - p.m1) < p.s1 && sigma[2] < 2 * p.s1;
  }
  CLAIM(.id = "gan.forward-kl-moments", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = ident, .reference = 1,
        .tolerance = 0, .samples = 2 * 10, .seed = seed,
        .note = "largest |KL(p||q) - KL(p||q_ms) - KL(q_ms||q)| over three"
                " times the quadrature error estimates plus 1e-12");
  CLAIM(.id = "gan.forward-kl-moments", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = moment_dev, .reference = 1e-4,
        .tolerance = 0, .samples = 2,
        .note = "largest distance of the Nelder-Mead forward-KL fit from the"
                " mean and standard deviation (search accuracy 1e-4)");
  CLAIM(.id = "gan.mode-seeking", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = bound, .reference = 1,
        .tolerance = 0, .samples = 4,
        .note = "largest KL(component||p) / (-log w_k), reduced by three"
                " error estimates: the bound of a component");
  CLAIM(.id = "gan.mode-seeking", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = mm_excess, .reference = 0,
        .tolerance = 0, .samples = 2,
        .note = "smallest reverse KL of the moment-matched Gaussian minus"
                " -log w_max: covering both modes costs more");
  CLAIM(.id = "gan.mode-seeking", .kind = CLAIM_EXPERIMENT,
        .measured = locked + heavier, .reference = 4, .tolerance = 0,
        .samples = 2,
        .note = "reverse-KL fits that lock onto a mode, plus those on the"
                " heavier mode (for w = 1/2 either counts)");
  CLAIM(.id = "gan.mode-seeking", .kind = CLAIM_EXPERIMENT,
        .measured = between, .reference = 2, .tolerance = 0, .samples = 2,
        .note = "mixtures for which the JS fit lies between the reverse-KL"
                " and the forward-KL fits, in sigma and in mu");
  CLAIM(.id = "gan.mode-seeking", .kind = CLAIM_EXPERIMENT,
        .measured = js_covers + js_locks, .reference = 2, .tolerance = 0,
        .samples = 2,
        .note = "JS covers both modes for w = 1/2 and locks onto the heavier"
                " one for w = 0.7, missing 30% of the mass (note 003)");
  gsl_rng_free(r);
}
#line 6908 "chapters/05-gan.nw"
static void test_two_samples(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(515151);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { NH = 1000, KH = 8 };
  gsl_vector *x = gsl_vector_alloc(NH), *p = gsl_vector_alloc(KH);
  size_t count[KH] = {0};
  for (size_t i = 0; i < NH; i++) {
    double v = i == 0 ? 1.0 : gsl_rng_uniform(r);
    gsl_vector_set(x, i, v);
    size_t k = (size_t)floor(8 * v);
    count[k < KH ? k : KH - 1]++;
  }
  mdl_histogram(x, 0, 1, p);
  int same = mdl_numcheck_probability(p, NULL, NULL);
  for (size_t k = 0; k < KH; k++)
    same &= gsl_vector_get(p, k) == (double)count[k] / NH;
  CLAIM(.id = "gan.two-samples", .kind = CLAIM_IDENTITY, .measured = same,
        .reference = 1, .tolerance = 0, .samples = NH, .seed = seed,
        .note = "mdl_histogram: 8 bins of 1000 uniform draws (and x = 1) equal"
                " the counts of floor(8x) over n, and sum to 1");
  const size_t wg[2] = {2, 3}, wc[2] = {3, 1};
  const mdl_net_activation id[1] = {MDL_NET_IDENTITY};
  mdl_net *gen = mdl_net_alloc(1, wg, id), *critic = mdl_net_alloc(1, wc, id);
  const double gth[9] = {0.5, -1.25, 2, 0.125, 0.75, -0.5, 1, 0.25, -2};
  const double cth[4] = {1.5, -0.375, 0.25, 0.625};
  for (size_t i = 0; i < 9; i++)
    gsl_vector_set(mdl_net_params(gen), i, gth[i]);
  for (size_t i = 0; i < 4; i++)
    gsl_vector_set(mdl_net_params(critic), i, cth[i]);
  mdl_gan_params gp = mdl_gan_defaults(MDL_GAN_WASSERSTEIN);
  mdl_gan *gan = mdl_gan_alloc(gen, critic, &gp);
  gsl_matrix *X = gsl_matrix_alloc(8, 3), *Z = gsl_matrix_alloc(4, 2);
  double exact = 0;
  for (size_t i = 0; i < 8; i++) {
    double f = cth[3];
    for (size_t j = 0; j < 3; j++) {
      double v = (double)((long)(i * 5 + j * 3) % 17 - 8) / 8;
      gsl_matrix_set(X, i, j, v);
      f += cth[j] * v;
    }
    exact += f / 8;
  }
  for (size_t i = 0; i < 4; i++) {
    double z[2];
    for (size_t j = 0; j < 2; j++) {
      z[j] = (double)((long)(i * 7 + j * 2) % 13 - 6) / 8;
      gsl_matrix_set(Z, i, j, z[j]);
    }
    double f = cth[3];
    for (size_t k = 0; k < 3; k++) {
      double g = gth[6 + k];
      for (size_t j = 0; j < 2; j++)
        g += gth[k * 2 + j] * z[j];
      f += cth[k] * g;
    }
    exact -= f / 4;
  }
  double J = GSL_NAN;
  mdl_gan_objective(gan, X, Z, &J);
  CLAIM(.id = "gan.two-samples", .kind = CLAIM_IDENTITY, .measured = J,
        .reference = exact, .tolerance = 0,
        .note = "mdl_gan_objective on 8 data rows and 4 codes (not the batch"
                " size), dyadic affine networks: exact");
  /* A critic that is 0 everywhere, under the minimax loss: each of the 2m
     terms is log sigmoid(0) / m = -log(2) / m, so J = -2 log 2, up to the
     rounding of log1p, of each division and of 2m - 1 additions. */
  mdl_net *zc = mdl_net_alloc(1, wc, id);
  gsl_vector_set_zero(mdl_net_params(zc));
  mdl_gan_params mp = mdl_gan_defaults(MDL_GAN_MINIMAX);
  mdl_gan *mgan = mdl_gan_alloc(gen, zc, &mp);
  mdl_gan_source uni = {draw_uniform_codes, NULL};
  double Jm = GSL_NAN;
  mdl_gan_critic_step(mgan, &uni, &uni, r, &Jm);
  CLAIM(.id = "gan.two-samples", .kind = CLAIM_IDENTITY, .measured = Jm,
        .reference = -2 * M_LN2,
        .tolerance = gam(2 * (double)mp.batch + 3) * 2 * M_LN2,
        .note = "mdl_gan_critic_step, minimax loss, critic 0: objective"
                " -2 log 2 before the step");
  mdl_gan_free(mgan);
  mdl_net_free(zc);
  enum { NS = 200 };
  gsl_matrix *A = gsl_matrix_alloc(NS, 1), *Bm = gsl_matrix_alloc(NS, 1);
  gsl_vector_view a = gsl_matrix_column(A, 0), b = gsl_matrix_column(Bm, 0);
  for (size_t i = 0; i < NS; i++) {
    gsl_matrix_set(A, i, 0, gsl_ran_gaussian(r, 1));
    gsl_matrix_set(Bm, i, 0, 1.5 + gsl_ran_gaussian(r, 1));
  }
  const size_t wf[3] = {1, 16, 1};
  const mdl_net_activation af[2] = {MDL_NET_RELU, MDL_NET_IDENTITY};
  mdl_net *f = mdl_net_alloc(2, wf, af);
  mdl_net_init(f, r);
  mdl_optim_params op = mdl_optim_defaults(mdl_optim_gd);
  op.lr = 0.01;
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_gd, mdl_net_nparams(f), &op);
  double J0 = 0, J1 = 0;
  mdl_gan_train_critic(f, opt, A, Bm, 0, 0, &J0);
  mdl_gan_train_critic(f, opt, A, Bm, 0, 300, &J1);
  /* f(x) = x + 1 on X = (1, 2, 3, 2) and Y = (0, 1): J = 3 - 3/2, every
     operation exact in binary. */
  const size_t w11[2] = {1, 1};
  mdl_net *lin = mdl_net_alloc(1, w11, id);
  gsl_vector_set_all(mdl_net_params(lin), 1);
  mdl_optim *lopt = mdl_optim_alloc(mdl_optim_gd, 2, &op);
  gsl_matrix *X4 = gsl_matrix_alloc(4, 1), *Y2 = gsl_matrix_alloc(2, 1);
  const double x4[4] = {1, 2, 3, 2}, y2[2] = {0, 1};
  for (size_t i = 0; i < 4; i++)
    gsl_matrix_set(X4, i, 0, x4[i]);
  for (size_t i = 0; i < 2; i++)
    gsl_matrix_set(Y2, i, 0, y2[i]);
  double Jl = GSL_NAN;
  mdl_gan_train_critic(lin, lopt, X4, Y2, 0, 0, &Jl);
  CLAIM(.id = "gan.two-samples", .kind = CLAIM_IDENTITY, .measured = Jl,
        .reference = 1.5, .tolerance = 0,
        .note = "mdl_gan_train_critic, 0 steps: mean f(X) - mean f(Y) for"
                " f(x) = x + 1, 4 and 2 rows, exact");
  gsl_matrix_free(X4);
  gsl_matrix_free(Y2);
  mdl_optim_free(lopt);
  mdl_net_free(lin);
  double K = mdl_gan_lipschitz_bound(f), W1 = mdl_w1_1d(&a.vector, &b.vector);
  CLAIM(.id = "gan.two-samples", .kind = CLAIM_BOUND, .measured = J1 / K,
        .reference = W1, .tolerance = 1e-10 * W1, .samples = NS, .seed = seed,
        .note = "mdl_gan_train_critic: J / Lip bound of the trained critic"
                " against the exact W1 (Kantorovich-Rubinstein)");
  CLAIM(.id = "gan.two-samples", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = J1 - J0, .reference = 0,
        .tolerance = 0, .samples = NS, .seed = seed,
        .note = "mdl_gan_train_critic: increase of J over 300 steps of"
                " gradient descent, lr 0.01");
  const double S = -7.125;
  double out = S;
#define TS_ERR(code, call, untouched_expr, what)                              \
  do {                                                                        \
    claim_expect_error();                                                     \
    int st_ = (call);                                                         \
    CLAIM(.id = "gan.gan-errors", .kind = CLAIM_ERROR, .measured = st_,       \
          .reference = (code), .untouched = (untouched_expr), .note = (what));\
    MSG_CHECK("gan.gan-errors", (what));                                      \
  } while (0)
  gsl_vector_set_all(p, S);
  TS_ERR(GSL_EFAULT, mdl_histogram(NULL, 0, 1, p), claim_all_equal(p, S),
         "mdl_histogram: x is NULL");
  TS_ERR(GSL_EINVAL, mdl_histogram(x, 1, 1, p), claim_all_equal(p, S),
         "mdl_histogram: lo = hi = 1");
  gsl_vector_set(x, 5, 1.5);
  TS_ERR(GSL_EDOM, mdl_histogram(x, 0, 1, p), claim_all_equal(p, S),
         "mdl_histogram: x[5] = 1.5 outside [0, 1]");
  gsl_vector_set(x, 5, NAN);
  TS_ERR(GSL_EDOM, mdl_histogram(x, 0, 1, p), claim_all_equal(p, S),
         "mdl_histogram: x[5] is NaN");
  gsl_vector e = claim_empty_vector();
  TS_ERR(GSL_EBADLEN, mdl_histogram(&e, 0, 1, p), claim_all_equal(p, S),
         "mdl_histogram: no samples");
  gsl_vector *th = gsl_vector_alloc(mdl_net_nparams(f));
  gsl_vector_memcpy(th, mdl_net_params(f));
#define F_SAME (gsl_vector_sub(th, mdl_net_params(f)) == 0 && gsl_vector_isnull(th) \
                && gsl_vector_memcpy(th, mdl_net_params(f)) == 0 && out == S)
  TS_ERR(GSL_EFAULT, mdl_gan_train_critic(f, NULL, A, Bm, 0, 5, &out), F_SAME,
         "mdl_gan_train_critic: opt is NULL");
  TS_ERR(GSL_EBADLEN, mdl_gan_train_critic(f, opt, X, Bm, 0, 5, &out), F_SAME,
         "mdl_gan_train_critic: X has 3 columns for a critic of 1 input");
  WANT("clip = nan");
  TS_ERR(GSL_EINVAL, mdl_gan_train_critic(f, opt, A, Bm, NAN, 5, &out), F_SAME,
         "mdl_gan_train_critic: clip is NaN");
  TS_ERR(GSL_EBADLEN, mdl_gan_train_critic(gen, opt, Z, Z, 0, 5, &out), out == S,
         "mdl_gan_train_critic: a critic with 3 outputs");
  mdl_optim *small = mdl_optim_alloc(mdl_optim_gd, 2, &op);
  WANT("mdl_optim_step: theta has length");
  TS_ERR(GSL_EBADLEN, mdl_gan_train_critic(f, small, A, Bm, 0, 5, &out),
         F_SAME, "mdl_gan_train_critic: an optimizer for 2 parameters");
  mdl_optim_free(small);
#undef F_SAME
  gsl_matrix E = claim_empty_matrix(0, 2);
  WANT("Z 0 x 2");
  TS_ERR(GSL_EBADLEN, mdl_gan_objective(gan, X, &E, &out), out == S,
         "mdl_gan_objective: no codes");
  TS_ERR(GSL_EBADLEN, mdl_gan_objective(gan, Z, Z, &out), out == S,
         "mdl_gan_objective: data of width 2 for a critic of width 3");
#undef TS_ERR
  gsl_vector_free(th);
  mdl_optim_free(opt);
  mdl_net_free(f);
  gsl_matrix_free(A);
  gsl_matrix_free(Bm);
  mdl_gan_free(gan);
  mdl_net_free(gen);
  mdl_net_free(critic);
  gsl_matrix_free(X);
  gsl_matrix_free(Z);
  gsl_vector_free(x);
  gsl_vector_free(p);
  gsl_rng_free(r);
}
#line 7159 "chapters/05-gan.nw"
static void lipschitz_case(mdl_net *net, double c, gsl_rng *r,
                           double *grad_ratio,
                           double *quot_ratio, double *box_ratio,
                           double *tightness)
{
  enum { POINTS = 500 };
  size_t depth = mdl_net_depth(net), d = mdl_net_width(net, 0), nmax = 0;
  double sum_n = 0, kfro = 1, kbox = 1;
  for (size_t l = 0; l < depth; l++) {
    gsl_matrix_view W = mdl_net_weight(net, NULL, l);
    double f = 0;
    for (size_t i = 0; i < W.matrix.size1; i++)
      for (size_t j = 0; j < W.matrix.size2; j++)
        f += gsl_matrix_get(&W.matrix, i, j) * gsl_matrix_get(&W.matrix, i, j);
    kfro *= sqrt(f);
    kbox *=
        c * sqrt((double)(mdl_net_width(net, l) * mdl_net_width(net, l + 1)));
    sum_n += mdl_net_width(net, l) + 3;
    if (mdl_net_width(net, l + 1) > nmax)
      nmax = mdl_net_width(net, l + 1);
    if (mdl_net_width(net, l) > nmax)
      nmax = mdl_net_width(net, l);
  }
  double K = mdl_gan_lipschitz_bound(net);
  double svd = depth * 32.0 * nmax * nmax * DBL_EPSILON / 2;
  double gtol = K * svd + gam(sum_n) * kfro;
  gsl_matrix *X = gsl_matrix_alloc(POINTS, d), *Y = gsl_matrix_alloc(POINTS, d);
  gsl_matrix *dX = gsl_matrix_alloc(POINTS, d),
             *FX = gsl_matrix_alloc(POINTS, 1);
  gsl_matrix *FY = gsl_matrix_alloc(POINTS, 1),
             *AX = gsl_matrix_alloc(POINTS, 1);
  gsl_matrix *AY = gsl_matrix_alloc(POINTS, 1);
  for (size_t i = 0; i < POINTS; i++) {
    double dist2;
    do {
      dist2 = 0;
      for (size_t j = 0; j < d; j++) {
        gsl_matrix_set(X, i, j, gsl_ran_flat(r, -3, 3));
        gsl_matrix_set(Y, i, j, gsl_ran_flat(r, -3, 3));
        double t = gsl_matrix_get(X, i, j) - gsl_matrix_get(Y, i, j);
        dist2 += t * t;
      }
    } while (dist2 < 0.01);
  }
  mdl_gan_input_gradient(net, X, dX);
  mdl_net_forward(net, X, FX);
  mdl_net_forward(net, Y, FY);
  mdl_net *a = abs_linear(net);
  gsl_matrix *absX = gsl_matrix_alloc(POINTS, d),
             *absY = gsl_matrix_alloc(POINTS, d);
  for (size_t i = 0; i < POINTS; i++)
    for (size_t j = 0; j < d; j++) {
      gsl_matrix_set(absX, i, j, fabs(gsl_matrix_get(X, i, j)));
      gsl_matrix_set(absY, i, j, fabs(gsl_matrix_get(Y, i, j)));
    }
  mdl_net_forward(a, absX, AX);
  mdl_net_forward(a, absY, AY);
  double gmax = 0;
  for (size_t i = 0; i < POINTS; i++) {
    double g2 = 0, dist2 = 0;
    for (size_t j = 0; j < d; j++) {
      g2 += gsl_matrix_get(dX, i, j) * gsl_matrix_get(dX, i, j);
      double t = gsl_matrix_get(X, i, j) - gsl_matrix_get(Y, i, j);
      dist2 += t * t;
    }
    gmax = claim_fmax(gmax, sqrt(g2));
    *grad_ratio = fmax(*grad_ratio, sqrt(g2) / (K + gtol));
    double dist = sqrt(dist2);
    double ftol =
        gam(sum_n) * (gsl_matrix_get(AX, i, 0) + gsl_matrix_get(AY, i, 0));
    double q = fabs(gsl_matrix_get(FX, i, 0) - gsl_matrix_get(FY, i, 0));
    *quot_ratio =
        fmax(*quot_ratio, q / (K * (1 + svd) * dist * (1 + 4 * gam(d)) + ftol));
  }
  if (c > 0)
    *box_ratio = fmax(*box_ratio, K / (kbox * (1 + svd)));
  *tightness = fmax(*tightness, gmax / K);
  mdl_net_free(a);
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  gsl_matrix_free(dX);
  gsl_matrix_free(FX);
  gsl_matrix_free(FY);
  gsl_matrix_free(AX);
  gsl_matrix_free(AY);
  gsl_matrix_free(absX);
  gsl_matrix_free(absY);
}

static double net_value3(const gsl_vector *x, void *params)
{
  mdl_net *net = params;
  gsl_matrix_const_view X = gsl_matrix_const_view_vector(x, 1, 3);
  gsl_matrix *Y = gsl_matrix_alloc(1, 1);
  mdl_net_forward(net, &X.matrix, Y);
  double y = gsl_matrix_get(Y, 0, 0);
  gsl_matrix_free(Y);
  return y;
}

static double step_f(const gsl_vector *x, void *params)
{
  mdl_net *net = params;
  gsl_matrix_const_view X = gsl_matrix_const_view_vector(x, 1, 2);
  gsl_matrix *Y = gsl_matrix_alloc(1, 1);
  mdl_net_forward(net, &X.matrix, Y);
  double y = gsl_matrix_get(Y, 0, 0);
  gsl_matrix_free(Y);
  return y;
}

static void test_lipschitz(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(2660537);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const size_t w1[4] = {2, 32, 32, 1}, w2[5] = {3, 16, 16, 16, 1};
  const mdl_net_activation hs[4] = {MDL_NET_RELU, MDL_NET_LEAKY_RELU,
                                    MDL_NET_TANH, MDL_NET_SIGMOID};
  enum { NETS = 60 };
  double g_raw = 0, q_raw = 0, g_clip = 0, q_clip = 0, box = 0, tight = 0;
  double unused = 0;
  for (int k = 0; k < NETS; k++) {
    mdl_net_activation acts[NET_MAXL];
    int deep = k % 2;
    mdl_net *net =
        rand_net(deep ? 4 : 3, deep ? w2 : w1, hs[k % 3], 0.05, r, acts);
    lipschitz_case(net, 0, r, &g_raw, &q_raw, &unused, &unused);
    mdl_gan_clip(net, 0.01);
    lipschitz_case(net, 0.01, r, &g_clip, &q_clip, &box, &tight);
    mdl_net_free(net);
  }
  CLAIM(.id = "gan.clipping-lipschitz", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = box, .reference = 1,
        .tolerance = 0, .samples = NETS, .seed = seed,
        .note = "largest product of spectral norms over prod c sqrt(n n'),"
                " clipped networks");
  CLAIM(.id = "gan.clipping-lipschitz", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = g_clip, .reference = 1,
        .tolerance = 0, .samples = NETS * 500, .seed = seed,
        .note = "largest input-gradient norm of a clipped critic over the"
                " bound (with its rounding)");
  CLAIM(.id = "gan.clipping-lipschitz", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = q_clip, .reference = 1,
        .tolerance = 0, .samples = NETS * 500, .seed = seed,
        .note = "largest difference quotient of a clipped critic over the"
                " bound (with its rounding)");
  CLAIM(.id = "gan.clipping-lipschitz", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = tight, .reference = 1,
        .tolerance = 0, .samples = NETS * 500, .seed = seed,
        .note = "largest sampled gradient norm over the spectral bound:"
                " how conservative the product of norms is");
  CLAIM(.id = "gan.lipschitz-gradient", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = g_raw, .reference = 1,
        .tolerance = 0, .samples = NETS * 500, .seed = seed,
        .note = "largest input-gradient norm of an unclipped network over the"
                " product of spectral norms");
  CLAIM(.id = "gan.lipschitz-gradient", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = q_raw, .reference = 1,
        .tolerance = 0, .samples = NETS * 500, .seed = seed,
        .note = "largest difference quotient over the same bound: the"
                " continuous networks are Lipschitz");
#line 7382 "chapters/05-gan.nw"
  const size_t wl[4] = {3, 5, 4, 1};
  double input_dev = 0;
  for (int k = 0; k < 20; k++) {
    mdl_net_activation la[NET_MAXL];
    mdl_net *lin = rand_net(3, wl, MDL_NET_IDENTITY, 1.0, r, la);
    mdl_net *ab = abs_linear(lin);
    gsl_matrix *X1 = gsl_matrix_alloc(1, 3), *G1 = gsl_matrix_alloc(1, 3);
    gsl_matrix *A1 = gsl_matrix_alloc(1, 3), *GA = gsl_matrix_alloc(1, 3);
    gsl_matrix *Y1 = gsl_matrix_alloc(1, 1);
    gsl_vector *xv = gsl_vector_alloc(3), *dv = gsl_vector_alloc(3);
    for (size_t j = 0; j < 3; j++) {
      gsl_matrix_set(X1, 0, j, gsl_ran_flat(r, -3, 3));
      gsl_matrix_set(A1, 0, j, fabs(gsl_matrix_get(X1, 0, j)) + 1);
      gsl_vector_set(xv, j, gsl_matrix_get(X1, 0, j));
    }
    mdl_gan_input_gradient(lin, X1, G1);
    mdl_gan_input_gradient(ab, A1, GA);
    mdl_net_forward(ab, A1, Y1);
    gsl_multimin_function lf = {net_value3, 3, lin};
    mdl_numcheck_diff(&lf, xv, 0, dv);
    double K = 3 + 5 + 4 + 1 + 3;
    for (size_t j = 0; j < 3; j++) {
      double xj = gsl_vector_get(xv, j);
      double hj = mdl_numcheck_step() * fmax(1, fabs(xj));
      double hhat = ((xj + hj) - (xj - hj)) / 2;
      double dj = gsl_vector_get(dv, j), gj = gsl_matrix_get(G1, 0, j);
      double tol = gam(K) * gsl_matrix_get(Y1, 0, 0) / hhat + gam(4) * fabs(dj)
                   + gam(K) * gsl_matrix_get(GA, 0, j);
      if (dj != gj)
        input_dev = claim_fmax(input_dev, fabs(dj - gj) / tol);
    }
    mdl_net_free(lin);
    mdl_net_free(ab);
    gsl_matrix_free(X1);
    gsl_matrix_free(G1);
    gsl_matrix_free(A1);
    gsl_matrix_free(GA);
    gsl_matrix_free(Y1);
    gsl_vector_free(xv);
    gsl_vector_free(dv);
  }
  CLAIM(.id = "gan.lipschitz-gradient", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = input_dev, .reference = 1,
        .tolerance = 0, .samples = 60, .seed = seed,
        .note = "largest |central difference - mdl_gan_input_gradient| over its"
                " rounding bound, linear networks 3-5-4-1");
#line 7323 "chapters/05-gan.nw"
#line 7440 "chapters/05-gan.nw"
  const mdl_net_activation chain_acts[5] = {MDL_NET_RELU, MDL_NET_LEAKY_RELU,
                                            MDL_NET_TANH, MDL_NET_SIGMOID,
                                            MDL_NET_ELU};
  const size_t wc[4] = {1, 1, 1, 1};
  double attained = 0;
  for (int a = 0; a < 5; a++) {
    mdl_net_activation ca[3] = {chain_acts[a], chain_acts[a], MDL_NET_IDENTITY};
    mdl_net *chain = mdl_net_alloc(3, wc, ca);
    if (chain_acts[a] == MDL_NET_ELU) {
      mdl_net_set_alpha(chain, 0, 1.3);
      mdl_net_set_alpha(chain, 1, 1.3);
    } else if (chain_acts[a] == MDL_NET_LEAKY_RELU) {
      mdl_net_set_alpha(chain, 0, 0.2);
      mdl_net_set_alpha(chain, 1, 0.2);
    }
    gsl_vector *th = mdl_net_params(chain);
    double side = chain_acts[a] == MDL_NET_ELU ? -1e-12 : 1e-12;
    for (size_t l = 0; l < 3; l++) {
      gsl_vector_set(th, 2 * l, gsl_ran_flat(r, 0.5, 2));
      gsl_vector_set(th, 2 * l + 1, l < 2 ? side : 0);
    }
    if (chain_acts[a] == MDL_NET_SIGMOID)
      gsl_vector_set(th, 3,
                     side - gsl_vector_get(th, 2) * mdl_net_sigmoid(side));
    gsl_matrix *X0 = gsl_matrix_calloc(1, 1), *G0 = gsl_matrix_alloc(1, 1);
    mdl_gan_input_gradient(chain, X0, G0);
    double K = mdl_gan_lipschitz_bound(chain);
    attained = claim_fmax(attained, fabs(gsl_matrix_get(G0, 0, 0) / K - 1)
                                  / (16 * DBL_EPSILON + 1e-11));
    mdl_net_free(chain);
    gsl_matrix_free(X0);
    gsl_matrix_free(G0);
  }
  CLAIM(.id = "gan.clipping-lipschitz", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = attained, .reference = 1,
        .tolerance = 0, .samples = 5, .seed = seed,
        .note = "largest |gradient / bound - 1| of single-unit chains at the"
                " point of steepest slope, over 16 eps + 1e-11: the bound is"
                " attained for ReLU, leaky ReLU, tanh, sigmoid and ELU");
#line 7324 "chapters/05-gan.nw"
#line 7330 "chapters/05-gan.nw"
  const size_t ws[3] = {2, 1, 1};
  const mdl_net_activation as[2] = {MDL_NET_STEP, MDL_NET_IDENTITY};
  mdl_net *step = mdl_net_alloc(2, ws, as);
  gsl_vector *th = mdl_net_params(step);
  gsl_vector_set(th, 0, 1);
  gsl_vector_set(th, 1, 0);
  gsl_vector_set(th, 2, -0.3);
  gsl_vector_set(th, 3, 1);
  gsl_vector_set(th, 4, 0);
  gsl_multimin_function sf = {step_f, 2, step};
  gsl_vector *x = gsl_vector_alloc(2), *dx = gsl_vector_alloc(2);
  double gmax = 0;
  for (int k = 0; k < 200; k++) {
    double x1;
    do
      x1 = gsl_ran_flat(r, -3, 3);
    while (fabs(x1 - 0.3) < 0.01);
    gsl_vector_set(x, 0, x1);
    gsl_vector_set(x, 1, gsl_ran_flat(r, -3, 3));
    mdl_numcheck_diff(&sf, x, 0, dx);
    gmax = fmax(gmax,
                fmax(fabs(gsl_vector_get(dx, 0)), fabs(gsl_vector_get(dx, 1))));
  }
  double h = ldexp(1.0, -21);
  gsl_vector_set(x, 0, 0.3 - h);
  gsl_vector_set(x, 1, 0.5);
  double f0 = step_f(x, step);
  gsl_vector_set(x, 0, 0.3 + h);
  double quotient = fabs(step_f(x, step) - f0) / (2 * h);
  CLAIM(.id = "gan.lipschitz-gradient", .kind = CLAIM_IDENTITY, .measured = gmax,
        .reference = 0, .tolerance = 0, .samples = 200, .seed = seed,
        .note = "largest central difference of the step network away from its"
                " jump: the gradient is zero wherever it exists");
  CLAIM(.id = "gan.lipschitz-gradient", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = quotient,
        .reference = ldexp(1.0, 20), .tolerance = 0,
        .note = "difference quotient of the step network across its jump at"
                " distance 2^-20: it is not Lipschitz (note 002's Theorem 1)");
  gsl_vector_free(x);
  gsl_vector_free(dx);
  mdl_net_free(step);
#line 7325 "chapters/05-gan.nw"
  gsl_rng_free(r);
}
#line 7541 "chapters/05-gan.nw"
static void test_wgan_gradient(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(8802213);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  const double thetas[4] = {-1, -0.3, 0.3, 1};
  double attain = 0, closed = 0, fd = 0, ratio = 0;
  int signs = 0;
  gsl_matrix *Z = gsl_matrix_alloc(64, 1), *X = gsl_matrix_alloc(64, 2);
  gsl_vector *g = gsl_vector_alloc(4);
  line_codes(Z);
  for (size_t i = 0; i < 64; i++) {
    gsl_matrix_set(X, i, 0, 0);
    gsl_matrix_set(X, i, 1, gsl_matrix_get(Z, i, 0));
  }
  mdl_gan_source data = {draw_line0, NULL}, prior = {draw_uniform_codes, NULL};
  for (int k = 0; k < 4; k++) {
    double theta = thetas[k], sgn = theta > 0 ? 1 : -1;
#line 7598 "chapters/05-gan.nw"
    {
      gsl_vector *p, *q, *a = gsl_vector_alloc(LINES_K);
      gsl_matrix *C;
      lines_discrete(theta, &p, &q, &C);
      gsl_vector_set_all(a, 1.0 / LINES_K);
      double w1, e0 = 0, e1 = 0;
      mdl_ot_solve(a, a, C, NULL, NULL, NULL, &w1);
      for (size_t i = 0; i < LINES_K; i++)
        e1 += -sgn * theta / LINES_K;
      attain =
          fmax(attain, fabs(e0 - e1 - w1)
                           / ot_tolerance(LINES_K, sqrt(theta * theta + 1), w1));
      gsl_vector_free(p);
      gsl_vector_free(q);
      gsl_vector_free(a);
      gsl_matrix_free(C);
      const size_t wf[2] = {2, 1};
      const mdl_net_activation af[1] = {MDL_NET_IDENTITY};
      mdl_net *fstar = mdl_net_alloc(1, wf, af), *gen = line_generator(theta);
      gsl_vector_set(mdl_net_params(fstar), 0, -sgn);
      mdl_gan_params par = mdl_gan_defaults(MDL_GAN_WASSERSTEIN);
      mdl_gan *gan = mdl_gan_alloc(gen, fstar, &par);
      mdl_gan_generator_gradient(gan, Z, g);
      closed = claim_fmax(closed, fabs(gsl_vector_get(g, 2) - sgn));
      mdl_gan_free(gan);
      mdl_net_free(fstar);
      mdl_net_free(gen);
    }
#line 7561 "chapters/05-gan.nw"
#line 7632 "chapters/05-gan.nw"
    {
      const double h = 1e-3;
      double w[2], tol = 0;
      for (int s = 0; s < 2; s++) {
        double t = theta + (s ? h : -h);
        gsl_vector *p, *q, *a = gsl_vector_alloc(LINES_K);
        gsl_matrix *C;
        lines_discrete(t, &p, &q, &C);
        gsl_vector_set_all(a, 1.0 / LINES_K);
        mdl_ot_solve(a, a, C, NULL, NULL, NULL, &w[s]);
        tol += ot_tolerance(LINES_K, sqrt(t * t + 1), w[s]) / (2 * h);
        gsl_vector_free(p);
        gsl_vector_free(q);
        gsl_vector_free(a);
        gsl_matrix_free(C);
      }
      tol += 2 * DBL_EPSILON * (fabs(theta) + h) / (2 * h) + 4 * DBL_EPSILON;
      fd = claim_fmax(fd, fabs((w[1] - w[0]) / (2 * h) - sgn) / tol);
    }
#line 7562 "chapters/05-gan.nw"
#line 7654 "chapters/05-gan.nw"
    {
      mdl_net *f = relu_critic(32, r), *gen = line_generator(theta);
      mdl_gan_params par = mdl_gan_defaults(MDL_GAN_WASSERSTEIN);
      par.lr_critic = 1e-3;
      mdl_gan *gan = mdl_gan_alloc(gen, f, &par);
      for (int t = 0; t < 400; t++)
        mdl_gan_critic_step(gan, &data, &prior, r, NULL);
      double J;
      mdl_gan_generator_gradient(gan, Z, g);
      mdl_gan_objective(gan, X, Z, &J);
      double d = gsl_vector_get(g, 2);
      signs += d * sgn > 0;
      ratio = claim_fmax(ratio, fabs(theta * d / J - 1));
      mdl_gan_free(gan);
      mdl_net_free(f);
      mdl_net_free(gen);
    }
#line 7563 "chapters/05-gan.nw"
  }
  CLAIM(.id = "gan.wgan-gradient", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = attain, .reference = 1,
        .tolerance = 0, .samples = 4,
        .note = "largest |E_P0 f* - E_Ptheta f* - W1 by the solver| over the"
                " solver's tolerance: f* = -sign(theta) x1 is optimal");
  CLAIM(.id = "gan.wgan-gradient", .kind = CLAIM_IDENTITY, .measured = closed,
        .reference = 0, .tolerance = 0, .samples = 4,
        .note = "largest |generator gradient through the critic f* -"
                " sign(theta)|, by mdl_gan_generator_gradient");
  CLAIM(.id = "gan.wgan-gradient", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = fd, .reference = 1,
        .tolerance = 0, .samples = 4,
        .note = "largest |central difference of the exact W1 - sign(theta)|"
                " over its tolerance, h = 1e-3");
  CLAIM(.id = "gan.wgan-gradient", .kind = CLAIM_EXPERIMENT, .measured = signs,
        .reference = 4, .tolerance = 0, .samples = 4, .seed = seed,
        .note = "trained clipped critics whose generator gradient has the"
                " sign of theta");
  CLAIM(.id = "gan.wgan-gradient", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = ratio, .reference = 0.5,
        .tolerance = 0, .samples = 4, .seed = seed,
        .note = "largest |theta dL/dtheta / J - 1| for the trained critics:"
                " the gradient is K sign(theta) for the critic's scale K = "
                "J/|theta|");
  gsl_matrix_free(Z);
  gsl_matrix_free(X);
  gsl_vector_free(g);
  gsl_rng_free(r);
}
#line 7718 "chapters/05-gan.nw"
static void test_saturation(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(1190347);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  enum { CHECKS = 8 };
  const int at[CHECKS] = {10, 20, 50, 100, 200, 400, 800, 1600};
  double closed = 0, bound = 0, fall = 0, growth = 0, keep = 0;
  for (int k = 1; k <= 60; k++) {
    double s = mdl_net_sigmoid(k / 2.0);
    double eps = mdl_net_sigmoid(-k / 2.0) + k * s * (1 - s);
    double grad = k * mdl_net_sigmoid(-k / 2.0);
    if (eps < 1)
      closed = claim_fmax(closed, grad / (eps / (1 - eps)));
  }
  gsl_matrix *Z = gsl_matrix_alloc(64, 1);
  gsl_vector *g = gsl_vector_alloc(4);
  line_codes(Z);
  double M = 0;
  for (size_t i = 0; i < 64; i++)
    M += (1 + gsl_matrix_get(Z, i, 0) * gsl_matrix_get(Z, i, 0)) / 64;
  M = sqrt(M);
  mdl_gan_source data = {draw_line0, NULL}, prior = {draw_uniform_codes, NULL};
  const mdl_gan_loss losses[3] = {MDL_GAN_MINIMAX, MDL_GAN_NONSATURATING,
                                  MDL_GAN_WASSERSTEIN};
  for (int li = 0; li < 3; li++) {
    gsl_rng_set(r, seed);
    mdl_net *D = relu_critic(32, r), *gen = line_generator(1);
    mdl_gan_params par = mdl_gan_defaults(losses[li]);
    par.lr_critic = 1e-3;
    mdl_gan *gan = mdl_gan_alloc(gen, D, &par);
    double first = 0, peak = 0, last = 0;
    for (int c = 0, t = 0; c < CHECKS; c++) {
      for (; t < at[c]; t++)
        mdl_gan_critic_step(gan, &data, &prior, r, NULL);
      mdl_gan_generator_gradient(gan, Z, g);
      double gn = gsl_blas_dnrm2(g);
      if (c == 0)
        first = gn;
      peak = claim_fmax(peak, gn);
      last = gn;
      if (losses[li] == MDL_GAN_MINIMAX) {
        double eps = discriminator_error(D, Z);
        if (eps < 1)
          bound = claim_fmax(bound, gn / (M * eps / (1 - eps)));
      }
    }
    if (li == 0)
      fall = last / peak;
    else if (li == 1)
      growth = last / first;
    else
      keep = last / peak;
    mdl_gan_free(gan);
    mdl_net_free(D);
    mdl_net_free(gen);
  }
  CLAIM(.id = "gan.saturation", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = closed, .reference = 1, .tolerance = 0, .samples = 60,
        .note =
            "largest generator gradient over eps/(1-eps) for the closed-form"
            " discriminators sigma(k(1/2 - x1)), k = 1..60");
  CLAIM(.id = "gan.saturation", .kind = CLAIM_BOUND, .relation = CLAIM_AT_MOST,
        .measured = bound, .reference = 1, .tolerance = 0, .samples = CHECKS,
        .seed = seed,
        .note =
            "largest minimax generator gradient over M eps/(1-eps) along the"
            " training of a network discriminator (Theorem 2.4)");
  CLAIM(.id = "gan.saturation", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = fall, .reference = 1e-3,
        .tolerance = 0, .samples = CHECKS, .seed = seed,
        .note = "minimax generator gradient after 1600 discriminator"
                " iterations over its peak: it vanishes");
  CLAIM(.id = "gan.saturation", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = growth, .reference = 1,
        .tolerance = 0, .samples = CHECKS, .seed = seed,
        .note = "non-saturating generator gradient after 1600 iterations over"
                " its value after 10: it grows");
  CLAIM(.id = "gan.saturation", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = keep, .reference = 0.5,
        .tolerance = 0, .samples = CHECKS, .seed = seed,
        .note = "WGAN generator gradient after 1600 critic iterations over"
                " its peak: it does not vanish");
  gsl_matrix_free(Z);
  gsl_vector_free(g);
  gsl_rng_free(r);
}
#line 8059 "chapters/05-gan.nw"
static void test_wgan_schedule(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(4412093);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  mdl_gan_params d = mdl_gan_defaults(MDL_GAN_WASSERSTEIN);
  int defaults = (d.lr == 5e-5) + (d.clip == 0.01) + (d.batch == 64)
                 + (d.n_critic == 5) + (d.schedule == MDL_GAN_ALGORITHM1);
  CLAIM(.id = "gan.wgan-algorithm", .kind = CLAIM_IDENTITY,
        .measured = defaults, .reference = 5, .tolerance = 0,
        .note = "defaults equal to the paper's: alpha 5e-5, c 0.01, m 64,"
                " n_critic 5, Algorithm 1");
  mdl_net *g, *f;
  mdl_gan_source data = {draw_line0, NULL}, prior = {draw_uniform_codes, NULL};
  mdl_gan *gan = small_gan(MDL_GAN_ALGORITHM1, r, &g, &f);
  for (int t = 0; t < 7; t++)
    mdl_gan_iterate(gan, &data, &prior, r, NULL);
  size_t critic, gens = mdl_gan_counts(gan, &critic);
  CLAIM(.id = "gan.wgan-algorithm", .kind = CLAIM_IDENTITY,
        .measured = (double)critic, .reference = 5.0 * gens, .tolerance = 0,
        .seed = seed,
        .note = "critic iterations in 7 generator iterations: n_critic each,"
                " not n_critic + 1 (note 002, Algorithm 1 line 2)");
  mdl_gan_free(gan);
  mdl_net_free(g);
  mdl_net_free(f);
  gan = small_gan(MDL_GAN_RELEASED_CODE, r, &g, &f);
  size_t total = 0;
  for (size_t t = 0; t <= 1000; t++)
    total += mdl_gan_critic_iterations(gan, t);
  CLAIM(.id = "gan.wgan-algorithm", .kind = CLAIM_IDENTITY,
        .measured = (double)total, .reference = 27 * 100 + 974 * 5,
        .tolerance = 0,
        .note = "critic iterations the released code's schedule prescribes"
                " for generator iterations 0..1000");
  for (int t = 0; t < 3; t++)
    mdl_gan_iterate(gan, &data, &prior, r, NULL);
  mdl_gan_counts(gan, &critic);
  CLAIM(.id = "gan.wgan-algorithm", .kind = CLAIM_IDENTITY,
        .measured = (double)critic, .reference = 300, .tolerance = 0,
        .seed = seed,
        .note = "critic iterations in the first 3 generator iterations with"
                " the released code's schedule");
  mdl_gan_free(gan);
  mdl_net_free(g);
  mdl_net_free(f);
  gsl_rng_free(r);
}
#line 8124 "chapters/05-gan.nw"
typedef struct {
  mdl_gan *gan;
  mdl_net *net;
  const gsl_matrix *X, *Z;
} objective_data;

static double set_and_evaluate(const gsl_vector *w, void *params)
{
  objective_data *o = params;
  gsl_vector_memcpy(mdl_net_params(o->net), w);
  double J;
  mdl_gan_objective(o->gan, o->X, o->Z, &J);
  return J;
}

static void abs_gradients(mdl_net *gen, mdl_net *critic, const gsl_matrix *X,
                          const gsl_matrix *Z, double *value, gsl_vector *gg,
                          gsl_vector *gc)
{
  size_t m = X->size1;
  mdl_net *ga = abs_linear(gen), *ca = abs_linear(critic);
  gsl_matrix *aX = gsl_matrix_alloc(m, X->size2),
             *aZ = gsl_matrix_alloc(m, Z->size2);
  gsl_matrix *F = gsl_matrix_alloc(m, X->size2), *Y = gsl_matrix_alloc(m, 1);
  gsl_matrix *dY = gsl_matrix_alloc(m, 1), *dF = gsl_matrix_alloc(m, X->size2);
  gsl_vector *tmp = gsl_vector_alloc(gc->size);
  for (size_t i = 0; i < m; i++) {
    for (size_t j = 0; j < X->size2; j++)
      gsl_matrix_set(aX, i, j, fabs(gsl_matrix_get(X, i, j)));
    for (size_t j = 0; j < Z->size2; j++)
      gsl_matrix_set(aZ, i, j, fabs(gsl_matrix_get(Z, i, j)));
  }
  gsl_matrix_set_all(dY, 1.0 / m);
  *value = 0;
  mdl_net_forward(ca, aX, Y);
  for (size_t i = 0; i < m; i++)
    *value += gsl_matrix_get(Y, i, 0) / m;
  mdl_net_backward(ca, dY, gc, NULL);
  mdl_net_forward(ga, aZ, F);
  mdl_net_forward(ca, F, Y);
  for (size_t i = 0; i < m; i++)
    *value += gsl_matrix_get(Y, i, 0) / m;
  mdl_net_backward(ca, dY, tmp, dF);
  gsl_vector_add(gc, tmp);
  mdl_net_backward(ga, dF, gg, NULL);
  mdl_net_free(ga);
  mdl_net_free(ca);
  gsl_matrix_free(aX);
  gsl_matrix_free(aZ);
  gsl_matrix_free(F);
  gsl_matrix_free(Y);
  gsl_matrix_free(dY);
  gsl_matrix_free(dF);
  gsl_vector_free(tmp);
}

static double affine_check(objective_data *o, const gsl_vector *analytic,
                           mdl_net *gen, mdl_net *critic, int which, double K)
{
  gsl_vector *w0 = gsl_vector_alloc(mdl_net_nparams(o->net));
  gsl_vector *d = gsl_vector_alloc(w0->size), *w = gsl_vector_alloc(w0->size);
  gsl_vector *gg = gsl_vector_alloc(mdl_net_nparams(gen));
  gsl_vector *gc = gsl_vector_alloc(mdl_net_nparams(critic));
  gsl_vector_memcpy(w0, mdl_net_params(o->net));
  gsl_multimin_function F = {set_and_evaluate, w0->size, o};
  mdl_numcheck_diff(&F, w0, 0, d);
  double worst = 0, hs = mdl_numcheck_step(), absval;
  for (size_t k = 0; k < w0->size; k++) {
    double xk = gsl_vector_get(w0, k), hk = hs * fmax(1, fabs(xk));
    double xp = xk + hk, xm = xk - hk, hhat = (xp - xm) / 2, delta = 0;
    for (int s = 0; s < 2; s++) {
      gsl_vector_memcpy(w, w0);
      gsl_vector_set(w, k, s ? xp : xm);
      gsl_vector_memcpy(mdl_net_params(o->net), w);
      abs_gradients(gen, critic, o->X, o->Z, &absval, gg, gc);
      delta = claim_fmax(delta, gam(K) * absval);
    }
    gsl_vector_memcpy(mdl_net_params(o->net), w0);
    abs_gradients(gen, critic, o->X, o->Z, &absval, gg, gc);
    double e = gam(K) * gsl_vector_get(which ? gc : gg, k);
    double dk = gsl_vector_get(d, k), ak = gsl_vector_get(analytic, k);
    double tol = delta / hhat + gam(4) * fabs(dk) + e;
    if (dk != ak)
      worst = claim_fmax(worst, tol > 0 ? fabs(dk - ak) / tol : HUGE_VAL);
  }
  gsl_vector_memcpy(mdl_net_params(o->net), w0);
  gsl_vector_free(w0);
  gsl_vector_free(d);
  gsl_vector_free(w);
  gsl_vector_free(gg);
  gsl_vector_free(gc);
  return worst;
}

static void test_wgan_gradients(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(9309151);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { M = 8 };
  const size_t gw[3] = {2, 3, 2}, cw[4] = {2, 4, 3, 1};
  const mdl_net_activation a[3] = {MDL_NET_IDENTITY, MDL_NET_IDENTITY,
                                   MDL_NET_IDENTITY};
  double worst_c = 0, worst_g = 0, tied = 0;
  for (int rep = 0; rep < 10; rep++) {
    mdl_net *gen = mdl_net_alloc(2, gw, a), *critic = mdl_net_alloc(3, cw, a);
    gsl_vector *tg = mdl_net_params(gen), *tc = mdl_net_params(critic);
    for (size_t k = 0; k < tg->size; k++)
      gsl_vector_set(tg, k, gsl_ran_gaussian(r, 0.5));
    for (size_t k = 0; k < tc->size; k++)
      gsl_vector_set(tc, k, gsl_ran_gaussian(r, 0.5));
    mdl_gan_params p = mdl_gan_defaults(MDL_GAN_WASSERSTEIN);
    p.batch = M;
    mdl_gan *gan = mdl_gan_alloc(gen, critic, &p);
    gsl_matrix *X = gsl_matrix_alloc(M, 2), *Z = gsl_matrix_alloc(M, 2);
    for (size_t i = 0; i < M; i++)
      for (size_t j = 0; j < 2; j++) {
        gsl_matrix_set(X, i, j, gsl_ran_gaussian(r, 1.0));
        gsl_matrix_set(Z, i, j, gsl_ran_gaussian(r, 1.0));
      }
    double K = 2 * (2 + 1 + 3 + 1) + (2 + 1 + 4 + 1 + 3 + 1) + 2 * M + 4;
    gsl_vector *gc = gsl_vector_alloc(tc->size),
               *gg = gsl_vector_alloc(tg->size);
    mdl_gan_critic_gradient(gan, X, Z, gc);
    objective_data oc = {gan, critic, X, Z};
    worst_c = claim_fmax(worst_c, affine_check(&oc, gc, gen, critic, 1, K));
    mdl_gan_generator_gradient(gan, Z, gg);
    objective_data og = {gan, gen, X, Z};
    worst_g = claim_fmax(worst_g, affine_check(&og, gg, gen, critic, 0, K));
#line 8289 "chapters/05-gan.nw"
    gsl_matrix *Zt = gsl_matrix_alloc(M, 2), *Yt = gsl_matrix_alloc(M, 1);
    gsl_matrix *Gt = gsl_matrix_alloc(M, 2);
    for (size_t i = 0; i < M; i++) {
      gsl_matrix_set(Zt, i, 0, gsl_matrix_get(Z, 0, 0));
      gsl_matrix_set(Zt, i, 1, gsl_matrix_get(Z, 0, 1));
    }
    mdl_net_forward(gen, Zt, Gt);
    mdl_net_forward(critic, Gt, Yt);
    double y = gsl_matrix_get(Yt, 0, 0), absval;
    gsl_vector *gw_ = gsl_vector_alloc(tg->size), *gl = gsl_vector_alloc(tg->size);
    gsl_vector *ga = gsl_vector_alloc(tg->size), *ca = gsl_vector_alloc(tc->size);
    mdl_gan_generator_gradient(gan, Zt, gw_);
    abs_gradients(gen, critic, X, Zt, &absval, ga, ca);
    const mdl_gan_loss other[2] = {MDL_GAN_MINIMAX, MDL_GAN_NONSATURATING};
    for (int o = 0; o < 2; o++) {
      mdl_gan_params q = mdl_gan_defaults(other[o]);
      q.batch = M;
      mdl_gan *g2 = mdl_gan_alloc(gen, critic, &q);
      mdl_gan_generator_gradient(g2, Zt, gl);
      double s = o == 0 ? mdl_net_sigmoid(y) : mdl_net_sigmoid(-y);
      for (size_t k = 0; k < tg->size; k++) {
        double want = s * gsl_vector_get(gw_, k);
        double tol =
            2 * gam(K) * s * gsl_vector_get(ga, k) + DBL_EPSILON * fabs(want);
        double dev = fabs(gsl_vector_get(gl, k) - want);
        if (dev > 0)
          tied = claim_fmax(tied, tol > 0 ? dev / tol : HUGE_VAL);
      }
      mdl_gan_free(g2);
    }
    gsl_vector_free(gw_);
    gsl_vector_free(gl);
    gsl_vector_free(ga);
    gsl_vector_free(ca);
    gsl_matrix_free(Zt);
    gsl_matrix_free(Yt);
    gsl_matrix_free(Gt);
#line 8255 "chapters/05-gan.nw"
    gsl_vector_free(gc);
    gsl_vector_free(gg);
    gsl_matrix_free(X);
    gsl_matrix_free(Z);
    mdl_gan_free(gan);
    mdl_net_free(gen);
    mdl_net_free(critic);
  }
  CLAIM(.id = "gan.wgan-algorithm", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst_c, .reference = 1,
        .tolerance = 0, .samples = 10, .seed = seed,
        .note = "line 5: largest |central difference - mdl_gan_critic_gradient|"
                " over its rounding bound, linear networks");
  CLAIM(.id = "gan.wgan-algorithm", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = worst_g, .reference = 1,
        .tolerance = 0, .samples = 10, .seed = seed,
        .note = "line 10: largest |central difference - generator gradient|"
                " over its rounding bound, linear networks");
  CLAIM(.id = "gan.wgan-algorithm", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = tied, .reference = 1,
        .tolerance = 0, .samples = 10, .seed = seed,
        .note = "largest |minimax or non-saturating gradient - sigma(+-y) times"
                " the Wasserstein one| at tied codes, over the rounding bound");
  gsl_rng_free(r);
}
#line 8346 "chapters/05-gan.nw"
static void test_saturated_critic(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(7453800);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  enum { M = 8 };
  const size_t gw[3] = {2, 3, 2}, cw[4] = {2, 4, 3, 1};
  const mdl_net_activation a[3] = {MDL_NET_IDENTITY, MDL_NET_IDENTITY,
                                   MDL_NET_IDENTITY};
  const mdl_gan_loss losses[3] = {MDL_GAN_WASSERSTEIN, MDL_GAN_MINIMAX,
                                  MDL_GAN_NONSATURATING};
  mdl_net *gen = mdl_net_alloc(2, gw, a), *critic = mdl_net_alloc(3, cw, a);
  gsl_vector *tg = mdl_net_params(gen), *tc = mdl_net_params(critic);
  for (size_t k = 0; k < tg->size; k++)
    gsl_vector_set(tg, k, gsl_ran_gaussian(r, 0.5));
  for (size_t k = 0; k < tc->size; k++)
    gsl_vector_set(tc, k, gsl_ran_gaussian(r, 0.5));
  gsl_matrix *Z = gsl_matrix_alloc(M, 2), *G = gsl_matrix_alloc(M, 2);
  gsl_matrix *Y = gsl_matrix_alloc(M, 1);
  double z0 = gsl_ran_gaussian(r, 1), z1 = gsl_ran_gaussian(r, 1);
  for (size_t i = 0; i < M; i++) {
    gsl_matrix_set(Z, i, 0, z0);
    gsl_matrix_set(Z, i, 1, z1);
  }
  gsl_vector *g[3];
  for (int l = 0; l < 3; l++)
    g[l] = gsl_vector_alloc(tg->size);
  size_t wrong = 0;
  double smallest = HUGE_VAL;
  gsl_vector_view b = mdl_net_bias(critic, NULL, 2);
  const double targets[2] = {800, -800};
  for (int t = 0; t < 2; t++) {
    mdl_net_forward(gen, Z, G);
    mdl_net_forward(critic, G, Y);
    gsl_vector_set(&b.vector, 0, gsl_vector_get(&b.vector, 0) + targets[t]
                                     - gsl_matrix_get(Y, 0, 0));
    mdl_net_forward(critic, G, Y);
    smallest = fmin(smallest, fabs(gsl_matrix_get(Y, 0, 0)));
    for (int l = 0; l < 3; l++) {
      mdl_gan_params p = mdl_gan_defaults(losses[l]);
      p.batch = M;
      mdl_gan *gan = mdl_gan_alloc(gen, critic, &p);
      mdl_gan_generator_gradient(gan, Z, g[l]);
      mdl_gan_free(gan);
    }
    int follows = t == 0 ? 1 : 2;
    for (size_t k = 0; k < tg->size; k++) {
      double w = gsl_vector_get(g[0], k);
      wrong += !(gsl_vector_get(g[follows], k) == w);
      wrong += !(gsl_vector_get(g[3 - follows], k) == 0);
    }
  }
  CLAIM(.id = "gan.saturation", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = smallest, .reference = 746,
        .tolerance = 0, .seed = seed,
        .note = "smallest |critic output| of the saturated critics, against"
                " the point where exp(-|y|) underflows");
  CLAIM(.id = "gan.saturation", .kind = CLAIM_IDENTITY,
        .measured = (double)wrong, .reference = 0, .tolerance = 0,
        .samples = 4 * tg->size, .seed = seed,
        .note = "generator gradient entries at critics saturated at y = +-800"
                " where minimax or non-saturating is not exactly 0 or the"
                " Wasserstein gradient");
  for (int l = 0; l < 3; l++)
    gsl_vector_free(g[l]);
  gsl_matrix_free(Z);
  gsl_matrix_free(G);
  gsl_matrix_free(Y);
  mdl_net_free(gen);
  mdl_net_free(critic);
  gsl_rng_free(r);
}
#line 8431 "chapters/05-gan.nw"
static int copy_batch(const gsl_rng *r, gsl_matrix *x, void *params)
{
  (void)r;
  gsl_matrix_memcpy(x, params);
  return GSL_SUCCESS;
}

static void test_wgan_step(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(3305177);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  mdl_net *g, *f;
  mdl_gan *gan = small_gan(MDL_GAN_ALGORITHM1, r, &g, &f);
  gsl_matrix *X = gsl_matrix_alloc(64, 2), *Z = gsl_matrix_alloc(64, 1);
  draw_line0(r, X, NULL);
  draw_uniform_codes(r, Z, NULL);
  mdl_gan_source data = {copy_batch, X}, prior = {copy_batch, Z};
  mdl_gan_clip(f, 0.01);
  gsl_vector *w0 = gsl_vector_alloc(mdl_net_nparams(f));
  gsl_vector *gw = gsl_vector_alloc(w0->size);
  gsl_vector_memcpy(w0, mdl_net_params(f));
  mdl_gan_critic_gradient(gan, X, Z, gw);
  mdl_gan_critic_step(gan, &data, &prior, r, NULL);
  const double a = 5e-5, c = 0.01;
  double dev = 0, outside = 0;
  for (size_t k = 0; k < w0->size; k++) {
    double gk = gsl_vector_get(gw, k), w = gsl_vector_get(w0, k);
    double v = 0.99 * 0 + (1 - 0.99) * (gk * gk);
    double want = fmin(c, fmax(-c, w + a * (gk / (sqrt(v) + 1e-8))));
    double got = gsl_vector_get(mdl_net_params(f), k);
    dev = claim_fmax(dev, fabs(got - want) / (4 * DBL_EPSILON * (fabs(w) + 10 * a)));
    outside = claim_fmax(outside, fabs(got) - c);
  }
  CLAIM(.id = "gan.wgan-algorithm", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = dev, .reference = 1,
        .tolerance = 0, .samples = w0->size, .seed = seed,
        .note = "lines 6-7: largest |w after one critic iteration -"
                " clip(w + alpha RMSProp)| over four roundings");
  CLAIM(.id = "gan.wgan-algorithm", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_MOST, .measured = outside, .reference = 0,
        .tolerance = 0, .samples = w0->size, .seed = seed,
        .note = "largest |w| - c after an Algorithm 1 critic iteration:"
                " clipping follows the update");
  mdl_gan_free(gan);
  mdl_net_free(g);
  mdl_net_free(f);
  gan = small_gan(MDL_GAN_RELEASED_CODE, r, &g, &f);
  mdl_gan_critic_step(gan, &data, &prior, r, NULL);
  double beyond = 0;
  gsl_vector *th = mdl_net_params(f);
  for (size_t k = 0; k < th->size; k++)
    beyond = claim_fmax(beyond, fabs(gsl_vector_get(th, k)) - c);
  CLAIM(.id = "gan.wgan-algorithm", .kind = CLAIM_BOUND,
        .relation = CLAIM_AT_LEAST, .measured = beyond, .reference = 0,
        .tolerance = 0, .samples = th->size, .seed = seed,
        .note = "largest |w| - c after a critic iteration of the released"
                " code (clip, then update): positive, the update is unclipped");
  mdl_gan_free(gan);
  mdl_net_free(g);
  mdl_net_free(f);
  gsl_vector_free(w0);
  gsl_vector_free(gw);
  gsl_matrix_free(X);
  gsl_matrix_free(Z);
  gsl_rng_free(r);
}
#line 8572 "chapters/05-gan.nw"
static double correlation(const double *x, const double *y, int n)
{
  double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
  for (int i = 0; i < n; i++) {
    mx += x[i] / n;
    my += y[i] / n;
  }
  for (int i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / sqrt(sxx * syy);
}

static void test_wgan_experiment(void **state)
{
  (void)state;
  unsigned long seed = claim_seed(7741923);
  enum { ITERS = 1500 };
  double w1[RUN_CHECKS], est[RUN_CHECKS], gs[RUN_CHECKS], ge[RUN_CHECKS];
  double gw[RUN_CHECKS], gwe[RUN_CHECKS];
  train_run(MDL_GAN_WASSERSTEIN, 0, ITERS, seed, w1, est);
  train_run(MDL_GAN_MINIMAX, 1e-3, ITERS, seed, gs, ge);
  train_run(MDL_GAN_MINIMAX, 0, ITERS, seed, gw, gwe);
  double stall = HUGE_VAL;
  for (int c = 0; c < RUN_CHECKS; c++)
    stall = fmin(stall, gs[c] / gs[0]);
  CLAIM(.id = "gan.wgan-experiment", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = w1[0], .reference = 0.5,
        .tolerance = 0, .samples = 256, .seed = seed,
        .note = "W1 between the initial generator and the target (exact):"
                " the initial samples are far from the segment");
  CLAIM(.id = "gan.wgan-experiment", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = w1[RUN_CHECKS - 1],
        .reference = w1[0] / 2, .tolerance = 0, .samples = 256, .seed = seed,
        .note = "W1 after 1500 generator iterations of Algorithm 1: below"
                " half the initial W1");
  CLAIM(.id = "gan.wgan-experiment", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST,
        .measured = correlation(w1 + 1, est + 1, RUN_CHECKS - 1),
        .reference = 0.8, .tolerance = 0, .samples = RUN_CHECKS - 1,
        .seed = seed,
        .note = "correlation of the critic's objective with the exact W1 over"
                " the checkpoints after the first");
  CLAIM(.id = "gan.wgan-experiment", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = stall, .reference = 0.75,
        .tolerance = 0, .samples = RUN_CHECKS, .seed = seed,
        .note = "smallest W1 / initial W1 of the minimax GAN with"
                " discriminator rate 1e-3: it stalls");
  CLAIM(.id = "gan.wgan-experiment", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_LEAST, .measured = ge[RUN_CHECKS - 1],
        .reference = -0.01, .tolerance = 0, .samples = 16 * 64, .seed = seed,
        .note = "the stalled GAN's discriminator value V at the end: near 0,"
                " a perfect discriminator (-log 4 would be the optimum)");
  CLAIM(.id = "gan.wgan-experiment", .kind = CLAIM_EXPERIMENT,
        .relation = CLAIM_AT_MOST, .measured = gw[RUN_CHECKS - 1] / gw[0],
        .reference = 0.6, .tolerance = 0, .samples = RUN_CHECKS, .seed = seed,
        .note = "final W1 / initial W1 of the minimax GAN with the default"
                " discriminator rate: it learns");
}
#line 8958 "chapters/05-gan.nw"
#define ERR(id, code, call, untouched_expr, what)                             \
  do {                                                                        \
    claim_expect_error();                                                     \
    int status_ = (call);                                                     \
    CLAIM(.id = (id), .kind = CLAIM_ERROR, .measured = status_,               \
          .reference = (code), .untouched = (untouched_expr),                 \
          .note = (what));                                                    \
    MSG_CHECK((id), (what));                                                  \
  } while (0)

#define ERR_NAN(id, code, call, what)                                         \
  do {                                                                        \
    claim_expect_error();                                                     \
    double value_ = (call);                                                   \
    CLAIM(.id = (id), .kind = CLAIM_ERROR, .measured = claim_last_error(),    \
          .reference = (code), .untouched = isnan(value_), .note = (what));   \
    MSG_CHECK((id), (what));                                                  \
  } while (0)

static int same_vec(const gsl_vector *v, double value)
{
  for (size_t i = 0; i < v->size; i++)
    if (gsl_vector_get(v, i) != value)
      return 0;
  return 1;
}

static int same_mat(const gsl_matrix *m, double value)
{
  for (size_t i = 0; i < m->size1; i++)
    for (size_t j = 0; j < m->size2; j++)
      if (gsl_matrix_get(m, i, j) != value)
        return 0;
  return 1;
}

static char div_first[256], div_last[256];
static int div_reports;

static void div_capture(const char *reason, const char *file, int line,
                        int gsl_errno)
{
  (void)file;
  (void)line;
  (void)gsl_errno;
  if (div_reports++ == 0)
    snprintf(div_first, sizeof div_first, "%s", reason);
  snprintf(div_last, sizeof div_last, "%s", reason);
}

static double bad_log_density(double x, void *params)
{
  (void)x;
  return *(const double *)params;
}

static double log_unit(double x, void *params)
{
  (void)params;
  return x >= 0 && x <= 1 ? 0 : GSL_NEGINF;
}

static double log_spike(double x, void *params)
{
  (void)params;
  return -1 / (x * x);
}
#line 9028 "chapters/05-gan.nw"
static void test_divergence_errors(void **state)
{
  (void)state;
  const char *id = "gan.divergence-errors";
  gsl_vector *p = gsl_vector_alloc(3), *q = gsl_vector_alloc(3);
  gsl_vector *s = gsl_vector_alloc(2), *bad = gsl_vector_alloc(3);
  gsl_vector_set_all(p, 1.0 / 4);
  gsl_vector_set(p, 2, 0.5);
  gsl_vector_set_all(q, 1.0 / 4);
  gsl_vector_set(q, 0, 0.5);
  gsl_vector_set_all(s, 0.5);
  double (*const f[3])(const gsl_vector *,
                       const gsl_vector *) = {mdl_kl, mdl_js, mdl_tv};
  const char *names[3] = {"mdl_kl", "mdl_js", "mdl_tv"};
  const double bads[4][3] = {{-0.25, 0.75, 0.5},
                             {NAN, 0.5, 0.5},
                             {HUGE_VAL, 0, 0},
                             {0.25, 0.25, 0.25}};
  const char *what[4] = {"a negative entry", "a NaN entry", "an infinite entry",
                         "entries summing to 0.75"};
  char note[160];
  for (int k = 0; k < 3; k++) {
    snprintf(note, sizeof note, "%s: p is NULL", names[k]);
    ERR_NAN(id, GSL_EFAULT, f[k](NULL, q), note);
    snprintf(note, sizeof note, "%s: q is NULL", names[k]);
    ERR_NAN(id, GSL_EFAULT, f[k](p, NULL), note);
    snprintf(note, sizeof note, "%s: lengths 3 and 2", names[k]);
    ERR_NAN(id, GSL_EBADLEN, f[k](p, s), note);
    for (int b = 0; b < 4; b++) {
      for (int i = 0; i < 3; i++)
        gsl_vector_set(bad, i, bads[b][i]);
      snprintf(note, sizeof note, "%s: %s in q", names[k], what[b]);
      ERR_NAN(id, GSL_EDOM, f[k](p, bad), note);
    }
  }
  gsl_vector_set(bad, 0, 1e-9 + 1.0 / 4);
  gsl_vector_set(bad, 1, 1.0 / 4);
  gsl_vector_set(bad, 2, 0.5);
  ERR_NAN(id, GSL_EDOM, mdl_kl(bad, q),
          "mdl_kl: p sums to 1 + 1e-9, beyond 8 n eps");
  ERR_NAN(id, GSL_EFAULT, mdl_w1_1d(NULL, q), "mdl_w1_1d: x is NULL");
  ERR_NAN(id, GSL_EFAULT, mdl_w1_1d(p, NULL), "mdl_w1_1d: y is NULL");
  gsl_vector_set(bad, 1, NAN);
  ERR_NAN(id, GSL_EDOM, mdl_w1_1d(bad, q), "mdl_w1_1d: a NaN sample");
  gsl_vector_set(bad, 1, -HUGE_VAL);
  ERR_NAN(id, GSL_EDOM, mdl_w1_1d(p, bad), "mdl_w1_1d: an infinite sample");
#line 9083 "chapters/05-gan.nw"
  gauss g0 = {0, 1};
  double nan_value = NAN, inf_value = HUGE_VAL, S = -7.125, v = S, e = S;
  mdl_density good = {log_gauss, &g0}, nofn = {NULL, NULL};
  mdl_density nan_d = {bad_log_density, &nan_value},
              inf_d = {bad_log_density, &inf_value};
  mdl_density unit = {log_unit, NULL}, spike = {log_spike, NULL};
  int (*const fd[3])(const mdl_density *, const mdl_density *, double, double,
                     double *,
                     double *) = {mdl_kl_density, mdl_js_density, mdl_tv_density};
  const char *dn[3] = {"mdl_kl_density", "mdl_js_density", "mdl_tv_density"};
  for (int k = 0; k < 3; k++) {
    snprintf(note, sizeof note, "%s: p is NULL", dn[k]);
    ERR(id, GSL_EFAULT, fd[k](NULL, &good, -5, 5, &v, &e), v == S && e == S,
        note);
    snprintf(note, sizeof note, "%s: q has no function", dn[k]);
    ERR(id, GSL_EFAULT, fd[k](&good, &nofn, -5, 5, &v, &e), v == S && e == S,
        note);
    snprintf(note, sizeof note, "%s: value is NULL", dn[k]);
    ERR(id, GSL_EFAULT, fd[k](&good, &good, -5, 5, NULL, &e), e == S, note);
    snprintf(note, sizeof note, "%s: lo > hi", dn[k]);
    ERR(id, GSL_EINVAL, fd[k](&good, &good, 5, -5, &v, &e), v == S && e == S,
        note);
    snprintf(note, sizeof note, "%s: lo is NaN", dn[k]);
    ERR(id, GSL_EINVAL, fd[k](&good, &good, NAN, 5, &v, &e), v == S && e == S,
        note);
    snprintf(note, sizeof note, "%s: hi is infinite", dn[k]);
    ERR(id, GSL_EINVAL, fd[k](&good, &good, -5, HUGE_VAL, &v, &e),
        v == S && e == S, note);
    snprintf(note, sizeof note, "%s: a log-density returns NaN", dn[k]);
    ERR(id, GSL_EBADFUNC, fd[k](&good, &nan_d, -5, 5, &v, &e), v == S && e == S,
        note);
    snprintf(note, sizeof note, "%s: a log-density returns +infinity", dn[k]);
    ERR(id, GSL_EBADFUNC, fd[k](&inf_d, &good, -5, 5, &v, &e), v == S && e == S,
        note);
  }
  ERR(id, GSL_EDIVERGE, mdl_kl_density(&unit, &spike, -1, 2, &v, &e),
      v == S && e == S,
      "mdl_kl_density: the integrator's error for the divergent integral of"
      " 1/x^2 passes through");
#line 9130 "chapters/05-gan.nw"
  {
    gsl_vector em = claim_empty_vector();
    const char *want[12][2] = {
        {"mdl_kl: p has length 3 and q 2", ""},
        {"mdl_js: q[1] = nan", ""},
        {"mdl_tv: q (length 3) sums to 1 -0.25", ""},
        {"mdl_w1_1d: x is NULL", ""},
        {"mdl_w1_1d: y is NULL", ""},
        {"mdl_w1_1d: x has 0 samples and y 3", ""},
        {"mdl_w1_1d: y[1] = -inf", ""},
        {"mdl_kl_density: q->log_density is NULL", ""},
        {"mdl_js_density: lo = 5 and hi = -5", ""},
        {"mdl_tv_density: q->log_density(", ") = nan"},
        {"mdl_js_density: p->log_density(", ") = inf"},
        {"mdl_kl_density: the integral over [-1, 2] failed", ""}};
    double found = 0;
    for (int k = 0; k < 12; k++) {
      div_reports = 0;
      div_first[0] = div_last[0] = '\0';
      gsl_error_handler_t *old = gsl_set_error_handler(div_capture);
      gsl_vector_set_all(bad, 0.25);
      switch (k) {
      case 0: mdl_kl(p, s); break;
      case 1: gsl_vector_set(bad, 1, NAN); mdl_js(p, bad); break;
      case 2: mdl_tv(p, bad); break;
      case 3: mdl_w1_1d(NULL, q); break;
      case 4: mdl_w1_1d(p, NULL); break;
      case 5: mdl_w1_1d(&em, q); break;
      case 6: gsl_vector_set(bad, 1, -HUGE_VAL); mdl_w1_1d(p, bad); break;
      case 7: mdl_kl_density(&good, &nofn, -5, 5, &v, &e); break;
      case 8: mdl_js_density(&good, &good, 5, -5, &v, &e); break;
      case 9: mdl_tv_density(&good, &nan_d, -5, 5, &v, &e); break;
      case 10: mdl_js_density(&inf_d, &good, -5, 5, &v, &e); break;
      default: mdl_kl_density(&unit, &spike, -1, 2, &v, &e); break;
      }
      gsl_set_error_handler(old);
      const char *got = div_first;
      int ok = div_reports == 1 && strstr(got, want[k][0]) == got
               && strstr(got, want[k][1]) != NULL;
      found += ok;
      if (!ok)
        print_message("message %d: %d reports, \"%s\"\n", k, div_reports, got);
    }
    CLAIM(.id = id, .kind = CLAIM_IDENTITY, .measured = found, .reference = 12,
          .tolerance = 0,
          .note = "messages of mdl_kl, mdl_js, mdl_tv, mdl_w1_1d and the density"
                  " divergences that start with the function's name and name the"
                  " argument and its value");
  }
#line 9075 "chapters/05-gan.nw"
    gsl_vector_free(p);
    gsl_vector_free(q);
    gsl_vector_free(s);
    gsl_vector_free(bad);
  }
#line 9186 "chapters/05-gan.nw"
  static void test_ot_errors(void **state)
  {
    (void)state;
    const char *id = "gan.ot-errors";
    const double S = -7.125;
    gsl_vector *a = gsl_vector_alloc(2), *b = gsl_vector_alloc(3);
    gsl_vector *u = gsl_vector_alloc(2), *v = gsl_vector_alloc(3);
    gsl_vector *u3 = gsl_vector_alloc(3), *bad = gsl_vector_alloc(3);
    gsl_matrix *C = gsl_matrix_alloc(2, 3), *P = gsl_matrix_alloc(2, 3);
    gsl_matrix *Ct = gsl_matrix_alloc(3, 2), *badC = gsl_matrix_alloc(2, 3);
    gsl_vector_set(a, 0, 0.3);
    gsl_vector_set(a, 1, 0.7);
    gsl_vector_set_all(b, 1.0 / 3);
    for (size_t i = 0; i < 2; i++)
      for (size_t j = 0; j < 3; j++)
        gsl_matrix_set(C, i, j, fabs((double)i - 0.4 * j) + 0.1 * j);
    gsl_matrix_set_all(P, S);
    gsl_matrix_set_all(Ct, S);
    gsl_vector_set_all(u, S);
    gsl_vector_set_all(v, S);
    double val = S;
    size_t piv = 17;
  #define OT_UNTOUCHED                                                           \
    same_mat(P, S) && same_vec(u, S) && same_vec(v, S) && val == S
    ERR(id, GSL_EFAULT, mdl_ot_solve(NULL, b, C, P, u, v, &val), OT_UNTOUCHED,
        "mdl_ot_solve: a is NULL");
    ERR(id, GSL_EFAULT, mdl_ot_solve(a, NULL, C, P, u, v, &val), OT_UNTOUCHED,
        "mdl_ot_solve: b is NULL");
    WANT("cost is NULL");
    ERR(id, GSL_EFAULT, mdl_ot_solve(a, b, NULL, P, u, v, &val), OT_UNTOUCHED,
        "mdl_ot_solve: cost is NULL");
    WANT("a has 2 atoms and b 3, cost is 3 x 2");
    ERR(id, GSL_EBADLEN, mdl_ot_solve(a, b, Ct, P, u, v, &val), OT_UNTOUCHED,
        "mdl_ot_solve: cost transposed");
    WANT("plan is 3 x 2, expected 2 x 3");
    ERR(id, GSL_EBADLEN, mdl_ot_solve(a, b, C, Ct, u, v, &val),
        same_vec(u, S) && same_vec(v, S) && val == S,
        "mdl_ot_solve: plan transposed");
    WANT("u has length 3");
    ERR(id, GSL_EBADLEN, mdl_ot_solve(a, b, C, P, u3, v, &val),
        same_mat(P, S) && same_vec(v, S) && val == S,
        "mdl_ot_solve: u of length n");
    ERR(id, GSL_EBADLEN, mdl_ot_solve(a, b, C, P, u, u, &val),
        same_mat(P, S) && val == S, "mdl_ot_solve: v of length m");
    const double bads[3] = {-0.1, NAN, HUGE_VAL};
    const char *bn[3] = {"mdl_ot_solve: a negative mass",
                         "mdl_ot_solve: a NaN mass",
                         "mdl_ot_solve: an infinite mass"};
    for (int k = 0; k < 3; k++) {
      gsl_vector_set_all(bad, 1.0 / 3);
      gsl_vector_set(bad, 1, bads[k]);
      ERR(id, GSL_EDOM, mdl_ot_solve(a, bad, C, P, u, v, &val), OT_UNTOUCHED,
          bn[k]);
    }
    gsl_vector_set_all(bad, 0.34);
    WANT("are 1 and 1.02");
    ERR(id, GSL_EDOM, mdl_ot_solve(a, bad, C, P, u, v, &val), OT_UNTOUCHED,
        "mdl_ot_solve: total masses 1 and 1.02");
    gsl_matrix_memcpy(badC, C);
    gsl_matrix_set(badC, 1, 2, NAN);
    WANT("cost[1][2] = nan");
    ERR(id, GSL_EDOM, mdl_ot_solve(a, b, badC, P, u, v, &val), OT_UNTOUCHED,
        "mdl_ot_solve: a NaN cost");
    gsl_matrix_set(badC, 1, 2, -HUGE_VAL);
    ERR(id, GSL_EDOM, mdl_ot_solve(a, b, badC, P, u, v, &val), OT_UNTOUCHED,
        "mdl_ot_solve: an infinite cost");
    WANT("limit of 1 was");
    ERR(id, GSL_EMAXITER, mdl_ot_simplex(a, b, C, 1, P, u, v, &val, &piv),
        OT_UNTOUCHED && piv == 17,
        "mdl_ot_simplex: a limit of 1 pivot for a problem that needs more");
    gsl_matrix *x = gsl_matrix_alloc(2, 2), *y = gsl_matrix_alloc(3, 2);
    gsl_matrix *y3 = gsl_matrix_alloc(3, 3), *D = gsl_matrix_alloc(2, 3);
    gsl_matrix_set_all(x, 0.5);
    gsl_matrix_set_all(y, 0.25);
    gsl_matrix_set_all(y3, 0.25);
    gsl_matrix_set_all(D, S);
    ERR(id, GSL_EFAULT, mdl_ot_distances(NULL, y, D), same_mat(D, S),
        "mdl_ot_distances: x is NULL");
    ERR(id, GSL_EFAULT, mdl_ot_distances(x, y, NULL), 1,
        "mdl_ot_distances: cost is NULL");
    WANT("x is 2 x 2, y 3 x 3");
    ERR(id, GSL_EBADLEN, mdl_ot_distances(x, y3, D), same_mat(D, S),
        "mdl_ot_distances: dimensions 2 and 3");
    ERR(id, GSL_EBADLEN, mdl_ot_distances(x, y, Ct), same_mat(Ct, S),
        "mdl_ot_distances: cost transposed");
    gsl_matrix_set(y, 2, 1, NAN);
    WANT("y[2][1] = nan");
    ERR(id, GSL_EDOM, mdl_ot_distances(x, y, D), same_mat(D, S),
        "mdl_ot_distances: a NaN coordinate");
    WANT("y[2][1] = nan");
    ERR_NAN(id, GSL_EDOM, mdl_ot_w1(x, y), "mdl_ot_w1: a NaN coordinate");
    ERR_NAN(id, GSL_EFAULT, mdl_ot_w1(NULL, y), "mdl_ot_w1: x is NULL");
    WANT("x is 2 x 2 and y 3 x 3");
    ERR_NAN(id, GSL_EBADLEN, mdl_ot_w1(x, y3), "mdl_ot_w1: dimensions 2 and 3");
  #undef OT_UNTOUCHED
    gsl_vector_free(a);
    gsl_vector_free(b);
    gsl_vector_free(u);
    gsl_vector_free(v);
    gsl_vector_free(u3);
    gsl_vector_free(bad);
    gsl_matrix_free(C);
    gsl_matrix_free(P);
    gsl_matrix_free(Ct);
    gsl_matrix_free(badC);
    gsl_matrix_free(x);
    gsl_matrix_free(y);
    gsl_matrix_free(y3);
    gsl_matrix_free(D);
  }
#line 9306 "chapters/05-gan.nw"
  static int failing_source(const gsl_rng *r, gsl_matrix *x, void *params)
  {
    (void)r;
    (void)x;
    (void)params;
    return GSL_EFAILED;
  }

  static int nan_source(const gsl_rng *r, gsl_matrix *x, void *params)
  {
    (void)params;
    draw_uniform_codes(r, x, NULL);
    gsl_matrix_set(x, x->size1 - 1, 0, NAN);
    return GSL_SUCCESS;
  }

  static double nan_logit(double x, void *params)
  {
    (void)x;
    (void)params;
    return NAN;
  }

  static int params_unchanged(mdl_net *g, mdl_net *f, const gsl_vector *g0,
                              const gsl_vector *f0)
  {
    return gsl_vector_equal(mdl_net_params(g), g0)
           && gsl_vector_equal(mdl_net_params(f), f0);
  }

  static char gan_reason[256];
  static int gan_reports;

  static void gan_capture(const char *reason, const char *file, int line,
                          int gsl_errno)
  {
    (void)file;
    (void)line;
    (void)gsl_errno;
    if (gan_reports++ == 0)
      snprintf(gan_reason, sizeof gan_reason, "%s", reason);
  }

  static void test_gan_errors(void **state)
  {
    (void)state;
    const char *id = "gan.gan-errors";
    const double S = -7.125;
#line 9363 "chapters/05-gan.nw"
    gsl_vector *p = gsl_vector_alloc(3), *q = gsl_vector_alloc(3);
    gsl_vector *l = gsl_vector_alloc(3), *l2 = gsl_vector_alloc(2);
    gsl_vector_set_all(p, 0.25);
    gsl_vector_set(p, 2, 0.5);
    gsl_vector_set_all(q, 0.25);
    gsl_vector_set(q, 0, 0.5);
    gsl_vector_set_all(l, 0.3);
    ERR_NAN(id, GSL_EFAULT, mdl_gan_value(NULL, q, l),
            "mdl_gan_value: p_r is NULL");
    ERR_NAN(id, GSL_EFAULT, mdl_gan_value(p, q, NULL),
            "mdl_gan_value: logit is NULL");
    WANT("p_r has length 3, p_g 3 and logit 2");
    ERR_NAN(id, GSL_EBADLEN, mdl_gan_value(p, q, l2),
            "mdl_gan_value: logit of length 2");
    gsl_vector_set(q, 1, 0.3);
    ERR_NAN(id, GSL_EDOM, mdl_gan_value(p, q, l),
            "mdl_gan_value: p_g sums to 1.05");
    gsl_vector_set(q, 1, 0.25);
    gsl_vector_set(l, 1, NAN);
    WANT("logit[1] = nan");
    ERR_NAN(id, GSL_EDOM, mdl_gan_value(p, q, l), "mdl_gan_value: a NaN logit");
    gsl_vector_set(l, 1, 0.3);
    gsl_vector_set(l, 0, NAN);
    ERR_NAN(id, GSL_EDOM, mdl_gan_value(p, q, l),
            "mdl_gan_value: a NaN in the first logit");
    gsl_vector_set_all(l, S);
    ERR(id, GSL_EFAULT, mdl_gan_optimal_logit(p, NULL, l), same_vec(l, S),
        "mdl_gan_optimal_logit: p_g is NULL");
    ERR(id, GSL_EBADLEN, mdl_gan_optimal_logit(p, q, l2), 1,
        "mdl_gan_optimal_logit: logit of length 2");
    gsl_vector_set(p, 0, -0.25);
    WANT("p_r[0] = -0.25");
    ERR(id, GSL_EDOM, mdl_gan_optimal_logit(p, q, l), same_vec(l, S),
        "mdl_gan_optimal_logit: a negative entry of p_r");
    gsl_vector_set(p, 0, 0.25);
    gauss n0 = {0, 1}, n1 = {1, 1};
    mdl_density dr = {log_gauss, &n0}, dg = {log_gauss, &n1};
    gsl_function lf = {nan_logit, NULL}, nofn = {NULL, NULL};
    double v = S, e = S;
    ERR(id, GSL_EFAULT, mdl_gan_value_density(&dr, &dg, NULL, -5, 5, &v, &e),
        v == S && e == S, "mdl_gan_value_density: logit is NULL");
    WANT("logit->function is NULL");
    ERR(id, GSL_EFAULT, mdl_gan_value_density(&dr, &dg, &nofn, -5, 5, &v, &e),
        v == S && e == S, "mdl_gan_value_density: logit has no function");
    WANT("[lo, hi] = [1, 1]");
    ERR(id, GSL_EINVAL, mdl_gan_value_density(&dr, &dg, &lf, 1, 1, &v, &e),
        v == S && e == S, "mdl_gan_value_density: lo = hi");
    ERR(id, GSL_EBADFUNC, mdl_gan_value_density(&dr, &dg, &lf, -5, 5, &v, &e),
        v == S && e == S, "mdl_gan_value_density: the logit returns NaN");
    gsl_vector_free(p);
    gsl_vector_free(q);
    gsl_vector_free(l);
    gsl_vector_free(l2);
#line 9355 "chapters/05-gan.nw"
#line 9419 "chapters/05-gan.nw"
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    const size_t gw[3] = {1, 4, 2}, cw[3] = {2, 4, 1}, c3[3] = {3, 4, 1};
    const size_t c2out[3] = {2, 4, 2};
    const mdl_net_activation ra[2] = {MDL_NET_RELU, MDL_NET_IDENTITY};
    mdl_net *gen = mdl_net_alloc(2, gw, ra), *critic = mdl_net_alloc(2, cw, ra);
    mdl_net *wide = mdl_net_alloc(2, c3, ra), *two = mdl_net_alloc(2, c2out, ra);
    mdl_net_init(gen, r);
    mdl_net_init(critic, r);
    mdl_gan_params par = mdl_gan_defaults(MDL_GAN_WASSERSTEIN);
    claim_expect_error();
    mdl_gan *none = mdl_gan_alloc(NULL, critic, &par);
    CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
          .reference = GSL_EFAULT, .untouched = none == NULL,
          .note = "mdl_gan_alloc: generator is NULL, returns NULL");
    claim_expect_error();
    none = mdl_gan_alloc(gen, wide, &par);
    CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
          .reference = GSL_EBADLEN, .untouched = none == NULL,
          .note = "mdl_gan_alloc: the critic's input width is not the generator's"
                  " output width");
    claim_expect_error();
    none = mdl_gan_alloc(gen, two, &par);
    CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
          .reference = GSL_EBADLEN, .untouched = none == NULL,
          .note = "mdl_gan_alloc: a critic with two outputs");
    mdl_gan_params bads[8];
    const char *bn[8] = {"lr = 0", "lr NaN", "lr_critic < 0", "clip < 0",
                         "batch 0", "n_critic 0", "loss 7", "schedule 3"};
    for (int k = 0; k < 8; k++)
      bads[k] = par;
    bads[0].lr = 0;
    bads[1].lr = NAN;
    bads[2].lr_critic = -1e-3;
    bads[3].clip = -0.01;
    bads[4].batch = 0;
    bads[5].n_critic = 0;
    bads[6].loss = (mdl_gan_loss)7;
    bads[7].schedule = (mdl_gan_schedule)3;
    for (int k = 0; k < 8; k++) {
      char note[120];
      snprintf(note, sizeof note, "mdl_gan_alloc: %s, returns NULL", bn[k]);
      claim_expect_error();
      none = mdl_gan_alloc(gen, critic, &bads[k]);
      CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
            .reference = GSL_EINVAL, .untouched = none == NULL, .note = note);
    }
    mdl_gan_free(NULL);
#line 9356 "chapters/05-gan.nw"
#line 9472 "chapters/05-gan.nw"
    {
      const char *want[3] = {"mdl_gan_alloc: generator is NULL",
                             "mdl_gan_alloc: critic is NULL",
                             "mdl_histogram: x is NULL"};
      gsl_vector *hp = gsl_vector_alloc(4);
      double found = 0;
      for (int k = 0; k < 3; k++) {
        gan_reports = 0;
        gan_reason[0] = '\0';
        gsl_error_handler_t *old = gsl_set_error_handler(gan_capture);
        int failed = k == 0   ? mdl_gan_alloc(NULL, critic, &par) == NULL
                     : k == 1 ? mdl_gan_alloc(gen, NULL, &par) == NULL
                              : mdl_histogram(NULL, 0, 1, hp) == GSL_EFAULT;
        gsl_set_error_handler(old);
        int ok = failed && gan_reports == 1 && strstr(gan_reason, want[k]) != NULL;
        found += ok;
        if (!ok)
          print_message("call %d: %d reports, the first \"%s\"\n", k,
                        gan_reports, gan_reason);
      }
      gsl_vector_free(hp);
      CLAIM(.id = id, .kind = CLAIM_IDENTITY, .measured = found, .reference = 3,
            .tolerance = 0,
            .note = "mdl_gan_alloc (generator NULL, critic NULL), mdl_histogram "
                    "(x NULL): one report each, naming the NULL argument");
    }
#line 9357 "chapters/05-gan.nw"
#line 9501 "chapters/05-gan.nw"
    mdl_gan *gan = mdl_gan_alloc(gen, critic, &par);
    gsl_vector *g0 = gsl_vector_alloc(mdl_net_nparams(gen));
    gsl_vector *f0 = gsl_vector_alloc(mdl_net_nparams(critic));
    gsl_vector_memcpy(g0, mdl_net_params(gen));
    gsl_vector_memcpy(f0, mdl_net_params(critic));
    mdl_gan_source data = {draw_line0, NULL}, prior = {draw_uniform_codes, NULL};
    mdl_gan_source fail = {failing_source, NULL}, nans = {nan_source, NULL};
    mdl_gan_source nofs = {NULL, NULL};
    double J = S;
    #define UNCHANGED params_unchanged(gen, critic, g0, f0)
    ERR(id, GSL_EFAULT, mdl_gan_critic_step(NULL, &data, &prior, r, &J),
        UNCHANGED &&J == S, "mdl_gan_critic_step: gan is NULL");
    ERR(id, GSL_EFAULT, mdl_gan_critic_step(gan, &nofs, &prior, r, &J),
        UNCHANGED &&J == S, "mdl_gan_critic_step: the data source has no function");
    ERR(id, GSL_EFAULT, mdl_gan_critic_step(gan, &data, &prior, NULL, &J),
        UNCHANGED &&J == S, "mdl_gan_critic_step: r is NULL");
    WANT("the data source failed");
    ERR(id, GSL_EBADFUNC, mdl_gan_critic_step(gan, &fail, &prior, r, &J),
        UNCHANGED &&J == S, "mdl_gan_critic_step: the data source fails");
    ERR(id, GSL_EBADFUNC, mdl_gan_critic_step(gan, &data, &nans, r, &J),
        UNCHANGED &&J == S, "mdl_gan_critic_step: the prior returns NaN");
    ERR(id, GSL_EFAULT, mdl_gan_generator_step(gan, NULL, r), UNCHANGED,
        "mdl_gan_generator_step: prior is NULL");
    ERR(id, GSL_EBADFUNC, mdl_gan_generator_step(gan, &fail, r), UNCHANGED,
        "mdl_gan_generator_step: the prior fails");
    ERR(id, GSL_EFAULT, mdl_gan_iterate(NULL, &data, &prior, r, &J),
        UNCHANGED &&J == S, "mdl_gan_iterate: gan is NULL");
    ERR(id, GSL_EBADFUNC, mdl_gan_iterate(gan, &fail, &prior, r, &J),
        UNCHANGED &&J == S, "mdl_gan_iterate: the data source fails");
    claim_expect_error();
    size_t count = mdl_gan_critic_iterations(NULL, 3);
    CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
          .reference = GSL_EFAULT, .untouched = count == 0,
          .note = "mdl_gan_critic_iterations: gan is NULL, returns 0");
    WANT("gan is NULL");
    MSG_CHECK(id, "mdl_gan_critic_iterations: gan is NULL, returns 0");
    claim_expect_error();
    count = mdl_gan_counts(NULL, NULL);
    CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
          .reference = GSL_EFAULT, .untouched = count == 0,
          .note = "mdl_gan_counts: gan is NULL, returns 0");
    WANT("gan is NULL");
    MSG_CHECK(id, "mdl_gan_counts: gan is NULL, returns 0");
    gsl_matrix *X = gsl_matrix_alloc(64, 2), *Z = gsl_matrix_alloc(64, 1);
    gsl_matrix *Z2 = gsl_matrix_alloc(64, 2), *X3 = gsl_matrix_alloc(32, 2);
    gsl_matrix_set_all(X, 0.5);
    gsl_matrix_set_all(Z, 0.5);
    gsl_matrix_set_all(Z2, 0.5);
    gsl_matrix_set_all(X3, 0.5);
    gsl_vector *gg = gsl_vector_alloc(g0->size), *gc = gsl_vector_alloc(f0->size);
    gsl_vector *gbad = gsl_vector_alloc(3);
    gsl_vector_set_all(gg, S);
    gsl_vector_set_all(gc, S);
    gsl_vector_set_all(gbad, S);
    ERR(id, GSL_EFAULT, mdl_gan_objective(gan, X, Z, NULL), UNCHANGED,
        "mdl_gan_objective: value is NULL");
    ERR(id, GSL_EBADLEN, mdl_gan_objective(gan, X, Z2, &J), UNCHANGED &&J == S,
        "mdl_gan_objective: codes of dimension 2");
    ERR(id, GSL_EFAULT, mdl_gan_critic_gradient(gan, NULL, Z, gc),
        UNCHANGED &&same_vec(gc, S), "mdl_gan_critic_gradient: X is NULL");
    WANT("grad of length 3");
    ERR(id, GSL_EBADLEN, mdl_gan_critic_gradient(gan, X, Z, gbad),
        UNCHANGED &&same_vec(gbad, S), "mdl_gan_critic_gradient: grad of length 3");
    ERR(id, GSL_EFAULT, mdl_gan_generator_gradient(gan, Z, NULL), UNCHANGED,
        "mdl_gan_generator_gradient: grad is NULL");
    ERR(id, GSL_EBADLEN, mdl_gan_generator_gradient(gan, Z2, gg),
        UNCHANGED &&same_vec(gg, S),
        "mdl_gan_generator_gradient: codes of dimension 2");
    ERR(id, GSL_EBADLEN, mdl_gan_generator_gradient(gan, Z, gbad),
        UNCHANGED &&same_vec(gbad, S),
        "mdl_gan_generator_gradient: grad of length 3");
    gsl_matrix_view Zr = gsl_matrix_submatrix(Z, 0, 0, 32, 1);
    ERR(id, GSL_EBADLEN, mdl_gan_generator_gradient(gan, &Zr.matrix, gg),
        UNCHANGED &&same_vec(gg, S),
        "mdl_gan_generator_gradient: 32 codes for a batch of 64");
    gan_reports = 0;
    gan_reason[0] = '\0';
    gsl_error_handler_t *old_handler = gsl_set_error_handler(gan_capture);
    int zr_status = mdl_gan_generator_gradient(gan, &Zr.matrix, gg);
    gsl_set_error_handler(old_handler);
    CLAIM(.id = id, .kind = CLAIM_IDENTITY,
          .measured = zr_status == GSL_EBADLEN && gan_reports == 1
                      && strstr(gan_reason, "Z must be m by the code dimension"),
          .reference = 1, .tolerance = 0,
          .note = "mdl_gan_generator_gradient: 32 codes for a batch of 64, one"
                  " report, its own");
    #undef UNCHANGED
    mdl_gan_free(gan);
    gsl_matrix_free(X);
    gsl_matrix_free(Z);
    gsl_matrix_free(Z2);
    gsl_matrix_free(X3);
    gsl_vector_free(gg);
    gsl_vector_free(gc);
    gsl_vector_free(gbad);
#line 9358 "chapters/05-gan.nw"
#line 9599 "chapters/05-gan.nw"
    ERR(id, GSL_EFAULT, mdl_gan_clip(NULL, 0.01), 1, "mdl_gan_clip: net is NULL");
    WANT("c = 0");
    ERR(id, GSL_EINVAL, mdl_gan_clip(critic, 0),
        gsl_vector_equal(mdl_net_params(critic), f0), "mdl_gan_clip: c = 0");
    ERR(id, GSL_EINVAL, mdl_gan_clip(critic, NAN),
        gsl_vector_equal(mdl_net_params(critic), f0), "mdl_gan_clip: c is NaN");
    ERR_NAN(id, GSL_EFAULT, mdl_gan_lipschitz_bound(NULL),
            "mdl_gan_lipschitz_bound: net is NULL");
    gsl_matrix *Xi = gsl_matrix_alloc(5, 2), *dXi = gsl_matrix_alloc(5, 2);
    gsl_matrix *dX3 = gsl_matrix_alloc(5, 3);
    gsl_matrix_set_all(Xi, 0.25);
    gsl_matrix_set_all(dXi, S);
    gsl_matrix_set_all(dX3, S);
    ERR(id, GSL_EFAULT, mdl_gan_input_gradient(critic, Xi, NULL), 1,
        "mdl_gan_input_gradient: dX is NULL");
    WANT("dX 5 x 3");
    ERR(id, GSL_EBADLEN, mdl_gan_input_gradient(critic, Xi, dX3), same_mat(dX3, S),
        "mdl_gan_input_gradient: dX is 5 by 3");
    ERR(id, GSL_EBADLEN, mdl_gan_input_gradient(two, Xi, dXi), same_mat(dXi, S),
        "mdl_gan_input_gradient: a network with two outputs");
    const size_t sw[3] = {2, 1, 1};
    const mdl_net_activation sa[2] = {MDL_NET_STEP, MDL_NET_IDENTITY};
    mdl_net *step = mdl_net_alloc(2, sw, sa);
    ERR(id, GSL_EINVAL, mdl_gan_input_gradient(step, Xi, dXi), same_mat(dXi, S),
        "mdl_gan_input_gradient: a step network has no gradient");
    mdl_net_free(step);
    gsl_matrix_free(Xi);
    gsl_matrix_free(dXi);
    gsl_matrix_free(dX3);
    gsl_vector_free(g0);
    gsl_vector_free(f0);
    mdl_net_free(gen);
    mdl_net_free(critic);
    mdl_net_free(wide);
    mdl_net_free(two);
    gsl_rng_free(r);
#line 9359 "chapters/05-gan.nw"
  }
#line 9652 "chapters/05-gan.nw"
  static void test_gan_bad_input(void **state)
  {
    (void)state;
    const double S = -7.125;
    gsl_vector e = claim_empty_vector();
    gsl_matrix E = claim_empty_matrix(0, 2), E0 = claim_empty_matrix(0, 0);
    const char *id = "gan.divergence-errors";
    ERR_NAN(id, GSL_EBADLEN, mdl_w1_1d(&e, &e),
            "mdl_w1_1d: two empty samples");
    ERR_NAN(id, GSL_EBADLEN, mdl_kl(&e, &e),
            "mdl_kl: two empty vectors");
    ERR_NAN(id, GSL_EBADLEN, mdl_js(&e, &e),
            "mdl_js: two empty vectors");
    ERR_NAN(id, GSL_EBADLEN, mdl_tv(&e, &e),
            "mdl_tv: two empty vectors");
    double v = S, u = S;
    size_t piv = 99;
    id = "gan.ot-errors";
    ERR(id, GSL_EBADLEN, mdl_ot_solve(&e, &e, &E0, NULL, NULL, NULL, &v),
        v == S, "mdl_ot_solve: two empty measures");
    ERR(id, GSL_EBADLEN,
        mdl_ot_simplex(&e, &e, &E0, 0, NULL, NULL, NULL, &v, &piv),
        v == S && piv == 99, "mdl_ot_simplex: two empty measures");
    ERR(id, GSL_EBADLEN, mdl_ot_distances(&E, &E, &E0), 1,
        "mdl_ot_distances: no points");
    ERR_NAN(id, GSL_EBADLEN, mdl_ot_w1(&E, &E), "mdl_ot_w1: no points");
    id = "gan.gan-errors";
    claim_expect_error();
    mdl_gan_params zero = mdl_gan_defaults((mdl_gan_loss)7);
    CLAIM(.id = id, .kind = CLAIM_ERROR, .measured = claim_last_error(),
          .reference = GSL_EINVAL, .untouched = zero.lr == 0 && zero.batch == 0,
          .note = "mdl_gan_defaults: loss 7, returns zeros");
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    const size_t gw[3] = {1, 4, 2}, cw[3] = {2, 4, 1};
    const mdl_net_activation ra[2] = {MDL_NET_RELU, MDL_NET_IDENTITY};
    mdl_net *gen = mdl_net_alloc(2, gw, ra), *critic = mdl_net_alloc(2, cw, ra);
    mdl_net_init(gen, r);
    mdl_net_init(critic, r);
    mdl_gan_params par = mdl_gan_defaults(MDL_GAN_WASSERSTEIN);
    mdl_gan *gan = mdl_gan_alloc(gen, critic, &par);
    gsl_vector *g0 = gsl_vector_alloc(mdl_net_nparams(gen));
    gsl_vector *f0 = gsl_vector_alloc(mdl_net_nparams(critic));
    gsl_vector_memcpy(g0, mdl_net_params(gen));
    gsl_vector_memcpy(f0, mdl_net_params(critic));
    gsl_matrix *X = gsl_matrix_alloc(par.batch, 2), *Z = gsl_matrix_alloc(par.batch, 1);
    gsl_matrix *dX = gsl_matrix_alloc(par.batch, 2);
    gsl_vector *gg = gsl_vector_alloc(g0->size), *gc = gsl_vector_alloc(f0->size);
    gsl_matrix_set_all(X, 0.5);
    gsl_matrix_set_all(Z, 0.5);
    gsl_matrix_set_all(dX, S);
    gsl_vector_set_all(gg, S);
    gsl_vector_set_all(gc, S);
    gsl_matrix_set(X, 7, 1, NAN);
    gsl_matrix_set(Z, 3, 0, HUGE_VAL);
  #define UNCHANGED params_unchanged(gen, critic, g0, f0)
    double J = S;
    WANT("X[7][1] = nan");
    ERR(id, GSL_EDOM, mdl_gan_objective(gan, X, Z, &J), UNCHANGED && J == S,
        "mdl_gan_objective: X[7][1] and Z[3][0] not finite");
    ERR(id, GSL_EDOM, mdl_gan_critic_gradient(gan, X, Z, gc),
        UNCHANGED && same_vec(gc, S), "mdl_gan_critic_gradient: X[7][1] is NaN");
    WANT("Z[3][0] = inf");
    ERR(id, GSL_EDOM, mdl_gan_generator_gradient(gan, Z, gg),
        UNCHANGED && same_vec(gg, S), "mdl_gan_generator_gradient: Z[3][0] is inf");
    WANT("X[7][1] = nan");
    ERR(id, GSL_EDOM, mdl_gan_input_gradient(critic, X, dX),
        UNCHANGED && same_mat(dX, S), "mdl_gan_input_gradient: X[7][1] is NaN");
    mdl_gan_source data = {draw_line0, NULL}, prior = {draw_uniform_codes, NULL};
    mdl_gan_source nans = {nan_source, NULL};
    WANT("data source returned x[63][0] = nan");
    ERR(id, GSL_EBADFUNC, mdl_gan_critic_step(gan, &nans, &prior, r, &J),
        UNCHANGED && J == S, "mdl_gan_critic_step: the data source returns NaN");
    WANT("prior source returned x[63][0] = nan");
    ERR(id, GSL_EBADFUNC, mdl_gan_generator_step(gan, &nans, r), UNCHANGED,
        "mdl_gan_generator_step: the prior returns NaN");
    WANT("prior source returned x[63][0] = nan");
    ERR(id, GSL_EBADFUNC, mdl_gan_iterate(gan, &data, &nans, r, &J),
        UNCHANGED && J == S, "mdl_gan_iterate: the prior returns NaN");
    ERR(id, GSL_EINVAL, mdl_gan_clip(critic, HUGE_VAL), UNCHANGED,
        "mdl_gan_clip: c = inf");
    gsl_vector_set(mdl_net_params(critic), 0, NAN);
    WANT("W_1[0][0] = nan");
    ERR_NAN(id, GSL_EDOM, mdl_gan_lipschitz_bound(critic),
            "mdl_gan_lipschitz_bound: a NaN weight");
    ERR(id, GSL_EDOM, mdl_gan_clip(critic, 0.01),
        isnan(gsl_vector_get(mdl_net_params(critic), 0))
        && gsl_vector_get(mdl_net_params(critic), 1) == gsl_vector_get(f0, 1),
        "mdl_gan_clip: a NaN weight is not clipped to -c");
  #undef UNCHANGED
    (void)u;
    mdl_gan_free(NULL);
    CLAIM(.id = id, .kind = CLAIM_IDENTITY, .measured = 1, .reference = 1,
          .tolerance = 0, .note = "mdl_gan_free: NULL does nothing");
    mdl_gan_free(gan);
    mdl_net_free(gen);
    mdl_net_free(critic);
    gsl_matrix_free(X);
    gsl_matrix_free(Z);
    gsl_matrix_free(dX);
    gsl_vector_free(gg);
    gsl_vector_free(gc);
    gsl_vector_free(g0);
    gsl_vector_free(f0);
    gsl_rng_free(r);
  }

#line 1369 "chapters/05-gan.nw"
  int main(void)
  {
    const struct CMUnitTest tests[] = {
#line 848 "chapters/05-gan.nw"
      cmocka_unit_test(test_divergence_log),
#line 1494 "chapters/05-gan.nw"
      cmocka_unit_test(test_tv_events),
#line 1622 "chapters/05-gan.nw"
      cmocka_unit_test(test_divergence_inequalities),
#line 1794 "chapters/05-gan.nw"
      cmocka_unit_test(test_divergence_accuracy),
      cmocka_unit_test(test_divergence_long),
#line 1976 "chapters/05-gan.nw"
      cmocka_unit_test(test_divergence_support),
#line 2071 "chapters/05-gan.nw"
      cmocka_unit_test(test_w1_line),
#line 2158 "chapters/05-gan.nw"
      cmocka_unit_test(test_density_divergences),
#line 2208 "chapters/05-gan.nw"
      cmocka_unit_test(test_nested_uniforms),
#line 3337 "chapters/05-gan.nw"
      cmocka_unit_test(test_ot_certificate),
#line 3442 "chapters/05-gan.nw"
      cmocka_unit_test(test_ot_brute_force),
#line 3531 "chapters/05-gan.nw"
      cmocka_unit_test(test_ot_scaling),
#line 3594 "chapters/05-gan.nw"
      cmocka_unit_test(test_ot_speed),
#line 3939 "chapters/05-gan.nw"
      cmocka_unit_test(test_parallel_lines),
#line 4063 "chapters/05-gan.nw"
      cmocka_unit_test(test_lines_samples),
#line 4117 "chapters/05-gan.nw"
      cmocka_unit_test(test_continuity),
#line 4223 "chapters/05-gan.nw"
      cmocka_unit_test(test_topologies),
#line 4292 "chapters/05-gan.nw"
      cmocka_unit_test(test_topologies_witness),
#line 4737 "chapters/05-gan.nw"
      cmocka_unit_test(test_kr_finite),
#line 4803 "chapters/05-gan.nw"
      cmocka_unit_test(test_kr_line),
#line 5381 "chapters/05-gan.nw"
      cmocka_unit_test(test_optimal_discriminator),
#line 5489 "chapters/05-gan.nw"
      cmocka_unit_test(test_mle_kl),
#line 5648 "chapters/05-gan.nw"
      cmocka_unit_test(test_fits),
#line 7107 "chapters/05-gan.nw"
      cmocka_unit_test(test_two_samples),
#line 7482 "chapters/05-gan.nw"
      cmocka_unit_test(test_lipschitz),
#line 7674 "chapters/05-gan.nw"
      cmocka_unit_test(test_wgan_gradient),
#line 7812 "chapters/05-gan.nw"
      cmocka_unit_test(test_saturation),
#line 8111 "chapters/05-gan.nw"
      cmocka_unit_test(test_wgan_schedule),
#line 8329 "chapters/05-gan.nw"
      cmocka_unit_test(test_wgan_gradients),
#line 8422 "chapters/05-gan.nw"
      cmocka_unit_test(test_saturated_critic),
#line 8502 "chapters/05-gan.nw"
      cmocka_unit_test(test_wgan_step),
#line 8636 "chapters/05-gan.nw"
      cmocka_unit_test(test_wgan_experiment),
#line 9182 "chapters/05-gan.nw"
      cmocka_unit_test(test_divergence_errors),
#line 9299 "chapters/05-gan.nw"
      cmocka_unit_test(test_ot_errors),
#line 9638 "chapters/05-gan.nw"
      cmocka_unit_test(test_gan_errors),
#line 9760 "chapters/05-gan.nw"
      cmocka_unit_test(test_gan_bad_input),
#line 1373 "chapters/05-gan.nw"
    };
    claim_init();
    return cmocka_run_group_tests_name("gan", tests, NULL, NULL);
  }
