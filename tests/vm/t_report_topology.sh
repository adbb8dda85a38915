#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Two sockets of two cores with two threads each: the report groups the 8
# CPUs into 2 sockets and 4 cores of 2 threads, agrees with sysfs topology,
# and, inside a guest, calls the SMT exposure "host_unknown".
. "$(dirname "$0")/lib.sh"
vm_case --smp 8,sockets=2,cores=2,threads=2 <<'GUEST'
mdscope report --json >/tmp/r 2>/tmp/r.err; rc=$?
check exit "$rc" "$(jqf /tmp/r .verdict.exit_code)"
check cpus "$(jqf /tmp/r '.cpus|length')" 8
check sockets "$(jqf /tmp/r '.sockets|length')" 2
check cores "$(jqf /tmp/r '.cores|length')" 4
check threads "$(jqf /tmp/r '[.cores[].threads]|unique|join(",")')" 2
check socket-cores "$(jqf /tmp/r '[.sockets[].cores]|join(",")')" 2,2
check cpu5-topology "$(jqf /tmp/r '.cpus[5]|"\(.package)/\(.core)"')" \
	"$(cat /sys/devices/system/cpu/cpu5/topology/physical_package_id)/$(cat /sys/devices/system/cpu/cpu5/topology/core_id)"
check smt "$(jqf /tmp/r '[.cores[].mds.smt]|unique|join(",")')" host_unknown
check no-topology-note "$(jqf /tmp/r '[.notes[]|select(test("module says package"))]|length')" 0
GUEST
