#!/bin/sh
# Zone transfers with the standard servers (issue 8), all on 127.0.0.1: NSD, Knot and BIND are
# secondaries of q53d with a TSIG key; each change of the zone (SIGHUP of q53d with a new serial) must reach
# all three through NOTIFY and IXFR, checked by querying them. Then what q53d refuses: a zone without an
# ACL entry, a transfer without the key the ACL wants, a wrong key (BADSIG), an unknown key (BADKEY), AXFR
# over UDP (NOTIMP, as NSD and Knot); and what it answers: IXFR over UDP with the SOA alone (RFC 1995 2),
# an AXFR that matches the zone file record for record. Waits poll for a serial, bounded.
TEST_TIMEOUT=240
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/system/lib.sh"
. "$top_srcdir/tests/system/anchors.sh"

SECRET=cTUzLXhmci1pbnRlcm9wLWtleS0wMTIzNDU2Nzg5YWJjZGVm
KEY="hmac-sha256:xfr-key:$SECRET"
WRONG="hmac-sha256:xfr-key:d3Jvbmcta2V5LXdyb25nLWtleS0wMTIzNDU2Nzg5YWJj"
OTHER="hmac-sha256:other-key:$SECRET"

ZD="$WORK/zones"
mkdir -p "$ZD"
# Serial 1, then each version changes something: an address, a record added, a record removed.
zone_v() {
	write_zone "$ZD/example.com.zone" "$1"
	case $1 in
	1) printf 'old\tIN\tA\t192.0.2.99\nkeep\tIN\tTXT\t"v1"\n' >>"$ZD/example.com.zone" ;;
	2) printf 'keep\tIN\tTXT\t"v2"\nnew\tIN\tA\t192.0.2.100\n' >>"$ZD/example.com.zone" ;;
	3) printf 'keep\tIN\tTXT\t"v3"\nnew\tIN\tA\t192.0.2.101\nnew\tIN\tAAAA\t2001:db8::101\n' >>"$ZD/example.com.zone" ;;
	4) printf 'keep\tIN\tTXT\t"v4"\nnew\tIN\tAAAA\t2001:db8::104\n' >>"$ZD/example.com.zone" ;;
	esac
}
zone_v 1
write_zone "$ZD/closed.test.zone" 7
# 50000 more records: a transfer of about 1.5 MB that a client can leave unread.
write_zone "$ZD/big.test.zone" 1
awk 'BEGIN { for (i = 0; i < 50000; i++) printf "h%d\tIN\tA\t10.%d.%d.%d\n", i, i / 65536 % 256, i / 256 % 256, i % 256 }' >>"$ZD/big.test.zone"

NSD_PORT=$(free_port)
KNOT_PORT=$(free_port)
BIND_PORT=$(free_port)
cat >"$WORK/q53d.conf" <<EOF
zonedir zones
tsig-key xfr-key hmac-sha256 $SECRET
zone-allow-transfer example.com 127.0.0.1 key xfr-key
zone-allow-transfer big.test 127.0.0.0/8
notify example.com 127.0.0.1@$NSD_PORT key xfr-key
notify example.com 127.0.0.1@$KNOT_PORT key xfr-key
notify example.com 127.0.0.1@$BIND_PORT key xfr-key
EOF
start_q53d -c "$WORK/q53d.conf" -t 2

start_nsd nsd "$NSD_PORT" example.com secondary "127.0.0.1@$PORT" "$KEY"
start_knot knot "$KNOT_PORT" example.com secondary "127.0.0.1@$PORT" "$KEY"
start_named named "$BIND_PORT" example.com secondary "127.0.0.1@$PORT" "$KEY"

secondaries_at() {
	want_serial=$1
	for s in "nsd $NSD_PORT" "knot $KNOT_PORT" "named $BIND_PORT"; do
		set -- $s "$want_serial"
		wait_serial "$2" example.com "$3" 60 || {
			tail -n 15 "$WORK/$1/log" >&2
			fail "$1 did not reach serial $3 (it serves '$(anchor_serial "$2" example.com)')"
		}
	done
}

# $1 port, $2 name, $3 type: the sorted short answer.
ans() {
	dig +time=2 +tries=1 +norec +short @127.0.0.1 -p "$1" "$2" "$3" | sort | tr '\n' ' '
}

# Every secondary answers like q53d for the names that change.
same_answers() {
	for s in "nsd $NSD_PORT" "knot $KNOT_PORT" "named $BIND_PORT"; do
		set -- $s
		for qn in "www.example.com A" "keep.example.com TXT" "new.example.com A" "new.example.com AAAA" \
			"old.example.com A" "mail.example.com MX"; do
			set -- "$1" "$2" $qn
			want=$(ans "$PORT" "$3" "$4")
			got=$(ans "$2" "$3" "$4")
			[ "$want" = "$got" ] || fail "$1: $3 $4 is '$got', q53d says '$want'"
		done
	done
}

secondaries_at 1
same_answers
ok "NSD, Knot and BIND transferred serial 1 from q53d with TSIG"

zone_v 2
kill -HUP "$PID"
wait_log "NOTIFY of serial 2 to 127.0.0.1@$BIND_PORT answered" 30 || fail "no NOTIFY answer from BIND"
secondaries_at 2
same_answers
[ "$(ans "$NSD_PORT" new.example.com A)" = "192.0.2.100 " ] || fail "NSD lacks the record added in serial 2"
[ -z "$(ans "$KNOT_PORT" old.example.com A)" ] || fail "Knot still has the record removed in serial 2"
ok "serial 2 reached all three after SIGHUP (NOTIFY answered by each)"

zone_v 3
kill -HUP "$PID"
secondaries_at 3
same_answers
[ "$(ans "$BIND_PORT" new.example.com AAAA)" = "2001:db8::101 " ] || fail "BIND lacks serial 3's AAAA"
ok "serial 3 reached all three"
# The secondaries asked for differences, and q53d had them in its journal (not the AXFR fallback).
n=$(count_log "IXFR to serial 3 from 2")
[ "$n" -ge 1 ] || fail "no incremental transfer from 2 to 3 in the log"
ok "$n incremental transfers 2 -> 3 from the journal"

# A client two versions behind gets both differences in one IXFR (RFC 1995 4: condensed in order).
out=$(kdig +tcp +time=5 -y "$KEY" @127.0.0.1 -p "$PORT" example.com IXFR=1 2>&1)
echo "$out" | grep -q "keep.example.com.*TXT.*\"v1\"" || fail "IXFR=1 does not delete the v1 TXT: $out"
[ "$(echo "$out" | grep -c 'SOA')" -eq 6 ] || fail "IXFR=1 should hold 6 SOA records (3, 1, 2, 2, 3, 3): $out"
ok "IXFR from serial 1 condenses two differences"

# q53d restarts (same port) with a zone edited while it was down: its journal is empty, the start-up
# NOTIFY brings the secondaries, and their IXFR from 3 gets the whole zone in AXFR form (RFC 1995 4).
stop_q53d
zone_v 4
"$Q53D" -f -t 2 -l "127.0.0.1@$PORT" -c "$WORK/q53d.conf" 2>"$WORK/log" &
PID=$!
wait_log "serving" 20 || fail "q53d did not restart on port $PORT"
secondaries_at 4
same_answers
n=$(count_log "IXFR \(full zone\) to serial 4 from 3")
[ "$n" -ge 1 ] || fail "no full-zone IXFR after the restart: $(grep -i xfr "$WORK/log")"
ok "after a restart, the start-up NOTIFY and $n full-zone IXFR answers brought all three to serial 4"

# Denials. AXFR is a TCP affair (NOTIMP over UDP as NSD and Knot); IXFR over UDP gets the SOA alone.
st() {
	kdig +time=3 +retry=0 @127.0.0.1 -p "$PORT" "$@" 2>&1 | sed -n 's/.*status: \([A-Z]*\).*/\1/p; s/.*replied with error .\([A-Z]*\).*/\1/p' | head -n 1
}
[ "$(st +notcp example.com AXFR -y "$KEY")" = NOTIMPL ] || fail "AXFR over UDP is not NOTIMP"
out=$(kdig +notcp +time=3 +retry=0 -y "$KEY" @127.0.0.1 -p "$PORT" example.com IXFR=1 2>&1)
echo "$out" | grep -q "(UDP)" || fail "IXFR over UDP: $out"
echo "$out" | grep -q ";; ERROR" && fail "IXFR over UDP: $out"
[ "$(echo "$out" | grep -c 'IN[[:space:]]*SOA')" -eq 1 ] || fail "IXFR over UDP is not the SOA alone: $out"
ok "AXFR over UDP is NOTIMP; IXFR over UDP is the SOA alone"
[ "$(st +tcp example.com AXFR)" = REFUSED ] || fail "an unsigned AXFR was not refused (the ACL wants the key)"
[ "$(st +tcp closed.test AXFR -y "$KEY")" = REFUSED ] || fail "a zone without ACL entry was transferred"
[ "$(st +tcp example.com AXFR -y "$WRONG")" = BADSIG ] || fail "a wrong key was not BADSIG"
[ "$(st +tcp example.com AXFR -y "$OTHER")" = BADKEY ] || fail "an unknown key was not BADKEY"
dig +time=3 +tries=1 @127.0.0.1 -p "$PORT" example.com AXFR -y "$WRONG" 2>&1 | grep -qi "failed\|BADSIG\|tsig" ||
	fail "dig took a transfer signed with the wrong key"
ok "denied: no key, zone not in the ACL, wrong key (BADSIG), unknown key (BADKEY)"

# A client that asks for a big AXFR and reads nothing blocks nobody: another TCP client is answered
# meanwhile; then the stalled one reads the whole transfer.
big=$(sed -n 's/.*zone big.test.: loaded serial 1, \([0-9]*\) records.*/\1/p' "$WORK/log")
[ -n "$big" ] || fail "big.test did not load"
python3 - "$PORT" $((big + 1)) <<'PY' || fail "a stalled AXFR blocked the TCP thread, or was cut short"
import socket, struct, subprocess, sys, time
port, want = int(sys.argv[1]), int(sys.argv[2])
s = socket.create_connection(("127.0.0.1", port), timeout=30)
q = struct.pack(">HHHHHH", 7, 0, 1, 0, 0, 0) + b"\x03big\x04test\x00" + struct.pack(">HH", 252, 1)
s.sendall(struct.pack(">H", len(q)) + q)
time.sleep(1)  # the server fills the socket buffers, then waits for this client
r = subprocess.run(["dig", "+tcp", "+time=3", "+tries=1", "+short", "@127.0.0.1", "-p", str(port),
                    "www.example.com", "A"], capture_output=True, text=True, timeout=20)
if r.stdout.strip() != "192.0.2.1":
    sys.exit("another TCP client was not answered during the transfer: %r" % r.stdout)
def read(n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c:
            sys.exit("connection closed after %d records" % got)
        b += c
    return b
got = msgs = 0
while got < want:
    (n,) = struct.unpack(">H", read(2))
    m = read(n)
    if m[3] & 15:
        sys.exit("rcode %d" % (m[3] & 15))
    got += struct.unpack(">H", m[6:8])[0]
    msgs += 1
if got != want:
    sys.exit("%d records, want %d" % (got, want))
print("ok: a stalled AXFR of %d records in %d messages did not block another TCP client" % (got, msgs))
PY

# The AXFR holds exactly the zone's records: compare with BIND's own reading of the file.
norm() {
	awk '!/^;/ && NF { $1 = tolower($1); printf "%s %s %s", $1, $2, $4; for (i = 5; i <= NF; i++) printf " %s", $i; print "" }' | sort -u
}
kdig +tcp +time=5 -y "$KEY" @127.0.0.1 -p "$PORT" example.com AXFR +nocomments 2>/dev/null | grep -v TSIG | norm >"$WORK/axfr"
named-compilezone -q -s full -o - example.com "$ZD/example.com.zone" 2>/dev/null | norm >"$WORK/file"
[ -s "$WORK/file" ] || fail "named-compilezone gave nothing"
cmp -s "$WORK/axfr" "$WORK/file" || {
	diff "$WORK/file" "$WORK/axfr" >&2
	fail "the AXFR differs from the zone file"
}
ok "AXFR matches named-compilezone's reading of the zone ($(wc -l <"$WORK/axfr") records)"

stop_q53d
ok "q53d stopped cleanly"

# q53d as a secondary: example.org from NSD, example.net from Knot, both with the key.
write_zone "$WORK/org.zone" 100
sed 's/example.com/example.net/' "$WORK/org.zone" >"$WORK/net.zone"
NSDP_PORT=$(free_port)
KNOTP_PORT=$(free_port)
cat >"$WORK/sec.conf" <<EOF
tsig-key xfr-key hmac-sha256 $SECRET
secondary-dir secondary
secondary example.org 127.0.0.1@$NSDP_PORT key xfr-key
secondary example.net 127.0.0.1@$KNOTP_PORT key xfr-key
EOF
start_q53d -c "$WORK/sec.conf" -t 1
NOTIFY_PORT=$PORT start_nsd nsdp "$NSDP_PORT" example.org primary "$WORK/org.zone" "$KEY"
NOTIFY_PORT=$PORT start_knot knotp "$KNOTP_PORT" example.net primary "$WORK/net.zone" "$KEY"
KNOTP_PID=$ANCHOR_PID
wait_serial "$PORT" example.org 100 30 || fail "q53d did not transfer example.org from NSD"
wait_serial "$PORT" example.net 100 30 || fail "q53d did not transfer example.net from Knot"
[ "$(ans "$PORT" www.example.org A)" = "192.0.2.1 " ] || fail "q53d's copy of example.org lacks www"
[ -f "$WORK/secondary/example.org.zone" ] || fail "no copy of example.org on disk"
ok "q53d transferred example.org from NSD and example.net from Knot (TSIG), copies on disk"

# A new serial on each primary (SIGHUP reloads their zone files): NOTIFY, then IXFR or AXFR.
write_zone "$WORK/nsdp/zone" 101
printf 'added\tIN\tA\t192.0.2.201\n' >>"$WORK/nsdp/zone"
write_zone "$WORK/knotp/zone" 101
sed -i 's/^www\tIN\tA\t192.0.2.1$/www\tIN\tA\t192.0.2.11/' "$WORK/knotp/zone"
kill -HUP "$(cat "$WORK/nsdp/nsd.pid")"
kill -HUP "$KNOTP_PID"
wait_serial "$PORT" example.org 101 30 || fail "q53d did not follow NSD to serial 101"
wait_serial "$PORT" example.net 101 30 || fail "q53d did not follow Knot to serial 101"
[ "$(ans "$PORT" added.example.org A)" = "192.0.2.201 " ] || fail "example.org 101 lacks added"
[ "$(ans "$PORT" www.example.net A)" = "192.0.2.11 " ] || fail "example.net 101 did not change www"
wait_log "NOTIFY for example.org. from 127.0.0.1: checking" 5 || fail "no NOTIFY from NSD reached q53d"
grep -q "example.net.: IXFR from serial 100 to 101" "$WORK/log" || fail "no IXFR from Knot: $(grep example.net "$WORK/log")"
ok "NOTIFY from NSD and Knot; q53d followed both to serial 101 (IXFR from Knot)"
# NOTIFY in only from the primary with its key: unsigned, or signed with another key, is REFUSED.
nst() {
	dig +time=2 +tries=1 +opcode=notify @127.0.0.1 -p "$PORT" "$@" 2>&1 | sed -n 's/.*status: \([A-Z]*\).*/\1/p' | head -n 1
}
[ "$(nst example.org SOA)" = REFUSED ] || fail "an unsigned NOTIFY for example.org was not refused"
[ "$(nst -y "$KEY" example.org SOA)" = NOERROR ] || fail "a NOTIFY signed with the zone's key was not taken"
[ "$(nst -y "$KEY" example.com SOA)" = REFUSED ] || fail "a NOTIFY for a zone we are not secondary for was taken"
ok "NOTIFY in: unsigned refused, with the key taken, for another zone refused"

# A restart serves the copies at once, with the primaries gone.
stop_q53d
for p in $HELPERS; do kill -TERM "$p" 2>/dev/null; done
start_q53d -c "$WORK/sec.conf" -t 1
[ "$(anchor_serial "$PORT" example.org)" = 101 ] || fail "after a restart example.org is not served from the copy"
[ "$(anchor_serial "$PORT" example.net)" = 101 ] || fail "after a restart example.net is not served from the copy"
ok "a restart serves both copies at once, primaries down"
stop_q53d

# q53d as a secondary of q53d, no NOTIFY: the SOA timers drive it (refresh 1 s, retry 1 s, expire 4 s).
info_zone() {
	write_zone "$WORK/info.zone" "$1"
	sed -i 's/ 7200 3600 1209600 300/ 1 1 4 300/' "$WORK/info.zone"
	printf 'v\tIN\tTXT\t"%s"\n' "$1" >>"$WORK/info.zone"
}
info_zone 1
P1=$(free_port)
"$Q53D" -f -t 1 -l "127.0.0.1@$P1" -z "example.info=$WORK/info.zone" --allow-transfer 127.0.0.1/32 \
	2>"$WORK/p1.log" &
P1_PID=$!
HELPERS="$HELPERS $P1_PID"
wait_serial_any "$P1" example.info 20 || fail "the primary q53d did not start: $(cat "$WORK/p1.log")"
printf 'secondary-dir secondary2\nsecondary example.info 127.0.0.1@%s\n' "$P1" >"$WORK/sec2.conf"
start_q53d -c "$WORK/sec2.conf" -t 1
wait_serial "$PORT" example.info 1 20 || fail "q53d did not transfer from q53d"
info_zone 2
kill -HUP "$P1_PID"
wait_serial "$PORT" example.info 2 20 || fail "the refresh timer did not bring serial 2"
[ "$(ans "$PORT" v.example.info TXT)" = '"2" ' ] || fail "serial 2's TXT is '$(ans "$PORT" v.example.info TXT)'"
grep -q "example.info.: IXFR from serial 1 to 2" "$WORK/log" || fail "no IXFR between two q53d: $(grep info "$WORK/log")"
ok "q53d follows a q53d primary by the SOA refresh timer alone, with IXFR"
kill -TERM "$P1_PID"
n=0
while [ "$(dig +time=1 +tries=1 +norec @127.0.0.1 -p "$PORT" example.info SOA | sed -n 's/.*status: \([A-Z]*\).*/\1/p')" != REFUSED ]; do
	[ $n -lt 60 ] || fail "example.info still served 30 s after its primary stopped (expire 4 s)"
	sleep 0.5
	n=$((n + 1))
done
grep -q "example.info.: expired" "$WORK/log" || fail "no expiry logged"
ok "with its primary gone, the zone expires after SOA expire and is no longer served"
stop_q53d

# A primary that sends broken transfers (tests/system/xfr_badprimary.py): every one is rejected, nothing
# is served from it, and q53d keeps running. Each refresh tries AXFR twice.
BADP=$(free_port)
python3 "$top_srcdir/tests/system/xfr_badprimary.py" "$BADP" >"$WORK/badp.log" 2>&1 &
HELPERS="$HELPERS $!"
printf 'secondary-dir secondary3\nsecondary example.bad 127.0.0.1@%s\n' "$BADP" >"$WORK/sec3.conf"
start_q53d -c "$WORK/sec3.conf" -t 1
# NOTIFY from the primary's address (127.0.0.1) asks for a refresh at once: each brings two more.
n=0
while [ "$(grep -c 'AXFR from the primary failed' "$WORK/log")" -lt 6 ]; do
	[ $n -lt 150 ] || fail "q53d did not reject six bad transfers: $(cat "$WORK/log")"
	[ $((n % 10)) -eq 5 ] && dig +time=1 +tries=1 +opcode=notify @127.0.0.1 -p "$PORT" example.bad SOA >/dev/null 2>&1
	sleep 0.2
	n=$((n + 1))
done
for why in "outside the zone" "does not start with the SOA" "stopped after" "malformed" "not our answer"; do
	grep -q "$why" "$WORK/log" || fail "no transfer rejected for '$why': $(grep failed "$WORK/log")"
done
[ ! -f "$WORK/secondary3/example.bad.zone" ] || fail "a bad transfer was written to disk"
[ "$(dig +time=2 +tries=1 @127.0.0.1 -p "$PORT" example.bad SOA | sed -n 's/.*status: \([A-Z]*\).*/\1/p')" = REFUSED ] ||
	fail "example.bad is served after bad transfers"
kill -0 "$PID" || fail "q53d died on a bad transfer"
ok "a primary's broken transfers are rejected ($(grep -c 'failed' "$WORK/log") failures logged), nothing served"
stop_q53d
