/*
 * Fuzz target for libq53's configuration parsers: resolv.conf(5) as glibc reads it, the options words of
 * an options line or RES_OPTIONS, the "hosts:" line of nsswitch.conf(5), a server address as applications
 * give one, the search list (with the names it makes, glibc's res_nsearch() order), the reverse-mapping
 * names (RFC 1035 3.5, RFC 3596 2.5), and the hosts file (hosts(5)).
 *
 * The first octet picks the parser ('r' resolv.conf, 'o' options, 'n' nsswitch, 's' server, 'h' hosts,
 * 'l' search line then a name on the next line; any other octet picks one by its value), the rest is the
 * text. Checked beyond "no crash": the limits resolver.h and resolver_int.h promise (at most MAXNS servers
 * from a file, MAXSEARCH domains of at most 255 characters, ndots <= 15, timeout 1..30 s, attempts 1..5,
 * only the flags an options line can set, a known lookup order); a text parsed line by line gives the
 * same configuration and the same hosts table as parsed whole, as both parsers are line-oriented; an
 * accepted server address prints and parses back to itself; every hosts entry is found by its name (in
 * any case) and by its address; a search list holds the name as typed exactly once in its place.
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "q53/name.h"
#include "fuzz.h"
#include "net.h"
#include "resolver_int.h"

enum { HOSTS_CHECKED = 64 };

/* The configuration limits every parser keeps. */
static void check_conf(const q53_conf_t *c)
{
	CHECK(c->refs == 1);
	CHECK(c->nservers <= Q53_RES_MAXNS);
	for (size_t i = 0; i < c->nservers; i++) {
		const struct sockaddr_storage *ss = &c->server[i];
		CHECK((ss->ss_family == AF_INET && c->server_len[i] == sizeof(struct sockaddr_in)) ||
		      (ss->ss_family == AF_INET6 && c->server_len[i] == sizeof(struct sockaddr_in6)));
		CHECK(q53_net_addr_port((const struct sockaddr *)ss) == 53);
	}
	CHECK(c->nsearch <= Q53_RES_MAXSEARCH);
	size_t total = 0;
	for (size_t i = 0; i < c->nsearch; i++) {
		const char *d = c->search[i];
		/* A NUL octet in the file ends a domain early (even to the root): the buffer still ends. */
		size_t l = strnlen(d, Q53_RES_SEARCH_CHARS);
		CHECK(l < Q53_RES_SEARCH_CHARS);
		CHECK(strpbrk(d, " \t\n") == NULL);
		total += l + (i > 0);
	}
	/* The domains came out of one line cut to 255 characters. */
	CHECK(total < Q53_RES_SEARCH_CHARS);
	CHECK(c->ndots <= Q53_RES_MAXNDOTS);
	CHECK(c->timeout_ms >= 1000 && c->timeout_ms <= Q53_RES_MAXTIMEOUT * 1000u &&
	      c->timeout_ms % 1000 == 0);
	CHECK(c->attempts >= 1 && c->attempts <= Q53_RES_MAXATTEMPTS);
	CHECK((c->flags & ~(unsigned)(Q53_RES_ROTATE | Q53_RES_USEVC | Q53_RES_TRUSTAD)) == 0);
	CHECK(c->order == Q53_ORDER_FILES_DNS && c->edns_size == Q53_EDNS_DEFAULT);
}

/* The search list for name[0..len) under c: 1..SEARCH_MAX valid names, the name as typed at *asis_idx. */
static void check_search(const q53_conf_t *c, const char *name, size_t len)
{
	static uint8_t out[SEARCH_MAX][Q53_NAME_MAX];
	static const uint8_t root[1] = {0};
	uint8_t as_is[Q53_NAME_MAX];
	bool first = false;
	int idx = -1;
	int n = q53_search_list(c, name, len, out, &first, &idx);
	int rc = q53_name_from_text(name, len, root, as_is);
	if (rc < 0) {
		CHECK(n == rc);
		return;
	}
	CHECK(n >= 1 && n <= SEARCH_MAX && idx >= 0 && idx < n);
	for (int i = 0; i < n; i++)
		CHECK(q53_name_check(out[i], Q53_NAME_MAX) == (int)q53_name_len(out[i]));
	CHECK(q53_name_equal(out[idx], as_is));
	CHECK(!first || idx == 0);
	/* A trailing dot: that name only. */
	if (len > 0 && name[len - 1] == '.')
		CHECK(n == 1 && first);
	bool first2 = false;
	CHECK(q53_search_names(c, name, len, out, &first2) == n && first2 == first);
	/* A reverse-mapping name stands for an address that maps back to a name that stands for it. */
	uint8_t addr[16], back[16], rev[Q53_NAME_MAX];
	size_t alen = q53_reverse_parse(as_is, addr);
	CHECK(alen == 0 || alen == 4 || alen == 16);
	if (alen > 0) {
		CHECK(q53_reverse_name(addr, alen, rev) > 0);
		CHECK(q53_reverse_parse(rev, back) == alen && memcmp(addr, back, alen) == 0);
	}
}

static void conf_by_lines(q53_conf_t *c, const char *text, size_t len,
			  void (*fn)(q53_conf_t *, const char *, size_t))
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl != NULL ? nl : end;
		fn(c, p, (size_t)(le - p));
		p = nl != NULL ? nl + 1 : end;
	}
}

static void fuzz_resolv(const char *text, size_t len)
{
	static q53_conf_t a, b;
	q53_conf_defaults(&a);
	q53_conf_parse_resolv(&a, text, len);
	check_conf(&a);
	q53_conf_defaults(&b);
	conf_by_lines(&b, text, len, q53_conf_parse_resolv);
	CHECK(memcmp(&a, &b, sizeof a) == 0);
	check_search(&a, "host", 4);
	check_search(&a, "www.example", 11);
	check_search(&a, "a.b.c.", 6);
}

static void fuzz_options(const char *text, size_t len)
{
	static q53_conf_t a, b;
	q53_conf_defaults(&a);
	q53_conf_parse_options(&a, text, len);
	check_conf(&a);
	/* The words are applied in order, each on its own: twice gives what once gave. */
	memcpy(&b, &a, sizeof b);
	q53_conf_parse_options(&b, text, len);
	CHECK(memcmp(&a, &b, sizeof a) == 0);
	/* RES_OPTIONS and an options line read the same words. */
	static char line[4096];
	if (len + 9 <= sizeof line && memchr(text, '\n', len) == NULL) {
		memcpy(line, "options ", 8);
		memcpy(line + 8, text, len);
		q53_conf_defaults(&b);
		q53_conf_parse_resolv(&b, line, len + 8);
		if (len > 0 && text[0] != ' ' && text[0] != '\t')
			CHECK(memcmp(&a, &b, sizeof a) == 0);
	}
}

static void fuzz_nsswitch(const char *text, size_t len)
{
	q53_order o = q53_conf_parse_nsswitch(text, len);
	CHECK(o == Q53_ORDER_FILES_DNS || o == Q53_ORDER_DNS_FILES || o == Q53_ORDER_FILES ||
	      o == Q53_ORDER_DNS);
	bool any = false;
	for (size_t i = 0; i + 6 <= len && !any; i++)
		any = memcmp(text + i, "hosts:", 6) == 0;
	CHECK(any || o == Q53_ORDER_FILES_DNS);
}

static bool same_addr(const struct sockaddr_storage *a, const struct sockaddr_storage *b)
{
	if (a->ss_family != b->ss_family)
		return false;
	if (a->ss_family == AF_INET) {
		const struct sockaddr_in *x = (const void *)a, *y = (const void *)b;
		return x->sin_port == y->sin_port && x->sin_addr.s_addr == y->sin_addr.s_addr;
	}
	const struct sockaddr_in6 *x = (const void *)a, *y = (const void *)b;
	return x->sin6_port == y->sin6_port && memcmp(&x->sin6_addr, &y->sin6_addr, 16) == 0;
}

static void fuzz_server(const char *text, size_t len)
{
	struct sockaddr_storage ss, back;
	socklen_t sl = 0, bl = 0;
	memset(&ss, 0, sizeof ss);
	int rc = q53_conf_parse_server(text, len, &ss, &sl);
	CHECK(rc == 0 || rc == Q53_EINVAL);
	if (rc != 0)
		return;
	CHECK((ss.ss_family == AF_INET && sl == sizeof(struct sockaddr_in)) ||
	      (ss.ss_family == AF_INET6 && sl == sizeof(struct sockaddr_in6)));
	char buf[Q53_NET_ADDR_TEXT_MAX + 8];
	int n = q53_net_addr_text((const struct sockaddr *)&ss, buf, sizeof buf);
	CHECK(n > 0 && (size_t)n < sizeof buf);
	memset(&back, 0, sizeof back);
	CHECK(q53_conf_parse_server(buf, (size_t)n, &back, &bl) == 0 && bl == sl);
	CHECK(same_addr(&ss, &back));
}

static void hosts_by_lines(q53_hosts_t *h, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl != NULL ? nl : end;
		CHECK(q53_hosts_parse(h, p, (size_t)(le - p)) == 0);
		p = nl != NULL ? nl + 1 : end;
	}
}

static void fuzz_hosts(const char *text, size_t len)
{
	q53_hosts_t h, g;
	memset(&h, 0, sizeof h);
	memset(&g, 0, sizeof g);
	CHECK(q53_hosts_parse(&h, text, len) == 0);
	hosts_by_lines(&g, text, len);
	CHECK(h.n == g.n && h.n <= h.cap);
	if (h.n > 0)
		CHECK(memcmp(h.e, g.e, h.n * sizeof *h.e) == 0);
	static uint8_t found[HOSTS_ANSWER_MAX][16];
	for (size_t i = 0; i < h.n && i < HOSTS_CHECKED; i++) {
		const q53_hosts_entry_t *e = &h.e[i];
		CHECK(e->family == 4 || e->family == 6);
		CHECK(q53_name_check(e->name, Q53_NAME_MAX) == (int)q53_name_len(e->name));
		uint8_t lower[Q53_NAME_MAX], upper[Q53_NAME_MAX];
		size_t nl = q53_name_len(e->name);
		memcpy(lower, e->name, nl);
		q53_name_lower(lower);
		CHECK(memcmp(lower, e->name, nl) == 0);
		/* Names compare without regard to case (RFC 4343). */
		memcpy(upper, e->name, nl);
		for (size_t k = 0; k < nl; k++)
			if (upper[k] >= 'a' && upper[k] <= 'z')
				upper[k] = (uint8_t)(upper[k] - 32);
		CHECK(q53_hosts_has(&h, upper));
		size_t alen = e->family == 4 ? 4 : 16;
		uint16_t type = e->family == 4 ? Q53_TYPE_A : Q53_TYPE_AAAA;
		size_t n = q53_hosts_find(&h, upper, type, found, HOSTS_ANSWER_MAX);
		CHECK(n >= 1 && n <= HOSTS_ANSWER_MAX);
		bool have = false;
		for (size_t k = 0; k < n; k++) {
			have |= memcmp(found[k], e->addr, alen) == 0;
			for (size_t j = 0; j < k; j++)
				CHECK(memcmp(found[j], found[k], alen) != 0);
		}
		CHECK(have || n == HOSTS_ANSWER_MAX);
		CHECK(q53_hosts_find(&h, upper, Q53_TYPE_MX, found, HOSTS_ANSWER_MAX) == 0);
		const q53_hosts_entry_t *f = q53_hosts_find_addr(&h, e->addr, alen);
		CHECK(f != NULL && f <= e && f->family == e->family && memcmp(f->addr, e->addr, alen) == 0);
	}
	q53_hosts_clear(&h);
	q53_hosts_clear(&g);
	CHECK(h.n == 0 && h.e == NULL);
}

/* A search line, then a name on the next line. */
static void fuzz_search(const char *text, size_t len)
{
	static q53_conf_t c;
	q53_conf_defaults(&c);
	const char *nl = memchr(text, '\n', len);
	size_t sl = nl != NULL ? (size_t)(nl - text) : len;
	q53_conf_set_search(&c, text, sl);
	CHECK(c.search_set);
	check_conf(&c);
	const char *name = nl != NULL ? nl + 1 : text + len;
	size_t nlen = (size_t)(text + len - name);
	/* ndots from the name's length, so each side of the rule is reached. */
	c.ndots = (unsigned)(nlen % (Q53_RES_MAXNDOTS + 1));
	check_search(&c, name, nlen);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char modes[] = "ronshl";
	if (size == 0)
		return 0;
	const char *m = memchr(modes, data[0], sizeof modes - 1);
	size_t mode = m != NULL ? (size_t)(m - modes) : data[0] % (sizeof modes - 1);
	/* A copy of exactly the text's size, so a read past it is caught. */
	size_t len = size - 1;
	char *text = malloc(len > 0 ? len : 1);
	CHECK(text != NULL);
	memcpy(text, data + 1, len);
	switch (mode) {
	case 0:
		fuzz_resolv(text, len);
		break;
	case 1:
		fuzz_options(text, len);
		break;
	case 2:
		fuzz_nsswitch(text, len);
		break;
	case 3:
		fuzz_server(text, len);
		break;
	case 4:
		fuzz_hosts(text, len);
		break;
	default:
		fuzz_search(text, len);
		break;
	}
	free(text);
	return 0;
}
