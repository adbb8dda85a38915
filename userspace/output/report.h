/* SPDX-License-Identifier: GPL-2.0 */
/* Printing one analyzed snapshot: text (report_text.c) or JSON (report_json.c). */
#ifndef MDSCOPE_REPORT_H
#define MDSCOPE_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "classify.h"

#define MDS_REPORT_SCHEMA "mdscope-report/1"

struct ucode_inv;
/* From the analysis alone; inv: the microcode files compared with (NULL: none). 0 or -errno. */
int report_print_text(FILE *f, const struct cls_result *r, const struct ucode_inv *inv);
int report_print_json(FILE *f, const struct cls_result *r, const struct ucode_inv *inv);

/* Shared helpers (report_json.c). */
const struct cls_cpu *report_cls_cpu(const struct cls_result *r, uint32_t cpu);

#endif
