#line 4483 "chapters/00-intro.nw"
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "claims.h"
#line 4492 "chapters/00-intro.nw"
static const char *const prefixes[] = {
  "intro", "optim", "approx", "cnn", "rnn", "gan", "vae", "learn"
};
enum { NCHAPTERS = sizeof prefixes / sizeof prefixes[0] };

static int chapter_of_file(const char *path)
{
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  if (!isdigit((unsigned char)base[0]) || !isdigit((unsigned char)base[1]))
    return -1;
  int n = (base[0] - '0') * 10 + (base[1] - '0');
  return n < NCHAPTERS ? n : -1;
}

static int chapter_of_id(const char *id)
{
  size_t len = strcspn(id, ".");
  for (int k = 0; k < NCHAPTERS; k++)
    if (strlen(prefixes[k]) == len && strncmp(prefixes[k], id, len) == 0)
      return k;
  return -1;
}
#line 4520 "chapters/00-intro.nw"
typedef struct {
  char *field[11];
  double measured, reference, tolerance;
  int pass;
} row;

enum { F_ID, F_TEST, F_KIND, F_MEASURED, F_REFERENCE, F_TOLERANCE,
       F_SAMPLES, F_SEED, F_STATUS, F_NOTE, F_RELATION };

typedef struct {
  char id[128];
  const char *file;
  int line;
  int chapter;
  int appendix;
} cited;

static row *rows;
static size_t nrows, cap_rows;
static cited *cites;
static size_t ncites, cap_cites;
static int problems;

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
  if (need <= *cap)
    return p;
  *cap = *cap ? 2 * *cap : 64;
  p = realloc(p, *cap * size);
  if (p == NULL) {
    fprintf(stderr, "claims-audit: out of memory\n");
    exit(2);
  }
  return p;
}

static long find_cited(const char *id)
{
  for (size_t k = 0; k < ncites; k++)
    if (strcmp(cites[k].id, id) == 0)
      return (long)k;
  return -1;
}
#line 4566 "chapters/00-intro.nw"
static char *dup(const char *s)
{
  char *d = malloc(strlen(s) + 1);
  if (d == NULL) {
    fprintf(stderr, "claims-audit: out of memory\n");
    exit(2);
  }
  return strcpy(d, s);
}

static void read_rows(const char *path)
{
  FILE *fp = fopen(path, "r");
  if (fp == NULL) {
    fprintf(stderr, "claims-audit: cannot read %s\n", path);
    exit(2);
  }
  char line[8192];
  int lineno = 0;
  while (fgets(line, sizeof line, fp)) {
    lineno++;
    line[strcspn(line, "\n")] = '\0';
    if (line[0] == '\0' || strncmp(line, "id\t", 3) == 0)
      continue;
    rows = grow(rows, &cap_rows, nrows + 1, sizeof *rows);
    row *r = &rows[nrows];
    char *s = line;
    int n = 0;
    for (; n < 11; n++) {
      char *tab = strchr(s, '\t');
      if (tab)
        *tab = '\0';
      r->field[n] = dup(s);
      if (!tab) {
        n++;
        break;
      }
      s = tab + 1;
    }
    if (n != 11) {
      fprintf(stderr, "%s:%d: a row needs 11 fields, this one has %d\n",
              path, lineno, n);
      exit(2);
    }
    r->measured = strtod(r->field[F_MEASURED], NULL);
    r->reference = strtod(r->field[F_REFERENCE], NULL);
    r->tolerance = strtod(r->field[F_TOLERANCE], NULL);
    r->pass = strcmp(r->field[F_STATUS], "pass") == 0;
    nrows++;
  }
  fclose(fp);
}
#line 4625 "chapters/00-intro.nw"
static int valid_id(const char *id)
{
  const char *dot = strchr(id, '.');
  if (dot == NULL || dot == id || dot[1] == '\0')
    return 0;
  for (const char *p = id; p < dot; p++)
    if (!islower((unsigned char)*p))
      return 0;
  for (const char *p = dot + 1; *p; p++)
    if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '-')
      return 0;
  return 1;
}

static void strip_quotes_and_comments(char *s)
{
  char *out = s;
  for (char *p = s; *p;) {
    if (p[0] == '[' && p[1] == '[') {
      char *end = strstr(p + 2, "]]");
      if (end == NULL)
        break;
      p = end + 2;
    } else if (*p == '%' && (p == s || p[-1] != '\\')) {
      break;
    } else {
      *out++ = *p++;
    }
  }
  *out = '\0';
}

static void read_chapter(const char *path)
{
  FILE *fp = fopen(path, "r");
  if (fp == NULL) {
    fprintf(stderr, "claims-audit: cannot read %s\n", path);
    exit(2);
  }
  int chapter = chapter_of_file(path), in_code = 0, lineno = 0, labelled = 0;
  int appendix = 0;
  char line[8192], label[64] = "";
  if (chapter < 0) {
    printf("CHAPTER    %s: its name must start with a chapter number 00-%02d\n",
           path, NCHAPTERS - 1);
    problems++;
  } else {
    snprintf(label, sizeof label, "\\label{chap:%s}", prefixes[chapter]);
  }
  while (fgets(line, sizeof line, fp)) {
    lineno++;
    size_t len = strcspn(line, "\r\n");
    line[len] = '\0';
    if (len >= 5 && strncmp(line, "<<", 2) == 0
        && strcmp(line + len - 3, ">>=") == 0) {
      in_code = 1;
      continue;
    }
    if (line[0] == '@' && (line[1] == '\0' || line[1] == ' ' || line[1] == '\t'))
      in_code = 0;
    if (in_code)
      continue;
    strip_quotes_and_comments(line);
    if (strncmp(line, "\\mdlappendixpart", 16) == 0)
      appendix = 1;
    if (label[0] && strstr(line, label))
      labelled = 1;
    for (char *p = line; (p = strstr(p, "\\claim{")) != NULL;) {
      p += strlen("\\claim{");
      char *end = strchr(p, '}');
      if (end == NULL || (size_t)(end - p) >= sizeof cites[0].id) {
        printf("MALFORMED  %s:%d: \\claim{ without a closing brace\n",
               path, lineno);
        problems++;
        break;
      }
      char id[sizeof cites[0].id];
      memcpy(id, p, (size_t)(end - p));
      id[end - p] = '\0';
      p = end + 1;
      if (!valid_id(id)) {
        printf("MALFORMED  %s:%d: '%s' is not a claim id"
               " (prefix.name, lower case, digits, hyphens)\n",
               path, lineno, id);
        problems++;
        continue;
      }
      if (chapter >= 0 && chapter_of_id(id) != chapter) {
        printf("PREFIX     %s:%d: %s is cited in the chapter of prefix '%s'\n",
               path, lineno, id, prefixes[chapter]);
        problems++;
      }
      if (find_cited(id) >= 0)
        continue;
      cites = grow(cites, &cap_cites, ncites + 1, sizeof *cites);
      snprintf(cites[ncites].id, sizeof cites[ncites].id, "%s", id);
      cites[ncites].file = path;
      cites[ncites].line = lineno;
      cites[ncites].chapter = chapter;
      cites[ncites].appendix = appendix;
      ncites++;
    }
  }
  fclose(fp);
  if (chapter >= 0 && !labelled) {
    printf("LABEL      %s: the chapter needs \\label{chap:%s}\n", path,
           prefixes[chapter]);
    problems++;
  }
}
#line 4741 "chapters/00-intro.nw"
static void tex_num(FILE *fp, double x, int digits)
{
  if (isnan(x)) {
    fputs("NaN", fp);
    return;
  }
  if (isinf(x)) {
    fputs(x > 0 ? "$\\infty$" : "$-\\infty$", fp);
    return;
  }
  char buf[64];
  snprintf(buf, sizeof buf, "%.*g", digits, x);
  char *e = strchr(buf, 'e');
  if (e == NULL) {
    fprintf(fp, "$%s$", buf);
    return;
  }
  *e = '\0';
  int exponent = atoi(e + 1);
  if (strcmp(buf, "1") == 0)
    fprintf(fp, "$10^{%d}$", exponent);
  else if (strcmp(buf, "-1") == 0)
    fprintf(fp, "$-10^{%d}$", exponent);
  else
    fprintf(fp, "$%s\\times10^{%d}$", buf, exponent);
}

static void tex_text(FILE *fp, const char *s)
{
  for (; *s; s++) {
    switch (*s) {
    case '\\': fputs("\\textbackslash{}", fp); break;
    case '{': case '}': case '$': case '&': case '#': case '_': case '%':
      fprintf(fp, "\\%c", *s);
      break;
    case '^': fputs("\\textasciicircum{}", fp); break;
    case '~': fputs("\\textasciitilde{}", fp); break;
    case '<': fputs("\\textless{}", fp); break;
    case '>': fputs("\\textgreater{}", fp); break;
    default: fputc(*s, fp);
    }
  }
}

static void tex_value(FILE *fp, const row *r, double x, int digits)
{
  if (strcmp(r->field[F_KIND], "error") == 0) {
    fputs("\\texttt{", fp);
    tex_text(fp, claim_gsl_name((int)x));
    fputs("}", fp);
  } else {
    tex_num(fp, x, digits);
  }
}

static void tex_reference(FILE *fp, const row *r)
{
  const char *rel = r->field[F_RELATION];
  if (strcmp(rel, "<=") == 0)
    fputs("$\\le$\\,", fp);
  else if (strcmp(rel, ">=") == 0)
    fputs("$\\ge$\\,", fp);
  tex_value(fp, r, r->reference, 5);
}
#line 4824 "chapters/00-intro.nw"
static int is_error(const row *r)
{
  return strcmp(r->field[F_KIND], "error") == 0;
}

/* A row of claim_reason or claim_message: it checks what an error's message
   says, bad input too, not mathematics. */
static int is_message(const row *r)
{
  return !is_error(r)
         && (strstr(r->field[F_NOTE], " names itself") != NULL
             || strstr(r->field[F_NOTE], "; the message holds \"") != NULL);
}

static double share(const row *r)
{
  double m = r->measured, ref = r->reference, t = r->tolerance;
  const char *rel = r->field[F_RELATION];
  if (isnan(m) || isnan(ref))
    return HUGE_VAL;
  if (strcmp(rel, "<=") == 0) {
    if (ref + t > 0 && m >= 0)
      return m / (ref + t);
    return t > 0 ? 1 + (m - ref - t) / t : (m <= ref ? 0.5 : HUGE_VAL);
  }
  if (strcmp(rel, ">=") == 0) {
    if (ref - t > 0 && m > 0)
      return (ref - t) / m;
    return t > 0 ? 1 + (ref - t - m) / t : (m >= ref ? 0.5 : HUGE_VAL);
  }
  if (t > 0)
    return fabs(m - ref) / t;
  return m == ref ? 0 : HUGE_VAL;
}

static const row *representative(const char *id)
{
  const row *first = NULL, *worst = NULL;
  double used = -1;
  for (size_t k = 0; k < nrows; k++) {
    const row *r = &rows[k];
    if (strcmp(r->field[F_ID], id) != 0)
      continue;
    if (!r->pass)
      return r;
    if (first == NULL)
      first = r;
    if (!is_error(r) && share(r) > used) {
      used = share(r);
      worst = r;
    }
  }
  return worst ? worst : first;
}

static void count_rows(const char *id, int *npass, int *n, int *nerror)
{
  *npass = *n = *nerror = 0;
  for (size_t k = 0; k < nrows; k++)
    if (strcmp(rows[k].field[F_ID], id) == 0) {
      (*n)++;
      *npass += rows[k].pass;
      *nerror += is_error(&rows[k]);
    }
}

static const char *claim_status(int npass, int n)
{
  return n == 0 ? "unchecked" : npass == n ? "pass" : "fail";
}

static void tex_summary(FILE *fp, const row *r)
{
  tex_value(fp, r, r->measured, 5);
  fputs(" vs.\\ ", fp);
  tex_reference(fp, r);
  if (!is_error(r) && r->tolerance > 0) {
    fputs(strcmp(r->field[F_RELATION], "=") == 0 ? " $\\pm$\\," : " (slack ",
          fp);
    tex_num(fp, r->tolerance, 2);
    if (strcmp(r->field[F_RELATION], "=") != 0)
      fputs(")", fp);
  }
}

static void write_tex(const char *path, int passed, int failed)
{
  FILE *fp = fopen(path, "w");
  if (fp == NULL) {
    fprintf(stderr, "claims-audit: cannot write %s\n", path);
    exit(2);
  }
  size_t nerror = 0;
  for (size_t k = 0; k < nrows; k++)
    nerror += is_error(&rows[k]);
  fputs("% Written by claims-audit from claims.tsv: do not edit.\n", fp);
  fprintf(fp, "\\mdlclaimtotals{%d}{%d}{%zu}{%zu}{%zu}\n", passed, failed,
          nrows, nrows - nerror, nerror);
  for (size_t c = 0; c < ncites; c++) {
    int npass, n, nerr;
    count_rows(cites[c].id, &npass, &n, &nerr);
    const row *r = representative(cites[c].id);
    fprintf(fp, "\\mdlclaim{%s}{%s}{%d}{%d}{%d}{", cites[c].id,
            claim_status(npass, n), npass, n, nerr);
    if (r)
      tex_summary(fp, r);
    fputs("}{", fp);
    if (r && strcmp(r->field[F_NOTE], "-") != 0)
      tex_text(fp, r->field[F_NOTE]);
    fputs("}\n", fp);
    if (cites[c].appendix)
      fprintf(fp, "\\mdlclaimfullonly{%s}\n", cites[c].id);
    int k = 0;
    for (size_t i = 0; i < nrows; i++) {
      const row *q = &rows[i];
      if (strcmp(q->field[F_ID], cites[c].id) != 0)
        continue;
      fprintf(fp, "\\mdlclaimrow{%s}{%d}{", cites[c].id, ++k);
      tex_value(fp, q, q->measured, 5);
      fputs("}{", fp);
      tex_value(fp, q, q->reference, 5);
      fputs("}{", fp);
      tex_num(fp, q->tolerance, 2);
      fputs("}\n", fp);
    }
  }
  fclose(fp);
}

static void write_report_row(FILE *fp, const row *r, int first)
{
  if (first)
    fprintf(fp, "\\mdlreportrow{%s}{1}{", r->field[F_ID]);
  else
    fprintf(fp, "\\mdlreportrow{%s}{0}{", r->field[F_ID]);
  tex_text(fp, r->field[F_KIND]);
  fputs("}{", fp);
  tex_value(fp, r, r->measured, 5);
  fputs("}{", fp);
  tex_reference(fp, r);
  fputs("}{", fp);
  if (is_error(r))
    fputs("--", fp);
  else
    tex_num(fp, r->tolerance, 2);
  fputs("}{", fp);
  tex_text(fp, strcmp(r->field[F_SAMPLES], "-") ? r->field[F_SAMPLES] : "--");
  fputs("}{", fp);
  tex_text(fp, strcmp(r->field[F_SEED], "-") ? r->field[F_SEED] : "--");
  fprintf(fp, "}{%s}{", r->pass ? "pass" : "fail");
  tex_text(fp, r->field[F_TEST]);
  fputs("}{", fp);
  tex_text(fp, strcmp(r->field[F_NOTE], "-") ? r->field[F_NOTE] : "");
  fputs("}\n", fp);
}

static void write_report(const char *path)
{
  FILE *fp = fopen(path, "w");
  if (fp == NULL) {
    fprintf(stderr, "claims-audit: cannot write %s\n", path);
    exit(2);
  }
  fputs("% Written by claims-audit from claims.tsv: do not edit.\n", fp);
  for (int ch = 0; ch < NCHAPTERS; ch++) {
    int any = 0;
    for (size_t c = 0; c < ncites; c++) {
      if (cites[c].chapter != ch)
        continue;
      if (!any)
        fprintf(fp, "\\mdlreportchapter{%s}\n\\begin{mdlreport}\n", prefixes[ch]);
      any = 1;
      int first = 1;
      for (size_t k = 0; k < nrows; k++)
        if (strcmp(rows[k].field[F_ID], cites[c].id) == 0) {
          write_report_row(fp, &rows[k], first);
          first = 0;
        }
      if (first)
        fprintf(fp, "\\mdlreportunchecked{%s}\n", cites[c].id);
    }
    if (any)
      fputs("\\end{mdlreport}\n", fp);
  }
  fclose(fp);
}

static void write_summary(const char *path)
{
  FILE *fp = fopen(path, "w");
  if (fp == NULL) {
    fprintf(stderr, "claims-audit: cannot write %s\n", path);
    exit(2);
  }
  fputs("% Written by claims-audit from claims.tsv: do not edit.\n", fp);
  for (int ch = 0; ch < NCHAPTERS; ch++) {
    int any = 0;
    for (size_t c = 0; c < ncites; c++) {
      if (cites[c].chapter != ch)
        continue;
      if (!any)
        fprintf(fp, "\\mdlreportchapter{%s}\n\\begin{mdlsummary}\n", prefixes[ch]);
      any = 1;
      int npass, n, nerr;
      count_rows(cites[c].id, &npass, &n, &nerr);
      const row *r = representative(cites[c].id);
      fprintf(fp, "\\mdlsummaryrow{%s}{%s}{%d}{%d}{%d}{", cites[c].id,
              claim_status(npass, n), npass, n, nerr);
      if (r)
        tex_summary(fp, r);
      fputs("}{", fp);
      if (r && strcmp(r->field[F_NOTE], "-") != 0)
        tex_text(fp, r->field[F_NOTE]);
      fputs("}\n", fp);
    }
    if (any)
      fputs("\\end{mdlsummary}\n", fp);
  }
  fclose(fp);
}
#line 5192 "chapters/00-intro.nw"
static char **publics, **public_docs;
static const char **public_headers;
static size_t npublics, cap_publics, cap_docs, cap_headers;

static char *copy_text(const char *text, size_t len)
{
  char *s = malloc(len + 1);
  if (s == NULL) {
    fprintf(stderr, "claims-audit: out of memory\n");
    exit(2);
  }
  memcpy(s, text, len);
  s[len] = '\0';
  return s;
}

static void add_public(const char *name, size_t len, const char *doc,
                       const char *header)
{
  for (size_t k = 0; k < npublics; k++)
    if (strlen(publics[k]) == len && strncmp(publics[k], name, len) == 0)
      return;
  publics = grow(publics, &cap_publics, npublics + 1, sizeof *publics);
  public_docs = grow(public_docs, &cap_docs, npublics + 1, sizeof *public_docs);
  public_headers = grow(public_headers, &cap_headers, npublics + 1,
                        sizeof *public_headers);
  public_docs[npublics] = doc ? copy_text(doc, strlen(doc)) : NULL;
  public_headers[npublics] = header;
  publics[npublics++] = copy_text(name, len);
}

static void read_header(const char *path)
{
  FILE *fp = fopen(path, "r");
  if (fp == NULL) {
    fprintf(stderr, "claims-audit: cannot read %s\n", path);
    exit(2);
  }
  char line[1024], decl[8192], comment[4096], doc[4096];
  size_t used = 0, cused = 0;
  int continued = 0, in_comment = 0, has_doc = 0, cplusplus = 0;
  decl[0] = '\0';
  while (fgets(line, sizeof line, fp)) {
    size_t len = strlen(line);
#line 5317 "chapters/00-intro.nw"
    if (strncmp(line, "#ifdef __cplusplus", 18) == 0)
      cplusplus = 1;
    if (cplusplus) {
      cplusplus = strncmp(line, "#endif", 6) != 0;
      continue;
    }
#line 5237 "chapters/00-intro.nw"
    int preprocessor = !in_comment
                       && (continued || line[strspn(line, " \t")] == '#');
    continued = preprocessor && len >= 2 && line[len - 2] == '\\';
    if (preprocessor)
      continue;
    for (const char *c = line; *c; c++) {
#line 5331 "chapters/00-intro.nw"
      if (in_comment) {
        if (c[0] == '*' && c[1] == '/') {
          comment[cused] = '\0';
          in_comment = 0;
          c++;
          if (decl[strspn(decl, " \t{}")] == '\0') {
            memcpy(doc, comment, cused + 1);
            has_doc = 1;
          }
        } else if (cused + 1 < sizeof comment
                   && !(isspace((unsigned char)*c) && cused > 0
                        && comment[cused - 1] == ' ')) {
          comment[cused++] = isspace((unsigned char)*c) ? ' ' : *c;
        }
        continue;
      }
      if (c[0] == '/' && c[1] == '*') {
        in_comment = 1;
        cused = 0;
        decl[used] = '\0';
        c++;
        continue;
      }
#line 5244 "chapters/00-intro.nw"
      if (*c != ';' && used + 1 < sizeof decl) {
        decl[used++] = *c == '\n' ? ' ' : *c;
        continue;
      }
      if (*c != ';')
        continue;
      decl[used] = '\0';
      used = 0;
      const char *d = decl + strspn(decl, " \t{}");
      int documented = has_doc;
      has_doc = 0;
      if (strncmp(d, "typedef", 7) == 0)
        continue;
      for (const char *p = strstr(d, "mdl_"); p; p = strstr(p + 1, "mdl_")) {
        if (p > d && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
          continue;
        size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789_");
        const char *after = p + n + strspn(p + n, " \t");
        if (*after == '(') {
          add_public(p, n, documented ? doc : NULL, path);
          break;
        }
      }
    }
  }
  fclose(fp);
}
#line 5279 "chapters/00-intro.nw"
static size_t letters_and_digits(const char *in, size_t n, char *out,
                                 size_t size)
{
  size_t k = 0;
  for (size_t i = 0; i < n && in[i] && k + 1 < size; i++)
    if (isalnum((unsigned char)in[i]))
      out[k++] = (char)tolower((unsigned char)in[i]);
  out[k] = '\0';
  return k;
}

static int chapter_has_section(const char *path, const char *title,
                               size_t len)
{
  FILE *fp = fopen(path, "r");
  if (fp == NULL)
    return 0;
  char line[2048], want[512], have[2048];
  int found = 0;
  if (letters_and_digits(title, len, want, sizeof want) == 0) {
    fclose(fp);
    return 0;
  }
  while (!found && fgets(line, sizeof line, fp))
    if (strncmp(line, "\\section", 8) == 0
        || strncmp(line, "\\subsection", 11) == 0) {
      letters_and_digits(line, strlen(line), have, sizeof have);
      found = strstr(have, want) != NULL;
    }
  fclose(fp);
  return found;
}
#line 5047 "chapters/00-intro.nw"
static void usage(void)
{
  fprintf(stderr, "usage: claims-audit [--quiet] [--tex FILE] [--report FILE]"
                  " [--summary FILE] [--status FILE]... [--header FILE]..."
                  " CLAIMS.tsv CHAPTER.nw...\n");
  exit(2);
}

int main(int argc, char **argv)
{
  const char *tex = NULL, *report = NULL, *summary = NULL, *tsv = NULL;
  int quiet = 0, i = 1;
  for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
    if (strcmp(argv[i], "--quiet") == 0)
      quiet = 1;
    else if (strcmp(argv[i], "--tex") == 0 && i + 1 < argc)
      tex = argv[++i];
    else if (strcmp(argv[i], "--report") == 0 && i + 1 < argc)
      report = argv[++i];
    else if (strcmp(argv[i], "--summary") == 0 && i + 1 < argc)
      summary = argv[++i];
    else if (strcmp(argv[i], "--status") == 0 && i + 1 < argc)
      i++;
    else if (strcmp(argv[i], "--header") == 0 && i + 1 < argc)
      i++;
    else
      usage();
  }
  if (i >= argc)
    usage();
  if (quiet && freopen("/dev/null", "w", stdout) == NULL)
    exit(2);
  tsv = argv[i++];
  read_rows(tsv);
  for (; i < argc; i++)
    read_chapter(argv[i]);
#line 5099 "chapters/00-intro.nw"
  int programs = 0;
  for (int a = 1; a < argc; a++) {
    if (strcmp(argv[a], "--status") != 0 || a + 1 >= argc)
      continue;
    FILE *fp = fopen(argv[++a], "r");
    char name[256];
    int status;
    if (fp == NULL || fscanf(fp, "%255s %d", name, &status) != 2) {
      printf("STATUS     %s: missing or unreadable\n", argv[a]);
      problems++;
    } else {
      programs++;
      if (status != 0) {
        printf("PROGRAM    %s exited with status %d; its output is in %.*s.log\n",
               name, status, (int)(strlen(argv[a]) - strlen(".status")), argv[a]);
        problems++;
      }
    }
    if (fp)
      fclose(fp);
  }
#line 5084 "chapters/00-intro.nw"
#line 5361 "chapters/00-intro.nw"
  static const struct {
    const char *name, *why;
  } no_bad_input[] = {
    {"mdl_numcheck_step", "takes no argument"},
    {"mdl_optim_free", "NULL is allowed and does nothing"},
    {"mdl_optim_sampler_free", "NULL is allowed and does nothing"},
    {"mdl_net_free", "NULL is allowed and does nothing"},
    {"mdl_net_graph_free", "NULL is allowed and does nothing"},
    {"mdl_gan_free", "NULL is allowed and does nothing"},
    {"mdl_conv_model_free", "NULL is allowed and does nothing"},
    {"mdl_rnn_model_free", "NULL is allowed and does nothing"},
    {"mdl_vae_free", "NULL is allowed and does nothing"},
    {"mdl_rnn_tape_free", "NULL is allowed and does nothing"},
    {"mdl_net_sigmoid", "an elementwise function: NaN in, NaN out"},
    {"mdl_net_softplus", "an elementwise function: NaN in, NaN out"},
    {"mdl_net_log_sigmoid", "an elementwise function: NaN in, NaN out"},
    {"mdl_sauer_bound", "every pair of sizes is valid"},
    {"mdl_log_sauer_bound", "every pair of sizes is valid"},
  };
  enum { NEXEMPT = sizeof no_bad_input / sizeof no_bad_input[0] };
  for (int a = 1; a < argc; a++)
    if (strcmp(argv[a], "--header") == 0 && a + 1 < argc)
      read_header(argv[++a]);
  size_t provoked = 0, exempt = 0, error_rows = 0;
  for (size_t k = 0; k < nrows; k++)
    error_rows += rows[k].pass && strcmp(rows[k].field[F_KIND], "error") == 0;
  for (size_t f = 0; f < npublics; f++) {
    size_t len = strlen(publics[f]);
    int named = 0, errors = 0;
    for (size_t k = 0; k < nrows; k++) {
      const char *note = rows[k].field[F_NOTE];
      if (!rows[k].pass || strncmp(note, publics[f], len) != 0
          || (note[len] != ':' && note[len] != ' '))
        continue;
      named = 1;
      errors |= strcmp(rows[k].field[F_KIND], "error") == 0 && note[len] == ':';
    }
    const char *why = NULL;
    for (int e = 0; e < NEXEMPT; e++)
      if (strcmp(no_bad_input[e].name, publics[f]) == 0)
        why = no_bad_input[e].why;
    if (errors) {
      provoked++;
    } else if (why && named) {
      exempt++;
    } else if (why) {
      printf("BAD INPUT  %s (%s) is named by no passing row\n", publics[f], why);
      problems++;
    } else {
      printf("BAD INPUT  %s: no passing error row; no test gives it bad input\n",
             publics[f]);
      problems++;
    }
  }
  for (int e = 0; npublics > 0 && e < NEXEMPT; e++) {
    int found = 0;
    for (size_t f = 0; f < npublics; f++)
      found |= strcmp(no_bad_input[e].name, publics[f]) == 0;
    if (!found) {
      printf("BAD INPUT  %s is exempted in the audit but declared in no header\n",
             no_bad_input[e].name);
      problems++;
    }
  }
#line 5454 "chapters/00-intro.nw"
  static const char *const gsl_names[] = {
    "GSL_SUCCESS", "GSL_EDOM", "GSL_ERANGE", "GSL_EFAULT", "GSL_EINVAL",
    "GSL_EFAILED", "GSL_EFACTOR", "GSL_ESANITY", "GSL_ENOMEM", "GSL_EBADFUNC",
    "GSL_ERUNAWAY", "GSL_EMAXITER", "GSL_EZERODIV", "GSL_EBADTOL", "GSL_ETOL",
    "GSL_EUNDRFLW", "GSL_EOVRFLW", "GSL_ELOSS", "GSL_EROUND", "GSL_EBADLEN",
    "GSL_ENOTSQR", "GSL_ESING", "GSL_EDIVERGE", "GSL_EUNSUP", "GSL_EUNIMPL",
    "GSL_ECACHE", "GSL_ETABLE", "GSL_ENOPROG", "GSL_ENOPROGJ", "GSL_ETOLF",
    "GSL_ETOLX", "GSL_ETOLG", "GSL_EOF"};
  enum { NGSL_NAMES = sizeof gsl_names / sizeof gsl_names[0] };
  size_t documented = 0;
  for (size_t f = 0; f < npublics; f++) {
    const char *name = publics[f], *doc = public_docs[f];
    size_t len = strlen(name);
    const char *errs = doc ? strstr(doc, "Errors:") : NULL;
    const char *book = errs ? strstr(errs, "Book: ch. ") : NULL;
    if (doc == NULL) {
      printf("DOC        %s (%s): no comment right before its declaration;"
             " write /* %s: what it computes.  Errors: ...  Book: ch. N,"
             " \"Section\". */ in the chapter\n", name, public_headers[f], name);
      problems++;
      continue;
    }
    doc += strspn(doc, " ");
    if (strncmp(doc, name, len) != 0 || doc[len] != ':' || errs == NULL
        || book == NULL || !isdigit((unsigned char)book[10])) {
      printf("DOC        %s (%s): its comment must start with \"%s:\" and hold"
             " \"Errors:\" and then \"Book: ch. N\"\n", name,
             public_headers[f], name);
      problems++;
      continue;
    }
#line 5516 "chapters/00-intro.nw"
    int chapter = atoi(book + 10), has_section = 0;
    const char *title = strchr(book, '"');
    const char *title_end = title ? strchr(title + 1, '"') : NULL;
    char prefix[8];
    snprintf(prefix, sizeof prefix, "%02d-", chapter);
    for (int a = 1; title_end && a < argc; a++) {
      const char *base = strrchr(argv[a], '/');
      base = base ? base + 1 : argv[a];
      if (strncmp(base, prefix, 3) == 0
          && strcmp(argv[a] + strlen(argv[a]) - 3, ".nw") == 0)
        has_section = chapter_has_section(argv[a], title + 1,
                                          (size_t)(title_end - title - 1));
    }
    if (!has_section) {
      printf("DOC        %s (%s): its comment's Book: names no section of"
             " chapter %d (write Book: ch. N, \"Section title\")\n", name,
             public_headers[f], chapter);
      problems++;
      continue;
    }
#line 5486 "chapters/00-intro.nw"
    int complete = 1;
    for (size_t k = 0; k < nrows; k++) {
      const row *r = &rows[k];
      const char *note = r->field[F_NOTE];
      if (!r->pass || strcmp(r->field[F_KIND], "error") != 0
          || strncmp(note, name, len) != 0 || note[len] != ':')
        continue;
      int code = (int)r->reference;
      const char *code_name = code > 0 && code < NGSL_NAMES ? gsl_names[code] : NULL;
      const char *hit = code_name ? strstr(errs, code_name) : NULL;
      size_t clen = code_name ? strlen(code_name) : 0;
      while (hit && hit < book && isalnum((unsigned char)hit[clen]))
        hit = strstr(hit + 1, code_name);
      if (hit == NULL || hit > book) {
        printf("DOC        %s (%s): the tests provoke %s (%s), which its"
               " comment's Errors: does not list\n", name, public_headers[f],
               code_name ? code_name : r->field[F_REFERENCE], note);
        problems++;
        complete = 0;
        break;
      }
    }
    documented += complete;
  }
#line 5426 "chapters/00-intro.nw"
  if (npublics > 0)
    printf("audit: %zu public functions, %zu with their comment; %zu met bad"
           " input in %zu error rows, %zu have none to meet\n", npublics,
           documented, provoked, error_rows, exempt);
#line 5085 "chapters/00-intro.nw"
#line 5128 "chapters/00-intro.nw"
  int passed = 0, failed = 0;
  size_t nerror = 0;
  for (size_t k = 0; k < nrows; k++)
    nerror += is_error(&rows[k]);
  for (size_t c = 0; c < ncites; c++) {
    int npass, n, nerr;
    count_rows(cites[c].id, &npass, &n, &nerr);
    if (n == 0) {
      printf("UNCHECKED  %s: cited at %s:%d, but no test records it\n",
             cites[c].id, cites[c].file, cites[c].line);
      failed++;
    } else if (npass < n) {
      failed++;
    } else {
      passed++;
    }
  }
  for (size_t k = 0; k < nrows; k++) {
    const row *r = &rows[k];
    if (!r->pass) {
      printf("FAILED     %s (%s): measured %.10g, reference %s %.10g,"
             " tolerance %.3g; %s\n", r->field[F_ID], r->field[F_TEST],
             r->measured, r->field[F_RELATION], r->reference, r->tolerance,
             r->field[F_NOTE]);
    }
    if (find_cited(r->field[F_ID]) < 0) {
      int seen = 0;
      for (size_t j = 0; j < k; j++)
        seen |= strcmp(rows[j].field[F_ID], r->field[F_ID]) == 0;
      if (!seen) {
        printf("UNCITED    %s: checked by %s, but no chapter cites it\n",
               r->field[F_ID], r->field[F_TEST]);
        failed++;
      }
    }
  }
  size_t nmessage = 0;
  for (size_t k = 0; k < nrows; k++)
    nmessage += is_message(&rows[k]);
  printf("audit: %zu claims cited, %zu checks recorded by %d test programs"
         " (%zu of mathematics, %zu of bad input, %zu of what its messages"
         " say)\n", ncites, nrows, programs, nrows - nerror - nmessage, nerror,
         nmessage);
  size_t held = 0;
  for (size_t k = 0; k < nrows; k++)
    held += is_error(&rows[k])
            && strstr(rows[k].field[F_NOTE], "GSL says: ") != NULL;
  printf("audit: %zu messages of error rows held to the rule for messages\n",
         held);
  if (problems)
    printf("audit: %d problems besides the claims, listed above\n", problems);
  printf("claims: %d passed, %d failed\n", passed, failed);
#line 5086 "chapters/00-intro.nw"
  if (tex)
    write_tex(tex, passed, failed);
  if (report)
    write_report(report);
  if (summary)
    write_summary(summary);
  return failed == 0 && problems == 0 ? 0 : 1;
}
