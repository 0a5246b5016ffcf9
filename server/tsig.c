/*
 * tsig.c: TSIG, RFC 8945. Lays out what the MAC covers (4.3.3: the request MAC for a response, the
 * message with its original ID and without the TSIG record, then the TSIG variables; 5.3.1: in a TCP
 * stream the prior MAC, the messages since it and the timers only), checks requests in 5.2's order (key,
 * MAC, time) and writes the error responses of 5.3.2. The HMAC itself is OpenSSL's (EVP_MAC "HMAC"): a
 * well-kept library, not code of ours, opened on the first MAC (see crypto_open()). Keys are parsed the
 * way dig -y and kdig -y take them.
 */
#include "config.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "q53/msg.h"
#include "q53/name.h"
#include "tsig.h"

static const struct {
	const char *name;
	const char *digest;
	size_t len;
} algs[] = {
    [Q53_TSIG_HMAC_SHA1] = {"hmac-sha1", "SHA1", 20},
    [Q53_TSIG_HMAC_SHA224] = {"hmac-sha224", "SHA224", 28},
    [Q53_TSIG_HMAC_SHA256] = {"hmac-sha256", "SHA256", 32},
    [Q53_TSIG_HMAC_SHA384] = {"hmac-sha384", "SHA384", 48},
    [Q53_TSIG_HMAC_SHA512] = {"hmac-sha512", "SHA512", 64},
};
enum { NALGS = sizeof algs / sizeof algs[0] };

const char *q53_tsig_alg_name(q53_tsig_alg alg)
{
	return algs[alg].name;
}

size_t q53_tsig_mac_len(q53_tsig_alg alg)
{
	return algs[alg].len;
}

static int alg_from_text(const char *s, size_t n)
{
	for (int i = 0; i < NALGS; i++)
		if (strlen(algs[i].name) == n && strncasecmp(algs[i].name, s, n) == 0)
			return i;
	return -1;
}

/* The algorithm of a wire name ("\x0bhmac-sha256"), or -1. */
static int alg_from_wire(const uint8_t *name)
{
	if (name[0] == 0 || name[1 + name[0]] != 0)
		return -1;
	return alg_from_text((const char *)name + 1, name[0]);
}

static void alg_to_wire(q53_tsig_alg alg, uint8_t *out)
{
	size_t n = strlen(algs[alg].name);
	out[0] = (uint8_t)n;
	memcpy(out + 1, algs[alg].name, n);
	out[n + 1] = 0;
}

/* RFC 4648 4 base64, padding optional, white space not allowed. Returns the length or -1. */
static int base64_decode(const char *s, size_t n, uint8_t *out, size_t cap)
{
	uint32_t acc = 0;
	unsigned bits = 0;
	size_t len = 0;
	while (n > 0 && s[n - 1] == '=')
		n--;
	/* Invariant: out[0..len) holds the octets of s[0..i) whole; acc keeps the bits left over. */
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		unsigned v;
		if (c >= 'A' && c <= 'Z')
			v = (unsigned)(c - 'A');
		else if (c >= 'a' && c <= 'z')
			v = (unsigned)(c - 'a') + 26;
		else if (c >= '0' && c <= '9')
			v = (unsigned)(c - '0') + 52;
		else if (c == '+')
			v = 62;
		else if (c == '/')
			v = 63;
		else
			return -1;
		acc = (acc << 6 | v) & 0xFFFFFF;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (len == cap)
				return -1;
			out[len++] = (uint8_t)(acc >> bits);
		}
	}
	return (int)len;
}

int q53_tsig_key_from_parts(const char *name, const char *alg, const char *b64, q53_tsig_key_t *k)
{
	memset(k, 0, sizeof *k);
	int a = alg_from_text(alg, strlen(alg));
	if (a < 0)
		return Q53_ESYNTAX;
	k->alg = (q53_tsig_alg)a;
	uint8_t root[1] = {0};
	if (q53_name_from_text(name, strlen(name), root, k->name) < 0)
		return Q53_ESYNTAX;
	q53_name_lower(k->name);
	int n = base64_decode(b64, strlen(b64), k->secret, sizeof k->secret);
	if (n <= 0)
		return Q53_ESYNTAX;
	k->secret_len = (size_t)n;
	return 0;
}

int q53_tsig_key_from_text(const char *text, q53_tsig_key_t *k)
{
	char buf[1024];
	if (strlen(text) >= sizeof buf)
		return Q53_ESYNTAX;
	strcpy(buf, text);
	char *last = strrchr(buf, ':');
	if (last == NULL)
		return Q53_ESYNTAX;
	*last = '\0';
	char def[] = "hmac-sha256";
	char *name = buf, *alg = def;
	char *first = strchr(buf, ':');
	if (first != NULL) {
		*first = '\0';
		alg = buf;
		name = first + 1;
	}
	return q53_tsig_key_from_parts(name, alg, last + 1, k);
}

/* ---- The MAC: a thin layer over EVP_MAC ------------------------------------------------------------- */

/*
 * libcrypto is opened with dlopen() on the first MAC, not linked: q53, the command-line tool, needs it
 * only for -y, and as a link-time dependency it cost every run of q53 about 0.4 ms and 1.5 MB of memory
 * (bench/startup.sh; loading libcrypto is mostly its relocations). q53d opens it when its configuration
 * names a key (xfr.c), so that a missing libcrypto is a start-up error, not a failed transfer later.
 * OpenSSL 3 keeps the soname libcrypto.so.3 for all of 3.x (configure asks for libcrypto >= 3.0, whose
 * headers give the types here).
 */
static struct {
	EVP_MAC *(*mac_fetch)(OSSL_LIB_CTX *, const char *, const char *);
	void (*mac_free)(EVP_MAC *);
	EVP_MAC_CTX *(*ctx_new)(EVP_MAC *);
	void (*ctx_free)(EVP_MAC_CTX *);
	int (*init)(EVP_MAC_CTX *, const unsigned char *, size_t, const OSSL_PARAM[]);
	int (*update)(EVP_MAC_CTX *, const unsigned char *, size_t);
	int (*final)(EVP_MAC_CTX *, unsigned char *, size_t *, size_t);
	OSSL_PARAM (*param_utf8)(const char *, char *, size_t);
	OSSL_PARAM (*param_end)(void);
	int (*memcmp)(const void *, const void *, size_t);
} C;
static pthread_once_t crypto_once = PTHREAD_ONCE_INIT;
static bool crypto_ok;
static char crypto_why[256];

/* Sets *fp from symbol name of h; false (with crypto_why) when it is missing. */
static bool crypto_sym(void *h, const char *name, void *fp, size_t fpsize)
{
	void *p = dlsym(h, name);
	if (p == NULL) {
		snprintf(crypto_why, sizeof crypto_why, "libcrypto.so.3 lacks %s", name);
		return false;
	}
	/* POSIX dlsym() returns functions as void *; copying the representation is its sanctioned use. */
	memcpy(fp, &p, fpsize);
	return true;
}

static void crypto_open(void)
{
	void *h = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		const char *e = dlerror();
		snprintf(crypto_why, sizeof crypto_why, "TSIG needs OpenSSL 3's libcrypto.so.3: %s",
			 e != NULL ? e : "cannot open it");
		return;
	}
#define SYM(field, name) crypto_sym(h, name, &C.field, sizeof C.field)
	crypto_ok = SYM(mac_fetch, "EVP_MAC_fetch") && SYM(mac_free, "EVP_MAC_free") &&
		    SYM(ctx_new, "EVP_MAC_CTX_new") && SYM(ctx_free, "EVP_MAC_CTX_free") &&
		    SYM(init, "EVP_MAC_init") && SYM(update, "EVP_MAC_update") &&
		    SYM(final, "EVP_MAC_final") && SYM(param_utf8, "OSSL_PARAM_construct_utf8_string") &&
		    SYM(param_end, "OSSL_PARAM_construct_end") && SYM(memcmp, "CRYPTO_memcmp");
#undef SYM
}

bool q53_tsig_crypto(const char **why)
{
	pthread_once(&crypto_once, crypto_open);
	if (why != NULL)
		*why = crypto_ok ? "" : crypto_why;
	return crypto_ok;
}

static EVP_MAC_CTX *mac_begin(const q53_tsig_key_t *k)
{
	if (!q53_tsig_crypto(NULL))
		return NULL;
	EVP_MAC *mac = C.mac_fetch(NULL, "HMAC", NULL);
	if (mac == NULL)
		return NULL;
	EVP_MAC_CTX *c = C.ctx_new(mac);
	C.mac_free(mac);
	if (c == NULL)
		return NULL;
	OSSL_PARAM p[] = {C.param_utf8(OSSL_MAC_PARAM_DIGEST, (char *)(uintptr_t)algs[k->alg].digest, 0),
			  C.param_end()};
	if (C.init(c, k->secret, k->secret_len, p) != 1) {
		C.ctx_free(c);
		return NULL;
	}
	return c;
}

static void mac_add(EVP_MAC_CTX *c, const uint8_t *p, size_t n)
{
	if (n > 0)
		C.update(c, p, n);
}

/* Adds a 2-octet length and the MAC: how a prior MAC enters the digest (RFC 8945 4.3.1). */
static void mac_add_prior(EVP_MAC_CTX *c, const uint8_t *mac, uint16_t len)
{
	uint8_t l[2];
	q53_put16(l, len);
	mac_add(c, l, 2);
	mac_add(c, mac, len);
}

/* The message as it was before the TSIG was added: original ID, ARCOUNT one less (RFC 8945 4.3.2). */
static void mac_add_msg(EVP_MAC_CTX *c, const uint8_t *msg, size_t len, uint16_t orig_id, bool had_tsig)
{
	uint8_t h[Q53_HEADER_LEN];
	memcpy(h, msg, Q53_HEADER_LEN);
	q53_put16(h, orig_id);
	if (had_tsig)
		q53_put16(h + 10, (uint16_t)(q53_get16(h + 10) - 1));
	mac_add(c, h, sizeof h);
	mac_add(c, msg + Q53_HEADER_LEN, len - Q53_HEADER_LEN);
}

static void put48(uint8_t *p, uint64_t v)
{
	q53_put16(p, (uint16_t)(v >> 32));
	q53_put32(p + 2, (uint32_t)v);
}

static uint64_t get48(const uint8_t *p)
{
	return (uint64_t)q53_get16(p) << 32 | q53_get32(p + 2);
}

/* RFC 8945 4.3.3: the TSIG variables, names in canonical (lower case) form; or the timers only. */
static void mac_add_vars(EVP_MAC_CTX *c, const uint8_t *key, const uint8_t *alg, uint64_t time,
			 uint16_t fudge, uint16_t error, const uint8_t *other, uint16_t other_len,
			 bool timers_only)
{
	uint8_t b[Q53_NAME_MAX];
	if (!timers_only) {
		memcpy(b, key, q53_name_len(key));
		q53_name_lower(b);
		mac_add(c, b, q53_name_len(b));
		uint8_t cl[6] = {0, Q53_CLASS_ANY, 0, 0, 0, 0};
		mac_add(c, cl, sizeof cl);
		memcpy(b, alg, q53_name_len(alg));
		q53_name_lower(b);
		mac_add(c, b, q53_name_len(b));
	}
	uint8_t t[8];
	put48(t, time);
	q53_put16(t + 6, fudge);
	mac_add(c, t, sizeof t);
	if (!timers_only) {
		uint8_t e[4];
		q53_put16(e, error);
		q53_put16(e + 2, other_len);
		mac_add(c, e, sizeof e);
		mac_add(c, other, other_len);
	}
}

static size_t mac_end(EVP_MAC_CTX *c, uint8_t *out)
{
	size_t n = 0;
	if (C.final(c, out, &n, Q53_TSIG_MAC_MAX) != 1)
		n = 0;
	C.ctx_free(c);
	return n;
}

/* ---- Finding the record ------------------------------------------------------------------------------ */

int q53_tsig_find(const uint8_t *msg, size_t len, q53_tsig_rr_t *t)
{
	q53_reader_t r;
	q53_rr_t rr;
	int rc = q53_reader_init(&r, msg, len);
	if (rc < 0)
		return rc;
	bool found = false;
	/* Invariant: no record before rr was a TSIG (one found must be the last: RFC 8945 5.1). */
	while ((rc = q53_reader_next(&r, &rr)) > 0) {
		if (found)
			return Q53_EMALFORMED;
		if (rr.type != Q53_TYPE_TSIG)
			continue;
		if (rr.section != Q53_SEC_ADDITIONAL || rr.rclass != Q53_CLASS_ANY)
			return Q53_EMALFORMED;
		found = true;
		t->start = rr.owner;
		q53_rr_owner(&rr, t->key);
		const uint8_t *p = msg + rr.rdata, *end = p + rr.rdlength;
		int n = q53_name_check(p, rr.rdlength);
		if (n < 0)
			return Q53_EMALFORMED;
		memcpy(t->alg, p, (size_t)n);
		p += n;
		/* Time (6), fudge (2), MAC size (2), then MAC, original ID (2), error (2), other len (2). */
		if (end - p < 10)
			return Q53_EMALFORMED;
		t->time = get48(p);
		t->fudge = q53_get16(p + 6);
		t->mac_len = q53_get16(p + 8);
		p += 10;
		if ((size_t)(end - p) < (size_t)t->mac_len + 6)
			return Q53_EMALFORMED;
		t->mac = p;
		p += t->mac_len;
		t->orig_id = q53_get16(p);
		t->error = q53_get16(p + 2);
		t->other_len = q53_get16(p + 4);
		p += 6;
		if ((size_t)(end - p) != t->other_len)
			return Q53_EMALFORMED;
		t->other = p;
	}
	if (rc < 0)
		return rc;
	return found ? 1 : 0;
}

/* ---- Transactions ------------------------------------------------------------------------------------ */

void q53_tsig_ctx_init(q53_tsig_ctx_t *c, const q53_tsig_key_t *key)
{
	memset(c, 0, sizeof *c);
	c->key = key;
	if (key != NULL) {
		memcpy(c->key_name, key->name, q53_name_len(key->name));
		alg_to_wire(key->alg, c->alg_name);
	}
}

static bool unsigned_error(uint16_t e)
{
	return e == Q53_TSIG_BADKEY || e == Q53_TSIG_BADSIG || e == Q53_TSIG_BADTRUNC;
}

size_t q53_tsig_rr_size(const q53_tsig_ctx_t *c)
{
	size_t mac = c->key != NULL && !unsigned_error(c->error) ? algs[c->key->alg].len : 0;
	size_t other = c->error == Q53_TSIG_BADTIME ? 6 : 0;
	/* Owner, type/class/TTL/rdlength, algorithm, time/fudge/MAC size, MAC, ID/error/other length. */
	return q53_name_len(c->key_name) + 10 + q53_name_len(c->alg_name) + 10 + mac + 6 + other;
}

void q53_tsig_ctx_free(q53_tsig_ctx_t *c)
{
	if (c->run != NULL)
		C.ctx_free(c->run);
	c->run = NULL;
	c->running = false;
}

static uint64_t absdiff(uint64_t a, uint64_t b)
{
	return a > b ? a - b : b - a;
}

int q53_tsig_verify_request(const q53_tsig_key_t *keys, size_t nkeys, const uint8_t *msg, size_t len,
			    uint64_t now, q53_tsig_ctx_t *ctx)
{
	q53_tsig_rr_t t;
	q53_tsig_ctx_init(ctx, NULL);
	int rc = q53_tsig_find(msg, len, &t);
	if (rc <= 0)
		return rc < 0 ? Q53_EMALFORMED : 0;
	memcpy(ctx->key_name, t.key, q53_name_len(t.key));
	memcpy(ctx->alg_name, t.alg, q53_name_len(t.alg));
	ctx->orig_id = t.orig_id;
	ctx->time = t.time;
	/* 5.2.1: the key must be known, and with this algorithm. */
	int alg = alg_from_wire(t.alg);
	for (size_t i = 0; i < nkeys && ctx->key == NULL; i++)
		if ((int)keys[i].alg == alg && q53_name_equal(keys[i].name, t.key))
			ctx->key = &keys[i];
	if (ctx->key == NULL) {
		ctx->error = Q53_TSIG_BADKEY;
		return 1;
	}
	/* 5.2.2: the MAC. We take only whole MACs (a local policy 5.2.2.1 allows): shorter is BADTRUNC. */
	size_t full = algs[ctx->key->alg].len;
	if (t.mac_len > full)
		return Q53_EMALFORMED;
	EVP_MAC_CTX *c = mac_begin(ctx->key);
	if (c == NULL)
		return Q53_ENOMEM;
	mac_add_msg(c, msg, t.start, t.orig_id, true);
	mac_add_vars(c, t.key, t.alg, t.time, t.fudge, t.error, t.other, t.other_len, false);
	uint8_t mac[Q53_TSIG_MAC_MAX];
	size_t n = mac_end(c, mac);
	if (n != full || t.mac_len < 10 || t.mac_len < full / 2 || C.memcmp(mac, t.mac, t.mac_len) != 0) {
		ctx->error = Q53_TSIG_BADSIG;
		return 1;
	}
	if (t.mac_len < full) {
		ctx->error = Q53_TSIG_BADTRUNC;
		return 1;
	}
	memcpy(ctx->mac, t.mac, t.mac_len);
	ctx->mac_len = t.mac_len;
	/* 5.2.3: the time, after the MAC so a forged time cannot make us answer BADTIME. */
	if (absdiff(now, t.time) > t.fudge) {
		ctx->error = Q53_TSIG_BADTIME;
		return 1;
	}
	return 1;
}

int q53_tsig_sign(q53_tsig_ctx_t *ctx, uint8_t *buf, size_t len, size_t cap, uint64_t now)
{
	if (len < Q53_HEADER_LEN)
		return Q53_EINVAL;
	/* A request has no prior MAC; a response's first one is the request's (set by the verify). */
	bool request = ctx->nmsg == 0 && ctx->mac_len == 0 && ctx->error == 0;
	bool unsigned_err =
	    ctx->error == Q53_TSIG_BADKEY || ctx->error == Q53_TSIG_BADSIG || ctx->error == Q53_TSIG_BADTRUNC;
	if (ctx->key == NULL && !unsigned_err)
		return Q53_EINVAL;
	uint16_t id = q53_get16(buf);
	if (request)
		ctx->orig_id = id;
	/* RFC 8945 5.3.2: BADTIME answers carry our time in Other Data and the request's time signed. */
	uint8_t other[6];
	uint16_t other_len = 0;
	uint64_t time = now;
	if (ctx->error == Q53_TSIG_BADTIME) {
		put48(other, now);
		other_len = 6;
		time = ctx->time;
	}
	uint8_t mac[Q53_TSIG_MAC_MAX];
	size_t mac_len = 0;
	if (!unsigned_err) {
		/* We sign every message of a stream, so there is never an unsigned run to fold in. */
		EVP_MAC_CTX *c = mac_begin(ctx->key);
		if (c == NULL)
			return Q53_ENOMEM;
		if (ctx->mac_len > 0)
			mac_add_prior(c, ctx->mac, ctx->mac_len);
		mac_add_msg(c, buf, len, ctx->orig_id, false);
		mac_add_vars(c, ctx->key_name, ctx->alg_name, time, Q53_TSIG_FUDGE, ctx->error, other,
			     other_len, ctx->nmsg > 0);
		mac_len = mac_end(c, mac);
		if (mac_len == 0)
			return Q53_ENOMEM;
	}
	size_t kn = q53_name_len(ctx->key_name), an = q53_name_len(ctx->alg_name);
	size_t rdlen = an + 10 + mac_len + 6 + other_len;
	if (len + kn + 10 + rdlen > cap)
		return Q53_ENOSPACE;
	uint8_t *p = buf + len;
	memcpy(p, ctx->key_name, kn);
	p += kn;
	q53_put16(p, Q53_TYPE_TSIG);
	q53_put16(p + 2, Q53_CLASS_ANY);
	q53_put32(p + 4, 0);
	q53_put16(p + 8, (uint16_t)rdlen);
	p += 10;
	memcpy(p, ctx->alg_name, an);
	p += an;
	put48(p, time);
	q53_put16(p + 6, Q53_TSIG_FUDGE);
	q53_put16(p + 8, (uint16_t)mac_len);
	p += 10;
	memcpy(p, mac, mac_len);
	p += mac_len;
	q53_put16(p, ctx->orig_id);
	q53_put16(p + 2, ctx->error);
	q53_put16(p + 4, other_len);
	p += 6;
	memcpy(p, other, other_len);
	p += other_len;
	q53_put16(buf + 10, (uint16_t)(q53_get16(buf + 10) + 1));
	if (mac_len > 0) {
		memcpy(ctx->mac, mac, mac_len);
		ctx->mac_len = (uint16_t)mac_len;
	}
	ctx->nmsg++;
	return (int)(p - buf);
}

int q53_tsig_verify_response(q53_tsig_ctx_t *ctx, const uint8_t *msg, size_t len, uint64_t now)
{
	q53_tsig_rr_t t;
	int rc = q53_tsig_find(msg, len, &t);
	if (rc < 0)
		return Q53_EMALFORMED;
	/* The first response, and at least every 100th message after it, must be signed (5.3.1). */
	if (rc == 0 && (ctx->nmsg <= 1 || ctx->running_count >= 99))
		return Q53_EMALFORMED;
	if (ctx->key == NULL)
		return Q53_EMALFORMED;
	bool first = ctx->nmsg <= 1;
	EVP_MAC_CTX *c = ctx->running ? ctx->run : mac_begin(ctx->key);
	ctx->run = NULL;
	if (c == NULL)
		return Q53_ENOMEM;
	if (!ctx->running)
		mac_add_prior(c, ctx->mac, ctx->mac_len);
	ctx->running = false;
	if (rc == 0) {
		/* Unsigned: fold it in and wait for the next signed message. */
		mac_add_msg(c, msg, len, q53_get16(msg), false);
		ctx->run = c;
		ctx->running = true;
		ctx->running_count++;
		return 0;
	}
	ctx->running_count = 0;
	ctx->error = t.error;
	if (t.error != 0 || !q53_name_equal(t.key, ctx->key_name) ||
	    alg_from_wire(t.alg) != (int)ctx->key->alg || t.mac_len != algs[ctx->key->alg].len) {
		C.ctx_free(c);
		return Q53_EMALFORMED;
	}
	mac_add_msg(c, msg, t.start, t.orig_id, true);
	mac_add_vars(c, t.key, t.alg, t.time, t.fudge, t.error, t.other, t.other_len, !first);
	uint8_t mac[Q53_TSIG_MAC_MAX];
	size_t n = mac_end(c, mac);
	if (n != t.mac_len || C.memcmp(mac, t.mac, n) != 0)
		return Q53_EMALFORMED;
	if (absdiff(now, t.time) > t.fudge) {
		ctx->error = Q53_TSIG_BADTIME;
		return Q53_EMALFORMED;
	}
	memcpy(ctx->mac, mac, n);
	ctx->mac_len = (uint16_t)n;
	ctx->nmsg++;
	return 1;
}
