#line 343 "chapters/05-gan.nw"
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_sf_log.h>
#include <mdl/divergence.h>
#include <mdl/numcheck.h>
#line 375 "chapters/05-gan.nw"
#define CHECK_SIZES(p, q, name)                                               \
  do {                                                                        \
    if ((p) == NULL || (q) == NULL)                                           \
      MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "%s: %s is NULL", name,              \
                    (p) == NULL ? "p" : "q");                                 \
    if ((p)->size != (q)->size || (p)->size == 0)                             \
      MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN,                                     \
                    "%s: p has length %zu and q %zu; they must be equal and " \
                    "positive", name, (p)->size, (q)->size);                  \
  } while (0)
#define CHECK_PAIR(p, q, name)                                                \
  do {                                                                        \
    CHECK_SIZES(p, q, name);                                                  \
    MDL_CHECK_PROBABILITY(GSL_NAN, name, "p", (p));                           \
    MDL_CHECK_PROBABILITY(GSL_NAN, name, "q", (q));                           \
  } while (0)

typedef struct {
  double sp, sq, mp, mq;
} pair_sums;

static void pair_sums_add(pair_sums *a, const double *p, const double *q,
                          size_t m)
{
  double sp = 0, sq = 0, mp = 0, mq = 0;
#pragma omp simd reduction(+:sp, sq) reduction(min:mp, mq)
  for (size_t j = 0; j < m; j++) {
    sp += p[j];
    sq += q[j];
    mp = p[j] < mp ? p[j] : mp;
    mq = q[j] < mq ? q[j] : mq;
  }
  a->sp += sp;
  a->sq += sq;
  a->mp = mp < a->mp ? mp : a->mp;
  a->mq = mq < a->mq ? mq : a->mq;
}

/* 1 when the sums show that MDL_CHECK_PROBABILITY accepts p and q. */
static int pair_sums_settle(const pair_sums *a, size_t n)
{
  double half = MDL_PROBABILITY_TOL(n) / 2;
  return (double)n <= 0x1p40 && a->mp >= 0 && a->mq >= 0
         && fabs(a->sp - 1) <= half && fabs(a->sq - 1) <= half;
}
#line 448 "chapters/05-gan.nw"
enum { PAIRWISE_BLOCK = 256, PAIRWISE_LEVELS = 64 };

typedef struct {
  double block[PAIRWISE_BLOCK], level[PAIRWISE_LEVELS];
  size_t used, count;
} pairwise_sum;

static double pairwise_block(double *t, size_t m)
{
  while (m > 1) {
    size_t h = m / 2, r = m - h;
#pragma omp simd
    for (size_t i = 0; i < h; i++)
      t[i] = t[i] + t[r + i];
    m = r;
  }
  return m == 1 ? t[0] : 0;
}

static void pairwise_push(pairwise_sum *s, double x)
{
  size_t k = 0;
  for (size_t c = s->count; c & 1; c >>= 1, k++)
    x = s->level[k] + x;
  s->level[k] = x;
  s->count++;
}

static void pairwise_add(pairwise_sum *s, double term, int skip)
{
  s->block[s->used] = term;
  s->used += !skip;
  if (s->used < PAIRWISE_BLOCK)
    return;
  s->used = 0;
  pairwise_push(s, pairwise_block(s->block, PAIRWISE_BLOCK));
}

/* Add the m <= PAIRWISE_BLOCK terms t[j] whose skip[j] is 0, nskip of them
   being skipped, in the order of m calls of pairwise_add; t is overwritten. */
static void pairwise_add_chunk(pairwise_sum *s, double *t, const unsigned char *skip,
                               size_t m, size_t nskip)
{
  if (s->used == 0 && m == PAIRWISE_BLOCK && nskip == 0) {
    pairwise_push(s, pairwise_block(t, m));
    return;
  }
  for (size_t j = 0; j < m; j++)
    pairwise_add(s, t[j], skip[j]);
}

static double pairwise_total(pairwise_sum *s)
{
  double total = pairwise_block(s->block, s->used);
  size_t k = 0;
  for (size_t c = s->count; c != 0; c >>= 1, k++)
    if (c & 1)
      total = s->level[k] + total;
  return total;
}

#line 551 "chapters/05-gan.nw"
/* KL_NEAR: q h(p/q) for 1/2 <= p/q <= 2, that is |r| <= 1/3, from the
   series in r = (p - q)/(p + q); a polynomial, so that a loop of them
   vectorises. */
static inline double kl_near(double p, double q)
{
  double s = p + q, e = p - q, r = e / s, z = r * r, w = z * z;
  double b0 = 1.0 / 35;
  b0 = b0 * w + 1.0 / 31;
  b0 = b0 * w + 1.0 / 27;
  b0 = b0 * w + 1.0 / 23;
  b0 = b0 * w + 1.0 / 19;
  b0 = b0 * w + 1.0 / 15;
  b0 = b0 * w + 1.0 / 11;
  b0 = b0 * w + 1.0 / 7;
  b0 = b0 * w + 1.0 / 3;
  double b1 = 1.0 / 37;
  b1 = b1 * w + 1.0 / 33;
  b1 = b1 * w + 1.0 / 29;
  b1 = b1 * w + 1.0 / 25;
  b1 = b1 * w + 1.0 / 21;
  b1 = b1 * w + 1.0 / 17;
  b1 = b1 * w + 1.0 / 13;
  b1 = b1 * w + 1.0 / 9;
  b1 = b1 * w + 1.0 / 5;
  double b = b0 + z * b1;
  return e * r * (1 + r * (1 + r) * b);
}

static double kl_far(double p, double q)
{
  if (p == 0)
    return q;
  double x = p / q;
  double l = x >= DBL_MIN && x <= DBL_MAX ? log(x) : log(p) - log(q);
  return p * l + (q - p);
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

#line 590 "chapters/05-gan.nw"
static inline double div_pick(int first, double x, double y)
{
  uint64_t xb, yb, mask = (uint64_t)0 - (uint64_t)(first != 0);
  memcpy(&xb, &x, sizeof xb);
  memcpy(&yb, &y, sizeof yb);
  xb = (xb & mask) | (yb & ~mask);
  memcpy(&x, &xb, sizeof x);
  return x;
}

/* The terms of m <= PAIRWISE_BLOCK coordinates into t, with skip[j] = 1 for
   p_j = q_j = 0; returns 1 when some p_j > 0 = q_j (KL is infinite). */
MDL_HOT_LOOP
static int kl_chunk(const double *p, const double *q, size_t m, double *t,
                    unsigned char *skip, size_t *nskip)
{
  size_t rare = 0, zeros = 0;
#pragma omp simd reduction(+:rare)
  for (size_t j = 0; j < m; j++) {
    double a = p[j], b = q[j], x = a / b;
    double near = kl_near(a, b), far = a * div_log(x) + (b - a);
    t[j] = div_pick((2 * a >= b) & (2 * b >= a), near, far);
    rare += (b == 0)
            | (!((2 * a >= b) & (2 * b >= a)) & (a > 0)
               & !((x >= DBL_MIN) & (x <= DBL_MAX)));
  }
  memset(skip, 0, m);
  *nskip = 0;
  if (rare == 0)
    return 0;
  for (size_t j = 0; j < m; j++) {
    double a = p[j], b = q[j], x = a / b;
    if ((a > 0) & (b == 0))
      return 1;
    skip[j] = (a == 0) & (b == 0);
    zeros += (size_t)skip[j];
    if (!((2 * a >= b) & (2 * b >= a)) & (a > 0)
        & !((x >= DBL_MIN) & (x <= DBL_MAX)))
      t[j] = kl_far(a, b);
  }
  *nskip = zeros;
  return 0;
}

/* Coordinates i to i + m of a vector of stride st: in place when the stride
   is one, else copied into c. */
static const double *gather(double *c, const double *x, size_t st, size_t i,
                            size_t m)
{
  if (st == 1)
    return x + i;
  for (size_t j = 0; j < m; j++)
    c[j] = x[(i + j) * st];
  return c;
}

double mdl_kl(const gsl_vector *p, const gsl_vector *q)
{
  CHECK_SIZES(p, q, "mdl_kl");
  pairwise_sum acc = {0};
  pair_sums sums = {0, 0, 0, 0};
  int inf = 0;
  double pc[PAIRWISE_BLOCK], qc[PAIRWISE_BLOCK], t[PAIRWISE_BLOCK];
  unsigned char skip[PAIRWISE_BLOCK];
  for (size_t i = 0; i < p->size; i += PAIRWISE_BLOCK) {
    size_t m = p->size - i < PAIRWISE_BLOCK ? p->size - i : PAIRWISE_BLOCK,
           nskip;
    const double *pi = gather(pc, p->data, p->stride, i, m),
                 *qi = gather(qc, q->data, q->stride, i, m);
    pair_sums_add(&sums, pi, qi, m);
    if ((inf = kl_chunk(pi, qi, m, t, skip, &nskip)) != 0)
      break;
    pairwise_add_chunk(&acc, t, skip, m, nskip);
  }
  if (inf || !pair_sums_settle(&sums, p->size))
    CHECK_PAIR(p, q, "mdl_kl");
  return inf ? GSL_POSINF : pairwise_total(&acc);
}
#line 868 "chapters/05-gan.nw"
/* js_g(d) = 2 d artanh(d) + log(1 - d^2) = d^2 sum_k (d^2)^(k-1) / (k (2k - 1))
   for |d| <= 1/2, a polynomial, so that a loop of them vectorises. */
static inline double js_g(double d)
{
  double z = d * d, w = z * z, v = w * w;
  double g0 = 1.0 / 861;
  g0 = g0 * v + 1.0 / 561;
  g0 = g0 * v + 1.0 / 325;
  g0 = g0 * v + 1.0 / 153;
  g0 = g0 * v + 1.0 / 45;
  g0 = g0 * v + 1.0 / 1;
  double g1 = 1.0 / 946;
  g1 = g1 * v + 1.0 / 630;
  g1 = g1 * v + 1.0 / 378;
  g1 = g1 * v + 1.0 / 190;
  g1 = g1 * v + 1.0 / 66;
  g1 = g1 * v + 1.0 / 6;
  double g2 = 1.0 / 1035;
  g2 = g2 * v + 1.0 / 703;
  g2 = g2 * v + 1.0 / 435;
  g2 = g2 * v + 1.0 / 231;
  g2 = g2 * v + 1.0 / 91;
  g2 = g2 * v + 1.0 / 15;
  double g3 = 1.0 / 1128;
  g3 = g3 * v + 1.0 / 780;
  g3 = g3 * v + 1.0 / 496;
  g3 = g3 * v + 1.0 / 276;
  g3 = g3 * v + 1.0 / 120;
  g3 = g3 * v + 1.0 / 28;
  double g = (g0 + z * g1) + w * (g2 + z * g3);
  return z * g;
}

static double js_term(double p, double q)
{
  double s = p + q;
  if (s == 0)
    return 0;
  double d = (p - q) / s;
  if (fabs(d) <= 0.5)
    return s / 4 * js_g(d);
  double tp = p > 0 ? p * log(2 * p / s) : 0;
  double tq = q > 0 ? q * log(2 * q / s) : 0;
  return (tp + tq) / 2;
}

static void js_chunk(const double *p, const double *q, size_t m, double *t,
                     unsigned char *skip, size_t *nskip)
{
  size_t idx[PAIRWISE_BLOCK], nf = 0, zeros = 0;
#pragma omp simd
  for (size_t j = 0; j < m; j++) {
    double a = p[j], b = q[j], s = a + b;
    t[j] = s / 4 * js_g((a - b) / s);
  }
  for (size_t j = 0; j < m; j++) {
    double a = p[j], b = q[j], s = a + b;
    idx[nf] = j;
    nf += (s > 0) & !(fabs(a - b) <= s / 2);
    skip[j] = s == 0;
    zeros += (size_t)skip[j];
  }
  for (size_t k = 0; k < nf; k++)
    t[idx[k]] = js_term(p[idx[k]], q[idx[k]]);
  *nskip = (size_t)zeros;
}

double mdl_js(const gsl_vector *p, const gsl_vector *q)
{
  CHECK_SIZES(p, q, "mdl_js");
  pairwise_sum acc = {0};
  pair_sums sums = {0, 0, 0, 0};
  double pc[PAIRWISE_BLOCK], qc[PAIRWISE_BLOCK], t[PAIRWISE_BLOCK];
  unsigned char skip[PAIRWISE_BLOCK];
  for (size_t i = 0; i < p->size; i += PAIRWISE_BLOCK) {
    size_t m = p->size - i < PAIRWISE_BLOCK ? p->size - i : PAIRWISE_BLOCK,
           nskip;
    const double *pi = gather(pc, p->data, p->stride, i, m),
                 *qi = gather(qc, q->data, q->stride, i, m);
    pair_sums_add(&sums, pi, qi, m);
    js_chunk(pi, qi, m, t, skip, &nskip);
    pairwise_add_chunk(&acc, t, skip, m, nskip);
  }
  if (!pair_sums_settle(&sums, p->size))
    CHECK_PAIR(p, q, "mdl_js");
  return pairwise_total(&acc);
}
#line 958 "chapters/05-gan.nw"
double mdl_tv(const gsl_vector *p, const gsl_vector *q)
{
  CHECK_SIZES(p, q, "mdl_tv");
  pairwise_sum acc = {0};
  pair_sums sums = {0, 0, 0, 0};
  double pc[PAIRWISE_BLOCK], qc[PAIRWISE_BLOCK], t[PAIRWISE_BLOCK];
  unsigned char skip[PAIRWISE_BLOCK];
  for (size_t i = 0; i < p->size; i += PAIRWISE_BLOCK) {
    size_t m = p->size - i < PAIRWISE_BLOCK ? p->size - i : PAIRWISE_BLOCK;
    size_t zeros = 0;
    const double *pi = gather(pc, p->data, p->stride, i, m),
                 *qi = gather(qc, q->data, q->stride, i, m);
    pair_sums_add(&sums, pi, qi, m);
#pragma omp simd
    for (size_t j = 0; j < m; j++)
      t[j] = fabs(pi[j] - qi[j]);
    for (size_t j = 0; j < m; j++) {
      skip[j] = (pi[j] == 0) & (qi[j] == 0);
      zeros += (size_t)skip[j];
    }
    pairwise_add_chunk(&acc, t, skip, m, zeros);
  }
  if (!pair_sums_settle(&sums, p->size))
    CHECK_PAIR(p, q, "mdl_tv");
  return pairwise_total(&acc) / 2;
}
#line 1095 "chapters/05-gan.nw"
enum { RADIX_BITS = 11, RADIX = 1 << RADIX_BITS, RADIX_PASSES = 6 };

static uint64_t w1_key(double v)
{
  uint64_t b;
  memcpy(&b, &v, sizeof b);
  return b >> 63 ? ~b : b | UINT64_C(0x8000000000000000);
}

static double w1_value(uint64_t k)
{
  uint64_t b = k >> 63 ? k & UINT64_C(0x7fffffffffffffff) : ~k;
  double v;
  memcpy(&v, &b, sizeof v);
  return v;
}

static double *sorted_copy(const gsl_vector *x)
{
  size_t n = x->size;
  uint64_t *k = malloc(n * sizeof *k), *tmp = malloc(n * sizeof *tmp);
  size_t(*count)[RADIX] = calloc(RADIX_PASSES, sizeof *count);
  double *s = malloc(n * sizeof *s);
  if (k == NULL || tmp == NULL || count == NULL || s == NULL) {
    free(k);
    free(tmp);
    free(count);
    free(s);
    return NULL;
  }
  for (size_t i = 0; i < n; i++) {
    k[i] = w1_key(x->data[i * x->stride]);
    for (int d = 0; d < RADIX_PASSES; d++)
      count[d][k[i] >> (d * RADIX_BITS) & (RADIX - 1)]++;
  }
  for (int d = 0; d < RADIX_PASSES; d++) {
    int shift = d * RADIX_BITS;
    if (count[d][k[0] >> shift & (RADIX - 1)] == n)
      continue;
    size_t start = 0;
    for (size_t b = 0; b < RADIX; b++) {
      size_t c = count[d][b];
      count[d][b] = start;
      start += c;
    }
    for (size_t i = 0; i < n; i++)
      tmp[count[d][k[i] >> shift & (RADIX - 1)]++] = k[i];
    uint64_t *t = k;
    k = tmp;
    tmp = t;
  }
  for (size_t i = 0; i < n; i++)
    s[i] = w1_value(k[i]);
  free(k);
  free(tmp);
  free(count);
  return s;
}

double mdl_w1_1d(const gsl_vector *x, const gsl_vector *y)
{
  size_t bad;
  if (x == NULL || y == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "mdl_w1_1d: %s is NULL",
                  x == NULL ? "x" : "y");
  if (x->size == 0 || y->size == 0)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN,
                  "mdl_w1_1d: x has %zu samples and y %zu; both need at least "
                  "one", x->size, y->size);
  if (!mdl_numcheck_finite(x, &bad))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM,
                  "mdl_w1_1d: x[%zu] = %g; the samples must be finite", bad,
                  gsl_vector_get(x, bad));
  if (!mdl_numcheck_finite(y, &bad))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM,
                  "mdl_w1_1d: y[%zu] = %g; the samples must be finite", bad,
                  gsl_vector_get(y, bad));
  double *a = sorted_copy(x), *b = sorted_copy(y);
  if (a == NULL || b == NULL) {
    free(a);
    free(b);
    MDL_ERROR_VAL(GSL_NAN, GSL_ENOMEM,
                  "mdl_w1_1d: no memory to sort %zu and %zu samples", x->size,
                  y->size);
  }
  size_t n = x->size, m = y->size, i = 0, j = 0;
  double nm = (double)n * (double)m, sum = 0, t = fmin(a[0], b[0]);
  while (i < n || j < m) {
    if (j == m || (i < n && a[i] <= b[j]))
      i++;
    else
      j++;
    if (i == n && j == m)
      break;
    double next = j == m || (i < n && a[i] <= b[j]) ? a[i] : b[j];
    double im = (double)i * (double)m, jn = (double)j * (double)n;
    sum += fabs(im - jn) / nm * (next - t);
    t = next;
  }
  free(a);
  free(b);
  return sum;
}
#line 6764 "chapters/05-gan.nw"
int mdl_histogram(const gsl_vector *x, double lo, double hi, gsl_vector *p)
{
  if (x == NULL || p == NULL)
    MDL_ERROR(GSL_EFAULT, "mdl_histogram: %s is NULL", x == NULL ? "x" : "p");
  if (x->size == 0 || p->size == 0)
    MDL_ERROR(GSL_EBADLEN, "mdl_histogram: %zu samples and %zu bins",
              x->size, p->size);
  if (!(lo < hi) || !isfinite(lo) || !isfinite(hi))
    MDL_ERROR(GSL_EINVAL, "mdl_histogram: need finite lo < hi, not [%g, %g]",
              lo, hi);
  for (size_t i = 0; i < x->size; i++) {
    double v = gsl_vector_get(x, i);
    if (!(v >= lo && v <= hi))
      MDL_ERROR(GSL_EDOM, "mdl_histogram: x[%zu] = %g is outside [%g, %g]", i,
                v, lo, hi);
  }
  const size_t K = p->size;
  size_t *count = calloc(K, sizeof *count);
  if (count == NULL)
    MDL_ERROR(GSL_ENOMEM, "mdl_histogram: no memory for %zu bins", K);
  double scale = (double)K / (hi - lo);
  for (size_t i = 0; i < x->size; i++) {
    double t = floor((gsl_vector_get(x, i) - lo) * scale);
    size_t k = t < 0 ? 0 : t >= (double)K ? K - 1 : (size_t)t;
    count[k]++;
  }
  for (size_t k = 0; k < K; k++)
    gsl_vector_set(p, k, (double)count[k] / (double)x->size);
  free(count);
  return GSL_SUCCESS;
}
#line 1214 "chapters/05-gan.nw"
enum { DIV_KL, DIV_JS, DIV_TV };

typedef struct {
  const mdl_density *p, *q;
  int kind, bad, infinite;
  double bad_x, bad_value;
} div_integrand;

static double div_eval(double x, void *params)
{
  div_integrand *d = params;
  double lp = d->p->log_density(x, d->p->params);
  double lq = d->q->log_density(x, d->q->params);
  if (isnan(lp) || isnan(lq) || lp == GSL_POSINF || lq == GSL_POSINF) {
    if (!d->bad) {
      d->bad = isnan(lp) || lp == GSL_POSINF ? 'p' : 'q';
      d->bad_x = x;
      d->bad_value = d->bad == 'p' ? lp : lq;
    }
    return 0;
  }
  if (lp == GSL_NEGINF && lq == GSL_NEGINF)
    return 0;
  switch (d->kind) {
  case DIV_KL:
    if (lp == GSL_NEGINF)
      return 0;
    if (lq == GSL_NEGINF) {
      d->infinite = 1;
      return 0;
    }
    return exp(lp) * (lp - lq);
  case DIV_JS:
    return js_term(exp(lp), exp(lq));
  default:
    return -0.5 * exp(fmax(lp, lq)) * expm1(-fabs(lp - lq));
  }
}

static int div_integrate(const char *fn, int kind, const mdl_density *p,
                         const mdl_density *q, double lo, double hi,
                         double *value, double *abserr)
{
  if (p == NULL || q == NULL || value == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: %s is NULL", fn,
              p == NULL ? "p" : q == NULL ? "q" : "value");
  if (p->log_density == NULL || q->log_density == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: %s->log_density is NULL", fn,
              p->log_density == NULL ? "p" : "q");
  if (!isfinite(lo) || !isfinite(hi) || !(lo < hi))
    MDL_ERROR(GSL_EINVAL,
              "%s: lo = %g and hi = %g; they must be finite with lo < hi", fn,
              lo, hi);
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
  if (w == NULL)
    MDL_ERROR(GSL_ENOMEM, "%s: no memory for an integration workspace of 1000"
              " intervals", fn);
  div_integrand d = {p, q, kind, 0, 0, 0, 0};
  gsl_function F = {div_eval, &d};
  double result, err;
  gsl_error_handler_t *old = gsl_set_error_handler_off();
  int status = gsl_integration_qags(&F, lo, hi, 1e-12, 1e-10, 1000, w,
                                    &result, &err);
  gsl_set_error_handler(old);
  gsl_integration_workspace_free(w);
  if (d.bad)
    MDL_ERROR(GSL_EBADFUNC,
              "%s: %c->log_density(%g) = %g; a log-density must be finite or "
              "-inf", fn, d.bad, d.bad_x, d.bad_value);
  if (d.infinite) {
    result = GSL_POSINF;
    err = 0;
  } else if (status) {
    MDL_ERROR(status, "%s: the integral over [%g, %g] failed (%s)", fn, lo, hi,
              gsl_strerror(status));
  }
  *value = result;
  if (abserr)
    *abserr = err;
  return GSL_SUCCESS;
}

int mdl_kl_density(const mdl_density *p, const mdl_density *q, double lo,
                   double hi, double *value, double *abserr)
{
  return div_integrate("mdl_kl_density", DIV_KL, p, q, lo, hi, value,
                       abserr);
}

int mdl_js_density(const mdl_density *p, const mdl_density *q, double lo,
                   double hi, double *value, double *abserr)
{
  return div_integrate("mdl_js_density", DIV_JS, p, q, lo, hi, value,
                       abserr);
}

int mdl_tv_density(const mdl_density *p, const mdl_density *q, double lo,
                   double hi, double *value, double *abserr)
{
  return div_integrate("mdl_tv_density", DIV_TV, p, q, lo, hi, value,
                       abserr);
}
