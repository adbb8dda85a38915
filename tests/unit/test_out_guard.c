// SPDX-License-Identifier: GPL-2.0
/*
 * out_guard.c: the filter in front of text output and error lines. Control
 * characters (ESC, BEL, CR, BS), DEL, C1 controls and bytes that are not
 * UTF-8 come out as \xNN; newlines, printable ASCII and valid UTF-8 pass,
 * also when a sequence is split across two writes. And through the built
 * binary: a microcode file named with an escape sequence is listed escaped.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <sys/wait.h>

#include "../../userspace/output/out_guard.c"
#include "sysfs.h"

const char *prog = "mdscope";

#define MDSCOPE FIXTURES "/../../userspace/mdscope"

/* Feed the chunks through a guard on a file; return what reached the file. */
static char *through(const char *const *chunks, const size_t *lens, size_t n)
{
	char path[] = "/tmp/mdscope-guard.XXXXXX", *text;
	struct guard g = { 0 };
	size_t len;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	g.fd = fd;
	for (size_t i = 0; i < n; i++)
		assert_int_equal(guard_write(&g, chunks[i], lens[i]), (ssize_t)lens[i]);
	g.fd = fd;
	if (g.npend) {
		struct guard *h = malloc(sizeof(*h));

		*h = g;
		assert_int_equal(guard_close(h), 0);
		free(h);
	}
	close(fd);
	assert_int_equal(sr_read_file(NULL, &text, &len, "%s", path), 0);
	unlink(path);
	return text;
}

static void escapes(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		const char *out;
	} cases[] = {
		{ "plain text\n", 11, "plain text\n" },
		{ "\x1b[2J\x1b[Hfake", 11, "\\x1b[2J\\x1b[Hfake" },
		{ "a\rb\bc\x07\x7f", 7, "a\\x0db\\x08c\\x07\\x7f" },
		{ "tab\there", 8, "tab\\x09here" },
		{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80" },
		{ "\xc2\x9b" "31m", 5, "\\xc2\\x9b31m" },		/* C1 CSI as UTF-8 */
		{ "\x9b" "31m", 4, "\\x9b31m" },			/* C1 CSI as a byte */
		{ "\xff\xfe", 2, "\\xff\\xfe" },
		{ "\xc0\xaf", 2, "\\xc0\\xaf" },			/* overlong '/' */
		{ "\xed\xa0\x80", 3, "\\xed\\xa0\\x80" },		/* a surrogate */
		{ "\xe2\x82", 2, "\\xe2\\x82" },			/* cut short at the end */
		{ "x\0y", 3, "x\\x00y" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *chunk[] = { cases[i].in };
		char *out = through(chunk, &cases[i].len, 1);

		if (strcmp(out, cases[i].out))
			fail_msg("case %zu: got '%s', want '%s'", i, out, cases[i].out);
		free(out);
	}
}

/* A sequence split over two writes stays whole; a split escape is still escaped. */
static void split_writes(void **state)
{
	const char *chunks[] = { "ab\xe2\x82", "\xac cd\x1b", "[0m" };
	const size_t lens[] = { 4, 5, 3 };
	char *out = through(chunks, lens, 3);

	assert_string_equal(out, "ab\xe2\x82\xac cd\\x1b[0m");
	free(out);
}

/* The command: a microcode file whose name clears the screen is listed escaped. */
static void binary_escapes_file_names(void **state)
{
	char dir[] = "/tmp/mdscope-guard-fw.XXXXXX", cmd[1024], *out;
	size_t len;
	int st;

	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "make -s -C %s/../../userspace mdscope >/dev/null 2>&1 && "
		 "mkdir -p %s/intel-ucode && printf 'broken' > \"%s/intel-ucode/$(printf '06-55-04\\033[2J\\033[Hok')\" && "
		 "%s snapshot -o %s/s.json --sysroot %s/sysroot/skylake-sp-md-clear-smt && "
		 "%s microcode --from %s/s.json --firmware-dir %s > %s/out 2>&1",
		 FIXTURES, dir, dir, MDSCOPE, dir, FIXTURES, MDSCOPE, dir, dir, dir);
	st = system(cmd);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) <= 3);
	snprintf(cmd, sizeof(cmd), "%s/out", dir);
	assert_int_equal(sr_read_file(NULL, &out, &len, "%s", cmd), 0);
	if (!strstr(out, "06-55-04\\x1b[2J\\x1b[Hok") || strchr(out, '\x1b'))
		fail_msg("output: %s", out);
	free(out);
	/* error lines too: a file name given on the command line */
	snprintf(cmd, sizeof(cmd), "%s report --from \"%s/$(printf 'x\033[2J')\" 2>%s/err; "
		 "test $? = 3 && test $(wc -l <%s/err) = 1", MDSCOPE, dir, dir, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/err", dir);
	assert_int_equal(sr_read_file(NULL, &out, &len, "%s", cmd), 0);
	if (!strstr(out, "x\\x1b[2J") || strchr(out, '\x1b'))
		fail_msg("stderr: %s", out);
	free(out);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes),
		cmocka_unit_test(split_writes),
		cmocka_unit_test(binary_escapes_file_names),
	};

	return cmocka_run_group_tests_name("out_guard", tests, NULL, NULL);
}
