#line 6472 "chapters/02-approximation.nw"
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <mdl/data.h>
#line 6488 "chapters/02-approximation.nw"
typedef struct {
  int code;
  int line;
  char msg[256];
} data_err;

#define DATA_FAIL(e, c, ...)                                                  \
  do {                                                                        \
    (e)->code = (c);                                                          \
    (e)->line = __LINE__;                                                     \
    snprintf((e)->msg, sizeof (e)->msg, __VA_ARGS__);                         \
    goto fail;                                                                \
  } while (0)

static int data_report(const data_err *e)
{
  gsl_error(e->msg, __FILE__, e->line, e->code);
  return e->code;
}

static int data_grow(void **buf, size_t *cap, size_t need, size_t size)
{
  if (need <= *cap)
    return 0;
  size_t c = *cap ? *cap : 64;
  while (c < need) {
    if (c > SIZE_MAX / 2 / size)
      return -1;
    c *= 2;
  }
  void *p = realloc(*buf, c * size);
  if (p == NULL)
    return -1;
  *buf = p;
  *cap = c;
  return 0;
}
#line 6536 "chapters/02-approximation.nw"
static int is_blank(char c)
{
  return c == ' ' || c == '\t';
}

static int csv_slurp(FILE *fp, const char *fn, const char *where, char **text,
                     size_t *len, data_err *e)
{
  size_t got = 0, cap = 0;
  char *buf = NULL;
  for (;;) {
    if (data_grow((void **)&buf, &cap, got + 4096 + 1, 1))
      DATA_FAIL(e, GSL_ENOMEM, "%s: no memory for %zu bytes of %s", fn,
                got + 4096 + 1, where);
    size_t n = fread(buf + got, 1, cap - got - 1, fp);
    got += n;
    if (n == 0)
      break;
  }
  if (ferror(fp))
    DATA_FAIL(e, GSL_EFAILED, "%s: %s: read error after %zu bytes", fn, where,
              got);
  buf[got] = '\0';
  *text = buf;
  *len = got;
  return 0;
fail:
  free(buf);
  return -1;
}

static int csv_parse(FILE *fp, const char *fn, const char *where, int header,
                     gsl_matrix **X)
{
  data_err e = {0, 0, ""};
  char *text = NULL;
  double *val = NULL;
  size_t size = 0, cols = 0, rows = 0, nval = 0, cap = 0, header_cells = 0;
  size_t lineno = 0, first_line = 0;
  int skip_header = header;
  if (csv_slurp(fp, fn, where, &text, &size, &e))
    goto fail;
  for (size_t at = 0; at < size;) {
    char *line = text + at, *nl = memchr(line, '\n', size - at);
    size_t n = nl ? (size_t)(nl - line) : size - at;
    at += n + 1;
    lineno++;
    while (n > 0 && line[n - 1] == '\r')
      n--;
    line[n] = '\0';
    size_t start = 0;
    while (start < n && is_blank(line[start]))
      start++;
    if (start == n)
      continue;
    size_t cells = 1;
    for (size_t k = 0; k < n; k++)
      cells += line[k] == ',';
    if (skip_header) {
      skip_header = 0;
      header_cells = cells;
      continue;
    }
    if (rows == 0) {
      cols = cells;
      first_line = lineno;
    } else if (cells != cols)
      DATA_FAIL(&e, GSL_EBADLEN, "%s: %s, line %zu has %zu cells, line %zu has %zu",
                fn, where, lineno, cells, first_line, cols);
    if (nval > SIZE_MAX - cols || data_grow((void **)&val, &cap, nval + cols,
                                            sizeof *val))
      DATA_FAIL(&e, GSL_ENOMEM, "%s: no memory for %zu numbers", fn, nval + cols);
#line 6637 "chapters/02-approximation.nw"
    char *p = line;
    for (size_t c = 0; c < cols; c++) {
      char *end = memchr(p, ',', (size_t)(line + n - p));
      if (end == NULL)
        end = line + n;
      *end = '\0';
      while (is_blank(*p))
        p++;
      char *stop = p;
      double x = p == end ? 0 : strtod(p, &stop);
      char *q = stop;
      while (is_blank(*q))
        q++;
      if (stop == p || q != end)
        DATA_FAIL(&e, GSL_EFAILED,
                  "%s: %s, line %zu, column %zu: \"%.40s\" is not a number", fn,
                  where, lineno, c + 1, p);
      if (!isfinite(x))
        DATA_FAIL(&e, GSL_EDOM,
                  "%s: %s, line %zu, column %zu: \"%.40s\" is not a finite double",
                  fn, where, lineno, c + 1, p);
      val[nval++] = x;
      p = end + 1;
    }
#line 6609 "chapters/02-approximation.nw"
    rows++;
  }
  if (rows == 0)
    DATA_FAIL(&e, GSL_EBADLEN, "%s: %s has no row of numbers in %zu lines", fn,
              where, lineno);
  if (header && header_cells != cols)
    DATA_FAIL(&e, GSL_EBADLEN, "%s: %s has %zu column names, its rows %zu cells",
              fn, where, header_cells, cols);
  gsl_matrix *M = gsl_matrix_alloc(rows, cols);
  if (M == NULL)
    DATA_FAIL(&e, GSL_ENOMEM, "%s: no memory for a %zu x %zu matrix", fn, rows,
              cols);
  for (size_t i = 0; i < rows; i++)
    memcpy(M->data + i * M->tda, val + i * cols, cols * sizeof *val);
  free(val);
  free(text);
  *X = M;
  return GSL_SUCCESS;
fail:
  free(val);
  free(text);
  return data_report(&e);
}
#line 6665 "chapters/02-approximation.nw"
int mdl_data_csv_fread(FILE *fp, int header, gsl_matrix **X)
{
  if (fp == NULL || X == NULL)
    GSL_ERROR(fp ? "mdl_data_csv_fread: X is NULL"
                 : "mdl_data_csv_fread: fp is NULL", GSL_EFAULT);
  if (header != 0 && header != 1) {
    char msg[96];
    snprintf(msg, sizeof msg, "mdl_data_csv_fread: header is %d, not 0 or 1",
             header);
    GSL_ERROR(msg, GSL_EINVAL);
  }
  return csv_parse(fp, "mdl_data_csv_fread", "the stream", header, X);
}

int mdl_data_csv_read(const char *path, int header, gsl_matrix **X)
{
  if (path == NULL || X == NULL)
    GSL_ERROR(path ? "mdl_data_csv_read: X is NULL"
                   : "mdl_data_csv_read: path is NULL", GSL_EFAULT);
  if (header != 0 && header != 1) {
    char msg[96];
    snprintf(msg, sizeof msg, "mdl_data_csv_read: header is %d, not 0 or 1",
             header);
    GSL_ERROR(msg, GSL_EINVAL);
  }
  FILE *fp = fopen(path, "r");
  if (fp == NULL) {
    char msg[256];
    snprintf(msg, sizeof msg, "mdl_data_csv_read: cannot open %.180s: %s",
             path, strerror(errno));
    GSL_ERROR(msg, GSL_EFAILED);
  }
  int status = csv_parse(fp, "mdl_data_csv_read", path, header, X);
  fclose(fp);
  return status;
}
#line 6710 "chapters/02-approximation.nw"
static int idx_u32(FILE *fp, uint32_t *v)
{
  unsigned char b[4];
  if (fread(b, 1, 4, fp) != 4)
    return -1;
  *v = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
  return 0;
}

static int idx_parse(FILE *fp, const char *fn, const char *where,
                     uint32_t magic, int scale, gsl_matrix **X)
{
  data_err e = {0, 0, ""};
  unsigned char *buf = NULL;
  uint32_t m, dim[3] = {0, 1, 1};
  unsigned ndims = magic & 0xff;
  if (idx_u32(fp, &m))
    DATA_FAIL(&e, ferror(fp) ? GSL_EFAILED : GSL_EOF,
              "%s: %s ends before its 4-byte magic number", fn, where);
  if (m != magic)
    DATA_FAIL(&e, GSL_EFAILED, "%s: %s has magic number 0x%08x, expected 0x%08x",
              fn, where, (unsigned)m, (unsigned)magic);
  size_t need = 1;
  for (unsigned k = 0; k < ndims; k++) {
    if (idx_u32(fp, &dim[k]))
      DATA_FAIL(&e, ferror(fp) ? GSL_EFAILED : GSL_EOF,
                "%s: %s ends in its header, before dimension %u of %u", fn,
                where, k + 1, ndims);
    if (dim[k] == 0)
      DATA_FAIL(&e, GSL_EBADLEN, "%s: %s has dimension %u equal to 0", fn,
                where, k + 1);
    if (need > SIZE_MAX / sizeof(double) / dim[k])
      DATA_FAIL(&e, GSL_EBADLEN,
                "%s: %s has dimension %u of %u, making more than %zu entries",
                fn, where, k + 1, (unsigned)dim[k], SIZE_MAX / sizeof(double));
    need *= dim[k];
  }
  size_t got = 0, cap = need < 65536 ? need : 65536;
  buf = malloc(cap);
  if (buf == NULL)
    DATA_FAIL(&e, GSL_ENOMEM, "%s: no memory for %zu bytes", fn, cap);
  for (;;) {
    got += fread(buf + got, 1, cap - got, fp);
    if (got < cap || cap == need)
      break;
    size_t c = need - cap < cap ? need : 2 * cap;
    unsigned char *p = realloc(buf, c);
    if (p == NULL)
      DATA_FAIL(&e, GSL_ENOMEM, "%s: no memory for %zu bytes", fn, c);
    buf = p;
    cap = c;
  }
  if (ferror(fp))
    DATA_FAIL(&e, GSL_EFAILED, "%s: %s: read error after %zu data bytes", fn,
              where, got);
  if (got < need)
    DATA_FAIL(&e, GSL_EOF, "%s: %s ends after %zu of its %zu data bytes", fn,
              where, got, need);
  if (fgetc(fp) != EOF)
    DATA_FAIL(&e, GSL_EFAILED, "%s: %s has bytes after its %zu data bytes", fn,
              where, need);
  size_t cols = (size_t)dim[1] * dim[2];
  gsl_matrix *M = gsl_matrix_alloc(dim[0], cols);
  if (M == NULL)
    DATA_FAIL(&e, GSL_ENOMEM, "%s: no memory for a %u x %zu matrix", fn,
              (unsigned)dim[0], cols);
  for (size_t i = 0; i < dim[0]; i++) {
    double *row = M->data + i * M->tda;
    const unsigned char *b = buf + i * cols;
    if (scale)
      for (size_t j = 0; j < cols; j++)
        row[j] = b[j] / 255.0;
    else
      for (size_t j = 0; j < cols; j++)
        row[j] = b[j];
  }
  free(buf);
  *X = M;
  return GSL_SUCCESS;
fail:
  free(buf);
  return data_report(&e);
}
#line 6799 "chapters/02-approximation.nw"
enum { IDX_IMAGES = 0x00000803, IDX_LABELS = 0x00000801 };

int mdl_data_idx_fread_images(FILE *fp, int scale, gsl_matrix **X)
{
  if (fp == NULL || X == NULL)
    GSL_ERROR(fp ? "mdl_data_idx_fread_images: X is NULL"
                 : "mdl_data_idx_fread_images: fp is NULL", GSL_EFAULT);
  if (scale != 0 && scale != 1) {
    char msg[96];
    snprintf(msg, sizeof msg,
             "mdl_data_idx_fread_images: scale is %d, not 0 or 1", scale);
    GSL_ERROR(msg, GSL_EINVAL);
  }
  return idx_parse(fp, "mdl_data_idx_fread_images", "the stream", IDX_IMAGES,
                   scale, X);
}

int mdl_data_idx_read_images(const char *path, int scale, gsl_matrix **X)
{
  if (path == NULL || X == NULL)
    GSL_ERROR(path ? "mdl_data_idx_read_images: X is NULL"
                   : "mdl_data_idx_read_images: path is NULL", GSL_EFAULT);
  if (scale != 0 && scale != 1) {
    char msg[96];
    snprintf(msg, sizeof msg,
             "mdl_data_idx_read_images: scale is %d, not 0 or 1", scale);
    GSL_ERROR(msg, GSL_EINVAL);
  }
  FILE *fp = fopen(path, "rb");
  if (fp == NULL) {
    char msg[256];
    snprintf(msg, sizeof msg, "mdl_data_idx_read_images: cannot open %.180s: %s",
             path, strerror(errno));
    GSL_ERROR(msg, GSL_EFAILED);
  }
  int status = idx_parse(fp, "mdl_data_idx_read_images", path, IDX_IMAGES,
                         scale, X);
  fclose(fp);
  return status;
}

static int idx_labels(FILE *fp, const char *fn, const char *where,
                      gsl_vector **y)
{
  gsl_matrix *M = NULL;
  int status = idx_parse(fp, fn, where, IDX_LABELS, 0, &M);
  if (status)
    return status;
  gsl_vector *v = gsl_vector_alloc(M->size1);
  if (v == NULL) {
    data_err e = {GSL_ENOMEM, __LINE__, ""};
    snprintf(e.msg, sizeof e.msg, "%s: no memory for %zu labels", fn, M->size1);
    gsl_matrix_free(M);
    return data_report(&e);
  }
  gsl_matrix_get_col(v, M, 0);
  gsl_matrix_free(M);
  *y = v;
  return GSL_SUCCESS;
}

int mdl_data_idx_fread_labels(FILE *fp, gsl_vector **y)
{
  if (fp == NULL || y == NULL)
    GSL_ERROR(fp ? "mdl_data_idx_fread_labels: y is NULL"
                 : "mdl_data_idx_fread_labels: fp is NULL", GSL_EFAULT);
  return idx_labels(fp, "mdl_data_idx_fread_labels", "the stream", y);
}

int mdl_data_idx_read_labels(const char *path, gsl_vector **y)
{
  if (path == NULL || y == NULL)
    GSL_ERROR(path ? "mdl_data_idx_read_labels: y is NULL"
                   : "mdl_data_idx_read_labels: path is NULL", GSL_EFAULT);
  FILE *fp = fopen(path, "rb");
  if (fp == NULL) {
    char msg[256];
    snprintf(msg, sizeof msg, "mdl_data_idx_read_labels: cannot open %.180s: %s",
             path, strerror(errno));
    GSL_ERROR(msg, GSL_EFAILED);
  }
  int status = idx_labels(fp, "mdl_data_idx_read_labels", path, y);
  fclose(fp);
  return status;
}
