#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The harness itself can fail: the command's status comes back, a kernel
# splat (here a forced backtrace with "Call Trace") fails the run with
# status 123 even though the command succeeded, and hangs end in status
# 124 with the stage and what the guest was doing.
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
# Code patched at run time: kernel.sched_schedstats flips a static key in
# the scheduler (the kernel rewrites its code with int3 and IPIs) while every
# CPU schedules, for 60 s; the guest must survive. It fails under QEMU's
# multi-threaded TCG (VM_ACCEL=tcg; figures in tests/vm/README.md). The
# debug kernels have no JUMP_LABEL: there the flips patch nothing.
out=$("$run" --kernel "$kernel" --no-install --smp 4 -- sh -c '
	for i in 1 2 3 4; do (while :; do ls -R /sys/devices >/dev/null 2>&1; done) & p="$p $!"; done
	n=0 end=$(($(date +%s) + 60))
	while [ "$(date +%s)" -lt $end ]; do
		echo 1 >/proc/sys/kernel/sched_schedstats && echo 0 >/proc/sys/kernel/sched_schedstats || exit 9
		n=$((n + 1))
	done
	kill $p; echo "flips $n"' 2>&1)
rc=$?
echo "code patched at run time -> status $rc, $(grep -o 'flips [0-9]*' <<<"$out")"
[[ $rc == 0 && $out =~ flips\ [1-9] ]] || { bad=1; grep -aE 'Oops|RIP|vm:' <<<"$out" | head -5; }
# A command that hangs: status 124, the stage named, and the watchdog's
# dump of the guest's tasks shows the hung command (watchdog at 30 s).
out=$("$run" --kernel "$kernel" --no-install --timeout 60 -- sleep 600 2>&1)
rc=$?
echo "hang -> status $rc"
echo "$out" | grep -E 'timeout|sleep 600' | head -5
[[ $rc == 124 && $out == *"(COMMAND did not finish)"* &&
	$out == *"vm:   "*"sleep 600"* ]] || bad=1
# A kernel that never starts /init (qemu -S: the CPUs stay stopped) is
# booted once more, then reported as a boot hang: status 124 (20 s each;
# 60 s on the debug kernel, whose timeouts are tripled).
out=$("$run" --kernel "$kernel" --no-install --timeout 20 --qemu-arg -S -- true 2>&1)
rc=$?
echo "boot hang -> status $rc"
echo "$out" | grep -E 'booting again|timeout'
[[ $rc == 124 && $(grep -cE 'kernel had not started /init after [0-9]+ s; booting again' <<<"$out") == 1 &&
	$out == *"(the kernel never started /init, 2 boots in a row)"* ]] || bad=1
exit $bad
