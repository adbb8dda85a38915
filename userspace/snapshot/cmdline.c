// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/cmdline parser: the options that change MDS/TAA mitigation.
 * Split like the kernel's next_arg() (lib/cmdline.c): spaces separate,
 * double quotes group; "--" ends the kernel's own parameters; a later
 * occurrence of an option overrides an earlier one, as early_param does.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmdline.h"
#include "snapshot.h"

static int cmdline_err(struct mds_err *err, const char *what, const char *param)
{
	if (err)
		snprintf(err->msg, sizeof(err->msg), "kernel command line: %s%s%.40s%s", what,
			 param ? " '" : "", param ? param : "", param ? "'" : "");
	return -EINVAL;
}

/* Options with a value: name and where it goes. */
#define OPT(n, f) { n, __builtin_offsetof(struct mds_cmdline, f), \
		    sizeof(((struct mds_cmdline *)0)->f) }
static const struct {
	const char *name;
	size_t offset, size;
} value_opts[] = {	/* besides each vulnerability's own option (vuln_info[].cmdline) */
	OPT("tsx", tsx),
	OPT("mitigations", mitigations),
	OPT("nosmt", nosmt_value),
};

/* Where param's value goes, and its size; NULL when mdscope does not keep it. */
static char *slot(struct mds_cmdline *out, const char *param, size_t *size)
{
	for (int v = 0; v < VULN_NR; v++)
		if (!strcmp(param, vuln_info[v].cmdline)) {
			*size = sizeof(out->vuln_opt[v]);
			return out->vuln_opt[v];
		}
	for (size_t i = 0; i < sizeof(value_opts) / sizeof(value_opts[0]); i++)
		if (!strcmp(param, value_opts[i].name)) {
			*size = value_opts[i].size;
			return (char *)out + value_opts[i].offset;
		}
	return NULL;
}

/* Next argument from *p into param/val (in place); NULL at the end. */
static char *next_arg(char **p, char **val)
{
	char *s = *p, *param, *eq = NULL;
	bool quoted = false;

	s += strspn(s, " \t\n");
	if (!*s)
		return NULL;
	param = s;
	for (; *s; s++) {
		if (*s == '"')
			quoted = !quoted;
		else if (!quoted && (*s == ' ' || *s == '\t' || *s == '\n'))
			break;
		else if (*s == '=' && !eq)
			eq = s;
	}
	*p = *s ? s + 1 : s;
	*s = '\0';
	*val = NULL;
	if (eq) {
		*eq = '\0';
		*val = eq + 1;
	}
	return param;
}

/* Drop the quotes the kernel strips from a value: "a b" -> a b. */
static void unquote(char *v)
{
	char *w = v;

	for (; *v; v++)
		if (*v != '"')
			*w++ = *v;
	*w = '\0';
}

int parse_cmdline(const char *buf, struct mds_cmdline *out, struct mds_err *err)
{
	char work[sizeof(out->raw)], *p = work, *param, *val, *dst;
	size_t size;
	size_t len;

	memset(out, 0, sizeof(*out));
	if (!buf)
		return cmdline_err(err, "no text", NULL);
	len = strlen(buf);
	while (len && buf[len - 1] == '\n')
		len--;
	if (len >= sizeof(out->raw))
		return cmdline_err(err, "longer than 4095 bytes", NULL);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)buf[i] < 0x20 && buf[i] != '\t')
			return cmdline_err(err, "control character in the text", NULL);
	memcpy(out->raw, buf, len);
	out->raw[len] = '\0';
	memcpy(work, out->raw, len + 1);

	while ((param = next_arg(&p, &val))) {
		if (!strcmp(param, "--") && !val)
			break;
		if (!strcmp(param, "nosmt")) {
			out->nosmt = true;
			out->nosmt_value[0] = '\0';
		}
		if (!val)
			continue;
		dst = slot(out, param, &size);
		if (!dst)
			continue;
		unquote(val);
		if (strlen(val) >= size) {
			memset(out, 0, sizeof(*out));
			return cmdline_err(err, "value too long for", param);
		}
		strcpy(dst, val);
	}
	out->present = true;
	return 0;
}
