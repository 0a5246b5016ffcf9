/*
 * Differential test of the zone parser against ldns (ldns_zone_new_frm_fp): every valid zone of the corpus
 * in tests/data/zones/good must give the same records (owner, type, TTL, RDATA in wire form) from both.
 * ldns does not read $INCLUDE, so the test inlines included files first (with $ORIGIN around them as
 * RFC 1035 5.1 scopes them); zones using $GENERATE, which ldns does not know, are compared against q53's
 * own expected output by tests/zones/corpus.sh instead.
 */
#include "config.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <ldns/ldns.h>

#include "q53/name.h"
#include "zone.h"

typedef struct rec {
	uint8_t owner[Q53_NAME_MAX];
	uint16_t type;
	uint32_t ttl;
	uint16_t rdlen;
	uint8_t rdata[1024];
} rec;

typedef struct list {
	rec *r;
	size_t n, cap;
} list;

static rec *add(list *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->r = realloc(l->r, l->cap * sizeof *l->r);
		assert_non_null(l->r);
	}
	memset(&l->r[l->n], 0, sizeof l->r[l->n]);
	return &l->r[l->n++];
}

static int cmp(const void *a, const void *b)
{
	const rec *x = a, *y = b;
	int c = q53_name_compare(x->owner, y->owner);
	if (c)
		return c;
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	if (x->rdlen != y->rdlen)
		return x->rdlen < y->rdlen ? -1 : 1;
	return memcmp(x->rdata, y->rdata, x->rdlen);
}

static int on_rr(const q53_zrr_t *rr, void *ctx)
{
	rec *r = add(ctx);
	memcpy(r->owner, rr->owner, q53_name_len(rr->owner));
	q53_name_lower(r->owner);
	r->type = rr->type;
	r->ttl = rr->ttl;
	assert_true(rr->rdlength <= sizeof r->rdata);
	r->rdlen = rr->rdlength;
	memcpy(r->rdata, rr->rdata, rr->rdlength);
	return 0;
}

static void from_ldns(list *l, const ldns_rr *rr)
{
	rec *r = add(l);
	ldns_rdf *o = ldns_rr_owner(rr);
	memcpy(r->owner, ldns_rdf_data(o), ldns_rdf_size(o));
	q53_name_lower(r->owner);
	r->type = (uint16_t)ldns_rr_get_type(rr);
	r->ttl = ldns_rr_ttl(rr);
	ldns_buffer *b = ldns_buffer_new(1024);
	assert_int_equal(ldns_rr_rdata2buffer_wire(b, rr), LDNS_STATUS_OK);
	r->rdlen = (uint16_t)ldns_buffer_position(b);
	memcpy(r->rdata, ldns_buffer_begin(b), r->rdlen);
	ldns_buffer_free(b);
}

/* Appends path's text to out, inlining $INCLUDE lines (the file is relative to path's directory). */
static void inline_includes(const char *path, const char *origin, FILE *out)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[4096];
	if (origin)
		fprintf(out, "$ORIGIN %s\n", origin);
	char current[512] = "";
	if (origin)
		snprintf(current, sizeof current, "%s", origin);
	while (fgets(line, sizeof line, f)) {
		char file[512], org[512];
		int n = sscanf(line, "$INCLUDE %511s %511s", file, org);
		if (n >= 1) {
			char sub[1100];
			const char *slash = strrchr(path, '/');
			snprintf(sub, sizeof sub, "%.*s/%s", (int)(slash - path), path, file);
			inline_includes(sub, n == 2 ? org : NULL, out);
			if (current[0])
				fprintf(out, "$ORIGIN %s\n", current);
			continue;
		}
		if (sscanf(line, "$ORIGIN %511s", org) == 1)
			snprintf(current, sizeof current, "%s", org);
		fputs(line, out);
	}
	fclose(f);
}

static size_t compare_zone(const char *path)
{
	char origin_text[512];
	const char *base = strrchr(path, '/') + 1;
	snprintf(origin_text, sizeof origin_text, "%.*s.", (int)(strlen(base) - 5), base);
	uint8_t origin[Q53_NAME_MAX];
	assert_true(q53_name_from_text(origin_text, strlen(origin_text), NULL, origin) > 0);

	list ours = {0}, theirs = {0};
	q53_parse_opts_t opts = {.origin = origin};
	assert_int_equal(q53_zone_parse(path, &opts, on_rr, &ours), 0);

	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	inline_includes(path, NULL, mem);
	fclose(mem);
	FILE *f = fmemopen(text, len, "r");
	ldns_zone *z = NULL;
	int line = 0;
	ldns_rdf *o = ldns_dname_new_frm_str(origin_text);
	ldns_status st = ldns_zone_new_frm_fp_l(&z, f, o, 3600, LDNS_RR_CLASS_IN, &line);
	if (st != LDNS_STATUS_OK)
		fail_msg("%s: ldns: %s at line %d", path, ldns_get_errorstr_by_id(st), line);
	fclose(f);
	free(text);
	if (ldns_zone_soa(z))
		from_ldns(&theirs, ldns_zone_soa(z));
	for (size_t i = 0; i < ldns_rr_list_rr_count(ldns_zone_rrs(z)); i++)
		from_ldns(&theirs, ldns_rr_list_rr(ldns_zone_rrs(z), i));

	qsort(ours.r, ours.n, sizeof *ours.r, cmp);
	qsort(theirs.r, theirs.n, sizeof *theirs.r, cmp);
	if (ours.n != theirs.n)
		fail_msg("%s: q53 read %zu records, ldns %zu", path, ours.n, theirs.n);
	for (size_t i = 0; i < ours.n; i++) {
		char a[Q53_NAME_TEXT_MAX];
		q53_name_to_text(ours.r[i].owner, a, sizeof a);
		if (cmp(&ours.r[i], &theirs.r[i]) != 0 || ours.r[i].ttl != theirs.r[i].ttl)
			fail_msg("%s: record %zu (%s type %u) differs from ldns's", path, i, a,
				 ours.r[i].type);
	}
	size_t n = ours.n;
	free(ours.r);
	free(theirs.r);
	ldns_rdf_deep_free(o);
	ldns_zone_deep_free(z);
	return n;
}

static void test_zone_ldns_corpus(void **state)
{
	(void)state;
	const char *top = getenv("top_srcdir");
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/tests/data/zones/good", top ? top : "..");
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	size_t zones = 0, records = 0;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 6 || strcmp(e->d_name + n - 5, ".zone") != 0)
			continue;
		char path[2048];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		/* ldns has no $GENERATE. */
		FILE *f = fopen(path, "r");
		char buf[65536];
		size_t got = fread(buf, 1, sizeof buf - 1, f);
		buf[got] = '\0';
		fclose(f);
		if (strstr(buf, "\n$GENERATE"))
			continue;
		records += compare_zone(path);
		zones++;
	}
	closedir(d);
	assert_true(zones >= 3);
	print_message("compared %zu zones, %zu records, with ldns\n", zones, records);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_zone_ldns_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
