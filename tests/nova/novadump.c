// SPDX-License-Identifier: GPL-2.0
/*
 * Test driver for the differential suite: reads Nova's configuration with
 * mdscope's own reader (virt/nova_read.c, nova.c) and prints one JSON line:
 * the files read, oslo.config's resolved options as mdscope sees them, and
 * whether mdscope refused the configuration (and at which step).
 *
 *   novadump [--root DIR] [--config-file FILE | --config-dir DIR]...
 */
#include <stdio.h>
#include <string.h>

#include "nova.h"

static void jstr(const char *s)
{
	putchar('"');
	for (; s && *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void jopt(const char *key, const struct nova_opt *o)
{
	printf(", \"%s\": ", key);
	if (o->origin[0])
		jstr(o->value);
	else
		printf("null");
}

int main(int argc, char **argv)
{
	static struct nova_conf c;
	struct nova_source src = { 0 };
	char err[1024] = "";
	int ret;

	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--root")) {
			src.root = argv[i + 1];
			continue;
		}
		if (src.n_args == NOVA_MAX_ARGS || (strcmp(argv[i], "--config-file") &&
						    strcmp(argv[i], "--config-dir"))) {
			fprintf(stderr, "novadump: bad argument %s\n", argv[i]);
			return 2;
		}
		src.args[src.n_args].path = argv[i + 1];
		src.args[src.n_args++].dir = !strcmp(argv[i], "--config-dir");
	}
	ret = nova_read(&src, &c, err, sizeof(err));
	printf("{\"read_error\": ");
	if (ret) {
		jstr(err);
		printf("}\n");
		return 0;
	}
	printf("null, \"files\": [");
	for (int i = 0; i < c.n_files; i++) {
		printf(i ? ", " : "");
		jstr(c.files[i]);
	}
	printf("]");
	jopt("virt_type", &c.virt_type);
	jopt("cpu_mode", &c.cpu_mode);
	printf(", \"old_name\": %s", c.models_from_old_name ? "true" : "false");
	ret = nova_finish(&c, err, sizeof(err));
	printf(", \"finish_error\": ");
	if (ret) {
		jstr(err);
		printf("}\n");
		return 0;
	}
	printf("null, \"cpu_models\": [");
	for (int i = 0; i < c.n_models; i++) {
		printf(i ? ", " : "");
		jstr(c.models[i]);
	}
	printf("], \"cpu_model_extra_flags\": [");
	for (int i = 0; i < c.n_flags; i++) {
		printf(i ? ", " : "");
		jstr(c.flags[i].item);
	}
	printf("], \"mode\": \"%s\"}\n", nova_mode_name(c.mode));
	return 0;
}
