// SPDX-License-Identifier: GPL-2.0
/*
 * The report and snapshot commands: collect (or load) a snapshot, analyze
 * it (classify.c), print it (report_text.c or report_json.c). Exit status
 * is the analyzer's: 0 nothing exposed, 1 warning, 2 exposed, 3 unknown or
 * error; every error is one stderr line.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "classify.h"
#include "report.h"
#include "collect.h"
#include "snapshot.h"
#include "opts.h"
#include "subcommands.h"

#define EXIT_ERROR 3

static const char report_usage[] =
	"Usage: %s report [options]\n"
	"       %s [options]\n"
	"\n"
	"Decide the exposure to MDS, TAA, MMIO Stale Data and RFDS per socket and\n"
	"core, and where the kernel's claims disagree with the hardware.\n"
	"\n"
	"Options:\n"
	"  -j, --json            machine-readable output (schema mdscope-report/1)\n"
	"  -f, --from FILE       analyze a snapshot saved by 'mdscope snapshot'\n"
	"  -s, --sysroot DIR     read sysfs and procfs under DIR instead of /\n"
	"  -n, --no-module       do not use mdscope.ko; use the fallback readers\n"
	"  -V, --vuln LIST       judge only these (mds,taa,mmio,rfds; default: all)\n"
	"  -h, --help            show this help\n"
	"\n"
	"Exit status: 0 nothing exposed, 1 warning, 2 exposed, 3 unknown or error.\n"
	"The text format may change; scripts should use --json.\n";

static const char snapshot_usage[] =
	"Usage: %s snapshot [options]\n"
	"\n"
	"Collect the host snapshot (per-CPU facts and the kernel's claims) and save\n"
	"it as JSON (schema mdscope-snapshot/1) for 'mdscope report --from FILE'.\n"
	"\n"
	"Options:\n"
	"  -o, --output FILE     write to FILE (atomically; '-' is stdout, the default)\n"
	"  -s, --sysroot DIR     read sysfs and procfs under DIR instead of /\n"
	"  -n, --no-module       do not use mdscope.ko; use the fallback readers\n"
	"  -h, --help            show this help\n";

static int get_snapshot(struct mds_snapshot *s, const char *from,
			const struct mds_collect_opts *o)
{
	struct mds_err err = { "" };
	int r = from ? snapshot_load(s, from, &err) : snapshot_collect(s, o, &err);

	if (r) {
		fprintf(stderr, "%s: %s\n", prog, err.msg[0] ? err.msg : strerror(-r));
		snapshot_free(s);
	}
	return r;
}

/* Flush stdout; a failed write is an error, not a silent truncation. */
static int finish_output(int code)
{
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "%s: writing the report: %s\n", prog, strerror(errno));
		return EXIT_ERROR;
	}
	return code;
}

int report_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "from", required_argument, NULL, 'f' },
		{ "sysroot", required_argument, NULL, 's' },
		{ "no-module", no_argument, NULL, 'n' },
		{ "vuln", required_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct mds_collect_opts co = { 0 };
	unsigned int vulns = VULN_ALL;
	struct mds_err verr = { "" };
	const char *from = NULL;
	struct mds_snapshot s;
	struct cls_result r;
	bool json = false;
	int c, code;

	opterr = 0;
	optind = 0;	/* 0: glibc re-initialises (report_main may run twice) */
	while ((c = getopt_long(argc, argv, ":jf:s:nV:h", opts, NULL)) != -1) {
		switch (c) {
		case 'V':
			if (vuln_parse_mask(optarg, &vulns, &verr)) {
				fprintf(stderr, "%s: report: --vuln: %s\n", prog, verr.msg);
				return EXIT_ERROR;
			}
			break;
		case 'j': json = true; break;
		case 'f': from = optarg; break;
		case 's': co.sysroot = optarg; break;
		case 'n': co.no_module = true; break;
		case 'h':
			printf(report_usage, prog, prog);
			return 0;
		default:
			return opt_error("report", c, argv, EXIT_ERROR);
		}
	}
	if (opt_extra("report", argc, argv, EXIT_ERROR))
		return EXIT_ERROR;
	if (from && (co.sysroot || co.no_module)) {
		fprintf(stderr, "%s: report: --from reads a saved snapshot; --sysroot and "
			"--no-module apply only to collecting\n", prog);
		return EXIT_ERROR;
	}
	if (get_snapshot(&s, from, &co))
		return EXIT_ERROR;
	if (classify_snapshot_vulns(&s, vulns, &r)) {
		fprintf(stderr, "%s: report: the snapshot holds no CPU to analyze\n", prog);
		snapshot_free(&s);
		return EXIT_ERROR;
	}
	if (!json)
		out_guard_stdout();
	code = json ? report_print_json(stdout, &s, &r) : report_print_text(stdout, &s, &r);
	if (code == -ENOMEM)
		fprintf(stderr, "%s: report: %s\n", prog, strerror(-code));
	else
		code = finish_output(code ? EXIT_ERROR : r.exit_code);
	cls_result_free(&r);
	snapshot_free(&s);
	return code < 0 ? EXIT_ERROR : code;
}

int snapshot_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "sysroot", required_argument, NULL, 's' },
		{ "no-module", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct mds_collect_opts co = { 0 };
	struct mds_err err = { "" };
	const char *out = "-";
	struct mds_snapshot s;
	int c, r;

	opterr = 0;
	optind = 0;	/* 0: glibc re-initialises (report_main may run twice) */
	while ((c = getopt_long(argc, argv, ":o:s:nh", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 's': co.sysroot = optarg; break;
		case 'n': co.no_module = true; break;
		case 'h':
			printf(snapshot_usage, prog);
			return 0;
		default:
			return opt_error("snapshot", c, argv, EXIT_ERROR);
		}
	}
	if (opt_extra("snapshot", argc, argv, EXIT_ERROR))
		return EXIT_ERROR;
	if (get_snapshot(&s, NULL, &co))
		return EXIT_ERROR;
	r = snapshot_save(&s, out, &err);
	snapshot_free(&s);
	if (r) {
		fprintf(stderr, "%s: snapshot: %s\n", prog, err.msg);
		return EXIT_ERROR;
	}
	return 0;
}
