/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's CPU vulnerability tables (cpu_vuln_whitelist/blacklist in
 * arch/x86/kernel/cpu/common.c) as data, and the kernel's first-match lookup.
 * The rows live in cputable_gen.c, generated from userspace/gen/data.
 */
#ifndef MDSCOPE_CPUTABLE_H
#define MDSCOPE_CPUTABLE_H

#include <stddef.h>
#include <stdint.h>

#include "cputable_gen.h"

enum cpu_vendor {
	CPU_VENDOR_UNKNOWN = 0,	/* not read, or a vendor string we do not know */
	CPU_VENDOR_ANY,		/* table wildcard only */
	CPU_VENDOR_INTEL,
	CPU_VENDOR_AMD,
	CPU_VENDOR_HYGON,
	CPU_VENDOR_CENTAUR,
	CPU_VENDOR_ZHAOXIN,
	CPU_VENDOR_NSC,
	CPU_VENDOR_VORTEX,
};

#define CPUTABLE_ANY 0xffffu

struct cputable_row {
	uint8_t vendor;		/* enum cpu_vendor */
	uint16_t family;	/* display family or CPUTABLE_ANY */
	uint16_t model;		/* display model or CPUTABLE_ANY */
	uint16_t stepping_max;	/* steppings 0..max, or CPUTABLE_ANY */
	uint8_t cpu_type;	/* hybrid core type (CPUID.1A:EAX[31:24]) or 0 = any */
	const char *name;	/* the kernel's model macro name */
	uint64_t flags;		/* CPUTABLE_F_* */
};

extern const struct cputable_row cputable_whitelist[];
extern const size_t cputable_whitelist_len;
extern const struct cputable_row cputable_blacklist[];
extern const size_t cputable_blacklist_len;
extern const char *const cputable_flag_names[CPUTABLE_NFLAGS];

/* "GenuineIntel" -> CPU_VENDOR_INTEL; unknown strings -> CPU_VENDOR_UNKNOWN. */
enum cpu_vendor cpu_vendor_from_string(const char *s);
const char *cpu_vendor_name(enum cpu_vendor v);

/*
 * First row matching like x86_match_cpu(), or NULL. cpu_type is the hybrid
 * core type byte (0 when not hybrid): rows with a cpu_type match only it.
 */
const struct cputable_row *cputable_match(const struct cputable_row *table, size_t len,
					  enum cpu_vendor vendor, uint32_t signature,
					  uint8_t cpu_type);

/* The row's flags as "NO_MDS|MSBDS_ONLY" into buf; returns buf. */
char *cputable_flags_str(uint64_t flags, char *buf, size_t size);

#endif
