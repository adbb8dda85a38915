#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The report on two sockets with different CPUs and microcode (socket 0:
# Skylake-Client 0x506e3 / revision 1; socket 1: 0x50657 / 0x500320a, added
# by -device): per-socket verdicts, the differences named, a discrepancy
# against the kernel's single sysfs line, the text table, and the same
# analysis from a saved snapshot.
. "$(dirname "$0")/lib.sh"
dev=Skylake-Client-x86_64-cpu,socket-id=1,thread-id=0,model=85,stepping=7,ucode-rev=0x500320a00000000
vm_case --smp 2,sockets=2,cores=2,threads=1,maxcpus=4 \
	--qemu-arg -device --qemu-arg "$dev,core-id=0" \
	--qemu-arg -device --qemu-arg "$dev,core-id=1" <<'GUEST'
mdscope report --json >/tmp/r 2>/tmp/r.err; rc=$?
check exit "$rc" "$(jqf /tmp/r .verdict.exit_code)"
check exit-critical "$rc" 2
check collected_by "$(jqf /tmp/r .collected_by)" module
check cpus "$(jqf /tmp/r '.cpus|length')" 4
check sockets "$(jqf /tmp/r '.sockets|length')" 2
check socket0-signature "$(jqf /tmp/r '.sockets[0].signature')" 0x506e3
check socket1-signature "$(jqf /tmp/r '.sockets[1].signature')" 0x50657
# ucode-rev is what the kernel caches (TCG's MSR 0x8B reads 0 after the
# write-0/CPUID procedure, so the live value is not asserted here).
sock() { jqf /tmp/r "[.cpus[]|select(.package==$1)|$2]|unique|join(\",\")"; }
check socket0-microcode_cached "$(sock 0 .microcode_cached)" 0x1
check socket1-microcode_cached "$(sock 1 .microcode_cached)" 0x500320a
check socket1-differs "$(jqf /tmp/r '.sockets[1].differs_from_first_socket|index("signature")!=null')" true
check socket-mds "$(jqf /tmp/r '[.sockets[].mds.exposure]|join(",")')" exposed,exposed
check cpu3-family-model "$(jqf /tmp/r '.cpus[3]|"\(.family)/\(.model)/\(.stepping)"')" 6/85/7
check md_clear "$(jqf /tmp/r '[.cpus[].md_clear]|unique|join(",")')" false
check hypervisor-source "$(jqf /tmp/r '[.cpus[].source]|unique|join(",")')" hypervisor
check mixed-signature "$(jqf /tmp/r '[.discrepancies[].code]|index("mixed_signature")!=null')" true
check sysfs-verbatim "$(jqf /tmp/r .kernel.vulnerabilities.mds)" "$(cat /sys/devices/system/cpu/vulnerabilities/mds)"
check kernel-state "$(jqf /tmp/r .kernel.mds.state)" vulnerable_no_ucode
check stderr "$(cat /tmp/r.err)" ""
# The table: one line per socket, one per core, and the verdict.
mdscope >/tmp/t 2>&1
check text-sockets "$(grep -c '^socket [01] ' /tmp/t)" 2
check text-cores "$(grep -c 'core [01] ' /tmp/t)" 4
check_true text-verdict grep -q '^Verdict: critical' /tmp/t
# Saved and analyzed again: the same report apart from when it was taken.
mdscope snapshot -o /tmp/s.json; check snapshot-exit $? 0
mdscope report --json --from /tmp/s.json >/tmp/f; check from-exit $? 2
check from-same "$(jq -S 'del(.time,.from_snapshot)' /tmp/f | md5sum)" "$(jq -S 'del(.time,.from_snapshot)' /tmp/r | md5sum)"
head -c 200 /tmp/s.json >/tmp/trunc.json
mdscope report --from /tmp/trunc.json >/dev/null 2>/tmp/e; check corrupt-exit $? 3
check corrupt-one-line "$(wc -l </tmp/e)" 1
GUEST
