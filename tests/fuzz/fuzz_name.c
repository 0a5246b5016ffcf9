/*
 * Fuzz target for the presentation forms (RFC 1035 5.1): names, and RDATA of any type (RFC 3597 5 "\#").
 *
 * Input layout: the whole input is a name in text form; the first two octets are also a type (big-endian)
 * and the rest is the presentation form of an RDATA of that type. Rules checked: what parses is a valid
 * wire name; printing it and parsing the text again gives the same octets; the printers keep the snprintf
 * contract at every buffer size; a relative name takes the origin as its suffix. RDATA that parses passes
 * q53_rdata_check(), and its text (q53_rdata_to_text) parses back to the same octets. A broken rule abort()s.
 */
#include "config.h"

#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "q53/name.h"
#include "../name_ref.h"
#include "q53/print.h"
#include "q53/rdata.h"
#include "fuzz.h"

/* Errors q53_name_from_text() documents. */
static int name_error(int rc)
{
	return rc == Q53_EEMPTY || rc == Q53_ELABELLEN || rc == Q53_ENAMELEN || rc == Q53_EESCAPE ||
	       rc == Q53_ERELATIVE || rc == Q53_EINVAL;
}

/* Prints a valid wire name and checks the snprintf contract at sizes 0, 1, half and exact. */
static int name_text(const uint8_t *name, char *text, size_t size)
{
	int n = q53_name_to_text(name, text, size);
	CHECK(n > 0 && (size_t)n < size && strlen(text) == (size_t)n);
	CHECK(text[n - 1] == '.');
	char small[Q53_NAME_TEXT_MAX];
	size_t sizes[] = {1, (size_t)n / 2 + 1, (size_t)n};
	CHECK(q53_name_to_text(name, small, 0) == n);
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		memset(small, 'X', sizeof small);
		CHECK(q53_name_to_text(name, small, sizes[i]) == n);
		CHECK(strlen(small) == sizes[i] - 1 && memcmp(small, text, sizes[i] - 1) == 0);
	}
	return n;
}

static bool ref_is_sub(const uint8_t *name, const uint8_t *parent)
{
	for (const uint8_t *p = name;; p += 1 + *p) {
		if (ref_equal(p, parent))
			return true;
		if (*p == 0)
			return false;
	}
}

/*
 * Variants of w (case flipped, one octet changed, a label dropped) compared with w and each of its
 * suffixes: the fast functions agree with the octet-wise rules, and equal names hash the same.
 */
static void name_variants(const uint8_t *w, size_t len)
{
	uint8_t v[Q53_NAME_MAX];
	/* About 16 positions over the name, so a long name stays quick to check. */
	for (size_t i = 0; i < len; i += len / 16 + 1) {
		static const uint8_t flips[] = {0x20, 0x01, 0x80};
		for (size_t f = 0; f < sizeof flips; f++) {
			memcpy(v, w, len);
			/* Change only data octets: length octets keep the name valid. */
			size_t p = 0;
			while (p < i && w[p] != 0)
				p += 1u + w[p];
			if (p == i)
				continue;
			v[i] ^= flips[f];
			bool eq = ref_equal(w, v);
			CHECK(q53_name_equal(w, v) == eq && q53_name_equal(v, w) == eq);
			CHECK(!eq || q53_name_hash(w) == q53_name_hash(v));
			for (const uint8_t *s = w;; s += 1 + *s) {
				CHECK(q53_name_is_sub(v, s) == ref_is_sub(v, s));
				CHECK(q53_name_is_sub(s, v) == ref_is_sub(s, v));
				if (*s == 0)
					break;
			}
		}
	}
}

/* A name parsed from text: valid, prints to text that parses back to the same octets. */
static void name_roundtrip(const uint8_t *w, int len)
{
	char text[Q53_NAME_TEXT_MAX];
	uint8_t again[Q53_NAME_MAX], lower[Q53_NAME_MAX];
	CHECK(len >= 1 && len <= Q53_NAME_MAX);
	CHECK(q53_name_check(w, (size_t)len) == len && q53_name_len(w) == (size_t)len);
	int n = name_text(w, text, sizeof text);
	CHECK(q53_name_from_text(text, (size_t)n, NULL, again) == len);
	CHECK(memcmp(w, again, (size_t)len) == 0);
	/* RFC 4343: case does not change identity, order or hash. */
	memcpy(lower, w, (size_t)len);
	q53_name_lower(lower);
	CHECK(q53_name_equal(w, lower) && q53_name_compare(w, lower) == 0);
	CHECK(q53_name_hash(w) == q53_name_hash(lower));
	CHECK(q53_name_is_sub(w, lower) && q53_name_is_sub(w, (const uint8_t *)""));
	name_variants(w, (size_t)len);
}

static void fuzz_name(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	/* A short origin and one of 200 octets, so that the relative part meets the 255-octet limit. */
	static const uint8_t short_origin[] = "\7example\3com";
	uint8_t long_origin[Q53_NAME_MAX];
	for (unsigned i = 0; i < 4; i++) {
		long_origin[i * 50] = 49;
		memset(long_origin + i * 50 + 1, 'a' + (int)i, 49);
	}
	long_origin[200] = 0;
	const uint8_t *origins[] = {short_origin, long_origin};

	uint8_t abs[Q53_NAME_MAX], rel[Q53_NAME_MAX];
	int alen = q53_name_from_text(text, size, NULL, abs);
	CHECK(alen > 0 || name_error(alen));
	if (alen > 0)
		name_roundtrip(abs, alen);
	for (size_t o = 0; o < sizeof origins / sizeof origins[0]; o++) {
		const uint8_t *origin = origins[o];
		size_t olen = q53_name_len(origin);
		int rlen = q53_name_from_text(text, size, origin, rel);
		CHECK(rlen > 0 || (name_error(rlen) && rlen != Q53_ERELATIVE));
		if (alen > 0) {
			/* An absolute name ignores the origin. */
			CHECK(rlen == alen && memcmp(rel, abs, (size_t)alen) == 0);
			continue;
		}
		if (alen != Q53_ERELATIVE) {
			/* The same syntax error with or without an origin. */
			CHECK(rlen == alen);
			continue;
		}
		if (rlen < 0) {
			CHECK(rlen == Q53_ENAMELEN);
			continue;
		}
		/* The relative labels, then the origin as the suffix. */
		CHECK((size_t)rlen > olen && memcmp(rel + rlen - (int)olen, origin, olen) == 0);
		name_roundtrip(rel, rlen);
		CHECK(q53_name_is_sub(rel, origin));
		CHECK(q53_name_labels(rel) > q53_name_labels(origin));
	}
}

/* Errors q53_rdata_from_text() documents, name errors included. */
static int rdata_error(int rc)
{
	return rc == Q53_ESYNTAX || rc == Q53_ERANGE || rc == Q53_EESCAPE || rc == Q53_ENOSPACE ||
	       rc == Q53_ERDATA || (name_error(rc) && rc != Q53_EINVAL);
}

typedef struct view_arg {
	const q53_rr_t *rr;
} view_arg;

static int render_rdata(const void *arg, char *buf, size_t size)
{
	return q53_rdata_to_text(((const view_arg *)arg)->rr, NULL, buf, size);
}

static int render_line(const void *arg, char *buf, size_t size)
{
	return q53_rr_to_text(((const view_arg *)arg)->rr, NULL, buf, size);
}

/* RDATA text of the type in the first two octets: parse, check, print, parse again. */
static void fuzz_rdata(const uint8_t *data, size_t size)
{
	static const uint8_t origin[] = "\7example\3com";
	if (size < 2)
		return;
	uint16_t type = q53_get16(data);
	const char *text = (const char *)data + 2;
	size_t len = size - 2, errpos = len + 1;
	uint8_t *wire = malloc(Q53_MSG_MAX), *again = malloc(Q53_MSG_MAX);
	CHECK(wire != NULL && again != NULL);
	int n = q53_rdata_from_text(type, text, len, origin, wire, Q53_MSG_MAX, &errpos);
	if (n < 0) {
		CHECK(rdata_error(n) && errpos <= len);
		goto out;
	}
	CHECK(n <= Q53_MSG_MAX && q53_rdata_check(type, wire, (size_t)n) == 0);
	q53_rr_t rr;
	q53_rr_view(&rr, type, wire, (uint16_t)n);
	view_arg a = {&rr};
	char *out = NULL;
	int tn = fuzz_render(render_rdata, &a, 64, &out);
	/* Only an APL of no items (RFC 3123 4) has an empty text. */
	CHECK(tn > 0 || (tn == 0 && n == 0 && type == 42));
	/* Names print absolute: no origin needed to read them back. */
	int n2 = q53_rdata_from_text(type, out, (size_t)tn, NULL, again, Q53_MSG_MAX, NULL);
	CHECK(n2 == n && memcmp(wire, again, (size_t)n) == 0);
	free(out);
	CHECK(fuzz_render(render_line, &a, 64, NULL) > 0);
out:
	free(wire);
	free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_name(data, size);
	fuzz_rdata(data, size);
	return 0;
}
