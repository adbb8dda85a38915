/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one home of output formatting: JSON values (json-c) with null for
 * what is not known, hex and time text, and the final write. Every printer
 * (report, cpus, guests, check) goes through field.c, which renders each
 * typed field with these.
 */
#ifndef MDSCOPE_OUT_H
#define MDSCOPE_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct json_object;

struct json_object *out_str(const char *s);		/* NULL: null */
struct json_object *out_str_or_null(const char *s);	/* NULL or "": null */
struct json_object *out_hex(uint64_t v);		/* "0x1f" */
struct json_object *out_int(int64_t v);
struct json_object *out_bool(bool v);
struct json_object *out_tri(int v);			/* < 0: null, else a boolean */
void out_add(struct json_object *o, const char *key, struct json_object *v);

/* Pretty JSON and a newline; frees o. 0 or -EIO. */
int out_json_print(FILE *f, struct json_object *o);

/* "0x1f" into buf; returns buf. */
char *out_hexstr(uint64_t v, char *buf, size_t len);
/* A CLOCK_REALTIME ns value as ISO 8601 UTC ("2026-11-22T02:40:00Z"), or none for 0. */
char *out_time(uint64_t ns, const char *none, char *buf, size_t len);

/* out_guard.c: route stdout (text output) or stderr through a filter that
 * writes control characters, C1 and non-UTF-8 bytes as \xNN. 0 or -ENOMEM. */
int out_guard_stdout(void);
int out_guard_stderr(void);

#endif
