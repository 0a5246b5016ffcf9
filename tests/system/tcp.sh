#!/bin/sh
# DNS over TCP in q53d (RFC 7766): pipelined queries answered in order, idle and half-written
# connections that do not hold up other clients and are closed after the idle timeout, and a connection
# cap past which connections are closed at once. Settings come from a config file (q53d -c).
TEST_TIMEOUT=90
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/lib.sh"

mkdir "$WORK/zones"
write_zone "$WORK/zones/example.com.zone" 7
cat >"$WORK/q53d.conf" <<EOF
# q53d.conf for tcp.sh
zonedir zones
tcp-idle-timeout 3      # seconds
tcp-max-connections 6
threads 1
EOF
start_q53d -c "$WORK/q53d.conf"

# Four queries in one write on one connection: four answers, in order (RFC 7766 6.2.1.1).
out=$(timeout 10 python3 "$CLIENT" pipeline "$PORT" www.example.com nope.example.com alias.example.com \
	www.example.org) || fail "pipeline: $out"
want="www.example.com rcode=0 aa=1 an=1
nope.example.com rcode=3 aa=1 an=0
alias.example.com rcode=0 aa=1 an=2
www.example.org rcode=5 aa=0 an=0"
[ "$(echo "$out" | sed 's/ id=[0-9]*//')" = "$want" ] || fail "pipeline: got
$out"
ok "pipelined TCP queries answered in order"

# 3000 queries in one write: more than the server's 64 KiB input buffer, and answers that fill its
# output buffer many times over, so answers wait for room and are sent in batches; all in order.
names=$(awk 'BEGIN { for (i = 0; i < 3000; i++) print (i % 3 == 0 ? "www.example.com" : i % 3 == 1 ? "nope.example.com" : "alias.example.com") }')
# shellcheck disable=SC2086
out=$(timeout 30 python3 "$CLIENT" pipeline "$PORT" $names) || fail "pipeline of 3000: $(echo "$out" | tail -2)"
[ "$(echo "$out" | wc -l)" -eq 3000 ] || fail "pipeline of 3000: $(echo "$out" | wc -l) answers"
[ "$(echo "$out" | grep -c 'alias.example.com id=[0-9]* rcode=0 aa=1 an=2')" -eq 1000 ] ||
	fail "pipeline of 3000: wrong answers"
ok "3000 pipelined TCP queries answered in order, in batches"

# An idle connection and a half-written query (one octet of the length) must not block anyone.
timeout 10 python3 "$CLIENT" hold "$PORT" 2.5 idle >"$WORK/idle.out" &
h1=$!
timeout 10 python3 "$CLIENT" hold "$PORT" 2.5 half >"$WORK/half.out" &
h2=$!
HELPERS="$h1 $h2"
sleep 0.5
i=0
while [ $i -lt 5 ]; do
	q www.example.com A +short | grep -qx 192.0.2.1 || fail "UDP query $i not answered while connections stall"
	q +tcp www.example.com A +short | grep -qx 192.0.2.1 || fail "TCP query $i not answered while connections stall"
	i=$((i + 1))
done
wait $h1 || fail "idle helper"
wait $h2 || fail "half helper"
HELPERS=
grep -q "open after" "$WORK/idle.out" || fail "idle connection closed before the timeout: $(cat "$WORK/idle.out")"
grep -q "open after" "$WORK/half.out" || fail "half-written connection closed early: $(cat "$WORK/half.out")"
ok "idle and half-written TCP connections do not block UDP or TCP clients"

# After the idle timeout (3 s) the server closes a stalled connection (RFC 7766 6.2.3).
out=$(timeout 15 python3 "$CLIENT" hold "$PORT" 8 half) || fail "hold: $out"
case "$out" in
"closed after 2."[5-9]* | "closed after "[3-5].*) ;;
*) fail "half-written connection with a 3 s idle timeout: $out" ;;
esac
ok "stalled connection closed by the idle timeout ($out)"

# Six connections are served; the seventh is closed at once (RFC 7766 6.2.2).
sleep 0.5
out=$(timeout 20 python3 "$CLIENT" cap "$PORT" 6) || fail "connection cap: $out"
ok "connection cap: $out"
q +tcp www.example.com A +short | grep -qx 192.0.2.1 || fail "TCP after the cap test"

kill -USR1 "$PID"
wait_log "stats: queries" 5 || fail "no statistics"
grep "stats: queries" "$WORK/log" | grep -qE "refused=[1-9]" || fail "refused connection not counted"
grep "stats: queries" "$WORK/log" | grep -qE "timeouts=[1-9]" || fail "idle timeout not counted"
stop_q53d INT
grep -q "stopping on signal 2" "$WORK/log" || fail "no stop message"
ok "SIGINT: exit 0"
