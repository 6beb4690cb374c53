# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.private_network in-process: membership changes and their waits.

In the seeded fleet, 12573 (index 1) can join a private network and is in none; 13837 (index
9) cannot join one; 12345 is in private network 892 at 10000 Mbps. A membership change takes
the emulator's ``private_network_seconds`` (1 unless a test sets it) and the clock moves one
second a request, so the reads of a wait are the same on every run.
"""

OUTSIDE = '/servers/12573'
MEMBER = '/servers/12573/privateNetworks/892'
SEEDED = '/servers/12345/privateNetworks/892'
NETWORK = {'id': '892', 'dhcp': 'DISABLED', 'subnet': '10.32.0.0/16', 'vlan_id': '2120'}


def membership(modules, server_id='12573'):
    """The server's entry for private network 892 as the API shows it, or None."""
    server = modules.api('GET', '/servers/%s' % server_id)[1]
    return next((entry for entry in server['privateNetworks'] if entry['id'] == '892'), None)


def test_check_mode_predicts_the_change_and_writes_nothing(modules):
    run = modules.run(
        'private_network', server_id='12573', private_network_id='892', link_speed=1000, check_mode=True, diff=True
    )
    assert run.changed and not run.failed
    assert run['private_network'] == {'id': '892', 'link_speed': 1000, 'status': 'CONFIGURED'}
    assert run['diff'] == {'before': {'state': 'absent'}, 'after': {'state': 'present', 'link_speed': 1000}}
    assert run.calls == ['GET ' + OUTSIDE]
    assert run.writes == []
    assert membership(modules) is None


def test_check_mode_without_waiting_predicts_configuring(modules):
    run = modules.run(
        'private_network', server_id='12573', private_network_id='892', link_speed=1000, wait=False, check_mode=True
    )
    assert run.changed
    assert run['private_network'] == {'id': '892', 'link_speed': 1000, 'status': 'CONFIGURING'}
    assert run.calls == ['GET ' + OUTSIDE]


def test_one_put_then_reads_until_configured(modules):
    modules.settings(private_network_seconds=3)
    check = modules.run(
        'private_network', server_id='12573', private_network_id='892', link_speed=1000, check_mode=True, diff=True
    )
    run = modules.run(
        'private_network', server_id='12573', private_network_id='892', link_speed=1000, wait_sleep=1, diff=True
    )
    assert run.changed and not run.failed
    assert run['diff'] == check['diff']
    assert run['private_network'] == dict(NETWORK, link_speed=1000, status='CONFIGURED')
    # the PUT is answered at t+1 and the membership is configured at t+4: reads at t+2 and t+3
    # see it CONFIGURING, the one at t+4 CONFIGURED
    assert run.calls == ['GET ' + OUTSIDE, 'PUT ' + MEMBER, 'GET ' + OUTSIDE, 'GET ' + OUTSIDE, 'GET ' + OUTSIDE]
    assert [entry['status'] for entry in run.requests] == [200, 204, 200, 200, 200]
    assert run.bodies == [{'linkSpeed': 1000}]
    assert membership(modules)['status'] == 'CONFIGURED'


def test_the_rerun_changes_nothing_and_writes_nothing(modules):
    first = modules.run('private_network', server_id='12573', private_network_id='892', link_speed=1000)
    again = modules.run('private_network', server_id='12573', private_network_id='892', link_speed=1000, diff=True)
    check = modules.run(
        'private_network',
        server_id='12573',
        private_network_id='892',
        link_speed=1000,
        state='present',
        check_mode=True,
    )
    assert first.changed
    assert first.calls == ['GET ' + OUTSIDE, 'PUT ' + MEMBER, 'GET ' + OUTSIDE]
    assert not again.changed and not check.changed
    assert again['private_network'] == first['private_network']
    assert again['diff'] == {
        'before': {'state': 'present', 'link_speed': 1000},
        'after': {'state': 'present', 'link_speed': 1000},
    }
    # the target counted both reruns together: two requests, no write
    assert again.calls + check.calls == ['GET ' + OUTSIDE, 'GET ' + OUTSIDE]


def test_another_link_speed_is_the_same_put_and_a_rerun_waits_for_it(modules):
    modules.run('private_network', server_id='12573', private_network_id='892', link_speed=1000)
    modules.settings(private_network_seconds=3)
    faster = modules.run(
        'private_network', server_id='12573', private_network_id='892', link_speed=10000, wait=False, diff=True
    )
    faster_again = modules.run(
        'private_network', server_id='12573', private_network_id='892', link_speed=10000, wait_sleep=1
    )
    assert faster.changed
    assert faster['diff'] == {
        'before': {'state': 'present', 'link_speed': 1000},
        'after': {'state': 'present', 'link_speed': 10000},
    }
    assert faster['private_network'] == dict(NETWORK, link_speed=10000, status='CONFIGURING')
    # without waiting: the PUT, then one read for the membership to return
    assert faster.calls == ['GET ' + OUTSIDE, 'PUT ' + MEMBER, 'GET ' + OUTSIDE]
    assert faster.bodies == [{'linkSpeed': 10000}]
    # the rerun sends nothing, and waits for the change already on its way
    assert not faster_again.changed
    assert faster_again['private_network'] == dict(NETWORK, link_speed=10000, status='CONFIGURED')
    assert faster_again.calls == ['GET ' + OUTSIDE, 'GET ' + OUTSIDE]
    assert faster_again.writes == []


def test_removal_is_one_delete_waited_for_until_the_membership_is_gone(modules):
    modules.run('private_network', server_id='12573', private_network_id='892', link_speed=10000)
    modules.settings(private_network_seconds=2)
    check = modules.run(
        'private_network', server_id='12573', private_network_id='892', state='absent', check_mode=True, diff=True
    )
    removed = modules.run('private_network', server_id='12573', private_network_id='892', state='absent', wait_sleep=1)
    again = modules.run('private_network', server_id='12573', private_network_id='892', state='absent', diff=True)
    assert check.changed
    assert check['private_network'] == {}
    assert check['diff'] == {'before': {'state': 'present', 'link_speed': 10000}, 'after': {'state': 'absent'}}
    assert check.calls == ['GET ' + OUTSIDE]
    assert removed.changed
    assert removed['private_network'] == {}
    assert removed.calls == ['GET ' + OUTSIDE, 'DELETE ' + MEMBER, 'GET ' + OUTSIDE, 'GET ' + OUTSIDE]
    assert [entry['status'] for entry in removed.requests] == [200, 204, 200, 200]
    assert not again.changed
    assert again['diff'] == {'before': {'state': 'absent'}, 'after': {'state': 'absent'}}
    assert again.calls == ['GET ' + OUTSIDE]
    assert membership(modules) is None


def test_removal_without_waiting_returns_the_membership_being_removed(modules):
    modules.settings(private_network_seconds=3)
    check = modules.run(
        'private_network', server_id='12345', private_network_id='892', state='absent', wait=False, check_mode=True
    )
    leaving = modules.run(
        'private_network', server_id='12345', private_network_id='892', state='absent', wait=False, diff=True
    )
    assert check['private_network'] == dict(NETWORK, link_speed=10000, status='REMOVING')
    assert leaving.changed
    assert leaving['private_network'] == dict(NETWORK, link_speed=10000, status='REMOVING')
    assert leaving['diff'] == {'before': {'state': 'present', 'link_speed': 10000}, 'after': {'state': 'absent'}}
    assert leaving.calls == ['GET /servers/12345', 'DELETE ' + SEEDED, 'GET /servers/12345']


def test_a_server_being_removed_is_added_again_once_it_is_gone(modules):
    modules.settings(private_network_seconds=4)
    leaving = modules.run('private_network', server_id='12345', private_network_id='892', state='absent', wait=False)
    modules.settings(private_network_seconds=1)
    back = modules.run(
        'private_network', server_id='12345', private_network_id='892', link_speed=100, wait_sleep=1, diff=True
    )
    assert leaving['private_network']['status'] == 'REMOVING'
    assert back.changed
    assert back['diff'] == {'before': {'state': 'absent'}, 'after': {'state': 'present', 'link_speed': 100}}
    assert back['private_network'] == dict(NETWORK, link_speed=100, status='CONFIGURED')
    # the removal, sent at t+1, is done at t+5: the module reads REMOVING at t+3 and t+4, sees
    # it gone at t+5, then adds the server (no DELETE) and reads it CONFIGURED
    assert back.calls == [
        'GET /servers/12345',
        'GET /servers/12345',
        'GET /servers/12345',
        'PUT ' + SEEDED,
        'GET /servers/12345',
    ]
    assert back.bodies == [{'linkSpeed': 100}]


def test_check_mode_on_a_server_being_removed_predicts_it_added(modules):
    modules.settings(private_network_seconds=4)
    modules.run('private_network', server_id='12345', private_network_id='892', state='absent', wait=False)
    run = modules.run(
        'private_network', server_id='12345', private_network_id='892', link_speed=100, check_mode=True, diff=True
    )
    assert run.changed
    assert run['diff'] == {'before': {'state': 'absent'}, 'after': {'state': 'present', 'link_speed': 100}}
    assert run['private_network']['status'] == 'CONFIGURED'
    assert run.calls == ['GET /servers/12345']


def test_a_wait_that_times_out_returns_the_membership_as_last_read(modules):
    modules.settings(private_network_seconds=10)
    run = modules.run('private_network', server_id='12345', private_network_id='892', link_speed=1000, wait_timeout=0)
    assert run.failed
    assert run.changed  # the PUT was sent
    assert run['timed_out'] is True
    assert run.msg == 'Timed out after 0s waiting for server 12345 in private network 892 to be configured'
    assert run['private_network'] == dict(NETWORK, link_speed=1000, status='CONFIGURING')
    # one read after the PUT, then the failure: nothing followed the read
    assert run.calls == ['GET /servers/12345', 'PUT ' + SEEDED, 'GET /servers/12345']


def test_a_membership_that_disappears_while_configuring_stops_the_wait(modules):
    modules.settings(private_network_seconds=10)
    modules.api('PUT', MEMBER, {'linkSpeed': 1000})
    record = modules.state.servers['12573']

    def leave(_when):
        record.detail['privateNetworks'][:] = []
        modules.state.touch(record)

    modules.state.schedule(modules.emulator.clock.now() + 2, leave)
    run = modules.run('private_network', server_id='12573', private_network_id='892', link_speed=1000)
    assert run.failed and not run.changed
    assert run.msg == 'Server 12573 left private network 892 while waiting for it to be configured'
    assert run.calls == ['GET ' + OUTSIDE, 'GET ' + OUTSIDE, 'GET ' + OUTSIDE]


def test_a_server_that_cannot_join_fails_before_any_write(modules):
    run = modules.run('private_network', server_id='13837', private_network_id='892', link_speed=1000)
    assert run.failed and not run.changed
    assert run.msg == 'Server 13837 cannot join a private network (is_private_network_capable is false)'
    assert run.calls == ['GET /servers/13837']


def test_removing_a_server_that_cannot_join_changes_nothing(modules):
    run = modules.run('private_network', server_id='13837', private_network_id='892', state='absent')
    assert not run.failed and not run.changed
    assert run.calls == ['GET /servers/13837']
