/*
 * addrs.c: typed lookups on top of the async core. Addresses like getaddrinfo(): A and AAAA in parallel,
 * CNAME chains followed inside the answer (RFC 1034 3.6.2), sorted by RFC 6724 destination address
 * selection; reverse lookups under in-addr.arpa and ip6.arpa (RFC 1035 3.5, RFC 3596 2.5); MX sorted by
 * preference (RFC 5321 5.1); SRV by priority and the weighted random order of RFC 2782.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "q53/name.h"
#include "q53/rdata.h"
#include "resolver_int.h"

struct slot {
	bool done;
	q53_result_t *res;
};

static void slot_cb(q53_result_t *res, void *arg)
{
	struct slot *s = arg;
	s->res = res;
	s->done = true;
}

/* Runs r until every slot is done (the poll loop of q53_lookup(), for several lookups). */
static int wait_all(q53_resolver_t *r, struct slot *s, q53_query_t **q, size_t n)
{
	for (;;) {
		bool all = true;
		for (size_t i = 0; i < n; i++)
			all = all && s[i].done;
		if (all)
			return 0;
		/* Started from a callback, the queries wait in the round's batch: out before waiting. */
		q53_tr_udp_flush(r, false);
		struct pollfd p = {q53_resolver_fd(r), POLLIN, 0};
		int t = q53_resolver_timeout(r);
		if ((t != 0 && poll(&p, 1, t) < 0 && errno != EINTR) || q53_resolver_process(r) < 0) {
			for (size_t i = 0; i < n; i++)
				if (!s[i].done)
					q53_query_cancel(q[i]);
			return Q53_ENETWORK;
		}
	}
}

/*
 * The records of type in res's answer that belong to the name asked, following CNAMEs from it (at most
 * 16 links, RFC 1034 3.6.2). Calls fn for each; returns how many.
 */
static size_t each_answer(const q53_result_t *res, uint16_t type, void (*fn)(const q53_rr_t *, void *),
			  void *arg)
{
	uint8_t cur[Q53_NAME_MAX], owner[Q53_NAME_MAX];
	size_t n = 0;
	memcpy(cur, res->qname, q53_name_len(res->qname));
	/* Invariant: cur is the name reached after hop CNAMEs from the question. */
	for (int hop = 0; hop <= 16; hop++) {
		bool moved = false;
		for (size_t i = 0; i < res->nanswer; i++) {
			const q53_rr_t *rr = &res->rr[i];
			if (q53_rr_owner(rr, owner) < 0 || !q53_name_equal(owner, cur))
				continue;
			if (rr->type == type) {
				fn(rr, arg);
				n++;
			} else if (rr->type == Q53_TYPE_CNAME && type != Q53_TYPE_CNAME && !moved) {
				uint8_t target[Q53_NAME_MAX];
				if (q53_rdata_name(rr, target) > 0) {
					memcpy(cur, target, q53_name_len(target));
					moved = true;
				}
			}
		}
		if (n > 0 || !moved)
			break;
	}
	return n;
}

/* The error a lookup that gave no record of its type maps to. */
static int no_records(const q53_result_t *res)
{
	if (res == NULL)
		return Q53_ENOMEM;
	if (res->status != Q53_OK)
		return res->status;
	return res->rcode == Q53_RCODE_NOERROR ? 0 : Q53_ENOTFOUND;
}

/* ---- RFC 6724 destination address selection ---- */

struct cand {
	q53_addr_t a;
	bool usable;
	int dscope, sscope, dlabel, slabel, dprec;
	uint8_t d6[16], s6[16]; /* as IPv6 (IPv4 mapped, ::ffff:0:0/96) */
};

/* RFC 6724 2.1 default policy table: prefix, length, precedence, label; the longest match wins. */
static const struct {
	uint8_t prefix[16];
	unsigned len;
	int prec, label;
} policy[] = {
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, 50, 0},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0}, 96, 35, 4},
    {{0}, 96, 1, 3},
    {{0x20, 0x01, 0, 0}, 32, 5, 5},
    {{0x20, 0x02}, 16, 30, 2},
    {{0x3f, 0xfe}, 16, 1, 12},
    {{0xfe, 0xc0}, 10, 1, 11},
    {{0xfc}, 7, 3, 13},
    {{0}, 0, 40, 1},
};

static unsigned common_prefix(const uint8_t *a, const uint8_t *b, unsigned max)
{
	unsigned n = 0;
	while (n < max && ((a[n / 8] ^ b[n / 8]) & (0x80u >> (n % 8))) == 0)
		n++;
	return n;
}

static void classify(const uint8_t *a6, int *prec, int *label)
{
	for (size_t i = 0; i < sizeof policy / sizeof policy[0]; i++)
		if (common_prefix(a6, policy[i].prefix, policy[i].len) == policy[i].len) {
			*prec = policy[i].prec;
			*label = policy[i].label;
			return;
		}
}

/* RFC 6724 3.1 and 3.2: IPv4 loopback and link-local are link-local scope (2), other IPv4 global. */
static int scope_of(const uint8_t *a6)
{
	static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	if (memcmp(a6, mapped, 12) == 0)
		return a6[12] == 127 || (a6[12] == 169 && a6[13] == 254) ? 2 : 14;
	if (a6[0] == 0xff)
		return a6[1] & 0xF;
	if (a6[0] == 0xfe && (a6[1] & 0xc0) == 0x80)
		return 2;
	if (a6[0] == 0xfe && (a6[1] & 0xc0) == 0xc0)
		return 5;
	static const uint8_t lo[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
	return memcmp(a6, lo, 16) == 0 ? 2 : 14;
}

static void to6(int family, const uint8_t *a, uint8_t *a6)
{
	if (family == AF_INET6) {
		memcpy(a6, a, 16);
		return;
	}
	memset(a6, 0, 10);
	a6[10] = a6[11] = 0xff;
	memcpy(a6 + 12, a, 4);
}

/* The source address the kernel would pick for d: connect() a UDP socket (nothing is sent). */
static bool source_for(struct cand *c)
{
	struct sockaddr_storage ss, src;
	socklen_t len;
	memset(&ss, 0, sizeof ss);
	if (c->a.family == AF_INET) {
		struct sockaddr_in *in4 = (struct sockaddr_in *)&ss;
		in4->sin_family = AF_INET;
		in4->sin_port = htons(53);
		memcpy(&in4->sin_addr, c->a.addr, 4);
		len = sizeof *in4;
	} else {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(53);
		memcpy(&in6->sin6_addr, c->a.addr, 16);
		len = sizeof *in6;
	}
	int fd = socket(c->a.family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return false;
	socklen_t sl = sizeof src;
	bool ok = connect(fd, (struct sockaddr *)&ss, len) == 0 &&
		  getsockname(fd, (struct sockaddr *)&src, &sl) == 0;
	close(fd);
	if (!ok)
		return false;
	if (c->a.family == AF_INET)
		to6(AF_INET, (const uint8_t *)&((struct sockaddr_in *)&src)->sin_addr, c->s6);
	else
		memcpy(c->s6, &((struct sockaddr_in6 *)&src)->sin6_addr, 16);
	return true;
}

/* < 0 when a goes before b (RFC 6724 section 6; rules 3, 4 and 7 need data a stub does not have). */
static int compare(const struct cand *a, const struct cand *b)
{
	if (a->usable != b->usable) /* rule 1: avoid unusable destinations */
		return a->usable ? -1 : 1;
	bool ma = a->dscope == a->sscope, mb = b->dscope == b->sscope;
	if (ma != mb) /* rule 2: prefer matching scope */
		return ma ? -1 : 1;
	ma = a->dlabel == a->slabel;
	mb = b->dlabel == b->slabel;
	if (ma != mb) /* rule 5: prefer matching label */
		return ma ? -1 : 1;
	if (a->dprec != b->dprec) /* rule 6: prefer higher precedence */
		return a->dprec > b->dprec ? -1 : 1;
	if (a->dscope != b->dscope) /* rule 8: prefer smaller scope */
		return a->dscope < b->dscope ? -1 : 1;
	if (a->a.family == AF_INET6 && b->a.family == AF_INET6) {
		/* rule 9 between IPv6 addresses only: for IPv4 it would undo DNS round robin. */
		unsigned la = common_prefix(a->d6, a->s6, 64), lb = common_prefix(b->d6, b->s6, 64);
		if (la != lb)
			return la > lb ? -1 : 1;
	}
	return 0; /* rule 10: keep the order */
}

static void rfc6724_sort(struct cand *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		to6(c[i].a.family, c[i].a.addr, c[i].d6);
		c[i].usable = source_for(&c[i]);
		c[i].dscope = scope_of(c[i].d6);
		classify(c[i].d6, &c[i].dprec, &c[i].dlabel);
		if (c[i].usable) {
			c[i].sscope = scope_of(c[i].s6);
			int sprec;
			classify(c[i].s6, &sprec, &c[i].slabel);
		} else {
			c[i].sscope = -1;
			c[i].slabel = -1;
		}
	}
	/* Insertion sort: stable (rule 10) and n is small. Invariant: c[0..i) is sorted. */
	for (size_t i = 1; i < n; i++) {
		struct cand t = c[i];
		size_t j = i;
		while (j > 0 && compare(&t, &c[j - 1]) < 0) {
			c[j] = c[j - 1];
			j--;
		}
		c[j] = t;
	}
}

struct addr_acc {
	struct cand *c;
	size_t n, max;
	q53_source src;
};

static void add_addr(const q53_rr_t *rr, void *arg)
{
	struct addr_acc *acc = arg;
	if (acc->n >= acc->max)
		return;
	q53_addr_t *a = &acc->c[acc->n].a;
	memset(&acc->c[acc->n], 0, sizeof acc->c[acc->n]);
	if (rr->type == Q53_TYPE_A) {
		a->family = AF_INET;
		q53_rdata_a(rr, a->addr);
	} else {
		a->family = AF_INET6;
		q53_rdata_aaaa(rr, a->addr);
	}
	a->ttl = rr->ttl;
	a->source = acc->src;
	acc->n++;
}

enum { ADDRS_MAX = 64 };

int q53_lookup_addrs(q53_resolver_t *r, const char *name, int family, q53_addr_t *out, size_t max)
{
	if (r == NULL || name == NULL || out == NULL || max == 0 ||
	    (family != AF_UNSPEC && family != AF_INET && family != AF_INET6))
		return Q53_EINVAL;
	/* A numeric address is its own answer, as with getaddrinfo(). */
	memset(&out[0], 0, sizeof out[0]);
	int lit = inet_pton(AF_INET, name, out[0].addr) == 1	? AF_INET
		  : inet_pton(AF_INET6, name, out[0].addr) == 1 ? AF_INET6
								: AF_UNSPEC;
	if (lit != AF_UNSPEC) {
		/* A literal of the other family is no name to ask the DNS for. */
		if (family != AF_UNSPEC && family != lit)
			return Q53_ENOTFOUND;
		out[0].family = lit;
		out[0].source = Q53_SOURCE_LOCAL;
		return 1;
	}
	struct slot s[2] = {{false, NULL}, {false, NULL}};
	q53_query_t *q[2];
	uint16_t types[2];
	size_t n = 0;
	if (family != AF_INET6)
		types[n++] = Q53_TYPE_A;
	if (family != AF_INET)
		types[n++] = Q53_TYPE_AAAA;
	/* Both at once: the slower of two round trips instead of their sum. */
	for (size_t i = 0; i < n; i++) {
		int rc = q53_core_start(r, name, types[i], slot_cb, &s[i], &q[i], true);
		if (rc < 0) {
			for (size_t j = 0; j < i; j++)
				q53_query_cancel(q[j]);
			return rc;
		}
	}
	int rc = wait_all(r, s, q, n);
	struct cand c[ADDRS_MAX];
	struct addr_acc acc = {c, 0, ADDRS_MAX, Q53_SOURCE_NONE};
	int err = 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (s[i].res != NULL && s[i].res->status == Q53_OK) {
			acc.src = s[i].res->source;
			each_answer(s[i].res, types[i], add_addr, &acc);
		}
		int e = no_records(s[i].res);
		if (err == 0 || err == Q53_ENOTFOUND)
			err = e != 0 ? e : Q53_ENOTFOUND;
	}
	for (size_t i = 0; i < n; i++)
		q53_result_free(s[i].res);
	if (rc < 0)
		return rc;
	if (acc.n == 0)
		return err;
	rfc6724_sort(c, acc.n);
	size_t k = acc.n < max ? acc.n : max;
	for (size_t i = 0; i < k; i++)
		out[i] = c[i].a;
	return (int)k;
}

int q53_lookup_reverse(q53_resolver_t *r, const uint8_t *addr, size_t len, q53_result_t **out)
{
	uint8_t name[Q53_NAME_MAX];
	char text[Q53_NAME_TEXT_MAX];
	if (addr == NULL || out == NULL)
		return Q53_EINVAL;
	int rc = q53_reverse_name(addr, len, name);
	if (rc < 0)
		return rc;
	q53_name_to_text(name, text, sizeof text); /* absolute: no search list */
	return q53_lookup(r, text, Q53_TYPE_PTR, out);
}

struct typed_acc {
	void *out;
	size_t n, max;
	uint16_t type;
};

static void add_typed(const q53_rr_t *rr, void *arg)
{
	struct typed_acc *acc = arg;
	if (acc->n >= acc->max)
		return;
	if (acc->type == Q53_TYPE_MX)
		q53_rdata_mx(rr, &((q53_mx_t *)acc->out)[acc->n]);
	else
		q53_rdata_srv(rr, &((q53_srv_t *)acc->out)[acc->n]);
	acc->n++;
}

static int typed(q53_resolver_t *r, const char *name, uint16_t type, void *out, size_t max)
{
	q53_result_t *res;
	if (out == NULL)
		return Q53_EINVAL;
	int rc = q53_lookup(r, name, type, &res);
	if (rc < 0)
		return rc;
	struct typed_acc acc = {out, 0, max, type};
	if (res->status == Q53_OK)
		each_answer(res, type, add_typed, &acc);
	rc = acc.n > 0 ? 0 : no_records(res);
	q53_result_free(res);
	return rc < 0 ? rc : (int)acc.n;
}

int q53_lookup_mx(q53_resolver_t *r, const char *name, q53_mx_t *out, size_t max)
{
	int n = typed(r, name, Q53_TYPE_MX, out, max);
	/* Insertion sort by preference, stable. Invariant: out[0..i) is sorted. */
	for (int i = 1; i < n; i++) {
		q53_mx_t t = out[i];
		int j = i;
		while (j > 0 && out[j - 1].preference > t.preference) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = t;
	}
	return n;
}

int q53_lookup_srv(q53_resolver_t *r, const char *name, q53_srv_t *out, size_t max)
{
	int n = typed(r, name, Q53_TYPE_SRV, out, max);
	if (n <= 0)
		return n;
	/* By priority first (stable). Invariant: out[0..i) is sorted by priority. */
	for (int i = 1; i < n; i++) {
		q53_srv_t t = out[i];
		int j = i;
		while (j > 0 && out[j - 1].priority > t.priority) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = t;
	}
	/* RFC 2782: within a priority, pick each next target at random with probability weight / sum,
	 * the weight-0 ones first in the list so they keep a small chance. */
	for (int lo = 0; lo < n;) {
		int hi = lo;
		while (hi < n && out[hi].priority == out[lo].priority)
			hi++;
		for (int i = lo; i < hi - 1; i++) {
			unsigned long sum = 0;
			for (int j = i; j < hi; j++)
				sum += out[j].weight;
			unsigned long rnd = (unsigned long)q53_core_random16(r) << 16 | q53_core_random16(r);
			unsigned long pick = rnd % (sum + 1);
			int chosen = -1;
			/* The weight-0 targets count as first in the list: pick 0 takes one of them. */
			for (int j = i; j < hi && pick == 0 && chosen < 0; j++)
				if (out[j].weight == 0)
					chosen = j;
			unsigned long run = 0;
			for (int j = i; j < hi && chosen < 0; j++) {
				run += out[j].weight;
				if (run >= pick)
					chosen = j;
			}
			q53_srv_t t = out[i];
			out[i] = out[chosen];
			out[chosen] = t;
		}
		lo = hi;
	}
	return n;
}
