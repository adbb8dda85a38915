#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `cpuid -r` captured in the guest (Debian's cpuid, added to the image)
# imports, and the report from the imported snapshot gives per CPU the same
# hardware verdicts and kernel rules for MDS, TAA, MMIO and RFDS as the
# report from the module's records. Skylake-SP with MD_CLEAR and no
# ARCH_CAPABILITIES, so CPUID alone decides (a dump holds no MSR); what the
# dump lacks (microcode, kernel claims) is unknown in the import, never ok.
. "$(dirname "$0")/lib.sh"
vm_case --smp 2 --add /usr/bin/cpuid \
	--cpu Skylake-Server,vendor=GenuineIntel,family=6,model=85,stepping=4,+md-clear <<'GUEST'
/add/cpuid -r >/tmp/c 2>/tmp/c.err; rc=$?
check cpuid-rc "$rc" 0
check cpuid-cpus "$(grep -c '^CPU' /tmp/c)" 2
mdscope import -H guest /tmp/c -o /tmp/i.json 2>/tmp/i.err; rc=$?
check import-rc "$rc" 0
check import-stderr "$(cat /tmp/i.err)" ""
mdscope report --json --from /tmp/i.json >/tmp/ri 2>/dev/null; rc_i=$?
mdscope report --json >/tmp/rm 2>/dev/null; rc_m=$?
check collected-by "$(jqf /tmp/ri .collected_by)" import
check module-collected "$(jqf /tmp/rm .collected_by)" module
V='[.cpus[] | [.cpu, .vendor, .signature, .md_clear] + ([.mds, .taa, .mmio, .rfds] | map(.hardware, .kernel_rule)) | map(tostring) | join(" ")] | join(";")'
check verdicts-equal "$(jqf /tmp/ri "$V")" "$(jqf /tmp/rm "$V")"
check mds-affected "$(jqf /tmp/ri '[.cpus[].mds.hardware]|unique|join(",")')" affected
check microcode-unknown "$(jqf /tmp/ri '[.cpus[].microcode_source]|unique|join(",")')" none
check_true import-not-ok [ "$rc_i" -ge 2 ]
GUEST
