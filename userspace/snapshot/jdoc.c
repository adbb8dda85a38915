// SPDX-License-Identifier: GPL-2.0
/*
 * JSON text -> struct jd tree, for the snapshot loader. yajl's event parser
 * does the lexing and the strictness (UTF-8, integer overflow, one value,
 * no trailing data); the callbacks below keep the values of every open
 * container on one stack and, when a container closes, move its members
 * into the arena as one array. Strings and keys are copied into the arena
 * too, so a document is a handful of blocks freed at once: json-c's tree
 * (a hash table per object, an allocation per value) made loading a fleet
 * of snapshots several times slower.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "jdoc.h"

#define MAX_DEPTH	64
#define BLOCK_MIN	(64 * 1024)

struct block {
	struct block *next;
	size_t used, size;
	max_align_t data[];
};

struct jdoc {
	struct block *blocks;
	struct jd root;
};

struct frame {
	size_t start;		/* its first member on the stack */
	const char *key;	/* its own name in the enclosing object */
	bool object;
};

struct builder {
	struct jdoc *doc;
	struct jd *stack;	/* members of the open containers */
	size_t top, cap;
	struct frame frames[MAX_DEPTH];
	int depth;
	const char *key;	/* the pending member name */
	const char *why;	/* a callback's reason to stop */
	bool oom;		/* ... which was out of memory */
};

static void *arena(struct jdoc *d, size_t size)
{
	struct block *b = d->blocks;
	void *p;

	size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (!b || b->size - b->used < size) {
		size_t want = size > BLOCK_MIN ? size : BLOCK_MIN;

		b = malloc(sizeof(*b) + want);
		if (!b)
			return NULL;
		b->size = want;
		b->used = 0;
		b->next = d->blocks;
		d->blocks = b;
	}
	p = (char *)b->data + b->used;
	b->used += size;
	return p;
}

static const char *copy(struct builder *b, const unsigned char *s, size_t len)
{
	char *p = arena(b->doc, len + 1);

	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

static int stop(struct builder *b, const char *why)
{
	b->why = why;
	return 0;
}

static int out_of_memory(struct builder *b)
{
	b->oom = true;
	return stop(b, "out of memory");
}

/* The name a new value takes: the pending key inside an object. */
static const char *member_key(struct builder *b)
{
	const char *k = b->depth && b->frames[b->depth - 1].object ? b->key : NULL;

	b->key = NULL;
	return k;
}

static int add(struct builder *b, struct jd v)
{
	if (!b->depth) {
		b->doc->root = v;
		return 1;
	}
	if (b->top == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 256;
		struct jd *s = realloc(b->stack, cap * sizeof(*s));

		if (!s)
			return out_of_memory(b);
		b->stack = s;
		b->cap = cap;
	}
	b->stack[b->top++] = v;
	return 1;
}

static int on_null(void *ctx)
{
	struct builder *b = ctx;

	return add(b, (struct jd){ .key = member_key(b), .type = JD_NULL });
}

static int on_bool(void *ctx, int v)
{
	struct builder *b = ctx;

	return add(b, (struct jd){ .key = member_key(b), .type = JD_BOOL, .u.b = v });
}

static int on_int(void *ctx, long long v)
{
	struct builder *b = ctx;

	return add(b, (struct jd){ .key = member_key(b), .type = JD_INT, .u.i = v });
}

static int on_double(void *ctx, double v)
{
	struct builder *b = ctx;

	(void)v;	/* a snapshot holds no fractions: only the type matters */
	return add(b, (struct jd){ .key = member_key(b), .type = JD_DOUBLE });
}

static int on_string(void *ctx, const unsigned char *s, size_t len)
{
	struct builder *b = ctx;
	const char *k = member_key(b), *p = copy(b, s, len);

	if (!p)
		return out_of_memory(b);
	return add(b, (struct jd){ .key = k, .type = JD_STRING, .n = len, .u.s = p });
}

static int on_key(void *ctx, const unsigned char *s, size_t len)
{
	struct builder *b = ctx;

	if (memchr(s, '\0', len))
		return stop(b, "a key holds a NUL character");
	b->key = copy(b, s, len);
	return b->key ? 1 : out_of_memory(b);
}

static int open_container(void *ctx, bool object)
{
	struct builder *b = ctx;
	const char *k = member_key(b);

	if (b->depth == MAX_DEPTH)
		return stop(b, "nested more than 64 levels deep");
	b->frames[b->depth++] = (struct frame){ .start = b->top, .key = k, .object = object };
	return 1;
}

static int close_container(void *ctx)
{
	struct builder *b = ctx;
	struct frame *f = &b->frames[--b->depth];
	size_t n = b->top - f->start;
	struct jd *kids = NULL;

	if (n) {
		kids = arena(b->doc, n * sizeof(*kids));
		if (!kids)
			return out_of_memory(b);
		memcpy(kids, b->stack + f->start, n * sizeof(*kids));
	}
	b->top = f->start;
	return add(b, (struct jd){ .key = f->key, .type = f->object ? JD_OBJECT : JD_ARRAY,
				   .n = n, .u.kids = kids });
}

static int on_start_map(void *ctx) { return open_container(ctx, true); }
static int on_start_array(void *ctx) { return open_container(ctx, false); }

static const yajl_callbacks callbacks = {
	.yajl_null = on_null,
	.yajl_boolean = on_bool,
	.yajl_integer = on_int,
	.yajl_double = on_double,
	.yajl_string = on_string,
	.yajl_start_map = on_start_map,
	.yajl_map_key = on_key,
	.yajl_end_map = close_container,
	.yajl_start_array = on_start_array,
	.yajl_end_array = close_container,
};

/* yajl's own message, first line, without its "parse error: " prefix. */
static void yajl_message(yajl_handle h, const char *text, size_t len, char *out, size_t size)
{
	unsigned char *m = yajl_get_error(h, 0, (const unsigned char *)text, len);
	const char *s = m ? (const char *)m : "invalid JSON", *colon = strstr(s, "error: ");

	if (colon)
		s = colon + strlen("error: ");
	snprintf(out, size, "%.*s", (int)strcspn(s, "\n"), s);
	if (m)
		yajl_free_error(h, m);
}

int jdoc_parse(const char *text, size_t len, struct jdoc **doc, const struct jd **root,
	       char *err, size_t errlen)
{
	struct builder b = { 0 };
	yajl_handle h;
	yajl_status st;
	char what[128];
	int r = 0;

	*doc = NULL;
	b.doc = calloc(1, sizeof(*b.doc));
	h = b.doc ? yajl_alloc(&callbacks, NULL, &b) : NULL;
	if (!h) {
		free(b.doc);
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	st = yajl_parse(h, (const unsigned char *)text, len);
	if (st == yajl_status_ok)
		st = yajl_complete_parse(h);
	if (st != yajl_status_ok) {
		size_t at = yajl_get_bytes_consumed(h);

		if (b.why)
			snprintf(what, sizeof(what), "%s", b.why);
		else
			yajl_message(h, text, len, what, sizeof(what));
		if (!b.why && (!len || (at >= len && b.depth) || !strcmp(what, "premature EOF")))
			snprintf(what, sizeof(what), "truncated");
		snprintf(err, errlen, "at byte %zu: %s", at, what);
		r = b.oom ? -ENOMEM : -EINVAL;
		jdoc_free(b.doc);
	} else {
		*doc = b.doc;
		*root = &b.doc->root;
	}
	yajl_free(h);
	free(b.stack);
	return r;
}

void jdoc_free(struct jdoc *doc)
{
	if (!doc)
		return;
	for (struct block *b = doc->blocks, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(doc);
}

const struct jd *jd_get(const struct jd *o, const char *key)
{
	if (!jd_is(o, JD_OBJECT))
		return NULL;
	for (size_t i = 0; i < o->n; i++)
		if (!strcmp(o->u.kids[i].key, key))
			return &o->u.kids[i];
	return NULL;
}
