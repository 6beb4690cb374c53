# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The bad-input tables of what only Ansible reads: the inventory file (ansible-inventory) and the
roles' arguments (ansible-playbook), and hostile data from the API (references that are no usable
host name). The modules' own bad input and the API's refusals are one table in process:
tests/unit/plugins/modules/test_bad_inputs.py.

Each row is one input, what the failure says (a piece of the message, which names the option),
and how many requests reach the emulator: 0 for an input error, caught before the first request;
1 where only the API can tell (a wrong key). The emulator runs in this process
(tests/unit/plugins/modules/harness.py).
"""

import json
import subprocess

import pytest
import yaml

from tests.conftest import plain
from tests.integration.test_targets import ansible_command, ansible_env
from tests.unit.plugins.modules.harness import API_KEY, ModuleHarness

S = '12345'  # the emulator's first server


@pytest.fixture(scope='module')
def harness():
    started = ModuleHarness().start()
    yield started
    started.stop()


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


@pytest.mark.parametrize(
    'options, says, requests', [row[1:] for row in INVENTORY_ROWS], ids=[row[0] for row in INVENTORY_ROWS]
)
def test_an_inventory_file_is_refused(harness, tmp_path, options, says, requests):
    """ansible-inventory fails as a whole (no host), saying what was wrong."""
    harness.reset()
    config = dict(plugin='leaseweb.dedicated.servers', api_url=harness.url, api_key=API_KEY)
    config.update(options)
    path = tmp_path / 'fleet.leaseweb.yml'
    path.write_text(yaml.safe_dump(config))
    env = ansible_env(
        harness, ANSIBLE_INVENTORY_UNPARSED_FAILED='1', ANSIBLE_INVENTORY_ENABLED='leaseweb.dedicated.servers'
    )
    result = subprocess.run(
        [ansible_command('ansible-inventory'), '-i', str(path), '--list'],
        env=env,
        cwd=str(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        check=False,
    )
    output = ' '.join((result.stdout + result.stderr).split())
    assert result.returncode != 0, output
    assert says in output, output
    assert len(harness.requests()) == requests
    assert API_KEY not in output
    assert '"hosts"' not in result.stdout


# -- the roles: (row id, role, its variables, the failure says) --------------------------------
# Every row fails at the role's argument spec or its own checks, before any request.
ROLE_ROWS = [
    (
        'provision without a server',
        'provision',
        dict(provision_reference='web-01'),
        'provision_server_id is not set, and host localhost has no variable leaseweb_id',
    ),
    (
        'provision unknown power state',
        'provision',
        dict(provision_server_id=S, provision_power='reboot'),
        'provision_power',
    ),
    (
        'provision interface state misspelt',
        'provision',
        dict(provision_server_id=S, provision_public_interface='opened'),
        'provision_public_interface',
    ),
    (
        'provision credentials not a list',
        'provision',
        dict(provision_server_id=S, provision_credentials='root:secret'),
        'provision_credentials',
    ),
    ('rescue unknown state', 'rescue', dict(rescue_server_id=S, rescue_state='maybe'), 'rescue_state'),
    ('rescue timeout not a number', 'rescue', dict(rescue_server_id=S, rescue_timeout='soon'), 'rescue_timeout'),
    (
        'configure unknown detection profile',
        'configure',
        dict(configure_server_id=S, configure_ips=[dict(ip='192.0.2.10', detection_profile='TURBO')]),
        'detection_profile',
    ),
    (
        'configure IP entry without its address',
        'configure',
        dict(configure_server_id=S, configure_ips=[dict(reverse_lookup='www.example.com')]),
        'ip',
    ),
    (
        'configure interface state misspelt',
        'configure',
        dict(configure_server_id=S, configure_internal_interface='shut'),
        'configure_internal_interface',
    ),
    (
        'configure public interface sideways',
        'configure',
        dict(configure_server_id=S, configure_public_interface='sideways'),
        'configure_public_interface must be one of: open, closed, got: sideways',
    ),
    (
        'configure notification frequency unknown',
        'configure',
        dict(
            configure_server_id=S,
            configure_bandwidth_notifications=[dict(frequency='HOURLY', threshold=1, unit='Gbps')],
        ),
        'value of frequency must be one of: DAILY, WEEKLY, MONTHLY, got: HOURLY found in configure_bandwidth_notifications',
    ),
    (
        'configure without a server',
        'configure',
        dict(configure_reference='web-01'),
        'configure_server_id is not set, and host localhost has no variable leaseweb_id',
    ),
    (
        'rescue state sideways',
        'rescue',
        dict(rescue_server_id=S, rescue_state='sideways'),
        'rescue_state must be one of: present, absent, got: sideways',
    ),
    (
        'rescue SSH port not a number',
        'rescue',
        dict(rescue_server_id=S, rescue_ssh_port='twenty-two'),
        'rescue_ssh_port',
    ),
    (
        'provision credential without its username',
        'provision',
        dict(provision_server_id=S, provision_credentials=[dict(type='DATABASE')]),
        'missing required arguments: username found in provision_credentials',
    ),
    (
        'provision power sideways',
        'provision',
        dict(provision_server_id=S, provision_power='sideways'),
        'provision_power must be one of',
    ),
    (
        'provision host key pinned without a key to log in with',
        'provision',
        dict(provision_server_id=S, provision_pin_host_key=True),
        'provision_pin_host_key: the first contact logs in with an SSH key: set provision_ssh_keys',
    ),
    (
        'rescue host key pinned before a script without a shebang',
        'rescue',
        dict(
            rescue_server_id=S,
            rescue_pin_host_key=True,
            rescue_ssh_keys=['ssh-ed25519 AAAAC3Nza... ops'],
            rescue_post_install_script='apt-get install -y smartmontools',
        ),
        'rescue_post_install_script, which runs after the script that installs the one-time key, must start with a shebang',
    ),
]


@pytest.fixture(scope='module')
def role_failures(harness, tmp_path_factory):
    """One ansible-playbook run trying every row's role in a block; what each failure said."""
    harness.reset()
    folder = tmp_path_factory.mktemp('roles')
    tasks = []
    for row_id, role, variables, _says in ROLE_ROWS:
        tasks.append(
            {
                'name': row_id,
                'block': [
                    {'ansible.builtin.include_role': {'name': 'leaseweb.dedicated.%s' % role}, 'vars': variables},
                    {
                        'ansible.builtin.set_fact': {
                            'role_failures': "{{ role_failures | combine({%r: 'did not fail'}) }}" % row_id
                        }
                    },
                ],
                'rescue': [
                    {
                        'ansible.builtin.set_fact': {
                            'role_failures': '{{ role_failures | combine({%r: ansible_failed_result.msg | string}) }}'
                            % row_id
                        }
                    },
                ],
            }
        )
    tasks.append(
        {'ansible.builtin.copy': {'content': '{{ role_failures | to_json }}', 'dest': str(folder / 'failures.json')}}
    )
    playbook = folder / 'roles.yml'
    playbook.write_text(
        yaml.safe_dump(
            [
                {
                    'hosts': 'localhost',
                    'gather_facts': False,
                    'vars': {'role_failures': {}},
                    'module_defaults': {'group/leaseweb.dedicated.all': {'api_key': API_KEY}},
                    'tasks': tasks,
                }
            ],
            sort_keys=False,
        )
    )
    result = subprocess.run(
        [ansible_command('ansible-playbook'), str(playbook)],
        env=ansible_env(harness),
        cwd=str(folder),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
        check=False,
    )
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
    ids = [
        server['id']
        for server in harness.api('GET', '/servers', query={'limit': str(len(HOSTILE_REFERENCES))})[1]['servers']
    ]
    for server_id, (_row, reference, _name) in zip(ids, HOSTILE_REFERENCES):
        assert harness.api('PUT', '/servers/%s' % server_id, {'reference': reference})[0] == 204
    folder = tmp_path_factory.mktemp('hostile')
    path = folder / 'fleet.leaseweb.yml'
    path.write_text(yaml.safe_dump(dict(plugin='leaseweb.dedicated.servers', api_url=harness.url, api_key=API_KEY)))
    result = subprocess.run(
        [ansible_command('ansible-inventory'), '-i', str(path), '--list'],
        env=ansible_env(harness),
        cwd=str(folder),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    hostvars = json.loads(result.stdout)['_meta']['hostvars']
    return dict((plain(variables['leaseweb_id']), name) for name, variables in hostvars.items()), ids


@pytest.mark.parametrize('row, reference, name', HOSTILE_REFERENCES, ids=[row[0] for row in HOSTILE_REFERENCES])
def test_a_hostile_reference_names_no_host(hostile_inventory, row, reference, name):
    names, ids = hostile_inventory
    server_id = ids[[r[0] for r in HOSTILE_REFERENCES].index(row)]
    assert names[server_id] == (name or server_id)
