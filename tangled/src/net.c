#line 576 "chapters/02-approximation.nw"
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <mdl/net.h>
#include <mdl/numcheck.h>
#include <errno.h>
#include <stdio.h>
#line 592 "chapters/02-approximation.nw"
double mdl_net_sigmoid(double z)
{
  if (z >= 0)
    return 1 / (1 + exp(-z));
  double e = exp(z);
  return e / (1 + e);
}

double mdl_net_softplus(double z)
{
  return fmax(z, 0) + log1p(exp(-fabs(z)));
}

double mdl_net_log_sigmoid(double z)
{
  return -mdl_net_softplus(-z);
}

double mdl_net_logit(double p)
{
  if (!(p >= 0 && p <= 1))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "p = %g; it must lie in [0, 1]", p);
  if (p == 0)
    return GSL_NEGINF;
  if (p == 1)
    return GSL_POSINF;
  return log(p / (1 - p));
}
#line 631 "chapters/02-approximation.nw"
static int known_activation(mdl_net_activation act)
{
  return act >= MDL_NET_IDENTITY && act <= MDL_NET_SQUARE;
}

static int has_gradient(mdl_net_activation act)
{
  return act != MDL_NET_STEP && act != MDL_NET_SIGN;
}

static double act_value(mdl_net_activation act, double alpha, double z)
{
  switch (act) {
  case MDL_NET_IDENTITY: return z;
  case MDL_NET_RELU: return z <= 0 ? 0 : z;
  case MDL_NET_ABS: return fabs(z);
  case MDL_NET_LEAKY_RELU: return z > 0 ? z : alpha * z;
  case MDL_NET_ELU: return z > 0 ? z : alpha * expm1(z);
  case MDL_NET_SOFTPLUS: return mdl_net_softplus(z);
  case MDL_NET_SIGMOID: return mdl_net_sigmoid(z);
  case MDL_NET_TANH: return tanh(z);
  case MDL_NET_STEP: return z >= 0 ? 1 : 0;
  case MDL_NET_SIGN: return z > 0 ? 1 : z < 0 ? -1 : 0;
  case MDL_NET_SQUARE: return z * z;
  }
  return GSL_NAN;
}

static double act_deriv(mdl_net_activation act, double alpha, double z)
{
  switch (act) {
  case MDL_NET_IDENTITY: return 1;
  case MDL_NET_RELU: return z > 0 ? 1 : 0;
  case MDL_NET_ABS: return z > 0 ? 1 : z < 0 ? -1 : 0;
  case MDL_NET_LEAKY_RELU: return z > 0 ? 1 : alpha;
  case MDL_NET_ELU: return z > 0 ? 1 : alpha * exp(z);
  case MDL_NET_SOFTPLUS: return mdl_net_sigmoid(z);
  case MDL_NET_SIGMOID: {
    double t = exp(-fabs(z));
    return t / ((1 + t) * (1 + t));
  }
  case MDL_NET_TANH: {
    double t = exp(-2 * fabs(z));
    return 4 * t / ((1 + t) * (1 + t));
  }
  case MDL_NET_SQUARE: return 2 * z;
  case MDL_NET_STEP:
  case MDL_NET_SIGN: break;
  }
  return GSL_NAN;
}

double mdl_net_activate(mdl_net_activation act, double alpha, double z)
{
  if (!known_activation(act))
    MDL_ERROR_VAL(GSL_NAN, GSL_EINVAL, "unknown activation %d", (int)act);
  if (!isfinite(alpha))
    MDL_ERROR_VAL(GSL_NAN, GSL_EINVAL, "mdl_net_activate: alpha = %g", alpha);
  if (isnan(z))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "mdl_net_activate: z = %g", z);
  return act_value(act, alpha, z);
}

double mdl_net_activate_deriv(mdl_net_activation act, double alpha, double z)
{
  if (!known_activation(act))
    MDL_ERROR_VAL(GSL_NAN, GSL_EINVAL, "unknown activation %d", (int)act);
  if (!has_gradient(act))
    MDL_ERROR_VAL(GSL_NAN, GSL_EINVAL, "activation %d (the step or the sign)"
                  " has no gradient", (int)act);
  if (!isfinite(alpha))
    MDL_ERROR_VAL(GSL_NAN, GSL_EINVAL, "mdl_net_activate_deriv: alpha = %g",
                  alpha);
  if (isnan(z))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "mdl_net_activate_deriv: z = %g", z);
  return act_deriv(act, alpha, z);
}

double mdl_net_activation_lipschitz(mdl_net_activation act, double alpha)
{
  if (!isfinite(alpha))
    MDL_ERROR_VAL(GSL_NAN, GSL_EINVAL, "mdl_net_activation_lipschitz: alpha = %g",
                  alpha);
  switch (act) {
  case MDL_NET_IDENTITY:
  case MDL_NET_RELU:
  case MDL_NET_ABS:
  case MDL_NET_SOFTPLUS:
  case MDL_NET_TANH:
    return 1;
  case MDL_NET_SIGMOID:
    return 0.25;
  case MDL_NET_LEAKY_RELU:
  case MDL_NET_ELU:
    return fmax(1, fabs(alpha));
  case MDL_NET_STEP:
  case MDL_NET_SIGN:
  case MDL_NET_SQUARE:
    return GSL_POSINF;
  }
  MDL_ERROR_VAL(GSL_NAN, GSL_EINVAL, "unknown activation %d", (int)act);
}
#line 751 "chapters/02-approximation.nw"
static double keep_if(double x, int keep)
{
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  bits &= -(uint64_t)keep;
  memcpy(&x, &bits, sizeof x);
  return x;
}

MDL_HOT_LOOP static void activate_array(mdl_net_activation act,
                                        double alpha, const double *z,
                                        double *a, size_t n)
{
  switch (act) {
  case MDL_NET_IDENTITY:
    if (a != z)
      memcpy(a, z, n * sizeof *a);
    break;
  case MDL_NET_RELU:
#pragma omp simd
    for (size_t i = 0; i < n; i++)
      a[i] = keep_if(z[i], !(z[i] <= 0));
    break;
  default:
    for (size_t i = 0; i < n; i++)
      a[i] = act_value(act, alpha, z[i]);
  }
}

MDL_HOT_LOOP static void multiply_by_deriv(mdl_net_activation act,
                                           double alpha, const double *z,
                                           double *g, size_t n)
{
  switch (act) {
  case MDL_NET_IDENTITY:
    break;
  case MDL_NET_RELU:
#pragma omp simd
    for (size_t i = 0; i < n; i++)
      g[i] = keep_if(g[i], z[i] > 0);
    break;
  default:
    for (size_t i = 0; i < n; i++)
      g[i] *= act_deriv(act, alpha, z[i]);
  }
}
#line 1301 "chapters/02-approximation.nw"
double mdl_net_logsumexp(const gsl_vector *z)
{
  if (z == NULL)
    GSL_ERROR_VAL("z is NULL", GSL_EFAULT, GSL_NAN);
  if (z->size == 0)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "mdl_net_logsumexp: z has length 0");
  double m = GSL_NEGINF;
  for (size_t i = 0; i < z->size; i++) {
    double zi = gsl_vector_get(z, i);
    if (zi > m || isnan(zi))
      m = zi;
  }
  if (isnan(m)) {
    size_t i = 0;
    while (!isnan(gsl_vector_get(z, i)))
      i++;
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "mdl_net_logsumexp: z[%zu] = %g", i,
                  gsl_vector_get(z, i));
  }
  if (isinf(m))
    return m;
  double sum = 0;
  for (size_t i = 0; i < z->size; i++)
    sum += exp(gsl_vector_get(z, i) - m);
  return m + log(sum);
}

int mdl_net_softmax(const gsl_vector *z, gsl_vector *s)
{
  if (z == NULL || s == NULL)
    MDL_ERROR(GSL_EFAULT, "%s is NULL", z == NULL ? "z" : "s");
  if (z->size != s->size)
    MDL_ERROR(GSL_EBADLEN, "z has length %zu and s %zu; they must be equal",
              z->size, s->size);
  if (z->size == 0)
    MDL_ERROR(GSL_EBADLEN, "mdl_net_softmax: z has length 0");
  double m = GSL_NEGINF, sum = 0;
  for (size_t i = 0; i < z->size; i++) {
    double zi = gsl_vector_get(z, i);
    if (isnan(zi) || zi == GSL_POSINF)
      MDL_ERROR(GSL_EDOM, "mdl_net_softmax: z[%zu] = %g", i, zi);
    m = fmax(m, zi);
  }
  if (m == GSL_NEGINF)
    MDL_ERROR(GSL_EDOM, "mdl_net_softmax: every z[i] is %g", m);
  for (size_t i = 0; i < z->size; i++) {
    double e = exp(gsl_vector_get(z, i) - m);
    gsl_vector_set(s, i, e);
    sum += e;
  }
  gsl_vector_scale(s, 1 / sum);
  return GSL_SUCCESS;
}
#line 1363 "chapters/02-approximation.nw"
static int check_targets(const char *fn, mdl_net_loss loss,
                         const gsl_matrix *V, const gsl_matrix *Y)
{
  for (size_t b = 0; b < Y->size1; b++) {
    for (size_t k = 0; k < Y->size2; k++) {
      double y = gsl_matrix_get(Y, b, k);
      if (isnan(gsl_matrix_get(V, b, k)))
        MDL_ERROR(GSL_EDOM, "%s: the output V[%zu][%zu] = %g", fn, b, k,
                  gsl_matrix_get(V, b, k));
      switch (loss) {
      case MDL_NET_LOSS_SQUARED:
        if (!isfinite(y))
          MDL_ERROR(GSL_EDOM, "%s: the target Y[%zu][%zu] = %g", fn, b, k,
                    y);
        break;
      case MDL_NET_LOSS_LOGISTIC:
      case MDL_NET_LOSS_HINGE:
        if (y != 1 && y != -1)
          MDL_ERROR(GSL_EDOM, "%s: the label Y[%zu][%zu] = %g; labels must"
                    " be -1 or +1", fn, b, k, y);
        break;
      case MDL_NET_LOSS_LOGISTIC01:
        if (!(y >= 0 && y <= 1))
          MDL_ERROR(GSL_EDOM, "%s: the target Y[%zu][%zu] = %g; targets"
                    " must lie in [0, 1]", fn, b, k, y);
        break;
      case MDL_NET_LOSS_SOFTMAX_CE:
        if (!(y >= 0 && y <= 1))
          MDL_ERROR(GSL_EDOM, "%s: the target Y[%zu][%zu] = %g; targets"
                    " must be probabilities", fn, b, k, y);
        break;
      }
    }
    gsl_vector_const_view row = gsl_matrix_const_row(Y, b);
    double sum = 0;
    if (loss == MDL_NET_LOSS_SOFTMAX_CE
        && !mdl_numcheck_probability(&row.vector, NULL, &sum))
      MDL_ERROR(GSL_EDOM,
                "%s: row %zu of the targets sums to 1 %+.3g, beyond the "
                "tolerance 4 n eps = %.3g of a probability vector", fn,
                b, sum - 1, MDL_PROBABILITY_TOL(Y->size2));
  }
  return GSL_SUCCESS;
}

static int loss_eval(const char *fn, mdl_net_loss loss, const gsl_matrix *V,
                     const gsl_matrix *Y, double *value, gsl_matrix *dV)
{
  if (V == NULL || Y == NULL || value == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: %s is NULL", fn,
              V == NULL ? "V" : Y == NULL ? "Y" : "value");
  if (V->size1 != Y->size1 || V->size2 != Y->size2
      || (dV && (dV->size1 != V->size1 || dV->size2 != V->size2)))
    MDL_ERROR(GSL_EBADLEN, "%s: V is %zu x %zu, Y %zu x %zu, dV %zu x %zu",
              fn, V->size1, V->size2, Y->size1, Y->size2, dV ? dV->size1 : 0,
              dV ? dV->size2 : 0);
  if (V->size1 == 0 || V->size2 == 0)
    MDL_ERROR(GSL_EBADLEN, "%s: V is %zu x %zu", fn, V->size1, V->size2);
  if (loss < MDL_NET_LOSS_SQUARED || loss > MDL_NET_LOSS_HINGE)
    MDL_ERROR(GSL_EINVAL, "%s: unknown loss %d", fn, (int)loss);
  int status = check_targets(fn, loss, V, Y);
  if (status)
    return status;
  const size_t B = V->size1, K = V->size2;
  const double scale = 1.0 / (double)B;
  double total = 0;
  for (size_t b = 0; b < B; b++) {
    const double *v = V->data + b * V->tda, *y = Y->data + b * Y->tda;
    double *dv = dV ? dV->data + b * dV->tda : NULL;
#line 1446 "chapters/02-approximation.nw"
    switch (loss) {
    case MDL_NET_LOSS_SQUARED:
      for (size_t k = 0; k < K; k++) {
        double r = v[k] - y[k];
        total += 0.5 * r * r;
        if (dv)
          dv[k] = r * scale;
      }
      break;
    case MDL_NET_LOSS_LOGISTIC:
      for (size_t k = 0; k < K; k++) {
        total += mdl_net_softplus(-y[k] * v[k]);
        if (dv)
          dv[k] = -y[k] * mdl_net_sigmoid(-y[k] * v[k]) * scale;
      }
      break;
    case MDL_NET_LOSS_LOGISTIC01:
      for (size_t k = 0; k < K; k++) {
        total += y[k] * mdl_net_softplus(-v[k])
                 + (1 - y[k]) * mdl_net_softplus(v[k]);
        if (dv)
          dv[k] = (mdl_net_sigmoid(v[k]) - y[k]) * scale;
      }
      break;
    case MDL_NET_LOSS_SOFTMAX_CE: {
      double m = GSL_NEGINF, sum = 0;
      for (size_t k = 0; k < K; k++)
        m = fmax(m, v[k]);
      for (size_t k = 0; k < K; k++)
        sum += exp(v[k] - m);
      double log_sum = log(sum);
      for (size_t k = 0; k < K; k++) {
        if (y[k] != 0)
          total += y[k] * ((m - v[k]) + log_sum);
        if (dv)
          dv[k] = (exp(v[k] - m) / sum - y[k]) * scale;
      }
      break;
    }
    case MDL_NET_LOSS_HINGE:
      for (size_t k = 0; k < K; k++) {
        double margin = y[k] * v[k];
        total += margin < 1 ? 1 - margin : 0;
        if (dv)
          dv[k] = margin < 1 ? -y[k] * scale : 0;
      }
      break;
    }
#line 1433 "chapters/02-approximation.nw"
  }
  *value = total * scale;
  return GSL_SUCCESS;
}

int mdl_net_loss_eval(mdl_net_loss loss, const gsl_matrix *V,
                      const gsl_matrix *Y, double *value, gsl_matrix *dV)
{
  return loss_eval(__func__, loss, V, Y, value, dV);
}
#line 1799 "chapters/02-approximation.nw"
struct mdl_net {
  size_t depth, nparams, maxwidth;
  size_t *width;
  mdl_net_activation *act;
  double *alpha;
  size_t *offset;
  gsl_vector *theta;
  size_t cap, batch;
  const double *x_data;
  size_t x_tda;
  double *cache;
  double **Z, **A;
  double *scratch[2];
  gsl_vector *grad;
};

static int has_alpha(mdl_net_activation act)
{
  return act == MDL_NET_LEAKY_RELU || act == MDL_NET_ELU;
}

static double default_alpha(mdl_net_activation act)
{
  return act == MDL_NET_LEAKY_RELU ? 0.01 : act == MDL_NET_ELU ? 1.0 : 0.0;
}
#line 1830 "chapters/02-approximation.nw"
void mdl_net_free(mdl_net *net)
{
  if (net == NULL)
    return;
  free(net->width);
  free(net->act);
  free(net->alpha);
  free(net->offset);
  gsl_vector_free(net->theta);
  free(net->cache);
  free(net->Z);
  free(net->A);
  gsl_vector_free(net->grad);
  free(net);
}

static void init_uniform(mdl_net *net, const gsl_rng *r)
{
  for (size_t l = 0; l < net->depth; l++) {
    double bound = 1 / sqrt((double)net->width[l]);
    size_t n = net->width[l + 1] * (net->width[l] + 1);
    double *theta = net->theta->data + net->offset[l];
    for (size_t i = 0; i < n; i++)
      theta[i] = gsl_ran_flat(r, -bound, bound);
  }
}

mdl_net *mdl_net_alloc(size_t depth, const size_t *widths,
                       const mdl_net_activation *acts)
{
  if (widths == NULL || acts == NULL)
    MDL_ERROR_VAL(NULL, GSL_EFAULT, "%s is NULL",
                  widths == NULL ? "widths" : "acts");
  if (depth == 0)
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "depth = 0; a network needs at least one"
                  " layer");
  for (size_t l = 0; l <= depth; l++)
    if (widths[l] == 0)
      MDL_ERROR_VAL(NULL, GSL_EINVAL, "widths[%zu] = 0; every width must be"
                    " positive", l);
  for (size_t l = 0; l < depth; l++)
    if (!known_activation(acts[l]))
      MDL_ERROR_VAL(NULL, GSL_EINVAL, "acts[%zu] = %d is not an activation",
                    l, (int)acts[l]);
  size_t total = 0, maxwidth = 0;
  for (size_t l = 0; l < depth; l++) {
    size_t in = widths[l], out = widths[l + 1];
    if (in >= SIZE_MAX / sizeof(double)
        || in + 1 > (SIZE_MAX / sizeof(double) - total) / out)
      MDL_ERROR_VAL(NULL, GSL_ENOMEM, "too many parameters: layer %zu maps"
                    " R^%zu to R^%zu", l + 1, in, out);
    total += out * (in + 1);
  }
  for (size_t l = 0; l <= depth; l++)
    maxwidth = widths[l] > maxwidth ? widths[l] : maxwidth;
  mdl_net *net = calloc(1, sizeof *net);
  if (net == NULL)
    GSL_ERROR_NULL("cannot allocate the network", GSL_ENOMEM);
  net->depth = depth;
  net->nparams = total;
  net->maxwidth = maxwidth;
  net->width = malloc((depth + 1) * sizeof *net->width);
  net->act = malloc(depth * sizeof *net->act);
  net->alpha = malloc(depth * sizeof *net->alpha);
  net->offset = malloc(depth * sizeof *net->offset);
  net->theta = gsl_vector_calloc(total);
  if (!net->width || !net->act || !net->alpha || !net->offset || !net->theta) {
    mdl_net_free(net);
    GSL_ERROR_NULL("cannot allocate the network", GSL_ENOMEM);
  }
  memcpy(net->width, widths, (depth + 1) * sizeof *widths);
  for (size_t l = 0, off = 0; l < depth; l++) {
    net->act[l] = acts[l];
    net->alpha[l] = default_alpha(acts[l]);
    net->offset[l] = off;
    off += widths[l + 1] * (widths[l] + 1);
  }
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  if (r == NULL) {
    mdl_net_free(net);
    GSL_ERROR_NULL("cannot allocate the generator of the initial weights",
                   GSL_ENOMEM);
  }
  init_uniform(net, r);
  gsl_rng_free(r);
  return net;
}
#line 1924 "chapters/02-approximation.nw"
mdl_net *mdl_net_clone(const mdl_net *net)
{
  if (net == NULL)
    GSL_ERROR_NULL("net is NULL", GSL_EFAULT);
  mdl_net *copy = mdl_net_alloc(net->depth, net->width, net->act);
  if (copy == NULL)
    return NULL;
  memcpy(copy->alpha, net->alpha, net->depth * sizeof *net->alpha);
  gsl_vector_memcpy(copy->theta, net->theta);
  return copy;
}

int mdl_net_set_alpha(mdl_net *net, size_t l, double alpha)
{
  if (net == NULL)
    GSL_ERROR("net is NULL", GSL_EFAULT);
  if (l >= net->depth)
    MDL_ERROR(GSL_EINVAL, "layer l = %zu; the network has layers 0 to %zu",
              l, net->depth - 1);
  if (!has_alpha(net->act[l]))
    MDL_ERROR(GSL_EINVAL, "the activation %d of layer %zu has no parameter",
              (int)net->act[l], l);
  if (!isfinite(alpha))
    MDL_ERROR(GSL_EINVAL, "alpha = %g must be finite", alpha);
  net->alpha[l] = alpha;
  return GSL_SUCCESS;
}

double mdl_net_alpha(const mdl_net *net, size_t l)
{
  if (net == NULL)
    GSL_ERROR_VAL("net is NULL", GSL_EFAULT, GSL_NAN);
  if (l >= net->depth)
    MDL_ERROR_VAL(GSL_NAN, GSL_EINVAL, "layer l = %zu; the network has layers"
                  " 0 to %zu", l, net->depth - 1);
  return net->alpha[l];
}

int mdl_net_init(mdl_net *net, const gsl_rng *r)
{
  if (net == NULL || r == NULL)
    MDL_ERROR(GSL_EFAULT, "%s is NULL", net == NULL ? "net" : "r");
  init_uniform(net, r);
  return GSL_SUCCESS;
}
#line 1975 "chapters/02-approximation.nw"
size_t mdl_net_depth(const mdl_net *net)
{
  if (net == NULL)
    GSL_ERROR_VAL("net is NULL", GSL_EFAULT, 0);
  return net->depth;
}

size_t mdl_net_width(const mdl_net *net, size_t l)
{
  if (net == NULL)
    GSL_ERROR_VAL("net is NULL", GSL_EFAULT, 0);
  if (l > net->depth)
    MDL_ERROR_VAL(0, GSL_EINVAL, "l = %zu; the network has widths 0 to %zu",
                  l, net->depth);
  return net->width[l];
}

size_t mdl_net_nparams(const mdl_net *net)
{
  if (net == NULL)
    GSL_ERROR_VAL("net is NULL", GSL_EFAULT, 0);
  return net->nparams;
}

int mdl_net_get_activation(const mdl_net *net, size_t l,
                           mdl_net_activation *act)
{
  if (net == NULL || act == NULL)
    MDL_ERROR(GSL_EFAULT, "%s is NULL", net == NULL ? "net" : "act");
  if (l >= net->depth)
    MDL_ERROR(GSL_EINVAL, "layer l = %zu; the network has layers 0 to %zu",
              l, net->depth - 1);
  *act = net->act[l];
  return GSL_SUCCESS;
}

gsl_vector *mdl_net_params(mdl_net *net)
{
  if (net == NULL)
    GSL_ERROR_NULL("net is NULL", GSL_EFAULT);
  return net->theta;
}

static int check_layout(const char *fn, const mdl_net *net,
                        const gsl_vector *v, size_t l)
{
  if (net == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: net is NULL", fn);
  if (l >= net->depth)
    MDL_ERROR(GSL_EINVAL, "%s: layer l = %zu; the network has layers 0 to"
              " %zu", fn, l, net->depth - 1);
  if (v && v->size != net->nparams)
    MDL_ERROR(GSL_EBADLEN, "%s: v has length %zu, the network %zu"
              " parameters", fn, v->size, net->nparams);
  if (v && v->stride != 1)
    MDL_ERROR(GSL_EINVAL, "%s: v has stride %zu; it must be 1", fn,
              v->stride);
  return GSL_SUCCESS;
}

gsl_matrix_view mdl_net_weight(const mdl_net *net, gsl_vector *v, size_t l)
{
  gsl_matrix_view null_view = {{0, 0, 0, NULL, NULL, 0}};
  if (check_layout(__func__, net, v, l))
    return null_view;
  double *base = (v ? v : net->theta)->data + net->offset[l];
  return gsl_matrix_view_array(base, net->width[l + 1], net->width[l]);
}

gsl_vector_view mdl_net_bias(const mdl_net *net, gsl_vector *v, size_t l)
{
  gsl_vector_view null_view = {{0, 0, NULL, NULL, 0}};
  if (check_layout(__func__, net, v, l))
    return null_view;
  double *base = (v ? v : net->theta)->data + net->offset[l]
                 + net->width[l + 1] * net->width[l];
  return gsl_vector_view_array(base, net->width[l + 1]);
}
#line 2068 "chapters/02-approximation.nw"
static int reserve(const char *fn, mdl_net *net, size_t B)
{
  if (B <= net->cap)
    return GSL_SUCCESS;
  size_t per_row = 2 * net->maxwidth;
  for (size_t l = 1; l <= net->depth; l++)
    per_row += 2 * net->width[l];
  if (B > SIZE_MAX / sizeof(double) / per_row)
    MDL_ERROR(GSL_ENOMEM, "%s: a batch of %zu rows is too large", fn, B);
  double *cache = malloc(B * per_row * sizeof *cache);
  double **Z = malloc((net->depth + 1) * sizeof *Z);
  double **A = malloc((net->depth + 1) * sizeof *A);
  if (cache == NULL || Z == NULL || A == NULL) {
    free(cache);
    free(Z);
    free(A);
    MDL_ERROR(GSL_ENOMEM, "%s: cannot allocate the activations of a batch of"
              " %zu rows", fn, B);
  }
  free(net->cache);
  free(net->Z);
  free(net->A);
  net->cache = cache;
  net->Z = Z;
  net->A = A;
  double *p = cache;
  Z[0] = A[0] = NULL;
  for (size_t l = 1; l <= net->depth; l++) {
    Z[l] = p;
    p += B * net->width[l];
    A[l] = p;
    p += B * net->width[l];
  }
  net->scratch[0] = p;
  net->scratch[1] = p + B * net->maxwidth;
  net->cap = B;
  net->batch = 0;
  return GSL_SUCCESS;
}
#line 2116 "chapters/02-approximation.nw"
static gsl_matrix layer_input(const mdl_net *net, size_t l)
{
  gsl_matrix_const_view v =
      l == 1 ? gsl_matrix_const_view_array_with_tda(net->x_data, net->batch,
                                                    net->width[0], net->x_tda)
             : gsl_matrix_const_view_array(net->A[l - 1], net->batch,
                                           net->width[l - 1]);
  return v.matrix;
}

static void run_forward(mdl_net *net, const gsl_matrix *X)
{
  const size_t B = X->size1;
  net->x_data = X->data;
  net->x_tda = X->tda;
  net->batch = B;
  for (size_t l = 1; l <= net->depth; l++) {
    size_t out = net->width[l];
    gsl_matrix_view W = mdl_net_weight(net, NULL, l - 1);
    gsl_vector_view bias = mdl_net_bias(net, NULL, l - 1);
    gsl_matrix_view Zl = gsl_matrix_view_array(net->Z[l], B, out);
    gsl_matrix Ap = layer_input(net, l);
    for (size_t b = 0; b < B; b++)
      memcpy(net->Z[l] + b * out, bias.vector.data, out * sizeof(double));
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, &Ap, &W.matrix, 1.0,
                   &Zl.matrix);
    activate_array(net->act[l - 1], net->alpha[l - 1], net->Z[l], net->A[l],
                   B * out);
  }
}

int mdl_net_forward(mdl_net *net, const gsl_matrix *X, gsl_matrix *Y)
{
  if (net == NULL || X == NULL || Y == NULL)
    MDL_ERROR(GSL_EFAULT, "%s is NULL",
              net == NULL ? "net" : X == NULL ? "X" : "Y");
  if (X->size2 != net->width[0] || Y->size1 != X->size1
      || Y->size2 != net->width[net->depth])
    MDL_ERROR(GSL_EBADLEN, "mdl_net_forward: X is %zu x %zu and Y %zu x %zu for"
              " a network from %zu inputs to %zu outputs", X->size1, X->size2,
              Y->size1, Y->size2, net->width[0], net->width[net->depth]);
  if (X->size1 == 0)
    MDL_ERROR(GSL_EBADLEN, "mdl_net_forward: X has 0 rows");
  size_t bi, bj;
  if (!mdl_numcheck_finite_matrix(X, &bi, &bj))
    MDL_ERROR(GSL_EDOM, "mdl_net_forward: X[%zu][%zu] = %g is not finite", bi,
              bj, gsl_matrix_get(X, bi, bj));
  int status = reserve(__func__, net, X->size1);
  if (status)
    return status;
  run_forward(net, X);
  gsl_matrix_const_view out = gsl_matrix_const_view_array(
      net->A[net->depth], X->size1, net->width[net->depth]);
  gsl_matrix_memcpy(Y, &out.matrix);
  return GSL_SUCCESS;
}
#line 2290 "chapters/02-approximation.nw"
MDL_HOT_LOOP static void column_sums(const double *G, size_t B, size_t out,
                                     double *db)
{
  memcpy(db, G, out * sizeof(double));
  for (size_t b = 1; b < B; b++) {
    const double *row = G + b * out;
#pragma omp simd
    for (size_t i = 0; i < out; i++)
      db[i] += row[i];
  }
}

int mdl_net_backward(mdl_net *net, const gsl_matrix *dY, gsl_vector *grad,
                     gsl_matrix *dX)
{
  if (net == NULL || dY == NULL)
    MDL_ERROR(GSL_EFAULT, "%s is NULL", net == NULL ? "net" : "dY");
  if (net->batch == 0)
    GSL_ERROR("backward needs a forward pass first", GSL_EINVAL);
  for (size_t l = 0; l < net->depth; l++)
    if (!has_gradient(net->act[l]))
      MDL_ERROR(GSL_EINVAL, "the activation %d of layer %zu (the step or the"
                " sign) has no gradient", (int)net->act[l], l);
  const size_t B = net->batch, L = net->depth;
  if (dY->size1 != B || dY->size2 != net->width[L])
    MDL_ERROR(GSL_EBADLEN, "mdl_net_backward: dY is %zu x %zu, the last forward"
              " pass %zu x %zu", dY->size1, dY->size2, B, net->width[L]);
  if (grad && grad->size != net->nparams)
    MDL_ERROR(GSL_EBADLEN, "mdl_net_backward: grad has length %zu, the network"
              " %zu parameters", grad->size, net->nparams);
  if (grad && grad->stride != 1)
    MDL_ERROR(GSL_EINVAL, "grad has stride %zu; it must be 1", grad->stride);
  if (dX && (dX->size1 != B || dX->size2 != net->width[0]))
    MDL_ERROR(GSL_EBADLEN, "mdl_net_backward: dX is %zu x %zu, expected %zu x"
              " %zu", dX->size1, dX->size2, B, net->width[0]);
  size_t bi, bj;
  if (!mdl_numcheck_finite_matrix(dY, &bi, &bj))
    MDL_ERROR(GSL_EDOM, "mdl_net_backward: dY[%zu][%zu] = %g is not finite", bi,
              bj, gsl_matrix_get(dY, bi, bj));
  double *G = net->scratch[0], *next = net->scratch[1];
  for (size_t b = 0; b < B; b++)
    memcpy(G + b * net->width[L], dY->data + b * dY->tda,
           net->width[L] * sizeof(double));
  for (size_t l = L; l >= 1; l--) {
#line 2350 "chapters/02-approximation.nw"
    size_t in = net->width[l - 1], out = net->width[l];
    multiply_by_deriv(net->act[l - 1], net->alpha[l - 1], net->Z[l], G, B * out);
    gsl_matrix_view Delta = gsl_matrix_view_array(G, B, out);
    if (grad) {
      gsl_matrix_view gW = mdl_net_weight(net, grad, l - 1);
      gsl_vector_view gb = mdl_net_bias(net, grad, l - 1);
      gsl_matrix Ap = layer_input(net, l);
      gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &Delta.matrix, &Ap, 0.0,
                     &gW.matrix);
      column_sums(G, B, out, gb.vector.data);
    }
#line 2335 "chapters/02-approximation.nw"
    if (l == 1 && dX == NULL)
      break;
#line 2365 "chapters/02-approximation.nw"
    gsl_matrix_view W = mdl_net_weight(net, NULL, l - 1);
    gsl_matrix_view Gnext = gsl_matrix_view_array(next, B, in);
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &Delta.matrix, &W.matrix, 0.0,
                   &Gnext.matrix);
    double *tmp = G;
    G = next;
    next = tmp;
#line 2338 "chapters/02-approximation.nw"
  }
  if (dX) {
    gsl_matrix_const_view G0 = gsl_matrix_const_view_array(G, B,
                                                            net->width[0]);
    gsl_matrix_memcpy(dX, &G0.matrix);
  }
  return GSL_SUCCESS;
}
#line 2380 "chapters/02-approximation.nw"
static int net_gradient(const char *fn, mdl_net *net, mdl_net_loss loss,
                        const gsl_matrix *X, const gsl_matrix *Y,
                        double *value, gsl_vector *grad)
{
  if (net == NULL || X == NULL || Y == NULL || value == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: %s is NULL", fn,
              net == NULL ? "net" : X == NULL ? "X" : Y == NULL ? "Y" : "value");
  const size_t B = X->size1, nL = net->width[net->depth];
  if (X->size2 != net->width[0] || Y->size1 != B || Y->size2 != nL)
    MDL_ERROR(GSL_EBADLEN, "%s: X is %zu x %zu and Y %zu x %zu for a network"
              " from %zu inputs to %zu outputs", fn, X->size1, X->size2,
              Y->size1, Y->size2, net->width[0], nL);
  if (grad && grad->size != net->nparams)
    MDL_ERROR(GSL_EBADLEN, "%s: grad has length %zu, the network %zu"
              " parameters", fn, grad->size, net->nparams);
  if (grad && grad->stride != 1)
    MDL_ERROR(GSL_EINVAL, "%s: grad has stride %zu; it must be 1", fn,
              grad->stride);
  if (B == 0)
    MDL_ERROR(GSL_EBADLEN, "%s: X has 0 rows", fn);
  for (size_t l = 0; grad && l < net->depth; l++)
    if (!has_gradient(net->act[l]))
      MDL_ERROR(GSL_EINVAL, "%s: the activation %d of layer %zu (the step or"
                " the sign) has no gradient", fn, (int)net->act[l], l);
  size_t bi, bj;
  if (!mdl_numcheck_finite_matrix(X, &bi, &bj))
    MDL_ERROR(GSL_EDOM, "%s: X[%zu][%zu] = %g is not finite", fn, bi, bj,
              gsl_matrix_get(X, bi, bj));
  int status = reserve(fn, net, B);
  if (status)
    return status;
  run_forward(net, X);
  gsl_matrix_const_view V = gsl_matrix_const_view_array(net->A[net->depth],
                                                        B, nL);
  gsl_matrix_view dV = gsl_matrix_view_array(net->scratch[1], B, nL);
  double v;
  status = loss_eval(fn, loss, &V.matrix, Y, &v, &dV.matrix);
  if (status)
    return status;
  if (grad) {
    status = mdl_net_backward(net, &dV.matrix, grad, NULL);
    if (status)
      return status;
  }
  *value = v;
  return GSL_SUCCESS;
}

int mdl_net_gradient(mdl_net *net, mdl_net_loss loss, const gsl_matrix *X,
                     const gsl_matrix *Y, double *value, gsl_vector *grad)
{
  return net_gradient(__func__, net, loss, X, Y, value, grad);
}
#line 3790 "chapters/02-approximation.nw"
static int train_step(const char *fn, mdl_net *net, mdl_optim *opt,
                      mdl_net_loss loss, const gsl_matrix *X,
                      const gsl_matrix *Y, double *value)
{
  if (net == NULL || opt == NULL || X == NULL || Y == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: %s is NULL", fn,
              net == NULL ? "net" : opt == NULL ? "opt" : X == NULL ? "X" : "Y");
  if (net->grad == NULL) {
    net->grad = gsl_vector_alloc(net->nparams);
    if (net->grad == NULL)
      MDL_ERROR(GSL_ENOMEM, "%s: cannot allocate the gradient", fn);
  }
  double v;
  int status = net_gradient(fn, net, loss, X, Y, &v, net->grad);
  if (status)
    return status;
  relay_begin();
  status = relay_end(fn, mdl_optim_step(opt, net->theta, net->grad));
  if (status)
    return status;
  if (value)
    *value = v;
  return GSL_SUCCESS;
}

int mdl_net_train_step(mdl_net *net, mdl_optim *opt, mdl_net_loss loss,
                       const gsl_matrix *X, const gsl_matrix *Y,
                       double *value)
{
  return train_step(__func__, net, opt, loss, X, Y, value);
}
#line 3830 "chapters/02-approximation.nw"
int mdl_net_sgd_step(mdl_net *net, double lr, mdl_net_loss loss,
                     const gsl_matrix *X, const gsl_matrix *Y, double *value)
{
  if (net == NULL || X == NULL || Y == NULL)
    MDL_ERROR(GSL_EFAULT, "%s is NULL",
              net == NULL ? "net" : X == NULL ? "X" : "Y");
  if (!(lr >= 0) || !isfinite(lr))
    MDL_ERROR(GSL_EINVAL, "lr = %g; the step must be finite and"
              " non-negative", lr);
  if (net->grad == NULL) {
    net->grad = gsl_vector_alloc(net->nparams);
    if (net->grad == NULL)
      GSL_ERROR("cannot allocate the gradient", GSL_ENOMEM);
  }
  double v;
  int status = net_gradient(__func__, net, loss, X, Y, &v, net->grad);
  if (status)
    return status;
  gsl_blas_daxpy(-lr, net->grad, net->theta);
  if (value)
    *value = v;
  return GSL_SUCCESS;
}
#line 3858 "chapters/02-approximation.nw"
int mdl_net_train_epoch(mdl_net *net, mdl_optim *opt, mdl_net_loss loss,
                        const gsl_matrix *X, const gsl_matrix *Y,
                        size_t batch, const gsl_rng *r, double *mean_loss)
{
  if (net == NULL || opt == NULL || X == NULL || Y == NULL)
    MDL_ERROR(GSL_EFAULT, "%s is NULL",
              net == NULL ? "net" : opt == NULL ? "opt" : X == NULL ? "X" : "Y");
  if (batch == 0)
    MDL_ERROR(GSL_EINVAL, "batch = 0; the batch size must be positive");
  const size_t n = X->size1, n0 = net->width[0], nL = net->width[net->depth];
  if (X->size2 != n0 || Y->size1 != n || Y->size2 != nL)
    MDL_ERROR(GSL_EBADLEN, "X is %zu x %zu and Y %zu x %zu for a network from"
              " %zu inputs to %zu outputs", X->size1, X->size2, Y->size1,
              Y->size2, n0, nL);
  if (n == 0)
    MDL_ERROR(GSL_EBADLEN, "mdl_net_train_epoch: X has 0 rows");
  size_t bi, bj;
  if (!mdl_numcheck_finite_matrix(X, &bi, &bj))
    MDL_ERROR(GSL_EDOM, "mdl_net_train_epoch: X[%zu][%zu] = %g is not finite",
              bi, bj, gsl_matrix_get(X, bi, bj));
  if (!mdl_numcheck_finite_matrix(Y, &bi, &bj))
    MDL_ERROR(GSL_EDOM, "mdl_net_train_epoch: Y[%zu][%zu] = %g is not finite",
              bi, bj, gsl_matrix_get(Y, bi, bj));
  size_t rows = batch < n ? batch : n;
  size_t *order = malloc(n * sizeof *order);
  gsl_matrix *Xb = gsl_matrix_alloc(rows, n0), *Yb = gsl_matrix_alloc(rows, nL);
  if (order == NULL || Xb == NULL || Yb == NULL) {
    free(order);
    gsl_matrix_free(Xb);
    gsl_matrix_free(Yb);
    GSL_ERROR("cannot allocate the minibatches", GSL_ENOMEM);
  }
  for (size_t i = 0; i < n; i++)
    order[i] = i;
  if (r)
    gsl_ran_shuffle(r, order, n, sizeof *order);
  double total = 0;
  size_t steps = 0;
  int status = GSL_SUCCESS;
  for (size_t start = 0; start < n && status == GSL_SUCCESS; start += batch) {
#line 3912 "chapters/02-approximation.nw"
    size_t B = n - start < batch ? n - start : batch;
    for (size_t b = 0; b < B; b++) {
      gsl_vector_const_view x = gsl_matrix_const_row(X, order[start + b]);
      gsl_vector_const_view y = gsl_matrix_const_row(Y, order[start + b]);
      gsl_matrix_set_row(Xb, b, &x.vector);
      gsl_matrix_set_row(Yb, b, &y.vector);
    }
    gsl_matrix_view Xv = gsl_matrix_submatrix(Xb, 0, 0, B, n0);
    gsl_matrix_view Yv = gsl_matrix_submatrix(Yb, 0, 0, B, nL);
    double v;
    status = train_step("mdl_net_train_epoch", net, opt, loss, &Xv.matrix,
                        &Yv.matrix, &v);
    total += v;
    steps++;
#line 3899 "chapters/02-approximation.nw"
  }
  free(order);
  gsl_matrix_free(Xb);
  gsl_matrix_free(Yb);
  if (status)
    return status;
  if (mean_loss)
    *mean_loss = total / (double)steps;
  return GSL_SUCCESS;
}
#line 5000 "chapters/02-approximation.nw"
static int predict(const char *fn, const mdl_net *net, const gsl_matrix *X,
                   gsl_matrix *Y)
{
  if (net == NULL || X == NULL || Y == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: %s is NULL", fn,
              net == NULL ? "net" : X == NULL ? "X" : "Y");
  if (X->size2 != net->width[0] || Y->size1 != X->size1
      || Y->size2 != net->width[net->depth] || X->size1 == 0)
    MDL_ERROR(GSL_EBADLEN, "%s: X is %zu x %zu and Y %zu x %zu for a network"
              " from %zu inputs to %zu outputs", fn, X->size1, X->size2,
              Y->size1, Y->size2, net->width[0], net->width[net->depth]);
  size_t bi, bj;
  if (!mdl_numcheck_finite_matrix(X, &bi, &bj))
    MDL_ERROR(GSL_EDOM, "%s: X[%zu][%zu] = %g is not finite", fn, bi, bj,
              gsl_matrix_get(X, bi, bj));
  const size_t B = X->size1;
  if (B > SIZE_MAX / sizeof(double) / (2 * net->maxwidth))
    MDL_ERROR(GSL_ENOMEM, "%s: a batch of %zu rows is too large", fn, B);
  double *buf = malloc(2 * B * net->maxwidth * sizeof *buf);
  if (buf == NULL)
    MDL_ERROR(GSL_ENOMEM, "%s: no memory for %zu rows", fn, B);
  double *z = buf, *a = buf + B * net->maxwidth;
  for (size_t l = 1; l <= net->depth; l++) {
    size_t out = net->width[l];
    gsl_matrix_view W = mdl_net_weight(net, NULL, l - 1);
    gsl_vector_view bias = mdl_net_bias(net, NULL, l - 1);
    gsl_matrix_view Zl = gsl_matrix_view_array(z, B, out);
    gsl_matrix_const_view Ap =
        l == 1 ? gsl_matrix_const_view_array_with_tda(X->data, B,
                                                      net->width[0], X->tda)
               : gsl_matrix_const_view_array(a, B, net->width[l - 1]);
    for (size_t b = 0; b < B; b++)
      memcpy(z + b * out, bias.vector.data, out * sizeof(double));
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, &Ap.matrix, &W.matrix, 1.0,
                   &Zl.matrix);
    activate_array(net->act[l - 1], net->alpha[l - 1], z, a, B * out);
  }
  gsl_matrix_const_view out = gsl_matrix_const_view_array(
      a, B, net->width[net->depth]);
  gsl_matrix_memcpy(Y, &out.matrix);
  free(buf);
  return GSL_SUCCESS;
}

int mdl_net_predict(const mdl_net *net, const gsl_matrix *X, gsl_matrix *Y)
{
  return predict(__func__, net, X, Y);
}

int mdl_net_loss_value(const mdl_net *net, mdl_net_loss loss,
                       const gsl_matrix *X, const gsl_matrix *Y,
                       double *value)
{
  if (net == NULL || X == NULL || Y == NULL || value == NULL)
    MDL_ERROR(GSL_EFAULT, "mdl_net_loss_value: %s is NULL",
              net == NULL ? "net" : X == NULL ? "X" : Y == NULL ? "Y" : "value");
  if (Y->size1 != X->size1 || Y->size2 != net->width[net->depth]
      || X->size1 == 0)
    MDL_ERROR(GSL_EBADLEN, "mdl_net_loss_value: Y is %zu x %zu for %zu rows "
              "and %zu outputs", Y->size1, Y->size2, X->size1,
              net->width[net->depth]);
  gsl_matrix *V = gsl_matrix_alloc(Y->size1, Y->size2);
  if (V == NULL)
    MDL_ERROR(GSL_ENOMEM, "mdl_net_loss_value: no memory");
  int status = predict(__func__, net, X, V);
  double v = 0;
  if (status == GSL_SUCCESS)
    status = loss_eval(__func__, loss, V, Y, &v, NULL);
  gsl_matrix_free(V);
  if (status)
    return status;
  *value = v;
  return GSL_SUCCESS;
}

static int row_argmax(const gsl_matrix *M, size_t b, size_t *k)
{
  size_t best = 0;
  int tie = 0;
  for (size_t j = 1; j < M->size2; j++) {
    double m = gsl_matrix_get(M, b, j), top = gsl_matrix_get(M, b, best);
    if (m > top) {
      best = j;
      tie = 0;
    } else if (m == top) {
      tie = 1;
    }
  }
  *k = best;
  return !tie;
}

int mdl_net_accuracy(const mdl_net *net, mdl_net_loss loss,
                     const gsl_matrix *X, const gsl_matrix *Y, double *acc)
{
  if (net == NULL || X == NULL || Y == NULL || acc == NULL)
    MDL_ERROR(GSL_EFAULT, "mdl_net_accuracy: %s is NULL",
              net == NULL ? "net" : X == NULL ? "X" : Y == NULL ? "Y" : "acc");
  if (loss == MDL_NET_LOSS_SQUARED)
    MDL_ERROR(GSL_EINVAL, "mdl_net_accuracy: the squared loss has no classes");
  if (loss != MDL_NET_LOSS_LOGISTIC && loss != MDL_NET_LOSS_HINGE
      && loss != MDL_NET_LOSS_LOGISTIC01 && loss != MDL_NET_LOSS_SOFTMAX_CE)
    MDL_ERROR(GSL_EINVAL, "mdl_net_accuracy: unknown loss %d", (int)loss);
  if (Y->size1 != X->size1 || Y->size2 != net->width[net->depth]
      || X->size1 == 0)
    MDL_ERROR(GSL_EBADLEN, "mdl_net_accuracy: Y is %zu x %zu for %zu rows "
              "and %zu outputs", Y->size1, Y->size2, X->size1,
              net->width[net->depth]);
  for (size_t b = 0; b < Y->size1; b++)
    for (size_t j = 0; j < Y->size2; j++) {
      double t = gsl_matrix_get(Y, b, j);
      int ok = loss == MDL_NET_LOSS_LOGISTIC01 ? (t == 0 || t == 1)
               : loss == MDL_NET_LOSS_SOFTMAX_CE ? isfinite(t)
                                                 : (t == 1 || t == -1);
      if (!ok)
        MDL_ERROR(GSL_EDOM, "mdl_net_accuracy: Y[%zu][%zu] = %g has no class",
                  b, j, t);
    }
  gsl_matrix *V = gsl_matrix_alloc(Y->size1, Y->size2);
  if (V == NULL)
    MDL_ERROR(GSL_ENOMEM, "mdl_net_accuracy: no memory");
  int status = predict(__func__, net, X, V);
  if (status) {
    gsl_matrix_free(V);
    return status;
  }
  size_t right = 0, total = 0;
  for (size_t b = 0; b < V->size1; b++) {
    if (loss == MDL_NET_LOSS_SOFTMAX_CE) {
      size_t kv, ky;
      int decided = row_argmax(V, b, &kv);
      row_argmax(Y, b, &ky);
      right += decided && kv == ky;
      total++;
      continue;
    }
    for (size_t j = 0; j < V->size2; j++) {
      double v = gsl_matrix_get(V, b, j), t = gsl_matrix_get(Y, b, j);
      right += t == 1 ? v > 0 : v < 0;
      total++;
    }
  }
  gsl_matrix_free(V);
  *acc = (double)right / (double)total;
  return GSL_SUCCESS;
}
#line 5150 "chapters/02-approximation.nw"
static int data_check(const char *fn, gsl_matrix *X, gsl_vector *y,
                      size_t cols, double noise)
{
  if (X == NULL || y == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: %s is NULL", fn, X == NULL ? "X" : "y");
  if (X->size1 == 0 || X->size2 != cols || y->size != X->size1)
    MDL_ERROR(GSL_EBADLEN, "%s: X is %zu x %zu and y has %zu entries; need "
              "n x %zu and n, n >= 1", fn, X->size1, X->size2, y->size, cols);
  if (!(noise >= 0) || !isfinite(noise))
    MDL_ERROR(GSL_EDOM, "%s: noise = %g must be finite and >= 0", fn, noise);
  return GSL_SUCCESS;
}

static gsl_rng *data_rng(unsigned long seed)
{
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  if (r)
    gsl_rng_set(r, seed);
  return r;
}

int mdl_data_moons(unsigned long seed, double noise, gsl_matrix *X,
                   gsl_vector *y)
{
  int status = data_check("mdl_data_moons", X, y, 2, noise);
  if (status)
    return status;
  gsl_rng *r = data_rng(seed);
  if (r == NULL)
    MDL_ERROR(GSL_ENOMEM, "mdl_data_moons: no memory for the generator");
  for (size_t i = 0; i < X->size1; i++) {
    double t = gsl_ran_flat(r, 0, M_PI), c = cos(t), s = sin(t);
    int upper = i % 2 == 0;
    double x1 = upper ? c : 1 - c, x2 = upper ? s : 0.5 - s;
    if (noise > 0) {
      x1 += gsl_ran_gaussian(r, noise);
      x2 += gsl_ran_gaussian(r, noise);
    }
    gsl_matrix_set(X, i, 0, x1);
    gsl_matrix_set(X, i, 1, x2);
    gsl_vector_set(y, i, upper ? -1 : 1);
  }
  gsl_rng_free(r);
  return GSL_SUCCESS;
}

int mdl_data_spirals(unsigned long seed, double noise, gsl_matrix *X,
                     gsl_vector *y)
{
  int status = data_check("mdl_data_spirals", X, y, 2, noise);
  if (status)
    return status;
  gsl_rng *r = data_rng(seed);
  if (r == NULL)
    MDL_ERROR(GSL_ENOMEM, "mdl_data_spirals: no memory for the generator");
  for (size_t i = 0; i < X->size1; i++) {
    double rad = gsl_rng_uniform(r), angle = 4 * M_PI * rad + (i % 2) * M_PI;
    double x1 = rad * cos(angle), x2 = rad * sin(angle);
    if (noise > 0) {
      x1 += gsl_ran_gaussian(r, noise);
      x2 += gsl_ran_gaussian(r, noise);
    }
    gsl_matrix_set(X, i, 0, x1);
    gsl_matrix_set(X, i, 1, x2);
    gsl_vector_set(y, i, i % 2 ? -1 : 1);
  }
  gsl_rng_free(r);
  return GSL_SUCCESS;
}

int mdl_data_gaussian_mixture(unsigned long seed, const gsl_matrix *means,
                              double sigma, gsl_matrix *X, gsl_vector *y)
{
  if (means == NULL)
    MDL_ERROR(GSL_EFAULT, "mdl_data_gaussian_mixture: means is NULL");
  if (means->size1 == 0 || means->size2 == 0)
    MDL_ERROR(GSL_EBADLEN, "mdl_data_gaussian_mixture: means is %zu x %zu",
              means->size1, means->size2);
  int status = data_check("mdl_data_gaussian_mixture", X, y, means->size2,
                          sigma);
  if (status)
    return status;
  size_t i0, j0;
  if (!mdl_numcheck_finite_matrix(means, &i0, &j0))
    MDL_ERROR(GSL_EDOM, "mdl_data_gaussian_mixture: means[%zu][%zu] = %g",
              i0, j0, gsl_matrix_get(means, i0, j0));
  gsl_rng *r = data_rng(seed);
  if (r == NULL)
    MDL_ERROR(GSL_ENOMEM, "mdl_data_gaussian_mixture: no memory");
  const size_t K = means->size1;
  for (size_t i = 0; i < X->size1; i++) {
    for (size_t j = 0; j < X->size2; j++)
      gsl_matrix_set(X, i, j, gsl_matrix_get(means, i % K, j)
                                  + (sigma > 0 ? gsl_ran_gaussian(r, sigma)
                                               : 0));
    gsl_vector_set(y, i, (double)(i % K));
  }
  gsl_rng_free(r);
  return GSL_SUCCESS;
}
#line 4362 "chapters/02-approximation.nw"
enum { MDL_NET_FORMAT_VERSION = 1 };
static const unsigned char net_magic[8] = {0x89, 'M', 'D', 'L', 'N', 'E', 'T',
                                           '\n'};

typedef struct {
  FILE *fp;
  uint32_t crc;
  uint32_t table[256];
  int status;
} crc_stream;

static void crc_start(crc_stream *s, FILE *fp)
{
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = n;
    for (int k = 0; k < 8; k++)
      c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    s->table[n] = c;
  }
  s->fp = fp;
  s->crc = 0xFFFFFFFFu;
  s->status = GSL_SUCCESS;
}

static void crc_update(crc_stream *s, const unsigned char *buf, size_t n)
{
  for (size_t i = 0; i < n; i++)
    s->crc = s->table[(s->crc ^ buf[i]) & 0xFF] ^ (s->crc >> 8);
}

static uint32_t crc_value(const crc_stream *s)
{
  return s->crc ^ 0xFFFFFFFFu;
}
#line 4401 "chapters/02-approximation.nw"
static void put_bytes(crc_stream *s, const unsigned char *buf, size_t n)
{
  if (s->status)
    return;
  if (fwrite(buf, 1, n, s->fp) != n)
    s->status = GSL_EFAILED;
  crc_update(s, buf, n);
}

static void put_uint(crc_stream *s, uint64_t x, size_t n)
{
  unsigned char buf[8];
  for (size_t i = 0; i < n; i++)
    buf[i] = (unsigned char)(x >> (8 * i));
  put_bytes(s, buf, n);
}

static void put_double(crc_stream *s, double x)
{
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  put_uint(s, bits, 8);
}

static void get_bytes(crc_stream *s, unsigned char *buf, size_t n)
{
  if (s->status)
    return;
  if (fread(buf, 1, n, s->fp) != n)
    s->status = GSL_EOF;
  else
    crc_update(s, buf, n);
}

static uint64_t get_uint(crc_stream *s, size_t n)
{
  unsigned char buf[8] = {0};
  get_bytes(s, buf, n);
  uint64_t x = 0;
  for (size_t i = 0; i < n; i++)
    x |= (uint64_t)buf[i] << (8 * i);
  return x;
}

static double get_double(crc_stream *s)
{
  uint64_t bits = get_uint(s, 8);
  double x;
  memcpy(&x, &bits, sizeof x);
  return x;
}
#line 4455 "chapters/02-approximation.nw"
_Static_assert(sizeof(double) == 8, "doubles must be 64-bit IEEE 754");

int mdl_net_fwrite(FILE *stream, const mdl_net *net)
{
  if (stream == NULL || net == NULL)
    MDL_ERROR(GSL_EFAULT, "%s is NULL", stream == NULL ? "stream" : "net");
  crc_stream s;
  crc_start(&s, stream);
  put_bytes(&s, net_magic, sizeof net_magic);
  put_uint(&s, MDL_NET_FORMAT_VERSION, 4);
  put_uint(&s, net->depth, 4);
  put_uint(&s, crc_value(&s), 4);
  for (size_t l = 0; l <= net->depth; l++)
    put_uint(&s, net->width[l], 8);
  for (size_t l = 0; l < net->depth; l++) {
    put_uint(&s, (uint64_t)net->act[l], 4);
    put_double(&s, net->alpha[l]);
  }
  put_uint(&s, crc_value(&s), 4);
  put_uint(&s, net->nparams, 8);
  for (size_t i = 0; i < net->nparams; i++)
    put_double(&s, gsl_vector_get(net->theta, i));
  put_uint(&s, crc_value(&s), 4);
  if (s.status == GSL_SUCCESS && fflush(stream) != 0)
    s.status = GSL_EFAILED;
  if (s.status)
    GSL_ERROR("cannot write the network to the stream", GSL_EFAILED);
  return GSL_SUCCESS;
}
#line 4494 "chapters/02-approximation.nw"
#define READ_FAIL(msg, code)                                                  \
  do {                                                                        \
    free(widths);                                                             \
    free(acts);                                                               \
    free(alphas);                                                             \
    mdl_net_free(net);                                                        \
    MDL_ERROR_VAL(NULL, (code), "%s: %s", fn, (msg));                         \
  } while (0)

static mdl_net *net_read(const char *fn, FILE *stream)
{
  if (stream == NULL)
    MDL_ERROR_VAL(NULL, GSL_EFAULT, "%s: stream is NULL", fn);
  size_t *widths = NULL;
  mdl_net_activation *acts = NULL;
  double *alphas = NULL;
  mdl_net *net = NULL;
  crc_stream s;
  crc_start(&s, stream);
#line 4529 "chapters/02-approximation.nw"
  unsigned char magic[sizeof net_magic];
  get_bytes(&s, magic, sizeof magic);
  if (s.status)
    READ_FAIL("the stream ends before the network", GSL_EOF);
  if (memcmp(magic, net_magic, sizeof magic) != 0)
    READ_FAIL("not an mdl network: wrong magic number", GSL_EFAILED);
  uint64_t version = get_uint(&s, 4), depth64 = get_uint(&s, 4);
  uint32_t expected = crc_value(&s);
  uint64_t stored = get_uint(&s, 4);
  if (s.status)
    READ_FAIL("the stream ends before the network", GSL_EOF);
  if (stored != expected)
    READ_FAIL("corrupted network: the header fails its checksum", GSL_EFAILED);
  if (version != MDL_NET_FORMAT_VERSION)
    READ_FAIL("unknown version of the network format", GSL_EUNSUP);
  if (depth64 < 1 || depth64 > (1u << 20))
    READ_FAIL("corrupted network: impossible depth", GSL_EFAILED);
  size_t depth = (size_t)depth64;
#line 4514 "chapters/02-approximation.nw"
#line 4550 "chapters/02-approximation.nw"
  widths = malloc((depth + 1) * sizeof *widths);
  acts = malloc(depth * sizeof *acts);
  alphas = malloc(depth * sizeof *alphas);
  if (widths == NULL || acts == NULL || alphas == NULL)
    READ_FAIL("cannot allocate the architecture", GSL_ENOMEM);
  int bad = 0;
  for (size_t l = 0; l <= depth; l++) {
    uint64_t w = get_uint(&s, 8);
    bad |= w == 0 || w > SIZE_MAX / sizeof(double);
    widths[l] = (size_t)w;
  }
  for (size_t l = 0; l < depth; l++) {
    uint64_t a = get_uint(&s, 4);
    alphas[l] = get_double(&s);
    bad |= a > MDL_NET_SQUARE || !isfinite(alphas[l]);
    acts[l] = (mdl_net_activation)(a > MDL_NET_SQUARE ? 0 : a);
  }
  expected = crc_value(&s);
  stored = get_uint(&s, 4);
  if (s.status)
    READ_FAIL("the stream ends before the network", GSL_EOF);
  if (stored != expected)
    READ_FAIL("corrupted network: the architecture fails its checksum",
              GSL_EFAILED);
  if (bad)
    READ_FAIL("corrupted network: impossible architecture", GSL_EFAILED);
#line 4515 "chapters/02-approximation.nw"
#line 4579 "chapters/02-approximation.nw"
  uint64_t nparams = get_uint(&s, 8);
  if (s.status)
    READ_FAIL("the stream ends before the network", GSL_EOF);
  net = mdl_net_alloc(depth, widths, acts);
  if (net == NULL)
    READ_FAIL("cannot allocate the network", GSL_ENOMEM);
  if (nparams != net->nparams)
    READ_FAIL("corrupted network: wrong number of parameters", GSL_EFAILED);
  memcpy(net->alpha, alphas, depth * sizeof *alphas);
  for (size_t i = 0; i < net->nparams && s.status == GSL_SUCCESS; i++)
    gsl_vector_set(net->theta, i, get_double(&s));
  expected = crc_value(&s);
  stored = get_uint(&s, 4);
  if (s.status)
    READ_FAIL("the stream ends before the network", GSL_EOF);
  if (stored != expected)
    READ_FAIL("corrupted network: the parameters fail their checksum",
              GSL_EFAILED);
#line 4516 "chapters/02-approximation.nw"
  free(widths);
  free(acts);
  free(alphas);
  return net;
}

mdl_net *mdl_net_fread(FILE *stream)
{
  return net_read(__func__, stream);
}
#line 5256 "chapters/02-approximation.nw"
int mdl_net_save(const mdl_net *net, const char *path)
{
  if (net == NULL || path == NULL)
    MDL_ERROR(GSL_EFAULT, "mdl_net_save: %s is NULL",
              net == NULL ? "net" : "path");
  FILE *fp = fopen(path, "wb");
  if (fp == NULL)
    MDL_ERROR(GSL_EFAILED, "mdl_net_save: cannot open %s: %s", path,
              strerror(errno));
  gsl_error_handler_t *old = gsl_set_error_handler_off();
  int status = mdl_net_fwrite(fp, net);
  gsl_set_error_handler(old);
  int closed = fclose(fp);
  if (status || closed != 0) {
    remove(path);
    MDL_ERROR(GSL_EFAILED, "mdl_net_save: cannot write %s", path);
  }
  return GSL_SUCCESS;
}

mdl_net *mdl_net_load(const char *path)
{
  if (path == NULL)
    MDL_ERROR_VAL(NULL, GSL_EFAULT, "mdl_net_load: path is NULL");
  FILE *fp = fopen(path, "rb");
  if (fp == NULL)
    MDL_ERROR_VAL(NULL, GSL_EFAILED, "mdl_net_load: cannot open %s: %s",
                  path, strerror(errno));
  mdl_net *net = net_read(__func__, fp);
  int extra = net != NULL && fgetc(fp) != EOF;
  fclose(fp);
  if (extra) {
    mdl_net_free(net);
    MDL_ERROR_VAL(NULL, GSL_EFAILED,
                  "mdl_net_load: %s holds more than one network", path);
  }
  return net;
}
#line 3196 "chapters/02-approximation.nw"
struct mdl_net_graph {
  size_t ninputs, n, cap, nout, outcap, edges;
  int *op;
  size_t *arg;
  double *value, *partial, *work;
  size_t *out;
};

static int arity(int op)
{
  return op == MDL_NET_OP_ADD || op == MDL_NET_OP_MUL ? 2 : op < 0 ? 0 : 1;
}

void mdl_net_graph_free(mdl_net_graph *g)
{
  if (g == NULL)
    return;
  free(g->op);
  free(g->arg);
  free(g->value);
  free(g->partial);
  free(g->work);
  free(g->out);
  free(g);
}

static int graph_grow(mdl_net_graph *g, size_t cap)
{
  int *op = realloc(g->op, cap * sizeof *op);
  if (op)
    g->op = op;
  size_t *arg = realloc(g->arg, 2 * cap * sizeof *arg);
  if (arg)
    g->arg = arg;
  double *value = realloc(g->value, cap * sizeof *value);
  if (value)
    g->value = value;
  double *partial = realloc(g->partial, 2 * cap * sizeof *partial);
  if (partial)
    g->partial = partial;
  double *work = realloc(g->work, cap * sizeof *work);
  if (work)
    g->work = work;
  if (!op || !arg || !value || !partial || !work)
    return GSL_ENOMEM;
  g->cap = cap;
  return GSL_SUCCESS;
}

mdl_net_graph *mdl_net_graph_alloc(size_t ninputs)
{
  if (ninputs == 0)
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "ninputs = 0; a graph needs at least one"
                  " input");
  mdl_net_graph *g = calloc(1, sizeof *g);
  if (g == NULL || graph_grow(g, 2 * ninputs + 8)) {
    mdl_net_graph_free(g);
    GSL_ERROR_NULL("cannot allocate the graph", GSL_ENOMEM);
  }
  g->ninputs = g->n = ninputs;
  for (size_t i = 0; i < ninputs; i++)
    g->op[i] = -1;
  return g;
}
#line 3265 "chapters/02-approximation.nw"
int mdl_net_graph_add(mdl_net_graph *g, mdl_net_op op, size_t a, size_t b,
                      size_t *node)
{
  if (g == NULL || node == NULL)
    MDL_ERROR(GSL_EFAULT, "%s is NULL", g == NULL ? "g" : "node");
  if (op < MDL_NET_OP_ADD || op > MDL_NET_OP_TANH)
    MDL_ERROR(GSL_EINVAL, "unknown operation %d", (int)op);
  if (a >= g->n || (arity(op) == 2 && b >= g->n))
    MDL_ERROR(GSL_EINVAL, "the arguments a = %zu%s%.0zu must be earlier"
              " nodes, below %zu", a, arity(op) == 2 ? ", b = " : "",
              arity(op) == 2 ? b : 0, g->n);
  if (g->n == g->cap && graph_grow(g, 2 * g->cap))
    GSL_ERROR("cannot grow the graph", GSL_ENOMEM);
  g->op[g->n] = op;
  g->arg[2 * g->n] = a;
  g->arg[2 * g->n + 1] = arity(op) == 2 ? b : a;
  g->edges += (size_t)arity(op);
  *node = g->n++;
  return GSL_SUCCESS;
}

int mdl_net_graph_output(mdl_net_graph *g, size_t node)
{
  if (g == NULL)
    GSL_ERROR("g is NULL", GSL_EFAULT);
  if (node >= g->n)
    MDL_ERROR(GSL_EINVAL, "node %zu; the graph has nodes 0 to %zu", node,
              g->n - 1);
  if (g->nout == g->outcap) {
    size_t cap = g->outcap ? 2 * g->outcap : 8;
    size_t *out = realloc(g->out, cap * sizeof *out);
    if (out == NULL)
      GSL_ERROR("cannot grow the list of outputs", GSL_ENOMEM);
    g->out = out;
    g->outcap = cap;
  }
  g->out[g->nout++] = node;
  return GSL_SUCCESS;
}

int mdl_net_graph_size(const mdl_net_graph *g, size_t *nodes, size_t *edges,
                       size_t *outputs)
{
  if (g == NULL || nodes == NULL || edges == NULL || outputs == NULL)
    MDL_ERROR(GSL_EFAULT, "%s is NULL",
              g == NULL       ? "g"
              : nodes == NULL ? "nodes"
              : edges == NULL ? "edges"
                              : "outputs");
  *nodes = g->n;
  *edges = g->edges;
  *outputs = g->nout;
  return GSL_SUCCESS;
}
#line 3325 "chapters/02-approximation.nw"
static void graph_values(mdl_net_graph *g, const gsl_vector *x)
{
  for (size_t v = 0; v < g->n; v++) {
    if (v < g->ninputs) {
      g->value[v] = gsl_vector_get(x, v);
      continue;
    }
    double a = g->value[g->arg[2 * v]], b = g->value[g->arg[2 * v + 1]];
    double *p = g->partial + 2 * v;
    switch (g->op[v]) {
    case MDL_NET_OP_ADD: g->value[v] = a + b; p[0] = p[1] = 1; break;
    case MDL_NET_OP_MUL: g->value[v] = a * b; p[0] = b; p[1] = a; break;
    case MDL_NET_OP_SIN: g->value[v] = sin(a); p[0] = cos(a); break;
    case MDL_NET_OP_EXP: g->value[v] = p[0] = exp(a); break;
    default: g->value[v] = tanh(a); p[0] = 1 - g->value[v] * g->value[v];
    }
  }
}

static int graph_check(const char *fn, const mdl_net_graph *g,
                       const gsl_vector *x)
{
  if (g == NULL || x == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: %s is NULL", fn, g == NULL ? "g" : "x");
  if (x->size != g->ninputs)
    MDL_ERROR(GSL_EBADLEN, "%s: x has length %zu, the graph %zu inputs", fn,
              x->size, g->ninputs);
  if (g->nout == 0)
    MDL_ERROR(GSL_EBADLEN, "%s: the graph has 0 outputs", fn);
  size_t bad;
  if (!mdl_numcheck_finite(x, &bad))
    MDL_ERROR(GSL_EDOM, "%s: x[%zu] = %g is not finite", fn, bad,
              gsl_vector_get(x, bad));
  return GSL_SUCCESS;
}

int mdl_net_graph_eval(mdl_net_graph *g, const gsl_vector *x, gsl_vector *y)
{
  int status = graph_check(__func__, g, x);
  if (status)
    return status;
  if (y == NULL)
    GSL_ERROR("y is NULL", GSL_EFAULT);
  if (y->size != g->nout)
    MDL_ERROR(GSL_EBADLEN, "y has length %zu, the graph %zu outputs", y->size,
              g->nout);
  graph_values(g, x);
  for (size_t i = 0; i < g->nout; i++)
    gsl_vector_set(y, i, g->value[g->out[i]]);
  return GSL_SUCCESS;
}
#line 3384 "chapters/02-approximation.nw"
static size_t forward_pass(mdl_net_graph *g, size_t j)
{
  size_t ops = 0;
  double *t = g->work;
  for (size_t v = 0; v < g->n; v++) {
    if (v < g->ninputs) {
      t[v] = v == j;
    } else {
      t[v] = g->partial[2 * v] * t[g->arg[2 * v]];
      if (arity(g->op[v]) == 2) {
        t[v] += g->partial[2 * v + 1] * t[g->arg[2 * v + 1]];
        ops++;
      }
      ops++;
    }
    ops++;
  }
  return ops;
}

static size_t reverse_pass(mdl_net_graph *g, size_t i)
{
  size_t ops = 0;
  double *adj = g->work;
  for (size_t v = 0; v < g->n; v++, ops++)
    adj[v] = v == g->out[i];
  for (size_t v = g->n; v-- > g->ninputs;) {
    adj[g->arg[2 * v]] += g->partial[2 * v] * adj[v];
    ops++;
    if (arity(g->op[v]) == 2) {
      adj[g->arg[2 * v + 1]] += g->partial[2 * v + 1] * adj[v];
      ops++;
    }
  }
  return ops;
}

int mdl_net_graph_jacobian(mdl_net_graph *g, const gsl_vector *x, int reverse,
                           gsl_matrix *J, size_t *ops)
{
  int status = graph_check(__func__, g, x);
  if (status)
    return status;
  if (J == NULL)
    GSL_ERROR("J is NULL", GSL_EFAULT);
  if (J->size1 != g->nout || J->size2 != g->ninputs)
    MDL_ERROR(GSL_EBADLEN, "J is %zu x %zu, expected %zu x %zu (outputs x"
              " inputs)", J->size1, J->size2, g->nout, g->ninputs);
  graph_values(g, x);
  size_t count = 0;
  if (reverse) {
    for (size_t i = 0; i < g->nout; i++) {
      count += reverse_pass(g, i);
      for (size_t j = 0; j < g->ninputs; j++)
        gsl_matrix_set(J, i, j, g->work[j]);
    }
  } else {
    for (size_t j = 0; j < g->ninputs; j++) {
      count += forward_pass(g, j);
      for (size_t i = 0; i < g->nout; i++)
        gsl_matrix_set(J, i, j, g->work[g->out[i]]);
    }
  }
  if (ops)
    *ops = count;
  return GSL_SUCCESS;
}
