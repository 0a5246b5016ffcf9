/*
 * Unit tests for codec/print.c: dig-style message text (every style flag, +short, the OPT pseudo-section
 * and its options), record lines and their columns, RFC 8427 JSON (checked by a strict validator written
 * here), the snprintf contract at every buffer size, reader errors, and the name hook.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "q53/msg.h"
#include "q53/name.h"
#include "q53/print.h"
#include "q53/rdata.h"

/* ---- Building messages ------------------------------------------------------------------------------- */

/* Bytes built field by field: RDATA and EDNS options in wire form, written by hand. */
typedef struct bld {
	uint8_t b[1024];
	size_t n;
} bld;

static void b_u8(bld *b, unsigned v)
{
	b->b[b->n++] = (uint8_t)v;
}

static void b_u16(bld *b, unsigned v)
{
	b_u8(b, v >> 8 & 0xFF);
	b_u8(b, v & 0xFF);
}

static void b_u32(bld *b, uint32_t v)
{
	b_u16(b, v >> 16);
	b_u16(b, v & 0xFFFF);
}

static void b_mem(bld *b, const void *p, size_t n)
{
	memcpy(b->b + b->n, p, n);
	b->n += n;
}

static void b_name(bld *b, const char *text)
{
	int n = q53_name_from_text(text, strlen(text), NULL, b->b + b->n);
	assert_true(n > 0);
	b->n += (size_t)n;
}

/* A <character-string> (RFC 1035 3.3). */
static void b_str(bld *b, const char *s)
{
	b_u8(b, (unsigned)strlen(s));
	b_mem(b, s, strlen(s));
}

static void b_opt(bld *b, unsigned code, const void *data, size_t len)
{
	b_u16(b, code);
	b_u16(b, (unsigned)len);
	b_mem(b, data, len);
}

static const uint8_t *wname(const char *text, uint8_t *out)
{
	assert_true(q53_name_from_text(text, strlen(text), NULL, out) > 0);
	return out;
}

static void question(q53_writer_t *w, const char *name, uint16_t type)
{
	uint8_t n[Q53_NAME_MAX];
	assert_int_equal(q53_writer_question(w, wname(name, n), type, Q53_CLASS_IN), 0);
}

static void record(q53_writer_t *w, q53_section sec, const char *owner, uint16_t type, uint32_t ttl,
		   const bld *rd)
{
	uint8_t n[Q53_NAME_MAX];
	assert_int_equal(q53_writer_rr(w, sec, wname(owner, n), type, Q53_CLASS_IN, ttl, rd->b, rd->n), 0);
}

static void rec_a(q53_writer_t *w, q53_section sec, const char *owner, uint32_t ttl, unsigned a, unsigned b,
		  unsigned c, unsigned d)
{
	bld r = {{0}, 0};
	b_u8(&r, a);
	b_u8(&r, b);
	b_u8(&r, c);
	b_u8(&r, d);
	record(w, sec, owner, Q53_TYPE_A, ttl, &r);
}

static void rec_name(q53_writer_t *w, q53_section sec, const char *owner, uint16_t type, uint32_t ttl,
		     const char *target)
{
	bld r = {{0}, 0};
	b_name(&r, target);
	record(w, sec, owner, type, ttl, &r);
}

static void edns(q53_writer_t *w, uint8_t ext_rcode, uint16_t flags, uint16_t udp, const bld *opts)
{
	q53_edns_t e = {udp, ext_rcode, 0, flags, (uint16_t)opts->n, opts->b};
	assert_int_equal(q53_writer_edns(w, &e), 0);
}

static size_t finish(q53_writer_t *w)
{
	int n = q53_writer_finish(w);
	assert_true(n > 0);
	return (size_t)n;
}

static const uint8_t cookie8[] = {1, 2, 3, 4, 5, 6, 7, 8};

/* The message of dig's familiar answer: one A record, EDNS with DO, NSID and a client cookie. */
static size_t msg_simple(uint8_t *buf, size_t cap)
{
	q53_writer_t w;
	bld o = {{0}, 0};
	q53_writer_init(&w, buf, cap, 4660, Q53_FLAG_QR | Q53_FLAG_AA | Q53_FLAG_RD);
	question(&w, "example.com.", Q53_TYPE_A);
	rec_a(&w, Q53_SEC_ANSWER, "example.com.", 3600, 192, 0, 2, 1);
	b_opt(&o, Q53_OPT_NSID, "ns1", 3);
	b_opt(&o, Q53_OPT_COOKIE, cookie8, sizeof cookie8);
	edns(&w, 0, Q53_EDNS_DO, 1232, &o);
	return finish(&w);
}

#define SIMPLE_TEXT                                                              \
	";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4660\n"             \
	";; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n" \
	";; WARNING: recursion requested but not available\n"                    \
	"\n"                                                                     \
	";; OPT PSEUDOSECTION:\n"                                                \
	"; EDNS: version: 0, flags: do; udp: 1232\n"                             \
	"; NSID: 6e 73 31 (\"ns1\")\n"                                           \
	"; COOKIE: 0102030405060708\n"                                           \
	";; QUESTION SECTION:\n"                                                 \
	";example.com.\t\t\tIN\tA\n"                                             \
	"\n"                                                                     \
	";; ANSWER SECTION:\n"                                                   \
	"example.com.\t\t3600\tIN\tA\t192.0.2.1\n"                               \
	"\n"

/*
 * A response with every type the brief lists: SOA, NS, MX, TXT, AAAA, CAA, SRV, CNAME and an unknown type
 * in the answer, NS in the authority, A and OPT (BADVERS, DO, NSID, server cookie, padding) additional.
 */
static size_t msg_full(uint8_t *buf, size_t cap)
{
	q53_writer_t w;
	bld r = {{0}, 0}, o = {{0}, 0};
	static const uint8_t cookie16[] = {1,	 2,    3,    4,	   5,	 6,    7,    8,
					   0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18};
	static const uint8_t pad[4] = {0};
	q53_writer_init(&w, buf, cap, 1, Q53_FLAG_QR | Q53_FLAG_AA | Q53_FLAG_RD | Q53_FLAG_RA);
	question(&w, "example.com.", Q53_TYPE_ANY);
	b_name(&r, "ns1.example.com.");
	b_name(&r, "hostmaster.example.com.");
	b_u32(&r, 2024010101);
	b_u32(&r, 7200);
	b_u32(&r, 3600);
	b_u32(&r, 1209600);
	b_u32(&r, 300);
	record(&w, Q53_SEC_ANSWER, "example.com.", Q53_TYPE_SOA, 3600, &r);
	rec_name(&w, Q53_SEC_ANSWER, "example.com.", Q53_TYPE_NS, 3600, "ns1.example.com.");
	r.n = 0;
	b_u16(&r, 10);
	b_name(&r, "mail.example.com.");
	record(&w, Q53_SEC_ANSWER, "example.com.", Q53_TYPE_MX, 3600, &r);
	r.n = 0;
	b_str(&r, "v=spf1 -all");
	b_str(&r, "say \"hi\"\\");
	record(&w, Q53_SEC_ANSWER, "example.com.", Q53_TYPE_TXT, 300, &r);
	r.n = 0;
	b_mem(&r, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01", 16);
	record(&w, Q53_SEC_ANSWER, "example.com.", Q53_TYPE_AAAA, 300, &r);
	r.n = 0;
	b_u8(&r, 0);
	b_str(&r, "issue");
	b_mem(&r, "ca.example.net", 14);
	record(&w, Q53_SEC_ANSWER, "example.com.", Q53_TYPE_CAA, 300, &r);
	r.n = 0;
	b_u16(&r, 10);
	b_u16(&r, 60);
	b_u16(&r, 5060);
	b_name(&r, "sip.example.com.");
	record(&w, Q53_SEC_ANSWER, "_sip._tcp.example.com.", Q53_TYPE_SRV, 86400, &r);
	rec_name(&w, Q53_SEC_ANSWER, "www.example.com.", Q53_TYPE_CNAME, 300, "example.com.");
	r.n = 0;
	b_mem(&r, "\1\2\3", 3);
	record(&w, Q53_SEC_ANSWER, "example.com.", 65280, 60, &r);
	rec_name(&w, Q53_SEC_AUTHORITY, "example.com.", Q53_TYPE_NS, 3600, "ns2.example.com.");
	rec_a(&w, Q53_SEC_ADDITIONAL, "ns1.example.com.", 3600, 192, 0, 2, 53);
	b_opt(&o, Q53_OPT_NSID, "ns1", 3);
	b_opt(&o, Q53_OPT_COOKIE, cookie16, sizeof cookie16);
	b_opt(&o, Q53_OPT_PADDING, pad, sizeof pad);
	/* BADVERS is 16: header RCODE 0, extended rcode 1 (RFC 6891 6.1.3). */
	edns(&w, 1, Q53_EDNS_DO, 1232, &o);
	return finish(&w);
}

#define FULL_HEADER                                                                 \
	";; ->>HEADER<<- opcode: QUERY, status: BADVERS, id: 1\n"                   \
	";; flags: qr aa rd ra; QUERY: 1, ANSWER: 9, AUTHORITY: 1, ADDITIONAL: 2\n" \
	"\n"
#define FULL_OPT                                       \
	";; OPT PSEUDOSECTION:\n"                      \
	"; EDNS: version: 0, flags: do; udp: 1232\n"   \
	"; NSID: 6e 73 31 (\"ns1\")\n"                 \
	"; COOKIE: 01020304050607081112131415161718\n" \
	"; PAD: (4 bytes)\n"
#define FULL_QUESTION_LINES ";example.com.\t\t\tIN\tANY\n"
#define FULL_ANSWER_LINES                                                                               \
	"example.com.\t\t3600\tIN\tSOA\tns1.example.com. hostmaster.example.com. 2024010101 7200 3600 " \
	"1209600 300\n"                                                                                 \
	"example.com.\t\t3600\tIN\tNS\tns1.example.com.\n"                                              \
	"example.com.\t\t3600\tIN\tMX\t10 mail.example.com.\n"                                          \
	"example.com.\t\t300\tIN\tTXT\t\"v=spf1 -all\" \"say \\\"hi\\\"\\\\\"\n"                        \
	"example.com.\t\t300\tIN\tAAAA\t2001:db8::1\n"                                                  \
	"example.com.\t\t300\tIN\tCAA\t0 issue \"ca.example.net\"\n"                                    \
	"_sip._tcp.example.com.\t86400\tIN\tSRV\t10 60 5060 sip.example.com.\n"                         \
	"www.example.com.\t300\tIN\tCNAME\texample.com.\n"                                              \
	"example.com.\t\t60\tIN\tTYPE65280 \\# 3 010203\n"
#define FULL_AUTHORITY_LINES  "example.com.\t\t3600\tIN\tNS\tns2.example.com.\n"
#define FULL_ADDITIONAL_LINES "ns1.example.com.\t3600\tIN\tA\t192.0.2.53\n"
#define FULL_QUESTION	      ";; QUESTION SECTION:\n" FULL_QUESTION_LINES "\n"
#define FULL_ANSWER	      ";; ANSWER SECTION:\n" FULL_ANSWER_LINES "\n"
#define FULL_AUTHORITY	      ";; AUTHORITY SECTION:\n" FULL_AUTHORITY_LINES "\n"
#define FULL_ADDITIONAL	      ";; ADDITIONAL SECTION:\n" FULL_ADDITIONAL_LINES "\n"

/* ---- Helpers ----------------------------------------------------------------------------------------- */

static char out[65536];

static const q53_style_t *style(unsigned flags)
{
	static q53_style_t st; /* tests run one at a time */
	st.flags = flags;
	st.name_hook = NULL;
	st.hook_ctx = NULL;
	return &st;
}

static void text_is(const uint8_t *m, size_t len, unsigned flags, const char *want)
{
	int n = q53_msg_to_text(m, len, style(flags), out, sizeof out);
	assert_string_equal(out, want);
	assert_int_equal(n, (int)strlen(want));
}

typedef int (*msg_printer)(const uint8_t *, size_t, const q53_style_t *, char *, size_t);

/*
 * The snprintf contract at every size from 0 to one past the length: the same return value, the longest
 * prefix that fits, always terminated, nothing written past size (each buffer is exactly size octets, so
 * AddressSanitizer sees any overrun).
 */
static void contract_holds(msg_printer f, const uint8_t *m, size_t len, const q53_style_t *st)
{
	int n = f(m, len, st, out, sizeof out);
	assert_true(n > 0 && (size_t)n < sizeof out);
	assert_int_equal(f(m, len, st, NULL, 0), n);
	char keep = 'K';
	assert_int_equal(f(m, len, st, &keep, 0), n);
	assert_int_equal(keep, 'K');
	for (size_t size = 1; size <= (size_t)n + 1; size++) {
		char *b = malloc(size);
		assert_non_null(b);
		memset(b, 'X', size);
		assert_int_equal(f(m, len, st, b, size), n);
		size_t got = size - 1 < (size_t)n ? size - 1 : (size_t)n;
		assert_memory_equal(b, out, got);
		assert_int_equal(b[got], '\0');
		free(b);
	}
}

/* ---- A strict JSON validator (RFC 8259) -------------------------------------------------------------- */

typedef struct jp {
	const char *p;
	const char *end;
} jp;

static void j_ws(jp *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static bool j_lit(jp *j, const char *lit)
{
	size_t n = strlen(lit);
	if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n) != 0)
		return false;
	j->p += n;
	return true;
}

static bool j_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Length of a well-formed UTF-8 character at p (RFC 3629), 0 when it is not. */
static size_t j_utf8(const unsigned char *p, size_t avail)
{
	size_t k;
	unsigned lo = 0x80, hi = 0xBF;
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		k = 2;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		k = 3, lo = p[0] == 0xE0 ? 0xA0 : lo, hi = p[0] == 0xED ? 0x9F : hi;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		k = 4, lo = p[0] == 0xF0 ? 0x90 : lo, hi = p[0] == 0xF4 ? 0x8F : hi;
	else
		return 0;
	if (avail < k || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < k; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return k;
}

static bool j_string(jp *j)
{
	if (!j_lit(j, "\""))
		return false;
	while (j->p < j->end) {
		unsigned char c = (unsigned char)*j->p;
		if (c == '"') {
			j->p++;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c == '\\') {
			if (j->end - j->p < 2)
				return false;
			char e = j->p[1];
			if (e == 'u') {
				if (j->end - j->p < 6)
					return false;
				for (int i = 2; i < 6; i++)
					if (!j_hex(j->p[i]))
						return false;
				j->p += 6;
			} else if (strchr("\"\\/bfnrt", e) != NULL && e != '\0') {
				j->p += 2;
			} else {
				return false;
			}
			continue;
		}
		size_t k = j_utf8((const unsigned char *)j->p, (size_t)(j->end - j->p));
		if (k == 0)
			return false;
		j->p += k;
	}
	return false;
}

static bool j_number(jp *j)
{
	const char *s = j->p;
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0') {
		j->p++;
	} else {
		if (j->p >= j->end || *j->p < '1' || *j->p > '9')
			return false;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return false;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return false;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	return j->p > s;
}

static bool j_value(jp *j, int depth);

static bool j_container(jp *j, int depth, char close, bool object)
{
	j->p++;
	j_ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		return true;
	}
	for (;;) {
		if (object) {
			if (!j_string(j))
				return false;
			j_ws(j);
			if (!j_lit(j, ":"))
				return false;
		}
		if (!j_value(j, depth + 1))
			return false;
		j_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			j_ws(j);
			continue;
		}
		if (j->p < j->end && *j->p == close) {
			j->p++;
			return true;
		}
		return false;
	}
}

static bool j_value(jp *j, int depth)
{
	if (depth > 64)
		return false;
	j_ws(j);
	if (j->p >= j->end)
		return false;
	switch (*j->p) {
	case '{':
		return j_container(j, depth, '}', true);
	case '[':
		return j_container(j, depth, ']', false);
	case '"':
		return j_string(j);
	case 't':
		return j_lit(j, "true");
	case 'f':
		return j_lit(j, "false");
	case 'n':
		return j_lit(j, "null");
	default:
		return j_number(j);
	}
}

static bool json_valid(const char *text, size_t len)
{
	jp j = {text, text + len};
	if (!j_value(&j, 0))
		return false;
	j_ws(&j);
	return j.p == j.end;
}

/* The text with the whitespace outside strings removed: pretty JSON reduced to its compact form. */
static void json_squeeze(const char *in, char *to)
{
	bool str = false;
	for (; *in; in++) {
		if (str) {
			*to++ = *in;
			if (*in == '\\')
				*to++ = *++in;
			else if (*in == '"')
				str = false;
		} else if (*in == '"') {
			*to++ = *in;
			str = true;
		} else if (*in != ' ' && *in != '\n' && *in != '\t' && *in != '\r') {
			*to++ = *in;
		}
	}
	*to = '\0';
}

/* ---- Text -------------------------------------------------------------------------------------------- */

static void test_print_simple_message_like_dig(void **state)
{
	(void)state;
	uint8_t m[512];
	size_t len = msg_simple(m, sizeof m);
	text_is(m, len, 0, SIMPLE_TEXT);
	/* A NULL style is the default style. */
	assert_int_equal(q53_msg_to_text(m, len, NULL, out, sizeof out), (int)strlen(SIMPLE_TEXT));
	assert_string_equal(out, SIMPLE_TEXT);
}

static void test_print_full_message_every_type(void **state)
{
	(void)state;
	uint8_t m[1024];
	size_t len = msg_full(m, sizeof m);
	text_is(m, len, 0, FULL_HEADER FULL_OPT FULL_QUESTION FULL_ANSWER FULL_AUTHORITY FULL_ADDITIONAL);
}

/* The client's verdict on the reply's cookie follows it, as dig prints it; only the COOKIE line changes. */
static void test_print_cookie_verdict(void **state)
{
	(void)state;
	uint8_t m[1024];
	size_t len = msg_full(m, sizeof m);
	const char *line = "; COOKIE: 01020304050607081112131415161718\n";
	char want[8192];
	const char *full = FULL_HEADER FULL_OPT FULL_QUESTION FULL_ANSWER FULL_AUTHORITY FULL_ADDITIONAL;
	const char *at = strstr(full, line);
	assert_non_null(at);
	static const struct {
		unsigned flag;
		const char *verdict;
	} cases[] = {{Q53_STYLE_COOKIE_GOOD, " (good)"}, {Q53_STYLE_COOKIE_BAD, " (bad)"}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(want, sizeof want, "%.*s%.*s%s\n%s", (int)(at - full), full, (int)strlen(line) - 1,
			 line, cases[i].verdict, at + strlen(line));
		text_is(m, len, cases[i].flag, want);
	}
}

static void test_print_style_sections(void **state)
{
	(void)state;
	uint8_t m[1024];
	size_t len = msg_full(m, sizeof m);
	text_is(m, len, Q53_STYLE_NO_OPT,
		FULL_HEADER FULL_QUESTION FULL_ANSWER FULL_AUTHORITY FULL_ADDITIONAL);
	text_is(m, len, Q53_STYLE_NO_QUESTION,
		FULL_HEADER FULL_OPT FULL_ANSWER FULL_AUTHORITY FULL_ADDITIONAL);
	text_is(m, len, Q53_STYLE_NO_ANSWER,
		FULL_HEADER FULL_OPT FULL_QUESTION FULL_AUTHORITY FULL_ADDITIONAL);
	text_is(m, len, Q53_STYLE_NO_AUTHORITY,
		FULL_HEADER FULL_OPT FULL_QUESTION FULL_ANSWER FULL_ADDITIONAL);
	text_is(m, len, Q53_STYLE_NO_ADDITIONAL,
		FULL_HEADER FULL_OPT FULL_QUESTION FULL_ANSWER FULL_AUTHORITY);
	text_is(m, len,
		Q53_STYLE_NO_QUESTION | Q53_STYLE_NO_AUTHORITY | Q53_STYLE_NO_ADDITIONAL | Q53_STYLE_NO_OPT,
		FULL_HEADER FULL_ANSWER);
	text_is(m, len,
		Q53_STYLE_NO_QUESTION | Q53_STYLE_NO_ANSWER | Q53_STYLE_NO_AUTHORITY |
		    Q53_STYLE_NO_ADDITIONAL,
		FULL_HEADER FULL_OPT);
}

static void test_print_style_no_comments(void **state)
{
	(void)state;
	uint8_t m[1024];
	size_t len = msg_full(m, sizeof m);
	/* Like dig +nocomments: no header, no OPT pseudo-section, no titles, no blank lines. */
	text_is(m, len, Q53_STYLE_NO_COMMENTS,
		FULL_QUESTION_LINES FULL_ANSWER_LINES FULL_AUTHORITY_LINES FULL_ADDITIONAL_LINES);
	text_is(m, len,
		Q53_STYLE_NO_COMMENTS | Q53_STYLE_NO_QUESTION | Q53_STYLE_NO_AUTHORITY |
		    Q53_STYLE_NO_ADDITIONAL,
		FULL_ANSWER_LINES);
	len = msg_simple(m, sizeof m);
	text_is(m, len, Q53_STYLE_NO_COMMENTS,
		";example.com.\t\t\tIN\tA\nexample.com.\t\t3600\tIN\tA\t192.0.2.1\n");
}

static void test_print_short_cname_chain(void **state)
{
	(void)state;
	uint8_t m[512];
	q53_writer_t w;
	q53_writer_init(&w, m, sizeof m, 9, Q53_FLAG_QR | Q53_FLAG_RD | Q53_FLAG_RA);
	question(&w, "www.example.com.", Q53_TYPE_A);
	rec_name(&w, Q53_SEC_ANSWER, "www.example.com.", Q53_TYPE_CNAME, 300, "web.example.net.");
	rec_a(&w, Q53_SEC_ANSWER, "web.example.net.", 60, 192, 0, 2, 10);
	rec_a(&w, Q53_SEC_ANSWER, "web.example.net.", 60, 192, 0, 2, 11);
	rec_name(&w, Q53_SEC_AUTHORITY, "example.net.", Q53_TYPE_NS, 3600, "ns.example.net.");
	rec_a(&w, Q53_SEC_ADDITIONAL, "ns.example.net.", 3600, 192, 0, 2, 99);
	size_t len = finish(&w);
	text_is(m, len, Q53_STYLE_SHORT, "web.example.net.\n192.0.2.10\n192.0.2.11\n");
	/* The other flags do not bring anything back; hiding the answer leaves nothing. */
	text_is(m, len, Q53_STYLE_SHORT | Q53_STYLE_NO_COMMENTS,
		"web.example.net.\n192.0.2.10\n192.0.2.11\n");
	text_is(m, len, Q53_STYLE_SHORT | Q53_STYLE_NO_ANSWER, "");
	/* Every record type prints its RDATA alone. */
	len = msg_full(m, sizeof m);
	text_is(
	    m, len, Q53_STYLE_SHORT,
	    "ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300\n"
	    "ns1.example.com.\n10 mail.example.com.\n\"v=spf1 -all\" \"say \\\"hi\\\"\\\\\"\n2001:db8::1\n"
	    "0 issue \"ca.example.net\"\n10 60 5060 sip.example.com.\nexample.com.\n\\# 3 010203\n");
	/* A query has no answer: nothing at all. */
	q53_writer_init(&w, m, sizeof m, 9, Q53_FLAG_RD);
	question(&w, "www.example.com.", Q53_TYPE_A);
	len = finish(&w);
	text_is(m, len, Q53_STYLE_SHORT, "");
}

static void test_print_header_flags_opcodes_rcodes(void **state)
{
	(void)state;
	uint8_t m[512];
	q53_writer_t w;
	/* No flag at all prints "flags:;" as dig does; Z shows as MBZ; unknown opcode and rcode as numbers.
	 */
	q53_writer_init(&w, m, sizeof m, 65535, (uint16_t)(3u << 11 | 12u));
	size_t len = finish(&w);
	text_is(m, len, 0,
		";; ->>HEADER<<- opcode: 3, status: 12, id: 65535\n"
		";; flags:; QUERY: 0, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0\n\n");
	q53_writer_init(&w, m, sizeof m, 0,
			Q53_FLAG_QR | Q53_FLAG_AA | Q53_FLAG_TC | Q53_FLAG_RD | Q53_FLAG_RA | Q53_FLAG_Z |
			    Q53_FLAG_AD | Q53_FLAG_CD | Q53_RCODE_NXDOMAIN);
	len = finish(&w);
	text_is(
	    m, len, 0,
	    ";; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 0\n"
	    ";; flags: qr aa tc rd ra ad cd; MBZ: 0x4; QUERY: 0, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0\n\n");
	/* The full 12-bit rcode: header 7 and extended 1 is 23, BADCOOKIE (RFC 7873 8). */
	q53_writer_init(&w, m, sizeof m, 2, Q53_FLAG_QR | Q53_RCODE_YXRRSET);
	bld none = {{0}, 0};
	edns(&w, 1, 0, 4096, &none);
	len = finish(&w);
	text_is(m, len, 0,
		";; ->>HEADER<<- opcode: QUERY, status: BADCOOKIE, id: 2\n"
		";; flags: qr; QUERY: 0, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1\n\n"
		";; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 4096\n");
}

static void test_print_update_section_names(void **state)
{
	(void)state;
	uint8_t m[512];
	q53_writer_t w;
	q53_writer_init(&w, m, sizeof m, 7, (uint16_t)(Q53_OPCODE_UPDATE << 11));
	question(&w, "example.com.", Q53_TYPE_SOA);
	rec_a(&w, Q53_SEC_AUTHORITY, "www.example.com.", 300, 192, 0, 2, 9);
	size_t len = finish(&w);
	text_is(m, len, 0,
		";; ->>HEADER<<- opcode: UPDATE, status: NOERROR, id: 7\n"
		";; flags:; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 0\n\n"
		";; ZONE SECTION:\n;example.com.\t\t\tIN\tSOA\n\n"
		";; UPDATE SECTION:\nwww.example.com.\t300\tIN\tA\t192.0.2.9\n\n");
}

static void test_print_edns_options(void **state)
{
	(void)state;
	uint8_t m[1024];
	q53_writer_t w;
	bld o = {{0}, 0};
	q53_writer_init(&w, m, sizeof m, 3, Q53_FLAG_QR);
	b_opt(&o, Q53_OPT_EXPIRE, "\0\0\x0e\x10", 4);		       /* 3600 */
	b_opt(&o, Q53_OPT_EXPIRE, "\0\x01\x5f\x90", 4);		       /* 90000 */
	b_opt(&o, Q53_OPT_EXPIRE, "\0\x01\x5f\x8d", 4);		       /* 89997 */
	b_opt(&o, Q53_OPT_EXPIRE, "\0\0\0\0", 4);		       /* 0 */
	b_opt(&o, Q53_OPT_EXPIRE, "\x01", 1);			       /* malformed */
	b_opt(&o, Q53_OPT_TCP_KEEPALIVE, "\0\x96", 2);		       /* 150 x 100 ms */
	b_opt(&o, Q53_OPT_TCP_KEEPALIVE, "", 0);		       /* as a client sends it */
	b_opt(&o, Q53_OPT_CLIENT_SUBNET, "\0\x01\x18\0\xc0\0\x02", 7); /* 192.0.2.0/24/0 */
	b_opt(&o, Q53_OPT_CLIENT_SUBNET, "\0\x02\x38\x30\x20\x01\x0d\xb8\0\0\0", 11); /* /56 scope 48 */
	b_opt(&o, Q53_OPT_CLIENT_SUBNET, "\0\x01\x21\0\1\2\3\4\5", 9);		      /* /33: not IPv4 */
	b_opt(&o, Q53_OPT_EDE,
	      "\0\x12"
	      "blocked",
	      9);				/* 18 with text */
	b_opt(&o, Q53_OPT_EDE, "\0\x03", 2);	/* 3 alone */
	b_opt(&o, Q53_OPT_EDE, "\0\0A\xff", 4); /* text not UTF-8 */
	b_opt(&o, Q53_OPT_EDE,
	      "\x01\x2c"
	      "caf\xc3\xa9\n",
	      8);			  /* 300: no name */
	b_opt(&o, Q53_OPT_EDE, "Z", 1);	  /* malformed */
	b_opt(&o, 14, "\0\x01\0\x02", 4); /* KEY-TAG */
	b_opt(&o, 16, "\x01\x00", 2);	  /* CLIENT-TAG */
	b_opt(&o, 17, "\x01", 1);	  /* SERVER-TAG, odd */
	b_opt(&o, Q53_OPT_NSID, "", 0);
	b_opt(&o, Q53_OPT_PADDING, "", 0);
	b_opt(&o, Q53_OPT_LLQ, "\0\x01", 2);
	b_opt(&o, 65001, "hi\x01", 3);
	edns(&w, 0, Q53_EDNS_DO | 0x0041, 4096, &o);
	size_t len = finish(&w);
	text_is(m, len, 0,
		";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 3\n"
		";; flags: qr; QUERY: 0, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1\n\n"
		";; OPT PSEUDOSECTION:\n"
		"; EDNS: version: 0, flags: do; MBZ: 0x0041, udp: 4096\n"
		"; EXPIRE: 3600 (1 hour)\n"
		"; EXPIRE: 90000 (1 day 1 hour)\n"
		"; EXPIRE: 89997 (1 day 59 minutes 57 seconds)\n"
		"; EXPIRE: 0 (0 seconds)\n"
		"; EXPIRE: 01 (\".\")\n"
		"; TCP KEEPALIVE: 15.0 secs\n"
		"; TCP KEEPALIVE:\n"
		"; CLIENT-SUBNET: 192.0.2.0/24/0\n"
		"; CLIENT-SUBNET: 2001:db8::/56/48\n"
		"; CLIENT-SUBNET: 00 01 21 00 01 02 03 04 05 \n"
		"; EDE: 18 (Prohibited): (blocked)\n"
		"; EDE: 3 (Stale Answer)\n"
		"; EDE: 0 (Other): 41 ff (A.)\n"
		"; EDE: 300: (caf\xc3\xa9.)\n"
		"; EDE: 5a (\"Z\")\n"
		"; KEY-TAG: 1, 2\n"
		"; CLIENT-TAG: 256\n"
		"; SERVER-TAG: 01 (\".\")\n"
		"; NSID:\n"
		"; PAD:\n"
		"; LLQ: 00 01 (\"..\")\n"
		"; OPT=65001: 68 69 01 (\"hi.\")\n");
}

static void test_print_record_columns(void **state)
{
	(void)state;
	uint8_t m[512];
	q53_writer_t w;
	q53_reader_t r;
	q53_rr_t rr;
	q53_writer_init(&w, m, sizeof m, 1, Q53_FLAG_QR);
	question(&w, "abcdef.example.", Q53_TYPE_A);
	rec_a(&w, Q53_SEC_ANSWER, "a-very-long-label-name.example.com.", 300, 192, 0, 2, 7);
	rec_a(&w, Q53_SEC_ANSWER, "x.", 2147483647, 192, 0, 2, 8);
	rec_a(&w, Q53_SEC_ANSWER, "twenty-four-octets.test.", 12345678, 192, 0, 2, 9);
	bld r2 = {{0}, 0};
	b_mem(&r2, "\xAB", 1);
	record(&w, Q53_SEC_ANSWER, "example.", 65280, 0, &r2);
	size_t len = finish(&w);
	assert_int_equal(q53_reader_init(&r, m, len), 0);
	/* 15 octets: dig does not count the ";", so three tabs reach column 32. */
	assert_int_equal(q53_reader_next(&r, &rr), 1);
	assert_int_equal(q53_rr_to_text(&rr, NULL, out, sizeof out), 23);
	assert_string_equal(out, ";abcdef.example.\t\t\tIN\tA");
	/* Past column 24 every field gets one blank; the RDATA column is reached again with a tab. */
	assert_int_equal(q53_reader_next(&r, &rr), 1);
	assert_int_equal(q53_rr_to_text(&rr, NULL, out, sizeof out), 54);
	assert_string_equal(out, "a-very-long-label-name.example.com. 300\tIN A\t192.0.2.7");
	assert_int_equal(q53_reader_next(&r, &rr), 1);
	q53_rr_to_text(&rr, NULL, out, sizeof out);
	assert_string_equal(out, "x.\t\t\t2147483647 IN\tA\t192.0.2.8");
	/* A field that ends exactly on the next column still gets its one blank. */
	assert_int_equal(q53_reader_next(&r, &rr), 1);
	q53_rr_to_text(&rr, NULL, out, sizeof out);
	assert_string_equal(out, "twenty-four-octets.test. 12345678 IN\tA\t192.0.2.9");
	assert_int_equal(q53_reader_next(&r, &rr), 1);
	q53_rr_to_text(&rr, NULL, out, sizeof out);
	assert_string_equal(out, "example.\t\t0\tIN\tTYPE65280 \\# 1 AB");
	/* The snprintf contract on a record line. */
	int n = q53_rr_to_text(&rr, NULL, NULL, 0);
	assert_int_equal(n, (int)strlen(out));
	char small[10];
	assert_int_equal(q53_rr_to_text(&rr, NULL, small, sizeof small), n);
	assert_string_equal(small, "example.\t");
	assert_int_equal(q53_rr_to_text(NULL, NULL, out, sizeof out), Q53_EINVAL);
	assert_int_equal(q53_rr_to_text(&rr, NULL, NULL, 5), Q53_EINVAL);
}

static void test_print_record_view_has_no_owner(void **state)
{
	(void)state;
	static const uint8_t a[4] = {192, 0, 2, 1};
	uint8_t mx[64];
	q53_rr_t rr;
	q53_rr_view(&rr, Q53_TYPE_A, a, sizeof a);
	assert_int_equal(q53_rr_to_text(&rr, NULL, out, sizeof out), 16);
	assert_string_equal(out, "0\tIN\tA\t192.0.2.1");
	rr.ttl = 86400;
	q53_rr_to_text(&rr, NULL, out, sizeof out);
	assert_string_equal(out, "86400\tIN\tA\t192.0.2.1");
	bld r = {{0}, 0};
	b_u16(&r, 5);
	b_name(&r, "mx.example.");
	memcpy(mx, r.b, r.n);
	q53_rr_view(&rr, Q53_TYPE_MX, mx, (uint16_t)r.n);
	q53_rr_to_text(&rr, NULL, out, sizeof out);
	assert_string_equal(out, "0\tIN\tMX\t5 mx.example.");
}

/* dig +split=W: hex and base64 fields in pieces of W characters (rounded up to a multiple of 4); the
 * salt, names and numbers stay whole; JSON never splits. */
static void test_print_split(void **state)
{
	(void)state;
	uint8_t key[44] = {0x01, 0x00, 3, 13};
	for (size_t i = 4; i < sizeof key; i++)
		key[i] = (uint8_t)(i * 37);
	q53_rr_t rr;
	q53_rr_view(&rr, Q53_TYPE_DNSKEY, key, sizeof key);
	char whole[256];
	assert_int_equal(q53_rdata_to_text(&rr, NULL, whole, sizeof whole), 9 + 56);
	const char *b64 = whole + 9;
	assert_int_equal(q53_rdata_to_text(&rr, style(Q53_STYLE_SPLIT(0)), out, sizeof out), 65);
	assert_string_equal(out, whole);
	char want[512];
	snprintf(want, sizeof want, "256 3 13 %.16s %.16s %.16s %.8s", b64, b64 + 16, b64 + 32, b64 + 48);
	assert_int_equal(q53_rdata_to_text(&rr, style(Q53_STYLE_SPLIT(16)), out, sizeof out), 65 + 3);
	assert_string_equal(out, want);
	/* 10 is taken as 12, as dig does; 56 or more leaves 56 characters whole. */
	snprintf(want, sizeof want, "256 3 13 %.12s %.12s %.12s %.12s %.8s", b64, b64 + 12, b64 + 24,
		 b64 + 36, b64 + 48);
	q53_rdata_to_text(&rr, style(Q53_STYLE_SPLIT(10)), out, sizeof out);
	assert_string_equal(out, want);
	q53_rdata_to_text(&rr, style(Q53_STYLE_SPLIT(56)), out, sizeof out);
	assert_string_equal(out, whole);
	/* RFC 3597 hex too. */
	q53_rr_view(&rr, 65280, key + 4, 20);
	q53_rdata_to_text(&rr, NULL, whole, sizeof whole);
	snprintf(want, sizeof want, "\\# 20 %.16s %.16s %.8s", whole + 6, whole + 22, whole + 38);
	q53_rdata_to_text(&rr, style(Q53_STYLE_SPLIT(16)), out, sizeof out);
	assert_string_equal(out, want);
	/* An NSEC3 salt is one token, whatever its length. */
	uint8_t p3[25] = {1, 0, 0, 10, 20};
	memcpy(p3 + 5, key + 4, 20);
	q53_rr_view(&rr, 51, p3, sizeof p3);
	q53_rdata_to_text(&rr, NULL, whole, sizeof whole);
	q53_rdata_to_text(&rr, style(Q53_STYLE_SPLIT(8)), out, sizeof out);
	assert_string_equal(out, whole);
	/* JSON (RFC 8427): the DNSKEY's rdataDNSKEY whole under any split. */
	uint8_t m[512], n[Q53_NAME_MAX];
	q53_writer_t w;
	q53_writer_init(&w, m, sizeof m, 1, Q53_FLAG_QR);
	q53_writer_question(&w, wname("example.", n), Q53_TYPE_DNSKEY, Q53_CLASS_IN);
	q53_writer_rr(&w, Q53_SEC_ANSWER, n, Q53_TYPE_DNSKEY, Q53_CLASS_IN, 60, key, sizeof key);
	int len = q53_writer_finish(&w);
	assert_true(len > 0);
	q53_rr_view(&rr, Q53_TYPE_DNSKEY, key, sizeof key);
	q53_rdata_to_text(&rr, NULL, whole, sizeof whole);
	snprintf(want, sizeof want, "\"rdataDNSKEY\":\"%s\"", whole);
	assert_true(q53_msg_to_json(m, (size_t)len, style(Q53_STYLE_SPLIT(8) | Q53_STYLE_JSON_COMPACT), out,
				    sizeof out) > 0);
	assert_non_null(strstr(out, want));
}

static void record_any(q53_writer_t *w, const char *owner, uint16_t type, const void *rd, size_t len)
{
	uint8_t n[Q53_NAME_MAX];
	assert_int_equal(
	    q53_writer_rr(w, Q53_SEC_ADDITIONAL, wname(owner, n), type, Q53_CLASS_ANY, 0, rd, len), 0);
}

static void test_print_tsig_and_sig0_pseudo_sections(void **state)
{
	(void)state;
	uint8_t m[512];
	q53_writer_t w;
	bld none = {{0}, 0};
	q53_writer_init(&w, m, sizeof m, 11, Q53_FLAG_QR);
	rec_a(&w, Q53_SEC_ANSWER, "a.example.", 60, 192, 0, 2, 1);
	edns(&w, 1, 0, 1232, &none);
	record_any(&w, "key.example.", Q53_TYPE_TSIG, "\1\2", 2);
	size_t len = finish(&w);
#define TSIG_HEAD                                                            \
	";; ->>HEADER<<- opcode: QUERY, status: BADVERS, id: 11\n"           \
	";; flags: qr; QUERY: 0, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 2\n\n" \
	";; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n"     \
	";; ANSWER SECTION:\na.example.\t\t60\tIN\tA\t192.0.2.1\n"
	/* RFC 8945 5.1: TSIG is the last record; dig shows it apart from the additional section. */
	text_is(m, len, 0,
		TSIG_HEAD "\n;; TSIG PSEUDOSECTION:\nkey.example.\t\t0\tANY\tTSIG\t\\# 2 0102\n\n");
	text_is(m, len, Q53_STYLE_NO_COMMENTS,
		"a.example.\t\t60\tIN\tA\t192.0.2.1\nkey.example.\t\t0\tANY\tTSIG\t\\# 2 0102\n");
	text_is(m, len, Q53_STYLE_NO_ADDITIONAL, TSIG_HEAD "\n");
	/* A record after OPT that is cut short: the OPT read before it still gives the status and the
	 * pseudo-section; the answer section, finished when OPT was read, is closed before the error. */
	assert_int_equal(q53_msg_to_text(m, len - 1, NULL, out, sizeof out), Q53_ETRUNCATED);
	assert_string_equal(out, TSIG_HEAD "\n");
#undef TSIG_HEAD
	/* RFC 2931 3: SIG(0) is a SIG with type covered 0, owned by the root, last in the message. A SIG
	 * elsewhere is an ordinary record. */
	q53_writer_init(&w, m, sizeof m, 12, Q53_FLAG_QR);
	/* Type covered, algorithm 13, labels, original TTL, expiration, inception, key tag 12345, signer
	 * (the root), signature. */
	static const uint8_t sig_a[] = {0,    1,    13,	  2,	0,    0,    0, 60, 0x74, 0xF2, 0x5B, 0x80,
					0x5F, 0x5E, 0x10, 0x00, 0x30, 0x39, 0, 1,  2,	 3,    4};
	static const uint8_t sig_0[] = {0,    0,    13,	  0,	0,    0,    0, 0, 0x74, 0xF2, 0x5B, 0x80,
					0x5F, 0x5E, 0x10, 0x00, 0x30, 0x39, 0, 5, 6,	7,    8};
	record_any(&w, "x.example.", Q53_TYPE_SIG, sig_a, sizeof sig_a);
	record_any(&w, ".", Q53_TYPE_SIG, sig_0, sizeof sig_0);
	len = finish(&w);
	text_is(
	    m, len, 0,
	    ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 12\n"
	    ";; flags: qr; QUERY: 0, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 2\n\n"
	    ";; ADDITIONAL SECTION:\nx.example.\t\t0\tANY\tSIG\tA 13 2 60 20320304190952 20200913122640 "
	    "12345 . "
	    "AQIDBA==\n\n"
	    ";; SIG0 PSEUDOSECTION:\n.\t\t\t0\tANY\tSIG\tTYPE0 13 0 0 20320304190952 20200913122640 12345 . "
	    "BQYHCA==\n\n");
}

/* TSIG RDATA (RFC 8945 4.2) as dig shows it: the MAC and error forms are the ones dig 9.18 printed for q53d
 * (tests/system/cli_q53_xfr.sh compares them); the Other Data form is ours, not yet seen from dig. */
static void tsig_line_is(const uint8_t *rd, size_t len, const char *want)
{
	uint8_t m[512];
	q53_writer_t w;
	q53_writer_init(&w, m, sizeof m, 13, Q53_FLAG_QR);
	record_any(&w, "key.example.", Q53_TYPE_TSIG, rd, len);
	size_t n = finish(&w);
	char line[256];
	snprintf(line, sizeof line, "key.example.\t\t0\tANY\tTSIG\t%s\n", want);
	text_is(m, n, Q53_STYLE_NO_COMMENTS, line);
}

static void test_print_tsig_rdata(void **state)
{
	(void)state;
	/* After hmac-sha256., time 1700000000 and fudge 300: MAC size and MAC, original ID 4660, error,
	 * other. */
	static const uint8_t head[] = "\x0bhmac-sha256\0\0\0\x65\x53\xf1\0\x01\x2c";
	static const struct {
		const char *tail;
		size_t len;
		const char *want;
	} cases[] = {
	    {"\0\4\1\2\3\4\x12\x34\0\0\0\0", 12, "hmac-sha256. 1700000000 300 4 AQIDBA== 4660 NOERROR 0 "},
	    /* No MAC, as in a BADKEY answer (RFC 8945 5.3.2); 16 is BADSIG here, not BADVERS. */
	    {"\0\0\x12\x34\0\x11\0\0", 8, "hmac-sha256. 1700000000 300 0 4660 BADKEY 0 "},
	    {"\0\0\x12\x34\0\x10\0\0", 8, "hmac-sha256. 1700000000 300 0 4660 BADSIG 0 "},
	    /* BADTIME carries the server's time as Other Data (RFC 8945 5.2.3): base64 after its length. */
	    {"\0\0\x12\x34\0\x12\0\6\0\0\x65\x53\xf1\0", 14,
	     "hmac-sha256. 1700000000 300 0 4660 BADTIME 6 AABlU/EA"},
	    /* An error code without a name goes as its number. */
	    {"\0\0\x12\x34\0\x63\0\0", 8, "hmac-sha256. 1700000000 300 0 4660 99 0 "},
	    /* RDATA that does not frame (Other Len past the end) is shown as RFC 3597 data. */
	    {"\0\0\x12\x34\0\0\0\1", 8, "\\# 29 0B686D61632D7368613235360000006553F100012C0000123400000001"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint8_t rd[64];
		memcpy(rd, head, 21);
		memcpy(rd + 21, cases[i].tail, cases[i].len);
		tsig_line_is(rd, 21 + cases[i].len, cases[i].want);
	}
	/* A compressed algorithm name (RFC 8945 4.2 writes it whole; the reader checks no TSIG layout): the
	 * RFC 3597 form, the pointer not followed (fuzz_reader found it followed anywhere). */
	static const uint8_t ptr[] = {0xC0, 0x0C, 0, 0,	   0x65, 0x53, 0xF1, 0, 0x01,
				      0x2C, 0,	  0, 0x12, 0x34, 0,    0,    0, 0};
	tsig_line_is(ptr, sizeof ptr, "\\# 18 C00C00006553F100012C0000123400000000");
}

/* ---- dig's record display options ------------------------------------------------------------------- */

/* The style bits of the dig options that the cases below were printed with (dig's default +split is 56, 44
 * under +multiline, which also turns +rrcomments on). */
#define SPLIT56		       Q53_STYLE_SPLIT(56)
#define ML		       (Q53_STYLE_SPLIT(44) | Q53_STYLE_MULTILINE | Q53_STYLE_RRCOMMENTS)
#define ML_NOCOMMENTS	       (Q53_STYLE_SPLIT(44) | Q53_STYLE_MULTILINE)
#define RRC		       (SPLIT56 | Q53_STYLE_RRCOMMENTS)
#define NOCRYPTO	       (SPLIT56 | Q53_STYLE_NO_CRYPTO)
#define NOCRYPTO_RRC	       (NOCRYPTO | Q53_STYLE_RRCOMMENTS)
#define ML_NOCRYPTO	       (ML | Q53_STYLE_NO_CRYPTO)
#define ML_NOCRYPTO_NOCOMMENTS (ML_NOCOMMENTS | Q53_STYLE_NO_CRYPTO)
#define UNKNOWN		       (SPLIT56 | Q53_STYLE_UNKNOWN_FORMAT)
#define ML_UNKNOWN	       (ML | Q53_STYLE_UNKNOWN_FORMAT)
#define ML_BARE		       (ML | Q53_STYLE_NO_TTL | Q53_STYLE_NO_CLASS)
#define ML_SPLIT16	       (Q53_STYLE_SPLIT(16) | Q53_STYLE_MULTILINE | Q53_STYLE_RRCOMMENTS)
#define ML_WHOLE	       (Q53_STYLE_MULTILINE | Q53_STYLE_RRCOMMENTS)

/*
 * One record and what dig 9.18.49 printed for it, copied verbatim from `dig +noall +answer` with the
 * options flags stands for, against q53d serving the record (zones signed with ldns-signzone). The RDATA
 * is the text dig +nosplit printed, read back with q53_rdata_from_text().
 */
static const struct display_case {
	const char *owner;
	uint16_t type;
	uint32_t ttl;
	unsigned flags;
	const char *rdata;
	const char *want;
} display_cases[] = {
    {"example.com.", 6, 3600, ML, "ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300",
     "example.com.\t\t3600 IN\tSOA ns1.example.com. hostmaster.example.com. (\n"
     "\t\t\t\t2024010101 ; serial\n"
     "\t\t\t\t7200       ; refresh (2 hours)\n"
     "\t\t\t\t3600       ; retry (1 hour)\n"
     "\t\t\t\t1209600    ; expire (2 weeks)\n"
     "\t\t\t\t300        ; minimum (5 minutes)\n"
     "\t\t\t\t)"},
    {"example.com.", 6, 3600, ML_NOCOMMENTS,
     "ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300",
     "example.com.\t\t3600 IN\tSOA ns1.example.com. hostmaster.example.com. (\n"
     "\t\t\t\t2024010101\n"
     "\t\t\t\t7200\n"
     "\t\t\t\t3600\n"
     "\t\t\t\t1209600\n"
     "\t\t\t\t300)"},
    {"example.com.", 6, 3600, UNKNOWN,
     "ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300",
     "example.com.\t\t3600\tCLASS1\tTYPE6\t\\# 61 036E7331076578616D706C6503636F6D000A686F73746D6173746572 "
     "076578616D706C6503636F6D0078A3F17500001C2000000E10001275 000000012C"},
    {"example.com.", 6, 3600, ML_UNKNOWN,
     "ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300",
     "example.com.\t\t3600 CLASS1 TYPE6 \\# 61 ( 036E7331076578616D706C6503636F6D000A686F7374\n"
     "\t\t\t\t6D6173746572076578616D706C6503636F6D0078A3F1\n"
     "\t\t\t\t7500001C2000000E10001275000000012C )"},
    {"example.com.", 6, 3600, ML_BARE,
     "ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300",
     "example.com.\t\tSOA\tns1.example.com. hostmaster.example.com. (\n"
     "\t\t\t\t2024010101 ; serial\n"
     "\t\t\t\t7200       ; refresh (2 hours)\n"
     "\t\t\t\t3600       ; retry (1 hour)\n"
     "\t\t\t\t1209600    ; expire (2 weeks)\n"
     "\t\t\t\t300        ; minimum (5 minutes)\n"
     "\t\t\t\t)"},
    {"example.com.", 6, 3600, RRC,
     "ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300",
     "example.com.\t\t3600\tIN\tSOA\tns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 "
     "300"},
    {"example.org.", 6, 90061, ML, "ns1.example.org. host.master.example.org. 1 90061 0 604800 1",
     "example.org.\t\t90061 IN SOA ns1.example.org. host.master.example.org. (\n"
     "\t\t\t\t1          ; serial\n"
     "\t\t\t\t90061      ; refresh (1 day 1 hour 1 minute 1 second)\n"
     "\t\t\t\t0          ; retry (0 seconds)\n"
     "\t\t\t\t604800     ; expire (1 week)\n"
     "\t\t\t\t1          ; minimum (1 second)\n"
     "\t\t\t\t)"},
    {"example.com.", 48, 3600, ML,
     "256 3 8 "
     "AwEAAdaQPtwZsrbHZFIr8KEnRmeFTYzhjb1HcOqNa0Jc6Na3ya42GWhbN5flZEeRG2rWw9PIxgGymVZU6iLEj8WctLaltGfw3Hwp61w"
     "KEGlmVdhmJCvTmHZDBMEnSefxN2Ie1uHHtIVFkgt6qBcQGNbXtOLidaVcwjlp3F7voj/"
     "MX0nXROH8NIP2G1lkPsLUJSDFvFxaUcimsVUxmvXsTuke1KY+g6wC/d//nhC7xwy3sWqsf8Rg45M2q74HEMmHmWrliby6Vx6F/"
     "U64MQpzOqbi1rlcl1SV1EORrQMRr4Qbc732eDRCW8t0Zc4O8CZGlZpXYMGRluUN/DfBmkAbDHzlFdc=",
     "example.com.\t\t3600 IN\tDNSKEY 256 3 8 (\n"
     "\t\t\t\tAwEAAdaQPtwZsrbHZFIr8KEnRmeFTYzhjb1HcOqNa0Jc\n"
     "\t\t\t\t6Na3ya42GWhbN5flZEeRG2rWw9PIxgGymVZU6iLEj8Wc\n"
     "\t\t\t\ttLaltGfw3Hwp61wKEGlmVdhmJCvTmHZDBMEnSefxN2Ie\n"
     "\t\t\t\t1uHHtIVFkgt6qBcQGNbXtOLidaVcwjlp3F7voj/MX0nX\n"
     "\t\t\t\tROH8NIP2G1lkPsLUJSDFvFxaUcimsVUxmvXsTuke1KY+\n"
     "\t\t\t\tg6wC/d//nhC7xwy3sWqsf8Rg45M2q74HEMmHmWrliby6\n"
     "\t\t\t\tVx6F/U64MQpzOqbi1rlcl1SV1EORrQMRr4Qbc732eDRC\n"
     "\t\t\t\tW8t0Zc4O8CZGlZpXYMGRluUN/DfBmkAbDHzlFdc=\n"
     "\t\t\t\t) ; ZSK; alg = RSASHA256 ; key id = 49858"},
    {"example.com.", 48, 3600, NOCRYPTO,
     "256 3 8 "
     "AwEAAdaQPtwZsrbHZFIr8KEnRmeFTYzhjb1HcOqNa0Jc6Na3ya42GWhbN5flZEeRG2rWw9PIxgGymVZU6iLEj8WctLaltGfw3Hwp61w"
     "KEGlmVdhmJCvTmHZDBMEnSefxN2Ie1uHHtIVFkgt6qBcQGNbXtOLidaVcwjlp3F7voj/"
     "MX0nXROH8NIP2G1lkPsLUJSDFvFxaUcimsVUxmvXsTuke1KY+g6wC/d//nhC7xwy3sWqsf8Rg45M2q74HEMmHmWrliby6Vx6F/"
     "U64MQpzOqbi1rlcl1SV1EORrQMRr4Qbc732eDRCW8t0Zc4O8CZGlZpXYMGRluUN/DfBmkAbDHzlFdc=",
     "example.com.\t\t3600\tIN\tDNSKEY\t256 3 8 [key id = 49858]"},
    {"example.com.", 48, 3600, ML_NOCRYPTO,
     "256 3 8 "
     "AwEAAdaQPtwZsrbHZFIr8KEnRmeFTYzhjb1HcOqNa0Jc6Na3ya42GWhbN5flZEeRG2rWw9PIxgGymVZU6iLEj8WctLaltGfw3Hwp61w"
     "KEGlmVdhmJCvTmHZDBMEnSefxN2Ie1uHHtIVFkgt6qBcQGNbXtOLidaVcwjlp3F7voj/"
     "MX0nXROH8NIP2G1lkPsLUJSDFvFxaUcimsVUxmvXsTuke1KY+g6wC/d//nhC7xwy3sWqsf8Rg45M2q74HEMmHmWrliby6Vx6F/"
     "U64MQpzOqbi1rlcl1SV1EORrQMRr4Qbc732eDRCW8t0Zc4O8CZGlZpXYMGRluUN/DfBmkAbDHzlFdc=",
     "example.com.\t\t3600 IN\tDNSKEY 256 3 8 (\n"
     "\t\t\t\t[key id = 49858]\n"
     "\t\t\t\t) ; ZSK; alg = RSASHA256 ; key id = 49858"},
    {"example.com.", 48, 3600, RRC,
     "256 3 8 "
     "AwEAAdaQPtwZsrbHZFIr8KEnRmeFTYzhjb1HcOqNa0Jc6Na3ya42GWhbN5flZEeRG2rWw9PIxgGymVZU6iLEj8WctLaltGfw3Hwp61w"
     "KEGlmVdhmJCvTmHZDBMEnSefxN2Ie1uHHtIVFkgt6qBcQGNbXtOLidaVcwjlp3F7voj/"
     "MX0nXROH8NIP2G1lkPsLUJSDFvFxaUcimsVUxmvXsTuke1KY+g6wC/d//nhC7xwy3sWqsf8Rg45M2q74HEMmHmWrliby6Vx6F/"
     "U64MQpzOqbi1rlcl1SV1EORrQMRr4Qbc732eDRCW8t0Zc4O8CZGlZpXYMGRluUN/DfBmkAbDHzlFdc=",
     "example.com.\t\t3600\tIN\tDNSKEY\t256 3 8 AwEAAdaQPtwZsrbHZFIr8KEnRmeFTYzhjb1HcOqNa0Jc6Na3ya42GWhb "
     "N5flZEeRG2rWw9PIxgGymVZU6iLEj8WctLaltGfw3Hwp61wKEGlmVdhm "
     "JCvTmHZDBMEnSefxN2Ie1uHHtIVFkgt6qBcQGNbXtOLidaVcwjlp3F7v "
     "oj/MX0nXROH8NIP2G1lkPsLUJSDFvFxaUcimsVUxmvXsTuke1KY+g6wC "
     "/d//nhC7xwy3sWqsf8Rg45M2q74HEMmHmWrliby6Vx6F/U64MQpzOqbi "
     "1rlcl1SV1EORrQMRr4Qbc732eDRCW8t0Zc4O8CZGlZpXYMGRluUN/DfB mkAbDHzlFdc=  ; ZSK; alg = RSASHA256 ; key id "
     "= 49858"},
    {"example.com.", 48, 3600, ML,
     "257 3 13 YfVU56ubuBjzuQdj+akwBfwQ8yrOlyScSIhEcIb6n4ZTgmN7aXgx5hub74wTAliSl4BkVlV574enh8QxA196Yw==",
     "example.com.\t\t3600 IN\tDNSKEY 257 3 13 (\n"
     "\t\t\t\tYfVU56ubuBjzuQdj+akwBfwQ8yrOlyScSIhEcIb6n4ZT\n"
     "\t\t\t\tgmN7aXgx5hub74wTAliSl4BkVlV574enh8QxA196Yw==\n"
     "\t\t\t\t) ; KSK; alg = ECDSAP256SHA256 ; key id = 52417"},
    {"example.com.", 48, 3600, ML_NOCOMMENTS,
     "257 3 13 YfVU56ubuBjzuQdj+akwBfwQ8yrOlyScSIhEcIb6n4ZTgmN7aXgx5hub74wTAliSl4BkVlV574enh8QxA196Yw==",
     "example.com.\t\t3600 IN\tDNSKEY 257 3 13 (\n"
     "\t\t\t\tYfVU56ubuBjzuQdj+akwBfwQ8yrOlyScSIhEcIb6n4ZT\n"
     "\t\t\t\tgmN7aXgx5hub74wTAliSl4BkVlV574enh8QxA196Yw== )"},
    {"example.com.", 48, 3600, ML_NOCRYPTO_NOCOMMENTS,
     "257 3 13 YfVU56ubuBjzuQdj+akwBfwQ8yrOlyScSIhEcIb6n4ZTgmN7aXgx5hub74wTAliSl4BkVlV574enh8QxA196Yw==",
     "example.com.\t\t3600 IN\tDNSKEY 257 3 13 (\n"
     "\t\t\t\t[key id = 52417] )"},
    {"example.com.", 48, 3600, NOCRYPTO_RRC,
     "257 3 13 YfVU56ubuBjzuQdj+akwBfwQ8yrOlyScSIhEcIb6n4ZTgmN7aXgx5hub74wTAliSl4BkVlV574enh8QxA196Yw==",
     "example.com.\t\t3600\tIN\tDNSKEY\t257 3 13 [key id = 52417]  ; KSK; alg = ECDSAP256SHA256 ; key id = "
     "52417"},
    {"example.com.", 48, 3600, ML_SPLIT16,
     "257 3 13 YfVU56ubuBjzuQdj+akwBfwQ8yrOlyScSIhEcIb6n4ZTgmN7aXgx5hub74wTAliSl4BkVlV574enh8QxA196Yw==",
     "example.com.\t\t3600 IN\tDNSKEY 257 3 13 (\n"
     "\t\t\t\tYfVU56ubuBjzuQdj\n"
     "\t\t\t\t+akwBfwQ8yrOlySc\n"
     "\t\t\t\tSIhEcIb6n4ZTgmN7\n"
     "\t\t\t\taXgx5hub74wTAliS\n"
     "\t\t\t\tl4BkVlV574enh8Qx\n"
     "\t\t\t\tA196Yw==\n"
     "\t\t\t\t) ; KSK; alg = ECDSAP256SHA256 ; key id = 52417"},
    {"example.com.", 48, 3600, ML_WHOLE,
     "257 3 13 YfVU56ubuBjzuQdj+akwBfwQ8yrOlyScSIhEcIb6n4ZTgmN7aXgx5hub74wTAliSl4BkVlV574enh8QxA196Yw==",
     "example.com.\t\t3600 IN\tDNSKEY 257 3 13 (\n"
     "\t\t\t\tYfVU56ubuBjzuQdj+akwBfwQ8yrOlyScSIhEcIb6n4ZTgmN7aXgx5hub74wTAliSl4BkVlV574enh8QxA196Yw==\n"
     "\t\t\t\t) ; KSK; alg = ECDSAP256SHA256 ; key id = 52417"},
    {"rev.example.info.", 48, 60, RRC, "385 3 13 AQOeiiR0GOMYkDshWoSKz9Xzfwpgr5c8",
     "rev.example.info.\t60\tIN\tDNSKEY\t385 3 13 AQOeiiR0GOMYkDshWoSKz9Xzfwpgr5c8  ; revoked KSK; alg = "
     "ECDSAP256SHA256 ; key id = 26466"},
    {"k253e.example.info.", 48, 60, RRC, "256 3 253 A2EuYgNjLmQA",
     "k253e.example.info.\t60\tIN\tDNSKEY\t256 3 253 A2EuYgNjLmQA  ; ZSK; alg = a\\.b.c\\.d ; key id = "
     "26759"},
    {"k17.example.info.", 48, 60, RRC, "256 3 17 AQOeiiR0GOMYkDshWoSKz9Xzfwpgr5c8",
     "k17.example.info.\t60\tIN\tDNSKEY\t256 3 17 AQOeiiR0GOMYkDshWoSKz9Xzfwpgr5c8  ; ZSK; alg = 17 ; key id "
     "= 26341"},
    {"k1.example.info.", 48, 60, RRC, "256 3 1 AQOeiiR0GOMYkDshWoSKz9Xzfwpgr5c8+qdbh0q42RmJ9x+q6RDl",
     "k1.example.info.\t60\tIN\tDNSKEY\t256 3 1 AQOeiiR0GOMYkDshWoSKz9Xzfwpgr5c8+qdbh0q42RmJ9x+q6RDl  ; ZSK; "
     "alg = RSAMD5 ; key id = 22666"},
    {"cdnskey.example.org.", 60, 90061, ML,
     "257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==",
     "cdnskey.example.org.\t90061 IN CDNSKEY 257 3 13 (\n"
     "\t\t\t\tmdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+Gq\n"
     "\t\t\t\tJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==\n"
     "\t\t\t\t) ; KSK; alg = ECDSAP256SHA256 ; key id = 2371"},
    {"cdnskey.example.org.", 60, 90061, NOCRYPTO,
     "257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==",
     "cdnskey.example.org.\t90061\tIN\tCDNSKEY\t257 3 13 [key id = 2371]"},
    {"example.com.", 46, 3600, ML,
     "NS 13 2 3600 20261225170253 20261127170253 11947 example.com. "
     "DnaiiQrpiIwA3CvsI0J00oIaBA1nRbCpFQMJLJS9MuchnZvDkAHHflsA02JGEuBTvmiG3xGCdhvoNPu5D7RH6g==",
     "example.com.\t\t3600 IN\tRRSIG NS 13 2 3600 (\n"
     "\t\t\t\t20261225170253 20261127170253 11947 example.com.\n"
     "\t\t\t\tDnaiiQrpiIwA3CvsI0J00oIaBA1nRbCpFQMJLJS9Much\n"
     "\t\t\t\tnZvDkAHHflsA02JGEuBTvmiG3xGCdhvoNPu5D7RH6g== )"},
    {"example.com.", 46, 3600, NOCRYPTO,
     "NS 13 2 3600 20261225170253 20261127170253 11947 example.com. "
     "DnaiiQrpiIwA3CvsI0J00oIaBA1nRbCpFQMJLJS9MuchnZvDkAHHflsA02JGEuBTvmiG3xGCdhvoNPu5D7RH6g==",
     "example.com.\t\t3600\tIN\tRRSIG\tNS 13 2 3600 20261225170253 20261127170253 11947 example.com. "
     "[omitted]"},
    {"example.com.", 46, 3600, ML_NOCRYPTO,
     "NS 13 2 3600 20261225170253 20261127170253 11947 example.com. "
     "DnaiiQrpiIwA3CvsI0J00oIaBA1nRbCpFQMJLJS9MuchnZvDkAHHflsA02JGEuBTvmiG3xGCdhvoNPu5D7RH6g==",
     "example.com.\t\t3600 IN\tRRSIG NS 13 2 3600 (\n"
     "\t\t\t\t20261225170253 20261127170253 11947 example.com.\n"
     "\t\t\t\t[omitted] )"},
    {"example.com.", 46, 3600, ML,
     "NS 8 2 3600 20261225170253 20261127170253 49858 example.com. "
     "YP8fHwZJyQNMUF+0T4XbLw+eHZWSep/+w9BewboINs6sfz/6rZcvyP+/npnC8MlkHwR/"
     "Bhr10H2G4nzdQqoTvAH0Mu8sW6sr+EjDDuQtoS9r7snpY33g89e5vcIxcM3X5bh7Vlr9GqIunq9uSKhxrsO7Vvqwug/"
     "cQOewtVIEIZ5f3fZnwihDED5U3P/DfXwN7ENqN4pu8nBVZhML/"
     "kI5ecNZqaFnObahP4HYQklkxKXKj52hNKl3ppdBqI4drTKZVBPomJiqhSwsD52xN9mE5krsFqBfuptE9dobrRkNf8uPcRyrP6zqOTn6"
     "1z9m86FO2xd40BBnjreOB4E2dWxbgw==",
     "example.com.\t\t3600 IN\tRRSIG NS 8 2 3600 (\n"
     "\t\t\t\t20261225170253 20261127170253 49858 example.com.\n"
     "\t\t\t\tYP8fHwZJyQNMUF+0T4XbLw+eHZWSep/+w9BewboINs6s\n"
     "\t\t\t\tfz/6rZcvyP+/npnC8MlkHwR/Bhr10H2G4nzdQqoTvAH0\n"
     "\t\t\t\tMu8sW6sr+EjDDuQtoS9r7snpY33g89e5vcIxcM3X5bh7\n"
     "\t\t\t\tVlr9GqIunq9uSKhxrsO7Vvqwug/cQOewtVIEIZ5f3fZn\n"
     "\t\t\t\twihDED5U3P/DfXwN7ENqN4pu8nBVZhML/kI5ecNZqaFn\n"
     "\t\t\t\tObahP4HYQklkxKXKj52hNKl3ppdBqI4drTKZVBPomJiq\n"
     "\t\t\t\thSwsD52xN9mE5krsFqBfuptE9dobrRkNf8uPcRyrP6zq\n"
     "\t\t\t\tOTn61z9m86FO2xd40BBnjreOB4E2dWxbgw== )"},
    {"sig.example.info.", 46, 60, ML,
     "TYPE65280 13 3 60 20300101000000 20200101000000 12345 example.info. AQOeiiR0GOMYkDshWoSKz9Xzfwpgr5c8",
     "sig.example.info.\t60 IN RRSIG TYPE65280 13 3 60 (\n"
     "\t\t\t\t20300101000000 20200101000000 12345 example.info.\n"
     "\t\t\t\tAQOeiiR0GOMYkDshWoSKz9Xzfwpgr5c8 )"},
    {"sub.example.com.", 43, 3600, ML,
     "12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
     "sub.example.com.\t3600 IN\tDS 12345 13 2 (\n"
     "\t\t\t\t0123456789ABCDEF0123456789ABCDEF0123456789AB\n"
     "\t\t\t\tCDEF0123456789ABCDEF )"},
    {"sub.example.com.", 43, 3600, NOCRYPTO,
     "12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
     "sub.example.com.\t3600\tIN\tDS\t12345 13 2 [omitted]"},
    {"sub.example.com.", 43, 3600, ML_NOCRYPTO,
     "12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
     "sub.example.com.\t3600 IN\tDS 12345 13 2 (\n"
     "\t\t\t\t[omitted] )"},
    {"sub.example.com.", 43, 3600, ML_UNKNOWN,
     "12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
     "sub.example.com.\t3600 CLASS1 TYPE43 \\# 36 ( 30390D020123456789ABCDEF0123456789ABCDEF0123\n"
     "\t\t\t\t456789ABCDEF0123456789ABCDEF )"},
    {"sub.example.com.", 43, 3600, ML, "12346 8 1 0123456789ABCDEF0123456789ABCDEF01234567",
     "sub.example.com.\t3600 IN\tDS 12346 8 1 (\n"
     "\t\t\t\t0123456789ABCDEF0123456789ABCDEF01234567 )"},
    {"cds.example.org.", 59, 90061, ML_NOCRYPTO,
     "12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
     "cds.example.org.\t90061 IN CDS 12345 13 2 (\n"
     "\t\t\t\t[omitted] )"},
    {"_443._tcp.example.com.", 52, 3600, ML,
     "3 1 1 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
     "_443._tcp.example.com.\t3600 IN\tTLSA 3 1 1 (\n"
     "\t\t\t\t0123456789ABCDEF0123456789ABCDEF0123456789AB\n"
     "\t\t\t\tCDEF0123456789ABCDEF )"},
    {"_443._tcp.example.com.", 52, 3600, NOCRYPTO,
     "3 1 1 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
     "_443._tcp.example.com.\t3600\tIN\tTLSA\t3 1 1 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF01234567 "
     "89ABCDEF"},
    {"_443._tcp.example.com.", 52, 3600, ML_WHOLE,
     "3 1 1 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
     "_443._tcp.example.com.\t3600 IN\tTLSA 3 1 1 (\n"
     "\t\t\t\t0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF )"},
    {"host.example.com.", 44, 3600, ML,
     "4 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
     "host.example.com.\t3600 IN\tSSHFP 4 2 (\n"
     "\t\t\t\t0123456789ABCDEF0123456789ABCDEF0123456789AB\n"
     "\t\t\t\tCDEF0123456789ABCDEF )"},
    {"host.example.com.", 44, 3600, NOCRYPTO,
     "4 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
     "host.example.com.\t3600\tIN\tSSHFP\t4 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF01234567 "
     "89ABCDEF"},
    {"smimea.example.org.", 53, 90061, ML,
     "3 1 1 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
     "smimea.example.org.\t90061 IN SMIMEA\t3 1 1 (\n"
     "\t\t\t\t0123456789ABCDEF0123456789ABCDEF0123456789AB\n"
     "\t\t\t\tCDEF0123456789ABCDEF )"},
    {"zmd.example.org.", 63, 90061, ML,
     "2024010101 1 1 "
     "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
     "zmd.example.org.\t90061 IN ZONEMD\t2024010101 1 1 (\n"
     "\t\t\t\t0123456789ABCDEF0123456789ABCDEF0123456789AB\n"
     "\t\t\t\tCDEF0123456789ABCDEF0123456789ABCDEF01234567\n"
     "\t\t\t\t89ABCDEF )"},
    {"zmd.example.org.", 63, 90061, NOCRYPTO,
     "2024010101 1 1 "
     "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
     "zmd.example.org.\t90061\tIN\tZONEMD\t2024010101 1 1 [omitted]"},
    {"pgp.example.org.", 61, 90061, ML,
     "mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==",
     "pgp.example.org.\t90061 IN OPENPGPKEY ( mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+Gq\n"
     "\t\t\t\tJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ== )"},
    {"pgp.example.org.", 61, 90061, NOCRYPTO,
     "mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==",
     "pgp.example.org.\t90061\tIN\tOPENPGPKEY [omitted]"},
    {"pgp.example.org.", 61, 90061, ML_NOCRYPTO,
     "mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==",
     "pgp.example.org.\t90061 IN OPENPGPKEY ( [omitted] )"},
    {"0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example.info.", 50, 60, ML,
     "1 1 12 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A NS CAA TYPE1234 TYPE65280",
     "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example.info. 60 IN NSEC3 1 1 12 - (\n"
     "\t\t\t\t2T7B4G4VSA5SMI47K61MV5BV1A22BOJR\n"
     "\t\t\t\tA NS\n"
     "\t\t\t\tCAA\n"
     "\t\t\t\tTYPE1234\n"
     "\t\t\t\tTYPE65280 )"},
    {"0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example.info.", 50, 60, NOCRYPTO,
     "1 1 12 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A NS CAA TYPE1234 TYPE65280",
     "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example.info. 60 IN NSEC3 1 1 12 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A "
     "NS CAA TYPE1234 TYPE65280"},
    {"1p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example.info.", 50, 60, ML,
     "1 1 12 AABB 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR",
     "1p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example.info. 60 IN NSEC3 1 1 12 AABB (\n"
     "\t\t\t\t2T7B4G4VSA5SMI47K61MV5BV1A22BOJR )"},
    {"example.com.", 47, 300, ML, "_443._tcp.example.com. A NS SOA MX TXT AAAA RRSIG NSEC DNSKEY CAA",
     "example.com.\t\t300 IN NSEC _443._tcp.example.com. A NS SOA MX TXT AAAA RRSIG NSEC DNSKEY CAA"},
    {"example.com.", 47, 300, UNKNOWN, "_443._tcp.example.com. A NS SOA MX TXT AAAA RRSIG NSEC DNSKEY CAA",
     "example.com.\t\t300\tCLASS1\tTYPE47\t\\# 35 045F343433045F746370076578616D706C6503636F6D000007620180 "
     "08000380010140"},
    {"example.com.", 15, 3600, UNKNOWN, "10 mail.example.com.",
     "example.com.\t\t3600\tCLASS1\tTYPE15\t\\# 20 000A046D61696C076578616D706C6503636F6D00"},
    {"example.com.", 15, 3600, ML_UNKNOWN, "10 mail.example.com.",
     "example.com.\t\t3600 CLASS1 TYPE15 \\# 20 ( 000A046D61696C076578616D706C6503636F6D00 )"},
    {"bigunk.example.org.", 65281, 90061, ML,
     "\\# 39 0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627",
     "bigunk.example.org.\t90061 IN TYPE65281 \\# 39 ( 0102030405060708090A0B0C0D0E0F10111213141516\n"
     "\t\t\t\t1718191A1B1C1D1E1F2021222324252627 )"},
    {"bigunk.example.org.", 65281, 90061, SPLIT56,
     "\\# 39 0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627",
     "bigunk.example.org.\t90061\tIN\tTYPE65281 \\# 39 "
     "0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C 1D1E1F2021222324252627"},
    {"zero.example.org.", 65282, 90061, ML, "\\# 0", "zero.example.org.\t90061 IN TYPE65282 \\# 0"},
    {"zero.example.org.", 65282, 90061, UNKNOWN, "\\# 0",
     "zero.example.org.\t90061\tCLASS1\tTYPE65282 \\# 0"},
    {"longtxt.example.org.", 16, 90061, ML,
     "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" "
     "\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"",
     "longtxt.example.org.\t90061 IN TXT "
     "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" "
     "\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\""},
    {"longtxt.example.org.", 16, 90061, UNKNOWN,
     "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" "
     "\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"",
     "longtxt.example.org.\t90061\tCLASS1\tTYPE16\t\\# 151 "
     "5A616161616161616161616161616161616161616161616161616161 "
     "61616161616161616161616161616161616161616161616161616161 "
     "61616161616161616161616161616161616161616161616161616161 "
     "616161616161613B6262626262626262626262626262626262626262 "
     "62626262626262626262626262626262626262626262626262626262 6262626262626262626262"},
    {"svc.example.org.", 65, 90061, ML,
     "1 . alpn=\"h2,h3\" no-default-alpn port=8443 ipv4hint=192.0.2.1,192.0.2.2 ech=AEP+DQA= "
     "ipv6hint=2001:db8::1 key65000=\"foo\"",
     "svc.example.org.\t90061 IN HTTPS 1 . alpn=\"h2,h3\" no-default-alpn port=8443 "
     "ipv4hint=192.0.2.1,192.0.2.2 ech=AEP+DQA= ipv6hint=2001:db8::1 key65000=\"foo\""},
    {"svc.example.org.", 65, 90061, UNKNOWN,
     "1 . alpn=\"h2,h3\" no-default-alpn port=8443 ipv4hint=192.0.2.1,192.0.2.2 ech=AEP+DQA= "
     "ipv6hint=2001:db8::1 key65000=\"foo\"",
     "svc.example.org.\t90061\tCLASS1\tTYPE65\t\\# 71 "
     "00010000010006026832026833000200000003000220FB00040008C0 "
     "000201C0000202000500050043FE0D000006001020010DB800000000 0000000000000001FDE80003666F6F"},
    {"example.com.", 257, 3600, UNKNOWN, "0 issue \"ca.example.net\"",
     "example.com.\t\t3600\tCLASS1\tTYPE257\t\\# 21 0005697373756563612E6578616D706C652E6E6574"},
    {"csync.example.info.", 62, 60, ML, "66 3 A NS TYPE1234",
     "csync.example.info.\t60 IN CSYNC 66 3 A NS TYPE1234"},
    {"p3s.example.org.", 51, 90061, ML, "1 0 10 ABCDEF",
     "p3s.example.org.\t90061 IN NSEC3PARAM 1 0 10 ABCDEF"},
    /* URI (RFC 7553), DHCID (RFC 4701), KEY and SIG (RFC 2535): their own lines and comments in dig. */
    {"_http._tcp.example.info.", 256, 60, ML, "10 1 \"http://www.example.com/path\"",
     "_http._tcp.example.info. 60 IN URI 10 1 \"http://www.example.com/path\""},
    {"_http._tcp.example.info.", 256, 60, NOCRYPTO, "10 1 \"http://www.example.com/path\"",
     "_http._tcp.example.info. 60\tIN\tURI\t10 1 \"http://www.example.com/path\""},
    {"_http._tcp.example.info.", 256, 60, ML_NOCRYPTO, "10 1 \"http://www.example.com/path\"",
     "_http._tcp.example.info. 60 IN URI 10 1 \"http://www.example.com/path\""},
    {"_http._tcp.example.info.", 256, 60, RRC, "10 1 \"http://www.example.com/path\"",
     "_http._tcp.example.info. 60\tIN\tURI\t10 1 \"http://www.example.com/path\""},
    {"_http._tcp.example.info.", 256, 60, ML_NOCOMMENTS, "10 1 \"http://www.example.com/path\"",
     "_http._tcp.example.info. 60 IN URI 10 1 \"http://www.example.com/path\""},
    {"dhcid.example.info.", 49, 60, ML, "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=",
     "dhcid.example.info.\t60 IN DHCID ( AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2k\n\t\t\t\tjEA= ) ; 2 1 "
     "32"},
    {"dhcid.example.info.", 49, 60, NOCRYPTO, "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=",
     "dhcid.example.info.\t60\tIN\tDHCID\tAAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA="},
    {"dhcid.example.info.", 49, 60, ML_NOCRYPTO, "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=",
     "dhcid.example.info.\t60 IN DHCID ( AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2k\n\t\t\t\tjEA= ) ; 2 1 "
     "32"},
    {"dhcid.example.info.", 49, 60, RRC, "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=",
     "dhcid.example.info.\t60\tIN\tDHCID\tAAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA="},
    {"dhcid.example.info.", 49, 60, ML_NOCOMMENTS, "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=",
     "dhcid.example.info.\t60 IN DHCID ( AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2k\n\t\t\t\tjEA= ) ; 2 1 "
     "32"},
    {"key.example.info.", 25, 60, ML,
     "256 3 8 "
     "AwEAAcMnWBKLuvG/LwnPVykcmpvnntwxfshHlHRhlY0F3oz8AMcuF8gw9McCw+BoC2YxWaiTpNPuxjSNhUlBtcJmcdkz3/"
     "r7PBtOj3n4c7bhKPlA7r+vzrIdbIQTU6NeSmFyUJD48C5ifFUnuxiI5WpaMoEfyFkoUA1Vu0k7V2QRo4P7",
     "key.example.info.\t60 IN KEY 256 3 8 "
     "(\n\t\t\t\tAwEAAcMnWBKLuvG/"
     "LwnPVykcmpvnntwxfshHlHRhlY0F\n\t\t\t\t3oz8AMcuF8gw9McCw+BoC2YxWaiTpNPuxjSNhUlBtcJm\n\t\t\t\tcdkz3/"
     "r7PBtOj3n4c7bhKPlA7r+vzrIdbIQTU6NeSmFy\n\t\t\t\tUJD48C5ifFUnuxiI5WpaMoEfyFkoUA1Vu0k7V2QRo4P7\n\t\t\t\t)"
     "; alg = RSASHA256 ; key id = 8538"},
    {"key.example.info.", 25, 60, NOCRYPTO,
     "256 3 8 "
     "AwEAAcMnWBKLuvG/LwnPVykcmpvnntwxfshHlHRhlY0F3oz8AMcuF8gw9McCw+BoC2YxWaiTpNPuxjSNhUlBtcJmcdkz3/"
     "r7PBtOj3n4c7bhKPlA7r+vzrIdbIQTU6NeSmFyUJD48C5ifFUnuxiI5WpaMoEfyFkoUA1Vu0k7V2QRo4P7",
     "key.example.info.\t60\tIN\tKEY\t256 3 8 [key id = 8538]"},
    {"key.example.info.", 25, 60, ML_NOCRYPTO,
     "256 3 8 "
     "AwEAAcMnWBKLuvG/LwnPVykcmpvnntwxfshHlHRhlY0F3oz8AMcuF8gw9McCw+BoC2YxWaiTpNPuxjSNhUlBtcJmcdkz3/"
     "r7PBtOj3n4c7bhKPlA7r+vzrIdbIQTU6NeSmFyUJD48C5ifFUnuxiI5WpaMoEfyFkoUA1Vu0k7V2QRo4P7",
     "key.example.info.\t60 IN KEY 256 3 8 (\n\t\t\t\t[key id = 8538]\n\t\t\t\t); alg = RSASHA256 ; key id = "
     "8538"},
    {"key.example.info.", 25, 60, RRC,
     "256 3 8 "
     "AwEAAcMnWBKLuvG/LwnPVykcmpvnntwxfshHlHRhlY0F3oz8AMcuF8gw9McCw+BoC2YxWaiTpNPuxjSNhUlBtcJmcdkz3/"
     "r7PBtOj3n4c7bhKPlA7r+vzrIdbIQTU6NeSmFyUJD48C5ifFUnuxiI5WpaMoEfyFkoUA1Vu0k7V2QRo4P7",
     "key.example.info.\t60\tIN\tKEY\t256 3 8 AwEAAcMnWBKLuvG/LwnPVykcmpvnntwxfshHlHRhlY0F3oz8AMcuF8gw "
     "9McCw+BoC2YxWaiTpNPuxjSNhUlBtcJmcdkz3/r7PBtOj3n4c7bhKPlA "
     "7r+vzrIdbIQTU6NeSmFyUJD48C5ifFUnuxiI5WpaMoEfyFkoUA1Vu0k7 V2QRo4P7 ; alg = RSASHA256 ; key id = 8538"},
    {"key.example.info.", 25, 60, ML_NOCOMMENTS,
     "256 3 8 "
     "AwEAAcMnWBKLuvG/LwnPVykcmpvnntwxfshHlHRhlY0F3oz8AMcuF8gw9McCw+BoC2YxWaiTpNPuxjSNhUlBtcJmcdkz3/"
     "r7PBtOj3n4c7bhKPlA7r+vzrIdbIQTU6NeSmFyUJD48C5ifFUnuxiI5WpaMoEfyFkoUA1Vu0k7V2QRo4P7",
     "key.example.info.\t60 IN KEY 256 3 8 "
     "(\n\t\t\t\tAwEAAcMnWBKLuvG/"
     "LwnPVykcmpvnntwxfshHlHRhlY0F\n\t\t\t\t3oz8AMcuF8gw9McCw+BoC2YxWaiTpNPuxjSNhUlBtcJm\n\t\t\t\tcdkz3/"
     "r7PBtOj3n4c7bhKPlA7r+vzrIdbIQTU6NeSmFy\n\t\t\t\tUJD48C5ifFUnuxiI5WpaMoEfyFkoUA1Vu0k7V2QRo4P7 )"},
    {"key13.example.info.", 25, 60, ML,
     "512 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==",
     "key13.example.info.\t60 IN KEY 512 3 13 "
     "(\n\t\t\t\tmdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+Gq\n\t\t\t\tJxpVXckHAeF+"
     "KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==\n\t\t\t\t); alg = ECDSAP256SHA256 ; key id = 2626"},
    {"key13.example.info.", 25, 60, NOCRYPTO,
     "512 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==",
     "key13.example.info.\t60\tIN\tKEY\t512 3 13 [key id = 2626]"},
    {"key13.example.info.", 25, 60, ML_NOCRYPTO,
     "512 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==",
     "key13.example.info.\t60 IN KEY 512 3 13 (\n\t\t\t\t[key id = 2626]\n\t\t\t\t); alg = ECDSAP256SHA256 ; "
     "key id = 2626"},
    {"key13.example.info.", 25, 60, RRC,
     "512 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==",
     "key13.example.info.\t60\tIN\tKEY\t512 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+ "
     "KkxLbxILfDLUT0rAK9iUzy1L53eKGQ== ; alg = ECDSAP256SHA256 ; key id = 2626"},
    {"key13.example.info.", 25, 60, ML_NOCOMMENTS,
     "512 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==",
     "key13.example.info.\t60 IN KEY 512 3 13 "
     "(\n\t\t\t\tmdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+Gq\n\t\t\t\tJxpVXckHAeF+"
     "KkxLbxILfDLUT0rAK9iUzy1L53eKGQ== )"},
    {"sig.example.info.", 24, 60, ML,
     "A 13 3 60 20300101000000 20200101000000 12345 example.info. AQOeiiR0GOMYkDshWoSKz9Xzfwpgr5c8",
     "sig.example.info.\t60 IN SIG A 13 3 60 20300101000000 (\n\t\t\t\t20200101000000 12345 "
     "example.info.\n\t\t\t\tAQOeiiR0GOMYkDshWoSKz9Xzfwpgr5c8 )"},
    {"sig.example.info.", 24, 60, NOCRYPTO,
     "A 13 3 60 20300101000000 20200101000000 12345 example.info. AQOeiiR0GOMYkDshWoSKz9Xzfwpgr5c8",
     "sig.example.info.\t60\tIN\tSIG\tA 13 3 60 20300101000000 20200101000000 12345 example.info. "
     "AQOeiiR0GOMYkDshWoSKz9Xzfwpgr5c8"},
    {"sig.example.info.", 24, 60, ML_NOCRYPTO,
     "A 13 3 60 20300101000000 20200101000000 12345 example.info. AQOeiiR0GOMYkDshWoSKz9Xzfwpgr5c8",
     "sig.example.info.\t60 IN SIG A 13 3 60 20300101000000 (\n\t\t\t\t20200101000000 12345 "
     "example.info.\n\t\t\t\tAQOeiiR0GOMYkDshWoSKz9Xzfwpgr5c8 )"},
    {"sig.example.info.", 24, 60, RRC,
     "A 13 3 60 20300101000000 20200101000000 12345 example.info. AQOeiiR0GOMYkDshWoSKz9Xzfwpgr5c8",
     "sig.example.info.\t60\tIN\tSIG\tA 13 3 60 20300101000000 20200101000000 12345 example.info. "
     "AQOeiiR0GOMYkDshWoSKz9Xzfwpgr5c8"},
    {"sig.example.info.", 24, 60, ML_NOCOMMENTS,
     "A 13 3 60 20300101000000 20200101000000 12345 example.info. AQOeiiR0GOMYkDshWoSKz9Xzfwpgr5c8",
     "sig.example.info.\t60 IN SIG A 13 3 60 20300101000000 (\n\t\t\t\t20200101000000 12345 "
     "example.info.\n\t\t\t\tAQOeiiR0GOMYkDshWoSKz9Xzfwpgr5c8 )"},
    /* LOC (RFC 1876: dig writes the equator as N), EUI48 and EUI64 (RFC 7043): one line in every style. */
    {"loc.example.info.", 29, 60, ML, "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m",
     "loc.example.info.\t60 IN LOC 52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m"},
    {"loc.example.info.", 29, 60, NOCRYPTO, "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m",
     "loc.example.info.\t60\tIN\tLOC\t52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m"},
    {"loc4.example.info.", 29, 60, ML, "0 0 0.000 N 0 0 0.000 E 0.00m 1m 10000m 10m",
     "loc4.example.info.\t60 IN LOC 0 0 0.000 N 0 0 0.000 E 0.00m 1m 10000m 10m"},
    {"loc4.example.info.", 29, 60, NOCRYPTO, "0 0 0.000 N 0 0 0.000 E 0.00m 1m 10000m 10m",
     "loc4.example.info.\t60\tIN\tLOC\t0 0 0.000 N 0 0 0.000 E 0.00m 1m 10000m 10m"},
    {"loc6.example.info.", 29, 60, ML, "12 34 56.789 S 98 7 6.500 W 1234.56m 1m 0.01m 100m",
     "loc6.example.info.\t60 IN LOC 12 34 56.789 S 98 7 6.500 W 1234.56m 1m 0.01m 100m"},
    {"loc6.example.info.", 29, 60, NOCRYPTO, "12 34 56.789 S 98 7 6.500 W 1234.56m 1m 0.01m 100m",
     "loc6.example.info.\t60\tIN\tLOC\t12 34 56.789 S 98 7 6.500 W 1234.56m 1m 0.01m 100m"},
    {"eui48.example.info.", 108, 60, ML, "00-00-5e-00-53-2a",
     "eui48.example.info.\t60 IN EUI48 00-00-5e-00-53-2a"},
    {"eui48.example.info.", 108, 60, NOCRYPTO, "00-00-5e-00-53-2a",
     "eui48.example.info.\t60\tIN\tEUI48\t00-00-5e-00-53-2a"},
    {"eui64.example.info.", 109, 60, ML, "00-00-5e-ef-10-00-00-2a",
     "eui64.example.info.\t60 IN EUI64 00-00-5e-ef-10-00-00-2a"},
    {"eui64.example.info.", 109, 60, NOCRYPTO, "00-00-5e-ef-10-00-00-2a",
     "eui64.example.info.\t60\tIN\tEUI64\t00-00-5e-ef-10-00-00-2a"},
    /* IPSECKEY (RFC 4025), CERT (RFC 4398: its type and algorithm by name where dig has one) and APL (RFC
     * 3123, an empty one too). */
    {"ipsec1.example.info.", 45, 60, ML, "10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec1.example.info.\t60 IN IPSECKEY ( 10 1 2 "
     "192.0.2.38\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"ipsec1.example.info.", 45, 60, NOCRYPTO,
     "10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec1.example.info.\t60\tIN\tIPSECKEY 10 1 2 192.0.2.38 "
     "AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"ipsec1.example.info.", 45, 60, ML_NOCRYPTO,
     "10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec1.example.info.\t60 IN IPSECKEY ( 10 1 2 "
     "192.0.2.38\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"ipsec1.example.info.", 45, 60, RRC,
     "10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec1.example.info.\t60\tIN\tIPSECKEY 10 1 2 192.0.2.38 "
     "AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"ipsec1.example.info.", 45, 60, ML_NOCOMMENTS,
     "10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec1.example.info.\t60 IN IPSECKEY ( 10 1 2 "
     "192.0.2.38\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"ipsec0.example.info.", 45, 60, ML, "10 0 2 . AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec0.example.info.\t60 IN IPSECKEY ( 10 0 2 "
     ".\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"ipsec0.example.info.", 45, 60, NOCRYPTO, "10 0 2 . AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec0.example.info.\t60\tIN\tIPSECKEY 10 0 2 . AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"ipsec0.example.info.", 45, 60, ML_NOCRYPTO, "10 0 2 . AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec0.example.info.\t60 IN IPSECKEY ( 10 0 2 "
     ".\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"ipsec0.example.info.", 45, 60, RRC, "10 0 2 . AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec0.example.info.\t60\tIN\tIPSECKEY 10 0 2 . AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"ipsec0.example.info.", 45, 60, ML_NOCOMMENTS,
     "10 0 2 . AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec0.example.info.\t60 IN IPSECKEY ( 10 0 2 "
     ".\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"ipsec2.example.info.", 45, 60, ML,
     "10 2 2 2001:db8:0:8002::2000:1 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec2.example.info.\t60 IN IPSECKEY ( 10 2 2 "
     "2001:db8:0:8002::2000:1\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"ipsec2.example.info.", 45, 60, NOCRYPTO,
     "10 2 2 2001:db8:0:8002::2000:1 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec2.example.info.\t60\tIN\tIPSECKEY 10 2 2 2001:db8:0:8002::2000:1 "
     "AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"ipsec2.example.info.", 45, 60, ML_NOCRYPTO,
     "10 2 2 2001:db8:0:8002::2000:1 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec2.example.info.\t60 IN IPSECKEY ( 10 2 2 "
     "2001:db8:0:8002::2000:1\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"ipsec2.example.info.", 45, 60, RRC,
     "10 2 2 2001:db8:0:8002::2000:1 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec2.example.info.\t60\tIN\tIPSECKEY 10 2 2 2001:db8:0:8002::2000:1 "
     "AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"ipsec2.example.info.", 45, 60, ML_NOCOMMENTS,
     "10 2 2 2001:db8:0:8002::2000:1 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec2.example.info.\t60 IN IPSECKEY ( 10 2 2 "
     "2001:db8:0:8002::2000:1\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"ipsec3.example.info.", 45, 60, ML,
     "10 3 2 mygateway.example.com. AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec3.example.info.\t60 IN IPSECKEY ( 10 3 2 "
     "mygateway.example.com.\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"ipsec3.example.info.", 45, 60, NOCRYPTO,
     "10 3 2 mygateway.example.com. AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec3.example.info.\t60\tIN\tIPSECKEY 10 3 2 mygateway.example.com. "
     "AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"ipsec3.example.info.", 45, 60, ML_NOCRYPTO,
     "10 3 2 mygateway.example.com. AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec3.example.info.\t60 IN IPSECKEY ( 10 3 2 "
     "mygateway.example.com.\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"ipsec3.example.info.", 45, 60, RRC,
     "10 3 2 mygateway.example.com. AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec3.example.info.\t60\tIN\tIPSECKEY 10 3 2 mygateway.example.com. "
     "AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"ipsec3.example.info.", 45, 60, ML_NOCOMMENTS,
     "10 3 2 mygateway.example.com. AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "ipsec3.example.info.\t60 IN IPSECKEY ( 10 3 2 "
     "mygateway.example.com.\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"cert1.example.info.", 37, 60, ML, "PGP 0 0 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert1.example.info.\t60 IN CERT PGP 0 0 "
     "(\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"cert1.example.info.", 37, 60, NOCRYPTO, "PGP 0 0 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert1.example.info.\t60\tIN\tCERT\tPGP 0 0 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"cert1.example.info.", 37, 60, ML_NOCRYPTO, "PGP 0 0 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert1.example.info.\t60 IN CERT PGP 0 0 "
     "(\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"cert1.example.info.", 37, 60, RRC, "PGP 0 0 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert1.example.info.\t60\tIN\tCERT\tPGP 0 0 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"cert1.example.info.", 37, 60, ML_NOCOMMENTS, "PGP 0 0 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert1.example.info.\t60 IN CERT PGP 0 0 "
     "(\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"cert2.example.info.", 37, 60, ML,
     "PKIX 12345 RSASHA256 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert2.example.info.\t60 IN CERT PKIX 12345 RSASHA256 "
     "(\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"cert2.example.info.", 37, 60, NOCRYPTO,
     "PKIX 12345 RSASHA256 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert2.example.info.\t60\tIN\tCERT\tPKIX 12345 RSASHA256 "
     "AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"cert2.example.info.", 37, 60, ML_NOCRYPTO,
     "PKIX 12345 RSASHA256 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert2.example.info.\t60 IN CERT PKIX 12345 RSASHA256 "
     "(\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"cert2.example.info.", 37, 60, RRC,
     "PKIX 12345 RSASHA256 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert2.example.info.\t60\tIN\tCERT\tPKIX 12345 RSASHA256 "
     "AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"cert2.example.info.", 37, 60, ML_NOCOMMENTS,
     "PKIX 12345 RSASHA256 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert2.example.info.\t60 IN CERT PKIX 12345 RSASHA256 "
     "(\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"cert3.example.info.", 37, 60, ML, "65535 65535 255 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert3.example.info.\t60 IN CERT 65535 65535 255 "
     "(\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"cert3.example.info.", 37, 60, NOCRYPTO,
     "65535 65535 255 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert3.example.info.\t60\tIN\tCERT\t65535 65535 255 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"cert3.example.info.", 37, 60, ML_NOCRYPTO,
     "65535 65535 255 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert3.example.info.\t60 IN CERT 65535 65535 255 "
     "(\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"cert3.example.info.", 37, 60, RRC, "65535 65535 255 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert3.example.info.\t60\tIN\tCERT\t65535 65535 255 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"cert3.example.info.", 37, 60, ML_NOCOMMENTS,
     "65535 65535 255 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert3.example.info.\t60 IN CERT 65535 65535 255 "
     "(\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"cert4.example.info.", 37, 60, ML, "URI 1 PRIVATEDNS AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert4.example.info.\t60 IN CERT URI 1 PRIVATEDNS "
     "(\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"cert4.example.info.", 37, 60, NOCRYPTO,
     "URI 1 PRIVATEDNS AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert4.example.info.\t60\tIN\tCERT\tURI 1 PRIVATEDNS AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"cert4.example.info.", 37, 60, ML_NOCRYPTO,
     "URI 1 PRIVATEDNS AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert4.example.info.\t60 IN CERT URI 1 PRIVATEDNS "
     "(\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"cert4.example.info.", 37, 60, RRC, "URI 1 PRIVATEDNS AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert4.example.info.\t60\tIN\tCERT\tURI 1 PRIVATEDNS AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"cert4.example.info.", 37, 60, ML_NOCOMMENTS,
     "URI 1 PRIVATEDNS AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "cert4.example.info.\t60 IN CERT URI 1 PRIVATEDNS "
     "(\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"apl2.example.info.", 42, 60, ML, "!1:192.168.38.1/32 !2:ff00::/124 1:0.0.0.0/0",
     "apl2.example.info.\t60 IN APL !1:192.168.38.1/32 !2:ff00::/124 1:0.0.0.0/0"},
    {"apl2.example.info.", 42, 60, NOCRYPTO, "!1:192.168.38.1/32 !2:ff00::/124 1:0.0.0.0/0",
     "apl2.example.info.\t60\tIN\tAPL\t!1:192.168.38.1/32 !2:ff00::/124 1:0.0.0.0/0"},
    {"apl2.example.info.", 42, 60, ML_NOCRYPTO, "!1:192.168.38.1/32 !2:ff00::/124 1:0.0.0.0/0",
     "apl2.example.info.\t60 IN APL !1:192.168.38.1/32 !2:ff00::/124 1:0.0.0.0/0"},
    {"apl2.example.info.", 42, 60, RRC, "!1:192.168.38.1/32 !2:ff00::/124 1:0.0.0.0/0",
     "apl2.example.info.\t60\tIN\tAPL\t!1:192.168.38.1/32 !2:ff00::/124 1:0.0.0.0/0"},
    {"apl2.example.info.", 42, 60, ML_NOCOMMENTS, "!1:192.168.38.1/32 !2:ff00::/124 1:0.0.0.0/0",
     "apl2.example.info.\t60 IN APL !1:192.168.38.1/32 !2:ff00::/124 1:0.0.0.0/0"},
    {"apl3.example.info.", 42, 60, ML, "", "apl3.example.info.\t60 IN APL "},
    {"apl3.example.info.", 42, 60, NOCRYPTO, "", "apl3.example.info.\t60\tIN\tAPL\t"},
    {"apl3.example.info.", 42, 60, ML_NOCRYPTO, "", "apl3.example.info.\t60 IN APL "},
    {"apl3.example.info.", 42, 60, RRC, "", "apl3.example.info.\t60\tIN\tAPL\t"},
    {"apl3.example.info.", 42, 60, ML_NOCOMMENTS, "", "apl3.example.info.\t60 IN APL "},
    {"apl4.example.info.", 42, 60, ML, "2:2001:db8::/32 1:10.0.0.0/8",
     "apl4.example.info.\t60 IN APL 2:2001:db8::/32 1:10.0.0.0/8"},
    {"apl4.example.info.", 42, 60, NOCRYPTO, "2:2001:db8::/32 1:10.0.0.0/8",
     "apl4.example.info.\t60\tIN\tAPL\t2:2001:db8::/32 1:10.0.0.0/8"},
    {"apl4.example.info.", 42, 60, ML_NOCRYPTO, "2:2001:db8::/32 1:10.0.0.0/8",
     "apl4.example.info.\t60 IN APL 2:2001:db8::/32 1:10.0.0.0/8"},
    {"apl4.example.info.", 42, 60, RRC, "2:2001:db8::/32 1:10.0.0.0/8",
     "apl4.example.info.\t60\tIN\tAPL\t2:2001:db8::/32 1:10.0.0.0/8"},
    {"apl4.example.info.", 42, 60, ML_NOCOMMENTS, "2:2001:db8::/32 1:10.0.0.0/8",
     "apl4.example.info.\t60 IN APL 2:2001:db8::/32 1:10.0.0.0/8"},
    /* X25, ISDN, GPOS (RFC 1183, 1712), NSAP and NSAP-PTR (RFC 1706), WKS (RFC 1035), EID, NIMLOC, SINK,
     * NINFO, RKEY and TALINK as BIND has them, ILNP (RFC 6742), AMTRELAY (RFC 8777), AVC, RESINFO (RFC 9606),
     * WALLET, HIP (RFC 8005, whose key dig never cuts), and the historic NXT, A6, ATMA, DOA, TA and DLV:
     * printed by dig 9.18.49 against named 9.18 serving tests/data/zones/bind/rare.example. */
    {"wks.rare.example.", 11, 3600, SPLIT56, "192.0.2.1 6 25 80 443",
     "wks.rare.example.\t3600\tIN\tWKS\t192.0.2.1 6 25 80 443"},
    {"wks.rare.example.", 11, 3600, ML, "192.0.2.1 6 25 80 443",
     "wks.rare.example.\t3600 IN\tWKS 192.0.2.1 6 25 80 443"},
    {"wks.rare.example.", 11, 3600, UNKNOWN, "192.0.2.1 6 25 80 443",
     "wks.rare.example.\t3600\tCLASS1\tTYPE11\t\\# 61 "
     "C0000201060000004000000000000080000000000000000000000000 "
     "00000000000000000000000000000000000000000000000000000000 0000000010"},
    {"wks.rare.example.", 11, 3600, NOCRYPTO, "192.0.2.1 6 25 80 443",
     "wks.rare.example.\t3600\tIN\tWKS\t192.0.2.1 6 25 80 443"},
    {"wks.rare.example.", 11, 3600, RRC, "192.0.2.1 6 25 80 443",
     "wks.rare.example.\t3600\tIN\tWKS\t192.0.2.1 6 25 80 443"},
    {"wks.rare.example.", 11, 3600, ML_NOCRYPTO, "192.0.2.1 6 25 80 443",
     "wks.rare.example.\t3600 IN\tWKS 192.0.2.1 6 25 80 443"},
    {"wks.rare.example.", 11, 3600, ML_NOCOMMENTS, "192.0.2.1 6 25 80 443",
     "wks.rare.example.\t3600 IN\tWKS 192.0.2.1 6 25 80 443"},
    {"wks2.rare.example.", 11, 3600, SPLIT56, "192.0.2.1 6 25 80",
     "wks2.rare.example.\t3600\tIN\tWKS\t192.0.2.1 6 25 80"},
    {"wks2.rare.example.", 11, 3600, ML, "192.0.2.1 6 25 80",
     "wks2.rare.example.\t3600 IN\tWKS 192.0.2.1 6 25 80"},
    {"wks2.rare.example.", 11, 3600, UNKNOWN, "192.0.2.1 6 25 80",
     "wks2.rare.example.\t3600\tCLASS1\tTYPE11\t\\# 16 C0000201060000004000000000000080"},
    {"x25.rare.example.", 19, 3600, SPLIT56, "\"311061700956\"",
     "x25.rare.example.\t3600\tIN\tX25\t\"311061700956\""},
    {"x25.rare.example.", 19, 3600, ML, "\"311061700956\"",
     "x25.rare.example.\t3600 IN\tX25 \"311061700956\""},
    {"x25.rare.example.", 19, 3600, UNKNOWN, "\"311061700956\"",
     "x25.rare.example.\t3600\tCLASS1\tTYPE19\t\\# 13 0C333131303631373030393536"},
    {"x25.rare.example.", 19, 3600, NOCRYPTO, "\"311061700956\"",
     "x25.rare.example.\t3600\tIN\tX25\t\"311061700956\""},
    {"x25.rare.example.", 19, 3600, RRC, "\"311061700956\"",
     "x25.rare.example.\t3600\tIN\tX25\t\"311061700956\""},
    {"x25.rare.example.", 19, 3600, ML_NOCRYPTO, "\"311061700956\"",
     "x25.rare.example.\t3600 IN\tX25 \"311061700956\""},
    {"x25.rare.example.", 19, 3600, ML_NOCOMMENTS, "\"311061700956\"",
     "x25.rare.example.\t3600 IN\tX25 \"311061700956\""},
    {"isdn.rare.example.", 20, 3600, SPLIT56, "\"150862028003217\" \"004\"",
     "isdn.rare.example.\t3600\tIN\tISDN\t\"150862028003217\" \"004\""},
    {"isdn.rare.example.", 20, 3600, ML, "\"150862028003217\" \"004\"",
     "isdn.rare.example.\t3600 IN\tISDN \"150862028003217\" \"004\""},
    {"isdn.rare.example.", 20, 3600, UNKNOWN, "\"150862028003217\" \"004\"",
     "isdn.rare.example.\t3600\tCLASS1\tTYPE20\t\\# 20 0F31353038363230323830303332313703303034"},
    {"isdn1.rare.example.", 20, 3600, SPLIT56, "\"150862028003217\"",
     "isdn1.rare.example.\t3600\tIN\tISDN\t\"150862028003217\""},
    {"isdn1.rare.example.", 20, 3600, ML, "\"150862028003217\"",
     "isdn1.rare.example.\t3600 IN\tISDN \"150862028003217\""},
    {"isdn1.rare.example.", 20, 3600, UNKNOWN, "\"150862028003217\"",
     "isdn1.rare.example.\t3600\tCLASS1\tTYPE20\t\\# 16 0F313530383632303238303033323137"},
    {"gpos.rare.example.", 27, 3600, SPLIT56, "\"-32.6882\" \"116.8652\" \"10.0\"",
     "gpos.rare.example.\t3600\tIN\tGPOS\t\"-32.6882\" \"116.8652\" \"10.0\""},
    {"gpos.rare.example.", 27, 3600, ML, "\"-32.6882\" \"116.8652\" \"10.0\"",
     "gpos.rare.example.\t3600 IN\tGPOS \"-32.6882\" \"116.8652\" \"10.0\""},
    {"gpos.rare.example.", 27, 3600, UNKNOWN, "\"-32.6882\" \"116.8652\" \"10.0\"",
     "gpos.rare.example.\t3600\tCLASS1\tTYPE27\t\\# 23 082D33322E36383832083131362E383635320431302E30"},
    {"nsap.rare.example.", 22, 3600, SPLIT56, "0x47000580005a0000000001e133ffffff00016100",
     "nsap.rare.example.\t3600\tIN\tNSAP\t0x47000580005a0000000001e133ffffff00016100"},
    {"nsap.rare.example.", 22, 3600, ML, "0x47000580005a0000000001e133ffffff00016100",
     "nsap.rare.example.\t3600 IN\tNSAP 0x47000580005a0000000001e133ffffff00016100"},
    {"nsap.rare.example.", 22, 3600, UNKNOWN, "0x47000580005a0000000001e133ffffff00016100",
     "nsap.rare.example.\t3600\tCLASS1\tTYPE22\t\\# 20 47000580005A0000000001E133FFFFFF00016100"},
    {"nsapptr.rare.example.", 23, 3600, SPLIT56, "foo.example.",
     "nsapptr.rare.example.\t3600\tIN\tNSAP-PTR foo.example."},
    {"nsapptr.rare.example.", 23, 3600, ML, "foo.example.",
     "nsapptr.rare.example.\t3600 IN\tNSAP-PTR foo.example."},
    {"nsapptr.rare.example.", 23, 3600, UNKNOWN, "foo.example.",
     "nsapptr.rare.example.\t3600\tCLASS1\tTYPE23\t\\# 13 03666F6F076578616D706C6500"},
    {"l32.rare.example.", 105, 3600, SPLIT56, "10 10.1.2.0", "l32.rare.example.\t3600\tIN\tL32\t10 10.1.2.0"},
    {"l32.rare.example.", 105, 3600, ML, "10 10.1.2.0", "l32.rare.example.\t3600 IN\tL32 10 10.1.2.0"},
    {"l32.rare.example.", 105, 3600, UNKNOWN, "10 10.1.2.0",
     "l32.rare.example.\t3600\tCLASS1\tTYPE105\t\\# 6 000A0A010200"},
    {"l64.rare.example.", 106, 3600, SPLIT56, "10 2001:db8:1140:1000",
     "l64.rare.example.\t3600\tIN\tL64\t10 2001:db8:1140:1000"},
    {"l64.rare.example.", 106, 3600, ML, "10 2001:db8:1140:1000",
     "l64.rare.example.\t3600 IN\tL64 10 2001:db8:1140:1000"},
    {"l64.rare.example.", 106, 3600, UNKNOWN, "10 2001:db8:1140:1000",
     "l64.rare.example.\t3600\tCLASS1\tTYPE106\t\\# 10 000A20010DB811401000"},
    {"nid.rare.example.", 104, 3600, SPLIT56, "10 14:4fff:ff20:ee64",
     "nid.rare.example.\t3600\tIN\tNID\t10 14:4fff:ff20:ee64"},
    {"nid.rare.example.", 104, 3600, ML, "10 14:4fff:ff20:ee64",
     "nid.rare.example.\t3600 IN\tNID 10 14:4fff:ff20:ee64"},
    {"nid.rare.example.", 104, 3600, UNKNOWN, "10 14:4fff:ff20:ee64",
     "nid.rare.example.\t3600\tCLASS1\tTYPE104\t\\# 10 000A00144FFFFF20EE64"},
    {"lp.rare.example.", 107, 3600, SPLIT56, "10 l64-subnet1.example.com.",
     "lp.rare.example.\t3600\tIN\tLP\t10 l64-subnet1.example.com."},
    {"lp.rare.example.", 107, 3600, ML, "10 l64-subnet1.example.com.",
     "lp.rare.example.\t3600 IN\tLP 10 l64-subnet1.example.com."},
    {"lp.rare.example.", 107, 3600, UNKNOWN, "10 l64-subnet1.example.com.",
     "lp.rare.example.\t3600\tCLASS1\tTYPE107\t\\# 27 "
     "000A0B6C36342D7375626E657431076578616D706C6503636F6D00"},
    {"talink.rare.example.", 58, 3600, SPLIT56, "prev.example. next.example.",
     "talink.rare.example.\t3600\tIN\tTALINK\tprev.example. next.example."},
    {"talink.rare.example.", 58, 3600, ML, "prev.example. next.example.",
     "talink.rare.example.\t3600 IN\tTALINK prev.example. next.example."},
    {"talink.rare.example.", 58, 3600, UNKNOWN, "prev.example. next.example.",
     "talink.rare.example.\t3600\tCLASS1\tTYPE58\t\\# 28 "
     "0470726576076578616D706C6500046E657874076578616D706C6500"},
    {"ninfo.rare.example.", 56, 3600, SPLIT56, "\"a\" \"b\"",
     "ninfo.rare.example.\t3600\tIN\tNINFO\t\"a\" \"b\""},
    {"ninfo.rare.example.", 56, 3600, ML, "\"a\" \"b\"", "ninfo.rare.example.\t3600 IN\tNINFO \"a\" \"b\""},
    {"ninfo.rare.example.", 56, 3600, UNKNOWN, "\"a\" \"b\"",
     "ninfo.rare.example.\t3600\tCLASS1\tTYPE56\t\\# 4 01610162"},
    {"rkey.rare.example.", 57, 3600, SPLIT56, "0 3 5 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "rkey.rare.example.\t3600\tIN\tRKEY\t0 3 5 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"rkey.rare.example.", 57, 3600, ML, "0 3 5 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "rkey.rare.example.\t3600 IN\tRKEY 0 3 5 "
     "(\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ==\n\t\t\t\t); alg = RSASHA1 ; key "
     "id = 6721"},
    {"rkey.rare.example.", 57, 3600, UNKNOWN, "0 3 5 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "rkey.rare.example.\t3600\tCLASS1\tTYPE57\t\\# 38 "
     "00000305010351537986ED35533B6064478EEEB27B5BD74DAE149B6E 81BA3A0521AF82AB7801"},
    {"rkey.rare.example.", 57, 3600, NOCRYPTO, "0 3 5 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "rkey.rare.example.\t3600\tIN\tRKEY\t0 3 5 [key id = 6721]"},
    {"rkey.rare.example.", 57, 3600, RRC, "0 3 5 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "rkey.rare.example.\t3600\tIN\tRKEY\t0 3 5 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ== ; alg = "
     "RSASHA1 ; key id = 6721"},
    {"rkey.rare.example.", 57, 3600, ML_NOCRYPTO, "0 3 5 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "rkey.rare.example.\t3600 IN\tRKEY 0 3 5 (\n\t\t\t\t[key id = 6721]\n\t\t\t\t); alg = RSASHA1 ; key id "
     "= 6721"},
    {"rkey.rare.example.", 57, 3600, ML_NOCOMMENTS, "0 3 5 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "rkey.rare.example.\t3600 IN\tRKEY 0 3 5 "
     "(\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQ== )"},
    {"sink.rare.example.", 40, 3600, SPLIT56, "1 0 0 AQNRU3mG",
     "sink.rare.example.\t3600\tIN\tSINK\t1 0 0 AQNRU3mG"},
    {"sink.rare.example.", 40, 3600, ML, "1 0 0 AQNRU3mG",
     "sink.rare.example.\t3600 IN\tSINK 1 0 0 (\n\t\t\t\tAQNRU3mG )"},
    {"sink.rare.example.", 40, 3600, UNKNOWN, "1 0 0 AQNRU3mG",
     "sink.rare.example.\t3600\tCLASS1\tTYPE40\t\\# 9 010000010351537986"},
    {"sink.rare.example.", 40, 3600, NOCRYPTO, "1 0 0 AQNRU3mG",
     "sink.rare.example.\t3600\tIN\tSINK\t1 0 0 AQNRU3mG"},
    {"sink.rare.example.", 40, 3600, RRC, "1 0 0 AQNRU3mG",
     "sink.rare.example.\t3600\tIN\tSINK\t1 0 0 AQNRU3mG"},
    {"sink.rare.example.", 40, 3600, ML_NOCRYPTO, "1 0 0 AQNRU3mG",
     "sink.rare.example.\t3600 IN\tSINK 1 0 0 (\n\t\t\t\tAQNRU3mG )"},
    {"sink.rare.example.", 40, 3600, ML_NOCOMMENTS, "1 0 0 AQNRU3mG",
     "sink.rare.example.\t3600 IN\tSINK 1 0 0 (\n\t\t\t\tAQNRU3mG )"},
    {"eid.rare.example.", 31, 3600, SPLIT56, "1289AB", "eid.rare.example.\t3600\tIN\tEID\t1289AB"},
    {"eid.rare.example.", 31, 3600, ML, "1289AB", "eid.rare.example.\t3600 IN\tEID ( 1289AB )"},
    {"eid.rare.example.", 31, 3600, UNKNOWN, "1289AB",
     "eid.rare.example.\t3600\tCLASS1\tTYPE31\t\\# 3 1289AB"},
    {"eid.rare.example.", 31, 3600, NOCRYPTO, "1289AB", "eid.rare.example.\t3600\tIN\tEID\t1289AB"},
    {"eid.rare.example.", 31, 3600, RRC, "1289AB", "eid.rare.example.\t3600\tIN\tEID\t1289AB"},
    {"eid.rare.example.", 31, 3600, ML_NOCRYPTO, "1289AB", "eid.rare.example.\t3600 IN\tEID ( 1289AB )"},
    {"eid.rare.example.", 31, 3600, ML_NOCOMMENTS, "1289AB", "eid.rare.example.\t3600 IN\tEID ( 1289AB )"},
    {"nimloc.rare.example.", 32, 3600, SPLIT56, "1289AB", "nimloc.rare.example.\t3600\tIN\tNIMLOC\t1289AB"},
    {"nimloc.rare.example.", 32, 3600, ML, "1289AB", "nimloc.rare.example.\t3600 IN\tNIMLOC ( 1289AB )"},
    {"nimloc.rare.example.", 32, 3600, UNKNOWN, "1289AB",
     "nimloc.rare.example.\t3600\tCLASS1\tTYPE32\t\\# 3 1289AB"},
    {"nimloc.rare.example.", 32, 3600, NOCRYPTO, "1289AB", "nimloc.rare.example.\t3600\tIN\tNIMLOC\t1289AB"},
    {"nimloc.rare.example.", 32, 3600, RRC, "1289AB", "nimloc.rare.example.\t3600\tIN\tNIMLOC\t1289AB"},
    {"nimloc.rare.example.", 32, 3600, ML_NOCRYPTO, "1289AB",
     "nimloc.rare.example.\t3600 IN\tNIMLOC ( 1289AB )"},
    {"nimloc.rare.example.", 32, 3600, ML_NOCOMMENTS, "1289AB",
     "nimloc.rare.example.\t3600 IN\tNIMLOC ( 1289AB )"},
    {"amt.rare.example.", 260, 3600, SPLIT56, "10 0 1 203.0.113.15",
     "amt.rare.example.\t3600\tIN\tAMTRELAY 10 0 1 203.0.113.15"},
    {"amt.rare.example.", 260, 3600, ML, "10 0 1 203.0.113.15",
     "amt.rare.example.\t3600 IN\tAMTRELAY 10 0 1 203.0.113.15"},
    {"amt.rare.example.", 260, 3600, UNKNOWN, "10 0 1 203.0.113.15",
     "amt.rare.example.\t3600\tCLASS1\tTYPE260\t\\# 6 0A01CB00710F"},
    {"avc.rare.example.", 258, 3600, SPLIT56, "\"app-name:WOLFGANG|app-class:OAM|business=yes\"",
     "avc.rare.example.\t3600\tIN\tAVC\t\"app-name:WOLFGANG|app-class:OAM|business=yes\""},
    {"avc.rare.example.", 258, 3600, ML, "\"app-name:WOLFGANG|app-class:OAM|business=yes\"",
     "avc.rare.example.\t3600 IN\tAVC \"app-name:WOLFGANG|app-class:OAM|business=yes\""},
    {"avc.rare.example.", 258, 3600, UNKNOWN, "\"app-name:WOLFGANG|app-class:OAM|business=yes\"",
     "avc.rare.example.\t3600\tCLASS1\tTYPE258\t\\# 45 "
     "2C6170702D6E616D653A574F4C4647414E477C6170702D636C617373 3A4F414D7C627573696E6573733D796573"},
    {"resinfo.rare.example.", 261, 3600, SPLIT56,
     "\"qnamemin\" \"exterr=15,16,17\" \"infourl=https://resolver.example.com/guide\"",
     "resinfo.rare.example.\t3600\tIN\tRESINFO\t\"qnamemin\" \"exterr=15,16,17\" "
     "\"infourl=https://resolver.example.com/guide\""},
    {"resinfo.rare.example.", 261, 3600, ML,
     "\"qnamemin\" \"exterr=15,16,17\" \"infourl=https://resolver.example.com/guide\"",
     "resinfo.rare.example.\t3600 IN\tRESINFO\t\"qnamemin\" \"exterr=15,16,17\" "
     "\"infourl=https://resolver.example.com/guide\""},
    {"resinfo.rare.example.", 261, 3600, UNKNOWN,
     "\"qnamemin\" \"exterr=15,16,17\" \"infourl=https://resolver.example.com/guide\"",
     "resinfo.rare.example.\t3600\tCLASS1\tTYPE261\t\\# 68 "
     "08716E616D656D696E0F6578746572723D31352C31362C31372A696E "
     "666F75726C3D68747470733A2F2F7265736F6C7665722E6578616D70 6C652E636F6D2F6775696465"},
    {"wallet.rare.example.", 262, 3600, SPLIT56, "\"BTC\" \"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq\"",
     "wallet.rare.example.\t3600\tIN\tWALLET\t\"BTC\" \"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq\""},
    {"wallet.rare.example.", 262, 3600, ML, "\"BTC\" \"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq\"",
     "wallet.rare.example.\t3600 IN\tWALLET \"BTC\" \"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq\""},
    {"wallet.rare.example.", 262, 3600, UNKNOWN, "\"BTC\" \"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq\"",
     "wallet.rare.example.\t3600\tCLASS1\tTYPE262\t\\# 47 "
     "034254432A62633171617230737272723778666B7679356C3634336C 79646E77397265353967747A7A7766356D6471"},
    {"amt0.rare.example.", 260, 3600, SPLIT56, "0 0 0 .", "amt0.rare.example.\t3600\tIN\tAMTRELAY 0 0 0 ."},
    {"amt0.rare.example.", 260, 3600, ML, "0 0 0 .", "amt0.rare.example.\t3600 IN\tAMTRELAY 0 0 0 ."},
    {"amt0.rare.example.", 260, 3600, UNKNOWN, "0 0 0 .",
     "amt0.rare.example.\t3600\tCLASS1\tTYPE260\t\\# 2 0000"},
    {"amt2.rare.example.", 260, 3600, SPLIT56, "128 1 2 2001:db8::15",
     "amt2.rare.example.\t3600\tIN\tAMTRELAY 128 1 2 2001:db8::15"},
    {"amt2.rare.example.", 260, 3600, ML, "128 1 2 2001:db8::15",
     "amt2.rare.example.\t3600 IN\tAMTRELAY 128 1 2 2001:db8::15"},
    {"amt2.rare.example.", 260, 3600, UNKNOWN, "128 1 2 2001:db8::15",
     "amt2.rare.example.\t3600\tCLASS1\tTYPE260\t\\# 18 808220010DB8000000000000000000000015"},
    {"amt3.rare.example.", 260, 3600, SPLIT56, "255 1 3 amtrelays.example.com.",
     "amt3.rare.example.\t3600\tIN\tAMTRELAY 255 1 3 amtrelays.example.com."},
    {"amt3.rare.example.", 260, 3600, ML, "255 1 3 amtrelays.example.com.",
     "amt3.rare.example.\t3600 IN\tAMTRELAY 255 1 3 amtrelays.example.com."},
    {"amt3.rare.example.", 260, 3600, UNKNOWN, "255 1 3 amtrelays.example.com.",
     "amt3.rare.example.\t3600\tCLASS1\tTYPE260\t\\# 25 FF8309616D7472656C617973076578616D706C6503636F6D00"},
    {"amt3r.rare.example.", 260, 3600, SPLIT56, "20 0 3 relay.rare.example.",
     "amt3r.rare.example.\t3600\tIN\tAMTRELAY 20 0 3 relay.rare.example."},
    {"amt3r.rare.example.", 260, 3600, ML, "20 0 3 relay.rare.example.",
     "amt3r.rare.example.\t3600 IN\tAMTRELAY 20 0 3 relay.rare.example."},
    {"amt3r.rare.example.", 260, 3600, UNKNOWN, "20 0 3 relay.rare.example.",
     "amt3r.rare.example.\t3600\tCLASS1\tTYPE260\t\\# 22 14030572656C61790472617265076578616D706C6500"},
    {"amt3r.rare.example.", 260, 3600, NOCRYPTO, "20 0 3 relay.rare.example.",
     "amt3r.rare.example.\t3600\tIN\tAMTRELAY 20 0 3 relay.rare.example."},
    {"amt3r.rare.example.", 260, 3600, RRC, "20 0 3 relay.rare.example.",
     "amt3r.rare.example.\t3600\tIN\tAMTRELAY 20 0 3 relay.rare.example."},
    {"amt3r.rare.example.", 260, 3600, ML_NOCRYPTO, "20 0 3 relay.rare.example.",
     "amt3r.rare.example.\t3600 IN\tAMTRELAY 20 0 3 relay.rare.example."},
    {"amt3r.rare.example.", 260, 3600, ML_NOCOMMENTS, "20 0 3 relay.rare.example.",
     "amt3r.rare.example.\t3600 IN\tAMTRELAY 20 0 3 relay.rare.example."},
    {"eidlong.rare.example.", 31, 3600, SPLIT56,
     "0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728",
     "eidlong.rare.example.\t3600\tIN\tEID\t0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C "
     "1D1E1F202122232425262728"},
    {"eidlong.rare.example.", 31, 3600, ML,
     "0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728",
     "eidlong.rare.example.\t3600 IN\tEID ( "
     "0102030405060708090A0B0C0D0E0F10111213141516\n\t\t\t\t1718191A1B1C1D1E1F202122232425262728 )"},
    {"eidlong.rare.example.", 31, 3600, UNKNOWN,
     "0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728",
     "eidlong.rare.example.\t3600\tCLASS1\tTYPE31\t\\# 40 "
     "0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C 1D1E1F202122232425262728"},
    {"eidlong.rare.example.", 31, 3600, NOCRYPTO,
     "0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728",
     "eidlong.rare.example.\t3600\tIN\tEID\t0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C "
     "1D1E1F202122232425262728"},
    {"eidlong.rare.example.", 31, 3600, RRC,
     "0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728",
     "eidlong.rare.example.\t3600\tIN\tEID\t0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C "
     "1D1E1F202122232425262728"},
    {"eidlong.rare.example.", 31, 3600, ML_NOCRYPTO,
     "0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728",
     "eidlong.rare.example.\t3600 IN\tEID ( "
     "0102030405060708090A0B0C0D0E0F10111213141516\n\t\t\t\t1718191A1B1C1D1E1F202122232425262728 )"},
    {"eidlong.rare.example.", 31, 3600, ML_NOCOMMENTS,
     "0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728",
     "eidlong.rare.example.\t3600 IN\tEID ( "
     "0102030405060708090A0B0C0D0E0F10111213141516\n\t\t\t\t1718191A1B1C1D1E1F202122232425262728 )"},
    {"wks0.rare.example.", 11, 3600, SPLIT56, "10.0.0.1 17",
     "wks0.rare.example.\t3600\tIN\tWKS\t10.0.0.1 17"},
    {"wks0.rare.example.", 11, 3600, ML, "10.0.0.1 17", "wks0.rare.example.\t3600 IN\tWKS 10.0.0.1 17"},
    {"wks0.rare.example.", 11, 3600, UNKNOWN, "10.0.0.1 17",
     "wks0.rare.example.\t3600\tCLASS1\tTYPE11\t\\# 5 0A00000111"},
    {"nsapdot.rare.example.", 22, 3600, SPLIT56, "0x47000580",
     "nsapdot.rare.example.\t3600\tIN\tNSAP\t0x47000580"},
    {"nsapdot.rare.example.", 22, 3600, ML, "0x47000580", "nsapdot.rare.example.\t3600 IN\tNSAP 0x47000580"},
    {"nsapdot.rare.example.", 22, 3600, UNKNOWN, "0x47000580",
     "nsapdot.rare.example.\t3600\tCLASS1\tTYPE22\t\\# 4 47000580"},
    {"l64z.rare.example.", 106, 3600, SPLIT56, "0 0:0:0:0", "l64z.rare.example.\t3600\tIN\tL64\t0 0:0:0:0"},
    {"l64z.rare.example.", 106, 3600, ML, "0 0:0:0:0", "l64z.rare.example.\t3600 IN\tL64 0 0:0:0:0"},
    {"l64z.rare.example.", 106, 3600, UNKNOWN, "0 0:0:0:0",
     "l64z.rare.example.\t3600\tCLASS1\tTYPE106\t\\# 10 00000000000000000000"},
    {"sink0.rare.example.", 40, 3600, SPLIT56, "255 255 255",
     "sink0.rare.example.\t3600\tIN\tSINK\t255 255 255"},
    {"sink0.rare.example.", 40, 3600, ML, "255 255 255", "sink0.rare.example.\t3600 IN\tSINK 255 255 255"},
    {"sink0.rare.example.", 40, 3600, UNKNOWN, "255 255 255",
     "sink0.rare.example.\t3600\tCLASS1\tTYPE40\t\\# 3 FFFFFF"},
    {"sink0.rare.example.", 40, 3600, NOCRYPTO, "255 255 255",
     "sink0.rare.example.\t3600\tIN\tSINK\t255 255 255"},
    {"sink0.rare.example.", 40, 3600, RRC, "255 255 255", "sink0.rare.example.\t3600\tIN\tSINK\t255 255 255"},
    {"sink0.rare.example.", 40, 3600, ML_NOCRYPTO, "255 255 255",
     "sink0.rare.example.\t3600 IN\tSINK 255 255 255"},
    {"sink0.rare.example.", 40, 3600, ML_NOCOMMENTS, "255 255 255",
     "sink0.rare.example.\t3600 IN\tSINK 255 255 255"},
    {"isdnempty.rare.example.", 20, 3600, SPLIT56, "\"\"", "isdnempty.rare.example.\t3600\tIN\tISDN\t\"\""},
    {"isdnempty.rare.example.", 20, 3600, ML, "\"\"", "isdnempty.rare.example.\t3600 IN\tISDN \"\""},
    {"isdnempty.rare.example.", 20, 3600, UNKNOWN, "\"\"",
     "isdnempty.rare.example.\t3600\tCLASS1\tTYPE20\t\\# 1 00"},
    {"sinklong.rare.example.", 40, 3600, SPLIT56,
     "1 2 3 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "sinklong.rare.example.\t3600\tIN\tSINK\t1 2 3 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQNRU3mG7TVT "
     "O2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"sinklong.rare.example.", 40, 3600, ML,
     "1 2 3 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "sinklong.rare.example.\t3600 IN\tSINK 1 2 3 "
     "(\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BS"
     "Gvgqt4\n\t\t\t\tAQ== )"},
    {"sinklong.rare.example.", 40, 3600, UNKNOWN,
     "1 2 3 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "sinklong.rare.example.\t3600\tCLASS1\tTYPE40\t\\# 70 "
     "010203010351537986ED35533B6064478EEEB27B5BD74DAE149B6E81 "
     "BA3A0521AF82AB78010351537986ED35533B6064478EEEB27B5BD74D AE149B6E81BA3A0521AF82AB7801"},
    {"sinklong.rare.example.", 40, 3600, NOCRYPTO,
     "1 2 3 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "sinklong.rare.example.\t3600\tIN\tSINK\t1 2 3 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQNRU3mG7TVT "
     "O2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"sinklong.rare.example.", 40, 3600, RRC,
     "1 2 3 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "sinklong.rare.example.\t3600\tIN\tSINK\t1 2 3 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQNRU3mG7TVT "
     "O2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {"sinklong.rare.example.", 40, 3600, ML_NOCRYPTO,
     "1 2 3 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "sinklong.rare.example.\t3600 IN\tSINK 1 2 3 "
     "(\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BS"
     "Gvgqt4\n\t\t\t\tAQ== )"},
    {"sinklong.rare.example.", 40, 3600, ML_NOCOMMENTS,
     "1 2 3 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "sinklong.rare.example.\t3600 IN\tSINK 1 2 3 "
     "(\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n\t\t\t\tAQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BS"
     "Gvgqt4\n\t\t\t\tAQ== )"},
    {"hip.rare.example.", 55, 3600, SPLIT56,
     "2 200100107B1A74DF365639CC39F1D578 "
     "AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+"
     "Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D",
     "hip.rare.example.\t3600\tIN\tHIP\t2 200100107B1A74DF365639CC39F1D578 "
     "AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+"
     "Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D"},
    {"hip.rare.example.", 55, 3600, ML,
     "2 200100107B1A74DF365639CC39F1D578 "
     "AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+"
     "Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D",
     "hip.rare.example.\t3600 IN\tHIP ( 2 "
     "200100107B1A74DF365639CC39F1D578\n\t\t\t\tAwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+"
     "CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+Upr1gsNrut79ryra+"
     "bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D )"},
    {"hip.rare.example.", 55, 3600, UNKNOWN,
     "2 200100107B1A74DF365639CC39F1D578 "
     "AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+"
     "Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D",
     "hip.rare.example.\t3600\tCLASS1\tTYPE55\t\\# 152 "
     "10020084200100107B1A74DF365639CC39F1D57803010001B771CA13 "
     "6E4AEB5CE44333C53B3D2C13C22243851FC708BCCE29F7E2EB5787B5 "
     "F56CCAD34F8223ACC10904DDB56B2EC4A6D6232F3B50EA094F0914B3 "
     "B941BBE529AF582C36BBADEFDAF2ADAF9B4911906F5B2522603C6152 "
     "72B880EC8FB930CC6EE39C444DAA75B1678F005A4B2499D1DA5433F8 05C7A5AD3237ACC5DD5C5E43"},
    {"hip1.rare.example.", 55, 3600, SPLIT56,
     "2 200100107B1A74DF365639CC39F1D578 "
     "AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+"
     "Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D "
     "rvs.example.com.",
     "hip1.rare.example.\t3600\tIN\tHIP\t2 200100107B1A74DF365639CC39F1D578 "
     "AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+"
     "Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D "
     "rvs.example.com."},
    {"hip1.rare.example.", 55, 3600, ML,
     "2 200100107B1A74DF365639CC39F1D578 "
     "AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+"
     "Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D "
     "rvs.example.com.",
     "hip1.rare.example.\t3600 IN\tHIP ( 2 "
     "200100107B1A74DF365639CC39F1D578\n\t\t\t\tAwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+"
     "CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+Upr1gsNrut79ryra+"
     "bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D\n\t\t\t\trvs.example.com. )"},
    {"hip1.rare.example.", 55, 3600, UNKNOWN,
     "2 200100107B1A74DF365639CC39F1D578 "
     "AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+"
     "Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D "
     "rvs.example.com.",
     "hip1.rare.example.\t3600\tCLASS1\tTYPE55\t\\# 169 "
     "10020084200100107B1A74DF365639CC39F1D57803010001B771CA13 "
     "6E4AEB5CE44333C53B3D2C13C22243851FC708BCCE29F7E2EB5787B5 "
     "F56CCAD34F8223ACC10904DDB56B2EC4A6D6232F3B50EA094F0914B3 "
     "B941BBE529AF582C36BBADEFDAF2ADAF9B4911906F5B2522603C6152 "
     "72B880EC8FB930CC6EE39C444DAA75B1678F005A4B2499D1DA5433F8 "
     "05C7A5AD3237ACC5DD5C5E4303727673076578616D706C6503636F6D 00"},
    {"hip1.rare.example.", 55, 3600, NOCRYPTO,
     "2 200100107B1A74DF365639CC39F1D578 "
     "AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+"
     "Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D "
     "rvs.example.com.",
     "hip1.rare.example.\t3600\tIN\tHIP\t2 200100107B1A74DF365639CC39F1D578 "
     "AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+"
     "Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D "
     "rvs.example.com."},
    {"hip1.rare.example.", 55, 3600, ML_NOCRYPTO,
     "2 200100107B1A74DF365639CC39F1D578 "
     "AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+"
     "Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D "
     "rvs.example.com.",
     "hip1.rare.example.\t3600 IN\tHIP ( 2 "
     "200100107B1A74DF365639CC39F1D578\n\t\t\t\tAwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+"
     "CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+Upr1gsNrut79ryra+"
     "bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D\n\t\t\t\trvs.example.com. )"},
    {"hip1.rare.example.", 55, 3600, ML_SPLIT16,
     "2 200100107B1A74DF365639CC39F1D578 "
     "AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+"
     "Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D "
     "rvs.example.com.",
     "hip1.rare.example.\t3600 IN\tHIP ( 2 "
     "200100107B1A74DF365639CC39F1D578\n\t\t\t\tAwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+"
     "CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+Upr1gsNrut79ryra+"
     "bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D\n\t\t\t\trvs.example.com. )"},
    {"hip2.rare.example.", 55, 3600, SPLIT56,
     "2 200100107B1A74DF365639CC39F1D578 "
     "AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+"
     "Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D "
     "rvs1.example.com. rvs2.rare.example.",
     "hip2.rare.example.\t3600\tIN\tHIP\t2 200100107B1A74DF365639CC39F1D578 "
     "AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+"
     "Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D "
     "rvs1.example.com. rvs2.rare.example."},
    {"hip2.rare.example.", 55, 3600, ML,
     "2 200100107B1A74DF365639CC39F1D578 "
     "AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+"
     "Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D "
     "rvs1.example.com. rvs2.rare.example.",
     "hip2.rare.example.\t3600 IN\tHIP ( 2 "
     "200100107B1A74DF365639CC39F1D578\n\t\t\t\tAwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+"
     "CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+Upr1gsNrut79ryra+"
     "bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D\n\t\t\t\trvs1.example.com."
     "\n\t\t\t\trvs2.rare.example. )"},
    {"hip2.rare.example.", 55, 3600, UNKNOWN,
     "2 200100107B1A74DF365639CC39F1D578 "
     "AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+"
     "Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D "
     "rvs1.example.com. rvs2.rare.example.",
     "hip2.rare.example.\t3600\tCLASS1\tTYPE55\t\\# 189 "
     "10020084200100107B1A74DF365639CC39F1D57803010001B771CA13 "
     "6E4AEB5CE44333C53B3D2C13C22243851FC708BCCE29F7E2EB5787B5 "
     "F56CCAD34F8223ACC10904DDB56B2EC4A6D6232F3B50EA094F0914B3 "
     "B941BBE529AF582C36BBADEFDAF2ADAF9B4911906F5B2522603C6152 "
     "72B880EC8FB930CC6EE39C444DAA75B1678F005A4B2499D1DA5433F8 "
     "05C7A5AD3237ACC5DD5C5E430472767331076578616D706C6503636F 6D0004727673320472617265076578616D706C6500"},
    {"hipshort.rare.example.", 55, 3600, SPLIT56,
     "1 00 AA==", "hipshort.rare.example.\t3600\tIN\tHIP\t1 00 AA=="},
    {"hipshort.rare.example.", 55, 3600, ML,
     "1 00 AA==", "hipshort.rare.example.\t3600 IN\tHIP ( 1 00\n\t\t\t\tAA== )"},
    {"hipshort.rare.example.", 55, 3600, UNKNOWN,
     "1 00 AA==", "hipshort.rare.example.\t3600\tCLASS1\tTYPE55\t\\# 6 010100010000"},
    {"hipshort.rare.example.", 55, 3600, NOCRYPTO,
     "1 00 AA==", "hipshort.rare.example.\t3600\tIN\tHIP\t1 00 AA=="},
    {"hipshort.rare.example.", 55, 3600, ML_NOCRYPTO,
     "1 00 AA==", "hipshort.rare.example.\t3600 IN\tHIP ( 1 00\n\t\t\t\tAA== )"},
    {"hipshort.rare.example.", 55, 3600, ML_SPLIT16,
     "1 00 AA==", "hipshort.rare.example.\t3600 IN\tHIP ( 1 00\n\t\t\t\tAA== )"},
    {"dlv.rare.example.", 32769, 3600, SPLIT56, "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118",
     "dlv.rare.example.\t3600\tIN\tDLV\t60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118"},
    {"dlv.rare.example.", 32769, 3600, ML, "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118",
     "dlv.rare.example.\t3600 IN\tDLV 60485 5 1 (\n\t\t\t\t2BB183AF5F22588179A53B0A98631FAD1A292118 )"},
    {"dlv.rare.example.", 32769, 3600, UNKNOWN, "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118",
     "dlv.rare.example.\t3600\tCLASS1\tTYPE32769 \\# 24 EC4505012BB183AF5F22588179A53B0A98631FAD1A292118"},
    {"dlv.rare.example.", 32769, 3600, NOCRYPTO, "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118",
     "dlv.rare.example.\t3600\tIN\tDLV\t60485 5 1 [omitted]"},
    {"dlv.rare.example.", 32769, 3600, ML_NOCRYPTO, "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118",
     "dlv.rare.example.\t3600 IN\tDLV 60485 5 1 (\n\t\t\t\t[omitted] )"},
    {"dlv.rare.example.", 32769, 3600, RRC, "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118",
     "dlv.rare.example.\t3600\tIN\tDLV\t60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118"},
    {"ta.rare.example.", 32768, 3600, SPLIT56, "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118",
     "ta.rare.example.\t3600\tIN\tTA\t60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118"},
    {"ta.rare.example.", 32768, 3600, ML, "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118",
     "ta.rare.example.\t3600 IN\tTA 60485 5 1 (\n\t\t\t\t2BB183AF5F22588179A53B0A98631FAD1A292118 )"},
    {"ta.rare.example.", 32768, 3600, UNKNOWN, "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118",
     "ta.rare.example.\t3600\tCLASS1\tTYPE32768 \\# 24 EC4505012BB183AF5F22588179A53B0A98631FAD1A292118"},
    {"ta.rare.example.", 32768, 3600, NOCRYPTO, "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118",
     "ta.rare.example.\t3600\tIN\tTA\t60485 5 1 [omitted]"},
    {"ta.rare.example.", 32768, 3600, ML_NOCRYPTO, "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118",
     "ta.rare.example.\t3600 IN\tTA 60485 5 1 (\n\t\t\t\t[omitted] )"},
    {"ta.rare.example.", 32768, 3600, RRC, "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118",
     "ta.rare.example.\t3600\tIN\tTA\t60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118"},
    {"nxt.rare.example.", 30, 3600, SPLIT56, "next.example. A NS SOA MX TXT AAAA",
     "nxt.rare.example.\t3600\tIN\tNXT\tnext.example. A NS SOA MX TXT AAAA"},
    {"nxt.rare.example.", 30, 3600, ML, "next.example. A NS SOA MX TXT AAAA",
     "nxt.rare.example.\t3600 IN\tNXT next.example. A NS SOA MX TXT AAAA"},
    {"nxt.rare.example.", 30, 3600, UNKNOWN, "next.example. A NS SOA MX TXT AAAA",
     "nxt.rare.example.\t3600\tCLASS1\tTYPE30\t\\# 18 046E657874076578616D706C650062018008"},
    {"nxt2.rare.example.", 30, 3600, SPLIT56, "next.example. NXT",
     "nxt2.rare.example.\t3600\tIN\tNXT\tnext.example. NXT"},
    {"nxt2.rare.example.", 30, 3600, ML, "next.example. NXT",
     "nxt2.rare.example.\t3600 IN\tNXT next.example. NXT"},
    {"nxt2.rare.example.", 30, 3600, UNKNOWN, "next.example. NXT",
     "nxt2.rare.example.\t3600\tCLASS1\tTYPE30\t\\# 18 046E657874076578616D706C650000000002"},
    {"a6.rare.example.", 38, 3600, SPLIT56, "0 2001:db8::1", "a6.rare.example.\t3600\tIN\tA6\t0 2001:db8::1"},
    {"a6.rare.example.", 38, 3600, ML, "0 2001:db8::1", "a6.rare.example.\t3600 IN\tA6 0 2001:db8::1"},
    {"a6.rare.example.", 38, 3600, UNKNOWN, "0 2001:db8::1",
     "a6.rare.example.\t3600\tCLASS1\tTYPE38\t\\# 17 0020010DB8000000000000000000000001"},
    {"a6b.rare.example.", 38, 3600, SPLIT56, "64 ::1234:5678:9abc:def0 a6-base.example.",
     "a6b.rare.example.\t3600\tIN\tA6\t64 ::1234:5678:9abc:def0 a6-base.example."},
    {"a6b.rare.example.", 38, 3600, ML, "64 ::1234:5678:9abc:def0 a6-base.example.",
     "a6b.rare.example.\t3600 IN\tA6 64 ::1234:5678:9abc:def0 a6-base.example."},
    {"a6b.rare.example.", 38, 3600, UNKNOWN, "64 ::1234:5678:9abc:def0 a6-base.example.",
     "a6b.rare.example.\t3600\tCLASS1\tTYPE38\t\\# 26 40123456789ABCDEF00761362D62617365076578616D706C6500"},
    {"a6c.rare.example.", 38, 3600, SPLIT56, "128  a6-base.example.",
     "a6c.rare.example.\t3600\tIN\tA6\t128  a6-base.example."},
    {"a6c.rare.example.", 38, 3600, ML, "128  a6-base.example.",
     "a6c.rare.example.\t3600 IN\tA6 128  a6-base.example."},
    {"a6c.rare.example.", 38, 3600, UNKNOWN, "128  a6-base.example.",
     "a6c.rare.example.\t3600\tCLASS1\tTYPE38\t\\# 18 800761362D62617365076578616D706C6500"},
    {"a6d.rare.example.", 38, 3600, SPLIT56, "65 ::1234:5678:9abc:def0 base.rare.example.",
     "a6d.rare.example.\t3600\tIN\tA6\t65 ::1234:5678:9abc:def0 base.rare.example."},
    {"a6d.rare.example.", 38, 3600, ML, "65 ::1234:5678:9abc:def0 base.rare.example.",
     "a6d.rare.example.\t3600 IN\tA6 65 ::1234:5678:9abc:def0 base.rare.example."},
    {"a6d.rare.example.", 38, 3600, UNKNOWN, "65 ::1234:5678:9abc:def0 base.rare.example.",
     "a6d.rare.example.\t3600\tCLASS1\tTYPE38\t\\# 28 "
     "41123456789ABCDEF004626173650472617265076578616D706C6500"},
    {"doa.rare.example.", 259, 3600, SPLIT56, "0 1 2 \"\" aHR0cHM6Ly93d3cuaXNjLm9yZy8=",
     "doa.rare.example.\t3600\tIN\tDOA\t0 1 2 \"\" aHR0cHM6Ly93d3cuaXNjLm9yZy8="},
    {"doa.rare.example.", 259, 3600, ML, "0 1 2 \"\" aHR0cHM6Ly93d3cuaXNjLm9yZy8=",
     "doa.rare.example.\t3600 IN\tDOA 0 1 2 \"\" aHR0cHM6Ly93d3cuaXNjLm9yZy8="},
    {"doa.rare.example.", 259, 3600, UNKNOWN, "0 1 2 \"\" aHR0cHM6Ly93d3cuaXNjLm9yZy8=",
     "doa.rare.example.\t3600\tCLASS1\tTYPE259\t\\# 30 "
     "0000000000000001020068747470733A2F2F7777772E6973632E6F72 672F"},
    {"doa.rare.example.", 259, 3600, NOCRYPTO, "0 1 2 \"\" aHR0cHM6Ly93d3cuaXNjLm9yZy8=",
     "doa.rare.example.\t3600\tIN\tDOA\t0 1 2 \"\" aHR0cHM6Ly93d3cuaXNjLm9yZy8="},
    {"doa.rare.example.", 259, 3600, ML_NOCRYPTO, "0 1 2 \"\" aHR0cHM6Ly93d3cuaXNjLm9yZy8=",
     "doa.rare.example.\t3600 IN\tDOA 0 1 2 \"\" aHR0cHM6Ly93d3cuaXNjLm9yZy8="},
    {"doa.rare.example.", 259, 3600, RRC, "0 1 2 \"\" aHR0cHM6Ly93d3cuaXNjLm9yZy8=",
     "doa.rare.example.\t3600\tIN\tDOA\t0 1 2 \"\" aHR0cHM6Ly93d3cuaXNjLm9yZy8="},
    {"doa2.rare.example.", 259, 3600, SPLIT56, "1234567 1 0 \"image/png\" -",
     "doa2.rare.example.\t3600\tIN\tDOA\t1234567 1 0 \"image/png\" -"},
    {"doa2.rare.example.", 259, 3600, ML, "1234567 1 0 \"image/png\" -",
     "doa2.rare.example.\t3600 IN\tDOA 1234567 1 0 \"image/png\" -"},
    {"doa2.rare.example.", 259, 3600, UNKNOWN, "1234567 1 0 \"image/png\" -",
     "doa2.rare.example.\t3600\tCLASS1\tTYPE259\t\\# 19 0012D687000000010009696D6167652F706E67"},
    {"atma.rare.example.", 34, 3600, SPLIT56, "+61200000000",
     "atma.rare.example.\t3600\tIN\tATMA\t+61200000000"},
    {"atma.rare.example.", 34, 3600, ML, "+61200000000", "atma.rare.example.\t3600 IN\tATMA +61200000000"},
    {"atma.rare.example.", 34, 3600, UNKNOWN, "+61200000000",
     "atma.rare.example.\t3600\tCLASS1\tTYPE34\t\\# 12 013631323030303030303030"},
    {"atma2.rare.example.", 34, 3600, SPLIT56, "1234567890abcdef",
     "atma2.rare.example.\t3600\tIN\tATMA\t1234567890abcdef"},
    {"atma2.rare.example.", 34, 3600, ML, "1234567890abcdef",
     "atma2.rare.example.\t3600 IN\tATMA 1234567890abcdef"},
    {"atma2.rare.example.", 34, 3600, UNKNOWN, "1234567890abcdef",
     "atma2.rare.example.\t3600\tCLASS1\tTYPE34\t\\# 9 001234567890ABCDEF"},
};

/* A message holding rr_text's record in its answer section (names compressed by the writer, as q53d's). */
static size_t msg_with(uint8_t *m, size_t cap, const char *owner, uint16_t type, uint32_t ttl,
		       const char *text)
{
	uint8_t rd[1024], n[Q53_NAME_MAX];
	size_t err = 0;
	int len = q53_rdata_from_text(type, text, strlen(text), NULL, rd, sizeof rd, &err);
	assert_true(len >= 0);
	q53_writer_t w;
	q53_writer_init(&w, m, cap, 1, Q53_FLAG_QR | Q53_FLAG_AA);
	assert_int_equal(
	    q53_writer_rr(&w, Q53_SEC_ANSWER, wname(owner, n), type, Q53_CLASS_IN, ttl, rd, (size_t)len), 0);
	return finish(&w);
}

/* Every case as a record line (q53_rr_to_text()) and in a message (q53_msg_to_text()). */
static void test_print_display_like_dig(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof display_cases / sizeof display_cases[0]; i++) {
		const struct display_case *c = &display_cases[i];
		uint8_t m[1024];
		size_t len = msg_with(m, sizeof m, c->owner, c->type, c->ttl, c->rdata);
		q53_reader_t r;
		q53_rr_t rr;
		assert_int_equal(q53_reader_init(&r, m, len), 0);
		assert_int_equal(q53_reader_next(&r, &rr), 1);
		int n = q53_rr_to_text(&rr, style(c->flags), out, sizeof out);
		if (strcmp(out, c->want) != 0)
			print_message("case %zu (%s)\n", i, c->owner);
		assert_string_equal(out, c->want);
		assert_int_equal(n, (int)strlen(c->want));
		char line[4096];
		snprintf(line, sizeof line, "%s\n", c->want);
		text_is(m, len, c->flags | Q53_STYLE_NO_COMMENTS, line);
	}
}

/* The columns close up without TTL or class and under +multiline; +ttlunits. From dig 9.18 (+nocomments
 * +noauthority for the question, +noall +answer for the records), q53d serving the records. */
static void test_print_display_columns(void **state)
{
	(void)state;
	static const uint32_t ttls[] = {0, 59, 604800, 694861, 2147483647};
	static const struct {
		unsigned flags;
		const char *want;
	} cases[] = {
	    {0, ";example.org.\t\t\tIN\tMX\n"
		"a.example.org.\t\t0\tIN\tA\t192.0.2.1\n"
		"b.example.org.\t\t59\tIN\tA\t192.0.2.1\n"
		"c.example.org.\t\t604800\tIN\tA\t192.0.2.1\n"
		"d.example.org.\t\t694861\tIN\tA\t192.0.2.1\n"
		"e.example.org.\t\t2147483647 IN\tA\t192.0.2.1\n"},
	    {Q53_STYLE_NO_TTL, ";example.org.\t\tIN\tMX\n"
			       "a.example.org.\t\tIN\tA\t192.0.2.1\n"
			       "b.example.org.\t\tIN\tA\t192.0.2.1\n"
			       "c.example.org.\t\tIN\tA\t192.0.2.1\n"
			       "d.example.org.\t\tIN\tA\t192.0.2.1\n"
			       "e.example.org.\t\tIN\tA\t192.0.2.1\n"},
	    /* The question keeps its class. */
	    {Q53_STYLE_NO_CLASS, ";example.org.\t\tIN\tMX\n"
				 "a.example.org.\t\t0\tA\t192.0.2.1\n"
				 "b.example.org.\t\t59\tA\t192.0.2.1\n"
				 "c.example.org.\t\t604800\tA\t192.0.2.1\n"
				 "d.example.org.\t\t694861\tA\t192.0.2.1\n"
				 "e.example.org.\t\t2147483647 A\t192.0.2.1\n"},
	    {Q53_STYLE_NO_TTL | Q53_STYLE_NO_CLASS, ";example.org.\t\tIN MX\n"
						    "a.example.org.\t\tA\t192.0.2.1\n"
						    "b.example.org.\t\tA\t192.0.2.1\n"
						    "c.example.org.\t\tA\t192.0.2.1\n"
						    "d.example.org.\t\tA\t192.0.2.1\n"
						    "e.example.org.\t\tA\t192.0.2.1\n"},
	    {Q53_STYLE_TTL_UNITS, ";example.org.\t\t\tIN\tMX\n"
				  "a.example.org.\t\t0s\tIN\tA\t192.0.2.1\n"
				  "b.example.org.\t\t59s\tIN\tA\t192.0.2.1\n"
				  "c.example.org.\t\t1w\tIN\tA\t192.0.2.1\n"
				  "d.example.org.\t\t1w1d1h1m1s IN\tA\t192.0.2.1\n"
				  "e.example.org.\t\t3550w5d3h14m7s IN A\t192.0.2.1\n"},
	    {Q53_STYLE_MULTILINE, ";example.org.\t\tIN MX\n"
				  "a.example.org.\t\t0 IN A\t192.0.2.1\n"
				  "b.example.org.\t\t59 IN A\t192.0.2.1\n"
				  "c.example.org.\t\t604800 IN A 192.0.2.1\n"
				  "d.example.org.\t\t694861 IN A 192.0.2.1\n"
				  "e.example.org.\t\t2147483647 IN A\t192.0.2.1\n"},
	};
	uint8_t m[512];
	q53_writer_t w;
	q53_writer_init(&w, m, sizeof m, 1, Q53_FLAG_QR | Q53_FLAG_AA);
	question(&w, "example.org.", Q53_TYPE_MX);
	for (unsigned i = 0; i < 5; i++) {
		char owner[32];
		snprintf(owner, sizeof owner, "%c.example.org.", 'a' + i);
		rec_a(&w, Q53_SEC_ANSWER, owner, ttls[i], 192, 0, 2, 1);
	}
	size_t len = finish(&w);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		text_is(m, len, cases[i].flags | Q53_STYLE_NO_COMMENTS, cases[i].want);
	/* Whole messages keep their header, OPT and titles (dig +nocookie +norec): only the lines change. */
	len = msg_simple(m, sizeof m);
	text_is(m, len, Q53_STYLE_NO_TTL | Q53_STYLE_NO_CLASS | Q53_STYLE_MULTILINE,
		";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4660\n"
		";; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n"
		";; WARNING: recursion requested but not available\n"
		"\n"
		";; OPT PSEUDOSECTION:\n"
		"; EDNS: version: 0, flags: do; udp: 1232\n"
		"; NSID: 6e 73 31 (\"ns1\")\n"
		"; COOKIE: 0102030405060708\n"
		";; QUESTION SECTION:\n"
		";example.com.\t\tIN A\n"
		"\n"
		";; ANSWER SECTION:\n"
		"example.com.\t\tA\t192.0.2.1\n"
		"\n");
}

/* The reply to example.org SOA with a TSIG whose RDATA is tsig (RFC 3597 text), as q53d answered dig -y. */
static size_t msg_soa_tsig(uint8_t *m, size_t cap, const char *tsig)
{
	static const char soa[] = "ns1.example.org. host.master.example.org. 1 90061 0 604800 1";
	uint8_t rd[128], n[Q53_NAME_MAX];
	q53_writer_t w;
	q53_writer_init(&w, m, cap, 1, Q53_FLAG_QR | Q53_FLAG_AA);
	question(&w, "example.org.", Q53_TYPE_SOA);
	int rdlen = q53_rdata_from_text(Q53_TYPE_SOA, soa, strlen(soa), NULL, rd, sizeof rd, NULL);
	assert_true(rdlen > 0);
	assert_int_equal(q53_writer_rr(&w, Q53_SEC_ANSWER, wname("example.org.", n), Q53_TYPE_SOA,
				       Q53_CLASS_IN, 90061, rd, (size_t)rdlen),
			 0);
	rdlen = q53_rdata_from_text(Q53_TYPE_TSIG, tsig, strlen(tsig), NULL, rd, sizeof rd, NULL);
	assert_int_equal(rdlen, 61);
	record_any(&w, "tkey.", Q53_TYPE_TSIG, rd, (size_t)rdlen);
	return finish(&w);
}

/*
 * +unknownformat: class, type and RDATA in the RFC 3597 forms, names uncompressed (RFC 3597 4), in the
 * question and the TSIG pseudo-section too. dig 9.18 -y ... +unknownformat against q53d, verbatim.
 */
static void test_print_display_unknown_format(void **state)
{
	(void)state;
	uint8_t m[1024];
	size_t len =
	    msg_soa_tsig(m, sizeof m,
			 "\\# 61 0B686D61632D7368613235360000006B09B8EC012C0020AA1825C1D7B3970145C22AB5"
			 "E86889814C1D7A5FF9DBD32C0E76B42E36EB460ABB3A00000000");
	text_is(
	    m, len, UNKNOWN,
	    ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n"
	    ";; flags: qr aa; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n"
	    "\n"
	    ";; QUESTION SECTION:\n"
	    ";example.org.\t\t\tCLASS1\tTYPE6\n"
	    "\n"
	    ";; ANSWER SECTION:\n"
	    "example.org.\t\t90061\tCLASS1\tTYPE6\t\\# 62 "
	    "036E7331076578616D706C65036F72670004686F7374066D61737465 "
	    "72076578616D706C65036F7267000000000100015FCD000000000009 3A8000000001\n"
	    "\n"
	    ";; TSIG PSEUDOSECTION:\n"
	    "tkey.\t\t\t0\tCLASS255 TYPE250 \\# 61 0B686D61632D7368613235360000006B09B8EC012C0020AA1825C1D7 "
	    "B3970145C22AB5E86889814C1D7A5FF9DBD32C0E76B42E36EB460ABB 3A00000000\n"
	    "\n");
	/* dig +short +unknownformat, with or without +multiline (whose width of 44 is not +short's). */
	static const char short_soa[] =
	    "\\# 62 036E7331076578616D706C65036F72670004686F7374066D61737465 "
	    "72076578616D706C65036F7267000000000100015FCD000000000009 3A8000000001\n";
	text_is(m, len, UNKNOWN | Q53_STYLE_SHORT, short_soa);
	text_is(m, len, UNKNOWN | Q53_STYLE_MULTILINE | Q53_STYLE_SHORT, short_soa);
	len =
	    msg_soa_tsig(m, sizeof m,
			 "\\# 61 0B686D61632D7368613235360000006B09BBC9012C002078DA5AEC046C3130E2F8907F4085F6"
			 "1FCD5F9419724F2B6106A0D87CCE8BC347E3A200000000");
	text_is(m, len, ML_UNKNOWN | Q53_STYLE_NO_COMMENTS,
		";example.org.\t\tCLASS1 TYPE6\n"
		"example.org.\t\t90061 CLASS1 TYPE6 \\# 62 ( 036E7331076578616D706C65036F72670004686F7374\n"
		"\t\t\t\t066D6173746572076578616D706C65036F7267000000\n"
		"\t\t\t\t000100015FCD0000000000093A8000000001 )\n"
		"tkey.\t\t\t0 CLASS255 TYPE250 \\# 61 ( 0B686D61632D7368613235360000006B09BBC9012C00\n"
		"\t\t\t\t2078DA5AEC046C3130E2F8907F4085F61FCD5F941972\n"
		"\t\t\t\t4F2B6106A0D87CCE8BC347E3A200000000 )\n");
}

/* TSIG's MAC under +multiline (dig 9.18 -y ... +multiline against q53d, verbatim). */
static void test_print_display_tsig_multiline(void **state)
{
	(void)state;
	uint8_t m[1024];
	size_t len =
	    msg_soa_tsig(m, sizeof m,
			 "\\# 61 0B686D61632D7368613235360000006B09B8EC012C00204440FB1097630E3FD258173A20"
			 "F91649D533F18DA39E614F031C91958565F72937E000000000");
	unsigned tsig_only = Q53_STYLE_NO_COMMENTS | Q53_STYLE_NO_QUESTION | Q53_STYLE_NO_ANSWER;
	text_is(m, len, ML | tsig_only,
		"tkey.\t\t\t0 ANY TSIG hmac-sha256. 1795799276 300 32 (\n"
		"\t\t\t\tRED7EJdjDj/SWBc6IPkWSdUz8Y2jnmFPAxyRlYVl9yk= ) 14304 NOERROR 0 \n");
	/* +nottlid +noclass, and +nocrypto, which leaves the MAC alone. */
	text_is(m, len, SPLIT56 | Q53_STYLE_NO_TTL | Q53_STYLE_NO_CLASS | Q53_STYLE_NO_CRYPTO | tsig_only,
		"tkey.\t\t\tTSIG\thmac-sha256. 1795799276 300 32 "
		"RED7EJdjDj/SWBc6IPkWSdUz8Y2jnmFPAxyRlYVl9yk= 14304 "
		"NOERROR 0 \n");
}

/*
 * dig +short: never over several lines (+multiline changes nothing), comments only when +rrcomments is
 * given, +nocrypto's forms. Verbatim dig 9.18 +short output; q53_rdata_to_text() gives the same lines.
 */
static void test_print_display_short(void **state)
{
	(void)state;
	static const char key[] =
	    "257 3 13 "
	    "mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==";
	static const struct {
		unsigned flags;
		const char *want;
	} cases[] = {
	    {SPLIT56 | Q53_STYLE_MULTILINE,
	     "257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+ "
	     "KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==\n"
	     "ns1.example.org. host.master.example.org. 1 90061 0 604800 1\n"},
	    {RRC, "257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+ "
		  "KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==  ; "
		  "KSK; alg = ECDSAP256SHA256 ; key id = 2371\n"
		  "ns1.example.org. host.master.example.org. 1 90061 0 604800 1\n"},
	    {RRC | Q53_STYLE_MULTILINE, "257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+ "
					"KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==  ; "
					"KSK; alg = ECDSAP256SHA256 ; key id = 2371\n"
					"ns1.example.org. host.master.example.org. 1 90061 0 604800 1\n"},
	    {NOCRYPTO,
	     "257 3 13 [key id = 2371]\nns1.example.org. host.master.example.org. 1 90061 0 604800 1\n"},
	    {NOCRYPTO | Q53_STYLE_MULTILINE,
	     "257 3 13 [key id = 2371]\nns1.example.org. host.master.example.org. 1 90061 0 604800 1\n"},
	};
	uint8_t m[512], rd[256], n[Q53_NAME_MAX];
	q53_writer_t w;
	q53_writer_init(&w, m, sizeof m, 1, Q53_FLAG_QR | Q53_FLAG_AA);
	int rdlen = q53_rdata_from_text(60, key, strlen(key), NULL, rd, sizeof rd, NULL);
	assert_true(rdlen > 0);
	assert_int_equal(q53_writer_rr(&w, Q53_SEC_ANSWER, wname("cdnskey.example.org.", n), 60, Q53_CLASS_IN,
				       90061, rd, (size_t)rdlen),
			 0);
	const char *soa = "ns1.example.org. host.master.example.org. 1 90061 0 604800 1";
	rdlen = q53_rdata_from_text(Q53_TYPE_SOA, soa, strlen(soa), NULL, rd, sizeof rd, NULL);
	assert_int_equal(q53_writer_rr(&w, Q53_SEC_ANSWER, wname("example.org.", n), Q53_TYPE_SOA,
				       Q53_CLASS_IN, 90061, rd, (size_t)rdlen),
			 0);
	size_t len = finish(&w);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		text_is(m, len, cases[i].flags | Q53_STYLE_SHORT, cases[i].want);
		/* q53_rdata_to_text(), record by record, is the same text. */
		q53_reader_t r;
		q53_rr_t rr;
		char all[1024];
		size_t at = 0;
		assert_int_equal(q53_reader_init(&r, m, len), 0);
		while (q53_reader_next(&r, &rr) > 0) {
			int k = q53_rdata_to_text(&rr, style(cases[i].flags), all + at, sizeof all - at);
			assert_true(k > 0 && (size_t)k < sizeof all - at - 1);
			at += (size_t)k;
			all[at++] = '\n';
			all[at] = '\0';
		}
		assert_string_equal(all, cases[i].want);
	}
}

/*
 * A record view has no owner: its line starts at the first field left, where the TTL would start. Not
 * dig's (dig always has an owner); the columns are its.
 */
static void test_print_display_view_without_owner(void **state)
{
	(void)state;
	static const uint8_t a[4] = {192, 0, 2, 1};
	q53_rr_t rr;
	q53_rr_view(&rr, Q53_TYPE_A, a, sizeof a);
	rr.ttl = 3600;
	q53_rr_to_text(&rr, style(Q53_STYLE_NO_TTL), out, sizeof out);
	assert_string_equal(out, "IN\tA\t192.0.2.1");
	q53_rr_to_text(&rr, style(Q53_STYLE_NO_CLASS), out, sizeof out);
	assert_string_equal(out, "3600\tA\t192.0.2.1");
	q53_rr_to_text(&rr, style(Q53_STYLE_NO_TTL | Q53_STYLE_NO_CLASS), out, sizeof out);
	assert_string_equal(out, "A\t192.0.2.1");
	q53_rr_to_text(&rr, style(Q53_STYLE_MULTILINE | Q53_STYLE_TTL_UNITS), out, sizeof out);
	assert_string_equal(out, "1h IN A\t192.0.2.1");
	q53_rr_to_text(&rr, style(Q53_STYLE_UNKNOWN_FORMAT), out, sizeof out);
	assert_string_equal(out, "3600\tCLASS1\tTYPE1\t\\# 4 C0000201");
	/* A question view still has its class at the class column. */
	rr.section = Q53_SEC_QUESTION;
	q53_rr_to_text(&rr, style(Q53_STYLE_NO_CLASS), out, sizeof out);
	assert_string_equal(out, "IN\tA");
	q53_rr_to_text(&rr, NULL, out, sizeof out);
	assert_string_equal(out, "\tIN\tA");
}

/* The display bits leave JSON (RFC 8427) as it is, and keep the snprintf contract. */
static void test_print_display_json_and_contract(void **state)
{
	(void)state;
	static const unsigned bits[] = {
	    ML_BARE,   ML_NOCRYPTO, NOCRYPTO_RRC, ML_UNKNOWN, Q53_STYLE_TTL_UNITS | Q53_STYLE_NO_CLASS,
	    ML_SPLIT16};
	uint8_t m[1024];
	q53_writer_t w;
	q53_writer_init(&w, m, sizeof m, 1, Q53_FLAG_QR | Q53_FLAG_AA);
	question(&w, "example.com.", Q53_TYPE_ANY);
	/* The records of the first cases of a few types above: SOA, DNSKEY, RRSIG, DS, NSEC3, MX, opaque. */
	static const uint16_t types[] = {Q53_TYPE_SOA,	 Q53_TYPE_DNSKEY, Q53_TYPE_RRSIG, Q53_TYPE_DS,
					 Q53_TYPE_NSEC3, Q53_TYPE_MX,	  65281};
	uint8_t n[Q53_NAME_MAX], rd[1024];
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		const struct display_case *c = display_cases;
		while (c->type != types[i]) {
			c++;
			assert_true(c < display_cases + sizeof display_cases / sizeof display_cases[0]);
		}
		int len = q53_rdata_from_text(c->type, c->rdata, strlen(c->rdata), NULL, rd, sizeof rd, NULL);
		assert_true(len >= 0);
		assert_int_equal(q53_writer_rr(&w, Q53_SEC_ANSWER, wname(c->owner, n), c->type, Q53_CLASS_IN,
					       c->ttl, rd, (size_t)len),
				 0);
	}
	size_t len = finish(&w);
	static char plain[65536];
	assert_true(q53_msg_to_json(m, len, NULL, plain, sizeof plain) > 0);
	for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++) {
		assert_true(q53_msg_to_json(m, len, style(bits[i]), out, sizeof out) > 0);
		assert_string_equal(out, plain);
		contract_holds(q53_msg_to_text, m, len, style(bits[i]));
		contract_holds(q53_msg_to_text, m, len, style(bits[i] | Q53_STYLE_SHORT));
	}
}

/* ---- Name hook --------------------------------------------------------------------------------------- */

typedef struct hook_state {
	int calls;
	int fail_at; /* the call that fails with Q53_EIDNA, 0: never */
} hook_state;

/* Shows every name as "<name>" and counts the calls. */
static int angle_hook(const uint8_t *name, char *buf, size_t size, void *ctx)
{
	hook_state *h = ctx;
	char t[Q53_NAME_TEXT_MAX];
	if (++h->calls == h->fail_at)
		return Q53_EIDNA;
	q53_name_to_text(name, t, sizeof t);
	return snprintf(buf, size, "<%s>", t);
}

static void test_print_name_hook(void **state)
{
	(void)state;
	uint8_t m[512];
	q53_writer_t w;
	hook_state h = {0, 0};
	q53_style_t st = {0, angle_hook, &h};
	bld r = {{0}, 0};
	q53_writer_init(&w, m, sizeof m, 5, Q53_FLAG_QR);
	question(&w, "example.com.", Q53_TYPE_MX);
	b_u16(&r, 10);
	b_name(&r, "mail.example.com.");
	record(&w, Q53_SEC_ANSWER, "example.com.", Q53_TYPE_MX, 60, &r);
	size_t len = finish(&w);
	assert_int_equal(q53_msg_to_text(m, len, &st, out, sizeof out) > 0, 1);
	assert_string_equal(out,
			    ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 5\n"
			    ";; flags: qr; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0\n\n"
			    ";; QUESTION SECTION:\n;<example.com.>\t\t\tIN\tMX\n\n"
			    ";; ANSWER SECTION:\n<example.com.>\t\t60\tIN\tMX\t10 <mail.example.com.>\n\n");
	assert_int_equal(h.calls, 3);
	st.flags = Q53_STYLE_SHORT;
	q53_msg_to_text(m, len, &st, out, sizeof out);
	assert_string_equal(out, "10 <mail.example.com.>\n");
	st.flags = Q53_STYLE_JSON_COMPACT;
	q53_msg_to_json(m, len, &st, out, sizeof out);
	assert_non_null(strstr(out, "\"QNAME\":\"<example.com.>\""));
	assert_non_null(strstr(out, "\"NAME\":\"<example.com.>\""));
	assert_non_null(strstr(out, "\"rdataMX\":\"10 <mail.example.com.>\""));
	/* The snprintf contract holds through the hook too. */
	st.flags = 0;
	contract_holds(q53_msg_to_text, m, len, &st);
	/* A failing hook stops the output with its error, after what came before. */
	h.calls = 0;
	h.fail_at = 2;
	assert_int_equal(q53_msg_to_text(m, len, &st, out, sizeof out), Q53_EIDNA);
	assert_string_equal(out, ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 5\n"
				 ";; flags: qr; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0\n\n"
				 ";; QUESTION SECTION:\n;<example.com.>\t\t\tIN\tMX\n\n"
				 ";; ANSWER SECTION:\n");
}

/* ---- Errors and the snprintf contract ---------------------------------------------------------------- */

static void test_print_truncated_message_returns_reader_error(void **state)
{
	(void)state;
	uint8_t m[512];
	size_t len = msg_simple(m, sizeof m);
	/* Cut inside the answer's RDATA (octets 41..44): the OPT record is never reached, so no
	 * pseudo-section. */
	assert_int_equal(q53_msg_to_text(m, 43, NULL, out, sizeof out), Q53_ETRUNCATED);
	assert_string_equal(out, ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4660\n"
				 ";; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n"
				 ";; WARNING: recursion requested but not available\n\n"
				 ";; QUESTION SECTION:\n;example.com.\t\t\tIN\tA\n");
	/* Cut right after the question: the counts promise records that are not there. */
	assert_int_equal(q53_msg_to_text(m, 12 + 17, NULL, out, sizeof out), Q53_ECOUNT);
	assert_string_equal(out, ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4660\n"
				 ";; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n"
				 ";; WARNING: recursion requested but not available\n\n"
				 ";; QUESTION SECTION:\n;example.com.\t\t\tIN\tA\n");
	assert_int_equal(q53_msg_to_text(m, 12 + 17, style(Q53_STYLE_SHORT), out, sizeof out), Q53_ECOUNT);
	assert_string_equal(out, "");
	assert_int_equal(q53_msg_to_json(m, 12 + 17, NULL, out, sizeof out), Q53_ECOUNT);
	assert_non_null(strstr(out, "\"QNAME\": \"example.com.\""));
	assert_false(json_valid(out, strlen(out)));
	/* Shorter than a header. */
	memset(out, 'X', 8);
	assert_int_equal(q53_msg_to_text(m, 11, NULL, out, sizeof out), Q53_ETRUNCATED);
	assert_string_equal(out, "");
	assert_int_equal(q53_msg_to_json(m, 11, NULL, out, sizeof out), Q53_ETRUNCATED);
	assert_string_equal(out, "");
	/* Arguments. */
	assert_int_equal(q53_msg_to_text(NULL, 12, NULL, out, sizeof out), Q53_EINVAL);
	assert_int_equal(q53_msg_to_text(m, len, NULL, NULL, 10), Q53_EINVAL);
	assert_int_equal(q53_msg_to_json(NULL, 12, NULL, out, sizeof out), Q53_EINVAL);
	assert_int_equal(q53_msg_to_json(m, len, NULL, NULL, 10), Q53_EINVAL);
}

static void test_print_bad_pointer_returns_reader_error(void **state)
{
	(void)state;
	/* One answer whose owner is a pointer forward to itself (RFC 1035 4.1.4: only prior occurrences). */
	static const uint8_t m[] = {0, 1, 0x80, 0, 0, 0, 0, 1, 0, 0, 0,	  0, 0xC0, 12,
				    0, 1, 0,	1, 0, 0, 0, 0, 0, 4, 192, 0, 2,	   1};
	assert_int_equal(q53_msg_to_text(m, sizeof m, NULL, out, sizeof out), Q53_EPOINTER);
	assert_string_equal(out, ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n"
				 ";; flags: qr; QUERY: 0, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0\n\n");
	assert_int_equal(q53_msg_to_json(m, sizeof m, NULL, out, sizeof out), Q53_EPOINTER);
}

static void test_print_text_snprintf_contract(void **state)
{
	(void)state;
	uint8_t m[1024];
	size_t len = msg_simple(m, sizeof m);
	contract_holds(q53_msg_to_text, m, len, NULL);
	len = msg_full(m, sizeof m);
	contract_holds(q53_msg_to_text, m, len, NULL);
	contract_holds(q53_msg_to_text, m, len, style(Q53_STYLE_SHORT));
	contract_holds(q53_msg_to_text, m, len, style(Q53_STYLE_NO_COMMENTS));
}

/* ---- JSON -------------------------------------------------------------------------------------------- */

static void test_print_json_query_pretty(void **state)
{
	(void)state;
	uint8_t m[512];
	q53_writer_t w;
	q53_writer_init(&w, m, sizeof m, 1, Q53_FLAG_RD);
	question(&w, "example.com.", Q53_TYPE_A);
	size_t len = finish(&w);
	static const char want[] = "{\n"
				   "  \"ID\": 1,\n"
				   "  \"QR\": false,\n"
				   "  \"Opcode\": 0,\n"
				   "  \"AA\": false,\n"
				   "  \"TC\": false,\n"
				   "  \"RD\": true,\n"
				   "  \"RA\": false,\n"
				   "  \"AD\": false,\n"
				   "  \"CD\": false,\n"
				   "  \"RCODE\": 0,\n"
				   "  \"QDCOUNT\": 1,\n"
				   "  \"ANCOUNT\": 0,\n"
				   "  \"NSCOUNT\": 0,\n"
				   "  \"ARCOUNT\": 0,\n"
				   "  \"QNAME\": \"example.com.\",\n"
				   "  \"QTYPE\": 1,\n"
				   "  \"QTYPEname\": \"A\",\n"
				   "  \"QCLASS\": 1,\n"
				   "  \"QCLASSname\": \"IN\",\n"
				   "  \"questionRRs\": [\n"
				   "    {\n"
				   "      \"NAME\": \"example.com.\",\n"
				   "      \"TYPE\": 1,\n"
				   "      \"TYPEname\": \"A\",\n"
				   "      \"CLASS\": 1,\n"
				   "      \"CLASSname\": \"IN\"\n"
				   "    }\n"
				   "  ],\n"
				   "  \"answerRRs\": [],\n"
				   "  \"authorityRRs\": [],\n"
				   "  \"additionalRRs\": []\n"
				   "}\n";
	assert_int_equal(q53_msg_to_json(m, len, NULL, out, sizeof out), (int)strlen(want));
	assert_string_equal(out, want);
	assert_true(json_valid(out, strlen(out)));
}

static void test_print_json_compact_members(void **state)
{
	(void)state;
	uint8_t m[512];
	size_t len = msg_simple(m, sizeof m);
	static const char want[] =
	    "{\"ID\":4660,\"QR\":true,\"Opcode\":0,\"AA\":true,\"TC\":false,\"RD\":true,\"RA\":false,\"AD\":"
	    "false,"
	    "\"CD\":false,\"RCODE\":0,\"QDCOUNT\":1,\"ANCOUNT\":1,\"NSCOUNT\":0,\"ARCOUNT\":1,"
	    "\"QNAME\":\"example.com.\",\"QTYPE\":1,\"QTYPEname\":\"A\",\"QCLASS\":1,\"QCLASSname\":\"IN\","
	    "\"questionRRs\":[{\"NAME\":\"example.com.\",\"TYPE\":1,\"TYPEname\":\"A\",\"CLASS\":1,"
	    "\"CLASSname\":\"IN\"}],"
	    "\"answerRRs\":[{\"NAME\":\"example.com.\",\"TYPE\":1,\"TYPEname\":\"A\",\"CLASS\":1,"
	    "\"CLASSname\":\"IN\","
	    "\"TTL\":3600,\"RDLENGTH\":4,\"RDATAHEX\":\"C0000201\",\"rdataA\":\"192.0.2.1\"}],"
	    "\"authorityRRs\":[],"
	    "\"additionalRRs\":[{\"NAME\":\".\",\"TYPE\":41,\"TYPEname\":\"OPT\",\"CLASS\":1232,"
	    "\"CLASSname\":\"CLASS1232\",\"TTL\":32768,\"RDLENGTH\":19,"
	    "\"RDATAHEX\":\"000300036E7331000A00080102030405060708\"}]}\n";
	assert_int_equal(q53_msg_to_json(m, len, style(Q53_STYLE_JSON_COMPACT), out, sizeof out),
			 (int)strlen(want));
	assert_string_equal(out, want);
	assert_true(json_valid(out, strlen(out)));
}

static void test_print_json_every_type(void **state)
{
	(void)state;
	uint8_t m[1024];
	static char pretty[65536], squeezed[65536];
	size_t len = msg_full(m, sizeof m);
	int n = q53_msg_to_json(m, len, NULL, pretty, sizeof pretty);
	assert_true(n > 0);
	assert_true(json_valid(pretty, (size_t)n));
	n = q53_msg_to_json(m, len, style(Q53_STYLE_JSON_COMPACT), out, sizeof out);
	assert_true(json_valid(out, (size_t)n));
	/* One line, and the same document as the pretty form. */
	assert_ptr_equal(strchr(out, '\n'), out + n - 1);
	json_squeeze(pretty, squeezed);
	out[n - 1] = '\0';
	assert_string_equal(squeezed, out);
	/* RFC 8427 2.3 members for the listed types, their presentation form JSON-escaped. */
	assert_non_null(strstr(out, "\"RCODE\":0,"));
	assert_non_null(strstr(out, "\"QTYPE\":255,\"QTYPEname\":\"ANY\""));
	assert_non_null(strstr(out, "\"rdataNS\":\"ns1.example.com.\""));
	assert_non_null(strstr(out, "\"rdataNS\":\"ns2.example.com.\""));
	assert_non_null(strstr(out, "\"RDLENGTH\":9,\"RDATAHEX\":\"000A046D61696CC00C\","
				    "\"rdataMX\":\"10 mail.example.com.\""));
	assert_non_null(
	    strstr(out, "\"rdataTXT\":\"\\\"v=spf1 -all\\\" \\\"say \\\\\\\"hi\\\\\\\"\\\\\\\\\\\"\""));
	assert_non_null(strstr(out, "\"rdataAAAA\":\"2001:db8::1\""));
	assert_non_null(strstr(out, "\"rdataSRV\":\"10 60 5060 sip.example.com.\""));
	assert_non_null(strstr(out,
			       "\"NAME\":\"www.example.com.\",\"TYPE\":5,\"TYPEname\":\"CNAME\",\"CLASS\":1,"
			       "\"CLASSname\":\"IN\",\"TTL\":300,\"RDLENGTH\":2,\"RDATAHEX\":\"C00C\","
			       "\"rdataCNAME\":\"example.com.\"}"));
	assert_non_null(strstr(out, "\"rdataA\":\"192.0.2.53\""));
	/* SOA and CAA are not in the RFC's list; an unknown type only has its hex. */
	assert_null(strstr(out, "rdataSOA"));
	assert_null(strstr(out, "rdataCAA"));
	assert_non_null(strstr(out, "\"TYPE\":6,\"TYPEname\":\"SOA\""));
	assert_non_null(strstr(out,
			       "\"TYPE\":65280,\"TYPEname\":\"TYPE65280\",\"CLASS\":1,\"CLASSname\":\"IN\","
			       "\"TTL\":60,\"RDLENGTH\":3,\"RDATAHEX\":\"010203\"}"));
	assert_non_null(strstr(out,
			       "\"TYPE\":41,\"TYPEname\":\"OPT\",\"CLASS\":1232,\"CLASSname\":\"CLASS1232\","
			       "\"TTL\":16809984,"));
	assert_non_null(strstr(out, "\"authorityRRs\":[{\"NAME\":\"example.com.\",\"TYPE\":2,"));
	contract_holds(q53_msg_to_json, m, len, NULL);
	contract_holds(q53_msg_to_json, m, len, style(Q53_STYLE_JSON_COMPACT));
}

/* Shows names with a control character, a non-ASCII letter and an octet that is not UTF-8. */
static int odd_hook(const uint8_t *name, char *buf, size_t size, void *ctx)
{
	(void)name;
	(void)ctx;
	return snprintf(buf, size, "a\x01\xc3\xa9\xff\"\\.");
}

static void test_print_json_escapes_strings(void **state)
{
	(void)state;
	uint8_t m[512];
	q53_writer_t w;
	bld r = {{0}, 0};
	q53_writer_init(&w, m, sizeof m, 8, Q53_FLAG_QR);
	question(&w, "a\\001\\\"b.example.", Q53_TYPE_TXT);
	b_str(&r, "tab\there");
	record(&w, Q53_SEC_ANSWER, "a\\001\\\"b.example.", Q53_TYPE_TXT, 1, &r);
	size_t len = finish(&w);
	int n = q53_msg_to_json(m, len, style(Q53_STYLE_JSON_COMPACT), out, sizeof out);
	assert_true(json_valid(out, (size_t)n));
	/* q53_name_to_text gives a\001\"b.example.; JSON escapes each backslash and the quote. */
	assert_non_null(strstr(out, "\"QNAME\":\"a\\\\001\\\\\\\"b.example.\""));
	assert_non_null(strstr(out, "\"rdataTXT\":\"\\\"tab\\\\009here\\\"\""));
	q53_style_t st = {Q53_STYLE_JSON_COMPACT, odd_hook, NULL};
	n = q53_msg_to_json(m, len, &st, out, sizeof out);
	assert_true(json_valid(out, (size_t)n));
	assert_non_null(strstr(out, "\"QNAME\":\"a\\u0001\xc3\xa9\\u00ff\\\"\\\\.\""));
}

static void test_print_json_validator_rejects(void **state)
{
	(void)state;
	/* The validator itself must be able to fail, or the JSON tests above prove nothing. */
	static const char *const bad[] = {
	    "",	  "{",	"{\"a\" 1}", "{\"a\":1,}", "[1,]",	 "\"\x01\"",	     "\"\\x\"", "\"\xff\"",
	    "01", "1.", "tru",	     "{} {}",	   "{\"a\":[}]", "\"\xed\xa0\x80\"", "-"};
	static const char *const good[] = {"{}", "[]", "{\"a\":[1,-2.5e3,true,false,null,\"\\u00e9\\n\"]}",
					   " \"\xc3\xa9\" "};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(json_valid(bad[i], strlen(bad[i])));
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_true(json_valid(good[i], strlen(good[i])));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_print_simple_message_like_dig),
	    cmocka_unit_test(test_print_full_message_every_type),
	    cmocka_unit_test(test_print_cookie_verdict),
	    cmocka_unit_test(test_print_style_sections),
	    cmocka_unit_test(test_print_style_no_comments),
	    cmocka_unit_test(test_print_short_cname_chain),
	    cmocka_unit_test(test_print_header_flags_opcodes_rcodes),
	    cmocka_unit_test(test_print_update_section_names),
	    cmocka_unit_test(test_print_edns_options),
	    cmocka_unit_test(test_print_record_columns),
	    cmocka_unit_test(test_print_record_view_has_no_owner),
	    cmocka_unit_test(test_print_split),
	    cmocka_unit_test(test_print_tsig_and_sig0_pseudo_sections),
	    cmocka_unit_test(test_print_tsig_rdata),
	    cmocka_unit_test(test_print_display_like_dig),
	    cmocka_unit_test(test_print_display_columns),
	    cmocka_unit_test(test_print_display_unknown_format),
	    cmocka_unit_test(test_print_display_tsig_multiline),
	    cmocka_unit_test(test_print_display_short),
	    cmocka_unit_test(test_print_display_view_without_owner),
	    cmocka_unit_test(test_print_display_json_and_contract),
	    cmocka_unit_test(test_print_name_hook),
	    cmocka_unit_test(test_print_truncated_message_returns_reader_error),
	    cmocka_unit_test(test_print_bad_pointer_returns_reader_error),
	    cmocka_unit_test(test_print_text_snprintf_contract),
	    cmocka_unit_test(test_print_json_query_pretty),
	    cmocka_unit_test(test_print_json_compact_members),
	    cmocka_unit_test(test_print_json_every_type),
	    cmocka_unit_test(test_print_json_escapes_strings),
	    cmocka_unit_test(test_print_json_validator_rejects),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
