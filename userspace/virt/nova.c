// SPDX-License-Identifier: GPL-2.0
/*
 * Nova's [libvirt] CPU options once oslo.config has resolved them
 * (nova_read.c): the choices oslo checks, the lists it splits, the defaults
 * Nova applies, and whether a guest Nova starts now gets md-clear.
 */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nova.h"
#include "nova_ini.h"

static const char *const mode_names[] = {
	[NOVA_MODE_HOST_MODEL] = "host-model",
	[NOVA_MODE_HOST_PASSTHROUGH] = "host-passthrough",
	[NOVA_MODE_CUSTOM] = "custom",
	[NOVA_MODE_NONE] = "none",
};

/* nova/conf/libvirt.py: StrOpt('virt_type', choices=...), case-sensitive. */
static const char *const virt_types[] = { "kvm", "lxc", "qemu", "parallels" };

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

int nova_load(const struct nova_source *src, struct nova_conf *conf,
	      char *err, size_t errlen)
{
	int ret = nova_read(src, conf, err, errlen);

	return ret ? ret : nova_finish(conf, err, errlen);
}

int nova_load_string(struct nova_conf *conf, const char *text, const char *origin,
		     char *err, size_t errlen)
{
	return nova_read_text(conf, text, strlen(text), origin, err, errlen);
}

/*
 * oslo's ListOpt: strip, drop trailing commas, split at every comma, strip
 * each item; empty items stay. fn gets each item.
 */
static int split_list(const char *list, int (*fn)(struct nova_conf *, const char *, size_t),
		      struct nova_conf *c)
{
	size_t len = strlen(list), n;
	const char *s = nova_ini_strip(list, &len), *end, *comma, *item;
	int ret;

	while (len && s[len - 1] == ',')
		len--;
	for (end = s + len; len && s <= end; s = comma + 1) {
		comma = memchr(s, ',', end - s);
		if (!comma)
			comma = end;
		n = comma - s;
		item = nova_ini_strip(s, &n);
		ret = fn(c, item, n);
		if (ret)
			return ret;
	}
	return 0;
}

static int add_model(struct nova_conf *c, const char *item, size_t n)
{
	if (c->n_models >= NOVA_MAX_MODELS || n >= NOVA_NAME_LEN)
		return -E2BIG;
	memcpy(c->models[c->n_models], item, n);
	c->models[c->n_models++][n] = '\0';
	return 0;
}

/* Nova lower-cases the flags; "+flag" enables, "-flag" disables. */
static int add_flag(struct nova_conf *c, const char *item, size_t n)
{
	struct nova_flag *f;
	char *name;

	if (c->n_flags >= NOVA_MAX_FLAGS || n >= NOVA_NAME_LEN)
		return -E2BIG;
	f = &c->flags[c->n_flags++];
	memcpy(f->item, item, n);
	f->item[n] = '\0';
	f->disable = *item == '-';
	name = f->item + (*item == '+' || *item == '-');
	while (isspace((unsigned char)*name))
		name++;
	snprintf(f->name, sizeof(f->name), "%s", name);
	for (char *s = f->name; *s; s++)
		*s = tolower((unsigned char)*s);
	return 0;
}

/* The first model Nova could try: empty list items name nothing. */
static const char *first_model(const struct nova_conf *c)
{
	for (int i = 0; i < c->n_models; i++)
		if (c->models[i][0])
			return c->models[i];
	return NULL;
}

static int bad_choice(const struct nova_opt *o, const char *name, const char *choices,
		      char *err, size_t errlen)
{
	char shown[128];

	nova_ini_escape(shown, sizeof(shown), o->value, strlen(o->value));
	snprintf(err, errlen, "%s: [libvirt] %s = '%s' is not one of %s (nova-compute "
		 "will not start)", o->origin, name, shown, choices);
	return -EINVAL;
}

int nova_finish(struct nova_conf *c, char *err, size_t errlen)
{
	const char *mode;
	size_t i;

	c->n_models = c->n_flags = 0;
	for (i = 0; i < sizeof(virt_types) / sizeof(virt_types[0]); i++)
		if (!strcmp(c->virt_type.origin[0] ? c->virt_type.value : "kvm", virt_types[i]))
			break;
	if (i == sizeof(virt_types) / sizeof(virt_types[0]))
		return bad_choice(&c->virt_type, "virt_type", "kvm, lxc, qemu, parallels",
				  err, errlen);
	snprintf(c->eff_virt_type, sizeof(c->eff_virt_type), "%s", virt_types[i]);

	/* Nova: host-model for kvm and qemu when unset, none for the rest. */
	c->mode_defaulted = !c->cpu_mode.origin[0];
	if (c->mode_defaulted)
		mode = !strcmp(c->eff_virt_type, "kvm") || !strcmp(c->eff_virt_type, "qemu") ?
			"host-model" : "none";
	else
		mode = c->cpu_mode.value;
	for (c->mode = 0; c->mode < sizeof(mode_names) / sizeof(mode_names[0]); c->mode++)
		if (!strcmp(mode, mode_names[c->mode]))
			break;
	if (c->mode == sizeof(mode_names) / sizeof(mode_names[0]))
		return bad_choice(&c->cpu_mode, "cpu_mode",
				  "host-model, host-passthrough, custom, none", err, errlen);

	if (split_list(c->cpu_models.value, add_model, c) ||
	    split_list(c->extra_flags.value, add_flag, c)) {
		snprintf(err, errlen, "%s: [libvirt] more than %d CPU models or %d extra flags, "
			 "or one longer than %d bytes",
			 c->cpu_models.origin[0] ? c->cpu_models.origin : c->extra_flags.origin,
			 NOVA_MAX_MODELS, NOVA_MAX_FLAGS, NOVA_NAME_LEN - 1);
		return -E2BIG;
	}
	if (c->mode == NOVA_MODE_CUSTOM && !first_model(c)) {
		snprintf(err, errlen, "%s: [libvirt] cpu_mode = custom without cpu_models "
			 "(nova-compute will not start)", c->cpu_mode.origin);
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
	char shown[NOVA_NAME_LEN * 4];
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
	model = first_model(c);
	nova_ini_escape(shown, sizeof(shown), model, strlen(model));
	if (h->model_usable && !h->model_usable(h->ctx, model)) {
		snprintf(msg, len, "cpu_mode = custom, cpu_models = %s: the host cannot run "
			 "this model, so nova-compute will refuse to start", shown);
		return NOVA_WILL_REFUSE;
	}
	if (flag != 1) {
		snprintf(msg, len, "cpu_mode = custom, cpu_models = %s: md-clear is %s "
			 "cpu_model_extra_flags; add md-clear there", shown,
			 flag == 0 ? "removed by" : "not in");
		return NOVA_NO_MD_CLEAR;
	}
	ok = h->model_md_clear ? h->model_md_clear(h->ctx, model) : -1;
	if (ok > 0) {
		snprintf(msg, len, "cpu_mode = custom, %s + md-clear: the host can run it; "
			 "new guests get md-clear", shown);
		return NOVA_GIVES_MD_CLEAR;
	}
	if (!ok) {
		snprintf(msg, len, "cpu_mode = custom, %s + md-clear: the host cannot provide "
			 "it, so nova-compute will refuse to start (update microcode or "
			 "the model)", shown);
		return NOVA_WILL_REFUSE;
	}
	snprintf(msg, len, "cpu_mode = custom, %s + md-clear: libvirt could not be asked "
		 "whether the host can run it", shown);
	return NOVA_UNKNOWN;
}
