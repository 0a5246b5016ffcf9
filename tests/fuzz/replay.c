/*
 * Corpus replay: runs a fuzz target's LLVMFuzzerTestOneInput() over every file of the directories (or the
 * single files) named on the command line, without libFuzzer, so that `make check` in every build (gcc,
 * clang, sanitizers) re-checks each seed and each crash ever found. A target signals a broken invariant by
 * abort(); this program fails when an argument cannot be read or no file was run at all.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

/* The input being run, named by the abort handler: the one thing a failed replay must tell. */
static const char *volatile current;

static void on_abort(int sig)
{
	static const char msg[] = "replay: this input broke an invariant: ";
	const char *p = current;
	if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0 || p == NULL ||
	    write(STDERR_FILENO, p, strlen(p)) < 0 || write(STDERR_FILENO, "\n", 1) < 0)
		_exit(128 + sig);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Reads a whole file into a fresh malloc'd buffer of exactly its size (so ASan sees reads past it). */
static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	size_t cap = 4096, len = 0;
	uint8_t *buf = malloc(cap);
	/* Invariant: buf[0..len) holds the first len octets of the file. */
	while (buf != NULL) {
		len += fread(buf + len, 1, cap - len, f);
		if (len < cap)
			break;
		uint8_t *bigger = realloc(buf, cap * 2);
		if (bigger == NULL) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = bigger;
		cap *= 2;
	}
	int bad = ferror(f) || buf == NULL;
	fclose(f);
	if (bad) {
		fprintf(stderr, "replay: %s: read error\n", path);
		free(buf);
		return -1;
	}
	uint8_t *exact = malloc(len > 0 ? len : 1);
	if (exact == NULL) {
		free(buf);
		return -1;
	}
	memcpy(exact, buf, len);
	free(buf);
	current = path;
	LLVMFuzzerTestOneInput(exact, len);
	current = NULL;
	free(exact);
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file of dir in name order (so a failure reproduces the same way). Returns the count. */
static long run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d == NULL) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	long ran = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			char **more = realloc(names, cap * sizeof *names);
			if (more == NULL) {
				ran = -1;
				goto out;
			}
			names = more;
		}
		if ((names[n] = strdup(e->d_name)) == NULL) {
			ran = -1;
			goto out;
		}
		n++;
	}
	qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		struct stat st;
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, names[i]) >= sizeof path ||
		    stat(path, &st) != 0) {
			ran = -1;
			goto out;
		}
		if (!S_ISREG(st.st_mode))
			continue;
		if (run_file(path) != 0) {
			ran = -1;
			goto out;
		}
		ran++;
	}
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return ran;
}

int main(int argc, char **argv)
{
	long total = 0;
	if (argc < 2) {
		fprintf(stderr, "usage: %s CORPUS_DIR_OR_FILE...\n", argv[0]);
		return 2;
	}
	signal(SIGABRT, on_abort);
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			return 1;
		}
		long n = S_ISDIR(st.st_mode) ? run_dir(argv[i]) : (run_file(argv[i]) == 0 ? 1 : -1);
		if (n < 0)
			return 1;
		printf("replay: %s: %ld files\n", argv[i], n);
		total += n;
	}
	printf("replay: %ld inputs ran without a failure\n", total);
	/* An empty corpus would make the test pass while checking nothing. */
	return total > 0 ? 0 : 1;
}
