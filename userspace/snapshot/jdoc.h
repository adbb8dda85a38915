/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A JSON document read with yajl's event parser into one arena (jdoc.c):
 * the read-only tree the snapshot loader walks. Values are struct jd; an
 * object's or array's members are a contiguous array (kids[0..n-1]), an
 * object member carries its key. Freed all at once with jdoc_free().
 */
#ifndef MDSCOPE_JDOC_H
#define MDSCOPE_JDOC_H

#include <stdbool.h>
#include <stddef.h>

enum jd_type { JD_NULL, JD_BOOL, JD_INT, JD_DOUBLE, JD_STRING, JD_ARRAY, JD_OBJECT };

struct jd {
	const char *key;	/* the member's name inside an object, else NULL */
	enum jd_type type;
	size_t n;		/* string length (may hold NULs); members, elements */
	union {
		bool b;
		long long i;
		const char *s;	/* NUL-terminated as well */
		const struct jd *kids;
	} u;
};

struct jdoc;

/*
 * Strict JSON (RFC 8259, UTF-8 checked, integers within long long, one
 * value, at most 64 levels deep). On error returns -EINVAL (or -ENOMEM)
 * with "at byte N: what" in err.
 */
int jdoc_parse(const char *text, size_t len, struct jdoc **doc, const struct jd **root,
	       char *err, size_t errlen);
void jdoc_free(struct jdoc *doc);

/* v is of type t (false for NULL). */
static inline bool jd_is(const struct jd *v, enum jd_type t)
{
	return v && v->type == t;
}

/* The first member of object o named key, or NULL. */
const struct jd *jd_get(const struct jd *o, const char *key);

#endif
