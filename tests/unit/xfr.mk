# Unit tests of zone transfers (issue 8): TSIG against messages kdig signed (tests/data/tsig), AXFR/IXFR
# streams and the journal of server/xfr.c.
check_PROGRAMS += tests/unit/test_tsig
TESTS += tests/unit/test_tsig
tests_unit_test_tsig_SOURCES = tests/unit/test_tsig.c
tests_unit_test_tsig_CFLAGS = $(UNIT_CFLAGS) -DTSIG_DATA='"$(top_srcdir)/tests/data/tsig"'
tests_unit_test_tsig_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/zones -I$(top_srcdir)/server $(CRYPTO_CFLAGS)
tests_unit_test_tsig_LDADD = server/libq53server.la codec/libq53codec.la $(CRYPTO_LIBS) $(CMOCKA_LIBS)
EXTRA_DIST += tests/data/tsig/kdig-sha1.bin tests/data/tsig/kdig-sha256.bin tests/data/tsig/kdig-sha512.bin \
	tests/data/tsig/kdig-sha1.key tests/data/tsig/kdig-sha256.key tests/data/tsig/kdig-sha512.key
