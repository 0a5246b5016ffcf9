/*
 * Internals shared by the codec's files: the RDATA descriptor table (codec/rrtype.c) and the name walker
 * the reader and printers use. Not installed; other folders use the public headers only.
 */
#ifndef Q53_CODEC_INT_H
#define Q53_CODEC_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "q53/msg.h"

/* A slow path kept out of line, so that the hot loop calling it keeps its values in registers. */
#if defined(__GNUC__)
#define Q53_NOINLINE __attribute__((noinline))
#else
#define Q53_NOINLINE
#endif

/*
 * Q53_CODEC_SMALL (lib/Makefile.inc sets it for libq53 alone): the text forms of LOC, EUI48, EUI64, CERT,
 * IPSECKEY, APL, WKS, ISDN, NSAP, NID, L64, AMTRELAY, HIP, NXT, A6, DOA and ATMA (the field kinds of their
 * own) are left out, and
 * those types are RFC 3597 data there, for libq53's size goal (issue 6: smaller than
 * libcares.so); q53, q53d and q53-zonecheck, built from the codec's own library, have them.
 */
#ifndef Q53_CODEC_SMALL
#define Q53_CODEC_SMALL 0
#endif

/* RDATA field kinds. How a name field may be compressed follows RFC 3597 section 4. */
typedef enum rdf {
	RDF_END = 0,
	RDF_CNAME, /* name of an RFC 1035 type: compressed on write, decompressed on read */
	RDF_DNAME, /* name that old senders compress (RFC 3597 4 SHOULD list): decompressed on read only */
	RDF_NAME,  /* name never compressed (RFC 3597 4, RFC 4034, RFC 6672 2.5) */
	RDF_U8,
	RDF_U16,
	RDF_U32,
	RDF_A,	       /* 4 octets */
	RDF_AAAA,      /* 16 octets */
	RDF_STR,       /* one <character-string> */
	RDF_STRS,      /* one or more <character-string>s up to the end (TXT) */
	RDF_TAG,       /* CAA tag: a non-empty character-string of letters and digits */
	RDF_TEXT,      /* the rest of RDATA as a quoted string (CAA value) */
	RDF_HEX,       /* the rest as hex, possibly empty */
	RDF_B64,       /* the rest as base64, possibly empty */
	RDF_TYPE,      /* a type, 2 octets, as its mnemonic (RRSIG's type covered) */
	RDF_TIME,      /* 4 octets of seconds since 1970 as YYYYMMDDHHmmSS (RFC 4034 3.2) */
	RDF_SALT,      /* length octet and hex, "-" when empty (NSEC3, NSEC3PARAM: RFC 5155 3.3) */
	RDF_B32,       /* length octet (1..255) and base32hex without padding (NSEC3's next hashed owner) */
	RDF_BITMAP,    /* the rest as type bitmap windows, possibly empty (RFC 4034 4.1.2, RFC 5155 3.2.1) */
	RDF_SVCPARAMS, /* the rest as SVCB SvcParams (key, length, value), possibly none (RFC 9460 2.2) */
	RDF_EUI48,     /* 6 octets as hex pairs between hyphens (RFC 7043 3.2) */
	RDF_EUI64,     /* 8 octets, the same (RFC 7043 4.2) */
	RDF_LOC,       /* all of a LOC's RDATA (RFC 1876 2-3): 16 octets of version 0, else opaque */
	RDF_CERTTYPE,  /* 2 octets: a CERT type by mnemonic or number (RFC 4398 2.1-2.2) */
	RDF_ALG,       /* 1 octet: a DNSSEC algorithm by mnemonic or number (CERT, RFC 4398 2.2) */
	RDF_IPSECGW,   /* IPSECKEY's gateway type, algorithm and gateway (RFC 4025 2.3-2.5) */
	RDF_APL,       /* the rest as APL items (RFC 3123 4), possibly none */
	RDF_STR1,      /* the rest: nothing or one <character-string> (ISDN's subaddress, RFC 1183 3.2) */
	RDF_ILNP64,    /* 8 octets as four 16-bit groups in hex between colons (NID, L64: RFC 6742 2.1.2) */
	RDF_NSAP,      /* the rest, at least one octet, as "0x" and hex (RFC 1706 5) */
	RDF_WKS,       /* the rest: an IPv4 address, a protocol and a port bitmap (RFC 1035 3.4.2) */
	RDF_AMTRELAY,  /* AMTRELAY's D bit, relay type and relay (RFC 8777 4.2) */
	RDF_HIP,       /* all of a HIP: HIT and key lengths, algorithm, HIT, key, servers (RFC 8005 5) */
	RDF_NXTMAP,    /* the rest as NXT's type bitmap of types 1-127, bit 0 clear (RFC 2535 5.2) */
	RDF_A6,	       /* all of an A6: prefix length, address suffix, prefix name (RFC 2874 3.1) */
	RDF_B64DASH,   /* the rest as base64, "-" when empty (DOA's data) */
	RDF_ATMA,      /* all of an ATMA: format and address, AESA in hex or E.164 digits (ATM Forum) */
} rdf;

enum { RDF_MAX = 10 };

/* A type's mnemonic and layout. No pointers: the table is read-only data without relocations, 22 octets
 * a row (libq53's size goal, issue 6). */
typedef struct rrtype {
	char name[11]; /* the mnemonic, "" for none; the longest are NSEC3PARAM and OPENPGPKEY */
	uint8_t text;  /* 1: has a typed presentation form; 0: layout checked, printed as RFC 3597 */
	uint8_t f[RDF_MAX];
} rrtype;

/* Types 0 to 65 (SVCB, HTTPS) are rows of q53__types, indexed by type; the few known types above them
 * (SPF, TSIG, ANY, CAA...) are in q53__types_high with their numbers. A table indexed up to CAA (257) was
 * 8 KB, mostly empty rows. */
enum { Q53__TYPES = 66 };
extern const rrtype q53__types[Q53__TYPES];
typedef struct rrtype_high {
	uint16_t type;
	rrtype d;
} rrtype_high;
extern const rrtype_high q53__types_high[];
extern const size_t q53__ntypes_high;

/* The row of type, with a mnemonic or not, or NULL for a type the table does not know. */
const rrtype *q53__type_row(uint16_t type);

/* The descriptor of type, or NULL for a type without layout (opaque RDATA). Inline: every record asks, and
 * the common types are all in the first rows. */
static inline const rrtype *q53__rrtype(uint16_t type)
{
	if (type < Q53__TYPES)
		return q53__types[type].text ? &q53__types[type] : NULL;
	const rrtype *d = q53__type_row(type);
	return d != NULL && d->text ? d : NULL;
}

/* True for the kinds that take every remaining token of the text and print nothing when empty (the
 * table puts them last). */
/*
 * The i-th string of a table of NUL-terminated strings laid end to end (one array, no pointers to relocate:
 * libq53's size goal, issue 6). i must be within the table.
 */
static inline const char *q53__nth_str(const char *table, unsigned i)
{
	while (i-- > 0)
		table += strlen(table) + 1;
	return table;
}

static inline int rdf_takes_rest(unsigned k)
{
	return k == RDF_HEX || k == RDF_B64 || k == RDF_BITMAP || k == RDF_SVCPARAMS || k == RDF_LOC ||
	       k == RDF_APL || k == RDF_STR1 || k == RDF_NSAP || k == RDF_WKS || k == RDF_HIP ||
	       k == RDF_NXTMAP || k == RDF_A6 || k == RDF_B64DASH || k == RDF_ATMA;
}

/* True when a field kind is a domain name. */
static inline int rdf_is_name(unsigned k)
{
	return k == RDF_CNAME || k == RDF_DNAME || k == RDF_NAME;
}

/*
 * Walks a name at off in a validated message and copies it uncompressed into out. Trusts the reader's
 * checks. Returns the uncompressed length.
 */
size_t q53__name_unpack(const uint8_t *msg, size_t off, uint8_t *out);
/*
 * The RDATA of rr as dig shows it in a record line (rdata.c), for print.c: q53_rdata_to_text() and what only
 * a record line has, TSIG in dig's form and, when multiline is true, Q53_STYLE_MULTILINE's layout. Returns
 * its length (snprintf contract) or a name hook's error.
 */
struct q53_style;
int q53__rdata_line(const q53_rr_t *rr, const struct q53_style *st, bool multiline, char *buf, size_t size);

/* A TTL as dig writes it (rdata.c): "1d2h3m4s" (+ttlunits), or "1 day 2 hours" when verbose. snprintf
 * contract. */
int q53__ttl_to_text(uint32_t ttl, bool verbose, char *buf, size_t size);

/* Offset just past the (possibly compressed) name at off in a validated message. */
size_t q53__name_skip(const uint8_t *msg, size_t off);

/*
 * Length of the non-name field of kind k at p with avail octets left, or -1 when it does not fit (or an
 * RDF_STRS/RDF_TAG is empty). Fields that take the rest of RDATA return avail.
 */
long q53__rdf_len(unsigned k, const uint8_t *p, size_t avail);

/* Lower-case table for ASCII; other octets map to themselves. */
extern const uint8_t q53__lower[256];

#endif
