# Unit tests of idna/idna.c, including the UTS #46 conformance rows of tests/data/idna/IdnaTestV2.txt
# checked against the reviewed list tests/data/idna/deviations.txt.
check_PROGRAMS += tests/unit/test_idna
TESTS += tests/unit/test_idna
tests_unit_test_idna_SOURCES = tests/unit/test_idna.c
tests_unit_test_idna_CPPFLAGS = $(AM_CPPFLAGS) -DIDNA_DATA='"$(abs_top_srcdir)/tests/data/idna"'
tests_unit_test_idna_CFLAGS = $(UNIT_CFLAGS) $(IDN2_CFLAGS)
tests_unit_test_idna_LDADD = idna/libq53idna.la codec/libq53codec.la $(IDN2_LIBS) $(CMOCKA_LIBS)
EXTRA_DIST += tests/data/idna/IdnaTestV2.txt tests/data/idna/deviations.txt tests/data/idna/README \
	tests/data/idna/make-deviations.py
