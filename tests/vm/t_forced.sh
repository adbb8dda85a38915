#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# MD_CLEAR and ARCH_CAPABILITIES forced on (x-force-features=on keeps the
# bits TCG would drop): both enumerated in CPUID.7.0:EDX, and the MSR is
# read (TCG returns 0 for it).
. "$(dirname "$0")/lib.sh"
vm_case --cpu max,vendor=GenuineIntel,family=6,model=85,stepping=7,ucode-rev=0x500320a00000000,+md-clear,+arch-capabilities,x-force-features=on <<'GUEST'
cpus /tmp/j
check count "$(jqf /tmp/j '.cpus|length')" 2
each() { jqf /tmp/j "[.cpus[]|$1|tostring|ascii_downcase]|unique|join(\",\")"; }
check vendor "$(jqf /tmp/j '[.cpus[].vendor]|unique|join(",")')" GenuineIntel
check signature "$(each .signature)" 0x50657
check microcode "$(each .microcode)" 0x500320a
check leaf7_edx "$(each .leaf7_edx)" 0x20000400
check md_clear "$(each .md_clear)" true
check arch_capabilities "$(each .arch_capabilities)" 0x0
check arch_capabilities_state "$(each .arch_capabilities_state)" ok
# ARCH_CAPABILITIES bit 7 (TSX_CTRL) is 0: TSX_CTRL does not exist.
check tsx_ctrl "$(each .tsx_ctrl)" null
check tsx_ctrl_state "$(each .tsx_ctrl_state)" not_enumerated
check kernel-agrees "$(cut -d';' -f1 /sys/devices/system/cpu/vulnerabilities/mds)" "Mitigation: Clear CPU buffers"
GUEST
