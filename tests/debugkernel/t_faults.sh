#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Allocation failures on every path of mdscope (issue 10, item 7), on the
# debug kernel only (failslab and fail_page_alloc; Debian's kernels have
# no fault injection). Systematic, not random: for each operation, the
# kernel's fail-nth makes its 1st, then 2nd, ... allocation fail (slab and
# page allocations alike, GFP_KERNEL included) until the operation no
# longer reaches its N-th allocation, so every allocation on the path
# fails once. The operations:
#   load      finit_module of mdscope.ko (tests/debugkernel/failnth, armed
#             on its own thread; the loader's first 10 and last 60
#             allocations, see below): fails cleanly (module absent) or
#             succeeds
#   load-cpuhp  finit_module while the cpuhp/1 thread, which runs
#             mdscope's online callback for CPU 1 at load, is armed: the
#             first allocation there fails the load cleanly
#   online, offline  CPU 1 brought online / taken offline with cpuhp/1
#             armed (the records' allocation, the notification to a
#             listener): the CPU ends in a consistent state; the first 20
#             and the last 40 of each transition's allocations (see hot())
#   get, dump, info  the netlink handlers
#   refresh   with `nlprobe listen` joined, so the notification is built
#             and multicast in the failing thread
# After each sweep mdscope must answer valid requests correctly; the
# harness then unloads it, checks kmemleak and the kernel log (the
# fault-injection notices are not splats, anything else is).
#
#   tests/debugkernel/t_faults.sh [KERNEL]      (default: debug)
here=$(cd "$(dirname "$0")" && pwd)
set -- "${1:-debug}"
. "$here/../vm/lib.sh"
tmp=$(mktemp -d /tmp/mdscope-faults.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cc -static -std=gnu11 -Wall -Wextra -O2 -I"$here/../../module/uapi" -o "$tmp/failnth" \
	"$here/failnth.c" || exit 125
vm_case --smp 4 --no-module --timeout 600 --add "$tmp/failnth" <<'GUEST'
ko=/lib/modules/$(uname -r)/extra/mdscope.ko
D=/sys/kernel/debug
[ -d $D/failslab ] || mount -t debugfs debugfs $D
# fail-nth ignores probability, interval, times and the task filter, but
# not the per-allocator filters: GFP_KERNEL (may sleep) and order-0 pages
# must be eligible. probability stays 0: nothing fails except by fail-nth.
for f in failslab fail_page_alloc; do
	echo N >$D/$f/ignore-gfp-wait
	echo 0 >$D/$f/probability
	echo 1 >$D/$f/verbose
done
echo 0 >$D/fail_page_alloc/min-order
loaded() { grep -c '^mdscope ' /proc/modules; }
cpuhp1=$(ps -o pid,comm | awk '$2 == "cpuhp/1" {print $1}')
check_true cpuhp1-thread test -n "$cpuhp1"

# sweep NAME FROM AFTER CMD...: `failnth N CMD...` for N = FROM, FROM+1, ...
# until it prints "not-reached" (the run without a failure must then be
# ok); AFTER runs after each run with the output in $out, prints nothing
# when all is well. At most 500 runs.
sweep() {
	local name=$1 n=$2 after=$3 inj=0 odd= last= max=$(($2 + 500))
	shift 3
	while [ $n -le $max ]; do
		out=$(/add/failnth $n "$@" 2>&1)
		last=$out
		case $out in
		*" injected") inj=$((inj + 1)) ;;
		*" not-reached") ;;
		*) odd="$odd [$n: $out]" ;;
		esac
		odd="$odd$($after)"
		case $out in *" not-reached"|failnth:*) break ;; esac
		n=$((n + 1))
	done
	echo "$name: $inj failed allocations, then: $last"
	check "$name-sweep-clean" "$odd" ""
	check "$name-ran-through" "${last%% *} ${last##* }" "$name: not-reached"
	case $last in *": ok"*) ;; *) check "$name-last-run-ok" "$last" "ok" ;; esac
}

# ---- load: failnth's own thread, through finit_module. Most of its
# allocations (several hundred under KASAN: the file's pages, the module's
# memory and shadow, sysfs) are the loader's, before mdscope_init; the sweep
# covers the first 10 and the last 60 of a successful load, which hold
# mdscope_init's own and everything after it. The count comes from a
# bisection over N (not-reached means N is past the last allocation).
after_load() {
	case $out in
	*": ok "*) [ "$(loaded)" = 1 ] || echo " [$n: ok but not loaded]"
		rmmod mdscope || echo " [$n: rmmod failed]" ;;
	*": error "*) [ "$(loaded)" = 0 ] || { echo " [$n: failed but loaded]"; rmmod mdscope; }
		[ -e /sys/module/mdscope ] && echo " [$n: /sys/module/mdscope left]" ;;
	esac
}
lo=1 hi=4096 bis=
while [ $lo -lt $hi ]; do
	n=$(((lo + hi) / 2))
	out=$(/add/failnth $n insmod $ko 2>&1)
	bis="$bis$(after_load)"
	case $out in *" not-reached") hi=$n ;; *" injected") lo=$((n + 1)) ;; *) bis="$bis [$n: $out]"; break ;; esac
done
echo "insmod: a successful load makes $((lo - 1)) allocations"
check insmod-bisect-clean "$bis" ""
first=1
for n in 1 2 3 4 5 6 7 8 9 10; do
	out=$(/add/failnth $n insmod $ko 2>&1)
	first="$first$(after_load)"
	case $out in *" injected") ;; *) first="$first [$n: $out]" ;; esac
done
check insmod-first-10-clean "$first" 1
from=$((lo - 60)); [ $from -gt 10 ] || from=11
sweep insmod $from after_load insmod $ko

# ---- load with CPU 1's online callback failing (it runs on cpuhp/1).
# finit_module through failnth, armed far past its own allocations: busybox
# insmod loads again with init_module when finit_module fails, which hid
# the first failure. The 1st allocation on cpuhp/1 is the callback's record,
# so the load must fail; the 2nd is kmemleak's metadata for it (kmemleak
# falls back to its pool), so the load succeeds.
out= first=
for n in 1 2 3 4; do
	echo $n >/proc/$cpuhp1/fail-nth
	r=$(/add/failnth 1000000 insmod $ko 2>&1)
	left=$(cat /proc/$cpuhp1/fail-nth); echo 0 >/proc/$cpuhp1/fail-nth
	echo "load-cpuhp $n: $r (fail-nth left $left)"
	[ -n "$first" ] || first=$r
	case $r in
	"insmod: ok "*) rmmod mdscope || out="$out [$n: rmmod]" ;;
	"insmod: error "*) [ "$(loaded)" = 0 ] || out="$out [$n: failed but loaded]" ;;
	*) out="$out [$n: $r]" ;;
	esac
	[ "$left" = 0 ] || break
done
check load-cpuhp-clean "$out" ""
check load-cpuhp-first-fails "$first" "insmod: error Cannot allocate memory not-reached"
check load-cpuhp-ran-through "${r% *}" "insmod: ok"
check_true load-cpuhp-past-the-last test "$left" != 0

insmod $ko
check loaded "$(loaded)" 1
nlprobe listen 100000 3000 >/tmp/listen 2>&1 &
lpid=$!
listener_joined

# answers NAME: the module still answers valid requests correctly. A
# refresh first: after hotplug each CPU's record keeps the generation it
# was read in, and dump-check counts a dump of mixed generations without
# NLM_F_DUMP_INTR as wrong.
answers() {
	check "$1-answers-refresh" "$(nlprobe refresh | cut -d' ' -f1-2)" "refresh: ok"
	check "$1-answers-info" "$(nlprobe info | cut -d' ' -f1-2)" "info: ok"
	check "$1-answers-dump" "$(nlprobe dump-check 2 | sed -n 's/.* complete=\([0-9]*\) bad=\([0-9]*\).* mixed_unflagged=\([0-9]*\).*/\1 \2 \3/p')" "2 0 0"
	cpus /tmp/j
	check "$1-answers-cpus" "$(jqf /tmp/j '[.cpus[]|select(.online)]|length')" \
		"$(grep -c '^processor' /proc/cpuinfo)"
}

# ---- CPU 1 online and offline with cpuhp/1 armed
# hot_try TO N: CPU 1 from the other state into TO with cpuhp/1's N-th
# allocation failing; sets r (ok or the error), st (the state reached),
# left (fail-nth after: not 0 when the N-th was never reached) and adds to
# odd when mdscope's record does not follow the CPU's state.
hot_try() {
	local to=$1 n=$2
	[ "$(cat /sys/devices/system/cpu/cpu1/online)" = $((1 - to)) ] ||
		echo $((1 - to)) >/sys/devices/system/cpu/cpu1/online
	echo $n >/proc/$cpuhp1/fail-nth
	r=ok; echo $to >/sys/devices/system/cpu/cpu1/online 2>/tmp/hot.err || r=$(cat /tmp/hot.err)
	left=$(cat /proc/$cpuhp1/fail-nth); echo 0 >/proc/$cpuhp1/fail-nth
	st=$(cat /sys/devices/system/cpu/cpu1/online)
	# the record must follow the CPU's state, whatever failed
	cpus /tmp/h
	[ "$(jqf /tmp/h '.cpus[1].online')" = "$([ $st = 1 ] && echo true || echo false)" ] ||
		odd="$odd [$n: online=$st, record $(jqf /tmp/h '.cpus[1].online')]"
}
# hot NAME TARGET: how many allocations the transition makes (bisection),
# then each of the first 20 and the last 40 failing in turn (online makes
# about 390 under KASAN; mdscope's callbacks run near the end of online
# and the start of offline), then one run well past the last (the count
# varies by a few): it must succeed.
hot() {
	local name=$1 to=$2 inj=0 lo=1 hi=1024 n from
	odd=
	while [ $lo -lt $hi ]; do
		n=$(((lo + hi) / 2))
		hot_try $to $n
		if [ "$left" = 0 ]; then lo=$((n + 1)); else hi=$n; fi
	done
	echo "$name: a transition makes $((lo - 1)) allocations"
	from=$((lo - 40)); [ $from -gt 21 ] || from=21
	for n in $(seq 1 20) $(seq $from $((lo - 1))); do
		[ $n -lt $lo ] || break
		hot_try $to $n
		[ "$left" = 0 ] && inj=$((inj + 1))
	done
	# past the last, with a margin: the count varies by a few between runs
	hot_try $to $((lo + 200))
	echo "$name: $inj failed allocations, then: $r"
	check "$name-sweep-clean" "$odd" ""
	check "$name-ran-through" "$r $st" "ok $to"
	check_true "$name-past-the-last" test "$left" != 0
	check_true "$name-failed-once" test $inj -gt 0
}
echo 2 >$D/failslab/verbose	# stack dumps too: tests/vm/run must drop them
hot online 1
echo 1 >$D/failslab/verbose
hot offline 0
echo 1 >/sys/devices/system/cpu/cpu1/online
answers hotplug

# ---- the netlink handlers and the notification
after_nl() {
	case $out in
	*": ok "*|*": error Cannot allocate memory "*|*": error No buffer space available "*) ;;
	*) echo " [$n: $out]" ;;
	esac
}
sweep get 1 after_nl get 2
sweep dump 1 after_nl dump
sweep info 1 after_nl info
g0=$(generation)
sweep refresh 1 after_nl refresh
check_true refresh-generation-grew test "$(generation)" -gt "$g0"
answers netlink
kill $lpid 2>/dev/null
check_true listener-got-events test "$(grep -c . /tmp/listen)" -gt 1
GUEST
