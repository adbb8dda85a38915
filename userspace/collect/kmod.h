/* SPDX-License-Identifier: GPL-2.0 */
/* Loading mdscope.ko through libkmod when its netlink family is missing. */
#ifndef MDSCOPE_KMOD_H
#define MDSCOPE_KMOD_H

#include <stddef.h>

/* The module's sysfs initstate. */
enum mds_module_state {
	MDS_MODULE_ABSENT,
	MDS_MODULE_COMING,
	MDS_MODULE_LIVE,
	MDS_MODULE_GOING,
	MDS_MODULE_UNKNOWN,
};

enum mds_module_state mds_module_state(void);

/*
 * One phrase for a request the family vanished under (unloaded, or
 * reloaded under a new id): "the mdscope module is being unloaded", ...
 */
const char *mds_module_race_text(void);

/*
 * Load "mdscope" unless it is already live. 0 on success; else -errno and
 * why says exactly what is missing (not x86, no module support, not
 * installed for this kernel, not permitted, ...), one line, no newline.
 */
int mds_module_ensure(char *why, size_t len);

/*
 * mds_nl_open(), loading the module first when the family is absent, and
 * retrying for a few seconds while the module is being loaded or unloaded.
 * 0 when the family is open; else -errno and why as above (the network
 * namespace named only when it is not the initial one).
 */
int mds_module_open(char *why, size_t len);

#endif
