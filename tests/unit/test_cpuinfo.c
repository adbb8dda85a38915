// SPDX-License-Identifier: GPL-2.0
/*
 * cpuinfo.c: /proc/cpuinfo files (a real one from an AMD guest, a
 * hand-written 2-socket Intel one) and every kind of malformed input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../userspace/collect/cpuinfo.c"
#include "sysfs.h"

const char *prog = "mdscope";

static int parse_fixture(const char *name, struct mds_cpuinfo **ci, size_t *nr)
{
	struct mds_err err = { "" };
	char *buf;
	size_t len;
	int r;

	assert_int_equal(sr_read_file(FIXTURES "/cpuinfo", &buf, &len, "/%s", name), 0);
	r = parse_cpuinfo(buf, len, ci, nr, &err);
	free(buf);
	if (r)
		fail_msg("%s: %s", name, err.msg);
	return r;
}

static void amd_guest(void **state)
{
	struct mds_cpuinfo *ci;
	size_t nr;

	assert_int_equal(parse_fixture("amd-epyc-guest.txt", &ci, &nr), 0);
	assert_int_equal(nr, 2);
	for (size_t i = 0; i < nr; i++) {
		assert_int_equal(ci[i].cpu, i);
		assert_string_equal(ci[i].vendor, "AuthenticAMD");
		assert_int_equal(ci[i].family, 25);
		assert_int_equal(ci[i].model, 17);
		assert_int_equal(ci[i].stepping, 1);
		assert_true(ci[i].have_microcode);
		assert_int_equal(ci[i].microcode, 0x1000065);
		assert_int_equal(ci[i].physical_id, 0);
		assert_int_equal(ci[i].core_id, (int)i);
		assert_true(ci[i].have_flags && ci[i].hypervisor);
		assert_false(ci[i].md_clear || ci[i].rtm || ci[i].hle || ci[i].arch_capabilities);
		assert_true(ci[i].have_bugs);
		assert_false(ci[i].bug_mds || ci[i].bug_taa || ci[i].bug_msbds_only);
	}
	free(ci);
}

static void intel_two_sockets(void **state)
{
	struct mds_cpuinfo *ci;
	size_t nr;

	assert_int_equal(parse_fixture("intel-2socket.txt", &ci, &nr), 0);
	assert_int_equal(nr, 3);
	/* sorted by processor although the file lists 0, 2, 1 */
	assert_int_equal(ci[0].cpu, 0);
	assert_int_equal(ci[1].cpu, 1);
	assert_int_equal(ci[2].cpu, 2);
	assert_int_equal(ci[0].stepping, 7);
	assert_int_equal(ci[0].microcode, 0x500320a);
	assert_true(ci[0].md_clear && ci[0].rtm && ci[0].hle && ci[0].arch_capabilities);
	assert_false(ci[0].hypervisor);
	assert_true(ci[0].bug_taa);
	assert_false(ci[0].bug_mds);
	assert_int_equal(ci[1].stepping, -1);	/* "unknown" */
	assert_true(ci[1].hypervisor && ci[1].md_clear);
	assert_false(ci[1].have_bugs);
	assert_int_equal(ci[2].physical_id, 1);
	assert_int_equal(ci[2].microcode, 0x2000065);
	assert_false(ci[2].md_clear);
	assert_true(ci[2].rtm && ci[2].bug_mds && ci[2].bug_taa);
	free(ci);
}

/* A flag that is only a prefix or suffix of a known one does not count. */
static void flag_tokens_exact(void **state)
{
	static const char text[] = "processor : 0\nflags : md_clearx xrtm hle_ arch_capabilities2\n";
	struct mds_cpuinfo *ci;
	struct mds_err err;
	size_t nr;

	assert_int_equal(parse_cpuinfo(text, strlen(text), &ci, &nr, &err), 0);
	assert_int_equal(nr, 1);
	assert_true(ci[0].have_flags);
	assert_false(ci[0].md_clear || ci[0].rtm || ci[0].hle || ci[0].arch_capabilities);
	assert_int_equal(ci[0].family, -1);
	assert_false(ci[0].have_microcode);
	free(ci);
}

static void bad(const char *text, size_t len, const char *needle)
{
	struct mds_cpuinfo *ci = (void *)1;
	struct mds_err err = { "" };
	size_t nr = 99;

	if (parse_cpuinfo(text, len, &ci, &nr, &err) != -EINVAL)
		fail_msg("accepted: '%.60s'", text ? text : "(null)");
	assert_null(ci);
	assert_int_equal(nr, 0);
	if (!strstr(err.msg, needle))
		fail_msg("message '%s' lacks '%s'", err.msg, needle);
}

#define BAD(s, needle) bad(s, sizeof(s) - 1, needle)

static void malformed(void **state)
{
	char *huge;

	bad(NULL, 0, "binary");
	BAD("", "no processor");
	BAD("\n\n\n", "no processor");
	BAD("processor : 0\nthis line has no colon\n", "line 2: no ':'");
	BAD("vendor_id : GenuineIntel\n\nprocessor : 1\n", "without a 'processor'");
	BAD("processor : 0\nprocessor : 1\n", "two 'processor'");
	BAD("processor : 0\n\nprocessor : 0\n", "listed twice");
	BAD("processor : x\n", "bad processor");
	BAD("processor : -1\n", "bad processor");
	BAD("processor : 99999\n", "bad processor");
	BAD("processor : 0\nmicrocode : 500320a\n", "bad microcode");
	BAD("processor : 0\nmicrocode : 0x\n", "bad microcode");
	BAD("processor : 0\nmicrocode : 0x1ffffffff\n", "bad microcode");
	BAD("processor : 0\ncpu family : six\n", "bad cpu family");
	BAD("processor : 0\nmodel : 85abc\n", "bad model");
	BAD("processor : 0\nvendor_id : GenuineIntelXYZ\n", "too long");
	BAD("processor : 0\nflags : md\0clear\n", "binary");
	BAD("\xff\xfe\x01\x02", "no ':'");
	/* more processors than the snapshot can hold */
	huge = malloc(20 * (MDS_SNAP_MAX_CPUS + 2));
	assert_non_null(huge);
	huge[0] = '\0';
	for (int i = 0, off = 0; i <= MDS_SNAP_MAX_CPUS; i++)
		off += sprintf(huge + off, "processor:%d\n\n", i % MDS_SNAP_MAX_CPUS);
	bad(huge, strlen(huge), "processor");
	free(huge);
}

/* No newline at the end, CR-less, tabs around the colon: still parsed. */
static void lenient_spacing(void **state)
{
	static const char text[] = "processor\t\t:\t3\nmicrocode:0xAB";
	struct mds_cpuinfo *ci;
	struct mds_err err;
	size_t nr;

	assert_int_equal(parse_cpuinfo(text, strlen(text), &ci, &nr, &err), 0);
	assert_int_equal(nr, 1);
	assert_int_equal(ci[0].cpu, 3);
	assert_int_equal(ci[0].microcode, 0xab);
	free(ci);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(amd_guest),
		cmocka_unit_test(intel_two_sockets),
		cmocka_unit_test(flag_tokens_exact),
		cmocka_unit_test(malformed),
		cmocka_unit_test(lenient_spacing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
