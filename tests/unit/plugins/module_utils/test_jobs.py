# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""module_utils _jobs (and the power reading): starting, attaching to and waiting for jobs, driven against the emulator."""

import base64

import pytest

from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import LeasewebClient, LeasewebWaitError
from ansible_collections.leaseweb.dedicated.plugins.module_utils._jobs import (
    busy_message,
    encode_script,
    join_ssh_keys,
    newest,
    running_jobs,
    start_or_attach,
    wait_for_job,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._power import with_powered_on
from ansible_collections.leaseweb.dedicated.plugins.module_utils._resource import Refused
from ansible_collections.leaseweb.dedicated.plugins.module_utils._values import check_url

from .test_client import Sleeps


def client_for(emulator, sleeps=None):
    """A client that pauses on a recorded, fake clock (``Sleeps``), never for real."""
    sleeps = sleeps if sleeps is not None else Sleeps()
    return LeasewebClient(api_key=emulator.api_key, api_url=emulator.url, sleep=sleeps, clock=sleeps.clock)


def server_of(emulator):
    return emulator.api('GET', '/servers', params={'limit': 1}).json()['servers'][0]['id']


def test_with_powered_on():
    assert with_powered_on({'ipmi': {'status': 'on'}, 'pdu': {'status': 'on'}})['powered_on'] is True
    assert with_powered_on({'ipmi': {'status': 'off'}, 'pdu': {'status': 'on'}})['powered_on'] is False
    assert with_powered_on({'ipmi': {'status': 'on'}, 'pdu': {'status': 'off'}})['powered_on'] is False
    assert with_powered_on({'ipmi': {'status': 'unknown'}, 'pdu': {'status': 'on'}})['powered_on'] is True


def test_encode_script_and_join_ssh_keys():
    script = '#!/bin/sh\necho h\u00e9\n'
    assert base64.b64decode(encode_script(script)).decode('utf-8') == script
    assert encode_script(None) is None
    assert join_ssh_keys([' ssh-ed25519 AAA a@b ', 'ssh-rsa BBB c@d']) == 'ssh-ed25519 AAA a@b\nssh-rsa BBB c@d'
    assert join_ssh_keys(None) is None
    with pytest.raises(ValueError, match='key 2 is empty'):
        join_ssh_keys(['ssh-rsa A', ' '])
    with pytest.raises(ValueError, match='spans more than one line'):
        join_ssh_keys(['ssh-rsa A\nssh-rsa B'])


@pytest.mark.parametrize(
    'url, good',
    [
        ('https://hooks.example.com/x?y=1', True),
        ('http://10.0.0.1:8080/', True),
        ('ftp://example.com', False),
        ('https://', False),
        ('example.com/x', False),
        ('https://a b', False),
    ],
)
def test_check_url(url, good):
    if good:
        check_url('callback_url', url)
    else:
        with pytest.raises(ValueError, match='callback_url'):
            check_url('callback_url', url)


def test_newest_picks_the_latest_created():
    jobs = [
        {'uuid': 'a', 'created_at': '2025-01-02T00:00:00+00:00'},
        {'uuid': 'b', 'created_at': '2025-03-01T00:00:00+00:00'},
        {'uuid': 'c', 'created_at': '2024-12-31T00:00:00+00:00'},
    ]
    assert newest(jobs)['uuid'] == 'b'
    assert newest([]) is None


def test_start_attach_and_refuse(emulator):
    server_id = server_of(emulator)
    client = client_for(emulator)
    emulator.admin('PUT', 'servers/%s/next_job' % server_id, json={'outcome': 'HANG'})
    changed, job = start_or_attach(client, server_id, 'hardwareScan', {'powerCycle': True}, check_mode=False)
    assert changed and job['type'] == 'hardwareScan' and job['status'] == 'ACTIVE'
    emulator.clear()
    again, attached = start_or_attach(client, server_id, 'hardwareScan', {'powerCycle': True}, check_mode=False)
    assert not again and attached['uuid'] == job['uuid']
    assert emulator.writes() == []
    checked = []
    with pytest.raises(Refused) as info:
        start_or_attach(client, server_id, 'ipmiReset', {}, check_mode=False, before_start=lambda: checked.append(1))
    assert 'busy with hardwareScan job %s' % job['uuid'] in info.value.msg
    assert info.value.result['job']['uuid'] == job['uuid'] and checked == []
    assert info.value.result['changed'] is False
    assert emulator.writes() == []
    assert [item['uuid'] for item in running_jobs(client, server_id)] == [job['uuid']]
    assert 'cannot start' in busy_message(server_id, job, 'x')


def test_check_mode_predicts_without_writing(emulator):
    server_id = server_of(emulator)
    checked = []
    client = client_for(emulator)
    changed, job = start_or_attach(
        client, server_id, 'ipmiReset', {}, check_mode=True, before_start=lambda: checked.append(1)
    )
    assert changed and job is None and checked == [1]
    assert emulator.writes() == []
    assert wait_for_job(client, server_id, None, timeout=30, sleep=1) is None


def test_wait_for_fails_fast_with_the_job_and_changed(emulator):
    server_id = server_of(emulator)
    emulator.clock(mode='manual')
    sleeps = Sleeps(emulator)  # the client's pauses pass on the emulator's clock
    client = client_for(emulator, sleeps)
    emulator.admin('PUT', 'servers/%s/next_job' % server_id, json={'outcome': 'FAILED', 'seconds': 0.5})
    _changed, job = start_or_attach(client, server_id, 'ipmiReset', {}, check_mode=False)
    emulator.clear()
    with pytest.raises(LeasewebWaitError) as info:
        wait_for_job(client, server_id, job, timeout=60, sleep=30)
    assert sleeps == [1]  # the first pause is 1 s, not wait_sleep: the failure is read at 1 s
    assert [r['path'] for r in emulator.requests()] == [
        '/bareMetals/v2/servers/%s/jobs/%s' % (server_id, job['uuid'])
    ] * 2
    assert 'ended FAILED' in info.value.msg
    assert info.value.to_result()['timed_out'] is False
    assert info.value.to_result()['job']['status'] == 'FAILED'
    assert info.value.to_result()['job']['progress']['failed'] == 1


def test_wait_for_times_out_with_the_progress(emulator):
    server_id = server_of(emulator)
    emulator.clock(mode='manual')
    sleeps = Sleeps(emulator)
    client = client_for(emulator, sleeps)
    emulator.admin('PUT', 'servers/%s/next_job' % server_id, json={'outcome': 'HANG', 'seconds': 0.5})
    _changed, job = start_or_attach(client, server_id, 'rescueMode', {'rescueImageId': 'GRML'}, check_mode=False)
    emulator.clear()
    with pytest.raises(LeasewebWaitError) as info:
        wait_for_job(client, server_id, job, timeout=1, sleep=1)
    assert sleeps == [1]  # read at 0 and at 1 s, the timeout
    assert len(emulator.requests()) == 2
    assert info.value.to_result()['timed_out'] is True
    # 5 tasks of 0.1 s: the first two finished, the third in progress for good
    assert info.value.msg.endswith(
        '(last seen: rescueMode job %s (ACTIVE, 2 of 5 tasks finished (50%%)))' % job['uuid']
    )
    assert info.value.msg.startswith('Timed out after 1s')


def test_wait_for_returns_a_finished_job_without_reading(emulator):
    client = client_for(emulator)
    job = {'uuid': 'x', 'status': 'FINISHED', 'is_running': False}
    server_id = server_of(emulator)
    emulator.clear()
    assert wait_for_job(client, server_id, job, timeout=30, sleep=1) is job
    assert emulator.requests() == []
