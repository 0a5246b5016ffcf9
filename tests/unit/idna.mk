# Unit tests of idna/idna.c, including the UTS #46 conformance rows of tests/data/idna/IdnaTestV2.txt
# checked against the reviewed list tests/data/idna/deviations.txt.
check_PROGRAMS += tests/unit/test_idna
TESTS += tests/unit/test_idna
tests_unit_test_idna_SOURCES = tests/unit/test_idna.c
tests_unit_test_idna_CPPFLAGS = $(AM_CPPFLAGS) -DIDNA_DATA='"$(abs_top_srcdir)/tests/data/idna"'
tests_unit_test_idna_CFLAGS = $(UNIT_CFLAGS) $(IDN2_CFLAGS)
tests_unit_test_idna_LDADD = idna/libq53idna.la codec/libq53codec.la $(IDN2_LIBS) $(CMOCKA_LIBS)
# The same tests with the header's in-line path taking its 16-octet blocks, as on a CPU without AVX2: 65 to
# 128 octets in SSE2 blocks, longer names through the function.
check_PROGRAMS += tests/unit/test_idna_sse2
TESTS += tests/unit/test_idna_sse2
tests_unit_test_idna_sse2_SOURCES = tests/unit/test_idna.c
tests_unit_test_idna_sse2_CPPFLAGS = $(tests_unit_test_idna_CPPFLAGS) -DQ53__IDNA_HAS_AVX2=0
tests_unit_test_idna_sse2_CFLAGS = $(tests_unit_test_idna_CFLAGS)
tests_unit_test_idna_sse2_LDADD = $(tests_unit_test_idna_LDADD)
# The same tests with the header's in-line path built as on a CPU without SSE2 (or a compiler
# without GCC's vector extensions): 4 to 32 octets in 8- and 4-octet words, the rest through the function.
check_PROGRAMS += tests/unit/test_idna_words
TESTS += tests/unit/test_idna_words
tests_unit_test_idna_words_SOURCES = tests/unit/test_idna.c
tests_unit_test_idna_words_CPPFLAGS = $(tests_unit_test_idna_CPPFLAGS) -U__SSE2__ -DQ53_TEST_WORDS
tests_unit_test_idna_words_CFLAGS = $(tests_unit_test_idna_CFLAGS)
tests_unit_test_idna_words_LDADD = $(tests_unit_test_idna_LDADD)
EXTRA_DIST += tests/data/idna/IdnaTestV2.txt tests/data/idna/deviations.txt tests/data/idna/README \
	tests/data/idna/make-deviations.py
