/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fleet view (`mdscope fleet`): pure functions from many analyzed
 * snapshots to an inventory (vendor, signature, platform id, microcode with
 * host and socket counts), the exposure per vulnerability with host counts,
 * and the outliers: microcode older than the newest seen for the same
 * signature and platform id, hosts whose own sockets differ, kernel claims
 * that disagree with the hardware, snapshots older than a limit, and the
 * same host seen twice (machine-id, else hostname). A file that could not
 * be read is an error entry and counts as unknown: it never lets the fleet
 * look ok.
 */
#ifndef MDSCOPE_FLEET_H
#define MDSCOPE_FLEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "classify.h"
#include "snapshot.h"

/* One socket of a host (CPUs grouped by package; one group when unknown). */
struct fleet_sock {
	int package;			/* -1 when the topology is unknown */
	char vendor[13];
	uint32_t signature;
	int platform_id;		/* UCODE_PLATFORM_UNKNOWN when not read */
	bool have_microcode;
	uint32_t microcode;		/* the oldest of the socket's online CPUs */
	bool mixed_signature, mixed_microcode;	/* inside this socket */
};

#define FLEET_MAX_SOCKETS 16
#define FLEET_MAX_CLAIMS 8	/* >= the claim codes fleet.c looks for */

/* What the fleet keeps of one snapshot (snapshot and result are freed). */
struct fleet_host {
	char file[256];			/* path, or "-:LINE" for stdin */
	char error[320];		/* "" when the file loaded and was analyzed */
	char hostname[256];
	char machine_id[40];
	uint64_t time_ns;
	struct fleet_sock sock[FLEET_MAX_SOCKETS];
	size_t nr_sock;
	bool more_sockets;		/* more than FLEET_MAX_SOCKETS: the rest not listed */
	bool mixed_signature, mixed_microcode;	/* across or inside the host's sockets */
	enum cls_code claims[FLEET_MAX_CLAIMS];	/* findings where the kernel disagrees */
	size_t nr_claims;
	enum cls_exposure exposure[VULN_NR];
	int exit_code;
};

/* Fill h from an analyzed snapshot (h->file already set). */
void fleet_host_from(struct fleet_host *h, const struct mds_snapshot *s,
		     const struct cls_result *r);

struct fleet_inv {
	char vendor[13];
	uint32_t signature;
	int platform_id;
	bool have_microcode;
	uint32_t microcode;
	size_t hosts, sockets;
	uint32_t newest;		/* newest revision seen for signature + platform id */
	bool have_newest;
};

/* An outlier: hosts[host] and what is odd about it. */
enum fleet_kind { FLEET_OLD_MICROCODE = 0, FLEET_MIXED_SOCKETS, FLEET_CLAIMS, FLEET_STALE,
		  FLEET_DUPLICATE, FLEET_KIND_NR };

struct fleet_outlier {
	enum fleet_kind kind;
	size_t host;
	size_t sock;			/* OLD_MICROCODE: the socket */
	uint32_t newest;		/* OLD_MICROCODE: the newest seen */
	size_t dup_of;			/* DUPLICATE: the first host with the same key */
	bool by_machine_id;		/* DUPLICATE: the key is the machine-id, else the hostname */
};

struct fleet {
	struct fleet_host *hosts;	/* caller's, in input order */
	size_t nr_hosts;		/* incl. errors */
	size_t nr_ok, nr_errors;
	struct fleet_inv *inv;		/* sorted by vendor, signature, platform, microcode */
	size_t nr_inv;
	size_t exposure[VULN_NR][4];	/* host counts by enum cls_exposure */
	struct fleet_outlier *out;	/* by kind, then host order */
	size_t nr_out;
	uint64_t now_ns, max_age_ns;	/* max_age_ns 0: no limit */
	enum cls_status status;
	int exit_code;
};

/* Aggregate; -ENOMEM. f->hosts/nr_hosts/now_ns/max_age_ns set by the caller. */
int fleet_build(struct fleet *f);
void fleet_free(struct fleet *f);	/* inv and out; not hosts */

const char *fleet_kind_name(enum fleet_kind k);
/* "30d", "12h", "90m", "45s", "3600": seconds into *ns; -EINVAL. */
int fleet_parse_duration(const char *s, uint64_t *ns);

#endif
