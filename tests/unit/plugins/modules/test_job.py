# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.job in process: wait for, cancel, expire and retry jobs.

The emulator's clock moves one second a request and a job takes 2 seconds (job_seconds), so
the reads of every wait are known: a job started one request earlier is read twice (ACTIVE,
then FINISHED or FAILED) and never after it ended.
"""

import pytest

SERVER = '12345'
RUNNING = 'GET /servers/12345/jobs?isRunning=true&limit=50&offset=0'


def read_job(uuid):
    return 'GET /servers/12345/jobs/%s' % uuid


def summary(job, status):
    return {'type': job['type'], 'uuid': job['uuid'], 'status': status}


def job_status(modules, uuid):
    status, job = modules.api('GET', '/servers/12345/jobs/%s' % uuid)
    assert status == 200
    return job['status'], job['isRunning']


# -- nothing runs ----------------------------------------------------------------------------


@pytest.mark.parametrize('state', ['finished', 'canceled', 'expired'])
def test_nothing_to_wait_for_cancel_or_expire_when_no_job_runs(modules, state):
    run = modules.run('job', server_id=SERVER, state=state, diff=True)
    assert not run.changed and not run.failed
    assert 'job' not in run.result
    assert run['diff'] == {'before': {'job': None}, 'after': {'job': None}}
    assert run.calls == [RUNNING]


# -- state=finished ---------------------------------------------------------------------------


def test_wait_for_a_job_by_id_reads_it_until_it_finished(modules):
    scan = modules.start_job(SERVER, 'hardwareScan')
    run = modules.run('job', server_id=SERVER, job_id=scan['uuid'], diff=True)
    assert not run.changed and not run.failed
    assert run['job']['uuid'] == scan['uuid']
    assert run['job']['status'] == 'FINISHED'
    assert run['diff'] == {'before': {'job': summary(scan, 'ACTIVE')}, 'after': {'job': summary(scan, 'FINISHED')}}
    # ACTIVE at the first read, FINISHED at the second
    assert run.calls == [read_job(scan['uuid'])] * 2


def test_wait_for_the_running_job_finds_it_first(modules):
    scan = modules.start_job(SERVER, 'hardwareScan', seconds=3, outcome='FINISHED')
    run = modules.run('job', server_id=SERVER)
    assert not run.changed and not run.failed
    assert run['job']['uuid'] == scan['uuid']
    assert run['job']['status'] == 'FINISHED'
    # the running jobs, the job, then the wait's reads until the third second
    assert run.calls == [RUNNING] + [read_job(scan['uuid'])] * 2


def test_a_job_that_ended_is_read_once(modules):
    _status, jobs = modules.api('GET', '/servers/12345/jobs')
    delivered = jobs['jobs'][0]
    run = modules.run('job', server_id=SERVER, job_id=delivered['uuid'])
    assert not run.changed and not run.failed
    assert run['job']['status'] == 'FINISHED'
    assert run.calls == [read_job(delivered['uuid'])]


def test_waiting_for_a_job_that_fails_fails_with_the_job_and_reads_no_more(modules):
    reset = modules.start_job(SERVER, 'ipmiReset', outcome='FAILED', seconds=2)
    run = modules.run('job', server_id=SERVER, job_id=reset['uuid'])
    assert run.failed
    assert not run.changed
    assert run['timed_out'] is False
    assert run['job']['status'] == 'FAILED'
    assert run.msg == (
        'Job %s (ipmiReset) on server 12345 ended FAILED: task Set the remote management credentials FAILED: '
        'The task did not complete: the server did not answer in time.' % reset['uuid']
    )
    # ACTIVE at the first read, FAILED at the second (after 4 of 6 tasks' time): no read after it
    assert run.calls == [read_job(reset['uuid'])] * 2


def test_waiting_for_a_job_that_hangs_times_out(modules):
    hanging = modules.start_job(SERVER, 'hardwareScan', outcome='HANG')
    run = modules.run('job', server_id=SERVER, wait_timeout=0)
    assert run.failed
    assert not run.changed
    assert run['timed_out'] is True
    assert run['job']['uuid'] == hanging['uuid']
    assert run['job']['status'] == 'ACTIVE'
    assert run.msg == (
        'Timed out after 0s waiting for job %s on server 12345 (last seen: hardwareScan job %s '
        '(ACTIVE, 3 of 6 tasks finished (58%%)))' % (hanging['uuid'], hanging['uuid'])
    )
    # the running jobs, the job, the one read of the wait, then the failure
    assert run.calls == [RUNNING, read_job(hanging['uuid']), read_job(hanging['uuid'])]


# -- state=canceled and state=expired ---------------------------------------------------------


def test_cancel_in_check_mode_predicts_it_and_writes_nothing(modules):
    rescue = modules.start_job(SERVER, 'rescueMode', outcome='HANG')
    run = modules.run('job', server_id=SERVER, state='canceled', check_mode=True, diff=True)
    assert run.changed and not run.failed
    assert run['job']['uuid'] == rescue['uuid']
    assert run['job']['status'] == 'CANCELED'
    assert run['diff'] == {'before': {'job': summary(rescue, 'ACTIVE')}, 'after': {'job': summary(rescue, 'CANCELED')}}
    assert run.calls == [RUNNING]
    assert job_status(modules, rescue['uuid']) == ('ACTIVE', True)


def test_cancel_waits_for_the_failure_flow_then_the_rerun_changes_nothing(modules):
    # a 10 s job of 5 tasks: the failure flow of a canceled job lasts one task, 2 s
    rescue = modules.start_job(SERVER, 'rescueMode', outcome='HANG', seconds=10)
    run = modules.run('job', server_id=SERVER, job_id=rescue['uuid'], state='canceled', diff=True)
    assert run.changed and not run.failed
    job = run['job']
    assert job['uuid'] == rescue['uuid']
    assert job['status'] == 'CANCELED'
    assert job['is_running'] is False
    assert job['flow'] == '#stop'
    assert job['progress']['canceled'] > 0
    assert run['diff'] == {'before': {'job': summary(rescue, 'ACTIVE')}, 'after': {'job': summary(rescue, 'CANCELED')}}
    # still running its failure flow at the first read, done at the second
    assert run.calls == [
        RUNNING,
        'POST /servers/12345/cancelActiveJob',
        read_job(rescue['uuid']),
        read_job(rescue['uuid']),
    ]
    assert run.bodies == [None]
    assert run.requests[1]['status'] == 200

    again = modules.run('job', server_id=SERVER, job_id=rescue['uuid'], state='canceled', diff=True)
    assert not again.changed and not again.failed
    assert again['job']['status'] == 'CANCELED'
    assert again['diff'] == {
        'before': {'job': summary(rescue, 'CANCELED')},
        'after': {'job': summary(rescue, 'CANCELED')},
    }
    assert again.calls == [RUNNING, read_job(rescue['uuid'])]


def test_cancel_without_waiting_returns_the_job_in_its_failure_flow(modules):
    rescue = modules.start_job(SERVER, 'rescueMode', outcome='HANG', seconds=10)
    run = modules.run('job', server_id=SERVER, state='canceled', wait=False)
    assert run.changed and not run.failed
    assert run['job']['status'] == 'CANCELED'
    assert run['job']['is_running'] is True
    assert run['job']['flow'] == 'finally'
    assert run.calls == [RUNNING, 'POST /servers/12345/cancelActiveJob']
    assert job_status(modules, rescue['uuid']) == ('CANCELED', True)


def test_a_cancel_whose_failure_flow_outlasts_the_wait_fails_changed(modules):
    rescue = modules.start_job(SERVER, 'rescueMode', outcome='HANG', seconds=100)
    run = modules.run('job', server_id=SERVER, state='canceled', wait_timeout=0)
    assert run.failed
    assert run.changed  # the POST canceled it
    assert run['timed_out'] is True
    assert run['job']['status'] == 'CANCELED'
    assert run['job']['is_running'] is True
    assert run.msg.startswith(
        'Timed out after 0s waiting for the rescueMode job %s on server 12345 to stop running '
        '(last seen: rescueMode job %s (CANCELED, ' % (rescue['uuid'], rescue['uuid'])
    )
    assert run.calls == [RUNNING, 'POST /servers/12345/cancelActiveJob', read_job(rescue['uuid'])]


def test_expire_stops_the_running_job_at_once(modules):
    hanging = modules.start_job(SERVER, 'hardwareScan', outcome='HANG')
    run = modules.run('job', server_id=SERVER, state='expired', diff=True)
    assert run.changed and not run.failed
    assert run['job']['uuid'] == hanging['uuid']
    assert run['job']['status'] == 'EXPIRED'
    assert run['job']['is_running'] is False
    assert run['diff'] == {'before': {'job': summary(hanging, 'ACTIVE')}, 'after': {'job': summary(hanging, 'EXPIRED')}}
    assert run.calls == [RUNNING, 'POST /servers/12345/expireActiveJob', read_job(hanging['uuid'])]
    assert run.requests[1]['status'] == 200
    assert job_status(modules, hanging['uuid']) == ('EXPIRED', False)


def test_a_job_id_that_is_not_the_running_job_is_not_stopped(modules):
    scan = modules.start_job(SERVER, 'hardwareScan')
    modules.clock(advance=5)
    hanging = modules.start_job(SERVER, 'hardwareScan', outcome='HANG')
    run = modules.run('job', server_id=SERVER, job_id=scan['uuid'], state='expired', diff=True)
    assert not run.changed and not run.failed
    assert run['job']['uuid'] == scan['uuid']
    assert run['job']['status'] == 'FINISHED'
    assert run['diff'] == {'before': {'job': summary(scan, 'FINISHED')}, 'after': {'job': summary(scan, 'FINISHED')}}
    assert run.calls == [RUNNING, read_job(scan['uuid'])]
    assert job_status(modules, hanging['uuid']) == ('ACTIVE', True)


# -- state=retried ----------------------------------------------------------------------------


def test_retry_a_failed_job_once(modules):
    reset = modules.start_job(SERVER, 'ipmiReset', outcome='FAILED', seconds=0.5)
    by_type = 'GET /servers/12345/jobs?limit=50&offset=0&type=ipmiReset'

    check = modules.run('job', server_id=SERVER, job_id=reset['uuid'], state='retried', check_mode=True, diff=True)
    assert check.changed and not check.failed
    assert 'job' not in check.result
    assert check['diff'] == {
        'before': {'job': summary(reset, 'FAILED')},
        'after': {'job': {'type': 'ipmiReset', 'uuid': None, 'status': 'ACTIVE'}},
    }
    # the job, the jobs of its type (a newer one?), the running jobs (a busy server?)
    assert check.calls == [read_job(reset['uuid']), by_type, RUNNING]

    run = modules.run('job', server_id=SERVER, job_id=reset['uuid'], state='retried', diff=True)
    assert run.changed and not run.failed
    new = run['job']
    assert new['uuid'] != reset['uuid']
    assert new['type'] == 'ipmiReset'
    assert new['status'] == 'FINISHED'
    assert run['diff'] == {'before': {'job': summary(reset, 'FAILED')}, 'after': {'job': summary(new, 'FINISHED')}}
    retry = 'POST /servers/12345/jobs/%s/retry' % reset['uuid']
    assert run.calls == [read_job(reset['uuid']), by_type, RUNNING, retry, read_job(new['uuid']), read_job(new['uuid'])]
    assert run.requests[3]['status'] == 200

    again = modules.run('job', server_id=SERVER, job_id=reset['uuid'], state='retried', diff=True)
    assert not again.changed and not again.failed
    assert again['job']['uuid'] == new['uuid']
    assert again['diff'] == {'before': {'job': summary(reset, 'FAILED')}, 'after': {'job': summary(new, 'FINISHED')}}
    assert again.calls == [read_job(reset['uuid']), by_type]


def test_retry_finds_a_newer_job_of_the_type_running_and_waits_for_it(modules):
    reset = modules.start_job(SERVER, 'ipmiReset', outcome='FAILED', seconds=0.5)
    modules.clock(advance=5)
    newer = modules.start_job(SERVER, 'ipmiReset', outcome='FINISHED', seconds=4)
    run = modules.run('job', server_id=SERVER, job_id=reset['uuid'], state='retried', diff=True)
    assert not run.changed and not run.failed
    assert run['job']['uuid'] == newer['uuid']
    assert run['job']['status'] == 'FINISHED'
    assert run['diff'] == {'before': {'job': summary(reset, 'FAILED')}, 'after': {'job': summary(newer, 'FINISHED')}}
    # the newer job, ACTIVE in the list at its second second, FINISHED at the wait's second read
    assert run.calls == [
        read_job(reset['uuid']),
        'GET /servers/12345/jobs?limit=50&offset=0&type=ipmiReset',
        read_job(newer['uuid']),
        read_job(newer['uuid']),
    ]


def test_retry_of_a_running_job_waits_for_it(modules):
    scan = modules.start_job(SERVER, 'hardwareScan')
    run = modules.run('job', server_id=SERVER, job_id=scan['uuid'], state='retried', diff=True)
    assert not run.changed and not run.failed
    assert run['job']['status'] == 'FINISHED'
    assert run['diff'] == {'before': {'job': summary(scan, 'ACTIVE')}, 'after': {'job': summary(scan, 'FINISHED')}}
    assert run.calls == [read_job(scan['uuid'])] * 2


def test_retry_of_a_finished_job_changes_nothing(modules):
    scan = modules.start_job(SERVER, 'hardwareScan')
    modules.clock(advance=5)
    run = modules.run('job', server_id=SERVER, job_id=scan['uuid'], state='retried')
    assert not run.changed and not run.failed
    assert run['job']['status'] == 'FINISHED'
    assert run.calls == [read_job(scan['uuid'])]


@pytest.mark.parametrize('check_mode', [False, True])
def test_retry_while_another_job_runs_fails_before_any_write(modules, check_mode):
    reset = modules.start_job(SERVER, 'ipmiReset', outcome='FAILED', seconds=0.5)
    modules.clock(advance=5)
    rescue = modules.start_job(SERVER, 'rescueMode', outcome='HANG')
    run = modules.run('job', server_id=SERVER, job_id=reset['uuid'], state='retried', check_mode=check_mode)
    assert run.failed and not run.changed
    assert run.msg.startswith('Server 12345 is busy with rescueMode job %s (ACTIVE, ' % rescue['uuid'])
    assert run.msg.endswith(
        'so job %s cannot be retried now. Wait for that job to end (state=finished), or stop it, '
        'then run this task again.' % reset['uuid']
    )
    assert run['job']['uuid'] == rescue['uuid']
    assert run.calls == [read_job(reset['uuid']), 'GET /servers/12345/jobs?limit=50&offset=0&type=ipmiReset', RUNNING]
