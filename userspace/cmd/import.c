// SPDX-License-Identifier: GPL-2.0
/*
 * mdscope import: a foreign CPU dump (libvirt's <cpudata> XML, `cpuid -r`)
 * into a snapshot that `report --from` and `fleet` take. The format is
 * detected unless --format names it; the snapshot says it was imported,
 * from which file and format, and leaves unknown what a dump cannot hold.
 * The libvirt reader lives in mdscope-import.so (libxml2).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import.h"
#include "opts.h"
#include "plugin.h"
#include "snapshot.h"
#include "subcommands.h"

#define EXIT_ERROR 3
#define IMPORT_MAX (16u << 20)

static const char import_usage[] =
	"Usage: %s import [options] FILE\n"
	"\n"
	"Turn a foreign CPU dump into a snapshot for 'mdscope report --from' and\n"
	"'mdscope fleet'. Formats: libvirt-cpudata (libvirt's <cpudata> XML of raw\n"
	"CPUID leaves and MSRs), cpuid-raw (the output of 'cpuid -r'). A dump holds\n"
	"no microcode revision, platform id, topology or kernel claims: they are\n"
	"unknown in the snapshot, and so is whatever depends on them.\n"
	"\n"
	"Options:\n"
	"  -o, --output FILE     write the snapshot to FILE ('-' is stdout, the default)\n"
	"  -F, --format NAME     libvirt-cpudata or cpuid-raw (default: detected)\n"
	"  -H, --hostname NAME   the host the dump is from (default: unknown)\n"
	"  -h, --help            show this help\n";

/* The whole file, NUL-terminated; -errno. */
static int read_all(const char *path, char **out, size_t *len, struct stat *st)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char *buf;
	size_t n;
	int e = 0;

	if (!f)
		return -errno;
	if (fstat(fileno(f), st))
		e = -errno;
	else if (S_ISDIR(st->st_mode))
		e = -EISDIR;
	buf = e ? NULL : malloc(IMPORT_MAX + 1);
	if (!e && !buf)
		e = -ENOMEM;
	if (!e) {
		n = fread(buf, 1, IMPORT_MAX + 1, f);
		if (ferror(f))
			e = -EIO;
		else if (n > IMPORT_MAX)
			e = -EFBIG;
		else {
			buf[n] = '\0';
			*out = buf;
			*len = n;
		}
	}
	if (e)
		free(buf);
	if (f != stdin)
		fclose(f);
	return e;
}

static int run_reader(enum imp_format f, const char *text, size_t len, struct imp_dump *d,
		      struct mds_err *err)
{
	imp_reader_fn *fn = imp_read_cpuid_raw;

	if (f == IMP_FMT_LIBVIRT) {
		char why[256] = "";

		fn = (imp_reader_fn *)plugin_symbol("mdscope-import.so", "imp_read_libvirt",
						    why, sizeof(why));
		if (!fn) {
			snprintf(err->msg, sizeof(err->msg), "libvirt reader: %s", why);
			return -ENOENT;
		}
	}
	return fn(text, len, d, err);
}

int import_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'F' },
		{ "hostname", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	enum imp_format fmt = IMP_FMT_UNKNOWN;
	const char *out = "-", *host = "", *file;
	struct mds_err err = { "" };
	struct imp_dump d = { 0 };
	struct mds_snapshot s;
	struct stat st;
	char *text = NULL;
	size_t len = 0;
	int c, e;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":o:F:H:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'H': host = optarg; break;
		case 'F':
			fmt = imp_format_from_name(optarg);
			if (fmt == IMP_FMT_UNKNOWN) {
				fprintf(stderr, "%s: import: --format: '%s' is not libvirt-cpudata "
					"or cpuid-raw\n", prog, optarg);
				return EXIT_ERROR;
			}
			break;
		case 'h':
			printf(import_usage, prog);
			return 0;
		default:
			return opt_error("import", c, argv, EXIT_ERROR);
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "%s: import: %s (see %s import --help)\n", prog,
			optind >= argc ? "which dump? give one FILE" : "one FILE only", prog);
		return EXIT_ERROR;
	}
	file = argv[optind];
	if (strlen(host) >= sizeof(s.hostname)) {
		fprintf(stderr, "%s: import: --hostname: too long\n", prog);
		return EXIT_ERROR;
	}
	e = read_all(file, &text, &len, &st);
	if (e) {
		fprintf(stderr, "%s: import: %s: %s\n", prog, file,
			e == -EFBIG ? "larger than 16 MiB: not a CPU dump" : strerror(-e));
		return EXIT_ERROR;
	}
	if (fmt == IMP_FMT_UNKNOWN && (fmt = imp_detect(text, len)) == IMP_FMT_UNKNOWN) {
		fprintf(stderr, "%s: import: %s: neither libvirt <cpudata> XML nor 'cpuid -r' "
			"output (give --format)\n", prog, file);
		free(text);
		return EXIT_ERROR;
	}
	e = run_reader(fmt, text, len, &d, &err);
	free(text);
	snapshot_init(&s);
	if (!e)
		e = imp_to_snapshot(&d, fmt, file, &s, &err);
	imp_dump_free(&d);
	if (!e) {
		snprintf(s.hostname, sizeof(s.hostname), "%s", host);
		s.time_ns = (uint64_t)st.st_mtim.tv_sec * 1000000000ull + st.st_mtim.tv_nsec;
		e = snapshot_save(&s, out, &err);
	}
	snapshot_free(&s);
	if (e) {
		fprintf(stderr, "%s: import: %s: %s\n", prog, file,
			err.msg[0] ? err.msg : strerror(-e));
		return EXIT_ERROR;
	}
	return 0;
}
