/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --format (text, json, prometheus) and --textfile DIR for report,
 * microcode and guests: parsing, and where Prometheus output goes
 * (stdout, or DIR/<name>.prom written atomically by output/prom.c).
 */
#ifndef MDSCOPE_FORMAT_H
#define MDSCOPE_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum out_format { FMT_TEXT = 0, FMT_JSON, FMT_PROM };

struct out_opts {
	enum out_format format;
	bool format_given;		/* --format or --json was on the command line */
	const char *textfile;		/* --textfile DIR, NULL when not given */
};

/* --format ARG: 0, or one stderr line and -EINVAL. */
int format_parse(const char *cmd, const char *arg, struct out_opts *o);
/* After the options: --textfile implies prometheus, refuses another format. 0 or -EINVAL. */
int format_check(const char *cmd, struct out_opts *o);

/*
 * Write len bytes of buf as dir/name atomically: a temporary file in dir
 * (mode 0644, a dot name node_exporter ignores), fsync, rename over name,
 * fsync of dir. A failure leaves any previous file intact and removes the
 * temporary one. 0, or -errno with err filled ("DIR/NAME: what: why").
 */
int prom_write_textfile(const char *dir, const char *name, const char *buf, size_t len,
			char *err, size_t errlen);

/* Where the Prometheus text goes: stdout, or a buffer written out by prom_sink_close(). */
struct prom_sink {
	FILE *f;
	char *buf;
	size_t len;
	const char *dir;
};

/* NULL (one stderr line) when the buffer cannot be made. */
FILE *prom_sink_open(struct prom_sink *k, const char *cmd, const struct out_opts *o);
/*
 * Flush stdout or write dir/name atomically; frees the buffer. 0, or one
 * stderr line and -errno (any previous file stays). printed: the printer's
 * result (an error there writes nothing).
 */
int prom_sink_close(struct prom_sink *k, const char *cmd, const char *name, int printed);

#endif
