# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.credential against the in-process emulator: requests, diff, check mode, no password shown.

Server 12345 (the first of the seeded fleet) holds OPERATING_SYSTEM/root and REMOTE_MANAGEMENT/admin.
"""

import json

import pytest

SERVER = '12345'
LIST = 'GET /servers/12345/credentials/DATABASE?limit=1'
ONE = '/servers/12345/credentials/DATABASE/app%40db'
FIRST = 's3cret-one-91f2'
SECOND = 's3cret-two-4c7e'
IDENTITY = {'type': 'DATABASE', 'username': 'app@db'}
MASKED = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'


def credential(modules, password=FIRST, **args):
    """Run the module on app@db, a DATABASE credential of server 12345."""
    options = dict(server_id=SERVER, type='DATABASE', username='app@db')
    if password is not None:
        options['password'] = password
    options.update(args)
    return modules.run('credential', **options)


def store(modules, password=FIRST, cred_type='DATABASE', username='app@db'):
    status, _answer = modules.api(
        'POST', '/servers/%s/credentials' % SERVER, dict(type=cred_type, username=username, password=password)
    )
    assert status == 200


def stored(modules, path=ONE):
    """The stored password (None when the credential does not exist), read without logging."""
    status, answer = modules.api('GET', path)
    return answer['password'] if status == 200 else None


def assert_no_password(run, *passwords):
    """Neither the result (with its invocation) nor its messages hold one of the passwords."""
    text = json.dumps(run.result)
    for password in passwords:
        assert password not in text
    args = run.get('invocation', {}).get('module_args', {})
    if args.get('password'):
        assert args['password'] == MASKED


def test_check_mode_predicts_the_creation_from_two_reads(modules):
    run = credential(modules, check_mode=True, diff=True)
    assert run.changed
    assert run['credential'] == IDENTITY
    assert run['diff'] == {'before': {}, 'after': dict(IDENTITY, password='(hidden, set)')}
    # the 404 of the credential, then one item of its type's list to make sure the server exists
    assert run.calls == ['GET ' + ONE, LIST]
    assert [r['status'] for r in run.requests] == [404, 200]
    assert run.writes == []
    assert stored(modules) is None
    assert_no_password(run, FIRST)


def test_one_post_creates_it_and_the_result_holds_no_password(modules):
    run = credential(modules)
    assert run.changed
    assert run['credential'] == IDENTITY
    assert 'diff' not in run.result
    assert run.calls == ['GET ' + ONE, LIST, 'POST /servers/12345/credentials']
    assert run.bodies == [{'type': 'DATABASE', 'username': 'app@db', 'password': FIRST}]
    assert run.requests[-1]['status'] == 200
    assert stored(modules) == FIRST
    assert_no_password(run, FIRST)


def test_the_rerun_compares_the_stored_password_with_one_read(modules):
    store(modules)
    run = credential(modules, diff=True)
    assert not run.changed
    assert run['credential'] == IDENTITY
    assert run['diff'] == {'before': dict(IDENTITY, password='(hidden)'), 'after': dict(IDENTITY, password='(hidden)')}
    assert run.calls == ['GET ' + ONE]
    assert_no_password(run, FIRST)


def test_a_new_password_is_predicted_then_sent_with_one_put_without_showing_either(modules):
    store(modules)
    check = credential(modules, password=SECOND, check_mode=True, diff=True)
    assert check.changed
    assert check['diff'] == {
        'before': dict(IDENTITY, password='(hidden)'),
        'after': dict(IDENTITY, password='(hidden, changed)'),
    }
    assert check.calls == ['GET ' + ONE]
    assert stored(modules) == FIRST

    run = credential(modules, password=SECOND, diff=True)
    assert run.changed
    assert run['diff'] == check['diff']
    assert run['credential'] == IDENTITY
    assert run.calls == ['GET ' + ONE, 'PUT ' + ONE]
    assert run.bodies == [{'password': SECOND}]
    assert run.requests[-1]['status'] == 200
    assert stored(modules) == SECOND
    for each in (check, run):
        assert_no_password(each, FIRST, SECOND)


def test_update_password_on_create_keeps_the_stored_password(modules):
    store(modules, password=SECOND)
    run = credential(modules, password='not-used-on-an-existing-credential', update_password='on_create', diff=True)
    assert not run.changed
    assert run['diff']['after']['password'] == '(hidden)'
    assert run.calls == ['GET ' + ONE]
    assert stored(modules) == SECOND


def test_update_password_on_create_still_creates_a_missing_credential(modules):
    run = credential(modules, update_password='on_create')
    assert run.changed
    assert run.calls == ['GET ' + ONE, LIST, 'POST /servers/12345/credentials']
    assert stored(modules) == FIRST


def test_removal_check_mode_then_one_delete_then_a_rerun_that_only_reads(modules):
    store(modules)
    check = credential(modules, password=None, state='absent', check_mode=True, diff=True)
    assert check.changed
    assert check['diff'] == {'before': dict(IDENTITY, password='(hidden)'), 'after': {}}
    assert check.calls == ['GET ' + ONE]
    assert stored(modules) == FIRST

    removed = credential(modules, password=None, state='absent')
    assert removed.changed
    assert removed['credential'] == IDENTITY
    assert removed.calls == ['GET ' + ONE, 'DELETE ' + ONE]
    assert removed.requests[-1]['status'] == 204
    assert stored(modules) is None

    again = credential(modules, password=None, state='absent', diff=True)
    assert not again.changed
    assert again['credential'] == IDENTITY
    assert again['diff'] == {'before': {}, 'after': {}}
    assert again.calls == ['GET ' + ONE, LIST]
    # the three runs together, as the playbook target counted them
    assert [c.split()[0] for c in check.calls + removed.calls + again.calls] == ['GET', 'GET', 'DELETE', 'GET', 'GET']


def test_a_seeded_credential_is_found_by_its_type_and_username(modules):
    seeded = stored(modules, '/servers/12345/credentials/OPERATING_SYSTEM/root')
    run = modules.run('credential', server_id=SERVER, type='OPERATING_SYSTEM', username='root', password=seeded)
    assert not run.changed
    assert run['credential'] == {'type': 'OPERATING_SYSTEM', 'username': 'root'}
    assert run.calls == ['GET /servers/12345/credentials/OPERATING_SYSTEM/root']
    assert_no_password(run, seeded)


def test_absent_needs_no_password(modules):
    run = credential(modules, password=None, state='absent')
    assert not run.failed
    assert not run.changed
    assert run.calls == ['GET ' + ONE, LIST]


def test_a_failed_read_is_not_taken_for_a_missing_credential(modules):
    store(modules)
    modules.faults(error_rate=1.0, error_status=500, methods=['GET'], count=1)
    run = credential(modules, password=SECOND)
    assert run.failed
    assert run['status'] == 500
    assert run.msg.startswith('GET /bareMetals/v2' + ONE + ': HTTP 500: ')
    assert run.calls == ['GET ' + ONE]
    assert stored(modules) == FIRST


def test_a_server_error_on_the_put_is_surfaced_with_its_correlation_id_and_no_password(modules):
    seeded = stored(modules, '/servers/12345/credentials/OPERATING_SYSTEM/root')
    modules.faults(error_rate=1.0, error_status=500, methods=['PUT'], count=1)
    run = modules.run('credential', server_id=SERVER, type='OPERATING_SYSTEM', username='root', password=FIRST)
    assert run.failed
    assert run['status'] == 500
    assert run.msg.startswith('PUT /bareMetals/v2/servers/12345/credentials/OPERATING_SYSTEM/root: HTTP 500: ')
    assert '(correlationId %s)' % run['error']['correlation_id'] in run.msg
    # a 500 is not retried; the write may have been carried out (the emulator did carry it out),
    # which the message says and changed reports
    assert run.msg.endswith(
        '[the request may have been carried out: the failure came after it was sent; '
        'check its effect before repeating it]'
    )
    assert run.calls == [
        'GET /servers/12345/credentials/OPERATING_SYSTEM/root',
        'PUT /servers/12345/credentials/OPERATING_SYSTEM/root',
    ]
    assert run.changed
    assert stored(modules, '/servers/12345/credentials/OPERATING_SYSTEM/root') == FIRST
    assert_no_password(run, FIRST, seeded)


def test_a_post_answered_by_a_gateway_error_is_not_sent_twice(modules):
    """A 502 leaves it unknown whether the POST was carried out: it is not repeated, and the message says so."""
    modules.faults(error_rate=1.0, error_status=502, methods=['POST'], count=1)
    run = credential(modules)
    assert run.failed
    assert run['status'] == 502
    assert run.msg.startswith('POST /bareMetals/v2/servers/12345/credentials: HTTP 502: ')
    assert 'not retried: the request may have been carried out' in run.msg
    assert run.msg.count('may have been carried out') == 1
    assert run.changed
    assert run.calls == ['GET ' + ONE, LIST, 'POST /servers/12345/credentials']
    assert_no_password(run, FIRST)


# -- two runs at once: another run's write lands between this run's reads and its own ---------

CREATE = 'POST /servers/12345/credentials'


@pytest.mark.parametrize(
    'theirs, update_password, changed, writes, kept',
    [
        (FIRST, 'always', False, [CREATE], FIRST),
        (SECOND, 'on_create', False, [CREATE], SECOND),
        (SECOND, 'always', True, [CREATE, 'PUT ' + ONE], FIRST),
    ],
)
def test_a_credential_another_run_created_meanwhile_is_read_again_and_converged_on(
    modules, theirs, update_password, changed, writes, kept
):
    modules.meanwhile(CREATE, lambda: store(modules, theirs))
    run = credential(modules, update_password=update_password, diff=True)
    assert not run.failed
    assert run.changed is changed
    assert run['credential'] == IDENTITY
    after = '(hidden, changed)' if changed else '(hidden)'
    assert run['diff'] == {'before': dict(IDENTITY, password='(hidden)'), 'after': dict(IDENTITY, password=after)}
    # the POST is refused (409: it exists), the credential is read again and compared as in a rerun
    assert run.calls == ['GET ' + ONE, LIST] + writes[:1] + ['GET ' + ONE] + writes[1:]
    assert [r['status'] for r in run.requests][:4] == [404, 200, 409, 200]
    assert stored(modules) == kept
    assert_no_password(run, FIRST, SECOND)


def test_a_credential_another_run_removed_meanwhile_counts_as_removed_without_a_change(modules):
    store(modules)
    modules.meanwhile('DELETE ' + ONE, lambda: modules.api('DELETE', ONE))
    run = credential(modules, password=None, state='absent', diff=True)
    assert not run.failed and not run.changed
    assert run['diff'] == {'before': {}, 'after': {}}
    assert run.calls == ['GET ' + ONE, 'DELETE ' + ONE, 'GET ' + ONE]
    assert [r['status'] for r in run.requests] == [200, 404, 404]
    assert stored(modules) is None
