/*
 * Zone transfers for q53d (issue 8): AXFR out (RFC 5936) and IXFR out (RFC 1995) over TCP as streams of
 * messages, a bounded in-memory journal of differences between reloads, transfer ACLs with TSIG keys
 * (RFC 8945, server/tsig.c), NOTIFY out to secondaries with retries and NOTIFY in (RFC 1996). The server
 * (server.c) calls q53_xfr_answer() for the few queries q53_xfr_wants() picks, and q53_xfr_zone_loaded()
 * on every reload; everything else is here.
 */
#ifndef Q53_XFR_H
#define Q53_XFR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "answer.h"
#include "q53/wire.h"
#include "zone.h"

typedef struct q53_xfr q53_xfr_t;
typedef struct q53_xfr_stream q53_xfr_stream_t;

/* Log lines as the server's q53_log_fn (level is syslog's). */
typedef void (*q53_xfr_log_fn)(int level, const char *msg, void *ctx);

/* An empty configuration: nobody may transfer, nobody is notified. NULL when out of memory. */
q53_xfr_t *q53_xfr_new(q53_xfr_log_fn log, void *log_ctx);

/*
 * Applies one setting of the config file (or of the command line, same syntax):
 *   tsig-key NAME ALG BASE64             a key (ALG hmac-sha256, hmac-sha1, hmac-sha512, ...)
 *   tsig-key [ALG:]NAME:BASE64           the same in dig -y syntax
 *   allow-transfer PREFIX [key NAME]     AXFR/IXFR of every zone from PREFIX (with that TSIG key)
 *   zone-allow-transfer ORIGIN PREFIX [key NAME]   the same for one zone
 *   notify ORIGIN ADDR[@PORT] [key NAME] send NOTIFY for ORIGIN to ADDR when its serial changes
 *   secondary ORIGIN PRIMARY[@PORT] [key NAME]  ORIGIN is a secondary zone transferred from PRIMARY
 *   secondary-dir DIR                    where secondary copies live (DIR/ORIGIN.zone); an absolute path
 * Keys must be defined before they are named. Returns 1 when key is one of these and value is good, 0
 * when key is not ours, or -1 with a message in err.
 */
int q53_xfr_setting(q53_xfr_t *x, const char *key, const char *value, char *err, size_t errsize);

/* The secondary directory (NULL when not set), and the number of secondary zones. */
const char *q53_xfr_secondary_dir(const q53_xfr_t *x);
size_t q53_xfr_secondaries(const q53_xfr_t *x);

/* Called (from the secondary thread) after a transfer or expiry changed a copy on disk: reload zones. */
void q53_xfr_on_secondary_change(q53_xfr_t *x, void (*fn)(void *ctx), void *ctx);

/* True when at least one transfer ACL, NOTIFY target or key is configured. */
bool q53_xfr_configured(const q53_xfr_t *x);

/*
 * Journal depth: the differences kept per zone (default 16). The oldest are dropped first, and a zone's
 * journal also stops growing past 4 times the zone's own size.
 */
void q53_xfr_set_journal(q53_xfr_t *x, unsigned depth);

/* Starts and stops the NOTIFY sender thread. Returns 0 or Q53_ENOMEM / Q53_ENETWORK. */
int q53_xfr_start(q53_xfr_t *x);
void q53_xfr_stop(q53_xfr_t *x);
void q53_xfr_free(q53_xfr_t *x);

/*
 * Called by the reloading thread with each zone that was loaded (old: the snapshot it replaces, NULL on
 * the first load), while both are alive. When the serial went up, the difference joins the journal; any
 * other change of content empties the journal. NOTIFY goes to the zone's targets on the first load and
 * whenever the serial changed.
 */
void q53_xfr_zone_loaded(q53_xfr_t *x, const q53_zone_t *old, const q53_zone_t *zone);

/*
 * The cheap test the server runs on each query: true for transfers (AXFR, IXFR), NOTIFY, and queries that
 * may carry a TSIG (over TCP any with an additional record; over UDP SOA queries with one). Reads the
 * header and skips the question name; never fails. Inline: it runs on every UDP query.
 */
static inline bool q53_xfr_wants(const uint8_t *msg, size_t len, bool tcp)
{
	if (len < Q53_HEADER_LEN || (msg[2] & 0x80))
		return false;
	unsigned opcode = (msg[2] >> 3) & 0xF;
	if (opcode == Q53_OPCODE_NOTIFY)
		return true;
	if (opcode != Q53_OPCODE_QUERY || q53_get16(msg + 4) != 1)
		return false;
	size_t p = Q53_HEADER_LEN;
	/* Invariant: msg[HEADER..p) are whole labels of the question name. */
	while (p < len && msg[p] != 0 && msg[p] <= 63)
		p += 1u + msg[p];
	if (p + 5 > len || msg[p] != 0)
		return false;
	uint16_t qtype = q53_get16(msg + p + 1);
	if (qtype == Q53_TYPE_AXFR || qtype == Q53_TYPE_IXFR)
		return true;
	uint16_t arcount = q53_get16(msg + 10);
	return arcount > 0 && (tcp || qtype == Q53_TYPE_SOA);
}

/*
 * Answers a query q53_xfr_wants() picked, into resp[0..cap) (cap as for q53_answer()). A transfer over
 * TCP that needs more messages sets *stream (pass NULL over UDP); the server sends each message
 * q53_xfr_stream_next() gives, then frees the stream. Returns the response length, 0 to drop the query,
 * or a negative error (Q53_ENOMEM: answer SERVFAIL is not possible, drop).
 */
int q53_xfr_answer(q53_xfr_t *x, const q53_answer_cfg_t *acfg, const q53_zoneset_t *zones,
		   const q53_client_t *client, const uint8_t *msg, size_t len, uint8_t *resp, size_t cap,
		   q53_xfr_stream_t **stream);

/* The next message of a transfer into buf[0..cap). Returns its length, 0 at the end, or an error. */
int q53_xfr_stream_next(q53_xfr_stream_t *s, uint8_t *buf, size_t cap);
void q53_xfr_stream_free(q53_xfr_stream_t *s);

#endif
