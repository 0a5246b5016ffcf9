#!/bin/sh
# Response rate limiting (q53d's rrl-* settings) on 127.0.0.1, with sources 127.x.y.z: bursts of UDP
# queries from tests/system/dnsclient.py against q53d at 10 responses a second, slip 2, loopback not
# exempt. Checked: at most the rate gets through per bucket and second (the bound allows for every second
# the burst took, so a slow machine cannot fail it), every second limited answer is truncated to its
# question, names that do not exist share one bucket, another /24 or another RRset has its own, a valid
# server cookie and TCP are never limited, the statistics count it all, the defaults exempt loopback,
# bad settings stop q53d, and NSD with the same settings limits the same burst too.
TEST_TIMEOUT=120
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/lib.sh"
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/anchors.sh"

RATE=10
write_zone "$WORK/example.com.zone" 1
cat >"$WORK/q53d.conf" <<EOF
zone example.com $WORK/example.com.zone
rrl-rate $RATE
rrl-slip 2
rrl-exempt none
EOF
start_q53d -c "$WORK/q53d.conf"

DROPPED=0
SLIPPED=0
# burst SRC N NAME TYPE [COOKIE]: sets FULL, TC, NONE, SPAN and counts what was limited.
burst() {
	out=$(python3 "$CLIENT" burst "$PORT" "$@") || fail "burst $*"
	eval "$(echo "$out" | sed 's/full=/FULL=/; s/ tc=/ TC=/; s/ none=/ NONE=/; s/ span=/ SPAN=/')"
	DROPPED=$((DROPPED + NONE))
	SLIPPED=$((SLIPPED + TC))
}

# The most a bucket can let through in a burst that took SPAN seconds: the rate for the second it started
# in and for every second it reached.
bound() {
	echo $((RATE * (2 + ${SPAN%.*})))
}

# check_limited WHAT N: FULL answers within the bound, and of the rest every second one truncated.
check_limited() {
	b=$(bound)
	[ "$FULL" -le "$b" ] || fail "$1: $FULL full answers, expected at most $b ($out)"
	limited=$(($2 - FULL))
	[ "$TC" -eq $((limited / 2)) ] && [ "$NONE" -eq $((limited - limited / 2)) ] ||
		fail "$1: of $limited limited answers, $TC truncated and $NONE dropped; slip 2 means every second one truncated ($out)"
}

burst 127.0.0.1 100 www.example.com A
check_limited "100 queries for one name" 100
[ "$FULL" -ge "$RATE" ] || fail "a fresh bucket let only $FULL through, not $RATE"
ok "100 queries for one RRset: $FULL answered, $TC truncated, $NONE dropped in $SPAN s"

burst 127.0.0.1 60 www.example.com A
check_limited "the same bucket again" 60
ok "the bucket stays limited ($FULL of 60)"

# Another /24 (127.0.1.0/24): a bucket of its own (test_rrl checks that 127.0.0.2 shares 127.0.0.1's).
burst 127.0.1.1 30 www.example.com A
[ "$FULL" -ge "$RATE" ] || fail "another /24 got $FULL full answers, not $RATE: $out"
check_limited "another /24" 30
burst 127.0.0.2 40 www.example.com A
check_limited "127.0.0.2" 40
ok "sources counted by /24"

# Another RRset: its own bucket.
burst 127.0.0.1 30 mail.example.com MX
[ "$FULL" -ge "$RATE" ] || fail "another RRset got $FULL full answers: $out"
ok "another RRset has its own bucket"

# Names that do not exist, each different: one bucket for the zone.
burst 127.0.0.1 100 RANDOM.example.com A
check_limited "100 different names that do not exist" 100
ok "NXDOMAIN for 100 different names: $FULL answered"

# A server cookie of ours exempts (RFC 7873 5.2.3); a forged one does not.
cookie=$(python3 "$CLIENT" cookie "$PORT" 127.0.0.1) || fail "no server cookie"
burst 127.0.0.1 100 www.example.com A "$cookie"
[ "$FULL" -eq 100 ] || fail "with a valid server cookie, $FULL of 100 answered: $out"
case $cookie in *[0-8]) forged=${cookie%?}f ;; *) forged=${cookie%?}0 ;; esac
burst 127.0.0.1 60 www.example.com A "$forged"
check_limited "a forged server cookie" 60
ok "a valid cookie is never limited, a forged one is"

# TCP is never limited.
a=$(dig +tcp +time=2 +tries=1 +short @127.0.0.1 -p "$PORT" www.example.com A) || fail "dig +tcp"
[ "$a" = 192.0.2.1 ] || fail "TCP answer: '$a'"
ok "TCP answered while UDP is limited"

# The statistics.
kill -USR1 "$PID"
wait_log "rate-limited" 5 || fail "no rate-limiting statistics"
grep -q "rate-limited dropped=$DROPPED slipped=$SLIPPED;" "$WORK/log" ||
	fail "statistics: expected dropped=$DROPPED slipped=$SLIPPED: $(grep stats: "$WORK/log")"
ok "statistics: dropped=$DROPPED slipped=$SLIPPED"

# The log names each limiting episode: its network, the kind of response and the question.
for want in "answer responses to 127.0.0.0/24 over $RATE a second (question www.example.com. A)" \
	"answer responses to 127.0.1.0/24 over $RATE a second (question www.example.com. A)" \
	"answer responses to 127.0.0.0/24 over $RATE a second (question mail.example.com. MX)" \
	"NXDOMAIN responses to 127.0.0.0/24 over $RATE a second (question "; do
	grep -qF "rate limit: $want" "$WORK/log" || fail "no log line '$want': $(grep 'rate limit' "$WORK/log")"
done
# Not one a limited response: eight bursts, each starting at most one episode of its bucket.
lines=$(grep -c "rate limit:" "$WORK/log")
[ "$lines" -le 8 ] || fail "$lines rate limit log lines for 8 bursts: $(grep 'rate limit' "$WORK/log")"
ok "the log names each limiting episode ($lines lines)"
stop_q53d

# The defaults: loopback is exempt.
cat >"$WORK/q53d.conf" <<EOF
zone example.com $WORK/example.com.zone
rrl-rate 1
EOF
start_q53d -c "$WORK/q53d.conf"
burst 127.0.0.1 100 www.example.com A
[ "$FULL" -eq 100 ] || fail "loopback is exempt by default, yet $FULL of 100 answered"
ok "loopback exempt by default"
stop_q53d

# Bad settings stop q53d with the line and the reason.
for bad in "rrl-rate 10001" "rrl-rate x" "rrl-slip 11" "rrl-ipv4-prefix 33" "rrl-ipv6-prefix 7" \
	"rrl-size 10" "rrl-exempt 192.0.2.0/33" "rrl-exempt ::1 nonsense" "rrl-ratelimit 5"; do
	printf 'zone example.com %s\n%s\n' "$WORK/example.com.zone" "$bad" >"$WORK/bad.conf"
	if "$Q53D" -f -c "$WORK/bad.conf" -l "127.0.0.1@$(rand_port)" >"$WORK/bad.out" 2>&1; then
		fail "q53d started with '$bad'"
	fi
	grep -q "bad.conf:2: " "$WORK/bad.out" || fail "'$bad': $(cat "$WORK/bad.out")"
done
ok "bad rrl settings refused with file:line"

# NSD (rrl-ratelimit, rrl-slip) limits the same burst and slips too. Its rate is an average over the last
# seconds rather than a bucket, so only the shape is compared.
NSD_PORT=$(free_port)
ANCHOR_NSD_SERVER="  rrl-ratelimit: $RATE
  rrl-slip: 2"
start_nsd nsd "$NSD_PORT" example.com primary "$WORK/example.com.zone"
PORT=$NSD_PORT
burst 127.0.0.1 100 www.example.com A
[ "$FULL" -lt 100 ] && [ "$TC" -ge 1 ] || fail "NSD did not limit the burst: $out"
ok "NSD with the same settings: $FULL answered, $TC truncated, $NONE dropped"
