// SPDX-License-Identifier: GPL-2.0
/*
 * The early microcode in an initramfs (initramfs.h). The file is mapped,
 * never read whole; libarchive reads each uncompressed newc cpio archive
 * at the start (no decompression filter is enabled, so the compressed main
 * archive that follows is never unpacked: like the kernel, we stop at the
 * first thing that is not a "070701" header). After an archive's trailer,
 * archive_filter_bytes() says how far it went, and the next archive, if
 * any, starts after the zero padding.
 */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "initramfs.h"
#include "ucode_file.h"

#define NEWC_MAGIC "070701"

static void set_error(struct ucode_initramfs *o, int err, const char *fmt, const char *a,
		      const char *b)
{
	o->state = UCODE_IRD_ERROR;
	o->err = err;
	snprintf(o->why, sizeof(o->why), fmt, a, b);
}

/*
 * Parse the current entry's data as a bundle: in place when libarchive
 * hands it over as one block of the mapped file (the usual case for an
 * uncompressed cpio in memory), else gathered into a buffer.
 */
static int take(struct archive *a, struct archive_entry *ent, enum ucode_vendor v,
		struct ucode_early *e)
{
	la_int64_t size = archive_entry_size(ent), off;
	const void *blk = "";
	size_t got = 0, n;
	char *buf = NULL;
	int r;

	e->present = true;
	if (size < 0 || (uint64_t)size > UCODE_FILE_MAX) {
		e->err = -EFBIG;
		return 0;
	}
	while ((r = archive_read_data_block(a, &blk, &n, &off)) == ARCHIVE_OK) {
		if (off < 0 || (uint64_t)off != got || n > (size_t)size - got)
			break;
		if (!got && n == (size_t)size) {	/* all of it, in place */
			got = n;
			break;
		}
		if (!buf) {
			buf = malloc((size_t)size);
			if (!buf)
				return -ENOMEM;
		}
		memcpy(buf + got, blk, n);
		got += n;
	}
	if (got != (size_t)size)
		e->err = -EIO;
	else
		e->err = ucode_blob_parse(buf ? buf : blk, got, v, &e->blob);
	free(buf);
	return e->err == -ENOMEM ? -ENOMEM : 0;
}

static const struct {
	const char *name;
	enum ucode_vendor vendor;
	size_t early;	/* offset of the struct ucode_early in struct ucode_initramfs */
} wanted[] = {
	{ UCODE_EARLY_INTEL, UCODE_VENDOR_INTEL, offsetof(struct ucode_initramfs, intel) },
	{ UCODE_EARLY_AMD, UCODE_VENDOR_AMD, offsetof(struct ucode_initramfs, amd) },
};

/* One archive at p; *used: bytes it took. */
static int one_archive(const uint8_t *p, size_t len, struct ucode_initramfs *o, size_t *used)
{
	struct archive_entry *ent;
	struct archive *a;
	la_int64_t pos;
	int r, ret = 0;

	a = archive_read_new();
	if (!a)
		return -ENOMEM;
	archive_read_support_format_cpio(a);
	if (archive_read_open_memory(a, p, len) != ARCHIVE_OK) {
		set_error(o, -EIO, "early cpio: %s%s", archive_error_string(a) ?: "unreadable", "");
		goto out;
	}
	while ((r = archive_read_next_header(a, &ent)) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(ent);

		if (!name || archive_entry_filetype(ent) != AE_IFREG)
			continue;
		for (size_t i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++) {
			struct ucode_early *e = (void *)((char *)o + wanted[i].early);

			if (e->present || strcmp(name, wanted[i].name))
				continue;
			ret = take(a, ent, wanted[i].vendor, e);
			if (ret)
				goto out;
		}
	}
	if (r != ARCHIVE_EOF) {
		set_error(o, -EIO, "early cpio: %s%s", archive_error_string(a) ?: "unreadable", "");
		goto out;
	}
	pos = archive_filter_bytes(a, 0);
	*used = pos > 0 && (uint64_t)pos <= len ? (size_t)pos : 0;
	o->archives++;
out:
	archive_read_free(a);
	return ret;
}

int ucode_initramfs_parse(const void *buf, size_t len, struct ucode_initramfs *o)
{
	const uint8_t *p = buf;
	size_t off = 0;
	int r;

	memset(o, 0, sizeof(*o));
	o->state = UCODE_IRD_NO_EARLY;
	for (;;) {
		size_t used = 0;

		while (off + 4 <= len && !memcmp(p + off, "\0\0\0\0", 4))
			off += 4;
		if (len - off < 6 || memcmp(p + off, NEWC_MAGIC, 6))
			break;
		r = one_archive(p + off, len - off, o, &used);
		if (r)
			return r;
		if (o->state == UCODE_IRD_ERROR)
			return 0;
		o->state = UCODE_IRD_READ;
		if (!used)
			break;
		off += used;
	}
	return 0;
}

int ucode_initramfs_read(const char *path, struct ucode_initramfs *o)
{
	struct stat st;
	void *map;
	int fd, r;

	memset(o, 0, sizeof(*o));
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);	/* a FIFO must not block */
	if (fd < 0) {
		set_error(o, -errno, "%s: %s", path, strerror(errno));
		return 0;
	}
	r = fstat(fd, &st) ? -errno : S_ISREG(st.st_mode) ? 0 : -EINVAL;
	if (r) {
		set_error(o, r, "%s: %s", path, r == -EINVAL ? "not a regular file" : strerror(-r));
		close(fd);
		return 0;
	}
	if (!st.st_size) {
		close(fd);
		o->state = UCODE_IRD_NO_EARLY;
		return 0;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		set_error(o, -errno, "%s: %s", path, strerror(errno));
		return 0;
	}
	r = ucode_initramfs_parse(map, (size_t)st.st_size, o);
	munmap(map, (size_t)st.st_size);
	return r;
}

void ucode_initramfs_free(struct ucode_initramfs *o)
{
	ucode_blob_free(&o->intel.blob);
	ucode_blob_free(&o->amd.blob);
}
