#!/bin/sh
# The zone parser and printer against BIND's, for each zone below:
#   - named-checkzone's listing (-D), read by q53-zonecheck -p, gives the records the zone gives: q53 reads
#     the zone as BIND does;
#   - q53-zonecheck -p writes each record as BIND's listing does, owners in lower case (BIND keeps them as
#     written) and the blanks of the RDATA left out (BIND cuts base64 and hex every 56 characters, -p does
#     not). BIND's printer is dig's.
# Skipped without named-checkzone (package bind9).
#
# Not compared: good/types.example (named-checkzone refuses zones with SIG or KEY records: "old style
# DNSSEC").
set -u
top_srcdir=${top_srcdir:-..}
top_builddir=${top_builddir:-.}
zc=$(cd "$top_builddir" && pwd)/tools/q53-zonecheck
[ -x "$zc" ] || { echo "no $zc"; exit 1; }
command -v named-checkzone >/dev/null 2>&1 || { echo "SKIP: no named-checkzone"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$top_srcdir/tests/data/zones" || exit 1
# One record a line: lower-case owner, TTL, class and type, then the RDATA without blanks; sorted.
norm() {
	awk '{ r = ""; for (i = 5; i <= NF; i++) r = r $i; print tolower($1), $2, $3, $4, r }' "$1" | LC_ALL=C sort
}
pass=0 fail=0
for z in bind/rare.example.zone good/example.com.zone good/features.example.zone good/gen.example.zone \
	good/include.example.zone; do
	base=${z##*/}
	origin=${base%.zone}.
	if ! (cd "${z%/*}" && named-checkzone -q -D -o "$tmp/bind" "$origin" "$base"); then
		echo "FAIL: $z: named-checkzone does not load it"
		fail=$((fail + 1))
		continue
	fi
	if ! (cd "${z%/*}" && "$zc" -p -o "$origin" "$base") >"$tmp/q53" 2>"$tmp/err"; then
		echo "FAIL: $z: q53-zonecheck: $(cat "$tmp/err")"
		fail=$((fail + 1))
		continue
	fi
	if ! "$zc" -p -o "$origin" "$tmp/bind" >"$tmp/q53-of-bind" 2>"$tmp/err" ||
		! cmp -s "$tmp/q53" "$tmp/q53-of-bind"; then
		echo "FAIL: $z: read back from named-checkzone's listing (+), not the same records: $(cat "$tmp/err")"
		diff -u "$tmp/q53" "$tmp/q53-of-bind" | head -30
		fail=$((fail + 1))
		continue
	fi
	norm "$tmp/bind" >"$tmp/bind.n"
	norm "$tmp/q53" >"$tmp/q53.n"
	if cmp -s "$tmp/bind.n" "$tmp/q53.n" && [ -s "$tmp/q53.n" ]; then
		echo "ok: $z: $(wc -l <"$tmp/q53.n") records as BIND has them"
		pass=$((pass + 1))
	else
		echo "FAIL: $z: q53-zonecheck -p (+) and named-checkzone -D (-) differ:"
		diff -u "$tmp/bind.n" "$tmp/q53.n" | head -30
		fail=$((fail + 1))
	fi
done
echo "zones against BIND: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
