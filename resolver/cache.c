/*
 * cache.c: the resolver's optional answer cache. A reply is kept whole, keyed by (name, type) without
 * regard to case (RFC 4343), for the smallest TTL of its answer section (RFC 1035 3.2.1, RFC 2181 5.2
 * says an RRset's TTLs agree), or when negative (NXDOMAIN, or NODATA: NOERROR without answers) for
 * min(SOA TTL, SOA MINIMUM) of the SOA in its authority section (RFC 2308 5); a negative reply without an
 * SOA is not kept (RFC 2308 5). SERVFAIL is never kept. A TTL of 0 means "use once" (RFC 1035 3.2.1).
 * The size is bounded by an entry count; the least recently used entry goes first (a list threaded
 * through the entries), expired ones go when they are met. What comes out of the cache has its TTLs
 * decreased by the time spent in it, so an application never holds a record longer than its owner said.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "q53/msg.h"
#include "q53/name.h"
#include "q53/rdata.h"
#include "resolver_int.h"

struct cache_entry {
	cache_entry_t *hnext;	    /* in its bucket */
	cache_entry_t *prev, *next; /* in the LRU list */
	uint64_t stored, expires;   /* ms of the cache's clock */
	uint32_t hash;
	uint16_t type;
	uint8_t name[Q53_NAME_MAX];
	size_t len;
	uint8_t msg[]; /* the reply as the application got it (AD cleared without trust-ad) */
};

void q53_cache_init(q53_cache_t *c, size_t max)
{
	memset(c, 0, sizeof *c);
	c->max = max;
	c->max_ttl = CACHE_MAX_TTL;
}

static uint32_t key_hash(const uint8_t *name, uint16_t type)
{
	return q53_name_hash(name) ^ ((uint32_t)type * 0x9E3779B1u);
}

static void lru_unlink(q53_cache_t *c, cache_entry_t *e)
{
	if (e->prev != NULL)
		e->prev->next = e->next;
	else
		c->head = e->next;
	if (e->next != NULL)
		e->next->prev = e->prev;
	else
		c->tail = e->prev;
	e->prev = e->next = NULL;
}

static void lru_front(q53_cache_t *c, cache_entry_t *e)
{
	e->prev = NULL;
	e->next = c->head;
	if (c->head != NULL)
		c->head->prev = e;
	c->head = e;
	if (c->tail == NULL)
		c->tail = e;
}

static cache_entry_t **find(q53_cache_t *c, const uint8_t *name, uint16_t type, uint32_t h)
{
	cache_entry_t **pp = &c->b[h & (c->nb - 1)];
	/* Invariant: the entries before *pp in the chain are not the key. */
	while (*pp != NULL && !((*pp)->hash == h && (*pp)->type == type && q53_name_equal((*pp)->name, name)))
		pp = &(*pp)->hnext;
	return pp;
}

static void drop(q53_cache_t *c, cache_entry_t *e)
{
	cache_entry_t **pp = find(c, e->name, e->type, e->hash);
	if (*pp == e)
		*pp = e->hnext;
	lru_unlink(c, e);
	c->n--;
	free(e);
}

void q53_cache_clear(q53_cache_t *c)
{
	while (c->head != NULL) {
		cache_entry_t *e = c->head;
		c->head = e->next;
		free(e);
	}
	free(c->b);
	q53_cache_init(c, c->max);
}

/* How long a reply may be kept, in seconds; 0 when it may not. */
static uint32_t reply_ttl(const uint8_t *msg, size_t len, uint32_t max_ttl)
{
	q53_reader_t rd;
	q53_rr_t rr;
	if (q53_reader_init(&rd, msg, len) < 0)
		return 0;
	uint32_t pos = UINT32_MAX, neg = UINT32_MAX;
	size_t nanswer = 0;
	int rc;
	q53_edns_t e;
	bool have_edns = false;
	/* Invariant: pos is the smallest answer TTL and neg the smallest SOA bound read so far. */
	while ((rc = q53_reader_next(&rd, &rr)) == 1) {
		if (rr.section == Q53_SEC_ANSWER) {
			nanswer++;
			if (rr.ttl < pos)
				pos = rr.ttl;
		} else if (rr.section == Q53_SEC_AUTHORITY && rr.type == Q53_TYPE_SOA) {
			q53_soa_t soa;
			if (q53_rdata_soa(&rr, &soa) == 0) {
				uint32_t t = rr.ttl < soa.minimum ? rr.ttl : soa.minimum;
				if (t < neg)
					neg = t;
			}
		} else if (rr.type == Q53_TYPE_OPT) {
			have_edns = q53_edns_from_rr(&rr, &e) == 0;
		}
	}
	if (rc < 0)
		return 0;
	unsigned rcode = q53_rcode_full(rd.flags, have_edns ? &e : NULL);
	uint32_t ttl;
	if (rcode == Q53_RCODE_NOERROR && nanswer > 0)
		ttl = pos;
	else if (rcode == Q53_RCODE_NXDOMAIN || (rcode == Q53_RCODE_NOERROR && nanswer == 0))
		ttl = neg == UINT32_MAX ? 0 : neg;
	else
		ttl = 0;
	/* RFC 2181 8: a TTL with the top bit set counts as 0. */
	if (ttl > 0x7FFFFFFFu)
		ttl = 0;
	return ttl < max_ttl ? ttl : max_ttl;
}

int q53_cache_put(q53_cache_t *c, const uint8_t *name, uint16_t type, const uint8_t *msg, size_t len,
		  uint64_t now)
{
	if (c->max == 0)
		return 0;
	uint32_t ttl = reply_ttl(msg, len, c->max_ttl);
	if (ttl == 0)
		return 0;
	if (c->b == NULL) {
		size_t nb = 16;
		while (nb < c->max && nb < (1u << 20))
			nb *= 2;
		c->b = calloc(nb, sizeof *c->b);
		if (c->b == NULL)
			return Q53_ENOMEM;
		c->nb = nb;
	}
	uint32_t h = key_hash(name, type);
	cache_entry_t **pp = find(c, name, type, h);
	if (*pp != NULL)
		drop(c, *pp); /* a newer reply replaces the old one */
	cache_entry_t *e = malloc(sizeof *e + len);
	if (e == NULL)
		return Q53_ENOMEM;
	e->hash = h;
	e->type = type;
	memcpy(e->name, name, q53_name_len(name));
	e->len = len;
	memcpy(e->msg, msg, len);
	e->stored = now;
	e->expires = now + (uint64_t)ttl * 1000u;
	/* Room first: the least recently used entry leaves. */
	while (c->n >= c->max && c->tail != NULL)
		drop(c, c->tail);
	pp = find(c, name, type, h);
	e->hnext = *pp;
	*pp = e;
	lru_front(c, e);
	c->n++;
	return 1;
}

q53_result_t *q53_cache_get(q53_cache_t *c, const uint8_t *name, uint16_t type, uint64_t now)
{
	if (c->n == 0)
		return NULL;
	uint32_t h = key_hash(name, type);
	cache_entry_t *e = *find(c, name, type, h);
	if (e == NULL)
		return NULL;
	if (now >= e->expires || now < e->stored) {
		/* Expired, or a clock that went back: either way the entry cannot be trusted. */
		drop(c, e);
		return NULL;
	}
	lru_unlink(c, e);
	lru_front(c, e);
	q53_result_t *res = q53_result_from_msg(e->msg, e->len, Q53_SOURCE_CACHE);
	if (res == NULL)
		return NULL;
	uint64_t spent = (now - e->stored) / 1000u;
	uint8_t *m = (uint8_t *)(uintptr_t)res->msg; /* the result's own copy */
	for (size_t i = 0; i < res->nrr; i++) {
		q53_rr_t *rr = &res->rr[i];
		rr->ttl = rr->ttl > spent ? rr->ttl - (uint32_t)spent : 0;
		/* The TTL octets sit just before RDLENGTH and RDATA (RFC 1035 4.1.3). */
		q53_put32(m + rr->rdata - 6, rr->ttl);
	}
	return res;
}
