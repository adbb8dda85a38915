// SPDX-License-Identifier: GPL-2.0
/*
 * The raw records as a table (libsmartcols, like lscpu) or as JSON
 * (json-c) through one table of typed fields (field.h) that names each
 * column and JSON key; the human format may change, scripts use --json.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libsmartcols.h>

#include "cpuprint.h"
#include "field.h"
#include "out.h"

/* ---- small maps ----------------------------------------------------- */

static const char *const events[] = {
	[MDSCOPE_EVENT_ONLINE] = "online",
	[MDSCOPE_EVENT_OFFLINE] = "offline",
	[MDSCOPE_EVENT_REFRESH] = "refresh",
};

#define LOOKUP(map, i) ((i) < sizeof(map) / sizeof(map[0]) ? map[i] : NULL)

const char *mds_event_name(uint32_t event)
{
	return LOOKUP(events, event);
}

/* ---- the fields: one table for the text columns and the JSON keys ---- */

#define CPU(row) ((const struct mds_cpu *)(row))

static void g_cpu(const void *r, int a, struct fld_val *v) { fld_set_int(v, true, CPU(r)->cpu); }
static void g_online(const void *r, int a, struct fld_val *v) { fld_set_bool(v, true, CPU(r)->online); }

/* Topology by offset: package, die, core, thread, apic_id. */
static void g_topo(const void *r, int off, struct fld_val *v)
{
	fld_set_int(v, CPU(r)->have_topology, FLD_AT(uint32_t, r, off));
}

static void g_vendor(const void *r, int a, struct fld_val *v)
{
	fld_set_text(v, CPU(r)->have_cpuid ? CPU(r)->vendor : NULL);
}

/* A CPUID value by offset: signature, max_leaf, the leaves. */
static void g_cpuid(const void *r, int off, struct fld_val *v)
{
	fld_set_u(v, CPU(r)->have_cpuid, FLD_AT(uint32_t, r, off));
}

static void g_family(const void *r, int a, struct fld_val *v)
{
	static unsigned int (*const part[])(uint32_t) = { mds_family, mds_model, mds_stepping };

	fld_set_int(v, CPU(r)->have_cpuid, part[a](CPU(r)->signature));
}

static void g_reg(const void *r, int off, struct fld_val *v)
{
	fld_set_reg(v, &FLD_AT(struct mds_reg, r, off));
}

static void g_cached(const void *r, int a, struct fld_val *v)
{
	fld_set_u(v, CPU(r)->have_ucode_cached, CPU(r)->microcode_cached);
}

/* A CPUID bit: a is 0 for MD_CLEAR, 1 for the hypervisor bit. */
static void g_bit(const void *r, int a, struct fld_val *v)
{
	fld_set_bool(v, CPU(r)->have_cpuid, a ? CPU(r)->leaf1_ecx & MDSCOPE_L1ECX_HYPERVISOR :
		     CPU(r)->leaf7_edx & MDSCOPE_L7EDX_MD_CLEAR);
}

static void g_gen(const void *r, int a, struct fld_val *v)
{
	fld_set_int(v, CPU(r)->source != MDS_SRC_NONE, CPU(r)->generation);
}

static void g_time(const void *r, int a, struct fld_val *v)
{
	fld_set_u(v, CPU(r)->read_time_ns, CPU(r)->read_time_ns);
}

#define OFF(m) ((int)offsetof(struct mds_cpu, m))
#define RIGHT FLD_RIGHT

static const struct fld fields[] = {
	{ "cpu", "CPU", FLD_INT, RIGHT, NULL, g_cpu, 0 },
	{ "online", "ONLINE", FLD_BOOL, 0, NULL, g_online, 0 },
	{ "package", "PKG", FLD_INT, RIGHT, NULL, g_topo, OFF(package) },
	{ "die", "DIE", FLD_INT, RIGHT, NULL, g_topo, OFF(die) },
	{ "core", "CORE", FLD_INT, RIGHT, NULL, g_topo, OFF(core) },
	{ "thread", "THR", FLD_INT, RIGHT, NULL, g_topo, OFF(thread) },
	{ "apic_id", "APIC", FLD_INT, RIGHT, NULL, g_topo, OFF(apic_id) },
	{ "vendor", "VENDOR", FLD_STR, 0, NULL, g_vendor, 0 },
	{ "max_leaf", NULL, FLD_INT, 0, NULL, g_cpuid, OFF(max_leaf) },
	{ "signature", "SIGNATURE", FLD_HEX, 0, NULL, g_cpuid, OFF(signature) },
	{ NULL, "F/M/S", FLD_FMS, 0, NULL, g_cpuid, OFF(signature) },
	{ "family", NULL, FLD_INT, 0, NULL, g_family, 0 },
	{ "model", NULL, FLD_INT, 0, NULL, g_family, 1 },
	{ "stepping", NULL, FLD_INT, 0, NULL, g_family, 2 },
	{ "leaf1_ecx", NULL, FLD_HEX, 0, NULL, g_cpuid, OFF(leaf1_ecx) },
	{ "leaf1_edx", NULL, FLD_HEX, 0, NULL, g_cpuid, OFF(leaf1_edx) },
	{ "leaf7_ebx", NULL, FLD_HEX, 0, NULL, g_cpuid, OFF(leaf7_ebx) },
	{ "leaf7_ecx", NULL, FLD_HEX, 0, NULL, g_cpuid, OFF(leaf7_ecx) },
	{ "leaf7_edx", NULL, FLD_HEX, 0, NULL, g_cpuid, OFF(leaf7_edx) },
	{ "leaf1a_eax", NULL, FLD_HEX, 0, NULL, g_cpuid, OFF(leaf1a_eax) },
	{ "microcode", "MICROCODE", FLD_REG, 0, NULL, g_reg, OFF(microcode) },
	{ "microcode_cached", "CACHED", FLD_HEX, 0, NULL, g_cached, 0 },
	{ "platform_id", "PLATFORM", FLD_REG, RIGHT | FLD_DEC, NULL, g_reg, OFF(platform_id) },
	{ "arch_capabilities", "ARCH_CAP", FLD_REG, 0, NULL, g_reg, OFF(arch_cap) },
	{ "tsx_ctrl", "TSX_CTRL", FLD_REG, 0, NULL, g_reg, OFF(tsx_ctrl) },
	{ "md_clear", "MD_CLEAR", FLD_BOOL, 0, NULL, g_bit, 0 },
	{ "hypervisor", "HV", FLD_BOOL, 0, NULL, g_bit, 1 },
	{ "generation", "GEN", FLD_INT, RIGHT, NULL, g_gen, 0 },
	{ "read_time", NULL, FLD_TIME, 0, NULL, g_time, 0 },
};

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

struct json_object *mds_cpu_to_json(const struct mds_cpu *c)
{
	return fld_json(fields, NFIELDS, c);
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
	struct json_object *arr = fld_json_rows(fields, NFIELDS, cpus, sizeof(*cpus), n);

	if (!root || !arr) {
		json_object_put(root);
		json_object_put(arr);
		return -ENOMEM;
	}
	json_object_object_add(root, "schema", json_object_new_string(MDS_CPUS_SCHEMA));
	json_object_object_add(root, "cpus", arr);
	return emit(f, root, PRETTY);
}

int mds_print_cpus(FILE *f, const struct mds_cpu *cpus, size_t n, bool json)
{
	return json ? print_json(f, cpus, n) :
	       fld_table(f, fields, NFIELDS, cpus, sizeof(*cpus), n);
}

/* ---- info and events ------------------------------------------------ */

static void g_schema(const void *r, int a, struct fld_val *v) { fld_set_str(v, MDS_INFO_SCHEMA); }

#define INFO(row) ((const struct mds_info *)(row))

static void g_version(const void *r, int a, struct fld_val *v) { fld_set_text(v, INFO(r)->version); }

/* A count by offset: generation, cpus_possible, cpus_online. */
static void g_count(const void *r, int off, struct fld_val *v)
{
	fld_set_int(v, true, FLD_AT(uint32_t, r, off));
}

static void g_info_time(const void *r, int a, struct fld_val *v)
{
	fld_set_u(v, INFO(r)->read_time_ns, INFO(r)->read_time_ns);
}

#define IOFF(m) ((int)offsetof(struct mds_info, m))

static const struct fld info_fields[] = {
	{ "schema", NULL, FLD_STR, 0, NULL, g_schema, 0 },
	{ "version", "Module version", FLD_STR, 0, NULL, g_version, 0 },
	{ "generation", "Generation", FLD_INT, 0, NULL, g_count, IOFF(generation) },
	{ "cpus_possible", "CPUs possible", FLD_INT, 0, NULL, g_count, IOFF(cpus_possible) },
	{ "cpus_online", "CPUs online", FLD_INT, 0, NULL, g_count, IOFF(cpus_online) },
	{ "read_time", "Last read", FLD_TIME, 0, NULL, g_info_time, 0 },
};

int mds_print_info(FILE *f, const struct mds_info *info, bool json)
{
	size_t n = sizeof(info_fields) / sizeof(info_fields[0]);

	return json ? emit(f, fld_json(info_fields, n, info), PRETTY) :
	       fld_pairs(f, info_fields, n, info);
}

#define EV(row) ((const struct mds_event *)(row))

static void g_ev_gen(const void *r, int a, struct fld_val *v) { fld_set_int(v, true, EV(r)->generation); }

static void g_ev_name(const void *r, int a, struct fld_val *v)
{
	fld_set_str(v, mds_event_name(EV(r)->event));
}

static void g_ev_cpu(const void *r, int a, struct fld_val *v)
{
	fld_set_int(v, EV(r)->have_cpu, EV(r)->cpu);
}

static void g_ev_time(const void *r, int a, struct fld_val *v)
{
	fld_set_u(v, EV(r)->read_time_ns, EV(r)->read_time_ns);
}

static const struct fld event_fields[] = {
	{ .key = "generation", .type = FLD_INT, .get = g_ev_gen },
	{ .key = "event", .type = FLD_STR, .get = g_ev_name },
	{ .key = "cpu", .type = FLD_INT, .get = g_ev_cpu },
	{ .key = "read_time", .type = FLD_TIME, .get = g_ev_time },
};

int mds_print_event(FILE *f, const struct mds_event *ev, bool json)
{
	const char *name = mds_event_name(ev->event);
	int err;

	if (json) {
		err = emit(f, fld_json(event_fields, sizeof(event_fields) / sizeof(event_fields[0]),
				       ev), COMPACT);
		fflush(f);
		return err;
	}
	err = fprintf(f, "generation %" PRIu32 " event %s", ev->generation, name ? name : "unknown");
	if (err >= 0 && ev->have_cpu)
		err = fprintf(f, " cpu %" PRIu32, ev->cpu);
	if (err >= 0)
		err = fputc('\n', f);
	fflush(f);
	return err < 0 ? -EIO : 0;
}
