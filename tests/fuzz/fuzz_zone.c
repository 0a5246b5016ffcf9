/*
 * Fuzz target for the master-file parser (RFC 1035 5, RFC 2308 $TTL, RFC 3597 generic RDATA, $GENERATE)
 * and, as q53_zone_load() chains them, the zone builder and the lookup (RFC 1034 4.3.2, RFC 4592) over what
 * was parsed.
 *
 * The input is zone text. A first line "; origin NAME." (a comment to the parser) picks the apex, so that
 * seeds keep their own origin; example.com. otherwise. Checked beyond "no crash":
 * - every record handed out has a valid owner, RDATA that fits its type (RFC 3597 for the rest), class IN,
 *   a TTL within RFC 2181 8, and the file:line:col of a line of the input and a column within it;
 * - every parser diagnostic is "file:line:col: level: message" (zone.h): the input's name, an existing line,
 *   a column within that line (0 for the whole line), and q53_diag_format() keeps the snprintf contract;
 *   the parser's return is the number of errors it reported;
 * - a zone that builds answers q53_zone_lookup() for its apex SOA with that one SOA, and its serial is the
 *   SOA's; it walks in canonical order (RFC 4034 6.1), and every RRset the walk shows is found by a lookup
 *   that answers the same with and without the caller's in-zone promise and the precomputed hash.
 * $INCLUDE would read files: the target parses with no_include, which refuses it (an error at the
 * directive, checked like any other diagnostic). Records stop after RECORDS_MAX, as a
 * $GENERATE of a million names would make a run minutes long without reaching new code.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "q53/name.h"
#include "q53/rdata.h"
#include "fuzz.h"
#include "zone.h"

enum { RECORDS_MAX = 3000, LOOKUPS_MAX = 200, MAX_ERRORS = 20 };

static const char FILE_NAME[] = "fuzz.zone";

typedef struct run {
	const char *text;
	size_t len;
	unsigned lines; /* lines of the input: a diagnostic or a record names one of them */
	q53_zone_builder_t *b;
	unsigned records;
	unsigned parse_errors; /* error diagnostics of the parser */
	bool gave_up;	       /* the parser said "too many errors" */
	unsigned lookups;
} run;

/* Characters of line number line (1-based) of the input, counted as report() counts columns. */
static unsigned line_chars(const run *r, unsigned line)
{
	size_t i = 0;
	for (unsigned l = 1; l < line && i < r->len; i++)
		if (r->text[i] == '\n')
			l++;
	unsigned n = 0;
	for (; i < r->len && r->text[i] != '\n'; i++)
		n += ((uint8_t)r->text[i] & 0xC0) != 0x80;
	return n;
}

typedef struct diag_arg {
	const q53_diag_t *d;
} diag_arg;

static int render_diag(const void *arg, char *buf, size_t size)
{
	return q53_diag_format(((const diag_arg *)arg)->d, buf, size);
}

/* The formatted diagnostic starts with the location its fields give. */
static void check_format(const q53_diag_t *d)
{
	diag_arg a = {d};
	char *text = NULL;
	int n = fuzz_render(render_diag, &a, 64, &text);
	CHECK(n > 0 && text != NULL);
	char head[128];
	const char *lvl = d->level == Q53_DIAG_ERROR ? "error" : "warning";
	if (d->line == 0)
		snprintf(head, sizeof head, "%s: %s: ", d->file, lvl);
	else if (d->col > 0)
		snprintf(head, sizeof head, "%s:%u:%u: %s: ", d->file, d->line, d->col, lvl);
	else
		snprintf(head, sizeof head, "%s:%u: %s: ", d->file, d->line, lvl);
	CHECK(strncmp(text, head, strlen(head)) == 0);
	CHECK(strcmp(text + strlen(head), d->msg) == 0);
	free(text);
}

static void parse_diag(const q53_diag_t *d, void *ctx)
{
	run *r = ctx;
	CHECK(d->level == Q53_DIAG_ERROR || d->level == Q53_DIAG_WARNING);
	CHECK(d->file != NULL && strcmp(d->file, FILE_NAME) == 0);
	CHECK(d->msg != NULL && d->msg[0] != '\0');
	/* A parser diagnostic is about a line of the file, never about the whole zone. */
	CHECK(d->line >= 1 && d->line <= r->lines);
	CHECK(d->col <= line_chars(r, d->line) + 1);
	check_format(d);
	if (d->level == Q53_DIAG_ERROR) {
		if (strcmp(d->msg, "too many errors, giving up") == 0) {
			CHECK(!r->gave_up && r->parse_errors == MAX_ERRORS);
			r->gave_up = true;
		} else {
			/* Nothing after "giving up": the parse stops at max_errors. */
			CHECK(!r->gave_up);
			r->parse_errors++;
		}
	}
}

/*
 * The builder's and the zone checks' diagnostics: file:line:col of a record (where its first token is; the
 * builder keeps 255 for columns beyond), or about the zone (line and column 0).
 */
static void build_diag(const q53_diag_t *d, void *ctx)
{
	run *r = ctx;
	CHECK(d->level == Q53_DIAG_ERROR || d->level == Q53_DIAG_WARNING);
	CHECK(d->file != NULL && d->msg != NULL && d->msg[0] != '\0');
	CHECK(strcmp(d->file, FILE_NAME) == 0 || (strcmp(d->file, "-") == 0 && d->line == 0));
	CHECK(d->line <= r->lines);
	CHECK(d->line == 0 ? d->col == 0 : d->col >= 1 && d->col <= line_chars(r, d->line) + 1);
	check_format(d);
}

static int add(const q53_zrr_t *rr, void *ctx)
{
	run *r = ctx;
	CHECK(rr->owner != NULL && q53_name_check(rr->owner, Q53_NAME_MAX) == (int)q53_name_len(rr->owner));
	CHECK(rr->rdlength == 0 || rr->rdata != NULL);
	CHECK(q53_rdata_check(rr->type, rr->rdata, rr->rdlength) == 0);
	CHECK(rr->rclass == Q53_CLASS_IN && rr->ttl <= 0x7FFFFFFFu);
	CHECK(rr->file != NULL && strcmp(rr->file, FILE_NAME) == 0);
	CHECK(rr->line >= 1 && rr->line <= r->lines);
	CHECK(rr->col >= 1 && rr->col <= line_chars(r, rr->line) + 1);
	if (++r->records > RECORDS_MAX)
		return Q53_ENOSPACE;
	int rc = q53_zone_builder_add(r->b, rr, build_diag, r);
	return rc == Q53_ENOMEM ? rc : 0;
}

static void same_answer(const q53_answer_t *a, const q53_answer_t *b)
{
	CHECK(a->kind == b->kind && a->n == b->n);
	for (unsigned i = 0; i < a->n; i++) {
		CHECK(a->item[i].section == b->item[i].section && a->item[i].set == b->item[i].set);
		CHECK(q53_name_equal(a->item[i].owner, b->item[i].owner));
	}
}

/* What a lookup collected is well formed: RRsets of the zone under valid owners, in the reply's sections.
 */
static void check_answer(const q53_answer_t *a)
{
	CHECK(a->kind <= Q53_LOOKUP_REFERRAL && a->n <= Q53_ANSWER_MAX &&
	      a->nsynth <= Q53_CNAME_CHAIN_MAX + 1);
	for (unsigned i = 0; i < a->n; i++) {
		const q53_answer_item_t *it = &a->item[i];
		CHECK(it->section >= Q53_SEC_ANSWER && it->section <= Q53_SEC_ADDITIONAL);
		CHECK(it->set != NULL && it->set->count > 0);
		CHECK(q53_name_check(it->owner, Q53_NAME_MAX) == (int)q53_name_len(it->owner));
	}
}

/* Looks name/type up three ways that must agree; returns the first answer in *a. */
static void lookup3(const q53_zone_t *z, const uint8_t *name, uint16_t type, unsigned flags, q53_answer_t *a)
{
	static q53_answer_t b, c;
	CHECK(q53_zone_lookup(z, name, type, flags, a) == 0);
	check_answer(a);
	CHECK(q53_zone_lookup(z, name, type, flags | Q53_LOOKUP_IN_ZONE, &b) == 0);
	same_answer(a, &b);
	CHECK(q53_zone_lookup_hashed(z, name, q53_name_hash(name), type, flags, &c) == 0);
	same_answer(a, &c);
}

typedef struct walk_ctx {
	run *r;
	const q53_zone_t *z;
	uint8_t prev[Q53_NAME_MAX];
	bool have_prev;
	uint32_t prev_key; /* type << 16, and for RRSIG the type covered */
	size_t records;
} walk_ctx;

static int walk(const uint8_t *owner, const q53_rrset_t *set, void *ctx)
{
	walk_ctx *w = ctx;
	CHECK(q53_name_check(owner, Q53_NAME_MAX) == (int)q53_name_len(owner));
	CHECK(q53_name_is_sub(owner, q53_zone_apex(w->z)));
	/* RFC 4034 6.1 order of owners, then types, with no RRset twice; the RRSIGs of a name are a set per
	 * type covered (RFC 4034 3), in that order. */
	uint32_t key = q53_rrset_set_key(set);
	if (w->have_prev) {
		int cmp = q53_name_compare(w->prev, owner);
		CHECK(cmp < 0 || (cmp == 0 && w->prev_key < key));
	}
	memcpy(w->prev, owner, q53_name_len(owner));
	w->have_prev = true;
	w->prev_key = key;
	/* The RRset holds count well-formed RDATA, back to back. */
	CHECK(set->count > 0 && set->ttl <= 0x7FFFFFFFu);
	size_t pos = 0;
	const uint8_t *rd;
	uint16_t len;
	unsigned n = 0;
	while (q53_rrset_next(set, &pos, &rd, &len) == 1) {
		CHECK(q53_rdata_check(set->type, rd, len) == 0);
		n++;
	}
	CHECK(n == set->count);
	w->records += n;
	if (w->r->lookups++ < LOOKUPS_MAX) {
		/* A name that owns data exists: it is answered, or referred below a cut. Not the hashed
		 * owners of an NSEC3 chain, which RFC 5155 7.2.8 answers as names that do not exist. */
		static q53_answer_t a;
		bool hashed =
		    q53_zone_signed(w->z) && (set->type == Q53_TYPE_NSEC3 || set->type == Q53_TYPE_RRSIG);
		lookup3(w->z, owner, set->type, 0, &a);
		CHECK(a.kind != Q53_LOOKUP_NXDOMAIN || hashed);
		lookup3(w->z, owner, Q53_TYPE_ANY, Q53_LOOKUP_NO_MINIMAL, &a);
		CHECK(a.kind != Q53_LOOKUP_NXDOMAIN || hashed);
		lookup3(w->z, owner, set->type, Q53_LOOKUP_DNSSEC, &a);
		CHECK(a.kind != Q53_LOOKUP_NXDOMAIN || hashed);
	}
	return 0;
}

/* The checks on a zone the builder accepted. */
static void check_zone(run *r, const q53_zone_t *z, const uint8_t *origin)
{
	const uint8_t *apex = q53_zone_apex(z);
	CHECK(apex != NULL && q53_name_equal(apex, origin));
	static q53_answer_t a;
	CHECK(q53_zone_lookup(z, apex, Q53_TYPE_SOA, 0, &a) == 0);
	check_answer(&a);
	CHECK(a.kind == Q53_LOOKUP_ANSWER && a.n >= 1);
	const q53_answer_item_t *soa = &a.item[0];
	CHECK(soa->section == Q53_SEC_ANSWER && soa->set->type == Q53_TYPE_SOA && soa->set->count == 1);
	CHECK(q53_name_equal(soa->owner, apex));
	size_t pos = 0;
	const uint8_t *rd;
	uint16_t len;
	CHECK(q53_rrset_next(soa->set, &pos, &rd, &len) == 1 && len >= 22);
	CHECK(q53_get32(rd + len - 20) == q53_zone_serial(z));

	static walk_ctx w;
	memset(&w, 0, sizeof w);
	w.r = r;
	w.z = z;
	CHECK(q53_zone_walk(z, walk, &w) == 0);
	CHECK(w.records == q53_zone_records(z));

	/* A name the zone does not hold, and a deep one: any kind, but a well-formed answer. */
	uint8_t name[Q53_NAME_MAX];
	size_t alen = q53_name_len(apex);
	static const char label[] = "\x0a"
				    "zz-nx-fuzz";
	if (alen + sizeof label - 1 <= Q53_NAME_MAX) {
		memcpy(name, label, sizeof label - 1);
		memcpy(name + sizeof label - 1, apex, alen);
		lookup3(z, name, Q53_TYPE_A, 0, &a);
		lookup3(z, name, Q53_TYPE_A, Q53_LOOKUP_DNSSEC, &a);
	}
}

/* With no_include no file is ever read: being told of one is a failure. */
static void opened(const char *path, const struct stat *st, void *ctx)
{
	(void)path, (void)st, (void)ctx;
	CHECK(false && "a file was opened despite no_include");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t example[] = "\7example\3com";
	uint8_t origin[Q53_NAME_MAX];
	memcpy(origin, example, sizeof example);
	static const char tag[] = "; origin ";
	if (size > sizeof tag - 1 && memcmp(data, tag, sizeof tag - 1) == 0) {
		const char *s = (const char *)data + sizeof tag - 1;
		const char *nl = memchr(s, '\n', size - (sizeof tag - 1));
		size_t n = nl != NULL ? (size_t)(nl - s) : size - (sizeof tag - 1);
		if (q53_name_from_text(s, n, NULL, origin) <= 0)
			memcpy(origin, example, sizeof example);
	}
	/* A copy of exactly the input's size, so a read past it is still caught. */
	char *text = malloc(size > 0 ? size : 1);
	CHECK(text != NULL);
	memcpy(text, data, size);

	static run r;
	memset(&r, 0, sizeof r);
	r.text = text;
	r.len = size;
	r.lines = 1;
	for (size_t i = 0; i < size; i++)
		r.lines += text[i] == '\n';
	/* A final newline ends the last line rather than starting one. */
	if (size > 0 && text[size - 1] == '\n')
		r.lines--;
	r.lines = r.lines > 0 ? r.lines : 1;
	r.b = q53_zone_builder_new(origin);
	CHECK(r.b != NULL);
	q53_parse_opts_t opts = {.origin = origin,
				 .max_errors = MAX_ERRORS,
				 .no_include = true,
				 .diag = parse_diag,
				 .diag_ctx = &r,
				 .file_fn = opened};
	int rc = q53_zone_parse_mem(FILE_NAME, text, size, &opts, add, &r);
	if (r.records > RECORDS_MAX) {
		/* Stopped by us: the callback's error comes back when the file had no error before. */
		CHECK(rc == Q53_ENOSPACE || (rc > 0 && (unsigned)rc == r.parse_errors));
	} else {
		CHECK(rc >= 0 && (unsigned)rc == r.parse_errors);
		CHECK(r.gave_up == (r.parse_errors == MAX_ERRORS));
	}
	/* The builder also gets the records of a file with errors (q53_zone_load would stop there): the zone
	 * checks and the lookup see more shapes that way, and whatever they accept must hold up. */
	q53_zone_t *z = NULL;
	int brc = q53_zone_builder_finish(r.b, build_diag, &r, &z);
	CHECK(brc >= 0 || brc == Q53_ENOMEM);
	CHECK((brc == 0) == (z != NULL));
	if (z != NULL) {
		check_zone(&r, z, origin);
		q53_zone_free(z);
	}
	free(text);
	return 0;
}
