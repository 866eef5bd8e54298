# tools/grade-report.awk: what make grade prints after the tests of an
# exercise ran.  Reads the rows the tests recorded (claims.tsv, tab-separated,
# the fields of the claims support) and the tests' output (log); -v ex=ID
# -v funcs="the functions the exercise replaces".  It prints
#   - every check of mathematics, ok or FAIL, with the claim, the measured
#     value, the reference, the tolerance and what was measured;
#   - the checks of bad input that concern the replaced functions (their
#     note names the function), with GSL's codes by name, and a count of
#     the other bad-input checks of the same tests;
#   - the messages that broke the library's rule for messages (the MSG
#     lines of the claims support), which fail the check that provoked them;
#   - the tests that stopped before their end, with the reason;
#   - one last line: "grade ID: PASS|FAIL: ...", which make exercises reads.
# The exit status is 0 when every check passed and no test stopped.

BEGIN {
  FS = "\t"
  split("GSL_EDOM GSL_ERANGE GSL_EFAULT GSL_EINVAL GSL_EFAILED GSL_EFACTOR " \
        "GSL_ESANITY GSL_ENOMEM GSL_EBADFUNC GSL_ERUNAWAY GSL_EMAXITER " \
        "GSL_EZERODIV GSL_EBADTOL GSL_ETOL GSL_EUNDRFLW GSL_EOVRFLW GSL_ELOSS " \
        "GSL_EROUND GSL_EBADLEN GSL_ENOTSQR GSL_ESING GSL_EDIVERGE GSL_EUNSUP " \
        "GSL_EUNIMPL GSL_ECACHE GSL_ETABLE GSL_ENOPROG GSL_ENOPROGJ GSL_ETOLF " \
        "GSL_ETOLX GSL_ETOLG GSL_EOF", code, " ")
  nf = split(funcs, fn, " ")
}

function codename(x) {
  x = x + 0
  if (x == 0) return "GSL_SUCCESS"
  if (x == -1) return "GSL_FAILURE"
  return (x in code) ? code[x] : "code " x
}

function concerns(note,   k) {
  for (k = 1; k <= nf; k++)
    if (index(note, fn[k]) > 0) return 1
  return 0
}

FNR == NR {
  if ($1 == "id" || $1 == "") next
  ok = ($9 == "pass")
  if ($3 == "error") {
    if (concerns($10) || !ok) {
      err[++ne] = sprintf("  %-4s %s\n       expected %s, got %s", ok ? "ok" : "FAIL", $10,
                          codename($5), codename($4))
      if (!ok) errfail++; else errpass++
    } else other++
  } else {
    rel = ($11 == "<=") ? "<= " : ($11 == ">=") ? ">= " : ""
    math[++nm] = sprintf("  %-4s %-24s measured %-12.6g reference %s%-12.6g tolerance %.2g\n       %s",
                         ok ? "ok" : "FAIL", $1, $4, rel, $5, $6, $10)
    if (ok) mathpass++; else mathfail++
  }
  next
}

# The log of the tests: why a test stopped.
/^\[ RUN      \] / { test = $0; sub(/^\[ RUN      \] /, "", test); next }
/^unexpected GSL error / { why[test] = why[test] "\n       " $0; next }
/^MSG / { msg[++nmsg] = $0; next }
/^claim .* FAILED in / || /^  expected / { next }
/^\[  FAILED  \] / {
  t = $0; sub(/^\[  FAILED  \] /, "", t)
  if (t ~ /test\(s\), listed below/ || (t in failedtest)) next
  failedtest[t] = 1; order[++nt] = t
  next
}
/ error: Failure!$/ && !(test in where) { where[test] = $0; next }

END {
  if (nm > 0) {
    print "checks of mathematics:"
    for (k = 1; k <= nm; k++) print math[k]
  }
  if (ne > 0 || other > 0) {
    print "checks of bad input (each bad argument must get its documented GSL error):"
    for (k = 1; k <= ne; k++) print err[k]
    if (other > 0)
      printf "  ok   %d more checks of bad input, of functions this exercise does not replace\n", other
  }
  if (nmsg > 0) {
    print "messages that break the library's rule for messages (book, ch. 0, \"The rule for messages\"):"
    for (k = 1; k <= nmsg; k++) print "  " msg[k]
  }
  stopped = 0
  for (k = 1; k <= nt; k++) {
    t = order[k]
    if (why[t] != "") {
      if (!stopped) print "tests that stopped before their end:"
      stopped++
      printf "  %s%s\n", t, why[t]
    }
  }
  for (k = 1; k <= nt; k++) if (why[order[k]] == "") failing = failing " " order[k]
  if (failing != "") print "tests that failed a check:" failing
  total = mathpass + mathfail + errpass + errfail + other
  bad = mathfail + errfail + stopped
  verdict = (bad == 0 && total > 0 && nt == 0) ? "PASS" : "FAIL"
  printf "grade %s: %s: %d of %d checks of mathematics passed, %d of %d checks of bad input%s\n",
         ex, verdict, mathpass, mathpass + mathfail, errpass + other, errpass + errfail + other,
         stopped ? sprintf("; %d test%s stopped early", stopped, stopped > 1 ? "s" : "") : ""
  exit verdict == "PASS" ? 0 : 1
}
