# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The bad-input table: hostile or malformed input to the modules, the inventory file and the roles,
and hostile data from the API (references that are no usable host name).

Each row is one input, what the failure says (a piece of the message, which names the option),
and how many requests reach the emulator: 0 for an input error, caught before the first request;
1 or more where only the API can tell (an unknown server, job or network, a wrong key), and then
the message still names what was wrong. Modules run in-process (tests/unit/plugins/modules/
harness.py), the inventory file is read by ansible-inventory, and the roles run in ansible-playbook,
all against the emulator.
"""

import json
import subprocess

import pytest
import yaml

from tests.conftest import plain
from tests.integration.test_targets import ansible_command, ansible_env
from tests.unit.plugins.modules.harness import API_KEY, ModuleHarness

S = '12345'  # the emulator's first server
UBUNTU = 'UBUNTU_22_04_64BIT'
LONG = 'x' * 100000

# -- modules: (row id, module, arguments, the failure says, requests) -----------------------------
MODULE_ROWS = [
    # addresses
    ('ip out of range', 'ip', dict(server_id=S, ip='300.1.1.1', reverse_lookup='a.example.com'),
     "ip: '300.1.1.1' is not an IPv4 or IPv6 address", 0),
    ('ip prefix too long', 'ip', dict(server_id=S, ip='192.0.2.10/33', reverse_lookup='a.example.com'),
     "ip: '192.0.2.10/33' has an invalid prefix length", 0),
    ('ip prefix not a number', 'ip', dict(server_id=S, ip='192.0.2.10/2x', reverse_lookup='a.example.com'),
     "ip: '192.0.2.10/2x' has an invalid prefix length", 0),
    ('ip a host name', 'null_route', dict(server_id=S, ip='www.example.com'),
     "ip: 'www.example.com' is not an IPv4 or IPv6 address", 0),
    ('ip empty', 'null_route', dict(server_id=S, ip=''), "ip: '' is not an IPv4 or IPv6 address", 0),
    ('ip IPv6 out of range', 'null_route', dict(server_id=S, ip='2001:db8::g'),
     "ip: '2001:db8::g' is not an IPv4 or IPv6 address", 0),
    ('ip list CIDR too long', 'ip_info', dict(server_id=S, ips=['1.2.3.4/40']),
     "ips: '1.2.3.4/40' has an invalid prefix length", 0),
    ('server filter ip two prefixes', 'server_info', dict(ip='10.0.0.0/8/8'),
     "ip: '10.0.0.0/8/8' has an invalid prefix length", 0),
    ('mac address malformed', 'server_info', dict(mac_address='zz:zz'),
     "mac_address: 'zz:zz' is not a MAC address", 0),
    # choices
    ('unknown detection profile', 'ip', dict(server_id=S, ip='192.0.2.10', detection_profile='TURBO'),
     'value of detection_profile must be one of', 0),
    ('unknown network type', 'network_interface', dict(server_id=S, network_type='backplane', state='open'),
     'value of network_type must be one of', 0),
    ('unknown interface state', 'network_interface', dict(server_id=S, network_type='public', state='opened'),
     'value of state must be one of', 0),
    ('unknown link speed', 'private_network', dict(server_id=S, private_network_id='892', link_speed=123),
     'value of link_speed must be one of', 0),
    ('unknown credential type', 'credential', dict(server_id=S, type='FTP', username='x', password='Secret-9pass'),
     'value of type must be one of', 0),
    ('unknown frequency', 'notification_setting',
     dict(server_id=S, type='bandwidth', frequency='HOURLY', threshold='1', unit='Gbps'),
     'value of frequency must be one of', 0),
    ('unit of the other type', 'notification_setting',
     dict(server_id=S, type='bandwidth', frequency='DAILY', threshold='1', unit='TB'),
     'unit TB is not a bandwidth unit', 0),
    ('unknown power state', 'power', dict(server_id=S, state='reboot'), 'value of state must be one of', 0),
    ('unknown job state', 'job', dict(server_id=S, state='paused'), 'value of state must be one of', 0),
    ('unknown RAID level', 'install', dict(server_id=S, operating_system_id=UBUNTU, raid=dict(type='HW', level=3)),
     'value of level must be one of: 0, 1, 5, 10, got: 3 found in raid', 0),
    ('unknown metrics type', 'metrics_info',
     dict(server_id=S, type='cpu', **{'from': '2025-01-01', 'to': '2025-01-02'}),
     'value of type must be one of', 0),
    # wrong types
    ('bool not a bool', 'ddos_notification', dict(server_id=S, nulling='maybe'),
     "argument 'nulling' is of type", 0),
    ('power_cycle not a bool', 'hardware_scan', dict(server_id=S, power_cycle='perhaps'),
     "argument 'power_cycle' is of type", 0),
    ('timeout not a number', 'power', dict(server_id=S, state='on', wait_timeout='soon'),
     "argument 'wait_timeout' is of type", 0),
    ('partitions not a list of dicts', 'install', dict(server_id=S, operating_system_id=UBUNTU, partitions=[42]),
     'partitions', 0),
    ('partition without its size', 'install', dict(server_id=S, operating_system_id=UBUNTU, partitions=[dict(mountpoint='/')]),
     'missing required arguments: filesystem, size found in partitions', 0),
    ('threshold not a number', 'notification_setting',
     dict(server_id=S, type='datatraffic', frequency='DAILY', threshold='abc', unit='GB'),
     "threshold must be a positive number such as 1, 500 or 1.5, got 'abc'", 0),
    # negative, zero and absurd numbers
    ('negative wait_timeout', 'null_route', dict(server_id=S, ip='192.0.2.10', wait_timeout=-5),
     'wait_timeout must be at least 0, got -5', 0),
    ('zero wait_sleep', 'null_route', dict(server_id=S, ip='192.0.2.10', wait_sleep=0),
     'wait_sleep must be at least 1, got 0', 0),
    ('negative wait_sleep', 'ipmi_reset', dict(server_id=S, wait_sleep=-3), 'wait_sleep must be at least 1, got -3', 0),
    ('zero api_timeout', 'power', dict(server_id=S, state='on', api_timeout=0), 'api_timeout must be at least 1, got 0', 0),
    ('negative api_retries', 'power', dict(server_id=S, state='on', api_retries=-1),
     'api_retries must be at least 0, got -1', 0),
    ('negative threshold', 'notification_setting',
     dict(server_id=S, type='bandwidth', frequency='DAILY', threshold='-1', unit='Gbps'),
     "threshold must be a positive number such as 1, 500 or 1.5, got '-1'", 0),
    ('zero threshold', 'notification_setting',
     dict(server_id=S, type='bandwidth', frequency='DAILY', threshold='0', unit='Gbps'),
     "threshold must be a positive number such as 1, 500 or 1.5, got '0'", 0),
    ('negative private network timeout', 'private_network',
     dict(server_id=S, private_network_id='892', link_speed=1000, wait_timeout=-1),
     'wait_timeout must be at least 0, got -1', 0),
    ('metrics window backwards', 'metrics_info',
     dict(server_id=S, type='bandwidth', **{'from': '2025-01-02T00:00:00Z', 'to': '2025-01-01T00:00:00Z'}),
     'to (2025-01-01T00:00:00Z) must be after from (2025-01-02T00:00:00Z)', 0),
    ('metrics date not a date', 'metrics_info',
     dict(server_id=S, type='bandwidth', **{'from': 'yesterday', 'to': '2025-01-02T00:00:00Z'}),
     "from: 'yesterday' is not an ISO-8601 date", 0),
    # empty, whitespace and oversized strings
    ('empty server_id', 'server', dict(server_id='', reference='x'), 'server_id must not be empty', 0),
    ('whitespace server_id', 'server', dict(server_id='   ', reference='x'), 'server_id must not be empty', 0),
    ('tab server_id', 'rescue_image_info', dict(server_id='\t'), 'server_id must not be empty', 0),
    ('empty server_id of an info module', 'null_route_history_info', dict(server_id=''), 'server_id must not be empty', 0),
    ('whitespace username', 'credential', dict(server_id=S, type='OPERATING_SYSTEM', username=' ', password='Secret-9pass'),
     'username must not be empty', 0),
    ('empty operating system', 'install', dict(server_id=S, operating_system_id=''), 'operating_system_id must not be empty', 0),
    ('whitespace operating system of the catalogue', 'operating_system_info', dict(operating_system_id=' '),
     'operating_system_id must not be empty', 0),
    ('empty operating system of the control panels', 'control_panel_info', dict(operating_system_id=''),
     'operating_system_id must not be empty', 0),
    ('whitespace job id', 'job', dict(server_id=S, state='retried', job_id='  '), 'job_id must not be empty', 0),
    ('empty bootfile', 'dhcp_lease', dict(server_id=S, bootfile='', hostname='ok'), "bootfile: '' is not a URL", 0),
    ('oversized lease host name', 'dhcp_lease', dict(server_id=S, bootfile='http://boot.example.com/x', hostname='a' * 300),
     'hostname: ', 0),
    ('oversized install host name', 'install', dict(server_id=S, operating_system_id=UBUNTU, hostname=LONG),
     'is not a valid host name', 0),
    # control characters and unicode
    ('reference with a line break', 'server', dict(server_id=S, reference='web\nprod'),
     'reference: ', 0),
    ('reference with a bell', 'server', dict(server_id=S, reference='bad\x07ref'), 'holds a control character', 0),
    ('host name with a space', 'dhcp_lease', dict(server_id=S, bootfile='http://boot.example.com/x', hostname='bad host!'),
     "hostname: 'bad host!' is not a valid host name", 0),
    ('host name in unicode', 'install', dict(server_id=S, operating_system_id=UBUNTU, hostname='sërver'),
     "hostname: 'sërver' is not a valid host name", 0),
    ('host name starting with a hyphen', 'install', dict(server_id=S, operating_system_id=UBUNTU, hostname='-bad-'),
     "hostname: '-bad-' is not a valid host name", 0),
    ('SSH key spanning lines', 'install', dict(server_id=S, operating_system_id=UBUNTU, ssh_keys=['ssh-rsa AAA\nssh-rsa BBB']),
     'ssh_keys: key 1 spans more than one line', 0),
    ('empty SSH key', 'rescue_mode', dict(server_id=S, ssh_keys=['']), 'ssh_keys: key 1 is empty', 0),
    ('callback URL of another scheme', 'install', dict(server_id=S, operating_system_id=UBUNTU, callback_url='ftp://x'),
     "callback_url: 'ftp://x' is not an http:// or https:// URL", 0),
    ('callback URL with a space', 'rescue_mode', dict(server_id=S, callback_url='not a url'),
     "callback_url: 'not a url' is not an http:// or https:// URL", 0),
    # the connection
    ('api_url not a URL', 'power', dict(server_id=S, state='on', api_url='not a url'), "api_url: 'not a url'", 0),
    ('api_url of another scheme', 'power', dict(server_id=S, state='on', api_url='ftp://api.leaseweb.com'),
     "api_url: 'ftp://api.leaseweb.com'", 0),
    ('api_url in clear text to a remote host', 'power', dict(server_id=S, state='on', api_url='http://api.leaseweb.com'),
     'is plain http, so the API key would cross the network', 0),
    ('api_url without a host', 'server_info', dict(api_url='https://'), "api_url: 'https://'", 0),
    # only the API can tell: the message names what it did not know
    ('unknown server', 'power', dict(server_id='999999999', state='on'), 'server_id 999999999', 1),
    ('unknown job', 'job', dict(server_id=S, state='canceled', job_id='00000000-0000-0000-0000-000000000000'),
     'job_id 00000000-0000-0000-0000-000000000000', 2),
    ('unknown private network', 'private_network', dict(server_id=S, private_network_id='777777', link_speed=1000),
     'private_network_id 777777', 2),
    ('unknown operating system', 'operating_system_info', dict(operating_system_id='BEOS_5'), 'operating_system_id BEOS_5', 1),
    ('wrong key', 'power', dict(server_id=S, state='on', api_key='wrong-key'), 'api_key', 1),
    # the whole state of a server (server_config), and of many (fleet_config)
    ('unknown area', 'server_config', dict(server_id=S, refrence='web-01'), 'Unsupported parameters for', 0),
    ('nothing declared', 'server_config', dict(server_id=S), 'nothing is declared: set at least one of', 0),
    ('reference on two lines', 'server_config', dict(server_id=S, reference='web\n01'), 'reference: ', 0),
    ('address not an address', 'server_config', dict(server_id=S, ips=dict(addresses=[dict(ip='192.0.2.300')])),
     "ips: addresses[1].ip: '192.0.2.300' is not an IPv4 or IPv6 address", 0),
    ('address declared twice', 'server_config',
     dict(server_id=S, ips=dict(addresses=[dict(ip='192.0.2.10'), dict(ip='192.0.2.10/29', reverse_lookup='a.example.com')])),
     'ips: addresses[2]: 192.0.2.10 is declared twice', 0),
    ('reverse lookup not a host name', 'server_config',
     dict(server_id=S, ips=dict(addresses=[dict(ip='192.0.2.10', reverse_lookup='not a host')])),
     "ips: addresses[1].reverse_lookup: 'not a host' is not a valid host name", 0),
    ('unknown ips state', 'server_config', dict(server_id=S, ips=dict(state='replaced', addresses=[])),
     'value of state must be one of: merged, overridden, got: replaced found in ips', 0),
    ('interfaces with nothing', 'server_config', dict(server_id=S, interfaces=dict()),
     'interfaces: declare at least one of public, internal, remote_management', 0),
    ('interface state unknown', 'server_config', dict(server_id=S, interfaces=dict(public='ajar')),
     'value of public must be one of: open, closed, got: ajar found in interfaces', 0),
    ('ddos with nothing', 'server_config', dict(server_id=S, ddos_notifications=dict()),
     'ddos_notifications: declare at least one of nulling, scrubbing', 0),
    ('threshold not a number', 'server_config',
     dict(server_id=S, bandwidth_notifications=dict(settings=[dict(frequency='DAILY', threshold='lots', unit='Gbps')])),
     "bandwidth_notifications: settings[1].threshold must be a positive number such as 1, 500 or 1.5, got 'lots'", 0),
    ('threshold zero', 'server_config',
     dict(server_id=S, datatraffic_notifications=dict(settings=[dict(frequency='DAILY', threshold='0', unit='TB')])),
     "datatraffic_notifications: settings[1].threshold must be a positive number", 0),
    ('bandwidth unit for data traffic', 'server_config',
     dict(server_id=S, datatraffic_notifications=dict(settings=[dict(frequency='DAILY', threshold='1', unit='Gbps')])),
     'value of unit must be one of: MB, GB, TB, got: Gbps found in datatraffic_notifications -> settings', 0),
    ('setting declared twice', 'server_config',
     dict(server_id=S, bandwidth_notifications=dict(settings=[dict(frequency='DAILY', threshold='1', unit='Gbps'),
                                                              dict(frequency='DAILY', threshold='1.0', unit='Gbps')])),
     'bandwidth_notifications: settings[2] (DAILY 1.0 Gbps) is declared twice', 0),
    ('settings missing', 'server_config', dict(server_id=S, bandwidth_notifications=dict(state='overridden')),
     'missing required arguments: settings found in bandwidth_notifications', 0),
    ('private network without id', 'server_config', dict(server_id=S, private_network=dict(link_speed=1000)),
     'missing required arguments: id found in private_network', 0),
    ('private network without link speed', 'server_config', dict(server_id=S, private_network=dict(id='892')),
     'state is present but all of the following are missing: link_speed found in private_network', 0),
    ('private network id blank', 'server_config', dict(server_id=S, private_network=dict(id=' ', link_speed=1000)),
     'private_network: id must not be empty', 0),
    ('credential without password', 'server_config',
     dict(server_id=S, credentials=[dict(type='DATABASE', username='app')]),
     'credentials: [1]: password is required with state present', 0),
    ('credential declared twice', 'server_config',
     dict(server_id=S, credentials=[dict(type='DATABASE', username='app', password='Pa55-one-7c'),
                                    dict(type='DATABASE', username='app', password='Pa55-two-7c')]),
     'credentials: [2]: DATABASE/app is declared twice', 0),
    ('lease boot file not a URL', 'server_config', dict(server_id=S, dhcp_lease=dict(bootfile='boot.ipxe')),
     "dhcp_lease: 'boot.ipxe' is not a URL", 0),
    ('power restarted is not a state', 'server_config', dict(server_id=S, power='restarted'),
     'value of power must be one of: on, off, got: restarted', 0),
    ('address the server does not have', 'server_config',
     dict(server_id=S, ips=dict(addresses=[dict(ip='192.0.2.99', reverse_lookup='a.example.com')])),
     'ips: server 12345 has no address 192.0.2.99', 1),
    ('fleet entry empty', 'fleet_config', dict(servers=[dict(server_id=S)]),
     'servers[1] (server 12345): nothing is declared', 0),
    ('fleet server twice', 'fleet_config', dict(servers=[dict(server_id=S, reference='a'), dict(server_id=S, power='on')]),
     'servers[2] (server 12345): declared twice (also servers[1])', 0),
    ('fleet entry without server_id', 'fleet_config', dict(servers=[dict(reference='a')]),
     'missing required arguments: server_id found in servers', 0),
    ('fleet unknown area', 'fleet_config', dict(servers=[dict(server_id=S, colour='blue')]),
     'colour', 0),
    ('fleet bad entry among good ones', 'fleet_config',
     dict(servers=[dict(server_id=S, reference='a'), dict(server_id='13058', ips=dict(addresses=[dict(ip='x')]))]),
     "servers[2] (server 13058): ips: addresses[1].ip: 'x' is not an IPv4 or IPv6 address", 0),
    ('fleet concurrency zero', 'fleet_config', dict(servers=[dict(server_id=S, reference='a')], concurrency=0),
     'concurrency must be between 1 and 100, got 0', 0),
    ('fleet concurrency too high', 'fleet_config', dict(servers=[dict(server_id=S, reference='a')], concurrency=500),
     'concurrency must be between 1 and 100, got 500', 0),
]


@pytest.fixture(scope='module')
def harness():
    started = ModuleHarness().start()
    yield started
    started.stop()


@pytest.mark.parametrize('module, args, says, requests', [row[1:] for row in MODULE_ROWS],
                         ids=[row[0] for row in MODULE_ROWS])
def test_a_module_refuses(harness, monkeypatch, module, args, says, requests):
    for name in ('LEASEWEB_API_KEY', 'LEASEWEB_TOKEN', 'LEASEWEB_API_URL'):
        monkeypatch.delenv(name, raising=False)
    harness.reset()
    run = harness.run(module, **args)
    assert run.failed, run
    assert says in run.msg, run.msg
    assert len(run.calls) == requests, run.calls
    assert API_KEY not in repr(run.result)


# -- the inventory file: (row id, options of the file, the failure says, requests) --------------
INVENTORY_ROWS = [
    ('page size zero', dict(page_size=0), 'page_size', 0),
    ('negative concurrency', dict(concurrency=-1), 'concurrency', 0),
    ('unknown host name choice', dict(hostname=['reference', 'nickname']), 'hostname', 0),
    ('unknown address to connect with', dict(connect_with='carrier_pigeon'), 'connect_with', 0),
    ('api_url in clear text to a remote host', dict(api_url='http://api.leaseweb.com'), 'api_url', 0),
    ('api_url not a URL', dict(api_url='api.leaseweb.com'), 'api_url', 0),
    ('zero api_timeout', dict(api_timeout=0), 'api_timeout must be at least 1', 0),
    ('filter ip not an address', dict(ip='10.0.0.300'), 'ip', 0),
    ('filter mac address malformed', dict(mac_address='aa-bb'), 'mac_address', 0),
    ('wrong key', dict(api_key='wrong-key'), '401', 1),
]


@pytest.mark.parametrize('options, says, requests', [row[1:] for row in INVENTORY_ROWS],
                         ids=[row[0] for row in INVENTORY_ROWS])
def test_an_inventory_file_is_refused(harness, tmp_path, options, says, requests):
    """ansible-inventory fails as a whole (no host), saying what was wrong."""
    harness.reset()
    config = dict(plugin='leaseweb.dedicated.servers', api_url=harness.url, api_key=API_KEY)
    config.update(options)
    path = tmp_path / 'fleet.leaseweb.yml'
    path.write_text(yaml.safe_dump(config))
    env = ansible_env(harness, ANSIBLE_INVENTORY_UNPARSED_FAILED='1', ANSIBLE_INVENTORY_ENABLED='leaseweb.dedicated.servers')
    result = subprocess.run([ansible_command('ansible-inventory'), '-i', str(path), '--list'], env=env, cwd=str(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120, check=False)
    output = ' '.join((result.stdout + result.stderr).split())
    assert result.returncode != 0, output
    assert says in output, output
    assert len(harness.requests()) == requests
    assert API_KEY not in output
    assert '"hosts"' not in result.stdout


# -- the roles: (row id, role, its variables, the failure says) --------------------------------
# Every row fails at the role's argument spec or its own checks, before any request.
ROLE_ROWS = [
    ('provision without a server', 'provision', dict(provision_reference='web-01'), 'provision_server_id'),
    ('provision unknown power state', 'provision', dict(provision_server_id=S, provision_power='reboot'), 'provision_power'),
    ('provision interface state misspelt', 'provision', dict(provision_server_id=S, provision_public_interface='opened'),
     'provision_public_interface'),
    ('provision credentials not a list', 'provision', dict(provision_server_id=S, provision_credentials='root:secret'),
     'provision_credentials'),
    ('rescue unknown state', 'rescue', dict(rescue_server_id=S, rescue_state='maybe'), 'rescue_state'),
    ('rescue timeout not a number', 'rescue', dict(rescue_server_id=S, rescue_timeout='soon'), 'rescue_timeout'),
    ('configure unknown detection profile', 'configure',
     dict(configure_server_id=S, configure_ips=[dict(ip='192.0.2.10', detection_profile='TURBO')]), 'detection_profile'),
    ('configure IP entry without its address', 'configure',
     dict(configure_server_id=S, configure_ips=[dict(reverse_lookup='www.example.com')]), 'ip'),
    ('configure interface state misspelt', 'configure', dict(configure_server_id=S, configure_internal_interface='shut'),
     'configure_internal_interface'),
]


@pytest.fixture(scope='module')
def role_failures(harness, tmp_path_factory):
    """One ansible-playbook run trying every row's role in a block; what each failure said."""
    harness.reset()
    folder = tmp_path_factory.mktemp('roles')
    tasks = []
    for row_id, role, variables, _says in ROLE_ROWS:
        tasks.append({'name': row_id, 'block': [
            {'ansible.builtin.include_role': {'name': 'leaseweb.dedicated.%s' % role}, 'vars': variables},
            {'ansible.builtin.set_fact': {'role_failures': "{{ role_failures | combine({%r: 'did not fail'}) }}" % row_id}},
        ], 'rescue': [
            {'ansible.builtin.set_fact': {
                'role_failures': "{{ role_failures | combine({%r: ansible_failed_result.msg | string}) }}" % row_id}},
        ]})
    tasks.append({'ansible.builtin.copy': {'content': '{{ role_failures | to_json }}', 'dest': str(folder / 'failures.json')}})
    playbook = folder / 'roles.yml'
    playbook.write_text(yaml.safe_dump([{'hosts': 'localhost', 'gather_facts': False, 'vars': {'role_failures': {}},
                                         'module_defaults': {'group/leaseweb.dedicated.all': {'api_key': API_KEY}},
                                         'tasks': tasks}], sort_keys=False))
    result = subprocess.run([ansible_command('ansible-playbook'), str(playbook)], env=ansible_env(harness), cwd=str(folder),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-5000:]
    assert API_KEY not in result.stdout
    return json.loads((folder / 'failures.json').read_text()), harness.requests()


@pytest.mark.parametrize('row_id, says', [(row[0], row[3]) for row in ROLE_ROWS], ids=[row[0] for row in ROLE_ROWS])
def test_a_role_refuses(role_failures, row_id, says):
    failures, requests = role_failures
    assert says in failures[row_id], failures[row_id]
    assert requests == []


# -- hostile data from the API: a reference that is no usable host name names no host ------------
# (row id, the reference, the host name the inventory gives the server: its reference, else its id)
HOSTILE_REFERENCES = [
    ('spaces and a slash', 'Customer ABC / web', None),
    ('a colon', 'db:primary', None),
    ('a comma', 'web,db', None),
    ('brackets', 'web[01:10]', None),
    ('a pattern', 'web*', None),
    ('a leading exclamation mark', '!web', None),
    ('a line break', 'web\nprod', None),
    ('an escape sequence', 'web\x1b[31m', None),
    ('a template', '{{ lookup("pipe", "id") }}', None),
    ('a name Ansible gives a meaning', 'all', None),
    ('unicode that looks like ASCII', '\u0430dmin', None),
    ('a usable name', 'web-01.ams', 'web-01.ams'),
]


@pytest.fixture(scope='module')
def hostile_inventory(harness, tmp_path_factory):
    """The references set on as many servers, then one ansible-inventory --list."""
    harness.reset()
    ids = [server['id'] for server in harness.api('GET', '/servers', query={'limit': str(len(HOSTILE_REFERENCES))})[1]['servers']]
    for server_id, (_row, reference, _name) in zip(ids, HOSTILE_REFERENCES):
        assert harness.api('PUT', '/servers/%s' % server_id, {'reference': reference})[0] == 204
    folder = tmp_path_factory.mktemp('hostile')
    path = folder / 'fleet.leaseweb.yml'
    path.write_text(yaml.safe_dump(dict(plugin='leaseweb.dedicated.servers', api_url=harness.url, api_key=API_KEY)))
    result = subprocess.run([ansible_command('ansible-inventory'), '-i', str(path), '--list'], env=ansible_env(harness),
                            cwd=str(folder), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300,
                            check=False)
    assert result.returncode == 0, result.stderr
    hostvars = json.loads(result.stdout)['_meta']['hostvars']
    return dict((plain(variables['leaseweb_id']), name) for name, variables in hostvars.items()), ids


@pytest.mark.parametrize('row, reference, name', HOSTILE_REFERENCES, ids=[row[0] for row in HOSTILE_REFERENCES])
def test_a_hostile_reference_names_no_host(hostile_inventory, row, reference, name):
    names, ids = hostile_inventory
    server_id = ids[[r[0] for r in HOSTILE_REFERENCES].index(row)]
    assert names[server_id] == (name or server_id)
