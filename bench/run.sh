#!/usr/bin/env bash
# Benchmarks tonghop `consolidate` against the tools users would pick
# instead (pandas+openpyxl, fastexcel+polars, python-calamine) and against
# the decompression floor, then sweeps the number of units. Not part of
# `cargo test` nor of CI. See BENCHMARKS.md for what it measures and the
# figures of the last run.
#
# usage: bench/run.sh            the full run (about 25 minutes on 2 quiet cores)
#        BENCH_QUICK=1 bench/run.sh   a smoke run on small inputs
#
# Knobs (environment):
#   BENCH_DIR      work folder: venv, inputs, results (default target/bench)
#   BENCH_RUNS     timed runs per command (default 5; 3 at N = 10,000)
#   BENCH_PYTHON   the Python that makes the venv (default python3, >= 3.11)
#   BENCH_SKIP     space-separated sets to skip: peers1000 peers10000 large sweep files
#   BENCH_PEERS    '|'-separated peers to time beside tonghop (default all):
#                  python-calamine, python-calamine read-all,
#                  calamine read-all (Rust), fastexcel+polars,
#                  pandas+openpyxl, unzip floor
#   CARGO_TARGET_DIR  where cargo builds (default target/)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="${BENCH_DIR:-$root/target/bench}"
runs="${BENCH_RUNS:-5}"
quick="${BENCH_QUICK:-0}"
skip=" ${BENCH_SKIP:-} "
peers_only="${BENCH_PEERS:+|$BENCH_PEERS|}"
py="${BENCH_PYTHON:-python3}"
mkdir -p "$work"

# The peers' virtualenv and their pinned versions; the inputs.
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

echo "== build (release)" >&2
cargo build --release --quiet
# The bare read in Rust (calamine alone, every cell of every sheet): the
# bound of what tonghop can reach while calamine reads for it.
cargo build --release --quiet --example calamine_read_all
target="${CARGO_TARGET_DIR:-$root/target}"
tonghop="$target/release/tonghop"
bare="$target/release/examples/calamine_read_all"

vpy="$(bench_venv "$work" "$py")"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
results="$work/results/$stamp"
mkdir -p "$results"
md="$results/results.md"
tsv="$results/runs.tsv"

{
  echo "### Machine and versions"
  echo
  echo '```text'
  echo "date (UTC)      $stamp"
  echo "cpu             $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
  echo "cores           $(nproc)"
  echo "memory          $(free -h | awk '/^Mem:/ {print $2}')"
  echo "kernel          $(uname -r)"
  echo "tonghop         $(git rev-parse --short HEAD 2>/dev/null || echo '?') $("$tonghop" --version)"
  echo "rustc           $(rustc --version)"
  echo "python          $("$vpy" --version 2>&1)"
  "$vpy" - <<'EOF'
from importlib.metadata import version
for p in ["pandas", "openpyxl", "fastexcel", "polars", "pyarrow", "python-calamine", "xlsxwriter"]:
    print(f"{p:<16}{version(p)}")
EOF
  echo "uptime          $(uptime)"
  echo '```'
  echo
} > "$md"

# Inputs: made once per shape and seed, kept between runs.
samples() { # name, then the arguments of `tonghop samples`
  bench_samples "$tonghop" "$work" "$@"
}

consolidate() { # input dir, output dir
  echo "tonghop=$tonghop consolidate $1/submissions --template $1/template --period 2020-Q1 --out $2 --force"
}

peers() { # title, input dir, runs, [--once NAME]...
  local title="$1" dir="$2" n="$3"; shift 3
  local out="$work/out"
  mkdir -p "$out"
  # Only this round's outputs are compared.
  rm -f "$out/calamine.xlsx" "$out/fastexcel.xlsx" "$out/pandas.xlsx"
  local all=(
    "python-calamine=$vpy $root/bench/peers/calamine_dict.py $dir/submissions $dir/template $out/calamine.xlsx"
    "python-calamine read-all=$vpy $root/bench/peers/calamine_read_all.py $dir/submissions"
    "calamine read-all (Rust)=$bare $dir/submissions"
    "fastexcel+polars=$vpy $root/bench/peers/fastexcel_polars.py $dir/submissions $dir/template $out/fastexcel.xlsx"
    "pandas+openpyxl=$vpy $root/bench/peers/pandas_openpyxl.py $dir/submissions $dir/template $out/pandas.xlsx"
    "unzip floor=$vpy $root/bench/peers/floor_unzip.py $dir/submissions"
  )
  local chosen=() p
  for p in "${all[@]}"; do
    if [ -z "$peers_only" ] || [[ "$peers_only" == *"|${p%%=*}|"* ]]; then
      chosen+=("$p")
    fi
  done
  python3 "$root/bench/timeit.py" --title "$title" --runs "$n" --reference tonghop \
    --markdown "$md" --tsv "$tsv" "$@" \
    "$(consolidate "$dir" "$out/tonghop")" "${chosen[@]}"
}

if [ "$quick" = 1 ]; then
  sizes_peers=(100); sweep=(16 168); large_rows=5000; runs=1
  registry=168; files=(16 100 168)
else
  sizes_peers=(1000 10000); sweep=(16 168 1000 3321 10000); large_rows=50000
  registry=10000; files=(16 168 1000 3321 10000)
fi

echo "### Against the peers" >> "$md"
echo >> "$md"
for n in "${sizes_peers[@]}"; do
  [[ "$skip" == *" peers$n "* ]] && continue
  dir="$(samples "n$n" --units "$n")"
  if [ "$n" -ge 10000 ]; then
    peers "N = $n wards" "$dir" "$(( runs < 3 ? runs : 3 ))" --once pandas+openpyxl
  else
    peers "N = $n wards" "$dir" "$runs"
  fi
done
if [[ "$skip" != *" large "* ]]; then
  dir="$(samples "large$large_rows" --units 4 --rows "$large_rows")"
  peers "4 workbooks × $large_rows rows" "$dir" "$runs"
  # Every row is an indicator of its own: tonghop and the peers do the same
  # job and must agree on every total (the outputs of the last round).
  {
    echo "Totals against tonghop's (bench/compare_totals.py):"
    echo
    echo '```text'
    written=()
    for f in calamine fastexcel pandas; do
      [ -f "$work/out/$f.xlsx" ] && written+=("$work/out/$f.xlsx")
    done
    if [ ${#written[@]} -eq 0 ]; then
      # The read-all yardsticks write no totals to compare.
      echo "no peer that writes totals was run (BENCH_PEERS)"
    else
      "$vpy" "$root/bench/compare_totals.py" "$dir/template" "$work/out/tonghop/tong-hop.xlsx" \
        "${written[@]}" || echo "TOTALS DIFFER"
    fi
    echo '```'
    echo
  } >> "$md"
fi

if [[ "$skip" != *" sweep "* ]]; then
  echo "### Scale sweep (tonghop only)" >> "$md"
  echo >> "$md"
  cmds=(); counts=()
  for n in "${sweep[@]}"; do
    dir="$(samples "n$n" --units "$n")"
    cmds+=("$n units=$tonghop consolidate $dir/submissions --template $dir/template --period 2020-Q1 --out $work/out/sweep$n --force")
    counts+=(--count "$n units=$n")
  done
  python3 "$root/bench/timeit.py" --title "sweep" --runs "$(( runs < 3 ? runs : 3 ))" \
    --markdown "$md" --tsv "$tsv" "${counts[@]}" "${cmds[@]}"
fi

if [[ "$skip" != *" files "* ]]; then
  # Memory against the number of files alone: one registry of $registry
  # units, the first N of its submissions (hard links, no copies). The
  # units that sent nothing are listed as missing, as in a real quarter.
  echo "### Files sweep: one registry of $registry units, N files (tonghop only)" >> "$md"
  echo >> "$md"
  src="$(samples "n$registry" --units "$registry")"
  cmds=(); counts=()
  for n in "${files[@]}"; do
    dir="$work/data/files$registry-$n"
    if [ ! -f "$dir/.complete" ]; then
      rm -rf "$dir"; mkdir -p "$dir/submissions"
      mapfile -t all < <(ls "$src/submissions" | sort)
      for f in "${all[@]:0:$n}"; do
        ln "$src/submissions/$f" "$dir/submissions/$f"
      done
      touch "$dir/.complete"
    fi
    cmds+=("$n files=$tonghop consolidate $dir/submissions --template $src/template --period 2020-Q1 --out $work/out/files$n --force")
    counts+=(--count "$n files=$n")
  done
  python3 "$root/bench/timeit.py" --title "files" --runs "$(( runs < 3 ? runs : 3 ))" \
    --markdown "$md" --tsv "$tsv" "${counts[@]}" "${cmds[@]}"
fi

echo "== results: $md" >&2
cat "$md"
