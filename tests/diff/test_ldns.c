/*
 * Differential tests of the codec against ldns, the test oracle (ARCHITECTURE.md): random records of every
 * type q53 has a layout for, with random names (any octet, escapes in text), numbers and strings, go through
 * ldns one way and q53 the other, and both must agree on every field.
 *
 * ldns -> q53: records built by ldns from presentation text (ldns_rr_new_frm_str), packed by ldns_pkt2wire
 * with its name compression (RFC 1035 4.1.4), read by q53_reader: owner, type, class, TTL and uncompressed
 * RDATA must equal both what the generator meant and ldns's own wire form of the record; q53_rr_to_text()
 * must say what ldns_rr2str() says, field by field (the presentation-only differences are listed and
 * normalized at assert_same_text()).
 * q53 -> ldns: messages built by q53_writer (with compression) are parsed by ldns_wire2pkt, and ldns's
 * uncompressed wire form of each record must equal what was written. EDNS (RFC 6891) both ways.
 * The generator has its own table of RDATA layouts, written from the RFCs and not from codec/rrtype.c, and
 * a fixed seed: a failure reproduces exactly.
 */
#include "config.h"

#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <ldns/ldns.h>

#include "q53/msg.h"
#include "q53/name.h"
#include "q53/print.h"
#include "q53/rdata.h"

enum { MESSAGES = 400 };

/* xorshift64*: deterministic, good enough to spread test values. */
typedef struct rng {
	uint64_t s;
} rng_t;

static uint64_t rnd(rng_t *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 2685821657736338717ull;
}

static unsigned below(rng_t *r, unsigned n)
{
	return (unsigned)(rnd(r) % n);
}

/* Field kinds of the RDATA layouts below; a name is compressible when RFC 3597 4 lets it be. */
enum kind {
	K_END,
	K_CNAME,
	K_NAME,
	K_U8,
	K_U16,
	K_U32,
	K_A,
	K_AAAA,
	K_STR,
	K_STRS,
	K_TAG,
	K_TEXT,
	K_HEX,
	K_B64,
	K_TYPE,	  /* a type covered, by mnemonic */
	K_TIME,	  /* RRSIG times: seconds, written as seconds or YYYYMMDDHHmmSS */
	K_SALT,	  /* NSEC3 salt: length octet, hex or "-" */
	K_B32,	  /* NSEC3 next hashed owner: length octet, base32hex */
	K_BITMAP, /* NSEC type bitmap, the rest */
	K_SVC,	  /* SVCB SvcParams, the rest (RFC 9460 2.2) */
	K_EUI48,  /* RFC 7043: 6 octets, hex pairs between hyphens */
	K_EUI64,  /* 8 octets, the same */
	K_LOC,	  /* RFC 1876: all of a version 0 LOC */
	K_CERT,	  /* RFC 4398: all of a CERT (type, tag and algorithm as numbers) */
	K_IPSEC,  /* RFC 4025: all of an IPSECKEY */
	K_APL,	  /* RFC 3123: all of an APL */
	K_STR1,	  /* RFC 1183 3.2: ISDN's subaddress, a character-string or nothing */
	K_NSAP,	  /* RFC 1706 5: all of an NSAP, "0x" and hex */
	K_WKS,	  /* RFC 1035 3.4.2: all of a WKS (address, protocol, ports) */
	K_ILNP,	  /* RFC 6742 2.1.2: 8 octets as four hex groups between colons */
	K_HIP	  /* RFC 8005 5: all of a HIP */
};

enum { KMAX = 10 };

typedef struct layout {
	uint16_t type;
	const char *mnemonic;
	uint8_t f[KMAX];
} layout_t;

/* RFC 1035 3.3/3.4, RFC 1183, RFC 2163, RFC 3596, RFC 2782, RFC 3403, RFC 2230, RFC 6672, RFC 4034, RFC 4255,
 * RFC 6698, RFC 8162, RFC 7344, RFC 7929, RFC 7208, RFC 8659, RFC 5155, RFC 7477, RFC 8976, RFC 9460,
 * RFC 2535 (SIG, KEY), RFC 4701 (DHCID), RFC 7553 (URI), RFC 1876 (LOC), RFC 7043 (EUI48, EUI64),
 * RFC 4398 (CERT), RFC 4025 (IPSECKEY), RFC 3123 (APL), RFC 1035 (WKS), RFC 1183 (X25, ISDN), RFC 1706
 * (NSAP), RFC 1712 (GPOS), EID, NIMLOC, TALINK, RFC 6742 (NID, L32, L64, LP), RFC 8005 (HIP), RFC 4431
 * (DLV). */
static const layout_t layouts[] = {
    {1, "A", {K_A}},
    {2, "NS", {K_CNAME}},
    {3, "MD", {K_CNAME}},
    {4, "MF", {K_CNAME}},
    {5, "CNAME", {K_CNAME}},
    {6, "SOA", {K_CNAME, K_CNAME, K_U32, K_U32, K_U32, K_U32, K_U32}},
    {7, "MB", {K_CNAME}},
    {8, "MG", {K_CNAME}},
    {9, "MR", {K_CNAME}},
    {11, "WKS", {K_WKS}},
    {12, "PTR", {K_CNAME}},
    {13, "HINFO", {K_STR, K_STR}},
    {14, "MINFO", {K_CNAME, K_CNAME}},
    {15, "MX", {K_U16, K_CNAME}},
    {16, "TXT", {K_STRS}},
    {17, "RP", {K_NAME, K_NAME}},
    {18, "AFSDB", {K_U16, K_NAME}},
    {19, "X25", {K_STR}},
    {20, "ISDN", {K_STR, K_STR1}},
    {21, "RT", {K_U16, K_NAME}},
    {22, "NSAP", {K_NSAP}},
    {27, "GPOS", {K_STR, K_STR, K_STR}},
    {31, "EID", {K_HEX}},
    {32, "NIMLOC", {K_HEX}},
    {55, "HIP", {K_HIP}},
    {58, "TALINK", {K_NAME, K_NAME}},
    {104, "NID", {K_U16, K_ILNP}},
    {105, "L32", {K_U16, K_A}},
    {106, "L64", {K_U16, K_ILNP}},
    {107, "LP", {K_U16, K_NAME}},
    {24, "SIG", {K_TYPE, K_U8, K_U8, K_U32, K_TIME, K_TIME, K_U16, K_NAME, K_B64}},
    {25, "KEY", {K_U16, K_U8, K_U8, K_B64}},
    {26, "PX", {K_U16, K_NAME, K_NAME}},
    {28, "AAAA", {K_AAAA}},
    {29, "LOC", {K_LOC}},
    {37, "CERT", {K_CERT}},
    {42, "APL", {K_APL}},
    {45, "IPSECKEY", {K_IPSEC}},
    {33, "SRV", {K_U16, K_U16, K_U16, K_NAME}},
    {35, "NAPTR", {K_U16, K_U16, K_STR, K_STR, K_STR, K_NAME}},
    {36, "KX", {K_U16, K_NAME}},
    {39, "DNAME", {K_NAME}},
    {43, "DS", {K_U16, K_U8, K_U8, K_HEX}},
    {44, "SSHFP", {K_U8, K_U8, K_HEX}},
    {46, "RRSIG", {K_TYPE, K_U8, K_U8, K_U32, K_TIME, K_TIME, K_U16, K_NAME, K_B64}},
    {47, "NSEC", {K_NAME, K_BITMAP}},
    {48, "DNSKEY", {K_U16, K_U8, K_U8, K_B64}},
    {49, "DHCID", {K_B64}},
    {50, "NSEC3", {K_U8, K_U8, K_U16, K_SALT, K_B32, K_BITMAP}},
    {51, "NSEC3PARAM", {K_U8, K_U8, K_U16, K_SALT}},
    {52, "TLSA", {K_U8, K_U8, K_U8, K_HEX}},
    {53, "SMIMEA", {K_U8, K_U8, K_U8, K_HEX}},
    {59, "CDS", {K_U16, K_U8, K_U8, K_HEX}},
    {60, "CDNSKEY", {K_U16, K_U8, K_U8, K_B64}},
    {61, "OPENPGPKEY", {K_B64}},
    {62, "CSYNC", {K_U32, K_U16, K_BITMAP}},
    {63, "ZONEMD", {K_U32, K_U8, K_U8, K_HEX}},
    {64, "SVCB", {K_U16, K_NAME, K_SVC}},
    {65, "HTTPS", {K_U16, K_NAME, K_SVC}},
    {99, "SPF", {K_STRS}},
    {108, "EUI48", {K_EUI48}},
    {109, "EUI64", {K_EUI64}},
    {256, "URI", {K_U16, K_U16, K_TEXT}},
    {257, "CAA", {K_U8, K_TAG, K_TEXT}},
    {32769, "DLV", {K_U16, K_U8, K_U8, K_HEX}},
};
enum { NLAYOUTS = sizeof layouts / sizeof layouts[0] };

/*
 * Types q53 has a text form for that ldns 1.8.3 does not read (NINFO, RKEY, SINK, AMTRELAY, AVC, RESINFO,
 * WALLET, NXT, A6, DOA, TA, ATMA's E.164 form) or reads otherwise (NSAP-PTR as a character-string, where
 * RFC 1706 6 has a name): BIND is their oracle instead (tests/zones/bind.sh, test_print's dig cases).
 */
static const uint16_t ldns_blind[] = {23, 30, 34, 38, 40, 56, 57, 258, 259, 260, 261, 262, 32768};

/* Types q53 treats as opaque (RFC 3597), written "TYPEnnn \# len hex" for ldns. */
static const uint16_t opaque_types[] = {65280, 65534, 777, 4000};

/* A record as the generator meant it, with its presentation form for ldns. */
typedef struct rec {
	uint8_t section;
	uint8_t owner[Q53_NAME_MAX];
	uint16_t type, rclass;
	uint32_t ttl;
	size_t rdlen;
	uint8_t rdata[4096];
	char text[16384];
	size_t tlen;
	size_t owner_tlen; /* text[0..owner_tlen) is the owner */
	char *ldns_line;   /* ldns_rr2str() of ldns's record (malloc'd by ldns) */
} rec_t;

/* Names of one message share a few zones, so that compression has suffixes to find. */
typedef struct names {
	uint8_t zone[4][Q53_NAME_MAX];
	uint8_t used[16][Q53_NAME_MAX];
	unsigned nused;
} names_t;

static void tprintf(rec_t *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tprintf(rec_t *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(r->text + r->tlen, sizeof r->text - r->tlen, fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < sizeof r->text - r->tlen);
	r->tlen += (size_t)n;
}

static void put(rec_t *r, const void *p, size_t n)
{
	assert_true(r->rdlen + n <= sizeof r->rdata);
	memcpy(r->rdata + r->rdlen, p, n);
	r->rdlen += n;
}

/* A label octet: mostly hostname letters, some upper case, now and then anything. */
static uint8_t label_octet(rng_t *g)
{
	static const char host[] = "abcdefghijklmnopqrstuvwxyz0123456789-_ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	unsigned k = below(g, 20);
	if (k == 0)
		return (uint8_t)below(g, 256);
	if (k == 1)
		return (uint8_t) ".\\\"();@$ *"[below(g, 10)];
	return (uint8_t)host[below(g, k < 16 ? 38 : (unsigned)sizeof host - 1)];
}

/* Appends random labels to name (wire form, NUL root at the end) without passing max octets. */
static size_t random_labels(rng_t *g, uint8_t *out, unsigned nlabels, size_t max)
{
	size_t n = 0;
	for (unsigned i = 0; i < nlabels; i++) {
		unsigned len = below(g, 8) == 0 ? 1 + below(g, 63) : 1 + below(g, 12);
		if (n + 1 + len > max)
			break;
		out[n++] = (uint8_t)len;
		for (unsigned j = 0; j < len; j++)
			out[n++] = label_octet(g);
	}
	return n;
}

static void new_names(rng_t *g, names_t *nm)
{
	for (unsigned z = 0; z < 4; z++) {
		size_t n = random_labels(g, nm->zone[z], 1 + below(g, 3), 120);
		nm->zone[z][n] = 0;
	}
	nm->nused = 0;
}

/* A random name: reused, the root, or labels below one of the zones; at most 255 octets. */
static void random_name(rng_t *g, names_t *nm, uint8_t *out)
{
	unsigned k = below(g, 10);
	if (k == 0 && nm->nused > 0) {
		memcpy(out, nm->used[below(g, nm->nused)], Q53_NAME_MAX);
		return;
	}
	if (k == 1) {
		out[0] = 0;
		return;
	}
	const uint8_t *zone = nm->zone[below(g, 4)];
	size_t zlen = q53_name_len(zone);
	size_t n = random_labels(g, out, below(g, 4), Q53_NAME_MAX - zlen);
	if (below(g, 30) == 0) /* now and then as long as a name can be */
		n += random_labels(g, out + n, 8, Q53_NAME_MAX - zlen - n);
	memcpy(out + n, zone, zlen);
	/* ldns 1.8 reads an RDATA name whose first label is a lone "@" (even escaped as \064) as the origin;
	 * that label is left out here so the records stay comparable. */
	if (out[0] == 1 && out[1] == '@')
		out[1] = 'a';
	if (nm->nused < 16)
		memcpy(nm->used[nm->nused++], out, Q53_NAME_MAX);
}

/* Presentation form of a wire name for ldns: our own escaping (\DDD or \X), independent of q53's. */
static void name_text(rng_t *g, rec_t *r, const uint8_t *name)
{
	if (name[0] == 0) {
		tprintf(r, ".");
		return;
	}
	for (const uint8_t *p = name; *p != 0; p += 1 + *p) {
		for (unsigned i = 1; i <= *p; i++) {
			unsigned c = p[i];
			int plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
				    (c >= '0' && c <= '9') || c == '-' || c == '_';
			if (plain)
				tprintf(r, "%c", (char)c);
			else if (c > 0x20 && c < 0x7F && !(c >= '0' && c <= '9') && below(g, 2))
				tprintf(r, "\\%c", (char)c);
			else
				tprintf(r, "\\%03u", c);
		}
		tprintf(r, ".");
	}
}

/* A <character-string> in quotes, escaping quote, backslash and octets outside printable ASCII. */
static void string_text(rec_t *r, const uint8_t *s, size_t len)
{
	tprintf(r, "\"");
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"' || s[i] == '\\')
			tprintf(r, "\\%c", (char)s[i]);
		else if (s[i] < 0x20 || s[i] > 0x7E)
			tprintf(r, "\\%03u", s[i]);
		else
			tprintf(r, "%c", (char)s[i]);
	}
	tprintf(r, "\"");
}

static void random_bytes(rng_t *g, uint8_t *p, size_t n, int printable)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(printable && below(g, 8) ? 0x20 + below(g, 95) : below(g, 256));
}

static size_t random_len(rng_t *g, size_t max)
{
	unsigned k = below(g, 10);
	return k == 0 ? below(g, (unsigned)max + 1) : below(g, (unsigned)(max < 24 ? max : 24) + 1);
}

static void b64_text(rec_t *r, const uint8_t *p, size_t n)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0) |
			     (i + 2 < n ? p[i + 2] : 0);
		tprintf(r, "%c%c%c%c", abc[v >> 18], abc[v >> 12 & 63], i + 1 < n ? abc[v >> 6 & 63] : '=',
			i + 2 < n ? abc[v & 63] : '=');
	}
}

/* Types for RRSIG's type covered and NSEC bitmaps: both libraries know each mnemonic, or neither (TYPEnnn);
 * windows 0, 1, 3 and 255. */
static const uint16_t bitmap_types[] = {1,  2,	5,  6,	15,  16,  28,	33,   43,
					46, 47, 48, 50, 257, 777, 1000, 65534};
enum { NBITMAP_TYPES = sizeof bitmap_types / sizeof bitmap_types[0] };

static void type_text(rec_t *r, uint16_t t)
{
	char m[16];
	q53_type_to_text(t, m, sizeof m);
	tprintf(r, "%s", m);
}

/* RFC 4648 7, no padding, upper or lower case. */
static void b32_text(rec_t *r, const uint8_t *p, size_t n, int lower)
{
	const char *dig = lower ? "0123456789abcdefghijklmnopqrstuv" : "0123456789ABCDEFGHIJKLMNOPQRSTUV";
	for (size_t bit = 0; bit < n * 8; bit += 5) {
		unsigned v = 0;
		for (unsigned k = 0; k < 5; k++) {
			size_t at = bit + k;
			v = v << 1 | (at < n * 8 ? (p[at / 8] >> (7 - at % 8)) & 1u : 0u);
		}
		tprintf(r, "%c", dig[v]);
	}
}

/* RFC 4034 4.1.2: windows ascending, each as long as its highest type needs. Returns the length. */
static size_t bitmap_wire(const uint16_t *types, unsigned count, uint8_t *out)
{
	size_t n = 0;
	for (unsigned w = 0; w < 256; w++) {
		uint8_t bits[32] = {0};
		unsigned len = 0;
		for (unsigned i = 0; i < count; i++)
			if (types[i] >> 8 == w) {
				unsigned o = (types[i] & 255) / 8;
				bits[o] |= (uint8_t)(0x80 >> (types[i] & 7));
				len = o + 1 > len ? o + 1 : len;
			}
		if (len == 0)
			continue;
		out[n++] = (uint8_t)w;
		out[n++] = (uint8_t)len;
		memcpy(out + n, bits, len);
		n += len;
	}
	return n;
}

/*
 * SvcParamKeys (RFC 9460 14.3.2, RFC 9461, RFC 9540): the names this test writes and reads, by number. ldns
 * 1.8 has no name for ohttp (8): it is written key8 here, and read back by either name.
 */
static const char *const svc_key_names[] = {"mandatory", "alpn", "no-default-alpn", "port",
					    "ipv4hint",	 "ech",	 "ipv6hint",	    "dohpath"};
enum { SVC_NAMES = sizeof svc_key_names / sizeof svc_key_names[0] };

static void svc_key_text(rec_t *r, unsigned key)
{
	if (key < SVC_NAMES)
		tprintf(r, "%s", svc_key_names[key]);
	else
		tprintf(r, "key%u", key);
}

/*
 * Octets as a character-string value (RFC 1035 5.1), quoted or not: '"' and '\' always escaped, a blank
 * and ';()' escaped outside quotes, octets outside printable ASCII as \DDD, and now and then any octet
 * but a comma as \DDD (ldns 1.8.3 takes "\044" in alpn for a comma inside an id, where RFC 9460 A.1
 * has the separator).
 */
static void svc_string_text(rng_t *g, rec_t *r, const uint8_t *s, size_t n, int quoted)
{
	if (quoted)
		tprintf(r, "\"");
	for (size_t i = 0; i < n; i++) {
		uint8_t c = s[i];
		if (c < 0x20 || c > 0x7E || (below(g, 8) == 0 && c != ',') || (!quoted && c == ' '))
			tprintf(r, "\\%03u", c);
		else if (c == '"' || c == '\\' || (!quoted && strchr(";()", c) != NULL))
			tprintf(r, "\\%c", (char)c);
		else
			tprintf(r, "%c", (char)c);
	}
	if (quoted)
		tprintf(r, "\"");
}

/*
 * Random SvcParams: a few of the named keys and some unknown ones, each once, ascending on the wire and in
 * any order in the text, values in the forms RFC 9460 allows (quoted or not, escaped or not, alpn-ids
 * with commas and backslashes escaped for the value list), and self-consistent (mandatory lists present
 * keys, no-default-alpn comes with alpn).
 */
static void random_svcparams(rng_t *g, rec_t *r)
{
	static const uint16_t keys[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 667, 1000, 65000, 65534};
	enum { NKEYS = sizeof keys / sizeof keys[0] };
	unsigned on[NKEYS], others = 0;
	for (unsigned i = 0; i < NKEYS; i++)
		on[i] = below(g, 4) == 0;
	on[1] |= on[2];
	for (unsigned i = 1; i < NKEYS; i++)
		others += on[i];
	on[0] &= others > 0;
	/* Wire form: key, length, value, keys ascending; the text of each param kept apart to be shuffled. */
	static char texts[NKEYS][2048];
	unsigned order[NKEYS], n = 0;
	uint8_t b[512];
	for (unsigned i = 0; i < NKEYS; i++) {
		if (!on[i])
			continue;
		uint16_t key = keys[i];
		size_t len = 0;
		rec_t *t = calloc(1, sizeof *t);
		assert_non_null(t);
		svc_key_text(t, key);
		int quoted = below(g, 2) != 0;
		switch (key) {
		case 0: {
			/* Some of the other keys present (one at least), written from a random one on. */
			unsigned pick[NKEYS], np = 0;
			for (unsigned j = 1; j < NKEYS; j++)
				if (on[j] && below(g, 2))
					pick[np++] = j;
			for (unsigned j = 1; np == 0 && j < NKEYS; j++)
				if (on[j])
					pick[np++] = j;
			unsigned first = below(g, np);
			tprintf(t, "=%s", quoted ? "\"" : "");
			for (unsigned j = 0; j < np; j++) {
				q53_put16(b + len, keys[pick[j]]);
				len += 2;
				tprintf(t, "%s", j > 0 ? "," : "");
				svc_key_text(t, keys[pick[(first + j) % np]]);
			}
			tprintf(t, "%s", quoted ? "\"" : "");
			break;
		}
		case 1: {
			/* 1 to 3 alpn-ids, the list a character-string. Without "," and "\" in an id: ldns
			 * 1.8.3 does not read their escapes (RFC 9460 A.1: it splits "a\\,b" at the comma and
			 * keeps the backslash). The unit tests and tests/system/svcb.sh (BIND) cover them. */
			uint8_t list[256];
			size_t ln = 0;
			unsigned ids = 1 + below(g, 3);
			for (unsigned j = 0; j < ids; j++) {
				size_t idlen = 1 + below(g, 8);
				if (j > 0)
					list[ln++] = ',';
				b[len++] = (uint8_t)idlen;
				for (size_t k = 0; k < idlen; k++) {
					uint8_t c =
					    below(g, 6) == 0
						? (uint8_t) "\" ;()"[below(g, 5)]
						: (uint8_t)(below(g, 8) ? 'a' + below(g, 26) : below(g, 256));
					if (c == ',' || c == '\\')
						c = 'x';
					b[len++] = c;
					list[ln++] = c;
				}
			}
			tprintf(t, "=");
			svc_string_text(g, t, list, ln, quoted);
			break;
		}
		case 3: {
			uint16_t port = (uint16_t)rnd(g);
			q53_put16(b, port);
			len = 2;
			tprintf(t, quoted ? "=\"%u\"" : "=%u", port);
			break;
		}
		case 4:
		case 6: {
			size_t w = key == 4 ? 4 : 16;
			unsigned addrs = 1 + below(g, 3);
			tprintf(t, "=%s", quoted ? "\"" : "");
			for (unsigned j = 0; j < addrs; j++) {
				char a[INET6_ADDRSTRLEN];
				random_bytes(g, b + len, w, 0);
				if (w == 16 && below(g, 3) == 0)
					memset(b + len + 2, 0, 8);
				assert_non_null(inet_ntop(w == 4 ? AF_INET : AF_INET6, b + len, a, sizeof a));
				tprintf(t, "%s%s", j > 0 ? "," : "", a);
				len += w;
			}
			tprintf(t, "%s", quoted ? "\"" : "");
			break;
		}
		case 5:
			len = 1 + below(g, 60);
			random_bytes(g, b, len, 0);
			tprintf(t, "=%s", quoted ? "\"" : "");
			b64_text(t, b, len);
			tprintf(t, "%s", quoted ? "\"" : "");
			break;
		case 2:
		case 8:
			break;
		default:
			/* dohpath and unknown keys: the octets themselves; an unknown key's may be empty,
			 * written with "=" and "\"\"" or without. */
			len = key == 7 ? 1 + below(g, 20) : below(g, 3) == 0 ? 0 : below(g, 20);
			random_bytes(g, b, len, 1);
			if (len == 0 && quoted)
				tprintf(t, below(g, 2) ? "=" : "=\"\"");
			else if (len > 0) {
				tprintf(t, "=");
				svc_string_text(g, t, b, len, quoted);
			}
			break;
		}
		uint8_t head[4];
		q53_put16(head, key);
		q53_put16(head + 2, (uint16_t)len);
		put(r, head, 4);
		put(r, b, len);
		assert_true(t->tlen < sizeof texts[n]);
		memcpy(texts[n], t->text, t->tlen + 1);
		order[n] = n;
		n++;
		free(t);
	}
	for (unsigned i = n; i > 1; i--) {
		unsigned j = below(g, i), x = order[i - 1];
		order[i - 1] = order[j];
		order[j] = x;
	}
	for (unsigned i = 0; i < n; i++)
		tprintf(r, "%s%s", i > 0 ? " " : "", texts[order[i]]);
}

/* One RDATA field: wire form into rdata, presentation form into text. nonempty: for text, where ldns
 * cannot write an empty hex or base64 field. */
static void random_field(rng_t *g, names_t *nm, rec_t *r, unsigned k, int nonempty)
{
	uint8_t b[512];
	size_t n;
	tprintf(r, " ");
	switch ((enum kind)k) {
	case K_CNAME:
	case K_NAME:
		random_name(g, nm, b);
		put(r, b, q53_name_len(b));
		name_text(g, r, b);
		break;
	case K_U8:
		b[0] = (uint8_t)below(g, 256);
		put(r, b, 1);
		tprintf(r, "%u", b[0]);
		break;
	case K_U16: {
		uint16_t v = (uint16_t)rnd(g);
		q53_put16(b, v);
		put(r, b, 2);
		tprintf(r, "%u", v);
		break;
	}
	case K_U32: {
		uint32_t v = (uint32_t)rnd(g);
		q53_put32(b, v);
		put(r, b, 4);
		tprintf(r, "%lu", (unsigned long)v);
		break;
	}
	case K_A:
		random_bytes(g, b, 4, 0);
		put(r, b, 4);
		tprintf(r, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
		break;
	case K_AAAA: {
		char t[INET6_ADDRSTRLEN];
		random_bytes(g, b, 16, 0);
		if (below(g, 3) == 0)
			memset(b + 4, 0, 8); /* zero runs, written "::" */
		put(r, b, 16);
		assert_non_null(inet_ntop(AF_INET6, b, t, sizeof t));
		tprintf(r, "%s", t);
		break;
	}
	case K_STR1:
	case K_STR:
		/* ISDN's subaddress is left out one time in three. */
		if (k == K_STR1 && below(g, 3) == 0)
			break;
		n = random_len(g, 255);
		b[0] = (uint8_t)n;
		random_bytes(g, b + 1, n, 1);
		put(r, b, n + 1);
		string_text(r, b + 1, n);
		break;
	case K_STRS: {
		unsigned count = 1 + below(g, 4);
		for (unsigned i = 0; i < count; i++) {
			if (i > 0)
				tprintf(r, " ");
			n = random_len(g, 255);
			b[0] = (uint8_t)n;
			random_bytes(g, b + 1, n, 1);
			put(r, b, n + 1);
			string_text(r, b + 1, n);
		}
		break;
	}
	case K_TAG: {
		/* RFC 8659 4.1: letters and digits, 1..15 for interoperability. */
		static const char alnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";
		static const char *const known[] = {"issue", "issuewild", "iodef"};
		if (below(g, 2)) {
			const char *tag = known[below(g, 3)];
			n = strlen(tag);
			memcpy(b + 1, tag, n);
		} else {
			n = 1 + below(g, 15);
			for (size_t i = 0; i < n; i++)
				b[1 + i] = (uint8_t)alnum[below(g, 36)];
		}
		b[0] = (uint8_t)n;
		put(r, b, n + 1);
		tprintf(r, "%.*s", (int)n, (const char *)b + 1);
		break;
	}
	case K_TEXT:
		n = random_len(g, 200);
		random_bytes(g, b, n, 1);
		put(r, b, n);
		string_text(r, b, n);
		break;
	case K_HEX:
		n = random_len(g, 64);
		if (n == 0 && nonempty)
			n = 1;
		random_bytes(g, b, n, 0);
		put(r, b, n);
		for (size_t i = 0; i < n; i++)
			tprintf(r, "%02x", b[i]);
		break;
	case K_B64:
		n = random_len(g, 200);
		if (n == 0 && nonempty)
			n = 1;
		random_bytes(g, b, n, 0);
		put(r, b, n);
		b64_text(r, b, n);
		break;
	case K_EUI48:
	case K_EUI64:
		n = k == K_EUI48 ? 6 : 8;
		random_bytes(g, b, n, 0);
		put(r, b, n);
		for (size_t i = 0; i < n; i++)
			tprintf(r, "%s%02x", i ? "-" : "", b[i]);
		break;
	case K_LOC: {
		/* Version 0; precisions a digit 1..9 and a power of ten, or 0 (what text can say); angles
		 * within range; any altitude. */
		uint32_t half = UINT32_C(1) << 31, lat = (uint32_t)(rnd(g) % (180u * 3600000u + 1)),
			 lon = (uint32_t)(rnd(g) % (360u * 3600000u + 1)), alt = (uint32_t)rnd(g);
		b[0] = 0;
		for (int i = 1; i <= 3; i++)
			b[i] = below(g, 10) == 0 ? 0 : (uint8_t)((1 + below(g, 9)) << 4 | below(g, 10));
		lat = half - 90u * 3600000u + lat;
		lon = half - 180u * 3600000u + lon;
		q53_put32(b + 4, lat);
		q53_put32(b + 8, lon);
		q53_put32(b + 12, alt);
		put(r, b, 16);
		for (int i = 0; i < 2; i++) {
			uint32_t v = i ? lon : lat, a = v >= half ? v - half : half - v;
			tprintf(r, "%u %u %u.%03u %c ", a / 3600000u, a / 60000u % 60u, a / 1000u % 60u,
				a % 1000u, (i ? "WE" : "SN")[v >= half]);
		}
		uint32_t base = 10000000u, m = alt < base ? base - alt : alt - base;
		tprintf(r, "%s%u.%02um", alt < base ? "-" : "", m / 100u, m % 100u);
		for (int i = 1; i <= 3; i++) {
			uint64_t cm = (uint64_t)(b[i] >> 4);
			for (unsigned e = 0; e < (b[i] & 15u); e++)
				cm *= 10;
			tprintf(r, " %llu.%02llum", (unsigned long long)(cm / 100),
				(unsigned long long)(cm % 100));
		}
		break;
	}
	case K_CERT:
		n = 1 + below(g, 64);
		q53_put16(b, (uint16_t)rnd(g));
		q53_put16(b + 2, (uint16_t)rnd(g));
		b[4] = (uint8_t)rnd(g);
		random_bytes(g, b + 5, n, 0);
		put(r, b, 5 + n);
		tprintf(r, "%u %u %u ", q53_get16(b), q53_get16(b + 2), b[4]);
		b64_text(r, b + 5, n);
		break;
	case K_IPSEC: {
		/* Each kind of gateway; a name of plain labels, absolute (ldns 1.8.3 adds no origin to it).
		 */
		static const uint8_t glen[3] = {0, 4, 16};
		char t[INET6_ADDRSTRLEN];
		unsigned gt = below(g, 4), k0 = 3;
		b[0] = (uint8_t)rnd(g);
		b[1] = (uint8_t)gt;
		b[2] = (uint8_t)rnd(g);
		if (gt < 3) {
			random_bytes(g, b + 3, glen[gt], 0);
			k0 += glen[gt];
		} else {
			unsigned id = below(g, 1000);
			int l = snprintf((char *)b + 4, 16, "gw%u", id);
			b[3] = (uint8_t)l;
			memcpy(b + 4 + l, "\7example\0", 9);
			k0 += 1 + (unsigned)l + 9;
		}
		n = 1 + below(g, 64);
		random_bytes(g, b + k0, n, 0);
		put(r, b, k0 + n);
		tprintf(r, "%u %u %u ", b[0], gt, b[2]);
		if (gt == 0)
			tprintf(r, ".");
		else if (gt < 3)
			tprintf(r, "%s", inet_ntop(gt == 1 ? AF_INET : AF_INET6, b + 3, t, sizeof t));
		else
			tprintf(r, "%.*s.example.", b[3], (const char *)b + 4);
		tprintf(r, " ");
		b64_text(r, b + k0, n);
		break;
	}
	case K_APL: {
		/* Up to three items, each address part cut after its last octet that is not zero. */
		unsigned items = below(g, 4);
		size_t at = 0;
		for (unsigned i = 0; i < items; i++) {
			unsigned afi = 1 + below(g, 2), max = afi == 1 ? 4 : 16, neg = below(g, 2);
			uint8_t a[16] = {0};
			char t[INET6_ADDRSTRLEN];
			unsigned len = below(g, max + 1);
			random_bytes(g, a, len, 0);
			while (len > 0 && a[len - 1] == 0)
				len--;
			q53_put16(b + at, (uint16_t)afi);
			b[at + 2] = (uint8_t)below(g, 8 * max + 1);
			b[at + 3] = (uint8_t)(neg << 7 | len);
			memcpy(b + at + 4, a, len);
			tprintf(r, "%s%s%u:%s/%u", i ? " " : "", neg ? "!" : "", afi,
				inet_ntop(afi == 1 ? AF_INET : AF_INET6, a, t, sizeof t), b[at + 2]);
			at += 4 + len;
		}
		put(r, b, at);
		break;
	}
	case K_NSAP:
		n = 1 + below(g, 20);
		random_bytes(g, b, n, 0);
		put(r, b, n);
		tprintf(r, "0x");
		for (size_t i = 0; i < n; i++)
			tprintf(r, below(g, 2) ? "%02x" : "%02X", b[i]);
		break;
	case K_WKS: {
		/* TCP, UDP or another protocol, and at least one port (ldns reads no WKS without one): a
		 * bitmap of 1 to 16 octets whose last is not zero. */
		static const uint8_t protos[] = {6, 17, 6, 17, 1, 132};
		random_bytes(g, b, 4, 0);
		b[4] = protos[below(g, sizeof protos)];
		n = 1 + below(g, 16);
		random_bytes(g, b + 5, n, 0);
		if (b[5 + n - 1] == 0)
			b[5 + n - 1] = (uint8_t)(1 + below(g, 255));
		put(r, b, 5 + n);
		tprintf(r, "%u.%u.%u.%u %u", b[0], b[1], b[2], b[3], b[4]);
		for (size_t i = 0; i < 8 * n; i++)
			if (b[5 + i / 8] & 0x80u >> i % 8)
				tprintf(r, " %zu", i);
		break;
	}
	case K_HIP: {
		/* A HIT of 1 to 16 octets, a key of 1 to 64, and up to two servers of plain labels,
		 * absolute. */
		size_t hit = 1 + below(g, 16), pk = 1 + below(g, 64), at;
		b[0] = (uint8_t)hit;
		b[1] = (uint8_t)rnd(g);
		q53_put16(b + 2, (uint16_t)pk);
		random_bytes(g, b + 4, hit + pk, 0);
		at = 4 + hit + pk;
		tprintf(r, "%u ", b[1]);
		for (size_t i = 0; i < hit; i++)
			tprintf(r, "%02X", b[4 + i]);
		tprintf(r, " ");
		b64_text(r, b + 4 + hit, pk);
		for (unsigned i = 0, servers = below(g, 3); i < servers; i++) {
			int l = snprintf((char *)b + at + 1, 16, "rvs%u", below(g, 1000));
			b[at] = (uint8_t)l;
			memcpy(b + at + 1 + l, "\7example\0", 9);
			tprintf(r, " %.*s.example.", l, (const char *)b + at + 1);
			at += 1 + (size_t)l + 9;
		}
		put(r, b, at);
		break;
	}
	case K_ILNP:
		random_bytes(g, b, 8, 0);
		put(r, b, 8);
		tprintf(r, "%x:%04x:%x:%02x", q53_get16(b), q53_get16(b + 2), q53_get16(b + 4),
			q53_get16(b + 6));
		break;
	case K_TYPE: {
		uint16_t v = bitmap_types[below(g, NBITMAP_TYPES)];
		q53_put16(b, v);
		put(r, b, 2);
		type_text(r, v);
		break;
	}
	case K_TIME: {
		/* 1970 to 2084: ldns prints a time as the date nearest to now (serial arithmetic), q53 as
		 * unsigned seconds since 1970; both agree in that span. */
		uint32_t v = (uint32_t)(rnd(g) % 3600000000u);
		q53_put32(b, v);
		put(r, b, 4);
		if (below(g, 2)) {
			time_t t = (time_t)v;
			struct tm tm;
			char d[32];
			assert_non_null(gmtime_r(&t, &tm));
			assert_true(strftime(d, sizeof d, "%Y%m%d%H%M%S", &tm) == 14);
			tprintf(r, "%s", d);
		} else {
			tprintf(r, "%lu", (unsigned long)v);
		}
		break;
	}
	case K_SALT:
		n = below(g, 21);
		b[0] = (uint8_t)n;
		random_bytes(g, b + 1, n, 0);
		put(r, b, n + 1);
		if (n == 0)
			tprintf(r, "-");
		for (size_t i = 0; i < n; i++)
			tprintf(r, below(g, 2) ? "%02x" : "%02X", b[1 + i]);
		break;
	case K_B32:
		/* ldns reads base32hex in whole 8-character groups only: multiples of 5 octets. */
		n = 5 * (1 + below(g, 6));
		b[0] = (uint8_t)n;
		random_bytes(g, b + 1, n, 0);
		put(r, b, n + 1);
		b32_text(r, b + 1, n, below(g, 2) != 0);
		break;
	case K_BITMAP: {
		/* ldns writes no empty bitmap: 1 to 6 types, in any order, repeats allowed. */
		uint16_t types[6];
		unsigned count = 1 + below(g, 6);
		for (unsigned i = 0; i < count; i++) {
			types[i] = bitmap_types[below(g, NBITMAP_TYPES)];
			tprintf(r, "%s", i > 0 ? " " : "");
			type_text(r, types[i]);
		}
		n = bitmap_wire(types, count, b);
		put(r, b, n);
		break;
	}
	case K_SVC:
		random_svcparams(g, r);
		break;
	case K_END:
		break;
	}
}

static const layout_t *layout_of(uint16_t type)
{
	for (unsigned i = 0; i < NLAYOUTS; i++)
		if (layouts[i].type == type)
			return &layouts[i];
	return NULL;
}

/*
 * A random record of section sec: owner, type (one of the layouts, or now and then an opaque type),
 * class, TTL and RDATA, with the text "owner ttl class type rdata" that ldns parses.
 */
static void random_rec(rng_t *g, names_t *nm, rec_t *r, uint8_t sec, int for_text)
{
	memset(r, 0, offsetof(rec_t, text));
	r->tlen = 0;
	r->text[0] = 0;
	r->section = sec;
	random_name(g, nm, r->owner);
	unsigned pick = below(g, NLAYOUTS + 3);
	r->rclass =
	    below(g, 8) == 0 ? (below(g, 2) ? Q53_CLASS_CH : (uint16_t)(300 + below(g, 1000))) : Q53_CLASS_IN;
	r->ttl = (uint32_t)rnd(g);
	if (below(g, 2))
		r->ttl &= 0xFFFF;
	name_text(g, r, r->owner);
	r->owner_tlen = r->tlen;
	if (sec == Q53_SEC_QUESTION) {
		r->type = pick < NLAYOUTS ? layouts[pick].type : (uint16_t)(1 + below(g, 65535));
		r->ttl = 0;
		return;
	}
	char cls[16];
	if (r->rclass == Q53_CLASS_IN)
		strcpy(cls, "IN");
	else if (r->rclass == Q53_CLASS_CH)
		strcpy(cls, "CH");
	else
		snprintf(cls, sizeof cls, "CLASS%u", r->rclass);
	if (pick < NLAYOUTS) {
		const layout_t *l = &layouts[pick];
		r->type = l->type;
		tprintf(r, " %lu %s %s", (unsigned long)r->ttl, cls, l->mnemonic);
		for (unsigned i = 0; i < KMAX && l->f[i] != K_END; i++)
			random_field(g, nm, r, l->f[i], for_text);
		return;
	}
	r->type = opaque_types[below(g, sizeof opaque_types / sizeof opaque_types[0])];
	r->rdlen = random_len(g, 300);
	random_bytes(g, r->rdata, r->rdlen, 0);
	tprintf(r, " %lu %s TYPE%u \\# %zu ", (unsigned long)r->ttl, cls, r->type, r->rdlen);
	for (size_t i = 0; i < r->rdlen; i++)
		tprintf(r, "%02x", r->rdata[i]);
}

/* The uncompressed wire form of a record as RFC 1035 4.1.3 lays it out. */
static size_t rec_wire(const rec_t *r, uint8_t *out)
{
	size_t n = q53_name_len(r->owner);
	memcpy(out, r->owner, n);
	q53_put16(out + n, r->type);
	q53_put16(out + n + 2, r->rclass);
	if (r->section == Q53_SEC_QUESTION)
		return n + 4;
	q53_put32(out + n + 4, r->ttl);
	q53_put16(out + n + 8, (uint16_t)r->rdlen);
	memcpy(out + n + 10, r->rdata, r->rdlen);
	return n + 10 + r->rdlen;
}

/* A q53 record equals the generator's: owner octets, fixed fields, uncompressed RDATA. */
static void assert_same_rr(const q53_rr_t *rr, const rec_t *r)
{
	uint8_t owner[Q53_NAME_MAX], rdata[Q53_MSG_MAX];
	int olen = q53_rr_owner(rr, owner);
	assert_int_equal(olen, (int)q53_name_len(r->owner));
	assert_memory_equal(owner, r->owner, (size_t)olen);
	assert_int_equal(rr->section, r->section);
	assert_int_equal(rr->type, r->type);
	assert_int_equal(rr->rclass, r->rclass);
	assert_int_equal(rr->ttl, r->ttl);
	int n = q53_rr_rdata(rr, rdata, sizeof rdata);
	assert_int_equal(n, (int)r->rdlen);
	assert_memory_equal(rdata, r->rdata, r->rdlen);
}

/* ldns's uncompressed wire form of its record equals the generator's. */
static void assert_ldns_rr_is(const ldns_rr *lr, const rec_t *r)
{
	uint8_t *w = NULL, want[Q53_MSG_MAX];
	size_t wlen = 0;
	int sec = r->section == Q53_SEC_QUESTION ? LDNS_SECTION_QUESTION : LDNS_SECTION_ANSWER;
	assert_int_equal(ldns_rr2wire(&w, lr, sec, &wlen), LDNS_STATUS_OK);
	size_t n = rec_wire(r, want);
	if (wlen != n || memcmp(w, want, n) != 0) {
		char *s = ldns_rr2str(lr);
		print_error("ldns record %s differs from generated %s\n", s, r->text);
		free(s);
	}
	assert_int_equal(wlen, n);
	assert_memory_equal(w, want, n);
	free(w);
}

static const ldns_pkt_section ldns_sections[] = {LDNS_SECTION_QUESTION, LDNS_SECTION_ANSWER,
						 LDNS_SECTION_AUTHORITY, LDNS_SECTION_ADDITIONAL};

/* Random EDNS options in wire form (RFC 6891 6.1.2): a cookie, padding, an unknown code. */
static size_t random_options(rng_t *g, uint8_t *out)
{
	size_t n = 0;
	unsigned count = below(g, 4);
	for (unsigned i = 0; i < count; i++) {
		static const uint16_t codes[] = {Q53_OPT_NSID, Q53_OPT_COOKIE, Q53_OPT_PADDING, 65001};
		uint16_t len = (uint16_t)below(g, 40);
		q53_put16(out + n, codes[below(g, 4)]);
		q53_put16(out + n + 2, len);
		random_bytes(g, out + n + 4, len, 0);
		n += 4u + len;
	}
	return n;
}

typedef struct message {
	uint16_t id, flags;
	unsigned nrec;
	rec_t *recs;
	int edns;
	q53_edns_t e;
	uint8_t options[256];
} message_t;

enum { MAX_RECS = 24 };

/* A random message: 0..2 questions, then records in section order, sometimes EDNS. */
static void random_message(rng_t *g, message_t *m, int for_text)
{
	names_t nm;
	new_names(g, &nm);
	m->id = (uint16_t)rnd(g);
	/* QR, opcode QUERY or NOTIFY, AA TC RD RA AD CD at random, rcode 0..10. */
	m->flags =
	    (uint16_t)((rnd(g) & 0x87B0) | (below(g, 4) == 0 ? Q53_OPCODE_NOTIFY << 11 : 0) | below(g, 11));
	m->nrec = 0;
	unsigned nq = below(g, 6) == 0 ? 0 : 1 + (below(g, 8) == 0);
	for (unsigned i = 0; i < nq; i++)
		random_rec(g, &nm, &m->recs[m->nrec++], Q53_SEC_QUESTION, for_text);
	unsigned nr = below(g, 4) == 0 ? below(g, MAX_RECS - 2) : below(g, 8);
	uint8_t sec = Q53_SEC_ANSWER;
	for (unsigned i = 0; i < nr; i++) {
		if (sec < Q53_SEC_ADDITIONAL && below(g, 4) == 0)
			sec++;
		random_rec(g, &nm, &m->recs[m->nrec++], sec, for_text);
	}
	m->edns = below(g, 2) == 1;
	memset(&m->e, 0, sizeof m->e);
	if (m->edns) {
		m->e.udp_size = (uint16_t)(512 + below(g, 4096));
		m->e.version = below(g, 8) == 0 ? 1 : 0;
		m->e.ext_rcode = below(g, 8) == 0 ? 1 : 0;
		m->e.flags = below(g, 2) ? Q53_EDNS_DO : 0;
		m->e.options_len = (uint16_t)random_options(g, m->options);
		m->e.options = m->options;
	}
}

/*
 * Text: q53_rr_to_text() against ldns_rr2str(), field by field. Both must be RFC 1035 5.1 presentation forms
 * of the record the generator made: every token is decoded here (an escape decoder of our own) and compared
 * with the generated octets. Beyond that the two texts must be equal token for token, except for these
 * presentation-only differences, normalized exactly there:
 *   - hex fields (DS/CDS digest, SSHFP, TLSA/SMIMEA data, RFC 3597 "\#" data): ldns writes lower case, q53
 *     upper case (both allowed: RFC 4034 5.3, RFC 3597 5), compared ignoring case;
 *   - names: ldns leaves '"', '$' and '@' unescaped where q53 writes "\X" (both read
 * back to the same octets), compared by their decoded wire form;
 *   - character-strings: ldns leaves a tab raw inside the quotes, q53 writes \009 (only printable ASCII),
 *     compared by their decoded octets;
 *   - ldns appends a comment (";{id = ...}") to DNSKEY-like lines: dropped, as comments are not data;
 *   - SvcParams (RFC 9460 2.1): ldns quotes a value only when it holds a blank, escapes otherwise, and
 *     names ohttp key8; q53 writes them as dig does (alpn, dohpath and keyNNNNN values quoted, ohttp by
 *     name), compared param by param by their decoded key and value.
 */
typedef struct text_diffs {
	unsigned compared, name_escapes, hex_case, string_escapes, svc_forms;
} text_diffs;

typedef struct tok {
	const char *p;
	size_t n;
} tok;

/* A cursor over a presentation line. */
typedef struct cursor {
	const char *s;
	size_t i;
} cursor;

/*
 * The next token: a quoted string whole (unless name is set: ldns writes '"' unescaped inside names, where
 * it cannot start a string), "\X" kept inside a token. An unquoted ';' starts a comment: no more tokens, and
 * then the token is empty (n == 0).
 */
static tok next_tok(cursor *c, int name)
{
	const char *s = c->s;
	size_t i = c->i;
	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')
		i++;
	size_t at = i;
	if (s[i] == 0 || s[i] == ';') {
		c->i = i;
		return (tok){s + i, 0};
	}
	if (s[i] == '"' && !name) {
		for (i++; s[i] != 0 && s[i] != '"'; i++)
			if (s[i] == '\\' && s[i + 1] != 0)
				i++;
		assert_int_equal(s[i], '"');
		i++;
	} else {
		for (; s[i] != 0 && s[i] != ' ' && s[i] != '\t' && s[i] != '\n'; i++)
			if (s[i] == '\\' && s[i + 1] != 0)
				i++;
	}
	c->i = i;
	return (tok){s + at, i - at};
}

/* The remaining tokens of the line into t[0..max); returns how many. */
static size_t rest_toks(cursor *c, tok *t, size_t max)
{
	size_t n = 0;
	for (tok x = next_tok(c, 0); x.n > 0; x = next_tok(c, 0)) {
		assert_true(n < max);
		t[n++] = x;
	}
	return n;
}

/* Decodes the characters of a token (quotes removed) with RFC 1035 5.1 escapes; stops at an unescaped
 * stop character when stop is not 0. Returns the octets written; *used the characters read. */
static size_t unescape(const char *p, size_t n, char stop, uint8_t *out, size_t *used)
{
	size_t o = 0, i = 0;
	while (i < n && p[i] != stop) {
		if (p[i] == '\\' && i + 3 < n && p[i + 1] >= '0' && p[i + 1] <= '9') {
			out[o++] =
			    (uint8_t)((p[i + 1] - '0') * 100 + (p[i + 2] - '0') * 10 + (p[i + 3] - '0'));
			i += 4;
		} else if (p[i] == '\\') {
			out[o++] = (uint8_t)p[i + 1];
			i += 2;
		} else {
			out[o++] = (uint8_t)p[i++];
		}
	}
	if (used != NULL)
		*used = i;
	return o;
}

static size_t decode_string(tok t, uint8_t *out)
{
	if (t.n >= 2 && t.p[0] == '"')
		return unescape(t.p + 1, t.n - 2, 0, out, NULL);
	return unescape(t.p, t.n, 0, out, NULL);
}

/* An absolute name in text to wire form; returns its length. */
static size_t decode_name(tok t, uint8_t *out)
{
	if (t.n == 1 && t.p[0] == '.') {
		out[0] = 0;
		return 1;
	}
	size_t o = 0, i = 0;
	while (i < t.n) {
		size_t used;
		size_t l = unescape(t.p + i, t.n - i, '.', out + o + 1, &used);
		assert_true(l > 0 && l <= 63);
		out[o] = (uint8_t)l;
		o += 1 + l;
		i += used + 1;
	}
	out[o] = 0;
	return o + 1;
}

static int hexval(int c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
				      : -1;
}

/* Hex of the tokens t[0..n) joined; returns the octets. */
static size_t decode_hex(const tok *t, size_t n, uint8_t *out)
{
	size_t o = 0, half = 0;
	int hi = 0;
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < t[k].n; i++) {
			int v = hexval(t[k].p[i]);
			assert_true(v >= 0);
			if (half++ % 2 == 0)
				hi = v;
			else
				out[o++] = (uint8_t)(hi << 4 | v);
		}
	assert_int_equal(half % 2, 0);
	return o;
}

static size_t decode_b64(const tok *t, size_t n, uint8_t *out)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	uint32_t acc = 0;
	unsigned bits = 0;
	size_t o = 0;
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < t[k].n && t[k].p[i] != '='; i++) {
			const char *c = strchr(abc, t[k].p[i]);
			assert_non_null(c);
			acc = acc << 6 | (uint32_t)(c - abc);
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				out[o++] = (uint8_t)(acc >> bits);
			}
		}
	return o;
}

static int tok_eq(tok a, tok b, int nocase)
{
	if (a.n != b.n)
		return 0;
	for (size_t i = 0; i < a.n; i++) {
		char x = a.p[i], y = b.p[i];
		if (nocase && x >= 'A' && x <= 'Z')
			x = (char)(x + 32);
		if (nocase && y >= 'A' && y <= 'Z')
			y = (char)(y + 32);
		if (x != y)
			return 0;
	}
	return 1;
}

/* Both tokens equal exactly; on a mismatch the lines are shown. */
static void same_tok(tok a, tok b, const char *ql, const char *ll)
{
	if (!tok_eq(a, b, 0))
		print_error("q53:  %s\nldns: %s\nfield %.*s vs %.*s\n", ql, ll, (int)a.n, a.p, (int)b.n, b.p);
	assert_true(tok_eq(a, b, 0));
}

/* A name field: both decode to want; counts the lines where only the escaping differed. */
static void same_name_tok(tok q, tok l, const uint8_t *want, text_diffs *d)
{
	uint8_t a[Q53_NAME_MAX + 64], b[Q53_NAME_MAX + 64];
	size_t n = q53_name_len(want);
	if (decode_name(q, a) != n || decode_name(l, b) != n)
		print_error("name q53 %.*s ldns %.*s\n", (int)q.n, q.p, (int)l.n, l.p);
	assert_int_equal(decode_name(q, a), n);
	assert_memory_equal(a, want, n);
	assert_int_equal(decode_name(l, b), n);
	assert_memory_equal(b, want, n);
	d->name_escapes += !tok_eq(q, l, 0);
}

/*
 * A character-string: both quoted, both decode to want; q53 shows only printable ASCII (RFC 1035 5.1 \DDD
 * for the rest), ldns leaves a tab raw: those lines are counted.
 */
static void same_string(tok q, tok l, const uint8_t *want, size_t n, text_diffs *d)
{
	uint8_t a[1024], b[1024];
	assert_true(q.n >= 2 && q.p[0] == '"' && l.n >= 2 && l.p[0] == '"');
	assert_int_equal(decode_string(q, a), n);
	assert_memory_equal(a, want, n);
	assert_int_equal(decode_string(l, b), n);
	assert_memory_equal(b, want, n);
	for (size_t i = 0; i < q.n; i++)
		assert_true(q.p[i] >= 0x20 && q.p[i] <= 0x7E);
	d->string_escapes += !tok_eq(q, l, 0);
}

static void same_hex(const tok *q, size_t qn, const tok *l, size_t ln, const uint8_t *want, size_t n,
		     text_diffs *d)
{
	uint8_t a[4096], b[4096];
	assert_int_equal(decode_hex(q, qn, a), n);
	assert_memory_equal(a, want, n);
	assert_int_equal(decode_hex(l, ln, b), n);
	assert_memory_equal(b, want, n);
	/* q53 writes the hex as one token, upper case. */
	assert_int_equal(qn, n > 0 ? 1 : 0);
	d->hex_case += qn == 1 && ln == 1 && !tok_eq(q[0], l[0], 0) && tok_eq(q[0], l[0], 1);
}

/* One SvcParam: "key", "key=value" or "key=\"value\"", where a quoted value may hold blanks. */
static tok next_param(cursor *c)
{
	const char *s = c->s;
	size_t i = c->i;
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	size_t at = i;
	while (s[i] != 0 && s[i] != ' ' && s[i] != '\t' && s[i] != '\n') {
		if (s[i] == '"') {
			for (i++; s[i] != 0 && s[i] != '"'; i++)
				if (s[i] == '\\' && s[i + 1] != 0)
					i++;
			assert_int_equal(s[i], '"');
		} else if (s[i] == '\\' && s[i + 1] != 0) {
			i++;
		}
		i++;
	}
	c->i = i;
	return (tok){s + at, i - at};
}

/* A SvcParamKey by name (ohttp included) or as keyNNNNN. */
static unsigned svc_key_num(const char *p, size_t n)
{
	for (unsigned i = 0; i < SVC_NAMES; i++)
		if (strlen(svc_key_names[i]) == n && memcmp(svc_key_names[i], p, n) == 0)
			return i;
	if (n == 5 && memcmp(p, "ohttp", 5) == 0)
		return 8;
	assert_true(n > 3 && n < 9 && memcmp(p, "key", 3) == 0);
	unsigned v = 0;
	for (size_t i = 3; i < n; i++) {
		assert_true(p[i] >= '0' && p[i] <= '9');
		v = v * 10 + (unsigned)(p[i] - '0');
	}
	return v;
}

/*
 * A SvcParam's key and the wire form of its value, decoded from its text here (RFC 9460 2.1: the value a
 * character-string, then by key: lists with commas, alpn-ids with the escapes of appendix A.1, a port in
 * decimal, base64 for ech, the octets for the rest). Returns the value's length.
 */
static size_t decode_svc_param(tok t, unsigned *key, uint8_t *out)
{
	size_t k = 0, n = 0;
	while (k < t.n && t.p[k] != '=')
		k++;
	*key = svc_key_num(t.p, k);
	if (k == t.n)
		return 0;
	const char *v = t.p + k + 1;
	size_t vn = t.n - k - 1;
	if (vn >= 2 && v[0] == '"') {
		v++;
		vn -= 2;
	}
	uint8_t raw[2048];
	size_t rn = unescape(v, vn, 0, raw, NULL), i = 0, id = 0;
	switch (*key) {
	case 0:
	case 4:
	case 6:
		/* Invariant: raw[0..i) are whole items, decoded into out[0..n). */
		while (i < rn) {
			size_t j = i;
			char item[64];
			while (j < rn && raw[j] != ',')
				j++;
			assert_true(j - i < sizeof item);
			memcpy(item, raw + i, j - i);
			item[j - i] = 0;
			if (*key == 0) {
				q53_put16(out + n, (uint16_t)svc_key_num(item, j - i));
				n += 2;
			} else {
				assert_int_equal(inet_pton(*key == 4 ? AF_INET : AF_INET6, item, out + n), 1);
				n += *key == 4 ? 4 : 16;
			}
			i = j + 1;
		}
		return n;
	case 1:
		out[n++] = 0;
		for (; i < rn; i++) {
			if (raw[i] == ',') {
				id = n;
				out[n++] = 0;
				continue;
			}
			if (raw[i] == '\\')
				i++;
			out[n++] = raw[i];
			out[id]++;
		}
		return n;
	case 3:
		raw[rn] = 0;
		q53_put16(out, (uint16_t)strtoul((const char *)raw, NULL, 10));
		return 2;
	case 5: {
		tok b = {(const char *)raw, rn};
		return decode_b64(&b, 1, out);
	}
	default:
		memcpy(out, raw, rn);
		return rn;
	}
}

/* Both lines' next SvcParam decode to the generated key and value at w; q53's is as dig writes it. */
static void same_svc_param(cursor *qc, cursor *lc, const uint8_t *w, text_diffs *d)
{
	unsigned key = q53_get16(w), qk, lk;
	size_t len = q53_get16(w + 2);
	uint8_t a[2048], b[2048];
	tok q = next_param(qc), l = next_param(lc);
	if (decode_svc_param(q, &qk, a) != len || qk != key || memcmp(a, w + 4, len) != 0 ||
	    decode_svc_param(l, &lk, b) != len || lk != key || memcmp(b, w + 4, len) != 0)
		print_error("SvcParam %u: q53 %.*s, ldns %.*s\n", key, (int)q.n, q.p, (int)l.n, l.p);
	assert_int_equal(decode_svc_param(q, &qk, a), len);
	assert_int_equal(qk, key);
	assert_memory_equal(a, w + 4, len);
	assert_int_equal(decode_svc_param(l, &lk, b), len);
	assert_int_equal(lk, key);
	assert_memory_equal(b, w + 4, len);
	/* dig's form: the name where there is one, alpn and string values quoted, nothing after "=". */
	char k[16];
	snprintf(k, sizeof k, "key%u", key);
	const char *name = key < SVC_NAMES ? svc_key_names[key] : key == 8 ? "ohttp" : k;
	assert_true(q.n >= strlen(name) && memcmp(q.p, name, strlen(name)) == 0);
	assert_true(len > 0 ? q.p[strlen(name)] == '=' : q.n == strlen(name));
	if (len > 0 && (key == 1 || key >= 7))
		assert_true(q.p[strlen(name) + 1] == '"');
	d->svc_forms += !tok_eq(q, l, 0);
}

/* q53's line for rr against ldns's, field by field, each decoded against the generated record r. */
static void assert_same_text(const q53_rr_t *rr, const rec_t *r, text_diffs *d)
{
	char line[65536];
	int len = q53_rr_to_text(rr, NULL, line, sizeof line);
	assert_true(len > 0 && (size_t)len < sizeof line);
	const char *ll = r->ldns_line;
	cursor qc = {line, 0}, lc = {ll, 0};
	tok q[600], l[600];
	size_t qn, ln;
	same_name_tok(next_tok(&qc, 1), next_tok(&lc, 1), r->owner, d);
	tok qt = next_tok(&qc, 0), lt = next_tok(&lc, 0);
	same_tok(qt, lt, line, ll);
	assert_int_equal(strtoul(qt.p, NULL, 10), r->ttl);
	same_tok(next_tok(&qc, 0), next_tok(&lc, 0), line, ll); /* class */
	same_tok(next_tok(&qc, 0), next_tok(&lc, 0), line, ll); /* type */
	const layout_t *lay = layout_of(r->type);
	const uint8_t *w = r->rdata, *end = r->rdata + r->rdlen;
	if (lay == NULL) {
		/* RFC 3597 5: \# len hex */
		same_tok(next_tok(&qc, 0), next_tok(&lc, 0), line, ll);
		qt = next_tok(&qc, 0);
		same_tok(qt, next_tok(&lc, 0), line, ll);
		assert_int_equal(strtoul(qt.p, NULL, 10), r->rdlen);
		qn = rest_toks(&qc, q, 600);
		ln = rest_toks(&lc, l, 600);
		same_hex(q, qn, l, ln, w, r->rdlen, d);
		d->compared++;
		return;
	}
	for (unsigned f = 0; f < KMAX && lay->f[f] != K_END; f++) {
		uint8_t buf[1024];
		switch ((enum kind)lay->f[f]) {
		case K_CNAME:
		case K_NAME:
			same_name_tok(next_tok(&qc, 1), next_tok(&lc, 1), w, d);
			w += q53_name_len(w);
			break;
		case K_U8:
		case K_U16:
		case K_U32: {
			size_t size = lay->f[f] == K_U8 ? 1 : lay->f[f] == K_U16 ? 2 : 4;
			unsigned long v = size == 1 ? w[0] : size == 2 ? q53_get16(w) : q53_get32(w);
			qt = next_tok(&qc, 0);
			same_tok(qt, next_tok(&lc, 0), line, ll);
			assert_int_equal(strtoul(qt.p, NULL, 10), v);
			w += size;
			break;
		}
		case K_A:
		case K_AAAA: {
			size_t size = lay->f[f] == K_A ? 4 : 16;
			char t[64];
			qt = next_tok(&qc, 0);
			same_tok(qt, next_tok(&lc, 0), line, ll);
			snprintf(t, sizeof t, "%.*s", (int)qt.n, qt.p);
			assert_int_equal(inet_pton(size == 4 ? AF_INET : AF_INET6, t, buf), 1);
			assert_memory_equal(buf, w, size);
			w += size;
			break;
		}
		case K_STR:
		case K_STRS:
			/* Invariant: w points at the next generated character-string. */
			do {
				same_string(next_tok(&qc, 0), next_tok(&lc, 0), w + 1, w[0], d);
				w += 1 + w[0];
			} while (lay->f[f] == K_STRS && w < end);
			break;
		case K_STR1:
			/* The subaddress when there is one. */
			if (w < end) {
				same_string(next_tok(&qc, 0), next_tok(&lc, 0), w + 1, w[0], d);
				w += 1 + w[0];
			}
			break;
		case K_ILNP: {
			/* Four hex groups: ldns writes four digits each, q53 (as dig) no leading zeros. */
			qt = next_tok(&qc, 0);
			lt = next_tok(&lc, 0);
			for (int side = 0; side < 2; side++) {
				char t[32];
				unsigned v[4];
				tok x = side ? lt : qt;
				snprintf(t, sizeof t, "%.*s", (int)x.n, x.p);
				assert_int_equal(sscanf(t, "%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3]), 4);
				for (int i = 0; i < 4; i++)
					assert_int_equal(v[i], q53_get16(w + 2 * i));
			}
			w += 8;
			break;
		}
		case K_TAG:
			qt = next_tok(&qc, 0);
			same_tok(qt, next_tok(&lc, 0), line, ll);
			assert_int_equal(qt.n, w[0]);
			assert_memory_equal(qt.p, w + 1, w[0]);
			w += 1 + w[0];
			break;
		case K_TEXT:
			same_string(next_tok(&qc, 0), next_tok(&lc, 0), w, (size_t)(end - w), d);
			w = end;
			break;
		case K_HEX:
			qn = rest_toks(&qc, q, 600);
			ln = rest_toks(&lc, l, 600);
			same_hex(q, qn, l, ln, w, (size_t)(end - w), d);
			w = end;
			break;
		case K_B64: {
			uint8_t b64[1024];
			qn = rest_toks(&qc, q, 600);
			ln = rest_toks(&lc, l, 600);
			assert_int_equal(qn, 1);
			assert_int_equal(ln, 1);
			assert_int_equal(decode_b64(q, qn, b64), (size_t)(end - w));
			assert_memory_equal(b64, w, (size_t)(end - w));
			same_tok(q[0], l[0], line, ll);
			w = end;
			break;
		}
		case K_TYPE:
			qt = next_tok(&qc, 0);
			same_tok(qt, next_tok(&lc, 0), line, ll);
			assert_int_equal(q53_type_from_text(qt.p, qt.n), q53_get16(w));
			w += 2;
			break;
		case K_TIME: {
			/* Both print YYYYMMDDHHmmSS; checked against the C library's gmtime_r(). */
			time_t t = (time_t)q53_get32(w);
			struct tm tm;
			char want[32];
			assert_non_null(gmtime_r(&t, &tm));
			strftime(want, sizeof want, "%Y%m%d%H%M%S", &tm);
			qt = next_tok(&qc, 0);
			same_tok(qt, next_tok(&lc, 0), line, ll);
			assert_int_equal(qt.n, 14);
			assert_memory_equal(qt.p, want, 14);
			w += 4;
			break;
		}
		case K_SALT:
			/* "-" or hex; ldns writes lower case, q53 upper case. */
			qt = next_tok(&qc, 0);
			lt = next_tok(&lc, 0);
			assert_true(tok_eq(qt, lt, 1));
			if (w[0] == 0) {
				assert_true(qt.n == 1 && qt.p[0] == '-');
			} else {
				assert_int_equal(decode_hex(&qt, 1, buf), w[0]);
				assert_memory_equal(buf, w + 1, w[0]);
			}
			w += 1 + w[0];
			break;
		case K_B32: {
			/* Base32hex: ldns writes lower case, q53 upper case. */
			qt = next_tok(&qc, 0);
			lt = next_tok(&lc, 0);
			assert_true(tok_eq(qt, lt, 1));
			rec_t tmp;
			tmp.tlen = 0;
			tmp.text[0] = 0;
			b32_text(&tmp, w + 1, w[0], 0);
			assert_int_equal(qt.n, tmp.tlen);
			assert_memory_equal(qt.p, tmp.text, tmp.tlen);
			w += 1 + w[0];
			break;
		}
		case K_BITMAP: {
			/* The types in ascending order, by mnemonic or TYPEnnn, in both. */
			qn = rest_toks(&qc, q, 600);
			ln = rest_toks(&lc, l, 600);
			assert_int_equal(qn, ln);
			uint16_t types[600];
			for (size_t i = 0; i < qn; i++) {
				same_tok(q[i], l[i], line, ll);
				int v = q53_type_from_text(q[i].p, q[i].n);
				assert_true(v >= 0 && (i == 0 || v > types[i - 1]));
				types[i] = (uint16_t)v;
			}
			size_t bn = bitmap_wire(types, (unsigned)qn, buf);
			assert_int_equal(bn, (size_t)(end - w));
			assert_memory_equal(buf, w, bn);
			w = end;
			break;
		}
		case K_EUI48:
		case K_EUI64:
		case K_LOC:
		case K_CERT:
		case K_IPSEC:
		case K_APL:
		case K_NSAP:
		case K_WKS:
		case K_HIP: {
			/* Each side's text read back by its own library gives the generated octets. */
			char qtext[512], ltext[600];
			size_t qo = 0, lo = 0;
			qn = rest_toks(&qc, q, 600);
			ln = rest_toks(&lc, l, 600);
			for (size_t i = 0; i < qn; i++)
				qo += (size_t)snprintf(qtext + qo, sizeof qtext - qo, "%s%.*s", i ? " " : "",
						       (int)q[i].n, q[i].p);
			snprintf(ltext, sizeof ltext, ". 0 IN %s", lay->mnemonic);
			lo = strlen(ltext);
			for (size_t i = 0; i < ln; i++)
				lo += (size_t)snprintf(ltext + lo, sizeof ltext - lo, " %.*s", (int)l[i].n,
						       l[i].p);
			uint8_t back[512];
			assert_int_equal(
			    q53_rdata_from_text(r->type, qtext, qo, NULL, back, sizeof back, NULL),
			    (int)(end - w));
			assert_memory_equal(back, w, (size_t)(end - w));
			ldns_rr *lr = NULL;
			assert_int_equal(ldns_rr_new_frm_str(&lr, ltext, 0, NULL, NULL), LDNS_STATUS_OK);
			/* ldns splits the RDATA into fields: their octets end to end. */
			size_t got = 0;
			for (size_t i = 0; i < ldns_rr_rd_count(lr); i++) {
				ldns_rdf *rd = ldns_rr_rdf(lr, i);
				assert_true(got + ldns_rdf_size(rd) <= sizeof back);
				memcpy(back + got, ldns_rdf_data(rd), ldns_rdf_size(rd));
				got += ldns_rdf_size(rd);
			}
			assert_int_equal(got, (size_t)(end - w));
			assert_memory_equal(back, w, got);
			ldns_rr_free(lr);
			w = end;
			break;
		}
		case K_SVC:
			/* Invariant: w is at the next param, both lines at its text. */
			while (w < end) {
				same_svc_param(&qc, &lc, w, d);
				w += 4 + q53_get16(w + 2);
			}
			break;
		case K_END:
			break;
		}
	}
	assert_true(w == end);
	/* Nothing left but an ldns comment. */
	assert_int_equal(next_tok(&qc, 0).n, 0);
	assert_int_equal(qc.s[qc.i], 0);
	assert_int_equal(next_tok(&lc, 0).n, 0);
	d->compared++;
}

/* ldns builds the message from the records' text and packs it with compression. */
static uint8_t *ldns_encode(message_t *m, size_t *len)
{
	ldns_pkt *p = ldns_pkt_new();
	assert_non_null(p);
	ldns_pkt_set_id(p, m->id);
	ldns_pkt_set_qr(p, (m->flags & Q53_FLAG_QR) != 0);
	ldns_pkt_set_aa(p, (m->flags & Q53_FLAG_AA) != 0);
	ldns_pkt_set_tc(p, (m->flags & Q53_FLAG_TC) != 0);
	ldns_pkt_set_rd(p, (m->flags & Q53_FLAG_RD) != 0);
	ldns_pkt_set_ra(p, (m->flags & Q53_FLAG_RA) != 0);
	ldns_pkt_set_ad(p, (m->flags & Q53_FLAG_AD) != 0);
	ldns_pkt_set_cd(p, (m->flags & Q53_FLAG_CD) != 0);
	ldns_pkt_set_opcode(p, (ldns_pkt_opcode)Q53_FLAGS_OPCODE(m->flags));
	ldns_pkt_set_rcode(p, (uint8_t)Q53_FLAGS_RCODE(m->flags));
	for (unsigned i = 0; i < m->nrec; i++) {
		rec_t *r = &m->recs[i];
		ldns_rr *lr = NULL;
		ldns_status st;
		char line[sizeof r->text + 32];
		/* ldns reads an owner of at most 254 characters of text (names in RDATA may be longer; one of
		 * 255 gives "Syntax error"): a longer one is set from wire form after the rest is parsed. */
		int long_owner = r->owner_tlen > 254;
		snprintf(line, sizeof line, "%s%s", long_owner ? "owner.invalid." : "",
			 r->text + (long_owner ? r->owner_tlen : 0));
		if (r->section == Q53_SEC_QUESTION) {
			size_t n = strlen(line);
			snprintf(line + n, sizeof line - n, " CLASS%u TYPE%u", r->rclass, r->type);
			st = ldns_rr_new_question_frm_str(&lr, line, NULL, NULL);
		} else {
			st = ldns_rr_new_frm_str(&lr, line, 0, NULL, NULL);
		}
		if (st != LDNS_STATUS_OK)
			print_error("ldns rejects \"%s\": %s\n", line, ldns_get_errorstr_by_id(st));
		assert_int_equal(st, LDNS_STATUS_OK);
		if (long_owner) {
			ldns_rdf_deep_free(ldns_rr_owner(lr));
			ldns_rr_set_owner(
			    lr, ldns_dname_new_frm_data((uint16_t)q53_name_len(r->owner), r->owner));
		}
		/* ldns reads what was meant. */
		assert_ldns_rr_is(lr, r);
		r->ldns_line = ldns_rr2str(lr);
		assert_non_null(r->ldns_line);
		assert_true(ldns_pkt_push_rr(p, ldns_sections[r->section], lr));
	}
	if (m->edns) {
		ldns_pkt_set_edns_udp_size(p, m->e.udp_size);
		ldns_pkt_set_edns_version(p, m->e.version);
		ldns_pkt_set_edns_extended_rcode(p, m->e.ext_rcode);
		ldns_pkt_set_edns_z(p, m->e.flags);
		if (m->e.options_len > 0)
			ldns_pkt_set_edns_data(
			    p, ldns_rdf_new_frm_data(LDNS_RDF_TYPE_UNKNOWN, m->e.options_len, m->e.options));
	}
	uint8_t *wire = NULL;
	assert_int_equal(ldns_pkt2wire(&wire, p, len), LDNS_STATUS_OK);
	ldns_pkt_free(p);
	return wire;
}

/* True when the name at off in msg ends in a compression pointer. */
static int has_pointer(const uint8_t *msg, size_t off)
{
	while (msg[off] != 0 && (msg[off] & 0xC0) != 0xC0)
		off += 1u + msg[off];
	return msg[off] != 0;
}

static void test_ldns_to_q53(void **state)
{
	(void)state;
	rng_t g = {0x9E3779B97F4A7C15ull};
	message_t m = {.recs = calloc(MAX_RECS, sizeof(rec_t))};
	assert_non_null(m.recs);
	unsigned total = 0, compressed = 0, rdata_compressed = 0;
	text_diffs diffs = {0, 0, 0, 0, 0};
	for (unsigned i = 0; i < MESSAGES; i++) {
		random_message(&g, &m, 1);
		size_t len = 0;
		uint8_t *wire = ldns_encode(&m, &len);
		q53_reader_t r;
		q53_rr_t rr;
		assert_int_equal(q53_reader_init(&r, wire, len), 0);
		assert_int_equal(r.id, m.id);
		assert_int_equal(r.flags, m.flags);
		for (unsigned j = 0; j < m.nrec; j++) {
			int rc = q53_reader_next(&r, &rr);
			if (rc != 1)
				print_error("q53 rejects record %u \"%s\": %s\n", j, m.recs[j].text,
					    q53_strerror(rc));
			assert_int_equal(rc, 1);
			assert_same_rr(&rr, &m.recs[j]);
			if (rr.section != Q53_SEC_QUESTION)
				assert_same_text(&rr, &m.recs[j], &diffs);
			free(m.recs[j].ldns_line);
			m.recs[j].ldns_line = NULL;
			compressed += (unsigned)has_pointer(rr.msg, rr.owner);
			rdata_compressed += rr.rdlength < m.recs[j].rdlen;
		}
		total += m.nrec;
		if (m.edns) {
			q53_edns_t e;
			assert_int_equal(q53_reader_next(&r, &rr), 1);
			assert_int_equal(rr.type, Q53_TYPE_OPT);
			assert_int_equal(q53_edns_from_rr(&rr, &e), 0);
			assert_int_equal(e.udp_size, m.e.udp_size);
			assert_int_equal(e.version, m.e.version);
			assert_int_equal(e.ext_rcode, m.e.ext_rcode);
			assert_int_equal(e.flags, m.e.flags);
			assert_int_equal(e.options_len, m.e.options_len);
			assert_memory_equal(e.options, m.e.options, m.e.options_len);
		}
		assert_int_equal(q53_reader_next(&r, &rr), 0);
		assert_int_equal(q53_reader_trailing(&r), 0);
		free(wire);
	}
	/* The comparison only means something if ldns did compress. */
	assert_true(total > MESSAGES && compressed > total / 4 && rdata_compressed > total / 20);
	/* The normalizations were needed (so they are documented truthfully) and the comparison ran. */
	print_message(
	    "%u lines compared with ldns; only presentation differed: %u names, %u hex, %u strings, "
	    "%u SvcParams\n",
	    diffs.compared, diffs.name_escapes, diffs.hex_case, diffs.string_escapes, diffs.svc_forms);
	assert_true(diffs.compared > total / 2 && diffs.name_escapes > 0 && diffs.hex_case > 0 &&
		    diffs.string_escapes > 0 && diffs.svc_forms > 0);
	free(m.recs);
}

/* q53 writes the message (compressing where RFC 3597 4 allows). Returns its length. */
static int q53_encode(const message_t *m, uint8_t *buf, size_t cap)
{
	q53_writer_t w;
	q53_writer_init(&w, buf, cap, m->id, m->flags);
	for (unsigned i = 0; i < m->nrec; i++) {
		const rec_t *r = &m->recs[i];
		int rc = r->section == Q53_SEC_QUESTION
			     ? q53_writer_question(&w, r->owner, r->type, r->rclass)
			     : q53_writer_rr(&w, (q53_section)r->section, r->owner, r->type, r->rclass,
					     r->ttl, r->rdata, r->rdlen);
		assert_int_equal(rc, 0);
	}
	if (m->edns)
		assert_int_equal(q53_writer_edns(&w, &m->e), 0);
	return q53_writer_finish(&w);
}

static void test_q53_to_ldns(void **state)
{
	(void)state;
	rng_t g = {0xD1B54A32D192ED03ull};
	message_t m = {.recs = calloc(MAX_RECS, sizeof(rec_t))};
	uint8_t *buf = malloc(Q53_MSG_MAX);
	assert_non_null(m.recs);
	assert_non_null(buf);
	size_t plain = 0, written = 0;
	for (unsigned i = 0; i < MESSAGES; i++) {
		random_message(&g, &m, 0);
		int len = q53_encode(&m, buf, Q53_MSG_MAX);
		assert_true(len >= Q53_HEADER_LEN);
		ldns_pkt *p = NULL;
		ldns_status st = ldns_wire2pkt(&p, buf, (size_t)len);
		if (st != LDNS_STATUS_OK)
			print_error("ldns rejects message %u: %s\n", i, ldns_get_errorstr_by_id(st));
		assert_int_equal(st, LDNS_STATUS_OK);
		assert_int_equal(ldns_pkt_id(p), m.id);
		assert_int_equal(ldns_pkt_qr(p), (m.flags & Q53_FLAG_QR) != 0);
		assert_int_equal(ldns_pkt_aa(p), (m.flags & Q53_FLAG_AA) != 0);
		assert_int_equal(ldns_pkt_tc(p), (m.flags & Q53_FLAG_TC) != 0);
		assert_int_equal(ldns_pkt_rd(p), (m.flags & Q53_FLAG_RD) != 0);
		assert_int_equal(ldns_pkt_ra(p), (m.flags & Q53_FLAG_RA) != 0);
		assert_int_equal(ldns_pkt_ad(p), (m.flags & Q53_FLAG_AD) != 0);
		assert_int_equal(ldns_pkt_cd(p), (m.flags & Q53_FLAG_CD) != 0);
		assert_int_equal(ldns_pkt_get_opcode(p), Q53_FLAGS_OPCODE(m.flags));
		/* ldns folds the OPT extended rcode into its rcode (RFC 6891 6.1.3). */
		assert_int_equal(ldns_pkt_get_rcode(p) & 0xF, Q53_FLAGS_RCODE(m.flags));
		unsigned at[4] = {0, 0, 0, 0};
		for (unsigned j = 0; j < m.nrec; j++) {
			const rec_t *r = &m.recs[j];
			ldns_rr_list *list = ldns_pkt_get_section_clone(p, ldns_sections[r->section]);
			assert_non_null(list);
			assert_true(at[r->section] < ldns_rr_list_rr_count(list));
			assert_ldns_rr_is(ldns_rr_list_rr(list, at[r->section]++), r);
			ldns_rr_list_deep_free(list);
			uint8_t tmp[Q53_MSG_MAX];
			plain += rec_wire(r, tmp);
		}
		for (unsigned s = 0; s < 4; s++) {
			ldns_rr_list *list = ldns_pkt_get_section_clone(p, ldns_sections[s]);
			assert_int_equal(ldns_rr_list_rr_count(list), at[s]);
			ldns_rr_list_deep_free(list);
		}
		assert_int_equal(ldns_pkt_edns(p), m.edns);
		if (m.edns) {
			assert_int_equal(ldns_pkt_edns_udp_size(p), m.e.udp_size);
			assert_int_equal(ldns_pkt_edns_version(p), m.e.version);
			assert_int_equal(ldns_pkt_edns_extended_rcode(p), m.e.ext_rcode);
			assert_int_equal(ldns_pkt_edns_z(p), m.e.flags);
			ldns_rdf *data = ldns_pkt_edns_data(p);
			assert_int_equal(data ? ldns_rdf_size(data) : 0, m.e.options_len);
			if (m.e.options_len > 0)
				assert_memory_equal(ldns_rdf_data(data), m.e.options, m.e.options_len);
		}
		written += (size_t)len - Q53_HEADER_LEN - (m.edns ? q53_edns_wire_size(&m.e) : 0);
		ldns_pkt_free(p);
	}
	/* The writer did compress: what it wrote is well below the records' uncompressed size. */
	assert_true(written < plain - plain / 10);
	free(buf);
	free(m.recs);
}

static bool blind(uint16_t t)
{
	for (size_t i = 0; i < sizeof ldns_blind / sizeof ldns_blind[0]; i++)
		if (ldns_blind[i] == t)
			return true;
	return false;
}

/* The generator covers exactly the types q53 has a layout for, but those ldns cannot read, so a new row
 * in rrtype.c gets tested. */
static void test_ldns_layouts_cover_q53(void **state)
{
	(void)state;
	for (unsigned t = 0; t <= 65535; t++)
		if (q53_type_known((uint16_t)t) && layout_of((uint16_t)t) == NULL && !blind((uint16_t)t))
			fail_msg("type %u has a q53 layout but none in test_ldns.c", t);
	for (unsigned i = 0; i < NLAYOUTS; i++)
		assert_true(q53_type_known(layouts[i].type));
	for (unsigned i = 0; i < sizeof ldns_blind / sizeof ldns_blind[0]; i++) {
		assert_true(q53_type_known(ldns_blind[i]));
		assert_null(layout_of(ldns_blind[i]));
	}
	for (unsigned i = 0; i < sizeof opaque_types / sizeof opaque_types[0]; i++)
		assert_false(q53_type_known(opaque_types[i]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ldns_layouts_cover_q53),
	    cmocka_unit_test(test_ldns_to_q53),
	    cmocka_unit_test(test_q53_to_ldns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
