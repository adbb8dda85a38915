// SPDX-License-Identifier: GPL-2.0
/*
 * The only file that touches hardware: CPUID and an allow-list of MSRs,
 * each executed on the CPU it describes. Reads are _safe: a register a CPU
 * does not have is an error, never an oops.
 */
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/msr.h>
#include <asm/processor.h>

#include "compat.h"
#include "regs.h"

static void cpuid_fn(void *arg)
{
	struct mdscope_cpuid *id = arg;
	u32 eax, ebx, ecx, edx;

	cpuid(0, &id->max_leaf, &ebx, &ecx, &edx);
	memcpy(id->vendor, &ebx, 4);
	memcpy(id->vendor + 4, &edx, 4);
	memcpy(id->vendor + 8, &ecx, 4);
	id->vendor[12] = '\0';

	cpuid(1, &id->sig, &id->l1_ebx, &id->l1_ecx, &id->l1_edx);
	id->apic_id = id->l1_ebx >> 24;
	if (id->max_leaf >= 7)
		cpuid_count(7, 0, &eax, &id->l7_ebx, &id->l7_ecx, &id->l7_edx);
	if (id->max_leaf >= 0xb) {
		cpuid_count(0xb, 0, &eax, &ebx, &ecx, &edx);
		if (ebx)	/* leaf 0xB is valid: EDX is the x2APIC id */
			id->apic_id = edx;
	}
	if (id->max_leaf >= 0x1a)
		cpuid_count(0x1a, 0, &id->l1a_eax, &ebx, &ecx, &edx);
}

static int hw_cpuid(unsigned int cpu, struct mdscope_cpuid *id)
{
	memset(id, 0, sizeof(*id));
	return smp_call_function_single(cpu, cpuid_fn, id, 1);
}

static int hw_rdmsr(unsigned int cpu, u32 msr, u64 *val)
{
	u32 lo, hi;
	int err;

	err = rdmsr_safe_on_cpu(cpu, msr, &lo, &hi);
	if (!err)
		*val = (u64)hi << 32 | lo;
	return err;
}

struct ucode_arg {
	u32 rev;
	int err;
};

/* SDM vol. 3, "Microcode update signature": clear, serialize, read, on one CPU. */
static void ucode_intel_fn(void *arg)
{
	struct ucode_arg *a = arg;
	u32 lo, hi;

	a->err = wrmsr_safe(MDSCOPE_MSR_UCODE_REV, 0, 0);
	if (a->err)
		return;
	cpuid_eax(1);
	a->err = rdmsr_safe(MDSCOPE_MSR_UCODE_REV, &lo, &hi);
	a->rev = hi;
}

static int hw_ucode_intel(unsigned int cpu, u32 *rev)
{
	struct ucode_arg a = { .err = -EIO };
	int err;

	err = smp_call_function_single(cpu, ucode_intel_fn, &a, 1);
	if (err)
		return err;
	*rev = a.rev;
	return a.err;
}

static u32 hw_ucode_cached(unsigned int cpu)
{
	return cpu_data(cpu).microcode;
}

const struct mdscope_hw_ops mdscope_hw = {
	.cpuid = hw_cpuid,
	.read_msr = hw_rdmsr,
	.ucode_intel = hw_ucode_intel,
	.ucode_cached = hw_ucode_cached,
};
