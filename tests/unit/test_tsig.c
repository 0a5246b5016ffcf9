/*
 * Unit tests of server/tsig.c (RFC 8945). The known vectors are queries kdig signed (Knot's own TSIG
 * code, an independent implementation) with hmac-sha1, hmac-sha256 and hmac-sha512, captured as they
 * left kdig (tests/data/tsig/kdig-*.bin, keys beside them in kdig -y syntax). The rest signs with our
 * code and checks the errors of RFC 8945 5.2 and the multi-message rule of 5.3.1.
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
#include "tsig.h"

static size_t read_file(const char *name, uint8_t *buf, size_t cap)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", TSIG_DATA, name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	size_t n = fread(buf, 1, cap, f);
	fclose(f);
	return n;
}

static void read_key(const char *name, q53_tsig_key_t *k)
{
	char text[512];
	size_t n = read_file(name, (uint8_t *)text, sizeof text - 1);
	text[n] = '\0';
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r'))
		text[--n] = '\0';
	assert_int_equal(q53_tsig_key_from_text(text, k), 0);
}

/* The time kdig signed at, read from the message so the vector never expires. */
static uint64_t signed_at(const uint8_t *msg, size_t len)
{
	q53_tsig_rr_t t;
	assert_int_equal(q53_tsig_find(msg, len, &t), 1);
	return t.time;
}

static void check_vector(const char *bin, const char *key)
{
	uint8_t msg[1024];
	size_t len = read_file(bin, msg, sizeof msg);
	q53_tsig_key_t k[2];
	q53_tsig_key_t other;
	assert_int_equal(q53_tsig_key_from_text("hmac-sha256:unrelated.:AAAA", &other), 0);
	k[0] = other;
	read_key(key, &k[1]);
	uint64_t t = signed_at(msg, len);
	q53_tsig_ctx_t c;
	assert_int_equal(q53_tsig_verify_request(k, 2, msg, len, t + 10, &c), 1);
	assert_int_equal(c.error, 0);
	assert_ptr_equal(c.key, &k[1]);
	assert_int_equal(c.mac_len, q53_tsig_mac_len(k[1].alg));
	q53_tsig_ctx_free(&c);

	/* One bit flipped in the question: BADSIG. */
	msg[14] ^= 0x20;
	assert_int_equal(q53_tsig_verify_request(k, 2, msg, len, t, &c), 1);
	assert_int_equal(c.error, Q53_TSIG_BADSIG);
	msg[14] ^= 0x20;
	/* A wrong secret under the same name: BADSIG too. */
	q53_tsig_key_t wrong = k[1];
	wrong.secret[0] ^= 1;
	assert_int_equal(q53_tsig_verify_request(&wrong, 1, msg, len, t, &c), 1);
	assert_int_equal(c.error, Q53_TSIG_BADSIG);
	/* Only an unknown key: BADKEY. */
	assert_int_equal(q53_tsig_verify_request(&other, 1, msg, len, t, &c), 1);
	assert_int_equal(c.error, Q53_TSIG_BADKEY);
	assert_null(c.key);
	/* Outside the fudge (300 s) either way: BADTIME, checked after the MAC. */
	assert_int_equal(q53_tsig_verify_request(k, 2, msg, len, t + 301, &c), 1);
	assert_int_equal(c.error, Q53_TSIG_BADTIME);
	assert_int_equal(q53_tsig_verify_request(k, 2, msg, len, t - 301, &c), 1);
	assert_int_equal(c.error, Q53_TSIG_BADTIME);
	assert_int_equal(q53_tsig_verify_request(k, 2, msg, len, t - 300, &c), 1);
	assert_int_equal(c.error, 0);
}

static void test_tsig_kdig_sha256(void **state)
{
	(void)state;
	check_vector("kdig-sha256.bin", "kdig-sha256.key");
}

static void test_tsig_kdig_sha512(void **state)
{
	(void)state;
	check_vector("kdig-sha512.bin", "kdig-sha512.key");
}

static void test_tsig_kdig_sha1(void **state)
{
	(void)state;
	check_vector("kdig-sha1.bin", "kdig-sha1.key");
}

/*
 * A 5-message AXFR stream Knot (knotd 3.2) signed in answer to a kdig query (RFC 8945 5.3.1): the client
 * side verifies every message after the first with the prior MAC and the timers only.
 */
static void test_tsig_knot_axfr_stream(void **state)
{
	(void)state;
	static uint8_t stream[80000];
	uint8_t q[512];
	size_t qlen = read_file("knot-axfr-query.bin", q, sizeof q);
	size_t len = read_file("knot-axfr-response.bin", stream, sizeof stream);
	q53_tsig_key_t k;
	read_key("kdig-sha256.key", &k);
	uint64_t t = signed_at(q, qlen);
	q53_tsig_ctx_t sv, cl;
	/* The request MAC, as the client kept it when it signed the query. */
	assert_int_equal(q53_tsig_verify_request(&k, 1, q, qlen, t, &sv), 1);
	assert_int_equal(sv.error, 0);
	for (int tamper = 0; tamper < 2; tamper++) {
		q53_tsig_ctx_init(&cl, &k);
		memcpy(cl.mac, sv.mac, sv.mac_len);
		cl.mac_len = sv.mac_len;
		cl.nmsg = 1;
		size_t off = 0;
		unsigned n = 0, good = 0;
		/* Invariant: the messages before off were verified in order. */
		while (off + 2 <= len) {
			size_t mlen = q53_get16(stream + off);
			uint8_t *m = stream + off + 2;
			assert_true(off + 2 + mlen <= len);
			if (tamper && n == 3)
				m[40] ^= 1;
			int r = q53_tsig_verify_response(&cl, m, mlen, signed_at(m, mlen));
			if (tamper && n == 3)
				m[40] ^= 1;
			if (r == 1)
				good++;
			else
				break;
			off += 2 + mlen;
			n++;
		}
		assert_int_equal(good, tamper ? 3 : 5);
		q53_tsig_ctx_free(&cl);
	}
}

static void test_tsig_key_parse(void **state)
{
	(void)state;
	q53_tsig_key_t k;
	assert_int_equal(q53_tsig_key_from_text("name:c2VjcmV0", &k), 0);
	assert_int_equal(k.alg, Q53_TSIG_HMAC_SHA256);
	assert_int_equal(k.secret_len, 6);
	assert_memory_equal(k.secret, "secret", 6);
	assert_memory_equal(k.name, "\4name", 6);
	assert_int_equal(q53_tsig_key_from_text("HMAC-SHA512:Big.Name.:c2VjcmV0MQ==", &k), 0);
	assert_int_equal(k.alg, Q53_TSIG_HMAC_SHA512);
	assert_memory_equal(k.name, "\3big\4name", 10);
	assert_int_equal(k.secret_len, 7);
	assert_int_equal(q53_tsig_key_from_text("hmac-md5:n:c2VjcmV0", &k), Q53_ESYNTAX);
	assert_int_equal(q53_tsig_key_from_text("n:", &k), Q53_ESYNTAX);
	assert_int_equal(q53_tsig_key_from_text("n:not base64!", &k), Q53_ESYNTAX);
	assert_int_equal(q53_tsig_key_from_text("nocolon", &k), Q53_ESYNTAX);
}

static size_t make_query(uint8_t *buf, size_t cap, uint16_t id, uint16_t type)
{
	int n = q53_msg_query(buf, cap, id, 0, (const uint8_t *)"\7example\3com", type, Q53_CLASS_IN, NULL);
	assert_true(n > 0);
	return (size_t)n;
}

/* A response stream of three messages signed by the server side, verified by the client side. */
static void test_tsig_stream_round_trip(void **state)
{
	(void)state;
	q53_tsig_key_t k;
	assert_int_equal(q53_tsig_key_from_text("hmac-sha256:xfr.:c2VjcmV0LWtleS1mb3ItcTUz", &k), 0);
	uint8_t q[512], r[3][512];
	size_t qlen = make_query(q, sizeof q, 0x1234, Q53_TYPE_AXFR);
	q53_tsig_ctx_t client, server;
	q53_tsig_ctx_init(&client, &k);
	int n = q53_tsig_sign(&client, q, qlen, sizeof q, 1000000);
	assert_true(n > (int)qlen);
	qlen = (size_t)n;
	assert_int_equal(q53_tsig_verify_request(&k, 1, q, qlen, 1000010, &server), 1);
	assert_int_equal(server.error, 0);
	size_t rlen[3];
	for (int i = 0; i < 3; i++) {
		memcpy(r[i], q, Q53_HEADER_LEN);
		q53_put16(r[i] + 2, Q53_FLAG_QR | Q53_FLAG_AA);
		q53_put16(r[i] + 4, 0);
		q53_put16(r[i] + 10, 0);
		n = q53_tsig_sign(&server, r[i], Q53_HEADER_LEN, sizeof r[i], 1000020 + (unsigned)i);
		assert_true(n > Q53_HEADER_LEN);
		rlen[i] = (size_t)n;
	}
	for (int i = 0; i < 3; i++)
		assert_int_equal(q53_tsig_verify_response(&client, r[i], rlen[i], 1000030), 1);
	/* Out of order: the third message does not verify right after the first. The same query signed
	 * at the same time gives the same request MAC, so the first response verifies. */
	q53_tsig_ctx_t c2;
	q53_tsig_ctx_init(&c2, &k);
	uint8_t q2[512];
	size_t q2len = make_query(q2, sizeof q2, 0x1234, Q53_TYPE_AXFR);
	assert_int_equal(q53_tsig_sign(&c2, q2, q2len, sizeof q2, 1000000), (int)qlen);
	assert_memory_equal(q2, q, qlen);
	assert_int_equal(q53_tsig_verify_response(&c2, r[0], rlen[0], 1000030), 1);
	assert_int_equal(q53_tsig_verify_response(&c2, r[2], rlen[2], 1000030), Q53_EMALFORMED);
	q53_tsig_ctx_free(&c2);
	q53_tsig_ctx_free(&client);
	q53_tsig_ctx_free(&server);
}

/* RFC 8945 5.3.2: BADKEY and BADSIG answers carry no MAC; BADTIME is signed and says our time. */
static void test_tsig_error_responses(void **state)
{
	(void)state;
	q53_tsig_key_t k, other;
	assert_int_equal(q53_tsig_key_from_text("k.:c2VjcmV0", &k), 0);
	assert_int_equal(q53_tsig_key_from_text("unknown.:c2VjcmV0", &other), 0);
	uint8_t q[512], r[512];
	size_t qlen = make_query(q, sizeof q, 7, Q53_TYPE_SOA);
	q53_tsig_ctx_t cl, sv;
	q53_tsig_ctx_init(&cl, &other);
	qlen = (size_t)q53_tsig_sign(&cl, q, qlen, sizeof q, 5000);
	assert_int_equal(q53_tsig_verify_request(&k, 1, q, qlen, 5000, &sv), 1);
	assert_int_equal(sv.error, Q53_TSIG_BADKEY);
	memcpy(r, q, Q53_HEADER_LEN);
	q53_put16(r + 4, 0);
	q53_put16(r + 10, 0);
	int n = q53_tsig_sign(&sv, r, Q53_HEADER_LEN, sizeof r, 5000);
	assert_true(n > 0);
	q53_tsig_rr_t t;
	assert_int_equal(q53_tsig_find(r, (size_t)n, &t), 1);
	assert_int_equal(t.error, Q53_TSIG_BADKEY);
	assert_int_equal(t.mac_len, 0);
	assert_memory_equal(t.key, "\7unknown", 9);
	/* The client sees the error and refuses the answer. */
	assert_int_equal(q53_tsig_verify_response(&cl, r, (size_t)n, 5000), Q53_EMALFORMED);
	assert_int_equal(cl.error, Q53_TSIG_BADKEY);
	q53_tsig_ctx_free(&cl);

	q53_tsig_ctx_init(&cl, &k);
	qlen = make_query(q, sizeof q, 8, Q53_TYPE_SOA);
	qlen = (size_t)q53_tsig_sign(&cl, q, qlen, sizeof q, 5000);
	assert_int_equal(q53_tsig_verify_request(&k, 1, q, qlen, 9000, &sv), 1);
	assert_int_equal(sv.error, Q53_TSIG_BADTIME);
	memcpy(r, q, Q53_HEADER_LEN);
	q53_put16(r + 4, 0);
	q53_put16(r + 10, 0);
	n = q53_tsig_sign(&sv, r, Q53_HEADER_LEN, sizeof r, 9000);
	assert_int_equal(q53_tsig_find(r, (size_t)n, &t), 1);
	assert_int_equal(t.error, Q53_TSIG_BADTIME);
	assert_int_equal(t.mac_len, 32);
	assert_int_equal(t.time, 5000);
	assert_int_equal(t.other_len, 6);
	assert_int_equal(q53_get32(t.other + 2), 9000);
	q53_tsig_ctx_free(&cl);
}

/* RFC 8945 5.1: a TSIG that is not last, twice, or not class ANY is FORMERR; truncated RDATA too. */
static void test_tsig_malformed(void **state)
{
	(void)state;
	q53_tsig_key_t k;
	assert_int_equal(q53_tsig_key_from_text("k.:c2VjcmV0", &k), 0);
	uint8_t q[512];
	size_t qlen = make_query(q, sizeof q, 9, Q53_TYPE_SOA);
	q53_tsig_ctx_t c;
	q53_tsig_ctx_init(&c, &k);
	int n = q53_tsig_sign(&c, q, qlen, sizeof q, 100);
	assert_true(n > 0);
	q53_tsig_rr_t t;
	/* Two TSIGs. */
	uint8_t two[1024];
	size_t rr = (size_t)n - qlen;
	memcpy(two, q, (size_t)n);
	memcpy(two + n, q + qlen, rr);
	q53_put16(two + 10, 2);
	assert_int_equal(q53_tsig_find(two, (size_t)n + rr, &t), Q53_EMALFORMED);
	/* Class IN. */
	uint8_t bad[512];
	memcpy(bad, q, (size_t)n);
	q53_put16(bad + qlen + 3 + 2, Q53_CLASS_IN);
	assert_int_equal(q53_tsig_find(bad, (size_t)n, &t), Q53_EMALFORMED);
	/* MAC size beyond the RDATA. */
	memcpy(bad, q, (size_t)n);
	size_t macsize = qlen + 3 + 10 + 13 + 8;
	assert_int_equal(q53_get16(bad + macsize), 32);
	q53_put16(bad + macsize, 200);
	assert_int_equal(q53_tsig_find(bad, (size_t)n, &t), Q53_EMALFORMED);
	/* Every shorter prefix is an error or, cut before the TSIG, an unsigned message: never a crash. */
	for (size_t cut = 0; cut < (size_t)n; cut++) {
		int r = q53_tsig_find(q, cut, &t);
		assert_true(r <= 0);
	}
	/* The sign refuses a buffer without room. */
	q53_tsig_ctx_init(&c, &k);
	qlen = make_query(q, sizeof q, 9, Q53_TYPE_SOA);
	assert_int_equal(q53_tsig_sign(&c, q, qlen, qlen + 20, 100), Q53_ENOSPACE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tsig_kdig_sha256),	   cmocka_unit_test(test_tsig_kdig_sha512),
	    cmocka_unit_test(test_tsig_kdig_sha1),	   cmocka_unit_test(test_tsig_key_parse),
	    cmocka_unit_test(test_tsig_stream_round_trip), cmocka_unit_test(test_tsig_error_responses),
	    cmocka_unit_test(test_tsig_malformed),	   cmocka_unit_test(test_tsig_knot_axfr_stream),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
