# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The configure filters: the role's variables as server_config options, and the drift report."""

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.leaseweb.dedicated.plugins.filter.configure import (
    configure_duplicates,
    configure_entry,
    configure_results,
    configure_servers,
    drift_csv_rows,
    drift_rows,
    drift_summary,
)


def test_every_variable_becomes_its_area_and_what_is_not_set_is_left_out():
    variables = dict(
        leaseweb_id=12345,
        configure_reference='',
        configure_ips=[{'ip': '192.0.2.10', 'reverse_lookup': 'x.example.com'}],
        configure_internal_interface='closed',
        configure_public_interface=None,
        configure_ddos_scrubbing=False,
        configure_bandwidth_notifications=[],
        configure_datatraffic_notifications=None,
        configure_private_network={'id': '892'},
        configure_credentials=[{'type': 'DATABASE', 'username': 'app'}],
    )
    assert configure_entry(variables, 'web-01') == dict(
        server_id='12345',
        host='web-01',
        reference='',
        ips={'state': 'merged', 'addresses': [{'ip': '192.0.2.10', 'reverse_lookup': 'x.example.com'}]},
        interfaces={'internal': 'closed'},
        ddos_notifications={'scrubbing': False},
        bandwidth_notifications={'state': 'overridden', 'settings': []},
        private_network={'id': '892', 'state': 'present', 'link_speed': 1000},
        credentials=[{'type': 'DATABASE', 'username': 'app'}],
    )


def test_the_server_id_comes_from_configure_server_id_else_the_prefixed_variable():
    assert configure_entry({'configure_server_id': '7', 'leaseweb_id': '8'}, 'h')['server_id'] == '7'
    assert configure_entry({'configure_server_id': '', 'lw_id': '8'}, 'h', 'lw_')['server_id'] == '8'
    assert configure_entry({'configure_private_network': {'id': '1', 'state': 'absent'}, 'leaseweb_id': '8'}, 'h')[
        'private_network'
    ] == {'id': '1', 'state': 'absent'}
    with pytest.raises(
        AnsibleFilterError, match='configure_server_id is not set, and host web-09 has no variable leaseweb_id'
    ):
        configure_entry({'configure_reference': 'x'}, 'web-09')


def test_the_fleet_leaves_out_hosts_that_declare_nothing():
    hostvars = {'a': {'leaseweb_id': '1', 'configure_reference': 'a'}, 'b': {'leaseweb_id': '2'}}
    assert configure_servers(['a', 'b'], hostvars) == [{'server_id': '1', 'host': 'a', 'reference': 'a'}]


RESULTS = [
    {
        'server_id': '1',
        'host': 'web-01',
        'changed': True,
        'drifted': ['reference', 'ips'],
        'failed': False,
        'areas': {
            'reference': {'before': {'reference': 'a'}, 'after': {'reference': 'b'}},
            'ips': {'before': {'x': 1}, 'after': {'x': 2}},
        },
    },
    {'server_id': '2', 'host': '2', 'changed': False, 'drifted': [], 'failed': False, 'areas': {}},
    {
        'server_id': '3',
        'host': 'db-01',
        'changed': False,
        'drifted': [],
        'failed': True,
        'msg': 'server 3: ips: gone',
        'areas': {},
    },
]


def test_the_drift_report_has_a_row_per_server_that_drifted_or_failed():
    rows = drift_rows(RESULTS)
    assert rows == [
        {
            'server_id': '1',
            'host': 'web-01',
            'drifted': ['reference', 'ips'],
            'before': {'reference': {'reference': 'a'}, 'ips': {'x': 1}},
            'after': {'reference': {'reference': 'b'}, 'ips': {'x': 2}},
            'failure': None,
        },
        {'server_id': '3', 'host': 'db-01', 'drifted': [], 'before': {}, 'after': {}, 'failure': 'server 3: ips: gone'},
    ]
    assert drift_csv_rows(rows) == [
        ['server_id', 'host', 'drifted', 'before', 'after', 'failure'],
        [
            '1',
            'web-01',
            'reference ips',
            '{"ips": {"x": 1}, "reference": {"reference": "a"}}',
            '{"ips": {"x": 2}, "reference": {"reference": "b"}}',
            '',
        ],
        ['3', 'db-01', '', '{}', '{}', 'server 3: ips: gone'],
    ]


def test_the_summary_counts_names_and_says_what_was_not_reported():
    assert drift_summary(RESULTS, ['web-01', '2', 'db-01', 'gone-01'], check_mode=True) == [
        '1 of 3 servers drifted (check mode: nothing was changed)',
        'in: reference (1), ips (1)',
        'web-01 (server 1): reference, ips',
        '1 server failed: server 3: ips: gone',
        '1 server not reported (failed or unreachable): gone-01',
    ]
    assert drift_summary(RESULTS[:1], ['web-01']) == [
        '1 of 1 server had drifted and was changed',
        'in: reference (1), ips (1)',
        'web-01 (server 1): reference, ips',
    ]
    assert drift_summary([], []) == ['0 of 0 servers drifted', 'nothing to change']


def test_the_results_of_the_role_are_read_from_the_hosts():
    hostvars = {
        'a': {'configure_result': {'server_id': '1', 'drifted': ['power'], 'changed': True}},
        'b': {'configure_result': {'skipped': True, 'changed': False}},
        'c': {},
    }
    assert configure_results(['a', 'b', 'c'], hostvars) == [
        {'server_id': '1', 'drifted': ['power'], 'changed': True, 'host': 'a'},
        {'skipped': True, 'changed': False, 'host': 'b', 'drifted': []},
    ]


def test_duplicates_are_what_several_hosts_declare_that_belongs_to_one_server():
    hostvars = {
        'a': {
            'leaseweb_id': '1',
            'configure_reference': 'web',
            'configure_ips': [{'ip': '192.0.2.1', 'reverse_lookup': 'x.example.com'}],
        },
        'b': {
            'leaseweb_id': '2',
            'configure_reference': 'web',
            'configure_ips': [{'ip': '192.0.2.2', 'reverse_lookup': 'x.example.com'}],
        },
        'c': {'leaseweb_id': '1', 'configure_reference': ''},
        'd': {'leaseweb_id': '4', 'configure_reference': 'db'},
    }
    assert configure_duplicates(['a', 'b', 'c', 'd'], hostvars) == [
        'server 1: a, c',
        'reference web: a, b',
        'reverse lookup x.example.com: a, b',
    ]
    assert configure_duplicates(['a', 'd'], hostvars) == []
    # a host whose server id is not among its variables (given to the role itself) is left to its own task
    assert configure_duplicates(['a', 'e'], dict(hostvars, e={'configure_reference': 'web'})) == []
