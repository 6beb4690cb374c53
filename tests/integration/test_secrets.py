# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""No secret in the output at -vvv, in diff mode, with failures: credentials, install, rescue, the roles,
and the inventory with a templated key."""

import subprocess

import yaml

from tests.integration.test_targets import ansible_command, ansible_env, run_playbook

SERVER_ID = '12345'
NEW_ROOT_PASSWORD = 'root-N3w-5ecret-a81c'
FIRST_APP_PASSWORD = 'app-F1rst-5ecret-3d0e'
SECOND_APP_PASSWORD = 'app-S3cond-5ecret-77b2'
CHECKED_ADMIN_PASSWORD = 'admin-Ch3ck-5ecret-c4f9'
FAILED_PASSWORD = 'fail-Ed-5ecret-19aa'


def stored_password(emulator, cred_type, username):
    response = emulator.api('GET', '/servers/%s/credentials/%s/%s' % (SERVER_ID, cred_type, username))
    response.raise_for_status()
    return response.json()['password']


def credential(cred_type, username, password, **extra):
    options = dict(server_id=SERVER_ID, type=cred_type, username=username, password=password)
    options.update(extra)
    return {'leaseweb.dedicated.credential': options}


def playbook(api_key):
    tasks = [
        dict(
            name='Replace the seeded root password (the module reads the old one to compare)',
            **credential('OPERATING_SYSTEM', 'root', NEW_ROOT_PASSWORD),
        ),
        dict(name='Create an application credential', **credential('DATABASE', 'app', FIRST_APP_PASSWORD)),
        dict(name='Change its password', **credential('DATABASE', 'app', SECOND_APP_PASSWORD)),
        dict(name='Change it again, to the same password', **credential('DATABASE', 'app', SECOND_APP_PASSWORD)),
        dict(
            name='Change the remote management password in check mode',
            check_mode=True,
            **credential('REMOTE_MANAGEMENT', 'admin', CHECKED_ADMIN_PASSWORD),
        ),
        {
            'name': 'Make the next PUT fail before it is carried out',
            'ansible.builtin.set_fact': {
                'faulted': "{{ query('emulator', 'faults', error_rate=1.0, error_status=503, methods=['PUT'], count=1) }}"
            },
        },
        dict(
            name='Change the application password while the API fails',
            ignore_errors=True,
            register='failed_update',
            **credential('DATABASE', 'app', FAILED_PASSWORD, api_retries=0),
        ),
        {
            'name': 'Read the application credential back, with its password',
            'leaseweb.dedicated.credential_info': {'server_id': SERVER_ID, 'type': 'DATABASE', 'username': 'app'},
            'no_log': True,
            'register': 'app_credential',
        },
        {'name': 'List the credentials', 'leaseweb.dedicated.credential_info': {'server_id': SERVER_ID}},
        {
            'name': 'The password read back is the one set',
            'ansible.builtin.assert': {
                'that': [
                    'failed_update is failed',
                    'app_credential.credentials[0].password == "%s"' % SECOND_APP_PASSWORD,
                ]
            },
        },
    ]
    return [
        {
            'name': 'Manage credentials',
            'hosts': 'localhost',
            'gather_facts': False,
            'vars': {'leaseweb_api_key': api_key},
            'module_defaults': {'group/leaseweb.dedicated.all': {'api_key': '{{ leaseweb_api_key }}'}},
            'tasks': tasks,
        }
    ]


def test_no_api_key_or_password_in_the_output_at_vvv(emulator, tmp_path):
    old_root_password = stored_password(emulator, 'OPERATING_SYSTEM', 'root')
    old_admin_password = stored_password(emulator, 'REMOTE_MANAGEMENT', 'admin')
    path = tmp_path / 'secrets.yml'
    path.write_text(yaml.safe_dump(playbook(emulator.api_key), sort_keys=False))
    emulator.clear()

    result = run_playbook(emulator, path, '-vvv', '--diff')
    output = result.stdout  # stderr is merged into it

    assert result.returncode == 0, output[-20000:]
    # The run did what it says, verbosely: module arguments, diffs and the failure are in the output.
    assert 'ok=10' in output and 'changed=4' in output and 'ignored=1' in output, output[-3000:]
    assert 'ESTABLISH LOCAL CONNECTION' in output and 'Using module file' in output
    assert '(hidden, changed)' in output and '(hidden, set)' in output
    assert 'HTTP 503' in output
    assert stored_password(emulator, 'OPERATING_SYSTEM', 'root') == NEW_ROOT_PASSWORD
    assert stored_password(emulator, 'DATABASE', 'app') == SECOND_APP_PASSWORD
    assert stored_password(emulator, 'REMOTE_MANAGEMENT', 'admin') == old_admin_password
    assert all(r['status'] != 401 for r in emulator.requests())

    secrets = dict(
        api_key=emulator.api_key,
        old_root_password=old_root_password,
        old_admin_password=old_admin_password,
        new_root_password=NEW_ROOT_PASSWORD,
        first_app_password=FIRST_APP_PASSWORD,
        second_app_password=SECOND_APP_PASSWORD,
        checked_admin_password=CHECKED_ADMIN_PASSWORD,
        failed_password=FAILED_PASSWORD,
    )
    # Ansible wraps warnings at spaces and hyphens: look in the output without its line breaks too
    flat = ''.join(output.split())
    leaked = sorted(name for name, secret in secrets.items() if secret in output or secret in flat)
    assert leaked == [], 'secrets in the output: %s' % leaked


INSTALL_PASSWORD = 'inst-R00t-5ecret-6b1d'
INSTALL_SCRIPT_SECRET = 'script-T0ken-5ecret-0f3e'
RESCUE_PASSWORD = 'resc-R00t-5ecret-92aa'
ROLE_RESCUE_PASSWORD = 'role-Resc-5ecret-5c7d'
ROLE_CREDENTIAL_PASSWORD = 'role-Cred-5ecret-e41b'
INVENTORY_KEY_VARIABLE = 'LEASEWEB_TEST_INVENTORY_KEY'


def workflows_playbook(api_key, servers):
    """Every other password-bearing option and workflow: install (a password and a script holding a
    token, in check mode, failing, and for real), rescue_mode, the rescue and provision roles."""
    install = dict(
        operating_system_id='UBUNTU_22_04_64BIT',
        password=INSTALL_PASSWORD,
        post_install_script='#!/bin/sh\necho %s > /root/token\n' % INSTALL_SCRIPT_SECRET,
        wait_timeout=600,
    )
    tasks = [
        {
            'name': 'Install in check mode, with a password and a script',
            'check_mode': True,
            'leaseweb.dedicated.install': dict(install, server_id=servers[0], force=True),
        },
        {
            'name': 'Install with a partition that fails its check (the password and the key given as options)',
            'ignore_errors': True,
            'register': 'bad_install',
            'leaseweb.dedicated.install': dict(install, server_id=servers[0], partitions=[42], api_key=api_key),
        },
        {'name': 'Install for real', 'leaseweb.dedicated.install': dict(install, server_id=servers[0], force=True)},
        {
            'name': 'Boot into rescue with a password (the result holds the login: no_log, as documented)',
            'no_log': True,
            'leaseweb.dedicated.rescue_mode': dict(server_id=servers[1], password=RESCUE_PASSWORD, wait_timeout=600),
        },
        {
            'name': 'The rescue role',
            'ansible.builtin.include_role': {'name': 'leaseweb.dedicated.rescue'},
            'vars': {'rescue_server_id': servers[2], 'rescue_password': ROLE_RESCUE_PASSWORD, 'rescue_timeout': 600},
        },
        {
            'name': 'The provision role, storing a credential',
            'ansible.builtin.include_role': {'name': 'leaseweb.dedicated.provision'},
            'vars': {
                'provision_server_id': servers[3],
                'provision_credentials': [
                    {'type': 'DATABASE', 'username': 'app', 'password': ROLE_CREDENTIAL_PASSWORD}
                ],
            },
        },
        {
            'name': 'The failures said what failed',
            'ansible.builtin.assert': {'that': ['bad_install is failed', "'partitions' in bad_install.msg"]},
        },
    ]
    return [
        {
            'name': 'Workflows with secrets',
            'hosts': 'localhost',
            'gather_facts': False,
            'module_defaults': {'group/leaseweb.dedicated.all': {'api_key': api_key}},
            'tasks': tasks,
        }
    ]


def test_no_secret_of_the_workflows_or_the_inventory_at_vvv(emulator, tmp_path):
    emulator.clock(mode='step', step=60)  # every job has ended by the wait's first read
    servers = [s['id'] for s in emulator.api('GET', '/servers', params={'limit': 6}).json()['servers'][1:5]]
    path = tmp_path / 'workflows.yml'
    path.write_text(yaml.safe_dump(workflows_playbook(emulator.api_key, servers), sort_keys=False))
    result = run_playbook(emulator, path, '-vvv', '--diff')
    output = result.stdout
    assert result.returncode == 0, output[-20000:]
    assert 'failed=0' in output and 'ignored=1' in output, output[-3000:]
    posts = [r['path'].rsplit('/', 1)[-1] for r in emulator.writes() if r['method'] == 'POST']
    assert posts.count('install') == 1 and posts.count('rescueMode') == 2 and posts.count('credentials') == 1, posts

    # the inventory, its key a template read from the environment, at -vvv, and failing with a wrong one
    inventory = tmp_path / 'fleet.leaseweb.yml'
    inventory.write_text(
        yaml.safe_dump(
            {
                'plugin': 'leaseweb.dedicated.servers',
                'api_url': emulator.url,
                'api_key': "{{ lookup('ansible.builtin.env', '%s') }}" % INVENTORY_KEY_VARIABLE,
            }
        )
    )
    listed = subprocess.run(
        [ansible_command('ansible-inventory'), '-i', str(inventory), '--list', '-vvv'],
        env=ansible_env(emulator, **{INVENTORY_KEY_VARIABLE: emulator.api_key}),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
        check=False,
    )
    assert listed.returncode == 0 and '"leaseweb_id": "%s"' % servers[0] in listed.stdout, listed.stdout[-3000:]
    wrong_key = 'wrong-K3y-5ecret-40d2'
    refused = subprocess.run(
        [ansible_command('ansible-inventory'), '-i', str(inventory), '--list', '-vvv'],
        env=ansible_env(emulator, ANSIBLE_INVENTORY_UNPARSED_FAILED='1', **{INVENTORY_KEY_VARIABLE: wrong_key}),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
        check=False,
    )
    assert refused.returncode != 0 and '401' in refused.stdout, refused.stdout[-3000:]

    secrets = dict(
        api_key=emulator.api_key,
        wrong_key=wrong_key,
        install_password=INSTALL_PASSWORD,
        install_script_secret=INSTALL_SCRIPT_SECRET,
        rescue_password=RESCUE_PASSWORD,
        role_rescue_password=ROLE_RESCUE_PASSWORD,
        role_credential_password=ROLE_CREDENTIAL_PASSWORD,
    )
    generated = emulator.api('GET', '/servers/%s/credentials/RESCUE_MODE/root' % servers[2]).json().get('password')
    if generated:
        secrets['rescue_login_of_the_role'] = generated
    everything = output + listed.stdout + refused.stdout
    flat = ''.join(everything.split())
    leaked = sorted(name for name, secret in secrets.items() if secret in everything or secret in flat)
    assert leaked == [], 'secrets in the output: %s' % leaked
