// SPDX-License-Identifier: GPL-2.0
/*
 * Microcode files on disk (ucode_file.h): the only reader of
 * /lib/firmware/{intel,amd}-ucode. Files are read whole by sysfs.c's
 * sr_read_file_max() (regular, never blocking, not larger than
 * UCODE_FILE_MAX) and parsed by ucode_blob.c.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "record.h"
#include "sysfs.h"
#include "ucode_file.h"

int ucode_read_file(const char *path, void **buf, size_t *len)
{
	char *p;
	int r = sr_read_file_max(path, UCODE_FILE_MAX, &p, len, NULL);

	if (r == -EISDIR || r == -SR_ENOTREG)
		return -EINVAL;		/* not a regular file: not ours */
	if (!r)
		*buf = p;
	return r;
}

static int add_file(struct ucode_dir *d, size_t *cap, const char *dir, const char *name,
		    enum ucode_vendor v)
{
	struct ucode_file *f;
	void *buf = NULL;
	size_t len = 0;

	if (d->nr == *cap) {
		size_t n = *cap ? *cap * 2 : 64;
		struct ucode_file *nf = reallocarray(d->f, n, sizeof(*nf));

		if (!nf)
			return -ENOMEM;
		d->f = nf;
		*cap = n;
	}
	f = &d->f[d->nr];
	memset(f, 0, sizeof(*f));
	if (asprintf(&f->path, "%s/%s", dir, name) < 0) {
		f->path = NULL;
		return -ENOMEM;
	}
	f->name = f->path + strlen(dir) + 1;
	f->blob.vendor = v;	/* also for a file that cannot be read */
	d->nr++;
	f->err = ucode_read_file(f->path, &buf, &len);
	if (f->err == -EINVAL) {	/* not a regular file: not ours */
		free(f->path);
		d->nr--;
		return 0;
	}
	if (!f->err) {
		f->err = ucode_blob_parse(buf, len, v, &f->blob);
		free(buf);
	}
	return f->err == -ENOMEM ? -ENOMEM : 0;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct ucode_file *)a)->path, ((const struct ucode_file *)b)->path);
}

/* Every regular file of dir (-ENOENT when dir does not exist). */
static int read_dir(struct ucode_dir *d, size_t *cap, const char *dir, enum ucode_vendor v,
		    struct mds_err *err)
{
	struct dirent *de;
	DIR *dp;
	int r = 0;

	dp = opendir(dir);
	if (!dp) {
		r = -errno;
		if (r != -ENOENT)
			snprintf(err->msg, sizeof(err->msg), "%s: %s", dir, strerror(-r));
		return r;
	}
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.')
			continue;
		r = add_file(d, cap, dir, de->d_name, v);
		if (r) {
			snprintf(err->msg, sizeof(err->msg), "%s: %s", dir, strerror(-r));
			break;
		}
	}
	closedir(dp);
	return r;
}

static const struct {
	const char *name;
	enum ucode_vendor vendor;
} vendor_dirs[] = {
	{ "intel-ucode", UCODE_VENDOR_INTEL },
	{ "amd-ucode", UCODE_VENDOR_AMD },
};

int ucode_dir_read(const char *fwdir, struct ucode_dir *d, struct mds_err *err)
{
	const char *base;
	struct stat st;
	size_t cap = 0;
	char *p;
	int r;

	memset(d, 0, sizeof(*d));
	r = stat(fwdir, &st) ? -errno : S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
	if (r) {
		snprintf(err->msg, sizeof(err->msg), "firmware directory %s: %s", fwdir,
			 strerror(-r));
		return r;
	}
	/* DIR/intel-ucode and DIR/amd-ucode; or DIR itself when it is one of them */
	p = strdup(fwdir);
	if (!p)
		return -ENOMEM;
	for (size_t n = strlen(p); n > 1 && p[n - 1] == '/'; n--)
		p[n - 1] = '\0';
	base = strrchr(p, '/') ? strrchr(p, '/') + 1 : p;
	for (size_t i = 0; !r && i < sizeof(vendor_dirs) / sizeof(vendor_dirs[0]); i++) {
		char *sub = NULL;

		if (!strcmp(base, vendor_dirs[i].name)) {
			r = read_dir(d, &cap, p, vendor_dirs[i].vendor, err);
			continue;
		}
		if (asprintf(&sub, "%s/%s", p, vendor_dirs[i].name) < 0) {
			r = -ENOMEM;
			break;
		}
		r = read_dir(d, &cap, sub, vendor_dirs[i].vendor, err);
		if (r == -ENOENT)
			r = 0;
		free(sub);
	}
	free(p);
	if (r) {
		ucode_dir_free(d);
		return r;
	}
	if (d->nr)
		qsort(d->f, d->nr, sizeof(*d->f), by_path);
	/* qsort moved the structs: name points into path, which did not move */
	return 0;
}

void ucode_dir_free(struct ucode_dir *d)
{
	for (size_t i = 0; i < d->nr; i++) {
		free(d->f[i].path);
		ucode_blob_free(&d->f[i].blob);
	}
	free(d->f);
	memset(d, 0, sizeof(*d));
}

const struct ucode_entry *ucode_dir_best(const struct ucode_dir *d, enum ucode_vendor v,
					 uint32_t sig, int pid, const struct ucode_file **file)
{
	const struct ucode_entry *best = NULL;

	*file = NULL;
	for (size_t i = 0; i < d->nr; i++) {
		const struct ucode_file *f = &d->f[i];
		const struct ucode_entry *e;

		if (f->err || f->blob.vendor != v)
			continue;
		e = ucode_blob_best(&f->blob, sig, pid);
		if (e && (!best || ucode_rev_newer(v, e->rev, best->rev))) {
			best = e;
			*file = f;
		}
	}
	return best;
}

void ucode_file_name(enum ucode_vendor v, uint32_t sig, char *buf, size_t len)
{
	unsigned int fam = mds_family(sig);

	if (v == UCODE_VENDOR_AMD) {
		if (fam >= 0x15)
			snprintf(buf, len, "microcode_amd_fam%02xh.bin", fam);
		else
			snprintf(buf, len, "microcode_amd.bin");
		return;
	}
	snprintf(buf, len, "%02x-%02x-%02x", fam, mds_model(sig), mds_stepping(sig));
}
