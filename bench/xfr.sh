#!/bin/sh
# Zone transfer benchmark (issue 8): wall time of one AXFR of the same zone (N A records, default 200000)
# from q53d, NSD, Knot and BIND, each on 127.0.0.1 in this run, read by kdig (median of 5; kdig's own
# parsing is part of every number). Timing never decides a test: run by hand.
# Usage: top_builddir=BUILD_DIR sh bench/xfr.sh [N]
TEST_TIMEOUT=900
top_srcdir=$(cd "$(dirname "$0")/.." && pwd)
. "$top_srcdir/tests/system/lib.sh"
. "$top_srcdir/tests/system/anchors.sh"
N=${1:-200000}
mkdir -p "$WORK/zones"
write_zone "$WORK/zones/example.com.zone" 1
awk -v n="$N" 'BEGIN { for (i = 0; i < n; i++) printf "h%d\tIN\tA\t10.%d.%d.%d\n", i, i / 65536 % 256, i / 256 % 256, i % 256 }' >>"$WORK/zones/example.com.zone"
SEC=$(free_port)
start_q53d -d "$WORK/zones" -t 1 --allow-transfer 127.0.0.1 --notify "example.com 127.0.0.1@$SEC"
P_NSD=$(free_port)
P_KNOT=$(free_port)
P_BIND=$(free_port)
start_nsd nsd "$P_NSD" example.com primary "$WORK/zones/example.com.zone"
start_knot knot "$P_KNOT" example.com primary "$WORK/zones/example.com.zone"
start_named named "$P_BIND" example.com primary "$WORK/zones/example.com.zone"

# Median of 5 wall times in ms of kdig AXFR (output discarded), and the record count of the last one.
axfr() {
	for i in 1 2 3 4 5; do
		s=$(date +%s%N)
		kdig +tcp +time=30 @127.0.0.1 -p "$1" example.com AXFR >"$WORK/out" 2>&1
		e=$(date +%s%N)
		echo $(((e - s) / 1000000))
	done | sort -n | sed -n 3p
}
printf '| server | AXFR of %s records, ms (median of 5) | records received |\n| --- | --- | --- |\n' "$N"
for s in "q53d $PORT" "NSD $P_NSD" "Knot $P_KNOT" "BIND $P_BIND"; do
	set -- $s
	ms=$(axfr "$2")
	recs=$(sed -n 's/.*Received [0-9]* B ([0-9]* messages, \([0-9]*\) records).*/\1/p' "$WORK/out")
	printf '| %s | %s | %s |\n' "$1" "$ms" "$recs"
done

# A q53d secondary of the q53d above: its first AXFR, then every 500th record changed (serial 2), followed
# through SIGHUP, NOTIFY and IXFR. Wall time from the signal to the new serial on the secondary.
printf 'secondary-dir sec\nsecondary example.com 127.0.0.1@%s\n' "$PORT" >"$WORK/sec.conf"
s=$(date +%s%N)
"$Q53D" -f -t 1 -l "127.0.0.1@$SEC" -c "$WORK/sec.conf" 2>"$WORK/sec.log" &
HELPERS="$HELPERS $!"
wait_serial "$SEC" example.com 1 120 || fail "the secondary did not transfer: $(tail "$WORK/sec.log")"
e=$(date +%s%N)
echo "q53d secondary: start to serial 1 served (AXFR of $N records, written, loaded): $(((e - s) / 1000000)) ms"
sed -i 's/ 1 7200 3600/ 2 7200 3600/; s/^\(h[0-9]*[05]00\tIN\tA\t10\.\)[0-9]*/\199/' "$WORK/zones/example.com.zone"
s=$(date +%s%N)
kill -HUP "$PID"
wait_serial "$SEC" example.com 2 120 || fail "the secondary did not follow: $(tail "$WORK/sec.log")"
e=$(date +%s%N)
grep "IXFR from serial 1 to 2" "$WORK/sec.log" | sed 's/^q53d: /q53d secondary: /'
echo "q53d secondary: SIGHUP of the primary to serial 2 served ($(grep -c '^h[0-9]*[05]00.*10\.99\.' "$WORK/zones/example.com.zone") records changed): $(((e - s) / 1000000)) ms"
