/*
 * The libFuzzer entry point, declared once for the fuzz targets and for replay.c, which runs a target over
 * its committed corpus in `make check` without libFuzzer (so every build, not only clang ones, replays it).
 */
#ifndef Q53_FUZZ_H
#define Q53_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Runs one input through the target. Returns 0; a broken invariant abort()s. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
