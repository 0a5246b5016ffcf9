#!/bin/sh
# Start-up cost of one lookup on loopback (issue 7): wall time (mean of N runs) and peak RSS of q53, dig,
# kdig and drill asking the same q53d on 127.0.0.1 for www.example.com A, in one run so the numbers are
# comparable. Nothing leaves the machine. Usage (from a build dir):
#   top_srcdir=$PWD/.. top_builddir=$PWD sh ../bench/startup.sh [N]
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
N=${1:-200}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/q53-startup.XXXXXX")
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
mkdir "$WORK/z"
printf '$TTL 3600\n@ SOA ns1 h 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.53\nwww A 192.0.2.1\n' \
	>"$WORK/z/example.com.zone"
PORT=$((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000))
"$top_builddir/tools/q53d" -f -t 1 -d "$WORK/z" -l "127.0.0.1@$PORT" 2>"$WORK/log" &
PID=$!
i=0
until grep -q serving "$WORK/log"; do
	i=$((i + 1))
	[ $i -lt 100 ] || { echo "q53d did not start: $(cat "$WORK/log")" >&2; exit 1; }
	sleep 0.1
done
run() {
	name=$1
	shift
	"$@" >/dev/null 2>&1 || { echo "$name failed" >&2; return; }
	t0=$(date +%s%N)
	j=0
	while [ $j -lt "$N" ]; do
		"$@" >/dev/null 2>&1
		j=$((j + 1))
	done
	t1=$(date +%s%N)
	rss=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1)
	printf '%-6s %8.2f ms %8s KiB\n' "$name" "$(awk "BEGIN { print ($t1 - $t0) / $N / 1000000 }")" "$rss"
}
printf '%-6s %11s %12s   (%s runs each, www.example.com A from q53d on 127.0.0.1)\n' tool "wall/lookup" "peak RSS" "$N"
run q53 "$top_builddir/tools/q53" +short +tries=1 @127.0.0.1 -p "$PORT" www.example.com
run dig dig +short +tries=1 @127.0.0.1 -p "$PORT" www.example.com
run kdig kdig +short +retry=0 @127.0.0.1 -p "$PORT" www.example.com
run drill drill -p "$PORT" www.example.com @127.0.0.1
