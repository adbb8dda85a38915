// SPDX-License-Identifier: GPL-2.0
/*
 * Findings: where the kernel's claims disagree with the per-CPU facts, what
 * differs between sockets, and the next step for each problem; then the
 * overall status. Pure (snprintf into the result only), no I/O.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify_int.h"
#include "rules.h"

static const char *sysfs_file(enum cls_vuln_id v)
{
	return vuln_info[v - 1].sysfs;
}

static const char *upper(enum cls_vuln_id v)
{
	return vuln_info[v - 1].name;
}

/* ---- building findings ---------------------------------------------- */

static const struct cls_vuln *vuln(const struct cls_ctx *x, size_t i)
{
	return &x->r->cpus[i].v[x->v - 1];
}

static const struct mds_kclaim *claim(const struct cls_ctx *x)
{
	return &x->s->kernel.claim[x->v - 1];
}

/* ---- exposure -------------------------------------------------------- */

static bool exposed_why(const struct cls_ctx *x, size_t i)
{
	const struct cls_vuln *v = vuln(x, i);
	uint32_t want = *(const uint32_t *)x->arg;

	if (!cls_online(x, i) || v->exposure != CLS_EXP_EXPOSED)
		return false;
	if (want & CLS_WHY_NO_UCODE)
		return v->why & want;
	return !(v->why & CLS_WHY_NO_UCODE) && (v->why & want);
}

static void exposure_findings(struct cls_ctx *x)
{
	static const struct {
		enum cls_code code;
		uint32_t why;
		const char *msg, *next;
	} rows[] = {
		{ CLS_F_EXPOSED_NO_MICROCODE, CLS_WHY_NO_UCODE,
		  "the microcode cannot clear the CPU buffers (",
		  "Install Intel's microcode update (Debian: apt install intel-microcode, from non-free-firmware) or a BIOS update, then reboot" },
		{ CLS_F_EXPOSED_KERNEL_OFF, CLS_WHY_KERNEL_OFF,
		  "the kernel does not clear CPU buffers (mitigation off",
		  "" },
		{ CLS_F_EXPOSED_KERNEL_UNAWARE, CLS_WHY_KERNEL_UNAWARE,
		  "the kernel is too old to know this vulnerability (no sysfs file",
		  "Upgrade to a kernel that mitigates it (Linux %s, or a distribution kernel with the backport) and reboot" },
		{ CLS_F_EXPOSED_KERNEL_NOT_AFFECTED, CLS_WHY_KERNEL_NOT_AFFECTED,
		  "the kernel judged the boot CPU not affected and mitigates nothing (sysfs 'Not affected'",
		  "Make every socket match the boot CPU (same processor stepping and microcode), or keep the exposed CPUs offline (echo 0 > /sys/devices/system/cpu/cpuN/online)" },
	};
	char cpus[128];

	for (size_t k = 0; k < sizeof(rows) / sizeof(rows[0]); k++) {
		struct cls_finding *f;
		bool tsx_ctrl = false, no_release = false;
		char next[256];

		x->arg = &rows[k].why;
		f = cls_collect(x, rows[k].code, CLS_SEV_CRITICAL, exposed_why, false);
		if (!f)
			continue;
		for (size_t i = 0; i < x->r->nr_cpus; i++) {
			const struct cls_cpu *c = &x->r->cpus[i];

			if (!exposed_why(x, i))
				continue;
			tsx_ctrl |= c->tsx_ctrl_msr == CLS_YES;
			no_release |= c->vendor == CPU_VENDOR_INTEL && c->ucode.state == UCODE_NO_ROW &&
				      c->md_clear == CLS_NO;
		}
		CLS_MSG(f, "%s: %s %s affected and exposed: %s%s)", upper(x->v),
			cls_cpus(f, cpus, sizeof(cpus)), cls_pl(f, "is", "are"), rows[k].msg,
			rows[k].code == CLS_F_EXPOSED_NO_MICROCODE ? vuln_rules[x->v - 1].no_ucode : "");
		/* only the kernel-unaware row has a %s: the first kernel that mitigates */
		snprintf(next, sizeof(next), rows[k].next, vuln_info[x->v - 1].kernel_since);
		CLS_NEXT(f, "%s%s%s.", next,
			 x->v == CLS_V_TAA && tsx_ctrl ?
			 "; or disable TSX (boot with tsx=off; the CPU has TSX_CTRL)" : "",
			 rows[k].code == CLS_F_EXPOSED_NO_MICROCODE && no_release ?
			 "; Intel's 2019 MDS release has no microcode for some of these signatures: if no BIOS update brings MD_CLEAR, disable SMT and keep untrusted code off this host" : "");
		if (rows[k].code == CLS_F_EXPOSED_KERNEL_OFF)
			CLS_NEXT(f, "Remove %s=off and mitigations=off from the kernel command line and reboot.",
				 vuln_info[x->v - 1].cmdline);
	}
}

/* ---- kernel claims --------------------------------------------------- */

static bool affected_online(const struct cls_ctx *x, size_t i)
{
	return cls_online(x, i) && cls_affected(vuln(x, i)->hw);
}

static bool claimed_but_bare(const struct cls_ctx *x, size_t i)
{
	return affected_online(x, i) && vuln(x, i)->active != CLS_YES &&
	       (vuln(x, i)->why & CLS_WHY_NO_UCODE);
}

static bool is_bsp(const struct cls_ctx *x, size_t i)
{
	return (int)i == x->r->kernel.bsp;
}

static bool vendor_rule_only(const struct cls_ctx *x, size_t i)
{
	const struct cls_cpu *c = &x->r->cpus[i];

	const struct cls_vuln *v = &c->v[x->v - 1];

	return cls_online(x, i) && cls_affected(v->kernel_rule) && !cls_affected(v->hw) &&
	       (v->why & CLS_WHY_NOT_INTEL);
}

static bool mitigated_state(enum mds_kstate st)
{
	return st == MDS_KSTATE_MITIGATION_VERW || st == MDS_KSTATE_MITIGATION_CLEAR_REGFILE;
}

static bool no_ucode_state(enum mds_kstate st)
{
	return st == MDS_KSTATE_VULNERABLE_NO_UCODE || st == MDS_KSTATE_VULNERABLE_NO_MICROCODE;
}

static bool stale(enum mds_kstate claimed, enum mds_kstate expect)
{
	if (claimed == MDS_KSTATE_UNKNOWN || expect == MDS_KSTATE_UNKNOWN)
		return false;
	if ((claimed == MDS_KSTATE_NOT_AFFECTED) != (expect == MDS_KSTATE_NOT_AFFECTED))
		return true;
	return (no_ucode_state(claimed) && mitigated_state(expect)) ||
	       (mitigated_state(claimed) && no_ucode_state(expect));
}

static void claim_findings(struct cls_ctx *x)
{
	const struct mds_kclaim *k = claim(x);
	const struct cls_kernel *kv = &x->r->kernel;
	enum mds_kstate expect = kv->expect[x->v - 1];
	struct cls_finding *f;
	char cpus[128];

	if (k->present && k->state == MDS_KSTATE_NOT_AFFECTED &&
	    (f = cls_collect(x, CLS_F_SYSFS_NOT_AFFECTED, CLS_SEV_WARNING, affected_online, false))) {
		CLS_MSG(f, "sysfs %s says 'Not affected', but %s %s affected: the kernel decides from the boot CPU (cpu0) only",
		    sysfs_file(x->v), cls_cpus(f, cpus, sizeof(cpus)), cls_pl(f, "is", "are"));
		CLS_NEXT(f, "Trust the per-CPU verdicts; make the sockets identical (stepping, microcode) so the boot CPU speaks for all.");
	}
	if (k->present && mitigated_state(k->state) &&
	    (f = cls_collect(x, CLS_F_SYSFS_MITIGATED_NO_MD_CLEAR, CLS_SEV_WARNING, claimed_but_bare, false))) {
		CLS_MSG(f, "sysfs %s claims '%s', but %s %s the microcode for it (%s): VERW does not clear %s buffers",
		    sysfs_file(x->v), mds_kstate_text(k->state), cls_cpus(f, cpus, sizeof(cpus)),
		    cls_pl(f, "lacks", "lack"), vuln_rules[x->v - 1].no_ucode, cls_pl(f, "its", "their"));
		CLS_NEXT(f, "Update the microcode on %s (BIOS or intel-microcode) to the boot CPU's level and reboot.",
			 cls_pl(f, "that CPU's socket", "those CPUs' sockets"));
	}
	if (x->s->kernel.nr_vulns && !k->present) {
		bool any = false;

		for (size_t i = 0; i < x->r->nr_cpus; i++)
			any |= affected_online(x, i);
		f = cls_collect(x, CLS_F_KERNEL_UNAWARE, any ? CLS_SEV_WARNING : CLS_SEV_INFO,
			    affected_online, true);
		if (f) {
			CLS_MSG(f, "the kernel (%s) has no vulnerabilities/%s file: it is too old to know %s",
			    x->s->kernel.release[0] ? x->s->kernel.release : "release unknown",
			    sysfs_file(x->v), upper(x->v));
			if (any)
				CLS_NEXT(f, "Upgrade the kernel (%s: %s+, or a distribution backport).",
					 upper(x->v), vuln_info[x->v - 1].kernel_since);
			else
				CLS_NEXT(f, "Nothing to do for this hardware; a newer kernel would report it.");
		}
	}
	if (k->present && kv->bsp >= 0 && stale(k->state, expect) &&
	    (f = cls_collect(x, CLS_F_KERNEL_STALE, CLS_SEV_WARNING, is_bsp, false))) {
		CLS_MSG(f, "sysfs %s says '%s', but the kernel's rules on cpu0's current facts give '%s'",
		    sysfs_file(x->v), mds_kstate_text(k->state), mds_kstate_text(expect));
		CLS_NEXT(f, mitigated_state(expect) ?
		     "The microcode was probably updated after boot; reboot so the kernel selects the mitigation." :
		     "Reboot so the kernel re-evaluates the boot CPU; if it persists, this kernel's rules differ (check its version).");
	}
	if (x->v == CLS_V_MDS && k->present && k->state != MDS_KSTATE_NOT_AFFECTED &&
	    (f = cls_collect(x, CLS_F_KERNEL_NO_VENDOR_CHECK, CLS_SEV_INFO, vendor_rule_only, false))) {
		CLS_MSG(f, "the kernel reports MDS on non-Intel %s: its MDS rule has no vendor check; MDS affects Intel CPUs only",
		    cls_cpus(f, cpus, sizeof(cpus)));
		CLS_NEXT(f, "Nothing to fix on this host; the kernel's claim is a false positive.");
	}
}

/* ---- SMT ------------------------------------------------------------- */

static bool smt_exposed(const struct cls_ctx *x, size_t i)
{
	return cls_online(x, i) && vuln(x, i)->exposure == CLS_EXP_MITIGATED &&
	       vuln(x, i)->smt == CLS_SMT_VULNERABLE;
}

static bool smt_host(const struct cls_ctx *x, size_t i)
{
	return affected_online(x, i) && vuln(x, i)->smt == CLS_SMT_HOST_UNKNOWN;
}

static void smt_findings(struct cls_ctx *x)
{
	struct cls_finding *f;
	char cpus[128];

	if ((f = cls_collect(x, CLS_F_SMT_EXPOSED, CLS_SEV_WARNING, smt_exposed, false))) {
		CLS_MSG(f, "%s: %s %s mitigated, but %s SMT siblings are online and can sample the same buffers",
		    upper(x->v), cls_cpus(f, cpus, sizeof(cpus)), cls_pl(f, "is", "are"), cls_pl(f, "its", "their"));
		CLS_NEXT(f, "If untrusted code shares these cores (VMs, containers, other users), disable SMT: boot with nosmt or run 'echo off > /sys/devices/system/cpu/smt/control'.");
	}
	if ((f = cls_collect(x, CLS_F_SMT_HOST_UNKNOWN, CLS_SEV_INFO, smt_host, false))) {
		CLS_MSG(f, "%s: inside a virtual machine; whether the host runs other tenants on the SMT siblings of v%s is invisible here",
		    upper(x->v), cls_cpus(f, cpus, sizeof(cpus)));
		CLS_NEXT(f, "Ask the host operator whether SMT is disabled or core scheduling isolates this guest.");
	}
}

static void smt_claim_finding(struct cls_ctx *x)
{
	const struct mds_kclaim *k = &x->s->kernel.claim[VULN_MDS];
	bool siblings = false;
	struct cls_finding *f;

	for (size_t j = 0; j < x->r->nr_cores; j++)
		siblings |= x->r->cores[j].online > 1;
	if (!k->present || x->r->hypervisor || !x->r->nr_cores)
		return;
	if (!((k->smt == MDS_KSMT_DISABLED && siblings) ||
	      ((k->smt == MDS_KSMT_VULNERABLE || k->smt == MDS_KSMT_MITIGATED) && !siblings)))
		return;
	x->v = CLS_V_MDS;
	f = cls_collect(x, CLS_F_SMT_CLAIM, CLS_SEV_INFO, NULL, true);
	if (!f)
		return;
	CLS_MSG(f, "sysfs mds says SMT %s, but %s",
	    k->smt == MDS_KSMT_DISABLED ? "disabled" : "active",
	    siblings ? "some cores have two online threads" : "no core has two online threads");
	CLS_NEXT(f, "The SMT state changed between reads; run mdscope again.");
}

/* ---- entry points ---------------------------------------------------- */

int cls_findings(const struct mds_snapshot *s, struct cls_result *r)
{
	struct cls_ctx x = { .s = s, .r = r };

	for (int v = 0; v < VULN_NR; v++) {
		if (!cls_judged(r, v))
			continue;
		x.v = CLS_V(v);
		exposure_findings(&x);
		claim_findings(&x);
		smt_findings(&x);
	}
	if (cls_judged(r, VULN_MDS))
		smt_claim_finding(&x);
	return x.err;
}
