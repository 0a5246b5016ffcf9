/*
 * Records in the flat form zone transfers keep them in, shared by the primary side (server/xfr.c) and the
 * secondary side (server/xfr_in.c): [name length][name][type][ttl][rdlength][rdata], back to back in one
 * growable buffer, names and RDATA uncompressed (class IN implied). Also RFC 1982 serial comparison.
 */
#ifndef Q53_XFR_RR_H
#define Q53_XFR_RR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A growable octet buffer; zero-initialise it, free p. An allocation failure sticks in failed. */
typedef struct q53_rrbuf {
	uint8_t *p;
	size_t len, cap;
	bool failed;
} q53_rrbuf_t;

/* One record; pointers borrow the buffer it was read from (or the caller's data when adding). */
typedef struct q53_flat_rr {
	const uint8_t *owner;
	uint16_t type;
	uint32_t ttl;
	uint16_t rdlen;
	const uint8_t *rdata;
} q53_flat_rr_t;

void q53_rrbuf_add(q53_rrbuf_t *b, const void *p, size_t n);
void q53_rrbuf_rr(q53_rrbuf_t *b, const q53_flat_rr_t *r);
/* Reads the record at *pos (0 to start) and moves past it. Returns 1, or 0 at the end. */
int q53_rrbuf_next(const q53_rrbuf_t *b, size_t *pos, q53_flat_rr_t *r);

/* The serial and four timers of SOA RDATA (uncompressed): false when r is not a well-formed SOA. */
bool q53_flat_soa(const q53_flat_rr_t *r, uint32_t f[5]);

/* RFC 1982 serial number arithmetic: a comes before b. */
bool q53_serial_lt(uint32_t a, uint32_t b);

/* Formats one log line and hands it to log (a q53_log_fn of server.h); log NULL: nothing. */
void q53_xfr_log(void (*log)(int level, const char *msg, void *ctx), void *ctx, int level, const char *fmt,
		 ...) __attribute__((format(printf, 4, 5)));
/* The same with a va_list, for the server's own logging. */
void q53_xfr_vlog(void (*log)(int level, const char *msg, void *ctx), void *ctx, int level, const char *fmt,
		  va_list ap) __attribute__((format(printf, 4, 0)));

/* Milliseconds of CLOCK_MONOTONIC, for retry timers. */
uint64_t q53_mono_ms(void);

#endif
