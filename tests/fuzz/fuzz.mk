# tests/fuzz/: libFuzzer targets and their corpora. Every build replays the committed corpora in `make
# check` (replay.c stands in for libFuzzer); --enable-fuzzing (clang) also builds the real fuzzers:
#   ./tests/fuzz/fuzz_reader -max_total_time=600 $(top_srcdir)/tests/fuzz/corpus/reader
# (fuzz_name over corpus/name, fuzz_idna over corpus/idna likewise).
FUZZ_TARGET_CFLAGS = $(AM_CFLAGS)
FUZZ_TARGET_LIBS = codec/libq53codec.la

check_PROGRAMS += tests/fuzz/replay_reader tests/fuzz/replay_name tests/fuzz/replay_idna
TESTS += tests/fuzz/replay_reader.sh tests/fuzz/replay_name.sh tests/fuzz/replay_idna.sh
tests_fuzz_replay_reader_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_reader.c tests/fuzz/fuzz_check.c tests/fuzz/fuzz.h
tests_fuzz_replay_reader_CFLAGS = $(FUZZ_TARGET_CFLAGS)
tests_fuzz_replay_reader_LDADD = $(FUZZ_TARGET_LIBS)
tests_fuzz_replay_name_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_name.c tests/fuzz/fuzz_check.c tests/fuzz/fuzz.h \
	tests/name_ref.h
tests_fuzz_replay_name_CFLAGS = $(FUZZ_TARGET_CFLAGS)
tests_fuzz_replay_name_LDADD = $(FUZZ_TARGET_LIBS)
tests_fuzz_replay_idna_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_idna.c tests/fuzz/fuzz_check.c tests/fuzz/fuzz.h
tests_fuzz_replay_idna_CFLAGS = $(FUZZ_TARGET_CFLAGS) $(IDN2_CFLAGS)
tests_fuzz_replay_idna_LDADD = idna/libq53idna.la $(FUZZ_TARGET_LIBS) $(IDN2_LIBS)

if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_reader tests/fuzz/fuzz_name tests/fuzz/fuzz_idna
tests_fuzz_fuzz_reader_SOURCES = tests/fuzz/fuzz_reader.c tests/fuzz/fuzz_check.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_reader_CFLAGS = $(FUZZ_TARGET_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_reader_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_reader_LDADD = $(FUZZ_TARGET_LIBS)
tests_fuzz_fuzz_name_SOURCES = tests/fuzz/fuzz_name.c tests/fuzz/fuzz_check.c tests/fuzz/fuzz.h tests/name_ref.h
tests_fuzz_fuzz_name_CFLAGS = $(FUZZ_TARGET_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_name_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_name_LDADD = $(FUZZ_TARGET_LIBS)
tests_fuzz_fuzz_idna_SOURCES = tests/fuzz/fuzz_idna.c tests/fuzz/fuzz_check.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_idna_CFLAGS = $(FUZZ_TARGET_CFLAGS) $(FUZZ_CFLAGS) $(IDN2_CFLAGS)
tests_fuzz_fuzz_idna_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_idna_LDADD = idna/libq53idna.la $(FUZZ_TARGET_LIBS) $(IDN2_LIBS)
endif

EXTRA_DIST += tests/fuzz/replay_reader.sh tests/fuzz/replay_name.sh tests/fuzz/replay_idna.sh tests/fuzz/gen_seeds.py \
	tests/fuzz/corpus
