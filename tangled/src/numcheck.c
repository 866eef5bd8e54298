#line 1122 "chapters/00-intro.nw"
#include <float.h>
#include <math.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <mdl/numcheck.h>
#line 1132 "chapters/00-intro.nw"
double mdl_numcheck_step(void)
{
  return cbrt(3.0 * DBL_EPSILON);
}

static int resolve_step(const char *fn, double h, double *step)
{
  if (h == 0) {
    *step = mdl_numcheck_step();
    return GSL_SUCCESS;
  }
  if (!(h > 0) || !isfinite(h))
    MDL_ERROR(GSL_EINVAL,
              "%s: step h = %g must be positive and finite, or 0 for the"
              " default", fn, h);
  *step = h;
  return GSL_SUCCESS;
}
#line 1160 "chapters/00-intro.nw"
static int numcheck_diff(const char *fn, const gsl_multimin_function *f,
                         const gsl_vector *x, double h, gsl_vector *d)
{
  size_t bad;
  if (!mdl_numcheck_finite(x, &bad))
    MDL_ERROR(GSL_EDOM, "%s: x[%zu] = %g is not finite", fn, bad,
              gsl_vector_get(x, bad));
  double step;
  int status = resolve_step(fn, h, &step);
  if (status)
    return status;
  gsl_vector *y = gsl_vector_alloc(x->size);
  gsl_vector *tmp = gsl_vector_alloc(x->size);
  if (y == NULL || tmp == NULL) {
    gsl_vector_free(y);
    gsl_vector_free(tmp);
    MDL_ERROR(GSL_ENOMEM, "%s: cannot allocate 2 scratch vectors of length"
              " %zu", fn, x->size);
  }
  size_t i_bad = 0;
  double f_bad = 0;
  gsl_vector_memcpy(y, x);
  for (size_t i = 0; i < x->size && status == GSL_SUCCESS; i++) {
#line 1216 "chapters/00-intro.nw"
    double xi = gsl_vector_get(x, i);
    double hi = step * fmax(1.0, fabs(xi));
    double xp = xi + hi, xm = xi - hi;
    gsl_vector_set(y, i, xp);
    double fp = f->f(y, f->params);
    gsl_vector_set(y, i, xm);
    double fm = f->f(y, f->params);
    gsl_vector_set(y, i, xi);
    if (!isfinite(fp) || !isfinite(fm)) {
      status = GSL_EBADFUNC;
      i_bad = i;
      f_bad = isfinite(fp) ? fm : fp;
    } else {
      gsl_vector_set(tmp, i, (fp - fm) / (xp - xm));
    }
#line 1184 "chapters/00-intro.nw"
  }
  if (status == GSL_SUCCESS)
    gsl_vector_memcpy(d, tmp);
  gsl_vector_free(y);
  gsl_vector_free(tmp);
  if (status)
    MDL_ERROR(GSL_EBADFUNC, "%s: f returned %g next to x, at a step of"
              " coordinate %zu", fn, f_bad, i_bad);
  return GSL_SUCCESS;
}

int mdl_numcheck_diff(const gsl_multimin_function *f, const gsl_vector *x,
                      double h, gsl_vector *d)
{
  if (f == NULL)
    MDL_ERROR(GSL_EFAULT, "f is NULL");
  if (f->f == NULL)
    MDL_ERROR(GSL_EFAULT, "f->f is NULL");
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "x is NULL");
  if (d == NULL)
    MDL_ERROR(GSL_EFAULT, "d is NULL");
  if (f->n == 0)
    MDL_ERROR(GSL_EBADLEN, "f->n is 0");
  if (x->size != f->n || d->size != f->n)
    MDL_ERROR(GSL_EBADLEN, "x has length %zu and d %zu, f->n is %zu",
              x->size, d->size, f->n);
  return numcheck_diff(__func__, f, x, h, d);
}
#line 1802 "chapters/00-intro.nw"
static void compare_row(const gsl_vector *a, const gsl_vector *d, size_t row,
                        double h, mdl_numcheck_report *rep)
{
  double scale = 0;
  for (size_t j = 0; j < a->size; j++) {
    double aj = gsl_vector_get(a, j);
    if (isfinite(aj))
      scale = fmax(scale, fabs(aj));
    scale = fmax(scale, fabs(gsl_vector_get(d, j)));
  }
  double sigma = h * scale;
  for (size_t j = 0; j < a->size; j++) {
    double aj = gsl_vector_get(a, j), dj = gsl_vector_get(d, j);
    double diff = fabs(aj - dj), rel;
    if (!isfinite(aj))
      rel = diff = GSL_POSINF;
    else if (diff == 0)
      rel = 0;
    else
      rel = diff / fmax(fmax(fabs(aj), fabs(dj)), sigma);
    if (rel > rep->max_rel_err) {
      rep->max_rel_err = rel;
      rep->worst_i = row;
      rep->worst_j = j;
    }
    rep->max_abs_err = fmax(rep->max_abs_err, diff);
  }
}
#line 1835 "chapters/00-intro.nw"
int mdl_numcheck_gradient(const gsl_multimin_function *f, const gsl_vector *x,
                          const gsl_vector *grad, double h,
                          mdl_numcheck_report *report)
{
  if (f == NULL)
    MDL_ERROR(GSL_EFAULT, "f is NULL");
  if (f->f == NULL)
    MDL_ERROR(GSL_EFAULT, "f->f is NULL");
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "x is NULL");
  if (grad == NULL)
    MDL_ERROR(GSL_EFAULT, "grad is NULL");
  if (report == NULL)
    MDL_ERROR(GSL_EFAULT, "report is NULL");
  if (f->n == 0)
    MDL_ERROR(GSL_EBADLEN, "f->n is 0");
  if (x->size != f->n || grad->size != f->n)
    MDL_ERROR(GSL_EBADLEN, "x has length %zu and grad %zu, f->n is %zu",
              x->size, grad->size, f->n);
  double step;
  int status = resolve_step(__func__, h, &step);
  if (status)
    return status;
  gsl_vector *d = gsl_vector_alloc(f->n);
  if (d == NULL)
    MDL_ERROR(GSL_ENOMEM, "cannot allocate the %zu differences", f->n);
  status = numcheck_diff(__func__, f, x, step, d);
  if (status == GSL_SUCCESS) {
    mdl_numcheck_report rep = {0, 0, 0, 0, step};
    compare_row(grad, d, 0, step, &rep);
    rep.worst_i = rep.worst_j;
    rep.worst_j = 0;
    *report = rep;
  }
  gsl_vector_free(d);
  return status;
}
#line 1877 "chapters/00-intro.nw"
static int numcheck_jacdiff(const char *fn, const mdl_vector_function *F,
                            const gsl_vector *x, double h, gsl_matrix *J)
{
  size_t bad;
  if (!mdl_numcheck_finite(x, &bad))
    MDL_ERROR(GSL_EDOM, "%s: x[%zu] = %g is not finite", fn, bad,
              gsl_vector_get(x, bad));
  double step;
  int status = resolve_step(fn, h, &step);
  if (status)
    return status;
  gsl_vector *y = gsl_vector_alloc(F->n);
  gsl_vector *fp = gsl_vector_alloc(F->m), *fm = gsl_vector_alloc(F->m);
  gsl_matrix *tmp = gsl_matrix_alloc(F->m, F->n);
  int s_bad = 0;
  size_t i_bad = 0, j_bad = 0;
  double f_bad = 0;
  if (y == NULL || fp == NULL || fm == NULL || tmp == NULL) {
    status = GSL_ENOMEM;
  } else {
    gsl_vector_memcpy(y, x);
    for (size_t j = 0; j < F->n && status == GSL_SUCCESS; j++) {
#line 1982 "chapters/00-intro.nw"
      double xj = gsl_vector_get(x, j);
      double hj = step * fmax(1.0, fabs(xj));
      double xp = xj + hj, xm = xj - hj;
      gsl_vector_set(y, j, xp);
      int sp = F->f(y, F->params, fp);
      gsl_vector_set(y, j, xm);
      int sm = F->f(y, F->params, fm);
      gsl_vector_set(y, j, xj);
      for (size_t i = 0; i < F->m && status == GSL_SUCCESS; i++) {
        double vp = gsl_vector_get(fp, i), vm = gsl_vector_get(fm, i);
        if (sp || sm || !isfinite(vp) || !isfinite(vm)) {
          status = GSL_EBADFUNC;
          s_bad = sp ? sp : sm;
          f_bad = isfinite(vp) ? vm : vp;
          i_bad = i;
          j_bad = j;
        } else
          gsl_matrix_set(tmp, i, j, (vp - vm) / (xp - xm));
      }
#line 1900 "chapters/00-intro.nw"
    }
    if (status == GSL_SUCCESS)
      gsl_matrix_memcpy(J, tmp);
  }
  gsl_vector_free(y);
  gsl_vector_free(fp);
  gsl_vector_free(fm);
  gsl_matrix_free(tmp);
  if (status == GSL_ENOMEM)
    MDL_ERROR(GSL_ENOMEM, "%s: cannot allocate the scratch space for a"
              " %zu x %zu Jacobian", fn, F->m, F->n);
  if (status && s_bad)
    MDL_ERROR(GSL_EBADFUNC, "%s: F returned the status %d at a step of"
              " coordinate %zu", fn, s_bad, j_bad);
  if (status)
    MDL_ERROR(GSL_EBADFUNC, "%s: F returned %g in entry %zu at a step of"
              " coordinate %zu", fn, f_bad, i_bad, j_bad);
  return GSL_SUCCESS;
}

int mdl_numcheck_jacdiff(const mdl_vector_function *F, const gsl_vector *x,
                         double h, gsl_matrix *J)
{
  if (F == NULL)
    MDL_ERROR(GSL_EFAULT, "F is NULL");
  if (F->f == NULL)
    MDL_ERROR(GSL_EFAULT, "F->f is NULL");
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "x is NULL");
  if (J == NULL)
    MDL_ERROR(GSL_EFAULT, "J is NULL");
  if (F->n == 0 || F->m == 0)
    MDL_ERROR(GSL_EBADLEN, "F maps R^%zu to R^%zu", F->n, F->m);
  if (x->size != F->n || J->size1 != F->m || J->size2 != F->n)
    MDL_ERROR(GSL_EBADLEN, "x has length %zu and J is %zu x %zu; F maps"
              " R^%zu to R^%zu", x->size, J->size1, J->size2, F->n, F->m);
  return numcheck_jacdiff(__func__, F, x, h, J);
}

int mdl_numcheck_jacobian(const mdl_vector_function *F, const gsl_vector *x,
                          const gsl_matrix *J, double h,
                          mdl_numcheck_report *report)
{
  if (F == NULL)
    MDL_ERROR(GSL_EFAULT, "F is NULL");
  if (F->f == NULL)
    MDL_ERROR(GSL_EFAULT, "F->f is NULL");
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "x is NULL");
  if (J == NULL)
    MDL_ERROR(GSL_EFAULT, "J is NULL");
  if (report == NULL)
    MDL_ERROR(GSL_EFAULT, "report is NULL");
  if (F->n == 0 || F->m == 0)
    MDL_ERROR(GSL_EBADLEN, "F maps R^%zu to R^%zu", F->n, F->m);
  if (x->size != F->n || J->size1 != F->m || J->size2 != F->n)
    MDL_ERROR(GSL_EBADLEN, "x has length %zu and J is %zu x %zu; F maps"
              " R^%zu to R^%zu", x->size, J->size1, J->size2, F->n, F->m);
  double step;
  int status = resolve_step(__func__, h, &step);
  if (status)
    return status;
  gsl_matrix *D = gsl_matrix_alloc(F->m, F->n);
  if (D == NULL)
    MDL_ERROR(GSL_ENOMEM, "cannot allocate the %zu x %zu differences", F->m,
              F->n);
  status = numcheck_jacdiff(__func__, F, x, step, D);
  if (status == GSL_SUCCESS) {
    mdl_numcheck_report rep = {0, 0, 0, 0, step};
    for (size_t i = 0; i < F->m; i++) {
      gsl_vector_const_view a = gsl_matrix_const_row(J, i);
      gsl_vector_const_view d = gsl_matrix_const_row(D, i);
      compare_row(&a.vector, &d.vector, i, step, &rep);
    }
    *report = rep;
  }
  gsl_matrix_free(D);
  return status;
}
#line 2534 "chapters/00-intro.nw"
typedef struct {
  double mean, q;
  size_t k;
} welford;

static void welford_add(welford *w, double x)
{
  double delta = x - w->mean;
  w->k++;
  w->mean += delta / (double)w->k;
  w->q += delta * (x - w->mean);
}

static void welford_finish(const welford *w, mdl_numcheck_estimate *est)
{
  est->mean = w->mean;
  est->sd = sqrt(w->q / (double)(w->k - 1));
  est->se = est->sd / sqrt((double)w->k);
  est->n = w->k;
}
#line 2557 "chapters/00-intro.nw"
int mdl_numcheck_mc_mean(mdl_numcheck_sampler *sample, void *params,
                         const gsl_rng *r, size_t n,
                         mdl_numcheck_estimate *est)
{
  if (sample == NULL)
    MDL_ERROR(GSL_EFAULT, "sample is NULL");
  if (r == NULL)
    MDL_ERROR(GSL_EFAULT, "r is NULL");
  if (est == NULL)
    MDL_ERROR(GSL_EFAULT, "est is NULL");
  if (n < 2)
    MDL_ERROR(GSL_EINVAL, "mdl_numcheck_mc_mean: n = %zu draws; a standard"
              " error needs n >= 2", n);
  welford w = {0, 0, 0};
  for (size_t i = 0; i < n; i++) {
    double x = sample(r, params);
    if (!isfinite(x))
      MDL_ERROR(GSL_EBADFUNC, "mdl_numcheck_mc_mean: draw %zu of the sampler"
              " is %g", i, x);
    welford_add(&w, x);
  }
  welford_finish(&w, est);
  return GSL_SUCCESS;
}

int mdl_numcheck_mean(const gsl_vector *x, mdl_numcheck_estimate *est)
{
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "x is NULL");
  if (est == NULL)
    MDL_ERROR(GSL_EFAULT, "est is NULL");
  if (x->size < 2)
    MDL_ERROR(GSL_EINVAL, "mdl_numcheck_mean: x has %zu values; a standard"
              " error needs at least 2", x->size);
  welford w = {0, 0, 0};
  for (size_t i = 0; i < x->size; i++) {
    double xi = gsl_vector_get(x, i);
    if (!isfinite(xi))
      MDL_ERROR(GSL_EDOM, "mdl_numcheck_mean: x[%zu] = %g is not finite", i,
                xi);
    welford_add(&w, xi);
  }
  welford_finish(&w, est);
  return GSL_SUCCESS;
}

int mdl_numcheck_within(const mdl_numcheck_estimate *est, double value,
                        double k)
{
  if (est == NULL)
    MDL_ERROR_VAL(0, GSL_EFAULT, "est is NULL");
  if (isnan(est->mean) || !(est->se >= 0))
    MDL_ERROR_VAL(0, GSL_EDOM, "mdl_numcheck_within: mean %g, standard error"
                  " %g; the mean must not be NaN and the error must be >= 0",
                  est->mean, est->se);
  if (!(k >= 0) || isnan(value))
    MDL_ERROR_VAL(0, GSL_EINVAL, "mdl_numcheck_within: k = %g must be >= 0"
                  " and value = %g not NaN", k, value);
  return fabs(est->mean - value) <= k * est->se;
}

int mdl_numcheck_interval(const mdl_numcheck_estimate *est, double level,
                          double *lo, double *hi)
{
  if (est == NULL)
    MDL_ERROR(GSL_EFAULT, "est is NULL");
  if (lo == NULL)
    MDL_ERROR(GSL_EFAULT, "lo is NULL");
  if (hi == NULL)
    MDL_ERROR(GSL_EFAULT, "hi is NULL");
  if (!isfinite(est->mean) || !(est->se >= 0 && est->se < HUGE_VAL))
    MDL_ERROR(GSL_EDOM, "mdl_numcheck_interval: mean %g, standard error %g;"
              " both must be finite and the error >= 0", est->mean, est->se);
  if (!(level > 0 && level < 1))
    MDL_ERROR(GSL_EDOM, "mdl_numcheck_interval: level = %g must lie in"
              " (0, 1)", level);
  double z = gsl_cdf_ugaussian_Qinv((1 - level) / 2);
  *lo = est->mean - z * est->se;
  *hi = est->mean + z * est->se;
  return GSL_SUCCESS;
}
#line 3380 "chapters/00-intro.nw"
int mdl_numcheck_finite(const gsl_vector *v, size_t *i)
{
  if (v == NULL)
    GSL_ERROR_VAL("mdl_numcheck_finite: v is NULL", GSL_EFAULT, 0);
  for (size_t k = 0; k < v->size; k++)
    if (!isfinite(v->data[k * v->stride])) {
      if (i)
        *i = k;
      return 0;
    }
  return 1;
}

MDL_HOT_LOOP static int row_finite(const double *row, size_t n)
{
  double s = 0;
#pragma omp simd reduction(+ : s)
  for (size_t c = 0; c < n; c++)
    s += row[c] - row[c];
  return s == 0;
}

int mdl_numcheck_finite_matrix(const gsl_matrix *m, size_t *i, size_t *j)
{
  if (m == NULL)
    GSL_ERROR_VAL("mdl_numcheck_finite_matrix: m is NULL", GSL_EFAULT, 0);
  for (size_t r = 0; r < m->size1; r++) {
    const double *row = m->data + r * m->tda;
    if (row_finite(row, m->size2))
      continue;
    for (size_t c = 0; c < m->size2; c++)
      if (!isfinite(row[c])) {
        if (i)
          *i = r;
        if (j)
          *j = c;
        return 0;
      }
  }
  return 1;
}
#line 3452 "chapters/00-intro.nw"
int mdl_numcheck_probability(const gsl_vector *p, size_t *i, double *sum)
{
  if (p == NULL)
    GSL_ERROR_VAL("mdl_numcheck_probability: p is NULL", GSL_EFAULT, 0);
  const double *x = p->data;
  const size_t n = p->size, st = p->stride;
  double s = 0, mn = 0;
#pragma omp simd reduction(+:s) reduction(min:mn)
  for (size_t k = 0; k < n; k++) {
    double v = x[k * st];
    s += v;
    mn = v < mn ? v : mn;
  }
  if (!(mn >= 0) || !isfinite(s))
    for (size_t k = 0; k < n; k++) {
      double v = x[k * st];
      if (!(v >= 0) || !isfinite(v)) {
        if (i)
          *i = k;
        return 0;
      }
    }
  if (sum)
    *sum = s;
  if (n > 0 && fabs(s - 1) <= MDL_PROBABILITY_TOL(n))
    return 1;
  if (i)
    *i = n;
  return 0;
}
