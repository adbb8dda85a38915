#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Dumps across several messages at 64 CPUs: every dump has every CPU once,
# in order, then DONE; while refreshes run beside it, a dump that mixes
# records of two generations must carry NLM_F_DUMP_INTR. A dump never
# reads hardware: it costs no function-call IPIs beyond the idle rate.
# DUMP_CPUS sets the count (64). The debug-kernel suite runs it at 16 CPUs
# (KASAN and lockdep under TCG: 64 vCPUs had not reached /init after 15 min
# on a loaded host), still several datagrams per dump, and with a fifth of
# the dumps.
. "$(dirname "$0")/lib.sh"
vm_case --smp "${DUMP_CPUS:-64}" --mem 1024 <<'GUEST'
n=1; case $(uname -r) in *-mdscope-debug) n=5 ;; esac
ncpu=$(grep -c '^processor' /proc/cpuinfo)
echo "$ncpu CPUs"
ipis() { awk '$1 == "CAL:" {s = 0; for (i = 2; i <= NF; i++) if ($i ~ /^[0-9]+$/) s += $i; print s}' /proc/interrupts; }
out=$(nlprobe dump 1)
echo "$out"
check records "$(echo "$out" | tr ' ' '\n' | sed -n 's/^records=//p')" $ncpu
check done "$(echo "$out" | tr ' ' '\n' | sed -n 's/^done=//p')" 1
check_true "several-datagrams" test "$(echo "$out" | tr ' ' '\n' | sed -n 's/^datagrams=//p')" -gt 1
check json-cpus "$(mdscope cpus --json | jq '.cpus|length')" $ncpu

# 200 dumps cost about what one dump's probe costs (its start and exit:
# about 70 function-call IPIs on the 6.12 debug kernel at 16 CPUs), plus
# the guest's idle rate over the extra time (13 per second there), never
# an IPI per CPU (that would be 200 per CPU count, 12,800 at 64 CPUs)
up() { cut -d' ' -f1 /proc/uptime; }
quiet=2
i0=$(ipis); sleep $quiet; i1=$(ipis)
c0=$(ipis); t0=$(up); nlprobe dump 1 >/dev/null; c1=$(ipis); t1=$(up)
c2=$(ipis); t2=$(up); nlprobe dump $((200 / n)) >/dev/null; c3=$(ipis); t3=$(up)
idle=$(awk -v i=$((i1 - i0)) -v q=$quiet -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" \
	'BEGIN { x = i / q * ((d - c) - (b - a)); printf "%d", (x > 0 ? x + 0.5 : 0) }')
echo "IPIs: idle $((i1 - i0)) in $quiet s, one dump $((c1 - c0)), $((200 / n)) dumps $((c3 - c2)) (idle allowance $idle)"
check_true "dumps-send-no-ipis" test $((c3 - c2)) -lt $((c1 - c0 + idle + 60))

(while [ ! -e /tmp/stop ]; do nlprobe refresh 5 >/dev/null; done) &
loop=$!
out=$(nlprobe dump-check $((300 / n)))
touch /tmp/stop; wait $loop
echo "$out"
check dump-check-status "$(echo "$out" | sed -n 's/.* bad=\([0-9]*\).* mixed_unflagged=\([0-9]*\).*/\1 \2/p')" "0 0"
GUEST
