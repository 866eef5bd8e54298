#line 7379 "chapters/02-approximation.nw"
#define _POSIX_C_SOURCE 200809L
#include <float.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include <mdl/data.h>
#line 7336 "chapters/02-approximation.nw"
static gsl_matrix sentinel_matrix;
static gsl_vector sentinel_vector;

static void ignore_error(const char *reason, const char *file, int line,
                         int code)
{
  (void)reason;
  (void)file;
  (void)line;
  (void)code;
}

static FILE *open_bytes(const uint8_t *data, size_t size)
{
  static const uint8_t none[1];
  FILE *fp = fmemopen((void *)(size ? data : none), size ? size : 1, "rb");
  if (fp == NULL)
    abort();
  if (size == 0)
    fgetc(fp);
  return fp;
}

static void check_matrix(int status, gsl_matrix *X, double lo, double hi)
{
  if (status != 0) {
    if (X != &sentinel_matrix)
      abort();
    return;
  }
  if (X == &sentinel_matrix || X == NULL || X->size1 == 0 || X->size2 == 0)
    abort();
  for (size_t i = 0; i < X->size1; i++)
    for (size_t j = 0; j < X->size2; j++) {
      double x = gsl_matrix_get(X, i, j);
      if (!(x >= lo && x <= hi))
        abort();
    }
  gsl_matrix_free(X);
}

#line 7389 "chapters/02-approximation.nw"
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  gsl_set_error_handler(ignore_error);
  for (int header = 0; header <= 1; header++) {
    FILE *fp = open_bytes(data, size);
    gsl_matrix *X = &sentinel_matrix;
    int status = mdl_data_csv_fread(fp, header, &X);
    fclose(fp);
    check_matrix(status, X, -DBL_MAX, DBL_MAX);
  }
  return 0;
}
