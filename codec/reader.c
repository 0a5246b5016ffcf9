/*
 * The message reader (RFC 1035 4.1): header, questions, then each resource record checked in full before
 * it is returned, so that everything after q53_reader_next() can trust the record.
 *
 * Rules, each from its RFC: label types 0x40 and 0x80 are rejected (RFC 6891 5, RFC 2673 is historic);
 * a compression pointer must point strictly before the start of the label sequence that contains it
 * (RFC 1035 4.1.4 "prior occurrence"), which makes loops impossible, and a name may take at most
 * MAX_HOPS pointers; an uncompressed name is at most 255 octets (RFC 1035 2.3.4); names in RDATA may be
 * compressed only for the types RFC 3597 section 4 lists; RDLENGTH must match the type's layout; at most one
 * OPT, in the additional section, owned by the root, with options filling its RDATA (RFC 6891 6.1.1).
 * Nothing is allocated and nothing is read outside msg[0..len).
 */
#include "config.h"

#include <string.h>

#include "q53/msg.h"
#include "codec_int.h"

enum { MAX_HOPS = 64 };

int q53_reader_init(q53_reader_t *r, const uint8_t *msg, size_t len)
{
	r->msg = msg;
	r->len = len;
	r->pos = Q53_HEADER_LEN;
	r->section = Q53_SEC_QUESTION;
	r->left = 0;
	r->opt = 0;
	r->ncache = 0;
	r->err = 0;
	if (len > Q53_MSG_MAX)
		return r->err = Q53_EINVAL;
	if (len < Q53_HEADER_LEN)
		return r->err = Q53_ETRUNCATED;
	r->id = q53_get16(msg);
	r->flags = q53_get16(msg + 2);
	for (unsigned i = 0; i < 4; i++)
		r->count[i] = q53_get16(msg + 4 + 2 * i);
	r->left = r->count[0];
	return 0;
}

static int cache_find(const q53_reader_t *r, size_t off)
{
	for (unsigned i = 0; i < r->ncache; i++)
		if (r->cache_off[i] == off)
			return r->cache_len[i];
	return 0;
}

/*
 * Validates the name at off whose in-place octets must end by end. Returns the offset just past its
 * in-place octets, or an error. Label starts met on the way are cached with their suffix lengths.
 */
static long read_name(q53_reader_t *r, size_t off, size_t end, int may_compress)
{
	const uint8_t *m = r->msg;
	uint16_t starts[128];
	uint8_t before[128];
	unsigned nstarts = 0, hops = 0;
	size_t p = off, seg = off, after = 0, total = 0, suffix = 0;
	/* Invariant: m[seg..p) are whole labels totalling (with those of earlier segments) total octets,
	 * total <= 254 so the root still fits; every segment starts strictly before the previous one. */
	for (;;) {
		if (p >= end)
			return Q53_ETRUNCATED;
		unsigned c = m[p];
		if (c == 0) {
			if (after == 0)
				after = p + 1;
			suffix = 1;
			break;
		}
		if ((c & 0xC0) == 0xC0) {
			if (!may_compress)
				return Q53_ECOMPRESSED;
			if (p + 1 >= end)
				return Q53_ETRUNCATED;
			if (after == 0)
				after = p + 2;
			size_t t = (size_t)(c & 0x3F) << 8 | m[p + 1];
			/* Into the header is never a name (Knot rejects it too). */
			if (t >= seg || t < Q53_HEADER_LEN || ++hops > MAX_HOPS)
				return Q53_EPOINTER;
			int known = cache_find(r, t);
			if (known > 0) {
				suffix = (size_t)known;
				if (total + suffix > Q53_NAME_MAX)
					return Q53_ENAMELEN;
				break;
			}
			seg = p = t;
			end = r->len;
			continue;
		}
		if (c & 0xC0)
			return Q53_ELABELTYPE;
		if (p + 1 + c > end)
			return Q53_ETRUNCATED;
		if (total + 1 + c > Q53_NAME_MAX - 1)
			return Q53_ENAMELEN;
		starts[nstarts] = (uint16_t)p;
		before[nstarts++] = (uint8_t)total;
		total += 1 + c;
		p += 1 + c;
	}
	size_t full = total + suffix;
	for (unsigned i = 0; i < nstarts && r->ncache < Q53_READER_CACHE; i++) {
		r->cache_off[r->ncache] = starts[i];
		r->cache_len[r->ncache++] = (uint8_t)(full - before[i]);
	}
	return (long)after;
}

/* Checks the RDATA at msg[p..end) against the layout of rr's type; names go through read_name(). */
static int check_rdata(q53_reader_t *r, const q53_rr_t *rr, size_t p, size_t end)
{
	/* The two commonest types need no table walk. */
	if (rr->type == Q53_TYPE_A || rr->type == Q53_TYPE_AAAA) {
		size_t want = rr->type == Q53_TYPE_A ? 4 : 16;
		return rr->rdlength == want || (rr->rdlength == 0 &&
						(rr->rclass == Q53_CLASS_ANY || rr->rclass == Q53_CLASS_NONE))
			   ? 0
			   : Q53_ERDATA;
	}
	const rrtype *d = q53__rrtype(rr->type);
	if (d == NULL)
		return 0;
	/* RFC 2136 2.5.2-2.5.4: updates delete with empty RDATA in class ANY or NONE. */
	if (rr->rdlength == 0 && (rr->rclass == Q53_CLASS_ANY || rr->rclass == Q53_CLASS_NONE))
		return 0;
	for (unsigned i = 0; i < RDF_MAX && d->f[i] != RDF_END; i++) {
		unsigned k = d->f[i];
		if (rdf_is_name(k)) {
			long n = read_name(r, p, end, k != RDF_NAME);
			if (n < 0)
				return n == Q53_ECOMPRESSED ? Q53_ECOMPRESSED : Q53_ERDATA;
			p = (size_t)n;
			continue;
		}
		long n = q53__rdf_len(k, r->msg + p, end - p);
		if (n < 0)
			return Q53_ERDATA;
		p += (size_t)n;
	}
	return p == end ? 0 : Q53_ERDATA;
}

/* RFC 6891 6.1.1: one OPT, in the additional section, owner the root; options frame the RDATA exactly. */
static int check_opt(q53_reader_t *r, const q53_rr_t *rr)
{
	if (rr->section != Q53_SEC_ADDITIONAL || r->opt != 0 || r->msg[rr->owner] != 0)
		return Q53_EOPT;
	size_t p = rr->rdata, end = p + rr->rdlength;
	while (p < end) {
		if (end - p < 4)
			return Q53_EOPTION;
		size_t olen = q53_get16(r->msg + p + 2);
		if (olen > end - p - 4)
			return Q53_EOPTION;
		p += 4 + olen;
	}
	r->opt = rr->owner;
	return 0;
}

static int fail(q53_reader_t *r, int err)
{
	return r->err = err;
}

int q53_reader_next(q53_reader_t *r, q53_rr_t *rr)
{
	if (r->err)
		return r->err;
	while (r->left == 0) {
		if (r->section == Q53_SEC_ADDITIONAL)
			return 0;
		r->left = r->count[++r->section];
	}
	const uint8_t *m = r->msg;
	size_t p = r->pos;
	if (p >= r->len)
		return fail(r, Q53_ECOUNT);
	long n;
	/* Most owners are one pointer to a name already read (the question's): a cache hit, no walk. */
	if ((m[p] & 0xC0) == 0xC0 && p + 1 < r->len &&
	    cache_find(r, (size_t)(m[p] & 0x3F) << 8 | m[p + 1]) > 0)
		n = (long)p + 2;
	else
		n = read_name(r, p, r->len, 1);
	if (n < 0)
		return fail(r, (int)n);
	rr->msg = m;
	rr->msg_len = r->len;
	rr->owner = (uint16_t)p;
	rr->section = r->section;
	p = (size_t)n;
	if (r->section == Q53_SEC_QUESTION) {
		if (r->len - p < 4)
			return fail(r, Q53_ETRUNCATED);
		rr->type = q53_get16(m + p);
		rr->rclass = q53_get16(m + p + 2);
		rr->ttl = 0;
		rr->rdlength = 0;
		rr->rdata = (uint16_t)(p + 4);
		r->pos = p + 4;
		r->left--;
		return 1;
	}
	if (r->len - p < 10)
		return fail(r, Q53_ETRUNCATED);
	rr->type = q53_get16(m + p);
	rr->rclass = q53_get16(m + p + 2);
	rr->ttl = q53_get32(m + p + 4);
	rr->rdlength = q53_get16(m + p + 8);
	p += 10;
	if (rr->rdlength > r->len - p)
		return fail(r, Q53_ETRUNCATED);
	rr->rdata = (uint16_t)p;
	int err = rr->type == Q53_TYPE_OPT ? check_opt(r, rr) : check_rdata(r, rr, p, p + rr->rdlength);
	if (err)
		return fail(r, err);
	r->pos = p + rr->rdlength;
	r->left--;
	return 1;
}

size_t q53_reader_trailing(const q53_reader_t *r)
{
	return r->len > r->pos ? r->len - r->pos : 0;
}

int q53_reader_question(q53_reader_t *r, q53_rr_t *rr)
{
	if (r->err)
		return r->err;
	if (r->section != Q53_SEC_QUESTION || r->left == 0)
		return 0;
	return q53_reader_next(r, rr);
}

size_t q53__name_unpack(const uint8_t *msg, size_t off, uint8_t *out)
{
	size_t n = 0;
	for (;;) {
		/* A run of labels up to a pointer or the root, copied at once. */
		size_t start = off;
		unsigned c;
		while ((c = msg[off]) != 0 && (c & 0xC0) != 0xC0)
			off += c + 1u;
		memcpy(out + n, msg + start, off - start);
		n += off - start;
		if (c == 0) {
			out[n] = 0;
			return n + 1;
		}
		off = (size_t)(c & 0x3F) << 8 | msg[off + 1];
	}
}

size_t q53__name_skip(const uint8_t *msg, size_t off)
{
	for (;;) {
		unsigned c = msg[off];
		if (c == 0)
			return off + 1;
		if ((c & 0xC0) == 0xC0)
			return off + 2;
		off += c + 1u;
	}
}

int q53_rr_name(const q53_rr_t *rr, size_t off, uint8_t *out)
{
	return (int)q53__name_unpack(rr->msg, off, out);
}

int q53_rr_owner(const q53_rr_t *rr, uint8_t *out)
{
	if (rr->owner >= rr->msg_len) {
		out[0] = 0;
		return Q53_EINVAL;
	}
	return (int)q53__name_unpack(rr->msg, rr->owner, out);
}

int q53_rr_rdata(const q53_rr_t *rr, uint8_t *out, size_t size)
{
	const rrtype *d = q53__rrtype(rr->type);
	size_t p = rr->rdata, end = p + rr->rdlength, n = 0;
	if (d == NULL || rr->rdlength == 0) {
		if (rr->rdlength > size)
			return Q53_ENOSPACE;
		memcpy(out, rr->msg + p, rr->rdlength);
		return rr->rdlength;
	}
	for (unsigned i = 0; i < RDF_MAX && d->f[i] != RDF_END; i++) {
		unsigned k = d->f[i];
		if (rdf_is_name(k)) {
			uint8_t name[Q53_NAME_MAX];
			size_t l = q53__name_unpack(rr->msg, p, name);
			if (n + l > size)
				return Q53_ENOSPACE;
			memcpy(out + n, name, l);
			n += l;
			p = q53__name_skip(rr->msg, p);
			continue;
		}
		size_t l = (size_t)q53__rdf_len(k, rr->msg + p, end - p);
		if (n + l > size)
			return Q53_ENOSPACE;
		memcpy(out + n, rr->msg + p, l);
		n += l;
		p += l;
	}
	return (int)n;
}

void q53_rr_view(q53_rr_t *rr, uint16_t type, const uint8_t *rdata, uint16_t rdlength)
{
	memset(rr, 0, sizeof *rr);
	rr->msg = rdata;
	rr->msg_len = rdlength;
	rr->owner = UINT16_MAX;
	rr->type = type;
	rr->rclass = Q53_CLASS_IN;
	rr->rdlength = rdlength;
	rr->rdata = 0;
	rr->section = Q53_SEC_ANSWER;
}

int q53_edns_from_rr(const q53_rr_t *rr, q53_edns_t *e)
{
	if (rr->type != Q53_TYPE_OPT)
		return Q53_EINVAL;
	e->udp_size = rr->rclass;
	e->ext_rcode = (uint8_t)(rr->ttl >> 24);
	e->version = (uint8_t)(rr->ttl >> 16);
	e->flags = (uint16_t)rr->ttl;
	e->options_len = rr->rdlength;
	e->options = rr->msg + rr->rdata;
	return 0;
}

int q53_reader_edns(q53_reader_t *r, q53_edns_t *e)
{
	q53_rr_t rr;
	int found = 0, rc;
	while ((rc = q53_reader_next(r, &rr)) > 0)
		if (rr.type == Q53_TYPE_OPT && rr.section == Q53_SEC_ADDITIONAL) {
			q53_edns_from_rr(&rr, e);
			found = 1;
		}
	return rc < 0 ? rc : found;
}

int q53_edns_option_next(const q53_edns_t *e, size_t *pos, q53_edns_opt_t *opt)
{
	size_t p = *pos;
	if (p >= e->options_len)
		return 0;
	if (e->options_len - p < 4)
		return Q53_EOPTION;
	uint16_t len = q53_get16(e->options + p + 2);
	if (len > e->options_len - p - 4)
		return Q53_EOPTION;
	opt->code = q53_get16(e->options + p);
	opt->len = len;
	opt->data = e->options + p + 4;
	*pos = p + 4 + len;
	return 1;
}

unsigned q53_rcode_full(uint16_t flags, const q53_edns_t *e)
{
	unsigned rc = Q53_FLAGS_RCODE(flags);
	return e ? rc | (unsigned)e->ext_rcode << 4 : rc;
}
