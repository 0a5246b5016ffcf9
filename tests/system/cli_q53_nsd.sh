#!/bin/sh
# q53 against NSD as well as q53d (issue 7): both serve the same zone on 127.0.0.1 and ::1 (random ports);
# the same option matrix runs against each (transport, flags, EDNS, NSID, sections, comments, +short,
# +json through Python's json module, IDN in and out, colour, -x, -t/-c, -4/-6, several queries, -f), and
# +short is compared with `dig +short` for the same queries against NSD. NSD runs in the foreground from a
# config in the temporary directory (anchors.sh) and is stopped with SIGTERM (its children follow).
TEST_TIMEOUT=150
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/lib.sh"
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/anchors.sh"

Q53="$top_builddir/tools/q53"
[ -x "$Q53" ] || fail "$Q53 is not built"

mkdir "$WORK/zones"
zone=$WORK/zones/example.com.zone
cat >"$zone" <<'ZONE'
$TTL 3600
@	IN	SOA	ns1 hostmaster 2024010101 7200 3600 1209600 300
@	IN	NS	ns1
@	IN	MX	10 mail
@	IN	TXT	"v=spf1 mx -all"
ns1	IN	A	192.0.2.53
ns1	IN	AAAA	2001:db8::53
www	IN	A	192.0.2.1
www	IN	A	192.0.2.2
www	IN	AAAA	2001:db8::1
mail	IN	A	192.0.2.25
alias	IN	CNAME	www
chain	IN	CNAME	alias
txt	IN	TXT	"hello world" "two"
_sip._tcp	IN	SRV	0 5 5060 www
caa	IN	CAA	0 issue "ca.example.net"
sub	IN	NS	ns.sub
ns.sub	IN	A	192.0.2.54
*.wild	IN	A	192.0.2.99
xn--e1afmkfd	IN	A	192.0.2.7
xn--e1afmkfd	IN	MX	10 xn--80akhbyknj4f
xn--80akhbyknj4f	IN	A	192.0.2.8
ZONE
# A TXT RRset bigger than 1232 octets: UDP truncates it at both servers.
i=0
while [ $i -lt 8 ]; do
	printf 'big\tIN\tTXT\t"%s %02d"\n' "$(printf '%0200d' 0)" $i >>"$zone"
	i=$((i + 1))
done

start_q53d -d "$WORK/zones" -t 1 -n q53d-nsid -l "::1@@PORT@"
Q53D_PORT=$PORT

NSD_PORT=$(free_port)
[ -n "$NSD_PORT" ] || fail "no free port for NSD"
ANCHOR_NSD_SERVER="  ip-address: ::1@$NSD_PORT
  nsid: \"ascii_nsd-nsid\""
start_nsd nsd "$NSD_PORT" example.com primary "$zone"

QUERIES="www.example.com|www.example.com AAAA|example.com MX|example.com TXT|txt.example.com TXT|alias.example.com|chain.example.com|example.com SOA|example.com NS|nope.example.com|sub.example.com NS|_sip._tcp.example.com SRV|caa.example.com CAA|x.wild.example.com|x.wild.example.com TXT|-t MX example.com|www.example.com A IN|example.com MX www.example.com AAAA|-x 192.0.2.1|big.example.com TXT"

# The matrix against one server: $1 its name in messages, $2 its port, $3 its NSID.
matrix() {
	name=$1
	port=$2
	nsid=$3
	c() {
		"$Q53" +time=2 +tries=1 @127.0.0.1 -p "$port" "$@"
	}
	n=0
	OLDIFS=$IFS
	IFS='|'
	for args in $QUERIES; do
		IFS=$OLDIFS
		# shellcheck disable=SC2086
		want=$(dig +time=2 +tries=1 @127.0.0.1 -p "$port" +short $args) || fail "$name: dig $args"
		# shellcheck disable=SC2086
		got=$(c +short $args) || fail "$name: q53 $args: exit $?"
		[ "$got" = "$want" ] || fail "$name: +short $args: got [$got] want [$want]"
		# shellcheck disable=SC2086
		c +json $args | python3 -c '
import json, sys
text = sys.stdin.read()
docs, i = [], 0
dec = json.JSONDecoder()
while i < len(text):  # one JSON object per query
    if text[i].isspace():
        i += 1
        continue
    d, i = dec.raw_decode(text, i)
    docs.append(d)
assert docs and all(isinstance(d, dict) and "ID" in d and "questionRRs" in d for d in docs), docs
' || fail "$name: +json $args does not parse"
		n=$((n + 1))
		IFS='|'
	done
	IFS=$OLDIFS
	ok "$name: +short equals dig +short and +json parses ($n queries)"

	out=$(c www.example.com)
	echo "$out" | grep -q "status: NOERROR" || fail "$name: status: $out"
	echo "$out" | grep -q "flags: qr aa rd;" || fail "$name: flags: $out"
	echo "$out" | grep -qx ";; SERVER: 127.0.0.1#$port(127.0.0.1) (UDP)" || fail "$name: server: $out"
	c nope.example.com | grep -q "status: NXDOMAIN" || fail "$name: NXDOMAIN"
	c +norec www.example.com | grep -q "flags: qr aa;" || fail "$name: +norec"
	c +tcp www.example.com | grep -q "(TCP)" || fail "$name: +tcp"
	c +vc www.example.com | grep -q "(TCP)" || fail "$name: +vc"
	c +dnssec www.example.com | grep -q "EDNS: version: 0, flags: do;" || fail "$name: +dnssec"
	c +nsid www.example.com | grep -q "NSID: .*(\"$nsid\")" || fail "$name: +nsid"
	out=$(c +noedns www.example.com)
	echo "$out" | grep -q "OPT PSEUDOSECTION" && fail "$name: +noedns: $out"
	out=$(c +edns=1 www.example.com)
	echo "$out" | grep -q "^;; BADVERS, retrying with EDNS version 0.$" && echo "$out" | grep -q "status: NOERROR" ||
		fail "$name: +edns=1: $out"
	c +edns=1 +noednsnegotiation www.example.com | grep -q "status: BADVERS" ||
		fail "$name: +edns=1 +noednsnegotiation"
	c +edns=0 www.example.com | grep -q "EDNS: version: 0" || fail "$name: +edns=0"
	out=$(c big.example.com TXT)
	echo "$out" | grep -q "^;; Truncated, retrying in TCP mode.$" || fail "$name: truncation: $out"
	echo "$out" | grep -q "(TCP)" || fail "$name: TC then TCP: $out"
	[ "$(c +short big.example.com TXT | wc -l)" -eq 8 ] || fail "$name: the whole RRset over TCP"
	[ "$(c +short +bufsize=4096 big.example.com TXT | wc -l)" -eq 8 ] || fail "$name: +bufsize=4096"
	out=$(c +nocomments +nostats example.com MX)
	# As dig: with +cmd (the default) the banner and ";; global options" stay; no other comment does.
	echo "$out" | grep -v "^;; global options: +cmd$" | grep -q "^;;" && fail "$name: +nocomments +nostats: $out"
	c +noquestion www.example.com | grep -q "QUESTION SECTION" && fail "$name: +noquestion"
	c +noanswer www.example.com | grep -q "ANSWER SECTION" && fail "$name: +noanswer"
	c +norec sub.example.com | grep -q "AUTHORITY SECTION" || fail "$name: referral"
	c +norec +noauthority sub.example.com | grep -q "AUTHORITY SECTION" && fail "$name: +noauthority"
	c +norec sub.example.com | grep -q "ADDITIONAL SECTION" || fail "$name: glue"
	c +norec +noadditional sub.example.com | grep -q "ADDITIONAL SECTION" && fail "$name: +noadditional"
	c +nostats www.example.com | grep -q "Query time" && fail "$name: +nostats"
	c -t AAAA www.example.com | grep -qE "^www\.example\.com\.[[:space:]]+3600[[:space:]]+IN[[:space:]]+AAAA[[:space:]]+2001:db8::1$" ||
		fail "$name: -t AAAA"
	c -c CH id.server TXT | grep -qE "^;id\.server\.[[:space:]]+CH[[:space:]]+TXT$" || fail "$name: -c CH"
	c -x 2001:db8::1 | grep -qE "^;1\.0\.0\.0.*\.ip6\.arpa\.[[:space:]]+IN[[:space:]]+PTR$" || fail "$name: -x v6"
	[ "$("$Q53" +time=2 +tries=1 -6 @::1 -p "$port" +short www.example.com AAAA)" = "2001:db8::1" ] ||
		fail "$name: -6 @::1"
	[ "$(c -4 +short www.example.com AAAA)" = "2001:db8::1" ] || fail "$name: -4"
	# IDN: U-labels in, A-labels out in a pipe, U-labels with +idnout (the MX target too).
	[ "$(c +short пример.example.com)" = "192.0.2.7" ] || fail "$name: IDN in"
	out=$(c +idnout +nocomments +nostats пример.example.com MX)
	echo "$out" | grep -qE "^пример\.example\.com\.[[:space:]]+3600[[:space:]]+IN[[:space:]]+MX[[:space:]]+10 испытание\.example\.com\.$" ||
		fail "$name: +idnout: $out"
	c +noidnout +short пример.example.com MX | grep -qx "10 xn--80akhbyknj4f.example.com." || fail "$name: +noidnout"
	c +color www.example.com | grep -q "$(printf '\033')\[32mNOERROR" || fail "$name: +color"
	out=$(c +short www.example.com AAAA mail.example.com)
	[ "$out" = "$(printf '2001:db8::1\n192.0.2.25')" ] || fail "$name: two queries: $out"
	printf 'www.example.com AAAA +tcp\nmail.example.com\n' >"$WORK/batch"
	out=$(c +nocomments -f "$WORK/batch")
	[ "$(echo "$out" | grep -c '(TCP)')" -eq 1 ] && [ "$(echo "$out" | grep -c '(UDP)')" -eq 1 ] ||
		fail "$name: -f line options: $out"
	ok "$name: flags, transport, EDNS, NSID, truncation, sections, -t/-c/-x/-4/-6, IDN, +color, -f"
}

matrix q53d "$Q53D_PORT" q53d-nsid
matrix NSD "$NSD_PORT" nsd-nsid

# The two servers give the same +short answers to every query (the matrix compared each with dig).
OLDIFS=$IFS
IFS='|'
for args in $QUERIES; do
	IFS=$OLDIFS
	# shellcheck disable=SC2086
	a=$("$Q53" +time=2 +tries=1 @127.0.0.1 -p "$Q53D_PORT" +short $args | sort)
	# shellcheck disable=SC2086
	b=$("$Q53" +time=2 +tries=1 @127.0.0.1 -p "$NSD_PORT" +short $args | sort)
	[ "$a" = "$b" ] || fail "q53d and NSD differ for $args: [$a] [$b]"
	IFS='|'
done
IFS=$OLDIFS
ok "q53d and NSD give q53 the same +short answers"
