/*
 * Secondary zones of q53d (issue 8): one thread keeps each zone in step with its primary the way RFC 1034
 * 4.3.5 and RFC 1996 describe: an SOA query every refresh interval (retry after a failure), a transfer when
 * the primary's serial is newer (IXFR, RFC 1995, when we hold a copy; AXFR, RFC 5936, otherwise or when
 * the primary answers IXFR with the whole zone), NOTIFY from the primary to check at once, and after
 * `expire` seconds without a good refresh the zone is no longer served. Each zone is kept on disk as a
 * master file (written to a temporary file and renamed over the old one) in the secondary directory,
 * which q53d serves as a zone directory: a restart serves the copy at once. After a transfer the thread
 * asks for a reload through the callback (q53d sends itself SIGHUP: one reload path for everything).
 */
#ifndef Q53_XFR_IN_H
#define Q53_XFR_IN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "tsig.h"

typedef struct q53_xfr_in q53_xfr_in_t;

typedef void (*q53_xfr_in_log_fn)(int level, const char *msg, void *ctx);
typedef void (*q53_xfr_in_reload_fn)(void *ctx);

q53_xfr_in_t *q53_xfr_in_new(q53_xfr_in_log_fn log, void *log_ctx);

/* Where the copies live: DIR/ORIGIN.zone. Copied. Returns 0 or Q53_ENOMEM. */
int q53_xfr_in_set_dir(q53_xfr_in_t *in, const char *dir);
const char *q53_xfr_in_dir(const q53_xfr_in_t *in);

/* A secondary zone: apex (wire form), its primary, the key for transfers and NOTIFY (NULL: none). */
int q53_xfr_in_add(q53_xfr_in_t *in, const uint8_t *apex, const struct sockaddr_storage *primary,
		   socklen_t len, const q53_tsig_key_t *key);
size_t q53_xfr_in_count(const q53_xfr_in_t *in);

/* Called after each transfer that changed a copy on disk. */
void q53_xfr_in_on_reload(q53_xfr_in_t *in, q53_xfr_in_reload_fn fn, void *ctx);

int q53_xfr_in_start(q53_xfr_in_t *in);
void q53_xfr_in_stop(q53_xfr_in_t *in);
void q53_xfr_in_free(q53_xfr_in_t *in);

/*
 * A NOTIFY for apex from family/addr (4 or 6, 4 or 16 octets), signed with key (NULL: unsigned).
 * Returns 1 when accepted (the zone is checked at once), 0 when apex is not a secondary zone of ours,
 * -1 when it does not come from the zone's primary or lacks the zone's key (RFC 1996 3.10: REFUSED).
 */
int q53_xfr_in_notify(q53_xfr_in_t *in, const uint8_t *apex, uint8_t family, const uint8_t *addr,
		      const q53_tsig_key_t *key);

#endif
