/* SPDX-License-Identifier: GPL-2.0 */
/* Command-line complaints and the final flush, one line each, for every subcommand. */
#ifndef MDSCOPE_OPTS_H
#define MDSCOPE_OPTS_H

/*
 * getopt_long()'s complaint about argv[optind - 1] as one stderr line;
 * returns @status. Use with opterr = 0 and an optstring starting with ':'
 * (then @c is ':' for a missing value, '?' otherwise).
 */
int opt_error(const char *cmd, int c, char *argv[], int status);

/* An argument left after the options: one line and @status; else 0. */
int opt_extra(const char *cmd, int argc, char *argv[], int status);

/* Flush stdout: a failed write is one line and 3, never a silent
 * truncation; else @code. */
int opt_finish(const char *cmd, int code);

#endif
