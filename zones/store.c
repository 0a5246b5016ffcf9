/*
 * The zone snapshot and its builder. Records come in any order; the builder adds the empty non-terminals
 * (RFC 4592 2.2.2), orders names canonically (RFC 4034 6.1), groups RRsets keeping the file's RDATA order,
 * and checks what named-checkzone and kzonecheck check: one SOA at the apex (RFC 1035 5.2), NS at the apex
 * and glue (RFC 1034 4.2.1), one TTL per RRset (RFC 2181 5.2), duplicates (RFC 2181 5), CNAME alone (RFC
 * 2181 10.1), aliases as targets (RFC 2181 10.3), data occluded by cuts and DNAMEs (RFC 6672 2.4). The
 * result is frozen into the layout of zones_int.h, which lookup.c reads from many threads without locks.
 *
 * Goal: O(n log n) build, about 75 octets per single-record name, every problem with its file:line.
 * Non-goal: DNSSEC validation of the zone (signatures are kept as data).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "zones_int.h"

/* One record as the builder keeps it until finish. */
typedef struct brec {
	uint32_t node; /* owner */
	uint32_t ttl;
	uint32_t data; /* offset of the RDATA in b->data */
	uint32_t line;
	uint16_t type;
	uint16_t rdlen;
	uint16_t file; /* index in b->files */
	uint8_t drop;  /* an exact duplicate: left out of the snapshot */
	uint8_t col;   /* where the record starts on its line, for reports; 255 for 255 and beyond */
} brec;

/*
 * While records come in, owners are only appended (one node per run of records of one owner, its hash
 * computed): no index is probed per record. finish() merges equal owners in one tight loop, where the
 * cache misses of many probes overlap; probing per record, each miss waits alone (measured: 5x slower).
 */
struct q53_zone_builder {
	uint8_t *names;
	size_t nnames, capnames;
	znode *nodes; /* .set holds the parent's number while finishing */
	size_t nnodes, capnodes;
	uint32_t *slots; /* the index, built by finish() */
	uint32_t mask;
	brec *recs;
	size_t nrecs, caprecs;
	uint8_t *data;
	size_t ndata, capdata;
	char **files;
	size_t nfiles, capfiles;
	unsigned errors;
	int oom;
};

enum {
	FILES_MAX = 65535,
	SMALL_SORT = 16, /* runs sorted by insertion before merging */
	MSG_MAX = 3 * Q53_NAME_TEXT_MAX,
};

/* ---- Memory ------------------------------------------------------------------------------------- */

/*
 * Room for need (> 0) elements of size elem in buffer p of *cap elements, doubling: returns the buffer,
 * perhaps moved, or NULL when out of memory (p is then still valid).
 */
static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap : 64;
	while (c < need) {
		if (c > SIZE_MAX / 2 / elem)
			return NULL;
		c *= 2;
	}
	void *q = realloc(p, c * elem);
	if (q != NULL)
		*cap = c;
	return q;
}

/* Gives back the unused tail of a buffer that has reached its final size. */
static void *shrink(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);
	return q ? q : p;
}

/* ---- Diagnostics -------------------------------------------------------------------------------- */

static const char *ntext(const uint8_t *name, char *buf)
{
	q53_name_to_text(name, buf, Q53_NAME_TEXT_MAX);
	return buf;
}

static const char *ttext(uint16_t type, char *buf)
{
	q53_type_to_text(type, buf, 16);
	return buf;
}

/* A report about the record rr, at its line and column. */
__attribute__((format(printf, 6, 7))) static void say(q53_diag_fn diag, void *ctx, q53_diag_level lvl,
						      const char *file, const q53_zrr_t *rr, const char *fmt,
						      ...)
{
	if (diag == NULL)
		return;
	char msg[MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	q53_diag_t d = {lvl, file ? file : "-", rr->line, rr->col, msg};
	diag(&d, ctx);
}

/* ---- Owners and the index ----------------------------------------------------------------------- */

static uint32_t node_find(const q53_zone_builder_t *b, const uint8_t *name, uint32_t h)
{
	/* Invariant: slots from h & mask up to i hold other names; the table is at most half full. */
	for (uint32_t i = h & b->mask;; i = (i + 1) & b->mask) {
		uint32_t s = b->slots[i];
		if (s == 0)
			return ZNODE_NONE;
		const znode *n = &b->nodes[s - 1];
		if (n->hash == h && q53_name_equal(b->names + n->name, name))
			return s - 1;
	}
}

static void slot_put(uint32_t *slots, uint32_t mask, uint32_t h, uint32_t id)
{
	uint32_t i = h & mask;
	while (slots[i] != 0)
		i = (i + 1) & mask;
	slots[i] = id + 1;
}

/* Appends a node for the name stored at names[off]; the index is left alone. Returns 0 or Q53_ENOMEM. */
static int node_append(q53_zone_builder_t *b, uint32_t off, uint32_t h, uint32_t *id)
{
	znode *nodes =
	    b->nnodes < UINT32_MAX / 4 ? grow(b->nodes, &b->capnodes, b->nnodes + 1, sizeof *nodes) : NULL;
	if (nodes == NULL)
		return Q53_ENOMEM;
	b->nodes = nodes;
	*id = (uint32_t)b->nnodes;
	b->nodes[b->nnodes++] = (znode){off, h, 0, 0, 0};
	return 0;
}

/* Adds a node to the index too, growing it to stay at most half full. Returns 0 or Q53_ENOMEM. */
static int node_add(q53_zone_builder_t *b, uint32_t off, uint32_t h, uint32_t *id)
{
	if ((b->nnodes + 1) * 2 > (size_t)b->mask + 1) {
		uint32_t mask = b->mask * 2 + 1;
		uint32_t *slots = calloc((size_t)mask + 1, sizeof *slots);
		if (slots == NULL)
			return Q53_ENOMEM;
		for (size_t i = 0; i < b->nnodes; i++)
			slot_put(slots, mask, b->nodes[i].hash, (uint32_t)i);
		free(b->slots);
		b->slots = slots;
		b->mask = mask;
	}
	int rc = node_append(b, off, h, id);
	if (rc == 0)
		slot_put(b->slots, b->mask, h, *id);
	return rc;
}

/* The node of a record's owner: the previous record's, or a new one. Returns 0 or Q53_ENOMEM. */
static int owner_node(q53_zone_builder_t *b, const uint8_t *name, uint32_t *id)
{
	if (b->nnodes > 0 && q53_name_equal(b->names + b->nodes[b->nnodes - 1].name, name)) {
		*id = (uint32_t)b->nnodes - 1;
		return 0;
	}
	size_t len = q53_name_len(name);
	uint8_t *names =
	    b->nnames + len <= UINT32_MAX ? grow(b->names, &b->capnames, b->nnames + len, 1) : NULL;
	if (names == NULL)
		return Q53_ENOMEM;
	b->names = names;
	memcpy(b->names + b->nnames, name, len);
	int rc = node_append(b, (uint32_t)b->nnames, q53_name_hash(name), id);
	if (rc == 0)
		b->nnames += len;
	return rc;
}

/*
 * Merges the nodes of equal owners (RFC 4343: case-insensitively) and builds the index. The first
 * appearance of a name keeps its place and its case; the copies of later ones are squeezed out.
 */
static int merge_owners(q53_zone_builder_t *b)
{
	size_t n = b->nnodes;
	uint32_t mask = 1023;
	while ((size_t)mask + 1 < 2 * n)
		mask = mask * 2 + 1;
	uint32_t *slots = calloc((size_t)mask + 1, sizeof *slots), *map = malloc(n * sizeof *map);
	if (slots == NULL || map == NULL) {
		free(slots);
		free(map);
		return Q53_ENOMEM;
	}
	size_t dups = 0;
	/* Invariant: slots index the first node of every distinct name among nodes[0..i); map[k] is the
	 * first node of node k's name. No iteration waits for an earlier one's miss, so misses overlap. */
	for (size_t i = 0; i < n; i++) {
		uint32_t h = b->nodes[i].hash;
		const uint8_t *name = b->names + b->nodes[i].name;
		for (uint32_t j = h & mask;; j = (j + 1) & mask) {
			uint32_t s = slots[j];
			if (s == 0) {
				slots[j] = (uint32_t)i + 1;
				map[i] = (uint32_t)i;
				break;
			}
			const znode *o = &b->nodes[s - 1];
			if (o->hash == h && q53_name_equal(b->names + o->name, name)) {
				map[i] = s - 1;
				dups++;
				break;
			}
		}
	}
	if (dups > 0) {
		/* Renumber the first appearances in order; map then takes every node to its new number. A
		 * kept name only moves down (names were appended in node order). */
		size_t k = 0, w = 0;
		for (size_t i = 0; i < n; i++) {
			if (map[i] != i) {
				map[i] = map[map[i]];
				continue;
			}
			znode nd = b->nodes[i];
			size_t len = q53_name_len(b->names + nd.name);
			memmove(b->names + w, b->names + nd.name, len);
			nd.name = (uint32_t)w;
			w += len;
			b->nodes[k] = nd;
			map[i] = (uint32_t)k++;
		}
		b->nnodes = k;
		b->nnames = w;
		for (size_t r = 0; r < b->nrecs; r++)
			b->recs[r].node = map[b->recs[r].node];
		for (size_t j = 0; j <= mask; j++)
			if (slots[j] != 0)
				slots[j] = map[slots[j] - 1] + 1;
	}
	free(map);
	free(b->slots);
	b->slots = slots;
	b->mask = mask;
	return 0;
}

q53_zone_builder_t *q53_zone_builder_new(const uint8_t *apex)
{
	if (apex == NULL || q53_name_check(apex, Q53_NAME_MAX) < 0)
		return NULL;
	q53_zone_builder_t *b = calloc(1, sizeof *b);
	if (b == NULL)
		return NULL;
	uint32_t id;
	/* The apex is node 0: every other node's parent chain ends there. */
	if (owner_node(b, apex, &id) < 0) {
		free(b->names);
		free(b->nodes);
		free(b);
		return NULL;
	}
	return b;
}

static void builder_free(q53_zone_builder_t *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->nfiles; i++)
		free(b->files[i]);
	free(b->files);
	free(b->names);
	free(b->nodes);
	free(b->slots);
	free(b->recs);
	free(b->data);
	free(b);
}

/* ---- Adding records ----------------------------------------------------------------------------- */

/* Index of a file name, copied on first sight; the most recent one is tried first. */
static int file_index(q53_zone_builder_t *b, const char *file, uint16_t *out)
{
	for (size_t i = b->nfiles; i-- > 0;)
		if (strcmp(b->files[i], file) == 0) {
			*out = (uint16_t)i;
			return 0;
		}
	if (b->nfiles >= FILES_MAX)
		return Q53_EINVAL;
	char **files = grow(b->files, &b->capfiles, b->nfiles + 1, sizeof *files);
	if (files == NULL)
		return Q53_ENOMEM;
	b->files = files;
	size_t n = strlen(file) + 1;
	char *copy = malloc(n);
	if (copy == NULL)
		return Q53_ENOMEM;
	memcpy(copy, file, n);
	*out = (uint16_t)b->nfiles;
	b->files[b->nfiles++] = copy;
	return 0;
}

/* Length of the name at rd[0..len) when it is whole and valid, else -1. */
static long name_in(const uint8_t *rd, size_t len)
{
	int n = len > 0 ? q53_name_check(rd, len) : -1;
	return n > 0 ? n : -1;
}

/*
 * The RDATA of the types whose names the checks and the lookup read must hold exactly what their layout
 * says (RFC 1035 3.3, RFC 2782, RFC 6672 2.1); other types were checked by whoever produced them.
 */
static int rdata_ok(uint16_t type, const uint8_t *rd, size_t len)
{
	int off = zone_target_off(type);
	if (off >= 0)
		return len > (size_t)off && name_in(rd + off, len - (size_t)off) == (long)(len - (size_t)off);
	if (type == Q53_TYPE_SOA) {
		long m = name_in(rd, len);
		long r = m < 0 ? -1 : name_in(rd + m, len - (size_t)m);
		return r > 0 && (size_t)(m + r) + 20 == len;
	}
	return 1;
}

/* RFC 6895 3.1: 0 is reserved; OPT and 128-255 are meta and query types, never zone data. */
static int meta_type(uint16_t type)
{
	return type == 0 || type == Q53_TYPE_OPT || (type >= 128 && type <= 255);
}

/* Appends the record and its RDATA. Returns 0 or Q53_ENOMEM. */
static int rec_append(q53_zone_builder_t *b, const q53_zrr_t *rr, uint32_t node, uint16_t fi)
{
	if (b->nrecs >= UINT32_MAX || b->ndata + rr->rdlength > UINT32_MAX)
		return Q53_ENOMEM;
	brec *recs = grow(b->recs, &b->caprecs, b->nrecs + 1, sizeof *recs);
	if (recs == NULL)
		return Q53_ENOMEM;
	b->recs = recs;
	if (rr->rdlength > 0) {
		uint8_t *data = grow(b->data, &b->capdata, b->ndata + rr->rdlength, 1);
		if (data == NULL)
			return Q53_ENOMEM;
		b->data = data;
		memcpy(b->data + b->ndata, rr->rdata, rr->rdlength);
	}
	b->recs[b->nrecs++] =
	    (brec){node,     rr->ttl,  (uint32_t)b->ndata,
		   rr->line, rr->type, rr->rdlength,
		   fi,	     0,	       (uint8_t)(rr->col < UINT8_MAX ? rr->col : UINT8_MAX)};
	b->ndata += rr->rdlength;
	return 0;
}

int q53_zone_builder_add(q53_zone_builder_t *b, const q53_zrr_t *rr, q53_diag_fn diag, void *ctx)
{
	if (b == NULL || rr == NULL || rr->owner == NULL || (rr->rdlength > 0 && rr->rdata == NULL))
		return Q53_EINVAL;
	if (b->oom)
		return Q53_ENOMEM;
	char n1[Q53_NAME_TEXT_MAX], n2[Q53_NAME_TEXT_MAX], t[16];
	const char *file = rr->file ? rr->file : "-";
	const uint8_t *apex = b->names;
	int bad = 1;
	if (rr->rclass != Q53_CLASS_IN) {
		q53_class_to_text(rr->rclass, t, sizeof t);
		say(diag, ctx, Q53_DIAG_ERROR, file, rr, "class %s record: a zone holds class IN data only",
		    t);
	} else if (!q53_name_is_sub(rr->owner, apex)) {
		say(diag, ctx, Q53_DIAG_ERROR, file, rr, "%s is outside the zone %s", ntext(rr->owner, n1),
		    ntext(apex, n2));
	} else if (meta_type(rr->type)) {
		say(diag, ctx, Q53_DIAG_ERROR, file, rr,
		    "%s is a meta or query type, not zone data (RFC 6895 3.1)", ttext(rr->type, t));
	} else if (!rdata_ok(rr->type, rr->rdata, rr->rdlength)) {
		say(diag, ctx, Q53_DIAG_ERROR, file, rr, "malformed %s RDATA", ttext(rr->type, t));
	} else {
		bad = 0;
	}
	if (bad) {
		b->errors++;
		return Q53_EINVAL;
	}
	uint16_t fi;
	int rc = file_index(b, file, &fi);
	if (rc == Q53_EINVAL) {
		say(diag, ctx, Q53_DIAG_ERROR, file, rr, "more than %u files in one zone", FILES_MAX);
		b->errors++;
		return rc;
	}
	uint32_t id;
	if (rc < 0 || owner_node(b, rr->owner, &id) < 0 || rec_append(b, rr, id, fi) < 0) {
		b->oom = 1;
		return Q53_ENOMEM;
	}
	return 0;
}

/* ---- Sorting ------------------------------------------------------------------------------------ */

/*
 * A stable merge sort of record numbers (insertion-sorted runs, then bottom-up merges): O(n log n)
 * whatever the input, and already-ordered neighbours are not merged at all. tmp holds n numbers.
 */
typedef int (*rec_cmp)(const q53_zone_builder_t *b, uint32_t x, uint32_t y);

static void msort(const q53_zone_builder_t *b, uint32_t *a, uint32_t *tmp, size_t n, rec_cmp cmp)
{
	for (size_t s = 0; s < n; s += SMALL_SORT) {
		size_t e = s + SMALL_SORT < n ? s + SMALL_SORT : n;
		/* Invariant: a[s..i) is sorted; a[i] is inserted after every element not greater. */
		for (size_t i = s + 1; i < e; i++) {
			uint32_t v = a[i];
			size_t j = i;
			for (; j > s && cmp(b, a[j - 1], v) > 0; j--)
				a[j] = a[j - 1];
			a[j] = v;
		}
	}
	uint32_t *src = a, *dst = tmp;
	for (size_t w = SMALL_SORT; w < n; w *= 2) {
		/* Invariant: src holds sorted runs of w; dst receives sorted runs of 2w. */
		for (size_t s = 0; s < n; s += 2 * w) {
			size_t m = s + w < n ? s + w : n, e = s + 2 * w < n ? s + 2 * w : n, i = s, j = m,
			       k = s;
			if (m == e || cmp(b, src[m - 1], src[m]) <= 0) {
				memcpy(dst + s, src + s, (e - s) * sizeof *src);
				continue;
			}
			while (i < m && j < e)
				dst[k++] = cmp(b, src[j], src[i]) < 0 ? src[j++] : src[i++];
			while (i < m)
				dst[k++] = src[i++];
			while (j < e)
				dst[k++] = src[j++];
		}
		uint32_t *t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * sizeof *a);
}

/* Record x's q53_rrset_key(): which RRset of its node it belongs to. */
static uint32_t set_key(const q53_zone_builder_t *b, uint32_t x)
{
	const brec *r = &b->recs[x];
	/* No record may have RDATA yet ("\# 0" alone): then b->data is NULL, and no offset may be added. */
	return r->rdlen > 0 ? q53_rrset_key(r->type, b->data + r->data, r->rdlen)
			    : q53_rrset_key(r->type, NULL, 0);
}

/* Records of one owner by RRset (type, and type covered for RRSIG); the sort is stable, so the file's
 * order stays within an RRset. */
static int cmp_type(const q53_zone_builder_t *b, uint32_t x, uint32_t y)
{
	uint32_t p = set_key(b, x), q = set_key(b, y);
	return p < q ? -1 : p > q;
}

/* Records of one RRset by RDATA octets, to find exact duplicates (NSD compares the octets too). */
static int cmp_rdata(const q53_zone_builder_t *b, uint32_t x, uint32_t y)
{
	const brec *p = &b->recs[x], *q = &b->recs[y];
	if (p->rdlen != q->rdlen)
		return (int)p->rdlen - (int)q->rdlen;
	return p->rdlen ? memcmp(b->data + p->data, b->data + q->data, p->rdlen) : 0;
}

/*
 * A child of a node, sorted by (parent, first label) to give the canonical order by a depth-first walk.
 * Labels compare in rounds of 7 octets packed into key with the rest of the label's length, so a round
 * compares two integers and never reads the names: RFC 4034 6.1 orders labels as lower-cased octet
 * strings, a prefix first, which is exactly the order of (octets, min(length left, 8)) round after round.
 */
typedef struct kid {
	uint32_t parent, id;
	uint64_t key;
} kid;

enum { KEY_OCTETS = 7 };

/* The key of round r of a label: octets [7r, 7r+7) lower-cased and zero-padded, then the length code. */
static uint64_t label_key(const uint8_t *label, unsigned r)
{
	unsigned from = KEY_OCTETS * r, len = label[0], left = len > from ? len - from : 0;
	uint64_t k = 0;
	for (unsigned i = 0; i < KEY_OCTETS; i++)
		k = k << 8 | (i < left ? zone_lower(label[1 + from + i]) : 0);
	/* 0..7 octets end the label in this round; 8 means it goes on, so it sorts after all of those. */
	return k << 8 | (left > KEY_OCTETS ? KEY_OCTETS + 1 : left);
}

static int kid_less(const kid *x, const kid *y)
{
	return x->parent != y->parent ? x->parent < y->parent : x->key < y->key;
}

enum { KID_DIGITS = 12, RADIX_MIN = 64 };

/* Octet d of the sort key (parent, key), least significant first. */
static unsigned kid_digit(const kid *k, unsigned d)
{
	return d < 8 ? (unsigned)(k->key >> (8 * d)) & 0xFF : (k->parent >> (8 * (d - 8))) & 0xFF;
}

/*
 * Sorts kids by (parent, key). Few: insertion sort. Many: an LSD radix sort, octet by octet, that skips
 * the octets all kids share (the one parent of a flat zone, a common prefix such as "host"), so a million
 * siblings take a few sequential passes instead of the twenty of a merge sort.
 */
static void ksort(kid *a, kid *tmp, size_t n)
{
	if (n < RADIX_MIN) {
		/* Invariant: a[0..i) is sorted. */
		for (size_t i = 1; i < n; i++) {
			kid v = a[i];
			size_t j = i;
			for (; j > 0 && kid_less(&v, &a[j - 1]); j--)
				a[j] = a[j - 1];
			a[j] = v;
		}
		return;
	}
	uint32_t count[KID_DIGITS][256];
	memset(count, 0, sizeof count);
	for (size_t i = 0; i < n; i++)
		for (unsigned d = 0; d < KID_DIGITS; d++)
			count[d][kid_digit(&a[i], d)]++;
	kid *src = a, *dst = tmp;
	for (unsigned d = 0; d < KID_DIGITS; d++) {
		uint32_t *c = count[d];
		if (c[kid_digit(&src[0], d)] == n)
			continue;
		uint32_t sum = 0;
		for (unsigned v = 0; v < 256; v++) {
			uint32_t t = c[v];
			c[v] = sum;
			sum += t;
		}
		/* Invariant: src is sorted by octets [0..d) (stable passes); dst receives it by [0..d]. */
		for (size_t i = 0; i < n; i++)
			dst[c[kid_digit(&src[i], d)]++] = src[i];
		kid *t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * sizeof *a);
}

/*
 * Sorts kids[0..n) whose keys are those of round r; then each run of siblings whose labels agree so far
 * and go on is sorted again by the next round. Labels have at most 63 octets: at most 10 rounds.
 */
static void kids_sort(const q53_zone_builder_t *b, kid *kids, kid *tmp, size_t n, unsigned r)
{
	ksort(kids, tmp, n);
	/* Invariant: kids[0..i) are in their final order. */
	for (size_t i = 0; i < n;) {
		size_t e = i + 1;
		while (e < n && kids[e].parent == kids[i].parent && kids[e].key == kids[i].key)
			e++;
		if (e - i > 1 && (kids[i].key & 0xFF) > KEY_OCTETS) {
			for (size_t j = i; j < e; j++)
				kids[j].key = label_key(b->names + b->nodes[kids[j].id].name, r + 1);
			kids_sort(b, kids + i, tmp, e - i, r + 1);
		}
		i = e;
	}
}

/* ---- Finishing ---------------------------------------------------------------------------------- */

/* State of q53_zone_builder_finish: the builder, the zone being laid out and the temporary arrays. */
typedef struct fin {
	q53_zone_builder_t *b;
	q53_diag_fn diag;
	void *ctx;
	unsigned errors;
	uint32_t *order; /* nodes in canonical order */
	uint32_t *perm;	 /* records grouped by node and type, duplicates left out */
	size_t nperm;
	uint32_t *rfirst; /* per RRset: the position of its first record in perm */
	size_t nsets, ndata;
	q53_zone_t *z;
} fin;

static const char *fin_file(const fin *f, const brec *r)
{
	if (r != NULL)
		return f->b->files[r->file];
	return f->b->nfiles > 0 ? f->b->files[0] : "-";
}

__attribute__((format(printf, 4, 5))) static void report(fin *f, q53_diag_level lvl, const brec *r,
							 const char *fmt, ...)
{
	if (lvl == Q53_DIAG_ERROR)
		f->errors++;
	if (f->diag == NULL)
		return;
	char msg[MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	q53_diag_t d = {lvl, fin_file(f, r), r ? r->line : 0, r ? r->col : 0u, msg};
	f->diag(&d, f->ctx);
}

/*
 * Every ancestor of an owner down from the apex exists as a node, an empty non-terminal when it owns no
 * data (RFC 4592 2.2.2), so that it answers NODATA and the closest encloser is found by probing the index.
 * Its name is the tail of the descendant's name: no octets are added. Leaves the parents in .set.
 */
static int add_ents(q53_zone_builder_t *b)
{
	b->nodes[0].set = ZNODE_NONE;
	uint32_t last = ZNODE_NONE; /* the previous node's parent: siblings are often neighbours */
	/* Invariant: nodes before i know their parent; nodes appended here are visited later in turn. */
	for (size_t i = 1; i < b->nnodes; i++) {
		uint32_t off = b->nodes[i].name;
		off += 1u + b->names[off];
		const uint8_t *pn = b->names + off;
		uint32_t p = last;
		if (p == ZNODE_NONE || !q53_name_equal(b->names + b->nodes[p].name, pn)) {
			uint32_t h = q53_name_hash(pn);
			p = node_find(b, pn, h);
			if (p == ZNODE_NONE && node_add(b, off, h, &p) < 0)
				return Q53_ENOMEM;
		}
		b->nodes[i].set = last = p;
	}
	return 0;
}

/*
 * Canonical order (RFC 4034 6.1) without comparing whole names: sort every node by (parent, label), then
 * walk the tree depth-first from the apex, parents before their children.
 */
static int canonical_order(fin *f)
{
	q53_zone_builder_t *b = f->b;
	size_t n = b->nnodes, nk = n - 1;
	kid *kids = malloc((nk ? nk : 1) * sizeof *kids), *tmp = malloc((nk ? nk : 1) * sizeof *tmp);
	uint32_t *first = malloc(n * sizeof *first);
	int rc = Q53_ENOMEM;
	if (kids == NULL || tmp == NULL || first == NULL)
		goto out;
	for (size_t i = 1; i < n; i++)
		kids[i - 1] = (kid){b->nodes[i].set, (uint32_t)i, label_key(b->names + b->nodes[i].name, 0)};
	kids_sort(b, kids, tmp, nk, 0);
	for (size_t i = 0; i < n; i++)
		first[i] = ZNODE_NONE;
	for (size_t j = 0; j < nk; j++)
		if (j == 0 || kids[j].parent != kids[j - 1].parent)
			first[kids[j].parent] = (uint32_t)j;
	/* A name has at most 127 labels below the root, so the walk is at most 128 nodes deep. */
	uint32_t stack_node[130], stack_pos[130];
	size_t depth = 0, k = 0;
	f->order[k++] = 0;
	stack_node[depth] = 0;
	stack_pos[depth++] = first[0];
	/* Invariant: order[0..k) is the canonical order of the nodes visited; stack_pos[d] is the next child
	 * of stack_node[d] in kids (children of one parent are adjacent and sorted). */
	while (depth > 0) {
		size_t d = depth - 1;
		uint32_t j = stack_pos[d];
		if (j == ZNODE_NONE || j >= nk || kids[j].parent != stack_node[d]) {
			depth--;
			continue;
		}
		stack_pos[d] = j + 1;
		uint32_t c = kids[j].id;
		f->order[k++] = c;
		stack_node[depth] = c;
		stack_pos[depth++] = first[c];
	}
	rc = 0;
out:
	free(kids);
	free(tmp);
	free(first);
	return rc;
}

/* The record behind entry k of RRset s. */
static const brec *set_rec(const fin *f, size_t s, size_t k)
{
	return &f->b->recs[f->perm[f->rfirst[s] + k]];
}

/*
 * One RRset: records perm[s..e) of one owner and set_key(), in file order. RFC 2181 5.2: one TTL per RRset,
 * the first record's. RFC 2181 5: an RRset holds no two identical records, compared as RDATA octets.
 * Returns how many records are kept (moved down to perm[w..]).
 */
static size_t rrset_settle(fin *f, size_t s, size_t e, size_t w, uint32_t *tmp)
{
	q53_zone_builder_t *b = f->b;
	char n1[Q53_NAME_TEXT_MAX], t[16];
	const brec *r0 = &b->recs[f->perm[s]];
	const uint8_t *owner = b->names + b->nodes[r0->node].name;
	for (size_t i = s + 1; i < e; i++) {
		brec *r = &b->recs[f->perm[i]];
		if (r->ttl != r0->ttl)
			report(f, Q53_DIAG_WARNING, r,
			       "TTL %u of this %s %s record differs from the RRset's %u: using %u (RFC 2181 "
			       "5.2)",
			       r->ttl, ntext(owner, n1), ttext(r->type, t), r0->ttl, r0->ttl);
		r->ttl = r0->ttl;
	}
	size_t n = e - s;
	if (n <= SMALL_SORT) {
		for (size_t i = s + 1; i < e; i++)
			for (size_t j = s; j < i && !b->recs[f->perm[i]].drop; j++)
				if (!b->recs[f->perm[j]].drop && cmp_rdata(b, f->perm[i], f->perm[j]) == 0)
					b->recs[f->perm[i]].drop = 1;
	} else {
		/* Sorted stably by RDATA, each run of equal records keeps its first in file order. */
		memcpy(tmp, f->perm + s, n * sizeof *tmp);
		msort(b, tmp, tmp + n, n, cmp_rdata);
		for (size_t i = 1; i < n; i++)
			if (cmp_rdata(b, tmp[i], tmp[i - 1]) == 0)
				b->recs[tmp[i]].drop = 1;
	}
	size_t kept = 0;
	for (size_t i = s; i < e; i++) {
		brec *r = &b->recs[f->perm[i]];
		if (r->drop) {
			report(f, Q53_DIAG_WARNING, r, "duplicate %s %s record ignored", ntext(owner, n1),
			       ttext(r->type, t));
			continue;
		}
		f->perm[w + kept++] = f->perm[i];
		f->ndata += 2u + r->rdlen;
	}
	return kept;
}

/*
 * Groups the records by node (a counting sort), then by type (stable), and settles each RRset. Nodes are
 * numbered in order of appearance, so for most files this walks the records in order, without cache
 * misses; only the walk needs canonical order. Leaves perm, rfirst, and each node's nset and its flags
 * from its own types. Returns 0, 1 when a node has more types than a node can hold, or Q53_ENOMEM.
 */
static int group_records(fin *f)
{
	q53_zone_builder_t *b = f->b;
	size_t nr = b->nrecs, nn = b->nnodes;
	uint32_t *pos = calloc(nn + 1, sizeof *pos), *tmp = malloc((2 * nr + 1) * sizeof *tmp);
	f->perm = malloc((nr + 1) * sizeof *f->perm);
	f->rfirst = malloc((nr + 1) * sizeof *f->rfirst);
	int rc = Q53_ENOMEM;
	if (pos == NULL || tmp == NULL || f->perm == NULL || f->rfirst == NULL)
		goto out;
	for (size_t i = 0; i < nr; i++)
		pos[b->recs[i].node + 1]++;
	for (size_t k = 0; k < nn; k++)
		pos[k + 1] += pos[k];
	for (size_t i = 0; i < nr; i++)
		f->perm[pos[b->recs[i].node]++] = (uint32_t)i;
	/* Now pos[k] is the end of node k's records (and pos[k-1] its start). */
	size_t start = 0, w = 0;
	char n1[Q53_NAME_TEXT_MAX];
	for (size_t k = 0; k < nn; k++) {
		size_t end = pos[k];
		msort(b, f->perm + start, tmp, end - start, cmp_type);
		znode *n = &b->nodes[k];
		size_t nset = 0;
		/* Invariant: perm[start..i) are settled into RRsets, kept records moved down to perm[..w). */
		for (size_t i = start; i < end;) {
			size_t e = i + 1;
			while (e < end && set_key(b, f->perm[e]) == set_key(b, f->perm[i]))
				e++;
			const brec *r = &b->recs[f->perm[i]];
			size_t kept = rrset_settle(f, i, e, w, tmp);
			if (kept > UINT16_MAX) {
				char t[16];
				report(f, Q53_DIAG_ERROR, r, "%s %s: more than %u records in one RRset",
				       ntext(b->names + b->nodes[r->node].name, n1), ttext(r->type, t),
				       UINT16_MAX);
			}
			if (++nset > UINT16_MAX) {
				report(f, Q53_DIAG_ERROR, r, "more than %u types at one name", UINT16_MAX);
				rc = 1;
				goto out;
			}
			if (r->type == Q53_TYPE_NS && k != 0)
				n->flags |= ZN_CUT;
			else if (r->type == Q53_TYPE_CNAME)
				n->flags |= ZN_CNAME;
			else if (r->type == Q53_TYPE_DNAME)
				n->flags |= ZN_DNAME;
			f->rfirst[f->nsets++] = (uint32_t)w;
			w += kept;
			i = e;
		}
		n->nset = (uint16_t)nset;
		start = end;
	}
	f->nperm = w;
	f->rfirst[f->nsets] = (uint32_t)w;
	rc = 0;
out:
	free(pos);
	free(tmp);
	return rc;
}

static uint32_t soa_serial(const q53_rrset_t *soa)
{
	const uint8_t *rd = soa->data + 2;
	size_t m = q53_name_len(rd);
	m += q53_name_len(rd + m);
	return q53_get32(rd + m);
}

/*
 * A node below a cut or a DNAME: from its parent (still in .set), which comes first in canonical order, so
 * its flags are final when a child reads them.
 */
static void mark_below(fin *f)
{
	znode *nodes = f->b->nodes;
	for (size_t k = 1; k < f->b->nnodes; k++) {
		znode *n = &nodes[f->order[k]];
		unsigned pf = nodes[n->set].flags;
		if (pf & (ZN_CUT | ZN_BELOW_CUT))
			n->flags |= ZN_BELOW_CUT;
		if (pf & (ZN_DNAME | ZN_BELOW_DNAME))
			n->flags |= ZN_BELOW_DNAME;
	}
}

/*
 * Lays the zone out: the builder's names, nodes and index move into the zone as they are; one arena takes
 * the RRsets (in node order), the canonical order and the RDATA.
 */
static int layout(fin *f)
{
	q53_zone_builder_t *b = f->b;
	size_t nn = b->nnodes;
	q53_zone_t *z = f->z;
	size_t sets_size = f->nsets * sizeof(q53_rrset_t), order_size = nn * sizeof(uint32_t);
	size_t size = sets_size + order_size + f->ndata;
	z->arena = malloc(size ? size : 1);
	if (z->arena == NULL)
		return Q53_ENOMEM;
	q53_rrset_t *sets = z->arena;
	uint32_t *order = (uint32_t *)((uint8_t *)z->arena + sets_size);
	uint8_t *data = (uint8_t *)z->arena + sets_size + order_size;
	memcpy(order, f->order, order_size);
	/* The names, nodes and index are final: shrink them to size and take them over. */
	z->names = shrink(b->names, b->nnames);
	z->nodes = shrink(b->nodes, nn * sizeof *b->nodes);
	z->slots = b->slots;
	b->names = NULL;
	b->nodes = NULL;
	b->slots = NULL;
	z->mask = b->mask;
	z->nnodes = (uint32_t)nn;
	z->nsets = (uint32_t)f->nsets;
	z->sets = sets;
	z->order = order;
	z->records = f->nperm;
	/* Invariant: RRsets [0..si) and RDATA [0..d) belong to the nodes [0..id). */
	size_t si = 0, d = 0;
	for (size_t id = 0; id < nn; id++) {
		znode *n = &z->nodes[id];
		n->set = (uint32_t)si;
		for (unsigned j = 0; j < n->nset; j++, si++) {
			size_t count = f->rfirst[si + 1] - f->rfirst[si];
			const brec *r0 = set_rec(f, si, 0);
			sets[si] = (q53_rrset_t){r0->type, (uint16_t)count, r0->ttl, data + d};
			for (size_t e = 0; e < count; e++) {
				const brec *r = set_rec(f, si, e);
				q53_put16(data + d, r->rdlen);
				if (r->rdlen)
					memcpy(data + d + 2, b->data + r->data, r->rdlen);
				d += 2u + r->rdlen;
			}
		}
	}
	z->apex = 0;
	z->soa = zone_rrset(z, &z->nodes[0], Q53_TYPE_SOA);
	z->apex_ns = zone_rrset(z, &z->nodes[0], Q53_TYPE_NS);
	if (z->soa != NULL)
		z->serial = soa_serial(z->soa);
	z->memory =
	    sizeof *z + b->nnames + nn * sizeof(znode) + ((size_t)z->mask + 1) * sizeof(uint32_t) + size;
	return 0;
}

/* ---- Zone checks -------------------------------------------------------------------------------- */

/* The node with a DNAME above an occluded node. */
static const znode *dname_above(const q53_zone_t *z, const znode *n)
{
	for (const uint8_t *p = q53_name_parent(zone_name(z, n)); p != NULL; p = q53_name_parent(p)) {
		const znode *a = zone_find(z, p);
		if (a != NULL && (a->flags & ZN_DNAME))
			return a;
	}
	return n;
}

/* The topmost zone cut above or at a node at or below a cut. */
static const znode *cut_above(const q53_zone_t *z, const znode *n)
{
	const znode *cut = n;
	for (const uint8_t *p = zone_name(z, n); p != NULL; p = q53_name_parent(p)) {
		const znode *a = zone_find(z, p);
		if (a == NULL || !(a->flags & (ZN_CUT | ZN_BELOW_CUT)))
			break;
		if (a->flags & ZN_CUT)
			cut = a;
	}
	return cut;
}

/* True when name (in the zone) has an address, by its own records or a wildcard (RFC 4592). */
static int has_address(const q53_zone_t *z, const uint8_t *name)
{
	static const uint16_t types[] = {Q53_TYPE_A, Q53_TYPE_AAAA};
	for (size_t i = 0; i < 2; i++) {
		q53_answer_t a;
		if (q53_zone_lookup(z, name, types[i], 0, &a) == 0 && a.kind == Q53_LOOKUP_ANSWER &&
		    a.n > 0 && a.item[a.n - 1].set->type == types[i])
			return 1;
	}
	return 0;
}

/*
 * The target of an NS, MX or SRV record in this zone. RFC 2181 10.3: it must not be an alias. RFC 1034
 * 4.2.1: an NS target at or below a cut needs glue, and one in the zone proper needs an address
 * (named-checkzone -i full reports both).
 */
static void check_target(fin *f, uint16_t type, const uint8_t *target, const brec *r)
{
	const q53_zone_t *z = f->z;
	char n1[Q53_NAME_TEXT_MAX], n2[Q53_NAME_TEXT_MAX], t[16];
	const uint8_t *apex = zone_name(z, &z->nodes[z->apex]);
	/* "." as MX (RFC 7505) or SRV (RFC 2782) target: no service. */
	if (!q53_name_is_sub(target, apex) || (target[0] == 0 && type != Q53_TYPE_NS))
		return;
	const znode *tn = zone_find(z, target);
	if (tn != NULL && (tn->flags & ZN_CNAME)) {
		report(f, Q53_DIAG_WARNING, r,
		       "%s target %s is an alias (CNAME), which RFC 2181 10.3 forbids", ttext(type, t),
		       ntext(target, n1));
		return;
	}
	if (type != Q53_TYPE_NS)
		return;
	if (tn != NULL && (zone_rrset(z, tn, Q53_TYPE_A) || zone_rrset(z, tn, Q53_TYPE_AAAA)))
		return;
	/* Where would the target live: its node, else its closest existing ancestor. */
	const znode *at = tn;
	for (const uint8_t *p = q53_name_parent(target); at == NULL && p != NULL; p = q53_name_parent(p))
		at = zone_find(z, p);
	if (at != NULL && (at->flags & (ZN_CUT | ZN_BELOW_CUT))) {
		report(f, Q53_DIAG_ERROR, r,
		       "missing glue: NS target %s is below the zone cut %s and has no A or AAAA record",
		       ntext(target, n1), ntext(zone_name(z, cut_above(z, at)), n2));
		return;
	}
	if (!has_address(z, target))
		report(f, Q53_DIAG_ERROR, r, "NS target %s has no address record (A or AAAA)",
		       ntext(target, n1));
}

/* Types that may stand beside a CNAME: its DNSSEC records (RFC 4035 2.5, RFC 2181 10.1). */
static int cname_companion(uint16_t type)
{
	return type == Q53_TYPE_CNAME || type == Q53_TYPE_RRSIG || type == Q53_TYPE_NSEC;
}

/* Types that belong at a zone cut on the parent side (RFC 4035 2.4 DS, RFC 4034 NSEC/RRSIG), or glue. */
static int cut_type(uint16_t type)
{
	return type == Q53_TYPE_NS || type == Q53_TYPE_DS || type == Q53_TYPE_RRSIG ||
	       type == Q53_TYPE_NSEC || type == Q53_TYPE_A || type == Q53_TYPE_AAAA;
}

/*
 * RFC 9276: the NSEC3PARAM that names the zone's chain (zone_nsec3param_usable()) should have 0 extra
 * iterations (3.1); validating resolvers treat answers
 * with more than about 150 as insecure or fail them (3.2), and each one makes q53d hash up to three names
 * per negative answer that many times over. Up to NSEC3_ITERATIONS_MAX: a warning; above: an error, and
 * the zone is not loaded, as BIND refuses it.
 */
enum { NSEC3_ITERATIONS_MAX = 150 };

static void check_nsec3param(fin *f, size_t si)
{
	const q53_rrset_t *s = &f->z->sets[si];
	size_t pos = 0;
	const uint8_t *rd;
	uint16_t len;
	/* Invariant: k counts the RDATA entries read so far. */
	for (size_t k = 0; q53_rrset_next(s, &pos, &rd, &len) > 0; k++) {
		if (!zone_nsec3param_usable(rd, len))
			continue;
		unsigned it = q53_get16(rd + 2);
		if (it > NSEC3_ITERATIONS_MAX)
			report(
			    f, Q53_DIAG_ERROR, set_rec(f, si, k),
			    "NSEC3PARAM asks for %u extra iterations, above %u: validating resolvers treat "
			    "such answers as insecure or fail them (RFC 9276 3.2); sign with 0",
			    it, (unsigned)NSEC3_ITERATIONS_MAX);
		else if (it > 0)
			report(f, Q53_DIAG_WARNING, set_rec(f, si, k),
			       "NSEC3PARAM asks for %u extra iterations: RFC 9276 3.1 asks for 0, and each "
			       "negative answer hashes up to three names %u times",
			       it, it + 1);
		return;
	}
}

static void check_node(fin *f, uint32_t id)
{
	const q53_zone_t *z = f->z;
	const znode *n = &z->nodes[id];
	const uint8_t *name = zone_name(z, n);
	char n1[Q53_NAME_TEXT_MAX], n2[Q53_NAME_TEXT_MAX], t[16];
	int other = 0;
	for (unsigned j = 0; j < n->nset; j++)
		other |= !cname_companion(z->sets[n->set + j].type);
	for (unsigned j = 0; j < n->nset; j++) {
		size_t si = n->set + j;
		const q53_rrset_t *s = &z->sets[si];
		const brec *r0 = set_rec(f, si, 0);
		if (s->type == Q53_TYPE_SOA && id != z->apex)
			report(f, Q53_DIAG_ERROR, r0, "SOA record at %s, which is not the zone apex %s",
			       ntext(name, n1), ntext(zone_name(z, &z->nodes[z->apex]), n2));
		if (s->type == Q53_TYPE_SOA && id == z->apex && s->count > 1)
			report(f, Q53_DIAG_ERROR, set_rec(f, si, 1),
			       "%u SOA records at the apex %s: a zone has exactly one (RFC 1035 5.2)",
			       s->count, ntext(name, n1));
		if (s->type == Q53_TYPE_NSEC3PARAM && id == z->apex)
			check_nsec3param(f, si);
		if (s->type == Q53_TYPE_CNAME) {
			if (id == z->apex)
				report(f, Q53_DIAG_ERROR, r0,
				       "CNAME at the zone apex %s, which holds SOA and NS (RFC 2181 10.1)",
				       ntext(name, n1));
			else if (other)
				report(f, Q53_DIAG_ERROR, r0, "CNAME and other data at %s (RFC 2181 10.1)",
				       ntext(name, n1));
			if (s->count > 1)
				report(f, Q53_DIAG_ERROR, set_rec(f, si, 1),
				       "%u CNAME records at %s: an alias has one target (RFC 2181 10.1)",
				       s->count, ntext(name, n1));
		}
		if (n->flags & ZN_BELOW_DNAME) {
			report(f, Q53_DIAG_WARNING, r0, "%s %s is occluded by the DNAME at %s (RFC 6672 2.4)",
			       ntext(name, n1), ttext(s->type, t),
			       ntext(zone_name(z, dname_above(z, n)), n2));
			continue;
		}
		if (((n->flags & ZN_BELOW_CUT) && s->type != Q53_TYPE_A && s->type != Q53_TYPE_AAAA) ||
		    ((n->flags & ZN_CUT) && !cut_type(s->type))) {
			report(f, Q53_DIAG_WARNING, r0, "%s %s is occluded by the zone cut at %s: not served",
			       ntext(name, n1), ttext(s->type, t), ntext(zone_name(z, cut_above(z, n)), n2));
			continue;
		}
		int off = zone_target_off(s->type);
		if (s->type != Q53_TYPE_NS && s->type != Q53_TYPE_MX && s->type != Q53_TYPE_SRV)
			continue;
		if (n->flags & ZN_BELOW_CUT)
			continue;
		size_t pos = 0;
		const uint8_t *rd;
		uint16_t len;
		/* Invariant: k counts the RDATA entries read so far. */
		for (size_t k = 0; q53_rrset_next(s, &pos, &rd, &len) > 0; k++)
			check_target(f, s->type, rd + off, set_rec(f, si, k));
	}
}

static void check_zone(fin *f)
{
	const q53_zone_t *z = f->z;
	char n1[Q53_NAME_TEXT_MAX];
	const uint8_t *apex = zone_name(z, &z->nodes[z->apex]);
	/* RFC 1035 5.2: exactly one SOA, at the top of the zone; RFC 1034 4.2.1: NS at the top. */
	if (z->soa == NULL)
		report(f, Q53_DIAG_ERROR, NULL, "no SOA record at the zone apex %s", ntext(apex, n1));
	if (z->apex_ns == NULL)
		report(f, Q53_DIAG_ERROR, NULL, "no NS records at the zone apex %s", ntext(apex, n1));
	/* Node order is the order of first appearance: the reports follow the file. */
	for (uint32_t id = 0; id < z->nnodes; id++)
		check_node(f, id);
}

/* The list of files a zone was read from (q53_zone_load). */
static void files_free(zfile *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

void q53_zone_free(q53_zone_t *z)
{
	if (z == NULL)
		return;
	free(z->names);
	free(z->nodes);
	free(z->slots);
	free(z->arena);
	zone_sec_free(z);
	files_free(z->files, z->nfiles);
	free(z);
}

bool q53_zone_files_unchanged(const q53_zone_t *z)
{
	if (z == NULL || z->nfiles == 0)
		return false;
	for (size_t i = 0; i < z->nfiles; i++) {
		const zfile *f = &z->files[i];
		struct stat st;
		if (stat(f->path, &st) != 0 || st.st_dev != f->dev || st.st_ino != f->ino ||
		    st.st_size != f->size || st.st_mtim.tv_sec != f->mtime.tv_sec ||
		    st.st_mtim.tv_nsec != f->mtime.tv_nsec)
			return false;
	}
	return true;
}

int q53_zone_builder_finish(q53_zone_builder_t *b, q53_diag_fn diag, void *ctx, q53_zone_t **out)
{
	if (out != NULL)
		*out = NULL;
	if (b == NULL || out == NULL) {
		builder_free(b);
		return Q53_EINVAL;
	}
	fin f = {.b = b, .diag = diag, .ctx = ctx, .errors = b->errors};
	int rc = b->oom ? Q53_ENOMEM : merge_owners(b);
	if (rc == 0)
		rc = add_ents(b);
	if (rc < 0)
		goto out;
	rc = Q53_ENOMEM;
	/* The zone's small header first: allocated after the big temporaries it could sit above them on the
	 * heap and keep their pages from going back to the system once they are freed. */
	f.z = calloc(1, sizeof *f.z);
	f.order = malloc(b->nnodes * sizeof *f.order);
	if (f.z == NULL || f.order == NULL || canonical_order(&f) < 0)
		goto out;
	rc = group_records(&f);
	if (rc != 0) {
		/* A node with too many types cannot be laid out: report what was found so far. */
		rc = rc > 0 ? (int)f.errors : rc;
		goto out;
	}
	mark_below(&f);
	rc = Q53_ENOMEM;
	if (layout(&f) < 0)
		goto out;
	check_zone(&f);
	rc = (int)f.errors;
	if (rc == 0 && zone_sec_build(f.z) < 0)
		rc = Q53_ENOMEM;
	if (rc == 0) {
		*out = f.z;
		f.z = NULL;
	}
out:
	q53_zone_free(f.z);
	free(f.order);
	free(f.perm);
	free(f.rfirst);
	builder_free(b);
#if defined(__GLIBC__)
	/* Freeing the builder's big buffers raises glibc's trim threshold (it follows the mmap threshold,
	 * which grows with each mmapped block freed), so the pages they leave on the heap would stay with
	 * the process: 15 MB for a million names. Give them back once, now. */
	malloc_trim(0);
#endif
	return rc;
}

/* ---- Loading a file ------------------------------------------------------------------------------ */

typedef struct load_ctx {
	q53_zone_builder_t *b;
	q53_diag_fn diag;
	void *ctx;
	zfile *files;
	size_t nfiles;
	bool nomem;
} load_ctx;

/* Notes a file read for the zone (q53_parse_opts_t.file_fn). */
static void load_file(const char *path, const struct stat *st, void *ctx)
{
	load_ctx *l = ctx;
	zfile *v = realloc(l->files, (l->nfiles + 1) * sizeof *v);
	char *p = strdup(path);
	if (v == NULL || p == NULL) {
		/* Without the list the zone is simply re-read at every reload. */
		if (v != NULL)
			l->files = v;
		free(p);
		l->nomem = true;
		return;
	}
	l->files = v;
	v[l->nfiles++] = (zfile){p, st->st_dev, st->st_ino, st->st_size, st->st_mtim};
}

static int load_rr(const q53_zrr_t *rr, void *ctx)
{
	load_ctx *l = ctx;
	int rc = q53_zone_builder_add(l->b, rr, l->diag, l->ctx);
	/* A rejected record was reported and counted; only running out of memory stops the parse. */
	return rc == Q53_ENOMEM ? rc : 0;
}

int q53_zone_load(const char *path, const uint8_t *origin, q53_diag_fn diag, void *ctx, q53_zone_t **out)
{
	if (out != NULL)
		*out = NULL;
	if (path == NULL || origin == NULL || out == NULL)
		return Q53_EINVAL;
	load_ctx l = {q53_zone_builder_new(origin), diag, ctx, NULL, 0, false};
	if (l.b == NULL)
		return Q53_ENOMEM;
	q53_parse_opts_t opts = {
	    .origin = origin, .diag = diag, .diag_ctx = ctx, .file_fn = load_file, .file_ctx = &l};
	int rc = q53_zone_parse(path, &opts, load_rr, &l);
	if (rc == 0) {
		rc = q53_zone_builder_finish(l.b, diag, ctx, out);
		if (rc == 0 && *out != NULL && !l.nomem) {
			(*out)->files = l.files;
			(*out)->nfiles = l.nfiles;
		} else {
			files_free(l.files, l.nfiles);
		}
		return rc;
	}
	files_free(l.files, l.nfiles);
	/* A file with syntax errors lacks records: the zone checks would only add noise (named-checkzone
	 * stops there too). */
	if (rc > 0)
		rc += (int)l.b->errors;
	builder_free(l.b);
	return rc;
}

/* ---- Reading a zone ------------------------------------------------------------------------------ */

int q53_rrset_next(const q53_rrset_t *s, size_t *pos, const uint8_t **rdata, uint16_t *len)
{
	/*
	 * *pos keeps the entries read in its high half and the octet offset in its low half: an RRset
	 * has at most 65535 entries of at most 65537 octets, 2^32 - 1 in all, so the offset fits 32 bits.
	 */
#if SIZE_MAX > 0xFFFFFFFFu
	size_t idx = *pos >> 32, off = *pos & 0xFFFFFFFFu;
#else
	/* Without 64 bits, *pos counts entries and the offset is found again. */
	size_t idx = *pos, off = 0;
	for (size_t i = 0; i < idx && i < s->count; i++)
		off += 2u + q53_get16(s->data + off);
#endif
	if (idx >= s->count)
		return 0;
	*len = q53_get16(s->data + off);
	*rdata = s->data + off + 2;
	off += 2u + *len;
	idx++;
#if SIZE_MAX > 0xFFFFFFFFu
	*pos = idx << 32 | off;
#else
	*pos = idx;
#endif
	return 1;
}

const uint8_t *q53_zone_apex(const q53_zone_t *z)
{
	return zone_name(z, &z->nodes[z->apex]);
}

uint32_t q53_zone_serial(const q53_zone_t *z)
{
	return z->serial;
}

size_t q53_zone_records(const q53_zone_t *z)
{
	return z->records;
}

bool q53_zone_signed(const q53_zone_t *z)
{
	const znode *apex = &z->nodes[z->apex];
	return zone_rrset(z, apex, Q53_TYPE_RRSIG) != NULL || zone_rrset(z, apex, Q53_TYPE_DNSKEY) != NULL;
}

size_t q53_zone_memory(const q53_zone_t *z)
{
	return z->memory;
}

int q53_zone_walk(const q53_zone_t *z, q53_rrset_fn fn, void *ctx)
{
	if (z == NULL || fn == NULL)
		return Q53_EINVAL;
	/* Nodes in canonical order (RFC 4034 6.1), each node's RRsets by type. */
	for (size_t k = 0; k < z->nnodes; k++) {
		const znode *n = &z->nodes[z->order[k]];
		for (unsigned j = 0; j < n->nset; j++) {
			int rc = fn(zone_name(z, n), &z->sets[n->set + j], ctx);
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}
