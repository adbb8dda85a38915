// SPDX-License-Identifier: GPL-2.0
/*
 * The fleet view printed: an inventory table, the exposure counts per
 * vulnerability, the outliers by kind (each naming host and file), and the
 * files that could not be read. The JSON (schema mdscope-fleet/1) holds the
 * same, plus one entry per host; the text may change, scripts use --json.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "fleet_print.h"
#include "out.h"
#include "record.h"
#include "vuln.h"

static const char *name_of(const struct fleet_host *h)
{
	return h->hostname[0] ? h->hostname : "(unknown host)";
}

static char *pid_str(int pid, char *buf, size_t len)
{
	if (pid < 0)
		snprintf(buf, len, "unknown");
	else
		snprintf(buf, len, "%d", pid);
	return buf;
}

static char *ucode_str(bool have, uint32_t rev, char *buf, size_t len)
{
	return have ? out_hexstr(rev, buf, len) : strcpy(buf, "unknown");
}

/* ---- text --------------------------------------------------------------- */

static void text_outlier(FILE *o, const struct fleet *f, const struct fleet_outlier *x)
{
	const struct fleet_host *h = &f->hosts[x->host];
	char a[24], b[24], t[40];

	switch (x->kind) {
	case FLEET_OLD_MICROCODE:
		fprintf(o, "  %-24s microcode %s on %05x platform %s, newest seen %s (%s)\n",
			name_of(h), ucode_str(true, h->sock[x->sock].microcode, a, sizeof(a)),
			h->sock[x->sock].signature, pid_str(h->sock[x->sock].platform_id, t, sizeof(t)),
			out_hexstr(x->newest, b, sizeof(b)), h->file);
		break;
	case FLEET_MIXED_SOCKETS:
		fprintf(o, "  %-24s its sockets differ:%s%s (%s)\n", name_of(h),
			h->mixed_signature ? " stepping/signature" : "",
			h->mixed_microcode ? " microcode" : "", h->file);
		break;
	case FLEET_CLAIMS:
		fprintf(o, "  %-24s kernel claims differ from the hardware:", name_of(h));
		for (size_t i = 0; i < h->nr_claims; i++)
			fprintf(o, " %s", cls_code_name(h->claims[i]));
		fprintf(o, " (%s)\n", h->file);
		break;
	case FLEET_STALE:
		fprintf(o, "  %-24s snapshot taken %s, older than --max-age (%s)\n", name_of(h),
			out_time(h->time_ns, "unknown", t, sizeof(t)), h->file);
		break;
	case FLEET_DUPLICATE:
		fprintf(o, "  %-24s seen twice (same %s): %s and %s\n", name_of(h),
			x->by_machine_id ? "machine-id" : "hostname", f->hosts[x->dup_of].file,
			h->file);
		break;
	default:
		break;
	}
}

static const char *const kind_title[FLEET_KIND_NR] = {
	[FLEET_OLD_MICROCODE] = "Microcode older than the newest seen for the same CPU and platform",
	[FLEET_MIXED_SOCKETS] = "Hosts whose own sockets differ",
	[FLEET_CLAIMS] = "Hosts whose kernel claims disagree with their hardware",
	[FLEET_STALE] = "Snapshots older than --max-age",
	[FLEET_DUPLICATE] = "The same host seen twice",
};

int fleet_print_text(FILE *o, const struct fleet *f)
{
	char a[24], b[24];
	int kind = -1;

	fprintf(o, "Fleet: %zu hosts analyzed, %zu files unreadable\n\n", f->nr_ok, f->nr_errors);
	fprintf(o, "%-13s %-10s %-5s %-6s %-4s %-8s %-11s %6s %7s\n", "vendor", "signature",
		"fam", "model", "step", "platform", "microcode", "hosts", "sockets");
	for (size_t i = 0; i < f->nr_inv; i++) {
		const struct fleet_inv *v = &f->inv[i];

		fprintf(o, "%-13s 0x%-8x %-5u 0x%-4x %-4u %-8s %-11s %6zu %7zu\n", v->vendor,
			v->signature, mds_family(v->signature), mds_model(v->signature),
			mds_stepping(v->signature), pid_str(v->platform_id, a, sizeof(a)),
			ucode_str(v->have_microcode, v->microcode, b, sizeof(b)), v->hosts, v->sockets);
	}
	fprintf(o, "\nExposure (hosts):  %-9s %-9s %-9s %-12s\n", "exposed", "unknown",
		"mitigated", "not_affected");
	for (int v = 0; v < VULN_NR; v++)
		fprintf(o, "  %-16s %-9zu %-9zu %-9zu %-12zu\n", vuln_info[v].key,
			f->exposure[v][CLS_EXP_EXPOSED], f->exposure[v][CLS_EXP_UNKNOWN],
			f->exposure[v][CLS_EXP_MITIGATED], f->exposure[v][CLS_EXP_NOT_AFFECTED]);
	for (size_t i = 0; i < f->nr_out; i++) {
		if ((int)f->out[i].kind != kind) {
			kind = f->out[i].kind;
			fprintf(o, "\n%s:\n", kind_title[kind]);
		}
		text_outlier(o, f, &f->out[i]);
	}
	if (f->nr_errors) {
		fprintf(o, "\nUnreadable (counted as unknown):\n");
		for (size_t i = 0; i < f->nr_hosts; i++)
			if (f->hosts[i].error[0])
				fprintf(o, "  %s: %s\n", f->hosts[i].file, f->hosts[i].error);
	}
	fprintf(o, "\nVerdict: %s\n", cls_status_name(f->status));
	return ferror(o) ? -EIO : 0;
}

/* ---- JSON --------------------------------------------------------------- */

static json_object *json_pid(int pid)
{
	return pid < 0 ? NULL : out_int(pid);
}

static json_object *json_ucode(bool have, uint32_t rev)
{
	return have ? out_hex(rev) : NULL;
}

static json_object *json_outlier(const struct fleet *f, const struct fleet_outlier *x)
{
	const struct fleet_host *h = &f->hosts[x->host];
	json_object *o = json_object_new_object(), *a;

	out_add(o, "host", out_str(h->hostname));
	out_add(o, "file", out_str(h->file));
	switch (x->kind) {
	case FLEET_OLD_MICROCODE:
		out_add(o, "signature", out_hex(h->sock[x->sock].signature));
		out_add(o, "platform_id", json_pid(h->sock[x->sock].platform_id));
		out_add(o, "microcode", out_hex(h->sock[x->sock].microcode));
		out_add(o, "newest", out_hex(x->newest));
		break;
	case FLEET_MIXED_SOCKETS:
		out_add(o, "signature", out_bool(h->mixed_signature));
		out_add(o, "microcode", out_bool(h->mixed_microcode));
		break;
	case FLEET_CLAIMS:
		a = json_object_new_array();
		for (size_t i = 0; i < h->nr_claims; i++)
			json_object_array_add(a, out_str(cls_code_name(h->claims[i])));
		out_add(o, "findings", a);
		break;
	case FLEET_STALE:
		out_add(o, "time_ns", out_int((int64_t)h->time_ns));
		out_add(o, "age_s", out_int((int64_t)((f->now_ns - h->time_ns) / 1000000000ull)));
		break;
	case FLEET_DUPLICATE:
		out_add(o, "by", out_str(x->by_machine_id ? "machine_id" : "hostname"));
		out_add(o, "first_file", out_str(f->hosts[x->dup_of].file));
		break;
	default:
		break;
	}
	return o;
}

static json_object *json_host(const struct fleet_host *h)
{
	json_object *o = json_object_new_object(), *e;

	out_add(o, "file", out_str(h->file));
	if (h->error[0]) {
		out_add(o, "error", out_str(h->error));
		out_add(o, "status", out_str("unknown"));
		return o;
	}
	out_add(o, "host", out_str(h->hostname));
	out_add(o, "machine_id", out_str_or_null(h->machine_id));
	out_add(o, "time_ns", out_int((int64_t)h->time_ns));
	out_add(o, "sockets", out_int((int64_t)h->nr_sock));
	e = json_object_new_object();
	for (int v = 0; v < VULN_NR; v++)
		out_add(e, vuln_info[v].key, out_str(cls_exposure_name(h->exposure[v])));
	out_add(o, "exposure", e);
	out_add(o, "status", out_str(cls_status_name(h->exit_code)));
	return o;
}

int fleet_print_json(FILE *out, const struct fleet *f)
{
	json_object *o = json_object_new_object(), *inv, *exp, *outl, *hosts, *errs;
	int r;

	out_add(o, "schema", out_str(MDS_FLEET_SCHEMA));
	out_add(o, "hosts_analyzed", out_int((int64_t)f->nr_ok));
	out_add(o, "files_unreadable", out_int((int64_t)f->nr_errors));
	inv = json_object_new_array();
	for (size_t i = 0; i < f->nr_inv; i++) {
		const struct fleet_inv *v = &f->inv[i];
		json_object *r = json_object_new_object();

		out_add(r, "vendor", out_str(v->vendor));
		out_add(r, "signature", out_hex(v->signature));
		out_add(r, "family", out_int(mds_family(v->signature)));
		out_add(r, "model", out_int(mds_model(v->signature)));
		out_add(r, "stepping", out_int(mds_stepping(v->signature)));
		out_add(r, "platform_id", json_pid(v->platform_id));
		out_add(r, "microcode", json_ucode(v->have_microcode, v->microcode));
		out_add(r, "hosts", out_int((int64_t)v->hosts));
		out_add(r, "sockets", out_int((int64_t)v->sockets));
		json_object_array_add(inv, r);
	}
	out_add(o, "inventory", inv);
	exp = json_object_new_object();
	for (int v = 0; v < VULN_NR; v++) {
		json_object *c = json_object_new_object();

		for (int e = CLS_EXP_UNKNOWN; e <= CLS_EXP_NOT_AFFECTED; e++)
			out_add(c, cls_exposure_name(e), out_int((int64_t)f->exposure[v][e]));
		out_add(exp, vuln_info[v].key, c);
	}
	out_add(o, "exposure", exp);
	outl = json_object_new_object();
	for (int k = 0; k < FLEET_KIND_NR; k++)
		out_add(outl, fleet_kind_name(k), json_object_new_array());
	for (size_t i = 0; i < f->nr_out; i++) {
		json_object *a;

		json_object_object_get_ex(outl, fleet_kind_name(f->out[i].kind), &a);
		json_object_array_add(a, json_outlier(f, &f->out[i]));
	}
	out_add(o, "outliers", outl);
	errs = json_object_new_array();
	hosts = json_object_new_array();
	for (size_t i = 0; i < f->nr_hosts; i++) {
		json_object_array_add(hosts, json_host(&f->hosts[i]));
		if (f->hosts[i].error[0]) {
			json_object *e = json_object_new_object();

			out_add(e, "file", out_str(f->hosts[i].file));
			out_add(e, "error", out_str(f->hosts[i].error));
			json_object_array_add(errs, e);
		}
	}
	out_add(o, "errors", errs);
	out_add(o, "hosts", hosts);
	out_add(o, "status", out_str(cls_status_name(f->status)));
	out_add(o, "exit_code", out_int(f->exit_code));
	r = out_json_print(out, o);	/* puts o */
	return r;
}
