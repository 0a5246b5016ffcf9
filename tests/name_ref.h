/*
 * The octet-at-a-time definition of name equality (RFC 4343: ASCII letters compare without case, every
 * other octet as it is) that the word-at-a-time q53_name_equal(), q53_name_hash() and q53_name_is_sub()
 * must agree with. Shared by tests/unit/test_name.c and tests/fuzz/fuzz_name.c.
 */
#ifndef Q53_TESTS_NAME_REF_H
#define Q53_TESTS_NAME_REF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "q53/name.h"

static inline unsigned ref_fold(unsigned c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static inline bool ref_equal(const uint8_t *a, const uint8_t *b)
{
	size_t n = q53_name_len(a);
	if (q53_name_len(b) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (ref_fold(a[i]) != ref_fold(b[i]))
			return false;
	return true;
}

#endif
