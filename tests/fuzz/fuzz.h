/*
 * The libFuzzer entry point, declared once for the fuzz targets and for replay.c, which runs a target over
 * its committed corpus in `make check` without libFuzzer (so every build, not only clang ones, replays it),
 * and the checks the targets share (fuzz_check.c).
 */
#ifndef Q53_FUZZ_H
#define Q53_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* Runs one input through the target. Returns 0; a broken invariant abort()s. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* abort() when cond is false: libFuzzer reports it as a crash with the input. */
#define CHECK(cond)              \
	do {                     \
		if (!(cond))     \
			abort(); \
	} while (0)

/* A text printer under test: writes into buf[0..size) with the snprintf contract. */
typedef int (*fuzz_render_fn)(const void *arg, char *buf, size_t size);

/*
 * Runs fn into a buffer of size octets and checks the snprintf contract: the same return value at every
 * size (0 with a NULL buffer included), buf always terminated, the truncated output a prefix of the full one,
 * no NUL inside. Returns fn's value; when it is >= 0 and full is not NULL, *full receives the whole text in
 * a malloc'd buffer (the caller frees it).
 */
int fuzz_render(fuzz_render_fn fn, const void *arg, size_t size, char **full);

/* True when s[0..n) is one JSON value (RFC 8259) in valid UTF-8, nested at most 64 deep. */
int fuzz_json_valid(const char *s, size_t n);

#endif
