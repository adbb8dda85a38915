// SPDX-License-Identifier: GPL-2.0
/*
 * The analyzer over saved snapshots (tests/fixtures/snapshots/NAME.json, read
 * by snapshot_load()): the path `mdscope report --from FILE` takes.
 * Exact findings (code:vulnerability:CPUs), per-socket verdicts, exit status.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "classify.h"

const char *prog = "mdscope";

static struct mds_snapshot S;
static struct cls_result R;

static void load(const char *name)
{
	char path[512];
	struct mds_err err = { "" };

	snprintf(path, sizeof(path), "%s/snapshots/%s", FIXTURES, name);
	cls_result_free(&R);
	snapshot_free(&S);
	if (snapshot_load(&S, path, &err))
		fail_msg("%s: %s", path, err.msg);
	/* these fixtures were written for MDS and TAA: judge those two */
	assert_int_equal(classify_snapshot_vulns(&S, (1u << VULN_MDS) | (1u << VULN_TAA), &R), 0);
}

static const char *findings(void)
{
	static char buf[4096];
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < R.nr_findings; i++) {
		char cpus[256];

		off += snprintf(buf + off, sizeof(buf) - off, "%s%s:%s:%s", off ? " " : "",
				cls_code_name(R.findings[i].code), cls_vuln_name(R.findings[i].vuln),
				cls_cpulist(R.findings[i].cpus, R.findings[i].nr_cpus, cpus, sizeof(cpus)));
	}
	return buf;
}

static void skx_two_sockets_mixed_microcode(void **state)
{
	load("skx-2s-mixed-microcode.json");
	assert_int_equal(R.nr_cpus, 8);
	assert_int_equal(R.nr_cores, 4);
	assert_int_equal(R.nr_sockets, 2);
	assert_int_equal(R.sockets[0].exposure[VULN_MDS], CLS_EXP_MITIGATED);
	assert_int_equal(R.sockets[0].smt[VULN_MDS], CLS_SMT_VULNERABLE);
	assert_int_equal(R.sockets[1].exposure[VULN_MDS], CLS_EXP_EXPOSED);
	assert_int_equal(R.sockets[1].ucode, UCODE_OLDER);
	assert_int_equal(R.sockets[1].differs, CLS_MIXED_MICROCODE | CLS_MIXED_MD_CLEAR);
	assert_string_equal(findings(),
			    "exposed_no_microcode:mds:2-3,6-7 exposed_no_microcode:taa:2-3,6-7 "
			    "sysfs_mitigation_without_md_clear:mds:2-3,6-7 "
			    "sysfs_mitigation_without_md_clear:taa:2-3,6-7 "
			    "smt_exposed:mds:0-1,4-5 smt_exposed:taa:0-1,4-5 "
			    "microcode_pre_mds::2-3,6-7 mixed_microcode::0-7 mixed_md_clear::0-7 "
			    "microcode_update_available::0-7");
	assert_int_equal(R.status, CLS_CRITICAL);
	assert_int_equal(R.exit_code, 2);
}

static void cascade_lake_tsx_on(void **state)
{
	load("clx-tsx-on.json");
	assert_int_equal(R.exposure[VULN_MDS], CLS_EXP_NOT_AFFECTED);
	assert_int_equal(R.exposure[VULN_TAA], CLS_EXP_MITIGATED);
	assert_int_equal(R.cpus[3].v[VULN_TAA].hw, CLS_HW_AFFECTED);
	assert_int_equal(R.cpus[3].v[VULN_TAA].smt, CLS_SMT_VULNERABLE);
	assert_string_equal(findings(), "smt_exposed:taa:0-3");
	assert_int_equal(R.exit_code, 1);
}

static void kvm_guest(void **state)
{
	load("kvm-guest-skx.json");
	assert_true(R.hypervisor);
	for (size_t i = 0; i < R.nr_cpus; i++) {
		assert_string_equal(cls_source_name(R.cpus[i].source), "hypervisor");
		assert_int_equal(R.cpus[i].v[VULN_MDS].exposure, CLS_EXP_MITIGATED);
		assert_int_equal(R.cpus[i].platform_id, UCODE_PLATFORM_UNKNOWN);
	}
	assert_string_equal(findings(), "smt_host_unknown:mds:0-3");
	assert_int_equal(R.exit_code, 0);
}

static void amd_epyc(void **state)
{
	load("amd-epyc.json");
	assert_int_equal(R.nr_cores, 2);
	assert_int_equal(R.cores[0].online, 2);
	assert_int_equal(R.exposure[VULN_MDS], CLS_EXP_NOT_AFFECTED);
	assert_int_equal(R.exposure[VULN_TAA], CLS_EXP_NOT_AFFECTED);
	assert_int_equal(R.cpus[0].v[VULN_MDS].smt, CLS_SMT_NOT_AFFECTED);
	assert_string_equal(findings(), "");
	assert_int_equal(R.exit_code, 0);
}

static int teardown(void **state)
{
	cls_result_free(&R);
	snapshot_free(&S);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(skx_two_sockets_mixed_microcode, teardown),
		cmocka_unit_test_teardown(cascade_lake_tsx_on, teardown),
		cmocka_unit_test_teardown(kvm_guest, teardown),
		cmocka_unit_test_teardown(amd_epyc, teardown),
	};

	return cmocka_run_group_tests_name("classify_fixtures", tests, NULL, NULL);
}
