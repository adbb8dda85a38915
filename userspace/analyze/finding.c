// SPDX-License-Identifier: GPL-2.0
/*
 * Building findings: the CPUs (and their sockets) a predicate selects, in
 * order; finding codes' names; the final order of findings (most severe
 * first). Shared by classify_findings.c and classify_advice.c. Pure, no I/O.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify_int.h"

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
	[CLS_F_MICROCODE_REBOOT_NEEDED] = "microcode_reboot_needed",
	[CLS_F_MICROCODE_INITRAMFS_STALE] = "microcode_initramfs_stale",
	[CLS_F_TOPOLOGY_UNKNOWN] = "topology_unknown",
};

const char *cls_code_name(enum cls_code c)
{
	return mds_name_of(code_names, CLS_F_NR, c);
}

/* u32 in decimal at p; its length. */
static int put_u32(char *p, uint32_t v)
{
	char tmp[10];
	int n = 0, len;

	do
		tmp[n++] = '0' + v % 10;
	while (v /= 10);
	for (len = n; n; )
		*p++ = tmp[--n];
	return len;
}

/* [","]a or [","]a-b, NUL-terminated; its length. */
static int put_range(char *p, bool comma, uint32_t a, uint32_t b)
{
	int len = 0;

	if (comma)
		p[len++] = ',';
	len += put_u32(p + len, a);
	if (b != a) {
		p[len++] = '-';
		len += put_u32(p + len, b);
	}
	p[len] = '\0';
	return len;
}

char *cls_cpulist(const uint32_t *cpus, size_t n, char *buf, size_t size)
{
	size_t off = 0;

	if (!size)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < n; ) {
		char item[24];	/* ",4294967295-4294967295" */
		size_t j = i;
		int len;

		while (j + 1 < n && cpus[j + 1] == cpus[j] + 1)
			j++;
		/* by hand: snprintf per item was a tenth of a fleet's analysis */
		len = put_range(item, off > 0, cpus[i], cpus[j]);
		if ((size_t)len < size - off)
			memcpy(buf + off, item, len + 1);
		/* keep room for ",..." unless this is the last range */
		if ((size_t)len >= size - off || (j + 1 < n && off + len + 5 > size)) {
			snprintf(buf + off, size - off, "%s", size - off >= 5 ? ",..." : "");
			break;
		}
		off += len;
		i = j + 1;
	}
	return buf;
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
	/* a kept empty finding has no arrays: never qsort(NULL, 0, ...) */
	if (f->nr_cpus > 1)
		qsort(f->cpus, f->nr_cpus, sizeof(*f->cpus), cmp_u32);
	if (f->nr_sockets > 1)
		qsort(f->sockets, f->nr_sockets, sizeof(*f->sockets), cmp_int);
	return f;
enomem:
	x->err = -ENOMEM;
	return NULL;
}

const char *cls_cpus(const struct cls_finding *f, char *buf, size_t size)
{
	int n = snprintf(buf, size, "%s ", f->nr_cpus == 1 ? "CPU" : "CPUs");

	if (n > 0 && (size_t)n < size)
		cls_cpulist(f->cpus, f->nr_cpus, buf + n, size - n);
	return buf;
}

bool cls_online(const struct cls_ctx *x, size_t i)
{
	return x->r->cpus[i].online;
}

static int finding_cmp(const void *pa, const void *pb)
{
	const struct cls_finding *a = pa, *b = pb;

	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	if (a->code != b->code)
		return (int)a->code - (int)b->code;
	return (int)a->vuln - (int)b->vuln;
}

void cls_sort_findings(struct cls_result *r)
{
	/* qsort is not stable: the comparison includes code and vuln, and
	 * same-code findings of one vulnerability keep no particular order. */
	if (r->nr_findings)
		qsort(r->findings, r->nr_findings, sizeof(*r->findings), finding_cmp);
}
