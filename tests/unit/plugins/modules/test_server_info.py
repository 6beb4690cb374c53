# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.server_info in-process: every page, the API's filters, one server.

The seeded fleet has 40 servers; 13058 (index 3) is in SIN-01 with the reference web-01, which
13219 and 13613 share.
"""

import pytest


def ids(run):
    return [server['id'] for server in run['servers']]


@pytest.fixture
def fleet(modules):
    """Every server of the seeded fleet, as the module lists them."""
    return modules.run('server_info')['servers']


def test_every_page_is_read_in_order_and_nothing_written(modules):
    modules.settings(max_limit=7)
    run = modules.run('server_info', check_mode=True)
    assert not run.changed and not run.failed
    assert len(run['servers']) == 40
    assert len(set(ids(run))) == 40
    assert ids(run)[0] == '12345'
    assert 'network_interfaces' in run['servers'][0] and 'networkInterfaces' not in run['servers'][0]
    assert run.calls == ['GET /servers?limit=50&offset=%d' % offset for offset in (0, 7, 14, 21, 28, 35)]


def test_a_server_a_later_page_repeats_is_listed_once(modules, fleet):
    """The list changes while it is read: before the second page, the last server moves to the front,
    so that the second page starts with the last server of the first one."""
    modules.settings(max_limit=5)
    order = modules.state.order
    modules.meanwhile('GET /servers', lambda: order.insert(0, order.pop()), occurrence=2)
    run = modules.run('server_info')
    assert not run.failed
    assert len(ids(run)) == len(set(ids(run)))
    assert ids(run)[:6] == [server['id'] for server in fleet[:6]]
    assert fleet[4]['id'] in ids(run) and ids(run).count(fleet[4]['id']) == 1


def test_one_server_is_read_with_its_full_record(modules):
    run = modules.run('server_info', server_id='13058')
    assert not run.changed
    assert ids(run) == ['13058']
    assert 'specs' in run['servers'][0]
    assert run['servers'][0]['contract']['reference'] == 'web-01'
    assert run.calls == ['GET /servers/13058']


@pytest.mark.parametrize(
    'args, query',
    [
        (dict(site='SIN-01'), 'limit=50&offset=0&site=SIN-01'),
        (dict(reference='web-01'), 'limit=50&offset=0&reference=web-01'),
        (dict(ip='103.254.0.9/29'), 'ip=103.254.0.9&limit=50&offset=0'),
        (dict(ip='103.254.0.9'), 'ip=103.254.0.9&limit=50&offset=0'),
        (dict(mac_address='00:25:90:28:43:8C'), 'limit=50&macAddress=00:25:90:28:43:8C&offset=0'),
        (dict(mac_address='00:25:90:28:43:8c'), 'limit=50&macAddress=00:25:90:28:43:8c&offset=0'),
        (dict(private_network_capable=True), 'limit=50&offset=0&privateNetworkCapable=true'),
        (dict(private_network_capable=False), 'limit=50&offset=0&privateNetworkCapable=false'),
        (dict(private_network_enabled=False), 'limit=50&offset=0&privateNetworkEnabled=false'),
        (dict(site='SIN-01', reference='web-01'), 'limit=50&offset=0&reference=web-01&site=SIN-01'),
    ],
)
def test_each_filter_is_sent_in_the_apis_terms(modules, fleet, args, query):
    run = modules.run('server_info', **args)
    assert not run.changed
    assert run.calls == ['GET /servers?' + query]
    expected = [
        server['id'] for server in fleet if all(matches(server, option, value) for option, value in args.items())
    ]
    assert ids(run) == expected
    assert expected  # every filter here finds a server


def matches(server, option, value):
    """Whether a server of the list is one the filter ``option=value`` finds."""
    if option == 'site':
        return server['location']['site'] == value
    if option == 'reference':
        return server['contract'].get('reference') == value
    if option == 'ip':
        return server['network_interfaces']['public'].get('ip', '').split('/')[0] == value.split('/')[0]
    if option == 'mac_address':
        return (server['network_interfaces']['public'].get('mac') or '').lower() == value.lower()
    if option == 'private_network_capable':
        return server['feature_availability']['private_network'] == value
    if option == 'private_network_enabled':
        return bool(server['private_networks']) == value
    raise AssertionError(option)


def test_the_filters_find_the_expected_servers(modules):
    by_reference = modules.run('server_info', reference='web-01')
    by_ip = modules.run('server_info', ip='103.254.0.9/29')
    capable = modules.run('server_info', private_network_capable=True)
    assert ids(by_reference) == ['13058', '13219', '13613']
    assert ids(by_ip) == ['13058']
    assert 0 < len(capable['servers']) < 40
    assert '13837' not in ids(capable)  # index 9 cannot join a private network


def test_a_private_rack(modules, fleet):
    rack = modules.api('GET', '/servers/12345')[1]['rack']['id']
    run = modules.run('server_info', private_rack_id=rack)
    in_rack = [
        server['id']
        for server in fleet
        if modules.api('GET', '/servers/%s' % server['id'])[1]['rack'].get('id') == rack
    ]
    assert ids(run) == in_rack == ['12345', '13058', '13613', '14188']
    assert run.calls == ['GET /servers?limit=50&offset=0&privateRackId=%s' % rack]


def test_a_filter_nobody_matches_finds_no_server_without_failing(modules):
    run = modules.run('server_info', reference='no-server-has-this-reference')
    assert not run.failed and not run.changed
    assert run['servers'] == []
    assert run.calls == ['GET /servers?limit=50&offset=0&reference=no-server-has-this-reference']
