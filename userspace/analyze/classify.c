// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU verdicts for every vulnerability of the MDS family, by the rows
 * of analyze/rules.c, and the kernel's own (boot CPU) view; pure, no I/O.
 * Roll-ups are in classify_rollup.c, findings in classify_findings.c and
 * classify_advice.c; classify_snapshot() runs them in that order.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "classify_int.h"
#include "rules.h"

static enum cls_tri tri(bool known, bool val)
{
	return !known ? CLS_UNKNOWN : val ? CLS_YES : CLS_NO;
}

/* ---- facts ---------------------------------------------------------- */

/*
 * IA32_ARCH_CAPABILITIES as the kernel sees it: the MSR when CPUID
 * enumerates it, else 0. A fault or a read that never happened is unknown.
 */
static bool arch_cap_value(const struct mds_cpu *c, uint64_t *val)
{
	*val = 0;
	switch (c->arch_cap.state) {
	case MDSCOPE_REG_STATE_OK:
		/* A value CPUID says cannot exist (KVM's synthetic MSR in a dump,
		 * a hand-made snapshot) is ignored, as the kernel ignores it. */
		if (c->have_cpuid && !(c->leaf7_edx & MDSCOPE_L7EDX_ARCH_CAP))
			return true;
		*val = c->arch_cap.value;
		return true;
	case MDSCOPE_REG_STATE_NOT_ENUMERATED:
	case MDSCOPE_REG_STATE_NOT_APPLICABLE:
		return true;
	default:	/* FAULT, or never read: 0 only if CPUID says it is absent */
		return c->have_cpuid && !(c->leaf7_edx & MDSCOPE_L7EDX_ARCH_CAP);
	}
}

/*
 * The revision shown and judged: MSR 0x8B as read now (the module follows
 * Intel's write-0/CPUID/read procedure, so a late load is seen), else the
 * kernel's cached value, which is also taken when the MSR reads 0 (no
 * microcode, or an emulator that does not keep it). A difference between
 * the two is its own finding.
 */
static void decide_microcode(const struct mds_cpu *c, struct cls_cpu *o)
{
	bool msr = c->microcode.state == MDSCOPE_REG_STATE_OK;

	if (msr && (c->microcode.value || !c->have_ucode_cached)) {
		o->microcode = (uint32_t)c->microcode.value;
		o->microcode_src = CLS_UCODE_SRC_MSR;
	} else if (c->have_ucode_cached) {
		o->microcode = c->microcode_cached;
		o->microcode_src = CLS_UCODE_SRC_KERNEL;
	}
	o->have_microcode = o->microcode_src != CLS_UCODE_SRC_NONE;
}

static void decode_facts(const struct mds_cpu *c, struct cls_cpu *o)
{
	uint64_t ac;
	bool ac_known = arch_cap_value(c, &ac);
	bool id = c->have_cpuid;

	o->vendor = id ? cpu_vendor_from_string(c->vendor) : CPU_VENDOR_UNKNOWN;
	o->source = !id ? CLS_SRC_NONE :
		    (c->leaf1_ecx & MDSCOPE_L1ECX_HYPERVISOR) ? CLS_SRC_HYPERVISOR : CLS_SRC_HARDWARE;
	o->md_clear = tri(id, c->leaf7_edx & MDSCOPE_L7EDX_MD_CLEAR);
	o->flush_l1d = tri(id, c->leaf7_edx & MDSCOPE_L7EDX_FLUSH_L1D);
	o->rtm = tri(id, c->leaf7_ebx & MDSCOPE_L7EBX_RTM);
	o->arch_cap_known = ac_known ? CLS_YES : CLS_NO;
	o->mds_no = tri(ac_known, ac & MDSCOPE_AC_MDS_NO);
	o->taa_no = tri(ac_known, ac & MDSCOPE_AC_TAA_NO);
	o->tsx_ctrl_msr = tri(ac_known, ac & MDSCOPE_AC_TSX_CTRL_MSR);
	o->fb_clear = tri(ac_known, ac & MDSCOPE_AC_FB_CLEAR);
	o->mmio_immune = tri(ac_known, (ac & MDSCOPE_AC_MMIO_IMMUNE) == MDSCOPE_AC_MMIO_IMMUNE);
	o->rfds_no = tri(ac_known, ac & MDSCOPE_AC_RFDS_NO);
	o->rfds_clear = tri(ac_known, ac & MDSCOPE_AC_RFDS_CLEAR);
	/* TSX is off when TSX_CTRL says RTM_DISABLE, or (not read) CPUID hides RTM. */
	if (c->tsx_ctrl.state == MDSCOPE_REG_STATE_OK)
		o->tsx_off = tri(true, c->tsx_ctrl.value & MDSCOPE_TSX_CTRL_RTM_DISABLE);
	else
		o->tsx_off = tri(id, !(c->leaf7_ebx & MDSCOPE_L7EBX_RTM));

	decide_microcode(c, o);
	o->platform_id = c->platform_id.state == MDSCOPE_REG_STATE_OK && c->platform_id.value <= 7 ?
			 (int)c->platform_id.value : UCODE_PLATFORM_UNKNOWN;
	if (o->source == CLS_SRC_HYPERVISOR)	/* a guest's revision is the hypervisor's fiction */
		o->ucode = (struct ucode_check){ .state = UCODE_UNKNOWN };
	else if (id && o->vendor == CPU_VENDOR_INTEL)
		ucode_check(c->signature, o->platform_id, o->have_microcode, o->microcode, &o->ucode);
	else
		o->ucode = (struct ucode_check){ .state = id ? UCODE_NO_ROW : UCODE_UNKNOWN };
}

static void mds_variants(struct cls_cpu *o)
{
	enum cls_hw hw = o->v[VULN_MDS].hw;

	for (int v = 0; v < CLS_MDS_NR_VARIANTS; v++) {
		if (hw == CLS_HW_UNKNOWN)
			o->mds_variant[v] = CLS_HW_UNKNOWN;
		else if (hw == CLS_HW_AFFECTED || (v == CLS_MSBDS && hw == CLS_HW_MSBDS_ONLY))
			o->mds_variant[v] = CLS_HW_AFFECTED;
		else
			o->mds_variant[v] = CLS_HW_NOT_AFFECTED;
	}
}

void classify_cpu_hw(const struct mds_cpu *c, struct cls_cpu *o)
{
	uint32_t kwhy = 0;
	bool topo;

	memset(o, 0, sizeof(*o));
	o->cpu = c->cpu;
	o->online = c->online;
	/* ids beyond int are unknown here (never a negative socket): the
	 * topology_unknown finding names the CPU */
	topo = c->have_topology && c->package <= INT_MAX && c->die <= INT_MAX &&
	       c->core <= INT_MAX;
	o->package = topo ? (int)c->package : -1;
	o->die = topo ? (int)c->die : -1;
	o->core = topo ? (int)c->core : -1;
	decode_facts(c, o);
	cls_read_cpu(c, &o->read);
	if (c->have_cpuid) {
		if (c->leaf7_edx & MDSCOPE_L7EDX_HYBRID)
			o->core_type = c->leaf1a_eax >> MDSCOPE_CORE_TYPE_SHIFT;
		o->whitelist = cputable_match(cputable_whitelist, cputable_whitelist_len,
					      o->vendor, c->signature, o->core_type);
	}
	/* looked up once: every rule of every row reads it twice */
	o->blacklist = cputable_match(cputable_blacklist, cputable_blacklist_len,
				      o->vendor, c->signature, o->core_type);
	for (int v = 0; v < VULN_NR; v++) {
		o->v[v].hw = vuln_rules[v].hw(c, o, true, &o->v[v].why);
		o->v[v].kernel_rule = vuln_rules[v].hw(c, o, false, &kwhy);
		if (!c->online)
			o->v[v].why |= CLS_WHY_OFFLINE;
	}
	mds_variants(o);
}

/* ---- the kernel's view (sections 5.1, 5.3, 6) ----------------------- */

static bool opt_is(const char *opt, const char *val)
{
	return opt && !strcmp(opt, val);
}

/* States in which the kernel issues VERW (or clears the register file). */
static bool verw_state(const struct mds_kclaim *k)
{
	return k->present && (k->state == MDS_KSTATE_MITIGATION_VERW ||
			      k->state == MDS_KSTATE_VULNERABLE_NO_UCODE ||
			      k->state == MDS_KSTATE_MITIGATION_CLEAR_REGFILE);
}

static bool quiet_state(const struct mds_kclaim *k)
{
	return !k->present || k->state == MDS_KSTATE_NOT_AFFECTED ||
	       k->state == MDS_KSTATE_VULNERABLE || k->state == MDS_KSTATE_TSX_DISABLED ||
	       k->state == MDS_KSTATE_UNKNOWN_NO_MITIGATIONS ||
	       k->state == MDS_KSTATE_VULNERABLE_NO_MICROCODE;
}

/* Does the kernel clear CPU buffers (VERW) on every CPU? Any of the family's
 * claims in a clearing state says yes (the kernel shares one VERW path). */
static enum cls_tri kernel_verw(const struct mds_kernel *k, bool mitigations_off)
{
	bool quiet = true;

	if (!k->nr_vulns)
		return mitigations_off ? CLS_NO : CLS_UNKNOWN;
	for (int v = 0; v < VULN_NR; v++) {
		if (verw_state(&k->claim[v]))
			return CLS_YES;
		quiet &= quiet_state(&k->claim[v]);
	}
	return quiet ? CLS_NO : CLS_UNKNOWN;
}

static void kernel_view(const struct mds_snapshot *s, const struct cls_result *r,
			struct cls_kernel *kv)
{
	const struct mds_cmdline *cl = &s->kernel.cmdline;

	memset(kv, 0, sizeof(*kv));
	kv->bsp = -1;
	if (cl->present) {
		kv->mitigations_off = opt_is(cl->mitigations, "off");
		for (int v = 0; v < VULN_NR; v++)
			kv->off[v] = opt_is(cl->vuln_opt[v], "off");
		kv->tsx_off_cmdline = opt_is(cl->tsx, "off");
	}
	kv->verw = kernel_verw(&s->kernel, kv->mitigations_off);
	kv->smt_active = s->kernel.smt.active < 0 ? CLS_UNKNOWN : s->kernel.smt.active ? CLS_YES : CLS_NO;
	for (size_t i = 0; i < r->nr_cpus; i++)
		if (r->cpus[i].cpu == 0 && r->cpus[i].source != CLS_SRC_NONE)
			kv->bsp = (int)i;
	for (int v = 0; v < VULN_NR; v++) {
		kv->rule[v] = kv->bsp >= 0 ? r->cpus[kv->bsp].v[v].kernel_rule : CLS_HW_UNKNOWN;
		kv->expect[v] = MDS_KSTATE_UNKNOWN;
	}
	/* in row order: MDS's expectation looks at TAA's */
	for (int v = VULN_NR - 1; kv->bsp >= 0 && v >= 0; v--)
		kv->expect[v] = vuln_rules[v].expect(&r->cpus[kv->bsp], kv, v);
}

/* ---- mitigation and exposure per CPU --------------------------------- */

/* Why the kernel does not clear buffers, as CLS_WHY_* bits. */
static uint32_t kernel_reason(const struct mds_snapshot *s, const struct cls_kernel *kv,
			      const struct mds_kclaim *k)
{
	if (kv->verw == CLS_UNKNOWN)
		return CLS_WHY_KERNEL_UNKNOWN;
	if (s->kernel.nr_vulns && !k->present)
		return CLS_WHY_KERNEL_UNAWARE;
	if (k->present && k->state == MDS_KSTATE_NOT_AFFECTED)
		return CLS_WHY_KERNEL_NOT_AFFECTED;
	return CLS_WHY_KERNEL_OFF;	/* mds=off, mitigations=off, or a claim that leaves this CPU bare */
}

static void judge(struct cls_vuln *v, enum cls_tri works, enum cls_tri verw, uint32_t kwhy)
{
	if (!cls_affected(v->hw)) {
		v->active = CLS_NO;
		v->mitigation = v->hw == CLS_HW_UNKNOWN ? CLS_MIT_UNKNOWN : CLS_MIT_NONE;
		v->exposure = v->hw == CLS_HW_UNKNOWN ? CLS_EXP_UNKNOWN : CLS_EXP_NOT_AFFECTED;
		return;
	}
	if (verw == CLS_YES && works == CLS_YES) {
		v->active = CLS_YES;
		v->mitigation = CLS_MIT_VERW;
		v->exposure = CLS_EXP_MITIGATED;
	} else if (works == CLS_NO || verw == CLS_NO) {
		v->active = CLS_NO;
		v->mitigation = CLS_MIT_NONE;
		v->exposure = CLS_EXP_EXPOSED;
		if (verw != CLS_YES)
			v->why |= kwhy;
	} else {
		v->why |= verw == CLS_UNKNOWN ? CLS_WHY_KERNEL_UNKNOWN : 0;
		v->active = CLS_UNKNOWN;
		v->mitigation = CLS_MIT_UNKNOWN;
		v->exposure = CLS_EXP_UNKNOWN;
	}
}

static void judge_cpu(const struct mds_snapshot *s, const struct cls_kernel *kv, struct cls_cpu *o)
{
	for (int v = 0; v < VULN_NR; v++) {
		const struct vuln_rules *rl = &vuln_rules[v];
		struct cls_vuln *cv = &o->v[v];
		enum cls_tri works = rl->works(o);

		cv->possible = rl->possible(o);
		if (cls_affected(cv->hw) && works == CLS_NO) {
			/* TAA: no MD_CLEAR at all, or MD_CLEAR that does not clear */
			cv->why |= v == VULN_TAA && o->md_clear == CLS_YES ? CLS_WHY_TAA_UCODE :
				   rl->no_ucode_why & ~CLS_WHY_TAA_UCODE;
		}
		if (v == VULN_TAA && cls_affected(cv->hw) && o->mds_no == CLS_YES &&
		    o->fb_clear == CLS_NO && o->md_clear == CLS_YES)
			cv->why |= CLS_WHY_FB_CLEAR_CAVEAT;
		if (v == VULN_TAA && cls_affected(cv->hw) && o->tsx_off == CLS_YES) {
			cv->why |= CLS_WHY_TSX_OFF;
			cv->active = CLS_YES;
			cv->mitigation = CLS_MIT_TSX_DISABLED;
			cv->exposure = CLS_EXP_MITIGATED;
			continue;
		}
		judge(cv, works, kv->verw, kernel_reason(s, kv, &s->kernel.claim[v]));
	}
}

/* ---- entry points ---------------------------------------------------- */

void cls_result_free(struct cls_result *r)
{
	for (size_t i = 0; i < r->nr_findings; i++) {
		free(r->findings[i].cpus);
		free(r->findings[i].sockets);
	}
	free(r->findings);
	free(r->sockets);
	free(r->cores);
	free(r->cpus);
	memset(r, 0, sizeof(*r));
}

/* The sysfs topology of a CPU not yet placed, and whether its online state is a guess. */
static void fill_topology(const struct mds_snapshot *s, struct cls_cpu *o)
{
	const struct mds_topo *t = snapshot_topo(s, o->cpu);

	if (o->package < 0 && t && t->package >= 0 && t->core >= 0) {
		o->package = t->package;
		o->die = t->die;
		o->core = t->core;
	}
	/* The fallback counts a CPU whose sysfs online state is unknown as
	 * online (its exposure counts); say that it is a guess. The module knows. */
	o->online_unknown = s->collected_by == MDS_SRC_FALLBACK && t && t->online < 0;
}

/* The overall exposure per vulnerability, the status and the exit code. */
void cls_status(struct cls_result *r)
{
	bool online = false, warn = false;

	bool exposed = false, unknown = false;

	for (int v = 0; v < VULN_NR; v++)
		r->exposure[v] = CLS_EXP_NOT_AFFECTED;
	for (size_t i = 0; i < r->nr_cpus; i++) {
		if (!r->cpus[i].online)
			continue;
		online = true;
		for (int v = 0; v < VULN_NR; v++)
			r->exposure[v] = cls_exposure_worst(r->exposure[v], r->cpus[i].v[v].exposure);
	}
	for (int v = 0; v < VULN_NR; v++) {
		if (!online)
			r->exposure[v] = CLS_EXP_UNKNOWN;
		exposed |= cls_judged(r, v) && r->exposure[v] == CLS_EXP_EXPOSED;
		unknown |= cls_judged(r, v) && r->exposure[v] == CLS_EXP_UNKNOWN;
	}
	for (size_t k = 0; k < r->nr_findings; k++)
		warn |= r->findings[k].severity >= CLS_SEV_WARNING;
	if (exposed)
		r->status = CLS_CRITICAL;
	else if (unknown)
		r->status = CLS_STATUS_UNKNOWN;
	else if (warn)
		r->status = CLS_WARNING;
	else
		r->status = CLS_OK;
	r->exit_code = (int)r->status;
}

int classify_snapshot(const struct mds_snapshot *s, struct cls_result *r)
{
	return classify_snapshot_vulns(s, VULN_ALL, r);
}

int classify_snapshot_vulns(const struct mds_snapshot *s, unsigned int mask,
			    struct cls_result *r)
{
	int err;

	memset(r, 0, sizeof(*r));
	if (!s->nr_cpus || !(mask & VULN_ALL))
		return -EINVAL;
	r->vulns = mask & VULN_ALL;
	r->cpus = calloc(s->nr_cpus, sizeof(*r->cpus));
	if (!r->cpus)
		return -ENOMEM;
	r->nr_cpus = s->nr_cpus;
	for (size_t i = 0; i < s->nr_cpus; i++) {
		classify_cpu_hw(&s->cpus[i], &r->cpus[i]);
		fill_topology(s, &r->cpus[i]);
		if (r->cpus[i].source == CLS_SRC_HYPERVISOR)
			r->hypervisor = true;
	}
	kernel_view(s, r, &r->kernel);
	cls_describe(s, r);
	for (size_t i = 0; i < r->nr_cpus; i++)
		judge_cpu(s, &r->kernel, &r->cpus[i]);

	err = cls_rollup(s, r);
	if (!err)
		err = cls_findings(s, r);
	if (!err)
		err = cls_advice(s, r);
	if (err) {
		cls_result_free(r);
		return err;
	}
	cls_sort_findings(r);
	cls_status(r);
	return 0;
}
