// SPDX-License-Identifier: GPL-2.0
#include "subcommands.h"
int fleet_main(int argc, char *argv[]) { (void)argc; (void)argv; return 3; }
