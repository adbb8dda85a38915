/* SPDX-License-Identifier: GPL-2.0 */
/* The one place for kernel version shims. mdscope supports Linux 6.1 and newer. */
#ifndef MDSCOPE_COMPAT_H
#define MDSCOPE_COMPAT_H

#include <linux/version.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "mdscope needs Linux 6.1 or newer (GENL_REQ_ATTR_CHECK, strict genl validation)"
#endif

#endif
