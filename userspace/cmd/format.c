// SPDX-License-Identifier: GPL-2.0
/*
 * --format and --textfile, shared by report, microcode and guests: the
 * option's values as a small map, and the Prometheus output's destination
 * (stdout, or a memory buffer written to DIR/<name> in one atomic step so
 * node_exporter never reads half a file).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "format.h"
#include "prom.h"
#include "subcommands.h"

static const char *const format_names[] = {
	[FMT_TEXT] = "text", [FMT_JSON] = "json", [FMT_PROM] = "prometheus",
};

int format_parse(const char *cmd, const char *arg, struct out_opts *o)
{
	for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (!strcmp(arg, format_names[i])) {
			o->format = (enum out_format)i;
			o->format_given = true;
			return 0;
		}
	fprintf(stderr, "%s: %s: --format: '%s' is not text, json or prometheus\n", prog, cmd, arg);
	return -EINVAL;
}

int format_check(const char *cmd, struct out_opts *o)
{
	if (!o->textfile)
		return 0;
	if (o->format_given && o->format != FMT_PROM) {
		fprintf(stderr, "%s: %s: --textfile writes the prometheus format, not %s\n", prog,
			cmd, format_names[o->format]);
		return -EINVAL;
	}
	if (!o->textfile[0]) {
		fprintf(stderr, "%s: %s: --textfile: empty directory name\n", prog, cmd);
		return -EINVAL;
	}
	o->format = FMT_PROM;
	return 0;
}

int prom_write_textfile(const char *dir, const char *name, const char *buf, size_t len,
			char *err, size_t errlen)
{
	char *tmp = NULL, *dst = NULL;
	const char *what = "creating a temporary file";
	int fd = -1, dfd = -1, r = 0;
	size_t off = 0;

	if (asprintf(&tmp, "%s/.%s.XXXXXX", dir, name) < 0 ||
	    asprintf(&dst, "%s/%s", dir, name) < 0) {
		r = -ENOMEM;
		goto out;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		goto fail;
	what = "writing";
	while (off < len) {
		ssize_t n = write(fd, buf + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			goto fail_unlink;
		}
		off += (size_t)n;
	}
	what = "setting its mode";
	if (fchmod(fd, 0644))
		goto fail_unlink;
	what = "syncing";
	if (fsync(fd))
		goto fail_unlink;
	what = "closing";
	r = close(fd);
	fd = -1;
	if (r)
		goto fail_unlink;
	what = "renaming the temporary file";
	if (rename(tmp, dst))
		goto fail_unlink;
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);	/* the rename is done; a directory fsync failure loses nothing */
		close(dfd);
	}
	goto out;
fail_unlink:
	r = -errno;
	unlink(tmp);
	goto report;
fail:
	r = -errno;
report:
	snprintf(err, errlen, "%s: %s: %s", dst, what, strerror(-r));
out:
	if (r == -ENOMEM)
		snprintf(err, errlen, "%s/%s: %s", dir, name, strerror(ENOMEM));
	if (fd >= 0)
		close(fd);
	free(tmp);
	free(dst);
	return r;
}

FILE *prom_sink_open(struct prom_sink *k, const char *cmd, const struct out_opts *o)
{
	memset(k, 0, sizeof(*k));
	k->dir = o->textfile;
	k->f = k->dir ? open_memstream(&k->buf, &k->len) : stdout;
	if (!k->f)
		fprintf(stderr, "%s: %s: %s\n", prog, cmd, strerror(errno));
	return k->f;
}

int prom_sink_close(struct prom_sink *k, const char *cmd, const char *name, int printed)
{
	char err[512];
	int r;

	if (!k->dir) {
		r = fflush(stdout) || ferror(stdout) ? -(errno ? errno : EIO) : printed;
		if (r)
			fprintf(stderr, "%s: %s: writing the output: %s\n", prog, cmd, strerror(-r));
		return r;
	}
	r = fclose(k->f) ? -errno : printed;
	if (!r)
		r = prom_write_textfile(k->dir, name, k->buf, k->len, err, sizeof(err));
	else
		snprintf(err, sizeof(err), "%s/%s: %s", k->dir, name, strerror(-r));
	if (r)
		fprintf(stderr, "%s: %s: %s\n", prog, cmd, err);
	free(k->buf);
	k->buf = NULL;
	return r;
}
