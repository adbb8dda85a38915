/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The analyzer's view of this host, for the guest verdicts: is the host
 * affected by MDS/TAA, and does every CPU have MD_CLEAR (mdscope's facts).
 */
#ifndef MDSCOPE_VIRTHOST_H
#define MDSCOPE_VIRTHOST_H

#include <stdbool.h>

#include "classify.h"
#include "snapshot.h"
#include "virtcollect.h"

struct vh_facts {
	struct mds_snapshot snap;
	struct cls_result cls;
	bool ok;		/* snap and cls are valid */
	char err[256];		/* why not */
};

/* Collect (module or fallback; sysroot may be NULL) and classify. */
void vh_collect(struct vh_facts *f, const char *sysroot);
void vh_free(struct vh_facts *f);

/* Put the analyzer's answers into o (have_host_facts) when f->ok. */
void vh_to_opts(const struct vh_facts *f, struct vc_opts *o);

#endif
