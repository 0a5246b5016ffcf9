#!/usr/bin/env bash
# Zone load benchmark (issue 4): load time and resident memory for a zone of 1,000,000 A records and one of
# 100,000 mixed records, for q53-zonecheck next to nsd-checkzone, kzonecheck, named-checkzone and
# ldns-read-zone, plus what NSD and Knot hold while serving the big zone, all in one run.
# Usage: bench/zoneload.sh [BUILD_DIR]   (default: build). Servers listen on 127.0.0.1 only.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
zc=$build/tools/q53-zonecheck
[ -x "$zc" ] || { echo "build q53 first (no $zc)" >&2; exit 1; }
need=()
for p in nsd knot knot-dnssecutils bind9-utils ldnsutils time dnsutils; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
	printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
	rm -f /usr/sbin/policy-rc.d
fi
tmp=$(mktemp -d /tmp/q53-zoneload.XXXXXX)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT

# The zones.
awk 'BEGIN {
	print "$ORIGIN example.com.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\n@ NS ns2"
	print "ns1 A 192.0.2.1\nns2 A 192.0.2.2"
	for (i = 0; i < 1000000; i++)
		printf "host%d A 10.%d.%d.%d\n", i, int(i / 65536) % 256, int(i / 256) % 256, i % 256
}' >"$tmp/big.zone"
awk 'BEGIN {
	print "$ORIGIN example.com.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\n@ NS ns2"
	print "ns1 A 192.0.2.1\nns2 A 192.0.2.2"
	for (i = 0; i < 100000 / 10; i++) {
		printf "h%d A 10.%d.%d.1\nh%d AAAA 2001:db8::%x\n", i, int(i / 256) % 256, i % 256, i, i
		printf "h%d MX 10 mail%d\nmail%d A 10.%d.%d.2\n", i, i, i, int(i / 256) % 256, i % 256
		printf "t%d TXT \"v=spf1 include:_spf%d.example.net -all\"\nc%d CNAME h%d\n", i, i, i, i
		printf "_sip._tcp.h%d SRV 0 5 5060 h%d\nd%d NS ns.d%d\nns.d%d A 10.%d.%d.3\nw%d 300 A 10.%d.%d.4\n",
			i, i, i, i, i, int(i / 256) % 256, i % 256, i, int(i / 256) % 256, i % 256
	}
}' >"$tmp/mixed.zone"

ms() { awk -v s="$1" 'BEGIN { printf "%.0f", s * 1000 }'; }

# Runs a checker under GNU time; prints "seconds maxrss_kb". Checkers run in a network namespace of their
# own with no route anywhere: named-checkzone's integrity checks look names up through the system resolver,
# and a benchmark must never send a packet off this machine.
measure() {
	local out=$tmp/time.out
	if ! unshare -n /usr/bin/time -f '%e %M' -o "$out" "$@" >/dev/null 2>"$tmp/err.out"; then
		echo "failed: $*" >&2
		tail -3 "$tmp/err.out" >&2
		echo "- -"
		return
	fi
	cat "$out"
}

port() { echo $((20000 + RANDOM % 20000)); }

# Serving RSS: start the server on 127.0.0.1, wait for its SOA answer, read VmRSS.
wait_soa() {
	local p=$1 i
	for i in $(seq 1 600); do
		dig +short +time=1 +tries=1 @127.0.0.1 -p "$p" example.com SOA 2>/dev/null | grep -q hostmaster && return 0
		sleep 0.2
	done
	return 1
}
rss_kb() { awk '/VmRSS/ { print $2 }' "/proc/$1/status"; }

serve_nsd() {
	local p z=$1 t0 t1
	p=$(port)
	mkdir -p "$tmp/nsd"
	cat >"$tmp/nsd/nsd.conf" <<CONF
server:
  ip-address: 127.0.0.1@$p
  port: $p
  username: ""
  chroot: ""
  zonesdir: "$tmp"
  database: ""
  zonelistfile: "$tmp/nsd/zone.list"
  xfrdfile: "$tmp/nsd/xfrd.state"
  pidfile: "$tmp/nsd/nsd.pid"
  server-count: 1
  logfile: "$tmp/nsd/log"
remote-control:
  control-enable: no
zone:
  name: example.com
  zonefile: "$z"
CONF
	t0=$(date +%s.%N)
	nsd -d -c "$tmp/nsd/nsd.conf" >/dev/null 2>&1 &
	local pid=$!
	pids+=("$pid")
	if wait_soa "$p"; then
		t1=$(date +%s.%N)
		# NSD serves from a forked child: count the largest process of its tree.
		local max=0 c r
		for c in $pid $(pgrep -P "$pid"); do
			r=$(rss_kb "$c")
			[ "${r:-0}" -gt "$max" ] && max=$r
		done
		echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }') $max"
	else
		echo "- -"
	fi
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

serve_knot() {
	local p z=$1 t0 t1
	p=$(port)
	mkdir -p "$tmp/knot"
	cat >"$tmp/knot/knot.conf" <<CONF
server:
  listen: 127.0.0.1@$p
  rundir: "$tmp/knot"
  background-workers: 1
  udp-workers: 1
  tcp-workers: 1
database:
  storage: "$tmp/knot"
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
	t0=$(date +%s.%N)
	knotd -c "$tmp/knot/knot.conf" >/dev/null 2>&1 &
	local pid=$!
	pids+=("$pid")
	if wait_soa "$p"; then
		t1=$(date +%s.%N)
		echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }') $(rss_kb "$pid")"
	else
		echo "- -"
	fi
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

row() { # name seconds rss_kb q53_seconds q53_rss
	local s=$2 m=$3
	if [ "$s" = - ]; then
		printf '| %-28s | %9s | %9s | %11s | %11s |\n' "$1" "failed" "-" "-" "-"
		return
	fi
	printf '| %-28s | %9s | %9s | %11s | %11s |\n' "$1" "$(ms "$s") ms" "$((m / 1024)) MB" \
		"$(awk -v a="$4" -v b="$s" 'BEGIN { printf "%.2f", a / b }')" \
		"$(awk -v a="$5" -v b="$m" 'BEGIN { printf "%.2f", a / b }')"
}

for z in big mixed; do
	f=$tmp/$z.zone
	lines=$(wc -l <"$f")
	size=$(du -m "$f" | cut -f1)
	echo
	echo "### $z.zone: $lines lines, $size MB ($(date -u +%Y-%m-%d), $(nproc) cores)"
	echo
	echo "| program                      | load time | max RSS   | q53 / it (time) | q53 / it (RSS) |"
	echo "| ---------------------------- | --------- | --------- | ----------- | ----------- |"
	read -r qs qm <<<"$(measure "$zc" -q -o example.com "$f")"
	row "q53-zonecheck (q53)" "$qs" "$qm" "$qs" "$qm"
	read -r s m <<<"$(measure nsd-checkzone example.com "$f")"
	row "nsd-checkzone 4.6" "$s" "$m" "$qs" "$qm"
	read -r s m <<<"$(measure kzonecheck -o example.com "$f")"
	row "kzonecheck 3.2" "$s" "$m" "$qs" "$qm"
	read -r s m <<<"$(measure named-checkzone -i local example.com "$f")"
	row "named-checkzone 9.18" "$s" "$m" "$qs" "$qm"
	read -r s m <<<"$(measure ldns-read-zone -n "$f")"
	row "ldns-read-zone 1.8" "$s" "$m" "$qs" "$qm"
	read -r s m <<<"$(serve_nsd "$f")"
	row "NSD serving (start to SOA)" "$s" "$m" "$qs" "$qm"
	read -r s m <<<"$(serve_knot "$f")"
	row "Knot serving (start to SOA)" "$s" "$m" "$qs" "$qm"
done
