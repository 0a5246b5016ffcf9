/*
 * q53: dig-like lookups from the command line. Parses dig's syntax (@server, -p, -t, -c, -x, positional
 * type and class, +options global before the first name and for one query after it, -f batch lines), builds
 * each query with q53_msg_query() (RFC 1035 4.1, EDNS per RFC 6891, NSID per RFC 5001, DO per RFC 3225),
 * sends it to @server over UDP with a random ID and retries over TCP when the reply is truncated (RFC 7766
 * 5), accepts only a reply that matches the ID and the question (RFC 5452 4), and prints it with
 * q53_msg_to_text() or q53_msg_to_json() (RFC 8427). AXFR and IXFR=N transfer zones over TCP (RFC 5936,
 * RFC 1995) and print the records as they come, as dig does. Without @server the query goes through libq53
 * (every resolv.conf server, its options, failover); -r resolves like an application (hosts file and DNS,
 * search list, A and AAAA); --parse prints a message read from a file. Exit status as dig: 0 answer, 1 usage,
 * 9 no reply, 10 internal error.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "net.h"
#include "q53/err.h"
/* The call, not the header's in-line copy: q53 converts a name or two per run, and the in-line path's AVX2
 * test would link libgcc's CPU model, which reads CPUID at every start. */
#define Q53_IDNA_NO_INLINE 1
#include "q53/idna.h"
#include "q53/msg.h"
#include "q53/name.h"
#include "q53/print.h"
#include "q53/resolver.h"
#include "q53/wire.h"
#include "tsig.h"

enum { EXIT_OK = 0, EXIT_USAGE = 1, EXIT_NOREPLY = 9, EXIT_INTERNAL = 10, MAX_QUERIES = 64 };
enum {
	MSG_MAX = 65535,
	ADDRS_MAX = 64,		  /* addresses -r shows (q53_lookup_addrs keeps at most 64 too) */
	PARSE_FILE_MAX = 1 << 20, /* a --parse file: 65535 octets as hex with generous spacing */
	BATCH_ARGS = 256,	  /* words on one -f line */
};

/* What a query is: dig's lookup, an application's address lookup (-r), or a message from a file. */
typedef enum kind { K_DIG, K_RESOLVE, K_PARSE } kind;

/*
 * What options set. Options before the first name are global; after a name they are that query's own,
 * and each -f line starts from the global ones (dig's rules).
 */
typedef struct settings {
	const char *server;
	uint16_t port;
	int family; /* 0, 4 or 6 */
	bool tcp, rec, edns, dnssec, nsid, shrt, json, stats, idnin, idnout, color, search, cmd;
	/* Given on the command line, so they override what resolv.conf says. */
	bool port_set, tcp_set, time_set, tries_set, bufsize_set;
	uint8_t edns_version;
	uint16_t bufsize;
	int time_s, tries;
	unsigned style;
	int def_type, def_class;   /* -t/-c or a type/class word before any name; -1: not given */
	long long ixfr;		   /* the type is IXFR=N: N, the serial asked from (RFC 1995 3); -1 */
	const q53_tsig_key_t *key; /* -y: queries and transfers are signed, replies checked (RFC 8945) */
	/* Header bits of our queries beside RD: dig's +adflag (on by default), +cdflag, +aaflag, +raflag,
	 * +tcflag, +zflag; and +opcode, +header-only (no question). */
	unsigned qflags;
	uint8_t opcode;
	bool header_only;
	/* +qr prints each query as sent; +identify adds the server to +short lines; +onesoa prints a
	 * transfer's first SOA only; +ignore keeps a truncated UDP reply instead of asking again over TCP. */
	bool qr, identify, onesoa, ignore_tc, keepopen;
	/* +fail: a SERVFAIL sends the query to the next server (dig's default is not to); +ednsnegotiation
	 * (on by default): a BADVERS reply makes the query go again with the server's EDNS version; +qid: the
	 * query's ID, instead of a random one. */
	bool fail, ednsneg, qid_set;
	uint16_t qid;
	/* +ndots=N (-1: resolv.conf's) and +domain=NAME (the search list, and +search). */
	int ndots;
	const char *domain;
	/* +[no]rrcomments and +split given: else +multiline turns record comments on and cuts hex and
	 * base64 at 44 characters, as dig does (style_of()). */
	bool rrcomments_set, split_set;
	/* EDNS options (RFC 6891 6.1.2) beside NSID: +cookie (RFC 7873, on by default as in dig; cookie_set
	 * when given, cookie_len > 0 for +cookie=HEX sent as is), +subnet (RFC 7871: the option's data),
	 * +expire (RFC 7314), +keepalive (RFC 7828), +ednsopt=CODE[:HEX] (each as code, length, data),
	 * +padding=N (RFC 7830: the query padded to a multiple of N octets), +ednsflags (the flag bits
	 * beside DO, which must be zero: for testing servers). */
	bool cookie, cookie_set, expire, keepalive;
	uint8_t cookie_len, subnet_len;
	uint8_t cookie_val[40], subnet[20];
	uint16_t ednsopt_len, padding, edns_mbz;
	uint8_t ednsopt[512];
} settings;

typedef struct query {
	kind k;
	char name[1024]; /* as typed: the name, the -r name or the --parse file */
	int type;	 /* -1: not given (A, or NS for the root without a name) */
	int rclass;	 /* -1: IN */
	settings s;
} query;

/* What the resolver was made with: queries that need the same one share it. */
typedef struct reskey {
	kind k;
	char server[Q53_NET_ADDR_TEXT_MAX];
	int timeout_ms, attempts;
	unsigned set_flags, clear_flags;
	uint16_t edns_size;
	int ndots;
	char domain[Q53_NAME_TEXT_MAX];
} reskey;

typedef struct cli {
	settings g;
	query q[MAX_QUERIES];
	size_t nq;
	const char *batch; /* -f FILE, read once the command line is parsed */
	const char *resolv_conf, *hosts, *nsswitch;
	q53_resolver_t *res;
	reskey key;
} cli;

/* "A", "mx", "TYPE65534" (RFC 3597 5): the type number from the codec's table, or -1. */
static int parse_type(const char *s)
{
	int t = q53_type_from_text(s, strlen(s));
	return t >= 0 ? t : -1;
}

/* dig's "IXFR=N" (any case): N, the serial of the zone the client has (RFC 1995 3), or -1. */
static long long parse_ixfr(const char *s)
{
	if (strncasecmp(s, "ixfr=", 5) != 0 || s[5] < '0' || s[5] > '9')
		return -1;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s + 5, &end, 10);
	return *end == '\0' && errno == 0 && v <= UINT32_MAX ? (long long)v : -1;
}

/* "IN", "CH", "CHAOS", "HS", "CLASS3": the class number, or -1. */
static int parse_class(const char *s)
{
	int c = q53_class_from_text(s, strlen(s));
	return c >= 0 ? c : -1;
}

/* The PTR name of an IPv4 (RFC 1035 3.5) or IPv6 (RFC 3596 2.5) address. */
static int reverse_name(const char *addr, char *out, size_t size)
{
	uint8_t b[16];
	if (inet_pton(AF_INET, addr, b) == 1)
		return snprintf(out, size, "%u.%u.%u.%u.in-addr.arpa.", b[3], b[2], b[1], b[0]);
	if (inet_pton(AF_INET6, addr, b) == 1) {
		static const char hex[] = "0123456789abcdef";
		size_t n = 0;
		for (int i = 15; i >= 0; i--) { /* invariant: n < 64 chars written so far, 4 per octet */
			out[n++] = hex[b[i] & 0xF];
			out[n++] = '.';
			out[n++] = hex[b[i] >> 4];
			out[n++] = '.';
		}
		return snprintf(out + n, size - n, "ip6.arpa.") + (int)n;
	}
	return -1;
}

static void usage(void)
{
	fprintf(
	    stderr,
	    "usage: q53 [@server] [-p port] [-4|-6] [-t type] [-c class] [-x addr] [-f file] [-y key] [name] "
	    "[type] [class] [+options]\n"
	    "       q53 [@server] [-p port] [-4|-6] -r name [+options]\n"
	    "       q53 [@server] [-p port] [-y [alg:]name:secret] zone AXFR|IXFR=serial [+options]\n"
	    "       q53 --parse file|- [+options]\n"
	    "global: --resolv-conf FILE  --hosts FILE  --nsswitch FILE\n");
}

static int hexval(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = (unsigned char)(ch | 0x20);
	return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* HEX (pairs of hex digits, any case) into out[0..max): the number of octets, or -1. */
static int parse_hex(const char *hex, uint8_t *out, size_t max)
{
	size_t n = 0;
	for (; hex[0] != '\0'; hex += 2) {
		int hi = hexval((unsigned char)hex[0]), lo = hex[1] ? hexval((unsigned char)hex[1]) : -1;
		if (hi < 0 || lo < 0 || n == max)
			return -1;
		out[n++] = (uint8_t)(hi << 4 | lo);
	}
	return (int)n;
}

/*
 * dig's +subnet=ADDR[/BITS] ("0" for 0.0.0.0/0: no address of mine, RFC 7871 7.1.2) as the data of an
 * ECS option (RFC 7871 6): FAMILY, SOURCE PREFIX-LENGTH, SCOPE 0, then the address cut to the prefix with
 * the bits past it zero. Returns the data's length, or -1.
 */
static int parse_subnet(const char *v, uint8_t out[20])
{
	char a[INET6_ADDRSTRLEN];
	const char *slash = strchr(v, '/');
	size_t alen = slash ? (size_t)(slash - v) : strlen(v);
	uint8_t addr[16];
	unsigned family, max;
	if (alen >= sizeof a)
		return -1;
	memcpy(a, v, alen);
	a[alen] = '\0';
	if (strcmp(a, "0") == 0) {
		family = 1;
		max = 0;
	} else if (inet_pton(AF_INET, a, addr) == 1) {
		family = 1;
		max = 32;
	} else if (inet_pton(AF_INET6, a, addr) == 1) {
		family = 2;
		max = 128;
	} else {
		return -1;
	}
	unsigned long bits = max;
	if (slash != NULL) {
		char *end;
		bits = strtoul(slash + 1, &end, 10);
		if (slash[1] < '0' || slash[1] > '9' || *end != '\0' || bits > max)
			return -1;
	}
	size_t n = (bits + 7) / 8;
	q53_put16(out, (uint16_t)family);
	out[2] = (uint8_t)bits;
	out[3] = 0;
	memcpy(out + 4, addr, n);
	if (bits % 8 != 0)
		out[4 + n - 1] &= (uint8_t)(0xFF << (8 - bits % 8));
	return (int)(4 + n);
}

/* dig's +ednsopt=CODE[:HEX]: CODE a number or one of the names below; appended to o->ednsopt. */
static int parse_ednsopt(settings *o, const char *v)
{
	static const struct {
		const char *name;
		uint16_t code;
	} names[] = {{"llq", Q53_OPT_LLQ},
		     {"nsid", Q53_OPT_NSID},
		     {"ecs", Q53_OPT_CLIENT_SUBNET},
		     {"client-subnet", Q53_OPT_CLIENT_SUBNET},
		     {"expire", Q53_OPT_EXPIRE},
		     {"cookie", Q53_OPT_COOKIE},
		     {"keepalive", Q53_OPT_TCP_KEEPALIVE},
		     {"tcp-keepalive", Q53_OPT_TCP_KEEPALIVE},
		     {"padding", Q53_OPT_PADDING},
		     {"ede", Q53_OPT_EDE}};
	const char *colon = strchr(v, ':');
	size_t clen = colon ? (size_t)(colon - v) : strlen(v);
	long code = -1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i].name) == clen && strncasecmp(v, names[i].name, clen) == 0)
			code = names[i].code;
	if (code < 0 && clen > 0 && v[0] >= '0' && v[0] <= '9') {
		char *end;
		unsigned long c = strtoul(v, &end, 10);
		if ((size_t)(end - v) == clen && c <= 65535)
			code = (long)c;
	}
	size_t at = o->ednsopt_len;
	if (code < 0 || at + 4 > sizeof o->ednsopt)
		return -1;
	int n = colon ? parse_hex(colon + 1, o->ednsopt + at + 4, sizeof o->ednsopt - at - 4) : 0;
	if (n < 0)
		return -1;
	q53_put16(o->ednsopt + at, (uint16_t)code);
	q53_put16(o->ednsopt + at + 2, (uint16_t)n);
	o->ednsopt_len = (uint16_t)(at + 4 + (size_t)n);
	return 0;
}

/* dig's +opcode=: a number up to 15 or QUERY, IQUERY, STATUS, NOTIFY, UPDATE (RFC 1035 4.1.1, RFC 1996,
 * RFC 2136); -1 for anything else. */
static int parse_opcode(const char *v)
{
	static const char *const names[] = {"query", "iquery", "status", NULL, "notify", "update"};
	for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
		if (names[i] != NULL && strcasecmp(v, names[i]) == 0)
			return i;
	char *end;
	unsigned long n = strtoul(v, &end, 10);
	return v[0] >= '0' && v[0] <= '9' && *end == '\0' && n <= 15 ? (int)n : -1;
}

static bool plus_bool(const char *opt, const char *word, bool *val)
{
	if (strcmp(opt, word) == 0) {
		*val = true;
		return true;
	}
	if (strncmp(opt, "no", 2) == 0 && strcmp(opt + 2, word) == 0) {
		*val = false;
		return true;
	}
	return false;
}

/* +WORD and +noWORD for a bit of *bits: set by +WORD when on_sets, else by +noWORD. */
static bool plus_bit(const char *opt, const char *word, unsigned bit, bool on_sets, unsigned *bits)
{
	bool on;
	if (!plus_bool(opt, word, &on))
		return false;
	if (on == on_sets)
		*bits |= bit;
	else
		*bits &= ~bit;
	return true;
}

/* A part of the output that +noWORD hides. */
static bool plus_style(const char *opt, const char *word, unsigned bit, unsigned *style)
{
	return plus_bit(opt, word, bit, false, style);
}

/* dig's +split width in the style (0: fields whole). */
static void set_split(settings *o, unsigned long width)
{
	o->style = (o->style & ~(unsigned)Q53_STYLE_SPLIT_MASK) | Q53_STYLE_SPLIT(width);
}

static int plus_option(settings *o, const char *opt)
{
	const char *eq = strchr(opt, '=');
	if (plus_bool(opt, "rec", &o->rec) || plus_bool(opt, "recurse", &o->rec) ||
	    plus_bool(opt, "dnssec", &o->dnssec) || plus_bool(opt, "nsid", &o->nsid) ||
	    plus_bool(opt, "short", &o->shrt) || plus_bool(opt, "stats", &o->stats) ||
	    plus_bool(opt, "json", &o->json) || plus_bool(opt, "idnin", &o->idnin) ||
	    plus_bool(opt, "idnout", &o->idnout) || plus_bool(opt, "color", &o->color) ||
	    plus_bool(opt, "search", &o->search) || plus_bool(opt, "cmd", &o->cmd) ||
	    plus_style(opt, "question", Q53_STYLE_NO_QUESTION, &o->style) ||
	    plus_style(opt, "answer", Q53_STYLE_NO_ANSWER, &o->style) ||
	    plus_style(opt, "authority", Q53_STYLE_NO_AUTHORITY, &o->style) ||
	    plus_style(opt, "additional", Q53_STYLE_NO_ADDITIONAL, &o->style) ||
	    plus_style(opt, "comments", Q53_STYLE_NO_COMMENTS, &o->style) ||
	    plus_style(opt, "ttlid", Q53_STYLE_NO_TTL, &o->style) ||
	    plus_style(opt, "class", Q53_STYLE_NO_CLASS, &o->style) ||
	    plus_style(opt, "crypto", Q53_STYLE_NO_CRYPTO, &o->style) ||
	    plus_bit(opt, "unknownformat", Q53_STYLE_UNKNOWN_FORMAT, true, &o->style) ||
	    plus_bit(opt, "adflag", Q53_FLAG_AD, true, &o->qflags) ||
	    plus_bit(opt, "ad", Q53_FLAG_AD, true, &o->qflags) ||
	    plus_bit(opt, "cdflag", Q53_FLAG_CD, true, &o->qflags) ||
	    plus_bit(opt, "cd", Q53_FLAG_CD, true, &o->qflags) ||
	    plus_bit(opt, "aaflag", Q53_FLAG_AA, true, &o->qflags) ||
	    plus_bit(opt, "aaonly", Q53_FLAG_AA, true, &o->qflags) ||
	    plus_bit(opt, "raflag", Q53_FLAG_RA, true, &o->qflags) ||
	    plus_bit(opt, "tcflag", Q53_FLAG_TC, true, &o->qflags) ||
	    plus_bit(opt, "zflag", Q53_FLAG_Z, true, &o->qflags) || plus_bool(opt, "qr", &o->qr) ||
	    plus_bool(opt, "identify", &o->identify) || plus_bool(opt, "onesoa", &o->onesoa) ||
	    plus_bool(opt, "ignore", &o->ignore_tc) || plus_bool(opt, "expire", &o->expire) ||
	    plus_bool(opt, "keepalive", &o->keepalive) || plus_bool(opt, "header-only", &o->header_only) ||
	    plus_bool(opt, "rdflag", &o->rec) || plus_bool(opt, "fail", &o->fail) ||
	    plus_bool(opt, "keepopen", &o->keepopen) || plus_bool(opt, "ednsnegotiation", &o->ednsneg) ||
	    plus_bool(opt, "defname", &o->search))
		return 0;
	bool on;
	if (plus_bit(opt, "multiline", Q53_STYLE_MULTILINE, true, &o->style))
		return 0;
	if (plus_bit(opt, "rrcomments", Q53_STYLE_RRCOMMENTS, true, &o->style)) {
		o->rrcomments_set = true;
		return 0;
	}
	/* dig: +[no]ttlunits shows the TTLs again after +nottlid. */
	if (plus_bit(opt, "ttlunits", Q53_STYLE_TTL_UNITS, true, &o->style)) {
		o->style &= ~(unsigned)Q53_STYLE_NO_TTL;
		return 0;
	}
	if (plus_bool(opt, "cookie", &on)) {
		o->cookie = on;
		o->cookie_set = true;
		o->cookie_len = 0;
		return 0;
	}
	if (strcmp(opt, "noednsopt") == 0) {
		o->ednsopt_len = 0;
		return 0;
	}
	if (strcmp(opt, "nosubnet") == 0) {
		o->subnet_len = 0;
		return 0;
	}
	/* The options whose values are not numbers. */
	if (eq != NULL && eq[1] != '\0') {
		size_t klen = (size_t)(eq - opt);
		const char *v = eq + 1;
		if (klen == 6 && strncmp(opt, "cookie", 6) == 0) {
			/* RFC 7873 4: a client cookie of 8 octets, or with a server cookie 16 to 40. */
			int n = parse_hex(v, o->cookie_val, sizeof o->cookie_val);
			if (n != 8 && (n < 16 || n > 40))
				return -1;
			o->cookie = o->cookie_set = true;
			o->cookie_len = (uint8_t)n;
			return 0;
		}
		if (klen == 6 && strncmp(opt, "subnet", 6) == 0) {
			int n = parse_subnet(v, o->subnet);
			if (n < 0)
				return -1;
			o->subnet_len = (uint8_t)n;
			return 0;
		}
		if (klen == 7 && strncmp(opt, "ednsopt", 7) == 0)
			return parse_ednsopt(o, v);
		if (klen == 6 && strncmp(opt, "domain", 6) == 0) {
			/* dig: the search list is that domain alone, and +search is on. */
			uint8_t w[Q53_NAME_MAX];
			char abs[Q53_NAME_TEXT_MAX + 2];
			if (snprintf(abs, sizeof abs, "%s.", v) >= (int)sizeof abs ||
			    q53_name_from_text(abs, strlen(abs) - (v[strlen(v) - 1] == '.'), NULL, w) < 0)
				return -1;
			o->domain = v;
			o->search = true;
			return 0;
		}
		if (klen == 6 && strncmp(opt, "opcode", 6) == 0) {
			int n = parse_opcode(v);
			if (n < 0)
				return -1;
			o->opcode = (uint8_t)n;
			return 0;
		}
		if (klen == 9 && strncmp(opt, "ednsflags", 9) == 0) {
			/* dig: decimal, hex or octal; DO is +dnssec's, so it is left out. */
			char *end;
			unsigned long f = strtoul(v, &end, 0);
			if (v[0] < '0' || v[0] > '9' || *end != '\0' || f > 0xFFFF)
				return -1;
			o->edns_mbz = (uint16_t)(f & ~(unsigned long)Q53_EDNS_DO);
			return 0;
		}
	}
	bool all;
	if (plus_bool(opt, "all", &all)) {
		/* dig's +noall +answer: everything off, then what is wanted back on. */
		unsigned parts = Q53_STYLE_NO_COMMENTS | Q53_STYLE_NO_QUESTION | Q53_STYLE_NO_ANSWER |
				 Q53_STYLE_NO_AUTHORITY | Q53_STYLE_NO_ADDITIONAL;
		o->style = all ? o->style & ~parts : o->style | parts;
		o->stats = o->cmd = all;
		return 0;
	}
	if (plus_bool(opt, "tcp", &o->tcp) || plus_bool(opt, "vc", &o->tcp)) {
		o->tcp_set = true;
		return 0;
	}
	if (plus_bool(opt, "edns", &o->edns)) {
		o->edns_version = 0;
		return 0;
	}
	bool split;
	if (plus_bool(opt, "split", &split)) {
		set_split(o, split ? 56 : 0);
		o->split_set = true;
		return 0;
	}
	if (eq) {
		size_t klen = (size_t)(eq - opt);
		char *end;
		unsigned long v = strtoul(eq + 1, &end, 10);
		if (eq[1] < '0' || eq[1] > '9' || *end != '\0')
			return -1;
		if (klen == 4 && strncmp(opt, "edns", 4) == 0 && v <= 255) {
			o->edns = true;
			o->edns_version = (uint8_t)v;
			return 0;
		}
		if (klen == 5 && strncmp(opt, "split", 5) == 0 && v <= 1020) {
			/* dig +split=W: W rounded up to a multiple of 4 (with dig's warning); 0 writes the
			 * fields whole. */
			if (v % 4 != 0)
				fprintf(stderr,
					";; Warning, split must be a multiple of 4; adjusting to %lu\n",
					v + 4 - v % 4);
			set_split(o, v);
			o->split_set = true;
			return 0;
		}
		if (klen == 7 && strncmp(opt, "padding", 7) == 0 && v <= 512) {
			o->padding = (uint16_t)v;
			return 0;
		}
		if (klen == 7 && strncmp(opt, "bufsize", 7) == 0 && v <= 65535) {
			o->bufsize = (uint16_t)v;
			o->bufsize_set = true;
			return 0;
		}
		if (klen == 3 && strncmp(opt, "qid", 3) == 0 && v <= 65535) {
			o->qid = (uint16_t)v;
			o->qid_set = true;
			return 0;
		}
		if (klen == 5 && strncmp(opt, "ndots", 5) == 0 && v <= Q53_RES_MAXNDOTS) {
			o->ndots = (int)v;
			return 0;
		}
		if (((klen == 4 && strncmp(opt, "time", 4) == 0) ||
		     (klen == 7 && strncmp(opt, "timeout", 7) == 0)) &&
		    v >= 1 && v <= 300) {
			o->time_s = (int)v;
			o->time_set = true;
			return 0;
		}
		if ((klen == 5 && strncmp(opt, "tries", 5) == 0 && v >= 1 && v <= 100) ||
		    (klen == 5 && strncmp(opt, "retry", 5) == 0 && v <= 99)) {
			o->tries = (int)v + (opt[0] == 'r');
			o->tries_set = true;
			return 0;
		}
	}
	return -1;
}

static int add_query(cli *c, const settings *base, kind k, const char *name)
{
	if (c->nq == MAX_QUERIES) {
		fprintf(stderr, "q53: too many queries (at most %d)\n", MAX_QUERIES);
		return -1;
	}
	query *q = &c->q[c->nq++];
	q->k = k;
	if (snprintf(q->name, sizeof q->name, "%s", name) >= (int)sizeof q->name) {
		fprintf(stderr, "q53: '%s' is not a valid name: too long\n", name);
		return -1;
	}
	q->type = -1;
	q->rclass = -1;
	q->s = *base;
	return 0;
}

/* --resolv-conf FILE or --resolv-conf=FILE: the value, with *i moved past it; NULL when a is not opt. */
static const char *long_value(const char *opt, int argc, char **argv, int *i, bool *missing)
{
	size_t l = strlen(opt);
	const char *a = argv[*i];
	if (strncmp(a, opt, l) != 0)
		return NULL;
	if (a[l] == '=')
		return a + l + 1;
	if (a[l] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

/*
 * dig's rules: an argument that is a type or class name applies to the last name (or becomes the default
 * before any name); anything else is a new name. Options before the first name change *base (the global
 * settings, or a -f line's own copy of them); after it, the last query's.
 */
static int parse_args(cli *c, settings *base, int argc, char **argv, bool batch_line)
{
	size_t first = c->nq;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		query *cur = c->nq > first ? &c->q[c->nq - 1] : NULL;
		settings *s = cur ? &cur->s : base;
		int t, cl;
		long long ix;
		if (a[0] == '@' && a[1] != '\0') {
			s->server = a + 1;
		} else if (a[0] == '+') {
			if (plus_option(s, a + 1) < 0) {
				fprintf(stderr, "q53: invalid option: %s\n", a);
				return -1;
			}
		} else if (a[0] == '-' && a[1] == '-' && a[2] != '\0') {
			bool missing = false;
			const char *v;
			if (batch_line) {
				fprintf(stderr, "q53: %s is for the command line, not a -f line\n", a);
				return -1;
			}
			if ((v = long_value("--resolv-conf", argc, argv, &i, &missing)) != NULL)
				c->resolv_conf = v;
			else if (!missing && (v = long_value("--hosts", argc, argv, &i, &missing)) != NULL)
				c->hosts = v;
			else if (!missing && (v = long_value("--nsswitch", argc, argv, &i, &missing)) != NULL)
				c->nsswitch = v;
			else if (!missing && (v = long_value("--parse", argc, argv, &i, &missing)) != NULL) {
				if (add_query(c, base, K_PARSE, v) < 0)
					return -1;
			} else if (!missing && strcmp(a, "--help") == 0) {
				usage();
				exit(EXIT_OK);
			} else {
				fprintf(stderr,
					missing ? "q53: option %s needs an argument\n"
						: "q53: invalid option: %s\n",
					a);
				return -1;
			}
		} else if (a[0] == '-' && a[1] != '\0' && a[2] == '\0') {
			const char *v = NULL;
			if (strchr("ptcxfry", a[1])) {
				if (i + 1 >= argc) {
					fprintf(stderr, "q53: option %s needs an argument\n", a);
					return -1;
				}
				v = argv[++i];
			}
			switch (a[1]) {
			case '4':
			case '6':
				s->family = a[1] - '0';
				break;
			case 'p': {
				char *end;
				unsigned long p = strtoul(v, &end, 10);
				if (*v < '0' || *v > '9' || *end != '\0' || p > 65535) {
					fprintf(stderr, "q53: invalid port: %s\n", v);
					return -1;
				}
				s->port = (uint16_t)p;
				s->port_set = true;
				break;
			}
			case 't':
			case 'c': {
				int val = a[1] == 't' ? parse_type(v) : parse_class(v);
				if (a[1] == 't' && (s->ixfr = parse_ixfr(v)) >= 0)
					val = Q53_TYPE_IXFR;
				if (val < 0) {
					fprintf(stderr, "q53: invalid %s: %s\n",
						a[1] == 't' ? "type" : "class", v);
					return -1;
				}
				int *dst = a[1] == 't' ? (cur ? &cur->type : &s->def_type)
						       : (cur ? &cur->rclass : &s->def_class);
				*dst = val;
				break;
			}
			case 'x': {
				char rev[128];
				if (reverse_name(v, rev, sizeof rev) < 0) {
					fprintf(stderr, "q53: invalid address for -x: %s\n", v);
					return -1;
				}
				if (add_query(c, base, K_DIG, rev) < 0)
					return -1;
				c->q[c->nq - 1].type = Q53_TYPE_PTR;
				break;
			}
			case 'r':
				if (add_query(c, base, K_RESOLVE, v) < 0)
					return -1;
				break;
			case 'f':
				if (batch_line || c->batch) {
					fprintf(stderr, "q53: only one -f, on the command line\n");
					return -1;
				}
				c->batch = v;
				break;
			case 'y': {
				/* dig's -y [ALG:]NAME:SECRET; the keys live as long as the run. */
				static q53_tsig_key_t keys[8];
				static size_t nkeys;
				if (nkeys == sizeof keys / sizeof keys[0] ||
				    q53_tsig_key_from_text(v, &keys[nkeys]) < 0) {
					fprintf(
					    stderr,
					    "q53: invalid key for -y: [hmac-sha256:]name:base64-secret\n");
					return -1;
				}
				const char *why;
				if (!q53_tsig_crypto(&why)) {
					fprintf(stderr, "q53: -y: %s\n", why);
					return -1;
				}
				s->key = &keys[nkeys++];
				break;
			}
			case 'h':
				usage();
				exit(EXIT_OK);
			default:
				fprintf(stderr, "q53: invalid option: %s\n", a);
				return -1;
			}
		} else if (cur && cur->k != K_DIG && (parse_type(a) >= 0 || parse_class(a) >= 0)) {
			fprintf(stderr, "q53: %s: -r and --parse take no type or class\n", a);
			return -1;
		} else if ((t = parse_type(a)) >= 0 && (!cur || cur->type < 0)) {
			if (cur)
				cur->type = t;
			else
				s->def_type = t;
		} else if ((ix = parse_ixfr(a)) >= 0 && (!cur || cur->type < 0)) {
			s->ixfr = ix;
			if (cur)
				cur->type = Q53_TYPE_IXFR;
			else
				s->def_type = Q53_TYPE_IXFR;
		} else if ((cl = parse_class(a)) >= 0 && (!cur || cur->rclass < 0)) {
			if (cur)
				cur->rclass = cl;
			else
				s->def_class = cl;
		} else if (add_query(c, base, K_DIG, a) < 0) {
			return -1;
		}
	}
	return 0;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/* The reply must be a response with our ID and the question we asked (RFC 5452 4.1). */
static bool reply_matches(const uint8_t *q, size_t qlen, const uint8_t *r, size_t rlen)
{
	if (rlen < 12 || r[0] != q[0] || r[1] != q[1] || !(r[2] & 0x80))
		return false;
	q53_reader_t rq, rr;
	q53_rr_t a, b;
	if (q53_reader_init(&rq, q, qlen) < 0 || q53_reader_init(&rr, r, rlen) < 0)
		return false;
	/* A reply without a question (FORMERR, some NOTIMP, any reply to +header-only) is still the reply
	 * to our ID. */
	if (r[4] == 0 && r[5] == 0)
		return true;
	if (q53_reader_question(&rq, &a) <= 0)
		return false;
	if (q53_reader_question(&rr, &b) <= 0 || a.type != b.type || a.rclass != b.rclass)
		return false;
	uint8_t na[Q53_NAME_MAX], nb[Q53_NAME_MAX];
	if (q53_rr_owner(&a, na) < 0 || q53_rr_owner(&b, nb) < 0)
		return false;
	return q53_name_equal(na, nb);
}

static int udp_exchange(const struct sockaddr *sa, socklen_t salen, const uint8_t *q, size_t qlen, uint8_t *r,
			int timeout_ms)
{
	int fd = socket(sa->sa_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, sa, salen) < 0 || send(fd, q, qlen, 0) != (ssize_t)qlen) {
		close(fd);
		return -1;
	}
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) { /* invariant: only replies that match ID and question end the loop */
		long left = timeout_ms - ms_since(&t0);
		if (left <= 0)
			break;
		struct pollfd p = {.fd = fd, .events = POLLIN};
		if (poll(&p, 1, (int)left) <= 0)
			break;
		ssize_t n = recv(fd, r, MSG_MAX, 0);
		if (n < 0)
			break; /* ICMP port unreachable: no server there */
		if (reply_matches(q, qlen, r, (size_t)n)) {
			close(fd);
			return (int)n;
		}
	}
	close(fd);
	return -1;
}

static bool read_full(int fd, uint8_t *buf, size_t len)
{
	size_t got = 0;
	while (got < len) { /* invariant: buf[0..got) holds what was read so far */
		ssize_t n = recv(fd, buf + got, len - got, 0);
		if (n <= 0)
			return false;
		got += (size_t)n;
	}
	return true;
}

/* Connects to sa over TCP within timeout_ms; the descriptor or -1 with errno set. */
static int tcp_connect(const struct sockaddr *sa, socklen_t salen, int timeout_ms)
{
	int fd = socket(sa->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	struct timeval tv = {.tv_sec = timeout_ms / 1000, .tv_usec = (timeout_ms % 1000) * 1000};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	if (connect(fd, sa, salen) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* +keepopen: the TCP connection of the last query, kept for the next one to the same server (RFC 7766 6.2.1).
 */
static struct {
	int fd;
	socklen_t salen;
	struct sockaddr_storage sa;
} kept_tcp = {.fd = -1};

/* One query and its reply over a TCP connection, with the two-octet length prefix (RFC 1035 4.2.2): the
 * length of the reply, or -1. */
static int tcp_ask(int fd, const uint8_t *q, size_t qlen, uint8_t *r)
{
	uint8_t out[2 + MSG_MAX];
	q53_net_frame_put(out, qlen);
	memcpy(out + 2, q, qlen);
	uint8_t lenb[2];
	if (send(fd, out, qlen + 2, MSG_NOSIGNAL) != (ssize_t)(qlen + 2) || !read_full(fd, lenb, 2))
		return -1;
	size_t n = (size_t)lenb[0] << 8 | lenb[1];
	return read_full(fd, r, n) && reply_matches(q, qlen, r, n) ? (int)n : -1;
}

/*
 * A query over TCP: on a new connection, closed after the reply, or with keep on the one kept from the last
 * query to the same server (a new one when the server has closed it meanwhile), kept again after.
 */
static int tcp_exchange(const struct sockaddr *sa, socklen_t salen, const uint8_t *q, size_t qlen, uint8_t *r,
			int timeout_ms, bool keep)
{
	bool same = kept_tcp.fd >= 0 && kept_tcp.salen == salen && memcmp(&kept_tcp.sa, sa, salen) == 0;
	int ret = -1;
	if (keep && same && (ret = tcp_ask(kept_tcp.fd, q, qlen, r)) >= 0)
		return ret;
	if (kept_tcp.fd >= 0) {
		close(kept_tcp.fd);
		kept_tcp.fd = -1;
	}
	int fd = tcp_connect(sa, salen, timeout_ms);
	if (fd < 0)
		return -1;
	ret = tcp_ask(fd, q, qlen, r);
	if (keep && ret >= 0) {
		kept_tcp.fd = fd;
		kept_tcp.salen = salen;
		memcpy(&kept_tcp.sa, sa, salen);
	} else {
		close(fd);
	}
	return ret;
}

/* ---- colour: ANSI SGR on the text the printer made, line by line ---- */

#define C_OFF  "\033[0m"
#define C_BOLD "\033[1m"
#define C_OK   "\033[32m"   /* NOERROR */
#define C_BAD  "\033[1;31m" /* any other status */
#define C_NAME "\033[36m"   /* owner names */
#define C_TYPE "\033[33m"   /* types */

/* Writes p[0..len) with field want1 (0-based, tab or space separated) as a name and field want2 as a type. */
static void put_fields(const char *p, size_t len, int want1, int want2)
{
	int field = 0;
	size_t i = 0;
	/* invariant: p[0..i) is written, field counts the fields started before i */
	while (i < len) {
		size_t j = i;
		while (j < len && p[j] != '\t' && p[j] != ' ')
			j++;
		const char *col = field == want1 ? C_NAME : field == want2 ? C_TYPE : NULL;
		if (col && j > i)
			printf("%s%.*s" C_OFF, col, (int)(j - i), p + i);
		else
			fwrite(p + i, 1, j - i, stdout);
		if (field == want2) { /* the RDATA after the type stays as it is */
			fwrite(p + j, 1, len - j, stdout);
			return;
		}
		i = j;
		while (i < len && (p[i] == '\t' || p[i] == ' '))
			i++;
		fwrite(p + j, 1, i - j, stdout);
		field++;
	}
}

/*
 * dig's layout is stable enough to colour after the fact: the status in the header line, section titles,
 * and in records the owner (first field) and the type (fourth; third in a question line). Comments start
 * with "; " or ";;", a question with ';' and its owner, a record with its owner.
 */
static void put_colored(const char *text)
{
	for (const char *p = text; *p != '\0';) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *st = NULL;
		if (len > 15 && strncmp(p, ";; ->>HEADER<<-", 15) == 0 &&
		    (st = strstr(p, "status: ")) != NULL && st < p + len) {
			st += 8;
			size_t sl = strcspn(st, ",\n");
			fwrite(p, 1, (size_t)(st - p), stdout);
			printf("%s%.*s" C_OFF, strncmp(st, "NOERROR,", 8) == 0 ? C_OK : C_BAD, (int)sl, st);
			fwrite(st + sl, 1, len - (size_t)(st + sl - p), stdout);
		} else if (len > 11 && strncmp(p, ";; ", 3) == 0 &&
			   strncmp(p + len - 8, "SECTION:", 8) == 0) {
			printf(C_BOLD "%.*s" C_OFF, (int)len, p);
		} else if (len > 1 && p[0] == ';' && p[1] != ';' && p[1] != ' ') {
			putchar(';');
			put_fields(p + 1, len - 1, 0, 2);
		} else if (len > 0 && p[0] != ';') {
			put_fields(p, len, 0, 3);
		} else {
			fwrite(p, 1, len, stdout);
		}
		if (!nl)
			break;
		putchar('\n');
		p = nl + 1;
	}
}

/*
 * The printer's style for o. dig's rules for +multiline: record comments unless +[no]rrcomments was
 * given, and hex and base64 in pieces of 44 unless +split was; neither for +short, whose records stay on
 * one line.
 */
static unsigned style_of(const settings *o)
{
	unsigned st = o->style | (o->shrt ? Q53_STYLE_SHORT : 0u);
	if ((st & Q53_STYLE_MULTILINE) && !o->shrt) {
		if (!o->rrcomments_set)
			st |= Q53_STYLE_RRCOMMENTS;
		if (!o->split_set)
			st = (st & ~(unsigned)Q53_STYLE_SPLIT_MASK) | Q53_STYLE_SPLIT(44);
	}
	return st;
}

/* Writes text, each line followed by suffix (+short +identify). */
static void put_lines(const char *text, const char *suffix)
{
	for (const char *nl; (nl = strchr(text, '\n')) != NULL; text = nl + 1)
		printf("%.*s%s\n", (int)(nl - text), text, suffix);
	fputs(text, stdout);
}

/*
 * Prints a message as text (coloured when asked), JSON or +short; with +short +identify, each line ends
 * with dig's " from server HOST in N ms." (from). Returns 0 or the printer's error.
 */
static int print_msg_from(const settings *o, const uint8_t *msg, size_t len, const char *from)
{
	q53_style_t st = {
	    .flags = style_of(o), .name_hook = o->idnout ? q53_idna_name_hook : NULL, .hook_ctx = NULL};
	size_t cap = 1 << 16;
	char *buf = NULL;
	int rc = Q53_ENOMEM;
	for (int round = 0; round < 2; round++) {
		char *nb = realloc(buf, cap);
		if (!nb)
			break;
		buf = nb;
		int n = o->json ? q53_msg_to_json(msg, len, &st, buf, cap)
				: q53_msg_to_text(msg, len, &st, buf, cap);
		if (n < 0) {
			/* What came before the error helps to see where; half a JSON object does not. */
			if (!o->json)
				fputs(buf, stdout);
			rc = n;
			break;
		}
		if ((size_t)n < cap) {
			if (o->color && !o->json && !o->shrt)
				put_colored(buf);
			else if (o->shrt && o->identify && from != NULL)
				put_lines(buf, from);
			else
				fputs(buf, stdout);
			if (o->json)
				putchar('\n');
			rc = 0;
			break;
		}
		cap = (size_t)n + 1;
	}
	free(buf);
	return rc;
}

static int print_msg(const settings *o, const uint8_t *msg, size_t len)
{
	return print_msg_from(o, msg, len, NULL);
}

static bool verbose(const settings *s)
{
	return !s->shrt && !s->json && (s->style & Q53_STYLE_NO_COMMENTS) == 0;
}

/* dig's first lines: +cmd alone decides, not +comments (+short and +json have none). */
static void banner(const settings *s, int argc, char **argv)
{
	if (s->shrt || s->json || !s->cmd)
		return;
	printf("\n; <<>> q53 %s <<>>", PACKAGE_VERSION);
	for (int i = 1; i < argc; i++)
		printf(" %s", argv[i]);
	putchar('\n');
	/* As dig, once per run (the first query of a -f file): the server given, and the global options. */
	static bool first = true;
	if (first) {
		first = false;
		if (s->server != NULL)
			printf("; (1 server found)\n");
		printf(";; global options: +cmd\n");
	}
}

/* The local time as dig's WHEN line shows it. */
static void when_text(char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(buf, size, "%a %b %d %H:%M:%S %Z %Y", &tm);
}

/* The statistics after a reply; tsig_bad adds dig's warning that a TSIG did not verify. */
static void print_stats(const settings *s, long ms, const char *server, const char *proto, size_t size,
			bool tsig_bad)
{
	if (!s->stats || s->shrt || s->json)
		return;
	char when[128];
	when_text(when, sizeof when);
	printf(";; Query time: %ld msec\n;; SERVER: %s (%s)\n;; WHEN: %s\n;; MSG SIZE  rcvd: %zu\n%s\n", ms,
	       server, proto, when, size, tsig_bad ? ";; WARNING -- Some TSIG could not be validated\n" : "");
}

/* +qr: a query as sent, as dig shows it (nothing with +short, whose queries have no answer). */
static void print_query(const settings *s, const uint8_t *q, size_t len)
{
	if (s->shrt || s->json)
		return;
	if (verbose(s))
		printf(";; Sending:\n");
	print_msg(s, q, len);
	if (s->stats)
		printf(";; QUERY SIZE: %zu\n\n", len);
}

/* The query name in ASCII (IDNA when +idnin) and made absolute unless the search list is wanted. */
static int query_name(const query *qu, bool absolute, char *out, size_t size)
{
	char why[512];
	const char *text = qu->name;
	char ascii[1100];
	if (qu->s.idnin) {
		if (q53_idna_to_ascii(qu->name, strlen(qu->name), ascii, sizeof ascii, why, sizeof why) < 0) {
			fprintf(stderr, "q53: '%s' is not a valid name: %s\n", qu->name, why);
			return -1;
		}
		text = ascii;
	}
	size_t tl = strlen(text), bs = 0;
	/* A final dot ends the name unless an odd run of backslashes escapes it ("a\\." ends, "a\." not). */
	while (bs + 1 < tl && text[tl - 2 - bs] == '\\')
		bs++;
	bool dot = tl && text[tl - 1] == '.' && bs % 2 == 0;
	if (snprintf(out, size, "%s%s", text, (dot || !absolute) ? "" : ".") >= (int)size) {
		fprintf(stderr, "q53: '%s' is not a valid name: too long\n", qu->name);
		return -1;
	}
	return 0;
}

static uint16_t query_type(const query *qu)
{
	return (uint16_t)(qu->type >= 0 ? qu->type : qu->s.def_type >= 0 ? qu->s.def_type : Q53_TYPE_A);
}

/* AXFR or IXFR: a zone transfer over TCP (run_xfr()). */
static bool is_xfr(const query *qu)
{
	return query_type(qu) == Q53_TYPE_AXFR || query_type(qu) == Q53_TYPE_IXFR;
}

static uint16_t query_class(const query *qu)
{
	return (uint16_t)(qu->rclass >= 0	 ? qu->rclass
			  : qu->s.def_class >= 0 ? qu->s.def_class
						 : Q53_CLASS_IN);
}

/* A query's ID: +qid's, or random (RFC 5452 9.2). EXIT_OK, or EXIT_INTERNAL after saying why. */
static int query_id(const settings *o, uint16_t *id)
{
	if (o->qid_set) {
		*id = o->qid;
	} else if (getrandom(id, sizeof *id, 0) != sizeof *id) {
		fprintf(stderr, "q53: getrandom: %s\n", strerror(errno));
		return EXIT_INTERNAL;
	}
	return EXIT_OK;
}

/* What every query of our own making starts from: the absolute name in wire form and a random ID (RFC
 * 5452 9.2). EXIT_OK, or the exit status after saying why. */
static int query_start(const query *qu, uint8_t *wire, uint16_t *id)
{
	char full[1100];
	if (query_name(qu, true, full, sizeof full) < 0)
		return EXIT_USAGE;
	if (q53_name_from_text(full, strlen(full), NULL, wire) < 0) {
		fprintf(stderr, "q53: '%s' is not a valid name\n", qu->name);
		return EXIT_USAGE;
	}
	return query_id(&qu->s, id);
}

/* The address of ss as dig prints it: host text and port. */
static void addr_text(const struct sockaddr_storage *ss, char *host, size_t size, unsigned *port)
{
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)ss;
		inet_ntop(AF_INET, &in->sin_addr, host, (socklen_t)size);
		*port = ntohs(in->sin_port);
	} else {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)ss;
		inet_ntop(AF_INET6, &in6->sin6_addr, host, (socklen_t)size);
		*port = ntohs(in6->sin6_port);
	}
}

enum { FROM_TEXT_MAX = INET6_ADDRSTRLEN + 48 };

/* What +short +identify adds to each line: dig's " from server HOST in N ms.". */
static void identify_text(char buf[FROM_TEXT_MAX], const struct sockaddr_storage *ss, long ms)
{
	char host[INET6_ADDRSTRLEN];
	unsigned port;
	addr_text(ss, host, sizeof host, &port);
	snprintf(buf, FROM_TEXT_MAX, " from server %s in %ld ms.", host, ms);
}

/* ---- zone transfers: AXFR (RFC 5936) and IXFR (RFC 1995) over TCP, printed as dig prints them ---- */

/* RFC 1982 serial number arithmetic: a is before b. */
static bool serial_before(uint32_t a, uint32_t b)
{
	return a != b && (uint32_t)(b - a) < 0x80000000u;
}

/*
 * Where a transfer's stream of answer records is. It opens with the zone's SOA; an AXFR (or an IXFR
 * answered with the whole zone) ends with that SOA again (RFC 5936 2.2); an incremental IXFR is sequences of
 * an old SOA, the records deleted, a newer SOA and the records added, ended by the first SOA's serial where
 * the next sequence would start (RFC 1995 4); an IXFR whose serial is not older than the client's is that
 * SOA alone.
 */
typedef enum xfr_state { X_FIRST, X_SECOND, X_ALL, X_DEL, X_ADD, X_DONE } xfr_state;

typedef struct xfr_walk {
	xfr_state st;
	long long asked; /* IXFR: the client's serial; -1 for AXFR */
	uint32_t serial; /* the first SOA's */
} xfr_walk;

/* One more answer record; false when it cannot be there (the stream is not a transfer). */
static bool xfr_step(xfr_walk *w, const q53_rr_t *rr)
{
	q53_soa_t soa;
	bool is_soa = rr->type == Q53_TYPE_SOA && q53_rdata_soa(rr, &soa) == 0;
	bool last = is_soa && soa.serial == w->serial;
	switch (w->st) {
	case X_FIRST:
		if (!is_soa)
			return false;
		w->serial = soa.serial;
		w->st = w->asked >= 0 && !serial_before((uint32_t)w->asked, soa.serial) ? X_DONE : X_SECOND;
		return true;
	case X_SECOND:
		w->st = last ? X_DONE : is_soa && w->asked >= 0 ? X_DEL : X_ALL;
		return true;
	case X_ALL:
		w->st = last ? X_DONE : X_ALL;
		return true;
	case X_DEL:
		w->st = is_soa ? X_ADD : X_DEL;
		return true;
	case X_ADD:
		w->st = last ? X_DONE : is_soa ? X_DEL : X_ADD;
		return true;
	case X_DONE:
		break;
	}
	return false;
}

/* Prints one record of a transfer (+short: its RDATA). The line buffer grows to what a record needs (a
 * 65535-octet TXT of escapes is four times that) and is kept for the next record. */
static int print_xfr_rr(const settings *o, const q53_rr_t *rr)
{
	q53_style_t st = {
	    .flags = style_of(o), .name_hook = o->idnout ? q53_idna_name_hook : NULL, .hook_ctx = NULL};
	static char *line;
	static size_t cap;
	for (;;) {
		int n = o->shrt ? q53_rdata_to_text(rr, &st, line, cap) : q53_rr_to_text(rr, &st, line, cap);
		if (n < 0)
			return -1;
		if ((size_t)n < cap)
			break;
		char *nl = realloc(line, (size_t)n + 1);
		if (nl == NULL)
			return -1;
		line = nl;
		cap = (size_t)n + 1;
	}
	if (o->color && !o->shrt)
		put_colored(line);
	else
		fputs(line, stdout);
	putchar('\n');
	return 0;
}

/* The query of a transfer: the question and, for IXFR, the SOA of the zone the client has in the
 * authority section (RFC 1995 3; dig writes its names as the root). */
static int xfr_query(const query *qu, const uint8_t *zone, uint16_t id, uint8_t *buf, size_t size)
{
	const settings *o = &qu->s;
	q53_writer_t w;
	q53_writer_init(&w, buf, size, id, o->rec ? Q53_FLAG_RD : 0);
	uint16_t type = query_type(qu);
	int rc = q53_writer_question(&w, zone, type, query_class(qu));
	if (rc == 0 && type == Q53_TYPE_IXFR) {
		uint8_t soa[22] = {0};
		q53_put32(soa + 2, (uint32_t)o->ixfr);
		rc = q53_writer_rr(&w, Q53_SEC_AUTHORITY, zone, Q53_TYPE_SOA, query_class(qu), 0, soa,
				   sizeof soa);
	}
	q53_edns_t e = {
	    .udp_size = o->bufsize, .version = o->edns_version, .flags = o->dnssec ? Q53_EDNS_DO : 0};
	if (rc == 0 && (o->edns || o->dnssec))
		rc = q53_writer_edns(&w, &e);
	return rc < 0 ? rc : q53_writer_finish(&w);
}

/* The client cookie of this run (RFC 7873 4.1: random, 8 octets), drawn once in main(). */
static uint8_t client_cookie[8];

/* The cookie our queries carry: +cookie=HEX's, or the run's when EDNS is on; NULL when none. */
static const uint8_t *sent_cookie(const settings *o, size_t *len)
{
	if (!o->cookie || (!o->edns && o->cookie_len == 0))
		return NULL;
	*len = o->cookie_len > 0 ? o->cookie_len : sizeof client_cookie;
	return o->cookie_len > 0 ? o->cookie_val : client_cookie;
}

/* Appends an EDNS option (RFC 6891 6.1.2) to opts at n; returns the new length. */
static size_t put_opt(uint8_t *opts, size_t n, uint16_t code, const uint8_t *data, size_t len)
{
	q53_put16(opts + n, code);
	q53_put16(opts + n + 2, (uint16_t)len);
	if (len > 0)
		memcpy(opts + n + 4, data, len);
	return n + 4 + len;
}

enum { QUERY_MAX = 2048 }; /* the longest query build_query() makes: a name, every option, padding */

/*
 * Our query, as dig builds it: the header bits and the opcode asked for, the question (none with
 * +header-only), and EDNS (RFC 6891) when +edns, +dnssec or an option asks for it, with the options in
 * dig's order: NSID, client subnet, cookie, expire, keepalive, the +ednsopt ones, and the padding last
 * (RFC 7830: its length makes the query a multiple of the block). The default cookie goes only with EDNS;
 * one given with +cookie=HEX turns EDNS on, as the other options do. Returns the length or the error.
 */
static int build_query(const settings *o, const uint8_t *name, uint16_t type, uint16_t rclass, uint16_t id,
		       uint8_t *buf, size_t size)
{
	q53_writer_t w;
	unsigned flags = (o->rec ? Q53_FLAG_RD : 0u) | o->qflags | (unsigned)o->opcode << 11;
	q53_writer_init(&w, buf, size, id, (uint16_t)flags);
	int rc = o->header_only ? 0 : q53_writer_question(&w, name, type, rclass);
	static uint8_t opts[QUERY_MAX];
	size_t n = 0;
	if (o->nsid)
		n = put_opt(opts, n, Q53_OPT_NSID, NULL, 0);
	if (o->subnet_len > 0)
		n = put_opt(opts, n, Q53_OPT_CLIENT_SUBNET, o->subnet, o->subnet_len);
	size_t clen;
	const uint8_t *cookie = sent_cookie(o, &clen);
	if (cookie != NULL)
		n = put_opt(opts, n, Q53_OPT_COOKIE, cookie, clen);
	if (o->expire)
		n = put_opt(opts, n, Q53_OPT_EXPIRE, NULL, 0);
	if (o->keepalive)
		n = put_opt(opts, n, Q53_OPT_TCP_KEEPALIVE, NULL, 0);
	memcpy(opts + n, o->ednsopt, o->ednsopt_len);
	n += o->ednsopt_len;
	bool edns = o->edns || o->dnssec || n > 0 || o->edns_mbz != 0;
	if (edns && o->padding > 0) {
		/* Header, question, the OPT record's 11 fixed octets, the options, the padding's own 4. */
		size_t len = 12 + (o->header_only ? 0 : q53_name_len(name) + 4) + 11 + n + 4;
		static const uint8_t zeros[512];
		n = put_opt(opts, n, Q53_OPT_PADDING, zeros, (o->padding - len % o->padding) % o->padding);
	}
	q53_edns_t e = {.udp_size = o->bufsize,
			.version = o->edns_version,
			.flags = (uint16_t)((o->dnssec ? Q53_EDNS_DO : 0u) | o->edns_mbz),
			.options_len = (uint16_t)n,
			.options = opts};
	if (rc == 0 && edns)
		rc = q53_writer_edns(&w, &e);
	return rc < 0 ? rc : q53_writer_finish(&w);
}

/*
 * dig's verdict on the cookie of a reply to our query (RFC 7873 5.3): Q53_STYLE_COOKIE_GOOD when the reply's
 * COOKIE option starts with the client cookie we sent, Q53_STYLE_COOKIE_BAD when it does not, 0 when we sent
 * none or the reply has none.
 */
static unsigned cookie_verdict(const settings *o, const uint8_t *reply, size_t len)
{
	size_t slen;
	const uint8_t *sent = sent_cookie(o, &slen);
	if (sent == NULL)
		return 0;
	q53_reader_t r;
	q53_edns_t e;
	q53_edns_opt_t opt;
	size_t pos = 0;
	if (q53_reader_init(&r, reply, len) < 0 || q53_reader_edns(&r, &e) != 1)
		return 0;
	while (q53_edns_option_next(&e, &pos, &opt) == 1)
		if (opt.code == Q53_OPT_COOKIE)
			return opt.len >= 8 && memcmp(opt.data, sent, 8) == 0 ? Q53_STYLE_COOKIE_GOOD
									      : Q53_STYLE_COOKIE_BAD;
	return 0;
}

/*
 * Starts tsig's transaction for the query in q[0..len) (room up to cap) and, with -y, signs it. Returns
 * the query's length, or -1 after saying why (tsig is freed then); otherwise free tsig after the reply.
 */
static int sign_query(const settings *o, q53_tsig_ctx_t *tsig, uint8_t *q, int len, size_t cap)
{
	q53_tsig_ctx_init(tsig, o->key);
	if (o->key == NULL)
		return len;
	int n = q53_tsig_sign(tsig, q, (size_t)len, cap, (uint64_t)time(NULL));
	if (n < 0) {
		q53_tsig_ctx_free(tsig);
		fprintf(stderr, "q53: cannot sign the query: %s\n", q53_strerror(n));
		return -1;
	}
	return n;
}

/*
 * An AXFR or IXFR over TCP (RFC 5936 4.1, RFC 7766) from the first server that takes the connection:
 * every message must carry the query's ID and no error; the first one's question, when there is one, must
 * be the query's. The records are printed as they come, the stream's end found as xfr_step() says, and
 * dig's ";; XFR size" line ends it. A failure prints dig's "; Transfer failed." (exit 9, as dig).
 */
static int run_xfr(const query *qu, int argc, char **argv, const struct sockaddr_storage *srv,
		   const socklen_t *srvlen, size_t nsrv)
{
	const settings *o = &qu->s;
	if (query_type(qu) == Q53_TYPE_IXFR && o->ixfr < 0) {
		fprintf(stderr, "q53: IXFR needs the serial of the zone you have: IXFR=N\n");
		return EXIT_USAGE;
	}
	uint8_t zone[Q53_NAME_MAX];
	uint16_t id;
	int rc = query_start(qu, zone, &id);
	if (rc != EXIT_OK)
		return rc;
	uint8_t qbuf[2 + 512];
	int qlen = xfr_query(qu, zone, id, qbuf + 2, sizeof qbuf - 2);
	if (qlen < 0) {
		fprintf(stderr, "q53: cannot build the query: %s\n", q53_strerror(qlen));
		return EXIT_INTERNAL;
	}
	q53_tsig_ctx_t tsig;
	if ((qlen = sign_query(o, &tsig, qbuf + 2, qlen, sizeof qbuf - 2)) < 0)
		return EXIT_INTERNAL;
	q53_net_frame_put(qbuf, (size_t)qlen);
	char host[INET6_ADDRSTRLEN];
	unsigned port;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int fd = -1;
	size_t from = 0;
	/* Invariant: the servers before i in this round refused the connection or timed out. */
	for (int t = 0; t < o->tries && fd < 0; t++)
		for (size_t i = 0; i < nsrv && fd < 0; i++) {
			fd = tcp_connect((const struct sockaddr *)&srv[i], srvlen[i], o->time_s * 1000);
			if (fd >= 0 && send(fd, qbuf, (size_t)qlen + 2, MSG_NOSIGNAL) != (ssize_t)qlen + 2) {
				close(fd);
				fd = -1;
			}
			if (fd >= 0)
				from = i;
			else if (verbose(o)) {
				addr_text(&srv[i], host, sizeof host, &port);
				printf(";; communications error to %s#%u: %s\n", host, port, strerror(errno));
			}
		}
	addr_text(&srv[from], host, sizeof host, &port);
	if (fd < 0) {
		q53_tsig_ctx_free(&tsig);
		fprintf(stderr, ";; no servers could be reached (%s#%u)\n", host, port);
		return EXIT_NOREPLY;
	}
	banner(o, argc, argv);
	static uint8_t msg[MSG_MAX];
	xfr_walk w = {.st = X_FIRST, .asked = query_type(qu) == Q53_TYPE_IXFR ? o->ixfr : -1};
	settings json_lines = *o;
	json_lines.style |= Q53_STYLE_JSON_COMPACT;
	size_t nrec = 0, nmsg = 0, bytes = 0;
	const char *fail = NULL;
	/* Invariant: every message read so far was whole, ours and without error, and its answer records
	 * were printed in order. */
	while (w.st != X_DONE && fail == NULL) {
		uint8_t lenb[2];
		if (!read_full(fd, lenb, 2)) {
			fail = nmsg == 0 ? "no reply" : "the stream ended before the closing SOA";
			break;
		}
		size_t n = (size_t)lenb[0] << 8 | lenb[1];
		if (!read_full(fd, msg, n)) {
			fail = "the stream ended inside a message";
			break;
		}
		q53_reader_t rd;
		q53_rr_t rr;
		if (q53_reader_init(&rd, msg, n) < 0 || msg[0] != qbuf[2] || msg[1] != qbuf[3] ||
		    !(msg[2] & 0x80)) {
			fail = "a message that is not a reply to the query";
			break;
		}
		unsigned rcode = rd.flags & 0xF;
		/* RFC 8945 5.3.1: the first message signed, then at least every hundredth; a stream whose
		 * signatures do not verify is not printed further. A server that finds our signature wrong
		 * answers NOTAUTH with the reason in its TSIG record (5.3.2). */
		if (o->key != NULL && q53_tsig_verify_response(&tsig, msg, n, (uint64_t)time(NULL)) < 0 &&
		    (rcode == Q53_RCODE_NOERROR || tsig.error != 0)) {
			fail = tsig.error == Q53_TSIG_BADKEY
				   ? "TSIG: the server does not know the key (BADKEY)"
			       : tsig.error == Q53_TSIG_BADSIG
				   ? "TSIG: the server found the signature wrong (BADSIG)"
			       : tsig.error == Q53_TSIG_BADTIME
				   ? "TSIG: the clocks differ by more than the fudge (BADTIME)"
				   : "TSIG: a message is not signed or its signature is wrong";
			break;
		}
		if (rcode != Q53_RCODE_NOERROR) {
			/* A refusal (REFUSED, NOTAUTH, NOTIMP...) is shown whole, then dig's line. */
			if (nmsg == 0 && verbose(o))
				print_msg(o, msg, n);
			fail = q53_rcode_name(rcode) ? q53_rcode_name(rcode) : "an error";
			break;
		}
		if (nmsg == 0 && rd.count[0] > 0 && !reply_matches(qbuf + 2, (size_t)qlen, msg, n)) {
			fail = "the first message's question is not the query's";
			break;
		}
		nmsg++;
		bytes += n;
		/* +json: each message as one RFC 8427 object on a line of its own (JSON Lines); the walk
		 * still finds the end. */
		if (o->json && print_msg(&json_lines, msg, n) < 0) {
			fail = "a malformed message";
			break;
		}
		int more;
		/* Invariant: the answer records before rr were printed and walked. */
		while ((more = q53_reader_next(&rd, &rr)) == 1) {
			if (rr.section != Q53_SEC_ANSWER)
				continue;
			if (!xfr_step(&w, &rr)) {
				fail = w.st == X_DONE ? "records after the closing SOA"
						      : "a first record that is not the SOA";
				break;
			}
			nrec++;
			/* +onesoa: the closing SOA, which repeats the first, is not shown. */
			bool shown =
			    !o->json && !(o->style & Q53_STYLE_NO_ANSWER) && !(o->onesoa && w.st == X_DONE);
			if (shown && print_xfr_rr(o, &rr) < 0) {
				fail = "a record that cannot be printed";
				break;
			}
		}
		if (more < 0 && fail == NULL)
			fail = "a malformed message";
	}
	close(fd);
	q53_tsig_ctx_free(&tsig);
	long ms = ms_since(&t0);
	if (fail != NULL) {
		fflush(stdout);
		fprintf(stderr, "; Transfer failed: %s (%s#%u).\n", fail, host, port);
		return EXIT_NOREPLY;
	}
	if (o->stats && !o->shrt && !o->json) {
		char when[128];
		when_text(when, sizeof when);
		printf(";; Query time: %ld msec\n;; SERVER: %s#%u(%s) (TCP)\n;; WHEN: %s\n"
		       ";; XFR size: %zu records (messages %zu, bytes %zu)\n\n",
		       ms, host, port, host, when, nrec, nmsg, bytes);
	}
	return EXIT_OK;
}

/* Whether the reader takes every record of msg[0..len). */
static bool msg_whole(const uint8_t *msg, size_t len)
{
	q53_reader_t r;
	q53_rr_t rr;
	int rc = q53_reader_init(&r, msg, len);
	while (rc == 0 && (rc = q53_reader_next(&r, &rr)) == 1)
		rc = 0;
	return rc == 0;
}

/*
 * +ednsnegotiation (dig's default): the EDNS version to ask again with when the reply is BADVERS (RFC 6891
 * 6.1.3) and names a version below the one sent, or 256 when there is nothing to negotiate.
 */
static unsigned badvers_version(const settings *o, const uint8_t *reply, size_t len)
{
	q53_reader_t r;
	q53_edns_t e;
	if (!o->ednsneg || q53_reader_init(&r, reply, len) < 0 || q53_reader_edns(&r, &e) != 1)
		return 256;
	uint16_t flags = (uint16_t)(reply[2] << 8 | reply[3]);
	if (q53_rcode_full(flags, &e) != Q53_RCODE_BADVERS || e.version >= o->edns_version)
		return 256;
	return e.version;
}

/*
 * A query of our own making (dig's: RD, EDNS, DO, NSID as asked) to the servers srv[0..nsrv) in turn,
 * +tries rounds of them, as dig goes through its server list: the @server given, or the resolv.conf
 * servers when an option needs a query libq53 would not build.
 */
static int run_direct(const query *qu, int argc, char **argv, const struct sockaddr_storage *srv,
		      const socklen_t *srvlen, size_t nsrv)
{
	const settings *o = &qu->s;
	if (is_xfr(qu))
		return run_xfr(qu, argc, argv, srv, srvlen, nsrv);
	uint8_t wire[Q53_NAME_MAX];
	uint16_t id;
	int rc = query_start(qu, wire, &id);
	if (rc != EXIT_OK)
		return rc;
	/* What this query is built with: the EDNS version changes when the server asks (+ednsnegotiation). */
	settings cur = *o;
	bool bannered = false;
	static uint8_t qbuf[QUERY_MAX + Q53_TSIG_RR_MAX], reply[MSG_MAX], kept[MSG_MAX];
	q53_tsig_ctx_t tsig;
	int qlen, n;
	bool tcp = o->tcp;
	size_t from = 0;
	char host[INET6_ADDRSTRLEN], server[2 * INET6_ADDRSTRLEN + 16];
	unsigned port;
	struct timespec t0;
	/* Invariant: each round before this one had a reply that asked for a lower EDNS version. */
	for (;;) {
		qlen = build_query(&cur, wire, query_type(qu), query_class(qu), id, qbuf, QUERY_MAX);
		if (qlen < 0) {
			fprintf(stderr, "q53: cannot build the query: %s\n", q53_strerror(qlen));
			return EXIT_INTERNAL;
		}
		/* -y: the query is signed (RFC 8945), and the reply must be signed with the same key. */
		if ((qlen = sign_query(o, &tsig, qbuf, qlen, sizeof qbuf)) < 0)
			return EXIT_INTERNAL;
		/* +qr: the query as sent, after the banner, as dig shows it. */
		if (o->qr) {
			if (!bannered)
				banner(o, argc, argv);
			bannered = true;
			print_query(o, qbuf, (size_t)qlen);
		}
		n = -1;
		size_t kept_len = 0, kept_from = 0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		/* Invariant: every server before i in this round has had its try and given no reply, or a
		 * SERVFAIL that +fail passed over (the last one kept). */
		for (int t = 0; t < o->tries && n < 0; t++) {
			for (size_t i = 0; i < nsrv && n < 0; i++) {
				const struct sockaddr *sa = (const struct sockaddr *)&srv[i];
				n = tcp ? tcp_exchange(sa, srvlen[i], qbuf, (size_t)qlen, reply,
						       o->time_s * 1000, o->keepopen)
					: udp_exchange(sa, srvlen[i], qbuf, (size_t)qlen, reply,
						       o->time_s * 1000);
				/* TC: the whole answer comes over TCP from the same server (RFC 7766 5). */
				if (n >= 0 && !tcp && !o->ignore_tc && (reply[2] & 0x02)) {
					if (verbose(o))
						printf(";; Truncated, retrying in TCP mode.\n");
					tcp = true;
					n = tcp_exchange(sa, srvlen[i], qbuf, (size_t)qlen, reply,
							 o->time_s * 1000, o->keepopen);
				}
				addr_text(&srv[i], host, sizeof host, &port);
				if (n >= 0 && o->fail && (reply[3] & 0xF) == Q53_RCODE_SERVFAIL &&
				    i + 1 < nsrv) {
					/* +fail: the next server is asked, as a stub resolver would. */
					if (verbose(o))
						printf(";; Got SERVFAIL reply from %s, trying next server\n",
						       host);
					memcpy(kept, reply, (size_t)n);
					kept_len = (size_t)n;
					kept_from = i;
					n = -1;
				} else if (n >= 0) {
					from = i;
				} else if (verbose(o)) {
					printf(";; communications error to %s#%u: timed out\n", host, port);
				}
			}
		}
		if (n < 0 && kept_len > 0) {
			memcpy(reply, kept, kept_len);
			n = (int)kept_len;
			from = kept_from;
		}
		unsigned lower = n < 0 ? 256 : badvers_version(&cur, reply, (size_t)n);
		if (lower > 255)
			break;
		/* RFC 6891 6.1.3: BADVERS names the highest version the server has; ask again with it. */
		q53_tsig_ctx_free(&tsig);
		if (verbose(o))
			printf(";; BADVERS, retrying with EDNS version %u.\n", lower);
		cur.edns_version = (uint8_t)lower;
		if (query_id(o, &id) != EXIT_OK)
			return EXIT_INTERNAL;
	}
	long ms = ms_since(&t0);
	addr_text(&srv[from], host, sizeof host, &port);
	if (n < 0) {
		q53_tsig_ctx_free(&tsig);
		if (nsrv == 1)
			fprintf(stderr, ";; no servers could be reached (%s#%u)\n", host, port);
		else
			fprintf(stderr, ";; no servers could be reached (%zu servers)\n", nsrv);
		return EXIT_NOREPLY;
	}
	/* As dig says it, first, on standard output; the reply is shown all the same. */
	const char *tsig_fail = NULL;
	if (o->key != NULL) {
		q53_tsig_rr_t t;
		if (q53_tsig_find(reply, (size_t)n, &t) != 1)
			tsig_fail = "expected a TSIG or SIG(0)";
		else if (t.error != 0)
			tsig_fail = "tsig indicates error";
		else if (q53_tsig_verify_response(&tsig, reply, (size_t)n, (uint64_t)time(NULL)) < 0)
			tsig_fail = "tsig verify failure";
		if (tsig_fail != NULL)
			printf(";; Couldn't verify signature: %s\n", tsig_fail);
	}
	q53_tsig_ctx_free(&tsig);
	/* A reply the reader cannot take whole is still the reply: dig says so first, shows what it could
	 * read, and exits 0. */
	bool malformed = !msg_whole(reply, (size_t)n);
	if (malformed && o->json) {
		/* Half a JSON object helps no one reading JSON. */
		fprintf(stderr, "q53: malformed reply from %s#%u\n", host, port);
		return EXIT_INTERNAL;
	}
	if (malformed)
		printf(";; Warning: Message parser reports malformed message packet.\n");
	if (!bannered)
		banner(o, argc, argv);
	if (verbose(o))
		printf(";; Got answer:\n");
	char from_text[FROM_TEXT_MAX];
	identify_text(from_text, &srv[from], ms);
	settings shown = *o;
	shown.style |= cookie_verdict(o, reply, (size_t)n);
	if (print_msg_from(&shown, reply, (size_t)n, from_text) < 0 && !malformed) {
		fprintf(stderr, "q53: cannot print the reply from %s#%u\n", host, port);
		return EXIT_INTERNAL;
	}
	if (malformed && verbose(o))
		putchar('\n');
	snprintf(server, sizeof server, "%s#%u(%s)", host, port, host);
	print_stats(o, ms, server, tcp ? "TCP" : "UDP", (size_t)n, tsig_fail != NULL);
	return EXIT_OK;
}

/* A query straight to @server, as dig sends it. */
static int run_server(const query *qu, int argc, char **argv)
{
	const settings *o = &qu->s;
	struct sockaddr_storage ss;
	socklen_t sslen;
	if (q53_net_addr_parse(o->server, o->port, &ss, &sslen) < 0) {
		fprintf(stderr, "q53: invalid server address: %s (give an IP address)\n", o->server);
		return EXIT_USAGE;
	}
	if ((o->family == 4 && ss.ss_family != AF_INET) || (o->family == 6 && ss.ss_family != AF_INET6)) {
		fprintf(stderr, "q53: server %s is not an IPv%d address\n", o->server, o->family);
		return EXIT_USAGE;
	}
	return run_direct(qu, argc, argv, &ss, &sslen, 1);
}

/*
 * The resolver for a query: libq53 with the resolv.conf given (or the system's), the query's overrides,
 * and for dig's lookups DNS only, as dig asks the servers and never the hosts file. Kept for the next query
 * when it needs the same one, so a -f file reads resolv.conf once.
 */
static int get_resolver(cli *c, const query *qu, q53_resolver_t **out)
{
	const settings *s = &qu->s;
	reskey k;
	memset(&k, 0, sizeof k);
	k.k = qu->k;
	if (s->server) {
		struct sockaddr_storage ss;
		socklen_t sslen;
		if (q53_net_addr_parse(s->server, s->port, &ss, &sslen) < 0) {
			fprintf(stderr, "q53: invalid server address: %s (give an IP address)\n", s->server);
			return EXIT_USAGE;
		}
		q53_net_addr_text((struct sockaddr *)&ss, k.server, sizeof k.server);
	}
	k.timeout_ms = s->time_set ? s->time_s * 1000 : -1;
	if (k.timeout_ms > Q53_RES_MAXTIMEOUT * 1000)
		k.timeout_ms = Q53_RES_MAXTIMEOUT * 1000;
	k.attempts = s->tries_set ? (s->tries < Q53_RES_MAXATTEMPTS ? s->tries : Q53_RES_MAXATTEMPTS) : -1;
	if (s->tcp_set)
		*(s->tcp ? &k.set_flags : &k.clear_flags) |= Q53_RES_USEVC;
	if (!s->edns)
		k.set_flags |= Q53_RES_NOEDNS;
	/* dig's +adflag, on by default: AD in the query (RFC 6840 5.7), and the reply's AD shown as it came,
	 * which libq53 does with trust-ad. */
	*((s->qflags & Q53_FLAG_AD) ? &k.set_flags : &k.clear_flags) |= Q53_RES_TRUSTAD;
	k.edns_size = s->bufsize_set ? s->bufsize : 0;
	k.ndots = s->ndots;
	if (s->domain != NULL)
		snprintf(k.domain, sizeof k.domain, "%s", s->domain);
	if (c->res && memcmp(&k, &c->key, sizeof k) == 0) {
		*out = c->res;
		return 0;
	}
	q53_resolver_free(c->res);
	c->res = NULL;

	q53_resolver_opts o;
	q53_resolver_opts_init(&o);
	o.resolv_conf = c->resolv_conf;
	if (k.k == K_DIG) {
		o.hosts = "";
		o.nsswitch = "";
		o.order = Q53_ORDER_DNS;
	} else {
		o.hosts = c->hosts;
		o.nsswitch = c->nsswitch;
	}
	const char *servers[2] = {k.server, NULL};
	if (k.server[0] != '\0')
		o.servers = servers;
	o.timeout_ms = k.timeout_ms;
	o.attempts = k.attempts;
	o.set_flags = k.set_flags;
	o.clear_flags = k.clear_flags;
	o.edns_size = k.edns_size;
	o.ndots = k.ndots;
	const char *search[2] = {k.domain, NULL};
	if (k.domain[0] != '\0')
		o.search = search;
	o.reload_ms = -1; /* one run of the tool: the files are read once */
	int rc = q53_resolver_new(&o, &c->res);
	if (rc < 0) {
		fprintf(stderr, "q53: cannot make a resolver: %s\n", q53_strerror(rc));
		return rc == Q53_EINVAL ? EXIT_USAGE : EXIT_INTERNAL;
	}
	c->key = k;
	*out = c->res;
	return 0;
}

/* What libq53 cannot put in its queries: these need @server. NULL when the query can go through it. */
static const char *needs_server(const query *qu) /* an option needing a query of our own */
{
	const settings *s = &qu->s;
	if (is_xfr(qu))
		return "a zone transfer";
	if (s->key != NULL)
		return "-y";
	if (!s->rec)
		return "+norec";
	if (s->dnssec)
		return "+dnssec";
	if (s->nsid)
		return "+nsid";
	if (s->qflags & ~(unsigned)Q53_FLAG_AD)
		return "+cdflag, +aaflag, +raflag, +tcflag or +zflag";
	if (s->opcode != 0 || s->header_only)
		return "+opcode or +header-only";
	if (s->qr)
		return "+qr";
	if (s->qid_set)
		return "+qid";
	if (s->cookie_set && s->cookie)
		return "+cookie";
	if (s->subnet_len || s->expire || s->keepalive || s->ednsopt_len || s->padding || s->edns_mbz)
		return "an EDNS option";
	if (s->edns && s->edns_version != 0)
		return "+edns=N";
	if (query_class(qu) != Q53_CLASS_IN)
		return "a class other than IN";
	if (s->port_set)
		return "-p";
	if (s->family != 0)
		return "-4/-6";
	for (const char *p = qu->name; !s->idnin && *p != '\0'; p++)
		if ((unsigned char)*p >= 0x80)
			return "+noidnin";
	return NULL;
}

static int lookup_error(const char *name, int err)
{
	if (err == Q53_ETIMEOUT || err == Q53_ENETWORK) {
		fprintf(stderr, ";; no servers could be reached (%s)\n", q53_strerror(err));
		return EXIT_NOREPLY;
	}
	if (err == Q53_EINVAL || err == Q53_ENOMEM || err == Q53_ENOSPACE) {
		fprintf(stderr, "q53: %s: %s\n", name, q53_strerror(err));
		return EXIT_INTERNAL;
	}
	fprintf(stderr, "q53: '%s' is not a valid name: %s\n", name, q53_strerror(err));
	return EXIT_USAGE;
}

/* A query without @server: libq53 asks the resolv.conf servers, with their options and failover. */
static int run_resolver(cli *c, const query *qu, int argc, char **argv)
{
	const settings *o = &qu->s;
	if (needs_server(qu) != NULL) {
		/* An option libq53's own queries do not have (DO, NSID, no RD, a class, a port, a family):
		 * our query goes to the resolv.conf servers libq53 reads, in their order, as dig does. */
		q53_resolver_t *r;
		int rc = get_resolver(c, qu, &r);
		if (rc != 0)
			return rc;
		struct sockaddr_storage all[Q53_RES_MAXSERVERS], srv[Q53_RES_MAXSERVERS];
		socklen_t alllen[Q53_RES_MAXSERVERS], srvlen[Q53_RES_MAXSERVERS];
		size_t n = q53_resolver_servers(r, all, alllen, Q53_RES_MAXSERVERS), k = 0;
		for (size_t i = 0; i < n && i < Q53_RES_MAXSERVERS; i++) {
			int fam = all[i].ss_family;
			if ((o->family == 4 && fam != AF_INET) || (o->family == 6 && fam != AF_INET6))
				continue;
			srv[k] = all[i];
			srvlen[k] = alllen[i];
			if (o->port_set && fam == AF_INET)
				((struct sockaddr_in *)(void *)&srv[k])->sin_port = htons((uint16_t)o->port);
			else if (o->port_set)
				((struct sockaddr_in6 *)(void *)&srv[k])->sin6_port =
				    htons((uint16_t)o->port);
			k++;
		}
		if (k == 0) {
			fprintf(stderr, ";; no %sservers in %s\n",
				o->family == 4	 ? "IPv4 "
				: o->family == 6 ? "IPv6 "
						 : "",
				c->resolv_conf ? c->resolv_conf : "/etc/resolv.conf");
			return EXIT_NOREPLY;
		}
		return run_direct(qu, argc, argv, srv, srvlen, k);
	}
	/* dig's +nosearch by default: the name as given, made absolute; +search lets libq53 use the list. */
	char name[1100];
	if (query_name(qu, !o->search, name, sizeof name) < 0)
		return EXIT_USAGE;
	q53_resolver_t *r;
	int rc = get_resolver(c, qu, &r);
	if (rc != 0)
		return rc;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	q53_result_t *res = NULL;
	rc = q53_lookup(r, name, query_type(qu), &res);
	long ms = ms_since(&t0);
	if (rc < 0)
		return lookup_error(qu->name, rc);
	/* Every server failing still gives their last reply (SERVFAIL, REFUSED): dig shows it, so do we. */
	if (res->status != Q53_OK && !(res->status == Q53_ESERVFAIL && res->msg != NULL)) {
		rc = lookup_error(qu->name, res->status);
		q53_result_free(res);
		return rc;
	}
	banner(o, argc, argv);
	if (verbose(o))
		printf(";; Got answer:\n");
	char from_text[FROM_TEXT_MAX];
	if (res->server_len > 0)
		identify_text(from_text, &res->server, ms);
	rc = print_msg_from(o, res->msg, res->msg_len, res->server_len > 0 ? from_text : NULL);
	if (rc < 0) {
		fprintf(stderr, "q53: malformed reply: %s\n", q53_strerror(rc));
		q53_result_free(res);
		return EXIT_INTERNAL;
	}
	char server[2 * INET6_ADDRSTRLEN + 16], host[INET6_ADDRSTRLEN];
	unsigned port;
	const char *proto = "libq53";
	if (res->source == Q53_SOURCE_LOCAL) {
		snprintf(server, sizeof server, "built-in localhost, RFC 6761");
	} else if (res->server_len > 0) {
		/* Which resolv.conf server answered, as dig names it. */
		addr_text(&res->server, host, sizeof host, &port);
		snprintf(server, sizeof server, "%s#%u(%s)", host, port, host);
		proto = res->tcp ? "TCP" : "UDP";
	} else {
		snprintf(server, sizeof server, "a server of %s",
			 c->resolv_conf ? c->resolv_conf : "/etc/resolv.conf");
	}
	print_stats(o, ms, server, proto, res->msg_len, false);
	q53_result_free(res);
	return EXIT_OK;
}

static const char *source_text(q53_source s, bool json)
{
	switch (s) {
	case Q53_SOURCE_LOCAL:
		return json ? "local" : "built-in";
	case Q53_SOURCE_HOSTS:
		return json ? "hosts" : "hosts file";
	case Q53_SOURCE_DNS:
		return json ? "dns" : "DNS";
	case Q53_SOURCE_CACHE:
		return "cache";
	case Q53_SOURCE_NONE:
		break;
	}
	return "none";
}

/* A JSON string: quotes, backslashes and control characters escaped (RFC 8259 7); UTF-8 as it is. */
static void put_json_string(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else if (ch < 0x20)
			printf("\\u%04x", ch);
		else
			putchar(ch);
	}
	putchar('"');
}

/* -r NAME: the addresses an application would get (q53_lookup_addrs), each with where it came from. */
static int run_addrs(cli *c, const query *qu, int argc, char **argv)
{
	const settings *o = &qu->s;
	if (o->port_set && !o->server) {
		fprintf(stderr, "q53: -p needs @server (resolv.conf servers have no port of their own)\n");
		return EXIT_USAGE;
	}
	q53_resolver_t *r;
	int rc = get_resolver(c, qu, &r);
	if (rc != 0)
		return rc;
	int family = o->family == 4 ? AF_INET : o->family == 6 ? AF_INET6 : AF_UNSPEC;
	q53_addr_t a[ADDRS_MAX];
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int n = q53_lookup_addrs(r, qu->name, family, a, ADDRS_MAX);
	long ms = ms_since(&t0);
	if (n == Q53_ENOTFOUND || n == Q53_ESERVFAIL) {
		/* An answer all the same (NXDOMAIN, NODATA, or every server failing): exit 0, as dig does. */
		fprintf(stderr, "q53: %s: no address (%s)\n", qu->name, q53_strerror(n));
		n = 0;
	} else if (n < 0) {
		return lookup_error(qu->name, n);
	}
	banner(o, argc, argv);
	if (o->json) {
		printf("{\"name\": ");
		put_json_string(qu->name);
		printf(", \"addresses\": [");
	} else if (verbose(o)) {
		printf(";; %s: %d address%s\n", qu->name, n, n == 1 ? "" : "es");
	}
	for (int i = 0; i < n; i++) {
		char text[INET6_ADDRSTRLEN];
		inet_ntop(a[i].family, a[i].addr, text, sizeof text);
		if (o->json) {
			printf("%s{\"address\": \"%s\", \"family\": %d, \"source\": \"%s\"", i ? ", " : "",
			       text, a[i].family == AF_INET ? 4 : 6, source_text(a[i].source, true));
			if (a[i].source == Q53_SOURCE_DNS || a[i].source == Q53_SOURCE_CACHE)
				printf(", \"ttl\": %u", a[i].ttl);
			putchar('}');
		} else if (o->shrt) {
			printf("%s\n", text);
		} else {
			const char *src = source_text(a[i].source, false);
			if (o->color)
				printf(C_NAME "%s" C_OFF "\t" C_TYPE "%s" C_OFF, text, src);
			else
				printf("%s\t%s", text, src);
			if (a[i].source == Q53_SOURCE_DNS || a[i].source == Q53_SOURCE_CACHE)
				printf("\tttl %u", a[i].ttl);
			putchar('\n');
		}
	}
	if (o->json)
		printf("]}\n");
	if (o->stats && !o->shrt && !o->json)
		printf("\n;; Query time: %ld msec\n;; FILES: %s, %s, %s\n\n", ms,
		       c->resolv_conf ? c->resolv_conf : "/etc/resolv.conf",
		       c->hosts ? c->hosts : "/etc/hosts", c->nsswitch ? c->nsswitch : "/etc/nsswitch.conf");
	return EXIT_OK;
}

/* Reads a whole file ("-": standard input) into a malloc'd NUL-terminated buffer of at most max octets. */
static char *read_file(const char *path, size_t max, size_t *lenp)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "q53: cannot read %s: %s\n", path, strerror(errno));
		return NULL;
	}
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	size_t n;
	/* invariant: buf[0..len) holds what was read so far, len < cap */
	while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (len > max)
			break;
		if (len + 1 == cap) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	bool err = ferror(f) != 0;
	if (f != stdin)
		fclose(f);
	if (!buf || err || len > max) {
		fprintf(stderr, "q53: cannot read %s: %s\n", path,
			!buf  ? "out of memory"
			: err ? "read error"
			      : "too big");
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	*lenp = len;
	return buf;
}

/*
 * Hex when every octet is a hex digit or white space (a binary message almost never is: its header alone
 * would have to be printable digits); decoded in place. Returns the message length, or -1 with a message.
 */
static long decode_msg(const char *path, uint8_t *buf, size_t len, bool *hex)
{
	size_t digits = 0;
	*hex = len > 0;
	for (size_t i = 0; i < len && *hex; i++) { /* invariant: buf[0..i) are hex digits or spaces */
		if (hexval(buf[i]) >= 0)
			digits++;
		else if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\n' && buf[i] != '\r')
			*hex = false;
	}
	*hex = *hex && digits > 0;
	if (!*hex) {
		if (len > MSG_MAX) {
			fprintf(stderr, "q53: %s: %zu octets, more than a DNS message can hold\n", path, len);
			return -1;
		}
		return (long)len;
	}
	if (digits % 2 != 0) {
		fprintf(stderr, "q53: %s: odd number of hex digits (%zu)\n", path, digits);
		return -1;
	}
	if (digits / 2 > MSG_MAX) {
		fprintf(stderr, "q53: %s: %zu octets, more than a DNS message can hold\n", path, digits / 2);
		return -1;
	}
	size_t n = 0, d = 0;
	/* invariant: buf[0..n) holds the octets of the first 2n digits; d digits seen; n <= i / 2 */
	for (size_t i = 0; i < len; i++) {
		int v = hexval(buf[i]);
		if (v < 0)
			continue;
		if (d++ % 2 == 0)
			buf[n] = (uint8_t)(v << 4);
		else
			buf[n++] |= (uint8_t)v;
	}
	return (long)n;
}

/* --parse FILE: a wire-format message (binary or hex) through the same printer as the replies. */
static int run_parse(const query *qu, int argc, char **argv)
{
	const settings *o = &qu->s;
	size_t len;
	char *text = read_file(qu->name, PARSE_FILE_MAX, &len);
	if (!text)
		return EXIT_USAGE;
	bool hex;
	long n = decode_msg(qu->name, (uint8_t *)text, len, &hex);
	if (n < 0) {
		free(text);
		return EXIT_USAGE;
	}
	if (n < 12) {
		fprintf(stderr, "q53: %s: %ld octets is no DNS message (the header alone is 12)\n", qu->name,
			n);
		free(text);
		return EXIT_USAGE;
	}
	banner(o, argc, argv);
	if (verbose(o))
		printf(";; Message read from %s (%s, %ld octets):\n",
		       strcmp(qu->name, "-") ? qu->name : "stdin", hex ? "hex" : "binary", n);
	int rc = print_msg(o, (uint8_t *)text, (size_t)n);
	if (rc < 0) {
		free(text);
		fflush(stdout);
		fprintf(stderr, "q53: %s: malformed message: %s\n", qu->name, q53_strerror(rc));
		return EXIT_INTERNAL;
	}
	/* The printer stops at the last counted record; octets after it are worth a word, as dig says. */
	q53_reader_t rd;
	q53_rr_t rr;
	size_t extra = 0;
	if (q53_reader_init(&rd, (uint8_t *)text, (size_t)n) == 0) {
		while (q53_reader_next(&rd, &rr) > 0)
			;
		extra = q53_reader_trailing(&rd);
	}
	free(text);
	if (extra != 0)
		fprintf(stderr, ";; Warning: message has %zu extra octet%s at end\n", extra,
			extra == 1 ? "" : "s");
	if (o->stats && !o->shrt && !o->json)
		printf("\n;; MSG SIZE  parsed: %ld\n\n", n);
	return EXIT_OK;
}

static int run_query(cli *c, const query *qu, int argc, char **argv)
{
	if (qu->s.key != NULL && qu->k != K_DIG) {
		fprintf(stderr, "q53: -y signs queries to a server (dig's mode), not -r or --parse\n");
		return EXIT_USAGE;
	}
	switch (qu->k) {
	case K_PARSE:
		return run_parse(qu, argc, argv);
	case K_RESOLVE:
		return run_addrs(c, qu, argc, argv);
	case K_DIG:
		break;
	}
	return qu->s.server ? run_server(qu, argc, argv) : run_resolver(c, qu, argc, argv);
}

/* Runs c->q[0..nq): the exit status is the last failure's, as with dig's several queries. */
static int run_all(cli *c, int argc, char **argv)
{
	int rc = EXIT_OK;
	for (size_t i = 0; i < c->nq; i++) {
		query *q = &c->q[i];
		if (q->s.shrt)
			q->s.style |= Q53_STYLE_NO_COMMENTS;
		int r = run_query(c, q, argc, argv);
		if (r != EXIT_OK)
			rc = r;
	}
	return rc;
}

/*
 * -f FILE: each line is one more command (names, types, classes, +options, @server), starting from the
 * global settings; what a line sets stays on that line, as in dig's batch mode.
 */
static int run_batch(cli *c)
{
	size_t len;
	char *buf = read_file(c->batch, 64u << 20, &len);
	if (!buf)
		return EXIT_USAGE;
	int rc = EXIT_OK;
	char *save = NULL;
	for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *argv[BATCH_ARGS + 1];
		char prog[] = "q53";
		int argc = 1;
		argv[0] = prog;
		char *ws = NULL;
		bool toolong = false;
		for (char *w = strtok_r(line, " \t\r", &ws); w; w = strtok_r(NULL, " \t\r", &ws)) {
			if (argc == BATCH_ARGS + 1) {
				toolong = true;
				break;
			}
			argv[argc++] = w;
		}
		if (argc == 1 || argv[1][0] == '#' || argv[1][0] == ';')
			continue; /* an empty line or a comment */
		if (toolong) {
			fprintf(stderr, "q53: %s: a line with more than %d words\n", c->batch, BATCH_ARGS);
			rc = EXIT_USAGE;
			continue;
		}
		settings line_set = c->g;
		c->nq = 0;
		int r = parse_args(c, &line_set, argc, argv, true);
		if (r == 0 && c->nq == 0)
			r = add_query(c, &line_set, K_DIG, ".");
		if (r < 0) {
			rc = EXIT_USAGE;
			continue;
		}
		if ((r = run_all(c, argc, argv)) != EXIT_OK)
			rc = r;
	}
	free(buf);
	return rc;
}

int main(int argc, char **argv)
{
	static cli c;
	settings *g = &c.g;
	g->port = 53;
	g->rec = true;
	g->edns = true;
	g->stats = true;
	g->cmd = true;
	g->idnin = true;
	g->idnout = isatty(STDOUT_FILENO) != 0;
	/* https://no-color.org: NO_COLOR set and not empty turns colour off unless +color asks for it. */
	const char *nc = getenv("NO_COLOR");
	g->color = g->idnout && !(nc && nc[0] != '\0');
	g->bufsize = 1232;
	/* dig's default: hex and base64 fields in pieces of 56 characters. */
	set_split(g, 56);
	g->time_s = 5;
	g->tries = 3;
	/* dig's defaults: AD set in queries (RFC 6840 5.7), and a client cookie (RFC 7873). */
	g->qflags = Q53_FLAG_AD;
	g->cookie = true;
	g->ednsneg = true;
	g->ndots = -1;
	if (getrandom(client_cookie, sizeof client_cookie, 0) != (ssize_t)sizeof client_cookie) {
		fprintf(stderr, "q53: getrandom: %s\n", strerror(errno));
		return EXIT_INTERNAL;
	}
	g->def_type = -1;
	g->ixfr = -1;
	g->def_class = -1;
	if (parse_args(&c, g, argc, argv, false) < 0) {
		usage();
		return EXIT_USAGE;
	}
	if (c.nq == 0 && !c.batch) {
		/* dig without a name asks for the root's NS records. */
		add_query(&c, g, K_DIG, ".");
		if (c.q[0].s.def_type < 0)
			c.q[0].type = Q53_TYPE_NS;
	}
	int rc = run_all(&c, argc, argv);
	if (c.batch) {
		int r = run_batch(&c);
		if (r != EXIT_OK)
			rc = r;
	}
	fflush(stdout);
	q53_resolver_free(c.res);
	return rc;
}
