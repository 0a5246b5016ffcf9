# Codec benchmark: parse and encode against libknot (when found) and ldns. Run: make bench/bench_codec &&
# ./bench/bench_codec (or make bench).
EXTRA_PROGRAMS += bench/bench_codec
BENCHES += bench/bench_codec
CLEANFILES += bench/bench_codec
bench_bench_codec_SOURCES = bench/bench_codec.c
bench_bench_codec_CFLAGS = $(AM_CFLAGS) $(LDNS_CFLAGS) $(KNOT_CFLAGS)
bench_bench_codec_LDADD = codec/libq53codec.la $(LDNS_LIBS)
if HAVE_KNOT
bench_bench_codec_LDADD += $(KNOT_LIBS)
endif
