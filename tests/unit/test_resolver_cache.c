/*
 * Unit tests for the resolver's cache (resolver/cache.c) with a clock the test moves: what is kept and for
 * how long (the smallest answer TTL; min(SOA TTL, SOA MINIMUM) for NXDOMAIN and NODATA, RFC 2308 5), what
 * is never kept (SERVFAIL, a negative reply without an SOA, TTL 0, a malformed reply), the cap on TTLs,
 * keys without regard to case, replacement, eviction of the least recently used entry, and the TTLs
 * handed out decreased by the time spent in the cache, in the views and in the message.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "q53/msg.h"
#include "q53/name.h"
#include "q53/rdata.h"
#include "resolver_int.h"

static const uint8_t www[] = "\3www\7example", other[] = "\5other\7example", apex[] = "\7example";

/* A reply for name/type: rcode, n A records with the TTLs given, and an SOA (ttl, minimum) when soa_ttl
 * is not 0. */
static size_t reply(uint8_t *buf, size_t size, const uint8_t *name, uint16_t type, unsigned rcode,
		    const uint32_t *ttls, size_t n, uint32_t soa_ttl, uint32_t minimum)
{
	q53_writer_t w;
	q53_writer_init(&w, buf, size, 0x1234, (uint16_t)(Q53_FLAG_QR | Q53_FLAG_RD | Q53_FLAG_RA | rcode));
	assert_int_equal(q53_writer_question(&w, name, type, Q53_CLASS_IN), 0);
	for (size_t i = 0; i < n; i++) {
		uint8_t a[4] = {192, 0, 2, (uint8_t)(i + 1)};
		assert_int_equal(
		    q53_writer_rr(&w, Q53_SEC_ANSWER, name, Q53_TYPE_A, Q53_CLASS_IN, ttls[i], a, 4), 0);
	}
	if (soa_ttl != 0) {
		uint8_t soa[64];
		size_t o = 0;
		memcpy(soa + o, "\2ns\7example\0", 12);
		o += 12;
		memcpy(soa + o, "\4host\7example\0", 14);
		o += 14;
		q53_put32(soa + o, 1);
		q53_put32(soa + o + 4, 3600);
		q53_put32(soa + o + 8, 900);
		q53_put32(soa + o + 12, 604800);
		q53_put32(soa + o + 16, minimum);
		o += 20;
		assert_int_equal(
		    q53_writer_rr(&w, Q53_SEC_AUTHORITY, apex, Q53_TYPE_SOA, Q53_CLASS_IN, soa_ttl, soa, o),
		    0);
	}
	int len = q53_writer_finish(&w);
	assert_true(len > 0);
	return (size_t)len;
}

static void test_cache_positive_ttl(void **state)
{
	(void)state;
	q53_cache_t c;
	q53_cache_init(&c, 10);
	uint8_t m[512];
	const uint32_t ttls[] = {300, 120, 600};
	size_t len = reply(m, sizeof m, www, Q53_TYPE_A, Q53_RCODE_NOERROR, ttls, 3, 0, 0);
	assert_int_equal(q53_cache_put(&c, www, Q53_TYPE_A, m, len, 5000), 1);
	assert_null(q53_cache_get(&c, www, Q53_TYPE_AAAA, 5000));
	assert_null(q53_cache_get(&c, other, Q53_TYPE_A, 5000));
	/* 30.5 s later, asked in another case: every TTL 30 s less, in the views and in the octets. */
	q53_result_t *res = q53_cache_get(&c, (const uint8_t *)"\3WwW\7EXAMPLE", Q53_TYPE_A, 35500);
	assert_non_null(res);
	assert_int_equal(res->source, Q53_SOURCE_CACHE);
	assert_int_equal(res->status, Q53_OK);
	assert_int_equal(res->nanswer, 3);
	const uint32_t want[] = {270, 90, 570};
	for (int i = 0; i < 3; i++) {
		assert_int_equal(res->rr[i].ttl, want[i]);
		assert_int_equal(q53_get32(res->msg + res->rr[i].rdata - 6), want[i]);
	}
	/* The message still parses and reads the same through the codec. */
	q53_reader_t rd;
	q53_rr_t rr;
	assert_int_equal(q53_reader_init(&rd, res->msg, res->msg_len), 0);
	int k = 0, rc;
	while ((rc = q53_reader_next(&rd, &rr)) == 1)
		if (rr.section == Q53_SEC_ANSWER)
			assert_int_equal(rr.ttl, want[k++]);
	assert_int_equal(rc, 0);
	q53_result_free(res);
	/* The entry lives as long as its smallest TTL (120 s): still there at 124.999 s, gone at 125. */
	res = q53_cache_get(&c, www, Q53_TYPE_A, 124999);
	assert_non_null(res);
	assert_int_equal(res->rr[1].ttl, 1);
	q53_result_free(res);
	assert_null(q53_cache_get(&c, www, Q53_TYPE_A, 125000));
	assert_int_equal(c.n, 0);
	/* A clock that went back does not resurrect anything either. */
	assert_int_equal(q53_cache_put(&c, www, Q53_TYPE_A, m, len, 200000), 1);
	assert_null(q53_cache_get(&c, www, Q53_TYPE_A, 199999));
	q53_cache_clear(&c);
}

static void test_cache_negative(void **state)
{
	(void)state;
	q53_cache_t c;
	q53_cache_init(&c, 10);
	uint8_t m[512];
	/* NXDOMAIN: min(SOA TTL 3600, MINIMUM 300) = 300 s. */
	size_t len = reply(m, sizeof m, www, Q53_TYPE_A, Q53_RCODE_NXDOMAIN, NULL, 0, 3600, 300);
	assert_int_equal(q53_cache_put(&c, www, Q53_TYPE_A, m, len, 0), 1);
	q53_result_t *res = q53_cache_get(&c, www, Q53_TYPE_A, 299999);
	assert_non_null(res);
	assert_int_equal(res->rcode, Q53_RCODE_NXDOMAIN);
	assert_int_equal(res->nanswer, 0);
	assert_int_equal(res->rr[0].type, Q53_TYPE_SOA);
	assert_int_equal(res->rr[0].ttl, 3600 - 299);
	q53_result_free(res);
	assert_null(q53_cache_get(&c, www, Q53_TYPE_A, 300000));
	/* NODATA: min(SOA TTL 60, MINIMUM 900) = 60 s. */
	len = reply(m, sizeof m, www, Q53_TYPE_AAAA, Q53_RCODE_NOERROR, NULL, 0, 60, 900);
	assert_int_equal(q53_cache_put(&c, www, Q53_TYPE_AAAA, m, len, 0), 1);
	res = q53_cache_get(&c, www, Q53_TYPE_AAAA, 59999);
	assert_non_null(res);
	assert_int_equal(res->rcode, Q53_RCODE_NOERROR);
	q53_result_free(res);
	assert_null(q53_cache_get(&c, www, Q53_TYPE_AAAA, 60000));
	/* Never kept: a negative reply without an SOA (RFC 2308 5), SERVFAIL, TTL 0, a TTL with the top
	 * bit set (RFC 2181 8), a malformed reply. */
	len = reply(m, sizeof m, www, Q53_TYPE_A, Q53_RCODE_NXDOMAIN, NULL, 0, 0, 0);
	assert_int_equal(q53_cache_put(&c, www, Q53_TYPE_A, m, len, 0), 0);
	len = reply(m, sizeof m, www, Q53_TYPE_A, Q53_RCODE_SERVFAIL, NULL, 0, 3600, 300);
	assert_int_equal(q53_cache_put(&c, www, Q53_TYPE_A, m, len, 0), 0);
	const uint32_t zero[] = {0}, big[] = {0x80000000u};
	len = reply(m, sizeof m, www, Q53_TYPE_A, Q53_RCODE_NOERROR, zero, 1, 0, 0);
	assert_int_equal(q53_cache_put(&c, www, Q53_TYPE_A, m, len, 0), 0);
	len = reply(m, sizeof m, www, Q53_TYPE_A, Q53_RCODE_NOERROR, big, 1, 0, 0);
	assert_int_equal(q53_cache_put(&c, www, Q53_TYPE_A, m, len, 0), 0);
	const uint32_t t300[] = {300};
	len = reply(m, sizeof m, www, Q53_TYPE_A, Q53_RCODE_NOERROR, t300, 1, 0, 0);
	for (size_t cut = 0; cut < len; cut++)
		assert_int_equal(q53_cache_put(&c, www, Q53_TYPE_A, m, cut, 0), 0);
	assert_int_equal(c.n, 0);
	q53_cache_clear(&c);
	/* A cache of size 0 keeps nothing. */
	q53_cache_init(&c, 0);
	assert_int_equal(q53_cache_put(&c, www, Q53_TYPE_A, m, len, 0), 0);
	assert_null(q53_cache_get(&c, www, Q53_TYPE_A, 0));
	q53_cache_clear(&c);
}

static void test_cache_cap_replace_evict(void **state)
{
	(void)state;
	q53_cache_t c;
	q53_cache_init(&c, 3);
	uint8_t m[512];
	/* A week's TTL is kept for a day. */
	const uint32_t week[] = {604800};
	size_t len = reply(m, sizeof m, www, Q53_TYPE_A, Q53_RCODE_NOERROR, week, 1, 0, 0);
	assert_int_equal(q53_cache_put(&c, www, Q53_TYPE_A, m, len, 0), 1);
	q53_result_t *res = q53_cache_get(&c, www, Q53_TYPE_A, 86399999);
	assert_non_null(res);
	q53_result_free(res);
	assert_null(q53_cache_get(&c, www, Q53_TYPE_A, 86400000));
	/* A newer reply replaces the entry of the same key. */
	const uint32_t t100[] = {100}, t200[] = {200};
	len = reply(m, sizeof m, www, Q53_TYPE_A, Q53_RCODE_NOERROR, t100, 1, 0, 0);
	assert_int_equal(q53_cache_put(&c, www, Q53_TYPE_A, m, len, 0), 1);
	len = reply(m, sizeof m, www, Q53_TYPE_A, Q53_RCODE_NOERROR, t200, 1, 0, 0);
	assert_int_equal(q53_cache_put(&c, www, Q53_TYPE_A, m, len, 1000), 1);
	assert_int_equal(c.n, 1);
	res = q53_cache_get(&c, www, Q53_TYPE_A, 150000);
	assert_non_null(res);
	assert_int_equal(res->rr[0].ttl, 200 - 149);
	q53_result_free(res);
	/* Three entries fit; a fourth evicts the least recently used one (www MX, as www A was read). */
	const uint8_t *names[] = {www, www, other};
	const uint16_t types[] = {Q53_TYPE_A, Q53_TYPE_MX, Q53_TYPE_A};
	for (int i = 1; i < 3; i++) {
		len = reply(m, sizeof m, names[i], types[i], Q53_RCODE_NOERROR, t200, 1, 0, 0);
		assert_int_equal(q53_cache_put(&c, names[i], types[i], m, len, 2000), 1);
	}
	assert_int_equal(c.n, 3);
	res = q53_cache_get(&c, www, Q53_TYPE_A, 3000);
	q53_result_free(res);
	len = reply(m, sizeof m, apex, Q53_TYPE_A, Q53_RCODE_NOERROR, t200, 1, 0, 0);
	assert_int_equal(q53_cache_put(&c, apex, Q53_TYPE_A, m, len, 4000), 1);
	assert_int_equal(c.n, 3);
	assert_null(q53_cache_get(&c, www, Q53_TYPE_MX, 5000));
	const uint8_t *kept[] = {www, other, apex};
	for (int i = 0; i < 3; i++) {
		res = q53_cache_get(&c, kept[i], Q53_TYPE_A, 5000);
		assert_non_null(res);
		q53_result_free(res);
	}
	q53_cache_clear(&c);
	assert_int_equal(c.n, 0);
}

/* Many entries through a small table: chains, eviction and lookups stay consistent. */
static void test_cache_many(void **state)
{
	(void)state;
	q53_cache_t c;
	q53_cache_init(&c, 500);
	uint8_t m[512], name[Q53_NAME_MAX];
	const uint32_t t[] = {1000};
	for (int i = 0; i < 2000; i++) {
		char text[32];
		snprintf(text, sizeof text, "h%d.example.", i);
		assert_true(q53_name_from_text(text, strlen(text), NULL, name) > 0);
		size_t len = reply(m, sizeof m, name, Q53_TYPE_A, Q53_RCODE_NOERROR, t, 1, 0, 0);
		assert_int_equal(q53_cache_put(&c, name, Q53_TYPE_A, m, len, (uint64_t)i), 1);
	}
	assert_int_equal(c.n, 500);
	for (int i = 0; i < 2000; i++) {
		char text[32];
		snprintf(text, sizeof text, "h%d.example.", i);
		q53_name_from_text(text, strlen(text), NULL, name);
		q53_result_t *res = q53_cache_get(&c, name, Q53_TYPE_A, 3000);
		assert_true((res != NULL) == (i >= 1500));
		q53_result_free(res);
	}
	q53_cache_clear(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cache_positive_ttl),
	    cmocka_unit_test(test_cache_negative),
	    cmocka_unit_test(test_cache_cap_replace_evict),
	    cmocka_unit_test(test_cache_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
