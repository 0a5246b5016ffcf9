# Zone corpus tests: the parser against ldns, and q53-zonecheck's exact output on every corpus zone.
check_PROGRAMS += tests/zones/test_zone_ldns
# bind.sh: the parser and printer against BIND's named-checkzone on the zones it lists.
TESTS += tests/zones/test_zone_ldns tests/zones/corpus.sh tests/zones/bind.sh
EXTRA_DIST += tests/zones/corpus.sh tests/zones/bind.sh tests/data/zones
tests_zones_test_zone_ldns_SOURCES = tests/zones/test_zone_ldns.c
tests_zones_test_zone_ldns_CFLAGS = $(UNIT_CFLAGS) $(LDNS_CFLAGS)
tests_zones_test_zone_ldns_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/zones
tests_zones_test_zone_ldns_LDADD = zones/libq53zones.la idna/libq53idna.la codec/libq53codec.la $(IDN2_LIBS) \
	$(LDNS_LIBS) $(CMOCKA_LIBS)
