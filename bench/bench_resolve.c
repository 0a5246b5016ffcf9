/*
 * bench_resolve: libq53's async API next to c-ares resolving many names against one local server, with a
 * fixed number of lookups in flight (a new one starts from each callback), as an event-loop application
 * uses them. Prints one line per run: lookups per second, CPU per lookup (this process: user + system),
 * lookups answered, failed, and the heap bytes each lookup in flight holds (mallinfo2 before and after
 * starting them, before any is sent back).
 *
 *   bench_resolve q53|q53-nogso|cares SERVER:PORT NAMES INFLIGHT [UDP_MAX_QUERIES [UDP_INFLIGHT]]
 *
 * q53-nogso is libq53 with Q53_RES_NOGSO: every query handed to the kernel as a datagram of its own.
 *
 * Names are n<i>.example. (absolute: no search list), type A; every one is different, so the server does
 * the same work for both libraries. Both libraries get the server explicitly: c-ares reads
 * /etc/resolv.conf at init but its server list is replaced before any query is sent; libq53 reads no
 * system file at all here. Lookups are parsed to addresses in the callback by each library's own parser.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <malloc.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <time.h>

#include "q53/q53.h"

#ifdef HAVE_CARES
#include <ares.h>
#endif

static long total, started, answered, failed, outstanding;
static unsigned long sum_octets; /* keeps the parsed addresses live */

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_s(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static size_t heap_used(void)
{
	struct mallinfo2 mi = mallinfo2();
	return mi.uordblks + mi.hblkhd;
}

/* "n<i>.example." into buf (at least 32 octets). Not snprintf(): at about 800 instructions a call it was
 * 17% of libq53's user-space instructions per lookup, harness cost that both libraries paid alike and
 * that only blurred the comparison. */
static void name_of(long i, char *buf)
{
	char digits[24];
	size_t n = 0;
	unsigned long v = (unsigned long)i;
	do
		digits[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	char *p = buf;
	*p++ = 'n';
	while (n > 0)
		*p++ = digits[--n];
	memcpy(p, ".example.", sizeof ".example.");
}

/* ---- libq53 ---- */

static q53_resolver_t *qr;

static void q53_done(q53_result_t *res, void *arg);

static void q53_next(void)
{
	char name[64];
	name_of(started++, name);
	outstanding++;
	if (q53_resolver_start(qr, name, Q53_TYPE_A, q53_done, NULL, NULL) < 0) {
		outstanding--;
		failed++;
	}
}

static void q53_done(q53_result_t *res, void *arg)
{
	(void)arg;
	outstanding--;
	uint8_t a[4];
	if (res != NULL && res->status == Q53_OK && res->nanswer > 0 && q53_rdata_a(&res->rr[0], a) == 0) {
		answered++;
		sum_octets += a[3];
	} else {
		failed++;
	}
	q53_result_free(res);
	if (started < total)
		q53_next();
}

static int run_q53(const char *server, long inflight, unsigned max_queries, unsigned udp_inflight,
		   unsigned flags, double *per_query)
{
	const char *servers[] = {server, NULL};
	static const char *const nosearch[] = {NULL};
	q53_resolver_opts o;
	q53_resolver_opts_init(&o);
	o.resolv_conf = "";
	o.hosts = "";
	o.nsswitch = "";
	o.servers = servers;
	o.search = nosearch;
	o.order = Q53_ORDER_DNS;
	o.set_flags = Q53_RES_NOENV | flags;
	o.timeout_ms = 2000; /* c-ares's default */
	o.attempts = 3;
	o.udp_max_queries = max_queries;
	o.udp_inflight = udp_inflight;
	int rc = q53_resolver_new(&o, &qr);
	if (rc < 0) {
		fprintf(stderr, "q53_resolver_new: %s\n", q53_strerror(rc));
		return 1;
	}
	size_t h0 = heap_used();
	for (long i = 0; i < inflight && started < total; i++)
		q53_next();
	*per_query = (double)(heap_used() - h0) / (double)inflight;
	while (outstanding > 0) {
		struct pollfd p = {q53_resolver_fd(qr), POLLIN, 0};
		int t = q53_resolver_timeout(qr);
		if (t != 0 && poll(&p, 1, t) < 0 && errno != EINTR)
			return 1;
		if (q53_resolver_process(qr) < 0)
			return 1;
	}
	q53_resolver_free(qr);
	return 0;
}

/* ---- c-ares ---- */

#ifdef HAVE_CARES
static ares_channel ch;
static int cares_ep;

static void cares_sock(void *data, ares_socket_t fd, int readable, int writable)
{
	(void)data;
	struct epoll_event ev;
	memset(&ev, 0, sizeof ev);
	ev.data.fd = fd;
	ev.events = (readable ? EPOLLIN : 0u) | (writable ? EPOLLOUT : 0u);
	if (!readable && !writable) {
		epoll_ctl(cares_ep, EPOLL_CTL_DEL, fd, NULL);
		return;
	}
	if (epoll_ctl(cares_ep, EPOLL_CTL_MOD, fd, &ev) < 0)
		epoll_ctl(cares_ep, EPOLL_CTL_ADD, fd, &ev);
}

static void cares_done(void *arg, int status, int timeouts, unsigned char *abuf, int alen);

static void cares_next(void)
{
	char name[64];
	name_of(started++, name);
	outstanding++;
	ares_query(ch, name, 1 /* C_IN */, 1 /* T_A */, cares_done, NULL);
}

static void cares_done(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	(void)arg, (void)timeouts;
	outstanding--;
	struct ares_addrttl at[4];
	int n = 4;
	if (status == ARES_SUCCESS && ares_parse_a_reply(abuf, alen, NULL, at, &n) == ARES_SUCCESS && n > 0) {
		answered++;
		sum_octets += ((const uint8_t *)&at[0].ipaddr)[3];
	} else {
		failed++;
	}
	if (started < total && status != ARES_EDESTRUCTION)
		cares_next();
}

static int run_cares(const char *server, long inflight, double *per_query)
{
	cares_ep = epoll_create1(EPOLL_CLOEXEC);
	if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS)
		return 1;
	struct ares_options o;
	memset(&o, 0, sizeof o);
	struct in_addr lo;
	inet_pton(AF_INET, "127.0.0.1", &lo);
	/* Loopback from the start, DNS only ("b": no hosts file), no search domains, EDNS as libq53. */
	o.servers = &lo;
	o.nservers = 1;
	char lookups[] = "b";
	o.lookups = lookups;
	o.ndomains = 0;
	o.domains = NULL;
	o.flags = ARES_FLAG_EDNS | ARES_FLAG_NOSEARCH;
	o.ednspsz = 1232;
	o.sock_state_cb = cares_sock;
	o.sock_state_cb_data = NULL;
	int mask = ARES_OPT_SERVERS | ARES_OPT_LOOKUPS | ARES_OPT_DOMAINS | ARES_OPT_FLAGS |
		   ARES_OPT_EDNSPSZ | ARES_OPT_SOCK_STATE_CB;
	if (ares_init_options(&ch, &o, mask) != ARES_SUCCESS)
		return 1;
	if (ares_set_servers_ports_csv(ch, server) != ARES_SUCCESS) {
		fprintf(stderr, "c-ares: bad server %s\n", server);
		return 1;
	}
	size_t h0 = heap_used();
	for (long i = 0; i < inflight && started < total; i++)
		cares_next();
	*per_query = (double)(heap_used() - h0) / (double)inflight;
	while (outstanding > 0) {
		struct epoll_event ev[64];
		struct timeval tv, *tvp = ares_timeout(ch, NULL, &tv);
		int t = tvp == NULL ? 1000 : (int)(tvp->tv_sec * 1000 + tvp->tv_usec / 1000);
		int n = epoll_wait(cares_ep, ev, 64, t);
		if (n < 0 && errno != EINTR)
			return 1;
		for (int i = 0; i < n; i++)
			ares_process_fd(ch,
					(ev[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) ? ev[i].data.fd
											 : ARES_SOCKET_BAD,
					(ev[i].events & EPOLLOUT) ? ev[i].data.fd : ARES_SOCKET_BAD);
		if (n <= 0)
			ares_process_fd(ch, ARES_SOCKET_BAD, ARES_SOCKET_BAD); /* timeouts */
	}
	ares_destroy(ch);
	ares_library_cleanup();
	return 0;
}
#endif

int main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(
		    stderr,
		    "usage: bench_resolve q53|q53-nogso|cares SERVER:PORT NAMES INFLIGHT [UDP_MAX_QUERIES "
		    "[UDP_INFLIGHT]]\n");
		return 2;
	}
	const char *lib = argv[1], *server = argv[2];
	total = atol(argv[3]);
	long inflight = atol(argv[4]);
	unsigned maxq = argc > 5 ? (unsigned)atoi(argv[5]) : 0;
	unsigned udpin = argc > 6 ? (unsigned)atoi(argv[6]) : 0;
	if (total <= 0 || inflight <= 0)
		return 2;
	double per_query = 0, t0 = now_s(), c0 = cpu_s();
	int rc;
	if (strcmp(lib, "q53") == 0 || strcmp(lib, "q53-nogso") == 0) {
		rc = run_q53(server, inflight, maxq, udpin, strcmp(lib, "q53-nogso") == 0 ? Q53_RES_NOGSO : 0,
			     &per_query);
	} else if (strcmp(lib, "cares") == 0) {
#ifdef HAVE_CARES
		rc = run_cares(server, inflight, &per_query);
#else
		fprintf(stderr, "bench_resolve: built without c-ares\n");
		return 2;
#endif
	} else {
		return 2;
	}
	double wall = now_s() - t0, cpu = cpu_s() - c0;
	printf("%s inflight=%ld lookups=%ld answered=%ld failed=%ld wall=%.3f s rate=%.0f/s cpu_us=%.2f "
	       "heap_per_inflight=%.0f B\n",
	       lib, inflight, total, answered, failed, wall, (double)answered / wall,
	       cpu * 1e6 / (double)(answered + failed), per_query);
	return rc != 0 || sum_octets == (unsigned long)-1;
}
