// SPDX-License-Identifier: GPL-2.0
/*
 * Findings from the microcode on disk and in the initramfs (the inventory
 * cmd/ucode_inv.c gathers, decided by analyze/ucode_status.c): a newer
 * revision installed but not loaded, an initramfs that would load an older
 * one at the next boot. Added to an analyzed result, whose status and exit
 * code they can only raise. Pure, no I/O.
 */
#include <stdio.h>

#include "classify_int.h"
#include "ucode_status.h"

/* The online CPUs of the group's socket that run the group's revision. */
static bool in_group(const struct cls_ctx *x, size_t i)
{
	const struct ucode_group *g = x->arg;
	const struct cls_cpu *c = &x->r->cpus[i];

	return c->online && c->package == g->socket &&
	       (!g->facts.have_rev || (c->have_microcode && c->microcode == g->facts.rev));
}

static void group_finding(struct cls_ctx *x, const struct ucode_group *g)
{
	const struct ucode_facts *f = &g->facts;
	struct cls_finding *fi;
	char cpus[128], loaded[16];
	enum cls_code code;

	if (g->v.status == UCODE_ST_REBOOT_NEEDED)
		code = CLS_F_MICROCODE_REBOOT_NEEDED;
	else if (g->v.status == UCODE_ST_INITRAMFS_STALE)
		code = CLS_F_MICROCODE_INITRAMFS_STALE;
	else
		return;
	x->arg = g;
	fi = cls_collect(x, code, CLS_SEV_WARNING, in_group, false);
	if (!fi)
		return;
	snprintf(loaded, sizeof(loaded), f->have_rev ? "0x%x" : "an unknown revision", f->rev);
	if (code == CLS_F_MICROCODE_REBOOT_NEEDED) {
		CLS_MSG(fi, "%s %s %s; 0x%x is installed (%.200s) and in the initramfs",
			cls_cpus(fi, cpus, sizeof(cpus)), cls_pl(fi, "runs", "run"), loaded, f->disk_rev, g->disk_file);
		CLS_NEXT(fi, "0x%x is installed: reboot to load it (a late load through "
			 "/sys/devices/system/cpu/microcode/reload updates the CPUs, but the kernel "
			 "chose its mitigations at boot).", f->disk_rev);
	} else {
		char ird[40];

		if (f->initramfs == UCODE_FACT_FOUND)
			snprintf(ird, sizeof(ird), "0x%x", f->initramfs_rev);
		else
			snprintf(ird, sizeof(ird), "no microcode for %s", cls_pl(fi, "it", "them"));
		CLS_MSG(fi, "%s: 0x%x is installed (%.200s), but the initramfs carries %s: the next boot loads the old revision",
			cls_cpus(fi, cpus, sizeof(cpus)), f->disk_rev, g->disk_file, ird);
		CLS_NEXT(fi, "Rebuild the initramfs (Debian: update-initramfs -u), then reboot.");
	}
}

int cls_ucode_findings(struct cls_result *r, const struct ucode_inv *inv)
{
	struct cls_ctx x = { .r = r };

	for (size_t i = 0; inv && i < inv->nr_groups; i++)
		group_finding(&x, &inv->groups[i]);
	if (x.err)
		return x.err;
	cls_sort_findings(r);
	cls_status(r);
	return 0;
}
