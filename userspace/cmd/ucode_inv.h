/* SPDX-License-Identifier: GPL-2.0 */
/* The microcode inventory of a snapshot's CPUs: files on disk, initramfs, status. */
#ifndef MDSCOPE_UCODE_INV_H
#define MDSCOPE_UCODE_INV_H

#include "snapshot.h"
#include "ucode_status.h"

/*
 * Read the microcode files under fwdir (intel-ucode/, amd-ucode/) and the
 * early archives of initramfs (NULL: not read), group s's CPUs per socket
 * and identical facts, and decide each group (ucode_decide()). Returns 0,
 * or -errno with err filled when fwdir cannot be read at all or memory
 * runs out; unreadable initramfs and broken files are facts, not errors.
 * Free out with ucode_inv_free().
 */
/*
 * The firmware directory and initramfs the host of s boots with, under
 * sysroot (NULL or "/": the running system): *fwdir and *initramfs are
 * malloc'd (initramfs NULL when the kernel release is not known). -ENOMEM.
 */
int ucode_default_paths(const struct mds_snapshot *s, const char *sysroot, char **fwdir,
			char **initramfs);

int ucode_inventory(const struct mds_snapshot *s, const char *fwdir, const char *initramfs,
		    struct ucode_inv *out, struct mds_err *err);
/* The same with s already classified (cr: its per-CPU facts; NULL: classify here). */
struct cls_result;
int ucode_inventory_cls(const struct mds_snapshot *s, const struct cls_result *cr,
			const char *fwdir, const char *initramfs, struct ucode_inv *out,
			struct mds_err *err);

struct cls_result;
/*
 * The microcode files s's host boots with, compared with its CPUs, and their
 * findings added to r (cls_ucode_findings). fwdir NULL: the default under
 * sysroot, and a missing default directory is nothing to compare with (0);
 * initramfs NULL: the default when default_ird, else none. 1 with inv
 * filled (ucode_inv_free it), 0, or -errno with err (a named directory that
 * cannot be read) or -ENOMEM.
 */
int ucode_files_findings(const struct mds_snapshot *s, struct cls_result *r, const char *sysroot,
			 const char *fwdir, const char *initramfs, bool default_ird,
			 struct ucode_inv *inv, struct mds_err *err);

#endif
