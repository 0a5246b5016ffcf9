/*
 * q53-zonecheck: reads a zone file as q53d would, reports every error and warning as
 * "file:line:col: message" like a compiler, and with -p prints the zone in canonical order (RFC 4034 6.1)
 * and normalized syntax so that two zone files can be diffed (like named-compilezone).
 * Exit status: 0 the zone loads (warnings allowed), 1 it does not, 2 usage or I/O errors.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "q53/name.h"
#include "q53/print.h"
#include "q53/rdata.h"
#include "zone.h"

/* Diagnostics are kept and shown in file order: the zone checks find problems after the parser. */
typedef struct note {
	unsigned file, line, col, seq;
	char *text;
} note;

typedef struct opts {
	int quiet;
	unsigned warnings;
	note *notes;
	size_t nnotes, cap;
	const char *files[64]; /* files in order of first mention */
	unsigned nfiles;
} opts;

static unsigned file_index(opts *o, const char *file)
{
	for (unsigned i = 0; i < o->nfiles; i++)
		if (strcmp(o->files[i], file) == 0)
			return i;
	if (o->nfiles < 64) {
		o->files[o->nfiles] = strdup(file);
		return o->nfiles++;
	}
	return 64;
}

static void diag(const q53_diag_t *d, void *ctx)
{
	opts *o = ctx;
	char line[1024];
	if (d->level == Q53_DIAG_WARNING)
		o->warnings++;
	if (o->quiet)
		return;
	q53_diag_format(d, line, sizeof line);
	if (o->nnotes == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 64;
		note *n = realloc(o->notes, cap * sizeof *n);
		if (n == NULL) {
			fprintf(stderr, "%s\n", line);
			return;
		}
		o->notes = n;
		o->cap = cap;
	}
	note *n = &o->notes[o->nnotes];
	n->file = file_index(o, d->file);
	n->line = d->line;
	n->col = d->col;
	n->seq = (unsigned)o->nnotes;
	n->text = strdup(line);
	if (n->text != NULL)
		o->nnotes++;
}

static int by_place(const void *a, const void *b)
{
	const note *x = a, *y = b;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void flush(opts *o)
{
	if (o->nnotes > 0) /* qsort's array may not be NULL, even empty */
		qsort(o->notes, o->nnotes, sizeof *o->notes, by_place);
	for (size_t i = 0; i < o->nnotes; i++) {
		fprintf(stderr, "%s\n", o->notes[i].text);
		free(o->notes[i].text);
	}
	free(o->notes);
	for (unsigned i = 0; i < o->nfiles; i++)
		free((void *)(uintptr_t)o->files[i]);
	o->notes = NULL;
	o->nnotes = o->nfiles = 0;
}

static int print_rrset(const uint8_t *owner, const q53_rrset_t *set, void *ctx)
{
	(void)ctx;
	char name[Q53_NAME_TEXT_MAX], type[16], rdata[70000];
	const uint8_t *rd;
	uint16_t len;
	size_t pos = 0;
	q53_name_to_text(owner, name, sizeof name);
	q53_type_to_text(set->type, type, sizeof type);
	while (q53_rrset_next(set, &pos, &rd, &len) > 0) {
		q53_rr_t rr;
		q53_rr_view(&rr, set->type, rd, len);
		q53_rdata_to_text(&rr, NULL, rdata, sizeof rdata);
		printf("%s\t%u\tIN\t%s\t%s\n", name, set->ttl, type, rdata);
	}
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: q53-zonecheck [-o ORIGIN] [-p] [-q] FILE\n"
		   "  -o ORIGIN  the zone's origin (default: the file name without .zone)\n"
		   "  -p         print the zone in canonical order and normalized syntax\n"
		   "  -q         quiet: only the exit status\n");
}

int main(int argc, char **argv)
{
	const char *origin_text = NULL;
	int print = 0, c;
	opts o = {0};
	while ((c = getopt(argc, argv, "o:pqh")) != -1) {
		switch (c) {
		case 'o':
			origin_text = optarg;
			break;
		case 'p':
			print = 1;
			break;
		case 'q':
			o.quiet = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind + 1 != argc) {
		usage(stderr);
		return 2;
	}
	const char *path = argv[optind];
	char guess[Q53_NAME_TEXT_MAX];
	if (origin_text == NULL) {
		const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		size_t n = strlen(base);
		if (n > 5 && strcmp(base + n - 5, ".zone") == 0)
			n -= 5;
		snprintf(guess, sizeof guess, "%.*s.", (int)n, base);
		origin_text = guess;
	}
	uint8_t origin[Q53_NAME_MAX], root[1] = {0};
	int rc = q53_name_from_text(origin_text, strlen(origin_text), root, origin);
	if (rc < 0) {
		fprintf(stderr, "q53-zonecheck: bad origin '%s': %s (give it with -o)\n", origin_text,
			q53_strerror(rc));
		return 2;
	}
	q53_zone_t *z = NULL;
	rc = q53_zone_load(path, origin, diag, &o, &z);
	flush(&o);
	if (rc == Q53_EIO) {
		perror(path);
		return 2;
	}
	char apex[Q53_NAME_TEXT_MAX];
	q53_name_to_text(origin, apex, sizeof apex);
	if (rc != 0 || z == NULL) {
		if (!o.quiet)
			fprintf(stderr, "zone %s/IN: not loaded: %d error%s\n", apex, rc > 0 ? rc : 1,
				rc == 1 ? "" : "s");
		return 1;
	}
	if (print)
		q53_zone_walk(z, print_rrset, NULL);
	else if (!o.quiet)
		printf("zone %s/IN: loaded serial %u (%zu records, %u warning%s)\n", apex, q53_zone_serial(z),
		       q53_zone_records(z), o.warnings, o.warnings == 1 ? "" : "s");
	q53_zone_free(z);
	return 0;
}
