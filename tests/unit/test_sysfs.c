// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs.c: the vulnerabilities/{mds,tsx_async_abort} parser against every
 * exact string of the kernel (tests/fixtures/sysfs/ CSV, a copy of
 * shared/data, expanded: each {a|b} alternative and the guest suffix),
 * malformed, empty and binary text; smt files; cpulists; the prefix-aware
 * readers on files made here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sys/stat.h>

#include "../../userspace/collect/sysfs.c"

const char *prog = "mdscope";

/* The expected state for a CSV condition, by the kernel's mitigation name. */
static const struct {
	const char *file;	/* NULL: any file */
	const char *needle;
	enum mds_kstate state;
} cond_states[] = {
	{ "reg_file_data_sampling", "_VERW", MDS_KSTATE_MITIGATION_CLEAR_REGFILE },
	{ "reg_file_data_sampling", "UCODE_NEEDED", MDS_KSTATE_VULNERABLE_NO_MICROCODE },
	{ "mmio_stale_data", "MMIO_UNKNOWN", MDS_KSTATE_UNKNOWN_NO_MITIGATIONS },
	{ NULL, "no X86_BUG", MDS_KSTATE_NOT_AFFECTED },
	{ NULL, "_OFF", MDS_KSTATE_VULNERABLE },
	{ NULL, "_FULL", MDS_KSTATE_MITIGATION_VERW },
	{ NULL, "_VERW", MDS_KSTATE_MITIGATION_VERW },
	{ NULL, "VMWERV", MDS_KSTATE_VULNERABLE_NO_UCODE },
	{ NULL, "UCODE_NEEDED", MDS_KSTATE_VULNERABLE_NO_UCODE },
	{ NULL, "TSX_DISABLED", MDS_KSTATE_TSX_DISABLED },
};

static enum mds_kstate expected_state(const char *file, const char *cond)
{
	for (size_t i = 0; i < sizeof(cond_states) / sizeof(cond_states[0]); i++)
		if ((!cond_states[i].file || !strcmp(cond_states[i].file, file)) &&
		    strstr(cond, cond_states[i].needle))
			return cond_states[i].state;
	fail_msg("no expectation for condition '%s'", cond);
	return MDS_KSTATE_UNKNOWN;
}

static enum mds_ksmt smt_of(const char *word)
{
	if (!strcmp(word, "vulnerable"))
		return MDS_KSMT_VULNERABLE;
	if (!strcmp(word, "disabled"))
		return MDS_KSMT_DISABLED;
	if (!strcmp(word, "mitigated"))
		return MDS_KSMT_MITIGATED;
	fail_msg("unknown SMT word '%s'", word);
	return MDS_KSMT_NONE;
}

/* The row whose sysfs file is name. */
static enum vuln_id vuln_of(const char *name)
{
	for (int v = 0; v < VULN_NR; v++)
		if (!strcmp(vuln_info[v].sysfs, name))
			return v;
	return VULN_NR;	/* a file of another family (srbds, ...) */
}

static void check_file(enum vuln_id v, const char *text, enum mds_kstate st, enum mds_ksmt smt)
{
	struct mds_kclaim c;
	struct mds_err err = { "" };
	int r = parse_vuln_claim(v, text, &c, &err);

	if (r)
		fail_msg("'%s' rejected: %s", text, err.msg);
	if (c.state != st || c.smt != smt)
		fail_msg("'%s': got %s/%s, want %s/%s", text, mds_kstate_name(c.state),
			 mds_ksmt_name(c.smt), mds_kstate_name(st), mds_ksmt_name(smt));
	assert_true(c.present);
}

/* The texts of mds and tsx_async_abort (TAA accepts all of MDS's and "TSX disabled"). */
static void check(const char *text, enum mds_kstate st, enum mds_ksmt smt)
{
	check_file(VULN_TAA, text, st, smt);
}

/* Every row of the CSV, each alternative, bare and in a guest. */
static void csv_every_string(void **state)
{
	FILE *f = fopen(FIXTURES "/sysfs/kernel-sysfs-strings-mds-taa.csv", "r");
	char line[512];
	int checked = 0;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		char *file = line, *cond, *text, *brace, *p;
		enum mds_kstate st;
		enum vuln_id v;

		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || !strncmp(line, "sysfs_file,", 11))
			continue;
		cond = strchr(file, ',');
		assert_non_null(cond);
		*cond++ = '\0';
		v = vuln_of(file);
		if (v == VULN_NR)
			continue;
		/* condition may be quoted and hold commas: the text is after the last
		 * top-level comma; texts with commas are quoted */
		if (cond[0] == '"') {
			p = strchr(cond + 1, '"');
			text = p + 2;
		} else {
			p = strchr(cond, ',');
			text = p + 1;
		}
		*(text - 1) = '\0';
		if (text[0] == '"') {
			text++;
			text[strlen(text) - 1] = '\0';
		}
		if (!strncmp(text, "<state>", 7))
			continue;	/* the guest rows: exercised below for every state */
		st = expected_state(file, cond);
		brace = strchr(text, '{');
		if (!brace) {
			check_file(v, text, st, MDS_KSMT_NONE);
			checked++;
			continue;
		}
		/* "...; SMT {a|b}": each alternative, then the guest form */
		for (char *alt = brace + 1; *alt && *alt != '}';) {
			size_t n = strcspn(alt, "|}");
			char word[32], full[256];

			snprintf(word, sizeof(word), "%.*s", (int)n, alt);
			snprintf(full, sizeof(full), "%.*s%s", (int)(brace - text), text, word);
			check_file(v, full, st, smt_of(word));
			checked++;
			alt += n + (alt[n] == '|');
		}
		{
			char guest[256];

			snprintf(guest, sizeof(guest), "%.*sHost state unknown", (int)(brace - text), text);
			check_file(v, guest, st, MDS_KSMT_HOST_STATE_UNKNOWN);
			checked++;
		}
	}
	fclose(f);
	/* mds: 1 + 4 rows x (2 alternatives + guest); taa: 3 + 2 x 3;
	 * mmio_stale_data: 3 + 2 x 3; reg_file_data_sampling: 4 */
	assert_int_equal(checked, 35);
}

static void exact_strings(void **state)
{
	check("Not affected", MDS_KSTATE_NOT_AFFECTED, MDS_KSMT_NONE);
	check("Not affected\n", MDS_KSTATE_NOT_AFFECTED, MDS_KSMT_NONE);
	check("Vulnerable", MDS_KSTATE_VULNERABLE, MDS_KSMT_NONE);
	check("Mitigation: TSX disabled", MDS_KSTATE_TSX_DISABLED, MDS_KSMT_NONE);
	check("Mitigation: Clear CPU buffers; SMT Host state unknown",
	      MDS_KSTATE_MITIGATION_VERW, MDS_KSMT_HOST_STATE_UNKNOWN);
	check("Vulnerable: Clear CPU buffers attempted, no microcode; SMT Host state unknown",
	      MDS_KSTATE_VULNERABLE_NO_UCODE, MDS_KSMT_HOST_STATE_UNKNOWN);
	check("Mitigation: Clear CPU buffers; SMT mitigated", MDS_KSTATE_MITIGATION_VERW,
	      MDS_KSMT_MITIGATED);
}

static void rejects_file(enum vuln_id v, const char *text, const char *needle)
{
	struct mds_kclaim c;
	struct mds_err err = { "" };

	if (parse_vuln_claim(v, text, &c, &err) != -EINVAL)
		fail_msg("'%s' accepted", text ? text : "(null)");
	assert_int_equal(c.state, MDS_KSTATE_UNKNOWN);
	if (!strstr(err.msg, needle))
		fail_msg("'%s': message '%s' lacks '%s'", text ? text : "(null)", err.msg, needle);
}

static void rejects(const char *text, const char *needle)
{
	rejects_file(VULN_TAA, text, needle);
}

/* Each file accepts only its own texts and suffixes. */
static void per_file_texts(void **state)
{
	rejects_file(VULN_MDS, "Mitigation: TSX disabled", "unrecognised");
	rejects_file(VULN_MDS, "Mitigation: Clear Register File", "unrecognised");
	rejects_file(VULN_TAA, "Unknown: No mitigations", "unrecognised");
	rejects_file(VULN_MMIO, "Mitigation: TSX disabled", "unrecognised");
	rejects_file(VULN_MMIO, "Vulnerable; SMT vulnerable", "never carries");
	rejects_file(VULN_MMIO, "Unknown: No mitigations; SMT vulnerable", "never carries");
	rejects_file(VULN_RFDS, "Mitigation: Clear CPU buffers", "unrecognised");
	rejects_file(VULN_RFDS, "Mitigation: Clear Register File; SMT vulnerable", "never carries");
	rejects_file(VULN_RFDS, "Vulnerable: Clear CPU buffers attempted, no microcode", "unrecognised");
	check_file(VULN_MDS, "Vulnerable; SMT disabled", MDS_KSTATE_VULNERABLE, MDS_KSMT_DISABLED);
	check_file(VULN_MMIO, "Unknown: No mitigations", MDS_KSTATE_UNKNOWN_NO_MITIGATIONS,
		   MDS_KSMT_NONE);
	check_file(VULN_RFDS, "Vulnerable: No microcode\n", MDS_KSTATE_VULNERABLE_NO_MICROCODE,
		   MDS_KSMT_NONE);
}

static void malformed(void **state)
{
	char big[10000];

	rejects(NULL, "no text");
	rejects("", "empty");
	rejects("\n", "empty");
	rejects("   ", "empty");
	rejects("not affected", "unrecognised");
	rejects("Not affected; SMT vulnerable", "never carries");
	rejects("Mitigation: TSX disabled; SMT disabled", "never carries");
	rejects("Mitigation: Clear CPU buffers; SMT ", "unrecognised SMT");
	rejects("Mitigation: Clear CPU buffers; SMT bogus", "unrecognised SMT");
	rejects("Mitigation: Clear CPU buffers;SMT vulnerable", "unrecognised");
	rejects("Unknown: Dependent on hypervisor status", "unrecognised");
	rejects("Unknown: No mitigations", "unrecognised");
	rejects("Mitigation: Clear Register File", "unrecognised");
	rejects("\x01\x02\xff\xfe", "unrecognised");
	rejects("Vulnerable\x01", "unrecognised");
	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	rejects(big, "unrecognised");
}

static void smt_files(void **state)
{
	enum mds_smt_control c;
	struct mds_err err;
	int a;

	assert_int_equal(parse_smt_control("on\n", &c, &err), 0);
	assert_int_equal(c, MDS_SMTCTL_ON);
	assert_int_equal(parse_smt_control("forceoff", &c, &err), 0);
	assert_int_equal(c, MDS_SMTCTL_FORCEOFF);
	assert_int_equal(parse_smt_control("notsupported", &c, &err), 0);
	assert_int_equal(c, MDS_SMTCTL_NOTSUPPORTED);
	assert_int_equal(parse_smt_control("notimplemented", &c, &err), 0);
	assert_int_equal(c, MDS_SMTCTL_NOTIMPLEMENTED);
	assert_int_equal(parse_smt_control("maybe", &c, &err), -EINVAL);
	assert_int_equal(c, MDS_SMTCTL_UNKNOWN);
	assert_int_equal(parse_smt_control("", &c, &err), -EINVAL);
	assert_int_equal(parse_smt_control("onx", &c, &err), -EINVAL);
	assert_int_equal(parse_smt_active("1\n", &a, &err), 0);
	assert_int_equal(a, 1);
	assert_int_equal(parse_smt_active("0", &a, &err), 0);
	assert_int_equal(a, 0);
	assert_int_equal(parse_smt_active("2", &a, &err), -EINVAL);
	assert_int_equal(a, -1);
	assert_int_equal(parse_smt_active("", &a, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "smt/active"));
}

static void cpulists(void **state)
{
	struct mds_err err;

	assert_int_equal(parse_cpulist_count("0", &err), 1);
	assert_int_equal(parse_cpulist_count("0-3\n", &err), 4);
	assert_int_equal(parse_cpulist_count("0,4", &err), 2);
	assert_int_equal(parse_cpulist_count("0-1,8-9,12", &err), 5);
	assert_int_equal(parse_cpulist_count("", &err), 0);
	assert_int_equal(parse_cpulist_count("3-1", &err), -EINVAL);
	assert_int_equal(parse_cpulist_count("0,", &err), -EINVAL);
	assert_int_equal(parse_cpulist_count("a", &err), -EINVAL);
	assert_int_equal(parse_cpulist_count("0-", &err), -EINVAL);
	assert_int_equal(parse_cpulist_count("99999", &err), -EINVAL);
	assert_int_equal(parse_cpulist_count("-1", &err), -EINVAL);
	assert_non_null(strstr(err.msg, "cpulist"));
	/* the thread index: position in the sibling list */
	assert_int_equal(parse_cpulist_index("0,4", 4, &err), 1);
	assert_int_equal(parse_cpulist_index("0,4", 0, &err), 0);
	assert_int_equal(parse_cpulist_index("2-5,9", 9, &err), 4);
	assert_int_equal(parse_cpulist_index("2-5,9", 4, &err), 2);
	assert_int_equal(parse_cpulist_index("2-5,9", 7, &err), -ENOENT);
	assert_int_equal(parse_cpulist_index("", 0, &err), -ENOENT);
	assert_int_equal(parse_cpulist_index("0,x", 5, &err), -EINVAL);
	assert_int_equal(parse_cpulist_index("0,4", 4, NULL), 1);
}

static char tmpdir[64];

static void put(const char *name, const char *data, size_t len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void readers(void **state)
{
	char buf[16], path[128], *all;
	size_t len;

	strcpy(tmpdir, "/tmp/mdscope-test-sysfs-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	put("text", "Not affected\n\n", 14);
	put("nul", "Not\0affected\n", 13);
	put("long", "0123456789abcdefghij\n", 21);
	assert_int_equal(sr_read_string(tmpdir, buf, sizeof(buf), "/%s", "text"), 0);
	assert_string_equal(buf, "Not affected");
	assert_int_equal(sr_read_string(tmpdir, buf, sizeof(buf), "/nul"), -EINVAL);
	assert_int_equal(sr_read_string(tmpdir, buf, sizeof(buf), "/long"), -EFBIG);
	assert_int_equal(sr_read_string(tmpdir, buf, sizeof(buf), "/missing"), -ENOENT);
	/* a trailing slash on the root is folded; "/" and NULL mean the live root */
	snprintf(path, sizeof(path), "%s/", tmpdir);
	assert_int_equal(sr_read_string(path, buf, sizeof(buf), "/text"), 0);
	assert_int_equal(sr_path(path, sizeof(path), "/", "/proc/cmdline"), 0);
	assert_string_equal(path, "/proc/cmdline");
	assert_int_equal(sr_path(path, sizeof(path), NULL, "/proc/%s", "cpuinfo"), 0);
	assert_string_equal(path, "/proc/cpuinfo");
	assert_int_equal(sr_path(path, 8, "/a/b/c/d", "/proc/cmdline"), -ENAMETOOLONG);
	assert_int_equal(sr_read_file(tmpdir, &all, &len, "/nul"), 0);
	assert_int_equal(len, 13);
	free(all);
	/* only regular files, and nothing blocks: a FIFO without a writer, a
	 * device, a directory where a file belongs */
	snprintf(path, sizeof(path), "%s/fifo", tmpdir);
	assert_int_equal(mkfifo(path, 0644), 0);
	assert_int_equal(sr_read_string(tmpdir, buf, sizeof(buf), "/fifo"), -SR_ENOTREG);
	assert_int_equal(sr_read_file(tmpdir, &all, &len, "/fifo"), -SR_ENOTREG);
	assert_int_equal(sr_read_file(NULL, &all, &len, "/dev/zero"), -SR_ENOTREG);
	assert_int_equal(sr_read_string(NULL, buf, sizeof(buf), "/dev/null"), -SR_ENOTREG);
	assert_int_equal(sr_read_string(tmpdir, buf, sizeof(buf), "/"), -EISDIR);
	assert_string_equal(sr_strerror(-SR_ENOTREG), "not a regular file");
	assert_string_equal(sr_strerror(-ENOENT), strerror(ENOENT));
	snprintf(path, sizeof(path), "rm -rf %s", tmpdir);
	assert_int_equal(system(path), 0);
}

/* A pipe carrying n bytes (fits the pipe buffer), read by read_fd_all(). */
static int read_pipe(size_t n, size_t limit, size_t *len)
{
	static char data[8192];
	char *all = NULL;
	int p[2], r;

	assert_true(n <= sizeof(data));
	memset(data, 'x', n);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], data, n), (ssize_t)n);
	close(p[1]);
	r = read_fd_all(p[0], &all, len, limit);
	close(p[0]);
	if (!r) {
		assert_int_equal(all[*len], '\0');
		free(all);
	}
	return r;
}

/*
 * The bound is exact: limit bytes are read, limit + 1 are -EFBIG, also
 * where the data does not say its size (a pipe) and across the buffer's
 * growth; sr_read_file_max() names the type of what it refused.
 */
static void read_file_max_bound(void **state)
{
	char path[128], *all;
	struct stat st;
	size_t len;

	assert_int_equal(read_pipe(4095, 4096, &len), 0);
	assert_int_equal(len, 4095);
	assert_int_equal(read_pipe(4096, 4096, &len), 0);
	assert_int_equal(len, 4096);
	assert_int_equal(read_pipe(4097, 4096, &len), -EFBIG);
	assert_int_equal(read_pipe(5000, 5000, &len), 0);
	assert_int_equal(read_pipe(5001, 5000, &len), -EFBIG);
	assert_int_equal(read_pipe(0, 0, &len), 0);
	assert_int_equal(read_pipe(1, 0, &len), -EFBIG);

	strcpy(tmpdir, "/tmp/mdscope-test-sysfs-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	put("ten", "0123456789", 10);
	snprintf(path, sizeof(path), "%s/ten", tmpdir);
	assert_int_equal(sr_read_file_max(path, 10, &all, &len, &st), 0);
	assert_int_equal(len, 10);
	assert_true(S_ISREG(st.st_mode));
	free(all);
	assert_int_equal(sr_read_file_max(path, 9, &all, &len, NULL), -EFBIG);
	snprintf(path, sizeof(path), "%s/fifo", tmpdir);
	assert_int_equal(mkfifo(path, 0644), 0);
	assert_int_equal(sr_read_file_max(path, 10, &all, &len, &st), -SR_ENOTREG);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(sr_read_file_max(tmpdir, 10, &all, &len, &st), -EISDIR);
	assert_true(S_ISDIR(st.st_mode));
	snprintf(path, sizeof(path), "rm -rf %s", tmpdir);
	assert_int_equal(system(path), 0);
}

static void sanitize(void **state)
{
	char s[] = "ok\x01\xff text";

	assert_int_equal(sanitize_text(s), 2);
	assert_string_equal(s, "ok?? text");
}

static void names(void **state)
{
	assert_string_equal(mds_kstate_name(MDS_KSTATE_VULNERABLE_NO_UCODE), "vulnerable_no_ucode");
	assert_string_equal(mds_kstate_name(99), "unknown");
	assert_int_equal(mds_kstate_from_name("tsx_disabled"), MDS_KSTATE_TSX_DISABLED);
	assert_int_equal(mds_kstate_from_name("bogus"), -1);
	assert_int_equal(mds_ksmt_from_name("host_state_unknown"), MDS_KSMT_HOST_STATE_UNKNOWN);
	assert_int_equal(mds_source_from_name("fallback"), MDS_SRC_FALLBACK);
	assert_int_equal(mds_smt_control_from_name(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_every_string),
		cmocka_unit_test(exact_strings),
		cmocka_unit_test(malformed),
		cmocka_unit_test(per_file_texts),
		cmocka_unit_test(smt_files),
		cmocka_unit_test(cpulists),
		cmocka_unit_test(readers),
		cmocka_unit_test(read_file_max_bound),
		cmocka_unit_test(sanitize),
		cmocka_unit_test(names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
