#!/usr/bin/env bash
# Reproduces the DuckDB comparison of docs/performance.md: audit and
# duckpeer (../shared/bench/duckpeer) on the same synthetic account, files in
# the page cache, alternating runs, median wall time and peak RSS of each,
# and a check that audit's answers equal synth.py's expected.json.
#
#   internal/bench/compare.sh [ORDERS] [SEED]     # default 1000000 11
#
# Environment: RUNS (default 5 per command), BENCH (the bench kit, default
# ../shared/bench beside the repository), DIR (the account folder, default
# /tmp/audit-bench-ORDERS-SEED, generated once), DUCKPEER (its binary,
# built into /tmp/duckpeer when absent). Needs python3, go and GNU time.
set -euo pipefail
orders=${1:-1000000}
seed=${2:-11}
runs=${RUNS:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
bench=${BENCH:-$root/../shared/bench}
dir=${DIR:-/tmp/audit-bench-$orders-$seed}
duck=${DUCKPEER:-/tmp/duckpeer}
asof=2026-11-20

[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time" >&2; exit 2; }
if [ ! -f "$dir/expected.json" ]; then
	echo "generating $orders orders (seed $seed) into $dir ..." >&2
	python3 "$bench/synth.py" --orders "$orders" --seed "$seed" --as-of "$asof" --out "$dir" >&2
fi
if [ ! -x "$duck" ]; then
	echo "building duckpeer into $duck (about a minute the first time) ..." >&2
	(cd "$bench/duckpeer" && go build -o "$duck" .)
fi
bin=$(mktemp -d)/audit
(cd "$root" && go build -o "$bin" .)

cat "$dir"/* > /dev/null # into the page cache

# one NAME CMD...: runs CMD once, appends "wall_s rss_kb" to $tmp/NAME
tmp=$(mktemp -d)
one() {
	local name=$1
	shift
	/usr/bin/time -f "%e %M" -o "$tmp/t" "$@" > /dev/null 2> /dev/null || true
	tail -n 1 "$tmp/t" >> "$tmp/$name" # GNU time first says when the exit code is not 0
}
for ((i = 0; i < runs; i++)); do
	one audit-odr "$bin" odr --as-of "$asof" -o json "$dir"
	one duck-odr "$duck" --as-of "$asof" "$dir"
	one audit-all "$bin" all --as-of "$asof" -o json "$dir"
	one duck-all "$duck" --all --as-of "$asof" "$dir"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf '%-10s %10s %12s %10s %12s %8s\n' metric audit_s audit_MiB duck_s duck_MiB ratio
for m in odr all; do
	aw=$(cut -d' ' -f1 "$tmp/audit-$m" | median)
	am=$(cut -d' ' -f2 "$tmp/audit-$m" | median)
	dw=$(cut -d' ' -f1 "$tmp/duck-$m" | median)
	dm=$(cut -d' ' -f2 "$tmp/duck-$m" | median)
	awk -v m="$m" -v aw="$aw" -v am="$am" -v dw="$dw" -v dm="$dm" \
		'BEGIN {printf "%-10s %10.2f %12.1f %10.2f %12.1f %8.2f\n", m, aw, am/1024, dw, dm/1024, aw/dw}'
done

# The answers: the e2e test compares audit all with expected.json.
(cd "$root" && AUDIT_SYNTH_DIR="$dir" go test -count=1 -run 'TestE2ESynthDir' . > "$tmp/check" 2>&1) &&
	echo "answers: audit all equals $dir/expected.json" ||
	{ echo "answers differ:" >&2; cat "$tmp/check" >&2; exit 1; }
