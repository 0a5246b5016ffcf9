/*
 * Internationalized domain names where names meet people: whole names between U-labels (UTF-8) and
 * A-labels ("xn--..."), IDNA2008 with UTS #46 non-transitional processing through libidn2. "faß.de" becomes
 * "xn--fa-hia.de", never "fass.de". Names already in ASCII pass through untouched without calling libidn2.
 */
#ifndef Q53_IDNA_H
#define Q53_IDNA_H

#include <stddef.h>
#include <stdint.h>

#include "q53/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Converts a name in presentation form, UTF-8 allowed, to its ASCII presentation form with A-labels
 * (UTS #46 mapping: case folding, NFC, full-width and ideographic dots as separators). ASCII input is copied
 * as it is (escapes, "_srv", "*", trailing dot and "." kept). Follows the snprintf contract on success:
 * returns the length needed. Errors: Q53_EIDNA (why, when not NULL, receives a sentence naming the label
 * and the reason, e.g. "\"😀.example\": label 1 is not allowed in IDNA2008 (disallowed code point
 * U+1F600)"), Q53_ELABELLEN / Q53_ENAMELEN when the encoded result is too long, Q53_EINVAL.
 */
Q53_API int q53_idna_to_ascii(const char *in, size_t len, char *out, size_t size, char *why, size_t why_size);

/*
 * Converts an ASCII presentation name to UTF-8 for display: every A-label that is valid IDNA becomes its
 * U-label; any other label stays as it is. Follows the snprintf contract.
 */
Q53_API int q53_idna_to_unicode(const char *in, size_t len, char *out, size_t size);

/* A q53_name_hook (print.h) that shows wire names with U-labels; ctx is unused. */
Q53_API int q53_idna_name_hook(const uint8_t *name, char *buf, size_t size, void *ctx);

#ifdef __cplusplus
}
#endif
#endif
