// SPDX-License-Identifier: GPL-2.0
/*
 * The snapshot's lifetime, lookups and its file: written atomically
 * (FILE.tmp, fsync, rename) so a reader never sees half a file, and read
 * back strictly (snapshot_json.c) so a corrupt or foreign file is refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <json-c/json.h>

#include "snapshot.h"
#include "snapshot_json.h"
#include "sysfs.h"

#define SNAPSHOT_MAX_BYTES (64u << 20)

void snapshot_init(struct mds_snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->kernel.smt.active = -1;
}

void snapshot_free(struct mds_snapshot *s)
{
	free(s->cpus);
	free(s->kernel.cpuinfo);
	free(s->kernel.topo);
	snapshot_init(s);
}

void snapshot_note(struct mds_snapshot *s, const char *fmt, ...)
{
	va_list ap;

	if (s->nr_notes >= MDS_SNAP_MAX_NOTES)
		return;
	va_start(ap, fmt);
	vsnprintf(s->notes[s->nr_notes++], sizeof(s->notes[0]), fmt, ap);
	va_end(ap);
}

/* Binary search in an array sorted by a leading uint32_t cpu. */
static const void *find_cpu(const void *arr, size_t nr, size_t elem, uint32_t cpu)
{
	size_t lo = 0, hi = nr;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		uint32_t c = *(const uint32_t *)((const char *)arr + mid * elem);

		if (c == cpu)
			return (const char *)arr + mid * elem;
		if (c < cpu)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct mds_cpu *snapshot_cpu(const struct mds_snapshot *s, uint32_t cpu)
{
	return find_cpu(s->cpus, s->nr_cpus, sizeof(*s->cpus), cpu);
}

const struct mds_cpuinfo *snapshot_cpuinfo(const struct mds_snapshot *s, uint32_t cpu)
{
	return find_cpu(s->kernel.cpuinfo, s->kernel.nr_cpuinfo, sizeof(*s->kernel.cpuinfo), cpu);
}

const struct mds_topo *snapshot_topo(const struct mds_snapshot *s, uint32_t cpu)
{
	return find_cpu(s->kernel.topo, s->kernel.nr_topo, sizeof(*s->kernel.topo), cpu);
}

const char *snapshot_vuln(const struct mds_snapshot *s, const char *name)
{
	for (size_t i = 0; i < s->kernel.nr_vulns; i++)
		if (!strcmp(s->kernel.vulns[i].name, name))
			return s->kernel.vulns[i].text;
	return NULL;
}

char *snapshot_to_string(const struct mds_snapshot *s)
{
	json_object *o = snapshot_json(s);
	char *text = strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
							      JSON_C_TO_STRING_NOSLASHESCAPE));

	json_object_put(o);
	return text;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= n;
	}
	return 0;
}

int snapshot_save(const struct mds_snapshot *s, const char *path, struct mds_err *err)
{
	char tmp[4096], real[PATH_MAX], *text = snapshot_to_string(s);
	struct stat st;
	size_t len;
	int fd, r;

	if (!text) {
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		return -ENOMEM;
	}
	len = strlen(text);
	text[len++] = '\n';	/* replaces the NUL; written by length */
	/* Not a regular file (stdout, a device, a pipe): no rename possible,
	 * and replacing it would be wrong; write to it as it is. */
	if (!strcmp(path, "-") || (!stat(path, &st) && !S_ISREG(st.st_mode))) {
		fd = strcmp(path, "-") ? open(path, O_WRONLY | O_CLOEXEC) : STDOUT_FILENO;
		r = fd < 0 ? -errno : write_all(fd, text, len);
		if (fd > STDOUT_FILENO && close(fd) && !r)
			r = -errno;
		free(text);
		if (r)
			snprintf(err->msg, sizeof(err->msg), "%.200s: %s",
				 strcmp(path, "-") ? path : "stdout", strerror(-r));
		return r;
	}
	/* A symlink: replace the file it points to, not the link. */
	if (!lstat(path, &st) && S_ISLNK(st.st_mode) && realpath(path, real))
		path = real;
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		free(text);
		snprintf(err->msg, sizeof(err->msg), "%.200s: path too long", path);
		return -ENAMETOOLONG;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		r = -errno;
		free(text);
		snprintf(err->msg, sizeof(err->msg), "%.200s: %s", tmp, strerror(-r));
		return r;
	}
	r = write_all(fd, text, len);
	if (!r && fsync(fd))
		r = -errno;
	if (close(fd) && !r)
		r = -errno;
	if (!r && rename(tmp, path))
		r = -errno;
	free(text);
	if (r) {
		unlink(tmp);
		snprintf(err->msg, sizeof(err->msg), "%.200s: %s", path, strerror(-r));
	}
	return r;
}

int snapshot_from_string(struct mds_snapshot *s, const char *json, struct mds_err *err)
{
	const struct jd *root;
	struct jdoc *doc;
	char why[160];
	int r;

	snapshot_init(s);
	r = jdoc_parse(json, strlen(json), &doc, &root, why, sizeof(why));
	if (r) {
		snprintf(err->msg, sizeof(err->msg), "not valid JSON %s", why);
		return r;
	}
	r = snapshot_from_json(s, root, err);
	jdoc_free(doc);
	if (r)
		snapshot_free(s);
	return r;
}

int snapshot_load(struct mds_snapshot *s, const char *path, struct mds_err *err)
{
	struct mds_err inner = { "" };
	char *buf;
	size_t len;
	int r;

	snapshot_init(s);
	/* a file must be a regular one (never /dev/zero or a FIFO); "-" is stdin */
	r = strcmp(path, "-") ? sr_read_file(NULL, &buf, &len, "%s", path)
			      : sr_read_fd(STDIN_FILENO, &buf, &len);
	if (r) {
		snprintf(err->msg, sizeof(err->msg), "%.200s: %s", path, sr_strerror(r));
		return r;
	}
	if (memchr(buf, '\0', len)) {
		snprintf(err->msg, sizeof(err->msg), "%.200s: binary data, not a snapshot", path);
		free(buf);
		return -EINVAL;
	}
	r = snapshot_from_string(s, buf, &inner);
	free(buf);
	if (r)
		snprintf(err->msg, sizeof(err->msg), "%.100s: invalid snapshot: %.130s", path, inner.msg);
	return r;
}

/* ---- names of the snapshot's enums (maps, not switches) -------------- */

static const char *const smtctl_names[] = {
	[MDS_SMTCTL_UNKNOWN] = "unknown",
	[MDS_SMTCTL_ON] = "on",
	[MDS_SMTCTL_OFF] = "off",
	[MDS_SMTCTL_FORCEOFF] = "forceoff",
	[MDS_SMTCTL_NOTSUPPORTED] = "notsupported",
	[MDS_SMTCTL_NOTIMPLEMENTED] = "notimplemented",
};

static const char *const source_names[] = {
	[MDS_SRC_NONE] = "none",
	[MDS_SRC_MODULE] = "module",
	[MDS_SRC_FALLBACK] = "fallback",
	[MDS_SRC_SNAPSHOT] = "snapshot",
	[MDS_SRC_IMPORT] = "import",
};

const char *mds_name_of(const char *const *tbl, size_t n, unsigned int i)
{
	return i < n && tbl[i] ? tbl[i] : "unknown";
}

int mds_name_index(const char *const *tbl, size_t n, const char *name)
{
	for (size_t i = 0; name && i < n; i++)
		if (tbl[i] && !strcmp(tbl[i], name))
			return (int)i;
	return -1;
}

#define NAME_OF(tbl, v) mds_name_of(tbl, sizeof(tbl) / sizeof(tbl[0]), v)

const char *mds_smt_control_name(enum mds_smt_control c) { return NAME_OF(smtctl_names, c); }
const char *mds_source_name(enum mds_source src) { return NAME_OF(source_names, src); }

int mds_smt_control_from_name(const char *name)
{
	return mds_name_index(smtctl_names, sizeof(smtctl_names) / sizeof(smtctl_names[0]), name);
}

int mds_source_from_name(const char *name)
{
	return mds_name_index(source_names, sizeof(source_names) / sizeof(source_names[0]), name);
}
