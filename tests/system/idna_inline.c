/*
 * The in-line path of the installed q53/idna.h in an application's own build (tests/system/install.sh
 * compiles this with the installed header under several compilers and flags: C and C++, -O0 and -O2,
 * -masm=intel). For every length from 0 to 300 and every place of the name in its buffer, the header's
 * q53_idna_to_ascii() must give what the library's function gives: the same return, the same output, the
 * same why; with a NUL or a non-ASCII octet at each position of the name too. Prints the lengths the header
 * kept in line on this CPU and exits 0 when all agree, 1 at the first difference.
 *
 *   cc idna_inline.c $(pkg-config --cflags --libs q53) && ./a.out
 */
#include <stdio.h>
#include <string.h>

#include <q53/idna.h>

enum { MAX = 300 };

static char in_buf[MAX + 64], out_a[MAX + 64], out_b[MAX + 64];

/* One case both ways; 0 when they agree. */
static int same(const char *in, size_t len, size_t size)
{
	char why_a[160], why_b[160];
	memset(out_a, 'x', sizeof out_a);
	memset(out_b, 'x', sizeof out_b);
	int a = q53_idna_to_ascii(in, len, out_a, size, why_a, sizeof why_a);
	int b = (q53_idna_to_ascii)(in, len, out_b, size, why_b, sizeof why_b);
	if (a == b && memcmp(out_a, out_b, sizeof out_a) == 0 && strcmp(why_a, why_b) == 0)
		return 0;
	fprintf(stderr,
		"idna_inline: length %zu, room %zu: in line %d \"%.40s\", the function %d \"%.40s\"\n", len,
		size, a, out_a, b, out_b);
	return 1;
}

int main(void)
{
	for (size_t len = 0; len <= MAX; len++) {
		for (size_t at = 0; at < 64; at += 13) {
			char *in = in_buf + at;
			for (size_t i = 0; i < len; i++)
				in[i] = i % 7 == 6 ? '.' : "a_Z9-\\"[i % 6];
			if (same(in, len, len + 1) || same(in, len, len))
				return 1;
			for (size_t p = 0; p < len; p += at == 0 ? 1 : 5) {
				char c = in[p];
				in[p] = (char)0x80;
				int bad = same(in, len, len + 1);
				in[p] = '\0';
				bad |= same(in, len, len + 1);
				in[p] = c;
				if (bad)
					return 1;
			}
		}
	}
#if defined(Q53__IDNA_AVX2_ASM)
	printf("in line: 1 to %d octets on this CPU\n", Q53__IDNA_HAS_AVX2 ? 255 : 128);
#elif defined(Q53__IDNA_INLINE_MAX)
	printf("in line: 1 to %d octets\n", Q53__IDNA_INLINE_MAX);
#endif
	return 0;
}
