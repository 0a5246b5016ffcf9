/*
 * sync.c: the blocking API, built on the async core so that both behave the same: q53_lookup() starts a
 * lookup and runs poll() on the resolver's one descriptor, with q53_resolver_timeout() as the poll
 * timeout, until that lookup's callback has run. A sync caller thus gets the same retries, failover, TCP
 * fallback and anti-spoofing checks (RFC 5452) as an event loop.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdbool.h>

#include "resolver_int.h"

struct sync_slot {
	bool done;
	q53_result_t *res;
};

static void sync_cb(q53_result_t *res, void *arg)
{
	struct sync_slot *s = arg;
	s->res = res;
	s->done = true;
}

int q53_lookup(q53_resolver_t *r, const char *name, uint16_t type, q53_result_t **out)
{
	struct sync_slot slot = {false, NULL};
	q53_query_t *q;
	if (out == NULL)
		return Q53_EINVAL;
	int rc = q53_resolver_start(r, name, type, sync_cb, &slot, &q);
	if (rc < 0)
		return rc;
	/* Invariant: the lookup's callback has not run yet, so it is still in flight or queued. */
	while (!slot.done) {
		/* Started from a callback, the query waits in the round's batch: out before waiting. */
		q53_tr_udp_flush(r, false);
		struct pollfd p = {q53_resolver_fd(r), POLLIN, 0};
		int t = q53_resolver_timeout(r);
		if (t != 0 && poll(&p, 1, t) < 0 && errno != EINTR) {
			q53_query_cancel(q);
			return Q53_ENETWORK;
		}
		if (q53_resolver_process(r) < 0 && !slot.done) {
			q53_query_cancel(q);
			return Q53_ENETWORK;
		}
	}
	if (slot.res == NULL)
		return Q53_ENOMEM;
	*out = slot.res;
	return 0;
}
