# Mathematics of Deep Learning, checked: the whole pipeline.
#
#   make              tangle, build libmdl, run the checks, draw the figures,
#                     weave and typeset book.pdf, the reader's edition
#   make book-full    the same for book-full.pdf, the complete literate program
#   make check        tangle, build, run every test, audit the claims
#   make grade EX=id FILE=yours.c   grade an exercise; make exercises: all
#   make tangle | lib | figures | book | install PREFIX=... | uninstall | clean
#   make bench [ROUNDS=5] [ROWS='kl js']   libmdl against torch, POT, SciPy (bench/)
#   make check SANITIZE=1     the suite under ASan and UBSan (build/sanitize)
#   make check MDL_SEED=n     every stochastic check re-seeded from n
#   make check CC=clang       another compiler    } each configuration builds
#   make check OPT='-O3 ...'  other optimisation   } and keeps its results in
#   make check BLAS=gslcblas  GSL's reference CBLAS} its own directory under
#   make check VALGRIND=1     under valgrind memcheck  build/ (see below)
#   make check WERROR=1       warnings are errors (what CI does)
#   make check TIMEOUT=s      seconds each test program may run (default 300)
#   make recheck              forget cached test results, then check
#   make installcheck         install into build/, compile the README example,
#                             a C++ program, the examples and an error
#                             that must name an installed chapter
#   make readme-check         the README's make check output is the last one's
#   make readme-update        rewrite it from the last make check
#   make mutate [MODULE=m] [MAX=40] [SEED=s]  mutation testing (.ci/mutate)
#   V=1                       show the commands
#
# Chapters are chapters/NN-name.nw.  Their root chunks are named by the file
# they are written to, so this Makefile never lists a source file: it finds
# them after tangling (the include of $(B)/tangle.mk restarts make once the
# tangle is fresh).

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.SECONDARY:
.SUFFIXES:
.DEFAULT_GOAL := all

VERSION := 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=
MDL_SEED ?=
V ?= 0
Q := $(if $(filter 1,$(V)),,@)

# ---------------------------------------------------------------- configuration
# The default build is build/.  Every other configuration, a compiler, an
# optimisation, a BLAS, valgrind, the sanitizers, builds and keeps its
# objects and its cached results in a directory of its own, named after it,
# so that two configurations never mix objects or results:
#   make check CC=clang                              build/cc=clang
#   make check OPT='-O3 -ffp-contract=fast -march=native'
#                                   build/opt=-O3_-ffp-contract=fast_-march=native
#   make check OPT='-O2 -mlong-double-64'            long double as double (gcc;
#                   on x86-64 it changes the calling convention of the C
#                   library's long double functions, so a test that calls
#                   expl or logl gets garbage there; no test may use long double)
#   make check BLAS=gslcblas                         build/blas=gslcblas
#   make check VALGRIND=1                            build/valgrind
# and any combination.  OPT replaces the optimisation flags (default -O2);
# BLAS=openblas or BLAS=gslcblas picks the CBLAS instead of the probe below.
# No configuration sets OPENBLAS_CORETYPE: the kernel is the one OpenBLAS
# picks for the machine, or the one the user's environment asks for.
SANITIZE ?=
VALGRIND ?=
WERROR ?=
OPT ?=
BLAS ?=
empty :=
space := $(empty) $(empty)
CONFIG := $(strip \
  $(if $(filter-out cc,$(CC)),cc=$(notdir $(CC))) \
  $(if $(OPT),opt=$(subst /,_,$(subst $(space),_,$(strip $(OPT))))) \
  $(if $(BLAS),blas=$(BLAS)) \
  $(if $(filter 1,$(SANITIZE)),sanitize) \
  $(if $(filter 1,$(VALGRIND)),valgrind))
B := build$(if $(CONFIG),/$(subst $(space),+,$(CONFIG)))

ifeq ($(SANITIZE),1)
OPTFLAGS := $(or $(OPT),-O1) -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
RUNENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 MDL_SLOWDOWN=10
else
OPTFLAGS := $(or $(OPT),-O2)
RUNENV := $(if $(filter 1,$(VALGRIND)),MDL_SLOWDOWN=100)
endif
# MDL_SLOWDOWN tells the few checks that time something how much slower an
# instrumented build runs (they multiply their time limits by it).

# Each test program runs under a time limit, so that a test that hangs stops
# with a message naming it instead of hanging make check.  The limit is
# generous (the whole suite takes about ten seconds natively) and scales
# with the configuration: valgrind runs programs 20 to 60 times slower, the
# sanitizers about 3 times, an unoptimised build about 3 times.
TIMEOUT ?= $(if $(filter 1,$(VALGRIND)),1800,$(if $(filter 1,$(SANITIZE)),900,300))

# Valgrind memcheck: any memory error or leak makes the program exit with
# status 99, which the audit reports as a failed program.
ifeq ($(VALGRIND),1)
RUNNER := valgrind -q --tool=memcheck --error-exitcode=99 --leak-check=full \
  --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible
else
RUNNER :=
endif

CC ?= cc
# Warnings are errors only when asked (CI does): a student's build must not
# stop because another compiler version finds something new to warn about.
WARNFLAGS := -Wall -Wextra -Wpedantic $(if $(filter 1,$(WERROR)),-Werror)
# '#pragma omp simd' asks for a vectorised loop (so that gcc may reorder a
# floating-point sum); a compiler that cannot vectorise one says so
# (clang's -Wpass-failed).  The loop is still right, only scalar: that is a
# fact about speed, not a defect of the code, so it is not turned into an error.
WARNFLAGS += $(shell $(CC) -Werror -Wno-pass-failed -x c -c /dev/null -o /dev/null 2>/dev/null && echo -Wno-pass-failed)
# -fno-math-errno only stops sqrt and friends from setting errno, which
# nothing reads; unlike -ffast-math it keeps IEEE infinities and NaNs, and it
# lets sqrt be one instruction (and vectorise).
# The library's sources see MDL_BUILDING_LIBMDL and mdl/numcheck.h first, so
# that every error message of the library names its function (chapter 0,
# "Bad input, in every module").  -fopenmp-simd honours the library's
# '#pragma omp simd' (loops the compiler should compute several entries at a
# time) and needs no OpenMP run time.
LIB_CFLAGS := -std=c11 $(OPTFLAGS) -g $(WARNFLAGS) -fno-math-errno -fopenmp-simd -fPIC \
  -Itangled/include -DMDL_BUILDING_LIBMDL -include mdl/numcheck.h $(CFLAGS)
PROG_CFLAGS := -std=c11 $(OPTFLAGS) -g $(WARNFLAGS) -D_POSIX_C_SOURCE=200809L -Itangled/include -Itests $(CFLAGS)
LD_SAN := $(filter -fsanitize=%,$(OPTFLAGS)) $(filter -mlong-double-%,$(OPTFLAGS))

CHAPTERS := $(sort $(wildcard chapters/[0-9][0-9]-*.nw))

# The tangle writes a helper script into the build directory while make
# expands its recipe, before any recipe line could create the directory.
ifeq ($(filter clean help,$(MAKECMDGOALS)),)
$(shell mkdir -p $(B))
endif

# ---------------------------------------------------------------- dependencies
# Debian packages, checked when make starts: installed when missing if we are
# root with apt-get, otherwise make stops and prints the apt-get line.
# make check needs no TeX; make and make book do.
DEBS_CHECK := libc6-dev noweb libgsl-dev libcmocka-dev libopenblas-dev libmpfr-dev
DEBS_BOOK := texlive-latex-base texlive-latex-recommended texlive-latex-extra \
  texlive-pictures texlive-science texlive-fonts-recommended latexmk lmodern
# make install needs pkg-config (Debian's pkgconf) for the README's compile
# line; make installcheck also compiles a C++ file (g++).
DEBS_INSTALL := pkgconf
DEBS_INSTALLCHECK := pkgconf g++
GOALS := $(or $(MAKECMDGOALS),all)

ifeq ($(filter-out clean help uninstall,$(GOALS)),)
DEBS_NEEDED :=
else
DEBS_NEEDED := $(DEBS_CHECK) \
  $(if $(filter all book book.pdf book-full book-full.pdf,$(GOALS)),$(DEBS_BOOK)) \
  $(if $(filter install,$(GOALS)),$(DEBS_INSTALL)) \
  $(if $(filter installcheck,$(GOALS)),$(DEBS_INSTALLCHECK))
endif

DEBS_MISSING := $(if $(DEBS_NEEDED),$(strip $(shell \
  command -v dpkg-query >/dev/null 2>&1 && for p in $(DEBS_NEEDED); do \
    dpkg-query -W -f='$${db:Status-Status}\n' $$p 2>/dev/null | grep -qx installed \
    || echo $$p; done)))

ifneq ($(DEBS_MISSING),)
ifeq ($(shell id -u)/$(shell command -v apt-get >/dev/null && echo apt),0/apt)
$(info deps: installing $(DEBS_MISSING) (once$(if $(filter texlive-%,$(DEBS_MISSING)),; TeX Live takes a few minutes)))
DEBS_RESULT := $(shell mkdir -p $(B) && { apt-get update -q && \
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  $(DEBS_MISSING); } > $(B)/apt.log 2>&1 && echo ok)
ifneq ($(DEBS_RESULT),ok)
$(error deps: apt-get failed; its output is in $(B)/apt.log)
endif
$(info deps: installed $(DEBS_MISSING))
else
$(error deps: missing Debian packages $(DEBS_MISSING); as root, run:  apt-get install $(DEBS_MISSING))
endif
endif

# ---------------------------------------------------------------- tangling
# Every root chunk of every chapter becomes the file it names.  .c files get
# #line directives (notangle -L) so that compiler errors and gdb point at the
# .nw line; the worked examples, examples/*.c, get none, since they are
# installed for students who have no chapters/.  cpif rewrites a file only when its text changes, so a tangle that
# changes nothing rebuilds nothing.  Files that no chunk produces any more are
# removed; mdl/mdl.h, the umbrella header, includes every module header in
# chapter order.
define tangle-script
mkdir -p $(B); \
$(file >$(B)/reindent.awk,$(reindent-awk)) \
$(file >$(B)/extern-c.awk,$(extern-c-awk)) \
declare -A seen=(); headers=(); \
for nw in $(CHAPTERS); do \
  while IFS= read -r root; do \
    root=$${root#<<}; root=$${root%>>}; \
    case "$$root" in \
      tangled/include/mdl/*.h) flags=H ;; \
      tests/*.h|tests/exercises/*.c|tests/exercises/wrong/*.c|examples/*.c) flags= ;; \
      tangled/src/*.c|tests/*.c|figures/fig-*.c) flags=-L ;; \
      *) echo "tangle: $$nw: chunk <<$$root>> is defined but never used" >&2; exit 1 ;; \
    esac; \
    if [ -n "$${seen[$$root]:-}" ]; then \
      echo "tangle: <<$$root>> is defined in $${seen[$$root]} and in $$nw" >&2; exit 1; \
    fi; \
    seen[$$root]=$$nw; \
    case "$$root" in tangled/include/mdl/*.h) headers+=("$${root#tangled/include/}") ;; esac; \
    mkdir -p "$$(dirname "$$root")"; \
    if [ "$$flags" = H ]; then \
      notangle -R"$$root" "$$nw" | awk -f $(B)/extern-c.awk | cpif "$$root"; \
    elif [ -n "$$flags" ]; then \
      notangle -L -R"$$root" "$$nw" | awk -f $(B)/reindent.awk "$$nw" - | cpif "$$root"; \
    else notangle -R"$$root" "$$nw" | cpif "$$root"; fi; \
    chmod 644 "$$root"; \
  done < <(noroots "$$nw"); \
done; \
mkdir -p tangled/include/mdl; \
seen[tangled/include/mdl/mdl.h]=Makefile; \
{ echo '/* mdl/mdl.h: every module of libmdl.  Written by make tangle. */'; \
  echo '#ifndef MDL_MDL_H'; echo '#define MDL_MDL_H'; \
  echo '#define MDL_VERSION "$(VERSION)"'; \
  for h in $${headers[@]+"$${headers[@]}"}; do echo "#include <$$h>"; done; \
  echo '#endif'; } | cpif tangled/include/mdl/mdl.h; \
chmod 644 tangled/include/mdl/mdl.h; \
while IFS= read -r f; do \
  if [ -z "$${seen[$$f]:-}" ]; then rm -f "$$f"; echo "tangle: removed $$f (no chunk writes it)"; fi; \
done < <(find tangled tests figures examples -type f \( -name '*.c' -o -name '*.h' \) 2>/dev/null | sort)
endef

# A header of the library is C, and a C++ program that includes it must see
# its functions with C linkage.  The tangle, not the chapters, wraps every
# module header in extern "C" after its last #include (GSL's headers and the
# C library's do their own wrapping, and <math.h> must not be wrapped under
# C++) and before its final #endif; a header that already mentions
# __cplusplus is left as it is.
define extern-c-awk
{ line[NR] = $$0 }
/^#include/ { last_include = NR }
/^#define MDL_[A-Z0-9_]*_H[ \t]*$$/ && !guard { guard = NR }
/^#endif/ { last_endif = NR }
/__cplusplus/ { has_cxx = 1 }
END {
  open = last_include ? last_include : guard
  for (i = 1; i <= NR; i++) {
    if (!has_cxx && i == last_endif && open) print "#ifdef __cplusplus\n}\n#endif"
    print line[i]
    if (!has_cxx && i == open && last_endif) print "#ifdef __cplusplus\nextern \"C\" {\n#endif"
  }
}
endef

# notangle -L drops the indentation of every included chunk, so the tangled
# C would read flat.  This filter puts it back.  It reads the chapter first:
# a line after a chunk header <<name>>= starts a piece of that chunk, and a
# #line directive naming such a line enters the chunk (or continues it, when
# the chunk is already the innermost one).  On entering, notangle has just
# printed the text before the reference, its indentation, on a line of its
# own; every other #line returns to the enclosing chunk.  The filter changes
# whitespace only.
define reindent-awk
FNR == NR {
  if ($$0 ~ /^<<.*>>=[ \t]*$$/) {
    name = $$0
    sub(/^<</, "", name)
    sub(/>>=[ \t]*$$/, "", name)
    first[FNR + 1] = name
  }
  next
}
/^#line [0-9]+ "/ {
  split($$0, f, " ")
  n = f[2] + 0
  if (n in first) {
    if (depth > 0 && stack[depth] == first[n]) {
      if (pending) { print ""; pending = 0 }
    } else {
      ws = pending ? held : ""
      pending = 0
      depth++
      stack[depth] = first[n]
      indent[depth] = (depth > 1 ? indent[depth - 1] : "") ws
    }
  } else {
    if (pending) { print ""; pending = 0 }
    if (depth > 1) depth--
  }
  print
  next
}
/^[ \t]*$$/ {
  if (pending) print ""
  pending = 1
  held = $$0
  next
}
{
  if (pending) { print ""; pending = 0 }
  print (depth > 0 ? indent[depth] : "") $$0
}
END { if (pending) print "" }
endef

# The stamp is included, so make re-reads this file after a fresh tangle and
# the wildcards below see every file the chapters produce.
ifeq ($(filter clean uninstall help,$(MAKECMDGOALS)),)
include $(B)/tangle.mk
endif

$(B)/tangle.mk: $(CHAPTERS) Makefile
	$(Q)mkdir -p $(@D)
	@echo "tangle $(CHAPTERS)"
	$(Q)$(tangle-script)
	$(Q)echo "# tangled from: $(CHAPTERS)" > $@

.PHONY: tangle
tangle:
	$(Q)$(tangle-script)
	@echo "tangle: tangled/, tests/ and figures/ are up to date with chapters/"

LIB_HDRS := $(sort $(wildcard tangled/include/mdl/*.h))
LIB_SRCS := $(sort $(wildcard tangled/src/*.c))
TEST_SRCS := $(sort $(wildcard tests/test-*.c))
AUDIT_SRC := tests/claims-audit.c
SUPPORT_SRCS := $(filter-out $(TEST_SRCS) $(AUDIT_SRC),$(sort $(wildcard tests/*.c)))
FIG_SRCS := $(sort $(wildcard figures/fig-*.c))

LIB_OBJS := $(LIB_SRCS:tangled/src/%.c=$(B)/obj/lib/%.o)
SUPPORT_OBJS := $(SUPPORT_SRCS:tests/%.c=$(B)/obj/tests/%.o)
TEST_BINS := $(TEST_SRCS:tests/%.c=$(B)/tests/%)
AUDIT := $(B)/tools/claims-audit
FIG_BINS := $(FIG_SRCS:figures/%.c=$(B)/figures/bin/%)
FIG_STAMPS := $(FIG_SRCS:figures/%.c=$(B)/figures/%.done)
RESULTS := $(TEST_SRCS:tests/%.c=$(B)/results/%.tsv)
STATUSES := $(RESULTS:.tsv=.status)

# ---------------------------------------------------------------- BLAS
# OpenBLAS's CBLAS when it links, else GSL's reference CBLAS; BLAS=openblas
# or BLAS=gslcblas chooses.  Nothing in the code changes; only the link line
# does.
-include $(B)/config.mk
$(B)/config.mk:
	$(Q)mkdir -p $(@D)
ifeq ($(BLAS),gslcblas)
	$(Q){ echo 'BLAS_LIBS := -lgslcblas'; echo 'BLAS_NAME := GSL reference CBLAS'; } > $@
	@echo "blas: BLAS=gslcblas; linking GSL's reference CBLAS (-lgslcblas)"
else ifeq ($(BLAS),openblas)
	$(Q){ echo 'BLAS_LIBS := -lopenblas'; echo 'BLAS_NAME := OpenBLAS'; } > $@
	@echo "blas: BLAS=openblas; linking OpenBLAS's CBLAS (-lopenblas)"
else ifneq ($(BLAS),)
	$(error BLAS=$(BLAS): say BLAS=openblas or BLAS=gslcblas, or leave it out to probe)
else
	$(Q)printf '#include <gsl/gsl_cblas.h>\nint main(void){double x=2;return cblas_ddot(1,&x,1,&x,1)!=4;}\n' > $(B)/blas-probe.c
	$(Q)if $(CC) $(B)/blas-probe.c -o $(B)/blas-probe -lopenblas 2>/dev/null && $(B)/blas-probe; then \
	  { echo 'BLAS_LIBS := -lopenblas'; echo 'BLAS_NAME := OpenBLAS'; } > $@; \
	  echo "blas: OpenBLAS found; linking its CBLAS (-lopenblas)"; \
	else \
	  { echo 'BLAS_LIBS := -lgslcblas'; echo 'BLAS_NAME := GSL reference CBLAS'; } > $@; \
	  echo "blas: OpenBLAS not found; linking GSL's reference CBLAS (-lgslcblas)"; \
	fi
	$(Q)rm -f $(B)/blas-probe $(B)/blas-probe.c
endif

# The optimizer splits long vectors over POSIX threads.
LIBS := -lgsl $(BLAS_LIBS) -lm -pthread
# The tests compute their higher-precision references with MPFR; the library
# never uses it.
TEST_LIBS := -lmpfr -lgmp

# ---------------------------------------------------------------- library
.PHONY: lib
lib: $(B)/libmdl.a $(B)/libmdl.so

$(B)/obj/lib/%.o: tangled/src/%.c $(B)/config.mk
	@mkdir -p $(@D)
	@echo "cc $<"
	$(Q)$(CC) $(LIB_CFLAGS) -MMD -MP -c $< -o $@

$(B)/libmdl.a: $(LIB_OBJS)
	@echo "ar $@"
	$(Q)rm -f $@; ar rcs $@ $^

$(B)/libmdl.so: $(LIB_OBJS)
	@echo "ld $@ (BLAS: $(BLAS_NAME), $(BLAS_LIBS))"
	$(Q)$(CC) -shared -Wl,-soname,libmdl.so.$(firstword $(subst ., ,$(VERSION))) $(LD_SAN) -o $@ $^ $(LIBS)

# ---------------------------------------------------------------- tests
$(B)/obj/tests/%.o: tests/%.c $(B)/config.mk
	@mkdir -p $(@D)
	@echo "cc $<"
	$(Q)$(CC) $(PROG_CFLAGS) -MMD -MP -c $< -o $@

$(B)/tests/%: $(B)/obj/tests/%.o $(SUPPORT_OBJS) $(B)/libmdl.a
	@mkdir -p $(@D)
	$(Q)$(CC) $(LD_SAN) -o $@ $< $(SUPPORT_OBJS) $(B)/libmdl.a -lcmocka $(TEST_LIBS) $(LIBS)

$(AUDIT): $(B)/obj/tests/claims-audit.o
	@mkdir -p $(@D)
	$(Q)$(CC) $(LD_SAN) -o $@ $< $(LIBS)

# The seed is part of a result: a run with another MDL_SEED is another run.
$(B)/seed.stamp: FORCE
	@mkdir -p $(@D)
	$(Q)[ -f $@ ] && [ "$$(cat $@)" = "seed=$(MDL_SEED)" ] || echo "seed=$(MDL_SEED)" > $@

# Run one test program.  Its claims go to results/NAME.tsv, its output to
# results/NAME.log and its exit status to results/NAME.status; a failing
# program does not stop the others, the audit reports it.  A passing result
# is kept until the program, the library or the seed changes (make recheck
# forgets); a failing one is never reused: its file is dated 1970, older than
# the program, so the next make check runs the program again.  The line this
# rule prints is kept in results/NAME.line for make readme-check.
$(B)/results/%.tsv: $(B)/tests/% $(B)/seed.stamp
	@mkdir -p $(@D)
	$(Q)rm -f $@.part; start=$$(date +%s%N); status=0; \
	MDL_CLAIMS_FILE=$@.part MDL_SEED='$(MDL_SEED)' OPENBLAS_NUM_THREADS=1 $(RUNENV) \
	  timeout -k 10 $(TIMEOUT) $(RUNNER) $< > $(B)/results/$*.log 2>&1 || status=$$?; \
	end=$$(date +%s%N); touch $@.part; \
	if [ $$status = 124 ] || [ $$status = 137 ]; then \
	  echo "TIMEOUT: $< ran out of time (more than $(TIMEOUT) s; make check TIMEOUT=s sets the limit)" \
	    >> $(B)/results/$*.log; fi; \
	echo "$* $$status" > $(B)/results/$*.status; \
	checks=$$(wc -l < $@.part); failed=$$(awk -F'\t' '$$9=="fail"' $@.part | wc -l); \
	tests=$$(grep -c '^\[ RUN      \]' $(B)/results/$*.log || true); \
	printf 'test %-16s %3d tests %5d checks %3d failed %6.2f s%s\n' "$*" "$$tests" "$$checks" "$$failed" \
	  "$$(( (end - start) / 1000000 ))e-3" "$$( [ $$status = 0 ] || echo "  EXIT STATUS $$status" )" \
	  | tee $(B)/results/$*.line; \
	if [ $$status != 0 ] || [ $$failed != 0 ]; then \
	  echo "---- $(B)/results/$*.log (failures) ----"; \
	  grep -v -e '^\[ RUN      \]' -e '^\[       OK \]' $(B)/results/$*.log | tail -n 60; \
	  echo "----"; \
	  echo "test $*: failed; this result is not kept, the next make check runs $* again"; \
	fi; \
	mv $@.part $@; \
	if [ $$status != 0 ] || [ $$failed != 0 ]; then touch -d @0 $@; fi

CLAIMS_HEADER := id\ttest\tkind\tmeasured\treference\ttolerance\tsamples\tseed\tstatus\tnote\trelation

# Rewritten (cpif: only when its text changes) at every make, because a
# failing result is dated 1970 and would not make claims.tsv out of date.
$(B)/claims.tsv: $(RESULTS) FORCE
	$(Q){ printf '$(CLAIMS_HEADER)\n'; cat /dev/null $(RESULTS); } | cpif $@

.PHONY: check recheck
check: $(B)/claims.tsv $(AUDIT)
	$(Q)$(AUDIT) $(addprefix --status ,$(STATUSES)) $(addprefix --header ,$(LIB_HDRS)) $(B)/claims.tsv $(CHAPTERS) \
	  | tee $(B)/audit.txt

# The README shows what make check prints.  make readme-check compares its
# block (after the line <!-- make check output -->) with the last make check
# of this configuration: the lines of the test programs (all but their
# times) and the audit's last lines must be the same; CI runs it after make
# check, so the README cannot go stale.  make readme-update rewrites the
# block from the last make check.
README_LINES = { cat $(sort $(wildcard $(B)/results/*.line)) /dev/null; \
  grep -e '^audit:' -e '^claims:' $(B)/audit.txt; }
README_BLOCK = awk '/^<!-- make check output -->$$/ {f = 1; next} \
  f && /^```$$/ {if (p) exit; p = 1; next} p && /^(test |audit:|claims:)/' README.md

.PHONY: readme-check readme-update
readme-check:
	$(Q)test -s $(B)/audit.txt || { echo "readme-check: run make check first"; exit 1; }
	$(Q)if ! diff -u <($(README_BLOCK) | sed -E 's/ +[0-9.]+ s$$//') \
	                 <($(README_LINES) | sed -E 's/ +[0-9.]+ s$$//') > $(B)/readme.diff; then \
	  cat $(B)/readme.diff; \
	  echo "readme-check: README.md's make check output (-) differs from the last make check (+); make readme-update rewrites it"; \
	  exit 1; fi
	@echo "readme-check: README.md shows what make check prints"

readme-update:
	$(Q)test -s $(B)/audit.txt || { echo "readme-update: run make check first"; exit 1; }
	$(Q)$(README_LINES) > $(B)/readme.lines
	$(Q)awk -v lines=$(B)/readme.lines '/^<!-- make check output -->$$/ {f = 1} \
	  f && /^```$$/ {n++} \
	  f && n == 1 && /^(test |audit:|claims:)/ {if (!done) while ((getline l < lines) > 0) print l; done = 1; next} \
	  {print}' README.md > $(B)/README.new
	$(Q)mv $(B)/README.new README.md
	@echo "readme-update: README.md's make check output rewritten from $(B)/results and $(B)/audit.txt"

recheck:
	$(Q)rm -rf $(B)/results
	$(Q)$(MAKE) --no-print-directory check

# ---------------------------------------------------------------- bench
# make bench [ROUNDS=5] [ROWS='mlp-* kl']: libmdl against PyTorch (float64),
# POT, SciPy and NumPy, side by side, interleaved (bench/run.sh).  Installs
# Debian's python3-torch, python3-pot and python3-scipy when missing (as root
# with apt-get; never in make check); without them it times libmdl alone.
# Not part of make check and not a pass/fail check: it prints times.
BENCH_DEBS := python3-torch python3-pot python3-scipy python3-numpy
ROUNDS ?= 5
ROWS ?=
.PHONY: bench
bench: $(B)/bench/bench-mdl
	$(Q)missing=$$(for p in $(BENCH_DEBS); do dpkg-query -W -f='$${db:Status-Status}\n' $$p 2>/dev/null \
	  | grep -qx installed || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "bench: installing $$missing"; \
	    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	      --no-install-recommends $$missing; } > $(B)/bench/apt.log 2>&1 \
	      || echo "bench: apt-get failed (see $(B)/bench/apt.log); timing libmdl alone"; \
	  else echo "bench: missing $$missing (apt-get install $$missing); timing libmdl alone"; fi; \
	fi
	$(Q)CC='$(CC)' bench/run.sh $(B)/bench/bench-mdl bench/ref.py $(ROUNDS) $(ROWS)

$(B)/bench/bench-mdl: bench/bench.c $(B)/libmdl.a
	@mkdir -p $(@D)
	@echo "cc $<"
	$(Q)$(CC) $(PROG_CFLAGS) -o $@ $< $(B)/libmdl.a $(LIBS)

# ---------------------------------------------------------------- exercises
# make grade EX=id [FILE=yours.c]: grade an implement exercise.  Its chapter
# names, in one line \grader{id}{functions}{test program}{tests}, the library
# functions the exercise asks for and the cmocka tests that check them.  The
# student's file is compiled and linked in front of a copy of libmdl.a whose
# definitions of those functions are made weak (objcopy), so the student's
# definitions replace the book's, and the named tests of the chapter's own
# test program run against them: the same checks that verify the book.
# Without FILE the book's own implementation is graded.  make exercises
# grades, for every exercise, the book's implementation (must pass), the
# empty template and the committed wrong solution (both must fail).
EX ?=
FILE ?=
GRADER_LINES = $(shell grep -ho '\\grader{[^}]*}{[^}]*}{[^}]*}{[^}]*}' $(CHAPTERS) 2>/dev/null | tr ' ' '~')
EXERCISES = $(foreach l,$(GRADER_LINES),$(word 2,$(subst {, ,$(subst }, ,$(l)))))
TEST_OBJS := $(TEST_SRCS:tests/%.c=$(B)/obj/tests/%.o)
GRADE_CFLAGS = $(filter-out -Werror,$(PROG_CFLAGS))

define grade-script
ex="$(1)"; file="$(2)"; \
spec=$$(grep -ho "\\\\grader{$$ex}{[^}]*}{[^}]*}{[^}]*}" $(CHAPTERS) | head -n 1); \
if [ -z "$$spec" ]; then echo "grade: no exercise '$$ex'; the exercises are: $(sort $(EXERCISES))" >&2; exit 2; fi; \
IFS='|' read -r _ funcs prog tests <<< "$$(sed -e 's/^\\grader{//' -e 's/}$$//' -e 's/}{/|/g' <<< "$$spec")"; \
dir=$(B)/grade/$$ex; rm -rf "$$dir"; mkdir -p "$$dir"; \
cp $(B)/libmdl.a "$$dir/libmdl-weak.a"; \
for f in $$funcs; do objcopy --weaken-symbol="$$f" "$$dir/libmdl-weak.a"; done; \
objs=; \
if [ -n "$$file" ]; then \
  [ -f "$$file" ] || { echo "grade: no file $$file" >&2; exit 2; }; \
  if ! $(CC) $(GRADE_CFLAGS) -c "$$file" -o "$$dir/student.o" 2> "$$dir/compile.log"; then \
    cat "$$dir/compile.log"; echo "grade $$ex: $$file does not compile"; exit 1; fi; \
  cat "$$dir/compile.log"; \
  for f in $$funcs; do nm "$$dir/student.o" | grep -q " T $$f$$" \
    || echo "grade $$ex: warning: $$file does not define $$f; the book's own is used"; done; \
  objs="$$dir/student.o"; who="$$file"; \
else who="the book's implementation"; fi; \
$(CC) $(LD_SAN) -o "$$dir/grader" $(B)/obj/tests/$$prog.o $(SUPPORT_OBJS) $$objs "$$dir/libmdl-weak.a" -lcmocka $(TEST_LIBS) $(LIBS); \
echo "grade $$ex: $$who in place of $$funcs; tests $$tests of $$prog"; \
crashed=; \
for t in $$tests; do \
  st=0; MDL_TEST_FILTER="$$t" MDL_CLAIMS_FILE="$$dir/claims.tsv" MDL_SEED='$(MDL_SEED)' OPENBLAS_NUM_THREADS=1 $(RUNENV) \
    timeout 120 "$$dir/grader" >> "$$dir/log" 2>&1 || st=$$?; \
  grep -q "^\[ RUN      \] $$t$$" "$$dir/log" || { echo "grade $$ex: test $$t does not exist in $$prog" >&2; exit 2; }; \
  if [ $$st -ge 124 ]; then crashed="$$crashed $$t(status $$st)"; fi; \
done; \
touch "$$dir/claims.tsv" "$$dir/log"; \
if [ -n "$$crashed" ]; then echo "grade $$ex: crashed or timed out:$$crashed"; fi; \
awk -v ex="$$ex" -v funcs="$$funcs" -f tools/grade-report.awk "$$dir/claims.tsv" "$$dir/log" \
  && [ -z "$$crashed" ]
endef

.PHONY: grade exercises
grade: $(B)/libmdl.a $(SUPPORT_OBJS) $(TEST_OBJS)
	$(Q)[ -n '$(EX)' ] || { echo "grade: say which exercise: make grade EX=id FILE=yours.c; the exercises are: $(sort $(EXERCISES))" >&2; exit 2; }
	$(Q)$(call grade-script,$(EX),$(FILE))

exercises: $(B)/libmdl.a $(SUPPORT_OBJS) $(TEST_OBJS)
	$(Q)n=0; for ex in $(sort $(EXERCISES)); do n=$$((n + 1)); \
	  ( $(call grade-script,$$ex,) ) > $(B)/grade-$$ex-book.out 2>&1 \
	    || { cat $(B)/grade-$$ex-book.out; echo "exercises: the book's own implementation fails the grader of $$ex" >&2; exit 1; }; \
	  for kind in template wrong; do \
	    f=tests/exercises/$$ex.c; [ $$kind = wrong ] && f=tests/exercises/wrong/$$ex.c; \
	    [ -f $$f ] || { echo "exercises: $$ex has no $$f" >&2; exit 1; }; \
	    if ( $(call grade-script,$$ex,$$f) ) > $(B)/grade-$$ex-$$kind.out 2>&1; then \
	      cat $(B)/grade-$$ex-$$kind.out; echo "exercises: the grader of $$ex passes the $$kind $$f" >&2; exit 1; fi; \
	    if grep -q 'does not compile' $(B)/grade-$$ex-$$kind.out; then \
	      cat $(B)/grade-$$ex-$$kind.out; echo "exercises: the $$kind $$f of $$ex does not compile" >&2; exit 1; fi; \
	  done; \
	  echo "exercise $$ex: the book passes; the wrong solution: $$(tail -n 1 $(B)/grade-$$ex-wrong.out | sed 's/^grade [^:]*: //')"; \
	done; echo "exercises: $$n graded; each passes the book's implementation and fails its template and its wrong solution"

# ---------------------------------------------------------------- figures
$(B)/figures/bin/%: figures/%.c $(B)/libmdl.a
	@mkdir -p $(@D)
	@echo "cc $<"
	$(Q)$(CC) $(PROG_CFLAGS) -MMD -MP -o $@ $< $(B)/libmdl.a $(LIBS)

$(B)/figures/%.done: $(B)/figures/bin/%
	@echo "figure $*"
	$(Q)OPENBLAS_NUM_THREADS=1 $(RUNENV) $< $(B)/figures
	$(Q)touch $@

.PHONY: figures
figures: $(FIG_STAMPS)

# ---------------------------------------------------------------- book
# Two editions from the same chapters (see "editions" below for how a chunk
# is chosen): book.pdf, the reader's edition, and book-full.pdf, the complete
# literate program.  Both come from book.pdf.in.
TEXS := $(CHAPTERS:chapters/%.nw=$(B)/tex/%.tex)
TEXS_READER := $(CHAPTERS:chapters/%.nw=$(B)/tex-reader/%.tex)

# Identifiers defined anywhere, so that a use in one chapter links to its
# definition in another.
$(B)/all.defs: $(CHAPTERS) $(B)/tangle.mk
	@mkdir -p $(@D)
	$(Q)for nw in $(CHAPTERS); do nodefs "$$nw"; done | sort -u > $@.new; cpif $@ < $@.new; rm -f $@.new

$(B)/claims.tex $(B)/report.tex $(B)/summary.tex &: $(B)/claims.tsv $(AUDIT) $(CHAPTERS)
	$(Q)$(AUDIT) --quiet --tex $(B)/claims.tex --report $(B)/report.tex --summary $(B)/summary.tex \
	  $(addprefix --status ,$(STATUSES)) $(B)/claims.tsv $(CHAPTERS) || true

GIT_COMMIT = $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)$(shell \
  git diff --quiet HEAD -- 2>/dev/null || echo '+changes')
GIT_DATE = $(shell git log -1 --format=%cd --date=short 2>/dev/null || date +%F)

# book.tex (reader's edition) and book-full.tex: @CHAPTERS@ becomes the
# chapters of the edition, @APPENDICES@ the appendix parts of the chapters
# that have one (full edition only), @EDITION@ the switch \ifmdlfull.
# $(1): output, $(2): full or reader, $(3): directory of the woven chapters.
define book-tex
sed -e 's|@VERSION@|$(VERSION)|g' -e 's|@COMMIT@|$(GIT_COMMIT)|g' \
  -e 's|@DATE@|$(GIT_DATE)|g' -e 's|@BUILD@|$(B)|g' \
  -e 's|@EDITION@|\\mdlfull$(if $(filter full,$(2)),true,false)|' book.pdf.in \
| awk -v chapters="$(CHAPTERS:chapters/%.nw=%)" -v apps="$(if $(filter full,$(2)),$(APPENDIX_CHAPTERS:chapters/%.nw=%))" \
  -v labels="$(APPENDIX_LABELS)" -v dir="$(3)" \
  '/^@CHAPTERS@$$/ { n = split(chapters, c, " "); \
     for (i = 1; i <= n; i++) { \
       print "\\setcounter{chapter}{" substr(c[i], 1, 2) - 1 "}"; \
       print "\\input{" dir "/" c[i] "}" }; next } \
   /^@FULLAPPENDICES@$$/ { n = split(labels, l, " "); \
     for (i = 1; i <= n; i++) print "\\mdldeclarefullappendix{" l[i] "}{" substr("ABCDEFGHIJ", i, 1) "}"; next } \
   /^@APPENDICES@$$/ { n = split(apps, c, " "); \
     for (i = 1; i <= n; i++) print "\\input{" dir "/" c[i] "-appendix}"; next } { print }' \
| cpif $(1)
endef

$(B)/book.tex: book.pdf.in FORCE
	@mkdir -p $(@D)
	$(Q)$(call book-tex,$@,reader,$(B)/tex-reader)

$(B)/book-full.tex: book.pdf.in FORCE
	@mkdir -p $(@D)
	$(Q)$(call book-tex,$@,full,$(B)/tex)

$(B)/buildinfo.tex: $(B)/config.mk FORCE
	@mkdir -p $(@D)
	$(Q){ printf '\\newcommand\\mdlbuildcompiler{\\detokenize{%s}}\n' "$$($(CC) --version | head -n 1)"; \
	  printf '\\newcommand\\mdlbuildgsl{%s}\n' "$$(gsl-config --version 2>/dev/null || echo unknown)"; \
	  if [ '$(BLAS_LIBS)' = -lopenblas ]; then \
	    printf '\\newcommand\\mdlbuildblas{OpenBLAS %s}\n' "$$(dpkg-query -W -f='$${Version}' libopenblas0 2>/dev/null || echo '')"; \
	  else printf '\\newcommand\\mdlbuildblas{GSL reference CBLAS}\n'; fi; \
	  printf '\\newcommand\\mdlbuildcflags{\\detokenize{%s}}\n' "$(strip $(OPTFLAGS) $(WARNFLAGS))"; \
	  printf '\\newcommand\\mdlbuildcpu{\\detokenize{%s}}\n' "$$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | xargs || uname -m)"; \
	  printf '\\newcommand\\mdlbuildsystem{\\detokenize{%s}}\n' "$$(uname -srm)"; \
	  printf '\\newcommand\\mdlbuildseed{%s}\n' "$(if $(MDL_SEED),\\texttt{MDL\\_SEED=$(MDL_SEED)},the fixed seeds of the tests)"; \
	} | cpif $@

BOOK_COMMON := $(B)/claims.tex $(B)/buildinfo.tex $(FIG_STAMPS) references.bib

# Typeset one edition: $(1) is the job name (book or book-full).  The build
# stops on an undefined reference or citation.
define latex-book
mkdir -p $(B)/latex; \
BIBINPUTS=$(CURDIR): TEXINPUTS=$(CURDIR): latexmk -pdf -interaction=nonstopmode -halt-on-error \
  -file-line-error -outdir=$(B)/latex $(B)/$(1).tex > $(B)/latex/$(1).latexmk.out 2>&1 \
  || { grep -A8 -E '^(\./|/|build).*:[0-9]+:|^! ' $(B)/latex/$(1).log | head -n 60; \
       echo "book: latexmk failed; see $(B)/latex/$(1).log" >&2; exit 1; }; \
if grep -E "undefined|multiply defined|Label\(s\) may have changed" $(B)/latex/$(1).log \
    | grep -v -e '^Package: ' > $(B)/latex/$(1).problems.txt; then \
  cat $(B)/latex/$(1).problems.txt; echo "book: unresolved references or citations in $(1)" >&2; exit 1; fi; \
cp $(B)/latex/$(1).pdf $(1).pdf; \
echo "book: $(1).pdf ($$(grep -o '([0-9]* pages' $(B)/latex/$(1).log | tr -d '(' | tail -n 1))"
endef

# When the full edition has been built, the reader's edition gives its page
# numbers in the lines that stand for the chunks it leaves out (xr-hyper reads
# $(B)/latex/book-full.aux), so it is typeset again after the full edition.
book.pdf: $(B)/book.tex $(TEXS_READER) $(B)/summary.tex $(BOOK_COMMON) $(wildcard book-full.pdf)
	@echo "latexmk $(B)/book.tex (the reader's edition)"
	$(Q)$(call latex-book,book)

book-full.pdf: $(B)/book-full.tex $(TEXS) $(APPENDIX_TEXS) $(B)/report.tex $(BOOK_COMMON)
	@echo "latexmk $(B)/book-full.tex (the full edition)"
	$(Q)$(call latex-book,book-full)

.PHONY: book book-full
book: book.pdf
book-full: book-full.pdf

.PHONY: all
all: check figures book.pdf

# ---------------------------------------------------------------- editions
# Both editions weave the same noweb markup (markup | finduses | noidx, as
# noweave -n -indexfrom does), so a chunk has the same label in both.
# tools/edition.awk then selects: with mode=full it passes every chunk and
# sends the part of a chapter after \mdlappendixpart to an appendix of the
# full edition; with mode=reader it keeps the prose, the interfaces, the
# exercise templates and the library chunks after \showcode, and replaces
# each run of other chunks by one line that points into the full edition.
NOWEB_LIB := $(or $(shell sed -n 's/^LIB=//p' "$$(command -v noweave 2>/dev/null)" 2>/dev/null),/usr/lib/noweb)
APPENDIX_CHAPTERS := $(shell grep -l '^\\mdlappendixpart' $(CHAPTERS) 2>/dev/null)
APPENDIX_TEXS := $(APPENDIX_CHAPTERS:chapters/%.nw=$(B)/tex/%-appendix.tex)
APPENDIX_LABELS := $(if $(APPENDIX_CHAPTERS),$(shell sed -n 's/^\\mdlappendixpart{.*}{\(.*\)}.*/\1/p' $(APPENDIX_CHAPTERS)))

$(B)/markup/%.nwm: chapters/%.nw $(B)/all.defs
	@mkdir -p $(@D)
	@echo "weave $<"
	$(Q)$(NOWEB_LIB)/markup $< | $(NOWEB_LIB)/finduses $(B)/all.defs | $(NOWEB_LIB)/noidx > $@

$(B)/tex/%.tex $(B)/tex/%-appendix.tex: $(B)/markup/%.nwm tools/edition.awk
	@mkdir -p $(@D)
	$(Q)rm -f $(B)/tex/$*-appendix.nwm; \
	awk -v mode=full -v app=$(B)/tex/$*-appendix.nwm -f tools/edition.awk $< | $(NOWEB_LIB)/totex > $(B)/tex/$*.tex; \
	if [ -f $(B)/tex/$*-appendix.nwm ]; then $(NOWEB_LIB)/totex < $(B)/tex/$*-appendix.nwm > $(B)/tex/$*-appendix.tex; \
	else : > $(B)/tex/$*-appendix.tex; fi

$(B)/tex-reader/%.tex: $(B)/markup/%.nwm tools/edition.awk
	@mkdir -p $(@D)
	$(Q)awk -v mode=reader -f tools/edition.awk $< | $(NOWEB_LIB)/totex > $@

# ---------------------------------------------------------------- install
PREFIX_ABS = $(abspath $(PREFIX))
SOMAJOR := $(firstword $(subst ., ,$(VERSION)))

# An error message of the library names its place as chapters/NN-name.nw:LINE
# (the tangle's #line): the chapters are installed in PREFIX/share/doc/mdl,
# so that an installed user can open that line, with book.pdf and
# book-full.pdf when they have been built.
INSTALL_BOOKS = $(wildcard book.pdf book-full.pdf)

.PHONY: install uninstall installcheck
install: $(B)/libmdl.a $(B)/libmdl.so
	$(Q)install -d $(DESTDIR)$(PREFIX_ABS)/include/mdl $(DESTDIR)$(PREFIX_ABS)/lib/pkgconfig \
	  $(DESTDIR)$(PREFIX_ABS)/share/mdl/examples
	$(Q)install -m 644 $(LIB_HDRS) $(DESTDIR)$(PREFIX_ABS)/include/mdl/
	$(Q)install -m 644 $(EXAMPLES) $(DESTDIR)$(PREFIX_ABS)/share/mdl/examples/
	$(Q)install -d $(DESTDIR)$(PREFIX_ABS)/share/doc/mdl/chapters
	$(Q)install -m 644 $(CHAPTERS) $(DESTDIR)$(PREFIX_ABS)/share/doc/mdl/chapters/
	$(Q)$(if $(INSTALL_BOOKS),install -m 644 $(INSTALL_BOOKS) $(DESTDIR)$(PREFIX_ABS)/share/doc/mdl/)
	$(Q)install -m 644 $(B)/libmdl.a $(DESTDIR)$(PREFIX_ABS)/lib/libmdl.a
	$(Q)install -m 755 $(B)/libmdl.so $(DESTDIR)$(PREFIX_ABS)/lib/libmdl.so.$(VERSION)
	$(Q)ln -sf libmdl.so.$(VERSION) $(DESTDIR)$(PREFIX_ABS)/lib/libmdl.so.$(SOMAJOR)
	$(Q)ln -sf libmdl.so.$(SOMAJOR) $(DESTDIR)$(PREFIX_ABS)/lib/libmdl.so
	$(Q)printf '%s\n' 'prefix=$(PREFIX_ABS)' 'includedir=$${prefix}/include' 'libdir=$${prefix}/lib' '' \
	  'Name: mdl' 'Description: Mathematics of Deep Learning, checked: the library of the book' \
	  'Version: $(VERSION)' 'Cflags: -I$${includedir}' \
	  'Libs: -L$${libdir} -lmdl -lgsl $(BLAS_LIBS) -lm -pthread' > $(DESTDIR)$(PREFIX_ABS)/lib/pkgconfig/mdl.pc
	$(Q)if [ -z '$(DESTDIR)' ] && [ "$$(id -u)" = 0 ] && command -v ldconfig >/dev/null; then ldconfig; fi
	@echo "install: headers in $(PREFIX_ABS)/include/mdl, libmdl.a and libmdl.so in $(PREFIX_ABS)/lib, mdl.pc in $(PREFIX_ABS)/lib/pkgconfig, examples in $(PREFIX_ABS)/share/mdl/examples, the chapters$(if $(INSTALL_BOOKS), and $(INSTALL_BOOKS)) in $(PREFIX_ABS)/share/doc/mdl"

uninstall:
	$(Q)rm -f $(addprefix $(DESTDIR)$(PREFIX_ABS)/include/mdl/,$(notdir $(LIB_HDRS)))
	$(Q)rm -f $(DESTDIR)$(PREFIX_ABS)/lib/libmdl.a $(DESTDIR)$(PREFIX_ABS)/lib/libmdl.so \
	  $(DESTDIR)$(PREFIX_ABS)/lib/libmdl.so.$(SOMAJOR) $(DESTDIR)$(PREFIX_ABS)/lib/libmdl.so.$(VERSION) \
	  $(DESTDIR)$(PREFIX_ABS)/lib/pkgconfig/mdl.pc
	$(Q)rm -f $(addprefix $(DESTDIR)$(PREFIX_ABS)/share/mdl/examples/,$(notdir $(EXAMPLES)))
	$(Q)rm -f $(addprefix $(DESTDIR)$(PREFIX_ABS)/share/doc/mdl/chapters/,$(notdir $(CHAPTERS))) \
	  $(DESTDIR)$(PREFIX_ABS)/share/doc/mdl/book.pdf $(DESTDIR)$(PREFIX_ABS)/share/doc/mdl/book-full.pdf
	$(Q)rmdir $(DESTDIR)$(PREFIX_ABS)/include/mdl $(DESTDIR)$(PREFIX_ABS)/share/mdl/examples \
	  $(DESTDIR)$(PREFIX_ABS)/share/mdl $(DESTDIR)$(PREFIX_ABS)/share/doc/mdl/chapters \
	  $(DESTDIR)$(PREFIX_ABS)/share/doc/mdl 2>/dev/null || true
	@echo "uninstall: removed libmdl from $(PREFIX_ABS)"

# Install into a scratch prefix, then compile and run the README's example the
# way a student would, against the shared and against the static library; its
# output must be what the README says it prints.
IC := $(CURDIR)/$(B)/installcheck

# The worked examples (chapters 2, 5 and 7, roots examples/NAME.c), installed
# in PREFIX/share/mdl/examples.  installcheck compiles each against the
# installed library with the README's pkg-config line and runs it: it must
# exit with status 0 (each checks its own results and exits with 1 when one
# fails) and its last line must be the one below (NAME:line, spaces as _).
EXAMPLES := $(sort $(wildcard examples/*.c))
EXAMPLE_LINES := moons:the_reloaded_network_predicts_the_same \
  w1:the_dual_certifies_W1_and_the_critic_stays_below_it \
  perceptron:the_perceptron_makes_no_more_mistakes_than_Novikoff_allows
EXAMPLE_NAMES := $(foreach e,$(EXAMPLE_LINES),$(word 1,$(subst :, ,$(e))))
# $(1): the example's name, $(2): the line it must end with.
define run-example
{ cc -std=c11 -Wall -Wextra -Werror $(IC)/prefix/share/mdl/examples/$(1).c \
    $$(pkg-config --cflags --libs mdl) -o $(1) \
  && { LD_LIBRARY_PATH=$(IC)/prefix/lib ./$(1) > $(1).txt \
       || { s=$$?; cat $(1).txt; echo "installcheck: example $(1).c exits with status $$s" >&2; exit 1; }; } \
  && { tail -n 1 $(1).txt | grep -qxF '$(2)' \
       || { cat $(1).txt; echo "installcheck: example $(1).c does not end with: $(2)" >&2; exit 1; }; } \
  && sed 's/^/example $(1).c: /' $(1).txt; }
endef

# A C++ translation unit that includes the umbrella header and calls
# functions and reads objects of four modules: it links only if every
# header gives its declarations C linkage.
define cxx-example
#include <cstdio>
#include <mdl/mdl.h>

int main()
{
  gsl_vector *p = gsl_vector_alloc(2), *q = gsl_vector_alloc(2);
  gsl_vector_set(p, 0, 0.5);
  gsl_vector_set(p, 1, 0.5);
  gsl_vector_set(q, 0, 0.25);
  gsl_vector_set(q, 1, 0.75);
  size_t widths[] = {2, 3, 1};
  mdl_net_activation acts[] = {MDL_NET_RELU, MDL_NET_IDENTITY};
  mdl_net *net = mdl_net_alloc(2, widths, acts);
  if (net == NULL)
    return 1;
  std::printf("mdl %s: tv %.2f, %zu parameters, %s, h* %.1e\n", MDL_VERSION,
              mdl_tv(p, q), mdl_net_nparams(net), mdl_optim_name(mdl_optim_adam),
              mdl_numcheck_step());
  mdl_net_free(net);
  gsl_vector_free(p);
  gsl_vector_free(q);
  return 0;
}
endef
CXX_EXPECTED := mdl $(VERSION): tv 0.25, 13 parameters, adam, h* 8.7e-06

# An error of the installed library names chapters/NN-name.nw:LINE; that
# file must be installed (PREFIX/share/doc/mdl) and hold the function there.
define error-example
#include <stdio.h>
#include <mdl/mdl.h>

static void where(const char *reason, const char *file, int line, int err)
{
  printf("%s %d %s %s\n", file, line, err == GSL_EBADLEN ? "GSL_EBADLEN" : "other", reason);
}

int main(void)
{
  gsl_vector *p = gsl_vector_calloc(2), *q = gsl_vector_calloc(3);
  gsl_set_error_handler(where);
  mdl_tv(p, q);
  gsl_vector_free(p);
  gsl_vector_free(q);
  return 0;
}
endef

installcheck:
	$(Q)rm -rf $(IC); mkdir -p $(IC)
	$(Q)$(MAKE) --no-print-directory install PREFIX=$(IC)/prefix
	$(Q)awk '/^<!-- example: assignment.c -->$$/ {f = 1; next} f && /^```c$$/ {p = 1; next} \
	     p && /^```$$/ {exit} p' README.md > $(IC)/assignment.c
	$(Q)awk '/^<!-- example output -->$$/ {f = 1; next} f && /^```$$/ {if (p) exit; p = 1; next} p' \
	     README.md > $(IC)/expected.txt
	$(Q)test -s $(IC)/assignment.c && test -s $(IC)/expected.txt
	$(Q)cd $(IC) && export PKG_CONFIG_PATH=$(IC)/prefix/lib/pkgconfig && \
	  cc -std=c11 -Wall -Wextra -Werror assignment.c $$(pkg-config --cflags --libs mdl) -o shared && \
	  cc -std=c11 -Wall -Wextra -Werror assignment.c $$(pkg-config --cflags mdl) \
	     $(IC)/prefix/lib/libmdl.a $$(pkg-config --libs mdl | sed 's/-lmdl//') -o static && \
	  LD_LIBRARY_PATH=$(IC)/prefix/lib ./shared > shared.txt && ./static > static.txt && \
	  diff -u expected.txt shared.txt && diff -u expected.txt static.txt
	$(file >$(B)/installcheck-example.cc,$(cxx-example))
	$(Q)cp $(B)/installcheck-example.cc $(IC)/example.cc
	$(Q)cd $(IC) && export PKG_CONFIG_PATH=$(IC)/prefix/lib/pkgconfig && \
	  g++ -std=c++11 -Wall -Wextra -Werror example.cc $$(pkg-config --cflags --libs mdl) -o cxx && \
	  LD_LIBRARY_PATH=$(IC)/prefix/lib ./cxx > cxx.txt && \
	  echo '$(CXX_EXPECTED)' | diff -u - cxx.txt
	$(file >$(B)/installcheck-error.c,$(error-example))
	$(Q)cp $(B)/installcheck-error.c $(IC)/error.c
	$(Q)cd $(IC) && export PKG_CONFIG_PATH=$(IC)/prefix/lib/pkgconfig && \
	  cc -std=c11 -Wall -Wextra -Werror error.c $$(pkg-config --cflags --libs mdl) -o error && \
	  LD_LIBRARY_PATH=$(IC)/prefix/lib ./error > error.txt && \
	  read -r file line err reason < error.txt && \
	  case $$file in chapters/*.nw) ;; *) echo "installcheck: an error names $$file, not a chapter" >&2; exit 1 ;; esac && \
	  { test "$$err" = GSL_EBADLEN || { echo "installcheck: mdl_tv(2, 3) reports error $$err: $$reason" >&2; exit 1; }; } && \
	  { sed -n "$$((line - 3)),$${line}p" prefix/share/doc/mdl/$$file | grep -q mdl_tv \
	    || { echo "installcheck: line $$line of the installed $$file is not in mdl_tv" >&2; exit 1; }; }
	$(Q)$(if $(filter-out $(EXAMPLE_NAMES),$(notdir $(EXAMPLES:.c=))),echo "installcheck: \
	  no expected line for $(filter-out $(EXAMPLE_NAMES),$(notdir $(EXAMPLES:.c=))) in EXAMPLE_LINES" >&2; exit 1)
	$(Q)mkdir -p $(IC)/examples; cd $(IC)/examples && export PKG_CONFIG_PATH=$(IC)/prefix/lib/pkgconfig && \
	  $(foreach e,$(EXAMPLE_LINES),$(call run-example,$(word 1,$(subst :, ,$(e))),$(subst _, ,$(word 2,$(subst :, ,$(e))))) &&) true
	$(Q)$(MAKE) --no-print-directory uninstall PREFIX=$(IC)/prefix
	$(Q)test -z "$$(find $(IC)/prefix -type f)"
	@echo "installcheck: the README example builds against the installed libmdl (shared and static) and prints what the README says; a C++ program including <mdl/mdl.h> links and runs; an error names an installed chapter's line; the $(words $(EXAMPLES)) installed examples build, exit with status 0 and print their last line"

# ---------------------------------------------------------------- mutation
# Do the checks see a wrong library?  .ci/mutate copies the tree to a
# temporary directory, applies one small change at a time to tangled/src/*.c
# and reports the mutants that no test program notices (see .ci/mutate -h).
# MAX=n samples n mutants per module, 40 unless given (MAX=0: all of them,
# about 4000, hours); SEED=s picks the sample.  A mutant takes 3 to 10 s of
# one core, a surviving one the longest.
.PHONY: mutate
mutate:
	$(Q).ci/mutate $(addprefix --module ,$(MODULE)) --max $(or $(MAX),40) \
	  $(if $(SEED),--seed $(SEED))

# ---------------------------------------------------------------- misc
.PHONY: clean help FORCE
FORCE:

clean:
	rm -rf build book.pdf book-full.pdf

help:
	@sed -n '3,21p' Makefile

-include $(wildcard $(B)/obj/*/*.d $(B)/figures/bin/*.d)
