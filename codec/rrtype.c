/*
 * The one descriptor table of RDATA layouts, indexed by type, and the mnemonics of types, classes, rcodes
 * and opcodes (IANA DNS parameters). The reader checks RDATA against it, the writer compresses the names it
 * marks compressible (RFC 3597 section 4), the printer and the text parser walk its fields.
 *
 * Adding a type with a typed text form is one row here, provided its fields are among the kinds in
 * codec_int.h.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "q53/name.h"
#include "q53/rdata.h"
#include "codec_int.h"

#define ROW(t, n, ...) [t] = {n, 1, {__VA_ARGS__}}
#define NAMEONLY(t, n) [t] = {n, 0, {0}}
#define HIGH(t, n, ...)                     \
	{                                   \
		(t),                        \
		{                           \
			n, 1,               \
			{                   \
				__VA_ARGS__ \
			}                   \
		}                           \
	}
#define HIGH_NAMEONLY(t, n)       \
	{                         \
		(t),              \
		{                 \
			n, 0,     \
			{         \
				0 \
			}         \
		}                 \
	}

/*
 * The rows whose field kinds libq53 leaves out (Q53_CODEC_SMALL, codec_int.h): typed in the tools and the
 * server, known by mnemonic only in libq53.
 */
#if Q53_CODEC_SMALL
#define TOOLS_ROW(t, n, ...)  NAMEONLY(t, n)
#define TOOLS_HIGH(t, n, ...) HIGH_NAMEONLY(t, n)
#else
#define TOOLS_ROW(t, n, ...)  ROW(t, n, __VA_ARGS__)
#define TOOLS_HIGH(t, n, ...) HIGH(t, n, __VA_ARGS__)
#endif

/* Types with a layout (text = 1) and those known only by mnemonic (text = 0, opaque RDATA). */
const rrtype q53__types[Q53__TYPES] = {
    ROW(Q53_TYPE_A, "A", RDF_A),
    ROW(Q53_TYPE_NS, "NS", RDF_CNAME),
    ROW(Q53_TYPE_MD, "MD", RDF_CNAME),
    ROW(Q53_TYPE_MF, "MF", RDF_CNAME),
    ROW(Q53_TYPE_CNAME, "CNAME", RDF_CNAME),
    ROW(Q53_TYPE_SOA, "SOA", RDF_CNAME, RDF_CNAME, RDF_U32, RDF_U32, RDF_U32, RDF_U32, RDF_U32),
    ROW(Q53_TYPE_MB, "MB", RDF_CNAME),
    ROW(Q53_TYPE_MG, "MG", RDF_CNAME),
    ROW(Q53_TYPE_MR, "MR", RDF_CNAME),
    NAMEONLY(Q53_TYPE_NULL, "NULL"),
    TOOLS_ROW(Q53_TYPE_WKS, "WKS", RDF_WKS),
    ROW(Q53_TYPE_PTR, "PTR", RDF_CNAME),
    ROW(Q53_TYPE_HINFO, "HINFO", RDF_STR, RDF_STR),
    ROW(Q53_TYPE_MINFO, "MINFO", RDF_CNAME, RDF_CNAME),
    ROW(Q53_TYPE_MX, "MX", RDF_U16, RDF_CNAME),
    ROW(Q53_TYPE_TXT, "TXT", RDF_STRS),
    ROW(Q53_TYPE_RP, "RP", RDF_DNAME, RDF_DNAME),
    ROW(Q53_TYPE_AFSDB, "AFSDB", RDF_U16, RDF_DNAME),
    /* RFC 1183 3.1-3.2: X25's PSDN address; ISDN's address and optional subaddress. */
    ROW(19, "X25", RDF_STR),
    TOOLS_ROW(20, "ISDN", RDF_STR, RDF_STR1),
    ROW(Q53_TYPE_RT, "RT", RDF_U16, RDF_DNAME),
    TOOLS_ROW(22, "NSAP", RDF_NSAP),
    /* RFC 1706 6: a name, not on RFC 3597 4's list of names to decompress. */
    ROW(23, "NSAP-PTR", RDF_NAME),
    /* SIG (RFC 2535 4.1, still the form of SIG(0), RFC 2931): RRSIG's layout, the signer's name on the RFC
     * 3597 decompress list. KEY (RFC 2535 3.1, RFC 3445): DNSKEY's. */
    ROW(Q53_TYPE_SIG, "SIG", RDF_TYPE, RDF_U8, RDF_U8, RDF_U32, RDF_TIME, RDF_TIME, RDF_U16, RDF_DNAME,
	RDF_B64),
    ROW(25, "KEY", RDF_U16, RDF_U8, RDF_U8, RDF_B64),
    ROW(Q53_TYPE_PX, "PX", RDF_U16, RDF_DNAME, RDF_DNAME),
    /* RFC 1712 3: longitude, latitude and altitude as strings of decimals (not checked, as in BIND). */
    ROW(27, "GPOS", RDF_STR, RDF_STR, RDF_STR),
    ROW(Q53_TYPE_AAAA, "AAAA", RDF_AAAA),
    TOOLS_ROW(29, "LOC", RDF_LOC),
    /* NXT (RFC 2535 5.2, obsolete since RFC 3755): the next name and a bitmap of types 1-127. */
    TOOLS_ROW(Q53_TYPE_NXT, "NXT", RDF_DNAME, RDF_NXTMAP),
    /* Nimrod's EID and NIMLOC (draft-ietf-nimrod-dns): hex, as BIND writes them. */
    ROW(31, "EID", RDF_HEX),
    ROW(32, "NIMLOC", RDF_HEX),
    ROW(Q53_TYPE_SRV, "SRV", RDF_U16, RDF_U16, RDF_U16, RDF_DNAME),
    ROW(Q53_TYPE_NAPTR, "NAPTR", RDF_U16, RDF_U16, RDF_STR, RDF_STR, RDF_STR, RDF_DNAME),
    ROW(Q53_TYPE_KX, "KX", RDF_U16, RDF_NAME),
    /* ATMA (ATM Forum af-dans-0152.000): a format and an ATM address. */
    TOOLS_ROW(34, "ATMA", RDF_ATMA),
    TOOLS_ROW(37, "CERT", RDF_CERTTYPE, RDF_U16, RDF_ALG, RDF_B64),
    /* A6 (RFC 2874 3.1, historic since RFC 6563). */
    TOOLS_ROW(38, "A6", RDF_A6),
    ROW(Q53_TYPE_DNAME, "DNAME", RDF_NAME),
    /* SINK (draft-eastlake-kitchen-sink): meaning, coding, subcoding and data, as BIND has it. */
    ROW(40, "SINK", RDF_U8, RDF_U8, RDF_U8, RDF_B64),
    /* OPT is checked by the reader itself (RFC 6891 6.1). */
    NAMEONLY(Q53_TYPE_OPT, "OPT"),
    TOOLS_ROW(42, "APL", RDF_APL),
    ROW(Q53_TYPE_DS, "DS", RDF_U16, RDF_U8, RDF_U8, RDF_HEX),
    ROW(44, "SSHFP", RDF_U8, RDF_U8, RDF_HEX),
    /* RFC 4025 2: precedence, then gateway type, algorithm and gateway as one field (the gateway's
     * form follows its type), then the public key. */
    TOOLS_ROW(45, "IPSECKEY", RDF_U8, RDF_IPSECGW, RDF_B64),
    ROW(Q53_TYPE_RRSIG, "RRSIG", RDF_TYPE, RDF_U8, RDF_U8, RDF_U32, RDF_TIME, RDF_TIME, RDF_U16, RDF_NAME,
	RDF_B64),
    ROW(Q53_TYPE_NSEC, "NSEC", RDF_NAME, RDF_BITMAP),
    ROW(Q53_TYPE_DNSKEY, "DNSKEY", RDF_U16, RDF_U8, RDF_U8, RDF_B64),
    /* RFC 4701 3.3: the whole RDATA in base64. */
    ROW(49, "DHCID", RDF_B64),
    ROW(Q53_TYPE_NSEC3, "NSEC3", RDF_U8, RDF_U8, RDF_U16, RDF_SALT, RDF_B32, RDF_BITMAP),
    ROW(51, "NSEC3PARAM", RDF_U8, RDF_U8, RDF_U16, RDF_SALT),
    ROW(52, "TLSA", RDF_U8, RDF_U8, RDF_U8, RDF_HEX),
    ROW(53, "SMIMEA", RDF_U8, RDF_U8, RDF_U8, RDF_HEX),
    TOOLS_ROW(55, "HIP", RDF_HIP),
    /* NINFO, RKEY and TALINK (IANA, from expired drafts), as BIND reads and writes them. */
    ROW(56, "NINFO", RDF_STRS),
    ROW(57, "RKEY", RDF_U16, RDF_U8, RDF_U8, RDF_B64),
    ROW(58, "TALINK", RDF_NAME, RDF_NAME),
    ROW(59, "CDS", RDF_U16, RDF_U8, RDF_U8, RDF_HEX),
    ROW(60, "CDNSKEY", RDF_U16, RDF_U8, RDF_U8, RDF_B64),
    ROW(61, "OPENPGPKEY", RDF_B64),
    ROW(62, "CSYNC", RDF_U32, RDF_U16, RDF_BITMAP),
    ROW(63, "ZONEMD", RDF_U32, RDF_U8, RDF_U8, RDF_HEX),
    /* RFC 9460 2.2: the TargetName is never compressed. */
    ROW(Q53_TYPE_SVCB, "SVCB", RDF_U16, RDF_NAME, RDF_SVCPARAMS),
    ROW(Q53_TYPE_HTTPS, "HTTPS", RDF_U16, RDF_NAME, RDF_SVCPARAMS),
};

/* The known types above 65, in order. */
const rrtype_high q53__types_high[] = {
    HIGH(99, "SPF", RDF_STRS),
/* ILNP (RFC 6742 2): a preference, then a node identifier, an IPv4 or a 64-bit locator, or a name. */
#if !Q53_CODEC_SMALL
    HIGH(104, "NID", RDF_U16, RDF_ILNP64),
#endif
    HIGH(105, "L32", RDF_U16, RDF_A),
#if !Q53_CODEC_SMALL
    HIGH(106, "L64", RDF_U16, RDF_ILNP64),
#endif
    HIGH(107, "LP", RDF_U16, RDF_NAME),
    TOOLS_HIGH(108, "EUI48", RDF_EUI48),
    TOOLS_HIGH(109, "EUI64", RDF_EUI64),
    HIGH_NAMEONLY(Q53_TYPE_TKEY, "TKEY"),
    HIGH_NAMEONLY(Q53_TYPE_TSIG, "TSIG"),
    HIGH_NAMEONLY(Q53_TYPE_IXFR, "IXFR"),
    HIGH_NAMEONLY(Q53_TYPE_AXFR, "AXFR"),
    HIGH_NAMEONLY(253, "MAILB"),
    HIGH_NAMEONLY(254, "MAILA"),
    HIGH_NAMEONLY(Q53_TYPE_ANY, "ANY"),
    /* RFC 7553 4.5: priority, weight and the target as a quoted string (the rest of RDATA). */
    HIGH(256, "URI", RDF_U16, RDF_U16, RDF_TEXT),
    HIGH(Q53_TYPE_CAA, "CAA", RDF_U8, RDF_TAG, RDF_TEXT),
    /* AVC (IANA), RESINFO (RFC 9606 4) and WALLET (IANA): character-strings, as TXT. */
    HIGH(258, "AVC", RDF_STRS),
#if !Q53_CODEC_SMALL
    /* DOA (draft-durand-doa-over-dns): enterprise, type, location, media type, data ("-" for none). */
    HIGH(259, "DOA", RDF_U32, RDF_U32, RDF_U8, RDF_STR, RDF_B64DASH),
    /* RFC 8777 4.2: precedence, then the D bit, relay type and relay. */
    HIGH(260, "AMTRELAY", RDF_U8, RDF_AMTRELAY),
#endif
    HIGH(261, "RESINFO", RDF_STRS),
    HIGH(262, "WALLET", RDF_STRS),
#if !Q53_CODEC_SMALL
    /* TA (DNSSEC Trust Authorities) and DLV (RFC 4431, historic since RFC 8749): DS's layout. */
    HIGH(32768, "TA", RDF_U16, RDF_U8, RDF_U8, RDF_HEX),
    HIGH(32769, "DLV", RDF_U16, RDF_U8, RDF_U8, RDF_HEX),
#endif
};
const size_t q53__ntypes_high = sizeof q53__types_high / sizeof q53__types_high[0];

const rrtype *q53__type_row(uint16_t type)
{
	if (type < Q53__TYPES)
		return &q53__types[type];
	for (size_t i = 0; i < q53__ntypes_high && q53__types_high[i].type <= type; i++)
		if (q53__types_high[i].type == type)
			return &q53__types_high[i].d;
	return NULL;
}

bool q53_type_known(uint16_t type)
{
	return q53__rrtype(type) != NULL;
}

/* Writes a mnemonic or PREFIXnnn with the snprintf contract. */
static int mnemonic(const char *name, const char *prefix, unsigned v, char *buf, size_t size)
{
	int n = name ? snprintf(buf, size, "%s", name) : snprintf(buf, size, "%s%u", prefix, v);
	return n;
}

int q53_type_to_text(uint16_t type, char *buf, size_t size)
{
	const rrtype *d = q53__type_row(type);
	return mnemonic(d != NULL && d->name[0] != '\0' ? d->name : NULL, "TYPE", type, buf, size);
}

/* Parses "PREFIXnnn" (RFC 3597 5) into 0..65535, or returns -1. */
static int generic(const char *text, size_t len, const char *prefix)
{
	size_t pl = strlen(prefix);
	if (len <= pl || len > pl + 5 || strncasecmp(text, prefix, pl) != 0)
		return -1;
	unsigned v = 0;
	for (size_t i = pl; i < len; i++) {
		if (text[i] < '0' || text[i] > '9')
			return -1;
		v = v * 10 + (unsigned)(text[i] - '0');
	}
	return v <= 65535 ? (int)v : -1;
}

int q53_type_from_text(const char *text, size_t len)
{
	/* The common types first: zone files and command lines name these most. */
	static const uint16_t first[] = {Q53_TYPE_A,   Q53_TYPE_AAAA, Q53_TYPE_NS,  Q53_TYPE_CNAME,
					 Q53_TYPE_MX,  Q53_TYPE_TXT,  Q53_TYPE_PTR, Q53_TYPE_SOA,
					 Q53_TYPE_SRV, Q53_TYPE_CAA};
	if (len == 0 || len > 16)
		return Q53_ETYPE;
	for (size_t i = 0; i < sizeof first / sizeof first[0]; i++) {
		const char *n = q53__type_row(first[i])->name;
		if (strlen(n) == len && strncasecmp(n, text, len) == 0)
			return first[i];
	}
	for (unsigned t = 1; t < Q53__TYPES; t++) {
		const char *n = q53__types[t].name;
		if (strlen(n) == len && strncasecmp(n, text, len) == 0)
			return (int)t;
	}
	for (size_t i = 0; i < q53__ntypes_high; i++) {
		const char *n = q53__types_high[i].d.name;
		if (strlen(n) == len && strncasecmp(n, text, len) == 0)
			return q53__types_high[i].type;
	}
	int v = generic(text, len, "TYPE");
	return v >= 0 ? v : Q53_ETYPE;
}

static const char *class_name(uint16_t c)
{
	switch (c) {
	case Q53_CLASS_IN:
		return "IN";
	case Q53_CLASS_CH:
		return "CH";
	case Q53_CLASS_HS:
		return "HS";
	case Q53_CLASS_NONE:
		return "NONE";
	case Q53_CLASS_ANY:
		return "ANY";
	default:
		return NULL;
	}
}

int q53_class_to_text(uint16_t rclass, char *buf, size_t size)
{
	return mnemonic(class_name(rclass), "CLASS", rclass, buf, size);
}

int q53_class_from_text(const char *text, size_t len)
{
	static const uint16_t known[] = {Q53_CLASS_IN, Q53_CLASS_CH, Q53_CLASS_HS, Q53_CLASS_NONE,
					 Q53_CLASS_ANY};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		const char *n = class_name(known[i]);
		if (strlen(n) == len && strncasecmp(n, text, len) == 0)
			return known[i];
	}
	if (len == 5 && strncasecmp(text, "CHAOS", 5) == 0)
		return Q53_CLASS_CH;
	if (len == 6 && strncasecmp(text, "HESIOD", 6) == 0)
		return Q53_CLASS_HS;
	int v = generic(text, len, "CLASS");
	return v >= 0 ? v : Q53_ECLASS;
}

const char *q53_rcode_name(unsigned rcode)
{
	static const char *const names[] = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN",
					    "NOTIMP",  "REFUSED", "YXDOMAIN", "YXRRSET",
					    "NXRRSET", "NOTAUTH", "NOTZONE",  "DSOTYPENI"};
	if (rcode < sizeof names / sizeof names[0])
		return names[rcode];
	switch (rcode) {
	case 16:
		return "BADVERS";
	case 17:
		return "BADKEY";
	case 18:
		return "BADTIME";
	case 19:
		return "BADMODE";
	case 20:
		return "BADNAME";
	case 21:
		return "BADALG";
	case 22:
		return "BADTRUNC";
	case 23:
		return "BADCOOKIE";
	default:
		return NULL;
	}
}

const char *q53_opcode_name(unsigned opcode)
{
	switch (opcode) {
	case Q53_OPCODE_QUERY:
		return "QUERY";
	case Q53_OPCODE_IQUERY:
		return "IQUERY";
	case Q53_OPCODE_STATUS:
		return "STATUS";
	case Q53_OPCODE_NOTIFY:
		return "NOTIFY";
	case Q53_OPCODE_UPDATE:
		return "UPDATE";
	default:
		return NULL;
	}
}

const char *q53_section_name(q53_section sec)
{
	switch (sec) {
	case Q53_SEC_QUESTION:
		return "QUESTION";
	case Q53_SEC_ANSWER:
		return "ANSWER";
	case Q53_SEC_AUTHORITY:
		return "AUTHORITY";
	case Q53_SEC_ADDITIONAL:
		return "ADDITIONAL";
	}
	return "?";
}

#if !Q53_CODEC_SMALL
/*
 * The length of a gateway or relay of type 0 to 3 at p (RFC 4025 2.5, RFC 8777 4.2.4): none, an IPv4 or
 * IPv6 address, or an uncompressed name; -1 when it does not fit in avail.
 */
static long gateway_len(unsigned type, const uint8_t *p, size_t avail)
{
	static const uint8_t len[3] = {0, 4, 16};
	if (type < 3)
		return len[type] <= avail ? len[type] : -1;
	int nl = q53_name_check(p, avail);
	return nl > 0 ? nl : -1;
}
#endif

long q53__rdf_len(unsigned k, const uint8_t *p, size_t avail)
{
	size_t n = 0;
	switch ((rdf)k) {
	case RDF_U8:
		n = 1;
		break;
	case RDF_U16:
	case RDF_TYPE:
		n = 2;
		break;
	case RDF_U32:
	case RDF_TIME:
	case RDF_A:
		n = 4;
		break;
	case RDF_B32:
		if (avail == 0 || p[0] == 0)
			return -1;
		n = 1u + p[0];
		break;
	case RDF_BITMAP:
		/* Windows of a number, a length 1..32 and that many octets, filling the rest. The order of
		 * the windows and trailing zero octets are left to the printer (bitmap_ok() in rdata.c). */
		while (n < avail) {
			if (avail - n < 2 || p[n + 1] == 0 || p[n + 1] > 32 || avail - n - 2 < p[n + 1])
				return -1;
			n += 2u + p[n + 1];
		}
		break;
	case RDF_SVCPARAMS:
		/* RFC 9460 2.2: SvcParams of a key, a value length and that many octets, filling the rest.
		 * Key order and the values themselves are left to the printer (svc_ok() in rdata.c). */
		while (n < avail) {
			if (avail - n < 4 || avail - n - 4 < q53_get16(p + n + 2))
				return -1;
			n += 4u + q53_get16(p + n + 2);
		}
		break;
	case RDF_AAAA:
		n = 16;
		break;
#if !Q53_CODEC_SMALL
	case RDF_EUI48:
		n = 6;
		break;
	case RDF_EUI64:
		n = 8;
		break;
	case RDF_CERTTYPE:
		n = 2;
		break;
	case RDF_ALG:
		n = 1;
		break;
	case RDF_IPSECGW: {
		/* RFC 4025 2.3-2.5: the gateway type, the algorithm, the gateway; other types are not
		 * defined, so nothing frames them. */
		long g = avail < 2 || p[0] > 3 ? -1 : gateway_len(p[0], p + 2, avail - 2);
		if (g < 0)
			return -1;
		n = 2u + (size_t)g;
		break;
	}
	case RDF_APL:
		/* RFC 3123 4: items of an AFI, a prefix, a length (high bit: negation) and that many octets.
		 */
		while (n < avail) {
			if (avail - n < 4 || avail - n - 4 < (p[n + 3] & 0x7Fu))
				return -1;
			n += 4u + (p[n + 3] & 0x7Fu);
		}
		break;
	case RDF_LOC:
		/* RFC 1876 2: version 0 is 16 octets; another version is not ours to read ("make no
		 * assumptions"), so its RDATA is taken whole. */
		if (avail == 0)
			return -1;
		n = p[0] == 0 ? 16 : avail;
		break;
	case RDF_STR1:
		/* Nothing, or one character-string filling the rest. */
		if (avail > 0 && 1u + p[0] != avail)
			return -1;
		n = avail;
		break;
	case RDF_ILNP64:
		n = 8;
		break;
	case RDF_NSAP:
		if (avail == 0)
			return -1;
		n = avail;
		break;
	case RDF_WKS:
		/* RFC 1035 3.4.2: address, protocol, then a bitmap of any length, possibly none. */
		if (avail < 5)
			return -1;
		n = avail;
		break;
	case RDF_HIP: {
		/* RFC 8005 5: a HIT and a key of their lengths (neither empty), then rendezvous servers,
		 * uncompressed names, up to the end. */
		if (avail < 4 || p[0] == 0 || q53_get16(p + 2) == 0)
			return -1;
		size_t at = 4u + p[0] + q53_get16(p + 2);
		while (at < avail) {
			int nl = q53_name_check(p + at, avail - at);
			if (nl <= 0)
				return -1;
			at += (size_t)nl;
		}
		if (at > avail)
			return -1;
		n = avail;
		break;
	}
	case RDF_NXTMAP:
		/* RFC 2535 5.2: at most 16 octets (types up to 127); bit 0 set means another format. */
		if (avail > 16 || (avail > 0 && (p[0] & 0x80)))
			return -1;
		n = avail;
		break;
	case RDF_A6: {
		/* RFC 2874 3.1: a prefix length up to 128, the address suffix in the octets it needs, and
		 * the prefix name unless the length is 0. */
		if (avail < 1 || p[0] > 128)
			return -1;
		size_t at = 1u + (128u - p[0] + 7u) / 8u;
		if (at > avail)
			return -1;
		if (p[0] > 0) {
			int nl = q53_name_check(p + at, avail - at);
			if (nl <= 0)
				return -1;
			at += (size_t)nl;
		}
		n = at;
		break;
	}
	case RDF_B64DASH:
		n = avail;
		break;
	case RDF_ATMA:
		/* A format octet and an address of at least one octet. */
		if (avail < 2)
			return -1;
		n = avail;
		break;
	case RDF_AMTRELAY: {
		/* RFC 8777 4.2.3-4.2.4: the D bit (the high bit) and the relay type, then the relay. */
		long g = avail < 1 || (p[0] & 0x7F) > 3 ? -1 : gateway_len(p[0] & 0x7Fu, p + 1, avail - 1);
		if (g < 0)
			return -1;
		n = 1u + (size_t)g;
		break;
	}
#else
	case RDF_EUI48:
	case RDF_EUI64:
	case RDF_LOC:
	case RDF_CERTTYPE:
	case RDF_ALG:
	case RDF_IPSECGW:
	case RDF_APL:
	case RDF_STR1:
	case RDF_ILNP64:
	case RDF_NSAP:
	case RDF_WKS:
	case RDF_AMTRELAY:
	case RDF_HIP:
	case RDF_NXTMAP:
	case RDF_A6:
	case RDF_B64DASH:
	case RDF_ATMA:
		return -1; /* no row has them in libq53 */
#endif
	case RDF_TAG:
		/* RFC 8659 4.1: a tag is one or more letters and digits. */
		if (avail == 0 || p[0] == 0 || 1u + p[0] > avail)
			return -1;
		for (unsigned i = 1; i <= p[0]; i++) {
			unsigned c = p[i] | 0x20u;
			if (!((c >= 'a' && c <= 'z') || (p[i] >= '0' && p[i] <= '9')))
				return -1;
		}
		n = 1u + p[0];
		break;
	case RDF_STR:
	case RDF_SALT: /* a length octet and that many octets, as a character-string */
		if (avail == 0)
			return -1;
		n = 1u + p[0];
		break;
	case RDF_STRS:
		/* One or more character-strings filling the rest (RFC 1035 3.3.14). */
		if (avail == 0)
			return -1;
		while (n < avail)
			n += 1u + p[n];
		break;
	case RDF_TEXT:
	case RDF_HEX:
	case RDF_B64:
		return (long)avail;
	case RDF_END:
	case RDF_CNAME:
	case RDF_DNAME:
	case RDF_NAME:
		return -1;
	}
	return n <= avail ? (long)n : -1;
}

bool q53_rdata_field_is_name(uint16_t type, unsigned index)
{
	const rrtype *d = q53__rrtype(type);
	return d != NULL && index < RDF_MAX && rdf_is_name(d->f[index]);
}
