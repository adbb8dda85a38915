// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of the Nova configuration reader: the input is written
 * to a file given as --config-file under an empty root (so /etc/nova of this
 * machine is never read), read with nova_load() (nova_files.c, nova_ini.c,
 * nova_read.c, nova.c), and judged by nova_verdict() against a host whose
 * answers depend on the model's name.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "fuzz.h"
#include "nova.h"

static char dir[] = "/tmp/mdscope-fuzz-nova.XXXXXX";
static char path[sizeof(dir) + 16];

static int model_answer(void *ctx, const char *model)
{
	return (int)(strlen(model) % 3) - 1;
}

static void cleanup(void)
{
	unlink(path);
	rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct nova_conf conf;
	struct nova_host_view host = {
		.host_model_md_clear = -1, .passthrough_md_clear = 1,
		.model_md_clear = model_answer, .model_usable = model_answer,
	};
	struct nova_source src = { .n_args = 1 };
	char err[512], msg[512];
	int fd;

	if (!path[0]) {
		if (!mkdtemp(dir))
			abort();
		snprintf(path, sizeof(path), "%s/nova.conf", dir);
		atexit(cleanup);
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size || close(fd))
		abort();
	src.root = dir;
	src.args[0].path = path;
	memset(&conf, 0, sizeof(conf));
	if (!nova_load(&src, &conf, err, sizeof(err))) {
		nova_md_clear_flag(&conf);
		nova_verdict(&conf, &host, msg, sizeof(msg));
	}
	return 0;
}
