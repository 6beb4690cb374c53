"""Fixtures: one emulator for the session, reset before every test.

The session's emulator runs on a ``manual`` clock: nothing timed (jobs, null route propagation,
private network transitions, power changes) moves until a test advances the clock, so a test
says exactly how much time passes instead of sleeping and hoping the machine kept up.
"""

import http.client
import json
from urllib.parse import urlencode

import pytest

from tests.emulator import DEFAULT_API_KEY, Emulator

API = '/bareMetals/v2'
FLEET_SIZE = 30
# start-up settings of the session's emulator: seconds of its (manual) clock
JOB_SECONDS = 6
PRIVATE_NETWORK_SECONDS = 4
MISSING = object()


class Reply:
    """A decoded HTTP answer."""

    def __init__(self, status, headers, raw):
        self.status = status
        self.headers = headers
        self.raw = raw
        self.json = json.loads(raw) if raw else None

    def __repr__(self):
        return f'Reply({self.status}, {self.raw[:300]!r})'


class Client:
    """A tiny stdlib client for the emulator (API paths are relative to /bareMetals/v2)."""

    def __init__(self, emu):
        self.emulator = emu
        self.host = emu.host
        self.port = emu.port
        self.conn = None

    def call(self, method, path, body=MISSING, query=None, key=DEFAULT_API_KEY, raw_body=None, timeout=10):
        """Send one request; admin paths (/_emulator) are used as they are."""
        url = path if path.startswith('/_emulator') or path.startswith('/bareMetals') else API + path
        if query:
            url += '?' + urlencode(query)
        headers = {}
        if key is not None:
            headers['X-LSW-Auth'] = key
        data = raw_body
        if body is not MISSING:
            data = json.dumps(body).encode()
        if data is not None:
            headers['Content-Type'] = 'application/json'
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port)
        self.conn.timeout = timeout
        if self.conn.sock is not None:
            self.conn.sock.settimeout(timeout)
        try:
            self.conn.request(method, url, body=data, headers=headers)
            resp = self.conn.getresponse()
            reply = Reply(resp.status, dict(resp.getheaders()), resp.read())
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        if reply.headers.get('Connection', '').lower() == 'close':
            self.close()
        return reply

    def close(self):
        """Drop the kept-alive connection."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def get(self, path, **kwargs):
        """GET."""
        return self.call('GET', path, **kwargs)

    def post(self, path, body=MISSING, **kwargs):
        """POST."""
        return self.call('POST', path, body=body, **kwargs)

    def put(self, path, body=MISSING, **kwargs):
        """PUT."""
        return self.call('PUT', path, body=body, **kwargs)

    def delete(self, path, **kwargs):
        """DELETE."""
        return self.call('DELETE', path, **kwargs)

    def settings(self, **values):
        """Change run-time settings."""
        reply = self.put('/_emulator/settings', values)
        assert reply.status == 200, reply
        return reply.json

    def faults(self, **values):
        """Configure faults."""
        reply = self.put('/_emulator/faults', values)
        assert reply.status == 200, reply
        return reply.json

    def next_job(self, server_id, **values):
        """Script the next job of a server."""
        reply = self.put(f'/_emulator/servers/{server_id}/next_job', values)
        assert reply.status == 200, reply
        return reply.json

    def requests(self):
        """The request log."""
        return self.get('/_emulator/requests').json

    def take(self):
        """The request log, cleared in the same call."""
        reply = self.post('/_emulator/requests/take')
        assert reply.status == 200, reply
        return reply.json

    def clock(self, **values):
        """Set the clock's mode or step, or advance it; the clock as GET /_emulator/clock
        shows it."""
        reply = self.put('/_emulator/clock', values)
        assert reply.status == 200, reply
        return reply.json

    def advance(self, seconds):
        """Let `seconds` pass on the emulator's clock (what fell due is applied at once)."""
        return self.clock(advance=seconds)

    def servers(self, **query):
        """Every server of the (filtered) list, all pages."""
        items = []
        offset = 0
        while True:
            reply = self.get('/servers', query=dict(query, limit=50, offset=offset))
            assert reply.status == 200, reply
            items.extend(reply.json['servers'])
            offset += 50
            if offset >= reply.json['_metadata']['totalCount']:
                return items


@pytest.fixture(name='emulator', scope='session')
def fixture_emulator():
    """One emulator for the whole session, on a manual clock (a reset brings it back)."""
    emu = Emulator(
        servers=FLEET_SIZE,
        seed=7,
        job_seconds=JOB_SECONDS,
        private_network_seconds=PRIVATE_NETWORK_SECONDS,
        clock='manual',
    )
    emu.start()
    yield emu
    emu.stop()


@pytest.fixture(name='api')
def fixture_api(emulator):
    """A client, with the emulator reset to its seeded state."""
    client = Client(emulator)
    assert client.post('/_emulator/reset').status == 204
    yield client
    client.close()


@pytest.fixture(name='ids', scope='session')
def fixture_ids(emulator):
    """Ids of servers with known properties (see the rules in tests/emulator/fleet.py)."""
    client = Client(emulator)
    order = [server['id'] for server in client.servers()]
    client.close()
    return {
        'managed': order[0],  # index 0: everything available, member of network 1
        'no_internal': order[7],  # index 7: no internal interface
        'not_capable': order[9],  # index 9: not private network capable
        'powered_off': order[11],  # index 11: powered off
        'unmanaged': order[24],  # index 24: no automation, power control or IPMI
        'plain': order[1],  # index 1: managed, not in a private network
        'order': order,
    }
