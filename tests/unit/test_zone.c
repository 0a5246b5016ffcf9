/*
 * Unit tests for zones/store.c: the builder's checks (each reported with its line, errors failing the zone,
 * warnings not), TTL normalization and duplicates, the canonical walk (RFC 4034 6.1), RDATA iteration, the
 * accessors, memory accounting, q53_zone_load over a file, and a 100,000-record zone.
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

#include <fcntl.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "zone_fixture.h"

/* The start of a good zone: SOA, NS with an address. Lines 1-3. */
#define HEAD                                                          \
	"@ 3600 SOA ns1 hostmaster 2024010101 7200 900 1209600 300\n" \
	"@ 3600 NS ns1\n"                                             \
	"ns1 3600 A 192.0.2.1\n"

/* The walk as "owner TYPE ttl count" lines. */
static char walked[1 << 16];

static int on_rrset(const uint8_t *owner, const q53_rrset_t *set, void *ctx)
{
	(void)ctx;
	char o[Q53_NAME_TEXT_MAX], t[16];
	q53_name_to_text(owner, o, sizeof o);
	q53_type_to_text(set->type, t, sizeof t);
	size_t n = strlen(walked);
	snprintf(walked + n, sizeof walked - n, "%s %s %u %u\n", o, t, set->ttl, set->count);
	return 0;
}

static const char *walk(const q53_zone_t *z)
{
	walked[0] = '\0';
	assert_int_equal(q53_zone_walk(z, on_rrset, NULL), 0);
	return walked;
}

/* The RDATA of owner/type (A, NS or a one-string TXT) as text, entries separated by " | ". */
static const char *rdata_of(const q53_zone_t *z, const char *owner, uint16_t type)
{
	static char out[4096];
	uint8_t name[Q53_NAME_MAX];
	q53_answer_t a;
	fx_name(owner, NULL, name);
	assert_int_equal(q53_zone_lookup(z, name, type, 0, &a), 0);
	assert_int_equal(a.kind, Q53_LOOKUP_ANSWER);
	const q53_rrset_t *s = a.item[0].set;
	size_t pos = 0, n = 0;
	const uint8_t *rd;
	uint16_t len;
	out[0] = '\0';
	while (q53_rrset_next(s, &pos, &rd, &len) > 0) {
		if (n > 0)
			n += (size_t)snprintf(out + n, sizeof out - n, " | ");
		if (type == Q53_TYPE_A && len == 4)
			n += (size_t)snprintf(out + n, sizeof out - n, "%u.%u.%u.%u", rd[0], rd[1], rd[2],
					      rd[3]);
		else if (type == Q53_TYPE_TXT && len > 0 && rd[0] == len - 1)
			n += (size_t)snprintf(out + n, sizeof out - n, "%.*s", (int)rd[0],
					      (const char *)rd + 1);
		else if (type == Q53_TYPE_NS)
			n += (size_t)q53_name_to_text(rd, out + n, sizeof out - n);
		else
			fail_msg("rdata_of: type %u not shown", type);
	}
	return out;
}

static void test_zone_build_basic(void **state)
{
	(void)state;
	q53_zone_t *z = NULL;
	assert_int_equal(fx_build("example.",
				  HEAD "www 300 A 192.0.2.10\n"
				       "www 300 A 192.0.2.11\n"
				       "www 300 AAAA 2001:db8::10\n"
				       "mail 300 MX 10 www\n",
				  &z),
			 0);
	assert_non_null(z);
	assert_string_equal(fx_diags, "");
	assert_int_equal(q53_zone_serial(z), 2024010101u);
	assert_int_equal(q53_zone_records(z), 7);
	assert_memory_equal(q53_zone_apex(z), "\7example\0", 9);
	assert_string_equal(walk(z), "example. NS 3600 1\n"
				     "example. SOA 3600 1\n"
				     "mail.example. MX 300 1\n"
				     "ns1.example. A 3600 1\n"
				     "www.example. A 300 2\n"
				     "www.example. AAAA 300 1\n");
	assert_string_equal(rdata_of(z, "www.example.", Q53_TYPE_A), "192.0.2.10 | 192.0.2.11");
	q53_zone_free(z);
	q53_zone_free(NULL);

	/* Empty RDATA (RFC 3597 "\\# 0"), first of all: an entry of length 0. */
	assert_int_equal(fx_build("example.", "empty 60 TYPE65280 \\# 0\n" HEAD, &z), 0);
	assert_string_equal(walk(z), "example. NS 3600 1\n"
				     "example. SOA 3600 1\n"
				     "empty.example. TYPE65280 60 1\n"
				     "ns1.example. A 3600 1\n");
	q53_zone_free(z);
}

/* RFC 4034 6.1's own example of canonical order, fed in reverse and mixed case; ENTs are not walked. */
static void test_zone_walk_canonical(void **state)
{
	(void)state;
	q53_zone_t *z = NULL;
	assert_int_equal(fx_build("example.",
				  "\\200.z.example. 60 TXT x\n"
				  "*.z.example. 60 TXT x\n"
				  "\\001.z.example. 60 TXT x\n"
				  "z.example. 60 TXT x\n"
				  "zABC.a.EXAMPLE. 60 TXT x\n"
				  "Z.a.example. 60 TXT x\n"
				  "yljkjljk.a.example. 60 TXT x\n"
				  "deep.below.ent.example. 60 TXT x\n"
				  "example. 60 TXT x\n" HEAD,
				  &z),
			 0);
	assert_string_equal(walk(z), "example. NS 3600 1\n"
				     "example. SOA 3600 1\n"
				     "example. TXT 60 1\n"
				     "yljkjljk.a.example. TXT 60 1\n"
				     "Z.a.example. TXT 60 1\n"
				     "zABC.a.EXAMPLE. TXT 60 1\n"
				     "deep.below.ent.example. TXT 60 1\n"
				     "ns1.example. A 3600 1\n"
				     "z.example. TXT 60 1\n"
				     "\\001.z.example. TXT 60 1\n"
				     "*.z.example. TXT 60 1\n"
				     "\\200.z.example. TXT 60 1\n");
	q53_zone_free(z);
}

/* Owners as the walk gives them, for the order oracle. */
static uint8_t (*seen)[Q53_NAME_MAX];
static size_t nseen;

static int collect(const uint8_t *owner, const q53_rrset_t *set, void *ctx)
{
	(void)ctx;
	if (set->type == Q53_TYPE_TXT)
		memcpy(seen[nseen++], owner, q53_name_len(owner));
	return 0;
}

static int cmp_names(const void *x, const void *y)
{
	return q53_name_compare(x, y);
}

/*
 * Random names whose labels share long prefixes, differ in case, hold 0x00 and 0xFF and have lengths
 * around the sort's 7-octet rounds: the walk must agree with q53_name_compare() on every neighbour.
 */
static void test_zone_walk_order_oracle(void **state)
{
	(void)state;
	enum { N = 3000 };
	static const uint8_t alphabet[] = {'a', 'A', 'b', 'B', 0x00, 0xFF, '-', 'z'};
	static uint8_t names[N][Q53_NAME_MAX];
	uint8_t apex[Q53_NAME_MAX];
	fx_name("example.", NULL, apex);
	q53_zone_builder_t *b = q53_zone_builder_new(apex);
	assert_non_null(b);
	fx_add(b, apex, HEAD);
	uint32_t rnd = 12345;
	for (unsigned i = 0; i < N; i++) {
		uint8_t *p = names[i];
		rnd = rnd * 1103515245u + 12345u;
		unsigned nl = 1 + ((rnd >> 16) % 3);
		for (unsigned l = 0; l < nl; l++) {
			unsigned len = 1 + ((rnd = rnd * 1103515245u + 12345u) >> 16) % 17;
			*p++ = (uint8_t)len;
			for (unsigned k = 0; k < len; k++) {
				/* Mostly 'a': long common prefixes. */
				rnd = rnd * 1103515245u + 12345u;
				unsigned r = (rnd >> 16) % 32;
				*p++ = r < 8 ? alphabet[r] : 'a';
			}
		}
		memcpy(p, apex, q53_name_len(apex));
		q53_zrr_t rr = {
		    names[i], Q53_TYPE_TXT, Q53_CLASS_IN, 60, 2, (const uint8_t *)"\1x", "o.zone", i + 4, 0};
		assert_int_equal(q53_zone_builder_add(b, &rr, NULL, NULL), 0);
	}
	q53_zone_t *z = NULL;
	assert_int_equal(q53_zone_builder_finish(b, NULL, NULL, &z), 0);
	/* Built in memory: no file to compare, so a reload reads it again. */
	assert_false(q53_zone_files_unchanged(z));
	qsort(names, N, sizeof names[0], cmp_names);
	size_t distinct = 0;
	for (unsigned i = 0; i < N; i++)
		distinct += i == 0 || q53_name_compare(names[i - 1], names[i]) != 0;
	seen = malloc(N * sizeof *seen);
	assert_non_null(seen);
	nseen = 0;
	assert_int_equal(q53_zone_walk(z, collect, NULL), 0);
	assert_int_equal(nseen, distinct);
	for (size_t i = 1; i < nseen; i++)
		assert_true(q53_name_compare(seen[i - 1], seen[i]) < 0);
	free(seen);
	q53_zone_free(z);
}

/* Records of one owner apart in the file, in another case: one node, named as first seen. */
static void test_zone_owner_merge(void **state)
{
	(void)state;
	q53_zone_t *z = NULL;
	assert_int_equal(fx_build("example.",
				  "www 60 A 192.0.2.1\n"
				  "a.b 60 TXT x\n"
				  "WWW 60 AAAA 2001:db8::1\n" HEAD "Www 60 TXT y\n"
				  "A.B 60 A 192.0.2.2\n"
				  "www 60 A 192.0.2.3\n"
				  "@ 60 TXT apex\n",
				  &z),
			 0);
	assert_string_equal(fx_diags, "");
	assert_string_equal(walk(z), "example. NS 3600 1\n"
				     "example. SOA 3600 1\n"
				     "example. TXT 60 1\n"
				     "a.b.example. A 60 1\n"
				     "a.b.example. TXT 60 1\n"
				     "ns1.example. A 3600 1\n"
				     "www.example. A 60 2\n"
				     "www.example. TXT 60 1\n"
				     "www.example. AAAA 60 1\n");
	assert_string_equal(rdata_of(z, "WWW.EXAMPLE.", Q53_TYPE_A), "192.0.2.1 | 192.0.2.3");
	assert_string_equal(rdata_of(z, "a.B.example.", Q53_TYPE_A), "192.0.2.2");
	/* Names are stored once: example., www, a.b (and b, inside it), ns1. */
	assert_true(q53_zone_memory(z) < 4096 * 4 + 2048);
	q53_zone_free(z);
}

static int stop_at_second(const uint8_t *owner, const q53_rrset_t *set, void *ctx)
{
	(void)owner;
	(void)set;
	return ++*(int *)ctx == 2 ? Q53_ENOTFOUND : 0;
}

static void test_zone_walk_stops(void **state)
{
	(void)state;
	q53_zone_t *z = NULL;
	assert_int_equal(fx_build("example.", HEAD, &z), 0);
	int calls = 0;
	assert_int_equal(q53_zone_walk(z, stop_at_second, &calls), Q53_ENOTFOUND);
	assert_int_equal(calls, 2);
	assert_int_equal(q53_zone_walk(NULL, stop_at_second, &calls), Q53_EINVAL);
	q53_zone_free(z);
}

/* Signed: an RRSIG or a DNSKEY at the apex; an RRSIG below it alone does not make the zone signed. */
static void test_zone_signed(void **state)
{
	(void)state;
	static const struct {
		const char *extra;
		bool signed_;
	} cases[] = {
	    {"", false},
	    {"www 60 RRSIG A 8 2 60 20270101000000 20260101000000 1 example. AA==\n", false},
	    {"@ 60 RRSIG SOA 8 1 60 20270101000000 20260101000000 1 example. AA==\n", true},
	    {"@ 60 DNSKEY 257 3 13 AwEAAQ==\n", true},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[1024];
		q53_zone_t *z = NULL;
		snprintf(text, sizeof text, "%s%s", HEAD, cases[i].extra);
		assert_int_equal(fx_build("example.", text, &z), 0);
		assert_non_null(z);
		assert_true(q53_zone_signed(z) == cases[i].signed_);
		q53_zone_free(z);
	}
}

static void test_zone_soa_checks(void **state)
{
	(void)state;
	q53_zone_t *z = (q53_zone_t *)1;
	assert_int_equal(fx_build("example.",
				  "@ 3600 NS ns1\n"
				  "ns1 3600 A 192.0.2.1\n",
				  &z),
			 1);
	assert_null(z);
	assert_string_equal(fx_diags, "t.zone: error: no SOA record at the zone apex example.\n");

	assert_int_equal(fx_build("example.",
				  HEAD "sub 3600 SOA a b 1 2 3 4 5\n"
				       "@ 3600 SOA ns1 hostmaster 2 7200 900 1209600 300\n",
				  &z),
			 2);
	assert_null(z);
	assert_string_equal(
	    fx_diags,
	    "t.zone:5: error: 2 SOA records at the apex example.: a zone has exactly one (RFC 1035 5.2)\n"
	    "t.zone:4: error: SOA record at sub.example., which is not the zone apex example.\n");
}

static void test_zone_ns_at_apex(void **state)
{
	(void)state;
	q53_zone_t *z = NULL;
	assert_int_equal(fx_build("example.",
				  "@ 3600 SOA ns1 hostmaster 1 7200 900 1209600 300\n"
				  "ns1 3600 A 192.0.2.1\n",
				  &z),
			 1);
	assert_null(z);
	assert_string_equal(fx_diags, "t.zone: error: no NS records at the zone apex example.\n");
}

static void test_zone_cname_checks(void **state)
{
	(void)state;
	q53_zone_t *z = NULL;
	/* RFC 2181 10.1: CNAME beside other data; RFC 4035 2.5: RRSIG and NSEC may stand beside it. */
	assert_int_equal(fx_build("example.",
				  HEAD
				  "www 60 CNAME ns1\n"
				  "www 60 TXT hello\n"
				  "ok 60 CNAME ns1\n"
				  "ok 60 RRSIG CNAME 8 2 60 20270101000000 20260101000000 1 example. AA==\n"
				  "ok 60 NSEC ok2.example. CNAME RRSIG NSEC\n",
				  &z),
			 1);
	assert_null(z);
	assert_string_equal(fx_diags,
			    "t.zone:4: error: CNAME and other data at www.example. (RFC 2181 10.1)\n");

	assert_int_equal(fx_build("example.", HEAD "@ 60 CNAME ns1\n", &z), 1);
	assert_string_equal(fx_diags,
			    "t.zone:4: error: CNAME at the zone apex example., which holds SOA and NS "
			    "(RFC 2181 10.1)\n");

	assert_int_equal(fx_build("example.",
				  HEAD "two 60 CNAME ns1\n"
				       "two 60 CNAME www\n",
				  &z),
			 1);
	assert_string_equal(
	    fx_diags,
	    "t.zone:5: error: 2 CNAME records at two.example.: an alias has one target (RFC 2181 10.1)\n");
}

static void test_zone_out_of_zone(void **state)
{
	(void)state;
	uint8_t apex[Q53_NAME_MAX], other[Q53_NAME_MAX];
	fx_name("example.", NULL, apex);
	fx_name("www.example.org.", NULL, other);
	fx_diags[0] = '\0';
	fx_errors = fx_warnings = 0;
	q53_zone_builder_t *b = q53_zone_builder_new(apex);
	assert_non_null(b);
	assert_int_equal(fx_add(b, apex, HEAD), 0);
	uint8_t rd[4] = {192, 0, 2, 1};
	q53_zrr_t rr = {other, Q53_TYPE_A, Q53_CLASS_IN, 60, 4, rd, "t.zone", 7, 0};
	assert_int_equal(q53_zone_builder_add(b, &rr, fx_diag, NULL), Q53_EINVAL);
	/* A name that merely ends like the apex is not in it. */
	fx_name("badexample.", NULL, other);
	rr.line = 8;
	assert_int_equal(q53_zone_builder_add(b, &rr, fx_diag, NULL), Q53_EINVAL);
	q53_zone_t *z = NULL;
	assert_int_equal(q53_zone_builder_finish(b, fx_diag, NULL, &z), 2);
	assert_null(z);
	assert_string_equal(fx_diags, "t.zone:7: error: www.example.org. is outside the zone example.\n"
				      "t.zone:8: error: badexample. is outside the zone example.\n");
}

static void test_zone_bad_records(void **state)
{
	(void)state;
	q53_zone_t *z = NULL;
	assert_int_equal(fx_build("example.", HEAD "txt 60 CH TXT hello\n", &z), 1);
	assert_null(z);
	assert_string_equal(fx_diags, "t.zone:4: error: class CH record: a zone holds class IN data only\n");

	uint8_t apex[Q53_NAME_MAX];
	fx_name("example.", NULL, apex);
	fx_diags[0] = '\0';
	q53_zone_builder_t *b = q53_zone_builder_new(apex);
	assert_non_null(b);
	fx_add(b, apex, HEAD);
	/* An MX whose exchange runs past the RDATA, an NS with octets after its name, an AXFR record. */
	const uint8_t mx[] = {0, 10, 3, 'w', 'w'}, ns[] = {0, 1};
	q53_zrr_t rr = {apex, Q53_TYPE_MX, Q53_CLASS_IN, 60, sizeof mx, mx, "t.zone", 4, 0};
	assert_int_equal(q53_zone_builder_add(b, &rr, fx_diag, NULL), Q53_EINVAL);
	rr = (q53_zrr_t){apex, Q53_TYPE_NS, Q53_CLASS_IN, 60, sizeof ns, ns, "t.zone", 5, 0};
	assert_int_equal(q53_zone_builder_add(b, &rr, fx_diag, NULL), Q53_EINVAL);
	rr = (q53_zrr_t){apex, Q53_TYPE_AXFR, Q53_CLASS_IN, 60, 0, NULL, "t.zone", 6, 0};
	assert_int_equal(q53_zone_builder_add(b, &rr, fx_diag, NULL), Q53_EINVAL);
	assert_int_equal(q53_zone_builder_add(b, NULL, fx_diag, NULL), Q53_EINVAL);
	assert_int_equal(q53_zone_builder_finish(b, fx_diag, NULL, &z), 3);
	assert_string_equal(fx_diags,
			    "t.zone:4: error: malformed MX RDATA\n"
			    "t.zone:5: error: malformed NS RDATA\n"
			    "t.zone:6: error: AXFR is a meta or query type, not zone data (RFC 6895 3.1)\n");
	assert_int_equal(q53_zone_builder_finish(NULL, NULL, NULL, &z), Q53_EINVAL);
	assert_null(q53_zone_builder_new(NULL));
}

static void test_zone_glue(void **state)
{
	(void)state;
	q53_zone_t *z = NULL;
	/* Glue below the cut, glue below another cut, an in-zone address, an out-of-zone target: fine. */
	assert_int_equal(fx_build("example.",
				  HEAD "sub 60 NS ns.sub\n"
				       "sub 60 NS ns.other\n"
				       "sub 60 NS ns1\n"
				       "sub 60 NS ns.example.net.\n"
				       "ns.sub 60 AAAA 2001:db8::53\n"
				       "other 60 NS ns.other\n"
				       "ns.other 60 A 192.0.2.53\n",
				  &z),
			 0);
	assert_string_equal(fx_diags, "");
	q53_zone_free(z);

	/* Missing: glue below its own cut, glue below another cut, an address in the zone proper (line 2). */
	assert_int_equal(fx_build("example.",
				  "@ 3600 SOA ns1 hostmaster 1 7200 900 1209600 300\n"
				  "@ 3600 NS ns1\n"
				  "sub 60 NS ns.sub\n"
				  "sub 60 NS ns.other\n"
				  "other 60 NS ns.example.net.\n"
				  "sub2 60 NS sub2\n",
				  &z),
			 4);
	assert_null(z);
	assert_string_equal(
	    fx_diags, "t.zone:2: error: NS target ns1.example. has no address record (A or AAAA)\n"
		      "t.zone:3: error: missing glue: NS target ns.sub.example. is below the zone cut "
		      "sub.example. and has no A or AAAA record\n"
		      "t.zone:4: error: missing glue: NS target ns.other.example. is below the zone cut "
		      "other.example. and has no A or AAAA record\n"
		      "t.zone:6: error: missing glue: NS target sub2.example. is below the zone cut "
		      "sub2.example. and has no A or AAAA record\n");

	/* An address from a wildcard serves an in-zone NS target (RFC 4592), not glue below a cut. */
	assert_int_equal(fx_build("example.",
				  "@ 3600 SOA ns1 hostmaster 1 7200 900 1209600 300\n"
				  "@ 3600 NS ns1\n"
				  "* 3600 A 192.0.2.1\n",
				  &z),
			 0);
	q53_zone_free(z);
}

static void test_zone_target_cname(void **state)
{
	(void)state;
	q53_zone_t *z = NULL;
	assert_int_equal(fx_build("example.",
				  HEAD "alias 60 CNAME ns1\n"
				       "@ 60 MX 10 alias\n"
				       "_sip._tcp 60 SRV 0 0 5060 alias\n"
				       "sub 60 NS alias\n"
				       "sub 60 NS ns1\n"
				       "nullmx 60 MX 0 .\n",
				  &z),
			 0);
	assert_non_null(z);
	assert_int_equal(fx_warnings, 3);
	assert_string_equal(
	    fx_diags,
	    "t.zone:5: warning: MX target alias.example. is an alias (CNAME), which RFC 2181 10.3 forbids\n"
	    "t.zone:6: warning: SRV target alias.example. is an alias (CNAME), which RFC 2181 10.3 "
	    "forbids\n"
	    "t.zone:7: warning: NS target alias.example. is an alias (CNAME), which RFC 2181 10.3 forbids\n");
	q53_zone_free(z);
}

/*
 * RFC 2181 5.2: one TTL per RRset, the first record's. RFC 4034 3: the RRSIGs of one name are an RRset per
 * type covered, each with the TTL of what it covers, so they may differ from each other.
 */
static void test_zone_ttl_normalized(void **state)
{
	(void)state;
	q53_zone_t *z = NULL;
	assert_int_equal(fx_build("example.",
				  HEAD
				  "www 300 A 192.0.2.1\n"
				  "www 600 A 192.0.2.2\n"
				  "www 300 A 192.0.2.3\n"
				  "sig 60 RRSIG A 8 2 60 20270101000000 20260101000000 1 example. AA==\n"
				  "sig 120 RRSIG TXT 8 2 120 20270101000000 20260101000000 1 example. AA==\n"
				  "sig 60 RRSIG A 8 2 60 20270101000000 20260101000000 2 example. AA==\n"
				  "sig 30 RRSIG A 8 2 60 20270101000000 20260101000000 3 example. AA==\n",
				  &z),
			 0);
	assert_non_null(z);
	assert_string_equal(fx_diags,
			    "t.zone:5: warning: TTL 600 of this www.example. A record differs from the "
			    "RRset's 300: using 300 (RFC 2181 5.2)\n"
			    "t.zone:10: warning: TTL 30 of this sig.example. RRSIG record differs from the "
			    "RRset's 60: using 60 (RFC 2181 5.2)\n");
	assert_string_equal(walk(z), "example. NS 3600 1\n"
				     "example. SOA 3600 1\n"
				     "ns1.example. A 3600 1\n"
				     "sig.example. RRSIG 60 3\n"
				     "sig.example. RRSIG 120 1\n"
				     "www.example. A 300 3\n");
	q53_zone_free(z);
}

static void test_zone_duplicates(void **state)
{
	(void)state;
	q53_zone_t *z = NULL;
	/* Duplicates are the same octets: case differs in a name, so "NS1" is a different record. */
	assert_int_equal(fx_build("example.",
				  HEAD "www 60 A 192.0.2.2\n"
				       "www 60 A 192.0.2.1\n"
				       "www 60 A 192.0.2.2\n"
				       "@ 3600 NS ns1\n"
				       "@ 3600 NS NS1\n",
				  &z),
			 0);
	assert_string_equal(fx_diags, "t.zone:7: warning: duplicate example. NS record ignored\n"
				      "t.zone:6: warning: duplicate www.example. A record ignored\n");
	assert_int_equal(q53_zone_records(z), 6);
	assert_string_equal(rdata_of(z, "www.example.", Q53_TYPE_A), "192.0.2.2 | 192.0.2.1");
	assert_string_equal(rdata_of(z, "example.", Q53_TYPE_NS), "ns1.example. | NS1.example.");
	q53_zone_free(z);

	/* A large RRset goes through the sorting path; the file order of the survivors stays. */
	char text[8192] = HEAD;
	for (unsigned i = 0; i < 40; i++) {
		size_t n = strlen(text);
		snprintf(text + n, sizeof text - n, "big 60 TXT t%u\n", (i * 7) % 25);
	}
	assert_int_equal(fx_build("example.", text, &z), 0);
	assert_int_equal(fx_warnings, 15);
	assert_int_equal(q53_zone_records(z), 3 + 25);
	char want[2048] = "";
	for (unsigned line = 29; line <= 43; line++) {
		size_t n = strlen(want);
		snprintf(want + n, sizeof want - n,
			 "t.zone:%u: warning: duplicate big.example. TXT record ignored\n", line);
	}
	assert_string_equal(fx_diags, want);
	const char *rd = rdata_of(z, "big.example.", Q53_TYPE_TXT);
	assert_string_equal(
	    rd, "t0 | t7 | t14 | t21 | t3 | t10 | t17 | t24 | t6 | t13 | t20 | t2 | t9 | t16 | t23 | "
		"t5 | t12 | t19 | t1 | t8 | t15 | t22 | t4 | t11 | t18");
	q53_zone_free(z);
}

static void test_zone_occluded(void **state)
{
	(void)state;
	q53_zone_t *z = NULL;
	assert_int_equal(fx_build("example.",
				  HEAD "sub 60 NS ns.sub\n"
				       "sub 60 DS 1 8 2 abcd\n"
				       "sub 60 MX 10 ns.sub\n"
				       "ns.sub 60 A 192.0.2.9\n"
				       "www.sub 60 TXT hidden\n"
				       "www.sub 60 A 192.0.2.10\n"
				       "d 60 DNAME example.net.\n"
				       "x.d 60 A 192.0.2.11\n",
				  &z),
			 0);
	assert_non_null(z);
	/* Reports follow the file: names in order of first appearance. */
	assert_string_equal(
	    fx_diags,
	    "t.zone:6: warning: sub.example. MX is occluded by the zone cut at sub.example.: not served\n"
	    "t.zone:8: warning: www.sub.example. TXT is occluded by the zone cut at sub.example.: not "
	    "served\n"
	    "t.zone:11: warning: x.d.example. A is occluded by the DNAME at d.example. (RFC 6672 2.4)\n");
	q53_zone_free(z);
}

/*
 * RFC 9276: the chain's NSEC3PARAM (SHA-1, flags 0) with extra iterations is warned about, above 150 it
 * is an error and the zone does not load; other NSEC3PARAMs, and those below the apex, are not the chain.
 */
static void test_zone_nsec3_iterations(void **state)
{
	(void)state;
	static const struct {
		const char *rr;
		int rc;
		const char *diags;
	} cases[] = {
	    {"@ 0 NSEC3PARAM 1 0 0 -\n", 0, ""},
	    {"@ 0 NSEC3PARAM 1 0 1 aabb\n", 0,
	     "t.zone:4: warning: NSEC3PARAM asks for 1 extra iterations: RFC 9276 3.1 asks for 0, and each "
	     "negative answer hashes up to three names 2 times\n"},
	    {"@ 0 NSEC3PARAM 1 0 150 -\n", 0,
	     "t.zone:4: warning: NSEC3PARAM asks for 150 extra iterations: RFC 9276 3.1 asks for 0, and each "
	     "negative answer hashes up to three names 151 times\n"},
	    {"@ 0 NSEC3PARAM 1 0 151 -\n", 1,
	     "t.zone:4: error: NSEC3PARAM asks for 151 extra iterations, above 150: validating resolvers "
	     "treat such answers as insecure or fail them (RFC 9276 3.2); sign with 0\n"},
	    {"@ 0 NSEC3PARAM 1 0 2500 -\n", 1,
	     "t.zone:4: error: NSEC3PARAM asks for 2500 extra iterations, above 150: validating resolvers "
	     "treat such answers as insecure or fail them (RFC 9276 3.2); sign with 0\n"},
	    /* Not the chain: opt-out flag set (RFC 5155 4.1.2), another hash, not at the apex. */
	    {"@ 0 NSEC3PARAM 1 1 2500 -\n", 0, ""},
	    {"@ 0 NSEC3PARAM 2 0 2500 -\n", 0, ""},
	    {"sub 0 NSEC3PARAM 1 0 2500 -\n", 0, ""},
	    /* The first that names a chain is the chain, as zone_sec_build() picks it. */
	    {"@ 0 NSEC3PARAM 2 0 2500 -\n@ 0 NSEC3PARAM 1 0 0 -\n@ 0 NSEC3PARAM 1 0 999 -\n", 0, ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[512];
		snprintf(text, sizeof text, "%s%s", HEAD, cases[i].rr);
		q53_zone_t *z = NULL;
		assert_int_equal(fx_build("example.", text, &z), cases[i].rc);
		assert_string_equal(fx_diags, cases[i].diags);
		assert_true((z != NULL) == (cases[i].rc == 0));
		q53_zone_free(z);
	}
}

static void test_zone_rrset_next(void **state)
{
	(void)state;
	const uint8_t data[] = {0, 2, 'a', 'b', 0, 0, 0, 1, 'c'};
	q53_rrset_t s = {Q53_TYPE_TXT, 3, 60, data};
	size_t pos = 0;
	const uint8_t *rd;
	uint16_t len;
	assert_int_equal(q53_rrset_next(&s, &pos, &rd, &len), 1);
	assert_int_equal(len, 2);
	assert_ptr_equal(rd, data + 2);
	assert_int_equal(q53_rrset_next(&s, &pos, &rd, &len), 1);
	assert_int_equal(len, 0);
	assert_int_equal(q53_rrset_next(&s, &pos, &rd, &len), 1);
	assert_int_equal(len, 1);
	assert_int_equal(rd[0], 'c');
	assert_int_equal(q53_rrset_next(&s, &pos, &rd, &len), 0);
	assert_int_equal(q53_rrset_next(&s, &pos, &rd, &len), 0);
}

/* A zone of n names "hostN" with one A each, built straight through the builder. */
static q53_zone_t *hosts(unsigned n, double *secs)
{
	uint8_t apex[Q53_NAME_MAX], owner[Q53_NAME_MAX];
	fx_name("example.com.", NULL, apex);
	fx_diags[0] = '\0';
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	q53_zone_builder_t *b = q53_zone_builder_new(apex);
	assert_non_null(b);
	fx_add(b, apex,
	       "@ 3600 SOA ns1 hostmaster 1 7200 900 1209600 300\n"
	       "@ 3600 NS ns1\n"
	       "ns1 3600 A 192.0.2.1\n");
	for (unsigned i = 0; i < n; i++) {
		char text[32];
		int len = snprintf(text, sizeof text, "host%u", i);
		assert_true(q53_name_from_text(text, (size_t)len, apex, owner) > 0);
		uint8_t rd[4] = {10, (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i};
		q53_zrr_t rr = {owner, Q53_TYPE_A, Q53_CLASS_IN, 300, 4, rd, "hosts.zone", i + 4, 0};
		assert_int_equal(q53_zone_builder_add(b, &rr, fx_diag, NULL), 0);
	}
	q53_zone_t *z = NULL;
	assert_int_equal(q53_zone_builder_finish(b, fx_diag, NULL, &z), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	*secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	return z;
}

static void test_zone_memory(void **state)
{
	(void)state;
	double secs;
	q53_zone_t *z = hosts(10000, &secs);
	size_t m = q53_zone_memory(z);
	/* At least the owner names (about 18 octets each) and the RDATA; well under 100 octets a name. */
	assert_true(m > 10000u * (18 + 4));
	assert_true(m < 10000u * 100);
	assert_int_equal(q53_zone_records(z), 10003);
	q53_zone_free(z);
}

static void test_zone_large(void **state)
{
	(void)state;
	double secs;
	q53_zone_t *z = hosts(100000, &secs);
	size_t m = q53_zone_memory(z);
	/* Timing never decides a test: shown only. */
	printf("# 100000 names built in %.3f s, %zu octets, %.1f octets a record\n", secs, m,
	       (double)m / (double)q53_zone_records(z));
	assert_int_equal(q53_zone_records(z), 100003);
	uint8_t name[Q53_NAME_MAX];
	q53_answer_t a;
	fx_name("HOST99999.example.com.", NULL, name);
	assert_int_equal(q53_zone_lookup(z, name, Q53_TYPE_A, 0, &a), 0);
	assert_int_equal(a.kind, Q53_LOOKUP_ANSWER);
	assert_int_equal(a.n, 1);
	assert_memory_equal(a.item[0].set->data, "\0\4\12\1\x86\x9f", 6);
	fx_name("host100000.example.com.", NULL, name);
	assert_int_equal(q53_zone_lookup(z, name, Q53_TYPE_A, 0, &a), 0);
	assert_int_equal(a.kind, Q53_LOOKUP_NXDOMAIN);
	/* The walk visits every name once, in canonical order. */
	walked[0] = '\0';
	int count = 0;
	assert_int_equal(q53_zone_walk(z, stop_at_second, &count), Q53_ENOTFOUND);
	q53_zone_free(z);
}

static void test_zone_load(void **state)
{
	(void)state;
	char path[] = "/tmp/q53-test-zone-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char *text = "$TTL 3600\n"
			   "@ SOA ns1 hostmaster 42 7200 900 1209600 300\n"
			   "  NS ns1\n"
			   "ns1 A 192.0.2.1\n"
			   "www CNAME ns1\n"
			   "    CNAME ns2\n"
			   "www TXT oops\n";
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	uint8_t origin[Q53_NAME_MAX];
	fx_name("example.", NULL, origin);
	q53_zone_t *z = NULL;
	fx_diags[0] = '\0';
	assert_int_equal(q53_zone_load(path, origin, fx_diag, NULL, &z), 2);
	assert_null(z);
	/* Each at the line and column where its record starts: the owner, or the first token under it. */
	char want[512];
	snprintf(want, sizeof want,
		 "%s:5:1: error: CNAME and other data at www.example. (RFC 2181 10.1)\n"
		 "%s:6:5: error: 2 CNAME records at www.example.: an alias has one target (RFC 2181 10.1)\n",
		 path, path);
	assert_string_equal(fx_diags, want);

	fd = open(path, O_WRONLY | O_TRUNC);
	text = "$TTL 3600\n"
	       "@ SOA ns1 hostmaster 42 7200 900 1209600 300\n"
	       "  NS ns1\n"
	       "ns1 A 192.0.2.1\n"
	       "out.example.org. A 192.0.2.2\n"
	       "bad A 300.1.1.1\n";
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	fx_diags[0] = '\0';
	/* A syntax error stops before the zone checks; the out-of-zone record counts too. */
	assert_int_equal(q53_zone_load(path, origin, fx_diag, NULL, &z), 2);
	assert_null(z);

	fd = open(path, O_WRONLY | O_TRUNC);
	text = "$TTL 3600\n"
	       "@ SOA ns1 hostmaster 42 7200 900 1209600 300\n"
	       "  NS ns1\n"
	       "ns1 A 192.0.2.1\n";
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	assert_int_equal(q53_zone_load(path, origin, fx_diag, NULL, &z), 0);
	assert_non_null(z);
	assert_int_equal(q53_zone_serial(z), 42);
	assert_int_equal(q53_zone_records(z), 3);
	/* The file is the same until it is written again or replaced. */
	assert_true(q53_zone_files_unchanged(z));
	struct timespec times[2] = {{0, UTIME_OMIT}, {1000000000, 5}};
	assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
	assert_false(q53_zone_files_unchanged(z));
	q53_zone_free(z);
	unlink(path);
	assert_int_equal(q53_zone_load(path, origin, fx_diag, NULL, &z), Q53_EIO);
	assert_null(z);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_zone_build_basic),
	    cmocka_unit_test(test_zone_walk_canonical),
	    cmocka_unit_test(test_zone_walk_order_oracle),
	    cmocka_unit_test(test_zone_walk_stops),
	    cmocka_unit_test(test_zone_owner_merge),
	    cmocka_unit_test(test_zone_signed),
	    cmocka_unit_test(test_zone_soa_checks),
	    cmocka_unit_test(test_zone_ns_at_apex),
	    cmocka_unit_test(test_zone_cname_checks),
	    cmocka_unit_test(test_zone_out_of_zone),
	    cmocka_unit_test(test_zone_bad_records),
	    cmocka_unit_test(test_zone_glue),
	    cmocka_unit_test(test_zone_target_cname),
	    cmocka_unit_test(test_zone_ttl_normalized),
	    cmocka_unit_test(test_zone_duplicates),
	    cmocka_unit_test(test_zone_occluded),
	    cmocka_unit_test(test_zone_nsec3_iterations),
	    cmocka_unit_test(test_zone_rrset_next),
	    cmocka_unit_test(test_zone_memory),
	    cmocka_unit_test(test_zone_large),
	    cmocka_unit_test(test_zone_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
