// SPDX-License-Identifier: GPL-2.0
/*
 * initramfs.c: early microcode in cpio archives written here with
 * libarchive (newc, uncompressed), followed by a gzip-compressed archive
 * as in a Debian initrd: the vendor bundles of the early archives are
 * found, the compressed archive is never looked into.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "../../userspace/collect/initramfs.c"
#include "ucode_fx.h"

const char *prog = "mdscope";

static uint8_t img[1 << 20];
static size_t img_len;

/* Append one cpio archive of files to img (ucode_fx.h). */
static void add_archive(const struct fx_file *f, unsigned int n, bool gzip, bool pad)
{
	img_len += fx_cpio(img + img_len, sizeof(img) - img_len, f, n, gzip, pad);
}

static uint8_t intel[8192], intel_new[4096], amd[8192];
static size_t intel_len, intel_new_len, amd_len;

static int setup(void **state)
{
	static const uint32_t eq[][2] = { { 0x00800f12, 0x8012 } };

	intel_len = fx_intel(intel, 0x50654, 0xb7, 0x2006e05, 1024, NULL, 0);
	intel_len += fx_intel(intel + intel_len, 0x806e9, 0xc0, 0xb4, 1024, NULL, 0);
	intel_new_len = fx_intel(intel_new, 0x50654, 0xb7, 0x2007006, 1024, NULL, 0);
	amd_len = fx_amd_head(amd, eq, 1);
	amd_len += fx_amd_patch(amd + amd_len, 0x08001250, 0x8012, 256);
	img_len = 0;
	return 0;
}

/* The compressed main archive, holding a newer bundle the kernel never loads early. */
static void add_main(void)
{
	struct fx_file f[2] = { { "init", "#!/bin/sh\n", 10 },
				{ UCODE_EARLY_INTEL, intel_new, intel_new_len } };

	add_archive(f, 2, true, true);
}

static void read_img(struct ucode_initramfs *o)
{
	assert_int_equal(ucode_initramfs_parse(img, img_len, o), 0);
}

static void early_then_compressed(void **state)
{
	const struct fx_file early[] = {
		{ "kernel", NULL, 0 }, { "kernel/x86", NULL, 0 },
		{ "kernel/x86/microcode", NULL, 0 },
		{ UCODE_EARLY_AMD, amd, amd_len },
		{ UCODE_EARLY_INTEL, intel, intel_len },
	};
	struct ucode_initramfs o;

	add_archive(early, 5, false, true);
	add_main();
	read_img(&o);
	assert_int_equal(o.state, UCODE_IRD_READ);
	assert_int_equal(o.archives, 1);
	assert_true(o.intel.present);
	assert_int_equal(o.intel.err, 0);
	assert_int_equal(o.intel.blob.nr_updates, 2);
	/* the early bundle's revision, not the compressed archive's newer one */
	assert_int_equal(ucode_blob_best(&o.intel.blob, 0x50654, 0)->rev, 0x2006e05);
	assert_int_equal(ucode_blob_best(&o.intel.blob, 0x806e9, 7)->rev, 0xb4);
	assert_true(o.amd.present);
	assert_int_equal(ucode_blob_best(&o.amd.blob, 0x00800f12, -1)->rev, 0x08001250);
	ucode_initramfs_free(&o);
}

static void compressed_only(void **state)
{
	struct ucode_initramfs o;

	add_main();
	read_img(&o);
	assert_int_equal(o.state, UCODE_IRD_NO_EARLY);
	assert_false(o.intel.present);
	assert_false(o.amd.present);
	ucode_initramfs_free(&o);
}

static void early_without_microcode(void **state)
{
	const struct fx_file early[] = {
		{ "kernel", NULL, 0 },
		{ "kernel/x86/microcode/GenuineIntel.bin.old", intel, intel_len },
		{ "./" UCODE_EARLY_INTEL, intel, intel_len },	/* the kernel wants the exact name */
	};
	struct ucode_initramfs o;

	add_archive(early, 3, false, false);
	add_main();
	read_img(&o);
	assert_int_equal(o.state, UCODE_IRD_READ);
	assert_false(o.intel.present);
	assert_false(o.amd.present);
	ucode_initramfs_free(&o);
}

static void two_early_archives(void **state)
{
	const struct fx_file first[] = { { UCODE_EARLY_INTEL, intel, intel_len } };
	const struct fx_file second[] = {
		{ UCODE_EARLY_AMD, amd, amd_len },
		{ UCODE_EARLY_INTEL, intel_new, intel_new_len },	/* the first one wins */
	};
	struct ucode_initramfs o;

	add_archive(first, 1, false, false);
	memset(img + img_len, 0, 16);	/* zero padding between archives */
	img_len += 16;
	add_archive(second, 2, false, true);
	add_main();
	read_img(&o);
	assert_int_equal(o.state, UCODE_IRD_READ);
	assert_int_equal(o.archives, 2);
	assert_int_equal(ucode_blob_best(&o.intel.blob, 0x50654, 0)->rev, 0x2006e05);
	assert_true(o.amd.present);
	assert_int_equal(o.amd.blob.nr_updates, 1);
	ucode_initramfs_free(&o);
}

static void broken_bundle(void **state)
{
	uint8_t bad[8192];
	const struct fx_file early[] = { { UCODE_EARLY_INTEL, bad, intel_len } };
	struct ucode_initramfs o;

	memcpy(bad, intel, intel_len);
	bad[200] ^= 1;
	add_archive(early, 1, false, true);
	add_main();
	read_img(&o);
	assert_int_equal(o.state, UCODE_IRD_READ);
	assert_true(o.intel.present);
	assert_int_equal(o.intel.err, -EBADMSG);
	assert_int_equal(o.intel.blob.nr, 0);
	assert_non_null(strstr(o.intel.blob.why, "checksum"));
	ucode_initramfs_free(&o);
}

static void truncated_cpio(void **state)
{
	const struct fx_file early[] = { { UCODE_EARLY_AMD, amd, amd_len },
					 { UCODE_EARLY_INTEL, intel, intel_len } };
	struct ucode_initramfs o;

	add_archive(early, 2, false, false);
	img_len -= 300;	/* into the Intel bundle's data */
	read_img(&o);
	assert_true(o.state == UCODE_IRD_ERROR || (o.intel.present && o.intel.err));
	if (o.state != UCODE_IRD_ERROR)
		assert_int_equal(o.intel.err, -EIO);
	ucode_initramfs_free(&o);

	/* cut inside a header: an error, never an out-of-bounds read */
	img_len = 0;
	add_archive(early, 2, false, false);
	img_len = 60;
	read_img(&o);
	assert_int_equal(o.state, UCODE_IRD_ERROR);
	assert_non_null(strstr(o.why, "early cpio"));
	ucode_initramfs_free(&o);
}

static void files(void **state)
{
	char path[] = "/tmp/mdscope-test-initramfs.XXXXXX";
	const struct fx_file early[] = { { UCODE_EARLY_INTEL, intel, intel_len } };
	struct ucode_initramfs o;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	add_archive(early, 1, false, true);
	add_main();
	assert_int_equal(write(fd, img, img_len), (ssize_t)img_len);
	close(fd);
	assert_int_equal(ucode_initramfs_read(path, &o), 0);
	assert_int_equal(o.state, UCODE_IRD_READ);
	assert_int_equal(ucode_blob_best(&o.intel.blob, 0x50654, 0)->rev, 0x2006e05);
	ucode_initramfs_free(&o);
	unlink(path);

	assert_int_equal(ucode_initramfs_read(path, &o), 0);
	assert_int_equal(o.state, UCODE_IRD_ERROR);
	assert_int_equal(o.err, -ENOENT);
	assert_non_null(strstr(o.why, "No such file"));
	assert_int_equal(ucode_initramfs_read("/tmp", &o), 0);
	assert_int_equal(o.state, UCODE_IRD_ERROR);
	assert_non_null(strstr(o.why, "not a regular file"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(early_then_compressed, setup),
		cmocka_unit_test_setup(compressed_only, setup),
		cmocka_unit_test_setup(early_without_microcode, setup),
		cmocka_unit_test_setup(two_early_archives, setup),
		cmocka_unit_test_setup(broken_bundle, setup),
		cmocka_unit_test_setup(truncated_cpio, setup),
		cmocka_unit_test_setup(files, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
