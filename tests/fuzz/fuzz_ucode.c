// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of the microcode file parser (snapshot/ucode_blob.c):
 * the input as an Intel file, an AMD container and whatever it looks like,
 * then the lookups over what a good file gave.
 */
#include "fuzz.h"
#include "ucode_blob.h"

static void lookups(const struct ucode_blob *b)
{
	for (size_t i = 0; i < b->nr && i < 8; i++)
		for (int pid = -1; pid < 8; pid++)
			ucode_blob_best(b, b->e[i].sig, pid);
	ucode_blob_best(b, 0x50657, -1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum ucode_vendor vendors[] = {
		UCODE_VENDOR_INTEL, UCODE_VENDOR_AMD, UCODE_VENDOR_NONE,
	};
	struct ucode_blob b;

	for (size_t i = 0; i < sizeof(vendors) / sizeof(vendors[0]); i++) {
		memset(&b, 0, sizeof(b));
		if (!ucode_blob_parse(data, size, vendors[i], &b))
			lookups(&b);
		ucode_blob_free(&b);
	}
	return 0;
}
