// SPDX-License-Identifier: GPL-2.0
/*
 * The only file that touches hardware: CPUID and an allow-list of MSRs.
 * regs.c runs all of a CPU's reads in one cross-CPU call (hw_on_cpu), so
 * the accessors here execute on the CPU they describe, with interrupts
 * off. Reads are _safe: a register a CPU does not have is an error, never
 * an oops.
 */
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/msr.h>
#include <asm/processor.h>

#include "compat.h"
#include "regs.h"

static int hw_on_cpu(unsigned int cpu, void (*fn)(void *arg), void *arg)
{
	return smp_call_function_single(cpu, fn, arg, 1);
}

static void hw_cpuid(struct mdscope_cpuid *id)
{
	u32 eax, ebx, ecx, edx;

	memset(id, 0, sizeof(*id));
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

static int hw_rdmsr(u32 msr, u64 *val)
{
	u32 lo, hi;
	int err;

	err = rdmsr_safe(msr, &lo, &hi);
	if (!err)
		*val = (u64)hi << 32 | lo;
	return err;
}

/* SDM vol. 3, "Microcode update signature": clear, serialize, read. */
static int hw_ucode_intel(u32 *rev)
{
	u32 lo, hi;
	int err;

	err = wrmsr_safe(MDSCOPE_MSR_UCODE_REV, 0, 0);
	if (err)
		return err;
	cpuid_eax(1);
	err = rdmsr_safe(MDSCOPE_MSR_UCODE_REV, &lo, &hi);
	if (!err)
		*rev = hi;
	return err;
}

static u32 hw_ucode_cached(unsigned int cpu)
{
	return cpu_data(cpu).microcode;
}

const struct mdscope_hw_ops mdscope_hw = {
	.on_cpu = hw_on_cpu,
	.cpuid = hw_cpuid,
	.read_msr = hw_rdmsr,
	.ucode_intel = hw_ucode_intel,
	.ucode_cached = hw_ucode_cached,
};
