// SPDX-License-Identifier: GPL-2.0
/*
 * format.c: --format values, --textfile's rules, and the atomic textfile
 * write (mode 0644, replaced whole; a failure names the file and leaves
 * the previous one and no temporary file).
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <dirent.h>
#include <cmocka.h>

#include "../../userspace/cmd/format.c"

const char *prog = "mdscope";

static void format_values(void **state)
{
	struct out_opts o = { 0 };

	assert_int_equal(format_parse("report", "prometheus", &o), 0);
	assert_int_equal(o.format, FMT_PROM);
	assert_true(o.format_given);
	assert_int_equal(format_parse("report", "json", &o), 0);
	assert_int_equal(o.format, FMT_JSON);
	assert_int_equal(format_parse("report", "text", &o), 0);
	assert_int_equal(o.format, FMT_TEXT);
	assert_int_equal(format_parse("report", "Prometheus", &o), -EINVAL);
	assert_int_equal(format_parse("report", "", &o), -EINVAL);
}

static void textfile_rules(void **state)
{
	struct out_opts o = { .textfile = "/tmp" };

	assert_int_equal(format_check("report", &o), 0);
	assert_int_equal(o.format, FMT_PROM);
	o = (struct out_opts){ .format = FMT_PROM, .format_given = true, .textfile = "/tmp" };
	assert_int_equal(format_check("report", &o), 0);
	o = (struct out_opts){ .format = FMT_JSON, .format_given = true, .textfile = "/tmp" };
	assert_int_equal(format_check("report", &o), -EINVAL);
	o = (struct out_opts){ .textfile = "" };
	assert_int_equal(format_check("report", &o), -EINVAL);
	o = (struct out_opts){ .format = FMT_JSON, .format_given = true };
	assert_int_equal(format_check("report", &o), 0);
	assert_int_equal(o.format, FMT_JSON);
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static void textfile_atomic(void **state)
{
	char dir[] = "/tmp/mdscope-prom-unit.XXXXXX", path[64], err[256], got[32] = "";
	struct stat st;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	assert_int_equal(prom_write_textfile(dir, "x.prom", "a 1\n", 4, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/x.prom", dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_int_equal(prom_write_textfile(dir, "x.prom", "b 2\n", 4, err, sizeof(err)), 0);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(got, sizeof(got), f));
	fclose(f);
	assert_string_equal(got, "b 2\n");
	assert_int_equal(count_entries(dir), 1);

	/* A directory that does not exist: -ENOENT, the message names the file. */
	assert_int_equal(prom_write_textfile("/nonexistent/dir", "x.prom", "a", 1, err,
					     sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "/nonexistent/dir/x.prom"));

	/* rename over a directory fails: the temporary file is removed. */
	snprintf(path, sizeof(path), "%s/d.prom", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/d.prom/y", dir);
	assert_non_null(f = fopen(path, "w"));
	fclose(f);
	assert_true(prom_write_textfile(dir, "d.prom", "a 1\n", 4, err, sizeof(err)) < 0);
	assert_non_null(strstr(err, "renaming"));
	assert_int_equal(count_entries(dir), 2);
	unlink(path);
	snprintf(path, sizeof(path), "%s/d.prom", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/x.prom", dir);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(format_values),
		cmocka_unit_test(textfile_rules),
		cmocka_unit_test(textfile_atomic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
