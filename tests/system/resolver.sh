#!/bin/sh
# libq53's resolver against real servers (issue 6): examples/lookup (the sync API) and examples/async (the
# poll() loop) ask q53d, then NSD, both on 127.0.0.1 with random ports, for the same zone. The resolver's
# configuration is a resolv.conf and a hosts file written here, with the server given with its port (-s);
# the system's resolv.conf is never read. Checked: A and AAAA together, the search list, CNAME, MX order,
# NXDOMAIN, a truncated answer fetched again over TCP (RFC 7766 5), REFUSED as "every server failed",
# the hosts file first, and 600 lookups in flight at once.
TEST_TIMEOUT=120
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/lib.sh"
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/anchors.sh"

LOOKUP="$top_builddir/examples/lookup"
ASYNC="$top_builddir/examples/async"
[ -x "$LOOKUP" ] && [ -x "$ASYNC" ] || fail "examples/lookup and examples/async are not built"
# The resolver reads these from the environment as glibc does: not in this test.
unset LOCALDOMAIN RES_OPTIONS

mkdir "$WORK/zones"
write_zone "$WORK/zones/example.com.zone" 2024010101
# The "nameserver" line is overridden by -s (a resolv.conf line has no port); search and options stay.
cat >"$WORK/resolv.conf" <<EOF2
nameserver 127.0.0.1
search example.com
options timeout:2 attempts:2 ndots:1
EOF2
printf '192.0.2.99\tfromfile.example.com fromfile\n' >"$WORK/hosts"

# check SERVER LABEL: every check against one server.
check() {
	srv=$1
	label=$2
	L() { timeout 20 "$LOOKUP" -c "$WORK/resolv.conf" -H "$WORK/hosts" -s "$srv" "$@" 2>&1; }

	out=$(L www.example.com) || fail "$label: lookup www: $out"
	echo "$out" | grep -qx '192\.0\.2\.1	(DNS)' || fail "$label: no A: $out"
	echo "$out" | grep -qx '2001:db8::1	(DNS)' || fail "$label: no AAAA: $out"
	ok "$label: A and AAAA"

	out=$(L www) || fail "$label: search: $out"
	echo "$out" | grep -qx '192\.0\.2\.1	(DNS)' || fail "$label: search list: $out"
	ok "$label: the search list makes www www.example.com"

	out=$(L alias.example.com) || fail "$label: alias: $out"
	echo "$out" | grep -qx '192\.0\.2\.1	(DNS)' || fail "$label: CNAME: $out"
	ok "$label: CNAME followed"

	out=$(L mail.example.com mx) || fail "$label: mx: $out"
	[ "$out" = "10 mx.example.com." ] || fail "$label: MX: $out"
	ok "$label: MX"

	out=$(L nope.example.com a) && fail "$label: NXDOMAIN exits 0: $out"
	echo "$out" | grep -q "rcode NXDOMAIN, from DNS, 0 answer" || fail "$label: NXDOMAIN: $out"
	ok "$label: NXDOMAIN"

	# 2400 octets of TXT: truncated over UDP, then the whole RRset over TCP.
	out=$(L big.example.com txt) || fail "$label: big: $out"
	n=$(echo "$out" | grep -c 'IN	TXT	')
	[ "$n" -eq 10 ] || fail "$label: TC then TCP gave $n TXT records: $out"
	ok "$label: truncated answer fetched over TCP"

	out=$(L www.example.org a) && fail "$label: REFUSED exits 0: $out"
	echo "$out" | grep -q "every server failed" || fail "$label: REFUSED: $out"
	ok "$label: REFUSED is Q53_ESERVFAIL"

	out=$(L fromfile) || fail "$label: hosts: $out"
	echo "$out" | grep -qx '192\.0\.2\.99	(hosts file)' || fail "$label: hosts file: $out"
	ok "$label: hosts file first"

	# 600 lookups at once through the async API: every one answered, none lost.
	i=0
	: >"$WORK/names"
	while [ $i -lt 200 ]; do
		printf 'www.example.com\nmx.example.com\nnope%d.example.com\n' $i >>"$WORK/names"
		i=$((i + 1))
	done
	timeout 60 "$ASYNC" -c "$WORK/resolv.conf" -H "$WORK/hosts" -s "$srv" - <"$WORK/names" >"$WORK/async.out" 2>&1 ||
		fail "$label: async: $(tail -5 "$WORK/async.out")"
	a=$(grep -c '^www\.example\.com: 192\.0\.2\.1$' "$WORK/async.out")
	m=$(grep -c '^mx\.example\.com: 192\.0\.2\.25$' "$WORK/async.out")
	x=$(grep -c '^nope[0-9]*\.example\.com: NXDOMAIN$' "$WORK/async.out")
	[ "$a" -eq 200 ] && [ "$m" -eq 200 ] && [ "$x" -eq 200 ] ||
		fail "$label: async gave $a www, $m mx, $x NXDOMAIN of 200 each: $(sort "$WORK/async.out" | uniq -c | head)"
	ok "$label: 600 lookups in flight with the async API"
}

# q53d on IPv6 loopback as well when the machine has it: the resolver's IPv6 sockets are checked too.
if python3 -c 'import socket; s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); s.bind(("::1", 0))' 2>/dev/null; then
	start_q53d -d "$WORK/zones" -t 1 -l "::1@@PORT@"
	out=$(timeout 20 "$LOOKUP" -c "$WORK/resolv.conf" -H "$WORK/hosts" -s "[::1]:$PORT" www 2>&1) ||
		fail "q53d over IPv6: $out"
	echo "$out" | grep -qx '192\.0\.2\.1	(DNS)' || fail "q53d over IPv6: $out"
	ok "q53d over IPv6 loopback"
else
	start_q53d -d "$WORK/zones" -t 1
	echo "note: no IPv6 loopback here; the IPv6 check did not run"
fi
check "127.0.0.1:$PORT" q53d

# NSD, started by hand on another port of 127.0.0.1 with everything in the temporary directory.
NSD_PORT=$(free_port)
start_nsd nsd "$NSD_PORT" example.com primary "$WORK/zones/example.com.zone"
check "127.0.0.1:$NSD_PORT" NSD
