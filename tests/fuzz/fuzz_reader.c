/*
 * Fuzz target for the message reader (RFC 1035 4.1) and, through it, the writer and the printers.
 *
 * Any input is a message. Every record the reader accepts must be safe to use (owner, RDATA copied out), and
 * re-encoding the accepted records with q53_writer_copy() (RFC 1035 4.1.4 compression, RFC 3597 4 rules)
 * must give a message that reads back record for record with the same owner octets, type, class, TTL and
 * uncompressed RDATA. The writer is a function of the uncompressed records, so encoding the re-encoded
 * message again must give the same octets. A broken rule abort()s, which libFuzzer reports as a crash.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "q53/msg.h"
#include "q53/name.h"
#include "q53/rdata.h"
#include "fuzz.h"

#define CHECK(cond)              \
	do {                     \
		if (!(cond))     \
			abort(); \
	} while (0)

/* One record reduced to what survives re-encoding: section, owner octets, fixed fields, plain RDATA. */
typedef struct flat {
	uint8_t section;
	uint16_t type, rclass;
	uint32_t ttl;
	int owner_len, rdata_len;
	uint8_t owner[Q53_NAME_MAX];
	uint8_t rdata[Q53_MSG_MAX];
} flat_t;

static void flatten(const q53_rr_t *rr, flat_t *f)
{
	/* The reader promised a checked record: its fields lie inside the message. */
	CHECK(rr->msg != NULL && rr->owner < rr->msg_len);
	CHECK((size_t)rr->rdata + rr->rdlength <= rr->msg_len);
	CHECK(rr->section <= Q53_SEC_ADDITIONAL);
	f->section = rr->section;
	f->type = rr->type;
	f->rclass = rr->rclass;
	f->ttl = rr->ttl;
	f->owner_len = q53_rr_owner(rr, f->owner);
	CHECK(f->owner_len > 0 && q53_name_check(f->owner, (size_t)f->owner_len) == f->owner_len);
	/* Decompressed RDATA grows by at most a few names, never past a message. It may also shrink: a
	 * pointer (2 octets) can stand for the root (1 octet). Opaque RDATA is copied as it is. */
	f->rdata_len = q53_rr_rdata(rr, f->rdata, sizeof f->rdata);
	CHECK(f->rdata_len >= 0);
	CHECK(q53_type_known(rr->type) || f->rdata_len == (int)rr->rdlength);
	CHECK(rr->section != Q53_SEC_QUESTION || f->rdata_len == 0);
}

static void same(const flat_t *a, const flat_t *b)
{
	CHECK(a->section == b->section && a->type == b->type && a->rclass == b->rclass && a->ttl == b->ttl);
	CHECK(a->owner_len == b->owner_len && memcmp(a->owner, b->owner, (size_t)a->owner_len) == 0);
	CHECK(q53_name_equal(a->owner, b->owner));
	CHECK(a->rdata_len == b->rdata_len && memcmp(a->rdata, b->rdata, (size_t)a->rdata_len) == 0);
}

/* Checks the EDNS view of an OPT record the reader accepted: its options frame exactly (RFC 6891 6.1.2). */
static void check_opt(const q53_rr_t *rr)
{
	q53_edns_t e;
	q53_edns_opt_t o;
	size_t pos = 0, seen = 0;
	int rc;
	CHECK(q53_edns_from_rr(rr, &e) == 0);
	CHECK(e.options_len == rr->rdlength);
	/* Invariant: options[0..pos) are whole options, seen counts their octets. */
	while ((rc = q53_edns_option_next(&e, &pos, &o)) == 1) {
		CHECK(o.data >= e.options && o.data + o.len <= e.options + e.options_len);
		seen += 4u + o.len;
	}
	CHECK(rc == 0 && seen == e.options_len);
}

/*
 * Copies the records of msg that the reader accepts into out; stops at the first reader error or when a
 * decompressed record no longer fits (Q53_ENOSPACE is legitimate: names may grow past 65535 octets).
 * Returns the new message's length and the number of records copied in *copied.
 */
static int reencode(const uint8_t *msg, size_t len, uint8_t *out, size_t cap, unsigned *copied, flat_t *tmp)
{
	q53_reader_t r;
	q53_writer_t w;
	q53_writer_mark_t m;
	q53_rr_t rr;
	int rc;
	unsigned n = 0, opts = 0;
	if (q53_reader_init(&r, msg, len) < 0)
		return -1;
	q53_writer_init(&w, out, cap, r.id, r.flags);
	/* Invariant: the first n records of msg are in w, in order. */
	while ((rc = q53_reader_next(&r, &rr)) == 1) {
		flatten(&rr, tmp);
		if (rr.type == Q53_TYPE_OPT && rr.section != Q53_SEC_QUESTION) {
			/* RFC 6891 6.1.1: only in the additional section. */
			CHECK(rr.section == Q53_SEC_ADDITIONAL);
			check_opt(&rr);
			opts++;
		}
		q53_writer_mark(&w, &m);
		int wr = q53_writer_copy(&w, (q53_section)rr.section, &rr);
		if (wr == Q53_ENOSPACE) {
			q53_writer_rollback(&w, &m);
			break;
		}
		CHECK(wr == 0);
		n++;
	}
	/* RFC 6891 6.1.1: the reader lets at most one OPT through. */
	CHECK(opts <= 1);
	if (rc <= 0) {
		/* The error is sticky. */
		q53_rr_t again;
		CHECK(q53_reader_next(&r, &again) == rc);
	}
	*copied = n;
	int wlen = q53_writer_finish(&w);
	CHECK(wlen >= Q53_HEADER_LEN && (size_t)wlen <= cap);
	return wlen;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t cap = Q53_MSG_MAX;
	uint8_t *out1 = malloc(cap), *out2 = malloc(cap);
	flat_t *a = malloc(sizeof *a), *b = malloc(sizeof *b);
	CHECK(out1 && out2 && a && b);
	unsigned n1 = 0, n2 = 0;
	int len1 = reencode(data, size, out1, cap, &n1, a);
	if (len1 < 0)
		goto out;

	/* The re-encoded message holds exactly the n1 records, equal to the original ones. */
	q53_reader_t r0, r1;
	q53_rr_t x, y;
	CHECK(q53_reader_init(&r0, data, size) == 0);
	CHECK(q53_reader_init(&r1, out1, (size_t)len1) == 0);
	CHECK(r0.id == r1.id && r0.flags == r1.flags);
	for (unsigned i = 0; i < n1; i++) {
		CHECK(q53_reader_next(&r0, &x) == 1);
		CHECK(q53_reader_next(&r1, &y) == 1);
		flatten(&x, a);
		flatten(&y, b);
		same(a, b);
	}
	CHECK(q53_reader_next(&r1, &y) == 0);
	CHECK(q53_reader_trailing(&r1) == 0);

	/* Encoding is a function of the uncompressed records: a second round gives the same octets. */
	int len2 = reencode(out1, (size_t)len1, out2, cap, &n2, a);
	CHECK(len2 == len1 && n2 == n1 && memcmp(out1, out2, (size_t)len1) == 0);
out:
	free(out1);
	free(out2);
	free(a);
	free(b);
	return 0;
}
