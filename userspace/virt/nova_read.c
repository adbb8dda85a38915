// SPDX-License-Identifier: GPL-2.0
/*
 * Which Nova files are read, in which order, and which value wins: the part
 * of oslo.config's cfg.py that nova-compute runs before Nova sees an option.
 *
 * Order. Debian's init script starts nova-compute with --config-file for
 * /etc/nova/nova.conf and /etc/nova/nova-compute.conf (DevStack passes
 * nova-cpu.conf), and no --config-dir, so oslo.config first reads its default
 * dirs /etc/nova/nova.conf.d and /etc/nova/nova-compute.conf.d (each when it
 * exists, its *.conf in sorted order), then the --config-file files. mdscope
 * does the same with the files that exist (below --nova-root), then reads
 * its own --config-file and --config-dir arguments in command-line order, as
 * argparse hands them to oslo.config; an explicit --config-dir replaces the
 * default dirs, as it does for nova-compute. A named file or dir that is
 * missing is an error (oslo: ConfigFilesNotFoundError, ConfigDirNotFound).
 *
 * Values. Section names fold to lower case ([LIBVIRT] is [libvirt]); a key
 * repeated in one file keeps its last value; a later file wins over an
 * earlier one. cpu_models has the deprecated name cpu_model: oslo looks for
 * both in the newest file that has either, the new name first, so a later
 * file's cpu_model beats an earlier file's cpu_models.
 *
 * Refused where oslo.config would go on (the verdict would be a guess): a
 * value longer than the buffers below, a value holding '$' (oslo substitutes
 * $name and ${group.name} from other options; mdscope does not evaluate
 * that), a --config-dir that is not a directory (oslo reads nothing from
 * it), and every file that is not a regular file of at most NOVA_FILE_MAX
 * bytes (oslo would block on a FIFO or read /dev/zero forever). Not seen at
 * all: the environment (OS_LIBVIRT__CPU_MODE) and ~/.nova, which only
 * nova-compute's own process and home have.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nova.h"
#include "nova_files.h"
#include "nova_ini.h"

static const char *const default_dirs[] = {
	"/etc/nova/nova.conf.d",
	"/etc/nova/nova-compute.conf.d",
};

static const char *const default_files[] = {
	"/etc/nova/nova.conf",
	"/etc/nova/nova-cpu.conf",
	"/etc/nova/nova-compute.conf",
};

enum { OPT_VIRT_TYPE, OPT_CPU_MODE, OPT_CPU_MODELS, OPT_CPU_MODEL, OPT_EXTRA_FLAGS, N_OPTS };

static const char *const opt_names[N_OPTS] = {
	[OPT_VIRT_TYPE] = "virt_type",
	[OPT_CPU_MODE] = "cpu_mode",
	[OPT_CPU_MODELS] = "cpu_models",
	[OPT_CPU_MODEL] = "cpu_model",
	[OPT_EXTRA_FLAGS] = "cpu_model_extra_flags",
};

/* One file's [libvirt] values: the last assignment of each name. */
struct file_vals {
	struct nova_conf *conf;
	const char *origin;
	struct nova_opt opt[N_OPTS];
};

static int on_value(void *ctx, const char *section, const char *key, const char *value,
		    int lineno)
{
	struct file_vals *f = ctx;
	struct nova_opt *o;
	size_t n;

	if (!nova_ini_section_is(section, "libvirt"))
		return 0;
	for (int i = 0; i < N_OPTS; i++) {
		if (strcmp(key, opt_names[i]))
			continue;
		o = &f->opt[i];
		n = strlen(value);
		o->too_long = n >= sizeof(o->value);
		snprintf(o->value, sizeof(o->value), "%s", o->too_long ? "" : value);
		snprintf(o->origin, sizeof(o->origin), "%s:%d", f->origin, lineno);
	}
	return 0;
}

static int note_file(struct nova_conf *c, const char *shown, char *err, size_t errlen)
{
	if (c->n_files >= NOVA_MAX_FILES) {
		snprintf(err, errlen, "%s: more than %d Nova configuration files", shown,
			 NOVA_MAX_FILES);
		return -E2BIG;
	}
	snprintf(c->files[c->n_files++], PATH_MAX, "%s", shown);
	return 0;
}

/* A later file wins; for the models, the newest file naming either name. */
static void merge(struct nova_conf *c, const struct file_vals *f)
{
	struct nova_opt *const dst[N_OPTS] = {
		[OPT_VIRT_TYPE] = &c->virt_type,
		[OPT_CPU_MODE] = &c->cpu_mode,
		[OPT_CPU_MODELS] = &c->cpu_models,
		[OPT_EXTRA_FLAGS] = &c->extra_flags,
	};

	for (int i = 0; i < N_OPTS; i++)
		if (dst[i] && f->opt[i].origin[0])
			*dst[i] = f->opt[i];
	if (f->opt[OPT_CPU_MODELS].origin[0]) {
		c->models_from_old_name = false;
	} else if (f->opt[OPT_CPU_MODEL].origin[0]) {
		c->cpu_models = f->opt[OPT_CPU_MODEL];
		c->models_from_old_name = true;
	}
}

int nova_read_text(struct nova_conf *conf, const char *text, size_t len, const char *shown,
		   char *err, size_t errlen)
{
	struct file_vals *f;
	int ret = note_file(conf, shown, err, errlen);

	if (ret)
		return ret;
	f = calloc(1, sizeof(*f));
	if (!f) {
		snprintf(err, errlen, "%s: out of memory", shown);
		return -ENOMEM;
	}
	f->conf = conf;
	f->origin = shown;
	ret = nova_ini_parse(text, len, shown, on_value, f, err, errlen);
	if (!ret)
		merge(conf, f);
	free(f);
	return ret;
}

/* optional: a default file that does not exist is skipped. */
static int read_file(struct nova_conf *conf, const char *path, bool optional,
		     char *err, size_t errlen)
{
	char shown[PATH_MAX], *text;
	size_t len;
	int ret;

	nova_ini_escape(shown, sizeof(shown), path, strlen(path));
	ret = nova_file_read(path, shown, &text, &len, err, errlen);
	if (ret == -ENOENT && optional)
		return 0;
	if (ret)
		return ret;
	ret = nova_read_text(conf, text, len, shown, err, errlen);
	free(text);
	return ret;
}

/* optional: a default dir that does not exist is skipped. */
static int read_dir(struct nova_conf *conf, const char *dir, bool optional,
		    char *err, size_t errlen)
{
	char shown[PATH_MAX], path[PATH_MAX], **names;
	int n, ret;

	nova_ini_escape(shown, sizeof(shown), dir, strlen(dir));
	ret = nova_dir_list(dir, shown, &names, &n, err, errlen);
	if (ret == -ENOENT && optional)
		return 0;
	for (int i = 0; !ret && i < n; i++) {
		if (snprintf(path, sizeof(path), "%s/%s", dir, names[i]) >= (int)sizeof(path)) {
			snprintf(err, errlen, "%s: a file name in it is too long", shown);
			ret = -ENAMETOOLONG;
		} else {
			ret = read_file(conf, path, false, err, errlen);
		}
	}
	nova_dir_free(names, n);
	return ret;
}

static int read_defaults(const struct nova_source *src, struct nova_conf *conf, bool dirs,
			 char *err, size_t errlen)
{
	const char *root = src->root ? src->root : "";
	char path[PATH_MAX];
	int ret;

	for (size_t i = 0; dirs && i < sizeof(default_dirs) / sizeof(default_dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", root, default_dirs[i]);
		ret = read_dir(conf, path, true, err, errlen);
		if (ret)
			return ret;
	}
	for (size_t i = 0; i < sizeof(default_files) / sizeof(default_files[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", root, default_files[i]);
		ret = read_file(conf, path, true, err, errlen);
		if (ret)
			return ret;
	}
	return 0;
}

/* oslo.config hands '$' to string.Template; mdscope does not evaluate it. */
static int check_values(const struct nova_conf *c, char *err, size_t errlen)
{
	const struct nova_opt *const opts[] = {
		&c->virt_type, &c->cpu_mode, &c->cpu_models, &c->extra_flags,
	};

	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		if (opts[i]->too_long) {
			snprintf(err, errlen, "%s: [libvirt] value longer than %zu bytes",
				 opts[i]->origin, sizeof(opts[i]->value) - 1);
			return -E2BIG;
		}
		if (strchr(opts[i]->value, '$')) {
			snprintf(err, errlen, "%s: [libvirt] value with '$' (oslo.config "
				 "substitution, not evaluated by mdscope)", opts[i]->origin);
			return -EINVAL;
		}
	}
	return 0;
}

int nova_read(const struct nova_source *src, struct nova_conf *conf, char *err, size_t errlen)
{
	bool own_dirs = false;
	int ret;

	memset(conf, 0, sizeof(*conf));
	for (int i = 0; i < src->n_args; i++)
		own_dirs |= src->args[i].dir;
	ret = read_defaults(src, conf, !own_dirs, err, errlen);
	for (int i = 0; !ret && i < src->n_args; i++)
		ret = src->args[i].dir ? read_dir(conf, src->args[i].path, false, err, errlen) :
			read_file(conf, src->args[i].path, false, err, errlen);
	return ret ? ret : check_values(conf, err, errlen);
}
