#!/bin/sh
# q53's zone transfers (AXFR, RFC 5936; IXFR=N, RFC 1995) against q53d on 127.0.0.1, compared with dig's
# output for the same transfers: the records as dig prints them (+noall +answer, +short), dig's
# ";; XFR size" line (records, messages, octets), a transfer of many messages, an incremental IXFR from
# q53d's journal after a reload, IXFR when up to date and from a serial the journal no longer has (the
# whole zone), +json (one RFC 8427 object per message), the resolv.conf path without @server, TSIG (-y,
# RFC 8945) with the server's key and with wrong ones; and the failures: a zone the server does not
# serve, no server, IXFR without its serial.
TEST_TIMEOUT=120
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/lib.sh"

Q53="$top_builddir/tools/q53"
[ -x "$Q53" ] || fail "$Q53 is not built"
command -v dig >/dev/null 2>&1 || fail "dig is not installed"

zone() { # serial, then extra lines
	s=$1
	shift
	{
		printf '$TTL 3600\n@\tIN\tSOA\tns1 hostmaster %s 7200 3600 1209600 300\n' "$s"
		printf '@\tIN\tNS\tns1\nns1\tIN\tA\t192.0.2.53\nwww\tIN\tA\t192.0.2.1\nwww\tIN\tAAAA\t2001:db8::1\n'
		printf 'mail\tIN\tMX\t10 mx\ntxt\tIN\tTXT\t"hello world" "two"\n'
		for l in "$@"; do printf '%s\n' "$l"; done
	} >"$WORK/zones/example.com.zone"
}
mkdir "$WORK/zones"
zone 2024010101 "old	IN	A	192.0.2.10"
# A zone of 3,000 records: the transfer takes more than one message.
i=0
{
	printf '$TTL 300\n@\tIN\tSOA\tns1 hostmaster 7 7200 3600 1209600 300\n@\tIN\tNS\tns1\nns1\tIN\tA\t192.0.2.53\n'
	while [ $i -lt 3000 ]; do
		printf 'h%d\tIN\tA\t198.51.100.%d\n' $i $((i % 250))
		i=$((i + 1))
	done
	# One TXT record that prints as 132,900 characters (every octet a \DDD escape): more than a fixed
	# line buffer of 128 KiB took.
	awk 'BEGIN { printf "bigtxt\tIN\tTXT"; for (i = 0; i < 130; i++) { printf " \""; for (j = 0; j < 255; j++) printf "\\%03d", (i * 7 + j) % 32; printf "\"" } printf "\n" }'
} >"$WORK/zones/big.example.zone"
start_q53d -d "$WORK/zones" -t 1 --allow-transfer 127.0.0.1/32

c() {
	"$Q53" +time=3 +tries=1 @127.0.0.1 -p "$PORT" "$@"
}
d() {
	dig +time=3 +tries=1 @127.0.0.1 -p "$PORT" "$@"
}
same() { # what, then the arguments both get
	what=$1
	shift
	c "$@" >"$WORK/q53.out" 2>&1 || fail "$what: q53 failed: $(cat "$WORK/q53.out")"
	d "$@" >"$WORK/dig.out" 2>&1 || fail "$what: dig failed: $(cat "$WORK/dig.out")"
	cmp -s "$WORK/q53.out" "$WORK/dig.out" ||
		fail "$what: q53 and dig differ: $(diff "$WORK/dig.out" "$WORK/q53.out" | head -20)"
}
xfr_size() { # the ";; XFR size" line of a full output
	grep '^;; XFR size:' "$1"
}

same "AXFR" +noall +answer example.com AXFR
[ "$(wc -l <"$WORK/q53.out")" -eq 9 ] || fail "AXFR: $(wc -l <"$WORK/q53.out") records, 9 expected"
[ "$(head -1 "$WORK/q53.out" | awk '{print $4}')" = SOA ] && [ "$(tail -1 "$WORK/q53.out" | awk '{print $4}')" = SOA ] ||
	fail "AXFR does not start and end with the SOA: $(cat "$WORK/q53.out")"
c example.com AXFR >"$WORK/q53.full" || fail "AXFR: q53 failed"
d example.com AXFR >"$WORK/dig.full" || fail "AXFR: dig failed"
[ -n "$(xfr_size "$WORK/q53.full")" ] && [ "$(xfr_size "$WORK/q53.full")" = "$(xfr_size "$WORK/dig.full")" ] ||
	fail "XFR size: q53 '$(xfr_size "$WORK/q53.full")', dig '$(xfr_size "$WORK/dig.full")'"
grep -q '^;; SERVER: 127.0.0.1#'"$PORT"'(127.0.0.1) (TCP)$' "$WORK/q53.full" || fail "AXFR: no SERVER line (TCP)"
same "AXFR +short" +short example.com AXFR
ok "AXFR of example.com as dig prints it ($(xfr_size "$WORK/q53.full"))"

same "AXFR of many messages" +noall +answer big.example AXFR
c big.example AXFR >"$WORK/q53.full" || fail "big AXFR: q53 failed"
d big.example AXFR >"$WORK/dig.full" || fail "big AXFR: dig failed"
[ "$(xfr_size "$WORK/q53.full")" = "$(xfr_size "$WORK/dig.full")" ] ||
	fail "big XFR size: q53 '$(xfr_size "$WORK/q53.full")', dig '$(xfr_size "$WORK/dig.full")'"
msgs=$(xfr_size "$WORK/q53.full" | sed 's/.*messages \([0-9]*\),.*/\1/')
[ "$msgs" -gt 1 ] || fail "the big zone came in $msgs message(s)"
grep -q '^bigtxt\.big\.example\.' "$WORK/q53.out" || fail "big AXFR lacks the long TXT record"
ok "AXFR of 3,004 records (one a 132,900-character TXT line) in $msgs messages as dig reads it"

# A new serial: www changes address, old goes, new comes; q53d keeps the difference in its journal.
zone 2024010102 "new	IN	A	192.0.2.11"
sed -i 's/^www\tIN\tA\t192.0.2.1$/www\tIN\tA\t192.0.2.2/' "$WORK/zones/example.com.zone"
kill -HUP "$PID"
n=0
until [ "$(q example.com SOA +short | awk '{print $3}')" = 2024010102 ]; do
	[ $n -lt 100 ] || fail "q53d did not load serial 2024010102"
	sleep 0.1
	n=$((n + 1))
done
same "IXFR from the journal" +noall +answer example.com IXFR=2024010101
# Incremental: new SOA, old SOA, deletions, new SOA, additions, new SOA.
awk '$4 == "SOA" { print $7 }' "$WORK/q53.out" | tr '\n' ' ' | grep -qx '2024010102 2024010101 2024010102 2024010102 ' ||
	fail "IXFR is not one difference sequence: $(cat "$WORK/q53.out")"
grep -q '^old\.example\.com\..*192\.0\.2\.10$' "$WORK/q53.out" && grep -q '^new\.example\.com\..*192\.0\.2\.11$' "$WORK/q53.out" ||
	fail "IXFR lacks the deleted or the added record: $(cat "$WORK/q53.out")"
c example.com IXFR=2024010101 >"$WORK/q53.full" || fail "IXFR: q53 failed"
d example.com IXFR=2024010101 >"$WORK/dig.full" || fail "IXFR: dig failed"
[ "$(xfr_size "$WORK/q53.full")" = "$(xfr_size "$WORK/dig.full")" ] ||
	fail "IXFR size: q53 '$(xfr_size "$WORK/q53.full")', dig '$(xfr_size "$WORK/dig.full")'"
same "IXFR up to date" +noall +answer example.com IXFR=2024010102
[ "$(wc -l <"$WORK/q53.out")" -eq 1 ] || fail "IXFR up to date: $(cat "$WORK/q53.out")"
same "IXFR from a serial the journal lacks" +noall +answer example.com ixfr=2023000000
[ "$(wc -l <"$WORK/q53.out")" -eq 9 ] || fail "IXFR without a journal entry: not the whole zone: $(cat "$WORK/q53.out")"
same "IXFR given with -t" +noall +answer -t IXFR=2024010101 example.com
ok "IXFR: the difference from the journal, up to date, the whole zone, -t IXFR=N"

c +json example.com AXFR >"$WORK/q53.json" || fail "AXFR +json failed"
python3 - "$WORK/q53.json" <<'PY' || fail "AXFR +json: $(head -c 300 "$WORK/q53.json")"
import json, sys
lines = [l for l in open(sys.argv[1]) if l.strip()]
objs = [json.loads(l) for l in lines]
assert len(objs) == 1, len(objs)
assert objs[0]["ANCOUNT"] == 9, objs[0]["ANCOUNT"]
PY
ok "AXFR +json: one RFC 8427 object per message"

printf 'nameserver 127.0.0.1\n' >"$WORK/resolv.conf"
"$Q53" --resolv-conf "$WORK/resolv.conf" -p "$PORT" +time=3 +tries=1 +noall +answer example.com AXFR >"$WORK/q53.rc" ||
	fail "AXFR through resolv.conf failed"
d +noall +answer example.com AXFR >"$WORK/dig.out"
cmp -s "$WORK/q53.rc" "$WORK/dig.out" || fail "AXFR through resolv.conf differs from dig's"
ok "AXFR to the resolv.conf server without @server"

# TSIG: a second server that transfers only to holders of the key (hmac-sha256, 32 random octets).
KEY=$(head -c 32 /dev/urandom | base64)
OTHER=$(head -c 32 /dev/urandom | base64)
PORT1=$PORT
PID1=$PID
start_q53d -d "$WORK/zones" -t 1 -y "hmac-sha256:xfr-key:$KEY" --allow-transfer "127.0.0.1/32 key xfr-key"
HELPERS="$PID1"
same "AXFR with TSIG" +noall +answer -y "hmac-sha256:xfr-key:$KEY" example.com AXFR
[ "$(wc -l <"$WORK/q53.out")" -eq 9 ] || fail "AXFR with TSIG: $(cat "$WORK/q53.out")"
same "IXFR with TSIG, many messages" +noall +answer -y "hmac-sha256:xfr-key:$KEY" big.example IXFR=1
# Without an algorithm q53 takes hmac-sha256 (as kdig; dig takes hmac-md5, which q53 does not offer).
c +noall +answer -y "xfr-key:$KEY" big.example IXFR=1 >"$WORK/q53.def" || fail "-y without algorithm failed"
cmp -s "$WORK/q53.def" "$WORK/q53.out" || fail "-y without algorithm: not hmac-sha256"
c -y "xfr-key:$KEY" big.example AXFR >"$WORK/q53.full" || fail "big AXFR with TSIG: q53 failed"
d -y "hmac-sha256:xfr-key:$KEY" big.example AXFR >"$WORK/dig.full" || fail "big AXFR with TSIG: dig failed"
[ "$(xfr_size "$WORK/q53.full")" = "$(xfr_size "$WORK/dig.full")" ] ||
	fail "TSIG XFR size: q53 '$(xfr_size "$WORK/q53.full")', dig '$(xfr_size "$WORK/dig.full")'"
c +noall +answer example.com AXFR >"$WORK/out" 2>"$WORK/err"
rc=$?
[ $rc -eq 9 ] && grep -q '^; Transfer failed: REFUSED' "$WORK/err" ||
	fail "AXFR without the key: exit $rc, $(cat "$WORK/err")"
c +noall +answer -y "hmac-sha256:xfr-key:$OTHER" example.com AXFR >"$WORK/out" 2>"$WORK/err"
rc=$?
[ $rc -eq 9 ] && grep -q 'Transfer failed: .*BADSIG' "$WORK/err" && [ ! -s "$WORK/out" ] ||
	fail "AXFR with a wrong secret: exit $rc, $(cat "$WORK/err") $(cat "$WORK/out")"
c +noall +answer -y "hmac-sha256:other-key:$KEY" example.com AXFR >"$WORK/out" 2>"$WORK/err"
rc=$?
[ $rc -eq 9 ] && grep -q 'Transfer failed: .*BADKEY' "$WORK/err" ||
	fail "AXFR with an unknown key name: exit $rc, $(cat "$WORK/err")"
c -y "xfr-key:not base64!" example.com AXFR >"$WORK/out" 2>&1
[ $? -eq 1 ] || fail "a bad -y key: not a usage error: $(cat "$WORK/out")"
ok "TSIG: AXFR and IXFR signed and checked (as dig), REFUSED without the key, BADSIG, BADKEY, bad -y"

# TSIG on ordinary queries (RFC 8945): q53's whole output against dig's, with what changes from one run to
# the next masked (the IDs, the times signed and the MACs, dig's cookie).
mask() {
	sed -e 's/^; <<>> .* <<>>/; <<>> TOOL <<>>/' -e 's/id: [0-9]*/id: ID/' \
		-e '/^; COOKIE:/d' -e '/^;; Query time:/d' -e '/^;; WHEN:/d' -e '/^;; MSG SIZE/d' \
		-e 's/\(hmac-sha256\.\) [0-9]* 300 \(32 [A-Za-z0-9+\/=]*\|0\) [0-9]* /\1 TIME 300 MAC ID /'
}
signed() { # what, then the arguments both get: lib.sh's comparison
	same_masked "$@"
}
# The same comparison unsigned: dig's recursion warning, its banner with +nocomments, one blank line
# before the statistics.
signed "a query, whole output" example.com SOA
signed "+nocomments" +nocomments www.example.com A
signed "+noall +answer +stats" +noall +answer +stats example.com SOA
signed "a signed query" -y "hmac-sha256:xfr-key:$KEY" example.com SOA
grep -Eq '^xfr-key\.[[:space:]]+0[[:space:]]+ANY[[:space:]]+TSIG[[:space:]]+hmac-sha256\. TIME 300 MAC ID NOERROR 0 $' "$WORK/q53.out" ||
	fail "a signed query: no TSIG pseudosection: $(cat "$WORK/q53.raw")"
grep -q "Couldn't verify" "$WORK/q53.out" && fail "a signed query: the reply did not verify: $(cat "$WORK/q53.raw")"
signed "a signed query over TCP" -y "hmac-sha256:xfr-key:$KEY" +tcp +norec www.example.com A
signed "a signed query, +short" -y "hmac-sha256:xfr-key:$KEY" +short example.com NS
signed "a wrong secret (BADSIG)" -y "hmac-sha256:xfr-key:$OTHER" example.com SOA
grep -q "^;; Couldn't verify signature: tsig indicates error" "$WORK/q53.out" &&
	grep -q 'BADSIG 0 $' "$WORK/q53.out" && grep -q '^;; WARNING -- Some TSIG could not be validated' "$WORK/q53.out" ||
	fail "BADSIG: $(cat "$WORK/q53.raw")"
signed "an unknown key (BADKEY)" -y "hmac-sha256:other-key:$KEY" +norec example.com SOA
grep -q 'BADKEY 0 $' "$WORK/q53.out" || fail "BADKEY: $(cat "$WORK/q53.raw")"
# A server without keys answers unsigned NOTAUTH BADKEY; one that ignores TSIG, unsigned data: both are
# "could not be validated". The first server (port $PORT1) has no key.
PORT_KEYED=$PORT
PORT=$PORT1
signed "a server without the key" -y "hmac-sha256:xfr-key:$KEY" example.com SOA
grep -q "^;; Couldn't verify signature:" "$WORK/q53.out" || fail "a server without the key: $(cat "$WORK/q53.raw")"
PORT=$PORT_KEYED
c -y "xfr-key:$KEY" -r example.com >"$WORK/out" 2>&1
[ $? -eq 1 ] && grep -q 'not -r' "$WORK/out" || fail "-y with -r: $(cat "$WORK/out")"
ok "TSIG on ordinary queries: signed, verified and shown as dig shows them (UDP, TCP, +short, BADSIG, BADKEY)"
PORT=$PORT1

c nope.example AXFR >"$WORK/out" 2>"$WORK/err"
rc=$?
[ $rc -eq 9 ] || fail "AXFR of a zone not served: exit $rc, 9 expected"
grep -q '^; Transfer failed: NOTAUTH' "$WORK/err" || fail "AXFR of a zone not served: $(cat "$WORK/err")"
np=$(free_port)
"$Q53" +time=1 +tries=1 @127.0.0.1 -p "$np" example.com AXFR >"$WORK/out" 2>&1
rc=$?
[ $rc -eq 9 ] || fail "AXFR without a server: exit $rc, 9 expected"
c -t IXFR example.com >"$WORK/out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "IXFR without a serial: exit $rc, 1 expected: $(cat "$WORK/out")"
grep -q 'IXFR=N' "$WORK/out" || fail "IXFR without a serial: $(cat "$WORK/out")"
ok "failures: NOTAUTH (exit 9), no server (9), IXFR without its serial (1)"
