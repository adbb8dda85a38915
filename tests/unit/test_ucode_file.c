// SPDX-License-Identifier: GPL-2.0
/*
 * ucode_file.c: a firmware directory written here (good, broken and
 * unreadable files, a subdirectory, both vendors), read from its root or
 * from a vendor directory itself; the best entry per CPU; the file names
 * the kernel loads; files that are too large or not regular.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../userspace/collect/ucode_file.c"
#include "ucode_fx.h"

const char *prog = "mdscope";

static char dir[64];
static uint8_t buf[1 << 16];

static void put(const char *sub, const void *data, size_t len)
{
	char p[256];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", dir, sub);
	f = fopen(p, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void mk(const char *sub)
{
	char p[256];

	snprintf(p, sizeof(p), "%s/%s", dir, sub);
	assert_int_equal(mkdir(p, 0755), 0);
}

static int setup(void **state)
{
	static const uint32_t eq[][2] = { { 0x00800f12, 0x8012 } };
	size_t n;

	snprintf(dir, sizeof(dir), "/tmp/mdscope-test-fw.XXXXXX");
	assert_non_null(mkdtemp(dir));
	mk("intel-ucode");
	mk("amd-ucode");
	mk("intel-ucode/not-a-file");
	n = fx_intel(buf, 0x50654, 0xb7, 0x2006e05, 512, NULL, 0);
	put("intel-ucode/06-55-04", buf, n);
	n = fx_intel(buf, 0x50654, 0xb7, 0x2007006, 512, NULL, 0);
	put("intel-ucode/06-55-04.initramfs", buf, n);
	n = fx_intel(buf, 0x50657, 0xbf, 0x5003707, 512, NULL, 0);
	put("intel-ucode/06-55-07", buf, n - 8);	/* cut short */
	n = fx_amd_head(buf, eq, 1);
	n += fx_amd_patch(buf + n, 0x08001250, 0x8012, 256);
	put("amd-ucode/microcode_amd_fam17h.bin", buf, n);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static void whole_directory(void **state)
{
	struct mds_err err = { "" };
	const struct ucode_file *f;
	const struct ucode_entry *e;
	struct ucode_dir d;

	assert_int_equal(ucode_dir_read(dir, &d, &err), 0);
	assert_int_equal(d.nr, 4);	/* the subdirectory is not a file */
	assert_string_equal(d.f[0].name, "microcode_amd_fam17h.bin");
	assert_int_equal(d.f[0].blob.vendor, UCODE_VENDOR_AMD);
	assert_string_equal(d.f[3].name, "06-55-07");
	assert_int_equal(d.f[3].err, -EBADMSG);
	assert_non_null(strstr(d.f[3].blob.why, "runs past the end"));
	/* the newest of both Intel files for 06-55-04 */
	e = ucode_dir_best(&d, UCODE_VENDOR_INTEL, 0x50654, 0, &f);
	assert_non_null(e);
	assert_int_equal(e->rev, 0x2007006);
	assert_string_equal(f->name, "06-55-04.initramfs");
	assert_null(ucode_dir_best(&d, UCODE_VENDOR_INTEL, 0x50654, 3, &f));
	assert_null(f);
	/* nothing from the broken file */
	assert_null(ucode_dir_best(&d, UCODE_VENDOR_INTEL, 0x50657, 0, &f));
	e = ucode_dir_best(&d, UCODE_VENDOR_AMD, 0x00800f12, -1, &f);
	assert_non_null(e);
	assert_int_equal(e->rev, 0x08001250);
	/* vendors do not mix */
	assert_null(ucode_dir_best(&d, UCODE_VENDOR_INTEL, 0x00800f12, -1, &f));
	ucode_dir_free(&d);
}

static void vendor_directory_itself(void **state)
{
	struct mds_err err = { "" };
	struct ucode_dir d;
	char p[128];

	snprintf(p, sizeof(p), "%s/intel-ucode/", dir);
	assert_int_equal(ucode_dir_read(p, &d, &err), 0);
	assert_int_equal(d.nr, 3);
	for (size_t i = 0; i < d.nr; i++)
		assert_int_equal(d.f[i].blob.vendor, UCODE_VENDOR_INTEL);
	ucode_dir_free(&d);
	snprintf(p, sizeof(p), "%s/amd-ucode", dir);
	assert_int_equal(ucode_dir_read(p, &d, &err), 0);
	assert_int_equal(d.nr, 1);
	assert_int_equal(d.f[0].blob.vendor, UCODE_VENDOR_AMD);
	ucode_dir_free(&d);
}

static void errors(void **state)
{
	struct mds_err err = { "" };
	struct ucode_dir d;
	char p[128];
	void *b;
	size_t len;
	int fd;

	assert_int_equal(ucode_dir_read("/nonexistent/fw", &d, &err), -ENOENT);
	assert_non_null(strstr(err.msg, "/nonexistent/fw"));
	snprintf(p, sizeof(p), "%s/intel-ucode/06-55-04", dir);
	assert_int_equal(ucode_dir_read(p, &d, &err), -ENOTDIR);
	/* an empty directory: no files, no error */
	snprintf(p, sizeof(p), "%s/intel-ucode/not-a-file", dir);
	assert_int_equal(ucode_dir_read(p, &d, &err), 0);
	assert_int_equal(d.nr, 0);
	ucode_dir_free(&d);
	/* too large (sparse), not regular, missing */
	snprintf(p, sizeof(p), "%s/big", dir);
	fd = open(p, O_CREAT | O_WRONLY, 0644);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)UCODE_FILE_MAX + 4), 0);
	close(fd);
	assert_int_equal(ucode_read_file(p, &b, &len), -EFBIG);
	assert_int_equal(ucode_read_file(dir, &b, &len), -EINVAL);
	snprintf(p, sizeof(p), "%s/none", dir);
	assert_int_equal(ucode_read_file(p, &b, &len), -ENOENT);
	/* a FIFO without a writer is refused at once, not waited on */
	snprintf(p, sizeof(p), "%s/fifo", dir);
	assert_int_equal(mkfifo(p, 0644), 0);
	assert_int_equal(ucode_read_file(p, &b, &len), -EINVAL);
	unlink(p);
	snprintf(p, sizeof(p), "%s/intel-ucode/06-55-04", dir);
	assert_int_equal(ucode_read_file(p, &b, &len), 0);
	assert_int_equal(len, 48 + 512);
	free(b);
}

static void kernel_file_names(void **state)
{
	char b[64];

	ucode_file_name(UCODE_VENDOR_INTEL, 0x50654, b, sizeof(b));
	assert_string_equal(b, "06-55-04");
	ucode_file_name(UCODE_VENDOR_INTEL, 0xf4a, b, sizeof(b));
	assert_string_equal(b, "0f-04-0a");
	ucode_file_name(UCODE_VENDOR_AMD, 0x00800f12, b, sizeof(b));
	assert_string_equal(b, "microcode_amd_fam17h.bin");
	ucode_file_name(UCODE_VENDOR_AMD, 0x00100f22, b, sizeof(b));
	assert_string_equal(b, "microcode_amd.bin");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(whole_directory),
		cmocka_unit_test(vendor_directory_itself),
		cmocka_unit_test(errors),
		cmocka_unit_test(kernel_file_names),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
