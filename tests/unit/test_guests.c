// SPDX-License-Identifier: GPL-2.0
/*
 * guests.c end to end, in-process: libvirt's test:/// driver over
 * tests/fixtures/libvirt/node-guests.xml (seven domains), saved
 * capabilities and domain capabilities, host facts from the saved sysroots
 * or saved snapshots (--from). Checked: exit code and status, every JSON
 * key of "mdscope-guests/1", the table, and one error line for each kind
 * of bad input. No daemon is needed (tests/libvirt/suite runs a real one).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "collect.h"
#include "../../userspace/cmd/guests.c"
#include "cmdrun.h"

const char *prog = "mdscope";

#define LV FIXTURES "/libvirt/"
#define SR FIXTURES "/sysroot/"
#define SNAP FIXTURES "/snapshots/"
#define NODE "test://" LV "node-guests.xml"
#define SAVED "--caps-file", LV "caps-intel-md-clear.xml", \
	"--domcaps-file", "kvm=" LV "domcaps-kvm-intel-md-clear.xml", \
	"--domcaps-file", "qemu=" LV "domcaps-qemu-amd.xml", "--nova-root", "/nonexistent"

/*
 * What the host facts are for each source: the one place that knows the
 * analyzer's words (the guest verdicts below only follow "affected").
 */
static const struct hcase {
	const char *opt, *arg;
	int exit_code;
	const char *affected, *source, *mdscope, *mdscope_source;
} hosts[] = {
	{ "--sysroot", SR "skylake-sp-md-clear-smt", 2, "true",
	  "mdscope analyzer: MDS mitigated, TAA mitigated, MMIO mitigated", "true", "fallback: 4 of 4 CPUs" },
	{ "--sysroot", SR "skylake-sp-no-md-clear", 2, "true",
	  "mdscope analyzer: MDS exposed, TAA exposed, MMIO exposed", "false", "fallback: 0 of 8 CPUs" },
	{ "--sysroot", SR "amd-epyc", 0, "false",
	  "mdscope analyzer: MDS not_affected, TAA not_affected, MMIO not_affected", "false",
	  "fallback: 0 of 8 CPUs" },
	{ "--from", SNAP "skx-2s-mixed-microcode.json", 2, "true",
	  "mdscope analyzer: MDS exposed, TAA exposed, MMIO exposed", "false", "module: 4 of 8 CPUs" },
	{ "--from", SNAP "kvm-guest-skx.json", 2, "true",
	  "mdscope analyzer: MDS mitigated, TAA not_affected, MMIO mitigated (as the "
	  "hypervisor presents the CPUs)", "true", "module: 4 of 4 CPUs" },
	/* no CPU facts: the kernel's claims in the same snapshot decide */
	{ "--sysroot", LV "sysroot-affected", 2, "true",
	  "kernel claims: mds: Vulnerable: Clear CPU buffers attempted, no microcode; SMT "
	  "vulnerable; tsx_async_abort: Not affected", "null", "unknown (no CPU facts)" },
	{ "--sysroot", LV "sysroot-not-affected", 0, "false",
	  "kernel claims: mds: Not affected; tsx_async_abort: Not affected", "null",
	  "unknown (no CPU facts)" },
	{ "--sysroot", "/nonexistent/root", 2, "null",
	  "no vulnerabilities files in sysfs (kernel too old or no sysfs)", "null",
	  "unknown (no CPU facts)" },
};

/* The seven domains of node-guests.xml on the md-clear host. */
static const struct {
	const char *name, *state, *verdict, *severity, *md_clear;
} doms[] = {
	{ "disabled", "running", "not_configured", "critical", "false" },
	{ "no-cpu", "running", "not_configured", "critical", "false" },
	{ "nova-has", "running", "has_md_clear", "ok", "true" },
	{ "nova-no-flag", "running", "not_configured", "critical", "false" },
	{ "off-host-model", "shut off", "will_get_md_clear", "ok", "null" },
	{ "off-unusable", "shut off", "host_cannot_provide", "warning", "null" },
	{ "passthrough", "running", "has_md_clear", "ok", "true" },
};

static int guests(const char *opt, const char *arg, char **out, char **err)
{
	const char *args[] = { "guests", "--json", "-c", NODE, SAVED, opt, arg, NULL };

	return cmd_run(guests_main, args, out, err);
}

static void host_facts_per_source(void **state)
{
	for (size_t i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		const struct hcase *h = &hosts[i];
		char *out, *err;
		int code = guests(h->opt, h->arg, &out, &err);
		json_object *o = jparse(out);

		if (code != h->exit_code)
			fail_msg("%s %s: exit %d, want %d", h->opt, h->arg, code, h->exit_code);
		assert_string_equal(err, "");
		assert_string_equal(jtext(o, "host.affected"), h->affected);
		assert_string_equal(jtext(o, "host.affected_source"), h->source);
		assert_string_equal(jtext(o, "host.md_clear.mdscope"), h->mdscope);
		assert_string_equal(jtext(o, "host.md_clear.mdscope_source"), h->mdscope_source);
		assert_string_equal(jtext(o, "host.md_clear.libvirt"), "true");
		assert_string_equal(jtext(o, "host.md_clear.differ"),
				    !strcmp(h->mdscope, "false") ? "true" : "false");
		assert_int_equal(json_object_get_int(jget(o, "exit")), code);
		assert_string_equal(jtext(o, "status"), guests_status_names[code]);
		json_object_put(o);
		free(out);
		free(err);
	}
}

/* The same facts whether collected from a tree or loaded from its snapshot. */
static void from_equals_sysroot(void **state)
{
	struct mds_collect_opts co = { .sysroot = SR "skylake-sp-md-clear-smt" };
	struct mds_err merr = { "" };
	struct mds_snapshot s;
	char path[128], *text, *a, *b, *err;
	json_object *oa, *ob;
	FILE *f;

	assert_int_equal(snapshot_collect(&s, &co, &merr), 0);
	text = snapshot_to_string(&s);
	assert_non_null(text);
	snprintf(path, sizeof(path), "%s/skx.json", cmd_dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(text);
	snapshot_free(&s);

	assert_int_equal(guests("--sysroot", co.sysroot, &a, &err), 2);
	free(err);
	assert_int_equal(guests("--from", path, &b, &err), 2);
	assert_string_equal(err, "");
	free(err);
	oa = jparse(a);
	ob = jparse(b);
	assert_string_equal(json_object_to_json_string(jget(oa, "host")),
			    json_object_to_json_string(jget(ob, "host")));
	/* test:/// makes up the uuids a domain lacks: compare the verdicts */
	for (size_t i = 0; i < json_object_array_length(jget(oa, "domains")); i++) {
		char key[64];

		snprintf(key, sizeof(key), "domains.%zu.severity", i);
		assert_string_equal(jtext(oa, key), jtext(ob, key));
		snprintf(key, sizeof(key), "domains.%zu.verdict", i);
		assert_string_equal(jtext(oa, key), jtext(ob, key));
	}
	assert_string_equal(jtext(oa, "status"), jtext(ob, "status"));
	json_object_put(oa);
	json_object_put(ob);
	free(a);
	free(b);
}

static void every_key(void **state)
{
	static const char *const keys[] = {
		"schema", "libvirt.uri", "libvirt.connected", "libvirt.read_only",
		"libvirt.error", "libvirt.domains_error", "host.affected",
		"host.affected_source", "host.md_clear.libvirt", "host.md_clear.libvirt_error",
		"host.md_clear.mdscope", "host.md_clear.mdscope_source", "host.md_clear.differ",
		"host.cpu_model", "host.virt_types.0.virt_type", "host.virt_types.0.offered",
		"host.virt_types.0.source", "host.virt_types.0.error",
		"host.virt_types.0.host_model.supported", "host.virt_types.0.host_model.model",
		"host.virt_types.0.host_model.md_clear",
		"host.virt_types.0.host_model.features.md-clear",
		"host.virt_types.0.host_passthrough.supported",
		"host.virt_types.0.host_passthrough.md_clear",
		"host.virt_types.0.custom.usable_models", "host.virt_types.0.custom.how",
		"host.virt_types.0.custom.models_with_md_clear", "host.virt_types.0.custom.error",
		"host.virt_types.1.virt_type", "nova.present", "nova.files", "nova.error",
		"domains.0.name", "domains.0.uuid", "domains.0.state", "domains.0.persistent",
		"domains.0.virt_type", "domains.0.cpu.mode", "domains.0.cpu.model",
		"domains.0.cpu.md_clear_policy", "domains.0.md_clear",
		"domains.0.definition.mode", "domains.0.definition.gives_md_clear",
		"domains.0.definition.asks_md_clear", "domains.0.verdict",
		"domains.0.needs_cold_boot", "domains.0.severity", "domains.0.reason",
		"domains.0.nova", "domains.2.nova.name", "domains.2.nova.uuid",
		"domains.2.nova.flavor", "status", "exit",
	};
	char *out, *err;
	json_object *o;

	assert_int_equal(guests("--sysroot", SR "skylake-sp-md-clear-smt", &out, &err), 2);
	o = jparse(out);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		jget(o, keys[i]);
	assert_string_equal(jtext(o, "schema"), "mdscope-guests/1");
	assert_string_equal(jtext(o, "libvirt.uri"), NODE);
	assert_string_equal(jtext(o, "libvirt.connected"), "true");
	assert_string_equal(jtext(o, "host.cpu_model"), "Cascadelake-Server-noTSX");
	assert_string_equal(jtext(o, "host.virt_types.0.source"), "file");
	assert_string_equal(jtext(o, "host.virt_types.0.host_model.md_clear"), "true");
	assert_string_equal(jtext(o, "host.virt_types.1.host_model.md_clear"), "false");
	assert_string_equal(jtext(o, "host.virt_types.1.host_passthrough.supported"), "false");
	assert_string_equal(jtext(o, "nova.present"), "false");
	assert_string_equal(jtext(o, "domains.2.nova.name"), "db-1");
	assert_string_equal(jtext(o, "domains.0.nova"), "null");
	json_object_put(o);
	free(out);
	free(err);
}

static void every_domain(void **state)
{
	char *out, *err, key[64];
	json_object *o;

	assert_int_equal(guests("--sysroot", SR "skylake-sp-no-md-clear", &out, &err), 2);
	o = jparse(out);
	assert_int_equal(json_object_array_length(jget(o, "domains")), 7);
	for (size_t i = 0; i < sizeof(doms) / sizeof(doms[0]); i++) {
#define D(k) (snprintf(key, sizeof(key), "domains.%zu." k, i), jtext(o, key))
		assert_string_equal(D("name"), doms[i].name);
		assert_string_equal(D("state"), doms[i].state);
		assert_string_equal(D("verdict"), doms[i].verdict);
		assert_string_equal(D("severity"), doms[i].severity);
		assert_string_equal(D("md_clear"), doms[i].md_clear);
		assert_string_equal(D("needs_cold_boot"), "false");
#undef D
	}
	json_object_put(o);
	free(out);
	free(err);

	/* not affected: the same lacks are no problem */
	assert_int_equal(guests("--sysroot", SR "amd-epyc", &out, &err), 0);
	o = jparse(out);
	for (size_t i = 0; i < sizeof(doms) / sizeof(doms[0]); i++) {
		snprintf(key, sizeof(key), "domains.%zu.severity", i);
		assert_string_equal(jtext(o, key), "ok");
	}
	json_object_put(o);
	free(out);
	free(err);
}

static void table(void **state)
{
	const char *args[] = { "guests", "-c", NODE, SAVED, "--sysroot",
			       SR "skylake-sp-md-clear-smt", NULL };
	char *out, *err;

	assert_int_equal(cmd_run(guests_main, args, &out, &err), 2);
	assert_string_equal(err, "");
	assert_true(!strncmp(out, "libvirt: " NODE "\n", strlen("libvirt: " NODE "\n")));
	assert_non_null(strstr(out, "\nHost: MDS/TAA affected: yes (mdscope analyzer: "));
	assert_non_null(strstr(out, "\nHost md-clear: libvirt yes, mdscope yes (fallback: 4 of 4 "
			       "CPUs)\n"));
	assert_non_null(strstr(out, "\nNova: no configuration found"));
	assert_non_null(strstr(out, "\nnova-no-flag "));
	assert_non_null(strstr(out, "\n  off-unusable: shut off; its definition requires "
			       "md-clear but this host cannot provide it"));
	assert_non_null(strstr(out, "\nStatus: CRITICAL\n"));
	assert_int_equal(out[strlen(out) - 1], '\n');
	free(out);
	free(err);
}

/* A part that fails: one line for it, exit 3, the rest intact. */
static void failing_parts(void **state)
{
	const char *missing[] = { "guests", "--json", "-c", NODE, "--nova-root", "/nonexistent",
				  "--domcaps-file", "kvm=/nonexistent.xml", "--sysroot",
				  SR "amd-epyc", NULL };
	const char *bad_uri[] = { "guests", "--json", "-c", "bogus://nowhere", "--nova-root",
				  "/nonexistent", "--sysroot", SR "amd-epyc", NULL };
	char *out, *err;
	json_object *o;

	assert_int_equal(cmd_run(guests_main, missing, &out, &err), 3);
	one_line(err, "mdscope: libvirt: /nonexistent.xml: No such file or directory\n");
	o = jparse(out);
	assert_string_equal(jtext(o, "host.virt_types.0.error"),
			    "/nonexistent.xml: No such file or directory");
	assert_int_equal(json_object_array_length(jget(o, "domains")), 7);
	assert_string_equal(jtext(o, "status"), "UNKNOWN");
	json_object_put(o);
	free(out);
	free(err);

	assert_int_equal(cmd_run(guests_main, bad_uri, &out, &err), 3);
	assert_non_null(strstr(err, "mdscope: libvirt: connect: cannot use bogus://nowhere"));
	assert_true(is_one_line(err));
	o = jparse(out);
	assert_string_equal(jtext(o, "libvirt.connected"), "false");
	assert_string_equal(jtext(o, "host.affected"), "false");
	json_object_put(o);
	free(out);
	free(err);
}

/* Bad command lines and bad snapshots: one line, exit 3, nothing on stdout. */
static void bad_input(void **state)
{
	static const struct {
		const char *args[8];
		const char *line;
	} bad[] = {
		{ { "guests", "--from", "/nonexistent.json" },
		  "mdscope: guests: /nonexistent.json: No such file or directory\n" },
		{ { "guests", "--from", SNAP "amd-epyc.json", "--sysroot", SR "amd-epyc" },
		  "mdscope: guests: --from reads a saved snapshot; --sysroot applies only to "
		  "collecting\n" },
		{ { "guests", "--from", LV "node-guests.xml" }, NULL },
		{ { "guests", "--domcaps-file", "xen=a.xml" },
		  "mdscope: --domcaps-file wants kvm=FILE or qemu=FILE, not 'xen=a.xml'\n" },
		{ { "guests", "--domcaps-file", "kvm=" }, NULL },
		{ { "guests", "--bogus" }, NULL },
		{ { "guests", "--from" }, NULL },
		{ { "guests", "extra" }, NULL },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cmd_refused(guests_main, bad[i].args, bad[i].line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(host_facts_per_source),
		cmocka_unit_test(from_equals_sysroot),
		cmocka_unit_test(every_key),
		cmocka_unit_test(every_domain),
		cmocka_unit_test(table),
		cmocka_unit_test(failing_parts),
		cmocka_unit_test(bad_input),
	};

	return cmocka_run_group_tests_name("guests", tests, cmd_setup, cmd_teardown);
}
