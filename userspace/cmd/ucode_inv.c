// SPDX-License-Identifier: GPL-2.0
/*
 * The microcode inventory (ucode_inv.h): turns a snapshot's CPUs, the
 * firmware directory (collect/ucode_file.c) and the initramfs
 * (collect/initramfs.c) into per-group facts, and hands them to the pure
 * decision (analyze/ucode_status.c). CPUs of a socket with the same
 * vendor, signature, platform id and revisions form one group.
 */
#define _GNU_SOURCE	/* asprintf */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify.h"
#include "initramfs.h"
#include "plugin.h"
#include "ucode_file.h"
#include "ucode_inv.h"

/* collect/initramfs.c is built into this plugin, with libarchive (plugin.c says why). */
#define INITRAMFS_PLUGIN "mdscope-initramfs.so"

struct ctx {
	const struct ucode_dir *dir;
	const struct ucode_initramfs *ird;
	bool have_ird;
};

static enum ucode_vendor cpu_vendor(const struct mds_cpu *c)
{
	if (!c->have_cpuid)
		return UCODE_VENDOR_NONE;
	if (!strcmp(c->vendor, "GenuineIntel"))
		return UCODE_VENDOR_INTEL;
	if (!strcmp(c->vendor, "AuthenticAMD"))
		return UCODE_VENDOR_AMD;
	return UCODE_VENDOR_NONE;
}

/* The group key of a CPU: everything but the disk and initramfs facts. The
 * revision, platform id, MD_CLEAR and MDS_NO are the analyzer's (k). */
static void cpu_facts(const struct mds_cpu *c, const struct cls_cpu *k, struct ucode_group *g)
{
	struct ucode_facts *f = &g->facts;

	memset(g, 0, sizeof(*g));
	g->socket = c->have_topology ? (int)c->package : -1;
	g->first_cpu = c->cpu;
	f->vendor = cpu_vendor(c);
	f->have_sig = c->have_cpuid;
	f->sig = c->signature;
	f->platform_id = f->vendor == UCODE_VENDOR_INTEL ? k->platform_id : -1;
	g->have_msr = c->microcode.state == MDSCOPE_REG_STATE_OK;
	g->msr_rev = g->have_msr ? (uint32_t)c->microcode.value : 0;
	g->have_cached = c->have_ucode_cached;
	g->cached_rev = c->microcode_cached;
	/* the revision the analyzer decided (analyze/classify.c); the printers
	 * show both views when they differ */
	f->have_rev = k->have_microcode;
	f->rev = k->microcode;
	f->md_clear = k->md_clear == CLS_YES;
	f->mds_no = k->mds_no == CLS_YES;
}

static bool same_group(const struct ucode_group *a, const struct ucode_group *b)
{
	const struct ucode_facts *x = &a->facts, *y = &b->facts;

	return a->socket == b->socket && x->vendor == y->vendor && x->have_sig == y->have_sig &&
	       x->sig == y->sig && x->platform_id == y->platform_id &&
	       a->have_msr == b->have_msr && a->msr_rev == b->msr_rev &&
	       a->have_cached == b->have_cached && a->cached_rev == b->cached_rev &&
	       x->md_clear == y->md_clear && x->mds_no == y->mds_no;
}

/* Append cpu to a cpulist that so far ends with last. */
static void cpulist_add(char *list, size_t len, uint32_t *last, bool *run, uint32_t cpu)
{
	size_t n = strlen(list);

	if (!n) {
		snprintf(list, len, "%u", cpu);
	} else if (cpu == *last + 1) {
		if (!*run)
			snprintf(list + n, len - n, "-%u", cpu);
		else {	/* replace the run's end */
			char *dash = strrchr(list, '-');

			snprintf(dash + 1, len - (size_t)(dash + 1 - list), "%u", cpu);
		}
		*run = true;
	} else {
		snprintf(list + n, len - n, ",%u", cpu);
		*run = false;
	}
	*last = cpu;
}

/*
 * With an unknown platform id, entries for sig that differ by platform give
 * no answer (ucode_blob_best()): that is unknown, not "none".
 */
static bool sig_present(const struct ucode_blob *b, uint32_t sig)
{
	for (size_t i = 0; i < b->nr; i++)
		if (b->e[i].sig == sig)
			return true;
	return false;
}

/* No entry for a CPU: none, or unknown when the platform id was needed. */
static enum ucode_fact absent(const struct ucode_blob *b, const struct ucode_facts *f)
{
	return f->platform_id < 0 && f->vendor == UCODE_VENDOR_INTEL && sig_present(b, f->sig) ?
	       UCODE_FACT_UNKNOWN : UCODE_FACT_NONE;
}

/* Disk and initramfs facts of a group. */
static void place_facts(const struct ctx *x, struct ucode_group *g)
{
	struct ucode_facts *f = &g->facts;
	const struct ucode_early *early;
	const struct ucode_file *file;
	const struct ucode_entry *e;
	char name[64];

	if (f->vendor == UCODE_VENDOR_NONE || !f->have_sig)
		return;
	f->disk = UCODE_FACT_NONE;
	/* the file the kernel would load for this CPU must not be broken */
	ucode_file_name(f->vendor, f->sig, name, sizeof(name));
	for (size_t i = 0; i < x->dir->nr; i++) {
		const struct ucode_file *bf = &x->dir->f[i];
		size_t n = strlen(name);

		if (bf->err && bf->blob.vendor == f->vendor && !strncmp(bf->name, name, n) &&
		    (!bf->name[n] || !strcmp(bf->name + n, ".initramfs"))) {
			f->disk = UCODE_FACT_UNKNOWN;
			snprintf(g->disk_file, sizeof(g->disk_file), "%s", bf->path);
		}
	}
	e = ucode_dir_best(x->dir, f->vendor, f->sig, f->platform_id, &file);
	if (e && f->disk != UCODE_FACT_UNKNOWN) {
		f->disk = UCODE_FACT_FOUND;
		f->disk_rev = e->rev;
		g->disk_date = e->date;
		snprintf(g->disk_file, sizeof(g->disk_file), "%s", file->path);
	}
	for (size_t i = 0; !e && i < x->dir->nr && f->disk == UCODE_FACT_NONE; i++)
		if (x->dir->f[i].blob.vendor == f->vendor)
			f->disk = absent(&x->dir->f[i].blob, f);
	if (!x->have_ird || x->ird->state == UCODE_IRD_ERROR || x->ird->state == UCODE_IRD_UNREAD)
		return;
	f->initramfs = UCODE_FACT_NONE;
	early = f->vendor == UCODE_VENDOR_INTEL ? &x->ird->intel : &x->ird->amd;
	if (!early->present)
		return;
	if (early->err) {
		f->initramfs = UCODE_FACT_UNKNOWN;
		return;
	}
	e = ucode_blob_best(&early->blob, f->sig, f->platform_id);
	if (e) {
		f->initramfs = UCODE_FACT_FOUND;
		f->initramfs_rev = e->rev;
		g->initramfs_date = e->date;
	} else {
		f->initramfs = absent(&early->blob, f);
	}
}

static int add_bad(struct ucode_inv *inv, const char *path, const char *why)
{
	struct ucode_bad_file *nb = reallocarray(inv->bad, inv->nr_bad + 1, sizeof(*nb));

	if (!nb)
		return -ENOMEM;
	inv->bad = nb;
	snprintf(nb[inv->nr_bad].path, sizeof(nb->path), "%s", path);
	snprintf(nb[inv->nr_bad].why, sizeof(nb->why), "%s", why);
	inv->nr_bad++;
	return 0;
}

static int collect_bad(struct ucode_inv *inv, const struct ucode_dir *d,
		       const struct ucode_initramfs *ird)
{
	int r = 0;

	for (size_t i = 0; i < d->nr && !r; i++)
		if (d->f[i].err)
			r = add_bad(inv, d->f[i].path, d->f[i].err == -EBADMSG ? d->f[i].blob.why
									: strerror(-d->f[i].err));
	if (!r && ird->intel.present && ird->intel.err)
		r = add_bad(inv, UCODE_EARLY_INTEL, ird->intel.err == -EBADMSG ?
			    ird->intel.blob.why : strerror(-ird->intel.err));
	if (!r && ird->amd.present && ird->amd.err)
		r = add_bad(inv, UCODE_EARLY_AMD, ird->amd.err == -EBADMSG ?
			    ird->amd.blob.why : strerror(-ird->amd.err));
	return r;
}

static const char *ird_state_name(enum ucode_ird_state st, bool given)
{
	static const char *const names[] = {
		[UCODE_IRD_UNREAD] = "not_given",
		[UCODE_IRD_ERROR] = "unreadable",
		[UCODE_IRD_NO_EARLY] = "no_early_cpio",
		[UCODE_IRD_READ] = "read",
	};

	return given ? names[st] : names[UCODE_IRD_UNREAD];
}

static int group_cpus(const struct mds_snapshot *s, const struct cls_result *cr,
		      const struct ctx *x, struct ucode_inv *inv)
{
	uint32_t *last;
	size_t cap = 0;
	bool *run;
	int r = 0;


	last = calloc(s->nr_cpus ? s->nr_cpus : 1, sizeof(*last));
	run = calloc(s->nr_cpus ? s->nr_cpus : 1, sizeof(*run));
	if (!last || !run) {
		r = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < s->nr_cpus; i++) {
		const struct mds_cpu *c = &s->cpus[i];
		struct ucode_group g;
		size_t j;

		if (c->source == MDS_SRC_NONE || !c->online)
			continue;
		cpu_facts(c, &cr->cpus[i], &g);
		for (j = 0; j < inv->nr_groups; j++)
			if (same_group(&inv->groups[j], &g))
				break;
		if (j == inv->nr_groups && j == cap) {
			struct ucode_group *ng = reallocarray(inv->groups, cap ? cap * 2 : 4,
							      sizeof(*ng));

			if (!ng) {
				r = -ENOMEM;
				goto out;
			}
			inv->groups = ng;
			cap = cap ? cap * 2 : 4;
		}
		if (j == inv->nr_groups) {
			place_facts(x, &g);
			ucode_decide(&g.facts, &g.v);
			if (g.facts.disk == UCODE_FACT_UNKNOWN && g.disk_file[0] &&
			    g.v.nr_evidence < UCODE_MAX_EVIDENCE)
				snprintf(g.v.evidence[g.v.nr_evidence++], sizeof(g.v.evidence[0]),
					 "%.150s is broken or unreadable: not trusted", g.disk_file);
			inv->groups[inv->nr_groups++] = g;
		}
		cpulist_add(inv->groups[j].cpus, sizeof(g.cpus), &last[j], &run[j], c->cpu);
	}
	r = ucode_inv_rollup(inv) ? -ENOMEM : 0;
out:
	free(last);
	free(run);
	return r;
}

int ucode_inventory(const struct mds_snapshot *s, const char *fwdir, const char *initramfs,
		    struct ucode_inv *inv, struct mds_err *err)
{
	return ucode_inventory_cls(s, NULL, fwdir, initramfs, inv, err);
}

int ucode_inventory_cls(const struct mds_snapshot *s, const struct cls_result *cr,
			const char *fwdir, const char *initramfs, struct ucode_inv *inv,
			struct mds_err *err)
{
	struct ucode_initramfs ird = { 0 };
	struct ucode_dir dir;
	struct ctx x = { .dir = &dir, .ird = &ird, .have_ird = initramfs != NULL };
	int r;

	memset(inv, 0, sizeof(*inv));
	snprintf(inv->fwdir, sizeof(inv->fwdir), "%s", fwdir);
	snprintf(inv->initramfs, sizeof(inv->initramfs), "%s", initramfs ? initramfs : "");
	r = ucode_dir_read(fwdir, &dir, err);
	if (r)
		return r;
	inv->files = (unsigned int)dir.nr;
	if (initramfs) {
		int (*read_ird)(const char *, struct ucode_initramfs *);
		char perr[160] = "";

		/* a missing file needs no libarchive (nor its memory) to say so */
		if (access(initramfs, F_OK)) {
			ird.state = UCODE_IRD_ERROR;
			snprintf(ird.why, sizeof(ird.why), "%.150s: %s", initramfs, strerror(errno));
		} else if (!(*(void **)&read_ird = plugin_symbol(INITRAMFS_PLUGIN,
								 "ucode_initramfs_read",
								 perr, sizeof(perr)))) {
			ird.state = UCODE_IRD_ERROR;
			snprintf(ird.why, sizeof(ird.why), "cannot load %s: %s", INITRAMFS_PLUGIN,
				 perr);
		} else if ((r = read_ird(initramfs, &ird))) {
			goto out;
		}
		snprintf(inv->initramfs_why, sizeof(inv->initramfs_why), "%s", ird.why);
	}
	inv->initramfs_state = ird_state_name(ird.state, initramfs != NULL);
	r = collect_bad(inv, &dir, &ird);
	if (!r && !s->nr_cpus)	/* nothing to decide: unknown */
		r = ucode_inv_rollup(inv) ? -ENOMEM : 0;
	else if (!r && cr)
		r = group_cpus(s, cr, &x, inv);
	else if (!r) {
		struct cls_result own;

		r = classify_snapshot(s, &own);
		if (!r) {
			r = group_cpus(s, &own, &x, inv);
			cls_result_free(&own);
		}
	}
out:
	if (r == -ENOMEM)
		snprintf(err->msg, sizeof(err->msg), "%s", strerror(ENOMEM));
	if (r)
		ucode_inv_free(inv);
	ucode_blob_free(&ird.intel.blob);
	ucode_blob_free(&ird.amd.blob);
	ucode_dir_free(&dir);
	return r;
}

int ucode_default_paths(const struct mds_snapshot *s, const char *sysroot, char **fwdir,
			char **initramfs)
{
	const char *root = sysroot && strcmp(sysroot, "/") ? sysroot : "";

	*fwdir = *initramfs = NULL;
	if (asprintf(fwdir, "%s/lib/firmware", root) < 0)
		goto nomem;
	if (s->kernel.release[0] &&
	    asprintf(initramfs, "%s/boot/initrd.img-%s", root, s->kernel.release) < 0)
		goto nomem;
	return 0;
nomem:
	free(*fwdir);
	*fwdir = *initramfs = NULL;
	return -ENOMEM;
}

int ucode_files_findings(const struct mds_snapshot *s, struct cls_result *r, const char *sysroot,
			 const char *fwdir, const char *initramfs, bool default_ird,
			 struct ucode_inv *inv, struct mds_err *err)
{
	char *fw_def = NULL, *ird_def = NULL;
	int ret;

	if (ucode_default_paths(s, sysroot, &fw_def, &ird_def))
		return -ENOMEM;
	if (!initramfs && default_ird)
		initramfs = ird_def;
	ret = 0;
	if (!fwdir && access(fw_def, F_OK))
		goto out;	/* no firmware directory here: nothing to compare with */
	ret = ucode_inventory_cls(s, r, fwdir ? fwdir : fw_def, initramfs, inv, err);
	if (ret)
		goto out;
	ret = cls_ucode_findings(r, inv);
	if (ret)
		ucode_inv_free(inv);
	else
		ret = 1;
out:
	free(fw_def);
	free(ird_def);
	return ret;
}
