# SPDX-License-Identifier: GPL-2.0
"""Hand-written and fixture cases for the differential test (diff.py).

Each hand-written case pins one rule of oslo.config's parser or of how
cfg.py merges files: the ones issue 10 found mdscope failing open on first,
then the rest of iniparser.py line by line. "strict" marks what mdscope
refuses on purpose although oslo.config accepts it; mdscope_only marks
inputs oslo.config would hang on.
"""
import os
import subprocess
import time


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



def check_command(run, mdscope):
    """`mdscope check --config-file /dev/zero`: one line, exit 3, at once."""
    for path in ('/dev/zero',):
        start = time.monotonic()
        try:
            p = subprocess.run([mdscope, 'check', '--config-file', path, '--nova-root',
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


def fixture_cases(run, fixtures, default_files):
    g = 'fixtures'
    nova = os.path.abspath(os.path.join(fixtures, 'nova'))
    for name in sorted(os.listdir(nova)):
        path = os.path.join(nova, name)
        if os.path.isdir(os.path.join(path, 'etc')):
            run.case(g, name, root=path, base='/')
            for f in default_files:
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
