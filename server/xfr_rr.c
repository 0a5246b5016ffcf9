/*
 * xfr_rr.c: the flat record buffers of zone transfers (see xfr_rr.h) and RFC 1982 serial arithmetic.
 * Records are only ever read back from buffers this file wrote, so reading needs no bounds checks beyond
 * the end of the buffer.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "q53/name.h"
#include "q53/wire.h"
#include "xfr_rr.h"

void q53_rrbuf_add(q53_rrbuf_t *b, const void *p, size_t n)
{
	if (b->failed || n == 0)
		return;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n)
			cap *= 2;
		uint8_t *q = realloc(b->p, cap);
		if (q == NULL) {
			b->failed = true;
			return;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

void q53_rrbuf_rr(q53_rrbuf_t *b, const q53_flat_rr_t *r)
{
	uint8_t n = (uint8_t)q53_name_len(r->owner), h[8];
	q53_rrbuf_add(b, &n, 1);
	q53_rrbuf_add(b, r->owner, n);
	q53_put16(h, r->type);
	q53_put32(h + 2, r->ttl);
	q53_put16(h + 6, r->rdlen);
	q53_rrbuf_add(b, h, sizeof h);
	q53_rrbuf_add(b, r->rdata, r->rdlen);
}

int q53_rrbuf_next(const q53_rrbuf_t *b, size_t *pos, q53_flat_rr_t *r)
{
	if (*pos >= b->len)
		return 0;
	const uint8_t *q = b->p + *pos;
	r->owner = q + 1;
	q += 1 + q[0];
	r->type = q53_get16(q);
	r->ttl = q53_get32(q + 2);
	r->rdlen = q53_get16(q + 6);
	r->rdata = q + 8;
	*pos = (size_t)(r->rdata + r->rdlen - b->p);
	return 1;
}

bool q53_flat_soa(const q53_flat_rr_t *r, uint32_t f[5])
{
	if (r->type != Q53_TYPE_SOA || r->rdlen < 22)
		return false;
	size_t off = q53_name_len(r->rdata);
	off += q53_name_len(r->rdata + off);
	if (off + 20 != r->rdlen)
		return false;
	for (int i = 0; i < 5; i++)
		f[i] = q53_get32(r->rdata + off + 4 * (size_t)i);
	return true;
}

bool q53_serial_lt(uint32_t a, uint32_t b)
{
	return a != b && (int32_t)(b - a) > 0;
}

uint64_t q53_mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void q53_xfr_vlog(void (*log)(int level, const char *msg, void *ctx), void *ctx, int level, const char *fmt,
		  va_list ap)
{
	if (log == NULL)
		return;
	char line[1024];
	vsnprintf(line, sizeof line, fmt, ap);
	log(level, line, ctx);
}

void q53_xfr_log(void (*log)(int level, const char *msg, void *ctx), void *ctx, int level, const char *fmt,
		 ...)
{
	va_list ap;
	va_start(ap, fmt);
	q53_xfr_vlog(log, ctx, level, fmt, ap);
	va_end(ap);
}
