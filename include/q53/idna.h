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
