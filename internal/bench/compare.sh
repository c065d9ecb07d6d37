#!/usr/bin/env bash
# Reproduces docs/performance.md's measurements from a clone, with the kit
# of this folder (README.md): synth.py writes the accounts, duckpeer/ (a Go
# module of its own, DuckDB) is the peer audit is compared with. Files are
# put in the page cache first; every figure is the median of RUNS runs
# under GNU time (wall time, peak resident memory).
#
#   internal/bench/compare.sh [ORDERS] [SEED]            # one account; default 1000000 11
#
# writes one account (synth.py --orders ORDERS --seed SEED --as-of
# 2026-11-20) and runs, in turn, RUNS times (alternating, so that a noisy
# moment hurts every command alike): audit odr, duckpeer, audit all,
# duckpeer --all, audit all -o html and audit trend over the 365 days
# ending on the as-of date (-o json). It prints audit / DuckDB for odr and
# all, and html and trend against audit all (wall and memory), then checks
# audit all's answers against expected.json (TestE2ESynthDir).
#
#   internal/bench/compare.sh accounts [N] [ORDERS]      # default 1000 5000
#
# writes N accounts of ORDERS orders as subfolders (synth.py with seeds 1
# to N, several at once; an account already written is kept) and times
# audit all --accounts DIR -o json: wall, peak RSS, CPU use (GNU time's %P,
# 200% = two cores busy) and accounts per second.
#
# Environment: RUNS (runs per command, default 5, 3 for accounts), DIR (the
# account folder, default /tmp/audit-bench-ORDERS-SEED or
# /tmp/audit-bench-accounts-N-ORDERS, written once), BENCH (a folder with
# synth.py and duckpeer/, default this one), DUCKPEER (duckpeer's binary,
# built into /tmp/duckpeer when absent; when it cannot be built, audit is
# measured alone), TREND_DAYS (default 365), JOBS (--jobs for accounts,
# default audit's). Needs bash, python3, go, GNU time and GNU date.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bench=${BENCH:-$root/internal/bench}
asof=2026-11-20

mode=one
if [ "${1:-}" = accounts ]; then
	mode=accounts
	shift
fi

[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$tmp/audit
(cd "$root" && go build -o "$bin" .)

# one NAME MAXCODE CMD...: runs CMD once, appends GNU time's "wall_s rss_kb
# cpu%" to $tmp/NAME. An exit code over MAXCODE (audit: 1 is a failing
# metric, 2 an error) stops the script with the command's stderr.
one() {
	local name=$1 max=$2 rc=0
	shift 2
	/usr/bin/time -f "%e %M %P" -o "$tmp/t" "$@" > /dev/null 2> "$tmp/err" || rc=$?
	if [ "$rc" -gt "$max" ]; then
		echo "$name: exit $rc: $*" >&2
		tail -n 20 "$tmp/err" >&2
		exit 1
	fi
	tail -n 1 "$tmp/t" | tr -d % >> "$tmp/$name" # GNU time first says when the exit code is not 0
}
# median COLUMN NAME: the median of a column of $tmp/NAME.
median() {
	cut -d' ' -f"$1" "$tmp/$2" | sort -n |
		awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
}

if [ "$mode" = accounts ]; then
	n=${1:-1000}
	orders=${2:-5000}
	runs=${RUNS:-3}
	dir=${DIR:-/tmp/audit-bench-accounts-$n-$orders}
	mkdir -p "$dir"
	# An account is written when its expected.json, synth.py's last file, is.
	todo=$(for ((i = 1; i <= n; i++)); do
		printf -v a 'acct-%05d' "$i"
		[ -f "$dir/$a/expected.json" ] || echo "$i $a"
	done)
	if [ -n "$todo" ]; then
		echo "generating $(wc -l <<< "$todo") accounts of $orders orders into $dir ..." >&2
		# Each line "SEED NAME" comes after the fixed words: $0 is synth.py.
		# shellcheck disable=SC2016 # expanded by the inner shell
		xargs -P "$(nproc)" -L 1 sh -c 'python3 "$0" --orders "$1" --as-of "$2" --seed "$4" --out "$3/$5" > /dev/null' \
			"$bench/synth.py" "$orders" "$asof" "$dir" <<< "$todo"
	fi
	find "$dir" -type f -exec cat {} + > /dev/null # into the page cache
	jobs=()
	if [ -n "${JOBS:-}" ]; then
		jobs=(--jobs "$JOBS")
	fi
	for ((i = 0; i < runs; i++)); do
		one fleet 1 "$bin" all --as-of "$asof" -o json ${jobs[@]+"${jobs[@]}"} --accounts "$dir"
	done
	w=$(median 1 fleet)
	m=$(median 2 fleet)
	p=$(median 3 fleet)
	printf '%-9s %7s %5s %9s %10s %6s %11s\n' accounts orders runs wall_s peak_MiB cpu% accounts/s
	awk -v n="$n" -v o="$orders" -v r="$runs" -v w="$w" -v m="$m" -v p="$p" \
		'BEGIN {printf "%-9d %7d %5d %9.2f %10.1f %6d %11.1f\n", n, o, r, w, m/1024, p, (w > 0 ? n/w : 0)}'
	exit 0
fi

orders=${1:-1000000}
seed=${2:-11}
runs=${RUNS:-5}
dir=${DIR:-/tmp/audit-bench-$orders-$seed}
duck=${DUCKPEER:-/tmp/duckpeer}
tdays=${TREND_DAYS:-365}
from=$(date -u -d "$asof - $((tdays - 1)) days" +%F)

if [ ! -f "$dir/expected.json" ]; then
	echo "generating $orders orders (seed $seed) into $dir ..." >&2
	python3 "$bench/synth.py" --orders "$orders" --seed "$seed" --as-of "$asof" --out "$dir" >&2
fi
peer=1
if [ ! -x "$duck" ]; then
	echo "building duckpeer into $duck (about a minute the first time) ..." >&2
	if ! (cd "$bench/duckpeer" && go build -o "$duck" .) > "$tmp/duckbuild" 2>&1; then
		echo "duckpeer could not be built (it needs the network or Go's module cache, and a C toolchain); measuring audit alone:" >&2
		tail -n 5 "$tmp/duckbuild" >&2
		peer=0
	fi
fi

cat "$dir"/* > /dev/null # into the page cache

for ((i = 0; i < runs; i++)); do
	one audit-odr 1 "$bin" odr --as-of "$asof" -o json "$dir"
	if [ "$peer" = 1 ]; then one duck-odr 0 "$duck" --as-of "$asof" "$dir"; fi
	one audit-all 1 "$bin" all --as-of "$asof" -o json "$dir"
	if [ "$peer" = 1 ]; then one duck-all 0 "$duck" --all --as-of "$asof" "$dir"; fi
	one audit-html 1 "$bin" all --as-of "$asof" -o html "$dir"
	one audit-trend 1 "$bin" trend --from "$from" --to "$asof" -o json "$dir"
done

echo "$orders orders, seed $seed, median of $runs runs: audit and DuckDB"
printf '%-10s %10s %12s %10s %12s %8s\n' metric audit_s audit_MiB duck_s duck_MiB ratio
for m in odr all; do
	aw=$(median 1 "audit-$m")
	am=$(median 2 "audit-$m")
	if [ "$peer" = 1 ]; then
		dw=$(median 1 "duck-$m")
		dm=$(median 2 "duck-$m")
		awk -v m="$m" -v aw="$aw" -v am="$am" -v dw="$dw" -v dm="$dm" \
			'BEGIN {printf "%-10s %10.2f %12.1f %10.2f %12.1f %8.2f\n", m, aw, am/1024, dw, dm/1024, aw/dw}'
	else
		awk -v m="$m" -v aw="$aw" -v am="$am" \
			'BEGIN {printf "%-10s %10.2f %12.1f %10s %12s %8s\n", m, aw, am/1024, "-", "-", "-"}'
	fi
done

echo
echo "against audit all -o json (ratio = command / audit all)"
printf '%-24s %10s %12s %11s %11s\n' command wall_s peak_MiB wall_ratio MiB_ratio
aw=$(median 1 audit-all)
am=$(median 2 audit-all)
for c in "audit-html:all -o html" "audit-trend:trend ${tdays}d -o json"; do
	name=${c%%:*}
	w=$(median 1 "$name")
	m=$(median 2 "$name")
	awk -v c="${c#*:}" -v w="$w" -v m="$m" -v aw="$aw" -v am="$am" \
		'BEGIN {printf "%-24s %10.2f %12.1f %11.2f %11.2f\n", c, w, m/1024, w/aw, m/am}'
done

# The answers: the e2e test compares audit all with expected.json.
if (cd "$root" && AUDIT_SYNTH_DIR="$dir" go test -count=1 -run 'TestE2ESynthDir' . > "$tmp/check" 2>&1); then
	echo "answers: audit all equals $dir/expected.json"
else
	echo "answers differ:" >&2
	cat "$tmp/check" >&2
	exit 1
fi
