/*
 * transport.c: the resolver's sockets. UDP goes out on sockets connected to one server each: connect()
 * binds the socket to a random ephemeral port (RFC 5452 9.2: source port randomisation), the kernel then
 * drops datagrams from any other address, and send() skips the per-datagram route lookup of sendto(). A
 * port is given to at most udp_max_queries queries (c-ares's option of that name; 1 means a port per
 * query) and given up as soon as no query waits on it, so a port is open only while a reply is expected
 * and an attacker who finds one finds it for a few queries. Giving a port up does not close the socket:
 * connect(AF_UNSPEC) takes an automatically bound UDP socket out of the kernel's port table (Linux's
 * udp_disconnect(); epoll already makes this file Linux-only), whatever was queued is read away, and the
 * socket waits among a few spares, still in the epoll set, until the next connect() binds it to a new random
 * port. That costs a fifth of socket(), connect(), epoll_ctl() and close() (about 1.6 against 6.4-7.4 us
 * here).
 *
 * One TCP connection per server, opened when a reply is truncated (RFC 1035 4.2.2 framing) and reused for
 * the queries that follow (RFC 7766 6.2.1, pipelined). Every socket sits in the resolver's epoll set: the
 * application polls that one descriptor. What arrives is handed to q53_core_reply() with the address and
 * socket it came from; matching it to a query (socket, server, ID, question) is the core's job.
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "net.h"
#include "resolver_int.h"

bool q53_sockaddr_equal(const struct sockaddr *a, const struct sockaddr *b)
{
	if (a->sa_family != b->sa_family)
		return false;
	if (a->sa_family == AF_INET) {
		const struct sockaddr_in *x = (const struct sockaddr_in *)(const void *)a;
		const struct sockaddr_in *y = (const struct sockaddr_in *)(const void *)b;
		return x->sin_port == y->sin_port && x->sin_addr.s_addr == y->sin_addr.s_addr;
	}
	if (a->sa_family == AF_INET6) {
		const struct sockaddr_in6 *x = (const struct sockaddr_in6 *)(const void *)a;
		const struct sockaddr_in6 *y = (const struct sockaddr_in6 *)(const void *)b;
		return x->sin6_port == y->sin6_port &&
		       memcmp(&x->sin6_addr, &y->sin6_addr, sizeof x->sin6_addr) == 0;
	}
	return false;
}

static int ep_add(q53_resolver_t *r, int fd, uint32_t events, void *ptr)
{
	struct epoll_event ev;
	memset(&ev, 0, sizeof ev);
	ev.events = events;
	ev.data.ptr = ptr;
	return epoll_ctl(r->epfd, EPOLL_CTL_ADD, fd, &ev) < 0 ? Q53_ENETWORK : 0;
}

static int ep_mod(q53_resolver_t *r, int fd, uint32_t events, void *ptr)
{
	struct epoll_event ev;
	memset(&ev, 0, sizeof ev);
	ev.events = events;
	ev.data.ptr = ptr;
	return epoll_ctl(r->epfd, EPOLL_CTL_MOD, fd, &ev) < 0 ? Q53_ENETWORK : 0;
}

static void udp_close(q53_resolver_t *r, udp_sock_t *s)
{
	/* close() takes the descriptor out of the epoll set. The struct waits in the graveyard until the
	 * end of q53_resolver_process(): an event of the batch being handled may still point to it. */
	close(s->fd);
	s->fd = -1;
	s->next = r->udp_dead;
	r->udp_dead = s;
}

/* The receive buffer each socket needs: udp_max_queries replies of up to 1232 octets, each costing the
 * kernel about twice its size. The system's default (net.core.rmem_default, 208 KiB on Linux) is checked
 * once and only raised when smaller, which saves a system call per socket. */
static void udp_rcvbuf(q53_resolver_t *r, int fd)
{
	if (!r->rcvbuf_known) {
		r->rcvbuf_known = true;
		size_t need = (size_t)r->udp_max_queries * 2 * 2048;
		if (need > UDP_SOCK_RCVBUF)
			need = UDP_SOCK_RCVBUF;
		int have = 0;
		socklen_t hl = sizeof have;
		/* Linux reports the doubled value it uses. */
		if (getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &have, &hl) < 0 || (size_t)have < need)
			r->rcvbuf = (int)need;
	}
	if (r->rcvbuf > 0)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &r->rcvbuf, sizeof r->rcvbuf);
}

/* Gives s's port up and keeps the socket for a later one (see the file's comment), or closes it. Once
 * disconnected the socket is out of the kernel's port table, so nothing more can arrive on it; what
 * arrived before (a late duplicate, an ICMP error) is read away here, so that it is never taken for a
 * reply on the next port. */
static void udp_release(q53_resolver_t *r, udp_sock_t *s)
{
	static const struct sockaddr unspec = {.sa_family = AF_UNSPEC};
	if (r->freeing || r->nspare >= UDP_SPARE_MAX || connect(s->fd, &unspec, sizeof unspec) < 0) {
		udp_close(r, s);
		return;
	}
	uint8_t sink[1];
	for (int i = 0;; i++) {
		ssize_t n = recv(s->fd, sink, sizeof sink, MSG_DONTWAIT | MSG_TRUNC);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n < 0 && errno != EINTR && errno != ECONNREFUSED) {
			udp_close(r, s);
			return;
		}
		if (i == 4096) { /* far more than the buffer holds: something is wrong */
			udp_close(r, s);
			return;
		}
	}
	s->gen++;
	s->srv = NULL;
	s->retired = false;
	s->next = r->udp_spare;
	r->udp_spare = s;
	r->nspare++;
}

/* A spare socket of p's family connected to p: connect() takes a new random port. NULL when there is
 * none; a spare that cannot connect is closed. */
static udp_sock_t *udp_spare_get(q53_resolver_t *r, srv_pace_t *p)
{
	for (udp_sock_t **pp = &r->udp_spare; *pp != NULL; pp = &(*pp)->next) {
		udp_sock_t *s = *pp;
		if (s->family != p->sa.ss_family)
			continue;
		*pp = s->next;
		r->nspare--;
		if (connect(s->fd, (const struct sockaddr *)&p->sa, p->salen) < 0) {
			udp_close(r, s);
			return NULL;
		}
		return s;
	}
	return NULL;
}

udp_sock_t *q53_tr_udp_get(q53_resolver_t *r, srv_pace_t *p)
{
	udp_sock_t *s = p->cur;
	if (s != NULL && s->uses < r->udp_max_queries) {
		s->uses++;
		s->refs++;
		return s;
	}
	if (s != NULL) {
		/* Used up: it stays connected for the queries that hold it, and no new one gets it. */
		s->retired = true;
		p->cur = NULL;
		if (s->refs == 0)
			udp_release(r, s);
	}
	s = udp_spare_get(r, p);
	if (s == NULL) {
		s = calloc(1, sizeof *s);
		if (s == NULL)
			return NULL;
		s->kind = EV_UDP;
		s->family = p->sa.ss_family;
		int fd = socket(p->sa.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (fd < 0) {
			free(s);
			return NULL;
		}
		udp_rcvbuf(r, fd);
		/* UDP GSO (send_run()) came with Linux 4.18; an older kernel would ignore the option and
		 * send a run of queries as one datagram, so its absence is found before the first send. */
		if (!r->no_gso && !q53_net_gso_works(fd))
			r->no_gso = true;
		/* connect() binds the socket to a random ephemeral port (Linux picks it at random
		 * within ip_local_port_range), as the first sendto() of an unbound socket would. */
		if (connect(fd, (const struct sockaddr *)&p->sa, p->salen) < 0 ||
		    ep_add(r, fd, EPOLLIN, s) < 0) {
			close(fd);
			free(s);
			return NULL;
		}
		s->fd = fd;
	}
	s->srv = p;
	s->uses = 1;
	s->refs = 1;
	p->cur = s;
	return s;
}

void q53_tr_udp_put(q53_resolver_t *r, udp_sock_t *s)
{
	if (--s->refs > 0)
		return;
	/* No query waits on it: its port is given up even when it could take more, so that a port is
	 * open only while a reply is expected on it (nothing to find for a port scan between lookups,
	 * RFC 5452 9.2). */
	if (!s->retired && s->srv->cur == s)
		s->srv->cur = NULL;
	udp_release(r, s);
}

int q53_tr_udp_send(q53_resolver_t *r, udp_sock_t *s, const uint8_t *msg, size_t n)
{
	/* A full socket buffer (EAGAIN) loses this datagram as the network might: the retry timer covers
	 * it. Other errors (no route, an ICMP error of an earlier datagram) also wait for the timer, so
	 * that failover stays in one place. */
	if (!r->batching || n > UDP_QUERY_MAX) {
		(void)send(s->fd, msg, n, MSG_NOSIGNAL);
		return 0;
	}
	/* Inside q53_resolver_process(): the callbacks of one round start many lookups, whose queries go
	 * out together at its end (one system call per socket instead of one per query). The batch holds
	 * the socket, so a query cancelled meanwhile does not close it under the batch. */
	if (r->nout == UDP_SEND_BATCH)
		q53_tr_udp_flush(r, false);
	struct udp_out *o = &r->out[r->nout++];
	o->s = s;
	o->len = n;
	memcpy(o->msg, msg, n);
	s->refs++;
	return 0;
}

/*
 * Sends out[i..i + k), datagrams for one socket, in one sendmmsg() (more when the socket buffer takes them
 * in parts). Unless GSO is off, each run of one length (a shorter datagram may end it) goes as one message
 * with UDP GSO (net.h): a sixth to a third less CPU per query for the sender (bench/resolve.sh,
 * "q53, no GSO").
 * A route that cannot take it (no checksum offload: EIO) turns it off for this resolver, and the same
 * datagrams go again one by one.
 */
static void send_run(q53_resolver_t *r, udp_sock_t *s, size_t i, size_t k)
{
	struct mmsghdr one[UDP_SEND_BATCH], mm[UDP_SEND_BATCH];
	struct iovec iov[UDP_SEND_BATCH];
	q53_net_gso_ctl ctl[UDP_SEND_BATCH];
	size_t first[UDP_SEND_BATCH + 1];
	for (size_t j = 0; j < k; j++) {
		iov[j].iov_base = r->out[i + j].msg;
		iov[j].iov_len = r->out[i + j].len;
		memset(&one[j], 0, sizeof one[j]);
		one[j].msg_hdr.msg_iov = &iov[j];
		one[j].msg_hdr.msg_iovlen = 1;
	}
	bool gso = !r->no_gso && !(r->conf->flags & Q53_RES_NOGSO);
	size_t nm = q53_net_gso_group(one, k, gso ? UDP_QUERY_MAX : 0, mm, ctl, first);
	/* Invariant: mm[0..sent) were sent (or lost as the network might lose them). */
	for (size_t sent = 0; sent < nm;) {
		int rc = sendmmsg(s->fd, mm + sent, (unsigned)(nm - sent), MSG_NOSIGNAL);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break; /* the socket buffer is full: the rest is lost, their timers resend */
		/* EIO: no checksum offload on the route; EINVAL, EOPNOTSUPP: a kernel that refuses the
		 * segment size. ECONNREFUSED and the like are the socket's own news, as without GSO. */
		if (rc < 0 && mm[sent].msg_hdr.msg_control != NULL &&
		    (errno == EIO || errno == EINVAL || errno == EOPNOTSUPP)) {
			r->no_gso = true;
			send_run(r, s, i + first[sent], k - first[sent]);
			return;
		}
		/* Another error is the first message's: it is lost, the others still go. */
		sent += rc > 0 ? (size_t)rc : 1;
	}
}

void q53_tr_udp_flush(q53_resolver_t *r, bool drop)
{
	size_t n = r->nout;
	r->nout = 0;
	/* Invariant: out[0..i) were sent (or lost as the network might lose them). */
	for (size_t i = 0, k; i < n && !drop; i += k) {
		for (k = 1; i + k < n && r->out[i + k].s == r->out[i].s;)
			k++;
		send_run(r, r->out[i].s, i, k);
	}
	for (size_t i = 0; i < n; i++)
		q53_tr_udp_put(r, r->out[i].s);
}

void q53_tr_udp_read(q53_resolver_t *r, udp_sock_t *s)
{
	/* Invariant: got datagrams were read and handed on; stop at EAGAIN or the batch size so one busy
	 * socket does not starve timers and TCP. A reply may end the last query holding the socket: its
	 * port is given up then and the loop stops. */
	/* A reply should not exceed the EDNS size asked (RFC 6891 6.2.3): up to the slot size, the buffer
	 * is cut into slots and one recvmmsg() reads every datagram waiting, else one datagram per call. */
	bool slots = r->conf->edns_size <= UDP_RECV_SLOT;
	size_t slot = slots ? UDP_RECV_SLOT : sizeof r->buf;
	unsigned nslots = slots ? UDP_RECV_SLOTS : 1;
	struct mmsghdr mm[UDP_RECV_SLOTS];
	struct iovec iov[UDP_RECV_SLOTS];
	for (unsigned i = 0; i < nslots; i++) {
		iov[i].iov_base = r->buf + i * slot;
		iov[i].iov_len = slot;
		memset(&mm[i], 0, sizeof mm[i]);
		mm[i].msg_hdr.msg_iov = &iov[i];
		mm[i].msg_hdr.msg_iovlen = 1;
	}
	/* A spare has nothing to read (an event of this round may still name it). */
	if (s->srv == NULL)
		return;
	const unsigned gen = s->gen;
	for (int got = 0; got < UDP_RECV_BATCH && s->gen == gen && s->fd >= 0;) {
		/* Connected: the kernel delivers only datagrams from the server's address and port. */
		int n = recvmmsg(s->fd, mm, nslots, MSG_DONTWAIT, NULL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return;
			/* An ICMP error of an earlier datagram (connected sockets get them): port
			 * unreachable means nobody serves there, so its queries move on at once; read on in
			 * case replies wait behind it. */
			if (errno == ECONNREFUSED)
				q53_core_refused(r, s);
			got++;
			continue;
		}
		/* A reply may end the last query holding the socket: its port is given up then (a new
		 * generation, or fd -1 once closed), and what else was read on it is for nobody. */
		for (int i = 0; i < n && s->gen == gen && s->fd >= 0; i++) {
			uint8_t *m = iov[i].iov_base;
			size_t len = mm[i].msg_len;
			if (mm[i].msg_hdr.msg_flags & MSG_TRUNC) {
				/* Bigger than the slot, so cut: marked truncated (TC), the query is asked
				 * again over TCP as for any reply that does not fit (RFC 7766 5). */
				len = slot;
				if (len > 2)
					m[2] |= Q53_FLAG_TC >> 8;
			}
			q53_core_reply(r, (const struct sockaddr *)&s->srv->sa, s, NULL, m, len);
		}
		got += n;
		if ((unsigned)n < nslots)
			return; /* drained: epoll reports the socket again when more arrives */
	}
}

static int grow(uint8_t **buf, size_t *cap, size_t need)
{
	if (need <= *cap)
		return 0;
	size_t nc = *cap != 0 ? *cap : 1024;
	while (nc < need)
		nc *= 2;
	uint8_t *nb = realloc(*buf, nc);
	if (nb == NULL)
		return Q53_ENOMEM;
	*buf = nb;
	*cap = nc;
	return 0;
}

static void conn_kill(q53_resolver_t *r, tcp_conn_t *c)
{
	if (c->dead)
		return;
	c->dead = true;
	epoll_ctl(r->epfd, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
	c->fd = -1;
	/* Off the live list; freed at the end of q53_resolver_process(), as epoll may still hold an
	 * event that points to it in the batch being handled. */
	for (tcp_conn_t **pp = &r->conns; *pp != NULL; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	c->next = r->graveyard;
	r->graveyard = c;
	/* Every query waiting on it moves on to its next server. They hold IDs (name_release() detaches
	 * before dropping one), so they are found by a walk of the IDs: a connection dies rarely, and no
	 * query carries links for it. Moving one on may move IDs in the table, so each walk starts over
	 * (there is no allocation to fail here). */
	while (c->nwaiting > 0) {
		q53_query_t *q = NULL;
		for (size_t i = 0; i < r->ids_cap && q == NULL; i++)
			if (r->ids[i] != NULL && r->ids[i]->conn == c)
				q = r->ids[i];
		if (q == NULL)
			break; /* cannot happen: nwaiting counts queries with IDs */
		q53_tr_tcp_detach(q);
		q53_core_conn_failed(r, q);
	}
}

/* Writes what is queued; asks for EPOLLOUT while something is left. */
static void conn_flush(q53_resolver_t *r, tcp_conn_t *c)
{
	while (c->out_off < c->out_len) {
		ssize_t n = send(c->fd, c->out + c->out_off, c->out_len - c->out_off, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			conn_kill(r, c);
			return;
		}
		c->out_off += (size_t)n;
	}
	if (c->out_off == c->out_len)
		c->out_off = c->out_len = 0;
	bool want = c->out_len > 0;
	if (want != c->want_out) {
		c->want_out = want;
		if (ep_mod(r, c->fd, EPOLLIN | (want ? EPOLLOUT : 0u), c) < 0)
			conn_kill(r, c);
	}
}

int q53_tr_tcp_send(q53_resolver_t *r, q53_query_t *q, const struct sockaddr *sa, socklen_t len,
		    const uint8_t *msg, size_t n)
{
	tcp_conn_t *c = r->conns;
	while (c != NULL && !q53_sockaddr_equal((const struct sockaddr *)&c->sa, sa))
		c = c->next;
	if (c == NULL) {
		c = calloc(1, sizeof *c);
		if (c == NULL)
			return Q53_ENOMEM;
		c->kind = EV_TCP;
		memcpy(&c->sa, sa, len);
		c->salen = len;
		if (q53_net_tcp_connect(sa, len, &c->fd, NULL, 0) < 0) {
			free(c);
			return Q53_ENETWORK;
		}
		c->want_out = true;
		if (ep_add(r, c->fd, EPOLLIN | EPOLLOUT, c) < 0) {
			close(c->fd);
			free(c);
			return Q53_ENETWORK;
		}
		c->next = r->conns;
		r->conns = c;
	}
	if (grow(&c->out, &c->out_cap, c->out_len + 2 + n) < 0)
		return Q53_ENOMEM;
	q53_net_frame_put(c->out + c->out_len, n);
	memcpy(c->out + c->out_len + 2, msg, n);
	c->out_len += 2 + n;
	/* Written when epoll says the socket is writable, never from here: a write error would move
	 * queries on to other servers in the middle of this caller's own step. */
	if (!c->want_out) {
		if (ep_mod(r, c->fd, EPOLLIN | EPOLLOUT, c) < 0)
			return Q53_ENETWORK;
		c->want_out = true;
	}
	q->conn = c;
	c->nwaiting++;
	return 0;
}

void q53_tr_tcp_detach(q53_query_t *q)
{
	tcp_conn_t *c = q->conn;
	if (c == NULL)
		return;
	q->conn = NULL;
	if (--c->nwaiting == 0)
		c->idle_since = q53_now_ms();
}

void q53_tr_tcp_event(q53_resolver_t *r, tcp_conn_t *c, uint32_t events)
{
	if (c->dead)
		return;
	if (!c->connected && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
		int err = 0;
		socklen_t el = sizeof err;
		if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &el) < 0 || err != 0) {
			conn_kill(r, c);
			return;
		}
		c->connected = true;
	}
	if (c->connected && (events & EPOLLOUT))
		conn_flush(r, c);
	if (c->dead || !(events & (EPOLLIN | EPOLLERR | EPOLLHUP)))
		return;
	for (;;) {
		if (grow(&c->in, &c->in_cap, c->in_len + 4096) < 0) {
			conn_kill(r, c);
			return;
		}
		ssize_t n = recv(c->fd, c->in + c->in_len, c->in_cap - c->in_len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0) {
			/* The server closed (RFC 7766 6.2.3 lets it) or the connection broke. */
			conn_kill(r, c);
			return;
		}
		c->in_len += (size_t)n;
		const uint8_t *m;
		size_t mlen, used, off = 0;
		/* Invariant: in[0..off) held whole messages, all handed to the core. */
		while (q53_net_frame_next(c->in + off, c->in_len - off, &m, &mlen, &used) == 1) {
			q53_core_reply(r, (const struct sockaddr *)&c->sa, NULL, c, m, mlen);
			off += used;
			if (c->dead)
				return;
		}
		memmove(c->in, c->in + off, c->in_len - off);
		c->in_len -= off;
	}
}

void q53_tr_reap(q53_resolver_t *r, uint64_t now)
{
	tcp_conn_t *c = r->conns;
	while (c != NULL) {
		tcp_conn_t *next = c->next;
		if (c->nwaiting == 0 && c->out_len == 0 && now - c->idle_since >= TCP_IDLE_MS)
			conn_kill(r, c);
		c = next;
	}
	/* A nested q53_resolver_process() (a sync lookup in a callback) frees nothing: the outer round's
	 * events may point to what was closed. */
	if (r->depth > 1)
		return;
	while (r->graveyard != NULL) {
		tcp_conn_t *g = r->graveyard;
		r->graveyard = g->next;
		free(g->out);
		free(g->in);
		free(g);
	}
	while (r->udp_dead != NULL) {
		udp_sock_t *u = r->udp_dead;
		r->udp_dead = u->next;
		free(u);
	}
}

void q53_tr_close_all(q53_resolver_t *r)
{
	while (r->conns != NULL) {
		tcp_conn_t *c = r->conns;
		/* Queries are gone already: nothing waits. */
		c->nwaiting = 0;
		conn_kill(r, c);
	}
	/* Queries are gone already and have put their sockets back (freeing: closed, not kept): only
	 * the current ones and the spares are open. */
	for (srv_pace_t *p = r->pace; p != NULL; p = p->next)
		if (p->cur != NULL) {
			udp_close(r, p->cur);
			p->cur = NULL;
		}
	while (r->udp_spare != NULL) {
		udp_sock_t *s = r->udp_spare;
		r->udp_spare = s->next;
		udp_close(r, s);
	}
	r->nspare = 0;
	q53_tr_reap(r, 0);
}
