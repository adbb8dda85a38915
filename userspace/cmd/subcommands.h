/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MDSCOPE_SUBCOMMANDS_H
#define MDSCOPE_SUBCOMMANDS_H

extern const char *prog;

int report_main(int argc, char *argv[]);
int snapshot_main(int argc, char *argv[]);
int cpus_main(int argc, char *argv[]);
int info_main(int argc, char *argv[]);
int refresh_main(int argc, char *argv[]);
int monitor_main(int argc, char *argv[]);
int guests_main(int argc, char *argv[]);
int check_main(int argc, char *argv[]);
int microcode_main(int argc, char *argv[]);
int import_main(int argc, char *argv[]);
int fleet_main(int argc, char *argv[]);

#endif
