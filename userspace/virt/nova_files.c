// SPDX-License-Identifier: GPL-2.0
/*
 * Nova's config files are read only when they are regular files of at most
 * NOVA_FILE_MAX bytes: a device, FIFO, socket or directory, or a symlink to
 * one, given as a file or found in a config dir, is an error naming the file.
 * stat() first keeps devices from being opened at all; sr_read_file_max()
 * (collect/sysfs.c, in mdscope, which exports it to this plugin) then opens
 * with O_NONBLOCK|O_NOCTTY|O_CLOEXEC, decides on fstat() of the descriptor
 * and reads at most NOVA_FILE_MAX bytes, so a path swapped between the two
 * calls cannot make mdscope block or read an endless file. Config dirs are
 * listed like oslo.config's sorted(glob(os.path.join(DIR, '*.conf'))).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nova_files.h"
#include "sysfs.h"

static const struct {
	mode_t type;
	const char *name;
} file_types[] = {
	{ S_IFDIR, "a directory" },
	{ S_IFCHR, "a character device" },
	{ S_IFBLK, "a block device" },
	{ S_IFIFO, "a FIFO" },
	{ S_IFSOCK, "a socket" },
};

/* 0 for a regular file within bounds, else -errno with the reason in err. */
static int check_stat(const struct stat *st, const char *shown, char *err, size_t errlen)
{
	const char *what = "not a regular file";

	if (S_ISREG(st->st_mode)) {
		if (st->st_size <= NOVA_FILE_MAX)
			return 0;
		snprintf(err, errlen, "%s: larger than %d bytes, not read", shown, NOVA_FILE_MAX);
		return -EFBIG;
	}
	for (size_t i = 0; i < sizeof(file_types) / sizeof(file_types[0]); i++)
		if ((st->st_mode & S_IFMT) == file_types[i].type)
			what = file_types[i].name;
	snprintf(err, errlen, "%s: is %s, not a regular file", shown, what);
	return S_ISDIR(st->st_mode) ? -EISDIR : -EINVAL;
}

static int sys_fail(const char *shown, char *err, size_t errlen)
{
	int ret = -errno;

	snprintf(err, errlen, "%s: %s", shown, strerror(errno));
	return ret;
}

int nova_file_read(const char *path, const char *shown, char **text, size_t *len,
		   char *err, size_t errlen)
{
	struct stat st;
	int ret;

	*text = NULL;
	*len = 0;
	if (stat(path, &st))
		return sys_fail(shown, err, errlen);
	ret = check_stat(&st, shown, err, errlen);
	if (ret)
		return ret;
	/* the shared reader opens, checks the descriptor again and reads bounded */
	ret = sr_read_file_max(path, NOVA_FILE_MAX, text, len, &st);
	switch (ret) {
	case 0:
		return 0;
	case -EISDIR:
	case -SR_ENOTREG:	/* swapped after the stat() */
		return check_stat(&st, shown, err, errlen);
	case -EFBIG:		/* or grew past the limit while read */
		snprintf(err, errlen, "%s: larger than %d bytes, not read", shown, NOVA_FILE_MAX);
		return ret;
	case -ENOMEM:
		snprintf(err, errlen, "%s: out of memory", shown);
		return ret;
	default:
		snprintf(err, errlen, "%s: %s", shown, strerror(-ret));
		return ret;
	}
}

static bool is_conf(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n >= 5 && !strcmp(name + n - 5, ".conf");
}

static int by_bytes(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void nova_dir_free(char **names, int n)
{
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int nova_dir_list(const char *dir, const char *shown, char ***names, int *n,
		  char *err, size_t errlen)
{
	struct dirent *d;
	char **list = NULL, **grown;
	int fd, cap = 0, count = 0, ret = 0;
	DIR *dp;

	*names = NULL;
	*n = 0;
	/* O_DIRECTORY fails on a FIFO or device before anything could block */
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return sys_fail(shown, err, errlen);
	dp = fdopendir(fd);
	if (!dp) {
		ret = sys_fail(shown, err, errlen);
		close(fd);
		return ret;
	}
	while ((errno = 0, d = readdir(dp))) {
		if (!is_conf(d->d_name))
			continue;
		if (count == cap) {
			cap = cap ? cap * 2 : 16;
			grown = realloc(list, cap * sizeof(*list));
			if (!grown)
				goto nomem;
			list = grown;
		}
		list[count] = strdup(d->d_name);
		if (!list[count])
			goto nomem;
		count++;
	}
	if (errno) {
		ret = sys_fail(shown, err, errlen);
		goto fail;
	}
	closedir(dp);
	qsort(list, count, sizeof(*list), by_bytes);
	*names = list;
	*n = count;
	return 0;

nomem:
	errno = ENOMEM;
	ret = sys_fail(shown, err, errlen);
fail:
	nova_dir_free(list, count);
	closedir(dp);
	return ret;
}
