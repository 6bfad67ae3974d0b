#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: check
short_description: Check offline Windows hives against a hivepol policy
description:
  - Runs C(hivepol check --format json) on the managed host and returns
    its verdict and findings as data.  It never changes anything.
  - A check no target covers is "not-covered", never compliant; the
    task fails on non-compliance only with I(fail_on_findings).
options:
  fail_on_findings:
    description: Fail the task when the verdict is not compliant.
    type: bool
    default: false
extends_documentation_fragment:
  - hivepol.offline.targets
'''

EXAMPLES = r'''
- name: Audit the image
  hivepol.offline.check:
    policy: /srv/policies/lcs-client.conf
    image: /srv/images/win11
  register: audit
- debug:
    msg: "{{ audit.findings | selectattr('status', 'ne', 'compliant') | list }}"
'''

RETURN = r'''
compliant:
  description: True only when every check was evaluated and passed.
  type: bool
  returned: always
verdict:
  description: compliant, non-compliant or incomplete, as hivepol says.
  type: str
  returned: always
summary:
  description: Counts per status.
  type: dict
  returned: always
findings:
  description: One entry per check and target (status, check, path, expected, actual, message...).
  type: list
  returned: always
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.hivepol.offline.plugins.module_utils.hivepol import (
    TARGET_ARGS, EXIT_FINDINGS, EXIT_UNCOVERED, run_json, target_argv)


def main():
    args = dict(TARGET_ARGS, fail_on_findings=dict(type='bool', default=False))
    module = AnsibleModule(argument_spec=args, supports_check_mode=True,
                           required_one_of=[('image', 'hives')],
                           mutually_exclusive=[('image', 'hives')])
    argv = target_argv(module, 'check')
    rc, report, err = run_json(module, argv, (0, EXIT_FINDINGS, EXIT_UNCOVERED))
    result = dict(changed=False, compliant=report['compliant'],
                  verdict=report['verdict'], summary=report['summary'],
                  findings=report['findings'], cmd=argv)
    if module.params['fail_on_findings'] and not report['compliant']:
        module.fail_json(msg='not compliant: %s' % report['verdict'], **result)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
