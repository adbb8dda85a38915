/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one source of host facts for guests and check: the snapshot report
 * takes (collected, or loaded from a saved file) and the analyzer's verdict
 * over it, turned into the few answers the guest verdicts need.
 */
#ifndef MDSCOPE_VIRTHOST_H
#define MDSCOPE_VIRTHOST_H

#include <stdbool.h>

#include "classify.h"
#include "snapshot.h"
#include "virtcollect.h"

struct vh_facts {
	struct mds_snapshot snap;	/* the kernel's claims even when !ok */
	struct cls_result cls;
	bool ok;			/* snap has CPUs and cls is valid */
	char err[256];			/* why not */
};

/*
 * Load from (a saved snapshot) or collect (module or fallback; sysroot may
 * be NULL), then classify. A collection without CPU facts is not an error
 * (ok stays false, err says why); -errno with err when from cannot be
 * loaded or from and sysroot are both given. vh_free() either way.
 */
int vh_collect(struct vh_facts *f, const char *sysroot, const char *from);
void vh_free(struct vh_facts *f);

/* The answers the guest verdicts use; -1 (unknown) where no fact says. */
void vh_answers(const struct vh_facts *f, struct vc_host_facts *a);

#endif
