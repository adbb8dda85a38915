#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The kernel's bug-bit rules for MDS, TAA, MMIO Stale Data and RFDS
(arch/x86/kernel/cpu/common.c, cpu_set_bug_bits()), written again
independently of mdscope's C analyzer, over the kernel's tables in
userspace/gen/data/kernel-vuln-table.csv and a libvirt <cpudata> dump or
`cpuid -r` text. Prints, per CPU, "mds taa mmio rfds" as mdscope's
kernel_rule names (affected, msbds_only, not_affected, unknown).

  kernel_rules.py TABLE DUMP
"""
import csv
import re
import sys
import xml.etree.ElementTree as ET

VENDORS = {"GenuineIntel": "INTEL", "AuthenticAMD": "AMD", "HygonGenuine": "HYGON",
           "CentaurHauls": "CENTAUR", "  Shanghai  ": "ZHAOXIN"}
MDS_NO, TSX_CTRL, TAA_NO = 1 << 5, 1 << 7, 1 << 8
MMIO_IMMUNE = (1 << 13) | (1 << 14) | (1 << 15)
RFDS_NO, RFDS_CLEAR = 1 << 27, 1 << 28


def load_table(path):
    rows = {"whitelist": [], "blacklist": []}
    with open(path) as f:
        lines = [l for l in f if not l.startswith("#")]
    for r in csv.DictReader(lines):
        rows[r["table"]].append(r)
    return rows


def dumps(path):
    """Per CPU: {(leaf, sub): (eax, ebx, ecx, edx)}, {msr: value}."""
    text = open(path, encoding="utf-8", errors="replace").read()
    if text.lstrip().startswith("<"):
        root = ET.fromstring(text)
        leaves, msrs = {}, {}
        for e in root:
            if e.tag == "cpuid":
                leaves[(int(e.get("eax_in"), 16), int(e.get("ecx_in"), 16))] = tuple(
                    int(e.get(k), 16) for k in ("eax", "ebx", "ecx", "edx"))
            elif e.tag == "msr":
                msrs[int(e.get("index"), 16)] = int(e.get("edx"), 16) << 32 | int(e.get("eax"), 16)
        return [(leaves, msrs)]
    cpus = []
    for line in text.splitlines():
        if line.startswith("CPU"):
            cpus.append(({}, {}))
            continue
        m = re.match(r"\s+0x([0-9a-f]+) 0x([0-9a-f]+): eax=0x(\w+) ebx=0x(\w+) ecx=0x(\w+) edx=0x(\w+)$", line)
        if m:
            cpus[-1][0][(int(m[1], 16), int(m[2], 16))] = tuple(int(m[i], 16) for i in range(3, 7))
    return cpus


def matches(row, vendor, fam, model, step, core_type):
    if row["vendor"] not in ("ANY", vendor):
        return False
    if row["family"] != "ANY" and int(row["family"], 0) != fam:
        return False
    if row["model_number_hex"] != "ANY" and int(row["model_number_hex"], 16) != model:
        return False
    sr = row["stepping_range"]
    if sr.startswith("min-") and step > int(sr[4:], 16):
        return False
    if row["cpu_type"] == "ATOM" and core_type != 0x20:
        return False
    return True


def first_flags(rows, *cpu):
    for r in rows:
        if matches(r, *cpu):
            return set(r["flags"].split("|"))
    return set()


def rules(table, leaves, msrs):
    l0, l1 = leaves[(0, 0)], leaves[(1, 0)]
    vendor = VENDORS.get(
        l0[1].to_bytes(4, "little").decode("latin1") + l0[3].to_bytes(4, "little").decode("latin1")
        + l0[2].to_bytes(4, "little").decode("latin1"), "OTHER")
    sig = l1[0]
    fam = (sig >> 8) & 0xf
    if fam == 0xf:
        fam += (sig >> 20) & 0xff
    model = (sig >> 4) & 0xf
    if fam >= 6:
        model += ((sig >> 16) & 0xf) << 4
    step = sig & 0xf
    l7 = leaves.get((7, 0), (0, 0, 0, 0)) if l0[0] >= 7 else (0, 0, 0, 0)
    core_type = 0
    if l0[0] >= 0x1a and l7[3] & (1 << 15):
        core_type = leaves.get((0x1a, 0), (0, 0, 0, 0))[0] >> 24
    cap = msrs.get(0x10a, 0) if l7[3] & (1 << 29) else 0    # as the kernel reads it
    rtm = bool(l7[1] & (1 << 11))
    cpu = (vendor, fam, model, step, core_type)
    wl = first_flags(table["whitelist"], *cpu)
    bl = first_flags(table["blacklist"], *cpu)
    if "NO_SPECULATION" in wl:
        return ["not_affected"] * 4 + [vendor]
    mds = "not_affected"
    if "NO_MDS" not in wl and not cap & MDS_NO:
        mds = "msbds_only" if "MSBDS_ONLY" in wl else "affected"
    taa = "affected" if not cap & TAA_NO and (rtm or cap & TSX_CTRL) else "not_affected"
    mmio = "not_affected"
    if (cap & MMIO_IMMUNE) != MMIO_IMMUNE:
        if "MMIO" in bl:
            mmio = "affected"
        elif "NO_MMIO" not in wl:
            mmio = "unknown"
    if cap & RFDS_NO:
        rfds = "not_affected"
    elif cap & RFDS_CLEAR or "RFDS" in bl:
        rfds = "affected"
    else:
        rfds = "not_affected"
    return [mds, taa, mmio, rfds, vendor]


def main():
    table = load_table(sys.argv[1])
    for leaves, msrs in dumps(sys.argv[2]):
        print(" ".join(rules(table, leaves, msrs)))


if __name__ == "__main__":
    main()
