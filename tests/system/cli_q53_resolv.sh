#!/bin/sh
# q53 without @server (issue 7): the query goes through libq53 with the resolv.conf given by --resolv-conf
# (never the system's). resolv.conf has no port syntax, so the servers listen on port 53 of addresses of
# their own in 127.0.0.0/8 (127.R.S.1..5, R and S random): q53d A and q53d B answer www.example.com with
# different addresses, a scripted responder answers UDP and TCP differently, another drops every query, and
# 127.R.S.9 has no server at all. Shown: every nameserver is used (failover), options timeout/attempts/
# rotate/use-vc and +tcp/+tries over them, +[no]search, -f and -r through the same files, IDN and JSON.
# Binding port 53 needs root or CAP_NET_BIND_SERVICE: without it the script is skipped (exit 77).
TEST_TIMEOUT=120
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/lib.sh"

Q53="$top_builddir/tools/q53"
[ -x "$Q53" ] || fail "$Q53 is not built"
RESPONDER="$top_srcdir/tests/system/cli_responder.py"
# libq53 reads these as glibc does; the expectations below are those of the files alone.
unset LOCALDOMAIN RES_OPTIONS

# Addresses nobody else uses: retry a few random 127.R.S.0/24 until port 53 is free on .1 to .5.
NET=
i=0
while [ $i -lt 20 ] && [ -z "$NET" ]; do
	i=$((i + 1))
	r=$(od -An -N2 -tu1 /dev/urandom | awk '{print ($1 % 254) + 1 "." ($2 % 254) + 1}')
	if python3 - "127.$r" <<'PY'; then
import socket, sys
socks = []
for host in range(1, 6):
    for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
        s = socket.socket(socket.AF_INET, kind)
        try:
            s.bind(("%s.%d" % (sys.argv[1], host), 53))
        except PermissionError:
            sys.exit(77)
        except OSError:
            sys.exit(1)
        socks.append(s)
PY
		NET="127.$r"
	elif [ $? -eq 77 ]; then
		echo "SKIP: binding port 53 on loopback needs root or CAP_NET_BIND_SERVICE"
		exit 77
	fi
done
[ -n "$NET" ] || fail "no free 127.x.y.0/24 with port 53 after 20 tries"
A=$NET.1
B=$NET.2
RESP=$NET.3
DROP=$NET.4
SERVFAIL=$NET.5
DEAD=$NET.9

zone() {
	mkdir -p "$WORK/$1"
	cat >"$WORK/$1/example.com.zone" <<EOF
\$TTL 3600
@	IN	SOA	ns1 hostmaster 1 7200 3600 1209600 300
@	IN	NS	ns1
ns1	IN	A	192.0.2.53
www	IN	A	$2
mx	IN	A	192.0.2.25
mail	IN	MX	10 mx
xn--e1afmkfd	IN	A	192.0.2.7
EOF
}
zone za 192.0.2.1
zone zb 192.0.2.2

# q53d A through lib.sh (it also listens on a random port of 127.0.0.1); q53d B and the responders by hand.
start_q53d -d "$WORK/za" -t 1 -l "$A@53"
"$Q53D" -f -t 1 -d "$WORK/zb" -l "$B@53" 2>"$WORK/b.log" &
HELPERS="$!"
python3 "$RESPONDER" "$RESP" 53 "$WORK/resp.log" >"$WORK/resp.ready" 2>&1 &
HELPERS="$HELPERS $!"
python3 "$RESPONDER" "$DROP" 53 "$WORK/drop.log" --udp-drop >"$WORK/drop.ready" 2>&1 &
HELPERS="$HELPERS $!"
python3 "$RESPONDER" "$SERVFAIL" 53 "$WORK/servfail.log" --servfail >"$WORK/servfail.ready" 2>&1 &
HELPERS="$HELPERS $!"
n=0
until grep -q serving "$WORK/b.log" && grep -q ready "$WORK/resp.ready" && grep -q ready "$WORK/drop.ready" &&
	grep -q ready "$WORK/servfail.ready"; do
	n=$((n + 1))
	[ $n -lt 100 ] || fail "servers did not start: $(cat "$WORK/b.log" "$WORK/resp.ready" "$WORK/drop.ready" "$WORK/servfail.ready")"
	sleep 0.1
done

# Writes resolv.conf $1 with the lines given.
conf() {
	f=$WORK/$1
	shift
	printf '%s\n' "$@" >"$f"
}
conf one "nameserver $A" "search example.com" "options timeout:2 attempts:1"
conf failover "nameserver $DEAD" "nameserver $B" "options timeout:1 attempts:1"
conf dead "nameserver $DEAD" "options timeout:1 attempts:1"
conf rotate "nameserver $A" "nameserver $B" "options rotate timeout:2 attempts:1"
conf norotate "nameserver $A" "nameserver $B" "options timeout:2 attempts:1"
conf vc "nameserver $RESP" "options use-vc timeout:2 attempts:1"
conf novc "nameserver $RESP" "options timeout:2 attempts:1"
conf drop "nameserver $DROP" "options timeout:1 attempts:2"
conf servfail "nameserver $SERVFAIL" "nameserver $B" "options timeout:1 attempts:1"
conf servfail2 "nameserver $SERVFAIL" "nameserver $SERVFAIL" "options timeout:1 attempts:1"
conf nosearch "nameserver $A" "options timeout:2 attempts:1"
: >"$WORK/hosts"
printf 'hosts: files dns\n' >"$WORK/nsswitch"

q() {
	f=$1
	shift
	"$Q53" --resolv-conf "$WORK/$f" "$@"
}

# The resolv.conf server answers, printed like a direct reply.
got=$(q one www.example.com +short) || fail "one server: exit $?"
[ "$got" = "192.0.2.1" ] || fail "one server: [$got]"
out=$(q one www.example.com) || fail "one server full: exit $?"
echo "$out" | grep -q "^;; Got answer:" || fail "full output: $out"
echo "$out" | grep -qE "^www\.example\.com\.[[:space:]]+3600[[:space:]]+IN[[:space:]]+A[[:space:]]+192\.0\.2\.1$" ||
	fail "answer: $out"
echo "$out" | grep -q "^;; SERVER: $A#53($A) (UDP)$" || fail "SERVER line names the server that answered: $out"
echo "$out" | grep -q "flags: qr aa rd;" || fail "libq53 asks with RD: $out"
q one mail.example.com MX +json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["answerRRs"][0]["rdataMX"] == "10 mx.example.com.", d
' || fail "+json through libq53"
got=$(q one +short пример.example.com) || fail "IDN through libq53"
[ "$got" = "192.0.2.7" ] || fail "IDN through libq53: [$got]"
q one nope.example.com | grep -q "status: NXDOMAIN" || fail "NXDOMAIN through libq53"
got=$(q one +short localhost)
[ "$got" = "127.0.0.1" ] || fail "localhost is built in (RFC 6761): [$got]"
ok "resolv.conf server through libq53: text, +short, +json, IDN, NXDOMAIN, localhost"

# Every nameserver: the first one is dead, the second answers.
got=$(q failover www.example.com +short) || fail "failover: exit $?"
[ "$got" = "192.0.2.2" ] || fail "failover: [$got]"
q dead www.example.com >"$WORK/out" 2>&1
rc=$?
[ $rc -eq 9 ] || fail "no server answers: exit $rc: $(cat "$WORK/out")"
grep -q "no servers could be reached" "$WORK/out" || fail "no server message: $(cat "$WORK/out")"
ok "failover to the second nameserver; exit 9 when none answers"

# options rotate: one q53 run with two queries starts each at the next server; without it, at the first.
got=$(q rotate +short www.example.com www.example.com | tr '\n' ' ')
[ "$got" = "192.0.2.1 192.0.2.2 " ] || fail "rotate: [$got]"
got=$(q norotate +short www.example.com www.example.com | tr '\n' ' ')
[ "$got" = "192.0.2.1 192.0.2.1 " ] || fail "no rotate: [$got]"
ok "options rotate"

# options use-vc, and +tcp/+notcp over it: the responder answers .20 over TCP and .10 over UDP.
[ "$(q vc +short x.test)" = "192.0.2.20" ] || fail "use-vc"
[ "$(q vc +notcp +short x.test)" = "192.0.2.10" ] || fail "use-vc +notcp"
[ "$(q novc +short x.test)" = "192.0.2.10" ] || fail "UDP by default"
[ "$(q novc +tcp +short x.test)" = "192.0.2.20" ] || fail "+tcp through libq53"
[ "$(q novc +vc +short x.test)" = "192.0.2.20" ] || fail "+vc through libq53"
ok "options use-vc, +tcp, +notcp"

# options attempts, and +tries over it: the dropping responder counts the tries.
q drop a.test >/dev/null 2>&1
rc=$?
[ $rc -eq 9 ] || fail "dropping server: exit $rc"
q drop +tries=1 b.test >/dev/null 2>&1
[ "$(grep -c 'udp a.test. 1' "$WORK/drop.log")" -eq 2 ] || fail "attempts:2: $(cat "$WORK/drop.log")"
[ "$(grep -c 'udp b.test. 1' "$WORK/drop.log")" -eq 1 ] || fail "+tries=1: $(cat "$WORK/drop.log")"
ok "options attempts, +tries"

# +[no]search: dig's default is the name as given; +search lets the resolv.conf search list apply.
out=$(q one www)
echo "$out" | grep -qE "^;www\.[[:space:]]+IN[[:space:]]+A$" || fail "+nosearch by default asks www.: $out"
echo "$out" | grep -q "status: REFUSED" || fail "www. is outside q53d's zones: $out"
got=$(q one +search +short www) || fail "+search: exit $?"
[ "$got" = "192.0.2.1" ] || fail "+search: [$got]"
q one +search www | grep -qE "^;www\.example\.com\.[[:space:]]+IN[[:space:]]+A$" || fail "+search question"
[ -z "$(q one +search +nosearch +short www)" ] || fail "+nosearch after +search"
got=$(q one +search +short www.example.com.)
[ "$got" = "192.0.2.1" ] || fail "+search with an absolute name: [$got]"
# dig's +domain=NAME: that search list alone, and +search; +defname is +search's old name.
[ "$(q nosearch +short www)" = "" ] || fail "no search list: www answered"
got=$(q nosearch +domain=example.com +short www) || fail "+domain: exit $?"
[ "$got" = "192.0.2.1" ] || fail "+domain=example.com: [$got]"
[ "$(q one +defname +short www)" = "192.0.2.1" ] || fail "+defname"
ok "+search and +nosearch, +domain, +defname"

# +fail (queries of q53's own making, here through +norec): a SERVFAIL sends the query to the next
# server, as dig says; without it (dig's default) the SERVFAIL is the answer, and so when every server
# fails.
out=$(q servfail +norec www.example.com) || fail "SERVFAIL: exit $?"
echo "$out" | grep -q "status: SERVFAIL" && echo "$out" | grep -q "^;; SERVER: $SERVFAIL#53" ||
	fail "+nofail: not the SERVFAIL: $out"
out=$(q servfail +norec +fail www.example.com) || fail "+fail: exit $?"
echo "$out" | grep -q "^;; Got SERVFAIL reply from $SERVFAIL, trying next server$" &&
	echo "$out" | grep -q "status: NOERROR" && echo "$out" | grep -q "^;; SERVER: $B#53" ||
	fail "+fail: not the second server's answer: $out"
out=$(q servfail2 +norec +fail www.example.com) || fail "+fail, every server SERVFAIL: exit $?"
echo "$out" | grep -q "status: SERVFAIL" || fail "+fail, every server SERVFAIL: $out"
ok "+fail and +nofail"

# -f lines without @server share one resolver; a line may still name its server.
printf 'www.example.com\nmail.example.com MX\n@%s www.example.com\nwww +search\n' "$B" >"$WORK/batch"
got=$(q one +short -f "$WORK/batch" | tr '\n' ' ')
[ "$got" = "192.0.2.1 10 mx.example.com. 192.0.2.2 192.0.2.1 " ] || fail "-f through libq53: [$got]"
ok "-f through libq53"

# -r without @server: the resolv.conf servers and search list, the hosts file first.
printf '192.0.2.77 onlyhere\n' >"$WORK/hosts"
rr() {
	q one --hosts "$WORK/hosts" --nsswitch "$WORK/nsswitch" "$@"
}
out=$(rr -r www) || fail "-r www: exit $?"
echo "$out" | grep -qE "^192\.0\.2\.1[[:space:]]+DNS[[:space:]]+ttl 3600$" || fail "-r www: $out"
[ "$(rr -r onlyhere +short)" = "192.0.2.77" ] || fail "-r from the hosts file"
[ "$(rr -r www @"$B" +short)" = "192.0.2.2" ] || fail "-r @B replaces the resolv.conf server"
[ "$(q failover --hosts "$WORK/hosts" -r www.example.com +short)" = "192.0.2.2" ] || fail "-r failover"
ok "-r through the resolv.conf servers, search list and hosts file"
