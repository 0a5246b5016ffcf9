/*
 * Internationalized domain names where names meet people: whole presentation names between U-labels in
 * UTF-8 and A-labels "xn--..." (IDNA2008, RFC 5890-5893; Punycode, RFC 3492), with the UTS #46 mapping in its
 * non-transitional form (case folding, NFC, full-width dots; "faß" stays "xn--fa-hia"), through libidn2.
 *
 * Goal: an ASCII name costs a copy (no libidn2 call, byte for byte, so "_dmarc", "*", "\DDD", case and the
 * trailing dot survive); a Unicode name is converted label by label so that every error names its label
 * and says why in words. Non-goal: registration rules (RFC 5891 section 4); this is lookup (section 5).
 *
 * Why label by label rather than the whole name in one libidn2 call: libidn2 maps the whole string first,
 * so it would split "\." escapes, lowercase and re-check ASCII labels, and fail without saying which label.
 */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/*
 * Q53_IDNA_X86: the fast path also has an AVX2 variant, compiled with GCC's and clang's target attribute and
 * chosen at run time from CPUID and XGETBV, as glibc chooses its memcpy(). There is no AVX-512 variant on
 * purpose. One (masked blocks of exactly the name) was the fastest in bench/bench_idna's hot loop and
 * cost libq53 0.6-0.8 us per lookup in bench_resolve (5.8 against 5.0 us of CPU, 170k against 195-225k
 * lookups/s, runs alternating on 2026-11-27); skipping its empty second block (mask 0, past a short name)
 * took back most of that. Our reading: a masked store counts as a store to its whole block, so the
 * caller's variables next to the output, read soon after, wait for it instead of being forwarded.
 */
#if defined(__x86_64__) && defined(__GNUC__)
#define Q53_IDNA_X86 1
#include <cpuid.h>
#include <immintrin.h>
#else
#define Q53_IDNA_X86 0
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#endif

#include <idn2.h>

/* This file defines q53_idna_to_ascii() itself, not the callers' in-line fast path. */
#define Q53_IDNA_NO_INLINE 1
#include "q53/idna.h"
#include "q53/name.h"

#include "fastpath.h"

/*
 * Every libidn2 call: UTS #46 non-transitional mapping (ß, ς, ZWJ and ZWNJ kept), input normalized to NFC.
 * Not IDN2_USE_STD3_ASCII_RULES: UTS #46 with UseSTD3ASCIIRules=false, like the WHATWG URL standard, so a
 * label such as "_ü" is accepted the same way "_dmarc" is.
 */
enum { IDN_FLAGS = IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT };

/* Octets of UTF-8 one label may have before mapping. A valid U-label has at most 59 code points (its
 * A-label is 63 octets), so this leaves room for 250 ignored code points (soft hyphens, variation
 * selectors) that the mapping removes. */
enum { ULABEL_MAX = 1023 };

#define NO_CP UINT32_MAX /* no single code point is to blame */

/* Output with the snprintf contract: n counts every octet offered, buf gets what fits before the NUL. */
typedef struct sink {
	char *buf;
	size_t size;
	size_t n;
} sink;

static void put(sink *s, const char *p, size_t n)
{
	if (s->size > 0 && s->n < s->size - 1) {
		size_t room = s->size - 1 - s->n;
		memcpy(s->buf + s->n, p, n < room ? n : room);
	}
	s->n += n;
}

static void finish(sink *s)
{
	if (s->size > 0)
		s->buf[s->n < s->size ? s->n : s->size - 1] = '\0';
}

/* Appends the octets p[0..n) of one label in presentation form, escaped as q53_name_to_text() does
 * (RFC 1035 5.1): the master-file specials get a backslash, octets outside 0x21..0x7E become \DDD. */
static void put_escaped(sink *s, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint8_t c = (uint8_t)p[i];
		if (c < 0x21 || c > 0x7E) {
			char esc[4] = {'\\', (char)('0' + c / 100), (char)('0' + c / 10 % 10),
				       (char)('0' + c % 10)};
			put(s, esc, 4);
			continue;
		}
		if (strchr(".;\\()\"@$", c) != NULL)
			put(s, "\\", 1);
		put(s, p + i, 1);
	}
}

/*
 * The fast path copies in[0..len) and a NUL to out, which holds len + 1 octets, and tells whether every octet
 * is in 0x01..0x7F; false means out holds garbage and the slow path starts over. Copying while testing keeps
 * an ASCII name at the cost of a copy, the goal: the blocks are the ones glibc's memcpy() moves for the same
 * length (the first and last overlap, so 16 to 32 octets take two 16-octet loads and stores, 33 to 64 two
 * 32-octet ones, 65 to 128 four). The hits are the
 * octets <= 0 as signed chars, 0 and 0x80..0xFF: exactly those whose signed saturating decrement (psubsb) has
 * its top bit set, and the blocks' signed minimum (pminsb) holds a hit exactly when one of them does, so the
 * test costs about one operation per block. No variant reads or writes an octet outside in[0..len) and
 * out[0..len]: a name that ends at the end of a page never touches the next one, and ASan has nothing to
 * flag.
 */

/* The copies are inlined into each variant, which then needs no stack frame; LIKELY(c) lays the fast path
 * out straight, as taken branches cost it most. */
#if defined(__GNUC__)
#define INLINE	    static inline __attribute__((always_inline))
#define LIKELY(c)   __builtin_expect(!!(c), 1)
#define UNLIKELY(c) __builtin_expect(!!(c), 0)
#else
#define INLINE	    static inline
#define LIKELY(c)   (c)
#define UNLIKELY(c) (c)
#endif

/*
 * Below 16 octets, in general registers, 8, 4 or 1 at a time, the last block overlapping the one before
 * it (everywhere else, the whole name this way): ((w - 0x01..01) | w) has a top bit set exactly when some
 * octet of w is 0 or >= 0x80, as a borrow only starts at a zero octet, itself a hit.
 */
INLINE bool copy_words(const char *in, size_t len, char *out)
{
	const uint64_t ones = 0x0101010101010101u, tops = 0x8080808080808080u;
	uint64_t hits = 0, w;
	if (len >= 8) {
		size_t i = 0;
		/* Invariant: in[0..i) is copied and its words' tests are or-ed into hits. */
		for (; i + 8 < len; i += 8) {
			memcpy(&w, in + i, 8);
			memcpy(out + i, &w, 8);
			hits |= (w - ones) | w;
		}
		memcpy(&w, in + len - 8, 8);
		memcpy(out + len - 8, &w, 8);
		hits |= (w - ones) | w;
	} else if (len >= 4) {
		/* In 32 bits: no 64-bit constant to load, no register to save. */
		uint32_t a, b;
		memcpy(&a, in, 4);
		memcpy(&b, in + len - 4, 4);
		memcpy(out, &a, 4);
		memcpy(out + len - 4, &b, 4);
		hits = ((a - 0x01010101u) | a | (b - 0x01010101u) | b) & 0x80808080u;
	} else if (len >= 2) {
		/* Two overlapping 16-bit halves, as memcpy() does: few registers, no loop. */
		uint16_t a, b;
		memcpy(&a, in, 2);
		memcpy(&b, in + len - 2, 2);
		memcpy(out, &a, 2);
		memcpy(out + len - 2, &b, 2);
		hits = ((a - 0x0101u) | a | (b - 0x0101u) | b) & 0x8080u;
	} else if (len == 1) {
		uint8_t c = (uint8_t)in[0];
		out[0] = (char)c;
		hits = ((c - 1u) | c) & 0x80u;
	}
	out[len] = '\0';
	return (hits & tops) == 0;
}

#if defined(__SSE2__)
/*
 * The short classes of the SSE2 and AVX2 variants, each without a loop or a branch, as memcpy() copies
 * them: 16 to 32 octets in two overlapping 16-octet blocks, 8 to 15 in two overlapping words.
 */
INLINE bool copy_16_32(const char *in, size_t len, char *out)
{
	/* SSE2 has no pminsb (SSE4.1): the decrements are or-ed. */
	const __m128i one = _mm_set1_epi8(1);
	__m128i a = _mm_loadu_si128((const __m128i *)(const void *)in);
	__m128i z = _mm_loadu_si128((const __m128i *)(const void *)(in + len - 16));
	_mm_storeu_si128((__m128i *)(void *)out, a);
	_mm_storeu_si128((__m128i *)(void *)(out + len - 16), z);
	out[len] = '\0';
	return _mm_movemask_epi8(_mm_or_si128(_mm_subs_epi8(a, one), _mm_subs_epi8(z, one))) == 0;
}

INLINE bool copy_8_15(const char *in, size_t len, char *out)
{
	/* In SSE registers: the general ones hold the six arguments the slow path may need. */
	__m128i a = _mm_loadl_epi64((const __m128i *)(const void *)in);
	__m128i z = _mm_loadl_epi64((const __m128i *)(const void *)(in + len - 8));
	_mm_storel_epi64((__m128i *)(void *)out, a);
	_mm_storel_epi64((__m128i *)(void *)(out + len - 8), z);
	out[len] = '\0';
	return _mm_movemask_epi8(_mm_subs_epi8(_mm_unpacklo_epi64(a, z), _mm_set1_epi8(1))) == 0;
}
#endif

/* The baseline of every x86-64 CPU: 16 octets per SSE2 step from 16 octets on. */
INLINE bool copy_ascii(const char *in, size_t len, char *out)
{
#if defined(__SSE2__)
	if (len >= 16) {
		/* SSE2 has no pminsb (SSE4.1): the decrements are or-ed. */
		const __m128i one = _mm_set1_epi8(1);
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)in);
		__m128i z = _mm_loadu_si128((const __m128i *)(const void *)(in + len - 16));
		__m128i hits = _mm_or_si128(_mm_subs_epi8(a, one), _mm_subs_epi8(z, one));
		/* Invariant: in[0..i) and the last block are tested; in[16..i) is copied. */
		for (size_t i = 16; i + 16 < len; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(in + i));
			_mm_storeu_si128((__m128i *)(void *)(out + i), v);
			hits = _mm_or_si128(hits, _mm_subs_epi8(v, one));
		}
		_mm_storeu_si128((__m128i *)(void *)out, a);
		_mm_storeu_si128((__m128i *)(void *)(out + len - 16), z);
		out[len] = '\0';
		return _mm_movemask_epi8(hits) == 0;
	}
#endif
	return copy_words(in, len, out);
}

/* Up to 32 octets, the same in every variant: no loop, no branch but the length classes. */
INLINE bool copy_short(const char *in, size_t len, char *out)
{
#if defined(__SSE2__)
	return len >= 16  ? copy_16_32(in, len, out)
	       : len >= 8 ? copy_8_15(in, len, out)
			  : copy_words(in, len, out);
#else
	return copy_words(in, len, out);
#endif
}

#if Q53_IDNA_X86
/*
 * AVX2, for more than 32 octets: 32 octets per step, as glibc's AVX2 memcpy() moves them. 33 to 64 octets
 * take two overlapping steps, without a loop or a branch.
 */
__attribute__((target("avx2"))) INLINE bool copy_33_64(const char *in, size_t len, char *out)
{
	__m256i a = _mm256_loadu_si256((const __m256i *)(const void *)in);
	__m256i z = _mm256_loadu_si256((const __m256i *)(const void *)(in + len - 32));
	_mm256_storeu_si256((__m256i *)(void *)out, a);
	_mm256_storeu_si256((__m256i *)(void *)(out + len - 32), z);
	out[len] = '\0';
	return _mm256_movemask_epi8(_mm256_subs_epi8(_mm256_min_epi8(a, z), _mm256_set1_epi8(1))) == 0;
}

/* More than 64 octets: four steps up to 128 (an IPv6 reverse name has 73), a loop in between beyond. */
__attribute__((target("avx2"))) INLINE bool copy_long_avx2(const char *in, size_t len, char *out)
{
	__m256i a = _mm256_loadu_si256((const __m256i *)(const void *)in);
	__m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(in + 32));
	__m256i y = _mm256_loadu_si256((const __m256i *)(const void *)(in + len - 64));
	__m256i z = _mm256_loadu_si256((const __m256i *)(const void *)(in + len - 32));
	__m256i low = _mm256_min_epi8(_mm256_min_epi8(a, b), _mm256_min_epi8(y, z));
	/* Invariant: in[0..i) and the last 64 octets are in low; out[64..i) is copied. */
	for (size_t i = 64; i + 64 < len; i += 32) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(in + i));
		_mm256_storeu_si256((__m256i *)(void *)(out + i), v);
		low = _mm256_min_epi8(low, v);
	}
	_mm256_storeu_si256((__m256i *)(void *)out, a);
	_mm256_storeu_si256((__m256i *)(void *)(out + 32), b);
	_mm256_storeu_si256((__m256i *)(void *)(out + len - 64), y);
	_mm256_storeu_si256((__m256i *)(void *)(out + len - 32), z);
	out[len] = '\0';
	return _mm256_movemask_epi8(_mm256_subs_epi8(low, _mm256_set1_epi8(1))) == 0;
}
#endif

/* The same test without a copy, for an output buffer too small to take the whole name. */
static bool plain_ascii(const char *in, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		uint8_t c = (uint8_t)in[i];
		if (c == 0 || c >= 0x80)
			return false;
	}
	return true;
}

/*
 * Decodes the UTF-8 sequence at s[0..n) (RFC 3629: shortest form, no surrogates, at most U+10FFFF).
 * Returns its length, or 0 when it is not valid UTF-8.
 */
static size_t utf8_decode(const uint8_t *s, size_t n, uint32_t *cp)
{
	static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
	size_t k;
	uint32_t c = s[0];
	if (c < 0x80)
		k = 1;
	else if (c >= 0xC2 && c <= 0xDF)
		k = 2, c &= 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		k = 3, c &= 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		k = 4, c &= 0x07;
	else
		return 0;
	if (k > n)
		return 0;
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3Fu);
	}
	if (c < min[k] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return k;
}

/* Length of the label separator at in[i], 0 when there is none: '.' and the three dots UTS #46 section 4
 * step 1 maps to it, U+3002 IDEOGRAPHIC FULL STOP, U+FF0E FULLWIDTH FULL STOP, U+FF61 HALFWIDTH IDEOGRAPHIC
 * FULL STOP. Byte matching is safe: a UTF-8 lead octet never occurs inside another sequence. */
static size_t separator(const uint8_t *in, size_t len, size_t i)
{
	if (in[i] == '.')
		return 1;
	if (i + 3 > len)
		return 0;
	if ((in[i] == 0xE3 && in[i + 1] == 0x80 && in[i + 2] == 0x82) ||
	    (in[i] == 0xEF && in[i + 1] == 0xBC && in[i + 2] == 0x8E) ||
	    (in[i] == 0xEF && in[i + 1] == 0xBD && in[i + 2] == 0xA1))
		return 3;
	return 0;
}

/* Where an error sentence goes, and the input it quotes. */
typedef struct why_t {
	char *buf;
	size_t size;
	const char *in;
	size_t len;
} why_t;

/*
 * Writes "\"<input>\": <reason>" into w->buf (snprintf contract). The input is quoted as typed, except
 * octets that would garble a terminal or the quoting (controls, '"', invalid UTF-8), shown as \DDD or \".
 */
__attribute__((format(printf, 2, 3))) static void explain(const why_t *w, const char *fmt, ...)
{
	if (w->buf == NULL || w->size == 0)
		return;
	sink s = {w->buf, w->size, 0};
	const uint8_t *in = (const uint8_t *)w->in;
	put(&s, "\"", 1);
	for (size_t i = 0; i < w->len;) {
		uint32_t cp;
		size_t k = utf8_decode(in + i, w->len - i, &cp);
		if (k == 0 || cp < 0x20 || cp == 0x7F) {
			char esc[4] = {'\\', (char)('0' + in[i] / 100), (char)('0' + in[i] / 10 % 10),
				       (char)('0' + in[i] % 10)};
			put(&s, esc, 4);
			i++;
			continue;
		}
		if (cp == '"')
			put(&s, "\\", 1);
		put(&s, w->in + i, k);
		i += k;
	}
	put(&s, "\": ", 3);
	finish(&s);
	if (s.n < w->size) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(w->buf + s.n, w->size - s.n, fmt, ap);
		va_end(ap);
	}
}

/*
 * Finds the code point of the UTF-8 label lab that makes libidn2 fail with rc, for the error sentence.
 * libidn2 only says what kind of rule failed, so each code point is tried alone (ASCII ones after "ä", as
 * libidn2 checks nothing in an all-ASCII label); the first that fails the same way is the culprit.
 * Returns NO_CP when no single code point does (a rule about the whole label, such as the bidi rule).
 */
static uint32_t culprit(const char *lab, size_t n, int rc)
{
	/* Invariant: lab[0..i) is whole UTF-8 sequences, none of which fails alone with rc. */
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode((const uint8_t *)lab + i, n - i, &cp);
		if (k == 0)
			return NO_CP;
		char probe[8] = "\xc3\xa4";
		size_t at = cp < 0x80 ? 2 : 0;
		memcpy(probe + at, lab + i, k);
		probe[at + k] = '\0';
		uint8_t *res = NULL;
		int r = idn2_lookup_u8((const uint8_t *)probe, &res, IDN_FLAGS);
		idn2_free(res);
		if (r == rc)
			return cp;
		i += k;
	}
	return NO_CP;
}

/*
 * Explains libidn2's error rc for label number no (lab[0..n), NUL-terminated) in plain words, naming the
 * code point to blame where one is. Returns the q53 error code for rc.
 */
static int idn_error(const why_t *w, unsigned no, const char *lab, size_t n, int rc)
{
	const char *not2008 = "is not allowed in IDNA2008";
	char cp[16] = "";
	uint32_t c = NO_CP;
	switch (rc) {
	case IDN2_MALLOC:
		explain(w, "label %u: out of memory", no);
		return Q53_ENOMEM;
	case IDN2_PUNYCODE_BIG_OUTPUT:
	case IDN2_TOO_BIG_LABEL:
		explain(w, "label %u is longer than 63 octets as an A-label (RFC 1035 2.3.4)", no);
		return Q53_ELABELLEN;
	case IDN2_TOO_BIG_DOMAIN:
		explain(w, "label %u makes the name longer than 255 octets (RFC 1035 2.3.4)", no);
		return Q53_ENAMELEN;
	case IDN2_DISALLOWED:
	case IDN2_UNASSIGNED:
	case IDN2_CONTEXTJ:
	case IDN2_CONTEXTJ_NO_RULE:
	case IDN2_CONTEXTO:
	case IDN2_CONTEXTO_NO_RULE:
	case IDN2_LEADING_COMBINING:
	case IDN2_ALABEL_ROUNDTRIP_FAILED:
		c = culprit(lab, n, rc);
		if (c != NO_CP)
			snprintf(cp, sizeof cp, " U+%04X", (unsigned)c);
		break;
	default:
		break;
	}
	switch (rc) {
	case IDN2_DISALLOWED:
		explain(w, "label %u %s (disallowed code point%s)", no, not2008, cp);
		break;
	case IDN2_UNASSIGNED:
		explain(w, "label %u %s (unassigned code point%s)", no, not2008, cp);
		break;
	case IDN2_CONTEXTJ:
	case IDN2_CONTEXTJ_NO_RULE:
		/* RFC 5892 A.1 (ZERO WIDTH NON-JOINER) and A.2 (ZERO WIDTH JOINER). */
		explain(w,
			"label %u %s (joiner%s out of its context: RFC 5892 appendix A allows it only after "
			"a virama%s)",
			no, not2008, cp, c == 0x200C ? " or between letters that join" : "");
		break;
	case IDN2_CONTEXTO:
	case IDN2_CONTEXTO_NO_RULE:
		explain(w, "label %u %s (code point%s out of its context, RFC 5892 appendix A)", no, not2008,
			cp);
		break;
	case IDN2_LEADING_COMBINING:
		explain(w, "label %u %s (it starts with the combining mark%s, RFC 5891 5.4)", no, not2008,
			cp);
		break;
	case IDN2_BIDI:
		explain(
		    w, "label %u %s (it breaks the bidi rule of RFC 5893 section 2 for right-to-left labels)",
		    no, not2008);
		break;
	case IDN2_2HYPHEN:
		explain(
		    w,
		    "label %u %s (\"--\" in the third and fourth positions is kept for A-labels, RFC 5891 "
		    "4.2.3.1)",
		    no, not2008);
		break;
	case IDN2_HYPHEN_STARTEND:
		explain(w, "label %u %s (it starts or ends with a hyphen, RFC 5891 4.2.3.1)", no, not2008);
		break;
	case IDN2_ENCODING_ERROR:
		explain(w, "label %u is not valid UTF-8 (RFC 3629)", no);
		break;
	case IDN2_NFC:
	case IDN2_NOT_NFC:
		explain(w, "label %u cannot be put in Unicode normalization form C", no);
		break;
	case IDN2_INVALID_NONTRANSITIONAL:
		explain(w, "label %u maps to an A-label that is not valid (UTS #46 section 4 step 4)", no);
		break;
	case IDN2_ALABEL_ROUNDTRIP_FAILED:
		explain(
		    w,
		    "label %u cannot be an A-label (code point%s does not survive the Punycode round trip)",
		    no, cp);
		break;
	default:
		explain(w, "label %u is not valid IDNA (libidn2: %s)", no, idn2_strerror(rc));
		break;
	}
	return Q53_EIDNA;
}

/* Checks the ASCII label lab[0..n), escapes included, with the codec's parser; returns its length in
 * octets or the parser's error, explained. */
static int check_ascii_label(const why_t *w, unsigned no, const char *lab, size_t n)
{
	static const uint8_t root[1] = {0};
	uint8_t wire[Q53_NAME_MAX];
	int r = q53_name_from_text(lab, n, root, wire);
	switch (r) {
	case Q53_ELABELLEN:
		explain(w, "label %u is longer than 63 octets (RFC 1035 2.3.4)", no);
		return r;
	case Q53_EESCAPE:
		explain(w, "label %u has a bad escape (RFC 1035 5.1: \\X, or \\DDD up to 255)", no);
		return r;
	default:
		if (r < 0) {
			explain(w, "label %u: %s", no, q53_strerror(r));
			return r;
		}
		return wire[0]; /* one label: wire holds its length octet, its octets, the root */
	}
}

/* Converts the non-ASCII label lab[0..n) and appends its A-label to out; returns its length in octets. */
static int convert_label(const why_t *w, unsigned no, const char *lab, size_t n, sink *out)
{
	if (memchr(lab, '\\', n) != NULL) {
		explain(w, "label %u mixes a backslash escape with non-ASCII characters", no);
		return Q53_EIDNA;
	}
	if (n > ULABEL_MAX) {
		explain(w, "label %u is longer than %u octets of UTF-8", no, (unsigned)ULABEL_MAX);
		return Q53_ELABELLEN;
	}
	char u[ULABEL_MAX + 1];
	memcpy(u, lab, n);
	u[n] = '\0';
	uint8_t *a = NULL;
	int rc = idn2_lookup_u8((const uint8_t *)u, &a, IDN_FLAGS);
	if (rc != IDN2_OK) {
		idn2_free(a);
		return idn_error(w, no, u, n, rc);
	}
	/* An A-label (or an ASCII label the mapping produced) goes out in presentation form, so its octets
	 * are escaped as q53_name_to_text() would; the wire length is the raw octet count. */
	const char *p = (const char *)a;
	size_t an = strlen(p);
	int r = (int)an;
	if (an == 0) {
		explain(w, "label %u maps to an empty label (UTS #46 section 4 step 1 removes all it holds)",
			no);
		r = Q53_EEMPTY;
	} else if (memchr(p, '.', an) != NULL) {
		explain(w, "label %u maps to a dot (UTS #46 section 4 step 1)", no);
		r = Q53_EIDNA;
	} else if (an > Q53_LABEL_MAX) {
		explain(w, "label %u is %zu octets long as an A-label, more than 63 (RFC 1035 2.3.4)", no,
			an);
		r = Q53_ELABELLEN;
	} else {
		put_escaped(out, p, an);
	}
	idn2_free(a);
	return r;
}

/* The slow path: in holds at least one octet outside 0x01..0x7F. */
static int to_ascii(const why_t *w, sink *out)
{
	const uint8_t *in = (const uint8_t *)w->in;
	size_t len = w->len;
	if (memchr(in, 0, len) != NULL) {
		explain(w, "the name contains a NUL octet");
		return Q53_EINVAL;
	}
	size_t wire = 1; /* the root label */
	unsigned no = 0;
	size_t i = 0;
	/* Invariant: in[0..i) is whole labels, each followed by its separator; out holds their ASCII forms,
	 * each followed by '.'; wire is their length in wire form plus the root octet. */
	for (;;) {
		size_t start = i, sep = 0;
		bool high = false;
		no++;
		while (i < len && (sep = separator(in, len, i)) == 0) {
			/* An escaped octet never ends a label (RFC 1035 5.1 "\."). */
			if (in[i] == '\\' && i + 1 < len)
				i++;
			high |= in[i] >= 0x80;
			i++;
		}
		if (i == start) {
			/* Only the root may be written as a lone separator (UTS #46 maps "。" to "."). */
			if (no == 1 && sep > 0 && i + sep == len) {
				put(out, ".", 1);
				return 0;
			}
			explain(w, "label %u is empty", no);
			return Q53_EEMPTY;
		}
		int r;
		if (high) {
			r = convert_label(w, no, w->in + start, i - start, out);
		} else {
			r = check_ascii_label(w, no, w->in + start, i - start);
			if (r >= 0)
				put(out, w->in + start, i - start);
		}
		if (r < 0)
			return r;
		wire += 1 + (size_t)r;
		if (sep == 0)
			break;
		put(out, ".", 1);
		i += sep;
		if (i == len)
			break;
	}
	if (wire > Q53_NAME_MAX) {
		explain(w, "the name is %zu octets long in wire form, more than 255 (RFC 1035 2.3.4)", wire);
		return Q53_ENAMELEN;
	}
	return 0;
}

/* Everything but an ASCII name that fits: kept out of line so that the fast paths need no stack frame. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int
to_ascii_slow(const char *in, size_t len, char *out, size_t size, char *why, size_t why_size)
{
	if (why != NULL && why_size > 0)
		why[0] = '\0';
	if (in == NULL || (out == NULL && size > 0) || len > INT_MAX / 2)
		return Q53_EINVAL;
	if (size <= len && plain_ascii(in, len)) {
		/* ASCII that does not fit: the snprintf contract, truncated with the whole length returned.
		 */
		if (size > 0) {
			memcpy(out, in, size - 1);
			out[size - 1] = '\0';
		}
		return (int)len;
	}
	why_t w = {why, why_size, in, len};
	sink s = {out, size, 0};
	int r = to_ascii(&w, &s);
	if (r < 0) {
		if (size > 0)
			out[0] = '\0';
		return r;
	}
	finish(&s);
	return (int)s.n;
}

/*
 * How each variant of q53_idna_to_ascii() starts. The fast path is taken when both pointers are given and
 * out has room for the name and its NUL (the classes of long names also test len <= INT_MAX / 2, the slow
 * path's limit); then why gets "" at once, so that each way out of the fast path is just "return len".
 * Timings of bench/bench_idna shaped this code: each taken branch costs the fast path about a tenth of a
 * copy, so the three tests are written apart (three compare-and-branch pairs the CPU fuses, where a
 * combined test compiles to set/or instructions), why is written without a branch (when there is no why,
 * to out[len], where the name's NUL goes anyway), and the likely length classes fall through.
 */
#define FAST_PATH_OR_SLOW(in, len, out, size, why, why_size)                     \
	do {                                                                     \
		if (UNLIKELY((size) <= (len)))                                   \
			return to_ascii_slow(in, len, out, size, why, why_size); \
		if (UNLIKELY((in) == NULL))                                      \
			return to_ascii_slow(in, len, out, size, why, why_size); \
		if (UNLIKELY((out) == NULL))                                     \
			return to_ascii_slow(in, len, out, size, why, why_size); \
		char *w_ = (why_size) > 0 ? (why) : (out) + (len);               \
		w_ = (why) != NULL ? w_ : (out) + (len);                         \
		*w_ = '\0';                                                      \
	} while (0)

/*
 * The SSE2 and AVX2 variants: names of up to 32 octets first, 16 to 32 falling through, then 8 to 15 and
 * the shortest; longer names after one branch.
 */
static int to_ascii_base(const char *in, size_t len, char *out, size_t size, char *why, size_t why_size)
{
	FAST_PATH_OR_SLOW(in, len, out, size, why, why_size);
	if (LIKELY(len <= 32)) {
		if (LIKELY(copy_short(in, len, out)))
			return (int)len;
	} else if (LIKELY(len <= INT_MAX / 2 && copy_ascii(in, len, out))) {
		return (int)len;
	}
	return to_ascii_slow(in, len, out, size, why, why_size);
}

#if Q53_IDNA_X86
__attribute__((target("avx2"))) static int to_ascii_avx2(const char *in, size_t len, char *out, size_t size,
							 char *why, size_t why_size)
{
	FAST_PATH_OR_SLOW(in, len, out, size, why, why_size);
	if (LIKELY(len <= 32)) {
		if (LIKELY(copy_short(in, len, out)))
			return (int)len;
	} else if (LIKELY(len <= 64)) {
		if (LIKELY(copy_33_64(in, len, out)))
			return (int)len;
	} else if (LIKELY(len <= INT_MAX / 2 && copy_long_avx2(in, len, out))) {
		return (int)len;
	}
	return to_ascii_slow(in, len, out, size, why, why_size);
}

/*
 * AVX2 as the CPU has it and the OS saves its registers (XCR0), read from CPUID and XGETBV as
 * __builtin_cpu_supports() reads them: that builtin links libgcc's CPU model tables (4.5 KB) into libq53,
 * whose size is a goal (issue 6).
 */
static bool cpu_has_avx2(void)
{
	unsigned a, b, c, d;
	/* Leaf 1 ECX: OSXSAVE (27) and AVX (28), without which XGETBV and the YMM state are not there. */
	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 27)) || !(c & (1u << 28)))
		return false;
	unsigned lo, hi;
	__asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	(void)hi;
	/* XCR0: SSE (1) and AVX (2) state; leaf 7 EBX bit 5: AVX2. */
	return (lo & 0x6) == 0x6 && __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 5)) != 0;
}
#endif

/* The variant for this CPU, found once (on the first call: no constructor order to depend on, and CPUID
 * is read after the sanitizers have started). */
static q53_idna_to_ascii_fn pick_to_ascii;
static _Atomic(q53_idna_to_ascii_fn *) to_ascii_impl = pick_to_ascii;

q53_idna_to_ascii_fn *q53_idna_to_ascii_variant(unsigned isa)
{
#if Q53_IDNA_X86
	if (isa == 1)
		return cpu_has_avx2() ? to_ascii_avx2 : NULL;
#endif
	return isa == 0 ? to_ascii_base : NULL;
}

/* The newest variant this CPU has; its number in *isa. */
static q53_idna_to_ascii_fn *best_variant(unsigned *isa)
{
	q53_idna_to_ascii_fn *f = NULL;
	for (*isa = Q53_IDNA_VARIANTS; f == NULL && *isa > 0;)
		f = q53_idna_to_ascii_variant(--*isa);
	return f;
}

const char *q53_idna_fastpath_name(void)
{
	static const char *const names[Q53_IDNA_VARIANTS] = {
#if defined(__SSE2__)
		"SSE2",
#else
		"portable",
#endif
		"AVX2",
	};
	unsigned isa;
	best_variant(&isa);
	return names[isa];
}

static int pick_to_ascii(const char *in, size_t len, char *out, size_t size, char *why, size_t why_size)
{
	unsigned isa;
	q53_idna_to_ascii_fn *f = best_variant(&isa);
	atomic_store_explicit(&to_ascii_impl, f, memory_order_relaxed);
	return f(in, len, out, size, why, why_size);
}

/* One indirect jump to the variant, as memcpy() takes one through the PLT. */
int q53_idna_to_ascii(const char *in, size_t len, char *out, size_t size, char *why, size_t why_size)
{
	return atomic_load_explicit(&to_ascii_impl, memory_order_relaxed)(in, len, out, size, why, why_size);
}

/* True when lab[0..n) can be an A-label: "xn--" in any case, then letters, digits and hyphens only. */
static bool maybe_alabel(const char *lab, size_t n)
{
	if (n <= 4 || n > Q53_LABEL_MAX || (lab[0] | 0x20) != 'x' || (lab[1] | 0x20) != 'n' ||
	    lab[2] != '-' || lab[3] != '-')
		return false;
	for (size_t i = 4; i < n; i++) {
		char c = lab[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
			return false;
	}
	return true;
}

/*
 * Appends the U-label of the A-label lab[0..n) to out when it is valid IDNA; returns 1 when it did, 0 when
 * the label must stay as it is, Q53_ENOMEM. DNS names are case-insensitive (RFC 4343), so the label is
 * decoded in lower case: "XN--BCHER-KVA" shows as "bücher", not the mixed-case "BüCHER" Punycode would
 * give. Valid means it decodes, and the U-label encodes back to the same A-label under the lookup rules
 * (RFC 5891 5.5 and the round trip of 5.3), so a U-label is never shown for a name it does not stand for.
 */
static int show_label(const char *lab, size_t n, sink *out)
{
	char a[Q53_LABEL_MAX + 1];
	for (size_t i = 0; i < n; i++)
		a[i] = (char)(lab[i] >= 'A' && lab[i] <= 'Z' ? lab[i] + 32 : lab[i]);
	a[n] = '\0';
	char *u = NULL;
	uint8_t *back = NULL;
	int r = 0;
	int rc = idn2_to_unicode_8z8z(a, &u, 0);
	if (rc == IDN2_OK)
		rc = idn2_lookup_u8((const uint8_t *)u, &back, IDN_FLAGS);
	if (rc == IDN2_MALLOC)
		r = Q53_ENOMEM;
	else if (rc == IDN2_OK && strcmp((const char *)back, a) == 0) {
		put(out, u, strlen(u));
		r = 1;
	}
	idn2_free(back);
	idn2_free(u);
	return r;
}

int q53_idna_to_unicode(const char *in, size_t len, char *out, size_t size)
{
	if (in == NULL || (out == NULL && size > 0) || len > INT_MAX / 8)
		return Q53_EINVAL;
	/* A NUL octet would end the display string early: refused, as q53_idna_to_ascii() refuses it. */
	if (memchr(in, '\0', len) != NULL) {
		if (size > 0)
			out[0] = '\0';
		return Q53_EINVAL;
	}
	sink s = {out, size, 0};
	size_t i = 0;
	/* Invariant: in[0..i) is whole labels with their dots, already in out. */
	while (i < len) {
		size_t start = i;
		while (i < len && in[i] != '.')
			i += in[i] == '\\' && i + 1 < len ? 2 : 1;
		int r = maybe_alabel(in + start, i - start) ? show_label(in + start, i - start, &s) : 0;
		if (r < 0) {
			if (size > 0)
				out[0] = '\0';
			return r;
		}
		if (r == 0)
			put(&s, in + start, i - start);
		if (i < len) {
			put(&s, ".", 1);
			i++;
		}
	}
	finish(&s);
	return (int)s.n;
}

int q53_idna_name_hook(const uint8_t *name, char *buf, size_t size, void *ctx)
{
	(void)ctx;
	char text[Q53_NAME_TEXT_MAX];
	int n = q53_name_to_text(name, text, sizeof text);
	if (n < 0)
		return n;
	if ((size_t)n >= sizeof text)
		return Q53_EINVAL;
	return q53_idna_to_unicode(text, (size_t)n, buf, size);
}
