// SPDX-License-Identifier: GPL-2.0
/* cmocka: Nova's [libvirt] CPU options read from fixture roots, and the verdict. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <unistd.h>

#include "../../userspace/virt/nova.c"
#include "nova_files.h"

const char *prog = "mdscope";

#define NOVA FIXTURES "/nova"

static char err[512];

static int load(struct nova_conf *c, const char *root, const char *file, const char *dir)
{
	char rootbuf[PATH_MAX];
	struct nova_source src = { 0 };

	snprintf(rootbuf, sizeof(rootbuf), "%s/%s", NOVA, root);
	src.root = rootbuf;
	if (file)
		src.args[src.n_args++] = (struct nova_path){ file, false };
	if (dir)
		src.args[src.n_args++] = (struct nova_path){ dir, true };
	err[0] = '\0';
	return nova_load(&src, c, err, sizeof(err));
}

/* A host view with fixed answers; model answers by a tiny table. */
struct fake {
	const char *model;
	int md_clear, usable;
};

static int fake_md_clear(void *ctx, const char *model)
{
	const struct fake *f = ctx;

	return strcasecmp(model, f->model) ? -1 : f->md_clear;
}

static int fake_usable(void *ctx, const char *model)
{
	const struct fake *f = ctx;

	return strcasecmp(model, f->model) ? -1 : f->usable;
}

static enum nova_verdict verdict(const struct nova_conf *c, int hm, int hp, struct fake *f)
{
	struct nova_host_view v = { hm, hp, fake_md_clear, fake_usable, f };
	char msg[512];

	return nova_verdict(c, &v, msg, sizeof(msg));
}

static void default_mode_kvm(void **state)
{
	struct nova_conf c;
	struct fake f = { "x", -1, -1 };

	assert_int_equal(load(&c, "default-kvm", NULL, NULL), 0);
	assert_int_equal(c.n_files, 1);
	assert_string_equal(c.eff_virt_type, "kvm");
	assert_int_equal(c.mode, NOVA_MODE_HOST_MODEL);
	assert_true(c.mode_defaulted);
	assert_int_equal(verdict(&c, 1, 0, &f), NOVA_GIVES_MD_CLEAR);
	assert_int_equal(verdict(&c, 0, 1, &f), NOVA_HOST_LACKS);
	assert_int_equal(verdict(&c, -1, 1, &f), NOVA_UNKNOWN);
}

static void default_mode_qemu_and_lxc(void **state)
{
	struct nova_conf c;
	struct fake f = { "x", -1, -1 };

	assert_int_equal(load(&c, "default-qemu", NULL, NULL), 0);
	assert_string_equal(c.eff_virt_type, "qemu");
	assert_int_equal(c.mode, NOVA_MODE_HOST_MODEL);
	assert_int_equal(load(&c, "default-lxc", NULL, NULL), 0);
	assert_int_equal(c.mode, NOVA_MODE_NONE);
	assert_int_equal(verdict(&c, 1, 1, &f), NOVA_NO_MD_CLEAR);
}

static void no_files_at_all(void **state)
{
	struct nova_conf c;

	assert_int_equal(load(&c, "does-not-exist", NULL, NULL), 0);
	assert_int_equal(c.n_files, 0);
	assert_string_equal(c.eff_virt_type, "kvm");
	assert_int_equal(c.mode, NOVA_MODE_HOST_MODEL);
}

static void host_passthrough(void **state)
{
	struct nova_conf c;
	struct fake f = { "x", -1, -1 };

	assert_int_equal(load(&c, "passthrough", NULL, NULL), 0);
	assert_int_equal(c.mode, NOVA_MODE_HOST_PASSTHROUGH);
	assert_false(c.mode_defaulted);
	assert_int_equal(verdict(&c, 0, 1, &f), NOVA_GIVES_MD_CLEAR);
	assert_int_equal(verdict(&c, 1, 0, &f), NOVA_HOST_LACKS);
}

static void custom_models_with_md_clear(void **state)
{
	struct nova_conf c;
	struct fake yes = { "skylake-server-ibrs", 1, 1 }, no = { "Skylake-Server-IBRS", 0, 1 };

	assert_int_equal(load(&c, "custom-md-clear", NULL, NULL), 0);
	assert_int_equal(c.mode, NOVA_MODE_CUSTOM);
	assert_int_equal(c.n_models, 2);
	assert_string_equal(c.models[0], "Skylake-Server-IBRS");
	assert_string_equal(c.models[1], "Cascadelake-Server");
	assert_false(c.models_from_old_name);
	assert_int_equal(c.n_flags, 3);
	assert_string_equal(c.flags[1].name, "md-clear");	/* "+MD-Clear" */
	assert_false(c.flags[1].disable);
	assert_int_equal(nova_md_clear_flag(&c), 1);
	assert_int_equal(verdict(&c, 0, 0, &yes), NOVA_GIVES_MD_CLEAR);
	assert_int_equal(verdict(&c, 1, 1, &no), NOVA_WILL_REFUSE);
}

static void custom_old_cpu_model_without_flag(void **state)
{
	struct nova_conf c;
	struct fake f = { "Skylake-Server-IBRS", 1, 1 };

	assert_int_equal(load(&c, "custom-old-name", NULL, NULL), 0);
	assert_true(c.models_from_old_name);
	assert_int_equal(c.n_models, 1);
	assert_string_equal(c.models[0], "Skylake-Server-IBRS");
	assert_int_equal(nova_md_clear_flag(&c), -1);
	assert_int_equal(verdict(&c, 1, 1, &f), NOVA_NO_MD_CLEAR);
}

static void minus_prefix_and_case(void **state)
{
	struct nova_conf c;
	struct fake f = { "Skylake-Server-IBRS", 1, 1 };

	assert_int_equal(load(&c, "custom-minus", NULL, NULL), 0);
	assert_int_equal(c.n_flags, 2);
	assert_true(c.flags[1].disable);
	assert_string_equal(c.flags[1].name, "md-clear");
	assert_int_equal(nova_md_clear_flag(&c), 0);
	assert_int_equal(verdict(&c, 1, 1, &f), NOVA_NO_MD_CLEAR);

	assert_int_equal(load(&c, "host-model-minus", NULL, NULL), 0);
	assert_int_equal(verdict(&c, 1, 1, &f), NOVA_NO_MD_CLEAR);
}

static void unusable_model_refused(void **state)
{
	struct nova_conf c;
	struct fake f = { "Cascadelake-Server", 0, 0 };

	assert_int_equal(load(&c, "custom-unusable", NULL, NULL), 0);
	assert_int_equal(verdict(&c, 1, 1, &f), NOVA_WILL_REFUSE);
}

static void compute_file_overrides(void **state)
{
	struct nova_conf c;
	struct fake f = { "Skylake-Server-IBRS", 1, 1 };

	assert_int_equal(load(&c, "override", NULL, NULL), 0);
	assert_int_equal(c.n_files, 2);
	assert_non_null(strstr(c.files[1], "/etc/nova/nova-compute.conf"));
	assert_non_null(strstr(c.extra_flags.origin, "nova-compute.conf"));
	assert_non_null(strstr(c.cpu_mode.origin, "/etc/nova/nova.conf"));
	assert_int_equal(nova_md_clear_flag(&c), 1);
	assert_int_equal(verdict(&c, 0, 0, &f), NOVA_GIVES_MD_CLEAR);

	/* an explicit --config-file comes last and wins again */
	assert_int_equal(load(&c, "override", NOVA "/extra-flags.conf", NULL), 0);
	assert_int_equal(c.n_files, 3);
	assert_int_equal(nova_md_clear_flag(&c), 0);
	assert_int_equal(verdict(&c, 0, 0, &f), NOVA_NO_MD_CLEAR);
}

static void devstack_cpu_conf(void **state)
{
	struct nova_conf c;

	assert_int_equal(load(&c, "devstack", NULL, NULL), 0);
	assert_string_equal(c.eff_virt_type, "qemu");
	assert_int_equal(c.mode, NOVA_MODE_NONE);
	assert_non_null(strstr(c.cpu_mode.origin, "nova-cpu.conf"));
}

static void config_dir_sorted(void **state)
{
	struct nova_conf c;

	assert_int_equal(load(&c, "none", NULL, NOVA "/confdir"), 0);
	assert_int_equal(c.n_files, 2);	/* README.txt is not read */
	assert_non_null(strstr(c.files[0], "10-mode.conf"));
	assert_int_equal(c.mode, NOVA_MODE_CUSTOM);
	assert_int_equal(c.n_models, 1);
	assert_string_equal(c.models[0], "Skylake-Server-IBRS");
	assert_int_equal(nova_md_clear_flag(&c), 1);
}

static void malformed_names_file_and_line(void **state)
{
	struct nova_conf c;

	assert_int_equal(load(&c, "malformed", NULL, NULL), -EINVAL);
	assert_non_null(strstr(err, "/malformed/etc/nova/nova.conf:6: malformed line "
			       "(no ':' or '=' in an assignment)"));
}

static void invalid_mode_is_an_error(void **state)
{
	struct nova_conf c;

	assert_int_equal(load(&c, "bad-mode", NULL, NULL), -EINVAL);
	assert_non_null(strstr(err, "nova.conf:2: [libvirt] cpu_mode = 'Host-Model' is not one of"));
}

static void missing_named_file(void **state)
{
	struct nova_conf c;

	assert_int_equal(load(&c, "default-kvm", NOVA "/no-such.conf", NULL), -ENOENT);
	assert_non_null(strstr(err, "no-such.conf: No such file or directory"));
	assert_int_equal(load(&c, "default-kvm", NULL, NOVA "/no-such-dir"), -ENOENT);
}

static void continuation_and_new_name_wins(void **state)
{
	struct nova_conf c = { 0 };

	assert_int_equal(nova_load_string(&c, "[libvirt]\ncpu_mode = custom\n"
					  "cpu_model = Westmere\ncpu_models = Haswell,\n"
					  "  Broadwell\n[other]\ncpu_models = Nope\n",
					  "mem", err, sizeof(err)), 0);
	assert_int_equal(nova_finish(&c, err, sizeof(err)), 0);
	assert_false(c.models_from_old_name);
	assert_int_equal(c.n_models, 2);
	assert_string_equal(c.models[0], "Haswell");
	assert_string_equal(c.models[1], "Broadwell");
}

static void custom_without_models_is_an_error(void **state)
{
	struct nova_conf c = { 0 };

	assert_int_equal(nova_load_string(&c, "[libvirt]\ncpu_mode=custom\n", "mem", err,
					  sizeof(err)), 0);
	assert_int_equal(nova_finish(&c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "without cpu_models"));
}

/* The fail-open cases of issue 10, one by one (tests/nova compares the rest). */
static void oslo_syntax(void **state)
{
	static const struct {
		const char *text;
		int ret;
		const char *mode;	/* cpu_mode as read, or the error's text */
	} cases[] = {
		{ "[LIBVIRT]\ncpu_mode = none\n", 0, "none" },
		{ "[libvirt]\ncpu_mode = host-model\ncpu_mode = none\n", 0, "none" },
		{ "[libvirt]\ncpu_mode = \"none\"\n", 0, "none" },
		{ "[libvirt]\n#" "01234567890123456789012345678901234567890123456789"
		  "01234567890123456789012345678901234567890123456789"
		  "01234567890123456789012345678901234567890123456789"
		  "01234567890123456789012345678901234567890123456789"
		  "cpu_mode = none\n", 0, NULL },
		{ "cpu_mode = none\n[libvirt]\n", -EINVAL, "before any [section]" },
		{ "[libvirt]\ncpu_mode = n\xffne\n", -EINVAL, ":2: not UTF-8 at byte" },
		{ "[libvirt]\n# c\n  orphan\n", -EINVAL, ":3: malformed line (unexpected continuation" },
		{ "[libvirt]\r\ncpu_mode = none\rvirt_type = lxc", 0, "none" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct nova_conf c = { 0 };
		int ret = nova_load_string(&c, cases[i].text, "mem", err, sizeof(err));

		assert_int_equal(ret, cases[i].ret);
		if (ret)
			assert_non_null(strstr(err, cases[i].mode));
		else if (cases[i].mode)
			assert_string_equal(c.cpu_mode.value, cases[i].mode);
		else
			assert_string_equal(c.cpu_mode.origin, "");
	}
}

/* Files that could block or never end are refused before reading. */
static void only_regular_files(void **state)
{
	char dir[] = "/tmp/mdscope-nova.XXXXXX", path[PATH_MAX], big[PATH_MAX];
	struct nova_source src = { .root = "/nonexistent" };
	struct nova_conf c;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/fifo.conf", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	src.args[src.n_args++] = (struct nova_path){ path, false };
	assert_int_equal(nova_load(&src, &c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "fifo.conf: is a FIFO, not a regular file"));
	src.args[0] = (struct nova_path){ dir, true };		/* the FIFO in a dir */
	assert_int_equal(nova_load(&src, &c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "fifo.conf: is a FIFO"));
	src.args[0] = (struct nova_path){ "/dev/zero", false };
	assert_int_equal(nova_load(&src, &c, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "/dev/zero: is a character device, not a regular file");
	src.args[0] = (struct nova_path){ dir, false };
	assert_int_equal(nova_load(&src, &c, err, sizeof(err)), -EISDIR);
	src.args[0] = (struct nova_path){ path, true };		/* a FIFO as a dir */
	assert_int_equal(nova_load(&src, &c, err, sizeof(err)), -ENOTDIR);
	unlink(path);

	snprintf(big, sizeof(big), "%s/big.conf", dir);
	f = fopen(big, "w");
	assert_non_null(f);
	fprintf(f, "[libvirt]\ncpu_mode = none\n");
	assert_int_equal(fseek(f, NOVA_FILE_MAX, SEEK_SET), 0);
	fputc('\n', f);
	fclose(f);
	src.args[0] = (struct nova_path){ big, false };
	assert_int_equal(nova_load(&src, &c, err, sizeof(err)), -EFBIG);
	assert_non_null(strstr(err, "big.conf: larger than 1048576 bytes"));
	f = fopen(big, "w");					/* exactly the limit: read */
	assert_non_null(f);
	fprintf(f, "[libvirt]\ncpu_mode = none\n#");
	for (long n = ftell(f); n < NOVA_FILE_MAX - 1; n++)
		fputc('x', f);
	fputc('\n', f);
	assert_int_equal(ftell(f), NOVA_FILE_MAX);
	fclose(f);
	assert_int_equal(nova_load(&src, &c, err, sizeof(err)), 0);
	assert_int_equal(c.mode, NOVA_MODE_NONE);
	unlink(big);

	/* a name that is not UTF-8 is shown escaped, so JSON stays valid */
	snprintf(path, sizeof(path), "%s/\xff.conf", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "[libvirt]\ncpu_mode = host-passthrough\n");
	fclose(f);
	src.args[0] = (struct nova_path){ dir, true };
	assert_int_equal(nova_load(&src, &c, err, sizeof(err)), 0);
	assert_int_equal(c.n_files, 1);
	assert_non_null(strstr(c.files[0], "/\\xff.conf"));
	assert_int_equal(c.mode, NOVA_MODE_HOST_PASSTHROUGH);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(default_mode_kvm),
		cmocka_unit_test(default_mode_qemu_and_lxc),
		cmocka_unit_test(no_files_at_all),
		cmocka_unit_test(host_passthrough),
		cmocka_unit_test(custom_models_with_md_clear),
		cmocka_unit_test(custom_old_cpu_model_without_flag),
		cmocka_unit_test(minus_prefix_and_case),
		cmocka_unit_test(unusable_model_refused),
		cmocka_unit_test(compute_file_overrides),
		cmocka_unit_test(devstack_cpu_conf),
		cmocka_unit_test(config_dir_sorted),
		cmocka_unit_test(malformed_names_file_and_line),
		cmocka_unit_test(invalid_mode_is_an_error),
		cmocka_unit_test(missing_named_file),
		cmocka_unit_test(continuation_and_new_name_wins),
		cmocka_unit_test(custom_without_models_is_an_error),
		cmocka_unit_test(oslo_syntax),
		cmocka_unit_test(only_regular_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
