/*
 * Unit tests for codec/writer.c: exact bytes of built messages, compression only where RFC 3597 4 allows,
 * the sticky error, records dropped whole, marks, truncation, reserved room and OPT.
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

#include "q53/msg.h"
#include "q53/name.h"

static uint8_t buf[65536];

static const uint8_t *N(const char *t)
{
	static uint8_t w[8][Q53_NAME_MAX];
	static unsigned i;
	uint8_t *o = w[i++ % 8];
	assert_true(q53_name_from_text(t, strlen(t), NULL, o) > 0);
	return o;
}

static void test_writer_query_bytes(void **state)
{
	(void)state;
	static const uint8_t want[] = {0x12, 0x34, 0x01, 0x00, 0,    1,	  0,   0,    0,	  0,   0,
				       1,    3,	   'w',	 'w',  'w',  7,	  'e', 'x',  'a', 'm', 'p',
				       'l',  'e',  3,	 'c',  'o',  'm', 0,   0,    1,	  0,   1,
				       0,    0,	   0x29, 0x04, 0xD0, 0,	  0,   0x80, 0,	  0,   0};
	q53_edns_t e = {.udp_size = 1232, .flags = Q53_EDNS_DO};
	int n = q53_msg_query(buf, sizeof buf, 0x1234, Q53_FLAG_RD, N("www.example.com."), Q53_TYPE_A,
			      Q53_CLASS_IN, &e);
	assert_int_equal(n, (int)sizeof want);
	assert_memory_equal(buf, want, sizeof want);
	assert_int_equal(q53_edns_wire_size(&e), 11);
}

static void test_writer_compression(void **state)
{
	(void)state;
	q53_writer_t w;
	q53_writer_init(&w, buf, sizeof buf, 1, Q53_FLAG_QR | Q53_FLAG_AA);
	assert_int_equal(q53_writer_question(&w, N("www.example.com."), 1, 1), 0);
	assert_int_equal(q53_writer_rr(&w, Q53_SEC_ANSWER, N("www.example.com."), 1, 1, 60,
				       (const uint8_t *)"\1\2\3\4", 4),
			 0);
	/* Owner fully compressed: a pointer to the question name at 12. */
	assert_memory_equal(buf + 33, "\xC0\x0C\0\1\0\1\0\0\0\x3C\0\4\1\2\3\4", 16);
	/* NS target "ns1.example.com": label then pointer to "example.com" at 16. */
	uint8_t rd[Q53_NAME_MAX];
	memcpy(rd, N("ns1.example.com."), 17);
	size_t at = 49;
	assert_int_equal(q53_writer_rr(&w, Q53_SEC_AUTHORITY, N("example.com."), Q53_TYPE_NS, 1, 60, rd, 17),
			 0);
	assert_memory_equal(buf + at, "\xC0\x10\0\2\0\1\0\0\0\x3C\0\6\3ns1\xC0\x10", 18);
	/* The glue owner compresses fully against the NS target just written. */
	at += 18;
	assert_int_equal(q53_writer_rr(&w, Q53_SEC_ADDITIONAL, N("ns1.example.com."), 1, 1, 60,
				       (const uint8_t *)"\1\2\3\4", 4),
			 0);
	assert_memory_equal(buf + at, "\xC0\x3D", 2);
	int n = q53_writer_finish(&w);
	assert_int_equal(n, (int)at + 16);
	assert_memory_equal(buf + 4, "\0\1\0\1\0\1\0\1", 8);
	/* And it reads back. */
	q53_reader_t r;
	q53_rr_t rr;
	assert_int_equal(q53_reader_init(&r, buf, (size_t)n), 0);
	int count = 0;
	while (q53_reader_next(&r, &rr) > 0)
		count++;
	assert_int_equal(count, 4);
	assert_int_equal(q53_reader_trailing(&r), 0);
}

static void test_writer_compression_by_type(void **state)
{
	(void)state;
	q53_writer_t w;
	q53_writer_init(&w, buf, sizeof buf, 1, 0);
	q53_writer_question(&w, N("example.com."), 1, 1);
	size_t before = w.len;
	/* SRV (RFC 2782) and DNAME (RFC 6672 2.5) targets are never compressed. */
	uint8_t rd[64] = {0, 1, 0, 2, 0, 3};
	memcpy(rd + 6, N("example.com."), 13);
	q53_writer_rr(&w, Q53_SEC_ANSWER, N("example.com."), Q53_TYPE_SRV, 1, 0, rd, 19);
	assert_int_equal(w.len - before, 2 + 10 + 19);
	before = w.len;
	q53_writer_rr(&w, Q53_SEC_ANSWER, N("example.com."), Q53_TYPE_DNAME, 1, 0, N("example.com."), 13);
	assert_int_equal(w.len - before, 2 + 10 + 13);
	/* MX exchange is (RFC 1035 type). */
	before = w.len;
	memcpy(rd, "\0\12", 2);
	memcpy(rd + 2, N("example.com."), 13);
	q53_writer_rr(&w, Q53_SEC_ANSWER, N("example.com."), Q53_TYPE_MX, 1, 0, rd, 15);
	assert_int_equal(w.len - before, 2 + 10 + 4);
	/* Unknown types are copied as they are. */
	before = w.len;
	q53_writer_rr(&w, Q53_SEC_ANSWER, N("example.com."), 65280, 1, 0, N("example.com."), 13);
	assert_int_equal(w.len - before, 2 + 10 + 13);
	assert_true(q53_writer_finish(&w) > 0);
}

static void test_writer_compression_keeps_case(void **state)
{
	(void)state;
	q53_writer_t w;
	q53_writer_init(&w, buf, sizeof buf, 1, 0);
	q53_writer_question(&w, N("WWW.Example.com."), 1, 1);
	size_t before = w.len;
	q53_writer_rr(&w, Q53_SEC_ANSWER, N("www.example.com."), 1, 1, 0, (const uint8_t *)"\1\2\3\4", 4);
	/* "www.example.com" differs in case from both labels: only "com" is shared. */
	assert_int_equal(w.len - before, 1 + 3 + 1 + 7 + 2 + 10 + 4);
	int n = q53_writer_finish(&w);
	q53_reader_t r;
	q53_rr_t rr;
	uint8_t o[Q53_NAME_MAX];
	q53_reader_init(&r, buf, (size_t)n);
	q53_reader_next(&r, &rr);
	q53_reader_next(&r, &rr);
	q53_rr_owner(&rr, o);
	assert_memory_equal(o, "\3www\7example\3com\0", 17);
}

static void test_writer_nospace_drops_whole(void **state)
{
	(void)state;
	q53_writer_t w;
	q53_writer_mark_t m;
	q53_writer_init(&w, buf, 12 + 17 + 4 + 16 + 10, 1, 0);
	q53_writer_question(&w, N("www.example.com."), 1, 1);
	assert_int_equal(
	    q53_writer_rr(&w, Q53_SEC_ANSWER, N("www.example.com."), 1, 1, 0, (const uint8_t *)"\1\2\3\4", 4),
	    0);
	size_t len = w.len;
	q53_writer_mark(&w, &m);
	/* 16 octets for the next A record, 10 left. */
	assert_int_equal(
	    q53_writer_rr(&w, Q53_SEC_ANSWER, N("www.example.com."), 1, 1, 0, (const uint8_t *)"\1\2\3\5", 4),
	    Q53_ENOSPACE);
	assert_int_equal(w.len, len);
	assert_int_equal(w.count[Q53_SEC_ANSWER], 1);
	/* Sticky: later calls do nothing, finish reports it. */
	assert_int_equal(
	    q53_writer_rr(&w, Q53_SEC_ADDITIONAL, N("."), 1, 1, 0, (const uint8_t *)"\1\2\3\5", 4),
	    Q53_ENOSPACE);
	assert_int_equal(q53_writer_finish(&w), Q53_ENOSPACE);
	/* Rolling back to the mark forgets the record and the error. */
	q53_writer_rollback(&w, &m);
	assert_int_equal(q53_writer_finish(&w), (int)len);
}

/*
 * Labels registered by a record that is rolled back must be forgotten: a later name sharing them would
 * otherwise point at octets that the next record overwrites.
 */
static void test_writer_rollback_forgets_labels(void **state)
{
	(void)state;
	q53_writer_t w;
	q53_writer_mark_t m;
	q53_writer_init(&w, buf, sizeof buf, 1, 0);
	q53_writer_question(&w, N("www.example.com."), 1, 1);
	q53_writer_mark(&w, &m);
	assert_int_equal(q53_writer_rr(&w, Q53_SEC_ANSWER, N("a.dropped.example.com."), 1, 1, 0,
				       (const uint8_t *)"\1\2\3\4", 4),
			 0);
	q53_writer_rollback(&w, &m);
	/* A record of another owner takes the dropped record's place... */
	assert_int_equal(q53_writer_rr(&w, Q53_SEC_ANSWER, N("zzzzzzzzzzzzzzzzzzzz.example.com."), 1, 1, 0,
				       (const uint8_t *)"\1\2\3\4", 4),
			 0);
	/* ...and one under the dropped suffix must spell it out again. */
	assert_int_equal(q53_writer_rr(&w, Q53_SEC_ANSWER, N("b.dropped.example.com."), 1, 1, 0,
				       (const uint8_t *)"\1\2\3\4", 4),
			 0);
	int n = q53_writer_finish(&w);
	assert_true(n > 0);
	q53_reader_t r;
	q53_rr_t rr;
	uint8_t owner[Q53_NAME_MAX];
	assert_int_equal(q53_reader_init(&r, buf, (size_t)n), 0);
	int got = 0;
	while (q53_reader_next(&r, &rr) == 1) {
		assert_true(q53_rr_owner(&rr, owner) > 0);
		if (rr.section == Q53_SEC_ANSWER && got++ == 1)
			assert_true(q53_name_equal(owner, N("b.dropped.example.com.")));
	}
	assert_int_equal(got, 2);
}

static void test_writer_truncate(void **state)
{
	(void)state;
	q53_writer_t w;
	q53_writer_mark_t m;
	q53_writer_init(&w, buf, 60, 7, Q53_FLAG_QR);
	q53_writer_question(&w, N("www.example.com."), Q53_TYPE_TXT, 1);
	q53_writer_mark(&w, &m);
	uint8_t txt[40];
	txt[0] = 39;
	memset(txt + 1, 'x', 39);
	assert_int_equal(
	    q53_writer_rr(&w, Q53_SEC_ANSWER, N("www.example.com."), Q53_TYPE_TXT, 1, 0, txt, 40),
	    Q53_ENOSPACE);
	q53_writer_truncate(&w, &m);
	int n = q53_writer_finish(&w);
	assert_int_equal(n, 33);
	assert_int_equal(q53_get16(buf + 2), Q53_FLAG_QR | Q53_FLAG_TC);
	assert_int_equal(q53_get16(buf + 6), 0);
}

static void test_writer_reserve_and_edns(void **state)
{
	(void)state;
	q53_writer_t w;
	static const uint8_t nsid[] = {0, 3, 0, 3, 'n', 's', '1'};
	q53_edns_t e = {.udp_size = 1232, .options = nsid, .options_len = sizeof nsid};
	size_t cap = 12 + 17 + 4 + 16 + q53_edns_wire_size(&e);
	q53_writer_init(&w, buf, cap, 1, 0);
	q53_writer_question(&w, N("www.example.com."), 1, 1);
	assert_int_equal(q53_writer_reserve(&w, q53_edns_wire_size(&e)), 0);
	assert_int_equal(
	    q53_writer_rr(&w, Q53_SEC_ANSWER, N("www.example.com."), 1, 1, 0, (const uint8_t *)"\1\2\3\4", 4),
	    0);
	q53_writer_mark_t m;
	q53_writer_mark(&w, &m);
	/* A second record would eat the reserved room: it does not fit. */
	assert_int_equal(q53_writer_rr(&w, Q53_SEC_ADDITIONAL, N("www.example.com."), 1, 1, 0,
				       (const uint8_t *)"\1\2\3\4", 4),
			 Q53_ENOSPACE);
	q53_writer_rollback(&w, &m);
	assert_int_equal(q53_writer_edns(&w, &e), 0);
	int n = q53_writer_finish(&w);
	assert_int_equal(n, (int)cap);
	q53_reader_t r;
	q53_edns_t got;
	q53_reader_init(&r, buf, (size_t)n);
	assert_int_equal(q53_reader_edns(&r, &got), 1);
	assert_int_equal(got.udp_size, 1232);
	assert_int_equal(got.options_len, sizeof nsid);
	assert_memory_equal(got.options, nsid, sizeof nsid);
	/* Reserving more than is left fails. */
	q53_writer_init(&w, buf, 20, 1, 0);
	assert_int_equal(q53_writer_reserve(&w, 9), Q53_ENOSPACE);
}

static void test_writer_section_order(void **state)
{
	(void)state;
	q53_writer_t w;
	q53_writer_init(&w, buf, sizeof buf, 1, 0);
	q53_writer_rr(&w, Q53_SEC_AUTHORITY, N("a."), 1, 1, 0, (const uint8_t *)"\1\2\3\4", 4);
	assert_int_equal(q53_writer_rr(&w, Q53_SEC_ANSWER, N("a."), 1, 1, 0, (const uint8_t *)"\1\2\3\4", 4),
			 Q53_EINVAL);
	assert_int_equal(q53_writer_finish(&w), Q53_EINVAL);
	q53_writer_init(&w, buf, sizeof buf, 1, 0);
	assert_int_equal(q53_writer_rr(&w, Q53_SEC_QUESTION, N("a."), 1, 1, 0, NULL, 0), Q53_EINVAL);
	q53_writer_init(&w, buf, sizeof buf, 1, 0);
	q53_writer_rr(&w, Q53_SEC_ANSWER, N("a."), 1, 1, 0, (const uint8_t *)"\1\2\3\4", 4);
	assert_int_equal(q53_writer_question(&w, N("a."), 1, 1), Q53_EINVAL);
}

static void test_writer_bad_rdata(void **state)
{
	(void)state;
	q53_writer_t w;
	q53_writer_init(&w, buf, sizeof buf, 1, 0);
	assert_int_equal(
	    q53_writer_rr(&w, Q53_SEC_ANSWER, N("a."), Q53_TYPE_A, 1, 0, (const uint8_t *)"\1\2\3", 3),
	    Q53_ERDATA);
	assert_int_equal(w.len, 12);
	assert_int_equal(w.count[1], 0);
	/* A compression pointer inside RDATA given to the writer. */
	q53_writer_init(&w, buf, sizeof buf, 1, 0);
	assert_int_equal(
	    q53_writer_rr(&w, Q53_SEC_ANSWER, N("a."), Q53_TYPE_NS, 1, 0, (const uint8_t *)"\xC0\x0C", 2),
	    Q53_ERDATA);
	/* Trailing octets after an MX exchange. */
	q53_writer_init(&w, buf, sizeof buf, 1, 0);
	assert_int_equal(
	    q53_writer_rr(&w, Q53_SEC_ANSWER, N("a."), Q53_TYPE_MX, 1, 0, (const uint8_t *)"\0\1\0\0", 4),
	    Q53_ERDATA);
	/* Empty RDATA is fine in class ANY (RFC 2136 deletes). */
	q53_writer_init(&w, buf, sizeof buf, 1, 0);
	assert_int_equal(
	    q53_writer_rr(&w, Q53_SEC_AUTHORITY, N("a."), Q53_TYPE_MX, Q53_CLASS_ANY, 0, NULL, 0), 0);
}

static void test_writer_small_buffer(void **state)
{
	(void)state;
	q53_writer_t w;
	q53_writer_init(&w, buf, 11, 1, 0);
	assert_int_equal(q53_writer_question(&w, N("a."), 1, 1), Q53_ENOSPACE);
	assert_int_equal(q53_writer_finish(&w), Q53_ENOSPACE);
	q53_writer_init(&w, buf, 12, 1, 0);
	assert_int_equal(q53_writer_finish(&w), 12);
	assert_int_equal(q53_msg_query(buf, 20, 1, 0, N("www.example.com."), 1, 1, NULL), Q53_ENOSPACE);
}

/* Reads msg and copies every record into a new message; the two must read back the same. */
static void copy_and_compare(const uint8_t *msg, size_t len)
{
	static uint8_t out[65536];
	q53_reader_t r, r2;
	q53_rr_t a, b;
	q53_writer_t w;
	assert_int_equal(q53_reader_init(&r, msg, len), 0);
	q53_writer_init(&w, out, sizeof out, r.id, r.flags);
	while (q53_reader_next(&r, &a) > 0)
		assert_int_equal(q53_writer_copy(&w, (q53_section)a.section, &a), 0);
	int n = q53_writer_finish(&w);
	assert_true(n > 0);
	assert_int_equal(q53_reader_init(&r, msg, len), 0);
	assert_int_equal(q53_reader_init(&r2, out, (size_t)n), 0);
	int ra, rb;
	while ((ra = q53_reader_next(&r, &a)) > 0) {
		rb = q53_reader_next(&r2, &b);
		assert_int_equal(rb, 1);
		uint8_t oa[Q53_NAME_MAX], ob[Q53_NAME_MAX], da[70000], db[70000];
		int la = q53_rr_owner(&a, oa), lb = q53_rr_owner(&b, ob);
		assert_int_equal(la, lb);
		assert_memory_equal(oa, ob, (size_t)la);
		assert_int_equal(a.type, b.type);
		assert_int_equal(a.rclass, b.rclass);
		assert_int_equal(a.ttl, b.ttl);
		la = q53_rr_rdata(&a, da, sizeof da);
		lb = q53_rr_rdata(&b, db, sizeof db);
		assert_int_equal(la, lb);
		assert_memory_equal(da, db, (size_t)la);
	}
	assert_int_equal(ra, 0);
	assert_int_equal(q53_reader_next(&r2, &b), 0);
}

static void test_writer_copy_roundtrip(void **state)
{
	(void)state;
	q53_writer_t w;
	q53_writer_init(&w, buf, sizeof buf, 9, Q53_FLAG_QR);
	q53_writer_question(&w, N("example.com."), Q53_TYPE_SOA, 1);
	uint8_t soa[600];
	size_t n = 0;
	memcpy(soa, N("ns1.example.com."), 17);
	n += 17;
	memcpy(soa + n, N("hostmaster.example.com."), 24);
	n += 24;
	memcpy(soa + n, "\0\0\0\1\0\0\x0e\x10\0\0\x03\x84\0\x09\x3a\x80\0\0\1\x2c", 20);
	n += 20;
	q53_writer_rr(&w, Q53_SEC_ANSWER, N("example.com."), Q53_TYPE_SOA, 1, 3600, soa, n);
	q53_writer_rr(&w, Q53_SEC_AUTHORITY, N("example.com."), Q53_TYPE_NS, 1, 3600, N("ns1.example.com."),
		      17);
	q53_writer_rr(&w, Q53_SEC_ADDITIONAL, N("ns1.example.com."), Q53_TYPE_AAAA, 1, 3600,
		      (const uint8_t *)"\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\1", 16);
	q53_edns_t e = {.udp_size = 4096};
	q53_writer_edns(&w, &e);
	int len = q53_writer_finish(&w);
	assert_true(len > 0);
	copy_and_compare(buf, (size_t)len);
}

static void test_writer_pointer_range(void **state)
{
	(void)state;
	/* A message past 16 KiB: names after offset 0x3FFF cannot be pointer targets, and later names
	 * must still compress only against reachable ones. */
	q53_writer_t w;
	q53_writer_init(&w, buf, sizeof buf, 1, 0);
	q53_writer_question(&w, N("example.com."), Q53_TYPE_TXT, 1);
	uint8_t txt[256];
	txt[0] = 255;
	memset(txt + 1, 't', 255);
	for (unsigned i = 0; i < 100; i++) {
		char name[32];
		snprintf(name, sizeof name, "n%u.example.com.", i);
		assert_int_equal(q53_writer_rr(&w, Q53_SEC_ANSWER, N(name), Q53_TYPE_TXT, 1, 0, txt, 256), 0);
	}
	int n = q53_writer_finish(&w);
	assert_true(n > 0x4000);
	q53_reader_t r;
	q53_rr_t rr;
	uint8_t o[Q53_NAME_MAX];
	assert_int_equal(q53_reader_init(&r, buf, (size_t)n), 0);
	assert_int_equal(q53_reader_next(&r, &rr), 1);
	for (unsigned i = 0; i < 100; i++) {
		char name[32];
		snprintf(name, sizeof name, "n%u.example.com.", i);
		assert_int_equal(q53_reader_next(&r, &rr), 1);
		assert_true(q53_rr_owner(&rr, o) > 0);
		assert_true(q53_name_equal(o, N(name)));
	}
	copy_and_compare(buf, (size_t)n);
}

/* A name in a heap block of exactly its length, so that ASan sees any read past its end. */
static uint8_t *exact(const char *t)
{
	const uint8_t *n = N(t);
	size_t len = q53_name_len(n);
	uint8_t *p = malloc(len);
	assert_non_null(p);
	memcpy(p, n, len);
	return p;
}

static void test_writer_label_keys(void **state)
{
	(void)state;
	/* Labels compare by their first 8 octets, then the rest: labels that agree in their first seven
	 * characters must still differ, short names must not be read past their end. */
	static const char *const names[] = {
	    "abcdefghij.example.",
	    "abcdefghik.example.",
	    "abcdefg.example.",
	    "abcdefgh.example.",
	    "abcdefghij.example.",
	    "a.",
	    "b.",
	    "a.",
	    ".",
	    "x.abcdefghij.example.",
	    "x.abcdefghik.example.",
	    "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0.example.",
	    "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz1.example."};
	enum { N_NAMES = sizeof names / sizeof names[0] };
	q53_writer_t w;
	q53_writer_init(&w, buf, sizeof buf, 1, 0);
	q53_writer_question(&w, N("example."), Q53_TYPE_A, 1);
	for (unsigned i = 0; i < N_NAMES; i++) {
		uint8_t *owner = exact(names[i]);
		assert_int_equal(q53_writer_rr(&w, Q53_SEC_ANSWER, owner, Q53_TYPE_A, 1, 0,
					       (const uint8_t *)"\1\2\3\4", 4),
				 0);
		free(owner);
	}
	int n = q53_writer_finish(&w);
	assert_true(n > 0);
	q53_reader_t r;
	q53_rr_t rr;
	uint8_t o[Q53_NAME_MAX];
	assert_int_equal(q53_reader_init(&r, buf, (size_t)n), 0);
	assert_int_equal(q53_reader_next(&r, &rr), 1);
	for (unsigned i = 0; i < N_NAMES; i++) {
		assert_int_equal(q53_reader_next(&r, &rr), 1);
		assert_true(q53_rr_owner(&rr, o) > 0);
		const uint8_t *want = N(names[i]);
		assert_memory_equal(o, want, q53_name_len(want));
	}
	copy_and_compare(buf, (size_t)n);
}

static void test_writer_many_names(void **state)
{
	(void)state;
	/* More distinct suffixes than the compression table holds: still a valid message. */
	q53_writer_t w;
	q53_writer_init(&w, buf, sizeof buf, 1, 0);
	q53_writer_question(&w, N("example.com."), Q53_TYPE_NS, 1);
	for (unsigned i = 0; i < 100; i++) {
		char name[40];
		snprintf(name, sizeof name, "ns%u.sub%u.example.com.", i, i % 7);
		const uint8_t *t = N(name);
		assert_int_equal(q53_writer_rr(&w, Q53_SEC_ANSWER, N("example.com."), Q53_TYPE_NS, 1, 0, t,
					       q53_name_len(t)),
				 0);
	}
	int n = q53_writer_finish(&w);
	assert_true(n > 0);
	copy_and_compare(buf, (size_t)n);
}

static void test_writer_rrset_same_bytes(void **state)
{
	(void)state;
	/* An RRset written at once gives the very bytes of its records written one by one. */
	static uint8_t a[512], b[512];
	static const uint8_t set[] = {0, 4, 192, 0, 2, 1, 0, 4, 192, 0, 2, 2, 0, 4, 192, 0, 2, 3};
	uint8_t ns[64];
	size_t nl = q53_name_len(N("ns1.example.com."));
	ns[0] = 0;
	ns[1] = (uint8_t)nl;
	memcpy(ns + 2, N("ns1.example.com."), nl);
	q53_writer_t w;
	q53_writer_init(&w, a, sizeof a, 1, Q53_FLAG_QR);
	q53_writer_question(&w, N("www.example.com."), 1, 1);
	assert_int_equal(
	    q53_writer_rrset(&w, Q53_SEC_ANSWER, N("www.example.com."), 1, 1, 60, set, sizeof set, 3), 0);
	assert_int_equal(q53_writer_rrset(&w, Q53_SEC_AUTHORITY, N("Example.com."), 2, 1, 60, ns, 2 + nl, 1),
			 0);
	assert_int_equal(
	    q53_writer_rrset(&w, Q53_SEC_ADDITIONAL, N("a.b.example.com."), 1, 1, 60, set, 12, 2), 0);
	int na = q53_writer_finish(&w);
	q53_writer_init(&w, b, sizeof b, 1, Q53_FLAG_QR);
	q53_writer_question(&w, N("www.example.com."), 1, 1);
	for (int i = 0; i < 3; i++)
		q53_writer_rr(&w, Q53_SEC_ANSWER, N("www.example.com."), 1, 1, 60, set + 2 + 6 * i, 4);
	q53_writer_rr(&w, Q53_SEC_AUTHORITY, N("Example.com."), 2, 1, 60, ns + 2, nl);
	/* The second record of a set whose owner was written in full points at it. */
	q53_writer_rr(&w, Q53_SEC_ADDITIONAL, N("a.b.example.com."), 1, 1, 60, set + 2, 4);
	q53_writer_rr(&w, Q53_SEC_ADDITIONAL, N("a.b.example.com."), 1, 1, 60, set + 8, 4);
	int nb = q53_writer_finish(&w);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, (size_t)na);
	assert_int_equal(q53_get16(a + 6), 3);
	assert_int_equal(q53_get16(a + 10), 2);
	/* Owned by the root: one octet each, never a two-octet pointer to it (the fuzzer found this). */
	static const uint8_t empty[] = {0, 0, 0, 0, 0, 0};
	q53_writer_init(&w, a, sizeof a, 1, 0);
	assert_int_equal(q53_writer_rrset(&w, Q53_SEC_ANSWER, N("."), 0, 0, 0, empty, sizeof empty, 3), 0);
	assert_int_equal(q53_writer_finish(&w), 12 + 3 * 11);
}

static void test_writer_rrset_whole_or_nothing(void **state)
{
	(void)state;
	static const uint8_t set[] = {0, 4, 192, 0, 2, 1, 0, 4, 192, 0, 2, 2, 0, 4, 192, 0, 2, 3};
	q53_writer_t w;
	q53_writer_mark_t m;
	/* Room for the question and two of the three records. */
	q53_writer_init(&w, buf, 12 + 21 + 16 + 16 + 10, 1, 0);
	q53_writer_question(&w, N("www.example.com."), 1, 1);
	size_t len = w.len;
	q53_writer_mark(&w, &m);
	assert_int_equal(
	    q53_writer_rrset(&w, Q53_SEC_ANSWER, N("www.example.com."), 1, 1, 0, set, sizeof set, 3),
	    Q53_ENOSPACE);
	assert_int_equal(w.len, len);
	assert_int_equal(w.count[Q53_SEC_ANSWER], 0);
	q53_writer_truncate(&w, &m);
	assert_int_equal(q53_writer_finish(&w), (int)len);
	/* Framing that does not match the count, or runs past the data. */
	q53_writer_init(&w, buf, sizeof buf, 1, 0);
	assert_int_equal(q53_writer_rrset(&w, Q53_SEC_ANSWER, N("a."), 1, 1, 0, set, sizeof set, 2),
			 Q53_ERDATA);
	q53_writer_init(&w, buf, sizeof buf, 1, 0);
	assert_int_equal(q53_writer_rrset(&w, Q53_SEC_ANSWER, N("a."), 1, 1, 0, set, 10, 2), Q53_ERDATA);
	assert_int_equal(w.len, 12);
	/* A bad record inside drops the whole set. */
	static const uint8_t bad[] = {0, 4, 1, 2, 3, 4, 0, 3, 1, 2, 3};
	q53_writer_init(&w, buf, sizeof buf, 1, 0);
	assert_int_equal(q53_writer_rrset(&w, Q53_SEC_ANSWER, N("a."), 1, 1, 0, bad, sizeof bad, 2),
			 Q53_ERDATA);
	assert_int_equal(w.len, 12);
	assert_int_equal(w.count[Q53_SEC_ANSWER], 0);
}

/* RDATA of one name (NS, CNAME, PTR) goes through its own path in an RRset: the same checks hold there. */
static void test_writer_rrset_name_rdata(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		const uint8_t *rdata;
		size_t len;
	} bad[] = {
	    {"trailing octet", (const uint8_t *)"\1a\0\0", 4},
	    {"pointer", (const uint8_t *)"\xC0\x0C", 2},
	    {"label type 0x40",
	     (const uint8_t *)"\x41"
			      "a\0",
	     3},
	    {"name past RDLENGTH", (const uint8_t *)"\3abc", 4},
	    {"no root", (const uint8_t *)"\1a", 2},
	};
	static const uint16_t types[] = {Q53_TYPE_NS, Q53_TYPE_CNAME, Q53_TYPE_PTR};
	uint8_t set[300];
	q53_writer_t w;
	for (size_t t = 0; t < sizeof types / sizeof types[0]; t++)
		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			q53_put16(set, (uint16_t)bad[i].len);
			memcpy(set + 2, bad[i].rdata, bad[i].len);
			q53_writer_init(&w, buf, sizeof buf, 1, 0);
			q53_writer_question(&w, N("example."), 1, 1);
			size_t len = w.len;
			unsigned ncomp = w.ncomp;
			int rc = q53_writer_rrset(&w, Q53_SEC_ANSWER, N("a.example."), types[t], 1, 0, set,
						  2 + bad[i].len, 1);
			if (rc != Q53_ERDATA)
				fail_msg("type %u, %s: %d", types[t], bad[i].what, rc);
			assert_int_equal(w.len, len);
			assert_int_equal(w.ncomp, ncomp);
		}
	/* A name of 256 octets: 127 labels of one character and the root... plus one more. */
	size_t n = 0;
	for (int i = 0; i < 128; i++) {
		set[2 + n++] = 1;
		set[2 + n++] = 'x';
	}
	set[2 + n++] = 0;
	q53_put16(set, (uint16_t)n);
	q53_writer_init(&w, buf, sizeof buf, 1, 0);
	assert_int_equal(q53_writer_rrset(&w, Q53_SEC_ANSWER, N("a."), Q53_TYPE_NS, 1, 0, set, 2 + n, 1),
			 Q53_ERDATA);
	/* One label fewer is 255 octets: the longest name there is. */
	set[2 + n - 3] = 0;
	q53_put16(set, (uint16_t)(n - 2));
	q53_writer_init(&w, buf, sizeof buf, 1, 0);
	assert_int_equal(q53_writer_rrset(&w, Q53_SEC_ANSWER, N("a."), Q53_TYPE_NS, 1, 0, set, 2 + n - 2, 1),
			 0);
	/* Class ANY with empty RDATA (RFC 2136) is not a name and stays allowed. */
	q53_writer_init(&w, buf, sizeof buf, 1, 0);
	static const uint8_t empty[] = {0, 0};
	assert_int_equal(q53_writer_rrset(&w, Q53_SEC_AUTHORITY, N("a."), Q53_TYPE_NS, Q53_CLASS_ANY, 0,
					  empty, sizeof empty, 1),
			 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_writer_query_bytes),
	    cmocka_unit_test(test_writer_compression),
	    cmocka_unit_test(test_writer_compression_by_type),
	    cmocka_unit_test(test_writer_compression_keeps_case),
	    cmocka_unit_test(test_writer_nospace_drops_whole),
	    cmocka_unit_test(test_writer_rollback_forgets_labels),
	    cmocka_unit_test(test_writer_truncate),
	    cmocka_unit_test(test_writer_rrset_name_rdata),
	    cmocka_unit_test(test_writer_reserve_and_edns),
	    cmocka_unit_test(test_writer_section_order),
	    cmocka_unit_test(test_writer_bad_rdata),
	    cmocka_unit_test(test_writer_small_buffer),
	    cmocka_unit_test(test_writer_copy_roundtrip),
	    cmocka_unit_test(test_writer_pointer_range),
	    cmocka_unit_test(test_writer_label_keys),
	    cmocka_unit_test(test_writer_many_names),
	    cmocka_unit_test(test_writer_rrset_same_bytes),
	    cmocka_unit_test(test_writer_rrset_whole_or_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
