#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# MD_CLEAR and ARCH_CAPABILITIES forced on: the kernel claims "Mitigation:
# Clear CPU buffers" and the report agrees: MDS affected (ARCH_CAP read as
# 0, so MDS_NO=0), mitigation possible and active, exposure mitigated; no
# "mitigation without MD_CLEAR" discrepancy. Judged for MDS and TAA, the
# host is not exposed. MMIO Stale Data (Cascade Lake is a MMIO blacklist
# row) needs FB_CLEAR or MD_CLEAR with L1D_FLUSH, which this QEMU cannot
# present: the kernel and the report agree that it stays exposed.
. "$(dirname "$0")/lib.sh"
vm_case --cpu max,vendor=GenuineIntel,family=6,model=85,stepping=7,ucode-rev=0x500320a00000000,+md-clear,+arch-capabilities,x-force-features=on <<'GUEST'
mdscope report --json --vuln mds,taa >/tmp/r 2>/tmp/r.err; rc=$?
mdscope report --json >/tmp/all 2>>/tmp/r.err; rc_all=$?
check exit "$rc" "$(jqf /tmp/r .verdict.exit_code)"
check_true exit-not-exposed [ "$rc" -le 1 ]
check collected_by "$(jqf /tmp/r .collected_by)" module
check md_clear "$(jqf /tmp/r '[.cpus[].md_clear]|unique|join(",")')" true
check arch_capabilities "$(jqf /tmp/r '[.cpus[].arch_capabilities]|unique|join(",")')" 0x0
check mds-hardware "$(jqf /tmp/r '[.cpus[].mds.hardware]|unique|join(",")')" affected
check mds-possible "$(jqf /tmp/r '[.cpus[].mds.mitigation_possible]|unique|join(",")')" true
check mds-active "$(jqf /tmp/r '[.cpus[].mds.mitigation_active]|unique|join(",")')" true
check mds-exposure "$(jqf /tmp/r '[.cpus[].mds.exposure]|unique|join(",")')" mitigated
check verdict-mds "$(jqf /tmp/r .verdict.mds)" mitigated
check vulns-judged "$(jqf /tmp/r '.vulnerabilities|join(",")')" mds,taa
check mmio-hardware "$(jqf /tmp/all '[.cpus[].mmio.hardware]|unique|join(",")')" affected
check mmio-why "$(jqf /tmp/all '[.cpus[].mmio.why[]]|unique|join(",")')" no_fb_clear
check verdict-mmio "$(jqf /tmp/all .verdict.mmio)" exposed
check kernel-mmio "$(jqf /tmp/all .kernel.mmio.state)" vulnerable_no_ucode
check exit-all "$rc_all" 2
check kernel-state "$(jqf /tmp/r .kernel.mds.state)" mitigation_verw
check kernel-smt "$(jqf /tmp/r .kernel.mds.smt)" host_state_unknown
check no-false-discrepancy "$(jqf /tmp/r '[.discrepancies[].code]|index("sysfs_mitigation_without_md_clear")')" null
check stderr "$(cat /tmp/r.err)" ""
GUEST
