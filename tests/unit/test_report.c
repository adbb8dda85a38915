// SPDX-License-Identifier: GPL-2.0
/*
 * report.c end to end: `mdscope report` on the saved sysfs/procfs trees
 * under tests/fixtures/sysroot/ (JSON and text), through a saved snapshot
 * (--from), with bad input; and on THIS host, where the module may not be
 * loadable and /dev/cpu/N/msr may be absent: the answer must stay honest
 * (exit 0..3, MSR facts null when they could not be read). The built binary
 * is run too, as a user would.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <json-c/json.h>

#include "../../userspace/cmd/report.c"
#include "sysfs.h"
#include "cmdrun.h"

const char *prog = "mdscope";

#define SYSROOT FIXTURES "/sysroot/"
#define MDSCOPE FIXTURES "/../../userspace/mdscope"

static char dir[64];

static const char *gets_(json_object *o, const char *path)
{
	json_object *v = jget(o, path);

	return v ? json_object_get_string(v) : "(null)";
}

static bool has_code(json_object *o, const char *code)
{
	json_object *d = jget(o, "discrepancies");

	for (size_t i = 0; i < json_object_array_length(d); i++)
		if (!strcmp(gets_(json_object_array_get_idx(d, i), "code"), code))
			return true;
	return false;
}

/* What each fixture host is, by the rules in shared/docs/mds-domain.md. */
static const struct {
	const char *name;
	int exit_code;
	size_t cpus, sockets;
	const char *mds, *taa;		/* overall exposure */
	const char *mds_hw;		/* cpus[0].mds.hardware */
	const char *code;		/* a discrepancy that must be there, or NULL */
	bool hypervisor;
} cases[] = {
	{ "skylake-sp-no-md-clear", 2, 8, 2, "exposed", "exposed", "affected",
	  "exposed_no_microcode", false },
	{ "skylake-sp-md-clear-smt", 1, 4, 1, "mitigated", "mitigated", "affected",
	  "smt_exposed", false },
	{ "amd-epyc", 0, 8, 1, "not_affected", "not_affected", "not_affected", NULL, false },
	{ "guest-md-clear", 0, 2, 1, "mitigated", "not_affected", "affected",
	  "smt_host_unknown", true },
	{ "mds-off", 2, 2, 1, "exposed", "not_affected", "affected", "exposed_kernel_off", false },
	{ "offline-cpu", 1, 4, 1, "mitigated", "mitigated", "affected", "cpus_offline", false },
	{ "malformed", 3, 8, 1, "unknown", "unknown", "unknown", "unknown", false },
	{ "old-kernel", 2, 8, 2, "exposed", "exposed", "affected", "kernel_unaware", false },
};

static void fixture_json(void **state)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char root[256], *out, *err;
		const char *args[] = { "report", "--json", "--sysroot", root, NULL };
		json_object *o, *cpus;
		int code;

		snprintf(root, sizeof(root), SYSROOT "%s", cases[i].name);
		code = cmd_run(report_main, args, &out, &err);
		o = jparse(out);
		if (code != cases[i].exit_code)
			fail_msg("%s: exit %d, want %d", cases[i].name, code, cases[i].exit_code);
		assert_string_equal(gets_(o, "schema"), "mdscope-report/1");
		assert_int_equal(json_object_get_int(jget(o, "verdict.exit_code")), code);
		assert_string_equal(gets_(o, "hostname"), cases[i].name);
		assert_string_equal(gets_(o, "collected_by"), "fallback");
		assert_null(jget(o, "module"));
		cpus = jget(o, "cpus");
		assert_int_equal(json_object_array_length(cpus), cases[i].cpus);
		assert_int_equal(json_object_array_length(jget(o, "sockets")), cases[i].sockets);
		assert_string_equal(gets_(o, "verdict.mds"), cases[i].mds);
		assert_string_equal(gets_(o, "verdict.taa"), cases[i].taa);
		assert_string_equal(gets_(o, "cpus.0.mds.hardware"), cases[i].mds_hw);
		assert_int_equal(json_object_get_boolean(jget(o, "hypervisor")), cases[i].hypervisor);
		if (cases[i].code && !has_code(o, cases[i].code))
			fail_msg("%s: no discrepancy '%s'", cases[i].name, cases[i].code);
		/* a saved tree has no MSRs: never a value, never 0 */
		for (size_t c = 0; c < json_object_array_length(cpus); c++) {
			json_object *cpu = json_object_array_get_idx(cpus, c);

			assert_null(jget(cpu, "arch_capabilities"));
			assert_null(jget(cpu, "microcode_msr"));
			assert_null(jget(cpu, "tsx_ctrl"));
			if (cases[i].hypervisor)
				assert_string_equal(gets_(cpu, "source"), "hypervisor");
		}
		assert_string_equal(err, "");
		json_object_put(o);
		free(out);
		free(err);
	}
}

/* The kernel's claims are carried verbatim, SMT and cmdline parsed. */
static void fixture_kernel_claims(void **state)
{
	const char *args[] = { "report", "--json", "--sysroot", SYSROOT "mds-off", NULL };
	char *out, *err;
	json_object *o;

	cmd_run(report_main, args, &out, &err);
	o = jparse(out);
	assert_string_equal(gets_(o, "kernel.vulnerabilities.mds"), "Vulnerable; SMT disabled");
	assert_string_equal(gets_(o, "kernel.vulnerabilities.meltdown"), "Mitigation: PTI");
	assert_string_equal(gets_(o, "kernel.mds.state"), "vulnerable");
	assert_string_equal(gets_(o, "kernel.mds.smt"), "disabled");
	assert_string_equal(gets_(o, "kernel.cmdline.mds"), "off");
	assert_true(json_object_get_boolean(jget(o, "kernel.cmdline.nosmt")));
	assert_string_equal(gets_(o, "kernel.release"), "6.1.0-56-amd64");
	assert_string_equal(gets_(o, "cpus.1.signature"), "0x906ea");
	assert_int_equal(json_object_get_int(jget(o, "cpus.1.model")), 158);
	assert_string_equal(gets_(o, "cpus.1.microcode"), "0xf0");
	json_object_put(o);
	free(out);
	free(err);

	/* garbage claims: unknown, and a note for each */
	args[3] = SYSROOT "malformed";
	cmd_run(report_main, args, &out, &err);
	o = jparse(out);
	assert_string_equal(gets_(o, "kernel.mds.state"), "unknown");
	assert_string_equal(gets_(o, "kernel.vulnerabilities.tsx_async_abort"), "???");
	assert_non_null(strstr(json_object_to_json_string_ext(jget(o, "notes"), JSON_C_TO_STRING_NOSLASHESCAPE), "vulnerabilities/mds"));
	assert_non_null(strstr(json_object_to_json_string_ext(jget(o, "notes"), JSON_C_TO_STRING_NOSLASHESCAPE), "/proc/cpuinfo"));
	assert_non_null(strstr(json_object_to_json_string_ext(jget(o, "notes"), JSON_C_TO_STRING_NOSLASHESCAPE), "smt/control"));
	json_object_put(o);
	free(out);
	free(err);
}

static void fixture_text(void **state)
{
	const char *args[] = { "report", "--sysroot", SYSROOT "skylake-sp-no-md-clear", NULL };
	char *out, *err;

	assert_int_equal(cmd_run(report_main, args, &out, &err), 2);
	assert_non_null(strstr(out, "SOCKET/CORE"));
	assert_non_null(strstr(out, "socket 0"));
	assert_non_null(strstr(out, "socket 1"));
	assert_non_null(strstr(out, "core 1"));
	assert_non_null(strstr(out, "0x50654 (6/85/4)"));
	assert_non_null(strstr(out, "Vulnerable: Clear CPU buffers attempted, no microcode; SMT vulnerable"));
	assert_non_null(strstr(out, "next step:"));
	assert_non_null(strstr(out, "Verdict: critical"));
	assert_null(strstr(out, "(virtual)"));
	assert_string_equal(err, "");
	free(out);
	free(err);
	/* a guest: the rows say the facts are virtual */
	args[2] = SYSROOT "guest-md-clear";
	assert_int_equal(cmd_run(report_main, args, &out, &err), 0);
	assert_non_null(strstr(out, "socket 0 (virtual)"));
	assert_non_null(strstr(out, "what the hypervisor presents"));
	assert_non_null(strstr(out, "SMT Host state unknown"));
	free(out);
	free(err);
}

/* snapshot -o, then report --from: the same analysis as reading the tree. */
static void snapshot_then_from(void **state)
{
	char file[128], *out, *err, *direct;
	const char *snap[] = { "snapshot", "-o", file, "--sysroot", SYSROOT "offline-cpu", NULL };
	const char *from[] = { "report", "--json", "--from", file, NULL };
	const char *live[] = { "report", "--json", "--sysroot", SYSROOT "offline-cpu", NULL };
	json_object *a, *b;

	snprintf(file, sizeof(file), "%s/snap.json", dir);
	assert_int_equal(cmd_run(snapshot_main, snap, &out, &err), 0);
	assert_string_equal(out, "");
	free(out);
	free(err);
	assert_int_equal(cmd_run(report_main, from, &out, &err), 1);
	free(err);
	assert_int_equal(cmd_run(report_main, live, &direct, &err), 1);
	a = jparse(out);
	b = jparse(direct);
	assert_true(json_object_get_boolean(jget(a, "from_snapshot")));
	assert_false(json_object_get_boolean(jget(b, "from_snapshot")));
	assert_false(json_object_get_boolean(jget(a, "cpus.3.online")));
	/* apart from when and how it was read, the reports agree */
	json_object_object_del(a, "time");
	json_object_object_del(b, "time");
	json_object_object_del(a, "from_snapshot");
	json_object_object_del(b, "from_snapshot");
	assert_string_equal(json_object_to_json_string(a), json_object_to_json_string(b));
	json_object_put(a);
	json_object_put(b);
	free(out);
	free(direct);
	free(err);
}

/* Write len bytes to dir/rel. */
static void put_file(const char *rel, const char *text, size_t len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
}

/* No byte below 0x20 but '\n', no DEL, nothing outside ASCII. */
static void assert_plain(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p >= 0x7f)
			fail_msg("byte 0x%02x at %zu in output", *p, (size_t)(p - (const unsigned char *)text));
}

/*
 * Escape sequences, control characters and non-UTF-8 bytes in what a host
 * shows (host name, command line, vendor_id, a vulnerability text) never
 * reach a snapshot file: what `snapshot` writes, `report --from` reads, and
 * the report says the same as on the tree itself. Directories named cpu01
 * or cpu4294967297 are no CPUs (they aliased CPU 1, listed twice).
 */
static void hostile_strings_round_trip(void **state)
{
	char tree[128], file[128], cmd[1024], *out, *err, *direct;
	const char *snap[] = { "snapshot", "-o", file, "--sysroot", tree, NULL };
	const char *from[] = { "report", "--from", file, NULL };
	const char *live[] = { "report", "--sysroot", tree, NULL };
	int code;
	static const char cmdline[] = "BOOT_IMAGE=/vmlinuz\tro \xff\xfe mds=full\x1b[2J quiet\n";

	snprintf(tree, sizeof(tree), "%s/tree", dir);
	snprintf(file, sizeof(file), "%s/hostile.json", dir);
	/* and directories that once aliased CPU 1, listing it twice in the file */
	snprintf(cmd, sizeof(cmd), "rm -rf %s && cp -r %sskylake-sp-md-clear-smt %s && "
		 "cp -r %s/sys/devices/system/cpu/cpu1 %s/sys/devices/system/cpu/cpu01 && "
		 "cp -r %s/sys/devices/system/cpu/cpu1 %s/sys/devices/system/cpu/cpu4294967297",
		 tree, SYSROOT, tree, tree, tree, tree, tree);
	assert_int_equal(system(cmd), 0);
	put_file("tree/proc/sys/kernel/hostname", "\x1b[2J\x1b[Hevil\x9b\xc2\x9b\n", 14);
	put_file("tree/proc/cmdline", cmdline, sizeof(cmdline) - 1);
	put_file("tree/sys/devices/system/cpu/vulnerabilities/meltdown", "Mitigation: \x07PTI\n", 17);
	snprintf(cmd, sizeof(cmd), "sed -i '1s/^vendor_id.*/vendor_id\t: Genu\xffneIntel/; "
		 "s/^vendor_id.*/vendor_id\t: GenuineIntel/' %s/proc/cpuinfo && "
		 "sed -i '0,/^vendor_id.*/s//vendor_id\t: G\xc3\xa9nuineIntel/' %s/proc/cpuinfo",
		 tree, tree);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(cmd_run(snapshot_main, snap, &out, &err), 0);
	free(out);
	free(err);
	code = cmd_run(report_main, live, &direct, &err);
	free(err);
	assert_true(code >= 1);		/* a vendor that is not GenuineIntel: unknown */
	assert_int_equal(cmd_run(report_main, from, &out, &err), code);
	assert_string_equal(err, "");
	assert_plain(out);
	assert_plain(direct);
	assert_non_null(strstr(out, "?[2J?[Hevil???"));
	free(out);
	free(direct);
	free(err);
}

/* A file with such strings was not written by mdscope: refused in one line. */
static void hostile_file_refused(void **state)
{
	char file[128], good[128], *out, *err, *text;
	const char *snap[] = { "snapshot", "-o", good, "--sysroot", SYSROOT "amd-epyc", NULL };
	const char *from[] = { "report", "--from", file, NULL };
	static const char *const bad[] = { "\\u001b[2Jfake", "a\\u0007b", "\\u009b31m",
					   "\xff\xfe", "\xc0\xaf", "\xed\xa0\x80", "\x7f" };
	size_t len;

	snprintf(file, sizeof(file), "%s/bad.json", dir);
	snprintf(good, sizeof(good), "%s/good.json", dir);
	assert_int_equal(cmd_run(snapshot_main, snap, &out, &err), 0);
	free(out);
	free(err);
	assert_int_equal(sr_read_file(NULL, &text, &len, "%s", good), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *p = strstr(text, "\"amd-epyc\""), *nl;
		FILE *f = fopen(file, "w");

		assert_non_null(p);
		fprintf(f, "%.*s\"%s\"%s", (int)(p - text), text, bad[i], p + strlen("\"amd-epyc\""));
		fclose(f);
		if (cmd_run(report_main, from, &out, &err) != 3 || !(nl = strchr(err, '\n')) || nl[1] ||
		    out[0])
			fail_msg("case %zu: stderr '%s'", i, err);
		assert_plain(err);
		free(out);
		free(err);
	}
	free(text);
}

/* text with every "key":<number> replaced by "key":val; malloc'd. */
static char *subst_number(const char *text, const char *key, const char *val)
{
	char pat[64], *out = malloc(strlen(text) * 2 + 1), *o = out;
	const char *p = text, *q;

	snprintf(pat, sizeof(pat), "\"%s\":", key);
	while ((q = strstr(p, pat))) {
		q += strlen(pat);
		memcpy(o, p, q - p);
		o += q - p;
		o += sprintf(o, "%s", val);
		p = q + strspn(q, "-0123456789");
	}
	strcpy(o, p);
	return out;
}

/*
 * A time of INT64_MAX is refused as out of range, and anything beyond int64
 * is not JSON the loader takes (yajl: integer overflow); never read as a
 * saturated INT64_MAX. A package id of 2^31 or more (the module and the
 * file carry u32) leaves the CPU in no socket: a topology_unknown warning
 * names it, never a silent drop of every socket.
 */
static void numbers_out_of_range(void **state)
{
	char good[128], file[128], *out, *err, *text, *bad, *kernel, *tail;
	const char *snap[] = { "snapshot", "-o", good, "--sysroot", SYSROOT "skylake-sp-md-clear-smt", NULL };
	const char *from[] = { "report", "--json", "--from", file, NULL };
	static const char *const times[] = { "9223372036854775807", "9223372036854775808",
					     "18446744073709551616", "99999999999999999999999" };
	json_object *o;
	size_t len;
	FILE *f;

	snprintf(good, sizeof(good), "%s/good.json", dir);
	snprintf(file, sizeof(file), "%s/range.json", dir);
	assert_int_equal(cmd_run(snapshot_main, snap, &out, &err), 0);
	free(out);
	free(err);
	assert_int_equal(sr_read_file(NULL, &text, &len, "%s", good), 0);
	for (size_t i = 0; i < sizeof(times) / sizeof(times[0]); i++) {
		bad = subst_number(text, "time_ns", times[i]);
		f = fopen(file, "w");
		fputs(bad, f);
		fclose(f);
		free(bad);
		if (cmd_run(report_main, from, &out, &err) != 3 ||
		    !strstr(err, i ? "integer overflow" : "time_ns: out of range"))
			fail_msg("time_ns %s: stderr '%s'", times[i], err);
		free(out);
		free(err);
	}
	/* in cpus[] only: kernel.topology holds ints, its range check refuses 2^31 */
	kernel = strstr(text, "\"kernel\":");
	assert_non_null(kernel);
	tail = subst_number(kernel, "package", "-1");	/* sysfs knows no better */
	*kernel = '\0';
	bad = subst_number(text, "package", "2147483648");
	f = fopen(file, "w");
	fputs(bad, f);
	fputs(tail, f);
	free(tail);
	fclose(f);
	free(bad);
	assert_int_equal(cmd_run(report_main, from, &out, &err), 1);
	o = jparse(out);
	assert_true(has_code(o, "topology_unknown"));
	json_object_put(o);
	free(out);
	free(err);
	free(text);
}

/* Every bad input: exit 3, exactly one line "mdscope: CMD: ..." on stderr, nothing on stdout. */
static void bad_input(void **state)
{
	char corrupt[128], report[128], fifo[128];
	const char *const cases_[][6] = {
		{ "report", "--from", corrupt, NULL },
		{ "report", "--from", report, NULL },
		{ "report", "--from", "/nonexistent.json", NULL },
		{ "report", "--from", FIXTURES "/sysroot", NULL },
		{ "report", "--from", "/dev/zero", NULL },
		{ "report", "--from", fifo, NULL },
		{ "report", "--bogus", NULL },
		{ "report", "--from", NULL },
		{ "report", "stray", NULL },
		{ "report", "--from", corrupt, "--sysroot", "/", NULL },
		{ "report", "--sysroot", "/nonexistent", NULL },
		{ "snapshot", "-o", "/nonexistent/dir/x.json", "--sysroot", SYSROOT "amd-epyc", NULL },
		{ "snapshot", "--output", NULL },
	};
	FILE *f;

	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	assert_int_equal(mkfifo(fifo, 0644), 0);	/* no writer: an open would block */
	snprintf(corrupt, sizeof(corrupt), "%s/corrupt.json", dir);
	snprintf(report, sizeof(report), "%s/report.json", dir);
	f = fopen(corrupt, "w");
	fputs("{\"schema\":\"mdscope-snapshot/1\",\"cpus\":[{\"cpu\":", f);
	fclose(f);
	f = fopen(report, "w");
	fputs("{\"schema\":\"mdscope-report/1\",\"cpus\":[]}\n", f);
	fclose(f);
	for (size_t i = 0; i < sizeof(cases_) / sizeof(cases_[0]); i++) {
		int (*fn)(int, char **) = strcmp(cases_[i][0], "report") ? snapshot_main : report_main;
		char *out, *err;
		int code = cmd_run(fn, (const char *const *)cases_[i], &out, &err);
		char *nl = strchr(err, '\n'), want[32];

		/* the line names the command: "mdscope: report: ..." */
		snprintf(want, sizeof(want), "mdscope: %s: ", cases_[i][0]);
		if (code != 3 || !nl || nl[1] || out[0] || strncmp(err, want, strlen(want)))
			fail_msg("case %zu (%s %s): exit %d, stderr '%s', stdout '%.60s'", i,
				 cases_[i][0], cases_[i][1], code, err, out);
		free(out);
		free(err);
	}
	/* the failed snapshot left no file behind */
	assert_int_equal(access("/nonexistent/dir/x.json.tmp", F_OK), -1);
}

/*
 * This host, as it is: whatever the module and msr driver allow. What could
 * not be read must be null, and the exit status a monitoring one.
 */
static void this_host_honest(void **state)
{
	const char *args[] = { "report", "--json", NULL };
	char *out, *err;
	json_object *o, *cpus;
	bool module, msr;
	int code;

	code = cmd_run(report_main, args, &out, &err);
	o = jparse(out);
	assert_true(code >= 0 && code <= 3);
	assert_int_equal(json_object_get_int(jget(o, "verdict.exit_code")), code);
	module = jget(o, "module") != NULL;
	msr = json_object_get_boolean(jget(o, "msr_driver"));
	if (!module)
		assert_true(strlen(gets_(o, "module_error")) > 0);
	cpus = jget(o, "cpus");
	assert_true(json_object_array_length(cpus) >= 1);
	for (size_t c = 0; c < json_object_array_length(cpus); c++) {
		json_object *cpu = json_object_array_get_idx(cpus, c);

		if (!json_object_get_boolean(jget(cpu, "online")))
			continue;
		/* CPUID runs on every online CPU we may be pinned to (a cpuset
		 * may forbid some: then a note must say so) */
		if (!jget(cpu, "vendor"))
			assert_non_null(strstr(json_object_to_json_string(jget(o, "notes")),
					       "could not be pinned"));
		else
			assert_non_null(jget(cpu, "signature"));
		if (module || msr)
			continue;
		/* no module, no msr driver: no MSR value may appear */
		assert_null(jget(cpu, "microcode_msr"));
		assert_null(jget(cpu, "tsx_ctrl"));
		assert_null(jget(cpu, "platform_id"));
		assert_null(jget(cpu, "arch_capabilities"));
		/* enumerated but unread is "unknown"; not enumerated is a CPUID fact */
		assert_true(!strcmp(gets_(cpu, "arch_capabilities_state"), "unknown") ||
			    !strcmp(gets_(cpu, "arch_capabilities_state"), "not_enumerated"));
		assert_string_equal(gets_(cpu, "collected_by"), "fallback");
	}
	if (!module && !msr)
		assert_non_null(strstr(json_object_to_json_string_ext(jget(o, "notes"), JSON_C_TO_STRING_NOSLASHESCAPE), "msr"));
	json_object_put(o);
	free(out);
	free(err);
}

/* The binary itself, on a fixture tree and on this host. */
static void built_binary(void **state)
{
	char cmd[512];
	int st;

	snprintf(cmd, sizeof(cmd), "make -s -C %s/../../userspace mdscope >/dev/null 2>&1",
		 FIXTURES);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s report --sysroot %samd-epyc >/dev/null", MDSCOPE, SYSROOT);
	st = system(cmd);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	snprintf(cmd, sizeof(cmd), "%s --json > %s/host.json", MDSCOPE, dir);
	st = system(cmd);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) <= 3);
	snprintf(cmd, sizeof(cmd), "%s > /dev/null", MDSCOPE);
	st = system(cmd);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) <= 3);
	/* a failed write is exit 3 with one line, not a silent truncation */
	snprintf(cmd, sizeof(cmd), "%s --json >/dev/full 2>%s/full.err", MDSCOPE, dir);
	st = system(cmd);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 3);
	snprintf(cmd, sizeof(cmd), "test $(wc -l <%s/full.err) = 1", dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s report --help | grep -q -- --sysroot", MDSCOPE);
	assert_int_equal(system(cmd), 0);
}

/* The scratch directory is cmdrun.h's, where cmd_run() keeps its output. */
static int setup(void **state)
{
	if (cmd_setup(state))
		return -1;
	strcpy(dir, cmd_dir);
	return 0;
}

#define teardown cmd_teardown

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fixture_json),
		cmocka_unit_test(fixture_kernel_claims),
		cmocka_unit_test(fixture_text),
		cmocka_unit_test(snapshot_then_from),
		cmocka_unit_test(bad_input),
		cmocka_unit_test(hostile_strings_round_trip),
		cmocka_unit_test(hostile_file_refused),
		cmocka_unit_test(numbers_out_of_range),
		cmocka_unit_test(this_host_honest),
		cmocka_unit_test(built_binary),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
