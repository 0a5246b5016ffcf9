# Unit tests of zones/store.c (builder, checks, snapshot) and zones/lookup.c (RFC 1034 4.3.2, RFC 4592).
check_PROGRAMS += tests/unit/test_zone tests/unit/test_lookup
TESTS += tests/unit/test_zone tests/unit/test_lookup
ZSTORE_LIBS = zones/libq53zones.la idna/libq53idna.la codec/libq53codec.la $(IDN2_LIBS) $(CMOCKA_LIBS)
tests_unit_test_zone_SOURCES = tests/unit/test_zone.c tests/unit/zone_fixture.h
tests_unit_test_zone_CFLAGS = $(UNIT_CFLAGS) -I$(top_srcdir)/zones
tests_unit_test_zone_LDADD = $(ZSTORE_LIBS)
tests_unit_test_lookup_SOURCES = tests/unit/test_lookup.c tests/unit/zone_fixture.h
tests_unit_test_lookup_CFLAGS = $(UNIT_CFLAGS) -I$(top_srcdir)/zones -DDNSSEC_DATA='"$(top_srcdir)/tests/data/dnssec"'
tests_unit_test_lookup_LDADD = $(ZSTORE_LIBS) -lpthread
# Signed zones for the DNSSEC tests of test_lookup and test_answer, and how they were made.
EXTRA_DIST += tests/data/dnssec/make.sh tests/data/dnssec/rfc4035.unsigned tests/data/dnssec/rfc4035.zone \
	tests/data/dnssec/rfc5155.unsigned tests/data/dnssec/rfc5155.zone tests/data/dnssec/extra.unsigned \
	tests/data/dnssec/extra-nsec.zone tests/data/dnssec/extra-nsec3.zone
