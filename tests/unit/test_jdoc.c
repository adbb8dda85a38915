// SPDX-License-Identifier: GPL-2.0
/*
 * jdoc.c: JSON text to the loader's tree. Values, keys and nesting come out
 * as written (strings with their length, NULs included); strict JSON only:
 * trailing data, truncation, bad UTF-8, integers beyond long long, a NUL in
 * a key and nesting past 64 levels are refused with "at byte N: what";
 * a document larger than one arena block parses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../userspace/snapshot/jdoc.c"

const char *prog = "mdscope";

static const struct jd *parse_ok(const char *text, struct jdoc **doc)
{
	const struct jd *root = NULL;
	char err[160] = "";

	if (jdoc_parse(text, strlen(text), doc, &root, err, sizeof(err)))
		fail_msg("refused '%.60s': %s", text, err);
	assert_non_null(root);
	return root;
}

static void refused(const char *text, size_t len, const char *needle)
{
	const struct jd *root = NULL;
	struct jdoc *doc = (void *)1;
	char err[160] = "";

	assert_int_equal(jdoc_parse(text, len, &doc, &root, err, sizeof(err)), -EINVAL);
	assert_null(doc);
	if (!strstr(err, needle) || strncmp(err, "at byte ", 8))
		fail_msg("'%.60s': message '%s' lacks '%s'", text, err, needle);
}

static void values_as_written(void **state)
{
	struct jdoc *doc;
	const struct jd *r = parse_ok("{\"a\": [1, -2, true, null, 1.5, \"x\\u0000y\"], "
				      "\"b\": {}, \"c\": \"\\u00e9\", \"a\": 3}", &doc);
	const struct jd *a, *v;

	assert_int_equal(r->type, JD_OBJECT);
	assert_int_equal(r->n, 4);	/* a repeated key is kept: the loader refuses it */
	a = jd_get(r, "a");
	assert_ptr_equal(a, &r->u.kids[0]);
	assert_int_equal(a->type, JD_ARRAY);
	assert_int_equal(a->n, 6);
	assert_null(a->u.kids[0].key);
	assert_int_equal(a->u.kids[0].u.i, 1);
	assert_int_equal(a->u.kids[1].u.i, -2);
	assert_true(jd_is(&a->u.kids[2], JD_BOOL) && a->u.kids[2].u.b);
	assert_true(jd_is(&a->u.kids[3], JD_NULL));
	assert_true(jd_is(&a->u.kids[4], JD_DOUBLE));
	v = &a->u.kids[5];
	assert_true(jd_is(v, JD_STRING));
	assert_int_equal(v->n, 3);
	assert_memory_equal(v->u.s, "x\0y", 4);
	v = jd_get(r, "b");
	assert_true(jd_is(v, JD_OBJECT) && v->n == 0);
	assert_string_equal(jd_get(r, "c")->u.s, "\xc3\xa9");
	assert_string_equal(r->u.kids[3].key, "a");
	assert_null(jd_get(r, "d"));
	assert_null(jd_get(a, "a"));	/* not an object */
	assert_false(jd_is(NULL, JD_NULL));
	jdoc_free(doc);
}

static void strict_json_only(void **state)
{
	char deep[200];

	refused("{} {}", 5, "trailing garbage");
	refused("{\"a\": [1, 2", 11, "truncated");
	refused("", 0, "truncated");
	refused("   ", 3, "truncated");
	refused("{\"a\": 1,}", 9, "byte");
	refused("{'a': 1}", 8, "byte");
	refused("{\"a\": 01}", 9, "byte");
	refused("/* c */ {}", 10, "byte");
	refused("{\"a\": \"\xff\"}", 10, "byte");			/* not UTF-8 */
	refused("{\"a\": 99999999999999999999}", 27, "overflow");
	refused("{\"a\\u0000b\": 1}", 15, "a key holds a NUL character");
	memset(deep, '[', 65);
	memset(deep + 65, ']', 65);
	refused(deep, 130, "nested more than 64 levels deep");
	memset(deep, '[', 64);
	memset(deep + 64, ']', 64);
	deep[128] = '\0';
	{
		struct jdoc *doc;
		const struct jd *r = parse_ok(deep, &doc);

		assert_int_equal(r->type, JD_ARRAY);
		jdoc_free(doc);
	}
}

/* More than one arena block: 2000 members and a 100 KB string. */
static void large_documents(void **state)
{
	size_t cap = 300000, off = 0;
	char *t = malloc(cap);
	struct jdoc *doc;
	const struct jd *r;

	assert_non_null(t);
	off += snprintf(t + off, cap - off, "{\"big\": \"");
	memset(t + off, 'x', 100000);
	off += 100000;
	off += snprintf(t + off, cap - off, "\", \"list\": [");
	for (int i = 0; i < 2000; i++)
		off += snprintf(t + off, cap - off, "%s{\"n\": %d}", i ? "," : "", i);
	snprintf(t + off, cap - off, "]}");
	r = parse_ok(t, &doc);
	assert_int_equal(jd_get(r, "big")->n, 100000);
	assert_int_equal(jd_get(r, "list")->n, 2000);
	assert_int_equal(jd_get(&jd_get(r, "list")->u.kids[1999], "n")->u.i, 1999);
	jdoc_free(doc);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values_as_written),
		cmocka_unit_test(strict_json_only),
		cmocka_unit_test(large_documents),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
