// SPDX-License-Identifier: GPL-2.0
/*
 * ucode_inv.c: a snapshot's CPUs against a firmware directory and an
 * initramfs written here (ucode_fx.h): grouping per socket and identical
 * facts, cpulists, which facts are unknown, broken files; the findings the
 * analyzer adds from it, and `report --firmware-dir --initramfs` end to end.
 */
#define _GNU_SOURCE	/* asprintf in the unit */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "../../userspace/cmd/ucode_inv.c"
#include "ucode_fx.h"
#include "cmdrun.h"
#include "subcommands.h"
#include "ucode_print.h"
#include <json-c/json.h>

const char *prog = "mdscope";

static char dir[64], fw[128], ird[128];
static uint8_t buf[1 << 20];

static void put(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* The initramfs: an early cpio with a GenuineIntel.bin of revision rev, then a gzip archive. */
static void put_initramfs(uint32_t rev)
{
	static uint8_t ucode[4096], img[1 << 16];
	struct fx_file early = { UCODE_EARLY_INTEL, ucode, 0 };
	struct fx_file main_ = { "init", "#!/bin/sh\n", 10 };
	size_t n;

	early.len = fx_intel(ucode, 0x50654, 0xb7, rev, 1024, NULL, 0);
	n = fx_cpio(img, sizeof(img), &early, 1, false, true);
	n += fx_cpio(img + n, sizeof(img) - n, &main_, 1, true, true);
	put(ird, img, n);
}

static int setup(void **state)
{
	char p[256];
	size_t n;

	snprintf(dir, sizeof(dir), "/tmp/mdscope-test-ucode.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(cmd_dir, sizeof(cmd_dir), "%s", dir);	/* cmd_run()'s output too */
	snprintf(fw, sizeof(fw), "%s/firmware", dir);
	snprintf(ird, sizeof(ird), "%s/initrd.img", dir);
	assert_int_equal(mkdir(fw, 0755), 0);
	snprintf(p, sizeof(p), "%s/intel-ucode", fw);
	assert_int_equal(mkdir(p, 0755), 0);
	/* 06-55-04: platform ids 0,1,2,4,5,7 get 0x2007006, platform 3 gets 0x2007010 */
	n = fx_intel(buf, 0x50654, 0xb7, 0x2007006, 1024, NULL, 0);
	n += fx_intel(buf + n, 0x50654, 0x08, 0x2007010, 1024, NULL, 0);
	snprintf(p, sizeof(p), "%s/intel-ucode/06-55-04", fw);
	put(p, buf, n);
	/* 06-55-07: broken */
	n = fx_intel(buf, 0x50657, 0xbf, 0x5003707, 1024, NULL, 0);
	buf[500] ^= 1;
	snprintf(p, sizeof(p), "%s/intel-ucode/06-55-07", fw);
	put(p, buf, n);
	put_initramfs(0x2007006);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static void cpu(struct mds_cpu *c, uint32_t n, uint32_t pkg, uint32_t sig, int pid, uint32_t rev)
{
	*c = (struct mds_cpu){ .cpu = n, .online = true, .have_cpuid = true, .have_topology = true,
			       .have_ucode_cached = true, .source = MDS_SRC_MODULE, .signature = sig,
			       .package = pkg, .microcode_cached = rev };
	strcpy(c->vendor, "GenuineIntel");
	c->microcode = (struct mds_reg){ .state = MDSCOPE_REG_STATE_OK, .value = rev };
	if (pid >= 0)
		c->platform_id = (struct mds_reg){ .state = MDSCOPE_REG_STATE_OK, .value = (uint64_t)pid };
}

/* Two Skylake-SP sockets; socket 1's CPU 3 runs pre-MDS microcode. */
static void two_sockets(struct mds_snapshot *s)
{
	snapshot_init(s);
	s->cpus = calloc(5, sizeof(*s->cpus));
	assert_non_null(s->cpus);
	s->nr_cpus = 5;
	cpu(&s->cpus[0], 0, 0, 0x50654, 0, 0x2006e05);
	cpu(&s->cpus[1], 1, 0, 0x50654, 0, 0x2006e05);
	cpu(&s->cpus[2], 2, 1, 0x50654, 0, 0x2006e05);
	cpu(&s->cpus[3], 3, 1, 0x50654, 0, 0x200005a);
	cpu(&s->cpus[4], 4, 1, 0x50654, 0, 0x2006e05);
}

static void reboot_needed_per_socket(void **state)
{
	struct mds_err err = { "" };
	struct mds_snapshot s;
	struct ucode_inv inv;

	two_sockets(&s);
	assert_int_equal(ucode_inventory(&s, fw, ird, &inv, &err), 0);
	assert_string_equal(inv.initramfs_state, "read");
	assert_int_equal(inv.files, 2);
	assert_int_equal(inv.nr_bad, 1);
	assert_non_null(strstr(inv.bad[0].path, "06-55-07"));
	assert_non_null(strstr(inv.bad[0].why, "checksum"));
	assert_int_equal(inv.nr_sockets, 2);
	assert_int_equal(inv.nr_groups, 3);
	assert_string_equal(inv.groups[0].cpus, "0-1");
	assert_int_equal(inv.groups[0].v.status, UCODE_ST_REBOOT_NEEDED);
	assert_int_equal(inv.groups[0].facts.disk_rev, 0x2007006);
	assert_int_equal(inv.groups[0].facts.initramfs_rev, 0x2007006);
	assert_non_null(strstr(inv.groups[0].disk_file, "intel-ucode/06-55-04"));
	assert_int_equal(inv.groups[0].disk_date, 0x04022019);
	assert_int_equal(inv.sockets[0].exit_code, 1);
	/* socket 1: CPUs 2,4 and CPU 3 differ */
	assert_int_equal(inv.sockets[1].nr, 2);
	assert_string_equal(inv.groups[1].cpus, "2,4");
	assert_string_equal(inv.groups[2].cpus, "3");
	assert_true(inv.groups[2].v.pre_mds);
	assert_int_equal(inv.sockets[1].status, UCODE_ST_REBOOT_NEEDED);
	assert_int_equal(inv.sockets[1].exit_code, 2);
	assert_int_equal(inv.exit_code, 2);
	{	/* the text's group headings: one CPU reads as one */
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);

		assert_non_null(f);
		assert_int_equal(ucode_print_text(f, &inv), 0);
		fclose(f);
		assert_non_null(strstr(text, "\nCPUs 0-1: reboot_needed\n"));
		assert_non_null(strstr(text, "\nCPUs 2,4: reboot_needed\n"));
		assert_non_null(strstr(text, "\nCPU 3: reboot_needed\n"));
		free(text);
	}
	ucode_inv_free(&inv);
	snapshot_free(&s);
}

static void stale_initramfs_and_not_given(void **state)
{
	struct mds_err err = { "" };
	struct mds_snapshot s;
	struct ucode_inv inv;

	two_sockets(&s);
	put_initramfs(0x2006e05);
	assert_int_equal(ucode_inventory(&s, fw, ird, &inv, &err), 0);
	assert_int_equal(inv.groups[0].v.status, UCODE_ST_INITRAMFS_STALE);
	assert_int_equal(inv.groups[0].facts.initramfs_rev, 0x2006e05);
	assert_int_equal(inv.exit_code, 2);
	ucode_inv_free(&inv);

	/* no initramfs named: what the next boot loads is unknown */
	assert_int_equal(ucode_inventory(&s, fw, NULL, &inv, &err), 0);
	assert_string_equal(inv.initramfs_state, "not_given");
	assert_int_equal(inv.groups[0].v.status, UCODE_ST_UNKNOWN);
	assert_int_equal(inv.exit_code, 3);
	ucode_inv_free(&inv);

	/* one that does not exist: unreadable, said so */
	assert_int_equal(ucode_inventory(&s, fw, "/nonexistent/initrd", &inv, &err), 0);
	assert_string_equal(inv.initramfs_state, "unreadable");
	assert_non_null(strstr(inv.initramfs_why, "No such file"));
	assert_int_equal(inv.status, UCODE_ST_UNKNOWN);
	ucode_inv_free(&inv);
	snapshot_free(&s);
}

static void platform_and_broken_file(void **state)
{
	struct mds_err err = { "" };
	struct mds_snapshot s;
	struct ucode_inv inv;

	snapshot_init(&s);
	s.cpus = calloc(4, sizeof(*s.cpus));
	s.nr_cpus = 4;
	cpu(&s.cpus[0], 0, 0, 0x50654, 3, 0x2007006);		/* platform 3: 0x2007010 */
	cpu(&s.cpus[1], 1, 1, 0x50654, -1, 0x2007006);		/* platform unknown */
	cpu(&s.cpus[2], 2, 2, 0x50657, 0, 0x5003707);		/* its file is broken */
	cpu(&s.cpus[3], 3, 3, 0x50654, 0, 0x2007006);
	s.cpus[3].online = false;				/* offline: not counted */
	assert_int_equal(ucode_inventory(&s, fw, ird, &inv, &err), 0);
	assert_int_equal(inv.nr_groups, 3);
	assert_int_equal(inv.groups[0].facts.disk_rev, 0x2007010);
	/* the initramfs bundle has no update for platform 3 */
	assert_int_equal(inv.groups[0].facts.initramfs, UCODE_FACT_NONE);
	assert_int_equal(inv.groups[0].v.status, UCODE_ST_INITRAMFS_STALE);
	assert_int_equal(inv.groups[1].facts.disk, UCODE_FACT_UNKNOWN);
	assert_int_equal(inv.groups[1].v.status, UCODE_ST_UNKNOWN);
	assert_int_equal(inv.groups[2].facts.disk, UCODE_FACT_UNKNOWN);
	assert_int_equal(inv.groups[2].v.status, UCODE_ST_UNKNOWN);
	assert_non_null(strstr(inv.groups[2].disk_file, "intel-ucode/06-55-07"));
	assert_non_null(strstr(inv.groups[2].v.evidence[inv.groups[2].v.nr_evidence - 1],
			       "06-55-07 is broken"));
	ucode_inv_free(&inv);
	snapshot_free(&s);
}

static void errors(void **state)
{
	struct mds_err err = { "" };
	struct mds_snapshot s;
	struct ucode_inv inv;

	two_sockets(&s);
	assert_int_equal(ucode_inventory(&s, "/nonexistent/fw", ird, &inv, &err), -ENOENT);
	assert_non_null(strstr(err.msg, "/nonexistent/fw"));
	assert_int_equal(ucode_inventory(&s, ird, ird, &inv, &err), -ENOTDIR);
	snapshot_free(&s);

	/* a snapshot without CPUs: nothing to decide */
	snapshot_init(&s);
	assert_int_equal(ucode_inventory(&s, fw, ird, &inv, &err), 0);
	assert_int_equal(inv.nr_groups, 0);
	assert_int_equal(inv.exit_code, 3);
	ucode_inv_free(&inv);
}

static const struct cls_finding *find(const struct cls_result *r, enum cls_code code)
{
	for (size_t i = 0; i < r->nr_findings; i++)
		if (r->findings[i].code == code)
			return &r->findings[i];
	return NULL;
}

/* Every message of code's findings, one per line. */
static const char *messages(const struct cls_result *r, enum cls_code code)
{
	static char all[4096];
	size_t n = 0;

	all[0] = '\0';
	for (size_t i = 0; i < r->nr_findings; i++)
		if (r->findings[i].code == code)
			n += snprintf(all + n, sizeof(all) - n, "%s\n", r->findings[i].message);
	return all;
}

/* The analyzer's findings: reboot needed, initramfs stale; the status only rises. */
static void findings_from_inventory(void **state)
{
	struct mds_err err = { "" };
	const struct cls_finding *f;
	struct mds_snapshot s;
	struct ucode_inv inv;
	struct cls_result r;
	int before;

	put_initramfs(0x2007006);
	two_sockets(&s);
	assert_int_equal(classify_snapshot(&s, &r), 0);
	before = r.exit_code;
	assert_int_equal(ucode_inventory(&s, fw, ird, &inv, &err), 0);
	assert_int_equal(cls_ucode_findings(&r, &inv), 0);
	f = find(&r, CLS_F_MICROCODE_REBOOT_NEEDED);
	assert_non_null(f);
	assert_int_equal(f->severity, CLS_SEV_WARNING);
	/* socket 0 (CPUs 0-1) and socket 1's CPUs 2,4 and 3: every group needs a reboot */
	assert_non_null(strstr(f->next_step, "0x2007006 is installed: reboot to load it"));
	/* one CPU reads as one: "CPU 3 runs", "CPUs 0-1 run" */
	assert_non_null(strstr(messages(&r, CLS_F_MICROCODE_REBOOT_NEEDED),
			       "CPUs 0-1 run 0x2006e05; 0x2007006 is installed"));
	assert_non_null(strstr(messages(&r, CLS_F_MICROCODE_REBOOT_NEEDED),
			       "\nCPU 3 runs 0x200005a; 0x2007006 is installed"));
	assert_true(r.exit_code >= before && r.exit_code >= 1);
	assert_null(find(&r, CLS_F_MICROCODE_INITRAMFS_STALE));
	ucode_inv_free(&inv);
	cls_result_free(&r);

	put_initramfs(0x2006e05);	/* the next boot would load the old revision */
	assert_int_equal(classify_snapshot(&s, &r), 0);
	assert_int_equal(ucode_inventory(&s, fw, ird, &inv, &err), 0);
	assert_int_equal(cls_ucode_findings(&r, &inv), 0);
	f = find(&r, CLS_F_MICROCODE_INITRAMFS_STALE);
	assert_non_null(f);
	assert_non_null(strstr(f->next_step, "update-initramfs -u"));
	assert_non_null(strstr(messages(&r, CLS_F_MICROCODE_INITRAMFS_STALE),
			       "\nCPU 3: 0x2007006 is installed"));
	assert_null(find(&r, CLS_F_MICROCODE_REBOOT_NEEDED));
	ucode_inv_free(&inv);
	cls_result_free(&r);
	put_initramfs(0x2007006);
	snapshot_free(&s);
}

/* report --from with the files named: the inventory and its findings in the JSON. */
static void report_with_files(void **state)
{
	const char *args[] = { "report", "--json", "--from", NULL, "--firmware-dir", fw,
			       "--initramfs", ird, NULL };
	const char *bad[] = { "report", "--from", NULL, "--firmware-dir", "/nonexistent/fw",
			      NULL };
	struct mds_err err = { "" };
	struct mds_snapshot s;
	char snap[160], *out, *errs;
	json_object *o, *v;
	int code;

	put_initramfs(0x2007006);
	two_sockets(&s);
	s.collected_by = MDS_SRC_MODULE;
	snprintf(snap, sizeof(snap), "%s/snap.json", dir);
	assert_int_equal(snapshot_save(&s, snap, &err), 0);
	snapshot_free(&s);
	args[3] = snap;
	code = cmd_run(report_main, args, &out, &errs);
	assert_string_equal(errs, "");
	o = json_tokener_parse(out);
	assert_non_null(o);
	assert_true(json_object_object_get_ex(o, "microcode_files", &v));
	assert_non_null(v);
	assert_true(strstr(json_object_to_json_string(o), "microcode_reboot_needed") != NULL);
	assert_true(code >= 1 && code <= 3);
	json_object_put(o);
	free(out);
	free(errs);
	/* without the options --from compares with nothing */
	args[4] = NULL;
	cmd_run(report_main, args, &out, &errs);
	o = json_tokener_parse(out);
	assert_true(json_object_object_get_ex(o, "microcode_files", &v));
	assert_null(v);
	json_object_put(o);
	free(out);
	free(errs);
	/* a named directory that is not there: one line, exit 3 */
	bad[2] = snap;
	assert_int_equal(cmd_run(report_main, bad, &out, &errs), 3);
	assert_non_null(strstr(errs, "/nonexistent/fw"));
	assert_true(is_one_line(errs));
	free(out);
	free(errs);
}

/*
 * A saved host whose firmware directory and initramfs carry a newer
 * revision than it runs: `report --sysroot` names the files by default, and
 * check's microcode item warns with the next step.
 */
static void sysroot_report_and_check(void **state)
{
	static uint8_t ucode[4096], img[1 << 16];
	struct fx_file early = { UCODE_EARLY_INTEL, ucode, 0 };
	struct fx_file main_ = { "init", "#!/bin/sh\n", 10 };
	const char *rep[] = { "report", "--json", "--sysroot", NULL, NULL };
	const char *chk[] = { "check", "--json", "-c", "test:///default", "--nova-root",
			      "/nonexistent", "--sysroot", NULL, NULL };
	char root[160], cmd[640], p[512], *out, *errs;
	size_t n;

	snprintf(root, sizeof(root), "%s/host", dir);
	snprintf(cmd, sizeof(cmd), "cp -a '%s/sysroot/skylake-sp-md-clear-smt' '%s' && "
		 "mkdir -p '%s/lib/firmware/intel-ucode' '%s/boot'", FIXTURES, root, root, root);
	assert_int_equal(system(cmd), 0);
	/* it runs 0x2006906 (cpuinfo); 0x2007006 for every platform is installed */
	n = fx_intel(buf, 0x50654, 0xff, 0x2007006, 1024, NULL, 0);
	snprintf(p, sizeof(p), "%s/lib/firmware/intel-ucode/06-55-04", root);
	put(p, buf, n);
	early.len = fx_intel(ucode, 0x50654, 0xff, 0x2007006, 1024, NULL, 0);
	n = fx_cpio(img, sizeof(img), &early, 1, false, true);
	n += fx_cpio(img + n, sizeof(img) - n, &main_, 1, true, true);
	snprintf(p, sizeof(p), "%s/boot/initrd.img-6.1.0-56-amd64", root);
	put(p, img, n);

	rep[3] = root;
	assert_int_equal(cmd_run(report_main, rep, &out, &errs), 1);
	assert_string_equal(errs, "");
	assert_non_null(strstr(out, "\"microcode_reboot_needed\""));
	assert_non_null(strstr(out, "\"reboot_needed\""));
	free(out);
	free(errs);

	chk[7] = root;
	cmd_run(check_main, chk, &out, &errs);
	assert_non_null(strstr(out, "0x2007006 is installed: reboot to load it"));
	free(out);
	free(errs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reboot_needed_per_socket),
		cmocka_unit_test(stale_initramfs_and_not_given),
		cmocka_unit_test(platform_and_broken_file),
		cmocka_unit_test(errors),
		cmocka_unit_test(findings_from_inventory),
		cmocka_unit_test(report_with_files),
		cmocka_unit_test(sysroot_report_and_check),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
