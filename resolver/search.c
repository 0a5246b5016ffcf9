/*
 * search.c: which names a lookup asks, in which order. The search list and ndots follow glibc's
 * res_nsearch() (resolv.conf(5)): a name with a trailing dot is asked as is and only so; a name with at
 * least ndots dots is asked as is first, then with each search domain; any other name with each search
 * domain first and as is last (unless the root was in the list). Also the names RFC 6761 6.3 reserves
 * (localhost) and the reverse-mapping names of RFC 1035 3.5 and RFC 3596 2.5.
 */
#include "config.h"

#include <string.h>

#include "q53/name.h"
#include "resolver_int.h"

static const uint8_t root[1] = {0};

int q53_search_names(const q53_conf_t *c, const char *name, size_t len, uint8_t (*out)[Q53_NAME_MAX],
		     bool *as_is_first)
{
	int asis_idx;
	return q53_search_list(c, name, len, out, as_is_first, &asis_idx);
}

int q53_search_list(const q53_conf_t *c, const char *name, size_t len, uint8_t (*out)[Q53_NAME_MAX],
		    bool *as_is_first, int *asis_idx)
{
	bool trailing = len > 0 && name[len - 1] == '.';
	int n = 0;
	int rc;
	if (trailing) {
		/* Absolute: the name as is and only so, straight into its place. */
		if ((rc = q53_name_from_text(name, len, root, out[0])) < 0)
			return rc;
		*as_is_first = true;
		*asis_idx = 0;
		return 1;
	}
	/* glibc counts every '.' of the name as typed; only whether there are ndots matters. */
	unsigned dots = 0;
	for (const char *p = name, *end = name + len; dots < c->ndots && p < end; p++) {
		p = memchr(p, '.', (size_t)(end - p));
		if (p == NULL)
			break;
		dots++;
	}
	uint8_t as_is[Q53_NAME_MAX];
	if ((rc = q53_name_from_text(name, len, root, as_is)) < 0)
		return rc;
	size_t as_is_len = (size_t)rc;
	*as_is_first = false;
	if (dots >= c->ndots) {
		*asis_idx = n;
		memcpy(out[n++], as_is, as_is_len);
		*as_is_first = true;
	}
	bool root_on_list = false;
	/* Invariant: out[0..n) are the names to ask so far, n <= 1 + i <= SEARCH_MAX - 1. */
	for (size_t i = 0; i < c->nsearch; i++) {
		const char *d = c->search[i];
		if (d[0] == '.')
			d++;
		if (d[0] == '\0') {
			/* The root in the list: the name as is, at this position, even when it was asked
			 * first already (glibc asks it again). */
			if (!root_on_list && !*as_is_first)
				*asis_idx = n;
			root_on_list = true;
			memcpy(out[n++], as_is, as_is_len);
			continue;
		}
		uint8_t origin[Q53_NAME_MAX];
		if (q53_name_from_text(d, strlen(d), root, origin) < 0)
			continue; /* a domain that is not a name cannot be asked */
		rc = q53_name_from_text(name, len, origin, out[n]);
		if (rc == Q53_ENAMELEN)
			break; /* glibc: a name too long ends the search (NO_RECOVERY) */
		if (rc < 0)
			continue;
		n++;
	}
	if (!*as_is_first && !root_on_list) {
		*asis_idx = n;
		memcpy(out[n++], as_is, as_is_len);
	}
	return n;
}

bool q53_is_localhost(const uint8_t *name)
{
	static const uint8_t lh[] = "\x09localhost";
	/* Walk to the last label: "localhost." and anything below it (RFC 6761 6.3). */
	const uint8_t *last = NULL;
	for (const uint8_t *p = name; p[0] != 0; p += 1 + p[0])
		last = p;
	if (last == NULL || last[0] != 9)
		return false;
	for (size_t i = 1; i < 10; i++) {
		uint8_t ch = last[i];
		if (ch >= 'A' && ch <= 'Z')
			ch = (uint8_t)(ch + 32);
		if (ch != lh[i])
			return false;
	}
	return true;
}

int q53_reverse_name(const uint8_t *addr, size_t len, uint8_t *out)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = 0;
	if (len == 4) {
		/* d.c.b.a.in-addr.arpa. (RFC 1035 3.5) */
		for (size_t i = 4; i-- > 0;) {
			uint8_t v = addr[i];
			uint8_t *lab = &out[n++];
			*lab = 0;
			if (v >= 100)
				out[n++] = (uint8_t)('0' + v / 100);
			if (v >= 10)
				out[n++] = (uint8_t)('0' + v / 10 % 10);
			out[n++] = (uint8_t)('0' + v % 10);
			*lab = (uint8_t)(&out[n] - lab - 1);
		}
		memcpy(out + n, "\7in-addr\4arpa", 14);
		return (int)(n + 14);
	}
	if (len == 16) {
		/* One label per nibble, low nibble first (RFC 3596 2.5). */
		for (size_t i = 16; i-- > 0;) {
			out[n++] = 1;
			out[n++] = (uint8_t)hex[addr[i] & 0xF];
			out[n++] = 1;
			out[n++] = (uint8_t)hex[addr[i] >> 4];
		}
		memcpy(out + n, "\3ip6\4arpa", 10);
		return (int)(n + 10);
	}
	return Q53_EINVAL;
}

static int hexval(uint8_t ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

size_t q53_reverse_parse(const uint8_t *name, uint8_t *addr)
{
	static const uint8_t v4[] = "\7in-addr\4arpa";
	static const uint8_t v6[] = "\3ip6\4arpa";
	const uint8_t *p = name;
	if (q53_name_labels(name) == 4 + 2 && q53_name_is_sub(name, v4)) {
		/* Four decimal labels, least significant first; no leading zeros, at most 255. */
		for (size_t i = 4; i-- > 0; p += 1 + p[0]) {
			if (p[0] == 0 || p[0] > 3 || (p[0] > 1 && p[1] == '0'))
				return 0;
			unsigned v = 0;
			for (size_t j = 1; j <= p[0]; j++) {
				if (p[j] < '0' || p[j] > '9')
					return 0;
				v = v * 10 + (unsigned)(p[j] - '0');
			}
			if (v > 255)
				return 0;
			addr[i] = (uint8_t)v;
		}
		return 4;
	}
	if (q53_name_labels(name) == 32 + 2 && q53_name_is_sub(name, v6)) {
		/* 32 one-nibble labels, the low nibble of the last octet first. */
		memset(addr, 0, 16);
		for (size_t i = 32; i-- > 0; p += 2) {
			int v = p[0] == 1 ? hexval(p[1]) : -1;
			if (v < 0)
				return 0;
			addr[i / 2] = (uint8_t)(addr[i / 2] | (i % 2 == 1 ? v : v << 4));
		}
		return 16;
	}
	return 0;
}
