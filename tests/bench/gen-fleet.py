#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Generate a fleet of snapshots from one fixture: N hosts of C CPUs each
(the fixture's CPUs repeated over sockets and cores), each with its own
hostname and machine-id; every 7th host runs an older microcode, every 50th
snapshot is a month old. Writes DIR/host-NNNNN.json.

  gen-fleet.py FIXTURE DIR N [CPUS]
"""
import copy
import json
import sys


def widen(snap, ncpu):
    base = snap["cpus"]
    ci = snap["kernel"]["cpuinfo"]
    topo = snap["kernel"]["topology"]
    per = len(base)
    cpus, cinfo, tp = [], [], []
    for n in range(ncpu):
        i = n % per
        c = copy.deepcopy(base[i]); c["cpu"] = n
        c["core"] = n // 2 % (ncpu // 4); c["package"] = n % 2; c["thread"] = n // (ncpu // 2)
        c["apic_id"] = n
        cpus.append(c)
        if ci:
            x = copy.copy(ci[n % len(ci)]); x["cpu"] = n; x["physical_id"] = n % 2
            x["core_id"] = c["core"]
            cinfo.append(x)
        if topo:
            t = copy.copy(topo[n % len(topo)]); t["cpu"] = n; t["package"] = n % 2
            t["core"] = c["core"]
            tp.append(t)
    snap["cpus"], snap["kernel"]["cpuinfo"], snap["kernel"]["topology"] = cpus, cinfo, tp


def main():
    fixture, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    ncpu = int(sys.argv[4]) if len(sys.argv) > 4 else 64
    snap = json.load(open(fixture))
    widen(snap, ncpu)
    for c in snap["cpus"]:	# one microcode everywhere: the outliers are ours
        c["microcode"]["value"] = snap["cpus"][0]["microcode"]["value"]
        c["microcode_cached"] = snap["cpus"][0]["microcode_cached"]
    good = snap["cpus"][0]["microcode"]["value"]
    old = hex(int(good, 16) - 0x100)
    t0 = snap["time_ns"]
    # one text with markers, filled per host: json.dump once, not N times
    snap["hostname"] = "@HOST@"
    snap["host"] = {"machine_id": "@MID@", "dmi_product_uuid": "", "dmi_product_name": "bench"}
    snap["time_ns"] = 1234567890123
    for c in snap["cpus"]:
        c["microcode"]["value"] = "@UCODE@"
        c["microcode_cached"] = "@UCODE@"
    text = json.dumps(snap, indent=2)
    parts = text.replace("1234567890123", "@TIME@")
    for h in range(n):
        rev = old if h % 7 == 0 else good
        t = t0 - (30 * 86400 * 10**9 if h % 50 == 0 else 0)
        body = (parts.replace("@HOST@", "host-%05d" % h)
                .replace("@MID@", "%032x" % (0xabc0000 + h))
                .replace("@TIME@", str(t)).replace("@UCODE@", rev))
        with open("%s/host-%05d.json" % (out, h), "w") as f:
            f.write(body)


if __name__ == "__main__":
    main()
