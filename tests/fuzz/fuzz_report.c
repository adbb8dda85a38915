// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of `mdscope report --from FILE` past the loader: every
 * snapshot snapshot_from_string() accepts is analyzed (classify.c and its
 * rules, roll-ups, findings) and printed as text and as JSON, as report_main()
 * does. The seeds are the snapshot harness's.
 */
#include <stdio.h>

#include "classify.h"
#include "fuzz.h"
#include "report.h"
#include "snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	struct mds_snapshot s;
	struct cls_result r;
	struct mds_err err;
	char *text = fuzz_string(data, size);

	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	snapshot_init(&s);
	if (!snapshot_from_string(&s, text, &err)) {
		/* all four, then only the first two as --vuln mds,taa does */
		for (unsigned int mask = VULN_ALL; mask; mask = mask == VULN_ALL ? 3 : 0) {
			if (classify_snapshot_vulns(&s, mask, &r))
				continue;
			report_print_text(null, &r, NULL);
			report_print_json(null, &r, NULL);
			cls_result_free(&r);
		}
	}
	snapshot_free(&s);
	free(text);
	return 0;
}
