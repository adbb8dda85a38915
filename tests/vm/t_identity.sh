#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Signature, microcode and topology exactly as QEMU was told: a Skylake-SP
# stepping 7 (0x50657) with microcode 0x500320a on 2 sockets x 2 cores x 2
# threads. TCG drops ARCH_CAPABILITIES and MD_CLEAR: not enumerated.
. "$(dirname "$0")/lib.sh"
vm_case --cpu Skylake-Client,family=6,model=85,stepping=7,ucode-rev=0x500320a00000000 \
	--smp 8,sockets=2,cores=2,threads=2 <<'GUEST'
cpus /tmp/j
check schema "$(jqf /tmp/j .schema)" mdscope-cpus/1
check count "$(jqf /tmp/j '.cpus|length')" 8
check cpu-numbers "$(jqf /tmp/j '[.cpus[].cpu]|join(",")')" 0,1,2,3,4,5,6,7
check online "$(jqf /tmp/j '[.cpus[].online]|unique|join(",")')" true
check vendor "$(jqf /tmp/j '[.cpus[].vendor]|unique|join(",")')" GenuineIntel
check signature "$(jqf /tmp/j '[.cpus[].signature|ascii_downcase]|unique|join(",")')" 0x50657
check family/model/stepping "$(jqf /tmp/j '[.cpus[]|"\(.family)/\(.model)/\(.stepping)"]|unique|join(",")')" 6/85/7
check microcode "$(jqf /tmp/j '[.cpus[].microcode|ascii_downcase]|unique|join(",")')" 0x500320a
check microcode_cached "$(jqf /tmp/j '[.cpus[].microcode_cached|ascii_downcase]|unique|join(",")')" 0x500320a
check hypervisor "$(jqf /tmp/j '[.cpus[].hypervisor]|unique|join(",")')" true
check md_clear "$(jqf /tmp/j '[.cpus[].md_clear]|unique|join(",")')" false
check arch_capabilities "$(jqf /tmp/j '[.cpus[].arch_capabilities]|unique|map(tostring)|join(",")')" null
check arch_capabilities_state "$(jqf /tmp/j '[.cpus[].arch_capabilities_state]|unique|join(",")')" not_enumerated
# package/core/thread from -smp 8,sockets=2,cores=2,threads=2: APIC id =
# socket*4 + core*2 + thread, and Linux numbers the CPUs in APIC order.
want= sys=
for n in 0 1 2 3 4 5 6 7; do
	want="$want $n:$((n / 4))/$((n / 2 % 2))/$((n % 2))/$n"
	t=/sys/devices/system/cpu/cpu$n/topology
	sys="$sys $n:$(cat $t/physical_package_id)/$(cat $t/die_id)/$(cat $t/core_id)"
done
check package/core/thread/apic "$(jqf /tmp/j '[.cpus[]|" \(.cpu):\(.package)/\(.core)/\(.thread)/\(.apic_id)"]|join("")')" "$want"
check topology-matches-sysfs "$(jqf /tmp/j '[.cpus[]|" \(.cpu):\(.package)/\(.die)/\(.core)"]|join("")')" "$sys"
check one-cpu "$(mdscope cpus --json --cpu 5 | jq -c '[.cpus[]|.cpu,.package,.core,.thread]')" '[5,1,0,1]'
GUEST
