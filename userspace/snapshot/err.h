/* SPDX-License-Identifier: GPL-2.0 */
/* One error message beside a -errno (err.c): small enough for any reader
 * (collect/sysfs.c, the Nova and microcode file readers) to use without
 * the snapshot layer. */
#ifndef MDSCOPE_ERR_H
#define MDSCOPE_ERR_H

/* One error message, filled where a -errno is returned. */
struct mds_err {
	char msg[256];
};

/* Fill err (may be NULL) from fmt; returns -EINVAL. */
int mds_seterr(struct mds_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
