# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.ip_info in-process: the API's filters, pagination, failures.

Server 12345 has four addresses: 192.0.2.10/29 (public, main, ADVANCED DDoS protection), the
public IPv6 2001:1af8:4705::2/64, an internal and a remote management IPv4.
"""

import pytest

IPS = '/servers/12345/ips'
ALL = ['192.0.2.10/29', '2001:1af8:4705::2/64', '10.36.0.2/26', '10.84.0.2/26']


def addresses(run):
    return [ip['ip'] for ip in run['ips']]


def test_every_page_is_read_and_nothing_written(modules):
    modules.settings(max_limit=3)
    run = modules.run('ip_info', server_id='12345', check_mode=True)
    assert not run.changed and not run.failed
    assert addresses(run) == ALL
    assert [ip['network_type'] for ip in run['ips']] == ['PUBLIC', 'PUBLIC', 'INTERNAL', 'REMOTE_MANAGEMENT']
    main = run['ips'][0]
    assert main['main_ip'] is True
    assert main['ddos'] == {'protection_type': 'ADVANCED', 'detection_profile': 'ADVANCED_DEFAULT'}
    assert run.calls == ['GET %s?limit=50&offset=0' % IPS, 'GET %s?limit=50&offset=3' % IPS]


@pytest.mark.parametrize(
    'args, query, found',
    [
        (dict(network_type='public'), 'limit=50&networkType=PUBLIC&offset=0', ALL[:2]),
        (dict(network_type='internal'), 'limit=50&networkType=INTERNAL&offset=0', ALL[2:3]),
        (dict(version=6), 'limit=50&offset=0&version=6', ALL[1:2]),
        (
            dict(network_type='remote_management', version=4),
            'limit=50&networkType=REMOTE_MANAGEMENT&offset=0&version=4',
            ALL[3:],
        ),
        (
            dict(ips=['192.0.2.10/29', '2001:1AF8:4705::2']),
            'ips=192.0.2.10,2001:1af8:4705::2&limit=50&offset=0',
            ALL[:2],
        ),
        (dict(ips=['2001:1af8:4705:0:0:0:0:2/64']), 'ips=2001:1af8:4705::2&limit=50&offset=0', ALL[1:2]),
        (dict(null_routed=False), 'limit=50&nullRouted=false&offset=0', ALL),
        (dict(null_routed=True), 'limit=50&nullRouted=true&offset=0', []),
        (
            dict(network_type='public', version=4, null_routed=False, ips=['192.0.2.10']),
            'ips=192.0.2.10&limit=50&networkType=PUBLIC&nullRouted=false&offset=0&version=4',
            ALL[:1],
        ),
    ],
)
def test_each_filter_is_sent_in_the_apis_terms(modules, args, query, found):
    run = modules.run('ip_info', server_id='12345', **args)
    assert not run.changed
    assert addresses(run) == found
    assert run.calls == ['GET %s?%s' % (IPS, query)]


def test_the_null_routed_filter_follows_a_null_route(modules):
    modules.api('POST', '/servers/12345/ips/192.0.2.10/null')
    nulled = modules.run('ip_info', server_id='12345', null_routed=True)
    not_nulled = modules.run('ip_info', server_id='12345', null_routed=False)
    assert addresses(nulled) == ['192.0.2.10/29']
    assert nulled['ips'][0]['null_routed'] is True
    assert addresses(not_nulled) == ALL[1:]
    assert nulled.calls + not_nulled.calls == [
        'GET %s?limit=50&nullRouted=true&offset=0' % IPS,
        'GET %s?limit=50&nullRouted=false&offset=0' % IPS,
    ]
