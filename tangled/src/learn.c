#line 109 "chapters/07-generalization.nw"
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <mdl/learn.h>
#include <mdl/numcheck.h>
#line 441 "chapters/07-generalization.nw"
static int is_label(double y)
{
  return y == 1.0 || y == -1.0;
}

static int labels_ok(const gsl_vector *y)
{
  for (size_t i = 0; i < y->size; i++)
    if (!is_label(gsl_vector_get(y, i)))
      return 0;
  return 1;
}

static size_t first_non_label(const gsl_vector *y)
{
  size_t i = 0;
  while (i < y->size && is_label(gsl_vector_get(y, i)))
    i++;
  return i;
}
#line 2199 "chapters/07-generalization.nw"
static int exact_input(const gsl_matrix *X)
{
  double M = 0;
  for (size_t i = 0; i < X->size1; i++)
    for (size_t j = 0; j < X->size2; j++) {
      double v = gsl_matrix_get(X, i, j);
      if (!isfinite(v) || v != floor(v))
        return 0;
      M = fmax(M, fabs(v));
    }
  double b = (double)X->size2 * M * M + 1, p = 1;
  for (size_t k = 0; k < X->size2; k++) {
    p *= b;
    if (p > 4503599627370496.0)
      return 0;
  }
  return 1;
}
#line 466 "chapters/07-generalization.nw"
static int perceptron_step(const gsl_vector *x, double y, gsl_vector *theta)
{
  double score;
  gsl_blas_ddot(x, theta, &score);
  if (y * score > 0)
    return 0;
  gsl_blas_daxpy(y, x, theta);
  return 1;
}

int mdl_perceptron_update(const gsl_vector *x, double y, gsl_vector *theta,
                          int *mistake)
{
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "x is NULL");
  if (theta == NULL)
    MDL_ERROR(GSL_EFAULT, "theta is NULL");
  if (x->size != theta->size)
    MDL_ERROR(GSL_EBADLEN, "x has length %zu and theta %zu", x->size,
              theta->size);
  if (!is_label(y))
    MDL_ERROR(GSL_EDOM, "y = %g; the label must be -1 or +1", y);
  size_t bad;
  if (!mdl_numcheck_finite(x, &bad))
    MDL_ERROR(GSL_EDOM, "mdl_perceptron_update: x[%zu] = %g is not finite",
              bad, gsl_vector_get(x, bad));
  if (!mdl_numcheck_finite(theta, &bad))
    MDL_ERROR(GSL_EDOM, "mdl_perceptron_update: theta[%zu] = %g is not finite",
              bad, gsl_vector_get(theta, bad));
  int wrong = perceptron_step(x, y, theta);
  if (mistake)
    *mistake = wrong;
  return GSL_SUCCESS;
}
#line 507 "chapters/07-generalization.nw"
static int perceptron_passes(const gsl_matrix *X, const gsl_vector *y,
                             gsl_vector *t, size_t max_epochs, size_t *count)
{
  int converged = 0;
  for (size_t epoch = 0; epoch < max_epochs && !converged; epoch++) {
    size_t before = *count;
    for (size_t i = 0; i < X->size1; i++) {
      gsl_vector_const_view xi = gsl_matrix_const_row(X, i);
      *count += (size_t)perceptron_step(&xi.vector, gsl_vector_get(y, i), t);
    }
    converged = *count == before;
  }
  return converged;
}

int mdl_perceptron_train(const gsl_matrix *X, const gsl_vector *y,
                         gsl_vector *theta, size_t max_epochs,
                         size_t *mistakes)
{
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "X is NULL");
  if (y == NULL)
    MDL_ERROR(GSL_EFAULT, "y is NULL");
  if (theta == NULL)
    MDL_ERROR(GSL_EFAULT, "theta is NULL");
  if (X->size1 != y->size || X->size2 != theta->size)
    MDL_ERROR(GSL_EBADLEN, "X is %zu x %zu, expected %zu x %zu (one row per"
              " label, theta's %zu columns)", X->size1, X->size2, y->size,
              theta->size, theta->size);
  if (!labels_ok(y))
    MDL_ERROR(GSL_EDOM, "y[%zu] = %g; labels must be -1 or +1",
              first_non_label(y), gsl_vector_get(y, first_non_label(y)));
  if (max_epochs == 0)
    MDL_ERROR(GSL_EINVAL, "max_epochs = 0; it must be positive");
  gsl_vector *t = gsl_vector_alloc(theta->size);
  if (t == NULL)
    GSL_ERROR("cannot allocate the weights", GSL_ENOMEM);
  gsl_vector_memcpy(t, theta);
  size_t count = 0;
  int converged = perceptron_passes(X, y, t, max_epochs, &count);
  gsl_vector_memcpy(theta, t);
  if (mistakes)
    *mistakes = count;
  gsl_vector_free(t);
  if (!converged)
    MDL_ERROR(GSL_EMAXITER,
              "mdl_perceptron_train: each of %zu passes made a mistake (%zu "
              "updates): are the data separable? theta holds the last weights",
              max_epochs, count);
  return GSL_SUCCESS;
}

int mdl_perceptron_train_bias(const gsl_matrix *X, const gsl_vector *y,
                              gsl_vector *theta, double *bias,
                              size_t max_epochs, size_t *mistakes)
{
  if (X == NULL || y == NULL || theta == NULL || bias == NULL)
    MDL_ERROR(GSL_EFAULT, "mdl_perceptron_train_bias: %s is NULL",
              X == NULL ? "X" : y == NULL ? "y" : theta == NULL ? "theta"
                                                                  : "bias");
  if (X->size1 != y->size || X->size2 != theta->size)
    MDL_ERROR(GSL_EBADLEN,
              "mdl_perceptron_train_bias: X is %zu x %zu, y has %zu labels "
              "and theta %zu entries", X->size1, X->size2, y->size,
              theta->size);
  if (X->size1 == 0 || X->size2 == 0)
    MDL_ERROR(GSL_EBADLEN, "mdl_perceptron_train_bias: X is %zu x %zu",
              X->size1, X->size2);
  if (!labels_ok(y))
    MDL_ERROR(GSL_EDOM, "y[%zu] = %g; labels must be -1 or +1",
              first_non_label(y), gsl_vector_get(y, first_non_label(y)));
  size_t i0, j0;
  if (!mdl_numcheck_finite_matrix(X, &i0, &j0))
    MDL_ERROR(GSL_EDOM, "mdl_perceptron_train_bias: X[%zu][%zu] = %g", i0, j0,
              gsl_matrix_get(X, i0, j0));
  if (!isfinite(*bias))
    MDL_ERROR(GSL_EDOM, "mdl_perceptron_train_bias: *bias = %g", *bias);
  if (max_epochs == 0)
    MDL_ERROR(GSL_EINVAL, "mdl_perceptron_train_bias: max_epochs = 0");
  const size_t s = X->size1, n = X->size2;
  gsl_matrix *Xa = gsl_matrix_alloc(s, n + 1);
  gsl_vector *t = gsl_vector_alloc(n + 1);
  if (Xa == NULL || t == NULL) {
    if (Xa)
      gsl_matrix_free(Xa);
    if (t)
      gsl_vector_free(t);
    MDL_ERROR(GSL_ENOMEM, "mdl_perceptron_train_bias: no memory for %zu x %zu",
              s, n + 1);
  }
  double R = 0;
  for (size_t i = 0; i < s; i++) {
    gsl_vector_const_view xi = gsl_matrix_const_row(X, i);
    R = fmax(R, gsl_blas_dnrm2(&xi.vector));
  }
  if (R == 0)
    R = 1;
  gsl_matrix_view left = gsl_matrix_submatrix(Xa, 0, 0, s, n);
  gsl_vector_view last = gsl_matrix_column(Xa, n);
  gsl_matrix_memcpy(&left.matrix, X);
  gsl_vector_set_all(&last.vector, R);
  gsl_vector_view head = gsl_vector_subvector(t, 0, n);
  gsl_vector_memcpy(&head.vector, theta);
  gsl_vector_set(t, n, *bias / R);
  size_t count = 0;
  int converged = perceptron_passes(Xa, y, t, max_epochs, &count);
  gsl_vector_memcpy(theta, &head.vector);
  *bias = R * gsl_vector_get(t, n);
  if (mistakes)
    *mistakes = count;
  gsl_matrix_free(Xa);
  gsl_vector_free(t);
  if (!converged)
    MDL_ERROR(GSL_EMAXITER,
              "mdl_perceptron_train_bias: each of %zu passes made a mistake "
              "(%zu updates): are the data separable by an affine "
              "hyperplane? theta and bias hold the last weights",
              max_epochs, count);
  return GSL_SUCCESS;
}

double mdl_margin(const gsl_matrix *X, const gsl_vector *y,
                  const gsl_vector *theta)
{
  if (X == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "X is NULL");
  if (y == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "y is NULL");
  if (theta == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "theta is NULL");
  if (X->size1 != y->size || X->size2 != theta->size)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "X is %zu x %zu, expected %zu x %zu"
                  " (one row per label, theta's %zu columns)", X->size1,
                  X->size2, y->size, theta->size, theta->size);
  if (!labels_ok(y))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "y[%zu] = %g; labels must be -1 or +1",
                  first_non_label(y), gsl_vector_get(y, first_non_label(y)));
  if (X->size1 == 0 || X->size2 == 0)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "mdl_margin: X is %zu x %zu", X->size1,
                  X->size2);
  size_t i0, j0;
  if (!mdl_numcheck_finite_matrix(X, &i0, &j0))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "mdl_margin: X[%zu][%zu] = %g", i0, j0,
                  gsl_matrix_get(X, i0, j0));
  if (!mdl_numcheck_finite(theta, &i0))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "mdl_margin: theta[%zu] = %g", i0,
                  gsl_vector_get(theta, i0));
  double norm = gsl_blas_dnrm2(theta), m = GSL_POSINF;
  if (norm == 0)
    GSL_ERROR_VAL("the margin of theta = 0 is undefined", GSL_EDOM, GSL_NAN);
  for (size_t i = 0; i < X->size1; i++) {
    gsl_vector_const_view xi = gsl_matrix_const_row(X, i);
    double score;
    gsl_blas_ddot(&xi.vector, theta, &score);
    m = fmin(m, gsl_vector_get(y, i) * score);
  }
  return m / norm;
}
#line 1038 "chapters/07-generalization.nw"
static int separable_point(const gsl_rng *r, const gsl_vector *w, double g,
                           gsl_vector *x, double *label)
{
  const size_t n = w->size;
  double t = gsl_ran_flat(r, g, 1), sign = gsl_rng_uniform(r) < 0.5 ? -1 : 1;
  double rho = sqrt(1 - t * t), c, norm = 0;
  if (n > 1) {
    while (norm == 0) {
      for (size_t j = 0; j < n; j++)
        gsl_vector_set(x, j, gsl_ran_gaussian(r, 1));
      double full = gsl_blas_dnrm2(x);
      gsl_blas_ddot(x, w, &c);
      gsl_blas_daxpy(-c, w, x);
      norm = gsl_blas_dnrm2(x);
      if (norm < full / 2)
        norm = 0;
    }
    double radius = rho * pow(gsl_rng_uniform(r), 1.0 / (double)(n - 1));
    gsl_vector_scale(x, radius / norm);
  } else {
    gsl_vector_set_zero(x);
  }
  gsl_blas_daxpy(sign * t, w, x);
  double score;
  gsl_blas_ddot(x, w, &score);
  *label = sign;
  return sign * score >= g && gsl_blas_dnrm2(x) <= 1;
}

int mdl_data_separable(unsigned long seed, double margin, gsl_matrix *X,
                       gsl_vector *y, gsl_vector *w)
{
  if (X == NULL || y == NULL)
    MDL_ERROR(GSL_EFAULT, "mdl_data_separable: %s is NULL",
              X == NULL ? "X" : "y");
  if (X->size1 == 0 || X->size2 == 0 || y->size != X->size1
      || (w && w->size != X->size2))
    MDL_ERROR(GSL_EBADLEN,
              "mdl_data_separable: X is %zu x %zu, y has %zu entries, w %zu",
              X->size1, X->size2, y->size, w ? w->size : X->size2);
  if (!(margin > 0 && margin < 1))
    MDL_ERROR(GSL_EDOM, "mdl_data_separable: margin = %g is not in (0, 1)",
              margin);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_vector *u = gsl_vector_alloc(X->size2);
  if (r == NULL || u == NULL) {
    if (r)
      gsl_rng_free(r);
    if (u)
      gsl_vector_free(u);
    MDL_ERROR(GSL_ENOMEM, "mdl_data_separable: no memory");
  }
  gsl_rng_set(r, seed);
  double norm = 0;
  while (norm == 0) {
    for (size_t j = 0; j < u->size; j++)
      gsl_vector_set(u, j, gsl_ran_gaussian(r, 1));
    norm = gsl_blas_dnrm2(u);
  }
  gsl_vector_scale(u, 1 / norm);
  for (size_t i = 0; i < X->size1; i++) {
    gsl_vector_view xi = gsl_matrix_row(X, i);
    double label;
    while (!separable_point(r, u, margin, &xi.vector, &label))
      ;
    gsl_vector_set(y, i, label);
  }
  if (w)
    gsl_vector_memcpy(w, u);
  gsl_vector_free(u);
  gsl_rng_free(r);
  return GSL_SUCCESS;
}
#line 2229 "chapters/07-generalization.nw"
static size_t select_columns(const gsl_matrix *X, double *a, size_t *cols)
{
  size_t s = X->size1, n = X->size2, r = 0;
  for (size_t i = 0; i < s; i++)
    for (size_t j = 0; j < n; j++)
      a[i * n + j] = gsl_matrix_get(X, i, j);
  double prev = 1;
  for (size_t c = 0; c < n && r < s; c++) {
    size_t piv = r;
    while (piv < s && a[piv * n + c] == 0)
      piv++;
    if (piv == s)
      continue;
    for (size_t j = 0; j < n && piv != r; j++) {
      double t = a[r * n + j];
      a[r * n + j] = a[piv * n + j];
      a[piv * n + j] = t;
    }
    double p = a[r * n + c];
    for (size_t i = r + 1; i < s; i++) {
      for (size_t j = c + 1; j < n; j++)
        a[i * n + j] = (p * a[i * n + j] - a[i * n + c] * a[r * n + j]) / prev;
      a[i * n + c] = 0;
    }
    prev = p;
    cols[r++] = c;
  }
  return r;
}

static double gauss_jordan(double *a, size_t r)
{
  size_t w = 2 * r;
  double prev = 1;
  for (size_t k = 0; k < r; k++) {
    size_t piv = k;
    while (piv < r && a[piv * w + k] == 0)
      piv++;
    if (piv == r)
      return 0;
    for (size_t j = 0; j < w && piv != k; j++) {
      double t = a[k * w + j];
      a[k * w + j] = a[piv * w + j];
      a[piv * w + j] = t;
    }
    double p = a[k * w + k];
    for (size_t i = 0; i < r; i++) {
      if (i == k)
        continue;
      double f = a[i * w + k];
      for (size_t j = 0; j < w; j++)
        if (j != k)
          a[i * w + j] = (p * a[i * w + j] - f * a[k * w + j]) / prev;
      a[i * w + k] = 0;
    }
    prev = p;
  }
  return prev;
}
#line 2296 "chapters/07-generalization.nw"
static double vertex_candidate(const gsl_matrix *X, const size_t *cols,
                               size_t r, const size_t *B, double *ga,
                               double *W)
{
  size_t w = 2 * r;
  for (size_t k = 0; k < r; k++)
    for (size_t j = 0; j < w; j++)
      ga[k * w + j] = j < r ? gsl_matrix_get(X, B[k], cols[j])
                            : (double)(j - r == k);
  double d = gauss_jordan(ga, r);
  if (d == 0)
    return 0;
  for (size_t i = 0; i < X->size1; i++)
    for (size_t k = 0; k < r; k++) {
      double v = 0;
      for (size_t c = 0; c < r; c++)
        v += gsl_matrix_get(X, i, cols[c]) * ga[c * w + r + k];
      W[i * r + k] = v;
    }
  return d;
}

static int vertex_separates(const double *W, double d, const size_t *B,
                            size_t r, size_t s, const double *y)
{
  double sd = d > 0 ? 1 : -1, ad = fabs(d);
  for (size_t j = 0; j < s; j++) {
    double v = 0;
    for (size_t k = 0; k < r; k++)
      v += W[j * r + k] * y[B[k]];
    if (y[j] * sd * v < ad)
      return 0;
  }
  return 1;
}

static int next_subset(size_t *B, size_t r, size_t s)
{
  size_t i = r;
  while (i > 0 && B[i - 1] == s - r + i - 1)
    i--;
  if (i == 0)
    return 0;
  B[i - 1]++;
  for (size_t j = i; j < r; j++)
    B[j] = B[j - 1] + 1;
  return 1;
}
#line 2350 "chapters/07-generalization.nw"
typedef struct {
  double *a, *ga, *W, *y;
  size_t *cols, *B;
  size_t r;
} vertex_work;

static void vertex_work_free(vertex_work *v)
{
  free(v->a);
  free(v->ga);
  free(v->W);
  free(v->y);
  free(v->cols);
  free(v->B);
}

static int vertex_work_alloc(const gsl_matrix *X, vertex_work *v)
{
  size_t s = X->size1, n = X->size2;
  v->a = malloc(s * n * sizeof *v->a);
  v->ga = malloc(2 * n * n * sizeof *v->ga);
  v->W = malloc(s * n * sizeof *v->W);
  v->y = malloc(s * sizeof *v->y);
  v->cols = malloc(n * sizeof *v->cols);
  v->B = malloc(n * sizeof *v->B);
  if (!v->a || !v->ga || !v->W || !v->y || !v->cols || !v->B) {
    vertex_work_free(v);
    return GSL_ENOMEM;
  }
  v->r = select_columns(X, v->a, v->cols);
  for (size_t k = 0; k < v->r; k++)
    v->B[k] = k;
  return GSL_SUCCESS;
}

int mdl_halfspace_separable(const gsl_matrix *X, const gsl_vector *y,
                            int *separable)
{
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "X is NULL");
  if (y == NULL)
    MDL_ERROR(GSL_EFAULT, "y is NULL");
  if (separable == NULL)
    MDL_ERROR(GSL_EFAULT, "separable is NULL");
  if (X->size1 != y->size)
    MDL_ERROR(GSL_EBADLEN, "X has %zu rows and y %zu labels", X->size1,
              y->size);
  if (X->size1 == 0 || X->size2 == 0)
    MDL_ERROR(GSL_EBADLEN, "mdl_halfspace_separable: X is %zu x %zu",
              X->size1, X->size2);
  if (!labels_ok(y))
    MDL_ERROR(GSL_EDOM, "y[%zu] = %g; labels must be -1 or +1",
              first_non_label(y), gsl_vector_get(y, first_non_label(y)));
  if (!exact_input(X))
    MDL_ERROR(GSL_EDOM, "X (%zu x %zu) must have small integer entries,"
              " (n M^2 + 1)^n <= 2^52", X->size1, X->size2);
  vertex_work v;
  if (vertex_work_alloc(X, &v))
    GSL_ERROR("cannot allocate the scratch space", GSL_ENOMEM);
  for (size_t i = 0; i < y->size; i++)
    v.y[i] = gsl_vector_get(y, i);
  int found = 0;
  if (v.r > 0) {
    do {
      double d = vertex_candidate(X, v.cols, v.r, v.B, v.ga, v.W);
      found = d != 0 && vertex_separates(v.W, d, v.B, v.r, X->size1, v.y);
    } while (!found && next_subset(v.B, v.r, X->size1));
  }
  vertex_work_free(&v);
  *separable = found;
  return GSL_SUCCESS;
}
#line 2428 "chapters/07-generalization.nw"
static int count_dichotomies(const gsl_matrix *X, double *count)
{
  size_t s = X->size1;
  vertex_work v;
  if (vertex_work_alloc(X, &v))
    return GSL_ENOMEM;
  size_t cap = 0, len = 0, r = v.r;
  double *cand = NULL, *dets = NULL;
  size_t *subsets = NULL;
  int status = GSL_SUCCESS;
  if (r > 0) {
    do {
      double d = vertex_candidate(X, v.cols, r, v.B, v.ga, v.W);
      if (d == 0)
        continue;
      if (len == cap) {
        cap = cap ? 2 * cap : 64;
        double *c2 = realloc(cand, cap * s * r * sizeof *c2);
        double *d2 = realloc(dets, cap * sizeof *d2);
        size_t *s2 = realloc(subsets, cap * r * sizeof *s2);
        cand = c2 ? c2 : cand;
        dets = d2 ? d2 : dets;
        subsets = s2 ? s2 : subsets;
        if (!c2 || !d2 || !s2) {
          status = GSL_ENOMEM;
          break;
        }
      }
      memcpy(cand + len * s * r, v.W, s * r * sizeof *cand);
      memcpy(subsets + len * r, v.B, r * sizeof *subsets);
      dets[len++] = d;
    } while (next_subset(v.B, r, s));
  }
  double total = 0;
  for (unsigned long m = 0; status == GSL_SUCCESS && m < (1ul << s); m++) {
    for (size_t j = 0; j < s; j++)
      v.y[j] = (m >> j) & 1 ? 1.0 : -1.0;
    int sep = 0;
    for (size_t c = 0; c < len && !sep; c++)
      sep = vertex_separates(cand + c * s * r, dets[c], subsets + c * r, r,
                             s, v.y);
    total += sep;
  }
  free(cand);
  free(dets);
  free(subsets);
  vertex_work_free(&v);
  if (status == GSL_SUCCESS)
    *count = total;
  return status;
}

static int dichotomies(const char *fn, const gsl_matrix *X, double *count)
{
  if (X->size1 > 16)
    MDL_ERROR(GSL_EINVAL, "%s: X has %zu points; the enumeration is limited"
              " to s <= 16", fn, X->size1);
  if (X->size1 == 0 || X->size2 == 0)
    MDL_ERROR(GSL_EBADLEN, "%s: X is %zu x %zu", fn, X->size1, X->size2);
  if (!exact_input(X))
    MDL_ERROR(GSL_EDOM, "%s: X (%zu x %zu) must have small integer entries,"
              " (n M^2 + 1)^n <= 2^52", fn, X->size1, X->size2);
  if (count_dichotomies(X, count))
    MDL_ERROR(GSL_ENOMEM, "%s: cannot allocate the candidates", fn);
  return GSL_SUCCESS;
}

int mdl_halfspace_dichotomies(const gsl_matrix *X, double *count)
{
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "X is NULL");
  if (count == NULL)
    MDL_ERROR(GSL_EFAULT, "count is NULL");
  return dichotomies(__func__, X, count);
}

int mdl_halfspace_shatters(const gsl_matrix *X, int *shattered)
{
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "X is NULL");
  if (shattered == NULL)
    MDL_ERROR(GSL_EFAULT, "shattered is NULL");
  double count;
  int status = dichotomies(__func__, X, &count);
  if (status)
    return status;
  *shattered = count == ldexp(1.0, (int)X->size1);
  return GSL_SUCCESS;
}
#line 2533 "chapters/07-generalization.nw"
static uint64_t gcd_u64(uint64_t a, uint64_t b)
{
  while (b) {
    uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

static double binomial_sum(size_t m, size_t k)
{
  size_t top = k < m ? k : m;
  uint64_t b = 1, sum = 1;
  int exact = 1;
  for (size_t i = 1; i <= top && exact; i++) {
    uint64_t g = gcd_u64(b, i), bg = b / g, f = (m - i + 1) / (i / g);
    if (bg > UINT64_MAX / f) {
      exact = 0;
    } else {
      b = bg * f;
      exact = sum <= UINT64_MAX - b;
      sum += exact ? b : 0;
    }
  }
  if (exact)
    return (double)sum;
  double lb = 1, ls = 1;
  for (size_t i = 1; i <= top; i++) {
    lb = lb * (double)(m - i + 1) / (double)i;
    ls += lb;
  }
  return isfinite(ls) ? ls : GSL_POSINF;
}

double mdl_cover_count(size_t s, size_t n)
{
  if (s == 0 || n == 0)
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "C(s, n) needs s >= 1 and n >= 1, not"
                  " s = %zu, n = %zu", s, n);
  return 2 * binomial_sum(s - 1, n - 1);
}

double mdl_sauer_bound(size_t s, size_t d)
{
  return binomial_sum(s, d);
}
#line 2596 "chapters/07-generalization.nw"
static double log_binomial_sum(size_t m, size_t k)
{
  size_t top = k < m ? k : m;
  double exact = binomial_sum(m, k);
  if (exact < 18446744073709551616.0)
    return log(exact);
  double lb = 1, ls = 1, e = 0;
  const double big = 0x1p600, scale = 0x1p-512;
  for (size_t i = 1; i <= top; i++) {
    lb = lb * (double)(m - i + 1) / (double)i;
    ls += lb;
    if (ls > big) {
      ls *= scale;
      lb *= scale;
      e += 1;
    }
  }
  return log(ls) + 512 * e * M_LN2;
}

double mdl_log_cover_count(size_t s, size_t n)
{
  if (s == 0 || n == 0)
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM,
                  "mdl_log_cover_count: C(s, n) needs s >= 1 and n >= 1, "
                  "not s = %zu, n = %zu", s, n);
  return M_LN2 + log_binomial_sum(s - 1, n - 1);
}

double mdl_log_sauer_bound(size_t s, size_t d)
{
  return log_binomial_sum(s, d);
}
#line 3481 "chapters/07-generalization.nw"
double mdl_hoeffding_bound(const gsl_vector *a, const gsl_vector *b, double t)
{
  if (a == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "a is NULL");
  if (b == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "b is NULL");
  if (a->size != b->size)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "a has length %zu and b %zu", a->size,
                  b->size);
  if (a->size == 0)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "a and b have length 0 (no"
                  " variables)");
  if (isnan(t))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "t = %g must not be NaN", t);
  double w2 = 0;
  for (size_t i = 0; i < a->size; i++) {
    double ai = gsl_vector_get(a, i), bi = gsl_vector_get(b, i);
    if (!isfinite(ai) || !isfinite(bi) || bi < ai)
      MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "the range [a[%zu], b[%zu]] = [%g, %g]"
                    " must be finite with a_i <= b_i", i, i, ai, bi);
    w2 += (bi - ai) * (bi - ai);
  }
  if (t <= 0)
    return 1;
  if (w2 == 0)
    return 0;
  double n = (double)a->size;
  return exp(-2 * n * n * t * t / w2);
}

static int confidence_ok(double delta)
{
  return delta > 0 && delta < 1;
}

double mdl_finite_class_bound(double size, size_t n, double delta)
{
  if (!(size >= 1) || !confidence_ok(delta))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "size = %g and delta = %g; need size >="
                  " 1 and 0 < delta < 1", size, delta);
  if (n == 0)
    MDL_ERROR_VAL(GSL_NAN, GSL_EINVAL, "n = 0 examples; need n >= 1");
  return sqrt((log(size) + log(1 / delta)) / (2.0 * (double)n));
}

double mdl_vc_bound(double log_growth, size_t n, double delta)
{
  if (!(log_growth >= 0) || !confidence_ok(delta))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "log_growth = %g and delta = %g; need"
                  " log_growth >= 0 and 0 < delta < 1", log_growth, delta);
  if (n == 0)
    MDL_ERROR_VAL(GSL_NAN, GSL_EINVAL, "n = 0 examples; need n >= 1");
  if (!(log_growth <= 2 * (double)n * M_LN2 * (1 + 1e-9)))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM,
                  "mdl_vc_bound: log_growth = %g exceeds 2 n ln 2 = %g (n = "
                  "%zu), the log of the largest growth function on 2n points;"
                  " pass the log of the count (mdl_log_sauer_bound), not the "
                  "count", log_growth, 2 * (double)n * M_LN2, n);
  return 2 * sqrt(2 * (log_growth + log(2 / delta)) / (double)n);
}
#line 4392 "chapters/07-generalization.nw"
double mdl_rademacher_linear_sup(const gsl_matrix *X, const gsl_vector *sigma,
                                 double B, gsl_vector *w)
{
  if (X == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "X is NULL");
  if (sigma == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "sigma is NULL");
  if (sigma->size != X->size1 || (w && w->size != X->size2))
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "X is %zu x %zu, sigma has length %zu"
                  " and w %zu; expected %zu and %zu", X->size1, X->size2,
                  sigma->size, w ? w->size : X->size2, X->size1, X->size2);
  if (!labels_ok(sigma))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "sigma[%zu] = %g; signs must be -1 or +1",
                  first_non_label(sigma),
                  gsl_vector_get(sigma, first_non_label(sigma)));
  if (!(B >= 0) || !isfinite(B))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "B = %g; it must be finite and >= 0", B);
  if (X->size1 == 0 || X->size2 == 0)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "mdl_rademacher_linear_sup: X is %zu x %zu",
                  X->size1, X->size2);
  size_t i0, j0;
  if (!mdl_numcheck_finite_matrix(X, &i0, &j0))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "mdl_rademacher_linear_sup: X[%zu][%zu] = %g",
                  i0, j0, gsl_matrix_get(X, i0, j0));
  gsl_vector *v = gsl_vector_alloc(X->size2);
  if (v == NULL)
    GSL_ERROR_VAL("cannot allocate v", GSL_ENOMEM, GSL_NAN);
  gsl_blas_dgemv(CblasTrans, 1.0, X, sigma, 0.0, v);
  double norm = gsl_blas_dnrm2(v);
  if (w) {
    gsl_vector_set_zero(w);
    if (norm > 0)
      gsl_blas_daxpy(B / norm, v, w);
  }
  gsl_vector_free(v);
  return B * norm / (double)X->size1;
}

int mdl_rademacher_linear(const gsl_matrix *X, double B, size_t draws,
                          const gsl_rng *r, mdl_numcheck_estimate *est)
{
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "X is NULL");
  if (r == NULL)
    MDL_ERROR(GSL_EFAULT, "r is NULL");
  if (est == NULL)
    MDL_ERROR(GSL_EFAULT, "est is NULL");
  if (!(B >= 0) || !isfinite(B))
    MDL_ERROR(GSL_EDOM, "B = %g; it must be finite and >= 0", B);
  if (draws < 2)
    MDL_ERROR(GSL_EINVAL, "draws = %zu; a standard error needs at least 2",
              draws);
  if (X->size1 == 0 || X->size2 == 0)
    MDL_ERROR(GSL_EBADLEN, "mdl_rademacher_linear: X is %zu x %zu", X->size1,
              X->size2);
  size_t i0, j0;
  if (!mdl_numcheck_finite_matrix(X, &i0, &j0))
    MDL_ERROR(GSL_EDOM, "mdl_rademacher_linear: X[%zu][%zu] = %g", i0, j0,
              gsl_matrix_get(X, i0, j0));
  gsl_vector *sigma = gsl_vector_alloc(X->size1);
  gsl_vector *v = gsl_vector_alloc(X->size2);
  gsl_vector *values = gsl_vector_alloc(draws);
  int status = GSL_SUCCESS;
  if (sigma == NULL || v == NULL || values == NULL) {
    status = GSL_ENOMEM;
  } else {
    for (size_t k = 0; k < draws; k++) {
      for (size_t i = 0; i < X->size1; i++)
        gsl_vector_set(sigma, i, gsl_rng_uniform_int(r, 2) ? 1.0 : -1.0);
      gsl_blas_dgemv(CblasTrans, 1.0, X, sigma, 0.0, v);
      gsl_vector_set(values, k, B * gsl_blas_dnrm2(v) / (double)X->size1);
    }
    mdl_numcheck_mean(values, est);
  }
  gsl_vector_free(sigma);
  gsl_vector_free(v);
  gsl_vector_free(values);
  if (status)
    GSL_ERROR("cannot allocate the scratch vectors", GSL_ENOMEM);
  return GSL_SUCCESS;
}

#line 4775 "chapters/07-generalization.nw"
static double max_weighted(const gsl_vector *p, const gsl_vector *phi)
{
  double m = -HUGE_VAL;
  for (size_t i = 0; i < p->size; i++)
    if (gsl_vector_get(p, i) > 0)
      m = fmax(m, gsl_vector_get(phi, i));
  return m;
}

double mdl_dv_log_mgf(const gsl_vector *p, const gsl_vector *phi)
{
  if (p == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "p is NULL");
  if (phi == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "phi is NULL");
  if (p->size != phi->size)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "p has length %zu and phi %zu",
                  p->size, phi->size);
  MDL_CHECK_PROBABILITY(GSL_NAN, __func__, "p", p);
  for (size_t i = 0; i < phi->size; i++)
    if (!isfinite(gsl_vector_get(phi, i)))
      MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "phi[%zu] = %g is not finite", i,
                    gsl_vector_get(phi, i));
  double m = max_weighted(p, phi), s = 0;
  for (size_t i = 0; i < p->size; i++)
    s += gsl_vector_get(p, i) * exp(gsl_vector_get(phi, i) - m);
  return m + log(s);
}

int mdl_dv_gibbs(const gsl_vector *p, const gsl_vector *phi, gsl_vector *q)
{
  if (p == NULL)
    MDL_ERROR(GSL_EFAULT, "p is NULL");
  if (phi == NULL)
    MDL_ERROR(GSL_EFAULT, "phi is NULL");
  if (q == NULL)
    MDL_ERROR(GSL_EFAULT, "q is NULL");
  if (p->size != phi->size || q->size != p->size)
    MDL_ERROR(GSL_EBADLEN, "p has length %zu, phi %zu and q %zu", p->size,
              phi->size, q->size);
  MDL_CHECK_PROBABILITY(GSL_EDOM, __func__, "p", p);
  for (size_t i = 0; i < phi->size; i++)
    if (!isfinite(gsl_vector_get(phi, i)))
      MDL_ERROR(GSL_EDOM, "phi[%zu] = %g is not finite", i,
                gsl_vector_get(phi, i));
  double m = max_weighted(p, phi), s = 0;
  for (size_t i = 0; i < p->size; i++)
    s += gsl_vector_get(p, i) * exp(gsl_vector_get(phi, i) - m);
  for (size_t i = 0; i < p->size; i++)
    gsl_vector_set(q, i,
                   gsl_vector_get(p, i) * exp(gsl_vector_get(phi, i) - m) / s);
  return GSL_SUCCESS;
}
#line 4836 "chapters/07-generalization.nw"
static double kl_bernoulli(double q, double p)
{
  double kl = 0;
  if (q > 0)
    kl += p == 0 ? GSL_POSINF : q * log(q / p);
  if (q < 1)
    kl += p == 1 ? GSL_POSINF : (1 - q) * log((1 - q) / (1 - p));
  return kl;
}

double mdl_kl_bernoulli(double q, double p)
{
  if (!(q >= 0 && q <= 1 && p >= 0 && p <= 1))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "q = %g and p = %g; both must lie in"
                  " [0, 1]", q, p);
  return kl_bernoulli(q, p);
}

double mdl_kl_bernoulli_inverse(double q, double c)
{
  if (!(q >= 0 && q <= 1) || !(c >= 0))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "q = %g and c = %g; need q in [0, 1] and"
                  " c >= 0", q, c);
  if (q == 1 || isinf(c))
    return 1;
  double lo = q, hi = 1;
  while (nextafter(lo, 2.0) < hi) {
    double mid = lo + (hi - lo) / 2;
    if (kl_bernoulli(q, mid) <= c)
      lo = mid;
    else
      hi = mid;
  }
  return hi;
}

double mdl_pac_bayes_bound(mdl_pac_bayes_form form, double risk, double kl,
                           size_t m, double delta)
{
  if (!(risk >= 0 && risk <= 1) || !(kl >= 0) || !confidence_ok(delta))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "risk = %g, kl = %g and delta = %g; need"
                  " risk in [0, 1], kl >= 0 and 0 < delta < 1", risk, kl,
                  delta);
  double dm = (double)m;
  switch (form) {
  case MDL_PAC_BAYES_KL:
  case MDL_PAC_BAYES_SQRT:
    if (m < 8)
      MDL_ERROR_VAL(GSL_NAN, GSL_EINVAL, "m = %zu; Maurer's bound needs m >="
                    " 8", m);
    if (form == MDL_PAC_BAYES_KL)
      return mdl_kl_bernoulli_inverse(risk,
                                      (kl + log(2 * sqrt(dm) / delta)) / dm);
    return risk + sqrt((kl + log(2 * sqrt(dm) / delta)) / (2 * dm));
  case MDL_PAC_BAYES_MCALLESTER:
    if (m < 1)
      MDL_ERROR_VAL(GSL_NAN, GSL_EINVAL, "m = 0; the bound needs m >= 1");
    return risk
           + sqrt((kl + log(1 / delta) + 2.5 * log(dm) + 8) / (2 * dm - 1));
  }
  MDL_ERROR_VAL(GSL_NAN, GSL_EINVAL, "form = %d is not a form of the"
                " PAC-Bayes bound", (int)form);
}
#line 4905 "chapters/07-generalization.nw"
double mdl_pac_bayes_gibbs_risk(const gsl_matrix *X, const gsl_vector *y,
                                const gsl_vector *mu, double sigma)
{
  if (X == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "X is NULL");
  if (y == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "y is NULL");
  if (mu == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "mu is NULL");
  if (X->size1 != y->size || X->size2 != mu->size)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "X is %zu x %zu, expected %zu x %zu"
                  " (one row per label, mu's %zu columns)", X->size1,
                  X->size2, y->size, mu->size, mu->size);
  if (!labels_ok(y))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "y[%zu] = %g; labels must be -1 or +1",
                  first_non_label(y), gsl_vector_get(y, first_non_label(y)));
  if (!(sigma > 0) || !isfinite(sigma))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "sigma = %g; it must be positive and"
                  " finite", sigma);
  if (X->size1 == 0 || X->size2 == 0)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "mdl_pac_bayes_gibbs_risk: X is %zu x %zu",
                  X->size1, X->size2);
  size_t i0, j0;
  if (!mdl_numcheck_finite_matrix(X, &i0, &j0))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "mdl_pac_bayes_gibbs_risk: X[%zu][%zu] = %g",
                  i0, j0, gsl_matrix_get(X, i0, j0));
  if (!mdl_numcheck_finite(mu, &i0))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "mdl_pac_bayes_gibbs_risk: mu[%zu] = %g", i0,
                  gsl_vector_get(mu, i0));
  double sum = 0;
  for (size_t i = 0; i < X->size1; i++) {
    gsl_vector_const_view xi = gsl_matrix_const_row(X, i);
    double dot, norm = gsl_blas_dnrm2(&xi.vector);
    gsl_blas_ddot(&xi.vector, mu, &dot);
    if (norm == 0)
      sum += 1;
    else
      sum += 0.5 * erfc(gsl_vector_get(y, i) * dot / (sigma * norm) / M_SQRT2);
  }
  return sum / (double)X->size1;
}

double mdl_pac_bayes_kl_gauss(const gsl_vector *mu, double sigma,
                              const gsl_vector *mu0, double sigma0)
{
  if (mu == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "mu is NULL");
  if (mu0 == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "mu0 is NULL");
  if (mu->size != mu0->size)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "mu has length %zu and mu0 %zu",
                  mu->size, mu0->size);
  if (!(sigma > 0) || !(sigma0 > 0) || !isfinite(sigma) || !isfinite(sigma0))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "sigma = %g and sigma0 = %g; both must"
                  " be positive and finite", sigma, sigma0);
  if (mu->size == 0)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "mu has length 0");
  size_t i0;
  if (!mdl_numcheck_finite(mu, &i0))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "mdl_pac_bayes_kl_gauss: mu[%zu] = %g", i0,
                  gsl_vector_get(mu, i0));
  if (!mdl_numcheck_finite(mu0, &i0))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "mdl_pac_bayes_kl_gauss: mu0[%zu] = %g", i0,
                  gsl_vector_get(mu0, i0));
  double rho = (sigma / sigma0) * (sigma / sigma0), dist2 = 0;
  for (size_t i = 0; i < mu->size; i++) {
    double d = gsl_vector_get(mu, i) - gsl_vector_get(mu0, i);
    dist2 += d * d;
  }
  return 0.5 * ((double)mu->size * (rho - 1 - log(rho))
                + dist2 / (sigma0 * sigma0));
}
#line 5713 "chapters/07-generalization.nw"
static double abs_max(const gsl_vector *z, size_t *where)
{
  double m = 0;
  *where = 0;
  for (size_t i = 0; i < z->size; i++)
    if (fabs(gsl_vector_get(z, i)) > m) {
      m = fabs(gsl_vector_get(z, i));
      *where = i;
    }
  return m;
}

static double dual_exponent(double p)
{
  return isinf(p) ? 1 : p == 1 ? GSL_POSINF : p / (p - 1);
}

static double lp_norm(const gsl_vector *z, double p)
{
  size_t k;
  double M = abs_max(z, &k), sum = 0;
  if (isinf(p) || M == 0)
    return M;
  for (size_t i = 0; i < z->size; i++)
    sum += pow(fabs(gsl_vector_get(z, i)) / M, p);
  return M * pow(sum, 1 / p);
}

static void dual_maximizer(const gsl_vector *z, double p, gsl_vector *v)
{
  size_t k;
  double M = abs_max(z, &k), q = dual_exponent(p);
  gsl_vector_set_zero(v);
  if (M == 0)
    return;
  if (p == 1) {
    gsl_vector_set(v, k, gsl_vector_get(z, k) > 0 ? 1.0 : -1.0);
    return;
  }
  double scale = isinf(p) ? 1 : pow(lp_norm(z, q) / M, q - 1);
  for (size_t i = 0; i < z->size; i++) {
    double zi = gsl_vector_get(z, i), a = fabs(zi) / M;
    double mag = isinf(p) ? (zi != 0) : pow(a, q - 1) / scale;
    gsl_vector_set(v, i, zi > 0 ? mag : zi < 0 ? -mag : 0);
  }
}

int mdl_dual_norm_maximizer(const gsl_vector *z, double p, gsl_vector *v)
{
  if (z == NULL)
    MDL_ERROR(GSL_EFAULT, "z is NULL");
  if (v == NULL)
    MDL_ERROR(GSL_EFAULT, "v is NULL");
  if (z->size != v->size)
    MDL_ERROR(GSL_EBADLEN, "z has length %zu and v %zu", z->size, v->size);
  if (!(p >= 1))
    MDL_ERROR(GSL_EDOM, "p = %g; it must be >= 1 (GSL_POSINF for the max"
              " norm)", p);
  if (z->size == 0)
    MDL_ERROR(GSL_EBADLEN, "z has length 0");
  size_t bad;
  if (!mdl_numcheck_finite(z, &bad))
    MDL_ERROR(GSL_EDOM, "mdl_dual_norm_maximizer: z[%zu] = %g is not finite",
              bad, gsl_vector_get(z, bad));
  dual_maximizer(z, p, v);
  return GSL_SUCCESS;
}

int mdl_deepfool_linear(const gsl_vector *w, double b, const gsl_vector *x,
                        double p, gsl_vector *r)
{
  if (w == NULL)
    MDL_ERROR(GSL_EFAULT, "w is NULL");
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "x is NULL");
  if (r == NULL)
    MDL_ERROR(GSL_EFAULT, "r is NULL");
  if (x->size != w->size || r->size != w->size)
    MDL_ERROR(GSL_EBADLEN, "w has length %zu, x %zu and r %zu", w->size,
              x->size, r->size);
  if (w->size == 0)
    MDL_ERROR(GSL_EBADLEN, "w has length 0");
  size_t k;
  if (!mdl_numcheck_finite(w, &k))
    MDL_ERROR(GSL_EDOM, "w[%zu] = %g is not finite", k, gsl_vector_get(w, k));
  if (!mdl_numcheck_finite(x, &k))
    MDL_ERROR(GSL_EDOM, "x[%zu] = %g is not finite", k, gsl_vector_get(x, k));
  if (!isfinite(b))
    MDL_ERROR(GSL_EDOM, "b = %g is not finite", b);
  if (!(p >= 1) || abs_max(w, &k) == 0)
    MDL_ERROR(GSL_EDOM, "p = %g and |w|_max = %g; need p >= 1 and w != 0", p,
              abs_max(w, &k));
  double f;
  gsl_blas_ddot(w, x, &f);
  f += b;
  if (!isfinite(f))
    MDL_ERROR(GSL_EDOM, "f(x) = w.x + b = %g is not finite", f);
  dual_maximizer(w, p, r);
  gsl_vector_scale(r, -f / lp_norm(w, dual_exponent(p)));
  return GSL_SUCCESS;
}
#line 5823 "chapters/07-generalization.nw"
static int spectral_norm(const char *fn, const gsl_matrix *A, double tol,
                         size_t max_iter, const gsl_rng *rng, double *sigma,
                         gsl_vector *v);

int mdl_spectral_norm(const gsl_matrix *A, double tol, size_t max_iter,
                      const gsl_rng *rng, double *sigma, gsl_vector *v)
{
  if (A == NULL)
    MDL_ERROR(GSL_EFAULT, "A is NULL");
  if (rng == NULL)
    MDL_ERROR(GSL_EFAULT, "rng is NULL");
  if (sigma == NULL)
    MDL_ERROR(GSL_EFAULT, "sigma is NULL");
  if (v && v->size != A->size2)
    MDL_ERROR(GSL_EBADLEN, "v has length %zu, expected A's %zu columns",
              v->size, A->size2);
  if (!(tol > 0) || !isfinite(tol) || max_iter == 0)
    MDL_ERROR(GSL_EINVAL, "tol = %g and max_iter = %zu; need 0 < tol < inf"
              " and max_iter > 0", tol, max_iter);
  if (A->size1 == 0 || A->size2 == 0)
    MDL_ERROR(GSL_EBADLEN, "A is %zu x %zu", A->size1, A->size2);
  return spectral_norm(__func__, A, tol, max_iter, rng, sigma, v);
}

static int spectral_norm(const char *fn, const gsl_matrix *A, double tol,
                         size_t max_iter, const gsl_rng *rng, double *sigma,
                         gsl_vector *v)
{
  size_t i0, j0;
  if (!mdl_numcheck_finite_matrix(A, &i0, &j0))
    MDL_ERROR(GSL_EDOM, "%s: A[%zu][%zu] = %g is not finite", fn, i0, j0,
              gsl_matrix_get(A, i0, j0));
  gsl_vector *u = gsl_vector_alloc(A->size2), *Au = gsl_vector_alloc(A->size1);
  if (u == NULL || Au == NULL) {
    gsl_vector_free(u);
    gsl_vector_free(Au);
    MDL_ERROR(GSL_ENOMEM, "%s: cannot allocate the iterates", fn);
  }
  double norm = 0;
  while (norm == 0) {
    for (size_t j = 0; j < u->size; j++)
      gsl_vector_set(u, j, gsl_ran_gaussian(rng, 1.0));
    norm = gsl_blas_dnrm2(u);
  }
  gsl_vector_scale(u, 1 / norm);
  double prev = -1, est = 0;
  int converged = 0;
  for (size_t it = 0; it < max_iter && !converged; it++) {
    gsl_blas_dgemv(CblasNoTrans, 1.0, A, u, 0.0, Au);
    est = gsl_blas_dnrm2(Au);
    converged = est == 0 || (prev >= 0 && fabs(est - prev) <= tol * est);
    if (converged)
      break;
    prev = est;
    gsl_blas_dgemv(CblasTrans, 1.0, A, Au, 0.0, u);
    gsl_vector_scale(u, 1 / gsl_blas_dnrm2(u));
  }
  *sigma = est;
  if (v)
    gsl_vector_memcpy(v, u);
  gsl_vector_free(u);
  gsl_vector_free(Au);
  if (!converged)
    MDL_ERROR(GSL_EMAXITER, "%s: %zu iterations did not meet tol = %g; the"
              " estimate %g is returned", fn, max_iter, tol, est);
  return GSL_SUCCESS;
}
#line 6489 "chapters/07-generalization.nw"
int mdl_lipschitz_bound(const mdl_net *net, double tol, size_t max_iter,
                        const gsl_rng *rng, gsl_vector *norms, double *lip)
{
  if (net == NULL)
    MDL_ERROR(GSL_EFAULT, "net is NULL");
  if (rng == NULL)
    MDL_ERROR(GSL_EFAULT, "rng is NULL");
  if (lip == NULL)
    MDL_ERROR(GSL_EFAULT, "lip is NULL");
  size_t depth = mdl_net_depth(net);
  if (norms && norms->size != depth)
    MDL_ERROR(GSL_EBADLEN, "norms has length %zu, the network %zu layers",
              norms->size, depth);
  if (!(tol > 0) || !isfinite(tol) || max_iter == 0)
    MDL_ERROR(GSL_EINVAL, "tol = %g and max_iter = %zu; need 0 < tol < inf"
              " and max_iter > 0", tol, max_iter);
  double c = 1;
  for (size_t l = 0; l < depth; l++) {
    mdl_net_activation act;
    mdl_net_get_activation(net, l, &act);
    double alpha = act == MDL_NET_LEAKY_RELU || act == MDL_NET_ELU
                   ? mdl_net_alpha(net, l) : 0;
    double cl = mdl_net_activation_lipschitz(act, alpha);
    if (isinf(cl))
      MDL_ERROR(GSL_EDOM, "the activation of layer %zu (%d) has Lipschitz"
                " constant inf", l, (int)act);
    c *= cl;
  }
  for (size_t l = 0; l < depth; l++) {
    gsl_matrix_view W = mdl_net_weight(net, NULL, l);
    size_t i0, j0;
    if (!mdl_numcheck_finite_matrix(&W.matrix, &i0, &j0))
      MDL_ERROR(GSL_EDOM, "the weight [%zu][%zu] of layer %zu is %g", i0, j0,
                l, gsl_matrix_get(&W.matrix, i0, j0));
  }
  gsl_vector *tmp = gsl_vector_alloc(depth);
  if (tmp == NULL)
    GSL_ERROR("cannot allocate the norms", GSL_ENOMEM);
  double product = c;
  int status = GSL_SUCCESS;
  for (size_t l = 0; l < depth && (status == GSL_SUCCESS
                                   || status == GSL_EMAXITER); l++) {
    gsl_matrix_view W = mdl_net_weight(net, NULL, l);
    double s = 0;
    int st = spectral_norm(__func__, &W.matrix, tol, max_iter, rng, &s, NULL);
    status = st ? st : status;
    gsl_vector_set(tmp, l, s);
    product *= s;
  }
  if (status == GSL_SUCCESS || status == GSL_EMAXITER) {
    if (norms)
      gsl_vector_memcpy(norms, tmp);
    *lip = product;
  }
  gsl_vector_free(tmp);
  return status;
}
#line 6551 "chapters/07-generalization.nw"
static int class_label_ok(double y, size_t K)
{
  return K == 1 ? is_label(y) : y >= 0 && y < (double)K && y == floor(y);
}

int mdl_margin_certificate(mdl_net *net, double lip, const gsl_matrix *X,
                           const gsl_vector *labels, gsl_vector *radius)
{
  if (net == NULL)
    MDL_ERROR(GSL_EFAULT, "net is NULL");
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "X is NULL");
  if (labels == NULL)
    MDL_ERROR(GSL_EFAULT, "labels is NULL");
  if (radius == NULL)
    MDL_ERROR(GSL_EFAULT, "radius is NULL");
  size_t K = mdl_net_width(net, mdl_net_depth(net)), B = X->size1;
  if (X->size2 != mdl_net_width(net, 0) || labels->size != B
      || radius->size != B)
    MDL_ERROR(GSL_EBADLEN, "X is %zu x %zu, labels has length %zu and radius"
              " %zu; expected %zu columns (the network's input width) and %zu"
              " entries", X->size1, X->size2, labels->size, radius->size,
              mdl_net_width(net, 0), B);
  if (!(lip > 0) || !isfinite(lip))
    MDL_ERROR(GSL_EDOM, "lip = %g; the Lipschitz constant must be positive and"
              " finite", lip);
  for (size_t i = 0; i < B; i++)
    if (!class_label_ok(gsl_vector_get(labels, i), K))
      MDL_ERROR(GSL_EDOM, "labels[%zu] = %g; labels must be +-1 (one output)"
                " or 0..K-1 (K = %zu outputs)", i, gsl_vector_get(labels, i),
                K);
  size_t xi, xj;
  if (!mdl_numcheck_finite_matrix(X, &xi, &xj))
    MDL_ERROR(GSL_EDOM, "X[%zu][%zu] = %g is not finite", xi, xj,
              gsl_matrix_get(X, xi, xj));
  gsl_matrix *F = gsl_matrix_alloc(B, K);
  if (F == NULL)
    GSL_ERROR("cannot allocate the outputs", GSL_ENOMEM);
  int status = mdl_net_forward(net, X, F);
  if (status == GSL_SUCCESS) {
    for (size_t i = 0; i < B; i++) {
      double y = gsl_vector_get(labels, i), o;
      if (K == 1) {
        o = y * gsl_matrix_get(F, i, 0) / lip;
      } else {
        size_t c = (size_t)y;
        double other = GSL_NEGINF;
        for (size_t k = 0; k < K; k++)
          if (k != c)
            other = fmax(other, gsl_matrix_get(F, i, k));
        o = (gsl_matrix_get(F, i, c) - other) / (M_SQRT2 * lip);
      }
      gsl_vector_set(radius, i, o);
    }
  }
  gsl_matrix_free(F);
  return status;
}
#line 7027 "chapters/07-generalization.nw"
static double relu_g(double t)
{
  if (t >= 0.5)
    return sin(t) - t * cos(t);
  double term = t * t * t / 6, sum = 0, t2 = t * t;
  for (int k = 1; k <= 12; k++) {
    sum += (k % 2 ? 1 : -1) * 2.0 * k * term;
    term *= t2 / ((2.0 * k + 2) * (2.0 * k + 3));
  }
  return sum;
}

double mdl_arccos_kernel(const gsl_vector *x, const gsl_vector *y)
{
  if (x == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "x is NULL");
  if (y == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "y is NULL");
  if (x->size != y->size)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "x has length %zu and y %zu", x->size,
                  y->size);
  if (x->size == 0)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "x and y have length 0");
  size_t i0;
  if (!mdl_numcheck_finite(x, &i0) || !mdl_numcheck_finite(y, &i0))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "mdl_arccos_kernel: entry %zu of x or y is"
                  " not finite", i0);
  double nx = gsl_blas_dnrm2(x), ny = gsl_blas_dnrm2(y);
  if (nx == 0 || ny == 0)
    return 0;
  double dm = 0, dp = 0;
  for (size_t i = 0; i < x->size; i++) {
    double a = gsl_vector_get(x, i) / nx, b = gsl_vector_get(y, i) / ny;
    dm += (a - b) * (a - b);
    dp += (a + b) * (a + b);
  }
  double theta = 2 * atan2(sqrt(dm), sqrt(dp));
  return nx * ny * (sin(theta) + (M_PI - theta) * cos(theta)) / (2 * M_PI);
}

double mdl_relu_angle(double theta)
{
  if (!(theta >= 0 && theta <= M_PI))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "theta = %g must lie in [0, pi]", theta);
  double s = sin(theta / 2);
  return 2 * asin(sqrt(fmax(0, s * s - relu_g(theta) / (2 * M_PI))));
}

double mdl_relu_distance_ratio(double theta)
{
  if (!(theta >= 0 && theta <= M_PI))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "theta = %g must lie in [0, pi]", theta);
  if (theta == 0)
    return 1;
  double s = sin(theta / 2);
  return 1 - relu_g(theta) / (2 * M_PI * s * s);
}
#line 7595 "chapters/07-generalization.nw"
static int spins_ok(const gsl_vector *x)
{
  return labels_ok(x);
}

static int binary_ok(const double *a, size_t n, size_t stride, size_t rows,
                     size_t tda)
{
  for (size_t r = 0; r < rows; r++)
    for (size_t i = 0; i < n; i++) {
      double v = a[r * tda + i * stride];
      if (v != 0.0 && v != 1.0)
        return 0;
    }
  return 1;
}

static int hopfield_shapes(const gsl_matrix *W, const gsl_vector *b,
                           const gsl_vector *x)
{
  return W->size1 == W->size2 && x->size == W->size1
         && (b == NULL || b->size == W->size1);
}

static double field(const gsl_matrix *W, const gsl_vector *b,
                    const gsl_vector *x, size_t i)
{
  gsl_vector_const_view row = gsl_matrix_const_row(W, i);
  double h;
  gsl_blas_ddot(&row.vector, x, &h);
  h -= gsl_matrix_get(W, i, i) * gsl_vector_get(x, i);
  return h + (b ? gsl_vector_get(b, i) : 0);
}

static int flip_unit(const gsl_matrix *W, const gsl_vector *b, gsl_vector *x,
                     size_t i)
{
  double h = field(W, b, x, i), xi = gsl_vector_get(x, i);
  double next = h > 0 ? 1 : h < 0 ? -1 : xi;
  gsl_vector_set(x, i, next);
  return next != xi;
}

int mdl_hopfield_hebb(const gsl_matrix *patterns, gsl_matrix *W)
{
  if (patterns == NULL)
    MDL_ERROR(GSL_EFAULT, "patterns is NULL");
  if (W == NULL)
    MDL_ERROR(GSL_EFAULT, "W is NULL");
  size_t n = patterns->size2;
  if (W->size1 != n || W->size2 != n)
    MDL_ERROR(GSL_EBADLEN, "W is %zu x %zu, expected %zu x %zu for patterns"
              " of length %zu", W->size1, W->size2, n, n, n);
  if (patterns->size1 == 0 || n == 0)
    MDL_ERROR(GSL_EBADLEN, "mdl_hopfield_hebb: %zu patterns of length %zu",
              patterns->size1, n);
  for (size_t t = 0; t < patterns->size1; t++) {
    gsl_vector_const_view row = gsl_matrix_const_row(patterns, t);
    if (!spins_ok(&row.vector))
      MDL_ERROR(GSL_EDOM, "patterns[%zu][%zu] = %g; pattern entries must be"
                " -1 or +1", t, first_non_label(&row.vector),
                gsl_vector_get(&row.vector, first_non_label(&row.vector)));
  }
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, patterns, patterns, 0.0, W);
  for (size_t i = 0; i < n; i++)
    gsl_matrix_set(W, i, i, 0.0);
  return GSL_SUCCESS;
}

double mdl_hopfield_energy(const gsl_matrix *W, const gsl_vector *b,
                           const gsl_vector *x)
{
  if (W == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "W is NULL");
  if (x == NULL)
    MDL_ERROR_VAL(GSL_NAN, GSL_EFAULT, "x is NULL");
  if (!hopfield_shapes(W, b, x))
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "W is %zu x %zu, b has length %zu and"
                  " x %zu; expected n x n and n", W->size1, W->size2,
                  b ? b->size : x->size, x->size);
  if (!spins_ok(x))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "x[%zu] = %g; states must be -1 or +1",
                  first_non_label(x), gsl_vector_get(x, first_non_label(x)));
  if (x->size == 0)
    MDL_ERROR_VAL(GSL_NAN, GSL_EBADLEN, "x has length 0");
  size_t i0, j0;
  if (!mdl_numcheck_finite_matrix(W, &i0, &j0))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "W[%zu][%zu] = %g is not finite", i0, j0,
                  gsl_matrix_get(W, i0, j0));
  if (b && !mdl_numcheck_finite(b, &i0))
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "b[%zu] = %g is not finite", i0,
                  gsl_vector_get(b, i0));
  double quad = 0, lin = 0;
  for (size_t i = 0; i < x->size; i++) {
    gsl_vector_const_view row = gsl_matrix_const_row(W, i);
    double wx;
    gsl_blas_ddot(&row.vector, x, &wx);
    quad += gsl_vector_get(x, i) * wx;
    lin += b ? gsl_vector_get(b, i) * gsl_vector_get(x, i) : 0;
  }
  return -0.5 * quad - lin;
}

int mdl_hopfield_update(const gsl_matrix *W, const gsl_vector *b,
                        gsl_vector *x, size_t i, int *flipped)
{
  if (W == NULL)
    MDL_ERROR(GSL_EFAULT, "W is NULL");
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "x is NULL");
  if (!hopfield_shapes(W, b, x))
    MDL_ERROR(GSL_EBADLEN, "W is %zu x %zu, b has length %zu and x %zu;"
              " expected n x n and n", W->size1, W->size2,
              b ? b->size : x->size, x->size);
  if (!spins_ok(x))
    MDL_ERROR(GSL_EDOM, "x[%zu] = %g; states must be -1 or +1",
              first_non_label(x), gsl_vector_get(x, first_non_label(x)));
  if (i >= x->size)
    MDL_ERROR(GSL_EINVAL, "i = %zu is not a unit of the %zu", i, x->size);
  gsl_vector_const_view wi = gsl_matrix_const_row(W, i);
  size_t j0;
  if (!mdl_numcheck_finite(&wi.vector, &j0) || (b && !isfinite(gsl_vector_get(b, i))))
    MDL_ERROR(GSL_EDOM, "mdl_hopfield_update: row %zu of W or b[%zu] is not"
              " finite", i, i);
  int f = flip_unit(W, b, x, i);
  if (flipped)
    *flipped = f;
  return GSL_SUCCESS;
}

int mdl_hopfield_sync(const gsl_matrix *W, const gsl_vector *b, gsl_vector *x)
{
  if (W == NULL)
    MDL_ERROR(GSL_EFAULT, "W is NULL");
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "x is NULL");
  if (!hopfield_shapes(W, b, x))
    MDL_ERROR(GSL_EBADLEN, "W is %zu x %zu, b has length %zu and x %zu;"
              " expected n x n and n", W->size1, W->size2,
              b ? b->size : x->size, x->size);
  if (!spins_ok(x))
    MDL_ERROR(GSL_EDOM, "x[%zu] = %g; states must be -1 or +1",
              first_non_label(x), gsl_vector_get(x, first_non_label(x)));
  if (x->size == 0)
    MDL_ERROR(GSL_EBADLEN, "x has length 0");
  size_t i0, j0;
  if (!mdl_numcheck_finite_matrix(W, &i0, &j0))
    MDL_ERROR(GSL_EDOM, "W[%zu][%zu] = %g is not finite", i0, j0,
              gsl_matrix_get(W, i0, j0));
  if (b && !mdl_numcheck_finite(b, &i0))
    MDL_ERROR(GSL_EDOM, "b[%zu] = %g is not finite", i0, gsl_vector_get(b, i0));
  gsl_vector *h = gsl_vector_alloc(x->size);
  if (h == NULL)
    GSL_ERROR("cannot allocate the fields", GSL_ENOMEM);
  for (size_t i = 0; i < x->size; i++)
    gsl_vector_set(h, i, field(W, b, x, i));
  for (size_t i = 0; i < x->size; i++) {
    double hi = gsl_vector_get(h, i);
    if (hi != 0)
      gsl_vector_set(x, i, hi > 0 ? 1.0 : -1.0);
  }
  gsl_vector_free(h);
  return GSL_SUCCESS;
}

int mdl_hopfield_run(const gsl_matrix *W, const gsl_vector *b, gsl_vector *x,
                     size_t max_sweeps, size_t *sweeps)
{
  if (W == NULL)
    MDL_ERROR(GSL_EFAULT, "W is NULL");
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "x is NULL");
  if (sweeps == NULL)
    MDL_ERROR(GSL_EFAULT, "sweeps is NULL");
  if (!hopfield_shapes(W, b, x))
    MDL_ERROR(GSL_EBADLEN, "W is %zu x %zu, b has length %zu and x %zu;"
              " expected n x n and n", W->size1, W->size2,
              b ? b->size : x->size, x->size);
  if (!spins_ok(x))
    MDL_ERROR(GSL_EDOM, "x[%zu] = %g; states must be -1 or +1",
              first_non_label(x), gsl_vector_get(x, first_non_label(x)));
  if (max_sweeps == 0)
    MDL_ERROR(GSL_EINVAL, "max_sweeps = 0; it must be positive");
  if (x->size == 0)
    MDL_ERROR(GSL_EBADLEN, "x has length 0");
  size_t i0, j0;
  if (!mdl_numcheck_finite_matrix(W, &i0, &j0))
    MDL_ERROR(GSL_EDOM, "W[%zu][%zu] = %g is not finite", i0, j0,
              gsl_matrix_get(W, i0, j0));
  if (b && !mdl_numcheck_finite(b, &i0))
    MDL_ERROR(GSL_EDOM, "b[%zu] = %g is not finite", i0, gsl_vector_get(b, i0));
  gsl_vector *t = gsl_vector_alloc(x->size);
  if (t == NULL)
    GSL_ERROR("cannot allocate the state", GSL_ENOMEM);
  gsl_vector_memcpy(t, x);
  size_t k = 0;
  int quiet = 0;
  while (!quiet && k < max_sweeps) {
    quiet = 1;
    for (size_t i = 0; i < t->size; i++)
      quiet &= !flip_unit(W, b, t, i);
    k++;
  }
  gsl_vector_memcpy(x, t);
  *sweeps = k;
  gsl_vector_free(t);
  if (!quiet)
    MDL_ERROR(GSL_EMAXITER, "mdl_hopfield_run: each of %zu sweeps changed the "
              "state; x holds the last state", max_sweeps);
  return GSL_SUCCESS;
}
#line 7813 "chapters/07-generalization.nw"
static int matrix_binary(const gsl_matrix *A)
{
  return binary_ok(A->data, A->size2, 1, A->size1, A->tda);
}

static int vector_binary(const gsl_vector *v)
{
  return binary_ok(v->data, v->size, v->stride, 1, 0);
}

static int report_nonbinary(const char *fn, const char *name,
                            const gsl_matrix *A)
{
  for (size_t i = 0; i < A->size1; i++)
    for (size_t j = 0; j < A->size2; j++) {
      double a = gsl_matrix_get(A, i, j);
      if (a != 0 && a != 1)
        MDL_ERROR(GSL_EDOM, "%s: %s[%zu][%zu] = %g; the entries must be 0 or"
                  " 1", fn, name, i, j, a);
    }
  return GSL_SUCCESS;
}

int mdl_willshaw_store(const gsl_matrix *X, const gsl_matrix *Y,
                       gsl_matrix *Theta)
{
  if (X == NULL)
    MDL_ERROR(GSL_EFAULT, "X is NULL");
  if (Y == NULL)
    MDL_ERROR(GSL_EFAULT, "Y is NULL");
  if (Theta == NULL)
    MDL_ERROR(GSL_EFAULT, "Theta is NULL");
  if (X->size1 != Y->size1 || Theta->size1 != Y->size2
      || Theta->size2 != X->size2)
    MDL_ERROR(GSL_EBADLEN, "X is %zu x %zu, Y %zu x %zu and Theta %zu x %zu;"
              " expected s x n, s x n' and n' x n", X->size1, X->size2,
              Y->size1, Y->size2, Theta->size1, Theta->size2);
  if (!matrix_binary(X))
    return report_nonbinary(__func__, "X", X);
  if (!matrix_binary(Y))
    return report_nonbinary(__func__, "Y", Y);
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, Y, X, 0.0, Theta);
  for (size_t j = 0; j < Theta->size1; j++)
    for (size_t i = 0; i < Theta->size2; i++)
      gsl_matrix_set(Theta, j, i, fmin(1.0, gsl_matrix_get(Theta, j, i)));
  return GSL_SUCCESS;
}

int mdl_willshaw_recall(const gsl_matrix *Theta, const gsl_vector *x,
                        gsl_vector *y)
{
  if (Theta == NULL)
    MDL_ERROR(GSL_EFAULT, "Theta is NULL");
  if (x == NULL)
    MDL_ERROR(GSL_EFAULT, "x is NULL");
  if (y == NULL)
    MDL_ERROR(GSL_EFAULT, "y is NULL");
  if (Theta->size2 != x->size || Theta->size1 != y->size)
    MDL_ERROR(GSL_EBADLEN, "Theta is %zu x %zu, x has length %zu and y %zu;"
              " expected n' x n, n and n'", Theta->size1, Theta->size2,
              x->size, y->size);
  if (!matrix_binary(Theta))
    return report_nonbinary(__func__, "Theta", Theta);
  if (!vector_binary(x)) {
    size_t i = 0;
    while (gsl_vector_get(x, i) == 0 || gsl_vector_get(x, i) == 1)
      i++;
    MDL_ERROR(GSL_EDOM, "x[%zu] = %g; the entries must be 0 or 1", i,
              gsl_vector_get(x, i));
  }
  if (Theta->size1 == 0 || Theta->size2 == 0)
    MDL_ERROR(GSL_EBADLEN, "mdl_willshaw_recall: Theta is %zu x %zu",
              Theta->size1, Theta->size2);
  gsl_vector *z = gsl_vector_alloc(y->size);
  if (z == NULL)
    GSL_ERROR("cannot allocate z", GSL_ENOMEM);
  gsl_blas_dgemv(CblasNoTrans, 1.0, Theta, x, 0.0, z);
  double active = 0;
  for (size_t i = 0; i < x->size; i++)
    active += gsl_vector_get(x, i);
  for (size_t j = 0; j < y->size; j++)
    gsl_vector_set(y, j, gsl_vector_get(z, j) >= active ? 1.0 : 0.0);
  gsl_vector_free(z);
  return GSL_SUCCESS;
}
#line 8408 "chapters/07-generalization.nw"
double mdl_bootstrap_distinct(size_t n)
{
  if (n == 0)
    MDL_ERROR_VAL(GSL_NAN, GSL_EDOM, "n = 0; a bootstrap sample needs n >= 1");
  double dn = (double)n;
  return -expm1(dn * log1p(-1 / dn));
}
