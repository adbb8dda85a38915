# SPDX-License-Identifier: GPL-2.0
# Sourced inside the guest by every VM case: small assertion helpers.
# Each check prints "ok <name>" or "FAIL <name>: got ..., want ..."; finish
# prints the count and fails the case when any check failed.
pass=0 fail=0

# check NAME GOT WANT: GOT must equal WANT exactly.
check() {
	if [ "$2" = "$3" ]; then
		pass=$((pass + 1)); echo "ok   $1"
	else
		fail=$((fail + 1)); echo "FAIL $1: got '$2', want '$3'"
	fi
}

# check_true NAME COMMAND...: COMMAND must succeed.
check_true() {
	local name=$1; shift
	if "$@"; then
		pass=$((pass + 1)); echo "ok   $name"
	else
		fail=$((fail + 1)); echo "FAIL $name: '$*' failed"
	fi
}

# jqf FILE FILTER: jq -r FILTER over FILE; "jq-error" when jq fails.
jqf() { jq -r "$2" "$1" 2>/dev/null || echo jq-error; }

# cpus FILE [ARGS]: `mdscope cpus --json ARGS` into FILE; prints stderr on failure.
cpus() {
	local f=$1; shift
	if ! mdscope cpus --json "$@" >"$f" 2>/tmp/cpus.err; then
		echo "mdscope cpus --json $* failed: $(cat /tmp/cpus.err)"
	fi
}

# generation: the module's current generation from `mdscope info --json`.
generation() { mdscope info --json 2>/dev/null | jq -r .generation 2>/dev/null; }

# listener_joined: waits until a generic netlink socket joined a group
# (/proc/net/netlink: protocol 16, non-zero group mask), at most 30 s, and
# checks that one did.
listener_joined() {
	local i=0
	while [ $i -lt 60 ] && ! awk '$2 == 16 && $4 != "00000000" {f = 1} END {exit !f}' /proc/net/netlink; do
		sleep 0.5; i=$((i + 1))
	done
	check_true listener-joined test $i -lt 60
}

finish() {
	echo "checks: $pass passed, $fail failed"
	[ "$fail" = 0 ]
}
