#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Malformed and out-of-range requests are refused with an errno and an
# extack message (tests/vm/nlprobe sends what mdscope never would).
. "$(dirname "$0")/lib.sh"
vm_case --smp 2 <<'GUEST'
# probe REQUEST ERRNO-NAME: refused with that errno and a non-empty message.
probe() {
	local out
	out=$(nlprobe "$@" 2>&1)
	echo "$out"
	check "$1$2-errno" "$(echo "$out" | cut -d' ' -f2,4)" "error $want"
	check_true "$1$2-extack-message" sh -c "echo '$out' | grep -q 'msg=\"[^\"]'"
}
want=ENODEV probe get 9999
want=ENODEV probe get 2
want=EINVAL probe get-nocpu
want=EINVAL probe get-unknown
want=EINVAL probe get-badlen
check valid-get "$(nlprobe get 1 | cut -d' ' -f1-2)" "get: ok"

mdscope cpus --cpu 9999 >/tmp/out 2>/tmp/err
check cli-status "$?" 1
echo "mdscope cpus --cpu 9999 said: $(cat /tmp/err)"
check cli-one-line "$(wc -l </tmp/err)" 1
check_true cli-prints-extack grep -q "no such CPU" /tmp/err
check cli-no-stdout "$(wc -c </tmp/out)" 0
GUEST
