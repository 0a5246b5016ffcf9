# Shared by the q53d system tests (sourced, not run). Starts q53d on 127.0.0.1 with a random high port
# and a temporary directory, waits for its ready line, and cleans up whatever it started on exit. Every
# query goes to 127.0.0.1 -p $PORT with a timeout; nothing depends on /etc/resolv.conf.
#
# Q53D_WRAPPER="valgrind --error-exitcode=99 --leak-check=full" runs the server under a wrapper.

set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
Q53D="$top_builddir/tools/q53d"
CLIENT="$top_srcdir/tests/system/dnsclient.py"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/q53d-test.XXXXXX")
PID=
PORT=
# Set in each test: seconds the whole script may run before it is stopped.
: "${TEST_TIMEOUT:=120}"

fail() {
	echo "FAIL: $*" >&2
	if [ -f "$WORK/log" ]; then
		echo "--- q53d log ---" >&2
		tail -n 40 "$WORK/log" >&2
	fi
	exit 1
}

ok() {
	echo "ok: $*"
}

cleanup() {
	rc=$?
	if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
		kill -KILL "$PID" 2>/dev/null
		wait "$PID" 2>/dev/null
	fi
	# Helpers (NSD, Knot, BIND, clients) get SIGTERM first: a daemon that forks (NSD) takes its children
	# down with it then, which SIGKILL would not. Whatever is still there after 5 s is killed.
	for p in ${HELPERS:-}; do
		kill -TERM "$p" 2>/dev/null
	done
	for p in ${HELPERS:-}; do
		n=0
		while kill -0 "$p" 2>/dev/null && [ $n -lt 50 ]; do
			sleep 0.1
			n=$((n + 1))
		done
		kill -KILL "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	if [ -n "${WATCHDOG:-}" ]; then
		kill "$WATCHDOG" 2>/dev/null
		wait "$WATCHDOG" 2>/dev/null
	fi
	[ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"
	exit $rc
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# A missing tool is a failure, not a skip: CI installs them all.
for tool in dig kdig drill python3; do
	command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed (dnsutils, knot-dnsutils, ldnsutils, python3)"
done
[ -x "$Q53D" ] || fail "$Q53D is not built"

# The whole script is bounded: a hang anywhere ends in a failure, not a stuck `make check`.
(
	trap 'kill $sp 2>/dev/null; exit 0' TERM
	sleep "$TEST_TIMEOUT" &
	sp=$!
	wait $sp
	echo "FAIL: test still running after $TEST_TIMEOUT s" >&2
	kill -TERM $$ 2>/dev/null
) &
WATCHDOG=$!

# Writes a zone for example.com with the given serial into $1.
write_zone() {
	cat >"$1" <<EOF
\$TTL 3600
@	IN	SOA	ns1 hostmaster $2 7200 3600 1209600 300
@	IN	NS	ns1
ns1	IN	A	192.0.2.53
www	IN	A	192.0.2.1
www	IN	AAAA	2001:db8::1
mail	IN	MX	10 mx
mx	IN	A	192.0.2.25
alias	IN	CNAME	www
EOF
	# A TXT RRset of about 2400 octets: bigger than 512 and than 1232, so UDP truncates it.
	i=0
	while [ $i -lt 10 ]; do
		printf 'big\tIN\tTXT\t"%s %02d"\n' "$(printf '%0230d' 0)" $i >>"$1"
		i=$((i + 1))
	done
}

# Starts q53d with the arguments given (after -f -l 127.0.0.1@PORT; @PORT@ in them is replaced by the
# port) and waits for its ready line.
# Retries with another port when the one picked is in use. Sets PID and PORT.
start_q53d() {
	tries=0
	while [ $tries -lt 10 ]; do
		tries=$((tries + 1))
		PORT=$(rand_port)
		: >"$WORK/log"
		(
			# "@PORT@" in an argument stands for the port picked here.
			n=$#
			for a in "$@"; do
				case $a in *@PORT@*) a=$(printf '%s\n' "$a" | sed "s/@PORT@/$PORT/g") ;; esac
				set -- "$@" "$a"
			done
			shift $n
			exec ${Q53D_WRAPPER:-} "$Q53D" -f -l "127.0.0.1@$PORT" "$@" 2>"$WORK/log"
		) &
		PID=$!
		if wait_log "serving" 20; then
			return 0
		fi
		if kill -0 "$PID" 2>/dev/null; then
			fail "q53d did not get ready in time"
		fi
		wait "$PID" 2>/dev/null
		PID=
		grep -q "in use" "$WORK/log" || fail "q53d did not start: $(cat "$WORK/log")"
	done
	fail "no free port after 10 tries"
}

# Servers in tests listen on ports below the kernel's ephemeral range (ip_local_port_range), from which every
# client's source port comes: a server on an ephemeral port can be given to a client as its source port
# too (both with SO_REUSEADDR), and dig once received its own query from BIND that way (";; Warning: query
# response not set" in tests/system/xfr.sh). Prints the lowest port of that range.
ephemeral_low() {
	lo=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null)
	case $lo in '' | *[!0-9]*) lo=32768 ;; esac
	# A range starting too low to leave room below it: the old default's start.
	[ "$lo" -ge 12000 ] || lo=32768
	echo "$lo"
}

# A random port from 10000 up to the ephemeral range.
rand_port() {
	echo $((10000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % ($(ephemeral_low) - 10000)))
}

# Prints a port below the ephemeral range that is free for UDP and TCP on 127.0.0.1 right now.
free_port() {
	python3 -c '
import random, socket, sys
lo = int(sys.argv[1])
for _ in range(200):
    port = random.randrange(10000, lo)
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        u.bind(("127.0.0.1", port))
        t.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        u.close()
        t.close()
    print(port)
    break
' "$(ephemeral_low)"
}

# Waits until the log has a line matching the pattern (grep -E), at most $2 seconds; 1 if q53d died.
wait_log() {
	n=0
	while [ $n -lt $(($2 * 10)) ]; do
		grep -qE "$1" "$WORK/log" && return 0
		[ -n "$PID" ] && ! kill -0 "$PID" 2>/dev/null && return 1
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}

# Counts the log lines matching a pattern.
count_log() {
	grep -cE "$1" "$WORK/log"
}

# Sends SIGTERM (or the signal given) and checks that q53d exits 0 within 10 seconds.
stop_q53d() {
	kill -"${1:-TERM}" "$PID" || fail "q53d is not running"
	n=0
	while kill -0 "$PID" 2>/dev/null; do
		[ $n -lt 100 ] || fail "q53d did not stop within 10 s of SIG${1:-TERM}"
		sleep 0.1
		n=$((n + 1))
	done
	wait "$PID"
	rc=$?
	PID=
	[ $rc -eq 0 ] || fail "q53d exited $rc after SIG${1:-TERM}"
}

# dig against our server only, bounded in time.
q() {
	dig +time=2 +tries=1 +norec @127.0.0.1 -p "$PORT" "$@"
}

# Fails, showing both, when the text $2 (what we got) is not $3 (what was wanted); $1 names the two.
expect_same() {
	[ "$2" = "$3" ] || fail "$1 differ:
$2
---
$3"
}

# q53 against dig for the same arguments ($1 names the case): runs the script's c (q53) and d (dig), passes
# both outputs through its mask (what changes from one run to the next), and fails showing the difference
# when they are not the same. Leaves $WORK/q53.raw and dig.raw (as printed), q53.out and dig.out (masked).
same_masked() {
	what=$1
	shift
	c "$@" >"$WORK/q53.raw" 2>&1 || fail "$what: q53 failed: $(cat "$WORK/q53.raw")"
	d "$@" >"$WORK/dig.raw" 2>&1 || fail "$what: dig failed: $(cat "$WORK/dig.raw")"
	mask <"$WORK/q53.raw" >"$WORK/q53.out"
	mask <"$WORK/dig.raw" >"$WORK/dig.out"
	cmp -s "$WORK/q53.out" "$WORK/dig.out" ||
		fail "$what: q53 and dig differ: $(diff "$WORK/dig.out" "$WORK/q53.out" | head -30)"
}

# The records of zone $2 transferred (AXFR) from 127.0.0.1 port $1, as dig prints them, sorted, repeats
# (the SOA at both ends) once.
axfr_sorted() {
	dig +time=5 +tries=1 +nocmd +nostats +noall +answer @127.0.0.1 -p "$1" "$2" AXFR | sort -u
}

# The SOA serial q53d serves for example.com.
serial() {
	q example.com SOA +short | awk '{print $3}'
}
