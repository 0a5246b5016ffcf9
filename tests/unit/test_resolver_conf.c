/*
 * Unit tests for resolver/conf.c, hosts.c and search.c: resolv.conf as glibc reads it, the environment,
 * the application's overrides, nsswitch.conf, the hosts file, the search list and ndots as glibc's
 * res_nsearch() applies them, localhost (RFC 6761 6.3) and reverse names. Every file is written by the
 * test into its own directory; the system's /etc files are never read.
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "q53/name.h"
#include "q53/rdata.h"
#include "q53/resolver.h"
#include "resolver_int.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/q53-resconf-XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Writes text to dir/name and returns the path (static storage per name slot). */
static const char *write_file(const char *name, const char *text)
{
	static char paths[4][128];
	static int next;
	char *p = paths[next++ % 4];
	snprintf(p, 128, "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return p;
}

static void parse(q53_conf_t *c, const char *text)
{
	q53_conf_defaults(c);
	q53_conf_parse_resolv(c, text, strlen(text));
}

static void assert_server(const q53_conf_t *c, size_t i, const char *want)
{
	char buf[96];
	const struct sockaddr *sa = (const struct sockaddr *)&c->server[i];
	char host[INET6_ADDRSTRLEN];
	const void *a = sa->sa_family == AF_INET
			    ? (const void *)&((const struct sockaddr_in *)(const void *)sa)->sin_addr
			    : (const void *)&((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
	assert_non_null(inet_ntop(sa->sa_family, a, host, sizeof host));
	unsigned port =
	    ntohs(sa->sa_family == AF_INET ? ((const struct sockaddr_in *)(const void *)sa)->sin_port
					   : ((const struct sockaddr_in6 *)(const void *)sa)->sin6_port);
	if (sa->sa_family == AF_INET6 && ((const struct sockaddr_in6 *)(const void *)sa)->sin6_scope_id != 0)
		snprintf(buf, sizeof buf, "%s%%%u@%u", host,
			 (unsigned)((const struct sockaddr_in6 *)(const void *)sa)->sin6_scope_id, port);
	else
		snprintf(buf, sizeof buf, "%s@%u", host, port);
	assert_string_equal(buf, want);
}

static void test_conf_defaults(void **state)
{
	(void)state;
	q53_conf_t c;
	parse(&c, "");
	assert_int_equal(c.nservers, 0);
	assert_int_equal(c.ndots, 1);
	assert_int_equal(c.timeout_ms, 5000);
	assert_int_equal(c.attempts, 2);
	assert_int_equal(c.nsearch, 0);
	assert_int_equal(c.flags, 0);
	assert_int_equal(c.edns_size, 1232);
}

static void test_conf_nameservers(void **state)
{
	(void)state;
	q53_conf_t c;
	parse(&c, "# comment\n"
		  "; another\n"
		  "nameserver 192.0.2.1\n"
		  "nameserver\t2001:db8::53   # trailing words are ignored\n"
		  " nameserver 192.0.2.9\n"  /* leading blank: not a keyword for glibc */
		  "nameserver 127.1\n"	     /* inet_aton form */
		  "nameserver 192.0.2.4\n"); /* a fourth: over MAXNS */
	assert_int_equal(c.nservers, 3);
	assert_server(&c, 0, "192.0.2.1@53");
	assert_server(&c, 1, "2001:db8::53@53");
	assert_server(&c, 2, "127.0.0.1@53");

	parse(&c, "nameserver fe80::1%1\nnameserver not-an-address\nnameserver 192.0.2.300\nnameserver\n"
		  "nameservers 192.0.2.7\n");
	assert_int_equal(c.nservers, 1);
	assert_server(&c, 0, "fe80::1%1@53");
}

static void test_conf_search_domain(void **state)
{
	(void)state;
	q53_conf_t c;
	parse(&c, "search a.example b.example\tc.example\n");
	assert_int_equal(c.nsearch, 3);
	assert_string_equal(c.search[0], "a.example");
	assert_string_equal(c.search[1], "b.example");
	assert_string_equal(c.search[2], "c.example");

	/* The last search or domain line wins. */
	parse(&c, "search a.example b.example\ndomain d.example extra\n");
	assert_int_equal(c.nsearch, 1);
	assert_string_equal(c.search[0], "d.example");
	parse(&c, "domain d.example\nsearch x.example\n");
	assert_int_equal(c.nsearch, 1);
	assert_string_equal(c.search[0], "x.example");

	/* At most six domains. */
	parse(&c, "search a b c d e f g h\n");
	assert_int_equal(c.nsearch, 6);
	assert_string_equal(c.search[5], "f");

	/* The line is cut at 255 characters before it is split (glibc's 256-octet defdname). */
	char line[400];
	strcpy(line, "search ");
	memset(line + 7, 'a', 250);
	strcpy(line + 257, " bbbbbbbbbb\n");
	parse(&c, line);
	assert_int_equal(c.nsearch, 2);
	assert_int_equal(strlen(c.search[0]), 250);
	assert_string_equal(c.search[1], "bbbb");
}

static void test_conf_options(void **state)
{
	(void)state;
	q53_conf_t c;
	parse(&c, "options ndots:3 timeout:2 attempts:4 rotate use-vc edns0 debug single-request\n");
	assert_int_equal(c.ndots, 3);
	assert_int_equal(c.timeout_ms, 2000);
	assert_int_equal(c.attempts, 4);
	assert_int_equal(c.flags, Q53_RES_ROTATE | Q53_RES_USEVC);
	/* Caps as glibc: ndots 15, timeout 30, attempts 5. */
	parse(&c, "options ndots:99 timeout:100 attempts:9\n");
	assert_int_equal(c.ndots, 15);
	assert_int_equal(c.timeout_ms, 30000);
	assert_int_equal(c.attempts, 5);
	/* Values as atoi reads them; timeout:0 is a second, attempts:0 one try. */
	parse(&c, "options ndots:2x timeout:0 attempts:0 unknown-option:5\noptions ndots:\n");
	assert_int_equal(c.ndots, 0);
	assert_int_equal(c.timeout_ms, 1000);
	assert_int_equal(c.attempts, 1);
	/* Later options lines add to earlier ones. */
	parse(&c, "options rotate\noptions timeout:1\n");
	assert_int_equal(c.flags, Q53_RES_ROTATE);
	assert_int_equal(c.timeout_ms, 1000);
}

/*
 * "options trust-ad" (glibc 2.31) from the file and from RES_OPTIONS; the application sets or clears it
 * like any flag, and with Q53_RES_NOENV the environment's one does not count.
 */
static void test_conf_trust_ad(void **state)
{
	(void)state;
	q53_conf_t c;
	parse(&c, "options trust-ad\n");
	assert_int_equal(c.flags, Q53_RES_TRUSTAD);
	parse(&c, "options rotate\noptions use-vc trust-ad ndots:2\n");
	assert_int_equal(c.flags, Q53_RES_ROTATE | Q53_RES_USEVC | Q53_RES_TRUSTAD);
	assert_int_equal(c.ndots, 2);
	/* Only an options line says it. */
	parse(&c, "search trust-ad\nnameserver 192.0.2.1 trust-ad\n");
	assert_int_equal(c.flags, 0);

	q53_resolver_opts o;
	q53_resolver_opts_init(&o);
	o.resolv_conf = write_file("tad.conf", "nameserver 192.0.2.1\noptions trust-ad\n");
	o.nsswitch = "";
	o.hosts = "";
	assert_int_equal(q53_conf_build(&c, &o, NULL, NULL, NULL), 0);
	assert_int_equal(c.flags, Q53_RES_TRUSTAD);
	o.clear_flags = Q53_RES_TRUSTAD;
	assert_int_equal(q53_conf_build(&c, &o, NULL, "trust-ad", NULL), 0);
	assert_int_equal(c.flags, 0);
	o.clear_flags = 0;
	o.resolv_conf = write_file("tad2.conf", "nameserver 192.0.2.1\n");
	assert_int_equal(q53_conf_build(&c, &o, NULL, NULL, NULL), 0);
	assert_int_equal(c.flags, 0);
	assert_int_equal(q53_conf_build(&c, &o, NULL, "ndots:3 trust-ad", NULL), 0);
	assert_int_equal(c.flags, Q53_RES_TRUSTAD);
	assert_int_equal(c.ndots, 3);
	o.set_flags = Q53_RES_TRUSTAD;
	assert_int_equal(q53_conf_build(&c, &o, NULL, NULL, NULL), 0);
	assert_int_equal(c.flags, Q53_RES_TRUSTAD);

	/* q53_resolver_new() reads RES_OPTIONS itself, unless told not to. */
	char *saved = getenv("RES_OPTIONS") != NULL ? strdup(getenv("RES_OPTIONS")) : NULL;
	assert_int_equal(setenv("RES_OPTIONS", "trust-ad", 1), 0);
	q53_resolver_t *r;
	o.set_flags = 0;
	assert_int_equal(q53_resolver_new(&o, &r), 0);
	assert_true(r->conf->flags & Q53_RES_TRUSTAD);
	q53_resolver_free(r);
	o.set_flags = Q53_RES_NOENV;
	assert_int_equal(q53_resolver_new(&o, &r), 0);
	assert_false(r->conf->flags & Q53_RES_TRUSTAD);
	q53_resolver_free(r);
	/* NOENV leaves the file's option alone. */
	o.resolv_conf = write_file("tad3.conf", "nameserver 192.0.2.1\noptions trust-ad\n");
	assert_int_equal(q53_resolver_new(&o, &r), 0);
	assert_true(r->conf->flags & Q53_RES_TRUSTAD);
	q53_resolver_free(r);
	if (saved != NULL)
		setenv("RES_OPTIONS", saved, 1);
	else
		unsetenv("RES_OPTIONS");
	free(saved);
}

static void test_conf_environment(void **state)
{
	(void)state;
	q53_conf_t c;
	q53_resolver_opts o;
	q53_resolver_opts_init(&o);
	o.resolv_conf =
	    write_file("env.conf", "nameserver 192.0.2.1\nsearch file.example\noptions ndots:2\n");
	o.nsswitch = "";
	/* LOCALDOMAIN replaces the file's search list; RES_OPTIONS applies after the file. */
	assert_int_equal(q53_conf_build(&c, &o, "env1.example  env2.example", "ndots:4 attempts:3", NULL), 0);
	assert_int_equal(c.nsearch, 2);
	assert_string_equal(c.search[0], "env1.example");
	assert_string_equal(c.search[1], "env2.example");
	assert_int_equal(c.ndots, 4);
	assert_int_equal(c.attempts, 3);
	/* Without the environment, the file. */
	assert_int_equal(q53_conf_build(&c, &o, NULL, NULL, "host.sub.example"), 0);
	assert_int_equal(c.nsearch, 1);
	assert_string_equal(c.search[0], "file.example");
	assert_int_equal(c.ndots, 2);
	/* Without search or domain, the host name's domain (glibc). */
	o.resolv_conf = write_file("env2.conf", "nameserver 192.0.2.1\n");
	assert_int_equal(q53_conf_build(&c, &o, NULL, NULL, "host.sub.example"), 0);
	assert_int_equal(c.nsearch, 1);
	assert_string_equal(c.search[0], "sub.example");
	assert_int_equal(q53_conf_build(&c, &o, NULL, NULL, "host"), 0);
	assert_int_equal(c.nsearch, 0);
	/* No file and no nameserver: the local server (glibc). */
	o.resolv_conf = "";
	assert_int_equal(q53_conf_build(&c, &o, NULL, NULL, NULL), 0);
	assert_int_equal(c.nservers, 1);
	assert_server(&c, 0, "127.0.0.1@53");
	o.resolv_conf = "/nonexistent/q53/resolv.conf";
	assert_int_equal(q53_conf_build(&c, &o, NULL, NULL, NULL), 0);
	assert_int_equal(c.nservers, 1);
}

static void test_conf_overrides(void **state)
{
	(void)state;
	q53_conf_t c;
	q53_resolver_opts o;
	q53_resolver_opts_init(&o);
	o.resolv_conf = write_file("ovr.conf", "nameserver 192.0.2.1\nsearch file.example\noptions rotate\n");
	o.nsswitch = "";
	const char *servers[] = {"127.0.0.1:5300", "[::1]:5301",     "::1",
				 "192.0.2.2@5302", "[fe80::1%1]:53", NULL};
	const char *search[] = {"app.example", NULL};
	o.servers = servers;
	o.search = search;
	o.ndots = 0;
	o.timeout_ms = 250;
	o.attempts = 1;
	o.set_flags = Q53_RES_NOEDNS;
	o.clear_flags = Q53_RES_ROTATE;
	o.order = Q53_ORDER_DNS_FILES;
	o.edns_size = 4096;
	assert_int_equal(q53_conf_build(&c, &o, "env.example", "ndots:5", NULL), 0);
	assert_int_equal(c.nservers, 5);
	assert_server(&c, 0, "127.0.0.1@5300");
	assert_server(&c, 1, "::1@5301");
	assert_server(&c, 2, "::1@53");
	assert_server(&c, 3, "192.0.2.2@5302");
	assert_server(&c, 4, "fe80::1%1@53");
	assert_int_equal(c.nsearch, 1);
	assert_string_equal(c.search[0], "app.example");
	assert_int_equal(c.ndots, 0);
	assert_int_equal(c.timeout_ms, 250);
	assert_int_equal(c.attempts, 1);
	assert_int_equal(c.flags, Q53_RES_NOEDNS);
	assert_int_equal(c.order, Q53_ORDER_DNS_FILES);
	assert_int_equal(c.edns_size, 4096);
	/* An empty search list means no search. */
	const char *none[] = {NULL};
	o.search = none;
	assert_int_equal(q53_conf_build(&c, &o, NULL, NULL, "h.example"), 0);
	assert_int_equal(c.nsearch, 0);
	/* Bad overrides are refused. */
	const char *bad[] = {"example.com", NULL};
	o.servers = bad;
	assert_int_equal(q53_conf_build(&c, &o, NULL, NULL, NULL), Q53_EINVAL);
	const char *bad_port[] = {"127.0.0.1:65536", NULL};
	o.servers = bad_port;
	assert_int_equal(q53_conf_build(&c, &o, NULL, NULL, NULL), Q53_EINVAL);
	const char *nine[] = {"::1", "::1", "::1", "::1", "::1", "::1", "::1", "::1", "::1", NULL};
	o.servers = nine;
	assert_int_equal(q53_conf_build(&c, &o, NULL, NULL, NULL), Q53_EINVAL);
	o.servers = NULL;
	o.ndots = 16;
	assert_int_equal(q53_conf_build(&c, &o, NULL, NULL, NULL), Q53_EINVAL);
}

static void test_conf_nsswitch(void **state)
{
	(void)state;
	const char *t;
	t = "passwd: files\nhosts:          files mdns4_minimal [NOTFOUND=return] dns myhostname\n";
	assert_int_equal(q53_conf_parse_nsswitch(t, strlen(t)), Q53_ORDER_FILES_DNS);
	t = "hosts: dns files\n";
	assert_int_equal(q53_conf_parse_nsswitch(t, strlen(t)), Q53_ORDER_DNS_FILES);
	t = "hosts: files\n";
	assert_int_equal(q53_conf_parse_nsswitch(t, strlen(t)), Q53_ORDER_FILES);
	t = "# hosts: files\nhosts:\tdns # files\n";
	assert_int_equal(q53_conf_parse_nsswitch(t, strlen(t)), Q53_ORDER_DNS);
	t = "hosts: resolve myhostname\n";
	assert_int_equal(q53_conf_parse_nsswitch(t, strlen(t)), Q53_ORDER_FILES_DNS);
	t = "passwd: files\n";
	assert_int_equal(q53_conf_parse_nsswitch(t, strlen(t)), Q53_ORDER_FILES_DNS);
	/* Through q53_conf_build(): the file decides unless the application chose. */
	q53_conf_t c;
	q53_resolver_opts o;
	q53_resolver_opts_init(&o);
	o.resolv_conf = "";
	o.nsswitch = write_file("nsswitch.conf", "hosts: dns\n");
	assert_int_equal(q53_conf_build(&c, &o, NULL, NULL, NULL), 0);
	assert_int_equal(c.order, Q53_ORDER_DNS);
	o.order = Q53_ORDER_FILES;
	assert_int_equal(q53_conf_build(&c, &o, NULL, NULL, NULL), 0);
	assert_int_equal(c.order, Q53_ORDER_FILES);
}

static void name(const char *text, uint8_t *out)
{
	assert_true(q53_name_from_text(text, strlen(text), NULL, out) > 0);
}

static void test_hosts_parse_find(void **state)
{
	(void)state;
	const char *text = "# the hosts file\n"
			   "127.0.0.1\tlocalhost\n"
			   "192.0.2.10 www.Example.COM www alias.example.com. # a comment\n"
			   "2001:db8::10   www.example.com\n"
			   "192.0.2.11 www.example.com\n"
			   "192.0.2.10 www.example.com\n" /* the same address again */
			   "not-an-address name.example\n"
			   "   \n"
			   "192.0.2.12\n"
			   "192.0.2.13 a..b good.example\r\n";
	q53_hosts_t h = {0, 0, NULL};
	assert_int_equal(q53_hosts_parse(&h, text, strlen(text)), 0);
	uint8_t n[Q53_NAME_MAX], addr[8][16];
	name("WWW.example.com.", n);
	assert_int_equal(q53_hosts_find(&h, n, Q53_TYPE_A, addr, 8), 2);
	assert_memory_equal(addr[0], "\xc0\x00\x02\x0a", 4);
	assert_memory_equal(addr[1], "\xc0\x00\x02\x0b", 4);
	assert_int_equal(q53_hosts_find(&h, n, Q53_TYPE_AAAA, addr, 8), 1);
	assert_memory_equal(addr[0], "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x10", 16);
	assert_int_equal(q53_hosts_find(&h, n, Q53_TYPE_MX, addr, 8), 0);
	assert_int_equal(q53_hosts_find(&h, n, Q53_TYPE_A, addr, 1), 1);
	name("www.", n);
	assert_int_equal(q53_hosts_find(&h, n, Q53_TYPE_A, addr, 8), 1);
	name("alias.example.com.", n);
	assert_int_equal(q53_hosts_find(&h, n, Q53_TYPE_A, addr, 8), 1);
	name("name.example.", n);
	assert_int_equal(q53_hosts_find(&h, n, Q53_TYPE_A, addr, 8), 0);
	assert_false(q53_hosts_has(&h, n));
	name("good.example.", n);
	assert_int_equal(q53_hosts_find(&h, n, Q53_TYPE_A, addr, 8), 1);
	assert_memory_equal(addr[0], "\xc0\x00\x02\x0d", 4);
	name("www.example.com.", n);
	assert_true(q53_hosts_has(&h, n));
	const q53_hosts_entry_t *e = q53_hosts_find_addr(&h, (const uint8_t *)"\xc0\x00\x02\x0a", 4);
	assert_non_null(e);
	assert_memory_equal(e->name, "\3www\7example\3com", 17);
	assert_null(q53_hosts_find_addr(&h, (const uint8_t *)"\xc0\x00\x02\x63", 4));
	q53_hosts_clear(&h);
}

/* The names search asks, as text joined by spaces. */
static void assert_search(const q53_conf_t *c, const char *in, const char *want, bool want_first)
{
	uint8_t out[SEARCH_MAX][Q53_NAME_MAX];
	bool first;
	int n = q53_search_names(c, in, strlen(in), out, &first);
	assert_true(n > 0);
	char got[2048] = "";
	for (int i = 0; i < n; i++) {
		char t[Q53_NAME_TEXT_MAX];
		q53_name_to_text(out[i], t, sizeof t);
		if (i > 0)
			strcat(got, " ");
		strcat(got, t);
	}
	assert_string_equal(got, want);
	assert_int_equal(first, want_first);
}

static void test_search_ndots(void **state)
{
	(void)state;
	q53_conf_t c;
	parse(&c, "search a.example b.example\n");
	/* ndots 1: a name without dots gets the list first, then as is. */
	assert_search(&c, "www", "www.a.example. www.b.example. www.", false);
	/* One dot >= ndots: as is first, then the list. */
	assert_search(&c, "www.x", "www.x. www.x.a.example. www.x.b.example.", true);
	/* A trailing dot: only the name. */
	assert_search(&c, "www.", "www.", true);
	assert_search(&c, "www.x.", "www.x.", true);
	/* ndots 3. */
	parse(&c, "search a.example\noptions ndots:3\n");
	assert_search(&c, "a.b.c", "a.b.c.a.example. a.b.c.", false);
	assert_search(&c, "a.b.c.d", "a.b.c.d. a.b.c.d.a.example.", true);
	/* ndots 0: everything is tried as is first. */
	parse(&c, "search a.example\noptions ndots:0\n");
	assert_search(&c, "www", "www. www.a.example.", true);
	/* No search list. */
	parse(&c, "");
	assert_search(&c, "www", "www.", false);
	assert_search(&c, "a.b", "a.b.", true);
	/* The root in the list: as is at that place, and not again at the end. */
	parse(&c, "search a.example . b.example\n");
	assert_search(&c, "www", "www.a.example. www. www.b.example.", false);
	assert_search(&c, "w.x", "w.x. w.x.a.example. w.x. w.x.b.example.", true);
	/* A domain that makes the name too long ends the search (glibc NO_RECOVERY). */
	char longdom[300], longname[300];
	memset(longdom, 0, sizeof longdom);
	/* Four labels of 49 octets: 201 octets in wire form, so 60 more octets make the name too long. */
	for (int i = 0; i < 4; i++)
		memcpy(longdom + i * 50, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.", 50);
	longdom[199] = '\0';
	char line[400];
	snprintf(line, sizeof line, "search s.example %s t.example\n", longdom);
	parse(&c, line);
	memset(longname, 'x', 60);
	longname[60] = '\0';
	assert_search(&c, longname,
		      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.s.example. "
		      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.",
		      false);
	/* A name that is not a name is an error. */
	uint8_t out[SEARCH_MAX][Q53_NAME_MAX];
	bool first;
	assert_int_equal(q53_search_names(&c, "a..b", 4, out, &first), Q53_EEMPTY);
}

static void test_search_localhost_reverse(void **state)
{
	(void)state;
	uint8_t n[Q53_NAME_MAX];
	name("localhost.", n);
	assert_true(q53_is_localhost(n));
	name("LocalHost.", n);
	assert_true(q53_is_localhost(n));
	name("www.localhost.", n);
	assert_true(q53_is_localhost(n));
	name("localhost.example.", n);
	assert_false(q53_is_localhost(n));
	name("localhostx.", n);
	assert_false(q53_is_localhost(n));
	name(".", n);
	assert_false(q53_is_localhost(n));

	uint8_t out[Q53_NAME_MAX];
	char t[Q53_NAME_TEXT_MAX];
	assert_int_equal(q53_reverse_name((const uint8_t *)"\xc0\x00\x02\x0a", 4, out), 25);
	q53_name_to_text(out, t, sizeof t);
	assert_string_equal(t, "10.2.0.192.in-addr.arpa.");
	assert_int_equal(q53_name_check(out, 25), 25);
	uint8_t a6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x1};
	assert_int_equal(q53_reverse_name(a6, 16, out), 74);
	q53_name_to_text(out, t, sizeof t);
	assert_string_equal(t, "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.");
	assert_int_equal(q53_reverse_name(a6, 5, out), Q53_EINVAL);

	/* And back: the address a reverse name stands for. */
	uint8_t back[16];
	q53_reverse_name(a6, 16, out);
	assert_int_equal(q53_reverse_parse(out, back), 16);
	assert_memory_equal(back, a6, 16);
	name("10.2.0.192.IN-ADDR.ARPA.", n);
	assert_int_equal(q53_reverse_parse(n, back), 4);
	assert_memory_equal(back, "\xc0\x00\x02\x0a", 4);
	name("010.2.0.192.in-addr.arpa.", n);
	assert_int_equal(q53_reverse_parse(n, back), 0);
	name("256.2.0.192.in-addr.arpa.", n);
	assert_int_equal(q53_reverse_parse(n, back), 0);
	name("2.0.192.in-addr.arpa.", n);
	assert_int_equal(q53_reverse_parse(n, back), 0);
	name("www.example.", n);
	assert_int_equal(q53_reverse_parse(n, back), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_conf_defaults),
	    cmocka_unit_test(test_conf_nameservers),
	    cmocka_unit_test(test_conf_search_domain),
	    cmocka_unit_test(test_conf_options),
	    cmocka_unit_test(test_conf_trust_ad),
	    cmocka_unit_test(test_conf_environment),
	    cmocka_unit_test(test_conf_overrides),
	    cmocka_unit_test(test_conf_nsswitch),
	    cmocka_unit_test(test_hosts_parse_find),
	    cmocka_unit_test(test_search_ndots),
	    cmocka_unit_test(test_search_localhost_reverse),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
