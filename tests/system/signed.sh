#!/bin/sh
# Signed zones (RFC 4034, RFC 5155): a zone signed by ldns-signzone (NSEC3, two ECDSA keys, RRsets of
# different TTLs) loads in q53-zonecheck without a warning and in q53d with its notice; NSD serves the same
# file. An AXFR of it from q53d and from NSD gives the same records, each RRSIG with the TTL of the RRset it
# covers (RFC 4034 3); and q53 +dnssec prints what dig prints for the DNSSEC records, against NSD, with
# dig's +split settings.
TEST_TIMEOUT=120
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/lib.sh"
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/anchors.sh"

Q53="$top_builddir/tools/q53"
ZC="$top_builddir/tools/q53-zonecheck"
for t in ldns-keygen ldns-signzone; do
	command -v $t >/dev/null 2>&1 || fail "$t is not installed (package ldnsutils)"
done

mkdir "$WORK/zones" "$WORK/keys"
cat >"$WORK/example.com.unsigned" <<'ZONE'
$TTL 3600
@	SOA	ns1 hostmaster 2024010101 7200 3600 1209600 300
@	NS	ns1
@	86400	MX	10 mail
ns1	A	192.0.2.53
mail	A	192.0.2.25
www	300	A	192.0.2.1
www	300	AAAA	2001:db8::1
txt	600	TXT	"hello"
alias	CNAME	www
a.b.ent	TXT	"deep"
*.wild	A	192.0.2.99
ZONE
k1=$(cd "$WORK/keys" && ldns-keygen -a ECDSAP256SHA256 -k example.com) || fail "ldns-keygen"
k2=$(cd "$WORK/keys" && ldns-keygen -a ECDSAP256SHA256 example.com) || fail "ldns-keygen"
zone=$WORK/zones/example.com.zone
ldns-signzone -n -s aabbccdd -t 3 -o example.com -f "$zone" "$WORK/example.com.unsigned" \
	"$WORK/keys/$k1" "$WORK/keys/$k2" || fail "ldns-signzone"

"$ZC" -o example.com "$zone" >"$WORK/zc.out" 2>&1 || fail "q53-zonecheck: $(cat "$WORK/zc.out")"
# Its one warning is RFC 9276's: 3 extra iterations where 0 are asked for.
grep -q "1 warning)" "$WORK/zc.out" &&
	grep -q "^$zone:[0-9]*:[0-9]*: warning: NSEC3PARAM asks for 3 extra iterations: RFC 9276" "$WORK/zc.out" ||
	fail "q53-zonecheck: $(cat "$WORK/zc.out")"
ok "the signed zone checks clean but for RFC 9276's warning: $(tail -1 "$WORK/zc.out")"

# Above 150 iterations the zone is refused, and says why at the record's line (RFC 9276 3.2).
ldns-signzone -n -s aabbccdd -t 151 -o example.com -f "$WORK/many.zone" "$WORK/example.com.unsigned" \
	"$WORK/keys/$k1" "$WORK/keys/$k2" || fail "ldns-signzone -t 151"
if "$ZC" -o example.com "$WORK/many.zone" >"$WORK/zc.out" 2>&1; then
	fail "q53-zonecheck took 151 iterations: $(cat "$WORK/zc.out")"
fi
grep -q "^$WORK/many.zone:[0-9]*:[0-9]*: error: NSEC3PARAM asks for 151 extra iterations, above 150" "$WORK/zc.out" ||
	fail "q53-zonecheck: $(cat "$WORK/zc.out")"
ok "151 NSEC3 iterations refused: $(grep error: "$WORK/zc.out")"

start_q53d -d "$WORK/zones" -t 1 --allow-transfer 127.0.0.1/32
grep -q "zone example.com. is signed" "$WORK/log" || fail "no notice for the signed zone"
NSD_PORT=$(free_port)
[ -n "$NSD_PORT" ] || fail "no free port for NSD"
start_nsd nsd "$NSD_PORT" example.com primary "$zone"

# Records as dig prints them, sorted: the same from both servers, TTLs included.
axfr_sorted "$PORT" example.com >"$WORK/axfr.q53d"
axfr_sorted "$NSD_PORT" example.com >"$WORK/axfr.nsd"
[ "$(grep -c RRSIG "$WORK/axfr.nsd")" -gt 10 ] || fail "NSD's AXFR: $(head -5 "$WORK/axfr.nsd")"
diff -u "$WORK/axfr.nsd" "$WORK/axfr.q53d" >"$WORK/axfr.diff" || fail "AXFR differs: $(head -20 "$WORK/axfr.diff")"
grep -qE "^example\.com\.[[:space:]]+86400[[:space:]]+IN[[:space:]]+RRSIG[[:space:]]+MX " "$WORK/axfr.q53d" ||
	fail "RRSIG MX lost its TTL"
ok "AXFR from q53d equals NSD's ($(wc -l <"$WORK/axfr.nsd") records, RRSIG TTLs included)"

# q53 +dnssec against NSD prints the DNSSEC records as dig does: base64 and hex cut into dig's 56-character
# pieces by default, whole with +nosplit, in pieces of 20 with +split=20.
n=0
for qq in "example.com DNSKEY" "example.com NSEC3PARAM" "www.example.com A" "example.com MX" \
	"nope.example.com A" "x.wild.example.com A" "alias.example.com A"; do
	for split in +split +nosplit +split=20; do
		# shellcheck disable=SC2086
		want=$(dig +time=5 +tries=1 $split +dnssec +norec +nocmd +nostats +noall +answer +authority \
			@127.0.0.1 -p "$NSD_PORT" $qq | grep -E "RRSIG|NSEC|DNSKEY" | sort)
		# shellcheck disable=SC2086
		got=$("$Q53" $split +dnssec +norec +nocmd +nostats +noall +answer +authority @127.0.0.1 \
			-p "$NSD_PORT" $qq | grep -E "RRSIG|NSEC|DNSKEY" | sort)
		[ -n "$want" ] || fail "$qq: dig shows no DNSSEC records"
		expect_same "$qq $split: q53 and dig" "$got" "$want"
		n=$((n + 1))
	done
done
ok "q53 +dnssec prints the DNSSEC records as dig does ($n answers from NSD, three +split settings)"

stop_q53d
