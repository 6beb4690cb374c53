# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""module_utils _connection, _servers and _values: what the inventory plugin and the modules share (no AnsibleModule)."""

import subprocess
import sys

import pytest

from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import LeasewebError

from ansible_collections.leaseweb.dedicated.plugins.module_utils._connection import (
    below_minimum,
    client_from_options,
    connection_problem,
    connection_warning,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._servers import SERVER_LIST_FILTERS, server_list_query
from ansible_collections.leaseweb.dedicated.plugins.module_utils._values import parse_hostname


@pytest.mark.parametrize(
    'value',
    [
        'mail.example.com',
        'mail.example.com.',
        'localhost',
        'a',
        's12345',
        'web-01.ams.example.net',
        'xn--bcher-kva.example',
        '1.2.3.4.in-addr.arpa',
        '%s.example.com' % ('a' * 63),
    ],
)
def test_parse_hostname_accepts_host_names(value):
    assert parse_hostname(value) == value


@pytest.mark.parametrize(
    'value',
    [
        '',
        '.',
        'mail..example.com',
        '.example.com',
        '-web.example.com',
        'web-.example.com',
        'web_01.example.com',
        'mail example.com',
        'mail.example.com..',
        'http://mail.example.com',
        '%s.example.com' % ('a' * 64),
        '.'.join(['abcdefghi'] * 26),
    ],
)
def test_parse_hostname_refuses_what_is_not_one(value):
    with pytest.raises(ValueError) as error:
        parse_hostname(value)
    assert 'not a valid host name' in str(error.value)
    assert repr(value) in str(error.value)


def test_the_server_list_query_names_the_api_parameters_of_the_filters_set():
    options = dict((option, None) for option in SERVER_LIST_FILTERS)
    assert server_list_query(options) == {}
    options.update(
        reference='db-1',
        ip='2001:db8::1/64',
        mac_address='AA:bb:CC:dd:EE:ff',
        site='AMS-01',
        private_rack_id='7',
        private_network_capable=False,
        private_network_enabled=True,
    )
    assert server_list_query(options) == {
        'reference': 'db-1',
        'ip': '2001:db8::1',
        'macAddress': 'AA:bb:CC:dd:EE:ff',
        'site': 'AMS-01',
        'privateRackId': '7',
        'privateNetworkCapable': False,
        'privateNetworkEnabled': True,
    }


@pytest.mark.parametrize(
    'options, message',
    [
        (dict(ip='192.0.2.300'), r"^ip: '192.0.2.300' is not an IPv4 or IPv6 address$"),
        (dict(ip='192.0.2.1/33'), r'^ip: .* invalid prefix length$'),
        (dict(mac_address='aa-bb-cc-dd-ee-ff'), r"^mac_address: 'aa-bb-cc-dd-ee-ff' is not a MAC address"),
    ],
)
def test_a_malformed_filter_is_refused(options, message):
    with pytest.raises(ValueError, match=message):
        server_list_query(options)


def loaded_by(*modules):
    """The ansible and collection modules a fresh interpreter has loaded after importing ``modules``."""
    collections = [path for path in sys.path if path.endswith('collections')]
    script = (
        'import sys; sys.path[:0] = %r\n' % collections
        + ''.join('import ansible_collections.leaseweb.dedicated.plugins.%s\n' % module for module in modules)
        + 'print("\\n".join(sorted(name for name in sys.modules if name.startswith("ansible"))))'
    )
    return subprocess.run([sys.executable, '-c', script], check=True, capture_output=True, text=True).stdout.split()


def test_the_connection_and_the_client_do_without_ansible_module():
    # the inventory plugin imports them on the controller, where there is no AnsibleModule
    assert 'ansible.module_utils.basic' not in loaded_by(
        'module_utils._connection', 'module_utils._client', 'module_utils._servers', 'module_utils._values'
    )
    assert 'ansible.module_utils.basic' in loaded_by('module_utils._module')


def test_the_inventory_plugin_does_without_the_module_wrapper():
    loaded = loaded_by('inventory.servers')
    assert 'ansible_collections.leaseweb.dedicated.plugins.module_utils._connection' in loaded
    assert 'ansible_collections.leaseweb.dedicated.plugins.module_utils._module' not in loaded


@pytest.mark.parametrize(
    'options, message',
    [
        (dict(api_timeout=0), 'api_timeout must be at least 1, got 0'),
        (dict(api_retries=-1), 'api_retries must be at least 0, got -1'),
        (dict(wait_timeout=-5, wait_sleep=0), 'wait_timeout must be at least 0, got -5'),
        (dict(wait_sleep=0), 'wait_sleep must be at least 1, got 0'),
        (dict(api_timeout=1, api_retries=0, wait_timeout=0, wait_sleep=1, page_size=0), None),
        (dict(api_timeout=None), None),
    ],
)
def test_below_minimum_names_the_first_option_too_small(options, message):
    assert below_minimum(options) == message


@pytest.mark.parametrize(
    'options, message',
    [
        (dict(api_url='https://api.leaseweb.com', api_timeout=30), None),
        (dict(api_url='http://127.0.0.1:8080'), None),
        (dict(api_url=None), None),
        (dict(api_url='http://api.leaseweb.com'), "api_url: 'http://api.leaseweb.com' is plain http"),
        (dict(api_url='leaseweb'), "api_url: 'leaseweb' is not a URL"),
        # the first problem: a number below its minimum, then the URL
        (dict(api_url='http://api.leaseweb.com', api_timeout=0), 'api_timeout must be at least 1, got 0'),
    ],
)
def test_connection_problem(options, message):
    problem = connection_problem(options)
    assert (problem is None) if message is None else problem.startswith(message)


def test_connection_warning_for_validate_certs_false():
    assert connection_warning(dict(api_url='https://api.leaseweb.com', validate_certs=False)).startswith(
        'validate_certs is false: the TLS certificate of https://api.leaseweb.com is not verified'
    )
    assert connection_warning(dict(api_url='https://api.leaseweb.com', validate_certs=True)) is None
    assert connection_warning(dict(api_url='https://api.leaseweb.com')) is None
    assert connection_warning(dict(api_url='http://localhost:9000', validate_certs=False)) is None


def test_no_client_for_plain_http_to_another_host():
    with pytest.raises(LeasewebError, match="^api_url: 'http://192.0.2.7' is plain http"):
        client_from_options(dict(api_key='k', api_url='http://192.0.2.7'))
    assert client_from_options(dict(api_key='k', api_url=None)).base_url == 'https://api.leaseweb.com/bareMetals/v2'
