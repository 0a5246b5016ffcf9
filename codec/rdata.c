/*
 * RDATA of the types in the descriptor table (codec/rrtype.c): typed views over a checked record, the check
 * of uncompressed RDATA, and the presentation form in both directions.
 *
 * The text forms follow RFC 1035 5.1 (character-strings, \X and \DDD escapes, "@" for the origin), RFC 3596
 * 2.4 and RFC 5952 (AAAA), RFC 4034 2.2/5.3 (base64 keys, hex digests), RFC 8659 4.1 (CAA), RFC 9460 2.1
 * and appendix A (SVCB and HTTPS SvcParams, with the keys of RFC 9461 and RFC 9540) and RFC 3597 5 (the
 * generic "\# len hex" form, accepted for every type and printed for types without a layout, or whose
 * RDATA is not in the one form its text gives back). Both directions walk the same field kinds, so a type
 * added to the table gets its text form here for free. dig's display options (+multiline, +nocrypto,
 * +rrcomments, +unknownformat) change the text of some types the way dig 9.18 prints them: text for people,
 * which q53_rdata_from_text() need not take back. Nothing here allocates or keeps state between calls.
 */
#include "config.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <strings.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "q53/print.h"
#include "q53/rdata.h"
#include "q53/name.h"
#include "codec_int.h"

enum { RDATA_MAX = 65535 }; /* RDLENGTH is 16 bits (RFC 1035 3.2.1) */

/* ---- Typed views ------------------------------------------------------------------------------------- */

/* The RDATA of rr when it has type t and a non-empty body (class ANY/NONE updates carry none). */
static const uint8_t *body(const q53_rr_t *rr, uint16_t t)
{
	if (rr == NULL || rr->type != t || rr->rdlength == 0)
		return NULL;
	return rr->msg + rr->rdata;
}

int q53_rdata_a(const q53_rr_t *rr, uint8_t out[4])
{
	const uint8_t *p = body(rr, Q53_TYPE_A);
	if (p == NULL || out == NULL || rr->rdlength != 4)
		return Q53_EINVAL;
	memcpy(out, p, 4);
	return 0;
}

int q53_rdata_aaaa(const q53_rr_t *rr, uint8_t out[16])
{
	const uint8_t *p = body(rr, Q53_TYPE_AAAA);
	if (p == NULL || out == NULL || rr->rdlength != 16)
		return Q53_EINVAL;
	memcpy(out, p, 16);
	return 0;
}

int q53_rdata_name(const q53_rr_t *rr, uint8_t *out)
{
	if (rr == NULL || out == NULL || rr->rdlength == 0)
		return Q53_EINVAL;
	/* Single-name types are exactly the rows whose only field is a name. */
	const rrtype *d = q53__rrtype(rr->type);
	if (d == NULL || !rdf_is_name(d->f[0]) || d->f[1] != RDF_END)
		return Q53_EINVAL;
	return (int)q53__name_unpack(rr->msg, rr->rdata, out);
}

int q53_rdata_soa(const q53_rr_t *rr, q53_soa_t *out)
{
	if (body(rr, Q53_TYPE_SOA) == NULL || out == NULL)
		return Q53_EINVAL;
	size_t p = rr->rdata;
	q53__name_unpack(rr->msg, p, out->mname);
	p = q53__name_skip(rr->msg, p);
	q53__name_unpack(rr->msg, p, out->rname);
	p = q53__name_skip(rr->msg, p);
	const uint8_t *t = rr->msg + p;
	out->serial = q53_get32(t);
	out->refresh = q53_get32(t + 4);
	out->retry = q53_get32(t + 8);
	out->expire = q53_get32(t + 12);
	out->minimum = q53_get32(t + 16);
	return 0;
}

int q53_rdata_mx(const q53_rr_t *rr, q53_mx_t *out)
{
	const uint8_t *p = body(rr, Q53_TYPE_MX);
	if (p == NULL || out == NULL)
		return Q53_EINVAL;
	out->preference = q53_get16(p);
	q53__name_unpack(rr->msg, rr->rdata + 2u, out->exchange);
	return 0;
}

int q53_rdata_srv(const q53_rr_t *rr, q53_srv_t *out)
{
	const uint8_t *p = body(rr, Q53_TYPE_SRV);
	if (p == NULL || out == NULL)
		return Q53_EINVAL;
	out->priority = q53_get16(p);
	out->weight = q53_get16(p + 2);
	out->port = q53_get16(p + 4);
	q53__name_unpack(rr->msg, rr->rdata + 6u, out->target);
	return 0;
}

int q53_rdata_caa(const q53_rr_t *rr, q53_caa_t *out)
{
	const uint8_t *p = body(rr, Q53_TYPE_CAA);
	if (p == NULL || out == NULL)
		return Q53_EINVAL;
	/* RFC 8659 4.1: flags, tag length, tag, then the value up to the end of RDATA. */
	out->flags = p[0];
	out->tag_len = p[1];
	out->tag = p + 2;
	out->value = p + 2 + p[1];
	out->value_len = (uint16_t)(rr->rdlength - 2u - p[1]);
	return 0;
}

int q53_rdata_txt_next(const q53_rr_t *rr, size_t *pos, const uint8_t **str, size_t *len)
{
	if (rr == NULL || rr->type != Q53_TYPE_TXT || pos == NULL || str == NULL || len == NULL)
		return Q53_EINVAL;
	if (*pos >= rr->rdlength)
		return 0;
	const uint8_t *p = rr->msg + rr->rdata;
	size_t l = p[*pos];
	/* The reader framed the strings; a *pos that is not a string start can still overrun. */
	if (*pos + 1 + l > rr->rdlength)
		return Q53_EINVAL;
	*str = p + *pos + 1;
	*len = l;
	*pos += 1 + l;
	return 1;
}

/* ---- Checking uncompressed RDATA --------------------------------------------------------------------- */

static bool alnum(uint8_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* RFC 8659 4.1: a tag is one to 255 US-ASCII letters and digits. p is a character-string. */
static bool tag_ok(const uint8_t *p)
{
	if (p[0] == 0)
		return false;
	for (unsigned i = 1; i <= p[0]; i++)
		if (!alnum(p[i]))
			return false;
	return true;
}

int q53_rdata_check(uint16_t type, const uint8_t *rdata, size_t len)
{
	static const uint8_t none[1] = {0};
	const rrtype *d = q53__rrtype(type);
	if (d == NULL)
		return 0;
	if (rdata == NULL) {
		if (len > 0)
			return Q53_ERDATA;
		rdata = none;
	}
	/* Invariant: rdata[0..p) holds the fields before f[i], each complete and valid. */
	size_t p = 0;
	for (unsigned i = 0; i < RDF_MAX && d->f[i] != RDF_END; i++) {
		unsigned k = d->f[i];
		if (rdf_is_name(k)) {
			int n = q53_name_check(rdata + p, len - p);
			if (n < 0)
				return Q53_ERDATA;
			p += (size_t)n;
			continue;
		}
		long n = q53__rdf_len(k, rdata + p, len - p);
		if (n < 0 || (k == RDF_TAG && !tag_ok(rdata + p)))
			return Q53_ERDATA;
		p += (size_t)n;
	}
	return p == len ? 0 : Q53_ERDATA;
}

/* ---- RDATA to text ----------------------------------------------------------------------------------- */

/* Output with the snprintf contract: n counts every character, buf gets the ones that fit before the NUL. */
typedef struct sink {
	char *buf;
	size_t size;
	size_t n;
} sink;

static void put(sink *s, char c)
{
	if (s->n + 1 < s->size)
		s->buf[s->n] = c;
	s->n++;
}

static void puts_(sink *s, const char *str)
{
	while (*str)
		put(s, *str++);
}

static void put_u(sink *s, uint32_t v)
{
	char t[11];
	int n = snprintf(t, sizeof t, "%lu", (unsigned long)v);
	if (n > 0)
		puts_(s, t);
}

static const char hexdig[] = "0123456789ABCDEF";

/* The style's Q53_STYLE_SPLIT() width in characters, 0 for none. */
static unsigned split_width(const q53_style_t *st)
{
	return st != NULL ? (st->flags & Q53_STYLE_SPLIT_MASK) >> 16 << 2 : 0;
}

/*
 * One character of a hex or base64 field, brk before it every split characters (dig +split): a space, or
 * under +multiline the line break.
 */
static void put_chunked(sink *s, char c, size_t *col, unsigned split, const char *brk)
{
	if (split != 0 && *col != 0 && *col % split == 0)
		puts_(s, brk);
	put(s, c);
	(*col)++;
}

/* Hex of p[0..n) that continues a field whose first *col characters are written. */
static void put_hex_more(sink *s, const uint8_t *p, size_t n, size_t *col, unsigned split, const char *brk)
{
	for (size_t i = 0; i < n; i++) {
		put_chunked(s, hexdig[p[i] >> 4], col, split, brk);
		put_chunked(s, hexdig[p[i] & 15], col, split, brk);
	}
}

/* Out of line, as are put_generic() and tsig_to_text(): libq53 is 192 octets smaller (size goal, issue 6). */
static Q53_NOINLINE void put_hex(sink *s, const uint8_t *p, size_t n, unsigned split, const char *brk)
{
	size_t col = 0;
	put_hex_more(s, p, n, &col, split, brk);
}

static const char b64dig[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b32dig[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";

/*
 * Octets as characters of w bits each from dig (RFC 4648: base64 6, base32hex 5), without padding; brk
 * every split characters when split is not 0. Returns the characters written.
 */
static size_t put_base(sink *s, const uint8_t *p, size_t n, const char *dig, unsigned w, unsigned split,
		       const char *brk)
{
	size_t col = 0;
	uint32_t acc = 0, mask = (1u << w) - 1;
	unsigned bits = 0;
	/* Invariant: the bits of p[0..i) are written but for the last bits (< w) held in acc. */
	for (size_t i = 0; i < n; i++) {
		acc = acc << 8 | p[i];
		bits += 8;
		while (bits >= w) {
			bits -= w;
			put_chunked(s, dig[acc >> bits & mask], &col, split, brk);
		}
	}
	if (bits > 0)
		put_chunked(s, dig[acc << (w - bits) & mask], &col, split, brk);
	return col;
}

/* RFC 4648 4 with padding; brk every split characters when split is not 0. */
static void put_b64(sink *s, const uint8_t *p, size_t n, unsigned split, const char *brk)
{
	size_t col = put_base(s, p, n, b64dig, 6, split, brk);
	for (size_t pad = (3 - n % 3) % 3; pad > 0; pad--)
		put_chunked(s, '=', &col, split, brk);
}

/* Days since 1970-01-01 to a civil date (proleptic Gregorian), for the years 1970 to 2106. */
static void civil(uint32_t days, unsigned *y, unsigned *m, unsigned *d)
{
	/* Counted in 400-year eras from 0000-03-01, so that leap days fall at the end of a year. */
	uint32_t z = days + 719468u, era = z / 146097u, doe = z - era * 146097u;
	uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* RFC 4034 3.2: YYYYMMDDHHmmSS in UTC, the field read as unsigned seconds since 1970. */
static void put_time(sink *s, uint32_t t)
{
	unsigned y, mo, d;
	civil(t / 86400, &y, &mo, &d);
	uint32_t r = t % 86400;
	unsigned v[6] = {y, mo, d, (unsigned)(r / 3600), (unsigned)(r / 60 % 60), (unsigned)(r % 60)};
	put_u(s, v[0]);
	for (unsigned i = 1; i < 6; i++) {
		put(s, (char)('0' + v[i] / 10));
		put(s, (char)('0' + v[i] % 10));
	}
}

/*
 * The types of a bitmap (already framed by q53__rdf_len()) as mnemonics, one space apart; with wbrk, each
 * window starts with it instead (NSEC3 under +multiline: dig's typemap_totext() puts every window on a line
 * of its own).
 */
static void put_bitmap(sink *s, const uint8_t *p, size_t n, const char *wbrk)
{
	bool first = true;
	for (size_t i = 0; i < n; i += 2u + p[i + 1]) {
		if (wbrk != NULL) {
			puts_(s, wbrk);
			first = true;
		}
		for (unsigned o = 0; o < p[i + 1]; o++)
			for (unsigned b = 0; b < 8; b++) {
				if (!(p[i + 2 + o] & (0x80u >> b)))
					continue;
				char t[16];
				q53_type_to_text((uint16_t)((unsigned)p[i] << 8 | (o * 8 + b)), t, sizeof t);
				if (!first)
					put(s, ' ');
				puts_(s, t);
				first = false;
			}
	}
}

/* A bitmap in the one form its text gives back (RFC 4034 4.1.2): windows ascending, no trailing zero. */
static bool bitmap_ok(const uint8_t *p, size_t n)
{
	int last = -1;
	for (size_t i = 0; i < n; i += 2u + p[i + 1]) {
		if ((int)p[i] <= last || p[i + 1 + p[i + 1]] == 0)
			return false;
		last = p[i];
	}
	return true;
}

/* An octet inside quotes (RFC 1035 5.1): '"' and '\' escaped, octets below lo or past '~' as \DDD. */
static void put_char(sink *s, uint8_t c, uint8_t lo)
{
	if (c < lo || c > 0x7E) {
		put(s, '\\');
		put(s, (char)('0' + c / 100));
		put(s, (char)('0' + c / 10 % 10));
		put(s, (char)('0' + c % 10));
		return;
	}
	if (c == '"' || c == '\\')
		put(s, '\\');
	put(s, (char)c);
}

/* Octets as a quoted character-string, only printable ASCII inside. */
static void put_quoted(sink *s, const uint8_t *p, size_t n)
{
	put(s, '"');
	for (size_t i = 0; i < n; i++)
		put_char(s, p[i], 0x20);
	put(s, '"');
}

/* An address as inet_ntop() writes it: RFC 5952 for IPv6 (RFC 3596 2.4). */
static void put_addr(sink *s, int af, const uint8_t *a)
{
	char t[INET6_ADDRSTRLEN];
	/* Cannot fail: the buffer holds the longest form. */
	puts_(s, inet_ntop(af, a, t, sizeof t) != NULL ? t : "?");
}

/* ---- SvcParams (RFC 9460 2.2): what both directions share ---------------------------------------- */

enum {
	SVC_MANDATORY,
	SVC_ALPN,
	SVC_NO_DEFAULT_ALPN,
	SVC_PORT,
	SVC_IPV4HINT,
	SVC_ECH,
	SVC_IPV6HINT,
	SVC_DOHPATH,
	SVC_OHTTP,
	SVC_NAMED,
	SVC_INVALID = 65535 /* reserved as the "Invalid key" (RFC 9460 14.3.2) */
};

/* The keys with a name, in key order: RFC 9460 14.3.2, RFC 9461 5 (dohpath), RFC 9540 4 (ohttp). */
static const char svc_names[] =
    "mandatory\0alpn\0no-default-alpn\0port\0ipv4hint\0ech\0ipv6hint\0dohpath\0ohttp";

/*
 * True when v[0..n) is a value the text form of key writes (RFC 9460 7 and 8, RFC 9461 5, RFC 9540 4): the
 * printer writes only what reads back to the same octets, and the parser holds every value to it.
 */
static bool svc_value_ok(unsigned key, const uint8_t *v, size_t n)
{
	switch (key) {
	case SVC_MANDATORY:
		/* One or more keys, ascending, neither "mandatory" itself nor the invalid key. */
		if (n == 0 || n % 2 != 0)
			return false;
		for (size_t i = 0; i < n; i += 2) {
			unsigned k = q53_get16(v + i);
			if (k == SVC_MANDATORY || k == SVC_INVALID || (i > 0 && k <= q53_get16(v + i - 2)))
				return false;
		}
		return true;
	case SVC_ALPN:
		/* One or more alpn-ids, each a non-empty character-string. Invariant: v[0..i) are whole
		 * alpn-ids. */
		if (n == 0)
			return false;
		for (size_t i = 0; i < n; i += 1u + v[i])
			if (v[i] == 0 || n - i - 1 < v[i])
				return false;
		return true;
	case SVC_NO_DEFAULT_ALPN:
	case SVC_OHTTP:
		return n == 0;
	case SVC_PORT:
		return n == 2;
	case SVC_IPV4HINT:
		return n > 0 && n % 4 == 0;
	case SVC_IPV6HINT:
		return n > 0 && n % 16 == 0;
	case SVC_ECH:
	case SVC_DOHPATH:
		return n > 0;
	default:
		return key != SVC_INVALID;
	}
}

/*
 * Self-consistency of ascending SvcParams p[0..n) (RFC 9460 2.4.3): every key "mandatory" lists is present
 * (8), and "no-default-alpn" comes with "alpn" (7.1.1). Returns -1, or the key whose rule is broken.
 */
static int svc_inconsistent(const uint8_t *p, size_t n)
{
	bool alpn = false, nda = false;
	for (size_t i = 0; i < n; i += 4u + q53_get16(p + i + 2)) {
		alpn |= q53_get16(p + i) == SVC_ALPN;
		nda |= q53_get16(p + i) == SVC_NO_DEFAULT_ALPN;
	}
	if (nda && !alpn)
		return SVC_NO_DEFAULT_ALPN;
	/* "mandatory" is key 0, so first when present; its keys and the params are both ascending. */
	if (n == 0 || q53_get16(p) != SVC_MANDATORY)
		return -1;
	size_t len = q53_get16(p + 2), q = 4 + len;
	/* Invariant: every param before q has a key below the listed key at i. */
	for (size_t i = 0; i < len; i += 2) {
		unsigned want = q53_get16(p + 4 + i);
		while (q < n && q53_get16(p + q) < want)
			q += 4u + q53_get16(p + q + 2);
		if (q >= n || q53_get16(p + q) != want)
			return SVC_MANDATORY;
	}
	return -1;
}

/*
 * SvcParams (framed by q53__rdf_len()) in the one form their text gives back: keys strictly ascending,
 * each value as its key's text form writes it, and self-consistent. Anything else prints as RFC 3597, as
 * the wire may carry it but text could not.
 */
static bool svc_ok(const uint8_t *p, size_t n)
{
	long last = -1;
	for (size_t i = 0; i < n; i += 4u + q53_get16(p + i + 2)) {
		unsigned key = q53_get16(p + i);
		if ((long)key <= last || !svc_value_ok(key, p + i + 4, q53_get16(p + i + 2)))
			return false;
		last = key;
	}
	return svc_inconsistent(p, n) < 0;
}

static void put_svc_key(sink *s, unsigned key)
{
	if (key >= SVC_NAMED) {
		puts_(s, "key");
		put_u(s, key);
		return;
	}
	puts_(s, q53__nth_str(svc_names, key));
}

/*
 * SvcParams (checked by svc_ok()) as dig writes them: "key=value" one space apart, the key alone when the
 * value is empty; lists with commas, alpn quoted, dohpath and keyNNNNN values as quoted character-strings.
 */
static void put_svcparams(sink *s, const uint8_t *p, size_t n)
{
	/* Invariant: p[0..i) are whole params, printed. */
	for (size_t i = 0; i < n;) {
		unsigned key = q53_get16(p + i);
		size_t len = q53_get16(p + i + 2), w;
		const uint8_t *v = p + i + 4;
		if (i > 0)
			put(s, ' ');
		put_svc_key(s, key);
		i += 4 + len;
		if (len == 0)
			continue;
		put(s, '=');
		if (key == SVC_PORT) {
			put_u(s, q53_get16(v));
			continue;
		}
		if (key == SVC_ECH) {
			/* Base64 in one piece: a space would end the param. */
			put_b64(s, v, len, 0, " ");
			continue;
		}
		if (key > SVC_IPV6HINT) {
			put_quoted(s, v, len);
			continue;
		}
		/* The lists: mandatory, alpn (quoted), ipv4hint, ipv6hint. */
		if (key == SVC_ALPN)
			put(s, '"');
		for (size_t j = 0; j < len; j += w) {
			if (j > 0)
				put(s, ',');
			if (key == SVC_MANDATORY) {
				w = 2;
				put_svc_key(s, q53_get16(v + j));
			} else if (key == SVC_ALPN) {
				/* An alpn-id: "," and "\" escaped for the value list (RFC 9460 A.1), and that
				 * escape again for the character-string: "\\," and "\\\\"; blanks as \DDD. */
				w = 1u + v[j];
				for (size_t k = 1; k < w; k++) {
					uint8_t c = v[j + k];
					if (c == ',' || c == '\\')
						puts_(s, "\\\\");
					put_char(s, c, 0x21);
				}
			} else {
				w = key == SVC_IPV4HINT ? 4 : 16;
				put_addr(s, w == 4 ? AF_INET : AF_INET6, v + j);
			}
		}
		if (key == SVC_ALPN)
			put(s, '"');
	}
}

/* A name through the style's hook (U-labels in the CLI) or q53_name_to_text(). Returns 0 or its error. */
static int put_name(sink *s, const uint8_t *name, const q53_style_t *st)
{
	char *dst = s->n < s->size ? s->buf + s->n : NULL;
	size_t room = s->n < s->size ? s->size - s->n : 0;
	int n = st != NULL && st->name_hook != NULL ? st->name_hook(name, dst, room, st->hook_ctx)
						    : q53_name_to_text(name, dst, room);
	if (n < 0)
		return n;
	s->n += (size_t)n;
	return 0;
}

/*
 * How RDATA is laid out, after dig 9.18's text context (lib/dns/rdata.c): where hex and base64 fields are
 * cut and what goes between the pieces, and the style bits that change the text of some types.
 */
typedef struct tctx {
	const q53_style_t *st;
	unsigned split;	 /* piece width of hex and base64 fields, 0: whole */
	const char *brk; /* between pieces, and where +multiline breaks the line: " " or ml_break */
	bool ml;	 /* Q53_STYLE_MULTILINE, in record lines only */
	bool nocrypto;
	bool comments;
	bool hex; /* the RDATA as hex, names uncompressed, for the RFC 3597 form (put_generic()) */
} tctx;

/*
 * The +multiline line break: dig's layouts for it all put the RDATA at column 32, and every line after the
 * first starts there, reached with tabs from column 0 (masterdump.c, totext_ctx_init()).
 */
static const char ml_break[] = "\n\t\t\t\t";

/*
 * Offset just past a possibly compressed name at off that must start before end; only its in-place octets
 * are checked against end (the reader checked the pointers). Returns 0 when it does not fit.
 */
static size_t skip_name(const uint8_t *m, size_t off, size_t end)
{
	/* Invariant: m[start..off) are whole labels lying before end. */
	while (off < end) {
		unsigned c = m[off];
		if (c == 0)
			return off + 1;
		if ((c & 0xC0) == 0xC0)
			return off + 2 <= end ? off + 2 : 0;
		off += c + 1u;
	}
	return 0;
}

#if !Q53_CODEC_SMALL
/*
 * RFC 1876 2: a precision is a digit and a power of ten. A zero digit with a power above 1 is zero written
 * another way, which no text reads back to.
 */
static bool loc_prec_ok(unsigned v)
{
	return (v >> 4) <= 9 && (v & 15) <= 9 && ((v >> 4) != 0 || (v & 15) == 0);
}

/*
 * A LOC that has a text form (RFC 1876 3): version 0, precisions of digits, a latitude within 90 degrees
 * and a longitude within 180 of the equator and the meridian (2^31 in both); another prints as RFC 3597.
 */
static bool loc_ok(const uint8_t *p, size_t n)
{
	/* Another version may be shorter than 16 octets: nothing past its first is read. */
	if (n != 16 || p[0] != 0)
		return false;
	uint32_t lat = q53_get32(p + 4), lon = q53_get32(p + 8), half = UINT32_C(1) << 31;
	return loc_prec_ok(p[1]) && loc_prec_ok(p[2]) && loc_prec_ok(p[3]) &&
	       (lat > half ? lat - half : half - lat) <= 90u * 3600000u &&
	       (lon > half ? lon - half : half - lon) <= 180u * 3600000u;
}

/*
 * APL items that have a text form reading back to them (RFC 3123 4): IPv4 or IPv6, a prefix and an address
 * part within the family's size, and no trailing zero octet (which the text cannot say and 4.1 forbids).
 */
static bool apl_ok(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i += 4u + (p[i + 3] & 0x7Fu)) {
		unsigned afi = q53_get16(p + i), len = p[i + 3] & 0x7Fu, max = afi == 1 ? 4 : 16;
		if ((afi != 1 && afi != 2) || p[i + 2] > 8 * max || len > max ||
		    (len > 0 && p[i + 3 + len] == 0))
			return false;
	}
	return true;
}

/* An ATMA with a text form: AESA (format 0), or E.164 (format 1) of digits only. */
static bool atma_ok(const uint8_t *p, size_t n)
{
	if (p[0] == 0)
		return true;
	if (p[0] != 1)
		return false;
	for (size_t i = 1; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}
#endif

/*
 * Whether the field of kind k at p[0..n), framed by q53__rdf_len(), has a text that reads back to it: a
 * CAA tag of other octets, a LOC of another version, a WKS or NXT bitmap ending in a zero octet, an A6
 * suffix with bits inside its prefix... have none. libq53 has no rows of the kinds it leaves out.
 */
static bool field_has_text(unsigned k, const uint8_t *p, size_t n)
{
	switch (k) {
	case RDF_TAG:
		return tag_ok(p);
	case RDF_BITMAP:
		return bitmap_ok(p, n);
	case RDF_SVCPARAMS:
		return svc_ok(p, n);
#if !Q53_CODEC_SMALL
	case RDF_LOC:
		return loc_ok(p, n);
	case RDF_APL:
		return apl_ok(p, n);
	case RDF_WKS:
		return n == 5 || p[n - 1] != 0;
	case RDF_NXTMAP:
		return n == 0 || p[n - 1] != 0;
	case RDF_A6:
		return p[0] % 8 == 0 || p[0] >= 128 || (p[1] >> (8 - p[0] % 8)) == 0;
	case RDF_ATMA:
		return atma_ok(p, n);
#endif
	default:
		return true;
	}
}

/*
 * How the fields of d fit rr's RDATA: FIT_NONE when they do not frame it exactly, FIT_FRAMED when they do
 * but some field has no text that reads back to it (a CAA tag of other octets, a LOC of another version...:
 * RFC 3597 form, its names uncompressed), FIT_TEXT when it has its typed text. The reader only checked
 * lengths.
 */
enum { FIT_NONE, FIT_FRAMED, FIT_TEXT };

static int layout_fit(const q53_rr_t *rr, const rrtype *d)
{
	const uint8_t *m = rr->msg;
	size_t p = rr->rdata, end = p + rr->rdlength;
	bool text = true;
	for (unsigned i = 0; i < RDF_MAX && d->f[i] != RDF_END; i++) {
		unsigned k = d->f[i];
		if (rdf_is_name(k)) {
			p = skip_name(m, p, end);
			if (p == 0)
				return FIT_NONE;
			continue;
		}
		long n = q53__rdf_len(k, m + p, end - p);
		if (n < 0)
			return FIT_NONE;
		if (!field_has_text(k, m + p, (size_t)n))
			text = false;
		p += (size_t)n;
	}
	return p != end ? FIT_NONE : text ? FIT_TEXT : FIT_FRAMED;
}

/*
 * A TTL as dig 9.18's dns_ttl_totext() writes it: "1d2h3m4s" (weeks, days, hours, minutes, seconds, each
 * left out when 0, "0s" for 0), or in words: "1 day 2 hours 3 minutes 4 seconds", "0 seconds".
 */
static void put_ttl(sink *s, uint32_t v, bool verbose)
{
	static const struct {
		uint32_t secs;
		char unit[8];
	} units[] = {{604800, "week"}, {86400, "day"}, {3600, "hour"}, {60, "minute"}, {1, "second"}};
	bool any = false;
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		uint32_t k = v / units[i].secs;
		v %= units[i].secs;
		if (k == 0 && (units[i].secs != 1 || any))
			continue;
		if (any && verbose)
			put(s, ' ');
		put_u(s, k);
		if (verbose) {
			put(s, ' ');
			puts_(s, units[i].unit);
			if (k != 1)
				put(s, 's');
		} else {
			put(s, units[i].unit[0]);
		}
		any = true;
	}
}

int q53__ttl_to_text(uint32_t ttl, bool verbose, char *buf, size_t size)
{
	sink s = {buf, size, 0};
	put_ttl(&s, ttl, verbose);
	if (size > 0)
		buf[s.n < size ? s.n : size - 1] = '\0';
	return (int)s.n;
}

/* The types whose text dig's display options change and that wire.h does not name. */
enum {
	T_KEY = 25,
	T_SSHFP = 44,
	T_TLSA = 52,
	T_SMIMEA = 53,
	T_CDS = 59,
	T_CDNSKEY = 60,
	T_OPENPGPKEY = 61,
	T_ZONEMD = 63,
	T_DHCID = 49,
	T_CERT = 37,
	T_IPSECKEY = 45,
	T_EID = 31,
	T_NIMLOC = 32,
	T_SINK = 40,
	T_RKEY = 57,
	T_HIP = 55,
	T_TA = 32768,
	T_DLV = 32769,
};

/* DNSKEY flags (RFC 4034 2.1.1, RFC 5011 7), and the algorithm whose key starts with its name (A.1.1). */
enum { KEY_FLAG_SEP = 0x0001, KEY_FLAG_REVOKE = 0x0080, ALG_PRIVATEDNS = 253 };

/*
 * "key id = N", N the key tag of rr's DNSKEY RDATA (RFC 4034 appendix B): the sum of its 16-bit words,
 * folded. dig 9.18 sums algorithm 1 keys too, instead of taking B.1's modulus octets, and so does this.
 */
static void put_key_id(sink *s, const q53_rr_t *rr)
{
	const uint8_t *p = rr->msg + rr->rdata;
	uint32_t ac = 0;
	for (size_t i = 0; i < rr->rdlength; i++)
		ac += i % 2 == 0 ? (uint32_t)p[i] << 8 : p[i];
	ac += ac >> 16 & 0xFFFFu;
	puts_(s, "key id = ");
	put_u(s, ac & 0xFFFFu);
}

/*
 * DNSSEC algorithm mnemonics as dig 9.18 writes them (its dns_secalg_format()), those of 0 to 16 and then
 * of 252 to 254, "" where dig writes the number. One string, as svc_names: no pointers to relocate.
 */
static const char alg_names[] =
    "\0RSAMD5\0DH\0DSA\0\0RSASHA1\0NSEC3DSA\0NSEC3RSASHA1\0RSASHA256\0\0RSASHA512\0\0"
    "ECCGOST\0ECDSAP256SHA256\0ECDSAP384SHA384\0ED25519\0ED448\0INDIRECT\0PRIVATEDNS\0"
    "PRIVATEOID";

/* The mnemonic of alg, or NULL for a number. */
static const char *alg_name(unsigned alg)
{
	unsigned i = alg <= 16 ? alg : alg >= 252 && alg <= 254 ? alg - 235 : 20;
	if (i >= 20)
		return NULL;
	const char *m = q53__nth_str(alg_names, i);
	return *m != '\0' ? m : NULL;
}

/* A value by its mnemonic, or its number where it has none. */
static void put_mnemonic(sink *s, const char *name, unsigned v)
{
	if (name != NULL)
		puts_(s, name);
	else
		put_u(s, v);
}

/*
 * The comment dig 9.18 writes after a DNSKEY or CDNSKEY under +rrcomments: " ; KSK; alg = ECDSAP256SHA256
 * ; key id = 12345" ("revoked KSK" with RFC 5011's REVOKE bit, "ZSK" without the SEP bit); after a KEY
 * (RFC 2535) or an RKEY, whose flags mean other things, only from "; alg". For a PRIVATEDNS key the algorithm
 * is the domain name its key starts with, without the final dot.
 */
static void put_key_comment(sink *s, const q53_rr_t *rr)
{
	const uint8_t *p = rr->msg + rr->rdata;
	unsigned flags = q53_get16(p), alg = p[3];
	if (rr->type != T_KEY && rr->type != T_RKEY) {
		puts_(s, " ; ");
		puts_(s, !(flags & KEY_FLAG_SEP) ? "ZSK" : flags & KEY_FLAG_REVOKE ? "revoked KSK" : "KSK");
	}
	puts_(s, "; alg = ");
	if (alg == ALG_PRIVATEDNS && q53_name_check(p + 4, rr->rdlength - 4u) > 0) {
		/* The name without its final dot, which the root alone keeps; checked, so it cannot fail. */
		put_name(s, p + 4, NULL);
		if (p[4] != 0)
			s->n--;
	} else {
		put_mnemonic(s, alg_name(alg), alg);
	}
	puts_(s, " ; ");
	put_key_id(s, rr);
}

/*
 * An SOA number under +multiline with comments (dig's soa_6.c): padded to 10 columns and named, the four
 * times also in words, as in "7200       ; refresh (2 hours)". i counts from the serial.
 */
static void put_soa_comment(sink *s, unsigned i, uint32_t v)
{
	static const char names[5][8] = {"serial", "refresh", "retry", "expire", "minimum"};
	size_t at = s->n;
	put_u(s, v);
	while (s->n - at < 10)
		put(s, ' ');
	puts_(s, " ; ");
	puts_(s, names[i]);
	if (i > 0) {
		puts_(s, " (");
		put_ttl(s, v, true);
		put(s, ')');
	}
}

/*
 * What dig 9.18 does with the text of a type under the display options: the field before which +multiline
 * opens the parenthesis and breaks the line (its totext of each type; DISPLAY_ONE_LINE for a type that
 * stays on one line), and the flags. OPENPGPKEY opens it before its only field; SOA puts each of its
 * numbers on a line of its own.
 */
enum {
	DISPLAY_ONE_LINE = 15,
	DISPLAY_KEY =
	    1u << 4, /* DNSKEY, CDNSKEY, KEY, RKEY: the key comment, "[key id = N]" under +nocrypto */
	DISPLAY_OMIT = 1u << 5, /* +nocrypto writes "[omitted]" for the digest, signature or key */
};

static unsigned display(uint16_t type)
{
	static const uint16_t how[][2] = {
	    {Q53_TYPE_SOA, 2},
	    {T_SSHFP, 2},
	    {Q53_TYPE_DS, 3 | DISPLAY_OMIT},
	    {T_CDS, 3 | DISPLAY_OMIT},
	    {T_ZONEMD, 3 | DISPLAY_OMIT},
	    {Q53_TYPE_DNSKEY, 3 | DISPLAY_KEY},
	    {T_KEY, 3 | DISPLAY_KEY},
	    {Q53_TYPE_SIG, 5},
	    {T_DHCID, 0},
	    {T_CERT, 3},
	    {T_IPSECKEY, 0},
	    {T_EID, 0},
	    {T_NIMLOC, 0},
	    {T_SINK, 3},
	    {T_RKEY, 3 | DISPLAY_KEY},
	    {T_HIP, 0},
	    {T_TA, 3 | DISPLAY_OMIT},
	    {T_DLV, 3 | DISPLAY_OMIT},
	    {T_CDNSKEY, 3 | DISPLAY_KEY},
	    {T_TLSA, 3},
	    {T_SMIMEA, 3},
	    {Q53_TYPE_RRSIG, 4 | DISPLAY_OMIT},
	    {Q53_TYPE_NSEC3, 4},
	    {T_OPENPGPKEY, DISPLAY_OMIT},
	};
	for (size_t i = 0; i < sizeof how / sizeof how[0]; i++)
		if (how[i][0] == type)
			return how[i][1];
	return DISPLAY_ONE_LINE;
}

#if !Q53_CODEC_SMALL
/* "d m s.sss H" of a LOC latitude or longitude (dig writes the equator and the meridian as N and E). */
static void put_loc_angle(sink *s, uint32_t v, const char *hemis)
{
	uint32_t half = UINT32_C(1) << 31, a = v > half ? v - half : half - v;
	put_u(s, a / 3600000u);
	put(s, ' ');
	put_u(s, a / 60000u % 60u);
	put(s, ' ');
	put_u(s, a / 1000u % 60u);
	put(s, '.');
	put_u(s, a % 1000u / 100u);
	put_u(s, a % 100u / 10u);
	put_u(s, a % 10u);
	put(s, ' ');
	put(s, hemis[v >= half]);
}

/* A LOC precision (mantissa and power of ten, in centimetres) in metres, as dig writes it. */
static void put_loc_prec(sink *s, unsigned v)
{
	static const uint32_t pow10[10] = {1,	   10,	    100,      1000,	 10000,
					   100000, 1000000, 10000000, 100000000, 1000000000};
	put(s, ' ');
	if ((v & 15) > 1) {
		put_u(s, (v >> 4) * pow10[(v & 15) - 2]);
	} else {
		uint32_t cm = (v >> 4) * pow10[v & 15];
		puts_(s, "0.");
		put_u(s, cm / 10u);
		put_u(s, cm % 10u);
	}
	put(s, 'm');
}

/*
 * RFC 1876 3 as dig writes it: "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m" (degrees, minutes,
 * seconds; the altitude above the WGS 84 spheroid less 100,000 m; size, horizontal and vertical precision).
 */
static void put_loc(sink *s, const uint8_t *p)
{
	put_loc_angle(s, q53_get32(p + 4), "SN");
	put(s, ' ');
	put_loc_angle(s, q53_get32(p + 8), "WE");
	put(s, ' ');
	uint32_t alt = q53_get32(p + 12), base = 10000000u;
	if (alt < base)
		put(s, '-');
	alt = alt < base ? base - alt : alt - base;
	put_u(s, alt / 100u);
	put(s, '.');
	put_u(s, alt % 100u / 10u);
	put_u(s, alt % 10u);
	put(s, 'm');
	for (unsigned i = 1; i <= 3; i++)
		put_loc_prec(s, p[i]);
}

static const char hexlow[] = "0123456789abcdef";

/* An octet as two lower-case hex digits, as dig writes EUI, NSAP and ATMA addresses. */
static void put_xpair(sink *s, uint8_t v)
{
	put(s, hexlow[v >> 4]);
	put(s, hexlow[v & 15u]);
}

/* RFC 7043 3.2: hex pairs, lower case as dig writes them, between hyphens. */
static void put_eui(sink *s, const uint8_t *f, size_t n)
{
	for (size_t j = 0; j < n; j++) {
		if (j > 0)
			put(s, '-');
		put_xpair(s, f[j]);
	}
}

/* CERT types by mnemonic (RFC 4398 2.1): 1 to 8, then URI (253) and OID (254). */
static const char cert_names[] = "\0PKIX\0SPKI\0PGP\0IPKIX\0ISPKI\0IPGP\0ACPKIX\0IACPKIX\0URI\0OID";

static const char *cert_name(unsigned v)
{
	unsigned i = v >= 1 && v <= 8 ? v : v == 253 || v == 254 ? v - 244 : 0;
	return i == 0 ? NULL : q53__nth_str(cert_names, i);
}

/* A gateway or relay of type 0 to 3 at g (RFC 4025 2.5, RFC 8777 4.2.4): ".", IPv4, IPv6 or a name. */
static int put_gateway(sink *s, unsigned type, const uint8_t *g, const q53_style_t *st)
{
	if (type == 0)
		put(s, '.');
	else if (type < 3)
		put_addr(s, type == 1 ? AF_INET : AF_INET6, g);
	else
		return put_name(s, g, st);
	return 0;
}

/* IPSECKEY's gateway type, algorithm and gateway (RFC 4025 2.3-2.5), framed by q53__rdf_len(). */
static int put_ipsecgw(sink *s, const uint8_t *f, const q53_style_t *st)
{
	put_u(s, f[0]);
	put(s, ' ');
	put_u(s, f[1]);
	put(s, ' ');
	return put_gateway(s, f[0], f + 2, st);
}

/* AMTRELAY's D bit, relay type and relay (RFC 8777 4.3), framed by q53__rdf_len(). */
static int put_amtrelay(sink *s, const uint8_t *f, const q53_style_t *st)
{
	put_u(s, f[0] >> 7);
	put(s, ' ');
	put_u(s, f[0] & 0x7Fu);
	put(s, ' ');
	return put_gateway(s, f[0] & 0x7Fu, f + 1, st);
}

/* v in lower-case hex without leading zeros, as dig writes ILNP locators and identifiers. */
static void put_xnum(sink *s, unsigned v)
{
	unsigned shift = 12;
	while (shift > 0 && (v >> shift) == 0)
		shift -= 4;
	for (;; shift -= 4) {
		put(s, hexlow[v >> shift & 15u]);
		if (shift == 0)
			break;
	}
}

/* RFC 6742 2.1.2, 2.3.2: four 16-bit groups between colons, "14:4fff:ff20:ee64". */
static void put_ilnp64(sink *s, const uint8_t *f)
{
	for (unsigned i = 0; i < 8; i += 2) {
		if (i > 0)
			put(s, ':');
		put_xnum(s, q53_get16(f + i));
	}
}

/* RFC 1706 5: "0x" and the octets in hex, which dig writes in lower case. */
static void put_nsap(sink *s, const uint8_t *f, size_t n)
{
	puts_(s, "0x");
	for (size_t i = 0; i < n; i++)
		put_xpair(s, f[i]);
}

/*
 * RFC 8005 5: the algorithm, the HIT in hex, the key in base64 (neither cut) and the rendezvous servers;
 * under +multiline dig starts the key and each server on a line of its own.
 */
static int put_hip(sink *s, const uint8_t *f, size_t n, const tctx *t)
{
	size_t hit = f[0], pk = q53_get16(f + 2), at = 4 + hit + pk;
	put_u(s, f[1]);
	put(s, ' ');
	put_hex(s, f + 4, hit, 0, "");
	puts_(s, t->ml ? t->brk : " ");
	put_b64(s, f + 4 + hit, pk, 0, "");
	while (at < n) {
		puts_(s, t->ml ? t->brk : " ");
		int rc = put_name(s, f + at, t->st);
		if (rc < 0)
			return rc;
		at += q53_name_len(f + at);
	}
	return 0;
}

/* RFC 2535 5.2: the types of NXT's bitmap by mnemonic, in order. */
static void put_nxtmap(sink *s, const uint8_t *f, size_t n)
{
	bool first = true;
	for (unsigned i = 1; i < 8 * n; i++)
		if (f[i / 8] & 0x80u >> i % 8) {
			char t[16];
			q53_type_to_text((uint16_t)i, t, sizeof t);
			if (!first)
				put(s, ' ');
			puts_(s, t);
			first = false;
		}
}

/*
 * RFC 2874 3.1: the prefix length, the address suffix as an IPv6 address (nothing for a length of 128,
 * so that dig's two blanks follow) and the prefix name when the length is not 0.
 */
static int put_a6(sink *s, const uint8_t *f, const q53_style_t *st)
{
	uint8_t a[16] = {0};
	size_t suffix = (128u - f[0] + 7u) / 8u;
	memcpy(a + 16 - suffix, f + 1, suffix);
	put_u(s, f[0]);
	put(s, ' ');
	if (suffix > 0)
		put_addr(s, AF_INET6, a);
	if (f[0] == 0)
		return 0;
	put(s, ' ');
	return put_name(s, f + 1 + suffix, st);
}

/* An ATM address: AESA (format 0) in lower-case hex, E.164 (format 1) as "+" and its digits. */
static void put_atma(sink *s, const uint8_t *f, size_t n)
{
	if (f[0] == 1) {
		put(s, '+');
		for (size_t i = 1; i < n; i++)
			put(s, (char)f[i]);
		return;
	}
	for (size_t i = 1; i < n; i++)
		put_xpair(s, f[i]);
}

/* RFC 1035 3.4.2: the address, the protocol by number and the port of each bit set, as dig writes WKS. */
static void put_wks(sink *s, const uint8_t *f, size_t n)
{
	put_addr(s, AF_INET, f);
	put(s, ' ');
	put_u(s, f[4]);
	for (size_t i = 5; i < n; i++)
		for (unsigned b = 0; b < 8; b++)
			if (f[i] & 0x80u >> b) {
				put(s, ' ');
				put_u(s, (uint32_t)((i - 5) * 8 + b));
			}
}

/* RFC 3123 5: "[!]afi:address/prefix" per item, the address filled out with zeros. */
static void put_apl(sink *s, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i += 4u + (p[i + 3] & 0x7Fu)) {
		uint8_t a[16] = {0};
		unsigned afi = q53_get16(p + i);
		memcpy(a, p + i + 4, p[i + 3] & 0x7Fu);
		if (i > 0)
			put(s, ' ');
		if (p[i + 3] & 0x80)
			put(s, '!');
		put_u(s, afi);
		put(s, ':');
		put_addr(s, afi == 1 ? AF_INET : AF_INET6, a);
		put(s, '/');
		put_u(s, p[i + 2]);
	}
}
#endif

/*
 * The typed text of rr, whose RDATA fits its layout d (layout_fit(): FIT_TEXT), as dig 9.18 writes it under
 * t; with t->hex, its octets as hex instead, names uncompressed. Out of line: inlined into its one caller,
 * gcc -Os made libq53 272 octets larger (its size goal, issue 6).
 */
static Q53_NOINLINE int typed_to_text(sink *s, const q53_rr_t *rr, const rrtype *d, const tctx *t)
{
	const uint8_t *m = rr->msg;
	size_t p = rr->rdata, end = p + rr->rdlength, col = 0;
	uint16_t type = rr->type;
	unsigned how = display(type), open = t->ml ? how & DISPLAY_ONE_LINE : DISPLAY_ONE_LINE;
	bool key = how & DISPLAY_KEY, opened = false;
	/*
	 * Invariant: m[rdata..p) is printed, one field per f[0..i), separated by single spaces or, under
	 * +multiline, by what dig puts there; opened says the parenthesis is open.
	 */
	for (unsigned i = 0; i < RDF_MAX && d->f[i] != RDF_END; i++) {
		unsigned k = d->f[i];
		/* A hex, base64 or bitmap field that is empty prints nothing, and no separator either; DOA's
		 * data prints "-". */
		if (rdf_takes_rest(k) && p == end && k != RDF_B64DASH)
			break;
		if (t->hex) {
			/* Octets only. */
		} else if (i == open) {
			puts_(s, i == 0 ? "( " : " (");
			if (i > 0)
				puts_(s, t->brk);
			opened = true;
		} else if (t->ml &&
			   (((type == Q53_TYPE_RRSIG || type == Q53_TYPE_SIG || type == T_IPSECKEY) &&
			     k == RDF_B64) ||
			    (type == Q53_TYPE_SOA && opened))) {
			/* RRSIG's and SIG's signature and SOA's numbers start lines of their own. */
			puts_(s, t->brk);
		} else if (i > 0 && !(t->ml && k == RDF_BITMAP && type == Q53_TYPE_NSEC3)) {
			put(s, ' ');
		}
		if (rdf_is_name(k)) {
			uint8_t name[Q53_NAME_MAX];
			size_t len = q53__name_unpack(m, p, name);
			int rc = 0;
			p = q53__name_skip(m, p);
			if (t->hex)
				put_hex_more(s, name, len, &col, t->split, t->brk);
			else if ((rc = put_name(s, name, t->st)) < 0)
				return rc;
			continue;
		}
		size_t n = (size_t)q53__rdf_len(k, m + p, end - p);
		const uint8_t *f = m + p;
		p += n;
		if (t->hex) {
			put_hex_more(s, f, n, &col, t->split, t->brk);
			continue;
		}
		switch ((rdf)k) {
		case RDF_U8:
			put_u(s, f[0]);
			break;
		case RDF_U16:
			put_u(s, q53_get16(f));
			break;
		case RDF_U32:
			if (opened && t->comments && type == Q53_TYPE_SOA)
				put_soa_comment(s, i - open, q53_get32(f));
			else
				put_u(s, q53_get32(f));
			break;
		case RDF_A:
		case RDF_AAAA:
			put_addr(s, k == RDF_A ? AF_INET : AF_INET6, f);
			break;
		case RDF_STR:
			put_quoted(s, f + 1, f[0]);
			break;
		case RDF_STRS:
			/* Invariant: f[0..j) are whole character-strings already printed. */
			for (size_t j = 0; j < n; j += 1u + f[j]) {
				if (j > 0)
					put(s, ' ');
				put_quoted(s, f + j + 1, f[j]);
			}
			break;
		case RDF_TAG:
			for (unsigned j = 1; j <= f[0]; j++)
				put(s, (char)f[j]);
			break;
		case RDF_TEXT:
			put_quoted(s, f, n);
			break;
		case RDF_HEX:
		case RDF_B64:
			if (t->nocrypto && key) {
				/* dig names the key by its tag instead. */
				put(s, '[');
				put_key_id(s, rr);
				put(s, ']');
			} else if (t->nocrypto && (how & DISPLAY_OMIT)) {
				puts_(s, "[omitted]");
			} else if (k == RDF_HEX) {
				put_hex(s, f, n, t->split, t->brk);
			} else {
				put_b64(s, f, n, t->split, t->brk);
			}
			break;
		case RDF_TYPE: {
			char tt[16];
			q53_type_to_text(q53_get16(f), tt, sizeof tt);
			puts_(s, tt);
			break;
		}
		case RDF_TIME:
			put_time(s, q53_get32(f));
			break;
		case RDF_SALT:
			if (f[0] == 0)
				put(s, '-');
			put_hex(s, f + 1, f[0], 0, "");
			break;
		case RDF_B32:
			/* RFC 4648 7 without padding, as RFC 5155 3.3 writes the next hashed owner. */
			put_base(s, f + 1, f[0], b32dig, 5, 0, "");
			break;
		case RDF_BITMAP:
			put_bitmap(s, f, n, t->ml && type == Q53_TYPE_NSEC3 ? t->brk : NULL);
			break;
		case RDF_SVCPARAMS:
			put_svcparams(s, f, n);
			break;
#if !Q53_CODEC_SMALL
		case RDF_EUI48:
		case RDF_EUI64:
			put_eui(s, f, n);
			break;
		case RDF_LOC:
			put_loc(s, f);
			break;
		case RDF_CERTTYPE:
			put_mnemonic(s, cert_name(q53_get16(f)), q53_get16(f));
			break;
		case RDF_ALG:
			put_mnemonic(s, alg_name(f[0]), f[0]);
			break;
		case RDF_IPSECGW:
		case RDF_AMTRELAY: {
			int rc = k == RDF_IPSECGW ? put_ipsecgw(s, f, t->st) : put_amtrelay(s, f, t->st);
			if (rc < 0)
				return rc;
			break;
		}
		case RDF_APL:
			put_apl(s, f, n);
			break;
		case RDF_STR1:
			put_quoted(s, f + 1, f[0]);
			break;
		case RDF_ILNP64:
			put_ilnp64(s, f);
			break;
		case RDF_NSAP:
			put_nsap(s, f, n);
			break;
		case RDF_WKS:
			put_wks(s, f, n);
			break;
		case RDF_HIP: {
			int rc = put_hip(s, f, n, t);
			if (rc < 0)
				return rc;
			break;
		}
		case RDF_NXTMAP:
			put_nxtmap(s, f, n);
			break;
		case RDF_A6: {
			int rc = put_a6(s, f, t->st);
			if (rc < 0)
				return rc;
			break;
		}
		case RDF_B64DASH:
			if (n == 0)
				put(s, '-');
			else
				put_b64(s, f, n, 0, "");
			break;
		case RDF_ATMA:
			put_atma(s, f, n);
			break;
#else
		case RDF_CERTTYPE:
		case RDF_ALG:
		case RDF_IPSECGW:
		case RDF_APL:
		case RDF_EUI48:
		case RDF_EUI64:
		case RDF_LOC:
		case RDF_STR1:
		case RDF_ILNP64:
		case RDF_NSAP:
		case RDF_WKS:
		case RDF_AMTRELAY:
		case RDF_HIP:
		case RDF_NXTMAP:
		case RDF_A6:
		case RDF_B64DASH:
		case RDF_ATMA:
			break;
#endif
		case RDF_END:
		case RDF_CNAME:
		case RDF_DNAME:
		case RDF_NAME:
			break;
		}
	}
	if (t->hex)
		return 0;
	/*
	 * The end, after dig's generic_totext_key() and soa_6.c: their comments follow a line break (a blank
	 * on one line), ")" then; other types close with " )".
	 */
	if (opened || key) {
		bool comment = t->comments && (key || type == Q53_TYPE_SOA);
		if (comment)
			puts_(s, opened ? t->brk : " ");
		if (opened)
			puts_(s, comment || type == Q53_TYPE_SOA ? ")" : " )");
		if (comment && key)
			put_key_comment(s, rr);
	}
	/* dig's dhcid_49.c under +multiline, with or without +rrcomments: the identifier type, digest type
	 * and digest length (RFC 4701 3.3). */
	if (type == T_DHCID && opened && rr->rdlength >= 3) {
		const uint8_t *f = m + rr->rdata;
		puts_(s, " ; ");
		put_u(s, q53_get16(f));
		put(s, ' ');
		put_u(s, f[2]);
		put(s, ' ');
		put_u(s, rr->rdlength - 3u);
	}
	return 0;
}

/*
 * RFC 3597 5: "\# <length> <hex>" of the uncompressed RDATA (RFC 3597 4), the hex left out when the length
 * is 0; "( hex )" under +multiline, as dig's unknown_totext() writes it. d is the layout when the RDATA fits
 * it (names to uncompress), else NULL: the octets as they are.
 */
static Q53_NOINLINE void put_generic(sink *s, const q53_rr_t *rr, const rrtype *d, const tctx *t)
{
	tctx h = *t;
	size_t len = rr->rdlength;
	h.hex = true;
	if (d != NULL) {
		/* The length is half the hex, counted whole by a sink that keeps nothing. */
		sink count = {NULL, 0, 0};
		h.split = 0;
		typed_to_text(&count, rr, d, &h);
		len = count.n / 2;
		h.split = t->split;
	}
	puts_(s, "\\# ");
	put_u(s, (uint32_t)len);
	/* Only a non-empty RDATA is sure to have a buffer behind it. */
	if (len > 0) {
		puts_(s, t->ml ? " ( " : " ");
		if (d != NULL)
			typed_to_text(s, rr, d, &h);
		else
			put_hex(s, rr->msg + rr->rdata, len, t->split, t->brk);
		if (t->ml)
			puts_(s, " )");
	}
}

/*
 * TSIG (RFC 8945 4.2), as dig shows it in its TSIG pseudosection: the algorithm name, Time Signed (48 bits),
 * Fudge, the MAC's size and the MAC in base64 (left out when empty), the Original ID, the Error as its
 * mnemonic (BADSIG for 16, which is BADVERS only as an RCODE), and Other Len followed by a blank and Other
 * Data in base64. Under +multiline the MAC goes on a line of its own inside parentheses, cut as the style
 * says. For the record and message printers only: TSIG is a meta-RR that no zone file holds (RFC 8945 4.2),
 * so q53_rdata_to_text() keeps the RFC 3597 form that reads back. Returns 1 when written, 0 when the RDATA
 * does not frame.
 */
static Q53_NOINLINE int tsig_to_text(sink *s, const q53_rr_t *rr, const tctx *tc)
{
	const uint8_t *m = rr->msg, *end = rr->msg + rr->rdata + rr->rdlength;
	/* The reader checks no layout for TSIG, so its algorithm name is taken only uncompressed (RFC 8945
	 * 4.2 writes it so): a pointer could lead anywhere. */
	int alen = q53_name_check(m + rr->rdata, rr->rdlength);
	size_t off = rr->rdata, after = off + (size_t)alen;
	if (alen <= 0 || (size_t)(end - m) - after < 16)
		return 0;
	const uint8_t *p = m + after;
	uint16_t mac_len = q53_get16(p + 8);
	if ((size_t)(end - p) < 16u + mac_len)
		return 0;
	const uint8_t *q = p + 10 + mac_len;
	uint16_t other_len = q53_get16(q + 4);
	if ((size_t)(end - q) != 6u + other_len)
		return 0;
	uint8_t alg[Q53_NAME_MAX];
	memcpy(alg, m + off, (size_t)alen);
	int rc = put_name(s, alg, tc->st);
	if (rc < 0)
		return rc;
	uint64_t t = (uint64_t)q53_get16(p) << 32 | q53_get32(p + 2);
	char num[24];
	snprintf(num, sizeof num, " %" PRIu64 " ", t);
	puts_(s, num);
	put_u(s, q53_get16(p + 6));
	put(s, ' ');
	put_u(s, mac_len);
	if (mac_len > 0) {
		puts_(s, tc->ml ? " (" : "");
		puts_(s, tc->brk);
		put_b64(s, p + 10, mac_len, tc->ml ? tc->split : 0, tc->brk);
		if (tc->ml)
			puts_(s, " )");
	}
	put(s, ' ');
	put_u(s, q53_get16(q));
	put(s, ' ');
	uint16_t err = q53_get16(q + 2);
	const char *name = err == 16 ? "BADSIG" : q53_rcode_name(err);
	if (name != NULL)
		puts_(s, name);
	else
		put_u(s, err);
	put(s, ' ');
	put_u(s, other_len);
	put(s, ' ');
	if (other_len > 0)
		put_b64(s, q + 6, other_len, 0, "");
	return 1;
}

/*
 * The RDATA text of rr under the style: typed, or RFC 3597 for opaque types, empty RDATA (RFC 2136 2.5
 * deletes), RDATA that does not fit the layout, and under +unknownformat. line adds what only a record
 * line has: TSIG in dig's form and, with ml, +multiline.
 */
static int rdata_text(const q53_rr_t *rr, const q53_style_t *st, bool line, bool ml, char *buf, size_t size)
{
	unsigned flags = st != NULL ? st->flags : 0;
	tctx t = {st,
		  split_width(st),
		  ml ? ml_break : " ",
		  ml,
		  (flags & Q53_STYLE_NO_CRYPTO) != 0,
		  (flags & Q53_STYLE_RRCOMMENTS) != 0,
		  false};
	sink s = {buf, size, 0};
	const rrtype *d = q53__rrtype(rr->type);
	int rc = 0, fit = d != NULL ? layout_fit(rr, d) : FIT_NONE;
	/* Empty RDATA has a typed form only where it means something: an APL of no items (RFC 3123 4). */
	bool typed = fit == FIT_TEXT && (rr->rdlength > 0 || d->f[0] == RDF_APL),
	     unknown = flags & Q53_STYLE_UNKNOWN_FORMAT;
	if (line && !unknown && rr->type == Q53_TYPE_TSIG && rr->rdlength > 0)
		rc = tsig_to_text(&s, rr, &t);
	/* rc is 1 when TSIG was written, 0 when the RDATA is still to write. */
	if (rc == 0 && typed && !unknown)
		rc = typed_to_text(&s, rr, d, &t);
	else if (rc == 0)
		put_generic(&s, rr, fit != FIT_NONE ? d : NULL, &t);
	if (size > 0)
		buf[s.n < size ? s.n : size - 1] = '\0';
	return rc < 0 ? rc : (int)s.n;
}

int q53__rdata_line(const q53_rr_t *rr, const q53_style_t *st, bool multiline, char *buf, size_t size)
{
	return rdata_text(rr, st, true, multiline, buf, size);
}

/* dig +short prints one line whatever +multiline says, and so does this. */
int q53_rdata_to_text(const q53_rr_t *rr, const q53_style_t *st, char *buf, size_t size)
{
	if (rr == NULL || (buf == NULL && size > 0))
		return Q53_EINVAL;
	return rdata_text(rr, st, false, false, buf, size);
}

/* ---- Text to RDATA ----------------------------------------------------------------------------------- */

/* The lexer over text[0..len) and the output out[0..size); err_at is the offset reported on an error. */
typedef struct parser {
	const char *text;
	size_t len;
	size_t pos;
	uint8_t *out;
	size_t size;
	size_t n;
	size_t err_at;
} parser;

/* One token: text[off..off+len) without the quotes; at is where it starts (its quote, if quoted). */
typedef struct token {
	size_t at;
	size_t off;
	size_t len;
	bool quoted;
} token;

static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int fail(parser *ps, size_t at, int err)
{
	ps->err_at = at;
	return err;
}

/*
 * Reads a token's characters from i (RFC 1035 5.1): a "quoted string" that must be followed by a blank or
 * the end, or a run of non-blank characters where "\X" keeps X in the token. Sets t but for t->at, and
 * ps->pos past it. Returns 1, or Q53_ESYNTAX reported at at.
 */
static int scan(parser *ps, size_t i, size_t at, token *t)
{
	const char *s = ps->text;
	if (i < ps->len && s[i] == '"') {
		t->quoted = true;
		t->off = ++i;
		/* Invariant: s[off..i) holds no unescaped quote. */
		while (i < ps->len && s[i] != '"')
			i += s[i] == '\\' ? 2 : 1;
		if (i >= ps->len)
			return fail(ps, at, Q53_ESYNTAX);
		t->len = i - t->off;
		i++;
		if (i < ps->len && !space(s[i]))
			return fail(ps, at, Q53_ESYNTAX);
	} else {
		t->quoted = false;
		t->off = i;
		/* Invariant: s[off..i) holds no unescaped blank or quote. */
		while (i < ps->len && !space(s[i])) {
			if (s[i] == '"')
				return fail(ps, at, Q53_ESYNTAX);
			i += s[i] == '\\' ? 2 : 1;
		}
		if (i > ps->len)
			i = ps->len;
		t->len = i - t->off;
	}
	ps->pos = i;
	return 1;
}

/* Reads the next token (see scan()). Returns 1, 0 at the end, or Q53_ESYNTAX. */
static int next_token(parser *ps, token *t)
{
	size_t i = ps->pos;
	while (i < ps->len && space(ps->text[i]))
		i++;
	if (i == ps->len) {
		ps->pos = i;
		return 0;
	}
	t->at = i;
	return scan(ps, i, i, t);
}

/* The next token of a field that must be there: a missing one is reported at the end of the text. */
static int need_token(parser *ps, token *t)
{
	int rc = next_token(ps, t);
	if (rc == 0)
		return fail(ps, ps->len, Q53_ESYNTAX);
	return rc;
}

static int emit(parser *ps, const token *t, const void *p, size_t n)
{
	if (n > ps->size - ps->n)
		return fail(ps, t->at, Q53_ENOSPACE);
	memcpy(ps->out + ps->n, p, n);
	ps->n += n;
	return 0;
}

static int emit8(parser *ps, const token *t, uint8_t v)
{
	return emit(ps, t, &v, 1);
}

/* A decimal number of at most max; a token that is not all digits is Q53_ESYNTAX. */
static int number(parser *ps, const token *t, uint32_t max, uint32_t *v)
{
	const char *s = ps->text + t->off;
	if (t->quoted || t->len == 0)
		return fail(ps, t->at, Q53_ESYNTAX);
	for (size_t i = 0; i < t->len; i++)
		if (s[i] < '0' || s[i] > '9')
			return fail(ps, t->at, Q53_ESYNTAX);
	uint64_t x = 0;
	for (size_t i = 0; i < t->len; i++) {
		x = x * 10 + (uint64_t)(s[i] - '0');
		if (x > max)
			return fail(ps, t->at, Q53_ERANGE);
	}
	*v = (uint32_t)x;
	return 0;
}

/*
 * A duration like BIND's TTLs: plain seconds ("3600"), or number-unit pairs with units s, m, h, d, w in any
 * case ("1h30m", "2W"). A number without a unit may only stand alone.
 */
static int duration(parser *ps, const token *t, uint32_t *v)
{
	const char *s = ps->text + t->off;
	if (t->quoted || t->len == 0)
		return fail(ps, t->at, Q53_ESYNTAX);
	uint64_t total = 0;
	size_t i = 0;
	/* Invariant: s[0..i) is whole number-unit pairs worth total seconds. */
	while (i < t->len) {
		uint64_t x = 0;
		size_t start = i;
		while (i < t->len && s[i] >= '0' && s[i] <= '9') {
			x = x * 10 + (uint64_t)(s[i] - '0');
			if (x > UINT32_MAX)
				return fail(ps, t->at, Q53_ERANGE);
			i++;
		}
		if (i == start)
			return fail(ps, t->at, Q53_ESYNTAX);
		if (i == t->len) {
			if (start > 0)
				return fail(ps, t->at, Q53_ESYNTAX);
			total = x;
			break;
		}
		uint64_t unit;
		switch (s[i++]) {
		case 's':
		case 'S':
			unit = 1;
			break;
		case 'm':
		case 'M':
			unit = 60;
			break;
		case 'h':
		case 'H':
			unit = 3600;
			break;
		case 'd':
		case 'D':
			unit = 86400;
			break;
		case 'w':
		case 'W':
			unit = 604800;
			break;
		default:
			return fail(ps, t->at, Q53_ESYNTAX);
		}
		total += x * unit;
		if (total > UINT32_MAX)
			return fail(ps, t->at, Q53_ERANGE);
	}
	*v = (uint32_t)total;
	return 0;
}

/* Characters text[i..end) being decoded octet by octet with RFC 1035 5.1 escapes; errors reported at at. */
typedef struct cstr {
	size_t i, end, at;
} cstr;

/* The next octet of c (\DDD decimal, \X for X) into *o. Returns 1, 0 at the end, or Q53_EESCAPE. */
static int cstr_get(parser *ps, cstr *c, uint8_t *o)
{
	const char *s = ps->text;
	if (c->i >= c->end)
		return 0;
	unsigned v = (uint8_t)s[c->i++];
	if (v == '\\') {
		if (c->i >= c->end)
			return fail(ps, c->at, Q53_EESCAPE);
		v = (uint8_t)s[c->i++];
		if (v >= '0' && v <= '9') {
			if (c->end - c->i < 2)
				return fail(ps, c->at, Q53_EESCAPE);
			unsigned d1 = (uint8_t)s[c->i] - (unsigned)'0',
				 d2 = (uint8_t)s[c->i + 1] - (unsigned)'0';
			if (d1 > 9 || d2 > 9)
				return fail(ps, c->at, Q53_EESCAPE);
			v = (v - '0') * 100 + d1 * 10 + d2;
			if (v > 255)
				return fail(ps, c->at, Q53_EESCAPE);
			c->i += 2;
		}
	}
	*o = (uint8_t)v;
	return 1;
}

/*
 * Decodes the token's characters with RFC 1035 5.1 escapes into the output, at most max octets (Q53_ERANGE
 * beyond). Returns the number of octets written or an error.
 */
static long unescape(parser *ps, const token *t, size_t max)
{
	cstr c = {t->off, t->off + t->len, t->at};
	size_t n = 0;
	uint8_t o;
	int rc;
	/* Invariant: the characters before c.i are decoded into n octets already emitted. */
	while ((rc = cstr_get(ps, &c, &o)) > 0) {
		if (n == max)
			return fail(ps, t->at, Q53_ERANGE);
		if ((rc = emit8(ps, t, o)) < 0)
			return rc;
		n++;
	}
	return rc < 0 ? rc : (long)n;
}

/* One <character-string> (RFC 1035 3.3): a length octet and at most 255 octets. */
static int char_string(parser *ps, const token *t)
{
	size_t at = ps->n;
	int rc = emit8(ps, t, 0);
	if (rc < 0)
		return rc;
	long n = unescape(ps, t, 255);
	if (n < 0)
		return (int)n;
	ps->out[at] = (uint8_t)n;
	return 0;
}

static int name_field(parser *ps, const token *t, const uint8_t *origin)
{
	uint8_t name[Q53_NAME_MAX];
	const char *s = ps->text + t->off;
	int n;
	if (t->quoted)
		return fail(ps, t->at, Q53_ESYNTAX);
	/* RFC 1035 5.1: a lone "@" is the current origin. */
	if (t->len == 1 && s[0] == '@') {
		if (origin == NULL)
			return fail(ps, t->at, Q53_ERELATIVE);
		n = (int)q53_name_len(origin);
		memcpy(name, origin, (size_t)n);
	} else {
		n = q53_name_from_text(s, t->len, origin, name);
		if (n < 0)
			return fail(ps, t->at, n);
	}
	return emit(ps, t, name, (size_t)n);
}

static int addr_field(parser *ps, const token *t, int af)
{
	char txt[INET6_ADDRSTRLEN];
	uint8_t a[16];
	if (t->quoted || t->len >= sizeof txt)
		return fail(ps, t->at, Q53_ESYNTAX);
	memcpy(txt, ps->text + t->off, t->len);
	txt[t->len] = '\0';
	/* inet_pton takes exactly a dotted quad for AF_INET and RFC 4291 2.2 text for AF_INET6. */
	if (inet_pton(af, txt, a) != 1)
		return fail(ps, t->at, Q53_ESYNTAX);
	return emit(ps, t, a, af == AF_INET ? 4 : 16);
}

static int tag_field(parser *ps, const token *t)
{
	const char *s = ps->text + t->off;
	if (t->quoted || t->len == 0)
		return fail(ps, t->at, Q53_ESYNTAX);
	for (size_t i = 0; i < t->len; i++)
		if (!alnum((uint8_t)s[i]))
			return fail(ps, t->at, Q53_ESYNTAX);
	if (t->len > 255)
		return fail(ps, t->at, Q53_ERANGE);
	int rc = emit8(ps, t, (uint8_t)t->len);
	return rc < 0 ? rc : emit(ps, t, s, t->len);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#if !Q53_CODEC_SMALL
/* True when the token is the one letter c or its lower case. */
static bool token_is(const parser *ps, const token *t, char c)
{
	return !t->quoted && t->len == 1 && (ps->text[t->off] | 0x20) == (c | 0x20);
}

/* The value of the i-th name of cert_names and of alg_names. */
static unsigned cert_value(unsigned i)
{
	return i <= 8 ? i : i + 244;
}

static unsigned alg_value(unsigned i)
{
	return i <= 16 ? i : i + 235;
}

/*
 * A number up to max (255 or 65535, written in one or two octets), or one of the count names of table
 * (packed strings, any case; empty entries are no names) whose index value() turns into the number: CERT
 * types (RFC 4398 2.1) and DNSSEC algorithms (RFC 4398 2.2).
 */
static int mnemonic_field(parser *ps, const token *t, const char *table, unsigned count,
			  unsigned (*value)(unsigned), uint32_t max)
{
	uint32_t v = 0;
	const char *s = ps->text + t->off;
	if (!t->quoted && t->len > 0 && (s[0] < '0' || s[0] > '9')) {
		unsigned i = 0;
		for (; i < count; i++) {
			const char *m = q53__nth_str(table, i);
			if (*m != '\0' && strlen(m) == t->len && strncasecmp(m, s, t->len) == 0)
				break;
		}
		if (i == count)
			return fail(ps, t->at, Q53_ESYNTAX);
		v = value(i);
	} else {
		int rc = number(ps, t, max, &v);
		if (rc < 0)
			return rc;
	}
	if (max == UINT8_MAX)
		return emit8(ps, t, (uint8_t)v);
	uint8_t b[2];
	q53_put16(b, (uint16_t)v);
	return emit(ps, t, b, 2);
}

/* A gateway or relay of type 0 to 3 in t (RFC 4025 2.5, RFC 8777 4.3): ".", IPv4, IPv6 or a name. */
static int gateway_field(parser *ps, const token *t, uint32_t type, const uint8_t *origin)
{
	if (type == 0)
		return token_is(ps, t, '.') ? 0 : fail(ps, t->at, Q53_ESYNTAX);
	if (type < 3)
		return addr_field(ps, t, type == 1 ? AF_INET : AF_INET6);
	return name_field(ps, t, origin);
}

/*
 * RFC 4025 2.3-2.5: the gateway type (in t), the algorithm, then the gateway as the type says: "." for
 * none, an IPv4 or IPv6 address, or a domain name, written uncompressed.
 */
static int ipsecgw_field(parser *ps, token *t, const uint8_t *origin)
{
	uint32_t type, alg;
	int rc;
	if ((rc = number(ps, t, 3, &type)) < 0 || (rc = emit8(ps, t, (uint8_t)type)) < 0 ||
	    (rc = need_token(ps, t)) < 0 || (rc = number(ps, t, UINT8_MAX, &alg)) < 0 ||
	    (rc = emit8(ps, t, (uint8_t)alg)) < 0 || (rc = need_token(ps, t)) < 0)
		return rc;
	return gateway_field(ps, t, type, origin);
}

/*
 * RFC 3123 5: APL items "[!]afi:address/prefix", IPv4 (1) or IPv6 (2), possibly none; each written with
 * its address part cut after the last octet that is not zero (4.1).
 */
static int apl_rest(parser *ps)
{
	token t = {ps->len, 0, 0, false};
	int rc;
	while ((rc = next_token(ps, &t)) > 0) {
		const char *s = ps->text + t.off;
		size_t len = t.len, i = 0;
		bool neg = len > 0 && s[0] == '!';
		i += neg;
		if (t.quoted || len - i < 3 || (s[i] != '1' && s[i] != '2') || s[i + 1] != ':')
			return fail(ps, t.at, Q53_ESYNTAX);
		int af = s[i] == '1' ? AF_INET : AF_INET6;
		size_t max = af == AF_INET ? 4 : 16;
		const char *slash = memchr(s + i + 2, '/', len - i - 2);
		char txt[INET6_ADDRSTRLEN];
		uint8_t a[4 + 16];
		size_t alen = slash != NULL ? (size_t)(slash - (s + i + 2)) : 0;
		if (slash == NULL || alen == 0 || alen >= sizeof txt)
			return fail(ps, t.at, Q53_ESYNTAX);
		memcpy(txt, s + i + 2, alen);
		txt[alen] = '\0';
		if (inet_pton(af, txt, a + 4) != 1)
			return fail(ps, t.at, Q53_ESYNTAX);
		token pt = {t.at, (size_t)(slash + 1 - ps->text), len - (size_t)(slash + 1 - s), false};
		uint32_t prefix;
		if ((rc = number(ps, &pt, (uint32_t)(8 * max), &prefix)) < 0)
			return fail(ps, t.at, rc);
		size_t n = max;
		while (n > 0 && a[4 + n - 1] == 0)
			n--;
		q53_put16(a, af == AF_INET ? 1 : 2);
		a[2] = (uint8_t)prefix;
		a[3] = (uint8_t)((neg ? 0x80u : 0) | n);
		if ((rc = emit(ps, &t, a, 4 + n)) < 0)
			return rc;
	}
	return rc;
}

/* RFC 7043 3.2, 4.2: n hex pairs between hyphens, "00-00-5e-00-53-2a", in either case. */
static int eui_field(parser *ps, const token *t, size_t n)
{
	const char *s = ps->text + t->off;
	uint8_t b[8];
	if (t->quoted || t->len != 3 * n - 1)
		return fail(ps, t->at, Q53_ESYNTAX);
	for (size_t i = 0; i < n; i++) {
		int hi = hexval(s[3 * i]), lo = hexval(s[3 * i + 1]);
		if (hi < 0 || lo < 0 || (i + 1 < n && s[3 * i + 2] != '-'))
			return fail(ps, t->at, Q53_ESYNTAX);
		b[i] = (uint8_t)(hi << 4 | lo);
	}
	return emit(ps, t, b, n);
}

/*
 * A decimal with at most places digits after the point, as an integer scaled by 10^places, into *v: a
 * sign when neg is allowed, and a final "m" when meters is (RFC 1876 3's altitude and precisions). At most
 * max (scaled) either way.
 */
static int loc_decimal(parser *ps, const token *t, unsigned places, bool neg, bool meters, uint64_t max,
		       int64_t *v)
{
	const char *s = ps->text + t->off;
	size_t len = t->len, i = 0;
	if (t->quoted)
		return fail(ps, t->at, Q53_ESYNTAX);
	if (meters && len > 0 && (s[len - 1] == 'm' || s[len - 1] == 'M'))
		len--;
	bool minus = neg && len > 0 && s[0] == '-';
	i += minus;
	uint64_t x = 0;
	unsigned digits = 0, frac = 0;
	bool point = false;
	for (; i < len; i++) {
		if (s[i] == '.' && !point) {
			point = true;
			continue;
		}
		if (s[i] < '0' || s[i] > '9' || (point && frac == places))
			return fail(ps, t->at, Q53_ESYNTAX);
		x = x * 10 + (uint64_t)(s[i] - '0');
		digits++;
		frac += point;
		if (x > max * 10)
			return fail(ps, t->at, Q53_ERANGE);
	}
	if (digits == 0)
		return fail(ps, t->at, Q53_ESYNTAX);
	for (; frac < places; frac++)
		x *= 10;
	if (x > max)
		return fail(ps, t->at, Q53_ERANGE);
	*v = minus ? -(int64_t)x : (int64_t)x;
	return 0;
}

/*
 * One LOC angle (RFC 1876 3): "d [m [s.sss]] H", H one of the two letters hemis names (south or west
 * first), as thousandths of an arc second from 2^31, within max degrees.
 */
static int loc_angle(parser *ps, token *t, const char *hemis, uint32_t max, uint32_t *out)
{
	int64_t part[3] = {0, 0, 0};
	static const unsigned places[3] = {0, 0, 3};
	static const uint32_t lim[3] = {180, 59, 59999};
	unsigned i = 0;
	int rc;
	size_t start = ps->len;
	/* Invariant: part[0..i) are read; t is the next token. */
	for (;;) {
		if ((rc = need_token(ps, t)) < 0)
			return rc;
		if (i == 0)
			start = t->at;
		if (i > 0 && (token_is(ps, t, hemis[0]) || token_is(ps, t, hemis[1])))
			break;
		if (i == 3)
			return fail(ps, t->at, Q53_ESYNTAX);
		if ((rc = loc_decimal(ps, t, places[i], false, false, lim[i], &part[i])) < 0)
			return rc;
		i++;
	}
	uint64_t a = ((uint64_t)part[0] * 3600 + (uint64_t)part[1] * 60) * 1000 + (uint64_t)part[2];
	if (a > (uint64_t)max * 3600000u)
		return fail(ps, start, Q53_ERANGE);
	uint32_t half = UINT32_C(1) << 31;
	*out = token_is(ps, t, hemis[0]) ? half - (uint32_t)a : half + (uint32_t)a;
	return 0;
}

/*
 * RFC 1876 3: LOC's text, "d1 [m1 [s1]] N|S d2 [m2 [s2]] E|W alt[m] [siz[m] [hp[m] [vp[m]]]]", into its
 * 16 octets. Sizes and precisions default to 1 m, 10,000 m and 10 m and are kept as a digit and a power of
 * ten in centimetres, the digit truncated (as BIND and ldns keep them).
 */
static int loc_rest(parser *ps)
{
	uint8_t b[16] = {0, 0x12, 0x16, 0x13};
	token t = {ps->len, 0, 0, false};
	uint32_t lat, lon;
	int64_t v;
	int rc;
	if ((rc = loc_angle(ps, &t, "SN", 90, &lat)) < 0 || (rc = loc_angle(ps, &t, "WE", 180, &lon)) < 0)
		return rc;
	q53_put32(b + 4, lat);
	q53_put32(b + 8, lon);
	if ((rc = need_token(ps, &t)) < 0 ||
	    (rc = loc_decimal(ps, &t, 2, true, true, UINT64_C(4284967295), &v)) < 0)
		return rc;
	if (v < -10000000)
		return fail(ps, t.at, Q53_ERANGE);
	q53_put32(b + 12, (uint32_t)(v + 10000000));
	/* Invariant: b[1..i) hold the precisions given. */
	for (unsigned i = 1; i <= 3 && (rc = next_token(ps, &t)) > 0; i++) {
		if ((rc = loc_decimal(ps, &t, 2, false, true, UINT64_C(9000000000), &v)) < 0)
			return rc;
		unsigned e = 0;
		for (uint64_t cm = (uint64_t)v; cm >= 10; cm /= 10)
			e++;
		uint64_t m = (uint64_t)v;
		for (unsigned j = 0; j < e; j++)
			m /= 10;
		b[i] = (uint8_t)(m << 4 | e);
	}
	if (rc < 0)
		return rc;
	if (next_token(ps, &t) > 0)
		return fail(ps, t.at, Q53_ESYNTAX);
	return emit(ps, &t, b, sizeof b);
}

/* Token t, from its off-th character, as hex digits in pairs, each an octet: an even number of them. */
static int hex_pairs(parser *ps, const token *t, size_t off)
{
	const char *s = ps->text + t->off;
	int rc;
	if (t->quoted || (t->len - off) % 2 != 0)
		return fail(ps, t->at, Q53_ESYNTAX);
	for (size_t i = off; i < t->len; i += 2) {
		int hi = hexval(s[i]), lo = hexval(s[i + 1]);
		if (hi < 0 || lo < 0)
			return fail(ps, t->at, Q53_ESYNTAX);
		if ((rc = emit8(ps, t, (uint8_t)(hi << 4 | lo))) < 0)
			return rc;
	}
	return 0;
}

/* Fails when another token follows: fields that end the text. */
static int no_more(parser *ps)
{
	token t;
	int rc = next_token(ps, &t);
	return rc > 0 ? fail(ps, t.at, Q53_ESYNTAX) : rc;
}

/* RFC 1183 3.2: ISDN's subaddress, a character-string that may be left out. */
static int str1_rest(parser *ps)
{
	token t;
	int rc = next_token(ps, &t);
	if (rc <= 0 || (rc = char_string(ps, &t)) < 0)
		return rc;
	return no_more(ps);
}

/* RFC 6742 2.1.2: four groups of one to four hex digits between colons, "14:4fff:ff20:ee64". */
static int ilnp64_field(parser *ps, const token *t)
{
	const char *s = ps->text + t->off;
	uint8_t b[8];
	size_t i = 0;
	if (t->quoted)
		return fail(ps, t->at, Q53_ESYNTAX);
	for (unsigned g = 0; g < 4; g++) {
		unsigned v = 0, digits = 0;
		if (g > 0 && (i >= t->len || s[i++] != ':'))
			return fail(ps, t->at, Q53_ESYNTAX);
		for (; i < t->len && hexval(s[i]) >= 0 && digits < 5; i++, digits++)
			v = v << 4 | (unsigned)hexval(s[i]);
		if (digits == 0 || digits > 4)
			return fail(ps, t->at, Q53_ESYNTAX);
		q53_put16(b + 2 * g, (uint16_t)v);
	}
	if (i != t->len)
		return fail(ps, t->at, Q53_ESYNTAX);
	return emit(ps, t, b, sizeof b);
}

/* RFC 1706 5: "0x", then hex digits in pairs, dots allowed between them; at least one octet. */
static int nsap_rest(parser *ps)
{
	token t;
	int rc = need_token(ps, &t);
	if (rc < 0)
		return rc;
	const char *s = ps->text + t.off;
	if (t.quoted || t.len < 4 || s[0] != '0' || (s[1] | 0x20) != 'x')
		return fail(ps, t.at, Q53_ESYNTAX);
	int hi = -1;
	for (size_t i = 2; i < t.len; i++) {
		if (s[i] == '.' && hi < 0)
			continue;
		int v = hexval(s[i]);
		if (v < 0)
			return fail(ps, t.at, Q53_ESYNTAX);
		if (hi < 0) {
			hi = v;
		} else if ((rc = emit8(ps, &t, (uint8_t)(hi << 4 | v))) < 0) {
			return rc;
		} else {
			hi = -1;
		}
	}
	if (hi >= 0 || s[t.len - 1] == '.')
		return fail(ps, t.at, Q53_ESYNTAX);
	return no_more(ps);
}

/*
 * A WKS protocol (RFC 1035 3.4.2) by number, or as "tcp" or "udp" in any case (the names BIND and ldns
 * read through /etc/protocols; these two are all WKS was used with). *name gets the name services are
 * looked up under, NULL for another protocol.
 */
static int wks_proto(parser *ps, const token *t, uint32_t *v, const char **name)
{
	const char *s = ps->text + t->off;
	*name = NULL;
	if (!t->quoted && t->len == 3 && strncasecmp(s, "tcp", 3) == 0)
		*v = 6;
	else if (!t->quoted && t->len == 3 && strncasecmp(s, "udp", 3) == 0)
		*v = 17;
	else {
		int rc = number(ps, t, UINT8_MAX, v);
		if (rc < 0)
			return rc;
	}
	if (*v == 6 || *v == 17)
		*name = *v == 6 ? "tcp" : "udp";
	return 0;
}

/* A WKS port by number, or by a service name of the protocol as the system's services database has it. */
static int wks_port(parser *ps, const token *t, const char *proto, uint32_t *port)
{
	const char *s = ps->text + t->off;
	if (t->len > 0 && s[0] >= '0' && s[0] <= '9')
		return number(ps, t, UINT16_MAX, port);
	char name[64], buf[1024];
	struct servent se, *found = NULL;
	if (t->quoted || proto == NULL || t->len == 0 || t->len >= sizeof name)
		return fail(ps, t->at, Q53_ESYNTAX);
	memcpy(name, s, t->len);
	name[t->len] = '\0';
	if (getservbyname_r(name, proto, &se, buf, sizeof buf, &found) != 0 || found == NULL)
		return fail(ps, t->at, Q53_ESYNTAX);
	*port = ntohs((uint16_t)found->s_port);
	return 0;
}

/*
 * RFC 1035 3.4.2: an IPv4 address, a protocol and the ports offered, any order, as a bitmap as long as
 * its highest port needs (none without ports).
 */
static int wks_rest(parser *ps)
{
	token t;
	uint32_t proto, port;
	const char *pname;
	int rc;
	if ((rc = need_token(ps, &t)) < 0 || (rc = addr_field(ps, &t, AF_INET)) < 0 ||
	    (rc = need_token(ps, &t)) < 0 || (rc = wks_proto(ps, &t, &proto, &pname)) < 0 ||
	    (rc = emit8(ps, &t, (uint8_t)proto)) < 0)
		return rc;
	size_t base = ps->n, len = 0;
	while ((rc = next_token(ps, &t)) > 0) {
		if ((rc = wks_port(ps, &t, pname, &port)) < 0)
			return rc;
		size_t need = port / 8 + 1;
		if (need > len) {
			if (need - len > ps->size - ps->n)
				return fail(ps, t.at, Q53_ENOSPACE);
			memset(ps->out + ps->n, 0, need - len);
			ps->n += need - len;
			len = need;
		}
		ps->out[base + port / 8] |= (uint8_t)(0x80u >> port % 8);
	}
	return rc;
}

/* RFC 8777 4.3: the D bit (0 or 1), the relay type (0 to 3) and the relay as the type says. */
static int amtrelay_field(parser *ps, token *t, const uint8_t *origin)
{
	uint32_t d, type;
	int rc;
	if ((rc = number(ps, t, 1, &d)) < 0 || (rc = need_token(ps, t)) < 0 ||
	    (rc = number(ps, t, 3, &type)) < 0 || (rc = emit8(ps, t, (uint8_t)(d << 7 | type))) < 0 ||
	    (rc = need_token(ps, t)) < 0)
		return rc;
	return gateway_field(ps, t, type, origin);
}
#endif

/* The remaining tokens as one run of hex digits (an even number of them, possibly none). */
static int hex_rest(parser *ps)
{
	token t = {ps->len, 0, 0, false};
	unsigned hi = 0, odd = 0;
	int rc;
	/* Invariant: the digits read so far are emitted as octets, but for a pending high nibble when odd. */
	while ((rc = next_token(ps, &t)) > 0) {
		if (t.quoted)
			return fail(ps, t.at, Q53_ESYNTAX);
		for (size_t i = 0; i < t.len; i++) {
			int v = hexval(ps->text[t.off + i]);
			if (v < 0)
				return fail(ps, t.at, Q53_ESYNTAX);
			if (!odd) {
				hi = (unsigned)v;
			} else if ((rc = emit8(ps, &t, (uint8_t)(hi << 4 | (unsigned)v))) < 0) {
				return rc;
			}
			odd ^= 1;
		}
	}
	if (rc < 0)
		return rc;
	return odd ? fail(ps, t.at, Q53_ESYNTAX) : 0;
}

static int b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Base64 being decoded: qn (< 4) characters pending after whole quads already emitted; done once a padded
 * quad closed the text. */
typedef struct b64 {
	unsigned q[4], qn, pad;
	bool done;
} b64;

/*
 * One character of a base64 text (RFC 4648 4): whole quads, "=" only as the last one or two characters,
 * and the bits padding leaves over must be zero (RFC 4648 3.5), so every text has one encoding and prints
 * back as it was read. Errors are reported at t.
 */
static int b64_char(parser *ps, const token *t, b64 *b, char c)
{
	int v = 0;
	if (b->done)
		return fail(ps, t->at, Q53_ESYNTAX);
	if (c == '=') {
		if (b->qn < 2)
			return fail(ps, t->at, Q53_ESYNTAX);
		b->pad++;
	} else if (b->pad > 0 || (v = b64val(c)) < 0) {
		return fail(ps, t->at, Q53_ESYNTAX);
	}
	b->q[b->qn++] = (unsigned)v;
	if (b->qn < 4)
		return 0;
	const unsigned *q = b->q;
	uint8_t o[3] = {(uint8_t)(q[0] << 2 | q[1] >> 4), (uint8_t)(q[1] << 4 | q[2] >> 2),
			(uint8_t)(q[2] << 6 | q[3])};
	if ((b->pad == 1 && (q[2] & 3) != 0) || (b->pad == 2 && (q[1] & 15) != 0))
		return fail(ps, t->at, Q53_ESYNTAX);
	b->qn = 0;
	b->done = b->pad > 0;
	return emit(ps, t, o, 3 - b->pad);
}

/* The remaining tokens as one base64 text (see b64_char()). */
static int b64_rest(parser *ps)
{
	token t = {ps->len, 0, 0, false};
	b64 b = {{0}, 0, 0, false};
	int rc;
	while ((rc = next_token(ps, &t)) > 0) {
		if (t.quoted)
			return fail(ps, t.at, Q53_ESYNTAX);
		for (size_t i = 0; i < t.len; i++)
			if ((rc = b64_char(ps, &t, &b, ps->text[t.off + i])) < 0)
				return rc;
	}
	if (rc < 0)
		return rc;
	return b.qn != 0 ? fail(ps, t.at, Q53_ESYNTAX) : 0;
}

#if !Q53_CODEC_SMALL
/*
 * RFC 8005 5: the public key algorithm, the HIT in hex and the public key in base64 (one token each, neither
 * empty), then the rendezvous servers, names written uncompressed; the lengths go before them.
 */
static int hip_rest(parser *ps, const uint8_t *origin)
{
	token t = {ps->len, 0, 0, false};
	uint32_t alg;
	size_t base = ps->n;
	uint8_t head[4] = {0};
	int rc;
	if ((rc = need_token(ps, &t)) < 0 || (rc = number(ps, &t, UINT8_MAX, &alg)) < 0)
		return rc;
	head[1] = (uint8_t)alg;
	if ((rc = emit(ps, &t, head, sizeof head)) < 0 || (rc = need_token(ps, &t)) < 0)
		return rc;
	if (t.len == 0 || t.len > 2 * UINT8_MAX)
		return fail(ps, t.at, Q53_ESYNTAX);
	if ((rc = hex_pairs(ps, &t, 0)) < 0)
		return rc;
	ps->out[base] = (uint8_t)(t.len / 2);
	if ((rc = need_token(ps, &t)) < 0)
		return rc;
	size_t pk = ps->n;
	b64 b = {{0}, 0, 0, false};
	if (t.quoted)
		return fail(ps, t.at, Q53_ESYNTAX);
	for (size_t i = 0; i < t.len; i++)
		if ((rc = b64_char(ps, &t, &b, ps->text[t.off + i])) < 0)
			return rc;
	if (b.qn != 0 || ps->n == pk || ps->n - pk > UINT16_MAX)
		return fail(ps, t.at, Q53_ESYNTAX);
	q53_put16(ps->out + base + 2, (uint16_t)(ps->n - pk));
	while ((rc = next_token(ps, &t)) > 0)
		if ((rc = name_field(ps, &t, origin)) < 0)
			return rc;
	return rc;
}
#endif

/* The type a token names (a mnemonic or TYPEnnn, RFC 3597 5, unquoted), or a negative error. */
static int type_token(const parser *ps, const token *t)
{
	return t->quoted ? Q53_ETYPE : q53_type_from_text(ps->text + t->off, t->len);
}

/* A type as two octets (RRSIG's type covered). */
static int type_field(parser *ps, const token *t)
{
	int v = type_token(ps, t);
	if (v < 0)
		return fail(ps, t->at, Q53_ESYNTAX);
	uint8_t b[2];
	q53_put16(b, (uint16_t)v);
	return emit(ps, t, b, 2);
}

/* Days from 1970-01-01 to a civil date (proleptic Gregorian); the inverse of civil(). */
static uint64_t days_from_civil(unsigned y, unsigned m, unsigned d)
{
	y -= m <= 2;
	uint64_t era = y / 400, yoe = y - era * 400;
	uint64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	uint64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* RFC 4034 3.2: YYYYMMDDHHmmSS in UTC (1970 to 2106), or plain seconds since 1970. */
static int time_field(parser *ps, const token *t)
{
	const char *c = ps->text + t->off;
	uint32_t v;
	if (t->quoted || t->len != 14) {
		int rc = number(ps, t, UINT32_MAX, &v);
		if (rc < 0)
			return rc;
	} else {
		static const unsigned w[6] = {4, 2, 2, 2, 2, 2};
		unsigned f[6];
		size_t at = 0;
		for (unsigned i = 0; i < 6; i++) {
			f[i] = 0;
			for (unsigned j = 0; j < w[i]; j++, at++) {
				if (c[at] < '0' || c[at] > '9')
					return fail(ps, t->at, Q53_ESYNTAX);
				f[i] = f[i] * 10 + (unsigned)(c[at] - '0');
			}
		}
		if (f[0] < 1970 || f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 || f[3] > 23 || f[4] > 59 ||
		    f[5] > 59)
			return fail(ps, t->at, Q53_ERANGE);
		/* A date that exists comes back from days and civil() unchanged (April 31st would be May 1st,
		 * February 29th of a common year March 1st): the calendar's rules live in those two alone. */
		uint64_t days = days_from_civil(f[0], f[1], f[2]);
		uint64_t x = days * 86400 + f[3] * 3600u + f[4] * 60u + f[5];
		unsigned y, m, d;
		if (x > UINT32_MAX)
			return fail(ps, t->at, Q53_ERANGE);
		civil((uint32_t)days, &y, &m, &d);
		if (y != f[0] || m != f[1] || d != f[2])
			return fail(ps, t->at, Q53_ERANGE);
		v = (uint32_t)x;
	}
	uint8_t b[4];
	q53_put32(b, v);
	return emit(ps, t, b, 4);
}

/* NSEC3 salt (RFC 5155 3.3): "-" for none, else hex digits, at most 255 octets, after a length octet. */
static int salt_field(parser *ps, const token *t)
{
	const char *c = ps->text + t->off;
	if (t->quoted)
		return fail(ps, t->at, Q53_ESYNTAX);
	if (t->len == 1 && c[0] == '-')
		return emit8(ps, t, 0);
	if (t->len == 0 || t->len % 2 != 0 || t->len > 510)
		return fail(ps, t->at, Q53_ESYNTAX);
	int rc = emit8(ps, t, (uint8_t)(t->len / 2));
	for (size_t i = 0; rc == 0 && i < t->len; i += 2) {
		int hi = hexval(c[i]), lo = hexval(c[i + 1]);
		if (hi < 0 || lo < 0)
			return fail(ps, t->at, Q53_ESYNTAX);
		rc = emit8(ps, t, (uint8_t)(hi << 4 | lo));
	}
	return rc;
}

static int b32val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	if (c >= 'a' && c <= 'v')
		return c - 'a' + 10;
	return -1;
}

/*
 * NSEC3's next hashed owner (RFC 5155 3.3): base32hex of 1 to 255 octets without padding, any case, the
 * bits past the last octet zero (so that it prints back as it was read), after a length octet.
 */
static int b32_field(parser *ps, const token *t)
{
	const char *c = ps->text + t->off;
	size_t octets = t->len * 5 / 8;
	/* A length that leaves a whole character over, or nothing, is no base32 text. */
	if (t->quoted || octets == 0 || octets > 255 || (octets * 8 + 4) / 5 != t->len)
		return fail(ps, t->at, Q53_ESYNTAX);
	int rc = emit8(ps, t, (uint8_t)octets);
	uint32_t acc = 0;
	unsigned bits = 0;
	for (size_t i = 0; rc == 0 && i < t->len; i++) {
		int v = b32val(c[i]);
		if (v < 0)
			return fail(ps, t->at, Q53_ESYNTAX);
		acc = (acc << 5 | (uint32_t)v) & 0x1FFF;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			rc = emit8(ps, t, (uint8_t)(acc >> bits));
		}
	}
	if (rc == 0 && (acc & ((1u << bits) - 1)) != 0)
		return fail(ps, t->at, Q53_ESYNTAX);
	return rc;
}

/*
 * The remaining tokens as types (mnemonics or TYPEnnn, any order, repeats allowed), written as the bitmap
 * windows of RFC 4034 4.1.2: ascending, each as long as its highest type needs.
 */
static int bitmap_rest(parser *ps)
{
	uint8_t map[256][32];
	uint8_t used[256] = {0}; /* the length each window needs, 0: unused */
	token t = {ps->len, 0, 0, false};
	int rc;
	while ((rc = next_token(ps, &t)) > 0) {
		int v = type_token(ps, &t);
		if (v < 0)
			return fail(ps, t.at, Q53_ESYNTAX);
		unsigned w = (unsigned)v >> 8, o = ((unsigned)v & 255) >> 3;
		if (used[w] == 0)
			memset(map[w], 0, sizeof map[w]);
		if (used[w] < o + 1)
			used[w] = (uint8_t)(o + 1);
		map[w][o] |= (uint8_t)(0x80u >> (v & 7));
	}
	if (rc < 0)
		return rc;
	for (unsigned w = 0; w < 256; w++) {
		if (used[w] == 0)
			continue;
		uint8_t head[2] = {(uint8_t)w, used[w]};
		if ((rc = emit(ps, &t, head, 2)) < 0 || (rc = emit(ps, &t, map[w], used[w])) < 0)
			return rc;
	}
	return 0;
}

/* ---- SvcParams (RFC 9460 2.1 and appendix A) ---- */

/*
 * The SvcParamKey s[0..n): a name (svc_names) or "keyNNNNN" without leading zeros (RFC 9460 2.1, lower case
 * only), not the invalid key. Returns the key, -1 for none, -2 for a number above 65535.
 */
static long svc_key(const char *s, size_t n)
{
	const char *m = svc_names;
	/* s may hold a NUL: lengths first, so that m is never read past its own. */
	for (long k = 0; k < SVC_NAMED; k++, m += strlen(m) + 1)
		if (strlen(m) == n && memcmp(m, s, n) == 0)
			return k;
	if (n < 4 || n > 8 || memcmp(s, "key", 3) != 0 || (s[3] == '0' && n > 4))
		return -1;
	long v = 0;
	for (size_t i = 3; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v < SVC_INVALID ? v : v == SVC_INVALID ? -1 : -2;
}

/*
 * A comma-separated list without escapes (RFC 9460 7.3, 8): the keys of "mandatory", written ascending,
 * or the addresses of "ipv4hint" and "ipv6hint". Errors at the item.
 */
static int svc_list(parser *ps, long key, const token *v)
{
	const char *s = ps->text;
	size_t i = v->off, end = v->off + v->len, first = ps->n;
	/* Invariant: the items of s[off..i) are written, i just past a comma. */
	for (;;) {
		size_t j = i;
		while (j < end && s[j] != ',')
			j++;
		token t = {i, i, j - i, false};
		int rc;
		if (key != SVC_MANDATORY) {
			rc = addr_field(ps, &t, key == SVC_IPV4HINT ? AF_INET : AF_INET6);
		} else {
			long k = svc_key(s + i, j - i);
			uint8_t b[2] = {0, 0};
			if (k < 0)
				return fail(ps, i, k == -2 ? Q53_ERANGE : Q53_ESYNTAX);
			/* In place among the keys before it (repeats are svc_value_ok()'s to find). */
			if ((rc = emit(ps, v, b, 2)) == 0) {
				size_t q = ps->n - 2;
				while (q > first && q53_get16(ps->out + q - 2) > k)
					q -= 2;
				memmove(ps->out + q + 2, ps->out + q, ps->n - 2 - q);
				q53_put16(ps->out + q, (uint16_t)k);
			}
		}
		if (rc < 0 || j == end)
			return rc;
		i = j + 1;
	}
}

/*
 * "alpn" (RFC 9460 7.1.1): a comma-separated list of alpn-ids where, after the character-string's own
 * escapes, "\," and "\\" stand for a comma and a backslash inside an id (appendix A.1); each id written as
 * a character-string (empty ones are svc_value_ok()'s to find). Errors at the id.
 */
static int svc_alpn(parser *ps, const token *v)
{
	cstr c = {v->off, v->off + v->len, v->at};
	size_t len_at = ps->n, item = v->off;
	uint8_t o;
	int rc = emit8(ps, v, 0);
	/* Invariant: out[len_at] counts the octets of the current id, which follow it. */
	while (rc == 0 && (rc = cstr_get(ps, &c, &o)) > 0) {
		if (o == ',') {
			len_at = ps->n;
			item = c.i;
			rc = emit8(ps, v, 0);
			continue;
		}
		if (o == '\\' && ((rc = cstr_get(ps, &c, &o)) <= 0 || (o != ',' && o != '\\')))
			return rc < 0 ? rc : fail(ps, item, Q53_ESYNTAX);
		if (ps->out[len_at] == 255)
			return fail(ps, item, Q53_ERANGE);
		if ((rc = emit8(ps, v, o)) == 0)
			ps->out[len_at]++;
	}
	return rc;
}

static void reverse(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n / 2; i++) {
		uint8_t c = p[i];
		p[i] = p[n - 1 - i];
		p[n - 1 - i] = c;
	}
}

/*
 * The remaining text as SvcParams (RFC 9460 2.1): "key", "key=value" or "key=\"value\"", each one token, in
 * any order; written as the wire wants them (2.2): keys ascending, each once. A named key's value follows
 * the key's own syntax; a "keyNNNNN" value is a character-string whose octets are the wire value. Either
 * way the value must be one svc_value_ok() takes, and the whole self-consistent. Errors about a param as
 * a whole (its key, its value missing, not allowed or wrong for the key, a repeat, consistency) are
 * reported at its start, the others in its value. Out of line, as typed_from_text() is: gcc -Os inlining
 * both into q53_rdata_from_text() made it 600 octets larger (libq53's size goal, issue 6).
 */
static Q53_NOINLINE int svc_rest(parser *ps)
{
	const char *s = ps->text;
	size_t start = ps->n, at_of[2] = {0, 0}; /* where mandatory and no-default-alpn are */
	long last = -1;
	/* Invariant: out[start..n) are whole params, their keys strictly ascending, the greatest last. */
	for (;;) {
		size_t at = ps->pos, i;
		while (at < ps->len && space(s[at]))
			at++;
		if (at == ps->len)
			break;
		/* The key ends at "=" or a blank; svc_key() takes only what RFC 9460 2.1 allows in it. */
		for (i = at; i < ps->len && s[i] != '=' && !space(s[i]); i++)
			;
		long key = svc_key(s + at, i - at);
		if (key < 0)
			return fail(ps, at, key == -2 ? Q53_ERANGE : Q53_ESYNTAX);
		/* Every key has 3 characters or more, and no name starts with "key". */
		bool named = memcmp(s + at, "key", 3) != 0;
		/* A key without "=value" has an empty value, as "key=" and "key=\"\"" have. */
		token v = {i, i, 0, false};
		int rc = 0;
		ps->pos = i;
		if (i < ps->len && s[i] == '=' && (rc = scan(ps, ++v.at, at, &v)) < 0)
			return rc;
		uint8_t head[4] = {(uint8_t)(key >> 8), (uint8_t)key, 0, 0};
		size_t h = ps->n;
		if ((rc = emit(ps, &v, head, 4)) < 0)
			return rc;
		switch (named && v.len > 0 ? key : SVC_NAMED) {
		case SVC_MANDATORY:
		case SVC_IPV4HINT:
		case SVC_IPV6HINT:
			rc = svc_list(ps, key, &v);
			break;
		case SVC_ALPN:
			rc = svc_alpn(ps, &v);
			break;
		case SVC_PORT: {
			/* A decimal number without escapes, quoted or not. */
			token t = v;
			uint32_t port;
			t.quoted = false;
			if ((rc = number(ps, &t, UINT16_MAX, &port)) == 0) {
				uint8_t b[2] = {(uint8_t)(port >> 8), (uint8_t)port};
				rc = emit(ps, &v, b, 2);
			}
			break;
		}
		case SVC_ECH: {
			/* The ECHConfigList in base64 (RFC 9460 9), in one piece. */
			cstr c = {v.off, v.off + v.len, v.at};
			b64 b = {{0}, 0, 0, false};
			uint8_t o;
			while ((rc = cstr_get(ps, &c, &o)) > 0 && (rc = b64_char(ps, &v, &b, (char)o)) == 0)
				;
			if (rc == 0 && b.qn != 0)
				rc = fail(ps, v.at, Q53_ESYNTAX);
			break;
		}
		default: {
			/* keyNNNNN, dohpath (RFC 9461 5), and empty values: the octets themselves. */
			long n = unescape(ps, &v, RDATA_MAX);
			rc = n < 0 ? (int)n : 0;
			break;
		}
		}
		if (rc < 0)
			return rc;
		/* RDATA is at most 65535 octets: so is every value. */
		q53_put16(ps->out + h + 2, (uint16_t)(ps->n - h - 4));
		if (!svc_value_ok((unsigned)key, ps->out + h + 4, ps->n - h - 4))
			return fail(ps, at, named ? Q53_ESYNTAX : Q53_ERDATA);
		if (key == SVC_MANDATORY || key == SVC_NO_DEFAULT_ALPN)
			at_of[key != SVC_MANDATORY] = at;
		if (key > last) {
			last = key;
			continue;
		}
		/* Out of order: it goes before the first greater key; an equal key met first is a repeat. */
		size_t q = start;
		while (q53_get16(ps->out + q) < key)
			q += 4u + q53_get16(ps->out + q + 2);
		if (q53_get16(ps->out + q) == key)
			return fail(ps, at, Q53_ESYNTAX);
		/* A rotation, by three reversals: no buffer. */
		reverse(ps->out + q, h - q);
		reverse(ps->out + h, ps->n - h);
		reverse(ps->out + q, ps->n - q);
	}
	int k = svc_inconsistent(ps->out + start, ps->n - start);
	return k < 0 ? 0 : fail(ps, at_of[k != SVC_MANDATORY], Q53_ESYNTAX);
}

/* RFC 3597 5: "\# <length> <hex words>", after the "\#" token g. */
static int generic_from_text(parser *ps, uint16_t type, const token *g)
{
	token t;
	uint32_t want;
	int rc = need_token(ps, &t);
	if (rc < 0)
		return rc;
	if ((rc = number(ps, &t, RDATA_MAX, &want)) < 0)
		return rc;
	if ((rc = hex_rest(ps)) < 0)
		return rc;
	if (ps->n != want)
		return fail(ps, t.at, Q53_ESYNTAX);
	if (q53_rdata_check(type, ps->out, ps->n) < 0)
		return fail(ps, g->at, Q53_ERDATA);
	return 0;
}

#if !Q53_CODEC_SMALL
/* RFC 2535 5.2: NXT's types, 1 to 127, any order, as a bitmap as long as the highest needs (none: empty). */
static int nxtmap_rest(parser *ps)
{
	uint8_t map[16] = {0};
	size_t len = 0;
	token t = {ps->len, 0, 0, false};
	int rc;
	while ((rc = next_token(ps, &t)) > 0) {
		int v = type_token(ps, &t);
		if (v < 0)
			return fail(ps, t.at, Q53_ESYNTAX);
		if (v == 0 || v > 127)
			return fail(ps, t.at, Q53_ERANGE);
		map[v / 8] |= (uint8_t)(0x80u >> v % 8);
		if ((size_t)v / 8 + 1 > len)
			len = (size_t)v / 8 + 1;
	}
	return rc < 0 ? rc : emit(ps, &t, map, len);
}

/*
 * RFC 2874 3.1: the prefix length, then (below 128) an IPv6 address whose last (128 - length) bits are the
 * suffix, then (above 0) the prefix name. Bits of the address inside the prefix are cleared, as in BIND.
 */
static int a6_rest(parser *ps, const uint8_t *origin)
{
	token t = {ps->len, 0, 0, false};
	uint32_t plen;
	int rc;
	if ((rc = need_token(ps, &t)) < 0 || (rc = number(ps, &t, 128, &plen)) < 0 ||
	    (rc = emit8(ps, &t, (uint8_t)plen)) < 0)
		return rc;
	size_t suffix = (128u - plen + 7u) / 8u;
	if (suffix > 0) {
		uint8_t a[16];
		char txt[INET6_ADDRSTRLEN];
		if ((rc = need_token(ps, &t)) < 0)
			return rc;
		if (t.quoted || t.len >= sizeof txt)
			return fail(ps, t.at, Q53_ESYNTAX);
		memcpy(txt, ps->text + t.off, t.len);
		txt[t.len] = '\0';
		if (inet_pton(AF_INET6, txt, a) != 1)
			return fail(ps, t.at, Q53_ESYNTAX);
		if (plen % 8 != 0)
			a[16 - suffix] &= (uint8_t)(0xFFu >> plen % 8);
		if ((rc = emit(ps, &t, a + 16 - suffix, suffix)) < 0)
			return rc;
	}
	if (plen > 0 && ((rc = need_token(ps, &t)) < 0 || (rc = name_field(ps, &t, origin)) < 0))
		return rc;
	return no_more(ps);
}

/* DOA's data: base64, or "-" for none. */
static int b64dash_rest(parser *ps)
{
	token t;
	size_t at = ps->pos;
	int rc = next_token(ps, &t);
	if (rc > 0 && !t.quoted && t.len == 1 && ps->text[t.off] == '-')
		return no_more(ps);
	if (rc < 0)
		return rc;
	ps->pos = at;
	return b64_rest(ps);
}

/* An ATM address: "+" and E.164 digits (format 1), or hex for an AESA (format 0), in one token. */
static int atma_rest(parser *ps)
{
	token t;
	int rc = need_token(ps, &t);
	if (rc < 0)
		return rc;
	const char *s = ps->text + t.off;
	if (t.quoted || t.len < 2)
		return fail(ps, t.at, Q53_ESYNTAX);
	if (s[0] == '+') {
		if ((rc = emit8(ps, &t, 1)) < 0)
			return rc;
		for (size_t i = 1; i < t.len; i++)
			if (s[i] < '0' || s[i] > '9')
				return fail(ps, t.at, Q53_ESYNTAX);
		if ((rc = emit(ps, &t, s + 1, t.len - 1)) < 0)
			return rc;
		return no_more(ps);
	}
	if ((rc = emit8(ps, &t, 0)) < 0 || (rc = hex_pairs(ps, &t, 0)) < 0)
		return rc;
	return no_more(ps);
}
#endif

static Q53_NOINLINE int typed_from_text(parser *ps, uint16_t type, const rrtype *d, const uint8_t *origin,
					token *t, int have)
{
	int rc = 0;
	/* Invariant: out[0..n) is the wire form of fields f[0..i); have says t is read but not used yet. */
	for (unsigned i = 0; i < RDF_MAX && d->f[i] != RDF_END; i++) {
		unsigned k = d->f[i];
		uint32_t v;
		/* Fields that take the rest of the text read their own tokens (the table puts them last). */
		if (rdf_takes_rest(k)) {
			if (have)
				ps->pos = t->at;
			return k == RDF_HEX	 ? hex_rest(ps)
			       : k == RDF_B64	 ? b64_rest(ps)
			       : k == RDF_BITMAP ? bitmap_rest(ps)
#if !Q53_CODEC_SMALL
			       : k == RDF_LOC	  ? loc_rest(ps)
			       : k == RDF_APL	  ? apl_rest(ps)
			       : k == RDF_STR1	  ? str1_rest(ps)
			       : k == RDF_NSAP	  ? nsap_rest(ps)
			       : k == RDF_WKS	  ? wks_rest(ps)
			       : k == RDF_HIP	  ? hip_rest(ps, origin)
			       : k == RDF_NXTMAP  ? nxtmap_rest(ps)
			       : k == RDF_A6	  ? a6_rest(ps, origin)
			       : k == RDF_B64DASH ? b64dash_rest(ps)
			       : k == RDF_ATMA	  ? atma_rest(ps)
#endif
					       : svc_rest(ps);
		}
		if (!have && (rc = need_token(ps, t)) < 0)
			return rc;
		have = 0;
		switch ((rdf)k) {
		case RDF_CNAME:
		case RDF_DNAME:
		case RDF_NAME:
			rc = name_field(ps, t, origin);
			break;
		case RDF_U8:
			if ((rc = number(ps, t, UINT8_MAX, &v)) == 0)
				rc = emit8(ps, t, (uint8_t)v);
			break;
		case RDF_U16:
			if ((rc = number(ps, t, UINT16_MAX, &v)) == 0) {
				uint8_t b[2];
				q53_put16(b, (uint16_t)v);
				rc = emit(ps, t, b, 2);
			}
			break;
		case RDF_U32:
			/* SOA REFRESH, RETRY, EXPIRE and MINIMUM are durations; the SERIAL is a plain number.
			 */
			rc = type == Q53_TYPE_SOA && i > 2 ? duration(ps, t, &v)
							   : number(ps, t, UINT32_MAX, &v);
			if (rc == 0) {
				uint8_t b[4];
				q53_put32(b, v);
				rc = emit(ps, t, b, 4);
			}
			break;
		case RDF_A:
			rc = addr_field(ps, t, AF_INET);
			break;
		case RDF_AAAA:
			rc = addr_field(ps, t, AF_INET6);
			break;
		case RDF_STR:
			rc = char_string(ps, t);
			break;
		case RDF_STRS:
			/* RFC 1035 3.3.14: one or more character-strings, up to the end. */
			do {
				rc = char_string(ps, t);
			} while (rc == 0 && (rc = next_token(ps, t)) > 0);
			break;
		case RDF_TAG:
			rc = tag_field(ps, t);
			break;
		case RDF_TEXT: {
			long n = unescape(ps, t, RDATA_MAX);
			rc = n < 0 ? (int)n : 0;
			break;
		}
		case RDF_TYPE:
			rc = type_field(ps, t);
			break;
		case RDF_TIME:
			rc = time_field(ps, t);
			break;
		case RDF_SALT:
			rc = salt_field(ps, t);
			break;
		case RDF_B32:
			rc = b32_field(ps, t);
			break;
#if !Q53_CODEC_SMALL
		case RDF_EUI48:
		case RDF_EUI64:
			rc = eui_field(ps, t, k == RDF_EUI48 ? 6 : 8);
			break;
		case RDF_CERTTYPE:
			rc = mnemonic_field(ps, t, cert_names, 11, cert_value, UINT16_MAX);
			break;
		case RDF_ALG:
			rc = mnemonic_field(ps, t, alg_names, 20, alg_value, UINT8_MAX);
			break;
		case RDF_IPSECGW:
			rc = ipsecgw_field(ps, t, origin);
			break;
		case RDF_ILNP64:
			rc = ilnp64_field(ps, t);
			break;
		case RDF_AMTRELAY:
			rc = amtrelay_field(ps, t, origin);
			break;
#else
		case RDF_EUI48:
		case RDF_EUI64:
		case RDF_CERTTYPE:
		case RDF_ALG:
		case RDF_IPSECGW:
		case RDF_ILNP64:
		case RDF_AMTRELAY:
#endif
		case RDF_HEX:
		case RDF_B64:
		case RDF_BITMAP:
		case RDF_SVCPARAMS:
		case RDF_LOC:
		case RDF_APL:
		case RDF_STR1:
		case RDF_NSAP:
		case RDF_WKS:
		case RDF_HIP:
		case RDF_NXTMAP:
		case RDF_A6:
		case RDF_B64DASH:
		case RDF_ATMA:
		case RDF_END:
			break;
		}
		if (rc < 0)
			return rc;
	}
	rc = next_token(ps, t);
	if (rc > 0)
		return fail(ps, t->at, Q53_ESYNTAX);
	return rc;
}

int q53_rdata_from_text(uint16_t type, const char *text, size_t len, const uint8_t *origin, uint8_t *out,
			size_t size, size_t *errpos)
{
	parser ps = {text, len, 0, out, size > RDATA_MAX ? RDATA_MAX : size, 0, 0};
	const rrtype *d = q53__rrtype(type);
	token t;
	int rc;
	if ((text == NULL && len > 0) || (out == NULL && size > 0)) {
		rc = Q53_EINVAL;
		goto out;
	}
	rc = next_token(&ps, &t);
	if (rc < 0)
		goto out;
	/* An unquoted "\#" opens the generic form, which every type accepts (RFC 3597 5). */
	if (rc > 0 && !t.quoted && t.len == 2 && memcmp(text + t.off, "\\#", 2) == 0) {
		rc = generic_from_text(&ps, type, &t);
	} else if (d == NULL) {
		rc = fail(&ps, rc > 0 ? t.at : len, Q53_ESYNTAX);
	} else {
		rc = typed_from_text(&ps, type, d, origin, &t, rc > 0);
	}
out:
	if (rc < 0) {
		if (errpos != NULL)
			*errpos = ps.err_at;
		return rc;
	}
	return (int)ps.n;
}
