# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.credential_info against the in-process emulator.

Server 12345 (the first of the seeded fleet) holds OPERATING_SYSTEM/root and REMOTE_MANAGEMENT/admin.
Lists never hold a password; reading one credential returns its password, as documented, with a
warning unless the task runs with no_log.
"""

import json


SERVER = '12345'
ROOT = '/servers/12345/credentials/OPERATING_SYSTEM/root'
SEEDED = [{'type': 'OPERATING_SYSTEM', 'username': 'root'}, {'type': 'REMOTE_MANAGEMENT', 'username': 'admin'}]
WARNING = (
    'credential_info returned a password: set no_log: true on this task so that it is not shown '
    'in the output or written to logs.'
)


def password_of(modules, path):
    status, answer = modules.api('GET', path)
    assert status == 200
    return answer['password']


def assert_no_password(run, *passwords):
    text = json.dumps(run.result)
    assert 'password' not in text
    for password in passwords:
        assert password not in text


def test_every_page_of_every_credential_is_read_without_passwords_in_check_mode(modules):
    modules.settings(max_limit=1)
    run = modules.run('credential_info', server_id=SERVER, check_mode=True)
    assert not run.changed
    assert run['credentials'] == SEEDED
    assert run.calls == [
        'GET /servers/12345/credentials?limit=50&offset=0',
        'GET /servers/12345/credentials?limit=50&offset=1',
    ]
    assert run.warnings == []
    assert_no_password(run, password_of(modules, ROOT))


def test_the_credentials_of_one_type(modules):
    modules.settings(max_limit=1)
    run = modules.run('credential_info', server_id=SERVER, type='OPERATING_SYSTEM')
    assert not run.changed
    assert run['credentials'] == SEEDED[:1]
    assert run.calls == ['GET /servers/12345/credentials/OPERATING_SYSTEM?limit=50&offset=0']
    assert_no_password(run, password_of(modules, ROOT))


def test_a_type_without_credentials_is_an_empty_list(modules):
    run = modules.run('credential_info', server_id=SERVER, type='VNC')
    assert run['credentials'] == []
    assert run.calls == ['GET /servers/12345/credentials/VNC?limit=50&offset=0']


def test_a_credential_created_by_the_module_is_listed_by_its_type(modules):
    created = modules.run(
        'credential', server_id=SERVER, type='DATABASE', username='app@db', password='s3cret-one-91f2'
    )
    assert created.changed
    run = modules.run('credential_info', server_id=SERVER, type='DATABASE')
    assert run['credentials'] == [{'type': 'DATABASE', 'username': 'app@db'}]
    assert_no_password(run, 's3cret-one-91f2')


def test_one_credential_with_no_log_returns_its_password_without_a_warning(modules):
    run = modules.run('credential_info', server_id=SERVER, type='OPERATING_SYSTEM', username='root', no_log=True)
    assert not run.changed
    assert run['credentials'] == [
        {'type': 'OPERATING_SYSTEM', 'username': 'root', 'password': password_of(modules, ROOT)}
    ]
    assert len(run['credentials'][0]['password']) > 8
    assert run.warnings == []
    assert run.calls == ['GET ' + ROOT]


def test_one_credential_without_no_log_returns_its_password_and_warns(modules):
    run = modules.run('credential_info', server_id=SERVER, type='OPERATING_SYSTEM', username='root')
    assert run['credentials'] == [
        {'type': 'OPERATING_SYSTEM', 'username': 'root', 'password': password_of(modules, ROOT)}
    ]
    assert run.warnings == [WARNING]
    assert run.calls == ['GET ' + ROOT]


def test_a_username_is_quoted_in_the_path(modules):
    modules.run('credential', server_id=SERVER, type='DATABASE', username='app@db', password='s3cret-one-91f2')
    run = modules.run('credential_info', server_id=SERVER, type='DATABASE', username='app@db', no_log=True)
    assert run['credentials'] == [{'type': 'DATABASE', 'username': 'app@db', 'password': 's3cret-one-91f2'}]
    assert run.calls == ['GET /servers/12345/credentials/DATABASE/app%40db']


def test_a_missing_credential_is_an_empty_list_after_its_type_confirmed_the_server(modules):
    run = modules.run('credential_info', server_id=SERVER, type='VNC', username='nobody')
    assert not run.failed
    assert run['credentials'] == []
    assert run.warnings == []
    assert run.calls == ['GET /servers/12345/credentials/VNC/nobody', 'GET /servers/12345/credentials/VNC?limit=1']
    assert [r['status'] for r in run.requests] == [404, 200]
