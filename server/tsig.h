/*
 * TSIG (RFC 8945): HMAC transaction signatures on DNS messages, for zone transfers and NOTIFY. Signs and
 * verifies single messages and multi-message TCP streams (RFC 8945 5.3.1). The HMAC comes from OpenSSL's
 * libcrypto; this file only lays out the octets the MAC covers.
 */
#ifndef Q53_TSIG_H
#define Q53_TSIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "q53/wire.h"

enum {
	Q53_TSIG_SECRET_MAX = 128, /* octets: a 1024-bit key, twice SHA-512's block */
	Q53_TSIG_MAC_MAX = 64,	   /* SHA-512 */
	Q53_TSIG_FUDGE = 300,	   /* RFC 8945 10: 300 seconds */
	/* The largest TSIG record we write: owner and algorithm names, fixed fields, MAC, 6 octets other. */
	Q53_TSIG_RR_MAX = Q53_NAME_MAX + 10 + Q53_NAME_MAX + 16 + Q53_TSIG_MAC_MAX + 6,
};

/* TSIG error codes (RFC 8945 3, IANA DNS RCODEs); they travel in the TSIG RR's Error field. */
enum {
	Q53_TSIG_BADSIG = 16,
	Q53_TSIG_BADKEY = 17,
	Q53_TSIG_BADTIME = 18,
	Q53_TSIG_BADTRUNC = 22,
};

typedef enum q53_tsig_alg {
	Q53_TSIG_HMAC_SHA1,
	Q53_TSIG_HMAC_SHA224,
	Q53_TSIG_HMAC_SHA256,
	Q53_TSIG_HMAC_SHA384,
	Q53_TSIG_HMAC_SHA512,
} q53_tsig_alg;

typedef struct q53_tsig_key {
	uint8_t name[Q53_NAME_MAX]; /* wire form, lower case */
	q53_tsig_alg alg;
	uint8_t secret[Q53_TSIG_SECRET_MAX];
	size_t secret_len;
} q53_tsig_key_t;

/*
 * Parses a key as kdig -y and dig -y take it: "[ALG:]NAME:BASE64" (ALG hmac-sha256 by default, also
 * hmac-sha1, hmac-sha224, hmac-sha384, hmac-sha512). Returns 0, or Q53_ESYNTAX (bad algorithm, name or
 * base64; the secret must not be empty).
 */
int q53_tsig_key_from_text(const char *text, q53_tsig_key_t *k);

/* The same from three parts (BIND's `key` clause: name, algorithm, secret). */
int q53_tsig_key_from_parts(const char *name, const char *alg, const char *b64, q53_tsig_key_t *k);

/* The algorithm's name as it goes in the TSIG record ("hmac-sha256"), and its MAC length. */
const char *q53_tsig_alg_name(q53_tsig_alg alg);
size_t q53_tsig_mac_len(q53_tsig_alg alg);

/* The TSIG record of a message, as q53_tsig_find() locates it. Pointers borrow the message. */
typedef struct q53_tsig_rr {
	size_t start; /* offset of the TSIG record: the message without it is msg[0..start) */
	uint8_t key[Q53_NAME_MAX];
	uint8_t alg[Q53_NAME_MAX];
	uint64_t time; /* 48 bits */
	uint16_t fudge;
	uint16_t mac_len;
	const uint8_t *mac;
	uint16_t orig_id;
	uint16_t error;
	uint16_t other_len;
	const uint8_t *other;
} q53_tsig_rr_t;

/*
 * Finds the TSIG record of msg[0..len). Returns 1 with *t filled, 0 when the message has none, or
 * Q53_EMALFORMED (RFC 8945 5.1: a TSIG that is not the last additional record, two of them, a class
 * other than ANY, RDATA that does not frame), or the reader's error for a malformed message.
 */
int q53_tsig_find(const uint8_t *msg, size_t len, q53_tsig_rr_t *t);

/*
 * The state of one transaction (a query and its one or many responses) on either side. Fill it with
 * q53_tsig_ctx_init() and release it with q53_tsig_ctx_free().
 */
typedef struct q53_tsig_ctx {
	const q53_tsig_key_t *key; /* borrowed; NULL when the request named an unknown key */
	uint8_t mac[Q53_TSIG_MAC_MAX];
	uint16_t mac_len; /* the last MAC sent or verified: the next digest starts with it */
	uint16_t error;	  /* TSIG error to report in the response (0, BADSIG, BADKEY, BADTIME) */
	uint16_t orig_id;
	uint64_t time; /* time signed of the request, echoed in BADTIME answers */
	unsigned nmsg; /* messages signed or verified so far */
	void *run;     /* client side: the running MAC over unsigned messages in a stream */
	bool running;
	unsigned running_count;		/* unsigned messages folded into run */
	uint8_t key_name[Q53_NAME_MAX]; /* the request's key name, echoed even when unknown (BADKEY) */
	uint8_t alg_name[Q53_NAME_MAX];
} q53_tsig_ctx_t;

/*
 * Whether the HMACs can be computed: libcrypto is opened on first use (tsig.c says why). False, with
 * *why (when not NULL) a sentence to show, when it cannot be; signing and verifying fail then.
 */
bool q53_tsig_crypto(const char **why);

void q53_tsig_ctx_init(q53_tsig_ctx_t *c, const q53_tsig_key_t *key);

/* The octets the next q53_tsig_sign() on c adds: the room to keep free for it. */
size_t q53_tsig_rr_size(const q53_tsig_ctx_t *c);
void q53_tsig_ctx_free(q53_tsig_ctx_t *c);

/*
 * Server side: checks the TSIG of request msg[0..len) against keys[0..nkeys) at time now (seconds since
 * the epoch), in RFC 8945 5.2's order: the key (BADKEY), the MAC (BADSIG, BADTRUNC), the time (BADTIME).
 * Returns 0 when the request is unsigned, 1 when it is signed (ctx->error says whether it verified:
 * 0 is good), or Q53_EMALFORMED (FORMERR). ctx is initialised here; on 1 it is ready to sign responses.
 */
int q53_tsig_verify_request(const q53_tsig_key_t *keys, size_t nkeys, const uint8_t *msg, size_t len,
			    uint64_t now, q53_tsig_ctx_t *ctx);

/*
 * Appends a TSIG record to the message in buf[0..len) (room up to cap) and adds one to ARCOUNT.
 * A request (client side, nmsg 0 and no prior MAC) is signed alone; a response's first message covers the
 * request MAC and every TSIG variable; later messages of a stream cover the prior MAC and the timers only
 * (RFC 8945 5.3.1). With ctx->error BADKEY or BADSIG the record carries no MAC (RFC 8945 5.3.2);
 * BADTIME puts our time in Other Data. Returns the new length, or Q53_ENOSPACE.
 */
int q53_tsig_sign(q53_tsig_ctx_t *ctx, uint8_t *buf, size_t len, size_t cap, uint64_t now);

/*
 * Client side: verifies one response of the transaction begun with q53_tsig_sign() on the request.
 * The first response must be signed; later ones may be unsigned (they are folded into the next signed
 * one), but at most 99 in a row (RFC 8945 5.3.1). Returns 1 for a signed, good message, 0 for an
 * unsigned one that is allowed, or Q53_EMALFORMED when the signature is missing, wrong, or the time is
 * off (the TSIG's error code, if any, is left in ctx->error).
 */
int q53_tsig_verify_response(q53_tsig_ctx_t *ctx, const uint8_t *msg, size_t len, uint64_t now);

#endif
