// SPDX-License-Identifier: GPL-2.0
/*
 * collect/import.c and import_cpuid.c: format detection, the `cpuid -r`
 * reader (one and several CPUs, CR LF, refusals with line numbers), and the
 * gating of MSRs exactly as the kernel gates them: ARCH_CAPABILITIES only
 * when CPUID.7.0:EDX[29] says it exists (else ignored with a note),
 * TSX_CTRL only when ARCH_CAPABILITIES has TSX_CTRL_MSR; what a dump cannot
 * hold stays unknown.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../userspace/collect/import.c"

const char *prog = "mdscope";

#define L0_INTEL "   0x00000000 0x00: eax=0x00000016 ebx=0x756e6547 ecx=0x6c65746e edx=0x49656e69\n"
#define L1_SKX   "   0x00000001 0x00: eax=0x00050654 ebx=0x00000800 ecx=0x7ffefbff edx=0xbfebfbff\n"
#define L7(edx)  "   0x00000007 0x00: eax=0x00000000 ebx=0xd39ffffb ecx=0x00000818 edx=" edx "\n"

static int parse(const char *text, struct imp_dump *d, struct mds_err *err)
{
	memset(d, 0, sizeof(*d));
	return imp_read_cpuid_raw(text, strlen(text), d, err);
}

static void detects_formats(void **state)
{
	assert_int_equal(imp_detect("\n  <!-- x -->", 13), IMP_FMT_LIBVIRT);
	assert_int_equal(imp_detect("CPU 0:\n", 7), IMP_FMT_CPUID_RAW);
	assert_int_equal(imp_detect("CPU:\n", 5), IMP_FMT_CPUID_RAW);
	assert_int_equal(imp_detect("{\"schema\"", 9), IMP_FMT_UNKNOWN);
	assert_int_equal(imp_detect("", 0), IMP_FMT_UNKNOWN);
	assert_int_equal(imp_format_from_name("cpuid-raw"), IMP_FMT_CPUID_RAW);
	assert_int_equal(imp_format_from_name("xml"), IMP_FMT_UNKNOWN);
	assert_string_equal(imp_format_name(IMP_FMT_LIBVIRT), "libvirt-cpudata");
}

static void reads_cpuid_raw(void **state)
{
	struct mds_err err = { "" };
	struct mds_snapshot s;
	struct imp_dump d;

	assert_int_equal(parse("CPU 0:\r\n" L0_INTEL L1_SKX L7("0x2c000000") "\nCPU 1:\n"
			       L0_INTEL L1_SKX L7("0x2c000400"), &d, &err), 0);
	assert_int_equal(d.nr_cpus, 2);
	assert_int_equal(d.cpu[1].nr_leaves, 3);
	snapshot_init(&s);
	assert_int_equal(imp_to_snapshot(&d, IMP_FMT_CPUID_RAW, "x.txt", &s, &err), 0);
	imp_dump_free(&d);
	assert_int_equal(s.nr_cpus, 2);
	assert_string_equal(s.cpus[0].vendor, "GenuineIntel");
	assert_int_equal(s.cpus[1].signature, 0x50654);
	assert_int_equal(s.cpus[1].leaf7_edx, 0x2c000400);
	assert_int_equal(s.collected_by, MDS_SRC_IMPORT);
	assert_string_equal(s.origin.format, "cpuid-raw");
	/* not in a dump: unknown, never invented */
	assert_int_equal(s.cpus[0].microcode.state, 0);
	assert_false(s.cpus[0].have_ucode_cached);
	assert_int_equal(s.cpus[0].platform_id.state, 0);
	assert_false(s.cpus[0].have_topology);
	assert_int_equal(s.cpus[0].arch_cap.state, 0);	/* enumerated, not in the dump */
	assert_int_equal(s.cpus[0].tsx_ctrl.state, 0);
	assert_int_equal(s.kernel.nr_vulns, 0);
	assert_int_equal(s.kernel.smt.active, -1);
	snapshot_free(&s);
}

static void msrs_gated_as_the_kernel_does(void **state)
{
	struct mds_err err = { "" };
	struct mds_snapshot s;
	struct imp_dump d;

	/* ARCH_CAP bit clear, a synthetic MSR with MDS_NO: ignored, with a note */
	assert_int_equal(parse("CPU:\n" L0_INTEL L1_SKX L7("0x00000400"), &d, &err), 0);
	assert_int_equal(imp_add_msr(&d.cpu[0], 0x10a, MDSCOPE_AC_MDS_NO), 0);
	assert_int_equal(imp_add_msr(&d.cpu[0], 0x10a, 0), -EEXIST);
	snapshot_init(&s);
	assert_int_equal(imp_to_snapshot(&d, IMP_FMT_LIBVIRT, "f.xml", &s, &err), 0);
	imp_dump_free(&d);
	assert_int_equal(s.cpus[0].arch_cap.state, MDSCOPE_REG_STATE_NOT_ENUMERATED);
	assert_int_equal(s.cpus[0].tsx_ctrl.state, MDSCOPE_REG_STATE_NOT_ENUMERATED);
	assert_non_null(strstr(s.notes[0], "MSR 0x10a value 0x20 ignored"));
	snapshot_free(&s);

	/* enumerated, with TSX_CTRL_MSR: both taken */
	assert_int_equal(parse("CPU:\n" L0_INTEL L1_SKX L7("0x20000400"), &d, &err), 0);
	imp_add_msr(&d.cpu[0], 0x10a, MDSCOPE_AC_TSX_CTRL_MSR | MDSCOPE_AC_MDS_NO);
	imp_add_msr(&d.cpu[0], 0x122, 3);
	snapshot_init(&s);
	assert_int_equal(imp_to_snapshot(&d, IMP_FMT_LIBVIRT, "f.xml", &s, &err), 0);
	imp_dump_free(&d);
	assert_int_equal(s.cpus[0].arch_cap.state, MDSCOPE_REG_STATE_OK);
	assert_int_equal(s.cpus[0].arch_cap.value, MDSCOPE_AC_TSX_CTRL_MSR | MDSCOPE_AC_MDS_NO);
	assert_int_equal(s.cpus[0].tsx_ctrl.state, MDSCOPE_REG_STATE_OK);
	assert_int_equal(s.cpus[0].tsx_ctrl.value, 3);
	snapshot_free(&s);

	/* enumerated without TSX_CTRL_MSR: a TSX_CTRL value is not taken */
	assert_int_equal(parse("CPU:\n" L0_INTEL L1_SKX L7("0x20000400"), &d, &err), 0);
	imp_add_msr(&d.cpu[0], 0x10a, 0);
	imp_add_msr(&d.cpu[0], 0x122, 3);
	snapshot_init(&s);
	assert_int_equal(imp_to_snapshot(&d, IMP_FMT_LIBVIRT, "f.xml", &s, &err), 0);
	imp_dump_free(&d);
	assert_int_equal(s.cpus[0].tsx_ctrl.state, MDSCOPE_REG_STATE_NOT_ENUMERATED);
	snapshot_free(&s);
}

static void refuses(const char *text, const char *needle)
{
	struct mds_err err = { "" };
	struct imp_dump d;

	assert_int_equal(parse(text, &d, &err), -EINVAL);
	if (!strstr(err.msg, needle))
		fail_msg("'%s' lacks '%s'", err.msg, needle);
	assert_null(d.cpu);
}

static void refuses_bad_cpuid_raw(void **state)
{
	struct mds_err err = { "" };
	struct mds_snapshot s;
	struct imp_dump d;

	refuses("", "no \"CPU N:\" block");
	refuses(L0_INTEL, "line 1: a leaf before");
	refuses("CPU 0:\n" L0_INTEL L0_INTEL, "line 3: the same leaf twice");
	refuses("CPU 1:\n", "line 1: CPU numbers must count up");
	refuses("CPU 0:\n   0x00000000 0x00: eax=0x16\n", "line 2: neither");
	refuses("CPU 0:\n" L0_INTEL "   0x00000001 0x00: eax=0x1 ebx=0x0 ecx=0x0 edx=0x0 x\n",
		"line 3: neither");
	refuses("CPU 0:\nhello\n", "line 2");
	/* a dump without leaf 1 or 7 is no CPU */
	assert_int_equal(parse("CPU 0:\n" L0_INTEL, &d, &err), 0);
	snapshot_init(&s);
	assert_int_equal(imp_to_snapshot(&d, IMP_FMT_CPUID_RAW, "x", &s, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "CPU 0 of the dump: no CPUID leaf 1"));
	assert_null(s.cpus);
	imp_dump_free(&d);
	assert_int_equal(parse("CPU 0:\n" L0_INTEL L1_SKX, &d, &err), 0);
	assert_int_equal(imp_to_snapshot(&d, IMP_FMT_CPUID_RAW, "x", &s, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "leaf 7"));
	imp_dump_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(detects_formats),
		cmocka_unit_test(reads_cpuid_raw),
		cmocka_unit_test(msrs_gated_as_the_kernel_does),
		cmocka_unit_test(refuses_bad_cpuid_raw),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
