#!/bin/sh
# Interop (issue 5): the same zone served by q53d and by Knot, both on 127.0.0.1, must give the same answers
# (rcode, flags, every section, record for record) to a generated set of queries: existing names x types,
# NXDOMAIN, NODATA, empty non-terminal, wildcard, CNAME, delegation with glue, DS at the cut, case, with and
# without EDNS. Only the parts that are the servers' own are set aside: the message ID, cookies (dig is told
# not to send one) and the order of records inside a section (RFC 2181 5: an RRset has no order).
# ANY is left out: both answer it per RFC 8482, each with an RRset of its choice.
TEST_TIMEOUT=180
. "$(dirname "$0")/lib.sh"
command -v knotd >/dev/null 2>&1 || fail "knotd is not installed (package knot)"

zone=$WORK/example.com.zone
cat >"$zone" <<'EOF2'
$TTL 3600
@	IN	SOA	ns1 hostmaster 2024010101 7200 3600 1209600 300
@	IN	NS	ns1
@	IN	NS	ns2.example.net.
@	IN	MX	10 mail
@	IN	MX	20 mail2.example.net.
@	IN	TXT	"v=spf1 mx -all"
@	IN	A	192.0.2.10
ns1	IN	A	192.0.2.53
ns1	IN	AAAA	2001:db8::53
mail	IN	A	192.0.2.25
www	IN	A	192.0.2.1
www	IN	A	192.0.2.2
www	IN	AAAA	2001:db8::1
alias	IN	CNAME	www
chain	IN	CNAME	alias
out	IN	CNAME	www.example.net.
_sip._tcp	IN	SRV	0 5 5060 www
*.wild	IN	A	192.0.2.99
*.wild	IN	TXT	"wildcard"
a.b.c.ent	IN	A	192.0.2.7
sub	IN	NS	ns.sub
sub	IN	NS	ns1
ns.sub	IN	A	192.0.2.54
caa	IN	CAA	0 issue "ca.example.net"
EOF2

start_q53d -z "example.com=$zone" -t 1

# Knot on another port of 127.0.0.1: like q53d it answers minimally (no NS in the authority section of
# positive answers) and puts the addresses of MX, NS and SRV targets in the additional section.
KNOT_PORT=$(free_port)
mkdir -p "$WORK/knot"
cat >"$WORK/knot/knot.conf" <<EOF3
server:
  listen: 127.0.0.1@$KNOT_PORT
  rundir: "$WORK/knot"
  background-workers: 1
  udp-workers: 1
  tcp-workers: 1
database:
  storage: "$WORK/knot"
log:
  - target: stderr
    any: error
template:
  - id: default
    storage: "$WORK"
    journal-content: none
    zonefile-sync: -1
zone:
  - domain: example.com
    file: "$zone"
EOF3
knotd -c "$WORK/knot/knot.conf" >"$WORK/knot/out" 2>&1 &
ANCHOR_PID=$!
HELPERS="$ANCHOR_PID"
n=0
until dig +short +time=1 +tries=1 @127.0.0.1 -p "$KNOT_PORT" example.com SOA 2>/dev/null | grep -q hostmaster; do
	n=$((n + 1))
	[ $n -lt 100 ] || fail "Knot did not start: $(cat "$WORK/knot/out" 2>/dev/null)"
	sleep 0.2
done

# dig's answer with what belongs to the server alone taken out, each section sorted.
norm() {
	p=$1
	shift
	dig +norec +nocookie +time=2 +tries=1 @127.0.0.1 -p "$p" "$@" 2>&1 | python3 -c '
import re, sys
out, sec = [], []
def flush():
    out.extend(sorted(sec)); sec.clear()
for line in sys.stdin:
    line = line.rstrip("\n")
    if re.match(r";; (Query time|SERVER|WHEN|MSG SIZE|global options|Got answer)", line) or line.startswith("; <<>> DiG"):
        continue
    line = re.sub(r"id: [0-9]+", "id: X", line)
    if line.startswith(";;") or line == "":
        flush(); out.append(line)
    else:
        sec.append(line)
flush()
print("\n".join(out))
'
}

queries="example.com:SOA example.com:NS example.com:MX example.com:TXT example.com:A example.com:AAAA
www.example.com:A www.example.com:AAAA www.example.com:MX WwW.ExAmPlE.CoM:A
ns1.example.com:A ns1.example.com:AAAA mail.example.com:A
alias.example.com:A alias.example.com:CNAME chain.example.com:A out.example.com:A
_sip._tcp.example.com:SRV caa.example.com:CAA
x.wild.example.com:A x.wild.example.com:TXT x.wild.example.com:AAAA y.z.wild.example.com:A
ent.example.com:A c.ent.example.com:TXT a.b.c.ent.example.com:A
nosuch.example.com:A deep.nosuch.example.com:AAAA
sub.example.com:NS sub.example.com:A host.sub.example.com:A ns.sub.example.com:A sub.example.com:DS"
compared=0
for q in $queries; do
	name=${q%%:*}
	type=${q#*:}
	for edns in +edns +noedns; do
		a=$(norm "$PORT" "$name" "$type" "$edns")
		b=$(norm "$KNOT_PORT" "$name" "$type" "$edns")
		if [ "$a" != "$b" ]; then
			printf '%s\n' "$a" >"$WORK/q53d.out"
			printf '%s\n' "$b" >"$WORK/knot.out"
			fail "$name $type $edns: q53d and Knot differ:
$(diff -u "$WORK/knot.out" "$WORK/q53d.out")"
		fi
		compared=$((compared + 1))
	done
done
# The comparison saw real answers, not two identical errors.
out=$(norm "$PORT" www.example.com A)
printf '%s\n' "$out" | grep -qE "www.example.com.[[:space:]]+3600[[:space:]]+IN[[:space:]]+A[[:space:]]+192.0.2.1" ||
	fail "no answer to compare: $out"
out=$(norm "$KNOT_PORT" host.sub.example.com A)
printf '%s\n' "$out" | grep -q "AUTHORITY: 2" || fail "Knot gave no referral: $out"
ok "$compared answers the same from q53d and Knot"
kill "$ANCHOR_PID" 2>/dev/null
wait "$ANCHOR_PID" 2>/dev/null
HELPERS=
stop_q53d
