// SPDX-License-Identifier: GPL-2.0
/*
 * snapshot.c + snapshot_json.c: a snapshot collected from a fixture tree
 * (plus hand-set register states) survives save and load unchanged; the
 * file is written atomically; corrupt, truncated, foreign, wrongly typed
 * or out-of-range files are refused with a message naming the place.
 */
#define _GNU_SOURCE	/* asprintf */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sys/stat.h>

#include "collect.h"
#include "../../userspace/snapshot/snapshot.c"

const char *prog = "mdscope";

static struct mds_snapshot snap;
static char dir[64];

static int setup(void **state)
{
	struct mds_collect_opts o = { .sysroot = FIXTURES "/sysroot/skylake-sp-md-clear-smt" };
	struct mds_err err = { "" };

	if (snapshot_collect(&snap, &o, &err)) {
		fprintf(stderr, "collect: %s\n", err.msg);
		return -1;
	}
	/* every register state and a module, so the round trip covers them */
	snap.cpus[0].microcode = (struct mds_reg){ MDSCOPE_REG_STATE_OK, 0x2006906, 0 };
	snap.cpus[0].arch_cap = (struct mds_reg){ MDSCOPE_REG_STATE_FAULT, 0, EIO };
	snap.cpus[1].arch_cap = (struct mds_reg){ MDSCOPE_REG_STATE_OK, 0xffffffffffffffffull, 0 };
	snap.cpus[1].platform_id = (struct mds_reg){ MDSCOPE_REG_STATE_NOT_APPLICABLE, 0, 0 };
	snap.cpus[2].tsx_ctrl = (struct mds_reg){ MDSCOPE_REG_STATE_NOT_ENUMERATED, 0, 0 };
	snap.have_module = true;
	snprintf(snap.module.version, sizeof(snap.module.version), "1.0-test \"quoted\"");
	snap.module.generation = 7;
	snap.module.cpus_possible = snap.module.cpus_online = 4;
	snap.module.read_time_ns = 1795833600000000005ull;
	strcpy(dir, "/tmp/mdscope-test-snap-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[96];

	snapshot_free(&snap);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

static void collected_from_fixture(void **state)
{
	assert_int_equal(snap.nr_cpus, 4);
	assert_string_equal(snap.hostname, "skylake-sp-md-clear-smt");
	assert_int_equal(snap.kernel.claim[VULN_MDS].state, MDS_KSTATE_MITIGATION_VERW);
	assert_int_equal(snap.kernel.claim[VULN_MDS].smt, MDS_KSMT_VULNERABLE);
	assert_int_equal(snap.kernel.nr_cpuinfo, 4);
	assert_int_equal(snap.kernel.nr_topo, 4);
	assert_string_equal(snap.kernel.cmdline.vuln_opt[VULN_MDS], "full");
	assert_string_equal(snapshot_vuln(&snap, "meltdown"), "Mitigation: PTI");
	assert_null(snapshot_vuln(&snap, "nope"));
	assert_int_equal(snapshot_topo(&snap, 2)->nr_siblings, 2);
	assert_null(snapshot_cpuinfo(&snap, 9));
	assert_string_equal(snap.ident.machine_id, "5f0c6d2e8a7b4c1d9e3f20a1b2c3d4e5");
	assert_string_equal(snap.ident.dmi_uuid, "4c4c4544-0042-3510-8052-b4c04f4d3232");
	assert_string_equal(snap.ident.dmi_product, "PowerEdge R740");
}

static void round_trip_string(void **state)
{
	char *a = snapshot_to_string(&snap), *b;
	struct mds_snapshot back;
	struct mds_err err = { "" };

	assert_non_null(a);
	if (snapshot_from_string(&back, a, &err))
		fail_msg("own output refused: %s", err.msg);
	assert_int_equal(back.source, MDS_SRC_SNAPSHOT);
	assert_int_equal(back.collected_by, MDS_SRC_FALLBACK);
	assert_int_equal(back.nr_cpus, snap.nr_cpus);
	/* both sides calloc'd: byte-equal records, incl. every register */
	assert_memory_equal(back.cpus, snap.cpus, snap.nr_cpus * sizeof(*snap.cpus));
	assert_memory_equal(back.kernel.cpuinfo, snap.kernel.cpuinfo,
			    snap.nr_cpus * sizeof(*snap.kernel.cpuinfo));
	assert_memory_equal(&back.kernel.cmdline, &snap.kernel.cmdline, sizeof(snap.kernel.cmdline));
	assert_string_equal(back.module.version, "1.0-test \"quoted\"");
	assert_int_equal(back.module.read_time_ns, 1795833600000000005ull);
	assert_int_equal(back.cpus[1].arch_cap.value, 0xffffffffffffffffull);
	assert_memory_equal(&back.ident, &snap.ident, sizeof(snap.ident));
	b = snapshot_to_string(&back);
	assert_string_equal(a, b);
	free(a);
	free(b);
	snapshot_free(&back);
}

static void round_trip_file(void **state)
{
	struct mds_snapshot back;
	struct mds_err err = { "" };
	char path[128], tmp[140];
	char *a, *b;

	snprintf(path, sizeof(path), "%s/snap.json", dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	assert_int_equal(snapshot_save(&snap, path, &err), 0);
	assert_int_equal(access(tmp, F_OK), -1);	/* renamed away */
	assert_int_equal(snapshot_load(&back, path, &err), 0);
	a = snapshot_to_string(&snap);
	b = snapshot_to_string(&back);
	assert_string_equal(a, b);
	free(a);
	free(b);
	snapshot_free(&back);
	/* a symlink: the file it points to is replaced, the link stays */
	snprintf(tmp, sizeof(tmp), "%s/link.json", dir);
	assert_int_equal(symlink(path, tmp), 0);
	assert_int_equal(snapshot_save(&snap, tmp, &err), 0);
	{
		struct stat st;

		assert_int_equal(lstat(tmp, &st), 0);
		assert_true(S_ISLNK(st.st_mode));
	}
	assert_int_equal(snapshot_load(&back, tmp, &err), 0);
	snapshot_free(&back);
	/* a device is written to, never renamed over */
	assert_int_equal(snapshot_save(&snap, "/dev/null", &err), 0);
	{
		struct stat st;

		assert_int_equal(stat("/dev/null", &st), 0);
		assert_true(S_ISCHR(st.st_mode));
	}
	assert_int_equal(snapshot_save(&snap, "/dev/full", &err), -ENOSPC);
	assert_non_null(strstr(err.msg, "/dev/full"));
	/* a directory that does not exist: error, and nothing written */
	snprintf(path, sizeof(path), "%s/no/such/dir/snap.json", dir);
	assert_int_equal(snapshot_save(&snap, path, &err), -ENOENT);
	assert_non_null(strstr(err.msg, "snap.json.tmp"));
}

/* Write text as a file and load it: must fail with needle in the message. */
static void refused(const char *text, size_t len, const char *needle)
{
	struct mds_snapshot back;
	struct mds_err err = { "" };
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/bad.json", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	if (snapshot_load(&back, path, &err) == 0)
		fail_msg("accepted a file needing '%s'", needle);
	assert_int_equal(back.nr_cpus, 0);
	assert_null(back.cpus);
	if (!strstr(err.msg, needle))
		fail_msg("message '%s' lacks '%s'", err.msg, needle);
	assert_non_null(strstr(err.msg, "bad.json"));
	assert_null(strchr(err.msg, '\n'));
}

/* A per-CPU table (schema 2) as the array of objects schema 1 has. */
static json_object *table_to_array(json_object *t)
{
	json_object *common, *cols, *rows, *a = json_object_new_array();

	assert_true(json_object_object_get_ex(t, "common", &common));
	assert_true(json_object_object_get_ex(t, "columns", &cols));
	assert_true(json_object_object_get_ex(t, "rows", &rows));
	for (size_t r = 0; r < json_object_array_length(rows); r++) {
		json_object *row = json_object_array_get_idx(rows, r), *o = NULL;

		assert_int_equal(json_object_deep_copy(common, &o, NULL), 0);
		for (size_t c = 0; c < json_object_array_length(cols); c++)
			json_object_object_add(o, json_object_get_string(
						       json_object_array_get_idx(cols, c)),
					       json_object_get(json_object_array_get_idx(row, c)));
		json_object_array_add(a, o);
	}
	return a;
}

/* The document as the first release's schema writes it. */
static void to_v1(json_object *o)
{
	json_object *t, *k;

	json_object_object_add(o, "schema", json_object_new_string("mdscope-snapshot/1"));
	json_object_object_get_ex(o, "cpus", &t);
	json_object_object_add(o, "cpus", table_to_array(t));
	json_object_object_get_ex(o, "kernel", &k);
	json_object_object_get_ex(k, "cpuinfo", &t);
	json_object_object_add(k, "cpuinfo", table_to_array(t));
	json_object_object_get_ex(k, "topology", &t);
	json_object_object_add(k, "topology", table_to_array(t));
}

/* The valid document with one edit made through json-c (v1: as schema 1). */
typedef void (*edit_fn)(json_object *o);

static void refused_edit_v(edit_fn edit, const char *needle, bool v1)
{
	char *text = snapshot_to_string(&snap);
	json_object *o = json_tokener_parse(text);
	const char *s;

	free(text);
	assert_non_null(o);
	if (v1)
		to_v1(o);
	edit(o);
	s = json_object_to_json_string(o);
	refused(s, strlen(s), needle);
	json_object_put(o);
}

static void refused_edit(edit_fn edit, const char *needle)
{
	refused_edit_v(edit, needle, true);
}

static void refused_edit2(edit_fn edit, const char *needle)
{
	refused_edit_v(edit, needle, false);
}

static json_object *cpu0(json_object *o)
{
	json_object *a;

	json_object_object_get_ex(o, "cpus", &a);
	return json_object_array_get_idx(a, 0);
}

static void e_schema(json_object *o)
{
	json_object_object_add(o, "schema", json_object_new_string("mdscope-snapshot/3"));
}
static void e_no_schema(json_object *o) { json_object_object_del(o, "schema"); }
static void e_cpu_string(json_object *o)
{
	json_object_object_add(cpu0(o), "cpu", json_object_new_string("0"));
}
static void e_cpu_range(json_object *o)
{
	json_object_object_add(cpu0(o), "cpu", json_object_new_int(99999));
}
static void e_unknown_key(json_object *o)
{
	json_object_object_add(o, "extra", json_object_new_int(1));
}
static void e_missing_key(json_object *o) { json_object_object_del(cpu0(o), "vendor"); }
static void e_bad_hex(json_object *o)
{
	json_object_object_add(cpu0(o), "signature", json_object_new_string("50657"));
}
static void e_hex_range(json_object *o)
{
	json_object_object_add(cpu0(o), "signature", json_object_new_string("0x100000000"));
}
static void e_bool_type(json_object *o)
{
	json_object_object_add(cpu0(o), "online", json_object_new_int(1));
}
static void e_reg_state(json_object *o)
{
	json_object *r;

	json_object_object_get_ex(cpu0(o), "arch_capabilities", &r);
	json_object_object_add(r, "state", json_object_new_string("maybe"));
}
static void e_enum(json_object *o)
{
	json_object *k, *m;

	json_object_object_get_ex(o, "kernel", &k);
	json_object_object_get_ex(k, "mds", &m);
	json_object_object_add(m, "state", json_object_new_string("probably_fine"));
}
static void e_unsorted(json_object *o)
{
	json_object *a;

	json_object_object_get_ex(o, "cpus", &a);
	json_object_array_add(a, json_object_get(json_object_array_get_idx(a, 0)));
}
static void e_no_cpus(json_object *o)
{
	json_object_object_add(o, "cpus", json_object_new_array());
}
static void e_cpus_object(json_object *o)
{
	json_object_object_add(o, "cpus", json_object_new_object());
}
static void e_long_string(json_object *o)
{
	char big[300];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	json_object_object_add(o, "hostname", json_object_new_string(big));
}
static void e_vendor_long(json_object *o)
{
	json_object_object_add(cpu0(o), "vendor", json_object_new_string("GenuineIntelX"));
}
static void e_collected_by(json_object *o)
{
	json_object_object_add(o, "collected_by", json_object_new_string("snapshot"));
}
static void e_topo_online(json_object *o)
{
	json_object *k, *t;

	json_object_object_get_ex(o, "kernel", &k);
	json_object_object_get_ex(k, "topology", &t);
	json_object_object_add(json_object_array_get_idx(t, 0), "online", json_object_new_int(2));
}
static void e_negative_time(json_object *o)
{
	json_object_object_add(o, "time_ns", json_object_new_int(-5));
}
static void e_double(json_object *o)
{
	json_object_object_add(cpu0(o), "package", json_object_new_double(0.5));
}

static void e_host_key(json_object *o)
{
	json_object *h;

	json_object_object_get_ex(o, "host", &h);
	json_object_object_add(h, "serial", json_object_new_string("x"));
}
static void e_origin_without_import(json_object *o)
{
	json_object *f = json_object_new_object();

	json_object_object_add(f, "format", json_object_new_string("cpuid-raw"));
	json_object_object_add(f, "file", json_object_new_string("x"));
	json_object_object_add(o, "imported_from", f);
}
static void e_import_without_origin(json_object *o)
{
	json_object_object_add(o, "collected_by", json_object_new_string("import"));
}

/* schema 2's tables: the cpus table's parts, and the column of a field */
static json_object *cpus_part(json_object *o, const char *part)
{
	json_object *t, *p;

	json_object_object_get_ex(o, "cpus", &t);
	json_object_object_get_ex(t, part, &p);
	return p;
}
static json_object *first_row(json_object *o)
{
	return json_object_array_get_idx(cpus_part(o, "rows"), 0);
}
static void e2_cpu_string(json_object *o)
{
	json_object_array_put_idx(first_row(o), 0, json_object_new_string("0"));
}
static void e2_repeated_column(json_object *o)
{
	json_object_array_add(cpus_part(o, "columns"), json_object_new_string("cpu"));
}
static void e2_unknown_column(json_object *o)
{
	json_object_array_add(cpus_part(o, "columns"), json_object_new_string("serial"));
}
static void e2_common_and_column(json_object *o)
{	/* "cpu" in both places */
	json_object_object_add(cpus_part(o, "common"), "cpu", json_object_new_int(0));
}
static void e2_in_neither(json_object *o) { json_object_object_del(cpus_part(o, "common"), "vendor"); }
static void e2_short_row(json_object *o)
{
	json_object_array_del_idx(first_row(o), 0, 1);
}
static void e2_unsorted(json_object *o)
{
	json_object *rows = cpus_part(o, "rows");

	json_object_array_add(rows, json_object_get(json_object_array_get_idx(rows, 0)));
}
static void e2_array_form(json_object *o)
{	/* schema 2 with schema 1's arrays of objects */
	json_object *a = json_object_new_array();

	json_object_array_add(a, json_object_new_object());
	json_object_object_add(o, "cpus", a);
}
static void e2_extra_part(json_object *o)
{
	json_object *t;

	json_object_object_get_ex(o, "cpus", &t);
	json_object_object_add(t, "defaults", json_object_new_object());
}
static void e2_topo_online(json_object *o)
{	/* a common value out of range names the table's common part */
	json_object *k, *t, *c;

	json_object_object_get_ex(o, "kernel", &k);
	json_object_object_get_ex(k, "topology", &t);
	json_object_object_get_ex(t, "common", &c);
	json_object_object_add(c, "online", json_object_new_int(2));
}

/* The valid text with `add` inserted right after `after`. */
static void refused_insert(const char *after, const char *add, const char *needle)
{
	char *text = snapshot_to_string(&snap), *at = strstr(text, after), *t;

	assert_non_null(at);
	at += strlen(after);
	assert_true(asprintf(&t, "%.*s%s%s", (int)(at - text), text, add, at) > 0);
	refused(t, strlen(t), needle);
	free(t);
	free(text);
}

/* A key given twice is refused, never resolved silently either way. */
static void refuses_repeated_keys(void **state)
{
	refused_insert("{", "\"hostname\":\"x\",", "snapshot: key 'hostname' given twice");
	refused_insert("\"vulnerabilities\":{", "\"mds\":\"Not affected\",",
		       "kernel.vulnerabilities: file 'mds' given twice");
	refused_insert("\"common\":{", "\"vendor\":\"AuthenticAMD\",",
		       "cpus.common: key 'vendor' given twice");
	refused_insert("\"state\":", "\"ok\",\"state\":", "given twice");
}

static void refuses_wrong_tables(void **state)
{
	refused_edit2(e2_cpu_string, "cpus.rows[0].cpu: not an integer");
	refused_edit2(e2_repeated_column, "cpus.columns: column");
	refused_edit2(e2_unknown_column, "is not a field name");
	refused_edit2(e2_common_and_column, "cpus.common: unexpected key 'cpu'");
	refused_edit2(e2_in_neither, "cpus.common: missing key 'vendor'");
	refused_edit2(e2_short_row, "cpus.rows[0]: not an array of");
	refused_edit2(e2_unsorted, "must ascend");
	refused_edit2(e2_array_form, "cpus: not an object");
	refused_edit2(e2_extra_part, "cpus: unexpected key 'defaults'");
	refused_edit2(e2_topo_online, "kernel.topology.common.online: out of range");
}

/* Schema 2 writes each per-CPU array as a table whose columns are the
 * fields that differ; a schema 1 document of the same snapshot loads equal. */
static void tables_hold_what_differs(void **state)
{
	char *text = snapshot_to_string(&snap), *again;
	json_object *o = json_tokener_parse(text), *cols, *common;
	struct mds_snapshot back;
	struct mds_err err = { "" };
	const char *v1;

	assert_non_null(o);
	assert_non_null(strstr(text, "\"schema\":\"mdscope-snapshot/2\""));
	cols = cpus_part(o, "columns");
	common = cpus_part(o, "common");
	assert_string_equal(json_object_get_string(json_object_array_get_idx(cols, 0)), "cpu");
	assert_true(json_object_object_get_ex(common, "vendor", NULL));	/* the same on all */
	assert_false(json_object_object_get_ex(common, "cpu", NULL));
	assert_false(json_object_object_get_ex(common, "arch_capabilities", NULL)); /* differs */
	to_v1(o);
	v1 = json_object_to_json_string(o);
	if (snapshot_from_string(&back, v1, &err))
		fail_msg("schema 1 form refused: %s", err.msg);
	again = snapshot_to_string(&back);
	assert_string_equal(again, text);
	free(again);
	free(text);
	snapshot_free(&back);
	json_object_put(o);
}

static void refuses_wrong_content(void **state)
{
	refused_edit(e_schema, "'mdscope-snapshot/3' is not mdscope-snapshot/2 or mdscope-snapshot/1");
	refused_edit(e_no_schema, "not an mdscope snapshot");
	refused_edit(e_cpu_string, "cpus[0].cpu: not an integer");
	refused_edit(e_cpu_range, "cpus[0].cpu: out of range");
	refused_edit(e_unknown_key, "unexpected key 'extra'");
	refused_edit(e_missing_key, "missing key 'vendor'");
	refused_edit(e_bad_hex, "cpus[0].signature: not a hex string");
	refused_edit(e_hex_range, "cpus[0].signature: hex value out of range");
	refused_edit(e_bool_type, "cpus[0].online: not a boolean");
	refused_edit(e_reg_state, "bad register state");
	refused_edit(e_enum, "kernel.mds.state: not one of the known names");
	refused_edit(e_unsorted, "must ascend");
	refused_edit(e_no_cpus, "at least one CPU");
	refused_edit(e_cpus_object, "cpus: not an array");
	refused_edit(e_long_string, "hostname");
	refused_edit(e_vendor_long, "cpus[0].vendor: string too long");
	refused_edit(e_collected_by, "collected_by");
	refused_edit(e_topo_online, "kernel.topology[0].online: out of range");
	refused_edit(e_negative_time, "time_ns: out of range");
	refused_edit(e_double, "cpus[0].package: not an integer");
	refused_edit(e_host_key, "host: unexpected key 'serial'");
	refused_edit(e_origin_without_import, "imported_from: present exactly when");
	refused_edit(e_import_without_origin, "imported_from: present exactly when");
}

/* An imported snapshot says so and names its dump; the keys survive a round trip. */
static void imported_round_trip(void **state)
{
	struct mds_snapshot back;
	struct mds_err err = { "" };
	char *a, *b;

	snap.collected_by = MDS_SRC_IMPORT;
	strcpy(snap.origin.format, "cpuid-raw");
	strcpy(snap.origin.file, "/srv/dumps/host7.txt");
	a = snapshot_to_string(&snap);
	assert_non_null(strstr(a, "\"collected_by\":\"import\""));
	if (snapshot_from_string(&back, a, &err))
		fail_msg("own output refused: %s", err.msg);
	assert_int_equal(back.collected_by, MDS_SRC_IMPORT);
	assert_string_equal(back.origin.format, "cpuid-raw");
	assert_string_equal(back.origin.file, "/srv/dumps/host7.txt");
	b = snapshot_to_string(&back);
	assert_string_equal(a, b);
	free(a);
	free(b);
	snapshot_free(&back);
	snap.collected_by = MDS_SRC_FALLBACK;
	memset(&snap.origin, 0, sizeof(snap.origin));
}

static void refuses_broken_files(void **state)
{
	char *text = snapshot_to_string(&snap);
	size_t len = strlen(text);
	struct mds_snapshot back;
	struct mds_err err;

	refused(text, len / 2, "truncated");
	refused(text, len - 1, "truncated");
	refused("", 0, "truncated");
	refused("[1,2,3]", 7, "top level is not a JSON object");
	refused("{\"schema\":\"mdscope-snapshot/1\"} {}", 34, "not valid JSON at byte 33: trailing garbage");
	refused("{\"schema\": 5}", 13, "not an mdscope snapshot");
	refused("{\"schema\":\"mdscope-snapshot/1\",}", 32, "not valid JSON");
	refused("\x7f" "ELF\x02\x01\x01\0\0\0", 10, "binary data");
	refused("{\"schema\":\"\xff\xfe\"}", 15, "not valid JSON");
	refused("{\"schema\":\"mdscope-snapshot/1\"}", 31, "missing key");
	/* a report is not a snapshot */
	refused("{\"schema\":\"mdscope-report/1\",\"cpus\":[]}", 39, "is not mdscope-snapshot/2");
	free(text);
	assert_int_equal(snapshot_load(&back, "/nonexistent/snap.json", &err), -ENOENT);
	assert_non_null(strstr(err.msg, "No such file"));
	assert_int_equal(snapshot_load(&back, "/", &err), -EISDIR);
}

/*
 * A snapshot the first release wrote (kernel.mds/taa only, no mmio/rfds keys,
 * no newer cmdline options) still loads; every claim is parsed again from
 * the kernel's texts, which win over a parsed value a file carries.
 */
static void first_release_files_load(void **state)
{
	const char *path = FIXTURES "/snapshots/first-release-skx-2s.json";
	struct mds_err err = { "" };
	json_object *o, *k, *v, *m;
	char *text;

	snapshot_free(&snap);	/* the one setup() collected */
	assert_int_equal(snapshot_load(&snap, path, &err), 0);
	assert_int_equal(snap.nr_cpus, 8);
	assert_int_equal(snap.kernel.claim[VULN_MDS].state, MDS_KSTATE_MITIGATION_VERW);
	assert_int_equal(snap.kernel.claim[VULN_MDS].smt, MDS_KSMT_VULNERABLE);
	assert_false(snap.kernel.claim[VULN_MMIO].present);
	assert_false(snap.kernel.claim[VULN_RFDS].present);
	assert_string_equal(snap.ident.machine_id, "");	/* no "host" key: unknown */
	assert_string_equal(snap.origin.format, "");

	/* the same file with an mmio_stale_data text and a lying parsed mds claim */
	o = json_object_from_file(path);
	assert_non_null(o);
	json_object_object_get_ex(o, "kernel", &k);
	json_object_object_get_ex(k, "vulnerabilities", &v);
	json_object_object_add(v, "mmio_stale_data",
			       json_object_new_string("Vulnerable: Clear CPU buffers attempted, no microcode; SMT vulnerable"));
	json_object_object_get_ex(k, "mds", &m);
	json_object_object_add(m, "state", json_object_new_string("not_affected"));
	text = strdup(json_object_to_json_string(o));
	json_object_put(o);
	snapshot_free(&snap);
	assert_int_equal(snapshot_from_string(&snap, text, &err), 0);
	free(text);
	assert_int_equal(snap.kernel.claim[VULN_MDS].state, MDS_KSTATE_MITIGATION_VERW);
	assert_true(snap.kernel.claim[VULN_MMIO].present);
	assert_int_equal(snap.kernel.claim[VULN_MMIO].state, MDS_KSTATE_VULNERABLE_NO_UCODE);
	snapshot_free(&snap);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(collected_from_fixture),
		cmocka_unit_test(round_trip_string),
		cmocka_unit_test(round_trip_file),
		cmocka_unit_test(refuses_wrong_content),
		cmocka_unit_test(refuses_wrong_tables),
		cmocka_unit_test(refuses_repeated_keys),
		cmocka_unit_test(tables_hold_what_differs),
		cmocka_unit_test(refuses_broken_files),
		cmocka_unit_test(imported_round_trip),
		cmocka_unit_test(first_release_files_load),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
