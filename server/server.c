/*
 * server.c: listeners, workers, zone reload and statistics of q53d.
 *
 * UDP: N workers, each with its own SO_REUSEPORT socket per listen address (the kernel spreads clients
 * over them), reading up to BATCH queries with one recvmmsg and sending the answers with one sendmmsg.
 * Buffers are allocated once per worker: the query path allocates nothing and takes no lock.
 * TCP (RFC 7766): one thread on epoll; per connection an input and an output buffer, so partial reads and
 * writes never block another client, pipelined queries are answered in order (RFC 7766 6.2.1.1), idle and
 * half-open connections are closed after an idle timeout (RFC 7766 6.2.3) and connections past a cap are
 * closed at once (RFC 7766 6.2.2).
 * Reload: zones are immutable snapshots. A new set is built beside the old one and published with one
 * atomic store; the old set is freed once every thread has passed a quiescent point (each thread records
 * the generation it saw when it woke, and 0 while it sleeps in epoll_wait), so no query ever reads freed
 * memory and none waits for a lock.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "net.h"
#include "q53/err.h"
#include "q53/msg.h"
#include "q53/name.h"
#include "rrl.h"
#include "server.h"
#include "xfr_rr.h"

enum {
	BATCH = 64,	     /* messages per recvmmsg/sendmmsg */
	ROUNDS = 8,	     /* batches from one socket before looking at the others again */
	QUERY_MAX = 4096,    /* larger UDP queries are dropped: RFC 6891 6.2.5 payloads stop at 4096 */
	TCP_MSG_MAX = 65535, /* RFC 1035 4.2.2: the 2-octet length */
	TCP_EVENTS = 64,
	DEFAULT_TCP_MAX = 100,
	DEFAULT_TCP_IDLE_MS = 10000,
	MAX_THREADS = 1024,
	GSO_ANSWER_MAX = 1232, /* answers grouped for UDP GSO fit every link (RFC 9715): no EMSGSIZE */
};

/* ---- Counters: one writer each, read while running by the stats call ----------------------------- */

enum {
	C_UDP,
	C_TCP,
	C_DROPPED,
	C_TRUNC,
	C_SHRUNK,
	C_ACCEPTED,
	C_REFUSED,
	C_TIMEOUT,
	C_BADVERS,
	C_BADCOOKIE,
	C_RRL_DROPPED,
	C_RRL_SLIPPED,
	C_RCODE,
	C_N = C_RCODE + 16
};

typedef struct counters {
	_Atomic uint64_t v[C_N];
} counters;

/* A relaxed load and store, not an atomic add: only the owning thread writes, so no locked instruction. */
static void bump(counters *c, int i)
{
	atomic_store_explicit(&c->v[i], atomic_load_explicit(&c->v[i], memory_order_relaxed) + 1,
			      memory_order_relaxed);
}

static void count_response(counters *c, const uint8_t *resp, size_t len, bool udp)
{
	unsigned rcode = resp[3] & 0x0f;
	/* The extended RCODEs our answers use (RFC 6891 6.1.3) have their high bits in the OPT record, which
	 * is read only for replies that can be one: BADVERS (16) has NOERROR in the header and nothing in
	 * the answer and authority sections, BADCOOKIE (23) has 7 in the header. Other replies cost nothing.
	 */
	if ((rcode == 0 && q53_get16(resp + 6) == 0 && q53_get16(resp + 8) == 0 &&
	     q53_get16(resp + 10) > 0) ||
	    rcode == 7) {
		q53_reader_t rd;
		q53_edns_t e;
		if (q53_reader_init(&rd, resp, len) == 0 && q53_reader_edns(&rd, &e) == 1) {
			unsigned full = q53_rcode_full(q53_get16(resp + 2), &e);
			if (full == Q53_RCODE_BADVERS || full == Q53_RCODE_BADCOOKIE) {
				bump(c, full == Q53_RCODE_BADVERS ? C_BADVERS : C_BADCOOKIE);
				rcode = 16; /* not a header RCODE */
			}
		}
	}
	if (rcode < 16)
		bump(c, C_RCODE + (int)rcode);
	if (udp && (resp[2] & 0x02))
		bump(c, C_TRUNC);
}

/* ---- Threads and their quiescent state ----------------------------------------------------------- */

typedef enum hkind { H_STOP, H_UDP, H_LISTEN, H_CONN } hkind;

/* What an epoll event points at: every object registered starts with one. */
typedef struct handle {
	hkind kind;
	int fd;
} handle;

typedef struct thread_state {
	/* 0 while blocked in epoll_wait (quiescent), else the generation read on waking. Own cache line:
	 * the reloader polls it. */
	alignas(64) _Atomic uint64_t seen;
	alignas(64) counters ctr;
	q53_server_t *srv;
	int ep;
	pthread_t tid;
	bool started;
	q53_answer_cfg_t acfg; /* a private copy: `now` is refreshed per batch without sharing a line */
} thread_state;

typedef struct worker {
	thread_state t;
	handle *udp; /* one socket per listen address */
	struct mmsghdr rmsg[BATCH], smsg[BATCH];
	struct iovec riov[BATCH], siov[BATCH];
	struct sockaddr_storage from[BATCH];
	uint8_t *sbuf; /* BATCH responses of scap octets */
	size_t scap;
	uint8_t rbuf[BATCH][QUERY_MAX];
	q53_prefetch_t pf[BATCH]; /* the batch's prefetch: each query's zone and name hash */
	uint8_t qi[BATCH];	  /* smsg[m] answers rbuf[qi[m]] */
	/* For rate limiting: the source and the kind of smsg[m]'s answer. */
	q53_client_t client[BATCH];
	q53_answer_note_t note[BATCH];
	unsigned used; /* rmsg entries the last recvmmsg changed (all at first) */
	/* The answers grouped for UDP GSO (udp_send()): gmsg[j] holds smsg[gfirst[j]..gfirst[j + 1]). */
	struct mmsghdr gmsg[BATCH];
	q53_net_gso_ctl gctl[BATCH];
	size_t gfirst[BATCH + 1];
	bool no_gso; /* the kernel or a route could not take it: answers go one by one */
} worker;

typedef struct conn {
	handle h;
	struct conn *prev, *next;
	uint64_t last_ms; /* last progress in either direction */
	uint32_t events;  /* the epoll interest now registered */
	bool eof;	  /* the client has closed its side: answer what is buffered, then close */
	size_t inlen, outlen, outoff;
	q53_xfr_stream_t *stream; /* a zone transfer being sent: its next message follows out */
	q53_client_t client;
	uint8_t in[2 + TCP_MSG_MAX]; /* always room for one whole message */
	uint8_t out[2 + TCP_MSG_MAX];
} conn;

typedef struct tcp_thread {
	thread_state t;
	handle *listen;
	conn *head;
	unsigned nconn;
	uint8_t scratch[TCP_MSG_MAX]; /* an answer before it joins a connection's output */
} tcp_thread;

/* One zone served: where it comes from and its current snapshot. */
typedef struct zslot {
	uint8_t apex[Q53_NAME_MAX];
	char *path;
	int dir; /* index into zonedirs, -1 for a zone given by itself */
	size_t seq;
	q53_zone_t *zone;
} zslot;

struct q53_server {
	q53_server_cfg_t cfg;
	q53_listen_addr_t *addrs; /* the addresses actually opened */
	size_t naddrs;
	zslot *given; /* cfg.zones with parsed origins (zone == NULL) */
	unsigned nworkers;
	worker **workers;
	tcp_thread *tcp;
	handle stop; /* an eventfd in every epoll set; written once to stop */
	_Atomic(q53_zoneset_t *) zones;
	_Atomic uint64_t gen;
	zslot *cur; /* the zones of *zones, sorted by apex */
	size_t ncur;
	uint64_t reloads;
	bool running;
	q53_rrl_t *rrl;		  /* NULL: no response rate limiting */
	_Atomic uint64_t rrl_log; /* q53_rrl_log_allowed()'s state: the log lines of rate limiting */
};

static void say(const q53_server_t *s, int level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(const q53_server_t *s, int level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	q53_xfr_vlog(s->cfg.log, s->cfg.log_ctx, level, fmt, ap);
	va_end(ap);
}

/* Leaves the quiescent state: from here until offline() the thread may hold the zone set it returns. */
static const q53_zoneset_t *online(thread_state *t)
{
	atomic_store(&t->seen, atomic_load(&t->srv->gen));
	t->acfg.now = (uint32_t)time(NULL);
	return atomic_load(&t->srv->zones);
}

static void offline(thread_state *t)
{
	atomic_store(&t->seen, 0);
}

/*
 * Waits until no thread can still hold a zone set loaded before the caller's last atomic store. All
 * operations are sequentially consistent: a thread that read the old pointer stored `seen` (a value below
 * g) before that read, so the loop below sees it until the thread sleeps again or wakes in generation g.
 */
static void quiesce(q53_server_t *s)
{
	uint64_t g = atomic_fetch_add(&s->gen, 1) + 1;
	if (!s->running)
		return;
	for (unsigned i = 0; i <= s->nworkers; i++) {
		thread_state *t = i < s->nworkers ? &s->workers[i]->t : &s->tcp->t;
		if (!t->started)
			continue;
		for (;;) {
			uint64_t v = atomic_load(&t->seen);
			if (v == 0 || v >= g)
				break;
			struct timespec d = {0, 100000};
			nanosleep(&d, NULL);
		}
	}
}

static void client_from(q53_client_t *c, const struct sockaddr_storage *ss, bool tcp)
{
	memset(c, 0, sizeof *c);
	c->tcp = tcp;
	if (ss->ss_family == AF_INET) {
		c->family = 4;
		memcpy(c->addr, &((const struct sockaddr_in *)(const void *)ss)->sin_addr, 4);
	} else if (ss->ss_family == AF_INET6) {
		c->family = 6;
		memcpy(c->addr, &((const struct sockaddr_in6 *)(const void *)ss)->sin6_addr, 16);
	}
}

/* ---- UDP ------------------------------------------------------------------------------------------ */

/*
 * Answers the batch's query i into resp[0..cap) (the batch prefetch's hint with it, when given); *client
 * gets its source and *note what rate limiting needs to know of the answer.
 */
static int udp_answer(worker *w, const q53_zoneset_t *zs, unsigned i, uint8_t *resp, size_t cap,
		      const q53_prefetch_t *hint, q53_client_t *client, q53_answer_note_t *note)
{
	client_from(client, &w->from[i], false);
	q53_xfr_t *xfr = w->t.srv->cfg.xfr;
	const uint8_t *q = w->rbuf[i];
	size_t qlen = w->rmsg[i].msg_len;
	if (xfr != NULL && q53_xfr_wants(q, qlen, false)) {
		*note = (q53_answer_note_t){.cls = Q53_AC_NONE};
		return q53_xfr_answer(xfr, &w->t.acfg, zs, client, q, qlen, resp, cap, NULL);
	}
	return q53_answer_noted(&w->t.acfg, zs, client, q, qlen, resp, cap, hint, note);
}

/*
 * smsg[k] did not fit the outgoing interface's MTU (EMSGSIZE: the sockets never fragment, see
 * q53_net_udp_open()). RFC 9715 3.1: answer again within 1232 octets, which fits every IPv6 link, then
 * within 512 (RFC 1035 4.2.1), the records that do not fit dropped whole and TC set as for any client's
 * smaller size. Returns false when even that cannot go (the reply is dropped, as the network would).
 */
static bool udp_shrink(worker *w, const q53_zoneset_t *zs, unsigned k)
{
	size_t cap = w->siov[k].iov_len > 1232 ? 1232 : 512;
	if (w->siov[k].iov_len <= cap)
		return false;
	q53_client_t client;
	q53_answer_note_t note;
	int r = udp_answer(w, zs, w->qi[k], w->siov[k].iov_base, cap, NULL, &client, &note);
	if (r <= 0)
		return false;
	w->siov[k].iov_len = (size_t)r;
	bump(&w->t.ctr, C_SHRUNK);
	if (((const uint8_t *)w->siov[k].iov_base)[2] & 0x02) /* a header at least: r > 0 */
		bump(&w->t.ctr, C_TRUNC);
	return true;
}

/* Sends smsg[i..m) one message each. */
static void udp_send_each(worker *w, const q53_zoneset_t *zs, int fd, unsigned i, unsigned m)
{
	/* Invariant: smsg[0..i) are sent or counted as dropped. */
	while (i < m) {
		int r = sendmmsg(fd, w->smsg + i, m - i, MSG_DONTWAIT);
		if (r > 0) {
			i += (unsigned)r;
		} else if (r < 0 && errno == EINTR) {
			continue;
		} else if (r < 0 && errno == EMSGSIZE && udp_shrink(w, zs, i)) {
			continue;
		} else {
			/* A full send buffer or an unreachable client: lose this one as the network would. */
			bump(&w->t.ctr, C_DROPPED);
			i++;
		}
	}
}

/*
 * Sends the batch's m answers. When pairs says some may go together, answers of one length up to
 * GSO_ANSWER_MAX octets that follow each other to one client address and port go as one message with UDP
 * GSO (net.h): one build and one route lookup for the group, as when a resolver asks many names from one
 * port. A group the kernel or the route refuses (EIO without checksum offload, EINVAL) goes again one by
 * one, and GSO is off for this worker from then on. Under dnsperf (20 ports, mixed answers) eight
 * alternating rounds with and without it measured the same CPU per query (4.55 and 4.57 us medians).
 */
static void udp_send(worker *w, const q53_zoneset_t *zs, int fd, unsigned m, bool pairs)
{
	size_t g = w->no_gso || !pairs
		       ? m
		       : q53_net_gso_group(w->smsg, m, GSO_ANSWER_MAX, w->gmsg, w->gctl, w->gfirst);
	if (g == m) {
		udp_send_each(w, zs, fd, 0, m);
		return;
	}
	/* Invariant: gmsg[0..j) are sent or counted as dropped. */
	for (size_t j = 0; j < g;) {
		int r = sendmmsg(fd, w->gmsg + j, (unsigned)(g - j), MSG_DONTWAIT);
		if (r > 0) {
			j += (size_t)r;
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		unsigned a = (unsigned)w->gfirst[j], b = (unsigned)w->gfirst[j + 1];
		if (r < 0 && w->gmsg[j].msg_hdr.msg_control != NULL && errno != EAGAIN &&
		    errno != EWOULDBLOCK) {
			/* EIO, EINVAL, EOPNOTSUPP: GSO itself; anything else is a datagram's to meet. */
			if (errno == EIO || errno == EINVAL || errno == EOPNOTSUPP)
				w->no_gso = true;
			udp_send_each(w, zs, fd, a, b);
		} else if (r < 0 && errno == EMSGSIZE && udp_shrink(w, zs, a)) {
			continue; /* a single answer, smaller now */
		} else {
			for (unsigned k = a; k < b; k++)
				bump(&w->t.ctr, C_DROPPED);
		}
		j++;
	}
}

/*
 * Before answering a batch: each stage of the zone lookup's memory reads (index slot, node, RRsets, their
 * RDATA) for every query of the batch, so the reads of different queries overlap instead of following one
 * another.
 * The question's name is used in place when it is a plain, uncompressed name, as queries send it.
 */
static void prefetch_batch(const q53_zoneset_t *zs, worker *w, unsigned n)
{
	q53_prefetch_t *pf = w->pf;
	for (unsigned i = 0; i < n; i++) {
		/* No zone: every later stage skips the entry, whatever the slot's last query left in it. */
		pf[i].z = NULL;
		size_t len = w->rmsg[i].msg_len < QUERY_MAX ? w->rmsg[i].msg_len : QUERY_MAX;
		if (len > Q53_HEADER_LEN &&
		    q53_name_check(w->rbuf[i] + Q53_HEADER_LEN, len - Q53_HEADER_LEN) > 0)
			q53_prefetch_start(zs, w->rbuf[i] + Q53_HEADER_LEN, &pf[i]);
	}
	for (unsigned i = 0; i < n; i++)
		q53_prefetch_node(&pf[i]);
	for (unsigned i = 0; i < n; i++)
		q53_prefetch_sets(&pf[i]);
	for (unsigned i = 0; i < n; i++)
		q53_prefetch_data(&pf[i]);
}

enum { RRL_LOG_PER_SECOND = 10 };

static const char *class_text(q53_answer_class c)
{
	switch (c) {
	case Q53_AC_ANSWER:
		return "answer";
	case Q53_AC_NXDOMAIN:
		return "NXDOMAIN";
	case Q53_AC_NODATA:
		return "NODATA";
	case Q53_AC_REFERRAL:
		return "referral";
	case Q53_AC_ERROR:
		return "error";
	case Q53_AC_NONE:
		break;
	}
	return "other";
}

/*
 * The log line of a limiting episode's start (q53_rrl_started()): the network, the kind of response and
 * the question that went over the rate. At most RRL_LOG_PER_SECOND lines a second for the whole server,
 * as NSD and Knot limit theirs: a flood from many networks must not flood the log too; the lines left out
 * are counted in the next one.
 */
static void rrl_log(worker *w, q53_rrl_t *rrl, unsigned k)
{
	q53_server_t *srv = w->t.srv;
	unsigned left;
	if (!q53_rrl_log_allowed(&srv->rrl_log, w->t.acfg.now, RRL_LOG_PER_SECOND, &left))
		return;
	char net[INET6_ADDRSTRLEN + 8], qname[Q53_NAME_TEXT_MAX] = "?", qtype[16] = "?";
	const uint8_t *resp = w->siov[k].iov_base;
	size_t len = w->siov[k].iov_len;
	q53_rrl_network(rrl, &w->client[k], net, sizeof net);
	size_t q = q53_rrl_question(resp, len);
	if (q > 0) {
		q53_name_to_text(resp + Q53_HEADER_LEN, qname, sizeof qname);
		q53_type_to_text(q53_get16(resp + Q53_HEADER_LEN + q - 4), qtype, sizeof qtype);
	}
	char more[48] = "";
	if (left > 0)
		snprintf(more, sizeof more, " (%u more not logged)", left);
	say(srv, Q53_LOG_INFO, "rate limit: %s responses to %s over %u a second (question %s %s)%s",
	    class_text(w->note[k].cls), net, srv->cfg.rrl.rate, qname, qtype, more);
}

/*
 * Response rate limiting (rrl.h) of the batch's m answers: every bucket is named (and starts loading)
 * before any is counted, so their cache misses overlap. The answers dropped leave the batch, those to
 * slip are cut to their question with TC. Returns how many remain.
 */
static unsigned udp_limit(worker *w, q53_rrl_t *rrl, unsigned m)
{
	uint64_t key[BATCH];
	for (unsigned k = 0; k < m; k++)
		key[k] = q53_rrl_key(rrl, &w->client[k], &w->note[k]);
	unsigned kept = 0;
	/* Invariant: smsg[0..kept) are the answers before k that go out, in order. */
	for (unsigned k = 0; k < m; k++) {
		q53_rrl_verdict v =
		    q53_rrl_count(rrl, key[k], &w->t.acfg, &w->client[k], &w->note[k], w->t.acfg.now);
		if (q53_rrl_started())
			rrl_log(w, rrl, k);
		if (v == Q53_RRL_DROP) {
			bump(&w->t.ctr, C_RRL_DROPPED);
			continue;
		}
		if (v == Q53_RRL_SLIP) {
			bump(&w->t.ctr, C_RRL_SLIPPED);
			w->siov[k].iov_len = q53_rrl_slip(w->siov[k].iov_base, w->siov[k].iov_len);
		}
		if (kept != k) {
			w->siov[kept] = w->siov[k];
			w->smsg[kept].msg_hdr.msg_name = w->smsg[k].msg_hdr.msg_name;
			w->smsg[kept].msg_hdr.msg_namelen = w->smsg[k].msg_hdr.msg_namelen;
			w->qi[kept] = w->qi[k];
		}
		kept++;
	}
	return kept;
}

/* Answers what fd holds, up to ROUNDS batches (epoll is level-triggered: the rest comes next round). */
static void udp_serve(worker *w, const q53_zoneset_t *zs, int fd)
{
	for (unsigned round = 0; round < ROUNDS; round++) {
		/* recvmmsg changes the name length and flags of the entries it fills (never the iovecs):
		 * only those need resetting. */
		for (unsigned i = 0; i < w->used; i++) {
			w->rmsg[i].msg_hdr.msg_namelen = sizeof w->from[i];
			w->rmsg[i].msg_hdr.msg_flags = 0;
		}
		w->used = 0;
		int n = recvmmsg(fd, w->rmsg, BATCH, MSG_DONTWAIT, NULL);
		if (n <= 0)
			return;
		w->used = (unsigned)n;
		prefetch_batch(zs, w, (unsigned)n);
		unsigned m = 0;
		for (unsigned i = 0; i < (unsigned)n; i++) {
			bump(&w->t.ctr, C_UDP);
			if (w->rmsg[i].msg_hdr.msg_flags & MSG_TRUNC) {
				bump(&w->t.ctr, C_DROPPED);
				continue;
			}
			uint8_t *resp = w->sbuf + (size_t)m * w->scap;
			int r = udp_answer(w, zs, i, resp, w->scap, &w->pf[i], &w->client[m], &w->note[m]);
			if (r <= 0) {
				bump(&w->t.ctr, C_DROPPED);
				continue;
			}
			w->siov[m].iov_base = resp;
			w->siov[m].iov_len = (size_t)r;
			w->smsg[m].msg_hdr.msg_name = &w->from[i];
			w->smsg[m].msg_hdr.msg_namelen = w->rmsg[i].msg_hdr.msg_namelen;
			w->qi[m] = (uint8_t)i;
			m++;
		}
		if (w->t.srv->rrl != NULL)
			m = udp_limit(w, w->t.srv->rrl, m);
		/* Whether two answers that follow each other could go as one GSO message (udp_send()):
		 * most batches of many clients have none, and then nothing is grouped. */
		bool pairs = false;
		for (unsigned k = 0; k < m; k++) {
			count_response(&w->t.ctr, w->siov[k].iov_base, w->siov[k].iov_len, true);
			if (k > 0 && !pairs &&
			    q53_net_gso_follows(&w->smsg[k - 1], &w->smsg[k], GSO_ANSWER_MAX))
				pairs = true;
		}
		udp_send(w, zs, fd, m, pairs);
		if (n < BATCH)
			return;
	}
}

static void *worker_main(void *arg)
{
	worker *w = arg;
	struct epoll_event ev[16];
	for (;;) {
		offline(&w->t);
		int n = epoll_wait(w->t.ep, ev, 16, -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			say(w->t.srv, Q53_LOG_ERR, "udp worker: epoll_wait: %s", strerror(errno));
			break;
		}
		const q53_zoneset_t *zs = online(&w->t);
		bool stop = false;
		for (int i = 0; i < n; i++) {
			const handle *h = ev[i].data.ptr;
			if (h->kind == H_STOP)
				stop = true;
			else
				udp_serve(w, zs, h->fd);
		}
		if (stop)
			break;
	}
	offline(&w->t);
	return NULL;
}

/* ---- TCP ------------------------------------------------------------------------------------------ */

static void conn_close(tcp_thread *t, conn *c)
{
	close(c->h.fd);
	q53_xfr_stream_free(c->stream);
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		t->head = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	t->nconn--;
	free(c);
}

static void tcp_accept(tcp_thread *t, int lfd, uint64_t now)
{
	unsigned max = t->t.srv->cfg.tcp_max_conn;
	/* A bounded number per event so a flood of connections cannot starve the connections we have. */
	for (unsigned k = 0; k < 64; k++) {
		struct sockaddr_storage ss;
		socklen_t len = sizeof ss;
		int fd = accept4(lfd, (struct sockaddr *)&ss, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				say(t->t.srv, Q53_LOG_WARNING, "tcp: accept: %s", strerror(errno));
			return;
		}
		conn *c = t->nconn < max ? malloc(sizeof *c) : NULL;
		if (c == NULL) {
			/* Over the cap (RFC 7766 6.2.2): closed at once, nothing read. */
			close(fd);
			bump(&t->t.ctr, C_REFUSED);
			continue;
		}
		c->h = (handle){H_CONN, fd};
		c->last_ms = now;
		c->events = EPOLLIN;
		c->eof = false;
		c->inlen = c->outlen = c->outoff = 0;
		c->stream = NULL;
		client_from(&c->client, &ss, true);
		struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &c->h};
		if (epoll_ctl(t->t.ep, EPOLL_CTL_ADD, fd, &ev) < 0) {
			close(fd);
			free(c);
			bump(&t->t.ctr, C_REFUSED);
			continue;
		}
		c->prev = NULL;
		c->next = t->head;
		if (t->head != NULL)
			t->head->prev = c;
		t->head = c;
		t->nconn++;
		bump(&t->t.ctr, C_ACCEPTED);
	}
}

/*
 * Writes what is pending and answers buffered queries one after the other (in order, RFC 7766 6.2.1.1)
 * until the socket would block or no whole query is left; then sets the epoll interest. Returns -1 when
 * the connection was closed.
 */
static int conn_run(tcp_thread *t, const q53_zoneset_t *zs, conn *c, uint64_t now)
{
	size_t off = 0;
	q53_xfr_t *x = t->t.srv->cfg.xfr;
	/* Invariant: in[0..off) are queries answered (or dropped); out[outoff..outlen) is still to send. */
	for (;;) {
		if (c->outoff == c->outlen)
			c->outoff = c->outlen = 0;
		/* Answer the queries already here while their answers fit beside what waits to go: pipelined
		 * queries (RFC 7766 6.2.1.1) go out in one send, and the client reads them in one go. An
		 * answer that does not fit leaves its query in the buffer, answered again once out has
		 * drained. */
		while (c->stream == NULL) {
			const uint8_t *msg;
			size_t mlen, used;
			if (!q53_net_frame_next(c->in + off, c->inlen - off, &msg, &mlen, &used))
				break;
			if (x != NULL && q53_xfr_wants(msg, mlen, true)) {
				/* A transfer (or NOTIFY) starts on an empty buffer: its stream follows it. */
				if (c->outlen > 0)
					break;
				off += used;
				bump(&t->t.ctr, C_TCP);
				int r = q53_xfr_answer(x, &t->t.acfg, zs, &c->client, msg, mlen, c->out + 2,
						       TCP_MSG_MAX, &c->stream);
				if (r <= 0) {
					bump(&t->t.ctr, C_DROPPED);
					continue;
				}
				count_response(&t->t.ctr, c->out + 2, (size_t)r, false);
				q53_net_frame_put(c->out, (size_t)r);
				c->outlen = 2 + (size_t)r;
				break;
			}
			int r = q53_answer(&t->t.acfg, zs, &c->client, msg, mlen, t->scratch, TCP_MSG_MAX);
			if (r > 0 && c->outlen + 2 + (size_t)r > sizeof c->out)
				break;
			off += used;
			bump(&t->t.ctr, C_TCP);
			if (r <= 0) {
				bump(&t->t.ctr, C_DROPPED);
				continue;
			}
			count_response(&t->t.ctr, t->scratch, (size_t)r, false);
			q53_net_frame_put(c->out + c->outlen, (size_t)r);
			memcpy(c->out + c->outlen + 2, t->scratch, (size_t)r);
			c->outlen += 2 + (size_t)r;
		}
		if (c->outlen == 0 && c->stream != NULL) {
			/* A transfer goes out one message per turn, as fast as the client reads it. */
			int r = q53_xfr_stream_next(c->stream, c->out + 2, TCP_MSG_MAX);
			if (r > 0) {
				q53_net_frame_put(c->out, (size_t)r);
				c->outlen = 2 + (size_t)r;
			} else {
				q53_xfr_stream_free(c->stream);
				c->stream = NULL;
				if (r < 0) {
					conn_close(t, c);
					return -1;
				}
				continue;
			}
		}
		if (c->outoff == c->outlen)
			break;
		ssize_t w =
		    send(c->h.fd, c->out + c->outoff, c->outlen - c->outoff, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (w <= 0) {
			conn_close(t, c);
			return -1;
		}
		c->outoff += (size_t)w;
		c->last_ms = now;
	}
	if (off > 0) {
		memmove(c->in, c->in + off, c->inlen - off);
		c->inlen -= off;
	}
	bool pending = c->outoff < c->outlen;
	if (c->eof && !pending) {
		/* The client is done and every whole query it sent is answered (RFC 7766 6.2.3). */
		conn_close(t, c);
		return -1;
	}
	uint32_t want = 0;
	if (pending)
		want |= EPOLLOUT;
	/* A full input buffer waits for the output to drain: a client that does not read is not served
	 * without bound, and the idle timeout ends it. */
	if (!c->eof && c->inlen < sizeof c->in)
		want |= EPOLLIN;
	if (want != c->events) {
		struct epoll_event ev = {.events = want, .data.ptr = &c->h};
		if (epoll_ctl(t->t.ep, EPOLL_CTL_MOD, c->h.fd, &ev) < 0) {
			conn_close(t, c);
			return -1;
		}
		c->events = want;
	}
	return 0;
}

static void conn_event(tcp_thread *t, const q53_zoneset_t *zs, conn *c, uint32_t events, uint64_t now)
{
	if ((events & (EPOLLIN | EPOLLHUP | EPOLLERR)) && !c->eof && c->inlen < sizeof c->in) {
		/* One read per event: level-triggered epoll returns here while data is left, in turn with the
		 * other connections. */
		ssize_t r = recv(c->h.fd, c->in + c->inlen, sizeof c->in - c->inlen, MSG_DONTWAIT);
		if (r > 0) {
			c->inlen += (size_t)r;
			c->last_ms = now;
		} else if (r == 0) {
			c->eof = true;
		} else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
			conn_close(t, c);
			return;
		}
	}
	conn_run(t, zs, c, now);
}

static void tcp_sweep(tcp_thread *t, uint64_t now)
{
	uint64_t idle = t->t.srv->cfg.tcp_idle_ms;
	conn *next;
	for (conn *c = t->head; c != NULL; c = next) {
		next = c->next;
		if (now - c->last_ms >= idle) {
			bump(&t->t.ctr, C_TIMEOUT);
			conn_close(t, c);
		}
	}
}

static void *tcp_main(void *arg)
{
	tcp_thread *t = arg;
	unsigned idle = t->t.srv->cfg.tcp_idle_ms;
	/* Check the idle timers a few times per timeout, at least twice a second. */
	int tick = (int)(idle / 4 < 500 ? idle / 4 + 1 : 500);
	uint64_t last_sweep = q53_mono_ms();
	struct epoll_event ev[TCP_EVENTS];
	for (;;) {
		offline(&t->t);
		int n = epoll_wait(t->t.ep, ev, TCP_EVENTS, tick);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			say(t->t.srv, Q53_LOG_ERR, "tcp: epoll_wait: %s", strerror(errno));
			break;
		}
		const q53_zoneset_t *zs = online(&t->t);
		uint64_t now = q53_mono_ms();
		bool stop = false;
		/* A connection closed while handling event i is not in ev[i+1..n): epoll reports each fd
		 * once per call, and accepted ones are only added. */
		for (int i = 0; i < n; i++) {
			handle *h = ev[i].data.ptr;
			if (h->kind == H_STOP)
				stop = true;
			else if (h->kind == H_LISTEN)
				tcp_accept(t, h->fd, now);
			else
				conn_event(t, zs, (conn *)(void *)h, ev[i].events, now);
		}
		if (stop)
			break;
		if (now - last_sweep >= (uint64_t)tick) {
			tcp_sweep(t, now);
			last_sweep = now;
		}
	}
	offline(&t->t);
	while (t->head != NULL)
		conn_close(t, t->head);
	return NULL;
}

/* ---- Zones ---------------------------------------------------------------------------------------- */

static void diag_log(const q53_diag_t *d, void *ctx)
{
	char line[1024];
	q53_diag_format(d, line, sizeof line);
	say(ctx, d->level == Q53_DIAG_ERROR ? Q53_LOG_ERR : Q53_LOG_WARNING, "%s", line);
}

typedef struct zlist {
	zslot *v;
	size_t n, cap;
} zlist;

static int zlist_push(zlist *l, const uint8_t *apex, const char *path, int dir)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		zslot *v = realloc(l->v, cap * sizeof *v);
		if (v == NULL)
			return Q53_ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	zslot *z = &l->v[l->n];
	memcpy(z->apex, apex, q53_name_len(apex));
	z->path = strdup(path);
	if (z->path == NULL)
		return Q53_ENOMEM;
	z->dir = dir;
	z->seq = l->n;
	z->zone = NULL;
	l->n++;
	return 0;
}

static void zlist_free_paths(zslot *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds every regular *.zone file of dir, in name order. Returns 0, Q53_EIO (logged) or Q53_ENOMEM. */
static int scan_dir(q53_server_t *s, int di, zlist *l, unsigned *failed)
{
	const char *dir = s->cfg.zonedirs[di];
	DIR *d = opendir(dir);
	if (d == NULL) {
		say(s, Q53_LOG_ERR, "zone directory %s: %s", dir, strerror(errno));
		return Q53_EIO;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len <= 5 || strcmp(e->d_name + len - 5, ".zone") != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			char **nn = realloc(names, cap * sizeof *nn);
			if (nn == NULL) {
				rc = Q53_ENOMEM;
				break;
			}
			names = nn;
		}
		if ((names[n] = strdup(e->d_name)) == NULL) {
			rc = Q53_ENOMEM;
			break;
		}
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		struct stat st;
		size_t len = strlen(names[i]);
		if (rc == 0 && (size_t)snprintf(path, sizeof path, "%s/%s", dir, names[i]) < sizeof path &&
		    stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			uint8_t apex[Q53_NAME_MAX], root[1] = {0};
			int r = q53_name_from_text(names[i], len - 5, root, apex);
			if (r < 0) {
				say(s, Q53_LOG_ERR, "%s: file name is not a zone origin: %s", path,
				    q53_strerror(r));
				(*failed)++;
			} else {
				rc = zlist_push(l, apex, path, di);
			}
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

static int by_apex(const void *a, const void *b)
{
	const zslot *x = a, *y = b;
	int c = q53_name_compare(x->apex, y->apex);
	if (c != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The slot of apex in a list sorted by apex, or NULL. */
static zslot *find_slot(zslot *v, size_t n, const uint8_t *apex)
{
	size_t lo = 0, hi = n;
	/* Invariant: apex, if present, is in v[lo..hi). */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = q53_name_compare(v[mid].apex, apex);
		if (c == 0)
			return &v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Loads one zone into z->zone, or keeps the snapshot being served. Returns 1 when it failed. */
static unsigned load_one(q53_server_t *s, zslot *z)
{
	char apex[Q53_NAME_TEXT_MAX];
	q53_name_to_text(z->apex, apex, sizeof apex);
	const zslot *old = find_slot(s->cur, s->ncur, z->apex);
	if (old != NULL && strcmp(old->path, z->path) == 0 && q53_zone_files_unchanged(old->zone)) {
		/* Same files, same sizes and times: keep the snapshot (a reload after one secondary zone's
		 * transfer, or a SIGHUP for one edited file, does not read every other zone again). */
		z->zone = old->zone;
		say(s, Q53_LOG_INFO, "zone %s: serial %u, %s unchanged", apex, q53_zone_serial(old->zone),
		    z->path);
		return 0;
	}
	q53_zone_t *zone = NULL;
	errno = 0;
	int rc = q53_zone_load(z->path, z->apex, diag_log, s, &zone);
	int e = errno;
	if (rc == 0 && zone != NULL) {
		z->zone = zone;
		say(s, Q53_LOG_INFO, "zone %s: %s serial %u, %zu records from %s", apex,
		    old != NULL ? "reloaded" : "loaded", q53_zone_serial(zone), q53_zone_records(zone),
		    z->path);
		/* RFC 4035 3.1: DO queries get RRSIGs and the proofs of the zone's chain; a signed zone
		 * without one answers them with RRSIGs only, which validators find bogus when negative. */
		if (q53_zone_signed(zone) && q53_zone_denial(zone) == Q53_DENIAL_NONE)
			say(s, Q53_LOG_WARNING,
			    "zone %s is signed but has no NSEC at its apex and no usable NSEC3PARAM "
			    "(flags 0, SHA-1): answers carry RRSIGs, negative answers no NSEC or NSEC3 "
			    "proofs",
			    apex);
		else if (q53_zone_signed(zone))
			say(s, Q53_LOG_INFO, "zone %s is signed: DNSSEC answers with %s", apex,
			    q53_zone_denial(zone) == Q53_DENIAL_NSEC3 ? "NSEC3" : "NSEC");
		return 0;
	}
	char why[600];
	if (rc == Q53_EIO)
		snprintf(why, sizeof why, "cannot read %s: %s", z->path, e ? strerror(e) : "I/O error");
	else if (rc > 0)
		snprintf(why, sizeof why, "%s has %d error%s", z->path, rc, rc == 1 ? "" : "s");
	else
		snprintf(why, sizeof why, "%s: %s", z->path, q53_strerror(rc));
	if (old != NULL) {
		/* ARCHITECTURE.md: a zone that fails to load never replaces the one being served. */
		z->zone = old->zone;
		say(s, Q53_LOG_ERR, "zone %s: %s; still serving serial %u", apex, why,
		    q53_zone_serial(old->zone));
	} else {
		say(s, Q53_LOG_ERR, "zone %s: %s; not loaded", apex, why);
	}
	return 1;
}

int q53_server_load(q53_server_t *s)
{
	zlist l = {0};
	unsigned failed = 0;
	int rc = 0;
	bool *dir_failed = calloc(s->cfg.nzonedirs + 1, sizeof *dir_failed);
	q53_zone_t **arr = NULL;
	if (dir_failed == NULL)
		return Q53_ENOMEM;
	for (size_t i = 0; i < s->cfg.nzones && rc == 0; i++)
		rc = zlist_push(&l, s->given[i].apex, s->given[i].path, -1);
	for (size_t d = 0; d < s->cfg.nzonedirs && rc == 0; d++) {
		int r = scan_dir(s, (int)d, &l, &failed);
		if (r == Q53_EIO) {
			dir_failed[d] = true;
			failed++;
		} else {
			rc = r;
		}
	}
	if (rc < 0)
		goto out;
	/* Sorted by apex, then by the order given: the first of two files for one apex is served. */
	if (l.n > 0)
		qsort(l.v, l.n, sizeof *l.v, by_apex);
	size_t m = 0;
	/* Invariant: l.v[0..m) are distinct apexes, each with a zone (new or kept). */
	for (size_t i = 0; i < l.n; i++) {
		zslot z = l.v[i];
		if (m > 0 && q53_name_equal(l.v[m - 1].apex, z.apex)) {
			char apex[Q53_NAME_TEXT_MAX];
			q53_name_to_text(z.apex, apex, sizeof apex);
			say(s, Q53_LOG_WARNING, "zone %s: %s ignored, already served from %s", apex, z.path,
			    l.v[m - 1].path);
			free(z.path);
			continue;
		}
		failed += load_one(s, &z);
		if (z.zone == NULL) {
			free(z.path);
			continue;
		}
		l.v[m++] = z;
	}
	l.n = m;
	/* A zone directory that cannot be read now keeps its zones (it may be remounted or fixed). */
	for (size_t i = 0; i < s->ncur; i++) {
		const zslot *o = &s->cur[i];
		if (o->dir >= 0 && dir_failed[o->dir] && find_slot(l.v, m, o->apex) == NULL) {
			rc = zlist_push(&l, o->apex, o->path, o->dir);
			if (rc < 0)
				goto out;
			l.v[l.n - 1].zone = o->zone;
		}
	}
	if (l.n > m)
		qsort(l.v, l.n, sizeof *l.v, by_apex);

	arr = malloc((l.n ? l.n : 1) * sizeof *arr);
	q53_zoneset_t *zs = NULL;
	if (arr != NULL) {
		for (size_t i = 0; i < l.n; i++)
			arr[i] = l.v[i].zone;
		zs = q53_zoneset_new(arr, l.n);
	}
	if (zs == NULL) {
		rc = Q53_ENOMEM;
		goto out;
	}
	/* Publish, wait until no thread can hold the old set, then free what the new set does not use. */
	q53_zoneset_t *old = atomic_exchange(&s->zones, zs);
	/* Transfers compare each new snapshot with the one it replaces while both are alive. */
	for (size_t i = 0; s->cfg.xfr != NULL && i < l.n; i++) {
		const zslot *o = find_slot(s->cur, s->ncur, l.v[i].apex);
		if (o == NULL || o->zone != l.v[i].zone)
			q53_xfr_zone_loaded(s->cfg.xfr, o != NULL ? o->zone : NULL, l.v[i].zone);
	}
	quiesce(s);
	q53_zoneset_release(old);
	for (size_t i = 0; i < s->ncur; i++) {
		zslot *n = find_slot(l.v, l.n, s->cur[i].apex);
		if (n == NULL || n->zone != s->cur[i].zone)
			q53_zone_free(s->cur[i].zone);
	}
	zlist_free_paths(s->cur, s->ncur);
	free(s->cur);
	s->reloads++;
	s->cur = l.v;
	s->ncur = l.n;
	l.v = NULL;
	l.n = 0;
	rc = (int)failed;
out:
	if (rc < 0) {
		/* Nothing was published: free the zones loaded in this round, keep the ones served. */
		for (size_t i = 0; i < l.n; i++) {
			zslot *o = find_slot(s->cur, s->ncur, l.v[i].apex);
			if (l.v[i].zone != NULL && (o == NULL || o->zone != l.v[i].zone))
				q53_zone_free(l.v[i].zone);
		}
	}
	zlist_free_paths(l.v, l.n);
	free(l.v);
	free(arr);
	free(dir_failed);
	return rc;
}

size_t q53_server_zone_count(const q53_server_t *s)
{
	return s->ncur;
}

/* ---- Setup ---------------------------------------------------------------------------------------- */

static int epoll_add(int ep, handle *h, uint32_t events)
{
	struct epoll_event ev = {.events = events, .data.ptr = h};
	return epoll_ctl(ep, EPOLL_CTL_ADD, h->fd, &ev);
}

static int thread_init(q53_server_t *s, thread_state *t, char *err, size_t errsize)
{
	atomic_init(&t->seen, 0);
	for (int i = 0; i < C_N; i++)
		atomic_init(&t->ctr.v[i], 0);
	t->srv = s;
	t->started = false;
	t->acfg = s->cfg.answer;
	t->ep = epoll_create1(EPOLL_CLOEXEC);
	if (t->ep < 0 || epoll_add(t->ep, &s->stop, EPOLLIN) < 0) {
		snprintf(err, errsize, "epoll: %s", strerror(errno));
		return Q53_ENETWORK;
	}
	return 0;
}

static void *aligned_zalloc(size_t size)
{
	size = (size + 63) & ~(size_t)63;
	void *p = aligned_alloc(64, size);
	if (p != NULL)
		memset(p, 0, size);
	return p;
}

static int worker_new(q53_server_t *s, worker **out, char *err, size_t errsize)
{
	worker *w = aligned_zalloc(sizeof *w);
	*out = w;
	if (w == NULL)
		goto nomem;
	w->t.ep = -1;
	w->udp = calloc(s->naddrs, sizeof *w->udp);
	w->scap = s->cfg.answer.edns_size > 512 ? s->cfg.answer.edns_size : 512;
	w->sbuf = malloc(BATCH * w->scap);
	if (w->udp == NULL || w->sbuf == NULL)
		goto nomem;
	for (size_t i = 0; i < s->naddrs; i++)
		w->udp[i] = (handle){H_UDP, -1};
	int rc = thread_init(s, &w->t, err, errsize);
	if (rc < 0)
		return rc;
	w->used = BATCH;
	for (unsigned i = 0; i < BATCH; i++) {
		w->riov[i].iov_base = w->rbuf[i];
		w->riov[i].iov_len = QUERY_MAX;
		w->rmsg[i].msg_hdr.msg_name = &w->from[i];
		w->rmsg[i].msg_hdr.msg_iov = &w->riov[i];
		w->rmsg[i].msg_hdr.msg_iovlen = 1;
		w->smsg[i].msg_hdr.msg_iov = &w->siov[i];
		w->smsg[i].msg_hdr.msg_iovlen = 1;
	}
	for (size_t i = 0; i < s->naddrs; i++) {
		const q53_listen_addr_t *a = &s->addrs[i];
		rc = q53_net_udp_open((const struct sockaddr *)&a->ss, a->len,
				      Q53_NET_BIND | Q53_NET_REUSEPORT | Q53_NET_BIGBUF | Q53_NET_DONTFRAG,
				      &w->udp[i].fd, err, errsize);
		if (rc < 0)
			return rc;
		if (epoll_add(w->t.ep, &w->udp[i], EPOLLIN) < 0) {
			snprintf(err, errsize, "epoll: %s", strerror(errno));
			return Q53_ENETWORK;
		}
		if (!q53_net_gso_works(w->udp[i].fd))
			w->no_gso = true;
	}
	return 0;
nomem:
	snprintf(err, errsize, "out of memory");
	return Q53_ENOMEM;
}

static int tcp_new(q53_server_t *s, char *err, size_t errsize)
{
	tcp_thread *t = aligned_zalloc(sizeof *t);
	s->tcp = t;
	if (t == NULL || (t->listen = calloc(s->naddrs, sizeof *t->listen)) == NULL) {
		snprintf(err, errsize, "out of memory");
		return Q53_ENOMEM;
	}
	t->t.ep = -1;
	for (size_t i = 0; i < s->naddrs; i++)
		t->listen[i] = (handle){H_LISTEN, -1};
	int rc = thread_init(s, &t->t, err, errsize);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < s->naddrs; i++) {
		const q53_listen_addr_t *a = &s->addrs[i];
		rc = q53_net_tcp_listen((const struct sockaddr *)&a->ss, a->len, SOMAXCONN, Q53_NET_REUSEPORT,
					&t->listen[i].fd, err, errsize);
		if (rc < 0)
			return rc;
		if (epoll_add(t->t.ep, &t->listen[i], EPOLLIN) < 0) {
			snprintf(err, errsize, "epoll: %s", strerror(errno));
			return Q53_ENETWORK;
		}
	}
	return 0;
}

/* Keeps the addresses that are free; a default address of a family the host lacks is skipped. */
static int check_addrs(q53_server_t *s, char *err, size_t errsize)
{
	for (size_t i = 0; i < s->cfg.nlisten; i++) {
		const q53_listen_addr_t *a = &s->cfg.listen[i];
		const struct sockaddr *sa = (const struct sockaddr *)&a->ss;
		int rc = q53_net_probe_free(sa, a->len, SOCK_DGRAM, err, errsize);
		if (rc == 0)
			rc = q53_net_probe_free(sa, a->len, SOCK_STREAM, err, errsize);
		if (rc < 0 && s->cfg.listen_optional && (errno == EAFNOSUPPORT || errno == EADDRNOTAVAIL)) {
			say(s, Q53_LOG_WARNING, "%s: skipped", err);
			continue;
		}
		if (rc < 0)
			return rc;
		for (size_t j = 0; j < s->naddrs; j++) {
			if (s->addrs[j].len == a->len && memcmp(&s->addrs[j].ss, &a->ss, a->len) == 0) {
				char t[Q53_NET_ADDR_TEXT_MAX];
				q53_net_addr_text(sa, t, sizeof t);
				snprintf(err, errsize, "%s is given twice", t);
				return Q53_EINVAL;
			}
		}
		s->addrs[s->naddrs++] = *a;
	}
	if (s->naddrs == 0) {
		snprintf(err, errsize, "no address to listen on");
		return Q53_EINVAL;
	}
	return 0;
}

q53_server_t *q53_server_new(const q53_server_cfg_t *cfg, char *err, size_t errsize)
{
	char dummy[1];
	if (err == NULL || errsize == 0) {
		err = dummy;
		errsize = sizeof dummy;
	}
	err[0] = '\0';
	q53_server_t *s = calloc(1, sizeof *s);
	if (s == NULL) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	s->cfg = *cfg;
	s->stop = (handle){H_STOP, -1};
	atomic_init(&s->zones, NULL);
	atomic_init(&s->gen, 1);
	if (s->cfg.threads == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		s->cfg.threads = n > 0 ? (unsigned)n : 1;
	}
	if (s->cfg.threads > MAX_THREADS)
		s->cfg.threads = MAX_THREADS;
	if (s->cfg.tcp_max_conn == 0)
		s->cfg.tcp_max_conn = DEFAULT_TCP_MAX;
	if (s->cfg.tcp_idle_ms == 0)
		s->cfg.tcp_idle_ms = DEFAULT_TCP_IDLE_MS;
	s->addrs = calloc(cfg->nlisten + 1, sizeof *s->addrs);
	s->given = calloc(cfg->nzones + 1, sizeof *s->given);
	s->workers = calloc(s->cfg.threads, sizeof *s->workers);
	if (s->addrs == NULL || s->given == NULL || s->workers == NULL) {
		snprintf(err, errsize, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < cfg->nzones; i++) {
		uint8_t root[1] = {0};
		const char *o = cfg->zones[i].origin;
		int rc = q53_name_from_text(o, strlen(o), root, s->given[i].apex);
		if (rc < 0) {
			snprintf(err, errsize, "bad zone origin '%s': %s", o, q53_strerror(rc));
			goto fail;
		}
		s->given[i].path = (char *)(uintptr_t)cfg->zones[i].path;
	}
	if (check_addrs(s, err, errsize) < 0)
		goto fail;
	s->stop.fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (s->stop.fd < 0) {
		snprintf(err, errsize, "eventfd: %s", strerror(errno));
		goto fail;
	}
	for (unsigned i = 0; i < s->cfg.threads; i++) {
		s->nworkers = i + 1;
		if (worker_new(s, &s->workers[i], err, errsize) < 0)
			goto fail;
	}
	if (tcp_new(s, err, errsize) < 0)
		goto fail;
	bool enomem;
	s->rrl = q53_rrl_new(&cfg->rrl, &enomem);
	if (enomem) {
		snprintf(err, errsize, "out of memory for %u rate-limiting buckets", cfg->rrl.size);
		goto fail;
	}
	return s;
fail:
	q53_server_free(s);
	return NULL;
}

int q53_server_addrs_text(const q53_server_t *s, char *buf, size_t size)
{
	size_t n = 0;
	for (size_t i = 0; i < s->naddrs; i++) {
		char t[Q53_NET_ADDR_TEXT_MAX];
		q53_net_addr_text((const struct sockaddr *)&s->addrs[i].ss, t, sizeof t);
		int r = snprintf(n < size ? buf + n : NULL, n < size ? size - n : 0, " %s", t);
		if (r > 0)
			n += (size_t)r;
	}
	if (s->naddrs == 0 && size > 0)
		buf[0] = '\0';
	return (int)n;
}

int q53_server_start(q53_server_t *s)
{
	if (s->running)
		return 0;
	/* Threads take no signals: the daemon handles them in its own loop. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	s->running = true;
	int rc = 0;
	for (unsigned i = 0; i <= s->nworkers && rc == 0; i++) {
		thread_state *t = i < s->nworkers ? &s->workers[i]->t : &s->tcp->t;
		int e = pthread_create(&t->tid, NULL, i < s->nworkers ? worker_main : tcp_main,
				       i < s->nworkers ? (void *)s->workers[i] : (void *)s->tcp);
		if (e != 0) {
			say(s, Q53_LOG_ERR, "cannot start a thread: %s", strerror(e));
			rc = Q53_ENOMEM;
			break;
		}
		t->started = true;
		char name[32]; /* the kernel keeps 15 characters */
		if (i < s->nworkers)
			snprintf(name, sizeof name, "q53d-udp%u", i);
		else
			snprintf(name, sizeof name, "q53d-tcp");
		name[15] = '\0';
		pthread_setname_np(t->tid, name);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc < 0)
		q53_server_stop(s);
	return rc;
}

void q53_server_stop(q53_server_t *s)
{
	if (s == NULL || !s->running)
		return;
	uint64_t one = 1;
	if (write(s->stop.fd, &one, sizeof one) < 0)
		say(s, Q53_LOG_ERR, "stop: %s", strerror(errno));
	for (unsigned i = 0; i <= s->nworkers; i++) {
		thread_state *t = i < s->nworkers ? &s->workers[i]->t : &s->tcp->t;
		if (t->started)
			pthread_join(t->tid, NULL);
		t->started = false;
	}
	s->running = false;
}

void q53_server_free(q53_server_t *s)
{
	if (s == NULL)
		return;
	q53_server_stop(s);
	for (unsigned i = 0; i < s->nworkers; i++) {
		worker *w = s->workers[i];
		if (w == NULL)
			continue;
		for (size_t j = 0; w->udp != NULL && j < s->naddrs; j++)
			if (w->udp[j].fd >= 0)
				close(w->udp[j].fd);
		if (w->t.ep >= 0)
			close(w->t.ep);
		free(w->udp);
		free(w->sbuf);
		free(w);
	}
	if (s->tcp != NULL) {
		for (size_t j = 0; s->tcp->listen != NULL && j < s->naddrs; j++)
			if (s->tcp->listen[j].fd >= 0)
				close(s->tcp->listen[j].fd);
		if (s->tcp->t.ep >= 0)
			close(s->tcp->t.ep);
		free(s->tcp->listen);
		free(s->tcp);
	}
	if (s->stop.fd >= 0)
		close(s->stop.fd);
	/* The set holds exactly the zones of cur, which this frees one by one. */
	q53_zoneset_release(atomic_load(&s->zones));
	for (size_t i = 0; i < s->ncur; i++)
		q53_zone_free(s->cur[i].zone);
	zlist_free_paths(s->cur, s->ncur);
	free(s->cur);
	free(s->given);
	free(s->workers);
	free(s->addrs);
	q53_rrl_free(s->rrl);
	free(s);
}

/* ---- Statistics ----------------------------------------------------------------------------------- */

static uint64_t get(const counters *c, int i)
{
	return atomic_load_explicit(&c->v[i], memory_order_relaxed);
}

static void add_counters(const counters *c, q53_server_stats_t *o)
{
	o->udp_queries += get(c, C_UDP);
	o->tcp_queries += get(c, C_TCP);
	o->dropped += get(c, C_DROPPED);
	o->truncated += get(c, C_TRUNC);
	o->shrunk += get(c, C_SHRUNK);
	o->tcp_accepted += get(c, C_ACCEPTED);
	o->tcp_refused += get(c, C_REFUSED);
	o->tcp_timeouts += get(c, C_TIMEOUT);
	for (int r = 0; r < 16; r++)
		o->rcode[r] += get(c, C_RCODE + r);
	o->badvers += get(c, C_BADVERS);
	o->badcookie += get(c, C_BADCOOKIE);
	o->rrl_dropped += get(c, C_RRL_DROPPED);
	o->rrl_slipped += get(c, C_RRL_SLIPPED);
}

void q53_server_stats(const q53_server_t *s, q53_server_stats_t *out)
{
	memset(out, 0, sizeof *out);
	for (unsigned i = 0; i < s->nworkers; i++)
		add_counters(&s->workers[i]->t.ctr, out);
	add_counters(&s->tcp->t.ctr, out);
	out->reloads = s->reloads > 0 ? s->reloads - 1 : 0;
}

void q53_server_log_stats(const q53_server_t *s)
{
	static const char *const names[16] = {
	    "noerror", "formerr", "servfail", "nxdomain",  "notimp",  "refused", "yxdomain", "yxrrset",
	    "nxrrset", "notauth", "notzone",  "dsotypeni", "rcode12", "rcode13", "rcode14",  "rcode15"};
	q53_server_stats_t st;
	q53_server_stats(s, &st);
	char line[1024];
	int n = snprintf(line, sizeof line, "stats: queries udp=%llu tcp=%llu; responses",
			 (unsigned long long)st.udp_queries, (unsigned long long)st.tcp_queries);
	for (int r = 0; r < 16; r++)
		if (st.rcode[r] != 0 && n > 0 && (size_t)n < sizeof line)
			n += snprintf(line + n, sizeof line - (size_t)n, " %s=%llu", names[r],
				      (unsigned long long)st.rcode[r]);
	if (st.badvers != 0 && n > 0 && (size_t)n < sizeof line)
		n += snprintf(line + n, sizeof line - (size_t)n, " badvers=%llu",
			      (unsigned long long)st.badvers);
	if (st.badcookie != 0 && n > 0 && (size_t)n < sizeof line)
		n += snprintf(line + n, sizeof line - (size_t)n, " badcookie=%llu",
			      (unsigned long long)st.badcookie);
	if ((st.rrl_dropped != 0 || st.rrl_slipped != 0) && n > 0 && (size_t)n < sizeof line)
		n += snprintf(line + n, sizeof line - (size_t)n, "; rate-limited dropped=%llu slipped=%llu",
			      (unsigned long long)st.rrl_dropped, (unsigned long long)st.rrl_slipped);
	if (st.shrunk != 0 && n > 0 && (size_t)n < sizeof line)
		n += snprintf(line + n, sizeof line - (size_t)n, "; over the MTU, sent again smaller=%llu",
			      (unsigned long long)st.shrunk);
	if (n > 0 && (size_t)n < sizeof line)
		snprintf(line + n, sizeof line - (size_t)n,
			 "; dropped=%llu truncated=%llu; tcp accepted=%llu refused=%llu timeouts=%llu; "
			 "reloads=%llu",
			 (unsigned long long)st.dropped, (unsigned long long)st.truncated,
			 (unsigned long long)st.tcp_accepted, (unsigned long long)st.tcp_refused,
			 (unsigned long long)st.tcp_timeouts, (unsigned long long)st.reloads);
	say(s, Q53_LOG_INFO, "%s", line);
	n = snprintf(line, sizeof line, "stats: udp queries per worker:");
	for (unsigned i = 0; i < s->nworkers && n > 0 && (size_t)n < sizeof line; i++)
		n += snprintf(line + n, sizeof line - (size_t)n, " %llu",
			      (unsigned long long)get(&s->workers[i]->t.ctr, C_UDP));
	say(s, Q53_LOG_INFO, "%s", line);
}
