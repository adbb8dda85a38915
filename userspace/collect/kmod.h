/* SPDX-License-Identifier: GPL-2.0 */
/* Loading mdscope.ko through libkmod when its netlink family is missing. */
#ifndef MDSCOPE_KMOD_H
#define MDSCOPE_KMOD_H

#include <stddef.h>

/*
 * Load "mdscope" unless it is already live. 0 on success; else -errno and
 * why says exactly what is missing (not x86, no module support, not
 * installed for this kernel, not permitted, ...), one line, no newline.
 */
int mds_module_ensure(char *why, size_t len);

/*
 * mds_nl_open(), loading the module first when the family is absent.
 * 0 when the family is open; else -errno and why as above.
 */
int mds_module_open(char *why, size_t len);

#endif
