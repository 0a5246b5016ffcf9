# tests/fuzz/: libFuzzer targets and their corpora. Every build replays the committed corpora in `make
# check` (replay.c stands in for libFuzzer); --enable-fuzzing (clang) also builds the real fuzzers:
#   ./tests/fuzz/fuzz_reader -max_total_time=600 $(top_srcdir)/tests/fuzz/corpus/reader
# (fuzz_name over corpus/name, fuzz_idna over corpus/idna, fuzz_zone over corpus/zone, fuzz_conf over
# corpus/conf and fuzz_answer over corpus/answer likewise).
FUZZ_TARGET_CFLAGS = $(AM_CFLAGS)
FUZZ_TARGET_LIBS = codec/libq53codec.la
# The zone parser and store (fuzz_zone), the answer engine over zones (fuzz_answer), libq53's configuration
# and hosts parsers (fuzz_conf): their internal headers and convenience libraries.
FUZZ_ZONE_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/zones
FUZZ_ZONE_LIBS = zones/libq53zones.la idna/libq53idna.la $(FUZZ_TARGET_LIBS) $(IDN2_LIBS)
FUZZ_ANSWER_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/zones -I$(top_srcdir)/server -I$(top_srcdir)/net \
	-DDNSSEC_DATA='"$(abs_top_srcdir)/tests/data/dnssec"'
FUZZ_ANSWER_LIBS = server/libq53server.la net/libq53net.la $(FUZZ_ZONE_LIBS)
FUZZ_CONF_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/resolver -I$(top_srcdir)/net
FUZZ_CONF_LIBS = resolver/libq53resolver.la net/libq53net.la idna/libq53idna.la $(FUZZ_TARGET_LIBS) $(IDN2_LIBS)

check_PROGRAMS += tests/fuzz/replay_reader tests/fuzz/replay_name tests/fuzz/replay_idna tests/fuzz/replay_zone \
	tests/fuzz/replay_conf tests/fuzz/replay_answer
TESTS += tests/fuzz/replay_reader.sh tests/fuzz/replay_name.sh tests/fuzz/replay_idna.sh tests/fuzz/replay_zone.sh \
	tests/fuzz/replay_conf.sh tests/fuzz/replay_answer.sh
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
tests_fuzz_replay_zone_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_zone.c tests/fuzz/fuzz_check.c tests/fuzz/fuzz.h
tests_fuzz_replay_zone_CFLAGS = $(FUZZ_TARGET_CFLAGS)
tests_fuzz_replay_zone_CPPFLAGS = $(FUZZ_ZONE_CPPFLAGS)
tests_fuzz_replay_zone_LDADD = $(FUZZ_ZONE_LIBS)
tests_fuzz_replay_conf_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_conf.c tests/fuzz/fuzz_check.c tests/fuzz/fuzz.h
tests_fuzz_replay_conf_CFLAGS = $(FUZZ_TARGET_CFLAGS)
tests_fuzz_replay_conf_CPPFLAGS = $(FUZZ_CONF_CPPFLAGS)
tests_fuzz_replay_conf_LDADD = $(FUZZ_CONF_LIBS)
tests_fuzz_replay_answer_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_answer.c tests/fuzz/fuzz_check.c \
	tests/fuzz/fuzz.h
tests_fuzz_replay_answer_CFLAGS = $(FUZZ_TARGET_CFLAGS)
tests_fuzz_replay_answer_CPPFLAGS = $(FUZZ_ANSWER_CPPFLAGS)
tests_fuzz_replay_answer_LDADD = $(FUZZ_ANSWER_LIBS)

if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_reader tests/fuzz/fuzz_name tests/fuzz/fuzz_idna tests/fuzz/fuzz_zone \
	tests/fuzz/fuzz_conf tests/fuzz/fuzz_answer
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
tests_fuzz_fuzz_zone_SOURCES = tests/fuzz/fuzz_zone.c tests/fuzz/fuzz_check.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_zone_CFLAGS = $(FUZZ_TARGET_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_zone_CPPFLAGS = $(FUZZ_ZONE_CPPFLAGS)
tests_fuzz_fuzz_zone_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_zone_LDADD = $(FUZZ_ZONE_LIBS)
tests_fuzz_fuzz_conf_SOURCES = tests/fuzz/fuzz_conf.c tests/fuzz/fuzz_check.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_conf_CFLAGS = $(FUZZ_TARGET_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_conf_CPPFLAGS = $(FUZZ_CONF_CPPFLAGS)
tests_fuzz_fuzz_conf_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_conf_LDADD = $(FUZZ_CONF_LIBS)
tests_fuzz_fuzz_answer_SOURCES = tests/fuzz/fuzz_answer.c tests/fuzz/fuzz_check.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_answer_CFLAGS = $(FUZZ_TARGET_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_answer_CPPFLAGS = $(FUZZ_ANSWER_CPPFLAGS)
tests_fuzz_fuzz_answer_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_answer_LDADD = $(FUZZ_ANSWER_LIBS)
endif

EXTRA_DIST += tests/fuzz/replay_reader.sh tests/fuzz/replay_name.sh tests/fuzz/replay_idna.sh tests/fuzz/gen_seeds.py \
	tests/fuzz/replay_zone.sh tests/fuzz/replay_conf.sh tests/fuzz/replay_answer.sh tests/fuzz/corpus \
	tests/fuzz/crashes
