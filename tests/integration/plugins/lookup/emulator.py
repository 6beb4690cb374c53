# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Test support, not part of the collection: read and steer the API emulator from a playbook."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

DOCUMENTATION = r"""
name: emulator
short_description: Read and steer the leaseweb.dedicated test emulator
description:
  - For the integration targets only. Talks to the admin endpoints of the emulator at the
    variable C(emulator_url), on the controller, without running a module.
  - C(query('emulator', 'requests')) the API requests answered since the last clear;
    C(query('emulator', 'writes')) those that are not GET; C(query('emulator', 'clear')) clears
    the log; C(query('emulator', 'settings', job_seconds=1)), C(query('emulator', 'faults', ...)),
    C(query('emulator', 'next_job', server_id=..., outcome=FAILED)) and C(query('emulator', 'health')).
  - C(query('emulator', 'clock', mode='manual', advance=5)) sets or moves the emulator's clock.
  - C(query('emulator', 'log')) the requests answered since the last read, clearing the log in
    the same call, so that a target reads a task's requests without a separate clear task.
options:
  _terms:
    description: The action.
    required: true
"""

import json

from ansible.errors import AnsibleError
from ansible.module_utils.six.moves.urllib.request import Request, urlopen
from ansible.plugins.lookup import LookupBase


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        url = (variables or {}).get('emulator_url')
        if not url:
            raise AnsibleError('the emulator lookup needs the variable emulator_url')
        action = terms[0]
        if action == 'requests':
            return self._call(url, 'GET', 'requests')
        if action == 'writes':
            return [r for r in self._call(url, 'GET', 'requests') if r['method'] != 'GET']
        if action == 'log':
            return self._call(url, 'POST', 'requests/take')
        if action == 'clock':
            return [self._call(url, 'PUT', 'clock', kwargs)]
        if action == 'clear':
            self._call(url, 'DELETE', 'requests')
            return []
        if action in ('settings', 'faults'):
            return [self._call(url, 'PUT', action, kwargs)]
        if action == 'next_job':
            server_id = kwargs.pop('server_id')
            return [self._call(url, 'PUT', 'servers/%s/next_job' % server_id, kwargs)]
        if action == 'health':
            return [self._call(url, 'GET', 'health')]
        raise AnsibleError('unknown emulator action %r' % action)

    @staticmethod
    def _call(url, method, path, body=None):
        data = None if body is None else json.dumps(body).encode('utf-8')
        request = Request(
            '%s/_emulator/%s' % (url, path), data=data, method=method, headers={'Content-Type': 'application/json'}
        )
        with urlopen(request, timeout=30) as response:
            content = response.read()
        return json.loads(content) if content else None
