/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Prefix-aware readers for sysfs and procfs (util-linux lib/path.c style):
 * every path is relative to a root, "/" on a live host or a saved tree
 * given with --sysroot, so tests run against fixture trees.
 */
#ifndef MDSCOPE_SYSFS_H
#define MDSCOPE_SYSFS_H

#include <dirent.h>
#include <stddef.h>

#include "snapshot.h"

/* Build root + formatted path into buf; -ENAMETOOLONG. */
int sr_path(char *buf, size_t len, const char *root, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Read a small text file; trailing newlines stripped. -errno (-EINVAL on
 * a NUL byte, -EFBIG when it does not fit). */
int sr_read_string(const char *root, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Read a whole file into a malloc'd, NUL-terminated buffer (limit 64 MiB). */
int sr_read_file(const char *root, char **buf, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

DIR *sr_opendir(const char *root, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* (claims.c) The kernel's claims under root: vulnerabilities, smt, cpuN topology,
 * cpuinfo, cmdline, release. Missing parts become notes in s. */
void sysfs_collect_kernel(struct mds_snapshot *s, const char *root);

/* Reverse name maps for the snapshot loader: the enum value, or -1. */
int mds_smt_control_from_name(const char *name);
int mds_source_from_name(const char *name);

/* Replace bytes outside printable ASCII with '?'; returns how many. */
size_t sanitize_text(char *s);

#endif
