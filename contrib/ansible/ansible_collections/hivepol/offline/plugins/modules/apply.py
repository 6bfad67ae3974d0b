#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: apply
short_description: Write a hivepol policy's settings into offline Windows hives
description:
  - Runs C(hivepol apply --format json) on the managed host, which writes
    every setting of a policy file into offline registry hives (SOFTWARE,
    SYSTEM, NTUSER.DAT) or the hives of a Windows image, all or nothing.
  - Check mode runs C(hivepol apply --dry-run) and writes nothing.
  - Diff mode returns each value as it is and as it would be.
  - C(changed) is true only when a value was (or would be) written; a
    second run with the same policy changes nothing.
options:
  backup:
    description: Keep each original hive as HIVE.bak.
    type: bool
    default: false
  force:
    description: Write a dirty hive whose transaction logs cannot be used (their data is lost).
    type: bool
    default: false
extends_documentation_fragment:
  - hivepol.offline.targets
'''

EXAMPLES = r'''
- name: Harden the image's registry before first boot
  hivepol.offline.apply:
    policy: /srv/policies/lcs-client.conf
    image: /srv/images/win11
    all_users: true
'''

RETURN = r'''
changes:
  description: How many values were (or would be) set or deleted.
  type: int
  returned: always
targets:
  description: Per hive, its changes (op, key, name, before, after), as C(hivepol apply --format json) prints them.
  type: list
  returned: always
findings_remain:
  description: True when the hives still fail a check after the write (a rule the settings alone cannot satisfy).
  type: bool
  returned: always
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.hivepol.offline.plugins.module_utils.hivepol import (
    TARGET_ARGS, EXIT_FINDINGS, run_json, target_argv)


def value_text(v):
    if v is None:
        return '(absent)'
    data = v['data'] if v['data'] is not None else 'hex:' + v['hex']
    return '%s %s' % (v['type'], data)


def diff_of(targets):
    """One before/after pair per hive, a line per changed value."""
    out = []
    for t in targets:
        before, after = [], []
        for c in t['changes']:
            name = '%s\\%s' % (c['key'], c['name'] or '@')
            before.append('%s = %s\n' % (name, value_text(c['before'])))
            after.append('%s = %s\n' % (name, value_text(c['after'])))
        out.append(dict(before_header=t['target'], after_header=t['target'],
                        before=''.join(before), after=''.join(after)))
    return out


def main():
    args = dict(TARGET_ARGS, backup=dict(type='bool', default=False),
                force=dict(type='bool', default=False))
    module = AnsibleModule(argument_spec=args, supports_check_mode=True,
                           required_one_of=[('image', 'hives')],
                           mutually_exclusive=[('image', 'hives')])
    argv = target_argv(module, 'apply')
    if module.check_mode:
        argv.append('--dry-run')
    if module.params['backup']:
        argv.append('--backup')
    if module.params['force']:
        argv.append('--force')
    rc, report, err = run_json(module, argv, (0, EXIT_FINDINGS))
    result = dict(changed=report['changed'], changes=report['changes'],
                  targets=report['targets'], cmd=argv,
                  findings_remain=(rc == EXIT_FINDINGS and not module.check_mode))
    if module._diff:
        result['diff'] = diff_of(report['targets'])
    if err.strip():
        result['warnings'] = [l for l in err.strip().splitlines()]
    module.exit_json(**result)


if __name__ == '__main__':
    main()
