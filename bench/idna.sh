#!/bin/sh
# IDNA benchmark (issue 3): bench/bench_idna pinned to one CPU (the last one online, or CPU given as $CPU), so
# that the scheduler does not move it between the batches it compares, run RUNS times (default 5), each a new
# process. bench_idna times every method at 256 placements of the input and output (see its header); what
# still moves a process's ratios is the machine: on a shared host, the same binary measured 0.95 in one
# minute and 1.3 in the next for a 72-octet name, every method slower alike. The last table gives, for each
# ASCII name, the median over the runs of each run's q53/copy ratio, and the lowest and highest of them.
#
#   bench/idna.sh BUILD_DIR [SCALE [RUNS]]     (SCALE multiplies the calls per round; default 1)
#
# On a machine others use, run it under a lock that every benchmark takes, e.g. flock /tmp/bench.lock
# bench/idna.sh build. Needs taskset (util-linux); without it the program runs unpinned and says so.
set -eu
build=${1:?usage: bench/idna.sh BUILD_DIR [SCALE [RUNS]]}
scale=${2:-1}
runs=${3:-5}
make -s -C "$build" bench/bench_idna >/dev/null
cpu=${CPU:-$(($(getconf _NPROCESSORS_ONLN) - 1))}
pin="taskset -c $cpu"
if command -v taskset >/dev/null 2>&1; then
	echo "bench/idna.sh: pinned to CPU $cpu, $runs runs"
else
	echo "bench/idna.sh: taskset is missing, not pinned" >&2
	pin=
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
i=0
while [ "$i" -lt "$runs" ]; do
	i=$((i + 1))
	echo "run $i:"
	$pin "$build/bench/bench_idna" "$scale" | tee -a "$out"
done
echo
echo "ASCII names, q53/copy over $runs runs: median of the runs' medians (lowest-highest run)"
# The ratio is the second-to-last field of an ASCII row: "... q53/cp (q1-q3)".
awk '$NF ~ /^\([0-9.]+-[0-9.]+\)$/ { r[$1] = r[$1] " " $(NF - 1) }
END {
	for (k in r) {
		n = split(r[k], v, " ")
		for (a = 1; a <= n; a++) for (b = a + 1; b <= n; b++) if (v[b] < v[a]) { t = v[a]; v[a] = v[b]; v[b] = t }
		m = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
		printf "%s octets: %.2f (%.2f-%.2f)\n", k, m, v[1], v[n]
	}
}' "$out" | sort -n
