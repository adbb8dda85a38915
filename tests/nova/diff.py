# SPDX-License-Identifier: GPL-2.0
"""Differential test: mdscope's Nova config reader against oslo.config itself.

For every case (a set of files, a --nova-root and --config-file/--config-dir
arguments) it runs Debian's oslo.config with nova's real option definitions
(nova.conf.libvirt registered on a fresh ConfigOpts, parsed like nova-compute
started by Debian's init script) and mdscope's reader (the novadump driver),
then compares the files read, in order, and the resolved virt_type, cpu_mode,
cpu_models and cpu_model_extra_flags, or that both refuse the configuration.

Cases: the fixtures in tests/fixtures/nova and hand-written edge cases
(cases.py), and a seeded generator of random file sets (gen.py; NOVA_SEED=N
repeats a run, NOVA_CASES=N sets how many). A case marked "strict" is one where mdscope refuses on
purpose what oslo.config accepts (a FIFO, a device, a huge file, '$'
substitution); "mdscope only" cases are ones oslo.config would hang on.

usage: /usr/bin/python3 diff.py NOVADUMP MDSCOPE FIXTURES
"""
import json
import logging
import os
import random
import subprocess
import sys
import tempfile
import time

from oslo_config import cfg
import nova.conf.libvirt

import cases  # this directory: sys.path[0]
import gen

NOVADUMP, MDSCOPE, FIXTURES = sys.argv[1:4]
OPTS = ('virt_type', 'cpu_mode', 'cpu_models', 'cpu_model_extra_flags')
DEFAULT_DIRS = ('etc/nova/nova.conf.d', 'etc/nova/nova-compute.conf.d')
DEFAULT_FILES = ('etc/nova/nova.conf', 'etc/nova/nova-cpu.conf',
                 'etc/nova/nova-compute.conf')

# Which files oslo.config actually read, in order (abspath'ed by oslo).
READ = []
_parse = cfg.ConfigParser.parse


def _recording_parse(self):
    ret = _parse(self)
    READ.append(self.filename)
    return ret


cfg.ConfigParser.parse = _recording_parse
logging.disable(logging.CRITICAL)  # deprecation notes for cpu_model


def oslo(root, args):
    """nova-compute's view: Debian passes the default files as --config-file;
    oslo's default dirs are read when no --config-dir is given."""
    argv = []
    dirs = []
    if root:
        dirs = [os.path.join(root, d) for d in DEFAULT_DIRS
                if os.path.exists(os.path.join(root, d))]
        for f in DEFAULT_FILES:
            if os.path.exists(os.path.join(root, f)):
                argv += ['--config-file', os.path.join(root, f)]
    for kind, path in args:
        argv += ['--' + kind, path]
    READ.clear()
    conf = cfg.ConfigOpts()
    nova.conf.libvirt.register_opts(conf)
    try:
        conf(args=argv, project='nova', prog='nova-compute',
             default_config_files=[], default_config_dirs=dirs, use_env=False)
    except BaseException as e:  # cfg.Error, UnicodeDecodeError, OSError, SystemExit
        return {'refused': '%s: %s' % (type(e).__name__, e)}
    out = {'refused': None, 'files': list(READ)}
    for name in OPTS:
        try:
            out[name] = getattr(conf.libvirt, name)
        except Exception as e:  # ConfigFileValueError, NoSuchOptError ($name)
            out['refused'] = '%s: %s' % (type(e).__name__, e)
    return out


def mdscope(root, args):
    argv = [NOVADUMP]
    if root:
        argv += ['--root', root]
    for kind, path in args:
        argv += ['--' + kind, path]
    p = subprocess.run(argv, capture_output=True, timeout=10)
    if p.returncode:
        raise RuntimeError('novadump failed: %r' % p.stderr)
    return json.loads(p.stdout)


def compare(o, m):
    """None when mdscope agrees with oslo.config, else what differs."""
    refused = m['read_error'] or m.get('finish_error')
    if o['refused']:
        return None if refused else 'oslo refuses (%s), mdscope accepts' % o['refused']
    if m['read_error']:
        return 'mdscope refuses (%s), oslo accepts' % m['read_error']
    mfiles = [os.path.abspath(f) for f in m['files']]
    if mfiles != o['files']:
        return 'files: oslo %r, mdscope %r' % (o['files'], mfiles)
    if (m['virt_type'] if m['virt_type'] is not None else 'kvm') != o['virt_type']:
        return 'virt_type: oslo %r, mdscope %r' % (o['virt_type'], m['virt_type'])
    if m['cpu_mode'] != o['cpu_mode']:
        return 'cpu_mode: oslo %r, mdscope %r' % (o['cpu_mode'], m['cpu_mode'])
    # Nova's own rule on top of oslo: custom needs a model
    nova_refuses = o['cpu_mode'] == 'custom' and not any(o['cpu_models'])
    if nova_refuses:
        return None if m['finish_error'] else 'custom without models accepted'
    if m['finish_error']:
        return 'mdscope refuses (%s), oslo and Nova accept' % m['finish_error']
    for name in ('cpu_models', 'cpu_model_extra_flags'):
        if m[name] != o[name]:
            return '%s: oslo %r, mdscope %r' % (name, o[name], m[name])
    return None


def build(base, files):
    """files: {relpath: bytes | ('dir',) | ('symlink', target) | ('fifo',)}"""
    for rel, what in files.items():
        path = os.path.join(base, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if isinstance(what, bytes):
            with open(path, 'wb') as f:
                f.write(what)
        elif what[0] == 'dir':
            os.makedirs(path, exist_ok=True)
        elif what[0] == 'symlink':
            os.symlink(what[1], path)
        elif what[0] == 'fifo':
            os.mkfifo(path)


def absolute(base, p):
    return p if p.startswith('/') else os.path.join(base, p)


class Run:
    def __init__(self):
        self.passed = self.failed = 0
        self.counts = {}
        self.oslo_refused = {}

    def result(self, group, name, why):
        self.counts[group] = self.counts.get(group, 0) + 1
        if why is None:
            self.passed += 1
            return
        self.failed += 1
        print('FAIL %s %s: %s' % (group, name, why))

    def case(self, group, name, files=None, args=(), root=None, strict=None,
             base=None):
        with tempfile.TemporaryDirectory(prefix='nova-diff.') as tmp:
            base = base or tmp
            build(tmp, files or {})
            args = [(k, absolute(base, p)) for k, p in args]
            root = absolute(base, root) if root else None
            m = mdscope(root, args)
            if strict:
                # mdscope refuses on purpose; oslo.config must really differ
                o = oslo(root, args)
                why = None
                if not (m['read_error'] or m.get('finish_error')):
                    why = 'mdscope accepts what it should refuse (%s)' % strict
                elif o['refused']:
                    why = 'oslo refuses too: not a deviation (%s)' % o['refused']
                self.result(group, name, why)
                return
            o = oslo(root, args)
            if o['refused']:
                self.oslo_refused[group] = self.oslo_refused.get(group, 0) + 1
            self.result(group, name, compare(o, m))

    def mdscope_only(self, group, name, files, args, want):
        """Inputs oslo.config would hang on: mdscope must refuse at once."""
        with tempfile.TemporaryDirectory(prefix='nova-diff.') as tmp:
            build(tmp, files)
            args = [(k, absolute(tmp, p)) for k, p in args]
            try:
                m = mdscope(None, args)
            except subprocess.TimeoutExpired:
                self.result(group, name, 'mdscope hangs')
                return
            err = m['read_error'] or ''
            self.result(group, name, None if want in err else
                        'want an error with %r, got %r' % (want, err))


def generated_cases(run, seed, n):
    r = random.Random(seed)
    for i in range(n):
        files, args, root = gen.gen_case(r, DEFAULT_FILES, DEFAULT_DIRS)
        run.case('generated', 'seed %d case %d' % (seed, i), files, args, root)


def main():
    seed = int(os.environ.get('NOVA_SEED') or time.time_ns() % 1000000007)
    n = int(os.environ.get('NOVA_CASES') or 400)
    print('nova: generator seed %d, %d cases (NOVA_SEED=%d repeats this run)' % (seed, n, seed))
    run = Run()
    cases.fixture_cases(run, FIXTURES, DEFAULT_FILES)
    cases.hand_cases(run)
    cases.check_command(run, MDSCOPE)
    generated_cases(run, seed, n)
    for group in ('fixtures', 'hand', 'generated'):
        print('  %s: %d cases, %d of them refused by oslo.config' %
              (group, run.counts.get(group, 0), run.oslo_refused.get(group, 0)))
    print('nova: %d passed, %d failed' % (run.passed, run.failed))
    return 1 if run.failed else 0


if __name__ == '__main__':
    sys.exit(main())
