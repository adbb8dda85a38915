// SPDX-License-Identifier: GPL-2.0
/*
 * The fleet view: per-host summaries (fleet_host_from) and their
 * aggregation (fleet_build) into the inventory, the exposure counts and the
 * outliers. Pure: no I/O; the caller loads, analyzes and prints.
 */
#define _GNU_SOURCE	/* qsort_r */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fleet.h"
#include "ucode_blob.h"

/* Findings where the kernel's claims disagree with the hardware. */
static const enum cls_code claim_codes[] = {
	CLS_F_SYSFS_NOT_AFFECTED, CLS_F_SYSFS_MITIGATED_NO_MD_CLEAR, CLS_F_KERNEL_STALE,
	CLS_F_EXPOSED_KERNEL_NOT_AFFECTED, CLS_F_KERNEL_NO_VENDOR_CHECK, CLS_F_SMT_CLAIM,
};

static const char *const kind_names[FLEET_KIND_NR] = {
	[FLEET_OLD_MICROCODE] = "old_microcode",
	[FLEET_MIXED_SOCKETS] = "mixed_sockets",
	[FLEET_CLAIMS] = "claims_differ",
	[FLEET_STALE] = "stale",
	[FLEET_DUPLICATE] = "duplicate",
};

const char *fleet_kind_name(enum fleet_kind k)
{
	return mds_name_of(kind_names, FLEET_KIND_NR, k);
}

static struct fleet_sock *sock_of(struct fleet_host *h, int package)
{
	for (size_t i = 0; i < h->nr_sock; i++)
		if (h->sock[i].package == package)
			return &h->sock[i];
	if (h->nr_sock == FLEET_MAX_SOCKETS) {
		h->more_sockets = true;
		return NULL;
	}
	memset(&h->sock[h->nr_sock], 0, sizeof(h->sock[0]));
	h->sock[h->nr_sock].package = package;
	return &h->sock[h->nr_sock++];
}

/*
 * Revision a newer than b, as ucode.c, classify_ucode.c and the microcode
 * file reader decide it: an Intel update revision is a signed 32-bit field
 * (the kernel compares it signed, so one with the top bit set is older than
 * any positive one), every other vendor's unsigned.
 */
static bool rev_newer(const char *vendor, uint32_t a, uint32_t b)
{
	return strcmp(vendor, "GenuineIntel") ? a > b : ucode_rev_newer(UCODE_VENDOR_INTEL, a, b);
}

static void add_cpu(struct fleet_host *h, const struct mds_cpu *c, const struct cls_cpu *k)
{
	struct fleet_sock *s = sock_of(h, k->package);
	bool first;

	if (!s)
		return;
	first = !s->vendor[0];
	if (first) {
		memcpy(s->vendor, c->vendor, sizeof(s->vendor));
		s->signature = c->signature;
		s->platform_id = k->platform_id;
		s->have_microcode = k->have_microcode;
		s->microcode = k->microcode;
		return;
	}
	s->mixed_signature |= s->signature != c->signature;
	if (s->have_microcode != k->have_microcode ||
	    (k->have_microcode && s->microcode != k->microcode))
		s->mixed_microcode = true;
	if (k->have_microcode && s->have_microcode && rev_newer(s->vendor, s->microcode, k->microcode))
		s->microcode = k->microcode;	/* the oldest counts */
}

void fleet_host_from(struct fleet_host *h, const struct mds_snapshot *s,
		     const struct cls_result *r)
{
	snprintf(h->hostname, sizeof(h->hostname), "%s", s->hostname);
	snprintf(h->machine_id, sizeof(h->machine_id), "%s", s->ident.machine_id);
	h->time_ns = s->time_ns;
	h->nr_sock = 0;
	for (size_t i = 0; i < r->nr_cpus; i++)
		if (r->cpus[i].online && s->cpus[i].have_cpuid)
			add_cpu(h, &s->cpus[i], &r->cpus[i]);
	for (size_t i = 0; i < h->nr_sock; i++) {
		const struct fleet_sock *a = &h->sock[0], *b = &h->sock[i];

		h->mixed_signature |= b->mixed_signature || a->signature != b->signature;
		h->mixed_microcode |= b->mixed_microcode || a->have_microcode != b->have_microcode ||
				      a->microcode != b->microcode;
	}
	/* each code once, in the table's order */
	h->nr_claims = 0;
	for (size_t j = 0; j < sizeof(claim_codes) / sizeof(claim_codes[0]); j++)
		for (size_t i = 0; i < r->nr_findings; i++)
			if (r->findings[i].code == claim_codes[j]) {
				h->claims[h->nr_claims++] = claim_codes[j];
				break;
			}
	for (int v = 0; v < VULN_NR; v++)
		h->exposure[v] = r->exposure[v];
	h->exit_code = r->exit_code;
}

/* ---- aggregation ------------------------------------------------------ */

static int inv_cmp(const void *pa, const void *pb)
{
	const struct fleet_inv *a = pa, *b = pb;
	int c = strcmp(a->vendor, b->vendor);

	if (c)
		return c;
	if (a->signature != b->signature)
		return a->signature < b->signature ? -1 : 1;
	if (a->platform_id != b->platform_id)
		return a->platform_id < b->platform_id ? -1 : 1;
	if (a->have_microcode != b->have_microcode)
		return a->have_microcode ? 1 : -1;
	if (a->microcode != b->microcode)
		return a->microcode < b->microcode ? -1 : 1;
	return 0;
}

/* A socket as an inventory key (counts and newest left 0). */
static struct fleet_inv key_of(const struct fleet_sock *s)
{
	struct fleet_inv k = { .signature = s->signature, .platform_id = s->platform_id,
			       .have_microcode = s->have_microcode,
			       .microcode = s->have_microcode ? s->microcode : 0 };

	memcpy(k.vendor, s->vendor, sizeof(k.vendor));
	return k;
}

/* One socket of one host, while the inventory is built. */
struct inv_sock {
	struct fleet_inv key;
	size_t host;
};

static int inv_sock_cmp(const void *pa, const void *pb)
{
	const struct inv_sock *a = pa, *b = pb;
	int c = inv_cmp(&a->key, &b->key);

	return c ? c : a->host < b->host ? -1 : a->host > b->host;
}

/*
 * The inventory: every analyzed socket sorted by its key (then host), each
 * run of one key a row with its socket and distinct host counts. O(n log n)
 * in sockets, however many rows a fleet has.
 */
static int inventory(struct fleet *f)
{
	struct inv_sock *all;
	size_t n = 0;

	for (size_t i = 0; i < f->nr_hosts; i++)
		if (!f->hosts[i].error[0])
			n += f->hosts[i].nr_sock;
	if (!n)
		return 0;
	all = malloc(n * sizeof(*all));
	f->inv = malloc(n * sizeof(*f->inv));
	if (!all || !f->inv) {
		free(all);
		return -ENOMEM;
	}
	n = 0;
	for (size_t i = 0; i < f->nr_hosts; i++)
		for (size_t s = 0; !f->hosts[i].error[0] && s < f->hosts[i].nr_sock; s++)
			all[n++] = (struct inv_sock){ key_of(&f->hosts[i].sock[s]), i };
	qsort(all, n, sizeof(*all), inv_sock_cmp);
	for (size_t i = 0; i < n; i++) {
		bool new_row = !i || inv_cmp(&all[i - 1].key, &all[i].key);
		struct fleet_inv *row;

		if (new_row)
			f->inv[f->nr_inv++] = all[i].key;
		row = &f->inv[f->nr_inv - 1];
		row->sockets++;
		if (new_row || all[i - 1].host != all[i].host)
			row->hosts++;
	}
	free(all);
	return 0;
}

/* The same CPU model: vendor, signature and platform id. */
static bool same_part(const struct fleet_inv *a, const struct fleet_inv *b)
{
	return a->signature == b->signature && a->platform_id == b->platform_id &&
	       !strcmp(a->vendor, b->vendor);
}

/* The newest revision seen for each row's signature and platform id: the
 * rows of one part are adjacent in the sorted inventory. */
static void newest(struct fleet *f)
{
	for (size_t i = 0, j; i < f->nr_inv; i = j) {
		bool have = false;
		uint32_t nw = 0;

		for (j = i; j < f->nr_inv && same_part(&f->inv[i], &f->inv[j]); j++)
			if (f->inv[j].have_microcode &&
			    (!have || rev_newer(f->inv[j].vendor, f->inv[j].microcode, nw))) {
				nw = f->inv[j].microcode;
				have = true;
			}
		for (size_t k = i; k < j; k++) {
			f->inv[k].newest = nw;
			f->inv[k].have_newest = have;
		}
	}
}

static const struct fleet_inv *inv_find(const struct fleet *f, const struct fleet_sock *s)
{
	struct fleet_inv k = key_of(s);

	return f->nr_inv ? bsearch(&k, f->inv, f->nr_inv, sizeof(*f->inv), inv_cmp) : NULL;
}

static int out_add(struct fleet *f, size_t *cap, struct fleet_outlier o)
{
	if (f->nr_out == *cap) {
		size_t n = *cap ? *cap * 2 : 64;
		struct fleet_outlier *no = realloc(f->out, n * sizeof(*no));

		if (!no)
			return -ENOMEM;
		f->out = no;
		*cap = n;
	}
	f->out[f->nr_out++] = o;
	return 0;
}

/* The duplicate key of a host: its machine-id, else its hostname; NULL when neither. */
static const char *dup_key(const struct fleet_host *h, bool *by_mid)
{
	*by_mid = h->machine_id[0];
	return h->machine_id[0] ? h->machine_id : h->hostname[0] ? h->hostname : NULL;
}

/* Hosts by key kind (machine-id first), key, then input order. */
static int key_cmp(const struct fleet_host *hosts, size_t a, size_t b)
{
	bool ma, mb;
	const char *ka = dup_key(&hosts[a], &ma), *kb = dup_key(&hosts[b], &mb);

	return ma != mb ? (ma ? -1 : 1) : strcmp(ka, kb);
}

static int dup_cmp(const void *pa, const void *pb, void *hosts)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = key_cmp(hosts, a, b);

	return c ? c : a < b ? -1 : a > b;
}

/* Every later host with the key of an earlier one is a duplicate of the first. */
static int duplicates(struct fleet *f, size_t *cap)
{
	size_t *idx = malloc((f->nr_hosts + 1) * sizeof(*idx)), n = 0, first = 0;
	int e = 0;

	if (!idx)
		return -ENOMEM;
	for (size_t i = 0; i < f->nr_hosts; i++) {
		bool m;

		if (!f->hosts[i].error[0] && dup_key(&f->hosts[i], &m))
			idx[n++] = i;
	}
	qsort_r(idx, n, sizeof(*idx), dup_cmp, f->hosts);
	for (size_t i = 1; i < n && !e; i++) {
		bool m;

		if (key_cmp(f->hosts, idx[first], idx[i])) {
			first = i;
			continue;
		}
		dup_key(&f->hosts[idx[i]], &m);
		e = out_add(f, cap, (struct fleet_outlier){ .kind = FLEET_DUPLICATE, .host = idx[i],
			    .dup_of = idx[first], .by_machine_id = m });
	}
	free(idx);
	return e;
}

static int outcmp(const void *pa, const void *pb)
{
	const struct fleet_outlier *a = pa, *b = pb;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->host < b->host ? -1 : a->host > b->host;
}

/* Worse status: critical > unknown > warning > ok, as the report orders them. */
static int status_rank(int code)
{
	static const int rank[] = { [0] = 0, [1] = 1, [3] = 2, [2] = 3 };

	return code >= 0 && code <= 3 ? rank[code] : 2;
}

int fleet_build(struct fleet *f)
{
	size_t ocap = 0;
	int e = 0, worst = 0;

	f->inv = NULL;
	f->out = NULL;
	f->nr_inv = f->nr_out = f->nr_ok = f->nr_errors = 0;
	memset(f->exposure, 0, sizeof(f->exposure));
	for (size_t i = 0; i < f->nr_hosts && !e; i++) {
		const struct fleet_host *h = &f->hosts[i];
		int code = h->error[0] ? 3 : h->exit_code;

		if (status_rank(code) > status_rank(worst))
			worst = code;
		if (h->error[0]) {
			f->nr_errors++;
			continue;
		}
		f->nr_ok++;
		for (int v = 0; v < VULN_NR; v++)
			f->exposure[v][h->exposure[v] & 3]++;
	}
	e = inventory(f);
	if (e)
		goto fail;
	newest(f);
	for (size_t i = 0; i < f->nr_hosts && !e; i++) {
		const struct fleet_host *h = &f->hosts[i];
		size_t old = (size_t)-1;
		uint32_t nw = 0;

		if (h->error[0])
			continue;
		for (size_t s = 0; s < h->nr_sock; s++) {
			const struct fleet_inv *row = inv_find(f, &h->sock[s]);

			if (row && h->sock[s].have_microcode && row->have_newest &&
			    rev_newer(row->vendor, row->newest, h->sock[s].microcode) && old == (size_t)-1) {
				old = s;
				nw = row->newest;
			}
		}
		if (old != (size_t)-1)
			e = out_add(f, &ocap, (struct fleet_outlier){ .kind = FLEET_OLD_MICROCODE,
				    .host = i, .sock = old, .newest = nw });
		if (!e && (h->mixed_signature || h->mixed_microcode))
			e = out_add(f, &ocap, (struct fleet_outlier){ .kind = FLEET_MIXED_SOCKETS,
				    .host = i });
		if (!e && h->nr_claims)
			e = out_add(f, &ocap, (struct fleet_outlier){ .kind = FLEET_CLAIMS, .host = i });
		if (!e && f->max_age_ns && h->time_ns + f->max_age_ns < f->now_ns)
			e = out_add(f, &ocap, (struct fleet_outlier){ .kind = FLEET_STALE, .host = i });
	}
	if (!e)
		e = duplicates(f, &ocap);
	if (e)
		goto fail;
	if (f->nr_out)	/* qsort(NULL, 0, ...) is undefined */
		qsort(f->out, f->nr_out, sizeof(*f->out), outcmp);
	f->exit_code = worst;
	f->status = worst;
	return 0;
fail:
	fleet_free(f);
	return e;
}

void fleet_free(struct fleet *f)
{
	free(f->inv);
	free(f->out);
	f->inv = NULL;
	f->out = NULL;
	f->nr_inv = f->nr_out = 0;
}

int fleet_parse_duration(const char *s, uint64_t *ns)
{
	static const struct { char unit; uint64_t sec; } units[] = {
		{ 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 }, { 'w', 604800 },
	};
	unsigned long long n;
	uint64_t mul = 1;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno)
		return -EINVAL;
	if (*end) {
		size_t i;

		for (i = 0; i < sizeof(units) / sizeof(units[0]) && units[i].unit != *end; i++)
			;
		if (i == sizeof(units) / sizeof(units[0]) || end[1])
			return -EINVAL;
		mul = units[i].sec;
	}
	if (!n || n > UINT64_MAX / 1000000000ull / mul)
		return -EINVAL;
	*ns = n * mul * 1000000000ull;
	return 0;
}
