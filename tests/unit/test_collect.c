// SPDX-License-Identifier: GPL-2.0
/*
 * collect.c: one snapshot from the module or the fallback. The module side
 * goes through the netlink seam, replaced here (-Wl,--wrap=mds_module_open,
 * mds_nl_*) by fixed records and failures; the fallback side runs over the
 * saved trees in tests/fixtures/sysroot/ and, for the live cases, over this
 * machine. Checked: which source is used and why the module was not (one
 * line in module_error), CPU order, topology cross-check notes, the error
 * for a root without CPUs, and that the kernel's claims survive that error.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../userspace/collect/collect.c"

const char *prog = "mdscope";

#define SYSROOT FIXTURES "/sysroot/"

/* ---- the netlink seam ------------------------------------------------- */

static struct {
	int open_ret;			/* mds_module_open */
	const char *open_why;
	int dump_ret;			/* after the records */
	int info_ret;
	const struct mds_cpu *recs;
	size_t nr;
	int opened, closed;
} nl;

int __wrap_mds_module_open(char *why, size_t len)
{
	nl.opened++;
	if (nl.open_why)
		snprintf(why, len, "%s", nl.open_why);
	return nl.open_ret;
}

void __wrap_mds_nl_close(void)
{
	nl.closed++;
}

const char *__wrap_mds_nl_error(void)
{
	return nl.dump_ret ? "extack: bad attribute" : "";
}

int __wrap_mds_nl_dump_cpus(mds_cpu_cb cb, void *arg)
{
	for (size_t i = 0; i < nl.nr; i++) {
		int r = cb(&nl.recs[i], arg);

		if (r)
			return r;
	}
	return nl.dump_ret;
}

int __wrap_mds_nl_info(struct mds_info *info)
{
	memset(info, 0, sizeof(*info));
	snprintf(info->version, sizeof(info->version), "9.9-test");
	info->generation = 5;
	info->cpus_possible = info->cpus_online = nl.nr;
	return nl.info_ret;
}

/* cpu0 out of order and with a package sysfs does not have. */
static const struct mds_cpu recs[] = {
	{ .cpu = 1, .online = true, .have_cpuid = true, .vendor = "GenuineIntel",
	  .signature = 0x50654, .source = MDS_SRC_FALLBACK },
	{ .cpu = 0, .online = true, .have_cpuid = true, .have_topology = true,
	  .vendor = "GenuineIntel", .signature = 0x50654, .package = 7, .core = 0 },
};

static struct mds_snapshot snap;

static int reset(void **state)
{
	memset(&nl, 0, sizeof(nl));
	nl.recs = recs;
	nl.nr = 2;
	snapshot_free(&snap);
	return 0;
}

static int teardown(void **state)
{
	snapshot_free(&snap);
	return 0;
}

static bool has_note(const char *text)
{
	for (size_t i = 0; i < snap.nr_notes; i++)
		if (strstr(snap.notes[i], text))
			return true;
	return false;
}

/* ---- saved trees: never the module ------------------------------------ */

static void sysroot_uses_fallback(void **state)
{
	struct mds_collect_opts o = { .sysroot = SYSROOT "skylake-sp-no-md-clear" };
	struct mds_err err = { "" };

	assert_int_equal(snapshot_collect(&snap, &o, &err), 0);
	assert_int_equal(nl.opened, 0);
	assert_int_equal(snap.source, MDS_SRC_FALLBACK);
	assert_int_equal(snap.collected_by, MDS_SRC_FALLBACK);
	assert_false(snap.have_module);
	assert_string_equal(snap.module_error,
			    "--sysroot: the module is not asked about another root");
	assert_string_equal(snap.hostname, "skylake-sp-no-md-clear");
	assert_int_equal(snap.nr_cpus, 8);
	for (size_t i = 1; i < snap.nr_cpus; i++)
		assert_true(snap.cpus[i - 1].cpu < snap.cpus[i].cpu);
	assert_non_null(snapshot_vuln(&snap, "mds"));
	assert_true(snap.time_ns > 0);
}

static void sysroot_offline_cpu(void **state)
{
	struct mds_collect_opts o = { .sysroot = SYSROOT "offline-cpu" };
	struct mds_err err = { "" };
	size_t off = 0;

	assert_int_equal(snapshot_collect(&snap, &o, &err), 0);
	for (size_t i = 0; i < snap.nr_cpus; i++)
		off += !snap.cpus[i].online;
	assert_true(off > 0);
}

/* No CPUs under the root: an error, and the kernel's claims are kept. */
static void no_cpus_keeps_claims(void **state)
{
	struct mds_collect_opts o = { .sysroot = FIXTURES "/libvirt/sysroot-affected" };
	struct mds_err err = { "" };

	assert_int_equal(snapshot_collect(&snap, &o, &err), -ENOENT);
	assert_non_null(strstr(err.msg, "no CPUs under "));
	assert_non_null(strstr(err.msg, "libvirt/sysroot-affected/sys/devices/system/cpu"));
	assert_int_equal(snap.nr_cpus, 0);
	assert_null(snap.cpus);
	assert_int_equal(snap.kernel.nr_vulns, 2);
	assert_string_equal(snapshot_vuln(&snap, "mds"),
			    "Vulnerable: Clear CPU buffers attempted, no microcode; SMT vulnerable");
}

static void missing_root_is_an_error(void **state)
{
	struct mds_collect_opts o = { .sysroot = "/nonexistent/root" };
	struct mds_err err = { "" };

	assert_int_equal(snapshot_collect(&snap, &o, &err), -ENOENT);
	assert_string_equal(err.msg, "no CPUs under /nonexistent/root/sys/devices/system/cpu");
	assert_string_equal(snap.hostname, "");
}

/* ---- this machine, the module through the seam ------------------------ */

static void module_records_sorted(void **state)
{
	struct mds_err err = { "" };

	assert_int_equal(snapshot_collect(&snap, NULL, &err), 0);
	assert_int_equal(nl.opened, 1);
	assert_int_equal(nl.closed, 1);
	assert_int_equal(snap.source, MDS_SRC_MODULE);
	assert_true(snap.have_module);
	assert_string_equal(snap.module_error, "");
	assert_string_equal(snap.module.version, "9.9-test");
	assert_int_equal(snap.nr_cpus, 2);
	assert_int_equal(snap.cpus[0].cpu, 0);
	assert_int_equal(snap.cpus[1].cpu, 1);
	/* every record is marked as the module's, whatever it said */
	assert_int_equal(snap.cpus[0].source, MDS_SRC_MODULE);
	assert_int_equal(snap.cpus[1].source, MDS_SRC_MODULE);
	/* this machine's sysfs puts cpu0 in package 0, the module said 7 */
	assert_true(has_note("cpu0: module says package 7 core 0, sysfs 0/"));
}

static void module_unavailable_falls_back(void **state)
{
	struct mds_err err = { "" };

	nl.open_ret = -ENOENT;
	nl.open_why = "mdscope.ko is not installed (dkms status)";
	assert_int_equal(snapshot_collect(&snap, NULL, &err), 0);
	assert_int_equal(snap.source, MDS_SRC_FALLBACK);
	assert_false(snap.have_module);
	assert_string_equal(snap.module_error, "mdscope.ko is not installed (dkms status)");
	assert_true(snap.nr_cpus > 0);
}

static void module_open_without_reason(void **state)
{
	struct mds_err err = { "" };

	nl.open_ret = -EPERM;
	assert_int_equal(snapshot_collect(&snap, NULL, &err), 0);
	assert_string_equal(snap.module_error, strerror(EPERM));
}

/* A dump that fails half way: no half snapshot, the fallback says why. */
static void module_dump_fails(void **state)
{
	struct mds_err err = { "" };

	nl.dump_ret = -EIO;
	assert_int_equal(snapshot_collect(&snap, NULL, &err), 0);
	assert_int_equal(nl.closed, 1);
	assert_int_equal(snap.source, MDS_SRC_FALLBACK);
	assert_false(snap.have_module);
	assert_string_equal(snap.module_error, "netlink: Input/output error: extack: bad attribute");
	for (size_t i = 0; i < snap.nr_cpus; i++)
		assert_int_not_equal(snap.cpus[i].source, MDS_SRC_MODULE);
}

static void module_info_fails(void **state)
{
	struct mds_err err = { "" };

	nl.info_ret = -EPROTO;
	assert_int_equal(snapshot_collect(&snap, NULL, &err), 0);
	assert_int_equal(snap.source, MDS_SRC_FALLBACK);
	assert_non_null(strstr(snap.module_error, "netlink: Protocol error"));
}

static void module_lists_no_cpus(void **state)
{
	struct mds_err err = { "" };

	nl.nr = 0;
	assert_int_equal(snapshot_collect(&snap, NULL, &err), 0);
	assert_int_equal(snap.source, MDS_SRC_FALLBACK);
	assert_string_equal(snap.module_error, "the module listed no CPUs");
}

static void module_cpu_out_of_range(void **state)
{
	static const struct mds_cpu huge[] = { { .cpu = MDS_SNAP_MAX_CPUS, .online = true } };
	struct mds_err err = { "" };

	nl.recs = huge;
	nl.nr = 1;
	assert_int_equal(snapshot_collect(&snap, NULL, &err), 0);
	assert_int_equal(snap.source, MDS_SRC_FALLBACK);
	assert_non_null(strstr(snap.module_error, strerror(ERANGE)));
}

static void no_module_not_asked(void **state)
{
	struct mds_collect_opts o = { .no_module = true };
	struct mds_err err = { "" };

	assert_int_equal(snapshot_collect(&snap, &o, &err), 0);
	assert_int_equal(nl.opened, 0);
	assert_int_equal(snap.source, MDS_SRC_FALLBACK);
	assert_string_equal(snap.module_error, "not asked (--no-module)");
	assert_true(snap.nr_cpus > 0);
	assert_true(snap.kernel.nr_topo > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(sysroot_uses_fallback, reset),
		cmocka_unit_test_setup(sysroot_offline_cpu, reset),
		cmocka_unit_test_setup(no_cpus_keeps_claims, reset),
		cmocka_unit_test_setup(missing_root_is_an_error, reset),
		cmocka_unit_test_setup(module_records_sorted, reset),
		cmocka_unit_test_setup(module_unavailable_falls_back, reset),
		cmocka_unit_test_setup(module_open_without_reason, reset),
		cmocka_unit_test_setup(module_dump_fails, reset),
		cmocka_unit_test_setup(module_info_fails, reset),
		cmocka_unit_test_setup(module_lists_no_cpus, reset),
		cmocka_unit_test_setup(module_cpu_out_of_range, reset),
		cmocka_unit_test_setup(no_module_not_asked, reset),
	};

	return cmocka_run_group_tests_name("collect", tests, NULL, teardown);
}
