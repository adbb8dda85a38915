// SPDX-License-Identifier: GPL-2.0
/* Command-line complaints, one line each, for every subcommand. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "opts.h"
#include "subcommands.h"

int opt_error(const char *cmd, int c, char *argv[], int status)
{
	const char *arg = argv[optind - 1];
	const char *eq = strchr(arg, '=');

	if (c == ':')
		fprintf(stderr, "%s: %s: option '%s' needs a value (see --help)\n", prog, cmd, arg);
	else if (optopt && !strncmp(arg, "--", 2) && eq)
		fprintf(stderr, "%s: %s: option '%.*s' takes no value (see --help)\n", prog, cmd,
			(int)(eq - arg), arg);
	else
		fprintf(stderr, "%s: %s: unknown option '%s' (see --help)\n", prog, cmd, arg);
	return status;
}

int opt_extra(const char *cmd, int argc, char *argv[], int status)
{
	if (optind >= argc)
		return 0;
	fprintf(stderr, "%s: %s: unexpected argument '%s' (see --help)\n", prog, cmd, argv[optind]);
	return status;
}

int opt_finish(const char *cmd, int code)
{
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "%s: %s: writing the output: %s\n", prog, cmd, strerror(errno));
		return 3;
	}
	return code;
}
