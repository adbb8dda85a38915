/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Typed output fields: a table of descriptors (JSON key, text column, type,
 * flags, a getter) and one renderer for text (libsmartcols) and JSON (json-c).
 * The printers say what each field holds; field.c alone decides how a type
 * looks: hex "0x1f" in both, yes/no against true/false, unknown as "-" (or
 * the field's own word) against null, "mixed" against null.
 */
#ifndef MDSCOPE_FIELD_H
#define MDSCOPE_FIELD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct json_object;
struct libscols_table;
struct libscols_line;
struct mds_reg;

enum fld_type {
	FLD_STR,	/* text as is; a JSON string */
	FLD_INT,	/* decimal; a JSON number */
	FLD_HEX,	/* "0x1f" in text and JSON (FLD_FMS: text adds " (6/85/4)") */
	FLD_FMS,	/* a CPUID signature as family/model/stepping "6/85/4" */
	FLD_BOOL,	/* "yes"/"no"; true/false */
	FLD_TIME,	/* CLOCK_REALTIME ns as ISO 8601 UTC; 0 is unknown */
	FLD_REG,	/* a register: its value or why there is none (key, key_state, key_errno) */
	FLD_JSON,	/* a built JSON value (nested object, array); JSON only */
};

/* Flags. */
enum {
	FLD_RIGHT	= 1 << 0,	/* right-aligned text column */
	FLD_TREE	= 1 << 1,	/* the tree column */
	FLD_DEC		= 1 << 2,	/* FLD_REG: decimal, not hex */
	FLD_WITH_FMS	= 1 << 3,	/* FLD_HEX: text adds " (family/model/stepping)" */
	FLD_JSON_WORD	= 1 << 4,	/* unknown in JSON is the field's word, not null */
};

enum fld_state {
	FLD_UNKNOWN = 0,	/* text: the field's word ("-"); JSON: null */
	FLD_KNOWN,
	FLD_MIXED,		/* differs between CPUs: "mixed"; JSON: null */
	FLD_NONE,		/* does not apply to this row: empty cell, no JSON key */
};

struct fld_val {
	enum fld_state state;
	union {
		const char *s;
		int64_t i;
		uint64_t u;
		bool b;
		const struct mds_reg *reg;
		struct json_object *j;	/* taken over by the renderer */
	};
	const char *suffix;	/* text only, after a known value: " (kernel)" */
	const char *word;	/* text only: this value's word for unknown, over the field's */
	char text[256];		/* room for a string the getter composes (s points here) */
};

/* A getter: the value of one field of row; arg is the descriptor's. */
typedef void fld_get(const void *row, int arg, struct fld_val *v);

struct fld {
	const char *key;	/* JSON key; NULL: text only */
	const char *title;	/* text column; NULL: JSON only */
	enum fld_type type;
	unsigned int flags;
	const char *unknown;	/* the word for unknown; NULL: "-" */
	fld_get *get;
	int arg;
};

/* A getter's member of type T at byte offset off (its argument) of row. */
#define FLD_AT(T, row, off) (*(const T *)((const char *)(row) + (off)))

/* Getter helpers: a value known when known is true. */
void fld_set_str(struct fld_val *v, const char *s);	/* NULL: unknown ("" is a value) */
void fld_set_text(struct fld_val *v, const char *s);	/* NULL or "": unknown */
void fld_set_int(struct fld_val *v, bool known, int64_t i);
void fld_set_u(struct fld_val *v, bool known, uint64_t u);	/* HEX, FMS, TIME */
void fld_set_bool(struct fld_val *v, bool known, bool b);
void fld_set_reg(struct fld_val *v, const struct mds_reg *reg);
void fld_set_tri(struct fld_val *v, int t);		/* BOOL: 1, 0, < 0 unknown */
void fld_set_json(struct fld_val *v, struct json_object *j);	/* JSON: taken over */

/* One value as text into buf; NULL for FLD_NONE. */
const char *fld_text(const struct fld *d, const struct fld_val *v, char *buf, size_t len);
/* Add d's key(s) for v to o (nothing for FLD_NONE or a text-only field). */
void fld_json_add(struct json_object *o, const struct fld *d, struct fld_val *v);

/* The JSON object of one row (the fields with a key); NULL on ENOMEM. */
struct json_object *fld_json(const struct fld *d, size_t n, const void *row);
/* The same for nrows rows size bytes apart, as an array. */
struct json_object *fld_json_rows(const struct fld *d, size_t n, const void *rows, size_t size,
				  size_t nrows);
/* The titled fields as columns of tb; the cells of one line. 0 or -ENOMEM. */
int fld_columns(struct libscols_table *tb, const struct fld *d, size_t n);
int fld_line(struct libscols_line *ln, const struct fld *d, size_t n, const void *row);
/* One row as "Title:  value" lines, the values aligned. 0 or -EIO. */
int fld_pairs(FILE *f, const struct fld *d, size_t n, const void *row);
/* A whole flat table of nrows rows, size bytes apart, to f. 0 or -errno. */
int fld_table(FILE *f, const struct fld *d, size_t n, const void *rows, size_t size,
	      size_t nrows);

#endif
