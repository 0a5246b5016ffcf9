#!/bin/sh
# q53's dig options against dig's own output for the same queries to q53d on 127.0.0.1: the header bits of
# the query (+adflag, on by default as in dig, +cdflag, +aaflag, +raflag, +tcflag, +zflag), +opcode and
# +header-only, the EDNS options (+cookie, on by default, with dig's "(good)" verdict, +subnet, +expire,
# +keepalive, +ednsopt, +padding, +ednsflags, +ednsnegotiation), +qr (the query as sent), +qid, +identify,
# +ignore, +onesoa, and the record display options (+nottlid, +noclass, +ttlunits, +multiline, +rrcomments,
# +nocrypto, +unknownformat) on a signed zone. Whole outputs are compared, with only what changes from run to run
# masked: the IDs, the cookies' octets, the times, the version in the banner.
TEST_TIMEOUT=120
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/lib.sh"

Q53="$top_builddir/tools/q53"
[ -x "$Q53" ] || fail "$Q53 is not built"
for t in dig ldns-keygen ldns-signzone; do
	command -v $t >/dev/null 2>&1 || fail "$t is not installed"
done

mkdir "$WORK/zones" "$WORK/keys"
cat >"$WORK/example.com.unsigned" <<'ZONE'
$ORIGIN example.com.
$TTL 3600
@	SOA	ns1 hostmaster 2024010101 7200 900 1209600 300
@	NS	ns1
ns1	A	192.0.2.53
www	300	A	192.0.2.10
www	300	AAAA	2001:db8::10
mail	MX	10 www
txt	TXT	"hello world" "second string"
_sip._tcp	SRV	10 60 5060 www
caa	CAA	0 issue "ca.example.net"
unknown	TYPE65280	\# 4 0a000001
ZONE
# Enough TXT records that a UDP reply of 512 octets is truncated.
i=0
while [ $i -lt 40 ]; do
	printf 'big\tTXT\t"a string of some length to fill the reply %d"\n' $i >>"$WORK/example.com.unsigned"
	i=$((i + 1))
done
k1=$(cd "$WORK/keys" && ldns-keygen -a ECDSAP256SHA256 -k example.com) || fail "ldns-keygen"
k2=$(cd "$WORK/keys" && ldns-keygen -a ECDSAP256SHA256 example.com) || fail "ldns-keygen"
ldns-signzone -n -t 0 -o example.com -f "$WORK/zones/example.com.zone" "$WORK/example.com.unsigned" \
	"$WORK/keys/$k1" "$WORK/keys/$k2" || fail "ldns-signzone"
start_q53d -d "$WORK/zones" -t 1 --allow-transfer 127.0.0.1/32

c() {
	"$Q53" +time=3 +tries=1 @127.0.0.1 -p "$PORT" "$@"
}
d() {
	dig +time=3 +tries=1 @127.0.0.1 -p "$PORT" "$@"
}
mask() {
	sed -e 's/^; <<>> .* <<>>/; <<>> TOOL <<>>/' -e 's/id: [0-9]*/id: ID/' \
		-e 's/^; COOKIE: [0-9a-f]*/; COOKIE: HEX/' -e 's/^;; Query time: [0-9]*/;; Query time: N/' \
		-e '/^;; WHEN:/d' -e 's/ in [0-9]* ms\.$/ in N ms./'
}
# The same output from q53 and dig for the same arguments (what, then the arguments): lib.sh's.
same() {
	same_masked "$@"
}

# The defaults: AD in the query and a cookie, which q53d answers with its own (dig's "(good)").
same "a query, whole output" www.example.com
grep -q '^; COOKIE: HEX (good)$' "$WORK/q53.out" || fail "no good cookie: $(cat "$WORK/q53.raw")"
same "+qr" +qr www.example.com
grep -q '^;; flags: rd ad; QUERY: 1' "$WORK/q53.out" || fail "+qr: not rd ad: $(cat "$WORK/q53.raw")"
same "+qr +nocomments" +qr +nocomments www.example.com
same "+qr +noall +answer" +qr +noall +answer www.example.com
same "+qr +short" +qr +short www.example.com
same "+nocookie +noadflag" +qr +nocookie +noadflag www.example.com
grep -q '^;; flags: rd; QUERY: 1' "$WORK/q53.out" && ! grep -q COOKIE "$WORK/q53.out" ||
	fail "+nocookie +noadflag: $(cat "$WORK/q53.raw")"
same "header bits" +qr +cd +aaflag +raflag +tcflag +zflag +norec www.example.com
grep -q '^;; flags: aa tc ra ad cd; MBZ: 0x4; QUERY: 1' "$WORK/q53.out" ||
	fail "header bits: $(cat "$WORK/q53.raw")"
same "+opcode=status +header-only" +opcode=status +header-only
grep -q 'opcode: STATUS, status: NOTIMP' "$WORK/q53.out" || fail "+opcode: $(cat "$WORK/q53.raw")"
same "+subnet, +cookie=HEX" +qr +subnet=2001:db8::1/56 +cookie=0102030405060708 www.example.com
grep -q '^; CLIENT-SUBNET: 2001:db8::/56/0$' "$WORK/q53.out" || fail "+subnet: $(cat "$WORK/q53.raw")"
# dig shows the query's padding as "; PAD:" (its message before padding); q53 the octets sent.
c +qr +nsid +subnet=192.0.2.77/24 +expire +keepalive +padding=128 +ednsopt=65001:abcd +ednsflags=0x80 \
	www.example.com >"$WORK/q53.raw" 2>&1 || fail "EDNS options: $(cat "$WORK/q53.raw")"
d +qr +nsid +subnet=192.0.2.77/24 +expire +keepalive +padding=128 +ednsopt=65001:abcd +ednsflags=0x80 \
	www.example.com >"$WORK/dig.raw" 2>&1 || fail "EDNS options: dig: $(cat "$WORK/dig.raw")"
mask <"$WORK/q53.raw" | sed 's/^; PAD: ([0-9]* bytes)$/; PAD:/' >"$WORK/q53.out"
mask <"$WORK/dig.raw" >"$WORK/dig.out"
cmp -s "$WORK/q53.out" "$WORK/dig.out" ||
	fail "EDNS options: q53 and dig differ: $(diff "$WORK/dig.out" "$WORK/q53.out" | head -30)"
grep -q '^;; QUERY SIZE: 128$' "$WORK/q53.out" || fail "+padding=128: $(cat "$WORK/q53.raw")"
# Values the options cannot take are usage errors (exit 1), as in dig.
for bad in +subnet=300.1.1.1 +subnet=192.0.2.1/33 +subnet=2001:db8::/129 +cookie=abc +cookie=0102 \
	+opcode=FOO +opcode=16 +ednsopt=x:zz +ednsopt=70000 +ednsopt=3:abc +padding=1000 +qid=70000 \
	+ndots=99 +domain=a..b +ednsflags=0x10000 +ednsflags=abc +timeout=0; do
	c "$bad" www.example.com >"$WORK/out" 2>&1
	rc=$?
	[ $rc -eq 1 ] && grep -q "invalid option: $bad" "$WORK/out" || fail "$bad: exit $rc: $(cat "$WORK/out")"
done
same "+short +identify" +short +identify www.example.com mail.example.com MX
same "+ignore" +ignore +bufsize=512 big.example.com TXT
grep -q '^;; flags: qr aa tc rd; ' "$WORK/q53.out" || fail "+ignore: not the truncated reply: $(cat "$WORK/q53.raw")"
same "+onesoa AXFR" +onesoa example.com AXFR +nocrypto
# q53d speaks EDNS version 0: BADVERS, then the query again with version 0 (+ednsnegotiation, dig's
# default), or the BADVERS reply shown (+noednsnegotiation).
same "+edns=1" +qr +edns=1 www.example.com
grep -q '^;; BADVERS, retrying with EDNS version 0.$' "$WORK/q53.out" || fail "+edns=1: $(cat "$WORK/q53.raw")"
same "+edns=1 +noednsnegotiation" +edns=1 +noednsnegotiation www.example.com
grep -q 'status: BADVERS' "$WORK/q53.out" || fail "+noednsnegotiation: $(cat "$WORK/q53.raw")"
same "+qid=4660 +nordflag +timeout=2" +qr +qid=4660 +nordflag +timeout=2 www.example.com
[ "$(grep -c 'id: 4660$' "$WORK/q53.raw")" -eq 2 ] || fail "+qid: $(cat "$WORK/q53.raw")"
ok "query options as dig sends and shows them: AD, cookie (good), header bits, opcode, EDNS options and version negotiation, +qr, +qid, +identify, +ignore, +onesoa"

# Record display: every option alone and together, on a signed zone (DNSKEY, RRSIG, NSEC3) and the usual
# types, in full output, +noall +answer, +short and a zone transfer.
same "+multiline SOA" +multiline example.com SOA
grep -q '; refresh (2 hours)$' "$WORK/q53.out" || fail "+multiline: no SOA comments: $(cat "$WORK/q53.raw")"
same "+multiline +dnssec DNSKEY" +multiline +dnssec +noall +answer example.com DNSKEY
grep -q '; KSK; alg = ECDSAP256SHA256 ; key id = ' "$WORK/q53.out" ||
	fail "+multiline: no key comment: $(cat "$WORK/q53.raw")"
same "+multiline +norrcomments" +multiline +norrcomments +dnssec example.com DNSKEY
same "+norrcomments +multiline" +norrcomments +multiline +noall +answer example.com SOA
same "+rrcomments" +rrcomments +noall +answer example.com DNSKEY
same "+nocrypto" +nocrypto +dnssec +noall +answer example.com DNSKEY
same "+nocrypto +multiline" +nocrypto +multiline +dnssec +noall +answer +authority nope.example.com
same "+multiline NSEC3 proof" +multiline +dnssec nope.example.com
same "+nottlid +noclass" +nottlid +noclass www.example.com AAAA
same "+nottlid" +nottlid +noall +answer +additional example.com NS
same "+noclass" +noclass +noall +answer mail.example.com MX
same "+ttlunits" +ttlunits example.com SOA
same "+nottlid +ttlunits" +nottlid +ttlunits +noall +answer www.example.com
same "+ttlunits +nottlid" +ttlunits +nottlid +noall +answer www.example.com
same "+unknownformat" +unknownformat txt.example.com TXT
same "+unknownformat, compressed names" +unknownformat +noall +answer mail.example.com MX
same "+unknownformat SRV, CAA, TYPE65280" +unknownformat +noall +answer _sip._tcp.example.com SRV \
	caa.example.com CAA unknown.example.com TYPE65280
same "+short +multiline" +short +multiline example.com SOA
same "+short +multiline +rrcomments" +short +multiline +rrcomments example.com DNSKEY
same "+multiline +split=20" +multiline +split=20 +noall +answer example.com DNSKEY
same "+multiline AXFR" +multiline example.com AXFR
same "+nocrypto +ttlunits AXFR" +nocrypto +ttlunits +noclass example.com AXFR
ok "record display as dig: +multiline, +rrcomments, +nocrypto, +nottlid, +noclass, +ttlunits, +unknownformat, with +short and AXFR"

