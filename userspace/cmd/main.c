// SPDX-License-Identifier: GPL-2.0
/* mdscope: global options and the subcommand table. */
#include <stdio.h>
#include <string.h>

#include "out.h"
#include "plugin.h"
#include "subcommands.h"
#include "version.h"

const char *prog;

/* In mdscope-virt.so (plugin.c says why). */
static int guests_cmd(int argc, char *argv[])
{
	return plugin_run("guests", "guests_main", argc, argv);
}

static int check_cmd(int argc, char *argv[])
{
	return plugin_run("check", "check_main", argc, argv);
}

static const struct {
	const char *name;
	int (*fn)(int argc, char *argv[]);
	const char *help;
} subcommands[] = {
	{ "report", report_main, "MDS/TAA exposure per socket and core (the default)" },
	{ "snapshot", snapshot_main, "Save the collected host facts as JSON" },
	{ "cpus", cpus_main, "Show the raw per-CPU facts the module read" },
	{ "info", info_main, "Show the module's version, generation and CPU counts" },
	{ "refresh", refresh_main, "Re-read every online CPU (root)" },
	{ "monitor", monitor_main, "Print the module's hotplug and refresh events" },
	{ "microcode", microcode_main, "Microcode per socket: loaded, on disk, in the initramfs" },
	{ "import", import_main, "A foreign CPU dump (libvirt cpudata, cpuid -r) as a snapshot" },
	{ "fleet", fleet_main, "Inventory, exposure and outliers over many snapshots" },
	{ "guests", guests_cmd, "Does md-clear reach every libvirt/Nova guest (cold boot needed?)" },
	{ "check", check_cmd, "The MDS/TAA advisory as a checklist (--json, --nagios)" },
};

static void show_usage(FILE *f)
{
	fprintf(f, "Usage: %s <cmd> [<args>]\n\n", prog);
	fprintf(f, "Available subcommands:\n");
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		fprintf(f, "  %-10s %s\n", subcommands[i].name, subcommands[i].help);
	fprintf(f, "\nRun '%s <cmd> --help' for a subcommand's options.\n", prog);
}

int main(int argc, char *argv[])
{
	prog = argv[0];
	out_guard_stderr();	/* no byte from the data can steer a terminal */

	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
			 !strcmp(argv[1], "help"))) {
		show_usage(stdout);
		return 0;
	}
	if (argc > 1 && (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version"))) {
		printf("mdscope %s\n", MDSCOPE_VERSION);
		return 0;
	}
	/* No subcommand, or options only: the report. */
	if (argc < 2 || argv[1][0] == '-')
		return report_main(argc, argv);
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].fn(argc - 1, argv + 1);

	fprintf(stderr, "%s: invalid subcommand '%s' (see %s --help)\n", prog, argv[1], prog);
	return 1;
}
