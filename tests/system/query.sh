#!/bin/sh
# q53d answers over UDP and TCP as dig, kdig and drill expect: AA on answers, NXDOMAIN with the SOA,
# REFUSED outside its zones, TC when the answer does not fit (RFC 2181 9) and the whole answer over TCP,
# no answer to QR=1, FORMERR to a malformed query; SIGUSR1 logs statistics and SIGTERM exits 0.
TEST_TIMEOUT=60
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/lib.sh"

mkdir "$WORK/zones"
write_zone "$WORK/zones/example.com.zone" 2024010101
start_q53d -d "$WORK/zones" -t 2

# An A answer with AA, from each client.
out=$(q www.example.com A) || fail "dig: $out"
echo "$out" | grep -q "status: NOERROR" || fail "dig www: $out"
echo "$out" | grep -qE "flags: qr aa[ ;]" || fail "dig www: no AA: $out"
echo "$out" | grep -qE "^www\.example\.com\.[[:space:]]+3600[[:space:]]+IN[[:space:]]+A[[:space:]]+192\.0\.2\.1$" ||
	fail "dig www: answer: $out"
ok "dig A with AA"
out=$(kdig +time=2 +retry=0 +norec @127.0.0.1 -p "$PORT" www.example.com AAAA) || fail "kdig: $out"
echo "$out" | grep -q "status: NOERROR" || fail "kdig: $out"
echo "$out" | grep -qE "Flags: qr aa;" || fail "kdig: no AA: $out"
echo "$out" | grep -qE "www\.example\.com\.[[:space:]]+3600[[:space:]]+IN[[:space:]]+AAAA[[:space:]]+2001:db8::1" ||
	fail "kdig: answer: $out"
ok "kdig AAAA with AA"
out=$(drill -p "$PORT" mail.example.com MX @127.0.0.1 2>&1) || fail "drill: $out"
echo "$out" | grep -q "rcode: NOERROR" || fail "drill: $out"
echo "$out" | grep -qE "flags: qr aa( rd)? ;" || fail "drill: no AA: $out"
echo "$out" | grep -qE "mail\.example\.com\.[[:space:]]+3600[[:space:]]+IN[[:space:]]+MX[[:space:]]+10 mx\.example\.com\." ||
	fail "drill: answer: $out"
ok "drill MX with AA"

# NXDOMAIN with the SOA in the authority section (RFC 2308 3).
out=$(q nope.example.com A)
echo "$out" | grep -q "status: NXDOMAIN" || fail "nxdomain: $out"
echo "$out" | grep -qE "flags: qr aa[ ;]" || fail "nxdomain: no AA: $out"
echo "$out" | grep -qE "AUTHORITY: 1," || fail "nxdomain: authority count: $out"
echo "$out" | grep -qE "^example\.com\.[[:space:]]+300[[:space:]]+IN[[:space:]]+SOA[[:space:]]+ns1\.example\.com\. hostmaster\.example\.com\. 2024010101 " ||
	fail "nxdomain: SOA: $out"
ok "NXDOMAIN with SOA"

# Outside our zones: REFUSED, no AA, no data.
out=$(q www.example.org A)
echo "$out" | grep -q "status: REFUSED" || fail "refused: $out"
echo "$out" | grep -qE "flags: qr[ ;]" || fail "refused: flags: $out"
echo "$out" | grep -q "ANSWER: 0, AUTHORITY: 0" || fail "refused: $out"
ok "REFUSED outside our zones"

# TCP with each client.
out=$(q +tcp www.example.com A)
echo "$out" | grep -q "status: NOERROR" || fail "dig +tcp: $out"
echo "$out" | grep -q "(TCP)" || fail "dig +tcp not over TCP: $out"
echo "$out" | grep -qE "IN[[:space:]]+A[[:space:]]+192\.0\.2\.1$" || fail "dig +tcp: $out"
out=$(kdig +tcp +time=2 +retry=0 @127.0.0.1 -p "$PORT" alias.example.com A)
echo "$out" | grep -qE "alias\.example\.com\.[[:space:]]+3600[[:space:]]+IN[[:space:]]+CNAME[[:space:]]+www\.example\.com\." ||
	fail "kdig +tcp CNAME: $out"
echo "$out" | grep -qE "IN[[:space:]]+A[[:space:]]+192\.0\.2\.1" || fail "kdig +tcp CNAME target: $out"
out=$(drill -t -p "$PORT" www.example.com A @127.0.0.1 2>&1)
echo "$out" | grep -qE "IN[[:space:]]+A[[:space:]]+192\.0\.2\.1" || fail "drill -t: $out"
ok "TCP with dig, kdig and drill"

# Truncation: 2400 octets of TXT do not fit 512 octets; TCP carries them whole.
out=$(q +notcp +ignore +bufsize=512 big.example.com TXT)
echo "$out" | grep -qE "flags: qr aa tc[ ;]" || fail "no TC over UDP with bufsize 512: $out"
out=$(q +notcp +ignore +noedns big.example.com TXT)
echo "$out" | grep -qE "flags: qr aa tc[ ;]" || fail "no TC over UDP without EDNS: $out"
out=$(q +tcp big.example.com TXT)
echo "$out" | grep -q "ANSWER: 10," || fail "big TXT over TCP: $out"
[ "$(echo "$out" | grep -cE '^big\.example\.com\..*TXT')" -eq 10 ] || fail "big TXT over TCP: $out"
out=$(q big.example.com TXT)
echo "$out" | grep -q "ANSWER: 10," || fail "dig retries TC over TCP: $out"
ok "TC over UDP, whole answer over TCP"

# QR=1 gets nothing (no reflection loops); a malformed question gets FORMERR.
python3 "$CLIENT" qr1 "$PORT" || fail "QR=1"
out=$(python3 "$CLIENT" malformed "$PORT") || fail "malformed: $out"
[ "$out" = "rcode=1" ] || fail "malformed query: $out, want rcode=1 (FORMERR)"
ok "QR=1 dropped, FORMERR for a cut question"

# Questions that are not a plain name, after plain ones on the same worker (a crash once: fuzz_answer).
out=$(python3 "$CLIENT" oddnames "$PORT") || fail "odd question names: $out"
kill -0 "$PID" || fail "q53d died on odd question names"
ok "odd question names after plain ones"

# The server is still well after all that.
q www.example.com A +short | grep -qx "192.0.2.1" || fail "not answering any more"

# EDNS version 1 gets BADVERS (RFC 6891 6.1.3): 16, NOERROR in the header and 1 in OPT's high bits.
out=$(q +edns=1 +noednsnegotiation www.example.com A)
echo "$out" | grep -q "status: BADVERS" || fail "EDNS version 1: $out"
ok "BADVERS for EDNS version 1"

# SIGUSR1: statistics in the log, summed over the workers.
kill -USR1 "$PID"
wait_log "stats: queries udp=" 5 || fail "no statistics after SIGUSR1"
grep -E "stats: queries udp=[0-9]+ tcp=[1-9]" "$WORK/log" | grep -q "refused=1" ||
	fail "statistics: $(grep stats: "$WORK/log")"
# QR=1 above and the three runts of oddnames.
grep "stats: queries" "$WORK/log" | grep -q "dropped=4" || fail "QR=1 and runts not counted as dropped"
grep "stats: queries" "$WORK/log" | grep -qE "truncated=[2-9]" || fail "truncation not counted"
grep "stats: queries" "$WORK/log" | grep -q " badvers=1;" || fail "BADVERS not counted as itself"
grep -qE "stats: udp queries per worker: [0-9]+ [0-9]+$" "$WORK/log" || fail "per-worker statistics"
ok "SIGUSR1 statistics"

stop_q53d
grep -q "stopping on signal 15" "$WORK/log" || fail "no stop message"
ok "SIGTERM: exit 0"
