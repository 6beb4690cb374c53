# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.server_report_info in process: many servers read in one run, concurrently.

The seeded fleet has 40 servers, 12345 first; index 11 (and 23, 35) is off. Each test compares
the module's report with the emulator's answers read directly (``modules.api``, not logged),
mapped here from the API's own camelCase fields, and asserts the requests the module sent. With
``concurrency`` above 1 the order of the requests varies, so they are compared as a multiset;
with ``concurrency: 1`` as a sequence.
"""

import collections

import pytest

LIST = 'GET /servers?limit=100&offset=0'


def parts_calls(server_id, include=('power', 'running_job', 'last_install')):
    calls = dict(
        power=['GET /servers/%s/powerInfo' % server_id],
        running_job=['GET /servers/%s/jobs?isRunning=true&limit=50&offset=0' % server_id],
        last_install=['GET /servers/%s/jobs?limit=50&offset=0&type=install' % server_id],
    )
    return [call for part in ('power', 'running_job', 'last_install') if part in include for call in calls[part]]


def api(modules, path, query=None):
    status, answer = modules.api('GET', path, query=query)
    assert status == 200, (path, answer)
    return answer


def fleet_ids(modules):
    return [server['id'] for server in api(modules, '/servers', {'limit': '1000'})['servers']]


def expected(modules, server_id):
    """The report entry of a server, from the API's raw answers."""
    record = api(modules, '/servers/%s' % server_id)
    public = record['networkInterfaces'].get('public')
    power = api(modules, '/servers/%s/powerInfo' % server_id)
    running = api(modules, '/servers/%s/jobs' % server_id, {'isRunning': 'true'})['jobs']
    installs = api(modules, '/servers/%s/jobs' % server_id, {'type': 'install'})['jobs']
    running = max(running, key=lambda job: job['createdAt']) if running else None
    install = max(installs, key=lambda job: job['createdAt']) if installs else None
    return dict(
        id=server_id,
        asset_id=record['assetId'],
        reference=record['contract'].get('reference'),
        site=record['location']['site'],
        rack=record['location']['rack'],
        public_ip=public['ip'].split('/')[0] if public else None,
        null_routed=public['nullRouted'] if public else None,
        powered_on=power['ipmi']['status'] != 'off' and power['pdu']['status'] != 'off',
        power=power,
        running_job=None
        if running is None
        else dict(
            type=running['type'],
            uuid=running['uuid'],
            status=running['status'],
            progress=running['progress'],
            created_at=running['createdAt'],
            updated_at=running['updatedAt'],
        ),
        last_install=None
        if install is None
        else dict(
            operating_system_id=install['payload']['operatingSystemId'],
            operating_system_name=install['payload']['os']['name'],
            uuid=install['uuid'],
            status=install['status'],
            created_at=install['createdAt'],
            updated_at=install['updatedAt'],
        ),
    )


def by_id(run):
    return dict((server['id'], server) for server in run['servers'])


def warnings_of(run):
    """The texts of the run's warnings (ansible-core 2.19 and newer return each as a WarningSummary dict)."""
    return [(w.get('event') or w).get('msg') if isinstance(w, dict) else w for w in run.warnings]


@pytest.fixture
def still(modules):
    """The emulator's clock stopped, so that a job's progress reads the same to the module and to the test."""
    modules.clock(mode='manual')
    return modules


# -- the whole fleet -------------------------------------------------------------------------------


def test_the_whole_fleet_in_one_run_matches_the_api_and_sends_only_reads(modules):
    ids = fleet_ids(modules)
    assert len(ids) == 40
    run = modules.run('server_report_info', check_mode=True)
    assert not run.changed and not run.failed
    assert [server['id'] for server in run['servers']] == sorted(ids, key=int)
    assert run['servers'] == [expected(modules, server_id) for server_id in sorted(ids, key=int)]
    assert run['missing'] == []
    assert warnings_of(run) == []
    # the list, then three reads per server, nothing else
    assert run.calls[0] == LIST
    assert collections.Counter(run.calls) == collections.Counter([LIST] + [c for i in ids for c in parts_calls(i)])
    assert run.writes == []
    assert run['api_requests'] == len(run.calls) == 121


def test_the_first_server_and_the_servers_that_are_off(modules):
    run = modules.run('server_report_info')
    first = run['servers'][0]
    assert {
        key: first[key] for key in ('id', 'reference', 'site', 'rack', 'public_ip', 'null_routed', 'powered_on')
    } == dict(
        id='12345',
        reference='k8s-node-01',
        site='SIN-01',
        rack='DG38',
        public_ip='192.0.2.10',
        null_routed=False,
        powered_on=True,
    )
    assert first['running_job'] is None
    assert first['last_install']['status'] == 'FINISHED' and first['last_install']['operating_system_id']
    off = [index for index, server in enumerate(run['servers']) if not server['powered_on']]
    assert off == [11, 23, 35]


def test_a_null_route_a_power_change_and_running_jobs_show(still):
    modules = still
    ids = sorted(fleet_ids(modules), key=int)
    nulled, off, installing, rescued, failed = ids[1], ids[2], ids[3], ids[4], ids[5]
    nulled_ip = api(modules, '/servers/%s' % nulled)['networkInterfaces']['public']['ip'].split('/')[0]
    assert modules.api('POST', '/servers/%s/ips/%s/null' % (nulled, nulled_ip))[0] == 202
    assert modules.api('POST', '/servers/%s/powerOff' % off)[0] == 204
    assert modules.api('POST', '/servers/%s/install' % installing, {'operatingSystemId': 'DEBIAN_12_64BIT'})[0] == 202
    assert modules.api('POST', '/servers/%s/rescueMode' % rescued, {'rescueImageId': 'GRML'})[0] == 202
    modules.next_job(failed, outcome='FAILED')
    assert modules.api('POST', '/servers/%s/install' % failed, {'operatingSystemId': 'ALMALINUX_9_64BIT'})[0] == 202
    modules.clock(advance=1)  # halfway through the jobs (2 s each); the failing one fails at its end
    run = modules.run('server_report_info', server_ids=[nulled, off, installing, rescued, failed])
    assert not run.failed, run.msg
    report = by_id(run)
    assert run['servers'] == [expected(modules, server_id) for server_id in (nulled, off, installing, rescued, failed)]

    assert report[nulled]['null_routed'] is True and report[nulled]['public_ip'] == nulled_ip
    assert report[off]['powered_on'] is False
    assert report[off]['power'] == {'ipmi': {'status': 'off'}, 'pdu': {'status': 'off'}}
    job = report[installing]['running_job']
    assert (job['type'], job['status']) == ('install', 'ACTIVE')
    assert 0 < job['progress']['percentage'] < 100
    # the install that runs is the last one, with the system it installs
    assert report[installing]['last_install']['operating_system_id'] == 'DEBIAN_12_64BIT'
    assert report[installing]['last_install']['uuid'] == job['uuid']
    assert report[rescued]['running_job']['type'] == 'rescueMode'
    assert report[rescued]['last_install']['status'] == 'FINISHED'

    modules.clock(advance=5)
    again = by_id(
        modules.run('server_report_info', server_ids=[installing, failed], include=['running_job', 'last_install'])
    )
    assert again[installing]['running_job'] is None
    assert again[installing]['last_install']['status'] == 'FINISHED'
    assert again[failed]['running_job'] is None
    assert (again[failed]['last_install']['status'], again[failed]['last_install']['operating_system_id']) == (
        'FAILED',
        'ALMALINUX_9_64BIT',
    )


def test_every_page_of_the_list_is_read_when_the_api_serves_short_pages(modules):
    modules.settings(max_limit=7)
    run = modules.run('server_report_info', include=[], concurrency=3)
    assert not run.failed
    assert len(run['servers']) == 40 and len(set(server['id'] for server in run['servers'])) == 40
    # the first page tells the size the API serves; the others are asked at that size
    assert run.calls[0] == LIST
    assert sorted(run.calls[1:]) == sorted(['GET /servers?limit=7&offset=%d' % offset for offset in range(7, 40, 7)])
    assert all(
        server[part] is None
        for server in run['servers']
        for part in ('power', 'powered_on', 'running_job', 'last_install')
    )


@pytest.mark.parametrize('include', [['power'], ['running_job'], ['last_install'], ['last_install', 'power']])
def test_only_the_parts_asked_for_are_read(modules, include):
    run = modules.run('server_report_info', site='SIN-01', include=include, concurrency=1)
    assert not run.failed
    ids = [server['id'] for server in run['servers']]
    assert ids and '12345' in ids
    assert run.calls == ['GET /servers?limit=100&offset=0&site=SIN-01'] + [
        c for i in ids for c in parts_calls(i, include)
    ]
    for server in run['servers']:
        assert server['site'] == 'SIN-01'
        assert (server['power'] is not None) == ('power' in include)
        assert (server['last_install'] is not None) == ('last_install' in include)


def test_the_filters_go_to_the_api(modules):
    run = modules.run('server_report_info', reference='k8s-node-01', ip='192.0.2.10/29', include=[])
    assert [server['id'] for server in run['servers']] == ['12345']
    assert run.calls == ['GET /servers?ip=192.0.2.10&limit=100&offset=0&reference=k8s-node-01']


# -- servers by id ----------------------------------------------------------------------------------


def test_server_ids_are_read_in_their_order_once_each(modules):
    ids = sorted(fleet_ids(modules), key=int)
    wanted = [ids[7], ids[0], ids[7], ids[3]]
    run = modules.run('server_report_info', server_ids=wanted, concurrency=1)
    assert not run.failed
    assert [server['id'] for server in run['servers']] == [ids[7], ids[0], ids[3]]
    assert run['servers'] == [expected(modules, server_id) for server_id in (ids[7], ids[0], ids[3])]
    assert run.calls == [c for i in (ids[7], ids[0], ids[3]) for c in ['GET /servers/%s' % i] + parts_calls(i)]
    assert run['api_requests'] == 12


def test_unknown_servers_are_left_out_with_a_warning(modules):
    run = modules.run('server_report_info', server_ids=['12345', '99999', 'no such'], include=['power'])
    assert not run.failed and not run.changed
    assert [server['id'] for server in run['servers']] == ['12345']
    assert run['missing'] == ['99999', 'no such']
    assert warnings_of(run) == ['2 servers were not found (HTTP 404), left out: 99999, no such']
    assert collections.Counter(run.calls) == collections.Counter(
        [
            'GET /servers/12345',
            'GET /servers/12345/powerInfo',
            'GET /servers/99999',
            'GET /servers/99999/powerInfo',
            'GET /servers/no%20such',
            'GET /servers/no%20such/powerInfo',
        ]
    )


def test_an_empty_list_of_ids_reads_nothing(modules):
    run = modules.run('server_report_info', server_ids=[])
    assert not run.failed
    assert (run['servers'], run['missing'], run['api_requests']) == ([], [], 0)
    assert run.calls == []


# -- input and failures -----------------------------------------------------------------------------


def test_a_failing_read_fails_the_task_with_the_apis_message(modules):
    modules.faults(error_rate=1, error_status=500, path='/servers/12345/powerInfo')
    run = modules.run('server_report_info', server_ids=['12345', '12573'], include=['power'])
    assert run.failed and not run.changed
    assert run.msg.startswith('GET /bareMetals/v2/servers/12345/powerInfo: HTTP 500')
    assert run['status'] == 500
    assert 'servers' not in run.result
    # a 500 is not repeated
    assert run.calls.count('GET /servers/12345/powerInfo') == 1


def test_rate_limiting_is_waited_out_per_request(modules):
    modules.faults(rate_limit_rate=1, retry_after=0, count=2, path='/powerInfo')
    run = modules.run('server_report_info', server_ids=['12345'], include=['power'], concurrency=1)
    assert not run.failed, run.msg
    assert run['servers'][0]['powered_on'] is True
    assert run.calls == ['GET /servers/12345'] + ['GET /servers/12345/powerInfo'] * 3
    assert [entry['status'] for entry in run.requests] == [200, 429, 429, 200]
    assert run['api_requests'] == 4
