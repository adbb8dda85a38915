// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite mdscope_regs: mdscope_read_regs() over a fake
 * struct mdscope_hw_ops, so every register can be present, absent or
 * faulting, which TCG cannot give (there MSR 0x10a always reads 0 and no
 * MSR read ever faults). Each call the code makes is counted per MSR, and
 * every CPUID and MSR access must happen inside the one cross-CPU call
 * (on_cpu) a read makes.
 */
#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/mdscope.h>

#include "regs.h"

#define TEST_CPU	3
#define POISON		0xdeadbeefcafef00dULL	/* a faulting read leaves this */

/* One MSR the fake CPU has: what a read returns. */
struct fake_msr {
	u32 msr;
	int err;
	u64 val;
};

/* What the fake CPU is, and what the code did to it. */
struct fake_hw {
	struct mdscope_cpuid id;
	int on_cpu_err;			/* on_cpu() cannot run there (offline) */
	struct fake_msr msrs[4];	/* unlisted MSRs fault with -EIO */
	int ucode_err;
	u32 ucode_rev;
	u32 ucode_cached;
	/* counted by the fake ops */
	unsigned int rdmsr_calls[4];	/* index of msrs[] */
	unsigned int rdmsr_unlisted, ucode_calls, wrong_cpu;
	unsigned int on_cpu_calls;	/* cross-CPU calls: one per read */
	unsigned int outside;		/* local accesses outside on_cpu() */
	bool inside;			/* on_cpu() is running its function */
};

/* hw_ops callbacks get no context: the fake in use is global. */
static struct fake_hw *fake;

static void fake_check_cpu(unsigned int cpu)
{
	if (cpu != TEST_CPU)
		fake->wrong_cpu++;
}

/* A local accessor: it must run inside the one cross-CPU call. */
static void fake_check_local(void)
{
	if (!fake->inside)
		fake->outside++;
}

static int fake_on_cpu(unsigned int cpu, void (*fn)(void *arg), void *arg)
{
	fake_check_cpu(cpu);
	fake->on_cpu_calls++;
	if (fake->on_cpu_err)
		return fake->on_cpu_err;
	fake->inside = true;
	fn(arg);
	fake->inside = false;
	return 0;
}

static void fake_cpuid(struct mdscope_cpuid *id)
{
	fake_check_local();
	*id = fake->id;
}

static int fake_rdmsr(u32 msr, u64 *val)
{
	size_t i;

	fake_check_local();
	for (i = 0; i < ARRAY_SIZE(fake->msrs); i++) {
		const struct fake_msr *m = &fake->msrs[i];

		if (!m->msr || m->msr != msr)
			continue;
		fake->rdmsr_calls[i]++;
		*val = m->err ? POISON : m->val;
		return m->err;
	}
	fake->rdmsr_unlisted++;
	*val = POISON;
	return -EIO;
}

static int fake_ucode_intel(u32 *rev)
{
	fake_check_local();
	fake->ucode_calls++;
	*rev = fake->ucode_err ? (u32)POISON : fake->ucode_rev;
	return fake->ucode_err;
}

static u32 fake_ucode_cached(unsigned int cpu)
{
	fake_check_cpu(cpu);
	return fake->ucode_cached;
}

static const struct mdscope_hw_ops fake_ops = {
	.on_cpu = fake_on_cpu,
	.cpuid = fake_cpuid,
	.read_msr = fake_rdmsr,
	.ucode_intel = fake_ucode_intel,
	.ucode_cached = fake_ucode_cached,
};

static unsigned int calls(const struct fake_hw *hw, u32 msr)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(hw->msrs); i++)
		if (hw->msrs[i].msr == msr)
			return hw->rdmsr_calls[i];
	return 0;
}

/* Runs mdscope_read_regs() on TEST_CPU of @hw; @r starts as garbage. */
static int read_fake(struct kunit *test, struct fake_hw *hw, struct mdscope_regs *r)
{
	int err;

	fake = hw;
	memset(r, 0x5a, sizeof(*r));
	err = mdscope_read_regs(&fake_ops, TEST_CPU, r);
	fake = NULL;
	KUNIT_EXPECT_EQ_MSG(test, hw->wrong_cpu, 0U, "an op ran on another CPU than %d", TEST_CPU);
	KUNIT_EXPECT_EQ_MSG(test, hw->on_cpu_calls, 1U, "cross-CPU calls for one CPU's read");
	KUNIT_EXPECT_EQ_MSG(test, hw->outside, 0U,
			    "CPUID or MSR accesses outside the one cross-CPU call");
	return err;
}

struct want_reg {
	u32 state, err;
	u64 value;
};

static void expect_reg(struct kunit *test, const char *what, const char *name,
		       const struct mdscope_reg *got, const struct want_reg *want)
{
	KUNIT_EXPECT_EQ_MSG(test, got->state, want->state, "%s: %s state", what, name);
	KUNIT_EXPECT_EQ_MSG(test, got->err, want->err, "%s: %s errno", what, name);
	KUNIT_EXPECT_EQ_MSG(test, got->value, want->value, "%s: %s value", what, name);
	if (got->state != MDSCOPE_REG_STATE_OK)
		KUNIT_EXPECT_EQ_MSG(test, got->value, 0ULL,
				    "%s: %s not OK but carries a value", what, name);
}

static const struct mdscope_cpuid intel_id = {
	.vendor = "GenuineIntel", .max_leaf = 0x16, .sig = 0x50657,
	.l7_edx = MDSCOPE_L7EDX_MD_CLEAR | MDSCOPE_L7EDX_ARCH_CAP,
};

/* ---- ARCH_CAPABILITIES and TSX_CTRL ---- */

struct arch_cap_case {
	const char *name;
	u32 max_leaf, l7_edx;
	struct fake_msr arch_cap, tsx_ctrl;
	struct want_reg want_arch_cap, want_tsx_ctrl;
	unsigned int calls_arch_cap, calls_tsx_ctrl;
};

#define OK(v)		{ MDSCOPE_REG_STATE_OK, 0, (v) }
#define FAULT(e)	{ MDSCOPE_REG_STATE_FAULT, (e), 0 }
#define NOT_ENUM	{ MDSCOPE_REG_STATE_NOT_ENUMERATED, 0, 0 }
#define NOT_APPL	{ MDSCOPE_REG_STATE_NOT_APPLICABLE, 0, 0 }
#define NOT_READ	{ 0, 0, 0 }
#define MSR(m, v)	{ (m), 0, (v) }
#define MSR_ERR(m, e)	{ (m), (e), 0 }

static const struct arch_cap_case arch_cap_cases[] = {
	{ "enumerated, MDS_NO|TAA_NO|TSX_CTRL: both read", 0x16, MDSCOPE_L7EDX_ARCH_CAP,
	  MSR(MDSCOPE_MSR_ARCH_CAP, MDSCOPE_AC_MDS_NO | MDSCOPE_AC_TAA_NO | MDSCOPE_AC_TSX_CTRL_MSR),
	  MSR(MDSCOPE_MSR_TSX_CTRL, 0x3),
	  OK(MDSCOPE_AC_MDS_NO | MDSCOPE_AC_TAA_NO | MDSCOPE_AC_TSX_CTRL_MSR), OK(0x3), 1, 1 },
	{ "enumerated, MDS_NO only: no TSX_CTRL read", 0x16, MDSCOPE_L7EDX_ARCH_CAP,
	  MSR(MDSCOPE_MSR_ARCH_CAP, MDSCOPE_AC_MDS_NO), MSR(MDSCOPE_MSR_TSX_CTRL, 0x3),
	  OK(MDSCOPE_AC_MDS_NO), NOT_ENUM, 1, 0 },
	{ "enumerated, every bit but TSX_CTRL", 0x16, MDSCOPE_L7EDX_ARCH_CAP,
	  MSR(MDSCOPE_MSR_ARCH_CAP, ~MDSCOPE_AC_TSX_CTRL_MSR), MSR(MDSCOPE_MSR_TSX_CTRL, 0x3),
	  OK(~MDSCOPE_AC_TSX_CTRL_MSR), NOT_ENUM, 1, 0 },
	{ "enumerated, value 0 (as TCG reads)", 7, MDSCOPE_L7EDX_ARCH_CAP | MDSCOPE_L7EDX_MD_CLEAR,
	  MSR(MDSCOPE_MSR_ARCH_CAP, 0), MSR(MDSCOPE_MSR_TSX_CTRL, 0x3),
	  OK(0), NOT_ENUM, 1, 0 },
	{ "not enumerated: MSR present but never read", 0x16, MDSCOPE_L7EDX_MD_CLEAR,
	  MSR(MDSCOPE_MSR_ARCH_CAP, MDSCOPE_AC_TSX_CTRL_MSR), MSR(MDSCOPE_MSR_TSX_CTRL, 0x3),
	  NOT_ENUM, NOT_ENUM, 0, 0 },
	{ "max_leaf 6: stale leaf-7 bit ignored", 6, MDSCOPE_L7EDX_ARCH_CAP,
	  MSR(MDSCOPE_MSR_ARCH_CAP, MDSCOPE_AC_TSX_CTRL_MSR), MSR(MDSCOPE_MSR_TSX_CTRL, 0x3),
	  NOT_ENUM, NOT_ENUM, 0, 0 },
	{ "max_leaf 0", 0, 0,
	  MSR(MDSCOPE_MSR_ARCH_CAP, MDSCOPE_AC_TSX_CTRL_MSR), MSR(MDSCOPE_MSR_TSX_CTRL, 0x3),
	  NOT_ENUM, NOT_ENUM, 0, 0 },
	{ "ARCH_CAP faults -EIO: errno kept, TSX_CTRL left unread", 0x16, MDSCOPE_L7EDX_ARCH_CAP,
	  MSR_ERR(MDSCOPE_MSR_ARCH_CAP, -EIO), MSR(MDSCOPE_MSR_TSX_CTRL, 0x3),
	  FAULT(EIO), NOT_READ, 1, 0 },
	{ "ARCH_CAP faults -ENXIO (CPU went offline)", 0x16, MDSCOPE_L7EDX_ARCH_CAP,
	  MSR_ERR(MDSCOPE_MSR_ARCH_CAP, -ENXIO), MSR(MDSCOPE_MSR_TSX_CTRL, 0x3),
	  FAULT(ENXIO), NOT_READ, 1, 0 },
	{ "TSX_CTRL enumerated but faults -EIO", 0x16, MDSCOPE_L7EDX_ARCH_CAP,
	  MSR(MDSCOPE_MSR_ARCH_CAP, MDSCOPE_AC_TAA_NO | MDSCOPE_AC_TSX_CTRL_MSR),
	  MSR_ERR(MDSCOPE_MSR_TSX_CTRL, -EIO),
	  OK(MDSCOPE_AC_TAA_NO | MDSCOPE_AC_TSX_CTRL_MSR), FAULT(EIO), 1, 1 },
	{ "TSX_CTRL reads 0 (TSX enabled)", 0x16, MDSCOPE_L7EDX_ARCH_CAP,
	  MSR(MDSCOPE_MSR_ARCH_CAP, MDSCOPE_AC_TSX_CTRL_MSR), MSR(MDSCOPE_MSR_TSX_CTRL, 0),
	  OK(MDSCOPE_AC_TSX_CTRL_MSR), OK(0), 1, 1 },
};

static void arch_cap_desc(const struct arch_cap_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(arch_cap, arch_cap_cases, arch_cap_desc);

static void read_regs_arch_cap(struct kunit *test)
{
	const struct arch_cap_case *c = test->param_value;
	struct fake_hw hw = {
		.id = intel_id,
		.msrs = { c->arch_cap, c->tsx_ctrl,
			  MSR(MDSCOPE_MSR_PLATFORM_ID, 0) },
		.ucode_rev = 0x500320a,
	};
	struct mdscope_regs r;

	hw.id.max_leaf = c->max_leaf;
	hw.id.l7_edx = c->l7_edx;
	KUNIT_ASSERT_EQ_MSG(test, read_fake(test, &hw, &r), 0, "%s", c->name);
	expect_reg(test, c->name, "ARCH_CAP", &r.arch_cap, &c->want_arch_cap);
	expect_reg(test, c->name, "TSX_CTRL", &r.tsx_ctrl, &c->want_tsx_ctrl);
	KUNIT_EXPECT_EQ_MSG(test, calls(&hw, MDSCOPE_MSR_ARCH_CAP), c->calls_arch_cap,
			    "%s: rdmsr(0x10a) calls", c->name);
	KUNIT_EXPECT_EQ_MSG(test, calls(&hw, MDSCOPE_MSR_TSX_CTRL), c->calls_tsx_ctrl,
			    "%s: rdmsr(0x122) calls", c->name);
	KUNIT_EXPECT_EQ_MSG(test, hw.rdmsr_unlisted, 0U, "%s: rdmsr of an MSR not on the list",
			    c->name);
}

/* ---- microcode revision and platform id, per vendor ---- */

struct ucode_case {
	const char *name;
	const char *vendor;
	int ucode_err;			/* Intel procedure */
	u32 ucode_rev;
	struct fake_msr msr_8b, msr_17;
	struct want_reg want_ucode, want_platform;
	unsigned int calls_intel, calls_8b, calls_17;
};

static const struct ucode_case ucode_cases[] = {
	{ "Intel: revision by the procedure, platform id 4", "GenuineIntel", 0, 0x500320a,
	  MSR(MDSCOPE_MSR_UCODE_REV, 0x0500320a00000000ULL),
	  MSR(MDSCOPE_MSR_PLATFORM_ID, 0x0010000000000000ULL),
	  OK(0x500320a), OK(4), 1, 0, 1 },
	{ "Intel: platform id bits 52:50 only", "GenuineIntel", 0, 0xb4,
	  MSR(MDSCOPE_MSR_UCODE_REV, 0),
	  MSR(MDSCOPE_MSR_PLATFORM_ID, ~0x001c000000000000ULL),
	  OK(0xb4), OK(0), 1, 0, 1 },
	{ "Intel: platform id all ones", "GenuineIntel", 0, 0xffffffff,
	  MSR(MDSCOPE_MSR_UCODE_REV, 0), MSR(MDSCOPE_MSR_PLATFORM_ID, ~0ULL),
	  OK(0xffffffff), OK(7), 1, 0, 1 },
	{ "Intel: platform id 1 (bit 50)", "GenuineIntel", 0, 1,
	  MSR(MDSCOPE_MSR_UCODE_REV, 0), MSR(MDSCOPE_MSR_PLATFORM_ID, BIT_ULL(50)),
	  OK(1), OK(1), 1, 0, 1 },
	{ "Intel: microcode procedure faults -EIO", "GenuineIntel", -EIO, 0,
	  MSR(MDSCOPE_MSR_UCODE_REV, 0),
	  MSR(MDSCOPE_MSR_PLATFORM_ID, 0x0010000000000000ULL),
	  FAULT(EIO), OK(4), 1, 0, 1 },
	{ "Intel: platform id faults -EIO", "GenuineIntel", 0, 0x500320a,
	  MSR(MDSCOPE_MSR_UCODE_REV, 0), MSR_ERR(MDSCOPE_MSR_PLATFORM_ID, -EIO),
	  OK(0x500320a), FAULT(EIO), 1, 0, 1 },
	{ "AMD: patch level is MSR 0x8B[31:0]", "AuthenticAMD", 0, 0,
	  MSR(MDSCOPE_MSR_UCODE_REV, 0x0000000108a00202ULL),
	  MSR(MDSCOPE_MSR_PLATFORM_ID, 0x0010000000000000ULL),
	  OK(0x08a00202), NOT_APPL, 0, 1, 0 },
	{ "AMD: high half ignored", "AuthenticAMD", 0, 0,
	  MSR(MDSCOPE_MSR_UCODE_REV, 0xffffffff01000065ULL),
	  MSR(MDSCOPE_MSR_PLATFORM_ID, 0),
	  OK(0x01000065), NOT_APPL, 0, 1, 0 },
	{ "Hygon: patch level as AMD", "HygonGenuine", 0, 0,
	  MSR(MDSCOPE_MSR_UCODE_REV, 0x0900000bULL), MSR(MDSCOPE_MSR_PLATFORM_ID, 0),
	  OK(0x0900000b), NOT_APPL, 0, 1, 0 },
	{ "AMD: MSR 0x8B faults -EIO", "AuthenticAMD", 0, 0,
	  MSR_ERR(MDSCOPE_MSR_UCODE_REV, -EIO), MSR(MDSCOPE_MSR_PLATFORM_ID, 0),
	  FAULT(EIO), NOT_APPL, 0, 1, 0 },
	{ "Centaur: not applicable, nothing read", "CentaurHauls", 0, 0x10,
	  MSR(MDSCOPE_MSR_UCODE_REV, 0x1000000000ULL), MSR(MDSCOPE_MSR_PLATFORM_ID, 0),
	  NOT_APPL, NOT_APPL, 0, 0, 0 },
	{ "Zhaoxin: not applicable, nothing read", "  Shanghai  ", 0, 0x10,
	  MSR(MDSCOPE_MSR_UCODE_REV, 0x1000000000ULL), MSR(MDSCOPE_MSR_PLATFORM_ID, 0),
	  NOT_APPL, NOT_APPL, 0, 0, 0 },
};

static void ucode_desc(const struct ucode_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ucode, ucode_cases, ucode_desc);

static void read_regs_microcode(struct kunit *test)
{
	const struct ucode_case *c = test->param_value;
	struct fake_hw hw = {
		.id = intel_id,
		.msrs = { c->msr_8b, c->msr_17,
			  MSR(MDSCOPE_MSR_ARCH_CAP, 0) },
		.ucode_err = c->ucode_err,
		.ucode_rev = c->ucode_rev,
		.ucode_cached = 0x1234,
	};
	struct mdscope_regs r;

	strscpy(hw.id.vendor, c->vendor, sizeof(hw.id.vendor));
	KUNIT_ASSERT_EQ_MSG(test, read_fake(test, &hw, &r), 0, "%s", c->name);
	expect_reg(test, c->name, "microcode", &r.microcode, &c->want_ucode);
	expect_reg(test, c->name, "platform id", &r.platform_id, &c->want_platform);
	KUNIT_EXPECT_EQ_MSG(test, r.microcode_cached, 0x1234U,
			    "%s: cached revision not passed through", c->name);
	KUNIT_EXPECT_EQ_MSG(test, hw.ucode_calls, c->calls_intel,
			    "%s: Intel procedure calls", c->name);
	KUNIT_EXPECT_EQ_MSG(test, calls(&hw, MDSCOPE_MSR_UCODE_REV), c->calls_8b,
			    "%s: plain rdmsr(0x8b) calls", c->name);
	KUNIT_EXPECT_EQ_MSG(test, calls(&hw, MDSCOPE_MSR_PLATFORM_ID), c->calls_17,
			    "%s: rdmsr(0x17) calls", c->name);
	KUNIT_EXPECT_EQ_MSG(test, hw.rdmsr_unlisted, 0U, "%s: rdmsr of an MSR not on the list",
			    c->name);
}

/* ---- CPUID: kept as read; a CPU that cannot be reached leaves nothing behind ---- */

static void read_regs_cpuid_kept(struct kunit *test)
{
	struct fake_hw hw = {
		.id = {
			.vendor = "GenuineIntel", .max_leaf = 0x1b, .sig = 0x906ea,
			.l1_ebx = 0x03100800, .l1_ecx = 0xfffa3203, .l1_edx = 0x178bfbff,
			.l7_ebx = 0x029c6fbf, .l7_ecx = 0x40000000,
			.l7_edx = 0xbc000400, .l1a_eax = 0x40000001, .apic_id = 0x31,
		},
		.msrs = { MSR(MDSCOPE_MSR_ARCH_CAP, 0x2b), MSR(MDSCOPE_MSR_PLATFORM_ID, 0) },
		.ucode_rev = 0xf4, .ucode_cached = 0xf0,
	};
	struct mdscope_regs r;

	KUNIT_ASSERT_EQ(test, read_fake(test, &hw, &r), 0);
	KUNIT_EXPECT_EQ_MSG(test, memcmp(&r.id, &hw.id, sizeof(r.id)), 0,
			    "CPUID leaves changed on the way");
	KUNIT_EXPECT_STREQ(test, r.id.vendor, "GenuineIntel");
	KUNIT_EXPECT_EQ(test, r.microcode_cached, 0xf0U);
	KUNIT_EXPECT_EQ(test, r.microcode.value, 0xf4ULL);
	KUNIT_EXPECT_EQ(test, r.arch_cap.value, 0x2bULL);
}

static const int on_cpu_errors[] = { -ENXIO, -EIO, -EINVAL };

static void read_regs_on_cpu_fault_zeroes(struct kunit *test)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(on_cpu_errors); i++) {
		struct fake_hw hw = {
			.id = intel_id, .on_cpu_err = on_cpu_errors[i],
			.msrs = { MSR(MDSCOPE_MSR_ARCH_CAP, 0), MSR(MDSCOPE_MSR_PLATFORM_ID, 0),
				  MSR(MDSCOPE_MSR_UCODE_REV, 0), MSR(MDSCOPE_MSR_TSX_CTRL, 0) },
			.ucode_cached = 0x99,
		};
		struct mdscope_regs r;
		int err = read_fake(test, &hw, &r);

		KUNIT_EXPECT_EQ_MSG(test, err, on_cpu_errors[i], "on_cpu error %d", on_cpu_errors[i]);
		KUNIT_EXPECT_PTR_EQ_MSG(test, memchr_inv(&r, 0, sizeof(r)), NULL,
					"on_cpu error %d: regs not zeroed", on_cpu_errors[i]);
		KUNIT_EXPECT_EQ_MSG(test, hw.rdmsr_calls[0] + hw.rdmsr_calls[1] +
				    hw.rdmsr_calls[2] + hw.rdmsr_calls[3] + hw.rdmsr_unlisted +
				    hw.ucode_calls, 0U,
				    "on_cpu error %d: MSRs read though nothing ran on the CPU", on_cpu_errors[i]);
	}
}

/* ---- vendor table ---- */

static const struct {
	const char *vendor;
	enum mdscope_vendor want;
} vendor_cases[] = {
	{ "GenuineIntel", MDSCOPE_VENDOR_INTEL },
	{ "AuthenticAMD", MDSCOPE_VENDOR_AMD },
	{ "HygonGenuine", MDSCOPE_VENDOR_AMD },
	{ "CentaurHauls", MDSCOPE_VENDOR_OTHER },
	{ "  Shanghai  ", MDSCOPE_VENDOR_OTHER },
	{ "GenuineIotel", MDSCOPE_VENDOR_OTHER },	/* Intel engineering sample */
	{ "genuineintel", MDSCOPE_VENDOR_OTHER },
	{ "GenuineInte", MDSCOPE_VENDOR_OTHER },
	{ "AuthenticAMDx", MDSCOPE_VENDOR_OTHER },
	{ "", MDSCOPE_VENDOR_OTHER },
};

static void vendor_table(struct kunit *test)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vendor_cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, mdscope_vendor(vendor_cases[i].vendor),
				    vendor_cases[i].want, "vendor \"%s\"", vendor_cases[i].vendor);
}

static struct kunit_case mdscope_regs_cases[] = {
	KUNIT_CASE_PARAM(read_regs_arch_cap, arch_cap_gen_params),
	KUNIT_CASE_PARAM(read_regs_microcode, ucode_gen_params),
	KUNIT_CASE(read_regs_cpuid_kept),
	KUNIT_CASE(read_regs_on_cpu_fault_zeroes),
	KUNIT_CASE(vendor_table),
	{}
};

static struct kunit_suite mdscope_regs_suite = {
	.name = "mdscope_regs",
	.test_cases = mdscope_regs_cases,
};

kunit_test_suite(mdscope_regs_suite);
