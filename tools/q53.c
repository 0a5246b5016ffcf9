/*
 * q53: dig-like lookups from the command line. Parses dig's syntax (@server, -p, -t, -c, -x, positional
 * type and class, +options), builds each query with q53_msg_query() (RFC 1035 4.1, EDNS per RFC 6891, NSID
 * per RFC 5001, DO per RFC 3225), sends it over UDP with a random ID and retries over TCP when the reply is
 * truncated (RFC 7766 5), accepts only a reply that matches the ID and the question (RFC 5452 4), and
 * prints it with q53_msg_to_text() or q53_msg_to_json() (RFC 8427). Exit status as dig: 0 answer, 1 usage,
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
#include "q53/idna.h"
#include "q53/msg.h"
#include "q53/name.h"
#include "q53/print.h"
#include "q53/wire.h"

enum { EXIT_OK = 0, EXIT_USAGE = 1, EXIT_NOREPLY = 9, EXIT_INTERNAL = 10, MAX_QUERIES = 64 };
enum { MSG_MAX = 65535 };

typedef struct query {
	char name[1024]; /* presentation form, ASCII after IDNA */
	int type;	 /* -1: not given (A, or NS for the root without a name) */
	int rclass;	 /* -1: IN */
} query;

typedef struct opts {
	const char *server;
	uint16_t port;
	int family; /* 0, 4 or 6 */
	bool tcp, rec, edns, dnssec, nsid, shrt, json, stats, idnin, idnout;
	uint8_t edns_version;
	uint16_t bufsize;
	int time_s, tries;
	unsigned style;
	query q[MAX_QUERIES];
	size_t nq;
	int def_type, def_class;
	char *batch; /* the -f file's contents: names and the server point into it */
} opts;

/* "A", "mx", "TYPE65534" (RFC 3597 5): the type number from the codec's table, or -1. */
static int parse_type(const char *s)
{
	int t = q53_type_from_text(s, strlen(s));
	return t >= 0 ? t : -1;
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
	    "usage: q53 [@server] [-p port] [-4|-6] [-t type] [-c class] [-x addr] [-f file] [name] [type] "
	    "[class] [+options]\n");
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

static bool plus_style(const char *opt, const char *word, unsigned bit, unsigned *style)
{
	bool on;
	if (!plus_bool(opt, word, &on))
		return false;
	if (on)
		*style &= ~bit;
	else
		*style |= bit;
	return true;
}

static int plus_option(opts *o, const char *opt)
{
	const char *eq = strchr(opt, '=');
	if (plus_bool(opt, "tcp", &o->tcp) || plus_bool(opt, "vc", &o->tcp) ||
	    plus_bool(opt, "rec", &o->rec) || plus_bool(opt, "recurse", &o->rec) ||
	    plus_bool(opt, "dnssec", &o->dnssec) || plus_bool(opt, "nsid", &o->nsid) ||
	    plus_bool(opt, "short", &o->shrt) || plus_bool(opt, "stats", &o->stats) ||
	    plus_bool(opt, "json", &o->json) || plus_bool(opt, "idnin", &o->idnin) ||
	    plus_bool(opt, "idnout", &o->idnout) ||
	    plus_style(opt, "question", Q53_STYLE_NO_QUESTION, &o->style) ||
	    plus_style(opt, "answer", Q53_STYLE_NO_ANSWER, &o->style) ||
	    plus_style(opt, "authority", Q53_STYLE_NO_AUTHORITY, &o->style) ||
	    plus_style(opt, "additional", Q53_STYLE_NO_ADDITIONAL, &o->style) ||
	    plus_style(opt, "comments", Q53_STYLE_NO_COMMENTS, &o->style))
		return 0;
	if (plus_bool(opt, "edns", &o->edns)) {
		o->edns_version = 0;
		return 0;
	}
	if (eq) {
		size_t klen = (size_t)(eq - opt);
		char *end;
		unsigned long v = strtoul(eq + 1, &end, 10);
		if (eq[1] == '\0' || *end != '\0')
			return -1;
		if (klen == 4 && strncmp(opt, "edns", 4) == 0 && v <= 255) {
			o->edns = true;
			o->edns_version = (uint8_t)v;
			return 0;
		}
		if (klen == 7 && strncmp(opt, "bufsize", 7) == 0 && v <= 65535) {
			o->bufsize = (uint16_t)v;
			return 0;
		}
		if (klen == 4 && strncmp(opt, "time", 4) == 0 && v >= 1 && v <= 300) {
			o->time_s = (int)v;
			return 0;
		}
		if ((klen == 5 && strncmp(opt, "tries", 5) == 0 && v >= 1 && v <= 100) ||
		    (klen == 5 && strncmp(opt, "retry", 5) == 0 && v <= 99)) {
			o->tries = (int)v + (opt[0] == 'r');
			return 0;
		}
	}
	return -1;
}

static int parse_args(opts *o, int argc, char **argv);

/* -f FILE: every line holds more arguments (names, types, classes, +options), as in dig's batch mode. */
static int read_batch(opts *o, const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!f || o->batch) {
		fprintf(stderr, "q53: cannot read %s: %s\n", path, f ? "only one -f" : strerror(errno));
		return -1;
	}
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	size_t n;
	/* invariant: buf[0..len) holds what was read so far, len < cap */
	while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
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
	if (f != stdin)
		fclose(f);
	if (!buf)
		return -1;
	buf[len] = '\0';
	o->batch = buf;
	char *argv[MAX_QUERIES * 4 + 1];
	int argc = 1;
	char prog[] = "q53";
	argv[0] = prog;
	for (char *p = strtok(buf, " \t\r\n"); p; p = strtok(NULL, " \t\r\n")) {
		if (argc == (int)(sizeof argv / sizeof argv[0])) {
			fprintf(stderr, "q53: %s: too many arguments\n", path);
			return -1;
		}
		argv[argc++] = p;
	}
	return parse_args(o, argc, argv);
}

static query *cur_query(opts *o)
{
	return o->nq ? &o->q[o->nq - 1] : NULL;
}

static int add_name(opts *o, const char *name)
{
	if (o->nq == MAX_QUERIES) {
		fprintf(stderr, "q53: too many queries (at most %d)\n", MAX_QUERIES);
		return -1;
	}
	query *q = &o->q[o->nq++];
	if (snprintf(q->name, sizeof q->name, "%s", name) >= (int)sizeof q->name) {
		fprintf(stderr, "q53: '%s' is not a valid name: too long\n", name);
		return -1;
	}
	q->type = -1;
	q->rclass = -1;
	return 0;
}

/* dig's rules: an argument that is a type or class name applies to the last name (or becomes the default
 * before any name); anything else is a new name. */
static int parse_args(opts *o, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int t, c;
		if (a[0] == '@' && a[1] != '\0') {
			o->server = a + 1;
		} else if (a[0] == '+') {
			if (plus_option(o, a + 1) < 0) {
				fprintf(stderr, "q53: invalid option: %s\n", a);
				return -1;
			}
		} else if (a[0] == '-' && a[1] != '\0' && a[2] == '\0') {
			const char *v = NULL;
			if (strchr("ptcxf", a[1])) {
				if (i + 1 >= argc) {
					fprintf(stderr, "q53: option %s needs an argument\n", a);
					return -1;
				}
				v = argv[++i];
			}
			switch (a[1]) {
			case '4':
			case '6':
				o->family = a[1] - '0';
				break;
			case 'p': {
				char *end;
				unsigned long p = strtoul(v, &end, 10);
				if (*v == '\0' || *end != '\0' || p > 65535) {
					fprintf(stderr, "q53: invalid port: %s\n", v);
					return -1;
				}
				o->port = (uint16_t)p;
				break;
			}
			case 't':
			case 'c': {
				int val = a[1] == 't' ? parse_type(v) : parse_class(v);
				if (val < 0) {
					fprintf(stderr, "q53: invalid %s: %s\n",
						a[1] == 't' ? "type" : "class", v);
					return -1;
				}
				query *q = cur_query(o);
				int *dst = a[1] == 't' ? (q ? &q->type : &o->def_type)
						       : (q ? &q->rclass : &o->def_class);
				*dst = val;
				break;
			}
			case 'x': {
				char rev[128];
				if (reverse_name(v, rev, sizeof rev) < 0) {
					fprintf(stderr, "q53: invalid address for -x: %s\n", v);
					return -1;
				}
				if (add_name(o, rev) < 0)
					return -1;
				o->q[o->nq - 1].type = Q53_TYPE_PTR;
				break;
			}
			case 'f':
				if (read_batch(o, v) < 0)
					return -1;
				break;
			case 'h':
				usage();
				exit(EXIT_OK);
			default:
				fprintf(stderr, "q53: invalid option: %s\n", a);
				return -1;
			}
		} else if ((t = parse_type(a)) >= 0 && (!cur_query(o) || cur_query(o)->type < 0)) {
			if (cur_query(o))
				cur_query(o)->type = t;
			else
				o->def_type = t;
		} else if ((c = parse_class(a)) >= 0 && (!cur_query(o) || cur_query(o)->rclass < 0)) {
			if (cur_query(o))
				cur_query(o)->rclass = c;
			else
				o->def_class = c;
		} else if (add_name(o, a) < 0) {
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
	if (q53_reader_question(&rq, &a) <= 0)
		return false;
	/* A reply without a question (FORMERR, some NOTIMP) is still the reply to our ID. */
	if (r[4] == 0 && r[5] == 0)
		return true;
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

/* One query over TCP with the two-octet length prefix (RFC 1035 4.2.2). */
static int tcp_exchange(const struct sockaddr *sa, socklen_t salen, const uint8_t *q, size_t qlen, uint8_t *r,
			int timeout_ms)
{
	int fd = socket(sa->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	struct timeval tv = {.tv_sec = timeout_ms / 1000, .tv_usec = (timeout_ms % 1000) * 1000};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	uint8_t out[2 + MSG_MAX];
	out[0] = (uint8_t)(qlen >> 8);
	out[1] = (uint8_t)qlen;
	memcpy(out + 2, q, qlen);
	uint8_t lenb[2];
	int ret = -1;
	if (connect(fd, sa, salen) == 0 && send(fd, out, qlen + 2, MSG_NOSIGNAL) == (ssize_t)(qlen + 2) &&
	    read_full(fd, lenb, 2)) {
		size_t n = (size_t)lenb[0] << 8 | lenb[1];
		if (read_full(fd, r, n) && reply_matches(q, qlen, r, n))
			ret = (int)n;
	}
	close(fd);
	return ret;
}

/* The first nameserver line of /etc/resolv.conf, or 127.0.0.1 as the resolver library does. */
static void system_server(char *out, size_t size)
{
	snprintf(out, size, "127.0.0.1");
	FILE *f = fopen("/etc/resolv.conf", "r");
	if (!f)
		return;
	char line[512];
	while (fgets(line, sizeof line, f)) {
		char addr[256];
		if (sscanf(line, " nameserver %255s", addr) == 1) {
			snprintf(out, size, "%s", addr);
			break;
		}
	}
	fclose(f);
}

static int print_msg(const opts *o, const uint8_t *msg, size_t len)
{
	q53_style_t st = {.flags = o->style | (o->shrt ? Q53_STYLE_SHORT : 0u),
			  .name_hook = o->idnout ? q53_idna_name_hook : NULL,
			  .hook_ctx = NULL};
	size_t cap = 1 << 16;
	char *buf = NULL;
	for (int round = 0; round < 2; round++) {
		char *nb = realloc(buf, cap);
		if (!nb)
			break;
		buf = nb;
		int n = o->json ? q53_msg_to_json(msg, len, &st, buf, cap)
				: q53_msg_to_text(msg, len, &st, buf, cap);
		if (n < 0) {
			fputs(buf, stdout);
			fprintf(stderr, "q53: malformed reply: error %d\n", n);
			free(buf);
			return -1;
		}
		if ((size_t)n < cap) {
			fputs(buf, stdout);
			if (o->json)
				putchar('\n');
			free(buf);
			return 0;
		}
		cap = (size_t)n + 1;
	}
	free(buf);
	return -1;
}

static int run_query(const opts *o, const query *qu, int argc, char **argv)
{
	char ascii[1100], why[512];
	const char *text = qu->name;
	if (o->idnin) {
		if (q53_idna_to_ascii(qu->name, strlen(qu->name), ascii, sizeof ascii, why, sizeof why) < 0) {
			fprintf(stderr, "q53: '%s' is not a valid name: %s\n", qu->name, why);
			return EXIT_USAGE;
		}
		text = ascii;
	}
	char full[sizeof ascii + 2];
	size_t tl = strlen(text);
	/* dig treats every name on the command line as absolute. */
	snprintf(full, sizeof full, "%s%s", text, (tl && text[tl - 1] == '.') ? "" : ".");
	uint8_t wire[Q53_NAME_MAX];
	if (q53_name_from_text(full, strlen(full), NULL, wire) < 0) {
		fprintf(stderr, "q53: '%s' is not a valid name\n", qu->name);
		return EXIT_USAGE;
	}
	uint16_t type = (uint16_t)(qu->type >= 0 ? qu->type : o->def_type >= 0 ? o->def_type : Q53_TYPE_A);
	uint16_t rclass = (uint16_t)(qu->rclass >= 0	 ? qu->rclass
				     : o->def_class >= 0 ? o->def_class
							 : Q53_CLASS_IN);

	uint8_t nsid_opt[4] = {0, Q53_OPT_NSID, 0, 0};
	q53_edns_t e = {.udp_size = o->bufsize,
			.version = o->edns_version,
			.flags = o->dnssec ? Q53_EDNS_DO : 0,
			.options_len = o->nsid ? 4 : 0,
			.options = o->nsid ? nsid_opt : NULL};
	uint16_t id;
	if (getrandom(&id, sizeof id, 0) != sizeof id) {
		fprintf(stderr, "q53: getrandom: %s\n", strerror(errno));
		return EXIT_INTERNAL;
	}
	uint8_t qbuf[512 + 64];
	int qlen = q53_msg_query(qbuf, sizeof qbuf, id, o->rec ? Q53_FLAG_RD : 0, wire, type, rclass,
				 (o->edns || o->dnssec || o->nsid) ? &e : NULL);
	if (qlen < 0) {
		fprintf(stderr, "q53: cannot build the query: error %d\n", qlen);
		return EXIT_INTERNAL;
	}

	char sysserv[256];
	const char *server = o->server;
	if (!server) {
		system_server(sysserv, sizeof sysserv);
		server = sysserv;
	}
	struct sockaddr_storage ss;
	socklen_t sslen;
	if (q53_net_addr_parse(server, o->port, &ss, &sslen) < 0) {
		fprintf(stderr, "q53: invalid server address: %s (give an IP address)\n", server);
		return EXIT_USAGE;
	}
	if ((o->family == 4 && ss.ss_family != AF_INET) || (o->family == 6 && ss.ss_family != AF_INET6)) {
		fprintf(stderr, "q53: server %s is not an IPv%d address\n", server, o->family);
		return EXIT_USAGE;
	}

	static uint8_t reply[MSG_MAX];
	int n = -1;
	bool tcp = o->tcp;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int t = 0; t < o->tries && n < 0; t++) {
		n = tcp ? tcp_exchange((struct sockaddr *)&ss, sslen, qbuf, (size_t)qlen, reply,
				       o->time_s * 1000)
			: udp_exchange((struct sockaddr *)&ss, sslen, qbuf, (size_t)qlen, reply,
				       o->time_s * 1000);
		/* TC: the whole answer comes over TCP (RFC 7766 5). */
		if (n >= 0 && !tcp && (reply[2] & 0x02)) {
			if (!o->shrt && (o->style & Q53_STYLE_NO_COMMENTS) == 0 && !o->json)
				printf(";; Truncated, retrying in TCP mode.\n");
			tcp = true;
			n = -1;
			t--;
		}
	}
	long ms = ms_since(&t0);
	char addrtext[128], host[INET6_ADDRSTRLEN];
	q53_net_addr_text((struct sockaddr *)&ss, addrtext, sizeof addrtext);
	if (ss.ss_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host, sizeof host);
	else
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host, sizeof host);
	if (n < 0) {
		if (!o->shrt && !o->json)
			printf(";; communications error to %s#%u: timed out\n", host, o->port);
		fprintf(stderr, ";; no servers could be reached (%s#%u)\n", host, o->port);
		return EXIT_NOREPLY;
	}
	bool verbose = !o->shrt && !o->json && (o->style & Q53_STYLE_NO_COMMENTS) == 0;
	if (verbose) {
		printf("\n; <<>> q53 %s <<>>", PACKAGE_VERSION);
		for (int i = 1; i < argc; i++)
			printf(" %s", argv[i]);
		printf("\n;; Got answer:\n");
	}
	if (print_msg(o, reply, (size_t)n) < 0)
		return EXIT_INTERNAL;
	if (o->stats && !o->shrt && !o->json) {
		char when[128];
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		strftime(when, sizeof when, "%a %b %d %H:%M:%S %Z %Y", &tm);
		printf("\n;; Query time: %ld msec\n;; SERVER: %s#%u(%s) (%s)\n;; WHEN: %s\n;; MSG SIZE  "
		       "rcvd: %d\n\n",
		       ms, host, o->port, host, tcp ? "TCP" : "UDP", when, n);
	}
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	static opts o;
	o.port = 53;
	o.rec = true;
	o.edns = true;
	o.stats = true;
	o.idnin = true;
	o.idnout = isatty(STDOUT_FILENO) != 0;
	o.bufsize = 1232;
	o.time_s = 5;
	o.tries = 3;
	o.def_type = -1;
	o.def_class = -1;
	if (parse_args(&o, argc, argv) < 0) {
		usage();
		free(o.batch);
		return EXIT_USAGE;
	}
	if (o.shrt)
		o.style |= Q53_STYLE_NO_COMMENTS;
	if (o.nq == 0) {
		/* dig without a name asks for the root's NS records. */
		add_name(&o, ".");
		if (o.def_type < 0)
			o.def_type = Q53_TYPE_NS;
	}
	int rc = EXIT_OK;
	for (size_t i = 0; i < o.nq; i++) {
		int r = run_query(&o, &o.q[i], argc, argv);
		if (r != EXIT_OK)
			rc = r;
	}
	fflush(stdout);
	free(o.batch);
	return rc;
}
