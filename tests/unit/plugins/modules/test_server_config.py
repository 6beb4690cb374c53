# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.server_config in-process: the whole declared state of one server in one task.

Server 12345 (SIN-01) is seeded with reference k8s-node-01, main IP 192.0.2.10/29 (ADVANCED DDoS
protection, reverse lookup hosted-by.leaseweb.com) and three STANDARD addresses, every switch port
open, DDoS nulling emails on and scrubbing emails off, no bandwidth setting and one MONTHLY 10 TB
data traffic setting, private network 892 at 10000 Mbps, no DHCP lease, powered on. The areas of
a server are read concurrently, so the reads are compared in any order (``reads``); the writes
come in the order of the areas.
"""

SERVER = '/servers/12345'
MAIN = SERVER + '/ips/192.0.2.10'

DECLARED = dict(
    reference='web-07',
    ips=dict(
        addresses=[dict(ip='192.0.2.10/29', reverse_lookup='node01.example.com', detection_profile='ADVANCED_LOW_UDP')]
    ),
    interfaces=dict(public='open', internal='closed'),
    ddos_notifications=dict(nulling=True, scrubbing=True),
    datatraffic_notifications=dict(
        state='overridden', settings=[dict(frequency='MONTHLY', threshold='10.0', unit='TB')]
    ),
    bandwidth_notifications=dict(state='overridden', settings=[dict(frequency='DAILY', threshold='500', unit='Mbps')]),
    private_network=dict(id='892', link_speed=1000),
)
# every area of DECLARED read once (the server's record serves the reference and the private network)
READS = sorted(
    [
        'GET ' + SERVER,
        'GET /servers/12345/ips?ips=192.0.2.10&limit=50&offset=0',
        'GET /servers/12345/networkInterfaces',
        'GET /servers/12345/notificationSettings/ddos',
        'GET /servers/12345/notificationSettings/datatraffic?limit=50&offset=0',
        'GET /servers/12345/notificationSettings/bandwidth?limit=50&offset=0',
    ]
)


def reads(run):
    return sorted(call for call in run.calls if call.startswith('GET '))


def config(modules, check_mode=False, diff=False, server_id='12345', **declared):
    return modules.run('server_config', server_id=server_id, check_mode=check_mode, diff=diff, wait_sleep=1, **declared)


def test_check_mode_reads_each_declared_area_once_and_predicts_the_drift(modules):
    run = config(modules, check_mode=True, diff=True, **DECLARED)
    assert run.changed and not run.failed
    assert run['drifted'] == [
        'reference',
        'ips',
        'interfaces',
        'ddos_notifications',
        'bandwidth_notifications',
        'private_network',
    ]
    assert reads(run) == READS and run.writes == []
    assert run['areas']['reference'] == {
        'changed': True,
        'before': {'reference': 'k8s-node-01'},
        'after': {'reference': 'web-07'},
    }
    assert run['areas']['interfaces'] == {
        'changed': True,
        'before': {'public': 'OPEN', 'internal': 'OPEN'},
        'after': {'public': 'OPEN', 'internal': 'CLOSED'},
    }
    # the threshold compares as a number: 10.0 TB is the seeded 10 TB
    assert not run['areas']['datatraffic_notifications']['changed']
    assert run['areas']['bandwidth_notifications']['after'] == [
        {'frequency': 'DAILY', 'threshold': '500', 'unit': 'Mbps'}
    ]
    assert run['diff']['before']['private_network'] == {'state': 'present', 'link_speed': 10000}
    assert run['diff']['after']['private_network'] == {'state': 'present', 'link_speed': 1000}
    assert set(run['diff']['before']) == set(DECLARED)
    assert modules.api('GET', SERVER)[1]['contract']['reference'] == 'k8s-node-01'


def test_the_run_writes_only_what_differs_in_the_order_of_the_areas_and_the_rerun_only_reads(modules):
    modules.settings(private_network_seconds=1)
    check = config(modules, check_mode=True, diff=True, **DECLARED)
    run = config(modules, diff=True, **DECLARED)
    assert run.changed and not run.failed
    assert run['drifted'] == check['drifted']
    # the same diff, except that the created setting has its id now
    created = run['diff']['after']['bandwidth_notifications'][0]
    assert run['diff']['before'] == check['diff']['before']
    assert created.pop('id') and run['diff']['after'] == check['diff']['after']
    assert run.writes == [
        'PUT ' + SERVER,
        'PUT ' + MAIN,
        'POST /servers/12345/networkInterfaces/internal/close',
        'PUT /servers/12345/notificationSettings/ddos',
        'POST /servers/12345/notificationSettings/bandwidth',
        'PUT /servers/12345/privateNetworks/892',
    ]
    assert run.bodies[:2] == [
        {'reference': 'web-07'},
        {'reverseLookup': 'node01.example.com', 'detectionProfile': 'ADVANCED_LOW_UDP'},
    ]
    assert run.bodies[3] == {'nulling': 'ENABLED', 'scrubbing': 'ENABLED'}
    again = config(modules, diff=True, **DECLARED)
    assert not again.changed and again['drifted'] == []
    assert reads(again) == READS and again.writes == []
    assert again['diff']['before'] == again['diff']['after']


def test_an_area_left_out_is_not_read(modules):
    run = config(modules, reference='k8s-node-01')
    assert not run.changed
    assert run.calls == ['GET ' + SERVER]
    assert list(run['areas']) == ['reference']


def test_merged_settings_are_added_and_overridden_settings_replace(modules):
    setting = dict(frequency='DAILY', threshold='1', unit='Gbps')
    merged = config(
        modules, datatraffic_notifications=dict(settings=[dict(frequency='WEEKLY', threshold='2', unit='TB')])
    )
    assert merged.writes == ['POST /servers/12345/notificationSettings/datatraffic']
    kept = modules.api('GET', SERVER + '/notificationSettings/datatraffic')[1]['datatrafficNotificationSettings']
    assert sorted((s['frequency'], s['threshold']) for s in kept) == [('MONTHLY', '10'), ('WEEKLY', '2')]
    overridden = config(
        modules,
        diff=True,
        datatraffic_notifications=dict(state='overridden', settings=[]),
        bandwidth_notifications=dict(settings=[setting]),
    )
    assert sorted(overridden.writes) == sorted(
        ['DELETE /servers/12345/notificationSettings/datatraffic/%s' % s['id'] for s in kept]
        + ['POST /servers/12345/notificationSettings/bandwidth']
    )
    assert overridden['diff']['after']['datatraffic_notifications'] == []
    assert modules.api('GET', SERVER + '/notificationSettings/datatraffic')[1]['datatrafficNotificationSettings'] == []


def test_overridden_settings_remove_the_copies_of_a_declared_one_keeping_the_lowest_id(modules):
    for _copy in range(2):
        modules.api(
            'POST', SERVER + '/notificationSettings/bandwidth', dict(frequency='DAILY', threshold='1', unit='Gbps')
        )
    copies = modules.api('GET', SERVER + '/notificationSettings/bandwidth')[1]['bandwidthNotificationSettings']
    run = config(
        modules,
        bandwidth_notifications=dict(
            state='overridden', settings=[dict(frequency='DAILY', threshold='1.0', unit='Gbps')]
        ),
    )
    highest = max(copies, key=lambda s: int(s['id']))['id']
    assert run.writes == ['DELETE /servers/12345/notificationSettings/bandwidth/%s' % highest]


def test_overridden_addresses_lose_what_is_not_declared(modules):
    run = config(
        modules,
        check_mode=True,
        ips=dict(state='overridden', addresses=[dict(ip='2001:1af8:4705::2', reverse_lookup='six.example.com')]),
    )
    assert run.calls == ['GET /servers/12345/ips?limit=50&offset=0']
    # the main address loses its reverse lookup, the declared one gets its own; the rest is as seeded
    assert run['areas']['ips']['after']['192.0.2.10'] == {'reverse_lookup': '', 'detection_profile': 'ADVANCED_DEFAULT'}
    assert run['areas']['ips']['after']['2001:1af8:4705::2']['reverse_lookup'] == 'six.example.com'
    six = dict(ip='2001:1af8:4705::2', reverse_lookup='six.example.com')
    applied = config(modules, ips=dict(state='overridden', addresses=[six]))
    assert sorted(applied.writes) == ['PUT /servers/12345/ips/192.0.2.10', 'PUT /servers/12345/ips/2001:1af8:4705::2']
    assert sorted(applied.bodies, key=str) == sorted(
        [{'reverseLookup': ''}, {'reverseLookup': 'six.example.com'}], key=str
    )


def test_one_interface_is_read_alone_and_several_with_one_request(modules):
    one = config(modules, interfaces=dict(remote_management='open'))
    several = config(modules, interfaces=dict(public='open', remote_management='open'))
    assert one.calls == ['GET /servers/12345/networkInterfaces/remoteManagement']
    assert several.calls == ['GET /servers/12345/networkInterfaces']
    assert not one.changed and not several.changed


def test_credentials_compare_the_password_without_showing_it(modules):
    secret = 'db-Pa55-c0nfig-4b1d'
    declared = dict(
        credentials=[
            dict(type='DATABASE', username='app', password=secret),
            dict(type='OPERATING_SYSTEM', username='root', password='never-used-9c2e', update_password='on_create'),
        ]
    )
    run = config(modules, diff=True, **declared)
    assert run.changed and run['drifted'] == ['credentials']
    assert run.writes == ['POST /servers/12345/credentials']
    assert run['diff']['after']['credentials'] == {
        'DATABASE/app': {'type': 'DATABASE', 'username': 'app', 'password': '(hidden, set)'},
        'OPERATING_SYSTEM/root': {'type': 'OPERATING_SYSTEM', 'username': 'root', 'password': '(hidden)'},
    }
    again = config(modules, **declared)
    assert not again.changed and again.writes == []
    changed = config(modules, credentials=[dict(type='DATABASE', username='app', password=secret + '-2')])
    assert changed.writes == ['PUT /servers/12345/credentials/DATABASE/app']
    for result in (run, again, changed):
        assert secret not in repr(result.result) and 'never-used-9c2e' not in repr(result.result)


def test_dhcp_lease_and_power_are_areas_too(modules):
    run = config(modules, dhcp_lease=dict(bootfile='https://boot.example.com/boot.ipxe'), power='off')
    assert run['drifted'] == ['dhcp_lease', 'power']
    assert run.writes == ['POST /servers/12345/leases', 'POST /servers/12345/powerOff']
    again = config(modules, dhcp_lease=dict(bootfile='https://boot.example.com/boot.ipxe'), power='off')
    assert not again.changed and again.writes == []


def test_what_the_server_cannot_take_fails_before_any_write_naming_the_area(modules):
    standard = dict(ip='2001:1af8:4705::2', detection_profile='ADVANCED_LOW_UDP')
    run = config(modules, reference='changed-ref', ips=dict(addresses=[standard]))
    assert run.failed and not run.changed
    assert run.msg.startswith('server 12345: ips: 2001:1af8:4705::2: detection_profile: ')
    assert run.msg.endswith(' [nothing was changed]')
    assert run['failed_area'] == 'ips'
    assert run.writes == []


def test_an_address_the_server_does_not_have_fails_before_any_write(modules):
    run = config(
        modules, reference='changed-ref', ips=dict(addresses=[dict(ip='192.0.2.99', reverse_lookup='x.example.com')])
    )
    assert run.failed and run.writes == []
    assert run.msg == 'server 12345: ips: server 12345 has no address 192.0.2.99 [nothing was changed]'


def test_a_failing_write_names_its_area_and_stops_no_other_area(modules):
    modules.faults(error_rate=1.0, error_status=500, methods=['PUT'], path='/servers/12345/notificationSettings/ddos')
    run = config(
        modules,
        reference='web-07',
        ddos_notifications=dict(scrubbing=True),
        private_network=dict(id='892', link_speed=1000),
    )
    assert run.failed and run.changed  # the reference and the private network were applied
    assert run['failed_area'] == 'ddos_notifications'
    assert run.msg.startswith(
        'server 12345: ddos_notifications: PUT /bareMetals/v2/servers/12345/notificationSettings/ddos: HTTP 500'
    )
    assert 'nothing was changed' not in run.msg
    assert run['areas']['reference']['changed'] is True and run['areas']['private_network']['changed'] is True
    assert run.writes == [
        'PUT ' + SERVER,
        'PUT /servers/12345/notificationSettings/ddos',
        'PUT /servers/12345/privateNetworks/892',
    ]
    assert modules.api('GET', SERVER)[1]['contract']['reference'] == 'web-07'


def test_an_unknown_server_fails_naming_the_first_area_that_reads_it(modules):
    run = config(modules, server_id='999999', reference='x', ddos_notifications=dict(nulling=True))
    assert run.failed and not run.changed and run.writes == []
    assert run['status'] == 404 and run['failed_area'] == 'reference'
    assert run.msg.startswith('server 999999: reference: GET /bareMetals/v2/servers/999999: HTTP 404')


def test_a_private_network_change_is_waited_for(modules):
    modules.settings(private_network_seconds=3)
    run = config(modules, private_network=dict(id='892', link_speed=1000))
    assert run.calls == ['GET ' + SERVER, 'PUT /servers/12345/privateNetworks/892'] + ['GET ' + SERVER] * 3
    assert run['areas']['private_network']['after'] == {'state': 'present', 'link_speed': 1000}
    nowait = config(modules, private_network=dict(id='892', link_speed=10000), wait=False)
    assert nowait.calls == ['GET ' + SERVER, 'PUT /servers/12345/privateNetworks/892', 'GET ' + SERVER]
