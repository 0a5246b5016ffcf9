/*
 * The answer engine of q53d: one query in, one response out. The steps, one small function each and in
 * NSD's order: drop what must not be answered (QR=1, no header), read the whole message (RFC 1035 4.1,
 * FORMERR), EDNS (RFC 6891: BADVERS, payload size; RFC 5001 NSID; RFC 7873 and RFC 9018 cookies), opcode
 * (NOTIMP), the question (RFC 9619), qtype and class (CHAOS identity, RFC 4892), the zone (RFC 1034 4.3.2
 * step 2, REFUSED outside our zones), the lookup of zones/lookup.c, RFC 8482 for ANY, RFC 6672 DNAME
 * synthesis; then the encoding, which drops whole RRsets that do not fit (RFC 2181 9, RFC 9471 glue).
 *
 * With the DO bit (RFC 3225) a signed zone answers as RFC 4035 3.1 says: the lookup collects the RRSIGs
 * of each RRset and the NSEC or NSEC3 proofs, and each RRset goes out with its RRSIGs or not at all.
 *
 * Goal: what NSD and Knot answer, with no allocation, lock, system call or global mutable state, so each
 * worker calls it on its own buffers. Non-goals here: online signing, transfers and NOTIFY (xfr.c), EDNS
 * padding (RFC 7830).
 */
#include "config.h"

#include <string.h>

#include "answer.h"
#include "q53/msg.h"
#include "q53/name.h"

/* A path most answers never take, kept out of line (GCC and Clang). */
#if defined(__GNUC__)
#define COLD __attribute__((noinline, cold))
#else
#define COLD
#endif

/* The answer items fit in one 64-bit mask of what goes out. */
_Static_assert(Q53_ANSWER_MAX <= 64, "keep mask too small");
/* The query's DO bit asks the lookup for DNSSEC as it is (step_lookup). */
_Static_assert((unsigned)Q53_LOOKUP_DNSSEC == (unsigned)Q53_EDNS_DO, "DO bit and lookup flag differ");

enum {
	COOKIE_CLIENT = 8,  /* RFC 7873 4.1 */
	COOKIE_SERVER = 16, /* RFC 9018 3: version, reserved, timestamp, hash */
	OPTS_MAX = 4 + Q53_NSID_MAX + 4 + COOKIE_CLIENT + COOKIE_SERVER,
	OPCODE_MASK = 0x7800,
};

/* One query: what reading it found, then what the response holds. Lives on the caller's stack. */
typedef struct query {
	const q53_answer_cfg_t *cfg;
	const q53_zoneset_t *zones;
	const q53_client_t *client;
	const uint8_t *msg;
	size_t len;
	uint16_t id, flags; /* the query's header */
	uint16_t qdcount;
	bool has_q;		     /* exactly one question, read: echoed in the response */
	uint8_t qname[Q53_NAME_MAX]; /* as the client wrote it, case kept */
	uint16_t qtype, qclass;
	bool edns; /* one well-formed OPT was read */
	q53_edns_t qedns;
	bool nsid;	       /* NSID asked for (RFC 5001 2.1) */
	const uint8_t *cookie; /* the COOKIE option's data (8 or 16..40 octets), or NULL */
	size_t cookie_len;
	/* The response. */
	unsigned rcode; /* 12 bits: the upper 8 go in the OPT */
	bool aa;
	const char *chaos; /* the CHAOS TXT string to answer with, or NULL */
	const q53_zone_t *zone;
	const q53_prefetch_t *hint; /* the batch's zone and hash of the question's name, or NULL */
	q53_answer_t a;
	uint64_t keep; /* bit i: a.item[i] goes out */
	/* RFC 6672 3.3: the CNAME synthesized from the DNAME item dname (-1: none). */
	int dname;
	const uint8_t *synth_owner;
	uint8_t synth[Q53_NAME_MAX];
	q53_writer_t w;
} query;

/* Ends the steps with this rcode: the steps return 1 once the response is decided, 0 to go on. */
static int done(query *q, unsigned rcode)
{
	q->rcode = rcode;
	return 1;
}

/* ---- SipHash-2-4 and the RFC 9018 server cookie ---------------------------------------------------- */

static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;
	for (unsigned i = 8; i-- > 0;)
		v = v << 8 | p[i];
	return v;
}

static uint64_t rotl(uint64_t x, unsigned b)
{
	return x << b | x >> (64 - b);
}

static void sipround(uint64_t v[4])
{
	v[0] += v[1];
	v[1] = rotl(v[1], 13) ^ v[0];
	v[0] = rotl(v[0], 32);
	v[2] += v[3];
	v[3] = rotl(v[3], 16) ^ v[2];
	v[0] += v[3];
	v[3] = rotl(v[3], 21) ^ v[0];
	v[2] += v[1];
	v[1] = rotl(v[1], 17) ^ v[2];
	v[2] = rotl(v[2], 32);
}

uint64_t q53_siphash24(const uint8_t key[16], const uint8_t *msg, size_t len)
{
	uint64_t k0 = le64(key), k1 = le64(key + 8);
	uint64_t v[4] = {k0 ^ 0x736f6d6570736575u, k1 ^ 0x646f72616e646f6du, k0 ^ 0x6c7967656e657261u,
			 k1 ^ 0x7465646279746573u};
	size_t whole = len - len % 8;
	/* Invariant: msg[0..i) is absorbed, two rounds per 8-octet word (the "2" of SipHash-2-4). */
	for (size_t i = 0; i < whole; i += 8) {
		uint64_t m = le64(msg + i);
		v[3] ^= m;
		sipround(v);
		sipround(v);
		v[0] ^= m;
	}
	/* The last word: the tail octets little-endian, the length modulo 256 in the top octet. */
	uint64_t b = (uint64_t)(len & 0xFF) << 56;
	for (size_t i = 0; i < len % 8; i++)
		b |= (uint64_t)msg[whole + i] << (8 * i);
	v[3] ^= b;
	sipround(v);
	sipround(v);
	v[0] ^= b;
	v[2] ^= 0xFF;
	for (unsigned i = 0; i < 4; i++)
		sipround(v);
	return v[0] ^ v[1] ^ v[2] ^ v[3];
}

/*
 * RFC 9018 3: Version 1, Reserved 0, Timestamp, then Hash = SipHash-2-4(Client Cookie | Version |
 * Reserved | Timestamp | Client-IP, Server Secret), the hash's octets in SipHash's little-endian order.
 */
static void cookie_hash(const q53_answer_cfg_t *cfg, const q53_client_t *client, const uint8_t *client_cookie,
			uint32_t stamp, uint8_t out[COOKIE_SERVER])
{
	uint8_t in[COOKIE_CLIENT + 8 + 16];
	size_t iplen = client->family == 4 ? 4 : 16;
	memcpy(in, client_cookie, COOKIE_CLIENT);
	in[8] = 1;
	in[9] = in[10] = in[11] = 0;
	q53_put32(in + 12, stamp);
	memcpy(in + 16, client->addr, iplen);
	uint64_t h = q53_siphash24(cfg->cookie_secret, in, 16 + iplen);
	memcpy(out, in + 8, 8);
	for (unsigned i = 0; i < 8; i++)
		out[8 + i] = (uint8_t)(h >> (8 * i));
}

static void server_cookie(const query *q, uint8_t out[COOKIE_SERVER])
{
	cookie_hash(q->cfg, q->client, q->cookie, q->cfg->now, out);
}

bool q53_answer_cookie_valid(const q53_answer_cfg_t *cfg, const q53_client_t *client, const uint8_t *cookie,
			     size_t len)
{
	if (cfg == NULL || client == NULL || cookie == NULL || len != COOKIE_CLIENT + COOKIE_SERVER ||
	    cookie[COOKIE_CLIENT] != 1)
		return false;
	/* RFC 9018 4.3: serial number arithmetic on the 32-bit timestamp (RFC 1982). */
	uint32_t stamp = q53_get32(cookie + COOKIE_CLIENT + 4);
	int32_t age = (int32_t)(cfg->now - stamp);
	if (age > 3600 || age < -300)
		return false;
	uint8_t want[COOKIE_SERVER];
	cookie_hash(cfg, client, cookie, stamp, want);
	/* Every octet compared: the time taken says nothing of where a forged cookie first differs. */
	uint8_t diff = 0;
	for (unsigned i = 0; i < COOKIE_SERVER; i++)
		diff |= (uint8_t)(want[i] ^ cookie[COOKIE_CLIENT + i]);
	return diff == 0;
}

/* ---- Reading the query ----------------------------------------------------------------------------- */

/*
 * RFC 1035 4.1.1: a response (QR=1) is never answered, or two servers could answer each other forever;
 * a packet shorter than a header has no ID to answer to, and none is longer than 65535 octets (4.2.2).
 */
static int step_drop(const uint8_t *msg, size_t len)
{
	return len < Q53_HEADER_LEN || len > Q53_MSG_MAX || (q53_get16(msg + 2) & Q53_FLAG_QR);
}

/*
 * RFC 1035 4.1: every counted record is read and checked (names, RDATA layout, RFC 6891 6.1.1: one OPT,
 * in additional, at the root); anything malformed is FORMERR. The question goes back only when it was
 * read, the OPT only when the whole message was. Octets after the last counted record are ignored: the
 * counts say what the message holds (BIND does the same; Knot answers FORMERR).
 */
static int step_parse(query *q)
{
	q53_reader_t r;
	q53_rr_t rr;
	int rc;
	unsigned nq = 0;
	q53_reader_init(&r, q->msg, q->len);
	q->qdcount = r.count[Q53_SEC_QUESTION];
	/* Invariant: the records before rr were valid; nq questions were read, the first kept. */
	while ((rc = q53_reader_next(&r, &rr)) > 0) {
		if (rr.section == Q53_SEC_QUESTION) {
			if (nq++ == 0) {
				q53_rr_owner(&rr, q->qname);
				q->qtype = rr.type;
				q->qclass = rr.rclass;
			}
		} else if (rr.type == Q53_TYPE_OPT) {
			q53_edns_from_rr(&rr, &q->qedns);
			q->edns = true;
		}
	}
	q->has_q = q->qdcount == 1 && nq == 1;
	if (rc < 0) {
		q->edns = false;
		return done(q, Q53_RCODE_FORMERR);
	}
	return 0;
}

/*
 * RFC 6891 6.1.3: a version above ours (0) gets BADVERS and nothing else. Options (6.1.2): unknown ones
 * are ignored; NSID (RFC 5001 2.1) is noted; the first COOKIE is kept when we do cookies (RFC 7873 5.2:
 * a server without cookies ignores the option) and FORMERR when its length is impossible (5.2.2).
 */
static int step_edns(query *q)
{
	if (!q->edns)
		return 0;
	if (q->qedns.version != 0)
		return done(q, Q53_RCODE_BADVERS);
	size_t pos = 0;
	q53_edns_opt_t o;
	/* Invariant: the options before pos were seen; the reader checked that they frame the RDATA. */
	while (q53_edns_option_next(&q->qedns, &pos, &o) > 0) {
		if (o.code == Q53_OPT_NSID) {
			q->nsid = true;
		} else if (o.code == Q53_OPT_COOKIE && q->cfg->cookies && q->cookie == NULL) {
			if (o.len != COOKIE_CLIENT && (o.len < 16 || o.len > 40))
				return done(q, Q53_RCODE_FORMERR);
			/* RFC 7873 5.2.3-5.2.4: a missing or stale server cookie is answered normally, with a
			 * fresh one; we do not enforce cookies, so we never check it. */
			q->cookie = o.data;
			q->cookie_len = o.len;
		}
	}
	return 0;
}

/* RFC 1035 4.1.1: we implement QUERY only (NOTIFY comes with zone transfers). */
static int step_opcode(query *q)
{
	if (Q53_FLAGS_OPCODE(q->flags) != Q53_OPCODE_QUERY)
		return done(q, Q53_RCODE_NOTIMP);
	return 0;
}

/*
 * RFC 9619: a QUERY carries exactly one question, else FORMERR. RFC 7873 5.4: no question and a COOKIE
 * asks only for a server cookie, which the OPT carries with NOERROR.
 */
static int step_question(query *q)
{
	if (q->has_q)
		return 0;
	if (q->qdcount == 0 && q->cookie != NULL)
		return done(q, Q53_RCODE_NOERROR);
	return done(q, Q53_RCODE_FORMERR);
}

/*
 * Meta types (RFC 6895 3.1): OPT is a pseudo-RR of the additional section (RFC 6891 6.1.1) and TSIG is
 * the last record of a message (RFC 8945 5.1), so asking for them is FORMERR. Zone transfers (AXFR,
 * IXFR: RFC 5936, RFC 1995) are answered by xfr.c, which the server asks first when transfers are
 * configured; one that reaches this engine (q53d without transfers) gets NOTIMP. TKEY (RFC 2930) is not
 * implemented: NOTIMP.
 */
static int step_qtype(query *q)
{
	switch (q->qtype) {
	case Q53_TYPE_OPT:
	case Q53_TYPE_TSIG:
		return done(q, Q53_RCODE_FORMERR);
	case Q53_TYPE_AXFR:
	case Q53_TYPE_IXFR:
	case Q53_TYPE_TKEY:
		return done(q, Q53_RCODE_NOTIMP);
	default:
		return 0;
	}
}

/*
 * The CHAOS class (RFC 1035 3.2.4) answers who we are: version.bind and version.server (BIND's
 * convention), id.server (RFC 4892 2) and hostname.bind, TXT (or ANY), TTL 0, as NSD does. Anything
 * else in CH, or a string not configured, is REFUSED.
 */
static int step_chaos(query *q)
{
	static const uint8_t version_bind[] = "\7version\4bind", version_server[] = "\7version\6server",
			     id_server[] = "\2id\6server", hostname_bind[] = "\10hostname\4bind";
	const char *text;
	if (q53_name_equal(q->qname, version_bind) || q53_name_equal(q->qname, version_server))
		text = q->cfg->version;
	else if (q53_name_equal(q->qname, id_server) || q53_name_equal(q->qname, hostname_bind))
		text = q->cfg->identity;
	else
		text = NULL;
	if (text == NULL || (q->qtype != Q53_TYPE_TXT && q->qtype != Q53_TYPE_ANY))
		return done(q, Q53_RCODE_REFUSED);
	q->chaos = text;
	q->aa = true;
	return done(q, Q53_RCODE_NOERROR);
}

/*
 * Zones are class IN (RFC 1035 3.2.4). CH goes to step_chaos(); class ANY (RFC 1035 3.2.5) and every
 * other class are REFUSED: we hold no data for them (NSD answers class ANY from its IN zones).
 */
static int step_class(query *q)
{
	if (q->qclass == Q53_CLASS_IN)
		return 0;
	if (q->qclass == Q53_CLASS_CH)
		return step_chaos(q);
	return done(q, Q53_RCODE_REFUSED);
}

/*
 * RFC 1034 4.3.2 step 2: the nearest zone; none is REFUSED without AA (NSD and Knot). RFC 4035 3.1.4.1:
 * the DS RRset of a zone's apex lives in the parent zone, so when we serve the parent too it answers.
 */
static int step_zone(query *q)
{
	/* The prefetch found the zone of this very name (the question's, read in place), in this set. */
	const q53_zone_t *z =
	    q->hint != NULL && q->hint->z != NULL ? q->hint->z : q53_zoneset_find(q->zones, q->qname);
	if (z == NULL)
		return done(q, Q53_RCODE_REFUSED);
	if (q->qtype == Q53_TYPE_DS && q->qname[0] != 0 && q53_name_equal(q53_zone_apex(z), q->qname)) {
		const q53_zone_t *parent = q53_zoneset_find(q->zones, q53_name_parent(q->qname));
		if (parent != NULL)
			z = parent;
	}
	q->zone = z;
	return 0;
}

/*
 * RFC 1034 4.3.2 step 3 in zones/lookup.c. RFC 1035 4.1.1: AA speaks for the first owner of the answer
 * section, so a referral (3b) is not authoritative unless a CNAME of ours leads to it. RFC 6604 2.1: the
 * rcode is that of the last name of a CNAME chain. RFC 4035 3.1: DO asks for RRSIGs and denial proofs.
 */
static int step_lookup(query *q)
{
	/* step_zone() found the zone for this name (or its parent, for DS at an apex). */
	unsigned flags = Q53_LOOKUP_IN_ZONE | (q->cfg->minimal ? 0 : Q53_LOOKUP_NO_MINIMAL) |
			 (q->qedns.flags & Q53_EDNS_DO);
	uint32_t hash = q->hint != NULL && q->hint->z == q->zone ? q->hint->hash : q53_name_hash(q->qname);
	if (q53_zone_lookup_hashed(q->zone, q->qname, hash, q->qtype, flags, &q->a) < 0)
		return done(q, Q53_RCODE_SERVFAIL);
	q->keep = q->a.n >= 64 ? UINT64_MAX : ((uint64_t)1 << q->a.n) - 1;
	bool answers = q->a.n > 0 && q->a.item[0].section == Q53_SEC_ANSWER;
	q->aa = q->a.kind != Q53_LOOKUP_REFERRAL || answers;
	q->rcode = q->a.kind == Q53_LOOKUP_NXDOMAIN ? Q53_RCODE_NXDOMAIN : Q53_RCODE_NOERROR;
	return 0;
}

static bool is_dnssec(uint16_t type)
{
	return type == Q53_TYPE_RRSIG || type == Q53_TYPE_NSEC || type == Q53_TYPE_NSEC3 ||
	       type == Q53_TYPE_DS;
}

/*
 * RFC 3225 3 and RFC 4035 3.1.4: without the DO bit, DNSSEC records go out only when asked for by type
 * (so the DS of a referral stays home).
 */
static void step_dnssec(query *q)
{
	if (q->edns && (q->qedns.flags & Q53_EDNS_DO))
		return;
	for (unsigned i = 0; i < q->a.n; i++)
		if (is_dnssec(q->a.item[i].set->type) && q->a.item[i].set->type != q->qtype)
			q->keep &= ~((uint64_t)1 << i);
}

/*
 * RFC 8482 4.1: over UDP, ANY gets one RRset of the node: the lowest type that is not RRSIG (the lookup
 * gives a node's RRsets in ascending type order), and no additional data. TCP gets the whole node. A
 * referral stays whole: its glue is no answer to ANY.
 */
static void step_any(query *q)
{
	if (q->qtype != Q53_TYPE_ANY || q->client->tcp || q->a.kind != Q53_LOOKUP_ANSWER)
		return;
	bool picked = false;
	for (unsigned i = 0; i < q->a.n; i++) {
		const q53_answer_item_t *it = &q->a.item[i];
		uint64_t bit = (uint64_t)1 << i;
		if (!(q->keep & bit) || it->section == Q53_SEC_AUTHORITY)
			continue;
		if (it->section == Q53_SEC_ANSWER && !picked && it->set->type != Q53_TYPE_RRSIG)
			picked = true;
		else
			q->keep &= ~bit;
	}
}

/*
 * RFC 6672 3.3: the lookup stops at a DNAME above the name; the server adds the CNAME from that name to
 * the name with the DNAME's owner replaced by its target, TTL that of the DNAME (3.1). The name is the
 * query's, or the target of the last CNAME before the DNAME. A result over 255 octets is YXDOMAIN (2.2).
 */
static void step_dname(query *q)
{
	const uint8_t *cur = q->qname;
	q->dname = -1;
	/* Invariant: cur is the name the answer items before i lead to. */
	for (unsigned i = 0; i < q->a.n; i++) {
		const q53_answer_item_t *it = &q->a.item[i];
		if (it->section != Q53_SEC_ANSWER)
			break;
		if (it->set->type == Q53_TYPE_CNAME && q53_name_equal(it->owner, cur)) {
			cur = it->set->data + 2;
			continue;
		}
		if (it->set->type != Q53_TYPE_DNAME || q53_name_equal(it->owner, cur) ||
		    !q53_name_is_sub(cur, it->owner))
			continue;
		const uint8_t *target = it->set->data + 2;
		size_t prefix = q53_name_len(cur) - q53_name_len(it->owner), tlen = q53_name_len(target);
		if (prefix + tlen > Q53_NAME_MAX) {
			q->rcode = Q53_RCODE_YXDOMAIN;
			return;
		}
		memcpy(q->synth, cur, prefix);
		memcpy(q->synth + prefix, target, tlen);
		q->synth_owner = cur;
		q->dname = (int)i;
		return;
	}
}

/* ---- Writing the response -------------------------------------------------------------------------- */

/*
 * RFC 1035 4.2.1: 512 octets over UDP without EDNS. RFC 6891 6.2.3-6.2.5: with EDNS the requestor's
 * payload size, 512 when it says less, and never more than ours (as NSD and Knot). TCP: the buffer.
 */
static size_t size_limit(const query *q, size_t cap)
{
	size_t lim = cap > Q53_MSG_MAX ? Q53_MSG_MAX : cap, udp = Q53_UDP_MAX;
	if (q->client->tcp)
		return lim;
	if (q->edns) {
		size_t theirs = q->qedns.udp_size, ours = q->cfg->edns_size;
		udp = theirs < ours ? theirs : ours;
		if (udp < Q53_UDP_MAX)
			udp = Q53_UDP_MAX;
	}
	return udp < lim ? udp : lim;
}

/*
 * RFC 1035 4.1.1: QR set, opcode and RD copied, RA never (we do not recurse); RFC 4035 3.1.6: CD
 * copied. The Z and AD bits stay clear.
 */
static uint16_t resp_flags(const query *q)
{
	uint16_t f = (uint16_t)(Q53_FLAG_QR | (q->flags & (OPCODE_MASK | Q53_FLAG_RD | Q53_FLAG_CD)) |
				(q->rcode & 0xF));
	if (q->aa)
		f |= Q53_FLAG_AA;
	return f;
}

static size_t put_option(uint8_t *p, uint16_t code, const void *data, size_t len)
{
	q53_put16(p, code);
	q53_put16(p + 2, (uint16_t)len);
	memcpy(p + 4, data, len);
	return 4 + len;
}

/*
 * The OPT of the response (RFC 6891 6.1.2-6.1.3): our payload size, the upper rcode bits, version 0, DO
 * copied (RFC 3225 3), NSID when asked and configured (RFC 5001 2.2), and the client cookie with a fresh
 * server cookie (RFC 7873 5.2).
 */
static void build_opt(const query *q, q53_edns_t *e, uint8_t opts[OPTS_MAX])
{
	size_t n = 0;
	e->udp_size = q->cfg->edns_size < Q53_UDP_MAX ? Q53_UDP_MAX : q->cfg->edns_size;
	e->ext_rcode = (uint8_t)(q->rcode >> 4);
	e->version = 0;
	e->flags = q->qedns.flags & Q53_EDNS_DO;
	if (q->nsid && q->cfg->nsid != NULL)
		n += put_option(opts + n, Q53_OPT_NSID, q->cfg->nsid, q->cfg->nsid_len);
	if (q->cookie != NULL) {
		uint8_t c[COOKIE_CLIENT + COOKIE_SERVER];
		memcpy(c, q->cookie, COOKIE_CLIENT);
		server_cookie(q, c + COOKIE_CLIENT);
		n += put_option(opts + n, Q53_OPT_COOKIE, c, sizeof c);
	}
	e->options_len = (uint16_t)n;
	e->options = opts;
}

/* The query's name (its case, and the question's octets for compression) for an owner equal to it. */
static const uint8_t *owner_of(const query *q, const uint8_t *owner)
{
	return owner == q->qname || q53_name_equal(owner, q->qname) ? q->qname : owner;
}

/*
 * RFC 2181 9: TC only when data the response needs does not fit: the answer, the authority of negative
 * answers and referrals, and (RFC 9471 3.1) the in-domain glue of a referral, below the cut. The apex NS
 * of a non-minimal answer and every other additional RRset are extras, left out silently.
 */
static bool required(const query *q, const q53_answer_item_t *it)
{
	switch (it->section) {
	case Q53_SEC_ANSWER:
		return true;
	case Q53_SEC_AUTHORITY:
		return !(q->a.kind == Q53_LOOKUP_ANSWER && it->set->type == Q53_TYPE_NS);
	default:
		if (q->a.kind != Q53_LOOKUP_REFERRAL)
			return false;
		for (unsigned i = 0; i < q->a.n; i++)
			if (q->a.item[i].section == Q53_SEC_AUTHORITY &&
			    q->a.item[i].set->type == Q53_TYPE_NS)
				return q53_name_is_sub(it->owner, q->a.item[i].owner);
		return false;
	}
}

/* RFC 2308 3: the SOA of a negative answer has the TTL min(SOA TTL, SOA MINIMUM). */
static uint32_t ttl_of(const query *q, const q53_answer_item_t *it, const uint8_t *rd, uint16_t len)
{
	uint32_t ttl = it->set->ttl;
	if (it->set->type == Q53_TYPE_SOA && it->section == Q53_SEC_AUTHORITY &&
	    (q->a.kind == Q53_LOOKUP_NXDOMAIN || q->a.kind == Q53_LOOKUP_NODATA) && len >= 4) {
		uint32_t min = q53_get32(rd + len - 4);
		if (min < ttl)
			ttl = min;
	}
	return ttl;
}

/* The extent of an RRset's RDATA, so it goes out in one call with its owner compressed once. */
static size_t set_len(const q53_rrset_t *set)
{
	size_t total = 0;
	for (unsigned k = 0; k < set->count; k++)
		total += 2u + q53_get16(set->data + total);
	return total;
}

/*
 * RFC 4035 3.1.1: the RRSIGs of item it in its section, after the RRset, which went out with TTL ttl.
 * RFC 4034 3: an RRSIG has the TTL of the RRset it covers, so that of a negative answer's SOA is capped
 * as the SOA is (as NSD does). Kept out of line, so that put_item() costs the unsigned path one test.
 */
static COLD void put_sig(query *q, const q53_answer_item_t *it, const uint8_t *owner, uint32_t ttl)
{
	const q53_rrset_t *set = it->set, *sig = it->sig;
	if (ttl >= set->ttl || ttl >= sig->ttl)
		ttl = sig->ttl;
	q53_writer_rrset(&q->w, (q53_section)it->section, owner, Q53_TYPE_RRSIG, Q53_CLASS_IN, ttl, sig->data,
			 set_len(sig), sig->count);
}

/*
 * Writes item i whole (with its RRSIGs and the CNAME synthesized from it) or not at all. Returns 0 to go
 * on, 1 when the response was truncated and nothing more goes in.
 */
static int put_item(query *q, unsigned i)
{
	const q53_answer_item_t *it = &q->a.item[i];
	const uint8_t *owner = owner_of(q, it->owner);
	q53_writer_mark_t m;
	q53_writer_mark(&q->w, &m);
	/* The first record's SOA MINIMUM may cap the TTL (ttl_of). */
	const q53_rrset_t *set = it->set;
	uint32_t ttl = set->count > 0 ? ttl_of(q, it, set->data + 2, q53_get16(set->data)) : set->ttl;
	if (set->count > 0)
		q53_writer_rrset(&q->w, (q53_section)it->section, owner, set->type, Q53_CLASS_IN, ttl,
				 set->data, set_len(set), set->count);
	if (it->sig != NULL)
		put_sig(q, it, owner, ttl);
	if (q->dname == (int)i)
		q53_writer_rr(&q->w, Q53_SEC_ANSWER, owner_of(q, q->synth_owner), Q53_TYPE_CNAME,
			      Q53_CLASS_IN, it->set->ttl, q->synth, q53_name_len(q->synth));
	if (q->w.err == 0)
		return 0;
	if (q->w.err == Q53_ENOSPACE && required(q, it)) {
		q53_writer_truncate(&q->w, &m);
		return 1;
	}
	q53_writer_rollback(&q->w, &m);
	return 0;
}

/* The collected items, section by section (the writer takes sections in order), while they fit. */
static void put_items(query *q)
{
	for (unsigned sec = Q53_SEC_ANSWER; sec <= Q53_SEC_ADDITIONAL; sec++)
		for (unsigned i = 0; i < q->a.n; i++)
			if (q->a.item[i].section == sec && (q->keep >> i & 1) && put_item(q, i))
				return;
}

/* The CHAOS TXT: the string in character-strings of at most 255 octets (RFC 1035 3.3.14), TTL 0. */
static void put_chaos(query *q)
{
	uint8_t rd[Q53_CHAOS_TXT_MAX + Q53_CHAOS_TXT_MAX / 255 + 1];
	size_t left = strlen(q->chaos), n = 0;
	const char *s = q->chaos;
	if (left > Q53_CHAOS_TXT_MAX)
		left = Q53_CHAOS_TXT_MAX;
	/* Invariant: rd[0..n) holds the strings of the text before s; an empty text is one empty string. */
	do {
		size_t c = left > 255 ? 255 : left;
		rd[n++] = (uint8_t)c;
		memcpy(rd + n, s, c);
		n += c;
		s += c;
		left -= c;
	} while (left > 0);
	q53_writer_mark_t m;
	q53_writer_mark(&q->w, &m);
	if (q53_writer_rr(&q->w, Q53_SEC_ANSWER, q->qname, Q53_TYPE_TXT, Q53_CLASS_CH, 0, rd, n) < 0)
		q53_writer_truncate(&q->w, &m);
}

/*
 * Encodes the response: room for the OPT reserved first so it always fits (RFC 6891 7), the question as
 * the client wrote it, the data, the OPT last.
 */
static int encode(query *q, uint8_t *resp, size_t cap)
{
	uint8_t opts[OPTS_MAX];
	q53_edns_t e;
	q53_writer_t *w = &q->w;
	if (q->edns)
		build_opt(q, &e, opts);
	q53_writer_init(w, resp, size_limit(q, cap), q->id, resp_flags(q));
	if (q->edns)
		q53_writer_reserve(w, q53_edns_wire_size(&e));
	if (q->has_q)
		q53_writer_question(w, q->qname, q->qtype, q->qclass);
	if (q->chaos != NULL)
		put_chaos(q);
	else if (q->zone != NULL && q->rcode != Q53_RCODE_SERVFAIL)
		put_items(q);
	if (q->edns)
		q53_writer_edns(w, &e);
	return q53_writer_finish(w);
}

/* ---- The engine ------------------------------------------------------------------------------------ */

void q53_answer_cfg_init(q53_answer_cfg_t *cfg, const uint8_t secret[16])
{
	memset(cfg, 0, sizeof *cfg);
	cfg->edns_size = Q53_EDNS_DEFAULT;
	cfg->minimal = true;
	cfg->cookies = true;
	if (secret != NULL)
		memcpy(cfg->cookie_secret, secret, sizeof cfg->cookie_secret);
}

/* The steps in order; each returns 1 once it has decided the response. */
static void answer(query *q)
{
	if (step_parse(q) || step_edns(q) || step_opcode(q) || step_question(q) || step_qtype(q) ||
	    step_class(q) || step_zone(q) || step_lookup(q))
		return;
	step_dnssec(q);
	step_any(q);
	step_dname(q);
}

int q53_answer(const q53_answer_cfg_t *cfg, const q53_zoneset_t *zones, const q53_client_t *client,
	       const uint8_t *msg, size_t qlen, uint8_t *resp, size_t cap)
{
	return q53_answer_hinted(cfg, zones, client, msg, qlen, resp, cap, NULL);
}

int q53_answer_hinted(const q53_answer_cfg_t *cfg, const q53_zoneset_t *zones, const q53_client_t *client,
		      const uint8_t *msg, size_t qlen, uint8_t *resp, size_t cap, const q53_prefetch_t *hint)
{
	return q53_answer_noted(cfg, zones, client, msg, qlen, resp, cap, hint, NULL);
}

/*
 * What the response is, for rate limiting: the class and the identity of the data it speaks for, taken
 * from zone memory (pointers stay put while a zone set serves), so that the case of the name, the names
 * under a wildcard or below a cut, and the names that do not exist each count as one.
 */
static void note_of(const query *q, q53_answer_note_t *n)
{
	n->cookie = q->cookie;
	n->cookie_len = q->cookie != NULL ? q->cookie_len : 0;
	n->key = 0;
	if (q->chaos != NULL) {
		n->cls = Q53_AC_ANSWER;
		n->key = (uintptr_t)q->chaos;
		return;
	}
	if (q->zone == NULL || (q->rcode != Q53_RCODE_NOERROR && q->rcode != Q53_RCODE_NXDOMAIN)) {
		n->cls = Q53_AC_ERROR;
		return;
	}
	n->key = (uintptr_t)q->zone;
	switch (q->a.kind) {
	case Q53_LOOKUP_ANSWER:
		n->cls = Q53_AC_ANSWER;
		if (q->a.n > 0)
			n->key = (uintptr_t)q->a.item[0].set;
		break;
	case Q53_LOOKUP_REFERRAL:
		n->cls = Q53_AC_REFERRAL;
		for (unsigned i = 0; i < q->a.n; i++)
			if (q->a.item[i].section == Q53_SEC_AUTHORITY &&
			    q->a.item[i].set->type == Q53_TYPE_NS) {
				n->key = (uintptr_t)q->a.item[i].set;
				break;
			}
		break;
	case Q53_LOOKUP_NXDOMAIN:
		/* Also a CNAME chain that ends in a name that does not exist (RFC 6604 2.1). */
		n->cls = Q53_AC_NXDOMAIN;
		break;
	default:
		n->cls = Q53_AC_NODATA;
		break;
	}
}

int q53_answer_noted(const q53_answer_cfg_t *cfg, const q53_zoneset_t *zones, const q53_client_t *client,
		     const uint8_t *msg, size_t qlen, uint8_t *resp, size_t cap, const q53_prefetch_t *hint,
		     q53_answer_note_t *note)
{
	if (note != NULL)
		*note = (q53_answer_note_t){.cls = Q53_AC_NONE};
	if (cfg == NULL || client == NULL || msg == NULL || resp == NULL || cap < Q53_UDP_MAX ||
	    cfg->nsid_len > Q53_NSID_MAX || (cfg->nsid == NULL && cfg->nsid_len > 0))
		return Q53_EINVAL;
	if (step_drop(msg, qlen))
		return 0;
	/* Only the fields the steps read before writing are set: the lookup fills the answer itself. */
	query q;
	q.cfg = cfg;
	q.zones = zones;
	q.client = client;
	q.msg = msg;
	q.len = qlen;
	q.id = q53_get16(msg);
	q.flags = q53_get16(msg + 2);
	q.has_q = q.edns = q.nsid = q.aa = false;
	q.qedns.flags = 0;
	q.cookie = NULL;
	q.chaos = NULL;
	q.zone = NULL;
	q.hint = hint;
	q.synth_owner = NULL;
	q.dname = -1;
	q.rcode = Q53_RCODE_NOERROR;
	answer(&q);
	if (note != NULL)
		note_of(&q, note);
	return encode(&q, resp, cap);
}
