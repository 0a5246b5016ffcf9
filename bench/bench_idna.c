/*
 * bench/bench_idna: what a name costs on its way in from people. Issue 3 asks that converting an ASCII
 * name cost no more than copying it, so each name is timed three ways, in nanoseconds per call:
 *   copy       strlen + memcpy of the name and its NUL into a buffer (the floor: what any API that hands
 *              back a name must do; glibc picks its memcpy() for the CPU, as q53 picks its fast path),
 *   q53        strlen + q53_idna_to_ascii() into the same buffer (the length from strlen, as for copy), as
 *              programs call it: the header's in-line path for 4 to 32 octets, the function otherwise,
 *   call       the same through the function itself, (q53_idna_to_ascii)(...): what a program that
 *              defines Q53_IDNA_NO_INLINE, or a binding through the symbol, pays,
 *   idn2       idn2_to_ascii_8z() with the same flags, plus the free() of its result,
 * on ASCII names from 4 to 72 octets (q53's fast path) and on Unicode names (label-by-label libidn2).
 *
 * How: a round times CALLS calls of copy, then CALLS calls of q53 (the other order in odd rounds), each
 * with CLOCK_MONOTONIC around the whole batch; ROUNDS rounds per name, so that a slow moment of a shared
 * machine hits both alike; batches are short (about 0.3 ms), so that a preemption spoils few of them.
 * Printed: the median ns per call of each, and the q53/copy ratio of each round: its median and its
 * spread, the first and third quartiles (rounds with a preemption in one batch of the two fall outside). The
 * input pointer and output buffer pass through an empty asm so that nothing is hoisted or optimized away.
 * Timing never decides a test: this program fails only when a conversion does. bench/idna.sh runs it pinned
 * to one CPU.
 *
 * Usage: bench_idna [SCALE]    SCALE multiplies the calls per round (0.1 for a quick look).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <idn2.h>

#include "idna/fastpath.h"
#include "q53/idna.h"

enum { ROUNDS = 101, IDN2_ROUNDS = 5 };

/* The compiler must assume p is read, written and may now point anywhere. */
#define BARRIER(p) __asm__ volatile("" : "+r"(p) : : "memory")

typedef enum { M_COPY, M_Q53, M_CALL, M_IDN2 } method;

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* One batch of n calls; returns ns per call, or a negative value when a call fails. */
static double run(method m, const char *name, long n)
{
	char buf[1024];
	char *out = buf;
	double t0 = now_ns();
	for (long i = 0; i < n; i++) {
		const char *in = name;
		BARRIER(in);
		size_t len = strlen(in);
		switch (m) {
		case M_COPY:
			memcpy(out, in, len + 1);
			break;
		case M_Q53:
			if (q53_idna_to_ascii(in, len, out, sizeof buf, NULL, 0) < 0)
				return -1;
			break;
		case M_CALL:
			if ((q53_idna_to_ascii)(in, len, out, sizeof buf, NULL, 0) < 0)
				return -1;
			break;
		case M_IDN2: {
			char *a = NULL;
			if (idn2_to_ascii_8z(in, &a, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT) != IDN2_OK)
				return -1;
			out[0] = a[0];
			idn2_free(a);
			break;
		}
		}
		BARRIER(out);
	}
	return (now_ns() - t0) / (double)n;
}

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

/* Prints s left-aligned in w terminal columns: one per code point, two for U+3000..U+9FFF (lead octets
 * 0xE3..0xE9: CJK and kana, shown double width) and U+FF00..U+FF60 (full-width forms). */
static void column(const char *s, int w)
{
	int n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p & 0xC0) == 0x80)
			continue;
		n += (*p >= 0xE3 && *p <= 0xE9) || (*p == 0xEF && (p[1] == 0xBC || p[1] == 0xBD)) ? 2 : 1;
	}
	printf("%s%*s ", s, n < w ? w - n : 0, "");
}

int main(int argc, char **argv)
{
	double scale = argc > 1 ? atof(argv[1]) : 1.0;
	static const char *const names[] = {
	    "a.io",
	    "www.example.com",
	    "_sip._tcp.example.com.",
	    "mail.long-department-name.example.co.uk.",
	    "_25._tcp.mail.long-department-name.example.co.uk.other-site.example.org.",
	    "b\u00FCcher.de",
	    "\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444",
	    "www.\u4F8B\u3048\u3002\u30C6\u30B9\u30C8.",
	};
	char a[1024];
	printf(
	    "ns per call: median of %d interleaved rounds (idn2: of %d); q53/copy: the median round's ratio "
	    "(first-third quartile)\nq53 fast path: %s\n",
	    ROUNDS, IDN2_ROUNDS, q53_idna_fastpath_name());
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
		long n = (long)((ascii ? 50000 : 500) * scale) + 1;
		long n2 = (long)(2000 * scale) + 1;
		double c[ROUNDS], q[ROUNDS], f[ROUNDS], ratio[ROUNDS], fratio[ROUNDS], d[IDN2_ROUNDS];
		/* One batch of each first, so that the first round does not pay for cold caches. */
		if (run(M_COPY, nm, n) < 0 || run(M_Q53, nm, n) < 0 || run(M_CALL, nm, n) < 0)
			goto failed;
		for (int k = 0; k < ROUNDS; k++) {
			if (k % 2 == 0) {
				c[k] = run(M_COPY, nm, n);
				q[k] = run(M_Q53, nm, n);
				f[k] = run(M_CALL, nm, n);
			} else {
				f[k] = run(M_CALL, nm, n);
				q[k] = run(M_Q53, nm, n);
				c[k] = run(M_COPY, nm, n);
			}
			if (c[k] < 0 || q[k] < 0 || f[k] < 0)
				goto failed;
			ratio[k] = q[k] / c[k];
			fratio[k] = f[k] / c[k];
		}
		for (int k = 0; k < IDN2_ROUNDS; k++)
			if ((d[k] = run(M_IDN2, nm, n2)) < 0)
				goto failed;
		double rm = median(ratio, ROUNDS);
		printf("%-4zu ", strlen(nm));
		column(nm, 40);
		double fm = median(fratio, ROUNDS);
		printf("%7.1f %7.1f %7.1f %9.1f", median(c, ROUNDS), median(q, ROUNDS), median(f, ROUNDS),
		       median(d, IDN2_ROUNDS));
		if (ascii)
			printf(" %7.2f %6.2f (%4.2f-%4.2f)\n", fm, rm, ratio[ROUNDS / 4],
			       ratio[ROUNDS - 1 - ROUNDS / 4]);
		else
			printf("   (Unicode: libidn2 works)\n");
		continue;
	failed:
		fprintf(stderr, "bench_idna: %s failed\n", nm);
		return 1;
	}
	return 0;
}
