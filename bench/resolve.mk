# Resolver benchmark (issue 6): libq53's async API next to c-ares (when configure found libcares) against
# one local server; bench/resolve.sh runs it. c-ares is linked into this program only.
# Build: make bench/bench_resolve.
EXTRA_PROGRAMS += bench/bench_resolve
CLEANFILES += bench/bench_resolve
bench_bench_resolve_SOURCES = bench/bench_resolve.c
bench_bench_resolve_CFLAGS = $(AM_CFLAGS) $(CARES_CFLAGS)
bench_bench_resolve_LDADD = lib/libq53.la
if HAVE_CARES
bench_bench_resolve_LDADD += $(CARES_LIBS)
endif
