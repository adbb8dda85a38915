// SPDX-License-Identifier: GPL-2.0
/*
 * Microcode update files, parsed from a buffer (ucode_blob.h). Every size
 * read from the file is checked against what is left of the buffer, in
 * 64-bit arithmetic, before anything behind it is touched; the first bad
 * part makes the whole file broken, so a half-good bundle is never trusted.
 *
 * Intel (SDM vol. 3, "Microcode Update Facilities"): a 48-byte header;
 * data size 0 means 2000 bytes and then the total size is 2048; header and
 * data sum to 0 as dwords; an optional extended signature table (count,
 * checksum, 12 reserved bytes, then count {sig, pf, checksum} entries)
 * sums to 0 itself, and each entry's checksum is the main one recomputed
 * for its signature. AMD: containers of magic 0x00414d44, a type 0
 * equivalence table of 16-byte {installed_cpu, errata mask, errata compare,
 * equiv id} rows, then type 1 patch sections, each a 64-byte header (patch
 * level at 4, equivalence id at 24) and the patch; containers may follow
 * each other. AMD patches carry no checksum the kernel checks.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucode_blob.h"

#define EXT_HDR		20
#define EXT_SIG		12
#define AMD_EQUIV_ROW	16
#define AMD_PATCH_HDR	64

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t dword_sum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 4 <= len; i += 4)
		sum += rd32(p + i);
	return sum;
}

static int broken(struct ucode_blob *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int broken(struct ucode_blob *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b->why, sizeof(b->why), fmt, ap);
	va_end(ap);
	free(b->e);
	b->e = NULL;
	b->nr = 0;
	return -EBADMSG;
}

static int add(struct ucode_blob *b, size_t *cap, const struct ucode_entry *e)
{
	if (b->nr == *cap) {
		size_t n = *cap ? *cap * 2 : 8;
		struct ucode_entry *ne = reallocarray(b->e, n, sizeof(*ne));

		if (!ne)
			return -ENOMEM;
		b->e = ne;
		*cap = n;
	}
	b->e[b->nr++] = *e;
	return 0;
}

/* The extended signature table of the update at h (total bytes, data at 48). */
static int intel_ext(struct ucode_blob *b, size_t *cap, const uint8_t *h, uint32_t data,
		     uint32_t total, struct ucode_entry *e)
{
	const uint8_t *x = h + UCODE_INTEL_HDR + data;
	uint32_t size = total - UCODE_INTEL_HDR - data;
	uint32_t main_sum = rd32(h + 12) + rd32(h + 24) + rd32(h + 16);
	uint32_t count;
	int r;

	if (size < EXT_HDR || (size - EXT_HDR) % EXT_SIG)
		return broken(b, "update %u: extended signature table of %u bytes is malformed",
			      e->update, size);
	count = rd32(x);
	if ((uint64_t)count * EXT_SIG + EXT_HDR != size)
		return broken(b, "update %u: extended signature count %u does not fit its %u bytes",
			      e->update, count, size);
	if (dword_sum(x, size))
		return broken(b, "update %u: extended signature table checksum is wrong", e->update);
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *s = x + EXT_HDR + (size_t)i * EXT_SIG;

		if (rd32(s) + rd32(s + 4) + rd32(s + 8) != main_sum)
			return broken(b, "update %u: extended signature %u checksum is wrong",
				      e->update, i);
		e->sig = rd32(s);
		e->pf_mask = rd32(s + 4);
		e->extended = true;
		r = add(b, cap, e);
		if (r)
			return r;
	}
	return 0;
}

static int parse_intel(const uint8_t *p, size_t len, struct ucode_blob *b)
{
	size_t off = 0, cap = 0;
	int r;

	for (uint32_t n = 0; off < len; n++) {
		const uint8_t *h = p + off;
		size_t rem = len - off;
		uint32_t data, total;
		struct ucode_entry e = { .update = n, .offset = (uint32_t)off };

		if (rem < UCODE_INTEL_HDR)
			return broken(b, "update %u: header cut short (%zu of %d bytes)", n, rem,
				      UCODE_INTEL_HDR);
		if (rd32(h) != 1)
			return broken(b, "update %u: header version %u, not 1", n, rd32(h));
		if (rd32(h + 20) != 1)
			return broken(b, "update %u: loader revision %u, not 1", n, rd32(h + 20));
		data = rd32(h + 28) ? rd32(h + 28) : 2000;
		total = rd32(h + 28) ? rd32(h + 32) : 2048;
		if (data % 4 || total % 4)
			return broken(b, "update %u: data size %u or total size %u not a multiple of 4",
				      n, data, total);
		if ((uint64_t)data + UCODE_INTEL_HDR > total)
			return broken(b, "update %u: data size %u does not fit total size %u", n,
				      data, total);
		if (total > rem)
			return broken(b, "update %u: total size %u runs past the end (%zu bytes left)",
				      n, total, rem);
		if (dword_sum(h, UCODE_INTEL_HDR + (size_t)data))
			return broken(b, "update %u: checksum is wrong", n);
		e.rev = rd32(h + 4);
		e.date = rd32(h + 8);
		e.sig = rd32(h + 12);
		e.pf_mask = rd32(h + 24);
		e.size = total;
		r = add(b, &cap, &e);
		if (!r && total > data + UCODE_INTEL_HDR)
			r = intel_ext(b, &cap, h, data, total, &e);
		if (r)
			return r;
		off += total;
		b->nr_updates = n + 1;
	}
	return 0;
}

/* One container from p[*off]; *off ends after its last patch. */
static int amd_container(const uint8_t *p, size_t len, size_t *off, size_t *cap,
			 struct ucode_blob *b)
{
	const uint8_t *eq;
	uint32_t eqlen;
	size_t o = *off;
	int r;

	if (len - o < 12)
		return broken(b, "container at %zu: header cut short", o);
	if (rd32(p + o) != UCODE_AMD_MAGIC)
		return broken(b, "no AMD container magic at offset %zu", o);
	if (rd32(p + o + 4) != 0)
		return broken(b, "container at %zu: first section type %u, not the equivalence table",
			      o, rd32(p + o + 4));
	eqlen = rd32(p + o + 8);
	o += 12;
	if (eqlen > len - o)
		return broken(b, "container at %zu: equivalence table of %u bytes runs past the end",
			      *off, eqlen);
	if (!eqlen || eqlen % AMD_EQUIV_ROW)
		return broken(b, "container at %zu: equivalence table of %u bytes is malformed",
			      *off, eqlen);
	eq = p + o;
	o += eqlen;
	while (o < len && (len - o < 4 || rd32(p + o) != UCODE_AMD_MAGIC)) {
		uint32_t psize, n = b->nr_updates;
		struct ucode_entry e = { .update = n };
		const uint8_t *ph;

		if (len - o < 8)
			return broken(b, "patch %u: section header cut short", n);
		if (rd32(p + o) != 1)
			return broken(b, "patch %u: section type %u, not a patch", n, rd32(p + o));
		psize = rd32(p + o + 4);
		o += 8;
		if (psize > len - o)
			return broken(b, "patch %u: %u bytes run past the end (%zu left)", n, psize,
				      len - o);
		if (psize < AMD_PATCH_HDR)
			return broken(b, "patch %u: %u bytes, shorter than its header", n, psize);
		ph = p + o;
		e.offset = (uint32_t)o;
		e.size = psize;
		e.date = rd32(ph);
		e.rev = rd32(ph + 4);
		e.equiv_id = rd16(ph + 24);
		for (uint32_t i = 0; i < eqlen / AMD_EQUIV_ROW; i++) {
			const uint8_t *row = eq + (size_t)i * AMD_EQUIV_ROW;

			if (!rd32(row))
				break;
			if (rd16(row + 12) != e.equiv_id)
				continue;
			e.sig = rd32(row);
			r = add(b, cap, &e);
			if (r)
				return r;
		}
		o += psize;
		b->nr_updates = n + 1;
	}
	*off = o;
	return 0;
}

static int parse_amd(const uint8_t *p, size_t len, struct ucode_blob *b)
{
	size_t off = 0, cap = 0;
	int r;

	while (off < len) {
		r = amd_container(p, len, &off, &cap, b);
		if (r)
			return r;
	}
	return 0;
}

int ucode_blob_parse(const void *buf, size_t len, enum ucode_vendor vendor,
		     struct ucode_blob *b)
{
	const uint8_t *p = buf;

	memset(b, 0, sizeof(*b));
	if (len > UINT32_MAX) {
		b->vendor = vendor;
		return broken(b, "file of %zu bytes is too large", len);
	}
	if (vendor == UCODE_VENDOR_NONE)
		vendor = len >= 4 && rd32(p) == UCODE_AMD_MAGIC ? UCODE_VENDOR_AMD
								: UCODE_VENDOR_INTEL;
	b->vendor = vendor;
	if (!len)
		return broken(b, "empty file");
	return vendor == UCODE_VENDOR_AMD ? parse_amd(p, len, b) : parse_intel(p, len, b);
}

void ucode_blob_free(struct ucode_blob *b)
{
	free(b->e);
	b->e = NULL;
	b->nr = 0;
}

bool ucode_rev_newer(enum ucode_vendor v, uint32_t a, uint32_t b)
{
	return v == UCODE_VENDOR_AMD ? a > b : (int32_t)a > (int32_t)b;
}

bool ucode_entry_matches(enum ucode_vendor v, const struct ucode_entry *e,
			 uint32_t sig, int pid)
{
	if (e->sig != sig)
		return false;
	if (v == UCODE_VENDOR_AMD || pid < 0)
		return true;
	return pid <= 7 && (e->pf_mask & (1u << pid));
}

const struct ucode_entry *ucode_blob_best(const struct ucode_blob *b, uint32_t sig, int pid)
{
	const struct ucode_entry *best = NULL;
	bool disagree = false;

	for (size_t i = 0; i < b->nr; i++) {
		const struct ucode_entry *e = &b->e[i];

		if (!ucode_entry_matches(b->vendor, e, sig, pid))
			continue;
		if (best && best->rev != e->rev)
			disagree = true;
		if (!best || ucode_rev_newer(b->vendor, e->rev, best->rev))
			best = e;
	}
	if (disagree && b->vendor == UCODE_VENDOR_INTEL && pid < 0)
		return NULL;
	return best;
}
