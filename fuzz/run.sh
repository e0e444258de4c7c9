#!/usr/bin/env bash
# Runs fuzz targets one after the other, each for SECONDS, on one core, and
# prints one line of figures per target (the README's table).
#
#   fuzz/run.sh [SECONDS] [TARGET...]     default: 600 s, all six targets
#
# Each run is `cargo +nightly fuzz run --dev -s none TARGET` with the limits
# below; its whole output is in fuzz/logs/TARGET.log, anything found in
# fuzz/artifacts/TARGET/. Build once first: `cargo +nightly fuzz build --dev -s none`
# (the same flags, so the runs reuse that build). polars and rayon are held
# to one thread so that a run takes one core.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(xlsx xls ods xlsb csv html)
mkdir -p "$root/fuzz/logs"
export POLARS_MAX_THREADS=1 RAYON_NUM_THREADS=1

printf '%-5s %8s %8s %10s %7s %7s %6s %s\n' target wall_s cpu_s executions exec/s cov corpus found
for t in "${targets[@]}"; do
	log=$root/fuzz/logs/$t.log
	mkdir -p "$root/fuzz/artifacts/$t"
	before=$(find "$root/fuzz/artifacts/$t" -type f | wc -l)
	TIMEFORMAT='%R %U %S'
	times=$({ time (cd "$root" && cargo +nightly fuzz run --dev -s none "$t" -- \
		-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
		-print_final_stats=1 >"$log" 2>&1); } 2>&1)
	read -r wall user sys <<<"$times"
	cpu=$(echo "$user + $sys" | bc)
	execs=$(grep -a 'stat::number_of_executed_units' "$log" | awk '{print $2}')
	rate=$(grep -a 'stat::average_exec_per_sec' "$log" | awk '{print $2}')
	last=$(grep -aE '^#[0-9]+' "$log" | tail -1)
	cov=$(echo "$last" | sed -nE 's/.*cov: ([0-9]+).*/\1/p')
	corp=$(echo "$last" | sed -nE 's/.*corp: ([0-9]+)\/.*/\1/p')
	[ -n "$execs" ] || execs=$(echo "$last" | sed -nE 's/^#([0-9]+).*/\1/p')
	after=$(find "$root/fuzz/artifacts/$t" -type f | wc -l)
	found=$((after - before))
	kinds=$(grep -aoE 'ERROR: libFuzzer: [a-z-]+|SUMMARY: libFuzzer: [a-z-]+' "$log" | sort -u | tr '\n' ' ')
	printf '%-5s %8s %8s %10s %7s %7s %6s %s %s\n' "$t" "$wall" "$cpu" "${execs:-?}" "${rate:-?}" \
		"${cov:-?}" "${corp:-?}" "$found" "$kinds"
done
