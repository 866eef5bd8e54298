#!/usr/bin/env bash
# bench/run.sh BENCH-MDL REF.PY [ROUNDS] [ROW...]: the driver of make bench
# (issue 15).  For each row it runs libmdl's side (bench-mdl) and the
# reference's (ref.py) alternately, ROUNDS times each, swapping which goes
# first every round, so that a change in the machine's load touches both
# sides alike.  Each run prints the median time of one operation; the ratio
# of a round is reference / libmdl (above 1: libmdl is faster), and the row
# prints the median ratio over the rounds and its range.  Without Python's
# references (MDL_BENCH_NOREF=1, or an import that fails) it times libmdl
# alone.
set -u
mdl=$1; ref=$2; rounds=${3:-5}; shift 3 || shift $#
want=("$@")
declare -A median_of=()

# name           libmdl row       threads  reps  what
rows=(
"mlp-sgd-1t      mlp-sgd          1  60  MLP 784-256-256-10 b64 f64 SGD, mdl_net_sgd_step vs torch"
"mlp-gd-1t       mlp-gd           1  60  same, mdl_net_train_step + mdl_optim_gd"
"mlp-sgd-2t      mlp-sgd          2  60  same as mlp-sgd-1t, 2 threads"
"mlp-gd-2t       mlp-gd           2  60  same as mlp-gd-1t, 2 threads"
"mlp-gemms-1t    mlp-gemms        1  60  the 8 GEMMs of the MLP step alone (libmdl only)"
"mlp-gemms-2t    mlp-gemms        2  60  the 8 GEMMs alone, 2 threads (libmdl only)"
"mlp-adam-1t     mlp-adam         1  40  MLP with Adam, mdl_net_train_step + mdl_optim_adam"
"adam-step-1t    adam-step        1  60  Adam's step alone, n = 269322"
"adam-step-2t    adam-step        2  60  Adam's step alone, 2 threads"
"gd-step-1t      gd-step          1  100 plain GD step alone, n = 269322"
"ot-euclid-200   ot-euclid-200    1  9   exact OT, Euclidean cost, n = 200 vs POT ot.emd"
"ot-euclid-500   ot-euclid-500    1  5   n = 500"
"ot-euclid-1000  ot-euclid-1000   1  3   n = 1000"
"ot-euclid-2000  ot-euclid-2000   1  1   n = 2000"
"ot-sqeuclid-200 ot-sqeuclid-200  1  9   exact OT, squared Euclidean, n = 200"
"ot-sqeuclid-500 ot-sqeuclid-500  1  5   n = 500"
"ot-sqeuclid-1000 ot-sqeuclid-1000 1 3   n = 1000"
"ot-sqeuclid-2000 ot-sqeuclid-2000 1 1   n = 2000"
"w1-line         w1-line          1  5   W1 on the line, 10^6 samples each vs SciPy"
"kl              kl               1  15  KL, length 10^6 vs SciPy rel_entr(p, q).sum()"
"js              js               1  15  JS, length 10^6 vs SciPy jensenshannon^2"
"tv              tv               1  15  TV, length 10^6 vs NumPy 0.5*abs(p-q).sum()"
"conv-1t         conv             1  5   conv 3x3 32->32 ch, 32x32, batch 64, fwd+bwd vs torch conv2d"
"lstm-1t         lstm             1  5   LSTM 128->256, T=50, batch 32, fwd+bwd (tape) vs torch nn.LSTM"
)

py=python3
# Debian's interpreter, whose python3-torch, python3-pot and python3-scipy make bench
# installs (a python3 earlier on PATH, from pyenv or a venv, may lack them).
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
py=${MDL_BENCH_PYTHON:-$py}
refs=1
if [ "${MDL_BENCH_NOREF:-0}" = 1 ]; then
  refs=0; why="MDL_BENCH_NOREF=1"
elif ! $py -c 'import torch, ot, scipy, numpy' 2>/dev/null; then
  refs=0; why="python3 cannot import torch, ot, scipy and numpy (Debian: python3-torch python3-pot python3-scipy)"
fi

echo "make bench: libmdl against the tools a student would otherwise use"
echo "machine:  $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores online; load average$(cut -d' ' -f1-3 /proc/loadavg | sed 's/^/ /')"
echo "libmdl:   $(sed -n 's/^#define MDL_VERSION "\(.*\)"/\1/p' tangled/include/mdl/mdl.h 2>/dev/null), $(ldd "$mdl" 2>/dev/null | grep -o 'lib\(openblas\|gslcblas\)[^ ]*' | head -1 || true) (dpkg: $(dpkg-query -W -f='libopenblas0 ${Version}' libopenblas0 2>/dev/null || echo '?'), $(dpkg-query -W -f='libgsl27 ${Version}' libgsl27 2>/dev/null || echo '?')), cc: $(${CC:-cc} --version 2>/dev/null | head -1)"
if [ $refs = 1 ]; then
  echo "refs:     $($py -c 'import torch, ot, scipy, numpy, sys; print("Python %d.%d, torch %s, POT %s, SciPy %s, NumPy %s" % (sys.version_info[0], sys.version_info[1], torch.__version__, ot.__version__, scipy.__version__, numpy.__version__))' 2>/dev/null)"
else
  echo "refs:     none ($why); timing libmdl alone"
fi
echo "rounds:   $rounds per row, the two sides alternating; threads: libmdl's BLAS and optimizer (OPENBLAS_NUM_THREADS, MDL_NUM_THREADS) and torch (set_num_threads) alike; 2-thread rows set OMP_WAIT_POLICY=PASSIVE"
echo "ratio = reference time / libmdl time (above 1: libmdl faster); median [min, max] over the rounds"
echo
printf '%-17s %3s %12s %12s %8s %18s  %s\n' row thr libmdl reference ratio range what

fmt_t() { awk -v t="$1" 'BEGIN { if (t == "") print "-"; else if (t < 1e-3) printf "%.1f us\n", t * 1e6; else if (t < 1) printf "%.2f ms\n", t * 1e3; else printf "%.2f s\n", t }'; }

for line in "${rows[@]}"; do
  read -r name mrow thr reps what <<< "$line"
  if [ ${#want[@]} -gt 0 ]; then
    hit=0; for w in "${want[@]}"; do case "$name" in $w) hit=1 ;; esac; done
    [ $hit = 1 ] || continue
  fi
  env_=(OPENBLAS_NUM_THREADS=$thr MDL_NUM_THREADS=$thr OMP_NUM_THREADS=$thr MDL_BENCH_THREADS=$thr)
  [ "$thr" -gt 1 ] && env_+=(OMP_WAIT_POLICY=PASSIVE)
  has_ref=$refs
  case "$mrow" in mlp-gemms) has_ref=0 ;; esac
  tm=(); tr=(); ratios=()
  for ((k = 0; k < rounds; k++)); do
    a=""; b=""
    if [ $has_ref = 1 ] && [ $((k % 2)) = 1 ]; then
      b=$(env "${env_[@]}" $py "$ref" "$mrow" "$reps" 2>/dev/null) || b=""
    fi
    a=$(env "${env_[@]}" "$mdl" "$mrow" "$reps") || a=""
    if [ $has_ref = 1 ] && [ $((k % 2)) = 0 ]; then
      b=$(env "${env_[@]}" $py "$ref" "$mrow" "$reps" 2>/dev/null) || b=""
    fi
    [ -n "$a" ] && tm+=("$a")
    [ -n "$b" ] && tr+=("$b")
    [ -n "$a" ] && [ -n "$b" ] && ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.6g\n", b / a }')")
  done
  med() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
  mt=$(med "${tm[@]+"${tm[@]}"}"); rt=$(med "${tr[@]+"${tr[@]}"}")
  if [ ${#ratios[@]} -gt 0 ]; then
    r=$(med "${ratios[@]}")
    lo=$(printf '%s\n' "${ratios[@]}" | sort -g | head -1); hi=$(printf '%s\n' "${ratios[@]}" | sort -g | tail -1)
    rs=$(printf '%.2f' "$r"); range=$(printf '[%.2f, %.2f]' "$lo" "$hi")
  else
    rs="-"; range="-"
  fi
  printf '%-17s %3s %12s %12s %8s %18s  %s\n' "$name" "$thr" "$(fmt_t "$mt")" "$(fmt_t "$rt")" "$rs" "$range" "$what"
  median_of[$name]=$mt
done
for t in 1t 2t; do
  s=${median_of[mlp-sgd-$t]:-}; g=${median_of[mlp-gemms-$t]:-}
  if [ -n "$s" ] && [ -n "$g" ]; then
    echo "mlp-sgd-$t: the eight GEMMs alone take $(awk -v s="$s" -v g="$g" 'BEGIN { printf "%.0f", 100 * g / s }') % of the step's time (target: at least 85 %)"
  fi
done
