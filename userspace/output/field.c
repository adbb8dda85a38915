// SPDX-License-Identifier: GPL-2.0
/*
 * The renderer of typed fields (field.h): how each type looks as a text
 * cell and as a JSON value, a row as a JSON object, a table of rows through
 * libsmartcols. Printers describe their fields; none formats a value itself.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <json-c/json.h>
#include <libsmartcols.h>

#include "field.h"
#include "out.h"
#include "record.h"
#include "snapshot_json.h"

#define CELL 256

void fld_set_str(struct fld_val *v, const char *s)
{
	v->state = s ? FLD_KNOWN : FLD_UNKNOWN;
	v->s = s;
}

void fld_set_text(struct fld_val *v, const char *s)
{
	v->state = s && *s ? FLD_KNOWN : FLD_UNKNOWN;
	v->s = s;
}

void fld_set_int(struct fld_val *v, bool known, int64_t i)
{
	v->state = known ? FLD_KNOWN : FLD_UNKNOWN;
	v->i = i;
}

void fld_set_u(struct fld_val *v, bool known, uint64_t u)
{
	v->state = known ? FLD_KNOWN : FLD_UNKNOWN;
	v->u = u;
}

void fld_set_bool(struct fld_val *v, bool known, bool b)
{
	v->state = known ? FLD_KNOWN : FLD_UNKNOWN;
	v->b = b;
}

void fld_set_reg(struct fld_val *v, const struct mds_reg *reg)
{
	v->state = reg ? FLD_KNOWN : FLD_UNKNOWN;
	v->reg = reg;
}

void fld_set_tri(struct fld_val *v, int t)
{
	fld_set_bool(v, t >= 0, t > 0);
}

void fld_set_json(struct fld_val *v, struct json_object *j)
{
	v->state = FLD_KNOWN;
	v->j = j;
}

/* ---- text ------------------------------------------------------------ */

static const char *unknown_word(const struct fld *d, const struct fld_val *v)
{
	return v && v->word ? v->word : d->unknown ? d->unknown : "-";
}

static void fms(uint64_t sig, char *buf, size_t len)
{
	snprintf(buf, len, "%u/%u/%u", mds_family((uint32_t)sig), mds_model((uint32_t)sig),
		 mds_stepping((uint32_t)sig));
}

/* A register: its value, or why there is none. */
static void reg_text(const struct fld *d, const struct mds_reg *r, char *buf, size_t len)
{
	static const char *const why[] = {
		[MDSCOPE_REG_STATE_NOT_ENUMERATED] = "absent",
		[MDSCOPE_REG_STATE_NOT_APPLICABLE] = "n/a",
	};
	const char *s = r->state < sizeof(why) / sizeof(why[0]) ? why[r->state] : NULL;

	if (r->state == MDSCOPE_REG_STATE_OK && (d->flags & FLD_DEC))
		snprintf(buf, len, "%" PRIu64, r->value);
	else if (r->state == MDSCOPE_REG_STATE_OK)
		out_hexstr(r->value, buf, len);
	else if (r->state == MDSCOPE_REG_STATE_FAULT)
		snprintf(buf, len, "fault:%s", strerrorname_np((int)r->err) ?: "?");
	else
		snprintf(buf, len, "%s", s ? s : r->state ? "?" : unknown_word(d, NULL));
}

/* The known value v of type d->type, without suffix. */
static void known_text(const struct fld *d, const struct fld_val *v, char *buf, size_t len)
{
	char f[32];

	switch (d->type) {
	case FLD_STR:
		snprintf(buf, len, "%s", v->s);
		break;
	case FLD_INT:
		snprintf(buf, len, "%" PRId64, v->i);
		break;
	case FLD_HEX:
		out_hexstr(v->u, buf, len);
		if (d->flags & FLD_WITH_FMS) {
			fms(v->u, f, sizeof(f));
			snprintf(buf + strlen(buf), len - strlen(buf), " (%s)", f);
		}
		break;
	case FLD_FMS:
		fms(v->u, buf, len);
		break;
	case FLD_BOOL:
		snprintf(buf, len, "%s", v->b ? "yes" : "no");
		break;
	case FLD_TIME:
		out_time(v->u, unknown_word(d, v), buf, len);
		break;
	case FLD_REG:
		reg_text(d, v->reg, buf, len);
		break;
	case FLD_JSON:
		buf[0] = '\0';
		break;
	}
}

const char *fld_text(const struct fld *d, const struct fld_val *v, char *buf, size_t len)
{
	switch (v->state) {
	case FLD_NONE:
		return NULL;
	case FLD_UNKNOWN:
		snprintf(buf, len, "%s", unknown_word(d, v));
		break;
	case FLD_MIXED:
		snprintf(buf, len, "mixed");
		break;
	case FLD_KNOWN:
		known_text(d, v, buf, len);
		break;
	}
	if (v->suffix && v->state == FLD_KNOWN)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s", v->suffix);
	return buf;
}

/* ---- JSON ------------------------------------------------------------ */

/* key: value or null; key_state; key_errno when the read faulted. */
static void reg_json(struct json_object *o, const struct fld *d, const struct mds_reg *r)
{
	bool ok = r && r->state == MDSCOPE_REG_STATE_OK;
	uint32_t st = r ? r->state : 0;
	char k[64];

	out_add(o, d->key, !ok ? NULL : (d->flags & FLD_DEC) ? json_object_new_uint64(r->value) :
		out_hex(r->value));
	snprintf(k, sizeof(k), "%s_state", d->key);
	out_add(o, k, st && st <= MDSCOPE_REG_STATE_NOT_APPLICABLE ?
		out_str(mds_reg_state_name(st)) : NULL);
	if (st == MDSCOPE_REG_STATE_FAULT) {
		snprintf(k, sizeof(k), "%s_errno", d->key);
		out_add(o, k, json_object_new_int((int)r->err));
	}
}

static struct json_object *known_json(const struct fld *d, struct fld_val *v)
{
	struct json_object *j;
	char buf[64];

	switch (d->type) {
	case FLD_STR:
		return out_str(v->s);
	case FLD_INT:
		return out_int(v->i);
	case FLD_HEX:
		return out_hex(v->u);
	case FLD_FMS:
		fms(v->u, buf, sizeof(buf));
		return out_str(buf);
	case FLD_BOOL:
		return out_bool(v->b);
	case FLD_TIME:
		out_time(v->u, "", buf, sizeof(buf));
		return out_str_or_null(buf);
	case FLD_JSON:
		j = v->j;
		v->j = NULL;
		return j;
	case FLD_REG:
		break;
	}
	return NULL;
}

void fld_json_add(struct json_object *o, const struct fld *d, struct fld_val *v)
{
	struct json_object *j = NULL;

	if (!d->key || v->state == FLD_NONE) {
		if (d->type == FLD_JSON && v->state == FLD_KNOWN)
			json_object_put(v->j);
		return;
	}
	if (d->type == FLD_REG) {
		reg_json(o, d, v->state == FLD_KNOWN ? v->reg : NULL);
		return;
	}
	if (v->state == FLD_KNOWN)
		j = known_json(d, v);
	if (!j && (d->flags & FLD_JSON_WORD) && v->state != FLD_MIXED)
		j = out_str(unknown_word(d, NULL));
	out_add(o, d->key, j);
}

static void get(const struct fld *d, const void *row, struct fld_val *v)
{
	v->state = FLD_UNKNOWN;
	v->suffix = v->word = NULL;
	v->text[0] = '\0';
	d->get(row, d->arg, v);
}

struct json_object *fld_json(const struct fld *d, size_t n, const void *row)
{
	struct json_object *o = json_object_new_object();
	struct fld_val v;

	for (size_t i = 0; o && i < n; i++) {
		if (!d[i].key)
			continue;
		get(&d[i], row, &v);
		fld_json_add(o, &d[i], &v);
	}
	return o;
}

struct json_object *fld_json_rows(const struct fld *d, size_t n, const void *rows, size_t size,
				  size_t nrows)
{
	struct json_object *a = json_object_new_array(), *o;

	for (size_t r = 0; a && r < nrows; r++) {
		o = fld_json(d, n, (const char *)rows + r * size);
		if (!o || json_object_array_add(a, o)) {
			json_object_put(o);
			json_object_put(a);
			return NULL;
		}
	}
	return a;
}

/* ---- "Title:  value" lines ---- */

int fld_pairs(FILE *f, const struct fld *d, size_t n, const void *row)
{
	char buf[CELL], title[64];
	struct fld_val v;
	int width = 0;

	for (size_t i = 0; i < n; i++)
		if (d[i].title && (int)strlen(d[i].title) > width)
			width = (int)strlen(d[i].title);
	for (size_t i = 0; i < n; i++) {
		const char *s;

		if (!d[i].title)
			continue;
		get(&d[i], row, &v);
		s = fld_text(&d[i], &v, buf, sizeof(buf));
		snprintf(title, sizeof(title), "%s:", d[i].title);
		if (fprintf(f, "%-*s%s\n", width + 3, title, s ? s : "") < 0)
			return -EIO;
	}
	return 0;
}

/* ---- the table -------------------------------------------------------- */

static int scols_flags(unsigned int flags)
{
	return (flags & FLD_RIGHT ? SCOLS_FL_RIGHT : 0) | (flags & FLD_TREE ? SCOLS_FL_TREE : 0);
}

int fld_columns(struct libscols_table *tb, const struct fld *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (d[i].title && !scols_table_new_column(tb, d[i].title, 0, scols_flags(d[i].flags)))
			return -ENOMEM;
	return 0;
}

int fld_line(struct libscols_line *ln, const struct fld *d, size_t n, const void *row)
{
	char buf[CELL];
	struct fld_val v;
	size_t col = 0;
	int err = 0;

	for (size_t i = 0; i < n && !err; i++) {
		const char *s;

		if (!d[i].title)
			continue;
		get(&d[i], row, &v);
		s = fld_text(&d[i], &v, buf, sizeof(buf));
		if (s)
			err = scols_line_set_data(ln, col, s);
		col++;
	}
	return err;
}

int fld_table(FILE *f, const struct fld *d, size_t n, const void *rows, size_t size,
	      size_t nrows)
{
	struct libscols_table *tb = scols_new_table();
	int err;

	if (!tb)
		return -ENOMEM;
	err = fld_columns(tb, d, n);
	for (size_t r = 0; r < nrows && !err; r++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		err = ln ? fld_line(ln, d, n, (const char *)rows + r * size) : -ENOMEM;
	}
	if (!err)
		err = scols_table_set_stream(tb, f) ?: scols_print_table(tb);
	scols_unref_table(tb);
	return err < 0 ? err : err ? -EIO : 0;
}
