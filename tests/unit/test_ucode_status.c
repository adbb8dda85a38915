// SPDX-License-Identifier: GPL-2.0
/*
 * ucode_status.c: the status, exit code and evidence of a group of CPUs
 * from facts alone (loaded, on disk, in the initramfs, Intel's tables),
 * and the per-socket roll-up. Skylake-SP 06-55-04 platform 0: first MDS
 * fix 0x200005e, newest known 0x2007006.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../userspace/analyze/ucode_status.c"

const char *prog = "mdscope";

#define N UCODE_FACT_NONE
#define F UCODE_FACT_FOUND
#define U UCODE_FACT_UNKNOWN
#define SKX 0x50654

static const struct {
	const char *name;
	struct ucode_facts f;
	enum ucode_status want;
	int exit_code;
	const char *evidence;	/* one evidence line contains this */
} cases[] = {
	{ "all current", { UCODE_VENDOR_INTEL, true, SKX, 0, true, 0x2007006, F, 0x2007006, F, 0x2007006, false, false },
	  UCODE_ST_UP_TO_DATE, 0, "not newer than the loaded" },
	{ "newer on disk and in the initramfs",
	  { UCODE_VENDOR_INTEL, true, SKX, 0, true, 0x2006e05, F, 0x2007006, F, 0x2007006, false, false },
	  UCODE_ST_REBOOT_NEEDED, 1, "reboot" },
	{ "initramfs older", { UCODE_VENDOR_INTEL, true, SKX, 0, true, 0x2006e05, F, 0x2007006, F, 0x2006e05, false, false },
	  UCODE_ST_INITRAMFS_STALE, 1, "update-initramfs" },
	{ "initramfs without it", { UCODE_VENDOR_INTEL, true, SKX, 0, true, 0x2006e05, F, 0x2007006, N, 0, false, false },
	  UCODE_ST_INITRAMFS_STALE, 1, "carries no microcode" },
	{ "initramfs not read", { UCODE_VENDOR_INTEL, true, SKX, 0, true, 0x2006e05, F, 0x2007006, U, 0, false, false },
	  UCODE_ST_UNKNOWN, 3, "initramfs not read" },
	{ "nothing installed, newer known", { UCODE_VENDOR_INTEL, true, SKX, 0, true, 0x2006e05, N, 0, N, 0, false, false },
	  UCODE_ST_UPDATE_AVAILABLE, 1, "microcode-20230808 has 0x2007006" },
	{ "pre-MDS, fix installed", { UCODE_VENDOR_INTEL, true, SKX, 0, true, 0x200005a, F, 0x2007006, F, 0x2007006, false, false },
	  UCODE_ST_REBOOT_NEEDED, 2, "predates the MDS fix" },
	{ "pre-MDS, fix only known", { UCODE_VENDOR_INTEL, true, SKX, 0, true, 0x200005a, N, 0, N, 0, false, false },
	  UCODE_ST_UPDATE_AVAILABLE, 2, "predates the MDS fix" },
	{ "pre-MDS, initramfs unknown", { UCODE_VENDOR_INTEL, true, SKX, 0, true, 0x200005a, F, 0x2007006, U, 0, false, false },
	  UCODE_ST_UNKNOWN, 3, "cannot tell" },
	{ "late load the next boot undoes",
	  { UCODE_VENDOR_INTEL, true, SKX, 0, true, 0x2007006, F, 0x2007006, F, 0x2006e05, false, false },
	  UCODE_ST_INITRAMFS_STALE, 1, "an older revision" },
	{ "only the initramfs has a newer one",
	  { UCODE_VENDOR_INTEL, true, SKX, 0, true, 0x2006e05, N, 0, F, 0x2007006, false, false },
	  UCODE_ST_REBOOT_NEEDED, 1, "in the initramfs is newer" },
	{ "BIOS newer than the package", { UCODE_VENDOR_INTEL, true, SKX, 0, true, 0x2007006, F, 0x2006e05, F, 0x2006e05, false, false },
	  UCODE_ST_UP_TO_DATE, 0, "not newer" },
	{ "debug revision on disk is older (signed)",
	  { UCODE_VENDOR_INTEL, true, SKX, 0, true, 0x2007006, F, 0x80000001, F, 0x80000001, false, false },
	  UCODE_ST_UP_TO_DATE, 0, "not newer" },
	{ "revision not read", { UCODE_VENDOR_INTEL, true, SKX, 0, false, 0, F, 0x2007006, F, 0x2007006, false, false },
	  UCODE_ST_UNKNOWN, 3, "revision not read" },
	{ "disk not read", { UCODE_VENDOR_INTEL, true, SKX, 0, true, 0x2007006, U, 0, F, 0x2007006, false, false },
	  UCODE_ST_UNKNOWN, 3, "not read or broken" },
	{ "vendor not read", { UCODE_VENDOR_NONE, false, 0, -1, true, 0x10, N, 0, N, 0, false, false },
	  UCODE_ST_UNKNOWN, 3, "signature not read" },
	{ "no row, no MD_CLEAR", { UCODE_VENDOR_INTEL, true, 0x12345, 0, true, 0x10, N, 0, N, 0, false, false },
	  UCODE_ST_NO_FIX_KNOWN, 1, "neither MD_CLEAR nor MDS_NO" },
	{ "no row, MD_CLEAR", { UCODE_VENDOR_INTEL, true, 0x12345, 0, true, 0x10, N, 0, N, 0, true, false },
	  UCODE_ST_UP_TO_DATE, 0, "no microcode file" },
	{ "no row, MDS_NO", { UCODE_VENDOR_INTEL, true, 0x12345, 0, true, 0x10, N, 0, N, 0, false, true },
	  UCODE_ST_UP_TO_DATE, 0, "no microcode file" },
	{ "platform mismatch", { UCODE_VENDOR_INTEL, true, SKX, 3, true, 0x10, N, 0, N, 0, false, false },
	  UCODE_ST_NO_FIX_KNOWN, 1, "no MDS-fixing" },
	{ "AMD newer on disk and initramfs",
	  { UCODE_VENDOR_AMD, true, 0x800f12, -1, true, 0x8001250, F, 0x8001251, F, 0x8001251, false, false },
	  UCODE_ST_REBOOT_NEEDED, 1, "no release table for AMD" },
	{ "AMD unsigned revisions", { UCODE_VENDOR_AMD, true, 0xa00f11, -1, true, 0x0a001079, F, 0x8a001080, F, 0x0a001079, false, false },
	  UCODE_ST_INITRAMFS_STALE, 1, "0x8a001080 on disk is newer" },
	{ "AMD current", { UCODE_VENDOR_AMD, true, 0x800f12, -1, true, 0x8001251, F, 0x8001251, F, 0x8001251, false, false },
	  UCODE_ST_UP_TO_DATE, 0, "not newer" },
};

static void table(void **state)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ucode_verdict v;
		bool found = false;

		ucode_decide(&cases[i].f, &v);
		if (v.status != cases[i].want || v.exit_code != cases[i].exit_code)
			fail_msg("%s: %s/%d, want %s/%d", cases[i].name, ucode_status_name(v.status),
				 v.exit_code, ucode_status_name(cases[i].want), cases[i].exit_code);
		for (size_t j = 0; j < v.nr_evidence; j++)
			found |= strstr(v.evidence[j], cases[i].evidence) != NULL;
		if (!found)
			fail_msg("%s: no evidence with '%s' (first: '%s')", cases[i].name,
				 cases[i].evidence, v.nr_evidence ? v.evidence[0] : "");
	}
}

static void pre_mds_flag(void **state)
{
	struct ucode_facts f = { UCODE_VENDOR_INTEL, true, SKX, 0, true, 0x200005a, F, 0x2007006,
				 F, 0x2007006, false, false };
	struct ucode_verdict v;

	ucode_decide(&f, &v);
	assert_true(v.pre_mds);
	assert_int_equal(v.known.mds->rev, 0x200005e);
	assert_int_equal(v.known.latest->rev, 0x2007006);
	f.rev = 0x200005e;
	ucode_decide(&f, &v);
	assert_false(v.pre_mds);
}

static void rollup(void **state)
{
	struct ucode_group g[3] = {
		{ .socket = 1, .first_cpu = 2, .v = { .status = UCODE_ST_REBOOT_NEEDED, .exit_code = 2 } },
		{ .socket = 0, .first_cpu = 0, .v = { .status = UCODE_ST_UP_TO_DATE } },
		{ .socket = 1, .first_cpu = 1, .v = { .status = UCODE_ST_INITRAMFS_STALE, .exit_code = 1 } },
	};
	struct ucode_inv inv = { .groups = g, .nr_groups = 3 };

	assert_int_equal(ucode_inv_rollup(&inv), 0);
	assert_int_equal(inv.nr_sockets, 2);
	assert_int_equal(inv.sockets[0].socket, 0);
	assert_int_equal(inv.sockets[0].status, UCODE_ST_UP_TO_DATE);
	assert_int_equal(inv.sockets[1].nr, 2);
	assert_int_equal(inv.groups[inv.sockets[1].first].first_cpu, 1);
	assert_int_equal(inv.sockets[1].status, UCODE_ST_REBOOT_NEEDED);
	assert_int_equal(inv.sockets[1].exit_code, 2);
	assert_int_equal(inv.status, UCODE_ST_REBOOT_NEEDED);
	assert_int_equal(inv.exit_code, 2);
	free(inv.sockets);

	inv = (struct ucode_inv){ 0 };
	assert_int_equal(ucode_inv_rollup(&inv), 0);
	assert_int_equal(inv.status, UCODE_ST_UNKNOWN);
	assert_int_equal(inv.exit_code, 3);
}

static void names(void **state)
{
	assert_string_equal(ucode_status_name(UCODE_ST_INITRAMFS_STALE), "initramfs_stale");
	assert_string_equal(ucode_status_name(99), "unknown");
	assert_string_equal(ucode_vendor_name(UCODE_VENDOR_AMD), "AuthenticAMD");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table),
		cmocka_unit_test(pre_mds_flag),
		cmocka_unit_test(rollup),
		cmocka_unit_test(names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
