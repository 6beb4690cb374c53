# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.server in-process: the reference, and what every module shares at start.

Server 12345 has the reference ``k8s-node-01`` in the seeded fleet; 13509 has none (null).
"""

import json

import pytest

from tests.unit.plugins.modules.harness import API_KEY

SERVER = '/servers/12345'


def reference(modules, server_id='12345'):
    return modules.api('GET', '/servers/%s' % server_id)[1]['contract']['reference']


def test_check_mode_predicts_the_change_and_writes_nothing(modules):
    run = modules.run('server', server_id='12345', reference='integration-12345', check_mode=True, diff=True)
    assert run.changed and not run.failed
    assert run['server']['id'] == '12345'
    assert run['server']['contract']['reference'] == 'integration-12345'
    assert run['diff'] == {'before': {'reference': 'k8s-node-01'}, 'after': {'reference': 'integration-12345'}}
    assert run.calls == ['GET ' + SERVER]
    assert run.writes == []
    assert reference(modules) == 'k8s-node-01'


def test_the_reference_is_set_with_one_put(modules):
    check = modules.run('server', server_id='12345', reference='integration-12345', check_mode=True, diff=True)
    run = modules.run('server', server_id='12345', reference='integration-12345', diff=True)
    assert run.changed and not run.failed
    assert run['diff'] == check['diff']
    assert run['server'] == check['server']
    assert run.calls == ['GET ' + SERVER, 'PUT ' + SERVER]
    assert [entry['status'] for entry in run.requests] == [200, 204]
    assert run.bodies == [{'reference': 'integration-12345'}]
    assert reference(modules) == 'integration-12345'


def test_the_rerun_changes_nothing_and_writes_nothing(modules):
    first = modules.run('server', server_id='12345', reference='integration-12345')
    again = modules.run('server', server_id='12345', reference='integration-12345', diff=True)
    check = modules.run('server', server_id='12345', reference='integration-12345', check_mode=True)
    assert first.changed
    assert not again.changed and not check.changed
    assert again['server']['contract']['reference'] == 'integration-12345'
    assert again['diff'] == {'before': {'reference': 'integration-12345'}, 'after': {'reference': 'integration-12345'}}
    # the target counted both reruns together: two requests, no write
    assert again.calls + check.calls == ['GET ' + SERVER, 'GET ' + SERVER]


def test_an_empty_reference_removes_it_once(modules):
    removed = modules.run('server', server_id='12345', reference='', diff=True)
    again = modules.run('server', server_id='12345', reference='')
    assert removed.changed
    assert removed['diff'] == {'before': {'reference': 'k8s-node-01'}, 'after': {'reference': ''}}
    assert removed.bodies == [{'reference': ''}]
    assert not again.changed
    assert again['server']['contract']['reference'] in (None, '')
    assert again.calls == ['GET ' + SERVER]


def test_a_server_without_a_reference_has_none_to_remove(modules):
    run = modules.run('server', server_id='13509', reference='', diff=True)
    assert not run.changed
    assert run['diff'] == {'before': {'reference': ''}, 'after': {'reference': ''}}
    assert run.calls == ['GET /servers/13509']


@pytest.mark.parametrize('args, message', [
    (dict(), 'missing required arguments: reference'),
    (dict(reference='x', server_id=' '), 'server_id must not be empty'),
    (dict(reference='x', api_timeout=0), 'api_timeout must be at least 1, got 0'),
    (dict(reference='x', api_retries=-1), 'api_retries must be at least 0, got -1'),
    (dict(reference='x', colour='blue'), 'Unsupported parameters for (basic.py) module: colour'),
    (dict(reference='x', validate_certs='sometimes'), 'validate_certs'),
])
def test_bad_input_fails_before_any_request(modules, args, message):
    args.setdefault('server_id', '12345')
    run = modules.run('server', **args)
    assert run.failed and not run.changed
    assert message in run.msg
    assert run.calls == []


def test_without_an_api_key_the_module_fails_before_any_request(modules):
    run = modules.run('server', server_id='12345', reference='x', connection=False, api_url=modules.url)
    assert run.failed
    assert 'missing required arguments: api_key' in run.msg
    assert modules.requests() == []


@pytest.mark.parametrize('variable', ['LEASEWEB_API_KEY', 'LEASEWEB_TOKEN'])
def test_the_connection_comes_from_the_environment(modules, monkeypatch, variable):
    monkeypatch.setenv(variable, API_KEY)
    monkeypatch.setenv('LEASEWEB_API_URL', modules.url)
    run = modules.run('server', server_id='12345', reference='k8s-node-01', connection=False)
    assert not run.failed and not run.changed
    assert run.calls == ['GET ' + SERVER]


def test_a_server_that_does_not_exist_is_the_apis_404(modules):
    run = modules.run('server', server_id='999999999', reference='x')
    assert run.failed and not run.changed
    assert run['status'] == 404
    assert run['error']['error_code'] == '404'
    assert run.msg.startswith('GET /bareMetals/v2/servers/999999999: HTTP 404: ')
    assert '(correlationId %s)' % run['error']['correlation_id'] in run.msg
    assert run.calls == ['GET /servers/999999999']


def test_a_wrong_key_is_the_apis_401_and_the_key_is_not_shown(modules):
    run = modules.run('server', server_id='12345', reference='x', api_key='wrong-key-3f9a1c')
    assert run.failed and not run.changed
    assert run['status'] == 401
    assert run.msg.startswith('GET /bareMetals/v2/servers/12345: HTTP 401: ')
    assert 'wrong-key-3f9a1c' not in json.dumps(run.result)
    assert run.calls == ['GET ' + SERVER]
    assert run.requests[0]['status'] == 401
