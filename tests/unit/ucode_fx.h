/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Builders for synthetic microcode files, shared by the microcode drivers:
 * Intel updates (header, data, optional extended signature table, correct
 * checksums unless told otherwise), AMD containers (little-endian), and
 * cpio archives written with libarchive.
 */
#ifndef MDSCOPE_UCODE_FX_H
#define MDSCOPE_UCODE_FX_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

static inline void fx_w32(uint8_t *p, uint32_t v)
{
	p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24;
}

static inline uint32_t fx_r32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

struct fx_ext {
	uint32_t sig, pf;
};

/*
 * One Intel update at out (room for 48 + data + 20 + 12 * next bytes):
 * data bytes of payload (data 0: the 2000-byte default with both size
 * fields 0), next extended signatures. Returns its size.
 */
static inline size_t fx_intel(uint8_t *out, uint32_t sig, uint32_t pf, uint32_t rev,
			      uint32_t data, const struct fx_ext *ext, unsigned int next)
{
	uint32_t dsz = data ? data : 2000;
	size_t total = 48 + dsz + (next ? 20 + 12 * next : 0);
	uint32_t sum = 0;

	memset(out, 0, total);
	fx_w32(out, 1);
	fx_w32(out + 4, rev);
	fx_w32(out + 8, 0x04022019);
	fx_w32(out + 12, sig);
	fx_w32(out + 20, 1);
	fx_w32(out + 24, pf);
	fx_w32(out + 28, data);
	fx_w32(out + 32, data ? (uint32_t)total : 0);
	for (uint32_t i = 0; i < dsz; i++)
		out[48 + i] = (uint8_t)(i * 7 + rev);
	for (size_t i = 0; i < 48 + dsz; i += 4)
		sum += fx_r32(out + i);
	fx_w32(out + 16, -sum);
	if (next) {
		uint8_t *x = out + 48 + dsz;
		uint32_t main_sum = sig + pf + fx_r32(out + 16), xs = 0;

		fx_w32(x, next);
		for (unsigned int i = 0; i < next; i++) {
			uint8_t *s = x + 20 + 12 * i;

			fx_w32(s, ext[i].sig);
			fx_w32(s + 4, ext[i].pf);
			fx_w32(s + 8, main_sum - ext[i].sig - ext[i].pf);
		}
		for (size_t i = 0; i < 20 + 12 * (size_t)next; i += 4)
			xs += fx_r32(x + i);
		fx_w32(x + 4, -xs);
	}
	return total;
}

/* AMD: container header + equivalence table (sig,equiv pairs + the 0 row). */
static inline size_t fx_amd_head(uint8_t *out, const uint32_t (*eq)[2], unsigned int neq)
{
	size_t tbl = 16 * ((size_t)neq + 1);

	memset(out, 0, 12 + tbl);
	fx_w32(out, 0x00414d44);
	fx_w32(out + 4, 0);
	fx_w32(out + 8, (uint32_t)tbl);
	for (unsigned int i = 0; i < neq; i++) {
		fx_w32(out + 12 + 16 * i, eq[i][0]);
		out[12 + 16 * i + 12] = eq[i][1] & 0xff;
		out[12 + 16 * i + 13] = eq[i][1] >> 8;
	}
	return 12 + tbl;
}

/* AMD: one patch section (header + size bytes of patch, size >= 64). */
static inline size_t fx_amd_patch(uint8_t *out, uint32_t level, uint16_t equiv, uint32_t size)
{
	memset(out, 0, 8 + size);
	fx_w32(out, 1);
	fx_w32(out + 4, size);
	fx_w32(out + 8, 0x20210129);
	fx_w32(out + 12, level);
	out[8 + 24] = equiv & 0xff;
	out[8 + 25] = equiv >> 8;
	return 8 + size;
}

/* cpio archives (cmocka asserts: include after cmocka.h). */
#include <archive.h>
#include <archive_entry.h>

struct fx_file {
	const char *name;
	const void *data;	/* NULL: a directory */
	size_t len;
};

/* One newc cpio archive of files at out; gzip: compressed; pad: 512-byte blocks. Its size. */
static inline size_t fx_cpio(uint8_t *out, size_t cap, const struct fx_file *f, unsigned int n,
			     bool gzip, bool pad)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e;
	size_t used = 0;

	assert_non_null(a);
	assert_int_equal(archive_write_set_format_cpio_newc(a), ARCHIVE_OK);
	if (gzip)
		assert_int_equal(archive_write_add_filter_gzip(a), ARCHIVE_OK);
	archive_write_set_bytes_per_block(a, pad ? 512 : 0);
	assert_int_equal(archive_write_open_memory(a, out, cap, &used), ARCHIVE_OK);
	for (unsigned int i = 0; i < n; i++) {
		e = archive_entry_new();
		archive_entry_set_pathname(e, f[i].name);
		archive_entry_set_filetype(e, f[i].data ? AE_IFREG : AE_IFDIR);
		archive_entry_set_perm(e, f[i].data ? 0644 : 0755);
		archive_entry_set_size(e, f[i].data ? (la_int64_t)f[i].len : 0);
		assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
		if (f[i].data)
			assert_int_equal(archive_write_data(a, f[i].data, f[i].len), (la_ssize_t)f[i].len);
		archive_entry_free(e);
	}
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	return used;
}

#endif
