/*
 * lookup: the sync API of libq53's resolver in one screen. Looks a name up with the system's configuration
 * (/etc/resolv.conf, /etc/hosts, nsswitch.conf) and prints its addresses (A and AAAA in parallel, sorted
 * per RFC 6724), its MX records by preference, or any type's records through the codec's printer.
 *
 *   lookup NAME            addresses
 *   lookup NAME mx         MX by preference
 *   lookup NAME TYPE       any type, e.g. txt, srv, caa
 *   lookup -x ADDRESS      reverse (PTR)
 *
 * Options before those replace parts of the system's configuration, as q53_resolver_opts allows:
 *   -c FILE     resolv.conf to read instead of /etc/resolv.conf
 *   -H FILE     hosts file instead of /etc/hosts
 *   -s SERVER   a name server, "127.0.0.1:5300" or "[::1]:5300" (repeat for more); replaces nameserver
 *
 * Build against an installed libq53: cc lookup.c $(pkg-config --cflags --libs q53)
 */
/* getopt() and inet_ntop() are POSIX; the examples build with -std=c11 like the library. */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <q53/q53.h>

static const char *source_name(q53_source s)
{
	switch (s) {
	case Q53_SOURCE_LOCAL:
		return "built in";
	case Q53_SOURCE_HOSTS:
		return "hosts file";
	case Q53_SOURCE_DNS:
		return "DNS";
	case Q53_SOURCE_CACHE:
		return "cache";
	case Q53_SOURCE_NONE:
		break;
	}
	return "none";
}

static int print_result(const q53_result_t *res)
{
	if (res->status != Q53_OK) {
		fprintf(stderr, "lookup: %s\n", q53_strerror(res->status));
		return 1;
	}
	const char *rc = q53_rcode_name(res->rcode);
	printf(";; rcode %s, from %s, %zu answer(s)\n", rc != NULL ? rc : "?", source_name(res->source),
	       res->nanswer);
	for (size_t i = 0; i < res->nanswer; i++) {
		char line[4096];
		q53_rr_to_text(&res->rr[i], NULL, line, sizeof line);
		printf("%s\n", line);
	}
	return res->rcode == Q53_RCODE_NOERROR ? 0 : 1;
}

int main(int argc, char **argv)
{
	const char *servers[9] = {NULL};
	size_t nservers = 0;
	q53_resolver_opts o;
	q53_resolver_opts_init(&o);
	int opt;
	/* "+" stops at the first operand, so "-x" after the options is the reverse lookup's flag. */
	while ((opt = getopt(argc, argv, "+c:H:s:")) != -1) {
		if (opt == 'c') {
			o.resolv_conf = optarg;
		} else if (opt == 'H') {
			o.hosts = optarg;
		} else if (opt == 's' && nservers < 8) {
			servers[nservers++] = optarg;
			o.servers = servers;
		} else {
			optind = argc; /* print the usage */
			break;
		}
	}
	argc -= optind - 1;
	argv += optind - 1;
	if (argc < 2) {
		fprintf(
		    stderr,
		    "usage: lookup [-c RESOLV.CONF] [-H HOSTS] [-s SERVER]... NAME [TYPE] | -x ADDRESS\n");
		return 2;
	}
	q53_resolver_t *r;
	int rc = q53_resolver_new(&o, &r);
	if (rc < 0) {
		fprintf(stderr, "lookup: %s\n", q53_strerror(rc));
		return 1;
	}
	int status = 0;
	q53_result_t *res = NULL;
	if (strcmp(argv[1], "-x") == 0 && argc == 3) {
		uint8_t a[16];
		size_t len = inet_pton(AF_INET, argv[2], a) == 1    ? 4
			     : inet_pton(AF_INET6, argv[2], a) == 1 ? 16
								    : 0;
		rc = len == 0 ? Q53_EINVAL : q53_lookup_reverse(r, a, len, &res);
		status = rc < 0 ? 1 : print_result(res);
	} else if (argc == 2) {
		q53_addr_t addr[32];
		int n = q53_lookup_addrs(r, argv[1], AF_UNSPEC, addr, 32);
		rc = n;
		for (int i = 0; i < n; i++) {
			char text[INET6_ADDRSTRLEN];
			inet_ntop(addr[i].family, addr[i].addr, text, sizeof text);
			printf("%s\t(%s)\n", text, source_name(addr[i].source));
		}
	} else if (strcasecmp(argv[2], "mx") == 0) {
		q53_mx_t mx[32];
		int n = q53_lookup_mx(r, argv[1], mx, 32);
		rc = n;
		for (int i = 0; i < n; i++) {
			char name[Q53_NAME_TEXT_MAX];
			q53_name_to_text(mx[i].exchange, name, sizeof name);
			printf("%u %s\n", (unsigned)mx[i].preference, name);
		}
	} else {
		int type = q53_type_from_text(argv[2], strlen(argv[2]));
		rc = type < 0 ? type : q53_lookup(r, argv[1], (uint16_t)type, &res);
		status = rc < 0 ? 1 : print_result(res);
	}
	if (rc < 0) {
		fprintf(stderr, "lookup: %s\n", q53_strerror(rc));
		status = 1;
	}
	q53_result_free(res);
	q53_resolver_free(r);
	return status;
}
