/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Snapshot fixtures for the analyzer tests, built in C: a host with the
 * kernel's claims (real sysfs lines, parsed by the report's parser) and a
 * grid of CPUs whose facts a per-package callback sets.
 */
#ifndef MDSCOPE_CLASSIFY_FX_H
#define MDSCOPE_CLASSIFY_FX_H

#include <stdlib.h>
#include <string.h>

#include "snapshot.h"

/* Short names for the shared bits (module/x86_defs.h). */
#define AC_MDS_NO	MDSCOPE_AC_MDS_NO
#define AC_TSX_CTRL	MDSCOPE_AC_TSX_CTRL_MSR
#define AC_TAA_NO	MDSCOPE_AC_TAA_NO
#define AC_FB_CLEAR	MDSCOPE_AC_FB_CLEAR
#define AC_CLX		(MDSCOPE_AC_RDCL_NO | MDSCOPE_AC_IBRS_ALL | \
			 MDSCOPE_AC_SKIP_L1DFL_VMENTRY | MDSCOPE_AC_MDS_NO)

static struct mds_snapshot fx;

static inline void fx_vuln(const char *name, const char *text)
{
	struct mds_vuln_file *v = &fx.kernel.vulns[fx.kernel.nr_vulns++];
	struct mds_kclaim *k = NULL;
	struct mds_err err;
	int id = -1;

	for (int i = 0; i < VULN_NR; i++)
		if (!strcmp(name, vuln_info[i].sysfs))
			id = i, k = &fx.kernel.claim[i];

	snprintf(v->name, sizeof(v->name), "%s", name);
	snprintf(v->text, sizeof(v->text), "%s", text);
	if (k && parse_vuln_claim(id, text, k, &err)) {
		fprintf(stderr, "fixture: %s: %s\n", text, err.msg);
		abort();
	}
}

/* A fresh host. mds/taa NULL: the kernel has no such file (too old). */
static inline void fx_host(const char *mds, const char *taa)
{
	snapshot_free(&fx);
	snapshot_init(&fx);
	snprintf(fx.kernel.release, sizeof(fx.kernel.release), "6.1.0-test");
	fx.source = fx.collected_by = MDS_SRC_MODULE;
	fx.have_module = true;
	fx_vuln("meltdown", "Not affected");
	fx_vuln("spectre_v2", "Mitigation: Retpolines");
	if (mds)
		fx_vuln("mds", mds);
	if (taa)
		fx_vuln("tsx_async_abort", taa);
}

static inline struct mds_cpu *fx_cpu(uint32_t cpu, uint32_t pkg, uint32_t core, uint32_t thread,
			      const char *vendor, uint32_t sig)
{
	struct mds_cpu *c;

	fx.cpus = realloc(fx.cpus, (fx.nr_cpus + 1) * sizeof(*fx.cpus));
	if (!fx.cpus)
		abort();
	c = &fx.cpus[fx.nr_cpus++];
	*c = (struct mds_cpu){
		.cpu = cpu, .online = true, .have_cpuid = true, .have_topology = true,
		.source = MDS_SRC_MODULE, .max_leaf = 0x16, .signature = sig,
		.package = pkg, .core = core, .thread = thread, .apic_id = cpu,
		.arch_cap = { MDSCOPE_REG_STATE_NOT_ENUMERATED, 0, 0 },
		.tsx_ctrl = { MDSCOPE_REG_STATE_NOT_ENUMERATED, 0, 0 },
		.microcode = { MDSCOPE_REG_STATE_OK, 0, 0 },
		.platform_id = { MDSCOPE_REG_STATE_OK, 0, 0 },
	};
	snprintf(c->vendor, sizeof(c->vendor), "%s", vendor);
	return c;
}

/* MD_CLEAR microcode (2019) always came after L1D_FLUSH (2018): on sets both. */
static inline void fx_md_clear(struct mds_cpu *c, bool on)
{
	if (on)
		c->leaf7_edx |= MDSCOPE_L7EDX_MD_CLEAR | MDSCOPE_L7EDX_FLUSH_L1D;
	else
		c->leaf7_edx &= ~MDSCOPE_L7EDX_MD_CLEAR;
}

static inline void fx_rtm(struct mds_cpu *c, bool on)
{
	if (on)
		c->leaf7_ebx |= MDSCOPE_L7EBX_RTM | MDSCOPE_L7EBX_HLE;
	else
		c->leaf7_ebx &= ~(MDSCOPE_L7EBX_RTM | MDSCOPE_L7EBX_HLE);
}

static inline void fx_arch_cap(struct mds_cpu *c, uint64_t val)
{
	c->leaf7_edx |= MDSCOPE_L7EDX_ARCH_CAP;
	c->arch_cap = (struct mds_reg){ MDSCOPE_REG_STATE_OK, val, 0 };
	if (val & AC_TSX_CTRL)
		c->tsx_ctrl = (struct mds_reg){ MDSCOPE_REG_STATE_OK, 0, 0 };
}

static inline void fx_ucode(struct mds_cpu *c, uint32_t rev, uint32_t platform)
{
	c->microcode = (struct mds_reg){ MDSCOPE_REG_STATE_OK, rev, 0 };
	c->platform_id = (struct mds_reg){ MDSCOPE_REG_STATE_OK, platform, 0 };
	c->have_ucode_cached = true;
	c->microcode_cached = rev;
}

/*
 * sockets x cores x threads CPUs numbered as Linux does on Intel (all first
 * threads, then all second threads); setup(c) fills each CPU's facts.
 */
static inline void fx_grid(uint32_t sockets, uint32_t cores, uint32_t threads,
		    void (*setup)(struct mds_cpu *c))
{
	uint32_t cpu = 0;

	for (uint32_t t = 0; t < threads; t++)
		for (uint32_t p = 0; p < sockets; p++)
			for (uint32_t k = 0; k < cores; k++)
				setup(fx_cpu(cpu++, p, k, t, "GenuineIntel", 0));
	fx.kernel.smt.active = threads > 1;
}

#define SMT_VULN "; SMT vulnerable"
#define CLEAR "Mitigation: Clear CPU buffers"
#define NO_UCODE "Vulnerable: Clear CPU buffers attempted, no microcode"

/* CPUs several tests share. */
static inline void skx_old(struct mds_cpu *c)
{
	c->signature = 0x50654;			/* Skylake-SP */
	fx_rtm(c, true);
	fx_ucode(c, 0x0200005a, 0);		/* pre-MDS (20190312) */
}

static inline void skx_new(struct mds_cpu *c)
{
	skx_old(c);
	fx_md_clear(c, true);
	fx_ucode(c, 0x02006e05, 0);
}

static inline void clx_tsx_on(struct mds_cpu *c)
{
	c->signature = 0x50657;			/* Cascade Lake */
	fx_rtm(c, true);
	fx_md_clear(c, true);
	fx_arch_cap(c, AC_CLX | AC_TSX_CTRL);
	fx_ucode(c, 0x05003901, 0);
}

static inline void clx_tsx_off(struct mds_cpu *c)
{
	clx_tsx_on(c);
	fx_rtm(c, false);			/* tsx=off: CPUID hides RTM ... */
	c->tsx_ctrl.value = 3;			/* ... RTM_DISABLE | TSX_CPUID_CLEAR */
}

#endif
