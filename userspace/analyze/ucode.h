/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Intel microcode facts as data: the first release carrying the MDS fix
 * (microcode-20190514a / 20190618) and the newest revision Intel's release
 * notes list, per signature and platform mask (ucode_gen.c, generated).
 */
#ifndef MDSCOPE_UCODE_H
#define MDSCOPE_UCODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ucode_row {
	uint32_t signature;	/* CPUID.1:EAX */
	uint8_t pf_mask;	/* applies when pf_mask & (1 << platform_id) */
	uint32_t rev;
	uint32_t release;	/* yyyymmdd of the release tag */
	const char *codename;
};

extern const struct ucode_row ucode_mds_rows[];
extern const size_t ucode_mds_rows_len;
extern const struct ucode_row ucode_latest_rows[];
extern const size_t ucode_latest_rows_len;

/* How a CPU's revision compares with the first MDS-fixing release. */
enum ucode_state {
	UCODE_UNKNOWN = 0,	/* revision (or a needed platform id) not read */
	UCODE_NO_ROW,		/* signature not in the MDS release table */
	UCODE_PF_MISMATCH,	/* signature known, but no row for this platform id */
	UCODE_OLDER,		/* pre-MDS microcode: update */
	UCODE_EQUAL,		/* exactly the first fixing release */
	UCODE_NEWER,		/* newer than the first fixing release */
};

#define UCODE_PLATFORM_UNKNOWN (-1)

struct ucode_check {
	enum ucode_state state;
	const struct ucode_row *mds;	/* the MDS row used, if any */
	const struct ucode_row *latest;	/* newest known for sig+platform, if any */
	bool newer_exists;		/* latest known revision > the CPU's */
};

/*
 * Compare revision rev (have_rev false: unknown) of a CPU with signature sig
 * and platform id platform_id (0..7, or UCODE_PLATFORM_UNKNOWN) against the
 * tables. Revisions compare as signed 32-bit numbers, as the kernel does.
 * With an unknown platform id a signature whose rows all agree still works.
 */
void ucode_check(uint32_t sig, int platform_id, bool have_rev, uint32_t rev,
		 struct ucode_check *out);

/* Lookup in one table; NULL when no row (or, with an unknown platform id, rows disagree). */
const struct ucode_row *ucode_lookup(const struct ucode_row *table, size_t len,
				     uint32_t sig, int platform_id);

const char *ucode_state_name(enum ucode_state s);

#endif
