/*
 * q53d: the authoritative name server. Reads its settings from the command line and an optional
 * "key value" config file, opens every socket, drops privileges, loads the zones (any error stops the
 * start-up: exit 1 with each error as file:line:col), then serves them with server/server.c and waits for
 * signals: SIGHUP reloads the zones (a zone that fails keeps its old snapshot), SIGUSR1 logs statistics,
 * SIGTERM and SIGINT stop cleanly. Defaults protect the Internet: minimal responses, EDNS buffer 1232,
 * REFUSED outside our zones, no CHAOS version unless configured.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <limits.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>
#include <fcntl.h>

#include "net.h"
#include "server.h"

enum { MAX_LISTEN = 64, DEFAULT_PORT = 53 };

/* Strings this program allocated (config values, absolute paths): freed together at exit. */
typedef struct strs {
	char **v;
	size_t n, cap;
} strs;

typedef struct settings {
	q53_listen_addr_t listen[MAX_LISTEN];
	size_t nlisten;
	q53_zone_spec_t *zones;
	size_t nzones, zcap;
	const char **dirs;
	size_t ndirs, dcap;
	unsigned threads;
	const char *user, *nsid, *version, *identity;
	unsigned edns_size;
	int minimal;	   /* -1: default (yes) */
	unsigned idle_s;   /* 0: default */
	unsigned max_conn; /* 0: default */
	int use_syslog;	   /* -1: default (stderr with -f, syslog without) */
	q53_xfr_t *xfr;	   /* transfer ACLs, NOTIFY targets and TSIG keys */
	q53_rrl_cfg_t rrl; /* response rate limiting: the defaults, then the rrl-* settings */
	strs own;
} settings;

/* Start-up messages (zone errors, the ready line) always reach stderr too, so whoever starts q53d
 * sees why it stopped; after that, lines go only where `log` says. */
typedef struct logger {
	bool syslog, to_stderr;
} logger;

static void log_line(int level, const char *msg, void *ctx)
{
	const logger *l = ctx;
	if (l->syslog)
		syslog(level, "%s", msg);
	if (l->to_stderr)
		fprintf(stderr, "q53d: %s\n", msg);
}

static void complain(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void complain(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("q53d: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static char *keep(strs *s, char *p)
{
	if (p == NULL)
		return NULL;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		char **v = realloc(s->v, cap * sizeof *v);
		if (v == NULL) {
			free(p);
			return NULL;
		}
		s->v = v;
		s->cap = cap;
	}
	return s->v[s->n++] = p;
}

/* An absolute path: relative ones are taken from base (the config file's directory) or the cwd. */
static const char *abs_path(settings *st, const char *base, const char *path)
{
	char cwd[PATH_MAX];
	if (path[0] == '/')
		return keep(&st->own, strdup(path));
	if (base == NULL) {
		if (getcwd(cwd, sizeof cwd) == NULL)
			return keep(&st->own, strdup(path));
		base = cwd;
	}
	size_t n = strlen(base) + strlen(path) + 2;
	char *p = malloc(n);
	if (p != NULL)
		snprintf(p, n, "%s/%s", base, path);
	return keep(&st->own, p);
}

static int parse_uint(const char *v, unsigned lo, unsigned hi, unsigned *out)
{
	char *end;
	if (*v < '0' || *v > '9')
		return -1;
	errno = 0;
	unsigned long n = strtoul(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < lo || n > hi)
		return -1;
	*out = (unsigned)n;
	return 0;
}

static int parse_bool(const char *v, int *out)
{
	if (strcmp(v, "yes") == 0 || strcmp(v, "on") == 0 || strcmp(v, "true") == 0)
		*out = 1;
	else if (strcmp(v, "no") == 0 || strcmp(v, "off") == 0 || strcmp(v, "false") == 0)
		*out = 0;
	else
		return -1;
	return 0;
}

static int add_zone(settings *st, const char *where, const char *base, const char *v)
{
	/* "ORIGIN=FILE" (as -z) or "ORIGIN FILE" (in the config file). */
	const char *sep = strchr(v, '=');
	if (sep == NULL)
		sep = strpbrk(v, " \t");
	const char *file = sep;
	if (file != NULL)
		while (*file == '=' || *file == ' ' || *file == '\t')
			file++;
	if (sep == NULL || sep == v || *file == '\0') {
		complain("%s: zone needs ORIGIN=FILE, not '%s'", where, v);
		return -1;
	}
	if (st->nzones == st->zcap) {
		size_t cap = st->zcap ? st->zcap * 2 : 8;
		q53_zone_spec_t *z = realloc(st->zones, cap * sizeof *z);
		if (z == NULL)
			return -1;
		st->zones = z;
		st->zcap = cap;
	}
	const char *origin = keep(&st->own, strndup(v, (size_t)(sep - v)));
	const char *path = abs_path(st, base, file);
	if (origin == NULL || path == NULL)
		return -1;
	st->zones[st->nzones++] = (q53_zone_spec_t){origin, path};
	return 0;
}

static int add_dir(settings *st, const char *base, const char *v)
{
	if (st->ndirs == st->dcap) {
		size_t cap = st->dcap ? st->dcap * 2 : 4;
		const char **d = realloc(st->dirs, cap * sizeof *d);
		if (d == NULL)
			return -1;
		st->dirs = d;
		st->dcap = cap;
	}
	const char *p = abs_path(st, base, v);
	if (p == NULL)
		return -1;
	st->dirs[st->ndirs++] = p;
	return 0;
}

static int add_listen(settings *st, const char *where, const char *v)
{
	if (st->nlisten == MAX_LISTEN) {
		complain("%s: at most %d listen addresses", where, MAX_LISTEN);
		return -1;
	}
	q53_listen_addr_t *a = &st->listen[st->nlisten];
	if (q53_net_addr_parse(v, DEFAULT_PORT, &a->ss, &a->len) < 0) {
		complain("%s: bad address '%s' (want ADDR or ADDR@PORT, e.g. 127.0.0.1@5300 or ::1@5300)",
			 where, v);
		return -1;
	}
	if (q53_net_addr_port((struct sockaddr *)&a->ss) == 0) {
		complain("%s: bad address '%s': port 0", where, v);
		return -1;
	}
	st->nlisten++;
	return 0;
}

/* "rrl-exempt": prefixes separated by blanks, added to those before; "none" clears the list (loopback
 * included). */
static int rrl_exempt(q53_rrl_cfg_t *r, const char *where, const char *v)
{
	r->exempt_set = true;
	if (strcmp(v, "none") == 0) {
		r->nexempt = 0;
		return 0;
	}
	char word[128];
	for (const char *p = v; *p != '\0';) {
		size_t n = strcspn(p, " \t");
		if (n > 0) {
			if (n >= sizeof word || (memcpy(word, p, n), word[n] = '\0',
						 q53_net_prefix_parse(word, &r->exempt[r->nexempt]) < 0)) {
				complain("%s: rrl-exempt: bad address prefix '%.*s' (e.g. 192.0.2.0/24, ::1)",
					 where, (int)n, p);
				return -1;
			}
			if (++r->nexempt == Q53_RRL_EXEMPT_MAX) {
				complain("%s: rrl-exempt: more than %d prefixes", where,
					 Q53_RRL_EXEMPT_MAX - 1);
				return -1;
			}
		}
		p += n;
		p += strspn(p, " \t");
	}
	return 0;
}

/* The rrl-* settings, key without its "rrl-". */
static int rrl_setting(q53_rrl_cfg_t *r, const char *where, const char *key, const char *v)
{
	static const struct {
		const char *key;
		unsigned lo, hi;
		size_t off;
		const char *what;
	} nums[] = {
	    {"rate", 0, Q53_RRL_RATE_MAX, offsetof(q53_rrl_cfg_t, rate), "responses a second"},
	    {"slip", 0, Q53_RRL_SLIP_MAX, offsetof(q53_rrl_cfg_t, slip), "a number"},
	    {"ipv4-prefix", 8, 32, offsetof(q53_rrl_cfg_t, ipv4_prefix), "bits"},
	    {"ipv6-prefix", 16, 128, offsetof(q53_rrl_cfg_t, ipv6_prefix), "bits"},
	    {"size", 1024, 1u << 30, offsetof(q53_rrl_cfg_t, size), "buckets"},
	};
	if (strcmp(key, "exempt") == 0)
		return rrl_exempt(r, where, v);
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		if (strcmp(key, nums[i].key) != 0)
			continue;
		if (parse_uint(v, nums[i].lo, nums[i].hi, (unsigned *)(void *)((char *)r + nums[i].off)) <
		    0) {
			complain("%s: rrl-%s must be %s from %u to %u, not '%s'", where, key, nums[i].what,
				 nums[i].lo, nums[i].hi, v);
			return -1;
		}
		return 0;
	}
	complain("%s: unknown setting 'rrl-%s'", where, key);
	return -1;
}

/*
 * Applies one setting; where names its origin ("-t" or "file:line") for errors. Values are borrowed
 * from the caller and copied when kept.
 */
static int apply(settings *st, const char *where, const char *base, const char *key, const char *v)
{
	if (strcmp(key, "listen") == 0)
		return add_listen(st, where, v);
	if (strcmp(key, "zone") == 0)
		return add_zone(st, where, base, v);
	if (strcmp(key, "zonedir") == 0)
		return add_dir(st, base, v);
	if (strcmp(key, "threads") == 0) {
		if (parse_uint(v, 1, 1024, &st->threads) < 0) {
			complain("%s: threads must be a number from 1 to 1024, not '%s'", where, v);
			return -1;
		}
		return 0;
	}
	if (strcmp(key, "user") == 0 || strcmp(key, "nsid") == 0 || strcmp(key, "version") == 0 ||
	    strcmp(key, "identity") == 0) {
		const char *c = keep(&st->own, strdup(v));
		if (c == NULL)
			return -1;
		if (key[0] == 'u')
			st->user = c;
		else if (key[0] == 'n')
			st->nsid = c;
		else if (key[0] == 'v')
			st->version = c;
		else
			st->identity = c;
		/* RFC 5001 2.3 allows 65535 octets; an identifier that long would crowd out the answer. */
		if (key[0] == 'n' && (strlen(c) == 0 || strlen(c) > Q53_NSID_MAX)) {
			complain("%s: nsid must be 1 to %d characters", where, Q53_NSID_MAX);
			return -1;
		}
		if ((key[0] == 'v' || key[0] == 'i') && strlen(c) > Q53_CHAOS_TXT_MAX) {
			complain("%s: %s must be at most %d characters", where, key, Q53_CHAOS_TXT_MAX);
			return -1;
		}
		return 0;
	}
	if (strcmp(key, "edns-size") == 0) {
		/* RFC 6891 6.2.5: below 512 means 512; 1232 is the DNS flag day 2020 value; 4096 the usual
		 * top. */
		if (parse_uint(v, 512, 4096, &st->edns_size) < 0) {
			complain("%s: edns-size must be a number from 512 to 4096, not '%s'", where, v);
			return -1;
		}
		return 0;
	}
	if (strcmp(key, "minimal-responses") == 0) {
		if (parse_bool(v, &st->minimal) < 0) {
			complain("%s: minimal-responses must be yes or no, not '%s'", where, v);
			return -1;
		}
		return 0;
	}
	if (strcmp(key, "tcp-idle-timeout") == 0) {
		if (parse_uint(v, 1, 3600, &st->idle_s) < 0) {
			complain("%s: tcp-idle-timeout must be seconds from 1 to 3600, not '%s'", where, v);
			return -1;
		}
		return 0;
	}
	if (strcmp(key, "tcp-max-connections") == 0) {
		if (parse_uint(v, 1, 100000, &st->max_conn) < 0) {
			complain("%s: tcp-max-connections must be a number from 1 to 100000, not '%s'", where,
				 v);
			return -1;
		}
		return 0;
	}
	if (strncmp(key, "rrl-", 4) == 0)
		return rrl_setting(&st->rrl, where, key + 4, v);
	if (strcmp(key, "log") == 0) {
		if (strcmp(v, "syslog") == 0)
			st->use_syslog = 1;
		else if (strcmp(v, "stderr") == 0)
			st->use_syslog = 0;
		else {
			complain("%s: log must be syslog or stderr, not '%s'", where, v);
			return -1;
		}
		return 0;
	}
	char err[512];
	if (strcmp(key, "secondary-dir") == 0 && (v = abs_path(st, base, v)) == NULL)
		return -1;
	int x = q53_xfr_setting(st->xfr, key, v, err, sizeof err);
	if (x < 0)
		complain("%s: %s", where, err);
	if (x != 0)
		return x < 0 ? -1 : 0;
	complain("%s: unknown setting '%s'", where, key);
	return -1;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* Reads "key value" lines; '#' starts a comment; a value may be in double quotes. */
static int read_config(settings *st, const char *path)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		complain("%s: %s", path, strerror(errno));
		return -1;
	}
	/* Relative paths in the file are relative to the file, wherever q53d was started. */
	char base[PATH_MAX];
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		snprintf(base, sizeof base, ".");
	else
		snprintf(base, sizeof base, "%.*s", (int)(slash - path == 0 ? 1 : slash - path), path);
	char basebuf[PATH_MAX];
	if (base[0] != '/' && realpath(base, basebuf) != NULL)
		snprintf(base, sizeof base, "%s", basebuf);

	char *line = NULL;
	size_t cap = 0;
	unsigned lineno = 0;
	int rc = 0;
	/* Invariant: lines 1..lineno are applied; the first error stops the read. */
	while (rc == 0 && getline(&line, &cap, f) >= 0) {
		lineno++;
		char where[PATH_MAX + 32];
		snprintf(where, sizeof where, "%s:%u", path, lineno);
		char *s = trim(line);
		bool quoted = false;
		char *key = s, *v = s + strcspn(s, " \t");
		if (*v != '\0')
			*v++ = '\0';
		v = trim(v);
		if (*v == '"') {
			char *close = strchr(v + 1, '"');
			if (close == NULL) {
				complain("%s: unterminated quoted value", where);
				rc = -1;
				break;
			}
			*close = '\0';
			if (*trim(close + 1) != '\0' && *trim(close + 1) != '#') {
				complain("%s: text after the quoted value", where);
				rc = -1;
				break;
			}
			v++;
			quoted = true;
		}
		if (!quoted) {
			char *hash = strchr(v, '#');
			if (hash != NULL)
				*hash = '\0';
			v = trim(v);
		}
		if (*key == '\0' || *key == '#')
			continue;
		if (*v == '\0' && !quoted) {
			complain("%s: '%s' needs a value", where, key);
			rc = -1;
			break;
		}
		rc = apply(st, where, base, key, v);
	}
	if (rc == 0 && ferror(f)) {
		complain("%s: %s", path, strerror(errno));
		rc = -1;
	}
	free(line);
	fclose(f);
	return rc;
}

static void usage(FILE *f)
{
	fprintf(
	    f,
	    "usage: q53d [-f] [-c FILE] [-d DIR] [-z ORIGIN=FILE]... [-l ADDR[@PORT]]... [-t THREADS]\n"
	    "            [-u USER] [-n NSID]\n"
	    "  -c, --config FILE      read settings from FILE (see q53d(8))\n"
	    "  -d, --zonedir DIR      serve every *.zone file in DIR (origin = file name without .zone)\n"
	    "  -z, --zone ORIGIN=FILE serve the zone ORIGIN from FILE (repeatable)\n"
	    "  -l, --listen ADDR[@PORT]  UDP and TCP address (repeatable; default 127.0.0.1@53 and ::1@53)\n"
	    "  -t, --threads N        UDP worker threads (default: one per CPU)\n"
	    "  -u, --user USER        drop privileges to USER after opening the sockets\n"
	    "  -n, --nsid NSID        answer EDNS NSID requests (RFC 5001) with NSID\n"
	    "  -y, --tsig-key [ALG:]NAME:BASE64  a TSIG key (RFC 8945; ALG hmac-sha256 by default)\n"
	    "      --allow-transfer PREFIX[ key NAME]  AXFR/IXFR of every zone from PREFIX (repeatable)\n"
	    "      --notify ORIGIN ADDR[@PORT][ key NAME]  NOTIFY ADDR when ORIGIN's serial changes\n"
	    "  -f, --foreground       stay in the foreground and log to stderr\n"
	    "  -V, --version          print the version\n"
	    "  -h, --help             this help\n"
	    "Signals: HUP reloads the zones, USR1 logs statistics, TERM and INT stop.\n");
}

/* Looks the user up before any socket is opened, so a typo costs nothing. */
static int find_user(const char *user, uid_t *uid, gid_t *gid)
{
	errno = 0;
	struct passwd *pw = getpwnam(user);
	if (pw == NULL) {
		complain("user '%s': %s", user, errno ? strerror(errno) : "no such user");
		return -1;
	}
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	return 0;
}

static int drop_privileges(const char *user, uid_t uid, gid_t gid)
{
	/* Groups first, then the gid, then the uid: after setuid the others are out of reach. */
	if (setgroups(1, &gid) < 0) {
		complain("user '%s': setgroups: %s", user, strerror(errno));
		return -1;
	}
	if (setgid(gid) < 0) {
		complain("user '%s': setgid: %s", user, strerror(errno));
		return -1;
	}
	if (setuid(uid) < 0) {
		complain("user '%s': setuid: %s", user, strerror(errno));
		return -1;
	}
	if (uid != 0 && setuid(0) == 0) {
		complain("user '%s': root privileges could be regained", user);
		return -1;
	}
	return 0;
}

static int daemonize(void)
{
	pid_t p = fork();
	if (p < 0)
		return -1;
	if (p > 0)
		_exit(0);
	if (setsid() < 0)
		return -1;
	/* A second fork: the daemon is not a session leader, so it never gets a controlling terminal. */
	p = fork();
	if (p < 0)
		return -1;
	if (p > 0)
		_exit(0);
	if (chdir("/") < 0)
		return -1;
	int fd = open("/dev/null", O_RDWR);
	if (fd < 0)
		return -1;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
	return 0;
}

/* Raises the open-file limit to its hard limit and keeps the TCP cap below what it allows. */
static unsigned fit_fd_limit(unsigned max_conn, size_t sockets)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return max_conn;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
		(void)getrlimit(RLIMIT_NOFILE, &rl);
	}
	rlim_t spare = 64 + (rlim_t)sockets;
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur > spare && max_conn > rl.rlim_cur - spare) {
		unsigned fit = (unsigned)(rl.rlim_cur - spare);
		complain("tcp-max-connections %u is above what the open-file limit allows: %u", max_conn,
			 fit);
		return fit;
	}
	return max_conn;
}

static void free_settings(settings *st)
{
	for (size_t i = 0; i < st->own.n; i++)
		free(st->own.v[i]);
	free(st->own.v);
	free(st->zones);
	free(st->dirs);
}

/* The secondary thread's way to reload: the same SIGHUP an operator sends, taken by the signal loop. */
static void reload_self(void *ctx)
{
	(void)ctx;
	kill(getpid(), SIGHUP);
}

typedef struct cli_opt {
	const char *key, *value;
	char where[3]; /* "-l" */
} cli_opt;

int main(int argc, char **argv)
{
	static const struct option longs[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"zonedir", required_argument, NULL, 'd'},
	    {"zone", required_argument, NULL, 'z'},
	    {"listen", required_argument, NULL, 'l'},
	    {"threads", required_argument, NULL, 't'},
	    {"user", required_argument, NULL, 'u'},
	    {"nsid", required_argument, NULL, 'n'},
	    {"tsig-key", required_argument, NULL, 'y'},
	    {"allow-transfer", required_argument, NULL, 'A'},
	    {"notify", required_argument, NULL, 'N'},
	    {"foreground", no_argument, NULL, 'f'},
	    {"version", no_argument, NULL, 'V'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	settings st = {.minimal = -1, .use_syslog = -1};
	cli_opt *cli = calloc((size_t)argc + 1, sizeof *cli);
	size_t ncli = 0;
	const char *config = NULL;
	bool foreground = false;
	int c, status = 1;
	q53_server_t *srv = NULL;
	logger lg = {false, true};
	st.xfr = q53_xfr_new(log_line, &lg);
	q53_rrl_cfg_init(&st.rrl);
	if (cli == NULL || st.xfr == NULL) {
		complain("out of memory");
		return 1;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:d:z:l:t:u:n:y:fVh", longs, NULL)) != -1) {
		const char *key = NULL;
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'd':
			key = "zonedir";
			break;
		case 'z':
			key = "zone";
			break;
		case 'l':
			key = "listen";
			break;
		case 't':
			key = "threads";
			break;
		case 'u':
			key = "user";
			break;
		case 'n':
			key = "nsid";
			break;
		case 'y':
			key = "tsig-key";
			break;
		case 'A':
			key = "allow-transfer";
			break;
		case 'N':
			key = "notify";
			break;
		case 'f':
			foreground = true;
			break;
		case 'V':
			printf("q53d %s\n", PACKAGE_VERSION);
			status = 0;
			goto out;
		case 'h':
			usage(stdout);
			status = 0;
			goto out;
		case ':':
			complain("option '%s' needs an argument (try q53d -h)", argv[optind - 1]);
			goto out;
		default:
			if (optopt != 0)
				complain("unknown option '-%c' (try q53d -h)", optopt);
			else
				complain("unknown option '%s' (try q53d -h)", argv[optind - 1]);
			goto out;
		}
		if (key != NULL)
			cli[ncli++] = (cli_opt){key, optarg, {'-', (char)c, '\0'}};
	}
	if (optind < argc) {
		complain("unexpected argument '%s' (try q53d -h)", argv[optind]);
		goto out;
	}
	if (config != NULL && read_config(&st, config) < 0)
		goto out;
	/* The command line wins: its listen addresses replace those of the config file. */
	bool cli_listen = false;
	/* TSIG keys first, so --allow-transfer and --notify may name a -y key given after them. */
	for (size_t i = 0; i < ncli; i++)
		if (strcmp(cli[i].key, "tsig-key") == 0 &&
		    apply(&st, cli[i].where, NULL, cli[i].key, cli[i].value) < 0)
			goto out;
	for (size_t i = 0; i < ncli; i++) {
		if (strcmp(cli[i].key, "tsig-key") == 0)
			continue;
		if (strcmp(cli[i].key, "listen") == 0 && !cli_listen) {
			cli_listen = true;
			st.nlisten = 0;
		}
		if (apply(&st, cli[i].where, NULL, cli[i].key, cli[i].value) < 0)
			goto out;
	}
	if (q53_xfr_secondaries(st.xfr) > 0) {
		/* Secondary copies are a zone directory of their own: a restart serves them at once. */
		const char *sdir = q53_xfr_secondary_dir(st.xfr);
		if (sdir == NULL) {
			complain("secondary zones need 'secondary-dir DIR' for their copies");
			goto out;
		}
		if (mkdir(sdir, 0755) < 0 && errno != EEXIST) {
			complain("secondary-dir %s: %s", sdir, strerror(errno));
			goto out;
		}
		if (add_dir(&st, NULL, sdir) < 0)
			goto out;
		q53_xfr_on_secondary_change(st.xfr, reload_self, NULL);
	}
	if (st.nzones == 0 && st.ndirs == 0) {
		complain("no zones to serve: give -d DIR, -z ORIGIN=FILE or a config file (try q53d -h)");
		goto out;
	}
	bool default_listen = st.nlisten == 0;
	if (default_listen) {
		add_listen(&st, "default", "127.0.0.1");
		add_listen(&st, "default", "::1");
	}
	if (st.use_syslog == -1)
		st.use_syslog = !foreground;
	lg.syslog = st.use_syslog == 1;
	if (lg.syslog)
		openlog("q53d", LOG_PID | LOG_NDELAY, LOG_DAEMON);

	/* Signals are taken by sigwait in this thread only: block them before any thread starts. */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGHUP);
	sigaddset(&sigs, SIGUSR1);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	uint8_t secret[16];
	if (getrandom(secret, sizeof secret, 0) != (ssize_t)sizeof secret) {
		complain("getrandom: %s", strerror(errno));
		goto out;
	}
	q53_server_cfg_t cfg = {
	    .listen = st.listen,
	    .nlisten = st.nlisten,
	    .listen_optional = default_listen,
	    .threads = st.threads,
	    .tcp_idle_ms = st.idle_s * 1000u,
	    .zones = st.zones,
	    .nzones = st.nzones,
	    .zonedirs = st.dirs,
	    .nzonedirs = st.ndirs,
	    .xfr = st.xfr,
	    .log = log_line,
	    .log_ctx = &lg,
	};
	q53_answer_cfg_init(&cfg.answer, secret);
	cfg.rrl = st.rrl;
	if (st.edns_size != 0)
		cfg.answer.edns_size = (uint16_t)st.edns_size;
	if (st.minimal != -1)
		cfg.answer.minimal = st.minimal == 1;
	if (st.nsid != NULL) {
		cfg.answer.nsid = st.nsid;
		cfg.answer.nsid_len = strlen(st.nsid);
	}
	cfg.answer.version = st.version;
	cfg.answer.identity = st.identity;
	unsigned threads = st.threads;
	if (threads == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (unsigned)n : 1;
	}
	cfg.threads = threads;
	cfg.tcp_max_conn = fit_fd_limit(st.max_conn ? st.max_conn : 100, (threads + 1) * st.nlisten);

	uid_t uid = 0;
	gid_t gid = 0;
	if (st.user != NULL && find_user(st.user, &uid, &gid) < 0)
		goto out;
	char msg[MAX_LISTEN * Q53_NET_ADDR_TEXT_MAX + 512];
	srv = q53_server_new(&cfg, msg, sizeof msg);
	if (srv == NULL) {
		complain("%s", msg);
		goto out;
	}
	/* Sockets are open: from here on nothing needs root. Zones are read as the user, as on reload. */
	if (st.user != NULL && drop_privileges(st.user, uid, gid) < 0)
		goto out;
	int failed = q53_server_load(srv);
	if (failed != 0) {
		if (failed > 0)
			complain("%d zone%s failed to load, not starting", failed, failed == 1 ? "" : "s");
		else
			complain("loading zones: %s", q53_strerror(failed));
		goto out;
	}
	if (!foreground && daemonize() < 0) {
		complain("cannot become a daemon: %s", strerror(errno));
		goto out;
	}
	if (!foreground)
		lg.to_stderr = false;
	if (q53_server_start(srv) < 0 || q53_xfr_start(st.xfr) < 0)
		goto out;
	char addrs[MAX_LISTEN * Q53_NET_ADDR_TEXT_MAX];
	q53_server_addrs_text(srv, addrs, sizeof addrs);
	size_t nz = q53_server_zone_count(srv);
	snprintf(msg, sizeof msg, "serving %zu zone%s on%s (%u UDP thread%s)", nz, nz == 1 ? "" : "s", addrs,
		 threads, threads == 1 ? "" : "s");
	log_line(Q53_LOG_INFO, msg, &lg);
	lg.to_stderr = !lg.syslog;

	for (;;) {
		int sig = 0;
		if (sigwait(&sigs, &sig) != 0)
			continue;
		if (sig == SIGHUP) {
			log_line(Q53_LOG_INFO, "reloading zones", &lg);
			int r = q53_server_load(srv);
			nz = q53_server_zone_count(srv);
			if (r < 0)
				snprintf(msg, sizeof msg, "reload failed: %s; the zones served are unchanged",
					 q53_strerror(r));
			else
				snprintf(msg, sizeof msg, "reload done: serving %zu zone%s, %d failed", nz,
					 nz == 1 ? "" : "s", r);
			log_line(r == 0 ? Q53_LOG_INFO : Q53_LOG_ERR, msg, &lg);
		} else if (sig == SIGUSR1) {
			q53_server_log_stats(srv);
		} else {
			snprintf(msg, sizeof msg, "stopping on signal %d", sig);
			log_line(Q53_LOG_INFO, msg, &lg);
			break;
		}
	}
	status = 0;
out:
	q53_xfr_stop(st.xfr);
	q53_server_free(srv);
	q53_xfr_free(st.xfr);
	free_settings(&st);
	free(cli);
	if (lg.syslog)
		closelog();
	return status;
}
