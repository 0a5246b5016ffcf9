/*
 * async: many lookups in flight on one resolver, driven by a plain poll() loop, the way an event loop
 * (libevent, libuv, a hand-written epoll loop) drives libq53: poll the ONE descriptor q53_resolver_fd()
 * with the timeout q53_resolver_timeout(), then call q53_resolver_process(); each lookup's callback gets
 * its result. Reads names from the command line or, with "-", one per line from standard input.
 *
 *   async www.example.com example.org ...
 *   async - < names.txt
 *
 * Options: -c FILE (resolv.conf), -H FILE (hosts file), -s SERVER ("127.0.0.1:5300", repeatable), -C N (a
 * cache of N answers: a name asked twice is answered from it the second time).
 *
 * Build against an installed libq53: cc async.c $(pkg-config --cflags --libs q53)
 */
/* getopt() and inet_ntop() are POSIX; the examples build with -std=c11 like the library. */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <q53/q53.h>

struct lookup {
	char name[256];
	int *left;
};

static const char *from(const q53_result_t *res)
{
	return res->source == Q53_SOURCE_CACHE	 ? " (cache)"
	       : res->source == Q53_SOURCE_HOSTS ? " (hosts)"
						 : "";
}

static void done(q53_result_t *res, void *arg)
{
	struct lookup *l = arg;
	if (res == NULL || res->status != Q53_OK) {
		printf("%s: %s\n", l->name, q53_strerror(res != NULL ? res->status : Q53_ENOMEM));
	} else if (res->nanswer == 0) {
		const char *rc = q53_rcode_name(res->rcode);
		printf("%s: %s%s\n", l->name, rc != NULL ? rc : "no answer", from(res));
	} else {
		for (size_t i = 0; i < res->nanswer; i++) {
			uint8_t a[4];
			char text[INET_ADDRSTRLEN];
			if (q53_rdata_a(&res->rr[i], a) == 0 &&
			    inet_ntop(AF_INET, a, text, sizeof text) != NULL)
				printf("%s: %s%s\n", l->name, text, from(res));
		}
	}
	q53_result_free(res);
	--*l->left;
	free(l);
}

int main(int argc, char **argv)
{
	const char *servers[9] = {NULL};
	size_t nservers = 0;
	q53_resolver_opts o;
	q53_resolver_opts_init(&o);
	int opt;
	while ((opt = getopt(argc, argv, "+c:H:s:C:")) != -1) {
		if (opt == 'c') {
			o.resolv_conf = optarg;
		} else if (opt == 'H') {
			o.hosts = optarg;
		} else if (opt == 's' && nservers < 8) {
			servers[nservers++] = optarg;
			o.servers = servers;
		} else if (opt == 'C') {
			o.cache_size = (size_t)strtoul(optarg, NULL, 10);
		} else {
			optind = argc;
			break;
		}
	}
	argc -= optind - 1;
	argv += optind - 1;
	if (argc < 2) {
		fprintf(stderr, "usage: async [-c RESOLV.CONF] [-H HOSTS] [-s SERVER]... [-C N] NAME... | "
				"async - < names\n");
		return 2;
	}
	q53_resolver_t *r;
	int rc = q53_resolver_new(&o, &r);
	if (rc < 0) {
		fprintf(stderr, "async: %s\n", q53_strerror(rc));
		return 1;
	}
	int left = 0;
	char line[256];
	/* Start every lookup at once: they all wait on the same descriptor. */
	for (int i = 1;; i++) {
		const char *name;
		if (strcmp(argv[1], "-") == 0) {
			if (fgets(line, sizeof line, stdin) == NULL)
				break;
			line[strcspn(line, "\r\n")] = '\0';
			if (line[0] == '\0')
				continue;
			name = line;
		} else {
			if (i >= argc)
				break;
			name = argv[i];
		}
		struct lookup *l = malloc(sizeof *l);
		if (l == NULL)
			break;
		snprintf(l->name, sizeof l->name, "%s", name);
		l->left = &left;
		if (q53_resolver_start(r, l->name, Q53_TYPE_A, done, l, NULL) == 0)
			left++;
		else
			free(l);
	}
	while (left > 0) {
		struct pollfd p = {q53_resolver_fd(r), POLLIN, 0};
		if (poll(&p, 1, q53_resolver_timeout(r)) < 0)
			break;
		if (q53_resolver_process(r) < 0)
			break;
	}
	q53_resolver_free(r);
	return 0;
}
