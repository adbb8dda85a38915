#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# MDS, TAA, MMIO Stale Data and RFDS per socket on three sockets of
# different CPUs, and the kernel's four sysfs claims (made from the boot
# CPU alone) compared with them:
#
#   socket 0  CPUs 0-1  Skylake-SP    6/0x55/4  (the boot CPU)
#   socket 1  CPU 2     Goldmont      6/0x5C/9
#             CPU 3     Goldmont Plus 6/0x7A/1
#   socket 2  CPU 4     Cannon Lake   6/0x66/3  with RTM
#             CPU 5     Skylake-SP    6/0x55/4
#
# Every expectation below is derived from the kernel's tables
# (userspace/gen/data/kernel-vuln-table.csv, first matching row of each
# table) and rules (shared/docs/mds-domain.md sections 5 and 8), on the
# facts TCG presents: MD_CLEAR absent, ARCH_CAPABILITIES not
# enumerated (so every ARCH_CAP bit reads as 0: no MDS_NO, TAA_NO,
# SBDR_SSDP_NO/FBSDP_NO/PSDP_NO, FB_CLEAR, RFDS_NO, RFDS_CLEAR, TSX_CTRL),
# RTM dropped except on CPU 4 where x-force-features keeps it (and the
# features TCG lacks are switched off one by one so CPU 4 differs from the
# others only by RTM). TCG has no XTEST, so glibc's RTM string functions die
# with SIGILL on CPU 4: isolcpus=4 keeps every user process off it (mdscope
# reads it through the module, in the kernel).
. "$(dirname "$0")/lib.sh"
dev=Skylake-Server-x86_64-cpu,thread-id=0,family=6
nottcg=pcid=off,x2apic=off,tsc-deadline=off,hle=off,invpcid=off,avx512f=off,avx512dq=off
nottcg+=,rdseed=off,avx512cd=off,avx512bw=off,avx512vl=off,3dnowprefetch=off,xsavec=off
vm_case --cpu Skylake-Server,family=6,model=85,stepping=4 --append isolcpus=4 \
	--smp 2,sockets=3,cores=2,threads=1,maxcpus=6 \
	--qemu-arg -device --qemu-arg "$dev,socket-id=1,core-id=0,model=92,stepping=9" \
	--qemu-arg -device --qemu-arg "$dev,socket-id=1,core-id=1,model=122,stepping=1" \
	--qemu-arg -device --qemu-arg "$dev,socket-id=2,core-id=0,model=102,stepping=3,rtm=on,x-force-features=on,$nottcg" \
	--qemu-arg -device --qemu-arg "$dev,socket-id=2,core-id=1,model=85,stepping=4" <<'GUEST'
check userspace-off-cpu4 "$(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' /proc/$$/status)" 0-3,5
mdscope report --json >/tmp/r 2>/tmp/r.err; rc=$?
check stderr "$(cat /tmp/r.err)" ""
# Exposed CPUs below (no microcode can mitigate anything here): critical.
check exit-critical "$rc" 2
check exit "$rc" "$(jqf /tmp/r .verdict.exit_code)"

# The layout, so the CPU numbers below mean what the header says.
check cpus "$(jqf /tmp/r '[.cpus[]|"\(.cpu):\(.package):\(.signature)"]|join(" ")')" \
	"0:0:0x50654 1:0:0x50654 2:1:0x506c9 3:1:0x706a1 4:2:0x60663 5:2:0x50654"
check sockets "$(jqf /tmp/r '[.sockets[].package]|join(",")')" 0,1,2
# The facts the derivations rest on.
each() { jqf /tmp/r "[.cpus[]|$1|tostring]|join(\",\")"; }
check md_clear "$(each .md_clear)" false,false,false,false,false,false
check arch_capabilities_state "$(each .arch_capabilities_state)" \
	not_enumerated,not_enumerated,not_enumerated,not_enumerated,not_enumerated,not_enumerated
check rtm "$(each .rtm)" false,false,false,false,true,false
check hypervisor-source "$(jqf /tmp/r '[.cpus[].source]|unique|join(",")')" hypervisor

# expect CPU VULN HARDWARE EXPOSURE: the CPU's verdict as
# "hardware,kernel_rule,exposure". kernel_rule is the same as hardware (all
# Intel: the kernel's rules and mdscope's vendor-aware ones agree); no CPU
# can be mitigated (no MD_CLEAR, FB_CLEAR or RFDS_CLEAR), so affected means
# exposed.
# (One jq run lists them all: jq is slow to start under TCG.)
jqf /tmp/r '.cpus[]|. as $c|("mds","taa","mmio","rfds") as $v|$c[$v] as $x|
	"cpu\($c.cpu)-\($v) \($x.hardware),\($x.kernel_rule),\($x.exposure)"' >/tmp/cv
expect() {
	check "cpu$1-$2" "$(sed -n "s/^cpu$1-$2 //p" /tmp/cv)" "$3,$3,$4"
}
# No CPU has FB_CLEAR, MD_CLEAR or RFDS_CLEAR: no microcode can mitigate MMIO or RFDS.
check mitigation-possible "$(jqf /tmp/r '[.cpus[]|.mmio.mitigation_possible,.rfds.mitigation_possible]|unique|join(",")')" false
for c in 0 1 5; do
	# MDS: no whitelist row for 0x55 (no NO_MDS), MDS_NO clear -> affected.
	expect $c mds affected exposed
	# TAA: no RTM and no ARCH_CAP TSX_CTRL -> not affected.
	expect $c taa not_affected not_affected
	# MMIO: not immune (ARCH_CAP bits 0); first blacklist row for 0x55
	# stepping 4 is SKYLAKE_X min-0x5 with MMIO -> affected; no FB_CLEAR,
	# no MD_CLEAR -> no microcode mitigation.
	expect $c mmio affected exposed
	# RFDS: RFDS_NO and RFDS_CLEAR clear; the SKYLAKE_X row has no RFDS
	# -> not affected.
	expect $c rfds not_affected not_affected
done
for c in 2 3; do
	# MDS: whitelist ATOM_GOLDMONT (0x5C) / ATOM_GOLDMONT_PLUS (0x7A) have
	# NO_MDS -> not affected.
	expect $c mds not_affected not_affected
	# TAA: no RTM, no TSX_CTRL -> not affected.
	expect $c taa not_affected not_affected
	# MMIO: not immune; the blacklist ATOM_GOLDMONT(_PLUS) row has RFDS
	# only, and the whitelist row has NO_MMIO -> not affected (not unknown).
	expect $c mmio not_affected not_affected
	# RFDS: RFDS_NO and RFDS_CLEAR clear; blacklist ATOM_GOLDMONT(_PLUS)
	# (no cpu_type: matches any core) has RFDS -> affected; no RFDS_CLEAR
	# -> no mitigation.
	expect $c rfds affected exposed
done
# CPU 4, 0x66 CANNONLAKE_L with RTM.
# MDS: no whitelist row for 0x66, MDS_NO clear -> affected.
expect 4 mds affected exposed
# TAA: RTM enumerated, TAA_NO clear -> affected; no MD_CLEAR -> no VERW.
expect 4 taa affected exposed
# MMIO: not immune; blacklist CANNONLAKE_L row is RETBLEED|VMSCAPE (no
# MMIO), no whitelist row with NO_MMIO -> unknown (the kernel's
# "Unknown: No mitigations" class), which no mitigation makes known.
expect 4 mmio unknown unknown
# RFDS: the CANNONLAKE_L row has no RFDS, no ARCH_CAP bits -> not affected.
expect 4 rfds not_affected not_affected

# sock N VULN HARDWARE EXPOSURE SMT: the socket's shared verdict ("mixed"
# when its online CPUs differ), the worst exposure of its CPUs (exposed >
# unknown > mitigated > not_affected) and the SMT exposure of its cores: a
# guest cannot see the host's siblings, so an affected core is
# "host_unknown" (domain doc sections 6, 7); "-" leaves SMT unchecked.
jqf /tmp/r '.sockets|keys[] as $i|.[$i] as $s|("mds","taa","mmio","rfds") as $v|$s[$v] as $x|
	"socket\($i)-\($v) \($x.hardware),\($x.exposure) \($x.smt)"' >/tmp/sv
sock() {
	local got
	got=$(sed -n "s/^socket$1-$2 //p" /tmp/sv)
	check "socket$1-$2" "${got% *}" "$3,$4"
	[ "$5" = - ] || check "socket$1-$2-smt" "${got##* }" "$5"
}
sock 0 mds affected exposed host_unknown
sock 0 taa not_affected not_affected not_affected
sock 0 mmio affected exposed host_unknown
sock 0 rfds not_affected not_affected not_affected
# Socket 1: two signatures, the same four verdicts -> shared, not mixed.
check socket1-mixed "$(jqf /tmp/r '.sockets[1].mixed|join(",")')" signature
sock 1 mds not_affected not_affected not_affected
sock 1 taa not_affected not_affected not_affected
sock 1 mmio not_affected not_affected not_affected
sock 1 rfds affected exposed host_unknown
sock 2 mds affected exposed host_unknown
sock 2 taa mixed exposed host_unknown
# CPU 4's core has an unknown verdict, CPU 5's is affected: the rules fix no
# order between their SMT states.
sock 2 mmio mixed exposed -
sock 2 rfds not_affected not_affected not_affected
check verdict "$(jqf /tmp/r '.verdict|"\(.mds),\(.taa),\(.mmio),\(.rfds)"')" exposed,exposed,exposed,exposed

# The kernel's claims: what the guest's sysfs says, verbatim, and what the
# rules give for the boot CPU (socket 0, 0x55) alone.
v=/sys/devices/system/cpu/vulnerabilities
for f in mds tsx_async_abort mmio_stale_data reg_file_data_sampling; do
	check "sysfs-$f-verbatim" "$(jqf /tmp/r ".kernel.vulnerabilities.$f")" "$(cat $v/$f)"
done
# mds: BUG_MDS, no MD_CLEAR -> VMWERV; a guest -> "SMT Host state unknown".
check sysfs-mds "$(cat $v/mds)" "Vulnerable: Clear CPU buffers attempted, no microcode; SMT Host state unknown"
# tsx_async_abort: the boot CPU has neither RTM nor TSX_CTRL -> no BUG_TAA.
check sysfs-taa "$(cat $v/tsx_async_abort)" "Not affected"
# mmio_stale_data: BUG_MMIO_STALE_DATA, neither FB_CLEAR nor MD_CLEAR ->
# UCODE_NEEDED; a guest.
check sysfs-mmio "$(cat $v/mmio_stale_data)" "Vulnerable: Clear CPU buffers attempted, no microcode; SMT Host state unknown"
# reg_file_data_sampling: no RFDS in the boot CPU's blacklist row -> no BUG_RFDS.
check sysfs-rfds "$(cat $v/reg_file_data_sampling)" "Not affected"
claim() { jqf /tmp/r ".kernel.$1|\"\(.present),\(.state),\(.smt)\""; }
check kernel-mds "$(claim mds)" true,vulnerable_no_ucode,host_state_unknown
check kernel-taa "$(claim taa)" true,not_affected,none
check kernel-mmio "$(claim mmio)" true,vulnerable_no_ucode,host_state_unknown
check kernel-rfds "$(claim rfds)" true,not_affected,none
check expected-from-boot-cpu "$(jqf /tmp/r '.kernel.expected_from_boot_cpu|"\(.mds),\(.taa),\(.mmio),\(.rfds)"')" \
	vulnerable_no_ucode,not_affected,vulnerable_no_ucode,not_affected

# The kernel misjudges the CPUs that are affected where its boot CPU is not:
# RFDS on the Goldmont CPUs (table rows ATOM_GOLDMONT, ATOM_GOLDMONT_PLUS),
# TAA on the CPUs with RTM. Both lists come from the guest's own view.
cpus_where() {
	awk -F': *' -v want="$1" '/^processor/{p=$2} /^model\t/{m=$2}
		/^flags/{f=" "$2" "; if ((want=="goldmont" && (m==92 || m==122)) ||
			(want=="rtm" && f ~ / rtm /)) printf "%s%s", n++ ? "," : "", p}' /proc/cpuinfo
}
packages_of() {
	for c in $(echo "$1" | tr , ' '); do cat /sys/devices/system/cpu/cpu$c/topology/physical_package_id; done |
		sort -un | paste -sd,
}
finding() {
	jqf /tmp/r "[.discrepancies[]|select(.code==\"sysfs_not_affected_but_cpu_affected\" and .vulnerability==\"$1\")]|
		map(\"\(.cpus|join(\",\"))/\(.sockets|join(\",\"))\")|join(\" \")"
}
rfds_cpus=$(cpus_where goldmont) taa_cpus=$(cpus_where rtm)
check rfds-cpus-derived "$rfds_cpus" 2,3
check taa-cpus-derived "$taa_cpus" 4
check finding-rfds "$(finding rfds)" "$rfds_cpus/$(packages_of "$rfds_cpus")"
check finding-taa "$(finding taa)" "$taa_cpus/$(packages_of "$taa_cpus")"
# MDS and MMIO: sysfs says Vulnerable, which covers every affected CPU.
check finding-mds-none "$(finding mds)" ""
check finding-mmio-none "$(finding mmio)" ""

# --vuln: only the findings of the named vulnerabilities; a bad name is one
# error line and status 3.
mdscope report --json --vuln rfds >/tmp/v 2>/tmp/v.err; check vuln-rfds-exit $? 2
check vuln-rfds-stderr "$(cat /tmp/v.err)" ""
check vuln-rfds-only "$(jqf /tmp/v '[.discrepancies[].vulnerability|select(.!=null)]|unique|join(",")')" rfds
check vuln-rfds-finding "$(jqf /tmp/v '[.discrepancies[]|select(.code=="sysfs_not_affected_but_cpu_affected")|.cpus|join(",")]|join(" ")')" "$rfds_cpus"
mdscope report --json --vuln mds,nosuch >/tmp/b 2>/tmp/b.err; check vuln-bad-exit $? 3
check vuln-bad-one-line "$(wc -l </tmp/b.err)" 1
check_true vuln-bad-message grep -q '^mdscope: report: ' /tmp/b.err
check vuln-bad-no-output "$(wc -c </tmp/b)" 0
GUEST
