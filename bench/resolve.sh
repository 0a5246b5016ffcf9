#!/bin/bash
# Resolver benchmark (issue 6): libq53's async API next to c-ares, both resolving NAMES different names
# (type A) against q53d from the build on 127.0.0.1, with 100 and with 1000 lookups in flight, in the same
# run and interleaved (REPS rounds; the table gives medians, so one disturbed run does not decide). The
# server is pinned to CPU 0, the client to CPU 1. Also: libq53 with a socket per query (udp_max_queries 1),
# with one socket for every query as c-ares 1.18 does (no port randomisation beyond the first), without
# pacing (udp_inflight 100000), and without UDP GSO (Q53_RES_NOGSO), to show what each choice costs; the size of both libraries; heap per
# lookup in flight; the server's CPU per lookup.
#
#   bench/resolve.sh BUILD_DIR [NAMES [REPS]]       (defaults: 100000 names, 5 rounds)
#
# Needs: taskset, dig, and a build configured with libc-ares-dev installed (bench_resolve links c-ares).
set -euo pipefail

build=$(cd "${1:?usage: bench/resolve.sh BUILD_DIR [NAMES [REPS]]}" && pwd)
names=${2:-100000}
reps=${3:-5}
src=$(cd "$(dirname "$0")/.." && pwd)

for t in taskset dig; do
	command -v "$t" >/dev/null || { echo "resolve.sh: $t is missing" >&2; exit 1; }
done
make -s -C "$build" tools/q53d bench/bench_resolve >/dev/null
grep -q '^#define HAVE_CARES 1' "$build/config.h" || {
	echo "resolve.sh: $build was configured without c-ares (apt-get install libc-ares-dev, re-run configure)" >&2
	exit 1
}
bench="$build/bench/bench_resolve"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/q53-resolve.XXXXXX")
spid=
cleanup() {
	[ -z "$spid" ] || { kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null || true; }
	rm -rf "$tmp"
}
trap cleanup EXIT

# One wildcard answers every name, so each lookup is a different question for the server.
cat >"$tmp/example.zone" <<'Z'
$TTL 3600
@	IN	SOA	ns1 hostmaster 1 7200 3600 1209600 300
@	IN	NS	ns1
ns1	IN	A	192.0.2.53
*	IN	A	192.0.2.1
Z
for try in 1 2 3 4 5; do
	port=$((10000 + RANDOM % 20000)) # below the ephemeral range (tests/system/lib.sh)
	taskset -c 0 "$build/tools/q53d" -f -t 1 -l "127.0.0.1@$port" -z "example=$tmp/example.zone" \
		>"$tmp/q53d.log" 2>&1 &
	spid=$!
	up=0
	for i in $(seq 1 100); do
		if dig +short +time=1 +tries=1 @127.0.0.1 -p "$port" n1.example A 2>/dev/null | grep -q 192.0.2.1; then
			up=1
			break
		fi
		kill -0 "$spid" 2>/dev/null || break
		sleep 0.1
	done
	[ $up -eq 1 ] && break
	kill "$spid" 2>/dev/null || true
	wait "$spid" 2>/dev/null || true
	spid=
done
[ -n "$spid" ] || { echo "resolve.sh: q53d did not start: $(cat "$tmp/q53d.log")" >&2; exit 1; }

# label | library | in flight | udp_max_queries | udp_inflight
configs=(
	"q53|q53|100|0|0"
	"c-ares|cares|100|0|0"
	"q53|q53|1000|0|0"
	"c-ares|cares|1000|0|0"
	"q53, socket per query|q53|100|1|0"
	"q53, one socket for all|q53|100|1000000|0"
	"q53, no pacing|q53|1000|0|100000"
	"q53, no GSO|q53-nogso|100|0|0"
)
hz=$(getconf CLK_TCK)
load0=$(cut -d' ' -f1-3 /proc/loadavg)
stick() { sed 's/.*) //' "/proc/$spid/stat" | awk '{ print $12 + $13 }'; }
for r in $(seq 1 "$reps"); do
	for i in "${!configs[@]}"; do
		IFS='|' read -r label lib inflight maxq udpin <<<"${configs[$i]}"
		s0=$(stick)
		out=$(taskset -c 1 "$bench" "$lib" "127.0.0.1:$port" "$names" "$inflight" "$maxq" "$udpin")
		s1=$(stick)
		echo "$out server_us=$(awk -v t=$((s1 - s0)) -v hz="$hz" -v n="$names" 'BEGIN { printf "%.2f", t / hz * 1e6 / n }')" \
			>>"$tmp/run.$i"
		echo "round $r: $label: $out" >&2
	done
done

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "Load before: $load0, after: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs; $names names per run, medians of $reps rounds;"
echo "q53d -t 1 on CPU 0, client on CPU 1; c-ares $(pkg-config --modversion libcares 2>/dev/null || echo '?')"
echo
echo "| library | in flight | lookups/s | client CPU us/lookup | server CPU us/lookup | failed (all rounds) | heap B per lookup in flight |"
echo "|---|---|---|---|---|---|---|"
for i in "${!configs[@]}"; do
	IFS='|' read -r label lib inflight maxq udpin <<<"${configs[$i]}"
	f="$tmp/run.$i"
	rate=$(field rate <"$f" | median)
	cpu=$(field cpu_us <"$f" | median)
	heap=$(field heap_per_inflight <"$f" | median)
	scpu=$(field server_us <"$f" | median)
	failed=$(field failed <"$f" | awk '{ s += $1 } END { print s }')
	printf '| %s | %s | %.0f | %.2f | %.2f | %s | %.0f |\n' "$label" "$inflight" "$rate" "$cpu" "$scpu" "$failed" "$heap"
done

# The ratio that decides issue 6, taken within each round (runs 0 and 1 are minutes apart at most, at the
# same machine speed; the machine's speed drifts by tens of percent between rounds), then its median and range.
ratios=$(paste <(field rate <"$tmp/run.0") <(field rate <"$tmp/run.1") | awk '{ printf "%.4f\n", $1 / $2 }')
printf '\nlookups/s q53 / c-ares at 100 in flight, within each round: median %.2f, range %.2f-%.2f over %d rounds\n' \
	"$(median <<<"$ratios")" "$(sort -g <<<"$ratios" | head -1)" "$(sort -g <<<"$ratios" | tail -1)" \
	"$(wc -l <<<"$ratios")"

# Library sizes: text + data + bss of the shared objects (debug sections left out).
q53so=$(ls "$build"/lib/.libs/libq53.so.*.*.* 2>/dev/null | head -1)
caresso=$(ldd "$build/bench/.libs/bench_resolve" 2>/dev/null | awk '/libcares/ { print $3 }')
[ -n "$caresso" ] || caresso=$(ldd "$bench" 2>/dev/null | awk '/libcares/ { print $3 }')
sz() { size "$1" | awk 'NR == 2 { print $4 }'; }
echo
echo "| library | text+data+bss (bytes) | file |"
echo "|---|---|---|"
echo "| libq53.so | $(sz "$q53so") | $(basename "$q53so") |"
echo "| libcares.so | $(sz "$caresso") | $(basename "$caresso") |"
