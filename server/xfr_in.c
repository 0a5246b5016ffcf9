/*
 * xfr_in.c: q53d as a secondary. Per zone: an SOA query over UDP (RFC 1034 4.3.5) every refresh seconds,
 * every retry seconds after a failure, at once on a NOTIFY from the primary (RFC 1996 3.11); a transfer
 * over TCP when the primary's serial is newer by RFC 1982: IXFR (RFC 1995) with our SOA when we hold a
 * copy, AXFR (RFC 5936) otherwise; every message checked (ID, QR, rcode, TSIG per RFC 8945 5.3.1 when
 * the zone has a key). An IXFR answer is either the condensed differences, applied to our copy in order,
 * or the whole zone in AXFR form (RFC 1995 4). The copy is written as a master file next to the other
 * secondaries (temporary file, fsync, rename: a crash leaves the old or the new file, never half of one),
 * then the server is asked to reload. `expire` seconds without a good refresh and the copy is set aside:
 * the zone is no longer served (RFC 1034 4.3.5).
 *
 * Non-goals: several primaries per zone, IXFR over UDP, keeping the journal of a secondary zone for our
 * own secondaries (they get the differences q53d computes on reload, like any zone's).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "net.h"
#include "q53/msg.h"
#include "q53/name.h"
#include "q53/print.h"
#include "xfr_in.h"
#include "xfr_rr.h"
#include "zone.h"

enum {
	SOA_TRIES = 3,
	SOA_WAIT_MS = 2000,
	XFR_WAIT_MS = 10000, /* per read of a transfer: a primary that stalls this long has failed */
	/* A primary that never closes its transfer must not take all our memory: 1 GiB of records. */
	XFR_MAX_OCTETS = 1 << 30,
	MIN_TIMER = 1, /* seconds: SOA timers of 0 would spin */
	LOG_ERR = 3,
	LOG_WARNING = 4,
	LOG_INFO = 6,
};

/* ---- Zones --------------------------------------------------------------------------------------- */

typedef struct szone {
	uint8_t apex[Q53_NAME_MAX];
	char name[Q53_NAME_TEXT_MAX];
	struct sockaddr_storage primary;
	socklen_t plen;
	const q53_tsig_key_t *key;
	bool have;	  /* a copy is held (and served) */
	q53_rrbuf_t rrs;  /* the copy: the SOA first */
	uint32_t soa[5];  /* serial, refresh, retry, expire, minimum of the copy */
	uint64_t next_ms; /* next SOA check */
	uint64_t expire_ms;
	bool notified;
} szone;

struct q53_xfr_in {
	q53_xfr_in_log_fn log;
	void *log_ctx;
	q53_xfr_in_reload_fn reload;
	void *reload_ctx;
	char *dir;
	szone *z;
	size_t n;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t tid;
	bool running, stopping;
};

/* One log line through the configured function (xfr_rr.c). */
#define say(o, level, ...) q53_xfr_log((o)->log, (o)->log_ctx, level, __VA_ARGS__)

q53_xfr_in_t *q53_xfr_in_new(q53_xfr_in_log_fn log, void *log_ctx)
{
	q53_xfr_in_t *in = calloc(1, sizeof *in);
	if (in == NULL)
		return NULL;
	in->log = log;
	in->log_ctx = log_ctx;
	pthread_mutex_init(&in->lock, NULL);
	pthread_cond_init(&in->wake, NULL);
	return in;
}

int q53_xfr_in_set_dir(q53_xfr_in_t *in, const char *dir)
{
	char *d = strdup(dir);
	if (d == NULL)
		return Q53_ENOMEM;
	free(in->dir);
	in->dir = d;
	return 0;
}

const char *q53_xfr_in_dir(const q53_xfr_in_t *in)
{
	return in->dir;
}

int q53_xfr_in_add(q53_xfr_in_t *in, const uint8_t *apex, const struct sockaddr_storage *primary,
		   socklen_t len, const q53_tsig_key_t *key)
{
	for (size_t i = 0; i < in->n; i++)
		if (q53_name_equal(in->z[i].apex, apex))
			return Q53_EINVAL;
	szone *v = realloc(in->z, (in->n + 1) * sizeof *v);
	if (v == NULL)
		return Q53_ENOMEM;
	in->z = v;
	szone *z = &v[in->n++];
	memset(z, 0, sizeof *z);
	memcpy(z->apex, apex, q53_name_len(apex));
	q53_name_to_text(apex, z->name, sizeof z->name);
	z->primary = *primary;
	z->plen = len;
	z->key = key;
	return 0;
}

size_t q53_xfr_in_count(const q53_xfr_in_t *in)
{
	return in == NULL ? 0 : in->n;
}

void q53_xfr_in_on_reload(q53_xfr_in_t *in, q53_xfr_in_reload_fn fn, void *ctx)
{
	in->reload = fn;
	in->reload_ctx = ctx;
}

/* DIR/example.com.zone: the name q53d's zone directory scan turns back into the origin. */
static void zone_path(const q53_xfr_in_t *in, const szone *z, const char *prefix, const char *suffix,
		      char *out, size_t size)
{
	size_t n = strlen(z->name);
	int len = n > 1 ? (int)n - 1 : (int)n; /* without the trailing dot (the root keeps it) */
	snprintf(out, size, "%s/%s%.*s.zone%s", in->dir, prefix, len, z->name, suffix);
}

/* ---- The copy on disk ---------------------------------------------------------------------------- */

typedef struct walk_ctx {
	q53_rrbuf_t *b;
	const uint8_t *apex;
	bool soa;
} walk_ctx;

static int walk_soa(const uint8_t *owner, const q53_rrset_t *set, void *ctx)
{
	walk_ctx *w = ctx;
	if (set->type != Q53_TYPE_SOA || !q53_name_equal(owner, w->apex) || w->soa)
		return 0;
	size_t pos = 0;
	const uint8_t *rd;
	uint16_t len;
	if (q53_rrset_next(set, &pos, &rd, &len) == 1) {
		q53_flat_rr_t r = {owner, Q53_TYPE_SOA, set->ttl, len, rd};
		q53_rrbuf_rr(w->b, &r);
		w->soa = true;
	}
	return 0;
}

static int walk_rest(const uint8_t *owner, const q53_rrset_t *set, void *ctx)
{
	walk_ctx *w = ctx;
	if (set->type == Q53_TYPE_SOA && q53_name_equal(owner, w->apex))
		return 0;
	size_t pos = 0;
	const uint8_t *rd;
	uint16_t len;
	while (q53_rrset_next(set, &pos, &rd, &len) == 1) {
		q53_flat_rr_t r = {owner, set->type, set->ttl, len, rd};
		q53_rrbuf_rr(w->b, &r);
	}
	return 0;
}

static void diag_quiet(const q53_diag_t *d, void *ctx)
{
	(void)d;
	(void)ctx;
}

/* Reads the copy left by an earlier run, so the zone is served (and IXFR asked) from its serial. */
static void load_copy(q53_xfr_in_t *in, szone *z)
{
	char path[4096];
	zone_path(in, z, "", "", path, sizeof path);
	q53_zone_t *zone = NULL;
	if (access(path, R_OK) != 0 || q53_zone_load(path, z->apex, diag_quiet, NULL, &zone) != 0 ||
	    zone == NULL)
		return;
	q53_rrbuf_t b = {0};
	walk_ctx w = {&b, z->apex, false};
	q53_zone_walk(zone, walk_soa, &w);
	q53_zone_walk(zone, walk_rest, &w);
	q53_zone_free(zone);
	size_t pos = 0;
	q53_flat_rr_t r;
	if (b.failed || !w.soa || q53_rrbuf_next(&b, &pos, &r) != 1 || !q53_flat_soa(&r, z->soa)) {
		free(b.p);
		return;
	}
	z->rrs = b;
	z->have = true;
	say(in, LOG_INFO, "zone %s: secondary copy of serial %u read from %s", z->name, z->soa[0], path);
}

/* Writes the copy as a master file: temporary file, fsync, rename (atomic on one file system). */
static int write_copy(q53_xfr_in_t *in, szone *z)
{
	char tmp[4096], path[4096];
	zone_path(in, z, ".", ".tmp", tmp, sizeof tmp);
	zone_path(in, z, "", "", path, sizeof path);
	FILE *f = fopen(tmp, "w");
	if (f == NULL) {
		say(in, LOG_ERR, "zone %s: cannot write %s: %s", z->name, tmp, strerror(errno));
		return Q53_EIO;
	}
	fprintf(f, "; secondary copy of %s, serial %u, written by q53d from %s\n", z->name, z->soa[0],
		"its primary");
	size_t pos = 0;
	q53_flat_rr_t r;
	char owner[Q53_NAME_TEXT_MAX], type[32], *rd = malloc(65536 * 4 + 64);
	bool ok = rd != NULL;
	/* Invariant: every record before pos is written as one line "owner ttl IN type rdata". */
	while (ok && q53_rrbuf_next(&z->rrs, &pos, &r) == 1) {
		q53_rr_t v;
		q53_rr_view(&v, r.type, r.rdata, r.rdlen);
		q53_name_to_text(r.owner, owner, sizeof owner);
		q53_type_to_text(r.type, type, sizeof type);
		int n = q53_rdata_to_text(&v, NULL, rd, 65536 * 4 + 64);
		if (n < 0 || (size_t)n >= 65536 * 4 + 64) {
			ok = false;
			break;
		}
		fprintf(f, "%s\t%u\tIN\t%s\t%s\n", owner, r.ttl, type, rd);
	}
	free(rd);
	ok = ok && fflush(f) == 0 && fsync(fileno(f)) == 0;
	if (fclose(f) != 0)
		ok = false;
	if (!ok || rename(tmp, path) != 0) {
		say(in, LOG_ERR, "zone %s: cannot write %s: %s", z->name, path, strerror(errno));
		unlink(tmp);
		return Q53_EIO;
	}
	return 0;
}

/* ---- Talking to the primary ---------------------------------------------------------------------- */

/* A query for the zone, signed when the zone has a key; for IXFR our SOA goes in authority. */
static int build_query(const szone *z, uint16_t type, uint16_t id, q53_tsig_ctx_t *ctx, uint8_t *buf,
		       size_t cap)
{
	q53_writer_t w;
	q53_writer_init(&w, buf, cap - Q53_TSIG_RR_MAX, id, 0);
	q53_writer_question(&w, z->apex, type, Q53_CLASS_IN);
	if (type == Q53_TYPE_IXFR) {
		size_t pos = 0;
		q53_flat_rr_t r;
		if (q53_rrbuf_next(&z->rrs, &pos, &r) == 1)
			q53_writer_rr(&w, Q53_SEC_AUTHORITY, r.owner, r.type, Q53_CLASS_IN, r.ttl, r.rdata,
				      r.rdlen);
	}
	int len = q53_writer_finish(&w);
	if (len < 0 || z->key == NULL)
		return len;
	q53_tsig_ctx_init(ctx, z->key);
	return q53_tsig_sign(ctx, buf, (size_t)len, cap, (uint64_t)time(NULL));
}

static uint16_t random_id(void)
{
	uint16_t id;
	if (getrandom(&id, sizeof id, 0) != (ssize_t)sizeof id)
		id = (uint16_t)q53_mono_ms();
	return id;
}

/* Checks a response: our ID, QR, the question echoed when present, NOERROR, TSIG. */
static int check_response(const szone *z, uint16_t id, q53_tsig_ctx_t *ctx, const uint8_t *msg, size_t len,
			  char *why, size_t whysize)
{
	if (len < Q53_HEADER_LEN || q53_get16(msg) != id || !(msg[2] & 0x80)) {
		snprintf(why, whysize, "a message that is not our answer");
		return -1;
	}
	unsigned rcode = msg[3] & 0xF;
	if (rcode != 0) {
		const char *n = q53_rcode_name(rcode);
		snprintf(why, whysize, "the primary answers %s", n ? n : "an error");
		return -1;
	}
	if (z->key != NULL && q53_tsig_verify_response(ctx, msg, len, (uint64_t)time(NULL)) < 0) {
		snprintf(why, whysize, "the answer fails TSIG (error %u)", ctx->error);
		return -1;
	}
	return 0;
}

/* The primary's serial by an SOA query over UDP. Returns 0 with *serial, or -1 with why. */
static int primary_serial(const szone *z, uint32_t *serial, char *why, size_t whysize)
{
	int fd = -1;
	char err[256];
	snprintf(why, whysize, "no answer to the SOA query");
	if (q53_net_udp_open((const struct sockaddr *)&z->primary, z->plen, 0, &fd, err, sizeof err) < 0 ||
	    connect(fd, (const struct sockaddr *)&z->primary, z->plen) < 0) {
		snprintf(why, whysize, "socket: %s", fd >= 0 ? strerror(errno) : err);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	int rc = -1;
	for (int t = 0; t < SOA_TRIES && rc < 0; t++) {
		uint8_t q[512 + Q53_TSIG_RR_MAX], a[4096];
		uint16_t id = random_id();
		q53_tsig_ctx_t ctx;
		q53_tsig_ctx_init(&ctx, NULL);
		int qlen = build_query(z, Q53_TYPE_SOA, id, &ctx, q, sizeof q);
		if (qlen < 0 || send(fd, q, (size_t)qlen, 0) != qlen) {
			q53_tsig_ctx_free(&ctx);
			break;
		}
		uint64_t end = q53_mono_ms() + SOA_WAIT_MS;
		/* Invariant: datagrams that are not our answer are skipped until the wait ends. */
		for (uint64_t now = q53_mono_ms(); now < end && rc < 0; now = q53_mono_ms()) {
			struct pollfd pf = {fd, POLLIN, 0};
			if (poll(&pf, 1, (int)(end - now)) <= 0)
				break;
			ssize_t n = recv(fd, a, sizeof a, 0);
			if (n <= 0 || q53_get16(a) != id)
				continue;
			if (check_response(z, id, &ctx, a, (size_t)n, why, whysize) < 0)
				break;
			q53_reader_t r;
			q53_rr_t rr;
			q53_reader_init(&r, a, (size_t)n);
			while (q53_reader_next(&r, &rr) > 0) {
				if (rr.section != Q53_SEC_ANSWER || rr.type != Q53_TYPE_SOA)
					continue;
				uint8_t rd[2 * Q53_NAME_MAX + 20], owner[Q53_NAME_MAX];
				int l = q53_rr_rdata(&rr, rd, sizeof rd);
				q53_rr_owner(&rr, owner);
				q53_flat_rr_t x = {owner, Q53_TYPE_SOA, 0, (uint16_t)(l > 0 ? l : 0), rd};
				uint32_t f[5];
				if (l > 0 && q53_name_equal(owner, z->apex) && q53_flat_soa(&x, f)) {
					*serial = f[0];
					rc = 0;
				}
				break;
			}
			if (rc < 0)
				snprintf(why, whysize, "the SOA answer has no SOA of the zone");
		}
		q53_tsig_ctx_free(&ctx);
	}
	close(fd);
	return rc;
}

static int wait_fd(int fd, short ev, int ms)
{
	struct pollfd pf = {fd, ev, 0};
	int n;
	do
		n = poll(&pf, 1, ms);
	while (n < 0 && errno == EINTR);
	return n > 0 ? 0 : -1;
}

/* Reads exactly n octets within XFR_WAIT_MS per read. */
static int read_full(int fd, uint8_t *p, size_t n)
{
	size_t got = 0;
	while (got < n) {
		if (wait_fd(fd, POLLIN, XFR_WAIT_MS) < 0)
			return -1;
		ssize_t r = recv(fd, p + got, n - got, 0);
		if (r < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

/*
 * Runs one transfer (type AXFR or IXFR) and leaves every answer record, in order, in got. Returns 0, or
 * -1 with why. The end (RFC 5936 2.2, RFC 1995 4): a lone SOA (IXFR: up to date); else the SOA of the
 * new serial closes an AXFR-form answer the second time it appears and an incremental one the third.
 */
static int transfer(const szone *z, uint16_t type, q53_rrbuf_t *got, char *why, size_t whysize)
{
	int fd = -1;
	char err[256];
	if (q53_net_tcp_connect((const struct sockaddr *)&z->primary, z->plen, &fd, err, sizeof err) < 0) {
		snprintf(why, whysize, "connect: %s", err);
		return -1;
	}
	int soerr = 0;
	socklen_t sl = sizeof soerr;
	if (wait_fd(fd, POLLOUT, XFR_WAIT_MS) < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) < 0 ||
	    soerr != 0) {
		snprintf(why, whysize, "connect: %s", soerr ? strerror(soerr) : "timed out");
		close(fd);
		return -1;
	}
	uint8_t q[2 + 512 + Q53_TSIG_RR_MAX];
	uint16_t id = random_id();
	q53_tsig_ctx_t ctx;
	q53_tsig_ctx_init(&ctx, NULL);
	int rc = -1;
	int qlen = build_query(z, type, id, &ctx, q + 2, sizeof q - 2);
	uint8_t *msg = malloc(65536);
	if (qlen < 0 || msg == NULL) {
		snprintf(why, whysize, "out of memory");
		goto out;
	}
	q53_net_frame_put(q, (size_t)qlen);
	if (wait_fd(fd, POLLOUT, XFR_WAIT_MS) < 0 ||
	    send(fd, q, (size_t)qlen + 2, MSG_NOSIGNAL) != qlen + 2) {
		snprintf(why, whysize, "send: %s", strerror(errno));
		goto out;
	}
	uint32_t first_serial = 0;
	unsigned nrec = 0, closing = 0, need = 2;
	bool done = false;
	/* Invariant: got holds the answer records of every message read, in order. */
	while (!done) {
		uint8_t h[2];
		if (read_full(fd, h, 2) < 0 || read_full(fd, msg, q53_get16(h)) < 0) {
			snprintf(why, whysize, "the transfer stopped after %u records", nrec);
			goto out;
		}
		size_t len = q53_get16(h);
		if (check_response(z, id, &ctx, msg, len, why, whysize) < 0)
			goto out;
		if (got->len > XFR_MAX_OCTETS) {
			snprintf(why, whysize, "the transfer passed %d octets", XFR_MAX_OCTETS);
			goto out;
		}
		q53_reader_t r;
		q53_rr_t rr;
		int k;
		q53_reader_init(&r, msg, len);
		unsigned in_msg = 0;
		while ((k = q53_reader_next(&r, &rr)) > 0) {
			if (rr.section != Q53_SEC_ANSWER)
				continue;
			if (done) {
				snprintf(why, whysize, "records after the closing SOA");
				goto out;
			}
			uint8_t owner[Q53_NAME_MAX], rd[65535];
			int l = q53_rr_rdata(&rr, rd, sizeof rd);
			q53_rr_owner(&rr, owner);
			if (l < 0 || rr.rclass != Q53_CLASS_IN || !q53_name_is_sub(owner, z->apex)) {
				snprintf(why, whysize, "a record outside the zone or class IN");
				goto out;
			}
			q53_flat_rr_t x = {owner, rr.type, rr.ttl, (uint16_t)l, rd};
			uint32_t f[5];
			bool soa =
			    rr.type == Q53_TYPE_SOA && q53_name_equal(owner, z->apex) && q53_flat_soa(&x, f);
			if (nrec == 0) {
				if (!soa) {
					snprintf(why, whysize, "the answer does not start with the SOA");
					goto out;
				}
				first_serial = f[0];
			} else if (nrec == 1 && soa && type == Q53_TYPE_IXFR && f[0] != first_serial) {
				need = 3; /* incremental: SOA(new) also ends the last difference */
			}
			if (soa && f[0] == first_serial && ++closing == need)
				done = true;
			q53_rrbuf_rr(got, &x);
			nrec++;
			in_msg++;
		}
		if (k < 0) {
			snprintf(why, whysize, "a malformed message");
			goto out;
		}
		/* RFC 1995 2: an IXFR answered with our own SOA alone says we are current. */
		if (nrec == 1 && type == Q53_TYPE_IXFR && !done) {
			size_t pos = 0;
			q53_flat_rr_t cur;
			uint32_t f[5];
			if (q53_rrbuf_next(&z->rrs, &pos, &cur) == 1 && q53_flat_soa(&cur, f) &&
			    !q53_serial_lt(f[0], first_serial))
				done = true;
		}
		if (in_msg == 0 && !done) {
			snprintf(why, whysize, "an empty message in the transfer");
			goto out;
		}
	}
	rc = got->failed ? -1 : 0;
	if (rc < 0)
		snprintf(why, whysize, "out of memory");
out:
	q53_tsig_ctx_free(&ctx);
	free(msg);
	close(fd);
	return rc;
}

/* A hash of a record for the deletion index of apply(): owner (any case), type and RDATA. */
static uint32_t rec_hash(const q53_flat_rr_t *r)
{
	uint32_t h = q53_name_hash(r->owner) ^ (uint32_t)r->type * 0x9e3779b1u;
	/* FNV-1a over the RDATA. */
	for (size_t i = 0; i < r->rdlen; i++)
		h = (h ^ r->rdata[i]) * 16777619u;
	return h;
}

static bool rec_equal(const q53_flat_rr_t *a, const q53_flat_rr_t *b)
{
	return a->type == b->type && a->rdlen == b->rdlen && q53_name_equal(a->owner, b->owner) &&
	       memcmp(a->rdata, b->rdata, a->rdlen) == 0;
}

/*
 * Builds the new copy from what the transfer gave: AXFR form (SOA, records, SOA: the first SOA and the
 * records) or the incremental form applied to the old copy (RFC 1995 4: each difference deletes from
 * the version before it, then adds). Returns 0 with *out, or -1 with why.
 */
static int apply(const szone *z, const q53_rrbuf_t *got, q53_rrbuf_t *out, char *why, size_t whysize)
{
	size_t pos = 0;
	q53_flat_rr_t first, second;
	q53_rrbuf_next(got, &pos, &first);
	size_t after_first = pos;
	bool incremental = q53_rrbuf_next(got, &pos, &second) == 1 && second.type == Q53_TYPE_SOA &&
			   q53_name_equal(second.owner, z->apex) && z->have;
	q53_rrbuf_rr(out, &first);
	if (!incremental) {
		pos = after_first;
		q53_flat_rr_t r;
		size_t last = got->len;
		/* Every record but the closing SOA. */
		while (q53_rrbuf_next(got, &pos, &r) == 1)
			if (pos != last)
				q53_rrbuf_rr(out, &r);
		return out->failed ? -1 : 0;
	}
	/* The old copy as an array with a deleted mark per record. */
	size_t n = 0, cap = 1024;
	q53_flat_rr_t *v = malloc(cap * sizeof *v);
	bool *del = NULL;
	q53_flat_rr_t r;
	pos = 0;
	q53_rrbuf_next(&z->rrs, &pos, &r); /* the old SOA */
	while (v != NULL && q53_rrbuf_next(&z->rrs, &pos, &r) == 1) {
		if (n == cap) {
			cap *= 2;
			q53_flat_rr_t *w = realloc(v, cap * sizeof *v);
			if (w == NULL) {
				free(v);
				v = NULL;
				break;
			}
			v = w;
		}
		v[n++] = r;
	}
	q53_rrbuf_t adds = {0};
	del = v != NULL ? calloc(n + 1, sizeof *del) : NULL;
	/* An open-addressing index of the old copy (slot: record index + 1), so each deletion is found in
	 * constant time instead of a walk over the whole zone. */
	size_t slots = 16;
	while (slots < 2 * n)
		slots *= 2;
	size_t *index = del != NULL ? calloc(slots, sizeof *index) : NULL;
	for (size_t i = 0; index != NULL && i < n; i++) {
		size_t h = rec_hash(&v[i]) & (slots - 1);
		while (index[h] != 0)
			h = (h + 1) & (slots - 1);
		index[h] = i + 1;
	}
	if (index == NULL) {
		free(del);
		free(v);
		snprintf(why, whysize, "out of memory");
		return -1;
	}
	int rc = 0;
	uint32_t f[5];
	size_t end = got->len;
	pos = after_first;
	bool adding = true; /* the first SOA starts the deletions of the first difference */
	/* Invariant: the differences before pos are applied (deletions marked, additions in adds). */
	while (q53_rrbuf_next(got, &pos, &r) == 1 && pos != end) {
		if (r.type == Q53_TYPE_SOA && q53_name_equal(r.owner, z->apex) && q53_flat_soa(&r, f)) {
			adding = !adding;
			continue;
		}
		if (adding) {
			q53_rrbuf_rr(&adds, &r);
			continue;
		}
		size_t h = rec_hash(&r) & (slots - 1), i = n;
		/* Invariant: no slot probed before h held a live record equal to r. */
		for (; index[h] != 0; h = (h + 1) & (slots - 1)) {
			size_t k = index[h] - 1;
			if (!del[k] && rec_equal(&v[k], &r)) {
				i = k;
				break;
			}
		}
		if (i < n) {
			del[i] = true;
			continue;
		}
		/* Deleted from the additions of an earlier difference in the same answer. */
		size_t ap = 0, prev = 0;
		q53_flat_rr_t a;
		bool found = false;
		while (q53_rrbuf_next(&adds, &ap, &a) == 1) {
			if (rec_equal(&a, &r)) {
				memmove(adds.p + prev, adds.p + ap, adds.len - ap);
				adds.len -= ap - prev;
				found = true;
				break;
			}
			prev = ap;
		}
		if (!found) {
			char o[Q53_NAME_TEXT_MAX];
			q53_name_to_text(r.owner, o, sizeof o);
			snprintf(why, whysize, "IXFR deletes %.200s type %u, which our copy lacks", o,
				 r.type);
			rc = -1;
			break;
		}
	}
	for (size_t i = 0; rc == 0 && i < n; i++)
		if (!del[i])
			q53_rrbuf_rr(out, &v[i]);
	q53_rrbuf_add(out, adds.p, adds.len);
	if (rc == 0 && (out->failed || adds.failed)) {
		snprintf(why, whysize, "out of memory");
		rc = -1;
	}
	free(adds.p);
	free(v);
	free(del);
	free(index);
	return rc;
}

/* One refresh of z (the lock is not held). Returns 1 when the copy changed, 0 when current, -1. */
static int refresh(q53_xfr_in_t *in, szone *z)
{
	char why[512];
	uint32_t serial;
	if (primary_serial(z, &serial, why, sizeof why) < 0) {
		say(in, LOG_WARNING, "zone %s: refresh failed: %s", z->name, why);
		return -1;
	}
	if (z->have && !q53_serial_lt(z->soa[0], serial))
		return 0;
	for (int attempt = 0; attempt < 2; attempt++) {
		/* IXFR when we have a copy; a failed IXFR is tried once more as AXFR. */
		uint16_t type = z->have && attempt == 0 ? Q53_TYPE_IXFR : Q53_TYPE_AXFR;
		q53_rrbuf_t got = {0}, out = {0};
		if (transfer(z, type, &got, why, sizeof why) < 0 ||
		    apply(z, &got, &out, why, sizeof why) < 0) {
			say(in, LOG_WARNING, "zone %s: %s from the primary failed: %s", z->name,
			    type == Q53_TYPE_IXFR ? "IXFR" : "AXFR", why);
			free(got.p);
			free(out.p);
			continue;
		}
		free(got.p);
		size_t pos = 0, count = 0;
		q53_flat_rr_t r;
		uint32_t f[5];
		if (q53_rrbuf_next(&out, &pos, &r) != 1 || !q53_flat_soa(&r, f)) {
			free(out.p);
			return -1;
		}
		if (z->have && f[0] == z->soa[0]) {
			free(out.p);
			return 0;
		}
		for (pos = 0; q53_rrbuf_next(&out, &pos, &r) == 1;)
			count++;
		uint32_t old = z->soa[0];
		bool had = z->have;
		free(z->rrs.p);
		z->rrs = out;
		memcpy(z->soa, f, sizeof f);
		z->have = true;
		if (write_copy(in, z) < 0) {
			/* What is served is still the file on disk: forget this copy so the next refresh
			 * transfers the zone again instead of finding itself current. */
			free(z->rrs.p);
			z->rrs = (q53_rrbuf_t){0};
			z->have = false;
			return -1;
		}
		if (had)
			say(in, LOG_INFO, "zone %s: %s from serial %u to %u, %zu records", z->name,
			    type == Q53_TYPE_IXFR ? "IXFR" : "AXFR", old, f[0], count);
		else
			say(in, LOG_INFO, "zone %s: AXFR of serial %u, %zu records", z->name, f[0], count);
		return 1;
	}
	return -1;
}

static uint32_t timer(uint32_t v)
{
	return v < MIN_TIMER ? MIN_TIMER : v;
}

static void *secondary_main(void *arg)
{
	q53_xfr_in_t *in = arg;
	pthread_mutex_lock(&in->lock);
	while (!in->stopping) {
		uint64_t now = q53_mono_ms(), next = now + 500;
		bool changed = false;
		for (size_t i = 0; i < in->n && !in->stopping; i++) {
			szone *z = &in->z[i];
			if (z->notified || now >= z->next_ms) {
				z->notified = false;
				/* The zone is only touched by this thread; NOTIFY only sets the flag. */
				pthread_mutex_unlock(&in->lock);
				int rc = refresh(in, z);
				pthread_mutex_lock(&in->lock);
				now = q53_mono_ms();
				/* RFC 1034 4.3.5: refresh after success, retry after a failure; 3600 and 600
				 * seconds until a first SOA says otherwise. */
				uint32_t refresh_s = z->have ? timer(z->soa[1]) : 3600;
				uint32_t retry_s = z->have ? timer(z->soa[2]) : 10;
				z->next_ms = now + 1000u * (uint64_t)(rc >= 0 ? refresh_s : retry_s);
				if (rc >= 0)
					z->expire_ms = now + 1000u * (uint64_t)timer(z->soa[3]);
				changed |= rc > 0;
			}
			if (z->have && z->expire_ms != 0 && now >= z->expire_ms) {
				/* RFC 1034 4.3.5: past expire we stop answering for the zone. */
				char path[4096], gone[4096];
				zone_path(in, z, "", "", path, sizeof path);
				zone_path(in, z, ".", ".expired", gone, sizeof gone);
				rename(path, gone);
				z->have = false;
				z->expire_ms = 0;
				say(in, LOG_ERR,
				    "zone %s: expired (no refresh for %u seconds); no longer served", z->name,
				    z->soa[3]);
				changed = true;
			}
			if (z->next_ms < next)
				next = z->next_ms;
			if (z->have && z->expire_ms != 0 && z->expire_ms < next)
				next = z->expire_ms;
		}
		if (changed && in->reload != NULL) {
			pthread_mutex_unlock(&in->lock);
			in->reload(in->reload_ctx);
			pthread_mutex_lock(&in->lock);
		}
		now = q53_mono_ms();
		if (next > now && !in->stopping) {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			uint64_t ms = next - now;
			ts.tv_sec += (time_t)(ms / 1000);
			ts.tv_nsec += (long)(ms % 1000) * 1000000L;
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&in->wake, &in->lock, &ts);
		}
	}
	pthread_mutex_unlock(&in->lock);
	return NULL;
}

int q53_xfr_in_start(q53_xfr_in_t *in)
{
	if (in == NULL || in->running || in->n == 0)
		return 0;
	for (size_t i = 0; i < in->n; i++) {
		if (!in->z[i].have)
			load_copy(in, &in->z[i]);
		in->z[i].next_ms = 0;
		if (in->z[i].have)
			in->z[i].expire_ms = q53_mono_ms() + 1000u * (uint64_t)timer(in->z[i].soa[3]);
	}
	in->stopping = false;
	if (pthread_create(&in->tid, NULL, secondary_main, in) != 0)
		return Q53_ENOMEM;
	pthread_setname_np(in->tid, "q53d-secondary");
	in->running = true;
	return 0;
}

void q53_xfr_in_stop(q53_xfr_in_t *in)
{
	if (in == NULL || !in->running)
		return;
	pthread_mutex_lock(&in->lock);
	in->stopping = true;
	pthread_cond_signal(&in->wake);
	pthread_mutex_unlock(&in->lock);
	pthread_join(in->tid, NULL);
	in->running = false;
}

void q53_xfr_in_free(q53_xfr_in_t *in)
{
	if (in == NULL)
		return;
	q53_xfr_in_stop(in);
	for (size_t i = 0; i < in->n; i++)
		free(in->z[i].rrs.p);
	free(in->z);
	free(in->dir);
	pthread_mutex_destroy(&in->lock);
	pthread_cond_destroy(&in->wake);
	free(in);
}

int q53_xfr_in_notify(q53_xfr_in_t *in, const uint8_t *apex, uint8_t family, const uint8_t *addr,
		      const q53_tsig_key_t *key)
{
	if (in == NULL)
		return 0;
	int rc = 0;
	pthread_mutex_lock(&in->lock);
	for (size_t i = 0; i < in->n; i++) {
		szone *z = &in->z[i];
		if (!q53_name_equal(z->apex, apex))
			continue;
		/* RFC 1996 3.10: only from the primary (the address we transfer from), with its key. */
		const struct sockaddr_storage *p = &z->primary;
		bool from = false;
		if (p->ss_family == AF_INET && family == 4)
			from = memcmp(&((const struct sockaddr_in *)(const void *)p)->sin_addr, addr, 4) == 0;
		else if (p->ss_family == AF_INET6 && family == 6)
			from =
			    memcmp(&((const struct sockaddr_in6 *)(const void *)p)->sin6_addr, addr, 16) == 0;
		if (!from || (z->key != NULL && key != z->key)) {
			rc = -1;
			break;
		}
		z->notified = true;
		pthread_cond_signal(&in->wake);
		rc = 1;
		break;
	}
	pthread_mutex_unlock(&in->lock);
	return rc;
}
