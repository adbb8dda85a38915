// SPDX-License-Identifier: GPL-2.0
/*
 * Prefix-aware sysfs/procfs readers and the parsers for the small sysfs
 * files mdscope reads: vulnerabilities/{mds,tsx_async_abort}, smt/control,
 * smt/active and cpulists. Parsers are pure; bad input is -EINVAL with a
 * message, never a crash.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "snapshot.h"
#include "sysfs.h"

#define SR_FILE_MAX	(64u << 20)

static int sr_vpath(char *buf, size_t len, const char *root, const char *fmt, va_list ap)
{
	size_t n = 0;
	int r;

	if (root && *root && strcmp(root, "/")) {
		n = strlen(root);
		while (n > 1 && root[n - 1] == '/')
			n--;
		if (n >= len)
			return -ENAMETOOLONG;
		memcpy(buf, root, n);
	}
	r = vsnprintf(buf + n, len - n, fmt, ap);
	if (r < 0 || (size_t)r >= len - n)
		return -ENAMETOOLONG;
	return 0;
}

int sr_path(char *buf, size_t len, const char *root, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = sr_vpath(buf, len, root, fmt, ap);
	va_end(ap);
	return r;
}

/*
 * All of fd, at most limit bytes, NUL-terminated; -EFBIG past the limit.
 * The buffer grows to limit + 2 at most: limit bytes, one more to see a file
 * that is longer, and the NUL.
 */
static int read_fd_all(int fd, char **out, size_t *outlen, size_t limit)
{
	size_t cap = limit < 4096 - 2 ? limit + 2 : 4096, len = 0;
	char *buf = malloc(cap), *nb;
	ssize_t n;
	int r;

	if (!buf)
		return -ENOMEM;
	for (;;) {
		if (len + 1 == cap) {
			cap = cap > (limit + 2) / 2 ? limit + 2 : cap * 2;
			nb = realloc(buf, cap);
			if (!nb) {
				r = -ENOMEM;
				goto fail;
			}
			buf = nb;
		}
		n = read(fd, buf + len, cap - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = -errno;
			goto fail;
		}
		if (n == 0)
			break;
		len += n;
		if (len > limit) {
			r = -EFBIG;
			goto fail;
		}
	}
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;

fail:
	free(buf);
	return r;
}

/*
 * Facts come from regular files only (sysfs attributes and procfs files are
 * regular too): opened without blocking (a FIFO would wait for a writer),
 * checked after the open (no race with a swapped path), bounded in size.
 * A directory is -EISDIR, a device, FIFO or socket -SR_ENOTREG.
 */
int sr_read_file_max(const char *path, size_t limit, char **buf, size_t *len, struct stat *st)
{
	struct stat own;
	int fd, r;

	if (!st)
		st = &own;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	if (fstat(fd, st))
		r = -errno;
	else if (S_ISDIR(st->st_mode))
		r = -EISDIR;
	else if (!S_ISREG(st->st_mode))
		r = -SR_ENOTREG;
	else if ((uint64_t)st->st_size > limit)
		r = -EFBIG;
	else
		r = read_fd_all(fd, buf, len, limit);
	close(fd);
	return r;
}

static int sr_vread_file(const char *root, char **buf, size_t *len, size_t limit,
			 const char *fmt, va_list ap)
{
	char path[4096];
	int r;

	r = sr_vpath(path, sizeof(path), root, fmt, ap);
	return r ? r : sr_read_file_max(path, limit, buf, len, NULL);
}

int sr_read_fd(int fd, char **buf, size_t *len)
{
	return read_fd_all(fd, buf, len, SR_FILE_MAX);
}

const char *sr_strerror(int err)
{
	return err == -SR_ENOTREG ? "not a regular file" : strerror(-err);
}

int sr_read_file(const char *root, char **buf, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = sr_vread_file(root, buf, len, SR_FILE_MAX, fmt, ap);
	va_end(ap);
	return r;
}

int sr_read_string(const char *root, char *out, size_t outlen, const char *fmt, ...)
{
	char *buf;
	size_t len;
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = sr_vread_file(root, &buf, &len, 1u << 16, fmt, ap);
	va_end(ap);
	if (r)
		return r;
	if (memchr(buf, '\0', len)) {
		free(buf);
		return -EINVAL;
	}
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
	if (len >= outlen) {
		free(buf);
		return -EFBIG;
	}
	memcpy(out, buf, len + 1);
	free(buf);
	return 0;
}

DIR *sr_opendir(const char *root, const char *fmt, ...)
{
	char path[4096];
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = sr_vpath(path, sizeof(path), root, fmt, ap);
	va_end(ap);
	if (r) {
		errno = -r;
		return NULL;
	}
	return opendir(path);
}

size_t sanitize_text(char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f) {
			*s = '?';
			n++;
		}
	return n;
}

/* ---- smt/control, smt/active ------------------------------------------- */

static const struct {
	const char *text;
	enum mds_smt_control c;
} smtctls[] = {
	{ "on", MDS_SMTCTL_ON },
	{ "off", MDS_SMTCTL_OFF },
	{ "forceoff", MDS_SMTCTL_FORCEOFF },
	{ "notsupported", MDS_SMTCTL_NOTSUPPORTED },
	{ "notimplemented", MDS_SMTCTL_NOTIMPLEMENTED },
};

int parse_smt_control(const char *text, enum mds_smt_control *out, struct mds_err *err)
{
	size_t len = text ? strcspn(text, "\n") : 0;

	*out = MDS_SMTCTL_UNKNOWN;
	for (size_t i = 0; len && i < sizeof(smtctls) / sizeof(smtctls[0]); i++)
		if (strlen(smtctls[i].text) == len && !strncmp(text, smtctls[i].text, len)) {
			*out = smtctls[i].c;
			return 0;
		}
	return mds_seterr(err, "unrecognised smt/control '%.*s'", (int)(len > 40 ? 40 : len),
		      text ? text : "");
}

int parse_smt_active(const char *text, int *out, struct mds_err *err)
{
	*out = -1;
	if (text && (!strcmp(text, "0") || !strcmp(text, "0\n")))
		*out = 0;
	else if (text && (!strcmp(text, "1") || !strcmp(text, "1\n")))
		*out = 1;
	else
		return mds_seterr(err, "smt/active is not 0 or 1");
	return 0;
}

/* ---- cpulists ---------------------------------------------------------- */

static int parse_cpu_number(const char **p, unsigned long *out)
{
	char *end;

	if (**p < '0' || **p > '9')
		return -EINVAL;
	errno = 0;
	*out = strtoul(*p, &end, 10);
	if (errno || *out >= MDS_SNAP_MAX_CPUS)
		return -EINVAL;
	*p = end;
	return 0;
}

/*
 * Walk a cpulist; stop at cpu (when >= 0). Returns the number of CPUs
 * before cpu (or in the list), -ENOENT when cpu is not listed, -EINVAL.
 */
static int cpulist_walk(const char *text, long cpu, struct mds_err *err)
{
	const char *p = text;
	unsigned long a, b;
	int count = 0;

	if (!p)
		return mds_seterr(err, "no cpulist");
	if (*p == '\0' || !strcmp(p, "\n"))
		return cpu < 0 ? 0 : -ENOENT;
	for (;;) {
		if (parse_cpu_number(&p, &a))
			return mds_seterr(err, "malformed cpulist '%.40s'", text);
		b = a;
		if (*p == '-') {
			p++;
			if (parse_cpu_number(&p, &b) || b < a)
				return mds_seterr(err, "malformed cpulist range in '%.40s'", text);
		}
		if (cpu >= 0 && (unsigned long)cpu >= a && (unsigned long)cpu <= b)
			return count + (int)(cpu - a);
		count += b - a + 1;
		if (count > MDS_SNAP_MAX_CPUS)
			return mds_seterr(err, "cpulist '%.40s' names too many CPUs", text);
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p == '\0' || (*p == '\n' && p[1] == '\0'))
			return cpu < 0 ? count : -ENOENT;
		return mds_seterr(err, "malformed cpulist '%.40s'", text);
	}
}

int parse_cpulist_count(const char *text, struct mds_err *err)
{
	return cpulist_walk(text, -1, err);
}

int parse_cpulist_index(const char *text, uint32_t cpu, struct mds_err *err)
{
	return cpulist_walk(text, cpu, err);
}
