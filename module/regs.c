// SPDX-License-Identifier: GPL-2.0
/*
 * Which registers a CPU has and how their raw values are kept: the only
 * logic between the hardware and the netlink record. Pure over
 * struct mdscope_hw_ops, so KUnit can inject any value or fault.
 */
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/mdscope.h>

#include "compat.h"
#include "regs.h"

static const struct {
	const char *name;
	enum mdscope_vendor vendor;
} vendors[] = {
	{ "GenuineIntel", MDSCOPE_VENDOR_INTEL },
	{ "AuthenticAMD", MDSCOPE_VENDOR_AMD },
	{ "HygonGenuine", MDSCOPE_VENDOR_AMD },
};

enum mdscope_vendor mdscope_vendor(const char *vendor)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vendors); i++)
		if (!strcmp(vendor, vendors[i].name))
			return vendors[i].vendor;
	return MDSCOPE_VENDOR_OTHER;
}

static void reg_set(struct mdscope_reg *reg, int err, u64 value)
{
	if (err) {
		reg->state = MDSCOPE_REG_STATE_FAULT;
		reg->err = -err;
		reg->value = 0;
	} else {
		reg->state = MDSCOPE_REG_STATE_OK;
		reg->err = 0;
		reg->value = value;
	}
}

static void reg_read(const struct mdscope_hw_ops *ops, u32 msr, struct mdscope_reg *reg)
{
	u64 val = 0;
	int err = ops->read_msr(msr, &val);

	reg_set(reg, err, val);
}

static void read_microcode(const struct mdscope_hw_ops *ops, enum mdscope_vendor vendor,
			   struct mdscope_regs *r)
{
	u32 rev = 0;
	int err;

	switch (vendor) {
	case MDSCOPE_VENDOR_INTEL:
		err = ops->ucode_intel(&rev);
		reg_set(&r->microcode, err, rev);
		reg_read(ops, MDSCOPE_MSR_PLATFORM_ID, &r->platform_id);
		if (r->platform_id.state == MDSCOPE_REG_STATE_OK)
			r->platform_id.value = (r->platform_id.value >> 50) & 7;
		break;
	case MDSCOPE_VENDOR_AMD:
		reg_read(ops, MDSCOPE_MSR_UCODE_REV, &r->microcode);
		r->microcode.value = (u32)r->microcode.value;	/* 0 on a fault */
		r->platform_id.state = MDSCOPE_REG_STATE_NOT_APPLICABLE;
		break;
	default:
		r->microcode.state = MDSCOPE_REG_STATE_NOT_APPLICABLE;
		r->platform_id.state = MDSCOPE_REG_STATE_NOT_APPLICABLE;
		break;
	}
}

/* ARCH_CAPABILITIES only when CPUID.7.0:EDX[29] enumerates it (under
 * emulation an absent MSR may read 0 without a fault); TSX_CTRL only when
 * ARCH_CAPABILITIES bit 7 says it exists. */
static void read_arch_cap(const struct mdscope_hw_ops *ops, struct mdscope_regs *r)
{
	if (r->id.max_leaf < 7 || !(r->id.l7_edx & MDSCOPE_L7EDX_ARCH_CAP)) {
		r->arch_cap.state = MDSCOPE_REG_STATE_NOT_ENUMERATED;
		r->tsx_ctrl.state = MDSCOPE_REG_STATE_NOT_ENUMERATED;
		return;
	}
	reg_read(ops, MDSCOPE_MSR_ARCH_CAP, &r->arch_cap);
	if (r->arch_cap.state != MDSCOPE_REG_STATE_OK)
		return;		/* TSX_CTRL unknown: left unread */
	if (r->arch_cap.value & MDSCOPE_AC_TSX_CTRL_MSR)
		reg_read(ops, MDSCOPE_MSR_TSX_CTRL, &r->tsx_ctrl);
	else
		r->tsx_ctrl.state = MDSCOPE_REG_STATE_NOT_ENUMERATED;
}

struct read_ctx {
	const struct mdscope_hw_ops *ops;
	struct mdscope_regs *r;
};

/* On the CPU being read, interrupts off: every CPUID and MSR access. */
static void read_local(void *arg)
{
	const struct read_ctx *c = arg;

	c->ops->cpuid(&c->r->id);
	read_microcode(c->ops, mdscope_vendor(c->r->id.vendor), c->r);
	read_arch_cap(c->ops, c->r);
}

/**
 * mdscope_read_regs() - read every fact of @cpu through @ops
 * @ops: the hardware accessors (mdscope_hw, or a test's)
 * @cpu: an online CPU; hotplug is excluded by the caller
 * @r: filled with the facts; register states say what could be read
 *
 * Every CPUID and MSR access happens in one call of ops->on_cpu(): one
 * cross-CPU call (IPI) per remote CPU, none for the local one.
 *
 * Return: 0, or -errno when nothing could run on @cpu (then @r is zeroed).
 */
int mdscope_read_regs(const struct mdscope_hw_ops *ops, unsigned int cpu,
		      struct mdscope_regs *r)
{
	struct read_ctx c = { .ops = ops, .r = r };
	int err;

	memset(r, 0, sizeof(*r));
	err = ops->on_cpu(cpu, read_local, &c);
	if (err) {
		memset(r, 0, sizeof(*r));
		return err;
	}
	r->microcode_cached = ops->ucode_cached(cpu);
	return 0;
}
