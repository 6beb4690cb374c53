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
    servers = [entry(server_id, host='node-%d' % number, reference='node-%d' % number) for number, server_id in enumerate(SIN)]
    servers[0]['reference'] = 'k8s-node-01'  # as seeded: 12345 does not drift
    run = fleet(modules, servers, check_mode=True, diff=True)
    assert run.changed and not run.failed
    assert run.writes == []
    # per server: its record, its DDoS settings and its public port, one after another
    assert len(run.calls) == 3 * len(SIN) and run['api_requests'] == 3 * len(SIN)
    assert [(s['server_id'], s['host'], s['drifted']) for s in run['servers']] == [
        ('12345', 'node-0', []), ('13058', 'node-1', ['reference']), ('13613', 'node-2', ['reference']),
        ('14188', 'node-3', ['reference'])]
    assert run['servers'][1]['areas'] == {'reference': {'before': {'reference': 'web-01'}, 'after': {'reference': 'node-1'}}}
    assert run['summary'] == {'servers': 4, 'drifted': 3, 'failed': 0, 'areas': {'reference': 3}}
    assert run['failed_servers'] == []
    assert [(d['before_header'], d['before'], d['after']) for d in run['diff']] == [
        ('server 13058 (node-1)', {'reference': {'reference': 'web-01'}}, {'reference': {'reference': 'node-1'}}),
        ('server 13613 (node-2)', {'reference': {'reference': 'web-01'}}, {'reference': {'reference': 'node-2'}}),
        ('server 14188 (node-3)', {'reference': {'reference': 'k8s-node-03'}}, {'reference': {'reference': 'node-3'}})]


def test_the_run_converges_every_server_and_the_rerun_writes_nothing(modules):
    servers = [entry(server_id, reference='node-%s' % server_id, ddos_notifications=dict(scrubbing=True))
               for server_id in SIN]
    run = fleet(modules, servers, concurrency=3)
    assert run.changed and run['summary']['drifted'] == 4
    assert sorted(run.writes) == sorted(['PUT /servers/%s' % s for s in SIN]
                                        + ['PUT /servers/%s/notificationSettings/ddos' % s for s in SIN])
    again = fleet(modules, servers, concurrency=3)
    assert not again.changed and again.writes == [] and again['summary']['drifted'] == 0
    assert len(again.calls) == 3 * len(SIN)


def test_one_servers_failure_stops_no_other_and_the_task_fails_naming_each(modules):
    servers = [entry('12345', reference='a-1'), entry('13837', private_network=dict(id='892', link_speed=1000)),
               entry('999999', reference='gone'), entry('13058', reference='a-2')]
    run = fleet(modules, servers)
    assert run.failed and run.changed
    assert run['failed_servers'] == ['13837', '999999']
    assert run['summary'] == {'servers': 4, 'drifted': 2, 'failed': 2, 'areas': {'reference': 2}}
    assert run.msg.startswith('2 of 4 servers failed: server 13837: private_network: Server 13837 cannot join a private '
                              'network (is_private_network_capable is false); server 999999: ')
    failed = dict((s['server_id'], s) for s in run['servers'] if s['failed'])
    assert failed['13837']['failed_area'] == 'private_network' and failed['999999']['status'] == 404
    assert sorted(run.writes) == ['PUT /servers/12345', 'PUT /servers/13058']


def test_a_429_pauses_the_whole_task_and_every_server_converges(modules):
    modules.faults(rate_limit_rate=0.3, retry_after=0, seed=3)
    servers = [entry(server_id, reference='paused-%s' % server_id) for server_id in SIN]
    run = fleet(modules, servers)
    assert not run.failed and run['summary']['drifted'] == 4
    assert [r['status'] for r in run.requests].count(429) > 0
    assert sorted(call for call, entry in zip(run.calls, run.requests) if entry['status'] < 300 and not call.startswith('GET')) \
        == sorted('PUT /servers/%s' % s for s in SIN)


@pytest.mark.parametrize('servers, options, message', [
    ([entry('12345'), entry('12345')], {}, 'servers[2] (server 12345): declared twice (also servers[1])'),
    ([dict(server_id='12345')], {}, 'servers[1] (server 12345): nothing is declared'),
    ([dict(server_id=' ', reference='x')], {}, 'servers[1]: server_id must not be empty'),
    ([entry('12345', bandwidth_notifications=dict(settings=[dict(frequency='DAILY', threshold='lots', unit='Gbps')]))], {},
     'servers[1] (server 12345): bandwidth_notifications: settings[1].threshold must be a positive number'),
    ([entry('12345')], dict(concurrency=0), 'concurrency must be between 1 and 100, got 0'),
])
def test_a_wrong_declaration_fails_the_task_before_any_request(modules, servers, options, message):
    run = fleet(modules, servers, **options)
    assert run.failed and message in run.msg
    assert run.calls == []
