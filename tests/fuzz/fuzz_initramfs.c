// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of the initramfs reader (collect/initramfs.c, the
 * mdscope-initramfs.so plugin): the early uncompressed cpio archives at the
 * start of the input, through libarchive, and the bundles found in them.
 */
#include "fuzz.h"
#include "initramfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ucode_initramfs ird;

	memset(&ird, 0, sizeof(ird));
	ucode_initramfs_parse(data, size, &ird);
	ucode_initramfs_free(&ird);
	return 0;
}
