/*
 * Presentation of records and whole messages: one RR in zone-file syntax, a message the way dig prints it,
 * and a message as JSON following RFC 8427. All output follows the snprintf contract: the return value is the
 * length needed (without the NUL), buf is always terminated when size > 0, negative values are errors in the
 * message being printed.
 */
#ifndef Q53_PRINT_H
#define Q53_PRINT_H

#include <stddef.h>
#include <stdint.h>

#include "q53/msg.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Shows a wire name. The default writes q53_name_to_text(); the CLI passes a hook that shows U-labels
 * (idna/), so the codec itself never links libidn2. Follows the snprintf contract.
 */
typedef int (*q53_name_hook)(const uint8_t *name, char *buf, size_t size, void *ctx);

enum {
	Q53_STYLE_NO_COMMENTS = 1u << 0, /* no ";; ..." header, flags and section titles */
	Q53_STYLE_NO_QUESTION = 1u << 1,
	Q53_STYLE_NO_ANSWER = 1u << 2,
	Q53_STYLE_NO_AUTHORITY = 1u << 3,
	Q53_STYLE_NO_ADDITIONAL = 1u << 4,
	Q53_STYLE_SHORT = 1u << 5,  /* only the RDATA of answer records, one per line, like dig +short */
	Q53_STYLE_NO_OPT = 1u << 6, /* no OPT pseudo-section */
	Q53_STYLE_JSON_COMPACT = 1u << 7, /* JSON on one line */
	/*
	 * dig's record display options; none of them applies to JSON. The columns close up as dig's do
	 * without TTL or class and under +multiline. +multiline breaks only record lines: the RDATA of
	 * q53_rdata_to_text() and +short stays on one line, as dig +short's does; its hex and base64 pieces
	 * are Q53_STYLE_SPLIT() wide, one to a line. A bit sets no other: as dig does, a CLI adds RRCOMMENTS
	 * to +multiline unless +norrcomments is given (to +short only +rrcomments does), and makes the width
	 * 44 instead of 56 unless +split is given (not for +short).
	 */
	Q53_STYLE_NO_TTL = 1u << 8,	     /* +nottlid: no TTL column */
	Q53_STYLE_NO_CLASS = 1u << 9,	     /* +noclass: no CLASS column (questions keep theirs) */
	Q53_STYLE_TTL_UNITS = 1u << 10,	     /* +ttlunits: TTL column as "1h", "1d2h3m4s", "0s" */
	Q53_STYLE_MULTILINE = 1u << 11,	     /* +multiline: long RDATA in parentheses over several lines */
	Q53_STYLE_RRCOMMENTS = 1u << 12,     /* +rrcomments: DNSKEY key comment, SOA's under +multiline */
	Q53_STYLE_NO_CRYPTO = 1u << 13,	     /* +nocrypto: "[omitted]", DNSKEY keys as "[key id = N]" */
	Q53_STYLE_UNKNOWN_FORMAT = 1u << 14, /* +unknownformat: CLASSn TYPEn \# len hex (RFC 3597) */
	/* Bits 16-23: Q53_STYLE_SPLIT(). */
	Q53_STYLE_SPLIT_MASK = 0xFFu << 16,
	/* The client's verdict on the reply's COOKIE option (RFC 7873 5.3), shown after it as dig does:
	 * " (good)" when it starts with the client cookie sent, " (bad)" when not. */
	Q53_STYLE_COOKIE_GOOD = 1u << 24,
	Q53_STYLE_COOKIE_BAD = 1u << 25,
};

/*
 * Hex and base64 fields (DNSKEY and RRSIG keys and signatures, DS digests, RFC 3597 data...) cut into
 * pieces of width characters, rounded up to a multiple of 4, with a space between them, as dig +split=W
 * writes them (dig's default is 56); 0, the default here, writes them whole. Never applied to JSON.
 */
#define Q53_STYLE_SPLIT(width) \
	((((unsigned)(width) + 3u) / 4u > 255u ? 255u : ((unsigned)(width) + 3u) / 4u) << 16)

typedef struct q53_style {
	unsigned flags;
	q53_name_hook name_hook; /* NULL: names as q53_name_to_text() */
	void *hook_ctx;
} q53_style_t;

/*
 * RDATA in presentation form ("192.0.2.1", "10 mail.example.", "\# 3 010203"). RDATA that its type's text
 * form could not give back (NSEC bitmap windows out of order, SVCB params out of order or with a value
 * their key cannot have) is written in the RFC 3597 form, so the text always reads back to the same octets.
 */
Q53_API int q53_rdata_to_text(const q53_rr_t *rr, const q53_style_t *st, char *buf, size_t size);

/*
 * One record as a zone-file line without newline, laid out in dig's columns: "owner TTL CLASS TYPE RDATA"
 * (questions: ";owner CLASS TYPE"). A view made with q53_rr_view() has no owner: its line starts with the
 * TTL.
 */
Q53_API int q53_rr_to_text(const q53_rr_t *rr, const q53_style_t *st, char *buf, size_t size);

/*
 * The whole message as dig prints it: ";; ->>HEADER<<- opcode: ..., status: ..., id: ...", flags and
 * counts, the OPT pseudo-section, then each section. Returns the length needed or the reader's error when
 * the message is malformed (what was printed before the error stays in buf).
 */
Q53_API int q53_msg_to_text(const uint8_t *msg, size_t len, const q53_style_t *st, char *buf, size_t size);

/* The message as an RFC 8427 JSON object (names, fields and RDATA members as the RFC defines them). */
Q53_API int q53_msg_to_json(const uint8_t *msg, size_t len, const q53_style_t *st, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
