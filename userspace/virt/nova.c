// SPDX-License-Identifier: GPL-2.0
/*
 * Nova's [libvirt] CPU options. nova-compute reads /etc/nova/nova.conf, then
 * its own service file (nova-cpu.conf in DevStack, nova-compute.conf in
 * Debian/Ubuntu) and every --config-file/--config-dir it was given; an option
 * set in a later file replaces the earlier value. INI parsing is libinih's.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ini.h>

#include "nova.h"

static const char *const default_files[] = {
	"/etc/nova/nova.conf",
	"/etc/nova/nova-cpu.conf",
	"/etc/nova/nova-compute.conf",
};

static const char *const mode_names[] = {
	[NOVA_MODE_HOST_MODEL] = "host-model",
	[NOVA_MODE_HOST_PASSTHROUGH] = "host-passthrough",
	[NOVA_MODE_CUSTOM] = "custom",
	[NOVA_MODE_NONE] = "none",
};

static const char *const verdict_names[] = {
	[NOVA_GIVES_MD_CLEAR] = "gives_md_clear",
	[NOVA_NO_MD_CLEAR] = "no_md_clear",
	[NOVA_HOST_LACKS] = "host_lacks_md_clear",
	[NOVA_WILL_REFUSE] = "will_refuse_to_start",
	[NOVA_UNKNOWN] = "unknown",
};

const char *nova_mode_name(enum nova_mode mode)
{
	return mode_names[mode];
}

const char *nova_verdict_name(enum nova_verdict v)
{
	return verdict_names[v];
}

/* The options we read, by name, and where each one lands. */
static struct nova_opt *opt_slot(struct nova_conf *c, const char *name)
{
	static const struct {
		const char *name;
		size_t off;
	} opts[] = {
		{ "virt_type", offsetof(struct nova_conf, virt_type) },
		{ "cpu_mode", offsetof(struct nova_conf, cpu_mode) },
		{ "cpu_models", offsetof(struct nova_conf, cpu_models) },
		{ "cpu_model", offsetof(struct nova_conf, cpu_model) },
		{ "cpu_model_extra_flags", offsetof(struct nova_conf, extra_flags) },
	};

	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (!strcmp(name, opts[i].name))
			return (struct nova_opt *)((char *)c + opts[i].off);
	return NULL;
}

struct parse_ctx {
	struct nova_conf *conf;
	const char *origin;
	struct nova_opt *last;		/* for configparser continuation lines */
};

static int on_value(void *user, const char *section, const char *name,
		    const char *value)
{
	struct parse_ctx *p = user;
	struct nova_opt *o;

	if (strcmp(section, "libvirt")) {
		p->last = NULL;
		return 1;
	}
	o = opt_slot(p->conf, name);
	if (!o)
		return 1;
	if (o == p->last) {	/* a continuation line of a multi-line value */
		size_t n = strlen(o->value);

		snprintf(o->value + n, sizeof(o->value) - n, ",%s", value);
		return 1;
	}
	snprintf(o->value, sizeof(o->value), "%s", value);
	snprintf(o->origin, sizeof(o->origin), "%s", p->origin);
	p->last = o;
	return 1;
}

static int note_file(struct nova_conf *c, const char *path, char *err, size_t errlen)
{
	if (c->n_files >= NOVA_MAX_FILES) {
		snprintf(err, errlen, "%s: more than %d Nova configuration files", path,
			 NOVA_MAX_FILES);
		return -E2BIG;
	}
	snprintf(c->files[c->n_files++], PATH_MAX, "%s", path);
	return 0;
}

static int parse_result(int rc, const char *origin, char *err, size_t errlen)
{
	if (rc > 0) {
		snprintf(err, errlen, "%s:%d: malformed line (expected [section], "
			 "key = value or a comment)", origin, rc);
		return -EINVAL;
	}
	if (rc < 0) {
		snprintf(err, errlen, "%s: cannot parse (out of memory)", origin);
		return -ENOMEM;
	}
	return 0;
}

int nova_load_string(struct nova_conf *conf, const char *text, const char *origin,
		     char *err, size_t errlen)
{
	struct parse_ctx p = { conf, origin, NULL };
	int ret = note_file(conf, origin, err, errlen);

	if (ret)
		return ret;
	return parse_result(ini_parse_string(text, on_value, &p), origin, err, errlen);
}

/* optional: an absent file is skipped (Nova's own defaults), else an error. */
static int load_file(struct nova_conf *conf, const char *path, bool optional,
		     char *err, size_t errlen)
{
	struct parse_ctx p = { conf, path, NULL };
	FILE *f = fopen(path, "re");
	int ret;

	if (!f) {
		if (optional && errno == ENOENT)
			return 0;
		ret = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return ret;
	}
	ret = note_file(conf, path, err, errlen);
	if (!ret)
		ret = parse_result(ini_parse_file(f, on_value, &p), path, err, errlen);
	fclose(f);
	return ret;
}

static int is_conf(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 5 && !strcmp(d->d_name + n - 5, ".conf");
}

/* oslo.config reads a config dir's *.conf files in sorted order. */
static int load_dir(struct nova_conf *conf, const char *dir, char *err, size_t errlen)
{
	struct dirent **names;
	char path[PATH_MAX];
	int n, ret = 0;

	n = scandir(dir, &names, is_conf, alphasort);
	if (n < 0) {
		ret = -errno;
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return ret;
	}
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if (!ret)
			ret = load_file(conf, path, false, err, errlen);
		free(names[i]);
	}
	free(names);
	return ret;
}

int nova_load(const struct nova_source *src, struct nova_conf *conf,
	      char *err, size_t errlen)
{
	char path[PATH_MAX];
	int ret;

	memset(conf, 0, sizeof(*conf));
	for (size_t i = 0; i < sizeof(default_files) / sizeof(default_files[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", src->root ? src->root : "",
			 default_files[i]);
		ret = load_file(conf, path, true, err, errlen);
		if (ret)
			return ret;
	}
	for (int i = 0; i < src->n_config_files; i++) {
		ret = load_file(conf, src->config_files[i], false, err, errlen);
		if (ret)
			return ret;
	}
	for (int i = 0; i < src->n_config_dirs; i++) {
		ret = load_dir(conf, src->config_dirs[i], err, errlen);
		if (ret)
			return ret;
	}
	return nova_finish(conf, err, errlen);
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Split a comma list; fn gets each non-empty trimmed item. */
static int split_list(const char *list, int (*fn)(struct nova_conf *, char *),
		      struct nova_conf *c)
{
	char buf[sizeof(((struct nova_opt *)0)->value)], *save, *tok;
	int ret;

	snprintf(buf, sizeof(buf), "%s", list);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		tok = trim(tok);
		if (*tok && (ret = fn(c, tok)))
			return ret;
	}
	return 0;
}

static int add_model(struct nova_conf *c, char *name)
{
	if (c->n_models >= NOVA_MAX_MODELS)
		return -E2BIG;
	snprintf(c->models[c->n_models++], NOVA_NAME_LEN, "%s", name);
	return 0;
}

/* Nova lower-cases the flags; "+flag" enables, "-flag" disables. */
static int add_flag(struct nova_conf *c, char *name)
{
	struct nova_flag *f;

	if (c->n_flags >= NOVA_MAX_FLAGS)
		return -E2BIG;
	f = &c->flags[c->n_flags++];
	f->disable = *name == '-';
	if (*name == '+' || *name == '-')
		name = trim(name + 1);
	for (char *s = name; *s; s++)
		*s = tolower((unsigned char)*s);
	snprintf(f->name, sizeof(f->name), "%s", name);
	return 0;
}

int nova_finish(struct nova_conf *c, char *err, size_t errlen)
{
	const struct nova_opt *models;
	char mode[32];

	snprintf(c->eff_virt_type, sizeof(c->eff_virt_type), "%s",
		 c->virt_type.origin[0] ? trim(c->virt_type.value) : "kvm");

	/* Nova: host-model for kvm and qemu when unset, none for the rest. */
	c->mode_defaulted = !c->cpu_mode.origin[0];
	if (c->mode_defaulted)
		snprintf(mode, sizeof(mode), "%s",
			 !strcmp(c->eff_virt_type, "kvm") || !strcmp(c->eff_virt_type, "qemu") ?
			 "host-model" : "none");
	else
		snprintf(mode, sizeof(mode), "%s", trim(c->cpu_mode.value));
	for (c->mode = 0; c->mode < sizeof(mode_names) / sizeof(mode_names[0]); c->mode++)
		if (!strcmp(mode, mode_names[c->mode]))
			break;
	if (c->mode == sizeof(mode_names) / sizeof(mode_names[0])) {
		snprintf(err, errlen, "%s: [libvirt] cpu_mode = %s is not one of host-model, "
			 "host-passthrough, custom, none (nova-compute will not start)",
			 c->cpu_mode.origin, mode);
		return -EINVAL;
	}

	/* cpu_models replaced cpu_model; the new name wins when both are set. */
	c->models_from_old_name = !c->cpu_models.origin[0] && c->cpu_model.origin[0];
	models = c->models_from_old_name ? &c->cpu_model : &c->cpu_models;
	c->n_models = c->n_flags = 0;
	if (split_list(models->value, add_model, c) ||
	    split_list(c->extra_flags.value, add_flag, c)) {
		snprintf(err, errlen, "%s: [libvirt] too many CPU models or extra flags",
			 models->origin[0] ? models->origin : c->extra_flags.origin);
		return -E2BIG;
	}
	if (c->mode == NOVA_MODE_CUSTOM && !c->n_models) {
		snprintf(err, errlen, "%s: [libvirt] cpu_mode = custom without cpu_models "
			 "(nova-compute will not start)",
			 c->cpu_mode.origin[0] ? c->cpu_mode.origin : "nova.conf");
		return -EINVAL;
	}
	return 0;
}

/* libvirt spells it md-clear; accept the Linux spelling too. */
int nova_md_clear_flag(const struct nova_conf *c)
{
	int state = -1;

	for (int i = 0; i < c->n_flags; i++)
		if (!strcmp(c->flags[i].name, "md-clear") ||
		    !strcmp(c->flags[i].name, "md_clear"))
			state = !c->flags[i].disable;
	return state;
}

static enum nova_verdict by_host(int has, const char *what, char *msg, size_t len)
{
	if (has > 0) {
		snprintf(msg, len, "%s: new guests get md-clear from the host", what);
		return NOVA_GIVES_MD_CLEAR;
	}
	if (!has) {
		snprintf(msg, len, "%s would pass md-clear on, but the host cannot "
			 "provide it (update microcode)", what);
		return NOVA_HOST_LACKS;
	}
	snprintf(msg, len, "%s: md-clear depends on the host, which could not be asked", what);
	return NOVA_UNKNOWN;
}

enum nova_verdict nova_verdict(const struct nova_conf *c, const struct nova_host_view *h,
			       char *msg, size_t len)
{
	int flag = nova_md_clear_flag(c);
	const char *model;
	int ok;

	switch (c->mode) {
	case NOVA_MODE_NONE:
		snprintf(msg, len, "cpu_mode = none: guests get the hypervisor's default "
			 "CPU without md-clear; set cpu_mode = host-model");
		return NOVA_NO_MD_CLEAR;
	case NOVA_MODE_HOST_MODEL:
	case NOVA_MODE_HOST_PASSTHROUGH:
		if (flag == 0) {
			snprintf(msg, len, "cpu_model_extra_flags removes md-clear (-md-clear)");
			return NOVA_NO_MD_CLEAR;
		}
		if (c->mode == NOVA_MODE_HOST_MODEL)
			return by_host(h->host_model_md_clear, "cpu_mode = host-model", msg, len);
		return by_host(h->passthrough_md_clear, "cpu_mode = host-passthrough", msg, len);
	case NOVA_MODE_CUSTOM:
		break;
	}
	/* Nova applies the extra flags to the first model it can use. */
	model = c->models[0];
	if (h->model_usable && !h->model_usable(h->ctx, model)) {
		snprintf(msg, len, "cpu_mode = custom, cpu_models = %s: the host cannot run "
			 "this model, so nova-compute will refuse to start", model);
		return NOVA_WILL_REFUSE;
	}
	if (flag != 1) {
		snprintf(msg, len, "cpu_mode = custom, cpu_models = %s: md-clear is %s "
			 "cpu_model_extra_flags; add md-clear there", model,
			 flag == 0 ? "removed by" : "not in");
		return NOVA_NO_MD_CLEAR;
	}
	ok = h->model_md_clear ? h->model_md_clear(h->ctx, model) : -1;
	if (ok > 0) {
		snprintf(msg, len, "cpu_mode = custom, %s + md-clear: the host can run it; "
			 "new guests get md-clear", model);
		return NOVA_GIVES_MD_CLEAR;
	}
	if (!ok) {
		snprintf(msg, len, "cpu_mode = custom, %s + md-clear: the host cannot provide "
			 "it, so nova-compute will refuse to start (update microcode or "
			 "the model)", model);
		return NOVA_WILL_REFUSE;
	}
	snprintf(msg, len, "cpu_mode = custom, %s + md-clear: libvirt could not be asked "
		 "whether the host can run it", model);
	return NOVA_UNKNOWN;
}
