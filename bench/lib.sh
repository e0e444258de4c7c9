# Sourced by bench/run.sh and bench/upstream/measure.sh: the Python peers'
# throwaway virtualenv, with the versions BENCHMARKS.md reports, and the
# generated inputs both time.

# Pinned. Python >= 3.11 (tomllib).
PEER_PACKAGES=(
  "pandas==3.1.1" "openpyxl==3.1.5" "fastexcel==0.21.0" "polars==2.1.0"
  "pyarrow==26.0.1" "python-calamine==0.9.1" "xlsxwriter==3.3.1"
)

# bench_venv WORK PYTHON: makes WORK/venv with PYTHON if it is not there,
# installs the pinned peers into it and prints its python.
bench_venv() {
  local work="$1" py="$2"
  echo "== python peers (virtualenv $work/venv)" >&2
  if [ ! -x "$work/venv/bin/python" ]; then
    "$py" -m venv "$work/venv" >&2 || return 1
  fi
  "$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "${PEER_PACKAGES[@]}" >&2 || return 1
  echo "$work/venv/bin/python"
}

# bench_samples TONGHOP WORK NAME ARGS...: the batch WORK/data/NAME, made
# once with `TONGHOP samples ARGS...` (period 2020-Q1, seed 2020) and kept
# between runs; prints its folder.
bench_samples() {
  local tonghop="$1" work="$2" name="$3"
  shift 3
  local dir="$work/data/$name"
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    echo "== samples $name: $*" >&2
    "$tonghop" samples --period 2020-Q1 --seed 2020 --out "$dir" "$@" >&2 || return 1
    touch "$dir/.complete"
  fi
  echo "$dir"
}
