/*
 * Internals of resolver/: the configuration snapshot (conf.c), the hosts table (hosts.c), the search list
 * (search.c), the sockets (transport.c) and the lookup state machine (async.c). Not installed.
 */
#ifndef Q53_RESOLVER_INT_H
#define Q53_RESOLVER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "q53/resolver.h"

/* ---- configuration (conf.c) ---- */

enum {
	CONF_DEFAULT_NDOTS = 1,		/* glibc */
	CONF_DEFAULT_TIMEOUT_MS = 5000, /* glibc RES_TIMEOUT, 5 s */
	CONF_DEFAULT_ATTEMPTS = 2,	/* glibc RES_DFLRETRY */
	CONF_FILE_MAX = 16 << 20,	/* a bigger resolv.conf or hosts file is not read */
};

/*
 * Splits text files into lines: returns the line starting at *p (its end, without the newline, in *le)
 * and moves *p past it. Callers loop while *p < end.
 */
static inline const char *q53__next_line(const char **p, const char *end, const char **le)
{
	const char *line = *p;
	const char *nl = memchr(line, '\n', (size_t)(end - line));
	*le = nl != NULL ? nl : end;
	*p = nl != NULL ? nl + 1 : end;
	return line;
}

/*
 * One immutable snapshot of the configuration. Lookups in flight keep the snapshot they started with
 * (refs), so a re-read resolv.conf never changes the server list under them.
 */
typedef struct q53_conf {
	unsigned refs;
	size_t nservers;
	struct sockaddr_storage server[Q53_RES_MAXSERVERS];
	socklen_t server_len[Q53_RES_MAXSERVERS];
	size_t nsearch;
	char search[Q53_RES_MAXSEARCH][Q53_RES_SEARCH_CHARS];
	unsigned ndots;
	unsigned timeout_ms;
	unsigned attempts;
	unsigned flags; /* Q53_RES_* */
	q53_order order;
	uint16_t edns_size;
	bool search_set; /* a search or domain line, LOCALDOMAIN or the application gave the list */
} q53_conf_t;

/* Defaults before any file: no server yet, ndots 1, 5 s, 2 attempts, EDNS0 1232, files then DNS. */
void q53_conf_defaults(q53_conf_t *c);

/* Reads resolv.conf text (glibc rules) into c; later lines override earlier ones as in glibc. */
void q53_conf_parse_resolv(q53_conf_t *c, const char *text, size_t len);

/* Applies an "options" line's words (or RES_OPTIONS): ndots:n timeout:n attempts:n rotate edns0 use-vc
 * trust-ad. */
void q53_conf_parse_options(q53_conf_t *c, const char *text, size_t len);

/* Replaces the search list with whitespace-separated domains (a search line, LOCALDOMAIN). */
void q53_conf_set_search(q53_conf_t *c, const char *text, size_t len);

/* The order named by an nsswitch.conf text's "hosts:" line; Q53_ORDER_FILES_DNS without one. */
q53_order q53_conf_parse_nsswitch(const char *text, size_t len);

/* Parses "ADDR", "ADDR%scope" (IPv6), "ADDR:PORT", "[ADDR]:PORT", "ADDR@PORT"; port 53 by default. */
int q53_conf_parse_server(const char *text, size_t len, struct sockaddr_storage *ss, socklen_t *sslen);

/*
 * Builds a snapshot the way q53_resolver_new() does: defaults, the resolv.conf file, the environment
 * values given (NULL when unset), the domain part of hostname when no search list was given (glibc), the
 * loopback server when none, then o's overrides. Returns 0 or Q53_EINVAL (a bad override).
 */
int q53_conf_build(q53_conf_t *c, const q53_resolver_opts *o, const char *localdomain,
		   const char *res_options, const char *hostname);

/* Reads a whole file into a NUL-terminated malloc'd buffer. Returns 0, Q53_EIO or Q53_ENOMEM. */
int q53_conf_read_file(const char *path, char **text, size_t *len);

/* A file's identity and modification time, to notice a change. */
typedef struct q53_file_stamp {
	bool exists;
	unsigned long long dev, ino, size;
	struct timespec mtime;
} q53_file_stamp_t;

void q53_file_stamp(const char *path, q53_file_stamp_t *st);
bool q53_file_stamp_equal(const q53_file_stamp_t *a, const q53_file_stamp_t *b);

/* ---- hosts file (hosts.c) ---- */

typedef struct q53_hosts_entry {
	uint8_t name[Q53_NAME_MAX]; /* wire form, lower case */
	uint8_t family;		    /* 4 or 6 */
	uint8_t addr[16];
} q53_hosts_entry_t;

typedef struct q53_hosts {
	size_t n, cap;
	q53_hosts_entry_t *e; /* in file order */
} q53_hosts_t;

/* Parses hosts-file text (several names per line, '#' comments, IPv4 and IPv6). 0 or Q53_ENOMEM. */
int q53_hosts_parse(q53_hosts_t *h, const char *text, size_t len);
void q53_hosts_clear(q53_hosts_t *h);

/*
 * Finds the addresses of name (wire form, any case) for type A or AAAA, in file order, at most max.
 * Returns the count (0: none).
 */
size_t q53_hosts_find(const q53_hosts_t *h, const uint8_t *name, uint16_t type, uint8_t (*addr)[16],
		      size_t max);

/* True when the name has a line of its own, whatever its addresses' family. */
bool q53_hosts_has(const q53_hosts_t *h, const uint8_t *name);

/* Finds the first name of an address (4 or 16 octets) for a PTR answer. Returns the entry or NULL. */
const q53_hosts_entry_t *q53_hosts_find_addr(const q53_hosts_t *h, const uint8_t *addr, size_t len);

/* ---- search list (search.c) ---- */

enum { SEARCH_MAX = Q53_RES_MAXSEARCH + 2 };

/*
 * The names to ask, in order, for name (ASCII presentation form), as glibc's res_nsearch() asks them:
 * with a trailing dot only the name; with at least ndots dots the name first, then each search domain;
 * otherwise each search domain, then the name unless a search domain was the root. A name made too long
 * by a domain ends the search there (glibc stops at that error). *as_is_first tells whether the first
 * name is the name as given (its failure is then the one reported). Returns the count (>= 1) or the
 * error of q53_name_from_text() for the name itself.
 */
int q53_search_names(const q53_conf_t *c, const char *name, size_t len, uint8_t (*out)[Q53_NAME_MAX],
		     bool *as_is_first);

/* q53_search_names(), also telling which of the names is the name as typed (*asis_idx; it is always one
 * of them), so that a lookup keeps each name once. */
int q53_search_list(const q53_conf_t *c, const char *name, size_t len, uint8_t (*out)[Q53_NAME_MAX],
		    bool *as_is_first, int *asis_idx);

/* True for "localhost." and names below it (RFC 6761 6.3). */
bool q53_is_localhost(const uint8_t *name);

/* The PTR owner name for an address under in-addr.arpa or ip6.arpa (RFC 1035 3.5, RFC 3596 2.5). */
int q53_reverse_name(const uint8_t *addr, size_t len, uint8_t *out);

/* The address a reverse-mapping name stands for: 4 or 16 octets, 0 when name is not one. */
size_t q53_reverse_parse(const uint8_t *name, uint8_t *addr);

/* ---- results ---- */

/*
 * Makes a result holding a copy of msg[0..len) with its records parsed through the codec. Returns the
 * result (status Q53_OK) or NULL when msg does not parse or memory runs out.
 */
q53_result_t *q53_result_from_msg(const uint8_t *msg, size_t len, q53_source src);

/* A result with no message: status err. NULL when memory runs out. */
q53_result_t *q53_result_error(int err, const uint8_t *qname, uint16_t qtype);

/*
 * Builds an answer message (QR AA RD RA, TTL 0) for qname/qtype with n A or AAAA addresses, or one PTR
 * target when ptr is not NULL; rcode as given. Returns the result or NULL.
 */
q53_result_t *q53_result_synth(const uint8_t *qname, uint16_t qtype, unsigned rcode, uint8_t (*addr)[16],
			       size_t n, const uint8_t *ptr, q53_source src);

/* ---- cache (cache.c) ---- */

typedef struct cache_entry cache_entry_t;

/*
 * The answers cache: (name, type) -> the reply as the application got it (AD cleared without trust-ad),
 * kept for its TTL (the smallest of the answer section), or for a negative reply min(SOA TTL, SOA
 * MINIMUM) (RFC 2308 5); at most max entries, the least recently used evicted first. Times are
 * milliseconds of the caller's clock.
 */
typedef struct q53_cache {
	size_t max, n;
	size_t nb;		    /* buckets, a power of two */
	cache_entry_t **b;	    /* chains; allocated at the first put */
	cache_entry_t *head, *tail; /* most recently used first */
	uint32_t max_ttl;	    /* seconds: a longer TTL is cut to this */
} q53_cache_t;

enum { CACHE_MAX_TTL = 86400 }; /* a day: a record never stays longer, whatever its TTL says */

/* An empty cache of at most max entries (0: a cache that keeps nothing). */
void q53_cache_init(q53_cache_t *c, size_t max);
void q53_cache_clear(q53_cache_t *c);

/*
 * Keeps a copy of the reply msg[0..len) to (name, type) when it can be cached: NOERROR with answers
 * (positive), or NXDOMAIN or NOERROR without answers with an SOA in the authority section (negative);
 * a TTL of 0 is not kept. Returns 1 when kept, 0 when not cacheable, Q53_ENOMEM.
 */
int q53_cache_put(q53_cache_t *c, const uint8_t *name, uint16_t type, const uint8_t *msg, size_t len,
		  uint64_t now);

/*
 * The cached reply to (name, type) as a result (source Q53_SOURCE_CACHE) whose TTLs are decreased by
 * the whole seconds spent in the cache, in the records and in the message's octets; NULL when absent
 * or expired (an expired entry is dropped).
 */
q53_result_t *q53_cache_get(q53_cache_t *c, const uint8_t *name, uint16_t type, uint64_t now);

/* ---- the resolver object (async.c, transport.c) ---- */

enum {
	HOSTS_ANSWER_MAX = 32,	 /* addresses given from the hosts file for one name */
	TCP_IDLE_MS = 10000,	 /* an idle TCP connection is closed after this (RFC 7766 6.2.3) */
	ID_INFLIGHT_MAX = 60000, /* queries waiting for a reply at once: 16-bit IDs must stay unique */
	UDP_RECV_BATCH = 256,	 /* datagrams read per socket per q53_resolver_process() */
	/* recvmmsg() reads up to UDP_RECV_SLOTS datagrams of UDP_RECV_SLOT octets in one call, into the
	 * resolver's 64 KiB buffer; with an EDNS size above the slot, one datagram per call. */
	UDP_RECV_SLOT = 2048,
	UDP_RECV_SLOTS = 65536 / UDP_RECV_SLOT,
	/* Queries started inside q53_resolver_process() (from callbacks) wait here and go out together at
	 * its end, one sendmmsg() per socket. */
	UDP_SEND_BATCH = 64,
	UDP_QUERY_MAX = Q53_HEADER_LEN + Q53_NAME_MAX + 4 + 11, /* question and OPT */
	/* Queries that share one UDP socket (one random source port) before a fresh socket is opened; the
	 * c-ares udp_max_queries idea. See transport.c for the measured cost of each value. */
	UDP_MAX_QUERIES_DEFAULT = 16,
	/* UDP queries outstanding per server before the rest wait in a queue: a burst of thousands would
	 * overflow the server's (or a middlebox's) socket buffer and turn into 2 s retries. */
	UDP_INFLIGHT_DEFAULT = 256,
	/* Receive buffer asked for each UDP socket: UDP_MAX_QUERIES replies of 1232 octets with the
	 * kernel's per-datagram overhead fit many times over. */
	UDP_SOCK_RCVBUF = 256 << 10,
	/* UDP sockets kept without a port (disconnected) for the next queries, per resolver: taking a new
	 * random port on one costs a connect() instead of socket(), connect(), epoll_ctl() and close(). */
	UDP_SPARE_MAX = 8,
};

enum ev_kind { EV_UDP = 1, EV_TCP = 2 };

struct q53_query;

struct srv_pace;

/*
 * One UDP socket connected to one server: connect() binds it to a random ephemeral port, the kernel
 * drops datagrams from any other address, and send() skips the route lookup sendto() does each time. It
 * carries at most udp_max_queries queries (then it is retired) and is closed as soon as no query holds
 * it.
 */
typedef struct udp_sock {
	int kind; /* EV_UDP; first, so an epoll pointer tells its kind */
	int fd;
	unsigned uses; /* queries given this socket */
	unsigned refs; /* queries holding it */
	bool retired;
	int family;	       /* AF_INET or AF_INET6 */
	unsigned gen;	       /* counts the ports it had: a reply read on an earlier port is for nobody */
	struct srv_pace *srv;  /* the server it is connected to; NULL while spare */
	struct udp_sock *next; /* in the graveyard or among the spares */
} udp_sock_t;

/* One server address ever asked: its UDP socket for new queries, and the pacing of UDP queries to it. */
typedef struct srv_pace {
	struct sockaddr_storage sa;
	socklen_t salen;
	udp_sock_t *cur;	       /* the socket new queries get; NULL until needed */
	unsigned inflight;	       /* UDP tries outstanding */
	struct q53_query *head, *tail; /* waiting, first in first out */
	struct srv_pace *next;
} srv_pace_t;

/* One TCP connection to a server, shared by every query sent to it over TCP (RFC 7766 6.2.1). */
typedef struct tcp_conn {
	int kind; /* EV_TCP */
	int fd;
	bool connected, dead, want_out;
	struct sockaddr_storage sa;
	socklen_t salen;
	uint8_t *out; /* framed queries not yet written: out[out_off..out_len) */
	size_t out_len, out_off, out_cap;
	uint8_t *in; /* octets read, not yet a whole message */
	size_t in_len, in_cap;
	size_t nwaiting; /* queries whose current transmission is on this connection */
	uint64_t idle_since;
	struct tcp_conn *next;
} tcp_conn_t;

/*
 * One lookup. Thousands may be in flight, so it is kept small (the heap per lookup in flight is one of
 * libq53's measured goals): counts and indexes are as narrow as their limits allow, a query is in at most
 * one list at a time (a pacing queue or the done queue: one link), and the tail holds the UDP socket of
 * each server of its configuration followed by the names to ask, sized at the start.
 */
typedef struct q53_query {
	q53_resolver_t *r;
	q53_conf_t *conf; /* the snapshot this lookup started with (a reference) */
	q53_lookup_cb cb;
	void *arg;
	uint64_t deadline;
	tcp_conn_t *conn; /* when the current transmission is on TCP (counted in conn->nwaiting) */
	/* The server whose pacing this query is in: holding one of its inflight places (paced) or waiting
	 * in its queue (waiting); NULL when neither. */
	struct srv_pace *srv;
	struct q53_query *next; /* in srv's queue, or in the done queue */
	q53_result_t *fail;	/* a server's failure reply for the current name (SERVFAIL, REFUSED...) */
	union {
		q53_result_t *keep;   /* in flight: the result reported if no name succeeds (glibc) */
		q53_result_t *result; /* once finished: delivered by q53_resolver_process() */
	};
	uint32_t heap; /* index in the timer heap, UINT32_MAX when not there */
	uint16_t qtype;
	uint16_t id;
	uint16_t cur_off;  /* the name asked now: offset into names (after sock[nsock]) */
	uint16_t asis_off; /* the name as typed, the one the hosts file and localhost are checked with */
	uint8_t nnames, iname;
	uint8_t sends; /* transmissions of the current name (UDP tries over servers): <= 5 x 8 */
	uint8_t ns;    /* the server of the current transmission */
	uint8_t start; /* first server for this lookup (rotate) */
	uint8_t asked; /* servers asked for the current name whose reply is still welcome (bit i: server i) */
	uint8_t keep_rank;
	uint8_t nsock; /* conf->nservers */
	bool has_id : 1, as_is_first : 1, tcp : 1, noedns : 1, cancelled : 1, queued : 1;
	bool refused : 1; /* a server refused a datagram of the current name (ICMP port unreachable) */
	bool addrs : 1;	  /* one of q53_lookup_addrs()'s pair: a name in the hosts file is not asked of DNS */
	bool paced : 1;	  /* holds a place in srv->inflight */
	bool waiting : 1; /* waits in srv's queue */
	/* The UDP socket of each server (index in conf) asked for the current name: a reply is taken only
	 * on the socket its query left from. Held from the first send to the end of the name, so a late
	 * reply to an earlier try still finds its socket open. The names to ask follow, in wire form. */
	udp_sock_t *sock[];
} q53_query_t;

_Static_assert(Q53_RES_MAXSERVERS <= 8, "q53_query_t.asked has a bit per server");

struct q53_resolver {
	int epfd;
	q53_conf_t *conf;
	q53_hosts_t hosts;
	/* What the application asked, kept for re-reading the files. */
	q53_resolver_opts opts;
	char *paths[3]; /* resolv.conf, hosts, nsswitch; NULL: the default */
	char **servers, **search;
	q53_file_stamp_t stamp[2]; /* resolv.conf, hosts */
	uint64_t last_check;
	unsigned udp_max_queries, udp_inflight;
	udp_sock_t *udp_dead;  /* closed, freed at the end of q53_resolver_process() */
	udp_sock_t *udp_spare; /* without a port, in the epoll set, for the next socket needed */
	unsigned nspare;
	int rcvbuf;	   /* SO_RCVBUF asked for each UDP socket; 0: the default is enough */
	bool rcvbuf_known; /* the default was checked */
	srv_pace_t *pace;
	bool freeing;	 /* q53_resolver_free() runs: nothing is sent any more */
	bool in_process; /* now is fresh: inside q53_resolver_process()'s reading or a start */
	unsigned depth;	 /* q53_resolver_process() calls on the stack (a sync lookup in a callback nests) */
	uint64_t now;
	tcp_conn_t *conns, *graveyard;
	q53_cache_t cache;
	uint64_t (*clock)(void); /* the cache's clock in ms; a test hook, q53_now_ms by default */
	/* Outstanding IDs: open addressing, linear probing, a power of two at most half full. */
	q53_query_t **ids;
	size_t ids_cap, ids_n;
	/* Timer heap ordered by deadline. */
	q53_query_t **heap;
	size_t heap_n, heap_cap;
	q53_query_t *done_head, *done_tail;
	size_t pending;
	unsigned rotate;
	uint8_t rnd[256];
	size_t rnd_left;
	uint8_t buf[65536]; /* received datagrams (UDP_RECV_SLOTS slots, or one) */
	/* Datagrams to send at the end of q53_resolver_process() (batching set): each holds its socket. */
	bool batching;
	bool no_gso; /* UDP GSO failed once here: datagrams go one by one */
	size_t nout;
	struct udp_out {
		udp_sock_t *s;
		size_t len;
		uint8_t msg[UDP_QUERY_MAX];
	} out[UDP_SEND_BATCH];
};

/* transport.c */
/* A UDP socket connected to p's address for one more query, opened when needed. NULL on error. */
udp_sock_t *q53_tr_udp_get(q53_resolver_t *r, srv_pace_t *p);
/* The query holding s is done with it; a retired socket is closed with its last query. */
void q53_tr_udp_put(q53_resolver_t *r, udp_sock_t *s);
/* Sends msg on s now, or when r is batching adds it to the datagrams q53_tr_udp_flush() sends. */
int q53_tr_udp_send(q53_resolver_t *r, udp_sock_t *s, const uint8_t *msg, size_t n);
/* Sends the batched datagrams, one sendmmsg() per run of one socket; drop: releases them unsent. */
void q53_tr_udp_flush(q53_resolver_t *r, bool drop);
void q53_tr_udp_read(q53_resolver_t *r, udp_sock_t *s);
int q53_tr_tcp_send(q53_resolver_t *r, q53_query_t *q, const struct sockaddr *sa, socklen_t len,
		    const uint8_t *msg, size_t n);
void q53_tr_tcp_event(q53_resolver_t *r, tcp_conn_t *c, uint32_t events);
void q53_tr_tcp_detach(q53_query_t *q);
void q53_tr_close_all(q53_resolver_t *r);
void q53_tr_reap(q53_resolver_t *r, uint64_t now);
bool q53_sockaddr_equal(const struct sockaddr *a, const struct sockaddr *b);

/* async.c: 16 random bits from the resolver's getrandom() pool. */
uint16_t q53_core_random16(q53_resolver_t *r);

/* async.c: a datagram that arrived from sa on socket s, or a TCP message on conn (s is then NULL). */
/* q53_resolver_start(), and with addrs set for the A and AAAA pair of q53_lookup_addrs(). */
int q53_core_start(q53_resolver_t *r, const char *name, uint16_t type, q53_lookup_cb cb, void *arg,
		   q53_query_t **qp, bool addrs);

void q53_core_reply(q53_resolver_t *r, const struct sockaddr *sa, udp_sock_t *s, tcp_conn_t *conn,
		    const uint8_t *msg, size_t len);
/* async.c: moves on every query whose timer expired by now (the next try, or its outcome). */
void q53_core_timers(q53_resolver_t *r, uint64_t now);
/* async.c: frees a query handed to its callback (process.c). */
void q53_core_query_free(q53_query_t *q);
/* async.c: the TCP connection of q failed: move q on to the next server. */
void q53_core_conn_failed(q53_resolver_t *r, q53_query_t *q);
/* async.c: socket s got an ICMP error (port unreachable): its queries move on to the next server now
 * rather than at their timeout, as glibc's res_send() does on ECONNREFUSED. */
void q53_core_refused(q53_resolver_t *r, udp_sock_t *s);

/* ---- clock ---- */

static inline uint64_t q53_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

#endif
