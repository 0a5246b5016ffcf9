# Unit tests of server/answer.c: every rule of the answer engine, asserted on the exact response.
check_PROGRAMS += tests/unit/test_answer
TESTS += tests/unit/test_answer
tests_unit_test_answer_SOURCES = tests/unit/test_answer.c tests/unit/zone_fixture.h
tests_unit_test_answer_CFLAGS = $(UNIT_CFLAGS) -DDNSSEC_DATA='"$(top_srcdir)/tests/data/dnssec"'
tests_unit_test_answer_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/zones -I$(top_srcdir)/server
tests_unit_test_answer_LDADD = server/libq53server.la zones/libq53zones.la idna/libq53idna.la \
	codec/libq53codec.la $(IDN2_LIBS) $(CMOCKA_LIBS)
