#!/bin/sh
# Start-up cost of one lookup on loopback (issue 7): wall time (mean of N runs) and peak RSS of q53, dig,
# kdig and drill asking the same q53d on 127.0.0.1 for www.example.com A, in one run so the numbers are
# comparable. When port 53 can be bound (root), q53d also listens on port 53 of a random 127.R.S.1 and two
# more rows show q53 without @server (libq53 with a resolv.conf naming that address) and q53 -r (hosts
# file + DNS, A and AAAA). Nothing leaves the machine. Usage (from a build dir):
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
PORT=$((10000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 20000)) # below the ephemeral range
# resolv.conf has no port: the libq53 rows need port 53 on an address of their own.
LIB=127.$(od -An -N2 -tu1 /dev/urandom | awk '{print ($1 % 254) + 1 "." ($2 % 254) + 1}').1
python3 -c 'import socket,sys; s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); s.bind((sys.argv[1],53))' \
	"$LIB" 2>/dev/null && LISTEN53="-l $LIB@53" || LISTEN53=
# shellcheck disable=SC2086
"$top_builddir/tools/q53d" -f -t 1 -d "$WORK/z" -l "127.0.0.1@$PORT" $LISTEN53 2>"$WORK/log" &
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
if [ -n "$LISTEN53" ]; then
	printf 'nameserver %s\noptions timeout:2 attempts:1\n' "$LIB" >"$WORK/resolv.conf"
	: >"$WORK/hosts"
	run q53lib "$top_builddir/tools/q53" +short --resolv-conf "$WORK/resolv.conf" www.example.com
	run q53-r "$top_builddir/tools/q53" +short --resolv-conf "$WORK/resolv.conf" --hosts "$WORK/hosts" \
		-r www.example.com
fi
run dig dig +short +tries=1 @127.0.0.1 -p "$PORT" www.example.com
run kdig kdig +short +retry=0 @127.0.0.1 -p "$PORT" www.example.com
run drill drill -p "$PORT" www.example.com @127.0.0.1
