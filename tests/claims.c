#line 3961 "chapters/00-intro.nw"
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include "claims.h"
#line 3982 "chapters/00-intro.nw"
static int expecting;
static int captured;
static int reports;
static char captured_reason[256];
static char captured_file[256];
static int captured_line;
#line 4112 "chapters/00-intro.nw"
static int message_checked;
static int message_faults;
static const char *message_why = "";
static unsigned long messages_checked;

static const char *message_fault(int code, const char *reason,
                                 const char *note)
{
  static const char name_chars[] =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
  if (strncmp(reason, "mdl_", 4) != 0)
    return "it does not start with the name of a public function, mdl_...";
  if (note != NULL && strncmp(note, "mdl_", 4) == 0) {
    size_t n = strspn(note, name_chars);
    if ((note[n] == ':' || note[n] == ' ')
        && (strncmp(reason, note, n) != 0 || reason[n] != ':'))
      return "it does not start with the name of the function called, which"
             " the row's note names";
  }
  if (code == GSL_EBADLEN && strpbrk(reason, "0123456789") == NULL)
    return "a GSL_EBADLEN message must name the sizes";
  if (code == GSL_EDOM && strpbrk(reason, "0123456789") == NULL
      && strstr(reason, "nan") == NULL && strstr(reason, "NaN") == NULL
      && strstr(reason, "inf") == NULL)
    return "a GSL_EDOM message must name the offending value or its index";
  return NULL;
}

static void check_message(const char *note)
{
  if (captured == 0 || message_checked)
    return;
  message_checked = 1;
  messages_checked++;
  const char *why = message_fault(captured, captured_reason, note);
  if (why != NULL) {
    print_error("MSG %s %s:%d: %s\n", claim_gsl_name(captured),
                captured_file, captured_line, captured_reason);
    message_why = why;
    message_faults++;
  }
}

static void report_messages(void)
{
  check_message(NULL);
  printf("messages: %lu checked against the rule for messages\n",
         messages_checked);
  fflush(stdout);
  if (message_faults) {
    fprintf(stderr, "MSG: %d message%s that no check recorded break%s the"
            " rule for messages\n", message_faults,
            message_faults > 1 ? "s" : "", message_faults > 1 ? "" : "s");
    _Exit(1);
  }
}

#line 3990 "chapters/00-intro.nw"
static void claim_handler(const char *reason, const char *file, int line,
                          int gsl_errno)
{
  if (expecting) {
    reports++;
    if (captured == 0) {
      captured = gsl_errno;
      snprintf(captured_reason, sizeof captured_reason, "%s",
               reason ? reason : "");
      snprintf(captured_file, sizeof captured_file, "%s", file ? file : "?");
      captured_line = line;
      message_checked = 0;
    }
    return;
  }
  print_error("unexpected GSL error %s at %s:%d: %s\n",
              claim_gsl_name(gsl_errno), file, line, reason);
  _fail(file, line);
}

void claim_init(void)
{
  static int registered;
  const char *filter = getenv("MDL_TEST_FILTER");
  gsl_set_error_handler(claim_handler);
  if (!registered && atexit(report_messages) == 0)
    registered = 1;
  if (filter != NULL && filter[0] != '\0')
    cmocka_set_test_filter(filter);
}

void claim_expect_error(void)
{
  check_message(NULL);
  expecting = 1;
  captured = 0;
  reports = 0;
  captured_reason[0] = '\0';
}

int claim_last_error(void)
{
  return captured;
}

const char *claim_last_reason(void)
{
  return captured_reason;
}

int claim_error_reports(void)
{
  return reports;
}

int claim_message(const char *file, int line, const char *test,
                  const char *id, const char *want, const char *note)
{
  int found = captured != 0 && reports == 1
              && strstr(captured_reason, want) != NULL;
  if (!found)
    print_error("the message \"%s\" (%d report%s) should hold \"%s\"\n",
                captured ? captured_reason : "", reports,
                reports == 1 ? "" : "s", want);
  check_message(note);
  expecting = 0;
  char text[512];
  snprintf(text, sizeof text, "%s; the message holds \"%s\"",
           note ? note : "", want);
  const claim c = {.id = id, .kind = CLAIM_IDENTITY, .measured = found,
                   .reference = 1, .tolerance = 0, .note = text};
  return claim_check(file, line, test, &c);
}

int claim_reason(const char *file, int line, const char *test,
                 const char *id, const char *what, const char *want)
{
  size_t n = strcspn(what, ":");
  int named = strncmp(what, "mdl_", 4) == 0
              && strncmp(captured_reason, what, n) == 0
              && captured_reason[n] == ':';
  int valued = want == NULL || strstr(captured_reason, want) != NULL;
  char note[480];
  snprintf(note, sizeof note, "%.*s names itself%s%s%s: \"%s\"", (int)n,
           what, want ? " and holds \"" : "", want ? want : "",
           want ? "\"" : "", captured_reason);
  const claim c = {.id = id, .kind = CLAIM_IDENTITY,
                   .measured = named && valued, .reference = 1,
                   .tolerance = 0, .note = note};
  return claim_check(file, line, test, &c);
}
#line 4171 "chapters/00-intro.nw"
static const char *kind_name(claim_kind k)
{
  switch (k) {
  case CLAIM_IDENTITY: return "identity";
  case CLAIM_BOUND: return "bound";
  case CLAIM_RATE: return "rate";
  case CLAIM_LIMIT: return "limit";
  case CLAIM_ERROR: return "error";
  case CLAIM_EXPERIMENT: return "experiment";
  }
  return NULL;
}

static const char *relation_name(claim_relation r)
{
  switch (r) {
  case CLAIM_AT_MOST: return "<=";
  case CLAIM_AT_LEAST: return ">=";
  default: return "=";
  }
}
#line 4198 "chapters/00-intro.nw"
static claim_relation resolve(const claim *c)
{
  switch (c->kind) {
  case CLAIM_BOUND:
    return c->relation == CLAIM_AT_LEAST ? CLAIM_AT_LEAST : CLAIM_AT_MOST;
  case CLAIM_EXPERIMENT:
    return c->relation == CLAIM_DEFAULT ? CLAIM_NEAR : c->relation;
  default:
    return CLAIM_NEAR;
  }
}
#line 4214 "chapters/00-intro.nw"
static int holds(const claim *c, claim_relation rel)
{
  double m = c->measured, r = c->reference, t = c->tolerance;
  if (c->kind == CLAIM_ERROR)
    return (int)m == (int)r && captured == (int)r && c->untouched;
  if (isnan(m) || isnan(r))
    return 0;
  switch (rel) {
  case CLAIM_AT_MOST: return m <= r + t;
  case CLAIM_AT_LEAST: return m >= r - t;
  default: return m == r || fabs(m - r) <= t;
  }
}
#line 4234 "chapters/00-intro.nw"
static void write_field(FILE *fp, const char *s)
{
  if (s == NULL || *s == '\0') {
    fputc('-', fp);
    return;
  }
  for (; *s; s++)
    fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, fp);
}

static void write_row(const char *test, const claim *c, claim_relation rel,
                      int pass, const char *note)
{
  const char *path = getenv("MDL_CLAIMS_FILE");
  if (path == NULL || *path == '\0')
    return;
  FILE *fp = fopen(path, "a");
  if (fp == NULL) {
    print_error("cannot append to MDL_CLAIMS_FILE=%s\n", path);
    _fail(__FILE__, __LINE__);
    return;
  }
  fprintf(fp, "%s\t%s\t%s\t%.17g\t%.17g\t%.17g\t", c->id, test,
          kind_name(c->kind), c->measured, c->reference, c->tolerance);
  if (c->samples)
    fprintf(fp, "%zu\t", c->samples);
  else
    fputs("-\t", fp);
  if (c->seed)
    fprintf(fp, "%lu\t", c->seed);
  else
    fputs("-\t", fp);
  fputs(pass ? "pass\t" : "fail\t", fp);
  write_field(fp, note);
  fprintf(fp, "\t%s\n", relation_name(rel));
  fclose(fp);
}
#line 4276 "chapters/00-intro.nw"
static void describe_failure(const char *file, int line, const char *test,
                             const claim *c, claim_relation rel)
{
  print_error("claim %s FAILED in %s (%s:%d)\n", c->id, test, file, line);
  if (c->kind == CLAIM_ERROR) {
    print_error("  expected %s reported through the GSL error handler;"
                " returned %s, handler saw %s, outputs %s\n",
                claim_gsl_name((int)c->reference),
                claim_gsl_name((int)c->measured),
                captured ? claim_gsl_name(captured) : "no error",
                c->untouched ? "untouched" : "MODIFIED");
  } else if (rel == CLAIM_AT_MOST) {
    print_error("  measured %.17g, but it must be <= %.17g (slack %.3g)\n",
                c->measured, c->reference, c->tolerance);
  } else if (rel == CLAIM_AT_LEAST) {
    print_error("  measured %.17g, but it must be >= %.17g (slack %.3g)\n",
                c->measured, c->reference, c->tolerance);
  } else {
    print_error("  measured %.17g, reference %.17g, tolerance %.3g,"
                " off by %.3g\n", c->measured, c->reference, c->tolerance,
                fabs(c->measured - c->reference));
  }
  if (c->note)
    print_error("  (%s)\n", c->note);
}
#line 4311 "chapters/00-intro.nw"
int claim_check(const char *file, int line, const char *test, const claim *c)
{
  if (c->id == NULL || kind_name(c->kind) == NULL
      || !(c->tolerance >= 0 && c->tolerance < HUGE_VAL)) {
    print_error("malformed claim %s in %s (%s:%d): it needs an id, a kind"
                " and a finite tolerance >= 0\n",
                c->id ? c->id : "(no id)", test, file, line);
    _fail(file, line);
    return 0;
  }
  claim_relation rel = resolve(c);
  if (expecting)
    check_message(c->note);
  int pass = holds(c, rel) && message_faults == 0;
  char note[512];
  if (c->kind == CLAIM_ERROR) {
    snprintf(note, sizeof note, "%s%sGSL says: %s", c->note ? c->note : "",
             c->note ? "; " : "", captured ? captured_reason : "nothing");
    expecting = 0;
  } else {
    snprintf(note, sizeof note, "%s", c->note ? c->note : "");
  }
  write_row(test, c, rel, pass, note);
  int faults = message_faults;
  message_faults = 0;
  if (!pass) {
    describe_failure(file, line, test, c, rel);
    if (faults)
      print_error("  the message of %d bad call%s before this check breaks"
                  " the rule for messages: %s (see the MSG line%s above)\n",
                  faults, faults > 1 ? "s" : "", message_why,
                  faults > 1 ? "s" : "");
    _fail(file, line);
  }
  return pass;
}
#line 4354 "chapters/00-intro.nw"
static uint64_t splitmix64(uint64_t z)
{
  z += UINT64_C(0x9e3779b97f4a7c15);
  z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
  return z ^ (z >> 31);
}

unsigned long claim_seed(unsigned long base)
{
  const char *s = getenv("MDL_SEED");
  if (s == NULL || *s == '\0')
    return base;
  char *end;
  unsigned long long n = strtoull(s, &end, 10);
  if (*end != '\0' || *s == '-') {
    print_error("MDL_SEED must be a non-negative integer, not '%s'\n", s);
    _fail(__FILE__, __LINE__);
    return base;
  }
  unsigned long seed =
      (unsigned long)(splitmix64((uint64_t)n ^ splitmix64(base)) & 0xffffffffu);
  return seed ? seed : 1;
}
#line 4381 "chapters/00-intro.nw"
double claim_slope(const double *t, const double *y, int n,
                   double *abs_weights)
{
  double tm = 0, ym = 0, stt = 0, sty = 0;
  for (int j = 0; j < n; j++) {
    tm += t[j] / n;
    ym += y[j] / n;
  }
  for (int j = 0; j < n; j++) {
    stt += (t[j] - tm) * (t[j] - tm);
    sty += (t[j] - tm) * (y[j] - ym);
  }
  if (abs_weights) {
    *abs_weights = 0;
    for (int j = 0; j < n; j++)
      *abs_weights += fabs(t[j] - tm) / stt;
  }
  return sty / stt;
}

double claim_fmax(double a, double b)
{
  if (isnan(a) || isnan(b))
    return NAN;
  return a > b ? a : b;
}

int claim_all_equal(const gsl_vector *v, double value)
{
  for (size_t i = 0; i < v->size; i++)
    if (gsl_vector_get(v, i) != value)
      return 0;
  return 1;
}

int claim_all_equal_matrix(const gsl_matrix *m, double value)
{
  for (size_t i = 0; i < m->size1; i++)
    for (size_t j = 0; j < m->size2; j++)
      if (gsl_matrix_get(m, i, j) != value)
        return 0;
  return 1;
}

gsl_vector claim_empty_vector(void)
{
  gsl_vector v = {0, 1, NULL, NULL, 0};
  return v;
}

gsl_matrix claim_empty_matrix(size_t rows, size_t cols)
{
  gsl_matrix m = {rows, cols, cols ? cols : 1, NULL, NULL, 0};
  return m;
}
