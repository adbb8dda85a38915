/* SPDX-License-Identifier: GPL-2.0 */
/* Raw facts of one CPU and how they are read. Hardware access is behind
 * struct mdscope_hw_ops so the filling logic can be tested with injected reads. */
#ifndef MDSCOPE_REGS_H
#define MDSCOPE_REGS_H

#include <linux/types.h>

#include "x86_defs.h"

/* One register read: state is enum mdscope_reg_state, 0 = not read. */
struct mdscope_reg {
	u32 state;
	u32 err;		/* positive errno on MDSCOPE_REG_STATE_FAULT */
	u64 value;
};

enum mdscope_vendor {
	MDSCOPE_VENDOR_OTHER,
	MDSCOPE_VENDOR_INTEL,
	MDSCOPE_VENDOR_AMD,	/* AMD and Hygon: patch level in MSR 0x8B[31:0] */
};

/* CPUID leaves, executed on the CPU they describe. */
struct mdscope_cpuid {
	char vendor[13];
	u32 max_leaf;
	u32 sig, l1_ebx, l1_ecx, l1_edx;
	u32 l7_ebx, l7_ecx, l7_edx;
	u32 l1a_eax;
	u32 apic_id;		/* CPUID.B:EDX, else CPUID.1:EBX[31:24] */
};

struct mdscope_regs {
	struct mdscope_cpuid id;
	struct mdscope_reg microcode;	/* revision */
	struct mdscope_reg platform_id;	/* MSR 0x17 bits 52:50 */
	struct mdscope_reg arch_cap;
	struct mdscope_reg tsx_ctrl;
	u32 microcode_cached;		/* cpu_data(cpu).microcode */
};

/*
 * How a CPU is read: on_cpu() runs one function on the CPU being read (one
 * cross-CPU call per CPU), and that function does every CPUID and MSR
 * access through the local accessors, which run there with interrupts off
 * and must not sleep.
 */
struct mdscope_hw_ops {
	/* Run @fn(@arg) on @cpu and wait; -errno (-ENXIO offline) if it cannot run there. */
	int (*on_cpu)(unsigned int cpu, void (*fn)(void *arg), void *arg);
	/* Local: CPUID leaves 0, 1, 7.0, 0xB, 0x1A. */
	void (*cpuid)(struct mdscope_cpuid *id);
	/* Local: a plain _safe MSR read (not "rdmsr": that is an x86 macro). */
	int (*read_msr)(u32 msr, u64 *val);
	/* Local: Intel's procedure: write 0 to 0x8B, CPUID(1), read 0x8B[63:32]. */
	int (*ucode_intel)(u32 *rev);
	/* Any CPU: the kernel's cached revision of @cpu. */
	u32 (*ucode_cached)(unsigned int cpu);
};

extern const struct mdscope_hw_ops mdscope_hw;

enum mdscope_vendor mdscope_vendor(const char *vendor);
int mdscope_read_regs(const struct mdscope_hw_ops *ops, unsigned int cpu,
		      struct mdscope_regs *r);

#endif
