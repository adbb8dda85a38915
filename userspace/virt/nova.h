/* SPDX-License-Identifier: GPL-2.0 */
/* Nova's [libvirt] CPU settings, read the way nova-compute reads them. */
#ifndef MDSCOPE_NOVA_H
#define MDSCOPE_NOVA_H

#include <stdbool.h>
#include <limits.h>

#define NOVA_MAX_FILES	64	/* files read, defaults and dirs included */
#define NOVA_MAX_ARGS	32	/* --config-file and --config-dir arguments */
#define NOVA_MAX_MODELS	16
#define NOVA_MAX_FLAGS	32
#define NOVA_NAME_LEN	64

enum nova_mode {
	NOVA_MODE_HOST_MODEL,
	NOVA_MODE_HOST_PASSTHROUGH,
	NOVA_MODE_CUSTOM,
	NOVA_MODE_NONE,
};

struct nova_flag {
	char item[NOVA_NAME_LEN];	/* as oslo.config gives it */
	char name[NOVA_NAME_LEN];	/* lower case, prefix stripped */
	bool disable;			/* written as -name */
};

/* One option's value and the file:line that set it last. */
struct nova_opt {
	char value[1024];
	char origin[PATH_MAX + 16];	/* "" when not set anywhere */
	bool too_long;			/* the value did not fit: an error */
};

struct nova_conf {
	/* Files read, in order (non-UTF-8 bytes shown as \xNN). */
	char files[NOVA_MAX_FILES][PATH_MAX];
	int n_files;

	/* oslo.config's resolved values; cpu_models may come from cpu_model. */
	struct nova_opt virt_type, cpu_mode, cpu_models, extra_flags;
	bool models_from_old_name;	/* came from the deprecated cpu_model */

	/* Effective values after defaults. */
	char eff_virt_type[32];
	enum nova_mode mode;
	bool mode_defaulted;
	char models[NOVA_MAX_MODELS][NOVA_NAME_LEN];	/* oslo's list items */
	int n_models;
	struct nova_flag flags[NOVA_MAX_FLAGS];
	int n_flags;
};

/* One --config-file or --config-dir argument. */
struct nova_path {
	const char *path;
	bool dir;
};

/* Where to look: root prefixes the default /etc/nova files and dirs only. */
struct nova_source {
	const char *root;
	struct nova_path args[NOVA_MAX_ARGS];	/* in command-line order */
	int n_args;
};

/*
 * Read every file in nova-compute's order into conf and resolve the options
 * as oslo.config does (nova_read.c says how). On failure returns -errno and
 * writes one line (naming file:line for a malformed file) into err.
 */
int nova_read(const struct nova_source *src, struct nova_conf *conf,
	      char *err, size_t errlen);

/* Parse one text as if it were the next file, shown as origin (tests). */
int nova_read_text(struct nova_conf *conf, const char *text, size_t len,
		   const char *origin, char *err, size_t errlen);

/* nova_read() then nova_finish(). */
int nova_load(const struct nova_source *src, struct nova_conf *conf,
	      char *err, size_t errlen);

/* nova_read_text() of a C string (tests). */
int nova_load_string(struct nova_conf *conf, const char *text,
		     const char *origin, char *err, size_t errlen);

/*
 * Check the choices (virt_type, cpu_mode) as oslo.config does, apply Nova's
 * defaults and split the lists as oslo's ListOpt does; call after the last
 * read.
 */
int nova_finish(struct nova_conf *conf, char *err, size_t errlen);

const char *nova_mode_name(enum nova_mode mode);

/* Tri-state answers: 1 yes, 0 no, -1 unknown. */
struct nova_host_view {
	int host_model_md_clear;	/* host-model expansion carries md-clear */
	int passthrough_md_clear;	/* the host CPU has md-clear */
	/* can a guest run model + md-clear here (libvirt's comparison) */
	int (*model_md_clear)(void *ctx, const char *model);
	/* is model usable here at all, without md-clear */
	int (*model_usable)(void *ctx, const char *model);
	void *ctx;
};

enum nova_verdict {
	NOVA_GIVES_MD_CLEAR,		/* new guests get md-clear */
	NOVA_NO_MD_CLEAR,		/* config does not ask for it */
	NOVA_HOST_LACKS,		/* config would pass it on, host has none */
	NOVA_WILL_REFUSE,		/* model+flags the host cannot provide */
	NOVA_UNKNOWN,
};

const char *nova_verdict_name(enum nova_verdict v);

/* 1 enabled by the extra flags, 0 disabled ("-md-clear"), -1 not named. */
int nova_md_clear_flag(const struct nova_conf *conf);

/* Decide whether a guest Nova starts now gets md-clear; why goes to msg. */
enum nova_verdict nova_verdict(const struct nova_conf *conf,
			       const struct nova_host_view *host,
			       char *msg, size_t msglen);

#endif
