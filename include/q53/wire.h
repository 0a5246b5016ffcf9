/*
 * DNS wire constants (RFC 1035 section 4.1, IANA registries) and type/class mnemonics.
 *
 * Types and classes are plain uint16_t values; the constants here name the ones q53 has a use for. Every
 * other value is still a valid type and travels as opaque RDATA (RFC 3597).
 */
#ifndef Q53_WIRE_H
#define Q53_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "q53/err.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
	Q53_HEADER_LEN = 12,	  /* RFC 1035 4.1.1 */
	Q53_NAME_MAX = 255,	  /* octets of a name in wire form, RFC 1035 2.3.4 */
	Q53_LABEL_MAX = 63,	  /* octets of one label */
	Q53_NAME_TEXT_MAX = 1024, /* longest presentation form: 255 octets as \DDD is 4 x 254 + 1 */
	Q53_UDP_MAX = 512,	  /* UDP payload without EDNS, RFC 1035 4.2.1 */
	Q53_EDNS_DEFAULT = 1232,  /* DNS flag day 2020 payload size */
	Q53_MSG_MAX = 65535,
};

/* Header flags as they sit in the second 16-bit word of the header (RFC 1035 4.1.1, RFC 4035 3.1). */
enum {
	Q53_FLAG_QR = 0x8000,
	Q53_FLAG_AA = 0x0400,
	Q53_FLAG_TC = 0x0200,
	Q53_FLAG_RD = 0x0100,
	Q53_FLAG_RA = 0x0080,
	Q53_FLAG_Z = 0x0040,
	Q53_FLAG_AD = 0x0020,
	Q53_FLAG_CD = 0x0010,
};
#define Q53_FLAGS_OPCODE(f) ((unsigned)(((f) >> 11) & 0xFu))
#define Q53_FLAGS_RCODE(f)  ((unsigned)((f)&0xFu))

enum {
	Q53_OPCODE_QUERY = 0,
	Q53_OPCODE_IQUERY = 1,
	Q53_OPCODE_STATUS = 2,
	Q53_OPCODE_NOTIFY = 4,
	Q53_OPCODE_UPDATE = 5,
};

enum {
	Q53_RCODE_NOERROR = 0,
	Q53_RCODE_FORMERR = 1,
	Q53_RCODE_SERVFAIL = 2,
	Q53_RCODE_NXDOMAIN = 3,
	Q53_RCODE_NOTIMP = 4,
	Q53_RCODE_REFUSED = 5,
	Q53_RCODE_YXDOMAIN = 6,
	Q53_RCODE_YXRRSET = 7,
	Q53_RCODE_NXRRSET = 8,
	Q53_RCODE_NOTAUTH = 9,
	Q53_RCODE_NOTZONE = 10,
	Q53_RCODE_BADVERS = 16,	  /* extended, RFC 6891 9 */
	Q53_RCODE_BADCOOKIE = 23, /* extended, RFC 7873 8 */
};

enum {
	Q53_CLASS_IN = 1,
	Q53_CLASS_CH = 3,
	Q53_CLASS_HS = 4,
	Q53_CLASS_NONE = 254,
	Q53_CLASS_ANY = 255,
};

enum {
	Q53_TYPE_A = 1,
	Q53_TYPE_NS = 2,
	Q53_TYPE_MD = 3,
	Q53_TYPE_MF = 4,
	Q53_TYPE_CNAME = 5,
	Q53_TYPE_SOA = 6,
	Q53_TYPE_MB = 7,
	Q53_TYPE_MG = 8,
	Q53_TYPE_MR = 9,
	Q53_TYPE_NULL = 10,
	Q53_TYPE_WKS = 11,
	Q53_TYPE_PTR = 12,
	Q53_TYPE_HINFO = 13,
	Q53_TYPE_MINFO = 14,
	Q53_TYPE_MX = 15,
	Q53_TYPE_TXT = 16,
	Q53_TYPE_RP = 17,
	Q53_TYPE_AFSDB = 18,
	Q53_TYPE_RT = 21,
	Q53_TYPE_SIG = 24,
	Q53_TYPE_PX = 26,
	Q53_TYPE_AAAA = 28,
	Q53_TYPE_NXT = 30,
	Q53_TYPE_SRV = 33,
	Q53_TYPE_NAPTR = 35,
	Q53_TYPE_KX = 36,
	Q53_TYPE_DNAME = 39,
	Q53_TYPE_OPT = 41,
	Q53_TYPE_DS = 43,
	Q53_TYPE_RRSIG = 46,
	Q53_TYPE_NSEC = 47,
	Q53_TYPE_DNSKEY = 48,
	Q53_TYPE_NSEC3 = 50,
	Q53_TYPE_NSEC3PARAM = 51,
	Q53_TYPE_SVCB = 64,
	Q53_TYPE_HTTPS = 65,
	Q53_TYPE_TKEY = 249,
	Q53_TYPE_TSIG = 250,
	Q53_TYPE_IXFR = 251,
	Q53_TYPE_AXFR = 252,
	Q53_TYPE_ANY = 255,
	Q53_TYPE_CAA = 257,
};

/* Message sections, in wire order. */
typedef enum q53_section {
	Q53_SEC_QUESTION = 0,
	Q53_SEC_ANSWER = 1,
	Q53_SEC_AUTHORITY = 2,
	Q53_SEC_ADDITIONAL = 3,
} q53_section;

/*
 * Type mnemonics. q53_type_to_text() writes "A", "AAAA", ... or "TYPE65280" (RFC 3597 5) into buf following
 * the snprintf contract: returns the length needed, always terminates when size > 0.
 * q53_type_from_text() accepts any case and "TYPEnnn"; returns the type (>= 0) or Q53_ETYPE.
 */
Q53_API int q53_type_to_text(uint16_t type, char *buf, size_t size);
Q53_API int q53_type_from_text(const char *text, size_t len);
/* The same for classes: "IN", "CH", "HS", "NONE", "ANY", "CLASSnnn"; errors are Q53_ECLASS. */
Q53_API int q53_class_to_text(uint16_t rclass, char *buf, size_t size);
Q53_API int q53_class_from_text(const char *text, size_t len);
/* Static mnemonics for display; unknown values give NULL (print the number instead). */
Q53_API const char *q53_rcode_name(unsigned rcode);
Q53_API const char *q53_opcode_name(unsigned opcode);
Q53_API const char *q53_section_name(q53_section sec);

/*
 * Big-endian field access, for callers that build or inspect headers by hand. Where the compiler has byte
 * swaps, one load or store and a swap: gcc turns the byte-wise form into that only some of the time.
 */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
static inline uint16_t q53_get16(const uint8_t *p)
{
	uint16_t v;
	memcpy(&v, p, 2);
	return __builtin_bswap16(v);
}
static inline uint32_t q53_get32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return __builtin_bswap32(v);
}
static inline void q53_put16(uint8_t *p, uint16_t v)
{
	v = __builtin_bswap16(v);
	memcpy(p, &v, 2);
}
static inline void q53_put32(uint8_t *p, uint32_t v)
{
	v = __builtin_bswap32(v);
	memcpy(p, &v, 4);
}
#else
static inline uint16_t q53_get16(const uint8_t *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}
static inline uint32_t q53_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline void q53_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}
static inline void q53_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}
#endif

#ifdef __cplusplus
}
#endif
#endif
