#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Reading needs no privilege, refreshing needs CAP_SYS_ADMIN: as uid 1000
# `mdscope cpus` works and `mdscope refresh` is refused with EPERM (one
# line, exit 1); as root refresh works and the generation grows.
. "$(dirname "$0")/lib.sh"
vm_case --smp 2 <<'GUEST'
asuser mdscope cpus --json >/tmp/ju 2>/tmp/ju.err
check user-cpus-status "$?" 0
cat /tmp/ju.err
check user-cpus-count "$(jqf /tmp/ju '.cpus|length')" 2
g0=$(generation)
asuser mdscope refresh >/tmp/ru 2>/tmp/ru.err
check user-refresh-status "$?" 1
echo "user refresh said: $(cat /tmp/ru.err)"
check user-refresh-one-line "$(wc -l </tmp/ru.err)" 1
check_true user-refresh-says-eperm grep -q "Operation not permitted" /tmp/ru.err
check user-refresh-no-new-generation "$(generation)" "$g0"
out=$(asuser nlprobe refresh)
echo "$out"
check user-nlprobe-refresh "$(echo "$out" | cut -d' ' -f2-4)" "error 1 EPERM"
check_true user-refresh-extack-message sh -c "echo '$out' | grep -q 'msg=\"[^\"]'"

mdscope refresh >/tmp/rr 2>&1
check root-refresh-status "$?" 0
g1=$(generation)
check_true "root-refresh-generation-grows ($g0 -> $g1)" test "$g1" -gt "$g0"
cpus /tmp/j
check records-carry-new-generation "$(jqf /tmp/j '[.cpus[].generation]|unique|join(",")')" "$g1"
GUEST
