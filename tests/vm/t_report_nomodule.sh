#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The report without the module (--no-install: not in the guest) and without
# the msr driver: it still answers from CPUID on every CPU and
# /proc/cpuinfo, says why the module was not used, and marks every
# MSR-based fact unknown (null), never 0. ARCH_CAPABILITIES is enumerated
# (forced on) so "enumerated but unread" is visible.
. "$(dirname "$0")/lib.sh"
vm_case --no-install --smp 4,sockets=2,cores=2,threads=1 \
	--cpu max,vendor=GenuineIntel,family=6,model=85,stepping=7,ucode-rev=0x500320a00000000,+md-clear,+arch-capabilities,x-force-features=on <<'GUEST'
check no-module-loaded "$(grep -c '^mdscope ' /proc/modules)" 0
mdscope report --json >/tmp/r 2>/tmp/r.err; rc=$?
check exit "$rc" "$(jqf /tmp/r .verdict.exit_code)"
check_true exit-range [ "$rc" -ge 0 -a "$rc" -le 3 ]
check collected_by "$(jqf /tmp/r .collected_by)" fallback
check module "$(jqf /tmp/r .module)" null
check_true module-error-says-why [ -n "$(jqf /tmp/r .module_error)" ]
check msr_driver "$(jqf /tmp/r .msr_driver)" false
check cpus "$(jqf /tmp/r '.cpus|length')" 4
check sockets "$(jqf /tmp/r '.sockets|length')" 2
check signature "$(jqf /tmp/r '[.cpus[].signature]|unique|join(",")')" 0x50657
check md_clear "$(jqf /tmp/r '[.cpus[].md_clear]|unique|join(",")')" true
check arch-cap-null "$(jqf /tmp/r '[.cpus[].arch_capabilities]|unique|join(",")')" ""
check arch-cap-unknown "$(jqf /tmp/r '[.cpus[].arch_capabilities_state]|unique|join(",")')" unknown
check microcode_msr "$(jqf /tmp/r '[.cpus[].microcode_msr]|unique|map(tostring)|join(",")')" null
check platform_id "$(jqf /tmp/r '[.cpus[].platform_id]|unique|map(tostring)|join(",")')" null
check microcode-from-cpuinfo "$(jqf /tmp/r '[.cpus[].microcode]|unique|join(",")')" 0x500320a
check_true note-msr grep -q msr /tmp/r
check stderr "$(cat /tmp/r.err)" ""
mdscope >/tmp/t 2>&1
check_true text-fallback grep -q 'fallback readers' /tmp/t
GUEST
