/*
 * The answer path of the server: the zone set (RFC 1034 4.3.2 step 2, the zone nearest to QNAME) and the
 * lookup in one zone (step 3: exact match, referral at a zone cut, CNAME restart, RFC 4592 wildcards;
 * step 6: additional addresses), with the negative answers of RFC 2308 and the DS exception of RFC 4035
 * 3.1.4.1. Each step is one small function named after it. For a query with DO in a signed zone, each
 * RRset comes with its RRSIGs (RFC 4035 3.1.1) and the denial proofs of RFC 4035 3.1.3-3.1.4 (NSEC) or
 * RFC 5155 7.2 (NSEC3) go to authority, from the index dnssec.c built with the snapshot.
 *
 * Goal: what NSD and Knot answer, collected as {section, owner, RRset} with RRsets pointing into the
 * snapshot, without allocating or locking: many threads read one immutable zone. Non-goal: encoding, the
 * RFC 8482 treatment of ANY, EDNS; the server does those. A name below a DNAME gets the DNAME RRset (RFC
 * 6672 3.2); the CNAME to synthesize beside it is not zone data, so the server makes it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "zones_int.h"

/* The lookup of one query: the zone, the answer being collected, what was asked. */
typedef struct lk {
	const q53_zone_t *z;
	q53_answer_t *a;
	const uint8_t *apex;
	uint16_t qtype;
	/* The zone's DNSSEC index when the query has DO and the zone is signed, else NULL. */
	const zsec *sec;
	/* The wildcard node behind each owner of a->synth. */
	const znode *wild[Q53_CNAME_CHAIN_MAX + 1];
} lk;

/* The RRSIG RRset at node n covering type (a node's RRSIGs are one RRset per type covered, in order). */
static const q53_rrset_t *sig_of(const q53_zone_t *z, const znode *n, uint16_t type)
{
	const q53_rrset_t *s = z->sets + n->set, *end = s + n->nset;
	for (; s < end && s->type <= Q53_TYPE_RRSIG; s++)
		if (s->type == Q53_TYPE_RRSIG && q53_get16(s->data + 2) == type)
			return s;
	return NULL;
}

/*
 * Adds an item unless the answer is full (Q53_ANSWER_MAX) or already holds the RRset under that owner (an
 * address that is in the answer is not repeated in additional; two MX to one host give its address once).
 * One wildcard RRset may appear under several synthesized owners. Its RRSIGs come in step_sign().
 */
static void add(q53_answer_t *a, q53_section sec, const uint8_t *owner, const q53_rrset_t *set)
{
	for (unsigned i = 0; i < a->n; i++)
		if (a->item[i].set == set &&
		    (a->item[i].owner == owner || q53_name_equal(a->item[i].owner, owner)))
			return;
	if (a->n < Q53_ANSWER_MAX)
		a->item[a->n++] = (q53_answer_item_t){(uint8_t)sec, owner, set, NULL};
}

static const znode *apex_node(const q53_zone_t *z)
{
	return &z->nodes[z->apex];
}

/*
 * Step 3, "start matching down": the node of name, or NULL with *ce set to the closest encloser, the
 * longest existing ancestor (RFC 4592 3.3.1). Empty non-terminals are nodes, so they count as existing.
 */
static const znode *step3_match(const q53_zone_t *z, const uint8_t *name, uint32_t hash, const znode **ce)
{
	const znode *n = zone_find_hashed(z, name, hash);
	if (n != NULL) {
		*ce = n;
		return n;
	}
	/* Invariant: no name from name up to p (exclusive) exists; the apex does, so the walk stops there. */
	for (const uint8_t *p = q53_name_parent(name); p != NULL; p = q53_name_parent(p)) {
		const znode *a = zone_find(z, p);
		if (a != NULL) {
			*ce = a;
			return NULL;
		}
	}
	*ce = apex_node(z);
	return NULL;
}

/*
 * RFC 5155 7.2.8: the hashed owner names of an NSEC3 chain are answered as if they did not exist (NSD and
 * Knot give NXDOMAIN), and so is what lies below one. ce is such a node; the closest encloser is its
 * nearest ancestor that is not.
 */
static const znode *step3_nsec3_owner(const q53_zone_t *z, const znode *ce)
{
	/* Invariant: ce is a hashed owner; the apex never is, so the walk ends there at the latest. */
	for (const uint8_t *p = q53_name_parent(zone_name(z, ce)); p != NULL; p = q53_name_parent(p)) {
		const znode *a = zone_find(z, p);
		if (a != NULL && !(a->flags & ZN_NSEC3))
			return a;
	}
	return apex_node(z);
}

/*
 * Step 3b: "if a match would take us out of the authoritative data, we have a referral". Going down from
 * the apex the first node with NS marks the cut, so from a node at or below a cut walk up and keep the
 * highest cut. Returns NULL when node is in the authoritative data.
 */
static const znode *step3b_cut(const q53_zone_t *z, const znode *node)
{
	const znode *cut = NULL;
	if (!(node->flags & (ZN_CUT | ZN_BELOW_CUT)))
		return NULL;
	/* Invariant: every ancestor of a node exists; the walk ends at the first one not below a cut. */
	for (const uint8_t *p = zone_name(z, node); p != NULL; p = q53_name_parent(p)) {
		const znode *a = zone_find(z, p);
		if (a == NULL)
			break;
		if (a->flags & ZN_CUT)
			cut = a;
		if (!(a->flags & ZN_BELOW_CUT))
			break;
	}
	return cut;
}

static void deny_ds(lk *l, const znode *cut, const uint8_t *owner);

/*
 * The referral itself: the cut's NS RRset in authority (and its DS, RFC 4035 3.1.4: the server drops
 * DNSSEC records when DO is clear; with DO and no DS, the proof that there is none). The glue goes to
 * additional in step 6.
 */
static void step3b_referral(lk *l, const znode *cut, const uint8_t *owner)
{
	l->a->kind = Q53_LOOKUP_REFERRAL;
	add(l->a, Q53_SEC_AUTHORITY, owner, zone_rrset(l->z, cut, Q53_TYPE_NS));
	const q53_rrset_t *ds = zone_rrset(l->z, cut, Q53_TYPE_DS);
	if (ds != NULL)
		add(l->a, Q53_SEC_AUTHORITY, owner, ds);
	else if (l->sec != NULL)
		deny_ds(l, cut, owner);
}

/*
 * RFC 6672 3.2, step 3c: below a DNAME the matching stops there (the data below is occluded, 2.4). ce is
 * the name's node (exact) or its closest encloser; a DNAME counts at a proper ancestor of the name only.
 * Going down from the apex the first DNAME wins, so walk up and keep the highest. NULL when there is none.
 */
static const znode *step3c_dname(const q53_zone_t *z, const znode *ce, const znode *exact)
{
	const znode *d = ce != exact && (ce->flags & ZN_DNAME) ? ce : NULL;
	if (!(ce->flags & ZN_BELOW_DNAME))
		return d;
	/* Invariant: every ancestor of a node exists; the walk ends at the first one not below a DNAME. */
	for (const uint8_t *p = q53_name_parent(zone_name(z, ce)); p != NULL; p = q53_name_parent(p)) {
		const znode *a = zone_find(z, p);
		if (a == NULL)
			break;
		if (a->flags & ZN_DNAME)
			d = a;
		if (!(a->flags & ZN_BELOW_DNAME))
			break;
	}
	return d;
}

/*
 * Step 3c: no node for the name. RFC 4592 3.3.1: the source of synthesis is "*.<closest encloser>". The
 * closest encloser is a proper ancestor here, and it is not at or below a cut (step 3b came first).
 */
static const uint8_t *wildcard_of(const uint8_t *name, uint8_t w[Q53_NAME_MAX]);

static const znode *step3c_wildcard(const q53_zone_t *z, const znode *ce)
{
	uint8_t w[Q53_NAME_MAX];
	return wildcard_of(zone_name(z, ce), w) != NULL ? zone_find(z, w) : NULL;
}

/* An owner for data synthesized from a wildcard: a copy of the name asked (RFC 4592 3.3.1). */
static const uint8_t *synth_owner(q53_answer_t *a, const uint8_t *name)
{
	if (a->nsynth >= Q53_CNAME_CHAIN_MAX + 1)
		return NULL;
	uint8_t *o = a->synth[a->nsynth++];
	memcpy(o, name, q53_name_len(name));
	return o;
}

/* True when name already owns a CNAME of the chain: following it again would loop. */
static int in_chain(const q53_answer_t *a, const uint8_t *name)
{
	for (unsigned i = 0; i < a->n; i++)
		if (a->item[i].section == Q53_SEC_ANSWER && a->item[i].set->type == Q53_TYPE_CNAME &&
		    q53_name_equal(a->item[i].owner, name))
			return 1;
	return 0;
}

/*
 * Step 3a: the node (or the source of synthesis, with owner the name asked) matched. Copies the RRsets of
 * QTYPE (all of them for ANY) to the answer; for a CNAME and another QTYPE, copies the CNAME and returns
 * its target when the lookup should restart there (in the zone, no loop, links left). Sets the kind.
 */
static const uint8_t *step3a_found(lk *l, const znode *n, const uint8_t *owner, unsigned links)
{
	q53_answer_t *a = l->a;
	const q53_rrset_t *s;
	if (l->qtype == Q53_TYPE_ANY) {
		/* With DO the RRSIGs go with the RRsets they cover, as NSD and Knot give them. */
		for (unsigned j = 0; j < n->nset; j++)
			if (l->sec == NULL || l->z->sets[n->set + j].type != Q53_TYPE_RRSIG)
				add(a, Q53_SEC_ANSWER, owner, &l->z->sets[n->set + j]);
		a->kind = n->nset > 0 ? Q53_LOOKUP_ANSWER : Q53_LOOKUP_NODATA;
		return NULL;
	}
	if ((s = zone_rrset(l->z, n, l->qtype)) != NULL) {
		/* RRSIG: one set per type covered (q53_rrset_key()), all of them. */
		const q53_rrset_t *last = l->z->sets + n->set + n->nset;
		do
			add(a, Q53_SEC_ANSWER, owner, s);
		while (++s < last && s->type == l->qtype);
		a->kind = Q53_LOOKUP_ANSWER;
		return NULL;
	}
	if (l->qtype == Q53_TYPE_CNAME || (s = zone_rrset(l->z, n, Q53_TYPE_CNAME)) == NULL) {
		/* RFC 2308 2.2: the name exists (perhaps as an empty non-terminal) without the type. */
		a->kind = Q53_LOOKUP_NODATA;
		return NULL;
	}
	add(a, Q53_SEC_ANSWER, owner, s);
	a->kind = Q53_LOOKUP_ANSWER;
	/* The builder allows one CNAME per name (RFC 2181 10.1). Out of the zone the resolver goes on. */
	const uint8_t *target = s->data + 2;
	if (links >= Q53_CNAME_CHAIN_MAX || !q53_name_is_sub(target, l->apex) || in_chain(a, target))
		return NULL;
	return target;
}

/* ---- Denial of existence (RFC 4035 3.1.3-3.1.4, RFC 5155 7.2) --------------------------------------- */

/* "*." and name: the source of synthesis below name (RFC 4592 2.1.1), or NULL when too long. */
static const uint8_t *wildcard_of(const uint8_t *name, uint8_t w[Q53_NAME_MAX])
{
	size_t len = q53_name_len(name);
	if (len + 2 > Q53_NAME_MAX)
		return NULL;
	w[0] = 1;
	w[1] = '*';
	memcpy(w + 2, name, len);
	return w;
}

/* The NSEC or NSEC3 RRset of node n, with its RRSIGs, in authority. */
static void add_proof(lk *l, const znode *n, uint16_t type)
{
	const q53_rrset_t *s = n != NULL ? zone_rrset(l->z, n, type) : NULL;
	if (s != NULL)
		add(l->a, Q53_SEC_AUTHORITY, zone_name(l->z, n), s);
}

/* RFC 4035 3.1.3: the NSEC that matches name, or that covers it when name does not exist. */
static void nsec_for(lk *l, const uint8_t *name)
{
	add_proof(l, zone_nsec_find(l->z, name), Q53_TYPE_NSEC);
}

/*
 * RFC 5155 7.2: the NSEC3 matching the hash of name or, unless only_match, the one covering it. The
 * per-query work of NSEC3 is this hash; the chain's hashes were decoded when the zone was built.
 * Returns whether one matched.
 */
static bool nsec3_for(lk *l, const uint8_t *name, bool only_match)
{
	uint8_t h[NSEC3_HASH_LEN];
	bool match;
	zone_nsec3_hash(l->sec, name, h);
	const znode *n = zone_nsec3_find(l->z, h, &match);
	if (match || !only_match)
		add_proof(l, n, Q53_TYPE_NSEC3);
	return match;
}

/* RFC 5155 1.3: the next closer name, the ancestor of name (or name) one label below its ancestor ce. */
static const uint8_t *next_closer(const uint8_t *name, const uint8_t *ce)
{
	for (unsigned k = q53_name_labels(name) - q53_name_labels(ce); k > 1; k--)
		name = q53_name_parent(name);
	return name;
}

/*
 * RFC 5155 7.2.1: the closest provable encloser proof of name, looking up from `from`, which is name or
 * one of its ancestors: the NSEC3 matching the first of from and its ancestors that has one (under
 * opt-out, 6, an unsigned delegation and the empty non-terminals above it may have none), and when that
 * is not name itself the NSEC3 covering the next closer name. Returns the closest provable encloser.
 */
static const uint8_t *nsec3_encloser(lk *l, const uint8_t *name, const uint8_t *from)
{
	const uint8_t *ce = from;
	/* Invariant: no name from `from` up to ce (exclusive) has an NSEC3; the apex ends the walk. */
	while (!nsec3_for(l, ce, true) && q53_name_len(ce) > q53_name_len(l->apex))
		ce = q53_name_parent(ce);
	if (q53_name_labels(ce) < q53_name_labels(name))
		nsec3_for(l, next_closer(name, ce), false);
	return ce;
}

/*
 * RFC 4035 3.1.3.2, RFC 5155 7.2.2: name does not exist and no wildcard matched at its closest encloser
 * ce. NSEC: the NSEC covering name and the one covering the wildcard at ce. NSEC3: the closest encloser
 * proof and the NSEC3 covering the wildcard at the closest provable encloser.
 */
static void deny_name(lk *l, const uint8_t *name, const znode *ce)
{
	uint8_t w[Q53_NAME_MAX];
	const uint8_t *enc = zone_name(l->z, ce);
	if (l->sec->denial == Q53_DENIAL_NSEC) {
		nsec_for(l, name);
		if (wildcard_of(enc, w) != NULL)
			nsec_for(l, w);
	} else if (l->sec->denial == Q53_DENIAL_NSEC3) {
		enc = nsec3_encloser(l, name, enc);
		if (wildcard_of(enc, w) != NULL)
			nsec3_for(l, w, false);
	}
}

/*
 * RFC 4035 3.1.3.1, RFC 5155 7.2.3-7.2.4: name (node n) exists without the type asked. NSEC: its NSEC,
 * or for an empty non-terminal, which has none, the NSEC covering it (its next name lies below). NSEC3:
 * the NSEC3 matching name; under opt-out an unsigned delegation asked for DS has none, and the closest
 * provable encloser proof stands in (7.2.4).
 */
static void deny_type(lk *l, const uint8_t *name, const znode *n)
{
	if (l->sec->denial == Q53_DENIAL_NSEC) {
		if (zone_rrset(l->z, n, Q53_TYPE_NSEC) != NULL)
			add_proof(l, n, Q53_TYPE_NSEC);
		else
			nsec_for(l, name);
	} else if (l->sec->denial == Q53_DENIAL_NSEC3) {
		nsec3_encloser(l, name, name);
	}
}

/*
 * RFC 4035 3.1.3.3-3.1.3.4, RFC 5155 7.2.5-7.2.6: name was answered from the wildcard node wild below
 * its closest encloser ce; nodata when the wildcard lacks the type. NSEC: the NSEC covering name (no
 * closer match), and for NODATA the wildcard's NSEC. NSEC3: for an answer the NSEC3 covering the next
 * closer name; for NODATA the closest encloser proof and the NSEC3 matching the wildcard.
 */
static void deny_closer(lk *l, const uint8_t *name, const znode *ce, const znode *wild, bool nodata)
{
	if (l->sec->denial == Q53_DENIAL_NSEC) {
		nsec_for(l, name);
		if (nodata)
			add_proof(l, wild, Q53_TYPE_NSEC);
	} else if (l->sec->denial == Q53_DENIAL_NSEC3) {
		const uint8_t *enc = zone_name(l->z, ce);
		if (nodata) {
			nsec3_encloser(l, name, enc);
			nsec3_for(l, zone_name(l->z, wild), true);
		} else {
			nsec3_for(l, next_closer(name, enc), false);
		}
	}
}

/*
 * RFC 4035 3.1.4, RFC 5155 7.2.7: a referral to a child without DS proves that there is none: the cut's
 * NSEC, or the NSEC3 matching it (under opt-out, the closest provable encloser proof).
 */
static void deny_ds(lk *l, const znode *cut, const uint8_t *owner)
{
	if (l->sec->denial == Q53_DENIAL_NSEC)
		add_proof(l, cut, Q53_TYPE_NSEC);
	else if (l->sec->denial == Q53_DENIAL_NSEC3)
		nsec3_encloser(l, owner, owner);
}

/*
 * RFC 4035 3.1.1: with DO every RRset collected takes the RRSIGs covering it, from its node: the
 * wildcard's for a synthesized owner, else the owner's (which is zone data, so it is found).
 */
static void step_sign(lk *l)
{
	q53_answer_t *a = l->a;
	for (unsigned i = 0; i < a->n; i++) {
		q53_answer_item_t *it = &a->item[i];
		const znode *n = NULL;
		for (unsigned k = 0; k < a->nsynth && n == NULL; k++)
			if (it->owner == a->synth[k])
				n = l->wild[k];
		if (n == NULL)
			n = zone_find(l->z, it->owner);
		it->sig = n != NULL ? sig_of(l->z, n, it->set->type) : NULL;
	}
}

/*
 * Step 6: "attempt to add other RRs which may be useful": the A and AAAA of the in-zone targets of NS, MX
 * and SRV records. Targets at or below a cut are not authoritative data, so only NS (glue) takes them;
 * for a referral that is the glue of RFC 1034 4.2.1, wherever in the zone it lives (as NSD and Knot).
 */
static void step6_addresses(lk *l, const q53_rrset_t *s)
{
	int off = zone_target_off(s->type);
	if (off < 0 || s->type == Q53_TYPE_CNAME || s->type == Q53_TYPE_DNAME)
		return;
	size_t pos = 0;
	const uint8_t *rd;
	uint16_t len;
	while (q53_rrset_next(s, &pos, &rd, &len) > 0) {
		const uint8_t *target = rd + off;
		if (!q53_name_is_sub(target, l->apex))
			continue;
		const znode *t = zone_find(l->z, target);
		if (t == NULL || (t->flags & ZN_BELOW_DNAME))
			continue;
		if ((t->flags & (ZN_CUT | ZN_BELOW_CUT)) && s->type != Q53_TYPE_NS)
			continue;
		const q53_rrset_t *a4 = zone_rrset(l->z, t, Q53_TYPE_A),
				  *a6 = zone_rrset(l->z, t, Q53_TYPE_AAAA);
		if (a4 != NULL)
			add(l->a, Q53_SEC_ADDITIONAL, zone_name(l->z, t), a4);
		if (a6 != NULL)
			add(l->a, Q53_SEC_ADDITIONAL, zone_name(l->z, t), a6);
	}
}

int q53_zone_lookup(const q53_zone_t *z, const uint8_t *qname, uint16_t qtype, unsigned flags,
		    q53_answer_t *a)
{
	return q53_zone_lookup_hashed(z, qname, qname != NULL ? q53_name_hash(qname) : 0, qtype, flags, a);
}

int q53_zone_lookup_hashed(const q53_zone_t *z, const uint8_t *qname, uint32_t qhash, uint16_t qtype,
			   unsigned flags, q53_answer_t *a)
{
	if (z == NULL || qname == NULL || a == NULL)
		return Q53_EINVAL;
	a->n = 0;
	a->nsynth = 0;
	a->kind = Q53_LOOKUP_ANSWER;
	lk l;
	l.z = z;
	l.a = a;
	l.apex = zone_name(z, apex_node(z));
	l.qtype = qtype;
	l.sec = (flags & Q53_LOOKUP_DNSSEC) ? z->sec : NULL;
	if (!(flags & Q53_LOOKUP_IN_ZONE) && !q53_name_is_sub(qname, l.apex))
		return Q53_EINVAL;
	const uint8_t *name = qname;
	/* Invariant: the answer holds the CNAMEs of the first `links` names of the chain; name is the next.
	 */
	for (unsigned links = 0;; links++) {
		const znode *ce, *n = step3_match(z, name, name == qname ? qhash : q53_name_hash(name), &ce);
		const znode *cut = NULL, *dname = NULL;
		/* One test for the names most queries never meet: cuts, DNAMEs and hashed NSEC3 owners. */
		if (ce->flags & (ZN_CUT | ZN_BELOW_CUT | ZN_DNAME | ZN_BELOW_DNAME | ZN_NSEC3)) {
			if (ce->flags & ZN_NSEC3) {
				ce = step3_nsec3_owner(z, ce);
				n = NULL;
			}
			cut = step3b_cut(z, ce);
			dname = step3c_dname(z, ce, n);
		}
		/* Both on the way down: the higher one is met first (a DNAME at a cut is occluded). */
		if (cut != NULL && dname != NULL &&
		    q53_name_labels(zone_name(z, dname)) < q53_name_labels(zone_name(z, cut)))
			cut = NULL;
		/* RFC 4035 3.1.4.1: the DS RRset of a cut lives on the parent side, so it is answered here.
		 */
		if (cut != NULL && !(cut == n && qtype == Q53_TYPE_DS)) {
			step3b_referral(&l, cut, zone_name(z, cut));
			break;
		}
		if (dname != NULL) {
			add(a, Q53_SEC_ANSWER, zone_name(z, dname), zone_rrset(z, dname, Q53_TYPE_DNAME));
			a->kind = Q53_LOOKUP_ANSWER;
			break;
		}
		const uint8_t *owner;
		const znode *wild = NULL;
		if (n != NULL) {
			owner = zone_name(z, n);
		} else {
			n = step3c_wildcard(z, ce);
			/* RFC 1034 4.3.2 3c and RFC 6604 2.1: the rcode tells about the last name of the
			 * chain. synth_owner() has room for every name of a chain. */
			if (n == NULL || (owner = synth_owner(a, name)) == NULL) {
				a->kind = Q53_LOOKUP_NXDOMAIN;
				if (l.sec != NULL)
					deny_name(&l, name, ce);
				break;
			}
			/* The node behind the owner just synthesized, whose RRSIGs step_sign() takes. */
			l.wild[a->nsynth - 1] = n;
			/* RFC 4592 4.2: a wildcard owning NS is a cut; its referral takes the name asked. */
			if (n->flags & ZN_CUT) {
				step3b_referral(&l, n, owner);
				break;
			}
			wild = n;
		}
		const uint8_t *next = step3a_found(&l, n, owner, links);
		/* With DO: each name of a CNAME chain answered from a wildcard, and the last one when it
		 * lacks the type, gets its proof (RFC 4035 3.1.3). */
		if (l.sec != NULL) {
			if (wild != NULL)
				deny_closer(&l, name, ce, wild, a->kind == Q53_LOOKUP_NODATA);
			else if (a->kind == Q53_LOOKUP_NODATA)
				deny_type(&l, name, n);
		}
		if (next == NULL)
			break;
		name = next;
	}
	/* RFC 2308 3: negative answers carry the SOA (the server caps its TTL with MINIMUM). */
	if ((a->kind == Q53_LOOKUP_NXDOMAIN || a->kind == Q53_LOOKUP_NODATA) && z->soa != NULL)
		add(a, Q53_SEC_AUTHORITY, l.apex, z->soa);
	if (a->kind == Q53_LOOKUP_ANSWER && (flags & Q53_LOOKUP_NO_MINIMAL) && z->apex_ns != NULL) {
		/* Not when the answer is the apex NS itself (add() skips an RRset already there). */
		add(a, Q53_SEC_AUTHORITY, l.apex, z->apex_ns);
	}
	/* Step 6 over the answer and authority items; additional items added meanwhile have no targets. */
	unsigned n = a->n;
	for (unsigned i = 0; i < n; i++) {
		const q53_answer_item_t *it = &a->item[i];
		if (it->section == Q53_SEC_ANSWER ||
		    (it->section == Q53_SEC_AUTHORITY && it->set->type == Q53_TYPE_NS))
			step6_addresses(&l, it->set);
	}
	if (l.sec != NULL)
		step_sign(&l);
	return 0;
}

/* ---- The zone set --------------------------------------------------------------------------------- */

enum { FEW_ZONES = 4 };

struct q53_zoneset {
	q53_zone_t **zones;
	size_t n;
	uint32_t *slots; /* zone index + 1, 0 empty; linear probing, at most half full */
	uint32_t mask;
	uint64_t depth[2]; /* bit l: some apex has l labels, so names of other depths are not probed */
	/* With at most FEW_ZONES zones (the usual server), the apexes' lengths: a query's suffix of that
	 * length is compared with them directly, without hashing it. */
	uint16_t apex_len[FEW_ZONES];
};

q53_zoneset_t *q53_zoneset_new(q53_zone_t *const *zones, size_t n)
{
	if (n > 0 && zones == NULL)
		return NULL;
	q53_zoneset_t *s = calloc(1, sizeof *s);
	if (s == NULL)
		return NULL;
	size_t cap = 8;
	while (cap < 2 * n && cap <= UINT32_MAX / 4)
		cap *= 2;
	s->mask = (uint32_t)(cap - 1);
	s->slots = calloc(cap, sizeof *s->slots);
	s->zones = malloc((n ? n : 1) * sizeof *s->zones);
	if (s->slots == NULL || s->zones == NULL || n >= UINT32_MAX / 2) {
		free(s->slots);
		free(s->zones);
		free(s);
		return NULL;
	}
	/* Ownership moves only on success, so a caller can free its zones after a failure. */
	for (size_t i = 0; i < n; i++) {
		q53_zone_t *z = zones[i];
		if (z == NULL)
			continue;
		const uint8_t *apex = q53_zone_apex(z);
		uint32_t h = q53_name_hash(apex), j = h & s->mask;
		/* Invariant: slots from h & mask to j hold other apexes. */
		while (s->slots[j] != 0 && !q53_name_equal(q53_zone_apex(s->zones[s->slots[j] - 1]), apex))
			j = (j + 1) & s->mask;
		if (s->slots[j] != 0) {
			/* The same apex twice: the first zone given is served, the later one freed. */
			q53_zone_free(z);
			continue;
		}
		if (s->n < FEW_ZONES)
			s->apex_len[s->n] = (uint16_t)q53_name_len(apex);
		s->zones[s->n] = z;
		s->slots[j] = (uint32_t)++s->n;
		unsigned l = q53_name_labels(apex);
		s->depth[l >> 6] |= (uint64_t)1 << (l & 63);
	}
	return s;
}

void q53_zoneset_free(q53_zoneset_t *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++)
		q53_zone_free(s->zones[i]);
	q53_zoneset_release(s);
}

void q53_zoneset_release(q53_zoneset_t *s)
{
	if (s == NULL)
		return;
	free(s->zones);
	free(s->slots);
	free(s);
}

/*
 * RFC 1034 4.3.2 step 2: "the zone which is the nearest ancestor to QNAME". Strips labels from qname,
 * longest first, probing only the depths some apex has. A child zone thus answers for itself beside its
 * parent.
 */
const q53_zone_t *q53_zoneset_find(const q53_zoneset_t *s, const uint8_t *qname)
{
	if (s == NULL || qname == NULL)
		return NULL;
	if (s->n <= FEW_ZONES) {
		/* Suffixes longest first: the first apex equal to one is the nearest. */
		size_t n = q53_name_len(qname);
		for (size_t i = 0;; i += 1u + qname[i]) {
			for (size_t k = 0; k < s->n; k++)
				if (s->apex_len[k] == n - i &&
				    q53_name_equal(qname + i, q53_zone_apex(s->zones[k])))
					return s->zones[k];
			if (qname[i] == 0)
				return NULL;
		}
	}
	unsigned l = q53_name_labels(qname);
	/* Invariant: p is qname without its first (labels of qname - l) labels; l counts p's labels. */
	for (const uint8_t *p = qname; p != NULL; p = q53_name_parent(p), l--) {
		if (!(s->depth[l >> 6] >> (l & 63) & 1))
			continue;
		uint32_t h = q53_name_hash(p);
		for (uint32_t j = h & s->mask; s->slots[j] != 0; j = (j + 1) & s->mask) {
			const q53_zone_t *z = s->zones[s->slots[j] - 1];
			if (q53_name_equal(q53_zone_apex(z), p))
				return z;
		}
	}
	return NULL;
}

/* ---- Prefetching for a batch ---------------------------------------------------------------------- */

#if defined(__GNUC__)
#define PREFETCH(a) __builtin_prefetch(a)
#else
#define PREFETCH(a) ((void)(a))
#endif

void q53_prefetch_start(const q53_zoneset_t *s, const uint8_t *qname, q53_prefetch_t *p)
{
	p->z = q53_zoneset_find(s, qname);
	p->node = p->next = 0;
	if (p->z == NULL)
		return;
	p->hash = q53_name_hash(qname);
	PREFETCH(&p->z->slots[p->hash & p->z->mask]);
}

void q53_prefetch_node(q53_prefetch_t *p)
{
	if (p->z == NULL)
		return;
	uint32_t i = p->hash & p->z->mask, slot = p->z->slots[i];
	p->node = slot;
	p->next = 0;
	if (slot == 0)
		return;
	PREFETCH(&p->z->nodes[slot - 1]);
	/* Linear probing puts a third of the names one slot on; that slot is usually in the line just
	 * read, so its node is fetched too. */
	uint32_t next = p->z->slots[(i + 1) & p->z->mask];
	if (next != 0) {
		p->next = next;
		PREFETCH(&p->z->nodes[next - 1]);
	}
}

void q53_prefetch_sets(q53_prefetch_t *p)
{
	if (p->z == NULL || p->node == 0)
		return;
	const znode *n = &p->z->nodes[p->node - 1];
	if (n->hash != p->hash) {
		/* Another name's node: then the name's may be the next one (or farther: not prefetched). */
		p->node = p->next;
		if (p->node == 0)
			return;
		n = &p->z->nodes[p->node - 1];
		if (n->hash != p->hash) {
			p->node = 0;
			return;
		}
	}
	/* The name (compared with the query's) may cross into the next line: names are packed. */
	const uint8_t *name = zone_name(p->z, n);
	PREFETCH(name);
	PREFETCH(name + 31);
	if (n->nset > 0)
		PREFETCH(&p->z->sets[n->set]);
}

void q53_prefetch_data(const q53_prefetch_t *p)
{
	if (p->z == NULL || p->node == 0)
		return;
	/* q53_prefetch_sets() left node only when it is the name's own. */
	const znode *n = &p->z->nodes[p->node - 1];
	/* The RDATA of the node's first few RRsets: the answer reads it to size each RRset, and the
	 * additional section often comes from the same node (an MX whose target is the name itself). */
	const q53_rrset_t *set = p->z->sets + n->set;
	for (unsigned i = 0; i < n->nset && i < 4; i++)
		PREFETCH(set[i].data);
}
