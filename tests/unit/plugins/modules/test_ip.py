# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.ip in-process: what it reads, what it sends, what it returns.

Server 12345 is the emulator's first server: main IP 192.0.2.10/29 with ADVANCED DDoS
protection (profile ADVANCED_DEFAULT, reverse lookup hosted-by.leaseweb.com) and the IPv6
address 2001:1af8:4705::2/64 with STANDARD protection and no reverse lookup.
"""

import re

import pytest

MAIN = '/servers/12345/ips/192.0.2.10'
SIX = '/servers/12345/ips/2001:1af8:4705::2'
SEEDED = {'reverse_lookup': 'hosted-by.leaseweb.com', 'detection_profile': 'ADVANCED_DEFAULT'}
WANTED = {'reverse_lookup': 'mail.example.com', 'detection_profile': 'ADVANCED_LOW_UDP'}


def assert_api_failure(run, status, call):
    """The run failed with the API's answer: its status, error object and correlation id in the message."""
    assert run.failed
    assert run['status'] == status
    assert run.msg.startswith('%s: HTTP %s: ' % (call.replace(' /', ' /bareMetals/v2/', 1), status))
    assert '(correlationId %s)' % run['error']['correlation_id'] in run.msg
    assert re.match(r'^[0-9a-f-]{36}$', run['error']['correlation_id'])


def test_check_mode_predicts_the_change_and_writes_nothing(modules):
    run = modules.run(
        'ip',
        server_id='12345',
        ip='192.0.2.10/29',
        reverse_lookup='mail.example.com',
        detection_profile='ADVANCED_LOW_UDP',
        check_mode=True,
        diff=True,
    )
    assert run.changed and not run.failed
    assert run['ip']['ip'] == '192.0.2.10/29'
    assert run['ip']['reverse_lookup'] == 'mail.example.com'
    assert run['ip']['ddos'] == {'protection_type': 'ADVANCED', 'detection_profile': 'ADVANCED_LOW_UDP'}
    assert run['diff'] == {'before': SEEDED, 'after': WANTED}
    assert run.calls == ['GET ' + MAIN]
    assert run.writes == []
    record = modules.api('GET', MAIN)[1]
    assert (record['reverseLookup'], record['ddos']['detectionProfile']) == (
        'hosted-by.leaseweb.com',
        'ADVANCED_DEFAULT',
    )


def test_both_are_sent_in_one_put_to_the_address_without_its_prefix(modules):
    check = modules.run(
        'ip',
        server_id='12345',
        ip='192.0.2.10/29',
        reverse_lookup='mail.example.com',
        detection_profile='ADVANCED_LOW_UDP',
        check_mode=True,
        diff=True,
    )
    run = modules.run(
        'ip',
        server_id='12345',
        ip='192.0.2.10/29',
        reverse_lookup='mail.example.com',
        detection_profile='ADVANCED_LOW_UDP',
        diff=True,
    )
    assert run.changed and not run.failed
    assert run.calls == ['GET ' + MAIN, 'PUT ' + MAIN]
    assert run.bodies == [{'reverseLookup': 'mail.example.com', 'detectionProfile': 'ADVANCED_LOW_UDP'}]
    assert [entry['status'] for entry in run.requests] == [200, 200]
    assert run['diff'] == check['diff']
    assert run['ip'] == dict(check['ip'])
    assert run['ip']['main_ip'] is True
    record = modules.api('GET', MAIN)[1]
    assert (record['reverseLookup'], record['ddos']['detectionProfile']) == ('mail.example.com', 'ADVANCED_LOW_UDP')


def test_the_rerun_changes_nothing_and_writes_nothing(modules):
    first = modules.run(
        'ip',
        server_id='12345',
        ip='192.0.2.10/29',
        reverse_lookup='mail.example.com',
        detection_profile='ADVANCED_LOW_UDP',
    )
    again = modules.run(
        'ip',
        server_id='12345',
        ip='192.0.2.10',
        reverse_lookup='mail.example.com',
        detection_profile='ADVANCED_LOW_UDP',
        diff=True,
    )
    check = modules.run(
        'ip',
        server_id='12345',
        ip='192.0.2.10/29',
        reverse_lookup='mail.example.com',
        detection_profile='ADVANCED_LOW_UDP',
        check_mode=True,
    )
    assert first.changed
    assert not again.changed and not check.changed
    assert again['ip'] == first['ip']
    assert again['diff'] == {'before': WANTED, 'after': WANTED}
    # the target counted both reruns together: two requests, no write
    assert again.calls + check.calls == ['GET ' + MAIN, 'GET ' + MAIN]


def test_only_what_differs_is_sent(modules):
    modules.api('PUT', MAIN, {'detectionProfile': 'ADVANCED_LOW_UDP'})
    run = modules.run(
        'ip',
        server_id='12345',
        ip='192.0.2.10',
        reverse_lookup='www.example.com',
        detection_profile='ADVANCED_LOW_UDP',
        diff=True,
    )
    assert run.changed
    assert run.calls == ['GET ' + MAIN, 'PUT ' + MAIN]
    assert run.bodies == [{'reverseLookup': 'www.example.com'}]
    assert run['diff'] == {
        'before': {'reverse_lookup': 'hosted-by.leaseweb.com', 'detection_profile': 'ADVANCED_LOW_UDP'},
        'after': {'reverse_lookup': 'www.example.com', 'detection_profile': 'ADVANCED_LOW_UDP'},
    }


def test_a_detection_profile_alone_leaves_the_reverse_lookup(modules):
    run = modules.run('ip', server_id='12345', ip='192.0.2.10', detection_profile='ADVANCED_MED_UDP')
    assert run.changed
    assert run.bodies == [{'detectionProfile': 'ADVANCED_MED_UDP'}]
    assert run['ip']['reverse_lookup'] == 'hosted-by.leaseweb.com'
    assert run['ip']['ddos']['detection_profile'] == 'ADVANCED_MED_UDP'


def test_an_ipv6_address_in_any_notation_is_sent_in_its_canonical_form(modules):
    set_six = modules.run('ip', server_id='12345', ip='2001:1AF8:4705:0000::2/64', reverse_lookup='six.example.com')
    removed = modules.run('ip', server_id='12345', ip='2001:1af8:4705::2/64', reverse_lookup='', diff=True)
    removed_again = modules.run('ip', server_id='12345', ip='2001:1af8:4705::2', reverse_lookup='')
    assert set_six.changed
    assert set_six['ip']['ip'] == '2001:1af8:4705::2/64'
    assert set_six['ip']['reverse_lookup'] == 'six.example.com'
    assert set_six.calls == ['GET ' + SIX, 'PUT ' + SIX]
    assert set_six.bodies == [{'reverseLookup': 'six.example.com'}]
    assert removed.changed
    assert removed['ip']['reverse_lookup'] == ''
    assert removed['diff'] == {
        'before': {'reverse_lookup': 'six.example.com', 'detection_profile': 'STANDARD_DEFAULT'},
        'after': {'reverse_lookup': '', 'detection_profile': 'STANDARD_DEFAULT'},
    }
    assert removed.calls == ['GET ' + SIX, 'PUT ' + SIX]
    assert removed.bodies == [{'reverseLookup': ''}]
    assert not removed_again.changed
    assert removed_again.calls == ['GET ' + SIX]


@pytest.mark.parametrize('check_mode', [True, False])
def test_a_detection_profile_on_a_standard_address_fails_after_one_read(modules, check_mode):
    run = modules.run(
        'ip',
        server_id='12345',
        ip='2001:1af8:4705::2',
        detection_profile='ADVANCED_DEFAULT',
        reverse_lookup='six.example.com',
        check_mode=check_mode,
    )
    assert run.failed and not run.changed
    assert run.msg == (
        'detection_profile: 2001:1af8:4705::2/64 on server 12345 has STANDARD DDoS protection; only '
        'addresses with ADVANCED protection have a detection profile to choose'
    )
    assert run['ip']['ddos']['protection_type'] == 'STANDARD'
    assert run.calls == ['GET ' + SIX]


def test_an_address_without_ddos_information_still_takes_a_reverse_lookup(modules):
    modules.state.servers['12345'].ip_index['192.0.2.10']['ddos'] = None
    run = modules.run('ip', server_id='12345', ip='192.0.2.10', reverse_lookup='x.example.com', diff=True)
    profile = modules.run('ip', server_id='12345', ip='192.0.2.10', detection_profile='ADVANCED_DEFAULT')
    assert run.changed and not run.failed
    assert run['diff'] == {
        'before': {'reverse_lookup': 'hosted-by.leaseweb.com', 'detection_profile': None},
        'after': {'reverse_lookup': 'x.example.com', 'detection_profile': None},
    }
    assert run.bodies == [{'reverseLookup': 'x.example.com'}]
    assert profile.failed
    assert 'only addresses with ADVANCED protection' in profile.msg
    assert profile.calls == ['GET ' + MAIN]


def test_a_failing_put_is_surfaced_and_not_retried(modules):
    modules.faults(error_rate=1.0, error_status=500, methods=['PUT'], count=1)
    run = modules.run('ip', server_id='12345', ip='192.0.2.10', reverse_lookup='failing.example.com')
    # a 500 comes after the PUT reached the API: the message and changed say it may have been carried out
    maybe = ' [the request may have been carried out: the failure came after it was sent; check its effect before repeating it]'
    assert run.msg.endswith(maybe)
    assert run.changed
    run.result['msg'] = run.msg[: -len(maybe)]
    assert_api_failure(run, 500, 'PUT ' + MAIN)
    assert run.calls == ['GET ' + MAIN, 'PUT ' + MAIN]
    assert [entry['fault'] for entry in run.requests] == [None, 'error']
