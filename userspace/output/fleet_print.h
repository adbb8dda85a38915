/* SPDX-License-Identifier: GPL-2.0 */
/* Printing the fleet view (fleet_print.c): text for people, JSON mdscope-fleet/1. */
#ifndef MDSCOPE_FLEET_PRINT_H
#define MDSCOPE_FLEET_PRINT_H

#include <stdio.h>

#include "fleet.h"

#define MDS_FLEET_SCHEMA "mdscope-fleet/1"

/* 0 or -ENOMEM / -EIO. */
int fleet_print_text(FILE *out, const struct fleet *f);
int fleet_print_json(FILE *out, const struct fleet *f);

#endif
