// SPDX-License-Identifier: GPL-2.0
/*
 * The microcode command: per socket, the loaded revision against the newest
 * on disk, the one the initramfs hands the next boot, and Intel's release
 * tables (cmd/ucode_inv.c gathers, analyze/ucode_status.c decides,
 * output/ucode_print.c prints; output/prom.c for Prometheus). Exit status:
 * 0 up to date, 1 warning, 2 microcode older than the first MDS fix while
 * one is installed or known, 3 unknown or error; every error is one stderr
 * line.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "collect.h"
#include "format.h"
#include "opts.h"
#include "prom.h"
#include "snapshot.h"
#include "subcommands.h"
#include "ucode_inv.h"
#include "ucode_print.h"

#define EXIT_ERROR 3

static const char usage[] =
	"Usage: %s microcode [options]\n"
	"\n"
	"Per socket: the loaded microcode revision, the newest installed on disk, the\n"
	"one the initramfs gives the next boot, the first MDS-fixing revision, and one\n"
	"status: up_to_date, reboot_needed, initramfs_stale, update_available,\n"
	"no_fix_known or unknown.\n"
	"\n"
	"Options:\n"
	"  -F, --format FMT        text (default), json (schema mdscope-microcode/1) or\n"
	"                          prometheus (the text exposition format)\n"
	"  -j, --json              the same as --format json\n"
	"  -t, --textfile DIR      write DIR/mdscope-microcode.prom atomically for\n"
	"                          node_exporter (implies --format prometheus)\n"
	"  -f, --from FILE         use a snapshot saved by 'mdscope snapshot'\n"
	"  -d, --firmware-dir DIR  holds intel-ucode/ and amd-ucode/, or is one of them\n"
	"                          (default: <sysroot>/lib/firmware)\n"
	"  -i, --initramfs FILE    the next boot's initramfs\n"
	"                          (default: <sysroot>/boot/initrd.img-<kernel release>)\n"
	"  -s, --sysroot DIR       read sysfs, procfs and the files above under DIR\n"
	"  -n, --no-module         do not use mdscope.ko; use the fallback readers\n"
	"  -h, --help              show this help\n"
	"\n"
	"Exit status: 0 up to date, 1 warning (reboot_needed, initramfs_stale,\n"
	"update_available, no_fix_known), 2 a socket runs microcode older than the\n"
	"first MDS fix, 3 unknown or error. The text format may change; scripts\n"
	"should use --json or --format prometheus.\n";

/* No inventory: with --format prometheus, mdscope_up 0 so the failure shows. Always 3. */
static int microcode_down(const struct out_opts *oo)
{
	struct prom_sink k;

	if (oo->format == FMT_PROM && prom_sink_open(&k, "microcode", oo))
		prom_sink_close(&k, "microcode", "mdscope-microcode.prom",
				prom_print_down(k.f, "microcode", prom_now_ns()));
	return EXIT_ERROR;
}

int microcode_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'F' },
		{ "textfile", required_argument, NULL, 't' },
		{ "from", required_argument, NULL, 'f' },
		{ "firmware-dir", required_argument, NULL, 'd' },
		{ "initramfs", required_argument, NULL, 'i' },
		{ "sysroot", required_argument, NULL, 's' },
		{ "no-module", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *from = NULL, *fwdir = NULL, *initramfs = NULL;
	char *fw_def = NULL, *ird_def = NULL;
	struct mds_collect_opts co = { 0 };
	struct mds_err err = { "" };
	struct mds_snapshot s;
	struct out_opts oo = { 0 };
	struct prom_sink k;
	struct ucode_inv inv;
	int c, r, code = EXIT_ERROR;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":jF:t:f:d:i:s:nh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			oo.format = FMT_JSON;
			oo.format_given = true;
			break;
		case 'F':
			if (format_parse("microcode", optarg, &oo))
				return EXIT_ERROR;
			break;
		case 't': oo.textfile = optarg; break;
		case 'f': from = optarg; break;
		case 'd': fwdir = optarg; break;
		case 'i': initramfs = optarg; break;
		case 's': co.sysroot = optarg; break;
		case 'n': co.no_module = true; break;
		case 'h':
			printf(usage, prog);
			return 0;
		default:
			return opt_error("microcode", c, argv, EXIT_ERROR);
		}
	}
	if (opt_extra("microcode", argc, argv, EXIT_ERROR) || format_check("microcode", &oo))
		return EXIT_ERROR;
	if (from && (co.sysroot || co.no_module)) {
		fprintf(stderr, "%s: microcode: --from reads a saved snapshot; --sysroot and "
			"--no-module apply only to collecting\n", prog);
		return EXIT_ERROR;
	}
	r = from ? snapshot_load(&s, from, &err) : snapshot_collect(&s, &co, &err);
	if (r) {
		fprintf(stderr, "%s: microcode: %s\n", prog, err.msg[0] ? err.msg : strerror(-r));
		return microcode_down(&oo);
	}
	if (ucode_default_paths(&s, co.sysroot, &fw_def, &ird_def))
		goto nomem;
	r = ucode_inventory(&s, fwdir ? fwdir : fw_def, initramfs ? initramfs : ird_def, &inv, &err);
	if (r) {
		fprintf(stderr, "%s: microcode: %s\n", prog, err.msg[0] ? err.msg : strerror(-r));
		code = microcode_down(&oo);
		goto out;
	}
	if (!inv.nr_groups) {
		fprintf(stderr, "%s: microcode: the snapshot holds no CPU to analyze\n", prog);
		ucode_inv_free(&inv);
		code = microcode_down(&oo);
		goto out;
	}
	if (oo.format == FMT_PROM) {
		if (!prom_sink_open(&k, "microcode", &oo))
			r = -ENOMEM;
		else if (prom_sink_close(&k, "microcode", "mdscope-microcode.prom",
					 prom_print_microcode(k.f, &inv, s.nr_notes, prom_now_ns())))
			r = -EIO;
		code = r ? EXIT_ERROR : inv.exit_code;
		ucode_inv_free(&inv);
		goto out;
	}
	if (oo.format != FMT_JSON)
		out_guard_stdout();
	r = oo.format == FMT_JSON ? ucode_print_json(stdout, &inv) : ucode_print_text(stdout, &inv);
	if (r)
		fprintf(stderr, "%s: microcode: %s\n", prog, strerror(-r));
	code = opt_finish("microcode", r ? EXIT_ERROR : inv.exit_code);
	ucode_inv_free(&inv);
	goto out;
nomem:
	fprintf(stderr, "%s: microcode: %s\n", prog, strerror(ENOMEM));
out:
	free(fw_def);
	free(ird_def);
	snapshot_free(&s);
	return code;
}
