#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Netlink fuzzing under load (issue 10, item 7): tests/vm/nlfuzz sends
# random messages (commands, flags, versions, attribute types, lengths,
# nesting, truncated and oversized headers, several per datagram) as root
# and as nobody at once, while CPUs 1-3 go offline and online, `mdscope
# refresh` runs in a loop, monitors listen (so every generation allocates
# and sends a notification), dumps run and the module is unloaded and
# loaded again. Valid requests mixed into the noise must answer correctly
# (or say the family is gone); the harness fails on any kernel splat. A
# process in a new network namespace must not resolve the family. Meanwhile
# `mdscope cpus` and `mdscope info` (as root and as a user) run in a loop:
# each either answers or fails with one line saying what the module is
# doing, never a raw errno text and never a namespace.
# -smp 4,maxcpus=128: 124 possible CPUs that never come online.
# NLFUZZ_SEED=N repeats a run; NLFUZZ_ROOT / NLFUZZ_USER set the counts,
# NLFUZZ_TIMEOUT the harness's timeout (300 s; tripled on a debug kernel).
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d /tmp/mdscope-nlfuzz.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
root=$(cd "$VM_DIR/../.." && pwd)
cc -static -std=gnu11 -Wall -Wextra -O2 -I"$root/module/uapi" -o "$tmp/nlfuzz" \
	"$VM_DIR/nlfuzz.c" || exit 125
seed=${NLFUZZ_SEED:-$((RANDOM * 32768 + RANDOM))}
echo "seed $seed"
echo "$seed ${NLFUZZ_ROOT:-60000} ${NLFUZZ_USER:-50000}" >"$tmp/params"
vm_case --smp 4,maxcpus=128 --mem 768 --timeout "${NLFUZZ_TIMEOUT:-300}" --add "$tmp/nlfuzz" --add "$tmp/params" <<'GUEST'
read seed nroot nuser </add/params
ko=/lib/modules/$(uname -r)/extra/mdscope.ko
out=$(/add/nlfuzz netns)
check netns-family-not-found "$out" "netns: family mdscope: No such file or directory"
out=$(unshare -n mdscope cpus 2>&1)
check netns-command-names-namespace "$out" "mdscope: mdscope.ko is loaded in kernel $(uname -r) but its netlink family is not visible here: it serves only the initial network namespace"

bg() { (while [ ! -e /tmp/stop ]; do "$@"; done) >/dev/null 2>&1 & }
toggle() { for c in 1 2 3; do echo 0 >/sys/devices/system/cpu/cpu$c/online; echo 1 >/sys/devices/system/cpu/cpu$c/online; sleep 0.2; done; }
reload() { sleep 2; rmmod mdscope && { sleep 0.5; insmod $ko; }; }
bg toggle
bg mdscope refresh
bg mdscope monitor --count 20 --timeout 2
bg nlprobe dump 5
bg reload
# the command during the races: stderr of every failed run, one file each
race() {
	n=$(cat /tmp/race.n 2>/dev/null || echo 0); n=$((n + 1)); echo $n >/tmp/race.n
	$1 mdscope $2 --json >/tmp/race.out 2>/tmp/race.err.$n
	rc=$?
	if [ $rc = 0 ]; then
		jq -e . /tmp/race.out >/dev/null 2>&1 || echo "bad JSON from $1 $2" >>/tmp/race.bad
		rm -f /tmp/race.err.$n
	else
		echo "$1 $2 exit $rc" >>/tmp/race.fail
	fi
}
(while [ ! -e /tmp/stop ]; do race "" cpus; race asuser info; race "" info; race asuser cpus; done) &
/add/nlfuzz fuzz "$nroot" "$seed" >/tmp/root.out 2>/tmp/root.err &
fr=$!
/add/nlfuzz fuzz "$nuser" "$((seed + 1))" user >/tmp/user.out 2>/tmp/user.err
ru=$?
wait $fr
rr=$?
touch /tmp/stop
sleep 1
wait
cat /tmp/root.out /tmp/user.out
head -5 /tmp/root.err /tmp/user.err
runs=$(cat /tmp/race.n)
fails=$(cat /tmp/race.fail 2>/dev/null | wc -l)
echo "mdscope cpus/info during the races: $runs runs, $fails failed"
cat /tmp/race.err.* 2>/dev/null | sort | uniq -c | sed 's/^/  /'
check race-answers-valid-json "$(cat /tmp/race.bad 2>/dev/null)" ""
check race-errors-one-line "$(for f in /tmp/race.err.*; do [ -e "$f" ] || continue; [ "$(wc -l <"$f")" = 1 ] || echo "$f"; done)" ""
check race-no-errno-text "$(cat /tmp/race.err.* 2>/dev/null | grep -E 'Protocol not supported|No such file or directory|namespace')" ""
check_true "race-some-answered ($runs runs, $fails failed)" test "$fails" -lt "$runs"
check fuzz-root-status "$rr" 0
check fuzz-nobody-status "$ru" 0
for c in 1 2 3; do echo 1 >/sys/devices/system/cpu/cpu$c/online 2>/dev/null; done
lsmod | grep -q '^mdscope ' || insmod $ko
mdscope info --json >/tmp/info.json
check after-cpus-online "$(jqf /tmp/info.json .cpus_online)" 4
# possible CPUs as the kernel counts them (6.1: 128; 6.12 counts only the
# MADT entries QEMU marks enabled or online-capable)
possible=$(awk -F- '{print $NF + 1}' /sys/devices/system/cpu/possible)
echo "possible CPUs: $(cat /sys/devices/system/cpu/possible)"
check after-cpus-possible "$(jqf /tmp/info.json .cpus_possible)" "$possible"
check after-dump-count "$(mdscope cpus --json | jq '.cpus|length')" "$possible"
check after-get "$(nlprobe get 3 | cut -d' ' -f1-2)" "get: ok"
check after-refresh "$(nlprobe refresh 1 | cut -d' ' -f1-2)" "refresh: ok"
GUEST
