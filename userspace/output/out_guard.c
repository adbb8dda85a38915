// SPDX-License-Identifier: GPL-2.0
/*
 * The terminal guard: a stdio stream in front of a file descriptor that
 * lets through printable text, newlines and valid UTF-8, and writes every
 * other byte as \xNN: C0 control characters (ESC, BEL, CR, ...), DEL, the
 * C1 controls U+0080..U+009F and bytes that are not UTF-8. Text output and
 * error lines go through it, so no name or text from the data (a host
 * name, a libvirt domain name, a microcode file name) can move the cursor,
 * clear the screen or forge a line. JSON output does not: json-c escapes
 * control characters itself, and \xNN would not be JSON.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "out.h"

struct guard {
	int fd;
	unsigned char pend[4];	/* an incomplete UTF-8 sequence from the last write */
	size_t npend;
};

static FILE *guarded_out, *guarded_err;

/* Bytes of a UTF-8 sequence after its lead byte c; 0 when c leads none. */
static size_t utf8_tail(unsigned char c)
{
	return c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 :
	       c >= 0xf0 && c <= 0xf4 ? 3 : 0;
}

/*
 * A whole sequence at p (1 + n bytes) that is a printable code point:
 * continuation bytes, shortest form, no surrogate, at most U+10FFFF, no C1.
 */
static bool utf8_ok(const unsigned char *p, size_t n)
{
	unsigned int cp = p[0] & (0x3f >> n);

	for (size_t k = 1; k <= n; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return false;
		cp = cp << 6 | (p[k] & 0x3f);
	}
	return !((n == 1 && cp < 0xa0) || (n == 2 && cp < 0x800) ||
		 (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff));
}

/* The first k continuation bytes of an incomplete sequence are continuation bytes. */
static bool tail_so_far(const unsigned char *p, size_t k)
{
	for (size_t i = 1; i < k; i++)
		if ((p[i] & 0xc0) != 0x80)
			return false;
	return true;
}

static int write_all(int fd, const char *b, size_t len)
{
	while (len) {
		ssize_t n = write(fd, b, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		b += n;
		len -= n;
	}
	return 0;
}

/* Escape d[0..n) into out; a trailing incomplete sequence goes to g->pend unless final. */
static size_t escape(struct guard *g, const unsigned char *d, size_t n, char *out, bool final)
{
	size_t i = 0, o = 0;

	while (i < n) {
		unsigned char c = d[i];
		size_t t = utf8_tail(c);

		if (c < 0x80 && (c >= 0x20 || c == '\n') && c != 0x7f) {
			out[o++] = c;
			i++;
			continue;
		}
		if (t && i + t >= n && !final && tail_so_far(d + i, n - i)) {
			memcpy(g->pend, d + i, n - i);
			g->npend = n - i;
			break;
		}
		if (t && i + t < n && utf8_ok(d + i, t)) {
			memcpy(out + o, d + i, t + 1);
			o += t + 1;
			i += t + 1;
			continue;
		}
		o += sprintf(out + o, "\\x%02x", c);
		i++;
	}
	return o;
}

static ssize_t guard_write(void *cookie, const char *buf, size_t size)
{
	struct guard *g = cookie;
	size_t n = g->npend + size;
	unsigned char *d = malloc(n ? n : 1);
	char *out = malloc(4 * n + 1);
	int r = -1;

	if (d && out) {
		memcpy(d, g->pend, g->npend);
		memcpy(d + g->npend, buf, size);
		g->npend = 0;
		r = write_all(g->fd, out, escape(g, d, n, out, false));
	}
	free(d);
	free(out);
	if (r) {
		errno = errno ? errno : EIO;
		return -1;
	}
	return size;
}

static int guard_close(void *cookie)
{
	struct guard *g = cookie;
	char out[17];
	int r = 0;

	if (g->npend)
		r = write_all(g->fd, out, escape(g, g->pend, g->npend, out, true));
	g->npend = 0;
	return r;
}

/* Static state: the streams live until exit (which flushes, never closes them). */
static struct guard out_state, err_state;

static int guard(FILE **f, FILE **done, struct guard *g, int fd)
{
	static const cookie_io_functions_t io = { .write = guard_write, .close = guard_close };
	FILE *n;

	if (*done && *f == *done)
		return 0;
	*g = (struct guard){ .fd = fd };
	n = fopencookie(g, "w", io);
	if (!n)
		return -ENOMEM;
	fflush(*f);
	if (fd == STDERR_FILENO)
		setvbuf(n, NULL, _IOLBF, 0);
	*f = *done = n;
	return 0;
}

int out_guard_stdout(void)
{
	return guard(&stdout, &guarded_out, &out_state, STDOUT_FILENO);
}

int out_guard_stderr(void)
{
	return guard(&stderr, &guarded_err, &err_state, STDERR_FILENO);
}
