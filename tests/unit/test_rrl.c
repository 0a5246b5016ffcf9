/*
 * Unit tests of server/rrl.c: the buckets' arithmetic second by second, the slip, which sources and
 * responses share a bucket, the exemptions (TCP, prefixes, loopback by default, a valid server cookie),
 * the truncated response, and several threads on one bucket.
 */
#include "config.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "answer.h"
#include "q53/msg.h"
#include "q53/name.h"
#include "rrl.h"

static q53_answer_cfg_t acfg;

static q53_client_t v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	return (q53_client_t){.addr = {a, b, c, d}, .family = 4};
}

static q53_client_t v6(const char *text)
{
	q53_net_prefix_t p;
	assert_int_equal(q53_net_prefix_parse(text, &p), 0);
	q53_client_t c = {.family = 6};
	memcpy(c.addr, p.addr, 16);
	return c;
}

static q53_answer_note_t note(q53_answer_class cls, uintptr_t key)
{
	return (q53_answer_note_t){.cls = cls, .key = key};
}

/*
 * The defaults with rate and slip, nothing exempt, and 2^20 buckets: the seed is random, so the few keys
 * of a test share a slot (and take it over from each other) about once in 10^5 runs rather than once in
 * 100 with 4096.
 */
static q53_rrl_cfg_t cfg_of(unsigned rate, unsigned slip)
{
	q53_rrl_cfg_t cfg;
	q53_rrl_cfg_init(&cfg);
	cfg.rate = rate;
	cfg.slip = slip;
	cfg.size = 1u << 20;
	cfg.exempt_set = true;
	return cfg;
}

static q53_rrl_t *make(const q53_rrl_cfg_t *cfg)
{
	bool enomem;
	q53_rrl_t *r = q53_rrl_new(cfg, &enomem);
	assert_non_null(r);
	assert_false(enomem);
	return r;
}

/* A limiter with rate and slip, nothing exempt. */
static q53_rrl_t *limiter(unsigned rate, unsigned slip)
{
	q53_rrl_cfg_t cfg = cfg_of(rate, slip);
	return make(&cfg);
}

/* n responses at now: the verdicts as letters, S(end), T(runcated) or D(rop). */
static const char *run(q53_rrl_t *r, const q53_client_t *c, const q53_answer_note_t *n, uint32_t now,
		       unsigned count)
{
	static char out[256];
	assert_true(count < sizeof out);
	for (unsigned i = 0; i < count; i++) {
		q53_rrl_verdict v = q53_rrl_check(r, &acfg, c, n, now);
		out[i] = v == Q53_RRL_SEND ? 'S' : v == Q53_RRL_SLIP ? 'T' : 'D';
	}
	out[count] = '\0';
	return out;
}

/* n responses at now: which of them started a limiting episode, as '1' (started) or '.'. */
static const char *starts(q53_rrl_t *r, const q53_client_t *c, const q53_answer_note_t *n, uint32_t now,
			  unsigned count)
{
	static char out[256];
	assert_true(count < sizeof out);
	for (unsigned i = 0; i < count; i++) {
		q53_rrl_check(r, &acfg, c, n, now);
		out[i] = q53_rrl_started() ? '1' : '.';
	}
	out[count] = '\0';
	return out;
}

/*
 * The log names each limiting episode once: its first limited response starts it, the following ones,
 * in this second or the next, do not; a second without limiting ends it. 255 limited responses in a row
 * start nothing new. Another bucket has its own episodes.
 */
static void test_rrl_episodes(void **state)
{
	(void)state;
	q53_rrl_t *r = limiter(2, 2);
	q53_client_t c = v4(192, 0, 2, 1), d = v4(198, 51, 100, 7);
	q53_answer_note_t n = note(Q53_AC_NXDOMAIN, 0x2000);
	assert_string_equal(starts(r, &c, &n, 100, 6), "..1...");
	assert_string_equal(starts(r, &c, &n, 101, 4), "....");
	assert_string_equal(starts(r, &c, &n, 101, 250),
			    "............................................................"
			    "............................................................"
			    "............................................................"
			    "............................................................"
			    "..........");
	assert_string_equal(starts(r, &d, &n, 101, 3), "..1");
	/* Quiet through second 102: at 103 a new episode starts. At 104 one response leaves credit over, so
	 * nothing was limited that second, and the third at 105 starts another. */
	assert_string_equal(starts(r, &c, &n, 103, 4), "..1.");
	assert_string_equal(starts(r, &c, &n, 104, 1), ".");
	assert_string_equal(starts(r, &c, &n, 105, 3), "..1");
	/* A response that is never limited says nothing either. */
	q53_client_t tcp = c;
	tcp.tcp = true;
	assert_string_equal(starts(r, &tcp, &n, 103, 3), "...");
	q53_rrl_free(r);
}

/* At most so many log lines a second, the ones left out counted into the next that goes. */
static void test_rrl_log_cap(void **state)
{
	(void)state;
	_Atomic uint64_t st = 0;
	unsigned left = 99;
	for (unsigned i = 0; i < 3; i++) {
		assert_true(q53_rrl_log_allowed(&st, 1000, 3, &left));
		assert_int_equal(left, 0);
	}
	for (unsigned i = 0; i < 5; i++)
		assert_false(q53_rrl_log_allowed(&st, 1000, 3, &left));
	assert_true(q53_rrl_log_allowed(&st, 1001, 3, &left));
	assert_int_equal(left, 5);
	assert_true(q53_rrl_log_allowed(&st, 1001, 3, &left));
	assert_int_equal(left, 0);
	/* A second later than any before: a fresh count, whatever the clock's value. */
	assert_true(q53_rrl_log_allowed(&st, 4000000000u, 3, &left));
	/* Left-out lines stop counting at 65535 rather than wrap. */
	for (unsigned i = 0; i < 70000; i++)
		q53_rrl_log_allowed(&st, 7, 0, &left);
	assert_true(q53_rrl_log_allowed(&st, 8, 1, &left));
	assert_int_equal(left, 65535);
}

/* The network the log names: the source cut to the configured prefix. */
static void test_rrl_network(void **state)
{
	(void)state;
	q53_rrl_cfg_t cfg = cfg_of(10, 2);
	cfg.ipv4_prefix = 20;
	cfg.ipv6_prefix = 48;
	q53_rrl_t *r = make(&cfg);
	char t[64];
	q53_client_t c = v4(192, 0, 2, 200);
	q53_rrl_network(r, &c, t, sizeof t);
	assert_string_equal(t, "192.0.0.0/20");
	c = v6("2001:db8:1:2:3::9");
	q53_rrl_network(r, &c, t, sizeof t);
	assert_string_equal(t, "2001:db8:1::/48");
	q53_rrl_free(r);
	r = limiter(10, 2);
	c = v6("2001:db8:1:2ff:3::9");
	q53_rrl_network(r, &c, t, sizeof t);
	assert_string_equal(t, "2001:db8:1:200::/56");
	c = v4(10, 1, 2, 3);
	q53_rrl_network(r, &c, t, sizeof t);
	assert_string_equal(t, "10.1.2.0/24");
	q53_rrl_free(r);
}

static void test_rrl_defaults(void **state)
{
	(void)state;
	q53_rrl_cfg_t cfg;
	q53_rrl_cfg_init(&cfg);
	assert_int_equal(cfg.rate, 200);
	assert_int_equal(cfg.slip, 2);
	assert_int_equal(cfg.ipv4_prefix, 24);
	assert_int_equal(cfg.ipv6_prefix, 56);
	assert_false(cfg.exempt_set);
	/* Rate 0: nothing to limit, no table. */
	cfg.rate = 0;
	bool enomem = true;
	assert_null(q53_rrl_new(&cfg, &enomem));
	assert_false(enomem);
	/* No limiter: every response goes. */
	q53_client_t c = v4(192, 0, 2, 1);
	q53_answer_note_t n = note(Q53_AC_ANSWER, 1);
	assert_int_equal(q53_rrl_check(NULL, &acfg, &c, &n, 1), Q53_RRL_SEND);
}

/* rate a second; past it every slip-th limited response is truncated; a new second brings rate more. */
static void test_rrl_bucket(void **state)
{
	(void)state;
	q53_rrl_t *r = limiter(3, 2);
	q53_client_t c = v4(192, 0, 2, 1);
	q53_answer_note_t n = note(Q53_AC_ANSWER, 0x1000);
	assert_string_equal(run(r, &c, &n, 100, 9), "SSSDTDTDT");
	/* The next second: three more; the slip count goes on. */
	assert_string_equal(run(r, &c, &n, 101, 5), "SSSDT");
	/* Two seconds idle: the credit is capped at one second's worth. */
	assert_string_equal(run(r, &c, &n, 103, 5), "SSSDT");
	/* The stamp wraps at 2^24 seconds (194 days): elapsed time is taken modulo that. */
	assert_string_equal(run(r, &c, &n, (1u << 24) + 5, 4), "SSSD");
	q53_rrl_free(r);

	/* slip 1: every limited response truncated; slip 0: all dropped; slip 3: every third. */
	r = limiter(2, 1);
	assert_string_equal(run(r, &c, &n, 7, 5), "SSTTT");
	q53_rrl_free(r);
	r = limiter(2, 0);
	assert_string_equal(run(r, &c, &n, 7, 5), "SSDDD");
	q53_rrl_free(r);
	r = limiter(1, 3);
	assert_string_equal(run(r, &c, &n, 7, 7), "SDDTDDT");
	q53_rrl_free(r);
}

/* Which responses share a bucket: the network of the source, the class and the key. */
static void test_rrl_buckets_apart(void **state)
{
	(void)state;
	q53_rrl_t *r = limiter(2, 2);
	q53_client_t a = v4(192, 0, 2, 1), same24 = v4(192, 0, 2, 250), other24 = v4(192, 0, 3, 1);
	q53_answer_note_t n = note(Q53_AC_ANSWER, 0x1000);
	assert_string_equal(run(r, &a, &n, 50, 3), "SSD");
	/* The same /24: the same bucket. */
	assert_string_equal(run(r, &same24, &n, 50, 1), "T");
	/* Another /24, another class or another key: buckets of their own. */
	assert_string_equal(run(r, &other24, &n, 50, 3), "SSD");
	q53_answer_note_t nx = note(Q53_AC_NXDOMAIN, 0x1000), k2 = note(Q53_AC_ANSWER, 0x2000);
	assert_string_equal(run(r, &a, &nx, 50, 3), "SSD");
	assert_string_equal(run(r, &a, &k2, 50, 3), "SSD");
	/* IPv6: the same /56, then another. */
	q53_client_t s1 = v6("2001:db8:0:100::1"), s2 = v6("2001:db8:0:1ff:ffff::2"),
		     s3 = v6("2001:db8:0:200::1");
	assert_string_equal(run(r, &s1, &n, 50, 2), "SS");
	assert_string_equal(run(r, &s2, &n, 50, 2), "DT");
	assert_string_equal(run(r, &s3, &n, 50, 2), "SS");
	/* An IPv4 address and the IPv6 address with the same first octets are not one network. */
	q53_client_t m = {.family = 6, .addr = {192, 0, 2, 1}};
	assert_string_equal(run(r, &m, &n, 50, 2), "SS");
	q53_rrl_free(r);

	/* Prefix lengths as configured: /32 and /128 make each address its own network. */
	q53_rrl_cfg_t cfg = cfg_of(1, 2);
	cfg.ipv4_prefix = 32;
	cfg.ipv6_prefix = 128;
	r = make(&cfg);
	assert_string_equal(run(r, &a, &n, 9, 2), "SD");
	assert_string_equal(run(r, &same24, &n, 9, 2), "SD");
	assert_string_equal(run(r, &s1, &n, 9, 2), "SD");
	assert_string_equal(run(r, &s2, &n, 9, 2), "SD");
	q53_rrl_free(r);
}

/* Never limited: TCP, responses the engine did not classify, exempt prefixes, loopback by default. */
static void test_rrl_exempt(void **state)
{
	(void)state;
	q53_rrl_t *r = limiter(1, 2);
	q53_client_t c = v4(192, 0, 2, 1);
	q53_answer_note_t n = note(Q53_AC_ERROR, 0), none = note(Q53_AC_NONE, 0);
	assert_string_equal(run(r, &c, &n, 1, 2), "SD");
	c.tcp = true;
	assert_string_equal(run(r, &c, &n, 1, 3), "SSS");
	c.tcp = false;
	assert_string_equal(run(r, &c, &none, 1, 3), "SSS");
	/* exempt_set with no prefix: loopback is limited like any source. */
	q53_client_t lo = v4(127, 0, 0, 1), lo6 = v6("::1");
	assert_string_equal(run(r, &lo, &n, 1, 2), "SD");
	assert_string_equal(run(r, &lo6, &n, 1, 2), "SD");
	q53_rrl_free(r);

	/* The defaults: 127.0.0.0/8 and ::1 exempt, nothing else. */
	q53_rrl_cfg_t cfg = cfg_of(1, 2);
	cfg.exempt_set = false;
	r = make(&cfg);
	q53_client_t lo2 = v4(127, 1, 2, 3), near = v6("::2");
	assert_string_equal(run(r, &lo, &n, 1, 3), "SSS");
	assert_string_equal(run(r, &lo2, &n, 1, 3), "SSS");
	assert_string_equal(run(r, &lo6, &n, 1, 3), "SSS");
	assert_string_equal(run(r, &near, &n, 1, 2), "SD");
	assert_string_equal(run(r, &c, &n, 1, 2), "SD");
	q53_rrl_free(r);

	/* Configured prefixes replace loopback. */
	cfg = cfg_of(1, 2);
	assert_int_equal(q53_net_prefix_parse("192.0.2.0/25", &cfg.exempt[0]), 0);
	assert_int_equal(q53_net_prefix_parse("2001:db8::/32", &cfg.exempt[1]), 0);
	cfg.nexempt = 2;
	r = make(&cfg);
	q53_client_t in = v4(192, 0, 2, 127), out = v4(192, 0, 2, 128), in6 = v6("2001:db8:ffff::1");
	assert_string_equal(run(r, &in, &n, 1, 3), "SSS");
	assert_string_equal(run(r, &out, &n, 1, 2), "SD");
	assert_string_equal(run(r, &in6, &n, 1, 3), "SSS");
	assert_string_equal(run(r, &lo, &n, 1, 2), "SD");
	q53_rrl_free(r);
}

/*
 * A client that presents a server cookie of ours is not limited (RFC 7873 5.2.3); a forged or stale one
 * is. RFC 9018 A.1's cookie for 198.51.100.100 at its time.
 */
static void test_rrl_cookie(void **state)
{
	(void)state;
	static const uint8_t secret[16] = {0xe5, 0xe9, 0x73, 0xe5, 0xa6, 0xb2, 0xa4, 0x3f,
					   0x48, 0xe7, 0xdc, 0x84, 0x9e, 0x37, 0xbf, 0xcf};
	static const uint8_t good[24] = {0x24, 0x64, 0xc4, 0xab, 0xcf, 0x10, 0xc9, 0x57,
					 0x01, 0x00, 0x00, 0x00, 0x5c, 0xf7, 0x9f, 0x11,
					 0x1f, 0x81, 0x30, 0xc3, 0xee, 0xe2, 0x94, 0x80};
	uint8_t bad[24];
	memcpy(bad, good, sizeof bad);
	bad[23] ^= 1;
	q53_answer_cfg_init(&acfg, secret);
	acfg.now = 1559731985;
	q53_rrl_t *r = limiter(1, 2);
	q53_client_t c = v4(198, 51, 100, 100);
	q53_answer_note_t plain = note(Q53_AC_ANSWER, 0x1000), with = plain, forged = plain,
			  client_only = plain;
	with.cookie = good;
	with.cookie_len = sizeof good;
	forged.cookie = bad;
	forged.cookie_len = sizeof bad;
	client_only.cookie = good;
	client_only.cookie_len = 8;
	assert_string_equal(run(r, &c, &plain, 1, 2), "SD");
	assert_string_equal(run(r, &c, &with, 1, 3), "SSS");
	/* The slip count went on under the cookie: 5 and 6 now. */
	assert_string_equal(run(r, &c, &forged, 1, 2), "DT");
	assert_string_equal(run(r, &c, &client_only, 1, 2), "DT");
	/* Another source of the same /24 with that cookie: not its cookie. */
	q53_client_t other = v4(198, 51, 100, 101);
	assert_string_equal(run(r, &other, &with, 1, 3), "DTD");
	/* The cookie an hour and a second later: stale. */
	acfg.now += 3601;
	assert_string_equal(run(r, &c, &with, 1, 2), "TD");
	memset(&acfg, 0, sizeof acfg);
	q53_rrl_free(r);
}

/* The slip: header and question, TC, no records; the ID, rcode and other flags kept. */
static void test_rrl_slip(void **state)
{
	(void)state;
	uint8_t msg[512], name[Q53_NAME_MAX];
	assert_true(q53_name_from_text("www.example.com.", 16, NULL, name) > 0);
	q53_writer_t w;
	q53_writer_init(&w, msg, sizeof msg, 0xBEEF, Q53_FLAG_QR | Q53_FLAG_AA | Q53_FLAG_RD | 3);
	q53_writer_question(&w, name, Q53_TYPE_A, Q53_CLASS_IN);
	uint8_t rd[4] = {192, 0, 2, 1};
	q53_writer_rr(&w, Q53_SEC_ANSWER, name, Q53_TYPE_A, Q53_CLASS_IN, 300, rd, 4);
	q53_writer_edns(&w, &(q53_edns_t){.udp_size = 1232});
	int len = q53_writer_finish(&w);
	assert_true(len > 12 + 17 + 4);
	size_t n = q53_rrl_slip(msg, (size_t)len);
	assert_int_equal(n, 12 + 17 + 4);
	q53_reader_t r;
	q53_rr_t rr;
	assert_int_equal(q53_reader_init(&r, msg, n), 0);
	assert_int_equal(r.id, 0xBEEF);
	assert_int_equal(r.flags, Q53_FLAG_QR | Q53_FLAG_AA | Q53_FLAG_TC | Q53_FLAG_RD | 3);
	assert_int_equal(r.count[0], 1);
	assert_int_equal(r.count[1] + r.count[2] + r.count[3], 0);
	assert_int_equal(q53_reader_next(&r, &rr), 1);
	assert_int_equal(rr.type, Q53_TYPE_A);
	assert_int_equal(q53_reader_next(&r, &rr), 0);
	assert_int_equal(q53_reader_trailing(&r), 0);
	/* No question (FORMERR of a question-less query): the header alone. */
	q53_writer_init(&w, msg, sizeof msg, 7, Q53_FLAG_QR | Q53_RCODE_FORMERR);
	q53_writer_edns(&w, &(q53_edns_t){.udp_size = 1232});
	len = q53_writer_finish(&w);
	assert_int_equal(q53_rrl_slip(msg, (size_t)len), 12);
	assert_int_equal(q53_get16(msg + 2), Q53_FLAG_QR | Q53_FLAG_TC | Q53_RCODE_FORMERR);
	assert_int_equal(q53_get16(msg + 10), 0);
	/* Less than a header: left alone. */
	assert_int_equal(q53_rrl_slip(msg, 5), 5);
}

/* Four threads on one bucket: exactly rate responses go in a second, whatever the interleaving. */
enum { THREADS = 4, PER_THREAD = 5000 };
static q53_rrl_t *shared;
static const q53_client_t shared_client = {.addr = {192, 0, 2, 9}, .family = 4};
static const q53_answer_note_t shared_note = {.cls = Q53_AC_NXDOMAIN, .key = 77};

static void *hammer(void *arg)
{
	unsigned *sent = arg;
	for (unsigned i = 0; i < PER_THREAD; i++)
		*sent += q53_rrl_check(shared, &acfg, &shared_client, &shared_note, 1000) == Q53_RRL_SEND;
	return NULL;
}

static void test_rrl_threads(void **state)
{
	(void)state;
	shared = limiter(1000, 2);
	pthread_t t[THREADS];
	unsigned sent[THREADS] = {0};
	for (unsigned i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, hammer, &sent[i]), 0);
	unsigned total = 0;
	for (unsigned i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		total += sent[i];
	}
	assert_int_equal(total, 1000);
	q53_rrl_free(shared);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rrl_defaults), cmocka_unit_test(test_rrl_bucket),
	    cmocka_unit_test(test_rrl_episodes), cmocka_unit_test(test_rrl_network),
	    cmocka_unit_test(test_rrl_log_cap),	 cmocka_unit_test(test_rrl_buckets_apart),
	    cmocka_unit_test(test_rrl_exempt),	 cmocka_unit_test(test_rrl_cookie),
	    cmocka_unit_test(test_rrl_slip),	 cmocka_unit_test(test_rrl_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
