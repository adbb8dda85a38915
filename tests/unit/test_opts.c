// SPDX-License-Identifier: GPL-2.0
/* opts.c: every command-line complaint is one stderr line with the status asked for. */
#include <stdarg.h>
#include <unistd.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../userspace/cmd/opts.c"

const char *prog = "mdscope";

static const struct option longopts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "cpu", required_argument, NULL, 'c' },
	{ NULL, 0, NULL, 0 },
};

/* Parse @argv like a subcommand; return what went to stderr and the status. */
static int parse(int argc, char *argv[], char *err, size_t len)
{
	FILE *f = tmpfile();
	int saved = dup(2), c, status = 0;
	size_t n;

	assert_non_null(f);
	fflush(stderr);
	dup2(fileno(f), 2);
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":jc:", longopts, NULL)) != -1) {
		if (c != 'j' && c != 'c') {
			status = opt_error("cpus", c, argv, 3);
			break;
		}
	}
	if (!status)
		status = opt_extra("cpus", argc, argv, 3);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(f);
	n = fread(err, 1, len - 1, f);
	err[n] = '\0';
	fclose(f);
	return status;
}

static void complaints(void **state)
{
	static const struct {
		char *argv[4];
		int status;
		const char *err;
	} cases[] = {
		{ { "cpus", "--json" }, 0, "" },
		{ { "cpus", "--bogus" }, 3, "mdscope: cpus: unknown option '--bogus' (see --help)\n" },
		{ { "cpus", "-x" }, 3, "mdscope: cpus: unknown option '-x' (see --help)\n" },
		{ { "cpus", "--cpu" }, 3, "mdscope: cpus: option '--cpu' needs a value (see --help)\n" },
		{ { "cpus", "--json=1" }, 3,
		  "mdscope: cpus: option '--json' takes no value (see --help)\n" },
		{ { "cpus", "--json", "extra" }, 3,
		  "mdscope: cpus: unexpected argument 'extra' (see --help)\n" },
	};
	char err[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int argc = 0;

		while (argc < 4 && cases[i].argv[argc])
			argc++;
		assert_int_equal(parse(argc, (char **)cases[i].argv, err, sizeof(err)),
				 cases[i].status);
		assert_string_equal(err, cases[i].err);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(complaints),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
