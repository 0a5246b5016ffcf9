#!/bin/sh
# SVCB and HTTPS (RFC 9460) end to end. One zone holds SvcParams in their text form: every key, values
# quoted and not, the escapes of alpn (appendix A.1, which ldns 1.8.3 does not read: BIND is the oracle
# here), keys and mandatory's list out of order, AliasMode, the RFC's own examples. q53-zonecheck and BIND's
# named-checkzone -D must list the same records. q53d and NSD serve the file: their AXFRs give the same
# records, and q53 prints every answer as dig prints it, in full and +short, from both servers. BIND 9.18
# names dohpath (RFC 9461) and ohttp (RFC 9540) key7 and key8, which newer BINDs and q53 do not: only that
# is mapped. Records whose params are not in the one form text gives back (keys out of order or twice, a
# port of three octets, a mandatory key absent), loaded from the RFC 3597 form, are served as they are and
# printed by q53 in that form.
TEST_TIMEOUT=150
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/lib.sh"
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/anchors.sh"

Q53="$top_builddir/tools/q53"
ZC="$top_builddir/tools/q53-zonecheck"
command -v named-checkzone >/dev/null 2>&1 || fail "named-checkzone is not installed (package bind9-utils)"

mkdir "$WORK/zones"
zone=$WORK/zones/example.com.zone
cat >"$zone" <<'ZONE'
$TTL 3600
@	SOA	ns1 hostmaster 2024010101 7200 3600 1209600 300
@	NS	ns1
ns1	A	192.0.2.53
@	HTTPS	1 . alpn="h2,h3" ipv4hint=192.0.2.1,192.0.2.2 port=8443 ech=AEn+DQBFKwAgACABWIHUGj4u+PIggYXcR5JF0gYk3dCRioBW8uJq9H4mKAAIAAEAAQABAANAEnB1YmxpYy50bHMtZWNoLmRldgAA
www	HTTPS	0 cdn.example.net.
_dns	SVCB	1 dns.example.net. ( alpn=dot,h2 port=853
		dohpath="/dns-query{?dns}" )
s1	SVCB	16 foo.example.org. alpn=h2,h3-19 mandatory=ipv4hint,alpn ipv4hint=192.0.2.1
s2	SVCB	16 foo.example.org. alpn="f\\\\oo\\,bar,h2"
s3	SVCB	16 foo.example.org. alpn=f\\\092oo\092,bar,h2
s4	SVCB	1 foo.example.com. key667="hello\210qoo" key9 key65000="a b;c"
s5	SVCB	1 . alpn="a\"b,c d\127" no-default-alpn ipv6hint="2001:db8::1,::ffff:192.0.2.1"
s6	SVCB	1 @ port="53" mandatory=key65001,port key65001 key8
multi	HTTPS	1 . alpn=h2
multi	HTTPS	2 svc2 ipv4hint=192.0.2.3
ZONE
odd=$WORK/zones/odd.example.zone
cat >"$odd" <<'ZONE'
$TTL 3600
@	SOA	ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300
@	NS	ns1.example.com.
desc	HTTPS	\# 16 0001 00 0003 0002 0001 0001 0003 026832
twice	SVCB	\# 11 0001 00 0009 0000 0009 0000
port3	SVCB	\# 10 0001 00 0003 0003 000001
absent	SVCB	\# 13 0001 00 0000 0002 0009 0008 0000
ZONE

# BIND 9.18's names for the keys it has no name for.
bind_names() {
	sed -e 's/ key7=/ dohpath=/' -e 's/ key8\( \|$\)/ ohttp\1/'
}
# The SVCB and HTTPS records of a listing, one blank between fields, sorted.
svcb_lines() {
	awk '$4 == "SVCB" || $4 == "HTTPS" { $1 = $1; print }' | bind_names | sort
}
"$ZC" -p -o example.com "$zone" 2>"$WORK/zc.err" | svcb_lines >"$WORK/zc.svcb" ||
	fail "q53-zonecheck: $(cat "$WORK/zc.err")"
named-checkzone -q -D -o - example.com "$zone" | svcb_lines >"$WORK/bind.svcb" || fail "named-checkzone"
[ "$(wc -l <"$WORK/bind.svcb")" -eq 11 ] || fail "BIND lists $(wc -l <"$WORK/bind.svcb") SVCB/HTTPS records"
diff -u "$WORK/bind.svcb" "$WORK/zc.svcb" >"$WORK/zc.diff" ||
	fail "q53-zonecheck and named-checkzone read the zone differently: $(cat "$WORK/zc.diff")"
ok "q53-zonecheck lists the SvcParams as named-checkzone -D does (11 records)"

start_q53d -d "$WORK/zones" -t 1 --allow-transfer 127.0.0.1/32
NSD_PORT=$(free_port)
[ -n "$NSD_PORT" ] || fail "no free port for NSD"
start_nsd nsd "$NSD_PORT" example.com primary "$zone"

axfr_sorted "$PORT" example.com >"$WORK/axfr.q53d"
axfr_sorted "$NSD_PORT" example.com >"$WORK/axfr.nsd"
[ "$(grep -cE "SVCB|HTTPS" "$WORK/axfr.nsd")" -eq 11 ] || fail "NSD's AXFR: $(cat "$WORK/axfr.nsd")"
diff -u "$WORK/axfr.nsd" "$WORK/axfr.q53d" >"$WORK/axfr.diff" || fail "AXFR differs: $(cat "$WORK/axfr.diff")"
ok "AXFR from q53d equals NSD's"

# q53 prints what dig prints, from both servers, in full and +short.
n=0
for qq in "example.com HTTPS" "www.example.com HTTPS" "_dns.example.com SVCB" "s1.example.com SVCB" \
	"s2.example.com SVCB" "s3.example.com SVCB" "s4.example.com SVCB" "s5.example.com SVCB" \
	"s6.example.com SVCB" "multi.example.com HTTPS"; do
	for port in "$PORT" "$NSD_PORT"; do
		for form in "+noall +answer" "+short"; do
			# shellcheck disable=SC2086
			want=$(dig +time=5 +tries=1 +norec $form @127.0.0.1 -p "$port" $qq | bind_names | sort)
			# shellcheck disable=SC2086
			got=$("$Q53" +norec $form @127.0.0.1 -p "$port" $qq | sort)
			[ -n "$want" ] || fail "$qq: dig shows nothing"
			expect_same "$qq $form (port $port): q53 and dig" "$got" "$want"
			n=$((n + 1))
		done
	done
done
ok "q53 prints SVCB and HTTPS as dig does ($n answers from q53d and NSD, full and +short)"

# Params not in canonical form: served as loaded, printed in the RFC 3597 form.
check_odd() {
	got=$("$Q53" +norec +short @127.0.0.1 -p "$PORT" "$1.odd.example" "$2")
	[ "$got" = "$3" ] || fail "$1.odd.example $2: q53 prints '$got', want '$3'"
}
check_odd desc HTTPS '\# 16 00010000030002000100010003026832'
check_odd twice SVCB '\# 11 0001000009000000090000'
check_odd port3 SVCB '\# 10 00010000030003000001'
check_odd absent SVCB '\# 13 00010000000002000900080000'
ok "params out of canonical form are served and printed as RFC 3597"

stop_q53d
