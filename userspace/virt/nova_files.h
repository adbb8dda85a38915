/* SPDX-License-Identifier: GPL-2.0 */
/* Opening Nova's config files and dirs so that nothing can block or balloon. */
#ifndef MDSCOPE_NOVA_FILES_H
#define MDSCOPE_NOVA_FILES_H

#include <stddef.h>

#define NOVA_FILE_MAX	(1024 * 1024)	/* larger config files are refused */

/*
 * Read a regular file of at most NOVA_FILE_MAX bytes into *text (malloc'd,
 * NUL-terminated, *len bytes). Returns 0 or -errno with one line in err;
 * -ENOENT leaves err for the caller when optional (a default file).
 */
int nova_file_read(const char *path, const char *shown, char **text, size_t *len,
		   char *err, size_t errlen);

/*
 * The *.conf entries of dir as oslo.config's sorted(glob(os.path.join(dir, "*.conf")))
 * lists them: names not starting with '.', in byte order. *names is a
 * malloc'd array of malloc'd names; free with nova_dir_free().
 */
int nova_dir_list(const char *dir, const char *shown, char ***names, int *n,
		  char *err, size_t errlen);
void nova_dir_free(char **names, int n);

#endif
