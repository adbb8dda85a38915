// SPDX-License-Identifier: GPL-2.0
/*
 * cmdline.c: the MDS/TAA options of the kernel command line, split as the
 * kernel splits it (quotes, "--", last one wins), and malformed input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../userspace/snapshot/cmdline.c"

const char *prog = "mdscope";

static struct mds_cmdline c;

static void ok(const char *text)
{
	struct mds_err err = { "" };

	if (parse_cmdline(text, &c, &err))
		fail_msg("'%s' rejected: %s", text, err.msg);
	assert_true(c.present);
}

static void none(void **state)
{
	ok("BOOT_IMAGE=/vmlinuz-6.1.0-56-amd64 root=UUID=1234 ro quiet\n");
	assert_string_equal(c.raw, "BOOT_IMAGE=/vmlinuz-6.1.0-56-amd64 root=UUID=1234 ro quiet");
	assert_string_equal(c.vuln_opt[VULN_MDS], "");
	assert_string_equal(c.tsx, "");
	assert_string_equal(c.vuln_opt[VULN_TAA], "");
	assert_string_equal(c.mitigations, "");
	assert_false(c.nosmt);
	ok("");
	assert_string_equal(c.raw, "");
}

static void all_options(void **state)
{
	ok("ro mds=full,nosmt tsx=off tsx_async_abort=full,nosmt mitigations=auto,nosmt nosmt");
	assert_string_equal(c.vuln_opt[VULN_MDS], "full,nosmt");
	assert_string_equal(c.tsx, "off");
	assert_string_equal(c.vuln_opt[VULN_TAA], "full,nosmt");
	assert_string_equal(c.mitigations, "auto,nosmt");
	assert_true(c.nosmt);
	assert_string_equal(c.nosmt_value, "");
	ok("nosmt=force");
	assert_true(c.nosmt);
	assert_string_equal(c.nosmt_value, "force");
	/* this development VM's own line */
	ok("mitigations=auto,no_guest_host,no_guest_guest console=ttyS0 quiet");
	assert_string_equal(c.mitigations, "auto,no_guest_host,no_guest_guest");
}

static void kernel_splitting(void **state)
{
	/* the last occurrence wins, like early_param */
	ok("mds=off mds=full");
	assert_string_equal(c.vuln_opt[VULN_MDS], "full");
	/* a prefix is another parameter */
	ok("mdsx=off xmds=off mds_foo=1 nosmtx");
	assert_string_equal(c.vuln_opt[VULN_MDS], "");
	assert_false(c.nosmt);
	/* quotes group and are dropped from the value */
	ok("foo=\"a mds=off b\" tsx=\"on\"");
	assert_string_equal(c.vuln_opt[VULN_MDS], "");
	assert_string_equal(c.tsx, "on");
	/* after "--" the arguments are init's */
	ok("tsx=auto -- mds=off nosmt");
	assert_string_equal(c.tsx, "auto");
	assert_string_equal(c.vuln_opt[VULN_MDS], "");
	assert_false(c.nosmt);
	/* tabs and repeated spaces */
	ok("  \tmds=off\t\tnosmt  ");
	assert_string_equal(c.vuln_opt[VULN_MDS], "off");
	assert_true(c.nosmt);
	/* an empty value is present but empty */
	ok("mitigations=");
	assert_string_equal(c.mitigations, "");
	/* an unterminated quote runs to the end, as in the kernel */
	ok("tsx=\"off nosmt");
	assert_string_equal(c.tsx, "off nosmt");
	assert_false(c.nosmt);
}

static void bad(const char *text, const char *needle)
{
	struct mds_err err = { "" };

	if (parse_cmdline(text, &c, &err) != -EINVAL)
		fail_msg("accepted '%.60s'", text ? text : "(null)");
	assert_false(c.present);
	assert_string_equal(c.vuln_opt[VULN_MDS], "");
	if (!strstr(err.msg, needle))
		fail_msg("message '%s' lacks '%s'", err.msg, needle);
}

static void malformed(void **state)
{
	char big[5000];

	bad(NULL, "no text");
	bad("mds=off\x01", "control character");
	bad("mds=\x1b[31m", "control character");
	bad("mds=off\nnosmt", "control character");
	bad("mds=0123456789012345678901234567890123456789", "too long");
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	bad(big, "longer than 4095");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(none),
		cmocka_unit_test(all_options),
		cmocka_unit_test(kernel_splitting),
		cmocka_unit_test(malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
