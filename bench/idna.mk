# bench/bench_idna: nanoseconds per q53_idna_to_ascii() call on ASCII and Unicode names, next to a plain
# copy and to libidn2's idn2_to_ascii_8z() on the same names. Built and run by `make bench` only; bench/idna.sh
# runs it pinned to one CPU.
BENCHES += bench/bench_idna
EXTRA_PROGRAMS += bench/bench_idna
bench_bench_idna_SOURCES = bench/bench_idna.c
bench_bench_idna_CFLAGS = $(AM_CFLAGS) $(IDN2_CFLAGS)
bench_bench_idna_LDADD = idna/libq53idna.la codec/libq53codec.la $(IDN2_LIBS)
EXTRA_DIST += bench/idna.sh
