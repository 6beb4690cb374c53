# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.ipmi_reset in process: launch or attach, the wait for the job, failures.

The emulator's clock moves one second a request and a job takes 2 seconds (job_seconds), so
the module reads a job it started twice: ACTIVE, then FINISHED.
"""

import pytest

SERVER = '12345'
RUNNING = 'GET /servers/12345/jobs?isRunning=true&limit=50&offset=0'
POST = 'POST /servers/12345/ipmiReset'


def read_job(uuid):
    return 'GET /servers/12345/jobs/%s' % uuid


def ipmi_password(modules):
    status, credential = modules.api('GET', '/servers/12345/credentials/REMOTE_MANAGEMENT/admin')
    assert status == 200
    return credential['password']


def test_check_mode_predicts_a_job_and_only_reads_the_running_jobs(modules):
    run = modules.run('ipmi_reset', server_id=SERVER, power_cycle=False, check_mode=True, diff=True)
    assert run.changed and not run.failed
    assert 'job' not in run.result
    assert run['diff'] == {
        'before': {'job': None},
        'after': {'job': {'type': 'ipmiReset', 'uuid': None, 'status': 'ACTIVE'}},
    }
    assert run.calls == [RUNNING]


def test_reset_without_a_power_cycle_and_wait_until_the_job_finished(modules):
    password = ipmi_password(modules)
    run = modules.run('ipmi_reset', server_id=SERVER, power_cycle=False, diff=True)
    assert run.changed and not run.failed
    job = run['job']
    assert job['type'] == 'ipmiReset'
    assert job['status'] == 'FINISHED'
    assert job['payload']['power_cycle'] is False
    assert run['diff'] == {
        'before': {'job': None},
        'after': {'job': {'type': 'ipmiReset', 'uuid': job['uuid'], 'status': 'FINISHED'}},
    }
    # the running jobs, the POST, then the job read until it FINISHED (2 s, one read a second)
    assert run.calls == [RUNNING, POST, read_job(job['uuid']), read_job(job['uuid'])]
    assert run.bodies == [{'powerCycle': False}]
    assert run.requests[1]['status'] == 202
    # the reset set new remote management credentials
    assert ipmi_password(modules) != password


def test_a_callback_url_goes_into_the_request(modules):
    run = modules.run('ipmi_reset', server_id=SERVER, callback_url='https://hooks.example.com/ipmi', wait=False)
    assert run.changed
    assert run['job']['status'] == 'ACTIVE'
    assert run.calls == [RUNNING, POST]
    assert run.bodies == [{'powerCycle': True, 'callbackUrl': 'https://hooks.example.com/ipmi'}]


def test_a_reset_that_fails_ends_the_wait_at_once(modules):
    modules.next_job(SERVER, outcome='FAILED', seconds=0.6)
    run = modules.run('ipmi_reset', server_id=SERVER)
    assert run.failed
    assert run.changed  # the POST started the job
    assert run['timed_out'] is False
    job = run['job']
    assert job['status'] == 'FAILED'
    assert run.msg == (
        'Job %s (ipmiReset) on server 12345 ended FAILED: task Set the remote management credentials FAILED: '
        'The task did not complete: the server did not answer in time.' % job['uuid']
    )
    # FAILED at the first read (0.4 s into the job): no read after it
    assert run.calls == [RUNNING, POST, read_job(job['uuid'])]


def test_a_running_reset_is_attached_to_and_the_wait_times_out_after_one_read(modules):
    hanging = modules.start_job(SERVER, 'ipmiReset', outcome='HANG')
    run = modules.run('ipmi_reset', server_id=SERVER, wait_timeout=0)
    assert run.failed
    assert not run.changed  # attached: this run started nothing
    assert run['timed_out'] is True
    assert run['job']['uuid'] == hanging['uuid']
    assert run['job']['status'] == 'ACTIVE'
    assert run.msg.startswith(
        'Timed out after 0s waiting for job %s on server 12345 (last seen: ipmiReset job %s (ACTIVE, '
        % (hanging['uuid'], hanging['uuid'])
    )
    assert run.calls == [RUNNING, read_job(hanging['uuid'])]


@pytest.mark.parametrize('check_mode', [False, True])
def test_a_job_of_another_type_keeps_the_server_busy(modules, check_mode):
    rescue = modules.start_job(SERVER, 'rescueMode', outcome='HANG', body={'rescueImageId': 'GRML'})
    run = modules.run('ipmi_reset', server_id=SERVER, check_mode=check_mode)
    assert run.failed and not run.changed
    assert run.msg.startswith('Server 12345 is busy with rescueMode job %s (ACTIVE, ' % rescue['uuid'])
    assert 'a new ipmiReset job cannot start' in run.msg
    assert 'state=finished' in run.msg and 'state=canceled' in run.msg
    assert run['job']['uuid'] == rescue['uuid']
    assert run.calls == [RUNNING]
