// SPDX-License-Identifier: GPL-2.0
/*
 * The microcode status of a group of identical CPUs (ucode_status.h), and
 * the per-socket roll-up. Pure: facts in, status, exit code and evidence
 * out. Rules, in order:
 *   unknown          signature, loaded revision or the firmware directory
 *                    not read; or a newer revision on disk while the
 *                    initramfs could not be read
 *   reboot_needed    newer on disk than loaded, and the initramfs has it
 *                    (or the initramfs alone has a newer one)
 *   initramfs_stale  newer on disk than loaded, the initramfs older or
 *                    without it; or the loaded revision is the one on disk
 *                    but the initramfs is older (a late load that the next
 *                    boot would undo)
 *   update_available Intel's newest release is newer than loaded and disk
 *   no_fix_known     Intel, no MDS row, no MD_CLEAR and no MDS_NO
 *   up_to_date       otherwise
 * Exit code: 0 up_to_date, 1 the warnings and no_fix_known, 3 unknown,
 * raised to at least 2 when the loaded revision is older than the first
 * MDS-fixing one (which is then known, so a fix exists).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot.h"
#include "ucode_status.h"

static const char *const status_names[] = {
	[UCODE_ST_UP_TO_DATE] = "up_to_date",
	[UCODE_ST_NO_FIX_KNOWN] = "no_fix_known",
	[UCODE_ST_UPDATE_AVAILABLE] = "update_available",
	[UCODE_ST_INITRAMFS_STALE] = "initramfs_stale",
	[UCODE_ST_REBOOT_NEEDED] = "reboot_needed",
	[UCODE_ST_UNKNOWN] = "unknown",
};

static const int status_exit[] = {
	[UCODE_ST_UP_TO_DATE] = 0,
	[UCODE_ST_NO_FIX_KNOWN] = 1,
	[UCODE_ST_UPDATE_AVAILABLE] = 1,
	[UCODE_ST_INITRAMFS_STALE] = 1,
	[UCODE_ST_REBOOT_NEEDED] = 1,
	[UCODE_ST_UNKNOWN] = 3,
};

static const char *const vendor_names[] = {
	[UCODE_VENDOR_NONE] = "unknown",
	[UCODE_VENDOR_INTEL] = "GenuineIntel",
	[UCODE_VENDOR_AMD] = "AuthenticAMD",
};

const char *ucode_status_name(enum ucode_status s)
{
	return mds_name_of(status_names, UCODE_ST_UNKNOWN + 1, s);
}

const char *ucode_vendor_name(enum ucode_vendor v)
{
	return mds_name_of(vendor_names, UCODE_VENDOR_AMD + 1, v);
}

static void note(struct ucode_verdict *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(struct ucode_verdict *v, const char *fmt, ...)
{
	va_list ap;

	if (v->nr_evidence == UCODE_MAX_EVIDENCE)
		return;
	va_start(ap, fmt);
	vsnprintf(v->evidence[v->nr_evidence++], sizeof(v->evidence[0]), fmt, ap);
	va_end(ap);
}

/* The disk and initramfs rules; UCODE_ST_UP_TO_DATE when they say nothing. */
static enum ucode_status installed(const struct ucode_facts *f, struct ucode_verdict *v)
{
	enum ucode_vendor vd = f->vendor;
	bool disk_newer = f->disk == UCODE_FACT_FOUND && ucode_rev_newer(vd, f->disk_rev, f->rev);
	bool ird_older = f->initramfs == UCODE_FACT_NONE ||
			 (f->initramfs == UCODE_FACT_FOUND &&
			  ucode_rev_newer(vd, f->disk_rev, f->initramfs_rev));

	if (f->initramfs == UCODE_FACT_FOUND)
		note(v, "the initramfs carries 0x%x for this CPU", f->initramfs_rev);
	else if (f->initramfs == UCODE_FACT_NONE)
		note(v, "the initramfs carries no microcode for this CPU");
	if (!disk_newer && f->initramfs == UCODE_FACT_FOUND &&
	    ucode_rev_newer(vd, f->initramfs_rev, f->rev)) {
		note(v, "0x%x in the initramfs is newer than the loaded 0x%x: reboot",
		     f->initramfs_rev, f->rev);
		return UCODE_ST_REBOOT_NEEDED;
	}
	if (f->disk == UCODE_FACT_NONE) {
		note(v, "no microcode file on disk for this CPU");
		return UCODE_ST_UP_TO_DATE;
	}
	if (!disk_newer) {
		note(v, "newest on disk 0x%x is not newer than the loaded 0x%x", f->disk_rev, f->rev);
		if (f->disk_rev == f->rev && ird_older) {
			note(v, "the next boot loads %s unless the firmware has 0x%x: run update-initramfs",
			     f->initramfs == UCODE_FACT_NONE ? "nothing early" : "an older revision",
			     f->rev);
			return UCODE_ST_INITRAMFS_STALE;
		}
		if (f->initramfs == UCODE_FACT_UNKNOWN)
			note(v, "initramfs not read");
		return UCODE_ST_UP_TO_DATE;
	}
	note(v, "0x%x on disk is newer than the loaded 0x%x", f->disk_rev, f->rev);
	if (f->initramfs == UCODE_FACT_UNKNOWN) {
		note(v, "initramfs not read: cannot tell what the next boot loads");
		return UCODE_ST_UNKNOWN;
	}
	if (!ird_older) {
		note(v, "the next boot loads it early from the initramfs: reboot");
		return UCODE_ST_REBOOT_NEEDED;
	}
	note(v, "the initramfs lacks it: run update-initramfs, then reboot");
	return UCODE_ST_INITRAMFS_STALE;
}

/* Intel's release tables; UCODE_ST_UP_TO_DATE when they say nothing. */
static enum ucode_status releases(const struct ucode_facts *f, struct ucode_verdict *v)
{
	const struct ucode_row *mds = v->known.mds, *latest = v->known.latest;
	uint32_t have = f->rev;

	if (f->disk == UCODE_FACT_FOUND && ucode_rev_newer(f->vendor, f->disk_rev, have))
		have = f->disk_rev;
	if (mds)
		note(v, "first MDS-fixing revision 0x%x (microcode-%u)", mds->rev, mds->release);
	if (v->pre_mds)
		note(v, "the loaded 0x%x predates the MDS fix: VERW does not clear buffers", f->rev);
	if (latest && ucode_rev_newer(UCODE_VENDOR_INTEL, latest->rev, have)) {
		note(v, "Intel's microcode-%u has 0x%x, newer than anything installed",
		     latest->release, latest->rev);
		return UCODE_ST_UPDATE_AVAILABLE;
	}
	if (mds || f->md_clear || f->mds_no)
		return UCODE_ST_UP_TO_DATE;
	if (v->known.state == UCODE_UNKNOWN && f->platform_id < 0) {
		note(v, "platform id not read, and the MDS rows for 0x%x differ by platform", f->sig);
		return UCODE_ST_UNKNOWN;
	}
	note(v, "no MDS-fixing microcode known for 0x%x, and the CPU has neither MD_CLEAR nor MDS_NO",
	     f->sig);
	return UCODE_ST_NO_FIX_KNOWN;
}

void ucode_decide(const struct ucode_facts *f, struct ucode_verdict *v)
{
	enum ucode_status st, rel = UCODE_ST_UP_TO_DATE;

	memset(v, 0, sizeof(*v));
	if (f->vendor == UCODE_VENDOR_INTEL && f->have_sig) {
		ucode_check(f->sig, f->platform_id, f->have_rev, f->rev, &v->known);
		v->pre_mds = v->known.state == UCODE_OLDER;
	}
	if (f->vendor == UCODE_VENDOR_NONE || !f->have_sig) {
		note(v, "CPU vendor or signature not read (or neither Intel nor AMD)");
		st = UCODE_ST_UNKNOWN;
	} else if (!f->have_rev) {
		note(v, "loaded microcode revision not read");
		st = UCODE_ST_UNKNOWN;
	} else if (f->disk == UCODE_FACT_UNKNOWN) {
		note(v, "microcode files on disk not read or broken");
		st = UCODE_ST_UNKNOWN;
	} else {
		st = installed(f, v);
		if (f->vendor == UCODE_VENDOR_INTEL)
			rel = releases(f, v);
		else
			note(v, "no release table for AMD: only what is installed is compared");
		/* the disk and initramfs findings are the ones to act on first */
		if (st == UCODE_ST_UP_TO_DATE)
			st = rel;
		else if (rel == UCODE_ST_UNKNOWN)
			st = UCODE_ST_UNKNOWN;
	}
	v->status = st;
	v->exit_code = status_exit[st];
	if (v->pre_mds && v->exit_code < 2)
		v->exit_code = 2;
}

static int by_socket(const void *a, const void *b)
{
	const struct ucode_group *x = a, *y = b;

	if (x->socket != y->socket)
		return x->socket < y->socket ? -1 : 1;
	return x->first_cpu < y->first_cpu ? -1 : x->first_cpu > y->first_cpu;
}

int ucode_inv_rollup(struct ucode_inv *inv)
{
	free(inv->sockets);
	inv->sockets = NULL;
	inv->nr_sockets = 0;
	inv->status = UCODE_ST_UP_TO_DATE;
	inv->exit_code = 0;
	if (!inv->nr_groups) {
		inv->status = UCODE_ST_UNKNOWN;
		inv->exit_code = 3;
		return 0;
	}
	if (inv->nr_groups > 1)
		qsort(inv->groups, inv->nr_groups, sizeof(*inv->groups), by_socket);
	inv->sockets = calloc(inv->nr_groups, sizeof(*inv->sockets));
	if (!inv->sockets)
		return -1;
	for (size_t i = 0; i < inv->nr_groups; i++) {
		const struct ucode_group *g = &inv->groups[i];
		struct ucode_socket *s = &inv->sockets[inv->nr_sockets ? inv->nr_sockets - 1 : 0];

		if (!inv->nr_sockets || s->socket != g->socket) {
			s = &inv->sockets[inv->nr_sockets++];
			*s = (struct ucode_socket){ .socket = g->socket, .first = i };
		}
		s->nr++;
		if (g->v.status > s->status)
			s->status = g->v.status;
		if (g->v.exit_code > s->exit_code)
			s->exit_code = g->v.exit_code;
		if (g->v.status > inv->status)
			inv->status = g->v.status;
		if (g->v.exit_code > inv->exit_code)
			inv->exit_code = g->v.exit_code;
	}
	return 0;
}

void ucode_inv_free(struct ucode_inv *inv)
{
	free(inv->groups);
	free(inv->sockets);
	free(inv->bad);
	inv->groups = NULL;
	inv->sockets = NULL;
	inv->bad = NULL;
	inv->nr_groups = inv->nr_sockets = inv->nr_bad = 0;
}
