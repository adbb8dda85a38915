/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MDSCOPE_PLUGIN_H
#define MDSCOPE_PLUGIN_H

/* Run @symbol (an X_main) of mdscope-virt.so; 3 when it cannot be loaded. */
int plugin_run(const char *cmd, const char *symbol, int argc, char *argv[]);

/*
 * @symbol from the running program if it has one, else from plugin @file
 * (kept loaded for the rest of the run); NULL with err filled otherwise.
 */
void *plugin_symbol(const char *file, const char *symbol, char *err, size_t len);

#endif
