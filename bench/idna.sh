#!/bin/sh
# IDNA benchmark (issue 3): bench/bench_idna pinned to one CPU (the last one online, or CPU given as $CPU), so
# that the scheduler does not move it between the copy and q53 batches it compares.
#
#   bench/idna.sh BUILD_DIR [SCALE]        (SCALE multiplies the calls per round; default 1)
#
# On a machine others use, run it under a lock that every benchmark takes, e.g. flock /tmp/bench.lock
# bench/idna.sh build. Needs taskset (util-linux); without it the program runs unpinned and says so.
set -eu
build=${1:?usage: bench/idna.sh BUILD_DIR [SCALE]}
scale=${2:-1}
make -s -C "$build" bench/bench_idna >/dev/null
cpu=${CPU:-$(($(getconf _NPROCESSORS_ONLN) - 1))}
if command -v taskset >/dev/null 2>&1; then
	echo "bench/idna.sh: pinned to CPU $cpu"
	exec taskset -c "$cpu" "$build/bench/bench_idna" "$scale"
fi
echo "bench/idna.sh: taskset is missing, not pinned" >&2
exec "$build/bench/bench_idna" "$scale"
