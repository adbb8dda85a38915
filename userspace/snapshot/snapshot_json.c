// SPDX-License-Identifier: GPL-2.0
/*
 * Snapshot <-> JSON. One field table per struct drives both directions, so
 * what is written is exactly what is checked on the way back: every key
 * required, no unknown keys, types and ranges enforced, arrays bounded and
 * sorted. A file that fails any check is rejected as a whole with one
 * message naming the offending path.
 *
 * "mdscope-snapshot/2" writes each per-CPU array (cpus, kernel.cpuinfo,
 * kernel.topology) as a table: {"common": {fields equal on every row},
 * "columns": [the other fields' names], "rows": [[values], ...]}. A 64-CPU
 * host's CPUs differ in a handful of fields, so the file is about a sixth
 * of "mdscope-snapshot/1"'s arrays of objects, and loading it (one
 * prototype struct copied per row) several times faster. Both load.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cmdline.h"
#include "jdoc.h"
#include "snapshot.h"
#include "snapshot_json.h"
#include "sysfs.h"

enum ftype {
	F_U32,		/* JSON integer in [min, max] */
	F_INT,		/* int, JSON integer in [min, max] */
	F_U64,		/* JSON integer >= 0 */
	F_HEX32,	/* "0x..." string, uint32_t */
	F_BOOL,
	F_STR,		/* char[size] */
	F_REG,		/* struct mds_reg as {"state","value","errno"} */
	F_ENUM,		/* enum stored as int, JSON string via names */
};

struct field {
	const char *name;
	enum ftype type;
	size_t off, size;
	long long min, max;
	const char *(*to_name)(int v);
	int (*from_name)(const char *name);
	bool opt;	/* may be absent (added after the first release) */
};

#define FLD(T, n, ty, m, lo, hi) \
	{ n, ty, offsetof(T, m), sizeof(((T *)0)->m), lo, hi, NULL, NULL, false }
/* A field that older snapshots do not have. */
#define FLD_OPT(T, n, ty, m, lo, hi) \
	{ n, ty, offsetof(T, m), sizeof(((T *)0)->m), lo, hi, NULL, NULL, true }
#define FENUM(T, n, m, to, from) \
	{ n, F_ENUM, offsetof(T, m), sizeof(((T *)0)->m), 0, 0, to, from, false }

static const char *reg_state_to(int v);
static int reg_state_from(const char *n);
static const char *source_to(int v) { return mds_source_name(v); }
static const char *kstate_to(int v) { return mds_kstate_name(v); }
static const char *ksmt_to(int v) { return mds_ksmt_name(v); }
static const char *smtctl_to(int v) { return mds_smt_control_name(v); }

#define U32MAX 0xffffffffLL
#define CPUMAX (MDS_SNAP_MAX_CPUS - 1)

static const struct field cpu_fields[] = {
	FLD(struct mds_cpu, "cpu", F_U32, cpu, 0, CPUMAX),
	FLD(struct mds_cpu, "online", F_BOOL, online, 0, 0),
	FLD(struct mds_cpu, "have_cpuid", F_BOOL, have_cpuid, 0, 0),
	FLD(struct mds_cpu, "have_topology", F_BOOL, have_topology, 0, 0),
	FLD(struct mds_cpu, "have_ucode_cached", F_BOOL, have_ucode_cached, 0, 0),
	FENUM(struct mds_cpu, "source", source, source_to, mds_source_from_name),
	FLD(struct mds_cpu, "vendor", F_STR, vendor, 0, 0),
	FLD(struct mds_cpu, "max_leaf", F_HEX32, max_leaf, 0, 0),
	FLD(struct mds_cpu, "signature", F_HEX32, signature, 0, 0),
	FLD(struct mds_cpu, "leaf1_ecx", F_HEX32, leaf1_ecx, 0, 0),
	FLD(struct mds_cpu, "leaf1_edx", F_HEX32, leaf1_edx, 0, 0),
	FLD(struct mds_cpu, "leaf7_ebx", F_HEX32, leaf7_ebx, 0, 0),
	FLD(struct mds_cpu, "leaf7_ecx", F_HEX32, leaf7_ecx, 0, 0),
	FLD(struct mds_cpu, "leaf7_edx", F_HEX32, leaf7_edx, 0, 0),
	FLD(struct mds_cpu, "leaf1a_eax", F_HEX32, leaf1a_eax, 0, 0),
	FLD(struct mds_cpu, "package", F_U32, package, 0, U32MAX),
	FLD(struct mds_cpu, "die", F_U32, die, 0, U32MAX),
	FLD(struct mds_cpu, "core", F_U32, core, 0, U32MAX),
	FLD(struct mds_cpu, "thread", F_U32, thread, 0, U32MAX),
	FLD(struct mds_cpu, "apic_id", F_U32, apic_id, 0, U32MAX),
	FLD(struct mds_cpu, "microcode", F_REG, microcode, 0, 0),
	FLD(struct mds_cpu, "microcode_cached", F_HEX32, microcode_cached, 0, 0),
	FLD(struct mds_cpu, "platform_id", F_REG, platform_id, 0, 0),
	FLD(struct mds_cpu, "arch_capabilities", F_REG, arch_cap, 0, 0),
	FLD(struct mds_cpu, "tsx_ctrl", F_REG, tsx_ctrl, 0, 0),
	FLD(struct mds_cpu, "generation", F_U32, generation, 0, U32MAX),
	FLD(struct mds_cpu, "read_time_ns", F_U64, read_time_ns, 0, 0),
};

static const struct field cpuinfo_fields[] = {
	FLD(struct mds_cpuinfo, "cpu", F_U32, cpu, 0, CPUMAX),
	FLD(struct mds_cpuinfo, "vendor", F_STR, vendor, 0, 0),
	FLD(struct mds_cpuinfo, "family", F_INT, family, -1, 0x7fffffff),
	FLD(struct mds_cpuinfo, "model", F_INT, model, -1, 0x7fffffff),
	FLD(struct mds_cpuinfo, "stepping", F_INT, stepping, -1, 0x7fffffff),
	FLD(struct mds_cpuinfo, "have_microcode", F_BOOL, have_microcode, 0, 0),
	FLD(struct mds_cpuinfo, "microcode", F_HEX32, microcode, 0, 0),
	FLD(struct mds_cpuinfo, "physical_id", F_INT, physical_id, -1, 0x7fffffff),
	FLD(struct mds_cpuinfo, "core_id", F_INT, core_id, -1, 0x7fffffff),
	FLD(struct mds_cpuinfo, "have_flags", F_BOOL, have_flags, 0, 0),
	FLD(struct mds_cpuinfo, "md_clear", F_BOOL, md_clear, 0, 0),
	FLD(struct mds_cpuinfo, "rtm", F_BOOL, rtm, 0, 0),
	FLD(struct mds_cpuinfo, "hle", F_BOOL, hle, 0, 0),
	FLD(struct mds_cpuinfo, "hypervisor", F_BOOL, hypervisor, 0, 0),
	FLD(struct mds_cpuinfo, "arch_capabilities", F_BOOL, arch_capabilities, 0, 0),
	FLD_OPT(struct mds_cpuinfo, "flush_l1d", F_BOOL, flush_l1d, 0, 0),
	FLD(struct mds_cpuinfo, "have_bugs", F_BOOL, have_bugs, 0, 0),
	FLD(struct mds_cpuinfo, "bug_mds", F_BOOL, bug_mds, 0, 0),
	FLD(struct mds_cpuinfo, "bug_msbds_only", F_BOOL, bug_msbds_only, 0, 0),
	FLD(struct mds_cpuinfo, "bug_taa", F_BOOL, bug_taa, 0, 0),
};

static const struct field topo_fields[] = {
	FLD(struct mds_topo, "cpu", F_U32, cpu, 0, CPUMAX),
	FLD(struct mds_topo, "online", F_INT, online, -1, 1),
	FLD(struct mds_topo, "package", F_INT, package, -1, 0x7fffffff),
	FLD(struct mds_topo, "die", F_INT, die, -1, 0x7fffffff),
	FLD(struct mds_topo, "core", F_INT, core, -1, 0x7fffffff),
	FLD(struct mds_topo, "siblings", F_STR, siblings, 0, 0),
	FLD(struct mds_topo, "nr_siblings", F_INT, nr_siblings, 0, MDS_SNAP_MAX_CPUS),
};

static const struct field claim_fields[] = {
	FLD(struct mds_kclaim, "present", F_BOOL, present, 0, 0),
	FENUM(struct mds_kclaim, "state", state, kstate_to, mds_kstate_from_name),
	FENUM(struct mds_kclaim, "smt", smt, ksmt_to, mds_ksmt_from_name),
};

static const struct field smt_fields[] = {
	FENUM(struct mds_smt, "control", control, smtctl_to, mds_smt_control_from_name),
	FLD(struct mds_smt, "control_text", F_STR, control_text, 0, 0),
	FLD(struct mds_smt, "active", F_INT, active, -1, 1),
};

static const struct field cmdline_fixed[] = {
	FLD(struct mds_cmdline, "present", F_BOOL, present, 0, 0),
	FLD(struct mds_cmdline, "raw", F_STR, raw, 0, 0),
	FLD(struct mds_cmdline, "tsx", F_STR, tsx, 0, 0),
	FLD(struct mds_cmdline, "mitigations", F_STR, mitigations, 0, 0),
	FLD(struct mds_cmdline, "nosmt", F_BOOL, nosmt, 0, 0),
	FLD(struct mds_cmdline, "nosmt_value", F_STR, nosmt_value, 0, 0),
};

/* The fixed fields, then each vulnerability's option under its own name
 * (optional on load: the options are parsed again from raw anyway). */
#define NR_FIXED (sizeof(cmdline_fixed) / sizeof(cmdline_fixed[0]))
#define NR_CMDLINE_FIELDS (NR_FIXED + VULN_NR)
static struct field cmdline_fields[NR_CMDLINE_FIELDS];

static void cmdline_fields_init(void)
{
	if (cmdline_fields[0].name)
		return;
	memcpy(cmdline_fields, cmdline_fixed, sizeof(cmdline_fixed));
	for (int v = 0; v < VULN_NR; v++)
		cmdline_fields[NR_FIXED + v] = (struct field){
			.name = vuln_info[v].cmdline, .type = F_STR,
			.off = offsetof(struct mds_cmdline, vuln_opt) +
			       v * sizeof(((struct mds_cmdline *)0)->vuln_opt[0]),
			.size = sizeof(((struct mds_cmdline *)0)->vuln_opt[0]), .opt = true,
		};
}

static const struct field info_fields[] = {
	FLD(struct mds_info, "version", F_STR, version, 0, 0),
	FLD(struct mds_info, "generation", F_U32, generation, 0, U32MAX),
	FLD(struct mds_info, "cpus_possible", F_U32, cpus_possible, 0, MDS_SNAP_MAX_CPUS),
	FLD(struct mds_info, "cpus_online", F_U32, cpus_online, 0, MDS_SNAP_MAX_CPUS),
	FLD(struct mds_info, "read_time_ns", F_U64, read_time_ns, 0, 0),
};

static const struct field ident_fields[] = {
	FLD_OPT(struct mds_ident, "machine_id", F_STR, machine_id, 0, 0),
	FLD_OPT(struct mds_ident, "dmi_product_uuid", F_STR, dmi_uuid, 0, 0),
	FLD_OPT(struct mds_ident, "dmi_product_name", F_STR, dmi_product, 0, 0),
};

static const struct field origin_fields[] = {
	FLD(struct mds_origin, "format", F_STR, format, 0, 0),
	FLD(struct mds_origin, "file", F_STR, file, 0, 0),
};

/* The wire's enum mdscope_reg_state; 0 is a register never read. */
static const char *const reg_state_names[] = {
	[0] = "unknown",
	[MDSCOPE_REG_STATE_OK] = "ok",
	[MDSCOPE_REG_STATE_NOT_ENUMERATED] = "not_enumerated",
	[MDSCOPE_REG_STATE_FAULT] = "fault",
	[MDSCOPE_REG_STATE_NOT_APPLICABLE] = "not_applicable",
};
#define NR_REG_STATES (sizeof(reg_state_names) / sizeof(reg_state_names[0]))

static const char *reg_state_to(int v)
{
	return mds_name_of(reg_state_names, NR_REG_STATES, (unsigned int)v);
}

static int reg_state_from(const char *n)
{
	return mds_name_index(reg_state_names, NR_REG_STATES, n);
}

const char *mds_reg_state_name(uint32_t state)
{
	return reg_state_to((int)state);
}

/* ---- writing ----------------------------------------------------------- */

static json_object *hex_json(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%" PRIx64, v);
	return json_object_new_string(buf);
}

static int enum_get(const void *p, size_t size)
{
	return size == sizeof(int) ? *(const int *)p : *(const unsigned char *)p;
}

json_object *mds_reg_json(const struct mds_reg *r)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "state", json_object_new_string(reg_state_to(r->state)));
	json_object_object_add(o, "value", hex_json(r->value));
	json_object_object_add(o, "errno", json_object_new_int64(r->err));
	return o;
}

static json_object *field_to_json(const struct field *f, const void *base)
{
	const void *p = (const char *)base + f->off;

	switch (f->type) {
	case F_U32: return json_object_new_int64(*(const uint32_t *)p);
	case F_INT: return json_object_new_int64(*(const int *)p);
	case F_U64: return json_object_new_int64((int64_t)*(const uint64_t *)p);
	case F_HEX32: return hex_json(*(const uint32_t *)p);
	case F_BOOL: return json_object_new_boolean(*(const bool *)p);
	case F_STR: return json_object_new_string(p);
	case F_REG: return mds_reg_json(p);
	case F_ENUM: return json_object_new_string(f->to_name(enum_get(p, f->size)));
	}
	return NULL;
}

static json_object *fields_to_json(const struct field *f, size_t n, const void *base)
{
	json_object *o = json_object_new_object();

	for (size_t i = 0; i < n; i++)
		json_object_object_add(o, f[i].name, field_to_json(&f[i], base));
	return o;
}

#define NF(a) (sizeof(a) / sizeof(a[0]))
#define MAX_FIELDS 48	/* of any one table */

/* Two structs hold the same value in field f (strings up to their NUL). */
static bool field_equal(const struct field *f, const void *a, const void *b)
{
	const char *x = (const char *)a + f->off, *y = (const char *)b + f->off;
	const struct mds_reg *r = (const void *)x, *q = (const void *)y;

	switch (f->type) {
	case F_STR: return !strcmp(x, y);
	case F_REG: return r->state == q->state && r->value == q->value && r->err == q->err;
	default: return !memcmp(x, y, f->size);
	}
}

/* A row printed on one line inside the pretty-printed file. */
static int row_serializer(json_object *o, struct printbuf *pb, int level, int flags)
{
	size_t n = json_object_array_length(o);

	(void)level;
	(void)flags;
	printbuf_strappend(pb, "[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			printbuf_strappend(pb, ", ");
		const char *v = json_object_to_json_string_ext(json_object_array_get_idx(o, i),
							       JSON_C_TO_STRING_NOSLASHESCAPE);

		printbuf_memappend(pb, v, (int)strlen(v));
	}
	printbuf_strappend(pb, "]");
	return 0;
}

/* A per-CPU array as {"common", "columns", "rows"} (see the top). */
static json_object *table_to_json(const struct field *f, size_t n, const void *arr,
				  size_t elem, size_t nr)
{
	json_object *t = json_object_new_object(), *common = json_object_new_object();
	json_object *cols = json_object_new_array(), *rows = json_object_new_array();
	const char *row0 = arr;
	size_t col[MAX_FIELDS], nc = 0;

	for (size_t i = 0; i < n; i++) {
		bool same = nr > 0;

		for (size_t r = 1; r < nr && same; r++)
			same = field_equal(&f[i], row0, row0 + r * elem);
		if (same) {
			json_object_object_add(common, f[i].name, field_to_json(&f[i], row0));
		} else {
			col[nc++] = i;
			json_object_array_add(cols, json_object_new_string(f[i].name));
		}
	}
	for (size_t r = 0; r < nr; r++) {
		json_object *row = json_object_new_array_ext((int)nc);

		for (size_t c = 0; c < nc; c++)
			json_object_array_add(row, field_to_json(&f[col[c]], row0 + r * elem));
		json_object_set_serializer(row, row_serializer, NULL, NULL);
		json_object_array_add(rows, row);
	}
	json_object_object_add(t, "common", common);
	json_object_object_add(t, "columns", cols);
	json_object_object_add(t, "rows", rows);
	return t;
}

json_object *snapshot_json(const struct mds_snapshot *s)
{
	const struct mds_kernel *k = &s->kernel;
	json_object *o = json_object_new_object(), *kj, *v, *notes;

	json_object_object_add(o, "schema", json_object_new_string(MDS_SNAPSHOT_SCHEMA));
	json_object_object_add(o, "hostname", json_object_new_string(s->hostname));
	json_object_object_add(o, "time_ns", json_object_new_int64((int64_t)s->time_ns));
	json_object_object_add(o, "collected_by",
			       json_object_new_string(mds_source_name(s->collected_by)));
	json_object_object_add(o, "host", fields_to_json(ident_fields, NF(ident_fields),
							 &s->ident));
	if (s->collected_by == MDS_SRC_IMPORT)
		json_object_object_add(o, "imported_from",
				       fields_to_json(origin_fields, NF(origin_fields),
						      &s->origin));
	json_object_object_add(o, "module", s->have_module ?
			       fields_to_json(info_fields, NF(info_fields), &s->module) : NULL);
	json_object_object_add(o, "module_error", json_object_new_string(s->module_error));
	json_object_object_add(o, "msr_driver", json_object_new_boolean(s->msr_driver));
	notes = json_object_new_array();
	for (size_t i = 0; i < s->nr_notes; i++)
		json_object_array_add(notes, json_object_new_string(s->notes[i]));
	json_object_object_add(o, "notes", notes);
	json_object_object_add(o, "cpus", table_to_json(cpu_fields, NF(cpu_fields), s->cpus,
							 sizeof(*s->cpus), s->nr_cpus));

	kj = json_object_new_object();
	json_object_object_add(kj, "release", json_object_new_string(k->release));
	v = json_object_new_object();
	for (size_t i = 0; i < k->nr_vulns; i++)
		json_object_object_add(v, k->vulns[i].name,
				       json_object_new_string(k->vulns[i].text));
	json_object_object_add(kj, "vulnerabilities", v);
	for (int i = 0; i < VULN_NR; i++)
		json_object_object_add(kj, vuln_info[i].key,
				       fields_to_json(claim_fields, NF(claim_fields), &k->claim[i]));
	json_object_object_add(kj, "smt", fields_to_json(smt_fields, NF(smt_fields), &k->smt));
	json_object_object_add(kj, "cmdline",
			       (cmdline_fields_init(),
				fields_to_json(cmdline_fields, NR_CMDLINE_FIELDS, &k->cmdline)));
	json_object_object_add(kj, "cpuinfo",
			       table_to_json(cpuinfo_fields, NF(cpuinfo_fields), k->cpuinfo,
					     sizeof(*k->cpuinfo), k->nr_cpuinfo));
	json_object_object_add(kj, "topology",
			       table_to_json(topo_fields, NF(topo_fields), k->topo,
					     sizeof(*k->topo), k->nr_topo));
	json_object_object_add(o, "kernel", kj);
	return o;
}

/* ---- reading ----------------------------------------------------------- */

static int jerr(struct mds_err *err, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int jerr(struct mds_err *err, const char *path, const char *fmt, ...)
{
	char what[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(err->msg, sizeof(err->msg), "%s: %s", path, what);
	return -EINVAL;
}

/* Printable ASCII only (safe to quote in a message as it is). */
static bool ascii_text(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			return false;
	return true;
}

/*
 * Only the keys in names, each once; each present unless optional[i]
 * (optional may be NULL).
 */
static int check_keys_opt(const struct jd *o, const char *const *names, const bool *optional,
			  size_t n, const char *path, struct mds_err *err)
{
	if (!jd_is(o, JD_OBJECT))
		return jerr(err, path, "not an object");
	for (size_t m = 0; m < o->n; m++) {
		const char *key = o->u.kids[m].key;
		size_t i;

		for (i = 0; i < n && strcmp(key, names[i]); i++)
			;
		if (i == n)
			return jerr(err, path, "unexpected key '%.40s'",
				    ascii_text(key) ? key : "(not printable)");
		if (jd_get(o, key) != &o->u.kids[m])
			return jerr(err, path, "key '%s' given twice", key);
	}
	for (size_t i = 0; i < n; i++)
		if (!(optional && optional[i]) && !jd_get(o, names[i]))
			return jerr(err, path, "missing key '%s'", names[i]);
	return 0;
}

static int check_keys(const struct jd *o, const char *const *names, size_t n, const char *path,
		      struct mds_err *err)
{
	return check_keys_opt(o, names, NULL, n, path, err);
}

static int get_int(const struct jd *v, long long lo, long long hi, long long *out, const char *path,
		   struct mds_err *err)
{
	if (!jd_is(v, JD_INT))
		return jerr(err, path, "not an integer");
	/* yajl refuses integers beyond long long; the ends themselves are
	 * refused too, as the first release (on json-c, which saturated) did. */
	*out = v->u.i;
	if (*out == INT64_MAX || *out == INT64_MIN || *out < lo || *out > hi)
		return jerr(err, path, "out of range [%lld, %lld]", lo, hi);
	return 0;
}

static int get_hex(const struct jd *v, uint64_t max, uint64_t *out, const char *path,
		   struct mds_err *err)
{
	const char *s;
	char *end;

	if (!jd_is(v, JD_STRING))
		return jerr(err, path, "not a hex string");
	s = v->u.s;
	if (strncmp(s, "0x", 2) || !s[2] || strspn(s + 2, "0123456789abcdefABCDEF") != strlen(s + 2)
	    || strlen(s + 2) > 16)
		return jerr(err, path, "not a hex string like \"0x1f\"");
	errno = 0;
	*out = strtoull(s + 2, &end, 16);
	if (errno || *out > max)
		return jerr(err, path, "hex value out of range");
	return 0;
}

/*
 * Text a snapshot may hold: valid UTF-8 (shortest forms, no surrogates)
 * without control characters (C0, DEL, C1). mdscope writes only such text;
 * a file with anything else was not written by it and is refused, so no
 * escape sequence from a file reaches a terminal.
 */
static bool text_ok(const unsigned char *p, size_t len)
{
	for (size_t i = 0; i < len; ) {
		unsigned int c = p[i], n, cp;

		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f)
				return false;
			i++;
			continue;
		}
		n = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 && c <= 0xef ? 2 :
		    c >= 0xc2 && c <= 0xdf ? 1 : 0;
		if (!n || i + n >= len)
			return false;
		cp = c & (0x3f >> n);
		for (unsigned int k = 1; k <= n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp <= 0x9f))
			return false;
		i += n + 1;
	}
	return true;
}

/* A JSON string that fits dst (with its NUL) and is text (text_ok). */
static int get_str(const struct jd *v, char *dst, size_t size, const char *path, struct mds_err *err)
{
	size_t len;

	if (!jd_is(v, JD_STRING))
		return jerr(err, path, "not a string");
	len = v->n;
	if (len >= size || strlen(v->u.s) != len)
		return jerr(err, path, "string too long (max %zu bytes) or holds a NUL", size - 1);
	if (!text_ok((const unsigned char *)v->u.s, len))
		return jerr(err, path, "control character or invalid UTF-8 in the string");
	memcpy(dst, v->u.s, len + 1);
	return 0;
}

static int reg_from_json(const struct jd *o, struct mds_reg *r, const char *path,
			 struct mds_err *err)
{
	static const char *const keys[] = { "state", "value", "errno" };
	const struct jd *v;
	long long n;
	int st, e;

	if (!jd_is(o, JD_OBJECT) || o->n != 3 || !jd_get(o, "value") || !jd_get(o, "errno")) {
		e = check_keys(o, keys, 3, path, err);
		if (e)
			return e;
	}
	if (!(v = jd_get(o, "state")))
		return check_keys(o, keys, 3, path, err);
	if (!jd_is(v, JD_STRING) || (st = reg_state_from(v->u.s)) < 0)
		return jerr(err, path, "bad register state");
	r->state = st;
	v = jd_get(o, "value");
	e = get_hex(v, UINT64_MAX, &r->value, path, err);
	if (e)
		return e;
	v = jd_get(o, "errno");
	e = get_int(v, 0, 4095, &n, path, err);
	r->err = n;
	return e;
}

/* One field's value into place; path names it in a message. */
static int field_from_json(const struct field *f, void *p, const struct jd *v, const char *path,
			   struct mds_err *err)
{
	long long x;
	uint64_t h;
	int e = 0;

	switch (f->type) {
	case F_U32:
		if (!(e = get_int(v, f->min, f->max, &x, path, err)))
			*(uint32_t *)p = x;
		break;
	case F_INT:
		if (!(e = get_int(v, f->min, f->max, &x, path, err)))
			*(int *)p = x;
		break;
	case F_U64:
		if (!(e = get_int(v, 0, INT64_MAX, &x, path, err)))
			*(uint64_t *)p = x;
		break;
	case F_HEX32:
		if (!(e = get_hex(v, UINT32_MAX, &h, path, err)))
			*(uint32_t *)p = h;
		break;
	case F_BOOL:
		if (!jd_is(v, JD_BOOL))
			e = jerr(err, path, "not a boolean");
		else
			*(bool *)p = v->u.b;
		break;
	case F_STR:
		e = get_str(v, p, f->size, path, err);
		break;
	case F_REG:
		e = reg_from_json(v, p, path, err);
		break;
	case F_ENUM:
		if (!jd_is(v, JD_STRING) || (x = f->from_name(v->u.s)) < 0)
			e = jerr(err, path, "not one of the known names");
		else if (f->size == sizeof(int))
			*(int *)p = x;
		else
			e = jerr(err, path, "internal: enum size");
		break;
	}
	return e;
}

/* The key check of check_keys_opt(), for the message when a fast count fails. */
static int keys_error(const struct field *f, size_t n, const struct jd *o, const char *path,
		     struct mds_err *err)
{
	const char *names[MAX_FIELDS];
	bool opt[MAX_FIELDS];

	for (size_t i = 0; i < n; i++) {
		names[i] = f[i].name;
		opt[i] = f[i].opt;
	}
	return check_keys_opt(o, names, opt, n, path, err);
}

/*
 * Every key of the table, no other: counted with one hash lookup per field
 * (a snapshot has tens of thousands of these objects); a value's path is
 * only formatted when it is wrong.
 */
static int fields_from_json(const struct field *f, size_t n, void *base, const struct jd *o,
			    const char *path, struct mds_err *err)
{
	size_t found = 0;
	char sub[128];

	if (!jd_is(o, JD_OBJECT))
		return jerr(err, path, "not an object");
	for (size_t i = 0; i < n; i++) {
		void *p = (char *)base + f[i].off;
		const struct jd *v;

		if (!(v = jd_get(o, f[i].name))) {
			if (f[i].opt)
				continue;
			return keys_error(f, n, o, path, err);
		}
		found++;
		if (field_from_json(&f[i], p, v, "", err)) {
			snprintf(sub, sizeof(sub), "%s.%s", path, f[i].name);
			return field_from_json(&f[i], p, v, sub, err);
		}
	}
	if ((size_t)o->n != found)
		return keys_error(f, n, o, path, err);
	return 0;
}

static int check_ascending(const char *arr, size_t elem, size_t i, const char *path,
			   struct mds_err *err);

/* An array of structs, each with a leading u32 "cpu" that must ascend. */
static int cpu_array_from_json(const struct jd *a, const struct field *f, size_t n, size_t elem,
			       void **out, size_t *nr, const char *path, struct mds_err *err)
{
	size_t len;
	char sub[64];
	char *arr;
	int e = 0;

	if (!jd_is(a, JD_ARRAY))
		return jerr(err, path, "not an array");
	len = a->n;
	if (len > MDS_SNAP_MAX_CPUS)
		return jerr(err, path, "more than %d entries", MDS_SNAP_MAX_CPUS);
	arr = calloc(len ? len : 1, elem);
	if (!arr)
		return -ENOMEM;
	for (size_t i = 0; i < len && !e; i++) {
		e = fields_from_json(f, n, arr + i * elem, &a->u.kids[i], "",
				     err);
		if (e) {	/* again, with the path in the message */
			snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
			e = fields_from_json(f, n, arr + i * elem, &a->u.kids[i],
					     sub, err);
		}
		if (!e)
			e = check_ascending(arr, elem, i, path, err);
	}
	if (e) {
		free(arr);
		return e;
	}
	*out = arr;
	*nr = len;
	return 0;
}

/* Rows must ascend by their leading u32 "cpu". */
static int check_ascending(const char *arr, size_t elem, size_t i, const char *path,
			   struct mds_err *err)
{
	char sub[64];

	if (!i || *(const uint32_t *)(arr + i * elem) > *(const uint32_t *)(arr + (i - 1) * elem))
		return 0;
	snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
	return jerr(err, sub, "cpu numbers must ascend without repeats");
}

/* The field of f named name, or -1. */
static int field_index(const struct field *f, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(f[i].name, name))
			return (int)i;
	return -1;
}

/*
 * Which fields are columns (col[], in file order) and which are common
 * (common[], table order): every field of f exactly once in one or the
 * other, except optional ones, which may be in neither.
 */
static int table_columns(const struct field *f, size_t n, const struct jd *cols, int *col,
			 size_t *nc, struct field *common, size_t *ncommon, const char *path,
			 struct mds_err *err)
{
	bool used[MAX_FIELDS] = { false };

	if (!jd_is(cols, JD_ARRAY) || cols->n > n)
		return jerr(err, path, "not an array of at most %zu field names", n);
	*nc = cols->n;
	for (size_t c = 0; c < *nc; c++) {
		const struct jd *name = &cols->u.kids[c];
		int i = jd_is(name, JD_STRING) ?
			field_index(f, n, name->u.s) : -1;

		if (i < 0 || used[i])
			return jerr(err, path, "column %zu is not a field name, or repeats one", c);
		used[i] = true;
		col[c] = i;
	}
	*ncommon = 0;
	for (size_t i = 0; i < n; i++)
		if (!used[i])
			common[(*ncommon)++] = f[i];
	return 0;
}

/*
 * A per-CPU table (mdscope-snapshot/2, see the top): the common fields fill
 * one prototype, each row is the prototype plus its columns.
 */
static int cpu_table_from_json(const struct jd *t, const struct field *f, size_t n, size_t elem,
			       void **out, size_t *nr, const char *path, struct mds_err *err)
{
	static const char *const keys[] = { "common", "columns", "rows" };
	struct field common[MAX_FIELDS];
	int col[MAX_FIELDS];
	size_t nc = 0, ncommon = 0, len;
	char sub[128], *arr, *proto;
	const struct jd *v, *rows;
	int e;

	if ((e = check_keys(t, keys, NF(keys), path, err)))
		return e;
	v = jd_get(t, "columns");
	snprintf(sub, sizeof(sub), "%s.columns", path);
	if ((e = table_columns(f, n, v, col, &nc, common, &ncommon, sub, err)))
		return e;
	rows = jd_get(t, "rows");
	if (!jd_is(rows, JD_ARRAY))
		return jerr(err, path, "rows: not an array");
	len = rows->n;
	if (len > MDS_SNAP_MAX_CPUS)
		return jerr(err, path, "more than %d rows", MDS_SNAP_MAX_CPUS);
	proto = calloc(1, elem);
	arr = calloc(len ? len : 1, elem);
	if (!proto || !arr) {
		e = -ENOMEM;
		goto out;
	}
	v = jd_get(t, "common");
	snprintf(sub, sizeof(sub), "%s.common", path);
	if ((e = fields_from_json(common, ncommon, proto, v, sub, err)))
		goto out;
	for (size_t r = 0; r < len && !e; r++) {
		const struct jd *row = &rows->u.kids[r];
		char *p = arr + r * elem;

		if (!jd_is(row, JD_ARRAY) || row->n != nc) {
			snprintf(sub, sizeof(sub), "%s.rows[%zu]", path, r);
			e = jerr(err, sub, "not an array of %zu values", nc);
			break;
		}
		memcpy(p, proto, elem);
		for (size_t c = 0; c < nc && !e; c++)
			if (field_from_json(&f[col[c]], p + f[col[c]].off,
					    &row->u.kids[c], "", err)) {
				snprintf(sub, sizeof(sub), "%s.rows[%zu].%s", path, r, f[col[c]].name);
				e = field_from_json(&f[col[c]], p + f[col[c]].off,
						    &row->u.kids[c], sub, err);
			}
		if (!e)
			e = check_ascending(arr, elem, r, path, err);
	}
out:
	free(proto);
	if (e) {
		free(arr);
		return e;
	}
	*out = arr;
	*nr = len;
	return 0;
}

/* A per-CPU array in the form the schema version writes. */
static int per_cpu_from_json(int ver, const struct jd *a, const struct field *f, size_t n,
			     size_t elem, void **out, size_t *nr, const char *path,
			     struct mds_err *err)
{
	return ver == 1 ? cpu_array_from_json(a, f, n, elem, out, nr, path, err)
			: cpu_table_from_json(a, f, n, elem, out, nr, path, err);
}

/* A claim is what the kernel's text says (never what a file claims it says). */
static void claim_from_text(struct mds_kernel *k, enum vuln_id v)
{
	const char *text = NULL;

	memset(&k->claim[v], 0, sizeof(k->claim[v]));
	for (size_t i = 0; i < k->nr_vulns; i++)
		if (!strcmp(k->vulns[i].name, vuln_info[v].sysfs))
			text = k->vulns[i].text;
	if (text)
		parse_vuln_claim(v, text, &k->claim[v], NULL);	/* unknown text: state unknown */
}

static int kernel_from_json(int ver, const struct jd *kj, struct mds_kernel *k, struct mds_err *err)
{
	static const char *const keys[] = { "release", "vulnerabilities", "smt", "cmdline",
					    "cpuinfo", "topology", "mds", "taa", "mmio", "rfds" };
	/* The parsed claims are derived again from the texts below; files of the
	 * first release have only mds and taa. */
	static const bool opt[] = { [6] = true, [7] = true, [8] = true, [9] = true };
	struct mds_kclaim scratch;
	const struct jd *v;
	int e;

	e = check_keys_opt(kj, keys, opt, NF(keys), "kernel", err);
	if (e)
		return e;
	v = jd_get(kj, "release");
	if ((e = get_str(v, k->release, sizeof(k->release), "kernel.release", err)))
		return e;
	v = jd_get(kj, "vulnerabilities");
	if (!jd_is(v, JD_OBJECT))
		return jerr(err, "kernel.vulnerabilities", "not an object");
	if (v->n > MDS_SNAP_MAX_VULNS)
		return jerr(err, "kernel.vulnerabilities", "more than %d files", MDS_SNAP_MAX_VULNS);
	for (size_t m = 0; m < v->n; m++) {
		struct mds_vuln_file *vf = &k->vulns[k->nr_vulns];
		const char *name = v->u.kids[m].key;

		if (strlen(name) >= sizeof(vf->name) || !name[0] ||
		    !text_ok((const unsigned char *)name, strlen(name)))
			return jerr(err, "kernel.vulnerabilities", "a file name is too long, empty or not text");
		if (jd_get(v, name) != &v->u.kids[m])
			return jerr(err, "kernel.vulnerabilities", "file '%s' given twice", name);
		if ((e = get_str(&v->u.kids[m], vf->text, sizeof(vf->text), "kernel.vulnerabilities",
				 err)))
			return e;
		strcpy(vf->name, name);
		k->nr_vulns++;
	}
	for (int i = 0; i < VULN_NR; i++) {
		char path[32];

		snprintf(path, sizeof(path), "kernel.%s", vuln_info[i].key);
		if ((v = jd_get(kj, vuln_info[i].key)) &&
		    (e = fields_from_json(claim_fields, NF(claim_fields), &scratch, v, path, err)))
			return e;
		claim_from_text(k, i);
	}
	v = jd_get(kj, "smt");
	if ((e = fields_from_json(smt_fields, NF(smt_fields), &k->smt, v, "kernel.smt", err)))
		return e;
	v = jd_get(kj, "cmdline");
	cmdline_fields_init();
	if ((e = fields_from_json(cmdline_fields, NR_CMDLINE_FIELDS, &k->cmdline, v,
				  "kernel.cmdline", err)))
		return e;
	if (k->cmdline.present) {	/* the options are what the raw line says */
		struct mds_cmdline c;

		if (parse_cmdline(k->cmdline.raw, &c, NULL))
			return jerr(err, "kernel.cmdline.raw", "not a kernel command line");
		k->cmdline = c;
	}
	v = jd_get(kj, "cpuinfo");
	if ((e = per_cpu_from_json(ver, v, cpuinfo_fields, NF(cpuinfo_fields), sizeof(*k->cpuinfo),
				   (void **)&k->cpuinfo, &k->nr_cpuinfo, "kernel.cpuinfo", err)))
		return e;
	v = jd_get(kj, "topology");
	return per_cpu_from_json(ver, v, topo_fields, NF(topo_fields), sizeof(*k->topo),
				 (void **)&k->topo, &k->nr_topo, "kernel.topology", err);
}

int snapshot_from_json(struct mds_snapshot *s, const struct jd *o, struct mds_err *err)
{
	static const char *const keys[] = { "schema", "hostname", "time_ns", "collected_by",
					    "module", "module_error", "msr_driver", "notes",
					    "cpus", "kernel", "host", "imported_from" };
	/* "host" and "imported_from" came after the first release. */
	static const bool opt[NF(keys)] = { [10] = true, [11] = true };
	const struct jd *v;
	long long n;
	int e, src, ver;

	if (!jd_is(o, JD_OBJECT))
		return jerr(err, "snapshot", "top level is not a JSON object");
	if (!(v = jd_get(o, "schema")) || !jd_is(v, JD_STRING))
		return jerr(err, "snapshot", "no \"schema\": not an mdscope snapshot");
	if (!strcmp(v->u.s, MDS_SNAPSHOT_SCHEMA_V1))
		ver = 1;
	else if (!strcmp(v->u.s, MDS_SNAPSHOT_SCHEMA))
		ver = 2;
	else
		return jerr(err, "schema", "'%.60s' is not %s or %s",
			    ascii_text(v->u.s) ? v->u.s : "?",
			    MDS_SNAPSHOT_SCHEMA, MDS_SNAPSHOT_SCHEMA_V1);
	if ((e = check_keys_opt(o, keys, opt, NF(keys), "snapshot", err)))
		return e;
	v = jd_get(o, "hostname");
	if ((e = get_str(v, s->hostname, sizeof(s->hostname), "hostname", err)))
		return e;
	v = jd_get(o, "time_ns");
	if ((e = get_int(v, 0, INT64_MAX, &n, "time_ns", err)))
		return e;
	s->time_ns = n;
	v = jd_get(o, "collected_by");
	src = jd_is(v, JD_STRING) ? mds_source_from_name(v->u.s) : -1;
	if (src != MDS_SRC_MODULE && src != MDS_SRC_FALLBACK && src != MDS_SRC_IMPORT)
		return jerr(err, "collected_by", "must be \"module\", \"fallback\" or \"import\"");
	s->collected_by = src;
	if ((v = jd_get(o, "host")) &&
	    (e = fields_from_json(ident_fields, NF(ident_fields), &s->ident, v, "host", err)))
		return e;
	if (!!(v = jd_get(o, "imported_from")) != (src == MDS_SRC_IMPORT))
		return jerr(err, "imported_from", "present exactly when collected_by is \"import\"");
	if (v && (e = fields_from_json(origin_fields, NF(origin_fields), &s->origin, v,
				       "imported_from", err)))
		return e;
	s->source = MDS_SRC_SNAPSHOT;
	v = jd_get(o, "module");
	if (jd_is(v, JD_NULL))	/* written as null when there was no module */
		v = NULL;
	s->have_module = v != NULL;
	if (v && (e = fields_from_json(info_fields, NF(info_fields), &s->module, v, "module", err)))
		return e;
	v = jd_get(o, "module_error");
	if ((e = get_str(v, s->module_error, sizeof(s->module_error), "module_error", err)))
		return e;
	v = jd_get(o, "msr_driver");
	if (!jd_is(v, JD_BOOL))
		return jerr(err, "msr_driver", "not a boolean");
	s->msr_driver = v->u.b;
	v = jd_get(o, "notes");
	if (!jd_is(v, JD_ARRAY) || v->n > MDS_SNAP_MAX_NOTES)
		return jerr(err, "notes", "not an array of at most %d strings", MDS_SNAP_MAX_NOTES);
	for (size_t i = 0; i < v->n; i++) {
		if ((e = get_str(&v->u.kids[i], s->notes[s->nr_notes],
				 sizeof(s->notes[0]), "notes", err)))
			return e;
		s->nr_notes++;
	}
	v = jd_get(o, "cpus");
	if ((e = per_cpu_from_json(ver, v, cpu_fields, NF(cpu_fields), sizeof(*s->cpus),
				   (void **)&s->cpus, &s->nr_cpus, "cpus", err)))
		return e;
	if (!s->nr_cpus)
		return jerr(err, "cpus", "empty: a snapshot holds at least one CPU");
	v = jd_get(o, "kernel");
	return kernel_from_json(ver, v, &s->kernel, err);
}
