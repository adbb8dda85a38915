// SPDX-License-Identifier: GPL-2.0
/* Compare a CPU's microcode revision with the MDS release and the newest known one. */
#include "snapshot.h"
#include "ucode.h"

static const char *const state_names[] = {
	[UCODE_UNKNOWN] = "unknown",
	[UCODE_NO_ROW] = "no_data",
	[UCODE_PF_MISMATCH] = "platform_mismatch",
	[UCODE_OLDER] = "older",
	[UCODE_EQUAL] = "equal",
	[UCODE_NEWER] = "newer",
};

const char *ucode_state_name(enum ucode_state s)
{
	return mds_name_of(state_names, sizeof(state_names) / sizeof(state_names[0]), s);
}

/*
 * With a known platform id the first row whose mask covers it; with an
 * unknown one, a row only if every row for the signature has the same
 * revision (then the platform does not matter).
 */
const struct ucode_row *ucode_lookup(const struct ucode_row *table, size_t len,
				     uint32_t sig, int platform_id)
{
	const struct ucode_row *found = NULL;

	for (size_t i = 0; i < len; i++) {
		const struct ucode_row *r = &table[i];

		if (r->signature != sig)
			continue;
		if (platform_id >= 0 && platform_id <= 7) {
			if (r->pf_mask & (1u << platform_id))
				return r;
			continue;
		}
		if (found && found->rev != r->rev)
			return NULL;
		found = r;
	}
	return found;
}

static int sig_known(const struct ucode_row *table, size_t len, uint32_t sig)
{
	for (size_t i = 0; i < len; i++)
		if (table[i].signature == sig)
			return 1;
	return 0;
}

void ucode_check(uint32_t sig, int platform_id, bool have_rev, uint32_t rev,
		 struct ucode_check *out)
{
	*out = (struct ucode_check){ .state = UCODE_UNKNOWN };

	out->latest = ucode_lookup(ucode_latest_rows, ucode_latest_rows_len, sig, platform_id);
	out->mds = ucode_lookup(ucode_mds_rows, ucode_mds_rows_len, sig, platform_id);
	if (!have_rev)
		return;
	if (out->latest)
		out->newer_exists = (int32_t)out->latest->rev > (int32_t)rev;
	if (!out->mds) {
		if (!sig_known(ucode_mds_rows, ucode_mds_rows_len, sig))
			out->state = UCODE_NO_ROW;
		else if (platform_id >= 0 && platform_id <= 7)
			out->state = UCODE_PF_MISMATCH;
		/* else: rows differ by platform and the platform id is unknown */
		return;
	}
	if ((int32_t)rev < (int32_t)out->mds->rev)
		out->state = UCODE_OLDER;
	else if (rev == out->mds->rev)
		out->state = UCODE_EQUAL;
	else
		out->state = UCODE_NEWER;
}
