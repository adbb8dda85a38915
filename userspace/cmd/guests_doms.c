// SPDX-License-Identifier: GPL-2.0
/*
 * The domains of `mdscope guests` as one table of typed fields (field.h):
 * the text table's columns and the keys of "domains[]" in mdscope-guests/1,
 * each value decided by the verdict (virtverdict.c), shown by field.c.
 */
#include <stdio.h>

#include <json-c/json.h>

#include "field.h"
#include "guests.h"
#include "out.h"

#define DOM(p) ((const struct vv_dom *)(p))
#define LIVE(p) (&DOM(p)->live)
#define NFLD(t) (sizeof(t) / sizeof((t)[0]))

/* ---- a CPU definition -------------------------------------------------- */

#define CPU(p) ((const struct vx_cpu *)(p))

static void g_mode(const void *p, int a, struct fld_val *v) { fld_set_text(v, CPU(p)->mode); }
static void g_model(const void *p, int a, struct fld_val *v) { fld_set_text(v, CPU(p)->model); }

static void g_policy(const void *p, int a, struct fld_val *v)
{
	fld_set_str(v, vx_policy_name(CPU(p)->feat[VX_F_MD_CLEAR]));
}

static const struct fld cpu_fields[] = {
	{ .key = "mode", .type = FLD_STR, .get = g_mode },
	{ .key = "model", .type = FLD_STR, .get = g_model },
	{ .key = "md_clear_policy", .type = FLD_STR, .get = g_policy },
};

static struct json_object *cpu_json(const struct vx_cpu *c)
{
	return fld_json(cpu_fields, NFLD(cpu_fields), c);
}

/* ---- a domain ----------------------------------------------------------- */

static void g_name(const void *p, int a, struct fld_val *v) { fld_set_text(v, LIVE(p)->name); }
static void g_uuid(const void *p, int a, struct fld_val *v) { fld_set_text(v, LIVE(p)->uuid); }
static void g_type(const void *p, int a, struct fld_val *v) { fld_set_text(v, LIVE(p)->type); }

static void g_state(const void *p, int a, struct fld_val *v)
{
	fld_set_str(v, DOM(p)->active ? "running" : "shut off");
}

static void g_persistent(const void *p, int a, struct fld_val *v)
{
	fld_set_bool(v, true, DOM(p)->persistent);
}

static void g_cpu(const void *p, int a, struct fld_val *v)
{
	if (DOM(p)->active)
		fld_set_json(v, cpu_json(&LIVE(p)->cpu));
}

/* The CPU shown in the table: the running one, else the definition's. */
static void g_cpu_cell(const void *p, int a, struct fld_val *v)
{
	const struct vx_cpu *c = DOM(p)->active ? &LIVE(p)->cpu : &DOM(p)->def.cpu;

	fld_set_text(v, a ? c->model : c->mode);
}

static void g_md_clear(const void *p, int a, struct fld_val *v)
{
	fld_set_tri(v, DOM(p)->md_clear_live);
}

/* A domain that is not running has no md-clear to show: "-", not "unknown". */
static void g_md_clear_cell(const void *p, int a, struct fld_val *v)
{
	fld_set_tri(v, DOM(p)->md_clear_live);
	if (!DOM(p)->active)
		v->word = "-";
}

static void g_definition(const void *p, int a, struct fld_val *v)
{
	struct json_object *o = cpu_json(&DOM(p)->def.cpu);

	out_add(o, "gives_md_clear", out_tri(DOM(p)->def_gives));
	out_add(o, "asks_md_clear", out_bool(DOM(p)->def_asks));
	fld_set_json(v, o);
}

/* "host-model,require": the definition's mode and its md-clear policy. */
static void g_definition_cell(const void *p, int a, struct fld_val *v)
{
	const struct vx_cpu *c = &DOM(p)->def.cpu;
	enum vx_policy md = c->feat[VX_F_MD_CLEAR];

	snprintf(v->text, sizeof(v->text), "%s%s%s", c->mode[0] ? c->mode : "default",
		 md ? "," : "", md ? vx_policy_name(md) : "");
	fld_set_str(v, v->text);
}

static void g_verdict(const void *p, int a, struct fld_val *v)
{
	fld_set_str(v, vv_state_name(DOM(p)->state));
}

static void g_cold(const void *p, int a, struct fld_val *v)
{
	fld_set_bool(v, true, DOM(p)->state == VV_NEEDS_COLD_BOOT);
}

static void g_severity(const void *p, int a, struct fld_val *v)
{
	fld_set_str(v, guests_sev_names[DOM(p)->severity]);
}

static void g_reason(const void *p, int a, struct fld_val *v) { fld_set_text(v, DOM(p)->why); }

static void g_nova_name(const void *p, int a, struct fld_val *v)
{
	fld_set_text(v, LIVE(p)->nova ? LIVE(p)->nova_name : NULL);
}

static void g_nova_uuid(const void *p, int a, struct fld_val *v)
{
	fld_set_text(v, LIVE(p)->nova ? LIVE(p)->uuid : NULL);
}

static void g_nova_flavor(const void *p, int a, struct fld_val *v)
{
	fld_set_text(v, LIVE(p)->nova_flavor);
}

static const struct fld nova_fields[] = {
	{ .key = "name", .type = FLD_STR, .get = g_nova_name },
	{ .key = "uuid", .type = FLD_STR, .get = g_nova_uuid },
	{ .key = "flavor", .type = FLD_STR, .get = g_nova_flavor },
};

static void g_nova(const void *p, int a, struct fld_val *v)
{
	if (LIVE(p)->nova)
		fld_set_json(v, fld_json(nova_fields, NFLD(nova_fields), p));
}

/* Text columns and JSON keys in one order; a NULL title is JSON only, a NULL key text only. */
static const struct fld dom_fields[] = {
	{ "name", "NAME", FLD_STR, 0, NULL, g_name, 0 },
	{ "uuid", NULL, FLD_STR, 0, NULL, g_uuid, 0 },
	{ "state", "STATE", FLD_STR, 0, NULL, g_state, 0 },
	{ "persistent", "PERSISTENT", FLD_BOOL, 0, NULL, g_persistent, 0 },
	{ "virt_type", "TYPE", FLD_STR, 0, NULL, g_type, 0 },
	{ "cpu", NULL, FLD_JSON, 0, NULL, g_cpu, 0 },
	{ NULL, "CPU-MODE", FLD_STR, 0, NULL, g_cpu_cell, 0 },
	{ NULL, "MODEL", FLD_STR, 0, NULL, g_cpu_cell, 1 },
	{ "md_clear", NULL, FLD_BOOL, 0, NULL, g_md_clear, 0 },
	{ NULL, "MD-CLEAR", FLD_BOOL, 0, "unknown", g_md_clear_cell, 0 },
	{ "definition", NULL, FLD_JSON, 0, NULL, g_definition, 0 },
	{ NULL, "DEFINITION", FLD_STR, 0, NULL, g_definition_cell, 0 },
	{ "verdict", "VERDICT", FLD_STR, 0, NULL, g_verdict, 0 },
	{ "needs_cold_boot", NULL, FLD_BOOL, 0, NULL, g_cold, 0 },
	{ "severity", NULL, FLD_STR, 0, NULL, g_severity, 0 },
	{ "reason", NULL, FLD_STR, 0, NULL, g_reason, 0 },
	{ "nova", NULL, FLD_JSON, 0, NULL, g_nova, 0 },
	{ NULL, "NOVA-NAME", FLD_STR, 0, NULL, g_nova_name, 0 },
	{ NULL, "NOVA-UUID", FLD_STR, 0, NULL, g_nova_uuid, 0 },
};

struct json_object *guests_doms_json(const struct vc_result *r)
{
	return fld_json_rows(dom_fields, NFLD(dom_fields), r->doms, sizeof(*r->doms),
			     (size_t)r->n_doms);
}

int guests_doms_table(FILE *f, const struct vc_result *r)
{
	return fld_table(f, dom_fields, NFLD(dom_fields), r->doms, sizeof(*r->doms),
			 (size_t)r->n_doms);
}
