// SPDX-License-Identifier: GPL-2.0
/* libFuzzer harness of the kernel command line parser (snapshot/cmdline.c). */
#include "cmdline.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct mds_cmdline cl;
	struct mds_err err;
	char *text = fuzz_string(data, size);

	parse_cmdline(text, &cl, &err);
	free(text);
	return 0;
}
