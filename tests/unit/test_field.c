// SPDX-License-Identifier: GPL-2.0
/*
 * field.c: how each field type looks as a text cell and as a JSON value
 * (string, number, hex, family/model/stepping, yes/no, time, a register in
 * every state, a nested value), unknown as "-" or the field's word against
 * null, "mixed" against null, a field that does not apply as an empty cell
 * and no key; a value's own word for unknown; text-only and JSON-only
 * fields; a whole table; "Title:  value" lines; and control
 * characters in a value: json-c escapes them, the text guard writes \xNN.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <unistd.h>

#include "../../userspace/output/field.c"
#include "sysfs.h"

const char *prog = "mdscope";

/* A field "k" titled "K". */
#define K(t, ...) { .key = "k", .title = "K", .type = (t), __VA_ARGS__ }

/* The row of every test: the getter copies a prepared value. */
struct row {
	struct fld_val v;
};

static void g_row(const void *r, int a, struct fld_val *v)
{
	*v = ((const struct row *)r)->v;
}

static const char *text_of(const struct fld *d, struct fld_val v, char *buf)
{
	return fld_text(d, &v, buf, 128);
}

/* The compact JSON of the object {d: v}. */
static char *json_of(const struct fld *d, struct fld_val v)
{
	struct json_object *o = json_object_new_object();
	char *s;

	fld_json_add(o, d, &v);
	s = strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
						  JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}

static struct fld_val known_u(uint64_t u)
{
	return (struct fld_val){ .state = FLD_KNOWN, .u = u };
}

static void each_type(void **state)
{
	static const struct mds_reg ok = { .state = MDSCOPE_REG_STATE_OK, .value = 0x1f };
	const struct {
		struct fld d;
		struct fld_val v;
		const char *text, *json;
	} cases[] = {
		{ K(FLD_STR), { .state = FLD_KNOWN, .s = "abc" }, "abc", "{\"k\":\"abc\"}" },
		{ K(FLD_INT), { .state = FLD_KNOWN, .i = -42 }, "-42", "{\"k\":-42}" },
		{ K(FLD_HEX), known_u(0x50654), "0x50654", "{\"k\":\"0x50654\"}" },
		{ K(FLD_HEX, .flags = FLD_WITH_FMS), known_u(0x50654), "0x50654 (6/85/4)",
		  "{\"k\":\"0x50654\"}" },
		{ K(FLD_FMS), known_u(0x806ec), "6/142/12", "{\"k\":\"6/142/12\"}" },
		{ K(FLD_BOOL), { .state = FLD_KNOWN, .b = true }, "yes", "{\"k\":true}" },
		{ K(FLD_BOOL), { .state = FLD_KNOWN, .b = false }, "no", "{\"k\":false}" },
		{ K(FLD_TIME), known_u(1795315200000000000ull), "2026-11-22T02:40:00Z",
		  "{\"k\":\"2026-11-22T02:40:00Z\"}" },
		{ K(FLD_REG), { .state = FLD_KNOWN, .reg = &ok }, "0x1f",
		  "{\"k\":\"0x1f\",\"k_state\":\"ok\"}" },
		{ K(FLD_REG, .flags = FLD_DEC), { .state = FLD_KNOWN, .reg = &ok }, "31",
		  "{\"k\":31,\"k_state\":\"ok\"}" },
		{ K(FLD_STR), { .state = FLD_KNOWN, .s = "0x8b", .suffix = " (kernel)" },
		  "0x8b (kernel)", "{\"k\":\"0x8b\"}" },
	};
	char buf[128];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *j = json_of(&cases[i].d, cases[i].v);

		assert_string_equal(text_of(&cases[i].d, cases[i].v, buf), cases[i].text);
		assert_string_equal(j, cases[i].json);
		free(j);
	}
}

/* Unknown, mixed and not-applicable values of every scalar type. */
static void unknown_mixed_none(void **state)
{
	static const enum fld_type types[] = { FLD_STR, FLD_INT, FLD_HEX, FLD_FMS, FLD_BOOL,
					       FLD_TIME };
	char buf[128], *j;

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		struct fld d = K(types[i]), w = K(types[i], .unknown = "unknown");

		assert_string_equal(text_of(&d, (struct fld_val){ .state = FLD_UNKNOWN }, buf), "-");
		assert_string_equal(text_of(&w, (struct fld_val){ .state = FLD_UNKNOWN }, buf), "unknown");
		assert_string_equal(text_of(&d, (struct fld_val){ .state = FLD_MIXED }, buf), "mixed");
		assert_null(text_of(&d, (struct fld_val){ .state = FLD_NONE }, buf));
		j = json_of(&d, (struct fld_val){ .state = FLD_UNKNOWN });
		assert_string_equal(j, "{\"k\":null}");
		free(j);
		j = json_of(&w, (struct fld_val){ .state = FLD_MIXED });
		assert_string_equal(j, "{\"k\":null}");
		free(j);
		j = json_of(&d, (struct fld_val){ .state = FLD_NONE });
		assert_string_equal(j, "{}");
		free(j);
		w.flags = FLD_JSON_WORD;
		j = json_of(&w, (struct fld_val){ .state = FLD_UNKNOWN });
		assert_string_equal(j, "{\"k\":\"unknown\"}");
		free(j);
	}
	/* a value's own word for unknown wins over the field's, in text only */
	struct fld u = K(FLD_BOOL, .unknown = "unknown");

	assert_string_equal(text_of(&u, (struct fld_val){ .state = FLD_UNKNOWN, .word = "n/a" }, buf),
			    "n/a");
	j = json_of(&u, (struct fld_val){ .state = FLD_UNKNOWN, .word = "n/a" });
	assert_string_equal(j, "{\"k\":null}");
	free(j);
	/* a suffix follows a known value only */
	assert_string_equal(text_of(&u, (struct fld_val){ .state = FLD_UNKNOWN, .suffix = " (x)" },
				    buf), "unknown");
	/* a time of 0 was never taken */
	struct fld t = K(FLD_TIME, .unknown = "unknown");

	assert_string_equal(text_of(&t, known_u(0), buf), "unknown");
	j = json_of(&t, known_u(0));
	assert_string_equal(j, "{\"k\":null}");
	free(j);
	/* setters: known only when told; "" is a string, but not a text */
	struct fld_val v;

	fld_set_str(&v, "");
	assert_int_equal(v.state, FLD_KNOWN);
	fld_set_str(&v, NULL);
	assert_int_equal(v.state, FLD_UNKNOWN);
	fld_set_text(&v, "");
	assert_int_equal(v.state, FLD_UNKNOWN);
	fld_set_text(&v, "x");
	assert_int_equal(v.state, FLD_KNOWN);
	fld_set_u(&v, false, 5);
	assert_int_equal(v.state, FLD_UNKNOWN);
	fld_set_bool(&v, true, false);
	assert_int_equal(v.state, FLD_KNOWN);
}

/* A register that has no value says why, in the cell and in key_state/key_errno. */
static void register_states(void **state)
{
	const struct {
		struct mds_reg r;
		const char *text, *json;
	} cases[] = {
		{ { .state = 0 }, "-", "{\"k\":null,\"k_state\":null}" },
		{ { .state = MDSCOPE_REG_STATE_NOT_ENUMERATED }, "absent",
		  "{\"k\":null,\"k_state\":\"not_enumerated\"}" },
		{ { .state = MDSCOPE_REG_STATE_NOT_APPLICABLE }, "n/a",
		  "{\"k\":null,\"k_state\":\"not_applicable\"}" },
		{ { .state = MDSCOPE_REG_STATE_FAULT, .err = EIO }, "fault:EIO",
		  "{\"k\":null,\"k_state\":\"fault\",\"k_errno\":5}" },
		{ { .state = 99 }, "?", "{\"k\":null,\"k_state\":null}" },
	};
	struct fld d = K(FLD_REG);
	char buf[128];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fld_val v;
		char *j;

		fld_set_reg(&v, &cases[i].r);
		v.suffix = NULL;
		assert_string_equal(text_of(&d, v, buf), cases[i].text);
		j = json_of(&d, v);
		assert_string_equal(j, cases[i].json);
		free(j);
	}
}

/* A nested value goes into JSON whole and is owned by the object. */
static void nested_json(void **state)
{
	struct fld d = { .key = "k", .type = FLD_JSON };
	struct fld_val v = { .state = FLD_KNOWN, .j = json_object_new_array() };
	char *j;

	json_object_array_add(v.j, json_object_new_string("x"));
	j = json_of(&d, v);
	assert_string_equal(j, "{\"k\":[\"x\"]}");
	free(j);
	/* a text-only field adds no key */
	struct fld t = { .title = "K", .type = FLD_STR };

	j = json_of(&t, (struct fld_val){ .state = FLD_KNOWN, .s = "x" });
	assert_string_equal(j, "{}");
	free(j);
}

static const struct fld table[] = {
	{ "name", "NAME", FLD_STR, 0, NULL, g_row, 0 },
	{ NULL, "TEXT", FLD_STR, FLD_RIGHT, NULL, g_row, 0 },
	{ "json", NULL, FLD_STR, 0, NULL, g_row, 0 },
};

/* Text-only fields make columns, JSON-only fields keys; rows in order. */
static void table_and_rows(void **state)
{
	const struct row rows[] = { { { .state = FLD_KNOWN, .s = "a" } }, { { .state = FLD_UNKNOWN } } };
	char path[] = "/tmp/mdscope-field.XXXXXX", *text;
	struct json_object *a = fld_json_rows(table, 3, rows, sizeof(rows[0]), 2);
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	size_t len;

	assert_non_null(f);
	assert_int_equal(fld_table(f, table, 3, rows, sizeof(rows[0]), 2), 0);
	fclose(f);
	assert_int_equal(sr_read_file(NULL, &text, &len, "%s", path), 0);
	unlink(path);
	assert_string_equal(text, "NAME TEXT\na       a\n-       -\n");
	free(text);
	assert_string_equal(json_object_to_json_string_ext(a, JSON_C_TO_STRING_PLAIN),
			    "[{\"name\":\"a\",\"json\":\"a\"},{\"name\":null,\"json\":null}]");
	json_object_put(a);
}

/* "Title:  value" lines: values aligned two columns after the longest title. */
static void pairs(void **state)
{
	static const struct fld d[] = {
		{ .title = "Short", .type = FLD_STR, .get = g_row },
		{ .key = "json only", .type = FLD_STR, .get = g_row },
		{ .title = "A longer title", .type = FLD_STR, .get = g_row },
	};
	const struct row row = { { .state = FLD_UNKNOWN } };
	char path[] = "/tmp/mdscope-field.XXXXXX", *text;
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	size_t len;

	assert_non_null(f);
	assert_int_equal(fld_pairs(f, d, 3, &row), 0);
	fclose(f);
	assert_int_equal(sr_read_file(NULL, &text, &len, "%s", path), 0);
	unlink(path);
	assert_string_equal(text, "Short:           -\nA longer title:  -\n");
	free(text);
}

/* A control character in a value: \u001b in JSON, \x1b through the text guard. */
static void control_characters(void **state)
{
	const struct row rows[] = { { { .state = FLD_KNOWN, .s = "\x1b[2Jx" } } };
	char path[] = "/tmp/mdscope-field.XXXXXX", *text;
	struct json_object *o = fld_json(table, 3, &rows[0]);
	int fd = mkstemp(path), saved = dup(STDOUT_FILENO);
	size_t len;

	assert_string_equal(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
			    "{\"name\":\"\\u001b[2Jx\",\"json\":\"\\u001b[2Jx\"}");
	json_object_put(o);
	fflush(stdout);
	assert_true(dup2(fd, STDOUT_FILENO) >= 0);
	assert_int_equal(out_guard_stdout(), 0);
	assert_int_equal(fld_table(stdout, table, 2, rows, sizeof(rows[0]), 1), 0);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	close(fd);
	assert_int_equal(sr_read_file(NULL, &text, &len, "%s", path), 0);
	unlink(path);
	assert_non_null(strstr(text, "\\x1b[2Jx"));
	assert_null(strchr(text, '\x1b'));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_type),
		cmocka_unit_test(unknown_mixed_none),
		cmocka_unit_test(register_states),
		cmocka_unit_test(nested_json),
		cmocka_unit_test(table_and_rows),
		cmocka_unit_test(pairs),
		cmocka_unit_test(control_characters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
