// SPDX-License-Identifier: GPL-2.0
/* struct mds_err's one helper (err.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "err.h"

int mds_seterr(struct mds_err *err, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}
