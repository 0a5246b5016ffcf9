/*
 * Response rate limiting (rrl.h): token buckets of 64 bits each in one table, named by a hash of the
 * client's network, the response's class and its key, and refilled by `rate` credits a second.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "q53/msg.h"
#include "q53/name.h"
#include "rrl.h"

/*
 * A bucket: [tag 16][stamp 24][credit 16][slips 8], most significant first. tag: the top bits of the
 * name's hash, odd, so that a zero word (never used) matches no name and names that share a slot take it
 * over from each other; stamp: the second of the last response (mod 2^24, 194 days); credit: responses
 * still allowed in this second; slips: limited responses of this episode counted, for the slip, 0 outside
 * an episode (going from 255 to 1, so that 0 always means none yet).
 */
#define B_TAG(b)    ((uint16_t)((b) >> 48))
#define B_STAMP(b)  ((uint32_t)((b) >> 24) & 0xFFFFFFu)
#define B_CREDIT(b) ((unsigned)((b) >> 8) & 0xFFFFu)
#define B_SLIPS(b)  ((unsigned)(b)&0xFFu)
#define B_MAKE(tag, stamp, credit, slips)                                                                  \
	((uint64_t)(tag) << 48 | (uint64_t)((stamp)&0xFFFFFFu) << 24 | (uint64_t)((credit)&0xFFFFu) << 8 | \
	 (uint64_t)((slips)&0xFFu))

struct q53_rrl {
	q53_rrl_cfg_t cfg;
	uint64_t seed; /* random: which names share a slot cannot be planned from outside */
	uint8_t mask4[4], mask6[16];
	size_t mask; /* slots - 1 */
	_Atomic uint64_t *b;
};

void q53_rrl_cfg_init(q53_rrl_cfg_t *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->rate = Q53_RRL_RATE_DEFAULT;
	cfg->slip = Q53_RRL_SLIP_DEFAULT;
	cfg->ipv4_prefix = 24;
	cfg->ipv6_prefix = 56;
	cfg->size = Q53_RRL_SIZE_DEFAULT;
}

static void prefix_mask(uint8_t *mask, size_t len, unsigned bits)
{
	for (size_t i = 0; i<len; i++, bits = bits> 8 ? bits - 8 : 0)
		mask[i] = bits >= 8 ? 0xFF : (uint8_t)(0xFF << (8 - bits));
}

q53_rrl_t *q53_rrl_new(const q53_rrl_cfg_t *cfg, bool *enomem)
{
	*enomem = false;
	if (cfg->rate == 0)
		return NULL;
	q53_rrl_t *r = calloc(1, sizeof *r);
	if (r == NULL) {
		*enomem = true;
		return NULL;
	}
	r->cfg = *cfg;
	if (r->cfg.rate > Q53_RRL_RATE_MAX)
		r->cfg.rate = Q53_RRL_RATE_MAX;
	if (!r->cfg.exempt_set) {
		/* Loopback: no datagram from a network carries such a source (RFC 1122 3.2.1.3, RFC 4291
		 * 2.5.3), so limiting it protects no one and only slows local clients. */
		q53_net_prefix_parse("127.0.0.0/8", &r->cfg.exempt[0]);
		q53_net_prefix_parse("::1", &r->cfg.exempt[1]);
		r->cfg.nexempt = 2;
	}
	size_t n = 1024;
	while (n < cfg->size && n < ((size_t)1 << 30))
		n <<= 1;
	r->mask = n - 1;
	r->b = calloc(n, sizeof *r->b);
	if (r->b == NULL) {
		free(r);
		*enomem = true;
		return NULL;
	}
	/* Without the system's randomness, the address of the table still differs per run. */
	if (getrandom(&r->seed, sizeof r->seed, 0) != (ssize_t)sizeof r->seed)
		r->seed ^= (uint64_t)(uintptr_t)r->b * UINT64_C(0x9E3779B97F4A7C15);
	prefix_mask(r->mask4, 4, r->cfg.ipv4_prefix);
	prefix_mask(r->mask6, 16, r->cfg.ipv6_prefix);
	return r;
}

void q53_rrl_free(q53_rrl_t *r)
{
	if (r == NULL)
		return;
	free((void *)(uintptr_t)r->b);
	free(r);
}

/* A 64-bit finalizer (the one of MurmurHash3's fmix64): every input bit moves every output bit. */
static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= UINT64_C(0xFF51AFD7ED558CCD);
	x ^= x >> 33;
	x *= UINT64_C(0xC4CEB9FE1A85EC53);
	x ^= x >> 33;
	return x;
}

static uint64_t load64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

/* The bucket's name: the client's network, the class and its key, under the seed. */
static uint64_t bucket_hash(const q53_rrl_t *r, const q53_client_t *c, const q53_answer_note_t *n)
{
	uint64_t a, b;
	if (c->family == 4) {
		uint32_t v, m;
		memcpy(&v, c->addr, 4);
		memcpy(&m, r->mask4, 4);
		a = (uint64_t)(v & m) | (uint64_t)4 << 32;
		b = 0;
	} else {
		a = load64(c->addr) & load64(r->mask6);
		b = load64(c->addr + 8) & load64(r->mask6 + 8);
	}
	uint64_t h = mix(r->seed ^ a);
	h = mix(h ^ b ^ ((uint64_t)n->cls << 56));
	return mix(h ^ (uint64_t)n->key);
}

static bool exempt(const q53_rrl_t *r, const q53_client_t *c)
{
	for (size_t i = 0; i < r->cfg.nexempt; i++)
		if (q53_net_prefix_match(&r->cfg.exempt[i], c->family, c->addr))
			return true;
	return false;
}

uint64_t q53_rrl_key(const q53_rrl_t *r, const q53_client_t *client, const q53_answer_note_t *note)
{
	if (r == NULL || client->tcp || note->cls == Q53_AC_NONE || exempt(r, client))
		return 0;
	uint64_t h = bucket_hash(r, client, note);
	h += h == 0;
	__builtin_prefetch((const void *)(uintptr_t)&r->b[h & r->mask], 1);
	return h;
}

/* Whether this thread's last count started an episode (q53_rrl_started()). */
static _Thread_local bool episode_started;

bool q53_rrl_started(void)
{
	return episode_started;
}

q53_rrl_verdict q53_rrl_count(q53_rrl_t *r, uint64_t key, const q53_answer_cfg_t *acfg,
			      const q53_client_t *client, const q53_answer_note_t *note, uint32_t now)
{
	episode_started = false;
	if (key == 0)
		return Q53_RRL_SEND;
	_Atomic uint64_t *slot = &r->b[key & r->mask];
	uint16_t tag = (uint16_t)(key >> 48) | 1u;
	uint32_t stamp = now & 0xFFFFFFu;
	unsigned rate = r->cfg.rate;
	uint64_t old = atomic_load_explicit(slot, memory_order_relaxed), nb;
	q53_rrl_verdict v;
	bool first;
	/* Invariant: old is what the slot held when last read; a failed exchange reads it again. */
	do {
		first = false;
		unsigned credit = rate, slips = 0;
		if (B_TAG(old) == tag) {
			uint64_t elapsed = (stamp - B_STAMP(old)) & 0xFFFFFFu;
			uint64_t c = B_CREDIT(old) + elapsed * rate;
			credit = c < rate ? (unsigned)c : rate;
			/* An episode goes on while the bucket limits: in this second, or in the one before up
			 * to its last credit; a second without limiting ends it. */
			slips = elapsed == 0 || (elapsed == 1 && B_CREDIT(old) == 0) ? B_SLIPS(old) : 0;
		}
		if (credit > 0) {
			credit--;
			v = Q53_RRL_SEND;
		} else {
			first = slips == 0;
			slips = slips == 255 ? 1 : slips + 1;
			v = r->cfg.slip != 0 && slips % r->cfg.slip == 0 ? Q53_RRL_SLIP : Q53_RRL_DROP;
		}
		nb = B_MAKE(tag, stamp, credit, slips);
	} while (nb != old && !atomic_compare_exchange_weak_explicit(slot, &old, nb, memory_order_relaxed,
								     memory_order_relaxed));
	/* Only a limited response pays for checking the cookie (a SipHash). */
	if (v != Q53_RRL_SEND && note->cookie != NULL &&
	    q53_answer_cookie_valid(acfg, client, note->cookie, note->cookie_len))
		v = Q53_RRL_SEND;
	episode_started = first && v != Q53_RRL_SEND;
	return v;
}

bool q53_rrl_log_allowed(_Atomic uint64_t *state, uint32_t now, unsigned per_second, unsigned *left)
{
	/* The state: [second 32][lines this second 16][lines left out 16]. */
	uint64_t old = atomic_load_explicit(state, memory_order_relaxed), nb;
	bool ok;
	/* Invariant: old is the state last read; a failed exchange reads it again. */
	do {
		uint64_t lines = (old >> 32 == now ? old >> 16 & 0xFFFFu : 0), out = old & 0xFFFFu;
		ok = lines < per_second;
		*left = (unsigned)out;
		nb = (uint64_t)now << 32 | (lines + ok) << 16 | (ok ? 0 : out + (out < 0xFFFF));
	} while (!atomic_compare_exchange_weak_explicit(state, &old, nb, memory_order_relaxed,
							memory_order_relaxed));
	return ok;
}

void q53_rrl_network(const q53_rrl_t *r, const q53_client_t *client, char *buf, size_t size)
{
	uint8_t a[16] = {0};
	char t[INET6_ADDRSTRLEN] = "?";
	bool v4 = client->family == 4;
	for (size_t i = 0; i < (v4 ? 4u : 16u); i++)
		a[i] = client->addr[i] & (v4 ? r->mask4[i] : r->mask6[i]);
	inet_ntop(v4 ? AF_INET : AF_INET6, a, t, sizeof t);
	snprintf(buf, size, "%s/%u", t, v4 ? r->cfg.ipv4_prefix : r->cfg.ipv6_prefix);
}

q53_rrl_verdict q53_rrl_check(q53_rrl_t *r, const q53_answer_cfg_t *acfg, const q53_client_t *client,
			      const q53_answer_note_t *note, uint32_t now)
{
	return q53_rrl_count(r, q53_rrl_key(r, client, note), acfg, client, note, now);
}

size_t q53_rrl_question(const uint8_t *msg, size_t len)
{
	if (len <= Q53_HEADER_LEN || q53_get16(msg + 4) < 1)
		return 0;
	int n = q53_name_check(msg + Q53_HEADER_LEN, len - Q53_HEADER_LEN);
	return n > 0 && Q53_HEADER_LEN + (size_t)n + 4 <= len ? (size_t)n + 4 : 0;
}

size_t q53_rrl_slip(uint8_t *resp, size_t len)
{
	if (len < Q53_HEADER_LEN)
		return len;
	size_t end = Q53_HEADER_LEN + q53_rrl_question(resp, len);
	resp[2] |= 0x02; /* TC */
	q53_put16(resp + 4, end > Q53_HEADER_LEN ? 1 : 0);
	memset(resp + 6, 0, 6);
	return end;
}
