/*
 * Fuzz target for q53d's answer engine (server/answer.c): arbitrary octets as a query (RFC 1035 4.1)
 * against a fixed zone set built once from zone text through the parser and the builder, as q53d loads
 * it: a parent example.com. (apex SOA and NS, A/AAAA, MX, SRV, CAA, a CNAME chain and a CNAME loop, a
 * wildcard (RFC 4592), a delegation with glue and DS, a DNAME (RFC 6672), an RRSIG, a TXT RRset too big
 * for 512 octets, a fat delegation) and its child child.example.com. served beside it; and two signed
 * zones of tests/data/dnssec, example. with NSEC and signed.test. with NSEC3, for queries with DO.
 *
 * Each input is answered as a UDP client with 512 and 4096 octet buffers and as a TCP client (65535),
 * under two configurations (defaults with NSID, cookies, CHAOS strings; and no minimal responses, no
 * cookies, EDNS 4096). Checked for each: nothing but a query shorter than a header, longer than 65535
 * octets or with QR=1 is dropped; a response parses completely with the codec's reader, carries the
 * query's ID, QR=1, the query's opcode, RD and CD, no RA, Z or AD; it fits the buffer, and over UDP 512
 * octets or the EDNS payload size the query gave (RFC 6891 6.2.5), capped by ours; its one question is
 * the query's own, octet for octet; the answer q53_answer_hinted() gives with the hint the server's
 * batch prefetch computes (server.c prefetch_batch()) is byte for byte the one q53_answer() gives; and a
 * UDP answer that fits in 512 octets is the one a 512-octet buffer gets. For rate limiting:
 * q53_answer_noted() gives the same octets, classifies exactly the answered queries, errors without a key,
 * hands over a cookie that lies inside the query, whose check reads only that; and the truncated answer a
 * slip sends (q53_rrl_slip()) is a whole message with TC, the ID and at most the question.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "q53/msg.h"
#include "rrl.h"
#include "q53/name.h"
#include "fuzz.h"
#include "zone.h"

enum { QUERY_MAX = 4096 /* server.c: the prefetch reads at most this much of a UDP query */ };

static const char parent_zone[] = "$TTL 300\n"
				  "@ 3600 SOA ns1 hostmaster ( 2024060101 7200 900 1209600 300 )\n"
				  "@ 3600 NS ns1\n"
				  "@ 3600 NS ns2\n"
				  "@ MX 10 mail\n"
				  "@ MX 20 mail2.example.net.\n"
				  "@ A 192.0.2.10\n"
				  "@ AAAA 2001:db8::10\n"
				  "@ CAA 0 issue \"ca.example.net\"\n"
				  "ns1 A 192.0.2.1\n"
				  "ns1 AAAA 2001:db8::1\n"
				  "ns2 A 192.0.2.2\n"
				  "mail A 192.0.2.25\n"
				  "www A 192.0.2.10\n"
				  "www AAAA 2001:db8::10\n"
				  "www TXT \"hello\" \"world\"\n"
				  "c1 CNAME c2\n"
				  "c2 CNAME c3\n"
				  "c3 CNAME www\n"
				  "loop1 CNAME loop2\n"
				  "loop2 CNAME loop1\n"
				  "gone CNAME nothere\n"
				  "out CNAME www.example.net.\n"
				  "*.wild A 192.0.2.77\n"
				  "*.wild TXT \"wildcard\"\n"
				  "cw CNAME x.wild\n"
				  "_sip._tcp SRV 0 5 5060 sip\n"
				  "sip A 192.0.2.30\n"
				  "sub 3600 NS ns1.sub\n"
				  "sub 3600 NS ns2.sub\n"
				  "sub 3600 NS ns1\n"
				  "sub 3600 DS 12345 8 2 abcdef0123\n"
				  "ns1.sub 3600 A 192.0.2.53\n"
				  "ns2.sub 3600 AAAA 2001:db8::53\n"
				  "child 3600 NS ns.child\n"
				  "child 3600 DS 54321 13 2 0123\n"
				  "ns.child 3600 A 192.0.2.60\n"
				  "d DNAME example.net.\n"
				  "tod CNAME y.d\n"
				  "signed A 192.0.2.90\n"
				  "signed RRSIG A 8 3 300 20270101000000 20260101000000 1 example.com. AA==\n"
				  "generic TYPE65280 \\# 4 deadbeef\n"
				  "1.2.0.192.in-addr.arpa PTR ns1\n";

static const char child_zone[] = "$TTL 60\n"
				 "@ SOA ns hostmaster 1 7200 900 1209600 600\n"
				 "@ 3600 NS ns\n"
				 "ns A 192.0.2.60\n"
				 "host A 192.0.2.61\n"
				 "host AAAA 2001:db8::61\n";

static q53_zoneset_t *zones;
static q53_answer_cfg_t cfg[2];
static q53_prefetch_t stale; /* the hint a batch slot keeps from www.example.com. */

static void no_diag(const q53_diag_t *d, void *ctx)
{
	(void)ctx;
	char line[512];
	q53_diag_format(d, line, sizeof line);
	fprintf(stderr, "fuzz_answer: fixture: %s\n", line);
}

static int add(const q53_zrr_t *rr, void *ctx)
{
	return q53_zone_builder_add(ctx, rr, no_diag, NULL);
}

/* Builds one zone as q53_zone_load() does, from text; the fixture must load without an error. */
static q53_zone_t *build(const char *apex_text, const char *text, size_t len)
{
	uint8_t apex[Q53_NAME_MAX];
	CHECK(q53_name_from_text(apex_text, strlen(apex_text), NULL, apex) > 0);
	q53_zone_builder_t *b = q53_zone_builder_new(apex);
	CHECK(b != NULL);
	q53_parse_opts_t opts = {.origin = apex, .diag = no_diag};
	CHECK(q53_zone_parse_mem(apex_text, text, len, &opts, add, b) == 0);
	q53_zone_t *z = NULL;
	CHECK(q53_zone_builder_finish(b, no_diag, NULL, &z) == 0 && z != NULL);
	return z;
}

/* A signed fixture zone, loaded from its file as q53d loads one. */
static q53_zone_t *load_signed(const char *file, const char *apex_text)
{
	char path[1024];
	uint8_t apex[Q53_NAME_MAX];
	snprintf(path, sizeof path, "%s/%s", DNSSEC_DATA, file);
	CHECK(q53_name_from_text(apex_text, strlen(apex_text), NULL, apex) > 0);
	q53_zone_t *z = NULL;
	CHECK(q53_zone_load(path, apex, no_diag, NULL, &z) == 0 && z != NULL && q53_zone_signed(z));
	return z;
}

static void setup(void)
{
	static char text[1 << 16];
	size_t n = (size_t)snprintf(text, sizeof text, "%s", parent_zone);
	/* big: 8 TXT records of 200 octets, about 1.7 KB: truncated over UDP 512, whole in 4096. */
	for (int i = 0; i < 8; i++) {
		n += (size_t)snprintf(text + n, sizeof text - n, "big TXT \"%c", 'a' + i);
		for (int j = 0; j < 199; j++)
			text[n++] = 'x';
		n += (size_t)snprintf(text + n, sizeof text - n, "\"\n");
	}
	/* mx: MX targets whose addresses cannot all go in 512 octets; fat: 13 NS with glue below the cut. */
	for (int i = 1; i <= 10; i++)
		n += (size_t)snprintf(text + n, sizeof text - n,
				      "mx MX %d mx%d\nmx%d A 192.0.2.%d\nmx%d AAAA 2001:db8::%d\n", i, i, i,
				      100 + i, i, i);
	for (int i = 1; i <= 13; i++)
		n += (size_t)snprintf(text + n, sizeof text - n,
				      "fat 3600 NS ns%02d.fat\nns%02d.fat 3600 A 192.0.2.%d\n"
				      "ns%02d.fat 3600 AAAA 2001:db8::%d\n",
				      i, i, 150 + i, i, i);
	CHECK(n < sizeof text);
	q53_zone_t *zs[4] = {
	    build("example.com.", text, n), build("child.example.com.", child_zone, sizeof child_zone - 1),
	    load_signed("rfc4035.zone", "example."), load_signed("extra-nsec3.zone", "signed.test.")};
	zones = q53_zoneset_new(zs, 4);
	CHECK(zones != NULL);
	static const uint8_t www[] = "\3www\7example\3com";
	q53_prefetch_start(zones, www, &stale);
	q53_prefetch_node(&stale);
	q53_prefetch_sets(&stale);
	CHECK(stale.z != NULL && stale.node != 0);

	static const uint8_t secret[16] = {0xe5, 0xe9, 0x73, 0xe5, 0xa6, 0xb2, 0xa4, 0x3f,
					   0x48, 0xe7, 0xdc, 0x84, 0x9e, 0x37, 0xbf, 0xcf};
	static const char nsid[] = "fuzz-ns1";
	q53_answer_cfg_init(&cfg[0], secret);
	cfg[0].nsid = nsid;
	cfg[0].nsid_len = sizeof nsid - 1;
	cfg[0].version = "q53 fuzz";
	cfg[0].identity = "fuzz.example";
	cfg[0].now = 1559731985;
	q53_answer_cfg_init(&cfg[1], secret);
	cfg[1].minimal = false;
	cfg[1].cookies = false;
	cfg[1].edns_size = 4096;
	cfg[1].now = 1559731985;
}

/* The EDNS payload size the query asks for: 0 without a well-formed OPT in a query read whole. */
static size_t query_payload(const uint8_t *q, size_t len)
{
	q53_reader_t r;
	q53_edns_t e;
	if (q53_reader_init(&r, q, len) != 0 || q53_reader_edns(&r, &e) != 1)
		return 0;
	return e.udp_size;
}

/* The response resp[0..rlen) to q[0..qlen) is a whole message that answers it. */
static void check_response(const uint8_t *q, size_t qlen, const uint8_t *resp, size_t rlen)
{
	q53_reader_t r, rq;
	q53_rr_t rr, qq;
	CHECK(q53_reader_init(&r, resp, rlen) == 0);
	int rc;
	/* Invariant: every record before rr read without an error. */
	while ((rc = q53_reader_next(&r, &rr)) == 1)
		;
	CHECK(rc == 0 && q53_reader_trailing(&r) == 0);
	uint16_t qflags = q53_get16(q + 2), flags = r.flags;
	CHECK(r.id == q53_get16(q));
	CHECK(flags & Q53_FLAG_QR);
	CHECK((flags & 0x7800) == (qflags & 0x7800));
	CHECK((flags & (Q53_FLAG_RD | Q53_FLAG_CD)) == (qflags & (Q53_FLAG_RD | Q53_FLAG_CD)));
	CHECK((flags & (Q53_FLAG_RA | Q53_FLAG_Z | Q53_FLAG_AD)) == 0);
	CHECK(r.count[0] <= 1);
	if (r.count[0] == 1) {
		/* The question goes back as the client wrote it (case kept, RFC 4343 4.1). */
		uint8_t a[Q53_NAME_MAX], b[Q53_NAME_MAX];
		CHECK(q53_reader_init(&r, resp, rlen) == 0 && q53_reader_question(&r, &rr) == 1);
		CHECK(q53_reader_init(&rq, q, qlen) == 0 && q53_reader_question(&rq, &qq) == 1);
		int la = q53_rr_owner(&rr, a), lb = q53_rr_owner(&qq, b);
		CHECK(la > 0 && la == lb && memcmp(a, b, (size_t)la) == 0);
		CHECK(rr.type == qq.type && rr.rclass == qq.rclass);
	}
}

/*
 * The server's prefetch for this query, as prefetch_batch() computes it in a batch slot that last held
 * the hint of another query (www.example.com.'s): the slot is reset whole first. Before that reset
 * existed, a name that is not plain kept the last query's node and q53_prefetch_sets() read it through a
 * NULL zone (tests/fuzz/corpus/answer/crash-stale-prefetch-hint*); the later stages must also shrug off
 * such a half-reset hint, which is run here too.
 */
static void hint_of(const uint8_t *q, size_t qlen, q53_prefetch_t *pf)
{
	size_t len = qlen < QUERY_MAX ? qlen : QUERY_MAX;
	*pf = stale;
	pf->z = NULL;
	q53_prefetch_node(pf);
	q53_prefetch_sets(pf);
	q53_prefetch_data(pf);
	*pf = (q53_prefetch_t){.z = NULL};
	if (len > Q53_HEADER_LEN && q53_name_check(q + Q53_HEADER_LEN, len - Q53_HEADER_LEN) > 0)
		q53_prefetch_start(zones, q + Q53_HEADER_LEN, pf);
	q53_prefetch_node(pf);
	q53_prefetch_sets(pf);
	q53_prefetch_data(pf);
}

/* What rate limiting is told of the answer n = resp[0..n) to q, and the slip of it (other is scratch). */
static void check_noted(const q53_answer_cfg_t *cf, const q53_client_t *c, const uint8_t *q, size_t qlen,
			const uint8_t *resp, int n, uint8_t *other, size_t cap, const q53_prefetch_t *pf)
{
	q53_answer_note_t note;
	int m = q53_answer_noted(cf, zones, c, q, qlen, other, cap, pf, &note);
	CHECK(m == n && (n <= 0 || memcmp(resp, other, (size_t)n) == 0));
	CHECK((note.cls == Q53_AC_NONE) == (n <= 0));
	CHECK(note.cls != Q53_AC_ERROR || note.key == 0);
	CHECK(note.cls == Q53_AC_NONE || note.cls == Q53_AC_ERROR || note.key != 0);
	if (note.cookie != NULL) {
		CHECK(cf->cookies && note.cookie >= q && note.cookie + note.cookie_len <= q + qlen);
		CHECK(note.cookie_len == 8 || (note.cookie_len >= 16 && note.cookie_len <= 40));
		(void)q53_answer_cookie_valid(cf, c, note.cookie, note.cookie_len);
	}
	if (n <= 0)
		return;
	size_t s = q53_rrl_slip(other, (size_t)n);
	q53_reader_t r;
	q53_rr_t rr;
	CHECK(s >= Q53_HEADER_LEN && s <= (size_t)n && q53_reader_init(&r, other, s) == 0);
	CHECK(r.id == q53_get16(q) && (r.flags & Q53_FLAG_TC) && r.count[0] <= 1);
	CHECK(r.count[1] == 0 && r.count[2] == 0 && r.count[3] == 0);
	int rc;
	while ((rc = q53_reader_next(&r, &rr)) == 1)
		;
	CHECK(rc == 0 && q53_reader_trailing(&r) == 0);
}

/* Answers q as client c into a cap-octet buffer, checks it, and returns its length (0: dropped). */
static int answer(const q53_answer_cfg_t *cf, const q53_client_t *c, const uint8_t *q, size_t qlen,
		  uint8_t *resp, size_t cap, uint8_t *other)
{
	int n = q53_answer(cf, zones, c, q, qlen, resp, cap);
	bool drop = qlen < Q53_HEADER_LEN || qlen > Q53_MSG_MAX || (q53_get16(q + 2) & Q53_FLAG_QR);
	CHECK(drop ? n == 0 : n >= Q53_HEADER_LEN);
	CHECK((size_t)n <= cap);
	if (n > 0) {
		check_response(q, qlen, resp, (size_t)n);
		if (!c->tcp) {
			size_t theirs = query_payload(q, qlen), ours = cf->edns_size;
			size_t lim = theirs < ours ? theirs : ours;
			lim = lim < Q53_UDP_MAX ? Q53_UDP_MAX : lim;
			CHECK((size_t)n <= lim);
		}
	}
	/* The batch path: same octets. */
	q53_prefetch_t pf;
	hint_of(q, qlen, &pf);
	int h = q53_answer_hinted(cf, zones, c, q, qlen, other, cap, &pf);
	CHECK(h == n && (n <= 0 || memcmp(resp, other, (size_t)n) == 0));
	check_noted(cf, c, q, qlen, resp, n, other, cap, &pf);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (zones == NULL)
		setup();
	static uint8_t r512[Q53_UDP_MAX], r4096[4096], rtcp[Q53_MSG_MAX], other[Q53_MSG_MAX];
	/* A copy of exactly the input's size (at least a header's room is not promised), so ASan sees reads
	 * past the query. */
	uint8_t *q = malloc(size > 0 ? size : 1);
	CHECK(q != NULL);
	memcpy(q, data, size);
	static const q53_client_t udp = {.tcp = false, .addr = {192, 0, 2, 200}, .family = 4};
	static const q53_client_t tcp = {
	    .tcp = true, .addr = {0x20, 0x01, 0x0d, 0xb8, [15] = 0x99}, .family = 6};
	if (size < 4) {
		/* Shorter than a header: dropped (the flags cannot even be read). */
		CHECK(q53_answer(&cfg[0], zones, &udp, q, size, r512, sizeof r512) == 0);
		free(q);
		return 0;
	}
	for (int k = 0; k < 2; k++) {
		int small = answer(&cfg[k], &udp, q, size, r512, sizeof r512, other);
		int big = answer(&cfg[k], &udp, q, size, r4096, sizeof r4096, other);
		/* Nothing had to be left out for 512 octets: the small buffer gets the same answer. */
		if (big > 0 && big <= Q53_UDP_MAX)
			CHECK(small == big && memcmp(r512, r4096, (size_t)big) == 0);
		answer(&cfg[k], &tcp, q, size, rtcp, sizeof rtcp, other);
	}
	free(q);
	return 0;
}
