# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.power in process: the comparison, the writes, the wait for the status, failures.

The emulator's clock moves one second a request, so a power change that takes
``power_seconds`` to show is read a fixed number of times.
"""

import re

import pytest

from ansible_collections.leaseweb.dedicated.plugins.module_utils import _power as power_unit
from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import LeasewebError, LeasewebWaitError

SERVER = '12345'
POWER_INFO = 'GET /servers/12345/powerInfo'
RUNNING = 'GET /servers/12345/jobs?isRunning=true&limit=50&offset=0'
ON = {'ipmi': {'status': 'on'}, 'pdu': {'status': 'on'}, 'powered_on': True}
OFF = {'ipmi': {'status': 'off'}, 'pdu': {'status': 'off'}, 'powered_on': False}


def power_of(modules, server_id=SERVER):
    status, answer = modules.api('GET', '/servers/%s/powerInfo' % server_id)
    assert status == 200
    return answer


def power_off_now(modules):
    """Server 12345 off, at once (the setting power_seconds is 0 after a reset)."""
    assert modules.api('POST', '/servers/12345/powerOff')[0] == 204
    assert power_of(modules)['ipmi'] == {'status': 'off'}


def assert_api_failure(run, status, start):
    assert run.failed
    assert run['status'] == status
    assert run.msg.startswith(start)
    assert '(correlationId %s)' % run['error']['correlation_id'] in run.msg


# -- on and off ------------------------------------------------------------------------------


def test_check_mode_predicts_power_off_and_only_reads_the_status(modules):
    run = modules.run('power', server_id=SERVER, state='off', check_mode=True, diff=True)
    assert run.changed and not run.failed
    assert run['power'] == OFF
    assert run['diff'] == {'before': {'state': 'on'}, 'after': {'state': 'off'}}
    assert run.calls == [POWER_INFO]
    assert power_of(modules)['ipmi'] == {'status': 'on'}


def test_power_off_then_the_rerun_reads_once_and_writes_nothing(modules):
    run = modules.run('power', server_id=SERVER, state='off', diff=True)
    assert run.changed and not run.failed
    assert run['power'] == OFF
    assert run['diff'] == {'before': {'state': 'on'}, 'after': {'state': 'off'}}
    # powerInfo, running jobs, the POST, one read of the wait (the change shows at once)
    assert run.calls == [POWER_INFO, RUNNING, 'POST /servers/12345/powerOff', POWER_INFO]
    assert run.bodies == [None]
    assert run.requests[2]['status'] == 204
    assert run.warnings == []
    assert power_of(modules) == {'ipmi': {'status': 'off'}, 'pdu': {'status': 'off'}}

    again = modules.run('power', server_id=SERVER, state='off', diff=True)
    assert not again.changed and not again.failed
    assert again['power'] == OFF
    assert again['diff'] == {'before': {'state': 'off'}, 'after': {'state': 'off'}}
    assert again.calls == [POWER_INFO]


def test_on_when_on_changes_nothing(modules):
    run = modules.run('power', server_id=SERVER, state='on', check_mode=True)
    assert not run.changed
    assert run['power'] == ON
    assert 'diff' not in run.result
    assert run.calls == [POWER_INFO]


def test_a_server_the_pdu_reports_on_but_ipmi_off_counts_as_off(modules):
    # index 11 of the seeded fleet is shut down: IPMI off, the PDU still on
    server_id = modules.state.order[11].id
    run = modules.run('power', server_id=server_id, state='on', check_mode=True, diff=True)
    assert run.changed
    assert run['diff'] == {'before': {'state': 'off'}, 'after': {'state': 'on'}}
    assert run['power'] == ON
    assert run.calls == ['GET /servers/%s/powerInfo' % server_id]


@pytest.mark.parametrize('power_seconds, reads', [(0, 1), (1.5, 2), (3, 3)])
def test_power_on_reads_the_status_until_it_is_on(modules, power_seconds, reads):
    power_off_now(modules)
    modules.settings(power_seconds=power_seconds)
    run = modules.run('power', server_id=SERVER, state='on')
    assert run.changed and not run.failed
    assert run['power'] == ON
    # one read a second of the step clock: the status shows after power_seconds
    assert run.calls == [POWER_INFO, RUNNING, 'POST /servers/12345/powerOn'] + [POWER_INFO] * reads


def test_without_wait_the_module_returns_the_expected_status_after_the_post(modules):
    modules.settings(power_seconds=30)
    run = modules.run('power', server_id=SERVER, state='off', wait=False)
    assert run.changed and not run.failed
    assert run['power'] == OFF
    assert run.calls == [POWER_INFO, RUNNING, 'POST /servers/12345/powerOff']
    assert power_of(modules)['ipmi'] == {'status': 'on'}


def test_a_wait_that_times_out_fails_with_the_last_status_and_changed(modules):
    modules.settings(power_seconds=30)
    run = modules.run('power', server_id=SERVER, state='off', wait_timeout=0)
    assert run.failed
    assert run.changed  # the POST was sent
    assert run['timed_out'] is True
    assert run['power'] == ON
    assert run.msg == 'Timed out after 0s waiting for server 12345 to be powered off'
    # one read of the wait, then the failure: nothing follows it
    assert run.calls == [POWER_INFO, RUNNING, 'POST /servers/12345/powerOff', POWER_INFO]


# -- restarted: a power cycle on every run, waited for until the server was seen off, then on ----------------------------------------------------


def test_restarted_power_cycles_on_every_run(modules):
    check = modules.run('power', server_id=SERVER, state='restarted', check_mode=True, diff=True)
    assert check.changed
    assert check['diff'] == {'before': {'state': 'on'}, 'after': {'state': 'restarted'}}
    assert check['power'] == ON
    assert check.calls == [POWER_INFO]

    modules.settings(power_seconds=1.5)
    cycled = modules.run('power', server_id=SERVER, state='restarted', diff=True)
    assert cycled.changed and not cycled.failed
    assert cycled['power'] == ON
    assert cycled['diff'] == {'before': {'state': 'on'}, 'after': {'state': 'restarted'}}
    # off at once, on 1.5 s later: two reads of the wait
    assert cycled.calls == [POWER_INFO, RUNNING, 'POST /servers/12345/powerCycle', POWER_INFO, POWER_INFO]
    assert cycled.requests[2]['status'] == 204

    modules.settings(power_seconds=0)
    again = modules.run('power', server_id=SERVER, state='restarted', wait=False)
    assert again.changed and not again.failed
    assert again['power'] == ON
    assert again.calls == [POWER_INFO, RUNNING, 'POST /servers/12345/powerCycle']


def test_restarted_waits_until_the_server_was_seen_off_then_on(modules):
    modules.settings(power_seconds=4)
    run = modules.run('power', server_id=SERVER, state='restarted', wait_sleep=1)
    assert run.changed and not run.failed and run.warnings == []
    assert run['power'] == ON
    # off at the first read (t+1), then on at t+4
    assert run.calls == [POWER_INFO, RUNNING, 'POST /servers/12345/powerCycle'] + [POWER_INFO] * 4
    assert [entry['status'] for entry in run.requests] == [200, 200, 204, 200, 200, 200, 200]


def test_a_cycle_never_seen_off_is_warned_about_and_waited_on(modules, monkeypatch):
    """A power cycle quicker than the reads (the server is on again at the first read after it): the
    module reads for the window (here none), warns, and waits for the server to be on."""
    monkeypatch.setattr(power_unit, 'CYCLE_OFF_WINDOW', 0)
    modules.meanwhile(
        'GET /servers/12345/powerInfo', lambda: modules.api('POST', '/servers/12345/powerOn'), occurrence=2
    )
    run = modules.run('power', server_id=SERVER, state='restarted')
    assert run.changed and not run.failed
    assert run.warnings == [
        'Server 12345 was not seen off within 0s of its power cycle; it may have rebooted between '
        'two reads. Waited for it to be on.'
    ]
    assert run.calls == [POWER_INFO, RUNNING, 'POST /servers/12345/powerCycle', POWER_INFO, POWER_INFO]


def test_restarted_turns_a_server_that_is_off_on(modules):
    power_off_now(modules)
    run = modules.run('power', server_id=SERVER, state='restarted', diff=True)
    assert run.changed
    assert run['diff'] == {'before': {'state': 'off'}, 'after': {'state': 'restarted'}}
    assert run['power'] == ON
    assert run.writes == ['POST /servers/12345/powerCycle']


def test_a_running_job_is_warned_about_not_refused(modules):
    modules.next_job(SERVER, outcome='HANG')
    status, job = modules.api('POST', '/servers/12345/hardwareScan', {})
    assert status == 202
    run = modules.run('power', server_id=SERVER, state='restarted')
    assert run.changed and not run.failed
    assert run.writes == ['POST /servers/12345/powerCycle']
    warnings = run.warnings
    assert len(warnings) == 1
    assert re.match(
        r'^Server 12345 runs hardwareScan job %s \(ACTIVE, \d of 6 tasks finished \(\d+%%\)\); '
        r'changing its power can break the job\.$' % job['uuid'],
        warnings[0],
    )


# -- failures ---------------------------------------------------------------------------------


def test_a_server_without_power_control_fails_on_the_post(modules):
    # index 24 of the seeded fleet is unmanaged: no power control
    server_id = modules.state.order[24].id
    run = modules.run('power', server_id=server_id, state='off')
    assert_api_failure(run, 400, 'POST /bareMetals/v2/servers/%s/powerOff: HTTP 400: ' % server_id)
    assert 'Power management is not available' in run.msg
    assert not run.changed
    assert run.calls == [
        'GET /servers/%s/powerInfo' % server_id,
        'GET /servers/%s/jobs?isRunning=true&limit=50&offset=0' % server_id,
        'POST /servers/%s/powerOff' % server_id,
    ]


# -- a POST whose answer never came: it may have been carried out ------------------------------


@pytest.mark.parametrize('fault', [dict(drop_rate=1.0), dict(error_rate=1.0, error_status=504)])
def test_a_post_without_a_usable_answer_is_not_repeated_and_says_it_may_have_been_carried_out(modules, fault):
    modules.faults(methods=['POST'], count=1, **fault)
    run = modules.run('power', server_id=SERVER, state='off')
    assert run.failed
    # the emulator carried the POST out before the answer was lost: reported as a change
    assert run.changed
    assert run.msg.startswith('POST /bareMetals/v2/servers/12345/powerOff: ')
    assert run.msg.count('may have been carried out') == 1
    assert 'not retried: the request may have been carried out; check its effect before running it again' in run.msg
    assert run.calls == [POWER_INFO, RUNNING, 'POST /servers/12345/powerOff']
    assert power_of(modules)['ipmi'] == {'status': 'off'}
    # the rerun reads the server off and sends nothing
    again = modules.run('power', server_id=SERVER, state='off')
    assert not again.failed and not again.changed
    assert again.calls == [POWER_INFO]


@pytest.mark.parametrize(
    'method, status, sent, maybe',
    [
        ('POST', 500, None, True),
        ('PUT', 502, None, True),
        ('DELETE', 504, None, True),
        ('POST', None, True, True),  # the connection failed after the request was sent
        ('PUT', None, True, True),  # no answer within api_timeout
        ('POST', None, False, False),  # could not connect
        ('POST', 503, None, False),
        ('POST', 429, None, False),
        ('POST', 400, None, False),
        ('GET', 500, None, False),
        ('GET', None, True, False),
    ],
)
def test_which_failed_writes_may_have_been_carried_out(method, status, sent, maybe):
    """The rule behind ``changed`` and the message of a failed write (LeasewebError.maybe_carried_out):
    from the method, the status and whether the request was sent, whatever the message says."""
    error = LeasewebError('%s /x: whatever the wording' % method, status=status, method=method, path='/x', sent=sent)
    assert error.maybe_carried_out is maybe
    assert LeasewebWaitError('Timed out after 5s waiting for x', timed_out=True).maybe_carried_out is False
