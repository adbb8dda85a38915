// SPDX-License-Identifier: GPL-2.0
/*
 * The rules of MDS, TAA, MMIO Stale Data and RFDS, one row each: the
 * kernel's hardware rules (arch/x86/kernel/cpu/common.c cpu_set_bug_bits(),
 * first matching table row wins), the microcode half of each mitigation and
 * the sysfs state bugs.c selects (shared/docs/mds-domain.md sections 2, 5
 * and 8). Pure, no I/O.
 */
#include <stddef.h>

#include "classify_int.h"
#include "rules.h"

static uint64_t wl_flags(const struct cls_cpu *o)
{
	return o->whitelist ? o->whitelist->flags : 0;
}

static bool non_intel(enum cpu_vendor v)
{
	return v != CPU_VENDOR_INTEL && v != CPU_VENDOR_UNKNOWN;
}

/* The rules every row starts with: no CPUID, the vendor, NO_SPECULATION. */
static bool hw_common(const struct mds_cpu *c, const struct cls_cpu *o, bool vendor_aware,
		      uint32_t *why, enum cls_hw *hw)
{
	if (!c->have_cpuid)
		*why |= CLS_WHY_NO_CPUID, *hw = CLS_HW_UNKNOWN;
	else if (vendor_aware && non_intel(o->vendor))
		*why |= CLS_WHY_NOT_INTEL, *hw = CLS_HW_NOT_AFFECTED;
	else if (wl_flags(o) & CPUTABLE_F_NO_SPECULATION)
		*why |= CLS_WHY_NO_SPECULATION, *hw = CLS_HW_NOT_AFFECTED;
	else
		return false;
	return true;
}

/* The first blacklist row for this CPU (its own core type on hybrid parts). */
static uint64_t bl_flags(const struct cls_cpu *o, uint32_t *why)
{
	const struct cputable_row *row = o->blacklist;

	if (row && row->cpu_type)
		*why |= CLS_WHY_E_CORE;
	return row ? row->flags : 0;
}

/* ---- MDS ------------------------------------------------------------- */

static enum cls_hw mds_hw(const struct mds_cpu *c, const struct cls_cpu *o, bool vendor_aware,
			  uint32_t *why)
{
	enum cls_hw hw;

	if (hw_common(c, o, vendor_aware, why, &hw))
		return hw;
	if (wl_flags(o) & CPUTABLE_F_NO_MDS)
		return *why |= CLS_WHY_WHITELIST_NO_MDS, CLS_HW_NOT_AFFECTED;
	if (o->mds_no == CLS_UNKNOWN)
		return *why |= CLS_WHY_ARCH_CAP_UNKNOWN, CLS_HW_UNKNOWN;
	if (o->mds_no == CLS_YES)
		return *why |= CLS_WHY_MDS_NO, CLS_HW_NOT_AFFECTED;
	if (wl_flags(o) & CPUTABLE_F_MSBDS_ONLY)
		return *why |= CLS_WHY_MSBDS_ONLY, CLS_HW_MSBDS_ONLY;
	return CLS_HW_AFFECTED;
}

static enum cls_tri md_clear_works(const struct cls_cpu *o)
{
	return o->md_clear;
}

/* MSBDS-only parts clear before idle when the kernel knows them. */
static bool mds_contained(const struct cls_cpu *o, const struct cls_vuln *v)
{
	return v->hw == CLS_HW_MSBDS_ONLY && v->active == CLS_YES;
}

/* The states of a VERW mitigation (mds, tsx_async_abort, mmio_stale_data). */
static enum mds_kstate verw_expect(const struct cls_kernel *kv, int v, enum cls_tri works)
{
	if (kv->mitigations_off || kv->off[v])
		return MDS_KSTATE_VULNERABLE;
	if (works == CLS_NO)
		return MDS_KSTATE_VULNERABLE_NO_UCODE;
	if (works == CLS_YES)
		return MDS_KSTATE_MITIGATION_VERW;
	return MDS_KSTATE_UNKNOWN;
}

static enum mds_kstate mds_expect(const struct cls_cpu *b, const struct cls_kernel *kv, int v)
{
	if (b->v[v].kernel_rule == CLS_HW_NOT_AFFECTED)
		return MDS_KSTATE_NOT_AFFECTED;
	if (!cls_affected(b->v[v].kernel_rule))
		return MDS_KSTATE_UNKNOWN;
	/* mds=off alone does not switch VERW off while TAA still uses it */
	if (!kv->mitigations_off && kv->off[v] &&
	    (kv->expect[VULN_TAA] == MDS_KSTATE_MITIGATION_VERW ||
	     kv->expect[VULN_TAA] == MDS_KSTATE_VULNERABLE_NO_UCODE))
		return verw_expect(kv, VULN_TAA, b->md_clear);
	return verw_expect(kv, v, b->md_clear);
}

/* ---- TAA ------------------------------------------------------------- */

static enum cls_hw taa_hw(const struct mds_cpu *c, const struct cls_cpu *o, bool vendor_aware,
			  uint32_t *why)
{
	enum cls_hw hw;

	if (hw_common(c, o, vendor_aware, why, &hw))
		return hw;
	if (o->taa_no == CLS_UNKNOWN)
		return *why |= CLS_WHY_ARCH_CAP_UNKNOWN, CLS_HW_UNKNOWN;
	if (o->taa_no == CLS_YES)
		return *why |= CLS_WHY_TAA_NO, CLS_HW_NOT_AFFECTED;
	if (o->rtm == CLS_YES || o->tsx_ctrl_msr == CLS_YES)
		return CLS_HW_AFFECTED;	/* TSX present, even if hidden */
	return *why |= CLS_WHY_NO_TSX, CLS_HW_NOT_AFFECTED;
}

/* VERW clears what TAA samples: MD_CLEAR, and on MDS_NO parts the TSX_CTRL-era microcode or FB_CLEAR. */
static enum cls_tri taa_works(const struct cls_cpu *o)
{
	if (o->md_clear != CLS_YES)
		return o->md_clear;
	if (o->mds_no == CLS_NO || o->tsx_ctrl_msr == CLS_YES || o->fb_clear == CLS_YES)
		return CLS_YES;
	if (o->mds_no == CLS_UNKNOWN || o->tsx_ctrl_msr == CLS_UNKNOWN)
		return CLS_UNKNOWN;
	return CLS_NO;
}

static enum cls_tri taa_possible(const struct cls_cpu *o)
{
	return o->tsx_ctrl_msr == CLS_YES ? CLS_YES : taa_works(o);
}

/* A sibling cannot sample through TSX that is off. */
static bool taa_contained(const struct cls_cpu *o, const struct cls_vuln *v)
{
	return v->mitigation == CLS_MIT_TSX_DISABLED;
}

static enum mds_kstate taa_expect(const struct cls_cpu *b, const struct cls_kernel *kv, int v)
{
	bool mds_bug = cls_affected(b->v[VULN_MDS].kernel_rule);

	if (b->v[v].kernel_rule == CLS_HW_NOT_AFFECTED)
		return MDS_KSTATE_NOT_AFFECTED;
	if (!cls_affected(b->v[v].kernel_rule))
		return MDS_KSTATE_UNKNOWN;
	if (b->rtm == CLS_NO)
		return MDS_KSTATE_TSX_DISABLED;		/* checked before taa=off */
	if (kv->mitigations_off || (kv->off[v] && (!mds_bug || kv->off[VULN_MDS])))
		return MDS_KSTATE_VULNERABLE;
	if (b->md_clear == CLS_NO || (b->mds_no == CLS_YES && b->tsx_ctrl_msr == CLS_NO))
		return MDS_KSTATE_VULNERABLE_NO_UCODE;
	return b->md_clear == CLS_YES ? MDS_KSTATE_MITIGATION_VERW : MDS_KSTATE_UNKNOWN;
}

/* ---- MMIO Stale Data ------------------------------------------------- */

static enum cls_hw mmio_hw(const struct mds_cpu *c, const struct cls_cpu *o, bool vendor_aware,
			   uint32_t *why)
{
	enum cls_hw hw;

	if (hw_common(c, o, vendor_aware, why, &hw))
		return hw;
	if (o->mmio_immune == CLS_UNKNOWN)
		return *why |= CLS_WHY_ARCH_CAP_UNKNOWN, CLS_HW_UNKNOWN;
	if (o->mmio_immune == CLS_YES)
		return *why |= CLS_WHY_MMIO_NO, CLS_HW_NOT_AFFECTED;
	if (bl_flags(o, why) & CPUTABLE_F_MMIO)
		return CLS_HW_AFFECTED;
	if (wl_flags(o) & CPUTABLE_F_NO_MMIO)
		return *why |= CLS_WHY_WHITELIST_NO_MMIO, CLS_HW_NOT_AFFECTED;
	return *why |= CLS_WHY_NOT_IN_TABLE, CLS_HW_UNKNOWN;
}

/* FB_CLEAR, or MD_CLEAR with L1D_FLUSH on an MDS-affected part (bugs.c). */
static enum cls_tri mmio_works(const struct cls_cpu *o)
{
	if (o->fb_clear == CLS_YES)
		return CLS_YES;
	if (o->md_clear == CLS_YES && o->flush_l1d == CLS_YES && o->mds_no == CLS_NO)
		return CLS_YES;
	if (o->fb_clear == CLS_UNKNOWN || o->md_clear == CLS_UNKNOWN || o->mds_no == CLS_UNKNOWN ||
	    (o->md_clear == CLS_YES && o->mds_no == CLS_NO && o->flush_l1d == CLS_UNKNOWN))
		return CLS_UNKNOWN;
	return CLS_NO;
}

static enum mds_kstate mmio_expect(const struct cls_cpu *b, const struct cls_kernel *kv, int v)
{
	if (b->v[v].kernel_rule == CLS_HW_NOT_AFFECTED)
		return MDS_KSTATE_NOT_AFFECTED;
	if (!cls_affected(b->v[v].kernel_rule))
		return MDS_KSTATE_UNKNOWN;	/* "Unknown: No mitigations", or "Not affected" since 6.9 */
	if (kv->mitigations_off)
		return MDS_KSTATE_VULNERABLE;
	if (kv->off[v])
		return MDS_KSTATE_UNKNOWN;	/* newer kernels keep VERW for the others' sake */
	return verw_expect(kv, v, mmio_works(b));
}

/* ---- RFDS ------------------------------------------------------------ */

static enum cls_hw rfds_hw(const struct mds_cpu *c, const struct cls_cpu *o, bool vendor_aware,
			   uint32_t *why)
{
	enum cls_hw hw;

	if (hw_common(c, o, vendor_aware, why, &hw))
		return hw;
	if (o->rfds_no == CLS_UNKNOWN)
		return *why |= CLS_WHY_ARCH_CAP_UNKNOWN, CLS_HW_UNKNOWN;
	if (o->rfds_no == CLS_YES)		/* the immunity bit trumps everything */
		return *why |= CLS_WHY_RFDS_NO, CLS_HW_NOT_AFFECTED;
	if (o->rfds_clear == CLS_YES)		/* a VMM says the host may be affected */
		return *why |= CLS_WHY_RFDS_CLEAR, CLS_HW_AFFECTED;
	if (bl_flags(o, why) & CPUTABLE_F_RFDS)
		return CLS_HW_AFFECTED;
	return *why |= CLS_WHY_NOT_LISTED, CLS_HW_NOT_AFFECTED;
}

static enum cls_tri rfds_works(const struct cls_cpu *o)
{
	return o->rfds_clear;
}

static enum mds_kstate rfds_expect(const struct cls_cpu *b, const struct cls_kernel *kv, int v)
{
	if (b->v[v].kernel_rule == CLS_HW_NOT_AFFECTED)
		return MDS_KSTATE_NOT_AFFECTED;
	if (!cls_affected(b->v[v].kernel_rule))
		return MDS_KSTATE_UNKNOWN;
	if (kv->mitigations_off)
		return MDS_KSTATE_VULNERABLE;
	if (kv->off[v])
		return MDS_KSTATE_UNKNOWN;
	return b->rfds_clear == CLS_YES ? MDS_KSTATE_MITIGATION_CLEAR_REGFILE :
	       b->rfds_clear == CLS_NO ? MDS_KSTATE_VULNERABLE_NO_MICROCODE : MDS_KSTATE_UNKNOWN;
}

static bool never(const struct cls_cpu *o, const struct cls_vuln *v)
{
	return false;
}

/* ---- the rows -------------------------------------------------------- */

const struct vuln_rules vuln_rules[VULN_NR] = {
	[VULN_MDS] = {
		.hw = mds_hw, .works = md_clear_works, .possible = md_clear_works,
		.contained = mds_contained, .expect = mds_expect,
		.no_ucode_why = CLS_WHY_NO_MD_CLEAR, .no_ucode = "no MD_CLEAR",
		.contained_smt = CLS_SMT_MITIGATED,
	},
	[VULN_TAA] = {
		.hw = taa_hw, .works = taa_works, .possible = taa_possible,
		.contained = taa_contained, .expect = taa_expect,
		.no_ucode_why = CLS_WHY_NO_MD_CLEAR | CLS_WHY_TAA_UCODE,
		.no_ucode = "no MD_CLEAR, or MDS_NO without the TSX_CTRL microcode",
		.contained_smt = CLS_SMT_NOT_AFFECTED,
	},
	[VULN_MMIO] = {
		.hw = mmio_hw, .works = mmio_works, .possible = mmio_works,
		.contained = never, .expect = mmio_expect,
		.no_ucode_why = CLS_WHY_NO_FB_CLEAR,
		.no_ucode = "neither FB_CLEAR nor MD_CLEAR with L1D_FLUSH on an MDS-affected part",
		.contained_smt = CLS_SMT_MITIGATED,
	},
	[VULN_RFDS] = {
		.hw = rfds_hw, .works = rfds_works, .possible = rfds_works,
		.contained = never, .expect = rfds_expect,
		.no_ucode_why = CLS_WHY_NO_RFDS_CLEAR, .no_ucode = "no RFDS_CLEAR",
		.contained_smt = CLS_SMT_MITIGATED,
	},
};
