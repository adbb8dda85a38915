// SPDX-License-Identifier: GPL-2.0
/*
 * ucode.c + the generated microcode tables: a CPU's revision against the
 * first MDS release for its signature and platform, and the newest known.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../userspace/analyze/ucode.c"

const char *prog = "mdscope";

static struct ucode_check chk(uint32_t sig, int pf, uint32_t rev)
{
	struct ucode_check c;

	ucode_check(sig, pf, true, rev, &c);
	return c;
}

static void skylake_sp_older_equal_newer(void **state)
{
	/* 06-55-04, mask 0xb7: 0x0200005e in the binary (the note says 0x5e) */
	assert_int_equal(chk(0x50654, 0, 0x0200005a).state, UCODE_OLDER);
	assert_int_equal(chk(0x50654, 0, 0x0200005e).state, UCODE_EQUAL);
	assert_int_equal(chk(0x50654, 0, 0x02006e05).state, UCODE_NEWER);
	assert_int_equal(chk(0x50654, 0, 0x0200005a).mds->rev, 0x0200005e);
	assert_int_equal(chk(0x50654, 0, 0x0200005a).mds->release, 20190514);
	/* newest known: 0x02007006 (20230808) */
	assert_true(chk(0x50654, 0, 0x02006e05).newer_exists);
	assert_int_equal(chk(0x50654, 0, 0x02006e05).latest->rev, 0x02007006);
	assert_false(chk(0x50654, 0, 0x02007006).newer_exists);
	/* a debug (negative) revision is older, compared as the kernel does */
	assert_int_equal(chk(0x50654, 0, 0x80000001).state, UCODE_OLDER);
}

static void sandy_bridge_ep_from_20190618(void **state)
{
	assert_int_equal(chk(0x206d7, 0, 0x714).state, UCODE_OLDER);
	assert_int_equal(chk(0x206d7, 0, 0x714).mds->release, 20190618);
	assert_int_equal(chk(0x206d7, 0, 0x718).state, UCODE_EQUAL);
}

static void platform_mask(void **state)
{
	/* 0xb7 lacks bit 3 */
	assert_int_equal(chk(0x50654, 3, 0x02006e05).state, UCODE_PF_MISMATCH);
	assert_null(chk(0x50654, 3, 0x02006e05).mds);
	/* 06-8e-09: two rows, masks 0x10 and 0xc0, one revision */
	assert_int_equal(chk(0x806e9, 4, 0xb4).state, UCODE_EQUAL);
	assert_int_equal(chk(0x806e9, 6, 0xb4).state, UCODE_EQUAL);
	assert_int_equal(chk(0x806e9, 0, 0xb4).state, UCODE_PF_MISMATCH);
	/* platform id unknown: still works when every row agrees */
	assert_int_equal(chk(0x806e9, UCODE_PLATFORM_UNKNOWN, 0x9a).state, UCODE_OLDER);
	/* Bay Trail 06-37-08, masks 0x02 and 0x0c */
	assert_int_equal(chk(0x30678, 1, 0x838).mds->pf_mask, 0x02);
	assert_int_equal(chk(0x30678, 2, 0x838).mds->pf_mask, 0x0c);
}

static void unknown_inputs(void **state)
{
	struct ucode_check c;

	assert_int_equal(chk(0x12345, 0, 1).state, UCODE_NO_ROW);
	assert_null(chk(0x12345, 0, 1).latest);
	/* Cascade Lake B0 (0x50656): released later, known to the release notes only */
	assert_int_equal(chk(0x50656, 0, 0x4003604).state, UCODE_NO_ROW);
	assert_non_null(chk(0x50656, 0, 0x4003604).latest);
	assert_true(chk(0x50656, 0, 0x4003604).newer_exists);
	/* revision not read */
	ucode_check(0x50654, 0, false, 0, &c);
	assert_int_equal(c.state, UCODE_UNKNOWN);
	assert_false(c.newer_exists);
	assert_non_null(c.mds);
}

static void lookup_with_unknown_platform_and_differing_rows(void **state)
{
	static const struct ucode_row rows[] = {
		{ 0x1, 0x01, 0x10, 20190514, "A" },
		{ 0x1, 0x02, 0x11, 20190514, "B" },
		{ 0x2, 0x03, 0x20, 20190514, "C" },
		{ 0x2, 0x0c, 0x20, 20190514, "D" },
	};

	assert_null(ucode_lookup(rows, 4, 0x1, UCODE_PLATFORM_UNKNOWN));
	assert_string_equal(ucode_lookup(rows, 4, 0x1, 1)->codename, "B");
	assert_string_equal(ucode_lookup(rows, 4, 0x2, UCODE_PLATFORM_UNKNOWN)->codename, "D");
	assert_null(ucode_lookup(rows, 4, 0x2, 4));
	assert_null(ucode_lookup(rows, 4, 0x3, 0));
	assert_string_equal(ucode_state_name(UCODE_PF_MISMATCH), "platform_mismatch");
	assert_string_equal(ucode_state_name((enum ucode_state)99), "unknown");
}

static void tables_are_well_formed(void **state)
{
	assert_true(ucode_mds_rows_len >= 40);
	for (size_t i = 0; i < ucode_mds_rows_len; i++) {
		const struct ucode_row *r = &ucode_mds_rows[i];

		assert_true(r->pf_mask != 0);
		assert_true(r->release == 20190514 || r->release == 20190618);
		/* every MDS row is also known to the release notes, never older */
		for (int pf = 0; pf < 8; pf++) {
			const struct ucode_row *l;

			if (!(r->pf_mask & (1u << pf)))
				continue;
			l = ucode_lookup(ucode_latest_rows, ucode_latest_rows_len, r->signature, pf);
			if (l)
				assert_true((int32_t)l->rev >= (int32_t)r->rev);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(skylake_sp_older_equal_newer),
		cmocka_unit_test(sandy_bridge_ep_from_20190618),
		cmocka_unit_test(platform_mask),
		cmocka_unit_test(unknown_inputs),
		cmocka_unit_test(lookup_with_unknown_platform_and_differing_rows),
		cmocka_unit_test(tables_are_well_formed),
	};

	return cmocka_run_group_tests_name("ucode", tests, NULL, NULL);
}
