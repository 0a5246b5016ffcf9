# Starts the anchor servers (NSD, Knot, BIND) by hand on 127.0.0.1, for tests that need them beside q53d:
# a config in a temporary directory under $WORK, run in the foreground as the current user, never their
# packaged services. Sourced after lib.sh (which provides WORK, HELPERS, fail and the cleanup trap: every
# server started here is added to HELPERS and killed on exit).
#
#   start_nsd   ID PORT ORIGIN primary ZONEFILE              [KEY]
#   start_nsd   ID PORT ORIGIN secondary PRIMARY_ADDR@PORT   [KEY]
#   start_knot  ... (same arguments)
#   start_named ... (same arguments)
#
# ID names the directory ($WORK/ID) and the log ($WORK/ID/log). KEY is "ALG:NAME:BASE64" (dig -y syntax):
# it signs the transfers and NOTIFY between the two sides. A primary allows transfers to and sends NOTIFY
# to 127.0.0.1 (the port in NOTIFY_PORT when set). A secondary transfers from the primary (IXFR when it
# can) and takes NOTIFY from 127.0.0.1. Each function returns once the server answers a query for ORIGIN
# (or at once for a secondary, which answers only after its first transfer); the pid is in ANCHOR_PID.

ANCHOR_PID=
# Extra lines for the server: clause of start_nsd (e.g. "  ip-address: ::1@PORT"), when a test needs them.
ANCHOR_NSD_SERVER=${ANCHOR_NSD_SERVER:-}

# Polls until "dig @127.0.0.1 -p PORT NAME SOA" gives a serial, up to $3 seconds. Prints the serial.
anchor_serial() {
	dig +time=1 +tries=1 +short +norecurse @127.0.0.1 -p "$1" "$2" SOA 2>/dev/null | awk 'NF >= 7 { print $3; exit }'
}

# wait_serial PORT ORIGIN SERIAL SECONDS: succeeds once the server at PORT serves ORIGIN with SERIAL.
wait_serial() {
	_t=0
	while [ "$_t" -lt $(($4 * 5)) ]; do
		[ "$(anchor_serial "$1" "$2")" = "$3" ] && return 0
		sleep 0.2
		_t=$((_t + 1))
	done
	return 1
}

_anchor_key_parts() {
	# "alg:name:secret" -> KALG KNAME KSECRET (name without the trailing dot).
	KALG=${1%%:*}
	_rest=${1#*:}
	KNAME=${_rest%%:*}
	KNAME=${KNAME%.}
	KSECRET=${_rest#*:}
}

_anchor_start() {
	# ID CMD...: starts CMD in the background with its output in $WORK/ID/log.
	_id=$1
	shift
	"$@" >>"$WORK/$_id/log" 2>&1 &
	ANCHOR_PID=$!
	HELPERS="${HELPERS:-} $ANCHOR_PID"
	sleep 0.2
	kill -0 "$ANCHOR_PID" 2>/dev/null || {
		tail -n 20 "$WORK/$_id/log" >&2
		fail "$_id did not start"
	}
}

_anchor_ready() {
	# ID PORT ORIGIN MODE
	[ "$4" = primary ] || return 0
	wait_serial_any "$2" "$3" 20 || {
		tail -n 20 "$WORK/$1/log" >&2
		fail "$1 does not answer for $3 on port $2"
	}
}

wait_serial_any() {
	_t=0
	while [ "$_t" -lt $(($3 * 5)) ]; do
		[ -n "$(anchor_serial "$1" "$2")" ] && return 0
		sleep 0.2
		_t=$((_t + 1))
	done
	return 1
}

start_nsd() {
	_id=$1 _port=$2 _origin=$3 _mode=$4 _arg=$5 _key=${6:-}
	_d="$WORK/$_id"
	mkdir -p "$_d"
	command -v nsd >/dev/null 2>&1 || fail "nsd is not installed (package nsd)"
	_kref=NOKEY
	{
		printf 'server:\n  ip-address: 127.0.0.1@%s\n  port: %s\n  zonesdir: "%s"\n' "$_port" "$_port" "$_d"
		printf '  pidfile: "%s/nsd.pid"\n  xfrdfile: "%s/xfrd.state"\n  zonelistfile: "%s/zone.list"\n' "$_d" "$_d" "$_d"
		printf '  database: ""\n  username: ""\n  chroot: ""\n  verbosity: 2\n  server-count: 1\n'
		printf '  xfrd-reload-timeout: 0\n  tcp-count: 20\n  logfile: "%s/log"\n' "$_d"
		[ -n "${ANCHOR_NSD_SERVER:-}" ] && printf '%s\n' "$ANCHOR_NSD_SERVER"
		printf 'remote-control:\n  control-enable: no\n'
		if [ -n "$_key" ]; then
			_anchor_key_parts "$_key"
			printf 'key:\n  name: "%s"\n  algorithm: %s\n  secret: "%s"\n' "$KNAME" "$KALG" "$KSECRET"
			_kref=$KNAME
		fi
		printf 'zone:\n  name: "%s"\n' "$_origin"
		if [ "$_mode" = primary ]; then
			cp "$_arg" "$_d/zone"
			printf '  zonefile: "%s/zone"\n  provide-xfr: 127.0.0.1 %s\n' "$_d" "$_kref"
			[ -n "${NOTIFY_PORT:-}" ] && printf '  notify: 127.0.0.1@%s %s\n' "$NOTIFY_PORT" "$_kref"
		else
			printf '  zonefile: "%s/zone"\n  allow-notify: 127.0.0.1 %s\n' "$_d" "$_kref"
			printf '  request-xfr: %s %s\n' "$_arg" "$_kref"
		fi
	} >"$_d/nsd.conf"
	nsd-checkconf "$_d/nsd.conf" >"$_d/checkconf" 2>&1 || {
		cat "$_d/checkconf" >&2
		fail "nsd-checkconf rejects $_d/nsd.conf"
	}
	_anchor_start "$_id" nsd -d -c "$_d/nsd.conf"
	_anchor_ready "$_id" "$_port" "$_origin" "$_mode"
}

start_knot() {
	_id=$1 _port=$2 _origin=$3 _mode=$4 _arg=$5 _key=${6:-}
	_d="$WORK/$_id"
	mkdir -p "$_d"
	command -v knotd >/dev/null 2>&1 || fail "knotd is not installed (package knot)"
	{
		printf 'server:\n  rundir: "%s"\n  listen: 127.0.0.1@%s\n  background-workers: 1\n' "$_d" "$_port"
		printf 'log:\n  - target: stderr\n    any: info\n'
		printf 'database:\n  storage: "%s"\n' "$_d"
		_kline=
		if [ -n "$_key" ]; then
			_anchor_key_parts "$_key"
			printf 'key:\n  - id: %s\n    algorithm: %s\n    secret: %s\n' "$KNAME" "$KALG" "$KSECRET"
			_kline="    key: $KNAME"
		fi
		if [ "$_mode" = primary ]; then
			cp "$_arg" "$_d/zone"
			printf 'acl:\n  - id: xfr\n    address: 127.0.0.1\n    action: transfer\n'
			[ -n "$_kline" ] && echo "$_kline"
			if [ -n "${NOTIFY_PORT:-}" ]; then
				printf 'remote:\n  - id: sec\n    address: 127.0.0.1@%s\n' "$NOTIFY_PORT"
				[ -n "$_kline" ] && echo "$_kline"
			fi
			printf 'zone:\n  - domain: %s\n    storage: "%s"\n    file: zone\n    acl: xfr\n' "$_origin" "$_d"
			# The journal built from zone file differences lets Knot answer IXFR after a SIGHUP.
			printf '    zonefile-sync: -1\n    zonefile-load: difference\n    journal-content: changes\n'
			[ -n "${NOTIFY_PORT:-}" ] && printf '    notify: sec\n'
		else
			printf 'remote:\n  - id: primary\n    address: %s\n' "$_arg"
			[ -n "$_kline" ] && echo "$_kline"
			printf 'acl:\n  - id: notify\n    address: 127.0.0.1\n    action: notify\n'
			[ -n "$_kline" ] && echo "$_kline"
			printf 'zone:\n  - domain: %s\n    storage: "%s"\n    file: zone\n    master: primary\n' "$_origin" "$_d"
			printf '    acl: notify\n    zonefile-sync: -1\n'
		fi
	} >"$_d/knot.conf"
	_anchor_start "$_id" knotd -c "$_d/knot.conf"
	_anchor_ready "$_id" "$_port" "$_origin" "$_mode"
}

start_named() {
	_id=$1 _port=$2 _origin=$3 _mode=$4 _arg=$5 _key=${6:-}
	_d="$WORK/$_id"
	mkdir -p "$_d"
	command -v named >/dev/null 2>&1 || fail "named is not installed (package bind9)"
	_kref=
	{
		printf 'options {\n  directory "%s";\n  listen-on port %s { 127.0.0.1; };\n' "$_d" "$_port"
		printf '  listen-on-v6 { none; };\n  pid-file "%s/named.pid";\n  recursion no;\n' "$_d"
		printf '  dnssec-validation no;\n  session-keyfile "%s/session.key";\n' "$_d"
		printf '  managed-keys-directory "%s";\n  notify no;\n};\ncontrols { };\n' "$_d"
		if [ -n "$_key" ]; then
			_anchor_key_parts "$_key"
			printf 'key "%s" {\n  algorithm %s;\n  secret "%s";\n};\n' "$KNAME" "$KALG" "$KSECRET"
			_kref=" key \"$KNAME\""
		fi
		if [ "$_mode" = primary ]; then
			cp "$_arg" "$_d/zone"
			printf 'zone "%s" {\n  type primary;\n  file "%s/zone";\n' "$_origin" "$_d"
			printf '  allow-transfer { 127.0.0.1; };\n'
			if [ -n "${NOTIFY_PORT:-}" ]; then
				printf '  notify explicit;\n  also-notify { 127.0.0.1 port %s%s; };\n' "$NOTIFY_PORT" "$_kref"
			fi
			printf '};\n'
		else
			_paddr=${_arg%@*}
			_pport=${_arg#*@}
			printf 'zone "%s" {\n  type secondary;\n  file "%s/zone";\n' "$_origin" "$_d"
			printf '  primaries port %s { %s%s; };\n  allow-notify { 127.0.0.1; };\n};\n' "$_pport" "$_paddr" "$_kref"
		fi
	} >"$_d/named.conf"
	named-checkconf "$_d/named.conf" >"$_d/checkconf" 2>&1 || {
		cat "$_d/checkconf" >&2
		fail "named-checkconf rejects $_d/named.conf"
	}
	_anchor_start "$_id" named -g -n 1 -c "$_d/named.conf"
	_anchor_ready "$_id" "$_port" "$_origin" "$_mode"
}
