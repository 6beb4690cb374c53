# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.null_route in-process: the request, the wait, the refusals.

Server 12345: main IP 192.0.2.10/29 and the IPv6 address 2001:1af8:4705::2/64, both public and
not null routed; 10.36.0.2/26 is internal. The emulator's clock moves one second a request,
and a null route shows after the ``propagation_seconds`` setting (0 unless a test sets it), so
the reads of a wait are the same on every run.
"""

import pytest

MAIN = '/servers/12345/ips/192.0.2.10'
SIX = '/servers/12345/ips/2001:1af8:4705::2'
ON = {'before': {'null_routed': False}, 'after': {'null_routed': True}}
OFF = {'before': {'null_routed': True}, 'after': {'null_routed': False}}


def null_routed(modules, path):
    return modules.api('GET', path)[1]['nullRouted']


def test_check_mode_predicts_the_change_and_writes_nothing(modules):
    run = modules.run('null_route', server_id='12345', ip='192.0.2.10/29', check_mode=True, diff=True)
    assert run.changed and not run.failed
    assert run['ip']['ip'] == '192.0.2.10/29'
    assert run['ip']['null_routed'] is True
    assert run['diff'] == ON
    assert run.calls == ['GET ' + MAIN]
    assert run.writes == []
    assert null_routed(modules, MAIN) is False


def test_one_post_then_reads_until_the_address_shows_the_null_route(modules):
    modules.settings(propagation_seconds=3)
    run = modules.run('null_route', server_id='12345', ip='192.0.2.10/29', wait_sleep=1, diff=True)
    assert run.changed and not run.failed
    assert run['ip']['null_routed'] is True
    assert run['diff'] == ON
    # the POST is answered at t+1 and the null route shows at t+4: reads at t+2 and t+3 still
    # see the address as it was, the one at t+4 sees the change
    assert run.calls == ['GET ' + MAIN, 'POST %s/null' % MAIN, 'GET ' + MAIN, 'GET ' + MAIN, 'GET ' + MAIN]
    assert [entry['status'] for entry in run.requests] == [200, 202, 200, 200, 200]
    assert run.bodies == [None]
    assert null_routed(modules, MAIN) is True


def test_an_answer_that_already_shows_the_change_needs_no_wait(modules):
    run = modules.run('null_route', server_id='12345', ip='192.0.2.10')
    assert run.changed
    assert run['ip']['null_routed'] is True
    assert run.calls == ['GET ' + MAIN, 'POST %s/null' % MAIN]


def test_the_rerun_changes_nothing_and_writes_nothing(modules):
    first = modules.run('null_route', server_id='12345', ip='192.0.2.10/29')
    again = modules.run('null_route', server_id='12345', ip='192.0.2.10', state='present', diff=True)
    check = modules.run('null_route', server_id='12345', ip='192.0.2.10', check_mode=True)
    assert first.changed
    assert not again.changed and not check.changed
    assert again['ip']['null_routed'] is True
    assert again['diff'] == {'before': {'null_routed': True}, 'after': {'null_routed': True}}
    # the target counted both reruns together: two requests, no write
    assert again.calls + check.calls == ['GET ' + MAIN, 'GET ' + MAIN]


def test_removing_a_null_route_waits_for_it_to_go(modules):
    modules.api('POST', MAIN + '/null')
    modules.settings(propagation_seconds=2)
    check = modules.run('null_route', server_id='12345', ip='192.0.2.10', state='absent', check_mode=True, diff=True)
    run = modules.run('null_route', server_id='12345', ip='192.0.2.10', state='absent', diff=True)
    again = modules.run('null_route', server_id='12345', ip='192.0.2.10', state='absent')
    assert check.changed and check['diff'] == OFF and check['ip']['null_routed'] is False
    assert check.calls == ['GET ' + MAIN]
    assert run.changed and run['diff'] == OFF
    assert run['ip']['null_routed'] is False
    assert run.calls == ['GET ' + MAIN, 'POST %s/unnull' % MAIN, 'GET ' + MAIN, 'GET ' + MAIN]
    assert [entry['status'] for entry in run.requests] == [200, 202, 200, 200]
    assert not again.changed
    assert again.calls == ['GET ' + MAIN]


def test_removing_a_null_route_the_address_does_not_have_changes_nothing(modules):
    run = modules.run('null_route', server_id='12345', ip='2001:1af8:4705::2', state='absent', diff=True)
    assert not run.changed and not run.failed
    assert run['diff'] == {'before': {'null_routed': False}, 'after': {'null_routed': False}}
    assert run.calls == ['GET ' + SIX]


def test_without_waiting_the_result_is_the_apis_answer(modules):
    modules.settings(propagation_seconds=10)
    run = modules.run('null_route', server_id='12345', ip='192.0.2.10', wait=False, diff=True)
    assert run.changed and run['diff'] == ON
    assert run['ip']['null_routed'] is False  # the 202's answer, before the change propagated
    assert run.calls == ['GET ' + MAIN, 'POST %s/null' % MAIN]
    assert [entry['status'] for entry in run.requests] == [200, 202]


def test_a_rerun_before_the_change_propagated_is_refused_and_explained(modules):
    modules.api('POST', MAIN + '/null')
    modules.settings(propagation_seconds=10)
    no_wait = modules.run('null_route', server_id='12345', ip='192.0.2.10', state='absent', wait=False, diff=True)
    too_early = modules.run('null_route', server_id='12345', ip='192.0.2.10', state='absent')
    assert no_wait.changed
    assert no_wait['diff'] == OFF
    assert no_wait['ip']['null_routed'] is True
    assert no_wait.calls == ['GET ' + MAIN, 'POST %s/unnull' % MAIN]
    assert [entry['status'] for entry in no_wait.requests] == [200, 202]
    assert too_early.failed and not too_early.changed
    assert too_early['status'] == 400
    assert too_early.msg == (
        'POST /bareMetals/v2/servers/12345/ips/192.0.2.10/unnull: HTTP 400: IP address 192.0.2.10 is not null '
        'routed. (correlationId %s) [read again after the refusal: the address shows null_routed=True; a change sent a '
        'moment ago (by this or another run, with wait=false or before a timeout) may still be propagating]'
        % too_early['error']['correlation_id']
    )
    # the refusal is read again: the address still shows the null route, so the refusal stands
    assert too_early.calls == ['GET ' + MAIN, 'POST %s/unnull' % MAIN, 'GET ' + MAIN]
    assert [entry['status'] for entry in too_early.requests] == [200, 400, 200]


def test_a_wait_that_times_out_returns_the_address_as_last_read(modules):
    modules.settings(propagation_seconds=10)
    run = modules.run('null_route', server_id='12345', ip='2001:1af8:4705::2/64', wait_timeout=0)
    assert run.failed
    assert run.changed  # the null route was sent
    assert run['timed_out'] is True
    assert run.msg == 'Timed out after 0s waiting for IP 2001:1af8:4705::2 on server 12345 to be null routed'
    assert run['ip']['ip'] == '2001:1af8:4705::2/64'
    assert run['ip']['null_routed'] is False
    # one read after the POST, then the failure: nothing followed the read
    assert run.calls == ['GET ' + SIX, 'POST %s/null' % SIX, 'GET ' + SIX]


@pytest.mark.parametrize('check_mode', [False, True])
def test_an_internal_address_is_refused_before_the_post(modules, check_mode):
    run = modules.run('null_route', server_id='12345', ip='10.36.0.2', check_mode=check_mode)
    assert run.failed and not run.changed
    assert run.msg == (
        'ip: 10.36.0.2 is not a public address of server 12345 (its network is INTERNAL); only public '
        'addresses can be null routed'
    )
    assert run['ip']['network_type'] == 'INTERNAL'
    assert run.calls == ['GET /servers/12345/ips/10.36.0.2']


def test_removing_the_null_route_of_an_internal_address_changes_nothing(modules):
    run = modules.run('null_route', server_id='12345', ip='10.36.0.2', state='absent')
    assert not run.failed and not run.changed
    assert run.calls == ['GET /servers/12345/ips/10.36.0.2']


# -- two runs at once: another run's change lands between this run's read and its POST --------


def history(modules):
    status, answer = modules.api('GET', '/servers/12345/nullRouteHistory')
    assert status == 200
    return answer['nullRoutes']


@pytest.mark.parametrize('state, action, before_state', [('present', 'null', False), ('absent', 'unnull', True)])
def test_a_change_another_run_made_meanwhile_is_converged_on_without_failing(modules, state, action, before_state):
    if before_state:
        modules.api('POST', MAIN + '/null')
    routes = len(history(modules))
    modules.meanwhile('POST %s/%s' % (MAIN, action), lambda: modules.api('POST', '%s/%s' % (MAIN, action)))
    run = modules.run('null_route', server_id='12345', ip='192.0.2.10', state=state, diff=True)
    assert not run.failed and not run.changed
    wanted = not before_state
    assert run['ip']['null_routed'] is wanted
    assert run['diff'] == {'before': {'null_routed': wanted}, 'after': {'null_routed': wanted}}
    # the POST is refused (already in that state), the address read again shows the change: no wait
    assert run.calls == ['GET ' + MAIN, 'POST %s/%s' % (MAIN, action), 'GET ' + MAIN]
    assert [entry['status'] for entry in run.requests] == [200, 400, 200]
    assert null_routed(modules, MAIN) is wanted
    if wanted:
        assert len(history(modules)) == routes + 1  # one null route: the other run's


def test_a_change_another_run_made_meanwhile_that_has_not_propagated_keeps_the_refusal(modules):
    modules.settings(propagation_seconds=10)
    modules.meanwhile('POST %s/null' % MAIN, lambda: modules.api('POST', MAIN + '/null'))
    run = modules.run('null_route', server_id='12345', ip='192.0.2.10')
    assert run.failed and not run.changed
    assert run['status'] == 400
    assert run.msg.endswith(
        '[read again after the refusal: the address shows null_routed=False; a change sent a moment ago '
        '(by this or another run, with wait=false or before a timeout) may still be propagating]'
    )
    assert run.calls == ['GET ' + MAIN, 'POST %s/null' % MAIN, 'GET ' + MAIN]


def test_a_post_whose_answer_is_cut_off_is_not_repeated_and_the_rerun_converges(modules):
    modules.faults(truncate_rate=1.0, methods=['POST'], count=1)
    run = modules.run('null_route', server_id='12345', ip='192.0.2.10')
    assert run.failed and run.changed
    assert run.msg.startswith('POST /bareMetals/v2/servers/12345/ips/192.0.2.10/null: ')
    assert 'not retried: the request may have been carried out' in run.msg
    assert run.calls == ['GET ' + MAIN, 'POST %s/null' % MAIN]
    assert [entry['fault'] for entry in run.requests] == [None, 'truncate']
    again = modules.run('null_route', server_id='12345', ip='192.0.2.10')
    assert not again.failed and not again.changed
    assert again.calls == ['GET ' + MAIN]
