# SPDX-License-Identifier: GPL-2.0
# Sourced by tests/vm/t_*.sh (on the host). A case is one boot:
#
#   . "$(dirname "$0")/lib.sh"
#   vm_case [tests/vm/run options] <<'GUEST'
#   ...guest shell script using the helpers of guest.sh...
#   GUEST
#
# The kernel is $1 of the case script (tests/vm/suite passes it). vm_case
# exits with the harness's status: the guest script's, or the harness's own
# (timeout, panic, kernel splat).
VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VM_KERNEL=${1:?usage: $0 KERNEL-VERSION}

vm_case() {
	local dir rc
	dir=$(mktemp -d /tmp/mdscope-case.XXXXXX)
	{
		echo '. /add/guest.sh'
		cat
		echo 'finish'
	} >"$dir/case.sh"
	"$VM_DIR/run" --kernel "$VM_KERNEL" --add "$VM_DIR/guest.sh" --add "$dir/case.sh" \
		"$@" -- sh /add/case.sh
	rc=$?
	rm -rf "$dir"
	exit $rc
}
