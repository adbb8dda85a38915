/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MDSCOPE_VERSION_H
#define MDSCOPE_VERSION_H
/* Committed fallback; the build passes -DMDSCOPE_VERSION from git describe. */
#ifndef MDSCOPE_VERSION
#define MDSCOPE_VERSION "0.1.0"
#endif
#endif
