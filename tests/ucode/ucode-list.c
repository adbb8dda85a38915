// SPDX-License-Identifier: GPL-2.0
/*
 * Test helper: list what ucode_file.c + ucode_blob.c read from a firmware
 * directory, one line per (update, signature):
 *   <file> sig 0x%08x pf_mask 0x%02x rev 0x%08x [ext]
 * ("ext": from an extended signature table) and "<file> broken <why>" for a
 * file that fails. The suite compares the
 * lines with what iucode_tool says about the same files.
 */
#include <inttypes.h>
#include <stdio.h>

#include "ucode_file.h"

int main(int argc, char *argv[])
{
	struct mds_err err = { "" };
	struct ucode_dir d;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FIRMWARE_DIR\n", argv[0]);
		return 2;
	}
	if (ucode_dir_read(argv[1], &d, &err)) {
		fprintf(stderr, "ucode-list: %s\n", err.msg);
		return 1;
	}
	for (size_t i = 0; i < d.nr; i++) {
		const struct ucode_file *f = &d.f[i];

		if (f->err) {
			printf("%s broken %s\n", f->name, f->blob.why[0] ? f->blob.why : "unreadable");
			continue;
		}
		for (size_t j = 0; j < f->blob.nr; j++)
			printf("%s sig 0x%08" PRIx32 " pf_mask 0x%02" PRIx32 " rev 0x%08" PRIx32 "%s\n",
			       f->name, f->blob.e[j].sig, f->blob.e[j].pf_mask, f->blob.e[j].rev,
			       f->blob.e[j].extended ? " ext" : "");
	}
	ucode_dir_free(&d);
	return 0;
}
