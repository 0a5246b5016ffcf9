# Unit tests of codec/name.c, reader.c, writer.c, rrtype.c, err.c.
check_PROGRAMS += tests/unit/test_name tests/unit/test_reader tests/unit/test_writer
TESTS += tests/unit/test_name tests/unit/test_reader tests/unit/test_writer
tests_unit_test_name_SOURCES = tests/unit/test_name.c tests/name_ref.h
tests_unit_test_name_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_name_LDADD = $(UNIT_CODEC_LIBS)
tests_unit_test_reader_SOURCES = tests/unit/test_reader.c
tests_unit_test_reader_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_reader_LDADD = $(UNIT_CODEC_LIBS)
tests_unit_test_writer_SOURCES = tests/unit/test_writer.c
tests_unit_test_writer_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_writer_LDADD = $(UNIT_CODEC_LIBS)
