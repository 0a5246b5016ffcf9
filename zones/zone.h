/*
 * Zones: the master-file parser (RFC 1035 5, RFC 2308 $TTL, RFC 3597 generic RDATA, BIND's $GENERATE), the
 * checks named-checkzone and kzonecheck make, the immutable in-memory zone snapshot, the RFC 1034 4.3.2
 * lookup with RFC 4592 wildcards, and the choice among several zones by longest apex.
 *
 * Used by the server and the tools inside this tree; not part of the installed libq53 API.
 */
#ifndef Q53_ZONE_H
#define Q53_ZONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "q53/wire.h"

/* ---- Diagnostics ---------------------------------------------------------------------------------- */

typedef enum q53_diag_level { Q53_DIAG_ERROR = 0, Q53_DIAG_WARNING = 1 } q53_diag_level;

/* One error or warning, reported as "file:line:col: message" (col 0 when it applies to the whole line). */
typedef struct q53_diag {
	q53_diag_level level;
	const char *file;
	unsigned line, col;
	const char *msg;
} q53_diag_t;

typedef void (*q53_diag_fn)(const q53_diag_t *d, void *ctx);

/* Writes "file:line:col: error: msg" (or warning) with the snprintf contract. */
int q53_diag_format(const q53_diag_t *d, char *buf, size_t size);

/* ---- Parser --------------------------------------------------------------------------------------- */

/* One record as the parser yields it: names and RDATA in uncompressed wire form, borrowed until return. */
typedef struct q53_zrr {
	const uint8_t *owner;
	uint16_t type;
	uint16_t rclass;
	uint32_t ttl;
	uint16_t rdlength;
	const uint8_t *rdata;
	const char *file;
	unsigned line;
	unsigned col; /* of the record's first token, in characters; 0 when not from a file */
} q53_zrr_t;

/* Called for each record; a negative return stops the parse with that error. */
typedef int (*q53_zrr_fn)(const q53_zrr_t *rr, void *ctx);

typedef struct q53_parse_opts {
	const uint8_t *origin; /* the zone apex and initial $ORIGIN (wire form); NULL: the file sets it */
	uint32_t default_ttl;  /* used when has_default_ttl and the file has no $TTL yet */
	bool has_default_ttl;
	unsigned max_errors;	    /* stop after this many errors; 0 means 100 */
	unsigned max_include_depth; /* nested $INCLUDE levels; 0 means 8 */
	/* Refuse $INCLUDE (an error at the directive): for zone text from elsewhere, so that parsing it never
	 * opens a file of this machine. */
	bool no_include;
	q53_diag_fn diag; /* NULL: diagnostics are counted, not shown */
	void *diag_ctx;
	/* NULL, or told of each file read (the main file, then each $INCLUDE) with what fstat() said. */
	void (*file_fn)(const char *path, const struct stat *st, void *ctx);
	void *file_ctx;
} q53_parse_opts_t;

/*
 * Parses the master file at path and calls rr for each record. Returns the number of errors (0: every
 * record was good), or Q53_EIO when path itself cannot be read. Errors and warnings go to opts->diag.
 */
int q53_zone_parse(const char *path, const q53_parse_opts_t *opts, q53_zrr_fn rr, void *ctx);

/* The same over text in memory; name is used in diagnostics and $INCLUDE paths are relative to it. */
int q53_zone_parse_mem(const char *name, const char *text, size_t len, const q53_parse_opts_t *opts,
		       q53_zrr_fn rr, void *ctx);

/* ---- Zone snapshot -------------------------------------------------------------------------------- */

typedef struct q53_zone q53_zone_t;

/*
 * An RRset of a zone: count records of one type at one owner, one TTL. RDATA entries are stored back to
 * back as [2-octet length][RDATA] in data; walk them with q53_rrset_next().
 */
typedef struct q53_rrset {
	uint16_t type;
	uint16_t count;
	uint32_t ttl;
	const uint8_t *data;
} q53_rrset_t;

/* Iterates over RDATA: *pos starts at 0. Returns 1 with *rdata and *len set, 0 at the end. */
int q53_rrset_next(const q53_rrset_t *s, size_t *pos, const uint8_t **rdata, uint16_t *len);

/*
 * What makes records one RRset at a node, and the order of a node's RRsets: the type, and for RRSIG also
 * the type covered (the first two RDATA octets). RFC 4034 3: an RRSIG has the TTL of the RRset it covers,
 * so the RRSIGs of one name are an RRset per type covered, each with its own TTL.
 */
static inline uint32_t q53_rrset_key(uint16_t type, const uint8_t *rdata, size_t rdlen)
{
	uint32_t k = (uint32_t)type << 16;
	if (type == Q53_TYPE_RRSIG && rdlen >= 2)
		k |= q53_get16(rdata);
	return k;
}

/* The same for an RRset of a snapshot, from its first record. */
static inline uint32_t q53_rrset_set_key(const q53_rrset_t *s)
{
	return q53_rrset_key(s->type, s->data + 2, q53_get16(s->data));
}

/* Builds a zone from records (any order), runs the zone checks, freezes the result. */
typedef struct q53_zone_builder q53_zone_builder_t;

/* apex: the zone's origin. Returns NULL when out of memory. */
q53_zone_builder_t *q53_zone_builder_new(const uint8_t *apex);

/* Adds one record (class IN). Out-of-zone owners are rejected here: returns Q53_EINVAL and reports it. */
int q53_zone_builder_add(q53_zone_builder_t *b, const q53_zrr_t *rr, q53_diag_fn diag, void *ctx);

/*
 * Runs the checks (one SOA at the apex, NS at the apex, CNAME and other data, CNAME at the apex, missing
 * glue, MX/NS targets that are CNAMEs, TTLs within an RRset, duplicates) reporting to diag, and on success
 * stores the zone in *out. Returns the number of errors (0: *out is set), or Q53_ENOMEM. Frees b either way.
 */
int q53_zone_builder_finish(q53_zone_builder_t *b, q53_diag_fn diag, void *ctx, q53_zone_t **out);

/* Parses path with origin as apex and builds the zone: q53_zone_parse + builder. Returns errors as above. */
int q53_zone_load(const char *path, const uint8_t *origin, q53_diag_fn diag, void *ctx, q53_zone_t **out);

void q53_zone_free(q53_zone_t *z);

/*
 * True when every file the zone was loaded from (by q53_zone_load: the file and its $INCLUDEs) is still
 * the same file, with the same size and modification time, so a reload can keep the snapshot. False for
 * a zone built any other way, or when a file cannot be examined.
 */
bool q53_zone_files_unchanged(const q53_zone_t *z);
const uint8_t *q53_zone_apex(const q53_zone_t *z);
uint32_t q53_zone_serial(const q53_zone_t *z);
size_t q53_zone_records(const q53_zone_t *z);
/* Whether the zone is DNSSEC-signed: an RRSIG or a DNSKEY RRset at its apex. */
bool q53_zone_signed(const q53_zone_t *z);
/*
 * How a signed zone's answers to DO queries prove that a name or type does not exist (RFC 4035 3.1.3,
 * RFC 5155 7.2): NSEC3 when its apex has an NSEC3PARAM with flags 0 and hash SHA-1 (the chain is the
 * NSEC3 records with those parameters), else NSEC when the apex has an NSEC, else none (an unsigned zone,
 * or a signed one whose negative answers go without proofs).
 */
typedef enum q53_denial { Q53_DENIAL_NONE = 0, Q53_DENIAL_NSEC = 1, Q53_DENIAL_NSEC3 = 2 } q53_denial;
q53_denial q53_zone_denial(const q53_zone_t *z);
/* Bytes of memory the snapshot holds (arena and index). */
size_t q53_zone_memory(const q53_zone_t *z);

/*
 * Walks every RRset in canonical order (RFC 4034 6.1 by owner, then by type); fn returns < 0 to stop.
 * Used by q53-zonecheck -p and zone transfers.
 */
typedef int (*q53_rrset_fn)(const uint8_t *owner, const q53_rrset_t *set, void *ctx);
int q53_zone_walk(const q53_zone_t *z, q53_rrset_fn fn, void *ctx);

/* ---- Lookup (RFC 1034 4.3.2, RFC 4592) ------------------------------------------------------------- */

enum { Q53_ANSWER_MAX = 64, Q53_CNAME_CHAIN_MAX = 8 };

typedef enum q53_lookup_kind {
	Q53_LOOKUP_ANSWER,   /* data for the name and type (possibly after CNAMEs) */
	Q53_LOOKUP_NODATA,   /* the name exists (or is an empty non-terminal) but not the type */
	Q53_LOOKUP_NXDOMAIN, /* the name does not exist */
	Q53_LOOKUP_REFERRAL, /* the name is at or below a zone cut: NS in authority, glue in additional */
} q53_lookup_kind;

/*
 * One RRset to put in the reply: section, the owner to write (the query's name for a wildcard answer),
 * and with Q53_LOOKUP_DNSSEC the RRSIGs covering it (RFC 4035 3.1.1), which go out with it or not at all.
 */
typedef struct q53_answer_item {
	uint8_t section; /* q53_section */
	const uint8_t *owner;
	const q53_rrset_t *set;
	const q53_rrset_t *sig; /* the owner's RRSIG RRset of set->type, or NULL */
} q53_answer_item_t;

/*
 * What the lookup collected, for the server to encode afterwards. Minimal responses are the default: the
 * apex NS RRset (and its addresses) is collected for positive answers only with Q53_LOOKUP_NO_MINIMAL.
 */
typedef struct q53_answer {
	q53_lookup_kind kind;
	unsigned n;
	q53_answer_item_t item[Q53_ANSWER_MAX];
	/* Owners synthesized from wildcards point here. */
	uint8_t synth[Q53_CNAME_CHAIN_MAX + 1][Q53_NAME_MAX];
	unsigned nsynth;
} q53_answer_t;

/*
 * Looks qname/qtype up in z (qname must be at or below the apex). CNAMEs are followed inside the zone up to
 * Q53_CNAME_CHAIN_MAX links (a loop stops there). For NXDOMAIN and NODATA the SOA is added to the authority
 * section; for a referral the NS RRset and its glue (also glue below other cuts); for MX, NS and SRV answers
 * the A/AAAA of in-zone targets go to the additional section. A DS query at a cut is answered from this
 * (the parent) side (RFC 4035 3.1.4.1). qtype ANY gives every RRset of the node (the server applies
 * RFC 8482). The hashed owner names of a signed zone's NSEC3 chain do not exist (RFC 5155 7.2.8), nor
 * what lies below them. Nothing is allocated. Returns 0, or Q53_EINVAL.
 */
enum {
	Q53_LOOKUP_NO_MINIMAL = 1u << 0, /* also the apex NS in authority (and their addresses) on answers */
	/* The caller found z for qname with q53_zoneset_find() (or as its parent zone), so qname is known to
	 * be at or below the apex: the lookup does not check it again. */
	Q53_LOOKUP_IN_ZONE = 1u << 1,
	/*
	 * The query has the DO bit (RFC 3225): in a signed zone (q53_zone_signed()) each item carries its
	 * RRSIGs, an ANY answer gives them with each RRset rather than as RRsets of their own, and the
	 * authority section gets the NSEC or NSEC3 records (with their RRSIGs) that prove an NXDOMAIN, a
	 * NODATA, a wildcard answer or an unsigned delegation (RFC 4035 3.1.3-3.1.4, RFC 5155 7.2). Nothing
	 * changes for an unsigned zone. The value is that of the DO bit in the EDNS flags (Q53_EDNS_DO), so
	 * the server passes the bit as it is.
	 */
	Q53_LOOKUP_DNSSEC = 0x8000,
};
int q53_zone_lookup(const q53_zone_t *z, const uint8_t *qname, uint16_t qtype, unsigned flags,
		    q53_answer_t *a);
/* The same with qhash = q53_name_hash(qname) already known (a batch's prefetch computed it). */
int q53_zone_lookup_hashed(const q53_zone_t *z, const uint8_t *qname, uint32_t qhash, uint16_t qtype,
			   unsigned flags, q53_answer_t *a);

/* ---- Several zones --------------------------------------------------------------------------------- */

typedef struct q53_zoneset q53_zoneset_t;

/* An immutable set of zones keyed by apex (takes ownership of the zones). NULL when out of memory. */
q53_zoneset_t *q53_zoneset_new(q53_zone_t *const *zones, size_t n);
void q53_zoneset_free(q53_zoneset_t *s);
/*
 * Frees the set but not its zones, which go back to the caller. A server reload builds the next set from
 * new zones and the old snapshots of zones that failed to load, then releases the old set this way.
 */
void q53_zoneset_release(q53_zoneset_t *s);
/* The zone with the longest apex at or above qname, or NULL. */
const q53_zone_t *q53_zoneset_find(const q53_zoneset_t *s, const uint8_t *qname);

/*
 * Prefetching for a batch of queries (one recvmmsg's worth). A lookup in a zone bigger than the cache
 * waits for four memory reads in a row: the index slot, the node, the node's RRsets, their RDATA. Running
 * q53_prefetch_start() for every query of a batch, then q53_prefetch_node() for every one, then
 * q53_prefetch_sets() and q53_prefetch_data() (the RRsets' RDATA), issues those reads for all the queries at
 * once, so the lookups that follow find them in the cache. Only hints: nothing here changes what a lookup
 * answers, and a name outside every zone, or not at the first slot it hashes to, is simply not prefetched.
 */
typedef struct q53_prefetch {
	const q53_zone_t
	    *z; /* NULL: nothing to prefetch (each stage skips the entry, whatever else it holds) */
	uint32_t hash;
	uint32_t node; /* node number + 1 once known, else 0 */
	uint32_t next; /* the node at the slot after the first one (+ 1), else 0 */
} q53_prefetch_t;

void q53_prefetch_start(const q53_zoneset_t *s, const uint8_t *qname, q53_prefetch_t *p);
void q53_prefetch_node(q53_prefetch_t *p);
void q53_prefetch_sets(q53_prefetch_t *p);
void q53_prefetch_data(const q53_prefetch_t *p);

#endif
