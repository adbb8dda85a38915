// SPDX-License-Identifier: GPL-2.0
/*
 * check.c: the six-item advisory checklist. End to end in-process over
 * libvirt's test:/// driver (node-guests.xml, or a node written here whose
 * one guest has md-clear), saved capabilities and domain capabilities, and
 * host facts from tests/fixtures/sysroot/ or a saved snapshot (--from):
 * statuses, exit codes, the "mdscope-check/1" keys, the --nagios line, the
 * text, one error line per bad input. Items 3-5 are also judged alone over
 * hand-made collections for the cases a test driver cannot show (cold
 * boots, refused domain capabilities, every Nova verdict).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "collect.h"
#include "../../userspace/cmd/check.c"
#include "cmdrun.h"

const char *prog = "mdscope";

#define LV FIXTURES "/libvirt/"
#define SR FIXTURES "/sysroot/"
#define SNAP FIXTURES "/snapshots/"
#define NODE "test://" LV "node-guests.xml"
#define SAVED "--caps-file", LV "caps-intel-md-clear.xml", \
	"--domcaps-file", "kvm=" LV "domcaps-kvm-intel-md-clear.xml", \
	"--domcaps-file", "qemu=" LV "domcaps-qemu-amd.xml"

static char good_node[160];	/* test:///<scratch>/node-good.xml */

/*
 * Items 1, 2 and 6 per saved host: the one place that follows the
 * analyzer's judgement. Items 3-5 are libvirt's (node-guests.xml: three
 * running guests lack md-clear, so item 5 fails on an affected host).
 */
static const struct ccase {
	const char *root;
	const char *items;	/* the six statuses */
	int exit_code;
} hosts[] = {
	{ "skylake-sp-no-md-clear", "fail,fail,pass,pass,fail,pass", 2 },
	{ "skylake-sp-md-clear-smt", "pass,warning,pass,pass,fail,pass", 2 },
	{ "amd-epyc", "pass,pass,pass,pass,pass,pass", 0 },
	{ "old-kernel", "fail,fail,pass,pass,fail,warning", 2 },
	{ "mds-off", "pass,fail,pass,pass,fail,pass", 2 },
	{ "guest-md-clear", "unknown,pass,pass,pass,fail,pass", 2 },
};

static int check(const char *node, const char *mode, const char *opt, const char *arg,
		 char **out, char **err)
{
	const char *args[] = { "check", "-c", node, SAVED, "--nova-root", "/nonexistent",
			       opt, arg, mode, NULL };	/* mode NULL: text */

	return cmd_run(check_main, args, out, err);
}

static void statuses(json_object *o, char *buf, size_t len)
{
	json_object *items = jget(o, "items");

	buf[0] = '\0';
	for (size_t i = 0; i < json_object_array_length(items); i++) {
		char key[48];

		snprintf(key, sizeof(key), "items.%zu.status", i);
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", i ? "," : "",
			 jtext(o, key));
	}
}

static void per_host(void **state)
{
	for (size_t i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		char root[256], got[128], *out, *err;
		json_object *o;
		int code;

		snprintf(root, sizeof(root), SR "%s", hosts[i].root);
		code = check(NODE, "--json", "--sysroot", root, &out, &err);
		o = jparse(out);
		statuses(o, got, sizeof(got));
		if (code != hosts[i].exit_code || strcmp(got, hosts[i].items))
			fail_msg("%s: exit %d items %s, want %d %s", hosts[i].root, code, got,
				 hosts[i].exit_code, hosts[i].items);
		assert_string_equal(err, "");
		assert_int_equal(json_object_get_int(jget(o, "exit")), code);
		assert_string_equal(jtext(o, "status"), guests_status_names[code]);
		json_object_put(o);
		free(out);
		free(err);
	}
}

static void every_key(void **state)
{
	static const char *const names[] = {
		"microcode", "kernel", "hypervisor", "nova", "guests", "claims",
	};
	char *out, *err, key[48];
	json_object *o;

	assert_int_equal(check(NODE, "--json", "--sysroot", SR "skylake-sp-no-md-clear", &out,
			       &err), 2);
	o = jparse(out);
	assert_string_equal(jtext(o, "schema"), "mdscope-check/1");
	assert_int_equal(json_object_array_length(jget(o, "items")), 6);
	for (int i = 0; i < 6; i++) {
#define K(k) (snprintf(key, sizeof(key), "items.%d." k, i), key)
		assert_int_equal(json_object_get_int(jget(o, K("id"))), i + 1);
		assert_string_equal(jtext(o, K("name")), names[i]);
		assert_true(strlen(jtext(o, K("title"))) > 10);
		assert_true(strlen(jtext(o, K("evidence"))) > 10);
		jget(o, K("next_step"));
#undef K
	}
	assert_non_null(strstr(jtext(o, "items.0.evidence"), "socket 0: signature 0x50654"));
	assert_non_null(strstr(jtext(o, "items.1.evidence"), "sysfs mds: Vulnerable: Clear CPU "
			       "buffers attempted, no microcode"));
	assert_non_null(strstr(jtext(o, "items.4.evidence"), "2 of 5 running guest(s) have "
			       "md-clear; disabled: not_configured"));
	assert_string_equal(jtext(o, "items.4.next_step"), "See 'mdscope guests' for each "
			    "guest's reason and next step.");
	assert_string_equal(jtext(o, "items.3.next_step"), "null");
	json_object_put(o);
	free(out);
	free(err);
}

static void nagios_and_text(void **state)
{
	char *out, *err;

	assert_int_equal(check(NODE, "--nagios", "--sysroot", SR "skylake-sp-md-clear-smt", &out,
			       &err), 2);
	assert_string_equal(out, "MDSCOPE CRITICAL - kernel warning, guests "
			    "fail | pass=4 warning=1 fail=1 unknown=0 guests_without_md_clear=3 "
			    "guests_need_cold_boot=0\n");
	assert_string_equal(err, "");
	free(out);
	free(err);

	assert_int_equal(check(NODE, "-n", "--sysroot", SR "amd-epyc", &out, &err), 0);
	assert_true(!strncmp(out, "MDSCOPE OK - all 6 checks pass | pass=6 warning=0 fail=0 "
			     "unknown=0 ", 57));
	free(out);
	free(err);

	assert_int_equal(check(NODE, NULL, "--sysroot", SR "skylake-sp-md-clear-smt", &out,
			       &err), 2);
	assert_true(!strncmp(out, "mdscope check: the MDS/TAA advisory\n1. pass    microcode",
			     55));
	assert_non_null(strstr(out, "\n5. fail    every running guest has md-clear\n"
			       "   evidence: 2 of 5 running guest(s) have md-clear"));
	assert_non_null(strstr(out, "\n   next: See 'mdscope guests'"));
	assert_non_null(strstr(out, "\n6. pass    the kernel's claims agree"));
	assert_int_equal(strcmp(out + strlen(out) - strlen("\nStatus: CRITICAL\n"),
				"\nStatus: CRITICAL\n"), 0);
	free(out);
	free(err);
}

/* One guest, running with md-clear: nothing left to do on a good host. */
static void all_pass(void **state)
{
	char *out, *err;

	assert_int_equal(check(good_node, "--nagios", "--sysroot", SR "amd-epyc", &out, &err), 0);
	assert_string_equal(out, "MDSCOPE OK - all 6 checks pass | pass=6 warning=0 fail=0 "
			    "unknown=0 guests_without_md_clear=0 guests_need_cold_boot=0\n");
	free(out);
	free(err);
	/* the same guests on a host without MD_CLEAR: the host items fail */
	assert_int_equal(check(good_node, "-n", "--sysroot", SR "skylake-sp-no-md-clear", &out,
			       &err), 2);
	assert_non_null(strstr(out, "MDSCOPE CRITICAL - microcode fail, kernel fail | "));
	free(out);
	free(err);
}

/* Item 3 fails with its evidence when no CPU mode can give md-clear. */
static void hypervisor_cannot(void **state)
{
	const char *args[] = { "check", "--json", "-c", NODE, "--caps-file",
			       LV "caps-amd-tcg.xml", "--domcaps-file", "kvm=" LV "domcaps-kvm-amd.xml",
			       "--domcaps-file", "qemu=" LV "domcaps-qemu-amd.xml", "--nova-root",
			       "/nonexistent", "--sysroot", SR "skylake-sp-no-md-clear", NULL };
	char *out, *err;
	json_object *o;

	assert_int_equal(cmd_run(check_main, args, &out, &err), 2);
	o = jparse(out);
	assert_string_equal(jtext(o, "items.2.status"), "fail");
	assert_true(!strncmp(jtext(o, "items.2.evidence"), "kvm: host-model lacks md-clear, "
			     "host-passthrough does not give it", 65));
	assert_true(!strncmp(jtext(o, "items.2.next_step"), "Update the host's microcode", 27));
	json_object_put(o);
	free(out);
	free(err);
}

/* No CPU facts: the analyzer's items are unknown, the guests still judged. */
static void no_cpu_facts(void **state)
{
	char *out, *err;
	json_object *o;

	assert_int_equal(check(NODE, "--json", "--sysroot", LV "sysroot-affected", &out, &err), 2);
	o = jparse(out);
	for (int i = 0; i < 6; i += i == 1 ? 4 : 1) {	/* items 1, 2, 6 */
		char key[32];

		snprintf(key, sizeof(key), "items.%d.status", i);
		assert_string_equal(jtext(o, key), "unknown");
		snprintf(key, sizeof(key), "items.%d.evidence", i);
		assert_true(!strncmp(jtext(o, key), "no CPU facts: no CPUs under ", 28));
		snprintf(key, sizeof(key), "items.%d.next_step", i);
		assert_string_equal(jtext(o, key), "Run as root on the host itself.");
	}
	/* the kernel claims "Vulnerable": the lacking guests are critical */
	assert_string_equal(jtext(o, "items.4.status"), "fail");
	json_object_put(o);
	free(out);
	free(err);

	assert_int_equal(check(NODE, "--json", "--sysroot", LV "sysroot-not-affected", &out,
			       &err), 3);
	o = jparse(out);
	assert_string_equal(jtext(o, "items.4.status"), "pass");
	assert_non_null(strstr(jtext(o, "items.4.evidence"), "this host is not affected by "
			       "MDS/TAA, so none is exposed"));
	json_object_put(o);
	free(out);
	free(err);
}

static void from_snapshot(void **state)
{
	struct mds_collect_opts co = { .sysroot = SR "old-kernel" };
	struct mds_err merr = { "" };
	struct mds_snapshot s;
	char path[128], *text, *a, *b, *err;
	FILE *f;

	assert_int_equal(snapshot_collect(&s, &co, &merr), 0);
	text = snapshot_to_string(&s);
	snprintf(path, sizeof(path), "%s/old.json", cmd_dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(text);
	snapshot_free(&s);
	assert_int_equal(check(NODE, "-n", "--sysroot", co.sysroot, &a, &err), 2);
	free(err);
	assert_int_equal(check(NODE, "-n", "--from", path, &b, &err), 2);
	assert_string_equal(err, "");
	assert_string_equal(a, b);
	free(a);
	free(b);
	free(err);

	assert_int_equal(check(NODE, "-n", "--from", SNAP "amd-epyc.json", &a, &err), 0);
	assert_non_null(strstr(a, "MDSCOPE OK - all 6 checks pass"));
	free(a);
	free(err);
}

/* libvirt unreachable: its items unknown, the host items stand. */
static void libvirt_gone(void **state)
{
	const char *args[] = { "check", "--nagios", "-c", "bogus://nowhere", "--nova-root",
			       "/nonexistent", "--sysroot", SR "amd-epyc", NULL };
	const char *jargs[] = { "check", "--json", "-c", "bogus://nowhere", "--nova-root",
				"/nonexistent", "--sysroot", SR "amd-epyc", NULL };
	char *out, *err;
	json_object *o;

	assert_int_equal(cmd_run(check_main, args, &out, &err), 3);
	assert_true(!strncmp(out, "MDSCOPE UNKNOWN - hypervisor unknown, guests unknown | "
			     "pass=4 warning=0 fail=0 unknown=2 ", 89));
	assert_string_equal(err, "");	/* --nagios: the line says it all */
	free(out);
	free(err);
	assert_int_equal(cmd_run(check_main, jargs, &out, &err), 3);
	assert_non_null(strstr(err, "mdscope: libvirt: connect: cannot use bogus://nowhere"));
	o = jparse(out);
	assert_string_equal(jtext(o, "items.2.evidence"),
			    "kvm: no libvirt connection; qemu: no libvirt connection");
	assert_non_null(strstr(jtext(o, "items.4.evidence"), "bogus://nowhere"));
	json_object_put(o);
	free(out);
	free(err);
}

static void nova_items(void **state)
{
	const char *args[] = { "check", "--json", "-c", NODE, SAVED, "--nova-root",
			       FIXTURES "/nova/qemu-host-model", "--sysroot", SR "amd-epyc", NULL };
	const char *bad[] = { "check", "--json", "-c", NODE, SAVED, "--nova-root",
			      FIXTURES "/nova/malformed", "--sysroot", SR "amd-epyc", NULL };
	char *out, *err;
	json_object *o;

	/* Nova's host-model on qemu cannot give md-clear: no matter when not affected */
	cmd_run(check_main, args, &out, &err);
	o = jparse(out);
	assert_string_equal(jtext(o, "items.3.status"), "pass");
	assert_true(!strncmp(jtext(o, "items.3.evidence"), "host_lacks_md_clear: ", 21));
	json_object_put(o);
	free(out);
	free(err);
	/* ... a warning when it is */
	args[sizeof(args) / sizeof(args[0]) - 2] = SR "skylake-sp-md-clear-smt";
	cmd_run(check_main, args, &out, &err);
	o = jparse(out);
	assert_string_equal(jtext(o, "items.3.status"), "warning");
	assert_true(!strncmp(jtext(o, "items.3.evidence"), "host_lacks_md_clear: ", 21));
	assert_true(!strncmp(jtext(o, "items.3.next_step"), "Update the host microcode first", 31));
	json_object_put(o);
	free(out);
	free(err);

	assert_int_equal(cmd_run(check_main, bad, &out, &err), 3);
	assert_true(is_one_line(err));
	assert_non_null(strstr(err, "mdscope: nova: "));
	o = jparse(out);
	assert_string_equal(jtext(o, "items.3.status"), "unknown");
	assert_string_equal(jtext(o, "items.3.next_step"), "Fix the file Nova would also fail "
			    "to read.");
	json_object_put(o);
	free(out);
	free(err);
}

static void bad_input(void **state)
{
	static const struct {
		const char *args[8];
		const char *line;
	} bad[] = {
		{ { "check", "--json", "--nagios" },
		  "mdscope: check: --json and --nagios exclude each other\n" },
		{ { "check", "-n", "-j" },
		  "mdscope: check: --json and --nagios exclude each other\n" },
		{ { "check", "--from", "/nonexistent.json" },
		  "mdscope: check: /nonexistent.json: No such file or directory\n" },
		{ { "check", "--sysroot", SR "amd-epyc", "--from", SNAP "amd-epyc.json" },
		  "mdscope: check: --from reads a saved snapshot; --sysroot applies only to "
		  "collecting\n" },
		{ { "check", "--from", LV "caps-amd-tcg.xml" }, NULL },
		{ { "check", "--domcaps-file", "lxc=x.xml" },
		  "mdscope: --domcaps-file wants kvm=FILE or qemu=FILE, not 'lxc=x.xml'\n" },
		{ { "check", "--bogus" }, NULL },
		{ { "check", "-c" }, NULL },
		{ { "check", "stray" }, NULL },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cmd_refused(check_main, bad[i].args, bad[i].line);
}

/* ---- items 3-5 alone, over hand-made collections ----------------------- */

static struct chk k;
static struct vc_result vc;
static struct vv_dom doms[3];

static int blank(void **state)
{
	memset(&k, 0, sizeof(k));
	memset(&vc, 0, sizeof(vc));
	memset(doms, 0, sizeof(doms));
	k.vc = &vc;
	vc.host.affected = 1;
	vc.host.side[VV_KVM].err = -ENODEV;
	vc.host.side[VV_QEMU].err = -ENODEV;
	return 0;
}

static void dom(int i, const char *name, bool active, enum vv_state st, int sev)
{
	snprintf(doms[i].live.name, sizeof(doms[i].live.name), "%s", name);
	doms[i].active = active;
	doms[i].state = st;
	doms[i].severity = sev;
	vc.doms = doms;
	vc.n_doms = i + 1;
}

static void guests_item(void **state)
{
	struct chk_item it = { 0 };

	dom(0, "a", true, VV_HAS, 0);
	dom(1, "b", true, VV_NEEDS_COLD_BOOT, 2);
	dom(2, "c", false, VV_WILL_LACK, 1);
	item_guests(&k, &it);
	assert_int_equal(it.st, CHK_FAIL);
	assert_string_equal(it.evidence, "1 of 2 running guest(s) have md-clear; b: "
			    "needs_cold_boot; c: will_lack_md_clear");
	assert_true(!strncmp(it.next, "Cold boot the 1 guest(s)", 24));

	/* only a warning left */
	doms[1].state = VV_HAS, doms[1].severity = 0;
	memset(&it, 0, sizeof(it));
	item_guests(&k, &it);
	assert_int_equal(it.st, CHK_WARNING);

	/* an unknown guest */
	doms[2].state = VV_UNKNOWN, doms[2].severity = 3;
	item_guests(&k, &it);
	assert_int_equal(it.st, CHK_UNKNOWN);

	/* the domain list failed */
	vc.dom_err = -EIO;
	snprintf(vc.dom_msg, sizeof(vc.dom_msg), "domain x: bad XML");
	item_guests(&k, &it);
	assert_int_equal(it.st, CHK_UNKNOWN);
	assert_string_equal(it.evidence, "domain x: bad XML");
}

static void hypervisor_item(void **state)
{
	struct chk_item it = { 0 };
	struct vv_side *s = &vc.host.side[VV_QEMU];

	item_hypervisor(&k, &it);
	assert_int_equal(it.st, CHK_UNKNOWN);
	assert_string_equal(it.evidence, "libvirt offers neither kvm nor qemu guests");

	/* offered, but domain capabilities refused on a read-only connection */
	s->err = -EACCES;
	snprintf(s->msg, sizeof(s->msg), "domain capabilities need a read-write connection, "
		 "this one is read-only");
	item_hypervisor(&k, &it);
	assert_int_equal(it.st, CHK_UNKNOWN);
	assert_true(!strncmp(it.next, "Run as root (or a libvirt-group user)", 37));

	/* known, and no mode gives md-clear on an affected host */
	s->err = 0;
	s->dc.host_model = true;
	s->dc.hm_feat[VX_F_MD_CLEAR] = VX_ABSENT;
	item_hypervisor(&k, &it);
	assert_int_equal(it.st, CHK_FAIL);
	assert_true(!strncmp(it.next, "Update the host's microcode", 27));
	assert_non_null(strstr(it.evidence, "qemu: host-model lacks md-clear"));

	/* the same on a host that is not affected passes, and says why */
	vc.host.affected = 0;
	item_hypervisor(&k, &it);
	assert_int_equal(it.st, CHK_PASS);
	assert_non_null(strstr(it.evidence, "this host is not affected by MDS/TAA"));

	/* unknown "affected" is no excuse */
	vc.host.affected = -1;
	item_hypervisor(&k, &it);
	assert_int_equal(it.st, CHK_FAIL);
}

static void nova_item(void **state)
{
	static const struct {
		enum nova_verdict v;
		int sev;
		enum chk_status st;
		const char *next;
	} map[] = {
		{ NOVA_GIVES_MD_CLEAR, 0, CHK_PASS, "" },
		{ NOVA_NO_MD_CLEAR, 1, CHK_WARNING, "Use cpu_mode = host-model" },
		{ NOVA_HOST_LACKS, 1, CHK_WARNING, "Update the host microcode first" },
		{ NOVA_WILL_REFUSE, 2, CHK_FAIL, "Update the host microcode first" },
		{ NOVA_UNKNOWN, 3, CHK_UNKNOWN, "" },
	};
	struct chk_item it;

	vc.nova_present = true;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		memset(&it, 0, sizeof(it));
		vc.nova_verdict = map[i].v;
		vc.nova_severity = map[i].sev;
		snprintf(vc.nova_why, sizeof(vc.nova_why), "why %zu", i);
		item_nova(&k, &it);
		assert_int_equal(it.st, map[i].st);
		assert_true(!strncmp(it.next, map[i].next, strlen(map[i].next)));
		assert_non_null(strstr(it.evidence, vc.nova_why));
	}
}

/* The worst item decides, critical above unknown. */
static void overall_status(void **state)
{
	static const struct { enum chk_status st[6]; int sev; } cases[] = {
		{ { CHK_PASS, CHK_PASS, CHK_PASS, CHK_PASS, CHK_PASS, CHK_PASS }, 0 },
		{ { CHK_PASS, CHK_WARNING, CHK_PASS, CHK_PASS, CHK_PASS, CHK_PASS }, 1 },
		{ { CHK_UNKNOWN, CHK_WARNING, CHK_PASS, CHK_PASS, CHK_PASS, CHK_PASS }, 3 },
		{ { CHK_UNKNOWN, CHK_PASS, CHK_FAIL, CHK_PASS, CHK_PASS, CHK_WARNING }, 2 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (int j = 0; j < 6; j++)
			k.items[j].st = cases[i].st[j];
		assert_int_equal(overall(&k), cases[i].sev);
	}
}

static int setup(void **state)
{
	char path[128];
	FILE *f;

	if (cmd_setup(state))
		return -1;
	snprintf(path, sizeof(path), "%s/node-good.xml", cmd_dir);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fputs("<node><domain type='kvm'><name>good</name><memory>65536</memory>"
	      "<os><type>hvm</type></os><cpu mode='custom' match='exact'>"
	      "<model fallback='forbid'>Skylake-Server-IBRS</model>"
	      "<feature policy='require' name='md-clear'/></cpu></domain></node>\n", f);
	fclose(f);
	snprintf(good_node, sizeof(good_node), "test://%s", path);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(per_host),
		cmocka_unit_test(every_key),
		cmocka_unit_test(nagios_and_text),
		cmocka_unit_test(all_pass),
		cmocka_unit_test(hypervisor_cannot),
		cmocka_unit_test(no_cpu_facts),
		cmocka_unit_test(from_snapshot),
		cmocka_unit_test(libvirt_gone),
		cmocka_unit_test(nova_items),
		cmocka_unit_test(bad_input),
		cmocka_unit_test_setup(guests_item, blank),
		cmocka_unit_test_setup(hypervisor_item, blank),
		cmocka_unit_test_setup(nova_item, blank),
		cmocka_unit_test_setup(overall_status, blank),
	};

	return cmocka_run_group_tests_name("check", tests, setup, cmd_teardown);
}
