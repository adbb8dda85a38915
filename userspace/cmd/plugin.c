// SPDX-License-Identifier: GPL-2.0
/*
 * guests and check live in mdscope-virt.so, with libvirt and libxml2:
 * the report loads neither library (their dynamic loading
 * costs far more than the report itself). Likewise the initramfs reader
 * lives in mdscope-initramfs.so with libarchive. A plugin is looked for
 * next to the running executable, then in MDSCOPE_PLUGINDIR.
 */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "plugin.h"
#include "subcommands.h"

#ifndef MDSCOPE_PLUGINDIR
#define MDSCOPE_PLUGINDIR "/usr/local/lib/mdscope"
#endif
#define PLUGIN "mdscope-virt.so"

static void *open_plugin_file(const char *file, char *err, size_t len)
{
	char path[PATH_MAX];
	ssize_t n;
	char *slash;
	void *h;

	n = readlink("/proc/self/exe", path, sizeof(path) - strlen(file) - 1);
	if (n > 0) {
		path[n] = '\0';
		slash = strrchr(path, '/');
		if (slash) {
			strcpy(slash + 1, file);
			if (access(path, F_OK) == 0) {
				h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
				if (!h)
					snprintf(err, len, "%s", dlerror());
				return h;
			}
		}
	}
	snprintf(path, sizeof(path), "%s/%s", MDSCOPE_PLUGINDIR, file);
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		snprintf(err, len, "%s", dlerror());
	return h;
}

static void *open_plugin(char *err, size_t len)
{
	return open_plugin_file(PLUGIN, err, len);
}

void *plugin_symbol(const char *file, const char *symbol, char *err, size_t len)
{
	void *h, *sym;

	/* linked in already (the unit tests): no plugin needed */
	sym = dlsym(RTLD_DEFAULT, symbol);
	if (sym)
		return sym;
	h = open_plugin_file(file, err, len);
	if (!h)
		return NULL;
	sym = dlsym(h, symbol);
	if (!sym) {
		snprintf(err, len, "%s has no %s", file, symbol);
		dlclose(h);
	}
	return sym;
}

int plugin_run(const char *cmd, const char *symbol, int argc, char *argv[])
{
	int (*fn)(int, char **);
	char err[512] = "";
	void *h;
	int ret;

	h = open_plugin(err, sizeof(err));
	if (!h) {
		fprintf(stderr, "%s: %s: cannot load the libvirt part (%s): %s\n",
			prog, cmd, PLUGIN, err);
		return 3;
	}
	*(void **)&fn = dlsym(h, symbol);
	if (!fn) {
		fprintf(stderr, "%s: %s: %s has no %s: %s\n", prog, cmd, PLUGIN,
			symbol, dlerror());
		dlclose(h);
		return 3;
	}
	ret = fn(argc, argv);
	dlclose(h);
	return ret;
}
