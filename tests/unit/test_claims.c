// SPDX-License-Identifier: GPL-2.0
/*
 * claims.c: the kernel's claims read from a root, over the saved trees in
 * tests/fixtures/sysroot/ and over small trees made here for the cases no
 * saved host shows (a claim file that is missing, unreadable, garbage,
 * empty, NUL-bearing; too many vulnerabilities files). A claim that cannot
 * be read or understood must stay "unknown", never "not affected", and say
 * so in a note.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../userspace/collect/claims.c"
#include "classify.h"
#include "collect.h"

const char *prog = "mdscope";

#define SYSROOT FIXTURES "/sysroot/"
#define VULN "/sys/devices/system/cpu/vulnerabilities/"

static struct mds_snapshot snap;
static char root[64];

/* The parsed claim of a vulnerability's sysfs file. */
static const struct mds_kclaim *claim(const struct mds_snapshot *s, const char *file)
{
	for (int v = 0; v < VULN_NR; v++)
		if (!strcmp(file, vuln_info[v].sysfs))
			return &s->kernel.claim[v];
	fail_msg("no parsed claim for %s", file);
	return NULL;
}

static bool has_note(const struct mds_snapshot *s, const char *text)
{
	for (size_t i = 0; i < s->nr_notes; i++)
		if (strstr(s->notes[i], text))
			return true;
	return false;
}

static void collect(const char *where)
{
	snapshot_free(&snap);
	sysfs_collect_kernel(&snap, where);
}

/* ---- a scratch tree --------------------------------------------------- */

static void mkdirs(const char *path)
{
	char buf[512], *p;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(buf, 0755);
			*p = '/';
		}
	mkdir(buf, 0755);
}

/* Write len bytes of text to root/rel (len -1: strlen). */
static void put(const char *rel, const char *text, ssize_t len)
{
	char path[512], dir[512];
	int fd;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	snprintf(dir, sizeof(dir), "%s", path);
	*strrchr(dir, '/') = '\0';
	mkdirs(dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	if (len < 0)
		len = strlen(text);
	assert_int_equal(write(fd, text, len), len);
	close(fd);
}

static int make_root(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(mkdir(root, 0755), 0);
	return 0;
}

static int group_setup(void **state)
{
	snprintf(root, sizeof(root), "/tmp/mdscope-claims.%d", (int)getpid());
	snapshot_init(&snap);
	return 0;
}

static int group_teardown(void **state)
{
	char cmd[128];

	snapshot_free(&snap);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	return system(cmd);
}

/* ---- saved hosts ------------------------------------------------------ */

static void skylake_no_md_clear(void **state)
{
	collect(SYSROOT "skylake-sp-no-md-clear");
	assert_int_equal(snap.kernel.nr_vulns, 5);
	/* sorted by name, verbatim */
	assert_string_equal(snap.kernel.vulns[0].name, "mds");
	assert_string_equal(snap.kernel.vulns[1].name, "meltdown");
	assert_string_equal(snap.kernel.vulns[2].name, "mmio_stale_data");
	assert_string_equal(snap.kernel.vulns[4].name, "tsx_async_abort");
	assert_string_equal(snapshot_vuln(&snap, "mds"),
			    "Vulnerable: Clear CPU buffers attempted, no microcode; SMT vulnerable");
	assert_true(claim(&snap, "mds")->present);
	assert_int_equal(claim(&snap, "mds")->state, MDS_KSTATE_VULNERABLE_NO_UCODE);
	assert_int_equal(claim(&snap, "mds")->smt, MDS_KSMT_VULNERABLE);
	assert_int_equal(claim(&snap, "tsx_async_abort")->state, MDS_KSTATE_VULNERABLE_NO_UCODE);
	assert_int_equal(snap.kernel.smt.control, MDS_SMTCTL_ON);
	assert_string_equal(snap.kernel.smt.control_text, "on");
	assert_int_equal(snap.kernel.smt.active, 1);
	assert_int_equal(snap.kernel.nr_topo, 8);
	assert_string_equal(snap.kernel.release, "6.1.0-56-amd64");
	assert_int_equal(snap.kernel.nr_cpuinfo, 8);
	assert_int_equal(snap.nr_notes, 0);
}

static void amd_not_affected(void **state)
{
	collect(SYSROOT "amd-epyc");
	assert_int_equal(claim(&snap, "mds")->state, MDS_KSTATE_NOT_AFFECTED);
	assert_int_equal(claim(&snap, "tsx_async_abort")->state, MDS_KSTATE_NOT_AFFECTED);
	assert_int_equal(claim(&snap, "mds")->smt, MDS_KSMT_NONE);
	assert_int_equal(snap.nr_notes, 0);
}

static void guest_host_state_unknown(void **state)
{
	collect(SYSROOT "guest-md-clear");
	assert_int_equal(claim(&snap, "mds")->state, MDS_KSTATE_MITIGATION_VERW);
	assert_int_equal(claim(&snap, "mds")->smt, MDS_KSMT_HOST_STATE_UNKNOWN);
	assert_int_equal(snap.kernel.smt.control, MDS_SMTCTL_NOTSUPPORTED);
	assert_int_equal(snap.kernel.smt.active, 0);
}

/* A kernel that predates the files: absent, unknown, never "not affected". */
static void old_kernel_has_no_claim(void **state)
{
	collect(SYSROOT "old-kernel");
	assert_int_equal(snap.kernel.nr_vulns, 1);
	assert_null(snapshot_vuln(&snap, "mds"));
	assert_false(claim(&snap, "mds")->present);
	assert_int_equal(claim(&snap, "mds")->state, MDS_KSTATE_UNKNOWN);
	assert_false(claim(&snap, "tsx_async_abort")->present);
	assert_int_equal(claim(&snap, "tsx_async_abort")->state, MDS_KSTATE_UNKNOWN);
}

static void malformed_tree(void **state)
{
	collect(SYSROOT "malformed");
	assert_true(claim(&snap, "mds")->present);
	assert_int_equal(claim(&snap, "mds")->state, MDS_KSTATE_UNKNOWN);
	assert_true(has_note(&snap, "vulnerabilities/mds: unrecognised mds state "
			     "'Mitigation: Frobnicated'"));
	assert_int_equal(claim(&snap, "tsx_async_abort")->state, MDS_KSTATE_UNKNOWN);
	assert_true(has_note(&snap, "vulnerabilities/tsx_async_abort: non-text bytes"));
	assert_int_equal(snap.kernel.smt.control, MDS_SMTCTL_UNKNOWN);
	assert_string_equal(snap.kernel.smt.control_text, "maybe");
	assert_true(has_note(&snap, "smt/control: "));
}

static void no_root_at_all(void **state)
{
	collect("/nonexistent/mdscope-root");
	assert_int_equal(snap.kernel.nr_vulns, 0);
	assert_false(claim(&snap, "mds")->present);
	assert_int_equal(claim(&snap, "mds")->state, MDS_KSTATE_UNKNOWN);
	assert_int_equal(snap.kernel.smt.active, -1);
	assert_int_equal(snap.kernel.smt.control, MDS_SMTCTL_UNKNOWN);
	assert_int_equal(snap.kernel.nr_topo, 0);
	assert_string_equal(snap.kernel.release, "");
	assert_true(has_note(&snap, "vulnerabilities: kernel too old or sysfs not mounted"));
	assert_true(has_note(&snap, "/proc/cpuinfo: No such file or directory"));
	assert_true(has_note(&snap, "kernel release unknown"));
}

/* ---- made here -------------------------------------------------------- */

/* A claim that is there but cannot be read: unknown with a note. */
static void unreadable_claim(void **state)
{
	char path[512];

	put(VULN "tsx_async_abort", "Not affected\n", -1);
	snprintf(path, sizeof(path), "%s" VULN "mds", root);
	assert_int_equal(mkdir(path, 0755), 0);	/* read() fails even for root */
	collect(root);
	assert_null(snapshot_vuln(&snap, "mds"));
	assert_int_equal(claim(&snap, "mds")->state, MDS_KSTATE_UNKNOWN);
	assert_true(has_note(&snap, "vulnerabilities/mds: Is a directory"));
	assert_int_equal(claim(&snap, "tsx_async_abort")->state, MDS_KSTATE_NOT_AFFECTED);
}

/* A symlink to nowhere is as missing as no file. */
static void dangling_claim(void **state)
{
	char path[512];

	put(VULN "meltdown", "Mitigation: PTI\n", -1);
	snprintf(path, sizeof(path), "%s" VULN "mds", root);
	assert_int_equal(symlink("/nonexistent/mds", path), 0);
	collect(root);
	assert_int_equal(claim(&snap, "mds")->state, MDS_KSTATE_UNKNOWN);
	assert_true(has_note(&snap, "vulnerabilities/mds: No such file or directory"));
}

/* Garbage that starts like a good claim must not pass for it. */
static void garbage_claims(void **state)
{
	static const struct { const char *text; ssize_t len; } bad[] = {
		{ "Not affectedX\n", -1 },
		{ "Not affected; SMT vulnerable\n", -1 },	/* never has a suffix */
		{ "Mitigation: Clear CPU buffers; SMT sometimes\n", -1 },
		{ "\n", -1 },
		{ "Not affected\0junk", 17 },
		{ "\xff\xfe\n", -1 },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		put(VULN "mds", bad[i].text, bad[i].len);
		collect(root);
		if (claim(&snap, "mds")->state != MDS_KSTATE_UNKNOWN)
			fail_msg("'%s' read as state %d", bad[i].text, claim(&snap, "mds")->state);
		assert_true(snap.nr_notes > 0);
		assert_true(has_note(&snap, "vulnerabilities/mds"));
	}
}

static void every_claim_text(void **state)
{
	static const struct { const char *text; enum mds_kstate st; enum mds_ksmt smt; } ok[] = {
		{ "Not affected", MDS_KSTATE_NOT_AFFECTED, MDS_KSMT_NONE },
		{ "Vulnerable", MDS_KSTATE_VULNERABLE, MDS_KSMT_NONE },
		{ "Vulnerable; SMT disabled", MDS_KSTATE_VULNERABLE, MDS_KSMT_DISABLED },
		{ "Mitigation: Clear CPU buffers; SMT mitigated", MDS_KSTATE_MITIGATION_VERW,
		  MDS_KSMT_MITIGATED },
		{ "Mitigation: TSX disabled", MDS_KSTATE_TSX_DISABLED, MDS_KSMT_NONE },
	};

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		char line[128];

		snprintf(line, sizeof(line), "%s\n", ok[i].text);
		put(VULN "tsx_async_abort", line, -1);
		collect(root);
		assert_int_equal(claim(&snap, "tsx_async_abort")->state, ok[i].st);
		assert_int_equal(claim(&snap, "tsx_async_abort")->smt, ok[i].smt);
		assert_string_equal(snapshot_vuln(&snap, "tsx_async_abort"), ok[i].text);
	}
}

static void too_many_files(void **state)
{
	char name[96];

	for (int i = 0; i < MDS_SNAP_MAX_VULNS + 3; i++) {
		snprintf(name, sizeof(name), VULN "bug%02d", i);
		put(name, "Not affected\n", -1);
	}
	collect(root);
	assert_int_equal(snap.kernel.nr_vulns, MDS_SNAP_MAX_VULNS);
	assert_true(has_note(&snap, "the rest ignored"));
}

/* Topology: online files, ids, and a bad sibling list. */
static void topology_files(void **state)
{
	put("/sys/devices/system/cpu/cpu0/topology/core_id", "0\n", -1);
	put("/sys/devices/system/cpu/cpu0/topology/physical_package_id", "1\n", -1);
	put("/sys/devices/system/cpu/cpu0/topology/thread_siblings_list", "0,2\n", -1);
	put("/sys/devices/system/cpu/cpu2/online", "0\n", -1);
	put("/sys/devices/system/cpu/cpu2/topology/core_id", "-4\n", -1);
	put("/sys/devices/system/cpu/cpu2/topology/thread_siblings_list", "2-x\n", -1);
	put("/sys/devices/system/cpu/cpu3/online", "maybe\n", -1);
	put("/sys/devices/system/cpu/cpufreq/x", "1\n", -1);	/* not a CPU */
	collect(root);
	assert_int_equal(snap.kernel.nr_topo, 3);
	assert_int_equal(snap.kernel.topo[0].cpu, 0);
	assert_int_equal(snap.kernel.topo[0].online, 1);	/* no "online": cannot go offline */
	assert_int_equal(snap.kernel.topo[0].package, 1);
	assert_int_equal(snap.kernel.topo[0].die, -1);
	assert_int_equal(snap.kernel.topo[0].nr_siblings, 2);
	assert_int_equal(snap.kernel.topo[1].cpu, 2);
	assert_int_equal(snap.kernel.topo[1].online, 0);
	assert_int_equal(snap.kernel.topo[1].core, -1);
	assert_int_equal(snap.kernel.topo[1].nr_siblings, 0);
	assert_true(has_note(&snap, "cpu2 thread_siblings_list"));
	assert_int_equal(snap.kernel.topo[2].online, -1);
}

/* Names the kernel never gives a CPU directory alias no CPU (cpu01 is not cpu1). */
static void strict_cpu_names(void **state)
{
	static const char *const bad[] = { "cpu01", "cpu4294967297", "cpu1x", "cpu+1",
					   "cpu 1", "cpu8192", "cpu00" };
	char path[128];

	put("/sys/devices/system/cpu/cpu0/topology/core_id", "0\n", -1);
	put("/sys/devices/system/cpu/cpu1/topology/core_id", "1\n", -1);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/%s/topology/core_id", bad[i]);
		put(path, "7\n", -1);
	}
	put("/sys/devices/system/cpu/cpuidle/x", "1\n", -1);	/* not a CPU, no note */
	collect(root);
	assert_int_equal(snap.kernel.nr_topo, 2);
	assert_int_equal(snap.kernel.topo[0].cpu, 0);
	assert_int_equal(snap.kernel.topo[1].cpu, 1);
	assert_int_equal(snap.kernel.topo[1].core, 1);
	assert_true(has_note(&snap, "5 directory name(s)"));
}

/*
 * An online file that cannot be read or says neither 0 nor 1 is unknown with
 * a note, and the CPU counts as online: its exposure is judged, so the exit
 * status of a mitigated SMT host stays "warning" instead of dropping to "ok".
 */
static void unknown_online_counts(void **state)
{
	struct mds_collect_opts o = { .sysroot = root };
	struct cls_result r;
	struct mds_err err;
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf %s && cp -r %sskylake-sp-md-clear-smt %s", root,
		 SYSROOT, root);
	assert_int_equal(system(cmd), 0);
	put("/sys/devices/system/cpu/cpu1/online", "garbage\n", -1);
	put("/sys/devices/system/cpu/cpu2/online", "", 0);
	snprintf(cmd, sizeof(cmd), "rm %s/sys/devices/system/cpu/cpu3/online && "
		 "mkdir %s/sys/devices/system/cpu/cpu3/online", root, root);
	assert_int_equal(system(cmd), 0);
	snapshot_free(&snap);
	assert_int_equal(snapshot_collect(&snap, &o, &err), 0);
	assert_true(has_note(&snap, "online state of 3 CPU(s) unknown"));
	for (uint32_t cpu = 1; cpu < 4; cpu++) {
		assert_int_equal(snapshot_topo(&snap, cpu)->online, -1);
		assert_true(snapshot_cpu(&snap, cpu)->online);
	}
	assert_int_equal(classify_snapshot(&snap, &r), 0);
	assert_int_equal(r.exit_code, 1);
	assert_true(r.cpus[1].online && r.cpus[1].online_unknown);
	assert_false(r.cpus[0].online_unknown);
	cls_result_free(&r);
}

/* A CPU /proc/cpuinfo lists (online) but sysfs does not show is not dropped. */
static void cpuinfo_cpu_without_sysfs(void **state)
{
	struct mds_collect_opts o = { .sysroot = root };
	struct cls_result r;
	struct mds_err err;
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf %s && cp -r %soffline-cpu %s && "
		 "rm -r %s/sys/devices/system/cpu/cpu2", root, SYSROOT, root, root);
	assert_int_equal(system(cmd), 0);
	snapshot_free(&snap);
	assert_int_equal(snapshot_collect(&snap, &o, &err), 0);
	assert_true(has_note(&snap, "1 CPU(s) in /proc/cpuinfo have no cpuN directory"));
	assert_non_null(snapshot_cpu(&snap, 2));
	assert_true(snapshot_cpu(&snap, 2)->online);
	assert_false(snapshot_cpu(&snap, 2)->have_topology);
	assert_int_equal(classify_snapshot(&snap, &r), 0);
	assert_int_equal(r.exit_code, 1);	/* the intact tree's: SMT exposed */
	cls_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(skylake_no_md_clear),
		cmocka_unit_test(amd_not_affected),
		cmocka_unit_test(guest_host_state_unknown),
		cmocka_unit_test(old_kernel_has_no_claim),
		cmocka_unit_test(malformed_tree),
		cmocka_unit_test(no_root_at_all),
		cmocka_unit_test_setup(unreadable_claim, make_root),
		cmocka_unit_test_setup(dangling_claim, make_root),
		cmocka_unit_test_setup(garbage_claims, make_root),
		cmocka_unit_test_setup(every_claim_text, make_root),
		cmocka_unit_test_setup(too_many_files, make_root),
		cmocka_unit_test_setup(topology_files, make_root),
		cmocka_unit_test_setup(strict_cpu_names, make_root),
		cmocka_unit_test_setup(unknown_online_counts, make_root),
		cmocka_unit_test_setup(cpuinfo_cpu_without_sysfs, make_root),
	};

	return cmocka_run_group_tests_name("claims", tests, group_setup, group_teardown);
}
