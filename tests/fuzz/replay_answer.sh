# Replays the answer engine's fuzz corpus (queries) through fuzz_answer.c.
exec "$top_builddir/tests/fuzz/replay_answer" "$top_srcdir/tests/fuzz/corpus/answer"
