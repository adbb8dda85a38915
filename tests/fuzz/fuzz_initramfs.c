// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of the initramfs reader (collect/initramfs.c, the
 * mdscope-initramfs.so plugin): the early uncompressed cpio archives at the
 * start of the input, through libarchive, and the bundles found in them.
 *
 * libarchive's cpio reader allocates a header's name size (up to 4 GiB)
 * before it finds that the bytes are not there; under ASan each such malloc
 * costs a second and hundreds of MB of shadow, and fuzzing stalls. Here a
 * malloc above 256 MiB fails instead, as it may on a small host, so the
 * reader's ENOMEM path is fuzzed too (corpus/initramfs/libarchive-huge-namesize).
 */
#include "fuzz.h"
#include "initramfs.h"

const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1:max_allocation_size_mb=256";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ucode_initramfs ird;

	memset(&ird, 0, sizeof(ird));
	ucode_initramfs_parse(data, size, &ird);
	ucode_initramfs_free(&ird);
	return 0;
}
