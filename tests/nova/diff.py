# SPDX-License-Identifier: GPL-2.0
"""Differential test: mdscope's Nova config reader against oslo.config itself.

For every case (a set of files, a --nova-root and --config-file/--config-dir
arguments) it runs Debian's oslo.config with nova's real option definitions
(nova.conf.libvirt registered on a fresh ConfigOpts, parsed like nova-compute
started by Debian's init script) and mdscope's reader (the novadump driver),
then compares the files read, in order, and the resolved virt_type, cpu_mode,
cpu_models and cpu_model_extra_flags, or that both refuse the configuration.

Cases: the fixtures in tests/fixtures/nova, hand-written edge cases, and a
seeded generator of random files (NOVA_SEED=N repeats a run, NOVA_CASES=N
sets how many). A case marked "strict" is one where mdscope refuses on
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


def L(*lines, nl='\n'):
    return nl.join(lines).encode() + nl.encode()


def hand_cases(run):
    g = 'hand'
    c = run.case
    F = lambda text, **kw: c(g, kw.pop('name'), {'a.conf': text},
                             [('config-file', 'a.conf')], **kw)
    # section names: oslo lower-cases them, except DEFAULT
    F(L('[LIBVIRT]', 'cpu_mode = none'), name='upper-case section')
    F(L('[LibVirt]', 'cpu_mode = none', '[libvirt]', 'cpu_mode = custom',
        'cpu_models = Haswell'), name='mixed-case sections merge')
    F(L('[ libvirt ]', 'cpu_mode = none'), name='spaces inside brackets')
    F(L('[libvirt] # comment', 'cpu_mode = none'), name='comment after section')
    F(L('[]', 'cpu_mode = none'), name='empty section')
    F(L('[libvirt', 'cpu_mode = none'), name='unclosed section')
    F(L('[libvirt]   ', 'cpu_mode = none'), name='trailing blanks after section')
    F(L('[libvırt]', 'cpu_mode = none'), name='dotless i section')
    F(L('[LİBVIRT]', 'cpu_mode = none'), name='dotted I section')
    # repeated keys and continuations
    F(L('[libvirt]', 'cpu_mode = host-model', 'cpu_mode = none'), name='repeated key')
    F(L('[libvirt]', 'cpu_mode = host-model', 'cpu_mode = none', 'cpu_mode = custom',
        'cpu_models = a'), name='repeated key thrice')
    F(L('[libvirt]', 'cpu_models = Haswell,', '  Broadwell', 'cpu_mode = custom'),
      name='continuation with comma')
    F(L('[libvirt]', 'cpu_models = Haswell', '\tBroadwell', 'cpu_mode = custom'),
      name='continuation without comma (tab)')
    F(L('[libvirt]', 'cpu_mode = none', '  # not a comment'), name='indented hash continues')
    F(L('[libvirt]', 'cpu_mode = none', '', '  orphan'), name='continuation after blank')
    F(L('[libvirt]', '# c', '  orphan'), name='continuation after comment')
    F(L('  [libvirt]', 'cpu_mode = none'), name='continuation first line')
    F(L('[libvirt]', 'cpu_mode = none', '\x0bhost-model = x'), name='vertical tab is no continuation')
    F(L('[libvirt]', 'cpu_mode = none', '\u3000x = y'), name='ideographic space line')
    # comments
    F(L('[libvirt]', 'cpu_mode = none # inline'), name='inline hash is value')
    F(L('[libvirt]', 'cpu_mode = none', '; semicolon comment', '#cpu_mode = custom'),
      name='comments')
    F(L('[libvirt]', '#' + 'x' * 199 + 'cpu_mode = none', 'virt_type = qemu'),
      name='long comment (libinih 200-byte cut)')
    F(L('[libvirt]', 'cpu_model_extra_flags = ' + ','.join(['pcid'] * 30) + ', md-clear'),
      name='long value line')
    F(L('[DEFAULT]', 'x = ' + 'y' * 70000, '[libvirt]', 'cpu_mode = none'),
      name='70000-byte line')
    # quotes
    F(L('[libvirt]', 'cpu_mode = "none"'), name='double quotes')
    F(L('[libvirt]', "cpu_mode = 'host-passthrough'"), name='single quotes')
    F(L('[libvirt]', 'cpu_mode = "none\''), name='mismatched quotes')
    F(L('[libvirt]', 'cpu_mode = "', 'cpu_models = "a, b"'), name='lone quote')
    F(L('[libvirt]', 'cpu_models = "a", "b"', 'cpu_mode = custom'), name='quotes around list')
    F(L('[libvirt]', 'cpu_models = " Haswell "', 'cpu_mode = custom'), name='quoted blanks')
    # separators and keys
    F(L('[libvirt]', 'cpu_mode: none'), name='colon separator')
    F(L('[libvirt]', 'cpu_mode:host-model=x'), name='colon before equals')
    F(L('[libvirt]', 'cpu_mode=a:b'), name='equals before colon')
    F(L('[libvirt]', '  = none'), name='continuation of nothing')
    F(L('[libvirt]', '= none'), name='empty key')
    F(L('[libvirt]', 'cpu_mode'), name='no separator')
    F(L('[libvirt]', 'CPU_MODE = none'), name='key case matters')
    F(L('[libvirt]', 'cpu-mode = none'), name='dash in key')
    F(L('[libvirt]', 'cpu_mode\t=\tnone\t'), name='tabs around equals')
    F(L('[libvirt]', 'cpu_mode =\u00a0none\u00a0'), name='no-break spaces stripped')
    F(L('[libvirt]', 'cpu_mode = none\u200b'), name='zero-width space kept')
    F(L('[libvirt]\u00a0\u2003', 'cpu_mode = none\x85'), name='unicode blanks after section')
    F(L('[libvirt]', 'cpu_models = a,', ' \u3000', '\tb', 'cpu_mode = custom'),
      name='blank-looking continuation')
    # keys outside sections, encodings, line ends
    F(L('cpu_mode = none', '[libvirt]', 'cpu_mode = host-model'), name='key before section')
    F(L('# c', '', 'debug = true', '[DEFAULT]'), name='key before DEFAULT')
    F(b'[libvirt]\ncpu_mode = n\xffne\n', name='invalid UTF-8 value')
    F(b'[libvirt]\n# \xc3\x28 bad comment\ncpu_mode = none\n', name='invalid UTF-8 comment')
    F(b'[libvirt]\ncpu_mode = \xed\xa0\x80\n', name='UTF-8 surrogate')
    F(b'[libvirt]\ncpu_mode = \xc0\xaf\n', name='overlong UTF-8')
    F(b'\xef\xbb\xbf[libvirt]\ncpu_mode = none\n', name='byte order mark')
    F(L('[libvirt]', 'cpu_mode = none', 'virt_type = qemu', nl='\r\n'), name='CRLF')
    F(L('[libvirt]', 'cpu_mode = none', 'virt_type = qemu', nl='\r'), name='CR only')
    F(b'[libvirt]\ncpu_mode = none\rvirt_type = lxc\n', name='CR inside line')
    F(b'[libvirt]\ncpu_mode = none', name='no final newline')
    F(b'', name='empty file')
    F(L('[libvirt]', 'cpu_models = Haswell\u2028Broadwell', 'cpu_mode = custom'),
      name='line separator is no newline')
    F(L('[libvirt]', 'cpu_models = Haswell\x0cBroadwell', 'cpu_mode = custom'),
      name='form feed is no newline')
    # choices
    F(L('[libvirt]', 'virt_type = KVM'), name='virt_type upper case')
    F(L('[libvirt]', 'virt_type = xen'), name='virt_type not a choice')
    F(L('[libvirt]', 'virt_type = lxc'), name='virt_type lxc')
    F(L('[libvirt]', 'virt_type = parallels'), name='virt_type parallels')
    F(L('[libvirt]', 'cpu_mode ='), name='cpu_mode empty')
    F(L('[libvirt]', 'cpu_mode = Host-Model'), name='cpu_mode case')
    F(L('[libvirt]', 'cpu_mode = custom'), name='custom without models')
    F(L('[libvirt]', 'cpu_mode = custom', 'cpu_models = ,,'), name='custom with empty models')
    F(L('[libvirt]', 'cpu_mode = custom', 'cpu_models = , Haswell ,,'), name='empty items kept')
    F(L('[libvirt]', 'cpu_model_extra_flags = +MD-Clear , -pcid,,'), name='flags as written')
    F(L('[libvirt]', 'cpu_model_extra_flags = '), name='flags empty')
    # the deprecated name cpu_model
    F(L('[libvirt]', 'cpu_mode = custom', 'cpu_model = Westmere'), name='old name')
    F(L('[libvirt]', 'cpu_mode = custom', 'cpu_models = Haswell', 'cpu_model = Westmere'),
      name='both names, new first')
    F(L('[libvirt]', 'cpu_mode = custom', 'cpu_model = Westmere', 'cpu_models = Haswell'),
      name='both names, old first')
    F(L('[libvirt]', 'cpu_mode = custom', 'cpu_model = Westmere', '[LIBVIRT]',
        'cpu_model = Haswell'), name='old name twice')
    c(g, 'old name in later file wins', {
        'a.conf': L('[libvirt]', 'cpu_mode = custom', 'cpu_models = Haswell'),
        'b.conf': L('[libvirt]', 'cpu_model = Westmere')},
      [('config-file', 'a.conf'), ('config-file', 'b.conf')])
    c(g, 'new name in later file wins', {
        'a.conf': L('[libvirt]', 'cpu_mode = custom', 'cpu_model = Westmere'),
        'b.conf': L('[libvirt]', 'cpu_models = Haswell')},
      [('config-file', 'a.conf'), ('config-file', 'b.conf')])
    # order of files and dirs
    two = {'a.conf': L('[libvirt]', 'cpu_mode = none'),
           'd/x.conf': L('[libvirt]', 'cpu_mode = host-passthrough')}
    c(g, 'file then dir', two, [('config-file', 'a.conf'), ('config-dir', 'd')])
    c(g, 'dir then file', two, [('config-dir', 'd'), ('config-file', 'a.conf')])
    c(g, 'same file twice', two, [('config-file', 'a.conf'), ('config-dir', 'd'),
                                  ('config-file', 'a.conf')])
    c(g, 'dir trailing slash', two, [('config-dir', 'd/')])
    c(g, 'dir sorted by bytes', {
        'd/B.conf': L('[libvirt]', 'cpu_mode = none'),
        'd/a.conf': L('[libvirt]', 'cpu_mode = host-model'),
        'd/a_b.conf': L('[libvirt]', 'virt_type = qemu'),
        'd/a-b.conf': L('[libvirt]', 'virt_type = lxc'),
        'd/10.conf': L('[libvirt]', 'cpu_mode = custom'),
        'd/9.conf': L('[libvirt]', 'cpu_models = x')},
      [('config-dir', 'd')])
    c(g, 'dir skips others', {
        'd/.hidden.conf': L('[libvirt]', 'cpu_mode = none'),
        'd/x.conf.bak': L('[libvirt]', 'cpu_mode = none'),
        'd/README': b'not ini',
        'd/x.CONF': L('[libvirt]', 'cpu_mode = none'),
        'd/sub/y.conf': L('[libvirt]', 'cpu_mode = none'),
        'd/ok.conf': L('[libvirt]', 'cpu_mode = host-passthrough')},
      [('config-dir', 'd')])
    c(g, 'empty dir', {'d': ('dir',)}, [('config-dir', 'd')])
    c(g, 'default dirs before files', {
        'r/etc/nova/nova.conf': L('[libvirt]', 'cpu_mode = host-passthrough'),
        'r/etc/nova/nova.conf.d/a.conf': L('[libvirt]', 'cpu_mode = none',
                                           'virt_type = qemu'),
        'r/etc/nova/nova-compute.conf.d/b.conf': L('[libvirt]', 'virt_type = lxc')},
      root='r')
    c(g, 'explicit dir replaces default dirs', {
        'r/etc/nova/nova.conf': L('[libvirt]', 'cpu_mode = host-passthrough'),
        'r/etc/nova/nova.conf.d/a.conf': L('[libvirt]', 'cpu_mode = none'),
        'e/b.conf': L('[libvirt]', 'virt_type = qemu')},
      [('config-dir', 'e')], root='r')
    c(g, 'all default files', {
        'r/etc/nova/nova.conf': L('[libvirt]', 'cpu_mode = custom', 'cpu_models = a'),
        'r/etc/nova/nova-cpu.conf': L('[libvirt]', 'cpu_models = b'),
        'r/etc/nova/nova-compute.conf': L('[LIBVIRT]', 'cpu_model = c')},
      (), root='r')
    # refusals both share
    c(g, 'missing file', {}, [('config-file', 'nope.conf')])
    c(g, 'missing dir', {}, [('config-dir', 'nope')])
    c(g, 'directory as file', {'d': ('dir',)}, [('config-file', 'd')])
    c(g, 'directory named x.conf in dir', {'d/x.conf': ('dir',)}, [('config-dir', 'd')])
    c(g, 'broken symlink in dir', {'d/x.conf': ('symlink', '/nonexistent')},
      [('config-dir', 'd')])
    c(g, 'symlink to a file', {'a.conf': L('[libvirt]', 'cpu_mode = none'),
                               'd/x.conf': ('symlink', '../a.conf')}, [('config-dir', 'd')])
    c(g, 'malformed later file', {'a.conf': L('[libvirt]', 'cpu_mode = none'),
                                  'b.conf': L('[libvirt]', 'oops')},
      [('config-file', 'a.conf'), ('config-file', 'b.conf')])
    c(g, 'invalid value overridden', {'a.conf': L('[libvirt]', 'cpu_mode = bogus'),
                                      'b.conf': L('[libvirt]', 'cpu_mode = none')},
      [('config-file', 'a.conf'), ('config-file', 'b.conf')])
    # deliberate deviations: oslo.config accepts, mdscope refuses
    c(g, 'symlink to /dev/null in dir', {'d/x.conf': ('symlink', '/dev/null')},
      [('config-dir', 'd')], strict='not a regular file')
    c(g, 'file over 1 MiB', {'a.conf': L('[libvirt]', 'cpu_mode = none', '#' + 'x' * (1 << 20))},
      [('config-file', 'a.conf')], strict='size bound')
    F(L('[libvirt]', 'cpu_mode = custom', 'cpu_models = ${libvirt.virt_type}'),
      name='dollar substitution', strict='$')
    F(L('[libvirt]', 'cpu_mode = $nosuch'), name='dollar substitution of nothing')
    F(L('[libvirt]', 'cpu_models = ' + 'x' * 1100, 'cpu_mode = custom'),
      name='value over 1023 bytes', strict='value bound')
    F(b'[libvirt]\ncpu_mode = custom\ncpu_models = a\x00b\n', name='NUL byte', strict='NUL')
    c(g, 'file as config dir', {'a.conf': L('[libvirt]', 'cpu_mode = none')},
      [('config-dir', 'a.conf')], strict='not a directory')
    # oslo.config would block or read forever: mdscope only
    run.mdscope_only(g, '/dev/zero as file', {}, [('config-file', '/dev/zero')],
                     'is a character device')
    run.mdscope_only(g, 'FIFO as file', {'f.conf': ('fifo',)}, [('config-file', 'f.conf')],
                     'is a FIFO')
    run.mdscope_only(g, 'FIFO in dir', {'d/f.conf': ('fifo',)}, [('config-dir', 'd')],
                     'is a FIFO')
    run.mdscope_only(g, 'symlink to /dev/zero in dir', {'d/z.conf': ('symlink', '/dev/zero')},
                     [('config-dir', 'd')], 'is a character device')
    run.mdscope_only(g, 'FIFO as dir', {'f': ('fifo',)}, [('config-dir', 'f')],
                     'Not a directory')


def check_command(run):
    """`mdscope check --config-file /dev/zero`: one line, exit 3, at once."""
    for path in ('/dev/zero',):
        start = time.monotonic()
        try:
            p = subprocess.run([MDSCOPE, 'check', '--config-file', path, '--nova-root',
                                '/nonexistent', '-c', 'test:///default'],
                               capture_output=True, timeout=20)
        except subprocess.TimeoutExpired:
            run.result('hand', 'check --config-file ' + path, 'hangs')
            continue
        lines = p.stderr.decode(errors='replace').splitlines()
        ok = p.returncode == 3 and len(lines) == 1 and path in lines[0]
        print('  check --config-file %s: exit %d in %.2f s: %s' %
              (path, p.returncode, time.monotonic() - start, lines))
        run.result('hand', 'check --config-file ' + path,
                   None if ok else 'want exit 3 and one line, got %d %r' %
                   (p.returncode, lines))


def fixture_cases(run):
    g = 'fixtures'
    nova = os.path.abspath(os.path.join(FIXTURES, 'nova'))
    for name in sorted(os.listdir(nova)):
        path = os.path.join(nova, name)
        if os.path.isdir(os.path.join(path, 'etc')):
            run.case(g, name, root=path, base='/')
            for f in DEFAULT_FILES:
                if os.path.exists(os.path.join(path, f)):
                    run.case(g, name + ' ' + f, args=[('config-file', os.path.join(path, f))],
                             base='/')
        elif os.path.isdir(path):
            run.case(g, name + ' as dir', args=[('config-dir', path)], base='/')
        else:
            run.case(g, name, args=[('config-file', path)], base='/')
    run.case(g, 'override + extra-flags + confdir', root=os.path.join(nova, 'override'),
             args=[('config-file', os.path.join(nova, 'extra-flags.conf')),
                   ('config-dir', os.path.join(nova, 'confdir'))], base='/')
    run.case(g, 'confdir + devstack', root=os.path.join(nova, 'devstack'),
             args=[('config-dir', os.path.join(nova, 'confdir')),
                   ('config-file', os.path.join(nova, 'extra-flags.conf'))], base='/')


# ---- the generator ---------------------------------------------------------

SECTIONS = ['[libvirt]'] * 6 + ['[LIBVIRT]', '[Libvirt]', '[DEFAULT]', '[default]',
                                '[ libvirt]', '[libvirt ]', '[other]', '[libvirt]\t ']
BAD_SECTIONS = ['[libvirt] # x', '[]', '[libvirt', '[libvirt]x']
KEYS = ['virt_type', 'cpu_mode', 'cpu_models', 'cpu_model', 'cpu_model_extra_flags']
OTHER_KEYS = ['CPU_MODE', 'cpu-mode', 'debug', 'images_type', 'Cpu_Models', 'cpu_modes']
VALUES = {
    'virt_type': ['kvm'] * 4 + ['qemu'] * 4 + ['lxc', 'parallels', 'KVM', 'xen', ''],
    'cpu_mode': ['host-model', 'host-passthrough', 'none'] * 2 + ['custom'] * 4 +
                ['Host-Model', 'none # x', ''],
}
MODELS = ['Haswell', 'Skylake-Server-IBRS', 'Cascadelake-Server', 'Westmere', 'qemu64',
          'IvyBridge-IBRS', '']
FLAGS = ['md-clear', '+md-clear', '-md-clear', 'MD-CLEAR', '+MD-Clear', 'pcid', '-pcid',
         'ssbd', '+ssbd', 'md_clear', '', '- md-clear']
SPACES = ['', '', '', ' ', '  ', '\t', '\u00a0', '\u3000', ' \t ']
SEPS = ['=', ' = ', ' = ', ':', ' : ', '\t=\t', '= ', ' =', '=\u00a0', ' :']


def gen_list(r, pool, most):
    items = [r.choice(pool) for _ in range(r.randint(0, most))]
    text = ''
    for i, item in enumerate(items):
        text += (r.choice([',', ', ', ' ,', ',  ', ',\t']) if i else '') + item
    if r.random() < 0.2:
        text += r.choice([',', ',,', ', '])
    return text


def gen_value(r, key):
    if key in VALUES:
        v = r.choice(VALUES[key])
    elif key in ('cpu_models', 'cpu_model'):
        v = gen_list(r, MODELS, 4)
    elif key == 'cpu_model_extra_flags':
        v = gen_list(r, FLAGS, 5)
    else:
        v = r.choice(['true', 'x' * r.randint(1, 3000), 'a=b:c', '"q"'])
    q = r.random()
    if q < 0.08:
        v = '"%s"' % v
    elif q < 0.14:
        v = "'%s'" % v
    elif q < 0.16:
        v = '"%s\'' % v
    return v


def gen_file(r, allow_error):
    lines = []
    if allow_error and r.random() < 0.08:
        lines.append(r.choice(KEYS) + ' = none')         # key before any section
    elif r.random() < 0.3:
        lines.append(r.choice(['# top comment', '', '; x', '   ']))
    lines.append(r.choice(SECTIONS))
    can_continue = False
    for _ in range(r.randint(1, 12)):
        p = r.random()
        if p < 0.45:
            key = r.choice(KEYS) if r.random() < 0.85 else r.choice(OTHER_KEYS)
            lines.append(r.choice(SPACES[:3] + ['\x0b']) + key + r.choice(SEPS) +
                         gen_value(r, key) + r.choice(SPACES))
            can_continue = True
            continue
        if p < 0.55 and can_continue:
            lines.append(r.choice([' ', '\t', '    ']) +
                         r.choice(['Broadwell', 'md-clear,', ', pcid', '# indented',
                                   'none']) + r.choice(SPACES))
            continue
        can_continue = False
        if p < 0.65:
            lines.append(r.choice(SECTIONS))
        elif p < 0.8:
            comment = r.choice(['#', ';', '# ', ';;'])
            if r.random() < 0.3:
                comment += 'x' * r.randint(150, 400) + ' cpu_mode = none'
            else:
                comment += r.choice(['cpu_mode = none', '[libvirt]', 'note'])
            lines.append(comment)
        elif p < 0.92:
            lines.append(r.choice(['', '', ' ', '\t', '\u00a0']))
        elif allow_error and p < 0.96:
            lines.append(r.choice(BAD_SECTIONS + ['just words', '= value', '  orphan']))
            if lines[-1] == '  orphan':
                lines.insert(-1, '')
        else:
            lines.append(r.choice(['virt_type=qemu', 'cpu_mode=none']))
            can_continue = True
    nl = r.choice(['\n'] * 8 + ['\r\n', '\r'])
    text = nl.join(lines) + (nl if r.random() < 0.9 else '')
    data = text.encode()
    if allow_error and r.random() < 0.03:
        cut = r.randrange(len(data) + 1)
        data = data[:cut] + r.choice([b'\xff', b'\xc3', b'\xed\xa0\x80']) + data[cut:]
    return data


def gen_case(r):
    files = {}
    args = []
    root = None
    allow_error = r.random() < 0.25
    if r.random() < 0.3:
        root = 'r'
        for f in DEFAULT_FILES:
            if r.random() < 0.5:
                files['r/' + f] = gen_file(r, allow_error)
        for d in DEFAULT_DIRS:
            if r.random() < 0.2:
                files['r/%s/%02d.conf' % (d, r.randint(0, 99))] = gen_file(r, allow_error)
    for i in range(r.randint(0 if root else 1, 3)):
        if r.random() < 0.7:
            name = 'f%d.conf' % i
            files[name] = gen_file(r, allow_error)
            args.append(('config-file', name))
        else:
            d = 'd%d' % i
            for j in range(r.randint(0, 3)):
                files['%s/%s.conf' % (d, r.choice(['a', 'B', '10', '9', 'z_x', 'z-x']))] = \
                    gen_file(r, allow_error)
            files[d + '/README'] = b'[broken'
            files[d + '/.hidden.conf'] = b'[broken'
            args.append(('config-dir', d))
    return files, args, root


def generated_cases(run, seed, n):
    r = random.Random(seed)
    for i in range(n):
        files, args, root = gen_case(r)
        run.case('generated', 'seed %d case %d' % (seed, i), files, args, root)


def main():
    seed = int(os.environ.get('NOVA_SEED') or time.time_ns() % 1000000007)
    n = int(os.environ.get('NOVA_CASES') or 400)
    print('nova: generator seed %d, %d cases (NOVA_SEED=%d repeats this run)' % (seed, n, seed))
    run = Run()
    fixture_cases(run)
    hand_cases(run)
    check_command(run)
    generated_cases(run, seed, n)
    for group in ('fixtures', 'hand', 'generated'):
        print('  %s: %d cases, %d of them refused by oslo.config' %
              (group, run.counts.get(group, 0), run.oslo_refused.get(group, 0)))
    print('nova: %d passed, %d failed' % (run.passed, run.failed))
    return 1 if run.failed else 0


if __name__ == '__main__':
    sys.exit(main())
