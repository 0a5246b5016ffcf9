# Replays the zone parser's fuzz corpus through fuzz_zone.c.
exec "$top_builddir/tests/zones/replay_zone" "$top_srcdir/tests/zones/corpus"
