# Replays the IDNA fuzz corpus through fuzz_idna.c.
exec "$top_builddir/tests/fuzz/replay_idna" "$top_srcdir/tests/fuzz/corpus/idna"
