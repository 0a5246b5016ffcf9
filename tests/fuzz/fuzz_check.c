/*
 * Checks shared by the fuzz targets: the snprintf contract every q53 text printer promises (print.h,
 * name.h), and a strict RFC 8259 JSON validator for q53_msg_to_json() output (RFC 8427), UTF-8 included
 * (RFC 8259 8.1).
 */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "fuzz.h"

int fuzz_render(fuzz_render_fn fn, const void *arg, size_t size, char **full)
{
	char *buf = malloc(size > 0 ? size : 1);
	CHECK(buf != NULL);
	memset(buf, 'X', size);
	int n = fn(arg, buf, size);
	if (size > 0)
		CHECK(memchr(buf, '\0', size) != NULL);
	CHECK(fn(arg, NULL, 0) == n);
	if (n < 0) {
		free(buf);
		return n;
	}
	size_t shown = (size_t)n < size ? (size_t)n : size - 1;
	if (size > 0)
		CHECK(strlen(buf) == shown);
	char *all = malloc((size_t)n + 1);
	CHECK(all != NULL);
	CHECK(fn(arg, all, (size_t)n + 1) == n);
	CHECK(strlen(all) == (size_t)n);
	CHECK(memcmp(all, buf, shown) == 0);
	free(buf);
	if (full != NULL)
		*full = all;
	else
		free(all);
	return n;
}

typedef struct jp {
	const unsigned char *s;
	size_t n, i;
	unsigned depth;
} jp;

static void ws(jp *p)
{
	while (p->i < p->n &&
	       (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' || p->s[p->i] == '\r'))
		p->i++;
}

static bool lit(jp *p, const char *w)
{
	size_t l = strlen(w);
	if (p->n - p->i < l || memcmp(p->s + p->i, w, l) != 0)
		return false;
	p->i += l;
	return true;
}

/* One UTF-8 sequence (RFC 3629 4: no overlongs, no surrogates, at most U+10FFFF). */
static bool utf8(jp *p)
{
	unsigned c = p->s[p->i], need, min;
	uint32_t v;
	if (c < 0x80) {
		p->i++;
		return true;
	}
	if (c >= 0xC2 && c <= 0xDF)
		need = 1, min = 0x80, v = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		need = 2, min = 0x800, v = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		need = 3, min = 0x10000, v = c & 0x07;
	else
		return false;
	if (p->n - p->i <= need)
		return false;
	for (unsigned k = 1; k <= need; k++) {
		unsigned d = p->s[p->i + k];
		if ((d & 0xC0) != 0x80)
			return false;
		v = v << 6 | (d & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return false;
	p->i += 1 + need;
	return true;
}

static bool string(jp *p)
{
	if (!lit(p, "\""))
		return false;
	/* Invariant: s[start..i) is a valid string body so far. */
	while (p->i < p->n) {
		unsigned c = p->s[p->i];
		if (c == '"') {
			p->i++;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c == '\\') {
			if (++p->i >= p->n)
				return false;
			c = p->s[p->i++];
			if (c == 'u') {
				for (unsigned k = 0; k < 4; k++, p->i++)
					if (p->i >= p->n || !strchr("0123456789abcdefABCDEF", p->s[p->i]) ||
					    p->s[p->i] == 0)
						return false;
			} else if (!strchr("\"\\/bfnrt", (int)c) || c == 0) {
				return false;
			}
			continue;
		}
		if (!utf8(p))
			return false;
	}
	return false;
}

static bool digits(jp *p)
{
	size_t at = p->i;
	while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
		p->i++;
	return p->i > at;
}

static bool number(jp *p)
{
	lit(p, "-");
	if (lit(p, "0")) {
		/* no leading zeros */
	} else if (!digits(p)) {
		return false;
	}
	if (lit(p, ".") && !digits(p))
		return false;
	if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		p->i++;
		if (!lit(p, "+"))
			lit(p, "-");
		if (!digits(p))
			return false;
	}
	return true;
}

static bool value(jp *p);

/* An object or array: open, members separated by commas, close. */
static bool container(jp *p, char open, char close)
{
	if (!lit(p, (char[]){open, 0}) || ++p->depth > 64)
		return false;
	ws(p);
	if (lit(p, (char[]){close, 0})) {
		p->depth--;
		return true;
	}
	for (;;) {
		ws(p);
		if (open == '{') {
			if (!string(p))
				return false;
			ws(p);
			if (!lit(p, ":"))
				return false;
			ws(p);
		}
		if (!value(p))
			return false;
		ws(p);
		if (lit(p, ","))
			continue;
		if (!lit(p, (char[]){close, 0}))
			return false;
		p->depth--;
		return true;
	}
}

static bool value(jp *p)
{
	if (p->i >= p->n)
		return false;
	switch (p->s[p->i]) {
	case '{':
		return container(p, '{', '}');
	case '[':
		return container(p, '[', ']');
	case '"':
		return string(p);
	case 't':
		return lit(p, "true");
	case 'f':
		return lit(p, "false");
	case 'n':
		return lit(p, "null");
	default:
		return number(p);
	}
}

int fuzz_json_valid(const char *s, size_t n)
{
	jp p = {(const unsigned char *)s, n, 0, 0};
	ws(&p);
	if (!value(&p))
		return 0;
	ws(&p);
	return p.i == n;
}
