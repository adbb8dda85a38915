// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of the sysfs text parsers (collect/sysfs.c): smt/control,
 * smt/active and the cpulists of thread_siblings_list, on the same text.
 */
#include "fuzz.h"
#include "sysfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum mds_smt_control ctl;
	struct mds_err err;
	char *text = fuzz_string(data, size);
	int active;

	parse_smt_control(text, &ctl, &err);
	parse_smt_active(text, &active, &err);
	if (parse_cpulist_count(text, &err) >= 0) {
		/* the CPUs around the list's ends, and the largest numbers */
		for (uint32_t cpu = 0; cpu < 70; cpu++)
			parse_cpulist_index(text, cpu, &err);
		parse_cpulist_index(text, UINT32_MAX, &err);
		parse_cpulist_index(text, 8191, &err);
	}
	sanitize_text(text);
	free(text);
	return 0;
}
