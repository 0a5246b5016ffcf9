# Replays the message reader's fuzz corpus (seeds, merged finds and past crashes) through fuzz_reader.c.
exec "$top_builddir/tests/fuzz/replay_reader" "$top_srcdir/tests/fuzz/corpus/reader"
