// SPDX-License-Identifier: GPL-2.0
/*
 * mdscope fleet: many snapshots at once. Files, directories (walked
 * recursively, *.json only, in name order) and '-' (stdin: one JSON
 * snapshot per line) are loaded and analyzed by worker threads, one host
 * per snapshot, then aggregated (analyze/fleet.c) and printed
 * (output/fleet_print.c). A file that cannot be read or is not a snapshot
 * is one stderr line naming it and counts as unknown, so the exit status
 * (the worst host's: critical > unknown > warning > ok) is never 0 or 1
 * when one is broken.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "classify.h"
#include "fleet.h"
#include "fleet_print.h"
#include "opts.h"
#include "snapshot.h"
#include "subcommands.h"

#define EXIT_ERROR 3
#define FLEET_MAX_DEPTH 32

static const char fleet_usage[] =
	"Usage: %s fleet [options] PATH...\n"
	"\n"
	"Inventory, exposure and outliers over many snapshots ('mdscope snapshot',\n"
	"'mdscope import'). PATH is a snapshot file, a directory (searched\n"
	"recursively for *.json) or '-' (one JSON snapshot per line on stdin).\n"
	"\n"
	"Options:\n"
	"  -j, --json            machine-readable output (schema mdscope-fleet/1)\n"
	"  -a, --max-age AGE     snapshots older than AGE are outliers (30d, 12h, 90m, 45s)\n"
	"  -J, --jobs N          worker threads (default: the online CPUs, at most 8)\n"
	"  -h, --help            show this help\n"
	"\n"
	"Exit status: the worst host's (0 ok, 1 warning, 2 critical, 3 unknown); an\n"
	"unreadable file counts as unknown. The text format may change; scripts use --json.\n";

/* One input: a path, or a stdin line (text set; binary: it held a NUL). */
struct item {
	char *path;
	char *text;
	bool binary;
};

struct work {
	struct item *items;
	struct fleet_host *hosts;
	size_t n;
	atomic_size_t next;
};

struct list {
	struct item *v;
	size_t n, cap;
};

static int push(struct list *l, char *path, char *text)
{
	if (l->n == l->cap) {
		size_t n = l->cap ? l->cap * 2 : 256;
		struct item *nv = realloc(l->v, n * sizeof(*nv));

		if (!nv)
			return -ENOMEM;
		l->v = nv;
		l->cap = n;
	}
	l->v[l->n++] = (struct item){ path, text, false };
	return 0;
}

static int name_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static bool is_json(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && !strcmp(name + n - 5, ".json");
}

/* Files under dir (recursively), *.json, in name order; errors are one line. */
static int walk(struct list *l, const char *dir, int depth)
{
	struct dirent **ents;
	int n, e = 0;

	if (depth > FLEET_MAX_DEPTH) {
		fprintf(stderr, "%s: fleet: %s: directories nested too deep, skipped\n", prog, dir);
		return 1;
	}
	n = scandir(dir, &ents, NULL, name_cmp);
	if (n < 0) {
		fprintf(stderr, "%s: fleet: %s: %s\n", prog, dir, strerror(errno));
		return 1;
	}
	for (int i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		unsigned char t = ents[i]->d_type;
		char *p = NULL;
		struct stat st;

		if (e < 0 || name[0] == '.' || asprintf(&p, "%s/%s", dir, name) < 0) {
			free(ents[i]);
			continue;
		}
		if (t == DT_UNKNOWN || t == DT_LNK)
			t = stat(p, &st) ? DT_UNKNOWN : S_ISDIR(st.st_mode) ? DT_DIR : DT_REG;
		if (t == DT_DIR && !(ents[i]->d_type == DT_LNK)) {
			int r = walk(l, p, depth + 1);

			e = r < 0 ? r : e | r;
			free(p);
		} else if (t == DT_REG && is_json(name)) {
			if (push(l, p, NULL))
				e = -ENOMEM, free(p);
		} else {
			free(p);
		}
		free(ents[i]);
	}
	free(ents);
	return e;
}

/* stdin: one snapshot per non-blank line, named "-:LINE". */
static int read_stdin(struct list *l)
{
	char *line = NULL, *name;
	size_t cap = 0, no = 0;
	ssize_t n;
	int e = 0;

	while (!e && (n = getline(&line, &cap, stdin)) >= 0) {
		no++;
		if (strlen(line) == (size_t)n && !line[strspn(line, " \t\r\n")])
			continue;
		if (asprintf(&name, "-:%zu", no) < 0)
			return -ENOMEM;
		if (strlen(line) != (size_t)n) {	/* a NUL inside */
			if (!(e = push(l, name, NULL)))
				l->v[l->n - 1].binary = true;
			continue;
		}
		e = push(l, name, line);
		line = NULL;
		cap = 0;
	}
	free(line);
	return e;
}

static void one(const struct item *it, struct fleet_host *h)
{
	struct mds_err err = { "" };
	struct mds_snapshot s;
	struct cls_result r;
	int e;

	memset(h, 0, sizeof(*h));
	snprintf(h->file, sizeof(h->file), "%s", it->path);
	if (it->binary) {
		snprintf(h->error, sizeof(h->error), "binary data, not a snapshot");
		return;
	}
	e = it->text ? snapshot_from_string(&s, it->text, &err) : snapshot_load(&s, it->path, &err);
	if (e) {
		const char *m = err.msg[0] ? err.msg : strerror(-e);
		size_t n = strlen(it->path);

		if (!strncmp(m, it->path, n) && !strncmp(m + n, ": ", 2))
			m += n + 2;	/* the file is named once, by the caller */
		snprintf(h->error, sizeof(h->error), "%s", m);
		snapshot_free(&s);
		return;
	}
	if (classify_snapshot(&s, &r)) {
		snprintf(h->error, sizeof(h->error), "the snapshot holds no CPU to analyze");
	} else {
		fleet_host_from(h, &s, &r);
		cls_result_free(&r);
	}
	snapshot_free(&s);
}

static void *worker(void *arg)
{
	struct work *w = arg;
	size_t i;

	while ((i = atomic_fetch_add(&w->next, 1)) < w->n)
		one(&w->items[i], &w->hosts[i]);
	return NULL;
}

static int run_jobs(struct work *w, long jobs)
{
	pthread_t t[8];
	long started = 0;

	for (; started < jobs - 1; started++)
		if (pthread_create(&t[started], NULL, worker, w))
			break;
	worker(w);	/* this thread works too */
	for (long i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	return 0;
}

int fleet_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "max-age", required_argument, NULL, 'a' },
		{ "jobs", required_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	struct fleet f = { 0 };
	struct list l = { 0 };
	struct work w = { 0 };
	bool json = false, used_stdin = false;
	struct timespec ts;
	int c, e = 0, walk_err = 0, code;
	char *end;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":ja:J:h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case 'a':
			if (fleet_parse_duration(optarg, &f.max_age_ns)) {
				fprintf(stderr, "%s: fleet: --max-age: '%s' is not a duration like "
					"30d, 12h, 90m or 45s\n", prog, optarg);
				return EXIT_ERROR;
			}
			break;
		case 'J':
			jobs = strtol(optarg, &end, 10);
			if (*end || jobs < 1 || jobs > 8) {
				fprintf(stderr, "%s: fleet: --jobs: '%s' is not 1..8\n", prog, optarg);
				return EXIT_ERROR;
			}
			break;
		case 'h':
			printf(fleet_usage, prog);
			return 0;
		default:
			return opt_error("fleet", c, argv, EXIT_ERROR);
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "%s: fleet: which snapshots? give files, directories or '-'\n", prog);
		return EXIT_ERROR;
	}
	jobs = jobs < 1 ? 1 : jobs > 8 ? 8 : jobs;
	for (int i = optind; i < argc && e >= 0; i++) {
		struct stat st;

		if (!strcmp(argv[i], "-")) {
			if (used_stdin)
				continue;
			used_stdin = true;
			e = read_stdin(&l);
		} else if (!stat(argv[i], &st) && S_ISDIR(st.st_mode)) {
			int r = walk(&l, argv[i], 0);

			e = r < 0 ? r : 0;
			walk_err |= r > 0;
		} else {
			char *p = strdup(argv[i]);

			e = p ? push(&l, p, NULL) : -ENOMEM;
		}
	}
	w.items = l.v;
	w.n = l.n;
	w.hosts = e ? NULL : calloc(l.n ? l.n : 1, sizeof(*w.hosts));
	if (e || !w.hosts) {
		fprintf(stderr, "%s: fleet: %s\n", prog, strerror(ENOMEM));
		code = EXIT_ERROR;
		goto out;
	}
	atomic_init(&w.next, 0);
	run_jobs(&w, jobs);
	for (size_t i = 0; i < w.n; i++)
		if (w.hosts[i].error[0])
			fprintf(stderr, "%s: fleet: %s: %s\n", prog, w.hosts[i].file,
				w.hosts[i].error);
	clock_gettime(CLOCK_REALTIME, &ts);
	f.now_ns = (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
	f.hosts = w.hosts;
	f.nr_hosts = w.n;
	if (fleet_build(&f)) {
		fprintf(stderr, "%s: fleet: %s\n", prog, strerror(ENOMEM));
		code = EXIT_ERROR;
		goto out;
	}
	e = json ? fleet_print_json(stdout, &f) : fleet_print_text(stdout, &f);
	if (!e && (fflush(stdout) || ferror(stdout)))
		e = -EIO;
	if (e)
		fprintf(stderr, "%s: fleet: writing the result: %s\n", prog, strerror(-e));
	code = e ? EXIT_ERROR : f.exit_code;
	/* nothing to judge, or a directory that could not be read: never ok */
	if (!e && (!f.nr_ok || walk_err) && code != CLS_CRITICAL) {
		if (!f.nr_hosts)
			fprintf(stderr, "%s: fleet: no snapshot found\n", prog);
		code = EXIT_ERROR;
	}
	fleet_free(&f);
out:
	for (size_t i = 0; i < l.n; i++) {
		free(l.v[i].path);
		free(l.v[i].text);
	}
	free(l.v);
	free(w.hosts);
	return code;
}
