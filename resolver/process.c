/*
 * process.c: one round of the resolver, q53_resolver_process(): the replies that arrived (epoll on the one
 * descriptor the application polls), the timers, and the callbacks. It is its own file because it is the
 * only code of the async core that calls the application: libq53 is built without unwind tables except
 * in the files whose frames lie between a callback and the application (lib/Makefile.inc), so this file,
 * sync.c and addrs.c keep them and a C++ exception or a backtrace from a callback still crosses libq53.
 *
 * Replies are read per socket (recvmmsg in transport.c), and the callbacks of the lookups they finish run
 * before the next socket is read, their new queries sent together (sendmmsg): the server works on them
 * while the round goes on, as with c-ares's send per callback, at one system call per socket.
 */
#include "config.h"

#include <sys/epoll.h>

#include "resolver_int.h"

/* Calls the callbacks of the lookups finished so far. Only those queued now are delivered, so a callback
 * that starts a lookup answered at once does not keep this loop going forever. Returns the count. */
static int deliver(q53_resolver_t *r)
{
	int rc = 0;
	/* A callback may take its time: lookups it starts read the clock again. */
	r->in_process = false;
	q53_query_t *last = r->done_tail;
	while (r->done_head != NULL) {
		q53_query_t *q = r->done_head;
		r->done_head = q->next;
		if (r->done_head == NULL)
			r->done_tail = NULL;
		q->next = NULL;
		q53_result_t *res = q->result;
		q->result = NULL;
		bool was_last = q == last;
		if (!q->cancelled) {
			r->pending--;
			/* Cancelling a lookup from its own callback is then a no-op. */
			q->cancelled = true;
			q->cb(res, q->arg);
			rc++;
		} else {
			q53_result_free(res);
		}
		q53_core_query_free(q);
		if (was_last)
			break;
	}
	return rc;
}

int q53_resolver_process(q53_resolver_t *r)
{
	struct epoll_event ev[64];
	int n, rc = 0;
	r->now = q53_now_ms();
	r->in_process = true;
	/* Datagrams wait for the end of a step (nested rounds, from a sync lookup in a callback, keep the
	 * outer round's batching). Sockets and connections closed meanwhile are freed by the outermost
	 * round only: events of its batch may still point to them. */
	bool batching = r->batching;
	r->batching = true;
	r->depth++;
	/* Invariant: the events of earlier batches were handled; a full batch may mean more are ready. */
	do {
		n = epoll_wait(r->epfd, ev, 64, 0);
		if (n < 0)
			break;
		for (int i = 0; i < n; i++) {
			int kind = *(int *)ev[i].data.ptr;
			if (kind == EV_UDP)
				q53_tr_udp_read(r, ev[i].data.ptr);
			else
				q53_tr_tcp_event(r, ev[i].data.ptr, ev[i].events);
			/* The replies of one socket are answered before the next socket is read. */
			if (r->done_head != NULL) {
				rc += deliver(r);
				r->now = q53_now_ms();
				r->in_process = true;
			}
		}
		/* The lookups the callbacks of a batch of events started go out together: fewer, fuller
		 * sendmmsg() calls, and the server reads them in fewer, fuller batches too (bench/resolve.sh:
		 * about 10% less server CPU per lookup than with a flush after each socket). */
		q53_tr_udp_flush(r, false);
	} while (n == 64);
	uint64_t now = r->now = q53_now_ms();
	r->in_process = true;
	q53_core_timers(r, now);
	q53_tr_reap(r, now);
	/* Callbacks last: they may start or cancel lookups. */
	rc += deliver(r);
	q53_tr_udp_flush(r, false);
	r->batching = batching;
	r->depth--;
	return n < 0 ? Q53_ENETWORK : rc;
}
