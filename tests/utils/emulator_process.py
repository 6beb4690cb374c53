# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The emulator as a process, started as users start it: ``python3 ROOT/emulator.py``.

One wrapper for the tests, the benchmarks and ``make demo``: the root is this clone, or an
installed copy of the collection (the artifact and documentation tests); the admin endpoints
are methods.
"""

import json
import os
import subprocess
import sys
import urllib.request

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
API_KEY = 'test-api-key-7d1f0c'


class EmulatorProcess:
    """``python3 ROOT/emulator.py --port 0 --api-key KEY ARGS``, until :meth:`stop`.

    ``args`` are the emulator's options (``--servers``, ``--seed``, ``--clock``...); ``api_key``
    None keeps the emulator's default key.
    """

    def __init__(self, *args, root=REPO_ROOT, python=sys.executable, api_key=API_KEY):
        self.root = root
        command = [python, os.path.join(root, 'emulator.py'), '--port', '0']
        if api_key is not None:
            command += ['--api-key', api_key]
        self.api_key = api_key
        self.process = subprocess.Popen(
            command + list(args), cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        line = self.process.stdout.readline().strip()
        if not line.startswith('listening on '):
            self.process.kill()
            self.process.wait(10)
            raise RuntimeError('the emulator did not start from %s: %r' % (root, line))
        self.url = line[len('listening on ') :]

    @property
    def port(self):
        return self.url.rsplit(':', 1)[1]

    def admin(self, method, path, body=None, **json_body):
        """Call an admin endpoint (``/_emulator/PATH``) with a JSON ``body`` (or ``json=``, as requests
        takes it); the decoded answer (None when empty)."""
        body = json_body.get('json', body)
        data = None if body is None else _dumps(body).encode('utf-8')
        request = urllib.request.Request(
            self.url + '/_emulator/' + path, data=data, method=method, headers={'Content-Type': 'application/json'}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            content = response.read()
        return _loads(content) if content else None

    def requests(self):
        """The API requests the emulator answered since the last clear, oldest first."""
        return self.admin('GET', 'requests')

    def writes(self):
        """The requests of the log that are not reads."""
        return [r for r in self.requests() if r['method'] != 'GET']

    def clear(self):
        self.admin('DELETE', 'requests')

    def take(self):
        """The requests answered since the last clear, clearing the log in the same call."""
        return self.admin('POST', 'requests/take')

    def faults(self, **faults):
        self.admin('PUT', 'faults', faults)

    def clock(self, **clock):
        """Set the clock's ``mode`` or ``step``, or ``advance`` it (PUT /_emulator/clock)."""
        return self.admin('PUT', 'clock', clock)

    def settings(self, **settings):
        self.admin('PUT', 'settings', settings)

    def reset(self):
        self.admin('POST', 'reset')

    def api(self, method, path, **kwargs):
        """Call the API directly, with the right key; the ``requests`` response."""
        import requests  # only the tests call the API this way; the demo and benchmarks need no package

        headers = {'X-LSW-Auth': self.api_key}
        return requests.request(method, self.url + '/bareMetals/v2' + path, headers=headers, timeout=10, **kwargs)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


def _dumps(value):
    return json.dumps(value)


def _loads(content):
    return json.loads(content)
