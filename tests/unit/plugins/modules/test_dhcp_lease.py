# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.dhcp_lease in-process: create, replace (delete then create), remove.

Server 12345 has no lease in the seeded fleet; its public IP is 192.0.2.10/29 (gateway
192.0.2.14). The API's default host name for a lease is ``s12345``.
"""

LEASES = '/servers/12345/leases'
FIRST = 'https://boot.example.com/ipxe/first.ipxe'
SECOND = 'http://boot.example.com/ipxe/second.ipxe'


def leases(modules):
    return modules.api('GET', LEASES)[1]['leases']


def test_check_mode_predicts_the_lease_and_writes_nothing(modules):
    run = modules.run('dhcp_lease', server_id='12345', bootfile=FIRST, hostname='pxe-12345', check_mode=True, diff=True)
    assert run.changed and not run.failed
    assert run['lease'] == {'bootfile': FIRST, 'hostname': 'pxe-12345'}
    assert run['diff'] == {'before': {}, 'after': {'bootfile': FIRST, 'hostname': 'pxe-12345'}}
    assert run.calls == ['GET ' + LEASES]
    assert run.writes == []
    assert leases(modules) == []


def test_one_post_creates_the_lease_which_is_read_back(modules):
    check = modules.run(
        'dhcp_lease', server_id='12345', bootfile=FIRST, hostname='pxe-12345', check_mode=True, diff=True
    )
    run = modules.run('dhcp_lease', server_id='12345', bootfile=FIRST, hostname='pxe-12345', diff=True)
    assert run.changed and not run.failed
    assert run['diff'] == check['diff']
    lease = run['lease']
    assert (lease['bootfile'], lease['hostname'], lease['ip'], lease['gateway']) == (
        FIRST,
        'pxe-12345',
        '192.0.2.10',
        '192.0.2.14',
    )
    assert lease['mac'] == '00:25:90:28:43:80'
    assert run.calls == ['GET ' + LEASES, 'POST ' + LEASES, 'GET ' + LEASES]
    assert [entry['status'] for entry in run.requests] == [200, 204, 200]
    assert run.bodies == [{'bootfile': FIRST, 'hostname': 'pxe-12345'}]


def test_the_reruns_change_nothing_and_write_nothing(modules):
    first = modules.run('dhcp_lease', server_id='12345', bootfile=FIRST, hostname='pxe-12345')
    again = modules.run('dhcp_lease', server_id='12345', bootfile=FIRST, hostname='pxe-12345', diff=True)
    check = modules.run('dhcp_lease', server_id='12345', bootfile=FIRST, hostname='pxe-12345', check_mode=True)
    bootfile_only = modules.run('dhcp_lease', server_id='12345', bootfile=FIRST, state='present')
    assert first.changed
    assert not again.changed and not check.changed and not bootfile_only.changed
    assert again['lease'] == first['lease']
    assert again['diff'] == {
        'before': {'bootfile': FIRST, 'hostname': 'pxe-12345'},
        'after': {'bootfile': FIRST, 'hostname': 'pxe-12345'},
    }
    # the target counted the three reruns together: three requests, no write
    assert again.calls + check.calls + bootfile_only.calls == ['GET ' + LEASES] * 3


def test_another_boot_file_replaces_the_lease_keeping_its_host_name(modules):
    modules.run('dhcp_lease', server_id='12345', bootfile=FIRST, hostname='pxe-12345')
    check = modules.run('dhcp_lease', server_id='12345', bootfile=SECOND, hostname='other-12345', check_mode=True)
    replaced = modules.run('dhcp_lease', server_id='12345', bootfile=SECOND, diff=True)
    assert check.changed
    assert (check['lease']['bootfile'], check['lease']['hostname']) == (SECOND, 'other-12345')
    assert check['lease']['ip'] == '192.0.2.10'  # the rest of the lease as it is
    assert check.calls == ['GET ' + LEASES]
    assert replaced.changed
    assert replaced['diff'] == {
        'before': {'bootfile': FIRST, 'hostname': 'pxe-12345'},
        'after': {'bootfile': SECOND, 'hostname': 'pxe-12345'},
    }
    assert (replaced['lease']['bootfile'], replaced['lease']['hostname']) == (SECOND, 'pxe-12345')
    assert replaced.calls == ['GET ' + LEASES, 'DELETE ' + LEASES, 'POST ' + LEASES, 'GET ' + LEASES]
    assert [entry['status'] for entry in replaced.requests] == [200, 204, 204, 200]
    assert replaced.bodies == [None, {'bootfile': SECOND, 'hostname': 'pxe-12345'}]


def test_another_host_name_alone_replaces_the_lease(modules):
    modules.run('dhcp_lease', server_id='12345', bootfile=FIRST, hostname='pxe-12345')
    run = modules.run('dhcp_lease', server_id='12345', bootfile=FIRST, hostname='web01.example.com', diff=True)
    assert run.changed
    assert run['diff']['after'] == {'bootfile': FIRST, 'hostname': 'web01.example.com'}
    assert run.writes == ['DELETE ' + LEASES, 'POST ' + LEASES]
    assert run.bodies == [None, {'bootfile': FIRST, 'hostname': 'web01.example.com'}]


def test_removal_is_one_delete_once(modules):
    modules.run('dhcp_lease', server_id='12345', bootfile=SECOND, hostname='pxe-12345')
    check = modules.run('dhcp_lease', server_id='12345', state='absent', check_mode=True, diff=True)
    removed = modules.run('dhcp_lease', server_id='12345', state='absent')
    again = modules.run('dhcp_lease', server_id='12345', state='absent', diff=True)
    assert check.changed
    assert check['diff'] == {'before': {'bootfile': SECOND, 'hostname': 'pxe-12345'}, 'after': {}}
    assert check.calls == ['GET ' + LEASES]
    assert removed.changed
    assert removed['lease'] == {}
    assert removed.calls == ['GET ' + LEASES, 'DELETE ' + LEASES]
    assert [entry['status'] for entry in removed.requests] == [200, 204]
    assert not again.changed
    assert again['diff'] == {'before': {}, 'after': {}}
    assert again.calls == ['GET ' + LEASES]
    assert leases(modules) == []


def test_without_a_host_name_a_new_lease_gets_the_apis(modules):
    check = modules.run('dhcp_lease', server_id='12345', bootfile=FIRST, check_mode=True, diff=True)
    run = modules.run('dhcp_lease', server_id='12345', bootfile=FIRST, diff=True)
    assert check['lease'] == {'bootfile': FIRST}
    assert check['diff'] == {'before': {}, 'after': {'bootfile': FIRST}}
    assert run.changed
    assert run['diff'] == {'before': {}, 'after': {'bootfile': FIRST}}
    assert run['lease']['hostname'] == 's12345'
    assert run.bodies == [{'bootfile': FIRST}]


def test_a_failed_creation_after_the_delete_says_the_server_has_no_lease(modules):
    modules.run('dhcp_lease', server_id='12345', bootfile=FIRST, hostname='pxe-12345')
    modules.faults(error_rate=1.0, error_status=503, methods=['POST'])
    run = modules.run('dhcp_lease', server_id='12345', bootfile=SECOND, api_retries=0)
    modules.faults()
    assert run.failed
    assert run.changed  # the old lease was deleted
    assert run['status'] == 503
    assert run.msg == (
        'POST /bareMetals/v2/servers/12345/leases: HTTP 503: The API is not available at the moment. '
        '(correlationId %s) [the previous lease (bootfile %s) was deleted: the server has no lease now]'
        % (run['error']['correlation_id'], FIRST)
    )
    assert run.calls == ['GET ' + LEASES, 'DELETE ' + LEASES, 'POST ' + LEASES]
    assert [entry['status'] for entry in run.requests] == [200, 204, 503]
    assert leases(modules) == []
    again = modules.run('dhcp_lease', server_id='12345', bootfile=SECOND, hostname='pxe-12345')
    assert again.changed
    assert again.writes == ['POST ' + LEASES]


def test_a_failed_first_creation_is_only_the_apis_answer(modules):
    modules.faults(error_rate=1.0, error_status=503, methods=['POST'])
    run = modules.run('dhcp_lease', server_id='12345', bootfile=FIRST, api_retries=0)
    assert run.failed and not run.changed
    assert run['status'] == 503
    assert 'no lease now' not in run.msg
    assert '(correlationId %s)' % run['error']['correlation_id'] in run.msg
    assert run.calls == ['GET ' + LEASES, 'POST ' + LEASES]


# -- two runs at once: another run's write lands between this run's read and its own ----------


def test_the_same_lease_another_run_created_meanwhile_is_converged_on(modules):
    modules.meanwhile(
        'POST ' + LEASES, lambda: modules.api('POST', LEASES, {'bootfile': FIRST, 'hostname': 'pxe-12345'})
    )
    run = modules.run('dhcp_lease', server_id='12345', bootfile=FIRST, hostname='pxe-12345', diff=True)
    assert not run.failed and not run.changed
    assert (run['lease']['bootfile'], run['lease']['hostname']) == (FIRST, 'pxe-12345')
    assert run['diff'] == {
        'before': {'bootfile': FIRST, 'hostname': 'pxe-12345'},
        'after': {'bootfile': FIRST, 'hostname': 'pxe-12345'},
    }
    # the POST is refused (one lease a server), the lease read again is the one wanted
    assert run.calls == ['GET ' + LEASES, 'POST ' + LEASES, 'GET ' + LEASES]
    assert [entry['status'] for entry in run.requests] == [200, 400, 200]


def test_another_lease_created_meanwhile_keeps_the_refusal(modules):
    modules.meanwhile('POST ' + LEASES, lambda: modules.api('POST', LEASES, {'bootfile': SECOND}))
    run = modules.run('dhcp_lease', server_id='12345', bootfile=FIRST)
    assert run.failed and not run.changed
    assert run['status'] == 400
    assert run.calls == ['GET ' + LEASES, 'POST ' + LEASES, 'GET ' + LEASES]
    assert [lease['bootfile'] for lease in leases(modules)] == [SECOND]


def test_a_lease_another_run_removed_meanwhile_counts_as_removed_without_a_change(modules):
    modules.api('POST', LEASES, {'bootfile': FIRST})
    modules.meanwhile('DELETE ' + LEASES, lambda: modules.api('DELETE', LEASES))
    run = modules.run('dhcp_lease', server_id='12345', state='absent', diff=True)
    assert not run.failed and not run.changed
    assert run['diff'] == {'before': {}, 'after': {}}
    assert run.calls == ['GET ' + LEASES, 'DELETE ' + LEASES, 'GET ' + LEASES]
    assert [entry['status'] for entry in run.requests] == [200, 404, 200]
