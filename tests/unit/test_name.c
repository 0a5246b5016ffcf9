/* Unit tests for codec/name.c: presentation <-> wire, validation, comparison, hashing, canonical order. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "q53/name.h"
#include "../name_ref.h"

static int from(const char *s, uint8_t *out)
{
	return q53_name_from_text(s, strlen(s), NULL, out);
}

static void roundtrip(const char *in, const char *want)
{
	uint8_t w[Q53_NAME_MAX];
	char t[Q53_NAME_TEXT_MAX];
	assert_true(from(in, w) > 0);
	assert_int_equal(q53_name_to_text(w, t, sizeof t), (int)strlen(want));
	assert_string_equal(t, want);
}

static void test_name_text_roundtrip(void **state)
{
	(void)state;
	roundtrip(".", ".");
	roundtrip("example.com.", "example.com.");
	roundtrip("Example.COM.", "Example.COM.");
	roundtrip("a\\.b.example.", "a\\.b.example.");
	roundtrip("\\065bc.", "Abc.");
	roundtrip("\\000\\255.", "\\000\\255.");
	roundtrip("sp\\ ace.", "sp\\032ace.");
	roundtrip("\\;\\(\\)\\\"\\@\\$.", "\\;\\(\\)\\\"\\@\\$.");
	roundtrip("_sip._tcp.example.", "_sip._tcp.example.");
	roundtrip("*.example.", "*.example.");
}

static void test_name_wire_form(void **state)
{
	(void)state;
	uint8_t w[Q53_NAME_MAX];
	assert_int_equal(from("www.example.com.", w), 17);
	assert_memory_equal(w, "\3www\7example\3com\0", 17);
	assert_int_equal(from(".", w), 1);
	assert_int_equal(w[0], 0);
	assert_int_equal(q53_name_len(w), 1);
	assert_int_equal(q53_name_labels(w), 0);
}

static void test_name_relative(void **state)
{
	(void)state;
	uint8_t origin[Q53_NAME_MAX], w[Q53_NAME_MAX];
	assert_int_equal(from("example.com.", origin), 13);
	assert_int_equal(q53_name_from_text("www", 3, NULL, w), Q53_ERELATIVE);
	assert_int_equal(q53_name_from_text("www", 3, origin, w), 17);
	assert_memory_equal(w, "\3www\7example\3com\0", 17);
	assert_int_equal(q53_name_from_text("a.b", 3, origin, w), 17);
	assert_memory_equal(w, "\1a\1b\7example\3com\0", 17);
}

static void test_name_errors(void **state)
{
	(void)state;
	uint8_t w[Q53_NAME_MAX];
	assert_int_equal(from("", w), Q53_EEMPTY);
	assert_int_equal(from("a..b.", w), Q53_EEMPTY);
	assert_int_equal(from(".a.", w), Q53_EEMPTY);
	assert_int_equal(from("..", w), Q53_EEMPTY);
	assert_int_equal(from("a\\", w), Q53_EESCAPE);
	assert_int_equal(from("a\\25", w), Q53_EESCAPE);
	assert_int_equal(from("a\\256.", w), Q53_EESCAPE);
	assert_int_equal(from("a\\2x5.", w), Q53_EESCAPE);
	char l64[80];
	memset(l64, 'a', 64);
	strcpy(l64 + 64, ".");
	assert_int_equal(from(l64, w), Q53_ELABELLEN);
	l64[63] = '.';
	l64[64] = 0;
	assert_int_equal(from(l64, w), 65);
}

static void test_name_length_limit(void **state)
{
	(void)state;
	/* 127 one-octet labels: 254 octets + root = 255 exactly. One more octet is too long. */
	char s[600];
	size_t n = 0;
	for (int i = 0; i < 127; i++) {
		s[n++] = 'a';
		s[n++] = '.';
	}
	s[n] = 0;
	uint8_t w[Q53_NAME_MAX];
	assert_int_equal(from(s, w), 255);
	assert_int_equal(q53_name_check(w, 255), 255);
	char longer[600] = "b";
	strcat(longer, s);
	assert_int_equal(from(longer, w), Q53_ENAMELEN);
	/* Relative names count the origin too. */
	uint8_t origin[Q53_NAME_MAX];
	assert_int_equal(from("x.", origin), 3);
	s[n - 1] = 0; /* drop the final dot: 253 octets of labels, relative */
	assert_int_equal(q53_name_from_text(s, strlen(s), origin, w), Q53_ENAMELEN);
}

static void test_name_check(void **state)
{
	(void)state;
	assert_int_equal(q53_name_check((const uint8_t *)"\3www\0", 5), 5);
	assert_int_equal(q53_name_check((const uint8_t *)"\3www\0", 4), Q53_ETRUNCATED);
	assert_int_equal(q53_name_check((const uint8_t *)"\3ww", 3), Q53_ETRUNCATED);
	assert_int_equal(q53_name_check((const uint8_t *)"\xC0\x0C", 2), Q53_ECOMPRESSED);
	assert_int_equal(q53_name_check((const uint8_t *)"\x41x", 2), Q53_ELABELTYPE);
	assert_int_equal(q53_name_check((const uint8_t *)"\x81x", 2), Q53_ELABELTYPE);
	assert_int_equal(q53_name_check((const uint8_t *)"", 0), Q53_ETRUNCATED);
}

static void test_name_equal_hash(void **state)
{
	(void)state;
	uint8_t a[Q53_NAME_MAX], b[Q53_NAME_MAX], c[Q53_NAME_MAX];
	from("WWW.Example.COM.", a);
	from("www.example.com.", b);
	from("www.example.org.", c);
	assert_true(q53_name_equal(a, b));
	assert_false(q53_name_equal(a, c));
	assert_int_equal(q53_name_hash(a), q53_name_hash(b));
	assert_int_not_equal(q53_name_hash(a), q53_name_hash(c));
	assert_int_equal(q53_name_compare(a, b), 0);
	q53_name_lower(a);
	assert_memory_equal(a, b, 17);
}

/*
 * Random names of every length, compared with a copy whose case is flipped at random, or with one octet
 * changed (to an octet of the other case outside ASCII, or anything else): equality must match the
 * octet-wise rule, and equal names must hash the same. The names sit at the very end of their buffers, so
 * ASan would see any read past them.
 */
static void test_name_equal_words(void **state)
{
	(void)state;
	static const uint8_t alphabet[] = "aAzZ09-_@[`{\xC1\xE1\x80\xFF\x00\x3F";
	uint32_t seed = 12345;
	for (unsigned round = 0; round < 20000; round++) {
		uint8_t a[Q53_NAME_MAX];
		size_t n = 0;
		/* Labels of 0-20 octets until the next one would not fit. */
		for (;;) {
			seed = seed * 1103515245u + 12345u;
			unsigned l = 1 + (seed >> 16) % 20;
			if (n + 1 + l + 1 > Q53_NAME_MAX || (seed >> 8) % 9 == 0)
				break;
			a[n++] = (uint8_t)l;
			for (unsigned i = 0; i < l; i++) {
				seed = seed * 1103515245u + 12345u;
				a[n++] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
			}
		}
		a[n++] = 0;
		uint8_t *x = malloc(n), *y = malloc(n);
		assert_non_null(x);
		assert_non_null(y);
		memcpy(x, a, n);
		memcpy(y, a, n);
		/* Flip the case of ASCII letters at random; sometimes change one data octet. */
		for (size_t i = 0, next = 0; i + 1 < n; i++) {
			if (i == next) {
				next = i + 1 + y[i];
				continue;
			}
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) & 1 && ((y[i] | 0x20) >= 'a' && (y[i] | 0x20) <= 'z'))
				y[i] ^= 0x20;
		}
		seed = seed * 1103515245u + 12345u;
		if ((seed >> 16) % 3 == 0 && n > 2) {
			size_t i = 0;
			while (y[i] == 0 || (seed >> 4) % 4 != 0) {
				if (y[i] == 0)
					break;
				i += 1 + y[i];
				seed = seed * 1103515245u + 12345u;
			}
			if (y[i] != 0)
				y[i + 1] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
		}
		bool eq = ref_equal(x, y);
		if (q53_name_equal(x, y) != eq || q53_name_equal(y, x) != eq)
			fail_msg("round %u: q53_name_equal disagrees (length %zu)", round, n);
		if (eq && q53_name_hash(x) != q53_name_hash(y))
			fail_msg("round %u: equal names hash apart (length %zu)", round, n);
		free(x);
		free(y);
	}
	/* Names of different lengths sharing a prefix, each at the end of its buffer. */
	uint8_t *s = malloc(5), *l = malloc(9);
	assert_non_null(s);
	assert_non_null(l);
	memcpy(s, "\3abc\0", 5);
	memcpy(l, "\3abc\3def\0", 9);
	assert_false(q53_name_equal(s, l));
	assert_false(q53_name_equal(l, s));
	free(s);
	free(l);
	/* Octets outside ASCII have no case (RFC 4343 3). */
	uint8_t u[Q53_NAME_MAX], v[Q53_NAME_MAX];
	memcpy(u,
	       "\x09\xC1"
	       "bcdefghi\0",
	       11);
	memcpy(v,
	       "\x09\xE1"
	       "bcdefghi\0",
	       11);
	assert_false(q53_name_equal(u, v));
	memcpy(v,
	       "\x09\xC1"
	       "BCDEFGHI\0",
	       11);
	assert_true(q53_name_equal(u, v));
	assert_int_equal(q53_name_hash(u), q53_name_hash(v));
}

static void test_name_canonical_order(void **state)
{
	(void)state;
	/* RFC 4034 6.1 example, in order. */
	static const char *const order[] = {"example.",		"a.example.",	   "yljkjljk.a.example.",
					    "Z.a.example.",	"zABC.a.EXAMPLE.", "z.example.",
					    "\\001.z.example.", "*.z.example.",	   "\\200.z.example."};
	uint8_t x[Q53_NAME_MAX], y[Q53_NAME_MAX];
	for (size_t i = 0; i + 1 < sizeof order / sizeof order[0]; i++) {
		assert_true(from(order[i], x) > 0);
		assert_true(from(order[i + 1], y) > 0);
		assert_true(q53_name_compare(x, y) < 0);
		assert_true(q53_name_compare(y, x) > 0);
	}
}

static void test_name_is_sub(void **state)
{
	(void)state;
	uint8_t n[Q53_NAME_MAX], p[Q53_NAME_MAX], root[1] = {0};
	from("a.b.Example.", n);
	from("example.", p);
	assert_true(q53_name_is_sub(n, p));
	assert_true(q53_name_is_sub(p, p));
	assert_false(q53_name_is_sub(p, n));
	assert_true(q53_name_is_sub(n, root));
	from("ample.", p);
	assert_false(q53_name_is_sub(n, p));
	assert_null(q53_name_parent(root));
	assert_memory_equal(q53_name_parent(n), "\1b\7Example\0", 11);
}

static void test_name_text_snprintf_contract(void **state)
{
	(void)state;
	uint8_t w[Q53_NAME_MAX];
	char t[6];
	from("example.com.", w);
	assert_int_equal(q53_name_to_text(w, t, sizeof t), 12);
	assert_string_equal(t, "examp");
	assert_int_equal(q53_name_to_text(w, NULL, 0), 12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_name_text_roundtrip),
	    cmocka_unit_test(test_name_wire_form),
	    cmocka_unit_test(test_name_relative),
	    cmocka_unit_test(test_name_errors),
	    cmocka_unit_test(test_name_length_limit),
	    cmocka_unit_test(test_name_check),
	    cmocka_unit_test(test_name_equal_words),
	    cmocka_unit_test(test_name_equal_hash),
	    cmocka_unit_test(test_name_canonical_order),
	    cmocka_unit_test(test_name_is_sub),
	    cmocka_unit_test(test_name_text_snprintf_contract),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
