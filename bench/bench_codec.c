/*
 * Codec benchmark: parse and encode of two typical responses (RFC 1035 4.1, compression 4.1.4, EDNS RFC 6891)
 * with q53, libknot (the speed anchor) and ldns (the test oracle), in the same run, on the same machine.
 *
 * Messages: "typical" (149 octets) answers www.example.com A with 3 A, 2 NS in authority, 2 A glue; "edns"
 * (216 octets) adds an AAAA glue and an OPT with a client+server cookie (RFC 7873). All parsers read the
 * same octets, those q53_writer produced. What each case measures, per message:
 * - parse q53: q53_reader_init + q53_reader_next over every record: full validation (names, pointers,
 *   RDATA layout, OPT), records as views into the buffer; no allocation.
 * - parse q53+unpack: the same, plus q53_rr_owner + q53_rr_rdata of each record into stack buffers: the
 *   decompressed copies a consumer of libknot's RRsets gets.
 * - parse knot: knot_pkt_new over the wire with a bump-arena knot_mm_t reset per message (as Knot's UDP
 *   handler uses its mempool), knot_pkt_parse (RRsets with owners and RDATA), knot_pkt_free.
 * - parse knot/malloc: the same with the default malloc context.
 * - parse ldns: ldns_wire2pkt + ldns_pkt_free (ldns allocates every RR and rdf).
 * - encode q53: q53_writer_init/question/rr/edns/finish from uncompressed names and RDATA prepared once.
 * - encode knot: one knot_pkt reused: knot_pkt_clear, header, knot_pkt_put_question, knot_pkt_begin and
 *   knot_pkt_put of RRsets prebuilt once (OPT too), compressed the way Knot's server does it.
 * - encode ldns: ldns_pkt2wire of a prebuilt ldns_pkt (allocates the wire, freed each time).
 * Each case runs a calibrated number of iterations (~10 ms) per round; the rounds visit every case in turn,
 * so that a slow moment of a shared machine hits all of them alike, and the median round counts. Timing
 * never decides a test; this program only fails when a library cannot build or parse the messages.
 *
 * Usage: bench_codec [FILTER]   runs the cases whose name contains FILTER ("q53", "knot", "parse", ...).
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ldns/ldns.h>
#ifdef HAVE_KNOT
#include <libknot/libknot.h>
#endif

#include "q53/msg.h"
#include "q53/name.h"

/* Keeps the compiler from moving or dropping work across the timed loop. */
#define BARRIER() __asm__ volatile("" ::: "memory")

enum { ROUNDS = 21, MSG_BUF = 4096 };

/* The content of a test message, prepared once in uncompressed wire form. */
typedef struct rrdef {
	q53_section sec;
	const char *owner;
	uint16_t type;
	uint32_t ttl;
	const char *rdata_text; /* address or name */
} rrdef_t;

static const rrdef_t typical_rrs[] = {
    {Q53_SEC_ANSWER, "www.example.com.", Q53_TYPE_A, 300, "192.0.2.1"},
    {Q53_SEC_ANSWER, "www.example.com.", Q53_TYPE_A, 300, "192.0.2.2"},
    {Q53_SEC_ANSWER, "www.example.com.", Q53_TYPE_A, 300, "192.0.2.3"},
    {Q53_SEC_AUTHORITY, "example.com.", Q53_TYPE_NS, 86400, "ns1.example.com."},
    {Q53_SEC_AUTHORITY, "example.com.", Q53_TYPE_NS, 86400, "ns2.example.com."},
    {Q53_SEC_ADDITIONAL, "ns1.example.com.", Q53_TYPE_A, 86400, "198.51.100.1"},
    {Q53_SEC_ADDITIONAL, "ns2.example.com.", Q53_TYPE_A, 86400, "198.51.100.2"},
    {Q53_SEC_ADDITIONAL, "ns1.example.com.", Q53_TYPE_AAAA, 86400, "2001:db8::53"},
};

/* Client cookie (8) + server cookie (16), RFC 7873 4. */
static const uint8_t cookie_option[] = {0x00, 0x0a, 0x00, 0x18, 0x24, 0xa5, 0xac, 0x12, 0x23, 0xd5,
					0xa9, 0xba, 0x01, 0x00, 0x00, 0x00, 0x65, 0xf0, 0xa1, 0xb2,
					0xc3, 0xd4, 0xe5, 0xf6, 0x07, 0x18, 0x29, 0x3a};

typedef struct rrwire {
	q53_section sec;
	uint16_t type;
	uint32_t ttl;
	uint8_t owner[Q53_NAME_MAX];
	uint8_t rdata[Q53_NAME_MAX];
	uint16_t rdlen;
} rrwire_t;

/* Consecutive records of one section, owner and type: an RRset as a zone keeps it, [len][rdata]... */
typedef struct rrsetwire {
	q53_section sec;
	uint16_t type;
	uint32_t ttl;
	const uint8_t *owner;
	uint8_t data[4 * (2 + Q53_NAME_MAX)];
	size_t len;
	unsigned count;
} rrsetwire_t;

typedef struct message {
	const char *name;
	uint8_t qname[Q53_NAME_MAX];
	rrwire_t rr[8];
	unsigned nrr;
	rrsetwire_t set[8];
	unsigned nset;
	int edns;
	q53_edns_t e;
	uint8_t wire[MSG_BUF]; /* as q53 writes it: what every parser reads */
	size_t len;
	ldns_pkt *lpkt;
#ifdef HAVE_KNOT
	struct knot_ctx *k;
	knot_rrset_t *krr[8]; /* RRsets: consecutive records of one owner and type */
	knot_section_t ksec[8];
	unsigned nkrr;
	knot_rrset_t kopt;
	knot_dname_t *kqname;
#endif
} message_t;

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "bench_codec: %s: %s\n", what, detail);
	exit(1);
}

static void prepare(message_t *m, const char *name, unsigned nrr, int edns)
{
	memset(m, 0, sizeof *m);
	m->name = name;
	m->nrr = nrr;
	m->edns = edns;
	if (q53_name_from_text("www.example.com.", 16, NULL, m->qname) < 0)
		die("name", "www.example.com.");
	for (unsigned i = 0; i < nrr; i++) {
		const rrdef_t *d = &typical_rrs[i];
		rrwire_t *w = &m->rr[i];
		w->sec = d->sec;
		w->type = d->type;
		w->ttl = d->ttl;
		if (q53_name_from_text(d->owner, strlen(d->owner), NULL, w->owner) < 0)
			die("name", d->owner);
		int n = 0;
		if (d->type == Q53_TYPE_A)
			n = inet_pton(AF_INET, d->rdata_text, w->rdata) == 1 ? 4 : -1;
		else if (d->type == Q53_TYPE_AAAA)
			n = inet_pton(AF_INET6, d->rdata_text, w->rdata) == 1 ? 16 : -1;
		else
			n = q53_name_from_text(d->rdata_text, strlen(d->rdata_text), NULL, w->rdata);
		if (n < 0)
			die("rdata", d->rdata_text);
		w->rdlen = (uint16_t)n;
		/* Group it with the previous record when they form one RRset (as Knot's RRsets do). */
		rrsetwire_t *set = m->nset > 0 ? &m->set[m->nset - 1] : NULL;
		if (set == NULL || set->sec != w->sec || set->type != w->type ||
		    !q53_name_equal(set->owner, w->owner)) {
			set = &m->set[m->nset++];
			memset(set, 0, sizeof *set);
			set->sec = w->sec;
			set->type = w->type;
			set->ttl = w->ttl;
			set->owner = w->owner;
		}
		q53_put16(set->data + set->len, w->rdlen);
		memcpy(set->data + set->len + 2, w->rdata, w->rdlen);
		set->len += 2u + w->rdlen;
		set->count++;
	}
	if (edns) {
		m->e.udp_size = 1232;
		m->e.options = cookie_option;
		m->e.options_len = sizeof cookie_option;
	}
}

/* ---- q53 ---- */

static int q53_encode(const message_t *m, uint8_t *buf, size_t cap)
{
	q53_writer_t w;
	q53_writer_init(&w, buf, cap, 0x1234, Q53_FLAG_QR | Q53_FLAG_RD | Q53_FLAG_RA);
	q53_writer_question(&w, m->qname, Q53_TYPE_A, Q53_CLASS_IN);
	for (unsigned i = 0; i < m->nset; i++) {
		const rrsetwire_t *r = &m->set[i];
		q53_writer_rrset(&w, r->sec, r->owner, r->type, Q53_CLASS_IN, r->ttl, r->data, r->len,
				 r->count);
	}
	if (m->edns)
		q53_writer_edns(&w, &m->e);
	return q53_writer_finish(&w);
}

static long case_q53_encode(message_t *m)
{
	uint8_t buf[MSG_BUF];
	int n = q53_encode(m, buf, sizeof buf);
	BARRIER();
	return n + buf[n - 1];
}

static long case_q53_parse(message_t *m)
{
	q53_reader_t r;
	q53_rr_t rr;
	long n = 0;
	if (q53_reader_init(&r, m->wire, m->len) < 0)
		return -1;
	int rc;
	while ((rc = q53_reader_next(&r, &rr)) == 1)
		n += rr.type;
	return rc < 0 ? rc : n;
}

static long case_q53_parse_unpack(message_t *m)
{
	q53_reader_t r;
	q53_rr_t rr;
	uint8_t owner[Q53_NAME_MAX], rdata[1024];
	long n = 0;
	if (q53_reader_init(&r, m->wire, m->len) < 0)
		return -1;
	int rc;
	while ((rc = q53_reader_next(&r, &rr)) == 1) {
		n += q53_rr_owner(&rr, owner);
		n += q53_rr_rdata(&rr, rdata, sizeof rdata);
		BARRIER();
	}
	return rc < 0 ? rc : n;
}

/* ---- ldns ---- */

static void ldns_prepare(message_t *m)
{
	ldns_pkt *p = ldns_pkt_new();
	ldns_rr *q = NULL;
	if (p == NULL ||
	    ldns_rr_new_question_frm_str(&q, "www.example.com. IN A", NULL, NULL) != LDNS_STATUS_OK)
		die("ldns", "question");
	ldns_pkt_set_id(p, 0x1234);
	ldns_pkt_set_qr(p, true);
	ldns_pkt_set_rd(p, true);
	ldns_pkt_set_ra(p, true);
	ldns_pkt_push_rr(p, LDNS_SECTION_QUESTION, q);
	static const ldns_pkt_section secs[] = {LDNS_SECTION_QUESTION, LDNS_SECTION_ANSWER,
						LDNS_SECTION_AUTHORITY, LDNS_SECTION_ADDITIONAL};
	for (unsigned i = 0; i < m->nrr; i++) {
		const rrdef_t *d = &typical_rrs[i];
		char line[256];
		ldns_rr *rr = NULL;
		snprintf(line, sizeof line, "%s %u IN %s %s", d->owner, (unsigned)d->ttl,
			 d->type == Q53_TYPE_A	    ? "A"
			 : d->type == Q53_TYPE_AAAA ? "AAAA"
						    : "NS",
			 d->rdata_text);
		if (ldns_rr_new_frm_str(&rr, line, 0, NULL, NULL) != LDNS_STATUS_OK)
			die("ldns", line);
		ldns_pkt_push_rr(p, secs[d->sec], rr);
	}
	if (m->edns) {
		ldns_pkt_set_edns_udp_size(p, m->e.udp_size);
		ldns_pkt_set_edns_data(
		    p, ldns_rdf_new_frm_data(LDNS_RDF_TYPE_UNKNOWN, m->e.options_len, m->e.options));
	}
	m->lpkt = p;
}

static long case_ldns_encode(message_t *m)
{
	uint8_t *wire = NULL;
	size_t len = 0;
	if (ldns_pkt2wire(&wire, m->lpkt, &len) != LDNS_STATUS_OK)
		return -1;
	long n = (long)len + wire[len - 1];
	free(wire);
	return n;
}

static long case_ldns_parse(message_t *m)
{
	ldns_pkt *p = NULL;
	if (ldns_wire2pkt(&p, m->wire, m->len) != LDNS_STATUS_OK)
		return -1;
	long n = (long)ldns_pkt_ancount(p);
	ldns_pkt_free(p);
	return n;
}

/* ---- libknot ---- */

#ifdef HAVE_KNOT
/* A bump allocator standing in for Knot's per-query mempool: reset after each message, free is a no-op. */
typedef struct arena {
	uint8_t *mem;
	size_t used, cap;
} arena_t;

static void *arena_alloc(void *ctx, size_t len)
{
	arena_t *a = ctx;
	len = (len + 15) & ~(size_t)15;
	if (len > a->cap - a->used)
		return NULL;
	void *p = a->mem + a->used;
	a->used += len;
	return p;
}

static void arena_free(void *p)
{
	(void)p;
}

typedef struct knot_ctx {
	arena_t arena;
	knot_mm_t mm;
	knot_pkt_t *out; /* reused for encoding */
	uint8_t outbuf[MSG_BUF];
} knot_ctx_t;

static void knot_prepare(message_t *m)
{
	static const knot_section_t ksecs[] = {KNOT_ANSWER, KNOT_ANSWER, KNOT_AUTHORITY, KNOT_ADDITIONAL};
	m->kqname = knot_dname_copy(m->qname, NULL);
	for (unsigned i = 0; i < m->nrr; i++) {
		const rrwire_t *r = &m->rr[i];
		if (m->nkrr == 0 || m->krr[m->nkrr - 1]->type != r->type ||
		    !knot_dname_is_equal(m->krr[m->nkrr - 1]->owner, r->owner)) {
			knot_dname_t *owner = knot_dname_copy(r->owner, NULL);
			m->krr[m->nkrr] = knot_rrset_new(owner, r->type, KNOT_CLASS_IN, r->ttl, NULL);
			free(owner);
			m->ksec[m->nkrr++] = ksecs[r->sec];
		}
		if (knot_rrset_add_rdata(m->krr[m->nkrr - 1], r->rdata, r->rdlen, NULL) != KNOT_EOK)
			die("knot", "rdata");
	}
	if (m->edns) {
		if (knot_edns_init(&m->kopt, m->e.udp_size, 0, 0, NULL) != KNOT_EOK ||
		    knot_edns_add_option(&m->kopt, KNOT_EDNS_OPTION_COOKIE,
					 (uint16_t)(sizeof cookie_option - 4), cookie_option + 4,
					 NULL) != KNOT_EOK)
			die("knot", "edns");
	}
}

static long case_knot_encode(message_t *m)
{
	knot_pkt_t *p = m->k->out;
	knot_pkt_clear(p);
	knot_wire_set_id(p->wire, 0x1234);
	knot_wire_set_qr(p->wire);
	knot_wire_set_rd(p->wire);
	knot_wire_set_ra(p->wire);
	if (knot_pkt_put_question(p, m->kqname, KNOT_CLASS_IN, KNOT_RRTYPE_A) != KNOT_EOK)
		return -1;
	/* Knot's server hints the QNAME for answers owned by it. */
	for (unsigned i = 0; i < m->nkrr; i++) {
		if (p->current != m->ksec[i] && knot_pkt_begin(p, m->ksec[i]) != KNOT_EOK)
			return -1;
		uint16_t hint = knot_dname_is_equal(m->krr[i]->owner, m->kqname) ? KNOT_COMPR_HINT_QNAME
										 : KNOT_COMPR_HINT_NONE;
		if (knot_pkt_put(p, hint, m->krr[i], 0) != KNOT_EOK)
			return -1;
	}
	if (m->edns) {
		if (p->current != KNOT_ADDITIONAL)
			knot_pkt_begin(p, KNOT_ADDITIONAL);
		if (knot_pkt_put(p, KNOT_COMPR_HINT_NONE, &m->kopt, 0) != KNOT_EOK)
			return -1;
	}
	BARRIER();
	return (long)p->size;
}

static long knot_parse_with(message_t *m, knot_mm_t *mm)
{
	knot_pkt_t *p = knot_pkt_new(m->wire, (uint16_t)m->len, mm);
	if (p == NULL)
		return -1;
	int rc = knot_pkt_parse(p, 0);
	long n = rc == KNOT_EOK ? (long)p->rrset_count : -1;
	knot_pkt_free(p);
	return n;
}

static long case_knot_parse(message_t *m)
{
	m->k->arena.used = 0;
	return knot_parse_with(m, &m->k->mm);
}

static long case_knot_parse_malloc(message_t *m)
{
	return knot_parse_with(m, NULL);
}
#endif

/* ---- timing ---- */

static double now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

typedef long (*case_fn)(message_t *m);

/* ns per call of fn over iters calls. */
static double run_once(case_fn fn, message_t *m, long iters)
{
	volatile long sink = 0;
	double t0 = now_ns();
	for (long i = 0; i < iters; i++) {
		sink += fn(m);
		BARRIER();
	}
	double dt = now_ns() - t0;
	(void)sink;
	return dt / (double)iters;
}

/* Iterations for one round of about 10 ms. */
static long calibrate(case_fn fn, message_t *m)
{
	long iters = 100;
	for (;;) {
		double ns = run_once(fn, m, iters) * (double)iters;
		if (ns >= 10e6 || iters >= 100000000)
			return iters;
		iters = ns < 0.5e6 ? iters * 20 : (long)((double)iters * 11e6 / ns);
	}
}

typedef struct bcase {
	const char *name;
	case_fn fn;
} bcase_t;

static int find_case(const bcase_t *cases, unsigned n, const char *name)
{
	for (unsigned i = 0; i < n; i++)
		if (strcmp(cases[i].name, name) == 0)
			return (int)i;
	return -1;
}

/*
 * Count mode (bench_codec CASE N) runs each selected case N times per message without timing, for
 * deterministic instruction counts:
 *   valgrind --tool=callgrind --toggle-collect=count_typical bench_codec "encode q53" 1000
 * gives 1000 typical messages' instructions in count_typical's inclusive cost.
 */
static __attribute__((noipa)) void count_typical(case_fn fn, message_t *m, long n)
{
	for (long i = 0; i < n; i++)
		if (fn(m) < 0)
			die("count", m->name);
}

static __attribute__((noipa)) void count_edns(case_fn fn, message_t *m, long n)
{
	for (long i = 0; i < n; i++)
		if (fn(m) < 0)
			die("count", m->name);
}

int main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : "";
	long count = argc > 2 ? atol(argv[2]) : 0;
	static message_t msgs[2];
	prepare(&msgs[0], "typical", 7, 0);
	prepare(&msgs[1], "edns", 8, 1);
	static const bcase_t cases[] = {
	    {"parse q53", case_q53_parse},     {"parse q53+unpack", case_q53_parse_unpack},
#ifdef HAVE_KNOT
	    {"parse knot", case_knot_parse},   {"parse knot/malloc", case_knot_parse_malloc},
#endif
	    {"parse ldns", case_ldns_parse},   {"encode q53", case_q53_encode},
#ifdef HAVE_KNOT
	    {"encode knot", case_knot_encode},
#endif
	    {"encode ldns", case_ldns_encode},
	};
	enum { NCASES = sizeof cases / sizeof cases[0] };
	double ns[2][NCASES];

#ifdef HAVE_KNOT
	static knot_ctx_t kctx;
	kctx.arena.cap = 1 << 20;
	kctx.arena.mem = malloc(kctx.arena.cap);
	kctx.mm = (knot_mm_t){.ctx = &kctx.arena, .alloc = arena_alloc, .free = arena_free};
	kctx.out = knot_pkt_new(kctx.outbuf, sizeof kctx.outbuf, NULL);
	if (kctx.arena.mem == NULL || kctx.out == NULL)
		die("knot", "setup");
	msgs[0].k = msgs[1].k = &kctx;
#endif
	for (unsigned i = 0; i < 2; i++) {
		message_t *m = &msgs[i];
		int n = q53_encode(m, m->wire, sizeof m->wire);
		if (n < 0)
			die("q53 encode", q53_strerror(n));
		m->len = (size_t)n;
		ldns_prepare(m);
		size_t ldns_len = 0, knot_len = 0;
		uint8_t *lw = NULL;
		if (ldns_pkt2wire(&lw, m->lpkt, &ldns_len) != LDNS_STATUS_OK)
			die("ldns", "encode");
		free(lw);
#ifdef HAVE_KNOT
		knot_prepare(m);
		long kl = case_knot_encode(m);
		if (kl < 0)
			die("knot", "encode");
		knot_len = (size_t)kl;
#endif
		printf("%-8s q53 %zu octets, knot %zu, ldns %zu\n", m->name, m->len, knot_len, ldns_len);
		/* Every case must work before its time means anything. */
		for (unsigned c = 0; c < NCASES; c++)
			if (cases[c].fn(m) < 0)
				die(cases[c].name, m->name);
	}

	if (count > 0) {
		for (unsigned c = 0; c < NCASES; c++)
			if (strstr(cases[c].name, filter)) {
				count_typical(cases[c].fn, &msgs[0], count);
				count_edns(cases[c].fn, &msgs[1], count);
			}
		return 0;
	}
	/* One slot per (case, message); each round runs every selected slot once. */
	static double t[NCASES][2][ROUNDS];
	long iters[NCASES][2];
	for (unsigned c = 0; c < NCASES; c++)
		for (unsigned i = 0; i < 2; i++) {
			ns[i][c] = 0;
			iters[c][i] = strstr(cases[c].name, filter) ? calibrate(cases[c].fn, &msgs[i]) : 0;
		}
	for (unsigned r = 0; r < ROUNDS; r++)
		for (unsigned c = 0; c < NCASES; c++)
			for (unsigned i = 0; i < 2; i++)
				if (iters[c][i] > 0)
					t[c][i][r] = run_once(cases[c].fn, &msgs[i], iters[c][i]);
	printf("\n%-20s %12s %12s   (median of %d rounds)\n", "ns/message", msgs[0].name, msgs[1].name,
	       ROUNDS);
	for (unsigned c = 0; c < NCASES; c++) {
		if (iters[c][0] == 0)
			continue;
		for (unsigned i = 0; i < 2; i++) {
			qsort(t[c][i], ROUNDS, sizeof t[c][i][0], cmp_double);
			ns[i][c] = t[c][i][ROUNDS / 2];
		}
		printf("%-20s %12.1f %12.1f\n", cases[c].name, ns[0][c], ns[1][c]);
	}

	/* Ratios q53 / anchor. The goals: parse in at most 1/8 of libknot's time, encode in at most 1/2. */
	static const char *const ratios[][2] = {
	    {"parse q53", "parse knot"},	{"parse q53+unpack", "parse knot"},
	    {"parse q53", "parse knot/malloc"}, {"parse q53", "parse ldns"},
	    {"encode q53", "encode knot"},	{"encode q53", "encode ldns"},
	};
	printf("\n%-36s %12s %12s\n", "ratio", msgs[0].name, msgs[1].name);
	for (unsigned i = 0; i < sizeof ratios / sizeof ratios[0]; i++) {
		int a = find_case(cases, NCASES, ratios[i][0]), b = find_case(cases, NCASES, ratios[i][1]);
		if (a < 0 || b < 0 || ns[0][a] == 0 || ns[0][b] == 0)
			continue;
		char label[64];
		snprintf(label, sizeof label, "%s / %s", ratios[i][0], ratios[i][1]);
		printf("%-36s %12.3f %12.3f\n", label, ns[0][a] / ns[0][b], ns[1][a] / ns[1][b]);
	}
	return 0;
}
