/*
 * Unit tests of server/xfr.c: AXFR streams (RFC 5936: SOA first and last, every record once, messages
 * within 16 KiB, the question in the first only, TSIG on each), the ACL and its answers (REFUSED,
 * NOTAUTH, NOTIMP over UDP), the IXFR journal (RFC 1995: condensed differences, the AXFR-form fallback,
 * the SOA alone for a current client, the depth bound) and truncated queries that must not crash.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "q53/msg.h"
#include "q53/name.h"
#include "tsig.h"
#include "xfr.h"

static const uint8_t apex[] = "\7example\3com";

/* A zone of example.com with the given serial, `hosts` A records and a TXT saying the version. */
/* A zone of serial, with a TXT record of txt, hosts A records and the lines extra. */
static q53_zone_t *make_zone_with(uint32_t serial, unsigned hosts, const char *txt, const char *extra)
{
	char path[] = "/tmp/test_xfr.XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fprintf(f, "$TTL 3600\n@ SOA ns1 hostmaster %u 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.53\n",
		serial);
	fprintf(f, "v TXT \"%s\"\n%s", txt, extra);
	for (unsigned i = 0; i < hosts; i++)
		fprintf(f, "h%u A 10.%u.%u.%u\n", i, i >> 16 & 255, i >> 8 & 255, i & 255);
	fclose(f);
	q53_zone_t *z = NULL;
	assert_int_equal(q53_zone_load(path, apex, NULL, NULL, &z), 0);
	unlink(path);
	return z;
}

static q53_zone_t *make_zone(uint32_t serial, unsigned hosts, const char *txt)
{
	return make_zone_with(serial, hosts, txt, "");
}

static q53_xfr_t *make_xfr(void)
{
	q53_xfr_t *x = q53_xfr_new(NULL, NULL);
	char err[256];
	assert_non_null(x);
	assert_int_equal(q53_xfr_setting(x, "tsig-key", "hmac-sha256:k.:c2VjcmV0LWtleQ==", err, sizeof err),
			 1);
	assert_int_equal(q53_xfr_setting(x, "allow-transfer", "127.0.0.0/8", err, sizeof err), 1);
	assert_int_equal(
	    q53_xfr_setting(x, "zone-allow-transfer", "example.com 192.0.2.0/24 key k", err, sizeof err), 1);
	assert_int_equal(q53_xfr_setting(x, "listen", "x", err, sizeof err), 0);
	assert_int_equal(q53_xfr_setting(x, "allow-transfer", "300.1.1.1", err, sizeof err), -1);
	assert_int_equal(q53_xfr_setting(x, "allow-transfer", "10.0.0.0/33", err, sizeof err), -1);
	assert_int_equal(q53_xfr_setting(x, "allow-transfer", "10.0.0.0/8 key nokey", err, sizeof err), -1);
	assert_int_equal(q53_xfr_setting(x, "notify", "example.com", err, sizeof err), -1);
	return x;
}

static q53_client_t client(const char *a)
{
	q53_client_t c = {.tcp = true, .family = 4};
	unsigned o[4];
	assert_int_equal(sscanf(a, "%u.%u.%u.%u", &o[0], &o[1], &o[2], &o[3]), 4);
	for (int i = 0; i < 4; i++)
		c.addr[i] = (uint8_t)o[i];
	return c;
}

/* An AXFR or IXFR query (IXFR with the client's serial in an authority SOA, RFC 1995 3). */
static size_t make_query(uint8_t *buf, size_t cap, uint16_t type, uint32_t serial)
{
	q53_writer_t w;
	q53_writer_init(&w, buf, cap, 0x4242, 0);
	q53_writer_question(&w, apex, type, Q53_CLASS_IN);
	if (type == Q53_TYPE_IXFR) {
		uint8_t rd[64] = {0, 0};
		q53_put32(rd + 2, serial);
		q53_writer_rr(&w, Q53_SEC_AUTHORITY, apex, Q53_TYPE_SOA, Q53_CLASS_IN, 0, rd, 22);
	}
	int n = q53_writer_finish(&w);
	assert_true(n > 0);
	return (size_t)n;
}

/* What a transfer holds: every record's type and the serials of its SOAs, in order. */
typedef struct seen {
	unsigned msgs, records, soas;
	uint32_t soa_serial[64];
	unsigned txt;
	char txts[16][32];
	size_t biggest;
	int rcode;
} seen;

static void take(seen *s, const uint8_t *msg, size_t len, bool first)
{
	q53_reader_t r;
	q53_rr_t rr;
	assert_int_equal(q53_reader_init(&r, msg, len), 0);
	assert_int_equal(r.id, 0x4242);
	assert_true(r.flags & Q53_FLAG_QR);
	assert_int_equal(r.count[Q53_SEC_QUESTION], first ? 1 : 0);
	s->rcode = (int)(r.flags & 0xF);
	s->msgs++;
	if (len > s->biggest)
		s->biggest = len;
	int rc;
	while ((rc = q53_reader_next(&r, &rr)) > 0) {
		if (rr.section != Q53_SEC_ANSWER)
			continue;
		s->records++;
		if (rr.type == Q53_TYPE_SOA) {
			uint8_t rd[600];
			int n = q53_rr_rdata(&rr, rd, sizeof rd);
			assert_true(n > 0);
			size_t off = q53_name_len(rd);
			off += q53_name_len(rd + off);
			if (s->soas < 64)
				s->soa_serial[s->soas] = q53_get32(rd + off);
			s->soas++;
		} else if (rr.type == Q53_TYPE_TXT && s->txt < 16) {
			const uint8_t *t = rr.msg + rr.rdata;
			snprintf(s->txts[s->txt++], sizeof s->txts[0], "%.*s", t[0], (const char *)t + 1);
		}
	}
	assert_int_equal(rc, 0);
}

/* Runs one query through q53_xfr_answer and the stream; over UDP when tcp is false. */
static void run(q53_xfr_t *x, const q53_zoneset_t *zs, const char *from, const uint8_t *q, size_t qlen,
		bool tcp, seen *s, q53_tsig_ctx_t *verify)
{
	static uint8_t buf[65535];
	q53_answer_cfg_t acfg;
	q53_answer_cfg_init(&acfg, NULL);
	q53_client_t c = client(from);
	c.tcp = tcp;
	q53_xfr_stream_t *st = NULL;
	memset(s, 0, sizeof *s);
	assert_true(q53_xfr_wants(q, qlen, tcp));
	int n = q53_xfr_answer(x, &acfg, zs, &c, q, qlen, buf, tcp ? sizeof buf : 1232, tcp ? &st : NULL);
	assert_true(n > 0);
	/* Invariant: every message so far was read, and verified when signed. */
	for (bool first = true; n > 0; first = false) {
		if (verify != NULL)
			assert_int_equal(
			    q53_tsig_verify_response(verify, buf, (size_t)n, (uint64_t)time(NULL)), 1);
		take(s, buf, (size_t)n, first);
		n = st != NULL ? q53_xfr_stream_next(st, buf, sizeof buf) : 0;
	}
	assert_int_equal(n, 0);
	q53_xfr_stream_free(st);
}

static void test_xfr_axfr_stream(void **state)
{
	(void)state;
	q53_zone_t *z = make_zone(10, 3000, "one");
	size_t records = q53_zone_records(z);
	q53_zoneset_t *zs = q53_zoneset_new(&z, 1);
	q53_xfr_t *x = make_xfr();
	uint8_t q[512];
	size_t qlen = make_query(q, sizeof q, Q53_TYPE_AXFR, 0);
	seen s;
	run(x, zs, "127.0.0.1", q, qlen, true, &s, NULL);
	assert_int_equal(s.rcode, 0);
	/* RFC 5936 2.2: SOA, every other record once, SOA: records + 1 in all. */
	assert_int_equal(s.records, records + 1);
	assert_int_equal(s.soas, 2);
	assert_true(s.msgs >= 3);
	assert_true(s.biggest <= 16384);
	assert_true(s.biggest > 8192);
	/* Over UDP: NOTIMP, as NSD and Knot. */
	run(x, zs, "127.0.0.1", q, qlen, false, &s, NULL);
	assert_int_equal(s.rcode, Q53_RCODE_NOTIMP);
	q53_xfr_free(x);
	q53_zoneset_free(zs);
}

static void test_xfr_acl(void **state)
{
	(void)state;
	q53_zone_t *z = make_zone(10, 3, "one");
	q53_zoneset_t *zs = q53_zoneset_new(&z, 1);
	q53_xfr_t *x = make_xfr();
	uint8_t q[512];
	size_t qlen = make_query(q, sizeof q, Q53_TYPE_AXFR, 0);
	seen s;
	/* Deny by default: an address in no entry. */
	run(x, zs, "198.51.100.1", q, qlen, true, &s, NULL);
	assert_int_equal(s.rcode, Q53_RCODE_REFUSED);
	assert_int_equal(s.records, 0);
	/* 192.0.2.0/24 needs key k: unsigned is REFUSED, signed goes through and every message is signed. */
	run(x, zs, "192.0.2.7", q, qlen, true, &s, NULL);
	assert_int_equal(s.rcode, Q53_RCODE_REFUSED);
	q53_tsig_key_t k;
	assert_int_equal(q53_tsig_key_from_text("hmac-sha256:k.:c2VjcmV0LWtleQ==", &k), 0);
	q53_tsig_ctx_t c;
	q53_tsig_ctx_init(&c, &k);
	int n = q53_tsig_sign(&c, q, qlen, sizeof q, (uint64_t)time(NULL));
	assert_true(n > 0);
	run(x, zs, "192.0.2.7", q, (size_t)n, true, &s, &c);
	assert_int_equal(s.rcode, 0);
	assert_int_equal(s.soas, 2);
	q53_tsig_ctx_free(&c);
	/* A name that is not an apex of ours: NOTAUTH. */
	uint8_t q2[512];
	q53_writer_t w;
	q53_writer_init(&w, q2, sizeof q2, 0x4242, 0);
	q53_writer_question(&w, (const uint8_t *)"\3www\7example\3com", Q53_TYPE_AXFR, Q53_CLASS_IN);
	run(x, zs, "127.0.0.1", q2, (size_t)q53_writer_finish(&w), true, &s, NULL);
	assert_int_equal(s.rcode, Q53_RCODE_NOTAUTH);
	q53_xfr_free(x);
	q53_zoneset_free(zs);
}

static void test_xfr_ixfr_journal(void **state)
{
	(void)state;
	q53_xfr_t *x = make_xfr();
	q53_zone_t *v1 = make_zone(1, 5, "one"), *v2 = make_zone(2, 6, "two"), *v3 = make_zone(3, 4, "three");
	q53_xfr_zone_loaded(x, NULL, v1);
	q53_xfr_zone_loaded(x, v1, v2);
	q53_xfr_zone_loaded(x, v2, v3);
	q53_zone_free(v1);
	q53_zone_free(v2);
	q53_zoneset_t *zs = q53_zoneset_new(&v3, 1);
	uint8_t q[512];
	seen s;
	/* From 1: SOA 3, [SOA 1, deletions, SOA 2, additions], [SOA 2, ..., SOA 3, ...], SOA 3. */
	size_t qlen = make_query(q, sizeof q, Q53_TYPE_IXFR, 1);
	run(x, zs, "127.0.0.1", q, qlen, true, &s, NULL);
	assert_int_equal(s.soas, 6);
	uint32_t want[] = {3, 1, 2, 2, 3, 3};
	assert_memory_equal(s.soa_serial, want, sizeof want);
	/* TXT: "one" deleted, "two" added, "two" deleted, "three" added; h5 added then h4, h5 deleted. */
	assert_int_equal(s.txt, 4);
	assert_string_equal(s.txts[0], "one");
	assert_string_equal(s.txts[1], "two");
	assert_string_equal(s.txts[2], "two");
	assert_string_equal(s.txts[3], "three");
	assert_int_equal(s.records, 6 + 4 + 1 + 2);
	/* From 2: one difference. */
	qlen = make_query(q, sizeof q, Q53_TYPE_IXFR, 2);
	run(x, zs, "127.0.0.1", q, qlen, true, &s, NULL);
	assert_int_equal(s.soas, 4);
	/* Current: the SOA alone (RFC 1995 2); over UDP too. */
	qlen = make_query(q, sizeof q, Q53_TYPE_IXFR, 3);
	run(x, zs, "127.0.0.1", q, qlen, true, &s, NULL);
	assert_int_equal(s.records, 1);
	run(x, zs, "127.0.0.1", q, qlen, false, &s, NULL);
	assert_int_equal(s.records, 1);
	/* Over UDP an older client gets the SOA alone: "ask over TCP". */
	qlen = make_query(q, sizeof q, Q53_TYPE_IXFR, 1);
	run(x, zs, "127.0.0.1", q, qlen, false, &s, NULL);
	assert_int_equal(s.records, 1);
	/* A client ahead of us (77 > 3): our SOA alone, nothing to take back. */
	qlen = make_query(q, sizeof q, Q53_TYPE_IXFR, 77);
	run(x, zs, "127.0.0.1", q, qlen, true, &s, NULL);
	assert_int_equal(s.records, 1);
	/* A serial we have no journal for: the whole zone in AXFR form (RFC 1995 4). */
	qlen = make_query(q, sizeof q, Q53_TYPE_IXFR, 0xFFFFFFF0u); /* before 3 (RFC 1982) */
	run(x, zs, "127.0.0.1", q, qlen, true, &s, NULL);
	assert_int_equal(s.soas, 2);
	assert_int_equal(s.records, q53_zone_records(v3) + 1);
	q53_xfr_free(x);
	q53_zoneset_free(zs);
}

/*
 * The RRSIGs of one name are one set per type covered (RFC 4034 3): a difference that drops the A RRset
 * and its RRSIG deletes those two records and leaves the RRSIG of the MX alone.
 */
static void test_xfr_ixfr_rrsig_sets(void **state)
{
	(void)state;
	static const char sigs[] =
	    "s 300 A 192.0.2.9\n"
	    "s 600 MX 10 s\n"
	    "s 300 RRSIG A 8 3 300 20270101000000 20260101000000 1 example.com. AA==\n"
	    "s 600 RRSIG MX 8 3 600 20270101000000 20260101000000 1 example.com. AA==\n";
	q53_xfr_t *x = make_xfr();
	q53_zone_t *v1 = make_zone_with(1, 0, "one", sigs);
	q53_zone_t *v2 = make_zone_with(
	    2, 0, "one",
	    "s 600 MX 10 s\ns 600 RRSIG MX 8 3 600 20270101000000 20260101000000 1 example.com. AA==\n");
	q53_xfr_zone_loaded(x, NULL, v1);
	q53_xfr_zone_loaded(x, v1, v2);
	q53_zone_free(v1);
	q53_zoneset_t *zs = q53_zoneset_new(&v2, 1);
	uint8_t q[512];
	seen s;
	size_t qlen = make_query(q, sizeof q, Q53_TYPE_IXFR, 1);
	run(x, zs, "127.0.0.1", q, qlen, true, &s, NULL);
	/* SOA 2, SOA 1, the A and its RRSIG, SOA 2, SOA 2. */
	assert_int_equal(s.soas, 4);
	assert_int_equal(s.records, 6);
	q53_xfr_free(x);
	q53_zoneset_free(zs);
}

/* The journal keeps `depth` differences; a serial that went down starts over. */
static void test_xfr_journal_bounds(void **state)
{
	(void)state;
	q53_xfr_t *x = make_xfr();
	q53_xfr_set_journal(x, 2);
	q53_zone_t *v[5];
	for (unsigned i = 0; i < 5; i++) {
		char t[8];
		snprintf(t, sizeof t, "t%u", i);
		v[i] = make_zone(i + 1, 3, t);
		q53_xfr_zone_loaded(x, i ? v[i - 1] : NULL, v[i]);
	}
	q53_zoneset_t *zs = q53_zoneset_new(&v[4], 1);
	uint8_t q[512];
	seen s;
	size_t qlen = make_query(q, sizeof q, Q53_TYPE_IXFR, 3);
	run(x, zs, "127.0.0.1", q, qlen, true, &s, NULL);
	assert_int_equal(s.soas, 6);
	qlen = make_query(q, sizeof q, Q53_TYPE_IXFR, 2);
	run(x, zs, "127.0.0.1", q, qlen, true, &s, NULL);
	assert_int_equal(s.soas, 2); /* dropped: full zone */
	for (unsigned i = 0; i < 4; i++)
		q53_zone_free(v[i]);
	/* Serial 5 -> 4: no IXFR from 5 makes sense any more, and 3 -> 4 is gone too. */
	q53_zone_t *down = make_zone(4, 3, "down");
	q53_xfr_zone_loaded(x, v[4], down);
	q53_zoneset_free(zs);
	zs = q53_zoneset_new(&down, 1);
	qlen = make_query(q, sizeof q, Q53_TYPE_IXFR, 3);
	run(x, zs, "127.0.0.1", q, qlen, true, &s, NULL);
	assert_int_equal(s.soas, 2);
	assert_int_equal(s.txt, 1);
	assert_string_equal(s.txts[0], "down");
	q53_xfr_free(x);
	q53_zoneset_free(zs);
}

/* Every prefix of a signed IXFR query and a NOTIFY: an answer or a drop, never a crash (ASan watches). */
static void test_xfr_truncated_queries(void **state)
{
	(void)state;
	q53_zone_t *z = make_zone(10, 3, "one");
	q53_zoneset_t *zs = q53_zoneset_new(&z, 1);
	q53_xfr_t *x = make_xfr();
	q53_tsig_key_t k;
	assert_int_equal(q53_tsig_key_from_text("hmac-sha256:k.:c2VjcmV0LWtleQ==", &k), 0);
	uint8_t q[600];
	size_t qlen = make_query(q, sizeof q, Q53_TYPE_IXFR, 9);
	q53_tsig_ctx_t c;
	q53_tsig_ctx_init(&c, &k);
	int n = q53_tsig_sign(&c, q, qlen, sizeof q, (uint64_t)time(NULL));
	assert_true(n > 0);
	q53_answer_cfg_t acfg;
	q53_answer_cfg_init(&acfg, NULL);
	q53_client_t cl = client("127.0.0.1");
	static uint8_t out[65535];
	for (size_t len = 0; len <= (size_t)n; len++) {
		q53_xfr_stream_t *st = NULL;
		int r = q53_xfr_answer(x, &acfg, zs, &cl, q, len, out, sizeof out, &st);
		assert_true(r >= 0);
		q53_xfr_stream_free(st);
	}
	/* Over UDP in 512 octets (edns-size 512), a signed IXFR still gets its signed SOA. */
	qlen = make_query(q, sizeof q, Q53_TYPE_IXFR, 9);
	q53_tsig_ctx_init(&c, &k);
	n = q53_tsig_sign(&c, q, qlen, sizeof q, (uint64_t)time(NULL));
	cl.tcp = false;
	int u = q53_xfr_answer(x, &acfg, zs, &cl, q, (size_t)n, out, 512, NULL);
	assert_true(u > 0 && u <= 512);
	assert_int_equal(q53_tsig_verify_response(&c, out, (size_t)u, (uint64_t)time(NULL)), 1);
	q53_tsig_ctx_free(&c);
	cl.tcp = true;
	/* A NOTIFY is refused while q53d has no secondary zones (RFC 1996 3.10 leaves it to us). */
	qlen = make_query(q, sizeof q, Q53_TYPE_SOA, 0);
	q[2] = (uint8_t)(Q53_OPCODE_NOTIFY << 3);
	assert_true(q53_xfr_wants(q, qlen, false));
	int r = q53_xfr_answer(x, &acfg, zs, &cl, q, qlen, out, 1232, NULL);
	assert_true(r > 0);
	assert_int_equal(out[3] & 0xF, Q53_RCODE_REFUSED);
	/* Ordinary queries are not ours. */
	uint8_t a[512];
	int alen = q53_msg_query(a, sizeof a, 1, 0, apex, Q53_TYPE_A, Q53_CLASS_IN, NULL);
	assert_false(q53_xfr_wants(a, (size_t)alen, false));
	assert_false(q53_xfr_wants(a, (size_t)alen, true));
	q53_xfr_free(x);
	q53_zoneset_free(zs);
}

/*
 * 20000 mutations (fixed seed: the same every run) of a signed IXFR query, a signed AXFR query and a
 * NOTIFY: one to four octets changed, or the length cut. Every answer is a well-formed message or a drop;
 * ASan and UBSan watch the rest.
 */
static void test_xfr_mutations(void **state)
{
	(void)state;
	q53_xfr_t *x = make_xfr();
	q53_zone_t *v1 = make_zone(1, 20, "one"), *v2 = make_zone(2, 21, "two");
	q53_xfr_zone_loaded(x, NULL, v1);
	q53_xfr_zone_loaded(x, v1, v2);
	q53_zone_free(v1);
	q53_zoneset_t *zs = q53_zoneset_new(&v2, 1);
	q53_tsig_key_t k;
	assert_int_equal(q53_tsig_key_from_text("hmac-sha256:k.:c2VjcmV0LWtleQ==", &k), 0);
	uint8_t base[3][600];
	size_t blen[3];
	for (int i = 0; i < 3; i++) {
		blen[i] = make_query(base[i], sizeof base[i],
				     i == 1   ? Q53_TYPE_AXFR
				     : i == 0 ? Q53_TYPE_IXFR
					      : Q53_TYPE_SOA,
				     1);
		if (i == 2)
			base[i][2] = (uint8_t)(Q53_OPCODE_NOTIFY << 3);
		q53_tsig_ctx_t c;
		q53_tsig_ctx_init(&c, &k);
		int n = q53_tsig_sign(&c, base[i], blen[i], sizeof base[i], (uint64_t)time(NULL));
		assert_true(n > 0);
		blen[i] = (size_t)n;
	}
	q53_answer_cfg_t acfg;
	q53_answer_cfg_init(&acfg, NULL);
	q53_client_t cl = client("127.0.0.1");
	static uint8_t out[65535];
	uint32_t seed = 53;
	for (unsigned round = 0; round < 20000; round++) {
		uint8_t q[600];
		unsigned which = round % 3;
		size_t len = blen[which];
		memcpy(q, base[which], len);
		seed = seed * 1103515245u + 12345u;
		unsigned edits = 1 + (seed >> 16) % 4;
		for (unsigned e = 0; e < edits; e++) {
			seed = seed * 1103515245u + 12345u;
			q[(seed >> 8) % len] = (uint8_t)(seed >> 24);
		}
		if (round % 7 == 0)
			len = (seed >> 4) % len;
		cl.tcp = round % 2 == 0;
		q53_xfr_stream_t *st = NULL;
		int r = q53_xfr_answer(x, &acfg, zs, &cl, q, len, out, cl.tcp ? sizeof out : 1232,
				       cl.tcp ? &st : NULL);
		/* Invariant: each message of the answer parses as a whole. */
		while (r > 0) {
			q53_reader_t rd;
			q53_rr_t rr;
			int k2;
			assert_int_equal(q53_reader_init(&rd, out, (size_t)r), 0);
			while ((k2 = q53_reader_next(&rd, &rr)) > 0)
				;
			assert_int_equal(k2, 0);
			r = st != NULL ? q53_xfr_stream_next(st, out, sizeof out) : 0;
		}
		assert_true(r >= 0);
		q53_xfr_stream_free(st);
		q53_tsig_rr_t t;
		(void)q53_tsig_find(q, len, &t);
	}
	q53_xfr_free(x);
	q53_zoneset_free(zs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_xfr_axfr_stream),    cmocka_unit_test(test_xfr_acl),
	    cmocka_unit_test(test_xfr_ixfr_journal),   cmocka_unit_test(test_xfr_ixfr_rrsig_sets),
	    cmocka_unit_test(test_xfr_journal_bounds), cmocka_unit_test(test_xfr_truncated_queries),
	    cmocka_unit_test(test_xfr_mutations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
