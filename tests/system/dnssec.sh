#!/bin/sh
# DNSSEC answers (RFC 4035 3.1, RFC 5155 7.2) against NSD. One zone is signed three ways: NSEC
# (ldns-signzone), NSEC3 (ldns-signzone, salt and 3 iterations) and NSEC3 with opt-out (dnssec-signzone
# -A, which leaves the unsigned delegation out of the chain). q53d serves the three, NSD (with minimal
# responses, q53d's default) each of them, and dig +dnssec +norec asks both for every case: answers and
# CNAME chains, NXDOMAIN, NODATA, an empty non-terminal, wildcard answers, wildcard NODATA and a wildcard
# CNAME, CNAMEs to a wildcard, to nothing and to an empty non-terminal, referrals with and without DS,
# DS at a cut and below it, a DNAME, a hashed NSEC3 owner, a reply cut to 512 octets. The rcode, the
# flags and every section, sorted with owners in lower case, must be the same. delv, with each zone's KSK
# as trust anchor, then validates q53d's answers; and without DO q53d adds no DNSSEC record.
TEST_TIMEOUT=240
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/lib.sh"
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/anchors.sh"

for t in ldns-keygen ldns-signzone dnssec-keygen dnssec-signzone delv; do
	command -v $t >/dev/null 2>&1 || fail "$t is not installed (ldnsutils, bind9-utils, bind9-dnsutils)"
done

mkdir "$WORK/zones" "$WORK/keys"
cat >"$WORK/unsigned" <<'ZONE'
$TTL 3600
@	SOA	ns1 hostmaster 2024010101 7200 3600 1209600 300
@	NS	ns1
@	86400	MX	10 mail
ns1	A	192.0.2.53
mail	A	192.0.2.25
www	300	A	192.0.2.1
www	300	AAAA	2001:db8::1
alias	CNAME	www
c1	CNAME	c2
c2	CNAME	www
dangling	CNAME	nothere
toempty	CNAME	b.ent
towild	CNAME	foo.wild
a.b.ent	TXT	"deep"
*.wild	A	192.0.2.99
*.wc	CNAME	www
secure	NS	ns.secure
secure	DS	12345 13 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
ns.secure	A	192.0.2.60
insecure	NS	ns.insecure
ns.insecure	A	192.0.2.61
d	DNAME	example.net.
ZONE

# The three signed files, and a delv trust anchor for each in $WORK/anchors.conf.
: >"$WORK/anchors.conf"
anchor() {
	# ORIGIN KEYFILE: the KSK's DNSKEY as a static trust anchor.
	printf 'trust-anchors {\n  %s static-key 257 3 13 "%s";\n};\n' "$1" \
		"$(grep -v '^;' "$2" | sed 's/;.*//' | awk '{for (i = 7; i <= NF; i++) printf "%s", $i}')" \
		>>"$WORK/anchors.conf"
}
for v in nsec nsec3; do
	k1=$(cd "$WORK/keys" && ldns-keygen -a ECDSAP256SHA256 -k $v.test) || fail "ldns-keygen"
	k2=$(cd "$WORK/keys" && ldns-keygen -a ECDSAP256SHA256 $v.test) || fail "ldns-keygen"
	opts=
	[ $v = nsec3 ] && opts="-n -s aabbccdd -t 3"
	# shellcheck disable=SC2086
	ldns-signzone $opts -o $v.test -f "$WORK/zones/$v.test.zone" "$WORK/unsigned" "$WORK/keys/$k1" \
		"$WORK/keys/$k2" || fail "ldns-signzone $v"
	anchor $v.test. "$WORK/keys/$k1.key"
done
(cd "$WORK/keys" && dnssec-keygen -q -a ECDSAP256SHA256 -f KSK optout.test >ksk &&
	dnssec-keygen -q -a ECDSAP256SHA256 optout.test >/dev/null) || fail "dnssec-keygen"
cp "$WORK/unsigned" "$WORK/keys/optout.db"
dnssec-signzone -q -S -K "$WORK/keys" -d "$WORK/keys" -A -3 aabbccdd -H 3 -o optout.test \
	-f "$WORK/zones/optout.test.zone" "$WORK/keys/optout.db" >/dev/null || fail "dnssec-signzone"
anchor optout.test. "$WORK/keys/$(cat "$WORK/keys/ksk").key"
nsec3s() { awk '$4 == "NSEC3"' "$WORK/zones/$1.test.zone" | wc -l; }
[ "$(nsec3s optout)" -lt "$(nsec3s nsec3)" ] || fail "the opt-out chain has the unsigned delegation"

start_q53d -d "$WORK/zones" -t 1
for v in nsec nsec3 optout; do
	grep -q "zone $v.test. is signed: DNSSEC answers with $(echo $v | sed 's/optout/nsec3/' | tr a-z A-Z)" \
		"$WORK/log" || fail "no notice for $v.test."
done
ok "three signed zones load in q53d (NSEC, NSEC3, NSEC3 opt-out)"

ANCHOR_NSD_SERVER="  minimal-responses: yes"
for v in nsec nsec3 optout; do
	port=$(free_port)
	[ -n "$port" ] || fail "no free port for NSD"
	start_nsd nsd-$v "$port" $v.test primary "$WORK/zones/$v.test.zone"
	eval "NSD_$v=$port"
done

# What dig shows of a response: the rcode, the flags with the counts, then each section's records sorted
# with their owners in lower case (NSD writes owners as it stores them, q53d as the file has them).
# With "noadd" the additional section is left out.
show() {
	_port=$1 _what=$2
	shift 2
	dig +time=5 +tries=1 +norec +nocmd +nostats +noquestion @127.0.0.1 -p "$_port" "$@" >"$WORK/dig.out" ||
		fail "dig $*: no answer from $_port"
	grep -oE 'status: [A-Z]+' "$WORK/dig.out"
	if [ "$_what" = noadd ]; then
		grep -E '^;; flags' "$WORK/dig.out" | sed 's/^;; flags: //; s/, ADDITIONAL: [0-9]*//'
	else
		grep -E '^;; flags' "$WORK/dig.out" | sed 's/^;; flags: //'
	fi
	awk -v what="$_what" '
		/^;; ANSWER SECTION/ { s = "an" } /^;; AUTHORITY SECTION/ { s = "ns" }
		/^;; ADDITIONAL SECTION/ { s = "ar" }
		/^[^;]/ && NF > 0 && !(what == "noadd" && s == "ar") { $1 = tolower($1); print s ": " $0 }' \
		"$WORK/dig.out" | sort
}

# Each case: a name relative to the zone, a type, "all" or "noadd" (q53d gives MX targets' addresses in
# additional even with minimal responses; NSD does not), and dig options.
cat >"$WORK/cases" <<'CASES'
@ SOA all
@ DNSKEY all
@ NS all
@ MX noadd
@ DS all
@ TXT all
www A all
www AAAA all
www MX all
www RRSIG all
www NSEC all
alias A all
c1 A all
c1 CNAME all
dangling A all
toempty A all
towild A all
nx A all
nx DS all
nx.b.ent TXT all
b.ent A all
a.b.ent TXT all
wild A all
x.wild A all
x.y.wild A all
x.wild MX all
x.wc A all
x.wc TXT all
host.secure A all
secure NS all
secure DS all
ns.secure A all
host.insecure A all
insecure DS all
nx.insecure DS all
ns.insecure A all
x.d A all
d DNAME all
nx A all +bufsize=512 +ignore
@ DNSKEY all +bufsize=512 +ignore
CASES

n=0
for v in nsec nsec3 optout; do
	eval "nsd=\$NSD_$v"
	cp "$WORK/cases" "$WORK/cases.$v"
	if [ $v != nsec ]; then
		# RFC 5155 7.2.8: a hashed owner name of the chain is answered as a name that does not exist.
		h=$(awk '$4 == "NSEC3" { print tolower($1); exit }' "$WORK/zones/$v.test.zone")
		[ -n "$h" ] || fail "no NSEC3 in $v.test."
		printf '%s NSEC3 all\n%s A all\n' "$h" "$h" >>"$WORK/cases.$v"
	fi
	while read -r name type what opts; do
		q=$v.test.
		[ "$name" = @ ] || q=$name.$q
		case $name in *.test.) q=$name ;; esac
		# shellcheck disable=SC2086
		show "$nsd" "$what" +dnssec $opts "$q" "$type" >"$WORK/nsd.txt"
		# shellcheck disable=SC2086
		show "$PORT" "$what" +dnssec $opts "$q" "$type" >"$WORK/q53d.txt"
		grep -qE 'RRSIG|NSEC' "$WORK/nsd.txt" || [ "$type" = DS ] ||
			fail "$q $type: NSD's answer has no DNSSEC records: $(cat "$WORK/nsd.txt")"
		diff -u "$WORK/nsd.txt" "$WORK/q53d.txt" >"$WORK/diff" ||
			fail "$q $type $opts: q53d (+) differs from NSD (-):
$(cat "$WORK/diff")"
		# Without DO, only what was asked for (and the DS of a referral stays home: RFC 4035 3.1.4).
		# shellcheck disable=SC2086
		show "$PORT" all $opts "$q" "$type" >"$WORK/plain.txt"
		case $type in RRSIG | NSEC | NSEC3 | DS) ;; *)
			if grep -E ' IN (RRSIG|NSEC|NSEC3|DS) ' "$WORK/plain.txt"; then
				fail "$q $type without DO: DNSSEC records"
			fi
			;;
		esac
		n=$((n + 1))
	done <"$WORK/cases.$v"
done
ok "q53d answers $n DO queries as NSD does, section by section (NSEC, NSEC3, NSEC3 opt-out)"

# delv validates from each zone's KSK: answers, chains, wildcards and negative answers of every kind. In
# the opt-out zone a wildcard answer or an NXDOMAIN may hide an unsigned delegation, so delv calls some of
# them insecure (RFC 5155 9.2): there q53d's answers must fare as NSD's do.
verdict() {
	delv -a "$WORK/anchors.conf" +root="$2" @127.0.0.1 -p "$1" "$3" "$4" 2>&1 | tee "$WORK/delv.out" |
		grep -oE '^; (fully validated|negative response, fully validated|unsigned answer|negative response, unsigned answer)' |
		head -1
}
m=0
for v in nsec nsec3 optout; do
	eval "nsd=\$NSD_$v"
	for c in "www A" "c1 A" "x.wild A" "towild A" "x.wc A" "@ DNSKEY" "secure DS" "nx A" "www MX" \
		"b.ent A" "x.wild MX" "insecure DS" "nx.b.ent TXT" "toempty A" "dangling A"; do
		set -- $c
		q=$v.test.
		[ "$1" = @ ] || q=$1.$q
		got=$(verdict "$PORT" $v.test. "$q" "$2")
		case $got in *"fully validated") ;; *)
			[ $v = optout ] && [ "$got" = "$(verdict "$nsd" $v.test. "$q" "$2")" ] && [ -n "$got" ] ||
				fail "delv does not validate $q $2 from q53d: $(head -5 "$WORK/delv.out")"
			;;
		esac
		m=$((m + 1))
	done
done
ok "delv validates $m answers of q53d from the zones' keys (in the opt-out zone, as NSD's)"

stop_q53d
