# Unit tests of codec/print.c: dig-style text, +short, RFC 8427 JSON, one-record lines.
check_PROGRAMS += tests/unit/test_print
TESTS += tests/unit/test_print
tests_unit_test_print_SOURCES = tests/unit/test_print.c
tests_unit_test_print_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_print_LDADD = $(UNIT_CODEC_LIBS)
