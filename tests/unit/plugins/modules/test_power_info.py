# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.power_info in process: one read of powerInfo, and powered_on derived from it."""

import pytest


def test_a_server_that_is_on(modules):
    run = modules.run('power_info', server_id='12345')
    assert not run.changed and not run.failed
    assert run['power'] == {'ipmi': {'status': 'on'}, 'pdu': {'status': 'on'}, 'powered_on': True}
    assert run.calls == ['GET /servers/12345/powerInfo']


def test_ipmi_off_counts_as_off_even_when_the_pdu_reports_on_in_check_mode(modules):
    # index 11 of the seeded fleet is shut down: IPMI off, the PDU still on
    server_id = modules.state.order[11].id
    run = modules.run('power_info', server_id=server_id, check_mode=True)
    assert not run.changed and not run.failed
    assert run['power'] == {'ipmi': {'status': 'off'}, 'pdu': {'status': 'on'}, 'powered_on': False}
    assert run.calls == ['GET /servers/%s/powerInfo' % server_id]


def test_a_server_powered_off_reads_off(modules):
    assert modules.api('POST', '/servers/12345/powerOff')[0] == 204
    run = modules.run('power_info', server_id='12345')
    assert run['power'] == {'ipmi': {'status': 'off'}, 'pdu': {'status': 'off'}, 'powered_on': False}
    assert run.calls == ['GET /servers/12345/powerInfo']


@pytest.mark.parametrize('args, message', [
    (dict(), 'missing required arguments: server_id'),
    (dict(server_id=''), 'server_id must not be empty'),
    (dict(server_id='12345', state='on'), 'Unsupported parameters'),
])
def test_bad_input_fails_before_any_request(modules, args, message):
    run = modules.run('power_info', **args)
    assert run.failed
    assert message in run.msg
    assert run.calls == []


def test_an_unknown_server_fails_with_the_404_and_its_correlation_id(modules):
    run = modules.run('power_info', server_id='999999999')
    assert run.failed and not run.changed
    assert run['status'] == 404
    assert run.msg.startswith('GET /bareMetals/v2/servers/999999999/powerInfo: HTTP 404: ')
    assert '(correlationId %s)' % run['error']['correlation_id'] in run.msg
    assert run.calls == ['GET /servers/999999999/powerInfo']
