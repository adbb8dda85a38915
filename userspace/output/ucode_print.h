/* SPDX-License-Identifier: GPL-2.0 */
/* The microcode inventory printed: JSON (schema mdscope-microcode/1) or a table. */
#ifndef MDSCOPE_UCODE_PRINT_H
#define MDSCOPE_UCODE_PRINT_H

#include <stdio.h>

#include "ucode_status.h"

#define UCODE_SCHEMA "mdscope-microcode/1"

/* 0, or -ENOMEM / -EIO. */
struct json_object;

int ucode_print_json(FILE *f, const struct ucode_inv *inv);
/* The inventory as a JSON object (no schema key); NULL on ENOMEM. */
struct json_object *ucode_inv_json(const struct ucode_inv *inv);
int ucode_print_text(FILE *f, const struct ucode_inv *inv);

#endif
