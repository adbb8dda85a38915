# SPDX-License-Identifier: GPL-2.0
# The peer of `mdscope fleet --json`'s inventory, in jq alone (used by
# tests/fleet/suite as a differential check and by tests/bench/fleet as the
# baseline): over snapshots given as inputs (jq -n -f inventory.jq FILES),
# per host the online CPUs with CPUID grouped by package (the CPU's own
# topology, else sysfs's, else one unknown group); per socket the
# vendor, signature, platform id (MSR 0x17 when read) and the oldest
# microcode revision (MSR 0x8B unless it reads 0, else the kernel's cached
# value); rows sorted like mdscope's, with host and socket counts. Reads
# both snapshot schemas (tests/lib/snapshot.jq: run with -L tests/lib).
include "snapshot";
def hex: ltrimstr("0x") | ascii_downcase | explode
  | reduce .[] as $c (0; . * 16 + (if $c >= 97 then $c - 87 else $c - 48 end));
def rev: if .microcode.state == "ok" and (.microcode.value | hex) != 0 then .microcode.value | hex
  elif .have_ucode_cached then .microcode_cached | hex else null end;
def pid: if .platform_id.state == "ok" and (.platform_id.value | hex) <= 7
  then .platform_id.value | hex else null end;
def pkg($t): if .have_topology then .package
  else ($t[.cpu | tostring] // {package: -1, core: -1}) as $x
  | if $x.package >= 0 and $x.core >= 0 then $x.package else -1 end end;
[inputs | input_filename as $f
  | (.kernel.topology | rows | map({key: (.cpu | tostring), value: .}) | from_entries) as $t
  | [.cpus | rows | .[] | select(.online and .have_cpuid)
     | {p: pkg($t), v: .vendor,
        s: (.signature | hex), i: pid, u: rev}]
  | group_by(.p)
  | map({v: .[0].v, s: .[0].s, i: .[0].i,
         u: (if any(.[]; .u == null) then null else (map(.u) | min) end), f: $f})
  | .[]]
| group_by([.v, .s, (.i // -1), (if .u == null then -1 else .u end)])
| map({vendor: .[0].v, signature: .[0].s, platform_id: .[0].i, microcode: .[0].u,
       hosts: (map(.f) | unique | length), sockets: length})
