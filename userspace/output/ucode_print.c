// SPDX-License-Identifier: GPL-2.0
/*
 * The microcode inventory printed (ucode_print.h). JSON, schema
 * "mdscope-microcode/1" (mdscope.8 documents it): the sources read, then
 * per socket its status and groups of identical CPUs with their facts,
 * verdict and evidence; revisions are hex strings, unknown is null. The
 * text form is one libsmartcols table plus the evidence, and not stable.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>
#include <libsmartcols.h>

#include "out.h"
#include "ucode_print.h"

/* BCD 0xMMDDYYYY as "YYYY-MM-DD"; "" when not a date. */
static const char *bcd_date(uint32_t d, char *b, size_t len)
{
	snprintf(b, len, "%04x-%02x-%02x", d & 0xffff, d >> 24, (d >> 16) & 0xff);
	for (const char *p = b; *p; p++)
		if (*p != '-' && (*p < '0' || *p > '9'))
			return b[0] = '\0', b;
	return b;
}

static struct json_object *jrev_dated(bool have, uint32_t rev, uint32_t date, const char *file,
				      enum ucode_vendor v)
{
	struct json_object *o;
	char b[16];

	if (!have)
		return NULL;
	o = json_object_new_object();
	out_add(o, "revision", out_hex(rev));
	if (v == UCODE_VENDOR_INTEL && bcd_date(date, b, sizeof(b))[0])
		out_add(o, "date", json_object_new_string(b));
	else
		out_add(o, "date", NULL);
	if (file)
		out_add(o, "file", json_object_new_string(file));
	return o;
}

static struct json_object *jrow(const struct ucode_row *r)
{
	struct json_object *o;

	if (!r)
		return NULL;
	o = json_object_new_object();
	out_add(o, "revision", out_hex(r->rev));
	out_add(o, "release", json_object_new_int64(r->release));
	out_add(o, "codename", json_object_new_string(r->codename));
	return o;
}

static struct json_object *jgroup(const struct ucode_group *g)
{
	const struct ucode_facts *f = &g->facts;
	struct json_object *o = json_object_new_object(), *ev = json_object_new_array();

	out_add(o, "cpus", json_object_new_string(g->cpus));
	out_add(o, "vendor", json_object_new_string(ucode_vendor_name(f->vendor)));
	out_add(o, "signature", f->have_sig ? out_hex(f->sig) : NULL);
	out_add(o, "platform_id",
			       f->platform_id >= 0 ? json_object_new_int(f->platform_id) : NULL);
	out_add(o, "revision", f->have_rev ? out_hex(f->rev) : NULL);
	out_add(o, "revision_msr", g->have_msr ? out_hex(g->msr_rev) : NULL);
	out_add(o, "revision_cached", g->have_cached ? out_hex(g->cached_rev) : NULL);
	out_add(o, "disk_state", json_object_new_string(
		f->disk == UCODE_FACT_FOUND ? "found" : f->disk == UCODE_FACT_NONE ? "none" : "unknown"));
	out_add(o, "disk", jrev_dated(f->disk == UCODE_FACT_FOUND, f->disk_rev,
						     g->disk_date, g->disk_file, f->vendor));
	out_add(o, "initramfs_state", json_object_new_string(
		f->initramfs == UCODE_FACT_FOUND ? "found" :
		f->initramfs == UCODE_FACT_NONE ? "none" : "unknown"));
	out_add(o, "initramfs", jrev_dated(f->initramfs == UCODE_FACT_FOUND,
							  f->initramfs_rev, g->initramfs_date,
							  NULL, f->vendor));
	out_add(o, "mds_fix", jrow(g->v.known.mds));
	out_add(o, "latest_known", jrow(g->v.known.latest));
	out_add(o, "pre_mds", json_object_new_boolean(g->v.pre_mds));
	out_add(o, "status", json_object_new_string(ucode_status_name(g->v.status)));
	out_add(o, "exit_code", json_object_new_int(g->v.exit_code));
	for (size_t i = 0; i < g->v.nr_evidence; i++)
		json_object_array_add(ev, json_object_new_string(g->v.evidence[i]));
	out_add(o, "evidence", ev);
	return o;
}

struct json_object *ucode_inv_json(const struct ucode_inv *inv)
{
	struct json_object *o = json_object_new_object(), *socks, *bad, *ird;

	if (!o)
		return NULL;
	out_add(o, "firmware_dir", json_object_new_string(inv->fwdir));
	out_add(o, "files", json_object_new_int64(inv->files));
	ird = json_object_new_object();
	out_add(ird, "path", out_str_or_null(inv->initramfs));
	out_add(ird, "state", json_object_new_string(inv->initramfs_state));
	out_add(ird, "error", out_str_or_null(inv->initramfs_why));
	out_add(o, "initramfs", ird);
	bad = json_object_new_array();
	for (size_t i = 0; i < inv->nr_bad; i++) {
		struct json_object *b = json_object_new_object();

		out_add(b, "file", json_object_new_string(inv->bad[i].path));
		out_add(b, "error", json_object_new_string(inv->bad[i].why));
		json_object_array_add(bad, b);
	}
	out_add(o, "broken_files", bad);
	socks = json_object_new_array();
	for (size_t i = 0; i < inv->nr_sockets; i++) {
		const struct ucode_socket *s = &inv->sockets[i];
		struct json_object *so = json_object_new_object(), *gr = json_object_new_array();

		out_add(so, "socket", s->socket >= 0 ?
				       json_object_new_int(s->socket) : NULL);
		out_add(so, "status", json_object_new_string(ucode_status_name(s->status)));
		out_add(so, "exit_code", json_object_new_int(s->exit_code));
		for (size_t j = 0; j < s->nr; j++)
			json_object_array_add(gr, jgroup(&inv->groups[s->first + j]));
		out_add(so, "groups", gr);
		json_object_array_add(socks, so);
	}
	out_add(o, "sockets", socks);
	out_add(o, "status", json_object_new_string(ucode_status_name(inv->status)));
	out_add(o, "exit_code", json_object_new_int(inv->exit_code));
	return o;
}

int ucode_print_json(FILE *f, const struct ucode_inv *inv)
{
	struct json_object *o = ucode_inv_json(inv), *top = json_object_new_object();

	if (!o || !top) {
		json_object_put(o);
		json_object_put(top);
		return -ENOMEM;
	}
	/* the schema first, then the inventory's keys */
	out_add(top, "schema", out_str(UCODE_SCHEMA));
	json_object_object_foreach(o, key, val)
		out_add(top, key, json_object_get(val));
	json_object_put(o);
	return out_json_print(f, top);
}

enum { COL_SOCKET, COL_CPUS, COL_SIG, COL_PF, COL_LOADED, COL_DISK, COL_IRD, COL_MDS,
       COL_STATUS, NR_COLS };

static const char *const col_names[NR_COLS] = {
	[COL_SOCKET] = "SOCKET", [COL_CPUS] = "CPUS", [COL_SIG] = "SIGNATURE",
	[COL_PF] = "PF", [COL_LOADED] = "LOADED", [COL_DISK] = "ON-DISK",
	[COL_IRD] = "INITRAMFS", [COL_MDS] = "MDS-FIX", [COL_STATUS] = "STATUS",
};

static void cell(struct libscols_line *ln, int col, bool have, const char *fmt, uint32_t v)
{
	char b[32];

	if (have)
		snprintf(b, sizeof(b), fmt, v);
	else
		snprintf(b, sizeof(b), "-");
	scols_line_set_data(ln, col, b);
}

static void group_line(struct libscols_table *tb, const struct ucode_group *g)
{
	const struct ucode_facts *f = &g->facts;
	struct libscols_line *ln = scols_table_new_line(tb, NULL);

	if (!ln)
		return;
	cell(ln, COL_SOCKET, g->socket >= 0, "%u", (uint32_t)g->socket);
	scols_line_set_data(ln, COL_CPUS, g->cpus);
	cell(ln, COL_SIG, f->have_sig, "0x%x", f->sig);
	cell(ln, COL_PF, f->platform_id >= 0, "%u", (uint32_t)f->platform_id);
	cell(ln, COL_LOADED, f->have_rev, "0x%x", f->rev);
	if (f->disk == UCODE_FACT_UNKNOWN)
		scols_line_set_data(ln, COL_DISK, "?");
	else
		cell(ln, COL_DISK, f->disk == UCODE_FACT_FOUND, "0x%x", f->disk_rev);
	if (f->initramfs == UCODE_FACT_UNKNOWN)
		scols_line_set_data(ln, COL_IRD, "?");
	else
		cell(ln, COL_IRD, f->initramfs == UCODE_FACT_FOUND, "0x%x", f->initramfs_rev);
	cell(ln, COL_MDS, g->v.known.mds != NULL, "0x%x", g->v.known.mds ? g->v.known.mds->rev : 0);
	scols_line_set_data(ln, COL_STATUS, ucode_status_name(g->v.status));
}

int ucode_print_text(FILE *f, const struct ucode_inv *inv)
{
	struct libscols_table *tb = scols_new_table();
	char d[16];
	int r = 0;

	if (!tb)
		return -ENOMEM;
	scols_table_set_stream(tb, f);
	for (int i = 0; i < NR_COLS; i++)
		if (!scols_table_new_column(tb, col_names[i], 0, 0))
			r = -ENOMEM;
	for (size_t i = 0; i < inv->nr_groups && !r; i++)
		group_line(tb, &inv->groups[i]);
	fprintf(f, "Firmware: %s (%u files)\n", inv->fwdir, inv->files);
	fprintf(f, "Initramfs: %s (%s%s%s)\n\n", inv->initramfs[0] ? inv->initramfs : "-",
		inv->initramfs_state, inv->initramfs_why[0] ? ": " : "", inv->initramfs_why);
	if (!r && scols_print_table(tb))
		r = -EIO;
	scols_unref_table(tb);
	for (size_t i = 0; i < inv->nr_groups && !r; i++) {
		const struct ucode_group *g = &inv->groups[i];

		fprintf(f, "\n%s %s: %s\n", strpbrk(g->cpus, ",-") ? "CPUs" : "CPU", g->cpus,
			ucode_status_name(g->v.status));
		if (g->facts.disk == UCODE_FACT_FOUND)
			fprintf(f, "  newest on disk: %s, 0x%x%s%s\n", g->disk_file, g->facts.disk_rev,
				bcd_date(g->disk_date, d, sizeof(d))[0] ? ", " : "", d);
		if (g->have_msr && g->have_cached && g->msr_rev != g->cached_rev)
			fprintf(f, "  MSR says 0x%x, the kernel's cached revision 0x%x\n",
				g->msr_rev, g->cached_rev);
		for (size_t j = 0; j < g->v.nr_evidence; j++)
			fprintf(f, "  %s\n", g->v.evidence[j]);
	}
	for (size_t i = 0; i < inv->nr_bad; i++)
		fprintf(f, "%sbroken, not trusted: %s: %s\n", i ? "" : "\n", inv->bad[i].path,
			inv->bad[i].why);
	return r;
}
