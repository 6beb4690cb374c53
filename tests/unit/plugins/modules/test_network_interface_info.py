# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.network_interface_info in-process: the list, one interface, failures.

Server 12345 has public, internal and remote management interfaces, all open; 13509 (index 7
of the seeded fleet) has no internal interface.
"""

import pytest

NICS = '/servers/12345/networkInterfaces'


def test_every_interface_with_one_read(modules):
    run = modules.run('network_interface_info', server_id='12345', check_mode=True)
    assert not run.changed and not run.failed
    assert run['network_interfaces'] == [
        {
            'type': 'PUBLIC',
            'status': 'OPEN',
            'oper_status': 'OPEN',
            'link_speed': '1Gbps',
            'switch_name': 'EVO-DG38-1',
            'switch_interface': '29',
        },
        {
            'type': 'INTERNAL',
            'status': 'OPEN',
            'oper_status': 'OPEN',
            'link_speed': '1Gbps',
            'switch_name': 'EVO-DG38-2',
            'switch_interface': '29',
        },
        {
            'type': 'REMOTE_MANAGEMENT',
            'status': 'OPEN',
            'oper_status': 'OPEN',
            'link_speed': '100Mbps',
            'switch_name': 'EVO-DG38-RM',
            'switch_interface': '29',
        },
    ]
    assert run.calls == ['GET ' + NICS]


@pytest.mark.parametrize(
    'network_type, url, index',
    [
        ('public', 'public', 0),
        ('internal', 'internal', 1),
        ('remote_management', 'remoteManagement', 2),
    ],
)
def test_one_interface_from_its_own_path(modules, network_type, url, index):
    every = modules.run('network_interface_info', server_id='12345')
    run = modules.run('network_interface_info', server_id='12345', network_type=network_type)
    assert not run.changed
    assert run['network_interfaces'] == [every['network_interfaces'][index]]
    assert run.calls == ['GET %s/%s' % (NICS, url)]


def test_a_closed_interface_shows_closed(modules):
    modules.run('network_interface', server_id='12345', network_type='public', state='closed')
    run = modules.run('network_interface_info', server_id='12345', network_type='public')
    assert [(nic['type'], nic['status']) for nic in run['network_interfaces']] == [('PUBLIC', 'CLOSED')]


def test_a_server_without_an_internal_interface_lists_the_others(modules):
    run = modules.run('network_interface_info', server_id='13509')
    assert [nic['type'] for nic in run['network_interfaces']] == ['PUBLIC', 'REMOTE_MANAGEMENT']
    assert run.calls == ['GET /servers/13509/networkInterfaces']
