# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The helpers of the lifecycle modules (jobs and power), driven against the emulator."""

import base64

import pytest

from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import LeasewebClient
from ansible_collections.leaseweb.dedicated.plugins.module_utils._jobs import (
    busy_message,
    check_url,
    encode_script,
    join_ssh_keys,
    newest,
    running_jobs,
    start_or_attach,
    wait_for_job,
    with_powered_on,
)

from .test_client import Sleeps


class Failed(Exception):
    def __init__(self, msg, result):
        super(Failed, self).__init__(msg)
        self.msg = msg
        self.result = result


class FakeModule(object):
    """What the helpers use of LeasewebModule: params, check_mode, client, fail, fail_on_error."""

    def __init__(self, client, check_mode=False, **params):
        self.client = client
        self.check_mode = check_mode
        self.params = dict(dict(wait=True, wait_timeout=30, wait_sleep=1), **params)

    def fail(self, msg, **result):
        raise Failed(msg, result)

    def fail_on_error(self, error, **result):
        data = error.to_result()
        data.update(result)
        raise Failed(error.msg, data)


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
    script = u'#!/bin/sh\necho h\u00e9\n'
    assert base64.b64decode(encode_script(script)).decode('utf-8') == script
    assert encode_script(None) is None
    assert join_ssh_keys([' ssh-ed25519 AAA a@b ', 'ssh-rsa BBB c@d']) == 'ssh-ed25519 AAA a@b\nssh-rsa BBB c@d'
    assert join_ssh_keys(None) is None
    with pytest.raises(ValueError, match='key 2 is empty'):
        join_ssh_keys(['ssh-rsa A', ' '])
    with pytest.raises(ValueError, match='spans more than one line'):
        join_ssh_keys(['ssh-rsa A\nssh-rsa B'])


@pytest.mark.parametrize('url, good', [
    ('https://hooks.example.com/x?y=1', True), ('http://10.0.0.1:8080/', True),
    ('ftp://example.com', False), ('https://', False), ('example.com/x', False), ('https://a b', False),
])
def test_check_url(url, good):
    if good:
        check_url('callback_url', url)
    else:
        with pytest.raises(ValueError, match='callback_url'):
            check_url('callback_url', url)


def test_newest_picks_the_latest_created():
    jobs = [{'uuid': 'a', 'created_at': '2025-01-02T00:00:00+00:00'},
            {'uuid': 'b', 'created_at': '2025-03-01T00:00:00+00:00'},
            {'uuid': 'c', 'created_at': '2024-12-31T00:00:00+00:00'}]
    assert newest(jobs)['uuid'] == 'b'
    assert newest([]) is None


def test_start_attach_and_refuse(emulator):
    server_id = server_of(emulator)
    client = client_for(emulator)
    emulator.admin('PUT', 'servers/%s/next_job' % server_id, json={'outcome': 'HANG'})
    module = FakeModule(client, wait=False)
    changed, job = start_or_attach(module, server_id, 'hardwareScan', {'powerCycle': True})
    assert changed and job['type'] == 'hardwareScan' and job['status'] == 'ACTIVE'
    emulator.clear()
    again, attached = start_or_attach(module, server_id, 'hardwareScan', {'powerCycle': True})
    assert not again and attached['uuid'] == job['uuid']
    assert emulator.writes() == []
    checked = []
    with pytest.raises(Failed) as info:
        start_or_attach(module, server_id, 'ipmiReset', {}, before_start=checked.append)
    assert 'busy with hardwareScan job %s' % job['uuid'] in info.value.msg
    assert info.value.result['job']['uuid'] == job['uuid'] and checked == []
    assert emulator.writes() == []
    assert [item['uuid'] for item in running_jobs(client, server_id)] == [job['uuid']]
    assert 'cannot start' in busy_message(server_id, job, 'x')


def test_check_mode_predicts_without_writing(emulator):
    server_id = server_of(emulator)
    checked = []
    module = FakeModule(client_for(emulator), check_mode=True)
    changed, job = start_or_attach(module, server_id, 'ipmiReset', {}, before_start=checked.append)
    assert changed and job is None and checked == [module]
    assert emulator.writes() == []
    assert wait_for_job(module, server_id, None, changed=True) is None


def test_wait_for_fails_fast_with_the_job_and_changed(emulator):
    server_id = server_of(emulator)
    emulator.clock(mode='manual')
    sleeps = Sleeps(emulator)  # the client's pauses pass on the emulator's clock
    client = client_for(emulator, sleeps)
    emulator.admin('PUT', 'servers/%s/next_job' % server_id, json={'outcome': 'FAILED', 'seconds': 0.5})
    module = FakeModule(client, wait_timeout=60, wait_sleep=30)
    _changed, job = start_or_attach(module, server_id, 'ipmiReset', {})
    emulator.clear()
    with pytest.raises(Failed) as info:
        wait_for_job(module, server_id, job, changed=True)
    assert sleeps == [1]  # the first pause is 1 s, not wait_sleep: the failure is read at 1 s
    assert [r['path'] for r in emulator.requests()] == ['/bareMetals/v2/servers/%s/jobs/%s' % (server_id, job['uuid'])] * 2
    assert 'ended FAILED' in info.value.msg
    assert info.value.result['changed'] is True and info.value.result['timed_out'] is False
    assert info.value.result['job']['status'] == 'FAILED'
    assert info.value.result['job']['progress']['failed'] == 1


def test_wait_for_times_out_with_the_progress(emulator):
    server_id = server_of(emulator)
    emulator.clock(mode='manual')
    sleeps = Sleeps(emulator)
    client = client_for(emulator, sleeps)
    emulator.admin('PUT', 'servers/%s/next_job' % server_id, json={'outcome': 'HANG', 'seconds': 0.5})
    module = FakeModule(client, wait_timeout=1, wait_sleep=1)
    _changed, job = start_or_attach(module, server_id, 'rescueMode', {'rescueImageId': 'GRML'})
    emulator.clear()
    with pytest.raises(Failed) as info:
        wait_for_job(module, server_id, job, changed=False)
    assert sleeps == [1]  # read at 0 and at 1 s, the timeout
    assert len(emulator.requests()) == 2
    assert info.value.result['timed_out'] is True and info.value.result['changed'] is False
    # 5 tasks of 0.1 s: the first two finished, the third in progress for good
    assert info.value.msg.endswith('(last seen: rescueMode job %s (ACTIVE, 2 of 5 tasks finished (50%%)))' % job['uuid'])
    assert info.value.msg.startswith('Timed out after 1s')


def test_wait_for_returns_a_finished_job_without_reading(emulator):
    module = FakeModule(client_for(emulator))
    job = {'uuid': 'x', 'status': 'FINISHED', 'is_running': False}
    emulator.clear()
    assert wait_for_job(module, server_of(emulator), job, changed=False) is job
    emulator.clear()
    assert wait_for_job(FakeModule(client_for(emulator), wait=False), '1', {'uuid': 'y', 'status': 'ACTIVE'}, changed=True)['uuid'] == 'y'
    assert emulator.requests() == []
