// SPDX-License-Identifier: GPL-2.0
/*
 * The analyzer's MMIO Stale Data and RFDS rows, by the kernel's rules
 * (userspace/gen/data/kernel-vuln-table.csv, first matching row wins):
 * MMIO affected by a blacklist row unless all three ARCH_CAP "_NO" bits are
 * set, "unknown" outside both tables, mitigated by FB_CLEAR or by MD_CLEAR
 * with L1D_FLUSH on an MDS-affected part; RFDS_NO trumps, RFDS_CLEAR says
 * affected, else the blacklist by each CPU's own core type (hybrid E-cores
 * affected, P-cores not), mitigated by RFDS_CLEAR; and --vuln selection.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>

#include "cmdline.h"
#include "classify_check.h"
#include "rules.h"

const char *prog = "mdscope";

#define MMIO_NO (MDSCOPE_AC_SBDR_SSDP_NO | MDSCOPE_AC_FBSDP_NO | MDSCOPE_AC_PSDP_NO)
#define SMT_OFF "; SMT disabled"

/* A host of the four vulnerabilities' files; NULL leaves a file out. */
static void host4(const char *mds, const char *taa, const char *mmio, const char *rfds)
{
	fx_host(mds, taa);
	if (mmio)
		fx_vuln("mmio_stale_data", mmio);
	if (rfds)
		fx_vuln("reg_file_data_sampling", rfds);
	run_vulns = VULN_ALL;
}

static void run4(void)
{
	run_vulns = VULN_ALL;
	run();
}

/* Ice Lake-SP (ICELAKE_X: blacklist MMIO), MDS_NO and TAA_NO, with or without FB_CLEAR. */
static uint64_t icx_ac;

static void icx(struct mds_cpu *c)
{
	c->signature = 0x606a6;
	fx_md_clear(c, true);
	c->leaf7_edx |= MDSCOPE_L7EDX_FLUSH_L1D;
	fx_arch_cap(c, icx_ac);
	fx_ucode(c, 0x0d0003e7, 0);
}

static void mmio_fb_clear_mitigates(void **state)
{
	host4("Not affected", "Not affected", CLEAR SMT_OFF, "Not affected");
	icx_ac = AC_MDS_NO | AC_TAA_NO | AC_FB_CLEAR;
	fx_grid(1, 2, 1, icx);
	run4();
	assert_all(CLS_V_MMIO, "affected/yes/yes/verw/mitigated/off");
	assert_all(CLS_V_MDS, "not_affected/yes/no/none/not_affected/not_affected");
	assert_int_equal(R.kernel.expect[VULN_MMIO], MDS_KSTATE_MITIGATION_VERW);
	assert_int_equal(R.exposure[VULN_MMIO], CLS_EXP_MITIGATED);
	assert_int_equal(R.sockets[0].hw[VULN_MMIO], CLS_HW_AFFECTED);
	assert_null(finding(CLS_F_EXPOSED_NO_MICROCODE, CLS_V_MMIO));
}

/* MDS_NO without FB_CLEAR: MD_CLEAR + L1D_FLUSH does not count (not an MDS part). */
static void mmio_mds_no_without_fb_clear_is_exposed(void **state)
{
	host4("Not affected", "Not affected", NO_UCODE SMT_OFF, "Not affected");
	icx_ac = AC_MDS_NO | AC_TAA_NO;
	fx_grid(1, 2, 1, icx);
	run4();
	assert_all(CLS_V_MMIO, "affected/no/no/none/exposed/off");
	assert_true(R.cpus[0].v[VULN_MMIO].why & CLS_WHY_NO_FB_CLEAR);
	assert_non_null(finding(CLS_F_EXPOSED_NO_MICROCODE, CLS_V_MMIO));
	assert_int_equal(R.kernel.expect[VULN_MMIO], MDS_KSTATE_VULNERABLE_NO_UCODE);
	assert_null(finding(CLS_F_KERNEL_STALE, CLS_V_MMIO));
	assert_int_equal(R.exit_code, 2);
}

/* Skylake-SP (MDS-affected): MD_CLEAR with L1D_FLUSH is the MMIO microcode; without L1D_FLUSH it is not. */
static bool skx_l1d;

static void skx_mdclear(struct mds_cpu *c)
{
	skx_new(c);
	if (!skx_l1d)
		c->leaf7_edx &= ~MDSCOPE_L7EDX_FLUSH_L1D;
}

static void mmio_md_clear_with_l1d_flush_on_mds_part(void **state)
{
	host4(CLEAR SMT_OFF, CLEAR SMT_OFF, CLEAR SMT_OFF, "Not affected");
	skx_l1d = true;
	fx_grid(1, 2, 1, skx_mdclear);
	run4();
	assert_all(CLS_V_MMIO, "affected/yes/yes/verw/mitigated/off");

	host4(CLEAR SMT_OFF, CLEAR SMT_OFF, CLEAR SMT_OFF, "Not affected");
	skx_l1d = false;
	fx_grid(1, 2, 1, skx_mdclear);
	run4();
	assert_all(CLS_V_MMIO, "affected/no/no/none/exposed/off");
	/* the kernel's own rule on cpu0 gives "no microcode": its VERW claim is stale */
	assert_non_null(finding(CLS_F_KERNEL_STALE, CLS_V_MMIO));
	assert_non_null(finding(CLS_F_SYSFS_MITIGATED_NO_MD_CLEAR, CLS_V_MMIO));
}

/* All three "_NO" bits make a blacklisted part immune; two are not enough. */
static void mmio_immune_needs_all_three_bits(void **state)
{
	host4("Not affected", "Not affected", "Not affected", "Not affected");
	icx_ac = AC_MDS_NO | AC_TAA_NO | MMIO_NO;
	fx_grid(1, 2, 1, icx);
	run4();
	assert_all(CLS_V_MMIO, "not_affected/no/no/none/not_affected/not_affected");
	assert_true(R.cpus[0].v[VULN_MMIO].why & CLS_WHY_MMIO_NO);

	host4("Not affected", "Not affected", "Not affected", "Not affected");
	icx_ac = AC_MDS_NO | AC_TAA_NO | MDSCOPE_AC_SBDR_SSDP_NO | MDSCOPE_AC_FBSDP_NO;
	fx_grid(1, 2, 1, icx);
	run4();
	assert_int_equal(R.cpus[0].v[VULN_MMIO].hw, CLS_HW_AFFECTED);
	/* sysfs says "Not affected" while the CPUs are: the kernel is misjudging */
	assert_non_null(finding(CLS_F_SYSFS_NOT_AFFECTED, CLS_V_MMIO));
	assert_non_null(finding(CLS_F_KERNEL_STALE, CLS_V_MMIO));
}

/* Sandy Bridge-EP: neither a MMIO blacklist row nor NO_MMIO: the kernel's "Unknown". */
static void snb(struct mds_cpu *c)
{
	c->signature = 0x206d7;
	fx_md_clear(c, true);
	c->leaf7_edx |= MDSCOPE_L7EDX_FLUSH_L1D;
	fx_ucode(c, 0x71a, 0);
}

static void mmio_outside_the_tables_is_unknown(void **state)
{
	host4(CLEAR SMT_OFF, "Not affected", "Unknown: No mitigations", "Not affected");
	fx_grid(1, 2, 1, snb);
	run4();
	assert_int_equal(R.cpus[0].v[VULN_MMIO].hw, CLS_HW_UNKNOWN);
	assert_true(R.cpus[0].v[VULN_MMIO].why & CLS_WHY_NOT_IN_TABLE);
	assert_int_equal(R.exposure[VULN_MMIO], CLS_EXP_UNKNOWN);
	assert_int_equal(R.kernel.expect[VULN_MMIO], MDS_KSTATE_UNKNOWN);
	assert_non_null(finding(CLS_F_UNKNOWN, CLS_V_MMIO));
	assert_null(finding(CLS_F_KERNEL_STALE, CLS_V_MMIO));
	assert_int_equal(R.exit_code, 3);	/* unknown never passes as ok */
	/* judged without MMIO, the same host is ok for MDS alone */
	run_vulns = 1u << VULN_MDS;
	run();
	assert_null(finding(CLS_F_UNKNOWN, CLS_V_MMIO));
	assert_int_not_equal(R.exit_code, 3);
}

/* Alder Lake: hybrid; the ATOM-type row (E-cores) has RFDS, the plain row (P-cores) not. */
static uint64_t adl_ac;

static void adl(struct mds_cpu *c)
{
	c->signature = 0x90672;
	c->leaf7_edx |= MDSCOPE_L7EDX_HYBRID | MDSCOPE_L7EDX_FLUSH_L1D;
	/* cores 0-1 P-cores, cores 2-3 E-cores */
	c->leaf1a_eax = (c->core < 2 ? MDSCOPE_CORE_TYPE_CORE : MDSCOPE_CORE_TYPE_ATOM)
			<< MDSCOPE_CORE_TYPE_SHIFT;
	fx_md_clear(c, true);
	fx_arch_cap(c, adl_ac);
	fx_ucode(c, 0x32, 0);
}

static void rfds_hybrid_e_cores_only(void **state)
{
	host4("Not affected", "Not affected", "Not affected", "Vulnerable: No microcode");
	adl_ac = AC_MDS_NO | AC_TAA_NO | MMIO_NO;
	fx_grid(1, 4, 1, adl);
	run4();
	for (size_t i = 0; i < R.nr_cpus; i++) {
		const struct cls_cpu *c = &R.cpus[i];

		if (c->core < 2) {
			assert_int_equal(c->v[VULN_RFDS].hw, CLS_HW_NOT_AFFECTED);
		} else {
			assert_int_equal(c->v[VULN_RFDS].hw, CLS_HW_AFFECTED);
			assert_true(c->v[VULN_RFDS].why & CLS_WHY_E_CORE);
			assert_int_equal(c->v[VULN_RFDS].exposure, CLS_EXP_EXPOSED);
			assert_true(c->v[VULN_RFDS].why & CLS_WHY_NO_RFDS_CLEAR);
		}
	}
	assert_int_equal(R.sockets[0].hw[VULN_RFDS], CLS_HW_MIXED);
	assert_string_equal(finding(CLS_F_EXPOSED_NO_MICROCODE, CLS_V_RFDS) ?
			    cls_cpulist(finding(CLS_F_EXPOSED_NO_MICROCODE, CLS_V_RFDS)->cpus,
					finding(CLS_F_EXPOSED_NO_MICROCODE, CLS_V_RFDS)->nr_cpus,
					(char[32]){ 0 }, 32) : "", "2-3");
	/* cpu0 is a P-core: the kernel (boot CPU only) would say "Not affected" */
	assert_int_equal(R.kernel.expect[VULN_RFDS], MDS_KSTATE_NOT_AFFECTED);
	assert_non_null(finding(CLS_F_KERNEL_STALE, CLS_V_RFDS));
	assert_int_equal(R.exit_code, 2);
}

/* RFDS_CLEAR: affected (a VMM says so) and mitigated; RFDS_NO trumps it. */
static void rfds_clear_and_rfds_no(void **state)
{
	host4("Not affected", "Not affected", "Not affected", "Mitigation: Clear Register File");
	adl_ac = AC_MDS_NO | AC_TAA_NO | MMIO_NO | MDSCOPE_AC_RFDS_CLEAR;
	fx_grid(1, 4, 1, adl);
	run4();
	assert_all(CLS_V_RFDS, "affected/yes/yes/verw/mitigated/off");
	assert_int_equal(R.kernel.expect[VULN_RFDS], MDS_KSTATE_MITIGATION_CLEAR_REGFILE);
	assert_int_equal(R.kernel.verw, CLS_YES);
	assert_int_equal(R.exit_code, 0);

	host4("Not affected", "Not affected", "Not affected", "Not affected");
	adl_ac = AC_MDS_NO | AC_TAA_NO | MMIO_NO | MDSCOPE_AC_RFDS_CLEAR | MDSCOPE_AC_RFDS_NO;
	fx_grid(1, 4, 1, adl);
	run4();
	assert_all(CLS_V_RFDS, "not_affected/yes/no/none/not_affected/not_affected");
	assert_true(R.cpus[3].v[VULN_RFDS].why & CLS_WHY_RFDS_NO);
}

/* reg_file_data_sampling=off on the command line: exposed, the reason named. */
static void rfds_switched_off(void **state)
{
	host4("Not affected", "Not affected", "Not affected", "Vulnerable");
	parse_cmdline("BOOT_IMAGE=/vmlinuz reg_file_data_sampling=off", &fx.kernel.cmdline, NULL);
	adl_ac = AC_MDS_NO | AC_TAA_NO | MMIO_NO | MDSCOPE_AC_RFDS_CLEAR;
	fx_grid(1, 4, 1, adl);
	run4();
	assert_true(R.kernel.off[VULN_RFDS]);
	assert_int_equal(R.kernel.verw, CLS_NO);
	assert_int_equal(R.cpus[0].v[VULN_RFDS].exposure, CLS_EXP_EXPOSED);
	assert_non_null(finding(CLS_F_EXPOSED_KERNEL_OFF, CLS_V_RFDS));
	assert_non_null(strstr(finding(CLS_F_EXPOSED_KERNEL_OFF, CLS_V_RFDS)->next_step,
			       "reg_file_data_sampling=off"));
}

/* A kernel without the newer files: exposure from the hardware, the kernel named too old. */
static void kernel_without_mmio_file(void **state)
{
	host4(CLEAR SMT_OFF, CLEAR SMT_OFF, NULL, NULL);
	skx_l1d = true;
	fx_grid(1, 2, 1, skx_mdclear);
	run4();
	/* VERW runs for MDS; the microcode makes it clear MMIO's buffers too */
	assert_all(CLS_V_MMIO, "affected/yes/yes/verw/mitigated/off");
	assert_non_null(finding(CLS_F_KERNEL_UNAWARE, CLS_V_MMIO));
	assert_int_equal(finding(CLS_F_KERNEL_UNAWARE, CLS_V_MMIO)->severity, CLS_SEV_WARNING);
	assert_int_equal(finding(CLS_F_KERNEL_UNAWARE, CLS_V_RFDS)->severity, CLS_SEV_INFO);
}

/* Every vulnerability is one row: names, files and rules line up by id. */
static void rows_line_up(void **state)
{
	unsigned int mask;
	struct mds_err err;

	for (int v = 0; v < VULN_NR; v++) {
		assert_int_equal(vuln_from_key(vuln_info[v].key), v);
		assert_non_null(vuln_rules[v].hw);
		assert_non_null(vuln_rules[v].works);
		assert_non_null(vuln_rules[v].expect);
		assert_string_equal(cls_vuln_name(CLS_V(v)), vuln_info[v].key);
	}
	assert_int_equal(vuln_parse_mask("mds,rfds", &mask, &err), 0);
	assert_int_equal(mask, (1u << VULN_MDS) | (1u << VULN_RFDS));
	assert_int_equal(vuln_parse_mask("mds,gds", &mask, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "'gds'"));
	assert_int_equal(vuln_parse_mask("mds,", &mask, &err), -EINVAL);
	assert_int_equal(vuln_parse_mask("", &mask, &err), -EINVAL);
	assert_int_equal(cls_vulns_fixed_by("md-clear"),
			 (1u << VULN_MDS) | (1u << VULN_TAA) | (1u << VULN_MMIO));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(mmio_fb_clear_mitigates, teardown),
		cmocka_unit_test_teardown(mmio_mds_no_without_fb_clear_is_exposed, teardown),
		cmocka_unit_test_teardown(mmio_md_clear_with_l1d_flush_on_mds_part, teardown),
		cmocka_unit_test_teardown(mmio_immune_needs_all_three_bits, teardown),
		cmocka_unit_test_teardown(mmio_outside_the_tables_is_unknown, teardown),
		cmocka_unit_test_teardown(rfds_hybrid_e_cores_only, teardown),
		cmocka_unit_test_teardown(rfds_clear_and_rfds_no, teardown),
		cmocka_unit_test_teardown(rfds_switched_off, teardown),
		cmocka_unit_test_teardown(kernel_without_mmio_file, teardown),
		cmocka_unit_test(rows_line_up),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
