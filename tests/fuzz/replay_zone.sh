# Replays the zone parser's fuzz corpus (seeds, merged finds) through fuzz_zone.c: parser, builder, lookup.
exec "$top_builddir/tests/fuzz/replay_zone" "$top_srcdir/tests/fuzz/corpus/zone"
