# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Test support, not part of the collection: let two ansible-playbook runs start a task at the same moment."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

DOCUMENTATION = r"""
name: barrier
short_description: Wait until the other side of a race reached the same point
description:
  - For tests/integration/test_races.py only. C(lookup('barrier', NAME)) opens the named pipe NAME in the
    directory E(RACE_BARRIER_DIR) (made if missing), for reading on side V(a) and for writing on side V(b)
    (E(RACE_SIDE)). Opening a pipe blocks until its other end is opened, so both runs return at the same
    moment, and start the next task within a few milliseconds of each other. Returns NAME.
options:
  _terms:
    description: The name of the meeting point.
    required: true
"""

import os

from ansible.plugins.lookup import LookupBase


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        name = terms[0]
        path = os.path.join(os.environ['RACE_BARRIER_DIR'], name)
        try:
            os.mkfifo(path)
        except FileExistsError:
            pass
        flags = os.O_RDONLY if os.environ['RACE_SIDE'] == 'a' else os.O_WRONLY
        os.close(os.open(path, flags))
        return [name]
