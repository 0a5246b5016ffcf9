# server/server.c: listeners, workers, reload and statistics of q53d (the answer engine is in
# server/Makefile.inc). Uses net/ for sockets.
server_libq53server_la_SOURCES += server/server.c server/server.h
server_libq53server_la_CPPFLAGS += -I$(top_srcdir)/net
# Zone transfers (issue 8): TSIG with libcrypto's HMAC, AXFR/IXFR out with a journal, NOTIFY, secondaries.
server_libq53server_la_SOURCES += server/tsig.c server/tsig.h server/xfr.c server/xfr.h \
	server/xfr_in.c server/xfr_in.h server/xfr_rr.c server/xfr_rr.h
# Response rate limiting over UDP (NSD, Knot and BIND have it).
server_libq53server_la_SOURCES += server/rrl.c server/rrl.h
server_libq53server_la_CPPFLAGS += $(CRYPTO_CFLAGS)
