# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures shared by the unit and integration tests: the collection on sys.path, the emulator."""

import os
import subprocess
import sys

import pytest
import requests

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLLECTIONS_PATH = os.path.join(REPO_ROOT, '.cache', 'collections')
API_KEY = 'test-api-key-7d1f0c'


def plain(value):
    """ansible-inventory's JSON with unsafe strings ({"__ansible_unsafe": "x"}) as plain strings."""
    if isinstance(value, dict):
        if set(value) == {'__ansible_unsafe'}:
            return value['__ansible_unsafe']
        return dict((k, plain(v)) for k, v in value.items())
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def link_collection():
    """Make the working tree importable as ansible_collections.leaseweb.dedicated."""
    link = os.path.join(COLLECTIONS_PATH, 'ansible_collections', 'leaseweb', 'dedicated')
    if not os.path.islink(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(REPO_ROOT, link)
    if COLLECTIONS_PATH not in sys.path:
        sys.path.insert(0, COLLECTIONS_PATH)


link_collection()


class EmulatorProcess:
    """The emulator started as users start it: ``python -m tests.emulator``."""

    def __init__(self, *args):
        self.api_key = API_KEY
        self.process = subprocess.Popen(
            [sys.executable, '-m', 'tests.emulator', '--port', '0', '--api-key', API_KEY] + list(args),
            cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        line = self.process.stdout.readline().strip()
        if not line.startswith('listening on '):
            self.process.kill()
            raise RuntimeError('the emulator did not start: %r' % line)
        self.url = line[len('listening on '):]
        self.session = requests.Session()

    def admin(self, method, path, json=None):
        """Call an admin endpoint; the decoded answer (None when empty)."""
        response = self.session.request(method, self.url + '/_emulator/' + path, json=json, timeout=10)
        response.raise_for_status()
        return response.json() if response.content else None

    def requests(self):
        """The API requests the emulator answered since the last clear, oldest first."""
        return self.admin('GET', 'requests')

    def writes(self):
        """The requests of the log that are not reads."""
        return [r for r in self.requests() if r['method'] != 'GET']

    def clear(self):
        self.admin('DELETE', 'requests')

    def faults(self, **faults):
        self.admin('PUT', 'faults', json=faults)

    def take(self):
        """The requests answered since the last clear, clearing the log in the same call."""
        return self.admin('POST', 'requests/take')

    def clock(self, **clock):
        """Set the clock's ``mode`` or ``step``, or ``advance`` it (PUT /_emulator/clock)."""
        return self.admin('PUT', 'clock', json=clock)

    def settings(self, **settings):
        self.admin('PUT', 'settings', json=settings)

    def reset(self):
        self.admin('POST', 'reset')

    def api(self, method, path, **kwargs):
        """Call the API directly, with the right key; the response."""
        headers = {'X-LSW-Auth': self.api_key}
        return self.session.request(method, self.url + '/bareMetals/v2' + path, headers=headers,
                                    timeout=10, **kwargs)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.session.close()


@pytest.fixture(scope='session')
def emulator_process():
    emulator = EmulatorProcess('--servers', '40', '--seed', '7', '--job-seconds', '2')
    yield emulator
    emulator.stop()


@pytest.fixture
def emulator(emulator_process):
    """The session's emulator, reset to its seeded state, with an empty request log."""
    emulator_process.reset()
    yield emulator_process
    emulator_process.admin('PUT', 'faults', json={})
