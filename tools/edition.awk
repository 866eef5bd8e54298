# tools/edition.awk: the noweb filter that makes the two editions of the book.
#
# It reads one chapter's noweb markup after finduses and noidx (so every
# chunk keeps the label it has in the full edition) and writes markup for
# totex.  Variables (awk -v):
#   mode=full    every chunk is printed; the part of the chapter after a
#                line \mdlappendixpart (at the start of a line of
#                documentation) goes to the file named by app (an appendix of
#                the full edition).
#   mode=reader  the reader's edition: the appendix part is dropped, and of
#                the chapter part a code chunk is printed when
#                  - it belongs to an interface: a root tangled/include/...h;
#                  - it belongs to an exercise template: a root
#                    tests/exercises/ID.c (not tests/exercises/wrong/);
#                  - it belongs to a worked example: a root examples/...c;
#                  - it belongs to the library (a root tangled/src/...c) and
#                    the documentation chunk right before it contains
#                    \showcode.
#                Every other chunk (tests, figure programs, support code,
#                wrong solutions, library chunks without \showcode) is
#                dropped; each run of dropped chunks becomes one line,
#                \mdlomitted{kinds}{first chunk's name}{how many more}{files},
#                that points into the full edition.  "Belongs to" is
#                transitive: a chunk belongs to every root from which a chain
#                of uses reaches it, so a chunk used by a test only is a test
#                chunk.  Cross-references to dropped chunks are removed, and
#                so are chunk-list and identifier-index entries whose
#                definition is dropped.
# The markup language is described in noweb's nowebfilters(1) and in
# "The noweb Hacker's Guide"; totex(1) reads what this writes.

BEGIN { if (mode == "") mode = "full" }

{ line[++n] = $0 }

function base(l) { sub(/-u[0-9]+$/, "", l); return l }

function rootkind(r) {
  if (r ~ /^tangled\/include\/.*\.h$/) return "H"
  if (r ~ /^tests\/exercises\/wrong\//) return "W"
  if (r ~ /^tests\/exercises\/.*\.c$/) return "E"
  if (r ~ /^examples\/.*\.c$/) return "X"
  if (r ~ /^tangled\/src\//) return "L"
  if (r ~ /^tests\/test-/) return "T"
  if (r ~ /^figures\//) return "F"
  return "S"
}

function mark(name, r, k,   j) {
  if ((name SUBSEP r) in reached) return
  reached[name, r] = 1
  kinds[name] = kinds[name] k
  roots[name] = roots[name] (roots[name] == "" ? "" : " ") r
  for (j = 1; j <= nedges; j++)
    if (efrom[j] == name) mark(eto[j], r, k)
}

# What a run of dropped chunks was, in words.
function kindword(k) {
  if (k ~ /T/) return "checks"
  if (k ~ /F/) return "figure program"
  if (k ~ /W/) return "wrong solution"
  if (k ~ /L/) return "implementation"
  return "support code"
}

# A chunk name as documentation markup: [[code]] becomes quoted code.
function emit_name(s,   a, b) {
  while ((a = index(s, "[[")) > 0) {
    b = index(substr(s, a + 2), "]]")
    if (b == 0) break
    if (a > 1) out("@text " substr(s, 1, a - 1))
    out("@quote"); out("@text " substr(s, a + 2, b - 1)); out("@endquote")
    s = substr(s, a + b + 3)
  }
  if (s != "") out("@text " s)
}

function out(s) {
  if (to_app) { if (app != "") print s > app }
  else print s
}

function flush(   k, w, kw, files, i, f, nf, seenf, seenw) {
  if (run == 0) return
  kw = ""; files = ""
  split("", seenw); split("", seenf)
  for (i = 1; i <= run; i++) {
    w = kindword(kinds[runname[i]])
    if (!(w in seenw)) { seenw[w] = 1; kw = kw (kw == "" ? "" : ", ") w }
    nf = split(roots[runname[i]], f, " ")
    for (k = 1; k <= nf; k++)
      if (!(f[k] in seenf)) { seenf[f[k]] = 1; files = files (files == "" ? "" : " ") f[k] }
  }
  out("@begin docs " runnum)
  out("@text \\mdlomitted{" kw "}{")
  emit_name(runname[1])
  if (run == 1 && files == runname[1]) files = ""
  out("@text }{" (run - 1) "}{" files "}{" runlabel "}")
  out("@nl")
  out("@end docs " runnum)
  run = 0
}

END {
  # Pass 1: the chunks, their labels, names and uses; the documentation
  # before each code chunk; where the appendix part starts.
  c = 0; indocs = 0; incode = 0; doctext = ""; lastdoc = ""; after = 0
  for (i = 1; i <= n; i++) {
    l = line[i]
    if (l ~ /^@begin docs /) { indocs = 1; doctext = ""; dstart = i; continue }
    if (l ~ /^@end docs /) {
      indocs = 0; lastdoc = doctext
      continue
    }
    if (indocs && l ~ /^@text /) {
      doctext = doctext substr(l, 7)
      if (l ~ /^@text \\mdlappendixpart/ && !after) { after = 1; marker = i }
      continue
    }
    if (l ~ /^@begin code /) {
      c++; cstart[c] = i; incode = 1; clabel[c] = ""
      cshow[c] = (lastdoc ~ /\\showcode/); cafter[c] = after
      chunkat[i] = c
      continue
    }
    if (incode && clabel[c] == "" && l ~ /^@xref label /) { clabel[c] = substr(l, 13); continue }
    if (incode && l ~ /^@defn /) { cname[c] = substr(l, 7); defined[cname[c]] = 1; continue }
    if (incode && l ~ /^@use /) { efrom[++nedges] = cname[c]; eto[nedges] = substr(l, 6); used[eto[nedges]] = 1; continue }
    if (l ~ /^@end code /) { incode = 0; cend[c] = i; lastdoc = ""; continue }
  }
  nchunks = c
  for (name in defined)
    if (!(name in used)) mark(name, name, rootkind(name))

  # Which chunks the reader's edition drops.
  for (c = 1; c <= nchunks; c++) {
    k = kinds[cname[c]]
    rkeep = !cafter[c] && (k ~ /[HEX]/ || (k ~ /L/ && cshow[c]))
    rdrop[c] = !rkeep
    dropped[c] = (mode == "full") ? 0 : rdrop[c]
    if (dropped[c] && clabel[c] != "") droplabel[clabel[c]] = 1
  }

  # Pass 2: write.
  run = 0; to_app = 0; skipping = 0; group = ""
  for (i = 1; i <= n; i++) {
    l = line[i]
    if (l ~ /^@begin docs /) dnum = substr(l, 13)
    if (marker && i == marker) {
      # The documentation chunk that holds the marker is cut in two there.
      flush()
      out("@end docs " dnum)
      if (mode == "reader") { skipping_app = 1; continue }
      to_app = 1
      out("@begin docs " dnum)
    }
    if (skipping_app) {
      # Drop the appendix part, but keep the trailer (chunk list and index),
      # which follows the last chunk.
      if (l ~ /^@xref beginchunks/ || l ~ /^@index beginindex/) skipping_app = 0
      else continue
    }
    if (i in chunkat) {
      c = chunkat[i]
      curlabel = clabel[c]
      if (dropped[c]) {
        if (run == 0) { runnum = substr(l, 13); runlabel = clabel[c] }
        runname[++run] = cname[c]
        i = cend[c]
        continue
      }
      flush()
    }
    if (l ~ /^@begin docs / && run > 0) {
      # A documentation chunk of blank lines between dropped chunks belongs
      # to the run.
      for (j = i + 1; j <= n && line[j] !~ /^@end docs /; j++)
        if (line[j] !~ /^@text[ \t]*$/ && line[j] !~ /^@nl$/) break
      if (line[j] ~ /^@end docs /) {
        nextcode = j + 1
        if (nextcode <= n && (nextcode in chunkat) && dropped[chunkat[nextcode]]) { i = j; continue }
      }
      flush()
    }
    if (l ~ /^@xref beginchunks/ || l ~ /^@index beginindex/) { flush(); to_app = 0 }
    if (mode == "full") {
      # A chunk the reader's edition leaves out gets an anchor, a LaTeX
      # label that the reader's edition reads (xr-hyper) to give its page.
      if (l ~ /^@begin code /) { c = chunkat[i]; anchor = rdrop[c] && clabel[c] != "" }
      if (anchor && l ~ /^@nl$/) { out("@literal \\mdlfullanchor{" clabel[c] "}"); anchor = 0 }
      out(l); continue
    }

    # Reader's edition: cross-references to dropped chunks go.
    if (l ~ /^@(xref (ref|useitem|prevdef|nextdef|chunkuse|chunkdefn)|index (isused|entryuse|entrydefn)) /) {
      nw = split(l, w, " ")
      if (base(w[3]) in droplabel) continue
    }
    if (l ~ /^@index isdefined /) {
      split(l, w, " ")
      if (base(w[3]) in droplabel) { i++; continue }
    }
    # The list of identifiers a chunk defines, each with the chunks that use
    # it: an identifier none of whose uses (in other chunks) is printed is
    # left out (it is not "never used"; its uses are in the full edition).
    if (l ~ /^@index begindefs$/) { dn = 0; dkeep = 0; du = 0; indefs = 1; continue }
    if (indefs && l ~ /^@index isused /) {
      split(l, w, " ")
      if (base(w[3]) != curlabel) du++
      d[++dn] = l; continue
    }
    if (indefs && l ~ /^@index defitem /) {
      if (du > 0) { d[++dn] = l; dkeep++ } else { while (dn > 0 && d[dn] ~ /isused/) dn-- }
      du = 0; continue
    }
    if (indefs && l ~ /^@index enddefs$/) {
      indefs = 0
      if (dkeep > 0) { out("@index begindefs"); for (j = 1; j <= dn; j++) out(d[j]); out(l) }
      continue
    }
    if (indefs) { d[++dn] = l; continue }
    # Groups that may have become empty are held until their end.
    if (l ~ /^@xref beginuses$/ || l ~ /^@index beginuses$/) { gn = 0; gstart = l; ingroup = 1; continue }
    if (ingroup && (l ~ /^@xref enduses$/ || l ~ /^@index enduses$/)) {
      ingroup = 0
      if (gn > 0) { out(gstart); for (j = 1; j <= gn; j++) out(g[j]); out(l) }
      continue
    }
    if (ingroup) { g[++gn] = l; continue }
    if (l ~ /^@xref chunkbegin /) { en = 0; ehead = l; inentry = 1; firstdef = ""; continue }
    if (inentry && l ~ /^@xref chunkend$/) {
      inentry = 0
      if (firstdef != "") {
        split(ehead, w, " "); sub(/^@xref chunkbegin [^ ]+/, "@xref chunkbegin " firstdef, ehead)
        out(ehead); for (j = 1; j <= en; j++) out(e[j]); out(l)
      }
      continue
    }
    if (inentry) {
      if (l ~ /^@xref chunkdefn / && firstdef == "") firstdef = substr(l, 18)
      e[++en] = l; continue
    }
    if (l ~ /^@index entrybegin /) {
      split(l, w, " "); ilabel = w[3]
      xn = 0; xhead = l; inidx = 1; xdefs = 0; xuses = 0; continue
    }
    if (inidx && l ~ /^@index entryend$/) {
      inidx = 0
      if ((ilabel in droplabel) || xdefs + xuses == 0) continue
      out(xhead); for (j = 1; j <= xn; j++) out(x[j]); out(l)
      continue
    }
    if (inidx) {
      if (l ~ /entrydefn/) xdefs++
      if (l ~ /entryuse/) xuses++
      x[++xn] = l; continue
    }
    out(l)
  }
  flush()
}
