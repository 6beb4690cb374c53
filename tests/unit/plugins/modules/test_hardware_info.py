# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.hardware_info in process: one server's scan and monitoring data, or the
monitoring data of every server (every page, filtered by site or rack)."""


def server_ids(modules, **query):
    query['limit'] = '50'
    status, answer = modules.api('GET', '/servers', query=query)
    assert status == 200
    assert answer['_metadata']['totalCount'] == len(answer['servers'])
    return [server['id'] for server in answer['servers']]


def test_the_scan_and_the_monitoring_data_of_a_server(modules):
    run = modules.run('hardware_info', server_id='12345')
    assert not run.changed and not run.failed
    hardware = run['hardware']
    assert hardware['server_id'] == '12345'
    assert hardware['result']['disks']
    assert hardware['scanned_at']
    assert [item['server_id'] for item in run['monitoring']] == ['12345']
    power = [
        metric['value'] for metric in run['monitoring'][0]['metrics'] if metric['metric'] == 'ipmi_chassis_power_state'
    ]
    assert power == ['1']
    assert run.calls == ['GET /servers/12345/hardwareInfo', 'GET /servers/12345/hardwareMonitoring']


def test_a_server_without_ipmi_has_no_monitoring_data_in_check_mode(modules):
    unmanaged = modules.state.order[24].id  # index 24 of the seeded fleet: no IPMI
    run = modules.run('hardware_info', server_id=unmanaged, check_mode=True)
    assert not run.changed and not run.failed
    assert run['hardware']['server_id'] == unmanaged
    assert run['monitoring'] == []
    # the monitoring data answered 404; the server exists, so that is no failure
    assert run.calls == ['GET /servers/%s/hardwareInfo' % unmanaged, 'GET /servers/%s/hardwareMonitoring' % unmanaged]
    assert run.requests[1]['status'] == 404


def test_the_monitoring_data_of_every_server_every_page(modules):
    modules.settings(max_limit=10)
    run = modules.run('hardware_info')
    assert not run.changed and not run.failed
    assert 'hardware' not in run.result
    monitored = [item['server_id'] for item in run['monitoring']]
    assert len(monitored) == 39
    assert modules.state.order[24].id not in monitored
    assert run.calls == ['GET /hardwareMonitoring?limit=50&offset=%d' % offset for offset in (0, 10, 20, 30)]


def test_the_site_filter_goes_to_the_api(modules):
    site = modules.state.order[0].detail['location']['site']
    run = modules.run('hardware_info', site=site)
    assert not run.failed
    expected = [server_id for server_id in server_ids(modules, site=site) if server_id != modules.state.order[24].id]
    assert sorted(item['server_id'] for item in run['monitoring']) == sorted(expected)
    assert run.calls == ['GET /hardwareMonitoring?limit=50&offset=0&site=%s' % site]


def test_the_location_filter_goes_to_the_api(modules):
    rack = modules.state.order[0].detail['location']['rack']
    run = modules.run('hardware_info', location=rack)
    assert not run.failed
    assert '12345' in [item['server_id'] for item in run['monitoring']]
    assert run.calls == ['GET /hardwareMonitoring?limit=50&location=%s&offset=0' % rack]
