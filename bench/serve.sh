#!/usr/bin/env bash
# Server benchmark (issue 5): dnsperf against q53d, NSD, Knot and BIND serving the same zone with the same
# query file in one run, UDP and TCP, each server pinned to CPU 0 and dnsperf to CPU 1, plus the server's CPU
# time per query (utime+stime from /proc, all threads and children) and, as the I/O floor, bench/echo (bare
# recvmmsg/sendmmsg). Then the RSS of each server holding a 1,000,000-record zone. Writes a markdown table to
# stdout, bench/serve.dat and, with gnuplot, bench/serve.png.
# Usage: bench/serve.sh [BUILD_DIR]  (default: build; env DUR=seconds per run, default 6; ROUNDS=rounds,
# default 3). With SPLIT=1 it runs only q53d and NSD over UDP, taking turns, and prints each run's user and
# system CPU per query of the server apart, with the machine's context switches per 1,000 queries (most are
# the server and dnsperf waking each other): whether a difference is user-space work or the kernel's.
# SPLIT=rrl adds q53d-rrl and nsd-rrl: the same servers with response rate limiting counting every
# response (loopback not exempt, 10000 a second per bucket, every limited response truncated rather than
# dropped), for what it costs per query. The servers take turns round after round, and each figure is the median over the rounds: the
# machine's speed drifts by tens of percent within minutes, so one run per server compared servers measured
# at different speeds. The ratios are taken within each round (same speed), then their median and range.
# Servers listen on 127.0.0.1 only; nothing is sent anywhere else; everything started is stopped on exit.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
dur=${DUR:-6}
rounds=${ROUNDS:-3}
q53d=$build/tools/q53d
echo_bin=$build/bench/echo
[ -x "$q53d" ] || { echo "build q53d first (no $q53d)" >&2; exit 1; }
[ -x "$echo_bin" ] || make -C "$build" bench/echo >/dev/null
need=()
for p in dnsperf gnuplot-nox nsd knot bind9 dnsutils; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
	# Keep the daemons' own services from starting while they are installed.
	printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
	rm -f /usr/sbin/policy-rc.d
fi
tmp=$(mktemp -d /tmp/q53-serve.XXXXXX)
pid=
cleanup() {
	[ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; }
	rm -rf "$tmp"
}
trap cleanup EXIT

# The zone: 100,000 names with A, AAAA and MX; queries: 80% A/AAAA, 10% MX, 10% NXDOMAIN, shuffled.
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
[ -n "${SPLIT:-}" ] || awk 'BEGIN {
	print "$ORIGIN example.com.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\n@ NS ns2"
	print "ns1 A 192.0.2.1\nns2 A 192.0.2.2"
	for (i = 0; i < 1000000; i++)
		printf "host%d A 10.%d.%d.%d\n", i, int(i / 65536) % 256, int(i / 256) % 256, i % 256
}' >"$tmp/big.zone"

port() { echo $((10000 + RANDOM % 20000)); } # below the ephemeral range (tests/system/lib.sh)
hz=$(getconf CLK_TCK)

# CPU ticks of a process and its children, "utime stime"; /proc/PID/stat counts every thread, dead or alive.
cpu_ticks() {
	local u=0 y=0 c a b
	for c in $1 $(pgrep -P "$1" || true) $(for k in $(pgrep -P "$1" || true); do pgrep -P "$k" || true; done); do
		read -r a b < <(sed 's/.*) //' "/proc/$c/stat" 2>/dev/null | awk '{ print $12, $13 }') || continue
		u=$((u + ${a:-0}))
		y=$((y + ${b:-0}))
	done
	echo "$u $y"
}
rss_kb() { # largest VmRSS in the process tree (NSD serves from a forked child)
	local max=0 c r
	for c in $1 $(pgrep -P "$1" || true); do
		r=$(awk '/VmRSS/ { print $2 }' "/proc/$c/status" 2>/dev/null || true)
		[ "${r:-0}" -gt "$max" ] && max=$r
	done
	echo "$max"
}
wait_up() { # port [qname qtype]: bounded wait (60 s) for an answer
	local i
	for i in $(seq 1 300); do
		dig +time=1 +tries=1 @127.0.0.1 -p "$1" "${2:-example.com}" "${3:-SOA}" 2>/dev/null | grep -q 'status: ' &&
			return 0
		sleep 0.2
	done
	return 1
}

# start NAME ZONEFILE PORT: starts the server pinned to CPU 0 with one worker; sets pid.
start() {
	local n=$1 z=$2 p=$3 d=$tmp/$1
	mkdir -p "$d"
	case $n in
	echo) taskset -c 0 "$echo_bin" "$p" -T >/dev/null 2>&1 & ;;
	q53d) taskset -c 0 "$q53d" -f -t 1 -l "127.0.0.1@$p" -z "example.com=$z" >"$d/log" 2>&1 & ;;
	q53d-rrl)
		printf 'rrl-rate 10000\nrrl-slip 1\nrrl-exempt none\n' >"$d/q53d.conf"
		taskset -c 0 "$q53d" -f -t 1 -c "$d/q53d.conf" -l "127.0.0.1@$p" -z "example.com=$z" >"$d/log" 2>&1 &
		;;
	nsd | nsd-rrl)
		local rl=0 slip=2
		[ "$n" = nsd-rrl ] && rl=10000 slip=1
		cat >"$d/nsd.conf" <<CONF
server:
  ip-address: 127.0.0.1@$p
  port: $p
  username: ""
  chroot: ""
  zonesdir: "$tmp"
  database: ""
  zonelistfile: "$d/zone.list"
  xfrdfile: "$d/xfrd.state"
  pidfile: "$d/nsd.pid"
  server-count: 1
  tcp-count: 100
  rrl-ratelimit: $rl
  rrl-slip: $slip
  rrl-whitelist-ratelimit: $rl
  logfile: "$d/log"
remote-control:
  control-enable: no
zone:
  name: example.com
  zonefile: "$z"
CONF
		taskset -c 0 nsd -d -c "$d/nsd.conf" >/dev/null 2>&1 &
		;;
	knot)
		cat >"$d/knot.conf" <<CONF
server:
  listen: 127.0.0.1@$p
  rundir: "$d"
  background-workers: 1
  udp-workers: 1
  tcp-workers: 1
database:
  storage: "$d"
log:
  - target: stderr
    any: error
template:
  - id: default
    storage: "$tmp"
    journal-content: none
    zonefile-sync: -1
zone:
  - domain: example.com
    file: "$z"
CONF
		taskset -c 0 knotd -c "$d/knot.conf" >/dev/null 2>&1 &
		;;
	named)
		cat >"$d/named.conf" <<CONF
options {
  directory "$d";
  pid-file "$d/named.pid";
  session-keyfile none;
  listen-on port $p { 127.0.0.1; };
  listen-on-v6 { none; };
  recursion no;
  notify no;
};
controls { };
zone "example.com" { type primary; file "$z"; };
CONF
		taskset -c 0 named -g -n 1 -c "$d/named.conf" >"$d/log" 2>&1 &
		;;
	esac
	pid=$!
}
stop() {
	kill "$pid" 2>/dev/null || true
	local i
	for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	pid=
}

# perf PORT MODE: runs dnsperf on CPU 1; prints "qps completed cpu_ticks user_ticks system_ticks
# context_switches" (the server's CPU; the machine's context switches, from /proc/stat).
perf() {
	local u0 y0 u1 y1 c0 c1 out
	read -r u0 y0 <<<"$(cpu_ticks "$pid")"
	c0=$(awk '/^ctxt/ { print $2 }' /proc/stat)
	out=$(timeout $((dur + 30)) taskset -c 1 dnsperf -s 127.0.0.1 -p "$1" -d "$tmp/queries" -l "$dur" -c 20 \
		-q 200 -m "$2" 2>&1) || true
	read -r u1 y1 <<<"$(cpu_ticks "$pid")"
	c1=$(awk '/^ctxt/ { print $2 }' /proc/stat)
	echo "$(awk '/Queries per second/ { print $4 }' <<<"$out") \
$(awk '/Queries completed/ { print $3 }' <<<"$out") $((u1 + y1 - u0 - y0)) $((u1 - u0)) $((y1 - y0)) $((c1 - c0))"
}

if [ -n "${SPLIT:-}" ]; then
	echo "| round | server | qps | user us/query | system us/query | total | context switches per 1,000 queries |"
	echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
	for r in $(seq 1 "$rounds"); do
		servers="q53d nsd"
		[ "$SPLIT" = rrl ] && servers="q53d q53d-rrl nsd nsd-rrl"
		for s in $servers; do
			p=$(port)
			start "$s" "$tmp/example.com.zone" "$p"
			wait_up "$p" || { echo "$s did not answer" >&2; exit 1; }
			sleep 0.5
			read -r q n c u y x <<<"$(perf "$p" udp)"
			stop
			awk -v r="$r" -v s="$s" -v q="${q:-0}" -v n="${n:-0}" -v c="$c" -v u="$u" -v y="$y" -v x="$x" \
				-v hz="$hz" 'BEGIN { k = n ? 1e6 / hz / n : 0; printf "| %d | %s | %d | %.2f | %.2f | %.2f | %.1f |\n",
				r, s, q, u * k, y * k, c * k, n ? x * 1000 / n : 0 }'
		done
	done
	exit 0
fi

dat=$top/bench/serve.dat
echo "# server udp_qps udp_us tcp_qps tcp_us rss_mb (medians of $rounds rounds)" >"$dat"
servers="echo q53d nsd knot named"
us() { awk -v c="$1" -v n="${2:-0}" -v hz="$hz" 'BEGIN { printf "%.2f", n ? c / hz / n * 1e6 : 0 }'; }
declare -A uq uu tq tu rs
for r in $(seq 1 "$rounds"); do
	for s in $servers; do
		p=$(port)
		start "$s" "$tmp/example.com.zone" "$p"
		if [ "$s" = echo ] || wait_up "$p"; then
			sleep 0.5
			read -r q n c _ <<<"$(perf "$p" udp)"
			uq[$s,$r]=${q:-0}
			uu[$s,$r]=$(us "$c" "$n")
			# The echo serves TCP one connection at a time, so dnsperf's 20 connections would measure its
			# queue.
			q=0 n=0 c=0
			[ "$s" = echo ] || read -r q n c _ <<<"$(perf "$p" tcp)"
			tq[$s,$r]=${q:-0}
			tu[$s,$r]=$(us "$c" "$n")
		else
			echo "$s did not answer" >&2
			uq[$s,$r]=0 uu[$s,$r]=0 tq[$s,$r]=0 tu[$s,$r]=0
		fi
		stop
	done
done
for s in $servers; do
	rs[$s]=0
	if [ "$s" != echo ]; then
		p=$(port)
		start "$s" "$tmp/big.zone" "$p"
		wait_up "$p" && rs[$s]=$(awk -v k="$(rss_kb "$pid")" 'BEGIN { printf "%.0f", k / 1024 }')
		stop
	fi
done

# med V1 V2 ...: the median (the lower middle one for an even count).
med() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# range V1 V2 ...: "min-max".
range() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "-" hi }'; }
col() { # col ARRAY SERVER: the values of every round
	local -n a=$1
	local r
	for r in $(seq 1 "$rounds"); do echo "${a[$2,$r]}"; done
}
min2() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b ? a : b) }'; }
max2() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b ? a : b) }'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
# Ratios within each round.
declare -a r_cpu r_floor r_qps r_tcp
for r in $(seq 1 "$rounds"); do
	r_cpu+=("$(div "${uu[q53d,$r]}" "$(min2 "${uu[nsd,$r]}" "${uu[knot,$r]}")")")
	r_floor+=("$(div "${uu[q53d,$r]}" "${uu[echo,$r]}")")
	r_qps+=("$(div "${uq[q53d,$r]}" "$(max2 "${uq[nsd,$r]}" "${uq[knot,$r]}")")")
	r_tcp+=("$(div "${tq[q53d,$r]}" "$(max2 "$(max2 "${tq[nsd,$r]}" "${tq[knot,$r]}")" "${tq[named,$r]}")")")
done
echo "Load: $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds of ${dur} s per server and mode, taking turns;" \
	"$(nproc) CPUs; dnsperf -c 20 -q 200; medians over the rounds"
echo
echo "| server | UDP qps | UDP us/query | TCP qps | TCP us/query | RSS, 1M records |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for s in $servers; do
	mq=$(med $(col uq "$s")) mu=$(med $(col uu "$s")) mt=$(med $(col tq "$s")) mtu=$(med $(col tu "$s"))
	echo "| $s | ${mq%.*} | $mu | ${mt%.*} | $mtu | ${rs[$s]} MB |"
	echo "$s $mq $mu $mt $mtu ${rs[$s]}" >>"$dat"
done
echo
echo "| q53d ratio (within a round) | median | range over rounds | goal |"
echo "| --- | ---: | ---: | --- |"
echo "| UDP us/query / best of NSD, Knot | $(med "${r_cpu[@]}") | $(range "${r_cpu[@]}") | <= 0.85 |"
echo "| UDP us/query / echo floor | $(med "${r_floor[@]}") | $(range "${r_floor[@]}") | about 1.1 |"
echo "| UDP qps / best of NSD, Knot | $(med "${r_qps[@]}") | $(range "${r_qps[@]}") | >= 1 |"
echo "| TCP qps / best of NSD, Knot, BIND | $(med "${r_tcp[@]}") | $(range "${r_tcp[@]}") | >= 1.2 |"
echo "| RSS, 1M records | ${rs[q53d]} MB | | <= 120 MB |"
command -v gnuplot >/dev/null && (cd "$top/bench" && gnuplot serve.gp) || true
