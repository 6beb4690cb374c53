# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""No secret in the output: credentials managed and read at -vvv, in diff mode, with failures."""

import yaml

from tests.integration.test_targets import run_playbook

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
        dict(name='Replace the seeded root password (the module reads the old one to compare)',
             **credential('OPERATING_SYSTEM', 'root', NEW_ROOT_PASSWORD)),
        dict(name='Create an application credential', **credential('DATABASE', 'app', FIRST_APP_PASSWORD)),
        dict(name='Change its password', **credential('DATABASE', 'app', SECOND_APP_PASSWORD)),
        dict(name='Change it again, to the same password', **credential('DATABASE', 'app', SECOND_APP_PASSWORD)),
        dict(name='Change the remote management password in check mode', check_mode=True,
             **credential('REMOTE_MANAGEMENT', 'admin', CHECKED_ADMIN_PASSWORD)),
        {'name': 'Make the next PUT fail before it is carried out',
         'ansible.builtin.set_fact': {
             'faulted': "{{ query('emulator', 'faults', error_rate=1.0, error_status=503, methods=['PUT'], count=1) }}"}},
        dict(name='Change the application password while the API fails', ignore_errors=True, register='failed_update',
             **credential('DATABASE', 'app', FAILED_PASSWORD, api_retries=0)),
        {'name': 'Read the application credential back, with its password',
         'leaseweb.dedicated.credential_info': {'server_id': SERVER_ID, 'type': 'DATABASE', 'username': 'app'},
         'no_log': True, 'register': 'app_credential'},
        {'name': 'List the credentials',
         'leaseweb.dedicated.credential_info': {'server_id': SERVER_ID}},
        {'name': 'The password read back is the one set',
         'ansible.builtin.assert': {'that': [
             'failed_update is failed',
             'app_credential.credentials[0].password == "%s"' % SECOND_APP_PASSWORD]}},
    ]
    return [{
        'name': 'Manage credentials', 'hosts': 'localhost', 'gather_facts': False,
        'vars': {'leaseweb_api_key': api_key},
        'module_defaults': {'group/leaseweb.dedicated.all': {'api_key': '{{ leaseweb_api_key }}'}},
        'tasks': tasks,
    }]


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

    secrets = dict(api_key=emulator.api_key, old_root_password=old_root_password,
                   old_admin_password=old_admin_password, new_root_password=NEW_ROOT_PASSWORD,
                   first_app_password=FIRST_APP_PASSWORD, second_app_password=SECOND_APP_PASSWORD,
                   checked_admin_password=CHECKED_ADMIN_PASSWORD, failed_password=FAILED_PASSWORD)
    # Ansible wraps warnings at spaces and hyphens: look in the output without its line breaks too
    flat = ''.join(output.split())
    leaked = sorted(name for name, secret in secrets.items() if secret in output or secret in flat)
    assert leaked == [], 'secrets in the output: %s' % leaked
