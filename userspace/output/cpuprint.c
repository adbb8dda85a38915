// SPDX-License-Identifier: GPL-2.0
/*
 * The raw records as a table (libsmartcols, like lscpu) or as JSON
 * (json-c). One small formatter per column, one JSON call per field;
 * the human format may change, scripts use --json.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libsmartcols.h>

#include "cpuprint.h"
#include "out.h"

/* ---- small maps ----------------------------------------------------- */

static const char *const reg_states[] = {
	[MDSCOPE_REG_STATE_OK] = "ok",
	[MDSCOPE_REG_STATE_NOT_ENUMERATED] = "not_enumerated",
	[MDSCOPE_REG_STATE_FAULT] = "fault",
	[MDSCOPE_REG_STATE_NOT_APPLICABLE] = "not_applicable",
};

static const char *const events[] = {
	[MDSCOPE_EVENT_ONLINE] = "online",
	[MDSCOPE_EVENT_OFFLINE] = "offline",
	[MDSCOPE_EVENT_REFRESH] = "refresh",
};

#define LOOKUP(map, i) ((i) < sizeof(map) / sizeof(map[0]) ? map[i] : NULL)

/* NULL when never read (state 0) or unknown. */
static const char *reg_state_name(uint32_t state)
{
	return LOOKUP(reg_states, state);
}

const char *mds_event_name(uint32_t event)
{
	return LOOKUP(events, event);
}

/* ---- the table ------------------------------------------------------ */

#define CELL 32
typedef void cell_fn(const struct mds_cpu *c, char *b);

static void yesno(char *b, bool known, bool v)
{
	snprintf(b, CELL, "%s", !known ? "-" : v ? "yes" : "no");
}

static void topo(char *b, const struct mds_cpu *c, uint32_t v)
{
	if (c->have_topology)
		snprintf(b, CELL, "%" PRIu32, v);
	else
		snprintf(b, CELL, "-");
}

/* A register: its value, or why there is none. */
static void reg(char *b, const struct mds_reg *r, const char *fmt)
{
	static const char *const short_states[] = {
		[MDSCOPE_REG_STATE_NOT_ENUMERATED] = "absent",
		[MDSCOPE_REG_STATE_NOT_APPLICABLE] = "n/a",
	};
	const char *s = LOOKUP(short_states, r->state);

	if (r->state == MDSCOPE_REG_STATE_OK)
		snprintf(b, CELL, fmt, r->value);
	else if (r->state == MDSCOPE_REG_STATE_FAULT)
		snprintf(b, CELL, "fault:%s", strerrorname_np(r->err) ?: "?");
	else
		snprintf(b, CELL, "%s", s ? s : r->state ? "?" : "-");
}

static void c_cpu(const struct mds_cpu *c, char *b) { snprintf(b, CELL, "%" PRIu32, c->cpu); }
static void c_online(const struct mds_cpu *c, char *b) { yesno(b, true, c->online); }
static void c_pkg(const struct mds_cpu *c, char *b) { topo(b, c, c->package); }
static void c_die(const struct mds_cpu *c, char *b) { topo(b, c, c->die); }
static void c_core(const struct mds_cpu *c, char *b) { topo(b, c, c->core); }
static void c_thr(const struct mds_cpu *c, char *b) { topo(b, c, c->thread); }
static void c_apic(const struct mds_cpu *c, char *b) { topo(b, c, c->apic_id); }

static void c_vendor(const struct mds_cpu *c, char *b)
{
	snprintf(b, CELL, "%s", c->have_cpuid && c->vendor[0] ? c->vendor : "-");
}

static void c_sig(const struct mds_cpu *c, char *b)
{
	if (c->have_cpuid)
		snprintf(b, CELL, "0x%" PRIx32, c->signature);
	else
		snprintf(b, CELL, "-");
}

static void c_fms(const struct mds_cpu *c, char *b)
{
	if (c->have_cpuid)
		snprintf(b, CELL, "%u/%u/%u", mds_family(c->signature),
			 mds_model(c->signature), mds_stepping(c->signature));
	else
		snprintf(b, CELL, "-");
}

static void c_ucode(const struct mds_cpu *c, char *b) { reg(b, &c->microcode, "0x%" PRIx64); }

static void c_cached(const struct mds_cpu *c, char *b)
{
	if (c->have_ucode_cached)
		snprintf(b, CELL, "0x%" PRIx32, c->microcode_cached);
	else
		snprintf(b, CELL, "-");
}

static void c_plat(const struct mds_cpu *c, char *b) { reg(b, &c->platform_id, "%" PRIu64); }
static void c_arch(const struct mds_cpu *c, char *b) { reg(b, &c->arch_cap, "0x%" PRIx64); }
static void c_tsx(const struct mds_cpu *c, char *b) { reg(b, &c->tsx_ctrl, "0x%" PRIx64); }

static void c_mdclear(const struct mds_cpu *c, char *b)
{
	yesno(b, c->have_cpuid, c->leaf7_edx & MDSCOPE_L7EDX_MD_CLEAR);
}

static void c_hv(const struct mds_cpu *c, char *b)
{
	yesno(b, c->have_cpuid, c->leaf1_ecx & MDSCOPE_L1ECX_HYPERVISOR);
}

static void c_gen(const struct mds_cpu *c, char *b)
{
	if (c->source != MDS_SRC_NONE)
		snprintf(b, CELL, "%" PRIu32, c->generation);
	else
		snprintf(b, CELL, "-");
}

static const struct {
	const char *name;
	int flags;
	cell_fn *fn;
} columns[] = {
	{ "CPU", SCOLS_FL_RIGHT, c_cpu },
	{ "ONLINE", 0, c_online },
	{ "PKG", SCOLS_FL_RIGHT, c_pkg },
	{ "DIE", SCOLS_FL_RIGHT, c_die },
	{ "CORE", SCOLS_FL_RIGHT, c_core },
	{ "THR", SCOLS_FL_RIGHT, c_thr },
	{ "APIC", SCOLS_FL_RIGHT, c_apic },
	{ "VENDOR", 0, c_vendor },
	{ "SIGNATURE", 0, c_sig },
	{ "F/M/S", 0, c_fms },
	{ "MICROCODE", 0, c_ucode },
	{ "CACHED", 0, c_cached },
	{ "PLATFORM", SCOLS_FL_RIGHT, c_plat },
	{ "ARCH_CAP", 0, c_arch },
	{ "TSX_CTRL", 0, c_tsx },
	{ "MD_CLEAR", 0, c_mdclear },
	{ "HV", 0, c_hv },
	{ "GEN", SCOLS_FL_RIGHT, c_gen },
};

#define NCOLS (sizeof(columns) / sizeof(columns[0]))

static int print_table(FILE *f, const struct mds_cpu *cpus, size_t n)
{
	struct libscols_table *tb = scols_new_table();
	char buf[CELL];
	int err = 0;

	if (!tb)
		return -ENOMEM;
	for (size_t i = 0; i < NCOLS && !err; i++)
		if (!scols_table_new_column(tb, columns[i].name, 0, columns[i].flags))
			err = -ENOMEM;
	for (size_t r = 0; r < n && !err; r++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		for (size_t i = 0; i < NCOLS && ln && !err; i++) {
			columns[i].fn(&cpus[r], buf);
			err = scols_line_set_data(ln, i, buf);
		}
		if (!ln)
			err = -ENOMEM;
	}
	if (!err)
		err = scols_table_set_stream(tb, f) ?: scols_print_table(tb);
	scols_unref_table(tb);
	return err < 0 ? err : err ? -EIO : 0;
}

/* ---- JSON ----------------------------------------------------------- */

/* key: value or null; key_state; key_errno when the read faulted. */
static void add_reg(struct json_object *o, const char *key, const struct mds_reg *r, bool hex)
{
	char k[48];

	json_object_object_add(o, key, r->state != MDSCOPE_REG_STATE_OK ? NULL :
				hex ? out_hex(r->value) : json_object_new_uint64(r->value));
	snprintf(k, sizeof(k), "%s_state", key);
	json_object_object_add(o, k, out_str_or_null(reg_state_name(r->state)));
	if (r->state == MDSCOPE_REG_STATE_FAULT) {
		snprintf(k, sizeof(k), "%s_errno", key);
		json_object_object_add(o, k, json_object_new_int(r->err));
	}
}

struct json_object *mds_cpu_to_json(const struct mds_cpu *c)
{
	const struct {
		const char *key;
		uint32_t v;
	} topo[] = {
		{ "package", c->package }, { "die", c->die }, { "core", c->core },
		{ "thread", c->thread }, { "apic_id", c->apic_id },
	}, leaves[] = {
		{ "leaf1_ecx", c->leaf1_ecx }, { "leaf1_edx", c->leaf1_edx },
		{ "leaf7_ebx", c->leaf7_ebx }, { "leaf7_ecx", c->leaf7_ecx },
		{ "leaf7_edx", c->leaf7_edx }, { "leaf1a_eax", c->leaf1a_eax },
	};
	struct json_object *o = json_object_new_object();
	bool id = c->have_cpuid;
	char t[32];

	if (!o)
		return NULL;
	json_object_object_add(o, "cpu", json_object_new_int64(c->cpu));
	json_object_object_add(o, "online", json_object_new_boolean(c->online));
	for (size_t i = 0; i < sizeof(topo) / sizeof(topo[0]); i++)
		json_object_object_add(o, topo[i].key, c->have_topology ?
				       json_object_new_int64(topo[i].v) : NULL);
	json_object_object_add(o, "vendor", id ? out_str_or_null(c->vendor) : NULL);
	json_object_object_add(o, "max_leaf", id ? json_object_new_int64(c->max_leaf) : NULL);
	json_object_object_add(o, "signature", id ? out_hex(c->signature) : NULL);
	json_object_object_add(o, "family", id ? json_object_new_int(mds_family(c->signature)) : NULL);
	json_object_object_add(o, "model", id ? json_object_new_int(mds_model(c->signature)) : NULL);
	json_object_object_add(o, "stepping",
			       id ? json_object_new_int(mds_stepping(c->signature)) : NULL);
	for (size_t i = 0; i < sizeof(leaves) / sizeof(leaves[0]); i++)
		json_object_object_add(o, leaves[i].key, id ? out_hex(leaves[i].v) : NULL);
	add_reg(o, "microcode", &c->microcode, true);
	json_object_object_add(o, "microcode_cached",
			       c->have_ucode_cached ? out_hex(c->microcode_cached) : NULL);
	add_reg(o, "platform_id", &c->platform_id, false);
	add_reg(o, "arch_capabilities", &c->arch_cap, true);
	add_reg(o, "tsx_ctrl", &c->tsx_ctrl, true);
	json_object_object_add(o, "md_clear", id ? json_object_new_boolean(
			       c->leaf7_edx & MDSCOPE_L7EDX_MD_CLEAR) : NULL);
	json_object_object_add(o, "hypervisor", id ? json_object_new_boolean(
			       c->leaf1_ecx & MDSCOPE_L1ECX_HYPERVISOR) : NULL);
	json_object_object_add(o, "generation", c->source != MDS_SRC_NONE ?
			       json_object_new_int64(c->generation) : NULL);
	out_time(c->read_time_ns, "", t, sizeof(t));
	json_object_object_add(o, "read_time", out_str_or_null(t));
	return o;
}

/* Serialise root whole, then write it: never a half-written document. */
static int emit(FILE *f, struct json_object *root, int flags)
{
	const char *s = root ? json_object_to_json_string_ext(root, flags) : NULL;
	int err = 0;

	if (!s)
		err = -ENOMEM;
	else if (fprintf(f, "%s\n", s) < 0)
		err = -EIO;
	json_object_put(root);
	return err;
}

#define PRETTY (JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE)
#define COMPACT (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

static int print_json(FILE *f, const struct mds_cpu *cpus, size_t n)
{
	struct json_object *root = json_object_new_object();
	struct json_object *arr = json_object_new_array();

	if (!root || !arr) {
		json_object_put(root);
		json_object_put(arr);
		return -ENOMEM;
	}
	json_object_object_add(root, "schema", json_object_new_string(MDS_CPUS_SCHEMA));
	json_object_object_add(root, "cpus", arr);
	for (size_t i = 0; i < n; i++) {
		struct json_object *o = mds_cpu_to_json(&cpus[i]);

		if (!o) {
			json_object_put(root);
			return -ENOMEM;
		}
		json_object_array_add(arr, o);
	}
	return emit(f, root, PRETTY);
}

int mds_print_cpus(FILE *f, const struct mds_cpu *cpus, size_t n, bool json)
{
	return json ? print_json(f, cpus, n) : print_table(f, cpus, n);
}

/* ---- info and events ------------------------------------------------ */

int mds_print_info(FILE *f, const struct mds_info *info, bool json)
{
	struct json_object *o;
	char t[32];

	out_time(info->read_time_ns, "", t, sizeof(t));
	if (!json)
		return fprintf(f, "Module version:  %s\nGeneration:      %" PRIu32 "\n"
			       "CPUs possible:   %" PRIu32 "\nCPUs online:     %" PRIu32 "\n"
			       "Last read:       %s\n", info->version[0] ? info->version : "-",
			       info->generation, info->cpus_possible, info->cpus_online,
			       t[0] ? t : "-") < 0 ? -EIO : 0;
	o = json_object_new_object();
	if (!o)
		return -ENOMEM;
	json_object_object_add(o, "schema", json_object_new_string(MDS_INFO_SCHEMA));
	json_object_object_add(o, "version", out_str_or_null(info->version));
	json_object_object_add(o, "generation", json_object_new_int64(info->generation));
	json_object_object_add(o, "cpus_possible", json_object_new_int64(info->cpus_possible));
	json_object_object_add(o, "cpus_online", json_object_new_int64(info->cpus_online));
	json_object_object_add(o, "read_time", out_str_or_null(t));
	return emit(f, o, PRETTY);
}

int mds_print_event(FILE *f, const struct mds_event *ev, bool json)
{
	const char *name = mds_event_name(ev->event);
	struct json_object *o;
	char t[32];
	int err;

	if (!json) {
		err = fprintf(f, "generation %" PRIu32 " event %s", ev->generation,
			      name ? name : "unknown");
		if (err >= 0 && ev->have_cpu)
			err = fprintf(f, " cpu %" PRIu32, ev->cpu);
		if (err >= 0)
			err = fputc('\n', f);
		fflush(f);
		return err < 0 ? -EIO : 0;
	}
	out_time(ev->read_time_ns, "", t, sizeof(t));
	o = json_object_new_object();
	if (!o)
		return -ENOMEM;
	json_object_object_add(o, "generation", json_object_new_int64(ev->generation));
	json_object_object_add(o, "event", out_str_or_null(name));
	json_object_object_add(o, "cpu", ev->have_cpu ? json_object_new_int64(ev->cpu) : NULL);
	json_object_object_add(o, "read_time", out_str_or_null(t));
	err = emit(f, o, COMPACT);
	fflush(f);
	return err;
}
