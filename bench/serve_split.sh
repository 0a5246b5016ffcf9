#!/usr/bin/env bash
# Where a server's CPU goes under dnsperf (issue 5 follow-up): q53d and NSD take turns serving one zone on
# 127.0.0.1 (pinned to CPU 0, one worker each, as in bench/serve.sh), dnsperf on CPU 1 for DUR seconds;
# for each run, user and system CPU per query of the server's processes (from /proc) and the machine's
# context switches per 1,000 queries (/proc/stat: most are the server and dnsperf waking each other).
# serve.sh gives the ratios that decide the goal; this shows whether a difference is user-space work or
# the kernel's. Servers listen on 127.0.0.1 only; everything started is stopped on exit.
#
#   bench/serve_split.sh BUILD_DIR [ROUNDS]     (default 3 rounds; env DUR=seconds per run, default 4)
set -euo pipefail
build=$(cd "${1:?usage: bench/serve_split.sh BUILD_DIR [ROUNDS]}" && pwd)
rounds=${2:-3}
dur=${DUR:-4}
q53d=$build/tools/q53d
[ -x "$q53d" ] || { echo "serve_split.sh: build q53d first (no $q53d)" >&2; exit 1; }
for t in dnsperf nsd dig taskset; do
	command -v "$t" >/dev/null || { echo "serve_split.sh: $t is missing (bench/serve.sh installs it)" >&2; exit 1; }
done
tmp=$(mktemp -d /tmp/q53-split.XXXXXX)
pid=
cleanup() {
	[ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
	rm -rf "$tmp"
}
trap cleanup EXIT

# The zone and queries of bench/serve.sh: 100,000 names with A, AAAA and MX; 10% NXDOMAIN.
awk 'BEGIN {
	print "$ORIGIN example.com.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\n@ NS ns2"
	print "ns1 A 192.0.2.1\nns2 A 192.0.2.2"
	for (i = 0; i < 100000; i++)
		printf "h%d A 10.%d.%d.%d\nh%d AAAA 2001:db8::%x:%x\nh%d MX 10 h%d\n", i, int(i / 65536),
			int(i / 256) % 256, i % 256, i, int(i / 65536), i % 65536, i, i
}' >"$tmp/example.com.zone"
awk 'BEGIN {
	srand(53)
	for (i = 0; i < 200000; i++) {
		r = rand(); h = int(rand() * 100000)
		if (r < 0.4) printf "h%d.example.com A\n", h
		else if (r < 0.8) printf "h%d.example.com AAAA\n", h
		else if (r < 0.9) printf "h%d.example.com MX\n", h
		else printf "nx%d.example.com A\n", h
	}
}' >"$tmp/queries"

hz=$(getconf CLK_TCK)
# The server and its children and grandchildren (NSD serves from a forked child), one PID per word.
# shellcheck disable=SC2046
tree() { echo "$pid" $(pgrep -P "$pid" || true) $(for k in $(pgrep -P "$pid" || true); do pgrep -P "$k" || true; done); }
cpu() { # user and system ticks of the server's process tree
	local u=0 s=0 c a b
	for c in $(tree); do
		read -r a b < <(sed 's/.*) //' "/proc/$c/stat" 2>/dev/null | awk '{ print $12, $13 }') || continue
		u=$((u + ${a:-0}))
		s=$((s + ${b:-0}))
	done
	echo "$u $s"
}

start() { # name port: starts the server; sets pid
	local p=$2
	case $1 in
	q53d) taskset -c 0 "$q53d" -f -t 1 -l "127.0.0.1@$p" -z "example.com=$tmp/example.com.zone" >"$tmp/log" 2>&1 & ;;
	nsd)
		cat >"$tmp/nsd.conf" <<CONF
server:
  ip-address: 127.0.0.1@$p
  port: $p
  username: ""
  chroot: ""
  zonesdir: "$tmp"
  database: ""
  zonelistfile: "$tmp/zone.list"
  xfrdfile: "$tmp/xfrd.state"
  pidfile: "$tmp/nsd.pid"
  server-count: 1
  tcp-count: 100
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
  logfile: "$tmp/nsd.log"
remote-control:
  control-enable: no
zone:
  name: example.com
  zonefile: "$tmp/example.com.zone"
CONF
		taskset -c 0 nsd -d -c "$tmp/nsd.conf" >/dev/null 2>&1 &
		;;
	esac
	pid=$!
	local _
	for _ in $(seq 1 150); do
		dig +time=1 +tries=1 @127.0.0.1 -p "$p" example.com SOA 2>/dev/null | grep -q 'status: ' && return 0
		sleep 0.2
	done
	echo "serve_split.sh: $1 did not answer" >&2
	exit 1
}

echo "| round | server | qps | user us/query | system us/query | total | context switches per 1,000 queries |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
for r in $(seq 1 "$rounds"); do
	for s in q53d nsd; do
		p=$((10000 + RANDOM % 20000)) # below the ephemeral range (tests/system/lib.sh)
		start "$s" "$p"
		read -r u0 s0 < <(cpu)
		c0=$(awk '/^ctxt/ { print $2 }' /proc/stat)
		out=$(taskset -c 1 dnsperf -s 127.0.0.1 -p "$p" -d "$tmp/queries" -l "$dur" -c 20 -q 200 2>&1)
		read -r u1 s1 < <(cpu)
		c1=$(awk '/^ctxt/ { print $2 }' /proc/stat)
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		pid=
		q=$(awk '/Queries completed/ { print $3 }' <<<"$out")
		qps=$(awk '/Queries per second/ { printf "%d", $4 }' <<<"$out")
		awk -v r="$r" -v s="$s" -v qps="$qps" -v u=$((u1 - u0)) -v y=$((s1 - s0)) -v hz="$hz" -v q="$q" \
			-v c=$((c1 - c0)) 'BEGIN { printf "| %d | %s | %d | %.2f | %.2f | %.2f | %.1f |\n", r, s, qps,
				u / hz * 1e6 / q, y / hz * 1e6 / q, (u + y) / hz * 1e6 / q, c * 1000 / q }'
	done
done
