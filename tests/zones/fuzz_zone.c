/*
 * Fuzz target for the zone parser and builder: any text must parse without a crash or a read past the
 * input, every record the parser yields must have RDATA that fits its type's layout, and the builder must
 * take whatever the parser gives (and, when the zone loads, walk it in canonical order). $INCLUDE is left
 * out: it reads other files, which would make runs depend on the machine.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "q53/name.h"
#include "q53/rdata.h"
#include "../fuzz/fuzz.h"
#include "zone.h"

static int add(const q53_zrr_t *rr, void *ctx)
{
	CHECK(q53_name_check(rr->owner, Q53_NAME_MAX) > 0);
	CHECK(q53_rdata_check(rr->type, rr->rdata, rr->rdlength) == 0);
	q53_zone_builder_add(ctx, rr, NULL, NULL);
	return 0;
}

static int walk(const uint8_t *owner, const q53_rrset_t *set, void *ctx)
{
	uint8_t *prev = ctx;
	if (prev[0] != 0xFF)
		CHECK(q53_name_compare(prev, owner) <= 0);
	memcpy(prev, owner, q53_name_len(owner));
	CHECK(set->count > 0);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (size_t i = 0; i + 8 <= size; i++)
		if (strncasecmp((const char *)data + i, "$INCLUDE", 8) == 0)
			return 0;
	static const uint8_t origin[] = "\7example\0";
	q53_parse_opts_t opts = {.origin = origin, .max_errors = 20};
	q53_zone_builder_t *b = q53_zone_builder_new(origin);
	if (b == NULL)
		return 0;
	q53_zone_parse_mem("fuzz.zone", (const char *)data, size, &opts, add, b);
	q53_zone_t *z = NULL;
	if (q53_zone_builder_finish(b, NULL, NULL, &z) == 0 && z != NULL) {
		uint8_t prev[Q53_NAME_MAX];
		prev[0] = 0xFF;
		q53_zone_walk(z, walk, prev);
		q53_answer_t a;
		static const uint8_t www[] = "\3www\7example\0";
		q53_zone_lookup(z, www, Q53_TYPE_A, 0, &a);
		q53_zone_free(z);
	}
	return 0;
}
