// SPDX-License-Identifier: GPL-2.0
/*
 * The libkmod seam: load mdscope.ko when the family is missing, or say
 * exactly why it cannot be loaded. Every libkmod object is released. While
 * the module is being loaded or unloaded (its sysfs initstate), opening the
 * family is retried for a few seconds; the network namespace is named only
 * when /proc/self/ns/net really differs from /proc/1/ns/net.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <libkmod.h>

#include "kmod.h"
#include "nl.h"

#define MDS_MODULE "mdscope"

/* Tests point these at fixtures (and nap_ms at 0). */
static const char *proc_modules = "/proc/modules";
static const char *initstate_path = "/sys/module/" MDS_MODULE "/initstate";
static const char *netns_self = "/proc/self/ns/net";
static const char *netns_init = "/proc/1/ns/net";
static unsigned int nap_ms = 100;	/* between tries while the module comes or goes */
#define OPEN_TRIES	50		/* 5 s */

/* Why the module is unavailable: one sentence per case. */
enum why {
	WHY_NOT_X86,
	WHY_NO_MODULES,
	WHY_NO_KMOD,
	WHY_NOT_INSTALLED,
	WHY_PERM,
	WHY_LOAD,
	WHY_NETNS,
	WHY_GOING,
	WHY_COMING,
	WHY_SILENT,
	WHY_OPEN,
};

/* with_errno: the sentence does not say it all, append strerror. */
static const struct {
	const char *fmt;
	bool with_errno;
} why_fmt[] = {
	[WHY_NOT_X86] = { "mdscope.ko exists only for x86 and this machine is %s", false },
	[WHY_NO_MODULES] = { "kernel %s has no loadable module support (no /proc/modules)", false },
	[WHY_NO_KMOD] = { "cannot start libkmod for kernel %s", true },
	[WHY_NOT_INSTALLED] = { "mdscope.ko is not installed for kernel %s: "
				"install it with `make dkms-install` or `dkms install`", false },
	[WHY_PERM] = { "not permitted to load mdscope.ko into kernel %s: run as root", false },
	[WHY_LOAD] = { "loading mdscope.ko into kernel %s failed, see dmesg", true },
	[WHY_NETNS] = { "mdscope.ko is loaded in kernel %s but its netlink family is not "
			"visible here: it serves only the initial network namespace", false },
	[WHY_GOING] = { "mdscope.ko is being unloaded from kernel %s; try again", false },
	[WHY_COMING] = { "mdscope.ko is still being loaded into kernel %s; try again", false },
	[WHY_SILENT] = { "mdscope.ko is loaded in kernel %s but its netlink family does not "
			 "answer", false },
	[WHY_OPEN] = { "cannot open the mdscope netlink family on kernel %s", true },
};

/* Format the reason for w into why; returns err (negative). */
static int why_text(enum why w, const char *arg, int err, char *why, size_t len)
{
	int n = snprintf(why, len, why_fmt[w].fmt, arg);

	if (why_fmt[w].with_errno && n >= 0 && (size_t)n < len)
		snprintf(why + n, len - n, " (%s)", strerror(-err));
	return err;
}

static bool is_x86(const char *machine)
{
	static const char *const x86[] = { "x86_64", "i386", "i486", "i586", "i686" };

	for (size_t i = 0; i < sizeof(x86) / sizeof(x86[0]); i++)
		if (!strcmp(machine, x86[i]))
			return true;
	return false;
}

static void quiet(void *data, int priority, const char *file, int line,
		  const char *fn, const char *format, va_list args)
{
}

/* Insert the first module the lookup found; 0 if it is already live. */
static int insert(struct kmod_ctx *ctx, const char *release, char *why, size_t len)
{
	struct kmod_list *list = NULL;
	struct kmod_module *mod;
	int err;

	err = kmod_module_new_from_lookup(ctx, MDS_MODULE, &list);
	if (err < 0 || !list) {
		kmod_module_unref_list(list);
		return why_text(WHY_NOT_INSTALLED, release, -ENOENT, why, len);
	}
	mod = kmod_module_get_module(list);
	if (kmod_module_get_initstate(mod) == KMOD_MODULE_LIVE)
		err = 0;
	else
		err = kmod_module_probe_insert_module(mod, 0, NULL, NULL, NULL, NULL);
	kmod_module_unref(mod);
	kmod_module_unref_list(list);
	if (err == -EEXIST || err == 0)
		return 0;
	if (err > 0)		/* blacklisted or an install command refused */
		err = -ENOEXEC;
	if (err == -EPERM || err == -EACCES)
		return why_text(WHY_PERM, release, err, why, len);
	if (err == -ENOENT)
		return why_text(WHY_NOT_INSTALLED, release, err, why, len);
	return why_text(WHY_LOAD, release, err, why, len);
}

int mds_module_ensure(char *why, size_t len)
{
	struct kmod_ctx *ctx;
	struct utsname u;
	int err;

	why[0] = '\0';
	if (uname(&u) < 0)
		return why_text(WHY_NO_KMOD, "?", -errno, why, len);
	if (!is_x86(u.machine))
		return why_text(WHY_NOT_X86, u.machine, -ENOTSUP, why, len);
	if (access(proc_modules, F_OK) < 0)
		return why_text(WHY_NO_MODULES, u.release, -ENOSYS, why, len);
	ctx = kmod_new(NULL, NULL);
	if (!ctx)
		return why_text(WHY_NO_KMOD, u.release, -ENOMEM, why, len);
	kmod_set_log_fn(ctx, quiet, NULL);
	err = insert(ctx, u.release, why, len);
	kmod_unref(ctx);
	return err;
}

enum mds_module_state mds_module_state(void)
{
	char buf[16] = "";
	FILE *f = fopen(initstate_path, "re");

	if (!f)
		return errno == ENOENT ? MDS_MODULE_ABSENT : MDS_MODULE_UNKNOWN;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	if (!strcmp(buf, "live\n"))
		return MDS_MODULE_LIVE;
	if (!strcmp(buf, "coming\n"))
		return MDS_MODULE_COMING;
	if (!strcmp(buf, "going\n"))
		return MDS_MODULE_GOING;
	return MDS_MODULE_UNKNOWN;
}

const char *mds_module_race_text(void)
{
	static const char *const text[] = {
		[MDS_MODULE_ABSENT] = "the mdscope module was unloaded while mdscope asked it",
		[MDS_MODULE_COMING] = "the mdscope module is being loaded",
		[MDS_MODULE_LIVE] = "the mdscope module was reloaded while mdscope asked it",
		[MDS_MODULE_GOING] = "the mdscope module is being unloaded",
		[MDS_MODULE_UNKNOWN] = "the mdscope module went away while mdscope asked it",
	};

	return text[mds_module_state()];
}

/* 1: this is the initial network namespace, 0: it is not, -1: cannot tell
 * (an unprivileged user cannot read /proc/1/ns/net). */
static int netns_initial(void)
{
	char self[64], init[64];
	ssize_t a = readlink(netns_self, self, sizeof(self) - 1);
	ssize_t b = readlink(netns_init, init, sizeof(init) - 1);

	if (a <= 0 || b <= 0)
		return -1;
	self[a] = init[b] = '\0';
	return !strcmp(self, init);
}

static void nap(void)
{
	struct timespec ts = { nap_ms / 1000, (long)(nap_ms % 1000) * 1000000L };

	while (nap_ms && nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static bool changing(enum mds_module_state st)
{
	return st == MDS_MODULE_COMING || st == MDS_MODULE_GOING;
}

int mds_module_open(char *why, size_t len)
{
	enum mds_module_state st = MDS_MODULE_UNKNOWN;
	bool load = true;
	struct utsname u;
	int err, tries;

	why[0] = '\0';
	for (tries = 0;; tries++) {
		err = mds_nl_open();
		if (err != -ENOENT)
			break;
		st = mds_module_state();
		if (load) {	/* absent, or the first miss: load it (once per absence) */
			err = mds_module_ensure(why, len);
			if (err && !changing(st))
				return err;
			why[0] = '\0';
			load = false;
			if (!err)
				continue;	/* loaded: look again at once */
		} else if (netns_initial() == 0) {
			err = -ENOENT;
			break;			/* loaded, but not for this namespace */
		}
		if (tries >= OPEN_TRIES) {
			err = -ENOENT;
			break;
		}
		nap();
		load = mds_module_state() == MDS_MODULE_ABSENT;
	}
	if (!err)
		return 0;
	if (uname(&u) < 0)
		snprintf(u.release, sizeof(u.release), "?");
	if (err != -ENOENT)
		return why_text(WHY_OPEN, u.release, err, why, len);
	if (netns_initial() == 0)
		return why_text(WHY_NETNS, u.release, err, why, len);
	st = mds_module_state();
	return why_text(st == MDS_MODULE_GOING ? WHY_GOING : st == MDS_MODULE_COMING ?
			WHY_COMING : WHY_SILENT, u.release, err, why, len);
}
