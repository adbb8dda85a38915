// SPDX-License-Identifier: GPL-2.0
/*
 * Nova's configuration syntax, parsed exactly as oslo.config does it. The
 * reference is oslo.config 9.0.0 (Debian 12: oslo_config/iniparser.py and
 * cfg.ConfigParser), read line by line; what it does, and so what this does:
 *
 * - The file is decoded as UTF-8 (Python's open() in a UTF-8 or C locale);
 *   invalid UTF-8 raises UnicodeDecodeError and nova-compute dies, so it is
 *   an error here too. Lines end at "\n", "\r\n" or a lone "\r" (universal
 *   newlines). There is no line length limit.
 * - Each line is right-stripped of Python whitespace (str.isspace: ASCII
 *   \t\n\v\f\r, \x1c-\x1f, space and the Unicode spaces below). An empty line
 *   ends a multi-line value.
 * - A line starting with a space or a tab (only those two) continues the
 *   previous value: it is left-stripped and joined with "\n". Without a key
 *   before it (first line, after a section, comment or blank line) it is an
 *   error ("Unexpected continuation line").
 * - "[name]": the line must end with "]" after stripping and name may not be
 *   empty; name is kept as written (no stripping, "[ libvirt ]" is the
 *   group " libvirt "). Groups are matched case-insensitively: oslo lower-
 *   cases every section name but DEFAULT, so [LIBVIRT] is [libvirt]. The only
 *   non-ASCII letter whose lower() holds an ASCII letter is U+0130, which
 *   lowers to "i" plus a combining dot, so ASCII folding is exact here.
 * - "#" or ";" in the first column starts a comment; nothing else does
 *   (no inline comments: "none # x" is the value "none # x").
 * - Otherwise key and value split at the first ":" or "=", whichever comes
 *   first; none is an error, and so is an empty key. Both are stripped; one
 *   pair of matching quotes (' or ") around the first line's value is
 *   removed. Keys are case-sensitive ("CPU_MODE" is not cpu_mode).
 * - A key before any section is refused ("Section must be started before
 *   assignment"), as is the whole configuration with it.
 * - A key repeated in a file is kept as a list; the option's value is the
 *   last one (cfg.py: values[-1]). Across files the later file wins.
 * Not matched, on purpose (each is refused, never guessed): a NUL byte
 * (Python would keep it in the value).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nova_ini.h"

/* Python's str.isspace() beyond ASCII (ASCII: \t \n \v \f \r \x1c-\x1f ' '). */
static const uint32_t unicode_spaces[] = {
	0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
	0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f,
	0x3000,
};

static bool is_space(uint32_t c)
{
	if ((c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20))
		return true;
	for (size_t i = 0; i < sizeof(unicode_spaces) / sizeof(unicode_spaces[0]); i++)
		if (c == unicode_spaces[i])
			return true;
	return false;
}

/*
 * Length of the UTF-8 sequence at s (at most n bytes) as Python's strict
 * decoder accepts it, or 0: no overlong forms, no surrogates, <= U+10FFFF.
 */
static size_t utf8_len(const unsigned char *s, size_t n, uint32_t *cp)
{
	static const struct {
		unsigned char lead_min, lead_max, len, lo, hi;	/* second byte range */
	} seq[] = {
		{ 0xc2, 0xdf, 2, 0x80, 0xbf },
		{ 0xe0, 0xe0, 3, 0xa0, 0xbf },
		{ 0xe1, 0xec, 3, 0x80, 0xbf },
		{ 0xed, 0xed, 3, 0x80, 0x9f },
		{ 0xee, 0xef, 3, 0x80, 0xbf },
		{ 0xf0, 0xf0, 4, 0x90, 0xbf },
		{ 0xf1, 0xf3, 4, 0x80, 0xbf },
		{ 0xf4, 0xf4, 4, 0x80, 0x8f },
	};

	if (!n)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	for (size_t i = 0; i < sizeof(seq) / sizeof(seq[0]); i++) {
		size_t len = seq[i].len;

		if (s[0] < seq[i].lead_min || s[0] > seq[i].lead_max)
			continue;
		if (n < len || s[1] < seq[i].lo || s[1] > seq[i].hi)
			return 0;
		*cp = s[0] & (0x7f >> len);
		for (size_t k = 1; k < len; k++) {
			if ((s[k] & 0xc0) != 0x80)
				return 0;
			*cp = *cp << 6 | (s[k] & 0x3f);
		}
		return len;
	}
	return 0;
}

/* The code point ending at s + len (valid UTF-8), and its length. */
static size_t last_cp(const char *s, size_t len, uint32_t *cp)
{
	size_t k = 1;

	while (k < len && k < 4 && ((unsigned char)s[len - k] & 0xc0) == 0x80)
		k++;
	return utf8_len((const unsigned char *)s + len - k, k, cp) == k ? k : 0;
}

static size_t rstrip_len(const char *s, size_t len)
{
	uint32_t cp;
	size_t k;

	while (len && (k = last_cp(s, len, &cp)) && is_space(cp))
		len -= k;
	return len;
}

const char *nova_ini_strip(const char *s, size_t *len)
{
	uint32_t cp;
	size_t k;

	while (*len && (k = utf8_len((const unsigned char *)s, *len, &cp)) && is_space(cp)) {
		s += k;
		*len -= k;
	}
	*len = rstrip_len(s, *len);
	return s;
}

bool nova_ini_section_is(const char *section, const char *name)
{
	if (!strcmp(section, "DEFAULT") || !strcmp(name, "DEFAULT"))
		return !strcmp(section, name);
	return !strcasecmp(section, name);
}

void nova_ini_escape(char *dst, size_t dstlen, const char *src, size_t len)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t o = 0, k;
	uint32_t cp;

	if (!dstlen)
		return;
	for (size_t i = 0; i < len && o + 5 < dstlen; i += k) {
		k = utf8_len(s + i, len - i, &cp);
		if (k > 1 || (k == 1 && cp >= 0x20 && cp != 0x7f)) {
			if (o + k >= dstlen)
				break;
			memcpy(dst + o, s + i, k);
			o += k;
			continue;
		}
		k = 1;
		o += snprintf(dst + o, dstlen - o, "\\x%02x", s[i]);
	}
	dst[o] = '\0';
}

/* One parse: the text, the pending assignment, and where errors go. */
struct ini {
	const char *origin;
	nova_ini_fn fn;
	void *ctx;
	char *err;
	size_t errlen;
	int lineno;
	char *section;
	char *key;		/* pending assignment, NULL when none */
	char *value;
	size_t vlen, vcap;
	int key_line;
};

static int fail(struct ini *p, const char *what, const char *line, size_t len)
{
	char shown[160];

	nova_ini_escape(shown, sizeof(shown), line, len < 120 ? len : 120);
	snprintf(p->err, p->errlen, "%s:%d: malformed line (%s): '%s%s'", p->origin,
		 p->lineno, what, shown, len > 120 ? "..." : "");
	return -EINVAL;
}

static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static int value_add(struct ini *p, const char *s, size_t n, bool newline)
{
	size_t need = p->vlen + n + newline + 1;

	if (need > p->vcap) {
		char *v = realloc(p->value, need * 2);

		if (!v)
			return -ENOMEM;
		p->value = v;
		p->vcap = need * 2;
	}
	if (newline)
		p->value[p->vlen++] = '\n';
	memcpy(p->value + p->vlen, s, n);
	p->vlen += n;
	p->value[p->vlen] = '\0';
	return 0;
}

/* cfg.ConfigParser.assignment(): needs a section, then hands the pair on. */
static int flush(struct ini *p)
{
	int ret;

	if (!p->key)
		return 0;
	if (!p->section) {
		char shown[160];

		nova_ini_escape(shown, sizeof(shown), p->key, strlen(p->key));
		snprintf(p->err, p->errlen, "%s:%d: key '%s' before any [section] "
			 "(oslo.config refuses the file)", p->origin, p->key_line, shown);
		ret = -EINVAL;
	} else {
		ret = p->fn(p->ctx, p->section, p->key, p->value ? p->value : "", p->key_line);
	}
	free(p->key);
	p->key = NULL;
	p->vlen = 0;
	return ret;
}

/* BaseParser._split_key_value(): first ':' or '=', strip, one pair of quotes. */
static int assignment(struct ini *p, const char *line, size_t len)
{
	const char *colon = memchr(line, ':', len), *eq = memchr(line, '=', len);
	const char *sep = !colon || (eq && eq < colon) ? eq : colon, *k, *v;
	size_t klen, vlen;

	if (!sep)
		return fail(p, "no ':' or '=' in an assignment", line, len);
	klen = sep - line;
	k = nova_ini_strip(line, &klen);
	vlen = len - (sep + 1 - line);
	v = nova_ini_strip(sep + 1, &vlen);
	if (vlen && v[0] == v[vlen - 1] && (v[0] == '"' || v[0] == '\'')) {
		v++;
		vlen = vlen >= 2 ? vlen - 2 : 0;
	}
	if (!klen)
		return fail(p, "empty key", line, len);
	p->key = dup_n(k, klen);
	if (!p->key)
		return -ENOMEM;
	p->key_line = p->lineno;
	p->vlen = 0;
	return value_add(p, v, vlen, false);
}

static int section(struct ini *p, const char *line, size_t len)
{
	if (line[len - 1] != ']')
		return fail(p, "a section must end with ']'", line, len);
	if (len <= 2)
		return fail(p, "empty section name", line, len);
	free(p->section);
	p->section = dup_n(line + 1, len - 2);
	return p->section ? 0 : -ENOMEM;
}

/* BaseParser.parse() for one line (its terminator already cut off). */
static int parse_line(struct ini *p, const char *line, size_t len)
{
	int ret;

	len = rstrip_len(line, len);
	if (!len)
		return flush(p);
	if (line[0] == ' ' || line[0] == '\t') {
		size_t n = len;
		const char *s = nova_ini_strip(line, &n);

		if (!p->key)
			return fail(p, "unexpected continuation line", line, len);
		return value_add(p, s, n, true);
	}
	ret = flush(p);
	if (ret)
		return ret;
	if (line[0] == '[')
		return section(p, line, len);
	if (line[0] == '#' || line[0] == ';')
		return 0;
	return assignment(p, line, len);
}

/* The whole text must be UTF-8 without NUL; name the first bad line. */
static int check_text(struct ini *p, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	int line = 1;
	uint32_t cp;
	size_t k;

	for (size_t i = 0; i < len; i += k) {
		k = utf8_len(s + i, len - i, &cp);
		if (!k || !cp) {
			snprintf(p->err, p->errlen, "%s:%d: %s at byte %zu (nova-compute "
				 "cannot read this file either)", p->origin, line,
				 k ? "a NUL byte" : "not UTF-8", i);
			return -EINVAL;
		}
		if (cp == '\n' || (cp == '\r' && (i + 1 == len || s[i + 1] != '\n')))
			line++;
	}
	return 0;
}

int nova_ini_parse(const char *text, size_t len, const char *origin, nova_ini_fn fn,
		   void *ctx, char *err, size_t errlen)
{
	struct ini p = { .origin = origin, .fn = fn, .ctx = ctx, .err = err, .errlen = errlen };
	size_t start = 0;
	int ret;

	ret = check_text(&p, text, len);
	while (!ret && start < len) {
		size_t end = start, next;

		while (end < len && text[end] != '\n' && text[end] != '\r')
			end++;
		next = end + (end < len);
		if (end < len && text[end] == '\r' && next < len && text[next] == '\n')
			next++;
		p.lineno++;
		ret = parse_line(&p, text + start, end - start);
		start = next;
	}
	if (!ret)
		ret = flush(&p);
	free(p.key);
	free(p.value);
	free(p.section);
	return ret;
}
