/*
 * Domain names in uncompressed wire form: presentation <-> wire (RFC 1035 5.1 escapes), validation,
 * case-insensitive comparison (RFC 4343), hashing and canonical order (RFC 4034 6.1).
 *
 * Goal: every other part of q53 handles names as these bounded octet strings, validated once here or in
 * the reader, so no later function needs a length check. Non-goal: IDNA (idna/ does that on top).
 */
#include "config.h"

#include <string.h>

#include "q53/name.h"
#include "codec_int.h"

#define L(c)   ((uint8_t)((c) >= 'A' && (c) <= 'Z' ? (c) + 32 : (c)))
#define L4(c)  L(c), L(c + 1), L(c + 2), L(c + 3)
#define L16(c) L4(c), L4(c + 4), L4(c + 8), L4(c + 12)
#define L64(c) L16(c), L16(c + 16), L16(c + 32), L16(c + 48)
const uint8_t q53__lower[256] = {L64(0), L64(64), L64(128), L64(192)};

int q53_name_from_text(const char *text, size_t len, const uint8_t *origin, uint8_t *out)
{
	if (text == NULL || out == NULL)
		return Q53_EINVAL;
	if (len == 0)
		return Q53_EEMPTY;
	if (len == 1 && text[0] == '.') {
		out[0] = 0;
		return 1;
	}
	/* Invariant: out[ls] is the length octet of the label being filled, out[ls+1..p) its data, l =
	 * p-ls-1. A data octet may go at most at index 253 so that the root octet still fits at 254. */
	size_t ls = 0, p = 1, l = 0;
	int absolute = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned c = (uint8_t)text[i];
		if (c == '.') {
			if (l == 0)
				return Q53_EEMPTY;
			out[ls] = (uint8_t)l;
			if (i + 1 == len) {
				absolute = 1;
				ls = p;
				break;
			}
			if (p > 254)
				return Q53_ENAMELEN;
			ls = p++;
			l = 0;
			continue;
		}
		if (c == '\\') {
			if (++i >= len)
				return Q53_EESCAPE;
			c = (uint8_t)text[i];
			if (c >= '0' && c <= '9') {
				if (i + 2 >= len)
					return Q53_EESCAPE;
				unsigned d1 = (uint8_t)text[i + 1] - (unsigned)'0',
					 d2 = (uint8_t)text[i + 2] - (unsigned)'0';
				if (d1 > 9 || d2 > 9)
					return Q53_EESCAPE;
				c = (c - '0') * 100 + d1 * 10 + d2;
				if (c > 255)
					return Q53_EESCAPE;
				i += 2;
			}
		}
		if (l == Q53_LABEL_MAX)
			return Q53_ELABELLEN;
		if (p > 253)
			return Q53_ENAMELEN;
		out[p++] = (uint8_t)c;
		l++;
	}
	if (absolute) {
		out[ls] = 0;
		return (int)ls + 1;
	}
	out[ls] = (uint8_t)l;
	if (origin == NULL)
		return Q53_ERELATIVE;
	size_t olen = q53_name_len(origin);
	if (p + olen > Q53_NAME_MAX)
		return Q53_ENAMELEN;
	memcpy(out + p, origin, olen);
	return (int)(p + olen);
}

/* Octets that must be escaped in presentation form (RFC 1035 5.1 and the master-file specials). */
static int special(unsigned c)
{
	return c == '.' || c == ';' || c == '\\' || c == '(' || c == ')' || c == '"' || c == '@' || c == '$';
}

int q53_name_to_text(const uint8_t *name, char *buf, size_t size)
{
	size_t n = 0;
#define PUT(ch)                              \
	do {                                 \
		if (n + 1 < size)            \
			buf[n] = (char)(ch); \
		n++;                         \
	} while (0)
	if (name[0] == 0)
		PUT('.');
	for (const uint8_t *p = name; *p != 0; p += 1 + *p) {
		for (unsigned i = 1; i <= *p; i++) {
			unsigned c = p[i];
			if (special(c)) {
				PUT('\\');
				PUT(c);
			} else if (c < 0x21 || c > 0x7E) {
				PUT('\\');
				PUT('0' + c / 100);
				PUT('0' + c / 10 % 10);
				PUT('0' + c % 10);
			} else {
				PUT(c);
			}
		}
		PUT('.');
	}
#undef PUT
	if (size > 0)
		buf[n < size ? n : size - 1] = '\0';
	return (int)n;
}

int q53_name_check(const uint8_t *buf, size_t len)
{
	/* Invariant: buf[0..i) is a sequence of whole labels totalling at most 255 octets. */
	size_t i = 0;
	for (;;) {
		if (i >= len)
			return Q53_ETRUNCATED;
		unsigned l = buf[i];
		if ((l & 0xC0) == 0xC0)
			return Q53_ECOMPRESSED;
		if (l & 0xC0)
			return Q53_ELABELTYPE;
		if (i + 1 + l > Q53_NAME_MAX)
			return Q53_ENAMELEN;
		if (l == 0)
			return (int)i + 1;
		i += 1 + l;
	}
}

size_t q53_name_len(const uint8_t *name)
{
	const uint8_t *p = name;
	while (*p != 0)
		p += 1 + *p;
	return (size_t)(p - name) + 1;
}

unsigned q53_name_labels(const uint8_t *name)
{
	unsigned n = 0;
	for (const uint8_t *p = name; *p != 0; p += 1 + *p)
		n++;
	return n;
}

/*
 * Eight octets at a time with ASCII upper case folded to lower case in every octet (a SWAR form of
 * q53__lower): a length octet (below 64) is never changed, so whole wire names fold and compare in words.
 */
static inline uint64_t fold8(uint64_t x)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
	uint64_t low7 = x & ~high;			/* at most 0x7F per octet: no carries below */
	uint64_t ge_a = low7 + (0x80 - 'A') * ones;	/* top bit set where the octet >= 'A' */
	uint64_t gt_z = low7 + (0x80 - 'Z' - 1) * ones; /* top bit set where the octet > 'Z' */
	uint64_t upper = ge_a & ~gt_z & ~x & high;	/* 'A'..'Z', not octets >= 0x80 */
	return x | upper >> 2;				/* 0x80 >> 2 is the case bit 0x20 */
}

static inline uint64_t load8(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

bool q53_name_equal(const uint8_t *a, const uint8_t *b)
{
	/* The label structure first, both names in one walk (a length octet that differs ends it, so b is
	 * never read past its end): then every word read below lies inside both names. */
	size_t i = 0;
	while (a[i] != 0) {
		if (b[i] != a[i])
			return false;
		i += 1u + a[i];
	}
	if (b[i] != 0)
		return false;
	size_t n = i + 1;
	if (n < 8) {
		for (i = 0; i < n; i++)
			if (q53__lower[a[i]] != q53__lower[b[i]])
				return false;
		return true;
	}
	/* Whole words, then the last 8 octets (overlapping the words before). */
	for (i = 0; i + 8 < n; i += 8) {
		uint64_t x = load8(a + i), y = load8(b + i);
		if (x != y && fold8(x) != fold8(y))
			return false;
	}
	uint64_t x = load8(a + n - 8), y = load8(b + n - 8);
	return x == y || fold8(x) == fold8(y);
}

/* Offsets of the labels of name, root excluded; returns how many. */
static unsigned label_offsets(const uint8_t *name, uint8_t off[128])
{
	unsigned n = 0;
	for (unsigned i = 0; name[i] != 0; i += 1u + name[i])
		off[n++] = (uint8_t)i;
	return n;
}

int q53_name_compare(const uint8_t *a, const uint8_t *b)
{
	uint8_t ao[128], bo[128];
	unsigned an = label_offsets(a, ao), bn = label_offsets(b, bo);
	/* RFC 4034 6.1: compare from the most significant (rightmost) label; within a label as lower-case
	 * octet strings, where a label that is a prefix of the other sorts first. */
	while (an > 0 && bn > 0) {
		const uint8_t *la = a + ao[--an], *lb = b + bo[--bn];
		unsigned m = la[0] < lb[0] ? la[0] : lb[0];
		for (unsigned i = 1; i <= m; i++) {
			int d = (int)q53__lower[la[i]] - (int)q53__lower[lb[i]];
			if (d != 0)
				return d;
		}
		if (la[0] != lb[0])
			return (int)la[0] - (int)lb[0];
	}
	return (int)an - (int)bn;
}

uint32_t q53_name_hash(const uint8_t *name)
{
	/* The lower-cased wire form in 8-octet words (the last one zero-filled), each mixed in with a
	 * multiply, then the high half folded down: names equal under q53_name_equal() hash the same. */
	const uint64_t k = UINT64_C(0x9E3779B97F4A7C15);
	size_t n = q53_name_len(name);
	uint64_t h = n * k;
	size_t i = 0;
	for (; i + 8 <= n; i += 8)
		h = (h ^ fold8(load8(name + i))) * k;
	if (i < n) {
		uint64_t t;
		if (n >= 8) {
			/* The last 8 octets, those already mixed in shifted out (little-endian: the first
			 * octet is the lowest). */
			t = load8(name + n - 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			t >>= 8 * (8 - (n - i));
#else
			t <<= 8 * (8 - (n - i));
#endif
		} else {
			uint8_t b[8] = {0};
			memcpy(b, name, n);
			t = load8(b);
		}
		h = (h ^ fold8(t)) * k;
	}
	h ^= h >> 29;
	h *= k;
	return (uint32_t)(h >> 32);
}

bool q53_name_is_sub(const uint8_t *name, const uint8_t *parent)
{
	/* The suffix of name as long as parent, if it starts at a label of name. */
	size_t n = q53_name_len(name), pn = q53_name_len(parent);
	if (pn > n)
		return false;
	size_t i = 0;
	while (i < n - pn)
		i += 1u + name[i];
	return i == n - pn && q53_name_equal(name + i, parent);
}

void q53_name_lower(uint8_t *name)
{
	for (uint8_t *p = name; *p != 0; p += 1 + *p)
		for (unsigned i = 1; i <= *p; i++)
			p[i] = q53__lower[p[i]];
}
