// SPDX-License-Identifier: GPL-2.0
/*
 * The analyzer against the kernel's claims: a kernel too old to know MDS/TAA,
 * mitigations=off, microcode loaded after boot, microcode views that
 * disagree, facts or claims that cannot be read (unknown, exit 3).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "classify_check.h"

const char *prog = "mdscope";

static void smt_claim_differs(void **state)
{
	fx_host(CLEAR SMT_VULN, CLEAR SMT_VULN);	/* SMT went off after the read */
	fx_grid(1, 2, 1, skx_new);
	for (size_t i = 0; i < fx.nr_cpus; i++)
		fx_ucode(&fx.cpus[i], 0x02007006, 0);	/* the newest: no advice */
	run();
	assert_string_equal(findings(), "sysfs_smt_state_differs:mds:");
	assert_int_equal(R.exit_code, 0);
}

static void kernel_too_old(void **state)
{
	fx_host(NULL, NULL);
	fx_grid(1, 2, 1, skx_new);
	fx.kernel.smt.active = 0;
	run();
	assert_int_equal(R.kernel.verw, CLS_NO);
	assert_all(CLS_V_MDS, "affected/yes/no/none/exposed/off");
	assert_true(R.cpus[0].v[VULN_MDS].why & CLS_WHY_KERNEL_UNAWARE);
	assert_string_equal(findings(),
			    "exposed_kernel_unaware:mds:0-1 exposed_kernel_unaware:taa:0-1 "
			    "kernel_unaware:mds:0-1 kernel_unaware:taa:0-1 "
			    "microcode_update_available::0-1");
	assert_int_equal(R.exit_code, 2);
}

static void mitigations_off(void **state)
{
	fx_host("Vulnerable" SMT_VULN, "Vulnerable");
	fx.kernel.cmdline.present = true;
	snprintf(fx.kernel.cmdline.mitigations, sizeof(fx.kernel.cmdline.mitigations), "off");
	fx_grid(1, 1, 2, skx_new);
	run();
	assert_true(R.kernel.mitigations_off);
	assert_all(CLS_V_MDS, "affected/yes/no/none/exposed/vulnerable");
	assert_int_equal(R.kernel.expect[VULN_MDS], MDS_KSTATE_VULNERABLE);
	assert_string_equal(findings(), "exposed_kernel_off:mds:0-1 exposed_kernel_off:taa:0-1 "
			    "microcode_update_available::0-1");
	assert_int_equal(R.exit_code, 2);
}

static void late_microcode_load(void **state)
{
	/* booted without MD_CLEAR, microcode loaded later: VERW is issued anyway */
	fx_host(NO_UCODE "; SMT disabled", NO_UCODE "; SMT disabled");
	fx_grid(1, 2, 1, skx_new);
	fx.kernel.smt.active = 0;
	run();
	assert_all(CLS_V_MDS, "affected/yes/yes/verw/mitigated/off");
	assert_string_equal(findings(),
			    "kernel_claim_differs_from_boot_cpu:mds:0 "
			    "kernel_claim_differs_from_boot_cpu:taa:0 microcode_update_available::0-1");
	assert_int_equal(R.exit_code, 1);
}

static void microcode_views_differ(void **state)
{
	static struct mds_cpuinfo ci[2];

	fx_host(CLEAR "; SMT disabled", CLEAR "; SMT disabled");
	fx_grid(1, 2, 1, skx_new);
	fx.kernel.smt.active = 0;
	fx.cpus[0].microcode.value = 0x02007006;	/* newest: no advice */
	fx.cpus[0].microcode_cached = 0x02007006;
	fx.cpus[1].microcode.value = 0x02007006;	/* cached stays 0x02006e05 */
	for (uint32_t i = 0; i < 2; i++)
		ci[i] = (struct mds_cpuinfo){ .cpu = i, .have_microcode = true,
					      .microcode = i ? 0x02006e05 : 0x02007006 };
	fx.kernel.cpuinfo = malloc(sizeof(ci));
	memcpy(fx.kernel.cpuinfo, ci, sizeof(ci));
	fx.kernel.nr_cpuinfo = 2;
	run();
	assert_string_equal(findings(), "cpuinfo_microcode_differs::1 cached_microcode_differs::1");
	assert_int_equal(R.exit_code, 1);
}

static void arch_cap_fault_is_unknown(void **state)
{
	fx_host("Not affected", CLEAR SMT_VULN);
	fx_grid(1, 1, 1, clx_tsx_on);
	fx.cpus[0].arch_cap = (struct mds_reg){ MDSCOPE_REG_STATE_FAULT, 0, 5 };
	run();
	assert_string_equal(verdict(0, CLS_V_MDS), "unknown/yes/no/unknown/unknown/off");
	assert_true(R.cpus[0].v[VULN_MDS].why & CLS_WHY_ARCH_CAP_UNKNOWN);
	assert_string_equal(findings(), "unknown:mds:0 unknown:taa:0");
	assert_int_equal(R.exit_code, 3);

	/* never read, although CPUID enumerates it: unknown too, never 0 */
	fx.cpus[0].arch_cap = (struct mds_reg){ 0, 0, 0 };
	run();
	assert_int_equal(R.cpus[0].v[VULN_MDS].hw, CLS_HW_UNKNOWN);

	/* not enumerated by CPUID means 0, as in the kernel: affected */
	fx.cpus[0].leaf7_edx &= ~MDSCOPE_L7EDX_ARCH_CAP;
	run();
	assert_int_equal(R.cpus[0].v[VULN_MDS].hw, CLS_HW_AFFECTED);
	assert_int_equal(R.cpus[0].v[VULN_MDS].kernel_rule, CLS_HW_AFFECTED);
	assert_int_equal(R.cpus[0].v[VULN_TAA].hw, CLS_HW_AFFECTED);	/* RTM, no TAA_NO */
}

static void no_sysfs_is_unknown(void **state)
{
	fx_host(NULL, NULL);
	fx.kernel.nr_vulns = 0;
	fx_grid(1, 1, 1, skx_new);
	run();
	assert_int_equal(R.kernel.verw, CLS_UNKNOWN);
	assert_string_equal(verdict(0, CLS_V_MDS), "affected/yes/unknown/unknown/unknown/off");
	assert_true(R.cpus[0].v[VULN_MDS].why & CLS_WHY_KERNEL_UNKNOWN);
	assert_int_equal(R.exit_code, 3);
}
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(smt_claim_differs, teardown),
		cmocka_unit_test_teardown(kernel_too_old, teardown),
		cmocka_unit_test_teardown(mitigations_off, teardown),
		cmocka_unit_test_teardown(late_microcode_load, teardown),
		cmocka_unit_test_teardown(microcode_views_differ, teardown),
		cmocka_unit_test_teardown(arch_cap_fault_is_unknown, teardown),
		cmocka_unit_test_teardown(no_sysfs_is_unknown, teardown),
	};

	return cmocka_run_group_tests_name("classify_kernel", tests, NULL, NULL);
}
