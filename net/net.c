/*
 * net.c: numeric addresses with ports, nonblocking UDP/TCP sockets with server options, and the
 * 2-octet length framing of DNS over TCP (RFC 1035 4.2.2, RFC 7766 8).
 *
 * Addresses are numeric only (inet_pton): a name server must not depend on a resolver to find the address
 * it listens on. Errors name the address, the operation and errno so a operator reads one line and knows
 * what to fix ("bind 127.0.0.1@53 (udp): Address already in use").
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "net.h"
#include "q53/err.h"

static int parse_port(const char *s, uint16_t *port)
{
	if (*s == '\0')
		return Q53_EINVAL;
	unsigned long v = 0;
	/* Invariant: v is the value of the digits before s, at most 65535. */
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return Q53_EINVAL;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > 65535)
			return Q53_EINVAL;
	}
	*port = (uint16_t)v;
	return 0;
}

int q53_net_addr_parse(const char *text, uint16_t default_port, struct sockaddr_storage *ss, socklen_t *len)
{
	char host[INET6_ADDRSTRLEN + 1];
	const char *port_text = NULL;
	size_t hlen;
	bool bracketed = text != NULL && text[0] == '[';
	if (text == NULL || ss == NULL || len == NULL)
		return Q53_EINVAL;
	if (bracketed) {
		const char *close = strchr(text, ']');
		if (close == NULL)
			return Q53_EINVAL;
		hlen = (size_t)(close - text - 1);
		text++;
		if (close[1] == ':' || close[1] == '@')
			port_text = close + 2;
		else if (close[1] != '\0')
			return Q53_EINVAL;
	} else {
		const char *at = strchr(text, '@');
		const char *colon = strchr(text, ':');
		if (at != NULL) {
			hlen = (size_t)(at - text);
			port_text = at + 1;
		} else if (colon != NULL && strchr(colon + 1, ':') == NULL) {
			/* One colon: IPv4 with a port ("192.0.2.1:53"); IPv6 has at least two. */
			hlen = (size_t)(colon - text);
			port_text = colon + 1;
		} else {
			hlen = strlen(text);
		}
	}
	if (hlen == 0 || hlen >= sizeof host)
		return Q53_EINVAL;
	memcpy(host, text, hlen);
	host[hlen] = '\0';
	uint16_t port = default_port;
	if (port_text != NULL && parse_port(port_text, &port) < 0)
		return Q53_EINVAL;

	memset(ss, 0, sizeof *ss);
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
		/* "[192.0.2.1]" is not an IPv6 literal: brackets are for IPv6 only (RFC 3986 3.2.2). */
		if (bracketed)
			return Q53_EINVAL;
		in4->sin_family = AF_INET;
		in4->sin_port = htons(port);
		*len = sizeof *in4;
		return 0;
	}
	if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(port);
		*len = sizeof *in6;
		return 0;
	}
	return Q53_EINVAL;
}

int q53_net_addr_text(const struct sockaddr *sa, char *buf, size_t size)
{
	char host[INET6_ADDRSTRLEN];
	const void *a;
	if (sa->sa_family == AF_INET)
		a = &((const struct sockaddr_in *)(const void *)sa)->sin_addr;
	else if (sa->sa_family == AF_INET6)
		a = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
	else
		return snprintf(buf, size, "?");
	if (inet_ntop(sa->sa_family, a, host, sizeof host) == NULL)
		return snprintf(buf, size, "?");
	return snprintf(buf, size, "%s@%u", host, (unsigned)q53_net_addr_port(sa));
}

uint16_t q53_net_addr_port(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)(const void *)sa)->sin_port);
	if (sa->sa_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)(const void *)sa)->sin6_port);
	return 0;
}

int q53_net_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		return Q53_ENETWORK;
	return 0;
}

/* Formats "what ADDR (proto): strerror(errno)" into err, closes fd, returns Q53_ENETWORK. */
static int fail(int fd, const char *what, const struct sockaddr *sa, const char *proto, char *err,
		size_t errsize)
{
	int e = errno;
	char addr[Q53_NET_ADDR_TEXT_MAX];
	q53_net_addr_text(sa, addr, sizeof addr);
	if (err != NULL && errsize > 0)
		snprintf(err, errsize, "%s %s (%s): %s", what, addr, proto, strerror(e));
	if (fd >= 0)
		close(fd);
	errno = e;
	return Q53_ENETWORK;
}

static int family_ok(const struct sockaddr *sa, socklen_t len)
{
	if (sa == NULL)
		return 0;
	if (sa->sa_family == AF_INET)
		return len >= (socklen_t)sizeof(struct sockaddr_in);
	if (sa->sa_family == AF_INET6)
		return len >= (socklen_t)sizeof(struct sockaddr_in6);
	return 0;
}

static int set_int(int fd, int level, int name, int v)
{
	return setsockopt(fd, level, name, &v, sizeof v);
}

/* The options every socket of ours gets before bind. */
static int prepare(int fd, const struct sockaddr *sa, unsigned flags, const char *proto, char *err,
		   size_t errsize)
{
	/* One address family per socket: "::" must not also take IPv4 (RFC 3493 5.3). */
	if (sa->sa_family == AF_INET6 && set_int(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1) < 0)
		return fail(fd, "IPV6_V6ONLY", sa, proto, err, errsize);
	if ((flags & Q53_NET_REUSEPORT) && set_int(fd, SOL_SOCKET, SO_REUSEPORT, 1) < 0)
		return fail(fd, "SO_REUSEPORT", sa, proto, err, errsize);
	if (flags & Q53_NET_BIGBUF) {
		/* Best effort: the kernel caps these at net.core.[rw]mem_max, which is fine. A burst of
		 * queries should wait in the socket rather than be dropped while a worker is busy. */
		(void)set_int(fd, SOL_SOCKET, SO_RCVBUF, 4 << 20);
		(void)set_int(fd, SOL_SOCKET, SO_SNDBUF, 4 << 20);
	}
	return 0;
}

int q53_net_udp_open(const struct sockaddr *sa, socklen_t len, unsigned flags, int *fd, char *err,
		     size_t errsize)
{
	if (!family_ok(sa, len) || fd == NULL)
		return Q53_EINVAL;
	int s = socket(sa->sa_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s < 0)
		return fail(-1, "socket", sa, "udp", err, errsize);
	int rc = prepare(s, sa, flags, "udp", err, errsize);
	if (rc < 0)
		return rc;
	/*
	 * A responder's datagrams are never fragmented (RFC 9715 3.1: responses sized to fit, DF set on
	 * IPv4): *_PMTUDISC_PROBE sets DF and sizes by the interface's MTU only, so a forged ICMP "too
	 * big" cannot shrink what we send; a reply larger than the MTU fails with EMSGSIZE, which the
	 * server answers by sending a smaller one. A DF datagram also gets IP ID 0 (RFC 6864 4.1, atomic
	 * datagrams), which spares the kernel its shared ID counters on every reply.
	 */
	if (flags & Q53_NET_DONTFRAG) {
		int r = sa->sa_family == AF_INET
			    ? set_int(s, IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_PROBE)
			    : set_int(s, IPPROTO_IPV6, IPV6_MTU_DISCOVER, IPV6_PMTUDISC_PROBE);
		if (r < 0)
			return fail(s, "IP_MTU_DISCOVER", sa, "udp", err, errsize);
	}
	if ((flags & Q53_NET_BIND) && bind(s, sa, len) < 0)
		return fail(s, "bind", sa, "udp", err, errsize);
	*fd = s;
	return 0;
}

int q53_net_tcp_listen(const struct sockaddr *sa, socklen_t len, int backlog, unsigned flags, int *fd,
		       char *err, size_t errsize)
{
	if (!family_ok(sa, len) || fd == NULL)
		return Q53_EINVAL;
	int s = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s < 0)
		return fail(-1, "socket", sa, "tcp", err, errsize);
	if (set_int(s, SOL_SOCKET, SO_REUSEADDR, 1) < 0)
		return fail(s, "SO_REUSEADDR", sa, "tcp", err, errsize);
	int rc = prepare(s, sa, flags, "tcp", err, errsize);
	if (rc < 0)
		return rc;
	if (bind(s, sa, len) < 0)
		return fail(s, "bind", sa, "tcp", err, errsize);
	if (listen(s, backlog) < 0)
		return fail(s, "listen", sa, "tcp", err, errsize);
	*fd = s;
	return 0;
}

int q53_net_tcp_connect(const struct sockaddr *sa, socklen_t len, int *fd, char *err, size_t errsize)
{
	if (!family_ok(sa, len) || fd == NULL)
		return Q53_EINVAL;
	int s = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s < 0)
		return fail(-1, "socket", sa, "tcp", err, errsize);
	if (connect(s, sa, len) < 0 && errno != EINPROGRESS)
		return fail(s, "connect", sa, "tcp", err, errsize);
	*fd = s;
	return 0;
}

int q53_net_probe_free(const struct sockaddr *sa, socklen_t len, int type, char *err, size_t errsize)
{
	if (!family_ok(sa, len) || (type != SOCK_DGRAM && type != SOCK_STREAM))
		return Q53_EINVAL;
	const char *proto = type == SOCK_DGRAM ? "udp" : "tcp";
	int s = socket(sa->sa_family, type | SOCK_CLOEXEC, 0);
	if (s < 0)
		return fail(-1, "socket", sa, proto, err, errsize);
	/* SO_REUSEADDR for TCP lets a port with only TIME_WAIT connections pass, as our listener will. */
	if (type == SOCK_STREAM)
		(void)set_int(s, SOL_SOCKET, SO_REUSEADDR, 1);
	if (sa->sa_family == AF_INET6)
		(void)set_int(s, IPPROTO_IPV6, IPV6_V6ONLY, 1);
	if (bind(s, sa, len) < 0)
		return fail(s, "bind", sa, proto, err, errsize);
	close(s);
	return 0;
}

int q53_net_frame_next(const uint8_t *buf, size_t len, const uint8_t **msg, size_t *msglen, size_t *used)
{
	if (len < 2) {
		*used = 2;
		return 0;
	}
	size_t n = (size_t)buf[0] << 8 | buf[1];
	*used = 2 + n;
	if (len < 2 + n)
		return 0;
	*msg = buf + 2;
	*msglen = n;
	return 1;
}

bool q53_net_gso_follows(const struct mmsghdr *a, const struct mmsghdr *b, size_t seg_max)
{
	const struct msghdr *x = &a->msg_hdr, *y = &b->msg_hdr;
	size_t len = x->msg_iov[0].iov_len;
	return len <= seg_max && y->msg_iov[0].iov_len <= len && x->msg_namelen == y->msg_namelen &&
	       (x->msg_namelen == 0 || memcmp(x->msg_name, y->msg_name, x->msg_namelen) == 0);
}

size_t q53_net_gso_group(const struct mmsghdr *in, size_t n, size_t seg_max, struct mmsghdr *out,
			 q53_net_gso_ctl *ctl, size_t *first)
{
	size_t count = 0;
	/* Invariant: in[0..i) are in out[0..count). */
	for (size_t i = 0, c; i < n; i += c, count++) {
		size_t len = in[i].msg_hdr.msg_iov[0].iov_len;
		c = 1;
		while (i + c < n && c < Q53_NET_GSO_SEGS &&
		       q53_net_gso_follows(&in[i], &in[i + c], seg_max) &&
		       in[i + c].msg_hdr.msg_iov[0].iov_len == len)
			c++;
		if (i + c < n && c < Q53_NET_GSO_SEGS && q53_net_gso_follows(&in[i], &in[i + c], seg_max))
			c++;
		out[count] = in[i];
		first[count] = i;
		if (c == 1)
			continue;
		out[count].msg_hdr.msg_iovlen = c;
		memset(&ctl[count], 0, sizeof ctl[count]);
		struct cmsghdr *cm = (struct cmsghdr *)(void *)ctl[count].buf;
		cm->cmsg_level = SOL_UDP;
		cm->cmsg_type = UDP_SEGMENT;
		cm->cmsg_len = CMSG_LEN(sizeof(uint16_t));
		uint16_t seg = (uint16_t)len;
		memcpy(CMSG_DATA(cm), &seg, sizeof seg);
		out[count].msg_hdr.msg_control = ctl[count].buf;
		out[count].msg_hdr.msg_controllen = sizeof ctl[count].buf;
	}
	first[count] = n;
	return count;
}

bool q53_net_gso_works(int fd)
{
	int seg;
	socklen_t len = sizeof seg;
	return getsockopt(fd, SOL_UDP, UDP_SEGMENT, &seg, &len) == 0;
}

int q53_net_prefix_parse(const char *text, q53_net_prefix_t *p)
{
	char addr[INET6_ADDRSTRLEN + 8];
	const char *slash = strchr(text, '/');
	size_t n = slash ? (size_t)(slash - text) : strlen(text);
	if (n >= sizeof addr)
		return Q53_EINVAL;
	memcpy(addr, text, n);
	addr[n] = '\0';
	memset(p, 0, sizeof *p);
	unsigned max;
	if (inet_pton(AF_INET, addr, p->addr) == 1) {
		p->family = 4;
		max = 32;
	} else if (inet_pton(AF_INET6, addr, p->addr) == 1) {
		p->family = 6;
		max = 128;
	} else {
		return Q53_EINVAL;
	}
	p->bits = (uint8_t)max;
	if (slash != NULL) {
		char *end;
		unsigned long b = strtoul(slash + 1, &end, 10);
		if (slash[1] < '0' || slash[1] > '9' || *end != '\0' || b > max)
			return Q53_EINVAL;
		p->bits = (uint8_t)b;
	}
	return 0;
}

bool q53_net_prefix_match(const q53_net_prefix_t *p, unsigned family, const uint8_t *addr)
{
	if (p->family != family)
		return false;
	unsigned full = p->bits / 8u, rest = p->bits % 8u;
	if (memcmp(p->addr, addr, full) != 0)
		return false;
	if (rest == 0)
		return true;
	uint8_t mask = (uint8_t)(0xFF << (8 - rest));
	return (p->addr[full] & mask) == (addr[full] & mask);
}
