/*
 * Unit tests for net/net.c: address parsing and printing, socket options, the "port in use" probe and
 * the TCP framing. Sockets are bound to 127.0.0.1 on ports the kernel picks; nothing leaves the host.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <poll.h>
#include <unistd.h>

#include "net.h"
#include "q53/err.h"

/* Parses text and prints it back in canonical "ADDR@PORT" form. */
static void parse_as(const char *text, const char *want, int family)
{
	struct sockaddr_storage ss;
	socklen_t len = 0;
	char out[Q53_NET_ADDR_TEXT_MAX];
	assert_int_equal(q53_net_addr_parse(text, 53, &ss, &len), 0);
	assert_int_equal(ss.ss_family, family);
	assert_int_equal(len, family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6));
	assert_int_equal(q53_net_addr_text((struct sockaddr *)&ss, out, sizeof out), (int)strlen(want));
	assert_string_equal(out, want);
}

static void test_addr_parse_forms(void **state)
{
	(void)state;
	parse_as("127.0.0.1", "127.0.0.1@53", AF_INET);
	parse_as("127.0.0.1@5300", "127.0.0.1@5300", AF_INET);
	parse_as("192.0.2.1:65535", "192.0.2.1@65535", AF_INET);
	parse_as("::1", "::1@53", AF_INET6);
	parse_as("::1@5300", "::1@5300", AF_INET6);
	parse_as("[::1]:5300", "::1@5300", AF_INET6);
	parse_as("[2001:db8::1]", "2001:db8::1@53", AF_INET6);
	parse_as("[2001:DB8::1]@0", "2001:db8::1@0", AF_INET6);
	parse_as("::ffff:192.0.2.1", "::ffff:192.0.2.1@53", AF_INET6);
}

static void test_addr_parse_errors(void **state)
{
	(void)state;
	static const char *const bad[] = {
	    "",
	    "@53",
	    "localhost",
	    "127.0.0.1@",
	    "127.0.0.1@65536",
	    "127.0.0.1@-1",
	    "127.0.0.1@5x",
	    "1.2.3",
	    "[::1",
	    "[::1]x",
	    "[127.0.0.1]",
	    "::1:53:",
	    "[]:53",
	    "::1@99999",
	    "127.0.0.1 ",
	    "2001:db8::g@53",
	    "[::1]:",
	};
	struct sockaddr_storage ss;
	socklen_t len;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		if (q53_net_addr_parse(bad[i], 53, &ss, &len) != Q53_EINVAL)
			fail_msg("accepted '%s'", bad[i]);
	}
	assert_int_equal(q53_net_addr_parse(NULL, 53, &ss, &len), Q53_EINVAL);
}

static void test_addr_text_snprintf_contract(void **state)
{
	(void)state;
	struct sockaddr_storage ss;
	socklen_t len;
	char t[5];
	assert_int_equal(q53_net_addr_parse("10.0.0.1@853", 53, &ss, &len), 0);
	assert_int_equal(q53_net_addr_text((struct sockaddr *)&ss, t, sizeof t), 12);
	assert_string_equal(t, "10.0");
	assert_int_equal(q53_net_addr_text((struct sockaddr *)&ss, NULL, 0), 12);
	assert_int_equal(q53_net_addr_port((struct sockaddr *)&ss), 853);
}

/* Binds a UDP socket to 127.0.0.1 on a kernel-chosen port; returns the fd and the bound address. */
static int udp_any(struct sockaddr_storage *ss, socklen_t *len, unsigned flags)
{
	int fd = -1;
	assert_int_equal(q53_net_addr_parse("127.0.0.1@0", 0, ss, len), 0);
	assert_int_equal(q53_net_udp_open((struct sockaddr *)ss, *len, flags | Q53_NET_BIND, &fd, NULL, 0),
			 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)ss, len), 0);
	return fd;
}

static void test_udp_options(void **state)
{
	(void)state;
	struct sockaddr_storage ss;
	socklen_t len;
	int a = udp_any(&ss, &len, Q53_NET_REUSEPORT | Q53_NET_BIGBUF);
	assert_true(fcntl(a, F_GETFL) & O_NONBLOCK);
	assert_true(fcntl(a, F_GETFD) & FD_CLOEXEC);
	int v = 0;
	socklen_t vl = sizeof v;
	assert_int_equal(getsockopt(a, SOL_SOCKET, SO_REUSEPORT, &v, &vl), 0);
	assert_int_equal(v, 1);

	/* A second SO_REUSEPORT socket shares the port: one per worker. */
	int b = -1;
	assert_int_equal(
	    q53_net_udp_open((struct sockaddr *)&ss, len, Q53_NET_BIND | Q53_NET_REUSEPORT, &b, NULL, 0), 0);
	/* Without SO_REUSEPORT the port is taken, and the probe says so by name. */
	char err[200];
	int c = -1;
	assert_int_equal(q53_net_udp_open((struct sockaddr *)&ss, len, Q53_NET_BIND, &c, err, sizeof err),
			 Q53_ENETWORK);
	assert_int_equal(c, -1);
	char want[200], addr[Q53_NET_ADDR_TEXT_MAX];
	q53_net_addr_text((struct sockaddr *)&ss, addr, sizeof addr);
	snprintf(want, sizeof want, "bind %s (udp): %s", addr, strerror(EADDRINUSE));
	assert_string_equal(err, want);
	assert_int_equal(q53_net_probe_free((struct sockaddr *)&ss, len, SOCK_DGRAM, err, sizeof err),
			 Q53_ENETWORK);
	assert_string_equal(err, want);
	close(a);
	close(b);
	assert_int_equal(q53_net_probe_free((struct sockaddr *)&ss, len, SOCK_DGRAM, err, sizeof err), 0);
}

/* A responder's socket never fragments (RFC 9715): DF set, the interface's MTU only; others keep the
 * kernel's default. */
static void test_udp_dontfrag(void **state)
{
	(void)state;
	struct sockaddr_storage ss;
	socklen_t len;
	int v = -1;
	socklen_t vl = sizeof v;
	int fd = udp_any(&ss, &len, Q53_NET_DONTFRAG);
	assert_int_equal(getsockopt(fd, IPPROTO_IP, IP_MTU_DISCOVER, &v, &vl), 0);
	assert_int_equal(v, IP_PMTUDISC_PROBE);
	close(fd);
	fd = udp_any(&ss, &len, 0);
	assert_int_equal(getsockopt(fd, IPPROTO_IP, IP_MTU_DISCOVER, &v, &vl), 0);
	assert_int_not_equal(v, IP_PMTUDISC_PROBE);
	close(fd);
	assert_int_equal(q53_net_addr_parse("::1@0", 0, &ss, &len), 0);
	fd = -1;
	if (q53_net_udp_open((struct sockaddr *)&ss, len, Q53_NET_DONTFRAG, &fd, NULL, 0) == Q53_ENETWORK)
		return; /* no IPv6 on this host */
	assert_int_equal(getsockopt(fd, IPPROTO_IPV6, IPV6_MTU_DISCOVER, &v, &vl), 0);
	assert_int_equal(v, IPV6_PMTUDISC_PROBE);
	close(fd);
}

/*
 * UDP GSO grouping: runs of one length to one destination, a shorter datagram ending a run, anything else
 * alone; then the groups through a real socket, where the receiver must get each datagram whole.
 */
static void test_gso_group(void **state)
{
	(void)state;
	enum { N = 80 };
	/* Lengths: 5 x 40, 39 (ends the run), 40, 42 (alone: longer), 3 x 40 to another destination, 70 x 30
	 * (64, then 6), 41 above seg_max when seg_max is 40. */
	static const size_t want_len[] = {40, 40, 40, 40, 40, 39, 40, 42, 40, 40, 40};
	struct sockaddr_in d1 = {.sin_family = AF_INET, .sin_port = htons(1)}, d2 = d1;
	d2.sin_port = htons(2);
	struct mmsghdr in[N + 2], out[N + 2];
	struct iovec iov[N + 2];
	q53_net_gso_ctl ctl[N + 2];
	size_t first[N + 3];
	static uint8_t data[N + 2][64];
	const size_t n = N + 2;
	for (size_t i = 0; i < n; i++) {
		size_t len = i < 11 ? want_len[i] : i < 81 ? 30 : 41;
		memset(data[i], (int)i, sizeof data[i]);
		iov[i] = (struct iovec){data[i], len};
		memset(&in[i], 0, sizeof in[i]);
		in[i].msg_hdr.msg_iov = &iov[i];
		in[i].msg_hdr.msg_iovlen = 1;
		in[i].msg_hdr.msg_name = i >= 8 && i < 11 ? &d2 : &d1;
		in[i].msg_hdr.msg_namelen = sizeof d1;
	}
	size_t m = q53_net_gso_group(in, n, 40, out, ctl, first);
	/* [0..6) 40 x 5 + 39; [6] 40 alone (42 follows); [7] 42 (above seg_max); [8..11) to d2; [11..75)
	 * 64 x 30; [75..81) 6 x 30; [81] 41 above seg_max. */
	static const size_t want_first[] = {0, 6, 7, 8, 11, 75, 81, 82};
	assert_int_equal(m, 7);
	assert_memory_equal(first, want_first, sizeof want_first);
	for (size_t j = 0; j < m; j++) {
		size_t c = first[j + 1] - first[j];
		assert_ptr_equal(out[j].msg_hdr.msg_iov, &iov[first[j]]);
		assert_int_equal(out[j].msg_hdr.msg_iovlen, c);
		assert_ptr_equal(out[j].msg_hdr.msg_name, in[first[j]].msg_hdr.msg_name);
		if (c == 1) {
			assert_null(out[j].msg_hdr.msg_control);
			continue;
		}
		assert_true(out[j].msg_hdr.msg_controllen >= CMSG_LEN(sizeof(uint16_t)));
		const struct cmsghdr *cm = (const struct cmsghdr *)out[j].msg_hdr.msg_control;
		assert_int_equal(cm->cmsg_level, SOL_UDP);
		assert_int_equal(cm->cmsg_type, UDP_SEGMENT);
		uint16_t seg;
		memcpy(&seg, CMSG_DATA(cm), sizeof seg);
		assert_int_equal(seg, iov[first[j]].iov_len);
	}
	/* seg_max 0: no group at all. */
	assert_int_equal(q53_net_gso_group(in, n, 0, out, ctl, first), n);

	/* Through the kernel: a receiver on 127.0.0.1 gets every datagram alone, whole and in order. */
	struct sockaddr_storage ss;
	socklen_t sl;
	int rx = udp_any(&ss, &sl, Q53_NET_BIGBUF);
	int tx = -1;
	assert_int_equal(q53_net_udp_open((struct sockaddr *)&ss, sl, 0, &tx, NULL, 0), 0);
	if (!q53_net_gso_works(tx)) {
		print_message("no UDP GSO in this kernel: grouping checked, sending not\n");
		close(tx);
		close(rx);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		in[i].msg_hdr.msg_name = &ss;
		in[i].msg_hdr.msg_namelen = sl;
	}
	m = q53_net_gso_group(in, n, 40, out, ctl, first);
	assert_int_equal(m, 7); /* one destination now: 40 x 3 takes the first 30 as its shorter end */
	assert_int_equal(sendmmsg(tx, out, (unsigned)m, 0), (int)m);
	for (size_t i = 0; i < n; i++) {
		uint8_t buf[100];
		struct pollfd p = {rx, POLLIN, 0};
		assert_int_equal(poll(&p, 1, 5000), 1);
		assert_int_equal(recv(rx, buf, sizeof buf, 0), (ssize_t)iov[i].iov_len);
		assert_memory_equal(buf, data[i], iov[i].iov_len);
	}
	close(tx);
	close(rx);
}

static void test_udp_v6only(void **state)
{
	(void)state;
	struct sockaddr_storage ss;
	socklen_t len;
	int fd = -1;
	assert_int_equal(q53_net_addr_parse("::", 0, &ss, &len), 0);
	/* Only the family is used without Q53_NET_BIND; hosts without IPv6 give ENETWORK. */
	int rc = q53_net_udp_open((struct sockaddr *)&ss, len, 0, &fd, NULL, 0);
	if (rc == Q53_ENETWORK)
		return;
	assert_int_equal(rc, 0);
	int v = 0;
	socklen_t vl = sizeof v;
	assert_int_equal(getsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v, &vl), 0);
	assert_int_equal(v, 1);
	close(fd);
}

static void test_bad_family(void **state)
{
	(void)state;
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof ss);
	ss.ss_family = AF_UNIX;
	int fd = -1;
	assert_int_equal(q53_net_udp_open((struct sockaddr *)&ss, sizeof ss, 0, &fd, NULL, 0), Q53_EINVAL);
	assert_int_equal(q53_net_tcp_listen((struct sockaddr *)&ss, sizeof ss, 5, 0, &fd, NULL, 0),
			 Q53_EINVAL);
	assert_int_equal(q53_net_probe_free((struct sockaddr *)&ss, sizeof ss, SOCK_DGRAM, NULL, 0),
			 Q53_EINVAL);
	char t[8];
	assert_int_equal(q53_net_addr_text((struct sockaddr *)&ss, t, sizeof t), 1);
	assert_string_equal(t, "?");
}

static void test_frame_next(void **state)
{
	(void)state;
	/* Two messages and the first octet of a third, as one read may deliver them. */
	const uint8_t stream[] = {0, 3, 'a', 'b', 'c', 0, 0, 0x01};
	const uint8_t *msg = NULL;
	size_t n = 0, used = 0, off = 0;
	assert_int_equal(q53_net_frame_next(stream, 0, &msg, &n, &used), 0);
	assert_int_equal(used, 2);
	assert_int_equal(q53_net_frame_next(stream, 4, &msg, &n, &used), 0);
	assert_int_equal(used, 5);
	assert_int_equal(q53_net_frame_next(stream + off, sizeof stream - off, &msg, &n, &used), 1);
	assert_ptr_equal(msg, stream + 2);
	assert_int_equal(n, 3);
	assert_int_equal(used, 5);
	off += used;
	assert_int_equal(q53_net_frame_next(stream + off, sizeof stream - off, &msg, &n, &used), 1);
	assert_int_equal(n, 0);
	assert_int_equal(used, 2);
	off += used;
	assert_int_equal(q53_net_frame_next(stream + off, sizeof stream - off, &msg, &n, &used), 0);
	assert_int_equal(used, 2);
	uint8_t hdr[2];
	q53_net_frame_put(hdr, 65535);
	assert_int_equal(hdr[0], 0xff);
	assert_int_equal(hdr[1], 0xff);
	q53_net_frame_put(hdr, 258);
	assert_int_equal(hdr[0], 1);
	assert_int_equal(hdr[1], 2);
}

static void test_tcp_listen_connect(void **state)
{
	(void)state;
	struct sockaddr_storage ss;
	socklen_t len;
	int l = -1, c = -1;
	char err[200];
	assert_int_equal(q53_net_addr_parse("127.0.0.1@0", 0, &ss, &len), 0);
	assert_int_equal(
	    q53_net_tcp_listen((struct sockaddr *)&ss, len, 16, Q53_NET_REUSEPORT, &l, err, sizeof err), 0);
	assert_int_equal(getsockname(l, (struct sockaddr *)&ss, &len), 0);
	assert_true(fcntl(l, F_GETFL) & O_NONBLOCK);
	/* The probe sees the listener. */
	assert_int_equal(q53_net_probe_free((struct sockaddr *)&ss, len, SOCK_STREAM, err, sizeof err),
			 Q53_ENETWORK);
	assert_non_null(strstr(err, "(tcp)"));

	assert_int_equal(q53_net_tcp_connect((struct sockaddr *)&ss, len, &c, err, sizeof err), 0);
	struct pollfd p = {.fd = l, .events = POLLIN};
	assert_int_equal(poll(&p, 1, 2000), 1);
	int a = accept(l, NULL, NULL);
	assert_true(a >= 0);
	p = (struct pollfd){.fd = c, .events = POLLOUT};
	assert_int_equal(poll(&p, 1, 2000), 1);

	/* A framed message crosses the connection intact. */
	uint8_t out[2 + 4] = {0, 0, 'q', '5', '3', 'd'}, in[16];
	q53_net_frame_put(out, 4);
	assert_int_equal(write(c, out, sizeof out), (ssize_t)sizeof out);
	p = (struct pollfd){.fd = a, .events = POLLIN};
	assert_int_equal(poll(&p, 1, 2000), 1);
	ssize_t r = read(a, in, sizeof in);
	assert_int_equal(r, (ssize_t)sizeof out);
	const uint8_t *msg;
	size_t n, used;
	assert_int_equal(q53_net_frame_next(in, (size_t)r, &msg, &n, &used), 1);
	assert_int_equal(n, 4);
	assert_memory_equal(msg, "q53d", 4);
	close(a);
	close(c);
	close(l);
	assert_int_equal(q53_net_probe_free((struct sockaddr *)&ss, len, SOCK_STREAM, err, sizeof err), 0);
}

/* Prefixes: what parses, and which addresses each takes in. */
static void test_prefix(void **state)
{
	(void)state;
	q53_net_prefix_t p;
	static const char *const bad[] = {
	    "",	       "192.0.2.0/33", "192.0.2.0/", "192.0.2.0/x",  "192.0.2/24",
	    "::1/129", "::1/ 8",       "::1/-0",     "host.example", "192.0.2.0/24/8"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(q53_net_prefix_parse(bad[i], &p), Q53_EINVAL);
	const uint8_t a1[4] = {192, 0, 2, 77}, a2[4] = {192, 0, 3, 77}, lo[16] = {[15] = 1};
	assert_int_equal(q53_net_prefix_parse("192.0.2.0/24", &p), 0);
	assert_int_equal(p.family, 4);
	assert_int_equal(p.bits, 24);
	assert_true(q53_net_prefix_match(&p, 4, a1));
	assert_false(q53_net_prefix_match(&p, 4, a2));
	assert_false(q53_net_prefix_match(&p, 6, lo));
	/* Bits inside an octet: 192.0.2.64/26 is .64 to .127. */
	assert_int_equal(q53_net_prefix_parse("192.0.2.64/26", &p), 0);
	assert_true(q53_net_prefix_match(&p, 4, a1));
	const uint8_t a3[4] = {192, 0, 2, 128};
	assert_false(q53_net_prefix_match(&p, 4, a3));
	/* No bits: the whole address; /0: everything of the family. */
	assert_int_equal(q53_net_prefix_parse("::1", &p), 0);
	assert_int_equal(p.bits, 128);
	assert_true(q53_net_prefix_match(&p, 6, lo));
	assert_int_equal(q53_net_prefix_parse("0.0.0.0/0", &p), 0);
	assert_true(q53_net_prefix_match(&p, 4, a2));
	assert_false(q53_net_prefix_match(&p, 6, lo));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_addr_parse_forms),
	    cmocka_unit_test(test_addr_parse_errors),
	    cmocka_unit_test(test_addr_text_snprintf_contract),
	    cmocka_unit_test(test_udp_options),
	    cmocka_unit_test(test_udp_dontfrag),
	    cmocka_unit_test(test_gso_group),
	    cmocka_unit_test(test_udp_v6only),
	    cmocka_unit_test(test_bad_family),
	    cmocka_unit_test(test_frame_next),
	    cmocka_unit_test(test_tcp_listen_connect),
	    cmocka_unit_test(test_prefix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
