/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For drivers that run a whole subcommand in-process (test_report.c,
 * test_guests.c, test_check.c, test_ucode_inv.c): cmd_run() calls a *_main
 * with stdout and stderr captured to files under the scratch directory
 * cmd_setup() makes (or one the driver names in cmd_dir); jget()/jtext()
 * walk its JSON by a dotted path ("host.virt_types.0.offered"). Include
 * after cmocka.h.
 */
#ifndef MDSCOPE_CMDRUN_H
#define MDSCOPE_CMDRUN_H

#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <json-c/json.h>

#include "sysfs.h"

static char cmd_dir[64];

static inline int cmd_setup(void **state)
{
	snprintf(cmd_dir, sizeof(cmd_dir), "/tmp/mdscope-cmd.XXXXXX");
	return mkdtemp(cmd_dir) ? 0 : -1;
}

static inline int cmd_teardown(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", cmd_dir);
	return system(cmd);
}

/* Run fn(args...) (NULL-terminated) with output in *out, *err (free both). */
static inline int cmd_run(int (*fn)(int, char **), const char *const *args, char **out, char **err)
{
	char *argv[48], op[128], ep[128];
	int argc = 0, so, se, fo, fe, code;
	size_t len;

	assert_true(cmd_dir[0]);	/* cmd_setup() first, or name a scratch dir */
	for (; args[argc]; argc++)	/* writable, as a real argv (vc_opt edits it) */
		argv[argc] = strdup(args[argc]);
	argv[argc] = NULL;
	snprintf(op, sizeof(op), "%s/out", cmd_dir);
	snprintf(ep, sizeof(ep), "%s/err", cmd_dir);
	fflush(stdout);
	fflush(stderr);
	so = dup(1);
	se = dup(2);
	fo = open(op, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	fe = open(ep, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(so >= 0 && se >= 0 && fo >= 0 && fe >= 0);
	dup2(fo, 1);
	dup2(fe, 2);
	optind = 0;	/* glibc: start getopt afresh */
	code = fn(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(so), close(se), close(fo), close(fe);
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	assert_int_equal(sr_read_file(NULL, out, &len, "%s", op), 0);
	assert_int_equal(sr_read_file(NULL, err, &len, "%s", ep), 0);
	return code;
}

static inline json_object *jparse(const char *text)
{
	json_object *o = json_tokener_parse(text);

	if (!o)
		fail_msg("not JSON: %.300s", text);
	return o;
}

/* The value at path; fails when a key is missing (a JSON null is NULL). */
static inline json_object *jget(json_object *o, const char *path)
{
	char buf[160], *save, *tok;

	snprintf(buf, sizeof(buf), "%s", path);
	for (tok = strtok_r(buf, ".", &save); tok; tok = strtok_r(NULL, ".", &save)) {
		if (!o)
			fail_msg("null before '%s' in %s", tok, path);
		if (json_object_is_type(o, json_type_array)) {
			if ((size_t)atoi(tok) >= json_object_array_length(o))
				fail_msg("no element %s in %s", tok, path);
			o = json_object_array_get_idx(o, atoi(tok));
		} else if (!json_object_object_get_ex(o, tok, &o)) {
			fail_msg("no key '%s' in %s", tok, path);
		}
	}
	return o;
}

/* The value at path as text; "null" for a JSON null. */
static inline const char *jtext(json_object *o, const char *path)
{
	json_object *v = jget(o, path);

	return v ? json_object_get_string(v) : "null";
}

/* One "mdscope: ..." line and nothing else. */
static inline bool is_one_line(const char *err)
{
	return !strncmp(err, "mdscope: ", 9) && strchr(err, '\n') == err + strlen(err) - 1;
}

/* Exactly one line, and it is want. */
static inline void one_line(const char *err, const char *want)
{
	if (strcmp(err, want))
		fail_msg("stderr is '%s', want '%s'", err, want);
}

/* fn(args) refuses: exit 3, nothing on stdout, and one line (want, when not NULL). */
static inline void cmd_refused(int (*fn)(int, char **), const char *const *args,
			       const char *want)
{
	char *out, *err;
	int code = cmd_run(fn, args, &out, &err);

	if (code != 3)
		fail_msg("%s %s: exit %d", args[1], args[2] ?: "", code);
	assert_string_equal(out, "");
	if (want)
		one_line(err, want);
	else if (!is_one_line(err))
		fail_msg("%s: not one 'mdscope: ' line: '%s'", args[1], err);
	free(out);
	free(err);
}

#endif
