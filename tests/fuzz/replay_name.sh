# Replays the name and RDATA text fuzz corpus through fuzz_name.c.
exec "$top_builddir/tests/fuzz/replay_name" "$top_srcdir/tests/fuzz/corpus/name"
