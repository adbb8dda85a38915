/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The early microcode an initramfs hands the next boot: the vendor bundles
 * in the uncompressed cpio archives at its start, read with libarchive.
 */
#ifndef MDSCOPE_INITRAMFS_H
#define MDSCOPE_INITRAMFS_H

#include <stdbool.h>

#include "ucode_blob.h"

#define UCODE_EARLY_INTEL "kernel/x86/microcode/GenuineIntel.bin"
#define UCODE_EARLY_AMD "kernel/x86/microcode/AuthenticAMD.bin"

enum ucode_ird_state {
	UCODE_IRD_UNREAD = 0,	/* no initramfs named, or none read */
	UCODE_IRD_ERROR,	/* cannot open or read it; err and why say so */
	UCODE_IRD_NO_EARLY,	/* it does not start with an uncompressed newc cpio */
	UCODE_IRD_READ,		/* the early archives were read */
};

/* One vendor bundle found in the early archives. */
struct ucode_early {
	bool present;
	int err;		/* 0, -EBADMSG (blob.why), -EFBIG, -EIO */
	struct ucode_blob blob;
};

struct ucode_initramfs {
	enum ucode_ird_state state;
	int err;
	char why[200];
	unsigned int archives;	/* uncompressed cpio archives read at the start */
	struct ucode_early intel, amd;
};

/*
 * Read the early archives of the initramfs at path: every uncompressed newc
 * cpio archive at its start (zero padding between them skipped, as the
 * kernel's find_cpio_data() does), stopping at the first byte that does not
 * start one (the compressed main archive). The first regular file of each
 * vendor name wins. Returns 0 (state says what was found) or -ENOMEM.
 */
int ucode_initramfs_read(const char *path, struct ucode_initramfs *out);
void ucode_initramfs_free(struct ucode_initramfs *ird);

/* The same on a buffer (tests). */
int ucode_initramfs_parse(const void *buf, size_t len, struct ucode_initramfs *out);

#endif
