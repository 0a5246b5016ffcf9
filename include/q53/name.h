/*
 * Domain names in uncompressed wire form (RFC 1035 3.1): a sequence of length-prefixed labels ending with the
 * root label 0, at most 255 octets, each label at most 63. A name is validated once where it enters q53
 * (q53_name_from_text, q53_name_check, the message reader); every other function here trusts that form.
 */
#ifndef Q53_NAME_H
#define Q53_NAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "q53/wire.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Parses a name in presentation form (RFC 1035 5.1: "\." and "\DDD" escapes, "\X" for any other X) into
 * out, which must hold Q53_NAME_MAX octets. text need not be NUL-terminated. A name without a trailing dot
 * is relative: origin (a wire name) is appended, or Q53_ERELATIVE is returned when origin is NULL. "." is the
 * root. Returns the wire length (1..255) or Q53_EEMPTY, Q53_ELABELLEN, Q53_ENAMELEN, Q53_EESCAPE,
 * Q53_ERELATIVE, Q53_EINVAL.
 */
Q53_API int q53_name_from_text(const char *text, size_t len, const uint8_t *origin, uint8_t *out);

/*
 * Writes name in presentation form, always absolute (trailing dot; the root is "."), escaping ". ; \ ( ) "
 * @ $" with a backslash and any octet outside 0x21..0x7E as \DDD. snprintf contract: returns the length
 * needed without the NUL and terminates buf when size > 0.
 */
Q53_API int q53_name_to_text(const uint8_t *name, char *buf, size_t size);

/* Validates an uncompressed wire name at the start of buf[0..len). Returns its length or a Q53_E* error. */
Q53_API int q53_name_check(const uint8_t *buf, size_t len);

/* Length in octets of a valid wire name, root label included. */
Q53_API size_t q53_name_len(const uint8_t *name);

/* Number of labels of a valid name, the root not counted ("." has 0, "a.b." has 2). */
Q53_API unsigned q53_name_labels(const uint8_t *name);

/* True when the names are equal ignoring ASCII case (RFC 4343). */
Q53_API bool q53_name_equal(const uint8_t *a, const uint8_t *b);

/* Canonical DNS name order (RFC 4034 6.1): < 0, 0 or > 0 like strcmp. Case-insensitive. */
Q53_API int q53_name_compare(const uint8_t *a, const uint8_t *b);

/* A case-insensitive hash of the name, for hash tables. Equal names (q53_name_equal) hash equal. */
Q53_API uint32_t q53_name_hash(const uint8_t *name);

/* True when name equals parent or lies below it (case-insensitive). */
Q53_API bool q53_name_is_sub(const uint8_t *name, const uint8_t *parent);

/* Lowers ASCII letters in place (RFC 4034 6.2 canonical form of a name). */
Q53_API void q53_name_lower(uint8_t *name);

/* The name without its first label; the root's parent is NULL. */
static inline const uint8_t *q53_name_parent(const uint8_t *name)
{
	return name[0] == 0 ? NULL : name + 1 + name[0];
}

#ifdef __cplusplus
}
#endif
#endif
