# Unit tests of zone transfers (issue 8): TSIG against messages kdig signed (tests/data/tsig), AXFR/IXFR
# streams and the journal of server/xfr.c.
check_PROGRAMS += tests/unit/test_tsig
TESTS += tests/unit/test_tsig
tests_unit_test_tsig_SOURCES = tests/unit/test_tsig.c
tests_unit_test_tsig_CFLAGS = $(UNIT_CFLAGS) -DTSIG_DATA='"$(top_srcdir)/tests/data/tsig"'
tests_unit_test_tsig_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/zones -I$(top_srcdir)/server $(CRYPTO_CFLAGS)
tests_unit_test_tsig_LDADD = server/libq53server.la codec/libq53codec.la $(CRYPTO_LIBS) $(CMOCKA_LIBS)
EXTRA_DIST += tests/data/tsig/kdig-sha1.bin tests/data/tsig/kdig-sha256.bin tests/data/tsig/kdig-sha512.bin \
	tests/data/tsig/kdig-sha1.key tests/data/tsig/kdig-sha256.key tests/data/tsig/kdig-sha512.key \
	tests/data/tsig/knot-axfr-query.bin tests/data/tsig/knot-axfr-response.bin
check_PROGRAMS += tests/unit/test_xfr
TESTS += tests/unit/test_xfr
tests_unit_test_xfr_SOURCES = tests/unit/test_xfr.c
tests_unit_test_xfr_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_xfr_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/zones -I$(top_srcdir)/server -I$(top_srcdir)/net
tests_unit_test_xfr_LDADD = server/libq53server.la zones/libq53zones.la net/libq53net.la idna/libq53idna.la \
	codec/libq53codec.la $(IDN2_LIBS) $(CRYPTO_LIBS) $(CMOCKA_LIBS) -lpthread
