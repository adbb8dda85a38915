// SPDX-License-Identifier: GPL-2.0
/*
 * Host facts for guests and check from the same snapshot and analyzer the
 * report uses, so all three agree on whether this host is affected. The
 * kernel's own claim (sysfs, boot CPU only) is the fallback in virtcollect.c.
 */
#include <stdio.h>
#include <string.h>

#include "virthost.h"

void vh_collect(struct vh_facts *f, const char *sysroot)
{
	struct mds_collect_opts co = { .sysroot = sysroot };
	struct mds_err err;

	memset(f, 0, sizeof(*f));
	snapshot_init(&f->snap);
	if (snapshot_collect(&f->snap, &co, &err))
		snprintf(f->err, sizeof(f->err), "%s", err.msg);
	else if (classify_snapshot(&f->snap, &f->cls))
		snprintf(f->err, sizeof(f->err), "the analyzer found no CPU to judge");
	else
		f->ok = true;
}

void vh_free(struct vh_facts *f)
{
	if (f->ok)
		cls_result_free(&f->cls);
	snapshot_free(&f->snap);
	f->ok = false;
}

void vh_to_opts(const struct vh_facts *f, struct vc_opts *o)
{
	unsigned int md_clear_fixes = cls_vulns_fixed_by("md-clear");
	enum cls_exposure w;
	int with = 0, online = 0;
	char exp[128];

	if (!f->ok)
		return;
	w = cls_result_worst(&f->cls, md_clear_fixes);
	for (size_t i = 0; i < f->cls.nr_cpus; i++)
		if (f->cls.cpus[i].online) {
			online++;
			with += f->cls.cpus[i].md_clear == CLS_YES;
		}
	o->have_host_facts = true;
	o->affected = w == CLS_EXP_NOT_AFFECTED ? 0 : w == CLS_EXP_UNKNOWN ? -1 : 1;
	snprintf(o->affected_why, sizeof(o->affected_why), "mdscope analyzer: %s%s",
		 cls_exposure_str(&f->cls, md_clear_fixes, exp, sizeof(exp)),
		 f->cls.hypervisor ? " (as the hypervisor presents the CPUs)" : "");
	o->own_md_clear = online ? with == online : -1;
	snprintf(o->own_source, sizeof(o->own_source), "%s: %d of %d CPUs",
		 mds_source_name(f->snap.collected_by), with, online);
}
