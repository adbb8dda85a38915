/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Microcode status of a group of identical CPUs, from facts: the loaded
 * revision, the newest on disk, the one in the initramfs, and Intel's
 * release tables (ucode.h). Pure; the facts are gathered by
 * cmd/ucode_inv.c and printed by output/ucode_print.c. The inventory
 * types at the end are what those two share (and what report and check
 * can use).
 */
#ifndef MDSCOPE_UCODE_STATUS_H
#define MDSCOPE_UCODE_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ucode.h"
#include "ucode_blob.h"

/* Worst last: a socket's status is the highest of its groups' (see ucode_status_rank). */
enum ucode_status {
	UCODE_ST_UP_TO_DATE = 0,
	UCODE_ST_NO_FIX_KNOWN,		/* no MDS microcode known, none in the CPU */
	UCODE_ST_UPDATE_AVAILABLE,	/* a newer release is known than anything installed */
	UCODE_ST_INITRAMFS_STALE,	/* newer on disk, older or none in the initramfs */
	UCODE_ST_REBOOT_NEEDED,		/* newer on disk and in the initramfs */
	UCODE_ST_UNKNOWN,		/* facts missing */
};

/* What is known of a place microcode can come from. */
enum ucode_fact {
	UCODE_FACT_UNKNOWN = 0,		/* not read (unreadable, broken) */
	UCODE_FACT_NONE,		/* read: nothing for this CPU */
	UCODE_FACT_FOUND,		/* read: rev is the newest for this CPU */
};

struct ucode_facts {
	enum ucode_vendor vendor;	/* NONE: not Intel or AMD, or not read */
	bool have_sig;
	uint32_t sig;
	int platform_id;		/* 0..7, -1 unknown (AMD: -1) */
	bool have_rev;
	uint32_t rev;			/* loaded: the kernel's cached value, else the MSR */
	enum ucode_fact disk;
	uint32_t disk_rev;
	enum ucode_fact initramfs;
	uint32_t initramfs_rev;
	bool md_clear;			/* CPUID.7.0:EDX[10] */
	bool mds_no;			/* ARCH_CAPABILITIES.MDS_NO */
};

#define UCODE_MAX_EVIDENCE	8

struct ucode_verdict {
	enum ucode_status status;
	int exit_code;			/* 0 ok, 1 warning, 2 pre-MDS with a fix at hand, 3 unknown */
	bool pre_mds;			/* older than the first MDS-fixing revision */
	struct ucode_check known;	/* Intel's tables for sig/platform (Intel only) */
	char evidence[UCODE_MAX_EVIDENCE][200];
	size_t nr_evidence;
};

/* Decide; fills every field of v. */
void ucode_decide(const struct ucode_facts *f, struct ucode_verdict *v);

const char *ucode_status_name(enum ucode_status s);
const char *ucode_vendor_name(enum ucode_vendor v);

/* ---- the inventory: per socket, per group of identical CPUs ---------- */

struct ucode_group {
	int socket;			/* package id, -1 unknown */
	char cpus[1024];		/* cpulist of the group ("0-3,8"), cut at 1023 */
	uint32_t first_cpu;
	struct ucode_facts facts;
	bool have_msr, have_cached;
	uint32_t msr_rev, cached_rev;
	char disk_file[4096];		/* the newest on disk; with disk unknown the broken file */
	uint32_t disk_date;		/* BCD 0xMMDDYYYY (AMD: as stored) */
	uint32_t initramfs_date;
	struct ucode_verdict v;
};

struct ucode_socket {
	int socket;
	size_t first, nr;		/* its groups in ucode_inv.groups */
	enum ucode_status status;	/* the worst of its groups */
	int exit_code;
};

/* A file that was read but cannot be trusted. */
struct ucode_bad_file {
	char path[4096];
	char why[200];
};

struct ucode_inv {
	char fwdir[4096];
	char initramfs[4096];		/* "" when none was named */
	const char *initramfs_state;	/* "read", "no_early_cpio", "unreadable", "not_given" */
	char initramfs_why[200];
	unsigned int files;		/* microcode files read */
	struct ucode_bad_file *bad;	/* malloc'd */
	size_t nr_bad;
	struct ucode_group *groups;	/* malloc'd, by socket then first CPU */
	size_t nr_groups;
	struct ucode_socket *sockets;	/* malloc'd */
	size_t nr_sockets;
	enum ucode_status status;	/* worst of all */
	int exit_code;			/* highest of all */
};

void ucode_inv_free(struct ucode_inv *inv);

/* Group the sockets and roll statuses up (pure; groups sorted by socket). */
int ucode_inv_rollup(struct ucode_inv *inv);

#endif
