#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Unloading while dumps run: rmmod either succeeds or says the module is
# busy, never an oops (the harness checks the kernel log); then the module
# loads again (by libkmod from `mdscope cpus`, the family's autoload) and
# answers.
. "$(dirname "$0")/lib.sh"
vm_case --smp 4 <<'GUEST'
ko=/lib/modules/$(uname -r)/extra/mdscope.ko
(while [ ! -e /tmp/stop ]; do mdscope cpus --json >/dev/null 2>&1; nlprobe dump 3 >/dev/null 2>&1; done) &
loop=$!
(while [ ! -e /tmp/stop ]; do nlprobe dump 20 >/dev/null 2>&1; done) &
loop2=$!
sleep 1
unloaded=0 odd=
for i in 1 2 3 4 5 6; do
	if out=$(rmmod mdscope 2>&1); then
		unloaded=$((unloaded + 1))
		sleep 0.2
		# a dump may already have loaded it again (family autoload)
		out=$(insmod $ko 2>&1) || case $out in
			*"File exists"*) ;;
			*) odd="$odd [$out]" ;;
			esac
	else
		case $out in
		*busy*|*"in use"*|*"temporarily unavailable"*|*"No such file"*) ;;
		*) odd="$odd [$out]" ;;
		esac
	fi
	sleep 0.3
done
touch /tmp/stop
wait $loop $loop2
echo "rmmod succeeded $unloaded of 6 times"
check rmmod-success-or-busy "$odd" ""
check_true rmmod-succeeded-at-least-once test "$unloaded" -gt 0

# Absent module: resolving the family loads it again (MODULE_ALIAS_GENL_FAMILY
# through the kernel's modprobe, or libkmod in mdscope), for any user.
unload() {
	for i in 1 2 3 4 5; do
		lsmod | grep -q '^mdscope ' || break
		rmmod mdscope && break
		sleep 1
	done
	lsmod | grep -c '^mdscope '
}
check unloaded "$(unload)" 0
asuser mdscope cpus --json >/tmp/ju 2>/tmp/ju.err
check user-autoload-status "$?" 0
cat /tmp/ju.err
check user-autoload-count "$(jqf /tmp/ju '.cpus|length')" 4
check unloaded-again "$(unload)" 0
cpus /tmp/j
check root-autoload-count "$(jqf /tmp/j '.cpus|length')" 4
check loaded-again "$(lsmod | grep -c '^mdscope ')" 1
check answers-again "$(nlprobe get 3 | cut -d' ' -f1-2)" "get: ok"
GUEST
