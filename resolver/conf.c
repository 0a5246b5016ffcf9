/*
 * conf.c: the resolver's configuration as glibc builds it (resolv.conf(5), res_init.c): nameserver (at most
 * MAXNS = 3, IPv4 as inet_aton reads it, IPv6 with an optional %scope), domain and search (the last one
 * wins; 6 domains in 256 characters), options ndots: timeout: attempts: rotate edns0 use-vc trust-ad,
 * then LOCALDOMAIN and RES_OPTIONS from the environment, then the application's overrides. Also the "hosts:"
 * line of nsswitch.conf(5) for the lookup order.
 *
 * Nothing here talks to the network; a file that cannot be read counts as empty, as in glibc.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "net.h"
#include "resolver_int.h"

static bool is_space(char ch)
{
	return ch == ' ' || ch == '\t';
}

void q53_conf_defaults(q53_conf_t *c)
{
	memset(c, 0, sizeof *c);
	c->refs = 1;
	c->ndots = CONF_DEFAULT_NDOTS;
	c->timeout_ms = CONF_DEFAULT_TIMEOUT_MS;
	c->attempts = CONF_DEFAULT_ATTEMPTS;
	c->order = Q53_ORDER_FILES_DNS;
	c->edns_size = Q53_EDNS_DEFAULT;
}

/* atoi() as glibc uses it for option values: leading digits, nothing else. Clamped to [0, max]. */
static unsigned option_number(const char *s, const char *end, unsigned max)
{
	unsigned v = 0;
	/* Invariant: v is the value of the digits read so far, at most max. */
	for (; s < end && *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (unsigned)(*s - '0');
		if (v > max)
			return max;
	}
	return v;
}

/* A word of an options line is matched by prefix, as glibc's res_setoptions() matches it (strncmp). */
static bool word_is(const char *w, size_t wlen, const char *key)
{
	size_t klen = strlen(key);
	return wlen >= klen && memcmp(w, key, klen) == 0;
}

void q53_conf_parse_options(q53_conf_t *c, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	/* Invariant: p is at a word boundary; the words before it are applied. */
	while (p < end) {
		while (p < end && (is_space(*p) || *p == '\n'))
			p++;
		const char *w = p;
		while (p < end && !is_space(*p) && *p != '\n')
			p++;
		size_t wl = (size_t)(p - w);
		if (wl == 0)
			break;
		if (word_is(w, wl, "ndots:")) {
			c->ndots = option_number(w + 6, p, Q53_RES_MAXNDOTS);
		} else if (word_is(w, wl, "timeout:")) {
			/* glibc sends after at least one second even with timeout:0. */
			unsigned t = option_number(w + 8, p, Q53_RES_MAXTIMEOUT);
			c->timeout_ms = (t == 0 ? 1 : t) * 1000u;
		} else if (word_is(w, wl, "attempts:")) {
			/* attempts:0 would make glibc send nothing at all; we still try once. */
			unsigned a = option_number(w + 9, p, Q53_RES_MAXATTEMPTS);
			c->attempts = a == 0 ? 1 : a;
		} else if (word_is(w, wl, "rotate")) {
			c->flags |= Q53_RES_ROTATE;
		} else if (word_is(w, wl, "edns0")) {
			c->flags &= ~(unsigned)Q53_RES_NOEDNS;
		} else if (word_is(w, wl, "use-vc")) {
			c->flags |= Q53_RES_USEVC;
		} else if (word_is(w, wl, "trust-ad")) {
			/* glibc 2.31 RES_TRUSTAD: the path to the servers is trusted, so is their AD bit. */
			c->flags |= Q53_RES_TRUSTAD;
		}
		/* Any other option (debug, inet6, single-request, no-aaaa...) is ignored, as glibc does
		 * with those it does not know. */
	}
}

void q53_conf_set_search(q53_conf_t *c, const char *text, size_t len)
{
	/* glibc copies the line into a 256-octet buffer (defdname) before splitting it. */
	if (len > Q53_RES_SEARCH_CHARS - 1)
		len = Q53_RES_SEARCH_CHARS - 1;
	c->nsearch = 0;
	c->search_set = true;
	const char *p = text, *end = text + len;
	/* Invariant: the domains before p are in c->search, at most Q53_RES_MAXSEARCH. */
	while (p < end && c->nsearch < Q53_RES_MAXSEARCH) {
		while (p < end && is_space(*p))
			p++;
		const char *w = p;
		while (p < end && !is_space(*p) && *p != '\n')
			p++;
		size_t wl = (size_t)(p - w);
		if (wl == 0)
			break;
		memcpy(c->search[c->nsearch], w, wl);
		c->search[c->nsearch][wl] = '\0';
		c->nsearch++;
		if (p < end && *p == '\n')
			break;
	}
}

/* Sets the IPv6 scope of "fe80::1%eth0" or "fe80::1%2". */
static int set_scope(struct sockaddr_in6 *in6, const char *scope, size_t len)
{
	char buf[IF_NAMESIZE + 1];
	if (len == 0 || len >= sizeof buf)
		return Q53_EINVAL;
	memcpy(buf, scope, len);
	buf[len] = '\0';
	unsigned idx = if_nametoindex(buf);
	if (idx == 0) {
		char *e;
		errno = 0;
		unsigned long v = strtoul(buf, &e, 10);
		if (*e != '\0' || errno != 0 || v > 0xFFFFFFFFul || buf[0] < '0' || buf[0] > '9')
			return Q53_EINVAL;
		idx = (unsigned)v;
	}
	in6->sin6_scope_id = idx;
	return 0;
}

int q53_conf_parse_server(const char *text, size_t len, struct sockaddr_storage *ss, socklen_t *sslen)
{
	char buf[Q53_NET_ADDR_TEXT_MAX + IF_NAMESIZE + 2];
	if (len == 0 || len >= sizeof buf)
		return Q53_EINVAL;
	memcpy(buf, text, len);
	buf[len] = '\0';
	/* "fe80::1%eth0", "[fe80::1%eth0]:5300": cut the scope out, parse the rest, then set it. */
	char *pct = strchr(buf, '%');
	const char *scope = NULL;
	size_t scope_len = 0;
	if (pct != NULL) {
		char *stop = pct + 1 + strcspn(pct + 1, "]");
		scope = pct + 1;
		scope_len = (size_t)(stop - scope);
		char tmp[sizeof buf];
		size_t head = (size_t)(pct - buf);
		memcpy(tmp, buf, head);
		memcpy(tmp + head, stop, strlen(stop) + 1);
		char sc[IF_NAMESIZE + 1];
		if (scope_len >= sizeof sc)
			return Q53_EINVAL;
		memcpy(sc, scope, scope_len);
		sc[scope_len] = '\0';
		if (q53_net_addr_parse(tmp, 53, ss, sslen) < 0 || ss->ss_family != AF_INET6)
			return Q53_EINVAL;
		return set_scope((struct sockaddr_in6 *)ss, sc, scope_len);
	}
	return q53_net_addr_parse(buf, 53, ss, sslen);
}

/* A nameserver line's address, as glibc reads it: inet_aton for IPv4, then IPv6 with %scope; port 53. */
static void add_nameserver(q53_conf_t *c, const char *w, size_t wl)
{
	char buf[INET6_ADDRSTRLEN + IF_NAMESIZE + 2];
	if (c->nservers >= Q53_RES_MAXNS || wl == 0 || wl >= sizeof buf)
		return;
	memcpy(buf, w, wl);
	buf[wl] = '\0';
	struct sockaddr_storage *ss = &c->server[c->nservers];
	memset(ss, 0, sizeof *ss);
	struct in_addr a4;
	if (inet_aton(buf, &a4) != 0) {
		struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
		in4->sin_family = AF_INET;
		in4->sin_port = htons(53);
		in4->sin_addr = a4;
		c->server_len[c->nservers++] = sizeof *in4;
		return;
	}
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
	char *pct = strchr(buf, '%');
	if (pct != NULL)
		*pct = '\0';
	if (inet_pton(AF_INET6, buf, &in6->sin6_addr) != 1)
		return;
	in6->sin6_family = AF_INET6;
	in6->sin6_port = htons(53);
	/* glibc keeps the server when the scope is unknown (scope 0); so do we. */
	if (pct != NULL && set_scope(in6, pct + 1, strlen(pct + 1)) < 0)
		in6->sin6_scope_id = 0;
	c->server_len[c->nservers++] = sizeof *in6;
}

/* glibc's MATCH(): the keyword at the very start of the line, followed by a space or a tab. */
static const char *keyword(const char *line, const char *end, const char *kw)
{
	size_t n = strlen(kw);
	if ((size_t)(end - line) <= n || memcmp(line, kw, n) != 0 || !is_space(line[n]))
		return NULL;
	const char *p = line + n;
	while (p < end && is_space(*p))
		p++;
	return p;
}

static void parse_resolv(q53_conf_t *c, const char *text, size_t len, bool env_search)
{
	const char *p = text, *end = text + len;
	/* Invariant: p is at the start of a line; the lines before it are applied. */
	while (p < end) {
		const char *le;
		const char *line = q53__next_line(&p, end, &le);
		if (line == le || *line == ';' || *line == '#')
			continue;
		const char *v;
		if ((v = keyword(line, le, "domain")) != NULL) {
			/* The first word only; LOCALDOMAIN, when set, takes precedence over the file. */
			if (env_search || v == le)
				continue;
			const char *w = v;
			while (w < le && !is_space(*w))
				w++;
			q53_conf_set_search(c, v, (size_t)(w - v));
		} else if ((v = keyword(line, le, "search")) != NULL) {
			if (env_search || v == le)
				continue;
			q53_conf_set_search(c, v, (size_t)(le - v));
		} else if ((v = keyword(line, le, "nameserver")) != NULL) {
			/* glibc ignores what follows the address on the line. */
			const char *w = v;
			while (w < le && !is_space(*w))
				w++;
			add_nameserver(c, v, (size_t)(w - v));
		} else if ((v = keyword(line, le, "options")) != NULL) {
			q53_conf_parse_options(c, v, (size_t)(le - v));
		}
	}
}

void q53_conf_parse_resolv(q53_conf_t *c, const char *text, size_t len)
{
	parse_resolv(c, text, len, false);
}

q53_order q53_conf_parse_nsswitch(const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	/* Invariant: p is at the start of a line; no "hosts:" line was before it. */
	while (p < end) {
		const char *le;
		const char *line = q53__next_line(&p, end, &le);
		while (line < le && is_space(*line))
			line++;
		if ((size_t)(le - line) < 6 || memcmp(line, "hosts:", 6) != 0)
			continue;
		const char *hash = memchr(line, '#', (size_t)(le - line));
		if (hash != NULL)
			le = hash;
		int files = -1, dns = -1, pos = 0;
		const char *w = line + 6;
		/* Invariant: files and dns hold the position of the first such service before w. */
		while (w < le) {
			while (w < le && is_space(*w))
				w++;
			const char *we = w;
			while (we < le && !is_space(*we))
				we++;
			size_t wl = (size_t)(we - w);
			if (wl == 5 && memcmp(w, "files", 5) == 0 && files < 0)
				files = pos;
			else if (wl == 3 && memcmp(w, "dns", 3) == 0 && dns < 0)
				dns = pos;
			if (wl > 0)
				pos++;
			w = we;
		}
		if (files >= 0 && dns >= 0)
			return files < dns ? Q53_ORDER_FILES_DNS : Q53_ORDER_DNS_FILES;
		if (files >= 0)
			return Q53_ORDER_FILES;
		if (dns >= 0)
			return Q53_ORDER_DNS;
		/* Neither (e.g. "hosts: resolve myhostname"): behave like the glibc default. */
		return Q53_ORDER_FILES_DNS;
	}
	return Q53_ORDER_FILES_DNS;
}

/* With open() and read() rather than stdio: four fewer imports in libq53 (its size goal, issue 6). */
int q53_conf_read_file(const char *path, char **text, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return Q53_EIO;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	int rc = 0;
	if (buf == NULL) {
		rc = Q53_ENOMEM;
		goto out;
	}
	for (;;) {
		if (cap - n < 2) {
			if (cap >= CONF_FILE_MAX) {
				rc = Q53_EIO;
				goto out;
			}
			char *nb = realloc(buf, cap * 2);
			if (nb == NULL) {
				rc = Q53_ENOMEM;
				goto out;
			}
			buf = nb;
			cap *= 2;
		}
		ssize_t got = read(fd, buf + n, cap - n - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			rc = Q53_EIO;
			goto out;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
out:
	close(fd);
	if (rc < 0) {
		free(buf);
		return rc;
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;
}

void q53_file_stamp(const char *path, q53_file_stamp_t *st)
{
	struct stat sb;
	memset(st, 0, sizeof *st);
	if (path == NULL || path[0] == '\0' || stat(path, &sb) != 0)
		return;
	st->exists = true;
	st->dev = (unsigned long long)sb.st_dev;
	st->ino = (unsigned long long)sb.st_ino;
	st->size = (unsigned long long)sb.st_size;
	st->mtime = sb.st_mtim;
}

bool q53_file_stamp_equal(const q53_file_stamp_t *a, const q53_file_stamp_t *b)
{
	return a->exists == b->exists && a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime.tv_sec == b->mtime.tv_sec && a->mtime.tv_nsec == b->mtime.tv_nsec;
}

static int apply_overrides(q53_conf_t *c, const q53_resolver_opts *o)
{
	if (o->servers != NULL) {
		size_t n = 0;
		for (; o->servers[n] != NULL; n++) {
			if (n >= Q53_RES_MAXSERVERS)
				return Q53_EINVAL;
			if (q53_conf_parse_server(o->servers[n], strlen(o->servers[n]), &c->server[n],
						  &c->server_len[n]) < 0)
				return Q53_EINVAL;
		}
		c->nservers = n;
	}
	if (o->search != NULL) {
		size_t n = 0;
		for (; o->search[n] != NULL; n++) {
			size_t l = strlen(o->search[n]);
			if (n >= Q53_RES_MAXSEARCH || l == 0 || l >= Q53_RES_SEARCH_CHARS)
				return Q53_EINVAL;
			memcpy(c->search[n], o->search[n], l + 1);
		}
		c->nsearch = n;
		c->search_set = true;
	}
	if (o->ndots > Q53_RES_MAXNDOTS || o->attempts > Q53_RES_MAXATTEMPTS || o->attempts == 0 ||
	    o->timeout_ms == 0)
		return Q53_EINVAL;
	if (o->ndots >= 0)
		c->ndots = (unsigned)o->ndots;
	if (o->timeout_ms > 0)
		c->timeout_ms = (unsigned)o->timeout_ms;
	if (o->attempts > 0)
		c->attempts = (unsigned)o->attempts;
	c->flags = (c->flags | o->set_flags) & ~o->clear_flags;
	if (o->order != Q53_ORDER_SYSTEM) {
		if (o->order > Q53_ORDER_DNS)
			return Q53_EINVAL;
		c->order = o->order;
	}
	if (o->edns_size != 0)
		c->edns_size = o->edns_size < Q53_UDP_MAX ? Q53_UDP_MAX : o->edns_size;
	return 0;
}

int q53_conf_build(q53_conf_t *c, const q53_resolver_opts *o, const char *localdomain,
		   const char *res_options, const char *hostname)
{
	q53_resolver_opts def;
	if (o == NULL) {
		q53_resolver_opts_init(&def);
		o = &def;
	}
	q53_conf_defaults(c);
	const char *path = o->resolv_conf != NULL ? o->resolv_conf : "/etc/resolv.conf";
	/* glibc: LOCALDOMAIN, when set, replaces the file's search and domain lines. */
	bool env_search = localdomain != NULL;
	if (env_search)
		q53_conf_set_search(c, localdomain, strlen(localdomain));
	char *text;
	size_t len;
	if (path[0] != '\0' && q53_conf_read_file(path, &text, &len) == 0) {
		parse_resolv(c, text, len, env_search);
		free(text);
	}
	if (res_options != NULL)
		q53_conf_parse_options(c, res_options, strlen(res_options));
	/* glibc: without domain or search, the domain is the host name after its first dot. */
	if (!c->search_set && hostname != NULL) {
		const char *dot = strchr(hostname, '.');
		if (dot != NULL && dot[1] != '\0')
			q53_conf_set_search(c, dot + 1, strlen(dot + 1));
	}
	/* glibc: no nameserver line means the server on this host. */
	if (c->nservers == 0) {
		struct sockaddr_in *in4 = (struct sockaddr_in *)&c->server[0];
		memset(&c->server[0], 0, sizeof c->server[0]);
		in4->sin_family = AF_INET;
		in4->sin_port = htons(53);
		in4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		c->server_len[0] = sizeof *in4;
		c->nservers = 1;
	}
	const char *ns = o->nsswitch != NULL ? o->nsswitch : "/etc/nsswitch.conf";
	if (o->order == Q53_ORDER_SYSTEM && ns[0] != '\0' && q53_conf_read_file(ns, &text, &len) == 0) {
		c->order = q53_conf_parse_nsswitch(text, len);
		free(text);
	}
	return apply_overrides(c, o);
}

void q53_resolver_opts_init(q53_resolver_opts *o)
{
	memset(o, 0, sizeof *o);
	o->ndots = -1;
	o->timeout_ms = -1;
	o->attempts = -1;
	o->reload_ms = 1000;
}
