# Zone corpus tests: the parser against ldns, and q53-zonecheck's exact output on every corpus zone.
check_PROGRAMS += tests/zones/test_zone_ldns
TESTS += tests/zones/test_zone_ldns tests/zones/corpus.sh
EXTRA_DIST += tests/zones/corpus.sh tests/data/zones
tests_zones_test_zone_ldns_SOURCES = tests/zones/test_zone_ldns.c
tests_zones_test_zone_ldns_CFLAGS = $(UNIT_CFLAGS) $(LDNS_CFLAGS)
tests_zones_test_zone_ldns_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/zones
tests_zones_test_zone_ldns_LDADD = zones/libq53zones.la idna/libq53idna.la codec/libq53codec.la $(IDN2_LIBS) \
	$(LDNS_LIBS) $(CMOCKA_LIBS)

# The zone parser's fuzz target, replayed over tests/zones/corpus in make check (seeds: the corpus zones).
check_PROGRAMS += tests/zones/replay_zone
TESTS += tests/zones/replay_zone.sh
EXTRA_DIST += tests/zones/replay_zone.sh tests/zones/corpus
tests_zones_replay_zone_SOURCES = tests/fuzz/replay.c tests/zones/fuzz_zone.c tests/fuzz/fuzz_check.c
tests_zones_replay_zone_CFLAGS = $(AM_CFLAGS)
tests_zones_replay_zone_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/zones
tests_zones_replay_zone_LDADD = zones/libq53zones.la idna/libq53idna.la codec/libq53codec.la $(IDN2_LIBS)
if FUZZING
noinst_PROGRAMS += tests/zones/fuzz_zone
tests_zones_fuzz_zone_SOURCES = tests/zones/fuzz_zone.c tests/fuzz/fuzz_check.c
tests_zones_fuzz_zone_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_zones_fuzz_zone_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/zones
tests_zones_fuzz_zone_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_CFLAGS)
tests_zones_fuzz_zone_LDADD = zones/libq53zones.la idna/libq53idna.la codec/libq53codec.la $(IDN2_LIBS)
endif
