// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite mdscope_hw: mdscope_read_regs() through the real accessors
 * (mdscope_hw, msr.c) on every CPU the kernel booted on. The expected values
 * come from the kernel command line, written by tests/kunit/suite from the
 * same variables it builds the QEMU -cpu/-smp arguments from:
 *
 *   mdscope_kunit.hw_vendor=GenuineIntel mdscope_kunit.hw_family=6
 *   mdscope_kunit.hw_model=85 mdscope_kunit.hw_stepping=7
 *   mdscope_kunit.hw_ucode_rev=0x500320a00000000 (QEMU's whole MSR 0x8B)
 *   mdscope_kunit.hw_md_clear=1 mdscope_kunit.hw_arch_cap=1
 *   mdscope_kunit.hw_cpus=4
 *   mdscope_kunit.hw_arch_cap_value=0 mdscope_kunit.hw_platform_id=0
 *     (what QEMU TCG returns for MSRs it does not model)
 *
 * Without them every case is skipped (and the suite script counts a skip
 * as a failure).
 */
#include <kunit/test.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <asm/msr.h>
#include <asm/smp.h>
#include <linux/mdscope.h>

#include "regs.h"

static char *hw_vendor;
module_param(hw_vendor, charp, 0444);
static unsigned int hw_family, hw_model, hw_stepping, hw_cpus;
module_param(hw_family, uint, 0444);
module_param(hw_model, uint, 0444);
module_param(hw_stepping, uint, 0444);
module_param(hw_cpus, uint, 0444);
static unsigned long long hw_ucode_rev, hw_arch_cap_value, hw_platform_id;
module_param(hw_ucode_rev, ullong, 0444);
module_param(hw_arch_cap_value, ullong, 0444);
module_param(hw_platform_id, ullong, 0444);
static bool hw_md_clear, hw_arch_cap;
module_param(hw_md_clear, bool, 0444);
module_param(hw_arch_cap, bool, 0444);

static int hw_test_init(struct kunit *test)
{
	if (!hw_vendor || !hw_cpus)
		kunit_skip(test, "no expectations: boot with mdscope_kunit.hw_*= (tests/kunit/suite)");
	return 0;
}

/* CPUID.1:EAX as QEMU builds it from family=, model=, stepping=. */
static u32 qemu_signature(unsigned int family, unsigned int model, unsigned int stepping)
{
	u32 sig = (stepping & 0xf) | (model & 0xf) << 4 | ((model >> 4) & 0xf) << 16;

	if (family > 0xf)
		sig |= 0xf << 8 | (family - 0xf) << 20;
	else
		sig |= family << 8;
	return sig;
}

/* The revision the kernel and mdscope report for @vendor from MSR 0x8B. */
static u64 expected_microcode(void)
{
	switch (mdscope_vendor(hw_vendor)) {
	case MDSCOPE_VENDOR_INTEL:
		return hw_ucode_rev >> 32;
	case MDSCOPE_VENDOR_AMD:
		return (u32)hw_ucode_rev;
	default:
		return 0;
	}
}

static void online_cpus_as_configured(struct kunit *test)
{
	KUNIT_EXPECT_EQ_MSG(test, num_online_cpus(), hw_cpus, "-smp gave another CPU count");
}

static void read_regs_hw_identity(struct kunit *test)
{
	u32 sig = qemu_signature(hw_family, hw_model, hw_stepping);
	struct mdscope_regs *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	unsigned int cpu;

	KUNIT_ASSERT_NOT_NULL(test, r);
	for_each_online_cpu(cpu) {
		KUNIT_ASSERT_EQ_MSG(test, mdscope_read_regs(&mdscope_hw, cpu, r), 0, "CPU %u", cpu);
		KUNIT_EXPECT_STREQ_MSG(test, r->id.vendor, hw_vendor, "CPU %u: vendor", cpu);
		KUNIT_EXPECT_EQ_MSG(test, r->id.sig, sig, "CPU %u: signature of %u/%u/%u", cpu,
				    hw_family, hw_model, hw_stepping);
		KUNIT_EXPECT_GE_MSG(test, r->id.max_leaf, 7U, "CPU %u: max leaf", cpu);
		/* run on @cpu itself, not on the CPU that asked */
		KUNIT_EXPECT_EQ_MSG(test, r->id.apic_id, (u32)cpu_physical_id(cpu),
				    "CPU %u: APIC id", cpu);
		KUNIT_EXPECT_EQ_MSG(test, !!(r->id.l7_edx & MDSCOPE_L7EDX_MD_CLEAR), hw_md_clear,
				    "CPU %u: MD_CLEAR in leaf 7 EDX 0x%08x", cpu, r->id.l7_edx);
		KUNIT_EXPECT_EQ_MSG(test, !!(r->id.l7_edx & MDSCOPE_L7EDX_ARCH_CAP), hw_arch_cap,
				    "CPU %u: ARCH_CAPABILITIES in leaf 7 EDX 0x%08x", cpu,
				    r->id.l7_edx);
	}
}

/* The Intel procedure (write 0, CPUID(1), read) against a plain read and
 * the kernel's cached value, twice: TCG must not reset the MSR to 0. */
static void read_regs_hw_microcode(struct kunit *test)
{
	struct mdscope_regs *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	u64 want = expected_microcode();
	unsigned int cpu, pass;
	u64 plain;

	KUNIT_ASSERT_NOT_NULL(test, r);
	for_each_online_cpu(cpu) {
		for (pass = 1; pass <= 2; pass++) {
			KUNIT_ASSERT_EQ(test, mdscope_read_regs(&mdscope_hw, cpu, r), 0);
			KUNIT_EXPECT_EQ_MSG(test, r->microcode.state, (u32)MDSCOPE_REG_STATE_OK,
					    "CPU %u read %u: microcode state (errno %u)", cpu,
					    pass, r->microcode.err);
			KUNIT_EXPECT_EQ_MSG(test, r->microcode.value, want,
					    "CPU %u read %u: microcode", cpu, pass);
			KUNIT_EXPECT_EQ_MSG(test, r->microcode_cached, (u32)want,
					    "CPU %u read %u: cached microcode", cpu, pass);
		}
		KUNIT_ASSERT_EQ(test, rdmsrl_safe_on_cpu(cpu, MDSCOPE_MSR_UCODE_REV, &plain), 0);
		KUNIT_EXPECT_EQ_MSG(test, plain, hw_ucode_rev,
				    "CPU %u: MSR 0x8B after the procedure", cpu);
	}
}

static void read_regs_hw_arch_cap(struct kunit *test)
{
	struct mdscope_regs *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	unsigned int cpu;

	KUNIT_ASSERT_NOT_NULL(test, r);
	for_each_online_cpu(cpu) {
		KUNIT_ASSERT_EQ(test, mdscope_read_regs(&mdscope_hw, cpu, r), 0);
		if (!hw_arch_cap) {
			KUNIT_EXPECT_EQ_MSG(test, r->arch_cap.state,
					    (u32)MDSCOPE_REG_STATE_NOT_ENUMERATED, "CPU %u", cpu);
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, r->arch_cap.state, (u32)MDSCOPE_REG_STATE_OK,
				    "CPU %u: ARCH_CAP state (errno %u)", cpu, r->arch_cap.err);
		KUNIT_EXPECT_EQ_MSG(test, r->arch_cap.value, hw_arch_cap_value,
				    "CPU %u: ARCH_CAP value", cpu);
		KUNIT_EXPECT_EQ_MSG(test, r->tsx_ctrl.state,
				    (u32)(hw_arch_cap_value & MDSCOPE_AC_TSX_CTRL_MSR ?
					  MDSCOPE_REG_STATE_OK : MDSCOPE_REG_STATE_NOT_ENUMERATED),
				    "CPU %u: TSX_CTRL state", cpu);
	}
}

static void read_regs_hw_platform_id(struct kunit *test)
{
	struct mdscope_regs *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	bool intel = mdscope_vendor(hw_vendor) == MDSCOPE_VENDOR_INTEL;
	unsigned int cpu;

	KUNIT_ASSERT_NOT_NULL(test, r);
	for_each_online_cpu(cpu) {
		KUNIT_ASSERT_EQ(test, mdscope_read_regs(&mdscope_hw, cpu, r), 0);
		KUNIT_EXPECT_EQ_MSG(test, r->platform_id.state,
				    (u32)(intel ? MDSCOPE_REG_STATE_OK :
					  MDSCOPE_REG_STATE_NOT_APPLICABLE),
				    "CPU %u: platform id state (errno %u)", cpu, r->platform_id.err);
		if (intel)
			KUNIT_EXPECT_EQ_MSG(test, r->platform_id.value, hw_platform_id,
					    "CPU %u: platform id", cpu);
	}
}

/* An offline CPU cannot be read: -ENXIO, nothing kept; back online, it can. */
static void read_regs_hw_offline_cpu(struct kunit *test)
{
	struct mdscope_regs *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	unsigned int cpu = cpumask_last(cpu_online_mask);
	u64 val;
	int err;

	KUNIT_ASSERT_NOT_NULL(test, r);
	if (cpu == 0)
		kunit_skip(test, "only CPU 0 is online");
	KUNIT_ASSERT_EQ_MSG(test, remove_cpu(cpu), 0, "cannot offline CPU %u", cpu);
	err = mdscope_read_regs(&mdscope_hw, cpu, r);
	KUNIT_EXPECT_EQ_MSG(test, err, -ENXIO, "offline CPU %u", cpu);
	KUNIT_EXPECT_PTR_EQ_MSG(test, memchr_inv(r, 0, sizeof(*r)), NULL,
				"offline CPU %u: regs not zeroed", cpu);
	KUNIT_EXPECT_EQ_MSG(test, rdmsrl_safe_on_cpu(cpu, MDSCOPE_MSR_UCODE_REV, &val), -ENXIO,
			    "offline CPU %u: rdmsr", cpu);
	KUNIT_ASSERT_EQ_MSG(test, add_cpu(cpu), 0, "cannot online CPU %u again", cpu);
	KUNIT_EXPECT_EQ_MSG(test, mdscope_read_regs(&mdscope_hw, cpu, r), 0,
			    "CPU %u back online", cpu);
	KUNIT_EXPECT_EQ_MSG(test, r->microcode.value, expected_microcode(),
			    "CPU %u back online: microcode", cpu);
}

static struct kunit_case mdscope_hw_cases[] = {
	KUNIT_CASE(online_cpus_as_configured),
	KUNIT_CASE(read_regs_hw_identity),
	KUNIT_CASE(read_regs_hw_microcode),
	KUNIT_CASE(read_regs_hw_arch_cap),
	KUNIT_CASE(read_regs_hw_platform_id),
	KUNIT_CASE(read_regs_hw_offline_cpu),
	{}
};

static struct kunit_suite mdscope_hw_suite = {
	.name = "mdscope_hw",
	.init = hw_test_init,
	.test_cases = mdscope_hw_cases,
};

kunit_test_suite(mdscope_hw_suite);
