// SPDX-License-Identifier: GPL-2.0
/*
 * From a foreign dump's raw CPUID leaves and MSRs to CPU records, gated as
 * the kernel gates them: IA32_ARCH_CAPABILITIES counts only when
 * CPUID.7.0:EDX[29] enumerates it (KVM's synthetic value in a dump whose
 * CPUID clears the bit is ignored, with a note), TSX_CTRL only when
 * ARCH_CAPABILITIES says it exists. A dump holds no microcode revision,
 * platform id, topology or kernel claims: they stay unknown (state 0,
 * have_* false, no vulnerabilities files), never invented.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "sysfs.h"
#include "x86_defs.h"

static const char *const format_names[IMP_FMT_NR] = {
	[IMP_FMT_CPUID_RAW] = "cpuid-raw",
	[IMP_FMT_LIBVIRT] = "libvirt-cpudata",
};

const char *imp_format_name(enum imp_format f)
{
	return f >= 0 && f < IMP_FMT_NR ? format_names[f] : "unknown";
}

enum imp_format imp_format_from_name(const char *name)
{
	for (int i = 0; i < IMP_FMT_NR; i++)
		if (!strcmp(name, format_names[i]))
			return i;
	return IMP_FMT_UNKNOWN;
}

/* XML (a comment or a tag first) is libvirt's; "CPU" first is cpuid -r. */
enum imp_format imp_detect(const char *text, size_t len)
{
	size_t i = 0;

	while (i < len && strchr(" \t\r\n", text[i]))
		i++;
	if (i < len && text[i] == '<')
		return IMP_FMT_LIBVIRT;
	if (len - i >= 3 && !memcmp(text + i, "CPU", 3))
		return IMP_FMT_CPUID_RAW;
	return IMP_FMT_UNKNOWN;
}

struct imp_cpu *imp_new_cpu(struct imp_dump *d)
{
	struct imp_cpu *n;

	if (d->nr_cpus >= MDS_SNAP_MAX_CPUS)
		return NULL;
	n = realloc(d->cpu, (d->nr_cpus + 1) * sizeof(*n));
	if (!n)
		return NULL;
	d->cpu = n;
	memset(&n[d->nr_cpus], 0, sizeof(*n));
	return &n[d->nr_cpus++];
}

int imp_add_leaf(struct imp_cpu *c, const struct imp_leaf *l)
{
	for (size_t i = 0; i < c->nr_leaves; i++)
		if (c->leaf[i].in_eax == l->in_eax && c->leaf[i].in_ecx == l->in_ecx)
			return -EEXIST;
	if (c->nr_leaves >= IMP_MAX_LEAVES)
		return -ENOSPC;
	c->leaf[c->nr_leaves++] = *l;
	return 0;
}

int imp_add_msr(struct imp_cpu *c, uint32_t index, uint64_t value)
{
	for (size_t i = 0; i < c->nr_msrs; i++)
		if (c->msr[i].index == index)
			return -EEXIST;
	if (c->nr_msrs >= IMP_MAX_MSRS)
		return -ENOSPC;
	c->msr[c->nr_msrs++] = (struct imp_msr){ index, value };
	return 0;
}

void imp_dump_free(struct imp_dump *d)
{
	free(d->cpu);
	d->cpu = NULL;
	d->nr_cpus = 0;
}

static const struct imp_leaf *leaf(const struct imp_cpu *c, uint32_t in_eax, uint32_t in_ecx)
{
	for (size_t i = 0; i < c->nr_leaves; i++)
		if (c->leaf[i].in_eax == in_eax && c->leaf[i].in_ecx == in_ecx)
			return &c->leaf[i];
	return NULL;
}

static const struct imp_msr *msr(const struct imp_cpu *c, uint32_t index)
{
	for (size_t i = 0; i < c->nr_msrs; i++)
		if (c->msr[i].index == index)
			return &c->msr[i];
	return NULL;
}

static int cpu_err(struct mds_err *err, size_t cpu, const char *what)
{
	snprintf(err->msg, sizeof(err->msg), "CPU %zu of the dump: %s", cpu, what);
	return -EINVAL;
}

/* The MSRs a dump may hold, gated on CPUID as the kernel gates them. */
static void fill_msrs(struct mds_cpu *c, const struct imp_cpu *in, size_t n,
		      struct mds_snapshot *s)
{
	const struct imp_msr *ac = msr(in, MDSCOPE_MSR_ARCH_CAP);
	const struct imp_msr *tc = msr(in, MDSCOPE_MSR_TSX_CTRL);

	if (!(c->leaf7_edx & MDSCOPE_L7EDX_ARCH_CAP)) {
		c->arch_cap.state = MDSCOPE_REG_STATE_NOT_ENUMERATED;
		if (ac && n == 0)
			snapshot_note(s, "MSR 0x10a value 0x%llx ignored: CPUID.7.0:EDX[29] says "
				      "there is no ARCH_CAPABILITIES (the kernel ignores it too)",
				      (unsigned long long)ac->value);
	} else if (ac) {
		c->arch_cap = (struct mds_reg){ MDSCOPE_REG_STATE_OK, ac->value, 0 };
	}
	if (c->arch_cap.state == MDSCOPE_REG_STATE_NOT_ENUMERATED ||
	    (c->arch_cap.state == MDSCOPE_REG_STATE_OK &&
	     !(c->arch_cap.value & MDSCOPE_AC_TSX_CTRL_MSR)))
		c->tsx_ctrl.state = MDSCOPE_REG_STATE_NOT_ENUMERATED;
	else if (c->arch_cap.state == MDSCOPE_REG_STATE_OK && tc)
		c->tsx_ctrl = (struct mds_reg){ MDSCOPE_REG_STATE_OK, tc->value, 0 };
	if (strcmp(c->vendor, "GenuineIntel"))
		c->platform_id.state = MDSCOPE_REG_STATE_NOT_APPLICABLE;
	/* microcode: never in a dump, stays unknown */
}

static int fill_cpu(struct mds_cpu *c, const struct imp_cpu *in, size_t n,
		    struct mds_snapshot *s, struct mds_err *err)
{
	const struct imp_leaf *l0 = leaf(in, 0, 0), *l1 = leaf(in, 1, 0), *l7, *l1a;

	if (!l0)
		return cpu_err(err, n, "no CPUID leaf 0 (vendor): not a whole dump");
	if (!l1 || l0->eax < 1)
		return cpu_err(err, n, "no CPUID leaf 1 (signature)");
	c->cpu = n;
	c->online = true;
	c->have_cpuid = true;
	c->source = MDS_SRC_IMPORT;
	c->max_leaf = l0->eax;
	memcpy(c->vendor, &l0->ebx, 4);
	memcpy(c->vendor + 4, &l0->edx, 4);
	memcpy(c->vendor + 8, &l0->ecx, 4);
	c->vendor[12] = '\0';
	sanitize_text(c->vendor);
	c->signature = l1->eax;
	c->leaf1_ecx = l1->ecx;
	c->leaf1_edx = l1->edx;
	if (c->max_leaf >= 7) {
		if (!(l7 = leaf(in, 7, 0)))
			return cpu_err(err, n, "leaf 0 says leaf 7 exists, the dump lacks it");
		c->leaf7_ebx = l7->ebx;
		c->leaf7_ecx = l7->ecx;
		c->leaf7_edx = l7->edx;
	}
	if (c->max_leaf >= 0x1a && (l1a = leaf(in, 0x1a, 0)))
		c->leaf1a_eax = l1a->eax;
	else if (c->leaf7_edx & MDSCOPE_L7EDX_HYBRID)
		return cpu_err(err, n, "a hybrid CPU without leaf 0x1a (core type)");
	fill_msrs(c, in, n, s);
	return 0;
}

int imp_to_snapshot(const struct imp_dump *d, enum imp_format f, const char *file,
		    struct mds_snapshot *s, struct mds_err *err)
{
	int e = 0;

	if (!d->nr_cpus) {
		snprintf(err->msg, sizeof(err->msg), "the dump holds no CPU");
		return -EINVAL;
	}
	s->cpus = calloc(d->nr_cpus, sizeof(*s->cpus));
	if (!s->cpus)
		return -ENOMEM;
	for (size_t i = 0; i < d->nr_cpus && !e; i++)
		e = fill_cpu(&s->cpus[i], &d->cpu[i], i, s, err);
	if (e) {
		snapshot_free(s);
		return e;
	}
	s->nr_cpus = d->nr_cpus;
	s->source = s->collected_by = MDS_SRC_IMPORT;
	snprintf(s->origin.format, sizeof(s->origin.format), "%s", imp_format_name(f));
	snprintf(s->origin.file, sizeof(s->origin.file), "%s", file);
	sanitize_text(s->origin.file);
	snprintf(s->module_error, sizeof(s->module_error), "imported from a %s dump",
		 imp_format_name(f));
	s->kernel.smt.active = -1;
	snapshot_note(s, "imported: microcode, platform id, topology and the kernel's claims "
		      "are not in a %s dump", imp_format_name(f));
	return 0;
}
