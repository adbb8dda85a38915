#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Generate a fleet of snapshots from one fixture: N hosts of C CPUs each
(the fixture's CPUs repeated over sockets and cores), each with its own
hostname and machine-id; every 7th host runs an older microcode, every 50th
snapshot is a month old. Writes DIR/host-NNNNN.json in the schema that
`mdscope snapshot` writes (mdscope-snapshot/2: the template is converted
once by MDSCOPE, default userspace/mdscope, with `snapshot --from`), or
with --schema 1 in the first release's form. --kernel-tables fills the
kernel's per-CPU tables (/proc/cpuinfo blocks, sysfs topology) and gives
each CPU its own read time when the fixture has none, as `mdscope snapshot`
does on a real host (a 64-CPU host is then about 79 KB as schema 1).

  gen-fleet.py [--schema 1|2] [--kernel-tables] FIXTURE DIR N [CPUS]
"""
import copy
import json
import os
import subprocess
import sys
import tempfile


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


def kernel_tables(snap):
    """/proc/cpuinfo and sysfs topology as the kernel shows these CPUs."""
    cpus, k = snap["cpus"], snap["kernel"]
    by_core = {}
    for c in cpus:
        by_core.setdefault((c["package"], c["core"]), []).append(c["cpu"])
    ci, tp = [], []
    for n, c in enumerate(cpus):
        sig = int(c["signature"], 16)
        fam = (sig >> 8) & 0xf
        model = ((sig >> 4) & 0xf) | (((sig >> 16) & 0xf) << 4 if fam in (6, 15) else 0)
        md_clear = bool(int(c["leaf7_edx"], 16) & (1 << 10))
        c["read_time_ns"] = 15000 + 37 * n
        ci.append({"cpu": c["cpu"], "vendor": c["vendor"], "family": fam + ((sig >> 20) & 0xff),
                   "model": model, "stepping": sig & 0xf, "have_microcode": True,
                   "microcode": c["microcode_cached"], "physical_id": c["package"],
                   "core_id": c["core"], "have_flags": True, "md_clear": md_clear,
                   "rtm": False, "hle": False, "hypervisor": False, "arch_capabilities": False,
                   "flush_l1d": True, "have_bugs": True, "bug_mds": True,
                   "bug_msbds_only": False, "bug_taa": False})
        sib = by_core[(c["package"], c["core"])]
        tp.append({"cpu": c["cpu"], "online": 1, "package": c["package"], "die": 0,
                   "core": c["core"], "siblings": ",".join(map(str, sib)),
                   "nr_siblings": len(sib)})
    k["cpuinfo"], k["topology"] = ci, tp


def main():
    args = sys.argv[1:]
    schema, tables = 2, False
    while args[:1] in (["--schema"], ["--kernel-tables"]):
        if args[0] == "--schema":
            schema, args = int(args[1]), args[2:]
        else:
            tables, args = True, args[1:]
    fixture, out, n = args[0], args[1], int(args[2])
    ncpu = int(args[3]) if len(args) > 3 else 64
    snap = json.load(open(fixture))
    if "common" in snap["cpus"]:
        sys.exit("gen-fleet.py: the fixture must be an mdscope-snapshot/1 file")
    widen(snap, ncpu)
    good = snap["cpus"][0]["microcode"]["value"]
    old = hex(int(good, 16) - 0x100)
    t0 = snap["time_ns"]
    # one text with valid markers, filled per host: written once, not N times
    snap["hostname"] = "hostmarker"
    snap["host"] = {"machine_id": "midmarker", "dmi_product_uuid": "", "dmi_product_name": "bench"}
    snap["time_ns"] = 1234567890123
    for c in snap["cpus"]:	# one microcode everywhere: the outliers are ours
        c["microcode"]["value"] = "0xfeedf00d"
        c["microcode_cached"] = "0xfeedf00d"
    if tables and not snap["kernel"]["cpuinfo"] and not snap["kernel"]["topology"]:
        kernel_tables(snap)
    text = json.dumps(snap, indent=2)
    if schema == 2:
        mdscope = os.environ.get("MDSCOPE", os.path.join(os.path.dirname(__file__),
                                                         "../../userspace/mdscope"))
        with tempfile.NamedTemporaryFile("w", suffix=".json") as t:
            t.write(text)
            t.flush()
            text = subprocess.run([mdscope, "snapshot", "--from", t.name, "-o", "-"],
                                  check=True, capture_output=True, text=True).stdout
    for h in range(n):
        rev = old if h % 7 == 0 else good
        t = t0 - (30 * 86400 * 10**9 if h % 50 == 0 else 0)
        body = (text.replace("hostmarker", "host-%05d" % h)
                .replace("midmarker", "%032x" % (0xabc0000 + h))
                .replace("1234567890123", str(t)).replace("0xfeedf00d", rev))
        with open("%s/host-%05d.json" % (out, h), "w") as f:
            f.write(body)


if __name__ == "__main__":
    main()
