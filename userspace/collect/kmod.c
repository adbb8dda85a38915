// SPDX-License-Identifier: GPL-2.0
/*
 * The libkmod seam: load mdscope.ko when the family is missing, or say
 * exactly why it cannot be loaded. Every libkmod object is released.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <libkmod.h>

#include "kmod.h"
#include "nl.h"

#define MDS_MODULE "mdscope"

/* Tests point this at a fixture path. */
static const char *proc_modules = "/proc/modules";

/* Why the module is unavailable: one sentence per case. */
enum why {
	WHY_NOT_X86,
	WHY_NO_MODULES,
	WHY_NO_KMOD,
	WHY_NOT_INSTALLED,
	WHY_PERM,
	WHY_LOAD,
	WHY_NETNS,
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

int mds_module_open(char *why, size_t len)
{
	struct utsname u;
	int err;

	why[0] = '\0';
	err = mds_nl_open();
	if (err == -ENOENT) {
		err = mds_module_ensure(why, len);
		if (err)
			return err;
		err = mds_nl_open();
	}
	if (!err)
		return 0;
	if (uname(&u) < 0)
		snprintf(u.release, sizeof(u.release), "?");
	return why_text(err == -ENOENT ? WHY_NETNS : WHY_OPEN, u.release, err, why, len);
}
