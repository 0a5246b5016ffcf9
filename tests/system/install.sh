#!/bin/sh
# The examples build against the INSTALLED libq53, as an application would (issue 6): `make install`
# into a temporary DESTDIR, then examples/lookup.c and examples/async.c compiled with nothing but
# `cc X.c $(pkg-config --cflags --libs q53)` (PKG_CONFIG_SYSROOT_DIR points pkg-config into DESTDIR), and
# run against q53d on 127.0.0.1 with the installed shared library (LD_LIBRARY_PATH). Also checked: the
# static library links the same program, the headers, q53.pc and the man page are installed, and the
# shared library exports only q53_ names.
TEST_TIMEOUT=300
. "${top_srcdir:-$(dirname "$0")/../..}/tests/system/lib.sh"

command -v pkg-config >/dev/null 2>&1 || fail "pkg-config is not installed"
# The compiler the library was built with, and its sanitizer flags when it was built with them: an
# application links an instrumented libq53 only with the sanitizers' runtime.
CC=$(sed -n 's/^CC = //p' "$top_builddir/Makefile")
SAN=$(sed -n 's/^Q53_LDFLAGS = //p' "$top_builddir/Makefile")
command -v "${CC:-cc}" >/dev/null 2>&1 || CC=cc
unset LOCALDOMAIN RES_OPTIONS

DEST="$WORK/dest"
# MAKEFLAGS is cleared: this make is not part of the jobserver of the `make check` that runs this test.
MAKEFLAGS= ${MAKE:-make} -s -C "$top_builddir" install DESTDIR="$DEST" >"$WORK/install.log" 2>&1 ||
	fail "make install: $(tail -20 "$WORK/install.log")"
pc=$(find "$DEST" -name q53.pc | head -1)
[ -n "$pc" ] || fail "q53.pc is not installed"
export PKG_CONFIG_PATH="$(dirname "$pc")" PKG_CONFIG_SYSROOT_DIR="$DEST"
# pkgconf puts the sysroot before variables too, pkg-config 0.29 does not.
in_dest() {
	case $1 in "$DEST"/*) echo "$1" ;; *) echo "$DEST$1" ;; esac
}
libdir=$(in_dest "$(pkg-config --variable=libdir q53)")
incdir=$(in_dest "$(pkg-config --variable=includedir q53)")
for f in "$incdir/q53/q53.h" "$incdir/q53/resolver.h" "$libdir/libq53.so" "$libdir/libq53.a"; do
	[ -e "$f" ] || fail "$f is not installed"
done
[ -n "$(find "$DEST" -name q53_resolver.3)" ] || fail "man/q53_resolver.3 is not installed"
ok "make install: headers, libq53.so, libq53.a, q53.pc, q53_resolver.3"

# Hidden non-API symbols: every exported function is q53_*.
if command -v nm >/dev/null 2>&1; then
	bad=$(nm -D --defined-only "$libdir/libq53.so" | awk '$2 ~ /^[TDBR]$/ { print $3 }' | grep -v '^q53_' | head -5)
	[ -z "$bad" ] || fail "libq53.so exports non-API symbols: $bad"
	ok "libq53.so exports only q53_ symbols"
fi

flags=$(pkg-config --cflags --libs q53) || fail "pkg-config q53 failed"
for ex in lookup async; do
	# shellcheck disable=SC2086 # the flags are words
	$CC $SAN -o "$WORK/$ex" "$top_srcdir/examples/$ex.c" $flags >"$WORK/cc.log" 2>&1 ||
		fail "cc $ex.c \$(pkg-config --cflags --libs q53): $(cat "$WORK/cc.log")"
done
# The static library with its private requirements (libidn2, shared: their own static closure is not
# this test's business) links the same program.
priv=$(pkg-config --print-requires-private q53 | awk '{ print $1 }')
# shellcheck disable=SC2086
$CC $SAN -o "$WORK/lookup-static" "$top_srcdir/examples/lookup.c" $(pkg-config --cflags q53) "$libdir/libq53.a" \
	$([ -z "$priv" ] || pkg-config --libs $priv) >"$WORK/cc.log" 2>&1 ||
	fail "static link: $(cat "$WORK/cc.log")"
ok "examples built with pkg-config against the installed library"

# The installed q53/idna.h in line in an application's build, under strict warnings, in C and C++, with
# and without optimization and in GCC's Intel syntax: it must build cleanly and give what the library's
# function gives for every length (tests/system/idna_inline.c).
strict="-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wcast-qual -Wshadow -Werror"
builds="c99-O2:$CC -std=c99 -O2|c11-O0:$CC -std=c11 -O0"
[ "$(uname -m)" != x86_64 ] || builds="$builds|intel:$CC -std=c11 -O2 -masm=intel"
! command -v c++ >/dev/null 2>&1 || builds="$builds|c++:c++ -x c++ -std=c++11 -O2"
IFS='|'
for b in $builds; do
	IFS=' '
	# shellcheck disable=SC2086 # the flags are words
	${b#*:} $strict $SAN -o "$WORK/idna-${b%%:*}" "$top_srcdir/tests/system/idna_inline.c" $flags \
		>"$WORK/cc.log" 2>&1 || fail "idna_inline.c (${b#*:}): $(cat "$WORK/cc.log")"
	out=$(LD_LIBRARY_PATH="$libdir" "$WORK/idna-${b%%:*}" 2>&1) || fail "idna_inline (${b#*:}): $out"
	IFS='|'
done
IFS=' '
ok "q53/idna.h in line in C and C++ builds ($(echo "$builds" | sed 's/:[^|]*//g; s/|/, /g')): $out"

# They run against the installed shared library, not the build tree's.
export LD_LIBRARY_PATH="$libdir"
if command -v ldd >/dev/null 2>&1; then
	ldd "$WORK/lookup" | grep -q "$libdir/libq53.so" || fail "lookup does not load the installed libq53: $(ldd "$WORK/lookup")"
	! ldd "$WORK/lookup-static" | grep -q libq53 || fail "lookup-static loads libq53.so"
fi

mkdir "$WORK/zones"
write_zone "$WORK/zones/example.com.zone" 2024010101
start_q53d -d "$WORK/zones" -t 1
printf 'nameserver 127.0.0.1\nsearch example.com\noptions timeout:2 attempts:2\n' >"$WORK/resolv.conf"
: >"$WORK/hosts"
for bin in lookup lookup-static; do
	out=$(timeout 20 "$WORK/$bin" -c "$WORK/resolv.conf" -H "$WORK/hosts" -s "127.0.0.1:$PORT" www 2>&1) ||
		fail "$bin www: $out"
	echo "$out" | grep -qx '192\.0\.2\.1	(DNS)' || fail "$bin: $out"
	echo "$out" | grep -qx '2001:db8::1	(DNS)' || fail "$bin: $out"
done
out=$(timeout 20 "$WORK/async" -c "$WORK/resolv.conf" -H "$WORK/hosts" -s "127.0.0.1:$PORT" \
	www.example.com mx.example.com nope.example.com 2>&1) || fail "async: $out"
echo "$out" | grep -qx 'www\.example\.com: 192\.0\.2\.1' || fail "async www: $out"
echo "$out" | grep -qx 'mx\.example\.com: 192\.0\.2\.25' || fail "async mx: $out"
echo "$out" | grep -qx 'nope\.example\.com: NXDOMAIN' || fail "async nope: $out"
ok "the installed examples resolve through q53d"

# Size (issue 6: smaller than c-ares's library, text + data + bss as size(1) counts them), for the build
# as configured for release: a sanitizer build's instrumented library is not the one users get. This
# caught a regression once (the type table grew to 8 KB of mostly empty rows), unnoticed until a benchmark.
cares=$(ldconfig -p 2>/dev/null | awk '/libcares\.so\.2 .*x86-64|libcares\.so\.2 \(libc6\)/ { print $NF; exit }')
[ -n "$cares" ] || cares=$(ls /usr/lib/*/libcares.so.2 2>/dev/null | head -1)
if [ -z "$SAN" ] && [ -n "$cares" ] && command -v size >/dev/null 2>&1; then
	q=$(size "$(readlink -f "$libdir/libq53.so")" | awk 'NR == 2 { print $4 }')
	c=$(size "$(readlink -f "$cares")" | awk 'NR == 2 { print $4 }')
	[ "$q" -lt "$c" ] || fail "libq53.so is $q octets (text+data+bss), c-ares's $cares $c: not smaller"
	ok "libq53.so $q octets, smaller than $cares ($c)"
else
	echo "# size against c-ares not checked (sanitizer build, or no libcares.so.2, or no size)"
fi
