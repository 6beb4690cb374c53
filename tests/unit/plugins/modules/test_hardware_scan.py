# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.hardware_scan in process: launch or attach, the wait for the job, failures.

The emulator's clock moves one second a request and a job takes 2 seconds (job_seconds), so
the module reads a job it started twice: ACTIVE, then FINISHED (or FAILED).
"""

import pytest

SERVER = '12345'
RUNNING = 'GET /servers/12345/jobs?isRunning=true&limit=50&offset=0'
POST = 'POST /servers/12345/hardwareScan'


def read_job(uuid):
    return 'GET /servers/12345/jobs/%s' % uuid


def assert_api_failure(run, status, start):
    assert run.failed
    assert run['status'] == status
    assert run.msg.startswith(start)
    assert '(correlationId %s)' % run['error']['correlation_id'] in run.msg


def test_check_mode_predicts_a_job_and_only_reads_the_running_jobs(modules):
    run = modules.run('hardware_scan', server_id=SERVER, check_mode=True, diff=True)
    assert run.changed and not run.failed
    assert 'job' not in run.result
    assert run['diff'] == {
        'before': {'job': None},
        'after': {'job': {'type': 'hardwareScan', 'uuid': None, 'status': 'ACTIVE'}},
    }
    assert run.calls == [RUNNING]


def test_scan_and_wait_until_the_job_finished(modules):
    _status, before = modules.api('GET', '/servers/12345/hardwareInfo')
    run = modules.run('hardware_scan', server_id=SERVER, callback_url='https://hooks.example.com/scan', diff=True)
    assert run.changed and not run.failed
    job = run['job']
    assert job['type'] == 'hardwareScan'
    assert job['status'] == 'FINISHED'
    assert job['is_running'] is False
    assert job['progress']['percentage'] == 100
    assert run['diff'] == {
        'before': {'job': None},
        'after': {'job': {'type': 'hardwareScan', 'uuid': job['uuid'], 'status': 'FINISHED'}},
    }
    # the running jobs, the POST, then the job read until it FINISHED (2 s, one read a second)
    assert run.calls == [RUNNING, POST, read_job(job['uuid']), read_job(job['uuid'])]
    assert run.bodies == [{'powerCycle': True, 'callbackUrl': 'https://hooks.example.com/scan'}]
    assert run.requests[1]['status'] == 202
    # the scan's result is what hardwareInfo answers now
    _status, after = modules.api('GET', '/servers/12345/hardwareInfo')
    assert after['scannedAt'] != before['scannedAt']


def test_once_the_scan_ended_every_run_launches_a_new_one(modules):
    first = modules.run('hardware_scan', server_id=SERVER)
    second = modules.run('hardware_scan', server_id=SERVER)
    assert first.changed and second.changed
    assert second['job']['uuid'] != first['job']['uuid']
    assert second.writes == [POST]


def test_without_wait_the_module_returns_the_started_job(modules):
    run = modules.run('hardware_scan', server_id=SERVER, power_cycle=False, wait=False)
    assert run.changed and not run.failed
    assert run['job']['status'] == 'ACTIVE'
    assert run['job']['payload']['power_cycle'] is False
    assert run.calls == [RUNNING, POST]
    assert run.bodies == [{'powerCycle': False}]


def test_a_running_scan_is_attached_to_and_nothing_is_sent(modules):
    started = modules.start_job(SERVER, 'hardwareScan', outcome='HANG')
    run = modules.run('hardware_scan', server_id=SERVER, power_cycle=False, wait=False, diff=True)
    assert not run.changed and not run.failed
    assert run['job']['uuid'] == started['uuid']
    summary = {'type': 'hardwareScan', 'uuid': started['uuid'], 'status': 'ACTIVE'}
    assert run['diff'] == {'before': {'job': summary}, 'after': {'job': summary}}
    assert run.calls == [RUNNING]


def test_waiting_for_a_running_scan_times_out_after_one_read(modules):
    started = modules.start_job(SERVER, 'hardwareScan', outcome='HANG')
    run = modules.run('hardware_scan', server_id=SERVER, wait_timeout=0)
    assert run.failed
    assert not run.changed  # attached: this run started nothing
    assert run['timed_out'] is True
    assert run['job']['uuid'] == started['uuid']
    assert run['job']['status'] == 'ACTIVE'
    assert run['job']['progress']['total'] == 6
    assert run.msg == (
        'Timed out after 0s waiting for job %s on server 12345 (last seen: hardwareScan job %s '
        '(ACTIVE, 3 of 6 tasks finished (58%%)))' % (started['uuid'], started['uuid'])
    )
    # the running jobs, one read of the job, then the failure
    assert run.calls == [RUNNING, read_job(started['uuid'])]


def test_a_scan_that_fails_ends_the_wait_at_the_read_that_sees_it(modules):
    modules.next_job(SERVER, outcome='FAILED')
    run = modules.run('hardware_scan', server_id=SERVER, wait_timeout=3600)
    assert run.failed
    assert run.changed  # the POST started the job
    assert run['timed_out'] is False
    job = run['job']
    assert job['status'] == 'FAILED'
    assert job['progress']['failed'] == 1
    failed = [task for task in job['tasks'] if task['status'] == 'FAILED']
    assert [task['error_message'] for task in failed] == [
        'The task did not complete: the server did not answer in time.'
    ]
    assert run.msg == (
        'Job %s (hardwareScan) on server 12345 ended FAILED: task Scan the hardware FAILED: '
        'The task did not complete: the server did not answer in time.' % job['uuid']
    )
    # ACTIVE at the first read, FAILED at the second: no read after it
    assert run.calls == [RUNNING, POST, read_job(job['uuid']), read_job(job['uuid'])]


@pytest.mark.parametrize('check_mode', [False, True])
def test_a_job_of_another_type_keeps_the_server_busy(modules, check_mode):
    rescue = modules.start_job(SERVER, 'rescueMode', outcome='HANG', body={'rescueImageId': 'GRML'})
    run = modules.run('hardware_scan', server_id=SERVER, check_mode=check_mode)
    assert run.failed and not run.changed
    assert run.msg.startswith('Server 12345 is busy with rescueMode job %s (ACTIVE, ' % rescue['uuid'])
    assert run.msg.endswith(
        'so a new hardwareScan job cannot start. Wait for the job to end (leaseweb.dedicated.job with '
        'state=finished), or stop it (state=canceled or state=expired), then run this task again.'
    )
    assert run['job']['uuid'] == rescue['uuid']
    assert run.calls == [RUNNING]


def test_a_job_list_that_ignores_the_running_filter_does_not_make_a_finished_job_busy(modules):
    """The running jobs are those the isRunning=true list says run: a finished job it lists anyway (an API that
    ignored the filter) does not keep the server busy."""
    modules.settings(ignore_running_filter=1)
    listed = modules.api('GET', '/servers/12345/jobs', query={'isRunning': 'true'})[1]['jobs']
    assert [(job['type'], job['isRunning']) for job in listed] == [('install', False)]
    run = modules.run('hardware_scan', server_id=SERVER, wait=False)
    assert run.changed and not run.failed
    assert run.calls == [RUNNING, POST]


def test_a_server_without_automation_refuses_the_scan(modules):
    server_id = modules.state.order[24].id  # unmanaged
    run = modules.run('hardware_scan', server_id=server_id)
    assert run.failed and not run.changed
    assert run['status'] == 400
    # the refusal is read again, as a race would be: no job runs, so the refusal stands, saying so
    assert run.msg == (
        'POST /bareMetals/v2/servers/%s/hardwareScan: HTTP 400: Automation is not available for server %s. '
        '(correlationId %s) [read again after the refusal: no job runs on the server]'
        % (server_id, server_id, run['error']['correlation_id'])
    )
    running = 'GET /servers/%s/jobs?isRunning=true&limit=50&offset=0' % server_id
    assert run.calls == [running, 'POST /servers/%s/hardwareScan' % server_id, running]
