// SPDX-License-Identifier: GPL-2.0
/*
 * prom.c: label values escaped as the exposition format asks (backslash,
 * double quote, newline; nothing else touched; cut short without breaking
 * an escape), and the families written whole with HELP and TYPE.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../userspace/output/prom.c"

const char *prog = "mdscope";

static void escape_specials(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "plain", "plain" },
		{ "", "" },
		{ "a\"b", "a\\\"b" },
		{ "a\\b", "a\\\\b" },
		{ "line1\nline2", "line1\\nline2" },
		{ "\\\"\n", "\\\\\\\"\\n" },
		{ "tab\tstays", "tab\tstays" },
		{ "ünïcode", "ünïcode" },
	};
	char buf[64];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(prom_escape(cases[i].in, buf, sizeof(buf)), cases[i].out);
	assert_string_equal(prom_escape(NULL, buf, sizeof(buf)), "");
}

static void escape_cut_short(void **state)
{
	char buf[4];

	/* "ab\"" needs 4 bytes + NUL: the escape is dropped whole, never half. */
	assert_string_equal(prom_escape("ab\"c", buf, sizeof(buf)), "ab");
	assert_string_equal(prom_escape("abcdef", buf, sizeof(buf)), "abc");
}

static char *print_guests(const struct prom_guests *g)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(prom_print_guests(f, g, 1700000000123456789ull), 0);
	fclose(f);
	return buf;
}

static void guests_families(void **state)
{
	static const char *const verdicts[] = { "has_md_clear", "lacks_md_clear", "unknown" };
	const struct prom_guest doms[] = {
		{ "vm\"1\n", "u1", "has_md_clear", 1 },
		{ "vm2", "u2", "lacks_md_clear", 0 },
		{ "vm3", "u3", "unknown", -1 },
	};
	struct prom_guests g = { doms, 3, verdicts, 3, 2, true, 1 };
	char *out = print_guests(&g);

	assert_non_null(strstr(out, "# HELP mdscope_guests_without_md_clear "));
	assert_non_null(strstr(out, "# TYPE mdscope_guests_without_md_clear gauge\n"
				    "mdscope_guests_without_md_clear 1\n"));
	assert_non_null(strstr(out, "mdscope_guest_md_clear{domain=\"vm\\\"1\\n\",uuid=\"u1\"} 1\n"));
	assert_null(strstr(out, "mdscope_guest_md_clear{domain=\"vm3\""));
	assert_non_null(strstr(out, "mdscope_guest_verdict{domain=\"vm3\",uuid=\"u3\",verdict=\"unknown\"} 1\n"));
	assert_non_null(strstr(out, "mdscope_guests_status{state=\"critical\"} 1\n"));
	assert_non_null(strstr(out, "mdscope_guests_status{state=\"ok\"} 0\n"));
	assert_non_null(strstr(out, "mdscope_last_run_timestamp_seconds{command=\"guests\"} 1700000000\n"));
	assert_non_null(strstr(out, "mdscope_collection_errors{command=\"guests\"} 1\n"));
	assert_non_null(strstr(out, "mdscope_up{command=\"guests\"} 1\n"));
	free(out);
	g.up = false;
	g.nr_doms = 0;
	out = print_guests(&g);
	assert_non_null(strstr(out, "mdscope_up{command=\"guests\"} 0\n"));
	assert_non_null(strstr(out, "mdscope_guests_without_md_clear 0\n"));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escape_specials),
		cmocka_unit_test(escape_cut_short),
		cmocka_unit_test(guests_families),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
