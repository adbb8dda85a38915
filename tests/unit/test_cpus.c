// SPDX-License-Identifier: GPL-2.0
/*
 * cpus.c + cpuprint.c: the cpus/info/refresh/monitor commands end to end,
 * with the netlink seam replaced (-Wl,--wrap=mds_nl_*) by fixed records.
 * Output is compared byte for byte with tests/fixtures/cpus/.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <unistd.h>

#include "../../userspace/cmd/cpus.c"

const char *prog = "mdscope";

#define NS(s) ((uint64_t)(s) * 1000000000ull)

/* Four CPUs: read and complete; faulting/absent registers; never read; offline. */
static const struct mds_cpu recs[] = {
	{
		.cpu = 0, .online = true, .have_cpuid = true, .have_topology = true,
		.have_ucode_cached = true, .source = MDS_SRC_MODULE,
		.vendor = "GenuineIntel", .max_leaf = 0x16, .signature = 0x50657,
		.leaf1_ecx = 0xfffa3223, .leaf1_edx = 0x0f8bfbff, .leaf7_ebx = 0xd19f4fbb,
		.leaf7_ecx = 0x80c, .leaf7_edx = 0x20000400, .leaf1a_eax = 0,
		.package = 0, .die = 0, .core = 0, .thread = 0, .apic_id = 0,
		.microcode = { MDSCOPE_REG_STATE_OK, 0x500320a, 0 },
		.microcode_cached = 0x500320a,
		.platform_id = { MDSCOPE_REG_STATE_OK, 1, 0 },
		.arch_cap = { MDSCOPE_REG_STATE_OK, 0x2b, 0 },
		.tsx_ctrl = { MDSCOPE_REG_STATE_OK, 0x3, 0 },
		.generation = 3, .read_time_ns = NS(1795833600) + 5,
	},
	{
		.cpu = 1, .online = true, .have_cpuid = true, .have_topology = true,
		.have_ucode_cached = true, .source = MDS_SRC_MODULE,
		.vendor = "GenuineIntel", .max_leaf = 0xd, .signature = 0x506e3,
		.leaf1_ecx = 0x7ffafbbf, .leaf7_edx = 0x0,
		.package = 1, .die = 0, .core = 4, .thread = 1, .apic_id = 9,
		.microcode = { MDSCOPE_REG_STATE_OK, 0xf0, 0 },
		.microcode_cached = 0xd6,
		.platform_id = { MDSCOPE_REG_STATE_FAULT, 0, EIO },
		.arch_cap = { MDSCOPE_REG_STATE_NOT_ENUMERATED, 0, 0 },
		.tsx_ctrl = { MDSCOPE_REG_STATE_NOT_APPLICABLE, 0, 0 },
		.generation = 4, .read_time_ns = NS(1795833661),
	},
	{ .cpu = 2, .online = false, .source = MDS_SRC_NONE },
	{
		.cpu = 3, .online = false, .have_cpuid = true, .have_topology = true,
		.source = MDS_SRC_MODULE, .vendor = "AuthenticAMD", .signature = 0x830f10,
		.leaf7_edx = 0x400, .package = 0, .core = 1, .apic_id = 2,
		.microcode = { MDSCOPE_REG_STATE_OK, 0x8301055, 0 },
		.platform_id = { MDSCOPE_REG_STATE_NOT_APPLICABLE, 0, 0 },
		.arch_cap = { MDSCOPE_REG_STATE_FAULT, 0, ENXIO },
		.tsx_ctrl = { MDSCOPE_REG_STATE_NOT_ENUMERATED, 0, 0 },
		.generation = 2, .read_time_ns = NS(1795833000),
	},
};

/* ---- the fake seam ------------------------------------------------ */

static struct {
	int open_err;		/* mds_module_open */
	const char *why;
	int err;		/* the request */
	const char *msg;	/* mds_nl_error() */
	uint32_t asked_cpu;
	int opened, closed;
	const struct mds_event *events;
	size_t nr_events;
	int monitor_timeout;
	int gone;		/* requests that find the family gone first */
	int gone_err;		/* with this error (-ENOENT, -EPROTONOSUPPORT) */
	int requests;
} fake;

/* A request: the family gone for the first fake.gone of them. */
static int vanish(void)
{
	fake.requests++;
	if (fake.gone <= 0)
		return 0;
	fake.gone--;
	return fake.gone_err;
}

const char *__wrap_mds_module_race_text(void)
{
	return "the mdscope module is being unloaded";
}

int __wrap_mds_module_open(char *why, size_t len)
{
	fake.opened++;
	snprintf(why, len, "%s", fake.why ? fake.why : "");
	return fake.open_err;
}

void __wrap_mds_nl_close(void)
{
	fake.closed++;
}

const char *__wrap_mds_nl_error(void)
{
	return fake.msg ? fake.msg : "";
}

int __wrap_mds_nl_dump_cpus(mds_cpu_cb cb, void *arg)
{
	int err = vanish();

	if (err)
		return err;

	for (size_t i = 0; !fake.err && !err && i < sizeof(recs) / sizeof(recs[0]); i++)
		err = cb(&recs[i], arg);
	return fake.err ?: err;
}

int __wrap_mds_nl_get_cpu(uint32_t cpu, struct mds_cpu *rec)
{
	fake.asked_cpu = cpu;
	if (vanish())
		return fake.gone_err;
	if (fake.err)
		return fake.err;
	*rec = recs[cpu];
	return 0;
}

void __wrap_mds_nl_stats(struct mds_nl_stats *st)
{
	st->messages = 4;
	st->attempts = 2;
}

static const struct mds_info the_info = {
	.version = "0.1.0", .generation = 4, .cpus_possible = 4, .cpus_online = 2,
	.read_time_ns = NS(1795833661),
};

int __wrap_mds_nl_info(struct mds_info *info)
{
	if (vanish())
		return fake.gone_err;
	*info = the_info;
	return fake.err;
}

int __wrap_mds_nl_refresh(struct mds_info *info)
{
	if (vanish())
		return fake.gone_err;
	*info = the_info;
	info->generation++;
	return fake.err;
}

int __wrap_mds_nl_monitor(mds_event_cb cb, void *arg, int timeout_ms)
{
	fake.monitor_timeout = timeout_ms;
	for (size_t i = 0; i < fake.nr_events; i++) {
		int ret = cb(&fake.events[i], arg);

		if (ret)
			return ret;
	}
	return fake.err ?: -ETIMEDOUT;
}

static int reset(void **state)
{
	memset(&fake, 0, sizeof(fake));
	race_nap_ms = 0;
	return 0;
}

/* ---- running a command with stdout and stderr captured ------------ */

struct run {
	int rc;
	char out[16384], err[1024];
};

static void slurp(FILE *f, char *buf, size_t len)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
}

static void run(struct run *r, int (*fn)(int, char **), ...)
{
	char *argv[16];
	int argc = 0, save1, save2;
	FILE *o = tmpfile(), *e = tmpfile();
	va_list ap;

	assert_non_null(o);
	assert_non_null(e);
	va_start(ap, fn);
	while ((argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	fflush(stdout);
	fflush(stderr);
	save1 = dup(1);
	save2 = dup(2);
	dup2(fileno(o), 1);
	dup2(fileno(e), 2);
	r->rc = fn(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(save1, 1);
	dup2(save2, 2);
	close(save1);
	close(save2);
	slurp(o, r->out, sizeof(r->out));
	slurp(e, r->err, sizeof(r->err));
}

static void assert_fixture(const char *text, const char *name)
{
	char path[512], want[16384];
	FILE *f;

	/* MDS_FIXTURE_OUT=DIR: also write what came out there, to review a change */
	if (getenv("MDS_FIXTURE_OUT")) {
		snprintf(path, sizeof(path), "%s/%s", getenv("MDS_FIXTURE_OUT"), name);
		f = fopen(path, "w");
		if (f) {
			fputs(text, f);
			fclose(f);
		}
	}
	snprintf(path, sizeof(path), "%s/cpus/%s", FIXTURES, name);
	f = fopen(path, "r");
	if (!f)
		fail_msg("missing fixture %s", path);
	slurp(f, want, sizeof(want));
	assert_string_equal(text, want);
}

/* ---- cpus ------------------------------------------------------------ */

static void cpus_table_matches_fixture(void **state)
{
	struct run r;

	run(&r, cpus_main, "cpus", NULL);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.err, "");
	assert_fixture(r.out, "table.txt");
	assert_int_equal(fake.opened, 1);
	assert_int_equal(fake.closed, 1);
}

static void cpus_json_matches_fixture(void **state)
{
	struct run r;

	run(&r, cpus_main, "cpus", "--json", NULL);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.err, "");
	assert_fixture(r.out, "cpus.json");
}

static void cpus_stats_on_request(void **state)
{
	struct run r;

	setenv("MDSCOPE_NL_STATS", "1", 1);
	run(&r, cpus_main, "cpus", "--json", NULL);
	unsetenv("MDSCOPE_NL_STATS");
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.err, "mdscope: cpus: 4 records in 4 netlink messages, 2 attempt(s)\n");
	assert_fixture(r.out, "cpus.json");
}

static void cpus_one_cpu_asks_for_it(void **state)
{
	struct run r;

	run(&r, cpus_main, "cpus", "-j", "--cpu", "1", NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(fake.asked_cpu, 1);
	assert_fixture(r.out, "cpu1.json");

	run(&r, cpus_main, "cpus", "--cpu=3", NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(fake.asked_cpu, 3);
	assert_non_null(strstr(r.out, "AuthenticAMD"));
	assert_null(strstr(r.out, "GenuineIntel"));
}

static void cpus_kernel_error_prints_extack(void **state)
{
	struct run r;

	fake.err = -ENODEV;
	fake.msg = "no such CPU: not a possible CPU on this system";
	run(&r, cpus_main, "cpus", "--cpu", "4096", NULL);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "mdscope: reading CPU 4096: no such CPU: not a possible "
			    "CPU on this system (No such device)\n");
}

static void cpus_malformed_dump_is_one_line(void **state)
{
	struct run r;

	fake.err = -EINVAL;
	fake.msg = "malformed reply: attribute SIGNATURE has 8 bytes, expected 4";
	run(&r, cpus_main, "cpus", "--json", NULL);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "mdscope: dumping CPUs: malformed reply: attribute SIGNATURE "
			    "has 8 bytes, expected 4 (Invalid argument)\n");
}

static void cpus_module_missing_says_why(void **state)
{
	struct run r;

	fake.open_err = -ENOENT;
	fake.why = "mdscope.ko is not installed for kernel 6.1.0-56-amd64: install it with "
		   "`make dkms-install` or `dkms install`";
	run(&r, cpus_main, "cpus", NULL);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "mdscope: mdscope.ko is not installed for kernel "
			    "6.1.0-56-amd64: install it with `make dkms-install` or `dkms install`\n");
}

/* Every bad command line: exit 1, one stderr line, nothing on stdout, no netlink. */
static void bad_command_lines(void **state)
{
	static const struct {
		int (*fn)(int, char **);
		const char *args[4];
		const char *err;
	} cases[] = {
		{ cpus_main, { "cpus", "--bogus" }, "mdscope: cpus: unknown option '--bogus' (see --help)\n" },
		{ cpus_main, { "cpus", "-x" }, "mdscope: cpus: unknown option '-x' (see --help)\n" },
		{ cpus_main, { "cpus", "--cpu" }, "mdscope: cpus: option '--cpu' needs a value (see --help)\n" },
		{ cpus_main, { "cpus", "--cpu", "-1" }, "mdscope: cpus: --cpu wants a number from 0 to 4294967295, not '-1'\n" },
		{ cpus_main, { "cpus", "--cpu", "4294967296" }, "mdscope: cpus: --cpu wants a number from 0 to 4294967295, not '4294967296'\n" },
		{ cpus_main, { "cpus", "--cpu", "1x" }, "mdscope: cpus: --cpu wants a number from 0 to 4294967295, not '1x'\n" },
		{ cpus_main, { "cpus", "--json=1" }, "mdscope: cpus: option '--json' takes no value (see --help)\n" },
		{ cpus_main, { "cpus", "now" }, "mdscope: cpus: unexpected argument 'now' (see --help)\n" },
		{ info_main, { "info", "--cpu", "1" }, "mdscope: info: unknown option '--cpu' (see --help)\n" },
		{ refresh_main, { "refresh", "all" }, "mdscope: refresh: unexpected argument 'all' (see --help)\n" },
		{ monitor_main, { "monitor", "--count", "" }, "mdscope: monitor: --count wants a number from 0 to 2147483647, not ''\n" },
		{ monitor_main, { "monitor", "--timeout", "1.5" }, "mdscope: monitor: --timeout wants a number from 0 to 2147483, not '1.5'\n" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *const *a = cases[i].args;
		struct run r;

		run(&r, cases[i].fn, a[0], a[1], a[2], a[3], NULL);
		assert_int_equal(r.rc, 1);
		assert_string_equal(r.out, "");
		assert_string_equal(r.err, cases[i].err);
	}
	assert_int_equal(fake.opened, 0);
}

static void help_goes_to_stdout(void **state)
{
	int (*const fns[])(int, char **) = { cpus_main, info_main, refresh_main, monitor_main };
	const char *names[] = { "cpus", "info", "refresh", "monitor" };
	char want[64];
	struct run r;

	for (size_t i = 0; i < 4; i++) {
		run(&r, fns[i], names[i], "--help", NULL);
		assert_int_equal(r.rc, 0);
		assert_string_equal(r.err, "");
		snprintf(want, sizeof(want), "Usage: mdscope %s", names[i]);
		assert_memory_equal(r.out, want, strlen(want));
	}
	assert_int_equal(fake.opened, 0);
}

/* ---- info, refresh ------------------------------------------------ */

static void info_text_and_json(void **state)
{
	struct run r;

	run(&r, info_main, "info", NULL);
	assert_int_equal(r.rc, 0);
	assert_fixture(r.out, "info.txt");
	run(&r, info_main, "info", "--json", NULL);
	assert_int_equal(r.rc, 0);
	assert_fixture(r.out, "info.json");
}

static void refresh_reports_new_generation(void **state)
{
	struct run r;

	run(&r, refresh_main, "refresh", NULL);
	assert_int_equal(r.rc, 0);
	assert_non_null(strstr(r.out, "Generation:      5\n"));
}

static void refresh_without_privilege(void **state)
{
	struct run r;

	fake.err = -EPERM;
	run(&r, refresh_main, "refresh", NULL);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "mdscope: refresh: re-reading every CPU needs CAP_SYS_ADMIN: "
			    "run as root (Operation not permitted)\n");

	/* the kernel's own words when it gives them */
	fake.msg = "refresh re-reads every CPU and needs CAP_SYS_ADMIN";
	run(&r, refresh_main, "refresh", NULL);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.err, "mdscope: refresh: refresh re-reads every CPU and needs "
			    "CAP_SYS_ADMIN: run as root (Operation not permitted)\n");
}

/* ---- monitor ------------------------------------------------------- */

static const struct mds_event evs[] = {
	{ .generation = 5, .event = MDSCOPE_EVENT_OFFLINE, .cpu = 3, .have_cpu = 1,
	  .read_time_ns = NS(1795833700) },
	{ .generation = 6, .event = MDSCOPE_EVENT_ONLINE, .cpu = 3, .have_cpu = 1,
	  .read_time_ns = NS(1795833701) },
	{ .generation = 7, .event = MDSCOPE_EVENT_REFRESH, .read_time_ns = NS(1795833702) },
	{ .generation = 8, .event = 99 },
};

static void monitor_stops_after_count(void **state)
{
	struct run r;

	fake.events = evs;
	fake.nr_events = 4;
	run(&r, monitor_main, "monitor", "--count", "3", "--timeout", "30", NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(fake.monitor_timeout, 30000);
	assert_string_equal(r.out, "generation 5 event offline cpu 3\n"
			    "generation 6 event online cpu 3\n"
			    "generation 7 event refresh\n");
	assert_string_equal(r.err, "");
}

static void monitor_json_lines(void **state)
{
	struct run r;

	fake.events = evs;
	fake.nr_events = 4;
	run(&r, monitor_main, "monitor", "-j", "-n", "4", NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(fake.monitor_timeout, -1);
	assert_fixture(r.out, "events.jsonl");
}

static void monitor_times_out(void **state)
{
	struct run r;

	fake.events = evs;
	fake.nr_events = 1;
	run(&r, monitor_main, "monitor", "--count", "2", "--timeout", "5", NULL);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.out, "generation 5 event offline cpu 3\n");
	assert_string_equal(r.err, "mdscope: monitor: timed out after 5 s with 1 of 2 events\n");

	run(&r, monitor_main, "monitor", "--timeout", "0", NULL);
	assert_int_equal(r.rc, 1);
	assert_int_equal(fake.monitor_timeout, 0);
	assert_string_equal(r.err, "mdscope: monitor: timed out after 0 s\n");
}

/* ---- the module unloaded or reloaded under a request ------------- */

/* A few vanished requests: asked again, the answer printed, nothing on stderr. */
static void race_retried(void **state)
{
	static const struct {
		int (*fn)(int, char **);
		const char *args[3];
		int err;
	} cases[] = {
		{ cpus_main, { "cpus", "--json" }, -ENOENT },
		{ cpus_main, { "cpus", "--json" }, -EPROTONOSUPPORT },
		{ cpus_main, { "cpus", "--cpu", "1" }, -ENOENT },
		{ info_main, { "info" }, -ENOENT },
		{ refresh_main, { "refresh" }, -ENOENT },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;

		reset(NULL);
		fake.gone = 3;
		fake.gone_err = cases[i].err;
		run(&r, cases[i].fn, cases[i].args[0], cases[i].args[1], cases[i].args[2], NULL);
		assert_int_equal(r.rc, 0);
		assert_string_equal(r.err, "");
		assert_int_equal(fake.requests, 4);
		assert_int_equal(fake.opened, 4);
		assert_int_equal(fake.closed, 4);
		assert_true(strlen(r.out) > 0);
	}
}

/* Still gone after every try: one line saying what the module does, no errno text. */
static void race_gives_up_in_one_line(void **state)
{
	static const struct {
		int (*fn)(int, char **);
		const char *cmd;
		int err;
	} cases[] = {
		{ cpus_main, "cpus", -ENOENT },
		{ cpus_main, "cpus", -EPROTONOSUPPORT },
		{ info_main, "info", -ENOENT },
		{ refresh_main, "refresh", -EPROTONOSUPPORT },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char want[128];
		struct run r;

		reset(NULL);
		fake.gone = 1000;
		fake.gone_err = cases[i].err;
		run(&r, cases[i].fn, cases[i].cmd, NULL);
		assert_int_equal(r.rc, 1);
		assert_string_equal(r.out, "");
		snprintf(want, sizeof(want), "mdscope: %s: the mdscope module is being unloaded; "
			 "try again\n", cases[i].cmd);
		assert_string_equal(r.err, want);
		assert_int_equal(fake.requests, RACE_TRIES);
		assert_null(strstr(r.err, "Protocol not supported"));
		assert_null(strstr(r.err, "No such file"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(cpus_table_matches_fixture, reset),
		cmocka_unit_test_setup(cpus_json_matches_fixture, reset),
		cmocka_unit_test_setup(cpus_stats_on_request, reset),
		cmocka_unit_test_setup(cpus_one_cpu_asks_for_it, reset),
		cmocka_unit_test_setup(cpus_kernel_error_prints_extack, reset),
		cmocka_unit_test_setup(cpus_malformed_dump_is_one_line, reset),
		cmocka_unit_test_setup(cpus_module_missing_says_why, reset),
		cmocka_unit_test_setup(bad_command_lines, reset),
		cmocka_unit_test_setup(help_goes_to_stdout, reset),
		cmocka_unit_test_setup(info_text_and_json, reset),
		cmocka_unit_test_setup(refresh_reports_new_generation, reset),
		cmocka_unit_test_setup(refresh_without_privilege, reset),
		cmocka_unit_test_setup(monitor_stops_after_count, reset),
		cmocka_unit_test_setup(monitor_json_lines, reset),
		cmocka_unit_test_setup(monitor_times_out, reset),
		cmocka_unit_test_setup(race_retried, reset),
		cmocka_unit_test_setup(race_gives_up_in_one_line, reset),
	};

	return cmocka_run_group_tests_name("cpus", tests, NULL, NULL);
}
