/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel command line parser (cmdline.c): the options of the MDS family. */
#ifndef MDSCOPE_CMDLINE_H
#define MDSCOPE_CMDLINE_H

#include "snapshot.h"

/* /proc/cmdline text into out (raw kept); -EINVAL with err on control bytes or overlong values. */
int parse_cmdline(const char *buf, struct mds_cmdline *out, struct mds_err *err);

#endif
