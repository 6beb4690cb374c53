# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.ddos_notification against the in-process emulator.

The seeded servers have DDoS nulling emails on (ENABLED) and scrubbing emails off (DISABLED).
"""

import pytest

from ansible_collections.leaseweb.dedicated.plugins.module_utils import _client as api

SERVER = '12345'
DDOS = '/servers/12345/notificationSettings/ddos'
SEEDED = {'nulling': True, 'scrubbing': False}


def ddos(modules, check_mode=False, diff=False, **args):
    return modules.run('ddos_notification', server_id=SERVER, check_mode=check_mode, diff=diff, **args)


def stored(modules):
    status, answer = modules.api('GET', DDOS)
    assert status == 200
    return answer


def stored_raw(modules):
    """The emulator's own record of the settings, to arrange values the API would not accept."""
    return modules.state.extras(modules.state.server(SERVER))['ddos']


def test_check_mode_predicts_the_change_with_one_read(modules):
    run = ddos(modules, check_mode=True, diff=True, scrubbing=True)
    assert run.changed
    assert run['ddos_notification'] == {'nulling': True, 'scrubbing': True}
    assert run['diff'] == {'before': SEEDED, 'after': {'nulling': True, 'scrubbing': True}}
    assert run.calls == ['GET ' + DDOS]
    assert stored(modules) == {'nulling': 'ENABLED', 'scrubbing': 'DISABLED'}


def test_one_put_sends_both_values_in_the_api_words_and_the_rerun_only_reads(modules):
    run = ddos(modules, diff=True, scrubbing=True)
    assert run.changed
    assert run['diff'] == {'before': SEEDED, 'after': {'nulling': True, 'scrubbing': True}}
    assert run.calls == ['GET ' + DDOS, 'PUT ' + DDOS]
    assert run.bodies == [{'nulling': 'ENABLED', 'scrubbing': 'ENABLED'}]
    assert run.requests[-1]['status'] == 204
    assert stored(modules) == {'nulling': 'ENABLED', 'scrubbing': 'ENABLED'}

    again = ddos(modules, diff=True, scrubbing=True)
    assert not again.changed
    assert again['ddos_notification'] == {'nulling': True, 'scrubbing': True}
    assert again['diff']['before'] == again['diff']['after']
    assert again.calls == ['GET ' + DDOS]
    # the two runs together, as the playbook target counted them
    assert run.calls + again.calls == ['GET ' + DDOS, 'PUT ' + DDOS, 'GET ' + DDOS]


def test_both_off(modules):
    run = ddos(modules, nulling=False, scrubbing=False)
    assert run.changed
    assert run['ddos_notification'] == {'nulling': False, 'scrubbing': False}
    assert run.bodies == [{'nulling': 'DISABLED', 'scrubbing': 'DISABLED'}]
    assert stored(modules) == {'nulling': 'DISABLED', 'scrubbing': 'DISABLED'}
    read_back = modules.run('notification_setting_info', server_id=SERVER, type='ddos')
    assert read_back['notification_settings'] == {'ddos': {'nulling': False, 'scrubbing': False}}


@pytest.mark.parametrize('args', [dict(nulling=True), dict(scrubbing=False), dict(nulling=True, scrubbing=False)])
def test_the_values_already_set_change_nothing(modules, args):
    run = ddos(modules, **args)
    assert not run.changed
    assert run['ddos_notification'] == SEEDED
    assert run.calls == ['GET ' + DDOS]


def test_a_value_that_is_neither_enabled_nor_disabled_is_null_and_left_out_of_the_put(modules):
    stored_raw(modules)['scrubbing'] = 'PENDING'
    check = ddos(modules, check_mode=True, diff=True, nulling=False)
    assert check.changed
    assert check['diff'] == {
        'before': {'nulling': True, 'scrubbing': None},
        'after': {'nulling': False, 'scrubbing': None},
    }
    assert check.calls == ['GET ' + DDOS]

    run = ddos(modules, nulling=False)
    assert run.changed and not run.failed
    assert run['ddos_notification'] == {'nulling': False, 'scrubbing': None}
    assert run.calls == ['GET ' + DDOS, 'PUT ' + DDOS]
    # the PUT takes ENABLED or DISABLED only (a validating API answers 400 to anything else):
    # the unknown value is not sent back, and the API keeps it
    assert run.bodies == [{'nulling': 'DISABLED'}]
    assert [r['status'] for r in run.requests] == [200, 204]
    assert stored(modules) == {'nulling': 'DISABLED', 'scrubbing': 'PENDING'}


def test_an_unknown_value_the_task_sets_is_replaced(modules):
    stored_raw(modules)['scrubbing'] = 'PENDING'
    run = ddos(modules, scrubbing=True)
    assert run.changed
    assert run.bodies == [{'nulling': 'ENABLED', 'scrubbing': 'ENABLED'}]
    assert stored(modules) == {'nulling': 'ENABLED', 'scrubbing': 'ENABLED'}


def test_a_value_the_api_left_out_is_not_sent(modules):
    del stored_raw(modules)['scrubbing']
    run = ddos(modules, nulling=False)
    assert run.changed
    assert run['ddos_notification'] == {'nulling': False, 'scrubbing': None}
    assert run.bodies == [{'nulling': 'DISABLED'}]


def test_a_server_error_on_the_put_is_surfaced_with_its_correlation_id(modules):
    modules.faults(error_rate=1.0, error_status=500, methods=['PUT'], count=1)
    run = ddos(modules, scrubbing=True)
    assert run.failed
    assert run['status'] == 500
    assert run.msg == (
        'PUT /bareMetals/v2%s: HTTP 500: The API could not handle your request at this time. (correlationId %s) '
        '[the request may have been carried out: the failure came after it was sent; check its effect before '
        'repeating it]' % (DDOS, run['error']['correlation_id'])
    )
    # the emulator answers 500 after carrying the PUT out, as a server may: reported as a change
    assert run.changed
    assert stored(modules) == {'nulling': 'ENABLED', 'scrubbing': 'ENABLED'}
    assert run.calls == ['GET ' + DDOS, 'PUT ' + DDOS]


def test_a_refused_put_is_repeated(modules):
    """503 means the API did nothing: the PUT is sent again and succeeds."""
    modules.faults(error_rate=1.0, error_status=503, methods=['PUT'], count=1, retry_after=0)
    run = ddos(modules, scrubbing=True)
    assert run.changed
    assert run.calls == ['GET ' + DDOS, 'PUT ' + DDOS, 'PUT ' + DDOS]
    assert [r['status'] for r in run.requests] == [200, 503, 204]
    assert stored(modules) == {'nulling': 'ENABLED', 'scrubbing': 'ENABLED'}


def test_a_put_answered_by_a_gateway_error_every_time_says_it_may_have_been_carried_out(modules, monkeypatch):
    """502 and 504 come after the request was processed: a PUT is repeated (it is idempotent), then given up."""
    monkeypatch.setattr(api, 'BACKOFF_BASE_SECONDS', 0.001)  # the pause before the repeat, kept short
    modules.faults(error_rate=1.0, error_status=504, methods=['PUT'])
    run = ddos(modules, scrubbing=True, api_retries=1)
    assert run.failed and run.changed
    assert run['status'] == 504
    assert run.msg == (
        'PUT /bareMetals/v2%s: HTTP 504: The API did not receive a timely response from an upstream server. '
        '(correlationId %s) [gave up after 2 attempts] [the request may have been carried out: the failure came '
        'after it was sent; check its effect before repeating it]' % (DDOS, run['error']['correlation_id'])
    )
    assert run.calls == ['GET ' + DDOS, 'PUT ' + DDOS, 'PUT ' + DDOS]
    assert stored(modules) == {'nulling': 'ENABLED', 'scrubbing': 'ENABLED'}
