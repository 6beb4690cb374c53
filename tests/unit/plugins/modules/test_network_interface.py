# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.network_interface in-process: compare, one POST, read back.

Server 12345 has public, internal and remote management interfaces, all open. In the seeded
fleet 13509 (index 7) has no internal interface and 16185 (index 24, unmanaged) no remote
management interface.
"""

import pytest

NICS = '/servers/12345/networkInterfaces'
URLS = dict(public='/public', internal='/internal', remote_management='/remoteManagement', all='')
ALL_OPEN = {'public': 'OPEN', 'internal': 'OPEN', 'remote_management': 'OPEN'}
ALL_CLOSED = {'public': 'CLOSED', 'internal': 'CLOSED', 'remote_management': 'CLOSED'}


def statuses(modules, server_id='12345'):
    answer = modules.api('GET', '/servers/%s/networkInterfaces' % server_id)[1]
    return dict((nic['type'], nic['status']) for nic in answer['networkInterfaces'])


def test_check_mode_predicts_the_change_and_writes_nothing(modules):
    run = modules.run(
        'network_interface', server_id='12345', network_type='public', state='closed', check_mode=True, diff=True
    )
    assert run.changed and not run.failed
    assert [(nic['type'], nic['status']) for nic in run['network_interfaces']] == [('PUBLIC', 'CLOSED')]
    assert run['diff'] == {'before': {'public': 'OPEN'}, 'after': {'public': 'CLOSED'}}
    assert run.calls == ['GET %s/public' % NICS]
    assert run.writes == []
    assert statuses(modules)['PUBLIC'] == 'OPEN'


def test_one_post_closes_the_interface_which_is_read_back(modules):
    check = modules.run(
        'network_interface', server_id='12345', network_type='public', state='closed', check_mode=True, diff=True
    )
    run = modules.run('network_interface', server_id='12345', network_type='public', state='closed', diff=True)
    assert run.changed and not run.failed
    assert run['diff'] == check['diff']
    # check mode predicts the status; the read back also shows the port's oper_status closed
    assert [dict(nic, oper_status=None) for nic in run['network_interfaces']] == [
        dict(nic, oper_status=None) for nic in check['network_interfaces']
    ]
    assert run['network_interfaces'] == [
        {
            'type': 'PUBLIC',
            'status': 'CLOSED',
            'oper_status': 'CLOSED',
            'link_speed': '1Gbps',
            'switch_name': 'EVO-DG38-1',
            'switch_interface': '29',
        }
    ]
    assert run.calls == ['GET %s/public' % NICS, 'POST %s/public/close' % NICS, 'GET %s/public' % NICS]
    assert [entry['status'] for entry in run.requests] == [200, 204, 200]
    assert run.bodies == [None]
    assert statuses(modules) == {'PUBLIC': 'CLOSED', 'INTERNAL': 'OPEN', 'REMOTE_MANAGEMENT': 'OPEN'}


def test_the_rerun_changes_nothing_and_writes_nothing(modules):
    first = modules.run('network_interface', server_id='12345', network_type='public', state='closed')
    again = modules.run('network_interface', server_id='12345', network_type='public', state='closed', diff=True)
    check = modules.run('network_interface', server_id='12345', network_type='public', state='closed', check_mode=True)
    assert first.changed
    assert not again.changed and not check.changed
    assert again['diff'] == {'before': {'public': 'CLOSED'}, 'after': {'public': 'CLOSED'}}
    assert again['network_interfaces'] == first['network_interfaces']
    # the target counted both reruns together: two requests, no write
    assert again.calls + check.calls == ['GET %s/public' % NICS, 'GET %s/public' % NICS]


def test_all_compares_every_interface_and_opens_them_with_one_request(modules):
    modules.api('POST', NICS + '/public/close')
    check = modules.run(
        'network_interface', server_id='12345', network_type='all', state='open', check_mode=True, diff=True
    )
    opened = modules.run('network_interface', server_id='12345', network_type='all')
    again = modules.run('network_interface', server_id='12345', network_type='all', state='open')
    assert check.changed
    assert check['diff'] == {
        'before': {'public': 'CLOSED', 'internal': 'OPEN', 'remote_management': 'OPEN'},
        'after': ALL_OPEN,
    }
    assert [nic['status'] for nic in check['network_interfaces']] == ['OPEN', 'OPEN', 'OPEN']
    assert check.calls == ['GET ' + NICS]
    assert opened.changed
    assert [nic['type'] for nic in opened['network_interfaces']] == ['PUBLIC', 'INTERNAL', 'REMOTE_MANAGEMENT']
    assert [nic['status'] for nic in opened['network_interfaces']] == ['OPEN', 'OPEN', 'OPEN']
    assert opened.calls == ['GET ' + NICS, 'POST %s/open' % NICS, 'GET ' + NICS]
    assert [entry['status'] for entry in opened.requests] == [200, 204, 200]
    assert not again.changed
    assert again.calls == ['GET ' + NICS]
    # the target counted the three runs together: GET, GET, POST, GET, GET
    assert [call.split()[0] for call in check.calls + opened.calls + again.calls] == [
        'GET',
        'GET',
        'POST',
        'GET',
        'GET',
    ]


def test_close_all_then_open_one_each_with_the_apis_own_path(modules):
    closed = modules.run('network_interface', server_id='12345', network_type='all', state='closed', diff=True)
    opened = modules.run('network_interface', server_id='12345', network_type='remote_management', state='open')
    assert closed.changed
    assert closed['diff'] == {'before': ALL_OPEN, 'after': ALL_CLOSED}
    assert [nic['status'] for nic in closed['network_interfaces']] == ['CLOSED', 'CLOSED', 'CLOSED']
    assert opened.changed
    assert [(nic['type'], nic['status']) for nic in opened['network_interfaces']] == [('REMOTE_MANAGEMENT', 'OPEN')]
    assert closed.writes + opened.writes == ['POST %s/close' % NICS, 'POST %s/remoteManagement/open' % NICS]


@pytest.mark.parametrize('network_type', ['public', 'internal', 'remote_management', 'all'])
@pytest.mark.parametrize('state, action', [('open', 'open'), ('closed', 'close')])
def test_each_interface_and_state_is_one_post_to_its_path(modules, network_type, state, action):
    if state == 'open':
        modules.api('POST', NICS + '/close')  # the seeded interfaces are open
    path = NICS + URLS[network_type]
    run = modules.run('network_interface', server_id='12345', network_type=network_type, state=state)
    assert run.changed
    assert run.calls == ['GET ' + path, 'POST %s/%s' % (path, action), 'GET ' + path]
    wanted = 'OPEN' if state == 'open' else 'CLOSED'
    assert [nic['status'] for nic in run['network_interfaces']] == [wanted] * (3 if network_type == 'all' else 1)


def test_all_covers_only_the_interfaces_the_server_has(modules):
    run = modules.run('network_interface', server_id='13509', network_type='all', state='closed', diff=True)
    assert run.changed
    assert run['diff'] == {
        'before': {'public': 'OPEN', 'remote_management': 'OPEN'},
        'after': {'public': 'CLOSED', 'remote_management': 'CLOSED'},
    }
    assert [nic['type'] for nic in run['network_interfaces']] == ['PUBLIC', 'REMOTE_MANAGEMENT']
    assert run.calls == [
        'GET /servers/13509/networkInterfaces',
        'POST /servers/13509/networkInterfaces/close',
        'GET /servers/13509/networkInterfaces',
    ]


def test_a_failing_post_is_surfaced_and_not_retried(modules):
    modules.faults(error_rate=1.0, error_status=500, methods=['POST'], count=1)
    run = modules.run('network_interface', server_id='12345', network_type='public', state='closed')
    # a 500 comes after the POST reached the API: the message and changed say it may have been carried out
    assert run.failed and run.changed
    assert run['status'] == 500
    assert run.msg.startswith('POST /bareMetals/v2%s/public/close: HTTP 500: ' % NICS)
    assert run.msg.endswith(
        '(correlationId %s) [the request may have been carried out: the failure came after it was sent; '
        'check its effect before repeating it]' % run['error']['correlation_id']
    )
    assert run.calls == ['GET %s/public' % NICS, 'POST %s/public/close' % NICS]
