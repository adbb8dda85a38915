// SPDX-License-Identifier: GPL-2.0
/* libFuzzer harness of the /proc/cpuinfo parser (collect/cpuinfo.c). */
#include "cpuinfo.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mds_cpuinfo *ci = NULL;
	struct mds_err err;
	char *text = fuzz_string(data, size);
	size_t nr = 0;

	if (!parse_cpuinfo(text, size, &ci, &nr, &err))
		free(ci);
	free(text);
	return 0;
}
