# SPDX-License-Identifier: GPL-2.0
# Sourced: start and stop a private libvirtd + virtlogd as root
# (shared/docs/test-stack.md section 4). Sets LIBVIRTD_PID, VIRTLOGD_PID.
URI=${URI:-qemu:///system}
LIBVIRTD_PID= VIRTLOGD_PID=

# daemon_start: 0 when libvirtd answers on $URI, else 1 with a reason on stderr.
daemon_start() {
	if virsh -c "$URI" version >/dev/null 2>&1; then
		echo "a libvirtd already answers on $URI: stop it first" >&2
		return 1
	fi
	mkdir -p /run/libvirt
	virtlogd -d && VIRTLOGD_PID=$(cat /run/virtlogd.pid)
	libvirtd -d && LIBVIRTD_PID=$(cat /run/libvirtd.pid)
	for _ in $(seq 300); do
		virsh -c "$URI" version >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "libvirtd did not answer on $URI within 30 s" >&2
	return 1
}

# daemon_stop: stop both by pid and wait until they are gone.
daemon_stop() {
	local p
	for p in $LIBVIRTD_PID $VIRTLOGD_PID; do
		kill "$p" 2>/dev/null
		for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
	done
	LIBVIRTD_PID= VIRTLOGD_PID=
}
