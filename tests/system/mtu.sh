#!/bin/sh
# RFC 9715 3.1: q53d never sends a fragmented UDP reply. In a network namespace of the test's own, with a
# loopback MTU of 1280, a client offering 4096 octets asks for the 2400-octet TXT RRset that q53d (set to
# 4096 octets too) would otherwise send in fragments: it gets a reply within 1232 octets with TC set
# instead (the RRset left out whole, the OPT kept), over IPv4 and IPv6, and the whole RRset over TCP. Replies that fit go out unchanged, and the
# statistics count the replies sent again.
TEST_TIMEOUT=60
if [ -z "${Q53_IN_NETNS:-}" ]; then
	# A namespace needs root (CI runs as root); anything else is a failure, not a skip.
	command -v unshare >/dev/null 2>&1 || { echo "FAIL: unshare (util-linux) is not installed" >&2; exit 1; }
	exec unshare -n env Q53_IN_NETNS=1 sh "$0" "$@"
fi
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/lib.sh"

ip link set lo up mtu 1280 || fail "cannot set the namespace's loopback MTU (ip from iproute2)"
# ::1 appears once lo is up, unless IPv6 is off in this kernel.
have6=0
ip -6 addr show dev lo 2>/dev/null | grep -q '::1/128' && have6=1

mkdir "$WORK/zones"
write_zone "$WORK/zones/example.com.zone" 2024010101
echo "edns-size 4096" >"$WORK/q53d.conf"
if [ $have6 -eq 1 ]; then
	start_q53d -c "$WORK/q53d.conf" -d "$WORK/zones" -l "::1@@PORT@"
else
	start_q53d -c "$WORK/q53d.conf" -d "$WORK/zones"
fi

check_tc() {
	out=$(dig +time=2 +tries=1 +norec +ignore +bufsize=4096 @"$1" -p "$PORT" big.example.com TXT) ||
		fail "$1: no reply to the TXT query over an MTU of 1280: $out"
	echo "$out" | grep -qE "flags: qr aa tc[ ;]" || fail "$1: the reply over the MTU was not truncated: $out"
	# RFC 2181 9: the RRset that does not fit is left out whole.
	echo "$out" | grep -q "ANSWER: 0," || fail "$1: part of the RRset in the truncated reply: $out"
	size=$(echo "$out" | sed -n 's/.*MSG SIZE  rcvd: \([0-9]*\).*/\1/p')
	[ -n "$size" ] && [ "$size" -le 1232 ] || fail "$1: a reply of $size octets: $out"
	echo "$out" | grep -q "; EDNS: version: 0" || fail "$1: no OPT in the truncated reply: $out"
}

check_tc 127.0.0.1
ok "IPv4: a reply over the MTU is sent again within 1232 octets with TC"
if [ $have6 -eq 1 ]; then
	check_tc ::1
	ok "IPv6: a reply over the MTU is sent again within 1232 octets with TC"
else
	echo "note: no ::1 in this kernel, IPv6 not checked"
fi

out=$(dig +time=2 +tries=1 +norec +tcp @127.0.0.1 -p "$PORT" big.example.com TXT)
[ "$(echo "$out" | grep -cE '^big\.example\.com\..*TXT')" -eq 10 ] || fail "TCP: not the whole RRset: $out"
ok "the whole RRset over TCP"

out=$(dig +time=2 +tries=1 +norec +bufsize=4096 @127.0.0.1 -p "$PORT" www.example.com A)
echo "$out" | grep -qE "flags: qr aa[ ;]" || fail "a small reply: $out"
echo "$out" | grep -qE "IN[[:space:]]+A[[:space:]]+192\.0\.2\.1$" || fail "a small reply: $out"
ok "replies that fit are unchanged"

kill -USR1 "$PID"
wait_log "sent again smaller=[1-9]" 5 || fail "the statistics do not count the replies sent again"
ok "statistics count them"
kill -TERM "$PID"
wait "$PID" || fail "q53d exited with $?"
PID=
ok "clean exit"
