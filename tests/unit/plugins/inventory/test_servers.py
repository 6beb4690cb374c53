# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The inventory plugin's own logic: host variables, host names, groups, unsafe data, options."""

import copy

import pytest
from ansible.errors import AnsibleError, AnsibleParserError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar
from ansible.utils.display import Display

from ansible_collections.leaseweb.dedicated.plugins.inventory import servers
from ansible_collections.leaseweb.dedicated.plugins.plugin_utils import _host_names, _untrusted
from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import LeasewebClient, LeasewebError
from ansible_collections.leaseweb.dedicated.plugins.inventory.servers import (
    InventoryModule,
    host_names,
    site_group_name,
    summarize,
)

try:
    from ansible.template import is_trusted_as_template, trust_as_template
except ImportError:  # ansible-core 2.18 and older: templates in code are trusted

    def trust_as_template(value):
        return value

    is_trusted_as_template = None

# A server of the list as the client returns it (snake_case), shaped as the API reference.
LISTED = {
    'asset_id': '627293',
    'contract': {
        'customer_id': '32923828192',
        'delivery_status': 'ACTIVE',
        'id': '674382',
        'reference': 'database.server',
        'sales_org_id': '2300',
    },
    'feature_availability': {
        'automation': True,
        'ipmi_reboot': False,
        'power_cycle': True,
        'private_network': True,
        'remote_management': False,
    },
    'id': '12345',
    'location': {'rack': 'A83', 'site': 'AMS-01', 'suite': '99', 'unit': '16-17'},
    'network_interfaces': {
        'internal': {'gateway': '10.22.192.12', 'ip': '10.22.192.3/27', 'mac': 'AA:BB:CC:DD:EE:FF', 'ports': []},
        'public': {
            'gateway': '95.211.162.62',
            'ip': '95.211.162.0/29',
            'mac': 'AA:AC:CC:88:EE:E4',
            'null_routed': False,
            'ports': [],
        },
        'remote_management': {
            'gateway': '10.22.192.126',
            'ip': '10.22.192.1/27',
            'mac': 'AA:AC:CC:88:EE:E5',
            'ports': [],
        },
    },
    'power_ports': [{'name': 'EVO-JV12-APC02', 'port': '10'}],
    'private_networks': [
        {'id': '1', 'link_speed': 1000, 'status': 'CONFIGURED', 'subnet': '127.0.0.80/24', 'vlan_id': '2120'}
    ],
    'rack': {'type': 'SHARED'},
}

# The second server of the reference's example: no interfaces, no features.
BARE = {
    'asset_id': '627294',
    'contract': {
        'customer_id': '32923828192',
        'delivery_status': 'ACTIVE',
        'id': '929282',
        'reference': 'web.server',
        'sales_org_id': '2300',
    },
    'feature_availability': {
        'automation': False,
        'power_cycle': False,
        'private_network': False,
        'remote_management': False,
    },
    'id': '47854',
    'location': {'rack': '13', 'site': 'AMS-01', 'suite': 'A6', 'unit': '18'},
    'network_interfaces': {
        'internal': {'mac': None, 'ip': None, 'null_routed': None, 'gateway': None, 'ports': []},
        'public': {'mac': None, 'ip': None, 'null_routed': None, 'gateway': None, 'ports': []},
        'remote_management': {'mac': None, 'ip': None, 'null_routed': None, 'gateway': None, 'ports': []},
    },
    'private_networks': [],
    'rack': {'type': 'SHARED'},
}


def listed(server_id, reference=None, site='AMS-01', public='192.0.2.1/29', internal='10.0.0.1/26'):
    server = copy.deepcopy(LISTED)
    server['id'] = server_id
    server['contract']['reference'] = reference
    server['location']['site'] = site
    server['network_interfaces']['public']['ip'] = public
    server['network_interfaces']['internal']['ip'] = internal
    return server


def records(*servers_):
    return [summarize(server) for server in servers_]


# -- host variables ----------------------------------------------------------------------


def test_summarize_a_listed_server():
    assert summarize(LISTED) == {
        'id': '12345',
        'asset_id': '627293',
        'reference': 'database.server',
        'delivery_status': 'ACTIVE',
        'site': 'AMS-01',
        'rack': 'A83',
        'rack_type': 'SHARED',
        'public_ip': '95.211.162.0',
        'internal_ip': '10.22.192.3',
        'remote_management_ip': '10.22.192.1',
        'null_routed': False,
        'features': ['automation', 'power_cycle', 'private_network'],
        'private_network_ids': ['1'],
    }


def test_summarize_a_server_without_interfaces_or_features():
    record = summarize(BARE)
    assert record['public_ip'] is None and record['internal_ip'] is None and record['remote_management_ip'] is None
    assert record['null_routed'] is None
    assert record['features'] == [] and record['private_network_ids'] == []
    assert summarize({'id': '1'})['site'] is None


# -- host names --------------------------------------------------------------------------


def test_the_first_preference_the_server_has_names_it():
    found = records(
        listed('1', reference='db-1'),
        listed('2', reference=None),
        listed('3', reference='  '),
        listed('4', reference='web', public=None),
    )
    assert host_names(found, ['reference', 'id'])[0] == ['db-1', '2', '3', 'web']
    assert host_names(found, ['public_ip', 'reference'])[0] == ['192.0.2.1', '192.0.2.1-2', '192.0.2.1-3', 'web']
    # none of the preferences: the id
    assert host_names(found, ['reference'])[0] == ['db-1', '2', '3', 'web']


def test_duplicates_the_lowest_id_keeps_the_name_the_others_get_their_id():
    found = records(listed('300', 'web'), listed('20', 'web'), listed('1000', 'db'), listed('100', 'web'))
    names, duplicates, unusable = host_names(found, ['reference', 'id'])
    assert names == ['web-300', 'web', 'db', 'web-100']
    assert duplicates == [('web', [('20', 'web'), ('100', 'web-100'), ('300', 'web-300')])]
    assert unusable == []
    # the same whatever order the API lists them in
    assert host_names(list(reversed(found)), ['reference', 'id'])[0] == list(reversed(names))


def test_ids_are_ordered_as_numbers():
    names, _duplicates, _unusable = host_names(records(listed('10', 'x'), listed('9', 'x')), ['reference'])
    assert names == ['x-10', 'x']


def test_a_unique_name_is_never_taken_by_a_renamed_duplicate():
    """web-2 is a server's own reference: the second "web" becomes web-2-2."""
    found = records(listed('1', 'web'), listed('2', 'web'), listed('3', 'web-2'))
    names, duplicates, _unusable = host_names(found, ['reference'])
    assert names == ['web', 'web-2-2', 'web-2']
    assert len(set(names)) == 3
    assert duplicates == [('web', [('1', 'web'), ('2', 'web-2-2')])]


def test_a_reference_equal_to_another_servers_id():
    found = records(listed('5', '7'), listed('7', None))
    names, _duplicates, _unusable = host_names(found, ['reference', 'id'])
    assert names == ['7', '7-7']


def test_serial_number_comes_from_the_full_record():
    found = records(listed('1', 'a'), listed('2', 'b'))
    found[0]['server'] = {'serial_number': 'SN-1'}
    found[1]['server'] = {'serial_number': None}
    assert host_names(found, ['serial_number', 'id'])[0] == ['SN-1', '2']


def test_site_group_names():
    assert site_group_name('leaseweb', 'AMS-01') == 'leaseweb_ams_01'
    assert site_group_name('', 'WDC-02') == 'wdc_02'
    assert site_group_name('lsw', 'Frankfurt 10/a') == 'lsw_frankfurt_10_a'


# -- populating --------------------------------------------------------------------------

DEFAULTS = dict(
    api_key='a-key',
    api_url='https://api.leaseweb.com',
    validate_certs=True,
    api_timeout=30,
    api_retries=5,
    reference=None,
    ip=None,
    mac_address=None,
    site=None,
    private_rack_id=None,
    private_network_capable=None,
    private_network_enabled=None,
    hostname=['reference', 'id'],
    connect_with='public_ip',
    hostvars_prefix='leaseweb_',
    details=False,
    group='leaseweb',
    group_by_site=True,
    page_size=50,
    concurrency=10,
    compose={},
    groups={},
    keyed_groups=[],
    strict=False,
    use_extra_vars=False,
    leading_separator=True,
    cache=False,
)


class Warnings(list):
    def __call__(self, msg, *args, **kwargs):
        self.append(msg)


def plugin_with(**options):
    plugin = InventoryModule()
    values = dict(DEFAULTS, **options)
    plugin.get_option = values.__getitem__
    plugin.loader = DataLoader()
    plugin.templar = Templar(loader=plugin.loader)
    plugin._vars = {}
    plugin.inventory = InventoryData()
    plugin.display.warning = Warnings()
    return plugin


def populate(found, **options):
    plugin = plugin_with(**options)
    plugin._populate(found, plugin._settings())
    plugin.inventory.reconcile_inventory()
    return plugin


def members(inventory, group):
    return sorted(h.name for h in inventory.groups[group].hosts)


def children(inventory, group):
    return sorted(g.name for g in inventory.groups[group].child_groups)


def test_hosts_are_grouped_by_site_under_the_top_group():
    found = records(
        listed('1', 'a', site='AMS-01'),
        listed('2', 'b', site='FRA-10'),
        listed('3', 'c', site='AMS-01'),
        listed('4', 'd', site=None),
    )
    inventory = populate(found).inventory
    assert children(inventory, 'leaseweb') == ['leaseweb_ams_01', 'leaseweb_fra_10']
    assert members(inventory, 'leaseweb_ams_01') == ['a', 'c']
    assert members(inventory, 'leaseweb_fra_10') == ['b']
    assert members(inventory, 'leaseweb') == ['d']
    assert sorted(h.name for h in inventory.groups['leaseweb'].get_hosts()) == ['a', 'b', 'c', 'd']


def test_no_top_group_and_no_site_groups():
    found = records(listed('1', 'a', site='AMS-01'), listed('2', 'b', site=None))
    inventory = populate(found, group='').inventory
    assert 'leaseweb' not in inventory.groups
    assert members(inventory, 'ams_01') == ['a']
    assert members(inventory, 'ungrouped') == ['b']
    inventory = populate(found, group_by_site=False).inventory
    assert members(inventory, 'leaseweb') == ['a', 'b']
    assert children(inventory, 'leaseweb') == []


def test_host_variables_with_their_prefix_and_ansible_host():
    plugin = populate(records(LISTED))
    variables = plugin.inventory.get_host('database.server').vars
    expected = dict(('leaseweb_' + k, v) for k, v in summarize(LISTED).items())
    expected['ansible_host'] = '95.211.162.0'
    assert dict((k, v) for k, v in variables.items() if not k.startswith('inventory_')) == expected
    variables = (
        populate(records(LISTED), hostvars_prefix='lw_', connect_with='internal_ip')
        .inventory.get_host('database.server')
        .vars
    )
    assert variables['lw_site'] == 'AMS-01' and variables['ansible_host'] == '10.22.192.3'
    variables = (
        populate(records(LISTED), hostvars_prefix='', connect_with='remote_management_ip')
        .inventory.get_host('database.server')
        .vars
    )
    assert variables['site'] == 'AMS-01' and variables['ansible_host'] == '10.22.192.1'
    assert (
        'ansible_host' not in populate(records(LISTED), connect_with='none').inventory.get_host('database.server').vars
    )


def test_a_server_without_the_chosen_address_gets_no_ansible_host_and_a_warning():
    plugin = populate(records(LISTED, BARE))
    assert 'ansible_host' not in plugin.inventory.get_host('web.server').vars
    assert len(plugin.display.warning) == 1
    assert 'connect_with is public_ip, but 1 server has no such address' in plugin.display.warning[0]
    assert 'web.server' in plugin.display.warning[0]
    assert populate(records(LISTED, BARE), connect_with='none').display.warning == []


def test_duplicates_are_warned_once_with_the_names_given():
    plugin = populate(records(listed('2', 'web'), listed('1', 'web'), listed('3', 'db')))
    assert sorted(plugin.inventory.hosts) == ['db', 'web', 'web-2']
    assert plugin.display.warning == [
        'leaseweb.dedicated.servers: 1 host name was wanted by several servers; the lowest id keeps the name, '
        'the others are named NAME-ID (server id: host name): web (1: web, 2: web-2)'
    ]


def test_many_duplicates_make_a_short_warning():
    found = records(*[listed(str(i), 'name-%d' % (i % 30)) for i in range(90)])
    plugin = populate(found)
    assert len(plugin.inventory.hosts) == 90
    assert '30 host names were' in plugin.display.warning[0] and '; and 20 more' in plugin.display.warning[0]


def test_a_name_wanted_by_many_servers_makes_a_short_warning():
    plugin = populate(records(*[listed(str(i), 'web') for i in range(1, 101)]))
    assert len(plugin.inventory.hosts) == 100
    (warning,) = plugin.display.warning
    assert '1 host name was' in warning
    assert warning.endswith(
        'web (1: web, 2: web-2, 3: web-3, 4: web-4, 5: web-5, 6: web-6, 7: web-7, 8: web-8, '
        '9: web-9, 10: web-10, and 90 more)'
    )


def test_the_full_record_is_a_host_variable():
    found = records(LISTED)
    found[0]['server'] = {'id': '12345', 'serial_number': 'SN', 'specs': {'cpu': {'quantity': 2}}}
    variables = populate(found, details=True).inventory.get_host('database.server').vars
    assert variables['leaseweb_server']['specs'] == {'cpu': {'quantity': 2}}


# -- unsafe data -------------------------------------------------------------------------

CRAFTED = '{{ 6 * 7 }}{% if true %} yes{% endif %}'


def trusted(compose):
    """compose expressions as Ansible reads them from an inventory file: trusted templates."""
    return dict((name, trust_as_template(expression)) for name, expression in compose.items())


def render(variables, template):
    return Templar(loader=DataLoader(), variables=variables).template(trust_as_template(template))


def test_api_strings_are_never_templated():
    server = listed('1', CRAFTED)
    server['location']['rack'] = '{{ lookup("pipe", "id") }}'
    plugin = populate(
        records(server),
        hostname=['reference', 'id'],
        keyed_groups=[],
        compose=trusted({'ref_copy': 'leaseweb_reference', 'site_lower': 'leaseweb_site | lower'}),
    )
    # a template is not a usable host name: the server is named by its id
    host = plugin.inventory.get_host('1')
    variables = dict(host.vars, inventory_hostname=host.name)
    assert render(variables, '{{ leaseweb_reference }}') == CRAFTED
    assert render(variables, '{{ ref_copy }}') == CRAFTED
    assert render(variables, '{{ leaseweb_rack }}') == '{{ lookup("pipe", "id") }}'
    assert render(variables, '{{ leaseweb_reference | upper }}') == CRAFTED.upper()
    assert render(variables, '{{ leaseweb_site }} {{ site_lower }}') == 'AMS-01 ams-01'


def is_unsafe(value):
    """Whether a string is kept from templating: wrapped as unsafe (2.18 and older), or untrusted (2.19 and later)."""
    if _untrusted.wrap_var is not None:
        return bool(getattr(value, '__UNSAFE__', False))
    return not is_trusted_as_template(value)


TEMPLATE_LIKE = [
    '{{ x }}',
    'a {% if %}',
    '{# note #}',
    'half {',
    'half }',
    '#jinja2:variable_start_string:"[["\n[[ x ]]',
]
PLAIN = ['AMS-01', 'db.server', '', '10.0.0.1', 'Customer ABC / web', '#jinja2 without a colon', '[[ x ]]']


def test_only_strings_that_could_be_templates_are_unsafe():
    data = {
        'template_like': list(TEMPLATE_LIKE),
        'plain': list(PLAIN),
        'none': None,
        'number': 3,
        'flag': True,
        'nested': {'deeper': ['{{ y }}', 'plain']},
    }
    value = servers.make_unsafe(copy.deepcopy(data))
    assert value == data
    assert all(is_unsafe(text) for text in value['template_like'] + [value['nested']['deeper'][0]])
    assert not any(is_unsafe(text) for text in value['plain'] + [value['nested']['deeper'][1]])
    assert value['none'] is None and value['number'] == 3 and value['flag'] is True


def test_the_host_variables_are_unsafe_exactly_where_they_could_be_templates():
    """So that ansible-inventory --export writes every other value as a plain value (tested in tests/integration)."""
    plugin = populate(
        records(listed('1', '{{ 6 * 7 }}')),
        compose=trusted({'ref': 'leaseweb_reference', 'dc': 'leaseweb_site | lower'}),
    )
    variables = plugin.inventory.get_host('1').vars
    assert is_unsafe(variables['leaseweb_reference']) and is_unsafe(variables['ref'])
    for name in ('leaseweb_site', 'leaseweb_id', 'leaseweb_public_ip', 'ansible_host', 'dc'):
        assert not is_unsafe(variables[name]), name
    assert not any(is_unsafe(feature) for feature in variables['leaseweb_features'])


# -- host names from hostile data ----------------------------------------------------------------

# The reference of a server (hostname: [reference, asset_id]) and the host name it gets: the
# reference itself when it is a usable host name, else the next choice, the asset id (627293).
NEXT = '627293'
HOST_NAMES = [
    # usable as they are
    ('web-01', 'web-01'),
    ('db.server', 'db.server'),
    ('db_1.ams-01', 'db_1.ams-01'),
    ('_internal', '_internal'),
    ('192.0.2.10', '192.0.2.10'),
    ('a' * 255, 'a' * 255),
    ('  padded  ', 'padded'),
    # spaces, and what host patterns split on, match with, or treat as operators
    ('Customer ABC / web', NEXT),
    ('web 01', NEXT),
    ('racks/a12', NEXT),
    ('web:8080', NEXT),
    ('2001:db8::1', NEXT),
    ('web,db', NEXT),
    ('web[1:3]', NEXT),
    ('web]', NEXT),
    ('web(1)', NEXT),
    ('web*', NEXT),
    ('web?', NEXT),
    ('!web', NEXT),
    ('&web', NEXT),
    ('~web.*', NEXT),
    ('web@host', NEXT),
    ('web;reboot', NEXT),
    ("o'web", NEXT),
    ('"web"', NEXT),
    ('web|db', NEXT),
    ('web$HOME', NEXT),
    ('web\\01', NEXT),
    ('-web', NEXT),
    ('.web', NEXT),
    # templates
    ('{{ 6 * 7 }}', NEXT),
    ('{%raw%}', NEXT),
    # control and invisible characters, letters outside ASCII
    ('web\n01', NEXT),
    ('web\t01', NEXT),
    ('web\r', NEXT),
    ('web\x00', NEXT),
    ('web\x1b[31mred', NEXT),
    ('web\u200b01', NEXT),
    ('web\u202e10', NEXT),
    ('w\u00e9b-01', NEXT),
    ('\u0430dmin', NEXT),
    # names Ansible already gives a meaning
    ('all', NEXT),
    ('ungrouped', NEXT),
    ('localhost', NEXT),
    ('LocalHost', NEXT),
    ('127.0.0.1', NEXT),
    ('::1', NEXT),
    # too long
    ('a' * 256, NEXT),
]


@pytest.mark.parametrize('reference, name', HOST_NAMES, ids=[ascii(reference)[:40] for reference, _name in HOST_NAMES])
def test_a_reference_becomes_a_host_name_only_when_usable(reference, name):
    names, duplicates, unusable = host_names(records(listed('12345', reference)), ['reference', 'asset_id'])
    assert names == [name] and duplicates == []
    assert unusable == ([] if name != NEXT else [('12345', 'reference', reference.strip(' '))])


def test_without_a_usable_choice_the_id_names_the_server():
    found = records(listed('1', 'Customer ABC / web'), listed('2', 'all'), listed('3', 'web 3'))
    found[0]['asset_id'], found[1]['asset_id'], found[2]['asset_id'] = None, 'asset 2', ''
    names, _duplicates, unusable = host_names(found, ['reference', 'asset_id'])
    assert names == ['1', '2', '3']
    assert unusable == [
        ('1', 'reference', 'Customer ABC / web'),
        ('2', 'reference', 'all'),
        ('2', 'asset_id', 'asset 2'),
        ('3', 'reference', 'web 3'),
    ]


@pytest.mark.parametrize(
    'server_id, name',
    [
        ('12345', '12345'),
        ('12 345', 'server_12_345'),
        ('../etc', 'server_.._etc'),
        ('all', 'server_all'),
        ('{{ x }}', 'server____x___'),
    ],
)
def test_an_id_that_is_not_a_usable_name_has_a_safe_form(server_id, name):
    assert _host_names.safe_id(server_id) == name
    assert host_names(records(listed(server_id, None)), ['reference', 'id'])[0] == [name]


def test_the_safe_names_are_made_unique():
    found = records(listed('1', 'web 1'), listed('2', '1'), listed('3', 'server_x y'), listed('x y', None))
    names, duplicates, _unusable = host_names(found, ['reference', 'id'])
    assert names == ['1', '1-2', '3', 'server_x_y']
    assert duplicates == [('1', [('1', '1'), ('2', '1-2')])]


def test_values_passed_over_are_warned_once_with_control_characters_escaped():
    found = records(listed('1', 'Customer ABC / web'), listed('2', 'web\x1b[2J'), listed('3', 'ok-3'))
    plugin = populate(found)
    assert sorted(plugin.inventory.hosts) == ['1', '2', 'ok-3']
    (warning,) = plugin.display.warning
    assert warning == (
        'leaseweb.dedicated.servers: 2 values are not usable as host names (only letters, digits, ".", '
        '"_" and "-", see the hostname option); those servers are named by the next choice of hostname, '
        "else their id (server id: choice value): 1: reference 'Customer ABC / web', 2: reference 'web\\x1b[2J'"
    )
    assert '\x1b' not in warning
    # the value itself is kept as a host variable
    assert plugin.inventory.get_host('1').vars['leaseweb_reference'] == 'Customer ABC / web'


def test_many_values_passed_over_make_a_short_warning():
    plugin = populate(records(*[listed(str(i), 'web %d' % i) for i in range(25)]))
    (warning,) = plugin.display.warning
    assert warning.startswith('leaseweb.dedicated.servers: 25 values are not usable')
    assert warning.endswith("9: reference 'web 9', and 15 more")


# -- options -----------------------------------------------------------------------------


def test_filters_are_sent_in_the_api_names():
    settings = plugin_with(
        ip='192.0.2.10/29',
        mac_address='aa:bb:cc:dd:ee:ff',
        site='AMS-01',
        private_network_capable=False,
        private_rack_id='7',
    )._settings()
    assert settings['query'] == {
        'ip': '192.0.2.10',
        'macAddress': 'aa:bb:cc:dd:ee:ff',
        'site': 'AMS-01',
        'privateNetworkCapable': False,
        'privateRackId': '7',
    }
    assert plugin_with()._settings()['query'] == {}


@pytest.mark.parametrize(
    'options, message',
    [
        (dict(ip='192.0.2.300'), 'ip: '),
        (dict(ip='192.0.2.1/40'), 'invalid prefix length'),
        (dict(mac_address='aa-bb-cc-dd-ee-ff'), 'mac_address'),
        (dict(concurrency=0), 'concurrency must be between 1 and 100'),
        (dict(concurrency=101), 'concurrency must be between 1 and 100'),
        (dict(page_size=0), 'page_size must be at least 1'),
        (dict(api_timeout=0), 'api_timeout must be at least 1'),
        (dict(api_retries=-1), 'api_retries must be at least 0'),
        (dict(hostname=['serial_number', 'id']), 'needs details: true'),
        (dict(hostname=[]), 'hostname must name'),
        (dict(api_key=''), 'api_key is empty'),
    ],
)
def test_bad_options_fail_before_any_request(options, message):
    with pytest.raises(AnsibleParserError, match=message):
        plugin_with(**options)._settings()


def test_the_api_key_may_be_a_template():
    plugin = plugin_with(api_key=trust_as_template('{{ secret }}'))
    plugin._vars = {'secret': 'from-extra-vars'}
    assert plugin._settings()['connection']['api_key'] == 'from-extra-vars'


def test_the_cache_is_only_used_for_the_same_source():
    base = InventoryModule._fingerprint(plugin_with()._settings())
    assert base == InventoryModule._fingerprint(plugin_with(hostname=['id'], page_size=7, concurrency=2)._settings())
    for options in (dict(site='AMS-01'), dict(details=True), dict(api_url='https://other'), dict(api_key='other-key')):
        assert InventoryModule._fingerprint(plugin_with(**options)._settings()) != base
    assert 'a-key' not in repr(base)


@pytest.mark.parametrize(
    'name, wanted',
    [
        ('prod.leaseweb.yml', True),
        ('leaseweb.yaml', True),
        ('x-leaseweb.yml', True),
        ('leaseweb.yml.bak', False),
        ('hosts.yml', False),
        ('leaseweb.json', False),
    ],
)
def test_which_files_are_read(tmp_path, name, wanted):
    path = tmp_path / name
    path.write_text('plugin: leaseweb.dedicated.servers\n')
    assert InventoryModule().verify_file(str(path)) is wanted


# -- reading, with a client that answers from memory ----------------------------------------


class FakeClient(LeasewebClient):
    """The real client, with the list and the records served from memory."""

    def __init__(self, listing, records, failure=None, **kwargs):
        super(FakeClient, self).__init__(**kwargs)
        self.listing, self.records, self.failure = listing, records, failure
        self.calls = []

    def paginate(self, path, key, params=None, page_size=50, concurrency=1):
        self.calls.append(('paginate', path, dict(params or {}), page_size, concurrency))
        if self.failure:
            raise self.failure
        return copy.deepcopy(self.listing)

    def get_or_none(self, path, params=None):
        self.calls.append(('get', path))
        return copy.deepcopy(self.records.get(path.rsplit('/', 1)[1]))


def fetch_with(monkeypatch, listing, records=None, failure=None, **options):
    made = []

    def client_from_options(connection, **client_args):
        made.append(FakeClient(listing, records or {}, failure, api_key=connection['api_key'], **client_args))
        return made[0]

    monkeypatch.setattr(servers, 'client_from_options', client_from_options)
    plugin = plugin_with(**options)
    return plugin, plugin._fetch(plugin._settings()), made[0]


def test_the_list_is_read_with_the_filters_page_size_and_concurrency(monkeypatch):
    _plugin, found, client = fetch_with(monkeypatch, [LISTED, BARE], site='AMS-01', page_size=7, concurrency=3)
    assert client.calls == [('paginate', '/servers', {'site': 'AMS-01'}, 7, 3)]
    assert client.pool_size == 3
    assert found == records(LISTED, BARE)


def test_the_verbose_line_counts_one_server_and_one_request_as_one(monkeypatch):
    lines = []
    monkeypatch.setattr(Display(), 'v', lines.append)  # the one Display every plugin shares

    def one_page(self, *args, **kwargs):
        self.request_count += 1
        return copy.deepcopy(self.listing)

    monkeypatch.setattr(FakeClient, 'paginate', one_page)
    _plugin, found, _client = fetch_with(monkeypatch, [LISTED])
    assert len(found) == 1
    assert lines[0].startswith(
        'leaseweb.dedicated.servers: 1 server read from https://api.leaseweb.com in 1 request '
    ), lines
    assert servers.counted(0, 'request') == '0 requests'
    assert servers.counted(2, 'server has', 'servers have') == '2 servers have'


def test_a_server_listed_twice_is_one_host(monkeypatch):
    _plugin, found, _client = fetch_with(monkeypatch, [LISTED, BARE, LISTED])
    assert [r['id'] for r in found] == ['12345', '47854']


def test_details_add_the_full_records_and_leave_out_servers_that_are_gone(monkeypatch):
    full = {'12345': {'id': '12345', 'serial_number': 'SN'}}
    plugin, found, client = fetch_with(monkeypatch, [LISTED, BARE], full, details=True, concurrency=2)
    assert [r['id'] for r in found] == ['12345']
    assert found[0]['server'] == full['12345']
    assert sorted(c[1] for c in client.calls if c[0] == 'get') == ['/servers/12345', '/servers/47854']
    assert plugin.display.warning == [
        'leaseweb.dedicated.servers: 1 server disappeared while the inventory was read, left out: 47854'
    ]


def test_a_failure_adds_no_host_and_shows_no_key(monkeypatch):
    failure = LeasewebError(
        'GET /bareMetals/v2/servers: HTTP 503: The API is not available (correlationId c-1) '
        '[gave up after 6 attempts] the-secret-key',
        status=503,
    )
    with pytest.raises(AnsibleError) as info:
        fetch_with(monkeypatch, [], failure=failure, api_key='the-secret-key')
    assert 'reading the servers failed, no host was added: GET /bareMetals/v2/servers: HTTP 503' in str(info.value)
    assert 'the-secret-key' not in str(info.value) and '********' in str(info.value)
