# SPDX-License-Identifier: GPL-3.0-or-later
"""What the hivepol modules share: the target options and running the binary."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

TARGET_ARGS = dict(
    policy=dict(type='path', required=True),
    image=dict(type='str'),
    hives=dict(type='list', elements='path'),
    all_users=dict(type='bool', default=False),
    allow_uncovered=dict(type='bool', default=False),
    hivepol=dict(type='str', default='hivepol'),
)

# hivepol's exit statuses (hivepol(1)): 0 ok, 1 findings or changes,
# 2 usage or input error, 3 I/O error, 4 not every check covered.
EXIT_FINDINGS = 1
EXIT_UNCOVERED = 4


def target_argv(module, command):
    """hivepol COMMAND -p POLICY --format json (--image X | HIVE...)."""
    p = module.params
    binary = module.get_bin_path(p['hivepol'], required=True)
    argv = [binary, command, '-p', p['policy'], '--format', 'json']
    if p['image']:
        argv += ['--image', p['image']]
    if p['all_users']:
        argv.append('--all-users')
    if p['allow_uncovered']:
        argv.append('--allow-uncovered')
    return argv + list(p['hives'] or [])


def run_json(module, argv, ok_codes):
    """Runs argv; fails the task unless its status is in ok_codes."""
    rc, out, err = module.run_command(argv)
    if rc not in ok_codes:
        module.fail_json(msg=err.strip() or 'hivepol exited %d' % rc,
                         rc=rc, cmd=argv, stderr=err)
    try:
        return rc, json.loads(out), err
    except ValueError:
        module.fail_json(msg='hivepol printed no JSON', rc=rc, cmd=argv,
                         stdout=out, stderr=err)
