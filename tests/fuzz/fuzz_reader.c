/*
 * Fuzz target for the message reader (RFC 1035 4.1) and, through it, the writer and the printers.
 *
 * Any input is a message. Every record the reader accepts must be safe to use (owner, RDATA copied out), and
 * re-encoding the accepted records with q53_writer_copy() (RFC 1035 4.1.4 compression, RFC 3597 4 rules)
 * must give a message that reads back record for record with the same owner octets, type, class, TTL and
 * uncompressed RDATA. The writer is a function of the uncompressed records, so encoding the re-encoded
 * message again must give the same octets. The printers must keep the snprintf contract on every record
 * and message; the RDATA text of a record must parse back to its RDATA (RFC 1035 5.1, RFC 3597 5); the typed
 * views must agree with the RDATA octets; the JSON (RFC 8427) must be valid RFC 8259 JSON; a message the
 * reader rejects must make the printers fail with the reader's error. A broken rule abort()s, which
 * libFuzzer reports as a crash.
 */
#include "config.h"

#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "q53/msg.h"
#include "q53/name.h"
#include "q53/print.h"
#include "q53/rdata.h"
#include "fuzz.h"

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

typedef struct rr_arg {
	const q53_rr_t *rr;
	const q53_style_t *st;
} rr_arg;

static int render_rr(const void *arg, char *buf, size_t size)
{
	const rr_arg *a = arg;
	return q53_rr_to_text(a->rr, a->st, buf, size);
}

static int render_rdata(const void *arg, char *buf, size_t size)
{
	const rr_arg *a = arg;
	return q53_rdata_to_text(a->rr, a->st, buf, size);
}

/* The typed views agree with the uncompressed RDATA f->rdata of rr. */
static void check_views(const q53_rr_t *rr, const flat_t *f)
{
	const uint8_t *d = f->rdata;
	size_t n = (size_t)f->rdata_len;
	union {
		uint8_t ip[16];
		uint8_t name[Q53_NAME_MAX];
		q53_soa_t soa;
		q53_mx_t mx;
		q53_srv_t srv;
		q53_caa_t caa;
	} v;
	if (n == 0)
		return;
	switch (rr->type) {
	case Q53_TYPE_A:
		if (q53_rdata_a(rr, v.ip) == 0)
			CHECK(memcmp(v.ip, d, 4) == 0);
		break;
	case Q53_TYPE_AAAA:
		if (q53_rdata_aaaa(rr, v.ip) == 0)
			CHECK(memcmp(v.ip, d, 16) == 0);
		break;
	case Q53_TYPE_NS:
	case Q53_TYPE_CNAME:
	case Q53_TYPE_PTR:
	case Q53_TYPE_DNAME: {
		int l = q53_rdata_name(rr, v.name);
		CHECK(l == (int)n && memcmp(v.name, d, n) == 0);
		break;
	}
	case Q53_TYPE_SOA: {
		CHECK(q53_rdata_soa(rr, &v.soa) == 0);
		size_t m = q53_name_len(v.soa.mname), r = q53_name_len(v.soa.rname);
		CHECK(m + r + 20 == n && memcmp(d, v.soa.mname, m) == 0 &&
		      memcmp(d + m, v.soa.rname, r) == 0);
		CHECK(v.soa.serial == q53_get32(d + m + r) && v.soa.minimum == q53_get32(d + m + r + 16));
		break;
	}
	case Q53_TYPE_MX:
		CHECK(q53_rdata_mx(rr, &v.mx) == 0);
		CHECK(v.mx.preference == q53_get16(d) && memcmp(v.mx.exchange, d + 2, n - 2) == 0);
		break;
	case Q53_TYPE_SRV:
		CHECK(q53_rdata_srv(rr, &v.srv) == 0);
		CHECK(v.srv.priority == q53_get16(d) && v.srv.weight == q53_get16(d + 2) &&
		      v.srv.port == q53_get16(d + 4) && memcmp(v.srv.target, d + 6, n - 6) == 0);
		break;
	case Q53_TYPE_CAA:
		CHECK(q53_rdata_caa(rr, &v.caa) == 0);
		CHECK(v.caa.flags == d[0] && v.caa.tag_len == d[1] && memcmp(v.caa.tag, d + 2, d[1]) == 0);
		CHECK(2u + v.caa.tag_len + v.caa.value_len == n &&
		      memcmp(v.caa.value, d + 2 + d[1], v.caa.value_len) == 0);
		break;
	case Q53_TYPE_TXT: {
		size_t pos = 0, total = 0;
		const uint8_t *str;
		size_t len;
		int rc;
		/* Invariant: the strings so far cover d[0..total), each with its length octet. */
		while ((rc = q53_rdata_txt_next(rr, &pos, &str, &len)) == 1) {
			CHECK(d[total] == len && memcmp(str, d + total + 1, len) == 0);
			total += 1 + len;
		}
		CHECK(rc == 0 && total == n);
		break;
	}
	default:
		break;
	}
}

/*
 * Prints one accepted record and checks its text: the line keeps the snprintf contract, and the RDATA text
 * parses back (names are absolute, so no origin) to the uncompressed RDATA, when that RDATA fits its type
 * (an empty RFC 2136 delete prints as "\# 0", which only a layout-less type takes back).
 */
static void check_text(const q53_rr_t *rr, const flat_t *f, const q53_style_t *st)
{
	rr_arg a = {rr, st};
	CHECK(fuzz_render(render_rr, &a, 200, NULL) > 0);
	if (rr->section == Q53_SEC_QUESTION)
		return;
	/* Text for people only does not read back: keys and signatures left out, comments. */
	q53_style_t plain = *st;
	plain.flags &= ~(unsigned)(Q53_STYLE_NO_CRYPTO | Q53_STYLE_RRCOMMENTS);
	a.st = &plain;
	char *text = NULL;
	int n = fuzz_render(render_rdata, &a, 120, &text);
	/* Only an APL of no items (RFC 3123 4) has an empty text. */
	CHECK(n > 0 || (n == 0 && rr->type == 42 && rr->rdlength == 0));
	uint8_t *back = malloc(Q53_MSG_MAX);
	CHECK(back != NULL);
	size_t errpos = 0;
	int len = q53_rdata_from_text(rr->type, text, (size_t)n, NULL, back, Q53_MSG_MAX, &errpos);
	if (q53_rdata_check(rr->type, f->rdata, (size_t)f->rdata_len) == 0) {
		CHECK(len == f->rdata_len && memcmp(back, f->rdata, (size_t)len) == 0);
	} else {
		/* Only an empty RDATA of a typed layout may fail the layout check after the reader took it.
		 */
		CHECK(f->rdata_len == 0 && q53_type_known(rr->type));
	}
	free(back);
	free(text);
	check_views(rr, f);
}

typedef struct msg_arg {
	const uint8_t *msg;
	size_t len;
	const q53_style_t *st;
} msg_arg;

static int render_msg(const void *arg, char *buf, size_t size)
{
	const msg_arg *a = arg;
	return q53_msg_to_text(a->msg, a->len, a->st, buf, size);
}

static int render_json(const void *arg, char *buf, size_t size)
{
	const msg_arg *a = arg;
	return q53_msg_to_json(a->msg, a->len, a->st, buf, size);
}

/*
 * The message printers: a message the reader takes whole prints (and its JSON is valid); one it rejects
 * makes both return the reader's error (status).
 */
static void check_msg_text(const uint8_t *msg, size_t len, int status, const q53_style_t *st)
{
	msg_arg a = {msg, len, st};
	int n = fuzz_render(render_msg, &a, 2048, NULL);
	CHECK(status == 0 ? n >= 0 : n == status);
	char *json = NULL;
	n = fuzz_render(render_json, &a, 2048, &json);
	CHECK(status == 0 ? n > 0 : n == status);
	if (n > 0) {
		CHECK(fuzz_json_valid(json, (size_t)n));
		free(json);
	}
}

/*
 * Copies the records of msg that the reader accepts into out; stops at the first reader error or when a
 * decompressed record no longer fits (Q53_ENOSPACE is legitimate: decompressed names can make the message
 * grow past 65535 octets).
 * Returns the new message's length and the number of records copied in *copied.
 */
static int reencode(const uint8_t *msg, size_t len, uint8_t *out, size_t cap, unsigned *copied, flat_t *tmp,
		    const q53_style_t *st, int *status)
{
	q53_reader_t r;
	q53_writer_t w;
	q53_writer_mark_t m;
	q53_rr_t rr;
	int rc;
	unsigned n = 0, opts = 0;
	*status = q53_reader_init(&r, msg, len);
	if (*status < 0)
		return -1;
	q53_writer_init(&w, out, cap, r.id, r.flags);
	/* Invariant: the first n records of msg are in w, in order. */
	while ((rc = q53_reader_next(&r, &rr)) == 1) {
		flatten(&rr, tmp);
		if (st != NULL)
			check_text(&rr, tmp, st);
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
			/* The rest of the message is still read, for its status. */
			while ((rc = q53_reader_next(&r, &rr)) == 1)
				;
			break;
		}
		CHECK(wr == 0);
		n++;
	}
	/* RFC 6891 6.1.1: the reader lets at most one OPT through. */
	CHECK(opts <= 1);
	/* The error (or the end) is sticky. */
	q53_rr_t again;
	CHECK(q53_reader_next(&r, &again) == rc);
	*status = rc;
	*copied = n;
	int wlen = q53_writer_finish(&w);
	CHECK(wlen >= Q53_HEADER_LEN && (size_t)wlen <= cap);
	return wlen;
}

/* Consecutive records of one section, owner (octet for octet), type, class and TTL: one RRset. */
typedef struct group {
	int have;
	flat_t head;
	uint8_t data[2 * Q53_MSG_MAX];
	size_t len;
	unsigned count;
} group_t;

static void flush(q53_writer_t *w, group_t *g)
{
	if (g->have)
		CHECK(q53_writer_rrset(w, (q53_section)g->head.section, g->head.owner, g->head.type,
				       g->head.rclass, g->head.ttl, g->data, g->len, g->count) == 0);
	g->have = 0;
	g->len = 0;
	g->count = 0;
}

/*
 * Writes the records of msg (a message q53 wrote, so everything fits) again as RRsets with
 * q53_writer_rrset() and checks that the result reads back as the same records, no longer than before.
 */
static void rrset_pass(const uint8_t *msg, size_t len, uint8_t *out, flat_t *f, group_t *g)
{
	q53_reader_t r, r2;
	q53_writer_t w;
	q53_rr_t rr;
	CHECK(q53_reader_init(&r, msg, len) == 0);
	q53_writer_init(&w, out, Q53_MSG_MAX, r.id, r.flags);
	g->have = 0;
	g->len = 0;
	g->count = 0;
	/* Invariant: the records before rr are in w or in g. */
	while (q53_reader_next(&r, &rr) == 1) {
		flatten(&rr, f);
		if (f->section == Q53_SEC_QUESTION) {
			CHECK(q53_writer_question(&w, f->owner, f->type, f->rclass) == 0);
			continue;
		}
		if (!(g->have && g->head.section == f->section && g->head.type == f->type &&
		      g->head.rclass == f->rclass && g->head.ttl == f->ttl &&
		      g->head.owner_len == f->owner_len &&
		      memcmp(g->head.owner, f->owner, (size_t)f->owner_len) == 0)) {
			flush(&w, g);
			memcpy(&g->head, f, offsetof(flat_t, rdata));
			g->have = 1;
		}
		q53_put16(g->data + g->len, (uint16_t)f->rdata_len);
		memcpy(g->data + g->len + 2, f->rdata, (size_t)f->rdata_len);
		g->len += 2u + (size_t)f->rdata_len;
		g->count++;
	}
	flush(&w, g);
	int n = q53_writer_finish(&w);
	CHECK(n >= Q53_HEADER_LEN && (size_t)n <= len);
	CHECK(q53_reader_init(&r, msg, len) == 0);
	CHECK(q53_reader_init(&r2, out, (size_t)n) == 0);
	q53_rr_t x, y;
	static flat_t fa, fb;
	int ra;
	while ((ra = q53_reader_next(&r, &x)) == 1) {
		CHECK(q53_reader_next(&r2, &y) == 1);
		flatten(&x, &fa);
		flatten(&y, &fb);
		same(&fa, &fb);
	}
	CHECK(ra == 0 && q53_reader_next(&r2, &y) == 0);
}

/*
 * Writes the records of msg (a message q53 wrote) again into a smaller buffer, dropping some on purpose
 * (written, then rolled back) and the ones that do not fit, and goes on after each: what is left must read
 * back as exactly the records kept, in order. Labels of a dropped record must not serve later names.
 */
static void drop_pass(const uint8_t *msg, size_t len, uint8_t *out, flat_t *fa, flat_t *fb, uint32_t seed)
{
	static uint8_t kept[Q53_MSG_MAX];
	q53_reader_t r, r2;
	q53_writer_t w;
	q53_writer_mark_t m;
	q53_rr_t x, y;
	size_t cap = Q53_HEADER_LEN + seed % (len - Q53_HEADER_LEN + 1);
	CHECK(q53_reader_init(&r, msg, len) == 0);
	q53_writer_init(&w, out, cap, r.id, r.flags);
	unsigned n = 0;
	while (q53_reader_next(&r, &x) == 1) {
		CHECK(n < sizeof kept);
		q53_writer_mark(&w, &m);
		int wr = q53_writer_copy(&w, (q53_section)x.section, &x);
		CHECK(wr == 0 || wr == Q53_ENOSPACE);
		kept[n] = wr == 0 && !(seed >> (n % 31) & 1);
		if (!kept[n])
			q53_writer_rollback(&w, &m);
		n++;
	}
	int wlen = q53_writer_finish(&w);
	CHECK(wlen >= Q53_HEADER_LEN && (size_t)wlen <= cap);
	CHECK(q53_reader_init(&r, msg, len) == 0);
	CHECK(q53_reader_init(&r2, out, (size_t)wlen) == 0);
	for (unsigned i = 0; i < n; i++) {
		CHECK(q53_reader_next(&r, &x) == 1);
		if (!kept[i])
			continue;
		CHECK(q53_reader_next(&r2, &y) == 1);
		flatten(&x, fa);
		flatten(&y, fb);
		same(fa, fb);
	}
	CHECK(q53_reader_next(&r2, &y) == 0);
}

/* A name hook as the CLI passes one (print.h): here the plain text form, so the output must not change. */
static int hook(const uint8_t *name, char *buf, size_t size, void *ctx)
{
	/* The context reaches the hook untouched. */
	CHECK(ctx != NULL && *(const int *)ctx == 53);
	return q53_name_to_text(name, buf, size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t cap = Q53_MSG_MAX;
	uint8_t *out1 = malloc(cap), *out2 = malloc(cap);
	flat_t *a = malloc(sizeof *a), *b = malloc(sizeof *b);
	CHECK(out1 && out2 && a && b);
	unsigned n1 = 0, n2 = 0;
	int status = 0, status2 = 0;
	/*
	 * The style comes from the last octets, so the corpus reaches every printer option: the last gives
	 * bits 0-7, the third from the end dig's display options (bits 8-14) and the cookie verdict (its top
	 * bit), the fourth the +split width.
	 */
	unsigned flags = size > 0 ? data[size - 1] : 0u;
	if (size > 3)
		flags |= (unsigned)(data[size - 3] & 0x7F) << 8 | (unsigned)(data[size - 3] >> 7) << 24 |
			 (unsigned)data[size - 4] << 16;
	q53_style_t style = {flags, NULL, NULL};
	int hook_ctx = 53;
	if (size > 1 && (data[size - 2] & 1)) {
		style.name_hook = hook;
		style.hook_ctx = &hook_ctx;
	}
	int len1 = reencode(data, size, out1, cap, &n1, a, &style, &status);
	check_msg_text(data, size, status, &style);
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
	int len2 = reencode(out1, (size_t)len1, out2, cap, &n2, a, NULL, &status2);
	CHECK(len2 == len1 && n2 == n1 && memcmp(out1, out2, (size_t)len1) == 0 && status2 == 0);

	/* The same records written as RRsets read back the same. */
	group_t *g = malloc(sizeof *g);
	CHECK(g != NULL);
	rrset_pass(out1, (size_t)len1, out2, a, g);
	free(g);

	/* Records dropped on the way (truncation, rollback) leave the rest intact. */
	uint32_t seed = 0;
	for (size_t i = 0; i < size && i < 4; i++)
		seed = seed << 8 | data[i];
	drop_pass(out1, (size_t)len1, out2, a, b, seed);
out:
	free(out1);
	free(out2);
	free(a);
	free(b);
	return 0;
}
