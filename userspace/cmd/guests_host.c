// SPDX-License-Identifier: GPL-2.0
/*
 * The host side of `mdscope guests`, one row per virt type (kvm, qemu):
 * the VIRT table and "host.virt_types[]" of mdscope-guests/1 from one table
 * of typed fields (field.h). A virt type whose domain capabilities could not
 * be had shows why and nothing else.
 */
#include <errno.h>
#include <stdio.h>

#include <json-c/json.h>

#include "field.h"
#include "guests.h"
#include "out.h"

struct side_row {
	const struct vv_side *s;
	int t;
	struct vv_type_view v;	/* valid when !s->err */
};

#define ROW(p) ((const struct side_row *)(p))
#define SIDE(p) (ROW(p)->s)
#define NFLD(t) (sizeof(t) / sizeof((t)[0]))
/* A field that only a virt type with domain capabilities has. */
#define OFFERED(p, v) do { if (SIDE(p)->err) { (v)->state = FLD_NONE; return; } } while (0)

/* ---- host-model, host-passthrough, custom models ------------------------ */

static void g_hm_supported(const void *p, int a, struct fld_val *v)
{
	fld_set_bool(v, true, a ? SIDE(p)->dc.passthrough : SIDE(p)->dc.host_model);
}

static void g_hm_model(const void *p, int a, struct fld_val *v)
{
	fld_set_text(v, SIDE(p)->dc.hm_model);
}

static void g_md_clear(const void *p, int a, struct fld_val *v)
{
	fld_set_tri(v, a ? ROW(p)->v.passthrough : ROW(p)->v.host_model);
}

static struct json_object *features(const enum vx_policy *feat)
{
	struct json_object *o = json_object_new_object();

	for (int f = 0; f < VX_F_COUNT; f++)
		out_add(o, vx_feat_names[f], out_str(vx_policy_name(feat[f])));
	return o;
}

static void g_hm_features(const void *p, int a, struct fld_val *v)
{
	fld_set_json(v, features(SIDE(p)->dc.hm_feat));
}

static const struct fld hm_fields[] = {
	{ .key = "supported", .type = FLD_BOOL, .get = g_hm_supported, .arg = 0 },
	{ .key = "model", .type = FLD_STR, .get = g_hm_model },
	{ .key = "md_clear", .type = FLD_BOOL, .get = g_md_clear, .arg = 0 },
	{ .key = "features", .type = FLD_JSON, .get = g_hm_features },
};

static const struct fld hp_fields[] = {
	{ .key = "supported", .type = FLD_BOOL, .get = g_hm_supported, .arg = 1 },
	{ .key = "md_clear", .type = FLD_BOOL, .get = g_md_clear, .arg = 1 },
};

static void g_usable(const void *p, int a, struct fld_val *v)
{
	int usable = 0;

	for (int i = 0; i < SIDE(p)->n_cmp; i++)
		usable += SIDE(p)->cmp[i].usable;
	fld_set_int(v, true, usable);
}

static void g_how(const void *p, int a, struct fld_val *v) { fld_set_text(v, SIDE(p)->cmp_how); }
static void g_cmp_error(const void *p, int a, struct fld_val *v) { fld_set_text(v, SIDE(p)->cmp_msg); }

static void g_ok_models(const void *p, int a, struct fld_val *v)
{
	const struct vv_side *s = SIDE(p);

	fld_set_json(v, json_object_new_array());
	for (int i = 0; i < s->n_cmp; i++)
		if (s->cmp[i].usable && s->cmp[i].md_clear > 0)
			json_object_array_add(v->j, out_str(s->cmp[i].model));
}

static const struct fld custom_fields[] = {
	{ .key = "usable_models", .type = FLD_INT, .get = g_usable },
	{ .key = "how", .type = FLD_STR, .get = g_how },
	{ .key = "models_with_md_clear", .type = FLD_JSON, .get = g_ok_models },
	{ .key = "error", .type = FLD_STR, .get = g_cmp_error },
};

/* ---- one virt type --------------------------------------------------------- */

static void g_type(const void *p, int a, struct fld_val *v)
{
	fld_set_str(v, vv_type_names[ROW(p)->t]);
}

static void g_offered(const void *p, int a, struct fld_val *v)
{
	fld_set_bool(v, true, SIDE(p)->err != -ENODEV);
}

static void g_source(const void *p, int a, struct fld_val *v)
{
	if (a)
		OFFERED(p, v);
	fld_set_str(v, SIDE(p)->from_file ? "file" : "libvirt");
}

static void g_error(const void *p, int a, struct fld_val *v)
{
	fld_set_text(v, SIDE(p)->err && SIDE(p)->err != -ENODEV ? SIDE(p)->msg : NULL);
}

/* A nested object of the fields in table a (host_model, host_passthrough, custom). */
static void g_nested(const void *p, int a, struct fld_val *v)
{
	static const struct { const struct fld *f; size_t n; } tables[] = {
		{ hm_fields, NFLD(hm_fields) }, { hp_fields, NFLD(hp_fields) },
		{ custom_fields, NFLD(custom_fields) },
	};

	OFFERED(p, v);
	fld_set_json(v, fld_json(tables[a].f, tables[a].n, p));
}

static void g_host_model_cell(const void *p, int a, struct fld_val *v)
{
	const struct vv_side *s = SIDE(p);

	if (s->err)
		fld_set_str(v, s->err == -ENODEV ? "not offered" : "error");
	else
		fld_set_text(v, s->dc.host_model ? s->dc.hm_model : "unsupported");
}

static void g_md_clear_cell(const void *p, int a, struct fld_val *v)
{
	OFFERED(p, v);
	g_md_clear(p, 0, v);
}

/* The host-model policy of feature a. */
static void g_feature_cell(const void *p, int a, struct fld_val *v)
{
	OFFERED(p, v);
	fld_set_text(v, vx_policy_name(SIDE(p)->dc.hm_feat[a]));
}

static void g_passthrough_cell(const void *p, int a, struct fld_val *v)
{
	OFFERED(p, v);
	g_md_clear(p, 1, v);
	if (!SIDE(p)->dc.passthrough)
		*v = (struct fld_val){ .state = FLD_UNKNOWN, .word = "unsupported" };
}

static void g_custom_cell(const void *p, int a, struct fld_val *v)
{
	OFFERED(p, v);
	fld_set_int(v, !SIDE(p)->cmp_msg[0], ROW(p)->v.n_custom_ok);
}

static const struct fld side_fields[] = {
	{ "virt_type", "VIRT", FLD_STR, 0, NULL, g_type, 0 },
	{ "offered", NULL, FLD_BOOL, 0, NULL, g_offered, 0 },
	{ "source", NULL, FLD_STR, 0, NULL, g_source, 0 },
	{ "error", NULL, FLD_STR, 0, NULL, g_error, 0 },
	{ "host_model", NULL, FLD_JSON, 0, NULL, g_nested, 0 },
	{ NULL, "HOST-MODEL", FLD_STR, 0, NULL, g_host_model_cell, 0 },
	{ NULL, "MD-CLEAR", FLD_BOOL, 0, "unknown", g_md_clear_cell, 0 },
	{ NULL, "ARCH-CAP", FLD_STR, 0, NULL, g_feature_cell, VX_F_ARCH_CAP },
	{ NULL, "MDS-NO", FLD_STR, 0, NULL, g_feature_cell, VX_F_MDS_NO },
	{ NULL, "TAA-NO", FLD_STR, 0, NULL, g_feature_cell, VX_F_TAA_NO },
	{ NULL, "TSX-CTRL", FLD_STR, 0, NULL, g_feature_cell, VX_F_TSX_CTRL },
	{ "host_passthrough", NULL, FLD_JSON, 0, NULL, g_nested, 1 },
	{ NULL, "PASSTHROUGH", FLD_BOOL, 0, "unknown", g_passthrough_cell, 0 },
	{ "custom", NULL, FLD_JSON, 0, NULL, g_nested, 2 },
	{ NULL, "CUSTOM+MD-CLEAR", FLD_INT, 0, "unknown", g_custom_cell, 0 },
	{ NULL, "SOURCE", FLD_STR, 0, NULL, g_source, 1 },
};

static void rows(const struct vc_result *r, struct side_row *w)
{
	for (int t = 0; t < VV_NTYPES; t++) {
		w[t] = (struct side_row){ .s = &r->host.side[t], .t = t };
		if (!w[t].s->err)
			vv_type_view(&r->host, t, &w[t].v);
	}
}

struct json_object *guests_sides_json(const struct vc_result *r)
{
	struct side_row w[VV_NTYPES];

	rows(r, w);
	return fld_json_rows(side_fields, NFLD(side_fields), w, sizeof(w[0]), VV_NTYPES);
}

int guests_sides_table(FILE *f, const struct vc_result *r)
{
	struct side_row w[VV_NTYPES];

	rows(r, w);
	return fld_table(f, side_fields, NFLD(side_fields), w, sizeof(w[0]), VV_NTYPES);
}
