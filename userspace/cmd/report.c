// SPDX-License-Identifier: GPL-2.0
/*
 * The report and snapshot commands: collect (or load) a snapshot, analyze
 * it (classify.c), print it (report_text.c, report_json.c, or prom.c for
 * Prometheus, to stdout or a node_exporter textfile: format.c). Exit status
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
#include "format.h"
#include "opts.h"
#include "prom.h"
#include "subcommands.h"
#include "ucode_inv.h"

#define EXIT_ERROR 3

/* Long-only options. */
enum { OPT_FWDIR = 0x100, OPT_INITRAMFS };

static const char report_usage[] =
	"Usage: %s report [options]\n"
	"       %s [options]\n"
	"\n"
	"Decide the exposure to MDS, TAA, MMIO Stale Data and RFDS per socket and\n"
	"core, and where the kernel's claims disagree with the hardware.\n"
	"\n"
	"Options:\n"
	"  -F, --format FMT      text (default), json (schema mdscope-report/1) or\n"
	"                        prometheus (the text exposition format)\n"
	"  -j, --json            the same as --format json\n"
	"  -t, --textfile DIR    write DIR/mdscope.prom atomically for node_exporter's\n"
	"                        textfile collector (implies --format prometheus)\n"
	"  -f, --from FILE       analyze a snapshot saved by 'mdscope snapshot'\n"
	"  -s, --sysroot DIR     read sysfs and procfs under DIR instead of /\n"
	"  -n, --no-module       do not use mdscope.ko; use the fallback readers\n"
	"  -V, --vuln LIST       judge only these (mds,taa,mmio,rfds; default: all)\n"
	"      --firmware-dir DIR  microcode files to compare with (default: /lib/firmware\n"
	"                        under the sysroot; with --from only when given)\n"
	"      --initramfs FILE  the initramfs the next boot loads (default:\n"
	"                        /boot/initrd.img-RELEASE; with --from only when given)\n"
	"  -h, --help            show this help\n"
	"\n"
	"Exit status: 0 nothing exposed, 1 warning, 2 exposed, 3 unknown or error.\n"
	"The text format may change; scripts should use --json or --format prometheus.\n";

static const char snapshot_usage[] =
	"Usage: %s snapshot [options]\n"
	"\n"
	"Collect the host snapshot (per-CPU facts and the kernel's claims) and save\n"
	"it as JSON (schema mdscope-snapshot/2) for 'mdscope report --from FILE'.\n"
	"\n"
	"Options:\n"
	"  -o, --output FILE     write to FILE (atomically; '-' is stdout, the default)\n"
	"  -f, --from FILE       load a saved snapshot (mdscope-snapshot/1 or /2) and\n"
	"                        write it again as mdscope-snapshot/2\n"
	"  -s, --sysroot DIR     read sysfs and procfs under DIR instead of /\n"
	"  -n, --no-module       do not use mdscope.ko; use the fallback readers\n"
	"  -h, --help            show this help\n";

static int get_snapshot(const char *cmd, struct mds_snapshot *s, const char *from,
			const struct mds_collect_opts *o)
{
	struct mds_err err = { "" };
	int r = from ? snapshot_load(s, from, &err) : snapshot_collect(s, o, &err);

	if (r) {
		fprintf(stderr, "%s: %s: %s\n", prog, cmd, err.msg[0] ? err.msg : strerror(-r));
		snapshot_free(s);
	}
	return r;
}

/* Prometheus: the metrics, or mdscope_up 0 when there are no facts; exit 3 on a write error. */
static int report_prom(const struct out_opts *oo, const struct mds_snapshot *s,
		       const struct cls_result *r)
{
	struct prom_sink k;
	FILE *f = prom_sink_open(&k, "report", oo);

	if (!f)
		return EXIT_ERROR;
	if (prom_sink_close(&k, "report", "mdscope.prom",
			    s ? prom_print_report(f, r, prom_now_ns()) :
			    prom_print_down(f, "report", prom_now_ns())))
		return EXIT_ERROR;
	return s ? r->exit_code : EXIT_ERROR;
}

static int report_down(const struct out_opts *oo)
{
	return oo->format == FMT_PROM ? report_prom(oo, NULL, NULL) : EXIT_ERROR;
}

int report_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'F' },
		{ "textfile", required_argument, NULL, 't' },
		{ "from", required_argument, NULL, 'f' },
		{ "sysroot", required_argument, NULL, 's' },
		{ "no-module", no_argument, NULL, 'n' },
		{ "vuln", required_argument, NULL, 'V' },
		{ "firmware-dir", required_argument, NULL, OPT_FWDIR },
		{ "initramfs", required_argument, NULL, OPT_INITRAMFS },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *fwdir = NULL, *initramfs = NULL;
	struct ucode_inv inv, *invp = NULL;
	struct mds_err uerr = { "" };
	struct mds_collect_opts co = { 0 };
	unsigned int vulns = VULN_ALL;
	struct mds_err verr = { "" };
	const char *from = NULL;
	struct mds_snapshot s;
	struct out_opts oo = { 0 };
	struct cls_result r;
	int c, code;

	opterr = 0;
	optind = 0;	/* 0: glibc re-initialises (report_main may run twice) */
	while ((c = getopt_long(argc, argv, ":jF:t:f:s:nV:h", opts, NULL)) != -1) {
		switch (c) {
		case 'V':
			if (vuln_parse_mask(optarg, &vulns, &verr)) {
				fprintf(stderr, "%s: report: --vuln: %s\n", prog, verr.msg);
				return EXIT_ERROR;
			}
			break;
		case 'j':
			oo.format = FMT_JSON;
			oo.format_given = true;
			break;
		case 'F':
			if (format_parse("report", optarg, &oo))
				return EXIT_ERROR;
			break;
		case 't': oo.textfile = optarg; break;
		case 'f': from = optarg; break;
		case OPT_FWDIR: fwdir = optarg; break;
		case OPT_INITRAMFS: initramfs = optarg; break;
		case 's': co.sysroot = optarg; break;
		case 'n': co.no_module = true; break;
		case 'h':
			printf(report_usage, prog, prog);
			return 0;
		default:
			return opt_error("report", c, argv, EXIT_ERROR);
		}
	}
	if (opt_extra("report", argc, argv, EXIT_ERROR) || format_check("report", &oo))
		return EXIT_ERROR;
	if (from && (co.sysroot || co.no_module)) {
		fprintf(stderr, "%s: report: --from reads a saved snapshot; --sysroot and "
			"--no-module apply only to collecting\n", prog);
		return EXIT_ERROR;
	}
	if (get_snapshot("report", &s, from, &co))
		return report_down(&oo);
	if (classify_snapshot_vulns(&s, vulns, &r)) {
		fprintf(stderr, "%s: report: the snapshot holds no CPU to analyze\n", prog);
		snapshot_free(&s);
		return report_down(&oo);
	}
	/* with --from the files are this machine's: compared only when named */
	code = from && !fwdir && !initramfs ? 0 :
	       ucode_files_findings(&s, &r, from ? NULL : co.sysroot, fwdir, initramfs, !from,
				    &inv, &uerr);
	if (code < 0 && code != -ENOMEM) {
		fprintf(stderr, "%s: report: %s\n", prog, uerr.msg[0] ? uerr.msg : strerror(-code));
		code = -EINVAL;
	}
	if (code > 0)
		invp = &inv;
	if (oo.format == FMT_PROM) {
		if (code == -ENOMEM)
			fprintf(stderr, "%s: report: %s\n", prog, strerror(ENOMEM));
		code = code < 0 ? report_down(&oo) : report_prom(&oo, &s, &r);
		goto out;
	}
	if (oo.format != FMT_JSON)
		out_guard_stdout();
	code = code < 0 ? code : oo.format == FMT_JSON ? report_print_json(stdout, &r, invp) :
	       report_print_text(stdout, &r, invp);
	if (code == -ENOMEM)
		fprintf(stderr, "%s: report: %s\n", prog, strerror(-code));
	else
		code = opt_finish("report", code ? EXIT_ERROR : r.exit_code);
out:
	if (invp)
		ucode_inv_free(invp);
	cls_result_free(&r);
	snapshot_free(&s);
	return code < 0 ? EXIT_ERROR : code;
}

int snapshot_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "from", required_argument, NULL, 'f' },
		{ "sysroot", required_argument, NULL, 's' },
		{ "no-module", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct mds_collect_opts co = { 0 };
	struct mds_err err = { "" };
	const char *out = "-", *from = NULL;
	struct mds_snapshot s;
	int c, r;

	opterr = 0;
	optind = 0;	/* 0: glibc re-initialises (report_main may run twice) */
	while ((c = getopt_long(argc, argv, ":o:f:s:nh", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'f': from = optarg; break;
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
	if (from && (co.sysroot || co.no_module)) {
		fprintf(stderr, "%s: snapshot: --from reads a saved snapshot; --sysroot and "
			"--no-module collect a new one\n", prog);
		return EXIT_ERROR;
	}
	if (get_snapshot("snapshot", &s, from, &co))
		return EXIT_ERROR;
	r = snapshot_save(&s, out, &err);
	snapshot_free(&s);
	if (r) {
		fprintf(stderr, "%s: snapshot: %s\n", prog, err.msg);
		return EXIT_ERROR;
	}
	return 0;
}
