#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# mdscope microcode on a Skylake-SP (06-55-04) started with revision
# 0x2006e05, with Debian's intel-microcode 06-55-04 (tests/ucode/fetch)
# under /lib/firmware/intel-ucode in the guest: an initramfs whose early cpio
# carries that file says reboot_needed with the file's revision; one whose
# early cpio lacks it, and one with no early cpio at all, say
# initramfs_stale; the same from a saved snapshot; bad paths are one error.
. "$(dirname "$0")/lib.sh"
root=$("$VM_DIR/../ucode/fetch") || { echo "t_microcode: fetching intel-microcode failed"; exit 125; }
file=$root/lib/firmware/intel-ucode/06-55-04
[[ -r $file ]] || { echo "t_microcode: no $file"; exit 125; }
want=$(iucode_tool -l "$file" 2>/dev/null | sed -nE 's/.*sig 0x00050654, pf_mask 0x[0-9a-f]*b7, [0-9-]+, rev (0x[0-9a-f]+).*/\1/p' | head -1)
[[ -n $want ]] || { echo "t_microcode: iucode_tool lists no 0x50654 update in $file"; exit 125; }
want=$(printf '0x%x' "$want")

w=$(mktemp -d /tmp/mdscope-ucode-case.XXXXXX)
trap 'rm -rf "$w"' EXIT
mkdir -p "$w/early/kernel/x86/microcode" "$w/other/kernel/x86" "$w/main"
cp "$file" "$w/06-55-04"
cp "$file" "$w/early/kernel/x86/microcode/GenuineIntel.bin"
echo '#!/bin/sh' >"$w/main/init"
mkcpio() { (cd "$1" && find . -mindepth 1 | sed 's|^\./||' | sort | cpio -o -H newc --quiet); }
mkcpio "$w/main" | gzip -1 >"$w/main.gz"
{ mkcpio "$w/early"; cat "$w/main.gz"; } >"$w/initrd-with"
{ mkcpio "$w/other"; cat "$w/main.gz"; } >"$w/initrd-without"
cp "$w/main.gz" "$w/initrd-plain"

{ echo "want=$want"; cat <<'GUEST'; } |
mkdir -p /lib/firmware/intel-ucode
cp /add/06-55-04 /lib/firmware/intel-ucode/06-55-04
fw=/lib/firmware
check model "$(cat /proc/cpuinfo | sed -n 's/^model[^a-z]*: //p' | head -1)" 85
check cached "$(sed -n 's/^microcode[^:]*: //p' /proc/cpuinfo | head -1)" 0x2006e05

mdscope microcode --json --firmware-dir $fw --initramfs /add/initrd-with >/tmp/m 2>/tmp/m.err; rc=$?
check with-exit "$rc" 1
check with-schema "$(jqf /tmp/m .schema)" mdscope-microcode/1
check with-status "$(jqf /tmp/m .status)" reboot_needed
check with-sockets "$(jqf /tmp/m '.sockets|length')" 1
check with-signature "$(jqf /tmp/m '.sockets[0].groups[0].signature')" 0x50654
check with-loaded "$(jqf /tmp/m '.sockets[0].groups[0].revision')" 0x2006e05
check with-disk "$(jqf /tmp/m '.sockets[0].groups[0].disk.revision')" "$want"
check with-disk-file "$(jqf /tmp/m '.sockets[0].groups[0].disk.file')" $fw/intel-ucode/06-55-04
check with-initramfs "$(jqf /tmp/m '.sockets[0].groups[0].initramfs.revision')" "$want"
check with-mds-fix "$(jqf /tmp/m '.sockets[0].groups[0].mds_fix.revision')" 0x200005e
check with-stderr "$(cat /tmp/m.err)" ""

mdscope microcode --json --firmware-dir $fw --initramfs /add/initrd-without >/tmp/m 2>/tmp/m.err; rc=$?
check without-exit "$rc" 1
check without-status "$(jqf /tmp/m .status)" initramfs_stale
check without-initramfs "$(jqf /tmp/m '.sockets[0].groups[0].initramfs_state')" none
check without-disk "$(jqf /tmp/m '.sockets[0].groups[0].disk.revision')" "$want"

mdscope microcode --json --firmware-dir $fw --initramfs /add/initrd-plain >/tmp/m 2>/tmp/m.err; rc=$?
check plain-status "$(jqf /tmp/m .status)" initramfs_stale
check plain-early "$(jqf /tmp/m .initramfs.state)" no_early_cpio

# From a saved snapshot, with the same files: the same answer.
mdscope snapshot -o /tmp/s.json; check snapshot-exit $? 0
mdscope microcode --json --from /tmp/s.json --firmware-dir $fw --initramfs /add/initrd-with >/tmp/f 2>/dev/null
check from-exit $? 1
check from-status "$(jqf /tmp/f .status)" reboot_needed

# The text table, and errors as one line.
mdscope microcode --firmware-dir $fw --initramfs /add/initrd-with >/tmp/t 2>&1
check_true text-status grep -q 'reboot_needed' /tmp/t
mdscope microcode --firmware-dir /nonexistent >/dev/null 2>/tmp/e; check bad-dir-exit $? 3
check bad-dir-one-line "$(wc -l </tmp/e)" 1
GUEST
vm_case --cpu "Skylake-Server,family=6,model=85,stepping=4,ucode-rev=0x2006e0500000000" \
	--add "$w/06-55-04" --add "$w/initrd-with" --add "$w/initrd-without" \
	--add "$w/initrd-plain"
