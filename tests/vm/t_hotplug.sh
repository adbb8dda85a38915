#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# CPU 1 taken offline and back online: its record is marked offline, then
# re-read; the generation grows at each step; a multicast listener started
# before (`mdscope monitor --count 2`) sees both events.
. "$(dirname "$0")/lib.sh"
vm_case --smp 4 <<'GUEST'
mdscope monitor --count 2 --timeout 60 >/tmp/mon 2>&1 &
mon=$!
listener_joined
g0=$(generation)
cpus /tmp/j0
check cpu1-online-before "$(jqf /tmp/j0 '.cpus[1].online')" true
sig=$(jqf /tmp/j0 '.cpus[1].signature')

echo 0 >/sys/devices/system/cpu/cpu1/online
g1=$(generation)
cpus /tmp/j1
check cpu1-offline "$(jqf /tmp/j1 '.cpus[1].online')" false
check others-online "$(jqf /tmp/j1 '[.cpus[]|select(.cpu!=1)|.online]|unique|join(",")')" true
check count-offline "$(jqf /tmp/j1 '.cpus|length')" 4
check_true "generation-grows-offline ($g0 -> $g1)" test "$g1" -gt "$g0"
check info-online "$(mdscope info --json | jq .cpus_online)" 3

echo 1 >/sys/devices/system/cpu/cpu1/online
g2=$(generation)
cpus /tmp/j2
check cpu1-online-again "$(jqf /tmp/j2 '.cpus[1].online')" true
check cpu1-signature-reread "$(jqf /tmp/j2 '.cpus[1].signature')" "$sig"
check_true "generation-grows-online ($g1 -> $g2)" test "$g2" -gt "$g1"
check cpu1-record-generation "$(jqf /tmp/j2 '.cpus[1].generation')" "$g2"
check info-online-again "$(mdscope info --json | jq .cpus_online)" 4

wait $mon
check monitor-status "$?" 0
echo "monitor said:"; sed 's/^/  /' /tmp/mon
check monitor-offline "$(sed -n 1p /tmp/mon)" "generation $g1 event offline cpu 1"
check monitor-online "$(sed -n 2p /tmp/mon)" "generation $g2 event online cpu 1"
GUEST
