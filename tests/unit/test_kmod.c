// SPDX-License-Identifier: GPL-2.0
/*
 * kmod.c: every reason the module cannot be loaded gives its own line,
 * and every libkmod object is released. libkmod, uname() and mds_nl_open()
 * are replaced at the seam with -Wl,--wrap (see EXTRA_LDFLAGS_kmod); the
 * module's sysfs initstate and the two network namespace links are fixture
 * files in a temporary directory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../userspace/collect/kmod.c"

const char *prog = "mdscope";

static struct {
	const char *machine;
	bool no_ctx;
	int lookup_err;
	bool lookup_empty;
	int initstate;
	int insert_err;
	int open_err[8];	/* mds_nl_open(), call by call; the last one repeats */
	/* what happened */
	int ctx_refs, list_refs, mod_refs;
	int inserts, opens, log_fn_set;
} fk;

static char ctx_obj, list_obj, mod_obj;

int __wrap_uname(struct utsname *u)
{
	memset(u, 0, sizeof(*u));
	snprintf(u->machine, sizeof(u->machine), "%s", fk.machine);
	snprintf(u->release, sizeof(u->release), "6.1.0-56-amd64");
	return 0;
}

struct kmod_ctx *__wrap_kmod_new(const char *dir, const char *const *cfg)
{
	if (fk.no_ctx)
		return NULL;
	fk.ctx_refs++;
	return (struct kmod_ctx *)&ctx_obj;
}

struct kmod_ctx *__wrap_kmod_unref(struct kmod_ctx *ctx)
{
	assert_ptr_equal(ctx, &ctx_obj);
	fk.ctx_refs--;
	return NULL;
}

void __wrap_kmod_set_log_fn(struct kmod_ctx *ctx, void *fn, const void *data)
{
	fk.log_fn_set++;
}

int __wrap_kmod_module_new_from_lookup(struct kmod_ctx *ctx, const char *alias,
				       struct kmod_list **list)
{
	assert_string_equal(alias, "mdscope");
	*list = NULL;
	if (fk.lookup_err)
		return fk.lookup_err;
	if (!fk.lookup_empty) {
		*list = (struct kmod_list *)&list_obj;
		fk.list_refs++;
	}
	return 0;
}

int __wrap_kmod_module_unref_list(struct kmod_list *list)
{
	if (list) {
		assert_ptr_equal(list, &list_obj);
		fk.list_refs--;
	}
	return 0;
}

struct kmod_module *__wrap_kmod_module_get_module(const struct kmod_list *entry)
{
	assert_ptr_equal(entry, &list_obj);
	fk.mod_refs++;
	return (struct kmod_module *)&mod_obj;
}

struct kmod_module *__wrap_kmod_module_unref(struct kmod_module *mod)
{
	assert_ptr_equal(mod, &mod_obj);
	fk.mod_refs--;
	return NULL;
}

int __wrap_kmod_module_get_initstate(const struct kmod_module *mod)
{
	return fk.initstate;
}

int __wrap_kmod_module_probe_insert_module(struct kmod_module *mod, unsigned int flags,
					   const char *extra, void *run_install,
					   const void *data, void *print_action)
{
	fk.inserts++;
	return fk.insert_err;
}

int __wrap_mds_nl_open(void)
{
	int i = fk.opens < 8 ? fk.opens : 7;

	fk.opens++;
	return fk.open_err[i];
}

static char fxdir[64];

/* A fixture in fxdir (a static buffer per call slot: used at once). */
static const char *fx(const char *name)
{
	static char bufs[4][128];
	static int n;
	char *b = bufs[n++ % 4];

	snprintf(b, sizeof(bufs[0]), "%s/%s", fxdir, name);
	return b;
}

static int fixtures(void **state)
{
	static const struct { const char *name, *link; } links[] = {
		{ "self", "net:[4026531840]" }, { "init-same", "net:[4026531840]" },
		{ "init-other", "net:[4026532123]" },
	};
	static const struct { const char *name, *text; } files[] = {
		{ "going", "going\n" }, { "coming", "coming\n" }, { "live", "live\n" },
	};

	snprintf(fxdir, sizeof(fxdir), "/tmp/test_kmod.XXXXXX");
	if (!mkdtemp(fxdir))
		return -1;
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++)
		if (symlink(links[i].link, fx(links[i].name)))
			return -1;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		FILE *f = fopen(fx(files[i].name), "w");

		if (!f)
			return -1;
		fputs(files[i].text, f);
		fclose(f);
	}
	return 0;
}

static int fixtures_gone(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fxdir);
	return system(cmd) ? -1 : 0;
}

static int reset(void **state)
{
	memset(&fk, 0, sizeof(fk));
	fk.machine = "x86_64";
	fk.initstate = -ENOENT;		/* not loaded */
	proc_modules = "/dev/null";	/* "exists" */
	initstate_path = "/nonexistent/initstate";	/* not loaded */
	netns_self = fx("self");
	netns_init = fx("init-other");
	nap_ms = 0;
	return 0;
}

static void balanced(void)
{
	assert_int_equal(fk.ctx_refs, 0);
	assert_int_equal(fk.list_refs, 0);
	assert_int_equal(fk.mod_refs, 0);
}

#define REL "6.1.0-56-amd64"

static void ensure_says_why(void **state)
{
	static const struct {
		const char *machine;
		const char *proc_modules;
		bool no_ctx, lookup_empty;
		int lookup_err, insert_err, ret, inserts;
		const char *why;
	} cases[] = {
		{ "aarch64", NULL, false, false, 0, 0, -ENOTSUP, 0,
		  "mdscope.ko exists only for x86 and this machine is aarch64" },
		{ "x86_64", "/nonexistent/modules", false, false, 0, 0, -ENOSYS, 0,
		  "kernel " REL " has no loadable module support (no /proc/modules)" },
		{ "x86_64", NULL, true, false, 0, 0, -ENOMEM, 0,
		  "cannot start libkmod for kernel " REL " (Cannot allocate memory)" },
		{ "x86_64", NULL, false, true, 0, 0, -ENOENT, 0,
		  "mdscope.ko is not installed for kernel " REL
		  ": install it with `make dkms-install` or `dkms install`" },
		{ "x86_64", NULL, false, false, -ENOSYS, 0, -ENOENT, 0,
		  "mdscope.ko is not installed for kernel " REL
		  ": install it with `make dkms-install` or `dkms install`" },
		{ "i686", NULL, false, false, 0, -EPERM, -EPERM, 1,
		  "not permitted to load mdscope.ko into kernel " REL ": run as root" },
		{ "x86_64", NULL, false, false, 0, -ENOEXEC, -ENOEXEC, 1,
		  "loading mdscope.ko into kernel " REL " failed, see dmesg (Exec format error)" },
		{ "x86_64", NULL, false, false, 0, -ENODEV, -ENODEV, 1,
		  "loading mdscope.ko into kernel " REL " failed, see dmesg (No such device)" },
		{ "x86_64", NULL, false, false, 0, 0, 0, 1, "" },
		{ "x86_64", NULL, false, false, 0, -EEXIST, 0, 1, "" },
	};
	char why[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		reset(NULL);
		fk.machine = cases[i].machine;
		if (cases[i].proc_modules)
			proc_modules = cases[i].proc_modules;
		fk.no_ctx = cases[i].no_ctx;
		fk.lookup_empty = cases[i].lookup_empty;
		fk.lookup_err = cases[i].lookup_err;
		fk.insert_err = cases[i].insert_err;
		assert_int_equal(mds_module_ensure(why, sizeof(why)), cases[i].ret);
		assert_string_equal(why, cases[i].why);
		assert_int_equal(fk.inserts, cases[i].inserts);
		balanced();
	}
}

static void ensure_live_module_is_not_inserted(void **state)
{
	char why[256];

	fk.initstate = KMOD_MODULE_LIVE;
	assert_int_equal(mds_module_ensure(why, sizeof(why)), 0);
	assert_int_equal(fk.inserts, 0);
	assert_int_equal(fk.log_fn_set, 1);
	balanced();
}

static void open_loads_then_resolves_again(void **state)
{
	char why[256];

	fk.open_err[0] = -ENOENT;
	fk.open_err[1] = 0;
	assert_int_equal(mds_module_open(why, sizeof(why)), 0);
	assert_int_equal(fk.opens, 2);
	assert_int_equal(fk.inserts, 1);
	assert_string_equal(why, "");
	balanced();
}

static void open_family_present_needs_no_kmod(void **state)
{
	char why[256];

	assert_int_equal(mds_module_open(why, sizeof(why)), 0);
	assert_int_equal(fk.opens, 1);
	assert_int_equal(fk.log_fn_set, 0);
}

static void open_reports_load_failure(void **state)
{
	char why[256];

	fk.open_err[0] = -ENOENT;
	fk.insert_err = -EPERM;
	assert_int_equal(mds_module_open(why, sizeof(why)), -EPERM);
	assert_int_equal(fk.opens, 1);
	assert_string_equal(why, "not permitted to load mdscope.ko into kernel " REL ": run as root");
	balanced();
}

static void open_loaded_but_invisible_is_netns(void **state)
{
	char why[256];

	fk.open_err[0] = fk.open_err[1] = -ENOENT;
	fk.initstate = KMOD_MODULE_LIVE;
	assert_int_equal(mds_module_open(why, sizeof(why)), -ENOENT);
	assert_int_equal(fk.opens, 2);
	assert_string_equal(why, "mdscope.ko is loaded in kernel " REL " but its netlink family "
			    "is not visible here: it serves only the initial network namespace");
}

static void open_other_error(void **state)
{
	char why[256];

	fk.open_err[0] = -EPROTONOSUPPORT;
	assert_int_equal(mds_module_open(why, sizeof(why)), -EPROTONOSUPPORT);
	assert_string_equal(why, "cannot open the mdscope netlink family on kernel " REL
			    " (Protocol not supported)");
}

/* ---- the module coming or going; which namespace ----------------- */

static void all_open_err(int err)
{
	for (size_t i = 0; i < 8; i++)
		fk.open_err[i] = err;
}

/* Initial namespace, module still coming: retried until the family answers. */
static void open_retries_while_coming(void **state)
{
	char why[256];

	all_open_err(-ENOENT);
	fk.open_err[4] = 0;
	fk.initstate = KMOD_MODULE_COMING;
	initstate_path = fx("coming");
	netns_init = fx("init-same");
	assert_int_equal(mds_module_open(why, sizeof(why)), 0);
	assert_int_equal(fk.opens, 5);
	assert_string_equal(why, "");
	balanced();
}

/* Initial namespace, module going the whole time: says so, names no namespace. */
static void open_going_says_unloading(void **state)
{
	char why[256];

	all_open_err(-ENOENT);
	fk.initstate = KMOD_MODULE_GOING;
	fk.insert_err = -EEXIST;	/* the kernel's answer while it goes */
	initstate_path = fx("going");
	netns_init = fx("init-same");
	assert_int_equal(mds_module_open(why, sizeof(why)), -ENOENT);
	assert_string_equal(why, "mdscope.ko is being unloaded from kernel " REL "; try again");
	assert_true(fk.opens > 2);
	balanced();
}

/* An unprivileged user while the module goes: EPERM from loading is not the
 * last word; once it is gone and the kernel's autoload brings it, it answers. */
static void open_going_as_user_waits(void **state)
{
	char why[256];

	all_open_err(-ENOENT);
	fk.open_err[3] = 0;
	fk.initstate = KMOD_MODULE_GOING;
	fk.insert_err = -EPERM;
	initstate_path = fx("going");
	netns_init = fx("init-same");
	assert_int_equal(mds_module_open(why, sizeof(why)), 0);
	assert_string_equal(why, "");
	balanced();
}

/* Namespace unknown (an unprivileged user cannot read /proc/1/ns/net) and
 * the family never answers: no claim about namespaces. */
static void open_unknown_netns_names_none(void **state)
{
	char why[256];

	all_open_err(-ENOENT);
	fk.initstate = KMOD_MODULE_LIVE;
	initstate_path = fx("live");
	netns_init = "/nonexistent/ns/net";
	assert_int_equal(mds_module_open(why, sizeof(why)), -ENOENT);
	assert_string_equal(why, "mdscope.ko is loaded in kernel " REL
			    " but its netlink family does not answer");
	assert_null(strstr(why, "namespace"));
	assert_int_equal(fk.opens, OPEN_TRIES + 1);
}

static void module_state_from_sysfs(void **state)
{
	initstate_path = fx("going");
	assert_int_equal(mds_module_state(), MDS_MODULE_GOING);
	assert_string_equal(mds_module_race_text(), "the mdscope module is being unloaded");
	initstate_path = fx("coming");
	assert_int_equal(mds_module_state(), MDS_MODULE_COMING);
	initstate_path = fx("live");
	assert_int_equal(mds_module_state(), MDS_MODULE_LIVE);
	initstate_path = "/nonexistent/initstate";
	assert_int_equal(mds_module_state(), MDS_MODULE_ABSENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(ensure_says_why, reset),
		cmocka_unit_test_setup(ensure_live_module_is_not_inserted, reset),
		cmocka_unit_test_setup(open_loads_then_resolves_again, reset),
		cmocka_unit_test_setup(open_family_present_needs_no_kmod, reset),
		cmocka_unit_test_setup(open_reports_load_failure, reset),
		cmocka_unit_test_setup(open_loaded_but_invisible_is_netns, reset),
		cmocka_unit_test_setup(open_other_error, reset),
		cmocka_unit_test_setup(open_retries_while_coming, reset),
		cmocka_unit_test_setup(open_going_says_unloading, reset),
		cmocka_unit_test_setup(open_going_as_user_waits, reset),
		cmocka_unit_test_setup(open_unknown_netns_names_none, reset),
		cmocka_unit_test_setup(module_state_from_sysfs, reset),
	};

	return cmocka_run_group_tests_name("kmod", tests, fixtures, fixtures_gone);
}
