/*
 * bench/bench_idna: what a name costs on its way in from people. Issue 3 asks that converting an ASCII
 * name cost no more than copying it, so each name is timed four ways, in nanoseconds per call:
 *   copy       strlen + memcpy into a buffer (the floor: what any API that hands back a name must do),
 *   q53        q53_idna_to_ascii() (strlen included, as callers hold C strings),
 *   idn2       idn2_to_ascii_8z() with the same flags, plus the free() of its result,
 * on ASCII names (q53's fast path) and Unicode names (label-by-label libidn2). Timing never decides a test.
 * Each figure is the best of ROUNDS runs of many calls, measured with CLOCK_MONOTONIC; the input pointer
 * and output buffer pass through an empty asm so that nothing is hoisted or optimized away.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <idn2.h>

#include "q53/idna.h"

enum { ROUNDS = 7 };

/* The compiler must assume p is read, written and may now point anywhere. */
#define BARRIER(p) __asm__ volatile("" : "+r"(p) : : "memory")

typedef enum { M_COPY, M_Q53, M_IDN2 } method;

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* One run of n calls; returns ns per call, or a negative value when a call fails. */
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

static double best(method m, const char *name, long n)
{
	double b = 1e300;
	for (int r = 0; r < ROUNDS; r++) {
		double t = run(m, name, n);
		if (t < 0)
			return t;
		if (t < b)
			b = t;
	}
	return b;
}

int main(int argc, char **argv)
{
	/* A scale factor for quick runs: bench_idna 0.1 */
	double scale = argc > 1 ? atof(argv[1]) : 1.0;
	static const char *const names[] = {
	    "www.example.com",
	    "_sip._tcp.example.com.",
	    "mail.long-department-name.example.co.uk.",
	    "b\u00FCcher.de",
	    "\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444",
	    "www.\u4F8B\u3048\u3002\u30C6\u30B9\u30C8.",
	};
	char a[1024];
	printf("ns per call, best of %d runs (q53/copy: how many copies one conversion costs)\n", ROUNDS);
	printf("%-40s %-40s %8s %8s %8s %9s\n", "input", "output", "copy", "q53", "idn2", "q53/copy");
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const char *nm = names[i];
		int r = q53_idna_to_ascii(nm, strlen(nm), a, sizeof a, NULL, 0);
		if (r < 0) {
			fprintf(stderr, "bench_idna: %s: %d\n", nm, r);
			return 1;
		}
		int ascii = strcmp(nm, a) == 0;
		long n = (long)((ascii ? 20000000 : 200000) * scale) + 1;
		long n2 = (long)(200000 * scale) + 1;
		double c = best(M_COPY, nm, n), q = best(M_Q53, nm, n), d = best(M_IDN2, nm, n2);
		if (c < 0 || q < 0 || d < 0) {
			fprintf(stderr, "bench_idna: %s failed\n", nm);
			return 1;
		}
		column(nm, 40);
		column(a, 40);
		printf("%8.1f %8.1f %8.1f %9.2f\n", c, q, d, q / c);
	}
	return 0;
}
