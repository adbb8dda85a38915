#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The harness itself can fail: the command's status comes back, and a
# kernel splat (here a forced backtrace with "Call Trace") fails the run
# with status 123 even though the command succeeded.
run=$(dirname "$0")/run
kernel=${1:?usage: $0 KERNEL-VERSION}
bad=0
out=$("$run" --kernel "$kernel" --no-install -- sh -c 'echo hello; exit 7' 2>&1)
rc=$?
echo "exit 7 -> status $rc, output '$out'"
[[ $rc == 7 && $out == hello ]] || bad=1
"$run" --kernel "$kernel" --no-install -- sh -c 'echo l >/proc/sysrq-trigger' >/dev/null 2>&1
rc=$?
echo "backtrace -> status $rc"
[[ $rc == 123 ]] || bad=1
exit $bad
