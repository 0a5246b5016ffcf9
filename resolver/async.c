/*
 * async.c: the lookup state machine at the core of libq53's resolver. A lookup goes: name (UTF-8 through
 * idna/) -> localhost (RFC 6761 6.3) -> hosts file per the lookup order -> the search list (search.c) ->
 * for each name, UDP tries over the servers (glibc res_send order and back-off, rotate) with EDNS0
 * (RFC 6891) -> TC means the same server over TCP (RFC 7766 5) -> SERVFAIL, REFUSED, NOTIMP, FORMERR mean
 * the next server -> the reply, matched by server, ID and question (RFC 5452 9.1), becomes the result.
 *
 * Thousands of lookups wait at once: outstanding IDs sit in an open-addressing table, deadlines in a binary
 * heap, finished lookups in a queue that q53_resolver_process() hands to the callbacks. UDP queries to one
 * server are paced (at most udp_inflight outstanding, the rest queued in order) so that a burst does not
 * overflow socket buffers, and answers may come from the cache (cache.c, RFC 2308).
 */
#include "config.h"

#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/random.h>
#include <unistd.h>

/* The call, not the header's in-line copy: libq53's size is a goal (issue 6), and a lookup's time is not
 * in its name's copy. The in-line path would also link libgcc's CPU model tables (4.5 KB) for its AVX2 test.
 */
#define Q53_IDNA_NO_INLINE 1
#include "q53/idna.h"
#include "q53/name.h"
#include "resolver_int.h"

/* ---- random IDs (RFC 5452 9.2) ---- */

uint16_t q53_core_random16(q53_resolver_t *r)
{
	if (r->rnd_left < 2) {
		/* getrandom() on a 256-octet pool: one system call per 128 IDs. A failure (only before the
		 * kernel's pool is ready, or with a seccomp filter) is retried; it never falls back to a
		 * guessable source. */
		size_t got = 0;
		while (got < sizeof r->rnd) {
			ssize_t n = getrandom(r->rnd + got, sizeof r->rnd - got, 0);
			if (n > 0)
				got += (size_t)n;
		}
		r->rnd_left = sizeof r->rnd;
	}
	r->rnd_left -= 2;
	return q53_get16(r->rnd + r->rnd_left);
}

/* The name being asked now (after the search list), wire form. */
static inline uint8_t *cur_name(const q53_query_t *q)
{
	return (uint8_t *)(uintptr_t)&q->sock[q->nsock] + q->cur_off;
}

/* The name as typed (one of the names to ask): the hosts file and localhost are checked with it. */
static inline uint8_t *asis_name(const q53_query_t *q)
{
	return (uint8_t *)(uintptr_t)&q->sock[q->nsock] + q->asis_off;
}

/* ---- outstanding IDs ---- */

static size_t id_slot(const q53_resolver_t *r, uint16_t id)
{
	size_t mask = r->ids_cap - 1, i = id & mask;
	/* Invariant: every slot from id's home to i holds another ID (linear probing). */
	while (r->ids[i] != NULL && r->ids[i]->id != id)
		i = (i + 1) & mask;
	return i;
}

static q53_query_t *id_find(const q53_resolver_t *r, uint16_t id)
{
	return r->ids_cap == 0 ? NULL : r->ids[id_slot(r, id)];
}

static int id_grow(q53_resolver_t *r)
{
	size_t cap = r->ids_cap != 0 ? r->ids_cap * 2 : 64;
	q53_query_t **old = r->ids;
	size_t oldcap = r->ids_cap;
	r->ids = calloc(cap, sizeof *r->ids);
	if (r->ids == NULL) {
		r->ids = old;
		return Q53_ENOMEM;
	}
	r->ids_cap = cap;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i] != NULL)
			r->ids[id_slot(r, old[i]->id)] = old[i];
	free(old);
	return 0;
}

/* Gives q a random ID no other outstanding query holds. */
static int id_take(q53_resolver_t *r, q53_query_t *q)
{
	if (r->ids_n >= ID_INFLIGHT_MAX)
		return Q53_ENOSPACE;
	if ((r->ids_n + 1) * 2 > r->ids_cap && id_grow(r) < 0)
		return Q53_ENOMEM;
	uint16_t id;
	do
		id = q53_core_random16(r);
	while (id_find(r, id) != NULL);
	q->id = id;
	r->ids[id_slot(r, id)] = q;
	r->ids_n++;
	q->has_id = true;
	return 0;
}

static void id_drop(q53_resolver_t *r, q53_query_t *q)
{
	if (!q->has_id)
		return;
	q->has_id = false;
	size_t mask = r->ids_cap - 1, i = id_slot(r, q->id);
	r->ids[i] = NULL;
	r->ids_n--;
	/* Backward-shift deletion: move later entries of the run into the hole when their home slot is
	 * not between the hole and them, so that lookups never stop at a false gap. */
	size_t j = i;
	for (;;) {
		j = (j + 1) & mask;
		if (r->ids[j] == NULL)
			break;
		size_t home = r->ids[j]->id & mask;
		bool between = i <= j ? (i < home && home <= j) : (i < home || home <= j);
		if (!between) {
			r->ids[i] = r->ids[j];
			r->ids[j] = NULL;
			i = j;
		}
	}
}

/* ---- timer heap ---- */

static void heap_swap(q53_resolver_t *r, size_t a, size_t b)
{
	q53_query_t *t = r->heap[a];
	r->heap[a] = r->heap[b];
	r->heap[b] = t;
	r->heap[a]->heap = (uint32_t)a;
	r->heap[b]->heap = (uint32_t)b;
}

static void heap_up(q53_resolver_t *r, size_t i)
{
	while (i > 0 && r->heap[(i - 1) / 2]->deadline > r->heap[i]->deadline) {
		heap_swap(r, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void heap_down(q53_resolver_t *r, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i;
		if (l < r->heap_n && r->heap[l]->deadline < r->heap[m]->deadline)
			m = l;
		if (l + 1 < r->heap_n && r->heap[l + 1]->deadline < r->heap[m]->deadline)
			m = l + 1;
		if (m == i)
			return;
		heap_swap(r, i, m);
		i = m;
	}
}

static void heap_remove(q53_resolver_t *r, q53_query_t *q)
{
	size_t i = q->heap;
	if (i == UINT32_MAX)
		return;
	q->heap = UINT32_MAX;
	r->heap_n--;
	if (i == r->heap_n)
		return;
	r->heap[i] = r->heap[r->heap_n];
	r->heap[i]->heap = (uint32_t)i;
	heap_up(r, i);
	heap_down(r, r->heap[i]->heap);
}

static int heap_set(q53_resolver_t *r, q53_query_t *q, uint64_t deadline)
{
	heap_remove(r, q);
	if (r->heap_n == r->heap_cap) {
		size_t cap = r->heap_cap != 0 ? r->heap_cap * 2 : 64;
		q53_query_t **nh = realloc(r->heap, cap * sizeof *nh);
		if (nh == NULL)
			return Q53_ENOMEM;
		r->heap = nh;
		r->heap_cap = cap;
	}
	q->deadline = deadline;
	q->heap = (uint32_t)r->heap_n++;
	r->heap[q->heap] = q;
	heap_up(r, q->heap);
	return 0;
}

/* ---- pacing (per server, UDP only) ---- */

static srv_pace_t *pace_find(q53_resolver_t *r, const struct sockaddr *sa)
{
	srv_pace_t *p = r->pace;
	while (p != NULL && !q53_sockaddr_equal((const struct sockaddr *)&p->sa, sa))
		p = p->next;
	if (p != NULL)
		return p;
	/* One entry per address ever asked: a handful, kept for the resolver's life. */
	p = calloc(1, sizeof *p);
	if (p == NULL)
		return NULL;
	p->salen = sa->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
	memcpy(&p->sa, sa, p->salen);
	p->next = r->pace;
	r->pace = p;
	return p;
}

static void transmit(q53_resolver_t *r, q53_query_t *q);

/* Sends queued queries while the server has room. */
static void pace_pump(q53_resolver_t *r, srv_pace_t *p)
{
	/* Invariant: the queries before p->head were sent, in the order they were queued. */
	while (!r->freeing && p->head != NULL && p->inflight < r->udp_inflight) {
		q53_query_t *q = p->head;
		p->head = q->next;
		if (p->head == NULL)
			p->tail = NULL;
		q->next = NULL;
		q->waiting = false;
		q->srv = NULL;
		transmit(r, q);
	}
}

/* q's UDP try no longer counts against its server (answered, timed out, or the name is over). */
static void pace_release(q53_resolver_t *r, q53_query_t *q)
{
	if (!q->paced)
		return;
	srv_pace_t *p = q->srv;
	q->paced = false;
	q->srv = NULL;
	p->inflight--;
	pace_pump(r, p);
}

/* Takes q out of the queue it waits in. */
static void pace_unqueue(q53_query_t *q)
{
	if (!q->waiting)
		return;
	srv_pace_t *p = q->srv;
	q53_query_t **pp = &p->head, *prev = NULL;
	while (*pp != NULL && *pp != q) {
		prev = *pp;
		pp = &(*pp)->next;
	}
	if (*pp == q) {
		*pp = q->next;
		if (p->tail == q)
			p->tail = prev;
	}
	q->next = NULL;
	q->waiting = false;
	q->srv = NULL;
}

/* The end of the current name: its TCP wait, its ID, its sockets, its place in the pacing. A query on a
 * TCP connection always holds its ID: a dying connection finds its queries through the IDs. */
static void name_release(q53_resolver_t *r, q53_query_t *q)
{
	q53_tr_tcp_detach(q);
	id_drop(r, q);
	pace_unqueue(q);
	for (unsigned i = 0; i < q->nsock; i++)
		if (q->sock[i] != NULL) {
			q53_tr_udp_put(r, q->sock[i]);
			q->sock[i] = NULL;
		}
	pace_release(r, q);
}

/* The time in ms: read once per q53_resolver_process() round (it handles hundreds of replies in a few
 * microseconds), and from the clock outside it, where the last round may be long past. */
static uint64_t now_ms(const q53_resolver_t *r)
{
	return r->in_process ? r->now : q53_now_ms();
}

static uint64_t cache_now(const q53_resolver_t *r)
{
	return r->clock != NULL ? r->clock() : now_ms(r);
}

/* ---- configuration and files ---- */

static void conf_unref(q53_conf_t *c)
{
	if (c != NULL && --c->refs == 0)
		free(c);
}

static void current_opts(const q53_resolver_t *r, q53_resolver_opts *o)
{
	*o = r->opts;
	o->resolv_conf = r->paths[0];
	o->hosts = r->paths[1];
	o->nsswitch = r->paths[2];
	o->servers = (const char *const *)r->servers;
	o->search = (const char *const *)r->search;
}

static const char *hosts_path(const q53_resolver_t *r)
{
	return r->paths[1] != NULL ? r->paths[1] : "/etc/hosts";
}

static const char *resolv_path(const q53_resolver_t *r)
{
	return r->paths[0] != NULL ? r->paths[0] : "/etc/resolv.conf";
}

static int load_conf(q53_resolver_t *r)
{
	q53_resolver_opts o;
	current_opts(r, &o);
	q53_conf_t *c = malloc(sizeof *c);
	if (c == NULL)
		return Q53_ENOMEM;
	bool env = !(o.set_flags & Q53_RES_NOENV);
	char host[256];
	const char *hostname = NULL;
	if (gethostname(host, sizeof host - 1) == 0) {
		host[sizeof host - 1] = '\0';
		hostname = host;
	}
	q53_file_stamp(resolv_path(r), &r->stamp[0]);
	int rc = q53_conf_build(c, &o, env ? getenv("LOCALDOMAIN") : NULL, env ? getenv("RES_OPTIONS") : NULL,
				hostname);
	if (rc < 0) {
		free(c);
		return rc;
	}
	conf_unref(r->conf);
	r->conf = c;
	return 0;
}

static int load_hosts(q53_resolver_t *r)
{
	const char *path = hosts_path(r);
	q53_file_stamp(path, &r->stamp[1]);
	q53_hosts_t h = {0, 0, NULL};
	char *text;
	size_t len;
	if (path[0] != '\0' && q53_conf_read_file(path, &text, &len) == 0) {
		int rc = q53_hosts_parse(&h, text, len);
		free(text);
		if (rc < 0) {
			q53_hosts_clear(&h);
			return rc;
		}
	}
	q53_hosts_clear(&r->hosts);
	r->hosts = h;
	return 0;
}

/* Re-reads resolv.conf and the hosts file when their modification time changed. */
static void maybe_reload(q53_resolver_t *r)
{
	if (r->opts.reload_ms < 0)
		return;
	uint64_t now = now_ms(r);
	if (r->opts.reload_ms > 0 && now - r->last_check < (uint64_t)r->opts.reload_ms)
		return;
	r->last_check = now;
	q53_file_stamp_t st;
	q53_file_stamp(resolv_path(r), &st);
	if (!q53_file_stamp_equal(&st, &r->stamp[0]))
		(void)load_conf(r); /* on failure the old snapshot stays */
	q53_file_stamp(hosts_path(r), &st);
	if (!q53_file_stamp_equal(&st, &r->stamp[1]))
		(void)load_hosts(r);
}

/* ---- lifetime ---- */

static char **dup_list(const char *const *l, bool *fail)
{
	if (l == NULL)
		return NULL;
	size_t n = 0;
	while (l[n] != NULL)
		n++;
	char **out = calloc(n + 1, sizeof *out);
	if (out == NULL) {
		*fail = true;
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if ((out[i] = strdup(l[i])) == NULL)
			*fail = true;
	return out;
}

static void free_list(char **l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; l[i] != NULL; i++)
		free(l[i]);
	free(l);
}

int q53_resolver_new(const q53_resolver_opts *o, q53_resolver_t **out)
{
	q53_resolver_opts def;
	if (out == NULL)
		return Q53_EINVAL;
	if (o == NULL) {
		q53_resolver_opts_init(&def);
		o = &def;
	}
	q53_resolver_t *r = calloc(1, sizeof *r);
	if (r == NULL)
		return Q53_ENOMEM;
	r->epfd = -1;
	r->opts = *o;
	r->udp_max_queries = o->udp_max_queries != 0 ? o->udp_max_queries : UDP_MAX_QUERIES_DEFAULT;
	r->udp_inflight = o->udp_inflight != 0 ? o->udp_inflight : UDP_INFLIGHT_DEFAULT;
	q53_cache_init(&r->cache, o->cache_size);
	bool fail = false;
	const char *paths[3] = {o->resolv_conf, o->hosts, o->nsswitch};
	for (int i = 0; i < 3; i++)
		if (paths[i] != NULL && (r->paths[i] = strdup(paths[i])) == NULL)
			fail = true;
	r->servers = dup_list(o->servers, &fail);
	r->search = dup_list(o->search, &fail);
	int rc = Q53_ENOMEM;
	if (fail)
		goto out;
	if ((rc = load_conf(r)) < 0 || (rc = load_hosts(r)) < 0)
		goto out;
	r->last_check = q53_now_ms();
	r->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (r->epfd < 0) {
		rc = Q53_ENETWORK;
		goto out;
	}
	*out = r;
	return 0;
out:
	q53_resolver_free(r);
	return rc;
}

static void query_free(q53_query_t *q)
{
	q53_result_free(q->fail);
	q53_result_free(q->keep); /* or the result: they share a place */
	conf_unref(q->conf);
	free(q);
}

/* Takes q out of every structure of r (IDs, sockets, pacing, timers, TCP) and frees it. */
static void query_discard(q53_resolver_t *r, q53_query_t *q)
{
	name_release(r, q);
	heap_remove(r, q);
	q53_tr_tcp_detach(q);
	query_free(q);
}

void q53_resolver_free(q53_resolver_t *r)
{
	if (r == NULL)
		return;
	/* Every query is in the heap (waiting for a reply), in a pacing queue or in the done queue. */
	r->freeing = true;
	q53_tr_udp_flush(r, true);
	for (srv_pace_t *p = r->pace; p != NULL; p = p->next)
		while (p->head != NULL)
			query_discard(r, p->head);
	while (r->heap_n > 0)
		query_discard(r, r->heap[0]);
	while (r->done_head != NULL) {
		q53_query_t *q = r->done_head;
		r->done_head = q->next;
		query_free(q);
	}
	q53_tr_close_all(r);
	while (r->pace != NULL) {
		srv_pace_t *p = r->pace;
		r->pace = p->next;
		free(p);
	}
	q53_cache_clear(&r->cache);
	if (r->epfd >= 0)
		close(r->epfd);
	for (int i = 0; i < 3; i++)
		free(r->paths[i]);
	free_list(r->servers);
	free_list(r->search);
	q53_hosts_clear(&r->hosts);
	conf_unref(r->conf);
	free(r->ids);
	free(r->heap);
	free(r);
}

int q53_resolver_fd(const q53_resolver_t *r)
{
	return r->epfd;
}

size_t q53_resolver_pending(const q53_resolver_t *r)
{
	return r->pending;
}

/* ---- the state machine ---- */

static void finish(q53_resolver_t *r, q53_query_t *q, q53_result_t *res);

static bool hosts_answer(q53_resolver_t *r, q53_query_t *q, q53_result_t **out)
{
	uint8_t addr[HOSTS_ANSWER_MAX][16];
	if (q->qtype == Q53_TYPE_PTR) {
		/* A reverse name: the first name of the address's line (glibc gethostbyaddr). */
		size_t alen = q53_reverse_parse(asis_name(q), addr[0]);
		const q53_hosts_entry_t *e = alen != 0 ? q53_hosts_find_addr(&r->hosts, addr[0], alen) : NULL;
		if (e == NULL)
			return false;
		*out = q53_result_synth(asis_name(q), q->qtype, Q53_RCODE_NOERROR, NULL, 0, e->name,
					Q53_SOURCE_HOSTS);
		if (*out == NULL)
			*out = q53_result_error(Q53_ENOMEM, asis_name(q), q->qtype);
		return true;
	}
	size_t n = q53_hosts_find(&r->hosts, asis_name(q), q->qtype, addr, HOSTS_ANSWER_MAX);
	if (n == 0)
		return false;
	*out = q53_result_synth(asis_name(q), q->qtype, Q53_RCODE_NOERROR, addr, n, NULL, Q53_SOURCE_HOSTS);
	if (*out == NULL)
		*out = q53_result_error(Q53_ENOMEM, asis_name(q), q->qtype);
	return true;
}

/* The per-try timeout of glibc's res_send(): timeout << try, divided by the server count after the
 * first round, never below a second (or the configured timeout when that is shorter). */
static uint64_t try_timeout(const q53_conf_t *c, unsigned round)
{
	uint64_t t = (uint64_t)c->timeout_ms << round;
	if (round > 0)
		t /= c->nservers;
	uint64_t floor = c->timeout_ms < 1000 ? c->timeout_ms : 1000;
	return t < floor ? floor : t;
}

/* Sends the current name to the next server in the order, or ends the name when all tries are used. */
static void send_next(q53_resolver_t *r, q53_query_t *q);

static void name_begin(q53_resolver_t *r, q53_query_t *q);

/* Ranks for the result reported when no name succeeds: glibc's res_nsearch() reports the failure of the
 * name asked as is first, else NODATA if any name had it, else SERVFAIL if any, else the last. */
enum { RANK_LAST = 0, RANK_SERVFAIL = 1, RANK_NODATA = 2, RANK_AS_IS = 3 };

static void keep_result(q53_query_t *q, q53_result_t *res, int rank)
{
	if (q->keep == NULL || rank > q->keep_rank || (rank == RANK_LAST && q->keep_rank == RANK_LAST)) {
		q53_result_free(q->keep);
		q->keep = res;
		q->keep_rank = (uint8_t)rank;
	} else {
		q53_result_free(res);
	}
}

/* The current name got its outcome (a reply with a final rcode, or an error after all servers). */
static void name_done(q53_resolver_t *r, q53_query_t *q, q53_result_t *res)
{
	name_release(r, q);
	heap_remove(r, q);
	q53_result_free(q->fail);
	q->fail = NULL;
	/* glibc res_nquery(): success is NOERROR with at least one answer record. */
	if (res->status == Q53_OK && res->rcode == Q53_RCODE_NOERROR && res->nanswer > 0) {
		finish(r, q, res);
		return;
	}
	bool go_on;
	int rank;
	if (res->status == Q53_OK && res->rcode == Q53_RCODE_NXDOMAIN) {
		go_on = true;
		rank = RANK_LAST;
	} else if (res->status == Q53_OK && res->rcode == Q53_RCODE_NOERROR) {
		go_on = true;
		rank = RANK_NODATA;
	} else if (res->status == Q53_ESERVFAIL && res->rcode == Q53_RCODE_SERVFAIL) {
		go_on = true;
		rank = RANK_SERVFAIL;
	} else {
		/* A timeout, REFUSED, FORMERR...: glibc stops searching. */
		go_on = false;
		rank = RANK_LAST;
	}
	/* The name asked as is before the search list: whatever happened, the search goes on. */
	if (q->iname == 0 && q->as_is_first) {
		go_on = true;
		rank = RANK_AS_IS;
	}
	keep_result(q, res, rank);
	if (go_on && q->iname + 1 < q->nnames) {
		q->cur_off = (uint16_t)(q->cur_off + q53_name_len(cur_name(q)));
		q->iname++;
		name_begin(r, q);
		return;
	}
	res = q->keep;
	q->keep = NULL;
	finish(r, q, res);
}

/*
 * Clears the AD bit of a result's message unless the configuration trusts it (glibc's trust-ad). AD says
 * the server validated the data (RFC 4035 3.2.3), which a resolver must disregard unless the reply came
 * over a secure channel or it was configured to regard the header bits anyway (RFC 4035 4.6): "options
 * trust-ad" is that configuration. Only the result's own copy changes, so the octets received do not.
 */
static void filter_ad(const q53_conf_t *c, q53_result_t *res)
{
	if (!(c->flags & Q53_RES_TRUSTAD)) {
		uint8_t *m = (uint8_t *)(uintptr_t)res->msg;
		q53_put16(m + 2, (uint16_t)(q53_get16(m + 2) & ~Q53_FLAG_AD));
	}
}

static void name_begin(q53_resolver_t *r, q53_query_t *q)
{
	q->sends = 0;
	q->asked = 0;
	q->refused = false;
	q->noedns = (q->conf->flags & Q53_RES_NOEDNS) != 0;
	q53_result_t *cached = q53_cache_get(&r->cache, cur_name(q), q->qtype, cache_now(r));
	if (cached != NULL) {
		/* A name the cache answers, positively or negatively, takes the same path as a reply. The
		 * entry was stored with AD cleared when the configuration then did not trust it; the
		 * configuration now in force may not trust it either (resolv.conf re-read). */
		filter_ad(q->conf, cached);
		name_done(r, q, cached);
		return;
	}
	int rc = id_take(r, q);
	if (rc < 0) {
		q53_result_t *res = q53_result_error(rc, cur_name(q), q->qtype);
		if (res == NULL) {
			finish(r, q, NULL);
			return;
		}
		name_done(r, q, res);
		return;
	}
	send_next(r, q);
}

/*
 * The query for the current name (RFC 1035 4.1): header with hflags (RD, and AD with trust-ad: RFC 6840
 * 5.7 lets a stub ask for the AD bit that way, without DO), one question, and an OPT record
 * (RFC 6891 6.1.2: root owner, the UDP size, no extended rcode, version 0, no flags or options) unless
 * noedns. One uncompressed question needs nothing of the writer (compression, section order), and this
 * runs for every transmission. Returns the length.
 */
static int query_build(uint8_t *msg, const q53_query_t *q, uint16_t hflags, uint16_t edns_size)
{
	const uint8_t *name = cur_name(q);
	size_t nl = q53_name_len(name);
	memset(msg, 0, Q53_HEADER_LEN);
	q53_put16(msg, q->id);
	q53_put16(msg + 2, hflags);
	msg[5] = 1;	      /* QDCOUNT */
	msg[11] = !q->noedns; /* ARCOUNT */
	uint8_t *p = msg + Q53_HEADER_LEN;
	memcpy(p, name, nl);
	p += nl;
	q53_put16(p, q->qtype);
	q53_put16(p + 2, Q53_CLASS_IN);
	p += 4;
	if (!q->noedns) {
		static const uint8_t opt[11] = {0, 0, Q53_TYPE_OPT};
		memcpy(p, opt, sizeof opt);
		q53_put16(p + 3, edns_size);
		p += sizeof opt;
	}
	return (int)(p - msg);
}

/* Sends the current name to server q->ns over UDP or TCP and arms the timer. */
static void transmit(q53_resolver_t *r, q53_query_t *q)
{
	const q53_conf_t *c = q->conf;
	uint8_t msg[UDP_QUERY_MAX];
	uint16_t hflags = (uint16_t)(Q53_FLAG_RD | (c->flags & Q53_RES_TRUSTAD ? Q53_FLAG_AD : 0));
	int len = query_build(msg, q, hflags, c->edns_size);
	const struct sockaddr *sa = (const struct sockaddr *)&c->server[q->ns];
	/* The previous try no longer holds a place in its server's pacing (it may still be answered). */
	pace_release(r, q);
	if (!q->tcp && len > 0) {
		srv_pace_t *p = pace_find(r, sa);
		if (p != NULL && p->inflight >= r->udp_inflight) {
			/* No room: wait, without a timer, for a reply or timeout to this server. */
			heap_remove(r, q);
			q->srv = p;
			q->waiting = true;
			q->next = NULL;
			if (p->tail != NULL)
				p->tail->next = q;
			else
				p->head = q;
			p->tail = q;
			return;
		}
		if (p != NULL) {
			p->inflight++;
			q->srv = p;
			q->paced = true;
		}
	}
	int rc = len;
	if (len > 0) {
		q->asked |= 1u << q->ns;
		if (q->tcp) {
			rc = q53_tr_tcp_send(r, q, sa, c->server_len[q->ns], msg, (size_t)len);
		} else {
			srv_pace_t *p = q->paced ? q->srv : pace_find(r, sa);
			if (q->sock[q->ns] == NULL && p != NULL)
				q->sock[q->ns] = q53_tr_udp_get(r, p);
			rc = q->sock[q->ns] != NULL ? q53_tr_udp_send(r, q->sock[q->ns], msg, (size_t)len)
						    : Q53_ENETWORK;
		}
	}
	/* A send that fails at once waits for its timer like a lost datagram would; only the timer
	 * moves a query on, so there is one path for failover. */
	(void)rc;
	/* The round of the try just sent (sends counts it already): glibc's res_send waits the timeout in
	 * round 0 and (timeout << round) / servers after it. */
	unsigned round = q->sends > 0 ? (q->sends - 1) / (unsigned)c->nservers : 0;
	if (heap_set(r, q, now_ms(r) + try_timeout(c, round)) < 0) {
		q53_result_t *res = q53_result_error(Q53_ENOMEM, cur_name(q), q->qtype);
		if (res != NULL)
			name_done(r, q, res);
		else
			finish(r, q, NULL);
	}
}

static void send_next(q53_resolver_t *r, q53_query_t *q)
{
	const q53_conf_t *c = q->conf;
	q53_tr_tcp_detach(q);
	if (q->sends >= c->attempts * c->nservers) {
		/* Every try is used: a server's failure reply says more than a timeout. */
		q53_result_t *res = q->fail;
		q->fail = NULL;
		if (res != NULL)
			res->status = Q53_ESERVFAIL;
		else
			res =
			    q53_result_error(q->refused ? Q53_ENETWORK : Q53_ETIMEOUT, cur_name(q), q->qtype);
		if (res == NULL) {
			finish(r, q, NULL);
			return;
		}
		name_done(r, q, res);
		return;
	}
	q->ns = (uint8_t)((q->start + q->sends) % (unsigned)c->nservers);
	q->sends++;
	q->tcp = (c->flags & Q53_RES_USEVC) != 0;
	transmit(r, q);
}

void q53_core_conn_failed(q53_resolver_t *r, q53_query_t *q)
{
	q->asked = (uint8_t)(q->asked & ~(1u << q->ns));
	send_next(r, q);
}

/* The try of q on socket s (UDP, waiting for its timer). */
static bool waits_on(const q53_query_t *q, const udp_sock_t *s)
{
	return q != NULL && !q->tcp && q->heap != UINT32_MAX && q->sock[q->ns] == s;
}

void q53_core_refused(q53_resolver_t *r, udp_sock_t *s)
{
	/* The kernel does not say which datagram was refused, only the socket: every query whose try
	 * waits on it moves on. ICMP errors are rare, so the queries are found by a walk of the IDs. */
	size_t n = 0;
	for (size_t i = 0; i < r->ids_cap; i++)
		n += waits_on(r->ids[i], s);
	if (n == 0)
		return;
	q53_query_t **l = malloc(n * sizeof *l);
	if (l == NULL)
		return; /* their timers move them on */
	size_t k = 0;
	for (size_t i = 0; i < r->ids_cap && k < n; i++)
		if (waits_on(r->ids[i], s))
			l[k++] = r->ids[i];
	/* Invariant: l[0..i) moved on; moving one on never frees another (only callbacks do). */
	for (size_t i = 0; i < k; i++)
		if (waits_on(l[i], s)) {
			l[i]->refused = true;
			heap_remove(r, l[i]);
			q53_core_conn_failed(r, l[i]);
		}
	free(l);
}

/* Which server of q's configuration sa is, or -1. */
static int server_index(const q53_query_t *q, const struct sockaddr *sa)
{
	for (size_t i = 0; i < q->conf->nservers; i++)
		if (q53_sockaddr_equal((const struct sockaddr *)&q->conf->server[i], sa))
			return (int)i;
	return -1;
}

/* ASCII lower case of one octet; length octets (<= 63) and other bytes are unchanged. */
static inline uint8_t fold(uint8_t c)
{
	return (uint8_t)((unsigned)c - 'A' < 26u ? c + 32 : c);
}

/* RFC 5452 9.1: the reply's question is the one asked (name compared without regard to case). */
static bool same_question(const q53_query_t *q, const uint8_t *msg, size_t len)
{
	const uint8_t *want = cur_name(q);
	size_t wl = q53_name_len(want);
	/* The usual reply repeats the question as it was sent, uncompressed: compared in place. Folding a
	 * length octet of ours (<= 63) never changes it, so equal octets after folding mean equal labels.
	 * Anything else (a compressed question, another name) takes the reader's way. */
	if (q53_get16(msg + 4) == 1 && len >= Q53_HEADER_LEN + wl + 4) {
		const uint8_t *p = msg + Q53_HEADER_LEN;
		size_t i = memcmp(p, want, wl) == 0 ? wl : 0; /* the server echoed the octets sent */
		while (i < wl && fold(p[i]) == fold(want[i]))
			i++;
		if (i == wl)
			return q53_get16(p + wl) == q->qtype && q53_get16(p + wl + 2) == Q53_CLASS_IN;
	}
	q53_reader_t rd;
	q53_rr_t rr;
	uint8_t name[Q53_NAME_MAX];
	if (q53_reader_init(&rd, msg, len) < 0 || rd.count[0] != 1)
		return false;
	if (q53_reader_question(&rd, &rr) != 1 || q53_rr_owner(&rr, name) < 0)
		return false;
	return rr.type == q->qtype && rr.rclass == Q53_CLASS_IN && q53_name_equal(name, cur_name(q));
}

void q53_core_reply(q53_resolver_t *r, const struct sockaddr *sa, udp_sock_t *s, tcp_conn_t *conn,
		    const uint8_t *msg, size_t len)
{
	if (len < Q53_HEADER_LEN)
		return;
	uint16_t flags = q53_get16(msg + 2);
	if (!(flags & Q53_FLAG_QR) || Q53_FLAGS_OPCODE(flags) != Q53_OPCODE_QUERY)
		return;
	q53_query_t *q = id_find(r, q53_get16(msg));
	if (q == NULL)
		return;
	/* From a server this query asked (UDP), or on the connection it waits on (TCP). */
	int idx = server_index(q, sa);
	if (idx < 0 || !(q->asked & (1u << idx)))
		return;
	if (conn != NULL ? q->conn != conn : q->tcp && (unsigned)idx == q->ns)
		return;
	/* On the socket (the random port) the query left from. */
	if (s != NULL && q->sock[idx] != s)
		return;
	if (!same_question(q, msg, len))
		return;
	/* An accepted reply: this server will not be heard again for this name. */
	q->asked = (uint8_t)(q->asked & ~(1u << idx));
	q->ns = (uint8_t)idx;
	unsigned rcode = Q53_FLAGS_RCODE(flags);
	if (conn == NULL && (flags & Q53_FLAG_TC)) {
		/* RFC 7766 5: the same question to the same server over TCP, with the same timer. */
		q->tcp = true;
		q->asked |= 1u << idx;
		transmit(r, q);
		return;
	}
	q53_result_t *res = q53_result_from_msg(msg, len, Q53_SOURCE_DNS);
	if (res != NULL) {
		/* Every reply that may reach the application (an answer, or the failure kept in q->fail). */
		filter_ad(q->conf, res);
		rcode = res->rcode;
		res->server = q->conf->server[idx];
		res->server_len = q->conf->server_len[idx];
		res->tcp = conn != NULL;
	}
	if (res != NULL && rcode == Q53_RCODE_FORMERR && !q->noedns) {
		/* A server that does not know EDNS (RFC 6891 7): ask it again without. */
		q53_result_free(res);
		q->noedns = true;
		q53_tr_tcp_detach(q);
		transmit(r, q);
		return;
	}
	if (res == NULL || rcode == Q53_RCODE_SERVFAIL || rcode == Q53_RCODE_REFUSED ||
	    rcode == Q53_RCODE_NOTIMP || rcode == Q53_RCODE_FORMERR) {
		/* A malformed reply or a server that cannot answer: the next server (glibc next_ns). */
		if (res != NULL) {
			q53_result_free(q->fail);
			q->fail = res;
		}
		send_next(r, q);
		return;
	}
	/* A reply that cannot be kept (no memory, not cacheable) is still the answer. The cache keeps it as
	 * the application got it: an AD bit not trusted now is never handed over later. */
	(void)q53_cache_put(&r->cache, cur_name(q), q->qtype, res->msg, res->msg_len, cache_now(r));
	name_done(r, q, res);
}

static void finish(q53_resolver_t *r, q53_query_t *q, q53_result_t *res)
{
	name_release(r, q);
	heap_remove(r, q);
	q53_tr_tcp_detach(q);
	bool ok = res != NULL && res->status == Q53_OK && res->rcode == Q53_RCODE_NOERROR && res->nanswer > 0;
	q53_result_t *h;
	if (!ok && q->conf->order == Q53_ORDER_DNS_FILES && hosts_answer(r, q, &h)) {
		/* "dns files": the hosts file when DNS gives no answer, fails or times out. */
		q53_result_free(res);
		res = h;
	}
	if (res == NULL)
		res = q53_result_error(Q53_ENOMEM, asis_name(q), q->qtype);
	/* The result takes keep's place. */
	if (q->keep != res)
		q53_result_free(q->keep);
	/* res may still be NULL when memory is exhausted; the callback then receives NULL. */
	q->result = res;
	q->queued = true;
	q->next = NULL;
	if (r->done_tail != NULL)
		r->done_tail->next = q;
	else
		r->done_head = q;
	r->done_tail = q;
}

size_t q53_resolver_servers(q53_resolver_t *r, struct sockaddr_storage *out, socklen_t *len, size_t max)
{
	maybe_reload(r);
	const q53_conf_t *c = r->conf;
	for (size_t i = 0; i < c->nservers && i < max; i++) {
		out[i] = c->server[i];
		len[i] = c->server_len[i];
	}
	return c->nservers;
}

static int start(q53_resolver_t *r, const char *name, uint16_t type, q53_lookup_cb cb, void *arg,
		 q53_query_t **qp, bool addrs)
{
	maybe_reload(r);
	q53_conf_t *c = r->conf;
	char ascii[Q53_NAME_TEXT_MAX];
	uint8_t names[SEARCH_MAX][Q53_NAME_MAX];
	bool as_is_first = false;
	int asis_idx = -1;
	int n = q53_idna_to_ascii(name, strlen(name), ascii, sizeof ascii, NULL, 0);
	if (n >= (int)sizeof ascii)
		n = Q53_ENAMELEN;
	if (n >= 0)
		n = q53_search_list(c, ascii, (size_t)n, names, &as_is_first, &asis_idx);
	/* One allocation sized to the servers and the names: a lookup in flight holds little more than a
	 * hundred octets. The name as typed is one of the names to ask (search.c); when the name is bad
	 * it is the root, so that nothing matches it. */
	size_t total = n > 0 ? 0 : 1;
	for (int i = 0; i < n; i++)
		total += q53_name_len(names[i]);
	size_t nsock = c->nservers;
	q53_query_t *q = malloc(sizeof *q + nsock * sizeof q->sock[0] + total);
	if (q == NULL)
		return Q53_ENOMEM;
	memset(q, 0, sizeof *q + nsock * sizeof q->sock[0]);
	q->r = r;
	q->conf = c;
	c->refs++;
	q->cb = cb;
	q->arg = arg;
	q->qtype = type;
	q->addrs = addrs;
	q->heap = UINT32_MAX;
	q->as_is_first = as_is_first;
	q->nsock = (uint8_t)nsock;
	uint8_t *nb = (uint8_t *)&q->sock[nsock];
	size_t off = 0;
	nb[0] = 0;
	for (int i = 0; i < n; i++) {
		size_t l = q53_name_len(names[i]);
		if (i == asis_idx)
			q->asis_off = (uint16_t)off;
		memcpy(nb + off, names[i], l);
		off += l;
	}
	r->pending++;
	if (qp != NULL)
		*qp = q;
	if (n < 0) {
		/* A name that cannot be asked (IDNA, length, escapes) is the lookup's outcome. */
		finish(r, q, q53_result_error(n, NULL, type));
		return 0;
	}
	q->nnames = (uint8_t)n;
	if (q53_is_localhost(asis_name(q))) {
		/* RFC 6761 6.3: localhost is loopback, never asked to a server. */
		uint8_t lo[1][16] = {{0}};
		size_t cnt = 0;
		if (type == Q53_TYPE_A) {
			lo[0][0] = 127;
			lo[0][3] = 1;
			cnt = 1;
		} else if (type == Q53_TYPE_AAAA) {
			lo[0][15] = 1;
			cnt = 1;
		}
		finish(
		    r, q,
		    q53_result_synth(asis_name(q), type, Q53_RCODE_NOERROR, lo, cnt, NULL, Q53_SOURCE_LOCAL));
		return 0;
	}
	q53_result_t *h;
	if ((c->order == Q53_ORDER_FILES_DNS || c->order == Q53_ORDER_FILES) && hosts_answer(r, q, &h)) {
		finish(r, q, h);
		return 0;
	}
	if (c->order == Q53_ORDER_FILES_DNS && q->addrs && q53_hosts_has(&r->hosts, asis_name(q))) {
		/* getaddrinfo() (glibc's gethostbyname4 of the files service): a name the hosts file has is
		 * answered by the file alone, even with no address of this family there. */
		finish(
		    r, q,
		    q53_result_synth(asis_name(q), type, Q53_RCODE_NOERROR, NULL, 0, NULL, Q53_SOURCE_HOSTS));
		return 0;
	}
	if (c->order == Q53_ORDER_FILES) {
		/* Files only: the name is unknown (NXDOMAIN) or has no address of this family (NODATA). */
		unsigned rcode =
		    q53_hosts_has(&r->hosts, asis_name(q)) ? Q53_RCODE_NOERROR : Q53_RCODE_NXDOMAIN;
		finish(r, q, q53_result_synth(asis_name(q), type, rcode, NULL, 0, NULL, Q53_SOURCE_HOSTS));
		return 0;
	}
	q->start = 0;
	if (c->flags & Q53_RES_ROTATE)
		q->start = (uint8_t)(r->rotate++ % (unsigned)c->nservers);
	name_begin(r, q);
	return 0;
}

int q53_core_start(q53_resolver_t *r, const char *name, uint16_t type, q53_lookup_cb cb, void *arg,
		   q53_query_t **qp, bool addrs)
{
	if (r == NULL || name == NULL || cb == NULL)
		return Q53_EINVAL;
	/* One clock reading for the whole start (the reload check and the first timer). */
	bool outer = !r->in_process;
	if (outer) {
		r->now = q53_now_ms();
		r->in_process = true;
	}
	int rc = start(r, name, type, cb, arg, qp, addrs);
	if (outer)
		r->in_process = false;
	return rc;
}

int q53_resolver_start(q53_resolver_t *r, const char *name, uint16_t type, q53_lookup_cb cb, void *arg,
		       q53_query_t **qp)
{
	return q53_core_start(r, name, type, cb, arg, qp, false);
}

void q53_query_cancel(q53_query_t *q)
{
	if (q == NULL || q->cancelled)
		return;
	q53_resolver_t *r = q->r;
	q->cancelled = true;
	r->pending--;
	if (q->queued)
		return; /* in the done queue: freed there without its callback */
	query_discard(r, q);
}

int q53_resolver_timeout(const q53_resolver_t *r)
{
	if (r->done_head != NULL)
		return 0;
	if (r->heap_n == 0)
		return -1;
	uint64_t now = q53_now_ms(), d = r->heap[0]->deadline;
	if (d <= now)
		return 0;
	return d - now > 0x7FFFFFFF ? 0x7FFFFFFF : (int)(d - now);
}

void q53_core_timers(q53_resolver_t *r, uint64_t now)
{
	/* Invariant: every query in the heap before the top has a deadline after now. */
	while (r->heap_n > 0 && r->heap[0]->deadline <= now) {
		q53_query_t *q = r->heap[0];
		heap_remove(r, q);
		send_next(r, q);
	}
}

void q53_core_query_free(q53_query_t *q)
{
	query_free(q);
}
