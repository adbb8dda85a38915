/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the libFuzzer harnesses: the input as a C string. */
#ifndef MDSCOPE_FUZZ_H
#define MDSCOPE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A malloc'd NUL-terminated copy (the readers get text that way from files). */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
