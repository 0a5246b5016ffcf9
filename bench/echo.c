/* The I/O floor for the server benchmark (issue 5): a bare UDP echo on 127.0.0.1 that does what any DNS
 * server must do per query and nothing else. One thread, one socket, recvmmsg(2) batches of 64, the QR bit
 * (RFC 1035 section 4.1.1) set in each datagram, sendmmsg(2) back to the sender. With -T it also echoes
 * DNS over TCP (RFC 7766 section 8: two-octet length prefix) one connection at a time. Its UDP socket
 * never fragments (IP_PMTUDISC_PROBE), as q53d's do, so that the floor takes the same kernel path.
 * Usage: bench/echo PORT [-T]. Listens on 127.0.0.1 only; sends only replies to whoever asked. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

enum { BATCH = 64, MSGMAX = 4096 };

struct echo {
	unsigned char buf[BATCH][MSGMAX];
	struct sockaddr_in from[BATCH];
	struct iovec iov[BATCH];
	struct mmsghdr msg[BATCH];
};

static int listen_on(int type, uint16_t port)
{
	struct sockaddr_in a;
	int one = 1;
	int fd = socket(AF_INET, type, 0);
	if (fd < 0)
		return -1;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (type == SOCK_DGRAM) {
		int probe = IP_PMTUDISC_PROBE;
		(void)setsockopt(fd, IPPROTO_IP, IP_MTU_DISCOVER, &probe, sizeof probe);
	}
	if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || (type == SOCK_STREAM && listen(fd, 128) < 0)) {
		close(fd);
		return -1;
	}
	return fd;
}

static void udp_batch(int fd, struct echo *e)
{
	int n, i;
	for (i = 0; i < BATCH; i++) {
		e->iov[i].iov_base = e->buf[i];
		e->iov[i].iov_len = MSGMAX;
		memset(&e->msg[i].msg_hdr, 0, sizeof e->msg[i].msg_hdr);
		e->msg[i].msg_hdr.msg_name = &e->from[i];
		e->msg[i].msg_hdr.msg_namelen = sizeof e->from[i];
		e->msg[i].msg_hdr.msg_iov = &e->iov[i];
		e->msg[i].msg_hdr.msg_iovlen = 1;
	}
	n = recvmmsg(fd, e->msg, BATCH, MSG_DONTWAIT, NULL);
	if (n <= 0)
		return;
	/* Invariant: datagrams [0, i) have QR set and their reply length in place. */
	for (i = 0; i < n; i++) {
		if (e->msg[i].msg_len > 2)
			e->buf[i][2] |= 0x80u;
		e->iov[i].iov_len = e->msg[i].msg_len;
	}
	(void)sendmmsg(fd, e->msg, (unsigned)n, 0);
}

/* Serves one TCP connection until the peer closes it: read the 2-octet length, the message, reply. */
static void tcp_conn(int c, unsigned char *b)
{
	for (;;) {
		size_t want = 2, got = 0, len;
		ssize_t r;
		while (got < want) {
			r = read(c, b + got, want - got);
			if (r <= 0)
				return;
			got += (size_t)r;
			if (got == 2 && want == 2) {
				len = ((size_t)b[0] << 8) | b[1];
				want = 2 + len;
			}
		}
		if (want > 4)
			b[4] |= 0x80u;
		if (write(c, b, want) != (ssize_t)want)
			return;
	}
}

int main(int argc, char **argv)
{
	static struct echo e;
	static unsigned char tb[2 + 65535];
	struct pollfd p[2];
	int u, t = -1;
	long port;
	if (argc < 2 || (port = strtol(argv[1], NULL, 10)) <= 0 || port > 65535) {
		fprintf(stderr, "usage: echo PORT [-T]\n");
		return 2;
	}
	u = listen_on(SOCK_DGRAM, (uint16_t)port);
	if (argc > 2 && strcmp(argv[2], "-T") == 0)
		t = listen_on(SOCK_STREAM, (uint16_t)port);
	if (u < 0 || (argc > 2 && t < 0)) {
		perror("echo: bind 127.0.0.1");
		return 1;
	}
	p[0].fd = u;
	p[0].events = POLLIN;
	p[1].fd = t;
	p[1].events = POLLIN;
	for (;;) {
		if (poll(p, t >= 0 ? 2 : 1, -1) < 0)
			continue;
		if (p[0].revents & POLLIN)
			udp_batch(u, &e);
		if (t >= 0 && (p[1].revents & POLLIN)) {
			int c = accept(t, NULL, NULL);
			if (c >= 0) {
				tcp_conn(c, tb);
				close(c);
			}
		}
	}
}
