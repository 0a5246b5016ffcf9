/*
 * The network side of the authoritative server: UDP workers (one SO_REUSEPORT socket per worker and
 * address, recvmmsg/sendmmsg batches), a DNS over TCP thread (RFC 7766: pipelining, idle timeout,
 * connection cap) and zone reload by pointer swap with quiescent-state reclamation. Answers come from
 * q53_answer() in answer.c; this file owns sockets, threads, zones and statistics.
 */
#ifndef Q53_SERVER_H
#define Q53_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "answer.h"
#include "rrl.h"
#include "xfr.h"
#include "zone.h"

/* Log levels, equal to syslog's so a daemon can pass them on unchanged. */
enum { Q53_LOG_ERR = 3, Q53_LOG_WARNING = 4, Q53_LOG_INFO = 6 };

/* Receives one log line without a trailing newline; called from the thread that loads zones or stops. */
typedef void (*q53_log_fn)(int level, const char *msg, void *ctx);

typedef struct q53_listen_addr {
	struct sockaddr_storage ss;
	socklen_t len;
} q53_listen_addr_t;

/* A zone to serve: origin in presentation form ("example.com" or "example.com.") and its master file. */
typedef struct q53_zone_spec {
	const char *origin;
	const char *path;
} q53_zone_spec_t;

/*
 * What the server needs. Everything is copied by q53_server_new() except the strings (zone origins and
 * paths, zone directories, and the nsid/version/identity strings of the answer configuration), which are
 * borrowed for the life of the server.
 */
typedef struct q53_server_cfg {
	const q53_listen_addr_t *listen; /* UDP and TCP on each */
	size_t nlisten;
	bool listen_optional;  /* skip addresses whose family the host lacks (for the built-in defaults) */
	unsigned threads;      /* UDP workers; 0: one per online CPU */
	unsigned tcp_max_conn; /* 0: 100; connections beyond it are closed at once */
	unsigned tcp_idle_ms;  /* 0: 10000 (RFC 7766 6.2.3: seconds, not minutes) */
	const q53_zone_spec_t *zones;
	size_t nzones;
	const char *const *zonedirs; /* every *.zone file in each, origin = file name without .zone */
	size_t nzonedirs;
	q53_answer_cfg_t answer;
	q53_rrl_cfg_t rrl; /* response rate limiting over UDP; all zero (rate 0): none */
	q53_xfr_t *xfr;	   /* zone transfers, NOTIFY and TSIG (borrowed); NULL: AXFR/IXFR get NOTIMP */
	q53_log_fn log;	   /* NULL: no logging */
	void *log_ctx;
} q53_server_cfg_t;

typedef struct q53_server q53_server_t;

/*
 * Checks the configuration and opens every socket (so a daemon can drop privileges right after). No
 * thread runs yet and no zone is loaded. Returns NULL with a one-line message in err (a port in use, a
 * bad origin, out of memory).
 */
q53_server_t *q53_server_new(const q53_server_cfg_t *cfg, char *err, size_t errsize);

/*
 * Loads every zone again (and scans the zone directories again) beside the zones being served, then
 * publishes the new set with one atomic store and frees the old one once every worker has passed a
 * quiescent point. A zone that fails to load keeps its old snapshot (errors are logged as file:line:col).
 * Call it from one thread at a time (the daemon's signal loop). Returns the number of zones that failed
 * (0: all loaded), or Q53_ENOMEM (the old set stays).
 */
int q53_server_load(q53_server_t *s);

/* Number of zones being served. */
size_t q53_server_zone_count(const q53_server_t *s);

/* Starts the UDP workers and the TCP thread. Returns 0, or Q53_ENOMEM with a message logged. */
int q53_server_start(q53_server_t *s);

/* Writes " 127.0.0.1@53 ::1@53" (each listen address after a space) with the snprintf contract. */
int q53_server_addrs_text(const q53_server_t *s, char *buf, size_t size);

/* Counters summed over the workers; each worker keeps its own without locks. */
typedef struct q53_server_stats {
	uint64_t udp_queries, tcp_queries;
	uint64_t rcode[16]; /* responses by RCODE, those below */
	uint64_t badvers;   /* BADVERS (16, RFC 6891) and BADCOOKIE (23, RFC 7873): extended RCODEs */
	uint64_t badcookie;
	uint64_t dropped;   /* queries not answered (QR=1, runt, too long, send failed) */
	uint64_t truncated; /* UDP responses with TC=1 */
	uint64_t shrunk;    /* UDP responses over the interface's MTU, answered again within 1232 or 512 */
	uint64_t rrl_dropped, rrl_slipped; /* UDP responses rate limiting withheld, or sent truncated */
	uint64_t tcp_accepted, tcp_refused, tcp_timeouts;
	uint64_t reloads;
} q53_server_stats_t;

void q53_server_stats(const q53_server_t *s, q53_server_stats_t *out);

/* Logs the statistics (summed, then UDP queries per worker) at Q53_LOG_INFO. */
void q53_server_log_stats(const q53_server_t *s);

/* Stops and joins the threads; queries in flight are answered first. Idempotent. */
void q53_server_stop(q53_server_t *s);

/* Stops the threads, closes the sockets, frees the zones. NULL is a no-op. */
void q53_server_free(q53_server_t *s);

#endif
