// SPDX-License-Identifier: GPL-2.0
/*
 * What the printers show beside the verdicts, taken from the snapshot once:
 * each CPU's facts as read (cls_read), where the facts came from
 * (cls_origin) and the kernel's own words (cls_claims). The printers read
 * these and never the snapshot; strings point into it, so it must outlive
 * the result.
 */
#include <string.h>

#include "classify_int.h"

void cls_read_cpu(const struct mds_cpu *c, struct cls_read *o)
{
	*o = (struct cls_read){
		.have_cpuid = c->have_cpuid,
		.have_topology = c->have_topology,
		.have_ucode_cached = c->have_ucode_cached,
		.online = c->online,
		.hypervisor = c->leaf1_ecx & MDSCOPE_L1ECX_HYPERVISOR,
		.signature = c->signature,
		.package = c->package, .die = c->die, .core = c->core, .thread = c->thread,
		.microcode_cached = c->microcode_cached,
		.microcode = c->microcode, .platform_id = c->platform_id,
		.arch_cap = c->arch_cap, .tsx_ctrl = c->tsx_ctrl,
		.collected_by = c->source,
	};
	memcpy(o->vendor, c->vendor, sizeof(o->vendor));
	o->vendor[sizeof(o->vendor) - 1] = '\0';
}

static void origin(const struct mds_snapshot *s, struct cls_origin *o)
{
	*o = (struct cls_origin){
		.hostname = s->hostname,
		.time_ns = s->time_ns,
		.from_snapshot = s->source == MDS_SRC_SNAPSHOT,
		.collected_by = s->collected_by,
		.have_module = s->have_module,
		.module_version = s->module.version,
		.module_generation = s->module.generation,
		.module_error = s->module_error,
		.msr_driver = s->msr_driver,
		.import_file = s->origin.file,
		.import_format = s->origin.format,
		.notes = s->notes,
		.nr_notes = s->nr_notes,
	};
}

static void claims(const struct mds_snapshot *s, struct cls_claims *c)
{
	const struct mds_kernel *k = &s->kernel;

	c->release = k->release;
	c->files = k->vulns;
	c->nr_files = k->nr_vulns;
	for (int v = 0; v < VULN_NR; v++) {
		c->text[v] = snapshot_vuln(s, vuln_info[v].sysfs);
		c->claim[v] = k->claim[v];
	}
	c->smt = k->smt;
	c->cmdline = k->cmdline;
}

void cls_describe(const struct mds_snapshot *s, struct cls_result *r)
{
	origin(s, &r->origin);
	claims(s, &r->claims);
}
