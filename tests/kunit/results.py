#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Count KUnit results from kunit.py's --json output (KernelCI format).

usage: results.py RESULTS.json KUNIT_PY_STATUS GLOB SUITE...

Prints one line per test case and "kunit: N passed, N failed". A case is a
leaf of the result tree: a plain case counts once, a parameterised case
once per parameter. SKIP counts as failed (these suites must never skip);
each SUITE matching GLOB that did not report counts as one failure, and so does a failing
kunit.py status that no listed case explains (a crash, missing results).
Exit status 0 only when nothing failed.
"""
import fnmatch
import json
import sys


def leaves(group, path):
    for case in group.get("test_cases", []):
        yield path + [case["name"]], case["status"]
    for sub in group.get("sub_groups", []):
        yield from leaves(sub, path + [sub["name"]])


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: results.py RESULTS.json KUNIT_PY_STATUS GLOB SUITE...")
    path, status, glob = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    suites = fnmatch.filter(sys.argv[4:], glob)
    try:
        with open(path) as f:
            top = json.load(f)
    except (OSError, ValueError) as e:
        print(f"kunit: cannot read {path}: {e}", file=sys.stderr)
        print("kunit: 0 passed, 1 failed")
        return 1

    passed = failed = 0
    seen = set()
    for names, result in leaves(top, []):
        seen.add(names[0])
        ok = result == "PASS"
        passed += ok
        failed += not ok
        print(f"  {'ok' if ok else result:5} {'.'.join(names)}")
    for s in suites:
        if s not in seen:
            print(f"kunit: suite {s} did not report", file=sys.stderr)
            failed += 1
    if status != 0 and failed == 0:
        print(f"kunit: kunit.py failed ({status}) but no case did: "
              "crash or missing results", file=sys.stderr)
        failed = 1
    if passed + failed == 0:
        print("kunit: no test case ran", file=sys.stderr)
        failed = 1
    print(f"kunit: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
