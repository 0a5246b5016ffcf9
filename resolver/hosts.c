/*
 * hosts.c: the hosts file (hosts(5)): an IP address, then one or more names, per line; '#' starts a
 * comment. Names compare without regard to case (RFC 4343) and are kept in wire form so that a lookup
 * compares what the DNS path would ask. Every matching line counts, in file order, as glibc's
 * getaddrinfo() collects them ("multi on").
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "q53/name.h"
#include "resolver_int.h"

static bool is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

static int push(q53_hosts_t *h, const q53_hosts_entry_t *e)
{
	if (h->n == h->cap) {
		size_t cap = h->cap != 0 ? h->cap * 2 : 16;
		q53_hosts_entry_t *ne = realloc(h->e, cap * sizeof *ne);
		if (ne == NULL)
			return Q53_ENOMEM;
		h->e = ne;
		h->cap = cap;
	}
	h->e[h->n++] = *e;
	return 0;
}

int q53_hosts_parse(q53_hosts_t *h, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	/* Invariant: p is at the start of a line; the entries of the lines before it are in h. */
	while (p < end) {
		const char *le;
		const char *w = q53__next_line(&p, end, &le);
		const char *hash = memchr(w, '#', (size_t)(le - w));
		if (hash != NULL)
			le = hash;
		q53_hosts_entry_t e;
		memset(&e, 0, sizeof e);
		bool have_addr = false;
		/* Invariant: w is at a word boundary of the line; the names before it are added. */
		while (w < le) {
			while (w < le && is_space(*w))
				w++;
			const char *we = w;
			while (we < le && !is_space(*we))
				we++;
			size_t wl = (size_t)(we - w);
			if (wl == 0)
				break;
			char buf[Q53_NAME_TEXT_MAX];
			if (wl >= sizeof buf)
				break;
			memcpy(buf, w, wl);
			buf[wl] = '\0';
			w = we;
			if (!have_addr) {
				if (inet_pton(AF_INET, buf, e.addr) == 1)
					e.family = 4;
				else if (inet_pton(AF_INET6, buf, e.addr) == 1)
					e.family = 6;
				else
					break; /* not an address: the line is ignored */
				have_addr = true;
				continue;
			}
			/* A name that is not a valid domain name cannot be asked for: skip it. The trailing
			 * dot is optional in the file, as in a query. */
			if (buf[wl - 1] != '.') {
				if (wl + 2 > sizeof buf)
					continue;
				buf[wl++] = '.';
				buf[wl] = '\0';
			}
			if (q53_name_from_text(buf, wl, NULL, e.name) < 0)
				continue;
			q53_name_lower(e.name);
			int rc = push(h, &e);
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

void q53_hosts_clear(q53_hosts_t *h)
{
	free(h->e);
	memset(h, 0, sizeof *h);
}

size_t q53_hosts_find(const q53_hosts_t *h, const uint8_t *name, uint16_t type, uint8_t (*addr)[16],
		      size_t max)
{
	uint8_t fam = type == Q53_TYPE_A ? 4 : type == Q53_TYPE_AAAA ? 6 : 0;
	size_t n = 0;
	if (fam == 0)
		return 0;
	for (size_t i = 0; i < h->n && n < max; i++) {
		const q53_hosts_entry_t *e = &h->e[i];
		if (e->family != fam || !q53_name_equal(e->name, name))
			continue;
		size_t alen = fam == 4 ? 4 : 16;
		/* The same address on two lines is given once. */
		bool dup = false;
		for (size_t j = 0; j < n && !dup; j++)
			dup = memcmp(addr[j], e->addr, alen) == 0;
		if (!dup)
			memcpy(addr[n++], e->addr, alen);
	}
	return n;
}

const q53_hosts_entry_t *q53_hosts_find_addr(const q53_hosts_t *h, const uint8_t *addr, size_t len)
{
	uint8_t fam = len == 4 ? 4 : 6;
	for (size_t i = 0; i < h->n; i++)
		if (h->e[i].family == fam && memcmp(h->e[i].addr, addr, len) == 0)
			return &h->e[i];
	return NULL;
}

bool q53_hosts_has(const q53_hosts_t *h, const uint8_t *name)
{
	for (size_t i = 0; i < h->n; i++)
		if (q53_name_equal(h->e[i].name, name))
			return true;
	return false;
}
