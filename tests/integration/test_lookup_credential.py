# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The lookup leaseweb.dedicated.credential in a real playbook at -vvv: the password an installation stored,
for ansible_password, returned as it is (never templated) and never printed, nor the key."""

import yaml

from tests.integration.test_targets import run_playbook

SERVER_ID = '12345'
INSTALL_PASSWORD = 'inst-L00kup-5ecret-7c2e'
# a stored password that is a Jinja2 expression stays that text
TEMPLATE_PASSWORD = 'db-{{ 7 * 6 }}-5ecret-1a9f'


def test_the_lookup_returns_the_stored_password_and_never_prints_it_at_vvv(emulator, tmp_path):
    emulator.clock(mode='step', step=60)  # the installation has ended by the wait's first read
    response = emulator.api(
        'POST',
        '/servers/%s/credentials' % SERVER_ID,
        json=dict(type='DATABASE', username='app', password=TEMPLATE_PASSWORD),
    )
    assert response.status_code in (200, 201), response.text
    installed, database = tmp_path / 'installed', tmp_path / 'database'
    tasks = [
        {
            'name': 'Install with a root password',
            'no_log': True,
            'leaseweb.dedicated.install': dict(
                server_id=SERVER_ID,
                operating_system_id='UBUNTU_22_04_64BIT',
                password=INSTALL_PASSWORD,
                force=True,
                wait_timeout=600,
            ),
        },
        {
            'name': 'The stored root password, handed to a module (no_log)',
            'no_log': True,
            'ansible.builtin.copy': dict(
                content="{{ lookup('leaseweb.dedicated.credential', '%s') }}" % SERVER_ID,
                dest=str(installed),
                mode='0600',
            ),
        },
        {
            'name': 'Another credential, whose password looks like a template',
            'no_log': True,
            'ansible.builtin.copy': dict(
                content="{{ query('leaseweb.dedicated.credential', '%s', type='DATABASE', "
                "username='app') | first }}" % SERVER_ID,
                dest=str(database),
                mode='0600',
            ),
        },
        {
            'name': 'A credential the server does not have',
            'ignore_errors': True,
            'register': 'missing',
            'ansible.builtin.set_fact': {
                'nothing': "{{ lookup('leaseweb.dedicated.credential', '%s', type='RESCUE_MODE') }}" % SERVER_ID
            },
        },
        {
            'name': 'The failure says what is missing',
            'ansible.builtin.assert': {
                'that': ['missing is failed', "'has no RESCUE_MODE credential with username root' in missing.msg"]
            },
        },
    ]
    play = [
        {
            'name': 'Install, then log in with the stored password',
            'hosts': 'localhost',
            'gather_facts': False,
            'tasks': tasks,
        },
        {
            'name': 'The documented use: ansible_password of the installed server',
            'hosts': 'localhost',
            'gather_facts': False,
            'vars': {
                'ansible_user': 'root',
                'ansible_password': "{{ lookup('leaseweb.dedicated.credential', '%s') }}" % SERVER_ID,
            },
            'tasks': [{'name': 'Run a task with it', 'ansible.builtin.command': 'true', 'changed_when': False}],
        },
    ]
    playbook = tmp_path / 'lookup.yml'
    playbook.write_text(yaml.safe_dump(play, sort_keys=False))
    result = run_playbook(emulator, playbook, '-vvv', LEASEWEB_API_KEY=emulator.api_key)
    output = result.stdout
    assert result.returncode == 0, output[-20000:]
    assert 'failed=0' in output and 'ignored=1' in output, output[-3000:]
    assert installed.read_text() == INSTALL_PASSWORD
    assert database.read_text() == TEMPLATE_PASSWORD
    # the lookup ran verbosely, and says what it read, never the password
    assert 'leaseweb.dedicated.credential: reading the OPERATING_SYSTEM credential root of server 12345' in output
    flat = ''.join(output.split())
    leaked = [
        name
        for name, secret in (
            ('install password', INSTALL_PASSWORD),
            ('database password', TEMPLATE_PASSWORD),
            ('api key', emulator.api_key),
        )
        if secret in output or secret in flat
    ]
    assert leaked == []
    assert 'db-42-5ecret' not in output
    reads = [r['path'] for r in emulator.requests() if r['path'].endswith('/credentials/OPERATING_SYSTEM/root')]
    assert len(reads) >= 2
