/*
 * Unit tests for zones/lookup.c: every outcome of RFC 1034 4.3.2 (exact answer, NODATA, NXDOMAIN, empty
 * non-terminals, referrals with glue in and out of the cut, DS at a cut per RFC 4035 3.1.4.1, CNAME chains,
 * loops and limits), the examples of RFC 4592 2.2.1, additional addresses, ANY, minimal responses, and the
 * zone set's choice of the longest apex. Each answer is compared whole: kind, then every item's section,
 * owner, type and count. DNSSEC (Q53_LOOKUP_DNSSEC): the NSEC3 hash against RFC 5155 Appendix A, and the
 * examples of RFC 4035 Appendix B (NSEC) and RFC 5155 Appendix B (NSEC3, opt-out) on their zones, signed
 * anew (tests/data/dnssec/make.sh); the answers are those NSD gives for the same files.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>

#include "zone_fixture.h"
#include "zones_int.h"

static const char base_zone[] = "@ 3600 SOA ns1 hostmaster 1 7200 900 1209600 300\n"
				"@ 3600 NS ns1\n"
				"@ 3600 NS ns2.sub\n"
				"ns1 3600 A 192.0.2.1\n"
				"ns1 3600 AAAA 2001:db8::1\n"
				"www 300 A 192.0.2.10\n"
				"www 300 TXT hello\n"
				"a.b.c.ent 300 A 192.0.2.20\n"
				"sub 3600 NS ns1.sub\n"
				"sub 3600 NS ns2.sub\n"
				"sub 3600 NS ns.other\n"
				"sub 3600 NS ns1\n"
				"sub 3600 NS ns.example.net.\n"
				"sub 3600 DS 12345 8 2 abcdef\n"
				"ns1.sub 3600 A 192.0.2.53\n"
				"ns2.sub 3600 AAAA 2001:db8::53\n"
				"other 3600 NS ns.other\n"
				"ns.other 3600 A 192.0.2.54\n"
				"nods 3600 NS ns.other\n"
				"mail 300 A 192.0.2.25\n"
				"@ 300 MX 10 mail\n"
				"@ 300 MX 20 mail.example.net.\n"
				"@ 300 MX 30 ns1.sub\n"
				"_sip._tcp 300 SRV 0 5 5060 www\n"
				"_sip._tcp 300 SRV 0 5 5060 mail\n"
				"c1 300 CNAME c2\n"
				"c2 300 CNAME www\n"
				"loop1 300 CNAME loop2\n"
				"loop2 300 CNAME loop1\n"
				"self 300 CNAME self\n"
				"ext 300 CNAME www.example.net.\n"
				"dangling 300 CNAME nothere\n"
				"toent 300 CNAME c.ent\n"
				"todeleg 300 CNAME host.sub\n"
				"*.wc 300 CNAME www\n"
				"*.wl 300 CNAME a.wl\n"
				"*.wd 3600 NS ns.other\n"
				"chain0 300 CNAME chain1\n"
				"chain1 300 CNAME chain2\n"
				"chain2 300 CNAME chain3\n"
				"chain3 300 CNAME chain4\n"
				"chain4 300 CNAME chain5\n"
				"chain5 300 CNAME chain6\n"
				"chain6 300 CNAME chain7\n"
				"chain7 300 CNAME chain8\n"
				"chain8 300 CNAME chain9\n"
				"chain9 300 CNAME chain10\n"
				"chain10 300 A 192.0.2.100\n"
				"d 300 DNAME example.net.\n"
				"x.d 300 A 192.0.2.111\n"
				"sub.d 300 NS ns.other\n"
				"tod 300 CNAME y.d\n"
				"dn.sub 300 DNAME example.org.\n";

/* RFC 4592 2.2.1, with RDATA for its placeholders. */
static const char rfc4592_zone[] =
    "example. 3600 SOA ns.example.com. hostmaster.example.com. 1 7200 900 1209600 300\n"
    "example. 3600 NS ns.example.com.\n"
    "example. 3600 NS ns.example.net.\n"
    "*.example. 3600 TXT \"this is a wildcard\"\n"
    "*.example. 3600 MX 10 host1.example.\n"
    "sub.*.example. 3600 TXT \"this is not a wildcard\"\n"
    "host1.example. 3600 A 192.0.2.1\n"
    "_ssh._tcp.host1.example. 3600 SRV 0 0 22 host1.example.\n"
    "_ssh._tcp.host2.example. 3600 SRV 0 0 22 host2.example.\n"
    "subdel.example. 3600 NS ns.example.com.\n"
    "subdel.example. 3600 NS ns.example.net.\n";

static q53_zone_t *zone_of(const char *origin, const char *text)
{
	q53_zone_t *z = NULL;
	assert_int_equal(fx_build(origin, text, &z), 0);
	assert_non_null(z);
	return z;
}

static int setup_base(void **state)
{
	*state = zone_of("example.", base_zone);
	return 0;
}

static int setup_rfc4592(void **state)
{
	*state = zone_of("example.", rfc4592_zone);
	return 0;
}

static int teardown(void **state)
{
	q53_zone_free(*state);
	return 0;
}

static q53_answer_t ans;

/* The answer as text: the kind, then "sec owner TYPE count" for every item, one a line. */
static const char *show(const q53_answer_t *a)
{
	static char out[8192];
	static const char *const kinds[] = {"ANSWER", "NODATA", "NXDOMAIN", "REFERRAL"};
	static const char *const secs[] = {"qd", "an", "au", "ad"};
	size_t n = (size_t)snprintf(out, sizeof out, "%s", kinds[a->kind]);
	for (unsigned i = 0; i < a->n; i++) {
		char o[Q53_NAME_TEXT_MAX], t[16];
		q53_name_to_text(a->item[i].owner, o, sizeof o);
		q53_type_to_text(a->item[i].set->type, t, sizeof t);
		n += (size_t)snprintf(out + n, sizeof out - n, "\n%s %s %s %u%s", secs[a->item[i].section], o,
				      t, a->item[i].set->count, a->item[i].sig != NULL ? " +sig" : "");
	}
	return out;
}

static const char *look_flags(const q53_zone_t *z, const char *qname, uint16_t qtype, unsigned flags)
{
	uint8_t name[Q53_NAME_MAX];
	fx_name(qname, NULL, name);
	memset(&ans, 0xA5, sizeof ans);
	assert_int_equal(q53_zone_lookup(z, name, qtype, flags, &ans), 0);
	return show(&ans);
}

/* Every lookup twice: checked against the apex, and as the server asks (Q53_LOOKUP_IN_ZONE): the same. */
static const char *look(const q53_zone_t *z, const char *qname, uint16_t qtype)
{
	static char checked[8192];
	snprintf(checked, sizeof checked, "%s", look_flags(z, qname, qtype, 0));
	const char *known = look_flags(z, qname, qtype, Q53_LOOKUP_IN_ZONE);
	assert_string_equal(checked, known);
	return known;
}

/* A lookup with DO (both ways too); the items show " +sig" when their RRSIGs come with them. */
static const char *look_do(const q53_zone_t *z, const char *qname, uint16_t qtype)
{
	static char checked[8192];
	snprintf(checked, sizeof checked, "%s", look_flags(z, qname, qtype, Q53_LOOKUP_DNSSEC));
	const char *known = look_flags(z, qname, qtype, Q53_LOOKUP_DNSSEC | Q53_LOOKUP_IN_ZONE);
	assert_string_equal(checked, known);
	return known;
}

#define NEG_SOA "\nau example. SOA 1"
#define SUB_REFERRAL                   \
	"REFERRAL\n"                   \
	"au sub.example. NS 5\n"       \
	"au sub.example. DS 1\n"       \
	"ad ns1.sub.example. A 1\n"    \
	"ad ns2.sub.example. AAAA 1\n" \
	"ad ns.other.example. A 1\n"   \
	"ad ns1.example. A 1\n"        \
	"ad ns1.example. AAAA 1"

static void test_lookup_exact(void **state)
{
	const q53_zone_t *z = *state;
	assert_string_equal(look(z, "www.example.", Q53_TYPE_A), "ANSWER\nan www.example. A 1");
	assert_string_equal(look(z, "www.example.", Q53_TYPE_TXT), "ANSWER\nan www.example. TXT 1");
	assert_int_equal(ans.nsynth, 0);
	assert_string_equal(look(z, "example.", Q53_TYPE_SOA), "ANSWER\nan example. SOA 1");
	/* The RRset points into the snapshot: the RDATA is the record's. */
	look(z, "www.example.", Q53_TYPE_A);
	assert_memory_equal(ans.item[0].set->data, "\0\4\300\0\2\12", 6);
	assert_int_equal(ans.item[0].set->ttl, 300);
}

static void test_lookup_case_insensitive(void **state)
{
	const q53_zone_t *z = *state;
	assert_string_equal(look(z, "WWW.ExAmPlE.", Q53_TYPE_A), "ANSWER\nan www.example. A 1");
	assert_string_equal(look(z, "A.B.C.ENT.EXAMPLE.", Q53_TYPE_A), "ANSWER\nan a.b.c.ent.example. A 1");
	assert_string_equal(look(z, "HOST.SUB.EXAMPLE.", Q53_TYPE_A), SUB_REFERRAL);
}

static void test_lookup_nodata(void **state)
{
	const q53_zone_t *z = *state;
	assert_string_equal(look(z, "www.example.", Q53_TYPE_AAAA), "NODATA" NEG_SOA);
	/* Asking for the CNAME type of a name without one is NODATA too. */
	assert_string_equal(look(z, "www.example.", Q53_TYPE_CNAME), "NODATA" NEG_SOA);
	/* RFC 4035 3.1.4.1 does not apply at the apex: this zone has no DS for itself. */
	assert_string_equal(look(z, "example.", Q53_TYPE_DS), "NODATA" NEG_SOA);
}

static void test_lookup_nxdomain(void **state)
{
	const q53_zone_t *z = *state;
	assert_string_equal(look(z, "nope.example.", Q53_TYPE_A), "NXDOMAIN" NEG_SOA);
	assert_string_equal(look(z, "deep.nope.example.", Q53_TYPE_A), "NXDOMAIN" NEG_SOA);
	assert_string_equal(look(z, "x.www.example.", Q53_TYPE_A), "NXDOMAIN" NEG_SOA);
	/* Below an alias is not the alias: no DNAME, no wildcard, so the name does not exist. */
	assert_string_equal(look(z, "x.c1.example.", Q53_TYPE_A), "NXDOMAIN" NEG_SOA);
}

/* RFC 4592 2.2.2, RFC 8020: an empty non-terminal exists, so it answers NODATA. */
static void test_lookup_empty_non_terminal(void **state)
{
	const q53_zone_t *z = *state;
	assert_string_equal(look(z, "c.ent.example.", Q53_TYPE_A), "NODATA" NEG_SOA);
	assert_string_equal(look(z, "ent.example.", Q53_TYPE_A), "NODATA" NEG_SOA);
	assert_string_equal(look(z, "B.c.ent.example.", Q53_TYPE_ANY), "NODATA" NEG_SOA);
	assert_string_equal(look(z, "_tcp.example.", Q53_TYPE_SRV), "NODATA" NEG_SOA);
	assert_string_equal(look(z, "x.c.ent.example.", Q53_TYPE_A), "NXDOMAIN" NEG_SOA);
}

/* RFC 1034 4.3.2 step 3b: glue below the cut, below another cut, and an address in the zone proper. */
static void test_lookup_referral(void **state)
{
	const q53_zone_t *z = *state;
	assert_string_equal(look(z, "host.sub.example.", Q53_TYPE_A), SUB_REFERRAL);
	/* At the cut itself every type but DS is a referral, NS included (the child is authoritative). */
	assert_string_equal(look(z, "sub.example.", Q53_TYPE_A), SUB_REFERRAL);
	assert_string_equal(look(z, "sub.example.", Q53_TYPE_NS), SUB_REFERRAL);
	assert_string_equal(look(z, "sub.example.", Q53_TYPE_ANY), SUB_REFERRAL);
	/* Glue is not served as an answer: its own name is below the cut. */
	assert_string_equal(look(z, "ns1.sub.example.", Q53_TYPE_A), SUB_REFERRAL);
	assert_string_equal(look(z, "a.b.ns1.sub.example.", Q53_TYPE_A), SUB_REFERRAL);
	assert_string_equal(look(z, "www.nods.example.", Q53_TYPE_AAAA), "REFERRAL\n"
									 "au nods.example. NS 1\n"
									 "ad ns.other.example. A 1");
}

/* RFC 4035 3.1.4.1: the DS RRset of a cut is the parent's data. */
static void test_lookup_ds_at_cut(void **state)
{
	const q53_zone_t *z = *state;
	assert_string_equal(look(z, "sub.example.", Q53_TYPE_DS), "ANSWER\nan sub.example. DS 1");
	assert_string_equal(look(z, "nods.example.", Q53_TYPE_DS), "NODATA" NEG_SOA);
	/* Below the cut, a DS belongs to the child or deeper: referral. */
	assert_string_equal(look(z, "x.sub.example.", Q53_TYPE_DS), SUB_REFERRAL);
}

static void test_lookup_cname_chain(void **state)
{
	const q53_zone_t *z = *state;
	assert_string_equal(look(z, "c1.example.", Q53_TYPE_A), "ANSWER\n"
								"an c1.example. CNAME 1\n"
								"an c2.example. CNAME 1\n"
								"an www.example. A 1");
	assert_string_equal(look(z, "C1.example.", Q53_TYPE_TXT), "ANSWER\n"
								  "an c1.example. CNAME 1\n"
								  "an c2.example. CNAME 1\n"
								  "an www.example. TXT 1");
	/* The alias itself when asked for. */
	assert_string_equal(look(z, "c1.example.", Q53_TYPE_CNAME), "ANSWER\nan c1.example. CNAME 1");
	/* RFC 6604 2.1: the rcode is the last name's, the CNAMEs stay. */
	assert_string_equal(look(z, "c1.example.", Q53_TYPE_AAAA), "NODATA\n"
								   "an c1.example. CNAME 1\n"
								   "an c2.example. CNAME 1" NEG_SOA);
	assert_string_equal(look(z, "dangling.example.", Q53_TYPE_A),
			    "NXDOMAIN\nan dangling.example. CNAME 1" NEG_SOA);
	assert_string_equal(look(z, "toent.example.", Q53_TYPE_A),
			    "NODATA\nan toent.example. CNAME 1" NEG_SOA);
}

static void test_lookup_cname_loop(void **state)
{
	const q53_zone_t *z = *state;
	assert_string_equal(look(z, "loop1.example.", Q53_TYPE_A), "ANSWER\n"
								   "an loop1.example. CNAME 1\n"
								   "an loop2.example. CNAME 1");
	assert_string_equal(look(z, "self.example.", Q53_TYPE_A), "ANSWER\nan self.example. CNAME 1");
}

/* Q53_CNAME_CHAIN_MAX links are followed; the next alias is shown but not followed. */
static void test_lookup_cname_too_long(void **state)
{
	const q53_zone_t *z = *state;
	char want[2048] = "ANSWER";
	for (unsigned i = 0; i <= Q53_CNAME_CHAIN_MAX; i++) {
		size_t n = strlen(want);
		snprintf(want + n, sizeof want - n, "\nan chain%u.example. CNAME 1", i);
	}
	assert_string_equal(look(z, "chain0.example.", Q53_TYPE_A), want);
	assert_int_equal(ans.n, Q53_CNAME_CHAIN_MAX + 1);
	/* One link shorter reaches the address. */
	strcpy(want, "ANSWER");
	for (unsigned i = 2; i <= 9; i++) {
		size_t n = strlen(want);
		snprintf(want + n, sizeof want - n, "\nan chain%u.example. CNAME 1", i);
	}
	strcat(want, "\nan chain10.example. A 1");
	assert_string_equal(look(z, "chain2.example.", Q53_TYPE_A), want);
	assert_int_equal(ans.n, Q53_CNAME_CHAIN_MAX + 1);
}

static void test_lookup_cname_out_of_zone(void **state)
{
	const q53_zone_t *z = *state;
	assert_string_equal(look(z, "ext.example.", Q53_TYPE_A), "ANSWER\nan ext.example. CNAME 1");
}

/* An alias into a delegation: the CNAME, then the referral (RFC 1034 4.3.2 steps 3a then 3b). */
static void test_lookup_cname_to_referral(void **state)
{
	const q53_zone_t *z = *state;
	assert_string_equal(look(z, "todeleg.example.", Q53_TYPE_A), "REFERRAL\n"
								     "an todeleg.example. CNAME 1\n"
								     "au sub.example. NS 5\n"
								     "au sub.example. DS 1\n"
								     "ad ns1.sub.example. A 1\n"
								     "ad ns2.sub.example. AAAA 1\n"
								     "ad ns.other.example. A 1\n"
								     "ad ns1.example. A 1\n"
								     "ad ns1.example. AAAA 1");
}

/* Step 6: addresses of in-zone MX, SRV and NS targets; not of targets below a cut, except NS glue. */
static void test_lookup_additional(void **state)
{
	const q53_zone_t *z = *state;
	assert_string_equal(look(z, "example.", Q53_TYPE_MX), "ANSWER\n"
							      "an example. MX 3\n"
							      "ad mail.example. A 1");
	assert_string_equal(look(z, "_sip._tcp.example.", Q53_TYPE_SRV), "ANSWER\n"
									 "an _sip._tcp.example. SRV 2\n"
									 "ad www.example. A 1\n"
									 "ad mail.example. A 1");
	assert_string_equal(look(z, "example.", Q53_TYPE_NS), "ANSWER\n"
							      "an example. NS 2\n"
							      "ad ns1.example. A 1\n"
							      "ad ns1.example. AAAA 1\n"
							      "ad ns2.sub.example. AAAA 1");
}

static void test_lookup_any(void **state)
{
	const q53_zone_t *z = *state;
	assert_string_equal(look(z, "www.example.", Q53_TYPE_ANY), "ANSWER\n"
								   "an www.example. A 1\n"
								   "an www.example. TXT 1");
	assert_string_equal(look(z, "example.", Q53_TYPE_ANY), "ANSWER\n"
							       "an example. NS 2\n"
							       "an example. SOA 1\n"
							       "an example. MX 3\n"
							       "ad ns1.example. A 1\n"
							       "ad ns1.example. AAAA 1\n"
							       "ad ns2.sub.example. AAAA 1\n"
							       "ad mail.example. A 1");
	/* ANY at an alias gives the alias, not its target's data. */
	assert_string_equal(look(z, "c1.example.", Q53_TYPE_ANY), "ANSWER\nan c1.example. CNAME 1");
	assert_string_equal(look(z, "nope.example.", Q53_TYPE_ANY), "NXDOMAIN" NEG_SOA);
}

static void test_lookup_no_minimal(void **state)
{
	const q53_zone_t *z = *state;
	assert_string_equal(look_flags(z, "www.example.", Q53_TYPE_A, Q53_LOOKUP_NO_MINIMAL),
			    "ANSWER\n"
			    "an www.example. A 1\n"
			    "au example. NS 2\n"
			    "ad ns1.example. A 1\n"
			    "ad ns1.example. AAAA 1\n"
			    "ad ns2.sub.example. AAAA 1");
	/* Not twice when the answer is the apex NS; not on negative answers. */
	assert_string_equal(look_flags(z, "example.", Q53_TYPE_NS, Q53_LOOKUP_NO_MINIMAL),
			    look(z, "example.", Q53_TYPE_NS));
	assert_string_equal(look_flags(z, "nope.example.", Q53_TYPE_A, Q53_LOOKUP_NO_MINIMAL),
			    "NXDOMAIN" NEG_SOA);
	/* An address already in the answer is not repeated in additional. */
	assert_string_equal(look_flags(z, "ns1.example.", Q53_TYPE_A, Q53_LOOKUP_NO_MINIMAL),
			    "ANSWER\n"
			    "an ns1.example. A 1\n"
			    "au example. NS 2\n"
			    "ad ns1.example. AAAA 1\n"
			    "ad ns2.sub.example. AAAA 1");
}

static void test_lookup_wildcard_cname(void **state)
{
	const q53_zone_t *z = *state;
	assert_string_equal(look(z, "x.wc.example.", Q53_TYPE_A), "ANSWER\n"
								  "an x.wc.example. CNAME 1\n"
								  "an www.example. A 1");
	assert_ptr_equal(ans.item[0].owner, ans.synth[0]);
	assert_int_equal(ans.nsynth, 1);
	/* A wildcard alias to a name it matches itself: the second synthesized owner closes the loop. */
	assert_string_equal(look(z, "x.wl.example.", Q53_TYPE_A), "ANSWER\n"
								  "an x.wl.example. CNAME 1\n"
								  "an a.wl.example. CNAME 1");
	assert_int_equal(ans.nsynth, 2);
	/* RFC 4592 4.2: a wildcard owning NS delegates the name asked. */
	assert_string_equal(look(z, "a.b.wd.example.", Q53_TYPE_A), "REFERRAL\n"
								    "au a.b.wd.example. NS 1\n"
								    "ad ns.other.example. A 1");
}

/* RFC 6672 3.2: below a DNAME the answer is the DNAME (the server adds the synthesized CNAME). */
static void test_lookup_dname(void **state)
{
	const q53_zone_t *z = *state;
	assert_string_equal(look(z, "y.d.example.", Q53_TYPE_A), "ANSWER\nan d.example. DNAME 1");
	/* Occluded data is not served (RFC 6672 2.4), nor an occluded cut. */
	assert_string_equal(look(z, "x.d.example.", Q53_TYPE_A), "ANSWER\nan d.example. DNAME 1");
	assert_string_equal(look(z, "a.b.x.d.example.", Q53_TYPE_AAAA), "ANSWER\nan d.example. DNAME 1");
	assert_string_equal(look(z, "host.sub.d.example.", Q53_TYPE_A), "ANSWER\nan d.example. DNAME 1");
	/* At its owner a DNAME is ordinary data. */
	assert_string_equal(look(z, "d.example.", Q53_TYPE_DNAME), "ANSWER\nan d.example. DNAME 1");
	assert_string_equal(look(z, "d.example.", Q53_TYPE_A), "NODATA" NEG_SOA);
	assert_string_equal(look(z, "tod.example.", Q53_TYPE_A), "ANSWER\n"
								 "an tod.example. CNAME 1\n"
								 "an d.example. DNAME 1");
	/* Below a cut, a DNAME is occluded in turn: the referral is met first. */
	assert_string_equal(look(z, "x.dn.sub.example.", Q53_TYPE_A), SUB_REFERRAL);
}

static void test_lookup_bad_args(void **state)
{
	const q53_zone_t *z = *state;
	uint8_t name[Q53_NAME_MAX];
	fx_name("www.example.net.", NULL, name);
	assert_int_equal(q53_zone_lookup(z, name, Q53_TYPE_A, 0, &ans), Q53_EINVAL);
	fx_name("example.", NULL, name);
	assert_int_equal(q53_zone_lookup(NULL, name, Q53_TYPE_A, 0, &ans), Q53_EINVAL);
	assert_int_equal(q53_zone_lookup(z, NULL, Q53_TYPE_A, 0, &ans), Q53_EINVAL);
	assert_int_equal(q53_zone_lookup(z, name, Q53_TYPE_A, 0, NULL), Q53_EINVAL);
}

/* RFC 4592 2.2.1: each query it lists, with the outcome it gives. */
static void test_lookup_rfc4592(void **state)
{
	const q53_zone_t *z = *state;
	/* Synthesized from a wildcard. */
	assert_string_equal(look(z, "host3.example.", Q53_TYPE_MX), "ANSWER\n"
								    "an host3.example. MX 1\n"
								    "ad host1.example. A 1");
	assert_ptr_equal(ans.item[0].owner, ans.synth[0]);
	assert_string_equal(look(z, "host3.example.", Q53_TYPE_A), "NODATA" NEG_SOA);
	assert_string_equal(look(z, "foo.bar.example.", Q53_TYPE_TXT), "ANSWER\nan foo.bar.example. TXT 1");
	/* Not synthesized. */
	assert_string_equal(look(z, "host1.example.", Q53_TYPE_MX), "NODATA" NEG_SOA);
	assert_string_equal(look(z, "sub.*.example.", Q53_TYPE_MX), "NODATA" NEG_SOA);
	assert_string_equal(look(z, "_telnet._tcp.host1.example.", Q53_TYPE_SRV), "NXDOMAIN" NEG_SOA);
	assert_string_equal(look(z, "host.subdel.example.", Q53_TYPE_A), "REFERRAL\nau subdel.example. NS 2");
	assert_string_equal(look(z, "ghost.*.example.", Q53_TYPE_MX), "NXDOMAIN" NEG_SOA);
	/* The wildcard's own name is an ordinary name (RFC 4592 2.1.1). */
	assert_string_equal(look(z, "*.example.", Q53_TYPE_TXT), "ANSWER\nan *.example. TXT 1");
	assert_int_equal(ans.nsynth, 0);
	/* RFC 4592 2.2.2: _tcp.host1.example. is an empty non-terminal. */
	assert_string_equal(look(z, "_tcp.host1.example.", Q53_TYPE_A), "NODATA" NEG_SOA);
	assert_string_equal(look(z, "host3.example.", Q53_TYPE_ANY), "ANSWER\n"
								     "an host3.example. MX 1\n"
								     "an host3.example. TXT 1\n"
								     "ad host1.example. A 1");
}

/*
 * RFC 4592 3.3.1: a wildcard below a node that owns data answers for the names below that node, not for the
 * node itself, and not below a name that exists beside it (there the closest encloser is that name).
 */
static void test_lookup_wildcard_below_node(void **state)
{
	(void)state;
	q53_zone_t *z = zone_of("example.", "@ 3600 SOA ns1 hostmaster 1 7200 900 1209600 300\n"
					    "@ 3600 NS ns1\n"
					    "ns1 3600 A 192.0.2.1\n"
					    "host 300 A 192.0.2.10\n"
					    "*.host 300 TXT wild\n"
					    "*.host 300 MX 10 host\n"
					    "deep.host 300 A 192.0.2.11\n");
	assert_string_equal(look(z, "a.host.example.", Q53_TYPE_TXT), "ANSWER\nan a.host.example. TXT 1");
	assert_ptr_equal(ans.item[0].owner, ans.synth[0]);
	assert_string_equal(look(z, "x.y.host.example.", Q53_TYPE_TXT), "ANSWER\nan x.y.host.example. TXT 1");
	assert_string_equal(look(z, "a.host.example.", Q53_TYPE_MX), "ANSWER\n"
								     "an a.host.example. MX 1\n"
								     "ad host.example. A 1");
	assert_string_equal(look(z, "a.host.example.", Q53_TYPE_A), "NODATA" NEG_SOA);
	assert_string_equal(look(z, "host.example.", Q53_TYPE_TXT), "NODATA" NEG_SOA);
	assert_string_equal(look(z, "host.example.", Q53_TYPE_A), "ANSWER\nan host.example. A 1");
	assert_string_equal(look(z, "deep.host.example.", Q53_TYPE_TXT), "NODATA" NEG_SOA);
	assert_string_equal(look(z, "x.deep.host.example.", Q53_TYPE_TXT), "NXDOMAIN" NEG_SOA);
	q53_zone_free(z);
}

/* Never more than Q53_ANSWER_MAX items. */
static void test_lookup_answer_full(void **state)
{
	(void)state;
	char text[16384] = "@ 3600 SOA ns1 hostmaster 1 7200 900 1209600 300\n"
			   "@ 3600 NS ns1\n"
			   "ns1 3600 A 192.0.2.1\n";
	for (unsigned t = 0; t < 70; t++) {
		size_t n = strlen(text);
		snprintf(text + n, sizeof text - n, "many 60 TYPE%u \\# 0\n", 1000 + t);
	}
	q53_zone_t *z = zone_of("example.", text);
	look(z, "many.example.", Q53_TYPE_ANY);
	assert_int_equal(ans.kind, Q53_LOOKUP_ANSWER);
	assert_int_equal(ans.n, Q53_ANSWER_MAX);
	assert_int_equal(ans.item[Q53_ANSWER_MAX - 1].set->type, 1000 + Q53_ANSWER_MAX - 1);
	q53_zone_free(z);
}

/* A zone with the root as apex holds every name. */
static void test_lookup_root_zone(void **state)
{
	(void)state;
	q53_zone_t *z =
	    zone_of(".", "@ 3600 SOA a.root-servers.net. nstld.verisign-grs.com. 1 1800 900 604800 86400\n"
			 "@ 3600 NS a.root-servers.net.\n"
			 "net. 3600 NS a.gtld-servers.net.\n"
			 "a.root-servers.net. 3600 A 198.41.0.4\n"
			 "a.gtld-servers.net. 3600 A 192.5.6.30\n");
	assert_string_equal(look(z, "www.example.net.", Q53_TYPE_A), "REFERRAL\n"
								     "au net. NS 1\n"
								     "ad a.gtld-servers.net. A 1");
	assert_string_equal(look(z, "com.", Q53_TYPE_A), "NXDOMAIN\nau . SOA 1");
	q53_zone_free(z);
}

static void test_lookup_zoneset(void **state)
{
	(void)state;
	q53_zone_t *zones[4];
	zones[0] = zone_of("example.", base_zone);
	zones[1] = zone_of("sub.example.", "@ 3600 SOA ns1 hostmaster 7 7200 900 1209600 300\n"
					   "@ 3600 NS ns1\n"
					   "ns1 3600 A 192.0.2.53\n"
					   "host 300 A 192.0.2.77\n");
	zones[2] = zone_of("example.org.", "@ 3600 SOA ns1 hostmaster 9 7200 900 1209600 300\n"
					   "@ 3600 NS ns1\n"
					   "ns1 3600 A 192.0.2.9\n");
	/* The same apex again: the first one given is served. */
	zones[3] = zone_of("EXAMPLE.", base_zone);
	q53_zoneset_t *s = q53_zoneset_new(zones, 4);
	assert_non_null(s);
	uint8_t name[Q53_NAME_MAX];
	fx_name("host.sub.example.", NULL, name);
	const q53_zone_t *z = q53_zoneset_find(s, name);
	assert_ptr_equal(z, zones[1]);
	/* The child answers for itself beside its parent, which would refer. */
	assert_string_equal(look(z, "host.sub.example.", Q53_TYPE_A), "ANSWER\nan host.sub.example. A 1");
	fx_name("SUB.example.", NULL, name);
	assert_ptr_equal(q53_zoneset_find(s, name), zones[1]);
	fx_name("www.example.", NULL, name);
	assert_ptr_equal(q53_zoneset_find(s, name), zones[0]);
	fx_name("example.", NULL, name);
	assert_ptr_equal(q53_zoneset_find(s, name), zones[0]);
	fx_name("a.b.c.example.org.", NULL, name);
	assert_ptr_equal(q53_zoneset_find(s, name), zones[2]);
	fx_name("example.net.", NULL, name);
	assert_null(q53_zoneset_find(s, name));
	/* Prefetching: nothing for a name outside every zone; the node of a name at its first slot. */
	q53_prefetch_t pf;
	q53_prefetch_start(s, name, &pf);
	assert_null(pf.z);
	q53_prefetch_node(&pf);
	q53_prefetch_sets(&pf);
	assert_int_equal(pf.node, 0);
	fx_name("HOST.sub.example.", NULL, name);
	q53_prefetch_start(s, name, &pf);
	assert_ptr_equal(pf.z, zones[1]);
	q53_prefetch_node(&pf);
	q53_prefetch_sets(&pf);
	fx_name("nothere.sub.example.", NULL, name);
	q53_prefetch_start(s, name, &pf);
	q53_prefetch_node(&pf);
	q53_prefetch_sets(&pf);
	assert_string_equal(look(zones[1], "host.sub.example.", Q53_TYPE_A),
			    "ANSWER\nan host.sub.example. A 1");
	fx_name("org.", NULL, name);
	assert_null(q53_zoneset_find(s, name));
	fx_name(".", NULL, name);
	assert_null(q53_zoneset_find(s, name));
	assert_null(q53_zoneset_find(NULL, name));
	q53_zoneset_free(s);

	s = q53_zoneset_new(NULL, 0);
	assert_non_null(s);
	assert_null(q53_zoneset_find(s, name));
	q53_zoneset_free(s);
	q53_zoneset_free(NULL);
}

/*
 * The nearest zone, with few zones (compared by apex length) and with many (hashed by depth): the same
 * answers. Zones are added one at a time so that every set size from 1 to 7 is asked the same names.
 */
static void test_lookup_zoneset_sizes(void **state)
{
	(void)state;
	static const char *const apexes[] = {"example.", "sub.example.", "example.org.", "a.test.",
					     "d.test.",	 "c.d.test.",	 "test."};
	static const struct {
		const char *qname;
		unsigned nearest[7]; /* index of the apex expected with the first k+1 zones, 9: none */
	} cases[] = {
	    {"host.sub.example.", {0, 1, 1, 1, 1, 1, 1}},
	    {"SUB.EXAMPLE.", {0, 1, 1, 1, 1, 1, 1}},
	    {"xsub.example.", {0, 0, 0, 0, 0, 0, 0}},
	    {"example.", {0, 0, 0, 0, 0, 0, 0}},
	    {"example.org.", {9, 9, 2, 2, 2, 2, 2}},
	    {"x.c.d.test.", {9, 9, 9, 9, 4, 5, 5}},
	    {"cd.test.", {9, 9, 9, 9, 9, 9, 6}},
	    {"b.test.", {9, 9, 9, 9, 9, 9, 6}},
	    {"a.test.", {9, 9, 9, 3, 3, 3, 3}},
	    {".", {9, 9, 9, 9, 9, 9, 9}},
	    {"org.", {9, 9, 9, 9, 9, 9, 9}},
	};
	for (unsigned k = 1; k <= 7; k++) {
		q53_zone_t *zones[7];
		for (unsigned i = 0; i < k; i++) {
			zones[i] = zone_of(apexes[i], "@ 3600 SOA ns1 hostmaster 1 7200 900 1209600 300\n"
						      "@ 3600 NS ns1\n"
						      "ns1 3600 A 192.0.2.53\n");
		}
		q53_zoneset_t *s = q53_zoneset_new(zones, k);
		assert_non_null(s);
		for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
			uint8_t name[Q53_NAME_MAX];
			fx_name(cases[c].qname, NULL, name);
			const q53_zone_t *z = q53_zoneset_find(s, name);
			unsigned want = cases[c].nearest[k - 1];
			if (want == 9 ? z != NULL : z != zones[want])
				fail_msg("%u zones, %s: wrong zone", k, cases[c].qname);
		}
		q53_zoneset_free(s);
	}
}

/* RFC 4034 3: the RRSIGs of a name are a set per type covered, each with its TTL; asked for RRSIG, all of
 * them answer. */
static void test_lookup_rrsig_sets(void **state)
{
	(void)state;
	q53_zone_t *z =
	    zone_of("example.", "@ 3600 SOA ns1 hostmaster 1 7200 900 1209600 300\n"
				"@ 3600 NS ns1\n"
				"ns1 3600 A 192.0.2.1\n"
				"x 300 A 192.0.2.2\n"
				"x 900 TXT t\n"
				"x 300 RRSIG A 8 2 300 20270101000000 20260101000000 1 example. AA==\n"
				"x 900 RRSIG TXT 8 2 900 20270101000000 20260101000000 1 example. AA==\n"
				"x 300 RRSIG A 8 2 300 20270101000000 20260101000000 2 example. AA==\n");
	assert_string_equal(look(z, "x.example.", Q53_TYPE_RRSIG),
			    "ANSWER\nan x.example. RRSIG 2\nan x.example. RRSIG 1");
	assert_int_equal(ans.item[0].set->ttl, 300);
	assert_int_equal(ans.item[1].set->ttl, 900);
	assert_string_equal(look(z, "x.example.", Q53_TYPE_TXT), "ANSWER\nan x.example. TXT 1");
	assert_string_equal(
	    look(z, "x.example.", Q53_TYPE_ANY),
	    "ANSWER\nan x.example. A 1\nan x.example. TXT 1\nan x.example. RRSIG 2\nan x.example. "
	    "RRSIG 1");
	q53_zone_free(z);
}

/* ---- DNSSEC ---- */

/* A 62-octet label. */
#define L62 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

/* A fixture zone of tests/data/dnssec, loaded as the server loads a file. */
static q53_zone_t *signed_zone(const char *file, const char *origin)
{
	char path[1024];
	uint8_t o[Q53_NAME_MAX];
	snprintf(path, sizeof path, "%s/%s", DNSSEC_DATA, file);
	fx_name(origin, NULL, o);
	q53_zone_t *z = NULL;
	assert_int_equal(q53_zone_load(path, o, NULL, NULL, &z), 0);
	assert_non_null(z);
	assert_true(q53_zone_signed(z));
	return z;
}

/* RFC 4648 7: base32hex, lower case, as NSEC3 owner names are written. */
static const char *b32hex(const uint8_t *h, size_t n)
{
	static char out[64];
	static const char digits[] = "0123456789abcdefghijklmnopqrstuv";
	uint32_t acc = 0;
	unsigned bits = 0;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		acc = acc << 8 | h[i];
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			out[k++] = digits[(acc >> bits) & 31];
		}
	}
	if (bits > 0)
		out[k++] = digits[(acc << (5 - bits)) & 31];
	out[k] = '\0';
	return out;
}

static const char *nsec3_of(const zsec *s, const uint8_t *name)
{
	uint8_t h[NSEC3_HASH_LEN];
	zone_nsec3_hash(s, name, h);
	return b32hex(h, sizeof h);
}

/*
 * RFC 5155 5 and Appendix A: the hashes of the example zone's names (salt aabbccdd, 12 iterations), any
 * case. Then SHA-1's padding at both edges of a block and a 253-octet name with a 255-octet salt (values
 * from Python's hashlib).
 */
static void test_lookup_nsec3_hash(void **state)
{
	(void)state;
	static const struct {
		const char *name, *hash;
	} rfc[] = {
	    {"example.", "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom"},
	    {"a.example.", "35mthgpgcu1qg68fab165klnsnk3dpvl"},
	    {"ai.example.", "gjeqe526plbf1g8mklp59enfd789njgi"},
	    {"ns1.example.", "2t7b4g4vsa5smi47k61mv5bv1a22bojr"},
	    {"ns2.example.", "q04jkcevqvmu85r014c7dkba38o0ji5r"},
	    {"w.example.", "k8udemvp1j2f7eg6jebps17vp3n8i58h"},
	    {"*.w.example.", "r53bq7cc2uvmubfu5ocmm6pers9tk9en"},
	    {"x.w.example.", "b4um86eghhds6nea196smvmlo4ors995"},
	    {"y.w.example.", "ji6neoaepv8b5o6k4ev33abha8ht9fgc"},
	    {"x.y.w.example.", "2vptu5timamqttgl4luu9kg21e0aor3s"},
	    {"XX.Example.", "t644ebqk9bibcna874givr6joj62mlhv"},
	};
	zsec s = {.iterations = 12, .saltlen = 4, .salt = {0xaa, 0xbb, 0xcc, 0xdd}};
	uint8_t name[Q53_NAME_MAX];
	for (size_t i = 0; i < sizeof rfc / sizeof rfc[0]; i++) {
		fx_name(rfc[i].name, NULL, name);
		assert_string_equal(nsec3_of(&s, name), rfc[i].hash);
	}
	/* Name and salt of 55, 56 and 64 octets: the length field just fits, just does not, a whole block. */
	static const struct {
		size_t len;
		const char *hash;
	} edge[] = {{51, "8cptao3ce21lvffv0j0kpoufnvltpl26"},
		    {52, "0upe6fqnjj8fdedfvoi1dp77dibj9der"},
		    {60, "86p63hr27vskva9n43kcd5adgprsj6r5"}};
	s.iterations = 0;
	for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++) {
		name[0] = (uint8_t)(edge[i].len - 2);
		memset(name + 1, 'c', edge[i].len - 2);
		name[edge[i].len - 1] = 0;
		assert_string_equal(nsec3_of(&s, name), edge[i].hash);
	}
	s.saltlen = 0;
	fx_name("A.Example.", NULL, name);
	assert_string_equal(nsec3_of(&s, name), "6cd522290vma0nr8lqu1ivtcofj94rga");
	s.iterations = 2;
	s.saltlen = 255;
	for (unsigned i = 0; i < 255; i++)
		s.salt[i] = (uint8_t)i;
	char text[300];
	snprintf(text, sizeof text, "b%.61s.%.62s.%.62s.%.62s.", L62, L62, L62, L62);
	fx_name(text, NULL, name);
	assert_int_equal(q53_name_len(name), 253);
	assert_string_equal(nsec3_of(&s, name), "t54hfm078tlkggtm9vusshot5l3v0f72");
}

/*
 * RFC 4035 Appendix B on the zone of its Appendix A, signed with NSEC: every RRset with its RRSIGs, and
 * the NSEC that each negative answer, wildcard answer and unsigned referral needs. Without DO, nothing of
 * that.
 */
static void test_lookup_rfc4035(void **state)
{
	(void)state;
	q53_zone_t *z = signed_zone("rfc4035.zone", "example.");
	assert_int_equal(q53_zone_denial(z), Q53_DENIAL_NSEC);
	/* B.1 Answer. */
	assert_string_equal(look_do(z, "x.w.example.", Q53_TYPE_MX), "ANSWER\n"
								     "an x.w.example. MX 1 +sig\n"
								     "ad xx.example. A 1 +sig\n"
								     "ad xx.example. AAAA 1 +sig");
	assert_string_equal(look(z, "x.w.example.", Q53_TYPE_MX), "ANSWER\n"
								  "an x.w.example. MX 1\n"
								  "ad xx.example. A 1\n"
								  "ad xx.example. AAAA 1");
	/* B.2 Name Error: the NSEC covering ml.example. and the one covering *.example. */
	assert_string_equal(look_do(z, "ml.example.", Q53_TYPE_A), "NXDOMAIN\n"
								   "au b.example. NSEC 1 +sig\n"
								   "au example. NSEC 1 +sig\n"
								   "au example. SOA 1 +sig");
	assert_string_equal(look(z, "ml.example.", Q53_TYPE_A), "NXDOMAIN\nau example. SOA 1");
	/* B.3 No Data Error. */
	assert_string_equal(look_do(z, "ns1.example.", Q53_TYPE_MX), "NODATA\n"
								     "au ns1.example. NSEC 1 +sig\n"
								     "au example. SOA 1 +sig");
	/* B.4 Referral to Signed Zone: the DS with its RRSIGs; the NS and glue are not signed. */
	assert_string_equal(look_do(z, "mc.a.example.", Q53_TYPE_MX), "REFERRAL\n"
								      "au a.example. NS 2\n"
								      "au a.example. DS 1 +sig\n"
								      "ad ns1.a.example. A 1\n"
								      "ad ns2.a.example. A 1");
	/* B.5 Referral to Unsigned Zone: the cut's NSEC proves that there is no DS. */
	assert_string_equal(look_do(z, "mc.b.example.", Q53_TYPE_MX), "REFERRAL\n"
								      "au b.example. NS 2\n"
								      "au b.example. NSEC 1 +sig\n"
								      "ad ns1.b.example. A 1\n"
								      "ad ns2.b.example. A 1");
	assert_string_equal(look(z, "mc.b.example.", Q53_TYPE_MX), "REFERRAL\n"
								   "au b.example. NS 2\n"
								   "ad ns1.b.example. A 1\n"
								   "ad ns2.b.example. A 1");
	/* B.6 Wildcard Expansion: the NSEC proving that no closer name exists. */
	assert_string_equal(look_do(z, "a.z.w.example.", Q53_TYPE_MX), "ANSWER\n"
								       "an a.z.w.example. MX 1 +sig\n"
								       "au x.y.w.example. NSEC 1 +sig\n"
								       "ad ai.example. A 1 +sig\n"
								       "ad ai.example. AAAA 1 +sig");
	assert_ptr_equal(ans.item[0].owner, ans.synth[0]);
	/* B.7 Wildcard No Data Error: that NSEC and the wildcard's own. */
	assert_string_equal(look_do(z, "a.z.w.example.", Q53_TYPE_AAAA), "NODATA\n"
									 "au x.y.w.example. NSEC 1 +sig\n"
									 "au *.w.example. NSEC 1 +sig\n"
									 "au example. SOA 1 +sig");
	/* B.8 DS Child Zone No Data Error. */
	assert_string_equal(look_do(z, "example.", Q53_TYPE_DS), "NODATA\n"
								 "au example. NSEC 1 +sig\n"
								 "au example. SOA 1 +sig");
	/* An empty non-terminal (y.w.example.) has no NSEC: the one before it covers it. */
	assert_string_equal(look_do(z, "y.w.example.", Q53_TYPE_A), "NODATA\n"
								    "au x.w.example. NSEC 1 +sig\n"
								    "au example. SOA 1 +sig");
	/* A DS at a cut answers from this side; asked at an unsigned cut, the cut's NSEC. */
	assert_string_equal(look_do(z, "a.example.", Q53_TYPE_DS), "ANSWER\nan a.example. DS 1 +sig");
	assert_string_equal(look_do(z, "b.example.", Q53_TYPE_DS), "NODATA\n"
								   "au b.example. NSEC 1 +sig\n"
								   "au example. SOA 1 +sig");
	/* ANY: each RRset with its RRSIGs, none as RRsets of their own. */
	assert_string_equal(look_do(z, "xx.example.", Q53_TYPE_ANY), "ANSWER\n"
								     "an xx.example. A 1 +sig\n"
								     "an xx.example. HINFO 1 +sig\n"
								     "an xx.example. AAAA 1 +sig\n"
								     "an xx.example. NSEC 1 +sig");
	/* Asked for by type, the RRSIGs are the answer, as without DO. */
	assert_string_equal(look_do(z, "xx.example.", Q53_TYPE_RRSIG), "ANSWER\n"
								       "an xx.example. RRSIG 1\n"
								       "an xx.example. RRSIG 1\n"
								       "an xx.example. RRSIG 1\n"
								       "an xx.example. RRSIG 1");
	assert_string_equal(look_do(z, "xx.example.", Q53_TYPE_NSEC), "ANSWER\nan xx.example. NSEC 1 +sig");
	q53_zone_free(z);
}

/*
 * RFC 5155 Appendix B on the zone of its Appendix A (NSEC3 with opt-out: no NSEC3 for the unsigned
 * delegation c.example.): the closest encloser proofs, matching and covering NSEC3s by their hashes.
 */
static void test_lookup_rfc5155(void **state)
{
	(void)state;
	q53_zone_t *z = signed_zone("rfc5155.zone", "example.");
	assert_int_equal(q53_zone_denial(z), Q53_DENIAL_NSEC3);
	/* B.1 Name Error: x.w.example. is the closest encloser, c.x.w.example. the next closer name. */
	assert_string_equal(look_do(z, "a.c.x.w.example.", Q53_TYPE_A),
			    "NXDOMAIN\n"
			    "au B4UM86EGHHDS6NEA196SMVMLO4ORS995.example. NSEC3 1 +sig\n"
			    "au 0P9MHAVEQVM6T7VBL5LOP2U3T2RP3TOM.example. NSEC3 1 +sig\n"
			    "au 35MTHGPGCU1QG68FAB165KLNSNK3DPVL.example. NSEC3 1 +sig\n"
			    "au example. SOA 1 +sig");
	assert_string_equal(look(z, "a.c.x.w.example.", Q53_TYPE_A), "NXDOMAIN\nau example. SOA 1");
	/* B.2 No Data Error. */
	assert_string_equal(look_do(z, "ns1.example.", Q53_TYPE_MX),
			    "NODATA\n"
			    "au 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR.example. NSEC3 1 +sig\n"
			    "au example. SOA 1 +sig");
	/* B.2.1 No Data Error, Empty Non-Terminal. */
	assert_string_equal(look_do(z, "y.w.example.", Q53_TYPE_A),
			    "NODATA\n"
			    "au JI6NEOAEPV8B5O6K4EV33ABHA8HT9FGC.example. NSEC3 1 +sig\n"
			    "au example. SOA 1 +sig");
	/* B.3 Referral to an Opt-Out Unsigned Zone: the closest provable encloser (example.) and the
	 * opt-out NSEC3 covering the next closer name, c.example. */
	assert_string_equal(look_do(z, "mc.c.example.", Q53_TYPE_MX),
			    "REFERRAL\n"
			    "au c.example. NS 2\n"
			    "au 0P9MHAVEQVM6T7VBL5LOP2U3T2RP3TOM.example. NSEC3 1 +sig\n"
			    "au 35MTHGPGCU1QG68FAB165KLNSNK3DPVL.example. NSEC3 1 +sig\n"
			    "ad ns1.c.example. A 1\n"
			    "ad ns2.c.example. A 1");
	/* B.4 Wildcard Expansion: the NSEC3 covering the next closer name, z.w.example. */
	assert_string_equal(look_do(z, "a.z.w.example.", Q53_TYPE_MX),
			    "ANSWER\n"
			    "an a.z.w.example. MX 1 +sig\n"
			    "au Q04JKCEVQVMU85R014C7DKBA38O0JI5R.example. NSEC3 1 +sig\n"
			    "ad ai.example. A 1 +sig\n"
			    "ad ai.example. AAAA 1 +sig");
	/* B.5 Wildcard No Data Error: the closest encloser proof and the NSEC3 matching *.w.example. */
	assert_string_equal(look_do(z, "a.z.w.example.", Q53_TYPE_AAAA),
			    "NODATA\n"
			    "au K8UDEMVP1J2F7EG6JEBPS17VP3N8I58H.example. NSEC3 1 +sig\n"
			    "au Q04JKCEVQVMU85R014C7DKBA38O0JI5R.example. NSEC3 1 +sig\n"
			    "au R53BQ7CC2UVMUBFU5OCMM6PERS9TK9EN.example. NSEC3 1 +sig\n"
			    "au example. SOA 1 +sig");
	/* B.6 DS Child Zone No Data Error. */
	assert_string_equal(look_do(z, "example.", Q53_TYPE_DS),
			    "NODATA\n"
			    "au 0P9MHAVEQVM6T7VBL5LOP2U3T2RP3TOM.example. NSEC3 1 +sig\n"
			    "au example. SOA 1 +sig");
	/* 7.2.4: DS asked at the opt-out cut, which has no NSEC3 of its own. */
	assert_string_equal(look_do(z, "c.example.", Q53_TYPE_DS),
			    "NODATA\n"
			    "au 0P9MHAVEQVM6T7VBL5LOP2U3T2RP3TOM.example. NSEC3 1 +sig\n"
			    "au 35MTHGPGCU1QG68FAB165KLNSNK3DPVL.example. NSEC3 1 +sig\n"
			    "au example. SOA 1 +sig");
	/* A hash below the chain's first: the last NSEC3 covers it, wrapping around (RFC 5155 1.3). */
	assert_string_equal(look_do(z, "n13.example.", Q53_TYPE_A),
			    "NXDOMAIN\n"
			    "au 0P9MHAVEQVM6T7VBL5LOP2U3T2RP3TOM.example. NSEC3 1 +sig\n"
			    "au T644EBQK9BIBCNA874GIVR6JOJ62MLHV.example. NSEC3 1 +sig\n"
			    "au GJEQE526PLBF1G8MKLP59ENFD789NJGI.example. NSEC3 1 +sig\n"
			    "au example. SOA 1 +sig");
	/* The signed delegation: DS with its RRSIGs, no proof. */
	assert_string_equal(look_do(z, "x.a.example.", Q53_TYPE_A), "REFERRAL\n"
								    "au a.example. NS 2\n"
								    "au a.example. DS 1 +sig\n"
								    "ad ns1.a.example. A 1\n"
								    "ad ns2.a.example. A 1");
	/* 7.2.8: a hashed owner name does not exist, with DO or without (NSD and Knot: NXDOMAIN); the
	 * same for a name below it. */
	static const char *const hashed[] = {"0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example.",
					     "x.0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example."};
	for (size_t i = 0; i < 2; i++) {
		assert_string_equal(look(z, hashed[i], Q53_TYPE_NSEC3), "NXDOMAIN\nau example. SOA 1");
		look_do(z, hashed[i], Q53_TYPE_A);
		assert_int_equal(ans.kind, Q53_LOOKUP_NXDOMAIN);
	}
	q53_zone_free(z);
}

/*
 * Which chain proves: NSEC3 needs an NSEC3PARAM with flags 0 (RFC 5155 4.1.2) and SHA-1; NSEC an NSEC at
 * the apex. A zone that is not signed answers DO queries as it answers the others.
 */
static void test_lookup_dnssec_denial(void **state)
{
	(void)state;
	static const char head[] = "@ 3600 SOA ns1 hostmaster 1 7200 900 1209600 300\n"
				   "@ 3600 NS ns1\n"
				   "ns1 3600 A 192.0.2.1\n";
	static const struct {
		const char *extra;
		q53_denial denial;
	} cases[] = {
	    {"", Q53_DENIAL_NONE},
	    {"@ 3600 NSEC ns1 NS SOA\n", Q53_DENIAL_NONE},
	    {"@ 3600 DNSKEY 257 3 13 AQID\n", Q53_DENIAL_NONE},
	    {"@ 3600 DNSKEY 257 3 13 AQID\n@ 3600 NSEC ns1 NS SOA NSEC DNSKEY\n", Q53_DENIAL_NSEC},
	    {"@ 3600 DNSKEY 257 3 13 AQID\n@ 0 NSEC3PARAM 1 0 1 -\n", Q53_DENIAL_NSEC3},
	    {"@ 3600 DNSKEY 257 3 13 AQID\n@ 0 NSEC3PARAM 1 1 1 -\n", Q53_DENIAL_NONE},
	    {"@ 3600 DNSKEY 257 3 13 AQID\n@ 0 NSEC3PARAM 2 0 1 -\n", Q53_DENIAL_NONE},
	    {"@ 3600 DNSKEY 257 3 13 AQID\n@ 0 NSEC3PARAM 1 1 1 -\n@ 3600 NSEC ns1 NS SOA\n",
	     Q53_DENIAL_NSEC},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[1024];
		snprintf(text, sizeof text, "%s%s", head, cases[i].extra);
		q53_zone_t *z = zone_of("example.", text);
		assert_int_equal(q53_zone_denial(z), cases[i].denial);
		if (!q53_zone_signed(z)) {
			char plain[8192];
			snprintf(plain, sizeof plain, "%s", look(z, "nx.example.", Q53_TYPE_A));
			assert_string_equal(look_do(z, "nx.example.", Q53_TYPE_A), plain);
		}
		q53_zone_free(z);
	}
}

/*
 * What the RFC examples leave out, in NSEC3 and NSEC: CNAME chains (to data, to a wildcard, to nothing,
 * to an empty non-terminal), a wildcard CNAME, a DNAME.
 */
static void test_lookup_dnssec_chains(void **state)
{
	(void)state;
	q53_zone_t *z3 = signed_zone("extra-nsec3.zone", "signed.test.");
	q53_zone_t *z = signed_zone("extra-nsec.zone", "signed.test.");
	/* Every link of a chain with its RRSIGs. */
	static const char chain[] = "ANSWER\n"
				    "an c1.signed.test. CNAME 1 +sig\n"
				    "an c2.signed.test. CNAME 1 +sig\n"
				    "an www.signed.test. A 1 +sig";
	assert_string_equal(look_do(z3, "c1.signed.test.", Q53_TYPE_A), chain);
	assert_string_equal(look_do(z, "c1.signed.test.", Q53_TYPE_A), chain);
	/* To a wildcard: the proof that no closer name than the wildcard matched x.wild. */
	assert_string_equal(look_do(z, "towild.signed.test.", Q53_TYPE_A),
			    "ANSWER\n"
			    "an towild.signed.test. CNAME 1 +sig\n"
			    "an x.wild.signed.test. A 1 +sig\n"
			    "au *.wild.signed.test. NSEC 1 +sig");
	assert_string_equal(look_do(z3, "towild.signed.test.", Q53_TYPE_A),
			    "ANSWER\n"
			    "an towild.signed.test. CNAME 1 +sig\n"
			    "an x.wild.signed.test. A 1 +sig\n"
			    "au amp1t26qp77bepqho97vqmrjkqphcl6g.signed.test. NSEC3 1 +sig");
	/* To nothing: NXDOMAIN for the target, proved. */
	assert_string_equal(look_do(z, "dangling.signed.test.", Q53_TYPE_A),
			    "NXDOMAIN\n"
			    "an dangling.signed.test. CNAME 1 +sig\n"
			    "au mx.signed.test. NSEC 1 +sig\n"
			    "au signed.test. NSEC 1 +sig\n"
			    "au signed.test. SOA 1 +sig");
	/* To an empty non-terminal: NODATA for it, by the NSEC before it (dangling < ent < b.ent). */
	assert_string_equal(look_do(z, "toempty.signed.test.", Q53_TYPE_A),
			    "NODATA\n"
			    "an toempty.signed.test. CNAME 1 +sig\n"
			    "au dangling.signed.test. NSEC 1 +sig\n"
			    "au signed.test. SOA 1 +sig");
	/* A wildcard CNAME: its own proof, then the target. */
	assert_string_equal(look_do(z, "x.wc.signed.test.", Q53_TYPE_A), "ANSWER\n"
									 "an x.wc.signed.test. CNAME 1 +sig\n"
									 "au *.wc.signed.test. NSEC 1 +sig\n"
									 "an www.signed.test. A 1 +sig");
	/* A DNAME with its RRSIGs (the server adds the CNAME, unsigned). */
	assert_string_equal(look_do(z3, "x.d.signed.test.", Q53_TYPE_A),
			    "ANSWER\nan d.signed.test. DNAME 1 +sig");
	q53_zone_free(z);
	q53_zone_free(z3);
}

/* ---- one snapshot read by several threads at once ---- */

enum { MT_QUERIES = 64, MT_THREADS = 4, MT_ROUNDS = 1000 };

struct mt_query {
	uint8_t name[Q53_NAME_MAX];
	uint16_t type;
	uint64_t want; /* the fingerprint of the answer, found by one thread alone */
};

struct mt_job {
	const q53_zone_t *z;
	const struct mt_query *q;
	unsigned nq;
	unsigned wrong;
};

/* FNV-1a over the answer: its kind, then every item's section, owner octets, RRset (its place in the
 * snapshot) and count. */
static uint64_t fingerprint(const q53_answer_t *a)
{
	uint64_t h = 1469598103934665603u;
#define MIX(v) (h = (h ^ (uint64_t)(v)) * 1099511628211u)
	MIX(a->kind);
	MIX(a->n);
	for (unsigned i = 0; i < a->n; i++) {
		MIX(a->item[i].section);
		for (size_t k = 0; k < q53_name_len(a->item[i].owner); k++)
			MIX(a->item[i].owner[k]);
		MIX((uintptr_t)a->item[i].set);
		MIX(a->item[i].set->count);
	}
#undef MIX
	return h;
}

static void *mt_run(void *arg)
{
	struct mt_job *j = arg;
	q53_answer_t *a = malloc(sizeof *a);
	if (a == NULL) {
		j->wrong = ~0u;
		return NULL;
	}
	for (unsigned r = 0; r < MT_ROUNDS; r++)
		for (unsigned i = 0; i < j->nq; i++) {
			/* Each thread starts at another query, so that different lookups overlap. */
			const struct mt_query *q = &j->q[(i + r + (uintptr_t)j) % j->nq];
			if (q53_zone_lookup(j->z, q->name, q->type, 0, a) != 0 || fingerprint(a) != q->want)
				j->wrong++;
		}
	free(a);
	return NULL;
}

static uint64_t checksum(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211u;
	return h;
}

/* The snapshot as the lookup reads it: nodes, index, RRsets, order and the RDATA they point to. */
static uint64_t zone_checksum(const q53_zone_t *z)
{
	uint64_t h = checksum(z->nodes, z->nnodes * sizeof *z->nodes);
	h ^= checksum(z->slots, ((size_t)z->mask + 1) * sizeof *z->slots) * 3;
	h ^= checksum(z->sets, z->nsets * sizeof *z->sets) * 5;
	h ^= checksum(z->order, z->nnodes * sizeof *z->order) * 7;
	for (uint32_t i = 0; i < z->nnodes; i++)
		h ^=
		    checksum(zone_name(z, &z->nodes[i]), q53_name_len(zone_name(z, &z->nodes[i]))) * (i + 11);
	return h;
}

/*
 * Many threads look names up in one snapshot at once, without a lock: every answer is the one a single
 * thread got, and the snapshot's octets are the same afterwards (the lookup writes nothing shared).
 */
static void test_lookup_threads(void **state)
{
	const q53_zone_t *z = *state;
	static const char *const names[] = {
	    "example.",	       "www.example.",	    "WWW.Example.",	"c1.example.",	     "loop1.example.",
	    "chain0.example.", "x.wc.example.",	    "a.b.wl.example.",	"host.sub.example.", "sub.example.",
	    "ent.example.",    "c.ent.example.",    "nothere.example.", "x.wd.example.",     "y.d.example.",
	    "tod.example.",    "_sip._tcp.example."};
	static const uint16_t types[] = {Q53_TYPE_A, Q53_TYPE_AAAA, Q53_TYPE_MX, Q53_TYPE_NS};
	static struct mt_query q[MT_QUERIES];
	unsigned nq = 0;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		for (size_t t = 0; t < sizeof types / sizeof types[0] && nq < MT_QUERIES; t++, nq++) {
			fx_name(names[i], NULL, q[nq].name);
			q[nq].type = types[t];
			assert_int_equal(q53_zone_lookup(z, q[nq].name, q[nq].type, 0, &ans), 0);
			q[nq].want = fingerprint(&ans);
		}
	uint64_t before = zone_checksum(z);
	pthread_t th[MT_THREADS];
	struct mt_job jobs[MT_THREADS];
	for (int i = 0; i < MT_THREADS; i++) {
		jobs[i] = (struct mt_job){z, q, nq, 0};
		assert_int_equal(pthread_create(&th[i], NULL, mt_run, &jobs[i]), 0);
	}
	for (int i = 0; i < MT_THREADS; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_int_equal(jobs[i].wrong, 0);
	}
	assert_true(zone_checksum(z) == before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_lookup_exact, setup_base, teardown),
	    cmocka_unit_test_setup_teardown(test_lookup_case_insensitive, setup_base, teardown),
	    cmocka_unit_test_setup_teardown(test_lookup_nodata, setup_base, teardown),
	    cmocka_unit_test_setup_teardown(test_lookup_nxdomain, setup_base, teardown),
	    cmocka_unit_test_setup_teardown(test_lookup_empty_non_terminal, setup_base, teardown),
	    cmocka_unit_test_setup_teardown(test_lookup_referral, setup_base, teardown),
	    cmocka_unit_test_setup_teardown(test_lookup_ds_at_cut, setup_base, teardown),
	    cmocka_unit_test_setup_teardown(test_lookup_cname_chain, setup_base, teardown),
	    cmocka_unit_test_setup_teardown(test_lookup_cname_loop, setup_base, teardown),
	    cmocka_unit_test_setup_teardown(test_lookup_cname_too_long, setup_base, teardown),
	    cmocka_unit_test_setup_teardown(test_lookup_cname_out_of_zone, setup_base, teardown),
	    cmocka_unit_test_setup_teardown(test_lookup_cname_to_referral, setup_base, teardown),
	    cmocka_unit_test_setup_teardown(test_lookup_additional, setup_base, teardown),
	    cmocka_unit_test_setup_teardown(test_lookup_any, setup_base, teardown),
	    cmocka_unit_test_setup_teardown(test_lookup_no_minimal, setup_base, teardown),
	    cmocka_unit_test_setup_teardown(test_lookup_wildcard_cname, setup_base, teardown),
	    cmocka_unit_test_setup_teardown(test_lookup_dname, setup_base, teardown),
	    cmocka_unit_test_setup_teardown(test_lookup_bad_args, setup_base, teardown),
	    cmocka_unit_test_setup_teardown(test_lookup_rfc4592, setup_rfc4592, teardown),
	    cmocka_unit_test(test_lookup_wildcard_below_node),
	    cmocka_unit_test(test_lookup_answer_full),
	    cmocka_unit_test(test_lookup_root_zone),
	    cmocka_unit_test(test_lookup_zoneset),
	    cmocka_unit_test(test_lookup_zoneset_sizes),
	    cmocka_unit_test(test_lookup_rrsig_sets),
	    cmocka_unit_test(test_lookup_nsec3_hash),
	    cmocka_unit_test(test_lookup_rfc4035),
	    cmocka_unit_test(test_lookup_rfc5155),
	    cmocka_unit_test(test_lookup_dnssec_denial),
	    cmocka_unit_test(test_lookup_dnssec_chains),
	    cmocka_unit_test_setup_teardown(test_lookup_threads, setup_base, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
