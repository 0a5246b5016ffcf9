/*
 * result.c: the answer object handed to the application. It owns a copy of the reply so that the q53_rr_t
 * views the codec made stay valid for as long as the application keeps the result, and it is one
 * allocation (header, views, message). Answers from the hosts file and the built-in localhost are encoded
 * as messages too (RFC 1035 4.1, TTL 0), so the application reads every source the same way.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "q53/msg.h"
#include "q53/name.h"
#include "resolver_int.h"

q53_result_t *q53_result_from_msg(const uint8_t *msg, size_t len, q53_source src)
{
	q53_reader_t rd;
	q53_rr_t rr;
	int rc;
	if (q53_reader_init(&rd, msg, len) < 0)
		return NULL;
	/* One pass, on the copy: the header's counts bound the records to keep (the reader checks that
	 * the message holds exactly that many), and so does the length, as a record takes at least 11
	 * octets, so that a lying header cannot make a big allocation. */
	size_t nrr = (size_t)rd.count[1] + rd.count[2] + rd.count[3];
	if (nrr > (len - Q53_HEADER_LEN) / 11)
		return NULL;
	size_t head = sizeof(q53_result_t) + nrr * sizeof(q53_rr_t);
	q53_result_t *res = malloc(head + len);
	if (res == NULL)
		return NULL;
	/* Field by field: a memset() of the whole struct (qname and the server's address take 400 of its
	 * octets) was a quarter of this function's instructions. q53_rr_owner() fills qname; the core sets
	 * server and server_len for a reply from a server. */
	res->rcode = 0;
	res->qtype = 0;
	res->qname[0] = 0;
	res->nanswer = 0;
	res->nrr = 0;
	res->server_len = 0;
	res->tcp = 0;
	uint8_t *copy = (uint8_t *)res + head;
	memcpy(copy, msg, len);
	res->rr = (q53_rr_t *)(void *)(res + 1);
	res->msg = copy;
	res->msg_len = len;
	res->source = src;
	q53_reader_init(&rd, copy, len);
	q53_edns_t e;
	bool have_edns = false;
	/* Invariant: res->rr[0..res->nrr) are the kept records before rd.pos, nrr <= the counts' sum. */
	while ((rc = q53_reader_next(&rd, &rr)) == 1) {
		if (rr.section == Q53_SEC_QUESTION) {
			if (res->qname[0] == 0 && q53_rr_owner(&rr, res->qname) > 0)
				res->qtype = rr.type;
			continue;
		}
		if (rr.type == Q53_TYPE_OPT) {
			have_edns = q53_edns_from_rr(&rr, &e) == 0;
			continue;
		}
		if (rr.section == Q53_SEC_ANSWER)
			res->nanswer++;
		res->rr[res->nrr++] = rr;
	}
	if (rc < 0) {
		free(res);
		return NULL;
	}
	res->rcode = q53_rcode_full(rd.flags, have_edns ? &e : NULL);
	res->status = Q53_OK;
	return res;
}

q53_result_t *q53_result_error(int err, const uint8_t *qname, uint16_t qtype)
{
	q53_result_t *res = calloc(1, sizeof *res);
	if (res == NULL)
		return NULL;
	res->status = err;
	res->qtype = qtype;
	if (qname != NULL)
		memcpy(res->qname, qname, q53_name_len(qname));
	return res;
}

q53_result_t *q53_result_synth(const uint8_t *qname, uint16_t qtype, unsigned rcode, uint8_t (*addr)[16],
			       size_t n, const uint8_t *ptr, q53_source src)
{
	/* 12 + 255 + 4 for the question, HOSTS_ANSWER_MAX records of at most 2 + 10 + 16 (the owner is a
	 * pointer), or one PTR with an owner pointer and a 255-octet target. */
	uint8_t buf[12 + 259 + HOSTS_ANSWER_MAX * 28 + 300];
	q53_writer_t w;
	q53_writer_init(&w, buf, sizeof buf, 0,
			(uint16_t)(Q53_FLAG_QR | Q53_FLAG_AA | Q53_FLAG_RD | Q53_FLAG_RA | (rcode & 0xF)));
	q53_writer_question(&w, qname, qtype, Q53_CLASS_IN);
	for (size_t i = 0; i < n && i < HOSTS_ANSWER_MAX; i++)
		q53_writer_rr(&w, Q53_SEC_ANSWER, qname, qtype, Q53_CLASS_IN, 0, addr[i],
			      qtype == Q53_TYPE_A ? 4 : 16);
	if (ptr != NULL)
		q53_writer_rr(&w, Q53_SEC_ANSWER, qname, Q53_TYPE_PTR, Q53_CLASS_IN, 0, ptr,
			      q53_name_len(ptr));
	int len = q53_writer_finish(&w);
	if (len < 0)
		return NULL;
	return q53_result_from_msg(buf, (size_t)len, src);
}

void q53_result_free(q53_result_t *res)
{
	free(res);
}
