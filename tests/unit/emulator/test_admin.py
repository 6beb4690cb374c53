"""Admin endpoints: faults, request log, settings, next_job, reset, health; latency; CLI."""

import http.client
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from tests.emulator import Emulator
from tests.emulator import server as emulator_server

from .conftest import JOB_SECONDS

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def reference_of(api, server):
    """The contract reference as the API shows it."""
    return api.get(f'/servers/{server}').json['contract']['reference']


def test_health(api):
    """Health names the fleet."""
    health = api.get('/_emulator/health').json
    assert health['status'] == 'ok' and health['servers'] == 30
    assert len(health['privateNetworks']) == 2


def test_request_log(api, ids):
    """Answered API requests are logged oldest first; admin calls are not; DELETE clears."""
    assert api.requests() == []
    api.get('/servers', query={'limit': '2', 'site': 'AMS-01'})
    api.put(f'/servers/{ids["plain"]}', {'reference': 'logged'})
    api.get('/servers', key=None)
    log = api.requests()
    assert log == [
        {
            'method': 'GET',
            'path': '/bareMetals/v2/servers',
            'query': {'limit': '2', 'site': 'AMS-01'},
            'status': 200,
            'body': None,
            'fault': None,
            'operation': 'GET /servers',
        },
        {
            'method': 'PUT',
            'path': f'/bareMetals/v2/servers/{ids["plain"]}',
            'query': {},
            'status': 204,
            'body': {'reference': 'logged'},
            'fault': None,
            'operation': 'PUT /servers/{serverId}',
        },
        {
            'method': 'GET',
            'path': '/bareMetals/v2/servers',
            'query': {},
            'status': 401,
            'body': None,
            'fault': None,
            'operation': None,
        },
    ]
    assert api.delete('/_emulator/requests').status == 204
    assert api.requests() == []


def test_operations(api, ids):
    """The 61 operations, each with the successful answers it gave since start-up."""
    before = api.get('/_emulator/operations').json
    assert len(before) == 61
    assert 'POST /servers/{serverId}/networkInterfaces/{networkTypeURL}/open' in before
    api.get(f'/servers/{ids["plain"]}/ips')
    api.get('/servers/no-such-server/ips')
    api.delete('/_emulator/requests')
    api.post('/_emulator/reset')
    after = api.get('/_emulator/operations').json
    assert {name for name in after if after[name] != before[name]} == {'GET /servers/{serverId}/ips'}
    assert after['GET /servers/{serverId}/ips'] == before['GET /servers/{serverId}/ips'] + 1


def test_rate_limit_before_processing(api, ids):
    """429 with Retry-After, answered before the request is processed (no state change)."""
    server = ids['plain']
    api.faults(rate_limit_rate=1.0, retry_after=2, count=1)
    reply = api.put(f'/servers/{server}', {'reference': 'not-applied'})
    assert reply.status == 429 and reply.headers['Retry-After'] == '2'
    assert reply.json['errorCode'] == '429'
    assert reference_of(api, server) != 'not-applied'
    assert api.requests()[0]['fault'] == 'rate_limit' and api.requests()[0]['status'] == 429
    assert api.put(f'/servers/{server}', {'reference': 'applied'}).status == 204
    assert reference_of(api, server) == 'applied'


def test_503_before_processing(api, ids):
    """503 is answered before processing, with Retry-After when set."""
    server = ids['plain']
    api.faults(error_rate=1.0, error_status=503, retry_after=1, count=1)
    reply = api.put(f'/servers/{server}', {'reference': 'no'})
    assert reply.status == 503 and reply.headers['Retry-After'] == '1'
    assert reference_of(api, server) != 'no'


@pytest.mark.parametrize('status', [502, 504])
def test_gateway_errors_after_processing(api, ids, status):
    """502/504 are answered after the request was processed: the state changed."""
    server = ids['plain']
    api.faults(error_rate=1.0, error_status=status, count=1)
    reply = api.put(f'/servers/{server}', {'reference': 'processed'})
    assert reply.status == status and reply.json['errorCode'] == str(status)
    assert reference_of(api, server) == 'processed'
    entry = api.requests()[0]
    assert entry['status'] == status and entry['fault'] == 'error'


def test_drop_after_processing(api, ids):
    """A dropped request was processed, then the connection closed without an answer."""
    server = ids['plain']
    api.faults(drop_rate=1.0, count=1)
    with pytest.raises((http.client.HTTPException, ConnectionError)):
        api.put(f'/servers/{server}', {'reference': 'dropped-but-done'})
    assert reference_of(api, server) == 'dropped-but-done'
    entry = api.requests()[0]
    assert entry['status'] is None and entry['fault'] == 'drop'


def test_truncate_after_processing(api, ids):
    """A truncated answer announces its whole length, sends half of it and closes the connection."""
    server = ids['plain']
    api.faults(truncate_rate=1.0, count=1)
    with pytest.raises((http.client.HTTPException, ConnectionError)):
        api.get(f'/servers/{server}')
    entry = api.requests()[0]
    assert entry['status'] == 200 and entry['fault'] == 'truncate'
    assert api.get(f'/servers/{server}').status == 200


def test_count_methods_and_path(api, ids):
    """count bounds the faults; methods and path restrict which requests are faulted."""
    server = ids['plain']
    api.faults(error_rate=1.0, error_status=503, count=2, methods=['POST'], path='/powerO')
    assert api.get(f'/servers/{server}').status == 200
    assert api.post(f'/servers/{server}/powerCycle').status == 204
    assert api.post(f'/servers/{server}/powerOff').status == 503
    assert api.post(f'/servers/{server}/powerOn').status == 503
    assert api.post(f'/servers/{server}/powerOn').status == 204
    assert api.get('/_emulator/faults').json['remaining'] == 0
    assert [entry['fault'] for entry in api.requests()] == [None, None, 'error', 'error', None]


def test_query_restricts_faults(api):
    """query: only requests with these query parameter values are faulted (one page of a list)."""
    api.faults(error_rate=1.0, error_status=503, query={'offset': '10', 'limit': '5'})
    assert api.get('/servers', query={'limit': 5, 'offset': 5}).status == 200
    assert api.get('/servers', query={'limit': 5, 'offset': 10}).status == 503
    assert api.get('/servers', query={'limit': 6, 'offset': 10}).status == 200
    assert api.get('/servers').status == 200
    assert [entry['fault'] for entry in api.requests()] == [None, 'error', None, None]
    assert api.put('/_emulator/faults', {'query': {'offset': 10}}).status == 400
    assert api.put('/_emulator/faults', {'query': 'offset=10'}).status == 400


def test_fault_rates_are_seeded(api):
    """The same seed gives the same sequence of faults."""

    def run():
        api.faults(error_rate=0.5, error_status=503, seed=42)
        return [api.get('/controlPanels').status for _dummy in range(20)]

    first = run()
    assert first == run() and 503 in first and 200 in first


def test_faults_reset_and_validation(api):
    """{} resets faults; bad settings answer 400."""
    api.faults(error_rate=1.0, error_status=503)
    assert api.get('/controlPanels').status == 503
    api.faults()
    assert api.get('/controlPanels').status == 200
    for body in (
        {'error_rate': 2, 'error_status': 503},
        {'bogus': 1},
        {'error_rate': 0.5},
        {'error_status': 418, 'error_rate': 1},
        {'methods': 'POST'},
    ):
        assert api.put('/_emulator/faults', body).status == 400


class HeldAnswers:
    """Stands in for the time module of the emulator's HTTP side (tests/emulator/server.py):
    records each pause it asks for (latency, hang) instead of making it, with the number of
    requests logged at that moment; with a barrier, a pause ends once that many are under way."""

    # not a wait: the emulator measures its own processing time with it, left as it is
    perf_counter = staticmethod(time.perf_counter)

    def __init__(self, emulator, barrier=None):
        self.emulator = emulator
        self.barrier = barrier
        self.lock = threading.Lock()
        self.pauses = []

    def sleep(self, seconds):
        """One held answer."""
        with self.lock:
            self.pauses.append((seconds, len(self.emulator.log)))
        if self.barrier is not None:
            self.barrier.wait()


def test_hang_and_latency(api, monkeypatch):
    """hang holds the answer after the request was processed and logged; latency_ms holds it
    before; both are logged as faults. (The pauses are recorded, not made: that a held answer
    makes a client time out is shown by the client's read timeout tests.)"""
    held = HeldAnswers(api.emulator)
    monkeypatch.setattr(emulator_server, 'time', held)
    api.faults(hang_seconds=0.3, count=1)
    assert api.get('/controlPanels').status == 200
    api.faults(latency_ms=150, count=1)
    assert api.get('/controlPanels').status == 200
    assert api.get('/controlPanels').status == 200
    assert held.pauses == [(0.3, 1), (0.15, 1)]
    assert [entry['fault'] for entry in api.requests()] == ['hang', 'latency', None]


def test_settings_latency_overlaps(api, monkeypatch):
    """Latency pauses each request in its own thread: concurrent requests overlap (the four
    pauses end only once all four are under way; one after the other, the first would never
    end and the barrier would break after 10 s)."""
    held = HeldAnswers(api.emulator, threading.Barrier(4, timeout=10))
    monkeypatch.setattr(emulator_server, 'time', held)
    api.settings(latency_ms=500)
    results = []

    def one():
        client = type(api)(api.emulator)
        results.append(client.get('/controlPanels').status)
        client.close()

    threads = [threading.Thread(target=one) for _dummy in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [200] * 4
    assert held.pauses == [(0.5, 0)] * 4  # all four held before any was answered
    assert [entry['status'] for entry in api.requests()] == [200] * 4
    assert api.put('/_emulator/settings', {'latency_ms': -1}).status == 400
    assert api.put('/_emulator/settings', {'nope': 1}).status == 400


def test_next_job_validation(api, ids):
    """next_job validates its body and the server id."""
    base = f'/_emulator/servers/{ids["managed"]}/next_job'
    assert api.put(base, {'outcome': 'EXPLODE'}).status == 400
    assert api.put(base, {'seconds': -2}).status == 400
    assert api.put('/_emulator/servers/0/next_job', {'outcome': 'FAILED'}).status == 404


def test_reset_restores_everything(api, ids):
    """Reset: seeded state back, log cleared, faults and settings back to start-up values."""
    server = ids['plain']
    original = reference_of(api, server)
    api.put(f'/servers/{server}', {'reference': 'changed'})
    api.post(f'/servers/{server}/credentials', {'type': 'VNC', 'username': 'u', 'password': 'p'})
    api.settings(job_seconds=99)
    api.faults(error_rate=1.0, error_status=502, path='/nothing-matches')
    assert api.post('/_emulator/reset').status == 204
    assert reference_of(api, server) == original
    assert api.get(f'/servers/{server}/credentials/VNC/u').status == 404
    assert api.get('/_emulator/settings').json['job_seconds'] == JOB_SECONDS
    assert api.get('/_emulator/faults').json['config'] == {}
    assert [entry['path'] for entry in api.requests()] == [
        f'/bareMetals/v2/servers/{server}',
        f'/bareMetals/v2/servers/{server}/credentials/VNC/u',
    ]


def test_unknown_admin_and_outside_paths(api):
    """Unknown admin routes and paths outside the API answer 404 JSON."""
    assert api.get('/_emulator/nothing').status == 404
    reply = api.call('GET', '/bareMetals/v1/servers')
    assert reply.status == 404 and reply.json['errorCode'] == '404'


def test_seed_determinism():
    """The same seed gives the same fleet; another seed another one."""
    first = Emulator(servers=15, seed=3).state
    again = Emulator(servers=15, seed=3).state
    other = Emulator(servers=15, seed=4).state
    assert [r.detail for r in first.order] == [r.detail for r in again.order]
    assert [r.id for r in first.order] != [r.id for r in other.order]


def test_context_manager_and_api_key():
    """Emulator works as a context manager and honours api_key."""
    with Emulator(servers=2, api_key='other-key') as emu:
        conn = http.client.HTTPConnection(emu.host, emu.port, timeout=5)
        conn.request('GET', '/bareMetals/v2/servers', headers={'X-LSW-Auth': 'other-key'})
        assert conn.getresponse().status == 200
        conn.close()


@pytest.mark.parametrize('command', [['emulator.py'], ['-m', 'tests.emulator']])
def test_command_line_entry_point(command, tmp_path):
    """python3 emulator.py (from any directory) and python3 -m tests.emulator (from the root) print the address and
    stop cleanly on SIGTERM."""
    script = [os.path.join(ROOT, command[0])] if command[0] == 'emulator.py' else command
    with subprocess.Popen(
        [sys.executable]
        + script
        + ['--port', '0', '--servers', '5', '--seed', '2', '--job-seconds', '1', '--api-key', 'cli-key'],
        cwd=str(tmp_path) if command[0] == 'emulator.py' else ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        _run_cli(proc)


def _run_cli(proc):
    """Talk to the command line emulator, then stop it."""
    try:
        line = proc.stdout.readline().strip()
        assert line.startswith('listening on http://127.0.0.1:')
        port = int(line.rsplit(':', 1)[1])
        conn = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
        conn.request('GET', '/bareMetals/v2/servers', headers={'X-LSW-Auth': 'cli-key'})
        response = conn.getresponse()
        assert response.status == 200
        assert b'"totalCount":5' in response.read()
        conn.close()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
