// SPDX-License-Identifier: GPL-2.0
/*
 * Output formatting shared by every printer: JSON values with null for the
 * unknown, hex and ISO 8601 time text, and one pretty JSON writer.
 */
#include <errno.h>
#include <inttypes.h>
#include <time.h>

#include <json-c/json.h>

#include "out.h"

struct json_object *out_str(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

struct json_object *out_str_or_null(const char *s)
{
	return s && *s ? json_object_new_string(s) : NULL;
}

char *out_hexstr(uint64_t v, char *buf, size_t len)
{
	snprintf(buf, len, "0x%" PRIx64, v);
	return buf;
}

struct json_object *out_hex(uint64_t v)
{
	char buf[24];

	return json_object_new_string(out_hexstr(v, buf, sizeof(buf)));
}

struct json_object *out_int(int64_t v)
{
	return json_object_new_int64(v);
}

struct json_object *out_bool(bool v)
{
	return json_object_new_boolean(v);
}

struct json_object *out_tri(int v)
{
	return v < 0 ? NULL : json_object_new_boolean(v);
}

void out_add(struct json_object *o, const char *key, struct json_object *v)
{
	json_object_object_add(o, key, v);
}

int out_json_print(FILE *f, struct json_object *o)
{
	int ret = 0;

	if (!o)
		return -ENOMEM;
	if (fprintf(f, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
						JSON_C_TO_STRING_NOSLASHESCAPE)) < 0)
		ret = -EIO;
	json_object_put(o);
	return ret;
}

char *out_time(uint64_t ns, const char *none, char *buf, size_t len)
{
	time_t t = (time_t)(ns / 1000000000ull);
	struct tm tm;

	if (!ns || !gmtime_r(&t, &tm) || !strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, len, "%s", none);
	return buf;
}
