# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.dhcp_lease_info in-process: one read, the lease or none, failures.

Server 12345 has no lease in the seeded fleet; 13346 (index 6) boots from the network.
"""

import pytest


def test_a_server_without_a_lease(modules):
    run = modules.run('dhcp_lease_info', server_id='12345')
    assert not run.changed and not run.failed
    assert run['leases'] == []
    assert run.calls == ['GET /servers/12345/leases']


def test_the_lease_created_comes_back_with_one_read(modules):
    modules.run('dhcp_lease', server_id='12345', bootfile='https://boot.example.com/boot.ipxe', hostname='pxe-12345')
    run = modules.run('dhcp_lease_info', server_id='12345', check_mode=True)
    assert not run.changed
    assert len(run['leases']) == 1
    lease = run['leases'][0]
    assert (lease['bootfile'], lease['hostname']) == ('https://boot.example.com/boot.ipxe', 'pxe-12345')
    assert (lease['ip'], lease['netmask'], lease['gateway']) == ('192.0.2.10', '255.255.255.248', '192.0.2.14')
    assert lease['last_client_request'] == {'relay_agent': None, 'type': 'DHCP_DISCOVER', 'user_agent': 'iPXE/1.21.1'}
    assert run.calls == ['GET /servers/12345/leases']


def test_a_seeded_lease(modules):
    run = modules.run('dhcp_lease_info', server_id='13346')
    public_ip = modules.api('GET', '/servers/13346')[1]['networkInterfaces']['public']['ip']
    assert [lease['bootfile'] for lease in run['leases']] == ['http://mirror.leaseweb.com/ipxe-files/ubuntu-22.04.ipxe']
    assert run['leases'][0]['ip'] + '/29' == public_ip
    assert run['leases'][0]['hostname'] == 's13346'
    assert run.calls == ['GET /servers/13346/leases']


@pytest.mark.parametrize('args, message', [
    (dict(server_id=' '), 'server_id must not be empty'),
    (dict(), 'missing required arguments: server_id'),
    (dict(server_id='12345', bootfile='https://boot.example.com/boot.ipxe'), 'Unsupported parameters'),
])
def test_bad_input_fails_before_any_request(modules, args, message):
    run = modules.run('dhcp_lease_info', **args)
    assert run.failed
    assert message in run.msg
    assert run.calls == []


def test_a_server_that_does_not_exist_is_the_apis_404(modules):
    run = modules.run('dhcp_lease_info', server_id='999999999')
    assert run.failed and not run.changed
    assert run['status'] == 404
    assert run.msg.startswith('GET /bareMetals/v2/servers/999999999/leases: HTTP 404: ')
    assert '(correlationId %s)' % run['error']['correlation_id'] in run.msg
    assert run.calls == ['GET /servers/999999999/leases']
