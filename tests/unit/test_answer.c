/*
 * Unit tests for server/answer.c: every rule of the answer engine, each asserted on the whole response
 * shown as text (header, question, every record of every section, the OPT and its options), plus raw
 * octets where the text cannot tell (question echoed byte for byte, compression to the question's name).
 * Zones: a parent example.com. and a child child.example.com. served side by side; SipHash-2-4 against
 * its reference vectors and the server cookie against RFC 9018 Appendix A. DNSSEC (RFC 4035 3.1): the
 * signed zones of tests/data/dnssec beside them, example. (RFC 4035 Appendix A, NSEC) and signed.test.
 * (NSEC3), each answer checked record by record against what NSD answers for the same file.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "answer.h"
#include "q53/msg.h"
#include "q53/print.h"
#include "zone_fixture.h"

static q53_zoneset_t *zones;
static q53_answer_cfg_t cfg;
static q53_client_t client = {.tcp = false, .addr = {192, 0, 2, 200}, .family = 4};
static uint8_t qbuf[65536], rbuf[65536];
static size_t qlen;
static int rlen;
static char text[1 << 16];
/*
 * With brief set, an RRSIG shows as "RRSIG <type covered>" and NSEC3 and DNSKEY records without RDATA:
 * what the DNSSEC tests look at, without the signatures and hashes each signing run changes.
 */
static bool brief;

/* ---- Fixture --------------------------------------------------------------------------------------- */

static const char parent_zone[] =
    "@ 3600 SOA ns1 hostmaster 1 7200 900 1209600 300\n"
    "@ 3600 NS ns1\n"
    "@ 3600 NS ns2\n"
    "@ 300 MX 10 mail\n"
    "ns1 3600 A 192.0.2.1\n"
    "ns2 3600 A 192.0.2.2\n"
    "mail 300 A 192.0.2.25\n"
    "www 300 A 192.0.2.10\n"
    "www 300 AAAA 2001:db8::10\n"
    "www 300 TXT hello\n"
    "*.wild 300 A 192.0.2.77\n"
    "c1 300 CNAME c2\n"
    "c2 300 CNAME www\n"
    "gone 300 CNAME nothere\n"
    "sub 3600 NS ns1.sub\n"
    "sub 3600 NS ns2.sub\n"
    "sub 3600 DS 12345 8 2 abcdef\n"
    "ns1.sub 3600 A 192.0.2.53\n"
    "ns2.sub 3600 AAAA 2001:db8::53\n"
    "child 3600 NS ns.child\n"
    "child 3600 DS 54321 13 2 0123\n"
    "ns.child 3600 A 192.0.2.60\n"
    "d 300 DNAME example.net.\n"
    "tod 300 CNAME y.d\n"
    "signed 300 A 192.0.2.90\n"
    "signed 300 RRSIG A 8 3 300 20270101000000 20260101000000 1 example.com. AA==\n";

static const char child_zone[] = "@ 60 SOA ns hostmaster 1 7200 900 1209600 600\n"
				 "@ 3600 NS ns\n"
				 "ns 3600 A 192.0.2.60\n"
				 "host 300 A 192.0.2.61\n";

/* A 63-octet label, for names near 255 octets. */
#define L63 "a23456789012345678901234567890123456789012345678901234567890123"

/* The generated part of the parent: RRsets too big for 512 octets, many MX targets, a fat delegation. */
static void generated(char *z, size_t size)
{
	size_t n = strlen(z);
	/* big: 4 TXT records of 200 octets, about 890 octets in a response. */
	for (int i = 0; i < 4; i++) {
		n += (size_t)snprintf(z + n, size - n, "big 300 TXT %c", 'a' + i);
		for (int j = 0; j < 199; j++)
			z[n++] = 'x';
		n += (size_t)snprintf(z + n, size - n, "\n");
	}
	/* mx: 10 MX records whose targets each have A and AAAA: the addresses cannot all fit in 512. */
	for (int i = 1; i <= 10; i++)
		n += (size_t)snprintf(
		    z + n, size - n, "mx 300 MX %d mx%d\nmx%d 300 A 192.0.2.%d\nmx%d 300 AAAA 2001:db8::%d\n",
		    i, i, i, 100 + i, i, i);
	/* fat: 13 NS below the cut, each with A and AAAA glue; sib: the same servers as sibling glue. */
	for (int i = 1; i <= 13; i++)
		n += (size_t)snprintf(z + n, size - n,
				      "fat 3600 NS ns%02d.fat\nns%02d.fat 3600 A 192.0.2.%d\n"
				      "ns%02d.fat 3600 AAAA 2001:db8::%d\nsib 3600 NS ns%02d.fat\n",
				      i, i, 150 + i, i, i, i);
	/* ld: a DNAME whose target makes names below it too long (RFC 6672 2.2). */
	n += (size_t)snprintf(z + n, size - n, "ld 300 DNAME " L63 "." L63 "." L63 ".example.net.\n");
	assert_true(n < size);
}

/* A signed fixture zone of tests/data/dnssec. */
static int load_signed(const char *file, const char *origin, q53_zone_t **z)
{
	char path[1024];
	uint8_t o[Q53_NAME_MAX];
	snprintf(path, sizeof path, "%s/%s", DNSSEC_DATA, file);
	fx_name(origin, NULL, o);
	return q53_zone_load(path, o, NULL, NULL, z);
}

static int setup(void **state)
{
	(void)state;
	static char z[1 << 16];
	q53_zone_t *zs[4] = {NULL, NULL, NULL, NULL};
	snprintf(z, sizeof z, "%s", parent_zone);
	generated(z, sizeof z);
	if (fx_build("example.com.", z, &zs[0]) != 0 ||
	    fx_build("child.example.com.", child_zone, &zs[1]) != 0 ||
	    load_signed("rfc4035.zone", "example.", &zs[2]) != 0 ||
	    load_signed("extra-nsec3.zone", "signed.test.", &zs[3]) != 0) {
		fprintf(stderr, "%s", fx_diags);
		for (size_t i = 0; i < 4; i++)
			q53_zone_free(zs[i]);
		return -1;
	}
	zones = q53_zoneset_new(zs, 4);
	return zones == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	q53_zoneset_free(zones);
	return 0;
}

/* Each test starts from the defaults, a fixed secret and time, and a UDP client at 192.0.2.200. */
static int reset(void **state)
{
	(void)state;
	static const uint8_t secret[16] = {0xe5, 0xe9, 0x73, 0xe5, 0xa6, 0xb2, 0xa4, 0x3f,
					   0x48, 0xe7, 0xdc, 0x84, 0x9e, 0x37, 0xbf, 0xcf};
	q53_answer_cfg_init(&cfg, secret);
	cfg.now = 1559731985;
	client = (q53_client_t){.tcp = false, .addr = {192, 0, 2, 200}, .family = 4};
	brief = false;
	return 0;
}

static const uint8_t *N(const char *t)
{
	static uint8_t w[8][Q53_NAME_MAX];
	static unsigned i;
	uint8_t *o = w[i++ % 8];
	assert_true(q53_name_from_text(t, strlen(t), NULL, o) > 0);
	return o;
}

/* ---- The response as text -------------------------------------------------------------------------- */

static size_t put(size_t n, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static size_t put(size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(text + n, sizeof text - n, fmt, ap);
	va_end(ap);
	assert_true(k >= 0 && (size_t)k < sizeof text - n);
	return n + (size_t)k;
}

static size_t put_hex(size_t n, const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		n = put(n, "%02x", p[i]);
	return n;
}

/* "udp=1232 flags=8000 nsid=... cookie=..." */
static size_t show_opt(size_t n, const q53_rr_t *rr)
{
	q53_edns_t e;
	assert_int_equal(q53_edns_from_rr(rr, &e), 0);
	n = put(n, "opt: udp=%u ver=%u flags=%04x", e.udp_size, e.version, e.flags);
	size_t pos = 0;
	q53_edns_opt_t o;
	while (q53_edns_option_next(&e, &pos, &o) > 0) {
		if (o.code == Q53_OPT_NSID)
			n = put(n, " nsid=");
		else if (o.code == Q53_OPT_COOKIE)
			n = put(n, " cookie=");
		else
			n = put(n, " opt%u=", o.code);
		n = put_hex(n, o.data, o.len);
	}
	return put(n, "\n");
}

static size_t show_rr(size_t n, const q53_rr_t *rr)
{
	static const char *const sec[] = {"q", "an", "ns", "ar"};
	uint8_t owner[Q53_NAME_MAX];
	char name[Q53_NAME_TEXT_MAX], type[32], cls[32], rdata[8192];
	q53_rr_owner(rr, owner);
	q53_name_to_text(owner, name, sizeof name);
	q53_type_to_text(rr->type, type, sizeof type);
	q53_class_to_text(rr->rclass, cls, sizeof cls);
	if (rr->section == Q53_SEC_QUESTION)
		return put(n, "q: %s %s %s\n", name, cls, type);
	if (brief && rr->type == Q53_TYPE_RRSIG) {
		uint8_t rd[4096];
		assert_true(q53_rr_rdata(rr, rd, sizeof rd) >= 2);
		q53_type_to_text(q53_get16(rd), rdata, sizeof rdata);
		return put(n, "%s: %s %u %s RRSIG %s\n", sec[rr->section], name, rr->ttl, cls, rdata);
	}
	if (brief && (rr->type == Q53_TYPE_NSEC3 || rr->type == Q53_TYPE_DNSKEY))
		return put(n, "%s: %s %u %s %s\n", sec[rr->section], name, rr->ttl, cls, type);
	assert_true(q53_rdata_to_text(rr, NULL, rdata, sizeof rdata) >= 0);
	return put(n, "%s: %s %u %s %s %s\n", sec[rr->section], name, rr->ttl, cls, type, rdata);
}

/*
 * The response in rbuf[0..rlen): "dropped" for 0, else a header line ("NOERROR qr aa rd qd=1 an=1 ns=0
 * ar=0", the rcode with the OPT's upper bits, opcode when not QUERY), then one line per record.
 */
static const char *show(void)
{
	if (rlen == 0)
		return "dropped";
	assert_true(rlen > 0);
	q53_reader_t r;
	q53_edns_t e;
	assert_int_equal(q53_reader_init(&r, rbuf, (size_t)rlen), 0);
	int has = q53_reader_edns(&r, &e);
	assert_true(has >= 0);
	assert_int_equal(q53_reader_trailing(&r), 0);
	assert_int_equal(q53_reader_init(&r, rbuf, (size_t)rlen), 0);
	assert_int_equal(r.id, 0x1234);
	unsigned rcode = q53_rcode_full(r.flags, has ? &e : NULL);
	size_t n = put(0, "%s", q53_rcode_name(rcode));
	if (Q53_FLAGS_OPCODE(r.flags) != Q53_OPCODE_QUERY)
		n = put(n, " %s", q53_opcode_name(Q53_FLAGS_OPCODE(r.flags)));
	static const struct {
		uint16_t bit;
		const char *name;
	} flags[] = {{Q53_FLAG_QR, "qr"}, {Q53_FLAG_AA, "aa"}, {Q53_FLAG_TC, "tc"}, {Q53_FLAG_RD, "rd"},
		     {Q53_FLAG_RA, "ra"}, {Q53_FLAG_Z, "z"},   {Q53_FLAG_AD, "ad"}, {Q53_FLAG_CD, "cd"}};
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		if (r.flags & flags[i].bit)
			n = put(n, " %s", flags[i].name);
	n = put(n, " qd=%u an=%u ns=%u ar=%u\n", r.count[0], r.count[1], r.count[2], r.count[3]);
	q53_rr_t rr;
	int rc;
	while ((rc = q53_reader_next(&r, &rr)) > 0)
		n = rr.type == Q53_TYPE_OPT && rr.section == Q53_SEC_ADDITIONAL ? show_opt(n, &rr)
										: show_rr(n, &rr);
	assert_int_equal(rc, 0);
	return text;
}

/* ---- Queries --------------------------------------------------------------------------------------- */

/* Answers qbuf[0..qlen) into a full-size buffer and shows the response. */
static const char *answer_raw(void)
{
	rlen = q53_answer(&cfg, zones, &client, qbuf, qlen, rbuf, 65535);
	/* The server's path, with the zone and hash its batch prefetch found, answers the very same. */
	static uint8_t hinted[65535];
	q53_prefetch_t pf = {.z = NULL};
	if (qlen > Q53_HEADER_LEN && q53_name_check(qbuf + Q53_HEADER_LEN, qlen - Q53_HEADER_LEN) > 0)
		q53_prefetch_start(zones, qbuf + Q53_HEADER_LEN, &pf);
	int hlen = q53_answer_hinted(&cfg, zones, &client, qbuf, qlen, hinted, sizeof hinted, &pf);
	assert_int_equal(hlen, rlen);
	if (rlen > 0)
		assert_memory_equal(hinted, rbuf, (size_t)rlen);
	return show();
}

/* Builds a query (ID 0x1234) and answers it. */
static const char *ask_full(const char *name, uint16_t type, uint16_t rclass, uint16_t flags,
			    const q53_edns_t *e)
{
	int n = q53_msg_query(qbuf, sizeof qbuf, 0x1234, flags, N(name), type, rclass, e);
	assert_true(n > 0);
	qlen = (size_t)n;
	return answer_raw();
}

static const char *ask(const char *name, uint16_t type)
{
	return ask_full(name, type, Q53_CLASS_IN, 0, NULL);
}

static const char *ask_edns(const char *name, uint16_t type, uint16_t udp, uint16_t eflags)
{
	q53_edns_t e = {.udp_size = udp, .flags = eflags};
	return ask_full(name, type, Q53_CLASS_IN, 0, &e);
}

/* A query with DO (RFC 3225) and 1232 octets, the response shown brief. */
static const char *ask_do(const char *name, uint16_t type)
{
	brief = true;
	return ask_edns(name, type, 1232, Q53_EDNS_DO);
}

/* An EDNS query with options (TLVs given raw). */
static const char *ask_opts(const char *name, uint16_t type, const uint8_t *opts, size_t len)
{
	q53_edns_t e = {.udp_size = 1232, .options = opts, .options_len = (uint16_t)len};
	return ask_full(name, type, Q53_CLASS_IN, 0, &e);
}

static void hex(const char *h, uint8_t *out)
{
	for (size_t i = 0; h[2 * i] != '\0'; i++) {
		unsigned v;
		assert_int_equal(sscanf(h + 2 * i, "%2x", &v), 1);
		out[i] = (uint8_t)v;
	}
}

/* A COOKIE option (code 10) with the given hex content, into out; returns its length. */
static size_t cookie_opt(const char *h, uint8_t *out)
{
	size_t len = strlen(h) / 2;
	q53_put16(out, Q53_OPT_COOKIE);
	q53_put16(out + 2, (uint16_t)len);
	hex(h, out + 4);
	return 4 + len;
}

/* ---- Dropped and malformed ------------------------------------------------------------------------- */

static void test_answer_drop_short(void **state)
{
	(void)state;
	ask("www.example.com.", Q53_TYPE_A);
	qlen = 11;
	assert_string_equal(answer_raw(), "dropped");
	qlen = 0;
	assert_string_equal(answer_raw(), "dropped");
}

static void test_answer_drop_response(void **state)
{
	(void)state;
	ask_full("www.example.com.", Q53_TYPE_A, Q53_CLASS_IN, Q53_FLAG_QR, NULL);
	assert_string_equal(show(), "dropped");
	/* A bare header with QR set is dropped too, not answered with FORMERR. */
	static const uint8_t hdr[12] = {0x12, 0x34, 0x80, 0};
	memcpy(qbuf, hdr, sizeof hdr);
	qlen = sizeof hdr;
	assert_string_equal(answer_raw(), "dropped");
}

static void test_answer_formerr_qdcount(void **state)
{
	(void)state;
	/* QDCOUNT 0: a bare header, RD and the ID echoed. */
	static const uint8_t hdr[12] = {0x12, 0x34, 0x01, 0};
	memcpy(qbuf, hdr, sizeof hdr);
	qlen = sizeof hdr;
	assert_string_equal(answer_raw(), "FORMERR qr rd qd=0 an=0 ns=0 ar=0\n");
	/* QDCOUNT 2 (RFC 9619): no question echoed. */
	q53_writer_t w;
	q53_writer_init(&w, qbuf, sizeof qbuf, 0x1234, Q53_FLAG_RD);
	q53_writer_question(&w, N("www.example.com."), Q53_TYPE_A, Q53_CLASS_IN);
	q53_writer_question(&w, N("mail.example.com."), Q53_TYPE_A, Q53_CLASS_IN);
	qlen = (size_t)q53_writer_finish(&w);
	assert_string_equal(answer_raw(), "FORMERR qr rd qd=0 an=0 ns=0 ar=0\n");
	/* With EDNS the OPT comes back (the message itself was well formed). */
	q53_writer_init(&w, qbuf, sizeof qbuf, 0x1234, 0);
	q53_writer_question(&w, N("www.example.com."), Q53_TYPE_A, Q53_CLASS_IN);
	q53_writer_question(&w, N("mail.example.com."), Q53_TYPE_A, Q53_CLASS_IN);
	q53_writer_edns(&w, &(q53_edns_t){.udp_size = 4096});
	qlen = (size_t)q53_writer_finish(&w);
	assert_string_equal(answer_raw(), "FORMERR qr qd=0 an=0 ns=0 ar=1\n"
					  "opt: udp=1232 ver=0 flags=0000\n");
}

static void test_answer_formerr_malformed(void **state)
{
	(void)state;
	/* The question's label runs past the end: nothing to echo. */
	static const uint8_t bad[] = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 3, 'w', 'w'};
	memcpy(qbuf, bad, sizeof bad);
	qlen = sizeof bad;
	assert_string_equal(answer_raw(), "FORMERR qr rd qd=0 an=0 ns=0 ar=0\n");
	/* A label type 0x40 (RFC 6891 5). */
	static const uint8_t ext[] = {0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0x41, 0, 0, 1, 0, 1};
	memcpy(qbuf, ext, sizeof ext);
	qlen = sizeof ext;
	assert_string_equal(answer_raw(), "FORMERR qr qd=0 an=0 ns=0 ar=0\n");
	/* The counts promise an answer record that is not there: the question was read, so it is echoed,
	 * but not the OPT of a message we could not read. */
	q53_edns_t e = {.udp_size = 4096};
	qlen = (size_t)q53_msg_query(qbuf, sizeof qbuf, 0x1234, 0, N("www.example.com."), Q53_TYPE_A,
				     Q53_CLASS_IN, &e);
	q53_put16(qbuf + 6, 1);
	assert_string_equal(answer_raw(), "FORMERR qr qd=1 an=0 ns=0 ar=0\n"
					  "q: www.example.com. IN A\n");
	/* An OPT whose options do not frame its RDATA (RFC 6891 6.1.2). */
	static const uint8_t opt[] = {0, 10, 0, 8, 1, 2, 3, 4}; /* COOKIE claiming 8 octets, 4 there */
	e.options = opt;
	e.options_len = sizeof opt;
	qlen = (size_t)q53_msg_query(qbuf, sizeof qbuf, 0x1234, 0, N("www.example.com."), Q53_TYPE_A,
				     Q53_CLASS_IN, &e);
	assert_string_equal(answer_raw(), "FORMERR qr qd=1 an=0 ns=0 ar=0\n"
					  "q: www.example.com. IN A\n");
}

/* Trailing octets after the last counted record are ignored: the query is answered (as BIND). */
static void test_answer_trailing_ignored(void **state)
{
	(void)state;
	ask("www.example.com.", Q53_TYPE_A);
	memcpy(qbuf + qlen, "\xde\xad\xbe", 3);
	qlen += 3;
	assert_string_equal(answer_raw(), "NOERROR qr aa qd=1 an=1 ns=0 ar=0\n"
					  "q: www.example.com. IN A\n"
					  "an: www.example.com. 300 IN A 192.0.2.10\n");
}

static void test_answer_notimp_opcodes(void **state)
{
	(void)state;
	const uint16_t op[] = {Q53_OPCODE_NOTIFY, Q53_OPCODE_UPDATE, Q53_OPCODE_STATUS, Q53_OPCODE_IQUERY};
	const char *want[] = {"NOTIMP NOTIFY qr qd=1 an=0 ns=0 ar=0\nq: example.com. IN SOA\n",
			      "NOTIMP UPDATE qr qd=1 an=0 ns=0 ar=0\nq: example.com. IN SOA\n",
			      "NOTIMP STATUS qr qd=1 an=0 ns=0 ar=0\nq: example.com. IN SOA\n",
			      "NOTIMP IQUERY qr qd=1 an=0 ns=0 ar=0\nq: example.com. IN SOA\n"};
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(
		    ask_full("example.com.", Q53_TYPE_SOA, Q53_CLASS_IN, (uint16_t)(op[i] << 11), NULL),
		    want[i]);
	/* STATUS without a question is NOTIMP too, not FORMERR. */
	static const uint8_t hdr[12] = {0x12, 0x34, Q53_OPCODE_STATUS << 3, 0};
	memcpy(qbuf, hdr, sizeof hdr);
	qlen = sizeof hdr;
	assert_string_equal(answer_raw(), "NOTIMP STATUS qr qd=0 an=0 ns=0 ar=0\n");
}

/* Z must be zero (RFC 1035 4.1.1) but is ignored; the response clears it. */
static void test_answer_z_ignored(void **state)
{
	(void)state;
	assert_string_equal(
	    ask_full("www.example.com.", Q53_TYPE_A, Q53_CLASS_IN, Q53_FLAG_Z | Q53_FLAG_AD, NULL),
	    "NOERROR qr aa qd=1 an=1 ns=0 ar=0\n"
	    "q: www.example.com. IN A\n"
	    "an: www.example.com. 300 IN A 192.0.2.10\n");
}

/* ---- EDNS ------------------------------------------------------------------------------------------ */

static void test_answer_edns_basic(void **state)
{
	(void)state;
	/* No OPT in, none out. */
	assert_string_equal(ask("www.example.com.", Q53_TYPE_A),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=0\n"
			    "q: www.example.com. IN A\n"
			    "an: www.example.com. 300 IN A 192.0.2.10\n");
	/* Our payload size, DO copied, unknown options ignored and not echoed. */
	static const uint8_t unknown[] = {0xFD, 0xE9, 0, 2, 0xAB, 0xCD};
	q53_edns_t e = {
	    .udp_size = 4096, .flags = Q53_EDNS_DO | 0x0001, .options = unknown, .options_len = 6};
	assert_string_equal(ask_full("www.example.com.", Q53_TYPE_A, Q53_CLASS_IN, 0, &e),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=1\n"
			    "q: www.example.com. IN A\n"
			    "an: www.example.com. 300 IN A 192.0.2.10\n"
			    "opt: udp=1232 ver=0 flags=8000\n");
	cfg.edns_size = 4096;
	assert_string_equal(ask_edns("www.example.com.", Q53_TYPE_A, 512, 0),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=1\n"
			    "q: www.example.com. IN A\n"
			    "an: www.example.com. 300 IN A 192.0.2.10\n"
			    "opt: udp=4096 ver=0 flags=0000\n");
}

static void test_answer_edns_badvers(void **state)
{
	(void)state;
	q53_edns_t e = {.udp_size = 4096, .version = 1, .flags = Q53_EDNS_DO};
	assert_string_equal(ask_full("www.example.com.", Q53_TYPE_A, Q53_CLASS_IN, Q53_FLAG_RD, &e),
			    "BADVERS qr rd qd=1 an=0 ns=0 ar=1\n"
			    "q: www.example.com. IN A\n"
			    "opt: udp=1232 ver=0 flags=8000\n");
	/* The extended rcode sits in the OPT: the header's RCODE field is 0. */
	assert_int_equal(rbuf[3] & 0xF, 0);
}

static void test_answer_edns_two_opts(void **state)
{
	(void)state;
	q53_edns_t e = {.udp_size = 4096};
	int n =
	    q53_msg_query(qbuf, sizeof qbuf, 0x1234, 0, N("www.example.com."), Q53_TYPE_A, Q53_CLASS_IN, &e);
	/* Append the same 11-octet OPT again and count it. */
	memcpy(qbuf + n, qbuf + n - 11, 11);
	qlen = (size_t)n + 11;
	q53_put16(qbuf + 10, 2);
	assert_string_equal(answer_raw(), "FORMERR qr qd=1 an=0 ns=0 ar=0\n"
					  "q: www.example.com. IN A\n");
}

/* Over UDP the limit is min(client's payload (512 at least), ours); without EDNS 512; TCP: the buffer. */
static void test_answer_edns_udp_limit(void **state)
{
	(void)state;
	const char *fits = "NOERROR qr aa qd=1 an=4 ns=0 ar=1\n";
	/* Without EDNS the 4 TXT records (about 880 octets) do not fit 512. */
	assert_string_equal(ask("big.example.com.", Q53_TYPE_TXT), "NOERROR qr aa tc qd=1 an=0 ns=0 ar=0\n"
								   "q: big.example.com. IN TXT\n");
	assert_int_equal(rlen, 12 + 21);
	/* The client's 4096 is capped by our 1232: it fits. */
	ask_edns("big.example.com.", Q53_TYPE_TXT, 4096, 0);
	assert_memory_equal(text, fits, strlen(fits));
	assert_true(rlen > 512 && rlen <= 1232);
	int full = rlen;
	/* A payload below 512 means 512 (RFC 6891 6.2.5). */
	assert_string_equal(ask_edns("big.example.com.", Q53_TYPE_TXT, 100, 0),
			    "NOERROR qr aa tc qd=1 an=0 ns=0 ar=1\n"
			    "q: big.example.com. IN TXT\n"
			    "opt: udp=1232 ver=0 flags=0000\n");
	/* ... and an answer of 233 octets that 100 could not hold fits (with what additional data fits). */
	ask_edns("mx.example.com.", Q53_TYPE_MX, 100, 0);
	assert_memory_equal(text, "NOERROR qr aa qd=1 an=10 ns=0 ar=13\n", 36);
	assert_int_equal(rlen, 233 + 6 * 44 + 11);
	/* The client's size one octet short, then exactly enough. */
	ask_edns("big.example.com.", Q53_TYPE_TXT, (uint16_t)(full - 1), 0);
	assert_string_equal(text, "NOERROR qr aa tc qd=1 an=0 ns=0 ar=1\n"
				  "q: big.example.com. IN TXT\n"
				  "opt: udp=1232 ver=0 flags=0000\n");
	ask_edns("big.example.com.", Q53_TYPE_TXT, (uint16_t)full, 0);
	assert_int_equal(rlen, full);
	/* Our own size caps it as well, whatever the client offers. */
	cfg.edns_size = 600;
	assert_string_equal(ask_edns("big.example.com.", Q53_TYPE_TXT, 4096, 0),
			    "NOERROR qr aa tc qd=1 an=0 ns=0 ar=1\n"
			    "q: big.example.com. IN TXT\n"
			    "opt: udp=600 ver=0 flags=0000\n");
	/* TCP is not limited by either. */
	client.tcp = true;
	ask("big.example.com.", Q53_TYPE_TXT);
	assert_memory_equal(text, "NOERROR qr aa qd=1 an=4 ns=0 ar=0\n", 34);
	/* A UDP buffer below 512 is a caller mistake. */
	client.tcp = false;
	assert_int_equal(q53_answer(&cfg, zones, &client, qbuf, qlen, rbuf, 511), Q53_EINVAL);
	/* A smaller buffer than the client allows limits the response. */
	ask_edns("big.example.com.", Q53_TYPE_TXT, 4096, 0);
	cfg.edns_size = 4096;
	rlen = q53_answer(&cfg, zones, &client, qbuf, qlen, rbuf, 600);
	assert_string_equal(show(), "NOERROR qr aa tc qd=1 an=0 ns=0 ar=1\n"
				    "q: big.example.com. IN TXT\n"
				    "opt: udp=4096 ver=0 flags=0000\n");
}

static void test_answer_nsid(void **state)
{
	(void)state;
	static const uint8_t nsid_req[] = {0, 3, 0, 0};
	const char *plain = "NOERROR qr aa qd=1 an=1 ns=0 ar=1\n"
			    "q: www.example.com. IN A\n"
			    "an: www.example.com. 300 IN A 192.0.2.10\n"
			    "opt: udp=1232 ver=0 flags=0000\n";
	/* Asked, none configured. */
	assert_string_equal(ask_opts("www.example.com.", Q53_TYPE_A, nsid_req, 4), plain);
	cfg.nsid = "ns-a1";
	cfg.nsid_len = 5;
	assert_string_equal(ask_opts("www.example.com.", Q53_TYPE_A, nsid_req, 4),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=1\n"
			    "q: www.example.com. IN A\n"
			    "an: www.example.com. 300 IN A 192.0.2.10\n"
			    "opt: udp=1232 ver=0 flags=0000 nsid=6e732d6131\n");
	/* Configured, not asked. */
	assert_string_equal(ask_edns("www.example.com.", Q53_TYPE_A, 1232, 0), plain);
	/* Also on a REFUSED answer. */
	assert_string_equal(ask_opts("www.example.org.", Q53_TYPE_A, nsid_req, 4),
			    "REFUSED qr qd=1 an=0 ns=0 ar=1\n"
			    "q: www.example.org. IN A\n"
			    "opt: udp=1232 ver=0 flags=0000 nsid=6e732d6131\n");
	/* An NSID longer than Q53_NSID_MAX is a configuration mistake. */
	cfg.nsid_len = Q53_NSID_MAX + 1;
	assert_int_equal(q53_answer(&cfg, zones, &client, qbuf, qlen, rbuf, sizeof rbuf), Q53_EINVAL);
}

/* ---- Cookies --------------------------------------------------------------------------------------- */

/* The reference vectors of the SipHash paper (Appendix A): key 00..0f, messages 00..(n-1). */
static void test_answer_siphash_vectors(void **state)
{
	(void)state;
	uint8_t key[16], msg[64];
	for (unsigned i = 0; i < 16; i++)
		key[i] = (uint8_t)i;
	for (unsigned i = 0; i < 64; i++)
		msg[i] = (uint8_t)i;
	assert_true(q53_siphash24(key, msg, 0) == 0x726fdb47dd0e0e31u);
	assert_true(q53_siphash24(key, msg, 1) == 0x74f839c593dc67fdu);
	assert_true(q53_siphash24(key, msg, 8) == 0x93f5f5799a932462u);
	assert_true(q53_siphash24(key, msg, 15) == 0xa129ca6149be45e5u);
	assert_true(q53_siphash24(key, msg, 63) == 0x958a324ceb064572u);
}

/* RFC 9018 Appendix A.1 and A.3 (IPv4) and A.4 (IPv6): our server cookie is the published one. */
static void test_answer_cookie_rfc9018(void **state)
{
	(void)state;
	uint8_t opt[64];
	client = (q53_client_t){.addr = {198, 51, 100, 100}, .family = 4};
	size_t n = cookie_opt("2464c4abcf10c957", opt);
	assert_string_equal(
	    ask_opts("www.example.com.", Q53_TYPE_A, opt, n),
	    "NOERROR qr aa qd=1 an=1 ns=0 ar=1\n"
	    "q: www.example.com. IN A\n"
	    "an: www.example.com. 300 IN A 192.0.2.10\n"
	    "opt: udp=1232 ver=0 flags=0000 cookie=2464c4abcf10c957010000005cf79f111f8130c3eee29480\n");
	/* A.3: another client presenting an old server cookie gets a fresh one, answered normally. */
	client = (q53_client_t){.addr = {203, 0, 113, 203}, .family = 4};
	cfg.now = 1559734700;
	n = cookie_opt("fc93fc62807ddb8601abcdef5cf78f71a314227b6679ebf5", opt);
	ask_opts("www.example.com.", Q53_TYPE_A, opt, n);
	assert_non_null(strstr(text, " cookie=fc93fc62807ddb86010000005cf7a9acf73a7810aca2381e\n"));
	assert_non_null(strstr(text, "NOERROR qr aa qd=1 an=1 ns=0 ar=1\n"));
	/* A.4: an IPv6 client, after the secret rolled over. */
	static const uint8_t secret4[16] = {0x44, 0x55, 0x36, 0xbc, 0xd2, 0x51, 0x32, 0x98,
					    0x07, 0x5a, 0x5d, 0x37, 0x96, 0x63, 0xc9, 0x62};
	static const uint8_t ip6[16] = {0x20, 0x01, 0x0d, 0xb8, 0x02, 0x20, 0x00, 0x01,
					0x59, 0xde, 0xd0, 0xf4, 0x87, 0x69, 0x82, 0xb8};
	memcpy(cfg.cookie_secret, secret4, 16);
	cfg.now = 1559741961;
	client.family = 6;
	memcpy(client.addr, ip6, 16);
	n = cookie_opt("22681ab97d52c298010000005cf7c57926556bd0934c72f8", opt);
	ask_opts("www.example.com.", Q53_TYPE_A, opt, n);
	assert_non_null(strstr(text, " cookie=22681ab97d52c298010000005cf7c609a6bb79d16625507a\n"));
}

static void test_answer_cookie_stable(void **state)
{
	(void)state;
	uint8_t opt[64];
	char first[256], again[256], other[256];
	size_t n = cookie_opt("0102030405060708", opt);
	ask_opts("www.example.com.", Q53_TYPE_A, opt, n);
	const char *c = strstr(text, "cookie=");
	assert_non_null(c);
	snprintf(first, sizeof first, "%s", c);
	/* 8 + 16 octets: 48 hex digits and the newline. */
	assert_int_equal(strlen(first), strlen("cookie=") + 48 + 1);
	assert_memory_equal(first, "cookie=010203040506070801000000", 31);
	/* Same client cookie, address and time: the same server cookie. */
	ask_opts("www.example.com.", Q53_TYPE_A, opt, n);
	snprintf(again, sizeof again, "%s", strstr(text, "cookie="));
	assert_string_equal(first, again);
	/* Another client address: another hash. */
	client.addr[3] = 201;
	ask_opts("www.example.com.", Q53_TYPE_A, opt, n);
	snprintf(other, sizeof other, "%s", strstr(text, "cookie="));
	assert_memory_equal(first, other, 7 + 32);
	assert_string_not_equal(first, other);
	/* Over TCP the same cookie as over UDP. */
	client.addr[3] = 200;
	client.tcp = true;
	ask_opts("www.example.com.", Q53_TYPE_A, opt, n);
	assert_string_equal(strstr(text, "cookie="), first);
}

static void test_answer_cookie_malformed(void **state)
{
	(void)state;
	uint8_t opt[64];
	/* RFC 7873 5.2.2: lengths other than 8 and 16..40 (here 7, 9, 15, 41) are FORMERR; the OPT comes back
	 * without a cookie. */
	const char *bad[] = {
	    "01020304050607", "010203040506070809", "0102030405060708090a0b0c0d0e0f",
	    "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223242526272829"};
	for (size_t i = 0; i < 4; i++) {
		size_t n = cookie_opt(bad[i], opt);
		assert_string_equal(ask_opts("www.example.com.", Q53_TYPE_A, opt, n),
				    "FORMERR qr qd=1 an=0 ns=0 ar=1\n"
				    "q: www.example.com. IN A\n"
				    "opt: udp=1232 ver=0 flags=0000\n");
	}
	/* 16 and 40 octets are fine: a server cookie we do not check is answered with a fresh one. */
	size_t n = cookie_opt("0102030405060708ffffffffffffffff", opt);
	ask_opts("www.example.com.", Q53_TYPE_A, opt, n);
	assert_memory_equal(text, "NOERROR qr aa qd=1 an=1", 23);
	assert_non_null(strstr(text, "cookie=010203040506070801000000"));
	n = cookie_opt("0102030405060708ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
		       opt);
	ask_opts("www.example.com.", Q53_TYPE_A, opt, n);
	assert_memory_equal(text, "NOERROR qr aa qd=1 an=1", 23);
	/* Cookies off: the option is ignored, even a malformed one. */
	cfg.cookies = false;
	n = cookie_opt("01", opt);
	assert_string_equal(ask_opts("www.example.com.", Q53_TYPE_A, opt, n),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=1\n"
			    "q: www.example.com. IN A\n"
			    "an: www.example.com. 300 IN A 192.0.2.10\n"
			    "opt: udp=1232 ver=0 flags=0000\n");
}

/* RFC 7873 5.4: a query without a question but with a client cookie learns a server cookie. */
static void test_answer_cookie_only(void **state)
{
	(void)state;
	uint8_t opt[64];
	size_t n = cookie_opt("2464c4abcf10c957", opt);
	q53_writer_t w;
	q53_writer_init(&w, qbuf, sizeof qbuf, 0x1234, 0);
	q53_writer_edns(&w, &(q53_edns_t){.udp_size = 1232, .options = opt, .options_len = (uint16_t)n});
	qlen = (size_t)q53_writer_finish(&w);
	client = (q53_client_t){.addr = {198, 51, 100, 100}, .family = 4};
	assert_string_equal(answer_raw(), "NOERROR qr qd=0 an=0 ns=0 ar=1\n"
					  "opt: udp=1232 ver=0 flags=0000 "
					  "cookie=2464c4abcf10c957010000005cf79f111f8130c3eee29480\n");
}

/* RFC 9018 4.3: the cookie A.1 gave 198.51.100.100 is ours for an hour and up to 5 minutes early. */
static void test_answer_cookie_valid(void **state)
{
	(void)state;
	uint8_t c[24];
	hex("2464c4abcf10c957010000005cf79f111f8130c3eee29480", c);
	client = (q53_client_t){.addr = {198, 51, 100, 100}, .family = 4};
	assert_true(q53_answer_cookie_valid(&cfg, &client, c, 24));
	cfg.now = 1559731985 + 3600;
	assert_true(q53_answer_cookie_valid(&cfg, &client, c, 24));
	cfg.now++;
	assert_false(q53_answer_cookie_valid(&cfg, &client, c, 24));
	cfg.now = 1559731985 - 300;
	assert_true(q53_answer_cookie_valid(&cfg, &client, c, 24));
	cfg.now--;
	assert_false(q53_answer_cookie_valid(&cfg, &client, c, 24));
	cfg.now = 1559731985;
	/* Another client, a changed octet anywhere, another version, another length, another secret. */
	client.addr[3] = 101;
	assert_false(q53_answer_cookie_valid(&cfg, &client, c, 24));
	client.addr[3] = 100;
	for (unsigned i = 0; i < 24; i++) {
		c[i] ^= 0x40;
		assert_false(q53_answer_cookie_valid(&cfg, &client, c, 24));
		c[i] ^= 0x40;
	}
	assert_false(q53_answer_cookie_valid(&cfg, &client, c, 8));
	assert_false(q53_answer_cookie_valid(&cfg, &client, c, 23));
	assert_false(q53_answer_cookie_valid(&cfg, &client, NULL, 24));
	cfg.cookie_secret[0] ^= 1;
	assert_false(q53_answer_cookie_valid(&cfg, &client, c, 24));
}

/* What rate limiting is told of an answer (q53_answer_noted) for a query built by ask_full(). */
static q53_answer_note_t noted(const char *name, uint16_t type)
{
	int n = q53_msg_query(qbuf, sizeof qbuf, 0x1234, 0, N(name), type, Q53_CLASS_IN, NULL);
	assert_true(n > 0);
	q53_answer_note_t note;
	rlen = q53_answer_noted(&cfg, zones, &client, qbuf, (size_t)n, rbuf, 65535, NULL, &note);
	assert_true(rlen > 0);
	return note;
}

static void test_answer_note(void **state)
{
	(void)state;
	/* Answers: one key per RRset, whatever the case of the name or the name under a wildcard. */
	q53_answer_note_t www = noted("www.example.com.", Q53_TYPE_A);
	assert_int_equal(www.cls, Q53_AC_ANSWER);
	assert_true(www.key != 0);
	assert_true(noted("WwW.EXAMPLE.com.", Q53_TYPE_A).key == www.key);
	assert_true(noted("www.example.com.", Q53_TYPE_AAAA).key != www.key);
	q53_answer_note_t w1 = noted("a.wild.example.com.", Q53_TYPE_A),
			  w2 = noted("b.c.wild.example.com.", Q53_TYPE_A);
	assert_int_equal(w1.cls, Q53_AC_ANSWER);
	assert_true(w1.key == w2.key && w1.key != www.key);
	/* A CNAME chain: its first CNAME. */
	q53_answer_note_t c1 = noted("c1.example.com.", Q53_TYPE_A);
	assert_int_equal(c1.cls, Q53_AC_ANSWER);
	assert_true(c1.key != www.key && c1.key != noted("c2.example.com.", Q53_TYPE_A).key);
	/* Names that do not exist, and a chain ending in one: one key, the zone's. */
	q53_answer_note_t nx = noted("nothere.example.com.", Q53_TYPE_A);
	assert_int_equal(nx.cls, Q53_AC_NXDOMAIN);
	assert_true(noted("x7f3a.example.com.", Q53_TYPE_TXT).key == nx.key);
	q53_answer_note_t gone = noted("gone.example.com.", Q53_TYPE_A);
	assert_int_equal(gone.cls, Q53_AC_NXDOMAIN);
	assert_true(gone.key == nx.key);
	/* NODATA: the zone too, in a class of its own. */
	q53_answer_note_t nd = noted("www.example.com.", Q53_TYPE_MX);
	assert_int_equal(nd.cls, Q53_AC_NODATA);
	assert_true(nd.key == nx.key);
	/* Referrals: the cut's NS RRset, for any name below it. */
	q53_answer_note_t r1 = noted("a.sub.example.com.", Q53_TYPE_A),
			  r2 = noted("b.c.sub.example.com.", Q53_TYPE_MX);
	assert_int_equal(r1.cls, Q53_AC_REFERRAL);
	assert_true(r1.key == r2.key && r1.key != nx.key);
	assert_true(noted("x.fat.example.com.", Q53_TYPE_A).key != r1.key);
	/* Another zone: other keys. */
	assert_true(noted("nothere.child.example.com.", Q53_TYPE_A).key != nx.key);
	/* Errors: one class, no key. */
	q53_answer_note_t out = noted("example.org.", Q53_TYPE_A);
	assert_int_equal(out.cls, Q53_AC_ERROR);
	assert_true(out.key == 0);
	assert_int_equal(noted("www.example.com.", Q53_TYPE_AXFR).cls, Q53_AC_ERROR);
	/* The cookie is passed on where the query holds it. */
	uint8_t opt[64];
	size_t n = cookie_opt("2464c4abcf10c957", opt);
	q53_edns_t e = {.udp_size = 1232, .options = opt, .options_len = (uint16_t)n};
	int len = q53_msg_query(qbuf, sizeof qbuf, 1, 0, N("www.example.com."), Q53_TYPE_A, Q53_CLASS_IN, &e);
	q53_answer_note_t note;
	assert_true(q53_answer_noted(&cfg, zones, &client, qbuf, (size_t)len, rbuf, 65535, NULL, &note) > 0);
	assert_int_equal(note.cls, Q53_AC_ANSWER);
	assert_int_equal(note.cookie_len, 8);
	assert_true(note.cookie >= qbuf && note.cookie + 8 <= qbuf + len);
	assert_memory_equal(note.cookie, opt + 4, 8);
	/* A dropped query (QR=1): not classified. */
	qbuf[2] |= 0x80;
	assert_int_equal(q53_answer_noted(&cfg, zones, &client, qbuf, (size_t)len, rbuf, 65535, NULL, &note),
			 0);
	assert_int_equal(note.cls, Q53_AC_NONE);
	assert_null(note.cookie);
	/* CHAOS: an answer of its own. */
	cfg.version = "q53d";
	len = q53_msg_query(qbuf, sizeof qbuf, 1, 0, N("version.bind."), Q53_TYPE_TXT, Q53_CLASS_CH, NULL);
	assert_true(q53_answer_noted(&cfg, zones, &client, qbuf, (size_t)len, rbuf, 65535, NULL, &note) > 0);
	assert_int_equal(note.cls, Q53_AC_ANSWER);
	assert_true(note.key != 0);
}

/* ---- Class, type, zone ----------------------------------------------------------------------------- */

static void test_answer_chaos(void **state)
{
	(void)state;
	/* Not configured: REFUSED. */
	assert_string_equal(ask_full("version.bind.", Q53_TYPE_TXT, Q53_CLASS_CH, 0, NULL),
			    "REFUSED qr qd=1 an=0 ns=0 ar=0\n"
			    "q: version.bind. CH TXT\n");
	cfg.version = "q53 1.0";
	cfg.identity = "a1.example";
	assert_string_equal(ask_full("VERSION.bind.", Q53_TYPE_TXT, Q53_CLASS_CH, Q53_FLAG_RD, NULL),
			    "NOERROR qr aa rd qd=1 an=1 ns=0 ar=0\n"
			    "q: VERSION.bind. CH TXT\n"
			    "an: VERSION.bind. 0 CH TXT \"q53 1.0\"\n");
	assert_string_equal(ask_full("version.server.", Q53_TYPE_ANY, Q53_CLASS_CH, 0, NULL),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=0\n"
			    "q: version.server. CH ANY\n"
			    "an: version.server. 0 CH TXT \"q53 1.0\"\n");
	assert_string_equal(ask_full("id.server.", Q53_TYPE_TXT, Q53_CLASS_CH, 0, NULL),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=0\n"
			    "q: id.server. CH TXT\n"
			    "an: id.server. 0 CH TXT \"a1.example\"\n");
	assert_string_equal(ask_full("hostname.bind.", Q53_TYPE_TXT, Q53_CLASS_CH, 0, NULL),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=0\n"
			    "q: hostname.bind. CH TXT\n"
			    "an: hostname.bind. 0 CH TXT \"a1.example\"\n");
	/* Other types and names in CH. */
	assert_string_equal(ask_full("version.bind.", Q53_TYPE_A, Q53_CLASS_CH, 0, NULL),
			    "REFUSED qr qd=1 an=0 ns=0 ar=0\n"
			    "q: version.bind. CH A\n");
	assert_string_equal(ask_full("authors.bind.", Q53_TYPE_TXT, Q53_CLASS_CH, 0, NULL),
			    "REFUSED qr qd=1 an=0 ns=0 ar=0\n"
			    "q: authors.bind. CH TXT\n");
	/* A CH query for a name of our IN zone is still REFUSED. */
	assert_string_equal(ask_full("www.example.com.", Q53_TYPE_TXT, Q53_CLASS_CH, 0, NULL),
			    "REFUSED qr qd=1 an=0 ns=0 ar=0\n"
			    "q: www.example.com. CH TXT\n");
	/* The identity alone off. */
	cfg.identity = NULL;
	assert_string_equal(ask_full("id.server.", Q53_TYPE_TXT, Q53_CLASS_CH, 0, NULL),
			    "REFUSED qr qd=1 an=0 ns=0 ar=0\n"
			    "q: id.server. CH TXT\n");
	/* A long string goes in character-strings of 255; an empty one is one empty string. */
	static char lng[301];
	memset(lng, 'v', 300);
	cfg.version = lng;
	ask_full("version.bind.", Q53_TYPE_TXT, Q53_CLASS_CH, 0, NULL);
	char want[700];
	snprintf(want, sizeof want, "an: version.bind. 0 CH TXT \"%.255s\" \"%.45s\"\n", lng, lng);
	assert_non_null(strstr(text, want));
	cfg.version = "";
	ask_full("version.bind.", Q53_TYPE_TXT, Q53_CLASS_CH, 0, NULL);
	assert_non_null(strstr(text, "an: version.bind. 0 CH TXT \"\"\n"));
}

static void test_answer_class_refused(void **state)
{
	(void)state;
	assert_string_equal(ask_full("www.example.com.", Q53_TYPE_A, Q53_CLASS_HS, Q53_FLAG_RD, NULL),
			    "REFUSED qr rd qd=1 an=0 ns=0 ar=0\n"
			    "q: www.example.com. HS A\n");
	assert_string_equal(ask_full("www.example.com.", Q53_TYPE_A, Q53_CLASS_ANY, 0, NULL),
			    "REFUSED qr qd=1 an=0 ns=0 ar=0\n"
			    "q: www.example.com. ANY A\n");
	assert_string_equal(ask_full("www.example.com.", Q53_TYPE_A, 42, 0, NULL),
			    "REFUSED qr qd=1 an=0 ns=0 ar=0\n"
			    "q: www.example.com. CLASS42 A\n");
}

static void test_answer_out_of_zone(void **state)
{
	(void)state;
	assert_string_equal(ask_full("www.example.org.", Q53_TYPE_A, Q53_CLASS_IN, Q53_FLAG_RD, NULL),
			    "REFUSED qr rd qd=1 an=0 ns=0 ar=0\n"
			    "q: www.example.org. IN A\n");
	assert_string_equal(ask("com.", Q53_TYPE_NS), "REFUSED qr qd=1 an=0 ns=0 ar=0\n"
						      "q: com. IN NS\n");
	assert_string_equal(ask(".", Q53_TYPE_NS), "REFUSED qr qd=1 an=0 ns=0 ar=0\n"
						   "q: . IN NS\n");
	/* No zones at all. */
	ask("www.example.com.", Q53_TYPE_A);
	rlen = q53_answer(&cfg, NULL, &client, qbuf, qlen, rbuf, sizeof rbuf);
	assert_string_equal(show(), "REFUSED qr qd=1 an=0 ns=0 ar=0\n"
				    "q: www.example.com. IN A\n");
}

static void test_answer_meta_types(void **state)
{
	(void)state;
	assert_string_equal(ask("example.com.", Q53_TYPE_AXFR), "NOTIMP qr qd=1 an=0 ns=0 ar=0\n"
								"q: example.com. IN AXFR\n");
	client.tcp = true;
	assert_string_equal(ask("example.com.", Q53_TYPE_AXFR), "NOTIMP qr qd=1 an=0 ns=0 ar=0\n"
								"q: example.com. IN AXFR\n");
	assert_string_equal(ask("example.com.", Q53_TYPE_IXFR), "NOTIMP qr qd=1 an=0 ns=0 ar=0\n"
								"q: example.com. IN IXFR\n");
	assert_string_equal(ask("example.com.", Q53_TYPE_TKEY), "NOTIMP qr qd=1 an=0 ns=0 ar=0\n"
								"q: example.com. IN TKEY\n");
	assert_string_equal(ask("example.com.", Q53_TYPE_OPT), "FORMERR qr qd=1 an=0 ns=0 ar=0\n"
							       "q: example.com. IN OPT\n");
	assert_string_equal(ask("example.com.", Q53_TYPE_TSIG), "FORMERR qr qd=1 an=0 ns=0 ar=0\n"
								"q: example.com. IN TSIG\n");
}

static void test_answer_caller_mistakes(void **state)
{
	(void)state;
	ask("www.example.com.", Q53_TYPE_A);
	assert_int_equal(q53_answer(NULL, zones, &client, qbuf, qlen, rbuf, 512), Q53_EINVAL);
	assert_int_equal(q53_answer(&cfg, zones, NULL, qbuf, qlen, rbuf, 512), Q53_EINVAL);
	assert_int_equal(q53_answer(&cfg, zones, &client, NULL, qlen, rbuf, 512), Q53_EINVAL);
	assert_int_equal(q53_answer(&cfg, zones, &client, qbuf, qlen, NULL, 512), Q53_EINVAL);
	assert_int_equal(q53_answer(&cfg, zones, &client, qbuf, qlen, rbuf, 100), Q53_EINVAL);
	cfg.nsid_len = 3;
	assert_int_equal(q53_answer(&cfg, zones, &client, qbuf, qlen, rbuf, 512), Q53_EINVAL);
	/* The defaults. */
	q53_answer_cfg_init(&cfg, NULL);
	assert_int_equal(cfg.edns_size, 1232);
	assert_true(cfg.minimal);
	assert_true(cfg.cookies);
	assert_null(cfg.nsid);
	assert_null(cfg.version);
	assert_null(cfg.identity);
	static const uint8_t zero[16];
	assert_memory_equal(cfg.cookie_secret, zero, 16);
}

/* ---- Answers from zones ---------------------------------------------------------------------------- */

static void test_answer_flags(void **state)
{
	(void)state;
	/* RD and CD copied, RA never, AA on our data. */
	assert_string_equal(
	    ask_full("www.example.com.", Q53_TYPE_AAAA, Q53_CLASS_IN, Q53_FLAG_RD | Q53_FLAG_CD, NULL),
	    "NOERROR qr aa rd cd qd=1 an=1 ns=0 ar=0\n"
	    "q: www.example.com. IN AAAA\n"
	    "an: www.example.com. 300 IN AAAA 2001:db8::10\n");
}

static void test_answer_nxdomain(void **state)
{
	(void)state;
	/* RFC 2308 3: the SOA's TTL is min(3600, MINIMUM 300). */
	assert_string_equal(
	    ask("nothere.example.com.", Q53_TYPE_A),
	    "NXDOMAIN qr aa qd=1 an=0 ns=1 ar=0\n"
	    "q: nothere.example.com. IN A\n"
	    "ns: example.com. 300 IN SOA ns1.example.com. hostmaster.example.com. 1 7200 900 1209600 300\n");
	/* In the child the SOA TTL 60 is below MINIMUM 600: 60. */
	assert_string_equal(ask("nothere.child.example.com.", Q53_TYPE_A),
			    "NXDOMAIN qr aa qd=1 an=0 ns=1 ar=0\n"
			    "q: nothere.child.example.com. IN A\n"
			    "ns: child.example.com. 60 IN SOA ns.child.example.com. "
			    "hostmaster.child.example.com. 1 7200 900 1209600 600\n");
	/* RFC 6604: a CNAME to a name that does not exist: the CNAME and NXDOMAIN. */
	assert_string_equal(
	    ask("gone.example.com.", Q53_TYPE_A),
	    "NXDOMAIN qr aa qd=1 an=1 ns=1 ar=0\n"
	    "q: gone.example.com. IN A\n"
	    "an: gone.example.com. 300 IN CNAME nothere.example.com.\n"
	    "ns: example.com. 300 IN SOA ns1.example.com. hostmaster.example.com. 1 7200 900 1209600 300\n");
}

static void test_answer_nodata(void **state)
{
	(void)state;
	assert_string_equal(
	    ask("www.example.com.", Q53_TYPE_MX),
	    "NOERROR qr aa qd=1 an=0 ns=1 ar=0\n"
	    "q: www.example.com. IN MX\n"
	    "ns: example.com. 300 IN SOA ns1.example.com. hostmaster.example.com. 1 7200 900 1209600 300\n");
	/* An empty non-terminal. */
	assert_string_equal(
	    ask("wild.example.com.", Q53_TYPE_A),
	    "NOERROR qr aa qd=1 an=0 ns=1 ar=0\n"
	    "q: wild.example.com. IN A\n"
	    "ns: example.com. 300 IN SOA ns1.example.com. hostmaster.example.com. 1 7200 900 1209600 300\n");
	/* The SOA asked for is an answer: its own TTL. */
	assert_string_equal(
	    ask("example.com.", Q53_TYPE_SOA),
	    "NOERROR qr aa qd=1 an=1 ns=0 ar=0\n"
	    "q: example.com. IN SOA\n"
	    "an: example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. 1 7200 900 1209600 300\n");
}

static void test_answer_wildcard(void **state)
{
	(void)state;
	assert_string_equal(ask("Foo.BAR.wild.example.com.", Q53_TYPE_A),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=0\n"
			    "q: Foo.BAR.wild.example.com. IN A\n"
			    "an: Foo.BAR.wild.example.com. 300 IN A 192.0.2.77\n");
	/* The answer owner is a pointer to the question's name. */
	assert_memory_equal(rbuf + 12 + 26 + 4, "\xC0\x0C", 2);
}

static void test_answer_cname_chain(void **state)
{
	(void)state;
	assert_string_equal(ask("c1.example.com.", Q53_TYPE_A),
			    "NOERROR qr aa qd=1 an=3 ns=0 ar=0\n"
			    "q: c1.example.com. IN A\n"
			    "an: c1.example.com. 300 IN CNAME c2.example.com.\n"
			    "an: c2.example.com. 300 IN CNAME www.example.com.\n"
			    "an: www.example.com. 300 IN A 192.0.2.10\n");
	/* Asking for the CNAME itself. */
	assert_string_equal(ask("c1.example.com.", Q53_TYPE_CNAME),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=0\n"
			    "q: c1.example.com. IN CNAME\n"
			    "an: c1.example.com. 300 IN CNAME c2.example.com.\n");
}

/* RFC 6672 3.3: the DNAME and the CNAME synthesized from it; 2.2: YXDOMAIN when the result is too long. */
static void test_answer_dname(void **state)
{
	(void)state;
	assert_string_equal(ask("X.d.example.com.", Q53_TYPE_A),
			    "NOERROR qr aa qd=1 an=2 ns=0 ar=0\n"
			    "q: X.d.example.com. IN A\n"
			    "an: d.example.com. 300 IN DNAME example.net.\n"
			    "an: X.d.example.com. 300 IN CNAME X.example.net.\n");
	/* After a CNAME of the zone. */
	assert_string_equal(ask("tod.example.com.", Q53_TYPE_A),
			    "NOERROR qr aa qd=1 an=3 ns=0 ar=0\n"
			    "q: tod.example.com. IN A\n"
			    "an: tod.example.com. 300 IN CNAME y.d.example.com.\n"
			    "an: d.example.com. 300 IN DNAME example.net.\n"
			    "an: y.d.example.com. 300 IN CNAME y.example.net.\n");
	/* At the DNAME's owner itself nothing is synthesized. */
	assert_string_equal(ask("d.example.com.", Q53_TYPE_DNAME),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=0\n"
			    "q: d.example.com. IN DNAME\n"
			    "an: d.example.com. 300 IN DNAME example.net.\n");
	assert_string_equal(ask(L63 ".ld.example.com.", Q53_TYPE_A),
			    "YXDOMAIN qr aa qd=1 an=1 ns=0 ar=0\n"
			    "q: " L63 ".ld.example.com. IN A\n"
			    "an: ld.example.com. 300 IN DNAME " L63 "." L63 "." L63 ".example.net.\n");
}

static void test_answer_referral(void **state)
{
	(void)state;
	/* RFC 1034 4.3.2 3b: no AA, NS in authority, glue in additional; the DS only with DO. */
	assert_string_equal(ask_full("host.sub.example.com.", Q53_TYPE_A, Q53_CLASS_IN, Q53_FLAG_RD, NULL),
			    "NOERROR qr rd qd=1 an=0 ns=2 ar=2\n"
			    "q: host.sub.example.com. IN A\n"
			    "ns: sub.example.com. 3600 IN NS ns1.sub.example.com.\n"
			    "ns: sub.example.com. 3600 IN NS ns2.sub.example.com.\n"
			    "ar: ns1.sub.example.com. 3600 IN A 192.0.2.53\n"
			    "ar: ns2.sub.example.com. 3600 IN AAAA 2001:db8::53\n");
	assert_string_equal(ask_edns("host.sub.example.com.", Q53_TYPE_A, 1232, Q53_EDNS_DO),
			    "NOERROR qr qd=1 an=0 ns=3 ar=3\n"
			    "q: host.sub.example.com. IN A\n"
			    "ns: sub.example.com. 3600 IN NS ns1.sub.example.com.\n"
			    "ns: sub.example.com. 3600 IN NS ns2.sub.example.com.\n"
			    "ns: sub.example.com. 3600 IN DS 12345 8 2 ABCDEF\n"
			    "ar: ns1.sub.example.com. 3600 IN A 192.0.2.53\n"
			    "ar: ns2.sub.example.com. 3600 IN AAAA 2001:db8::53\n"
			    "opt: udp=1232 ver=0 flags=8000\n");
	/* The cut itself, asked for NS: a referral too. */
	ask("sub.example.com.", Q53_TYPE_NS);
	assert_memory_equal(text, "NOERROR qr qd=1 an=0 ns=2 ar=2\n", 31);
}

static void test_answer_ds_at_cut(void **state)
{
	(void)state;
	/* RFC 4035 3.1.4.1: the parent answers the DS of a cut, with AA. */
	assert_string_equal(ask("sub.example.com.", Q53_TYPE_DS),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=0\n"
			    "q: sub.example.com. IN DS\n"
			    "an: sub.example.com. 3600 IN DS 12345 8 2 ABCDEF\n");
	/* Serving the child too, the DS still comes from the parent. */
	assert_string_equal(ask("child.example.com.", Q53_TYPE_DS),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=0\n"
			    "q: child.example.com. IN DS\n"
			    "an: child.example.com. 3600 IN DS 54321 13 2 0123\n");
	/* Anything else at the child's apex comes from the child. */
	assert_string_equal(ask("child.example.com.", Q53_TYPE_NS),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=1\n"
			    "q: child.example.com. IN NS\n"
			    "an: child.example.com. 3600 IN NS ns.child.example.com.\n"
			    "ar: ns.child.example.com. 3600 IN A 192.0.2.60\n");
	assert_string_equal(ask("host.child.example.com.", Q53_TYPE_A),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=0\n"
			    "q: host.child.example.com. IN A\n"
			    "an: host.child.example.com. 300 IN A 192.0.2.61\n");
}

/* RFC 8482 4.1: one RRset over UDP (the lowest type), the whole node over TCP. */
static void test_answer_any(void **state)
{
	(void)state;
	assert_string_equal(ask("www.example.com.", Q53_TYPE_ANY),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=0\n"
			    "q: www.example.com. IN ANY\n"
			    "an: www.example.com. 300 IN A 192.0.2.10\n");
	/* The apex: one RRset (NS, type 2), and none of its addresses. */
	assert_string_equal(ask("example.com.", Q53_TYPE_ANY),
			    "NOERROR qr aa qd=1 an=2 ns=0 ar=0\n"
			    "q: example.com. IN ANY\n"
			    "an: example.com. 3600 IN NS ns1.example.com.\n"
			    "an: example.com. 3600 IN NS ns2.example.com.\n");
	/* Below a cut ANY gets the referral, glue included. */
	assert_string_equal(ask("host.sub.example.com.", Q53_TYPE_ANY),
			    "NOERROR qr qd=1 an=0 ns=2 ar=2\n"
			    "q: host.sub.example.com. IN ANY\n"
			    "ns: sub.example.com. 3600 IN NS ns1.sub.example.com.\n"
			    "ns: sub.example.com. 3600 IN NS ns2.sub.example.com.\n"
			    "ar: ns1.sub.example.com. 3600 IN A 192.0.2.53\n"
			    "ar: ns2.sub.example.com. 3600 IN AAAA 2001:db8::53\n");
}

static void test_answer_any_tcp(void **state)
{
	(void)state;
	client.tcp = true;
	assert_string_equal(ask("www.example.com.", Q53_TYPE_ANY),
			    "NOERROR qr aa qd=1 an=3 ns=0 ar=0\n"
			    "q: www.example.com. IN ANY\n"
			    "an: www.example.com. 300 IN A 192.0.2.10\n"
			    "an: www.example.com. 300 IN TXT \"hello\"\n"
			    "an: www.example.com. 300 IN AAAA 2001:db8::10\n");
	/* RRSIG only with DO (RFC 3225 3). */
	assert_string_equal(ask("signed.example.com.", Q53_TYPE_ANY),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=0\n"
			    "q: signed.example.com. IN ANY\n"
			    "an: signed.example.com. 300 IN A 192.0.2.90\n");
	assert_string_equal(ask_edns("signed.example.com.", Q53_TYPE_ANY, 1232, Q53_EDNS_DO),
			    "NOERROR qr aa qd=1 an=2 ns=0 ar=1\n"
			    "q: signed.example.com. IN ANY\n"
			    "an: signed.example.com. 300 IN A 192.0.2.90\n"
			    "an: signed.example.com. 300 IN RRSIG A 8 3 300 20270101000000 20260101000000 1 "
			    "example.com. AA==\n"
			    "opt: udp=1232 ver=0 flags=8000\n");
	/* Asked for by type, the RRSIG comes without DO. */
	client.tcp = false;
	assert_string_equal(ask("signed.example.com.", Q53_TYPE_RRSIG),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=0\n"
			    "q: signed.example.com. IN RRSIG\n"
			    "an: signed.example.com. 300 IN RRSIG A 8 3 300 20270101000000 20260101000000 1 "
			    "example.com. AA==\n");
}

/* RFC 2181 9: an answer RRset that does not fit is left out whole, with TC. */
static void test_answer_truncation(void **state)
{
	(void)state;
	assert_string_equal(ask_full("big.example.com.", Q53_TYPE_TXT, Q53_CLASS_IN, Q53_FLAG_RD, NULL),
			    "NOERROR qr aa tc rd qd=1 an=0 ns=0 ar=0\n"
			    "q: big.example.com. IN TXT\n");
	ask_edns("big.example.com.", Q53_TYPE_TXT, 4096, 0);
	assert_memory_equal(text, "NOERROR qr aa qd=1 an=4 ns=0 ar=1\n", 34);
	assert_non_null(strstr(text, "opt: udp=1232 ver=0 flags=0000\n"));
}

/* The text ends with this line. */
static void assert_last_line(const char *line)
{
	size_t n = strlen(text), k = strlen(line);
	assert_true(n >= k);
	assert_string_equal(text + n - k, line);
}

/* Additional data that does not fit is left out silently: no TC (RFC 2181 9). */
static void test_answer_additional_dropped(void **state)
{
	(void)state;
	/* 12 + question 20 + 10 MX (nine of 20 octets, one of 21) = 233; the addresses (A 16 octets,
	 * AAAA 28, owners compressed to the MX targets) fill the 279 left with 6 pairs: 497. The 7th A
	 * would need 513. */
	ask("mx.example.com.", Q53_TYPE_MX);
	assert_memory_equal(text, "NOERROR qr aa qd=1 an=10 ns=0 ar=12\n", 36);
	assert_last_line("ar: mx6.example.com. 300 IN AAAA 2001:db8::6\n");
	assert_int_equal(rlen, 497);
	/* Over TCP all 20 addresses. */
	client.tcp = true;
	ask("mx.example.com.", Q53_TYPE_MX);
	assert_memory_equal(text, "NOERROR qr aa qd=1 an=10 ns=0 ar=20\n", 36);
	assert_last_line("ar: mx10.example.com. 300 IN AAAA 2001:db8::10\n");
}

/* RFC 9471 3.1: in-domain glue of a referral is required: TC when it does not fit; sibling glue is not. */
static void test_answer_glue_required(void **state)
{
	(void)state;
	/* 12 + question 23 + 13 NS of 19 octets = 282; 5 glue pairs of 44 octets: 502, then TC. */
	ask("x.fat.example.com.", Q53_TYPE_A);
	assert_memory_equal(text, "NOERROR qr tc qd=1 an=0 ns=13 ar=10\n", 36);
	assert_last_line("ar: ns05.fat.example.com. 3600 IN AAAA 2001:db8::5\n");
	assert_int_equal(rlen, 502);
	ask_edns("x.fat.example.com.", Q53_TYPE_A, 1232, 0);
	assert_memory_equal(text, "NOERROR qr qd=1 an=0 ns=13 ar=27\n", 33);
	assert_last_line("ar: ns13.fat.example.com. 3600 IN AAAA 2001:db8::13\n"
			 "opt: udp=1232 ver=0 flags=0000\n");
	/* sib's servers live below fat: their addresses are sibling glue, left out without TC. */
	ask("x.sib.example.com.", Q53_TYPE_A);
	assert_memory_equal(text, "NOERROR qr qd=1 an=0 ns=13 ar=10\n", 33);
	assert_last_line("ar: ns05.fat.example.com. 3600 IN AAAA 2001:db8::5\n");
	assert_int_equal(rlen, 506);
}

static void test_answer_minimal(void **state)
{
	(void)state;
	const char *minimal = "NOERROR qr aa qd=1 an=1 ns=0 ar=0\n"
			      "q: www.example.com. IN A\n"
			      "an: www.example.com. 300 IN A 192.0.2.10\n";
	assert_string_equal(ask("www.example.com.", Q53_TYPE_A), minimal);
	cfg.minimal = false;
	assert_string_equal(ask("www.example.com.", Q53_TYPE_A),
			    "NOERROR qr aa qd=1 an=1 ns=2 ar=2\n"
			    "q: www.example.com. IN A\n"
			    "an: www.example.com. 300 IN A 192.0.2.10\n"
			    "ns: example.com. 3600 IN NS ns1.example.com.\n"
			    "ns: example.com. 3600 IN NS ns2.example.com.\n"
			    "ar: ns1.example.com. 3600 IN A 192.0.2.1\n"
			    "ar: ns2.example.com. 3600 IN A 192.0.2.2\n");
	/* The extra NS never costs TC: with room for the answer alone, the NS is left out silently. */
	cfg.minimal = true;
	ask_edns("big.example.com.", Q53_TYPE_TXT, 4096, 0);
	int alone = rlen;
	cfg.minimal = false;
	ask_edns("big.example.com.", Q53_TYPE_TXT, (uint16_t)alone, 0);
	assert_memory_equal(text, "NOERROR qr aa qd=1 an=4 ns=0 ar=1\n", 34);
	assert_int_equal(rlen, alone);
	ask_edns("big.example.com.", Q53_TYPE_TXT, 4096, 0);
	assert_memory_equal(text, "NOERROR qr aa qd=1 an=4 ns=2 ar=3\n", 34);
	/* Addresses of MX targets come in either mode. */
	cfg.minimal = true;
	assert_string_equal(ask("example.com.", Q53_TYPE_MX),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=1\n"
			    "q: example.com. IN MX\n"
			    "an: example.com. 300 IN MX 10 mail.example.com.\n"
			    "ar: mail.example.com. 300 IN A 192.0.2.25\n");
}

/* The question comes back as the client wrote it, and owners equal to it are written in its case. */
static void test_answer_case_echo(void **state)
{
	(void)state;
	assert_string_equal(ask("WwW.ExAmPlE.CoM.", Q53_TYPE_A),
			    "NOERROR qr aa qd=1 an=1 ns=0 ar=0\n"
			    "q: WwW.ExAmPlE.CoM. IN A\n"
			    "an: WwW.ExAmPlE.CoM. 300 IN A 192.0.2.10\n");
	/* The question octet for octet, then the answer's owner as a pointer to it. */
	size_t qn = 17 + 4;
	assert_memory_equal(rbuf + 12, qbuf + 12, qn);
	assert_memory_equal(rbuf + 12 + qn, "\xC0\x0C\0\1\0\1\0\0\x01\x2C\0\4\xC0\0\2\x0A", 16);
	assert_int_equal(rlen, 12 + (int)qn + 16);
	/* The SOA of a NODATA at the apex is owned by the name asked: its case too. */
	assert_string_equal(
	    ask("ExAmPlE.CoM.", Q53_TYPE_TXT),
	    "NOERROR qr aa qd=1 an=0 ns=1 ar=0\n"
	    "q: ExAmPlE.CoM. IN TXT\n"
	    "ns: ExAmPlE.CoM. 300 IN SOA ns1.example.com. hostmaster.example.com. 1 7200 900 1209600 300\n");
}

/* ---- DNSSEC (RFC 4035 3.1) ---- */

/* RFC 4035 3.1.1: with DO each RRset comes with its RRSIGs, in its section; without DO, none. */
static void test_answer_dnssec_positive(void **state)
{
	(void)state;
	assert_string_equal(ask_do("x.w.example.", Q53_TYPE_MX),
			    "NOERROR qr aa qd=1 an=2 ns=0 ar=5\n"
			    "q: x.w.example. IN MX\n"
			    "an: x.w.example. 3600 IN MX 1 xx.example.\n"
			    "an: x.w.example. 3600 IN RRSIG MX\n"
			    "ar: xx.example. 3600 IN A 192.0.2.10\n"
			    "ar: xx.example. 3600 IN RRSIG A\n"
			    "ar: xx.example. 3600 IN AAAA 2001:db8::f00:baaa\n"
			    "ar: xx.example. 3600 IN RRSIG AAAA\n"
			    "opt: udp=1232 ver=0 flags=8000\n");
	static const char plain[] = "NOERROR qr aa qd=1 an=1 ns=0 ar=3\n"
				    "q: x.w.example. IN MX\n"
				    "an: x.w.example. 3600 IN MX 1 xx.example.\n"
				    "ar: xx.example. 3600 IN A 192.0.2.10\n"
				    "ar: xx.example. 3600 IN AAAA 2001:db8::f00:baaa\n"
				    "opt: udp=1232 ver=0 flags=0000\n";
	assert_string_equal(ask_edns("x.w.example.", Q53_TYPE_MX, 1232, 0), plain);
	/* The signature's owner is compressed to the question's name, as the RRset's. */
	ask_do("X.W.example.", Q53_TYPE_MX);
	assert_non_null(strstr(text, "an: X.W.example. 3600 IN RRSIG MX\n"));
	/* A chain: every CNAME with its RRSIGs. A DNAME too; the CNAME made from it has none. */
	assert_string_equal(ask_do("c1.signed.test.", Q53_TYPE_A),
			    "NOERROR qr aa qd=1 an=6 ns=0 ar=1\n"
			    "q: c1.signed.test. IN A\n"
			    "an: c1.signed.test. 3600 IN CNAME c2.signed.test.\n"
			    "an: c1.signed.test. 3600 IN RRSIG CNAME\n"
			    "an: c2.signed.test. 3600 IN CNAME www.signed.test.\n"
			    "an: c2.signed.test. 3600 IN RRSIG CNAME\n"
			    "an: www.signed.test. 300 IN A 192.0.2.1\n"
			    "an: www.signed.test. 300 IN RRSIG A\n"
			    "opt: udp=1232 ver=0 flags=8000\n");
	assert_string_equal(ask_do("x.d.signed.test.", Q53_TYPE_A),
			    "NOERROR qr aa qd=1 an=3 ns=0 ar=1\n"
			    "q: x.d.signed.test. IN A\n"
			    "an: d.signed.test. 3600 IN DNAME example.net.\n"
			    "an: d.signed.test. 3600 IN RRSIG DNAME\n"
			    "an: x.d.signed.test. 3600 IN CNAME x.example.net.\n"
			    "opt: udp=1232 ver=0 flags=8000\n");
}

/*
 * RFC 4035 3.1.3.1-3.1.3.2 with NSEC (RFC 4035 Appendix B.2, B.3) and RFC 5155 7.2.2 with NSEC3: the
 * proofs and the SOA with their RRSIGs. RFC 2308 3 caps the SOA's TTL by its MINIMUM (3600 -> 300 in
 * signed.test.); its RRSIG gets the same TTL, as NSD gives it.
 */
static void test_answer_dnssec_negative(void **state)
{
	(void)state;
	assert_string_equal(
	    ask_do("ml.example.", Q53_TYPE_A),
	    "NXDOMAIN qr aa qd=1 an=0 ns=6 ar=1\n"
	    "q: ml.example. IN A\n"
	    "ns: b.example. 3600 IN NSEC ns1.example. NS RRSIG NSEC\n"
	    "ns: b.example. 3600 IN RRSIG NSEC\n"
	    "ns: example. 3600 IN NSEC a.example. NS SOA MX RRSIG NSEC DNSKEY\n"
	    "ns: example. 3600 IN RRSIG NSEC\n"
	    "ns: example. 3600 IN SOA ns1.example. bugs.x.w.example. 1081539377 3600 300 3600000 3600\n"
	    "ns: example. 3600 IN RRSIG SOA\n"
	    "opt: udp=1232 ver=0 flags=8000\n");
	assert_string_equal(
	    ask_do("ns1.example.", Q53_TYPE_MX),
	    "NOERROR qr aa qd=1 an=0 ns=4 ar=1\n"
	    "q: ns1.example. IN MX\n"
	    "ns: ns1.example. 3600 IN NSEC ns2.example. A RRSIG NSEC\n"
	    "ns: ns1.example. 3600 IN RRSIG NSEC\n"
	    "ns: example. 3600 IN SOA ns1.example. bugs.x.w.example. 1081539377 3600 300 3600000 3600\n"
	    "ns: example. 3600 IN RRSIG SOA\n"
	    "opt: udp=1232 ver=0 flags=8000\n");
	assert_string_equal(
	    ask_do("nx.signed.test.", Q53_TYPE_A),
	    "NXDOMAIN qr aa qd=1 an=0 ns=8 ar=1\n"
	    "q: nx.signed.test. IN A\n"
	    "ns: v0t087nhupjsj0vg6p5u27k5m75m8gsk.signed.test. 300 IN NSEC3\n"
	    "ns: v0t087nhupjsj0vg6p5u27k5m75m8gsk.signed.test. 300 IN RRSIG NSEC3\n"
	    "ns: kbebvvmlp3dt9jt13r18ob8th0gmmfl0.signed.test. 300 IN NSEC3\n"
	    "ns: kbebvvmlp3dt9jt13r18ob8th0gmmfl0.signed.test. 300 IN RRSIG NSEC3\n"
	    "ns: 1qhqaeihdn9vo80dsligfikcs5883b0u.signed.test. 300 IN NSEC3\n"
	    "ns: 1qhqaeihdn9vo80dsligfikcs5883b0u.signed.test. 300 IN RRSIG NSEC3\n"
	    "ns: signed.test. 300 IN SOA ns1.signed.test. hostmaster.signed.test. 1 7200 3600 1209600 300\n"
	    "ns: signed.test. 300 IN RRSIG SOA\n"
	    "opt: udp=1232 ver=0 flags=8000\n");
	/* Without DO: the SOA alone, as ever. */
	assert_string_equal(
	    ask_edns("nx.signed.test.", Q53_TYPE_A, 1232, 0),
	    "NXDOMAIN qr aa qd=1 an=0 ns=1 ar=1\n"
	    "q: nx.signed.test. IN A\n"
	    "ns: signed.test. 300 IN SOA ns1.signed.test. hostmaster.signed.test. 1 7200 3600 1209600 300\n"
	    "opt: udp=1232 ver=0 flags=0000\n");
	/* RFC 5155 7.2.8: a hashed owner of the chain does not exist, with DO or without. */
	assert_memory_equal(ask("v0t087nhupjsj0vg6p5u27k5m75m8gsk.signed.test.", Q53_TYPE_NSEC3),
			    "NXDOMAIN qr aa qd=1 an=0 ns=1 ar=0\n", 35);
}

/* RFC 4035 3.1.3.3-3.1.3.4 (Appendix B.6, B.7): a wildcard answer proves that no closer name exists. */
static void test_answer_dnssec_wildcard(void **state)
{
	(void)state;
	assert_string_equal(ask_do("a.z.w.example.", Q53_TYPE_MX),
			    "NOERROR qr aa qd=1 an=2 ns=2 ar=5\n"
			    "q: a.z.w.example. IN MX\n"
			    "an: a.z.w.example. 3600 IN MX 1 ai.example.\n"
			    "an: a.z.w.example. 3600 IN RRSIG MX\n"
			    "ns: x.y.w.example. 3600 IN NSEC xx.example. MX RRSIG NSEC\n"
			    "ns: x.y.w.example. 3600 IN RRSIG NSEC\n"
			    "ar: ai.example. 3600 IN A 192.0.2.9\n"
			    "ar: ai.example. 3600 IN RRSIG A\n"
			    "ar: ai.example. 3600 IN AAAA 2001:db8::f00:baa9\n"
			    "ar: ai.example. 3600 IN RRSIG AAAA\n"
			    "opt: udp=1232 ver=0 flags=8000\n");
	/* The RRSIG of a synthesized RRset is owned by the name asked (RFC 4035 3.1.3.3). */
	assert_memory_equal(rbuf + 12 + 15 + 4, "\xC0\x0C\0\x0F", 4);
	assert_string_equal(
	    ask_do("a.z.w.example.", Q53_TYPE_AAAA),
	    "NOERROR qr aa qd=1 an=0 ns=6 ar=1\n"
	    "q: a.z.w.example. IN AAAA\n"
	    "ns: x.y.w.example. 3600 IN NSEC xx.example. MX RRSIG NSEC\n"
	    "ns: x.y.w.example. 3600 IN RRSIG NSEC\n"
	    "ns: *.w.example. 3600 IN NSEC x.w.example. MX RRSIG NSEC\n"
	    "ns: *.w.example. 3600 IN RRSIG NSEC\n"
	    "ns: example. 3600 IN SOA ns1.example. bugs.x.w.example. 1081539377 3600 300 3600000 3600\n"
	    "ns: example. 3600 IN RRSIG SOA\n"
	    "opt: udp=1232 ver=0 flags=8000\n");
	/* NSEC3, after a CNAME: the NSEC3 covering the next closer name. */
	assert_string_equal(ask_do("towild.signed.test.", Q53_TYPE_A),
			    "NOERROR qr aa qd=1 an=4 ns=2 ar=1\n"
			    "q: towild.signed.test. IN A\n"
			    "an: towild.signed.test. 3600 IN CNAME x.wild.signed.test.\n"
			    "an: towild.signed.test. 3600 IN RRSIG CNAME\n"
			    "an: x.wild.signed.test. 3600 IN A 192.0.2.99\n"
			    "an: x.wild.signed.test. 3600 IN RRSIG A\n"
			    "ns: amp1t26qp77bepqho97vqmrjkqphcl6g.signed.test. 300 IN NSEC3\n"
			    "ns: amp1t26qp77bepqho97vqmrjkqphcl6g.signed.test. 300 IN RRSIG NSEC3\n"
			    "opt: udp=1232 ver=0 flags=8000\n");
}

/* RFC 4035 3.1.4 (Appendix B.4, B.5): the DS of a signed child with its RRSIGs, else the NSEC of none. */
static void test_answer_dnssec_referral(void **state)
{
	(void)state;
	assert_string_equal(ask_do("mc.a.example.", Q53_TYPE_MX),
			    "NOERROR qr qd=1 an=0 ns=4 ar=3\n"
			    "q: mc.a.example. IN MX\n"
			    "ns: a.example. 3600 IN NS ns1.a.example.\n"
			    "ns: a.example. 3600 IN NS ns2.a.example.\n"
			    "ns: a.example. 3600 IN DS 57855 5 1 B6DCD485719ADCA18E5F3D48A2331627FDD3636B\n"
			    "ns: a.example. 3600 IN RRSIG DS\n"
			    "ar: ns1.a.example. 3600 IN A 192.0.2.5\n"
			    "ar: ns2.a.example. 3600 IN A 192.0.2.6\n"
			    "opt: udp=1232 ver=0 flags=8000\n");
	assert_string_equal(ask_do("mc.b.example.", Q53_TYPE_MX),
			    "NOERROR qr qd=1 an=0 ns=4 ar=3\n"
			    "q: mc.b.example. IN MX\n"
			    "ns: b.example. 3600 IN NS ns1.b.example.\n"
			    "ns: b.example. 3600 IN NS ns2.b.example.\n"
			    "ns: b.example. 3600 IN NSEC ns1.example. NS RRSIG NSEC\n"
			    "ns: b.example. 3600 IN RRSIG NSEC\n"
			    "ar: ns1.b.example. 3600 IN A 192.0.2.7\n"
			    "ar: ns2.b.example. 3600 IN A 192.0.2.8\n"
			    "opt: udp=1232 ver=0 flags=8000\n");
	assert_string_equal(ask_edns("mc.b.example.", Q53_TYPE_MX, 1232, 0),
			    "NOERROR qr qd=1 an=0 ns=2 ar=3\n"
			    "q: mc.b.example. IN MX\n"
			    "ns: b.example. 3600 IN NS ns1.b.example.\n"
			    "ns: b.example. 3600 IN NS ns2.b.example.\n"
			    "ar: ns1.b.example. 3600 IN A 192.0.2.7\n"
			    "ar: ns2.b.example. 3600 IN A 192.0.2.8\n"
			    "opt: udp=1232 ver=0 flags=0000\n");
}

/* RFC 8482 4.1 with DO: over UDP the one RRset with its RRSIGs; over TCP every RRset with its own. */
static void test_answer_dnssec_any(void **state)
{
	(void)state;
	assert_string_equal(ask_do("xx.example.", Q53_TYPE_ANY), "NOERROR qr aa qd=1 an=2 ns=0 ar=1\n"
								 "q: xx.example. IN ANY\n"
								 "an: xx.example. 3600 IN A 192.0.2.10\n"
								 "an: xx.example. 3600 IN RRSIG A\n"
								 "opt: udp=1232 ver=0 flags=8000\n");
	client.tcp = true;
	assert_string_equal(ask_do("xx.example.", Q53_TYPE_ANY),
			    "NOERROR qr aa qd=1 an=8 ns=0 ar=1\n"
			    "q: xx.example. IN ANY\n"
			    "an: xx.example. 3600 IN A 192.0.2.10\n"
			    "an: xx.example. 3600 IN RRSIG A\n"
			    "an: xx.example. 3600 IN HINFO \"KLH-10\" \"TOPS-20\"\n"
			    "an: xx.example. 3600 IN RRSIG HINFO\n"
			    "an: xx.example. 3600 IN AAAA 2001:db8::f00:baaa\n"
			    "an: xx.example. 3600 IN RRSIG AAAA\n"
			    "an: xx.example. 3600 IN NSEC example. A HINFO AAAA RRSIG NSEC\n"
			    "an: xx.example. 3600 IN RRSIG NSEC\n"
			    "opt: udp=1232 ver=0 flags=8000\n");
}

/*
 * RFC 4035 3.1.1: RRSIGs of the answer that do not fit set TC, and the RRset goes with them (NSD does the
 * same); in additional an RRset whose RRSIGs do not fit is left out with them, without TC.
 */
static void test_answer_dnssec_truncation(void **state)
{
	(void)state;
	assert_string_equal(ask_full("big.signed.test.", Q53_TYPE_TXT, Q53_CLASS_IN, 0,
				     &(q53_edns_t){.udp_size = 512, .flags = Q53_EDNS_DO}),
			    "NOERROR qr aa tc qd=1 an=0 ns=0 ar=1\n"
			    "q: big.signed.test. IN TXT\n"
			    "opt: udp=1232 ver=0 flags=8000\n");
	/* Without DO the four records fit. */
	ask_edns("big.signed.test.", Q53_TYPE_TXT, 512, 0);
	assert_memory_equal(text, "NOERROR qr aa qd=1 an=4 ns=0 ar=1\n", 34);
	client.tcp = true;
	ask_do("big.signed.test.", Q53_TYPE_TXT);
	assert_memory_equal(text, "NOERROR qr aa qd=1 an=5 ns=0 ar=1\n", 34);
	/* Non-minimal, the apex NS, their addresses and all their RRSIGs do not fit 512 octets: each
	 * RRset that goes out has its RRSIGs right after it, and there is no TC. */
	client.tcp = false;
	cfg.minimal = false;
	ask_full("x.w.example.", Q53_TYPE_MX, Q53_CLASS_IN, 0,
		 &(q53_edns_t){.udp_size = 512, .flags = Q53_EDNS_DO});
	assert_null(strstr(text, " tc "));
	assert_true(rlen <= 512);
	/* Each record line is "sec: owner ttl IN TYPE ...": count the RRSIGs and the RRsets they cover. */
	unsigned sets = 0, sigs = 0;
	char prev[16] = "";
	for (const char *line = strchr(text, '\n') + 1; *line != '\0'; line = strchr(line, '\n') + 1) {
		char sec[8], type[16];
		if (sscanf(line, "%7s %*s %*s %*s %15s", sec, type) != 2 || strcmp(sec, "q:") == 0 ||
		    strcmp(sec, "opt:") == 0)
			continue;
		if (strcmp(type, "RRSIG") == 0)
			sigs++;
		else if (strcmp(type, prev) != 0)
			sets++;
		snprintf(prev, sizeof prev, "%s", strcmp(type, "RRSIG") == 0 ? "" : type);
	}
	assert_int_equal(sets, sigs);
	assert_true(sets >= 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_answer_drop_short, reset),
	    cmocka_unit_test_setup(test_answer_drop_response, reset),
	    cmocka_unit_test_setup(test_answer_formerr_qdcount, reset),
	    cmocka_unit_test_setup(test_answer_formerr_malformed, reset),
	    cmocka_unit_test_setup(test_answer_trailing_ignored, reset),
	    cmocka_unit_test_setup(test_answer_notimp_opcodes, reset),
	    cmocka_unit_test_setup(test_answer_z_ignored, reset),
	    cmocka_unit_test_setup(test_answer_edns_basic, reset),
	    cmocka_unit_test_setup(test_answer_edns_badvers, reset),
	    cmocka_unit_test_setup(test_answer_edns_two_opts, reset),
	    cmocka_unit_test_setup(test_answer_edns_udp_limit, reset),
	    cmocka_unit_test_setup(test_answer_nsid, reset),
	    cmocka_unit_test_setup(test_answer_siphash_vectors, reset),
	    cmocka_unit_test_setup(test_answer_cookie_rfc9018, reset),
	    cmocka_unit_test_setup(test_answer_cookie_stable, reset),
	    cmocka_unit_test_setup(test_answer_cookie_malformed, reset),
	    cmocka_unit_test_setup(test_answer_cookie_only, reset),
	    cmocka_unit_test_setup(test_answer_cookie_valid, reset),
	    cmocka_unit_test_setup(test_answer_note, reset),
	    cmocka_unit_test_setup(test_answer_chaos, reset),
	    cmocka_unit_test_setup(test_answer_class_refused, reset),
	    cmocka_unit_test_setup(test_answer_out_of_zone, reset),
	    cmocka_unit_test_setup(test_answer_meta_types, reset),
	    cmocka_unit_test_setup(test_answer_caller_mistakes, reset),
	    cmocka_unit_test_setup(test_answer_flags, reset),
	    cmocka_unit_test_setup(test_answer_nxdomain, reset),
	    cmocka_unit_test_setup(test_answer_nodata, reset),
	    cmocka_unit_test_setup(test_answer_wildcard, reset),
	    cmocka_unit_test_setup(test_answer_cname_chain, reset),
	    cmocka_unit_test_setup(test_answer_dname, reset),
	    cmocka_unit_test_setup(test_answer_referral, reset),
	    cmocka_unit_test_setup(test_answer_ds_at_cut, reset),
	    cmocka_unit_test_setup(test_answer_any, reset),
	    cmocka_unit_test_setup(test_answer_any_tcp, reset),
	    cmocka_unit_test_setup(test_answer_truncation, reset),
	    cmocka_unit_test_setup(test_answer_additional_dropped, reset),
	    cmocka_unit_test_setup(test_answer_glue_required, reset),
	    cmocka_unit_test_setup(test_answer_minimal, reset),
	    cmocka_unit_test_setup(test_answer_case_echo, reset),
	    cmocka_unit_test_setup(test_answer_dnssec_positive, reset),
	    cmocka_unit_test_setup(test_answer_dnssec_negative, reset),
	    cmocka_unit_test_setup(test_answer_dnssec_wildcard, reset),
	    cmocka_unit_test_setup(test_answer_dnssec_referral, reset),
	    cmocka_unit_test_setup(test_answer_dnssec_any, reset),
	    cmocka_unit_test_setup(test_answer_dnssec_truncation, reset),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
