#!/bin/sh
# Zone reload in q53d on SIGHUP: a changed zone is served with its new serial, a broken zone file keeps
# the old zone served and the log names file:line, a new file in the zone directory is picked up, and
# reloads in the middle of a stream of queries lose or spoil none of them.
TEST_TIMEOUT=120
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/lib.sh"

mkdir "$WORK/zones"
write_zone "$WORK/zones/example.com.zone" 1
cat >"$WORK/example.net.zone" <<EOF
\$TTL 60
@	SOA	ns hostmaster 5 3600 600 86400 60
@	NS	ns
ns	A	192.0.2.99
EOF
start_q53d -d "$WORK/zones" -z "example.net=$WORK/example.net.zone"
grep -q "serving 2 zones" "$WORK/log" || fail "ready line: $(cat "$WORK/log")"
[ "$(serial)" = 1 ] || fail "serial before reload: $(serial)"

reloads=0
# Sends SIGHUP and waits for the reload to finish.
reload() {
	reloads=$((reloads + 1))
	kill -HUP "$PID"
	n=0
	while [ "$(count_log "reload done")" -lt $reloads ]; do
		[ $n -lt 100 ] || fail "reload $reloads did not finish in 10 s"
		sleep 0.1
		n=$((n + 1))
	done
}

# Replaces a file in one step, as an editor or a deploy script should.
replace() {
	mv "$1.new" "$1"
}

# 1. A changed zone is served after SIGHUP.
write_zone "$WORK/zones/example.com.zone.new" 2
replace "$WORK/zones/example.com.zone"
reload
[ "$(serial)" = 2 ] || fail "serial after reload: $(serial)"
grep -q "zone example.com.: reloaded serial 2" "$WORK/log" || fail "reload not logged"
[ "$(q example.net SOA +short | awk '{print $3}')" = 5 ] || fail "example.net lost in the reload"
ok "SIGHUP: serial 1 -> 2"
# A zone whose file did not change is kept as it is, not read again.
grep -q "zone example.net.: serial 5, $WORK/example.net.zone unchanged" "$WORK/log" ||
	fail "unchanged example.net read again: $(cat "$WORK/log")"
ok "SIGHUP: the unchanged zone is not read again"

# 2. A broken zone file keeps the old zone; the error names the file and the line.
write_zone "$WORK/zones/example.com.zone.new" 3
echo "bad	IN	A	192.0.2.300" >>"$WORK/zones/example.com.zone.new"
replace "$WORK/zones/example.com.zone"
line=$(wc -l <"$WORK/zones/example.com.zone")
reload
grep -qE "$WORK/zones/example.com.zone:$line:[0-9]+: error" "$WORK/log" ||
	fail "no file:line error for line $line: $(cat "$WORK/log")"
grep -q "zone example.com.: .*still serving serial 2" "$WORK/log" || fail "old zone not kept"
grep -q "reload done: serving 2 zones, 1 failed" "$WORK/log" || fail "reload summary"
[ "$(serial)" = 2 ] || fail "serial after a broken reload: $(serial)"
q www.example.com A +short | grep -qx 192.0.2.1 || fail "www after a broken reload"
ok "broken zone file: serial 2 still served, error at example.com.zone:$line"

# 3. A new file in the zone directory is served after SIGHUP.
cat >"$WORK/zones/example.org.zone" <<EOF
\$TTL 60
@	SOA	ns.example.net. hostmaster 42 3600 600 86400 60
@	NS	ns.example.net.
www	A	192.0.2.80
EOF
q www.example.org A | grep -q "status: REFUSED" || fail "example.org before it exists"
reload
q www.example.org A +short | grep -qx 192.0.2.80 || fail "new zone file not picked up"
ok "new zone file picked up"

# 3b. A zone is read again when only a file it includes changed.
printf 'www\tA\t192.0.2.81\n' >"$WORK/org-hosts.new"
mv "$WORK/org-hosts.new" "$WORK/org-hosts"
cat >"$WORK/zones/example.org.zone.new" <<EOF
\$TTL 60
@	SOA	ns.example.net. hostmaster 43 3600 600 86400 60
@	NS	ns.example.net.
\$INCLUDE $WORK/org-hosts
EOF
replace "$WORK/zones/example.org.zone"
reload
q www.example.org A +short | grep -qx 192.0.2.81 || fail "zone with \$INCLUDE not loaded"
printf 'www\tA\t192.0.2.82\n' >"$WORK/org-hosts.new"
mv "$WORK/org-hosts.new" "$WORK/org-hosts"
reload
q www.example.org A +short | grep -qx 192.0.2.82 || fail "a changed \$INCLUDE file did not reload its zone"
ok "a change in an \$INCLUDE file alone reloads its zone"

# A signed zone, as dnssec-signzone writes one, loads; q53d says which chain it proves with (NSEC3: the
# NSEC3PARAM wins over the NSEC), and serves the DNSSEC records when asked for by type, as dig reads them.
cat >"$WORK/zones/example.info.zone.new" <<EOF
\$TTL 60
@	SOA	ns.example.net. hostmaster 7 3600 600 86400 60
@	NS	ns.example.net.
@	DNSKEY	257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==
@	RRSIG	SOA 13 2 60 20261231235959 20261101000000 2256 example.info. AwEAAQ==
@	NSEC	example.info. NS SOA RRSIG NSEC DNSKEY
@	NSEC3PARAM	1 0 10 aabbccdd
EOF
replace "$WORK/zones/example.info.zone"
reload
grep -q "zone example.info. is signed: DNSSEC answers with NSEC3" "$WORK/log" ||
	fail "no notice for the signed zone: $(tail -5 "$WORK/log")"
q example.info RRSIG +short | grep -qx "SOA 13 2 60 20261231235959 20261101000000 2256 example.info. AwEAAQ==" ||
	fail "RRSIG: $(q example.info RRSIG +short)"
q example.info NSEC +short | grep -qx "example.info. NS SOA RRSIG NSEC DNSKEY" ||
	fail "NSEC: $(q example.info NSEC +short)"
q example.info NSEC3PARAM +short | grep -qix "1 0 10 AABBCCDD" ||
	fail "NSEC3PARAM: $(q example.info NSEC3PARAM +short)"
if grep -q "zone example.com. is signed" "$WORK/log"; then fail "an unsigned zone called signed"; fi
ok "a signed zone loads with a notice, its DNSSEC records read by dig as written"

# 4. Reloads under a stream of queries: none lost, none answered wrongly. The zone is made large so
# that a reload takes a while and overlaps the queries.
big() {
	write_zone "$1" "$2"
	awk 'BEGIN { for (i = 0; i < 20000; i++) printf "h%d\tIN\tA\t10.%d.%d.%d\n", i, int(i / 65536), int(i / 256) % 256, i % 256 }' >>"$1"
}
big "$WORK/zones/example.com.zone.new" 10
replace "$WORK/zones/example.com.zone"
reload
[ "$(serial)" = 10 ] || fail "big zone serial: $(serial)"
timeout 90 python3 "$CLIENT" flood "$PORT" 2000 "$WORK/stop" >"$WORK/flood.out" 2>"$WORK/flood.err" &
flood=$!
HELPERS=$flood
s=11
while [ $s -le 16 ]; do
	big "$WORK/zones/example.com.zone.new" $s
	replace "$WORK/zones/example.com.zone"
	reload
	s=$((s + 1))
done
touch "$WORK/stop"
wait $flood
rc=$?
HELPERS=
[ $rc -eq 0 ] || fail "queries failed during reloads: $(cat "$WORK/flood.out" "$WORK/flood.err")"
grep -qE "^queries=[0-9]+ failures=0$" "$WORK/flood.out" || fail "flood: $(cat "$WORK/flood.out")"
[ "$(serial)" = 16 ] || fail "serial after the reloads: $(serial)"
ok "6 reloads under $(cat "$WORK/flood.out")"

stop_q53d
ok "SIGTERM: exit 0"
