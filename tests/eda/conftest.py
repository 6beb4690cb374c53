# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The event source's tests: one in-process emulator on a manual clock, reset before every test.

Nothing timed moves until a test advances the emulator's clock, and a source polls when a test says
so (``Source.poll()``, or a ``sleep`` of the test's own in ``Source.run()``): no test waits for time.
"""

import collections
import json

import pytest

from tests.emulator import Emulator

API_KEY = 'eda-api-key-5f0b2c7d'
API = '/bareMetals/v2'
JOB_SECONDS = 100
PRIVATE_NETWORK_SECONDS = 2


class Fleet:
    """The emulator, steered directly (nothing it is told here is in its request log)."""

    def __init__(self, emulator):
        self.emulator = emulator

    @property
    def url(self):
        return self.emulator.url

    def api(self, method, path, body=None, **query):
        """An API request outside the log; (status, decoded answer)."""
        status, _headers, raw = self.emulator.dispatch(
            method, API + path, dict((k, '%s' % v) for k, v in query.items()), body, False, API_KEY
        )
        return status, (json.loads(raw) if raw else None)

    def admin(self, method, path, body=None):
        return self.emulator.admin(method, '/_emulator/' + path, body)

    def ok(self, method, path, body=None, **query):
        status, answer = self.api(method, path, body, **query)
        assert status < 300, (method, path, status, answer)
        return answer

    def advance(self, seconds):
        return self.admin('PUT', 'clock', dict(advance=seconds))

    def faults(self, **faults):
        return self.admin('PUT', 'faults', faults)

    def ids(self):
        return [server['id'] for server in self.ok('GET', '/servers', limit=1000)['servers']]

    def take(self):
        """The API requests answered since the last take, as ``Counter`` of operations."""
        with self.emulator.log_lock:
            log, self.emulator.log = self.emulator.log, []
        return collections.Counter(entry['operation'] for entry in log)

    def take_log(self):
        with self.emulator.log_lock:
            log, self.emulator.log = self.emulator.log, []
        return log


@pytest.fixture(scope='session')
def fleet_emulator():
    emulator = Emulator(
        servers=30,
        seed=7,
        job_seconds=JOB_SECONDS,
        api_key=API_KEY,
        clock='manual',
        private_network_seconds=PRIVATE_NETWORK_SECONDS,
    ).start()
    yield emulator
    emulator.stop()


@pytest.fixture
def fleet(fleet_emulator, monkeypatch):
    for name in ('LEASEWEB_API_KEY', 'LEASEWEB_TOKEN', 'LEASEWEB_API_URL'):
        monkeypatch.delenv(name, raising=False)
    fleet_emulator.reset()
    return Fleet(fleet_emulator)
