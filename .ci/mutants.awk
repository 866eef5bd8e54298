# List the mutants of one C file, one a line:
#   line <TAB> column <TAB> original <TAB> operator <TAB> replacement
# (the replacement last: it is empty when a unary minus is dropped)
# Read by .ci/mutate as  awk -f mutants.awk FILE FILE; POSIX awk (mawk or gawk).  Preprocessor lines (#line,
# #include, the head of a #define) are skipped; string and character literals
# and comments are masked before the line is cut into tokens.
function isop(t) { return t ~ /^[A-Za-z_0-9.)\]]/ }
function emit(col, orig, repl, kind) {
  printf "%d\t%d\t%s\t%s\t%s\n", FNR, col, orig, kind, repl
}
function numval(t,    s) {
  s = t
  sub(/[uUlLfF]+$/, "", s)
  if (s ~ /^0[xX]/ || s ~ /^0[0-7]+$/ || s !~ /[0-9]/) return ""
  if (s !~ /^[0-9]*\.?[0-9]*([eE][-+]?[0-9]+)?$/) return ""
  return s + 0
}
BEGIN {
  types = "^(void|char|short|int|long|float|double|signed|unsigned|const|static|size_t|ptrdiff_t|FILE|struct|gsl_[A-Za-z0-9_]+|mdl_[A-Za-z0-9_]+|[A-Za-z0-9_]+_t)$"
  prev = ";"; prev2 = ";"; incomment = 0
}
# First pass (the file is read twice): the names of local typedefs, so that
# the star of a declaration "name *p" is not taken for a product.
FNR == NR {
  if (match($0, /^}[ \t]*[A-Za-z_][A-Za-z_0-9]*;/) || match($0, /^typedef .*[ \t*][A-Za-z_][A-Za-z_0-9]*;/)) {
    t = substr($0, 1, RLENGTH - 1); sub(/.*[ \t}*]/, "", t); localtype[t] = 1
  }
  next
}
/^[ \t]*#/ { next }
{
  # mask literals and comments with spaces, keeping columns
  s = $0; out = ""; n = length(s); i = 1
  while (i <= n) {
    c = substr(s, i, 1)
    if (incomment) {
      if (substr(s, i, 2) == "*/") { out = out "  "; i += 2; incomment = 0 }
      else { out = out " "; i++ }
      continue
    }
    if (substr(s, i, 2) == "/*") { incomment = 1; out = out "  "; i += 2; continue }
    if (substr(s, i, 2) == "//") { while (i <= n) { out = out " "; i++ }; continue }
    if (c == "\"" || c == "'") {
      q = c; out = out "\""; i++
      while (i <= n && substr(s, i, 1) != q) {
        if (substr(s, i, 1) == "\\") { out = out " "; i++ }
        out = out " "; i++
      }
      out = out "\""; i++
      continue
    }
    out = out c; i++
  }
  s = out; i = 1
  while (i <= n) {
    r = substr(s, i)
    if (match(r, /^[ \t\\]+/)) { i += RLENGTH; continue }
    if (match(r, /^[A-Za-z_][A-Za-z_0-9]*/)) tok = substr(r, 1, RLENGTH)
    else if (match(r, /^(\.[0-9]+|[0-9]+\.?[0-9]*)([eE][-+]?[0-9]+)?[uUlLfF]*/)) tok = substr(r, 1, RLENGTH)
    else if (match(r, /^0[xX][0-9a-fA-F]+[uUlL]*/)) tok = substr(r, 1, RLENGTH)
    else if (match(r, /^(<<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||\+=|-=|\*=|\/=|%=|&=|\|=|\^=|\.\.\.)/)) tok = substr(r, 1, RLENGTH)
    else tok = substr(r, 1, 1)
    nxt = substr(s, i + length(tok))
    sub(/^[ \t\\]+/, "", nxt)
    n1 = substr(nxt, 1, 1)
    binary = isop(prev) && prev !~ /^(return|case|sizeof)$/
    if (tok == "+" || tok == "-") {
      if (binary) emit(i, tok, tok == "+" ? "-" : "+", "arith")
      else if (tok == "-" && n1 != "-") emit(i, "-", "", "neg")
    } else if (tok == "*" || tok == "/") {
      if (binary && !(tok == "*" && (prev ~ types || prev in localtype || n1 == ")" || n1 == "," || n1 == "*"))) {
        emit(i, tok, tok == "*" ? "/" : "*", "arith")
      }
    } else if (tok == "+=" || tok == "-=") emit(i, tok, tok == "+=" ? "-=" : "+=", "arith")
    else if (tok == "*=" || tok == "/=") emit(i, tok, tok == "*=" ? "/=" : "*=", "arith")
    else if (tok == "<") emit(i, tok, "<=", "cmp")
    else if (tok == "<=") emit(i, tok, "<", "cmp")
    else if (tok == ">") emit(i, tok, ">=", "cmp")
    else if (tok == ">=") emit(i, tok, ">", "cmp")
    else if (tok == "==") emit(i, tok, "!=", "cmp")
    else if (tok == "!=") emit(i, tok, "==", "cmp")
    else if (tok == "&&") emit(i, tok, "||", "logic")
    else if (tok == "||") emit(i, tok, "&&", "logic")
    else if (tok ~ /^[0-9.]/ && prev != "[" && prev2 != "#") {
      v = numval(tok)
      if (v != "" && (v == 0 || v == 1 || v == 2)) {
        nv = v == 0 ? 1 : (v == 1 ? 0 : 3)
        if (tok ~ /[.eE]/) repl = nv ".0"; else repl = nv
        emit(i, tok, repl, "const")
      }
    }
    prev2 = prev; prev = tok
    i += length(tok)
  }
}
