# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The API client, driven against the emulator with injected faults.

No test waits for real: the client gets a sleep that records the pauses asked for and a clock
that moves only by them (``Sleeps``); a wait's pauses also pass on the emulator's clock, put in
manual mode, so a job moves exactly as much as the client waited.
"""

import json
import re
import socket
import threading

import pytest
import requests

from ansible_collections.leaseweb.dedicated.plugins.module_utils import _client as api_module
from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import (
    LeasewebClient,
    LeasewebError,
    LeasewebWaitError,
    api_url_problem,
    decode_snake,
    insecure_warning,
    snake_key,
    snake_keys,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._jobs import wait_until_job_ends

from tests.unit.plugins.traps import Trap, redirect_to, resolving


class Sleeps(list):
    """A sleep function that records the pauses asked for instead of making them, and the clock
    that goes with it (``clock``): time passes only by those pauses. Given an emulator (on a
    manual clock), each pause also passes on the emulator's clock."""

    def __init__(self, emulator=None):
        super(Sleeps, self).__init__()
        self.now = 0.0
        self.emulator = emulator

    def __call__(self, seconds):
        self.append(seconds)
        self.now += seconds
        if self.emulator is not None:
            self.emulator.clock(advance=seconds)

    def clock(self):
        return self.now


def make_client(emulator, sleeps=None, **kwargs):
    sleeps = sleeps if sleeps is not None else Sleeps()
    kwargs.setdefault('api_key', emulator.api_key)
    kwargs.setdefault('api_url', emulator.url)
    kwargs.setdefault('rand', lambda: 0.5)
    kwargs.setdefault('sleep', sleeps)
    kwargs.setdefault('clock', sleeps.clock)
    return LeasewebClient(**kwargs)


def waiting_client(emulator, **kwargs):
    """A client whose pauses pass on the emulator's clock, now in manual mode; its Sleeps."""
    emulator.clock(mode='manual')
    sleeps = Sleeps(emulator)
    return make_client(emulator, sleeps, **kwargs), sleeps


def first_server_id(emulator):
    return emulator.api('GET', '/servers', params={'limit': 1}).json()['servers'][0]['id']


def statuses(log, method=None):
    return [r['status'] for r in log if method is None or r['method'] == method]


# -- key conversion ----------------------------------------------------------------------


@pytest.mark.parametrize(
    'key, expected',
    [
        ('assetId', 'asset_id'),
        ('isPrivateNetworkEnabled', 'is_private_network_enabled'),
        ('ipv4Quantity', 'ipv4_quantity'),
        ('remoteManagement', 'remote_management'),
        ('id', 'id'),
        ('_metadata', '_metadata'),
        ('UP_PUBLIC', 'UP_PUBLIC'),
        ('BATCH_ID', 'BATCH_ID'),
        ('x86-64', 'x86-64'),
        ('1000bt-fd', '1000bt-fd'),
        ('serial_number', 'serial_number'),
    ],
)
def test_snake_key(key, expected):
    assert snake_key(key) == expected


def test_snake_keys_converts_nested_keys_and_leaves_values():
    data = {
        'networkInterfaces': {'remoteManagement': {'ip': '10.0.0.1/24', 'nullRouted': False}},
        'tasks': [{'statusTimestamps': {'PENDING': 'x'}, 'errorMessage': 'camelCaseValue'}],
    }
    assert snake_keys(data) == {
        'network_interfaces': {'remote_management': {'ip': '10.0.0.1/24', 'null_routed': False}},
        'tasks': [{'status_timestamps': {'PENDING': 'x'}, 'error_message': 'camelCaseValue'}],
    }


def test_decoding_converts_keys_as_snake_keys_does():
    text = json.dumps(
        {
            'networkInterfaces': {'remoteManagement': {'ip': None, 'nullRouted': False}},
            'tasks': [{'statusTimestamps': {'PENDING': 'x'}, 'errorMessage': 'camelCaseValue'}],
            'UP_PUBLIC': [1, 2.5, True, None, 'ipv4Quantity'],
            'ipv4Quantity': 2,
        }
    )
    assert decode_snake(text) == snake_keys(json.loads(text))
    assert decode_snake(text.encode('utf-8')) == snake_keys(json.loads(text))


def test_get_answers_in_snake_case(emulator):
    server_id = first_server_id(emulator)
    server = make_client(emulator).get('/servers/%s' % server_id)
    assert server['id'] == server_id
    assert 'asset_id' in server and 'assetId' not in server
    assert 'remote_management' in server['network_interfaces']


# -- pagination --------------------------------------------------------------------------


def all_ids(emulator):
    data = emulator.api('GET', '/servers', params={'limit': 1000}).json()
    assert data['_metadata']['totalCount'] == len(data['servers'])
    return [s['id'] for s in data['servers']]


def test_paginate_reads_every_page(emulator):
    expected = all_ids(emulator)
    emulator.clear()
    servers = make_client(emulator).paginate('/servers', 'servers', page_size=7)
    assert [s['id'] for s in servers] == expected
    log = emulator.requests()
    assert [r['query']['offset'] for r in log] == [str(o) for o in range(0, len(expected), 7)]
    assert all(r['query']['limit'] == '7' for r in log)


def test_paginate_does_not_assume_full_pages(emulator):
    """The service may answer fewer items than asked: the next offset is what was received."""
    expected = all_ids(emulator)
    emulator.settings(max_limit=6)
    emulator.clear()
    servers = make_client(emulator).paginate('/servers', 'servers', page_size=50)
    assert [s['id'] for s in servers] == expected
    offsets = [int(r['query']['offset']) for r in emulator.requests()]
    assert offsets == list(range(0, len(expected), 6))


def test_paginate_in_parallel_gives_the_same_list(emulator):
    expected = all_ids(emulator)
    emulator.clear()
    servers = make_client(emulator, pool_size=4).paginate('/servers', 'servers', page_size=5, concurrency=4)
    assert [s['id'] for s in servers] == expected
    assert len(emulator.requests()) == -(-len(expected) // 5)


def test_paginate_in_parallel_fills_short_pages(emulator):
    expected = all_ids(emulator)
    emulator.settings(max_limit=9)
    servers = make_client(emulator).paginate('/servers', 'servers', page_size=50, concurrency=3)
    assert [s['id'] for s in servers] == expected


def test_paginate_passes_filters_and_stops_on_an_empty_list(emulator):
    emulator.clear()
    servers = make_client(emulator).paginate('/servers', 'servers', {'reference': 'no-such-reference-x'})
    assert servers == []
    log = emulator.requests()
    assert len(log) == 1 and log[0]['query']['reference'] == 'no-such-reference-x'


def serving_pages(pages):
    """A Trap answer serving ``pages``: {offset: (ids, totalCount)}; an offset not listed is an empty page."""

    def answer(request):
        query = dict(part.split('=', 1) for part in request['path'].split('?', 1)[1].split('&'))
        offset = int(query['offset'])
        ids, total = pages.get(offset, ([], pages[0][1]))
        body = {'servers': [{'id': i} for i in ids], '_metadata': {'totalCount': total, 'offset': offset, 'limit': 2}}
        return 200, {'Content-Type': 'application/json'}, json.dumps(body)

    return answer


@pytest.mark.parametrize('concurrency', [1, 3])
def test_paginate_fails_on_an_empty_page_the_total_says_is_not_the_end(concurrency):
    """Never a part of a list taken for all of it: the second page is empty, but its answer still counts 6."""
    with Trap(serving_pages({0: (['1', '2'], 6), 4: (['5', '6'], 6)})) as api_trap:
        client = LeasewebClient(api_key='k', api_url=api_trap.url, retries=0)
        with pytest.raises(LeasewebError) as info:
            client.paginate('/servers', 'servers', page_size=2, concurrency=concurrency)
    assert info.value.msg.startswith(
        'GET /bareMetals/v2/servers: the page at offset 2 is empty, but the same answer counts 6 items'
    )


def test_paginate_ends_where_a_list_that_shrank_ends():
    # the second answer counts 2 items: the list shrank while it was read, and what was read is all of it
    with Trap(serving_pages({0: (['1', '2'], 4), 2: ([], 2)})) as api_trap:
        client = LeasewebClient(api_key='k', api_url=api_trap.url, retries=0)
        assert [s['id'] for s in client.paginate('/servers', 'servers', page_size=2)] == ['1', '2']
        assert len(api_trap.requests) == 2


def test_paginate_in_parallel_grows_the_pool_to_the_concurrency(emulator):
    expected = all_ids(emulator)
    client = make_client(emulator, pool_size=2)
    assert [s['id'] for s in client.paginate('/servers', 'servers', page_size=3, concurrency=12)] == expected
    assert client.pool_size == 12


def test_paginate_in_parallel_fails_on_a_failed_page_and_reads_no_further(emulator):
    """One page that keeps failing fails the whole list; pages not yet asked for are not asked."""
    emulator.faults(error_rate=1.0, error_status=500, query={'offset': '3'})
    emulator.clear()
    with pytest.raises(LeasewebError) as info:
        make_client(emulator).paginate('/servers', 'servers', page_size=1, concurrency=2)
    assert info.value.status == 500 and 'GET /bareMetals/v2/servers: HTTP 500' in info.value.msg
    offsets = [int(r['query']['offset']) for r in emulator.requests()]
    # the first page, then two at a time: the failure at offset 3 stops the pages of the 40 not yet asked for
    # (the workers may have asked for a few more while the failure was being noticed)
    assert 3 in offsets and len(offsets) < 30, offsets


# -- concurrency -------------------------------------------------------------------------


def test_run_concurrently_keeps_the_order_and_bounds_the_calls(emulator):
    """Four calls at once: each waits until four are running (fewer would break the barrier
    after 10 s), and never more than four run (more would be counted)."""
    running, most = [0], [0]
    lock = threading.Lock()
    four = threading.Barrier(4, timeout=10)

    def call(item):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        four.wait()
        with lock:
            running[0] -= 1
        return item * 2

    assert make_client(emulator).run_concurrently(call, range(20), 4) == [i * 2 for i in range(20)]
    assert most[0] == 4


def test_then_runs_in_the_calling_thread_as_results_arrive(emulator):
    """The calls end in the order 4, 3, 2, 1, 0, each only once ``then`` handled the result of
    the one before: ``then`` must run while the other calls are still running."""
    seen = []
    handled = [threading.Event() for _i in range(5)]

    def call(item):
        if item < 4:
            assert handled[item + 1].wait(10), 'then did not get the result of call %d' % (item + 1)
        return item

    def then(result):
        seen.append((result, threading.current_thread()))
        handled[result].set()
        return result * 10

    result = make_client(emulator).run_concurrently(call, range(5), 5, then=then)
    assert result == [0, 10, 20, 30, 40]
    assert [r for r, _thread in seen] == [4, 3, 2, 1, 0]  # as they ended
    assert set(thread for _r, thread in seen) == {threading.current_thread()}


def test_run_concurrently_with_one_runs_in_order_in_this_thread(emulator):
    threads = []
    result = make_client(emulator).run_concurrently(
        lambda i: threads.append(threading.current_thread()) or i, [3, 1, 2], 1
    )
    assert result == [3, 1, 2]
    assert threads == [threading.current_thread()] * 3


def test_run_concurrently_stops_at_the_first_failure(emulator):
    """Item 2 fails once items 0 and 1 run; the running calls end when the batch gives up (the
    event the client's own retries watch), and the 47 calls not started are not started (the
    worker that ran item 2 may have taken the next one before the failure was seen)."""
    client = make_client(emulator)
    started = []
    first_three = threading.Barrier(3, timeout=10)

    def call(item):
        started.append(item)
        if item < 3:
            first_three.wait()
        if item == 2:
            raise LeasewebError('item 2 failed')
        assert client._give_up().wait(10), 'the batch did not give up'
        return item

    with pytest.raises(LeasewebError, match='item 2 failed'):
        client.run_concurrently(call, range(50), 3)
    assert sorted(started)[:3] == [0, 1, 2] and len(started) < 10, started


def test_a_failure_stops_the_retries_of_the_other_calls(emulator):
    """While one call fails for good, another one waiting to retry a 429 gives up at once: the
    client's own pause (the default sleep) ends when the batch gives up, not after the 30 s of
    Retry-After, and no second attempt is made."""
    server_id = first_server_id(emulator)
    emulator.faults(rate_limit_rate=1.0, retry_after=30, path='/servers/%s' % server_id)
    emulator.clear()
    clock = Sleeps()
    client = make_client(emulator, clock, sleep=None)
    own_sleep = client._sleep
    pausing = threading.Event()
    pauses = []

    def sleep(seconds):
        pausing.set()
        pauses.append((seconds, own_sleep(seconds)))  # True: it ended because the batch gave up

    client._sleep = sleep

    def call(item):
        if item == 'fail':
            assert pausing.wait(10), 'the other call never paused'
            raise LeasewebError('failed for good')
        return client.get('/servers/%s' % server_id)

    with pytest.raises(LeasewebError, match='failed for good'):
        client.run_concurrently(call, ['retry', 'fail'], 2)
    assert pauses == [(30, True)]
    assert statuses(emulator.requests()) == [429]
    # the batch is over; once the 429's pause has passed, the next call goes out as usual
    emulator.faults()
    clock.now += 30
    assert client.get('/servers/%s' % server_id)['id'] == server_id


# -- retries -----------------------------------------------------------------------------


def test_a_429_pauses_the_requests_of_every_thread(emulator):
    """One thread's 429 (Retry-After 5) pauses the whole client: the other thread, whose request comes
    after that answer, waits the pause out before sending it, instead of meeting the limit itself."""
    server_id = first_server_id(emulator)
    emulator.faults(rate_limit_rate=1.0, retry_after=5, count=1, path='/servers/%s/powerInfo' % server_id)
    emulator.clear()
    now = [0.0]
    pauses = []
    limited = threading.Event()
    other_paused = threading.Event()

    def sleep(seconds):
        pauses.append((threading.current_thread().name, seconds))
        if threading.current_thread().name == 'limited':
            limited.set()
            assert other_paused.wait(10), 'the other thread did not pause'
        else:
            other_paused.set()
        now[0] = max(now[0], 5.0)

    client = make_client(emulator, sleep=sleep, clock=lambda: now[0])

    def call(path):
        if path == 'powerInfo':
            threading.current_thread().name = 'limited'
        else:
            threading.current_thread().name = 'other'
            assert limited.wait(10), 'no 429 came'
        return client.get('/servers/%s/%s' % (server_id, path))

    client.run_concurrently(call, ['powerInfo', 'ips'], 2)
    assert sorted(pauses) == [('limited', 5), ('other', 5)]
    assert [(r['path'].rsplit('/', 1)[1], r['status']) for r in emulator.requests()][:1] == [('powerInfo', 429)]
    assert sorted(statuses(emulator.requests())) == [200, 200, 429]


def test_429_is_retried_after_retry_after(emulator):
    server_id = first_server_id(emulator)
    emulator.faults(rate_limit_rate=1.0, retry_after=7, count=2)
    emulator.clear()
    sleeps = Sleeps()
    make_client(emulator, sleeps).get('/servers/%s' % server_id)
    assert sleeps == [7, 7]
    assert statuses(emulator.requests()) == [429, 429, 200]


def test_503_is_retried_for_a_post_with_jittered_exponential_backoff(emulator):
    server_id = first_server_id(emulator)
    emulator.faults(error_rate=1.0, error_status=503, count=3, methods=['POST'])
    emulator.clear()
    sleeps = Sleeps()
    make_client(emulator, sleeps, rand=lambda: 1.0).post('/servers/%s/powerOn' % server_id)
    assert sleeps == [0.5, 1.0, 2.0]
    assert statuses(emulator.requests(), 'POST') == [503, 503, 503, 204]


def test_backoff_is_jittered(emulator):
    server_id = first_server_id(emulator)
    emulator.faults(error_rate=1.0, error_status=503, count=2)
    sleeps = Sleeps()
    make_client(emulator, sleeps, rand=lambda: 0.0).get('/servers/%s' % server_id)
    assert sleeps == [0.25, 0.5]


def test_backoff_doubles_up_to_its_cap(emulator):
    server_id = first_server_id(emulator)
    emulator.faults(error_rate=1.0, error_status=503, count=8)
    sleeps = Sleeps()
    make_client(emulator, sleeps, rand=lambda: 1.0, retries=8).get('/servers/%s' % server_id)
    assert sleeps == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30, 30]


def test_502_is_retried_for_a_get(emulator):
    server_id = first_server_id(emulator)
    emulator.faults(error_rate=1.0, error_status=502, count=1)
    emulator.clear()
    make_client(emulator).get('/servers/%s' % server_id)
    assert statuses(emulator.requests()) == [502, 200]


@pytest.mark.parametrize('status', [502, 504])
def test_post_is_not_retried_after_a_gateway_error(emulator, status):
    server_id = first_server_id(emulator)
    emulator.api('POST', '/servers/%s/powerOff' % server_id)
    emulator.faults(error_rate=1.0, error_status=status, methods=['POST'])
    emulator.clear()
    sleeps = Sleeps()
    with pytest.raises(LeasewebError) as info:
        make_client(emulator, sleeps).post('/servers/%s/powerOn' % server_id)
    assert info.value.status == status
    assert 'not retried' in info.value.msg
    assert info.value.sent and info.value.maybe_carried_out
    assert statuses(emulator.requests()) == [status]
    assert sleeps == []
    # the gateway failed after the service acted: the server is on
    assert emulator.api('GET', '/servers/%s/powerInfo' % server_id).json()['ipmi']['status'] == 'on'


def test_post_is_not_retried_after_a_dropped_connection(emulator):
    server_id = first_server_id(emulator)
    emulator.faults(drop_rate=1.0, methods=['POST'])
    emulator.clear()
    with pytest.raises(LeasewebError) as info:
        make_client(emulator).post('/servers/%s/powerCycle' % server_id)
    assert info.value.status is None
    assert 'not retried' in info.value.msg
    assert info.value.sent and info.value.maybe_carried_out
    assert len(emulator.requests()) == 1


def test_get_is_retried_after_a_dropped_connection(emulator):
    server_id = first_server_id(emulator)
    emulator.faults(drop_rate=1.0, count=2)
    emulator.clear()
    server = make_client(emulator).get('/servers/%s' % server_id)
    assert server['id'] == server_id
    assert len(emulator.requests()) == 3


def test_get_is_retried_after_an_answer_cut_short(emulator):
    server_id = first_server_id(emulator)
    emulator.faults(truncate_rate=1.0, count=1)
    emulator.clear()
    server = make_client(emulator).get('/servers/%s' % server_id)
    assert server['id'] == server_id
    assert [r['fault'] for r in emulator.requests()] == ['truncate', None]


def test_post_is_not_retried_after_an_answer_cut_short(emulator):
    server_id = first_server_id(emulator)
    emulator.faults(truncate_rate=1.0, methods=['POST'])
    emulator.clear()
    with pytest.raises(LeasewebError) as info:
        make_client(emulator).post('/servers/%s/hardwareScan' % server_id, {'powerCycle': True})
    assert 'not retried' in info.value.msg
    assert len(emulator.requests()) == 1


def test_a_delete_that_was_done_before_its_gateway_failed_succeeds(emulator):
    """502 after the service deleted it: the retry finds nothing (404), which is what was wanted."""
    server_id = first_server_id(emulator)
    path = '/servers/%s/notificationSettings/bandwidth' % server_id
    created = emulator.api('POST', path, json={'frequency': 'DAILY', 'threshold': '1', 'unit': 'Gbps'}).json()
    emulator.faults(error_rate=1.0, error_status=502, count=1, methods=['DELETE'])
    emulator.clear()
    client = make_client(emulator)
    assert client.delete('%s/%s' % (path, created['id'])) is None
    assert statuses(emulator.requests()) == [502, 404]
    assert client.writes == 0


def test_a_plain_404_on_delete_still_fails(emulator):
    server_id = first_server_id(emulator)
    with pytest.raises(LeasewebError) as info:
        make_client(emulator).delete('/servers/%s/notificationSettings/bandwidth/999999' % server_id)
    assert info.value.status == 404


def test_writes_are_counted(emulator):
    server_id = first_server_id(emulator)
    client = make_client(emulator)
    client.get('/servers/%s' % server_id)
    client.put('/servers/%s' % server_id, {'reference': 'counted'})
    with pytest.raises(LeasewebError):
        client.put('/servers/%s/ips/10.255.255.1' % server_id, {'reverseLookup': 'x.example.com'})
    assert client.writes == 1


def test_a_tls_failure_is_not_retried(emulator):
    sleeps = Sleeps()
    client = make_client(emulator, sleeps, api_url=emulator.url.replace('http://', 'https://'), retries=3)
    with pytest.raises(LeasewebError) as info:
        client.post('/servers/1/powerOn')
    assert client.request_count == 1 and sleeps == []
    assert 'TLS failed' in info.value.msg and 'not retried' not in info.value.msg
    assert not info.value.sent and not info.value.maybe_carried_out


# A read timeout is real time by nature: the emulator holds its answer (hang_seconds, 5 s) past
# the client's timeout (0.5 s). The emulator logs the request before it holds the answer, so the
# log is complete once the client timed out (unless the emulator took 0.5 s to process it).


def test_put_is_retried_after_a_read_timeout(emulator):
    server_id = first_server_id(emulator)
    emulator.faults(hang_seconds=5, count=1)
    emulator.clear()
    sleeps = Sleeps()
    make_client(emulator, sleeps, timeout=0.5).put('/servers/%s' % server_id, {'reference': 'after-timeout'})
    assert [(r['method'], r['fault']) for r in emulator.requests()] == [('PUT', 'hang'), ('PUT', None)]
    assert sleeps == [0.375]  # the backoff: 0.5 s, jittered by rand() = 0.5
    server = emulator.api('GET', '/servers/%s' % server_id).json()
    assert server['contract']['reference'] == 'after-timeout'


def test_post_is_not_retried_after_a_read_timeout(emulator):
    server_id = first_server_id(emulator)
    emulator.faults(hang_seconds=5, count=1)
    emulator.clear()
    sleeps = Sleeps()
    with pytest.raises(LeasewebError) as info:
        make_client(emulator, sleeps, timeout=0.5).post('/servers/%s/powerCycle' % server_id)
    assert 'no answer within 0.5 seconds' in info.value.msg and 'not retried' in info.value.msg
    assert info.value.sent and info.value.maybe_carried_out
    assert [(r['method'], r['fault']) for r in emulator.requests()] == [('POST', 'hang')]
    assert sleeps == []


def test_a_request_that_never_gets_an_answer_ends_after_its_attempts(emulator):
    """Every attempt hangs: a GET is tried api_retries + 1 times, each ended by the timeout, then fails
    naming the request; the pauses between the attempts are the backoff."""
    emulator.faults(hang_seconds=5)
    emulator.clear()
    sleeps = Sleeps()
    with pytest.raises(LeasewebError) as info:
        make_client(emulator, sleeps, timeout=0.5, retries=2).get('/servers', params={'limit': 5})
    assert info.value.msg == 'GET /bareMetals/v2/servers: no answer within 0.5 seconds [gave up after 3 attempts]'
    assert [(r['method'], r['path'], r['fault']) for r in emulator.requests()] == [
        ('GET', '/bareMetals/v2/servers', 'hang')
    ] * 3
    assert sleeps == [0.375, 0.75]


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def test_a_post_that_never_left_is_retried(emulator):
    """Connection refused: the request never reached the service, so even a POST is repeated."""
    sleeps = Sleeps()
    client = make_client(emulator, sleeps, api_url='http://127.0.0.1:%d' % free_port(), retries=3)
    with pytest.raises(LeasewebError) as info:
        client.post('/servers/1/powerOn')
    assert client.request_count == 4
    assert len(sleeps) == 3
    assert 'could not connect' in info.value.msg and 'gave up after 4 attempts' in info.value.msg
    assert not info.value.sent and not info.value.maybe_carried_out


def test_retries_stop_at_the_count(emulator):
    server_id = first_server_id(emulator)
    emulator.faults(error_rate=1.0, error_status=503)
    emulator.clear()
    sleeps = Sleeps()
    with pytest.raises(LeasewebError) as info:
        make_client(emulator, sleeps, retries=2).get('/servers/%s' % server_id)
    assert info.value.status == 503
    assert 'gave up after 3 attempts' in info.value.msg
    assert statuses(emulator.requests()) == [503, 503, 503]


def test_retries_stop_when_the_next_pause_would_pass_the_budget(emulator):
    """The budget counts from the first attempt on the client's clock: two pauses of 20 s fit in
    50 s, a third would pass it."""
    server_id = first_server_id(emulator)
    emulator.faults(rate_limit_rate=1.0, retry_after=20)
    emulator.clear()
    sleeps = Sleeps()
    with pytest.raises(LeasewebError) as info:
        make_client(emulator, sleeps, retries=10, retry_budget=50).get('/servers/%s' % server_id)
    assert sleeps == [20, 20]
    assert 'gave up after 3 attempts: waiting 20.0s more would pass the 50s retry budget' in info.value.msg
    assert statuses(emulator.requests()) == [429, 429, 429]


def test_retries_stop_at_the_time_budget(emulator):
    server_id = first_server_id(emulator)
    emulator.faults(rate_limit_rate=1.0, retry_after=1000)
    emulator.clear()
    sleeps = Sleeps()
    with pytest.raises(LeasewebError) as info:
        make_client(emulator, sleeps, retry_budget=60).get('/servers/%s' % server_id)
    assert sleeps == []
    assert 'retry budget' in info.value.msg
    assert statuses(emulator.requests()) == [429]


def test_zero_retries(emulator):
    server_id = first_server_id(emulator)
    emulator.faults(error_rate=1.0, error_status=503, count=1)
    emulator.clear()
    with pytest.raises(LeasewebError):
        make_client(emulator, retries=0).get('/servers/%s' % server_id)
    assert len(emulator.requests()) == 1


def test_get_or_none_tells_a_missing_item_from_an_unknown_server(emulator):
    server_id = first_server_id(emulator)
    client = make_client(emulator)
    item = '/servers/%s/credentials/DATABASE/nobody' % server_id
    emulator.clear()
    assert client.get_or_none(item, list_path='/servers/%s/credentials/DATABASE' % server_id) is None
    assert [r['path'][len('/bareMetals/v2') :] for r in emulator.requests()] == [
        item,
        '/servers/%s/credentials/DATABASE' % server_id,
    ]
    with pytest.raises(LeasewebError) as info:
        client.get_or_none(
            '/servers/999999999/credentials/DATABASE/nobody', list_path='/servers/999999999/credentials/DATABASE'
        )
    assert info.value.status == 404 and info.value.path == '/bareMetals/v2/servers/999999999/credentials/DATABASE'


def test_a_client_error_is_not_retried(emulator):
    emulator.clear()
    with pytest.raises(LeasewebError) as info:
        make_client(emulator).get('/servers/does-not-exist')
    assert info.value.status == 404
    assert len(emulator.requests()) == 1


# -- errors ------------------------------------------------------------------------------

ERROR_MESSAGE = re.compile(r'^(GET|PUT|POST|DELETE) (/bareMetals/v2/\S+): HTTP (\d{3}): (.+) \(correlationId (\S+)\)$')


def test_error_message_names_method_path_status_once_message_and_correlation_id(emulator):
    """The API repeats the status as its errorCode ("404"): the message says it once."""
    with pytest.raises(LeasewebError) as info:
        make_client(emulator).get('/servers/does-not-exist')
    error = info.value
    match = ERROR_MESSAGE.match(error.msg)
    assert match, error.msg
    assert match.group(1, 2, 3) == ('GET', '/bareMetals/v2/servers/does-not-exist', '404')
    assert error.error['error_code'] == '404' and '404 404' not in error.msg
    assert error.error['correlation_id'] == match.group(5)
    assert error.error['error_message'] == match.group(4)
    assert error.to_result() == {'status': 404, 'error': error.error}


def answering(status, body):
    return lambda request: (status, {'Content-Type': 'application/json'}, json.dumps(body))


@pytest.mark.parametrize(
    'body, shown',
    [
        (
            {'errorCode': 'ACCESS_DENIED', 'errorMessage': 'Key revoked', 'correlationId': 'c-1'},
            'HTTP 403 (errorCode ACCESS_DENIED): Key revoked (correlationId c-1)',
        ),
        ({'errorCode': '403', 'errorMessage': 'Key revoked'}, 'HTTP 403: Key revoked'),
        ({'errorCode': 'ACCESS_DENIED'}, 'HTTP 403 (errorCode ACCESS_DENIED)'),
        ({}, 'HTTP 403 Forbidden'),
        # text from the API cannot forge a line: control characters are escaped
        (
            {'errorCode': '403', 'errorMessage': 'no\r\nok: [web-01] => forged\x1b[2K\u2028', 'correlationId': 'c\n2'},
            'HTTP 403: no\\r\\nok: [web-01] => forged\\x1b[2K\\u2028 (correlationId c\\n2)',
        ),
    ],
)
def test_error_message_shows_the_status_once_and_the_error_code_only_when_it_says_more(body, shown):
    with Trap(answering(403, body)) as api:
        client = LeasewebClient(api_key=SECRET, api_url=api.url, retries=0)
        with pytest.raises(LeasewebError) as info:
            client.get('/servers')
    assert info.value.msg == 'GET /bareMetals/v2/servers: ' + shown
    assert '\n' not in info.value.msg and '\r' not in info.value.msg


def test_validation_error_shows_its_details(emulator):
    server_id = first_server_id(emulator)
    with pytest.raises(LeasewebError) as info:
        make_client(emulator).post(
            '/servers/%s/notificationSettings/bandwidth' % server_id,
            {'frequency': 'HOURLY', 'threshold': '1', 'unit': 'Gbps'},
        )
    assert info.value.status == 400
    assert 'frequency' in info.value.error['error_details']
    assert '"frequency"' in info.value.msg
    assert emulator.writes()[-1]['status'] == 400


SECRET = 'sEcReT-kEy-0123456789'


def test_the_key_appears_in_no_message_or_result(emulator):
    server_id = first_server_id(emulator)
    failures = []
    wrong = make_client(emulator, api_key=SECRET)
    for call in (lambda: wrong.get('/servers'), lambda: wrong.post('/servers/%s/powerOn' % server_id)):
        with pytest.raises(LeasewebError) as info:
            call()
        assert info.value.status == 401
        failures.append(info.value)
    refused = make_client(emulator, api_key=SECRET, api_url='http://%s@127.0.0.1:%d' % (SECRET, free_port()), retries=0)
    with pytest.raises(LeasewebError) as info:
        refused.get('/servers')
    failures.append(info.value)
    emulator.faults(error_rate=1.0, error_status=502)
    with pytest.raises(LeasewebError) as info:
        make_client(emulator, api_key=SECRET, retries=1).get('/servers')
    failures.append(info.value)
    for failure in failures:
        assert SECRET not in failure.msg
        assert SECRET not in str(failure)
        assert SECRET not in repr(failure.to_result())


# -- waiting -----------------------------------------------------------------------------


def start_job(emulator, server_id, outcome=None, seconds=None):
    if outcome:
        emulator.admin('PUT', 'servers/%s/next_job' % server_id, json=dict(outcome=outcome, seconds=seconds))
    response = emulator.api('POST', '/servers/%s/hardwareScan' % server_id, json={'powerCycle': True})
    assert response.status_code == 202, response.text
    return response.json()['uuid']


def job_reads(emulator, server_id, job_id):
    """How many requests the emulator saw since the last clear, all reads of this job."""
    log = emulator.requests()
    assert [(r['method'], r['path']) for r in log] == [
        ('GET', '/bareMetals/v2/servers/%s/jobs/%s' % (server_id, job_id))
    ] * len(log)
    return len(log)


def test_wait_for_job_returns_the_finished_job(emulator):
    server_id = first_server_id(emulator)
    client, sleeps = waiting_client(emulator)
    job_id = start_job(emulator, server_id, 'FINISHED', 1)
    emulator.clear()
    job = wait_until_job_ends(client, server_id, job_id, timeout=20, sleep=0.25)
    assert job['status'] == 'FINISHED' and job['uuid'] == job_id
    assert sleeps == [0.25] * 4  # read at 0, 0.25, 0.5, 0.75 s, and at 1 s: finished
    assert job_reads(emulator, server_id, job_id) == 5


def test_wait_for_job_stops_at_once_on_failure(emulator):
    server_id = first_server_id(emulator)
    client, sleeps = waiting_client(emulator)
    job_id = start_job(emulator, server_id, 'FAILED', 1)  # 6 tasks: the fourth fails at 4/6 s
    emulator.clear()
    with pytest.raises(LeasewebWaitError) as info:
        wait_until_job_ends(client, server_id, job_id, timeout=60, sleep=0.25)
    assert sleeps == [0.25] * 3  # read at 0, 0.25, 0.5 s, and at 0.75 s: failed; no pause after
    assert job_reads(emulator, server_id, job_id) == 4
    assert info.value.last['status'] == 'FAILED'
    assert not info.value.timed_out
    assert 'ended FAILED' in info.value.msg
    assert info.value.to_result()['job']['uuid'] == job_id


def test_wait_for_job_times_out_at_the_timeout(emulator):
    server_id = first_server_id(emulator)
    client, sleeps = waiting_client(emulator)
    job_id = start_job(emulator, server_id, 'HANG')
    emulator.clear()
    with pytest.raises(LeasewebWaitError) as info:
        wait_until_job_ends(client, server_id, job_id, timeout=1.75, sleep=0.5)
    assert sleeps == [0.5, 0.5, 0.5, 0.25]  # the last pause ends at the timeout
    assert job_reads(emulator, server_id, job_id) == 5  # the last one at the timeout, then the failure
    assert info.value.timed_out
    assert info.value.last['status'] == 'ACTIVE'
    assert info.value.msg.startswith('Timed out after 1.75s waiting for job %s' % job_id)


def test_wait_until_pauses_double_from_first_sleep_up_to_sleep(emulator):
    reads = []
    sleeps = Sleeps()
    client = make_client(emulator, sleeps=sleeps)

    def fetch():
        reads.append(len(reads))
        return len(reads)

    value = client.wait_until(
        fetch, lambda count: count == 7, timeout=1000, sleep=10, what='seven reads', first_sleep=1
    )
    assert value == 7
    assert sleeps == [1, 2, 4, 8, 10, 10]


def test_wait_until_pauses_start_at_one_second(emulator):
    sleeps = Sleeps()
    reads = []
    make_client(emulator, sleeps=sleeps).wait_until(
        lambda: reads.append(1) or len(reads), lambda count: count == 4, timeout=1000, sleep=3, what='four reads'
    )
    assert sleeps == [1, 2, 3]


def test_wait_until_reads_first_sleep_when_the_wait_starts(emulator, monkeypatch):
    """first_sleep=None: api.FIRST_SLEEP as it is when the wait starts, not when the client was made."""
    sleeps = Sleeps()
    client = make_client(emulator, sleeps)
    monkeypatch.setattr(api_module, 'FIRST_SLEEP', 0.25)
    reads = []
    client.wait_until(
        lambda: reads.append(1) or len(reads),
        lambda count: count == 6,
        timeout=1000,
        sleep=3,
        what='six reads',
        first_sleep=None,
    )
    assert sleeps == [0.25, 0.5, 1, 2, 3]


def test_wait_until_times_out_after_one_read_with_a_zero_timeout(emulator):
    sleeps = Sleeps()
    reads = []
    with pytest.raises(LeasewebWaitError) as info:
        make_client(emulator, sleeps=sleeps).wait_until(
            lambda: reads.append(1) or len(reads), lambda count: False, timeout=0, sleep=3, what='nothing'
        )
    assert reads == [1] and sleeps == []
    assert info.value.timed_out and info.value.last == 1


def test_wait_for_job_with_first_sleep_ends_soon_after_a_short_job(emulator):
    server_id = first_server_id(emulator)
    client, sleeps = waiting_client(emulator)
    job_id = start_job(emulator, server_id, 'FINISHED', 0.5)
    emulator.clear()
    job = wait_until_job_ends(client, server_id, job_id, timeout=60, sleep=30, first_sleep=0.25)
    assert job['status'] == 'FINISHED'
    assert sleeps == [0.25, 0.5]  # finished at 0.75 s, read then: not after 30 s
    assert job_reads(emulator, server_id, job_id) == 3


# -- where the key goes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    'url',
    [
        'https://api.leaseweb.com',
        'https://api.leaseweb.com:8443/',
        'HTTPS://API.LEASEWEB.COM',
        'http://127.0.0.1:8080',
        'http://127.8.9.10',
        'http://[::1]:9000',
        'http://localhost:1234',
        'http://LocalHost',
        None,
    ],
)
def test_api_url_accepted(url):
    assert api_url_problem(url) is None


@pytest.mark.parametrize(
    'url, message',
    [
        (
            'http://api.leaseweb.com',
            "api_url: 'http://api.leaseweb.com' is plain http, so the API key would cross the network "
            'to api.leaseweb.com in clear text: use https://. http:// is only accepted to a loopback '
            'address (127.0.0.0/8, ::1, localhost), such as the emulator',
        ),
        ('http://10.0.0.5:8080', 'is plain http, so the API key would cross the network to 10.0.0.5'),
        ('http://0.0.0.0:8080', 'to 0.0.0.0 in clear text'),
        ('http://localhost.example.com', 'to localhost.example.com in clear text'),
        ('http://127.0.0.1.nip.io', 'to 127.0.0.1.nip.io in clear text'),
        ('http://[::2]', 'to ::2 in clear text'),
        ('http://[::ffff:10.0.0.1]', 'in clear text'),
        ('http://user:hunter2@api.example.com', "api_url: 'http://***@api.example.com' is plain http"),
        ('ftp://api.leaseweb.com', "api_url: 'ftp://api.leaseweb.com' is not a URL such as https://api.leaseweb.com"),
        ('api.leaseweb.com', "api_url: 'api.leaseweb.com' is not a URL such as"),
        ('', "api_url: '' is not a URL such as"),
        ('https://', "api_url: 'https://' is not a URL such as"),
        (' https://api.leaseweb.com', 'is not a URL such as'),
        ('https://api.leaseweb.com:0', 'is not a URL such as'),
        ('https://api.leaseweb.com:99999', "api_url: 'https://api.leaseweb.com:99999' is not a URL (Port out of range"),
        ('https://api.leaseweb.com:port', 'is not a URL'),
    ],
)
def test_api_url_refused(url, message):
    problem = api_url_problem(url)
    assert problem is not None and message in problem
    assert 'hunter2' not in problem


def test_a_client_for_plain_http_to_another_host_fails_before_any_request(emulator):
    """The name resolves to the emulator: were the client made, the request (and the key) would arrive there."""
    port = emulator.url.rsplit(':', 1)[1]
    url = 'http://api.example.test:%s' % port
    emulator.clear()
    with resolving('api.example.test'):
        # the name does lead to the emulator
        assert requests.get(url + '/bareMetals/v2/servers', timeout=10).status_code == 401
        assert len(emulator.requests()) == 1
        emulator.clear()
        with pytest.raises(LeasewebError) as info:
            make_client(emulator, api_url=url)
    assert info.value.msg.startswith("api_url: '%s' is plain http" % url)
    assert emulator.requests() == []


def test_validate_certs_false_is_warned_only_over_tls():
    warning = insecure_warning('https://api.leaseweb.com', False)
    assert warning.startswith(
        'validate_certs is false: the TLS certificate of https://api.leaseweb.com is not verified'
    )
    assert insecure_warning(None, False).startswith(
        'validate_certs is false: the TLS certificate of https://api.leaseweb.com'
    )
    assert insecure_warning('https://api.leaseweb.com', True) is None
    assert insecure_warning('http://127.0.0.1:8080', False) is None  # no TLS to verify
    assert 'hunter2' not in insecure_warning('https://u:hunter2@api.example.com', False)


@pytest.fixture
def trap():
    """A server that records what reaches it: the other port a redirect points to."""
    with Trap() as server:
        yield server


def test_requests_would_carry_the_key_along_a_redirect(trap):
    """What the client guards against: requests follows a redirect to another port with X-LSW-Auth."""
    with Trap(redirect_to(trap.url)) as redirector:
        assert requests.get(redirector.url + '/x', headers={'X-LSW-Auth': SECRET}, timeout=10).status_code == 200
    assert trap.keys() == [SECRET]


@pytest.mark.parametrize('status', [301, 302, 303, 307, 308])
@pytest.mark.parametrize('method', ['GET', 'POST'])
def test_a_redirect_is_never_followed(trap, method, status):
    with Trap(redirect_to(trap.url, status)) as redirector:
        sleeps = Sleeps()
        client = LeasewebClient(api_key=SECRET, api_url=redirector.url, retries=3, sleep=sleeps, clock=sleeps.clock)
        with pytest.raises(LeasewebError) as info:
            client.request(method, '/servers')
        assert [r['method'] for r in redirector.requests] == [method]  # once, not retried
        assert redirector.keys() == [SECRET]
    assert trap.requests == [] and trap.keys() == []
    message = info.value.msg
    assert message.startswith(
        '%s /bareMetals/v2/servers: HTTP %d to %s/bareMetals/v2/servers: the answer is a redirect, '
        'which is not followed' % (method, status, trap.url)
    )
    assert 'could send the API key to another host' in message
    assert 'not retried' not in message
    assert info.value.status == status and sleeps == [] and client.writes == 0
