/*
 * xfr.c: zone transfers out of q53d. AXFR (RFC 5936): SOA, every other RRset in canonical order
 * (RFC 4034 6.1), SOA again, many records per message (up to XFR_MSG octets), each message TSIG-signed
 * when the request was (RFC 8945 5.3.1). IXFR (RFC 1995): the differences between reloads whose serial
 * went up are kept in a bounded journal; a client whose serial is in it gets the condensed changes, any
 * other gets the whole zone in AXFR form (RFC 1995 4), over UDP only the SOA (RFC 1995 2). Transfers are
 * denied unless an ACL entry (address prefix, optionally a TSIG key) allows them: REFUSED (RFC 5936 2.2.1).
 * NOTIFY (RFC 1996): sent over UDP to each configured target when a reload brings a new serial, retried
 * with backoff until answered; NOTIFY in is REFUSED while q53d has no secondary zones.
 *
 * A transfer is copied out of the zone snapshot when it starts (a flat list of records, the size of the
 * zone in wire form), so the TCP thread can send it message by message as the socket accepts, while the
 * snapshot itself may be reloaded and freed.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "net.h"
#include "q53/msg.h"
#include "q53/name.h"
#include "tsig.h"
#include "xfr.h"
#include "xfr_in.h"
#include "xfr_rr.h"

enum {
	XFR_MSG = 16384, /* octets per transfer message: what BIND and Knot send */
	MAX_KEYS = 64,	 /* keys are few; a fixed table keeps their addresses stable for the ACL */
	JOURNAL_DEPTH = 16,
	NOTIFY_TRIES = 5, /* RFC 1996 3.6: retry, then give up; 1 + 2 + 4 + 8 seconds between them */
	LOG_ERR = 3,
	LOG_WARNING = 4,
	LOG_INFO = 6,
};

/* A record into a flat list (xfr_rr.h). */
static void buf_rr(q53_rrbuf_t *b, const uint8_t *owner, uint16_t type, uint32_t ttl, const uint8_t *rdata,
		   uint16_t rdlen)
{
	q53_flat_rr_t r = {owner, type, ttl, rdlen, rdata};
	q53_rrbuf_rr(b, &r);
}

/* ---- Configuration --------------------------------------------------------------------------------- */

typedef struct acl {
	bool any_zone;
	uint8_t apex[Q53_NAME_MAX];
	q53_net_prefix_t prefix;
	const q53_tsig_key_t *key; /* NULL: no key needed */
} acl;

typedef struct target {
	uint8_t apex[Q53_NAME_MAX];
	struct sockaddr_storage ss;
	socklen_t len;
	const q53_tsig_key_t *key;
} target;

/* One zone's journal: diffs[i] takes the zone from serial from[i] to from[i + 1] (or to `serial`). */
typedef struct diff {
	uint32_t from, to;
	q53_rrbuf_t rrs; /* SOA(from), deleted records, SOA(to), added records: RFC 1995 4's middle part */
} diff;

typedef struct journal {
	uint8_t apex[Q53_NAME_MAX];
	uint32_t serial; /* of the zone being served */
	size_t zone_size;
	diff *d; /* oldest first */
	size_t n;
	size_t bytes;
} journal;

/* A NOTIFY waiting for its answer. */
typedef struct pending {
	target *t;
	uint32_t serial;
	uint16_t id;
	unsigned tries;
	uint64_t next_ms;
	q53_tsig_ctx_t tsig;
	bool signed_;
} pending;

struct q53_xfr {
	q53_xfr_log_fn log;
	void *log_ctx;
	q53_tsig_key_t keys[MAX_KEYS];
	size_t nkeys;
	acl *acls;
	size_t nacls;
	target *targets;
	size_t ntargets;
	unsigned depth;
	pthread_mutex_t lock; /* journals and the NOTIFY queue: reload thread, TCP thread, notifier */
	journal *j;
	size_t nj;
	pending *q;
	size_t nq, qcap;
	pthread_cond_t wake;
	pthread_t tid;
	bool running, stopping;
	uint64_t notifies_sent, notifies_acked;
	q53_xfr_in_t *in; /* secondary zones */
};

/* One log line through the configured function (xfr_rr.c). */
#define say(o, level, ...) q53_xfr_log((o)->log, (o)->log_ctx, level, __VA_ARGS__)

q53_xfr_t *q53_xfr_new(q53_xfr_log_fn log, void *log_ctx)
{
	q53_xfr_t *x = calloc(1, sizeof *x);
	if (x == NULL)
		return NULL;
	x->log = log;
	x->log_ctx = log_ctx;
	x->depth = JOURNAL_DEPTH;
	x->in = q53_xfr_in_new(log, log_ctx);
	if (x->in == NULL) {
		free(x);
		return NULL;
	}
	pthread_mutex_init(&x->lock, NULL);
	pthread_cond_init(&x->wake, NULL);
	return x;
}

void q53_xfr_set_journal(q53_xfr_t *x, unsigned depth)
{
	x->depth = depth;
}

bool q53_xfr_configured(const q53_xfr_t *x)
{
	return x != NULL && (x->nacls > 0 || x->ntargets > 0 || x->nkeys > 0 || q53_xfr_in_count(x->in) > 0);
}

const char *q53_xfr_secondary_dir(const q53_xfr_t *x)
{
	return q53_xfr_in_dir(x->in);
}

size_t q53_xfr_secondaries(const q53_xfr_t *x)
{
	return q53_xfr_in_count(x->in);
}

void q53_xfr_on_secondary_change(q53_xfr_t *x, void (*fn)(void *ctx), void *ctx)
{
	q53_xfr_in_on_reload(x->in, fn, ctx);
}

static const q53_tsig_key_t *find_key(const q53_xfr_t *x, const char *name)
{
	uint8_t w[Q53_NAME_MAX], root[1] = {0};
	if (q53_name_from_text(name, strlen(name), root, w) < 0)
		return NULL;
	for (size_t i = 0; i < x->nkeys; i++)
		if (q53_name_equal(x->keys[i].name, w))
			return &x->keys[i];
	return NULL;
}

/* Splits value into at most 6 words on blanks. Returns the count, or -1 with too many. */
static int words(char *s, char *w[6])
{
	int n = 0;
	for (char *t = strtok(s, " \t"); t != NULL; t = strtok(NULL, " \t")) {
		if (n == 6)
			return -1;
		w[n++] = t;
	}
	return n;
}

static int add_acl(q53_xfr_t *x, const acl *a)
{
	acl *v = realloc(x->acls, (x->nacls + 1) * sizeof *v);
	if (v == NULL)
		return -1;
	x->acls = v;
	v[x->nacls++] = *a;
	return 1;
}

/* The optional "key NAME" at w[i..n). */
static int opt_key(q53_xfr_t *x, char **w, int i, int n, const q53_tsig_key_t **key, char *err,
		   size_t errsize)
{
	*key = NULL;
	if (i == n)
		return 0;
	if (n - i != 2 || strcmp(w[i], "key") != 0) {
		snprintf(err, errsize, "expected 'key NAME' after the address, not '%s'", w[i]);
		return -1;
	}
	*key = find_key(x, w[i + 1]);
	if (*key == NULL) {
		snprintf(err, errsize, "no tsig-key named '%s' (define keys before using them)", w[i + 1]);
		return -1;
	}
	return 0;
}

static int parse_origin(const char *text, uint8_t *apex, char *err, size_t errsize)
{
	uint8_t root[1] = {0};
	if (q53_name_from_text(text, strlen(text), root, apex) < 0) {
		snprintf(err, errsize, "bad zone origin '%s'", text);
		return -1;
	}
	return 0;
}

int q53_xfr_setting(q53_xfr_t *x, const char *key, const char *value, char *err, size_t errsize)
{
	bool is_key = strcmp(key, "tsig-key") == 0, allow = strcmp(key, "allow-transfer") == 0,
	     zallow = strcmp(key, "zone-allow-transfer") == 0, notify = strcmp(key, "notify") == 0,
	     secondary = strcmp(key, "secondary") == 0;
	if (strcmp(key, "secondary-dir") == 0) {
		if (q53_xfr_in_set_dir(x->in, value) < 0) {
			snprintf(err, errsize, "out of memory");
			return -1;
		}
		return 1;
	}
	if (!is_key && !allow && !zallow && !notify && !secondary)
		return 0;
	char copy[1024], *w[6];
	if (strlen(value) >= sizeof copy) {
		snprintf(err, errsize, "%s: value too long", key);
		return -1;
	}
	strcpy(copy, value);
	int n = words(copy, w);
	if (n <= 0) {
		snprintf(err, errsize, "%s needs a value", key);
		return -1;
	}
	if (is_key) {
		if (x->nkeys == MAX_KEYS) {
			snprintf(err, errsize, "at most %d TSIG keys", MAX_KEYS);
			return -1;
		}
		q53_tsig_key_t *k = &x->keys[x->nkeys];
		int rc = n == 1	  ? q53_tsig_key_from_text(w[0], k)
			 : n == 3 ? q53_tsig_key_from_parts(w[0], w[1], w[2], k)
				  : Q53_ESYNTAX;
		if (rc < 0) {
			snprintf(err, errsize,
				 "tsig-key wants NAME ALG BASE64 or [ALG:]NAME:BASE64 (ALG hmac-sha1, "
				 "hmac-sha224, hmac-sha256, hmac-sha384 or hmac-sha512)");
			return -1;
		}
		const char *why;
		if (!q53_tsig_crypto(&why)) {
			snprintf(err, errsize, "%s", why);
			return -1;
		}
		for (size_t i = 0; i < x->nkeys; i++) {
			if (q53_name_equal(x->keys[i].name, k->name)) {
				snprintf(err, errsize, "tsig-key '%s' is defined twice",
					 n == 1 ? w[0] : w[0]);
				return -1;
			}
		}
		x->nkeys++;
		return 1;
	}
	int i = 0;
	acl a = {.any_zone = allow};
	target t = {0};
	uint8_t *apex = notify || secondary ? t.apex : a.apex;
	if (!allow) {
		if (n < 2) {
			snprintf(err, errsize, "%s wants ORIGIN ADDRESS [key NAME]", key);
			return -1;
		}
		if (parse_origin(w[i++], apex, err, errsize) < 0)
			return -1;
	}
	if (notify || secondary) {
		if (q53_net_addr_parse(w[i], 53, &t.ss, &t.len) < 0) {
			snprintf(err, errsize, "%s: bad address '%s' (ADDR or ADDR@PORT)", key, w[i]);
			return -1;
		}
		if (opt_key(x, w, i + 1, n, &t.key, err, errsize) < 0)
			return -1;
		if (secondary) {
			int rc = q53_xfr_in_add(x->in, t.apex, &t.ss, t.len, t.key);
			if (rc < 0)
				snprintf(err, errsize, "secondary %s: %s", w[0],
					 rc == Q53_EINVAL ? "given twice" : "out of memory");
			return rc < 0 ? -1 : 1;
		}
		target *v = realloc(x->targets, (x->ntargets + 1) * sizeof *v);
		if (v == NULL)
			return -1;
		x->targets = v;
		v[x->ntargets++] = t;
		return 1;
	}
	if (q53_net_prefix_parse(w[i], &a.prefix) < 0) {
		snprintf(err, errsize, "%s: bad address prefix '%s' (e.g. 192.0.2.0/24, ::1)", key, w[i]);
		return -1;
	}
	if (opt_key(x, w, i + 1, n, &a.key, err, errsize) < 0)
		return -1;
	return add_acl(x, &a);
}

/* ---- Zone contents ------------------------------------------------------------------------------- */

typedef struct setref {
	const uint8_t *owner;
	const q53_rrset_t *set;
} setref;

typedef struct setlist {
	setref *v;
	size_t n, cap;
	const q53_rrset_t *soa;
	const uint8_t *apex;
	bool failed;
} setlist;

static int collect(const uint8_t *owner, const q53_rrset_t *set, void *ctx)
{
	setlist *l = ctx;
	if (set->type == Q53_TYPE_SOA && q53_name_equal(owner, l->apex)) {
		l->soa = set;
		return 0;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 1024;
		setref *v = realloc(l->v, cap * sizeof *v);
		if (v == NULL) {
			l->failed = true;
			return -1;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (setref){owner, set};
	return 0;
}

/* Every RRset of z but the apex SOA, in canonical order; the SOA apart. Returns 0 or Q53_ENOMEM. */
static int zone_sets(const q53_zone_t *z, setlist *l)
{
	memset(l, 0, sizeof *l);
	l->apex = q53_zone_apex(z);
	q53_zone_walk(z, collect, l);
	if (l->failed || l->soa == NULL) {
		free(l->v);
		l->v = NULL;
		return l->failed ? Q53_ENOMEM : Q53_EINVAL;
	}
	return 0;
}

static void buf_soa(q53_rrbuf_t *b, const uint8_t *apex, const q53_rrset_t *soa)
{
	size_t pos = 0;
	const uint8_t *rd;
	uint16_t len;
	if (q53_rrset_next(soa, &pos, &rd, &len) == 1)
		buf_rr(b, apex, Q53_TYPE_SOA, soa->ttl, rd, len);
}

static void buf_set(q53_rrbuf_t *b, const uint8_t *owner, const q53_rrset_t *set)
{
	size_t pos = 0;
	const uint8_t *rd;
	uint16_t len;
	while (q53_rrset_next(set, &pos, &rd, &len) == 1)
		buf_rr(b, owner, set->type, set->ttl, rd, len);
}

/* RFC 5936 2.2: SOA, the rest, SOA. */
static int zone_flat(const q53_zone_t *z, q53_rrbuf_t *b)
{
	setlist l;
	int rc = zone_sets(z, &l);
	if (rc < 0)
		return rc;
	buf_soa(b, l.apex, l.soa);
	for (size_t i = 0; i < l.n; i++)
		buf_set(b, l.v[i].owner, l.v[i].set);
	buf_soa(b, l.apex, l.soa);
	free(l.v);
	return b->failed ? Q53_ENOMEM : 0;
}

static bool set_has(const q53_rrset_t *s, const uint8_t *rd, uint16_t len)
{
	size_t pos = 0;
	const uint8_t *r;
	uint16_t l;
	while (q53_rrset_next(s, &pos, &r, &l) == 1)
		if (l == len && memcmp(r, rd, len) == 0)
			return true;
	return false;
}

/* Records of a that b lacks (all of a when the TTLs differ: the records change TTL as a whole). */
static void set_minus(q53_rrbuf_t *out, const uint8_t *owner, const q53_rrset_t *a, const q53_rrset_t *b)
{
	size_t pos = 0;
	const uint8_t *rd;
	uint16_t len;
	while (q53_rrset_next(a, &pos, &rd, &len) == 1)
		if (b == NULL || b->ttl != a->ttl || !set_has(b, rd, len))
			buf_rr(out, owner, a->type, a->ttl, rd, len);
}

static int setref_cmp(const setref *a, const setref *b)
{
	int c = q53_name_compare(a->owner, b->owner);
	if (c != 0)
		return c;
	/* Sets of one name in the snapshot's order: by type, RRSIGs by type covered (zone.h). */
	uint32_t x = q53_rrset_set_key(a->set), y = q53_rrset_set_key(b->set);
	return x < y ? -1 : x > y;
}

/* RFC 1995 4: SOA(old), what old has and new lacks, SOA(new), what new has and old lacks. */
static int zone_diff(const q53_zone_t *old, const q53_zone_t *nz, q53_rrbuf_t *out)
{
	setlist a, b;
	if (zone_sets(old, &a) < 0)
		return Q53_ENOMEM;
	if (zone_sets(nz, &b) < 0) {
		free(a.v);
		return Q53_ENOMEM;
	}
	q53_rrbuf_t dels = {0}, adds = {0};
	size_t i = 0, j = 0;
	/* Invariant: the sets before a.v[i] and b.v[j] are compared (both lists are in canonical order). */
	while (i < a.n || j < b.n) {
		int c = i == a.n ? 1 : j == b.n ? -1 : setref_cmp(&a.v[i], &b.v[j]);
		if (c < 0) {
			set_minus(&dels, a.v[i].owner, a.v[i].set, NULL);
			i++;
		} else if (c > 0) {
			set_minus(&adds, b.v[j].owner, b.v[j].set, NULL);
			j++;
		} else {
			set_minus(&dels, a.v[i].owner, a.v[i].set, b.v[j].set);
			set_minus(&adds, b.v[j].owner, b.v[j].set, a.v[i].set);
			i++;
			j++;
		}
	}
	buf_soa(out, a.apex, a.soa);
	q53_rrbuf_add(out, dels.p, dels.len);
	buf_soa(out, b.apex, b.soa);
	q53_rrbuf_add(out, adds.p, adds.len);
	bool failed = dels.failed || adds.failed || out->failed;
	free(dels.p);
	free(adds.p);
	free(a.v);
	free(b.v);
	return failed ? Q53_ENOMEM : 0;
}

/* ---- The journal and reloads -------------------------------------------------------------------- */

static journal *find_journal(q53_xfr_t *x, const uint8_t *apex)
{
	for (size_t i = 0; i < x->nj; i++)
		if (q53_name_equal(x->j[i].apex, apex))
			return &x->j[i];
	return NULL;
}

static void journal_clear(journal *j)
{
	for (size_t i = 0; i < j->n; i++)
		free(j->d[i].rrs.p);
	free(j->d);
	j->d = NULL;
	j->n = 0;
	j->bytes = 0;
}

static bool zone_allowed_somewhere(const q53_xfr_t *x, const uint8_t *apex)
{
	for (size_t i = 0; i < x->nacls; i++)
		if (x->acls[i].any_zone || q53_name_equal(x->acls[i].apex, apex))
			return true;
	return false;
}

static void notify_queue(q53_xfr_t *x, const uint8_t *apex, uint32_t serial);

void q53_xfr_zone_loaded(q53_xfr_t *x, const q53_zone_t *old, const q53_zone_t *zone)
{
	if (x == NULL)
		return;
	const uint8_t *apex = q53_zone_apex(zone);
	uint32_t serial = q53_zone_serial(zone);
	char name[Q53_NAME_TEXT_MAX];
	q53_name_to_text(apex, name, sizeof name);
	/* The diff is computed outside the lock: transfers go on meanwhile. */
	q53_rrbuf_t d = {0};
	bool keep = old != NULL && q53_serial_lt(q53_zone_serial(old), serial) &&
		    zone_allowed_somewhere(x, apex) && x->depth > 0;
	if (keep && zone_diff(old, zone, &d) < 0) {
		say(x, LOG_WARNING, "zone %s: no memory for the IXFR journal; IXFR falls back to AXFR", name);
		free(d.p);
		d = (q53_rrbuf_t){0};
		keep = false;
	}
	pthread_mutex_lock(&x->lock);
	journal *j = find_journal(x, apex);
	if (j == NULL) {
		journal *v = realloc(x->j, (x->nj + 1) * sizeof *v);
		if (v != NULL) {
			x->j = v;
			j = &v[x->nj++];
			memset(j, 0, sizeof *j);
			memcpy(j->apex, apex, q53_name_len(apex));
		}
	}
	if (j != NULL) {
		/* A journal must end at the serial we serve; anything else starts a new one. */
		if (!keep || j->serial != q53_zone_serial(old))
			journal_clear(j);
		j->serial = serial;
		j->zone_size = q53_zone_memory(zone);
		if (keep) {
			diff *v = realloc(j->d, (j->n + 1) * sizeof *v);
			if (v != NULL) {
				j->d = v;
				v[j->n++] = (diff){q53_zone_serial(old), serial, d};
				j->bytes += d.len;
				d = (q53_rrbuf_t){0};
			}
			/* Bounded: the oldest differences go first. */
			while (j->n > x->depth || (j->n > 1 && j->bytes > 4 * j->zone_size)) {
				j->bytes -= j->d[0].rrs.len;
				free(j->d[0].rrs.p);
				memmove(j->d, j->d + 1, (j->n - 1) * sizeof *j->d);
				j->n--;
			}
			say(x, LOG_INFO,
			    "zone %s: journal holds %zu difference%s up to serial %u (%zu octets)", name,
			    j->n, j->n == 1 ? "" : "s", serial, j->bytes);
		}
	}
	pthread_mutex_unlock(&x->lock);
	free(d.p);
	/* At start-up too, as BIND does: a zone edited while q53d was down reaches its secondaries now,
	 * not after their refresh interval. */
	if (old == NULL || q53_zone_serial(old) != serial)
		notify_queue(x, apex, serial);
}

/* ---- Streams -------------------------------------------------------------------------------------- */

struct q53_xfr_stream {
	q53_rrbuf_t rrs;
	size_t pos;
	uint16_t id;
	uint8_t qname[Q53_NAME_MAX];
	uint16_t qtype;
	unsigned nmsg;
	bool tsig;
	q53_tsig_ctx_t ctx;
};

void q53_xfr_stream_free(q53_xfr_stream_t *s)
{
	if (s == NULL)
		return;
	q53_tsig_ctx_free(&s->ctx);
	free(s->rrs.p);
	free(s);
}

int q53_xfr_stream_next(q53_xfr_stream_t *s, uint8_t *out, size_t cap)
{
	if (s->pos >= s->rrs.len)
		return 0;
	size_t room = s->tsig ? q53_tsig_rr_size(&s->ctx) : 0;
	if (cap > Q53_MSG_MAX)
		cap = Q53_MSG_MAX;
	if (cap <= room + Q53_HEADER_LEN)
		return Q53_ENOSPACE;
	size_t limit = cap - room < XFR_MSG ? cap - room : XFR_MSG;
	q53_writer_t w;
	q53_writer_init(&w, out, limit, s->id, Q53_FLAG_QR | Q53_FLAG_AA);
	/* RFC 5936 2.2.1: the first message carries the question; later ones may leave it out. */
	if (s->nmsg == 0)
		q53_writer_question(&w, s->qname, s->qtype, Q53_CLASS_IN);
	unsigned n = 0;
	q53_flat_rr_t rr;
	size_t pos = s->pos;
	/* Invariant: records up to s->pos are in this message or an earlier one. */
	while (q53_rrbuf_next(&s->rrs, &pos, &rr) == 1) {
		q53_writer_mark_t m;
		q53_writer_mark(&w, &m);
		if (q53_writer_rr(&w, Q53_SEC_ANSWER, rr.owner, rr.type, Q53_CLASS_IN, rr.ttl, rr.rdata,
				  rr.rdlen) < 0) {
			q53_writer_rollback(&w, &m);
			if (n > 0)
				break;
			/* One record bigger than XFR_MSG: it gets a message of its own, up to 64 KiB. */
			if (w.cap == limit && cap - room > limit) {
				limit = cap - room;
				q53_writer_init(&w, out, limit, s->id, Q53_FLAG_QR | Q53_FLAG_AA);
				if (s->nmsg == 0)
					q53_writer_question(&w, s->qname, s->qtype, Q53_CLASS_IN);
				pos = s->pos;
				continue;
			}
			return Q53_ENOSPACE;
		}
		n++;
		s->pos = pos;
	}
	int len = q53_writer_finish(&w);
	if (len < 0)
		return len;
	s->nmsg++;
	if (s->tsig)
		len = q53_tsig_sign(&s->ctx, out, (size_t)len, cap, (uint64_t)time(NULL));
	return len;
}

/* ---- Answering --------------------------------------------------------------------------------- */

typedef struct req {
	uint16_t id, flags;
	uint8_t qname[Q53_NAME_MAX];
	uint16_t qtype, qclass;
	bool has_soa;
	uint32_t client_serial;
} req;

/* Reads the question and, for IXFR, the client's SOA serial from the authority section (RFC 1995 3). */
static int read_req(const uint8_t *msg, size_t len, req *r)
{
	q53_reader_t rd;
	q53_rr_t rr;
	int rc;
	memset(r, 0, sizeof *r);
	if (q53_reader_init(&rd, msg, len) < 0)
		return Q53_EMALFORMED;
	r->id = rd.id;
	r->flags = rd.flags;
	unsigned nq = 0;
	/* Invariant: every record before rr was well formed. */
	while ((rc = q53_reader_next(&rd, &rr)) > 0) {
		if (rr.section == Q53_SEC_QUESTION && nq++ == 0) {
			q53_rr_owner(&rr, r->qname);
			r->qtype = rr.type;
			r->qclass = rr.rclass;
		} else if (rr.section == Q53_SEC_AUTHORITY && rr.type == Q53_TYPE_SOA && !r->has_soa) {
			uint8_t rdata[2 * Q53_NAME_MAX + 20];
			int n = q53_rr_rdata(&rr, rdata, sizeof rdata);
			if (n < 22)
				return Q53_EMALFORMED;
			size_t off = q53_name_len(rdata);
			off += q53_name_len(rdata + off);
			r->client_serial = q53_get32(rdata + off);
			r->has_soa = true;
		}
	}
	if (rc < 0 || nq != 1)
		return Q53_EMALFORMED;
	return 0;
}

/* A response with only a header, the question (when read) and an rcode; signed when ctx says so. */
static int short_answer(const req *r, bool has_q, unsigned rcode, bool aa, q53_tsig_ctx_t *ctx, uint8_t *resp,
			size_t cap)
{
	q53_writer_t w;
	size_t room = ctx != NULL ? q53_tsig_rr_size(ctx) : 0;
	uint16_t flags = (uint16_t)(Q53_FLAG_QR | (r->flags & 0x7800) | (aa ? Q53_FLAG_AA : 0) | rcode);
	q53_writer_init(&w, resp, cap - room, r->id, flags);
	if (has_q)
		q53_writer_question(&w, r->qname, r->qtype, r->qclass);
	int len = q53_writer_finish(&w);
	if (len > 0 && ctx != NULL)
		len = q53_tsig_sign(ctx, resp, (size_t)len, cap, (uint64_t)time(NULL));
	return len;
}

/* Who may transfer apex: an entry matching the address, whose key (if any) signed the request. */
static bool allowed(const q53_xfr_t *x, const uint8_t *apex, const q53_client_t *c, const q53_tsig_key_t *key)
{
	for (size_t i = 0; i < x->nacls; i++) {
		const acl *a = &x->acls[i];
		if (!a->any_zone && !q53_name_equal(a->apex, apex))
			continue;
		if (!q53_net_prefix_match(&a->prefix, c->family, c->addr))
			continue;
		if (a->key == NULL || a->key == key)
			return true;
	}
	return false;
}

/* The IXFR differences from serial `from` to the current one, or false when the journal lacks them. */
static bool journal_chain(q53_xfr_t *x, const uint8_t *apex, uint32_t from, uint32_t cur, q53_rrbuf_t *out)
{
	bool ok = false;
	pthread_mutex_lock(&x->lock);
	journal *j = find_journal(x, apex);
	if (j != NULL && j->serial == cur) {
		size_t i = 0;
		while (i < j->n && j->d[i].from != from)
			i++;
		if (i < j->n) {
			for (; i < j->n; i++)
				q53_rrbuf_add(out, j->d[i].rrs.p, j->d[i].rrs.len);
			ok = !out->failed;
		}
	}
	pthread_mutex_unlock(&x->lock);
	return ok;
}

static int transfer(q53_xfr_t *x, const q53_zone_t *z, const req *r, bool tcp, q53_tsig_ctx_t *ctx,
		    bool signed_ok, uint8_t *resp, size_t cap, q53_xfr_stream_t **stream)
{
	const uint8_t *apex = q53_zone_apex(z);
	uint32_t serial = q53_zone_serial(z);
	q53_xfr_stream_t *s = calloc(1, sizeof *s);
	if (s == NULL)
		return Q53_ENOMEM;
	s->id = r->id;
	memcpy(s->qname, r->qname, q53_name_len(r->qname));
	s->qtype = r->qtype;
	if (signed_ok) {
		s->tsig = true;
		s->ctx = *ctx;
	}
	int rc = 0;
	const char *kind = "AXFR";
	bool current = r->has_soa && !q53_serial_lt(r->client_serial, serial);
	if (r->qtype == Q53_TYPE_IXFR && (current || !tcp)) {
		/* RFC 1995 2: a client that is current (or ahead) gets our SOA alone; so does any IXFR over
		 * UDP, where a difference that does not fit is the SOA alone: "use TCP". */
		kind = current ? "IXFR (up to date)" : "IXFR over UDP (SOA)";
		setlist l;
		rc = zone_sets(z, &l);
		if (rc == 0) {
			buf_soa(&s->rrs, apex, l.soa);
			free(l.v);
		}
	} else if (r->qtype == Q53_TYPE_IXFR && r->has_soa) {
		setlist l;
		rc = zone_sets(z, &l);
		if (rc == 0) {
			buf_soa(&s->rrs, apex, l.soa);
			if (journal_chain(x, apex, r->client_serial, serial, &s->rrs)) {
				kind = "IXFR";
				buf_soa(&s->rrs, apex, l.soa);
			} else {
				/* RFC 1995 4: the whole zone, in AXFR's form, inside the IXFR response. */
				kind = "IXFR (full zone)";
				s->rrs.len = 0;
				rc = zone_flat(z, &s->rrs);
			}
			free(l.v);
		}
	} else {
		rc = zone_flat(z, &s->rrs);
	}
	if (rc == 0 && s->rrs.failed)
		rc = Q53_ENOMEM;
	if (rc < 0) {
		q53_xfr_stream_free(s);
		return rc;
	}
	char name[Q53_NAME_TEXT_MAX];
	q53_name_to_text(apex, name, sizeof name);
	if (r->qtype == Q53_TYPE_IXFR && r->has_soa)
		say(x, LOG_INFO, "zone %s: %s to serial %u from %u", name, kind, serial, r->client_serial);
	else
		say(x, LOG_INFO, "zone %s: %s of serial %u", name, kind, serial);
	int len = q53_xfr_stream_next(s, resp, cap);
	if (len <= 0 || s->pos >= s->rrs.len || stream == NULL) {
		q53_xfr_stream_free(s);
		return len;
	}
	*stream = s;
	return len;
}

static int notify_in(q53_xfr_t *x, const req *r, const q53_client_t *c, q53_tsig_ctx_t *ctx, uint8_t *resp,
		     size_t cap)
{
	char name[Q53_NAME_TEXT_MAX], addr[64] = "?";
	q53_name_to_text(r->qname, name, sizeof name);
	inet_ntop(c->family == 4 ? AF_INET : AF_INET6, c->addr, addr, sizeof addr);
	/* RFC 1996 3.10: only for a secondary zone of ours, from its primary (and with its key); the
	 * others are refused. */
	int ok = q53_xfr_in_notify(x->in, r->qname, c->family, c->addr, ctx != NULL ? ctx->key : NULL);
	say(x, ok > 0 ? LOG_INFO : LOG_WARNING, "NOTIFY for %s from %s%s", name, addr,
	    ok > 0    ? ": checking the primary"
	    : ok == 0 ? ": not a secondary zone, refused"
		      : ": not its primary, refused");
	/* RFC 1996 4.7: the answer echoes the question with QR set. */
	return short_answer(r, true, ok > 0 ? Q53_RCODE_NOERROR : Q53_RCODE_REFUSED, false, ctx, resp, cap);
}

int q53_xfr_answer(q53_xfr_t *x, const q53_answer_cfg_t *acfg, const q53_zoneset_t *zones,
		   const q53_client_t *client, const uint8_t *msg, size_t len, uint8_t *resp, size_t cap,
		   q53_xfr_stream_t **stream)
{
	if (stream != NULL)
		*stream = NULL;
	if (len < Q53_HEADER_LEN || cap < 512)
		return 0;
	req r;
	bool has_q = read_req(msg, len, &r) == 0;
	if (!has_q && Q53_FLAGS_OPCODE(q53_get16(msg + 2)) == Q53_OPCODE_QUERY) {
		/* A malformed query is the answer engine's to judge (FORMERR with its OPT, or a cookie). */
		return q53_answer(acfg, zones, client, msg, len, resp, cap);
	}
	if (!has_q) {
		r.id = q53_get16(msg);
		r.flags = q53_get16(msg + 2);
		return short_answer(&r, false, Q53_RCODE_FORMERR, false, NULL, resp, cap);
	}
	q53_tsig_ctx_t ctx;
	int t = q53_tsig_verify_request(x->keys, x->nkeys, msg, len, (uint64_t)time(NULL), &ctx);
	if (t < 0)
		return short_answer(&r, true, Q53_RCODE_FORMERR, false, NULL, resp, cap);
	bool is_xfr = r.qtype == Q53_TYPE_AXFR || r.qtype == Q53_TYPE_IXFR;
	bool notify = Q53_FLAGS_OPCODE(r.flags) == Q53_OPCODE_NOTIFY;
	const q53_zone_t *z = zones != NULL ? q53_zoneset_find(zones, r.qname) : NULL;
	char name[Q53_NAME_TEXT_MAX], addr[64] = "?";
	q53_name_to_text(r.qname, name, sizeof name);
	inet_ntop(client->family == 4 ? AF_INET : AF_INET6, client->addr, addr, sizeof addr);
	if (t == 1 && ctx.error != 0) {
		/* RFC 8945 5.2: NOTAUTH with the TSIG error; signed only for BADTIME. */
		say(x, LOG_WARNING, "%s from %s for %s: TSIG error %u, refused",
		    is_xfr ? "transfer" : "query", addr, name, ctx.error);
		return short_answer(&r, true, Q53_RCODE_NOTAUTH, false, &ctx, resp, cap);
	}
	q53_tsig_ctx_t *sig = t == 1 ? &ctx : NULL;
	if (notify)
		return notify_in(x, &r, client, sig, resp, cap);
	if (!is_xfr) {
		/* A signed ordinary query: the engine answers, we sign (RFC 8945 5.3). */
		/* Room for the TSIG when the cap allows it; else a full answer cannot be signed: dropped. */
		size_t room = sig != NULL ? q53_tsig_rr_size(sig) : 0;
		int n = q53_answer(acfg, zones, client, msg, len, resp, cap - room >= 512 ? cap - room : cap);
		if (n <= 0 || sig == NULL)
			return n;
		return q53_tsig_sign(sig, resp, (size_t)n, cap, (uint64_t)time(NULL));
	}
	/* RFC 5936 4.2: AXFR is a TCP affair. Over UDP, NSD 4.6 and Knot 3.2 answer NOTIMP (BIND FORMERR):
	 * we do as NSD and Knot, before any ACL, so the answer says nothing about permissions. */
	if (r.qtype == Q53_TYPE_AXFR && stream == NULL)
		return short_answer(&r, true, Q53_RCODE_NOTIMP, false, sig, resp, cap);
	if (r.qclass != Q53_CLASS_IN)
		return short_answer(&r, true, Q53_RCODE_REFUSED, false, sig, resp, cap);
	/* RFC 5936 2.2.1: a zone we do not serve at its apex is NOTAUTH; no permission is REFUSED. */
	if (z == NULL || !q53_name_equal(q53_zone_apex(z), r.qname)) {
		say(x, LOG_INFO, "transfer of %s from %s: not a zone of ours", name, addr);
		return short_answer(&r, true, Q53_RCODE_NOTAUTH, false, sig, resp, cap);
	}
	if (!allowed(x, r.qname, client, sig != NULL ? ctx.key : NULL)) {
		say(x, LOG_WARNING, "transfer of %s to %s%s refused by the ACL", name, addr,
		    sig != NULL ? " (signed)" : "");
		return short_answer(&r, true, Q53_RCODE_REFUSED, false, sig, resp, cap);
	}
	return transfer(x, z, &r, stream != NULL, &ctx, sig != NULL, resp, cap, stream);
}

/* ---- NOTIFY out (RFC 1996) --------------------------------------------------------------------- */

static void notify_queue(q53_xfr_t *x, const uint8_t *apex, uint32_t serial)
{
	pthread_mutex_lock(&x->lock);
	for (size_t i = 0; i < x->ntargets; i++) {
		target *t = &x->targets[i];
		if (!q53_name_equal(t->apex, apex))
			continue;
		/* A newer serial replaces a NOTIFY still pending for the same target. */
		pending *p = NULL;
		for (size_t k = 0; k < x->nq; k++)
			if (x->q[k].t == t)
				p = &x->q[k];
		if (p == NULL) {
			if (x->nq == x->qcap) {
				size_t cap = x->qcap ? x->qcap * 2 : 16;
				pending *v = realloc(x->q, cap * sizeof *v);
				if (v == NULL)
					continue;
				x->q = v;
				x->qcap = cap;
			}
			p = &x->q[x->nq++];
			memset(p, 0, sizeof *p);
		} else {
			q53_tsig_ctx_free(&p->tsig);
		}
		p->t = t;
		p->serial = serial;
		p->tries = 0;
		p->next_ms = 0;
		uint16_t id = 0;
		if (getrandom(&id, sizeof id, 0) != (ssize_t)sizeof id)
			id = (uint16_t)(q53_mono_ms() ^ i);
		p->id = id;
	}
	pthread_cond_signal(&x->wake);
	pthread_mutex_unlock(&x->lock);
}

/* RFC 1996 3.7: NOTIFY, AA set, the SOA of the new version in the answer section (as a hint). */
static int notify_build(pending *p, uint8_t *out, size_t cap)
{
	q53_writer_t w;
	q53_writer_init(&w, out, cap - Q53_TSIG_RR_MAX, p->id,
			(uint16_t)(Q53_OPCODE_NOTIFY << 11 | Q53_FLAG_AA));
	q53_writer_question(&w, p->t->apex, Q53_TYPE_SOA, Q53_CLASS_IN);
	int len = q53_writer_finish(&w);
	if (len < 0 || p->t->key == NULL)
		return len;
	q53_tsig_ctx_free(&p->tsig);
	q53_tsig_ctx_init(&p->tsig, p->t->key);
	p->signed_ = true;
	return q53_tsig_sign(&p->tsig, out, (size_t)len, cap, (uint64_t)time(NULL));
}

static void notify_answered(q53_xfr_t *x, const uint8_t *msg, size_t len, const struct sockaddr_storage *from,
			    socklen_t flen)
{
	if (len < Q53_HEADER_LEN || !(msg[2] & 0x80))
		return;
	uint16_t id = q53_get16(msg);
	for (size_t k = 0; k < x->nq; k++) {
		pending *p = &x->q[k];
		/* RFC 1996 3.8 / RFC 5452: the answer must come from where we sent, with our ID. */
		if (p->id != id || p->t->len != flen || memcmp(&p->t->ss, from, flen) != 0)
			continue;
		char name[Q53_NAME_TEXT_MAX], a[Q53_NET_ADDR_TEXT_MAX];
		q53_name_to_text(p->t->apex, name, sizeof name);
		q53_net_addr_text((const struct sockaddr *)&p->t->ss, a, sizeof a);
		unsigned rcode = msg[3] & 0xF;
		if (p->signed_ && q53_tsig_verify_response(&p->tsig, msg, len, (uint64_t)time(NULL)) != 1) {
			say(x, LOG_WARNING, "zone %s: NOTIFY answer from %s fails TSIG; ignored", name, a);
			return;
		}
		say(x, rcode == 0 ? LOG_INFO : LOG_WARNING, "zone %s: NOTIFY of serial %u to %s answered %s",
		    name, p->serial, a, q53_rcode_name(rcode) ? q53_rcode_name(rcode) : "?");
		x->notifies_acked++;
		q53_tsig_ctx_free(&p->tsig);
		x->q[k] = x->q[--x->nq];
		return;
	}
}

static void *notifier(void *arg)
{
	q53_xfr_t *x = arg;
	int fd4 = -1, fd6 = -1;
	struct sockaddr_in a4 = {.sin_family = AF_INET};
	struct sockaddr_in6 a6 = {.sin6_family = AF_INET6};
	char err[256];
	q53_net_udp_open((struct sockaddr *)&a4, sizeof a4, Q53_NET_BIND, &fd4, err, sizeof err);
	q53_net_udp_open((struct sockaddr *)&a6, sizeof a6, Q53_NET_BIND, &fd6, err, sizeof err);
	uint8_t out[512 + Q53_TSIG_RR_MAX], in[4096];
	pthread_mutex_lock(&x->lock);
	while (!x->stopping) {
		uint64_t now = q53_mono_ms(), next = UINT64_MAX;
		for (size_t k = 0; k < x->nq;) {
			pending *p = &x->q[k];
			if (p->next_ms <= now) {
				char name[Q53_NAME_TEXT_MAX], a[Q53_NET_ADDR_TEXT_MAX];
				q53_name_to_text(p->t->apex, name, sizeof name);
				q53_net_addr_text((const struct sockaddr *)&p->t->ss, a, sizeof a);
				if (p->tries == NOTIFY_TRIES) {
					say(x, LOG_WARNING,
					    "zone %s: NOTIFY of serial %u to %s unanswered after %u tries",
					    name, p->serial, a, NOTIFY_TRIES);
					q53_tsig_ctx_free(&p->tsig);
					x->q[k] = x->q[--x->nq];
					continue;
				}
				int len = notify_build(p, out, sizeof out);
				int fd = p->t->ss.ss_family == AF_INET6 ? fd6 : fd4;
				if (len > 0 && fd >= 0 &&
				    sendto(fd, out, (size_t)len, 0, (struct sockaddr *)&p->t->ss,
					   p->t->len) == len)
					x->notifies_sent++;
				if (p->tries == 0)
					say(x, LOG_INFO, "zone %s: NOTIFY of serial %u sent to %s", name,
					    p->serial, a);
				p->next_ms = now + (1000u << p->tries);
				p->tries++;
			}
			if (p->next_ms < next)
				next = p->next_ms;
			k++;
		}
		pthread_mutex_unlock(&x->lock);
		struct pollfd pf[2] = {{fd4, POLLIN, 0}, {fd6, POLLIN, 0}};
		/* At most 200 ms asleep so a new NOTIFY or a stop is seen soon. */
		int wait = next == UINT64_MAX ? 200 : (int)(next - now < 200 ? next - now : 200);
		int n = poll(pf, 2, wait);
		pthread_mutex_lock(&x->lock);
		for (int i = 0; n > 0 && i < 2; i++) {
			if (pf[i].fd < 0 || !(pf[i].revents & POLLIN))
				continue;
			struct sockaddr_storage from;
			socklen_t flen = sizeof from;
			ssize_t r =
			    recvfrom(pf[i].fd, in, sizeof in, MSG_DONTWAIT, (struct sockaddr *)&from, &flen);
			if (r > 0)
				notify_answered(x, in, (size_t)r, &from, flen);
		}
	}
	pthread_mutex_unlock(&x->lock);
	if (fd4 >= 0)
		close(fd4);
	if (fd6 >= 0)
		close(fd6);
	return NULL;
}

int q53_xfr_start(q53_xfr_t *x)
{
	if (x == NULL)
		return 0;
	int rc = q53_xfr_in_start(x->in);
	if (rc < 0 || x->running || x->ntargets == 0)
		return rc;
	x->stopping = false;
	if (pthread_create(&x->tid, NULL, notifier, x) != 0)
		return Q53_ENOMEM;
	pthread_setname_np(x->tid, "q53d-notify");
	x->running = true;
	return 0;
}

void q53_xfr_stop(q53_xfr_t *x)
{
	if (x == NULL)
		return;
	q53_xfr_in_stop(x->in);
	if (!x->running)
		return;
	pthread_mutex_lock(&x->lock);
	x->stopping = true;
	pthread_mutex_unlock(&x->lock);
	pthread_join(x->tid, NULL);
	x->running = false;
}

void q53_xfr_free(q53_xfr_t *x)
{
	if (x == NULL)
		return;
	q53_xfr_stop(x);
	q53_xfr_in_free(x->in);
	for (size_t i = 0; i < x->nj; i++)
		journal_clear(&x->j[i]);
	for (size_t k = 0; k < x->nq; k++)
		q53_tsig_ctx_free(&x->q[k].tsig);
	free(x->j);
	free(x->q);
	free(x->acls);
	free(x->targets);
	pthread_mutex_destroy(&x->lock);
	pthread_cond_destroy(&x->wake);
	free(x);
}
