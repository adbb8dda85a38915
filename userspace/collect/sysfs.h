/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Prefix-aware readers for sysfs and procfs (util-linux lib/path.c style):
 * every path is relative to a root, "/" on a live host or a saved tree
 * given with --sysroot, so tests run against fixture trees.
 */
#ifndef MDSCOPE_SYSFS_H
#define MDSCOPE_SYSFS_H

#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "snapshot.h"

/* Build root + formatted path into buf; -ENAMETOOLONG. */
int sr_path(char *buf, size_t len, const char *root, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Read a small text file; trailing newlines stripped. -errno (-EINVAL on
 * a NUL byte, -EFBIG when it does not fit, -EISDIR, -SR_ENOTREG for a
 * device, FIFO or socket: regular files only, never blocking). */
int sr_read_string(const char *root, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Read a whole file into a malloc'd, NUL-terminated buffer (limit 64 MiB). */
int sr_read_file(const char *root, char **buf, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Read the regular file at path (as given, no root), at most limit bytes,
 * into a malloc'd, NUL-terminated buffer, never blocking: the errors of
 * sr_read_string. st (may be NULL) gets the file's fstat(), its type also on
 * -EISDIR and -SR_ENOTREG.
 */
int sr_read_file_max(const char *path, size_t limit, char **buf, size_t *len, struct stat *st);

/* Read all of fd (stdin) into a malloc'd, NUL-terminated buffer (limit 64 MiB). */
int sr_read_fd(int fd, char **buf, size_t *len);

/* The readers refuse what is not a regular file with -SR_ENOTREG. */
#define SR_ENOTREG EMEDIUMTYPE
/* strerror(-err), with "not a regular file" for -SR_ENOTREG. */
const char *sr_strerror(int err);

DIR *sr_opendir(const char *root, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* (claims.c) The kernel's claims under root: vulnerabilities, smt, cpuN topology,
 * cpuinfo, cmdline, release. Missing parts become notes in s. */
void sysfs_collect_kernel(struct mds_snapshot *s, const char *root);

/* Pure parsers of sysfs texts. */
int parse_smt_control(const char *text, enum mds_smt_control *out, struct mds_err *err);
int parse_smt_active(const char *text, int *out, struct mds_err *err);
/* A kernel cpulist ("0-3,8"): count of CPUs; -EINVAL if malformed. */
int parse_cpulist_count(const char *text, struct mds_err *err);
/* Position of cpu in a cpulist; -ENOENT when not listed, -EINVAL if malformed. */
int parse_cpulist_index(const char *text, uint32_t cpu, struct mds_err *err);

/* Replace bytes outside printable ASCII with '?'; returns how many. */
size_t sanitize_text(char *s);

#endif
