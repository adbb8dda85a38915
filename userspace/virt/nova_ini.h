/* SPDX-License-Identifier: GPL-2.0 */
/* oslo.config's INI syntax: one file's text to (section, key, value) calls. */
#ifndef MDSCOPE_NOVA_INI_H
#define MDSCOPE_NOVA_INI_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Called once per complete assignment, in file order. section is as written
 * (never NULL: a key outside a section is an error before any call), value
 * holds its continuation lines joined by '\n'. Return 0, or -errno to stop
 * (the callback then writes err itself).
 */
typedef int (*nova_ini_fn)(void *ctx, const char *section, const char *key,
			   const char *value, int lineno);

/*
 * Parse text (len bytes, need not end in NUL) as oslo.config would. Returns
 * 0, -EINVAL with "origin:line: what" in err, or another -errno.
 */
int nova_ini_parse(const char *text, size_t len, const char *origin,
		   nova_ini_fn fn, void *ctx, char *err, size_t errlen);

/* oslo.config's group name normalization compared with name (lower case). */
bool nova_ini_section_is(const char *section, const char *name);

/* Python's str.strip() on s[0..*len): returns the new start, updates *len. */
const char *nova_ini_strip(const char *s, size_t *len);

/* Copy src to dst for one line of text: controls and bytes >= 0x80 that are
 * not UTF-8 become \xNN, so names and values print as one valid line. */
void nova_ini_escape(char *dst, size_t dstlen, const char *src, size_t len);

#endif
