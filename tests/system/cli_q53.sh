#!/bin/sh
# q53, the dig-like client, against q53d on 127.0.0.1: +short output equal to dig +short for the same
# queries, JSON (RFC 8427) that a JSON parser accepts, IDN input and output, +tcp, +norec, +dnssec,
# +nsid, +noedns, -x PTR names, exit status 9 without a server and 1 on a usage error; then every other
# option of issue 7 that needs no resolv.conf: -4/-6, -c and positional classes, +edns=N, the section and
# comment switches, +color, per-query options and -f lines, +time/+tries against a scripted responder,
# --parse (hex, binary, stdin, malformed), -r with @server and explicit resolv.conf, hosts and nsswitch files.
TEST_TIMEOUT=120
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
# About 700 octets of TXT: more than +bufsize=512 takes, less than the default 1232.
i=0
while [ $i -lt 3 ]; do
	printf 'mid\tIN\tTXT\t"%s %02d"\n' "$(printf '%0200d' 0)" $i >>"$WORK/zones/example.com.zone"
	i=$((i + 1))
done
start_q53d -d "$WORK/zones" -t 1 -n q53-test-nsid -l "::1@@PORT@"

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
# 60 octets and q53d's 28-octet COOKIE option: q53 sends a cookie by default, as dig does.
echo "$out" | grep -qx ";; MSG SIZE  rcvd: 88" || fail "size: $out"
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

# +keepopen: three queries over one TCP connection (q53d's count of connections accepted, from SIGUSR1's
# statistics), against three without it.
accepted() {
	k=$(count_log "stats: queries")
	kill -USR1 "$PID"
	n=0
	while [ "$(count_log "stats: queries")" -le "$k" ] && [ $n -lt 50 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	grep "stats: queries" "$WORK/log" | tail -1 | sed 's/.*tcp accepted=\([0-9]*\).*/\1/'
}
a0=$(accepted)
got=$(c +tcp +keepopen +short www.example.com mail.example.com MX www.example.com AAAA | wc -l)
a1=$(accepted)
c +tcp +short www.example.com mail.example.com MX www.example.com AAAA >/dev/null
a2=$(accepted)
[ "$got" -eq 3 ] && [ $((a1 - a0)) -eq 1 ] && [ $((a2 - a1)) -eq 3 ] ||
	fail "+keepopen: $got answers, $((a1 - a0)) connections with it, $((a2 - a1)) without"
ok "+keepopen: one TCP connection for three queries"

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

# -4/-6: the server's family must match; q53d listens on ::1 too.
got=$("$Q53" +time=2 +tries=1 -6 @::1 -p "$PORT" +short www.example.com) || fail "-6 @::1: exit $?"
[ "$got" = "192.0.2.1" ] || fail "-6 @::1: [$got]"
"$Q53" +time=2 +tries=1 @::1 -p "$PORT" +nocomments www.example.com | grep -qx ";; SERVER: ::1#$PORT(::1) (UDP)" ||
	fail "SERVER line for ::1"
"$Q53" -4 @::1 -p "$PORT" www.example.com >"$WORK/out" 2>&1
rc=$?
[ $rc -eq 1 ] && grep -q "not an IPv4 address" "$WORK/out" || fail "-4 @::1: exit $rc: $(cat "$WORK/out")"
c -6 www.example.com >/dev/null 2>&1 && fail "-6 with an IPv4 server accepted"
got=$(c -4 +short www.example.com) || fail "-4: exit $?"
[ "$got" = "192.0.2.1" ] || fail "-4: [$got]"
ok "-4 and -6"

# Classes: -c, positional, and the question shows them; +short equals dig's for CH.
for args in "-c CH version.bind TXT" "version.bind TXT CH" "www.example.com IN A" "-c IN www.example.com"; do
	# shellcheck disable=SC2086
	want=$(dig +time=2 +tries=1 @127.0.0.1 -p "$PORT" +short $args)
	# shellcheck disable=SC2086
	got=$(c +short $args)
	[ "$got" = "$want" ] || fail "+short $args: got [$got] want [$want]"
done
c -c CH version.bind TXT | grep -qE "^;version\.bind\.[[:space:]]+CH[[:space:]]+TXT$" || fail "-c CH question"
c version.bind TXT CHAOS | grep -qE "^;version\.bind\.[[:space:]]+CH[[:space:]]+TXT$" || fail "CHAOS question"
c -c NOTACLASS www.example.com >/dev/null 2>&1
[ $? -eq 1 ] || fail "bad class accepted"
ok "-c and positional classes"

# EDNS: +edns=0 is the default version, +edns=1 gets BADVERS (RFC 6891 6.1.3) and the query goes again
# with version 0 unless +noednsnegotiation, +edns brings it back.
c +edns=0 www.example.com | grep -q "EDNS: version: 0" || fail "+edns=0"
out=$(c +edns=1 www.example.com)
echo "$out" | grep -q "^;; BADVERS, retrying with EDNS version 0.$" && echo "$out" | grep -q "status: NOERROR" ||
	fail "+edns=1: $out"
c +edns=1 +noednsnegotiation www.example.com | grep -q "status: BADVERS" || fail "+edns=1 +noednsnegotiation"
c +noedns +edns www.example.com | grep -q "OPT PSEUDOSECTION" || fail "+noedns +edns"
c +edns=x www.example.com >/dev/null 2>&1 && fail "+edns=x accepted"
out=$(c mid.example.com TXT)
echo "$out" | grep -q "Truncated" && fail "700 octets truncated at the default +bufsize: $out"
echo "$out" | grep -q "(UDP)" || fail "700 octets over UDP: $out"
out=$(c +bufsize=512 mid.example.com TXT)
echo "$out" | grep -q "^;; Truncated, retrying in TCP mode.$" || fail "+bufsize=512: $out"
echo "$out" | grep -q "(TCP)" || fail "+bufsize=512 then TCP: $out"
[ "$(c +short +bufsize=512 mid.example.com TXT | wc -l)" -eq 3 ] || fail "+bufsize=512: the whole RRset"
ok "+edns=N, +bufsize=N"

# Sections and comments.
out=$(c +nocomments mail.example.com MX)
echo "$out" | grep -q "HEADER" && fail "+nocomments: header: $out"
echo "$out" | grep -q "SECTION" && fail "+nocomments: titles: $out"
echo "$out" | grep -qE "^mail\.example\.com\.[[:space:]]+3600[[:space:]]+IN[[:space:]]+MX" || fail "+nocomments answer: $out"
out=$(c +noadditional mail.example.com MX)
echo "$out" | grep -q "ADDITIONAL SECTION" && fail "+noadditional: $out"
echo "$out" | grep -q "^mx\.example\.com\." && fail "+noadditional record: $out"
c +additional mail.example.com MX | grep -qE "^mx\.example\.com\.[[:space:]]+3600[[:space:]]+IN[[:space:]]+A" ||
	fail "+additional"
out=$(c +norec sub.example.com A)
echo "$out" | grep -q "AUTHORITY SECTION" || fail "referral authority: $out"
out=$(c +norec +noauthority sub.example.com A)
echo "$out" | grep -q "AUTHORITY SECTION" && fail "+noauthority: $out"
out=$(c +noanswer www.example.com)
echo "$out" | grep -q "ANSWER SECTION" && fail "+noanswer: $out"
echo "$out" | grep -q "ANSWER: 1" || fail "+noanswer keeps the count: $out"
c +noquestion +question www.example.com | grep -q "QUESTION SECTION" || fail "+question"
c +nostats +stats www.example.com | grep -q "Query time" || fail "+stats"
out=$(c +vc www.example.com)
echo "$out" | grep -q "(TCP)" || fail "+vc: $out"
c +tcp +notcp www.example.com | grep -q "(UDP)" || fail "+notcp"
c +norecurse www.example.com | grep -qE "flags: qr aa;" || fail "+norecurse"
c +norec +rec www.example.com | grep -qE "flags: qr aa rd;" || fail "+rec"
c +dnssec +nodnssec www.example.com | grep -q "flags:; udp" || fail "+nodnssec"
c +nsid +nonsid www.example.com | grep -q "NSID" && fail "+nonsid"
c +json +nojson www.example.com | grep -q "HEADER" || fail "+nojson"
c +short +noshort www.example.com | grep -q "HEADER" || fail "+noshort"
ok "+[no]comments/question/answer/authority/additional/stats, +vc, +rec, and each +noX"

# +idnout is off when stdout is not a terminal (a pipe here), on under a pseudo-terminal.
c +nocomments пример.example.com | grep -q "^xn--e1afmkfd\.example\.com\." || fail "+idnout default in a pipe"
command -v script >/dev/null 2>&1 || fail "script(1) is not installed (bsdutils)"
tty_out=$(NO_COLOR= script -qc "$Q53 +time=2 +tries=1 @127.0.0.1 -p $PORT +nocomments пример.example.com" /dev/null)
echo "$tty_out" | grep -q "пример\.example\.com\." || fail "+idnout default on a terminal: $tty_out"

# +color: forced on, off by default in a pipe, on by default on a terminal unless NO_COLOR is set.
esc=$(printf '\033')
out=$(c +color mail.example.com MX)
echo "$out" | grep -q "status: ${esc}\[32mNOERROR${esc}\[0m" || fail "+color status: $out"
echo "$out" | grep -q "^${esc}\[1m;; ANSWER SECTION:${esc}\[0m$" || fail "+color title: $out"
echo "$out" | grep -qE "^${esc}\[36mmail\.example\.com\.${esc}\[0m[[:space:]]+3600[[:space:]]+IN[[:space:]]+${esc}\[33mMX${esc}\[0m[[:space:]]+10 mx\.example\.com\.$" ||
	fail "+color record: $out"
echo "$out" | grep -qE "^;${esc}\[36mmail\.example\.com\.${esc}\[0m[[:space:]]+IN[[:space:]]+${esc}\[33mMX${esc}\[0m$" ||
	fail "+color question: $out"
echo "$out" | grep -q "^; EDNS: version: 0" || fail "+color leaves the OPT lines: $out"
c +color nope.example.com | grep -q "status: ${esc}\[1;31mNXDOMAIN${esc}\[0m" || fail "+color NXDOMAIN"
c www.example.com | grep -q "$esc" && fail "colour in a pipe by default"
c +color +nocolor www.example.com | grep -q "$esc" && fail "+nocolor"
c +color +short www.example.com | grep -q "$esc" && fail "+color +short is plain"
c +color +json www.example.com | python3 -c 'import json,sys; json.load(sys.stdin)' || fail "+color +json"
NO_COLOR=1 c +color www.example.com | grep -q "$esc" || fail "+color wins over NO_COLOR"
echo "$tty_out" | grep -q "$esc\[36m" || fail "colour by default on a terminal"
tty_out=$(NO_COLOR=1 script -qc "$Q53 +time=2 +tries=1 @127.0.0.1 -p $PORT www.example.com" /dev/null)
echo "$tty_out" | grep -q "$esc" && fail "NO_COLOR on a terminal: $tty_out"
ok "+idnout and +color defaults, forced +color, NO_COLOR"

# Options after a name are that query's own; before the first name they are global (dig's rule).
out=$(c www.example.com +short mail.example.com MX)
first=$(echo "$out" | head -n 1)
[ "$first" = "192.0.2.1" ] || fail "+short after the first name: $out"
echo "$out" | grep -q "ANSWER SECTION" || fail "second query is not +short: $out"
out=$(c +short www.example.com mail.example.com MX)
[ "$out" = "$(printf '192.0.2.1\n10 mx.example.com.')" ] || fail "global +short: $out"
out=$(c www.example.com +tcp www.example.com)
[ "$(echo "$out" | grep -c '(TCP)')" -eq 1 ] && [ "$(echo "$out" | grep -c '(UDP)')" -eq 1 ] ||
	fail "+tcp for one query: $out"
ok "per-query options on the command line"

# -f: options on a line are that line's; global options apply to every line, given before or after -f.
printf 'www.example.com +tcp\nmail.example.com MX\n# a comment\n\n@::1 www.example.com +short\n' >"$WORK/batch2"
out=$(c +nostats -f "$WORK/batch2" +noquestion) || fail "-f lines: exit $?"
[ "$(echo "$out" | grep -c "QUESTION SECTION")" -eq 0 ] || fail "global +noquestion after -f: $out"
out=$(c -f "$WORK/batch2")
echo "$out" | grep -q "^; <<>> q53 [0-9.]* <<>> www.example.com +tcp$" || fail "-f banner shows the line: $out"
[ "$(echo "$out" | grep -c '(TCP)')" -eq 1 ] || fail "-f +tcp on its line only: $out"
[ "$(echo "$out" | grep -c '(UDP)')" -eq 1 ] || fail "-f: the MX line is UDP: $out"
[ "$(echo "$out" | grep -c 'Got answer')" -eq 2 ] || fail "-f: the @::1 line is +short: $out"
echo "$out" | grep -qx "192.0.2.1" || fail "-f @::1 +short line: $out"
printf 'www.example.com +bogus\nmail.example.com MX\n' >"$WORK/batch3"
out=$(c +short -f "$WORK/batch3" 2>"$WORK/err")
rc=$?
[ $rc -eq 1 ] || fail "-f with a bad line: exit $rc"
[ "$out" = "10 mx.example.com." ] || fail "-f goes on after a bad line: [$out]"
grep -q "invalid option: +bogus" "$WORK/err" || fail "-f bad line message: $(cat "$WORK/err")"
printf 'www.example.com\n' | c +short -f - >"$WORK/out" || fail "-f -"
[ "$(cat "$WORK/out")" = "192.0.2.1" ] || fail "-f - output: $(cat "$WORK/out")"
ok "-f: per-line options, global ones, comments, a bad line, stdin"

# +tries and +time against a responder that drops or delays UDP queries: the log counts the tries.
python3 "$top_srcdir/tests/system/cli_responder.py" 127.0.0.1 0 "$WORK/drop.log" --udp-drop >"$WORK/drop.ready" 2>&1 &
HELPERS="${HELPERS:-} $!"
python3 "$top_srcdir/tests/system/cli_responder.py" 127.0.0.1 0 "$WORK/slow.log" --udp-delay 2.5 >"$WORK/slow.ready" 2>&1 &
HELPERS="$HELPERS $!"
python3 "$top_srcdir/tests/system/cli_responder.py" 127.0.0.1 0 "$WORK/bad.log" --malformed >"$WORK/bad.ready" 2>&1 &
HELPERS="$HELPERS $!"
n=0
until grep -q ready "$WORK/drop.ready" && grep -q ready "$WORK/slow.ready" && grep -q ready "$WORK/bad.ready"; do
	n=$((n + 1))
	[ $n -lt 100 ] || fail "responder did not start: $(cat "$WORK/drop.ready" "$WORK/slow.ready" "$WORK/bad.ready")"
	sleep 0.1
done
DROP=$(awk '{print $2}' "$WORK/drop.ready")
SLOW=$(awk '{print $2}' "$WORK/slow.ready")
BAD=$(awk '{print $2}' "$WORK/bad.ready")
# A malformed reply (its answer cut short) is still the reply, as dig has it: its warning first, what can
# be read, the statistics, exit 0; +short shows the warning alone; +json nothing on stdout, exit 10.
out=$("$Q53" +time=2 +tries=1 @127.0.0.1 -p "$BAD" bad.test) || fail "malformed reply: exit $?: $out"
[ "$(echo "$out" | head -1)" = ";; Warning: Message parser reports malformed message packet." ] &&
	echo "$out" | grep -qE "^;bad\.test\.[[:space:]]+IN[[:space:]]+A$" && echo "$out" | grep -q "^;; MSG SIZE  rcvd: 40$" ||
	fail "malformed reply: $out"
out=$("$Q53" +time=2 +tries=1 +short @127.0.0.1 -p "$BAD" bad.test) || fail "malformed reply +short: exit $?"
[ "$out" = ";; Warning: Message parser reports malformed message packet." ] || fail "malformed reply +short: $out"
"$Q53" +time=2 +tries=1 +json @127.0.0.1 -p "$BAD" bad.test >"$WORK/out" 2>"$WORK/err"
rc=$?
[ $rc -eq 10 ] && [ ! -s "$WORK/out" ] && grep -q "malformed reply" "$WORK/err" ||
	fail "malformed reply +json: exit $rc: $(cat "$WORK/out" "$WORK/err")"
"$Q53" +time=1 +tries=2 @127.0.0.1 -p "$DROP" two.test >/dev/null 2>&1
rc=$?
[ $rc -eq 9 ] || fail "+tries=2 against a silent server: exit $rc"
"$Q53" +time=1 +retry=2 @127.0.0.1 -p "$DROP" three.test >/dev/null 2>&1
"$Q53" +time=1 @127.0.0.1 -p "$DROP" default.test >/dev/null 2>&1
[ "$(grep -c 'udp two.test. 1' "$WORK/drop.log")" -eq 2 ] || fail "+tries=2: $(cat "$WORK/drop.log")"
[ "$(grep -c 'udp three.test. 1' "$WORK/drop.log")" -eq 3 ] || fail "+retry=2: $(cat "$WORK/drop.log")"
[ "$(grep -c 'udp default.test. 1' "$WORK/drop.log")" -eq 3 ] || fail "default tries: $(cat "$WORK/drop.log")"
"$Q53" +time=1 +tries=1 @127.0.0.1 -p "$SLOW" slow.test >/dev/null 2>&1
rc=$?
[ $rc -eq 9 ] || fail "+time=1 with a reply after 2.5 s: exit $rc"
got=$("$Q53" +time=20 +tries=1 @127.0.0.1 -p "$SLOW" +short slow.test) || fail "+time=20: exit $?"
[ "$got" = "192.0.2.10" ] || fail "+time=20: [$got]"
c +time=0 www.example.com >/dev/null 2>&1 && fail "+time=0 accepted"
c +tries=0 www.example.com >/dev/null 2>&1 && fail "+tries=0 accepted"
ok "+tries, +retry and +time"

# --parse: a reply saved as binary and as spaced hex prints like the live one; bad input is an error.
python3 - "$PORT" "$WORK" <<'PY' || fail "capturing a reply"
import socket, struct, sys
port, work = int(sys.argv[1]), sys.argv[2]
q = struct.pack(">HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0) + b"\x04mail\x07example\x03com\x00" + struct.pack(">HH", 15, 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(5)
s.sendto(q, ("127.0.0.1", port))
r = s.recv(65535)
open(work + "/msg.bin", "wb").write(r)
open(work + "/msg.hex", "w").write("\n".join(r[i:i + 16].hex(" ") for i in range(0, len(r), 16)) + "\n")
open(work + "/msg.hexflat", "w").write(r.hex().upper())
open(work + "/short.bin", "wb").write(r[:40])
open(work + "/odd.hex", "w").write(r.hex()[:-1])
open(work + "/tiny.bin", "wb").write(r[:5])
open(work + "/trail.bin", "wb").write(r + b"\x00")
PY
live=$(c +nocmd +nocomments +nostats mail.example.com MX)
for f in msg.bin msg.hex msg.hexflat; do
	got=$("$Q53" --parse "$WORK/$f" +nocmd +nocomments +nostats) || fail "--parse $f: exit $?"
	[ "$got" = "$live" ] || fail "--parse $f: [$got] want [$live]"
done
"$Q53" --parse "$WORK/msg.hex" | grep -q "^;; Message read from .*msg.hex (hex, [0-9]* octets):$" || fail "--parse hex banner"
"$Q53" --parse "$WORK/msg.bin" | grep -q "(binary, [0-9]* octets)" || fail "--parse binary banner"
"$Q53" --parse "$WORK/msg.bin" | grep -q "id: 4660" || fail "--parse id"
got=$("$Q53" --parse - +short <"$WORK/msg.hex") || fail "--parse - +short"
[ "$got" = "10 mx.example.com." ] || fail "--parse - +short: [$got]"
"$Q53" --parse "$WORK/msg.bin" +json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["ID"] == 4660, d' ||
	fail "--parse +json"
"$Q53" --parse "$WORK/msg.bin" +color | grep -q "$esc" || fail "--parse +color"
"$Q53" --parse "$WORK/short.bin" >"$WORK/out" 2>&1
rc=$?
[ $rc -eq 10 ] || fail "--parse short.bin: exit $rc: $(cat "$WORK/out")"
grep -q "malformed message: message truncated" "$WORK/out" || fail "--parse short.bin message: $(cat "$WORK/out")"
got=$("$Q53" --parse "$WORK/trail.bin" +short 2>"$WORK/err") || fail "--parse trail.bin: exit $?"
[ "$got" = "10 mx.example.com." ] || fail "--parse trail.bin: [$got]"
grep -qx ";; Warning: message has 1 extra octet at end" "$WORK/err" || fail "--parse trailing: $(cat "$WORK/err")"
"$Q53" --parse "$WORK/short.bin" +json 2>/dev/null | grep -q . && fail "--parse +json prints half an object"
for f in odd.hex tiny.bin missing; do
	"$Q53" --parse "$WORK/$f" >"$WORK/out" 2>&1
	rc=$?
	[ $rc -eq 1 ] || fail "--parse $f: exit $rc: $(cat "$WORK/out")"
done
: | "$Q53" --parse - >/dev/null 2>&1
[ $? -eq 1 ] || fail "--parse of nothing"
"$Q53" --parse >/dev/null 2>&1
[ $? -eq 1 ] || fail "--parse without a file"
head -c 70000 /dev/urandom >"$WORK/big.bin"
"$Q53" --parse "$WORK/big.bin" >/dev/null 2>&1
[ $? -eq 1 ] || fail "--parse of 70000 octets"
i=0
while [ $i -lt 200 ]; do
	head -c $((12 + i)) /dev/urandom >"$WORK/rand.bin"
	"$Q53" --parse "$WORK/rand.bin" >/dev/null 2>&1
	rc=$?
	[ $rc -eq 0 ] || [ $rc -eq 10 ] || fail "--parse of random octets: exit $rc ($(od -An -tx1 "$WORK/rand.bin" | tr -d '\n'))"
	i=$((i + 1))
done
ok "--parse: binary, hex, stdin, +short/+json/+color, malformed and random input"

# -r with @server: the servers of the resolv.conf given are replaced, its search list is kept; the hosts
# file and the nsswitch order are the files given. The resolv.conf server is a blackhole: were it asked,
# the lookups would time out.
printf 'nameserver 127.0.0.1\nsearch nowhere.example.com example.com\noptions timeout:1 attempts:1\n' >"$WORK/resolv.conf"
printf '192.0.2.200 hostsonly.example.com hostsonly\n192.0.2.201 www.example.com\n' >"$WORK/hosts"
printf 'hosts: files dns\n' >"$WORK/ns-files"
printf 'hosts: dns files\n' >"$WORK/ns-dns"
r() {
	"$Q53" --resolv-conf "$WORK/resolv.conf" --hosts "$WORK/hosts" --nsswitch "$WORK/ns-files" \
		@127.0.0.1 -p "$PORT" "$@"
}
out=$(r -r mail.example.com MX 2>&1)
[ $? -eq 1 ] && echo "$out" | grep -q "take no type" || fail "-r takes no type: $out"
out=$(r -r mx) || fail "-r mx: exit $?"
echo "$out" | grep -qE "^192\.0\.2\.25[[:space:]]+DNS[[:space:]]+ttl 3600$" || fail "-r mx through the search list: $out"
echo "$out" | grep -q "^;; mx: 1 address$" || fail "-r count: $out"
out=$(r -r hostsonly)
echo "$out" | grep -qE "^192\.0\.2\.200[[:space:]]+hosts file$" || fail "-r hostsonly: $out"
out=$(r -r www.example.com)
echo "$out" | grep -qE "^192\.0\.2\.201[[:space:]]+hosts file$" || fail "-r www, files first: $out"
echo "$out" | grep -q "^192\.0\.2\.1[[:space:]]" && fail "-r www, files first, then no DNS A: $out"
out=$("$Q53" --resolv-conf "$WORK/resolv.conf" --hosts "$WORK/hosts" --nsswitch "$WORK/ns-dns" \
	@127.0.0.1 -p "$PORT" -r www.example.com)
echo "$out" | grep -qE "^192\.0\.2\.1[[:space:]]+DNS[[:space:]]+ttl 3600$" || fail "-r www, dns first: $out"
echo "$out" | grep -qE "^2001:db8::1[[:space:]]+DNS[[:space:]]+ttl 3600$" || fail "-r www AAAA: $out"
got=$("$Q53" --resolv-conf "$WORK/resolv.conf" --hosts "" --nsswitch "$WORK/ns-dns" @127.0.0.1 -p "$PORT" \
	-r www.example.com -4 +short)
[ "$got" = "192.0.2.1" ] || fail "-r -4 +short: [$got]"
got=$("$Q53" --resolv-conf "$WORK/resolv.conf" --hosts "" @127.0.0.1 -p "$PORT" -6 -r www.example.com +short)
[ "$got" = "2001:db8::1" ] || fail "-6 -r +short: [$got]"
out=$(r -r localhost +short | sort)
[ "$out" = "$(printf '127.0.0.1\n::1')" ] || fail "-r localhost: $out"
r -r localhost | grep -qE "^127\.0\.0\.1[[:space:]]+built-in$" || fail "-r localhost source"
r -r 192.0.2.9 +short | grep -qx "192.0.2.9" || fail "-r of an address"
r -r пример +json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["name"] == "пример", d
assert d["addresses"] == [{"address": "192.0.2.7", "family": 4, "source": "dns", "ttl": 3600}], d
' || fail "-r IDN +json"
r -r hostsonly.example.com +json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["addresses"] == [{"address": "192.0.2.200", "family": 4, "source": "hosts"}], d
' || fail "-r hosts +json"
out=$(r -r nope.example.com 2>"$WORK/err")
rc=$?
[ $rc -eq 0 ] || fail "-r of a name without address: exit $rc"
grep -q "nope.example.com: no address" "$WORK/err" || fail "-r nope message: $(cat "$WORK/err")"
echo "$out" | grep -q "^;; nope.example.com: 0 addresses$" || fail "-r nope output: $out"
r -r www.example.com +color | grep -q "$esc\[36m192\.0\.2\.201" || fail "-r +color"
r -r "bad..name" >/dev/null 2>&1
[ $? -eq 1 ] || fail "-r of a bad name"
"$Q53" --resolv-conf "$WORK/resolv.conf" --hosts "" +time=1 +tries=1 @127.0.0.1 -p "$DROP" -r x.example.com \
	>/dev/null 2>&1
rc=$?
[ $rc -eq 9 ] || fail "-r against a silent server: exit $rc"
"$Q53" --resolv-conf "$WORK/resolv.conf" -p "$PORT" -r www.example.com >"$WORK/out" 2>&1
rc=$?
[ $rc -eq 1 ] && grep -q "\-p needs @server" "$WORK/out" || fail "-r -p without @server: exit $rc: $(cat "$WORK/out")"
ok "-r: search list kept with @server, hosts file, nsswitch order, localhost, -4/-6, +short, +json, errors"

# Options libq53's own queries do not have: q53 sends its own query to the resolv.conf servers (127.0.0.1,
# here on the test's port with -p), as dig does, and names the server that answered.
rq() {
	"$Q53" --resolv-conf "$WORK/resolv.conf" +time=2 +tries=1 -p "$PORT" "$@"
}
out=$(rq +dnssec www.example.com) || fail "+dnssec through resolv.conf: exit $?"
echo "$out" | grep -qE "EDNS: version: 0, flags: do;" || fail "+dnssec through resolv.conf: $out"
echo "$out" | grep -q "^;; SERVER: 127.0.0.1#$PORT(127.0.0.1) (UDP)$" || fail "SERVER line: $out"
rq +norec www.example.com | grep -qE "flags: qr aa;" || fail "+norec through resolv.conf"
rq +nsid www.example.com | grep -q "NSID: .*q53-test-nsid" || fail "+nsid through resolv.conf"
rq -c CH version.bind TXT | grep -qE "^;version\.bind\.[[:space:]]+CH[[:space:]]+TXT$" || fail "-c CH through resolv.conf"
[ "$(rq -4 www.example.com +short)" = "192.0.2.1" ] || fail "-4 through resolv.conf"
rq -6 www.example.com >"$WORK/out" 2>&1
rc=$?
[ $rc -eq 9 ] && grep -q "no IPv6 servers" "$WORK/out" || fail "-6 with only IPv4 servers: exit $rc: $(cat "$WORK/out")"
c --bogus >/dev/null 2>&1
[ $? -eq 1 ] || fail "--bogus accepted"
c --resolv-conf >/dev/null 2>&1
[ $? -eq 1 ] || fail "--resolv-conf without a file accepted"
"$Q53" -h 2>&1 | grep -q "usage: q53" || fail "-h"
ok "own queries to the resolv.conf servers (+dnssec, +norec, +nsid, -c CH, -4/-6, -p), bad long options, -h"

# dig's +noall +answer and +nocmd; a name whose last dot is escaped is made absolute, one ending in an
# escaped backslash and a dot is already absolute.
out=$(c +noall +answer mail.example.com MX)
[ "$(printf '%s' "$out" | tr -s '\t' ' ')" = "mail.example.com. 3600 IN MX 10 mx.example.com." ] || fail "+noall +answer: [$out]"
[ -z "$(c +noall mail.example.com MX)" ] || fail "+noall"
c +noall +all www.example.com | grep -q "Query time" || fail "+all"
out=$(c +nocmd www.example.com)
echo "$out" | grep -q "<<>>" && fail "+nocmd: $out"
echo "$out" | grep -q "^;; Got answer:" || fail "+nocmd keeps the rest: $out"
c +cmd www.example.com | grep -q "<<>> q53" || fail "+cmd"
c 'a\.' | grep -qE '^;a\\\.\.[[:space:]]+IN[[:space:]]+A$' || fail "escaped final dot"
c 'a\\.' | grep -qE '^;a\\\\\.[[:space:]]+IN[[:space:]]+A$' || fail "escaped backslash then dot"
ok "+noall/+all, +nocmd, names ending in escapes"
