# Unit tests of codec/rdata.c: typed views, RDATA checks, presentation <-> wire for every typed RR type.
check_PROGRAMS += tests/unit/test_rdata
TESTS += tests/unit/test_rdata
tests_unit_test_rdata_SOURCES = tests/unit/test_rdata.c
tests_unit_test_rdata_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_rdata_LDADD = $(UNIT_CODEC_LIBS)
