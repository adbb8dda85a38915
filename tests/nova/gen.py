# SPDX-License-Identifier: GPL-2.0
"""Random Nova config file sets for the differential test (tests/nova/diff.py).

Mixes sections in various cases, repeated keys, continuation lines, quotes,
comments (some long, hiding a setting past byte 200), blank and Unicode-blank
lines, whitespace around '=' and ':', CR and CRLF line ends, keys before any
section and, in about a quarter of the cases, one malformed line or invalid
UTF-8. Values stay within mdscope's bounds (no '$', under 1024 bytes), so a
difference is a parsing difference, not a deliberate refusal.
"""

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


def gen_case(r, default_files, default_dirs):
    files = {}
    args = []
    root = None
    allow_error = r.random() < 0.25
    if r.random() < 0.3:
        root = 'r'
        for f in default_files:
            if r.random() < 0.5:
                files['r/' + f] = gen_file(r, allow_error)
        for d in default_dirs:
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


