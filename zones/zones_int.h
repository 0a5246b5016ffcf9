/*
 * Internals of zones/: the layout of a zone snapshot, shared by the builder (store.c) that lays it out once
 * and the lookup (lookup.c) that reads it from many threads without locks.
 *
 * Layout, chosen for a small footprint per name (a name with one A record costs about 75 octets here):
 * - names: every owner name once, in wire form and the case of the file; an empty non-terminal points at
 *   the tail of one of its descendants' names, so it costs no octets of its own;
 * - nodes: one 16-octet znode per name (owners in order of first appearance, then the empty
 *   non-terminals);
 * - slots: an open-addressing index (linear probing, at most half full) of node numbers by
 *   q53_name_hash(), which is case-insensitive (RFC 4343);
 * - arena: the RRsets (q53_rrset_t; a node's are adjacent, types ascending; nodes in node order), the
 *   node numbers in canonical order (RFC 4034 6.1) for the walk, and the RDATA as [len][rdata]...
 * Offsets and numbers, not pointers, except q53_rrset_t.data, which the public view requires.
 */
#ifndef Q53_ZONES_INT_H
#define Q53_ZONES_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "q53/name.h"
#include "zone.h"

/* Node flags, set once when the snapshot is frozen. */
enum {
	ZN_CUT = 1u << 0,	  /* NS RRset at a node other than the apex: a zone cut (RFC 1034 4.2.1) */
	ZN_BELOW_CUT = 1u << 1,	  /* strictly below a zone cut: glue or occluded data */
	ZN_CNAME = 1u << 2,	  /* holds a CNAME RRset */
	ZN_DNAME = 1u << 3,	  /* holds a DNAME RRset (RFC 6672) */
	ZN_BELOW_DNAME = 1u << 4, /* strictly below a DNAME: occluded (RFC 6672 2.4) */
	/* Owns NSEC3 (and its RRSIGs) only, in a signed zone: a hashed name of the NSEC3 chain, which RFC
	 * 5155 7.2.8 says to answer as if it did not exist (NSD and Knot answer NXDOMAIN). */
	ZN_NSEC3 = 1u << 5,
};

typedef struct znode {
	uint32_t name; /* offset of the owner name in zone->names */
	uint32_t hash; /* q53_name_hash() of the name, compared before the name in the index */
	uint32_t set;  /* index of the node's first RRset in zone->sets */
	uint16_t nset; /* RRsets at the node, types ascending; 0 for an empty non-terminal */
	uint16_t flags;
} znode;

#define ZNODE_NONE UINT32_MAX

struct q53_zone {
	uint8_t *names;
	znode *nodes;
	uint32_t *slots; /* node number + 1, 0 for an empty slot */
	void *arena;	 /* sets, order and RDATA */
	const q53_rrset_t *sets;
	const uint32_t *order; /* node numbers in canonical order */
	uint32_t nnodes, mask; /* mask + 1 slots, a power of two */
	uint32_t nsets;
	uint32_t apex; /* node number of the apex (0) */
	uint32_t serial;
	size_t records;
	size_t memory;
	const q53_rrset_t *soa, *apex_ns;
	struct zsec *sec;    /* the DNSSEC index of a signed zone (dnssec.c), else NULL */
	struct zfile *files; /* the files q53_zone_load() read, for q53_zone_files_unchanged() */
	size_t nfiles;
};

/* A file a zone was read from, as fstat() saw it then. */
typedef struct zfile {
	char *path;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
} zfile;

/* ASCII lower case (RFC 4343): the codec's table is private to codec/. */
static inline uint8_t zone_lower(uint8_t c)
{
	return (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

static inline const uint8_t *zone_name(const q53_zone_t *z, const znode *n)
{
	return z->names + n->name;
}

/* The node of name (case-insensitive), or NULL. Probes the index only: no allocation, no lock. */
static inline const znode *zone_find_hashed(const q53_zone_t *z, const uint8_t *name, uint32_t h)
{
	/* Invariant: the slots from h & mask up to i hold other names; the table is never full. */
	for (uint32_t i = h & z->mask;; i = (i + 1) & z->mask) {
		uint32_t s = z->slots[i];
		if (s == 0)
			return NULL;
		const znode *n = &z->nodes[s - 1];
		if (n->hash == h && q53_name_equal(z->names + n->name, name))
			return n;
	}
}

static inline const znode *zone_find(const q53_zone_t *z, const uint8_t *name)
{
	return zone_find_hashed(z, name, q53_name_hash(name));
}

/* The RRset of type at node n, or NULL. Types are few per node and ascending: a short scan. */
static inline const q53_rrset_t *zone_rrset(const q53_zone_t *z, const znode *n, uint16_t type)
{
	const q53_rrset_t *s = z->sets + n->set;
	for (unsigned i = 0; i < n->nset && s[i].type <= type; i++)
		if (s[i].type == type)
			return &s[i];
	return NULL;
}

/*
 * Offset of the domain name that MX, NS, SRV, CNAME and DNAME RDATA point at (RFC 1035 3.3, RFC 2782), or
 * -1 for other types. The builder checked that the name is whole and valid.
 */
static inline int zone_target_off(uint16_t type)
{
	switch (type) {
	case Q53_TYPE_NS:
	case Q53_TYPE_CNAME:
	case Q53_TYPE_DNAME:
		return 0;
	case Q53_TYPE_MX:
		return 2;
	case Q53_TYPE_SRV:
		return 6;
	default:
		return -1;
	}
}

/* ---- DNSSEC (dnssec.c) ---------------------------------------------------------------------------- */

enum { NSEC3_HASH_LEN = 20 }; /* SHA-1, the one NSEC3 hash algorithm (RFC 5155 11) */

/* One NSEC3 of the chain: its owner's first label decoded from base32hex (RFC 4648 7), and its node. */
typedef struct zhash {
	uint8_t h[NSEC3_HASH_LEN];
	uint32_t node;
} zhash;

/*
 * Built once with the snapshot of a signed zone, read without locks: the nodes owning NSEC in canonical
 * order (RFC 4034 6.1), or the NSEC3 RRsets with the zone's NSEC3PARAM parameters in hash order, so that
 * the record matching or covering a name is a binary search away.
 */
typedef struct zsec {
	q53_denial denial;
	uint32_t *nsec;
	uint32_t nnsec;
	zhash *nsec3;
	uint32_t nnsec3;
	uint16_t iterations;
	uint8_t saltlen;
	uint8_t salt[255];
	size_t memory;
} zsec;

/* Builds z->sec when z is signed (q53_zone_signed()) and marks its ZN_NSEC3 nodes. 0 or Q53_ENOMEM. */
int zone_sec_build(q53_zone_t *z);
void zone_sec_free(q53_zone_t *z);
/*
 * RFC 5155 4.2: NSEC3PARAM RDATA is hash algorithm, flags, iterations, salt length, salt. A server uses
 * one with flags 0 (4.1.2) and a hash it knows (SHA-1, 1): the apex's first such names the chain.
 */
bool zone_nsec3param_usable(const uint8_t *rd, uint16_t len);

/* RFC 5155 5: the NSEC3 hash of name (any case) with the zone's salt and iterations. */
void zone_nsec3_hash(const zsec *s, const uint8_t *name, uint8_t out[NSEC3_HASH_LEN]);

/*
 * The NSEC3 whose hash equals h (*match set), or else the one covering h: the greatest hash below it,
 * or the last of the chain when h sorts before the first (RFC 5155 1.3, "covers"). NULL when the chain
 * is empty.
 */
const znode *zone_nsec3_find(const q53_zone_t *z, const uint8_t h[NSEC3_HASH_LEN], bool *match);

/*
 * The node whose NSEC matches or covers name (RFC 4035 3.1.3): the greatest owner of an NSEC not after
 * name in canonical order, or the last one when name sorts before every owner. NULL without NSEC.
 */
const znode *zone_nsec_find(const q53_zone_t *z, const uint8_t *name);

#endif
