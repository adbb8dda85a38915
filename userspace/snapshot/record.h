/* SPDX-License-Identifier: GPL-2.0 */
/* One logical CPU's raw facts, as the module (or a fallback reader) gives them. */
#ifndef MDSCOPE_RECORD_H
#define MDSCOPE_RECORD_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/mdscope.h>

#include "x86_defs.h"

/* One register read; state is enum mdscope_reg_state, 0 when never read. */
struct mds_reg {
	uint32_t state;
	uint64_t value;		/* valid when state == MDSCOPE_REG_STATE_OK */
	uint32_t err;		/* positive errno when state == FAULT */
};

/* Where a record's facts came from. */
enum mds_source {
	MDS_SRC_NONE = 0,	/* never read (possible but never online) */
	MDS_SRC_MODULE,		/* mdscope.ko over netlink */
	MDS_SRC_FALLBACK,	/* CPUID + /dev/cpu/N/msr + /proc/cpuinfo */
	MDS_SRC_SNAPSHOT,	/* a saved snapshot file */
	MDS_SRC_IMPORT,		/* `mdscope import` of a foreign dump (collected_by only) */
};

struct mds_cpu {
	uint32_t cpu;
	bool online;
	bool have_cpuid;	/* vendor, signature and leaves below are valid */
	bool have_topology;	/* package, die, core, thread, apic_id are valid */
	bool have_ucode_cached;
	enum mds_source source;

	char vendor[13];
	uint32_t max_leaf;
	uint32_t signature;	/* CPUID.1:EAX */
	uint32_t leaf1_ecx, leaf1_edx;
	uint32_t leaf7_ebx, leaf7_ecx, leaf7_edx;
	uint32_t leaf1a_eax;

	uint32_t package, die, core, thread, apic_id;

	struct mds_reg microcode;	/* revision */
	uint32_t microcode_cached;	/* the kernel's cached revision */
	struct mds_reg platform_id;
	struct mds_reg arch_cap;
	struct mds_reg tsx_ctrl;

	uint32_t generation;
	uint64_t read_time_ns;		/* CLOCK_REALTIME */
};

/* The module's own state (MDSCOPE_CMD_GET_INFO). */
struct mds_info {
	char version[64];
	uint32_t generation;
	uint32_t cpus_possible, cpus_online;
	uint64_t read_time_ns;
};

/* Display family, model, stepping from CPUID.1:EAX, as the kernel computes them. */
static inline unsigned int mds_family(uint32_t sig)
{
	unsigned int fam = (sig >> 8) & 0xf;

	return fam == 0xf ? fam + ((sig >> 20) & 0xff) : fam;
}

static inline unsigned int mds_model(uint32_t sig)
{
	unsigned int model = (sig >> 4) & 0xf;

	return mds_family(sig) >= 6 ? model + (((sig >> 16) & 0xf) << 4) : model;
}

static inline unsigned int mds_stepping(uint32_t sig)
{
	return sig & 0xf;
}

#endif
