/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Microcode files on disk: load one file, or every file of a firmware
 * directory's intel-ucode/ and amd-ucode/, each parsed (ucode_blob.h).
 */
#ifndef MDSCOPE_UCODE_FILE_H
#define MDSCOPE_UCODE_FILE_H

#include "snapshot.h"
#include "ucode_blob.h"

#define UCODE_FILE_MAX	(64u << 20)	/* larger files are refused */

struct ucode_file {
	char *path;		/* malloc'd */
	const char *name;	/* basename, inside path */
	int err;		/* 0, -EBADMSG (blob.why says why), or -errno reading it */
	struct ucode_blob blob;
};

struct ucode_dir {
	struct ucode_file *f;	/* malloc'd, sorted by path */
	size_t nr;
};

/* Read a whole regular file (at most UCODE_FILE_MAX bytes) into *buf (free());
 * -EINVAL when it is not a regular file, -EFBIG when larger. */
int ucode_read_file(const char *path, void **buf, size_t *len);

/*
 * Every regular file of fwdir/intel-ucode and fwdir/amd-ucode (a missing
 * subdirectory is simply empty), or of fwdir itself when it is named
 * intel-ucode or amd-ucode. -errno with err filled when fwdir itself
 * cannot be read; unreadable or broken files are listed with their err.
 */
int ucode_dir_read(const char *fwdir, struct ucode_dir *d, struct mds_err *err);
void ucode_dir_free(struct ucode_dir *d);

/* The newest entry of every good file for sig/pid (*file: where it is). */
const struct ucode_entry *ucode_dir_best(const struct ucode_dir *d, enum ucode_vendor v,
					 uint32_t sig, int pid, const struct ucode_file **file);

/* The name the kernel loads for a CPU: "06-55-04" or "microcode_amd_fam17h.bin". */
void ucode_file_name(enum ucode_vendor v, uint32_t sig, char *buf, size_t len);

#endif
