/*
 * The master-file parser: RFC 1035 section 5 ($ORIGIN, $INCLUDE, @, relative names, owner, TTL and class
 * inherited, parentheses, comments, quoted strings), $TTL and TTL units (RFC 2308 4), RDATA through the
 * codec's text forms (every other type as RFC 3597 "\# len hex"), BIND's $GENERATE, and UTF-8 names turned
 * into A-labels through idna/.
 *
 * Goal: exact records with file:line for every one, and every mistake reported as "file:line:col: message"
 * while parsing goes on (up to max_errors). Non-goal: zone semantics (one SOA, glue...): the builder checks
 * those. Files are read whole; nothing is read past a buffer's end whatever the input.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* The call, not the header's in-line copy: names reach it only when they hold UTF-8 (has_utf8()), which
 * the in-line path would hand to the function anyway. */
#define Q53_IDNA_NO_INLINE 1
#include "q53/idna.h"
#include "q53/name.h"
#include "q53/rdata.h"
#include "zone.h"

enum {
	MAX_TTL = 0x7FFFFFFF, /* RFC 2181 8 */
	GENERATE_MAX = 1000000,
	GENERATE_VALUE_MAX = 0x7FFFFFFF, /* range ends and offsets: BIND's int */
	/* A joined RDATA line: the longest RDATA (65,535 octets) as TXT strings of \DDD escapes fits. Each
	 * octet of a string is 4 characters and each string's length octet 3 (quotes and a space), so at most
	 * 4 x 65,535 = 262,140. */
	TEXT_MAX = 263000,
};

typedef struct tok {
	const char *p;
	size_t len;
	unsigned line, col; /* col counts octets until report() turns it into characters */
	int quoted;
	int glued;	/* no blank between it and the token before (key="value" in SVCB) */
	const char *at; /* where the token stands in the file (p may point at a converted copy) */
} tok;

/* One file being read; $INCLUDE nests them. */
typedef struct src {
	const char *path;
	const char *buf;
	size_t len, pos;
	unsigned line;
	size_t line_start;
	uint8_t origin[Q53_NAME_MAX];
	int has_origin;
	unsigned depth;
} src;

typedef struct parser {
	const q53_parse_opts_t *o;
	q53_zrr_fn fn;
	void *ctx;
	unsigned errors, max_errors;
	int stop;     /* a callback error or too many errors */
	int line_err; /* the lexer reported an error in the current logical line */
	int cb_err;
	uint32_t ttl_dir; /* $TTL */
	int has_ttl_dir;
	uint32_t ttl_last; /* the last TTL stated on a record (RFC 1035 5.1) */
	int has_ttl_last;
	uint32_t soa_min;
	int has_soa_min;
	uint8_t owner[Q53_NAME_MAX];
	int has_owner;
	tok *toks;
	size_t ntoks, captoks;
	char text[TEXT_MAX];
	size_t text_off[4096]; /* offset of each RDATA token in text, for error columns */
	uint8_t rdata[65535];
	char msg[512];
} parser;

int q53_diag_format(const q53_diag_t *d, char *buf, size_t size)
{
	const char *lvl = d->level == Q53_DIAG_ERROR ? "error" : "warning";
	if (d->line == 0) /* about the whole zone */
		return snprintf(buf, size, "%s: %s: %s", d->file, lvl, d->msg);
	if (d->col > 0)
		return snprintf(buf, size, "%s:%u:%u: %s: %s", d->file, d->line, d->col, lvl, d->msg);
	return snprintf(buf, size, "%s:%u: %s: %s", d->file, d->line, lvl, d->msg);
}

/* The column of t in characters, not octets, so that UTF-8 before it does not shift it; 0 when unknown. */
static unsigned char_col(const tok *t)
{
	unsigned col = 0;
	if (t != NULL && t->col > 0) {
		const char *p = t->at - (t->col - 1);
		for (col = 1; p < t->at; p++)
			col += ((uint8_t)*p & 0xC0) != 0x80;
	}
	return col;
}

__attribute__((format(printf, 5, 6))) static void report(parser *ps, q53_diag_level lvl, const src *s,
							 const tok *t, const char *fmt, ...)
{
	/* After "too many errors, giving up" nothing more is said (the lexer may still be on that line). */
	if (ps->stop)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ps->msg, sizeof ps->msg, fmt, ap);
	va_end(ap);
	unsigned col = ps->o->diag ? char_col(t) : 0;
	if (ps->o->diag) {
		q53_diag_t d = {lvl, s->path, t ? t->line : s->line, col, ps->msg};
		ps->o->diag(&d, ps->o->diag_ctx);
	}
	if (lvl == Q53_DIAG_ERROR && ++ps->errors == ps->max_errors) {
		ps->stop = 1;
		if (ps->o->diag) {
			/* At the place of the last error, so that a listing sorted by place keeps it last. */
			q53_diag_t d = {Q53_DIAG_ERROR, s->path, t ? t->line : s->line, col,
					"too many errors, giving up"};
			ps->o->diag(&d, ps->o->diag_ctx);
		}
	}
}

#define ERR(ps, s, t, ...)  report(ps, Q53_DIAG_ERROR, s, t, __VA_ARGS__)
#define WARN(ps, s, t, ...) report(ps, Q53_DIAG_WARNING, s, t, __VA_ARGS__)

static int push_tok(parser *ps, const src *s, const char *p, size_t len, size_t at, int quoted)
{
	if (ps->ntoks == ps->captoks) {
		size_t cap = ps->captoks ? ps->captoks * 2 : 64;
		tok *t = realloc(ps->toks, cap * sizeof *t);
		if (t == NULL)
			return Q53_ENOMEM;
		ps->toks = t;
		ps->captoks = cap;
	}
	tok *t = &ps->toks[ps->ntoks++];
	t->p = p;
	t->len = len;
	t->line = s->line;
	t->col = (unsigned)(at - s->line_start) + 1;
	t->quoted = quoted;
	/* Tokens of one logical line touch only where a quote starts or ends one. */
	t->glued = ps->ntoks > 1 && t[-1].p + t[-1].len == p;
	t->at = p;
	return 0;
}

/* Printable form of a token for messages, cut to keep messages short. */
static const char *show(const tok *t, char *buf, size_t size)
{
	size_t n = t->len < size - 4 ? t->len : size - 4;
	memcpy(buf, t->p, n);
	strcpy(buf + n, t->len > n ? "..." : "");
	return buf;
}

/*
 * Reads one logical line (parentheses join physical lines) into ps->toks. *blank is set when the line
 * starts with white space (no owner). Returns 1 when a line was read, 0 at the end of the file.
 * Invariant: s->pos only grows, and every index used is < s->len.
 */
static int read_line(parser *ps, src *s, int *blank)
{
	const char *b = s->buf;
	size_t n = s->len;
	unsigned depth = 0, paren_line = 0;
	ps->ntoks = 0;
	ps->line_err = 0;
	if (s->pos >= n)
		return 0;
	*blank = b[s->pos] == ' ' || b[s->pos] == '\t';
	while (s->pos < n) {
		size_t i = s->pos;
		char c = b[i];
		if (c == '\n') {
			s->pos++;
			s->line++;
			s->line_start = s->pos;
			if (depth == 0)
				return 1;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r') {
			s->pos++;
			continue;
		}
		if (c == ';') {
			while (s->pos < n && b[s->pos] != '\n')
				s->pos++;
			continue;
		}
		if (c == '(') {
			if (depth++ == 0)
				paren_line = s->line;
			s->pos++;
			continue;
		}
		if (c == ')') {
			s->pos++;
			if (depth == 0) {
				tok t = {.p = b + i,
					 .len = 1,
					 .line = s->line,
					 .col = (unsigned)(i - s->line_start) + 1,
					 .at = b + i};
				ERR(ps, s, &t, "')' without '('");
				ps->line_err = 1;
				continue;
			}
			depth--;
			continue;
		}
		if (c == '"') {
			/* A quoted string: escapes kept for the RDATA parser; it may not cross a line. */
			size_t j = i + 1;
			while (j < n && b[j] != '"' && b[j] != '\n')
				j += b[j] == '\\' && j + 1 < n && b[j + 1] != '\n' ? 2 : 1;
			if (j >= n || b[j] != '"') {
				tok t = {.p = b + i,
					 .len = j - i,
					 .line = s->line,
					 .col = (unsigned)(i - s->line_start) + 1,
					 .quoted = 1,
					 .at = b + i};
				ERR(ps, s, &t, "unterminated quoted string");
				ps->line_err = 1;
				s->pos = j;
				continue;
			}
			if (push_tok(ps, s, b + i, j + 1 - i, i, 1) < 0)
				return Q53_ENOMEM;
			s->pos = j + 1;
			continue;
		}
		size_t j = i;
		while (j < n) {
			char d = b[j];
			if (d == '\\' && j + 1 < n && b[j + 1] != '\n') {
				j += 2;
				continue;
			}
			if (d == ' ' || d == '\t' || d == '\r' || d == '\n' || d == ';' || d == '(' ||
			    d == ')' || d == '"')
				break;
			j++;
		}
		if (push_tok(ps, s, b + i, j - i, i, 0) < 0)
			return Q53_ENOMEM;
		s->pos = j;
	}
	if (depth > 0) {
		tok t = {.p = b + s->len, .line = paren_line, .at = b + s->len};
		ERR(ps, s, &t, "'(' not closed before the end of the file");
		ps->line_err = 1;
	}
	return 1;
}

static int has_utf8(const tok *t)
{
	for (size_t i = 0; i < t->len; i++)
		if ((uint8_t)t->p[i] >= 0x80)
			return 1;
	return 0;
}

/*
 * Parses a name token: "@" is the origin, relative names take it, UTF-8 names become A-labels (with a
 * warning, so the file can be fixed). Returns the wire length or 0 after reporting an error.
 */
static int parse_name(parser *ps, const src *s, const tok *t, uint8_t *out)
{
	const uint8_t *origin = s->has_origin ? s->origin : NULL;
	char tmp[Q53_NAME_TEXT_MAX], why[256], buf[80];
	const char *p = t->p;
	size_t len = t->len;
	if (len == 1 && p[0] == '@') {
		if (origin == NULL) {
			ERR(ps, s, t, "'@' used before any $ORIGIN");
			return 0;
		}
		memcpy(out, origin, q53_name_len(origin));
		return (int)q53_name_len(origin);
	}
	if (has_utf8(t)) {
		int n = q53_idna_to_ascii(p, len, tmp, sizeof tmp, why, sizeof why);
		if (n < 0) {
			ERR(ps, s, t, "%s", n == Q53_EIDNA ? why : q53_strerror(n));
			return 0;
		}
		if ((size_t)n >= sizeof tmp) {
			ERR(ps, s, t, "name too long");
			return 0;
		}
		WARN(ps, s, t, "UTF-8 name '%s' converted to '%s'", show(t, buf, sizeof buf), tmp);
		p = tmp;
		len = (size_t)n;
	}
	int n = q53_name_from_text(p, len, origin, out);
	if (n < 0) {
		if (n == Q53_ERELATIVE)
			ERR(ps, s, t, "relative name '%s' before any $ORIGIN", show(t, buf, sizeof buf));
		else
			ERR(ps, s, t, "bad name '%s': %s", show(t, buf, sizeof buf), q53_strerror(n));
		return 0;
	}
	return n;
}

/* A TTL: seconds, or units s m h d w in any case and combination ("1h30m", RFC 2308 style as BIND). */
static int parse_ttl(const tok *t, uint32_t *out)
{
	uint64_t total = 0, cur = 0;
	int digits = 0, units = 0;
	if (t->len == 0 || t->quoted || t->p[0] < '0' || t->p[0] > '9')
		return -1;
	for (size_t i = 0; i < t->len; i++) {
		char c = t->p[i];
		if (c >= '0' && c <= '9') {
			cur = cur * 10 + (uint64_t)(c - '0');
			if (cur > MAX_TTL)
				return -2;
			digits = 1;
			continue;
		}
		uint64_t mult;
		switch (c | 0x20) {
		case 's':
			mult = 1;
			break;
		case 'm':
			mult = 60;
			break;
		case 'h':
			mult = 3600;
			break;
		case 'd':
			mult = 86400;
			break;
		case 'w':
			mult = 604800;
			break;
		default:
			return -1;
		}
		if (!digits)
			return -1;
		total += cur * mult;
		if (total > MAX_TTL)
			return -2;
		cur = 0;
		digits = 0;
		units = 1;
	}
	if (units && digits)
		return -1; /* "1h30": a number after units needs its own unit */
	total += cur;
	if (total > MAX_TTL)
		return -2;
	*out = (uint32_t)total;
	return 0;
}

static int is_class(const tok *t, int *rclass)
{
	if (t->quoted)
		return 0;
	int c = q53_class_from_text(t->p, t->len);
	if (c < 0)
		return 0;
	*rclass = c;
	return 1;
}

/*
 * Joins RDATA tokens (quotes kept) with single spaces into ps->text, or with none between glued tokens
 * when glue is set. Returns the length, or -1.
 */
static long join(parser *ps, const tok *t, size_t n, int glue)
{
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		if (len + t[i].len + 1 >= sizeof ps->text ||
		    i >= sizeof ps->text_off / sizeof ps->text_off[0])
			return -1;
		if (i > 0 && !(glue && t[i].glued))
			ps->text[len++] = ' ';
		ps->text_off[i] = len;
		memcpy(ps->text + len, t[i].p, t[i].len);
		len += t[i].len;
	}
	ps->text[len] = '\0';
	return (long)len;
}

static int emit(parser *ps, const src *s, const uint8_t *owner, uint16_t type, uint32_t ttl, size_t rdlen,
		unsigned line, unsigned col)
{
	q53_zrr_t rr = {owner, type, Q53_CLASS_IN, ttl, (uint16_t)rdlen, ps->rdata, s->path, line, col};
	int rc = ps->fn(&rr, ps->ctx);
	if (rc < 0) {
		ps->cb_err = rc;
		ps->stop = 1;
	}
	return rc;
}

/*
 * One record from tokens t[0..n): [ttl] [class] type rdata..., owner given. RDATA names in UTF-8 are
 * converted where the type's field is a name. Reports and returns on error.
 */
/*
 * A DS's or CDS's digest (RFC 4034 5.1.4) or a ZONEMD's (RFC 8976 2.2.4) of another length than its digest
 * type has: no key (or zone) can match it, so validators will find the delegation (or zone) bogus. Warned
 * at the digest (at), not refused: NSD and Knot load it; BIND refuses the zone. Other digest types, and
 * CDS's deletion request (type 0, RFC 8078 4), have no length to check.
 */
static void check_digest(parser *ps, const src *s, const tok *at, unsigned type, const uint8_t *rd, size_t n)
{
	static const struct {
		uint8_t len;
		char name[17];
	} ds[] = {{0, ""},	   {20, "SHA-1"},
		  {32, "SHA-256"}, {32, "GOST R 34.11-94"},
		  {48, "SHA-384"}, {32, "GOST R 34.11-2012"},
		  {32, "SM3"}},
	  zonemd[] = {{0, ""}, {48, "SHA-384"}, {64, "SHA-512"}};
	if ((type == Q53_TYPE_DS || type == 59) && n >= 4 && rd[3] < sizeof ds / sizeof ds[0] &&
	    ds[rd[3]].len != 0 && n - 4 != ds[rd[3]].len)
		WARN(ps, s, at,
		     "%s digest of %zu octets, where digest type %u (%s) has %u: no DNSKEY matches it",
		     type == Q53_TYPE_DS ? "DS" : "CDS", n - 4, rd[3], ds[rd[3]].name, ds[rd[3]].len);
	if (type == 63 && n >= 6 && rd[5] < sizeof zonemd / sizeof zonemd[0] && zonemd[rd[5]].len != 0 &&
	    n - 6 != zonemd[rd[5]].len)
		WARN(ps, s, at, "ZONEMD digest of %zu octets, where hash algorithm %u (%s) has %u", n - 6,
		     rd[5], zonemd[rd[5]].name, zonemd[rd[5]].len);
	else if (type == 63 && n >= 6 && n - 6 < 12)
		WARN(ps, s, at, "ZONEMD digest of %zu octets, fewer than 12 (RFC 8976 2.2.4)", n - 6);
}

static void record(parser *ps, const src *s, const uint8_t *owner, const tok *t, size_t n, unsigned line,
		   unsigned col)
{
	uint32_t ttl = 0;
	int has_ttl = 0, rclass = Q53_CLASS_IN, has_class = 0;
	size_t i = 0;
	char buf[80];
	/* RFC 1035 5.1: [<TTL>] [<class>] <type> or [<class>] [<TTL>] <type>. */
	for (; i < n && i < 2; i++) {
		int c;
		if (!has_ttl && t[i].len > 0 && t[i].p[0] >= '0' && t[i].p[0] <= '9') {
			int rc = parse_ttl(&t[i], &ttl);
			if (rc < 0) {
				ERR(ps, s, &t[i],
				    rc == -2 ? "TTL '%s' above 2147483647 (RFC 2181 8)" : "bad TTL '%s'",
				    show(&t[i], buf, sizeof buf));
				return;
			}
			has_ttl = 1;
		} else if (!has_class && is_class(&t[i], &c)) {
			rclass = c;
			has_class = 1;
		} else {
			break;
		}
	}
	if (i >= n) {
		ERR(ps, s, n ? &t[n - 1] : NULL, "record without a type");
		return;
	}
	if (rclass != Q53_CLASS_IN) {
		ERR(ps, s, &t[i - 1], "class %s not supported: zones are class IN",
		    show(&t[i - 1], buf, sizeof buf));
		return;
	}
	int type = t[i].quoted ? Q53_ETYPE : q53_type_from_text(t[i].p, t[i].len);
	if (type < 0) {
		ERR(ps, s, &t[i], "unknown type '%s'", show(&t[i], buf, sizeof buf));
		return;
	}
	const tok *rd = t + i + 1;
	size_t nrd = n - i - 1;
	/* UTF-8 target names: converted token by token, as owners are. */
	char conv[8][Q53_NAME_TEXT_MAX];
	tok fixed[8];
	tok *use = NULL;
	int generic = nrd > 0 && rd[0].len == 2 && memcmp(rd[0].p, "\\#", 2) == 0;
	/* Name fields come first in every layout, so records of more than 8 fields need no conversion. */
	for (size_t k = 0; !generic && nrd <= 8 && k < nrd; k++) {
		if (!rd[k].quoted && has_utf8(&rd[k]) &&
		    q53_rdata_field_is_name((uint16_t)type, (unsigned)k)) {
			char why[256];
			int m =
			    q53_idna_to_ascii(rd[k].p, rd[k].len, conv[k], sizeof conv[k], why, sizeof why);
			if (m < 0 || (size_t)m >= sizeof conv[k]) {
				ERR(ps, s, &rd[k], "%s", m == Q53_EIDNA ? why : "name too long");
				return;
			}
			if (use == NULL) {
				use = fixed;
				memcpy(fixed, rd, nrd * sizeof *rd);
			}
			WARN(ps, s, &rd[k], "UTF-8 name '%s' converted to '%s'",
			     show(&rd[k], buf, sizeof buf), conv[k]);
			fixed[k].p = conv[k];
			fixed[k].len = (size_t)m;
		}
	}
	/* RFC 9460 2.1: a SvcParam is one token, its value quoted or not (alpn="h2,h3"): the lexer split it
	 * at the quote, the codec reads it whole. Other types keep every quoted string a token of its own. */
	int glue = type == Q53_TYPE_SVCB || type == Q53_TYPE_HTTPS;
	long tlen = join(ps, use != NULL ? use : rd, nrd, glue);
	if (tlen < 0) {
		ERR(ps, s, &t[i], "RDATA too long");
		return;
	}
	size_t errpos = 0;
	const uint8_t *origin = s->has_origin ? s->origin : NULL;
	int len = q53_rdata_from_text((uint16_t)type, ps->text, (size_t)tlen, origin, ps->rdata,
				      sizeof ps->rdata, &errpos);
	if (len < 0) {
		size_t k = 0;
		while (k + 1 < nrd && ps->text_off[k + 1] <= errpos)
			k++;
		char tname[16];
		q53_type_to_text((uint16_t)type, tname, sizeof tname);
		if (!generic && !q53_type_known((uint16_t)type)) {
			/* Known by mnemonic only (LOC, APL, IPSECKEY...): say what to write instead. */
			ERR(ps, s, &t[i],
			    "no text form of %s RDATA here: write it as \"\\# length hex\" (RFC 3597)",
			    tname);
			return;
		}
		ERR(ps, s, nrd ? &rd[k] : &t[i], "bad %s RDATA%s%s: %s", tname, nrd ? " at " : "",
		    nrd ? show(&rd[k], buf, sizeof buf) : "", q53_strerror(len));
		return;
	}
	if (type == Q53_TYPE_SOA && len >= 4) {
		ps->soa_min = q53_get32(ps->rdata + len - 4);
		ps->has_soa_min = 1;
	}
	check_digest(ps, s, !generic && nrd > 3 ? &rd[3] : &t[i], (unsigned)type, ps->rdata, (size_t)len);
	/* The TTL: stated; else $TTL; else the last stated one (RFC 1035 5.1); else the SOA MINIMUM as BIND.
	 */
	if (has_ttl) {
		ps->ttl_last = ttl;
		ps->has_ttl_last = 1;
	} else if (ps->has_ttl_dir) {
		ttl = ps->ttl_dir;
	} else if (ps->has_ttl_last) {
		ttl = ps->ttl_last;
	} else if (ps->has_soa_min) {
		ttl = ps->soa_min;
		WARN(ps, s, &t[i], "no TTL given and no $TTL: using the SOA MINIMUM %u", ttl);
		ps->ttl_last = ttl;
		ps->has_ttl_last = 1;
	} else {
		ERR(ps, s, &t[i], "no TTL given and no $TTL before this record");
		return;
	}
	emit(ps, s, owner, (uint16_t)type, ttl, (size_t)len, line, col);
}

static int parse_src(parser *ps, src *s);

/*
 * Reads a whole file into memory, and tells opts->file_fn (when set) what the file was. Returns 0 or
 * Q53_EIO / Q53_ENOMEM (errno kept).
 */
static int slurp(const q53_parse_opts_t *o, const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return Q53_EIO;
	struct stat st;
	if (o != NULL && o->file_fn != NULL && fstat(fileno(f), &st) == 0)
		o->file_fn(path, &st, o->file_ctx);
	size_t cap = 1 << 16, n = 0;
	char *b = malloc(cap);
	while (b != NULL) {
		size_t r = fread(b + n, 1, cap - n, f);
		n += r;
		if (n < cap) {
			if (ferror(f)) {
				free(b);
				b = NULL;
				errno = EIO;
			}
			break;
		}
		char *nb = cap > SIZE_MAX / 2 ? NULL : realloc(b, cap * 2);
		if (nb == NULL) {
			free(b);
			b = NULL;
			break;
		}
		b = nb;
		cap *= 2;
	}
	fclose(f);
	if (b == NULL)
		return Q53_EIO;
	*out = b;
	*len = n;
	return 0;
}

static void include(parser *ps, src *s, const tok *t, size_t n)
{
	char path[4096], buf[80];
	if (n < 2 || n > 3) {
		ERR(ps, s, &t[0], "$INCLUDE takes a file name and an optional origin");
		return;
	}
	if (ps->o->no_include) {
		ERR(ps, s, &t[0], "$INCLUDE is not allowed in this zone text");
		return;
	}
	unsigned maxd = ps->o->max_include_depth ? ps->o->max_include_depth : 8;
	if (s->depth + 1 > maxd) {
		ERR(ps, s, &t[0], "$INCLUDE nested deeper than %u levels", maxd);
		return;
	}
	const char *name = t[1].p;
	size_t nlen = t[1].len;
	if (t[1].quoted) {
		name++;
		nlen -= 2;
	}
	/* Paths are relative to the including file's directory. */
	const char *slash = strrchr(s->path, '/');
	int w;
	if (nlen > 0 && name[0] == '/')
		w = snprintf(path, sizeof path, "%.*s", (int)nlen, name);
	else if (slash != NULL)
		w = snprintf(path, sizeof path, "%.*s/%.*s", (int)(slash - s->path), s->path, (int)nlen,
			     name);
	else
		w = snprintf(path, sizeof path, "%.*s", (int)nlen, name);
	if (w < 0 || (size_t)w >= sizeof path) {
		ERR(ps, s, &t[1], "$INCLUDE path too long");
		return;
	}
	src in = {0};
	in.path = path;
	in.line = 1;
	in.depth = s->depth + 1;
	memcpy(in.origin, s->origin, sizeof in.origin);
	in.has_origin = s->has_origin;
	if (n == 3) {
		uint8_t o[Q53_NAME_MAX];
		if (parse_name(ps, s, &t[2], o) == 0)
			return;
		memcpy(in.origin, o, q53_name_len(o));
		in.has_origin = 1;
	}
	char *text;
	if (slurp(ps->o, path, &text, &in.len) < 0) {
		ERR(ps, s, &t[1], "cannot read $INCLUDE file '%s': %s", show(&t[1], buf, sizeof buf),
		    strerror(errno));
		return;
	}
	in.buf = text;
	parse_src(ps, &in);
	free(text);
}

/*
 * $GENERATE modifier "${offset[,width[,base]]}" applied to value v, appended to out, as BIND writes it:
 * width pads with zeros; a value below zero prints with its sign in decimal and as its 32-bit two's
 * complement in the other bases (BIND's int).
 */
static int gen_value(long long v, const char *mod, size_t mlen, char *out, size_t size, size_t *n)
{
	long offset = 0;
	unsigned width = 0;
	char base = 'd';
	if (mod != NULL) {
		char spec[64];
		if (mlen >= sizeof spec)
			return -1;
		memcpy(spec, mod, mlen);
		spec[mlen] = '\0';
		char *end;
		offset = strtol(spec, &end, 10);
		if (offset < -GENERATE_VALUE_MAX || offset > GENERATE_VALUE_MAX)
			return -1;
		if (*end == ',') {
			unsigned long wd = strtoul(end + 1, &end, 10);
			if (wd > 255)
				return -1;
			width = (unsigned)wd;
			if (*end == ',') {
				base = end[1];
				end += 2;
			}
		}
		if (*end != '\0' || strchr("doxXnN", base) == NULL)
			return -1;
	}
	/* |v| and |offset| are at most GENERATE_VALUE_MAX: the sum fits. */
	long long x = (long long)v + offset;
	unsigned long long u = x >= 0 ? (unsigned long long)x : (unsigned long long)(uint32_t)x;
	char tmp[600];
	int w;
	if (base == 'n' || base == 'N') {
		/*
		 * Nibbles, least significant first, dot-separated (for ip6.arpa). As in BIND, width counts
		 * the characters, dots included, so an even width ends in a dot and makes the name absolute.
		 * Invariant: k + 2 < sizeof tmp at the top of the loop (at most 16 nibbles and 255 of width).
		 */
		size_t k = 0;
		unsigned left = width;
		do {
			unsigned d = (unsigned)(u & 0xF);
			tmp[k++] = (char)(d < 10 ? '0' + d : (base == 'n' ? 'a' : 'A') + d - 10);
			u >>= 4;
			left -= left > 0;
			if (left > 0 || u != 0) {
				tmp[k++] = '.';
				left -= left > 0;
			}
		} while ((u != 0 || left > 0) && k + 2 < sizeof tmp);
		tmp[k] = '\0';
		w = (int)k;
	} else {
		if (base == 'o')
			w = snprintf(tmp, sizeof tmp, "%0*llo", (int)width, u);
		else if (base == 'x')
			w = snprintf(tmp, sizeof tmp, "%0*llx", (int)width, u);
		else if (base == 'X')
			w = snprintf(tmp, sizeof tmp, "%0*llX", (int)width, u);
		else
			w = snprintf(tmp, sizeof tmp, "%0*lld", (int)width, x);
	}
	if (w < 0 || *n + (size_t)w >= size)
		return -1;
	memcpy(out + *n, tmp, (size_t)w);
	*n += (size_t)w;
	return 0;
}

/* Expands a $GENERATE template for value v: "$" is the value, "${...}" modified, "\$" or "$$" a '$'. */
static int expand(const tok *t, long long v, char *out, size_t size)
{
	size_t n = 0;
	for (size_t i = 0; i < t->len; i++) {
		char c = t->p[i];
		if (c == '\\' && i + 1 < t->len && t->p[i + 1] == '$') {
			c = '$';
			i++;
		} else if (c == '$' && i + 1 < t->len && t->p[i + 1] == '$') {
			i++;
		} else if (c == '$') {
			const char *mod = NULL;
			size_t mlen = 0;
			if (i + 1 < t->len && t->p[i + 1] == '{') {
				const char *close = memchr(t->p + i, '}', t->len - i);
				if (close == NULL)
					return -1;
				mod = t->p + i + 2;
				mlen = (size_t)(close - mod);
				i = (size_t)(close - t->p);
			}
			if (gen_value(v, mod, mlen, out, size, &n) < 0)
				return -1;
			continue;
		}
		if (n + 1 >= size)
			return -1;
		out[n++] = c;
	}
	out[n] = '\0';
	return (int)n;
}

/* BIND's $GENERATE range lhs [ttl] [class] type rhs. */
static void generate(parser *ps, src *s, const tok *t, size_t n)
{
	if (n < 4) {
		ERR(ps, s, &t[0], "$GENERATE takes a range, an owner template, a type and an RDATA template");
		return;
	}
	long start, stop, step = 1;
	char range[64], *end;
	if (t[1].len >= sizeof range) {
		ERR(ps, s, &t[1], "bad $GENERATE range");
		return;
	}
	memcpy(range, t[1].p, t[1].len);
	range[t[1].len] = '\0';
	start = strtol(range, &end, 10);
	if (*end != '-' || start < 0) {
		ERR(ps, s, &t[1], "bad $GENERATE range (start-stop[/step])");
		return;
	}
	/* Digits only after '-' and '/' (strtol would also take signs, spaces, or nothing). */
	int digits = end[1] >= '0' && end[1] <= '9';
	stop = strtol(end + 1, &end, 10);
	if (*end == '/') {
		digits &= end[1] >= '0' && end[1] <= '9';
		step = strtol(end + 1, &end, 10);
	}
	if (*end != '\0' || !digits || stop < start || step < 1 || stop > GENERATE_VALUE_MAX ||
	    step > GENERATE_VALUE_MAX) {
		ERR(ps, s, &t[1], "bad $GENERATE range (start-stop[/step])");
		return;
	}
	if ((stop - start) / step >= GENERATE_MAX) {
		ERR(ps, s, &t[1], "$GENERATE range gives more than %d records", GENERATE_MAX);
		return;
	}
	/* t[2] is lhs; find the type token: skip an optional TTL and class. */
	size_t ti = 3;
	for (int k = 0; k < 2 && ti < n; k++) {
		uint32_t dummy;
		int c;
		if (parse_ttl(&t[ti], &dummy) == 0 || is_class(&t[ti], &c))
			ti++;
	}
	if (ti + 1 >= n) {
		ERR(ps, s, &t[0], "$GENERATE without a type and an RDATA template");
		return;
	}
	char own[Q53_NAME_TEXT_MAX];
	char rhs[8][1024];
	size_t nrhs = n - ti - 1;
	if (nrhs > 8) {
		ERR(ps, s, &t[ti + 9], "$GENERATE RDATA template has too many fields");
		return;
	}
	tok line[16];
	for (long long v = start; v <= stop && !ps->stop; v += step) {
		int ol = expand(&t[2], v, own, sizeof own);
		if (ol < 0) {
			ERR(ps, s, &t[2], "bad $GENERATE owner template");
			return;
		}
		size_t k = 0;
		for (size_t j = 3; j <= ti; j++)
			line[k++] = t[j];
		for (size_t j = 0; j < nrhs; j++) {
			int rl = expand(&t[ti + 1 + j], v, rhs[j], sizeof rhs[j]);
			if (rl < 0) {
				ERR(ps, s, &t[ti + 1 + j], "bad $GENERATE RDATA template");
				return;
			}
			line[k] = t[ti + 1 + j];
			line[k].p = rhs[j];
			line[k++].len = (size_t)rl;
		}
		tok ot = t[2];
		ot.p = own;
		ot.len = (size_t)ol;
		uint8_t owner[Q53_NAME_MAX];
		if (parse_name(ps, s, &ot, owner) == 0)
			return;
		memcpy(ps->owner, owner, sizeof owner);
		ps->has_owner = 1;
		record(ps, s, owner, line, k, t[0].line, char_col(&t[0]));
	}
}

static void directive(parser *ps, src *s, size_t n)
{
	tok *t = ps->toks;
	char buf[80];
	if (t[0].len == 7 && strncasecmp(t[0].p, "$ORIGIN", 7) == 0) {
		if (n != 2) {
			ERR(ps, s, &t[0], "$ORIGIN takes one name");
			return;
		}
		uint8_t o[Q53_NAME_MAX];
		if (parse_name(ps, s, &t[1], o) == 0)
			return;
		memcpy(s->origin, o, q53_name_len(o));
		s->has_origin = 1;
	} else if (t[0].len == 4 && strncasecmp(t[0].p, "$TTL", 4) == 0) {
		uint32_t ttl;
		if (n != 2) {
			ERR(ps, s, &t[0], "$TTL takes one TTL");
			return;
		}
		int rc = parse_ttl(&t[1], &ttl);
		if (rc < 0) {
			ERR(ps, s, &t[1],
			    rc == -2 ? "TTL '%s' above 2147483647 (RFC 2181 8)" : "bad TTL '%s'",
			    show(&t[1], buf, sizeof buf));
			return;
		}
		ps->ttl_dir = ttl;
		ps->has_ttl_dir = 1;
	} else if (t[0].len == 8 && strncasecmp(t[0].p, "$INCLUDE", 8) == 0) {
		/* The included file reuses ps->toks: copy our few tokens first. */
		tok mine[3];
		memcpy(mine, t, (n < 3 ? n : 3) * sizeof *t);
		include(ps, s, mine, n);
	} else if (t[0].len == 9 && strncasecmp(t[0].p, "$GENERATE", 9) == 0) {
		generate(ps, s, t, n);
	} else {
		ERR(ps, s, &t[0], "unknown directive '%s'", show(&t[0], buf, sizeof buf));
	}
}

static int parse_src(parser *ps, src *s)
{
	int blank;
	int rc;
	while (!ps->stop && (rc = read_line(ps, s, &blank)) > 0) {
		size_t n = ps->ntoks;
		if (n == 0 || ps->line_err)
			continue;
		/* Where the record starts: its first token, the owner or, under the owner before, the next.
		 */
		unsigned line = ps->toks[0].line, col = char_col(&ps->toks[0]);
		if (!blank && ps->toks[0].p[0] == '$' && !ps->toks[0].quoted) {
			directive(ps, s, n);
			continue;
		}
		const tok *rest = ps->toks;
		if (!blank) {
			uint8_t owner[Q53_NAME_MAX];
			if (parse_name(ps, s, &ps->toks[0], owner) == 0)
				continue;
			memcpy(ps->owner, owner, sizeof owner);
			ps->has_owner = 1;
			rest++;
			n--;
			if (n == 0) {
				/* At the owner: the line that would hold the type is already counted. */
				ERR(ps, s, &ps->toks[0], "record without a type");
				continue;
			}
		} else if (!ps->has_owner) {
			ERR(ps, s, &ps->toks[0], "no owner name before this record");
			continue;
		}
		uint8_t owner[Q53_NAME_MAX];
		memcpy(owner, ps->owner, sizeof owner);
		record(ps, s, owner, rest, n, line, col);
	}
	return rc < 0 ? rc : 0;
}

static int run(parser *ps, src *s, const q53_parse_opts_t *opts, q53_zrr_fn fn, void *ctx)
{
	ps->o = opts;
	ps->fn = fn;
	ps->ctx = ctx;
	ps->max_errors = opts->max_errors ? opts->max_errors : 100;
	if (opts->has_default_ttl) {
		ps->ttl_dir = opts->default_ttl;
		ps->has_ttl_dir = 1;
	}
	if (opts->origin) {
		memcpy(s->origin, opts->origin, q53_name_len(opts->origin));
		s->has_origin = 1;
	}
	int rc = parse_src(ps, s);
	free(ps->toks);
	if (rc < 0)
		return rc;
	if (ps->cb_err < 0 && ps->errors == 0)
		return ps->cb_err;
	return (int)ps->errors;
}

int q53_zone_parse_mem(const char *name, const char *text, size_t len, const q53_parse_opts_t *opts,
		       q53_zrr_fn fn, void *ctx)
{
	parser *ps = calloc(1, sizeof *ps);
	if (ps == NULL)
		return Q53_ENOMEM;
	src s = {0};
	s.path = name;
	s.buf = text;
	s.len = len;
	s.line = 1;
	int rc = run(ps, &s, opts, fn, ctx);
	free(ps);
	return rc;
}

int q53_zone_parse(const char *path, const q53_parse_opts_t *opts, q53_zrr_fn fn, void *ctx)
{
	char *text;
	size_t len;
	int rc = slurp(opts, path, &text, &len);
	if (rc < 0)
		return rc;
	rc = q53_zone_parse_mem(path, text, len, opts, fn, ctx);
	free(text);
	return rc;
}
