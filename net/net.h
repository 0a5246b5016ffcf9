/*
 * Socket helpers shared by the resolver and the server: "ADDR[@PORT]" addresses for IPv4 and IPv6,
 * nonblocking UDP and TCP sockets with the options a DNS server wants (SO_REUSEPORT, IPV6_V6ONLY, large
 * buffers), the 2-octet length framing of DNS over TCP (RFC 1035 4.2.2, RFC 7766 8), and the grouping of
 * datagrams for UDP GSO.
 *
 * Depends on libc only. Functions that can fail on a system call write one line naming the address, the
 * operation and strerror(errno) into a caller buffer, so every caller reports the same useful message.
 */
#ifndef Q53_NET_H
#define Q53_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/* "[ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255]@65535" and a NUL fit. */
enum { Q53_NET_ADDR_TEXT_MAX = 64 };

/*
 * Parses an IP address with an optional port: "192.0.2.1", "192.0.2.1@5300", "2001:db8::1",
 * "2001:db8::1@5300", "[2001:db8::1]", "[2001:db8::1]:5300" and "192.0.2.1:5300" ('@' as in BIND and NSD,
 * ':' after a bracketed or IPv4 address as in URLs). default_port is used when none is given. Only numeric
 * addresses: nothing is looked up. Returns 0 with *ss and *len set, or Q53_EINVAL (bad address or a port
 * outside 0..65535).
 */
int q53_net_addr_parse(const char *text, uint16_t default_port, struct sockaddr_storage *ss, socklen_t *len);

/* Writes "192.0.2.1@53" or "2001:db8::1@53" with the snprintf contract; "?" for another family. */
int q53_net_addr_text(const struct sockaddr *sa, char *buf, size_t size);

/* The port of an AF_INET or AF_INET6 address, or 0. */
uint16_t q53_net_addr_port(const struct sockaddr *sa);

/* An address prefix, "192.0.2.0/24" or "2001:db8::/32": access lists and rate-limiting exemptions. */
typedef struct q53_net_prefix {
	uint8_t family; /* 4 or 6 */
	uint8_t bits;	/* 0..32 or 0..128 */
	uint8_t addr[16];
} q53_net_prefix_t;

/* Parses "127.0.0.0/8", "192.0.2.1", "::1" or "2001:db8::/32" (no bits: the whole address). 0 or
 * Q53_EINVAL. */
int q53_net_prefix_parse(const char *text, q53_net_prefix_t *p);

/* True when the address addr (4 or 16 octets as family says, 4 or 6) is inside p. */
bool q53_net_prefix_match(const q53_net_prefix_t *p, unsigned family, const uint8_t *addr);

/* Socket options for q53_net_udp_open() and q53_net_tcp_listen(). */
enum {
	Q53_NET_BIND = 1u << 0,	     /* bind to the address (a server); otherwise only its family is used */
	Q53_NET_REUSEPORT = 1u << 1, /* SO_REUSEPORT: one socket per worker thread on the same address */
	Q53_NET_BIGBUF = 1u << 2,    /* ask for 4 MiB receive and send buffers (best effort) */
	Q53_NET_DONTFRAG = 1u << 3,  /* UDP: DF set, never fragmented, path MTU ignored (a responder) */
};

/*
 * Opens a nonblocking, close-on-exec UDP socket of sa's family; IPv6 sockets are IPV6_V6ONLY so that an
 * IPv4 listener on the same port is a separate socket. With Q53_NET_BIND it is bound to sa. Returns 0 with
 * *fd set, or Q53_EINVAL (family) or Q53_ENETWORK with a message in err (snprintf contract, may be NULL).
 */
int q53_net_udp_open(const struct sockaddr *sa, socklen_t len, unsigned flags, int *fd, char *err,
		     size_t errsize);

/*
 * Opens a nonblocking, close-on-exec TCP socket bound to sa (SO_REUSEADDR so that connections in
 * TIME_WAIT do not block a restart) and listening with the given backlog. Errors as q53_net_udp_open().
 */
int q53_net_tcp_listen(const struct sockaddr *sa, socklen_t len, int backlog, unsigned flags, int *fd,
		       char *err, size_t errsize);

/*
 * Starts a nonblocking TCP connection to sa: returns 0 with *fd set while the connection is in progress
 * (wait for writability, then read SO_ERROR), or Q53_ENETWORK with a message in err.
 */
int q53_net_tcp_connect(const struct sockaddr *sa, socklen_t len, int *fd, char *err, size_t errsize);

/*
 * Checks that nothing else is bound to sa for the given type (SOCK_DGRAM or SOCK_STREAM) by binding a
 * socket without SO_REUSEPORT for a moment: sockets with SO_REUSEPORT of the same user would otherwise
 * share the port silently with another server. Returns 0, or Q53_ENETWORK with the message in err.
 */
int q53_net_probe_free(const struct sockaddr *sa, socklen_t len, int type, char *err, size_t errsize);

/* Makes fd nonblocking. Returns 0 or Q53_ENETWORK. */
int q53_net_nonblock(int fd);

/* ---- DNS over TCP framing (RFC 1035 4.2.2: a 2-octet length in network order before each message) --- */

/* Writes the length prefix of a len-octet message (len <= 65535). */
static inline void q53_net_frame_put(uint8_t hdr[2], size_t len)
{
	hdr[0] = (uint8_t)(len >> 8);
	hdr[1] = (uint8_t)len;
}

/*
 * Finds the first complete message in a stream buffer buf[0..len). Returns 1 with *msg and *msglen set
 * and *used the octets it occupies with its prefix (drop them before the next call), 0 when more octets
 * are needed (*used then says how many the whole message will take once its length is known: 2 before
 * that).
 */
int q53_net_frame_next(const uint8_t *buf, size_t len, const uint8_t **msg, size_t *msglen, size_t *used);

/*
 * UDP GSO (UDP_SEGMENT, Linux 4.18; udp(7)): several datagrams of one length to one destination handed to
 * the kernel as one message, which it builds and routes once and cuts into the same datagrams where it
 * must (on delivery, or at the device), so the network sees ordinary datagrams.
 */
enum {
	Q53_NET_GSO_SEGS = 64, /* datagrams in one message at most (the kernel's UDP_MAX_SEGMENTS) */
};

/* Room for one message's UDP_SEGMENT control message. */
typedef union {
	char buf[CMSG_SPACE(sizeof(uint16_t))];
	size_t align; /* struct cmsghdr's (its cmsg_len) */
} q53_net_gso_ctl;

/*
 * Whether datagram b may follow datagram a in one GSO message: each carries one iovec, both go to the same
 * destination (msg_name, or none on a connected socket), a has at most seg_max octets and b no more than a
 * (an equal one continues the run, a shorter one ends it).
 */
bool q53_net_gso_follows(const struct mmsghdr *a, const struct mmsghdr *b, size_t seg_max);

/*
 * Groups datagrams for sendmmsg() with UDP GSO. in[0..n) each carry one iovec, and those iovecs lie one
 * after another in one array (in[k + 1]'s right after in[k]'s). Each run of datagrams that follow each other
 * as q53_net_gso_follows() allows, with one length (a shorter one may end the run; at most
 * Q53_NET_GSO_SEGS), becomes one message out[j] with its UDP_SEGMENT in ctl[j]; any other datagram is a
 * message of its own without it. first[j] is the index in in[] of out[j]'s first datagram, first[count] is
 * n. Returns count, the number of messages.
 */
size_t q53_net_gso_group(const struct mmsghdr *in, size_t n, size_t seg_max, struct mmsghdr *out,
			 q53_net_gso_ctl *ctl, size_t *first);

/* True when the kernel has UDP GSO: fd, a UDP socket, answers getsockopt(UDP_SEGMENT). An older kernel
 * would ignore the control message and send a group as one datagram. */
bool q53_net_gso_works(int fd);

#endif
