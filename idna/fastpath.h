/*
 * Inside idna/: the instruction-set variants of q53_idna_to_ascii()'s ASCII fast path, so that the unit
 * tests can run every variant the CPU has, not only the one chosen for it. Not installed, not API.
 */
#ifndef Q53_IDNA_FASTPATH_H
#define Q53_IDNA_FASTPATH_H

#include <stddef.h>

#include "q53/idna.h"

typedef int q53_idna_to_ascii_fn(const char *in, size_t len, char *out, size_t size, char *why,
				 size_t why_size);

/* Variants: 0 portable (SSE2 on x86-64), 1 AVX2 (see idna.c on why not AVX-512). */
enum { Q53_IDNA_VARIANTS = 2 };

/* The variant numbered isa, or NULL when this CPU (or this build) lacks it. */
q53_idna_to_ascii_fn *q53_idna_to_ascii_variant(unsigned isa);

/* The name of the variant q53_idna_to_ascii() uses on this CPU ("AVX2"...), for bench/bench_idna. */
const char *q53_idna_fastpath_name(void);

/* The longest name the header's in-line path copies on this CPU, for the tests and bench/bench_idna to
 * say; 0 where the includer has defined Q53_IDNA_NO_INLINE. */
#if defined(Q53__IDNA_AVX2_ASM)
#define Q53_IDNA_INLINE_HERE (Q53__IDNA_HAS_AVX2 ? 255 : 128)
#elif defined(Q53__IDNA_INLINE_MAX)
#define Q53_IDNA_INLINE_HERE Q53__IDNA_INLINE_MAX
#else
#define Q53_IDNA_INLINE_HERE 0
#endif

#endif
