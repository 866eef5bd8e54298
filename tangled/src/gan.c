#line 5091 "chapters/05-gan.nw"
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <mdl/gan.h>
#include <mdl/numcheck.h>
#line 6107 "chapters/05-gan.nw"
#include <string.h>
#include <gsl/gsl_linalg.h>
#line 5113 "chapters/05-gan.nw"
static double log_sigmoid(double z)
{
  return z >= 0 ? -log1p(exp(-z)) : z - log1p(exp(z));
}

static int check_game(const char *fn, const gsl_vector *p_r,
                      const gsl_vector *p_g, const gsl_vector *logit)
{
  if (p_r == NULL || p_g == NULL || logit == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: %s is NULL", fn,
              p_r == NULL ? "p_r" : p_g == NULL ? "p_g" : "logit");
  if (p_r->size != p_g->size || logit->size != p_r->size)
    MDL_ERROR(GSL_EBADLEN, "%s: p_r has length %zu, p_g %zu and logit %zu;"
              " they must be equal", fn, p_r->size, p_g->size, logit->size);
  MDL_CHECK_PROBABILITY(GSL_EDOM, fn, "p_r", p_r);
  MDL_CHECK_PROBABILITY(GSL_EDOM, fn, "p_g", p_g);
  return GSL_SUCCESS;
}
#line 5134 "chapters/05-gan.nw"
double mdl_gan_value(const gsl_vector *p_r, const gsl_vector *p_g,
                     const gsl_vector *logit)
{
  if (check_game(__func__, p_r, p_g, logit))
    return GSL_NAN;
  for (size_t i = 0; i < logit->size; i++)
    if (isnan(gsl_vector_get(logit, i)))
      MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "mdl_gan_value: logit[%zu] = %g", i,
                    gsl_vector_get(logit, i));
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
  int status = check_game(__func__, p_r, p_g, logit);
  if (status)
    return status;
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
    MDL_ERROR(GSL_EFAULT, "%s is NULL",
              p_r == NULL                ? "p_r"
              : p_g == NULL              ? "p_g"
              : logit == NULL            ? "logit"
              : value == NULL            ? "value"
              : p_r->log_density == NULL ? "p_r->log_density"
              : p_g->log_density == NULL ? "p_g->log_density"
                                         : "logit->function");
  if (!isfinite(lo) || !isfinite(hi) || !(lo < hi))
    MDL_ERROR(GSL_EINVAL, "[lo, hi] = [%g, %g]; the interval must be finite"
              " with lo < hi", lo, hi);
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
  if (w == NULL)
    GSL_ERROR("cannot allocate the integration workspace", GSL_ENOMEM);
  game_integrand g = {p_r, p_g, logit, 0};
  gsl_function F = {game_eval, &g};
  double result, err;
  gsl_error_handler_t *old = gsl_set_error_handler_off();
  int status = gsl_integration_qags(&F, lo, hi, 1e-12, 1e-10, 1000, w,
                                    &result, &err);
  gsl_set_error_handler(old);
  gsl_integration_workspace_free(w);
  if (g.bad)
    MDL_ERROR(GSL_EBADFUNC, "a log-density or the logit returned NaN or"
              " +infinity on [%g, %g]", lo, hi);
  if (status)
    MDL_ERROR(status, "the integral over [%g, %g] failed: %s", lo, hi,
              gsl_strerror(status));
  *value = result;
  if (abserr)
    *abserr = err;
  return GSL_SUCCESS;
}
#line 6117 "chapters/05-gan.nw"
struct mdl_gan {
  mdl_net *gen, *critic;
  mdl_gan_params p;
  mdl_optim *opt_g, *opt_c;
  size_t m, zdim, xdim, gen_iters, critic_iters;
  gsl_matrix *Z, *Xg, *Xc, *Yc, *dYc, *Yg, *dYg, *dXg;
  gsl_vector *grad_g, *grad_c;
};
#line 6128 "chapters/05-gan.nw"
mdl_gan_params mdl_gan_defaults(mdl_gan_loss loss)
{
  if (loss != MDL_GAN_MINIMAX && loss != MDL_GAN_NONSATURATING
      && loss != MDL_GAN_WASSERSTEIN) {
    mdl_gan_params zero = {0};
    MDL_ERROR_VAL(zero, GSL_EINVAL, "mdl_gan_defaults: unknown loss %d",
                  (int)loss);
  }
  mdl_gan_params p = {loss,
                      5e-5,
                      0,
                      loss == MDL_GAN_WASSERSTEIN ? 0.01 : 0,
                      64,
                      5,
                      MDL_GAN_ALGORITHM1};
  return p;
}

void mdl_gan_free(mdl_gan *gan)
{
  if (gan == NULL)
    return;
  mdl_optim_free(gan->opt_g);
  mdl_optim_free(gan->opt_c);
  gsl_matrix *ms[8] = {gan->Z,   gan->Xg, gan->Xc,  gan->Yc,
                       gan->dYc, gan->Yg, gan->dYg, gan->dXg};
  for (int k = 0; k < 8; k++)
    gsl_matrix_free(ms[k]);
  gsl_vector_free(gan->grad_g);
  gsl_vector_free(gan->grad_c);
  free(gan);
}

mdl_gan *mdl_gan_alloc(mdl_net *generator, mdl_net *critic,
                       const mdl_gan_params *params)
{
  if (generator == NULL || critic == NULL || params == NULL)
    MDL_ERROR_VAL(NULL, GSL_EFAULT, "%s is NULL",
                  generator == NULL ? "generator"
                  : critic == NULL  ? "critic"
                                    : "params");
  size_t xdim = mdl_net_width(critic, 0);
  size_t gout = mdl_net_width(generator, mdl_net_depth(generator));
  size_t cout = mdl_net_width(critic, mdl_net_depth(critic));
  if (gout != xdim || cout != 1)
    MDL_ERROR_VAL(NULL, GSL_EBADLEN, "the generator has %zu outputs, the"
                  " critic %zu inputs and %zu outputs; need equal widths and"
                  " 1 output", gout, xdim, cout);
  const mdl_gan_params *p = params;
  if (!(p->lr > 0) || !isfinite(p->lr) || !(p->lr_critic >= 0)
      || !isfinite(p->lr_critic) || !(p->clip >= 0) || !isfinite(p->clip))
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "lr = %g, lr_critic = %g, clip = %g; need"
                  " lr > 0, lr_critic >= 0, clip >= 0, all finite", p->lr,
                  p->lr_critic, p->clip);
  if (p->batch == 0 || p->n_critic == 0)
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "batch = %zu, n_critic = %zu; both must"
                  " be positive", (size_t)p->batch, (size_t)p->n_critic);
  if ((unsigned)p->loss > MDL_GAN_WASSERSTEIN
      || (unsigned)p->schedule > MDL_GAN_RELEASED_CODE)
    MDL_ERROR_VAL(NULL, GSL_EINVAL, "loss = %d, schedule = %d; unknown value",
                  (int)p->loss, (int)p->schedule);
  mdl_gan *gan = calloc(1, sizeof *gan);
  if (gan == NULL)
    GSL_ERROR_NULL("cannot allocate the GAN", GSL_ENOMEM);
  gan->gen = generator;
  gan->critic = critic;
  gan->p = *p;
  gan->m = p->batch;
  gan->zdim = mdl_net_width(generator, 0);
  gan->xdim = xdim;
  mdl_optim_params op = mdl_optim_defaults(mdl_optim_rmsprop);
  op.lr = p->lr;
  gan->opt_g =
      mdl_optim_alloc(mdl_optim_rmsprop, mdl_net_nparams(generator), &op);
  if (p->lr_critic > 0)
    op.lr = p->lr_critic;
  gan->opt_c = mdl_optim_alloc(mdl_optim_rmsprop, mdl_net_nparams(critic), &op);
  size_t m = gan->m;
  gan->Z = gsl_matrix_alloc(m, gan->zdim);
  gan->Xg = gsl_matrix_alloc(m, xdim);
  gan->Xc = gsl_matrix_alloc(2 * m, xdim);
  gan->Yc = gsl_matrix_alloc(2 * m, 1);
  gan->dYc = gsl_matrix_alloc(2 * m, 1);
  gan->Yg = gsl_matrix_alloc(m, 1);
  gan->dYg = gsl_matrix_alloc(m, 1);
  gan->dXg = gsl_matrix_alloc(m, xdim);
  gan->grad_g = gsl_vector_alloc(mdl_net_nparams(generator));
  gan->grad_c = gsl_vector_alloc(mdl_net_nparams(critic));
  if (!gan->opt_g || !gan->opt_c || !gan->Z || !gan->Xg || !gan->Xc || !gan->Yc
      || !gan->dYc || !gan->Yg || !gan->dYg || !gan->dXg || !gan->grad_g
      || !gan->grad_c) {
    mdl_gan_free(gan);
    GSL_ERROR_NULL("cannot allocate the GAN's optimizers and scratch space",
                   GSL_ENOMEM);
  }
  return gan;
}
#line 6246 "chapters/05-gan.nw"
static double sigmoid(double z)
{
  return z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z));
}

static double critic_objective(const mdl_gan *gan, const gsl_matrix *Y,
                               gsl_matrix *dY)
{
  size_t m = gan->m;
  double J = 0;
  for (size_t i = 0; i < 2 * m; i++) {
    double y = gsl_matrix_get(Y, i, 0), real = i < m;
    if (gan->p.loss == MDL_GAN_WASSERSTEIN) {
      J += (real ? y : -y) / (double)m;
      if (dY)
        gsl_matrix_set(dY, i, 0, (real ? -1.0 : 1.0) / (double)m);
    } else {
      J += (real ? log_sigmoid(y) : log_sigmoid(-y)) / (double)m;
      if (dY)
        gsl_matrix_set(dY, i, 0,
                       (real ? -sigmoid(-y) : sigmoid(y)) / (double)m);
    }
  }
  return J;
}

static void generator_upstream(const mdl_gan *gan, const gsl_matrix *Y,
                               gsl_matrix *dY)
{
  double m = (double)gan->m;
  for (size_t i = 0; i < gan->m; i++) {
    double y = gsl_matrix_get(Y, i, 0), d;
    switch (gan->p.loss) {
    case MDL_GAN_WASSERSTEIN:
      d = -1 / m;
      break;
    case MDL_GAN_MINIMAX:
      d = -sigmoid(y) / m;
      break;
    default:
      d = -sigmoid(-y) / m;
    }
    gsl_matrix_set(dY, i, 0, d);
  }
}
#line 6298 "chapters/05-gan.nw"
static int draw(const char *fn, const char *name, const mdl_gan_source *s,
                const gsl_rng *r, gsl_matrix *x)
{
  int st = s->sample(r, x, s->params);
  if (st != GSL_SUCCESS)
    MDL_ERROR(GSL_EBADFUNC, "%s: the %s source failed (status %d)", fn, name,
              st);
  size_t i, j;
  if (!mdl_numcheck_finite_matrix(x, &i, &j))
    MDL_ERROR(GSL_EBADFUNC, "%s: the %s source returned x[%zu][%zu] = %g, not"
              " finite", fn, name, i, j, gsl_matrix_get(x, i, j));
  return GSL_SUCCESS;
}

static int critic_gradient(mdl_gan *gan, double *J)
{
  size_t m = gan->m;
  gsl_matrix_view bottom = gsl_matrix_submatrix(gan->Xc, m, 0, m, gan->xdim);
  int status = mdl_net_forward(gan->gen, gan->Z, &bottom.matrix);
  if (status == GSL_SUCCESS)
    status = mdl_net_forward(gan->critic, gan->Xc, gan->Yc);
  if (status)
    return status;
  *J = critic_objective(gan, gan->Yc, gan->dYc);
  return mdl_net_backward(gan->critic, gan->dYc, gan->grad_c, NULL);
}

static int critic_step(const char *fn, mdl_gan *gan,
                       const mdl_gan_source *data,
                       const mdl_gan_source *prior, const gsl_rng *r,
                       double *objective)
{
  if (gan == NULL || data == NULL || prior == NULL || r == NULL
      || data->sample == NULL || prior->sample == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: %s is NULL", fn,
              gan == NULL             ? "gan"
              : data == NULL          ? "data"
              : prior == NULL         ? "prior"
              : r == NULL             ? "r"
              : data->sample == NULL  ? "data->sample"
                                      : "prior->sample");
  int clipping = gan->p.loss == MDL_GAN_WASSERSTEIN && gan->p.clip > 0;
  size_t m = gan->m;
  gsl_matrix_view top = gsl_matrix_submatrix(gan->Xc, 0, 0, m, gan->xdim);
  if (draw(fn, "data", data, r, &top.matrix)
      || draw(fn, "prior", prior, r, gan->Z))
    return GSL_EBADFUNC;
  if (clipping && gan->p.schedule == MDL_GAN_RELEASED_CODE)
    mdl_gan_clip(gan->critic, gan->p.clip);
  double J;
  relay_begin();
  int status = critic_gradient(gan, &J);
  if (status == GSL_SUCCESS)
    status = mdl_optim_step(gan->opt_c, mdl_net_params(gan->critic),
                            gan->grad_c);
  status = relay_end(fn, status);
  if (status)
    return status;
  if (clipping && gan->p.schedule == MDL_GAN_ALGORITHM1)
    mdl_gan_clip(gan->critic, gan->p.clip);
  gan->critic_iters++;
  if (objective)
    *objective = J;
  return GSL_SUCCESS;
}

int mdl_gan_critic_step(mdl_gan *gan, const mdl_gan_source *data,
                        const mdl_gan_source *prior, const gsl_rng *r,
                        double *objective)
{
  return critic_step(__func__, gan, data, prior, r, objective);
}
#line 6378 "chapters/05-gan.nw"
static int generator_gradient(mdl_gan *gan, const gsl_matrix *Z)
{
  int status = mdl_net_forward(gan->gen, Z, gan->Xg);
  if (status == GSL_SUCCESS)
    status = mdl_net_forward(gan->critic, gan->Xg, gan->Yg);
  if (status)
    return status;
  generator_upstream(gan, gan->Yg, gan->dYg);
  status = mdl_net_backward(gan->critic, gan->dYg, NULL, gan->dXg);
  if (status == GSL_SUCCESS)
    status = mdl_net_backward(gan->gen, gan->dXg, gan->grad_g, NULL);
  return status;
}

static int generator_step(const char *fn, mdl_gan *gan,
                          const mdl_gan_source *prior, const gsl_rng *r)
{
  if (gan == NULL || prior == NULL || r == NULL || prior->sample == NULL)
    MDL_ERROR(GSL_EFAULT, "%s: %s is NULL", fn,
              gan == NULL     ? "gan"
              : prior == NULL ? "prior"
              : r == NULL     ? "r"
                              : "prior->sample");
  if (draw(fn, "prior", prior, r, gan->Z))
    return GSL_EBADFUNC;
  relay_begin();
  int status = generator_gradient(gan, gan->Z);
  if (status == GSL_SUCCESS)
    status = mdl_optim_step(gan->opt_g, mdl_net_params(gan->gen), gan->grad_g);
  status = relay_end(fn, status);
  if (status)
    return status;
  gan->gen_iters++;
  return GSL_SUCCESS;
}

int mdl_gan_generator_step(mdl_gan *gan, const mdl_gan_source *prior,
                           const gsl_rng *r)
{
  return generator_step(__func__, gan, prior, r);
}

int mdl_gan_generator_gradient(mdl_gan *gan, const gsl_matrix *Z,
                               gsl_vector *grad)
{
  if (gan == NULL || Z == NULL || grad == NULL)
    MDL_ERROR(GSL_EFAULT, "%s is NULL",
              gan == NULL ? "gan" : Z == NULL ? "Z" : "grad");
  if (Z->size1 != gan->m || Z->size2 != gan->zdim
      || grad->size != gan->grad_g->size)
    MDL_ERROR(GSL_EBADLEN, "Z is %zu x %zu and grad has length %zu; Z must be"
              " m by the code dimension, %zu x %zu, grad of the generator's"
              " parameter length %zu", Z->size1, Z->size2, grad->size, gan->m,
              gan->zdim, gan->grad_g->size);
  size_t bi, bj;
  if (!mdl_numcheck_finite_matrix(Z, &bi, &bj))
    MDL_ERROR(GSL_EDOM, "Z[%zu][%zu] = %g is not finite", bi, bj,
              gsl_matrix_get(Z, bi, bj));
  relay_begin();
  int status = relay_end(__func__, generator_gradient(gan, Z));
  if (status)
    return status;
  gsl_vector_memcpy(grad, gan->grad_g);
  return GSL_SUCCESS;
}

static int critic_on(const char *fn, mdl_gan *gan, const gsl_matrix *X,
                     const gsl_matrix *Z, double *value, gsl_vector *grad)
{
  size_t m = gan->m;
  if (X->size1 != m || X->size2 != gan->xdim || Z->size1 != m
      || Z->size2 != gan->zdim || (grad && grad->size != gan->grad_c->size))
    MDL_ERROR(GSL_EBADLEN, "%s: X is %zu x %zu, Z %zu x %zu, grad of length"
              " %zu; need %zu x %zu, %zu x %zu and the critic's %zu", fn,
              X->size1, X->size2, Z->size1, Z->size2, grad ? grad->size : 0,
              m, gan->xdim, m, gan->zdim, gan->grad_c->size);
  size_t bi, bj;
  if (!mdl_numcheck_finite_matrix(X, &bi, &bj))
    MDL_ERROR(GSL_EDOM, "%s: X[%zu][%zu] = %g is not finite", fn, bi, bj,
              gsl_matrix_get(X, bi, bj));
  if (!mdl_numcheck_finite_matrix(Z, &bi, &bj))
    MDL_ERROR(GSL_EDOM, "%s: Z[%zu][%zu] = %g is not finite", fn, bi, bj,
              gsl_matrix_get(Z, bi, bj));
  gsl_matrix_view top = gsl_matrix_submatrix(gan->Xc, 0, 0, m, gan->xdim);
  gsl_matrix_view bottom = gsl_matrix_submatrix(gan->Xc, m, 0, m, gan->xdim);
  gsl_matrix_memcpy(&top.matrix, X);
  relay_begin();
  int status = mdl_net_forward(gan->gen, Z, &bottom.matrix);
  if (status == GSL_SUCCESS)
    status = mdl_net_forward(gan->critic, gan->Xc, gan->Yc);
  status = relay_end(fn, status);
  if (status)
    return status;
  double J = critic_objective(gan, gan->Yc, grad ? gan->dYc : NULL);
  if (grad) {
    relay_begin();
    status = relay_end(fn, mdl_net_backward(gan->critic, gan->dYc,
                                            gan->grad_c, NULL));
    if (status)
      return status;
    gsl_vector_memcpy(grad, gan->grad_c);
    gsl_vector_scale(grad, -1);
  }
  if (value)
    *value = J;
  return GSL_SUCCESS;
}

int mdl_gan_objective(mdl_gan *gan, const gsl_matrix *X, const gsl_matrix *Z,
                      double *value)
{
  if (gan == NULL || X == NULL || Z == NULL || value == NULL)
    MDL_ERROR(GSL_EFAULT, "%s is NULL",
              gan == NULL ? "gan" : X == NULL ? "X" : Z == NULL ? "Z" : "value");
  if (X->size1 == 0 || Z->size1 == 0 || X->size2 != gan->xdim
      || Z->size2 != gan->zdim)
    MDL_ERROR(GSL_EBADLEN, "mdl_gan_objective: X is %zu x %zu and Z %zu x %zu"
              " for data of width %zu and codes of width %zu", X->size1,
              X->size2, Z->size1, Z->size2, gan->xdim, gan->zdim);
  size_t bi, bj;
  if (!mdl_numcheck_finite_matrix(X, &bi, &bj))
    MDL_ERROR(GSL_EDOM, "X[%zu][%zu] = %g is not finite", bi, bj,
              gsl_matrix_get(X, bi, bj));
  if (!mdl_numcheck_finite_matrix(Z, &bi, &bj))
    MDL_ERROR(GSL_EDOM, "Z[%zu][%zu] = %g is not finite", bi, bj,
              gsl_matrix_get(Z, bi, bj));
  const size_t nx = X->size1, nz = Z->size1;
  gsl_matrix *S = gsl_matrix_alloc(nx + nz, gan->xdim);
  gsl_matrix *F = gsl_matrix_alloc(nx + nz, 1);
  if (S == NULL || F == NULL) {
    gsl_matrix_free(S);
    gsl_matrix_free(F);
    MDL_ERROR(GSL_ENOMEM, "mdl_gan_objective: no memory for %zu rows",
              nx + nz);
  }
  gsl_matrix_view top = gsl_matrix_submatrix(S, 0, 0, nx, gan->xdim);
  gsl_matrix_view bottom = gsl_matrix_submatrix(S, nx, 0, nz, gan->xdim);
  gsl_matrix_memcpy(&top.matrix, X);
  relay_begin();
  int status = mdl_net_predict(gan->gen, Z, &bottom.matrix);
  if (status == GSL_SUCCESS)
    status = mdl_net_predict(gan->critic, S, F);
  status = relay_end(__func__, status);
  double J = 0;
  for (size_t i = 0; status == GSL_SUCCESS && i < nx + nz; i++) {
    double y = gsl_matrix_get(F, i, 0), real = i < nx;
    double n = real ? (double)nx : (double)nz;
    if (gan->p.loss == MDL_GAN_WASSERSTEIN)
      J += (real ? y : -y) / n;
    else
      J += (real ? log_sigmoid(y) : log_sigmoid(-y)) / n;
  }
  gsl_matrix_free(S);
  gsl_matrix_free(F);
  if (status)
    return status;
  *value = J;
  return GSL_SUCCESS;
}

int mdl_gan_critic_gradient(mdl_gan *gan, const gsl_matrix *X,
                            const gsl_matrix *Z, gsl_vector *grad)
{
  if (gan == NULL || X == NULL || Z == NULL || grad == NULL)
    MDL_ERROR(GSL_EFAULT, "%s is NULL",
              gan == NULL ? "gan" : X == NULL ? "X" : Z == NULL ? "Z" : "grad");
  return critic_on(__func__, gan, X, Z, NULL, grad);
}
#line 6549 "chapters/05-gan.nw"
size_t mdl_gan_critic_iterations(const mdl_gan *gan, size_t t)
{
  if (gan == NULL)
    GSL_ERROR_VAL("gan is NULL", GSL_EFAULT, 0);
  if (gan->p.schedule == MDL_GAN_RELEASED_CODE && (t < 25 || t % 500 == 0))
    return 100;
  return gan->p.n_critic;
}

size_t mdl_gan_counts(const mdl_gan *gan, size_t *critic_iterations)
{
  if (gan == NULL)
    GSL_ERROR_VAL("gan is NULL", GSL_EFAULT, 0);
  if (critic_iterations)
    *critic_iterations = gan->critic_iters;
  return gan->gen_iters;
}

int mdl_gan_iterate(mdl_gan *gan, const mdl_gan_source *data,
                    const mdl_gan_source *prior, const gsl_rng *r,
                    double *objective)
{
  if (gan == NULL)
    GSL_ERROR("gan is NULL", GSL_EFAULT);
  size_t n = mdl_gan_critic_iterations(gan, gan->gen_iters);
  double J = GSL_NAN;
  for (size_t t = 0; t < n; t++) {
    int status = critic_step(__func__, gan, data, prior, r, &J);
    if (status)
      return status;
  }
  int status = generator_step(__func__, gan, prior, r);
  if (status)
    return status;
  if (objective)
    *objective = J;
  return GSL_SUCCESS;
}
#line 6595 "chapters/05-gan.nw"
int mdl_gan_clip(mdl_net *net, double c)
{
  if (net == NULL)
    GSL_ERROR("net is NULL", GSL_EFAULT);
  if (!(c > 0) || !isfinite(c))
    MDL_ERROR(GSL_EINVAL, "c = %g; the clipping bound must be positive and"
              " finite", c);
  gsl_vector *theta = mdl_net_params(net);
  size_t k0;
  if (!mdl_numcheck_finite(theta, &k0))
    MDL_ERROR(GSL_EDOM, "mdl_gan_clip: theta[%zu] = %g is not finite", k0,
              gsl_vector_get(theta, k0));
  for (size_t k = 0; k < theta->size; k++)
    gsl_vector_set(theta, k, fmin(c, fmax(-c, gsl_vector_get(theta, k))));
  return GSL_SUCCESS;
}

static double spectral_norm(const gsl_matrix *W)
{
  int tall = W->size1 >= W->size2;
  size_t rows = tall ? W->size1 : W->size2, cols = tall ? W->size2 : W->size1;
  gsl_matrix *A = gsl_matrix_alloc(rows, cols),
             *V = gsl_matrix_alloc(cols, cols);
  gsl_vector *S = gsl_vector_alloc(cols), *work = gsl_vector_alloc(cols);
  double norm = GSL_NAN;
  if (A && V && S && work) {
    if (tall)
      gsl_matrix_memcpy(A, W);
    else
      gsl_matrix_transpose_memcpy(A, W);
    gsl_linalg_SV_decomp(A, V, S, work);
    norm = gsl_vector_get(S, 0);
  }
  gsl_matrix_free(A);
  gsl_matrix_free(V);
  gsl_vector_free(S);
  gsl_vector_free(work);
  return norm;
}

double mdl_gan_lipschitz_bound(const mdl_net *net)
{
  if (net == NULL)
    GSL_ERROR_VAL("net is NULL", GSL_EFAULT, GSL_NAN);
  double K = 1;
  for (size_t l = 0; l < mdl_net_depth(net); l++) {
    mdl_net_activation act;
    mdl_net_get_activation(net, l, &act);
    double lip = mdl_net_activation_lipschitz(act, mdl_net_alpha(net, l));
    gsl_matrix_view W = mdl_net_weight(net, NULL, l);
    size_t i, j;
    if (!mdl_numcheck_finite_matrix(&W.matrix, &i, &j))
      MDL_ERROR_VAL(GSL_NAN, GSL_EDOM,
                    "mdl_gan_lipschitz_bound: W_%zu[%zu][%zu] = %g", l + 1, i,
                    j, gsl_matrix_get(&W.matrix, i, j));
    double s = spectral_norm(&W.matrix);
    if (isnan(s))
      GSL_ERROR_VAL("cannot allocate the SVD", GSL_ENOMEM, GSL_NAN);
    K *= s * lip;
  }
  return K;
}

int mdl_gan_input_gradient(mdl_net *net, const gsl_matrix *X, gsl_matrix *dX)
{
  if (net == NULL || X == NULL || dX == NULL)
    MDL_ERROR(GSL_EFAULT, "%s is NULL",
              net == NULL ? "net" : X == NULL ? "X" : "dX");
  size_t d = mdl_net_width(net, 0), L = mdl_net_depth(net);
  if (mdl_net_width(net, L) != 1 || X->size2 != d || dX->size1 != X->size1
      || dX->size2 != d)
    MDL_ERROR(GSL_EBADLEN, "the network maps R^%zu to R^%zu, X is %zu x %zu"
              " and dX %zu x %zu; need 1 output and X, dX of %zu columns", d,
              mdl_net_width(net, L), X->size1, X->size2, dX->size1, dX->size2,
              d);
  if (X->size1 == 0)
    MDL_ERROR(GSL_EBADLEN, "mdl_gan_input_gradient: X has 0 rows");
  for (size_t l = 0; l < L; l++) {
    mdl_net_activation act;
    mdl_net_get_activation(net, l, &act);
    if (act == MDL_NET_STEP || act == MDL_NET_SIGN)
      MDL_ERROR(GSL_EINVAL, "the activation %d of layer %zu (the step or the"
                " sign) has no gradient", (int)act, l);
  }
  size_t bi, bj;
  if (!mdl_numcheck_finite_matrix(X, &bi, &bj))
    MDL_ERROR(GSL_EDOM, "X[%zu][%zu] = %g is not finite", bi, bj,
              gsl_matrix_get(X, bi, bj));
  gsl_matrix *Y = gsl_matrix_alloc(X->size1, 1),
             *ones = gsl_matrix_alloc(X->size1, 1);
  gsl_matrix *tmp = gsl_matrix_alloc(X->size1, d);
  int status = GSL_SUCCESS;
  if (Y == NULL || ones == NULL || tmp == NULL) {
    status = GSL_ENOMEM;
  } else {
    gsl_matrix_set_all(ones, 1);
    relay_begin();
    status = mdl_net_forward(net, X, Y);
    if (status == GSL_SUCCESS)
      status = mdl_net_backward(net, ones, NULL, tmp);
    status = relay_end(__func__, status);
    if (status == GSL_SUCCESS)
      gsl_matrix_memcpy(dX, tmp);
  }
  gsl_matrix_free(Y);
  gsl_matrix_free(ones);
  gsl_matrix_free(tmp);
  if (status == GSL_ENOMEM)
    GSL_ERROR("cannot allocate the scratch matrices", GSL_ENOMEM);
  return status;
}
#line 6802 "chapters/05-gan.nw"
static double two_sample_objective(const gsl_matrix *F, size_t nx, size_t ny)
{
  double J = 0;
  for (size_t i = 0; i < nx + ny; i++) {
    double y = gsl_matrix_get(F, i, 0);
    J += i < nx ? y / (double)nx : -y / (double)ny;
  }
  return J;
}

int mdl_gan_train_critic(mdl_net *critic, mdl_optim *opt, const gsl_matrix *X,
                         const gsl_matrix *Y, double clip, size_t steps,
                         double *objective)
{
  if (critic == NULL || opt == NULL || X == NULL || Y == NULL)
    MDL_ERROR(GSL_EFAULT, "mdl_gan_train_critic: %s is NULL",
              critic == NULL ? "critic" : opt == NULL ? "opt"
                                          : X == NULL ? "X" : "Y");
  size_t in = mdl_net_width(critic, 0);
  size_t outs = mdl_net_width(critic, mdl_net_depth(critic));
  if (X->size1 == 0 || Y->size1 == 0 || X->size2 != in || Y->size2 != in
      || outs != 1)
    MDL_ERROR(GSL_EBADLEN, "mdl_gan_train_critic: X is %zu x %zu and Y %zu x "
              "%zu for a critic from %zu inputs to %zu outputs (need 1)",
              X->size1, X->size2, Y->size1, Y->size2, in, outs);
  if (!(clip >= 0))
    MDL_ERROR(GSL_EINVAL, "mdl_gan_train_critic: clip = %g; it must be >= 0",
              clip);
  for (size_t l = 0; l < mdl_net_depth(critic); l++) {
    mdl_net_activation act;
    mdl_net_get_activation(critic, l, &act);
    if (act == MDL_NET_STEP || act == MDL_NET_SIGN)
      MDL_ERROR(GSL_EINVAL, "the activation %d of layer %zu (the step or the"
                " sign) has no gradient", (int)act, l);
  }
  size_t bi, bj;
  if (!mdl_numcheck_finite_matrix(X, &bi, &bj))
    MDL_ERROR(GSL_EDOM, "X[%zu][%zu] = %g is not finite", bi, bj,
              gsl_matrix_get(X, bi, bj));
  if (!mdl_numcheck_finite_matrix(Y, &bi, &bj))
    MDL_ERROR(GSL_EDOM, "Y[%zu][%zu] = %g is not finite", bi, bj,
              gsl_matrix_get(Y, bi, bj));
  const size_t nx = X->size1, ny = Y->size1;
  gsl_matrix *S = gsl_matrix_alloc(nx + ny, in);
  gsl_matrix *F = gsl_matrix_alloc(nx + ny, 1), *dF = gsl_matrix_alloc(nx + ny, 1);
  gsl_vector *grad = gsl_vector_alloc(mdl_net_nparams(critic));
  if (!S || !F || !dF || !grad) {
    gsl_matrix_free(S);
    gsl_matrix_free(F);
    gsl_matrix_free(dF);
    gsl_vector_free(grad);
    MDL_ERROR(GSL_ENOMEM, "mdl_gan_train_critic: no memory");
  }
  gsl_matrix_view top = gsl_matrix_submatrix(S, 0, 0, nx, in);
  gsl_matrix_view bottom = gsl_matrix_submatrix(S, nx, 0, ny, in);
  gsl_matrix_memcpy(&top.matrix, X);
  gsl_matrix_memcpy(&bottom.matrix, Y);
  for (size_t i = 0; i < nx + ny; i++)
    gsl_matrix_set(dF, i, 0, i < nx ? -1 / (double)nx : 1 / (double)ny);
  int status = GSL_SUCCESS;
  relay_begin();
  for (size_t t = 0; t < steps && status == GSL_SUCCESS; t++) {
    status = mdl_net_forward(critic, S, F);
    if (status == GSL_SUCCESS)
      status = mdl_net_backward(critic, dF, grad, NULL);
    if (status == GSL_SUCCESS)
      status = mdl_optim_step(opt, mdl_net_params(critic), grad);
    if (status == GSL_SUCCESS && clip > 0)
      status = mdl_gan_clip(critic, clip);
  }
  if (status == GSL_SUCCESS && objective) {
    status = mdl_net_predict(critic, S, F);
    if (status == GSL_SUCCESS)
      *objective = two_sample_objective(F, nx, ny);
  }
  status = relay_end(__func__, status);
  gsl_matrix_free(S);
  gsl_matrix_free(F);
  gsl_matrix_free(dF);
  gsl_vector_free(grad);
  return status;
}
