// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of the vulnerabilities/<file> parser (snapshot/vuln.c
 * parse_vuln_claim()), the same line for every vulnerability of the family,
 * and of the --vuln list parser.
 */
#include "fuzz.h"
#include "snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mds_kclaim claim;
	struct mds_err err;
	char *text = fuzz_string(data, size);
	unsigned int mask;

	for (int v = 0; v < VULN_NR; v++)
		parse_vuln_claim(v, text, &claim, &err);
	vuln_parse_mask(text, &mask, &err);
	free(text);
	return 0;
}
