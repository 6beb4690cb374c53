# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.fleet_config in-process: the declared state of many servers in one task.

In the seeded fleet 12345, 13058, 13613 and 14188 are the SIN-01 servers (references k8s-node-01,
web-01, web-01, k8s-node-03), every switch port open, DDoS nulling emails on and scrubbing off;
13837 cannot join a private network.
"""

import pytest

SIN = ['12345', '13058', '13613', '14188']


def entry(server_id, **declared):
    declared.setdefault('ddos_notifications', dict(nulling=True, scrubbing=False))
    declared.setdefault('interfaces', dict(public='open'))
    return dict(server_id=server_id, **declared)


def fleet(modules, servers, check_mode=False, diff=False, **options):
    return modules.run('fleet_config', servers=servers, check_mode=check_mode, diff=diff, **options)


def test_check_mode_is_a_drift_report_with_one_diff_per_drifted_server(modules):
    servers = [
        entry(server_id, host='node-%d' % number, reference='node-%d' % number) for number, server_id in enumerate(SIN)
    ]
    servers[0]['reference'] = 'k8s-node-01'  # as seeded: 12345 does not drift
    run = fleet(modules, servers, check_mode=True, diff=True)
    assert run.changed and not run.failed
    assert run.writes == []
    # per server: its record, its DDoS settings and its public port, one after another
    assert len(run.calls) == 3 * len(SIN) and run['api_requests'] == 3 * len(SIN)
    assert [(s['server_id'], s['host'], s['drifted']) for s in run['servers']] == [
        ('12345', 'node-0', []),
        ('13058', 'node-1', ['reference']),
        ('13613', 'node-2', ['reference']),
        ('14188', 'node-3', ['reference']),
    ]
    assert run['servers'][1]['areas'] == {
        'reference': {'before': {'reference': 'web-01'}, 'after': {'reference': 'node-1'}}
    }
    assert run['summary'] == {'servers': 4, 'drifted': 3, 'failed': 0, 'areas': {'reference': 3}}
    assert run['failed_servers'] == []
    assert [(d['before_header'], d['before'], d['after']) for d in run['diff']] == [
        ('server 13058 (node-1)', {'reference': {'reference': 'web-01'}}, {'reference': {'reference': 'node-1'}}),
        ('server 13613 (node-2)', {'reference': {'reference': 'web-01'}}, {'reference': {'reference': 'node-2'}}),
        ('server 14188 (node-3)', {'reference': {'reference': 'k8s-node-03'}}, {'reference': {'reference': 'node-3'}}),
    ]


def test_the_run_converges_every_server_and_the_rerun_writes_nothing(modules):
    servers = [
        entry(server_id, reference='node-%s' % server_id, ddos_notifications=dict(scrubbing=True)) for server_id in SIN
    ]
    run = fleet(modules, servers, concurrency=3)
    assert run.changed and run['summary']['drifted'] == 4
    assert sorted(run.writes) == sorted(
        ['PUT /servers/%s' % s for s in SIN] + ['PUT /servers/%s/notificationSettings/ddos' % s for s in SIN]
    )
    again = fleet(modules, servers, concurrency=3)
    assert not again.changed and again.writes == [] and again['summary']['drifted'] == 0
    assert len(again.calls) == 3 * len(SIN)


def test_one_servers_failure_stops_no_other_and_the_task_fails_naming_each(modules):
    servers = [
        entry('12345', reference='a-1'),
        entry('13837', private_network=dict(id='892', link_speed=1000)),
        entry('999999', reference='gone'),
        entry('13058', reference='a-2'),
    ]
    run = fleet(modules, servers)
    assert run.failed and run.changed
    assert run['failed_servers'] == ['13837', '999999']
    assert run['summary'] == {'servers': 4, 'drifted': 2, 'failed': 2, 'areas': {'reference': 2}}
    assert run.msg.startswith(
        '2 of 4 servers failed: server 13837: private_network: Server 13837 cannot join a private '
        'network (is_private_network_capable is false) [nothing was changed]; server 999999: '
    )
    failed = dict((s['server_id'], s) for s in run['servers'] if s['failed'])
    assert failed['13837']['failed_area'] == 'private_network' and failed['999999']['status'] == 404
    assert sorted(run.writes) == ['PUT /servers/12345', 'PUT /servers/13058']


def test_a_429_pauses_the_whole_task_and_every_server_converges(modules):
    modules.faults(rate_limit_rate=0.3, retry_after=0, seed=3)
    servers = [entry(server_id, reference='paused-%s' % server_id) for server_id in SIN]
    run = fleet(modules, servers)
    assert not run.failed and run['summary']['drifted'] == 4
    assert [r['status'] for r in run.requests].count(429) > 0
    assert sorted(
        call for call, entry in zip(run.calls, run.requests) if entry['status'] < 300 and not call.startswith('GET')
    ) == sorted('PUT /servers/%s' % s for s in SIN)


# -- 200 servers under faults ---------------------------------------------------------------


@pytest.fixture(scope='module')
def big_fleet():
    from tests.unit.plugins.modules.harness import ModuleHarness

    harness = ModuleHarness(servers=200, seed=11).start()
    yield harness
    harness.stop()


@pytest.fixture
def fleet_200(big_fleet, monkeypatch):
    """The 200-server fleet, reset; the client's backoff made short (the pauses are not what is tested)."""
    from ansible_collections.leaseweb.dedicated.plugins.module_utils import _client

    monkeypatch.setattr(_client, 'BACKOFF_BASE_SECONDS', 0.005)
    big_fleet.reset()
    status, listed = big_fleet.api('GET', '/servers', query={'limit': '200'})
    assert status == 200 and len(listed['servers']) == 200
    return big_fleet, [server['id'] for server in listed['servers']]


def declared(server_ids):
    # a reference (PUT), the DDoS emails (PUT) and a notification setting (POST) on every server
    return [
        dict(
            server_id=server_id,
            reference='fleet-%s' % server_id,
            ddos_notifications=dict(scrubbing=True),
            bandwidth_notifications=dict(settings=[dict(frequency='DAILY', threshold='2', unit='Gbps')]),
        )
        for server_id in server_ids
    ]


def carried_out(entry):
    """Whether the emulator carried a request out (429 and 503 are answered before it, 502 and 504 after)."""
    if entry.get('fault') == 'error':
        return entry['status'] in (500, 502, 504)
    return entry['status'] is None or entry['status'] < 400


def test_200_servers_under_refusals_converge_in_one_run(fleet_200):
    harness, server_ids = fleet_200
    harness.faults(error_rate=0.15, error_status=503, rate_limit_rate=0.10, retry_after=0.01, seed=21)
    run = harness.run('fleet_config', servers=declared(server_ids), api_retries=8)
    assert not run.failed, run.msg
    assert run['summary'] == {
        'servers': 200,
        'drifted': 200,
        'failed': 0,
        'areas': {'reference': 200, 'ddos_notifications': 200, 'bandwidth_notifications': 200},
    }
    statuses = [entry['status'] for entry in run.requests]
    print(
        '\n200 servers under 15%% 503 and 10%% 429: %d requests, %d refused (503 x %d, 429 x %d), %d writes'
        % (
            len(statuses),
            statuses.count(503) + statuses.count(429),
            statuses.count(503),
            statuses.count(429),
            len(run.writes),
        )
    )
    assert statuses.count(503) > 0 and statuses.count(429) > 0
    # every write carried out once: a refusal is answered before the request is carried out
    done = sorted('%s %s' % (e['method'], e['path']) for e in run.requests if e['method'] != 'GET' and carried_out(e))
    assert len(done) == 600 and len(set(done)) == 600
    harness.faults()
    again = harness.run('fleet_config', servers=declared(server_ids))
    assert not again.changed and again.writes == [] and again['summary']['drifted'] == 0


def test_200_servers_under_ambiguous_faults_do_nothing_twice_and_a_second_run_converges(fleet_200):
    harness, server_ids = fleet_200
    harness.faults(methods=['POST', 'PUT'], error_rate=0.1, error_status=502, drop_rate=0.1, truncate_rate=0.05, seed=8)
    first = harness.run('fleet_config', servers=declared(server_ids), api_retries=8)
    # a POST answered 502, dropped or cut off is not repeated: its server fails saying it may have been carried out
    assert first.failed and first['summary']['failed'] > 0
    for server in first['servers']:
        if server['failed']:
            assert 'may have been carried out' in server['msg'], server
    harness.faults(methods=['GET'], error_rate=0.05, error_status=504, drop_rate=0.05, seed=9)
    second = harness.run('fleet_config', servers=declared(server_ids), api_retries=8)
    assert not second.failed, second.msg
    harness.faults()
    third = harness.run('fleet_config', servers=declared(server_ids))
    assert not third.changed and third.writes == []
    posts = [e['path'] for run in (first, second) for e in run.requests if e['method'] == 'POST' and carried_out(e)]
    print(
        '\n200 servers under 502/dropped/cut-off writes: %d servers failed in the first run, %d POSTs carried out in '
        'two runs' % (first['summary']['failed'], len(posts))
    )
    # one notification setting per server, created once: no action was carried out twice
    assert len(posts) == len(set(posts)) == 200
    for server_id in server_ids[:20]:
        settings = harness.api('GET', '/servers/%s/notificationSettings/bandwidth' % server_id)[1]
        declared_ones = [
            s for s in settings['bandwidthNotificationSettings'] if (s['frequency'], s['threshold']) == ('DAILY', '2')
        ]
        assert len(declared_ones) == 1
