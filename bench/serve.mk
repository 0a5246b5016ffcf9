# Server benchmark (issue 5): the bare recvmmsg/sendmmsg echo that bench/serve.sh measures as the I/O floor
# next to q53d, NSD, Knot and BIND. Not in BENCHES: serve.sh starts it. Build: make bench/echo.
EXTRA_PROGRAMS += bench/echo
CLEANFILES += bench/echo
bench_echo_SOURCES = bench/echo.c
