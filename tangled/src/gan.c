#line 3510 "chapters/05-gan.nw"
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <mdl/gan.h>

#line 3521 "chapters/05-gan.nw"
static double log_sigmoid(double z)
{
  return z >= 0 ? -log1p(exp(-z)) : z - log1p(exp(z));
}

static int check_game(const gsl_vector *p_r, const gsl_vector *p_g,
                      const gsl_vector *logit)
{
  if (p_r == NULL || p_g == NULL || logit == NULL)
    return GSL_EFAULT;
  if (p_r->size != p_g->size || logit->size != p_r->size)
    return GSL_EBADLEN;
  double sr = 0, sg = 0, tol = 8 * (double)p_r->size * DBL_EPSILON;
  for (size_t i = 0; i < p_r->size; i++) {
    double a = gsl_vector_get(p_r, i), b = gsl_vector_get(p_g, i);
    if (!(a >= 0) || !(b >= 0) || !isfinite(a) || !isfinite(b))
      return GSL_EDOM;
    sr += a;
    sg += b;
  }
  return fabs(sr - 1) <= tol && fabs(sg - 1) <= tol ? GSL_SUCCESS : GSL_EDOM;
}
#line 3546 "chapters/05-gan.nw"
double mdl_gan_value(const gsl_vector *p_r, const gsl_vector *p_g,
                     const gsl_vector *logit)
{
  int status = check_game(p_r, p_g, logit);
  if (status == GSL_SUCCESS)
    for (size_t i = 0; i < logit->size; i++)
      if (isnan(gsl_vector_get(logit, i)))
        status = GSL_EDOM;
  if (status)
    GSL_ERROR_VAL("mdl_gan_value: NULL, mismatched or invalid arguments",
                  status, GSL_NAN);
  double v = 0;
  for (size_t i = 0; i < logit->size; i++) {
    double a = gsl_vector_get(p_r, i), b = gsl_vector_get(p_g, i);
    double l = gsl_vector_get(logit, i);
    if (a > 0)
      v += a * log_sigmoid(l);
    if (b > 0)
      v += b * log_sigmoid(-l);
  }
  return v;
}

int mdl_gan_optimal_logit(const gsl_vector *p_r, const gsl_vector *p_g,
                          gsl_vector *logit)
{
  int status = check_game(p_r, p_g, logit);
  if (status)
    GSL_ERROR("mdl_gan_optimal_logit: NULL, mismatched or invalid arguments",
              status);
  for (size_t i = 0; i < logit->size; i++) {
    double a = gsl_vector_get(p_r, i), b = gsl_vector_get(p_g, i);
    gsl_vector_set(logit, i, a == 0 && b == 0 ? 0 : log(a) - log(b));
  }
  return GSL_SUCCESS;
}

typedef struct {
  const mdl_density *p_r, *p_g;
  const gsl_function *logit;
  int bad;
} game_integrand;

static double game_eval(double x, void *params)
{
  game_integrand *g = params;
  double lr = g->p_r->log_density(x, g->p_r->params);
  double lg = g->p_g->log_density(x, g->p_g->params);
  double l = GSL_FN_EVAL(g->logit, x);
  if (isnan(lr) || isnan(lg) || isnan(l) || lr == GSL_POSINF
      || lg == GSL_POSINF) {
    g->bad = 1;
    return 0;
  }
  double v = 0;
  if (lr > GSL_NEGINF)
    v += exp(lr) * log_sigmoid(l);
  if (lg > GSL_NEGINF)
    v += exp(lg) * log_sigmoid(-l);
  return v;
}

int mdl_gan_value_density(const mdl_density *p_r, const mdl_density *p_g,
                          const gsl_function *logit, double lo, double hi,
                          double *value, double *abserr)
{
  if (p_r == NULL || p_g == NULL || logit == NULL || value == NULL
      || p_r->log_density == NULL || p_g->log_density == NULL
      || logit->function == NULL)
    GSL_ERROR("the densities, the logit and value must not be NULL",
              GSL_EFAULT);
  if (!isfinite(lo) || !isfinite(hi) || !(lo < hi))
    GSL_ERROR("the interval must be finite with lo < hi", GSL_EINVAL);
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
  if (w == NULL)
    GSL_ERROR("cannot allocate the integration workspace", GSL_ENOMEM);
  game_integrand g = {p_r, p_g, logit, 0};
  gsl_function F = {game_eval, &g};
  double result, err;
  int status = gsl_integration_qags(&F, lo, hi, 1e-12, 1e-10, 1000, w,
                                    &result, &err);
  gsl_integration_workspace_free(w);
  if (g.bad)
    GSL_ERROR("a log-density or the logit returned NaN or +infinity",
              GSL_EBADFUNC);
  if (status)
    return status;
  *value = result;
  if (abserr)
    *abserr = err;
  return GSL_SUCCESS;
}

