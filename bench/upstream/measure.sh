#!/usr/bin/env bash
# What changes inside calamine and rust_xlsxwriter would gain tonghop
# (issue #16). Builds tonghop from this commit four times: on the crates
# as released; on calamine 0.38.0 with calamine-0.38.0.patch (and
# tonghop.patch, which uses what that patch adds); on rust_xlsxwriter
# 0.102.0 with rust_xlsxwriter-0.102.0.patch (no change to tonghop); and
# on both. Checks that all four give the same outputs, then times them
# side by side, round after round, with the bare reads.
# Not part of `cargo test` nor of CI; see README.md here and BENCHMARKS.md.
#
# usage: bench/upstream/measure.sh   (about 7 minutes after a release build)
#
# Knobs (environment):
#   BENCH_DIR        work folder shared with bench/run.sh (default target/bench)
#   BENCH_RUNS       alternating rounds per set (default 10)
#   UPSTREAM_SETS    sets to time: n1000 n10000 large50000 (default
#                    "n1000 large50000")
#   BENCH_PYTHON     the Python that makes the venv (default python3)
#   CARGO_TARGET_DIR where cargo builds (default target/)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
work="${BENCH_DIR:-$root/target/bench}"
runs="${BENCH_RUNS:-10}"
sets="${UPSTREAM_SETS:-n1000 large50000}"
target="${CARGO_TARGET_DIR:-$root/target}"
up="$work/upstream"
mkdir -p "$work"

echo "== calamine 0.38.0 and rust_xlsxwriter 0.102.0, as cargo fetched them, patched" >&2
cargo fetch --locked --quiet
sources="$(cargo metadata --format-version 1 --locked | python3 -c '
import json, os, sys
m = json.load(sys.stdin)
for name, version in [("calamine", "0.38.0"), ("rust_xlsxwriter", "0.102.0")]:
    print(os.path.dirname(next(p["manifest_path"] for p in m["packages"]
                               if p["name"] == name and p["version"] == version)))')"
if git worktree list --porcelain | grep -qx "worktree $up/tonghop"; then
  git worktree remove --force "$up/tonghop"
fi
rm -rf "$up"
mkdir -p "$up"
cp -r "$(sed -n 1p <<< "$sources")" "$up/calamine"
cp -r "$(sed -n 2p <<< "$sources")" "$up/rust_xlsxwriter"
chmod -R u+w "$up/calamine" "$up/rust_xlsxwriter"
patch -d "$up/calamine" -p1 --quiet < "$here/calamine-0.38.0.patch"
patch -d "$up/rust_xlsxwriter" -p1 --quiet < "$here/rust_xlsxwriter-0.102.0.patch"

echo "== tonghop at $(git rev-parse --short HEAD): as released, and on each patched crate" >&2
cargo build --release --locked --quiet
cargo build --release --locked --quiet --example calamine_read_all
cp "$target/release/tonghop" "$up/tonghop-released"
cp "$target/release/examples/calamine_read_all" "$up/bare-released"
git worktree add --quiet --detach "$up/tonghop" HEAD
build() { # the name the binary is kept under
  (cd "$up/tonghop" && CARGO_TARGET_DIR="$target" cargo build --release --quiet)
  cp "$target/release/tonghop" "$up/tonghop-$1"
}
with() { # crate: patched from $up/<crate>
  grep -qx '\[patch.crates-io\]' "$up/tonghop/Cargo.toml" \
    || printf '\n[patch.crates-io]\n' >> "$up/tonghop/Cargo.toml"
  printf '%s = { path = "%s" }\n' "$1" "$up/$1" >> "$up/tonghop/Cargo.toml"
}
with rust_xlsxwriter
build writer
git -C "$up/tonghop" checkout --quiet -- Cargo.toml Cargo.lock
git -C "$up/tonghop" apply "$here/tonghop.patch"
with calamine
build calamine
(cd "$up/tonghop" && CARGO_TARGET_DIR="$target" cargo build --release --quiet --example calamine_read_all)
cp "$target/release/examples/calamine_read_all" "$up/bare-patched"
with rust_xlsxwriter
build both
# Leave target/release as this commit built it.
cargo build --release --locked --quiet
cargo build --release --locked --quiet --example calamine_read_all

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
vpy="$(bench_venv "$work" "${BENCH_PYTHON:-python3}")"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
md="$up/results-$stamp.md"
{
  echo "### calamine and rust_xlsxwriter as released against patched ($stamp)"
  echo
  echo "tonghop $(git rev-parse --short HEAD), $(nproc) cores, $(uptime)"
  echo
} > "$md"

for set in $sets; do
  case "$set" in
    n*) args=(--units "${set#n}") ;;
    large*) args=(--units 4 --rows "${set#large}") ;;
    *) echo "unknown set $set" >&2; exit 2 ;;
  esac
  dir="$(bench_samples "$up/tonghop-released" "$work" "$set" "${args[@]}")"
  run() { # binary, output folder
    echo "$1 consolidate $dir/submissions --template $dir/template --period 2020-Q1 --out $2 --force"
  }
  echo "== $set: the same outputs" >&2
  for v in released calamine writer both; do
    rm -rf "$up/out-$v"
    # shellcheck disable=SC2046
    $(run "$up/tonghop-$v" "$up/out-$v") > /dev/null 2>&1 || [ $? -eq 1 ]
  done
  for v in calamine writer both; do
    echo "$set, released against $v: $("$vpy" bench/compare_outputs.py "$up/out-released" "$up/out-$v" | tail -1)" | tee -a "$md"
  done
  echo >> "$md"
  echo "== $set: $runs alternating rounds" >&2
  python3 bench/timeit.py --title "$set" --runs "$runs" --reference "tonghop, as released" \
    --markdown "$md" \
    "tonghop, as released=$(run "$up/tonghop-released" "$up/out-released")" \
    "tonghop, calamine patched=$(run "$up/tonghop-calamine" "$up/out-calamine")" \
    "tonghop, rust_xlsxwriter patched=$(run "$up/tonghop-writer" "$up/out-writer")" \
    "tonghop, both patched=$(run "$up/tonghop-both" "$up/out-both")" \
    "calamine read-all (Rust), as released=$up/bare-released $dir/submissions" \
    "calamine read-all (Rust), calamine patched=$up/bare-patched $dir/submissions" \
    "python-calamine read-all=$vpy $root/bench/peers/calamine_read_all.py $dir/submissions"
done

git worktree remove --force "$up/tonghop"
echo "results: $md" >&2
cat "$md"
