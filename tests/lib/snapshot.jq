# SPDX-License-Identifier: GPL-2.0
# jq helpers for mdscope snapshot files (jq -L tests/lib 'include "snapshot"; ...').
# rows: a per-CPU array as objects, from either schema: mdscope-snapshot/1's
# array of objects as it is, or /2's table {"common", "columns", "rows"}
# with each row's columns laid over the common fields.
def rows:
  if type == "object" then
    .common as $c | .columns as $k
    | [.rows[] | [$k, .] | transpose | map({key: .[0], value: .[1]}) | from_entries | $c + .]
  else . end;
