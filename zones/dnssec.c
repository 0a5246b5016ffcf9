/*
 * The DNSSEC index of a zone signed offline: what lookup.c needs to prove that a name or a type does not
 * exist (RFC 4035 3.1.3, RFC 5155 7.2). Built once when the snapshot is frozen: the nodes that own NSEC in
 * canonical order (RFC 4034 6.1), or the NSEC3 RRsets of the zone's NSEC3PARAM with their owners' hashes
 * decoded from base32hex and sorted, so the record matching or covering a name is a binary search away.
 * The NSEC3 hash (RFC 5155 5: iterated SHA-1 of the canonical name and the salt) is here too, with a
 * SHA-1 of our own (FIPS 180-4): a query hashes a few names without allocating (OpenSSL 3's SHA1()
 * allocates three times per call), and zones/ keeps its arrows (codec and idna only).
 *
 * Non-goals: signing, checking signatures, checking that the chain is whole (the signer's job).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "zones_int.h"

/* ---- SHA-1 (FIPS 180-4 6.1) ------------------------------------------------------------------------ */

typedef struct sha1 {
	uint32_t h[5];
	uint8_t block[64];
	size_t fill;   /* octets in block */
	uint64_t bits; /* message length so far */
} sha1;

static uint32_t rol(uint32_t x, unsigned n)
{
	return x << n | x >> (32 - n);
}

static void sha1_init(sha1 *c)
{
	static const uint32_t iv[5] = {0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u};
	memcpy(c->h, iv, sizeof iv);
	c->fill = 0;
	c->bits = 0;
}

/* One 512-bit block: the 80 rounds of FIPS 180-4 6.1.2 with the schedule kept in 16 words. */
static void sha1_block(uint32_t h[5], const uint8_t *p)
{
	uint32_t w[16], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
	for (unsigned t = 0; t < 16; t++)
		w[t] = q53_get32(p + 4 * t);
	/* Invariant: a..e hold the working variables after round t; w[t & 15] is W_t once computed. */
	for (unsigned t = 0; t < 80; t++) {
		if (t >= 16)
			w[t & 15] = rol(w[(t + 13) & 15] ^ w[(t + 8) & 15] ^ w[(t + 2) & 15] ^ w[t & 15], 1);
		uint32_t f, k;
		if (t < 20) {
			f = (b & c) | (~b & d);
			k = 0x5A827999u;
		} else if (t < 40) {
			f = b ^ c ^ d;
			k = 0x6ED9EBA1u;
		} else if (t < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8F1BBCDCu;
		} else {
			f = b ^ c ^ d;
			k = 0xCA62C1D6u;
		}
		uint32_t tmp = rol(a, 5) + f + e + k + w[t & 15];
		e = d;
		d = c;
		c = rol(b, 30);
		b = a;
		a = tmp;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

static void sha1_update(sha1 *c, const uint8_t *p, size_t len)
{
	c->bits += (uint64_t)len * 8;
	/* Invariant: block[0..fill) holds the octets not yet hashed, fewer than 64. */
	while (len > 0) {
		size_t n = 64 - c->fill < len ? 64 - c->fill : len;
		memcpy(c->block + c->fill, p, n);
		c->fill += n;
		p += n;
		len -= n;
		if (c->fill == 64) {
			sha1_block(c->h, c->block);
			c->fill = 0;
		}
	}
}

/* FIPS 180-4 5.1.1: a 1 bit, zeros up to 56 octets modulo 64, the length in bits as 64 bits. */
static void sha1_final(sha1 *c, uint8_t out[NSEC3_HASH_LEN])
{
	uint64_t bits = c->bits;
	c->block[c->fill++] = 0x80;
	if (c->fill > 56) {
		memset(c->block + c->fill, 0, 64 - c->fill);
		sha1_block(c->h, c->block);
		c->fill = 0;
	}
	memset(c->block + c->fill, 0, 56 - c->fill);
	for (unsigned i = 0; i < 8; i++)
		c->block[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
	sha1_block(c->h, c->block);
	for (unsigned i = 0; i < 5; i++)
		q53_put32(out + 4 * i, c->h[i]);
}

/*
 * RFC 5155 5: IH(salt, x, 0) = H(x || salt), IH(salt, x, k) = H(IH(salt, x, k-1) || salt), x the owner
 * name in canonical form (RFC 4034 6.2: lower case), hashed iterations + 1 times.
 */
void zone_nsec3_hash(const zsec *s, const uint8_t *name, uint8_t out[NSEC3_HASH_LEN])
{
	uint8_t low[Q53_NAME_MAX];
	size_t len = q53_name_len(name);
	for (size_t i = 0; i < len; i++)
		low[i] = zone_lower(name[i]);
	sha1 c;
	sha1_init(&c);
	sha1_update(&c, low, len);
	sha1_update(&c, s->salt, s->saltlen);
	sha1_final(&c, out);
	for (unsigned k = 0; k < s->iterations; k++) {
		sha1_init(&c);
		sha1_update(&c, out, NSEC3_HASH_LEN);
		sha1_update(&c, s->salt, s->saltlen);
		sha1_final(&c, out);
	}
}

/* ---- Finding the record of a name ------------------------------------------------------------------ */

const znode *zone_nsec3_find(const q53_zone_t *z, const uint8_t h[NSEC3_HASH_LEN], bool *match)
{
	const zsec *s = z->sec;
	*match = false;
	if (s == NULL || s->nnsec3 == 0)
		return NULL;
	/* Invariant: hashes before lo are <= h, hashes from hi on are > h. */
	uint32_t lo = 0, hi = s->nnsec3;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (memcmp(s->nsec3[mid].h, h, NSEC3_HASH_LEN) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* lo - 1 is the greatest hash <= h; none means h sorts first and the last NSEC3 wraps around. */
	const zhash *e = &s->nsec3[lo > 0 ? lo - 1 : s->nnsec3 - 1];
	*match = memcmp(e->h, h, NSEC3_HASH_LEN) == 0;
	return &z->nodes[e->node];
}

const znode *zone_nsec_find(const q53_zone_t *z, const uint8_t *name)
{
	const zsec *s = z->sec;
	if (s == NULL || s->nnsec == 0)
		return NULL;
	/* Invariant: owners before lo sort at or before name, owners from hi on after it. */
	uint32_t lo = 0, hi = s->nnsec;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (q53_name_compare(zone_name(z, &z->nodes[s->nsec[mid]]), name) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return &z->nodes[s->nsec[lo > 0 ? lo - 1 : s->nnsec - 1]];
}

/* ---- Building the index ---------------------------------------------------------------------------- */

/* RFC 4648 7: base32hex, either case; -1 for anything else. */
static int b32hex(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = zone_lower(c);
	return c >= 'a' && c <= 'v' ? c - 'a' + 10 : -1;
}

/* The hash an NSEC3 owner's first label spells: 32 base32hex digits for SHA-1. 0, or -1 when not. */
static int owner_hash(const uint8_t *name, uint8_t out[NSEC3_HASH_LEN])
{
	if (name[0] != 32)
		return -1;
	uint32_t acc = 0;
	unsigned bits = 0, n = 0;
	/* Invariant: acc holds `bits` bits of digits read but not yet written to out[0..n). */
	for (unsigned i = 1; i <= 32; i++) {
		int v = b32hex(name[i]);
		if (v < 0)
			return -1;
		acc = acc << 5 | (uint32_t)v;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (uint8_t)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	return 0;
}

static int cmp_hash(const void *x, const void *y)
{
	return memcmp(((const zhash *)x)->h, ((const zhash *)y)->h, NSEC3_HASH_LEN);
}

bool zone_nsec3param_usable(const uint8_t *rd, uint16_t len)
{
	return len >= 5 && len == 5u + rd[4] && rd[0] == 1 && rd[1] == 0;
}

/* The apex's first usable NSEC3PARAM into s: 1, or 0 when there is none. */
static int nsec3_params(const q53_zone_t *z, zsec *s)
{
	const q53_rrset_t *p = zone_rrset(z, &z->nodes[z->apex], Q53_TYPE_NSEC3PARAM);
	size_t pos = 0;
	const uint8_t *rd;
	uint16_t len;
	while (p != NULL && q53_rrset_next(p, &pos, &rd, &len) > 0) {
		if (!zone_nsec3param_usable(rd, len))
			continue;
		s->iterations = q53_get16(rd + 2);
		s->saltlen = rd[4];
		memcpy(s->salt, rd + 5, rd[4]);
		return 1;
	}
	return 0;
}

/* True when an NSEC3 RDATA (RFC 5155 3.2) has the chain's algorithm, iterations and salt. */
static bool same_chain(const zsec *s, const uint8_t *rd, uint16_t len)
{
	return len >= 5 && rd[0] == 1 && q53_get16(rd + 2) == s->iterations && rd[4] == s->saltlen &&
	       len >= 5u + rd[4] && memcmp(rd + 5, s->salt, s->saltlen) == 0;
}

/* The node owns NSEC3 and nothing but its signatures. */
static bool nsec3_only(const q53_zone_t *z, const znode *n)
{
	bool nsec3 = false;
	for (unsigned j = 0; j < n->nset; j++) {
		const q53_rrset_t *s = &z->sets[n->set + j];
		if (s->type == Q53_TYPE_NSEC3)
			nsec3 = true;
		else if (s->type != Q53_TYPE_RRSIG)
			return false;
	}
	return nsec3;
}

/* The NSEC3 chain: the first matching NSEC3 of each node, by hash. */
static int build_nsec3(q53_zone_t *z, zsec *s)
{
	uint32_t n = 0;
	s->nsec3 = malloc((z->nnodes ? z->nnodes : 1) * sizeof *s->nsec3);
	if (s->nsec3 == NULL)
		return Q53_ENOMEM;
	for (uint32_t id = 0; id < z->nnodes; id++) {
		const znode *node = &z->nodes[id];
		const q53_rrset_t *set = zone_rrset(z, node, Q53_TYPE_NSEC3);
		if (set == NULL || owner_hash(zone_name(z, node), s->nsec3[n].h) < 0)
			continue;
		size_t pos = 0;
		const uint8_t *rd;
		uint16_t len;
		while (q53_rrset_next(set, &pos, &rd, &len) > 0)
			if (same_chain(s, rd, len)) {
				s->nsec3[n++].node = id;
				break;
			}
	}
	qsort(s->nsec3, n, sizeof *s->nsec3, cmp_hash);
	s->nnsec3 = n;
	s->memory += n * sizeof *s->nsec3;
	return 0;
}

/* The owners of NSEC, in the canonical order the snapshot already has. */
static int build_nsec(q53_zone_t *z, zsec *s)
{
	uint32_t n = 0;
	s->nsec = malloc((z->nnodes ? z->nnodes : 1) * sizeof *s->nsec);
	if (s->nsec == NULL)
		return Q53_ENOMEM;
	for (uint32_t k = 0; k < z->nnodes; k++)
		if (zone_rrset(z, &z->nodes[z->order[k]], Q53_TYPE_NSEC) != NULL)
			s->nsec[n++] = z->order[k];
	s->nnsec = n;
	s->memory += n * sizeof *s->nsec;
	return 0;
}

int zone_sec_build(q53_zone_t *z)
{
	z->sec = NULL;
	if (!q53_zone_signed(z))
		return 0;
	zsec *s = calloc(1, sizeof *s);
	if (s == NULL)
		return Q53_ENOMEM;
	s->memory = sizeof *s;
	int rc = 0;
	/* NSD and Knot use NSEC3 when the apex has an NSEC3PARAM, else NSEC when it has NSEC. */
	if (nsec3_params(z, s)) {
		s->denial = Q53_DENIAL_NSEC3;
		rc = build_nsec3(z, s);
	} else if (zone_rrset(z, &z->nodes[z->apex], Q53_TYPE_NSEC) != NULL) {
		s->denial = Q53_DENIAL_NSEC;
		rc = build_nsec(z, s);
	}
	if (rc < 0) {
		free(s->nsec3);
		free(s->nsec);
		free(s);
		return rc;
	}
	for (uint32_t id = 0; id < z->nnodes; id++)
		if (id != z->apex && nsec3_only(z, &z->nodes[id]))
			z->nodes[id].flags |= ZN_NSEC3;
	z->memory += s->memory;
	z->sec = s;
	return 0;
}

void zone_sec_free(q53_zone_t *z)
{
	zsec *s = z->sec;
	if (s == NULL)
		return;
	free(s->nsec);
	free(s->nsec3);
	free(s);
	z->sec = NULL;
}

q53_denial q53_zone_denial(const q53_zone_t *z)
{
	return z->sec != NULL ? z->sec->denial : Q53_DENIAL_NONE;
}
