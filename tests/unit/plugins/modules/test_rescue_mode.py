# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.rescue_mode in process: launch or attach, the wait, the credential, failures.

The emulator's clock moves one second a request and a job takes 2 seconds (job_seconds), so
the module reads a job it started twice: ACTIVE, then FINISHED (or FAILED).
"""

import base64

import pytest

SERVER = '12345'
RUNNING = 'GET /servers/12345/jobs?isRunning=true&limit=50&offset=0'
# the newest job: is the server in rescue mode already?
JOBS = 'GET /servers/12345/jobs?limit=50&offset=0'
IMAGES = 'GET /rescueImages?limit=50&offset=0'
POST = 'POST /servers/12345/rescueMode'
CREDENTIAL = 'GET /servers/12345/credentials/RESCUE_MODE/root'
PASSWORD = 'R3scue-pw-1c8e'
SCRIPT = '#!/usr/bin/env bash\necho rescued > /tmp/rescued\n'
KEYS = [
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA1 one@example.com',
    'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC2 two@example.com',
]
SECRET_WARNING = (
    'rescue_mode returned a password: set no_log: true on this task so that it is not shown in the output '
    'or written to logs.'
)


def read_job(uuid):
    return 'GET /servers/12345/jobs/%s' % uuid


def stored_password(modules):
    status, credential = modules.api('GET', '/servers/12345/credentials/RESCUE_MODE/root')
    assert status == 200
    return credential['password']


def test_check_mode_reads_the_running_jobs_and_the_images_and_predicts_a_job(modules):
    run = modules.run(
        'rescue_mode', server_id=SERVER, rescue_image_id='ROCKY_LINUX', password=PASSWORD, check_mode=True, diff=True
    )
    assert run.changed and not run.failed
    assert 'job' not in run.result
    assert 'credential' not in run.result
    assert run['diff'] == {
        'before': {'job': None},
        'after': {'job': {'type': 'rescueMode', 'uuid': None, 'status': 'ACTIVE'}},
    }
    assert run.calls == [RUNNING, JOBS, IMAGES]


def test_rescue_with_every_option_returns_the_credential_with_the_password_masked(modules):
    run = modules.run(
        'rescue_mode',
        server_id=SERVER,
        rescue_image_id='ROCKY_LINUX',
        password=PASSWORD,
        ssh_keys=KEYS,
        post_install_script=SCRIPT,
        callback_url='https://hooks.example.com/rescue',
        diff=True,
    )
    assert run.changed and not run.failed
    job = run['job']
    assert job['type'] == 'rescueMode'
    assert job['status'] == 'FINISHED'
    assert job['payload']['rescue_image_id'] == 'ROCKY_LINUX'
    assert run['diff'] == {
        'before': {'job': None},
        'after': {'job': {'type': 'rescueMode', 'uuid': job['uuid'], 'status': 'FINISHED'}},
    }
    # the password is the one given: no_log masks it in the result
    assert run['credential'] == {
        'type': 'RESCUE_MODE',
        'username': 'root',
        'password': 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER',
    }
    assert stored_password(modules) == PASSWORD
    assert run.warnings == [SECRET_WARNING]
    # the running jobs, the images, the POST, the job until FINISHED (2 s), the credential
    assert run.calls == [RUNNING, JOBS, IMAGES, POST, read_job(job['uuid']), read_job(job['uuid']), CREDENTIAL]
    assert run.bodies == [
        {
            'rescueImageId': 'ROCKY_LINUX',
            'powerCycle': True,
            'password': PASSWORD,
            'sshKeys': '\n'.join(KEYS),
            'postInstallScript': base64.b64encode(SCRIPT.encode('utf-8')).decode('ascii'),
            'callbackUrl': 'https://hooks.example.com/rescue',
        }
    ]
    assert run.requests[3]['status'] == 202
    text = repr(run.result)
    assert PASSWORD not in text
    assert 'echo rescued' not in text


def test_a_generated_password_is_returned_without_a_warning_under_no_log(modules):
    run = modules.run('rescue_mode', server_id=SERVER, no_log=True)
    assert run.changed and not run.failed
    assert run['job']['payload']['rescue_image_id'] == 'GRML'
    assert run['credential'] == {'type': 'RESCUE_MODE', 'username': 'root', 'password': stored_password(modules)}
    assert len(run['credential']['password']) >= 12
    assert run.warnings == []
    assert run.bodies == [{'rescueImageId': 'GRML', 'powerCycle': True}]


def test_a_generated_password_without_no_log_is_warned_about(modules):
    run = modules.run('rescue_mode', server_id=SERVER, power_cycle=False)
    assert run['credential']['password'] == stored_password(modules)
    assert run.warnings == [SECRET_WARNING]
    assert run.bodies == [{'rescueImageId': 'GRML', 'powerCycle': False}]


def test_without_wait_the_job_is_returned_and_no_credential(modules):
    run = modules.run('rescue_mode', server_id=SERVER, wait=False)
    assert run.changed and not run.failed
    assert run['job']['status'] == 'ACTIVE'
    assert 'credential' not in run.result
    assert run.calls == [RUNNING, JOBS, IMAGES, POST]


def test_a_running_rescue_job_with_another_image_is_attached_to_with_a_warning(modules):
    started = modules.start_job(SERVER, 'rescueMode', outcome='HANG', body={'rescueImageId': 'GRML'})
    run = modules.run('rescue_mode', server_id=SERVER, rescue_image_id='CENTOS_7', wait=False)
    assert not run.changed and not run.failed
    assert run['job']['uuid'] == started['uuid']
    assert 'credential' not in run.result
    assert run.warnings == [
        'A rescue mode job with image GRML already runs on server 12345; attached to it instead of '
        'launching one with CENTOS_7.'
    ]
    assert run.calls == [RUNNING]


def test_waiting_for_a_running_job_times_out_without_a_credential(modules):
    started = modules.start_job(SERVER, 'rescueMode', outcome='HANG', body={'rescueImageId': 'GRML'})
    run = modules.run('rescue_mode', server_id=SERVER, wait_timeout=0)
    assert run.failed and not run.changed
    assert run['timed_out'] is True
    assert run['job']['uuid'] == started['uuid']
    assert 'credential' not in run.result
    assert run.msg == (
        'Timed out after 0s waiting for job %s on server 12345 (last seen: rescueMode job %s '
        '(ACTIVE, 2 of 5 tasks finished (50%%)))' % (started['uuid'], started['uuid'])
    )
    assert run.calls == [RUNNING, read_job(started['uuid'])]


def test_a_job_that_fails_ends_the_wait_without_a_credential(modules):
    modules.next_job(SERVER, outcome='FAILED', seconds=0.6)
    run = modules.run('rescue_mode', server_id=SERVER)
    assert run.failed and run.changed
    assert run['timed_out'] is False
    job = run['job']
    assert job['status'] == 'FAILED'
    assert 'credential' not in run.result
    assert run.msg == (
        'Job %s (rescueMode) on server 12345 ended FAILED: task Boot the rescue image over PXE FAILED: '
        'The task did not complete: the server did not answer in time.' % job['uuid']
    )
    # FAILED at the first read: no read after it, no credential read
    assert run.calls == [RUNNING, JOBS, IMAGES, POST, read_job(job['uuid'])]


def test_a_job_of_another_type_keeps_the_server_busy(modules):
    scan = modules.start_job(SERVER, 'hardwareScan', outcome='HANG')
    run = modules.run('rescue_mode', server_id=SERVER)
    assert run.failed and not run.changed
    assert run.msg.startswith('Server 12345 is busy with hardwareScan job %s (ACTIVE, ' % scan['uuid'])
    assert 'a new rescueMode job cannot start' in run.msg
    assert run.calls == [RUNNING]


@pytest.mark.parametrize('check_mode', [False, True])
def test_an_unknown_image_fails_before_any_write(modules, check_mode):
    run = modules.run('rescue_mode', server_id=SERVER, rescue_image_id='KNOPPIX', check_mode=check_mode)
    assert run.failed and not run.changed
    assert (
        run.msg
        == "rescue_image_id: 'KNOPPIX' is not a rescue image; the API offers CENTOS_7, FREEBSD, GRML, ROCKY_LINUX"
    )
    assert run.calls == [RUNNING, JOBS, IMAGES]


def test_every_page_of_the_images_is_read(modules):
    modules.settings(max_limit=3)
    run = modules.run('rescue_mode', server_id=SERVER, rescue_image_id='FREEBSD', check_mode=True)
    assert run.changed and not run.failed
    assert run.calls == [RUNNING, JOBS, IMAGES, 'GET /rescueImages?limit=50&offset=3']


# -- two runs at once: another run's rescue mode lands between this run's reads and its POST ---


@pytest.mark.parametrize(
    'image, warnings',
    [
        ('GRML', []),
        (
            'ROCKY_LINUX',
            [
                'A rescue mode job with image GRML already runs on server 12345; attached to it instead of launching one '
                'with ROCKY_LINUX.'
            ],
        ),
    ],
)
def test_a_rescue_mode_another_run_started_meanwhile_is_attached_to(modules, image, warnings):
    modules.settings(job_seconds=4)
    other = []
    modules.meanwhile(
        POST,
        lambda: other.append(
            modules.start_job(SERVER, 'rescueMode', body={'rescueImageId': 'GRML', 'powerCycle': True})
        ),
    )
    run = modules.run('rescue_mode', server_id=SERVER, rescue_image_id=image, no_log=True, diff=True)
    assert not run.failed and not run.changed
    (job,) = other
    assert run['job']['uuid'] == job['uuid']
    assert run['job']['status'] == 'FINISHED'
    assert run['diff'] == {
        'before': {'job': {'type': 'rescueMode', 'uuid': job['uuid'], 'status': 'ACTIVE'}},
        'after': {'job': {'type': 'rescueMode', 'uuid': job['uuid'], 'status': 'FINISHED'}},
    }
    assert run['credential']['password'] == stored_password(modules)
    assert run.warnings == warnings
    # the POST is refused, the running jobs read again, the other run's job waited for, the login read
    assert run.calls == [RUNNING, JOBS, IMAGES, POST, RUNNING, read_job(job['uuid']), read_job(job['uuid']), CREDENTIAL]
    assert run.requests[3]['status'] == 400
    status, jobs = modules.api('GET', '/servers/12345/jobs', query={'type': 'rescueMode'})
    assert [j['uuid'] for j in jobs['jobs']] == [job['uuid']]


# -- state: the server in rescue mode is left as it is; absent brings it back ---------------

LOGINS = 'GET /servers/12345/credentials/RESCUE_MODE?limit=50&offset=0'


def rescued(modules):
    """12345 in rescue mode: its newest job a rescue mode job that FINISHED, its login stored; the job."""
    job = modules.start_job(SERVER, 'rescueMode', body={'rescueImageId': 'GRML', 'powerCycle': True})
    modules.clock(advance=10)
    assert stored_password(modules)
    return job


def test_a_server_in_rescue_mode_is_left_as_it_is_and_its_login_returned(modules):
    job = rescued(modules)
    run = modules.run('rescue_mode', server_id=SERVER, no_log=True, diff=True)
    assert not run.changed and not run.failed
    assert run['job']['uuid'] == job['uuid'] and run['job']['status'] == 'FINISHED'
    assert run['credential'] == {'type': 'RESCUE_MODE', 'username': 'root', 'password': stored_password(modules)}
    assert (
        run['diff']['before']
        == run['diff']['after']
        == {'job': {'type': 'rescueMode', 'uuid': job['uuid'], 'status': 'FINISHED'}}
    )
    assert run.calls == [RUNNING, JOBS, LOGINS, CREDENTIAL]
    forced = modules.run('rescue_mode', server_id=SERVER, force=True, wait=False)
    assert forced.changed and forced.calls == [RUNNING, IMAGES, POST]


def test_a_server_in_rescue_mode_without_a_root_login_returns_the_login_stored(modules):
    rescued(modules)
    assert modules.api('DELETE', '/servers/12345/credentials/RESCUE_MODE/root')[0] == 204
    assert (
        modules.api(
            'POST',
            '/servers/12345/credentials',
            {'type': 'RESCUE_MODE', 'username': 'admin', 'password': 'Adm1n-pw-77'},
        )[0]
        == 200
    )
    run = modules.run('rescue_mode', server_id=SERVER, no_log=True)
    assert not run.changed and not run.failed
    assert run['credential'] == {'type': 'RESCUE_MODE', 'username': 'admin', 'password': 'Adm1n-pw-77'}
    assert run.calls == [RUNNING, JOBS, LOGINS, 'GET /servers/12345/credentials/RESCUE_MODE/admin']


def test_absent_power_cycles_a_server_in_rescue_mode_back_and_forgets_its_login(modules):
    rescued(modules)
    check = modules.run('rescue_mode', server_id=SERVER, state='absent', check_mode=True, diff=True)
    assert check.changed and check.writes == []
    assert check['diff'] == {'before': {'rescue_mode': True}, 'after': {'rescue_mode': False}}
    run = modules.run('rescue_mode', server_id=SERVER, state='absent', wait_sleep=1)
    assert run.changed and not run.failed
    assert run['power']['powered_on'] is True
    # the power cycle is seen off, then on; then the login, void now, is removed
    assert run.calls == [
        RUNNING,
        JOBS,
        LOGINS,
        'GET /servers/12345/powerInfo',
        RUNNING,
        'POST /servers/12345/powerCycle',
        'GET /servers/12345/powerInfo',
        'GET /servers/12345/powerInfo',
        'DELETE /servers/12345/credentials/RESCUE_MODE/root',
    ]
    assert modules.api('GET', '/servers/12345/credentials/RESCUE_MODE/root')[0] == 404
    again = modules.run('rescue_mode', server_id=SERVER, state='absent')
    # the newest job is still the rescue mode job, but no login is stored: not in rescue mode
    assert not again.changed and again.calls == [RUNNING, JOBS, LOGINS]


def test_absent_waits_for_a_rescue_mode_job_that_runs(modules):
    job = modules.start_job(SERVER, 'rescueMode', body={'rescueImageId': 'GRML', 'powerCycle': True})
    run = modules.run('rescue_mode', server_id=SERVER, state='absent', wait_sleep=1)
    assert run.changed and not run.failed
    assert run['job']['uuid'] == job['uuid'] and run['job']['status'] == 'FINISHED'
    assert run.calls[:2] == [RUNNING, read_job(job['uuid'])] and run.writes == [
        'POST /servers/12345/powerCycle',
        'DELETE /servers/12345/credentials/RESCUE_MODE/root',
    ]


def test_absent_leaves_a_server_not_in_rescue_mode_and_refuses_while_another_job_runs(modules):
    run = modules.run('rescue_mode', server_id=SERVER, state='absent')
    assert not run.changed and not run.failed and run.calls == [RUNNING, JOBS]
    scan = modules.start_job(SERVER, 'hardwareScan', outcome='HANG')
    busy = modules.run('rescue_mode', server_id=SERVER, state='absent')
    assert busy.failed and not busy.changed and busy.writes == []
    assert busy.msg.startswith('Server 12345 is busy with hardwareScan job %s' % scan['uuid'])
