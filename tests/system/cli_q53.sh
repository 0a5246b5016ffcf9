#!/bin/sh
# q53, the dig-like client, against q53d on 127.0.0.1: +short output equal to dig +short for the same
# queries, JSON (RFC 8427) that a JSON parser accepts, IDN input and output, +tcp, +norec, +dnssec,
# +nsid, +noedns, -x PTR names, exit status 9 without a server and 1 on a usage error.
TEST_TIMEOUT=60
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/lib.sh"

Q53="$top_builddir/tools/q53"
[ -x "$Q53" ] || fail "$Q53 is not built"

mkdir "$WORK/zones"
cat >"$WORK/zones/example.com.zone" <<'ZONE'
$TTL 3600
@	IN	SOA	ns1 hostmaster 2024010101 7200 3600 1209600 300
@	IN	NS	ns1
ns1	IN	A	192.0.2.53
www	IN	A	192.0.2.1
www	IN	AAAA	2001:db8::1
mail	IN	MX	10 mx
mx	IN	A	192.0.2.25
alias	IN	CNAME	www
txt	IN	TXT	"hello world" "two"
sub	IN	NS	ns.sub
ns.sub	IN	A	192.0.2.99
xn--e1afmkfd	IN	A	192.0.2.7
ZONE
start_q53d -d "$WORK/zones" -t 1 -n q53-test-nsid

c() {
	"$Q53" +time=2 +tries=1 @127.0.0.1 -p "$PORT" "$@"
}

# +short prints exactly what dig +short prints.
for args in "www.example.com" "www.example.com AAAA" "mail.example.com MX" "txt.example.com TXT" \
	"alias.example.com" "example.com SOA" "example.com NS" "nope.example.com" "sub.example.com NS" \
	"-t MX mail.example.com" "www.example.com A IN" "mail.example.com MX www.example.com AAAA"; do
	# shellcheck disable=SC2086
	want=$(dig +time=2 +tries=1 @127.0.0.1 -p "$PORT" +short $args) || fail "dig $args"
	# shellcheck disable=SC2086
	got=$(c +short $args) || fail "q53 $args: exit $?"
	[ "$got" = "$want" ] || fail "+short $args: got [$got] want [$want]"
done
[ -n "$(c +short www.example.com)" ] || fail "+short: empty answer"
ok "+short equals dig +short (12 queries)"

# Full output: header, answer, stats as dig lays them out.
out=$(c www.example.com) || fail "q53 www: $out"
echo "$out" | grep -q "^; <<>> q53 [0-9.]* <<>> " || fail "banner: $out"
echo "$out" | grep -q "^;; Got answer:" || fail "got answer: $out"
echo "$out" | grep -q "status: NOERROR" || fail "status: $out"
echo "$out" | grep -qE "^www\.example\.com\.[[:space:]]+3600[[:space:]]+IN[[:space:]]+A[[:space:]]+192\.0\.2\.1$" || fail "answer: $out"
echo "$out" | grep -qE "^;; Query time: [0-9]+ msec$" || fail "query time: $out"
echo "$out" | grep -qx ";; SERVER: 127.0.0.1#$PORT(127.0.0.1) (UDP)" || fail "server: $out"
echo "$out" | grep -qx ";; MSG SIZE  rcvd: 60" || fail "size: $out"
echo "$out" | grep -q "^;; WHEN: " || fail "when: $out"
out=$(c nope.example.com) || fail "nxdomain exit: $out"
echo "$out" | grep -q "status: NXDOMAIN" || fail "nxdomain: $out"
out=$(c +nostats +noquestion www.example.com)
echo "$out" | grep -q "Query time" && fail "+nostats: $out"
echo "$out" | grep -q "QUESTION SECTION" && fail "+noquestion: $out"
ok "dig-style output, NXDOMAIN, +nostats, +noquestion"

# JSON parses.
c +json www.example.com | python3 -c 'import json,sys; d=json.load(sys.stdin); assert isinstance(d, dict)' ||
	fail "+json does not parse"
c +json mail.example.com MX | python3 -c 'import json,sys; json.load(sys.stdin)' || fail "+json MX"
ok "+json parses"

# IDN: UTF-8 input goes through IDNA; +idnout shows U-labels, +noidnout A-labels.
got=$(c +short пример.example.com) || fail "idn input"
[ "$got" = "192.0.2.7" ] || fail "idn input: [$got]"
out=$(c +idnout +nostats пример.example.com)
echo "$out" | grep -qE "^пример\.example\.com\.[[:space:]]+3600[[:space:]]+IN[[:space:]]+A[[:space:]]+192\.0\.2\.7$" || fail "+idnout: $out"
out=$(c +noidnout +nostats пример.example.com)
echo "$out" | grep -qE "^xn--e1afmkfd\.example\.com\.[[:space:]]" || fail "+noidnout: $out"
# +noidnin sends the UTF-8 octets as they are (as dig does): no such name.
out=$(c +noidnin пример.example.com)
echo "$out" | grep -q "status: NXDOMAIN" || fail "+noidnin: $out"
ok "IDN input and output"

# Transport and flags.
out=$(c +tcp www.example.com)
echo "$out" | grep -qx ";; SERVER: 127.0.0.1#$PORT(127.0.0.1) (TCP)" || fail "+tcp: $out"
echo "$out" | grep -q "192\.0\.2\.1" || fail "+tcp answer: $out"
out=$(c www.example.com)
echo "$out" | grep -qE "flags: qr aa rd;" || fail "rd by default: $out"
out=$(c +norec www.example.com)
echo "$out" | grep -qE "flags: qr aa;" || fail "+norec: $out"
out=$(c +dnssec www.example.com)
echo "$out" | grep -qE "EDNS: version: 0, flags: do;" || fail "+dnssec: $out"
out=$(c +nsid www.example.com)
echo "$out" | grep -q "NSID: .*q53-test-nsid" || fail "+nsid: $out"
out=$(c +noedns www.example.com)
echo "$out" | grep -q "OPT PSEUDOSECTION" && fail "+noedns: $out"
echo "$out" | grep -q "ADDITIONAL: 0" || fail "+noedns count: $out"
out=$(c +bufsize=4096 www.example.com) || fail "+bufsize"
ok "+tcp, +norec, +dnssec, +nsid, +noedns, +bufsize"

# -x builds the PTR names (the zone has none: the question shows the name).
out=$(c -x 192.0.2.1)
echo "$out" | grep -qE "^;1\.2\.0\.192\.in-addr\.arpa\.[[:space:]]+IN[[:space:]]+PTR$" || fail "-x v4: $out"
out=$(c -x 2001:db8::1)
echo "$out" | grep -qE "^;1\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.8\.b\.d\.0\.1\.0\.0\.2\.ip6\.arpa\.[[:space:]]+IN[[:space:]]+PTR$" ||
	fail "-x v6: $out"
ok "-x IPv4 and IPv6"

# -f FILE: one query per line, with its own type.
printf 'www.example.com AAAA\nmail.example.com MX\n\nalias.example.com\n' >"$WORK/batch"
got=$(c +short -f "$WORK/batch") || fail "-f: exit $?"
want=$(printf '2001:db8::1\n10 mx.example.com.\nwww.example.com.\n192.0.2.1')
[ "$got" = "$want" ] || fail "-f: got [$got]"
c -f "$WORK/missing" >/dev/null 2>&1 && fail "-f missing file accepted"
ok "-f batch file"

# Exit status: 9 without a reply, 1 on usage errors.
dead=$(free_port 2>/dev/null || echo 9)
"$Q53" +time=1 +tries=1 @127.0.0.1 -p "$dead" www.example.com >/dev/null 2>&1
rc=$?
[ $rc -eq 9 ] || fail "no server: exit $rc"
c +bogus www.example.com >/dev/null 2>&1
rc=$?
[ $rc -eq 1 ] || fail "bad option: exit $rc"
c -t NOTATYPE www.example.com >/dev/null 2>&1
rc=$?
[ $rc -eq 1 ] || fail "bad type: exit $rc"
"$Q53" @not-an-address -p "$PORT" www.example.com >/dev/null 2>&1
rc=$?
[ $rc -eq 1 ] || fail "bad server: exit $rc"
ok "exit status 9 and 1"
