#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Two sockets with different CPUs: socket 0 is the default Skylake-Client
# (0x506e3, microcode 1), socket 1 is added by -device as stepping 7 of
# model 85 (0x50657) with microcode 0x500320a (test-stack.md section 3).
. "$(dirname "$0")/lib.sh"
dev=Skylake-Client-x86_64-cpu,socket-id=1,thread-id=0,model=85,stepping=7,ucode-rev=0x500320a00000000
vm_case --smp 2,sockets=2,cores=2,threads=1,maxcpus=4 \
	--qemu-arg -device --qemu-arg "$dev,core-id=0" \
	--qemu-arg -device --qemu-arg "$dev,core-id=1" <<'GUEST'
cpus /tmp/j
check count "$(jqf /tmp/j '.cpus|length')" 4
check online "$(jqf /tmp/j '[.cpus[].online]|unique|join(",")')" true
pkg() { jqf /tmp/j "[.cpus[]|select(.package==$1)|$2|tostring|ascii_downcase]|unique|join(\",\")"; }
check socket0-cpus "$(jqf /tmp/j '[.cpus[]|select(.package==0)]|length')" 2
check socket1-cpus "$(jqf /tmp/j '[.cpus[]|select(.package==1)]|length')" 2
check socket0-signature "$(pkg 0 .signature)" 0x506e3
check socket1-signature "$(pkg 1 .signature)" 0x50657
check socket0-stepping "$(pkg 0 '"\(.model)/\(.stepping)"')" 94/3
check socket1-stepping "$(pkg 1 '"\(.model)/\(.stepping)"')" 85/7
check socket0-microcode "$(pkg 0 .microcode)" 0x1
check socket1-microcode "$(pkg 1 .microcode)" 0x500320a
check socket0-microcode_cached "$(pkg 0 .microcode_cached)" 0x1
check socket1-microcode_cached "$(pkg 1 .microcode_cached)" 0x500320a
check socket1-cores "$(pkg 1 .core)" 0,1
GUEST
