/*
 * Unit tests for codec/reader.c: a crafted packet for every bounds, decompression, layout and OPT rule,
 * and the accessors over the records the reader returns.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "q53/msg.h"
#include "q53/name.h"

/* A tiny packet builder so each test states its bytes plainly. */
typedef struct pkt {
	uint8_t b[70000];
	size_t n;
} pkt;

static pkt P;

static void put(const void *p, size_t n)
{
	memcpy(P.b + P.n, p, n);
	P.n += n;
}
static void u8(unsigned v)
{
	P.b[P.n++] = (uint8_t)v;
}
static void u16(unsigned v)
{
	u8(v >> 8);
	u8(v & 0xFF);
}
static void u32(uint32_t v)
{
	u16(v >> 16);
	u16(v & 0xFFFF);
}
static void hdr(unsigned qd, unsigned an, unsigned ns, unsigned ar)
{
	P.n = 0;
	u16(0x1234);
	u16(0x8180);
	u16(qd);
	u16(an);
	u16(ns);
	u16(ar);
}
/* Writes a name given in text ("www.example.com.") uncompressed. */
static void name(const char *t)
{
	uint8_t w[Q53_NAME_MAX];
	int n = q53_name_from_text(t, strlen(t), NULL, w);
	assert_true(n > 0);
	put(w, (size_t)n);
}
static void ptr(unsigned off)
{
	u16(0xC000 | off);
}
static void question(void)
{
	name("www.example.com.");
	u16(1);
	u16(1);
}
/* Fixed part of an RR after its owner. */
static void fixed(unsigned type, unsigned rclass, uint32_t ttl, unsigned rdlen)
{
	u16(type);
	u16(rclass);
	u32(ttl);
	u16(rdlen);
}

/* Reads every record; returns the first error, or the number of records read. */
static int read_all(void)
{
	q53_reader_t r;
	q53_rr_t rr;
	int rc = q53_reader_init(&r, P.b, P.n), count = 0;
	if (rc < 0)
		return rc;
	while ((rc = q53_reader_next(&r, &rr)) > 0)
		count++;
	return rc < 0 ? rc : count;
}

static void owner_is(const q53_rr_t *rr, const char *want)
{
	uint8_t w[Q53_NAME_MAX];
	char t[Q53_NAME_TEXT_MAX];
	assert_true(q53_rr_owner(rr, w) > 0);
	q53_name_to_text(w, t, sizeof t);
	assert_string_equal(t, want);
}

static void test_reader_header(void **state)
{
	(void)state;
	q53_reader_t r;
	q53_rr_t rr;
	hdr(0, 0, 0, 0);
	assert_int_equal(q53_reader_init(&r, P.b, 11), Q53_ETRUNCATED);
	assert_int_equal(q53_reader_init(&r, P.b, 65536), Q53_EINVAL);
	assert_int_equal(q53_reader_init(&r, P.b, P.n), 0);
	assert_int_equal(r.id, 0x1234);
	assert_int_equal(r.flags, 0x8180);
	assert_int_equal(q53_reader_next(&r, &rr), 0);
	assert_int_equal(q53_reader_trailing(&r), 0);
}

static void test_reader_question(void **state)
{
	(void)state;
	q53_reader_t r;
	q53_rr_t rr;
	hdr(1, 0, 0, 0);
	question();
	assert_int_equal(q53_reader_init(&r, P.b, P.n), 0);
	assert_int_equal(q53_reader_question(&r, &rr), 1);
	assert_int_equal(rr.section, Q53_SEC_QUESTION);
	assert_int_equal(rr.type, Q53_TYPE_A);
	assert_int_equal(rr.rclass, Q53_CLASS_IN);
	assert_int_equal(rr.owner, 12);
	owner_is(&rr, "www.example.com.");
	assert_int_equal(q53_reader_question(&r, &rr), 0);
	assert_int_equal(q53_reader_next(&r, &rr), 0);
	/* The question's fixed fields cut short. */
	P.n -= 1;
	assert_int_equal(read_all(), Q53_ETRUNCATED);
}

static void test_reader_compressed_answer(void **state)
{
	(void)state;
	q53_reader_t r;
	q53_rr_t rr;
	hdr(1, 2, 0, 0);
	question();
	ptr(12);
	fixed(Q53_TYPE_A, 1, 300, 4);
	put("\xC0\x00\x02\x01", 4);
	/* "mail" + pointer to "example.com" (offset 16), a suffix that is also cached. */
	ptr(12);
	fixed(Q53_TYPE_MX, 1, 300, 9);
	u16(10);
	u8(4);
	put("mail", 4);
	ptr(16);
	assert_int_equal(q53_reader_init(&r, P.b, P.n), 0);
	assert_int_equal(q53_reader_next(&r, &rr), 1);
	assert_int_equal(q53_reader_next(&r, &rr), 1);
	assert_int_equal(rr.section, Q53_SEC_ANSWER);
	assert_int_equal(rr.ttl, 300);
	owner_is(&rr, "www.example.com.");
	assert_int_equal(q53_reader_next(&r, &rr), 1);
	assert_int_equal(rr.type, Q53_TYPE_MX);
	uint8_t rd[300];
	assert_int_equal(q53_rr_rdata(&rr, rd, sizeof rd), 2 + 18);
	assert_memory_equal(rd, "\0\12\4mail\7example\3com\0", 20);
	assert_int_equal(q53_rr_rdata(&rr, rd, 10), Q53_ENOSPACE);
	assert_int_equal(q53_reader_next(&r, &rr), 0);
}

static void test_reader_pointer_forward(void **state)
{
	(void)state;
	hdr(1, 1, 0, 0);
	question();
	size_t at = P.n;
	ptr((unsigned)at + 2); /* points forward, to the fixed fields after it */
	fixed(1, 1, 0, 4);
	put("\1\2\3\4", 4);
	assert_int_equal(read_all(), Q53_EPOINTER);
	/* A pointer to itself. */
	P.b[at + 1] = (uint8_t)at;
	assert_int_equal(read_all(), Q53_EPOINTER);
}

static void test_reader_pointer_into_header(void **state)
{
	(void)state;
	/* The header's octets 4..11 can look like labels: a pointer there is still rejected. */
	hdr(1, 1, 0, 0);
	P.b[4] = 0;
	P.b[5] = 1;
	question();
	ptr(5);
	fixed(1, 1, 0, 4);
	put("\1\2\3\4", 4);
	assert_int_equal(read_all(), Q53_EPOINTER);
}

static void test_reader_pointer_into_own_name(void **state)
{
	(void)state;
	/* "a" then a pointer back to the start of the same name: a loop under a "before the pointer" rule,
	 * rejected because a pointer must lead before the start of the label sequence holding it. */
	hdr(1, 0, 0, 0);
	u8(1);
	u8('a');
	ptr(12);
	u16(1);
	u16(1);
	assert_int_equal(read_all(), Q53_EPOINTER);
}

static void test_reader_pointer_loop(void **state)
{
	(void)state;
	/* Two names pointing at each other: the second points back (legal), the first forward (not). */
	hdr(2, 0, 0, 0);
	u8(1);
	u8('a');
	ptr(22);
	u16(1);
	u16(1);
	u8(1); /* offset 20 */
	u8('b');
	ptr(12);
	u16(1);
	u16(1);
	assert_int_equal(read_all(), Q53_EPOINTER);
}

static void test_reader_pointer_hops(void **state)
{
	(void)state;
	/* Opaque RDATA holding a chain of 70 pointers, each to the one before; an owner then enters the chain
	 * at its end. Each hop is strictly backwards, so only the hop cap stops the walk. */
	hdr(1, 2, 0, 0);
	question();
	ptr(12);
	fixed(65280, 1, 0, 2 * 70);
	size_t first = P.n;
	ptr(12);
	for (unsigned i = 1; i < 70; i++)
		ptr((unsigned)(first + 2 * (i - 1)));
	ptr((unsigned)(first + 2 * 69));
	fixed(1, 1, 0, 4);
	put("\1\2\3\4", 4);
	assert_int_equal(read_all(), Q53_EPOINTER);
	/* A short chain is fine: enter it at its fifth pointer. */
	P.b[P.n - 15] = (uint8_t)(first + 2 * 4);
	assert_int_equal(read_all(), 3);
}

static void test_reader_label_types(void **state)
{
	(void)state;
	hdr(1, 0, 0, 0);
	u8(0x41); /* extended label type, RFC 6891 5 */
	put("abcdefgh", 8);
	u8(0);
	u16(1);
	u16(1);
	assert_int_equal(read_all(), Q53_ELABELTYPE);
	P.b[12] = 0x80;
	assert_int_equal(read_all(), Q53_ELABELTYPE);
}

static void test_reader_name_too_long(void **state)
{
	(void)state;
	/* Question: 4 labels of 63 = 256 octets before the root: too long without any compression. */
	hdr(1, 0, 0, 0);
	for (int i = 0; i < 4; i++) {
		u8(63);
		for (int j = 0; j < 63; j++)
			u8('a');
	}
	u8(0);
	u16(1);
	u16(1);
	assert_int_equal(read_all(), Q53_ENAMELEN);
	/* 3 x 63 + 61 + root = 255: fine. */
	hdr(1, 1, 0, 0);
	for (int i = 0; i < 3; i++) {
		u8(63);
		for (int j = 0; j < 63; j++)
			u8('a');
	}
	u8(61);
	for (int j = 0; j < 61; j++)
		u8('b');
	u8(0);
	u16(1);
	u16(1);
	/* An owner that prefixes one more label to that 255-octet name through a pointer: 257, too long. */
	u8(1);
	u8('x');
	ptr(12);
	fixed(1, 1, 0, 4);
	put("\1\2\3\4", 4);
	assert_int_equal(read_all(), Q53_ENAMELEN);
	/* Pointing at the second label instead gives 255 - 64 + 2 = 193: fine. */
	P.b[P.n - 15] = 12 + 64;
	assert_int_equal(read_all(), 2);
}

static void test_reader_counts(void **state)
{
	(void)state;
	hdr(1, 3, 0, 0);
	question();
	ptr(12);
	fixed(1, 1, 0, 4);
	put("\1\2\3\4", 4);
	assert_int_equal(read_all(), Q53_ECOUNT);
	hdr(0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF);
	assert_int_equal(read_all(), Q53_ECOUNT);
}

static void test_reader_truncated_rr(void **state)
{
	(void)state;
	hdr(1, 1, 0, 0);
	question();
	ptr(12);
	fixed(1, 1, 0, 4);
	put("\1\2\3\4", 4);
	size_t full = P.n;
	for (size_t cut = full - 1; cut > full - 16; cut--) {
		P.n = cut;
		int rc = read_all();
		assert_true(rc == Q53_ETRUNCATED || rc == Q53_ECOUNT);
	}
	/* RDLENGTH larger than what is left. */
	P.n = full;
	P.b[full - 5] = 5;
	assert_int_equal(read_all(), Q53_ETRUNCATED);
	/* A label running past the end. */
	hdr(1, 0, 0, 0);
	u8(10);
	put("abc", 3);
	assert_int_equal(read_all(), Q53_ETRUNCATED);
}

static void test_reader_rdata_layout(void **state)
{
	(void)state;
	/* A with 5 octets. */
	hdr(1, 1, 0, 0);
	question();
	ptr(12);
	fixed(Q53_TYPE_A, 1, 0, 5);
	put("\1\2\3\4\5", 5);
	assert_int_equal(read_all(), Q53_ERDATA);
	/* AAAA with 4. */
	hdr(1, 1, 0, 0);
	question();
	ptr(12);
	fixed(Q53_TYPE_AAAA, 1, 0, 4);
	put("\1\2\3\4", 4);
	assert_int_equal(read_all(), Q53_ERDATA);
	/* MX with a trailing octet after the exchange. */
	hdr(1, 1, 0, 0);
	question();
	ptr(12);
	fixed(Q53_TYPE_MX, 1, 0, 5);
	u16(10);
	ptr(12);
	u8(0);
	assert_int_equal(read_all(), Q53_ERDATA);
	/* MX whose exchange runs past RDLENGTH (the name itself is in the message). */
	hdr(1, 1, 0, 0);
	question();
	ptr(12);
	fixed(Q53_TYPE_MX, 1, 0, 3);
	u16(10);
	ptr(12);
	assert_int_equal(read_all(), Q53_ERDATA);
	/* TXT whose string length passes RDLENGTH, and an empty TXT. */
	hdr(1, 2, 0, 0);
	question();
	ptr(12);
	fixed(Q53_TYPE_TXT, 1, 0, 3);
	put("\3ab", 3);
	ptr(12);
	fixed(Q53_TYPE_TXT, 1, 0, 0);
	assert_int_equal(read_all(), Q53_ERDATA);
	/* SOA short of its last timer. */
	hdr(1, 1, 0, 0);
	question();
	ptr(12);
	fixed(Q53_TYPE_SOA, 1, 0, 4 + 16);
	ptr(12);
	ptr(12);
	for (int i = 0; i < 4; i++)
		u32(1);
	assert_int_equal(read_all(), Q53_ERDATA);
	/* CAA with an empty tag. */
	hdr(1, 1, 0, 0);
	question();
	ptr(12);
	fixed(Q53_TYPE_CAA, 1, 0, 3);
	put("\0\0x", 3);
	assert_int_equal(read_all(), Q53_ERDATA);
}

static void test_reader_rdata_unknown_opaque(void **state)
{
	(void)state;
	/* Unknown types carry any RDATA, even octets that look like a bad name. */
	hdr(1, 1, 0, 0);
	question();
	ptr(12);
	fixed(65280, 1, 0, 3);
	put("\xC0\xFF\x41", 3);
	assert_int_equal(read_all(), 2);
}

static void test_reader_update_empty_rdata(void **state)
{
	(void)state;
	/* RFC 2136 2.5.2: "delete an RRset" has class ANY and no RDATA, whatever the type's layout. */
	hdr(1, 0, 1, 0);
	question();
	ptr(12);
	fixed(Q53_TYPE_MX, Q53_CLASS_ANY, 0, 0);
	assert_int_equal(read_all(), 2);
	P.b[P.n - 7] = Q53_CLASS_IN;
	assert_int_equal(read_all(), Q53_ERDATA);
}

static void test_reader_compression_rules(void **state)
{
	(void)state;
	/* SRV targets may arrive compressed (RFC 3597 4: SHOULD decompress). */
	hdr(1, 1, 0, 0);
	question();
	ptr(12);
	fixed(Q53_TYPE_SRV, 1, 0, 8);
	u16(0);
	u16(5);
	u16(5060);
	ptr(12);
	assert_int_equal(read_all(), 2);
	/* DNAME targets must not be compressed (RFC 6672 2.5), nor KX exchanges (RFC 3597 4). */
	hdr(1, 1, 0, 0);
	question();
	ptr(12);
	fixed(Q53_TYPE_DNAME, 1, 0, 2);
	ptr(12);
	assert_int_equal(read_all(), Q53_ECOMPRESSED);
	hdr(1, 1, 0, 0);
	question();
	ptr(12);
	fixed(Q53_TYPE_KX, 1, 0, 4);
	u16(1);
	ptr(12);
	assert_int_equal(read_all(), Q53_ECOMPRESSED);
}

static void test_reader_pointer_targets_checked(void **state)
{
	(void)state;
	/* A pointer into opaque RDATA that is not a name: the walk validates what it finds there. */
	hdr(1, 2, 0, 0);
	question();
	ptr(12);
	fixed(65280, 1, 0, 3);
	size_t at = P.n;
	put("\x45zz", 3); /* label type 0x40 */
	ptr((unsigned)at);
	fixed(1, 1, 0, 4);
	put("\1\2\3\4", 4);
	assert_int_equal(read_all(), Q53_ELABELTYPE);
	/* Now a label running to the end of the message from there. */
	P.b[at] = 0x3F;
	assert_int_equal(read_all(), Q53_ETRUNCATED);
}

static void opt(unsigned rdlen)
{
	u8(0);
	fixed(Q53_TYPE_OPT, 1232, 0x00008000, rdlen);
}

static void test_reader_opt(void **state)
{
	(void)state;
	q53_reader_t r;
	q53_edns_t e;
	hdr(1, 0, 0, 1);
	question();
	opt(12);
	u16(Q53_OPT_NSID);
	u16(0);
	u16(Q53_OPT_COOKIE);
	u16(4);
	put("abcd", 4);
	assert_int_equal(q53_reader_init(&r, P.b, P.n), 0);
	assert_int_equal(q53_reader_edns(&r, &e), 1);
	assert_int_equal(e.udp_size, 1232);
	assert_int_equal(e.flags, Q53_EDNS_DO);
	assert_int_equal(e.version, 0);
	size_t pos = 0;
	q53_edns_opt_t o;
	assert_int_equal(q53_edns_option_next(&e, &pos, &o), 1);
	assert_int_equal(o.code, Q53_OPT_NSID);
	assert_int_equal(o.len, 0);
	assert_int_equal(q53_edns_option_next(&e, &pos, &o), 1);
	assert_int_equal(o.code, Q53_OPT_COOKIE);
	assert_memory_equal(o.data, "abcd", 4);
	assert_int_equal(q53_edns_option_next(&e, &pos, &o), 0);
	/* Options that do not frame the RDATA exactly. */
	P.b[P.n - 5] = 5;
	assert_int_equal(read_all(), Q53_EOPTION);
	P.b[P.n - 5] = 4;
	P.n -= 1;
	P.b[P.n - 12] = 11; /* RDLENGTH 11: the cookie option promises 4 octets, 3 remain */
	assert_int_equal(read_all(), Q53_EOPTION);
}

static void test_reader_opt_placement(void **state)
{
	(void)state;
	/* Two OPT records. */
	hdr(1, 0, 0, 2);
	question();
	opt(0);
	opt(0);
	assert_int_equal(read_all(), Q53_EOPT);
	/* OPT in the answer section. */
	hdr(1, 1, 0, 0);
	question();
	opt(0);
	assert_int_equal(read_all(), Q53_EOPT);
	/* OPT owned by a name other than the root. */
	hdr(1, 0, 0, 1);
	question();
	ptr(12);
	fixed(Q53_TYPE_OPT, 1232, 0, 0);
	assert_int_equal(read_all(), Q53_EOPT);
}

static void test_reader_extended_rcode(void **state)
{
	(void)state;
	q53_reader_t r;
	q53_edns_t e;
	hdr(1, 0, 0, 1);
	P.b[3] = 0x80; /* header rcode 0 */
	question();
	u8(0);
	fixed(Q53_TYPE_OPT, 1232, 0x01000000, 0); /* extended rcode 1 -> 16 BADVERS */
	assert_int_equal(q53_reader_init(&r, P.b, P.n), 0);
	assert_int_equal(q53_reader_edns(&r, &e), 1);
	assert_int_equal(q53_rcode_full(r.flags, &e), Q53_RCODE_BADVERS);
	assert_int_equal(q53_rcode_full(r.flags, NULL), 0);
}

static void test_reader_trailing_and_sticky(void **state)
{
	(void)state;
	q53_reader_t r;
	q53_rr_t rr;
	hdr(1, 0, 0, 0);
	question();
	u16(0xABCD);
	assert_int_equal(q53_reader_init(&r, P.b, P.n), 0);
	assert_int_equal(q53_reader_next(&r, &rr), 1);
	assert_int_equal(q53_reader_next(&r, &rr), 0);
	assert_int_equal(q53_reader_trailing(&r), 2);
	/* After an error, the same error every time. */
	hdr(1, 0, 0, 0);
	u8(0x80);
	assert_int_equal(q53_reader_init(&r, P.b, P.n), 0);
	assert_int_equal(q53_reader_next(&r, &rr), Q53_ELABELTYPE);
	assert_int_equal(q53_reader_next(&r, &rr), Q53_ELABELTYPE);
	assert_int_equal(q53_reader_question(&r, &rr), Q53_ELABELTYPE);
}

static void test_reader_rr_view(void **state)
{
	(void)state;
	static const uint8_t rd[] = {0, 10, 4, 'm', 'a', 'i', 'l', 0};
	q53_rr_t rr;
	uint8_t out[64], owner[Q53_NAME_MAX];
	q53_rr_view(&rr, Q53_TYPE_MX, rd, sizeof rd);
	assert_int_equal(q53_rr_rdata(&rr, out, sizeof out), (int)sizeof rd);
	assert_memory_equal(out, rd, sizeof rd);
	assert_int_equal(q53_rr_owner(&rr, owner), Q53_EINVAL);
}

static void test_reader_many_names_cache(void **state)
{
	(void)state;
	/* More names than the cache holds: pointers to uncached names are walked and still correct. */
	q53_reader_t r;
	q53_rr_t rr;
	hdr(1, 40, 0, 0);
	question();
	size_t owners[40];
	for (unsigned i = 0; i < 40; i++) {
		owners[i] = P.n;
		u8(2);
		u8('a' + i % 26);
		u8('0' + i / 26);
		ptr(i == 0 ? 12 : (unsigned)owners[i - 1]);
		fixed(1, 1, i, 4);
		put("\1\2\3\4", 4);
	}
	assert_int_equal(q53_reader_init(&r, P.b, P.n), 0);
	assert_int_equal(q53_reader_next(&r, &rr), 1);
	unsigned n = 0;
	while (q53_reader_next(&r, &rr) > 0)
		n++;
	assert_int_equal(n, 40);
	/* The last owner is 40 two-octet labels on top of www.example.com: 120 + 17. */
	uint8_t w[Q53_NAME_MAX];
	assert_int_equal(q53_rr_owner(&rr, w), 137);
	assert_memory_equal(w, "\2n1\2m1", 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reader_header),
	    cmocka_unit_test(test_reader_question),
	    cmocka_unit_test(test_reader_compressed_answer),
	    cmocka_unit_test(test_reader_pointer_forward),
	    cmocka_unit_test(test_reader_pointer_into_header),
	    cmocka_unit_test(test_reader_pointer_into_own_name),
	    cmocka_unit_test(test_reader_pointer_loop),
	    cmocka_unit_test(test_reader_pointer_hops),
	    cmocka_unit_test(test_reader_label_types),
	    cmocka_unit_test(test_reader_name_too_long),
	    cmocka_unit_test(test_reader_counts),
	    cmocka_unit_test(test_reader_truncated_rr),
	    cmocka_unit_test(test_reader_rdata_layout),
	    cmocka_unit_test(test_reader_rdata_unknown_opaque),
	    cmocka_unit_test(test_reader_update_empty_rdata),
	    cmocka_unit_test(test_reader_compression_rules),
	    cmocka_unit_test(test_reader_pointer_targets_checked),
	    cmocka_unit_test(test_reader_opt),
	    cmocka_unit_test(test_reader_opt_placement),
	    cmocka_unit_test(test_reader_extended_rcode),
	    cmocka_unit_test(test_reader_trailing_and_sticky),
	    cmocka_unit_test(test_reader_rr_view),
	    cmocka_unit_test(test_reader_many_names_cache),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
