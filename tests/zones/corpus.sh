#!/bin/sh
# Runs q53-zonecheck on every zone of tests/data/zones and compares its exact output with the .expect file
# beside the zone (first line "exit N", then stderr and stdout as printed), and for zones that load, the
# canonical listing of q53-zonecheck -p with the .canon file, and that this listing reads back to itself.
# Set Q53_UPDATE=1 to rewrite them (then review every change by eye before committing).
set -u
top_srcdir=${top_srcdir:-..}
top_builddir=${top_builddir:-.}
zc=$(cd "$top_builddir" && pwd)/tools/q53-zonecheck
[ -x "$zc" ] || { echo "no $zc"; exit 1; }
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$top_srcdir/tests/data/zones" || exit 1
for z in */*.zone; do
	"$zc" "$z" >"$tmp/out" 2>&1
	rc=$?
	{ echo "exit $rc"; cat "$tmp/out"; } >"$tmp/got"
	if [ "${Q53_UPDATE:-0}" = 1 ]; then
		cp "$tmp/got" "${z%.zone}.expect"
	fi
	if cmp -s "$tmp/got" "${z%.zone}.expect"; then
		pass=$((pass + 1))
	else
		echo "FAIL: $z: output differs from ${z%.zone}.expect"
		diff -u "${z%.zone}.expect" "$tmp/got" | head -30
		fail=$((fail + 1))
	fi
	[ "$rc" -eq 0 ] || continue
	"$zc" -p "$z" >"$tmp/canon" 2>/dev/null
	[ "${Q53_UPDATE:-0}" = 1 ] && cp "$tmp/canon" "${z%.zone}.canon"
	if cmp -s "$tmp/canon" "${z%.zone}.canon"; then
		pass=$((pass + 1))
	else
		echo "FAIL: $z: -p output differs from ${z%.zone}.canon"
		diff -u "${z%.zone}.canon" "$tmp/canon" | head -30
		fail=$((fail + 1))
	fi
	# The -p listing is itself a zone file that reads back to the same listing (so diffs stay stable).
	base=${z##*/}
	"$zc" -p -o "${base%.zone}." "$tmp/canon" >"$tmp/again" 2>/dev/null
	if [ $? -eq 0 ] && cmp -s "$tmp/canon" "$tmp/again"; then
		pass=$((pass + 1))
	else
		echo "FAIL: $z: the -p listing does not read back to itself"
		diff -u "$tmp/canon" "$tmp/again" | head -30
		fail=$((fail + 1))
	fi
done
echo "zone corpus: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
