// SPDX-License-Identifier: GPL-2.0
/*
 * cputable.c + the generated tables: first-match order as x86_match_cpu()
 * (SKYLAKE_X/KABYLAKE stepping rows, AMD families, hybrid core types),
 * vendor strings and flag names.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../userspace/analyze/cputable.c"

const char *prog = "mdscope";

static const struct cputable_row *wl(enum cpu_vendor v, uint32_t sig)
{
	return cputable_match(cputable_whitelist, cputable_whitelist_len, v, sig, 0);
}

static const struct cputable_row *bl(uint32_t sig, uint8_t cpu_type)
{
	return cputable_match(cputable_blacklist, cputable_blacklist_len, CPU_VENDOR_INTEL, sig,
			      cpu_type);
}

static const char *flags(const struct cputable_row *r)
{
	static char buf[256];

	return r ? cputable_flags_str(r->flags, buf, sizeof(buf)) : "(no row)";
}

static void whitelist_mds_classes(void **state)
{
	static const struct {
		enum cpu_vendor vendor;
		uint32_t sig;
		const char *name, *flags;
	} cases[] = {
		{ CPU_VENDOR_INTEL, 0x30678, "ATOM_SILVERMONT", "NO_ITLB_MULTIHIT|NO_SSB|NO_L1TF|MSBDS_ONLY|NO_SWAPGS" },
		{ CPU_VENDOR_INTEL, 0x406c4, "ATOM_AIRMONT", "NO_ITLB_MULTIHIT|NO_SSB|NO_L1TF|MSBDS_ONLY|NO_SWAPGS" },
		{ CPU_VENDOR_INTEL, 0x50671, "XEON_PHI_KNL", "NO_ITLB_MULTIHIT|NO_SSB|NO_L1TF|MSBDS_ONLY|NO_SWAPGS" },
		{ CPU_VENDOR_INTEL, 0x506a0, "ATOM_AIRMONT_MID", "NO_ITLB_MULTIHIT|NO_SSB|NO_L1TF|MSBDS_ONLY|NO_SWAPGS" },
		{ CPU_VENDOR_INTEL, 0x70650, "ATOM_AIRMONT_NP", "NO_ITLB_MULTIHIT|NO_SSB|NO_L1TF|NO_SWAPGS" },
		{ CPU_VENDOR_INTEL, 0x506c9, "ATOM_GOLDMONT", "NO_MMIO|NO_ITLB_MULTIHIT|NO_L1TF|NO_SWAPGS|NO_MDS" },
		{ CPU_VENDOR_INTEL, 0x706a1, "ATOM_GOLDMONT_PLUS", "NO_MMIO|NO_ITLB_MULTIHIT|NO_L1TF|NO_SWAPGS|NO_MDS|NO_EIBRS_PBRSB" },
		{ CPU_VENDOR_INTEL, 0x106c2, "ATOM_BONNELL", "NO_SPECULATION|NO_ITLB_MULTIHIT" },
		{ CPU_VENDOR_INTEL, 0x00543, "ANY", "NO_SPECULATION" },		/* family 5 */
		{ CPU_VENDOR_AMD, 0x00480, "ANY", "NO_SPECULATION" },		/* family 4: any vendor */
		{ CPU_VENDOR_INTEL, 0x806c1, "TIGERLAKE_L", "NO_MMIO" },	/* matched, no MDS flag */
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct cputable_row *r = wl(cases[i].vendor, cases[i].sig);

		assert_non_null(r);
		assert_string_equal(r->name, cases[i].name);
		assert_string_equal(flags(r), cases[i].flags);
	}
	/* Skylake-SP, Cascade Lake, Haswell: no whitelist row, so MDS unless MDS_NO */
	assert_null(wl(CPU_VENDOR_INTEL, 0x50654));
	assert_null(wl(CPU_VENDOR_INTEL, 0x50657));
	assert_null(wl(CPU_VENDOR_INTEL, 0x306c3));
}

static void whitelist_amd_families_first_match(void **state)
{
	const struct cputable_row *r;

	/* family 0x10 has its own row (with NO_SSB) before the any-family row */
	r = wl(CPU_VENDOR_AMD, 0x100f22);
	assert_int_equal(r->family, 0x10);
	assert_true(r->flags & CPUTABLE_F_NO_SSB);
	assert_true(r->flags & CPUTABLE_F_NO_MDS);
	r = wl(CPU_VENDOR_AMD, 0x00f4a);		/* K8, family 0xf */
	assert_int_equal(r->family, 0xf);
	r = wl(CPU_VENDOR_AMD, 0x800f12);		/* Zen, family 0x17 */
	assert_int_equal(r->family, CPUTABLE_ANY);
	assert_false(r->flags & CPUTABLE_F_NO_SSB);
	assert_true(r->flags & CPUTABLE_F_NO_MDS);
	r = wl(CPU_VENDOR_HYGON, 0x900f01);
	assert_int_equal(r->vendor, CPU_VENDOR_HYGON);
	assert_true(r->flags & CPUTABLE_F_NO_MDS);
	/* Centaur/Zhaoxin family 7 rows exist but carry no NO_MDS; family 6 has none */
	r = wl(CPU_VENDOR_ZHAOXIN, 0x107b0);
	assert_non_null(r);
	assert_false(r->flags & CPUTABLE_F_NO_MDS);
	assert_null(wl(CPU_VENDOR_CENTAUR, 0x6f2));
}

static void blacklist_stepping_rows_in_order(void **state)
{
	/* SKYLAKE_X: steppings <= 5 match the first row (no ITS), later the second */
	assert_string_equal(flags(bl(0x50654, 0)), "VMSCAPE|MMIO|RETBLEED|GDS");
	assert_int_equal(bl(0x50654, 0)->stepping_max, 5);
	assert_string_equal(flags(bl(0x50655, 0)), "VMSCAPE|MMIO|RETBLEED|GDS");
	assert_string_equal(flags(bl(0x50657, 0)), "VMSCAPE|MMIO|RETBLEED|GDS|ITS");
	assert_int_equal(bl(0x50657, 0)->stepping_max, CPUTABLE_ANY);
	/* KABYLAKE 0x9e: <= 0xc without ITS, 0xd with */
	assert_false(bl(0x906ec, 0)->flags & CPUTABLE_F_ITS);
	assert_true(bl(0x906ed, 0)->flags & CPUTABLE_F_ITS);
	/* ALDERLAKE: the E-core row matches only core type 0x20 */
	assert_true(bl(0x90672, 0x20)->flags & CPUTABLE_F_RFDS);
	assert_false(bl(0x90672, 0x40)->flags & CPUTABLE_F_RFDS);
	assert_false(bl(0x90672, 0)->flags & CPUTABLE_F_RFDS);
	/* no MDS or TAA rows in the blacklist at all */
	for (size_t i = 0; i < cputable_blacklist_len; i++)
		assert_false(cputable_blacklist[i].flags &
			     (CPUTABLE_F_NO_MDS | CPUTABLE_F_MSBDS_ONLY | CPUTABLE_F_NO_SPECULATION));
	assert_string_equal(bl(0x306c3, 0)->name, "HASWELL");
}

static void vendors_and_names(void **state)
{
	assert_int_equal(cpu_vendor_from_string("GenuineIntel"), CPU_VENDOR_INTEL);
	assert_int_equal(cpu_vendor_from_string("AuthenticAMD"), CPU_VENDOR_AMD);
	assert_int_equal(cpu_vendor_from_string("HygonGenuine"), CPU_VENDOR_HYGON);
	assert_int_equal(cpu_vendor_from_string("  Shanghai  "), CPU_VENDOR_ZHAOXIN);
	assert_int_equal(cpu_vendor_from_string("GenuineIntex"), CPU_VENDOR_UNKNOWN);
	assert_int_equal(cpu_vendor_from_string(""), CPU_VENDOR_UNKNOWN);
	assert_int_equal(cpu_vendor_from_string(NULL), CPU_VENDOR_UNKNOWN);
	assert_string_equal(cpu_vendor_name(CPU_VENDOR_CENTAUR), "centaur");
	assert_string_equal(cpu_vendor_name(CPU_VENDOR_UNKNOWN), "unknown");
	/* truncation keeps whole names */
	{
		char small[12];

		cputable_flags_str(CPUTABLE_F_NO_MDS | CPUTABLE_F_MSBDS_ONLY, small, sizeof(small));
		assert_string_equal(small, "MSBDS_ONLY");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(whitelist_mds_classes),
		cmocka_unit_test(whitelist_amd_families_first_match),
		cmocka_unit_test(blacklist_stepping_rows_in_order),
		cmocka_unit_test(vendors_and_names),
	};

	return cmocka_run_group_tests_name("cputable", tests, NULL, NULL);
}
