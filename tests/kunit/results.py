#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Count KUnit results from kunit.py's --json output (KernelCI format).

usage: results.py --suites SUITE[,SUITE...] NAME:STATUS:GLOB:FILE...

One NAME:STATUS:GLOB:FILE per boot: a label, kunit.py's exit status, the
suite glob it ran and its --json file. Prints one line per test case and
"kunit: N passed, N failed" over all boots. A case is a leaf of the result
tree: a plain case counts once, a parameterised case once per parameter.
SKIP counts as failed (these suites must never skip). Each SUITE matching a
boot's GLOB that did not report counts as one failure, and so do a missing
or unreadable FILE and a failing kunit.py status that no case explains (a
crash, missing results). Each boot whose kernel log had a splat (--splats)
counts as one more failure. Exit status 0 only when nothing failed.
"""
import argparse
import fnmatch
import json
import sys


def leaves(group, path):
    for case in group.get("test_cases", []):
        yield path + [case["name"]], case["status"]
    for sub in group.get("sub_groups", []):
        yield from leaves(sub, path + [sub["name"]])


def count_boot(spec, suites):
    """Returns (passed, failed) of one NAME:STATUS:GLOB:FILE."""
    name, status, glob, path = spec.split(":", 3)
    try:
        with open(path) as f:
            top = json.load(f)
    except (OSError, ValueError) as e:
        print(f"kunit: {name}: no results ({e}): build or boot failed",
              file=sys.stderr)
        return 0, 1
    passed = failed = 0
    seen = set()
    for names, result in leaves(top, []):
        seen.add(names[0])
        ok = result == "PASS"
        passed += ok
        failed += not ok
        print(f"  {'ok' if ok else result:5} {name}: {'.'.join(names)}")
    for s in fnmatch.filter(suites, glob):
        if s not in seen:
            print(f"kunit: {name}: suite {s} did not report", file=sys.stderr)
            failed += 1
    if int(status) != 0 and failed == 0:
        print(f"kunit: {name}: kunit.py failed ({status}) but no case did: "
              "crash or missing results", file=sys.stderr)
        failed = 1
    if passed + failed == 0:
        print(f"kunit: {name}: no test case ran", file=sys.stderr)
        failed = 1
    return passed, failed


def main():
    ap = argparse.ArgumentParser(description="Count KUnit results.")
    ap.add_argument("--suites", default="", help="suites that must report")
    ap.add_argument("--splats", type=int, default=0,
                    help="boots whose kernel log had a WARN/BUG/lockdep splat")
    ap.add_argument("boots", nargs="+", metavar="NAME:STATUS:GLOB:FILE")
    args = ap.parse_args()
    suites = [s for s in args.suites.split(",") if s]
    passed = failed = 0
    for spec in args.boots:
        if spec.count(":") < 3:
            ap.error(f"bad boot '{spec}'")
        p, f = count_boot(spec, suites)
        passed += p
        failed += f
    if args.splats:
        print(f"kunit: {args.splats} boot(s) with a kernel splat", file=sys.stderr)
        failed += args.splats
    print(f"kunit: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
