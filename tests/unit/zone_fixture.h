/*
 * Test fixture of tests/unit/test_zone.c and test_lookup.c: builds zones straight through the builder
 * (no parser) from lines "owner ttl [class] type rdata", one record a line, line numbers counted from 1
 * and file "t.zone". Names are relative to the origin unless they end in a dot; "@" is the origin.
 * RDATA goes through the codec's q53_rdata_from_text(). Diagnostics are collected as formatted lines.
 */
#ifndef Q53_ZONE_FIXTURE_H
#define Q53_ZONE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "q53/name.h"
#include "q53/rdata.h"
#include "zone.h"

#define FX_FN static __attribute__((unused))

/* Diagnostics of the last build, formatted by q53_diag_format(), one a line. */
static char fx_diags[1 << 16];
static unsigned fx_errors, fx_warnings;

FX_FN void fx_diag(const q53_diag_t *d, void *ctx)
{
	(void)ctx;
	size_t n = strlen(fx_diags);
	if (n + 1 >= sizeof fx_diags)
		return;
	q53_diag_format(d, fx_diags + n, sizeof fx_diags - n);
	n = strlen(fx_diags);
	snprintf(fx_diags + n, sizeof fx_diags - n, "\n");
	if (d->level == Q53_DIAG_ERROR)
		fx_errors++;
	else
		fx_warnings++;
}

FX_FN void fx_name(const char *text, const uint8_t *origin, uint8_t *out)
{
	if (strcmp(text, "@") == 0 && origin != NULL) {
		memcpy(out, origin, q53_name_len(origin));
		return;
	}
	if (q53_name_from_text(text, strlen(text), origin, out) <= 0) {
		fprintf(stderr, "fixture: bad name '%s'\n", text);
		abort();
	}
}

/* The next space-separated token of *p into tok; returns 0 at the end of the line. */
FX_FN int fx_token(const char **p, char *tok, size_t size)
{
	while (**p == ' ' || **p == '\t')
		(*p)++;
	size_t n = 0;
	while (**p != '\0' && **p != ' ' && **p != '\t' && n + 1 < size)
		tok[n++] = *(*p)++;
	tok[n] = '\0';
	return n > 0;
}

/*
 * Adds the records of text (lines separated by '\n') to b. Returns the number of records the builder
 * refused (q53_zone_builder_add < 0).
 */
FX_FN int fx_add(q53_zone_builder_t *b, const uint8_t *origin, const char *text)
{
	int refused = 0;
	unsigned line = 0;
	while (*text != '\0') {
		const char *end = strchr(text, '\n');
		size_t len = end ? (size_t)(end - text) : strlen(text);
		char buf[4096], tok[Q53_NAME_TEXT_MAX];
		memcpy(buf, text, len);
		buf[len] = '\0';
		text += len + (end != NULL);
		line++;
		const char *p = buf;
		if (!fx_token(&p, tok, sizeof tok))
			continue;
		uint8_t owner[Q53_NAME_MAX], rdata[65535];
		fx_name(tok, origin, owner);
		fx_token(&p, tok, sizeof tok);
		uint32_t ttl = (uint32_t)strtoul(tok, NULL, 10);
		fx_token(&p, tok, sizeof tok);
		int rclass = q53_class_from_text(tok, strlen(tok));
		if (rclass >= 0)
			fx_token(&p, tok, sizeof tok);
		else
			rclass = Q53_CLASS_IN;
		int type = q53_type_from_text(tok, strlen(tok));
		while (*p == ' ')
			p++;
		int rdlen = type < 0 ? type
				     : q53_rdata_from_text((uint16_t)type, p, strlen(p), origin, rdata,
							   sizeof rdata, NULL);
		if (type < 0 || rdlen < 0) {
			fprintf(stderr, "fixture: bad record at line %u: %s (%d)\n", line, buf, rdlen);
			abort();
		}
		q53_zrr_t rr = {
		    owner, (uint16_t)type, (uint16_t)rclass, ttl, (uint16_t)rdlen, rdata, "t.zone", line, 0};
		if (q53_zone_builder_add(b, &rr, fx_diag, NULL) < 0)
			refused++;
	}
	return refused;
}

/* Builds a zone of apex origin_text from text. Returns q53_zone_builder_finish()'s result. */
FX_FN int fx_build(const char *origin_text, const char *text, q53_zone_t **z)
{
	uint8_t origin[Q53_NAME_MAX];
	fx_name(origin_text, NULL, origin);
	fx_diags[0] = '\0';
	fx_errors = fx_warnings = 0;
	q53_zone_builder_t *b = q53_zone_builder_new(origin);
	if (b == NULL)
		abort();
	fx_add(b, origin, text);
	return q53_zone_builder_finish(b, fx_diag, NULL, z);
}

#endif
