/*
 * The stub resolver of libq53: looks names up the way an application expects from getaddrinfo or c-ares,
 * with the system's configuration (/etc/resolv.conf as glibc reads it, /etc/hosts, the "hosts:" line of
 * /etc/nsswitch.conf) or the application's own, over UDP with EDNS0 and TCP when a reply is truncated.
 *
 * One resolver object serves one thread at a time: it holds no lock, so share it between threads only
 * under the application's own lock, or give each thread its own. Lookups are asynchronous at the core: the
 * application polls ONE file descriptor (q53_resolver_fd()), calls q53_resolver_process() when it is
 * readable or when q53_resolver_timeout() milliseconds have passed, and each lookup's callback receives a
 * q53_result_t. q53_lookup() is the same core driven by a poll() loop until the answer is there.
 *
 * Replies are accepted only from a server that was asked, on the random source port the query left from,
 * with the query's random ID and the same question (RFC 5452 9.1, 9.2); anything else is dropped and
 * waiting goes on.
 */
#ifndef Q53_RESOLVER_H
#define Q53_RESOLVER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "q53/err.h"
#include "q53/msg.h"
#include "q53/rdata.h"
#include "q53/wire.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
	Q53_RES_MAXNS = 3,	    /* nameserver lines read from resolv.conf (glibc MAXNS) */
	Q53_RES_MAXSERVERS = 8,	    /* servers an application may give */
	Q53_RES_MAXSEARCH = 6,	    /* search domains (glibc MAXDNSRCH) */
	Q53_RES_SEARCH_CHARS = 256, /* characters of a search line kept (glibc: sizeof defdname) */
	Q53_RES_MAXNDOTS = 15,	    /* glibc RES_MAXNDOTS */
	Q53_RES_MAXTIMEOUT = 30,    /* seconds, glibc RES_MAXRETRANS */
	Q53_RES_MAXATTEMPTS = 5,    /* glibc RES_MAXRETRY */
};

/* Where the answers are looked for, and in which order ("hosts:" in nsswitch.conf). */
typedef enum q53_order {
	Q53_ORDER_SYSTEM = 0,	 /* the "hosts:" line of the nsswitch file; files then DNS without one */
	Q53_ORDER_FILES_DNS = 1, /* the hosts file, then DNS when the file has no address for the name */
	Q53_ORDER_DNS_FILES = 2, /* DNS, then the hosts file when DNS gives no answer, fails or times out */
	Q53_ORDER_FILES = 3,	 /* the hosts file only */
	Q53_ORDER_DNS = 4,	 /* DNS only */
} q53_order;

/* Where an answer came from. */
typedef enum q53_source {
	Q53_SOURCE_NONE = 0,  /* no answer (the result's status is an error) */
	Q53_SOURCE_LOCAL = 1, /* built in: "localhost" and names below it are loopback (RFC 6761 6.3) */
	Q53_SOURCE_HOSTS = 2, /* the hosts file */
	Q53_SOURCE_DNS = 3,   /* a name server */
	Q53_SOURCE_CACHE = 4, /* the resolver's cache */
} q53_source;

/* Flags of q53_resolver_opts.set_flags / clear_flags, and of resolv.conf options. */
enum {
	Q53_RES_ROTATE = 1u << 0, /* "options rotate": start with the next server at each lookup */
	Q53_RES_NOEDNS = 1u << 1, /* send queries without EDNS0 (it is on by default, with 1232 octets) */
	Q53_RES_USEVC = 1u << 2,  /* "options use-vc": TCP for every query */
	Q53_RES_NOENV = 1u << 3,  /* ignore LOCALDOMAIN and RES_OPTIONS */
	/* Send each UDP query as a datagram of its own to the kernel: no UDP GSO (see q53_resolver(3)). */
	Q53_RES_NOGSO = 1u << 4,
	/* "options trust-ad" (glibc 2.31): queries carry the AD bit (RFC 6840 5.7) and the AD bit of replies
	 * reaches the application as received. Without it AD is cleared in every reply handed over, from a
	 * server or the cache: AD means nothing unless the path to the server is trusted (RFC 4035 4.6). */
	Q53_RES_TRUSTAD = 1u << 5,
};

/*
 * What an application may override. Fill with q53_resolver_opts_init() and change the fields wanted; a
 * field left as initialised takes the system's value. Strings are copied by q53_resolver_new().
 */
typedef struct q53_resolver_opts {
	const char *resolv_conf; /* path; NULL: /etc/resolv.conf; "": read none */
	const char *hosts;	 /* path; NULL: /etc/hosts; "": none */
	const char *nsswitch;	 /* path; NULL: /etc/nsswitch.conf; "": none (files then DNS) */
	/* NULL, or a NULL-terminated list replacing the nameserver lines: "192.0.2.1", "127.0.0.1:5300",
	 * "[::1]:5300", "2001:db8::1@53" (at most Q53_RES_MAXSERVERS). */
	const char *const *servers;
	/* NULL, or a NULL-terminated list replacing search, domain and LOCALDOMAIN; an empty list means no
	 * search (at most Q53_RES_MAXSEARCH). */
	const char *const *search;
	int ndots;			 /* -1: from the configuration */
	int timeout_ms;			 /* per try, before the glibc back-off; -1: from the configuration */
	int attempts;			 /* -1: from the configuration */
	unsigned set_flags, clear_flags; /* Q53_RES_*, applied after the configuration */
	q53_order order;		 /* Q53_ORDER_SYSTEM: the nsswitch file */
	/* How often the files' modification times are checked (they are re-read when changed): -1 never, 0
	 * before every lookup; default 1000 ms. */
	int reload_ms;
	uint16_t edns_size; /* 0: Q53_EDNS_DEFAULT (1232) */
	/* Queries sent from one random source port before the next port is taken; 1 gives every query a
	 * port of its own. A port is given up (closed) once no query waits on it. 0: 16. */
	unsigned udp_max_queries;
	/* UDP queries outstanding to one server at once; the others wait in a queue until a reply or a
	 * timeout makes room, so thousands of lookups in flight do not overflow socket buffers. 0: 256. */
	unsigned udp_inflight;
	/* Answers kept in the resolver's cache (positive and negative, for their TTL: RFC 2308); the least
	 * recently used is evicted beyond this. 0: no cache. */
	size_t cache_size;
} q53_resolver_opts;

/* Sets every field to "take the system's value". */
Q53_API void q53_resolver_opts_init(q53_resolver_opts *o);

typedef struct q53_resolver q53_resolver_t;

/*
 * Creates a resolver from the system's configuration, with o's overrides (o may be NULL). Sockets are
 * opened when first needed. Returns 0 with *out set, or Q53_EINVAL (a server that is not an address, too
 * many servers or search domains), Q53_ENOMEM, Q53_ENETWORK (epoll). Free with q53_resolver_free().
 */
Q53_API int q53_resolver_new(const q53_resolver_opts *o, q53_resolver_t **out);

/* Frees the resolver; lookups still in flight are cancelled without their callbacks. NULL is a no-op. */
Q53_API void q53_resolver_free(q53_resolver_t *r);

/*
 * The answer to one lookup. rr[] are views into msg (owned by the result): they stay valid until
 * q53_result_free(). Answers from the hosts file or built in are given as a message too (TTL 0, AA set),
 * so every source reads the same way.
 */
typedef struct q53_result {
	/* Q53_OK: an answer (NOERROR or NXDOMAIN); Q53_ESERVFAIL: every server failed (SERVFAIL, REFUSED,
	 * NOTIMP, FORMERR), msg is the last such reply; else no message: Q53_ETIMEOUT, Q53_EIDNA... */
	int status;
	unsigned rcode;	   /* the message's rcode (NOERROR, NXDOMAIN, SERVFAIL...) when there is one */
	q53_source source; /* where the answer came from */
	uint16_t qtype;
	uint8_t qname[Q53_NAME_MAX]; /* the name last asked (after the search list), wire form; the octets
					after it are unspecified */
	size_t nanswer;		     /* rr[0..nanswer) are the answer section */
	size_t nrr;		     /* all records but the question and OPT, in message order */
	q53_rr_t *rr;
	/* The message; its AD bit is the server's with Q53_RES_TRUSTAD, else always 0. */
	const uint8_t *msg;
	size_t msg_len;
	/* For a reply from a name server (source Q53_SOURCE_DNS, or the failure reply kept with
	 * Q53_ESERVFAIL): which server sent it, and whether over TCP. server_len is 0 otherwise. */
	struct sockaddr_storage server;
	socklen_t server_len;
	int tcp;
} q53_result_t;

/* Frees a result. NULL is a no-op. */
Q53_API void q53_result_free(q53_result_t *res);

/*
 * Called once per lookup with its result, which the callback owns (free it with q53_result_free()). The
 * callback may start and cancel lookups, but not free the resolver.
 */
typedef void (*q53_lookup_cb)(q53_result_t *res, void *arg);

typedef struct q53_query q53_query_t;

/*
 * Starts looking up (name, type) in class IN. name is in presentation form, UTF-8 allowed (converted with
 * q53_idna_to_ascii()); without a trailing dot the search list applies as glibc applies it. The callback is
 * always called from q53_resolver_process(), never from here, even for an answer known at once (the hosts
 * file): q53_resolver_timeout() is then 0. q, when not NULL, receives a handle for q53_query_cancel(), valid
 * until the callback is called. Returns 0, or Q53_EINVAL, Q53_ENOMEM; a bad name is reported through the
 * callback (status Q53_EIDNA, Q53_ENAMELEN...).
 */
Q53_API int q53_resolver_start(q53_resolver_t *r, const char *name, uint16_t type, q53_lookup_cb cb,
			       void *arg, q53_query_t **q);

/* Cancels a lookup whose callback has not been called: the callback will not be called. */
Q53_API void q53_query_cancel(q53_query_t *q);

/* The one descriptor to poll for reading (an epoll descriptor holding the resolver's sockets). */
Q53_API int q53_resolver_fd(const q53_resolver_t *r);

/*
 * Milliseconds until q53_resolver_process() must be called even if the descriptor is not readable: 0 when
 * results are waiting for their callbacks, -1 when no lookup is in flight.
 */
Q53_API int q53_resolver_timeout(const q53_resolver_t *r);

/*
 * Reads the replies that arrived, retries what timed out, and calls the callbacks of finished lookups.
 * Never blocks. Returns the number of callbacks called, or Q53_ENETWORK when epoll itself fails.
 */
Q53_API int q53_resolver_process(q53_resolver_t *r);

/*
 * The name servers lookups go to, in the order of the configuration now in force (resolv.conf, re-read
 * when it changed, or the application's list): copies the first max into out[] with their lengths in
 * len[], and returns how many there are (which may be more than max, or 0).
 */
Q53_API size_t q53_resolver_servers(q53_resolver_t *r, struct sockaddr_storage *out, socklen_t *len,
				    size_t max);

/* Lookups started and not yet handed to their callback. */
Q53_API size_t q53_resolver_pending(const q53_resolver_t *r);

/*
 * Sync lookup: starts a lookup and runs the resolver (poll() on its descriptor) until its result is there.
 * Other lookups in flight on r progress and get their callbacks meanwhile. Returns 0 with *out set (check
 * (*out)->status and rcode), or Q53_EINVAL, Q53_ENOMEM, Q53_ENETWORK.
 */
Q53_API int q53_lookup(q53_resolver_t *r, const char *name, uint16_t type, q53_result_t **out);

/* ---- typed lookups (sync, built on the same core) ---- */

/* One address of a name. */
typedef struct q53_addr {
	int family; /* AF_INET (addr[0..4)) or AF_INET6 (addr[0..16)) */
	uint8_t addr[16];
	uint32_t ttl;	   /* 0 from the hosts file */
	q53_source source; /* where it came from */
} q53_addr_t;

/*
 * The addresses of name, like getaddrinfo(): with family AF_UNSPEC the A and AAAA lookups run in parallel,
 * each through the hosts file and DNS in the configured order and the search list (with the hosts file
 * first, a name the file has is answered by the file alone, as getaddrinfo() does), CNAME chains followed
 * within the answer; the result is sorted by RFC 6724 destination address selection (rules 1, 2, 5, 6, 8,
 * and 9 between IPv6 addresses, with the default policy table; the source address a destination would get
 * is found with connect() on a UDP socket, which sends nothing). A numeric address is returned as is.
 * Returns the count written to out[0..max) (>= 1), or Q53_ENOTFOUND (no address: NXDOMAIN, NODATA or the
 * servers failed), Q53_ETIMEOUT, Q53_EIDNA and the other name errors, Q53_EINVAL, Q53_ENOMEM.
 */
Q53_API int q53_lookup_addrs(q53_resolver_t *r, const char *name, int family, q53_addr_t *out, size_t max);

/*
 * Reverse lookup: the PTR records of an IPv4 (len 4) or IPv6 (len 16) address, asked under in-addr.arpa or
 * ip6.arpa (RFC 1035 3.5, RFC 3596 2.5); the hosts file answers too, per the lookup order. Returns like
 * q53_lookup(): read the PTR targets with q53_rdata_name() on (*out)->rr[i].
 */
Q53_API int q53_lookup_reverse(q53_resolver_t *r, const uint8_t *addr, size_t len, q53_result_t **out);

/*
 * The MX records of name sorted by preference (lowest first, RFC 5321 5.1; equal preferences keep the
 * server's order). Returns the count written to out[0..max), 0 when the name has no MX (NODATA), or
 * Q53_ENOTFOUND (NXDOMAIN or servers failing), Q53_ETIMEOUT, name errors.
 */
Q53_API int q53_lookup_mx(q53_resolver_t *r, const char *name, q53_mx_t *out, size_t max);

/*
 * The SRV records of name ("_sip._tcp.example.com"): by priority, lowest first, and within one priority
 * in the weighted random order of RFC 2782. Returns like q53_lookup_mx().
 */
Q53_API int q53_lookup_srv(q53_resolver_t *r, const char *name, q53_srv_t *out, size_t max);

#ifdef __cplusplus
}
#endif
#endif
