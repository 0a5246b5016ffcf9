# Unit tests of server/rrl.c: response rate limiting's buckets, slip, exemptions and threads.
check_PROGRAMS += tests/unit/test_rrl
TESTS += tests/unit/test_rrl
tests_unit_test_rrl_SOURCES = tests/unit/test_rrl.c
tests_unit_test_rrl_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_rrl_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/zones -I$(top_srcdir)/server -I$(top_srcdir)/net
tests_unit_test_rrl_LDADD = server/libq53server.la zones/libq53zones.la net/libq53net.la idna/libq53idna.la \
	codec/libq53codec.la $(IDN2_LIBS) $(CRYPTO_LIBS) $(CMOCKA_LIBS) -lpthread
