# Unit tests of zones/parser.c.
check_PROGRAMS += tests/unit/test_zparse
TESTS += tests/unit/test_zparse
tests_unit_test_zparse_SOURCES = tests/unit/test_zparse.c
tests_unit_test_zparse_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_zparse_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/zones
tests_unit_test_zparse_LDADD = zones/libq53zones.la idna/libq53idna.la codec/libq53codec.la $(IDN2_LIBS) \
	$(CMOCKA_LIBS)
