// SPDX-License-Identifier: GPL-2.0
/*
 * classify*.c over whole-host snapshot fixtures built in C: each case asserts
 * the exact per-CPU verdicts, the findings (code, vulnerability, CPUs) and
 * the exit status. Kernel-claim cases are in test_classify_kernel.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../userspace/analyze/classify.c"
#include "classify_check.h"

const char *prog = "mdscope";

/* ---- Skylake-SP (0x50654) ------------------------------------------- */

static void skylake_sp_without_md_clear(void **state)
{
	fx_host(NO_UCODE SMT_VULN, NO_UCODE SMT_VULN);
	fx_grid(1, 2, 2, skx_old);
	run();
	assert_all(CLS_V_MDS, "affected/no/no/none/exposed/vulnerable");
	assert_all(CLS_V_TAA, "affected/no/no/none/exposed/vulnerable");
	assert_true(R.cpus[0].v[VULN_MDS].why & CLS_WHY_NO_MD_CLEAR);
	assert_null(R.cpus[0].whitelist);
	assert_int_equal(R.cpus[0].ucode.state, UCODE_OLDER);
	assert_int_equal(R.kernel.verw, CLS_YES);	/* VMWERV still issues VERW */
	assert_int_equal(R.kernel.expect[VULN_MDS], MDS_KSTATE_VULNERABLE_NO_UCODE);
	for (int v = 0; v < CLS_MDS_NR_VARIANTS; v++)
		assert_int_equal(R.cpus[0].mds_variant[v], CLS_HW_AFFECTED);
	assert_string_equal(findings(),
			    "exposed_no_microcode:mds:0-3 exposed_no_microcode:taa:0-3 "
			    "microcode_pre_mds::0-3 microcode_update_available::0-3");
	assert_null(strstr(finding(CLS_F_EXPOSED_NO_MICROCODE, CLS_V_TAA)->next_step, "tsx=off"));
	assert_non_null(strstr(finding(CLS_F_MICROCODE_PRE_MDS, CLS_V_NONE)->message,
			       "older than 0x200005e"));
	assert_non_null(strstr(finding(CLS_F_MICROCODE_PRE_MDS, CLS_V_NONE)->next_step,
			       "0x2007006 or newer"));
	assert_int_equal(R.nr_sockets, 1);
	assert_int_equal(R.sockets[0].exposure[VULN_MDS], CLS_EXP_EXPOSED);
	assert_int_equal(R.sockets[0].ucode, UCODE_OLDER);
	assert_int_equal(R.nr_cores, 2);
	assert_int_equal(R.cores[1].online, 2);
	assert_int_equal(R.status, CLS_CRITICAL);
	assert_int_equal(R.exit_code, 2);
}

static void skylake_sp_md_clear_smt_on(void **state)
{
	fx_host(CLEAR SMT_VULN, CLEAR SMT_VULN);
	fx_grid(1, 2, 2, skx_new);
	run();
	assert_all(CLS_V_MDS, "affected/yes/yes/verw/mitigated/vulnerable");
	assert_all(CLS_V_TAA, "affected/yes/yes/verw/mitigated/vulnerable");
	assert_int_equal(R.cpus[0].ucode.state, UCODE_NEWER);
	assert_true(R.cpus[0].ucode.newer_exists);
	assert_string_equal(findings(), "smt_exposed:mds:0-3 smt_exposed:taa:0-3 "
			    "microcode_update_available::0-3");
	assert_int_equal(R.exposure[VULN_MDS], CLS_EXP_MITIGATED);
	assert_int_equal(R.exit_code, 1);
}

static void westmere(struct mds_cpu *c)
{
	c->signature = 0x206c2;		/* Westmere-EP: not in the 2019 MDS release */
	c->max_leaf = 0xb;
	fx_ucode(c, 0x1f, 0);
}

static void westmere_without_an_mds_release(void **state)
{
	fx_host(NO_UCODE "; SMT disabled", "Not affected");
	fx_grid(2, 1, 1, westmere);
	fx.kernel.smt.active = 0;
	run();
	assert_all(CLS_V_MDS, "affected/no/no/none/exposed/off");
	assert_all(CLS_V_TAA, "not_affected/no/no/none/not_affected/not_affected");
	assert_int_equal(R.cpus[0].ucode.state, UCODE_NO_ROW);
	assert_string_equal(findings(), "exposed_no_microcode:mds:0-1");
	assert_non_null(strstr(finding(CLS_F_EXPOSED_NO_MICROCODE, CLS_V_MDS)->next_step,
			       "no microcode for some of these signatures"));
	assert_int_equal(R.exit_code, 2);
}

/* ---- Cascade Lake (0x50657): MDS_NO, TSX ----------------------------- */

static void cascade_lake_tsx_on(void **state)
{
	fx_host("Not affected", CLEAR SMT_VULN);
	fx_grid(1, 2, 2, clx_tsx_on);
	run();
	assert_all(CLS_V_MDS, "not_affected/yes/no/none/not_affected/not_affected");
	assert_all(CLS_V_TAA, "affected/yes/yes/verw/mitigated/vulnerable");
	assert_true(R.cpus[0].v[VULN_MDS].why & CLS_WHY_MDS_NO);
	assert_true(R.cpus[0].v[VULN_TAA].why & CLS_WHY_FB_CLEAR_CAVEAT);
	assert_int_equal(R.cpus[0].ucode.state, UCODE_NEWER);
	assert_false(R.cpus[0].ucode.newer_exists);	/* 20250512 is the newest */
	assert_string_equal(findings(), "smt_exposed:taa:0-3");
	assert_int_equal(R.exit_code, 1);
}

static void clx_old_ucode(struct mds_cpu *c)
{
	clx_tsx_on(c);
	fx_arch_cap(c, AC_CLX);			/* 2019-05 microcode: no TSX_CTRL */
	c->tsx_ctrl.state = MDSCOPE_REG_STATE_NOT_ENUMERATED;
	fx_ucode(c, 0x05000021, 0);
}

static void cascade_lake_mds_no_without_tsx_ctrl(void **state)
{
	fx_host("Not affected", NO_UCODE SMT_VULN);
	fx_grid(1, 1, 2, clx_old_ucode);
	run();
	assert_all(CLS_V_TAA, "affected/no/no/none/exposed/vulnerable");
	assert_true(R.cpus[0].v[VULN_TAA].why & CLS_WHY_TAA_UCODE);
	assert_int_equal(R.cpus[0].ucode.state, UCODE_EQUAL);
	assert_int_equal(R.kernel.expect[VULN_TAA], MDS_KSTATE_VULNERABLE_NO_UCODE);
	assert_string_equal(findings(), "exposed_no_microcode:taa:0-1 microcode_update_available::0-1");
	assert_non_null(strstr(finding(CLS_F_EXPOSED_NO_MICROCODE, CLS_V_TAA)->message, "TSX_CTRL"));
	assert_int_equal(R.exit_code, 2);
}

static void cascade_lake_tsx_disabled(void **state)
{
	fx_host("Not affected", "Mitigation: TSX disabled");
	fx_grid(1, 2, 2, clx_tsx_off);
	run();
	assert_all(CLS_V_MDS, "not_affected/yes/no/none/not_affected/not_affected");
	assert_all(CLS_V_TAA, "affected/yes/yes/tsx_disabled/mitigated/not_affected");
	assert_int_equal(R.cpus[0].v[VULN_TAA].kernel_rule, CLS_HW_AFFECTED);	/* TSX_CTRL: hidden TSX counts */
	assert_int_equal(R.kernel.expect[VULN_TAA], MDS_KSTATE_TSX_DISABLED);
	assert_int_equal(R.kernel.verw, CLS_NO);
	assert_string_equal(findings(), "");
	assert_int_equal(R.exit_code, 0);
}

/* ---- Atoms ----------------------------------------------------------- */

static void silvermont(struct mds_cpu *c)
{
	c->signature = 0x30678;		/* Bay Trail, model 0x37 */
	fx_md_clear(c, true);
	fx_ucode(c, 0x838, 1);		/* platform 1: mask 0x02 row */
}

static void silvermont_msbds_only(void **state)
{
	fx_host(CLEAR "; SMT disabled", "Not affected");
	fx_grid(1, 4, 1, silvermont);
	run();
	assert_all(CLS_V_MDS, "msbds_only/yes/yes/verw/mitigated/off");
	assert_all(CLS_V_TAA, "not_affected/yes/no/none/not_affected/not_affected");
	assert_string_equal(R.cpus[0].whitelist->name, "ATOM_SILVERMONT");
	assert_int_equal(R.cpus[0].mds_variant[CLS_MSBDS], CLS_HW_AFFECTED);
	assert_int_equal(R.cpus[0].mds_variant[CLS_MFBDS], CLS_HW_NOT_AFFECTED);
	assert_int_equal(R.cpus[0].mds_variant[CLS_MLPDS], CLS_HW_NOT_AFFECTED);
	assert_int_equal(R.cpus[0].mds_variant[CLS_MDSUM], CLS_HW_NOT_AFFECTED);
	assert_int_equal(R.cpus[0].ucode.state, UCODE_EQUAL);
	assert_int_equal(R.kernel.rule[VULN_MDS], CLS_HW_MSBDS_ONLY);
	assert_string_equal(findings(), "");
	assert_int_equal(R.exit_code, 0);
}

static void knights_landing(struct mds_cpu *c)
{
	c->signature = 0x50671;		/* Xeon Phi KNL, 4 threads per core */
	fx_md_clear(c, true);
	fx_ucode(c, 0x1b6, 0);
}

static void xeon_phi_msbds_only_smt_mitigated(void **state)
{
	fx_host(CLEAR "; SMT mitigated", "Not affected");
	fx_grid(1, 2, 4, knights_landing);
	run();
	assert_all(CLS_V_MDS, "msbds_only/yes/yes/verw/mitigated/mitigated");
	assert_int_equal(R.cores[0].online, 4);
	assert_string_equal(findings(), "");	/* unknown signature for ucode: no advice */
	assert_int_equal(R.cpus[0].ucode.state, UCODE_NO_ROW);
	assert_int_equal(R.exit_code, 0);
}

static void goldmont(struct mds_cpu *c)
{
	c->signature = 0x506c9;		/* Apollo Lake, model 0x5c */
	fx_ucode(c, 0x36, 0);		/* older than the 2019-05 row, irrelevant here */
}

static void goldmont_not_affected(void **state)
{
	fx_host("Not affected", "Not affected");
	fx_grid(1, 4, 1, goldmont);
	run();
	assert_all(CLS_V_MDS, "not_affected/no/no/none/not_affected/not_affected");
	assert_all(CLS_V_TAA, "not_affected/no/no/none/not_affected/not_affected");
	assert_true(R.cpus[0].v[VULN_MDS].why & CLS_WHY_WHITELIST_NO_MDS);
	assert_int_equal(R.cpus[0].ucode.state, UCODE_OLDER);
	assert_string_equal(findings(), "microcode_update_available::0-3");
	assert_int_equal(R.exit_code, 0);
}

/* ---- other vendors --------------------------------------------------- */

static void amd_host(void **state)
{
	fx_host("Not affected", "Not affected");
	for (uint32_t i = 0; i < 4; i++) {
		struct mds_cpu *c = fx_cpu(i, 0, i / 2, i % 2, "AuthenticAMD", 0x800f12);

		fx_ucode(c, 0x8001250, 0);
		c->arch_cap.state = MDSCOPE_REG_STATE_NOT_APPLICABLE;
		c->platform_id.state = MDSCOPE_REG_STATE_NOT_APPLICABLE;
	}
	run();
	assert_all(CLS_V_MDS, "not_affected/no/no/none/not_affected/not_affected");
	assert_all(CLS_V_TAA, "not_affected/no/no/none/not_affected/not_affected");
	assert_int_equal(R.cpus[0].vendor, CPU_VENDOR_AMD);
	assert_int_equal(R.cpus[0].v[VULN_MDS].kernel_rule, CLS_HW_NOT_AFFECTED);	/* AMD row NO_MDS */
	assert_int_equal(R.cpus[0].ucode.state, UCODE_NO_ROW);
	assert_string_equal(findings(), "");
	assert_int_equal(R.exit_code, 0);
}

static void centaur_kernel_has_no_vendor_check(void **state)
{
	fx_host(NO_UCODE "; SMT disabled", "Not affected");
	for (uint32_t i = 0; i < 2; i++)
		fx_cpu(i, 0, i, 0, "CentaurHauls", 0x6f2);
	run();
	assert_int_equal(R.cpus[0].v[VULN_MDS].kernel_rule, CLS_HW_AFFECTED);
	assert_all(CLS_V_MDS, "not_affected/no/no/none/not_affected/not_affected");
	assert_int_equal(R.kernel.expect[VULN_MDS], MDS_KSTATE_VULNERABLE_NO_UCODE);
	assert_string_equal(findings(), "kernel_no_vendor_check:mds:0-1");
	assert_int_equal(R.exit_code, 0);
}

/* ---- a guest ---------------------------------------------------------- */

static void kvm_guest_skx(struct mds_cpu *c)
{
	c->signature = 0x50654;
	c->leaf1_ecx |= MDSCOPE_L1ECX_HYPERVISOR;
	fx_md_clear(c, true);
	fx_arch_cap(c, 1ull << 6);	/* KVM: PSCHANGE_MC_NO only, host has MDS */
	fx_ucode(c, 0x1, 0);		/* virtual revision */
}

static void guest_with_hypervisor_bit(void **state)
{
	fx_host(CLEAR "; SMT Host state unknown", "Not affected");
	fx_grid(1, 2, 1, kvm_guest_skx);
	run();
	assert_true(R.hypervisor);
	assert_int_equal(R.cpus[0].source, CLS_SRC_HYPERVISOR);
	assert_all(CLS_V_MDS, "affected/yes/yes/verw/mitigated/host_unknown");
	assert_all(CLS_V_TAA, "not_affected/yes/no/none/not_affected/not_affected");
	/* the virtual microcode revision gives no advice */
	assert_string_equal(findings(), "smt_host_unknown:mds:0-1");
	assert_int_equal(R.exit_code, 0);
}

static void kvm_guest_mds_no(struct mds_cpu *c)
{
	kvm_guest_skx(c);
	fx_arch_cap(c, (1ull << 6) | AC_MDS_NO);	/* synthesized by KVM */
}

static void guest_with_synthesized_mds_no(void **state)
{
	fx_host("Not affected", "Not affected");
	fx_grid(1, 2, 1, kvm_guest_mds_no);
	run();
	assert_all(CLS_V_MDS, "not_affected/yes/no/none/not_affected/not_affected");
	assert_string_equal(cls_source_name(R.cpus[1].source), "hypervisor");
	assert_int_equal(R.exit_code, 0);
}

/* A dump where CPUID.7.0:EDX[29] is clear but an MSR 0x10a value with MDS_NO
 * is present (KVM's synthetic MSR): the kernel never reads it; neither do we. */
static void kvm_arch_cap_not_enumerated(struct mds_cpu *c)
{
	kvm_guest_mds_no(c);
	c->leaf7_edx &= ~MDSCOPE_L7EDX_ARCH_CAP;
}

static void arch_cap_value_without_cpuid_bit_is_ignored(void **state)
{
	fx_host(CLEAR "; SMT Host state unknown", "Not affected");
	fx_grid(1, 2, 1, kvm_arch_cap_not_enumerated);
	run();
	assert_int_equal(R.cpus[0].arch_cap_known, CLS_YES);	/* known: 0, as the kernel has it */
	assert_int_equal(R.cpus[0].mds_no, CLS_NO);
	assert_all(CLS_V_MDS, "affected/yes/yes/verw/mitigated/host_unknown");
	assert_int_equal(R.kernel.rule[VULN_MDS], CLS_HW_AFFECTED);
}

/* ---- offline CPUs ---------------------------------------------------- */

static void offline_cpus(void **state)
{
	fx_host(CLEAR "; SMT disabled", CLEAR "; SMT disabled");
	fx_grid(1, 2, 2, skx_new);
	fx.cpus[2].online = false;			/* read before it went offline */
	fx.cpus[3] = (struct mds_cpu){ .cpu = 3 };	/* possible, never online */
	fx.kernel.smt.active = 0;
	run();
	assert_string_equal(verdict(0, CLS_V_MDS), "affected/yes/yes/verw/mitigated/off");
	assert_string_equal(verdict(1, CLS_V_MDS), "affected/yes/yes/verw/mitigated/off");
	assert_string_equal(verdict(3, CLS_V_MDS), "unknown/unknown/no/unknown/unknown/unknown");
	assert_true(R.cpus[2].v[VULN_MDS].why & CLS_WHY_OFFLINE);
	assert_int_equal(R.nr_cores, 2);
	assert_int_equal(R.cores[0].threads, 2);
	assert_int_equal(R.cores[0].online, 1);
	assert_int_equal(R.sockets[0].cpus, 3);
	assert_int_equal(R.sockets[0].online, 2);
	assert_string_equal(findings(), "microcode_update_available::0-1 cpus_offline::2-3");
	assert_string_equal(finding(CLS_F_OFFLINE, CLS_V_NONE)->message,
			    "CPUs 2-3 are offline: they run nothing now and are not counted in the verdict");
	assert_true(!strncmp(finding(CLS_F_MICROCODE_AVAILABLE, CLS_V_NONE)->message,
			     "CPUs 0-1 run microcode older than ", 34));
	assert_int_equal(R.exit_code, 0);
}

/* One CPU reads as one: "CPU 3 is", not "CPUs 3 are". */
static void one_offline_cpu(void **state)
{
	fx_host(CLEAR "; SMT disabled", CLEAR "; SMT disabled");
	fx_grid(1, 2, 2, skx_new);
	fx.cpus[3].online = false;
	fx.kernel.smt.active = 0;
	run();
	assert_string_equal(finding(CLS_F_OFFLINE, CLS_V_NONE)->message,
			    "CPU 3 is offline: it runs nothing now and is not counted in the verdict");
	assert_true(!strncmp(finding(CLS_F_OFFLINE, CLS_V_NONE)->next_step, "Judge it after bringing it online", 33));
}

/* ---- mixed sockets --------------------------------------------------- */

static void skx_socket1_old(struct mds_cpu *c)
{
	if (c->package == 1)
		skx_old(c);
	else
		skx_new(c);
}

static void mixed_microcode_between_sockets(void **state)
{
	fx_host(CLEAR "; SMT disabled", CLEAR "; SMT disabled");
	fx_grid(2, 2, 1, skx_socket1_old);
	fx.kernel.smt.active = 0;
	run();
	assert_string_equal(verdict(0, CLS_V_MDS), "affected/yes/yes/verw/mitigated/off");
	assert_string_equal(verdict(2, CLS_V_MDS), "affected/no/no/none/exposed/off");
	assert_int_equal(R.nr_sockets, 2);
	assert_int_equal(R.sockets[0].exposure[VULN_MDS], CLS_EXP_MITIGATED);
	assert_int_equal(R.sockets[1].exposure[VULN_MDS], CLS_EXP_EXPOSED);
	assert_int_equal(R.sockets[0].mixed, 0);
	assert_int_equal(R.sockets[1].differs, CLS_MIXED_MICROCODE | CLS_MIXED_MD_CLEAR);
	assert_int_equal(R.sockets[1].microcode, 0x0200005a);
	assert_string_equal(findings(),
			    "exposed_no_microcode:mds:2-3 exposed_no_microcode:taa:2-3 "
			    "sysfs_mitigation_without_md_clear:mds:2-3 "
			    "sysfs_mitigation_without_md_clear:taa:2-3 "
			    "microcode_pre_mds::2-3 mixed_microcode::0-3 mixed_md_clear::0-3 "
			    "microcode_update_available::0-3");
	assert_int_equal(finding(CLS_F_MIXED_MICROCODE, CLS_V_NONE)->nr_sockets, 2);
	assert_non_null(strstr(finding(CLS_F_MIXED_MICROCODE, CLS_V_NONE)->message,
			       "socket 1: 0x200005a"));
	assert_int_equal(R.exit_code, 2);
}

static void microcode_mixed_inside_a_socket(void **state)
{
	fx_host(CLEAR "; SMT disabled", CLEAR "; SMT disabled");
	fx_grid(1, 2, 1, skx_new);
	fx.kernel.smt.active = 0;
	fx_ucode(&fx.cpus[0], 0x02007006, 0);
	fx_ucode(&fx.cpus[1], 0x02006f05, 0);
	run();
	assert_int_equal(R.sockets[0].mixed, CLS_MIXED_MICROCODE);
	assert_int_equal(R.sockets[0].differs, 0);
	assert_string_equal(findings(), "mixed_microcode::0-1 microcode_update_available::1");
	assert_non_null(strstr(finding(CLS_F_MICROCODE_AVAILABLE, CLS_V_NONE)->message,
			       "CPU 1 runs microcode older than 0x"));
	assert_non_null(strstr(finding(CLS_F_MICROCODE_AVAILABLE, CLS_V_NONE)->message,
			       ", the newest Intel release for it (microcode-"));
	assert_non_null(strstr(finding(CLS_F_MIXED_MICROCODE, CLS_V_NONE)->message,
			       "inside a socket: socket 0: 0x2007006 (mixed inside)"));
	assert_int_equal(R.exit_code, 1);
}

static void clx_boot_skx_other(struct mds_cpu *c)
{
	if (c->package == 0) {
		clx_tsx_off(c);
	} else {
		skx_new(c);
	}
}

static void boot_cpu_not_affected_other_socket_affected(void **state)
{
	fx_host("Not affected", "Mitigation: TSX disabled");
	fx_grid(2, 1, 1, clx_boot_skx_other);
	fx.kernel.smt.active = 0;
	run();
	assert_int_equal(R.kernel.bsp, 0);
	assert_int_equal(R.kernel.rule[VULN_MDS], CLS_HW_NOT_AFFECTED);
	assert_string_equal(verdict(0, CLS_V_MDS), "not_affected/yes/no/none/not_affected/not_affected");
	assert_string_equal(verdict(1, CLS_V_MDS), "affected/yes/no/none/exposed/off");
	assert_true(R.cpus[1].v[VULN_MDS].why & CLS_WHY_KERNEL_NOT_AFFECTED);
	/* socket 1's TSX is on although the kernel says "TSX disabled" */
	assert_string_equal(verdict(1, CLS_V_TAA), "affected/yes/no/none/exposed/off");
	assert_string_equal(findings(),
			    "exposed_kernel_off:taa:1 exposed_kernel_not_affected:mds:1 "
			    "sysfs_not_affected_but_cpu_affected:mds:1 "
			    "mixed_signature::0-1 mixed_microcode::0-1 mixed_arch_cap::0-1 "
			    "microcode_update_available::1");
	assert_int_equal(R.sockets[1].differs,
			 CLS_MIXED_SIGNATURE | CLS_MIXED_MICROCODE | CLS_MIXED_ARCH_CAP);
	assert_int_equal(R.exit_code, 2);
}

static void empty_snapshot_is_einval(void **state)
{
	snapshot_free(&fx);
	snapshot_init(&fx);
	cls_result_free(&R);
	assert_int_equal(classify_snapshot(&fx, &R), -EINVAL);
	assert_null(R.cpus);
}

static void cpulist_and_names(void **state)
{
	static const uint32_t cpus[] = { 0, 1, 2, 3, 8, 10, 11, 40 };
	char buf[64], small[12];

	assert_string_equal(cls_cpulist(cpus, 8, buf, sizeof(buf)), "0-3,8,10-11,40");
	assert_string_equal(cls_cpulist(cpus, 0, buf, sizeof(buf)), "");
	assert_string_equal(cls_cpulist(cpus, 8, small, sizeof(small)), "0-3,8,...");
	{
		const uint32_t ends[] = { 0, 9, 10, 99, 4294967294u, 4294967295u };

		assert_string_equal(cls_cpulist(ends, 6, buf, sizeof(buf)),
				    "0,9-10,99,4294967294-4294967295");
	}
	assert_string_equal(cls_hw_name(CLS_HW_MSBDS_ONLY), "msbds_only");
	assert_string_equal(cls_hw_name(CLS_HW_NOT_AFFECTED), "not_affected");
	assert_string_equal(cls_hw_name((enum cls_hw)42), "unknown");
	assert_string_equal(cls_exposure_name(CLS_EXP_EXPOSED), "exposed");
	assert_string_equal(cls_exposure_name(CLS_EXP_MITIGATED), "mitigated");
	assert_string_equal(cls_status_name(CLS_CRITICAL), "critical");
	assert_string_equal(cls_smt_name(CLS_SMT_HOST_UNKNOWN), "host_unknown");
	assert_string_equal(cls_variant_name(CLS_MDSUM), "mdsum");
	assert_string_equal(cls_code_name(CLS_F_SYSFS_NOT_AFFECTED), "sysfs_not_affected_but_cpu_affected");
	assert_string_equal(cls_code_name(CLS_F_NR), "unknown");
	for (int c = 0; c < CLS_F_NR; c++)
		assert_non_null(cls_code_name(c));
	assert_string_equal(cls_why_str(CLS_WHY_MDS_NO | CLS_WHY_OFFLINE, buf, sizeof(buf)), "mds_no,offline");
	assert_string_equal(cls_why_str(CLS_WHY_NO_CPUID | CLS_WHY_ARCH_CAP_UNKNOWN, small, sizeof(small)), "no_cpuid");
	assert_int_equal(cls_exposure_worst(CLS_EXP_UNKNOWN, CLS_EXP_MITIGATED), CLS_EXP_UNKNOWN);
	assert_int_equal(cls_exposure_worst(CLS_EXP_UNKNOWN, CLS_EXP_EXPOSED), CLS_EXP_EXPOSED);
	assert_int_equal(cls_exposure_worst(CLS_EXP_NOT_AFFECTED, CLS_EXP_MITIGATED), CLS_EXP_MITIGATED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(skylake_sp_without_md_clear, teardown),
		cmocka_unit_test_teardown(skylake_sp_md_clear_smt_on, teardown),
		cmocka_unit_test_teardown(westmere_without_an_mds_release, teardown),
		cmocka_unit_test_teardown(cascade_lake_tsx_on, teardown),
		cmocka_unit_test_teardown(cascade_lake_mds_no_without_tsx_ctrl, teardown),
		cmocka_unit_test_teardown(cascade_lake_tsx_disabled, teardown),
		cmocka_unit_test_teardown(silvermont_msbds_only, teardown),
		cmocka_unit_test_teardown(xeon_phi_msbds_only_smt_mitigated, teardown),
		cmocka_unit_test_teardown(goldmont_not_affected, teardown),
		cmocka_unit_test_teardown(amd_host, teardown),
		cmocka_unit_test_teardown(centaur_kernel_has_no_vendor_check, teardown),
		cmocka_unit_test_teardown(guest_with_hypervisor_bit, teardown),
		cmocka_unit_test_teardown(guest_with_synthesized_mds_no, teardown),
		cmocka_unit_test_teardown(arch_cap_value_without_cpuid_bit_is_ignored, teardown),
		cmocka_unit_test_teardown(offline_cpus, teardown),
		cmocka_unit_test_teardown(one_offline_cpu, teardown),
		cmocka_unit_test_teardown(mixed_microcode_between_sockets, teardown),
		cmocka_unit_test_teardown(microcode_mixed_inside_a_socket, teardown),
		cmocka_unit_test_teardown(boot_cpu_not_affected_other_socket_affected, teardown),
		cmocka_unit_test_teardown(empty_snapshot_is_einval, teardown),
		cmocka_unit_test(cpulist_and_names),
	};

	return cmocka_run_group_tests_name("classify", tests, NULL, NULL);
}
