/*
 * The authoritative answer engine: one query in wire form in, one response in wire form out, with no
 * allocation, no locks and no system calls, so every worker thread can call it on its own buffers.
 * The network side (listeners, workers, TCP) lives in server/server.c and calls only this.
 */
#ifndef Q53_ANSWER_H
#define Q53_ANSWER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zone.h"

enum {
	Q53_NSID_MAX = 128, /* longest NSID we send: with the cookie, the OPT still leaves room in 512 */
	Q53_CHAOS_TXT_MAX = 1020, /* longest CHAOS version/identity string sent (four character-strings) */
};

/* What the operator configures; read-only while serving. */
typedef struct q53_answer_cfg {
	uint16_t edns_size;	   /* our EDNS payload size: 1232 by default (RFC 6891, DNS flag day 2020) */
	bool minimal;		   /* minimal responses (default true): no NS/glue on plain answers */
	const char *nsid;	   /* NSID (RFC 5001) to send when asked; NULL: none */
	size_t nsid_len;	   /* at most Q53_NSID_MAX */
	const char *version;	   /* CHAOS TXT version.bind / version.server answer; NULL: REFUSED */
	const char *identity;	   /* CHAOS TXT id.server / hostname.bind answer; NULL: REFUSED */
	uint8_t cookie_secret[16]; /* server cookie secret (RFC 7873, RFC 9018 SipHash-2-4) */
	bool cookies;		   /* answer DNS cookies (default true) */
	uint32_t now; /* seconds since the epoch for cookie timestamps: the caller refreshes it */
} q53_answer_cfg_t;

/* Sets the defaults above (minimal, 1232, cookies on with the given secret; NULL: all zero). */
void q53_answer_cfg_init(q53_answer_cfg_t *cfg, const uint8_t secret[16]);

/* Where the query came from: the transport decides the size limit, the address feeds the cookie. */
typedef struct q53_client {
	bool tcp;
	uint8_t addr[16]; /* IPv4 in the first 4 octets when family is 4 */
	uint8_t family;	  /* 4 or 6 */
} q53_client_t;

/*
 * Answers query[0..qlen) into resp[0..cap) (cap: 65535 for TCP, at least 512 for UDP; the response is
 * sized to the client's EDNS payload or 512 over UDP). Returns the response length, 0 when the query must
 * be dropped without an answer (QR=1, shorter than a header, RFC 1035 and RFC 5452 practice), or a negative
 * error only for a caller mistake (Q53_EINVAL: a NULL argument, cap below 512, nsid_len above
 * Q53_NSID_MAX). Each rule cites its RFC in answer.c; the choices where the RFCs leave room:
 * - trailing octets after the last counted record are ignored (as BIND; Knot answers FORMERR);
 * - class ANY and classes other than IN and CH are REFUSED (NSD answers class ANY from its IN zones);
 * - AXFR, IXFR and TKEY get NOTIMP until zone transfers exist; qtype OPT or TSIG is FORMERR;
 * - ANY over UDP gets the node's RRset of the lowest type that is not RRSIG (RFC 8482 4.1), over TCP all;
 * - without the DO bit, RRSIG, NSEC, NSEC3 and DS RRsets go out only when asked for by type (RFC 3225 3);
 * - a DNAME answer carries the synthesized CNAME (RFC 6672 3.3), not the target's data.
 */
int q53_answer(const q53_answer_cfg_t *cfg, const q53_zoneset_t *zones, const q53_client_t *client,
	       const uint8_t *query, size_t qlen, uint8_t *resp, size_t cap);
/*
 * The same, with the hint q53_prefetch_start() left for this query (in the same zone set, from the
 * question's name read in place at offset 12): its zone and name hash are not looked up again.
 */
int q53_answer_hinted(const q53_answer_cfg_t *cfg, const q53_zoneset_t *zones, const q53_client_t *client,
		      const uint8_t *query, size_t qlen, uint8_t *resp, size_t cap,
		      const q53_prefetch_t *hint);

/*
 * What response rate limiting (rrl.h) needs to know of an answer, filled in by q53_answer_noted(): which
 * kind of response it is and what it is about, so that the responses a flood could draw from one source
 * fall into one bucket however the questions are varied.
 */
typedef enum q53_answer_class {
	Q53_AC_NONE = 0, /* not answered by the engine (a dropped query, a transfer) */
	Q53_AC_ANSWER,	 /* data: key is the first answer RRset (a wildcard's own, whatever the name) */
	Q53_AC_NXDOMAIN, /* key is the zone */
	Q53_AC_NODATA,	 /* key is the zone */
	Q53_AC_REFERRAL, /* key is the delegation's NS RRset */
	Q53_AC_ERROR,	 /* FORMERR, SERVFAIL, NOTIMP, REFUSED, BADVERS...: one key for all */
} q53_answer_class;

typedef struct q53_answer_note {
	q53_answer_class cls;
	uintptr_t key;	       /* the identity of what was answered (zone memory), 0 for errors */
	const uint8_t *cookie; /* the query's COOKIE option data (in the query), or NULL */
	size_t cookie_len;
} q53_answer_note_t;

/* q53_answer_hinted() (hint may be NULL) that also fills *note when note is not NULL. */
int q53_answer_noted(const q53_answer_cfg_t *cfg, const q53_zoneset_t *zones, const q53_client_t *client,
		     const uint8_t *query, size_t qlen, uint8_t *resp, size_t cap, const q53_prefetch_t *hint,
		     q53_answer_note_t *note);

/*
 * True when cookie[0..len) (a COOKIE option's data) holds a server cookie this configuration made for this
 * client (RFC 9018 4.3: version 1, a timestamp at most an hour old and at most five minutes ahead of
 * cfg->now, the hash of the client cookie and address under cfg->cookie_secret). Such a client has shown
 * that it receives what is sent to its address, so its source is not forged.
 */
bool q53_answer_cookie_valid(const q53_answer_cfg_t *cfg, const q53_client_t *client, const uint8_t *cookie,
			     size_t len);

/* SipHash-2-4 (Aumasson and Bernstein, 2012) of msg[0..len) under a 16-octet key: the RFC 9018 MAC. */
uint64_t q53_siphash24(const uint8_t key[16], const uint8_t *msg, size_t len);

#endif
