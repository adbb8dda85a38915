// SPDX-License-Identifier: GPL-2.0
/*
 * ucode_blob.c: Intel updates and bundles, AMD containers, built here byte
 * by byte (ucode_fx.h); broken ones yield no entries and say why.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "../../userspace/snapshot/ucode_blob.c"
#include "ucode_fx.h"

const char *prog = "mdscope";

static uint8_t buf[64 * 1024];

static int parse(size_t len, enum ucode_vendor v, struct ucode_blob *b)
{
	return ucode_blob_parse(buf, len, v, b);
}

static void expect_broken(size_t len, enum ucode_vendor v, const char *why)
{
	struct ucode_blob b;

	assert_int_equal(parse(len, v, &b), -EBADMSG);
	assert_int_equal(b.nr, 0);
	assert_null(b.e);
	if (!strstr(b.why, why))
		fail_msg("why '%s' lacks '%s'", b.why, why);
	ucode_blob_free(&b);
}

static void intel_default_sizes(void **state)
{
	size_t n = fx_intel(buf, 0x50654, 0xb7, 0x2006e05, 0, NULL, 0);
	struct ucode_blob b;

	assert_int_equal(n, 2048);
	assert_int_equal(parse(n, UCODE_VENDOR_NONE, &b), 0);
	assert_int_equal(b.vendor, UCODE_VENDOR_INTEL);
	assert_int_equal(b.nr, 1);
	assert_int_equal(b.nr_updates, 1);
	assert_int_equal(b.e[0].sig, 0x50654);
	assert_int_equal(b.e[0].pf_mask, 0xb7);
	assert_int_equal(b.e[0].rev, 0x2006e05);
	assert_int_equal(b.e[0].date, 0x04022019);
	assert_int_equal(b.e[0].size, 2048);
	assert_false(b.e[0].extended);
	assert_string_equal(b.why, "");
	ucode_blob_free(&b);
}

static void intel_wrong_checksum(void **state)
{
	size_t n = fx_intel(buf, 0x50654, 0xb7, 0x10, 1024, NULL, 0);

	buf[100] ^= 1;
	expect_broken(n, UCODE_VENDOR_INTEL, "update 0: checksum is wrong");
}

static void intel_truncated_header(void **state)
{
	fx_intel(buf, 0x50654, 0xb7, 0x10, 1024, NULL, 0);
	expect_broken(30, UCODE_VENDOR_INTEL, "header cut short (30 of 48");
	expect_broken(0, UCODE_VENDOR_INTEL, "empty file");
}

static void intel_total_past_end(void **state)
{
	size_t n = fx_intel(buf, 0x50654, 0xb7, 0x10, 1024, NULL, 0);

	expect_broken(n - 4, UCODE_VENDOR_INTEL, "runs past the end");
	/* huge sizes: no overflow, no read out of bounds */
	fx_w32(buf + 28, 0xfffffff0);
	fx_w32(buf + 32, 0xfffffffc);
	expect_broken(n, UCODE_VENDOR_INTEL, "does not fit total size");
	fx_w32(buf + 28, 0x1000);
	fx_w32(buf + 32, 0xfffffffc);
	expect_broken(n, UCODE_VENDOR_INTEL, "runs past the end");
	/* data bigger than total */
	fx_w32(buf + 28, 2000);
	fx_w32(buf + 32, 1024);
	expect_broken(n, UCODE_VENDOR_INTEL, "does not fit total size");
}

static void intel_size_not_multiple_of_4(void **state)
{
	size_t n = fx_intel(buf, 0x50654, 0xb7, 0x10, 1024, NULL, 0);

	fx_w32(buf + 28, 1022);
	expect_broken(n, UCODE_VENDOR_INTEL, "not a multiple of 4");
	fx_w32(buf + 28, 1024);
	fx_w32(buf + 32, 1074);
	expect_broken(n, UCODE_VENDOR_INTEL, "not a multiple of 4");
}

static void intel_bad_versions(void **state)
{
	size_t n = fx_intel(buf, 0x50654, 0xb7, 0x10, 1024, NULL, 0);

	fx_w32(buf, 2);
	expect_broken(n, UCODE_VENDOR_INTEL, "header version 2");
	fx_intel(buf, 0x50654, 0xb7, 0x10, 1024, NULL, 0);
	fx_w32(buf + 20, 0);
	expect_broken(n, UCODE_VENDOR_INTEL, "loader revision 0");
}

static const struct fx_ext two_ext[] = { { 0x50655, 0x02 }, { 0x50656, 0x10 } };

static void intel_extended_table(void **state)
{
	size_t n = fx_intel(buf, 0x50654, 0x01, 0x500, 512, two_ext, 2);
	const struct ucode_entry *e;
	struct ucode_blob b;

	assert_int_equal(parse(n, UCODE_VENDOR_INTEL, &b), 0);
	assert_int_equal(b.nr, 3);
	assert_int_equal(b.nr_updates, 1);
	/* main signature, platform 0 only */
	assert_non_null(ucode_blob_best(&b, 0x50654, 0));
	assert_null(ucode_blob_best(&b, 0x50654, 1));
	/* extended 0x50655 with mask 0x02: platform id 1 matches, 0 does not */
	e = ucode_blob_best(&b, 0x50655, 1);
	assert_non_null(e);
	assert_true(e->extended);
	assert_int_equal(e->rev, 0x500);
	assert_null(ucode_blob_best(&b, 0x50655, 0));
	e = ucode_blob_best(&b, 0x50656, 4);
	assert_non_null(e);
	assert_int_equal(e->pf_mask, 0x10);
	assert_null(ucode_blob_best(&b, 0x50656, 3));
	assert_null(ucode_blob_best(&b, 0x50657, 0));
	ucode_blob_free(&b);
}

static void intel_extended_checksums(void **state)
{
	size_t n = fx_intel(buf, 0x50654, 0x01, 0x500, 512, two_ext, 2);
	uint8_t *x = buf + 48 + 512;

	/* table checksum */
	fx_w32(x + 4, fx_r32(x + 4) + 1);
	expect_broken(n, UCODE_VENDOR_INTEL, "extended signature table checksum is wrong");
	/* one entry's checksum, the table still summing to 0 */
	n = fx_intel(buf, 0x50654, 0x01, 0x500, 512, two_ext, 2);
	fx_w32(x + 20 + 12 + 8, fx_r32(x + 20 + 12 + 8) + 1);
	fx_w32(x + 4, fx_r32(x + 4) - 1);
	expect_broken(n, UCODE_VENDOR_INTEL, "extended signature 1 checksum is wrong");
	/* a count that does not fit the table */
	n = fx_intel(buf, 0x50654, 0x01, 0x500, 512, two_ext, 2);
	fx_w32(x, 0x40000000);
	fx_w32(x + 4, fx_r32(x + 4) - 0x40000000 + 2);
	expect_broken(n, UCODE_VENDOR_INTEL, "extended signature count");
	/* a table shorter than its header */
	n = fx_intel(buf, 0x50654, 0x01, 0x500, 512, NULL, 0);
	fx_w32(buf + 32, fx_r32(buf + 32) + 8);
	fx_w32(buf + 16, fx_r32(buf + 16) - 8);	/* the header still sums to 0 */
	memset(buf + n, 0, 8);
	expect_broken(n + 8, UCODE_VENDOR_INTEL, "is malformed");
}

static void intel_bundle(void **state)
{
	size_t n = 0;
	const struct ucode_entry *e;
	struct ucode_blob b;

	n += fx_intel(buf + n, 0x806e9, 0xc0, 0xb4, 256, NULL, 0);
	n += fx_intel(buf + n, 0x806e9, 0x10, 0xf6, 0, NULL, 0);
	n += fx_intel(buf + n, 0x806e9, 0xc0, 0xf0, 256, NULL, 0);
	n += fx_intel(buf + n, 0x50654, 0xb7, 0x80000001, 256, NULL, 0);	/* debug */
	n += fx_intel(buf + n, 0x50654, 0xb7, 0x10, 256, NULL, 0);
	assert_int_equal(parse(n, UCODE_VENDOR_INTEL, &b), 0);
	assert_int_equal(b.nr_updates, 5);
	assert_int_equal(b.nr, 5);
	e = ucode_blob_best(&b, 0x806e9, 7);
	assert_non_null(e);
	assert_int_equal(e->rev, 0xf0);
	assert_int_equal(e->update, 2);
	assert_int_equal(ucode_blob_best(&b, 0x806e9, 4)->rev, 0xf6);
	assert_null(ucode_blob_best(&b, 0x806e9, 0));
	/* platform unknown, revisions differ: no answer */
	assert_null(ucode_blob_best(&b, 0x806e9, -1));
	/* signed comparison: the debug revision is the older one */
	assert_int_equal(ucode_blob_best(&b, 0x50654, 0)->rev, 0x10);
	ucode_blob_free(&b);

	/* one bad update makes the whole bundle broken */
	buf[48 + 256 + 48 + 10] ^= 0x40;
	expect_broken(n, UCODE_VENDOR_INTEL, "update 1: checksum is wrong");
	/* cut short after a whole update */
	fx_intel(buf + 48 + 256, 0x806e9, 0x10, 0xf6, 0, NULL, 0);
	expect_broken(48 + 256 + 47, UCODE_VENDOR_INTEL, "update 1: header cut short");
}

static const uint32_t amd_eq[][2] = { { 0x00800f12, 0x8012 }, { 0x00800f82, 0x8082 },
				      { 0x00830f10, 0x8310 } };

static size_t amd_file(void)
{
	size_t n = fx_amd_head(buf, amd_eq, 3);

	n += fx_amd_patch(buf + n, 0x08001250, 0x8012, 3200);
	n += fx_amd_patch(buf + n, 0x0800820d, 0x8082, 3200);
	n += fx_amd_patch(buf + n, 0x08001230, 0x8012, 64);
	n += fx_amd_patch(buf + n, 0x0830107c, 0x8310, 3200);
	return n;
}

static void amd_containers(void **state)
{
	size_t n = amd_file(), m;
	const struct ucode_entry *e;
	struct ucode_blob b;

	assert_int_equal(parse(n, UCODE_VENDOR_NONE, &b), 0);
	assert_int_equal(b.vendor, UCODE_VENDOR_AMD);
	assert_int_equal(b.nr_updates, 4);
	assert_int_equal(b.nr, 4);
	e = ucode_blob_best(&b, 0x00800f12, -1);
	assert_non_null(e);
	assert_int_equal(e->rev, 0x08001250);
	assert_int_equal(e->equiv_id, 0x8012);
	/* AMD has no platform id: any value matches */
	assert_int_equal(ucode_blob_best(&b, 0x00800f12, 3)->rev, 0x08001250);
	assert_int_equal(ucode_blob_best(&b, 0x00830f10, -1)->rev, 0x0830107c);
	assert_null(ucode_blob_best(&b, 0x00a20f10, -1));
	ucode_blob_free(&b);

	/* a second container behind the first */
	m = n + fx_amd_head(buf + n, (const uint32_t[][2]){ { 0x00a20f10, 0xa210 } }, 1);
	m += fx_amd_patch(buf + m, 0x0a201016, 0xa210, 128);
	assert_int_equal(parse(m, UCODE_VENDOR_AMD, &b), 0);
	assert_int_equal(b.nr_updates, 5);
	assert_int_equal(ucode_blob_best(&b, 0x00a20f10, -1)->rev, 0x0a201016);
	ucode_blob_free(&b);
}

static void amd_broken(void **state)
{
	size_t n = amd_file();

	expect_broken(n - 1, UCODE_VENDOR_AMD, "run past the end");
	expect_broken(8, UCODE_VENDOR_AMD, "header cut short");
	amd_file();
	buf[12 + 64 + 3200 + 8] = 2;	/* second patch section type */
	expect_broken(n, UCODE_VENDOR_AMD, "patch 1: section type 2");
	amd_file();
	fx_w32(buf + 12 + 64 + 4, 0xfffffff8);	/* first patch size */
	expect_broken(n, UCODE_VENDOR_AMD, "patch 0:");
	amd_file();
	fx_w32(buf + 12 + 64 + 4, 16);
	expect_broken(n, UCODE_VENDOR_AMD, "shorter than its header");
	amd_file();
	fx_w32(buf + 8, 0xfffffff0);	/* equivalence table size */
	expect_broken(n, UCODE_VENDOR_AMD, "equivalence table");
	amd_file();
	fx_w32(buf + 8, 24);
	expect_broken(n, UCODE_VENDOR_AMD, "equivalence table of 24 bytes is malformed");
	amd_file();
	fx_w32(buf + 4, 1);
	expect_broken(n, UCODE_VENDOR_AMD, "not the equivalence table");
	amd_file();
	buf[0] ^= 1;
	expect_broken(n, UCODE_VENDOR_AMD, "no AMD container magic");
}

static void garbage(void **state)
{
	srand(8);
	for (int round = 0; round < 200; round++) {
		size_t n = (size_t)(rand() % 8192);
		struct ucode_blob b;
		int r;

		for (size_t i = 0; i < n; i++)
			buf[i] = (uint8_t)rand();
		for (int v = UCODE_VENDOR_NONE; v <= UCODE_VENDOR_AMD; v++) {
			r = ucode_blob_parse(buf, n, v, &b);
			assert_int_equal(r, -EBADMSG);
			assert_int_equal(b.nr, 0);
			ucode_blob_free(&b);
		}
	}
	memset(buf, 0, 4096);
	expect_broken(4096, UCODE_VENDOR_NONE, "header version 0");
	memcpy(buf, "\x44\x4d\x41\x00", 4);
	expect_broken(4096, UCODE_VENDOR_NONE, "equivalence table of 0 bytes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(intel_default_sizes),
		cmocka_unit_test(intel_wrong_checksum),
		cmocka_unit_test(intel_truncated_header),
		cmocka_unit_test(intel_total_past_end),
		cmocka_unit_test(intel_size_not_multiple_of_4),
		cmocka_unit_test(intel_bad_versions),
		cmocka_unit_test(intel_extended_table),
		cmocka_unit_test(intel_extended_checksums),
		cmocka_unit_test(intel_bundle),
		cmocka_unit_test(amd_containers),
		cmocka_unit_test(amd_broken),
		cmocka_unit_test(garbage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
