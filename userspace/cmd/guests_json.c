// SPDX-License-Identifier: GPL-2.0
/*
 * The whole "mdscope-guests/1" document of `mdscope guests` (and `check`):
 * libvirt, the host, Nova, the domains and the status, each object a table
 * of typed fields (field.h) over the collected result. The virt types are in
 * guests_host.c, the domains in guests_doms.c.
 */
#include <stdio.h>

#include <json-c/json.h>

#include "field.h"
#include "guests.h"
#include "out.h"

#define RES(p) ((const struct vc_result *)(p))
#define NFLD(t) (sizeof(t) / sizeof((t)[0]))

/* A message when its error flag is set, else null. */
static void error_text(struct fld_val *v, int err, const char *msg)
{
	fld_set_text(v, err ? msg : NULL);
}

/* ---- libvirt -------------------------------------------------------------- */

static void g_uri(const void *p, int a, struct fld_val *v) { fld_set_text(v, RES(p)->uri); }

static void g_connected(const void *p, int a, struct fld_val *v)
{
	fld_set_bool(v, true, !RES(p)->conn_err);
}

static void g_read_only(const void *p, int a, struct fld_val *v)
{
	fld_set_bool(v, true, RES(p)->read_only);
}

static void g_conn_error(const void *p, int a, struct fld_val *v)
{
	error_text(v, RES(p)->conn_err, RES(p)->conn_msg);
}

static void g_dom_error(const void *p, int a, struct fld_val *v)
{
	error_text(v, RES(p)->dom_err && !RES(p)->conn_err, RES(p)->dom_msg);
}

static const struct fld libvirt_fields[] = {
	{ .key = "uri", .type = FLD_STR, .get = g_uri },
	{ .key = "connected", .type = FLD_BOOL, .get = g_connected },
	{ .key = "read_only", .type = FLD_BOOL, .get = g_read_only },
	{ .key = "error", .type = FLD_STR, .get = g_conn_error },
	{ .key = "domains_error", .type = FLD_STR, .get = g_dom_error },
};

/* ---- the host --------------------------------------------------------------- */

struct host_row {
	const struct vv_host *h;
	struct vv_type_view v;		/* of the first virt type: libvirt's md-clear */
	const struct vc_result *r;
};

#define HOST(p) (((const struct host_row *)(p))->h)
#define VIEW(p) (&((const struct host_row *)(p))->v)

static void g_affected(const void *p, int a, struct fld_val *v)
{
	fld_set_tri(v, HOST(p)->affected);
}

static void g_affected_why(const void *p, int a, struct fld_val *v)
{
	fld_set_text(v, HOST(p)->affected_why);
}

static void g_libvirt_md_clear(const void *p, int a, struct fld_val *v)
{
	fld_set_tri(v, VIEW(p)->libvirt_md_clear);
}

static void g_caps_error(const void *p, int a, struct fld_val *v)
{
	error_text(v, HOST(p)->caps_err, HOST(p)->caps_msg);
}

static void g_own_md_clear(const void *p, int a, struct fld_val *v)
{
	fld_set_tri(v, HOST(p)->own_md_clear);
}

static void g_own_source(const void *p, int a, struct fld_val *v)
{
	fld_set_text(v, HOST(p)->own_source);
}

static void g_differ(const void *p, int a, struct fld_val *v)
{
	fld_set_bool(v, true, VIEW(p)->differs);
}

static const struct fld md_clear_fields[] = {
	{ .key = "libvirt", .type = FLD_BOOL, .get = g_libvirt_md_clear },
	{ .key = "libvirt_error", .type = FLD_STR, .get = g_caps_error },
	{ .key = "mdscope", .type = FLD_BOOL, .get = g_own_md_clear },
	{ .key = "mdscope_source", .type = FLD_STR, .get = g_own_source },
	{ .key = "differ", .type = FLD_BOOL, .get = g_differ },
};

static void g_md_clear(const void *p, int a, struct fld_val *v)
{
	fld_set_json(v, fld_json(md_clear_fields, NFLD(md_clear_fields), p));
}

static void g_cpu_model(const void *p, int a, struct fld_val *v)
{
	fld_set_text(v, HOST(p)->caps_err ? NULL : HOST(p)->caps.model);
}

static void g_virt_types(const void *p, int a, struct fld_val *v)
{
	fld_set_json(v, guests_sides_json(((const struct host_row *)p)->r));
}

static const struct fld host_fields[] = {
	{ .key = "affected", .type = FLD_BOOL, .get = g_affected },
	{ .key = "affected_source", .type = FLD_STR, .get = g_affected_why },
	{ .key = "md_clear", .type = FLD_JSON, .get = g_md_clear },
	{ .key = "cpu_model", .type = FLD_STR, .get = g_cpu_model },
	{ .key = "virt_types", .type = FLD_JSON, .get = g_virt_types },
};

/* ---- Nova ------------------------------------------------------------------- */

#define NOVA(p) (&RES(p)->nova)
/* The configuration's fields: none when there is no readable configuration. */
#define READ(p, v) do { if (!RES(p)->nova_present || RES(p)->nova_err) { \
	(v)->state = FLD_NONE; return; } } while (0)

static void g_present(const void *p, int a, struct fld_val *v)
{
	fld_set_bool(v, true, RES(p)->nova_present);
}

static struct json_object *names(const char (*s)[NOVA_NAME_LEN], int n)
{
	struct json_object *o = json_object_new_array();

	for (int i = 0; i < n; i++)
		json_object_array_add(o, out_str(s[i]));
	return o;
}

static void g_files(const void *p, int a, struct fld_val *v)
{
	struct json_object *o = json_object_new_array();

	for (int i = 0; i < NOVA(p)->n_files; i++)
		json_object_array_add(o, out_str(NOVA(p)->files[i]));
	fld_set_json(v, o);
}

static void g_nova_error(const void *p, int a, struct fld_val *v)
{
	error_text(v, RES(p)->nova_err, RES(p)->nova_msg);
}

static void g_nova_type(const void *p, int a, struct fld_val *v)
{
	READ(p, v);
	fld_set_text(v, NOVA(p)->eff_virt_type);
}

static void g_mode(const void *p, int a, struct fld_val *v)
{
	READ(p, v);
	fld_set_str(v, nova_mode_name(NOVA(p)->mode));
}

static void g_mode_default(const void *p, int a, struct fld_val *v)
{
	READ(p, v);
	fld_set_bool(v, true, NOVA(p)->mode_defaulted);
}

static void g_models(const void *p, int a, struct fld_val *v)
{
	READ(p, v);
	fld_set_json(v, names(NOVA(p)->models, NOVA(p)->n_models));
}

static void g_models_option(const void *p, int a, struct fld_val *v)
{
	READ(p, v);
	fld_set_str(v, NOVA(p)->models_from_old_name ? "cpu_model" : "cpu_models");
}

/* "+md-clear", "-pcid". */
static void g_flags(const void *p, int a, struct fld_val *v)
{
	const struct nova_conf *c = NOVA(p);
	char f[NOVA_NAME_LEN + 1];

	READ(p, v);
	fld_set_json(v, json_object_new_array());
	for (int i = 0; i < c->n_flags; i++) {
		snprintf(f, sizeof(f), "%c%s", c->flags[i].disable ? '-' : '+', c->flags[i].name);
		json_object_array_add(v->j, out_str(f));
	}
}

static void g_nova_verdict(const void *p, int a, struct fld_val *v)
{
	READ(p, v);
	fld_set_str(v, nova_verdict_name(RES(p)->nova_verdict));
}

static void g_nova_severity(const void *p, int a, struct fld_val *v)
{
	READ(p, v);
	fld_set_str(v, guests_sev_names[RES(p)->nova_severity]);
}

static void g_nova_reason(const void *p, int a, struct fld_val *v)
{
	READ(p, v);
	fld_set_text(v, RES(p)->nova_why);
}

static const struct fld nova_fields[] = {
	{ .key = "present", .type = FLD_BOOL, .get = g_present },
	{ .key = "files", .type = FLD_JSON, .get = g_files },
	{ .key = "error", .type = FLD_STR, .get = g_nova_error },
	{ .key = "virt_type", .type = FLD_STR, .get = g_nova_type },
	{ .key = "cpu_mode", .type = FLD_STR, .get = g_mode },
	{ .key = "cpu_mode_default", .type = FLD_BOOL, .get = g_mode_default },
	{ .key = "cpu_models", .type = FLD_JSON, .get = g_models },
	{ .key = "cpu_models_option", .type = FLD_STR, .get = g_models_option },
	{ .key = "cpu_model_extra_flags", .type = FLD_JSON, .get = g_flags },
	{ .key = "verdict", .type = FLD_STR, .get = g_nova_verdict },
	{ .key = "severity", .type = FLD_STR, .get = g_nova_severity },
	{ .key = "reason", .type = FLD_STR, .get = g_nova_reason },
};

/* ---- the document ----------------------------------------------------------- */

static void g_schema(const void *p, int a, struct fld_val *v)
{
	fld_set_str(v, MDS_GUESTS_SCHEMA);
}

/* The nested object of table a: libvirt, nova. */
static void g_object(const void *p, int a, struct fld_val *v)
{
	fld_set_json(v, a ? fld_json(nova_fields, NFLD(nova_fields), p) :
		     fld_json(libvirt_fields, NFLD(libvirt_fields), p));
}

static void g_host(const void *p, int a, struct fld_val *v)
{
	struct host_row h = { &RES(p)->host, { 0 }, RES(p) };

	vv_type_view(h.h, 0, &h.v);
	fld_set_json(v, fld_json(host_fields, NFLD(host_fields), &h));
}

static void g_domains(const void *p, int a, struct fld_val *v)
{
	fld_set_json(v, guests_doms_json(RES(p)));
}

static void g_status(const void *p, int a, struct fld_val *v)
{
	fld_set_str(v, guests_status_names[vc_severity(RES(p))]);
}

static void g_exit(const void *p, int a, struct fld_val *v)
{
	fld_set_int(v, true, vc_severity(RES(p)));
}

static const struct fld doc_fields[] = {
	{ .key = "schema", .type = FLD_STR, .get = g_schema },
	{ .key = "libvirt", .type = FLD_JSON, .get = g_object, .arg = 0 },
	{ .key = "host", .type = FLD_JSON, .get = g_host },
	{ .key = "nova", .type = FLD_JSON, .get = g_object, .arg = 1 },
	{ .key = "domains", .type = FLD_JSON, .get = g_domains },
	{ .key = "status", .type = FLD_STR, .get = g_status },
	{ .key = "exit", .type = FLD_INT, .get = g_exit },
};

struct json_object *guests_json(const struct vc_result *r)
{
	return fld_json(doc_fields, NFLD(doc_fields), r);
}
