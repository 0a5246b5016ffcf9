/*
 * bench/bench_idna: what a name costs on its way in from people. Issue 3 asks that converting an ASCII
 * name cost no more than copying it, so each name is timed three ways, in nanoseconds per call:
 *   copy       strlen + memcpy of the name and its NUL into a buffer (the floor: what any API that hands
 *              back a name must do; glibc picks its memcpy() for the CPU, as q53 picks its fast path),
 *   q53        strlen + q53_idna_to_ascii() into the same buffer (the length from strlen, as for copy), as
 *              programs call it: the header's in-line path for 1 to 255 octets, the function otherwise,
 *   call       the same through the function itself, (q53_idna_to_ascii)(...): what a program that
 *              defines Q53_IDNA_NO_INLINE, or a binding through the symbol, pays,
 *   idn2       idn2_to_ascii_8z() with the same flags, plus the free() of its result,
 * on ASCII names from 1 to 253 octets (all in the header's in-line path; over 128 only with AVX2) and on
 * Unicode names (label-by-label libidn2).
 *
 * Where the name and the buffer lie matters more than the code: when the output is written at the same
 * offset within a 4096-octet page as the input that the next call reads, or up to about 48 octets before
 * it, the CPU cannot tell at once that the read and the earlier writes differ ("4K aliasing"), and a copy of
 * a 40-octet name takes 9.7-14.7 ns instead of 5.7-6.8 (measured here, glibc's memcpy). Which placement a
 * process gets is decided by ASLR, so a single placement moved one process's ratios by up to a fifth.
 * Every method is therefore timed at the same PLACES placements, the input's offset within its page and
 * the output's offset from the input each going round the whole page in 16-octet steps:
 * that is the cost a program pays on average when it cannot choose where its buffers lie.
 *
 * How: a sweep times, at each placement, 1000 calls (times SCALE) of copy, q53 and call (in the other order
 * at every other placement), each with CLOCK_MONOTONIC around the batch; SWEEPS sweeps per name, so that a
 * slow moment of a shared machine hits every method alike. For each placement and method the median over the
 * sweeps is kept. Printed: each method's mean over the placements (ns per call), q53/copy and call/copy as
 * ratios of those means (the goal's measure), and the spread of the placements' own q53/copy ratios (first
 * and third quartile). The input pointer and output buffer pass through an empty asm so that nothing is
 * hoisted or optimized away. Timing never decides a test: this program fails only when a conversion does.
 * bench/idna.sh runs it pinned to one CPU.
 *
 * Code layout moves the ratios too: the same source linked in another order measured up to 0.15 apart,
 * so compare two versions by alternating their binaries (as bench/idna.sh runs several processes). Each
 * method runs in its own loop, in its own function starting a 64-octet line: until 2026-11-27 one loop
 * chose the method with a switch, and there glibc's memcpy() of 72 octets took 7.7 ns instead of 5.4 while
 * q53's path took 5.3 in both, which made q53/copy look 0.3 better than it is.
 *
 * Usage: bench_idna [SCALE]    SCALE multiplies the calls per batch (0.1 for a quick look).
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <idn2.h>

#include "idna/fastpath.h"
#include "q53/idna.h"

enum { PLACES = 256, SWEEPS = 9, IDN2_ROUNDS = 5, PAGE = 4096 };

/* The names are copied into in_arena and converted into out_arena, both page-aligned, at the placements. */
static char in_arena[PAGE + 1024] __attribute__((aligned(PAGE)));
static char out_arena[2 * PAGE + 1024] __attribute__((aligned(PAGE)));

/* The compiler must assume p is read, written and may now point anywhere. */
#define BARRIER(p) __asm__ volatile("" : "+r"(p) : : "memory")

typedef enum { M_COPY, M_Q53, M_CALL, M_IDN2, METHODS } method;

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/*
 * One batch of n calls of a method from name into out: ns per call, or a negative value when a call fails.
 * Each method has its own loop in its own function, each starting a 64-octet line, so that where the linker
 * happens to put one method's code does not move its time against the others'.
 */
#define BATCH(fn, call)                                                                                   \
	static __attribute__((noinline, aligned(64))) double fn(const char *name, char *out, size_t size, \
								long n)                                   \
	{                                                                                                 \
		(void)size;                                                                               \
		double t0 = now_ns();                                                                     \
		for (long i = 0; i < n; i++) {                                                            \
			const char *in = name;                                                            \
			BARRIER(in);                                                                      \
			size_t len = strlen(in);                                                          \
			if (!(call))                                                                      \
				return -1;                                                                \
			BARRIER(out);                                                                     \
		}                                                                                         \
		return (now_ns() - t0) / (double)n;                                                       \
	}
BATCH(run_copy, (memcpy(out, in, len + 1), 1))
BATCH(run_q53, q53_idna_to_ascii(in, len, out, size, NULL, 0) >= 0)
BATCH(run_call, (q53_idna_to_ascii)(in, len, out, size, NULL, 0) >= 0)

/* libidn2's own call and the free() of its result. */
static bool idn2(const char *in, char *out)
{
	char *a = NULL;
	if (idn2_to_ascii_8z(in, &a, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT) != IDN2_OK)
		return false;
	out[0] = a[0];
	idn2_free(a);
	return true;
}
BATCH(run_idn2, ((void)len, idn2(in, out)))

static double (*const run[METHODS])(const char *, char *, size_t, long) = {
    [M_COPY] = run_copy, [M_Q53] = run_q53, [M_CALL] = run_call, [M_IDN2] = run_idn2};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Sorts v[0..n) and returns its median. */
static double median(double *v, size_t n)
{
	qsort(v, n, sizeof v[0], cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/*
 * Placement p: the input at an offset within its page that goes round the page in 16-octet steps as p does
 * (65 is odd, so p * 65 takes every value modulo 256), plus 0 to 15 octets; the output 16 * p octets after
 * it, modulo the page. So the placements cover every 16-octet step of both the input's offset within its
 * page (the stack's return addresses, written and read by every call, alias with it as the output does) and
 * the output's offset from the input.
 */
static const char *place(const char *nm, int p, char **out, size_t *size)
{
	size_t in_off = (size_t)(p * 65 % 256 * 16 + p * 7 % 16);
	char *in = in_arena + in_off;
	memcpy(in, nm, strlen(nm) + 1);
	*out = out_arena + PAGE + (in_off + (size_t)p * 16) % PAGE;
	*size = (size_t)(out_arena + sizeof out_arena - *out);
	return in;
}

/*
 * The ASCII measure: t[m] gets method m's mean ns per call over the placements (each the median of its
 * sweeps) and r[p] the q53/copy ratio of placement p. Returns false when a conversion fails.
 */
static bool sweep(const char *nm, long n, double t[METHODS], double r[PLACES])
{
	static double v[PLACES][M_IDN2][SWEEPS];
	for (int k = 0; k < SWEEPS; k++) {
		for (int p = 0; p < PLACES; p++) {
			char *out;
			size_t size;
			const char *in = place(nm, p, &out, &size);
			for (int i = 0; i < M_IDN2; i++) {
				method m = (method)((p + k) % 2 ? M_IDN2 - 1 - i : i);
				if ((v[p][m][k] = run[m](in, out, size, n)) < 0)
					return false;
			}
		}
	}
	for (int m = 0; m < M_IDN2; m++)
		t[m] = 0;
	for (int p = 0; p < PLACES; p++) {
		double c = median(v[p][M_COPY], SWEEPS), q = median(v[p][M_Q53], SWEEPS);
		t[M_COPY] += c / PLACES;
		t[M_Q53] += q / PLACES;
		t[M_CALL] += median(v[p][M_CALL], SWEEPS) / PLACES;
		r[p] = q / c;
	}
	return true;
}

/* Prints s left-aligned in w terminal columns (an ASCII name longer than that cut short): one per code point,
 * two for U+3000..U+9FFF (lead octets 0xE3..0xE9: CJK and kana, shown double width) and U+FF00..U+FF60
 * (full-width forms). */
static void column(const char *s, int w)
{
	int n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p & 0xC0) == 0x80)
			continue;
		n += (*p >= 0xE3 && *p <= 0xE9) || (*p == 0xEF && (p[1] == 0xBC || p[1] == 0xBD)) ? 2 : 1;
	}
	if (n > w && strlen(s) == (size_t)n)
		printf("%.*s... ", w - 3, s); /* a long ASCII name: its start, to keep the table a table */
	else
		printf("%s%*s ", s, n < w ? w - n : 0, "");
}

int main(int argc, char **argv)
{
	double scale = argc > 1 ? atof(argv[1]) : 1.0;
	static const char *const names[] = {
	    ".",
	    "io.",
	    "a.io",
	    "www.example.com",
	    "_sip._tcp.example.com.",
	    "mail.long-department-name.example.co.uk.",
	    "_25._tcp.mail.long-department-name.example.co.uk.other-site.example.org.",
	    "_acme-challenge.build-and-test.eu-west-1.staging.internal-services.example-corporation.example."
	    "com.",
	    "selector-2026-11._domainkey.mail-relay-for-the-accounts-payable-department.regional-office-in-"
	    "the-"
	    "north-east.subsidiary-holding-company-limited.example-international-group.example.co.uk.",
	    /* The longest name in text without escapes: 63 + 63 + 63 + 61 octets and three dots. */
	    "sixty-three-octets-the-longest-label-any-name-may-have-00000001.sixty-three-octets-the-longest-"
	    "label"
	    "-any-name-may-have-00000002.sixty-three-octets-the-longest-label-any-name-may-have-00000003.the-"
	    "last"
	    "-label-of-sixty-one-octets-makes-253-with-the-dots-01",
	    "b\u00FCcher.de",
	    "\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444",
	    "www.\u4F8B\u3048\u3002\u30C6\u30B9\u30C8.",
	};
	char a[1024];
	printf(
	    "ns per call: mean over %d placements of input and output (each the median of %d sweeps; idn2: "
	    "median of %d); q53/cp, call/cp: ratios of the means; (q1-q3): of the placements' q53/cp\n"
	    "q53 fast path: in line up to %d octets, the function's variant %s\n",
	    PLACES, SWEEPS, IDN2_ROUNDS, Q53_IDNA_INLINE_HERE, q53_idna_fastpath_name());
	printf("%-4s %-40s %7s %7s %7s %9s %7s %6s %11s\n", "oct", "input", "copy", "q53", "call", "idn2",
	       "call/cp", "q53/cp", "(q1-q3)");
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const char *nm = names[i];
		int r = q53_idna_to_ascii(nm, strlen(nm), a, sizeof a, NULL, 0);
		if (r < 0) {
			fprintf(stderr, "bench_idna: %s: %d\n", nm, r);
			return 1;
		}
		int ascii = strcmp(nm, a) == 0;
		double t[METHODS], ratio[PLACES], d[IDN2_ROUNDS];
		if (ascii) {
			/* One sweep first, so that the first does not pay for cold caches. */
			long n = (long)(1000 * scale) + 1;
			if (!sweep(nm, n / 4 + 1, t, ratio) || !sweep(nm, n, t, ratio))
				goto failed;
		} else {
			long n = (long)(500 * scale) + 1;
			double c[SWEEPS], q[SWEEPS], f[SWEEPS];
			for (int k = 0; k < SWEEPS; k++)
				if ((c[k] = run[M_COPY](nm, a, sizeof a, n)) < 0 ||
				    (q[k] = run[M_Q53](nm, a, sizeof a, n)) < 0 ||
				    (f[k] = run[M_CALL](nm, a, sizeof a, n)) < 0)
					goto failed;
			t[M_COPY] = median(c, SWEEPS);
			t[M_Q53] = median(q, SWEEPS);
			t[M_CALL] = median(f, SWEEPS);
		}
		for (int k = 0; k < IDN2_ROUNDS; k++)
			if ((d[k] = run[M_IDN2](nm, a, sizeof a, (long)(2000 * scale) + 1)) < 0)
				goto failed;
		printf("%-4zu ", strlen(nm));
		column(nm, 40);
		printf("%7.1f %7.1f %7.1f %9.1f", t[M_COPY], t[M_Q53], t[M_CALL], median(d, IDN2_ROUNDS));
		if (ascii) {
			double rm = t[M_Q53] / t[M_COPY];
			qsort(ratio, PLACES, sizeof ratio[0], cmp_double);
			printf(" %7.2f %6.2f (%4.2f-%4.2f)\n", t[M_CALL] / t[M_COPY], rm, ratio[PLACES / 4],
			       ratio[PLACES - 1 - PLACES / 4]);
		} else {
			printf("   (Unicode: libidn2 works)\n");
		}
		continue;
	failed:
		fprintf(stderr, "bench_idna: %s failed\n", nm);
		return 1;
	}
	return 0;
}
