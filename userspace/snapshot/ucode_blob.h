/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Microcode update files, parsed from a buffer: Intel updates (one or a
 * bundle back to back, SDM vol. 3 "Microcode Update Facilities") and AMD
 * containers (magic, equivalence table, patch sections). Pure: no I/O.
 * A file with any bad part is broken as a whole and yields no entries.
 */
#ifndef MDSCOPE_UCODE_BLOB_H
#define MDSCOPE_UCODE_BLOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ucode_vendor {
	UCODE_VENDOR_NONE = 0,
	UCODE_VENDOR_INTEL,
	UCODE_VENDOR_AMD,
};

/* One (update, signature) pair: an update with an extended table gives several. */
struct ucode_entry {
	uint32_t sig;		/* CPUID.1:EAX (AMD: installed_cpu of the equivalence table) */
	uint32_t pf_mask;	/* Intel platform mask; AMD 0 */
	uint32_t rev;		/* Intel update revision; AMD patch level (patch_id) */
	uint32_t date;		/* Intel BCD 0xMMDDYYYY; AMD data_code as stored */
	uint32_t update;	/* index of the update (patch) in the file */
	uint32_t offset, size;	/* of the whole update in the buffer */
	uint16_t equiv_id;	/* AMD processor_rev_id; Intel 0 */
	bool extended;		/* Intel: from the extended signature table */
};

struct ucode_blob {
	enum ucode_vendor vendor;
	struct ucode_entry *e;	/* malloc'd */
	size_t nr;
	uint32_t nr_updates;
	char why[160];		/* why the file is broken, "" when it is not */
};

#define UCODE_INTEL_HDR	48
#define UCODE_AMD_MAGIC	0x00414d44u

/*
 * Parse buf as Intel (vendor UCODE_VENDOR_INTEL), AMD (UCODE_VENDOR_AMD) or
 * whichever it looks like (UCODE_VENDOR_NONE: the AMD magic, else Intel).
 * 0 on success; -EBADMSG with why filled when the file is broken (b->e is
 * then empty); -ENOMEM. Always ucode_blob_free() afterwards.
 */
int ucode_blob_parse(const void *buf, size_t len, enum ucode_vendor vendor,
		     struct ucode_blob *b);
void ucode_blob_free(struct ucode_blob *b);

/* Does e apply to a CPU with signature sig and platform id pid (0..7, -1 unknown)? */
bool ucode_entry_matches(enum ucode_vendor v, const struct ucode_entry *e,
			 uint32_t sig, int pid);

/*
 * The newest entry for sig and platform id pid (Intel revisions compare as
 * signed numbers, as the kernel does; AMD unsigned). With pid -1 on Intel a
 * match counts only when every entry for sig has the same revision.
 */
const struct ucode_entry *ucode_blob_best(const struct ucode_blob *b, uint32_t sig, int pid);

/* rev a newer than rev b for vendor v. */
bool ucode_rev_newer(enum ucode_vendor v, uint32_t a, uint32_t b);

#endif
