// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of the snapshot JSON loader (snapshot_from_string(), what
 * `--from FILE` runs), and of the writer on whatever it accepted: a loaded
 * snapshot must save and load back.
 */
#include <stdio.h>

#include "fuzz.h"
#include "snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mds_snapshot s, again;
	struct mds_err err;
	char *text = fuzz_string(data, size), *out;

	snapshot_init(&s);
	if (!snapshot_from_string(&s, text, &err)) {
		out = snapshot_to_string(&s);
		if (out) {
			snapshot_init(&again);
			if (snapshot_from_string(&again, out, &err)) {
				fprintf(stderr, "saved snapshot does not load back: %s\n", err.msg);
				abort();
			}
			snapshot_free(&again);
			free(out);
		}
	}
	snapshot_free(&s);
	free(text);
	return 0;
}
