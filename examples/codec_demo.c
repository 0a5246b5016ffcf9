/*
 * The codec demo that ./quickstart demo runs until the server and the CLI exist: it builds the query a
 * stub resolver would send for a name, reads it back as a server would, builds the authoritative answer
 * with name compression and EDNS (RFC 1035 4.1, RFC 6891), and prints it the way dig does, as +short, and
 * as RFC 8427 JSON. Everything happens in caller buffers; nothing is allocated.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "q53/msg.h"
#include "q53/name.h"
#include "q53/print.h"

static int fail(const char *what, int err)
{
	fprintf(stderr, "codec_demo: %s: %s\n", what, q53_strerror(err));
	return 1;
}

static void hex(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf("%02x%s", p[i], i % 16 == 15 || i + 1 == n ? "\n" : " ");
}

int main(int argc, char **argv)
{
	const char *text = argc > 1 ? argv[1] : "www.example.com";
	uint8_t qname[Q53_NAME_MAX], origin[Q53_NAME_MAX] = {0};
	int rc = q53_name_from_text(text, strlen(text), origin, qname);
	if (rc < 0)
		return fail(text, rc);

	/* 1. The query, as a stub resolver sends it: RD set, EDNS with a 1232-octet payload. */
	uint8_t query[512];
	q53_edns_t qedns = {.udp_size = Q53_EDNS_DEFAULT};
	int qlen =
	    q53_msg_query(query, sizeof query, 0x5153, Q53_FLAG_RD, qname, Q53_TYPE_A, Q53_CLASS_IN, &qedns);
	if (qlen < 0)
		return fail("query", qlen);
	printf(";; the query (%d octets):\n", qlen);
	hex(query, (size_t)qlen);

	/* 2. The server side: read the question back and answer it. */
	q53_reader_t r;
	q53_rr_t q;
	q53_edns_t edns;
	if ((rc = q53_reader_init(&r, query, (size_t)qlen)) < 0 || (rc = q53_reader_question(&r, &q)) < 0)
		return fail("reading the query", rc);
	uint8_t owner[Q53_NAME_MAX];
	q53_rr_owner(&q, owner);
	const uint8_t *zone = q53_name_parent(owner) ? q53_name_parent(owner) : owner;
	if ((rc = q53_reader_edns(&r, &edns)) < 0)
		return fail("reading the query's OPT", rc);

	uint8_t msg[Q53_EDNS_DEFAULT], ns1[Q53_NAME_MAX], ns2[Q53_NAME_MAX];
	q53_name_from_text("ns1", 3, zone, ns1);
	q53_name_from_text("ns2", 3, zone, ns2);
	static const uint8_t nsid[] = {0, Q53_OPT_NSID, 0, 4, 'd', 'e', 'm', 'o'};
	q53_edns_t aedns = {.udp_size = Q53_EDNS_DEFAULT, .options = nsid, .options_len = sizeof nsid};
	q53_writer_t w;
	q53_writer_init(&w, msg, rc == 1 && edns.udp_size > sizeof msg ? sizeof msg : edns.udp_size, r.id,
			(uint16_t)(Q53_FLAG_QR | Q53_FLAG_AA | (r.flags & Q53_FLAG_RD)));
	q53_writer_reserve(&w, q53_edns_wire_size(&aedns));
	q53_writer_question(&w, owner, q.type, q.rclass);
	q53_writer_rr(&w, Q53_SEC_ANSWER, owner, Q53_TYPE_A, Q53_CLASS_IN, 3600,
		      (const uint8_t *)"\xc0\x00\x02\x01", 4);
	q53_writer_rr(&w, Q53_SEC_ANSWER, owner, Q53_TYPE_A, Q53_CLASS_IN, 3600,
		      (const uint8_t *)"\xc0\x00\x02\x02", 4);
	q53_writer_rr(&w, Q53_SEC_AUTHORITY, zone, Q53_TYPE_NS, Q53_CLASS_IN, 86400, ns1, q53_name_len(ns1));
	q53_writer_rr(&w, Q53_SEC_AUTHORITY, zone, Q53_TYPE_NS, Q53_CLASS_IN, 86400, ns2, q53_name_len(ns2));
	q53_writer_rr(&w, Q53_SEC_ADDITIONAL, ns1, Q53_TYPE_A, Q53_CLASS_IN, 86400,
		      (const uint8_t *)"\xc0\x00\x02\x35", 4);
	q53_writer_rr(&w, Q53_SEC_ADDITIONAL, ns2, Q53_TYPE_AAAA, Q53_CLASS_IN, 86400,
		      (const uint8_t *)"\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x35", 16);
	q53_writer_edns(&w, &aedns);
	int len = q53_writer_finish(&w);
	if (len < 0)
		return fail("answer", len);

	/* 3. Show it. */
	static char text_out[16384];
	printf("\n;; the answer (%d octets with name compression):\n", len);
	q53_style_t st = {0};
	if ((rc = q53_msg_to_text(msg, (size_t)len, &st, text_out, sizeof text_out)) < 0)
		return fail("printing", rc);
	fputs(text_out, stdout);
	st.flags = Q53_STYLE_SHORT;
	q53_msg_to_text(msg, (size_t)len, &st, text_out, sizeof text_out);
	printf(";; the same as +short:\n%s\n", text_out);
	st.flags = 0;
	if ((rc = q53_msg_to_json(msg, (size_t)len, &st, text_out, sizeof text_out)) < 0)
		return fail("JSON", rc);
	printf(";; and as RFC 8427 JSON:\n%s\n", text_out);
	return 0;
}
