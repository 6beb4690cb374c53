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
        'POST /bareMetals/v2/servers/12345/ips/192.0.2.10/unnull: HTTP 400 400: IP address 192.0.2.10 is not null '
        'routed. (correlationId %s) [the address showed null_routed=True; a change sent earlier without waiting for '
        'it (wait=false, or a timeout) may still be propagating]' % too_early['error']['correlation_id'])
    assert too_early.calls == ['GET ' + MAIN, 'POST %s/unnull' % MAIN]
    assert [entry['status'] for entry in too_early.requests] == [200, 400]


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


def test_an_internal_address_cannot_be_null_routed(modules):
    run = modules.run('null_route', server_id='12345', ip='10.36.0.2')
    assert run.failed and not run.changed
    assert run['status'] == 400
    assert run['error']['error_message'] == 'Only public IP addresses can be null routed.'
    assert run.msg.startswith('POST /bareMetals/v2/servers/12345/ips/10.36.0.2/null: HTTP 400 ')
    assert run.calls == ['GET /servers/12345/ips/10.36.0.2', 'POST /servers/12345/ips/10.36.0.2/null']


def test_an_address_the_server_does_not_have_is_the_apis_404(modules):
    run = modules.run('null_route', server_id='12345', ip='192.0.2.200')
    assert run.failed and not run.changed
    assert run['status'] == 404
    assert run.msg.startswith('GET /bareMetals/v2/servers/12345/ips/192.0.2.200: HTTP 404 ')
    assert run.msg.endswith('(correlationId %s)' % run['error']['correlation_id'])
    assert run.calls == ['GET /servers/12345/ips/192.0.2.200']


@pytest.mark.parametrize('args, message', [
    (dict(ip='web01.example.com'), "ip: 'web01.example.com' is not an IPv4 or IPv6 address"),
    (dict(ip='192.0.2.10/64'), "ip: '192.0.2.10/64' has an invalid prefix length"),
    (dict(ip='192.0.2.10', state='nulled'), 'value of state must be one of: present, absent, got: nulled'),
    (dict(ip='192.0.2.10', wait_sleep=0), 'wait_sleep must be at least 1, got 0'),
    (dict(ip='192.0.2.10', wait_timeout=-1), 'wait_timeout must be at least 0, got -1'),
    (dict(ip='192.0.2.10', wait='sometimes'), 'wait'),
    (dict(), 'missing required arguments: ip'),
    (dict(ip='192.0.2.10', server_id=''), 'server_id must not be empty'),
])
def test_bad_input_fails_before_any_request(modules, args, message):
    args.setdefault('server_id', '12345')
    run = modules.run('null_route', **args)
    assert run.failed and not run.changed
    assert message in run.msg
    assert run.calls == []
