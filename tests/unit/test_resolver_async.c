/*
 * Unit tests for the resolver's transport and async core (resolver/async.c, transport.c, sync.c) against
 * scripted responders inside the test: UDP and TCP sockets on 127.0.0.1 port 0 served by the test's own
 * poll loop, each with a script that drops, delays, answers with a wrong ID, from a wrong port, for a wrong
 * question, truncated (TC), SERVFAIL, REFUSED, FORMERR, or malformed. Only 127.0.0.1 and explicit
 * configurations are used: no packet leaves the host and no system file is read.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "q53/msg.h"
#include "q53/name.h"
#include "q53/rdata.h"
#include "q53/resolver.h"
#include "resolver_int.h"

/* ---- scripted responder ---- */

enum action {
	DROP,
	ANSWER,	  /* NOERROR with one A record */
	NXDOMAIN, /* no such name */
	NODATA,	  /* NOERROR, no answer */
	SERVFAIL,
	REFUSED,
	FORMERR,
	TRUNCATED,   /* TC set, no answer */
	WRONG_ID,    /* an answer with ID + 1, then the right answer */
	WRONG_PORT,  /* an answer from another socket (another port), then the right answer */
	WRONG_QNAME, /* an answer for another name, then the right answer */
	CASE_QNAME,  /* the question echoed in upper case: still the same question (RFC 4343) */
	MALFORMED,   /* the answer cut in the middle of its record */
	SPOOF_ONLY,  /* only an answer from another port */
	DELAY,	     /* the answer 150 ms later */
	HOLD,	     /* the answer kept until the test releases them, 100 per round */
	NX_SOA,	     /* NXDOMAIN with an SOA in authority: TTL 600, MINIMUM 60 (RFC 2308) */
	MUTATE,	     /* 64 damaged copies of the answer (ID kept), then the answer */
	BIG,	     /* 160 A records: about 2.6 KB, more than a receive slot (UDP_RECV_SLOT) */
};

struct resp;
typedef enum action (*script_fn)(struct resp *s, const uint8_t *name, uint16_t type, bool tcp);

struct held {
	uint8_t msg[1500];
	size_t len;
	struct sockaddr_in to;
	uint64_t at;
};

struct resp {
	int udp, other, tcp, conn[4];
	int nconn, accepts;
	uint16_t port;
	uint8_t last_octet; /* the answer's address is 192.0.2.last_octet */
	script_fn script;
	int udp_queries, tcp_queries;
	bool saw_edns;
	uint16_t edns_size;
	int ad_queries; /* queries (UDP and TCP) that had the AD bit set */
	bool answer_ad; /* every reply has the AD bit set, as from a validating resolver */
	uint16_t ids[4096];
	uint16_t ports[4096];		   /* the source port of each UDP query */
	uint16_t lens[4096];		   /* the length of each UDP query */
	char names[16][Q53_NAME_TEXT_MAX]; /* the first names asked, as text */
	int nnames;
	struct held held[8];
	int nheld;
	struct held *bulk; /* HOLD answers, allocated by the test */
	int nbulk, bulk_cap, bulk_sent;
	bool release;
};

static void resp_open(struct resp *s, uint8_t last_octet, script_fn script)
{
	memset(s, 0, sizeof *s);
	struct sockaddr_in a;
	int one = 1;
	/* UDP on a port the kernel picks, then TCP on the same port (a DNS server listens on both). That
	 * port may already be taken for TCP by some other connection on the machine: then try another. */
	for (int tries = 0;; tries++) {
		memset(&a, 0, sizeof a);
		a.sin_family = AF_INET;
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		s->udp = socket(AF_INET, SOCK_DGRAM, 0);
		assert_true(s->udp >= 0);
		assert_int_equal(bind(s->udp, (struct sockaddr *)&a, sizeof a), 0);
		socklen_t l = sizeof a;
		assert_int_equal(getsockname(s->udp, (struct sockaddr *)&a, &l), 0);
		s->port = ntohs(a.sin_port);
		s->tcp = socket(AF_INET, SOCK_STREAM, 0);
		assert_true(s->tcp >= 0);
		setsockopt(s->tcp, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		if (bind(s->tcp, (struct sockaddr *)&a, sizeof a) == 0)
			break;
		assert_true(errno == EADDRINUSE && tries < 100);
		close(s->tcp);
		close(s->udp);
	}
	assert_int_equal(listen(s->tcp, 8), 0);
	/* Room for the 256 queries the resolver may send at once (the pacing test): even where
	 * net.core.rmem_max is the usual 208 KiB the kernel grants twice that. */
	int big = 1 << 20;
	setsockopt(s->udp, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
	a.sin_port = 0;
	s->other = socket(AF_INET, SOCK_DGRAM, 0);
	assert_int_equal(bind(s->other, (struct sockaddr *)&a, sizeof a), 0);
	s->last_octet = last_octet;
	s->script = script;
}

static void resp_close(struct resp *s)
{
	close(s->udp);
	close(s->other);
	close(s->tcp);
	for (int i = 0; i < s->nconn; i++)
		if (s->conn[i] >= 0)
			close(s->conn[i]);
}

static void server_text(const struct resp *s, char *buf, size_t size)
{
	snprintf(buf, size, "127.0.0.1:%u", (unsigned)s->port);
}

/* Builds the reply to query q for action a. Returns its length. */
static size_t build(const struct resp *s, const uint8_t *q, size_t qlen, enum action a, uint16_t id_delta,
		    const char *qname_override, uint8_t *out, size_t size)
{
	q53_reader_t rd;
	q53_rr_t rr;
	uint8_t name[Q53_NAME_MAX];
	assert_int_equal(q53_reader_init(&rd, q, qlen), 0);
	assert_int_equal(q53_reader_question(&rd, &rr), 1);
	assert_true(q53_rr_owner(&rr, name) > 0);
	if (qname_override != NULL)
		assert_true(q53_name_from_text(qname_override, strlen(qname_override), NULL, name) > 0);
	if (a == CASE_QNAME)
		for (size_t i = 0; name[i] != 0; i += 1u + name[i])
			for (size_t j = 1; j <= name[i]; j++)
				if (name[i + j] >= 'a' && name[i + j] <= 'z')
					name[i + j] = (uint8_t)(name[i + j] - 32);
	unsigned rcode = a == NXDOMAIN || a == NX_SOA ? 3
			 : a == SERVFAIL	      ? 2
			 : a == REFUSED		      ? 5
			 : a == FORMERR		      ? 1
						      : 0;
	uint16_t flags = (uint16_t)(Q53_FLAG_QR | Q53_FLAG_RD | Q53_FLAG_RA | rcode);
	if (a == TRUNCATED)
		flags |= Q53_FLAG_TC;
	if (s->answer_ad)
		flags |= Q53_FLAG_AD;
	q53_writer_t w;
	q53_writer_init(&w, out, size, (uint16_t)(rd.id + id_delta), flags);
	q53_writer_question(&w, name, rr.type, Q53_CLASS_IN);
	bool answer = a != NXDOMAIN && a != NODATA && a != SERVFAIL && a != REFUSED && a != FORMERR &&
		      a != TRUNCATED && a != NX_SOA;
	if (a == NX_SOA) {
		static const uint8_t soa[] = "\2ns\7example\0\4host\7example\0"
					     "\0\0\0\1\0\0\x0e\x10\0\0\x03\x84\0\x09\x3a\x80\0\0\0\x3c";
		q53_writer_rr(&w, Q53_SEC_AUTHORITY, (const uint8_t *)"\7example", Q53_TYPE_SOA, Q53_CLASS_IN,
			      600, soa, sizeof soa - 1);
	}
	static const uint8_t alias[] = "\5alias\7example", www[] = "\3www\7example";
	if (answer && rr.type == Q53_TYPE_A && q53_name_equal(name, alias)) {
		/* A CNAME chain, and a record of another name that must not be taken. */
		uint8_t addr[4] = {192, 0, 2, s->last_octet}, other[4] = {192, 0, 2, 66};
		q53_writer_rr(&w, Q53_SEC_ANSWER, name, Q53_TYPE_CNAME, Q53_CLASS_IN, 300, www, sizeof www);
		q53_writer_rr(&w, Q53_SEC_ANSWER, (const uint8_t *)"\5other\7example", Q53_TYPE_A,
			      Q53_CLASS_IN, 300, other, 4);
		q53_writer_rr(&w, Q53_SEC_ANSWER, www, Q53_TYPE_A, Q53_CLASS_IN, 300, addr, 4);
	} else if (answer && rr.type == Q53_TYPE_AAAA) {
		uint8_t addr[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, s->last_octet};
		q53_writer_rr(&w, Q53_SEC_ANSWER, name, Q53_TYPE_AAAA, Q53_CLASS_IN, 300, addr, 16);
	} else if (answer && rr.type == Q53_TYPE_MX) {
		static const uint8_t mx[3][16] = {"\0\x1e\1c\2mx\7example", "\0\x0a\1a\2mx\7example",
						  "\0\x14\1b\2mx\7example"};
		for (int i = 0; i < 3; i++)
			q53_writer_rr(&w, Q53_SEC_ANSWER, name, Q53_TYPE_MX, Q53_CLASS_IN, 300, mx[i], 16);
	} else if (answer && rr.type == Q53_TYPE_SRV) {
		/* priority, weight, port, target: two of priority 2, three of priority 1. */
		static const uint8_t srv[5][9] = {{0, 2, 0, 0, 0x13, 0xc4, 1, 'e', 0},
						  {0, 1, 0, 5, 0x13, 0xc5, 1, 'a', 0},
						  {0, 1, 0, 0, 0x13, 0xc6, 1, 'b', 0},
						  {0, 2, 0, 9, 0x13, 0xc7, 1, 'f', 0},
						  {0, 1, 0, 7, 0x13, 0xc8, 1, 'c', 0}};
		for (int i = 0; i < 5; i++)
			q53_writer_rr(&w, Q53_SEC_ANSWER, name, Q53_TYPE_SRV, Q53_CLASS_IN, 300, srv[i], 9);
	} else if (answer && rr.type == Q53_TYPE_PTR) {
		static const uint8_t host[] = "\4host\7example";
		q53_writer_rr(&w, Q53_SEC_ANSWER, name, Q53_TYPE_PTR, Q53_CLASS_IN, 300, host, sizeof host);
	} else if (answer && rr.type == Q53_TYPE_A && a == BIG) {
		uint8_t addr[4] = {192, 0, 2, s->last_octet};
		for (int i = 0; i < 160; i++)
			q53_writer_rr(&w, Q53_SEC_ANSWER, name, Q53_TYPE_A, Q53_CLASS_IN, 300, addr, 4);
	} else if (answer && rr.type == Q53_TYPE_A) {
		/* A spoofed or misdirected answer carries 192.0.2.66: a test that sees it failed. */
		uint8_t addr[4] = {192, 0, 2, s->last_octet};
		if (id_delta != 0 || qname_override != NULL || a == SPOOF_ONLY)
			addr[3] = 66;
		q53_writer_rr(&w, Q53_SEC_ANSWER, name, Q53_TYPE_A, Q53_CLASS_IN, 300, addr, 4);
	}
	int len = q53_writer_finish(&w);
	assert_true(len > 0);
	if (a == MALFORMED)
		len -= 3; /* inside the A record's RDATA, counts unchanged */
	return (size_t)len;
}

static void send_to(int fd, const uint8_t *m, size_t n, const struct sockaddr_in *to)
{
	assert_int_equal(sendto(fd, m, n, 0, (const struct sockaddr *)to, sizeof *to), (ssize_t)n);
}

/* Records what a query says, then acts on it as the script wants. */
static void serve_one(struct resp *s, const uint8_t *q, size_t qlen, bool tcp, const struct sockaddr_in *from,
		      int conn)
{
	q53_reader_t rd;
	q53_rr_t rr;
	uint8_t name[Q53_NAME_MAX];
	assert_int_equal(q53_reader_init(&rd, q, qlen), 0);
	assert_int_equal(q53_reader_question(&rd, &rr), 1);
	assert_true(q53_rr_owner(&rr, name) > 0);
	int total = s->udp_queries + s->tcp_queries;
	if (total < 4096)
		s->ids[total] = rd.id;
	if (rd.flags & Q53_FLAG_AD)
		s->ad_queries++;
	if (tcp) {
		s->tcp_queries++;
	} else {
		if (s->udp_queries < 4096) {
			s->ports[s->udp_queries] = ntohs(from->sin_port);
			s->lens[s->udp_queries] = (uint16_t)qlen;
		}
		s->udp_queries++;
	}
	if (s->nnames < 16)
		q53_name_to_text(name, s->names[s->nnames++], Q53_NAME_TEXT_MAX);
	q53_reader_t rd2;
	q53_edns_t e;
	q53_reader_init(&rd2, q, qlen);
	s->saw_edns = q53_reader_edns(&rd2, &e) == 1;
	s->edns_size = s->saw_edns ? e.udp_size : 0;

	enum action a = s->script(s, name, rr.type, tcp);
	uint8_t out[4096];
	size_t n;
	if (a == DROP)
		return;
	if (tcp) {
		n = build(s, q, qlen, a, 0, NULL, out + 2, sizeof out - 2);
		out[0] = (uint8_t)(n >> 8);
		out[1] = (uint8_t)n;
		assert_int_equal(write(conn, out, n + 2), (ssize_t)(n + 2));
		return;
	}
	switch (a) {
	case WRONG_ID:
		n = build(s, q, qlen, ANSWER, 1, NULL, out, sizeof out);
		send_to(s->udp, out, n, from);
		break;
	case WRONG_PORT:
	case SPOOF_ONLY:
		n = build(s, q, qlen, SPOOF_ONLY, 0, NULL, out, sizeof out);
		send_to(s->other, out, n, from);
		if (a == SPOOF_ONLY)
			return;
		break;
	case WRONG_QNAME:
		n = build(s, q, qlen, ANSWER, 0, "other.example.", out, sizeof out);
		send_to(s->udp, out, n, from);
		break;
	case DELAY:
		assert_true(s->nheld < 8);
		s->held[s->nheld].len = build(s, q, qlen, ANSWER, 0, NULL, s->held[s->nheld].msg, 1500);
		s->held[s->nheld].to = *from;
		s->held[s->nheld].at = q53_now_ms() + 150;
		s->nheld++;
		return;
	case MUTATE: {
		/* Cut short or with octets changed after the ID, from a fixed seed: whatever they say,
		 * the resolver must neither crash nor read out of bounds (ASan) nor hang. */
		size_t good = build(s, q, qlen, ANSWER, 0, NULL, out, sizeof out);
		static uint32_t seed = 12345;
		for (int k = 0; k < 64; k++) {
			uint8_t bad[1500];
			memcpy(bad, out, good);
			seed = seed * 1103515245u + 12345u;
			size_t len = good;
			if (seed >> 31)
				len = 2 + (seed >> 8) % (good - 2);
			for (int f = 0; f < 3; f++) {
				seed = seed * 1103515245u + 12345u;
				bad[2 + (seed >> 8) % (good - 2)] = (uint8_t)(seed >> 20);
			}
			send_to(s->udp, bad, len, from);
		}
		break;
	}
	case HOLD:
		assert_true(s->nbulk < s->bulk_cap);
		s->bulk[s->nbulk].len = build(s, q, qlen, ANSWER, 0, NULL, s->bulk[s->nbulk].msg, 1500);
		s->bulk[s->nbulk].to = *from;
		s->nbulk++;
		return;
	default:
		break;
	}
	enum action final = a == WRONG_ID || a == WRONG_PORT || a == WRONG_QNAME || a == MUTATE ? ANSWER : a;
	n = build(s, q, qlen, final, 0, NULL, out, sizeof out);
	send_to(s->udp, out, n, from);
}

static void serve(struct resp *s, const struct pollfd *p)
{
	uint8_t q[1500];
	if (p[0].revents & POLLIN) {
		for (;;) {
			struct sockaddr_in from;
			socklen_t fl = sizeof from;
			ssize_t n =
			    recvfrom(s->udp, q, sizeof q, MSG_DONTWAIT, (struct sockaddr *)&from, &fl);
			if (n < 0)
				break;
			serve_one(s, q, (size_t)n, false, &from, -1);
		}
	}
	if (p[1].revents & POLLIN) {
		int c = accept(s->tcp, NULL, NULL);
		assert_true(c >= 0 && s->nconn < 4);
		s->conn[s->nconn++] = c;
		s->accepts++;
	}
	for (int i = 0; i < s->nconn; i++) {
		if (s->conn[i] < 0 || !(p[2 + i].revents & (POLLIN | POLLHUP)))
			continue;
		uint8_t hdr[2];
		ssize_t n = read(s->conn[i], hdr, 2);
		if (n <= 0) {
			close(s->conn[i]);
			s->conn[i] = -1;
			continue;
		}
		assert_int_equal(n, 2);
		size_t len = (size_t)hdr[0] << 8 | hdr[1];
		assert_true(len <= sizeof q);
		assert_int_equal(read(s->conn[i], q, len), (ssize_t)len);
		serve_one(s, q, len, true, NULL, s->conn[i]);
	}
	/* Released answers go out 100 per round, so that the resolver's socket buffer keeps up. */
	for (int i = 0; s->release && i < 100 && s->bulk_sent < s->nbulk; i++, s->bulk_sent++)
		send_to(s->udp, s->bulk[s->bulk_sent].msg, s->bulk[s->bulk_sent].len,
			&s->bulk[s->bulk_sent].to);
	uint64_t now = q53_now_ms();
	for (int i = 0; i < s->nheld; i++)
		if (s->held[i].at <= now) {
			send_to(s->udp, s->held[i].msg, s->held[i].len, &s->held[i].to);
			s->held[i--] = s->held[--s->nheld];
		}
}

/* Runs the resolver and the responders until *done or max_ms have passed. */
static void drive(q53_resolver_t *r, struct resp **rs, int nrs, const bool *done, int max_ms)
{
	uint64_t end = q53_now_ms() + (uint64_t)max_ms;
	while (!*done && q53_now_ms() < end) {
		struct pollfd p[1 + 4 * 6];
		int np = 0;
		p[np++] = (struct pollfd){q53_resolver_fd(r), POLLIN, 0};
		for (int i = 0; i < nrs; i++) {
			p[np++] = (struct pollfd){rs[i]->udp, POLLIN, 0};
			p[np++] = (struct pollfd){rs[i]->tcp, POLLIN, 0};
			for (int j = 0; j < 4; j++)
				p[np++] = (struct pollfd){j < rs[i]->nconn ? rs[i]->conn[j] : -1, POLLIN, 0};
		}
		int t = q53_resolver_timeout(r);
		if (t < 0 || t > 10)
			t = 10;
		assert_true(poll(p, (nfds_t)np, t) >= 0);
		for (int i = 0; i < nrs; i++)
			serve(rs[i], &p[1 + 6 * i]);
		assert_true(q53_resolver_process(r) >= 0);
	}
}

static pid_t serve_in_child(struct resp *a);
static void stop_child(pid_t pid);

/* ---- lookups ---- */

struct got {
	bool done;
	int calls;
	q53_result_t *res;
};

static void got_cb(q53_result_t *res, void *arg)
{
	struct got *g = arg;
	g->calls++;
	g->done = true;
	q53_result_free(g->res);
	g->res = res;
}

/* Options of the next make(): reset to 0 (the defaults) after it. */
static unsigned g_udp_max_queries, g_udp_inflight, g_set_flags;
static size_t g_cache_size;
static uint16_t g_edns_size;

static q53_resolver_t *make(struct resp **rs, int nrs, int timeout_ms, int attempts,
			    const char *const *search, q53_order order, const char *hosts)
{
	static char text[8][32];
	static const char *servers[9];
	for (int i = 0; i < nrs; i++) {
		server_text(rs[i], text[i], sizeof text[i]);
		servers[i] = text[i];
	}
	servers[nrs] = NULL;
	q53_resolver_opts o;
	q53_resolver_opts_init(&o);
	o.resolv_conf = "";
	o.nsswitch = "";
	o.hosts = hosts != NULL ? hosts : "";
	o.servers = servers;
	static const char *const nosearch[] = {NULL};
	o.search = search != NULL ? search : nosearch;
	o.timeout_ms = timeout_ms;
	o.attempts = attempts;
	o.order = order != Q53_ORDER_SYSTEM ? order : Q53_ORDER_DNS;
	o.set_flags = Q53_RES_NOENV | g_set_flags;
	o.udp_max_queries = g_udp_max_queries;
	o.udp_inflight = g_udp_inflight;
	o.cache_size = g_cache_size;
	o.edns_size = g_edns_size;
	g_udp_max_queries = g_udp_inflight = g_set_flags = 0;
	g_cache_size = 0;
	g_edns_size = 0;
	q53_resolver_t *r;
	assert_int_equal(q53_resolver_new(&o, &r), 0);
	return r;
}

/* Looks name up (type A) and returns the result once the callback ran. */
static q53_result_t *look(q53_resolver_t *r, struct resp **rs, int nrs, const char *name, int max_ms)
{
	struct got g = {false, 0, NULL};
	assert_int_equal(q53_resolver_start(r, name, Q53_TYPE_A, got_cb, &g, NULL), 0);
	drive(r, rs, nrs, &g.done, max_ms);
	assert_true(g.done);
	assert_int_equal(g.calls, 1);
	assert_int_equal(q53_resolver_pending(r), 0);
	return g.res;
}

/* The first A record's last octet, or -1. */
static int answer_octet(const q53_result_t *res)
{
	for (size_t i = 0; i < res->nanswer; i++)
		if (res->rr[i].type == Q53_TYPE_A) {
			uint8_t a[4];
			assert_int_equal(q53_rdata_a(&res->rr[i], a), 0);
			assert_memory_equal(a, "\xc0\x00\x02", 3);
			return a[3];
		}
	return -1;
}

static enum action s_answer(struct resp *s, const uint8_t *n, uint16_t t, bool tcp)
{
	(void)s, (void)n, (void)t, (void)tcp;
	return ANSWER;
}

static void test_async_answer(void **state)
{
	(void)state;
	struct resp s;
	resp_open(&s, 1, s_answer);
	struct resp *rs[] = {&s};
	q53_resolver_t *r = make(rs, 1, 1000, 2, NULL, Q53_ORDER_DNS, NULL);
	q53_result_t *res = look(r, rs, 1, "www.example", 2000);
	assert_int_equal(res->status, Q53_OK);
	assert_int_equal(res->rcode, Q53_RCODE_NOERROR);
	assert_int_equal(res->source, Q53_SOURCE_DNS);
	assert_int_equal(res->nanswer, 1);
	assert_int_equal(res->nrr, 1);
	assert_int_equal(res->qtype, Q53_TYPE_A);
	assert_memory_equal(res->qname, "\3www\7example\0", 13);
	assert_int_equal(answer_octet(res), 1);
	assert_int_equal(res->rr[0].ttl, 300);
	assert_int_equal(s.udp_queries, 1);
	assert_true(s.saw_edns);
	assert_int_equal(s.edns_size, 1232);
	q53_result_free(res);
	/* IDs are random: 16 lookups with 16 different IDs (a repeat is possible but 1 in ~550). */
	for (int i = 0; i < 16; i++)
		q53_result_free(look(r, rs, 1, "www.example", 2000));
	int same = 0;
	for (int i = 1; i <= 16; i++)
		same += s.ids[i] == s.ids[i - 1];
	assert_true(same < 2);
	q53_resolver_free(r);
	resp_close(&s);
}

static enum action s_drop_first(struct resp *s, const uint8_t *n, uint16_t t, bool tcp)
{
	(void)n, (void)t, (void)tcp;
	return s->udp_queries == 1 ? DROP : ANSWER;
}

static enum action s_drop(struct resp *s, const uint8_t *n, uint16_t t, bool tcp)
{
	(void)s, (void)n, (void)t, (void)tcp;
	return DROP;
}

static void test_async_drop_retry_failover(void **state)
{
	(void)state;
	/* One server that drops the first query: the retry after the timeout gets the answer. */
	struct resp a, b;
	resp_open(&a, 1, s_drop_first);
	struct resp *one[] = {&a};
	q53_resolver_t *r = make(one, 1, 100, 2, NULL, Q53_ORDER_DNS, NULL);
	uint64_t t0 = q53_now_ms();
	q53_result_t *res = look(r, one, 1, "www.example", 2000);
	assert_true(q53_now_ms() - t0 >= 100);
	assert_int_equal(res->status, Q53_OK);
	assert_int_equal(answer_octet(res), 1);
	assert_int_equal(a.udp_queries, 2);
	assert_int_equal(a.ids[0], a.ids[1]); /* a retry of the same name keeps its ID */
	q53_result_free(res);
	q53_resolver_free(r);
	resp_close(&a);

	/* Two servers, the first silent: the second answers after the first try's timeout. */
	resp_open(&a, 1, s_drop);
	resp_open(&b, 2, s_answer);
	struct resp *two[] = {&a, &b};
	r = make(two, 2, 100, 1, NULL, Q53_ORDER_DNS, NULL);
	/* The servers in their order, as the application gave them. */
	struct sockaddr_storage ss[4];
	socklen_t sl[4];
	assert_int_equal(q53_resolver_servers(r, ss, sl, 4), 2);
	assert_int_equal(ntohs(((struct sockaddr_in *)&ss[0])->sin_port), a.port);
	assert_int_equal(ntohs(((struct sockaddr_in *)&ss[1])->sin_port), b.port);
	assert_int_equal(sl[1], sizeof(struct sockaddr_in));
	assert_int_equal(q53_resolver_servers(r, ss, sl, 1), 2);
	res = look(r, two, 2, "www.example", 2000);
	assert_int_equal(res->status, Q53_OK);
	assert_int_equal(answer_octet(res), 2);
	/* The result says which server answered, and that it was over UDP. */
	assert_int_equal(res->server_len, sizeof(struct sockaddr_in));
	assert_int_equal(ntohs(((struct sockaddr_in *)&res->server)->sin_port), b.port);
	assert_false(res->tcp);
	assert_int_equal(a.udp_queries, 1);
	assert_int_equal(b.udp_queries, 1);
	q53_result_free(res);
	q53_resolver_free(r);
	resp_close(&a);
	resp_close(&b);
}

static void test_async_timeout(void **state)
{
	(void)state;
	struct resp a, b;
	resp_open(&a, 1, s_drop);
	resp_open(&b, 2, s_drop);
	struct resp *two[] = {&a, &b};
	q53_resolver_t *r = make(two, 2, 50, 2, NULL, Q53_ORDER_DNS, NULL);
	uint64_t t0 = q53_now_ms();
	q53_result_t *res = look(r, two, 2, "www.example", 3000);
	uint64_t took = q53_now_ms() - t0;
	assert_int_equal(res->status, Q53_ETIMEOUT);
	assert_int_equal(res->source, Q53_SOURCE_NONE);
	assert_int_equal(res->nrr, 0);
	/* attempts x servers tries, glibc's order a b a b; 50 + 50 + 2 x (100 / 2) ms at least. */
	assert_int_equal(a.udp_queries, 2);
	assert_int_equal(b.udp_queries, 2);
	assert_true(took >= 200);
	q53_result_free(res);
	q53_resolver_free(r);
	resp_close(&a);
	resp_close(&b);
}

static void dummy_cb(q53_result_t *res, void *arg)
{
	(void)arg;
	q53_result_free(res);
}

static void test_async_first_try_timeout(void **state)
{
	(void)state;
	/* glibc's res_send: try 0 waits the configured timeout, try n waits (timeout << n) / servers. With
	 * one server and timeout:1 the first try must wait 1 s, not 2 (the round counted from the try
	 * about to go, not the one after it). The timer's value is read, nothing is timed. */
	struct resp a;
	resp_open(&a, 1, s_drop);
	struct resp *one[] = {&a};
	q53_resolver_t *r = make(one, 1, 1000, 2, NULL, Q53_ORDER_DNS, NULL);
	q53_query_t *q = NULL;
	assert_int_equal(q53_resolver_start(r, "www.example", Q53_TYPE_A, dummy_cb, NULL, &q), 0);
	for (int i = 0; i < 100 && q53_resolver_timeout(r) == 0; i++)
		q53_resolver_process(r);
	int t = q53_resolver_timeout(r);
	assert_true(t > 500 && t <= 1000);
	q53_query_cancel(q);
	q53_resolver_free(r);
	resp_close(&a);
}

static enum action s_delay(struct resp *s, const uint8_t *n, uint16_t t, bool tcp)
{
	(void)s, (void)n, (void)t, (void)tcp;
	return DELAY;
}

static void test_async_delay(void **state)
{
	(void)state;
	struct resp a;
	resp_open(&a, 7, s_delay);
	struct resp *one[] = {&a};
	q53_resolver_t *r = make(one, 1, 1000, 1, NULL, Q53_ORDER_DNS, NULL);
	uint64_t t0 = q53_now_ms();
	q53_result_t *res = look(r, one, 1, "www.example", 3000);
	assert_true(q53_now_ms() - t0 >= 150);
	assert_int_equal(res->status, Q53_OK);
	assert_int_equal(answer_octet(res), 7);
	assert_int_equal(a.udp_queries, 1);
	q53_result_free(res);
	q53_resolver_free(r);
	resp_close(&a);
}

static enum action s_script_action;
static enum action s_fixed(struct resp *s, const uint8_t *n, uint16_t t, bool tcp)
{
	(void)s, (void)n, (void)t, (void)tcp;
	return s_script_action;
}

/* Spoofing: a wrong ID, a wrong port, a wrong question are dropped; the right answer after them wins. */
static void test_async_spoof_dropped(void **state)
{
	(void)state;
	const enum action acts[] = {WRONG_ID, WRONG_PORT, WRONG_QNAME, CASE_QNAME};
	for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++) {
		struct resp a;
		s_script_action = acts[i];
		resp_open(&a, 9, s_fixed);
		struct resp *one[] = {&a};
		q53_resolver_t *r = make(one, 1, 1000, 1, NULL, Q53_ORDER_DNS, NULL);
		q53_result_t *res = look(r, one, 1, "www.example", 3000);
		assert_int_equal(res->status, Q53_OK);
		assert_int_equal(answer_octet(res), 9);
		assert_int_equal(a.udp_queries, 1);
		q53_result_free(res);
		q53_resolver_free(r);
		resp_close(&a);
	}
	/* Only a reply from the wrong port: it is never taken, the lookup times out. */
	struct resp a;
	s_script_action = SPOOF_ONLY;
	resp_open(&a, 9, s_fixed);
	struct resp *one[] = {&a};
	q53_resolver_t *r = make(one, 1, 80, 2, NULL, Q53_ORDER_DNS, NULL);
	q53_result_t *res = look(r, one, 1, "www.example", 3000);
	assert_int_equal(res->status, Q53_ETIMEOUT);
	assert_int_equal(a.udp_queries, 2);
	q53_result_free(res);
	q53_resolver_free(r);
	resp_close(&a);
}

static void test_async_server_failures(void **state)
{
	(void)state;
	/* SERVFAIL, REFUSED, a malformed reply: the next server is asked at once. With a 30 s timeout and
	 * 15 s of waiting, only that can give the answer, however slow the machine. */
	const enum action acts[] = {SERVFAIL, REFUSED, MALFORMED};
	for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++) {
		struct resp a, b;
		s_script_action = acts[i];
		resp_open(&a, 1, s_fixed);
		resp_open(&b, 2, s_answer);
		struct resp *two[] = {&a, &b};
		q53_resolver_t *r = make(two, 2, 30000, 1, NULL, Q53_ORDER_DNS, NULL);
		q53_result_t *res = look(r, two, 2, "www.example", 15000);
		assert_int_equal(res->status, Q53_OK);
		assert_int_equal(res->rcode, Q53_RCODE_NOERROR);
		assert_int_equal(answer_octet(res), 2);
		assert_int_equal(a.udp_queries, 1);
		assert_int_equal(b.udp_queries, 1);
		q53_result_free(res);
		q53_resolver_free(r);
		resp_close(&a);
		resp_close(&b);
	}
	/* Every server says SERVFAIL (or REFUSED): Q53_ESERVFAIL with that reply, not a timeout. */
	struct resp a;
	struct resp *one[] = {&a};
	q53_resolver_t *r;
	q53_result_t *res;
	const enum action fails[] = {SERVFAIL, REFUSED};
	const unsigned rcodes[] = {Q53_RCODE_SERVFAIL, Q53_RCODE_REFUSED};
	for (int i = 0; i < 2; i++) {
		s_script_action = fails[i];
		resp_open(&a, 1, s_fixed);
		r = make(one, 1, 2000, 2, NULL, Q53_ORDER_DNS, NULL);
		res = look(r, one, 1, "www.example", 3000);
		assert_int_equal(res->status, Q53_ESERVFAIL);
		assert_int_equal(res->rcode, rcodes[i]);
		assert_int_equal(res->source, Q53_SOURCE_DNS);
		assert_true(res->msg != NULL && res->msg_len >= Q53_HEADER_LEN);
		assert_int_equal(res->nanswer, 0);
		assert_int_equal(a.udp_queries, 2);
		q53_result_free(res);
		q53_resolver_free(r);
		resp_close(&a);
	}
	assert_string_equal(q53_strerror(Q53_ESERVFAIL), "every server failed");
	/* The typed lookups say so too, rather than "not found". */
	s_script_action = SERVFAIL;
	resp_open(&a, 1, s_fixed);
	pid_t pid = serve_in_child(&a);
	r = make(one, 1, 2000, 1, NULL, Q53_ORDER_DNS, NULL);
	q53_addr_t addrs[4];
	assert_int_equal(q53_lookup_addrs(r, "www.example", AF_UNSPEC, addrs, 4), Q53_ESERVFAIL);
	q53_mx_t mx[2];
	assert_int_equal(q53_lookup_mx(r, "www.example", mx, 2), Q53_ESERVFAIL);
	q53_resolver_free(r);
	stop_child(pid);
	resp_close(&a);
	/* A malformed reply and nothing else: the next try, then a timeout. */
	s_script_action = MALFORMED;
	resp_open(&a, 1, s_fixed);
	r = make(one, 1, 60, 2, NULL, Q53_ORDER_DNS, NULL);
	res = look(r, one, 1, "www.example", 3000);
	assert_int_equal(res->status, Q53_ETIMEOUT);
	assert_int_equal(a.udp_queries, 2);
	q53_result_free(res);
	q53_resolver_free(r);
	resp_close(&a);
}

/* A server address where nothing listens: a port the kernel gave a socket that is then closed. */
static struct resp closed_port(void)
{
	struct resp c;
	memset(&c, 0, sizeof c);
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	socklen_t l = sizeof a;
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &l), 0);
	close(fd);
	c.port = ntohs(a.sin_port);
	c.udp = c.tcp = c.other = -1;
	return c;
}

static void test_async_port_unreachable(void **state)
{
	(void)state;
	/* The first server's port is closed: its ICMP port unreachable moves the lookup on to the second
	 * server at once (glibc's res_send on ECONNREFUSED). The timeout is 30 s and the test waits 15 s at
	 * most: only that move can end the lookup, however slow the machine. */
	struct resp dead = closed_port(), b;
	resp_open(&b, 2, s_answer);
	struct resp *two[] = {&dead, &b};
	q53_resolver_t *r = make(two, 2, 30000, 1, NULL, Q53_ORDER_DNS, NULL);
	struct resp *live[] = {&b};
	q53_result_t *res = look(r, live, 1, "www.example", 15000);
	assert_int_equal(res->status, Q53_OK);
	assert_int_equal(answer_octet(res), 2);
	assert_int_equal(b.udp_queries, 1);
	q53_result_free(res);
	q53_resolver_free(r);
	resp_close(&b);
	/* Only that server: a network error, rather than a timeout. */
	struct resp *one[] = {&dead};
	r = make(one, 1, 30000, 2, NULL, Q53_ORDER_DNS, NULL);
	res = look(r, live, 0, "www.example", 15000);
	assert_int_equal(res->status, Q53_ENETWORK);
	q53_result_free(res);
	q53_resolver_free(r);
}

static void test_async_damaged_replies(void **state)
{
	(void)state;
	/* Damaged replies from the right server, port and ID before each answer: every lookup ends once,
	 * with some reply (a damaged one may still be a well-formed message for the same question) or
	 * with an error. */
	struct resp a;
	s_script_action = MUTATE;
	resp_open(&a, 9, s_fixed);
	struct resp *one[] = {&a};
	g_cache_size = 16;
	q53_resolver_t *r = make(one, 1, 200, 1, NULL, Q53_ORDER_DNS, NULL);
	for (int i = 0; i < 40; i++) {
		char name[32];
		snprintf(name, sizeof name, "m%d.example", i);
		q53_result_t *res = look(r, one, 1, name, 10000);
		assert_true(res->status == Q53_OK || res->status < 0);
		q53_result_free(res);
	}
	q53_resolver_free(r);
	resp_close(&a);
}

static enum action s_formerr_edns(struct resp *s, const uint8_t *n, uint16_t t, bool tcp)
{
	(void)n, (void)t, (void)tcp;
	return s->saw_edns ? FORMERR : ANSWER;
}

static void test_async_formerr_edns(void **state)
{
	(void)state;
	struct resp a;
	resp_open(&a, 3, s_formerr_edns);
	struct resp *one[] = {&a};
	q53_resolver_t *r = make(one, 1, 1000, 1, NULL, Q53_ORDER_DNS, NULL);
	q53_result_t *res = look(r, one, 1, "www.example", 3000);
	assert_int_equal(res->status, Q53_OK);
	assert_int_equal(answer_octet(res), 3);
	assert_int_equal(a.udp_queries, 2);
	assert_false(a.saw_edns);
	q53_result_free(res);
	q53_resolver_free(r);
	resp_close(&a);
}

static enum action s_tc(struct resp *s, const uint8_t *n, uint16_t t, bool tcp)
{
	(void)s, (void)n, (void)t;
	return tcp ? ANSWER : TRUNCATED;
}

static void test_async_tc_tcp(void **state)
{
	(void)state;
	struct resp a;
	resp_open(&a, 5, s_tc);
	struct resp *one[] = {&a};
	q53_resolver_t *r = make(one, 1, 1000, 1, NULL, Q53_ORDER_DNS, NULL);
	for (int i = 0; i < 3; i++) {
		q53_result_t *res = look(r, one, 1, "big.example", 3000);
		assert_int_equal(res->status, Q53_OK);
		assert_int_equal(answer_octet(res), 5);
		assert_true(res->tcp);
		assert_int_equal(ntohs(((struct sockaddr_in *)&res->server)->sin_port), a.port);
		q53_result_free(res);
	}
	assert_int_equal(a.udp_queries, 3);
	assert_int_equal(a.tcp_queries, 3);
	/* One connection carried the three queries. */
	assert_int_equal(a.accepts, 1);
	/* Several at once over the same connection. */
	struct got g[5];
	memset(g, 0, sizeof g);
	for (int i = 0; i < 5; i++)
		assert_int_equal(q53_resolver_start(r, "big.example", Q53_TYPE_A, got_cb, &g[i], NULL), 0);
	drive(r, one, 1, &g[4].done, 3000);
	for (int i = 0; i < 5; i++) {
		if (!g[i].done)
			drive(r, one, 1, &g[i].done, 3000);
		assert_true(g[i].done);
		assert_int_equal(answer_octet(g[i].res), 5);
		q53_result_free(g[i].res);
	}
	assert_int_equal(a.accepts, 1);
	assert_int_equal(a.tcp_queries, 8);
	q53_resolver_free(r);
	resp_close(&a);
}

static enum action s_big(struct resp *s, const uint8_t *n, uint16_t t, bool tcp)
{
	(void)s, (void)n, (void)t, (void)tcp;
	return BIG;
}

/*
 * Replies are read several at a time into slots of UDP_RECV_SLOT octets (recvmmsg). A reply bigger than a
 * slot (a server that ignores the EDNS size asked) is cut by the kernel: it must be taken as truncated and
 * asked again over TCP, never parsed as a whole message nor dropped. With an EDNS size above the slot,
 * datagrams are read whole.
 */
static void test_async_big_udp_reply(void **state)
{
	(void)state;
	struct resp a;
	resp_open(&a, 6, s_big);
	struct resp *one[] = {&a};
	q53_resolver_t *r = make(one, 1, 1000, 1, NULL, Q53_ORDER_DNS, NULL);
	q53_result_t *res = look(r, one, 1, "big.example", 3000);
	assert_int_equal(res->status, Q53_OK);
	assert_int_equal(answer_octet(res), 6);
	assert_int_equal(res->nanswer, 160);
	assert_true(res->msg_len > UDP_RECV_SLOT);
	assert_true(res->tcp);
	assert_int_equal(a.udp_queries, 1);
	assert_int_equal(a.tcp_queries, 1);
	q53_result_free(res);
	q53_resolver_free(r);

	g_edns_size = 4096;
	r = make(one, 1, 1000, 1, NULL, Q53_ORDER_DNS, NULL);
	res = look(r, one, 1, "big.example", 3000);
	assert_int_equal(res->status, Q53_OK);
	assert_int_equal(res->nanswer, 160);
	assert_false(res->tcp);
	assert_int_equal(a.udp_queries, 2);
	assert_int_equal(a.tcp_queries, 1);
	q53_result_free(res);
	q53_resolver_free(r);
	resp_close(&a);
}

/* A sync lookup made from a callback: its query is started inside q53_resolver_process(), where
 * datagrams wait for the end of the round (sendmmsg); it must go out before the sync call waits. */
struct nested {
	q53_resolver_t *r;
	int rc, status, octet;
	bool done;
};

static void nested_cb(q53_result_t *res, void *arg)
{
	struct nested *n = arg;
	q53_result_free(res);
	q53_result_t *inner = NULL;
	n->rc = q53_lookup(n->r, "inner.example", Q53_TYPE_A, &inner);
	if (n->rc == 0) {
		n->status = inner->status;
		n->octet = inner->status == Q53_OK ? answer_octet(inner) : -1;
		q53_result_free(inner);
	}
	n->done = true;
}

static void test_async_sync_in_callback(void **state)
{
	(void)state;
	struct resp a;
	resp_open(&a, 9, s_answer);
	pid_t pid = serve_in_child(&a);
	struct resp *one[] = {&a};
	/* One try of 10 s: a query left in the batch would time out (the child serves for 3 s). */
	q53_resolver_t *r = make(one, 1, 10000, 1, NULL, Q53_ORDER_DNS, NULL);
	struct nested n = {r, -1, -1, -1, false};
	assert_int_equal(q53_resolver_start(r, "outer.example", Q53_TYPE_A, nested_cb, &n, NULL), 0);
	while (!n.done) {
		struct pollfd p = {q53_resolver_fd(r), POLLIN, 0};
		assert_true(poll(&p, 1, q53_resolver_timeout(r)) >= 0);
		assert_true(q53_resolver_process(r) >= 0);
	}
	assert_int_equal(n.rc, 0);
	assert_int_equal(n.status, Q53_OK);
	assert_int_equal(n.octet, 9);
	q53_resolver_free(r);
	stop_child(pid);
	resp_close(&a);
}

/* The heap a lookup holds in flight is a measured goal (bench/resolve.sh: below c-ares's 336 B): the
 * query object must stay small. */
static void test_query_size(void **state)
{
	(void)state;
	assert_true(sizeof(q53_query_t) <= 112);
}

static enum action s_search(struct resp *s, const uint8_t *n, uint16_t t, bool tcp)
{
	(void)s, (void)t, (void)tcp;
	static const uint8_t want[] = "\3www\1b\7example";
	return q53_name_equal(n, want) ? ANSWER : NXDOMAIN;
}

static void test_async_search(void **state)
{
	(void)state;
	struct resp a;
	resp_open(&a, 4, s_search);
	struct resp *one[] = {&a};
	const char *const search[] = {"a.example", "b.example", "c.example", NULL};
	q53_resolver_t *r = make(one, 1, 1000, 1, search, Q53_ORDER_DNS, NULL);
	q53_result_t *res = look(r, one, 1, "www", 3000);
	assert_int_equal(res->status, Q53_OK);
	assert_int_equal(answer_octet(res), 4);
	assert_memory_equal(res->qname, "\3www\1b\7example\0", 15);
	assert_int_equal(a.nnames, 2);
	assert_string_equal(a.names[0], "www.a.example.");
	assert_string_equal(a.names[1], "www.b.example.");
	q53_result_free(res);
	/* Nothing found: every name asked, NXDOMAIN reported for the last (the name as is). */
	res = look(r, one, 1, "nope", 3000);
	assert_int_equal(res->status, Q53_OK);
	assert_int_equal(res->rcode, Q53_RCODE_NXDOMAIN);
	assert_memory_equal(res->qname, "\4nope\0", 6);
	assert_int_equal(a.nnames, 6);
	assert_string_equal(a.names[2], "nope.a.example.");
	assert_string_equal(a.names[5], "nope.");
	q53_result_free(res);
	/* Trailing dot: no search. */
	res = look(r, one, 1, "www.", 3000);
	assert_int_equal(res->rcode, Q53_RCODE_NXDOMAIN);
	assert_int_equal(a.nnames, 7);
	assert_string_equal(a.names[6], "www.");
	q53_result_free(res);
	q53_resolver_free(r);
	resp_close(&a);
}

static const char *hosts_file(void)
{
	static char path[] = "/tmp/q53-reshosts-XXXXXX";
	static bool made;
	if (!made) {
		int fd = mkstemp(path);
		assert_true(fd >= 0);
		const char *t = "192.0.2.200 www.example fileonly.example\n2001:db8::200 v6.example\n"
				"127.0.0.1 dual.example\n::1 dual.example\n";
		assert_int_equal(write(fd, t, strlen(t)), (ssize_t)strlen(t));
		close(fd);
		made = true;
	}
	return path;
}

static enum action s_nx(struct resp *s, const uint8_t *n, uint16_t t, bool tcp)
{
	(void)s, (void)n, (void)t, (void)tcp;
	return NXDOMAIN;
}

static void test_async_hosts_order(void **state)
{
	(void)state;
	struct resp a;
	resp_open(&a, 1, s_answer);
	struct resp *one[] = {&a};
	/* files dns: the hosts file answers, no query is sent. */
	q53_resolver_t *r = make(one, 1, 1000, 1, NULL, Q53_ORDER_FILES_DNS, hosts_file());
	q53_result_t *res = look(r, one, 1, "WWW.example", 3000);
	assert_int_equal(res->source, Q53_SOURCE_HOSTS);
	assert_int_equal(answer_octet(res), 200);
	assert_int_equal(res->rr[0].ttl, 0);
	assert_int_equal(a.udp_queries, 0);
	q53_result_free(res);
	/* ... and DNS when the file does not know the name. */
	res = look(r, one, 1, "dns.example", 3000);
	assert_int_equal(res->source, Q53_SOURCE_DNS);
	assert_int_equal(answer_octet(res), 1);
	assert_int_equal(a.udp_queries, 1);
	q53_result_free(res);
	q53_resolver_free(r);

	/* dns files: DNS answers first. */
	r = make(one, 1, 1000, 1, NULL, Q53_ORDER_DNS_FILES, hosts_file());
	res = look(r, one, 1, "www.example", 3000);
	assert_int_equal(res->source, Q53_SOURCE_DNS);
	assert_int_equal(answer_octet(res), 1);
	q53_result_free(res);
	q53_resolver_free(r);
	/* dns files: NXDOMAIN, then the file. */
	a.script = s_nx;
	r = make(one, 1, 1000, 1, NULL, Q53_ORDER_DNS_FILES, hosts_file());
	res = look(r, one, 1, "www.example", 3000);
	assert_int_equal(res->source, Q53_SOURCE_HOSTS);
	assert_int_equal(answer_octet(res), 200);
	q53_result_free(res);
	res = look(r, one, 1, "unknown.example", 3000);
	assert_int_equal(res->source, Q53_SOURCE_DNS);
	assert_int_equal(res->rcode, Q53_RCODE_NXDOMAIN);
	q53_result_free(res);
	q53_resolver_free(r);
	/* dns files: a timeout, then the file. */
	a.script = s_drop;
	r = make(one, 1, 50, 1, NULL, Q53_ORDER_DNS_FILES, hosts_file());
	res = look(r, one, 1, "fileonly.example", 3000);
	assert_int_equal(res->source, Q53_SOURCE_HOSTS);
	assert_int_equal(answer_octet(res), 200);
	q53_result_free(res);
	q53_resolver_free(r);
	/* files only: NXDOMAIN for an unknown name, NODATA for a known name of another family. */
	int before = a.udp_queries;
	r = make(one, 1, 1000, 1, NULL, Q53_ORDER_FILES, hosts_file());
	res = look(r, one, 1, "unknown.example", 3000);
	assert_int_equal(res->source, Q53_SOURCE_HOSTS);
	assert_int_equal(res->rcode, Q53_RCODE_NXDOMAIN);
	q53_result_free(res);
	res = look(r, one, 1, "v6.example", 3000);
	assert_int_equal(res->source, Q53_SOURCE_HOSTS);
	assert_int_equal(res->rcode, Q53_RCODE_NOERROR);
	assert_int_equal(res->nanswer, 0);
	q53_result_free(res);
	assert_int_equal(a.udp_queries, before);
	q53_resolver_free(r);
	resp_close(&a);
}

static void test_async_localhost_idna(void **state)
{
	(void)state;
	struct resp a;
	resp_open(&a, 1, s_answer);
	struct resp *one[] = {&a};
	q53_resolver_t *r = make(one, 1, 1000, 1, NULL, Q53_ORDER_DNS, NULL);
	q53_result_t *res = look(r, one, 1, "localhost", 3000);
	assert_int_equal(res->source, Q53_SOURCE_LOCAL);
	assert_int_equal(res->nanswer, 1);
	uint8_t ip[4];
	assert_int_equal(q53_rdata_a(&res->rr[0], ip), 0);
	assert_memory_equal(ip, "\x7f\0\0\1", 4);
	q53_result_free(res);
	struct got g = {false, 0, NULL};
	assert_int_equal(q53_resolver_start(r, "db.LOCALHOST.", Q53_TYPE_AAAA, got_cb, &g, NULL), 0);
	assert_int_equal(q53_resolver_timeout(r), 0); /* answered at once, delivered by process() */
	assert_int_equal(g.calls, 0);
	assert_int_equal(q53_resolver_process(r), 1);
	assert_int_equal(g.res->source, Q53_SOURCE_LOCAL);
	uint8_t ip6[16];
	assert_int_equal(q53_rdata_aaaa(&g.res->rr[0], ip6), 0);
	assert_memory_equal(ip6, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", 16);
	q53_result_free(g.res);
	assert_int_equal(a.udp_queries, 0);
	/* A UTF-8 name is asked with its A-labels. */
	res = look(r, one, 1, "bücher.example", 3000);
	assert_int_equal(res->status, Q53_OK);
	assert_string_equal(a.names[0], "xn--bcher-kva.example.");
	q53_result_free(res);
	/* A name that is not one: the error comes through the callback. */
	res = look(r, one, 1, "a..b", 3000);
	assert_int_equal(res->status, Q53_EEMPTY);
	q53_result_free(res);
	res = look(r, one, 1, "😀.example", 3000);
	assert_int_equal(res->status, Q53_EIDNA);
	q53_result_free(res);
	assert_int_equal(a.udp_queries, 1);
	q53_resolver_free(r);
	resp_close(&a);
}

static void test_async_cancel(void **state)
{
	(void)state;
	struct resp a;
	resp_open(&a, 1, s_delay);
	struct resp *one[] = {&a};
	q53_resolver_t *r = make(one, 1, 1000, 1, NULL, Q53_ORDER_DNS, NULL);
	struct got g1 = {false, 0, NULL}, g2 = {false, 0, NULL}, g3 = {false, 0, NULL};
	q53_query_t *q1, *q3;
	assert_int_equal(q53_resolver_start(r, "one.example", Q53_TYPE_A, got_cb, &g1, &q1), 0);
	assert_int_equal(q53_resolver_start(r, "two.example", Q53_TYPE_A, got_cb, &g2, NULL), 0);
	assert_int_equal(q53_resolver_start(r, "localhost", Q53_TYPE_A, got_cb, &g3, &q3), 0);
	assert_int_equal(q53_resolver_pending(r), 3);
	q53_query_cancel(q1);
	q53_query_cancel(q3); /* already answered, waiting in the queue */
	assert_int_equal(q53_resolver_pending(r), 1);
	drive(r, one, 1, &g2.done, 3000);
	/* Let the delayed answer for one.example arrive too: it must be dropped quietly. */
	bool never = false;
	drive(r, one, 1, &never, 300);
	assert_int_equal(g1.calls, 0);
	assert_int_equal(g3.calls, 0);
	assert_int_equal(g2.calls, 1);
	q53_result_free(g2.res);
	/* Freeing a resolver with lookups in flight cancels them. */
	assert_int_equal(q53_resolver_start(r, "three.example", Q53_TYPE_A, got_cb, &g1, NULL), 0);
	q53_resolver_free(r);
	assert_int_equal(g1.calls, 0);
	resp_close(&a);
}

/* Many lookups in flight, each answered with an address derived from its name. */
static enum action s_many(struct resp *s, const uint8_t *n, uint16_t t, bool tcp)
{
	(void)t, (void)tcp;
	/* "\5nNNNN\7example": last octet from the number modulo 250. */
	int v = 0;
	for (int i = 2; i <= n[0]; i++)
		v = v * 10 + (n[i] - '0');
	s->last_octet = (uint8_t)(v % 250);
	return HOLD;
}

struct many_slot {
	int want, got, calls;
	bool *all;
	int *left;
};

static void many_cb(q53_result_t *res, void *arg)
{
	struct many_slot *m = arg;
	m->calls++;
	m->got = res->status == Q53_OK ? answer_octet(res) : -1;
	q53_result_free(res);
	if (--*m->left == 0)
		*m->all = true;
}

/* Starts n lookups n0000.example... at once, with a callback each. */
static void start_many(q53_resolver_t *r, struct many_slot *m, int n, bool *all, int *left)
{
	*left = n;
	for (int i = 0; i < n; i++) {
		char name[32];
		snprintf(name, sizeof name, "n%04d.example.", i);
		m[i] = (struct many_slot){i % 250, -2, 0, all, left};
		assert_int_equal(q53_resolver_start(r, name, Q53_TYPE_A, many_cb, &m[i], NULL), 0);
	}
}

/* Rounds of the loop until the responder has seen no new query for 20 rounds in a row. */
static void drive_until_quiet(q53_resolver_t *r, struct resp *a)
{
	struct resp *one[] = {a};
	bool never = false;
	int last = -1, quiet = 0;
	for (int i = 0; i < 2000 && quiet < 20; i++) {
		drive(r, one, 1, &never, 2);
		quiet = a->nbulk == last ? quiet + 1 : 0;
		last = a->nbulk;
	}
}

static void test_async_many_in_flight(void **state)
{
	(void)state;
	enum { N = 2500 };
	struct resp a;
	resp_open(&a, 0, s_many);
	a.bulk = calloc(N, sizeof *a.bulk);
	a.bulk_cap = N;
	struct resp *one[] = {&a};
	/* A timeout longer than the test: a query is never sent twice, so every count below is exact. */
	q53_resolver_t *r = make(one, 1, 30000, 1, NULL, Q53_ORDER_DNS, NULL);
	static struct many_slot m[N];
	bool all = false;
	int left;
	/* All started at once, none answered: the resolver sends the first 256 (the default pacing
	 * bound) and queues the rest rather than bursting 2500 datagrams into the server's buffer. */
	start_many(r, m, N, &all, &left);
	drive_until_quiet(r, &a);
	assert_int_equal(a.nbulk, 256);
	assert_int_equal(q53_resolver_pending(r), N);
	/* Answers make room: each one lets a waiting query go, until all are answered. */
	a.release = true;
	drive(r, one, 1, &all, 60000);
	assert_true(all);
	for (int i = 0; i < N; i++) {
		assert_int_equal(m[i].calls, 1);
		assert_int_equal(m[i].got, m[i].want);
	}
	assert_int_equal(a.udp_queries, N);
	assert_int_equal(q53_resolver_pending(r), 0);
	assert_int_equal(q53_resolver_timeout(r), -1);
	q53_resolver_free(r);

	/* The bound is the application's to choose; a query that times out makes room as well. */
	memset(&a.bulk[0], 0, sizeof a.bulk[0]);
	a.nbulk = a.bulk_sent = a.udp_queries = 0;
	a.release = false;
	g_udp_inflight = 40;
	/* 1 s: far longer than drive_until_quiet() takes to see the 40 sent, even under valgrind. */
	r = make(one, 1, 1000, 1, NULL, Q53_ORDER_DNS, NULL);
	all = false;
	start_many(r, m, 100, &all, &left);
	drive_until_quiet(r, &a);
	assert_int_equal(a.nbulk, 40);
	/* Never answered: 40 time out, the next 40 go, then the last 20. */
	drive(r, one, 1, &all, 20000);
	assert_true(all);
	assert_int_equal(a.udp_queries, 100);
	for (int i = 0; i < 100; i++)
		assert_int_equal(m[i].got, -1);
	/* Freeing with queries still queued cancels them too (ASan sees any leak). */
	start_many(r, m, 100, &all, &left);
	q53_resolver_free(r);
	free(a.bulk);
	resp_close(&a);
}

/* The distinct values among p[0..n). */
static int distinct(const uint16_t *p, int n)
{
	int d = 0;
	for (int i = 0; i < n; i++) {
		int j = 0;
		while (j < i && p[j] != p[i])
			j++;
		d += j == i;
	}
	return d;
}

/*
 * Queries started from a callback go out together, and runs of one length as one UDP GSO message
 * (transport.c send_run()): whatever the kernel does with them, the server must get each query as a
 * datagram of its own, whole. Lengths in the order started: 30 of 40 octets ("gNN.example."), one of 39
 * that may end a run, 20 of 40, one of 42, 10 of 40; with and without Q53_RES_NOGSO.
 */
struct gso_batch {
	q53_resolver_t *r;
	struct many_slot *m;
	bool *all;
	int *left;
};

static void gso_start_cb(q53_result_t *res, void *arg)
{
	struct gso_batch *b = arg;
	assert_int_equal(res->status, Q53_OK);
	q53_result_free(res);
	*b->left = 62;
	for (int i = 0; i < 62; i++) {
		char name[32];
		if (i == 30)
			snprintf(name, sizeof name, "g%d.example.", 7);
		else if (i == 51)
			snprintf(name, sizeof name, "gg%d.example.", 123);
		else
			snprintf(name, sizeof name, "g%d.example.", 10 + i);
		b->m[i] = (struct many_slot){0, -2, 0, b->all, b->left};
		assert_int_equal(q53_resolver_start(b->r, name, Q53_TYPE_A, many_cb, &b->m[i], NULL), 0);
	}
}

static void test_async_gso_batch(void **state)
{
	(void)state;
	for (int nogso = 0; nogso < 2; nogso++) {
		struct resp a;
		resp_open(&a, 0, s_answer);
		struct resp *one[] = {&a};
		g_udp_max_queries = 100; /* one port for the whole batch */
		g_set_flags = nogso ? Q53_RES_NOGSO : 0;
		q53_resolver_t *r = make(one, 1, 30000, 1, NULL, Q53_ORDER_DNS, NULL);
		static struct many_slot m[62];
		bool all = false;
		int left = -1;
		struct gso_batch b = {r, m, &all, &left};
		assert_int_equal(q53_resolver_start(r, "start.example.", Q53_TYPE_A, gso_start_cb, &b, NULL),
				 0);
		drive(r, one, 1, &all, 20000);
		assert_true(all);
		for (int i = 0; i < 62; i++) {
			assert_int_equal(m[i].calls, 1);
			assert_int_equal(m[i].got, 0);
		}
		/* The first query, then the batch in order, each whole: header, name, type and class, OPT. */
		assert_int_equal(a.udp_queries, 63);
		assert_int_equal(a.lens[0], 12 + 15 + 4 + 11);
		for (int i = 0; i < 62; i++)
			assert_int_equal(a.lens[1 + i], i == 30 ? 39 : i == 51 ? 42 : 40);
		/* All of them from one port: the batch was one run for send_run(). */
		assert_int_equal(distinct(a.ports + 1, 62), 1);
		q53_resolver_free(r);
		resp_close(&a);
	}
}

static void test_async_source_ports(void **state)
{
	(void)state;
	enum { N = 40 };
	struct resp a;
	resp_open(&a, 0, s_many);
	a.bulk = calloc(N, sizeof *a.bulk);
	a.bulk_cap = N;
	struct resp *one[] = {&a};
	/* udp_max_queries 1: two queries in flight leave from two ports, and each reply is taken only on
	 * the socket its query left from. */
	g_udp_max_queries = 1;
	q53_resolver_t *r = make(one, 1, 30000, 1, NULL, Q53_ORDER_DNS, NULL);
	static struct many_slot m[N];
	bool all = false;
	int left;
	start_many(r, m, 2, &all, &left);
	drive_until_quiet(r, &a);
	assert_int_equal(a.nbulk, 2);
	assert_int_not_equal(a.ports[0], a.ports[1]);
	assert_int_equal(a.bulk[0].to.sin_port, htons(a.ports[0]));
	/* Query 0's reply, right server, ID and question, but marked .66 and sent to query 1's port: a
	 * resolver that matched on ID alone would give query 0 the mark. */
	struct held cross = a.bulk[0];
	cross.msg[cross.len - 1] = 66;
	send_to(a.udp, cross.msg, cross.len, &a.bulk[1].to);
	bool never = false;
	drive(r, one, 1, &never, 50);
	assert_int_equal(m[0].calls, 0);
	a.release = true;
	drive(r, one, 1, &all, 5000);
	assert_true(all);
	assert_int_equal(m[0].got, 0);
	assert_int_equal(m[1].got, 1);
	q53_resolver_free(r);

	/* The default: N queries in flight spread over sockets of at most UDP_MAX_QUERIES_DEFAULT each. */
	a.nbulk = a.bulk_sent = a.udp_queries = 0;
	a.release = false;
	r = make(one, 1, 30000, 1, NULL, Q53_ORDER_DNS, NULL);
	all = false;
	start_many(r, m, N, &all, &left);
	drive_until_quiet(r, &a);
	assert_int_equal(a.nbulk, N);
	const int k = UDP_MAX_QUERIES_DEFAULT;
	assert_true(k < N);
	assert_true(distinct(a.ports, N) >= (N + k - 1) / k);
	for (int i = 0; i < N; i++) {
		int same = 0;
		for (int j = 0; j < N; j++)
			same += a.ports[j] == a.ports[i];
		assert_true(same <= k);
	}
	a.release = true;
	drive(r, one, 1, &all, 5000);
	assert_true(all);
	for (int i = 0; i < N; i++)
		assert_int_equal(m[i].got, m[i].want);
	q53_resolver_free(r);
	free(a.bulk);
	resp_close(&a);

	/* One lookup after another: a socket is closed once nothing waits on it, so each lookup leaves from
	 * a new random port (four times the same port: 1 in 28000^3). */
	resp_open(&a, 1, s_answer);
	r = make(one, 1, 1000, 1, NULL, Q53_ORDER_DNS, NULL);
	for (int i = 0; i < 4; i++)
		q53_result_free(look(r, one, 1, "www.example", 3000));
	assert_int_equal(a.udp_queries, 4);
	assert_true(distinct(a.ports, 4) >= 2);
	q53_resolver_free(r);
	resp_close(&a);
}

/* The cache's clock, moved by the test. */
static uint64_t fake_ms;
static uint64_t fake_clock(void)
{
	return fake_ms;
}

static enum action s_cache(struct resp *s, const uint8_t *n, uint16_t t, bool tcp)
{
	(void)s, (void)t, (void)tcp;
	return n[1] == 'n' && n[2] == 'x' ? NX_SOA : ANSWER;
}

static void test_async_cache(void **state)
{
	(void)state;
	struct resp a;
	resp_open(&a, 3, s_cache);
	struct resp *one[] = {&a};
	g_cache_size = 2;
	q53_resolver_t *r = make(one, 1, 1000, 1, NULL, Q53_ORDER_DNS, NULL);
	r->clock = fake_clock;
	fake_ms = 1000000;
	q53_result_t *res = look(r, one, 1, "www.example", 3000);
	assert_int_equal(res->source, Q53_SOURCE_DNS);
	assert_int_equal(res->rr[0].ttl, 300);
	q53_result_free(res);
	/* 100.9 s later: from the cache, TTL 300 - 100 in the view and in the message's octets. */
	fake_ms += 100900;
	res = look(r, one, 1, "WWW.example", 3000);
	assert_int_equal(a.udp_queries, 1);
	assert_int_equal(res->status, Q53_OK);
	assert_int_equal(res->source, Q53_SOURCE_CACHE);
	assert_int_equal(answer_octet(res), 3);
	assert_int_equal(res->rr[0].ttl, 200);
	assert_int_equal(q53_get32(res->msg + res->rr[0].rdata - 6), 200);
	q53_result_free(res);
	/* Another type of the same name is another entry. */
	struct got g = {false, 0, NULL};
	assert_int_equal(q53_resolver_start(r, "www.example", Q53_TYPE_AAAA, got_cb, &g, NULL), 0);
	drive(r, one, 1, &g.done, 3000);
	assert_int_equal(g.res->source, Q53_SOURCE_DNS);
	q53_result_free(g.res);
	assert_int_equal(a.udp_queries, 2);
	/* At 300 s the A record has expired: asked again. */
	fake_ms += 199100;
	res = look(r, one, 1, "www.example", 3000);
	assert_int_equal(res->source, Q53_SOURCE_DNS);
	assert_int_equal(a.udp_queries, 3);
	q53_result_free(res);
	/* Negative: NXDOMAIN kept for min(SOA TTL 600, MINIMUM 60) = 60 s (RFC 2308 5). Two entries at
	 * most: www A (used last) stays, www AAAA (least recently used) is evicted. */
	res = look(r, one, 1, "nx.example", 3000);
	assert_int_equal(res->rcode, Q53_RCODE_NXDOMAIN);
	assert_int_equal(res->source, Q53_SOURCE_DNS);
	q53_result_free(res);
	fake_ms += 59000;
	res = look(r, one, 1, "nx.example", 3000);
	assert_int_equal(res->rcode, Q53_RCODE_NXDOMAIN);
	assert_int_equal(res->source, Q53_SOURCE_CACHE);
	assert_int_equal(res->rr[0].type, Q53_TYPE_SOA);
	assert_int_equal(res->rr[0].ttl, 600 - 59);
	q53_result_free(res);
	assert_int_equal(a.udp_queries, 4);
	fake_ms += 1000;
	res = look(r, one, 1, "nx.example", 3000);
	assert_int_equal(res->source, Q53_SOURCE_DNS);
	q53_result_free(res);
	assert_int_equal(a.udp_queries, 5);
	g = (struct got){false, 0, NULL};
	assert_int_equal(q53_resolver_start(r, "www.example", Q53_TYPE_AAAA, got_cb, &g, NULL), 0);
	drive(r, one, 1, &g.done, 3000);
	assert_int_equal(g.res->source, Q53_SOURCE_DNS);
	q53_result_free(g.res);
	assert_int_equal(a.udp_queries, 6);
	q53_resolver_free(r);

	/* Without cache_size there is no cache. */
	r = make(one, 1, 1000, 1, NULL, Q53_ORDER_DNS, NULL);
	q53_result_free(look(r, one, 1, "www.example", 3000));
	res = look(r, one, 1, "www.example", 3000);
	assert_int_equal(res->source, Q53_SOURCE_DNS);
	q53_result_free(res);
	assert_int_equal(a.udp_queries, 8);
	q53_resolver_free(r);
	resp_close(&a);
}

static void test_async_reload(void **state)
{
	(void)state;
	struct resp a;
	resp_open(&a, 1, s_nx);
	struct resp *one[] = {&a};
	char path[] = "/tmp/q53-resreload-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char *t1 = "search one.example\n";
	assert_int_equal(write(fd, t1, strlen(t1)), (ssize_t)strlen(t1));
	close(fd);
	char srv[32];
	server_text(&a, srv, sizeof srv);
	const char *servers[] = {srv, NULL};
	q53_resolver_opts o;
	q53_resolver_opts_init(&o);
	o.resolv_conf = path;
	o.nsswitch = "";
	o.hosts = "";
	o.servers = servers;
	o.order = Q53_ORDER_DNS;
	o.set_flags = Q53_RES_NOENV;
	o.reload_ms = 0;
	q53_resolver_t *r;
	assert_int_equal(q53_resolver_new(&o, &r), 0);
	q53_result_t *res = look(r, one, 1, "www", 3000);
	assert_string_equal(a.names[0], "www.one.example.");
	q53_result_free(res);
	FILE *f = fopen(path, "w");
	fputs("search two.example three.example\n", f);
	fclose(f);
	res = look(r, one, 1, "www", 3000);
	assert_string_equal(a.names[2], "www.two.example.");
	assert_string_equal(a.names[3], "www.three.example.");
	q53_result_free(res);
	q53_resolver_free(r);
	unlink(path);
	resp_close(&a);
}

/* Whether a result's message has the AD bit set. */
static bool has_ad(const q53_result_t *res)
{
	assert_non_null(res->msg);
	return (q53_get16(res->msg + 2) & Q53_FLAG_AD) != 0;
}

/*
 * glibc's trust-ad: without it queries go without AD, and the AD bit of every reply reaches the
 * application cleared (an answer over UDP, one over TCP after TC, the failure reply of Q53_ESERVFAIL);
 * with it queries carry AD and replies keep theirs. The other header bits stay as received.
 */
static void test_async_trust_ad(void **state)
{
	(void)state;
	for (int trust = 0; trust < 2; trust++) {
		struct resp a;
		resp_open(&a, 1, s_answer);
		a.answer_ad = true;
		struct resp *one[] = {&a};
		g_set_flags = trust ? Q53_RES_TRUSTAD : 0;
		q53_resolver_t *r = make(one, 1, 1000, 1, NULL, Q53_ORDER_DNS, NULL);
		q53_result_t *res = look(r, one, 1, "www.example", 3000);
		assert_int_equal(res->status, Q53_OK);
		assert_int_equal(answer_octet(res), 1);
		assert_int_equal(has_ad(res), trust);
		assert_int_equal(q53_get16(res->msg + 2) & ~Q53_FLAG_AD,
				 Q53_FLAG_QR | Q53_FLAG_RD | Q53_FLAG_RA);
		q53_result_free(res);
		assert_int_equal(a.udp_queries, 1);
		assert_int_equal(a.ad_queries, trust);

		a.script = s_tc;
		res = look(r, one, 1, "big.example", 3000);
		assert_int_equal(res->status, Q53_OK);
		assert_true(res->tcp);
		assert_int_equal(has_ad(res), trust);
		q53_result_free(res);
		assert_int_equal(a.udp_queries, 2);
		assert_int_equal(a.tcp_queries, 1);
		assert_int_equal(a.ad_queries, 3 * trust);

		s_script_action = SERVFAIL;
		a.script = s_fixed;
		res = look(r, one, 1, "fail.example", 3000);
		assert_int_equal(res->status, Q53_ESERVFAIL);
		assert_int_equal(has_ad(res), trust);
		q53_result_free(res);
		assert_int_equal(a.ad_queries, 4 * trust);
		q53_resolver_free(r);
		resp_close(&a);
	}
}

/* Looks name up (type A) and checks where the answer came from and its AD bit. */
static void look_ad(q53_resolver_t *r, struct resp **rs, const char *name, q53_source src, bool ad)
{
	q53_result_t *res = look(r, rs, 1, name, 3000);
	assert_int_equal(res->status, Q53_OK);
	assert_int_equal(res->source, src);
	assert_int_equal(has_ad(res), ad);
	q53_result_free(res);
}

static void write_conf(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/*
 * The cache hands out what the application got: a cached answer has AD only with trust-ad. An answer
 * stored under trust-ad loses AD once resolv.conf drops the option, and one stored without it does not
 * gain AD when the option comes back (re-read before each lookup here).
 */
static void test_async_trust_ad_cache(void **state)
{
	(void)state;
	struct resp a;
	resp_open(&a, 3, s_answer);
	a.answer_ad = true;
	struct resp *one[] = {&a};
	char path[] = "/tmp/q53-restad-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	/* Each text a different length, so that a re-read never depends on the clock's granularity. */
	write_conf(path, "options trust-ad\n");
	char srv[32];
	server_text(&a, srv, sizeof srv);
	const char *servers[] = {srv, NULL};
	static const char *const nosearch[] = {NULL};
	q53_resolver_opts o;
	q53_resolver_opts_init(&o);
	o.resolv_conf = path;
	o.nsswitch = "";
	o.hosts = "";
	o.servers = servers;
	o.search = nosearch;
	o.timeout_ms = 1000;
	o.attempts = 1;
	o.order = Q53_ORDER_DNS;
	o.set_flags = Q53_RES_NOENV;
	o.reload_ms = 0;
	o.cache_size = 8;
	q53_resolver_t *r;
	assert_int_equal(q53_resolver_new(&o, &r), 0);
	r->clock = fake_clock;
	fake_ms = 1000000;
	look_ad(r, one, "www.example", Q53_SOURCE_DNS, true);
	assert_int_equal(a.ad_queries, 1);
	look_ad(r, one, "www.example", Q53_SOURCE_CACHE, true);
	write_conf(path, "options ndots:1\n");
	look_ad(r, one, "www.example", Q53_SOURCE_CACHE, false);
	look_ad(r, one, "mail.example", Q53_SOURCE_DNS, false);
	assert_int_equal(a.ad_queries, 1);
	write_conf(path, "options  trust-ad\n");
	look_ad(r, one, "mail.example", Q53_SOURCE_CACHE, false);
	look_ad(r, one, "www.example", Q53_SOURCE_CACHE, true);
	assert_int_equal(a.udp_queries, 2);
	q53_resolver_free(r);
	unlink(path);
	resp_close(&a);
}

static void test_sync_lookup(void **state)
{
	(void)state;
	/* The sync API runs the same core; a responder in a child process serves it. */
	struct resp a;
	resp_open(&a, 8, s_answer);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct resp *one[] = {&a};
		bool never = false;
		q53_resolver_t *dummy = make(one, 1, 1000, 1, NULL, Q53_ORDER_DNS, NULL);
		drive(dummy, one, 1, &never, 1500);
		_exit(0);
	}
	struct resp *one[] = {&a};
	q53_resolver_t *r = make(one, 1, 1000, 2, NULL, Q53_ORDER_DNS, NULL);
	q53_result_t *res = NULL;
	assert_int_equal(q53_lookup(r, "sync.example", Q53_TYPE_A, &res), 0);
	assert_int_equal(res->status, Q53_OK);
	assert_int_equal(answer_octet(res), 8);
	q53_result_free(res);
	assert_int_equal(q53_lookup(r, "localhost", Q53_TYPE_A, &res), 0);
	assert_int_equal(res->source, Q53_SOURCE_LOCAL);
	q53_result_free(res);
	q53_resolver_free(r);
	kill(pid, 9);
	int st;
	waitpid(pid, &st, 0);
	resp_close(&a);
}

/* The sync API hands over replies the same way: AD cleared without trust-ad, kept with it (the responder,
 * in a child process, sets AD in every reply). */
static void test_sync_trust_ad(void **state)
{
	(void)state;
	for (int trust = 0; trust < 2; trust++) {
		struct resp a;
		resp_open(&a, 8, s_answer);
		a.answer_ad = true;
		pid_t pid = serve_in_child(&a);
		struct resp *one[] = {&a};
		g_set_flags = trust ? Q53_RES_TRUSTAD : 0;
		q53_resolver_t *r = make(one, 1, 1000, 2, NULL, Q53_ORDER_DNS, NULL);
		q53_result_t *res = NULL;
		assert_int_equal(q53_lookup(r, "sync.example", Q53_TYPE_A, &res), 0);
		assert_int_equal(res->status, Q53_OK);
		assert_int_equal(answer_octet(res), 8);
		assert_int_equal(has_ad(res), trust);
		q53_result_free(res);
		static const uint8_t addr[4] = {192, 0, 2, 8};
		assert_int_equal(q53_lookup_reverse(r, addr, 4, &res), 0);
		assert_int_equal(res->status, Q53_OK);
		assert_int_equal(res->nanswer, 1);
		assert_int_equal(has_ad(res), trust);
		q53_result_free(res);
		q53_resolver_free(r);
		stop_child(pid);
		resp_close(&a);
	}
}

static bool ipv6_loopback(void)
{
	struct sockaddr_in6 a;
	memset(&a, 0, sizeof a);
	a.sin6_family = AF_INET6;
	a.sin6_port = htons(53);
	a.sin6_addr = in6addr_loopback;
	int fd = socket(AF_INET6, SOCK_DGRAM, 0);
	bool ok = fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
	if (fd >= 0)
		close(fd);
	return ok;
}

/* Runs a sync call with the responder served by a child process. */
static pid_t serve_in_child(struct resp *a)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct resp *one[] = {a};
		bool never = false;
		q53_resolver_t *dummy = make(one, 1, 1000, 1, NULL, Q53_ORDER_DNS, NULL);
		drive(dummy, one, 1, &never, 3000);
		_exit(0);
	}
	return pid;
}

static void stop_child(pid_t pid)
{
	int st;
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
}

static void test_addrs(void **state)
{
	(void)state;
	struct resp a;
	resp_open(&a, 4, s_answer);
	pid_t pid = serve_in_child(&a);
	struct resp *one[] = {&a};
	q53_resolver_t *r = make(one, 1, 1000, 2, NULL, Q53_ORDER_FILES_DNS, hosts_file());
	q53_addr_t out[8];
	/* A and AAAA from DNS. */
	int n = q53_lookup_addrs(r, "www.dns.example", AF_UNSPEC, out, 8);
	assert_int_equal(n, 2);
	bool have4 = false, have6 = false;
	for (int i = 0; i < n; i++) {
		assert_int_equal(out[i].source, Q53_SOURCE_DNS);
		assert_int_equal(out[i].ttl, 300);
		if (out[i].family == AF_INET)
			have4 = memcmp(out[i].addr, "\xc0\x00\x02\x04", 4) == 0;
		else
			have6 = out[i].family == AF_INET6 && out[i].addr[0] == 0x20 && out[i].addr[15] == 4;
	}
	assert_true(have4 && have6);
	assert_int_equal(q53_lookup_addrs(r, "www.dns.example", AF_INET, out, 8), 1);
	assert_int_equal(out[0].family, AF_INET);
	assert_int_equal(q53_lookup_addrs(r, "www.dns.example", AF_INET6, out, 8), 1);
	assert_int_equal(out[0].family, AF_INET6);
	/* A CNAME chain is followed; a record of another name in the answer is not taken. */
	assert_int_equal(q53_lookup_addrs(r, "alias.example", AF_INET, out, 8), 1);
	assert_memory_equal(out[0].addr, "\xc0\x00\x02\x04", 4);
	/* The hosts file, sorted by RFC 6724: ::1 (precedence 50) before 127.0.0.1 (35) when IPv6 works,
	 * although A is collected first. */
	n = q53_lookup_addrs(r, "dual.example", AF_UNSPEC, out, 8);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].source, Q53_SOURCE_HOSTS);
	if (ipv6_loopback()) {
		assert_int_equal(out[0].family, AF_INET6);
		assert_int_equal(out[1].family, AF_INET);
	} else {
		assert_int_equal(out[0].family, AF_INET);
	}
	/* A name the hosts file has only an IPv4 address for: the file answers for both families, as
	 * getaddrinfo() does, and DNS (which would give an AAAA for any name here) is not asked. A lookup of
	 * AAAA alone still goes on to DNS. */
	n = q53_lookup_addrs(r, "fileonly.example", AF_UNSPEC, out, 8);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].family, AF_INET);
	assert_int_equal(out[0].source, Q53_SOURCE_HOSTS);
	assert_int_equal(q53_lookup_addrs(r, "fileonly.example", AF_INET6, out, 8), Q53_ENOTFOUND);
	q53_result_t *res = NULL;
	assert_int_equal(q53_lookup(r, "fileonly.example", Q53_TYPE_AAAA, &res), 0);
	assert_int_equal(res->source, Q53_SOURCE_DNS);
	assert_int_equal(res->nanswer, 1);
	q53_result_free(res);
	/* Numeric addresses are their own answer. */
	assert_int_equal(q53_lookup_addrs(r, "192.0.2.55", AF_UNSPEC, out, 8), 1);
	assert_int_equal(out[0].family, AF_INET);
	assert_memory_equal(out[0].addr, "\xc0\x00\x02\x37", 4);
	assert_int_equal(q53_lookup_addrs(r, "2001:db8::9", AF_UNSPEC, out, 8), 1);
	assert_int_equal(out[0].family, AF_INET6);
	assert_int_equal(q53_lookup_addrs(r, "2001:db8::9", AF_INET, out, 8), Q53_ENOTFOUND);
	assert_int_equal(q53_lookup_addrs(r, "x", 12345, out, 8), Q53_EINVAL);
	q53_resolver_free(r);
	stop_child(pid);
	resp_close(&a);

	/* NXDOMAIN for both: not found; timeouts: Q53_ETIMEOUT. */
	resp_open(&a, 4, s_nx);
	pid = serve_in_child(&a);
	r = make(one, 1, 1000, 1, NULL, Q53_ORDER_DNS, NULL);
	assert_int_equal(q53_lookup_addrs(r, "none.example", AF_UNSPEC, out, 8), Q53_ENOTFOUND);
	q53_resolver_free(r);
	stop_child(pid);
	resp_close(&a);
	resp_open(&a, 4, s_drop);
	r = make(one, 1, 50, 1, NULL, Q53_ORDER_DNS, NULL);
	assert_int_equal(q53_lookup_addrs(r, "none.example", AF_UNSPEC, out, 8), Q53_ETIMEOUT);
	q53_resolver_free(r);
	resp_close(&a);
}

static void test_reverse_mx_srv(void **state)
{
	(void)state;
	struct resp a;
	resp_open(&a, 4, s_answer);
	pid_t pid = serve_in_child(&a);
	struct resp *one[] = {&a};
	q53_resolver_t *r = make(one, 1, 1000, 2, NULL, Q53_ORDER_FILES_DNS, hosts_file());
	q53_result_t *res;
	uint8_t target[Q53_NAME_MAX];
	/* Reverse from DNS. */
	assert_int_equal(q53_lookup_reverse(r, (const uint8_t *)"\xc0\x00\x02\x0a", 4, &res), 0);
	assert_int_equal(res->source, Q53_SOURCE_DNS);
	assert_memory_equal(res->qname,
			    "\2"
			    "10\1"
			    "2\1"
			    "0\3"
			    "192\7in-addr\4arpa",
			    25);
	assert_int_equal(res->nanswer, 1);
	assert_true(q53_rdata_name(&res->rr[0], target) > 0);
	assert_memory_equal(target, "\4host\7example", 14);
	q53_result_free(res);
	/* Reverse from the hosts file (IPv6). */
	uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x00};
	assert_int_equal(q53_lookup_reverse(r, v6, 16, &res), 0);
	assert_int_equal(res->source, Q53_SOURCE_HOSTS);
	assert_int_equal(res->nanswer, 1);
	assert_true(q53_rdata_name(&res->rr[0], target) > 0);
	assert_memory_equal(target, "\2v6\7example", 12);
	q53_result_free(res);
	assert_int_equal(q53_lookup_reverse(r, v6, 3, &res), Q53_EINVAL);
	/* MX by preference. */
	q53_mx_t mx[4];
	assert_int_equal(q53_lookup_mx(r, "mail.example", mx, 4), 3);
	assert_int_equal(mx[0].preference, 10);
	assert_memory_equal(mx[0].exchange, "\1a\2mx\7example", 14);
	assert_int_equal(mx[1].preference, 20);
	assert_int_equal(mx[2].preference, 30);
	assert_int_equal(q53_lookup_mx(r, "mail.example", mx, 2), 2);
	/* SRV by priority; within one, every target once. */
	q53_srv_t srv[8];
	for (int round = 0; round < 4; round++) {
		assert_int_equal(q53_lookup_srv(r, "_sip._udp.example", srv, 8), 5);
		unsigned ports1 = 0, ports2 = 0;
		for (int i = 0; i < 3; i++) {
			assert_int_equal(srv[i].priority, 1);
			ports1 |= 1u << (srv[i].port - 5060);
		}
		for (int i = 3; i < 5; i++) {
			assert_int_equal(srv[i].priority, 2);
			ports2 |= 1u << (srv[i].port - 5060);
		}
		assert_int_equal(ports1, (1u << 1) | (1u << 2) | (1u << 4));
		assert_int_equal(ports2, (1u << 0) | (1u << 3));
	}
	q53_resolver_free(r);
	stop_child(pid);
	resp_close(&a);
}

/* Whether nothing holds port on the loopback address of family af (a bind() there succeeds). */
static bool port_free(int af, uint16_t port)
{
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof ss);
	socklen_t len;
	if (af == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;
		a->sin_family = AF_INET;
		a->sin_port = htons(port);
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		len = sizeof *a;
	} else {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons(port);
		a->sin6_addr = in6addr_loopback;
		len = sizeof *a;
	}
	int fd = socket(af, SOCK_DGRAM, 0);
	assert_true(fd >= 0);
	bool ok = bind(fd, (struct sockaddr *)&ss, len) == 0;
	close(fd);
	return ok;
}

/* A port is given up without closing its socket (transport.c): the port is free at once, the next
 * query leaves from a new one on the same socket, and nothing that reached the old port is ever taken
 * for a reply on the new one. */
static void test_async_port_reuse(void **state)
{
	(void)state;
	struct resp a;
	struct resp *one[] = {&a};
	resp_open(&a, 1, s_answer);
	q53_resolver_t *r = make(one, 1, 1000, 1, NULL, Q53_ORDER_DNS, NULL);
	for (int i = 0; i < 4; i++) {
		q53_result_free(look(r, one, 1, "www.example", 3000));
		assert_int_equal(a.udp_queries, i + 1);
		assert_true(port_free(AF_INET, a.ports[i]));
		assert_int_equal(r->nspare, 1);
	}
	assert_true(distinct(a.ports, 4) >= 2);
	q53_resolver_free(r);
	resp_close(&a);

	/* A port per query. The reply, then 40 copies marked .66, all waiting before the resolver reads:
	 * its first read takes the reply and 31 copies (the rest of that read is for nobody), and the
	 * socket's port is given up with 9 copies still queued. */
	resp_open(&a, 0, s_many);
	a.bulk = calloc(2, sizeof *a.bulk);
	a.bulk_cap = 2;
	g_udp_max_queries = 1;
	r = make(one, 1, 30000, 1, NULL, Q53_ORDER_DNS, NULL);
	struct many_slot m[1];
	bool all = false;
	int left;
	start_many(r, m, 1, &all, &left);
	drive_until_quiet(r, &a);
	assert_int_equal(a.nbulk, 1);
	struct held h = a.bulk[0];
	send_to(a.udp, h.msg, h.len, &h.to);
	h.msg[h.len - 1] = 66;
	for (int i = 0; i < 40; i++)
		send_to(a.udp, h.msg, h.len, &h.to);
	drive(r, one, 1, &all, 5000);
	assert_true(all);
	assert_int_equal(m[0].got, 0);
	assert_int_equal(r->nspare, 1);
	/* The same lookup again, its ID forced to the first one's: it leaves from the same socket on a
	 * new port, and the 9 copies, had they been left queued, would match it in every way. */
	uint16_t id = a.ids[0];
	r->rnd[0] = (uint8_t)(id >> 8);
	r->rnd[1] = (uint8_t)id;
	r->rnd_left = 2;
	all = false;
	start_many(r, m, 1, &all, &left);
	drive_until_quiet(r, &a);
	assert_int_equal(a.nbulk, 2);
	assert_int_equal(a.ids[1], id);
	assert_int_not_equal(a.ports[1], a.ports[0]);
	assert_int_equal(r->nspare, 0);
	bool never = false;
	drive(r, one, 1, &never, 50);
	assert_int_equal(m[0].calls, 0);
	send_to(a.udp, a.bulk[1].msg, a.bulk[1].len, &a.bulk[1].to);
	drive(r, one, 1, &all, 5000);
	assert_true(all);
	assert_int_equal(m[0].calls, 1);
	assert_int_equal(m[0].got, 0);
	q53_resolver_free(r);
	free(a.bulk);
	resp_close(&a);

	/* IPv6: a query nobody answers, then another; the first one's port is free once it timed out. */
	if (!ipv6_loopback())
		return;
	int s6 = socket(AF_INET6, SOCK_DGRAM, 0);
	assert_true(s6 >= 0);
	struct sockaddr_in6 sa;
	memset(&sa, 0, sizeof sa);
	sa.sin6_family = AF_INET6;
	sa.sin6_addr = in6addr_loopback;
	assert_int_equal(bind(s6, (struct sockaddr *)&sa, sizeof sa), 0);
	socklen_t sl = sizeof sa;
	assert_int_equal(getsockname(s6, (struct sockaddr *)&sa, &sl), 0);
	char server[64];
	snprintf(server, sizeof server, "[::1]:%u", ntohs(sa.sin6_port));
	const char *servers[] = {server, NULL};
	q53_resolver_opts o;
	q53_resolver_opts_init(&o);
	o.resolv_conf = o.nsswitch = o.hosts = "";
	o.servers = servers;
	o.timeout_ms = 100;
	o.attempts = 1;
	o.order = Q53_ORDER_DNS;
	o.set_flags = Q53_RES_NOENV;
	assert_int_equal(q53_resolver_new(&o, &r), 0);
	uint16_t port6[2];
	for (int i = 0; i < 2; i++) {
		struct got g = {false, 0, NULL};
		assert_int_equal(q53_resolver_start(r, "www.example", Q53_TYPE_A, got_cb, &g, NULL), 0);
		struct resp *none[1];
		drive(r, none, 0, &g.done, 3000);
		assert_true(g.done);
		assert_int_equal(g.res->status, Q53_ETIMEOUT);
		q53_result_free(g.res);
		uint8_t q[512];
		struct sockaddr_in6 from;
		socklen_t fl = sizeof from;
		assert_true(recvfrom(s6, q, sizeof q, MSG_DONTWAIT, (struct sockaddr *)&from, &fl) > 0);
		port6[i] = ntohs(from.sin6_port);
		assert_true(port_free(AF_INET6, port6[i]));
		assert_int_equal(r->nspare, 1);
	}
	q53_resolver_free(r);
	close(s6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_async_answer),
	    cmocka_unit_test(test_async_drop_retry_failover),
	    cmocka_unit_test(test_async_timeout),
	    cmocka_unit_test(test_async_first_try_timeout),
	    cmocka_unit_test(test_async_delay),
	    cmocka_unit_test(test_async_spoof_dropped),
	    cmocka_unit_test(test_async_server_failures),
	    cmocka_unit_test(test_async_formerr_edns),
	    cmocka_unit_test(test_async_port_unreachable),
	    cmocka_unit_test(test_async_damaged_replies),
	    cmocka_unit_test(test_async_tc_tcp),
	    cmocka_unit_test(test_async_big_udp_reply),
	    cmocka_unit_test(test_async_sync_in_callback),
	    cmocka_unit_test(test_query_size),
	    cmocka_unit_test(test_async_search),
	    cmocka_unit_test(test_async_hosts_order),
	    cmocka_unit_test(test_async_localhost_idna),
	    cmocka_unit_test(test_async_cancel),
	    cmocka_unit_test(test_async_many_in_flight),
	    cmocka_unit_test(test_async_gso_batch),
	    cmocka_unit_test(test_async_source_ports),
	    cmocka_unit_test(test_async_cache),
	    cmocka_unit_test(test_async_reload),
	    cmocka_unit_test(test_async_trust_ad),
	    cmocka_unit_test(test_async_trust_ad_cache),
	    cmocka_unit_test(test_sync_lookup),
	    cmocka_unit_test(test_sync_trust_ad),
	    cmocka_unit_test(test_addrs),
	    cmocka_unit_test(test_reverse_mx_srv),
	    cmocka_unit_test(test_async_port_reuse),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	unlink(hosts_file());
	return rc;
}
