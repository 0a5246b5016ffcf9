/*
 * Response rate limiting for UDP: a server that answers whoever a datagram claims to come from can be made
 * to flood a victim whose address an attacker writes as the source. Each response is counted in a bucket
 * named by the client's network (IPv4 /24, IPv6 /56 by default), the kind of response and what it is about
 * (q53_answer_note_t); a bucket lets through at most `rate` responses a second. Past that, every slip-th
 * limited response goes out truncated (TC=1, the question only) so that a real client behind that address
 * asks again over TCP, which cannot be forged, and the others are dropped. This is the design of Vixie and
 * Schryver's RRL as BIND 9, NSD and Knot apply it; q53d's defaults are NSD's (200 a second, slip 2).
 *
 * Never limited: TCP (the caller does not ask), clients in the exempt prefixes (loopback unless configured
 * otherwise: a forged loopback source cannot arrive from a network), and queries with a valid server
 * cookie of ours (RFC 7873 5.2.3: such a client has shown it receives what is sent to its address).
 *
 * The buckets are one table of 64-bit words shared by every worker thread, updated with compare-and-swap:
 * no lock, no allocation after q53_rrl_new(), and the limit holds per client network whatever worker the
 * kernel gives its datagrams to.
 */
#ifndef Q53_RRL_H
#define Q53_RRL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "answer.h"
#include "net.h"

enum {
	Q53_RRL_RATE_DEFAULT = 200,	/* responses a second per bucket (NSD's rrl-ratelimit) */
	Q53_RRL_RATE_MAX = 10000,	/* a bucket's credit is 16 bits */
	Q53_RRL_SLIP_DEFAULT = 2,	/* every second limited response truncated (BIND, NSD) */
	Q53_RRL_SLIP_MAX = 10,		/* BIND's limit */
	Q53_RRL_SIZE_DEFAULT = 1 << 20, /* buckets (8 MiB, touched only where used) */
	Q53_RRL_EXEMPT_MAX = 64,
};

typedef struct q53_rrl_cfg {
	unsigned rate;	      /* responses a second per bucket; 0: no rate limiting */
	unsigned slip;	      /* every slip-th limited response goes out truncated; 0: all are dropped */
	unsigned ipv4_prefix; /* bits of an IPv4 source that name its network: 24 */
	unsigned ipv6_prefix; /* the same for IPv6: 56 */
	unsigned size;	      /* buckets, rounded up to a power of two */
	q53_net_prefix_t exempt[Q53_RRL_EXEMPT_MAX];
	size_t nexempt;
	bool exempt_set; /* exempt[] was configured (possibly empty); otherwise loopback is exempt */
} q53_rrl_cfg_t;

/* The defaults above: on at 200 a second, slip 2, /24 and /56, 2^20 buckets, loopback exempt. */
void q53_rrl_cfg_init(q53_rrl_cfg_t *cfg);

typedef struct q53_rrl q53_rrl_t;

/* A limiter for cfg (copied). NULL when cfg->rate is 0 (nothing to limit) or memory runs out
 * (*enomem then says which). */
q53_rrl_t *q53_rrl_new(const q53_rrl_cfg_t *cfg, bool *enomem);
void q53_rrl_free(q53_rrl_t *r);

typedef enum q53_rrl_verdict {
	Q53_RRL_SEND, /* send the response as it is */
	Q53_RRL_SLIP, /* send it truncated: q53_rrl_slip() */
	Q53_RRL_DROP, /* send nothing */
} q53_rrl_verdict;

/*
 * Counts one UDP response to client, of the kind note says, at now (seconds; any clock that counts seconds
 * forward), and says what to do with it. Safe to call from several threads at once.
 */
q53_rrl_verdict q53_rrl_check(q53_rrl_t *r, const q53_answer_cfg_t *acfg, const q53_client_t *client,
			      const q53_answer_note_t *note, uint32_t now);

/*
 * The same in two steps, for a batch: q53_rrl_key() names the response's bucket (0: a response that is
 * never limited) and starts loading it into the cache; q53_rrl_count() then counts it. Keys taken for a
 * whole batch before counting any overlap the cache misses of a table bigger than the cache: measured,
 * one miss per response cost q53d a fifth of a microsecond.
 */
uint64_t q53_rrl_key(const q53_rrl_t *r, const q53_client_t *client, const q53_answer_note_t *note);
q53_rrl_verdict q53_rrl_count(q53_rrl_t *r, uint64_t key, const q53_answer_cfg_t *acfg,
			      const q53_client_t *client, const q53_answer_note_t *note, uint32_t now);

/*
 * True when the last q53_rrl_count() of this thread limited the first response of a bucket's limiting
 * episode: the first over the rate after a second in which the bucket limited nothing. For the log, which
 * names each episode once rather than each limited response.
 */
bool q53_rrl_started(void);

/*
 * Whether a log line may go out at now (seconds), at most per_second a second, with the state *state
 * (start at 0) shared by all threads; *left gets the lines left out since the last one that went.
 */
bool q53_rrl_log_allowed(_Atomic uint64_t *state, uint32_t now, unsigned per_second, unsigned *left);

/* The network rate limiting counts client in, as text: "192.0.2.0/24", "2001:db8:0:100::/56". */
void q53_rrl_network(const q53_rrl_t *r, const q53_client_t *client, char *buf, size_t size);

/*
 * Truncates the response resp[0..len) in place to its header and question with TC set and no records
 * (the slip of RRL). Returns the new length, or len when resp has no question to keep (then only the
 * header stays and its question count is cleared).
 */
size_t q53_rrl_slip(uint8_t *resp, size_t len);

/* The length of msg's first question (its name uncompressed, type and class), 0 when it has none whole. */
size_t q53_rrl_question(const uint8_t *msg, size_t len);

#endif
