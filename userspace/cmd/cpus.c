// SPDX-License-Identifier: GPL-2.0
/*
 * The commands that show what the module holds: cpus, info, refresh,
 * monitor. Each parses its options, opens the family (loading the module
 * when needed), asks, and hands plain records to cpuprint.c. A request the
 * family vanished under (the module unloaded or reloaded meanwhile) is
 * asked again; when it keeps vanishing, one line says what the module is
 * doing, never a bare errno text.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "out.h"
#include "cpuprint.h"
#include "opts.h"
#include "kmod.h"
#include "nl.h"
#include "subcommands.h"

/* Long-only options. */
enum { OPT_JSON = CHAR_MAX + 1, OPT_CPU, OPT_COUNT, OPT_TIMEOUT };

#define RACE_TRIES	20
static unsigned int race_nap_ms = 100;	/* tests set 0 */

/* The family went away under a request: unregistered (ENOENT), or a dump
 * started while the module was going (EPROTONOSUPPORT). */
static bool vanished(int err)
{
	return err == -ENOENT || err == -EPROTONOSUPPORT;
}

static void race_nap(void)
{
	struct timespec ts = { race_nap_ms / 1000, (long)(race_nap_ms % 1000) * 1000000L };

	while (race_nap_ms && nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* The one line for a request whose family kept vanishing. */
static int race_fail(const char *what)
{
	fprintf(stderr, "%s: %s: %s; try again\n", prog, what, mds_module_race_text());
	return 1;
}

/* One stderr line: "mdscope: <what>: <kernel's or parser's text> (<strerror>)". */
static int cmd_fail(const char *what, int err)
{
	const char *msg = mds_nl_error();

	if (*msg)
		fprintf(stderr, "%s: %s: %s (%s)\n", prog, what, msg, strerror(-err));
	else
		fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(-err));
	return 1;
}

/* A decimal number in [0, max]; else one line naming the option. */
static int parse_num(const char *cmd, const char *opt, const char *s, unsigned long max,
		     unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(s, &end, 10);
	if (!*s || *end || errno || *s == '-' || *s == '+' || *out > max) {
		fprintf(stderr, "%s: %s: %s wants a number from 0 to %lu, not '%s'\n", prog, cmd,
			opt, max, s);
		return 1;
	}
	return 0;
}

static int open_family(void)
{
	char why[256];
	int err = mds_module_open(why, sizeof(why));

	if (err)
		fprintf(stderr, "%s: %s\n", prog, why);
	return err;
}

/* ---- cpus ----------------------------------------------------------- */

struct cpu_vec {
	struct mds_cpu *v;
	size_t n, cap;
};

static int collect(const struct mds_cpu *c, void *arg)
{
	struct cpu_vec *cv = arg;

	if (cv->n == cv->cap) {
		size_t cap = cv->cap ? 2 * cv->cap : 64;
		struct mds_cpu *v = realloc(cv->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		cv->v = v;
		cv->cap = cap;
	}
	cv->v[cv->n++] = *c;
	return 0;
}

static void cpus_usage(void)
{
	printf("Usage: %s cpus [--json] [--cpu N]\n\n"
	       "Show the raw facts mdscope.ko read on each CPU (CPUID, microcode, MSRs,\n"
	       "topology). The table is for people; scripts use --json.\n\n"
	       "  -j, --json     JSON, schema \"" MDS_CPUS_SCHEMA "\"\n"
	       "  -c, --cpu N    only logical CPU N\n"
	       "  -h, --help     this text\n", prog);
}

int cpus_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "cpu", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct cpu_vec cv = { 0 };
	unsigned long cpu = 0;
	bool json = false, one = false;
	char what[48];
	int c, err;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":jc:h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'c':
			if (parse_num("cpus", "--cpu", optarg, UINT32_MAX, &cpu))
				return 1;
			one = true;
			break;
		case 'h':
			cpus_usage();
			return 0;
		default:
			return opt_error("cpus", c, argv, 1);
		}
	}
	if (opt_extra("cpus", argc, argv, 1))
		return 1;
	for (int tries = 0;; tries++) {
		if (open_family()) {
			free(cv.v);
			return 1;
		}
		cv.n = 0;
		if (one) {
			snprintf(what, sizeof(what), "reading CPU %lu", cpu);
			err = collect(&(struct mds_cpu){ 0 }, &cv);
			if (!err)
				err = mds_nl_get_cpu(cpu, &cv.v[0]);
		} else {
			snprintf(what, sizeof(what), "dumping CPUs");
			err = mds_nl_dump_cpus(collect, &cv);
			if (!err && getenv("MDSCOPE_NL_STATS")) {
				struct mds_nl_stats st;

				mds_nl_stats(&st);
				fprintf(stderr, "%s: cpus: %zu records in %u netlink messages, "
					"%u attempt(s)\n", prog, cv.n, st.messages, st.attempts);
			}
		}
		mds_nl_close();
		if (!vanished(err))
			break;
		if (tries + 1 >= RACE_TRIES) {
			free(cv.v);
			return race_fail("cpus");
		}
		race_nap();
	}
	if (!err) {
		snprintf(what, sizeof(what), "writing output");
		if (!json)
			out_guard_stdout();
		err = mds_print_cpus(stdout, cv.v, cv.n, json);
	}
	free(cv.v);
	return err ? cmd_fail(what, err) : 0;
}

/* ---- info and refresh ----------------------------------------------- */

static int info_cmd(const char *cmd, int argc, char *argv[], bool refresh)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct mds_info info;
	bool json = false;
	int c, err;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'h':
			printf("Usage: %s %s [--json]\n\n%s\n\n"
			       "  -j, --json     JSON, schema \"" MDS_INFO_SCHEMA "\"\n"
			       "  -h, --help     this text\n", prog, cmd, refresh ?
			       "Re-read every online CPU (needs CAP_SYS_ADMIN: one IPI per CPU),\n"
			       "then show the module's new state." :
			       "Show the module's version, generation, CPU counts and last read.");
			return 0;
		default:
			return opt_error(cmd, c, argv, 1);
		}
	}
	if (opt_extra(cmd, argc, argv, 1))
		return 1;
	for (int tries = 0;; tries++) {
		if (open_family())
			return 1;
		err = refresh ? mds_nl_refresh(&info) : mds_nl_info(&info);
		mds_nl_close();
		if (!vanished(err))
			break;
		if (tries + 1 >= RACE_TRIES)
			return race_fail(cmd);
		race_nap();
	}
	if (err == -EPERM && refresh) {
		fprintf(stderr, "%s: refresh: %s: run as root (%s)\n", prog, *mds_nl_error() ?
			mds_nl_error() : "re-reading every CPU needs CAP_SYS_ADMIN", strerror(EPERM));
		return 1;
	}
	if (err)
		return cmd_fail(cmd, err);
	if (!json)
		out_guard_stdout();
	err = mds_print_info(stdout, &info, json);
	return err ? cmd_fail("writing output", err) : 0;
}

int info_main(int argc, char *argv[])
{
	return info_cmd("info", argc, argv, false);
}

int refresh_main(int argc, char *argv[])
{
	return info_cmd("refresh", argc, argv, true);
}

/* ---- monitor -------------------------------------------------------- */

struct mon_state {
	unsigned long seen, count;	/* count 0: forever */
	bool json;
};

static int on_event(const struct mds_event *ev, void *arg)
{
	struct mon_state *m = arg;
	int err;

	if (!m->json)
		out_guard_stdout();
	err = mds_print_event(stdout, ev, m->json);

	if (err)
		return err;
	return m->count && ++m->seen >= m->count;
}

int monitor_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "count", required_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct mon_state m = { 0 };
	unsigned long timeout = 0;
	bool have_timeout = false;
	int c, err;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":n:t:jh", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (parse_num("monitor", "--count", optarg, INT_MAX, &m.count))
				return 1;
			break;
		case 't':
			if (parse_num("monitor", "--timeout", optarg, INT_MAX / 1000, &timeout))
				return 1;
			have_timeout = true;
			break;
		case 'j':
			m.json = true;
			break;
		case 'h':
			printf("Usage: %s monitor [--count N] [--timeout SEC] [--json]\n\n"
			       "Print one line per new generation the module announces:\n"
			       "  generation G event online|offline|refresh [cpu N]\n\n"
			       "  -n, --count N      exit 0 after N events\n"
			       "  -t, --timeout SEC  exit 1 if they have not come within SEC seconds\n"
			       "  -j, --json         one JSON object per line\n"
			       "  -h, --help         this text\n", prog);
			return 0;
		default:
			return opt_error("monitor", c, argv, 1);
		}
	}
	if (opt_extra("monitor", argc, argv, 1) || open_family())
		return 1;
	mds_nl_close();
	err = mds_nl_monitor(on_event, &m, have_timeout ? (int)timeout * 1000 : -1);
	if (err == 1)
		return 0;
	if (err == -ETIMEDOUT) {
		if (m.count)
			fprintf(stderr, "%s: monitor: timed out after %lu s with %lu of %lu events\n",
				prog, timeout, m.seen, m.count);
		else
			fprintf(stderr, "%s: monitor: timed out after %lu s\n", prog, timeout);
		return 1;
	}
	return cmd_fail("monitor", err);
}
