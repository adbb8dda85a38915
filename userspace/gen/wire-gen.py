#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The wire of the "mdscope" family from its YNL spec (module/mdscope.yaml).

Writes, relative to the top of the checkout:
  module/uapi/linux/mdscope.h       the UAPI header: enums, attributes, commands
  module/netlink-gen.[ch]           the kernel's request policies, one per
                                    operation, plus the nested policies they
                                    reach; limits from the spec's checks:
  userspace/collect/nl_policy_gen.[ch]
                                    libnl policies and attribute names, one
                                    table pair per attribute set, for parsing
                                    replies (nl_parse.c)

  wire-gen.py [--top DIR] [--out DIR]   write the files (under --out, default --top)
  wire-gen.py [--top DIR] --check       exit 1, naming each file, when a committed
                                        file differs from what the spec gives

Only what this family uses of the genetlink spec format is implemented; any
other type, check or key the generator does not know stops it with an error,
so the spec can never say something the generated code silently ignores.
Written for mdscope (no code taken from the kernel's ynl-gen).
"""
import argparse
import os
import sys
import textwrap

import yaml

SPEC = "module/mdscope.yaml"
GENERATOR = "userspace/gen/wire-gen.py"
UAPI = "module/uapi/linux/mdscope.h"
KERN_C = "module/netlink-gen.c"
KERN_H = "module/netlink-gen.h"
USER_C = "userspace/collect/nl_policy_gen.c"
USER_H = "userspace/collect/nl_policy_gen.h"


def die(msg):
    sys.exit(f"wire-gen: {SPEC}: {msg}")


def c_upper(name):
    return name.upper().replace("-", "_")


def c_lower(name):
    return name.lower().replace("-", "_")


def one_line(doc):
    return " ".join((doc or "").split())


def marker(comment):
    """The 'generated' banner, in // or /* */ form."""
    lines = [f"Do not edit directly: generated from {SPEC}",
             f"by {GENERATOR} (make regen)."]
    if comment == "//":
        return "".join(f"// {l}\n" for l in lines)
    return "/* " + lines[0] + "\n * " + lines[1] + " */\n"


def block(text, indent=""):
    """A /* */ comment paragraph, wrapped."""
    out = [indent + "/*"]
    for para in text.split("\n\n"):
        for l in textwrap.wrap(one_line(para), 74 - len(indent), break_on_hyphens=False):
            out.append(f"{indent} * {l}")
        out.append(indent + " *")
    out[-1] = indent + " */"
    return "\n".join(out) + "\n"


class Spec:
    """The spec, checked for what this generator understands, with values."""

    KNOWN_TOP = {"name", "protocol", "uapi-header", "doc", "definitions",
                 "attribute-sets", "operations", "mcast-groups"}
    TYPES = {"u8", "u16", "u32", "u64", "s32", "s64", "string", "nest", "pad", "flag"}
    CHECKS = {"min", "max", "max-len"}

    def __init__(self, raw):
        self.raw = raw
        if raw.get("protocol") != "genetlink":
            die("protocol must be genetlink")
        unknown = set(raw) - self.KNOWN_TOP
        if unknown:
            die(f"keys this generator does not know: {sorted(unknown)}")
        self.name = raw["name"]
        self.prefix = c_upper(self.name)
        self.defs = [self._definition(d) for d in raw.get("definitions", [])]
        self.sets = {}
        for s in raw["attribute-sets"]:
            self.sets[s["name"]] = self._attr_set(s)
        self.ops = self._ops(raw["operations"])
        self.mcgrps = [g["name"] for g in raw.get("mcast-groups", {}).get("list", [])]

    def _definition(self, d):
        if d.get("type") != "enum":
            die(f"definition {d['name']}: only type enum is supported")
        pfx = d.get("name-prefix", f"{self.name}-{d['name']}-")
        n = d.get("value-start", 0)
        entries = []
        for e in d["entries"]:
            e = e if isinstance(e, dict) else {"name": e}
            entries.append((c_upper(pfx + e["name"]), n, e.get("doc", "")))
            n += 1
        return {"name": d["name"], "c_name": c_lower(d.get("enum-name", f"{self.name}-{d['name']}")),
                "doc": d.get("doc", ""), "entries": entries}

    def _attr_set(self, s):
        pfx = s.get("name-prefix", f"{self.name}-a-{s['name']}-")
        attrs, n = [], 0
        for a in s["attributes"]:
            n = a.get("value", n)
            if a["type"] not in self.TYPES:
                die(f"attribute {s['name']}.{a['name']}: type {a['type']} is not supported")
            checks = a.get("checks", {})
            if set(checks) - self.CHECKS:
                die(f"attribute {s['name']}.{a['name']}: checks {sorted(set(checks) - self.CHECKS)} "
                    "are not supported")
            if "max-len" in checks and a["type"] != "string":
                die(f"attribute {s['name']}.{a['name']}: max-len is for strings")
            if ({"min", "max"} & set(checks)) and a["type"] not in ("u8", "u16", "u32", "u64", "s32", "s64"):
                die(f"attribute {s['name']}.{a['name']}: min/max are for integers")
            if a["type"] == "nest" and a.get("nested-attributes") is None:
                die(f"attribute {s['name']}.{a['name']}: nest without nested-attributes")
            attrs.append({"name": a["name"], "c": c_upper(pfx + a["name"]),
                          "short": c_upper(a["name"]), "value": n, "type": a["type"],
                          "checks": checks, "nest": a.get("nested-attributes"),
                          "enum": a.get("enum"), "doc": a.get("doc", "")})
            n += 1
        cnt = s.get("attr-cnt-name", "__" + c_upper(pfx) + "MAX")
        mx = s.get("attr-max-name", c_upper(pfx) + "MAX")
        return {"name": s["name"], "doc": s.get("doc", ""), "attrs": attrs,
                "cnt": cnt, "max": mx, "by_name": {a["name"]: a for a in attrs}}

    def _ops(self, ops):
        pfx = ops.get("name-prefix", f"{self.name}-cmd-")
        out, n = [], 0
        for op in ops["list"]:
            n = op.get("value", n)
            aset = self.sets[op["attribute-set"]]
            req = None		# None: no do or dump; else attribute names
            for kind in ("do", "dump"):
                if kind in op and "request" in op[kind]:
                    req = (req or []) + list(op[kind]["request"].get("attributes", []))
                elif kind in op:
                    req = req or []
            for a in req or []:
                if a not in aset["by_name"]:
                    die(f"op {op['name']}: request attribute {a} not in set {aset['name']}")
            out.append({"name": op["name"], "c": c_upper(pfx + op["name"]), "value": n,
                        "doc": op.get("doc", ""), "set": aset, "request": req,
                        "kinds": [k for k in ("do", "dump", "event") if k in op],
                        "mcgrp": op.get("mcgrp")})
            n += 1
        return {"list": out, "cnt": "__" + c_upper(pfx) + "MAX", "max": c_upper(pfx) + "MAX"}


# ---- the UAPI header -------------------------------------------------------

def attr_type_doc(s, a):
    t = a["type"]
    if t == "nest":
        return f"nest of {s.sets[a['nest']]['attrs'][0]['c'].rsplit('_', 1)[0]}_*"
    if a["enum"]:
        return f"{t}, enum {[d for d in s.defs if d['name'] == a['enum']][0]['c_name']}"
    return t


def kdoc(title, items, opener="/**"):
    """A kernel-doc comment (or, for an anonymous enum, one laid out like
    it): title, then one @NAME: text per item."""
    out = [opener, f" * {title}"]
    for name, text in items:
        lines = textwrap.wrap(f"@{name}: {one_line(text)}", 76, break_on_hyphens=False,
                              subsequent_indent="\t")
        out += [f" * {l}" if i == 0 else f" *{l}" for i, l in enumerate(lines)]
    out.append(" */")
    return "\n".join(out) + "\n"


def enum_body(names_values, cnt=None, mx=None):
    out, prev = [], None
    for name, val in names_values:
        out.append(f"\t{name} = {val}," if prev is None or val != prev + 1 else f"\t{name},")
        prev = val
    if cnt:
        out += ["", f"\t{cnt},", f"\t{mx} = {cnt} - 1"]
    return "\n".join(out) + "\n"


def gen_uapi(s):
    guard = "_UAPI_" + c_upper(s.raw["uapi-header"]).replace("/", "_").replace(".", "_")
    o = "/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */\n"
    o += marker("/*")
    o += block(f"The {s.name} generic netlink family, version 1. " + s.raw.get("doc", ""))
    o += f"#ifndef {guard}\n#define {guard}\n\n"
    o += f'#define {s.prefix}_FAMILY_NAME\t"{s.name}"\n'
    o += f"#define {s.prefix}_FAMILY_VERSION\t1\n"
    for g in s.mcgrps:
        o += f'#define {s.prefix}_MCGRP_{c_upper(g)}\t"{g}"\n'
    for d in s.defs:
        o += "\n" + kdoc(f"enum {d['c_name']} - {one_line(d['doc'])}",
                         [(n, doc) for n, _, doc in d["entries"]])
        o += f"enum {d['c_name']} {{\n" + enum_body([(n, v) for n, v, _ in d["entries"]]) + "};\n"
    for st in s.sets.values():
        o += "\n" + kdoc(f"Attribute set {st['name']}: {one_line(st['doc'])}",
                         [(a["c"], f"({attr_type_doc(s, a)}) {a['doc']}".strip())
                          for a in st["attrs"]], "/*")
        o += "enum {\n" + enum_body([(a["c"], a["value"]) for a in st["attrs"]],
                                    st["cnt"], st["max"]) + "};\n"
    ops = s.ops
    o += "\n" + kdoc("Commands; replies reuse the request's command.",
                     [(op["c"], ("/".join(op["kinds"]) +
                                 (f" on multicast group {op['mcgrp']}" if op["mcgrp"] else "") +
                                 ": " + op["doc"])) for op in ops["list"]], "/*")
    o += "enum {\n" + enum_body([(op["c"], op["value"]) for op in ops["list"]],
                                ops["cnt"], ops["max"]) + "};\n"
    o += f"\n#endif /* {guard} */\n"
    return o


# ---- kernel: request policies ------------------------------------------------

KTYPE = {"u8": "NLA_U8", "u16": "NLA_U16", "u32": "NLA_U32", "u64": "NLA_U64",
         "s32": "NLA_S32", "s64": "NLA_S64", "string": "NLA_NUL_STRING",
         "flag": "NLA_FLAG", "nest": "NLA_NESTED"}


def kpolicy_name(s, what):
    return f"{c_lower(s.name)}_{c_lower(what)}_nl_policy"


def kentry(s, a):
    t, ck = a["type"], a["checks"]
    if t == "pad":
        die(f"attribute {a['name']}: a pad attribute in a request")
    if t == "nest":
        return f"NLA_POLICY_NESTED({kpolicy_name(s, a['nest'])})"
    if "min" in ck and "max" in ck:
        return f"NLA_POLICY_RANGE({KTYPE[t]}, {ck['min']}, {ck['max']})"
    if "min" in ck:
        return f"NLA_POLICY_MIN({KTYPE[t]}, {ck['min']})"
    if "max" in ck:
        return f"NLA_POLICY_MAX({KTYPE[t]}, {ck['max']})"
    if "max-len" in ck:		# NLA_POLICY_MAX_LEN is 6.13+: .len says it on 6.1
        return f"{{ .type = {KTYPE[t]}, .len = {ck['max-len']}, }}"
    return f"{{ .type = {KTYPE[t]}, }}"


def kernel_policies(s):
    """[(name, size expression, entries, comment)], nested sets first."""
    pols, seen = [], set()

    def nested(set_name):
        if set_name in seen:
            return
        seen.add(set_name)
        st = s.sets[set_name]
        for a in st["attrs"]:
            if a["type"] == "nest":
                nested(a["nest"])
        ents = [(a["c"], kentry(s, a)) for a in st["attrs"] if a["type"] != "pad"]
        pols.append((kpolicy_name(s, set_name), f"{st['max']} + 1", ents,
                     f"Nested attribute set {set_name}."))

    oppols = []
    for op in s.ops["list"]:
        if op["request"] is None:
            continue
        st = op["set"]
        attrs = [st["by_name"][n] for n in dict.fromkeys(op["request"])]
        for a in attrs:
            if a["type"] == "nest":
                nested(a["nest"])
        if attrs:
            top = max(attrs, key=lambda a: a["value"])
            what = "takes " + ", ".join(a["name"] for a in attrs)
        else:
            # Nothing is allowed. The array still covers the set's first
            # attribute, so maxattr is not 0 (which would skip parsing) and
            # strict validation refuses it as unsupported, anything above it
            # as unknown, each with an extack message.
            top = st["attrs"][0]
            what = "takes no attributes"
        ents = [(a["c"], kentry(s, a)) for a in sorted(attrs, key=lambda a: a["value"])]
        oppols.append((kpolicy_name(s, op["name"]), f"{top['c']} + 1", ents,
                       f"{op['c']} ({'/'.join(op['kinds'])}) {what}."))
    return pols + oppols


def gen_h_open(guard, what, includes):
    """Opening of a generated GPL header: SPDX, marker, what-it-is, guard, includes."""
    return ("/* SPDX-License-Identifier: GPL-2.0 */\n" + marker("/*") + block(what)
            + f"#ifndef {guard}\n#define {guard}\n\n" + includes)


def gen_c_open(what):
    """Opening of a generated GPL source file: SPDX, marker, what-it-is."""
    return "// SPDX-License-Identifier: GPL-2.0\n" + marker("//") + block(what)


def gen_kernel(s):
    pols = kernel_policies(s)
    h = gen_h_open("MDSCOPE_NETLINK_GEN_H",
                   "Request policies of the family, one per operation (do and dump share one "
                   "on 6.1, which has no split ops). The genl_ops table that uses them is "
                   "hand-written in netlink.c.",
                   "#include <net/netlink.h>\n#include <linux/mdscope.h>\n\n")
    for name, size, _, _ in pols:
        h += f"extern const struct nla_policy {name}[{size}];\n"
    h += "\n#endif /* MDSCOPE_NETLINK_GEN_H */\n"

    c = gen_c_open("Request policies of the mdscope family, from the spec's request "
                   "attributes and checks:. Strict validation (resv_start_op 0) refuses "
                   "every attribute a policy does not name.")
    c += "#include <net/netlink.h>\n#include <linux/mdscope.h>\n\n#include \"netlink-gen.h\"\n"
    for name, size, ents, comment in pols:
        c += f"\n/* {comment} */\n"
        c += f"const struct nla_policy {name}[{size}] = {{\n"
        for attr, ent in ents:
            c += f"\t[{attr}] = {ent},\n"
        c += "};\n"
    return {KERN_H: h, KERN_C: c}


# ---- userspace: libnl reply policies and names ------------------------------

# libnl checks maxlen against the whole payload: integers exactly their size,
# strings at most max-len characters plus the NUL.
UTYPE = {"u8": ("NLA_U8", 1), "u16": ("NLA_U16", 2), "u32": ("NLA_U32", 4),
         "u64": ("NLA_U64", 8), "s32": ("NLA_U32", 4), "s64": ("NLA_U64", 8),
         "flag": ("NLA_FLAG", None), "nest": ("NLA_NESTED", None)}


def uentry(a):
    t, ck = a["type"], a["checks"]
    if t == "string":
        ml = ck.get("max-len")
        return "{ .type = NLA_STRING" + (f", .maxlen = {ml + 1}" if ml is not None else "") + " }"
    typ, size = UTYPE[t]
    return "{ .type = " + typ + (f", .maxlen = {size}" if size else "") + " }"


def uname(s, what):
    return f"mds_nl_{c_lower(what)}"


def gen_user(s):
    h = gen_h_open("MDSCOPE_NL_POLICY_GEN_H",
                   "Reply policies and attribute names of the mdscope family for libnl, "
                   "one pair per attribute set, indexed by attribute type. Pad attributes "
                   "have no policy (ignored) but a name.",
                   "#include <netlink/attr.h>\n#include <linux/mdscope.h>\n\n")
    c = gen_c_open("Reply policies and attribute names of the mdscope family (libnl), "
                   "from the spec's attribute sets and checks:.")
    c += "#include \"nl_policy_gen.h\"\n"
    for st in s.sets.values():
        pol, names = uname(s, st["name"] + "-policy"), uname(s, st["name"] + "-names")
        h += f"/* {st['name']}: {one_line(st['doc'])} */\n"
        h += f"extern const struct nla_policy {pol}[{st['max']} + 1];\n"
        h += f"extern const char *const {names}[{st['max']} + 1];\n"
        c += f"\n/* {st['name']}: {one_line(st['doc'])} */\n"
        c += f"const struct nla_policy {pol}[{st['max']} + 1] = {{\n"
        for a in st["attrs"]:
            if a["type"] != "pad":
                c += f"\t[{a['c']}] = {uentry(a)},\n"
        c += "};\n\n"
        c += f"const char *const {names}[{st['max']} + 1] = {{\n"
        for a in st["attrs"]:
            c += f"\t[{a['c']}] = \"{a['short']}\",\n"
        c += "};\n"
    h += "\n#endif /* MDSCOPE_NL_POLICY_GEN_H */\n"
    return {USER_H: h, USER_C: c}


def generate(top):
    with open(os.path.join(top, SPEC)) as f:
        s = Spec(yaml.safe_load(f))
    files = {UAPI: gen_uapi(s)}
    files.update(gen_kernel(s))
    files.update(gen_user(s))
    return files


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description="mdscope wire files from module/mdscope.yaml")
    p.add_argument("--top", default=os.path.normpath(os.path.join(here, "..", "..")))
    p.add_argument("--out", help="write under this folder instead of --top")
    p.add_argument("--check", action="store_true", help="compare, write nothing")
    args = p.parse_args()
    files = generate(args.top)
    if args.check:
        stale = 0
        for path, text in files.items():
            try:
                with open(os.path.join(args.top, path)) as f:
                    same = f.read() == text
            except OSError:
                same = False
            if not same:
                print(f"wire-gen: {path} is stale: run make regen", file=sys.stderr)
                stale += 1
        sys.exit(1 if stale else 0)
    out = args.out or args.top
    for path, text in files.items():
        dst = os.path.join(out, path)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        tmp = dst + ".tmp"
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, dst)


if __name__ == "__main__":
    main()
