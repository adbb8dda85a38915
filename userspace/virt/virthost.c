// SPDX-License-Identifier: GPL-2.0
/*
 * Host facts for guests and check from the same snapshot and analyzer the
 * report uses, so all three agree on whether this host is affected. With
 * no CPU facts, the kernel's claims in that snapshot decide "affected"; no
 * sysfs file or CPUID leaf is read here. vh_answers() is the one place the
 * analyzer's fields are turned into what virt needs.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "collect.h"
#include "virthost.h"

int vh_collect(struct vh_facts *f, const char *sysroot, const char *from)
{
	struct mds_collect_opts co = { .sysroot = sysroot };
	struct mds_err err = { "" };
	int r;

	memset(f, 0, sizeof(*f));
	snapshot_init(&f->snap);
	if (from && sysroot) {
		snprintf(f->err, sizeof(f->err), "--from reads a saved snapshot; --sysroot "
			 "applies only to collecting");
		return -EINVAL;
	}
	r = from ? snapshot_load(&f->snap, from, &err) : snapshot_collect(&f->snap, &co, &err);
	if (r) {
		snprintf(f->err, sizeof(f->err), "%s", err.msg[0] ? err.msg : strerror(-r));
		return from ? r : 0;
	}
	if (classify_snapshot(&f->snap, &f->cls))
		snprintf(f->err, sizeof(f->err), "the analyzer found no CPU to judge");
	else
		f->ok = true;
	return 0;
}

void vh_free(struct vh_facts *f)
{
	if (f->ok)
		cls_result_free(&f->cls);
	snapshot_free(&f->snap);
	f->ok = false;
}

/* Without CPU facts: affected unless every claim present says "Not affected". */
static void from_claims(const struct mds_snapshot *s, struct vc_host_facts *a)
{
	unsigned int md_clear_fixes = cls_vulns_fixed_by("md-clear");
	char *p = a->affected_why;
	size_t left = sizeof(a->affected_why);
	int seen = 0, yes = 0;

	for (int v = 0; v < VULN_NR; v++) {
		const char *text = snapshot_vuln(s, vuln_info[v].sysfs);
		int n;

		if (!text || !(md_clear_fixes & (1u << v)))
			continue;
		seen++;
		yes += s->kernel.claim[v].state != MDS_KSTATE_NOT_AFFECTED;
		n = snprintf(p, left, "%s%s: %s", seen > 1 ? "; " : "kernel claims: ",
			     vuln_info[v].sysfs, text);
		if (n > 0 && (size_t)n < left)
			p += n, left -= n;
	}
	a->affected = seen ? yes > 0 : -1;
	if (!seen)
		snprintf(a->affected_why, sizeof(a->affected_why),
			 "no vulnerabilities files in sysfs (kernel too old or no sysfs)");
}

void vh_answers(const struct vh_facts *f, struct vc_host_facts *a)
{
	unsigned int md_clear_fixes = cls_vulns_fixed_by("md-clear");
	enum cls_exposure w;
	int with = 0, online = 0;
	char exp[128];

	memset(a, 0, sizeof(*a));
	a->affected = a->own_md_clear = -1;
	if (!f->ok) {
		from_claims(&f->snap, a);
		snprintf(a->own_source, sizeof(a->own_source), "unknown (no CPU facts)");
		return;
	}
	w = cls_result_worst(&f->cls, md_clear_fixes);
	for (size_t i = 0; i < f->cls.nr_cpus; i++)
		if (f->cls.cpus[i].online) {
			online++;
			with += f->cls.cpus[i].md_clear == CLS_YES;
		}
	a->affected = w == CLS_EXP_NOT_AFFECTED ? 0 : w == CLS_EXP_UNKNOWN ? -1 : 1;
	snprintf(a->affected_why, sizeof(a->affected_why), "mdscope analyzer: %s%s",
		 cls_exposure_str(&f->cls, md_clear_fixes, exp, sizeof(exp)),
		 f->cls.hypervisor ? " (as the hypervisor presents the CPUs)" : "");
	a->own_md_clear = online ? with == online : -1;
	snprintf(a->own_source, sizeof(a->own_source), "%s: %d of %d CPUs",
		 mds_source_name(f->snap.collected_by), with, online);
}
