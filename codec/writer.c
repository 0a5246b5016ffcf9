/*
 * The message writer (RFC 1035 4.1) into a caller buffer: header, questions, records with name compression
 * (RFC 1035 4.1.4) only where RFC 3597 section 4 allows it, the OPT record (RFC 6891 6.1.2), and the
 * truncation rule of RFC 2181 9 through marks: a record that does not fit is dropped whole.
 *
 * The first error sticks (later calls do nothing) and q53_writer_finish() reports it, so callers check once.
 * Compression matches names octet for octet (case included), so a message reads back exactly as written.
 */
#include "config.h"

#include <string.h>

#include "q53/msg.h"
#include "q53/name.h"
#include "codec_int.h"

enum { PTR_LIMIT = 0x4000 }; /* offsets a 14-bit pointer can reach */

void q53_writer_init(q53_writer_t *w, uint8_t *buf, size_t cap, uint16_t id, uint16_t flags)
{
	w->buf = buf;
	w->cap = cap > Q53_MSG_MAX ? Q53_MSG_MAX : cap;
	w->limit = w->cap;
	w->len = 0;
	w->err = 0;
	w->section = Q53_SEC_QUESTION;
	w->ncomp = 0;
	w->comp_first[Q53_COMPRESS_MAX] = Q53_COMPRESS_ROOT;
	memset(w->count, 0, sizeof w->count);
	if (w->cap < Q53_HEADER_LEN) {
		w->err = Q53_ENOSPACE;
		return;
	}
	q53_put16(buf, id);
	q53_put16(buf + 2, flags);
	memset(buf + 4, 0, 8);
	w->len = Q53_HEADER_LEN;
}

void q53_writer_set_flags(q53_writer_t *w, uint16_t flags)
{
	if (w->cap >= Q53_HEADER_LEN)
		q53_put16(w->buf + 2, flags);
}

uint16_t q53_writer_flags(const q53_writer_t *w)
{
	return w->cap >= Q53_HEADER_LEN ? q53_get16(w->buf + 2) : 0;
}

void q53_writer_mark(const q53_writer_t *w, q53_writer_mark_t *m)
{
	m->len = w->len;
	m->err = w->err;
	m->section = w->section;
	m->ncomp = w->ncomp;
	memcpy(m->count, w->count, sizeof m->count);
}

/*
 * Forgets the compression entries from ncomp on, newest first: each went in at the head of its parent's
 * list, and the ones after it are gone by then, so it heads that list again.
 */
static void forget(q53_writer_t *w, unsigned ncomp)
{
	while (w->ncomp > ncomp) {
		unsigned e = --w->ncomp;
		w->comp_first[w->comp_parent[e]] = w->comp_next[e];
	}
}

void q53_writer_rollback(q53_writer_t *w, const q53_writer_mark_t *m)
{
	w->len = m->len;
	w->err = m->err;
	w->section = m->section;
	forget(w, m->ncomp);
	memcpy(w->count, m->count, sizeof w->count);
}

void q53_writer_truncate(q53_writer_t *w, const q53_writer_mark_t *m)
{
	q53_writer_rollback(w, m);
	q53_writer_set_flags(w, (uint16_t)(q53_writer_flags(w) | Q53_FLAG_TC));
}

int q53_writer_reserve(q53_writer_t *w, size_t n)
{
	if (w->err)
		return w->err;
	if (n > w->limit - w->len)
		return w->err = Q53_ENOSPACE;
	w->limit -= n;
	return 0;
}

static int room(q53_writer_t *w, size_t n)
{
	if (n > w->limit - w->len) {
		w->err = Q53_ENOSPACE;
		return 0;
	}
	return 1;
}

/*
 * The key of the label at p (see comp_key): the 8 octets from its length octet on, read from a copy of the
 * name padded with zeros, so no octet past the label needs masking. Compared only between siblings, whose
 * octets after the label are the same suffix, two keys are equal exactly when the labels' first 8 octets are.
 */
static inline uint64_t label_key(const uint8_t *p)
{
	uint64_t k;
	memcpy(&k, p, 8);
	return k;
}

/* memcpy(out, in, n) for the few octets of a name's labels, in overlapping words instead of a call. */
static inline void copy_labels(uint8_t *out, const uint8_t *in, size_t n)
{
	if (n > 16 && n <= 32) {
		uint64_t a, b, c, d;
		memcpy(&a, in, 8);
		memcpy(&b, in + 8, 8);
		memcpy(&c, in + n - 16, 8);
		memcpy(&d, in + n - 8, 8);
		memcpy(out, &a, 8);
		memcpy(out + 8, &b, 8);
		memcpy(out + n - 16, &c, 8);
		memcpy(out + n - 8, &d, 8);
	} else if (n >= 8 && n <= 16) {
		uint64_t a, b;
		memcpy(&a, in, 8);
		memcpy(&b, in + n - 8, 8);
		memcpy(out, &a, 8);
		memcpy(out + n - 8, &b, 8);
	} else if (n >= 4 && n < 8) {
		uint32_t a, b;
		memcpy(&a, in, 4);
		memcpy(&b, in + n - 4, 4);
		memcpy(out, &a, 4);
		memcpy(out + n - 4, &b, 4);
	} else if (n > 0) {
		memcpy(out, in, n);
	}
}

/*
 * A label of 8 or more characters whose key matches entry j: the first of j and its later siblings with the
 * same key and the same octets past the key, or Q53_COMPRESS_ROOT. Kept out of put_name's loop, which
 * then holds its values in registers.
 */
static Q53_NOINLINE unsigned long_label(const q53_writer_t *w, unsigned j, uint64_t key, const uint8_t *lab)
{
	for (; j != Q53_COMPRESS_ROOT; j = w->comp_next[j])
		if (w->comp_key[j] == key && memcmp(w->buf + w->comp_off[j] + 8, lab + 8, lab[0] - 7u) == 0)
			break;
	return j;
}

/* put_name is inlined on the RRset and question paths for speed, except in a build for size (libq53). */
#if defined(__OPTIMIZE_SIZE__)
#define PUT_NAME_INLINE inline
#else
#define PUT_NAME_INLINE inline __attribute__((always_inline))
#endif

/*
 * Writes name at the end of the buffer, replacing its longest suffix already in the message by a pointer
 * when compress is set. Matching walks the tree of written suffixes from the root one label at a time,
 * comparing label keys (then any octets past the seventh character), and case counts: the message reads
 * back as written. The labels written in full become pointer targets in any case.
 * With max > 0 the name is caller RDATA of at most max octets and is checked first (q53_name_check's rules,
 * Q53_ERDATA when it fails). Returns the octets the name took in the source, 0 after an error.
 */
static PUT_NAME_INLINE size_t put_name(q53_writer_t *w, const uint8_t *src, int compress, size_t max)
{
	enum { ROOT = Q53_COMPRESS_MAX, NONE = Q53_COMPRESS_ROOT };
	uint8_t off[128];
	unsigned n = 0;
	size_t i = 0;
	if (max > 0) {
		/* Invariant: src[0..i) is n whole labels. Each length octet read lies below max, and below
		 * 255 so that the root octet ends a name of at most 255. */
		size_t bound = max < Q53_NAME_MAX ? max : Q53_NAME_MAX;
		for (;;) {
			if (i >= bound || src[i] > 63) {
				w->err = Q53_ERDATA;
				return 0;
			}
			if (src[i] == 0)
				break;
			off[n++] = (uint8_t)i;
			i += 1u + src[i];
		}
	} else {
		for (; src[i] != 0; i += 1u + src[i])
			off[n++] = (uint8_t)i;
	}
	size_t nlen = i; /* octets before the root label */
	/* The name again with 8 zero octets after it, where each label's key is one load. */
	uint8_t name[Q53_NAME_MAX + 8];
	copy_labels(name, src, nlen + 1);
	memset(name + nlen + 1, 0, 8);
	/* Labels 0..keep-1 go out in full, followed by a pointer to entry parent (or the root octet). The
	 * root is entry ROOT here, the list end NONE. */
	unsigned keep = n, parent = ROOT;
	/* Invariant: labels keep..n-1 of name equal the suffix of entry parent. */
	while (keep > 0) {
		size_t o = off[keep - 1];
		uint64_t kk = label_key(name + o);
		unsigned j = w->comp_first[parent];
		while (j != NONE && w->comp_key[j] != kk)
			j = w->comp_next[j];
		if (j != NONE && name[o] >= 8)
			j = long_label(w, j, kk, name + o);
		if (j == NONE)
			break;
		parent = j;
		keep--;
	}
	/* Without compression the whole name goes out, and only its new labels are registered: a suffix
	 * already in the tree keeps its first copy, so pointers never depend on which copy came last. */
	unsigned match = compress ? parent : ROOT;
	size_t plen = match != ROOT ? off[keep] : nlen;
	if (!room(w, plen + (match != ROOT ? 2 : 1)))
		return 0;
	size_t len = w->len;
	uint8_t *out = w->buf + len;
	copy_labels(out, name, plen);
	/* Register the new labels from the right, each under the suffix after it. The count stays in a
	 * local: the octet stores below could alias w, and gcc would reload it after each one. */
	unsigned ncomp = w->ncomp;
	for (unsigned k = keep; k-- > 0 && ncomp < Q53_COMPRESS_MAX;) {
		size_t at = len + off[k];
		if (at >= PTR_LIMIT)
			break;
		unsigned e = ncomp++;
		w->comp_off[e] = (uint16_t)at;
		w->comp_key[e] = label_key(name + off[k]);
		w->comp_parent[e] = (uint8_t)parent;
		w->comp_first[e] = NONE;
		w->comp_next[e] = w->comp_first[parent];
		w->comp_first[parent] = (uint8_t)e;
		parent = e;
	}
	w->ncomp = (uint8_t)ncomp;
	if (match != ROOT) {
		q53_put16(out + plen, (uint16_t)(0xC000 | w->comp_off[match]));
		w->len = len + plen + 2;
	} else {
		out[plen] = 0;
		w->len = len + plen + 1;
	}
	return nlen + 1;
}

/* put_name out of line, for the callers that are not on the RRset path. */
static Q53_NOINLINE size_t put_name_call(q53_writer_t *w, const uint8_t *src, int compress, size_t max)
{
	return put_name(w, src, compress, max);
}

static void put_bytes(q53_writer_t *w, const void *p, size_t n)
{
	if (!room(w, n))
		return;
	memcpy(w->buf + w->len, p, n);
	w->len += n;
}

/*
 * Writes RDATA of type from src[off..off+len): names are unpacked from src (a validated message, or
 * uncompressed RDATA when check is set, then verified here) and compressed where the type allows.
 */
static void put_rdata(q53_writer_t *w, uint16_t type, uint16_t rclass, const uint8_t *src, size_t off,
		      size_t len, int check)
{
	/* The commonest records need no table walk. */
	if ((type == Q53_TYPE_A && len == 4) || (type == Q53_TYPE_AAAA && len == 16)) {
		put_bytes(w, src + off, len);
		return;
	}
	const rrtype *d = q53__rrtype(type);
	if (d == NULL || (len == 0 && (rclass == Q53_CLASS_ANY || rclass == Q53_CLASS_NONE))) {
		/* Empty RDATA may come as a NULL pointer: no arithmetic on it. */
		if (len > 0)
			put_bytes(w, src + off, len);
		return;
	}
	size_t p = off, end = off + len;
	for (unsigned i = 0; i < RDF_MAX && d->f[i] != RDF_END && !w->err; i++) {
		unsigned k = d->f[i];
		if (rdf_is_name(k)) {
			if (check) {
				/* Caller RDATA holds names uncompressed: check one in place and write it from
				 * there. */
				size_t n = end > p ? put_name_call(w, src + p, k == RDF_CNAME, end - p) : 0;
				if (n == 0) {
					if (!w->err)
						w->err = Q53_ERDATA;
					return;
				}
				p += n;
			} else {
				uint8_t name[Q53_NAME_MAX];
				q53__name_unpack(src, p, name);
				p = q53__name_skip(src, p);
				put_name_call(w, name, k == RDF_CNAME, 0);
			}
			continue;
		}
		long n = q53__rdf_len(k, src + p, end - p);
		if (n < 0) {
			w->err = Q53_ERDATA;
			return;
		}
		put_bytes(w, src + p, (size_t)n);
		p += (size_t)n;
	}
	if (!w->err && p != end)
		w->err = Q53_ERDATA;
}

static int begin(q53_writer_t *w, q53_section sec, q53_writer_mark_t *m)
{
	if (w->err)
		return w->err;
	if (sec < w->section || sec > Q53_SEC_ADDITIONAL)
		return w->err = Q53_EINVAL;
	q53_writer_mark(w, m);
	return 0;
}

/* Closes a record begun at m: fixes RDLENGTH at rdlen_at, or drops the record whole on error. */
static int end(q53_writer_t *w, q53_section sec, const q53_writer_mark_t *m, size_t rdlen_at)
{
	if (!w->err && rdlen_at > 0) {
		size_t rdlen = w->len - rdlen_at - 2;
		if (rdlen > 0xFFFF)
			w->err = Q53_ERDATA;
		else
			q53_put16(w->buf + rdlen_at, (uint16_t)rdlen);
	}
	if (w->err) {
		int err = w->err;
		q53_writer_rollback(w, m);
		return w->err = err;
	}
	w->section = (uint8_t)sec;
	w->count[sec]++;
	return 0;
}

int q53_writer_question(q53_writer_t *w, const uint8_t *name, uint16_t type, uint16_t rclass)
{
	q53_writer_mark_t m;
	if (begin(w, Q53_SEC_QUESTION, &m))
		return w->err;
	uint8_t fixed[4];
	q53_put16(fixed, type);
	q53_put16(fixed + 2, rclass);
	put_name(w, name, 1, 0);
	put_bytes(w, fixed, 4);
	return end(w, Q53_SEC_QUESTION, &m, 0);
}

/* Owner and the fixed fields; returns the offset of RDLENGTH (0 after an error). */
static size_t put_head(q53_writer_t *w, const uint8_t *owner, uint16_t type, uint16_t rclass, uint32_t ttl)
{
	put_name_call(w, owner, 1, 0);
	if (w->err || !room(w, 10))
		return 0;
	uint8_t *f = w->buf + w->len;
	q53_put16(f, type);
	q53_put16(f + 2, rclass);
	q53_put32(f + 4, ttl);
	w->len += 10;
	return w->len - 2;
}

int q53_writer_rr(q53_writer_t *w, q53_section sec, const uint8_t *owner, uint16_t type, uint16_t rclass,
		  uint32_t ttl, const uint8_t *rdata, size_t rdlength)
{
	q53_writer_mark_t m;
	if (sec == Q53_SEC_QUESTION)
		return w->err ? w->err : (w->err = Q53_EINVAL);
	if (begin(w, sec, &m))
		return w->err;
	if (rdlength > 0xFFFF)
		return w->err = Q53_ERDATA;
	size_t at = put_head(w, owner, type, rclass, ttl);
	if (!w->err)
		put_rdata(w, type, rclass, rdata, 0, rdlength, 1);
	return end(w, sec, &m, at);
}

int q53_writer_rrset(q53_writer_t *w, q53_section sec, const uint8_t *owner, uint16_t type, uint16_t rclass,
		     uint32_t ttl, const uint8_t *data, size_t len, unsigned count)
{
	if (w->err)
		return w->err;
	if (sec == Q53_SEC_QUESTION || sec < w->section || sec > Q53_SEC_ADDITIONAL ||
	    count > 0xFFFFu - w->count[sec])
		return w->err = Q53_EINVAL;
	size_t start = w->len;
	unsigned ncomp = w->ncomp;
	/* What every record after the first starts with: the owner as a pointer to the first one's (or the
	 * root octet), then type, class and TTL, built once; hlen is 0 while the owner goes out in full. */
	uint8_t hdr[10];
	size_t hlen = 0;
	q53_put16(hdr + 2, type);
	q53_put16(hdr + 4, rclass);
	q53_put32(hdr + 6, ttl);
	size_t pos = 0;
	/* Invariant: records 0..i-1 are written whole and data[0..pos) framed them. */
	for (unsigned i = 0; i < count; i++) {
		if (len - pos < 2) {
			w->err = Q53_ERDATA;
			break;
		}
		size_t rdlen = q53_get16(data + pos);
		pos += 2;
		if (rdlen > len - pos) {
			w->err = Q53_ERDATA;
			break;
		}
		const uint8_t *rd = data + pos;
		pos += rdlen;
		/* The commonest records have fixed RDATA, copied as it is. */
		int fixed = (type == Q53_TYPE_A && rdlen == 4) || (type == Q53_TYPE_AAAA && rdlen == 16);
		if (hlen > 0) {
			if (!room(w, hlen + 2 + (fixed ? rdlen : 0)))
				break;
			uint8_t *out = w->buf + w->len;
			/* hlen is 9 or 10: two overlapping 8-octet copies. */
			memcpy(out, hdr + 10 - hlen, 8);
			memcpy(out + hlen - 8, hdr + 2, 8);
			w->len += hlen + 2;
		} else {
			size_t own = w->len;
			put_name(w, owner, 1, 0);
			if (w->err || !room(w, 10 + (fixed ? rdlen : 0)))
				break;
			memcpy(w->buf + w->len, hdr + 2, 8);
			w->len += 10;
			size_t written = w->len - 10 - own;
			if (written <= 2) {
				/* The root, or a pointer: later records repeat the same octets. */
				hdr[1] = w->buf[own + written - 1];
				hdr[0] = w->buf[own];
				hlen = 8 + written;
			} else if (own < PTR_LIMIT) {
				q53_put16(hdr, (uint16_t)(0xC000 | own));
				hlen = 10;
			}
		}
		size_t at = w->len - 2; /* RDLENGTH */
		if (fixed) {
			/* Fixed-size copies, without a call. */
			if (rdlen == 4)
				memcpy(w->buf + w->len, rd, 4);
			else
				memcpy(w->buf + w->len, rd, 16);
			w->len += rdlen;
		} else if ((type == Q53_TYPE_NS || type == Q53_TYPE_CNAME || type == Q53_TYPE_PTR) &&
			   rdlen > 0) {
			/* RDATA that is one compressible name (RFC 1035 3.3), without the table walk. */
			size_t n = put_name_call(w, rd, 1, rdlen);
			if (n != rdlen) {
				if (!w->err)
					w->err = Q53_ERDATA;
				break;
			}
		} else {
			put_rdata(w, type, rclass, data, (size_t)(rd - data), rdlen, 1);
			if (w->err)
				break;
		}
		q53_put16(w->buf + at, (uint16_t)(w->len - at - 2));
	}
	if (!w->err && pos != len)
		w->err = Q53_ERDATA;
	if (w->err) {
		/* Dropped whole: section and counts are untouched until here. */
		w->len = start;
		forget(w, ncomp);
		return w->err;
	}
	w->section = (uint8_t)sec;
	w->count[sec] = (uint16_t)(w->count[sec] + count);
	return 0;
}

int q53_writer_copy(q53_writer_t *w, q53_section sec, const q53_rr_t *rr)
{
	uint8_t owner[Q53_NAME_MAX];
	q53_writer_mark_t m;
	if (q53_rr_owner(rr, owner) < 0)
		return w->err ? w->err : (w->err = Q53_EINVAL);
	if (sec == Q53_SEC_QUESTION)
		return q53_writer_question(w, owner, rr->type, rr->rclass);
	if (begin(w, sec, &m))
		return w->err;
	size_t at = put_head(w, owner, rr->type, rr->rclass, rr->ttl);
	if (!w->err)
		put_rdata(w, rr->type, rr->rclass, rr->msg, rr->rdata, rr->rdlength, 0);
	return end(w, sec, &m, at);
}

size_t q53_edns_wire_size(const q53_edns_t *e)
{
	return 11u + e->options_len;
}

int q53_writer_edns(q53_writer_t *w, const q53_edns_t *e)
{
	q53_writer_mark_t m;
	if (begin(w, Q53_SEC_ADDITIONAL, &m))
		return w->err;
	/* The OPT record may use the room reserved for it. */
	size_t limit = w->limit;
	w->limit = w->cap;
	uint8_t fixed[11];
	fixed[0] = 0;
	q53_put16(fixed + 1, Q53_TYPE_OPT);
	q53_put16(fixed + 3, e->udp_size);
	q53_put32(fixed + 5, (uint32_t)e->ext_rcode << 24 | (uint32_t)e->version << 16 | e->flags);
	q53_put16(fixed + 9, e->options_len);
	put_bytes(w, fixed, 11);
	if (e->options_len > 0)
		put_bytes(w, e->options, e->options_len);
	w->limit = limit < w->len ? w->len : limit;
	return end(w, Q53_SEC_ADDITIONAL, &m, 0);
}

int q53_writer_finish(q53_writer_t *w)
{
	if (w->err)
		return w->err;
	for (unsigned i = 0; i < 4; i++)
		q53_put16(w->buf + 4 + 2 * i, w->count[i]);
	return (int)w->len;
}

int q53_msg_query(uint8_t *buf, size_t size, uint16_t id, uint16_t flags, const uint8_t *name, uint16_t type,
		  uint16_t rclass, const q53_edns_t *e)
{
	q53_writer_t w;
	q53_writer_init(&w, buf, size, id, flags);
	q53_writer_question(&w, name, type, rclass);
	if (e != NULL)
		q53_writer_edns(&w, e);
	return q53_writer_finish(&w);
}
