# SPDX-License-Identifier: GPL-3.0-or-later
"""The options every hivepol module takes: a policy and its targets."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    DOCUMENTATION = r'''
options:
  policy:
    description: The hivepol policy file on the managed host.
    type: path
    required: true
  image:
    description:
      - A Windows image, as C(hivepol --image) takes it (a folder, or where
        supported a WIM or disk image).
      - One of I(image) or I(hives) is needed.
    type: str
  hives:
    description: Targets (hive files; for check also .reg, Registry.pol files and GPO folders).
    type: list
    elements: path
  all_users:
    description: With I(image), every profile's NTUSER.DAT, not only Default's.
    type: bool
    default: false
  allow_uncovered:
    description: Accept settings or checks that no target can hold (see hivepol(1)).
    type: bool
    default: false
  hivepol:
    description: The hivepol binary.
    type: str
    default: hivepol
requirements:
  - hivepol on the managed host
author:
  - hivepol developers
'''
