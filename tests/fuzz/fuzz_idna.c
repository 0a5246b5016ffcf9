/*
 * Fuzz target for the IDNA conversions (idna/, UTS #46 through libidn2 for Unicode, the ASCII fast path
 * otherwise): whatever octets a person types or a message carries, q53_idna_to_ascii() and
 * q53_idna_to_unicode() return a documented result, keep the snprintf contract, and agree with each other:
 * - to ASCII: only documented errors; on success the output is ASCII (0x01-0x7F) and, for ASCII input,
 *   the input itself, octet for octet; why is "" on success and a sentence on error;
 * - to Unicode: only documented errors; the output of to_ascii shown with U-labels converts back to the
 *   same ASCII name (case aside: ASCII labels keep the case they were typed in, A-labels come back lower)
 *   whenever that name is valid in presentation form, and never to a different one;
 * - the header's in-line fast path and the function itself give the same result and the same octets.
 */
#include "config.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "fuzz.h"
#include "q53/idna.h"
#include "q53/name.h"

typedef struct conv_arg {
	const char *in;
	size_t len;
} conv_arg;

static int render_ascii(const void *arg, char *buf, size_t size)
{
	const conv_arg *a = arg;
	return q53_idna_to_ascii(a->in, a->len, buf, size, NULL, 0);
}

static int render_unicode(const void *arg, char *buf, size_t size)
{
	const conv_arg *a = arg;
	return q53_idna_to_unicode(a->in, a->len, buf, size);
}

static bool ascii_error(int rc)
{
	return rc == Q53_EIDNA || rc == Q53_ELABELLEN || rc == Q53_ENAMELEN || rc == Q53_EEMPTY ||
	       rc == Q53_EESCAPE || rc == Q53_EINVAL;
}

static bool all_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] == 0 || (unsigned char)s[i] > 0x7F)
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Names are short: longer inputs only slow libidn2 down without reaching new code. */
	if (size > 1024)
		return 0;
	const char *in = (const char *)data;
	conv_arg a = {in, size};
	char *ascii = NULL;
	int n = fuzz_render(render_ascii, &a, 64, &ascii);

	/* why: "" on success, a terminated sentence on error, cut to the room given. */
	char why[200];
	memset(why, 'X', sizeof why);
	int again = q53_idna_to_ascii(in, size, NULL, 0, why, sizeof why);
	CHECK(again == n);
	CHECK(memchr(why, '\0', sizeof why) != NULL);
	CHECK(n >= 0 ? why[0] == '\0' : why[0] != '\0');
	char small[8];
	CHECK(q53_idna_to_ascii(in, size, NULL, 0, small, sizeof small) == n && memchr(small, '\0', 8));

	/* In line (the macro) and out of line ((q53_idna_to_ascii)), with room for the whole name. */
	char inl[1100], fn[1100];
	memset(inl, 'X', sizeof inl);
	memset(fn, 'X', sizeof fn);
	int ri = q53_idna_to_ascii(in, size, inl, sizeof inl, NULL, 0);
	int rf = (q53_idna_to_ascii)(in, size, fn, sizeof fn, NULL, 0);
	CHECK(ri == rf && ri == n && memcmp(inl, fn, sizeof inl) == 0);

	if (n < 0) {
		CHECK(ascii_error(n) || n == Q53_ENOMEM);
		/* Every ASCII input without NUL passes; only one with a NUL is refused. */
		CHECK(!all_ascii(in, size) || n == Q53_EINVAL);
	} else {
		CHECK(ascii != NULL && all_ascii(ascii, (size_t)n));
		if (all_ascii(in, size))
			CHECK((size_t)n == size && memcmp(ascii, in, size) == 0);
	}

	/* The Unicode display form of anything, and of what to_ascii made. */
	char *uni = NULL;
	int u = fuzz_render(render_unicode, &a, 64, &uni);
	CHECK(u >= 0 || u == Q53_EINVAL || u == Q53_ENOMEM);
	free(uni);
	if (n >= 0) {
		conv_arg b = {ascii, (size_t)n};
		uni = NULL;
		u = fuzz_render(render_unicode, &b, 64, &uni);
		CHECK(u >= 0 || u == Q53_ENOMEM);
		if (u >= 0) {
			conv_arg c = {uni, (size_t)u};
			char *back = NULL;
			int m = fuzz_render(render_ascii, &c, 64, &back);
			/* ASCII input passes to_ascii unjudged ("a..b" included), so the round trip is
			 * promised for names that are valid in presentation form; any other may fail, with a
			 * documented error, but never come back different. */
			uint8_t wire[Q53_NAME_MAX];
			static const uint8_t root[] = {0};
			if (q53_name_from_text(ascii, (size_t)n, root, wire) > 0)
				CHECK(m == n);
			CHECK(m < 0 ? ascii_error(m) || m == Q53_ENOMEM
				    : m == n && strncasecmp(back, ascii, (size_t)n) == 0);
			free(back);
		}
		free(uni);
	}
	free(ascii);
	return 0;
}
