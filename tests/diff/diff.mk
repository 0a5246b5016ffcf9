# tests/diff/: differential tests of the codec against ldns, the test oracle (configure requires ldns).
check_PROGRAMS += tests/diff/test_ldns
TESTS += tests/diff/test_ldns
tests_diff_test_ldns_SOURCES = tests/diff/test_ldns.c
tests_diff_test_ldns_CFLAGS = $(UNIT_CFLAGS) $(LDNS_CFLAGS)
tests_diff_test_ldns_LDADD = $(UNIT_CODEC_LIBS) $(LDNS_LIBS)
