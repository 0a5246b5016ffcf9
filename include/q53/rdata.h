/*
 * RDATA of the record types q53 knows by name: typed views over a checked record, and the presentation
 * (zone-file) form in both directions. Every other type is opaque RDATA written as "\# len hex" (RFC 3597 5).
 * One descriptor table in codec/rrtype.c drives the reader's checks, the writer's compression, these views
 * and the text forms.
 */
#ifndef Q53_RDATA_H
#define Q53_RDATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "q53/msg.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct q53_soa {
	uint8_t mname[Q53_NAME_MAX];
	uint8_t rname[Q53_NAME_MAX];
	uint32_t serial, refresh, retry, expire, minimum;
} q53_soa_t;

typedef struct q53_mx {
	uint16_t preference;
	uint8_t exchange[Q53_NAME_MAX];
} q53_mx_t;

typedef struct q53_srv {
	uint16_t priority, weight, port;
	uint8_t target[Q53_NAME_MAX];
} q53_srv_t;

/* CAA (RFC 8659 4.1): tag and value point into the message. */
typedef struct q53_caa {
	uint8_t flags;
	uint8_t tag_len;
	uint16_t value_len;
	const uint8_t *tag;
	const uint8_t *value;
} q53_caa_t;

/*
 * Typed views. Each returns 0, or Q53_EINVAL when rr is not of the view's type (class IN assumed for A and
 * AAAA). rr must come from q53_reader_next() or q53_rr_view(), which already checked the layout.
 */
Q53_API int q53_rdata_a(const q53_rr_t *rr, uint8_t out[4]);
Q53_API int q53_rdata_aaaa(const q53_rr_t *rr, uint8_t out[16]);
/* NS, CNAME, PTR, DNAME and the other single-name types: the target name, returns its length. */
Q53_API int q53_rdata_name(const q53_rr_t *rr, uint8_t *out);
Q53_API int q53_rdata_soa(const q53_rr_t *rr, q53_soa_t *out);
Q53_API int q53_rdata_mx(const q53_rr_t *rr, q53_mx_t *out);
Q53_API int q53_rdata_srv(const q53_rr_t *rr, q53_srv_t *out);
Q53_API int q53_rdata_caa(const q53_rr_t *rr, q53_caa_t *out);
/*
 * TXT: iterates the character-strings; *pos starts at 0. Returns 1 with *str and *len set, 0 at the end,
 * Q53_EINVAL when rr is not TXT.
 */
Q53_API int q53_rdata_txt_next(const q53_rr_t *rr, size_t *pos, const uint8_t **str, size_t *len);

/*
 * True when q53 has a typed presentation form for type (otherwise it prints as RFC 3597 "\#"). libq53 leaves
 * out LOC, EUI48, EUI64, CERT, IPSECKEY, APL, WKS, ISDN, NSAP, NID, L64, AMTRELAY, HIP, NXT, A6, ATMA and
 * DOA for its size, so it reads and writes those as RFC 3597 data, and knows NID, L64, AMTRELAY, DOA, TA and
 * DLV only as TYPEnnn; q53, q53d and q53-zonecheck have their text forms (RFC 1876, 7043, 4398, 4025,
 * 3123, 1035, 1183, 1706, 6742, 8777, 8005, 2535, 2874, 4431).
 */
Q53_API bool q53_type_known(uint16_t type);

/*
 * True when field number index (0-based, in presentation order) of type's RDATA is a domain name. A zone
 * parser uses it to convert UTF-8 names (idna/) before q53_rdata_from_text().
 */
Q53_API bool q53_rdata_field_is_name(uint16_t type, unsigned index);

/*
 * Checks uncompressed RDATA against the layout of type (no compression pointers allowed). Types without a
 * layout accept anything. Returns 0 or Q53_ERDATA.
 */
Q53_API int q53_rdata_check(uint16_t type, const uint8_t *rdata, size_t len);

/*
 * Parses the presentation form of RDATA (the fields after the type in a zone-file line; quotes, escapes and
 * whitespace as RFC 1035 5.1, no parentheses or comments) into uncompressed wire form. Relative names take
 * origin (Q53_ERELATIVE when it is NULL). "\# len hex" is accepted for every type (RFC 3597 5). Returns the
 * RDATA length, or Q53_ESYNTAX, Q53_ERANGE, Q53_EESCAPE, Q53_ENOSPACE, Q53_ERDATA (generic form that does not
 * fit the type's layout, or an SVCB "keyNNNNN" value that key cannot have), Q53_EINVAL (NULL arguments), or a
 * name error. When errpos is not NULL it receives the offset in text where the error was found: for SVCB and
 * HTTPS (RFC 9460 2.1), the start of the param for an error about the param as a whole (its key, a value
 * missing, not allowed or wrong for the key, a repeated key, a mandatory key absent), else in its value.
 */
Q53_API int q53_rdata_from_text(uint16_t type, const char *text, size_t len, const uint8_t *origin,
				uint8_t *out, size_t size, size_t *errpos);

#ifdef __cplusplus
}
#endif
#endif
