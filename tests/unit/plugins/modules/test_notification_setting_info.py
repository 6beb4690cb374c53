# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.notification_setting_info against the in-process emulator.

Server 12345 (the first of the seeded fleet) has no bandwidth setting, one data traffic setting
(MONTHLY, 10 TB), DDoS nulling emails on and scrubbing emails off.
"""

import pytest

SERVER = '12345'
BASE = '/servers/12345/notificationSettings/'


def page(kind, offset=0):
    return 'GET %s%s?limit=50&offset=%d' % (BASE, kind, offset)


def add(modules, kind, frequency, threshold, unit):
    status, answer = modules.api('POST', BASE + kind, dict(frequency=frequency, threshold=threshold, unit=unit))
    assert status == 201
    return answer['id']


def info(modules, **args):
    options = dict(server_id=SERVER)
    options.update(args)
    return modules.run('notification_setting_info', **options)


def test_everything_every_page_of_both_lists_and_the_ddos_settings_in_check_mode(modules):
    daily = add(modules, 'bandwidth', 'DAILY', '500', 'Mbps')
    weekly = add(modules, 'bandwidth', 'WEEKLY', '2', 'Gbps')
    modules.settings(max_limit=1)
    run = info(modules, check_mode=True)
    assert not run.changed
    settings = run['notification_settings']
    assert sorted(settings) == ['bandwidth', 'datatraffic', 'ddos']
    assert [s['id'] for s in settings['bandwidth']] == [daily, weekly]
    assert settings['bandwidth'][1] == {
        'id': weekly,
        'frequency': 'WEEKLY',
        'threshold': '2',
        'unit': 'Gbps',
        'actions': [{'type': 'EMAIL', 'last_triggered_at': None}],
        'last_checked_at': None,
        'threshold_exceeded_at': None,
    }
    assert [(s['frequency'], s['threshold'], s['unit']) for s in settings['datatraffic']] == [('MONTHLY', '10', 'TB')]
    assert settings['ddos'] == {'nulling': True, 'scrubbing': False}
    assert run.calls == [page('bandwidth'), page('bandwidth', 1), page('datatraffic'), 'GET ' + BASE + 'ddos']


def test_the_ddos_settings_only(modules):
    run = info(modules, type='ddos')
    assert run['notification_settings'] == {'ddos': {'nulling': True, 'scrubbing': False}}
    assert run.calls == ['GET ' + BASE + 'ddos']


def test_a_ddos_value_that_is_neither_enabled_nor_disabled_is_null(modules):
    modules.state.extras(modules.state.server(SERVER))['ddos']['scrubbing'] = 'PENDING'
    run = info(modules, type='ddos')
    assert run['notification_settings'] == {'ddos': {'nulling': True, 'scrubbing': None}}


@pytest.mark.parametrize('kind, count', [('bandwidth', 0), ('datatraffic', 1)])
def test_one_list_only(modules, kind, count):
    run = info(modules, type=kind)
    assert list(run['notification_settings']) == [kind]
    assert len(run['notification_settings'][kind]) == count
    assert run.calls == [page(kind)]


def test_one_setting_by_its_id(modules):
    add(modules, 'bandwidth', 'DAILY', '500', 'Mbps')
    weekly = add(modules, 'bandwidth', 'WEEKLY', '2', 'Gbps')
    run = info(modules, type='bandwidth', id=weekly)
    assert list(run['notification_settings']) == ['bandwidth']
    assert [
        (s['id'], s['frequency'], s['threshold'], s['unit']) for s in run['notification_settings']['bandwidth']
    ] == [(weekly, 'WEEKLY', '2', 'Gbps')]
    assert run.calls == ['GET %sbandwidth/%s' % (BASE, weekly)]
    assert [r['status'] for r in run.requests] == [200]


def test_a_setting_that_does_not_exist_is_an_empty_list_after_the_list_confirmed_the_server(modules):
    run = info(modules, type='bandwidth', id='1')
    assert not run.failed
    assert run['notification_settings'] == {'bandwidth': []}
    assert run.calls == ['GET %sbandwidth/1' % BASE, 'GET %sbandwidth?limit=1' % BASE]
    assert [r['status'] for r in run.requests] == [404, 200]
