// SPDX-License-Identifier: GPL-2.0
/*
 * virtverdict.c: every domain state and its severity on a host described by
 * saved libvirt XML (tests/fixtures/libvirt/: capabilities, domain
 * capabilities for kvm and qemu), with guest definitions parsed by the real
 * XML parser; the host view per virt type; the Nova view callbacks; and the
 * severity order. An unknown "affected" must judge like an affected host.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>

#include "../../userspace/virt/virtverdict.c"

const char *prog = "mdscope";

#define LV FIXTURES "/libvirt/"

static char err[512];
static struct vv_host host;

static char *slurp(const char *name)
{
	char path[512], *buf;
	FILE *f;
	long n;

	snprintf(path, sizeof(path), LV "%s", name);
	f = fopen(path, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, n + 1);
	assert_int_equal(fread(buf, 1, n, f), n);
	fclose(f);
	return buf;
}

static void cmp(struct vv_side *s, const char *model, bool usable, int md_clear)
{
	struct vv_cmp *c = &s->cmp[s->n_cmp++];

	snprintf(c->model, sizeof(c->model), "%s", model);
	c->usable = usable;
	c->md_clear = md_clear;
}

/*
 * An Intel host with md-clear (capabilities), kvm's host-model carrying it,
 * qemu (TCG, AMD fixture) without; libvirt's comparisons as compare_models()
 * would leave them: Skylake-Server-IBRS yes, Westmere no, Nehalem unknown.
 */
static int intel_host(void **state)
{
	char *x;

	memset(&host, 0, sizeof(host));
	host.affected = 1;
	host.own_md_clear = 1;
	x = slurp("caps-intel-md-clear.xml");
	assert_int_equal(vx_parse_caps(x, &host.caps, err, sizeof(err)), 0);
	free(x);
	x = slurp("domcaps-kvm-intel-md-clear.xml");
	assert_int_equal(vx_parse_domcaps(x, &host.side[VV_KVM].dc, err, sizeof(err)), 0);
	free(x);
	x = slurp("domcaps-qemu-amd.xml");
	assert_int_equal(vx_parse_domcaps(x, &host.side[VV_QEMU].dc, err, sizeof(err)), 0);
	free(x);
	cmp(&host.side[VV_KVM], "Skylake-Server-IBRS", true, 1);
	cmp(&host.side[VV_KVM], "Westmere", true, 0);
	cmp(&host.side[VV_KVM], "Nehalem", true, -1);
	cmp(&host.side[VV_KVM], "Cooperlake", false, 1);	/* not usable here */
	cmp(&host.side[VV_QEMU], "qemu64", true, 0);
	return 0;
}

static void parse_dom(struct vx_domain *d, const char *type, const char *cpu)
{
	char xml[1024];

	snprintf(xml, sizeof(xml), "<domain type='%s'><name>g</name>%s</domain>", type, cpu);
	assert_int_equal(vx_parse_domain(xml, d, err, sizeof(err)), 0);
}

#define CUSTOM(model, pol) "<cpu mode='custom' match='exact'><model>" model "</model>" \
	"<feature policy='" pol "' name='md-clear'/></cpu>"
#define CUSTOM_NOFEAT(model) "<cpu mode='custom' match='exact'><model>" model "</model></cpu>"

static const struct vcase {
	const char *name;
	bool active, persistent;
	const char *type, *live, *def;	/* live NULL: same as def */
	enum vv_state st;
	int live_md, def_gives;
	int sev;			/* on an affected host */
	const char *why;		/* part of the reason */
} cases[] = {
	{ "live require is final", true, true, "kvm", CUSTOM("Westmere", "require"),
	  CUSTOM("Westmere", "require"), VV_HAS, 1, 0, 0, "has md-clear" },
	{ "passthrough on a host with md-clear", true, true, "kvm",
	  "<cpu mode='host-passthrough'/>", NULL, VV_HAS, 1, 1, 0, NULL },
	{ "definition would give it now", true, true, "kvm", CUSTOM_NOFEAT("Westmere"),
	  CUSTOM("Skylake-Server-IBRS", "require"), VV_NEEDS_COLD_BOOT, 0, 1, 2,
	  "stop, then start" },
	{ "transient: create again", true, false, "kvm", CUSTOM_NOFEAT("Westmere"),
	  CUSTOM("Skylake-Server-IBRS", "require"), VV_NEEDS_COLD_BOOT, 0, 1, 2,
	  "destroy and create it again" },
	{ "asks, host cannot", true, true, "kvm", CUSTOM_NOFEAT("Westmere"),
	  CUSTOM("Westmere", "require"), VV_HOST_CANNOT, 0, 0, 2,
	  "requires md-clear but this host cannot provide it" },
	{ "qemu host-model cannot", true, true, "qemu", CUSTOM_NOFEAT("EPYC"),
	  "<cpu mode='host-model'/>", VV_HOST_CANNOT, 0, 0, 2,
	  "host-model passes md-clear on only when the host has it" },
	{ "no <cpu>", true, true, "kvm", "", NULL, VV_NOT_CONFIGURED, 0, 0, 2,
	  "does not ask for it" },
	{ "disabled", true, true, "kvm", CUSTOM("Skylake-Server-IBRS", "disable"), NULL,
	  VV_NOT_CONFIGURED, 0, 0, 2, NULL },
	{ "comparison unknown", true, true, "kvm", CUSTOM_NOFEAT("Nehalem"),
	  CUSTOM("Nehalem", "require"), VV_LACKS, 0, -1, 2, "unknown" },
	{ "unknown virt type", true, true, "xen", "<cpu mode='host-model'/>", NULL,
	  VV_UNKNOWN, -1, -1, 3, "cannot tell" },
	{ "shut off host-model", false, true, "kvm", NULL, "<cpu mode='host-model'/>",
	  VV_WILL_GET, -1, 1, 0, "when started" },
	{ "shut off maximum on kvm", false, true, "kvm", NULL, "<cpu mode='maximum'/>",
	  VV_WILL_GET, -1, 1, 0, NULL },
	{ "shut off maximum on TCG", false, true, "qemu", NULL, "<cpu mode='maximum'/>",
	  VV_HOST_CANNOT, -1, 0, 1, "update microcode" },
	{ "shut off, unknown comparison", false, true, "kvm", NULL,
	  CUSTOM("Nehalem", "require"), VV_UNKNOWN, -1, -1, 3, "unknown" },
	{ "shut off, not asked", false, true, "kvm", NULL, CUSTOM_NOFEAT("Westmere"),
	  VV_WILL_LACK, -1, 0, 1, "does not ask" },
	{ "shut off, forbidden", false, true, "kvm", NULL,
	  CUSTOM("Skylake-Server-IBRS", "forbid"), VV_WILL_LACK, -1, 0, 1, NULL },
	{ "shut off, model not in the cache", false, true, "kvm", NULL,
	  CUSTOM("Haswell", "require"), VV_UNKNOWN, -1, -1, 3, NULL },
};

static void judge(const struct vcase *c, struct vv_dom *d)
{
	memset(d, 0, sizeof(*d));
	d->active = c->active;
	d->persistent = c->persistent;
	parse_dom(&d->def, c->type, c->def ? c->def : c->live);
	parse_dom(&d->live, c->type, c->live ? c->live : c->def);
	vv_judge_domain(&host, d);
}

static void every_state(void **state)
{
	struct vv_dom d;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct vcase *c = &cases[i];

		judge(c, &d);
		if (d.state != c->st || d.md_clear_live != c->live_md ||
		    d.def_gives != c->def_gives || d.severity != c->sev)
			fail_msg("%s: state %s live %d def %d severity %d, want %s %d %d %d",
				 c->name, vv_state_name(d.state), d.md_clear_live, d.def_gives,
				 d.severity, vv_state_name(c->st), c->live_md, c->def_gives,
				 c->sev);
		if (c->why && !strstr(d.why, c->why))
			fail_msg("%s: reason '%s' lacks '%s'", c->name, d.why, c->why);
		assert_true(d.why[0]);
	}
}

/* Not affected: nothing is a problem. Unknown: judged as affected. */
static void severity_follows_affected(void **state)
{
	struct vv_dom d;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		host.affected = 0;
		judge(&cases[i], &d);
		if (d.severity != 0)
			fail_msg("%s: severity %d on a host that is not affected", cases[i].name,
				 d.severity);
		host.affected = -1;
		judge(&cases[i], &d);
		if (d.severity != cases[i].sev)
			fail_msg("%s: severity %d when 'affected' is unknown, want %d",
				 cases[i].name, d.severity, cases[i].sev);
	}
}

static void state_names_complete(void **state)
{
	for (int s = 0; s < VV_NSTATES; s++)
		assert_non_null(vv_state_name(s));
	assert_string_equal(vv_state_name(VV_NEEDS_COLD_BOOT), "needs_cold_boot");
	assert_string_equal(vv_state_name(VV_HOST_CANNOT), "host_cannot_provide");
}

static void type_names(void **state)
{
	assert_int_equal(vv_type_of("kvm"), VV_KVM);
	assert_int_equal(vv_type_of("qemu"), VV_QEMU);
	assert_int_equal(vv_type_of("xen"), -1);
	assert_int_equal(vv_type_of(""), -1);
	assert_int_equal(vv_type_of("KVM"), -1);
}

static void host_view(void **state)
{
	struct vv_type_view v;

	vv_type_view(&host, VV_KVM, &v);
	assert_int_equal(v.libvirt_md_clear, 1);
	assert_false(v.differs);
	assert_int_equal(v.host_model, 1);
	assert_int_equal(v.passthrough, 1);
	assert_int_equal(v.n_custom_ok, 1);	/* Cooperlake is not usable */
	vv_type_view(&host, VV_QEMU, &v);
	assert_int_equal(v.host_model, 0);
	assert_int_equal(v.passthrough, 0);	/* TCG has none */
	assert_int_equal(v.n_custom_ok, 0);

	/* mdscope's facts disagree with libvirt's: said so */
	host.own_md_clear = 0;
	vv_type_view(&host, VV_KVM, &v);
	assert_true(v.differs);
	/* unknown on one side is no disagreement */
	host.own_md_clear = -1;
	vv_type_view(&host, VV_KVM, &v);
	assert_false(v.differs);

	/* without libvirt's capabilities, passthrough follows mdscope's facts */
	host.caps_err = -EIO;
	vv_type_view(&host, VV_KVM, &v);
	assert_int_equal(v.libvirt_md_clear, -1);
	assert_int_equal(v.passthrough, -1);
	host.own_md_clear = 0;
	assert_int_equal(vv_host_md_clear(&host), 0);
	vv_type_view(&host, VV_KVM, &v);
	assert_int_equal(v.passthrough, 0);

	/* a side whose domain capabilities failed knows nothing */
	host.side[VV_KVM].err = -EACCES;
	vv_type_view(&host, VV_KVM, &v);
	assert_int_equal(v.host_model, -1);
	assert_int_equal(v.passthrough, -1);
}

static void model_cache(void **state)
{
	assert_int_equal(vv_model_md_clear(&host, VV_KVM, "skylake-server-ibrs"), 1);
	assert_int_equal(vv_model_md_clear(&host, VV_KVM, "Westmere"), 0);
	assert_int_equal(vv_model_md_clear(&host, VV_KVM, "Nehalem"), -1);
	assert_int_equal(vv_model_md_clear(&host, VV_KVM, "Haswell"), -1);
	assert_int_equal(vv_model_md_clear(&host, VV_QEMU, "Skylake-Server-IBRS"), -1);
}

static void nova_view(void **state)
{
	struct nova_host_view v;

	vv_nova_view(&host, VV_KVM, &v);
	assert_int_equal(v.host_model_md_clear, 1);
	assert_int_equal(v.passthrough_md_clear, 1);
	assert_int_equal(v.model_md_clear(v.ctx, "Skylake-Server-IBRS"), 1);
	assert_int_equal(v.model_md_clear(v.ctx, "Westmere"), 0);
	assert_int_equal(v.model_usable(v.ctx, "Westmere"), 1);
	assert_int_equal(v.model_usable(v.ctx, "NoSuchModel"), -1);
	vv_nova_view(&host, VV_QEMU, &v);
	assert_int_equal(v.host_model_md_clear, 0);
	assert_int_equal(v.model_usable(v.ctx, "qemu64"), 1);
	host.side[VV_QEMU].err = -ENODEV;
	vv_nova_view(&host, VV_QEMU, &v);
	assert_int_equal(v.host_model_md_clear, -1);
	assert_int_equal(v.model_usable(v.ctx, "qemu64"), -1);
}

/* ok < warning < unknown < critical, whatever the order of the arguments. */
static void severity_order(void **state)
{
	static const int rank[4] = { 0, 1, 3, 2 };

	for (int a = 0; a < 4; a++)
		for (int b = 0; b < 4; b++) {
			int w = vv_worse(a, b);

			assert_true(w == a || w == b);
			assert_int_equal(w, vv_worse(b, a));
			assert_true(rank[w] >= rank[a] && rank[w] >= rank[b]);
		}
	assert_int_equal(vv_worse(3, 2), 2);
	assert_int_equal(vv_worse(1, 3), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(every_state, intel_host),
		cmocka_unit_test_setup(severity_follows_affected, intel_host),
		cmocka_unit_test(state_names_complete),
		cmocka_unit_test(type_names),
		cmocka_unit_test_setup(host_view, intel_host),
		cmocka_unit_test_setup(model_cache, intel_host),
		cmocka_unit_test_setup(nova_view, intel_host),
		cmocka_unit_test(severity_order),
	};

	return cmocka_run_group_tests_name("virtverdict", tests, NULL, NULL);
}
