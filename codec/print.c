/*
 * Presentation of records and whole messages. q53_rr_to_text() writes one record as a zone-file line
 * (RFC 1035 5.1) in the columns dig uses; q53_msg_to_text() writes a message the way dig 9.18 prints it after
 * ";; Got answer:" (header, the EDNS pseudo-section of RFC 6891 6.1 with the options of RFC 5001, 7314,
 * 7828, 7830, 7871, 7873 and 8914, then the sections); q53_msg_to_json() writes it as an RFC 8427 object.
 * RDATA text comes from q53_rdata_to_text() (codec/rdata.c); this file only lays records out.
 *
 * Everything goes through one bounded sink that counts what it could not store, so each function keeps the
 * snprintf contract without allocating. Messages are read with q53_reader; the first reader error is
 * returned, after everything that came before the bad record has been written.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "q53/print.h"
#include "q53/name.h"
#include "q53/rdata.h"
#include "codec_int.h"

/* dig's tab width (bin/dig/dig.c creates its styles with 8); the columns are in rr_line(). */
enum { TAB_WIDTH = 8 };

/* The record display bits of dig, which JSON (RFC 8427) ignores. */
enum {
	DISPLAY_BITS = Q53_STYLE_NO_TTL | Q53_STYLE_NO_CLASS | Q53_STYLE_TTL_UNITS | Q53_STYLE_MULTILINE |
		       Q53_STYLE_RRCOMMENTS | Q53_STYLE_NO_CRYPTO | Q53_STYLE_UNKNOWN_FORMAT
};

/* JSON scratch: a name through a hook fits in 4 KiB; RDATA text longer than 8 KiB is left to RDATAHEX. */
enum { JSON_NAME_MAX = 4096, JSON_RDATA_MAX = 8192 };

/* ---- Output ------------------------------------------------------------------------------------------ */

/* snprintf-style output: n counts every character, buf[0..size-1) gets those that fit, NUL at the end. */
typedef struct sink {
	char *buf;
	size_t size;
	size_t n;
} sink;

static void put_mem(sink *s, const void *p, size_t len)
{
	if (s->size > 0 && s->n < s->size - 1) {
		size_t room = s->size - 1 - s->n;
		memcpy(s->buf + s->n, p, len < room ? len : room);
	}
	s->n += len;
}

static void put_str(sink *s, const char *str)
{
	put_mem(s, str, strlen(str));
}

static void put_ch(sink *s, char c)
{
	put_mem(s, &c, 1);
}

static void put_u(sink *s, unsigned long v)
{
	char t[24];
	int n = snprintf(t, sizeof t, "%lu", v);
	if (n > 0)
		put_mem(s, t, (size_t)n);
}

static void put_hex2(sink *s, unsigned v, bool upper)
{
	static const char lo[] = "0123456789abcdef", up[] = "0123456789ABCDEF";
	const char *d = upper ? up : lo;
	put_ch(s, d[v >> 4 & 15]);
	put_ch(s, d[v & 15]);
}

/* Where a callee with the snprintf contract may write: the rest of buf, or nothing. */
static char *room(const sink *s, size_t *size)
{
	if (s->n < s->size) {
		*size = s->size - s->n;
		return s->buf + s->n;
	}
	*size = 0;
	return NULL;
}

/* Terminates buf and turns the sink into the return value: rc when it is an error, else the length. */
static int finish(sink *s, int rc)
{
	if (s->size > 0)
		s->buf[s->n < s->size ? s->n : s->size - 1] = '\0';
	return rc < 0 ? rc : (int)s->n;
}

/* A name through the style's hook (U-labels in the CLI) or q53_name_to_text(). Returns its length. */
static int name_text(const uint8_t *name, const q53_style_t *st, char *buf, size_t size)
{
	if (st != NULL && st->name_hook != NULL)
		return st->name_hook(name, buf, size, st->hook_ctx);
	return q53_name_to_text(name, buf, size);
}

static int put_name(sink *s, const uint8_t *name, const q53_style_t *st)
{
	size_t size;
	char *dst = room(s, &size);
	int n = name_text(name, st, dst, size);
	if (n >= 0)
		s->n += (size_t)n;
	return n;
}

/* RDATA as a record line shows it: TSIG as dig shows it (q53_rdata_to_text() gives its RFC 3597 form,
 * which reads back), and over several lines when multiline. */
static int put_rdata(sink *s, const q53_rr_t *rr, const q53_style_t *st, bool multiline)
{
	size_t size;
	char *dst = room(s, &size);
	int n = q53__rdata_line(rr, st, multiline, dst, size);
	if (n >= 0)
		s->n += (size_t)n;
	return n;
}

/* Length of the well-formed UTF-8 sequence (RFC 3629 4) at p[0..len), or 0 when it is not one. */
static size_t utf8_seq(const uint8_t *p, size_t len)
{
	uint8_t c = p[0];
	size_t k;
	uint8_t lo = 0x80, hi = 0xBF; /* allowed range of the second octet */
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		k = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		k = 3;
		if (c == 0xE0)
			lo = 0xA0; /* overlong */
		else if (c == 0xED)
			hi = 0x9F; /* surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		k = 4;
		if (c == 0xF0)
			lo = 0x90; /* overlong */
		else if (c == 0xF4)
			hi = 0x8F; /* above U+10FFFF */
	} else {
		return 0;
	}
	if (len < k || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < k; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return k;
}

static bool utf8_valid(const uint8_t *p, size_t len)
{
	/* Invariant: p[0..i) is a sequence of whole well-formed characters. */
	for (size_t i = 0; i < len;) {
		size_t k = utf8_seq(p + i, len - i);
		if (k == 0)
			return false;
		i += k;
	}
	return true;
}

/* ---- One record -------------------------------------------------------------------------------------- */

/*
 * dig's indent() (lib/dns/masterdump.c): moves from column *col to column to with tabs up to the last tab
 * stop at or before it, then spaces, and at least one blank even when *col is already past it.
 */
static void indent(sink *s, size_t *col, size_t to)
{
	size_t from = *col;
	if (to < from + 1)
		to = from + 1;
	if (to / TAB_WIDTH > from / TAB_WIDTH) {
		for (size_t i = from / TAB_WIDTH; i < to / TAB_WIDTH; i++)
			put_ch(s, '\t');
		from = to / TAB_WIDTH * TAB_WIDTH;
	}
	for (; from < to; from++)
		put_ch(s, ' ');
	*col = to;
}

/* A number after its RFC 3597 prefix ("CLASS1", "TYPE6"), into t[24]. */
static int numeric(char *t, const char *prefix, unsigned v)
{
	return snprintf(t, 24, "%s%u", prefix, v);
}

/*
 * Writes the field t[0..n) at column to. bare says nothing is on the line yet (a record view without
 * owner): a field at the TTL column, where such a line starts, is written right there.
 */
static void put_field(sink *s, size_t *col, size_t to, bool *bare, const char *t, int n)
{
	if (!*bare || to != *col)
		indent(s, col, to);
	*bare = false;
	put_mem(s, t, (size_t)n);
	*col += (size_t)n;
}

/*
 * The line of one record without newline. Columns count octets from the start of the owner name, as dig
 * does; the ";" of a question is not counted (dig prints it before it starts counting). A view from
 * q53_rr_view() has no owner: its line is laid out as if the owner filled the columns before the TTL's.
 * The question keeps its class under +noclass, as in dig; +unknownformat writes class and type as CLASSn
 * and TYPEn (RFC 3597 5).
 */
static int rr_line(sink *s, const q53_rr_t *rr, const q53_style_t *st)
{
	unsigned flags = st != NULL ? st->flags : 0, gone = flags & (Q53_STYLE_NO_TTL | Q53_STYLE_NO_CLASS);
	bool question = rr->section == Q53_SEC_QUESTION, unknown = (flags & Q53_STYLE_UNKNOWN_FORMAT) != 0;
	/*
	 * dig's columns (bin/dig/dig.c, printmessage()): the TTL at 24, then class, type and RDATA at 32, 40
	 * and 48; 8 further left when +nottlid or +noclass takes a field away, 16 under +multiline or when
	 * both are gone, the class never left of the TTL's column.
	 */
	bool packed = (flags & Q53_STYLE_MULTILINE) || gone == (Q53_STYLE_NO_TTL | Q53_STYLE_NO_CLASS);
	size_t left = packed ? 16 : gone != 0 ? 8 : 0;
	size_t col = 24;
	bool bare = true;
	char t[24];
	int n;
	if (rr->owner != UINT16_MAX) {
		uint8_t owner[Q53_NAME_MAX];
		if (q53_rr_owner(rr, owner) < 0)
			return Q53_EINVAL;
		if (question)
			put_ch(s, ';');
		n = put_name(s, owner, st);
		if (n < 0)
			return n;
		col = (size_t)n;
		bare = false;
	}
	if (!question && !(flags & Q53_STYLE_NO_TTL)) {
		n = flags & Q53_STYLE_TTL_UNITS ? q53__ttl_to_text(rr->ttl, false, t, sizeof t)
						: snprintf(t, sizeof t, "%lu", (unsigned long)rr->ttl);
		put_field(s, &col, 24, &bare, t, n);
	}
	if (question || !(flags & Q53_STYLE_NO_CLASS)) {
		n = unknown ? numeric(t, "CLASS", rr->rclass) : q53_class_to_text(rr->rclass, t, sizeof t);
		put_field(s, &col, left != 0 ? 24 : 32, &bare, t, n);
	}
	n = unknown ? numeric(t, "TYPE", rr->type) : q53_type_to_text(rr->type, t, sizeof t);
	put_field(s, &col, 40 - left, &bare, t, n);
	if (question)
		return 0;
	indent(s, &col, 48 - left);
	n = put_rdata(s, rr, st, (flags & Q53_STYLE_MULTILINE) != 0);
	return n < 0 ? n : 0;
}

int q53_rr_to_text(const q53_rr_t *rr, const q53_style_t *st, char *buf, size_t size)
{
	if (rr == NULL || (buf == NULL && size > 0))
		return Q53_EINVAL;
	sink s = {buf, size, 0};
	return finish(&s, rr_line(&s, rr, st));
}

/* ---- dig's text -------------------------------------------------------------------------------------- */

static void put_mnemonic(sink *s, const char *name, unsigned v)
{
	if (name != NULL)
		put_str(s, name);
	else
		put_u(s, v);
}

/* The two header lines of dig's printmessage(); the ADDITIONAL count is the header's, OPT included. */
static void header_text(sink *s, const q53_reader_t *r, const q53_edns_t *e)
{
	/* The names in the rows, not pointers to them: less to relocate (libq53's size goal, issue 6). */
	static const struct {
		uint16_t bit;
		char name[4];
	} flags[] = {{Q53_FLAG_QR, " qr"}, {Q53_FLAG_AA, " aa"}, {Q53_FLAG_TC, " tc"}, {Q53_FLAG_RD, " rd"},
		     {Q53_FLAG_RA, " ra"}, {Q53_FLAG_AD, " ad"}, {Q53_FLAG_CD, " cd"}};
	static const char *const counts[] = {"; QUERY: ", ", ANSWER: ", ", AUTHORITY: ", ", ADDITIONAL: "};
	unsigned opcode = Q53_FLAGS_OPCODE(r->flags);
	/* RFC 6891 6.1.3: the OPT record carries the upper 8 bits of the 12-bit rcode. */
	unsigned rcode = q53_rcode_full(r->flags, e);
	put_str(s, ";; ->>HEADER<<- opcode: ");
	put_mnemonic(s, q53_opcode_name(opcode), opcode);
	put_str(s, ", status: ");
	put_mnemonic(s, q53_rcode_name(rcode), rcode);
	put_str(s, ", id: ");
	put_u(s, r->id);
	put_str(s, "\n;; flags:");
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		if (r->flags & flags[i].bit)
			put_str(s, flags[i].name);
	/* RFC 1035 4.1.1: Z must be zero; dig shows it when it is not. */
	if (r->flags & Q53_FLAG_Z)
		put_str(s, "; MBZ: 0x4");
	for (unsigned i = 0; i < 4; i++) {
		put_str(s, counts[i]);
		put_u(s, r->count[i]);
	}
	put_ch(s, '\n');
	/* A reply to a recursive query from a server that does not recurse (dig's warning). */
	if ((r->flags & (Q53_FLAG_QR | Q53_FLAG_RD | Q53_FLAG_RA)) == (Q53_FLAG_QR | Q53_FLAG_RD))
		put_str(s, ";; WARNING: recursion requested but not available\n");
}

/* RFC 7871 6: FAMILY, SOURCE PREFIX-LENGTH, SCOPE PREFIX-LENGTH, ADDRESS. False when dig would not parse it.
 */
static bool ecs_text(sink *s, const uint8_t *d, size_t len)
{
	char t[INET6_ADDRSTRLEN];
	uint8_t addr[16] = {0};
	if (len < 4)
		return false;
	unsigned family = q53_get16(d), source = d[2], scope = d[3];
	size_t nbytes = (source + 7u) / 8u;
	if (nbytes > len - 4 || nbytes > sizeof addr)
		return false;
	memcpy(addr, d + 4, nbytes);
	switch (family) {
	case 0:
		if (source != 0 || scope != 0)
			return false;
		memcpy(t, "0", 2);
		break;
	case 1:
		if (source > 32 || scope > 32 || inet_ntop(AF_INET, addr, t, sizeof t) == NULL)
			return false;
		break;
	case 2:
		if (source > 128 || scope > 128 || inet_ntop(AF_INET6, addr, t, sizeof t) == NULL)
			return false;
		break;
	default:
		return false;
	}
	put_ch(s, ' ');
	put_str(s, t);
	put_ch(s, '/');
	put_u(s, source);
	put_ch(s, '/');
	put_u(s, scope);
	return true;
}

/*
 * RFC 8914 5.2 INFO-CODE registry, the texts dig 9.18 prints for codes 0 to EDE_NAMES - 1. One string: no
 * pointers to relocate (libq53's size goal, issue 6).
 */
static const char ede_names[] =
    "Other\0Unsupported DNSKEY Algorithm\0Unsupported DS Digest Type\0Stale Answer\0"
    "Forged Answer\0DNSSEC Indeterminate\0DNSSEC Bogus\0Signature Expired\0"
    "Signature Not Yet Valid\0DNSKEY Missing\0RRSIGs Missing\0No Zone Key Bit Set\0"
    "NSEC Missing\0Cached Error\0Not Ready\0Blocked\0Censored\0Filtered\0Prohibited\0"
    "Stale NXDOMAIN Answer\0Not Authoritative\0Not Supported\0No Reachable Authority\0"
    "Network Error\0Invalid Data";
enum { EDE_NAMES = 25 };

enum { OPT_KEY_TAG = 14, OPT_CLIENT_TAG = 16, OPT_SERVER_TAG = 17 };

static bool printable(uint8_t c)
{
	return c >= 0x20 && c <= 0x7E;
}

/*
 * One option line as dig 9.18 writes it (dns_message_pseudosectiontotext): options it knows get their own
 * form; the rest show as hex octets followed by the printable characters ("." for others) in ("...").
 */
static void option_text(sink *s, const q53_edns_opt_t *o, const char *cookie_verdict)
{
	const uint8_t *d = o->data;
	size_t len = o->len;
	switch (o->code) {
	case Q53_OPT_LLQ:
		put_str(s, "; LLQ:");
		break;
	case Q53_OPT_NSID: /* RFC 5001 */
		put_str(s, "; NSID:");
		break;
	case Q53_OPT_COOKIE: /* RFC 7873 4: client cookie, then the server cookie when present */
		put_str(s, "; COOKIE:");
		break;
	case Q53_OPT_CLIENT_SUBNET:
		put_str(s, "; CLIENT-SUBNET:");
		if (ecs_text(s, d, len)) {
			put_ch(s, '\n');
			return;
		}
		break;
	case Q53_OPT_EXPIRE: /* RFC 7314 2: seconds */
		put_str(s, "; EXPIRE:");
		if (len == 4) {
			put_ch(s, ' ');
			put_u(s, q53_get32(d));
			char t[80];
			put_str(s, " (");
			put_mem(s, t, (size_t)q53__ttl_to_text(q53_get32(d), true, t, sizeof t));
			put_str(s, ")\n");
			return;
		}
		break;
	case Q53_OPT_TCP_KEEPALIVE: /* RFC 7828 3.1: units of 100 ms */
		put_str(s, "; TCP KEEPALIVE:");
		if (len == 2) {
			unsigned v = q53_get16(d);
			put_ch(s, ' ');
			put_u(s, v / 10);
			put_ch(s, '.');
			put_u(s, v % 10);
			put_str(s, " secs\n");
			return;
		}
		break;
	case Q53_OPT_PADDING: /* RFC 7830: the content means nothing, only its size */
		put_str(s, "; PAD:");
		if (len > 0) {
			put_str(s, " (");
			put_u(s, len);
			put_str(s, " bytes)");
		}
		put_ch(s, '\n');
		return;
	case OPT_KEY_TAG: /* RFC 8145 4.1: a list of 16-bit key tags */
		put_str(s, "; KEY-TAG:");
		if (len > 0 && len % 2 == 0) {
			for (size_t i = 0; i < len; i += 2) {
				put_str(s, i > 0 ? ", " : " ");
				put_u(s, q53_get16(d + i));
			}
			put_ch(s, '\n');
			return;
		}
		break;
	case Q53_OPT_EDE: /* RFC 8914 2: INFO-CODE, then EXTRA-TEXT in UTF-8 */
		put_str(s, "; EDE:");
		if (len >= 2) {
			unsigned code = q53_get16(d);
			put_ch(s, ' ');
			put_u(s, code);
			if (code < EDE_NAMES) {
				put_str(s, " (");
				put_str(s, q53__nth_str(ede_names, code));
				put_ch(s, ')');
			}
			d += 2;
			len -= 2;
			if (len > 0)
				put_ch(s, ':');
		} else if (len == 1) {
			put_ch(s, ' ');
			put_hex2(s, d[0], false);
			put_str(s, " (\"");
			put_ch(s, printable(d[0]) ? (char)d[0] : '.');
			put_str(s, "\")\n");
			return;
		}
		break;
	case OPT_CLIENT_TAG:
	case OPT_SERVER_TAG:
		put_str(s, o->code == OPT_CLIENT_TAG ? "; CLIENT-TAG:" : "; SERVER-TAG:");
		if (len == 2) {
			put_ch(s, ' ');
			put_u(s, q53_get16(d));
			put_ch(s, '\n');
			return;
		}
		break;
	default:
		put_str(s, "; OPT=");
		put_u(s, o->code);
		put_ch(s, ':');
		break;
	}
	if (len > 0) {
		bool ede = o->code == Q53_OPT_EDE;
		/* EDE's EXTRA-TEXT shows as text alone when it is valid UTF-8, as dig does. */
		bool text = ede && utf8_valid(d, len);
		put_ch(s, ' ');
		for (size_t i = 0; !text && i < len; i++) {
			put_hex2(s, d[i], false);
			if (o->code != Q53_OPT_COOKIE)
				put_ch(s, ' ');
		}
		if (o->code == Q53_OPT_COOKIE || o->code == Q53_OPT_CLIENT_SUBNET) {
			if (o->code == Q53_OPT_COOKIE)
				put_str(s, cookie_verdict);
			put_ch(s, '\n');
			return;
		}
		put_str(s, ede ? "(" : "(\"");
		for (size_t i = 0; i < len; i++)
			put_ch(s, printable(d[i]) || (text && d[i] > 0x7F) ? (char)d[i] : '.');
		put_str(s, ede ? ")" : "\")");
	}
	put_ch(s, '\n');
}

/* RFC 6891 6.1.3/6.1.4: version, the DO bit and the other (must be zero) flag bits, payload size. */
static void edns_text(sink *s, const q53_edns_t *e, unsigned flags)
{
	const char *verdict = flags & Q53_STYLE_COOKIE_GOOD  ? " (good)"
			      : flags & Q53_STYLE_COOKIE_BAD ? " (bad)"
							     : "";
	q53_edns_opt_t o;
	size_t pos = 0;
	unsigned mbz = e->flags & ~(unsigned)Q53_EDNS_DO & 0xFFFFu;
	put_str(s, ";; OPT PSEUDOSECTION:\n; EDNS: version: ");
	put_u(s, e->version);
	put_str(s, ", flags:");
	if (e->flags & Q53_EDNS_DO)
		put_str(s, " do");
	if (mbz != 0) {
		put_str(s, "; MBZ: 0x");
		put_hex2(s, mbz >> 8, false);
		put_hex2(s, mbz & 0xFF, false);
		put_str(s, ", udp: ");
	} else {
		put_str(s, "; udp: ");
	}
	put_u(s, e->udp_size);
	put_ch(s, '\n');
	/* The reader checked that the options frame the RDATA exactly. */
	while (q53_edns_option_next(e, &pos, &o) > 0)
		option_text(s, &o, verdict);
}

/* Section titles; UPDATE messages name their sections after RFC 2136 2. */
static const char *section_title(unsigned sec, unsigned opcode)
{
	static const char *const update[] = {"ZONE", "PREREQUISITE", "UPDATE", "ADDITIONAL"};
	return opcode == Q53_OPCODE_UPDATE ? update[sec] : q53_section_name((q53_section)sec);
}

static bool section_hidden(unsigned flags, unsigned sec)
{
	static const unsigned hide[] = {Q53_STYLE_NO_QUESTION, Q53_STYLE_NO_ANSWER, Q53_STYLE_NO_AUTHORITY,
					Q53_STYLE_NO_ADDITIONAL};
	return (flags & hide[sec]) != 0;
}

/*
 * A TSIG (RFC 8945 5.1) or SIG(0) (RFC 2931 3) record that ends the additional section: dig moves it out of
 * the section into a pseudo-section of its own. It must be the last record; elsewhere it prints as a record.
 */
static const char *pseudo_title(const q53_reader_t *r, const q53_rr_t *rr)
{
	if (rr->section != Q53_SEC_ADDITIONAL || r->left != 0)
		return NULL;
	if (rr->type == Q53_TYPE_TSIG)
		return ";; TSIG PSEUDOSECTION:\n";
	if (rr->type == Q53_TYPE_SIG && rr->msg[rr->owner] == 0 && rr->rdlength >= 2 &&
	    q53_get16(rr->msg + rr->rdata) == 0)
		return ";; SIG0 PSEUDOSECTION:\n";
	return NULL;
}

/* dig +short: the RDATA of every answer record, one per line, in message order, never over several lines. */
static int short_text(sink *s, q53_reader_t *r, const q53_style_t *st, unsigned flags)
{
	q53_rr_t rr;
	int rc;
	/* The whole message is read so that a malformed one is reported like the long form does. */
	while ((rc = q53_reader_next(r, &rr)) > 0) {
		if (rr.section != Q53_SEC_ANSWER || (flags & Q53_STYLE_NO_ANSWER))
			continue;
		int n = put_rdata(s, &rr, st, false);
		if (n < 0)
			return n;
		put_ch(s, '\n');
	}
	return rc;
}

int q53_msg_to_text(const uint8_t *msg, size_t len, const q53_style_t *st, char *buf, size_t size)
{
	if (msg == NULL || (buf == NULL && size > 0))
		return Q53_EINVAL;
	sink s = {buf, size, 0};
	unsigned flags = st != NULL ? st->flags : 0;
	bool comments = !(flags & Q53_STYLE_NO_COMMENTS);
	q53_reader_t r, scan;
	q53_rr_t rr;
	q53_edns_t e;
	int rc = q53_reader_init(&r, msg, len);
	if (rc < 0)
		return finish(&s, rc);
	if (flags & Q53_STYLE_SHORT)
		return finish(&s, short_text(&s, &r, st, flags));
	/*
	 * The status line needs the extended rcode of the OPT record, which comes near the end: find it
	 * first. A reader error ends this scan early (an OPT read before it still counts); the pass below
	 * meets the same error at the same record and returns it.
	 */
	bool have_edns = false;
	q53_reader_init(&scan, msg, len);
	while (q53_reader_next(&scan, &rr) > 0)
		if (rr.type == Q53_TYPE_OPT && rr.section == Q53_SEC_ADDITIONAL)
			have_edns = q53_edns_from_rr(&rr, &e) == 0;
	if (comments) {
		header_text(&s, &r, have_edns ? &e : NULL);
		put_ch(&s, '\n');
		if (have_edns && !(flags & Q53_STYLE_NO_OPT))
			edns_text(&s, &e, flags);
	}
	/*
	 * Invariant: every record before rr is printed; open is the section whose title has been printed and
	 * whose closing blank line has not (-1 when none). A section with nothing to show gets no title.
	 */
	int open = -1;
	while ((rc = q53_reader_next(&r, &rr)) > 0) {
		if (open >= 0 && rr.section != (unsigned)open) {
			if (comments)
				put_ch(&s, '\n');
			open = -1;
		}
		if (section_hidden(flags, rr.section))
			continue;
		/* RFC 6891 6.1.1: OPT is not a real record; it was shown as the pseudo-section above. */
		if (rr.type == Q53_TYPE_OPT && rr.section == Q53_SEC_ADDITIONAL)
			continue;
		const char *pseudo = pseudo_title(&r, &rr);
		if (pseudo != NULL) {
			if (open >= 0 && comments)
				put_ch(&s, '\n');
			open = -1;
			if (comments)
				put_str(&s, pseudo);
		} else if (open < 0) {
			if (comments) {
				put_str(&s, ";; ");
				put_str(&s, section_title(rr.section, Q53_FLAGS_OPCODE(r.flags)));
				put_str(&s, " SECTION:\n");
			}
			open = rr.section;
		}
		int n = rr_line(&s, &rr, st);
		if (n < 0) {
			rc = n;
			break;
		}
		put_ch(&s, '\n');
		if (pseudo != NULL && comments)
			put_ch(&s, '\n');
	}
	if (rc == 0 && open >= 0 && comments)
		put_ch(&s, '\n');
	return finish(&s, rc);
}

/* ---- RFC 8427 JSON ----------------------------------------------------------------------------------- */

/* The writer's nesting: first[d] says whether the container at depth d has no member yet. */
typedef struct json {
	sink *s;
	bool pretty;
	unsigned depth;
	bool first[8];
} json;

static void j_newline(json *j)
{
	if (!j->pretty)
		return;
	put_ch(j->s, '\n');
	for (unsigned i = 0; i < j->depth; i++)
		put_str(j->s, "  ");
}

static void j_open(json *j, char c)
{
	put_ch(j->s, c);
	j->first[++j->depth] = true;
}

static void j_close(json *j, char c)
{
	bool empty = j->first[j->depth--];
	if (!empty)
		j_newline(j);
	put_ch(j->s, c);
}

/* Starts a member or element: the comma after the previous one, then its line. */
static void j_item(json *j)
{
	if (!j->first[j->depth])
		put_ch(j->s, ',');
	j->first[j->depth] = false;
	j_newline(j);
}

static void j_key(json *j, const char *key)
{
	j_item(j);
	put_ch(j->s, '"');
	put_str(j->s, key);
	put_str(j->s, j->pretty ? "\": " : "\":");
}

static void j_uint(json *j, const char *key, unsigned long v)
{
	j_key(j, key);
	put_u(j->s, v);
}

static void j_bool(json *j, const char *key, bool v)
{
	j_key(j, key);
	put_str(j->s, v ? "true" : "false");
}

/*
 * A JSON string (RFC 8259 7): quote and backslash escaped, control characters as \u00XX. Well-formed UTF-8
 * passes through; any other octet becomes \u00XX (its Latin-1 reading) so that the output stays valid JSON.
 */
static void j_string(json *j, const char *key, const char *text, size_t len)
{
	const uint8_t *p = (const uint8_t *)text;
	j_key(j, key);
	put_ch(j->s, '"');
	/* Invariant: p[0..i) is written. */
	for (size_t i = 0; i < len;) {
		uint8_t c = p[i];
		size_t k = utf8_seq(p + i, len - i);
		if (c == '"' || c == '\\') {
			put_ch(j->s, '\\');
			put_ch(j->s, (char)c);
		} else if (c < 0x20 || k == 0) {
			put_str(j->s, "\\u00");
			put_hex2(j->s, c, false);
		} else {
			put_mem(j->s, p + i, k);
			i += k;
			continue;
		}
		i++;
	}
	put_ch(j->s, '"');
}

/* A name as the style shows it; a hook that needs more than JSON_NAME_MAX octets is cut there. */
static int j_name(json *j, const char *key, const uint8_t *name, const q53_style_t *st)
{
	char t[JSON_NAME_MAX];
	int n = name_text(name, st, t, sizeof t);
	if (n < 0)
		return n;
	j_string(j, key, t, (size_t)n < sizeof t ? (size_t)n : sizeof t - 1);
	return 0;
}

static void j_mnemonic(json *j, const char *key, int (*to_text)(uint16_t, char *, size_t), uint16_t v)
{
	char t[24];
	int n = to_text(v, t, sizeof t);
	j_string(j, key, t, (size_t)n);
}

/*
 * RFC 8427 2.3: the types whose RDATA also gets an "rdata<TYPE>" member with its presentation form. Only
 * those q53 has a typed text form for get it; RDATAHEX carries the RDATA of every record.
 */
static bool rfc8427_member(uint16_t type)
{
	static const uint16_t types[] = {
	    Q53_TYPE_A,	     Q53_TYPE_AAAA,  Q53_TYPE_CNAME,	  Q53_TYPE_DNAME,      Q53_TYPE_NS,
	    Q53_TYPE_PTR,    Q53_TYPE_TXT,   60 /* CDNSKEY */,	  59 /* CDS */,	       62 /* CSYNC */,
	    Q53_TYPE_DNSKEY, 55 /* HIP */,   45 /* IPSECKEY */,	  25 /* KEY */,	       Q53_TYPE_MX,
	    Q53_TYPE_NSEC,   Q53_TYPE_NSEC3, 51 /* NSEC3PARAM */, 61 /* OPENPGPKEY */, Q53_TYPE_RRSIG,
	    53 /* SMIMEA */, 99 /* SPF */,   Q53_TYPE_SRV,	  44 /* SSHFP */,      52 /* TLSA */};
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (types[i] == type)
			return q53_type_known(type);
	return false;
}

/* One RR object (RFC 8427 2.2); a question has no TTL, RDLENGTH or RDATA. */
static int j_rr(json *j, const q53_rr_t *rr, const q53_style_t *st)
{
	uint8_t owner[Q53_NAME_MAX];
	char text[JSON_RDATA_MAX];
	if (q53_rr_owner(rr, owner) < 0)
		return Q53_EINVAL;
	j_item(j);
	j_open(j, '{');
	int rc = j_name(j, "NAME", owner, st);
	if (rc < 0)
		return rc;
	j_uint(j, "TYPE", rr->type);
	j_mnemonic(j, "TYPEname", q53_type_to_text, rr->type);
	j_uint(j, "CLASS", rr->rclass);
	j_mnemonic(j, "CLASSname", q53_class_to_text, rr->rclass);
	if (rr->section != Q53_SEC_QUESTION) {
		j_uint(j, "TTL", rr->ttl);
		j_uint(j, "RDLENGTH", rr->rdlength);
		/* The RDATA octets as they are in the message (RFC 4648 8 base16), matching RDLENGTH. */
		j_key(j, "RDATAHEX");
		put_ch(j->s, '"');
		for (size_t i = 0; i < rr->rdlength; i++)
			put_hex2(j->s, rr->msg[rr->rdata + i], true);
		put_ch(j->s, '"');
		/* Empty RDATA (RFC 2136 deletes) has no presentation form of its type. */
		if (rr->rdlength > 0 && rfc8427_member(rr->type)) {
			/* RFC 8427 values are whole strings in their plain form: no dig-style split, and no
			 * record display option. */
			q53_style_t whole = {0, NULL, NULL};
			if (st != NULL)
				whole = *st;
			whole.flags &= ~(unsigned)(Q53_STYLE_SPLIT_MASK | DISPLAY_BITS);
			int n = q53_rdata_to_text(rr, &whole, text, sizeof text);
			if (n < 0)
				return n;
			if ((size_t)n < sizeof text) {
				char key[32] = "rdata";
				q53_type_to_text(rr->type, key + 5, sizeof key - 5);
				j_string(j, key, text, (size_t)n);
			}
		}
	}
	j_close(j, '}');
	return 0;
}

int q53_msg_to_json(const uint8_t *msg, size_t len, const q53_style_t *st, char *buf, size_t size)
{
	static const char *const arrays[] = {"questionRRs", "answerRRs", "authorityRRs", "additionalRRs"};
	if (msg == NULL || (buf == NULL && size > 0))
		return Q53_EINVAL;
	sink s = {buf, size, 0};
	json j = {&s, st == NULL || !(st->flags & Q53_STYLE_JSON_COMPACT), 0, {false}};
	q53_reader_t r;
	q53_rr_t rr;
	int rc = q53_reader_init(&r, msg, len);
	if (rc < 0)
		return finish(&s, rc);
	/* RFC 8427 2.1: the header fields, flags as booleans, RCODE the header's 4 bits. */
	j_open(&j, '{');
	j_uint(&j, "ID", r.id);
	j_bool(&j, "QR", r.flags & Q53_FLAG_QR);
	j_uint(&j, "Opcode", Q53_FLAGS_OPCODE(r.flags));
	j_bool(&j, "AA", r.flags & Q53_FLAG_AA);
	j_bool(&j, "TC", r.flags & Q53_FLAG_TC);
	j_bool(&j, "RD", r.flags & Q53_FLAG_RD);
	j_bool(&j, "RA", r.flags & Q53_FLAG_RA);
	j_bool(&j, "AD", r.flags & Q53_FLAG_AD);
	j_bool(&j, "CD", r.flags & Q53_FLAG_CD);
	j_uint(&j, "RCODE", Q53_FLAGS_RCODE(r.flags));
	j_uint(&j, "QDCOUNT", r.count[0]);
	j_uint(&j, "ANCOUNT", r.count[1]);
	j_uint(&j, "NSCOUNT", r.count[2]);
	j_uint(&j, "ARCOUNT", r.count[3]);
	rc = q53_reader_next(&r, &rr);
	if (rc > 0 && rr.section == Q53_SEC_QUESTION) {
		uint8_t qname[Q53_NAME_MAX];
		q53_rr_owner(&rr, qname);
		int n = j_name(&j, "QNAME", qname, st);
		if (n < 0)
			return finish(&s, n);
		j_uint(&j, "QTYPE", rr.type);
		j_mnemonic(&j, "QTYPEname", q53_type_to_text, rr.type);
		j_uint(&j, "QCLASS", rr.rclass);
		j_mnemonic(&j, "QCLASSname", q53_class_to_text, rr.rclass);
	}
	/*
	 * Invariant: every record before rr is written into the array of its section; sections up to cur have
	 * their array open or closed, cur's is the one open (-1: none yet). OPT stays a plain record here:
	 * RFC 8427 defines no EDNS object.
	 */
	int cur = -1;
	for (; rc > 0; rc = q53_reader_next(&r, &rr)) {
		for (; cur < (int)rr.section; cur++) {
			if (cur >= 0)
				j_close(&j, ']');
			j_key(&j, arrays[cur + 1]);
			j_open(&j, '[');
		}
		int n = j_rr(&j, &rr, st);
		if (n < 0)
			return finish(&s, n);
	}
	if (rc < 0)
		return finish(&s, rc);
	for (; cur < Q53_SEC_ADDITIONAL; cur++) {
		if (cur >= 0)
			j_close(&j, ']');
		j_key(&j, arrays[cur + 1]);
		j_open(&j, '[');
	}
	j_close(&j, ']');
	j_close(&j, '}');
	put_ch(&s, '\n');
	return finish(&s, 0);
}
