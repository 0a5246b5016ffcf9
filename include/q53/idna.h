/*
 * Internationalized domain names where names meet people: whole names between U-labels (UTF-8) and
 * A-labels ("xn--..."), IDNA2008 with UTS #46 non-transitional processing through libidn2. "faß.de" becomes
 * "xn--fa-hia.de", never "fass.de". Names already in ASCII pass through untouched without calling libidn2.
 */
#ifndef Q53_IDNA_H
#define Q53_IDNA_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "q53/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Converts a name in presentation form, UTF-8 allowed, to its ASCII presentation form with A-labels
 * (UTS #46 mapping: case folding, NFC, full-width and ideographic dots U+3002, U+FF0E, U+FF61 as
 * separators). in[0..len) need not be NUL-terminated and must not contain a NUL octet.
 *
 * ASCII input is copied byte for byte without calling libidn2 and without judging it (escapes, "_srv", "*",
 * case, the trailing dot and "." kept; an empty label or an over-long name is left for q53_name_from_text()
 * to report). Otherwise the name is converted label by label: ASCII labels are kept as typed (their escapes
 * and lengths checked), each other label goes through libidn2 (IDNA2008 lookup, UTS #46 non-transitional,
 * UseSTD3ASCIIRules off), and the result is checked against the RFC 1035 2.3.4 limits in wire form.
 *
 * Follows the snprintf contract on success: returns the length needed; out is terminated when size > 0
 * (and emptied on error). out may be NULL when size is 0. why, when not NULL, receives "" on success and on
 * error a sentence that quotes the input, names the label (counted from 1) and says why, e.g.
 * "\"😀.example\": label 1 is not allowed in IDNA2008 (disallowed code point U+1F600)".
 * Errors: Q53_EIDNA (not valid IDNA), Q53_ELABELLEN / Q53_ENAMELEN (the result is too long), Q53_EEMPTY (an
 * empty label in a Unicode name), Q53_EESCAPE (a bad escape in one of its ASCII labels), Q53_ENOMEM,
 * Q53_EINVAL (NULL arguments, a NUL octet).
 */
Q53_API int q53_idna_to_ascii(const char *in, size_t len, char *out, size_t size, char *why, size_t why_size);

/*
 * The usual case in line: an ASCII name (0x01..0x7F) with room in out is copied in the caller's own code,
 * the blocks overlapping at the end as in memcpy(), reading only in[0..len) and writing only out[0..len]:
 *   - 1 to 80 octets in at most five 16-octet blocks, or in 8-, 4- or 1-octet ones (SSE2 through GCC's
 *     vector extensions);
 *   - 81 to 255 octets in four or eight 32-octet AVX2 blocks when the CPU has AVX2 (x86-64, GCC or clang),
 *     else up to 128 in eight 16-octet blocks;
 *   - without SSE2 and the vector extensions, 1 to 32 octets in 8-, 4- and 1-octet words.
 * Anything else goes to the function above, with the same results. So converting a typed name costs no more
 * than copying it (bench/bench_idna measures both). (q53_idna_to_ascii)(...) and &q53_idna_to_ascii name the
 * function itself; define Q53_IDNA_NO_INLINE before including this header to always call it.
 */
#if !defined(Q53_IDNA_NO_INLINE)
/* MemorySanitizer cannot see what assembly writes: under it, the 16-octet blocks only. */
#if defined(__has_feature)
#if __has_feature(memory_sanitizer)
#define Q53__IDNA_MSAN 1
#endif
#endif
#if defined(__SSE2__) && defined(__GNUC__) && defined(__x86_64__) && defined(__LP64__) && \
    !defined(Q53__IDNA_MSAN)
#define Q53__IDNA_INLINE_MAX 255
#define Q53__IDNA_AVX2_ASM   1
#elif defined(__SSE2__) && defined(__GNUC__)
#define Q53__IDNA_INLINE_MAX 128
#else
#define Q53__IDNA_INLINE_MAX 32
#endif
/*
 * Whether the CPU has AVX2 and the OS saves its registers: compiled in when the program is built for AVX2,
 * else asked at run time through __builtin_cpu_supports(), one load and one test. That links libgcc's (or
 * compiler-rt's) CPU model into the program, about 4.5 KB that reads CPUID once before main(); a program
 * that would rather not have it defines Q53_IDNA_NO_INLINE. The tests define this to 0 to take the
 * 16-octet blocks on any CPU.
 */
#if defined(Q53__IDNA_AVX2_ASM) && !defined(Q53__IDNA_HAS_AVX2)
#if defined(__AVX2__)
#define Q53__IDNA_HAS_AVX2 1
#else
#define Q53__IDNA_HAS_AVX2 __builtin_cpu_supports("avx2")
#endif
#endif
/* GCC at -O2 would rather call a copy of the in-line path than inline it, and that call costs a fifth of
 * the copy. */
#if defined(__GNUC__)
#define Q53__IDNA_ALWAYS_INLINE __attribute__((always_inline))
#else
#define Q53__IDNA_ALWAYS_INLINE
#endif
/*
 * The copies: each copies the name while it tests it and tells whether every octet is in 0x01..0x7F. When
 * not, out holds part of the name, and the function above starts over and writes out whole.
 */
#if Q53__IDNA_INLINE_MAX > 32
/*
 * 17 to 128 octets in 16-octet blocks (SSE2 through GCC's and clang's vector extensions), without a loop:
 * the first blocks and the last ones, overlapping those before them as in memcpy(), two up to 32 octets,
 * four up to 64, five up to 80 and eight up to 128. Every block is loaded before the first is stored.
 * Measured in one process against the blocks stored as soon as loaded (2026-11-27, each method in its own
 * loop): 0.78-0.80 against 0.92-0.94 copies at 65-80 octets, 0.88-0.92 against 0.87-1.14 at 81-127.
 */
static inline int q53__idna_copy_17_128(const char *in, size_t len, char *out)
{
	/* The octets to accept, 0x01..0x7F, are those above 0 as signed chars: one compare each, and-ed. */
	typedef signed char v16 __attribute__((vector_size(16)));
	typedef char v16c __attribute__((vector_size(16)));
	const v16 zero = {0}, all = ~zero;
	v16 a, b, c, d, e, f, g, h, good;
	memcpy(&a, in, 16);
	memcpy(&h, in + len - 16, 16);
	if (len <= 64) {
		good = all;
		if (len > 32) {
			memcpy(&b, in + 16, 16);
			memcpy(&g, in + len - 32, 16);
			memcpy(out + 16, &b, 16);
			memcpy(out + len - 32, &g, 16);
			good = (b > zero) & (g > zero);
		}
		memcpy(out, &a, 16);
		memcpy(out + len - 16, &h, 16);
		good &= (a > zero) & (h > zero);
		return __builtin_ia32_pmovmskb128((v16c)good) == 0xFFFF;
	}
	memcpy(&b, in + 16, 16);
	memcpy(&c, in + 32, 16);
	memcpy(&d, in + 48, 16);
	good = (a > zero) & (b > zero) & (c > zero) & (d > zero) & (h > zero);
	if (len > 80) {
		memcpy(&e, in + len - 64, 16);
		memcpy(&f, in + len - 48, 16);
		memcpy(&g, in + len - 32, 16);
		good &= (e > zero) & (f > zero) & (g > zero);
		memcpy(out + len - 64, &e, 16);
		memcpy(out + len - 48, &f, 16);
		memcpy(out + len - 32, &g, 16);
	}
	memcpy(out, &a, 16);
	memcpy(out + 16, &b, 16);
	memcpy(out + 32, &c, 16);
	memcpy(out + 48, &d, 16);
	memcpy(out + len - 16, &h, 16);
	return __builtin_ia32_pmovmskb128((v16c)good) == 0xFFFF;
}
#endif

#if defined(Q53__IDNA_AVX2_ASM)
/*
 * 65 to 255 octets (taken from 81) in AVX2 blocks, as glibc's AVX2 memcpy() moves them: the first two
 * 32-octet blocks and the last two, and up to 128 octets that is all; beyond, the two after the first ones
 * and the two before the last ones. Every block is loaded before the first is stored. Written in assembly,
 * since a program built for any x86-64 cannot have AVX2 code in line otherwise, in both of GCC's syntaxes
 * ({AT&T|Intel}, as -masm= picks). All 16 vector registers are named as clobbered, as VZEROUPPER (which
 * spares the SSE code after it a transition) clears the upper half of each. In bench/bench_idna (2026-11-27,
 * AMD EPYC): 0.86-0.93 copies at 186 octets where the call took 1.13, 0.83-0.90 at 99 against 0.88-1.11 in
 * 16-octet blocks.
 */
static inline int q53__idna_copy_65_255(const char *in, size_t len, char *out)
{
	unsigned int good;
	__asm__("{vmovdqu (%[i]), %%ymm0|vmovdqu ymm0, [%[i]]}\n\t"
		"{vmovdqu 32(%[i]), %%ymm1|vmovdqu ymm1, [%[i]+32]}\n\t"
		"{vmovdqu -64(%[ie]), %%ymm2|vmovdqu ymm2, [%[ie]-64]}\n\t"
		"{vmovdqu -32(%[ie]), %%ymm3|vmovdqu ymm3, [%[ie]-32]}\n\t"
		"{vpminsb %%ymm1, %%ymm0, %%ymm4|vpminsb ymm4, ymm0, ymm1}\n\t"
		"{vpminsb %%ymm3, %%ymm2, %%ymm5|vpminsb ymm5, ymm2, ymm3}\n\t"
		"{cmpq $128, %[n]|cmp %[n], 128}\n\t"
		"jbe 1f\n\t"
		"{vmovdqu 64(%[i]), %%ymm6|vmovdqu ymm6, [%[i]+64]}\n\t"
		"{vmovdqu 96(%[i]), %%ymm7|vmovdqu ymm7, [%[i]+96]}\n\t"
		"{vmovdqu -128(%[ie]), %%ymm8|vmovdqu ymm8, [%[ie]-128]}\n\t"
		"{vmovdqu -96(%[ie]), %%ymm9|vmovdqu ymm9, [%[ie]-96]}\n\t"
		"{vpminsb %%ymm6, %%ymm4, %%ymm4|vpminsb ymm4, ymm4, ymm6}\n\t"
		"{vpminsb %%ymm7, %%ymm5, %%ymm5|vpminsb ymm5, ymm5, ymm7}\n\t"
		"{vpminsb %%ymm8, %%ymm4, %%ymm4|vpminsb ymm4, ymm4, ymm8}\n\t"
		"{vpminsb %%ymm9, %%ymm5, %%ymm5|vpminsb ymm5, ymm5, ymm9}\n\t"
		"{vmovdqu %%ymm6, 64(%[o])|vmovdqu [%[o]+64], ymm6}\n\t"
		"{vmovdqu %%ymm7, 96(%[o])|vmovdqu [%[o]+96], ymm7}\n\t"
		"{vmovdqu %%ymm8, -128(%[oe])|vmovdqu [%[oe]-128], ymm8}\n\t"
		"{vmovdqu %%ymm9, -96(%[oe])|vmovdqu [%[oe]-96], ymm9}\n"
		"1:\n\t"
		"{vmovdqu %%ymm0, (%[o])|vmovdqu [%[o]], ymm0}\n\t"
		"{vmovdqu %%ymm1, 32(%[o])|vmovdqu [%[o]+32], ymm1}\n\t"
		"{vmovdqu %%ymm2, -64(%[oe])|vmovdqu [%[oe]-64], ymm2}\n\t"
		"{vmovdqu %%ymm3, -32(%[oe])|vmovdqu [%[oe]-32], ymm3}\n\t"
		/* Every octet above 0 as a signed char: the lowest of them all is. */
		"{vpminsb %%ymm5, %%ymm4, %%ymm4|vpminsb ymm4, ymm4, ymm5}\n\t"
		"{vpxor %%xmm5, %%xmm5, %%xmm5|vpxor xmm5, xmm5, xmm5}\n\t"
		"{vpcmpgtb %%ymm5, %%ymm4, %%ymm4|vpcmpgtb ymm4, ymm4, ymm5}\n\t"
		"{vpmovmskb %%ymm4, %[good]|vpmovmskb %[good], ymm4}\n\t"
		"vzeroupper"
		: [good] "=r"(good)
		: [i] "r"(in), [ie] "r"(in + len), [o] "r"(out), [oe] "r"(out + len), [n] "r"(len)
		: "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10",
		  "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "cc", "memory");
	return good == 0xFFFFFFFFu;
}
#endif

/*
 * 1 to 32 octets in two or four 8-octet words, two 4-octet ones, or the first, middle and last octets (16 at
 * most with SSE2), as memcpy() copies them.
 */
static inline int q53__idna_copy_1_32(const char *in, size_t len, char *out)
{
	/* ((w - 0x01..01) | w) has an octet's top bit set exactly when some octet of w is 0 or >= 0x80: a
	 * borrow only starts at a zero octet, itself a hit. */
	const uint64_t ones = 0x0101010101010101u, tops = 0x8080808080808080u;
	if (len >= 8) {
		uint64_t a, z, b, y;
		memcpy(&a, in, 8);
		memcpy(&z, in + len - 8, 8);
		uint64_t hits = (a - ones) | a | (z - ones) | z;
		if (len > 16) {
			memcpy(&b, in + 8, 8);
			memcpy(&y, in + len - 16, 8);
			if ((hits | (b - ones) | b | (y - ones) | y) & tops)
				return 0;
			memcpy(out + 8, &b, 8);
			memcpy(out + len - 16, &y, 8);
		} else if (hits & tops) {
			return 0;
		}
		memcpy(out, &a, 8);
		memcpy(out + len - 8, &z, 8);
	} else if (len >= 4) {
		uint32_t a, z;
		memcpy(&a, in, 4);
		memcpy(&z, in + len - 4, 4);
		if (((a - 0x01010101u) | a | (z - 0x01010101u) | z) & 0x80808080u)
			return 0;
		memcpy(out, &a, 4);
		memcpy(out + len - 4, &z, 4);
	} else {
		/* "." and names as short: the same test on single octets. */
		unsigned int a = (unsigned char)in[0], m = (unsigned char)in[len / 2],
			     z = (unsigned char)in[len - 1];
		if (((a - 1) | a | (m - 1) | m | (z - 1) | z) & 0x80u)
			return 0;
		out[0] = (char)a;
		out[len / 2] = (char)m;
		out[len - 1] = (char)z;
	}
	return 1;
}

static inline Q53__IDNA_ALWAYS_INLINE int q53__idna_to_ascii_inline(const char *in, size_t len, char *out,
								    size_t size, char *why, size_t why_size)
{
	if (len - 1 > Q53__IDNA_INLINE_MAX - 1 || len >= size || in == NULL || out == NULL)
		return (q53_idna_to_ascii)(in, len, out, size, why, why_size);
#if defined(Q53__IDNA_AVX2_ASM)
	int copied;
	if (len <= 80)
		copied = len > 16 ? q53__idna_copy_17_128(in, len, out) : q53__idna_copy_1_32(in, len, out);
	else if (Q53__IDNA_HAS_AVX2)
		copied = q53__idna_copy_65_255(in, len, out);
	else
		copied = len <= 128 && q53__idna_copy_17_128(in, len, out);
#elif Q53__IDNA_INLINE_MAX > 32
	int copied = len > 16 ? q53__idna_copy_17_128(in, len, out) : q53__idna_copy_1_32(in, len, out);
#else
	int copied = q53__idna_copy_1_32(in, len, out);
#endif
	if (!copied)
		return (q53_idna_to_ascii)(in, len, out, size, why, why_size);
	out[len] = '\0';
	if (why != NULL && why_size > 0)
		why[0] = '\0';
	return (int)len;
}
#define q53_idna_to_ascii(in, len, out, size, why, why_size) \
	q53__idna_to_ascii_inline(in, len, out, size, why, why_size)
#endif

/*
 * Converts an ASCII presentation name to UTF-8 for display: every label that is a valid A-label ("xn--" in
 * any case, decoding to a U-label that encodes back to it) becomes its U-label, in lower case; any other
 * label, escapes included, stays as it is. Follows the snprintf contract. Errors: Q53_ENOMEM, Q53_EINVAL
 * (NULL arguments, a NUL octet in the input).
 */
Q53_API int q53_idna_to_unicode(const char *in, size_t len, char *out, size_t size);

/* A q53_name_hook (print.h) that shows wire names with U-labels: q53_name_to_text(), then
 * q53_idna_to_unicode(). ctx is unused. */
Q53_API int q53_idna_name_hook(const uint8_t *name, char *buf, size_t size, void *ctx);

#ifdef __cplusplus
}
#endif
#endif
