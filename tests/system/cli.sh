#!/bin/sh
# q53d's command line and config file: every bad argument or file gives one clear line (zone errors:
# each as file:line:col) and exit status 1; a port in use is reported with the address; -V and -h work;
# -u drops privileges after binding.
TEST_TIMEOUT=60
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/lib.sh"

mkdir "$WORK/zones"
FREE=$(free_port)
[ -n "$FREE" ] || fail "no free port"
write_zone "$WORK/zones/example.com.zone" 1

# Runs q53d with the arguments given; it must exit 1 within 10 s and print the expected text.
expect_error() {
	want=$1
	shift
	timeout 10 "$Q53D" -f "$@" >"$WORK/out" 2>&1
	rc=$?
	[ $rc -eq 1 ] || fail "q53d $*: exit $rc, want 1: $(cat "$WORK/out")"
	grep -qF -- "$want" "$WORK/out" || fail "q53d $*: want '$want', got: $(cat "$WORK/out")"
	ok "q53d $* -> $(head -n 1 "$WORK/out")"
}

expect_error "unknown option '-x'" -x
expect_error "unknown option '--bogus'" --bogus
expect_error "option '-l' needs an argument" -d "$WORK/zones" -l
expect_error "unexpected argument 'extra'" -d "$WORK/zones" extra
expect_error "no zones to serve" -l 127.0.0.1@5353
expect_error "-l: bad address '300.1.1.1'" -d "$WORK/zones" -l 300.1.1.1
expect_error "-l: bad address '127.0.0.1@99999'" -d "$WORK/zones" -l 127.0.0.1@99999
expect_error "-l: bad address 'localhost'" -d "$WORK/zones" -l localhost
expect_error "-t: threads must be a number from 1 to 1024, not '0'" -d "$WORK/zones" -t 0
expect_error "-z: zone needs ORIGIN=FILE, not 'example.com'" -z example.com
expect_error "user 'no-such-user-q53': no such user" -d "$WORK/zones" -u no-such-user-q53
expect_error "-n: nsid must be 1 to" -d "$WORK/zones" -n "$(printf '%0200d' 0)"

# Zone files: unreadable, with errors (each listed with file:line:col), a bad directory.
expect_error "cannot read $WORK/missing.zone: No such file or directory" -l 127.0.0.1@$FREE \
	-z "example.com=$WORK/missing.zone"
cat >"$WORK/bad.zone" <<EOF
\$TTL 3600
@	SOA	ns1 hostmaster 1 7200 3600 1209600 300
@	NS	ns1
ns1	A	192.0.2.400
www	BOGUS	x
EOF
timeout 10 "$Q53D" -f -l 127.0.0.1@$FREE -z "example.com=$WORK/bad.zone" >"$WORK/out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "zone with errors: exit $rc"
grep -qE "^q53d: $WORK/bad.zone:4:[0-9]+: error: " "$WORK/out" || fail "no error for line 4: $(cat "$WORK/out")"
grep -qE "^q53d: $WORK/bad.zone:5:[0-9]+: error: " "$WORK/out" || fail "no error for line 5: $(cat "$WORK/out")"
grep -q "zone example.com.: $WORK/bad.zone has 2 errors; not loaded" "$WORK/out" || fail "summary: $(cat "$WORK/out")"
grep -q "1 zone failed to load, not starting" "$WORK/out" || fail "not starting: $(cat "$WORK/out")"
ok "zone with 2 errors: listed with file:line, exit 1"
expect_error "zone directory $WORK/nodir: No such file or directory" -l 127.0.0.1@$FREE -d "$WORK/nodir"

# Config file errors name the file and the line.
printf 'threads 2\nlisten 127.0.0.1@5300\n\n# comment\nbogus-key 1\n' >"$WORK/c1.conf"
expect_error "$WORK/c1.conf:5: unknown setting 'bogus-key'" -c "$WORK/c1.conf"
printf 'zonedir zones\nminimal-responses maybe\n' >"$WORK/c2.conf"
expect_error "$WORK/c2.conf:2: minimal-responses must be yes or no, not 'maybe'" -c "$WORK/c2.conf"
printf 'zonedir zones\nedns-size 100\n' >"$WORK/c3.conf"
expect_error "$WORK/c3.conf:2: edns-size must be a number from 512 to 4096, not '100'" -c "$WORK/c3.conf"
printf 'zonedir zones\nlisten\n' >"$WORK/c4.conf"
expect_error "$WORK/c4.conf:2: 'listen' needs a value" -c "$WORK/c4.conf"
printf 'zonedir zones\nversion "q53 test\n' >"$WORK/c5.conf"
expect_error "$WORK/c5.conf:2: unterminated quoted value" -c "$WORK/c5.conf"
printf 'zonedir zones\nlog journal\n' >"$WORK/c6.conf"
expect_error "$WORK/c6.conf:2: log must be syslog or stderr, not 'journal'" -c "$WORK/c6.conf"
expect_error "$WORK/none.conf: No such file or directory" -c "$WORK/none.conf"

# -V and -h.
out=$(timeout 10 "$Q53D" -V) || fail "-V exit"
echo "$out" | grep -qE "^q53d [0-9]+\.[0-9]+\.[0-9]+$" || fail "-V: $out"
out=$(timeout 10 "$Q53D" --help) || fail "--help exit"
for o in -c -d -z -l -t -u -n -f -V -h; do
	echo "$out" | grep -q -- "  $o, " || fail "--help does not list $o"
done
ok "-V and -h"

# A port in use is reported with the address, and the server holding it keeps serving. A config file
# with every key serves as the first server's settings.
cat >"$WORK/full.conf" <<EOF
# every key once
zonedir zones
zone example.net=$WORK/example.net.zone
threads 2
nsid q53-test
version "q53 system test"
identity test-1
edns-size 1232
minimal-responses yes
tcp-idle-timeout 10
tcp-max-connections 50
log stderr
EOF
cat >"$WORK/example.net.zone" <<EOF
\$TTL 60
@	SOA	ns hostmaster 5 3600 600 86400 60
@	NS	ns
ns	A	192.0.2.99
EOF
start_q53d -c "$WORK/full.conf"
grep -q "serving 2 zones on 127.0.0.1@$PORT (2 UDP threads)" "$WORK/log" || fail "ready line: $(cat "$WORK/log")"
q +nsid www.example.com A | grep -q 'NSID: .*"q53-test"' || fail "NSID from the config file"
q version.bind TXT CH +short | grep -qx '"q53 system test"' || fail "version from the config file"
q id.server TXT CH +short | grep -qx '"test-1"' || fail "identity from the config file"
timeout 10 "$Q53D" -f -l "127.0.0.1@$PORT" -d "$WORK/zones" >"$WORK/out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "second server on a port in use: exit $rc"
grep -qx "q53d: bind 127.0.0.1@$PORT (udp): Address already in use" "$WORK/out" || fail "port in use: $(cat "$WORK/out")"
q www.example.com A +short | grep -qx 192.0.2.1 || fail "first server disturbed"
ok "port in use: $(cat "$WORK/out")"
stop_q53d

# IPv4 and IPv6 on one port: both in the ready line (only 127.0.0.1 is queried). Needs ::1 on lo.
if grep -q "^0\{31\}1 .* lo$" /proc/net/if_inet6 2>/dev/null; then
	start_q53d -d "$WORK/zones" -l "::1@@PORT@"
	grep -qE "serving 1 zone on 127\.0\.0\.1@$PORT ::1@$PORT \(" "$WORK/log" || fail "IPv6 listen: $(cat "$WORK/log")"
	q www.example.com A +short | grep -qx 192.0.2.1 || fail "IPv6 listen: IPv4 not answering"
	stop_q53d
	ok "127.0.0.1@$PORT and ::1@$PORT"
else
	echo "note: no ::1 on lo, IPv6 listening not exercised"
fi

# With log syslog the start-up lines still reach stderr (the ready line), later ones only syslog.
printf 'zonedir zones\nlog syslog\n' >"$WORK/syslog.conf"
start_q53d -c "$WORK/syslog.conf"
grep -q "zone example.com.: loaded serial 1" "$WORK/log" || fail "log syslog: start-up lines: $(cat "$WORK/log")"
kill -USR1 "$PID"
q www.example.com A +short | grep -qx 192.0.2.1 || fail "log syslog: not answering"
stop_q53d
grep -q "stats:" "$WORK/log" && fail "log syslog: statistics went to stderr"
ok "log syslog: ready line on stderr, later lines not"

# -u drops privileges after binding (needs root to test).
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	chmod 755 "$WORK" "$WORK/zones"
	chmod 644 "$WORK/zones/example.com.zone"
	start_q53d -d "$WORK/zones" -u nobody
	uid=$(awk '/^Uid:/ {print $2 "," $3 "," $4 "," $5}' "/proc/$PID/status")
	want=$(id -u nobody)
	[ "$uid" = "$want,$want,$want,$want" ] || fail "-u nobody: uids $uid"
	grep -qE "^Groups:[[:space:]]*$(id -g nobody)?[[:space:]]*$" "/proc/$PID/status" ||
		fail "-u nobody: $(grep Groups "/proc/$PID/status")"
	q www.example.com A +short | grep -qx 192.0.2.1 || fail "-u nobody: not answering"
	kill -HUP "$PID"
	wait_log "reload done" 10 || fail "-u nobody: reload"
	stop_q53d
	ok "-u nobody: uid $uid after binding, reload works"
else
	echo "note: not root, -u not exercised"
fi
