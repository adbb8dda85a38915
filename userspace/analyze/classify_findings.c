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

static const char *const code_names[CLS_F_NR] = {
	[CLS_F_EXPOSED_NO_MICROCODE] = "exposed_no_microcode",
	[CLS_F_EXPOSED_KERNEL_OFF] = "exposed_kernel_off",
	[CLS_F_EXPOSED_KERNEL_UNAWARE] = "exposed_kernel_unaware",
	[CLS_F_EXPOSED_KERNEL_NOT_AFFECTED] = "exposed_kernel_not_affected",
	[CLS_F_SYSFS_NOT_AFFECTED] = "sysfs_not_affected_but_cpu_affected",
	[CLS_F_SYSFS_MITIGATED_NO_MD_CLEAR] = "sysfs_mitigation_without_md_clear",
	[CLS_F_KERNEL_UNAWARE] = "kernel_unaware",
	[CLS_F_KERNEL_STALE] = "kernel_claim_differs_from_boot_cpu",
	[CLS_F_KERNEL_NO_VENDOR_CHECK] = "kernel_no_vendor_check",
	[CLS_F_SMT_CLAIM] = "sysfs_smt_state_differs",
	[CLS_F_SMT_EXPOSED] = "smt_exposed",
	[CLS_F_SMT_HOST_UNKNOWN] = "smt_host_unknown",
	[CLS_F_CPUINFO_MICROCODE] = "cpuinfo_microcode_differs",
	[CLS_F_CACHED_MICROCODE] = "cached_microcode_differs",
	[CLS_F_MICROCODE_PRE_MDS] = "microcode_pre_mds",
	[CLS_F_MICROCODE_AVAILABLE] = "microcode_update_available",
	[CLS_F_MIXED_SIGNATURE] = "mixed_signature",
	[CLS_F_MIXED_MICROCODE] = "mixed_microcode",
	[CLS_F_MIXED_MD_CLEAR] = "mixed_md_clear",
	[CLS_F_MIXED_ARCH_CAP] = "mixed_arch_cap",
	[CLS_F_UNKNOWN] = "unknown",
	[CLS_F_OFFLINE] = "cpus_offline",
};

const char *cls_code_name(enum cls_code c)
{
	return (unsigned int)c < CLS_F_NR ? code_names[c] : "unknown";
}

static const char *sysfs_file(enum cls_vuln_id v)
{
	return vuln_info[v - 1].sysfs;
}

static const char *upper(enum cls_vuln_id v)
{
	return vuln_info[v - 1].name;
}

char *cls_cpulist(const uint32_t *cpus, size_t n, char *buf, size_t size)
{
	size_t off = 0;

	if (!size)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < n; ) {
		size_t j = i;
		int len;

		while (j + 1 < n && cpus[j + 1] == cpus[j] + 1)
			j++;
		if (j == i)
			len = snprintf(buf + off, size - off, "%s%u", off ? "," : "", cpus[i]);
		else
			len = snprintf(buf + off, size - off, "%s%u-%u", off ? "," : "", cpus[i], cpus[j]);
		/* keep room for ",..." unless this is the last range */
		if (len < 0 || (size_t)len >= size - off ||
		    (j + 1 < n && off + len + 5 > size)) {
			snprintf(buf + off, size - off, "%s", size - off >= 5 ? ",..." : "");
			break;
		}
		off += len;
		i = j + 1;
	}
	return buf;
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

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

struct cls_finding *cls_collect(struct cls_ctx *x, enum cls_code code, enum cls_severity sev,
				cls_pred pred, bool keep_empty)
{
	struct cls_result *r = x->r;
	struct cls_finding *f, *grown;
	size_t n = 0;

	if (x->err)
		return NULL;
	for (size_t i = 0; i < r->nr_cpus; i++)
		n += pred ? pred(x, i) : 0;
	if (!n && !keep_empty)
		return NULL;
	grown = realloc(r->findings, (r->nr_findings + 1) * sizeof(*r->findings));
	if (!grown)
		goto enomem;
	r->findings = grown;
	f = &r->findings[r->nr_findings];
	*f = (struct cls_finding){ .code = code, .severity = sev, .vuln = x->v };
	f->cpus = calloc(n ? n : 1, sizeof(*f->cpus));
	f->sockets = calloc(n ? n : 1, sizeof(*f->sockets));
	if (!f->cpus || !f->sockets) {
		free(f->cpus);
		free(f->sockets);
		goto enomem;
	}
	r->nr_findings++;
	for (size_t i = 0; i < r->nr_cpus && n; i++) {
		const struct cls_cpu *c = &r->cpus[i];
		bool seen = false;

		if (!pred(x, i))
			continue;
		f->cpus[f->nr_cpus++] = c->cpu;
		for (size_t k = 0; k < f->nr_sockets; k++)
			seen |= f->sockets[k] == c->package;
		if (!seen && c->package >= 0)
			f->sockets[f->nr_sockets++] = c->package;
	}
	qsort(f->cpus, f->nr_cpus, sizeof(*f->cpus), cmp_u32);
	qsort(f->sockets, f->nr_sockets, sizeof(*f->sockets), cmp_int);
	return f;
enomem:
	x->err = -ENOMEM;
	return NULL;
}

const char *cls_list(const struct cls_finding *f, char *buf, size_t size)
{
	return cls_cpulist(f->cpus, f->nr_cpus, buf, size);
}

bool cls_online(const struct cls_ctx *x, size_t i)
{
	return x->r->cpus[i].online;
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
		  "their microcode cannot clear the CPU buffers (",
		  "Install Intel's microcode update (Debian: apt install intel-microcode, from non-free-firmware) or a BIOS update, then reboot" },
		{ CLS_F_EXPOSED_KERNEL_OFF, CLS_WHY_KERNEL_OFF,
		  "the kernel does not clear CPU buffers (mitigation off",
		  "" },
		{ CLS_F_EXPOSED_KERNEL_UNAWARE, CLS_WHY_KERNEL_UNAWARE,
		  "the kernel is too old to know this vulnerability (no sysfs file",
		  "Upgrade to a kernel that mitigates it (Linux %s, or a distribution kernel with the backport) and reboot" },
		{ CLS_F_EXPOSED_KERNEL_NOT_AFFECTED, CLS_WHY_KERNEL_NOT_AFFECTED,
		  "the kernel judged the boot CPU not affected and mitigates nothing (sysfs 'Not affected'",
		  "Make every socket match the boot CPU (same processor stepping and microcode), or keep these CPUs offline (echo 0 > /sys/devices/system/cpu/cpuN/online)" },
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
		CLS_MSG(f, "%s: CPUs %s are affected and exposed: %s%s)", upper(x->v),
			cls_list(f, cpus, sizeof(cpus)), rows[k].msg,
			rows[k].code == CLS_F_EXPOSED_NO_MICROCODE ? vuln_rules[x->v - 1].no_ucode : "");
		/* only the kernel-unaware row has a %s: the first kernel that mitigates */
		snprintf(next, sizeof(next), rows[k].next, vuln_info[x->v - 1].kernel_since);
		CLS_NEXT(f, "%s%s%s.", next,
			 x->v == CLS_V_TAA && tsx_ctrl ?
			 "; or disable TSX (boot with tsx=off; these CPUs have TSX_CTRL)" : "",
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
		CLS_MSG(f, "sysfs %s says 'Not affected', but CPUs %s are affected: the kernel decides from the boot CPU (cpu0) only",
		    sysfs_file(x->v), cls_list(f, cpus, sizeof(cpus)));
		CLS_NEXT(f, "Trust the per-CPU verdicts; make the sockets identical (stepping, microcode) so the boot CPU speaks for all.");
	}
	if (k->present && mitigated_state(k->state) &&
	    (f = cls_collect(x, CLS_F_SYSFS_MITIGATED_NO_MD_CLEAR, CLS_SEV_WARNING, claimed_but_bare, false))) {
		CLS_MSG(f, "sysfs %s claims '%s', but CPUs %s lack the microcode for it (%s): VERW does not clear their buffers",
		    sysfs_file(x->v), mds_kstate_text(k->state), cls_list(f, cpus, sizeof(cpus)),
		    vuln_rules[x->v - 1].no_ucode);
		CLS_NEXT(f, "Update the microcode on those CPUs' sockets (BIOS or intel-microcode) to the boot CPU's level and reboot.");
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
		CLS_MSG(f, "the kernel reports MDS on non-Intel CPUs %s: its MDS rule has no vendor check; MDS affects Intel CPUs only",
		    cls_list(f, cpus, sizeof(cpus)));
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
		CLS_MSG(f, "%s: CPUs %s are mitigated, but their SMT siblings are online and can sample the same buffers",
		    upper(x->v), cls_list(f, cpus, sizeof(cpus)));
		CLS_NEXT(f, "If untrusted code shares these cores (VMs, containers, other users), disable SMT: boot with nosmt or run 'echo off > /sys/devices/system/cpu/smt/control'.");
	}
	if ((f = cls_collect(x, CLS_F_SMT_HOST_UNKNOWN, CLS_SEV_INFO, smt_host, false))) {
		CLS_MSG(f, "%s: inside a virtual machine; whether the host runs other tenants on the SMT siblings of vCPUs %s is invisible here",
		    upper(x->v), cls_list(f, cpus, sizeof(cpus)));
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

static int finding_cmp(const void *pa, const void *pb)
{
	const struct cls_finding *a = pa, *b = pb;

	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	if (a->code != b->code)
		return (int)a->code - (int)b->code;
	return (int)a->vuln - (int)b->vuln;
}

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
	cls_advice(&x);
	if (x.err)
		return x.err;
	/* qsort is not stable: the comparison includes code and vuln, and
	 * same-code findings of one vulnerability keep no particular order. */
	qsort(r->findings, r->nr_findings, sizeof(*r->findings), finding_cmp);
	return 0;
}

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
